"""The spaCy component ``zhreport_facts`` on spacy.blank("zh") with the jieba segmenter."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
import spacy
from conftest import REPO
from spacy import displacy
from spacy.language import Language

import zhreport_extract.spacy_component as component
from zhreport_extract import Fact

TEXT = "2018年，贵港市妇联推送信息657条，阅读量达22.12万次。各级妇联举办招聘会10多场。"


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zhreport_facts")
    return nlp


def test_facts_on_the_doc(nlp: Language) -> None:
    doc = nlp(TEXT)
    facts = doc._.facts
    assert all(isinstance(f, Fact) for f in facts)
    assert [(f.quantity.text, f.count, f.unit, f.qualifier) for f in facts] == [
        ("657条", Decimal(657), "条", None), ("22.12万次", Decimal(221200), "次", None), ("10多场", Decimal(10), "场", "over"),
    ]
    assert facts[0].actor == "贵港市妇联"
    assert doc._.zhreport.facts == tuple(facts)
    doc._.zhreport.check(doc.text)


def test_span_groups(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert [(s.text, s.label_) for s in doc.spans["quantities"]] == [
        ("657条", "QUANTITY"), ("22.12万次", "QUANTITY"), ("10多场", "QUANTITY"),
    ]
    metrics = [(s.start_char, s.end_char) for s in doc.spans["facts"] if s.label_ == "METRIC"]
    expected = sorted({(f.metric.start, f.metric.end) for f in doc._.facts if f.metric is not None})
    assert metrics == expected  # jieba words here align with the metric spans
    assert ("阅读量", "METRIC") in [(s.text, s.label_) for s in doc.spans["facts"]]
    assert [s.label_ for s in doc.spans["facts"]].count("QUANTITY") == 3
    starts = [s.start for s in doc.spans["facts"]]
    assert starts == sorted(starts)
    assert [(s.text, s.label_) for s in doc.spans["entities"]] == [("贵港市妇联", "ORG")]
    quantity = doc.spans["quantities"][1]
    fact = component.fact_of(doc, quantity)
    assert fact is not None and fact.quantity.text == "22.12万次"


def test_spans_widen_to_whole_tokens() -> None:
    """A quantity inside a jieba word is widened to the word (alignment_mode="expand")."""
    nlp = spacy.blank("zh")  # character tokens: every span aligns
    nlp.add_pipe("zhreport_facts", config={"entities": False})
    doc = nlp("参与群众4000多人。")
    assert [s.text for s in doc.spans["quantities"]] == ["4000多人"]
    jieba_nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    jieba_nlp.add_pipe("zhreport_facts", config={"entities": False})
    doc = jieba_nlp("共计5人次参加")
    for span in doc.spans["quantities"]:
        fact = component.fact_of(doc, span)
        assert fact is not None
        assert span.start_char <= fact.quantity.start and fact.quantity.end <= span.end_char


def test_displacy_renders_the_spans(nlp: Language) -> None:
    doc = nlp(TEXT)
    html = displacy.render(doc, style="span", options={"spans_key": "facts"}, jupyter=False)
    assert "QUANTITY" in html and "METRIC" in html
    assert "阅读" in html and "22.12" in html
    html = displacy.render(doc, style="span", options={"spans_key": "quantities"}, jupyter=False)
    assert html.count("QUANTITY") == 3


def test_config_reaches_the_extractor(tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("zh")
    pipe = nlp.add_pipe("zhreport_facts", config={"patterns_dir": str(REPO / "patterns"), "entities": False})
    assert "actor" not in pipe.extractor.stage_names
    assert pipe.extractor.patterns.directory == REPO / "patterns"
    assert nlp.config["components"]["zhreport_facts"]["factory"] == "zhreport_facts"


def test_factory_found_through_the_entry_point_without_import() -> None:
    """A fresh interpreter that never imports zhreport_extract still finds the factory."""
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('zh', config={'nlp': {'tokenizer': {'segmenter': 'jieba'}}})\n"
        "nlp.add_pipe('zhreport_facts', config={'entities': False})\n"
        "doc = nlp('推送信息657条。')\n"
        "print([f.quantity.text for f in doc._.facts])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['657条']"


# --- issue 18: Docs that serialise, context through as_tuples, colours ---------------------


def _nlp():  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zhreport_facts")
    return nlp


MADE_UP = "今年市妇联推送信息657条，阅读量达22.12万次。"


def test_docs_serialise_to_bytes_and_docbin() -> None:
    from spacy.tokens import Doc, DocBin

    nlp = _nlp()
    doc = nlp(MADE_UP)
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [f.quantity.text for f in back._.facts] == ["657条", "22.12万次"]
    assert back._.zhreport == doc._.zhreport
    box = DocBin(store_user_data=True)
    box.add(doc)
    [again] = list(DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(nlp.vocab))
    assert [int(f.count) for f in again._.facts] == [657, 221200]
    assert [s._.fact.unit for s in again.spans["quantities"]] == ["条", "次"]


def test_pipe_with_two_processes_and_context() -> None:
    nlp = _nlp()
    items = [(MADE_UP, {"doc_id": f"d{i}", "date": "2021-04-01"}) for i in range(4)]
    out = list(nlp.pipe(items, as_tuples=True, n_process=2, batch_size=2))
    assert [(doc._.zhreport.doc_id, context["doc_id"]) for doc, context in out] == [(f"d{i}", f"d{i}") for i in range(4)]
    assert {f.year for doc, _ in out for f in doc._.facts} == {2021}


def test_displacy_colours_every_label() -> None:
    from spacy import displacy

    from zhreport_extract.spacy_component import COLORS, DISPLACY_OPTIONS

    doc = _nlp()(MADE_UP)
    page = displacy.render(doc, style="span", options=DISPLACY_OPTIONS)
    assert COLORS["QUANTITY"] in page and COLORS["METRIC"] in page
    assert {"QUANTITY", "METRIC", "ORG", "LOC", "WORK", "INITIATIVE"} <= set(COLORS)
