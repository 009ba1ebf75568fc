"""The pipeline: normalise -> segment -> quantities -> metric, initiative, year -> records."""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date as Date
from pathlib import Path
from typing import Any, cast

import regex

from .entities import Engine, EntityFinder, with_actors
from .initiative import InitiativeFinder, ScopeIndex
from .metric import MetricFinder
from .normalise import make_table, normalise
from .patterns import Patterns
from .quantities import QuantityFinder, merge_user
from .records import DocumentResult, Entity, ExtractionError, Fact, Offsets, Qualifier, Sentence, Span
from .segment import WordSegmenter, join_wrapped_lines, split_clauses, split_paragraphs, split_sentences
from .year import YearResolver

DocInput = str | tuple[str, str] | dict[str, Any]
# Characters either side of a fact that the field finders read. No real sentence is this long
# (the shared reports' longest is 501); a runaway one (a line without stops) is read near each
# fact only, so a document costs time linear in its length, whatever its punctuation.
WINDOW = 1000
CLAUSE_WINDOW = 250  # the same for a clause (the longest in the shared reports: 208), which jieba reads


class Extractor:
    """Reads reports and returns their facts. Build once, call many times.

    >>> ex = Extractor()
    >>> [(f.quantity.text, int(f.count), f.unit) for f in ex.extract("推送信息657条，阅读量达22.12万次。").facts]
    [('657条', 657, '条'), ('22.12万次', 221200, '次')]
    """

    def __init__(self, patterns_dir: Path | str | None = None, *, entities: bool | Engine = True) -> None:
        """``entities``: find ORG / LOC / WORK entities by the rules of entities.toml, in the
        sentences that hold a fact, and give each fact its ``actor``; ``"spacy"`` runs the same
        rules with spaCy's SpanRuler (same answers, slower), False finds none."""
        self.options: dict[str, Any] = {"entities": entities}  # what worker processes build theirs with
        self.patterns = Patterns(patterns_dir)
        self.words = WordSegmenter(self.patterns.user_dict)
        engine: Engine = "spacy" if entities == "spacy" else "rules"
        self.entity_finder = EntityFinder(self.patterns, self.words, engine) if entities else None
        self.quantities = QuantityFinder(self.patterns)
        self.metrics = MetricFinder(self.patterns, self.words)
        self.initiatives = InitiativeFinder(self.patterns)
        self.years = YearResolver(self.patterns)
        self.normal_table = make_table(self.patterns.traditional.map)
        self.per_before = sorted(self.patterns.per.before.items(), key=lambda kv: len(kv[0]), reverse=True)

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
        caches cost a quarter of the time. Plain reference counting frees everything as before."""
        with collector_paused():
            return self._extract(text, doc_id, date, disabled_rules)

    def _extract(
        self, text: str, doc_id: str | None, date: Date | str | None, disabled_rules: Iterable[str],
    ) -> DocumentResult:
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
        when = _parse_date(date)
        view = join_wrapped_lines(normalise(text, self.normal_table))
        paragraphs = split_paragraphs(view)
        sentences = [
            Sentence(start=s, end=e, paragraph=i)
            for i, p in enumerate(paragraphs) for s, e in split_sentences(view, p.start, p.end)
        ]
        doc_years = self.years.document_years(view, when)
        section_years = self.years.section_years(view, paragraphs, doc_years)
        scopes = ScopeIndex(self.initiatives.scopes(view, paragraphs, [(s.start, s.end, s.paragraph) for s in sentences]))
        starts = [s.start for s in sentences]
        facts: list[Fact] = []
        errors: list[ExtractionError] = []
        para_year: dict[int, int | None] = {}
        last_metric: tuple[int, tuple[int, int] | None] = (-1, None)
        prev_end = 0
        last_respective: tuple[int, int] = (-1, 0)  # sentence index, values seen after 分别
        clauses: tuple[int, list[tuple[int, int]], list[int]] = (-1, [], [])  # the sentence at hand: clauses, starts
        slow_rules: dict[str, str] = {}
        try:
            found = self.quantities.find(view, disabled, slow_rules)
        except TimeoutError as exc:
            return self._failed(doc_id, text, paragraphs, sentences, "timeout", str(exc))
        user, timed_out = self.quantities.find_user(view, disabled)
        errors.extend(
            ExtractionError(kind="rule_timeout", message=msg, rule=rule) for rule, msg in [*slow_rules.items(), *timed_out]
        )
        if user:
            found = merge_user(found, user)
        for q in found:
            q = self.quantities.with_qualifier(view, q)
            k = bisect.bisect_right(starts, q.start) - 1
            if k < 0:
                continue
            sent = sentences[k]
            if clauses[0] != k:
                pieces = split_clauses(view, sent.start, sent.end)
                clauses = (k, pieces, [c[0] for c in pieces])
            clause = clauses[1][bisect.bisect_right(clauses[2], q.start) - 1]
            near = max(sent.start, q.start - WINDOW)  # where the sentence starts, as far as the finders know
            clause = (max(clause[0], q.start - CLAUSE_WINDOW), min(clause[1], q.end + CLAUSE_WINDOW))
            same_clause = prev_end > clause[0]
            metric = self.metrics.find(view, q.start, q.end, clause, prev_end if same_clause else 0)
            if same_clause and last_metric[0] == k and last_metric[1] and (
                metric is None or (self.metrics.is_bare_change(view, *metric) and self.metrics.is_from_to(view, prev_end, q.start))
            ):
                metric = last_metric[1]  # 由162.4亿元增加到…亿元: both ends count the same thing
            continues_list = last_respective[0] == k and self.metrics.continues_list(view, prev_end, q.start)
            prev_end = q.end
            if metric is not None and "分别" in view[metric[0] : metric[1] + 2] or continues_list:
                if last_respective[0] != k:
                    last_respective = (k, 0)
                item = self.metrics.respective(view, near, q.start, last_respective[1])
                last_respective = (k, last_respective[1] + 1)
                if item is not None:
                    metric = item
            if metric is None and last_metric[0] == k:
                metric = last_metric[1]
            if metric is None:
                metric = self.metrics.subject(view, near, clause[0])
            last_metric = (k, metric)
            p = paragraphs[sent.paragraph]
            if sent.paragraph not in para_year:
                opening = self.years.paragraph_year(view, p.start, p.end)
                para_year[sent.paragraph] = opening if opening is not None else section_years[sent.paragraph]
            year = self.years.fact_year(
                view, q.start, (near, sent.end), clause[0], p.start, para_year[sent.paragraph], doc_years
            )
            facts.append(
                Fact(
                    quantity=Span.of(text, q.start, q.end),
                    count=q.count, unit=q.unit, qualifier=cast(Qualifier | None, q.qualifier), count_max=q.count_max,
                    per=q.per or self._per(view, clause[0], q.start, metric),
                    metric=Span.of(text, *metric) if metric else None,
                    initiative=self._initiative(view, scopes, q.start, clause, metric, text),
                    year=year,
                    sentence=Offsets(start=sent.start, end=sent.end),
                    rule=q.rule,
                )
            )
        entities: list[Entity] = []
        if self.entity_finder is not None and facts:
            entities = self.entity_finder.find(text, [_entity_range(f) for f in facts], view)
            facts = with_actors(facts, entities)
        return DocumentResult(
            doc_id=doc_id, length=len(text), paragraphs=tuple(paragraphs), sentences=tuple(sentences),
            facts=tuple(facts), entities=tuple(entities), year=doc_years.review, errors=tuple(errors),
        )

    def _initiative(
        self, view: str, scopes: ScopeIndex, pos: int, clause: tuple[int, int], metric: tuple[int, int] | None,
        text: str,
    ) -> str | None:
        """The initiative in force, unless the fact is a change of a whole region or sector
        (出口增长69.4%) that is not stated in the clause naming the programme. The name as the
        text writes it (the view has traditional characters in simplified form)."""
        scope = scopes.at(pos)
        if scope is None:
            return None
        if metric is not None and scope.start < clause[0] and self.metrics.is_change(view, *metric):
            return None
        at = view.find(scope.name, scope.start)
        return text[at : at + len(scope.name)] if at >= 0 else scope.name

    def _per(self, view: str, c_start: int, q_start: int, metric: tuple[int, int] | None) -> str | None:
        """人均 / 年均 / 每人 … in the clause before the number or in the metric."""
        windows = [view[c_start:q_start]]
        if metric:
            windows.append(view[metric[0] : metric[1]])
        for window in windows:
            for word, per in self.per_before:
                if word in window:
                    return per
        return None

    def _failed(self, doc_id: str | None, text: str, paragraphs: Any, sentences: Any, kind: str, msg: str) -> DocumentResult:
        return DocumentResult(
            doc_id=doc_id, length=len(text), paragraphs=tuple(paragraphs), sentences=tuple(sentences),
            errors=(ExtractionError(kind=kind, message=msg),),
        )

    def extract_batch(
        self, docs: Iterable[DocInput], n_process: int = 1, batch_size: int = 32, **options: Any
    ) -> Iterator[DocumentResult]:
        """Results for each document, in input order; a bad document yields a result with its error.

        ``n_process > 1`` extracts in that many worker processes built from this extractor's
        patterns directory; the input is streamed. See :func:`zhreport_extract.batch.extract_batch`
        for ``options`` and for what happens when a worker dies.
        """
        from .batch import extract_batch

        return extract_batch(docs, extractor=self, n_process=n_process, batch_size=batch_size, **options)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the block, then as it was (for work that makes many
    objects and no reference cycles: extracting a document, unpickling its result)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _entity_range(fact: Fact) -> tuple[int, int]:
    """Where to look for a fact's entities: its sentence, or the CLAUSE_WINDOW-long piece of
    a runaway sentence that holds the fact (the entity rules never read a megabyte line)."""
    start, end = fact.sentence.start, fact.sentence.end
    if end - start <= WINDOW:
        return start, end
    piece = start + (fact.quantity.start - start) // CLAUSE_WINDOW * CLAUSE_WINDOW
    return piece, min(end, piece + CLAUSE_WINDOW)


def _unpack(doc: DocInput, n: int) -> tuple[str, str | None, Date | None]:
    if isinstance(doc, str):
        return doc, str(n), None
    if isinstance(doc, tuple) and len(doc) == 2:
        return doc[1], str(doc[0]), None
    if isinstance(doc, dict):
        doc_id = doc.get("doc_id", doc.get("id", str(n)))
        if "text" not in doc:
            raise KeyError(f"document {doc_id!r} has no 'text'")
        return doc["text"], str(doc_id), _parse_date(doc.get("date"))
    raise TypeError(f"document {n} must be str, (doc_id, text) or a dict, got {type(doc).__name__}")


def _parse_date(value: Date | str | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    if isinstance(value, str) and regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Date.fromisoformat(value)
    raise ValueError(f"date must be ISO YYYY-MM-DD, got {value!r}")
