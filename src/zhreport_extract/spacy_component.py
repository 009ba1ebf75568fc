"""spaCy component ``zhreport_facts``: the extractor's facts on a spaCy ``Doc``.

Registered when this module is imported and through the ``spacy_factories`` entry point,
so an installed package needs no import::

    import spacy
    from spacy import displacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zhreport_facts")                 # config: patterns_dir, entities
    doc = nlp("市妇联推送信息657条，阅读量达22.12万次。")
    doc._.facts                                    # the Fact records
    doc.spans["quantities"]                        # QUANTITY spans; span._.fact, span._.count …
    doc.spans["facts"]                             # QUANTITY and METRIC spans
    doc.spans["entities"]                          # ORG / LOC / WORK spans
    displacy.render(doc, style="span", options=DISPLACY_OPTIONS)   # labels in colour

    # doc_id and date through the context of nlp.pipe(as_tuples=True)
    for doc, context in nlp.pipe([(text, {"doc_id": "a", "date": "2024-03-05"})], as_tuples=True):
        doc._.zhreport.doc_id                      # 'a'; 今年 read as 2024

The result is stored on the Doc as plain JSON data (``doc._.zhreport_data``, what
``DocumentResult.to_json_dict`` gives), so a Doc serialises like any other:
``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)`` work;
``doc._.zhreport`` and ``doc._.facts`` are the records rebuilt from it.

Spans are the records' character spans widened to whole tokens
(``alignment_mode="expand"``); the records keep the exact offsets.
"""

# No ``from __future__ import annotations`` here: spaCy reads the factory's annotations
# at run time to validate its config.

from typing import Any, Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .pipeline import Extractor
from .fields import FACT_FIELDS
from .html import KINDS
from .records import DocumentResult, Fact

FACTORY = "zhreport_facts"
QUANTITY, METRIC = "QUANTITY", "METRIC"
#: displaCy colours of the labels, the HTML view's (``show``) where it has them
COLORS = {
    QUANTITY: KINDS["qty"][1], METRIC: KINDS["met"][1], "INITIATIVE": KINDS["ini"][1], "ORG": KINDS["org"][1],
    "LOC": "#ffccbc", "WORK": "#b2dfdb",
}
DISPLACY_OPTIONS: dict[str, Any] = {"spans_key": "facts", "colors": COLORS}

_results: dict[int, tuple[Any, DocumentResult]] = {}  # id(data) -> (data, its result): a small cache


def result_of(doc: Doc) -> Optional[DocumentResult]:
    """The :class:`DocumentResult` stored (as JSON data) on ``doc``, or None."""
    data = doc._.zhreport_data
    if data is None:
        return None
    hit = _results.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    result = DocumentResult.model_validate(data)
    if len(_results) >= 256:
        _results.clear()
    _results[id(data)] = (data, result)
    return result


def _facts_of(doc: Doc) -> Optional[list[Fact]]:
    result = result_of(doc)
    return None if result is None else list(result.facts)


if not Doc.has_extension("zhreport_data"):
    Doc.set_extension("zhreport_data", default=None)
if not Doc.has_extension("facts"):
    Doc.set_extension("facts", getter=_facts_of)
if not Doc.has_extension("zhreport"):
    Doc.set_extension("zhreport", getter=result_of)
if not Span.has_extension("fact"):
    Span.set_extension("fact", getter=lambda span: fact_of(span.doc, span))
# one attribute per field of the field table on a quantity span: span._.count, span._.change …
def _field_getter(name: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        return getattr(fact_of(span.doc, span), name, None)

    return get


for _field in FACT_FIELDS:
    if _field.name not in ("quantity", "sentence") and not Span.has_extension(_field.name):
        Span.set_extension(_field.name, getter=_field_getter(_field.name))


class FactsComponent:
    """Runs an :class:`Extractor` on ``doc.text`` and writes its results onto the Doc."""

    def __init__(self, nlp: Language, name: str, patterns_dir: Optional[str] = None, entities: bool = True) -> None:
        self.name = name
        self.extractor = Extractor(patterns_dir, entities=entities)

    def __call__(self, doc: Doc) -> Doc:
        context = getattr(doc, "_context", None)  # nlp.pipe(..., as_tuples=True) sets it
        doc_id = date = None
        if isinstance(context, dict):
            doc_id, date = context.get("doc_id", context.get("id")), context.get("date")
        result = self.extractor.extract(doc.text, doc_id=None if doc_id is None else str(doc_id), date=date)
        set_annotations(doc, result)
        return doc


def set_annotations(doc: Doc, result: DocumentResult) -> None:
    """``doc._.zhreport_data`` (the result as JSON data; ``doc._.zhreport`` and ``doc._.facts``
    read it) and the span groups."""
    doc._.zhreport_data = result.to_json_dict()
    quantities: list[Span] = []
    facts: list[Span] = []
    for fact in result.facts:
        q = _span(doc, fact.quantity.start, fact.quantity.end, QUANTITY)
        if q is not None:
            quantities.append(q)
            facts.append(q)
        if fact.metric is not None:
            m = _span(doc, fact.metric.start, fact.metric.end, METRIC)
            if m is not None and all((s.start, s.end, s.label_) != (m.start, m.end, METRIC) for s in facts):
                facts.append(m)
    doc.spans["quantities"] = quantities
    doc.spans["facts"] = sorted(facts, key=lambda s: (s.start, s.end))
    doc.spans["entities"] = [
        s for e in result.entities if (s := _span(doc, e.span.start, e.span.end, e.label)) is not None
    ]


def _span(doc: Doc, start: int, end: int, label: str) -> Optional[Span]:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def fact_of(doc: Doc, span: Span) -> Optional[Fact]:
    """The fact whose quantity ``span`` (from ``doc.spans["quantities"]``) covers."""
    for fact in doc._.facts or ():
        if span.start_char <= fact.quantity.start and fact.quantity.end <= span.end_char:
            return fact  # type: ignore[no-any-return]
    return None


@Language.factory(FACTORY, default_config={"patterns_dir": None, "entities": True})
def make_facts_component(nlp: Language, name: str, patterns_dir: Optional[str], entities: bool) -> FactsComponent:
    """The ``zhreport_facts`` factory (also the ``spacy_factories`` entry point)."""
    return FactsComponent(nlp, name, patterns_dir=patterns_dir, entities=entities)


__all__ = ["COLORS", "DISPLACY_OPTIONS", "FACTORY", "FactsComponent", "fact_of", "make_facts_component", "result_of",
           "set_annotations"]
