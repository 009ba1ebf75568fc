"""spaCy component ``zhreport_facts``: the extractor's facts on a spaCy ``Doc``.

Registered when this module is imported and through the ``spacy_factories`` entry point,
so an installed package needs no import::

    import spacy
    from spacy import displacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zhreport_facts")                 # config: patterns_dir, entities
    doc = nlp("市妇联推送信息657条，阅读量达22.12万次。")
    doc._.facts                                    # the Fact records
    doc.spans["quantities"]                        # QUANTITY spans
    doc.spans["facts"]                             # QUANTITY and METRIC spans
    doc.spans["entities"]                          # ORG / LOC / WORK spans
    displacy.render(doc, style="span", options={"spans_key": "facts"})

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
from .records import DocumentResult, Fact

FACTORY = "zhreport_facts"
QUANTITY, METRIC = "QUANTITY", "METRIC"

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Doc.has_extension("zhreport"):
    Doc.set_extension("zhreport", default=None)
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
        result = self.extractor.extract(doc.text)
        set_annotations(doc, result)
        return doc


def set_annotations(doc: Doc, result: DocumentResult) -> None:
    """``doc._.facts``, ``doc._.zhreport`` (the whole result) and the span groups."""
    doc._.facts = list(result.facts)
    doc._.zhreport = result
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


__all__ = ["FACTORY", "FactsComponent", "fact_of", "make_facts_component", "set_annotations"]
