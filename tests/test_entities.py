"""Entities (ORG, LOC, WORK) by spaCy rules from patterns/entities.toml, and each fact's actor."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, shared_path

from zhreport_extract import Extractor
from zhreport_extract.entities import EntityFinder, TokenMatcher, build_nlp
from zhreport_extract.patterns import EntitiesFile, PatternError, Patterns
from zhreport_extract.segment import WordSegmenter, split_paragraphs, split_sentences


@pytest.fixture(scope="module")
def finder() -> EntityFinder:
    patterns = Patterns()
    return EntityFinder(patterns, WordSegmenter(patterns.user_dict))


def found(finder: EntityFinder, text: str) -> list[tuple[str, str]]:
    entities = finder.find(text, [(0, len(text))])
    for e in entities:
        e.span.check(text)
    return [(e.label, e.span.text) for e in entities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018年，贵港市妇联团结带领广大妇女。", [("ORG", "贵港市妇联")]),
        ("市妇联举办了故事分享会。", [("ORG", "市妇联")]),
        ("中国妇女发展基金会捐赠物资。", [("ORG", "中国妇女发展基金会")]),
        ("广西万益律师事务所为妇女提供法律援助。", [("ORG", "广西万益律师事务所")]),
        ("港北区人民医院为妇女开展筛查。", [("ORG", "港北区人民医院")]),
        ("市卫生健康委员会、市妇幼保健院联合开展。", [("ORG", "市卫生健康委员会"), ("ORG", "市妇幼保健院")]),
        ("贵港市公安局和市民政局联合开展。", [("ORG", "贵港市公安局"), ("ORG", "市民政局")]),
        ("贵港市中小企业服务中心有限公司投入资金。", [("ORG", "贵港市中小企业服务中心有限公司")]),
        ("全国妇联表彰先进。", [("ORG", "全国妇联")]),
        ("湖北省武汉市江汉区举办活动。", [("LOC", "湖北省武汉市江汉区")]),
        ("走访覃塘区东龙镇古城村。", [("LOC", "覃塘区"), ("LOC", "东龙镇古城村")]),
        ("贵港市港北区贵城街道石羊塘社区开展活动。", [("LOC", "贵港市港北区贵城街道石羊塘社区")]),
        ("在《贵港日报》《中国妇女报》等刊登信息。", [("WORK", "《贵港日报》"), ("WORK", "《中国妇女报》")]),
    ],
)
def test_entities_in_short_texts(finder: EntityFinder, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "形成新的发展格局。",  # 格局 ends in 局 but is no bureau
        "全市城乡社区开展活动。",  # 全市, 城乡社区: no named place
        "各级妇联举办招聘会。",  # 妇联 alone names no particular body
        "开展家政培训进村活动，走进社区。",
        "医院和学校都在城市里。",
    ],
)
def test_no_entity_in_generic_words(finder: EntityFinder, text: str) -> None:
    assert found(finder, text) == []


def test_entities_are_spans_into_the_original_text(finder: EntityFinder) -> None:
    text = "前言。\n贵港市妇联在《贵港日报》刊登信息１２７条。"
    entities = finder.find(text, [(4, len(text))])
    assert [(e.label, e.span.start, e.span.end, e.rule) for e in entities] == [
        ("ORG", 4, 9, "org_named"), ("WORK", 10, 16, "work_title"),
    ]
    assert text[4:9] == "贵港市妇联"


def test_the_spacy_engine_is_a_span_ruler_over_our_words(finder: EntityFinder) -> None:
    from spacy.pipeline import SpanRuler

    nlp = finder.nlp
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["span_ruler"]
    assert isinstance(nlp.get_pipe("span_ruler"), SpanRuler)
    doc = nlp("贵港市妇联举办活动")
    assert [t.text for t in doc][:2] == ["贵港市", "妇联"]
    assert doc[0].tag_ == "ns"
    assert [(e.label_, e.text, e.ent_id_) for e in doc.ents] == [("ORG", "贵港市妇联", "org_named")]


def test_the_default_engine_does_not_import_spacy() -> None:
    code = (
        "import sys; from zhreport_extract import Extractor; "
        "r = Extractor().extract('贵港市妇联开展培训3场。'); "
        "print(r.facts[0].actor, 'spacy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["贵港市妇联", "False"]


@pytest.mark.parametrize(
    ("pattern", "tokens", "expected"),
    [
        # every span a quantified pattern matches, as spaCy's Matcher gives them
        ([{"TAG": "ns", "OP": "+"}, {"TEXT": "市"}], [("广西", "ns"), ("贵港", "ns"), ("市", "n")], [(0, 3), (1, 3)]),
        ([{"TAG": "ns"}, {"TAG": "n", "OP": "?"}], [("广西", "ns"), ("妇女", "n")], [(0, 1), (0, 2)]),
        ([{"TAG": "ns"}, {"TAG": "n", "OP": "{0,2}"}], [("甲", "ns"), ("乙", "n"), ("丙", "n"), ("丁", "n")],
         [(0, 1), (0, 2), (0, 3)]),
        ([{"TAG": "ns"}, {"TAG": "n", "OP": "{2}"}], [("甲", "ns"), ("乙", "n"), ("丙", "n")], [(0, 3)]),
        ([{"TEXT": "《"}, {"TEXT": "》", "OP": "!"}, {"TEXT": "》"}], [("《", "x"), ("报", "n"), ("》", "x")], [(0, 3)]),
        ([{"TEXT": {"REGEX": "局$", "NOT_IN": ["格局"]}}], [("格局", "n"), ("公安局", "nt")], [(1, 2)]),
        ([{"LENGTH": {">=": 3}, "IS_ASCII": False}], [("公安局", "nt"), ("ABC", "eng"), ("局", "n")], [(0, 1)]),
        ([{"TAG": "n", "OP": "*"}], [("甲", "v")], []),  # an empty match is no match
    ],
)
def test_token_matcher_semantics(pattern: list[dict[str, object]], tokens: list[tuple[str, str]], expected: list[tuple[int, int]]) -> None:
    rules = EntitiesFile.model_validate({"rule": [{"id": "r", "label": "ORG", "tokens": pattern}]})
    assert [(s, e) for s, e, _ in TokenMatcher(rules, list).matches(tokens)] == expected


def test_the_longest_then_earliest_span_wins() -> None:
    rules = EntitiesFile.model_validate({"rule": [
        {"id": "short", "label": "LOC", "tokens": [{"TAG": "ns"}]},
        {"id": "long", "label": "ORG", "tokens": [{"TAG": "ns"}, {"TAG": "n"}]},
    ]})
    tokens = [("贵港", "ns"), ("公安", "n"), ("港北", "ns"), ("贵城", "ns")]
    assert TokenMatcher(rules, list).spans(tokens) == [(0, 2, 1), (2, 3, 0), (3, 4, 0)]


def test_both_engines_agree_on_the_shared_reports(finder: EntityFinder) -> None:
    """The default engine against spaCy's SpanRuler, on every sentence of a sample of reports."""
    spacy_finder = EntityFinder(finder.patterns, finder.words, engine="spacy")
    folder = shared_path("corpus", "reports")
    count = 0
    for path in sorted(folder.glob("*.txt"))[::6]:
        text = path.read_text(encoding="utf-8")
        ranges = [s for p in split_paragraphs(text) for s in split_sentences(text, p.start, p.end)]
        ours = finder.find(text, ranges)
        assert ours == spacy_finder.find(text, ranges), path.name
        count += len(ours)
    assert count > 1000


def test_an_unknown_engine_is_refused(finder: EntityFinder) -> None:
    with pytest.raises(ValueError, match="entity engine must be 'rules' or 'spacy', got 'regex'"):
        EntityFinder(finder.patterns, finder.words, engine="regex")  # type: ignore[arg-type]


def test_extractor_gives_entities_and_actors() -> None:
    ex = Extractor()
    text = "2018年，贵港市妇联在《贵港日报》刊登信息127条。各级妇联举办招聘会10多场。港北区人民医院为2000名妇女开展筛查。"
    result = ex.extract(text)
    result.check(text)
    assert [(e.label, e.span.text) for e in result.entities] == [
        ("ORG", "贵港市妇联"), ("WORK", "《贵港日报》"), ("ORG", "港北区人民医院"),
    ]
    assert [(f.quantity.text, f.actor) for f in result.facts] == [
        ("127条", "贵港市妇联"), ("10多场", None), ("2000名", "港北区人民医院"),
    ]
    assert result.to_records()[0]["actor"] == "贵港市妇联"
    assert result.to_json_dict()["entities"][1] == {
        "label": "WORK", "span": {"start": 12, "end": 18, "text": "《贵港日报》"}, "rule": "work_title",
    }


def test_actor_is_the_nearest_org_before_the_fact() -> None:
    text = "市妇联联合市民政局开展培训3场，市妇联走访家庭20户。"
    facts = Extractor().extract(text).facts
    assert [(f.quantity.text, f.actor) for f in facts] == [("3场", "市民政局"), ("20户", "市妇联")]


def test_an_org_after_the_fact_or_in_another_sentence_is_no_actor() -> None:
    text = "贵港市妇联成立。开展培训3场，由市民政局主办。"
    facts = Extractor().extract(text).facts
    assert [(f.quantity.text, f.actor) for f in facts] == [("3场", None)]


def test_entities_only_in_sentences_with_facts() -> None:
    text = "贵港市妇联召开会议。市民政局开展培训3场。"
    result = Extractor().extract(text)
    assert [e.span.text for e in result.entities] == ["市民政局"]


def test_entities_can_be_turned_off() -> None:
    ex = Extractor(entities=False)
    assert "actor" not in ex.stage_names
    result = ex.extract("贵港市妇联开展培训3场。")
    assert result.entities == ()
    assert result.facts[0].actor is None


def test_entity_rules_are_validated(tmp_path: Path) -> None:
    good = (REPO / "patterns" / "entities.toml").read_text(encoding="utf-8")
    cases = {
        'OP = "{1,30}"': "more than 8 optional tokens",
        'TEXT = { REGEX = "(unclosed" }': "invalid regex",
        'TEXT = { IN = "@no_such_set" }': "no set named 'no_such_set'",
        'TXT = "x"': "unknown attribute 'TXT'",
    }
    for token, reason in cases.items():
        directory = tmp_path / str(abs(hash(token)))
        shutil.copytree(REPO / "patterns", directory)
        (directory / "entities.toml").write_text(
            good + f'\n[[rule]]\nid = "broken"\nlabel = "ORG"\ntokens = [{{ {token} }}]\n', encoding="utf-8"
        )
        with pytest.raises(PatternError, match=reason):
            Patterns(directory)


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ('TAG = { IN = "ns" }', "TAG: IN takes a list of values or an @set, got 'ns'"),
        ("LENGTH = { REGEX = 3 }", "LENGTH: REGEX takes a string, on a text attribute, got 3"),
        ('TEXT = { ">=" = 2 }', "TEXT: >= takes a whole number, on LENGTH"),
        ('IS_DIGIT = "yes"', "IS_DIGIT takes true or false"),
        ('LENGTH = "3"', "LENGTH takes a whole number"),
        ("TAG = 3", "TAG takes a string"),
        ('POS = "NOUN"', "unknown attribute 'POS'"),  # no engine here sets POS
    ],
)
def test_a_predicate_of_the_wrong_kind_is_refused_at_load(tmp_path: Path, token: str, reason: str) -> None:
    shutil.copytree(REPO / "patterns", tmp_path / "p")
    path = tmp_path / "p" / "entities.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + f'\n[[rule]]\nid = "odd"\nlabel = "ORG"\ntokens = [{{ {token} }}]\n',
        encoding="utf-8",
    )
    with pytest.raises(PatternError, match=re.escape(reason)):
        Patterns(tmp_path / "p")


def test_spacy_validates_the_patterns_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What spaCy refuses is reported with the rule's id (here a pattern that slipped past ours)."""
    patterns = Patterns()
    broken = patterns.entities.rule[1].model_copy(update={"tokens": [{"TEXT": {"REGEX": "[甲-乙]"}, "OP": "~"}]})
    monkeypatch.setattr(patterns, "entities", patterns.entities.model_copy(update={"rule": [broken]}))
    with pytest.raises(PatternError, match="entry 'org_word'"):
        build_nlp(patterns)


def test_entities_file_needs_phrase_or_tokens() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        EntitiesFile.model_validate({"rule": [{"id": "x", "label": "ORG"}]})
    with pytest.raises(ValueError, match="duplicate rule id"):
        EntitiesFile.model_validate({"rule": [{"id": "x", "label": "ORG", "phrase": "甲"}] * 2})


def test_only_clauses_with_an_anchor_are_cut(finder: EntityFinder, monkeypatch: pytest.MonkeyPatch) -> None:
    finder.matcher  # noqa: B018 - built first (it cuts its phrases)
    asked: list[str] = []
    real = finder.words.words
    monkeypatch.setattr(finder.words, "words", lambda text, start=0: asked.append(text) or real(text, start))
    text = "全年开展培训3场，走访家庭20户，港北区人民医院开展筛查。"
    assert found(finder, text) == [("ORG", "港北区人民医院")]
    assert asked == ["港北区人民医院开展筛查。"]


def test_anchors_are_validated() -> None:
    base = {"id": "x", "label": "ORG", "tokens": [{"TAG": "nt"}]}
    with pytest.raises(ValueError, match="no set named 'nothing'"):
        EntitiesFile.model_validate({"rule": [{**base, "anchors": ["@nothing"]}]})
    with pytest.raises(ValueError, match="an empty anchor would match everywhere"):
        EntitiesFile.model_validate({"rule": [{**base, "anchors": [""]}]})
    file = EntitiesFile.model_validate({"sets": {"s": ["局", "院"]}, "rule": [{**base, "anchors": ["@s", "厅"]}]})
    assert file.anchors(file.rule[0]) == ["局", "院", "厅"]


def test_the_spacy_engine_without_spacy_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if not installed
    with pytest.raises(ImportError, match=re.escape('pip install "zhreport_extract[spacy]"')):
        build_nlp(Patterns())
