"""The ``period`` stage: what stretch of time a figure covers (patterns/period.toml):
``year`` (the default), ``part`` of the year, or a ``span`` of several years.

>>> from zhreport_extract import Extractor
>>> ex = Extractor(entities=False)
>>> [(f.quantity.text, f.period) for f in ex.extract(
...     "上半年地区生产总值增长5%。五年来累计完成投资300亿元。全年粮食产量200万吨。").facts]
[('5%', 'part'), ('300亿元', 'span'), ('200万吨', 'year')]
"""

from __future__ import annotations

import bisect
from typing import Any

import regex

from .meaning_patterns import CuePattern, PeriodFile, load_meaning
from .numerals import parse_number
from .patterns import Patterns
from .segment import WordSegmenter
from .stage import Document, Draft, Offs, Stage, register

YEAR_SINCE = regex.compile(r"(?P<y>(?:19|20)\d\d)\s*年以来")


class PeriodStage(Stage):
    name = "period"
    assigns = ("period", "period_cue")

    def __init__(self, patterns: Patterns) -> None:
        cfg: PeriodFile = load_meaning(patterns, "period.toml", PeriodFile)
        self.cfg = cfg
        kinds = {w: "year" for w in cfg.year}
        kinds.update({w: "part" for w in cfg.part})
        kinds.update({w: "span" for w in [*cfg.span, *cfg.rate_span]})
        self.rate_span = frozenset(cfg.rate_span)
        self.level_before = tuple(cfg.level_before)
        self.level_units = frozenset(cfg.level_units)
        self.base = regex.compile(cfg.base_pattern) if cfg.base_pattern else None
        self.base_period = regex.compile(cfg.base_period_pattern) if cfg.base_period_pattern else None
        self.annual_titles = tuple(cfg.annual_titles)
        self.single_year = regex.compile(cfg.single_year_pattern) if cfg.single_year_pattern else None
        self.kinds = kinds
        alternatives = [regex.escape(w) for w in sorted(kinds, key=len, reverse=True)]
        if cfg.span_pattern:
            alternatives.insert(0, f"(?P<span>{cfg.span_pattern})")
        if cfg.part_pattern:
            alternatives.insert(0, f"(?P<part>{cfg.part_pattern})")
        self.cues = CuePattern("|".join(alternatives), patterns)

    def begin(self, doc: Document) -> None:
        frame: tuple[str, Offs] | None = None
        view = doc.view
        annual = bool(doc.paragraphs) and any(w in view[doc.paragraphs[0].start : doc.paragraphs[0].end] for w in self.annual_titles)
        # the lead: the first paragraph that is not a title line, and the one after it where the
        # first holds no figure (a dateline: 央视网消息：本台消息：…。)
        starts = [d.q.start for d in doc.drafts]
        lead: list[tuple[int, int]] = []
        for para in doc.paragraphs[:6]:
            if self._is_title(view[para.start : para.end]):
                continue
            lead.append((para.start, min(para.end, para.start + self.cfg.lead_reach)))
            holds_figure = any(para.start <= q < para.end for q in starts)
            if holds_figure or len(lead) >= self.cfg.lead_paragraphs:
                break
        if doc.paragraphs and self._is_title(view[doc.paragraphs[0].start : doc.paragraphs[0].end]):
            frame = self._last_cue(doc, doc.paragraphs[0].start, doc.paragraphs[0].end, None)  # the title's own
        for start, end in lead if frame is None else []:
            frame = self._framing_cue(doc, start, end, annual)
            if frame is not None:
                break
        # short lines holding a window cue (五年来主要做了以下工作。) frame the paragraphs after them
        sections: list[tuple[str, Offs] | None] = []
        current: tuple[str, Offs] | None = None
        for para in doc.paragraphs:
            line = view[para.start : para.end].strip()
            if para.heading or self._is_title(line):
                current = None
            if 0 < len(line) <= self.cfg.frame_line_length:
                cue = self._last_cue(doc, para.start, para.end, None)
                if cue is not None and cue[0] == "span":
                    current = cue
            sections.append(current)
        doc.state[self.name] = ({}, frame, sections)

    @staticmethod
    def _is_title(line: str) -> bool:
        line = line.strip()
        return 0 < len(line) <= 40 and not line.endswith(("。", "；", "！", "？", ";", "!", "?", "：", ":"))

    def _framing_cue(self, doc: Document, start: int, end: int, annual: bool) -> tuple[str, Offs] | None:
        """A cue that frames the document from its lead: a window of years that opens a
        sentence or clause of the lead (近年来，… / “十四五”以来，…); a part-year cue only where
        it opens the lead and the title names no whole year's report (not the formulaic
        今年以来 of an annual summary)."""
        view = doc.view
        for m in self.cues.finditer(view, start, end):
            kind = self._kind(doc, m, doc.years.review if doc.years is not None else None)
            before = view[start : m.start()].rstrip(" \u3000")
            opens = not before or before[-1] in "，,。；;：:！!？?"
            if kind == "span" and opens:
                return kind, (m.start(), m.end())
        opening = self._opening(doc, start, end)
        return opening if opening is not None and opening[0] == "part" and not annual else None

    def _opening(self, doc: Document, start: int, end: int, year: int | None = None) -> tuple[str, Offs] | None:
        """A cue that opens the paragraph: at the start of its first sentence, or of the second
        where the first is a short lead (2.稳抓经济发展。今年1-11月，…)."""
        starts_all = doc.state.get("period.starts")
        if starts_all is None:
            starts_all = doc.state["period.starts"] = [s.start for s in doc.sentences]
        k = bisect.bisect_left(starts_all, start)
        starts = [x for x in starts_all[k : k + 2] if x < end]
        if len(starts) == 2 and starts[1] - starts[0] > self.cfg.short_lead:
            starts = starts[:1]
        for first in starts:
            reach = min(end, first + self.cfg.opening_reach + 24)
            for m in self.cues.finditer(doc.view, first, reach):
                if m.start() - first > self.cfg.opening_reach:
                    break  # the cue must begin within the reach; it may run past it
                kind = self._kind(doc, m, year)
                if kind is not None:
                    return kind, (m.start(), m.end())
            one = self.single_year.search(doc.view, first, reach) if self.single_year is not None else None
            if one is not None and one.start() - first <= self.cfg.opening_reach:
                return "year", (one.start(), one.end())  # 2025年，… opens the paragraph: that year's figures
        return None

    def fill(self, doc: Document, draft: Draft) -> None:
        openings, title, sections = doc.state[self.name]
        base = self._base_years_back(doc, draft)
        if base is not None:
            draft.period, draft.period_cue = "span", base
            return
        found = self._sentence_cue(doc, draft)
        if found is None and self.single_year is not None and self.single_year.search(doc.view, draft.near, draft.q.start):
            return  # 2015年，… : a figure of one named year, whatever window frames its paragraph
        if found is None:
            p = draft.sentence.paragraph
            if p not in openings:
                para = doc.paragraphs[p]
                openings[p] = self._opening(doc, para.start, para.end, draft.year)
            found = openings[p] or sections[p]
        if found is None:
            found = title
        if found is None:
            return
        kind, cue = found
        if kind == "span" and doc.view[cue[0] : cue[1]] not in self.rate_span and self._is_level(doc, draft):
            return  # a level reached within a window of years: the year's
        draft.period, draft.period_cue = kind, cue

    def _is_level(self, doc: Document, draft: Draft) -> bool:
        if draft.change is not None:
            return False
        if draft.q.unit in self.level_units:
            return True
        if draft.q.unit_kind == "measure" and draft.metric is not None and draft.metric[0] >= draft.q.end:
            return True  # a size before its noun (700万吨露天矿, 日产500吨熟料生产线) describes a thing
        before = doc.view[max(draft.clause[0], draft.q.start - 4) : draft.q.start].rstrip()
        return any(w in before for w in self.level_before)

    def _base_years_back(self, doc: Document, draft: Draft) -> Offs | None:
        """A change against a base year two or more years before the fact's year."""
        if draft.change is None and draft.q.unit != "倍":
            return None
        if self.base_period is not None:
            m = self.base_period.search(doc.view, draft.clause[0], draft.q.start)
            if m:
                return (m.start(), m.end())
        if self.base is None or draft.year is None:
            return None
        for m in self.base.finditer(doc.view, draft.clause[0], draft.q.start):
            if int(parse_number(m.group("y"))) <= draft.year - 2:
                return (m.start(), m.end())
        return None

    def _sentence_cue(self, doc: Document, draft: Draft) -> tuple[str, Offs] | None:
        """The last cue of the fact's sentence before it; the sentence is searched once and
        its matches kept for the other facts in it."""
        cache = doc.state.setdefault("period.sentence", {})
        matches = cache.get(draft.index)
        if matches is None:
            matches = list(self.cues.finditer(doc.view, draft.near, draft.sentence.end))
            cache.clear()  # facts come in document order: only the sentence at hand is kept
            cache[draft.index] = matches
        for m in reversed(matches):
            if m.end() <= draft.q.start and m.start() >= draft.near:
                kind = self._kind(doc, m, draft.year)
                if kind is not None:
                    return kind, (m.start(), m.end())
        return None

    def _last_cue(self, doc: Document, start: int, end: int, year: int | None) -> tuple[str, Offs] | None:
        for m in reversed(list(self.cues.finditer(doc.view, start, end))):
            kind = self._kind(doc, m, year)
            if kind is not None:
                return kind, (m.start(), m.end())
        return None

    def _kind(self, doc: Document, m: Any, year: int | None) -> str | None:
        text = m.group(0)
        groups = m.groupdict()
        if groups.get("part"):
            return "part"
        if groups.get("span"):
            since = YEAR_SINCE.search(text)
            if since and year is not None and int(since.group("y")) >= year:
                return "part"  # 2024年以来 in a review of 2024: within the year
            return "span"
        kind = self.kinds.get(text)
        if text == "今年以来" and doc.date is not None and doc.date.month >= self.cfg.part_before_month:
            return None  # written at the year's end: the whole year
        return kind


@register("period")
def _period(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return PeriodStage(patterns)
