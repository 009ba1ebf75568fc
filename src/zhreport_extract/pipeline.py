"""The pipeline: normalise -> segment -> the stages, one per field (stages.py) -> records."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path
from typing import Any

import regex

from .entities import Engine
from .normalise import make_table, normalise
from .patterns import Patterns
from .documents import DocInput, parse_date
from .gcpause import collector_paused
from .records import DocumentResult, ExtractionError, Fact, Sentence
from .spacing import LetterSpacing, NumberSpacing, PageFurniture, PinyinGlosses
from .segment import (
    GluedParagraphs, RunningHeaders, WordSegmenter, WrappedLines, join_at, join_wrapped_lines, split_paragraphs,
    split_sentences, unit_head,
)
from .pool import run_batch
from .stage import Document, Stage
from .stages import DEFAULT_ORDER, build_stages

class Extractor:
    """Reads reports and returns their facts. Build once, call many times.

    >>> ex = Extractor()
    >>> [(f.quantity.text, int(f.count), f.unit) for f in ex.extract("推送信息657条，阅读量达22.12万次。").facts]
    [('657条', 657, '条'), ('22.12万次', 221200, '次')]

    The work is done by :attr:`stages`, one per field, in order (:mod:`zhreport_extract.stages`):

    >>> ex.stage_names
    ('quantities', 'metric', 'per', 'initiative', 'year', 'change', 'status', 'indicator', 'period', 'actor')
    """

    def __init__(
        self, patterns_dir: Path | str | None = None, *, entities: bool | Engine = True, disable: Iterable[str] = (),
        max_seconds_per_doc: float | None = None,
    ) -> None:
        """``entities``: find ORG / LOC / WORK entities by the rules of entities.toml, in the
        sentences that hold a fact, and give each fact its ``actor``; ``"spacy"`` runs the same
        rules with spaCy's SpanRuler (same answers, slower), False finds none. ``disable``:
        names of stages to leave out (their fields keep their defaults). ``max_seconds_per_doc``:
        a document that takes longer comes back with the facts finished so far and a
        ``time_budget`` error (checked between facts and between stages)."""
        disable = tuple(disable)
        if "quantities" in disable:
            raise ValueError("the quantities stage makes the facts: it cannot be disabled")
        if max_seconds_per_doc is not None and not max_seconds_per_doc > 0:
            raise ValueError(f"max_seconds_per_doc must be a positive number of seconds, got {max_seconds_per_doc!r}")
        self.max_seconds = max_seconds_per_doc
        self.options: dict[str, Any] = {  # what worker processes build theirs with
            "entities": entities, "disable": disable, "max_seconds_per_doc": max_seconds_per_doc,
        }
        self.patterns = Patterns(patterns_dir)
        self.words = WordSegmenter(self.patterns.user_dict)
        self.normal_table = make_table(self.patterns.traditional.map, library=self.patterns.traditional.library)
        self.letter_spacing = LetterSpacing(self.patterns.numbers.letter_spacing)
        self.glosses = PinyinGlosses(self.patterns.numbers.pinyin_gloss)
        self.furniture = PageFurniture(self.patterns.numbers.page_furniture)
        self.unit_head = unit_head(self.patterns.unit_kinds)  # a line that goes on with a number's unit
        self.glued = GluedParagraphs(self.patterns.numbers.glued_paragraphs)
        self.wrapped = WrappedLines(self.normal_table, self.unit_head)
        # what the text is read without, in this order (spacing.py): each gives the text cut and
        # the place of each character kept, and maps a result's offsets back
        self.compactors: tuple[
            LetterSpacing | PinyinGlosses | PageFurniture | RunningHeaders | NumberSpacing | WrappedLines, ...
        ] = (
            self.glosses, self.furniture, RunningHeaders(), self.letter_spacing,
            NumberSpacing(self.patterns.numbers.number_spacing), self.wrapped,
        )
        names = tuple(n for n in DEFAULT_ORDER if n not in disable)
        unknown = set(disable) - set(DEFAULT_ORDER)
        if unknown:
            raise ValueError(f"unknown stage(s) to disable: {sorted(unknown)}; stages: {list(DEFAULT_ORDER)}")
        self.stages: list[Stage] = build_stages(self.patterns, self.words, self.options, names)
        self._built = tuple(self.stages)

    @property
    def modified(self) -> bool:
        """Whether stages were added or removed since the extractor was built (a worker
        process that builds its own extractor from the options would not have them)."""
        return tuple(self.stages) != self._built

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def stage(self, name: str) -> Stage:
        """The stage named ``name`` (a KeyError names the stages there are)."""
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise KeyError(f"no stage {name!r}; stages: {list(self.stage_names)}")

    def add_stage(self, stage: Stage, *, after: str | None = None) -> None:
        """Run ``stage`` after the stage named ``after`` (default: last)."""
        if not isinstance(stage, Stage):
            raise TypeError(f"add_stage takes a Stage, got {type(stage).__name__}")
        where = len(self.stages) if after is None else self.stage_names.index(after) + 1
        self.stages.insert(where, stage)

    def remove_stage(self, name: str) -> Stage:
        """Take the stage named ``name`` out of the pipeline and return it."""
        if name == "quantities":
            raise ValueError("the quantities stage makes the facts: it cannot be removed")
        return self.stages.pop(self.stage_names.index(name))

    def extract(
        self, text: str, doc_id: str | None = None, date: Date | str | None = None,
        *, disabled_rules: Iterable[str] = (),
    ) -> DocumentResult:
        """The facts of one document. ``disabled_rules``: exclusion rule ids (exclusions.toml) or
        user rule ids (user_rules.toml) to switch off for this call, to see what a rule refuses;
        an unknown id is a ValueError. A user rule that times out is skipped and reported in the
        result's ``errors`` (kind ``rule_timeout``); the other facts are still returned.

        Python's cycle collector is paused while one document is read: extraction makes many
        short-lived objects but no reference cycles, and the collector's passes over the word
        caches cost a quarter of the time. Plain reference counting frees everything as before.

        Letter-spaced lines (a space between every two characters, from a PDF) are read without
        those spaces, pinyin glosses after characters (鎮(zhèn)) and whole lines of page
        furniture (浏览次数 | 打印, 当前位置：…) are skipped; the result's offsets and spans are of
        ``text`` as given (spacing.py)."""
        return self._read_compacted(text, doc_id, date, disabled_rules, 0)

    def _read_compacted(
        self, text: str, doc_id: str | None, date: Date | str | None, disabled_rules: Iterable[str], level: int,
    ) -> DocumentResult:
        """The text read without what each compactor from ``level`` on cuts (glosses, then
        furniture lines, then letter spacing), the offsets of each restored on the way out."""
        if level == len(self.compactors):
            return self._extract(text, doc_id, date, disabled_rules)
        compactor = self.compactors[level]
        cut = compactor.compact(text) if isinstance(text, str) else None
        if cut is None:
            return self._read_compacted(text, doc_id, date, disabled_rules, level + 1)
        short, places = cut
        return compactor.restore(self._read_compacted(short, doc_id, date, disabled_rules, level + 1), text, places)

    def _extract(
        self, text: str, doc_id: str | None, date: Date | str | None, disabled_rules: Iterable[str],
    ) -> DocumentResult:
        doc = self.document(text, doc_id, date, disabled_rules)
        deadline = None if self.max_seconds is None else time.monotonic() + self.max_seconds
        done = 0  # facts whose fields are all filled
        # the stages' fill hooks, called per fact, less those that are Stage's own (they do nothing)
        fills = [fill for fill in (stage.fill for stage in self.stages) if getattr(fill, "__func__", None) is not Stage.fill]
        with collector_paused():
            try:
                for stage in self.stages:
                    stage.begin(doc)
                    _check(deadline, self.max_seconds, f"stage {stage.name}")
                for draft in doc.drafts:
                    for fill in fills:
                        fill(doc, draft)
                    done += 1
                    if deadline is not None:
                        _check(deadline, self.max_seconds, f"fact {done} of {len(doc.drafts)}")
            except TimeoutError as exc:
                return self._result(doc, [], ExtractionError(kind="timeout", message=str(exc)))
            except _OverBudget as exc:
                facts = [draft.fact(doc) for draft in doc.drafts[:done]]
                doc.errors.append(ExtractionError(kind="time_budget", message=str(exc)))
                return self._result(doc, facts)
            facts = [draft.fact(doc) for draft in doc.drafts]
            for stage in self.stages:
                facts = stage.finish(doc, facts)
            return self._result(doc, facts)

    def document(
        self, text: str, doc_id: str | None = None, date: Date | str | None = None, disabled_rules: Iterable[str] = (),
    ) -> Document:
        """The document as the stages see it: checked input, normalised view, paragraphs, sentences."""
        if isinstance(disabled_rules, str):
            raise TypeError(f"disabled_rules takes a list of rule ids, not the str {disabled_rules!r}")
        if doc_id is not None and not isinstance(doc_id, str):
            raise TypeError(f"doc_id must be str or None, got {type(doc_id).__name__}: {doc_id!r:.60}")
        disabled = frozenset(disabled_rules)
        unknown = disabled - {rule.id for rule in self.patterns.exclusions.rule} - {
            rule.id for rule in self.patterns.user_rules.rule
        }
        if unknown:
            raise ValueError(f"unknown exclusion or user rule(s): {sorted(unknown)}")
        if not isinstance(text, str):
            raise TypeError(f"extract() needs the document as str, got {type(text).__name__}: {text!r:.60}")
        read = self.wrapped.view_of(text)  # the view and breaks the wrapped-lines compactor found
        normal = read[0] if read is not None else normalise(text, self.normal_table)
        glued = self.glued.read(normal)
        # the breaks found hold where reading a glued text's spaces as line breaks changed nothing
        if read is not None and glued is normal:
            view = join_at(glued, read[1])
        else:
            view = join_wrapped_lines(glued, self.unit_head)
        paragraphs = split_paragraphs(view)
        sentences = [
            Sentence(s, e, i)  # (start, end, paragraph)
            for i, p in enumerate(paragraphs) for s, e in split_sentences(view, p.start, p.end)
        ]
        errors: list[ExtractionError] = []
        try:
            when = parse_date(date)
        except ValueError as exc:  # the facts are still read; relative years stay unresolved
            when = None
            errors.append(ExtractionError(kind="bad_date", message=str(exc)))
        return Document(text, view, doc_id, when, paragraphs, sentences, disabled, errors=errors)

    @staticmethod
    def _result(doc: Document, facts: list[Fact], error: ExtractionError | None = None) -> DocumentResult:
        return DocumentResult(
            doc_id=doc.doc_id, length=len(doc.text), paragraphs=tuple(doc.paragraphs), sentences=tuple(doc.sentences),
            facts=tuple(facts), entities=tuple(doc.entities), errors=(error,) if error else tuple(doc.errors),
            year=None if error or doc.years is None else doc.years.review, year_source=None if error else doc.year_source,
        )

    def extract_batch(
        self, docs: Iterable[DocInput], n_process: int = 1, batch_size: int = 32, **options: Any
    ) -> Iterator[DocumentResult]:
        """Results for each document, in input order; a bad document yields a result with its error.

        ``n_process > 1`` extracts in that many worker processes built from this extractor's
        patterns directory; the input is streamed. See :func:`zhreport_extract.batch.extract_batch`
        for ``options`` and for what happens when a worker dies.
        """
        return run_batch(docs, self, n_process=n_process, batch_size=batch_size, **options)


class _OverBudget(Exception):
    pass


def _check(deadline: float | None, budget: float | None, where: str) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise _OverBudget(f"over the time budget of {budget} s per document, at {where}: facts finished so far are kept")
