"""The stage interface: what every pipeline stage reads and writes.

A stage reads the document (:class:`Document`: text, normalised view, paragraphs,
sentences, what earlier stages found) and, for each fact being built (:class:`Draft`),
writes the fields it ``assigns``. Every stage has the same three hooks:

- ``begin(doc)``: once per document, before any fact (find scopes, the document's year …);
- ``fill(doc, draft)``: once per fact, in document order;
- ``finish(doc, facts)``: once per document, on the finished facts (actors from entities).

Stages are registered by name (:func:`register`); :mod:`zhreport_extract.stages` holds the
built-in ones and their order. Each field of :data:`~zhreport_extract.fields.FACT_FIELDS`
names the stage that assigns it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, ClassVar

from .fields import FACT_FIELDS, FIELDS
from .patterns import Patterns
from .quantities import Quantity
from .segment import WordSegmenter
from .year import DocumentYears
from .records import Entity, ExtractionError, Fact, Offsets, Paragraph, Sentence, Span, YearSource, fact_of

# The fields the stages after the quantities write on a draft, from the field table (a cue
# comes with its field); those held as offsets until the fact is made.
STAGE_FIELDS = tuple(
    name for f in FACT_FIELDS if f.assigned_by not in ("quantities", "actor")
    for name in ((f.name, f"{f.name}_cue") if f.cue else (f.name,))
)
SPAN_FIELDS = frozenset(name for name in STAGE_FIELDS if name.endswith("_cue") or FIELDS[name].kind == "span")
_STAGE_FIELD_SPANS = tuple((name, name in SPAN_FIELDS) for name in STAGE_FIELDS)

# Characters either side of a fact that the field finders read. No real sentence is this long
# (the shared reports' longest is 501); a runaway one (a line without stops) is read near each
# fact only, so a document costs time linear in its length, whatever its punctuation.
WINDOW = 1000
CLAUSE_WINDOW = 250  # the same for a clause (the longest in the shared reports: 208), which jieba reads

Offs = tuple[int, int]


@dataclass
class Document:
    """What the stages know of one document."""

    text: str
    view: str  # the normalised text (same length, same offsets)
    doc_id: str | None
    date: Date | None
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    disabled_rules: frozenset[str] = frozenset()
    drafts: list[Draft] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    errors: list[ExtractionError] = field(default_factory=list)
    years: DocumentYears | None = None  # set by the year stage
    plan_paragraphs: list[bool] = field(default_factory=list)  # set by the year stage: paragraphs of a work plan
    year_source: YearSource | None = None
    state: dict[str, Any] = field(default_factory=dict)  # each stage's own per-document state

    def quantity_starts(self) -> list[int]:
        """Where the document's quantities start, sorted (read once the quantities stage has made the
        drafts; kept for the stages that look up the facts before or after a position)."""
        starts: list[int] | None = self.state.get("quantity_starts")
        if starts is None or len(starts) != len(self.drafts):
            order = sorted(range(len(self.drafts)), key=lambda i: self.drafts[i].q.start)
            self.state["quantity_order"] = order
            starts = self.state["quantity_starts"] = [self.drafts[i].q.start for i in order]
        return starts

    def draft_before(self, draft: Draft) -> Draft | None:
        """The fact whose quantity starts last before ``draft``'s, or None."""
        k = bisect.bisect_left(self.quantity_starts(), draft.q.start)
        return self.drafts[self.state["quantity_order"][k - 1]] if k > 0 else None


@dataclass
class Draft:
    """A fact being built: where its quantity stands, and the fields written so far
    (offsets into the document, turned into spans by :meth:`fact`)."""

    q: Quantity
    index: int  # of the sentence
    sentence: Sentence
    clause: Offs  # the clause that holds the quantity (cut to CLAUSE_WINDOW either side)
    near: int  # where the sentence starts, as far as the stages read (cut to WINDOW)
    written_unit: str | None = None  # the unit as the page writes it, where that differs from q.unit
    metric: Offs | None = None
    per: str | None = None
    initiative: str | None = None
    initiative_cue: Offs | None = None
    year: int | None = None
    change: str | None = None
    change_cue: Offs | None = None
    status: str = "actual"
    status_cue: Offs | None = None
    indicator: str | None = None
    indicator_cue: Offs | None = None
    period: str = "year"
    period_cue: Offs | None = None

    def fact(self, doc: Document) -> Fact:
        """The finished fact: the quantity's own fields, then every field the other stages
        wrote here, by the field table (a span field's offsets become a Span of the text)."""
        text, q = doc.text, self.q
        values: dict[str, Any] = {
            "quantity": Span.of(text, q.start, q.end),
            "count": q.count,
            "unit": self.written_unit or q.unit,
            "qualifier": q.qualifier,
            "count_max": q.count_max,
            "sentence": Offsets(start=self.sentence.start, end=self.sentence.end),
            "rule": q.rule,
        }
        for name, span in _STAGE_FIELD_SPANS:
            value = getattr(self, name)
            values[name] = Span.of(text, *value) if span and value is not None else value
        return fact_of(values)


class Stage:
    """A pipeline stage. Subclasses set ``name`` and ``assigns`` and override the hooks they need."""

    name: ClassVar[str] = ""
    assigns: ClassVar[tuple[str, ...]] = ()

    def begin(self, doc: Document) -> None:
        """Once per document, before its facts."""

    def fill(self, doc: Document, draft: Draft) -> None:
        """Once per fact, in document order."""

    def finish(self, doc: Document, facts: list[Fact]) -> list[Fact]:
        """Once per document, on the finished facts."""
        return facts

    def __repr__(self) -> str:
        return f"<stage {self.name}: assigns {', '.join(self.assigns) or 'nothing'}>"


StageFactory = Callable[[Patterns, WordSegmenter, dict[str, Any]], Stage | None]
REGISTRY: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name``. A factory takes (patterns, words, options)
    and returns the stage, or None where the options turn it off.

    >>> @register("shout")
    ... def _shout(patterns, words, options):
    ...     return None
    >>> "shout" in REGISTRY
    True
    >>> del REGISTRY["shout"]
    """

    def add(factory: StageFactory) -> StageFactory:
        REGISTRY[name] = factory
        return factory

    return add


