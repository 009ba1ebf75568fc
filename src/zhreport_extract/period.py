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
from datetime import date as Date
from typing import Any

import regex

from .meaning_patterns import CuePattern, PeriodFile, load_meaning
from .numerals import parse_number
from .patterns import Patterns, compiler
from .segment import WordSegmenter
from .stage import WINDOW, Document, Draft, Offs, Stage, register



class PeriodStage(Stage):
    name = "period"
    assigns = ("period", "period_cue")

    def __init__(self, patterns: Patterns) -> None:
        fast = compiler(patterns.directory)  # the shipped patterns on re where it reads them
        cfg: PeriodFile = load_meaning(patterns, "period.toml", PeriodFile)
        self.cfg = cfg
        kinds = {w: "year" for w in cfg.year}
        kinds.update({w: "part" for w in cfg.part})
        kinds.update({w: "span" for w in [*cfg.span, *cfg.rate_span]})
        self.rate_span = frozenset(cfg.rate_span)
        self.to_date = fast(cfg.to_date_pattern) if cfg.to_date_pattern else None
        self.rate_level = regex.compile(cfg.rate_level_pattern) if cfg.rate_level_pattern else None
        self.list_kinds = frozenset(cfg.list_kinds)
        self.level_before = tuple(cfg.level_before)
        self.level_units = frozenset(cfg.level_units)
        self.base = fast(cfg.base_pattern) if cfg.base_pattern else None
        self.base_period = fast(cfg.base_period_pattern) if cfg.base_period_pattern else None
        self.annual_titles = tuple(cfg.annual_titles)
        self.named_parts = frozenset(cfg.named_parts)
        self.part_title = fast(cfg.part_title_pattern) if cfg.part_title_pattern else None
        self.time_prepositions = tuple(cfg.frame_time_prepositions)
        self.part_stock_words = tuple(cfg.part_stock_words)
        self.flow_item_words = tuple(cfg.flow_item_words)
        self.size_before = fast(cfg.size_before_pattern) if cfg.size_before_pattern else None
        self.history_after = fast(cfg.history_after_pattern) if cfg.history_after_pattern else None
        self.annual_openings = tuple(cfg.annual_openings)
        self.single_year = fast(cfg.single_year_pattern) if cfg.single_year_pattern else None
        self.kinds = kinds
        self.since = fast(cfg.since_pattern) if cfg.since_pattern else None
        self.level_pattern = fast(cfg.level_before_pattern) if cfg.level_before_pattern else None
        self.preposition_after = fast(cfg.preposition_after_pattern) if cfg.preposition_after_pattern else None
        self.stock_words = tuple(cfg.stock_words)
        self.share_words = tuple(cfg.share_words)
        self.plan_share = fast(cfg.plan_share_pattern) if cfg.plan_share_pattern else None
        self.point_indicators = frozenset(cfg.point_indicators)
        self.point_metric_words = tuple(cfg.point_metric_words)
        self.per_capita = tuple(cfg.per_capita)
        self.point = fast(cfg.point_pattern) if cfg.point_pattern else None
        self.one_year_base = fast(cfg.one_year_base_pattern) if cfg.one_year_base_pattern else None
        self.cumulative = fast(cfg.cumulative_pattern) if cfg.cumulative_pattern else None
        self.bare_cumulative = fast(cfg.cumulative_bare_pattern) if cfg.cumulative_bare_pattern else None
        self.against_year = fast(cfg.cumulative_against_pattern) if cfg.cumulative_against_pattern else None
        self.sentence_only = fast(cfg.sentence_only_pattern) if cfg.sentence_only_pattern else None
        self.undated_since = fast(cfg.undated_since_pattern) if cfg.undated_since_pattern else None
        self.year_frame = fast(cfg.year_frame_pattern) if cfg.year_frame_pattern else None
        self.clause_breaks = "，,；;。"
        self.rate_not_after = cfg.rate_not_after
        self.cue_prefix = fast(cfg.cue_prefix_pattern) if cfg.cue_prefix_pattern else None
        self.year_to_date = fast(cfg.year_to_date_pattern) if cfg.year_to_date_pattern else None
        self.entity_units = frozenset(cfg.entity_units)
        self.years_in = fast(cfg.year_digits_pattern)
        self.plan_scope = fast(cfg.plan_scope_pattern or "(?!)")
        alternatives = [regex.escape(w) for w in sorted(kinds, key=len, reverse=True)]
        if cfg.span_pattern:
            alternatives.insert(0, f"(?P<span>{cfg.span_pattern})")
        if cfg.part_pattern:
            both = "|".join(p for p in (cfg.part_pattern, cfg.to_date_pattern) if p)
            alternatives.insert(0, f"(?P<part>{both})")
        if cfg.founding_pattern:
            alternatives.insert(0, f"(?P<found>{cfg.founding_pattern})")
        if cfg.year_pattern:
            alternatives.insert(0, f"(?P<yr>{cfg.year_pattern})")
        if cfg.plan_scope_pattern:
            alternatives.insert(0, f"(?P<scope>{cfg.plan_scope_pattern})")
        self.cues = CuePattern("|".join(alternatives), patterns)

    def begin(self, doc: Document) -> None:
        frame: tuple[str, Offs] | None = None
        view = doc.view
        title_at, body_at = self._head(doc)
        title = doc.paragraphs[title_at] if doc.paragraphs else None
        written_on = self._written_on(doc)
        head = self.plan_scope.sub("", view[title.start : title.end]) if title is not None else ""
        annual = (title is not None and (
            any(w in head for w in self.annual_titles) or self._annual_lead(doc)
        ) or self._annual_year_title(doc)) and (written_on is None or written_on.month >= self.cfg.part_before_month)
        # (全年 of 完成全年计划 in a quarterly item's first paragraph names no annual report)
        # (an annual summary the page or its delivery line dates before December, 2010年以来 in one of
        # 2010-11-26, reports on the year to date)
        # the lead: the first paragraph that is not a title line, and the one after it where the
        # first holds no figure (a dateline: 央视网消息：本台消息：…。); on a web page, the body
        # below its date line (发布时间：… 来源：…: no lead, its year frames nothing)
        starts = [d.q.start for d in doc.drafts]
        lead: list[tuple[int, int]] = []
        for at, para in enumerate(doc.paragraphs[: body_at + 6]):
            if self._is_title(view[para.start : para.end]) or at == body_at - 1:
                continue
            lead.append((para.start, min(para.end, para.start + self.cfg.lead_reach)))
            holds_figure = any(para.start <= q < para.end for q in starts)
            if holds_figure or len(lead) >= self.cfg.lead_paragraphs:
                break
        if title is not None and self._is_title(view[title.start : title.end]):
            frame = self._last_cue(doc, title.start, title.end, None)  # the title's own
        head_end = min(title.end if title is not None else len(view), self.cfg.part_title_reach)
        named = self.part_title.search(view, 0, head_end) if self.part_title is not None and frame is None else None
        if named is not None:
            frame = "part", named.span("cue")  # …2023年第一季度工作总结一、…: the text reports on the quarter
            doc.state[self.name + ".title_end"] = named.end()  # the title's own year opens no paragraph
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
                one = self.single_year.search(view, para.start, para.end) if self.single_year is not None else None
                if cue is not None and cue[0] == "span" and one is None:
                    current = cue
                elif cue is not None and one is not None:
                    current = None  # 二、“十五五”时期目标任务和2026年工作安排: a section of the window and of one year frames neither
            sections.append(current)
        doc.state[self.name] = ({}, frame, sections)

    @staticmethod
    def _written_on(doc: Document) -> Date | None:
        """The date the text was written: the caller's, else the one its own date line states
        unless that falls after the year the text reviews (a summary posted the next January was
        written at its year's end: no date tells otherwise)."""
        if doc.date is not None:
            return doc.date
        if doc.years is None or doc.years.page_date is None:
            return None
        page, review = doc.years.page_date, doc.years.review
        return page if review is None or page.year <= review else None

    def _annual(self, doc: Document) -> bool:
        if not doc.paragraphs:
            return False
        title = doc.paragraphs[self._head(doc)[0]]
        first = doc.view[title.start : title.end]
        return (self._is_title(first) and any(w in first for w in self.annual_titles)) or self._annual_lead(doc) or self._annual_year_title(doc)

    def _annual_year_title(self, doc: Document) -> bool:
        """Whether the words the year stage read the document's year from name a whole year's report (a title
        below a document site's menu lines, 2020年度某街道工作总结和2021年度工作思路; 现将2020年工作总结如下)."""
        years = doc.years
        if years is None or years.span is None:
            return False
        return any(w in doc.view[years.span[0] : years.span[1]] for w in self.annual_titles)

    def _annual_lead(self, doc: Document) -> bool:
        """Whether the first paragraph that is no title opens on the year gone by (过去的一年，…;
        一年来，…): a summary of the whole year, written at its end."""
        for para in doc.paragraphs[:3]:
            text = doc.view[para.start : para.end]
            if self._is_title(text):
                continue
            return text.lstrip(" \u3000").startswith(self.annual_openings)
        return False

    @staticmethod
    def _head(doc: Document) -> tuple[int, int]:
        """The index of the title paragraph and of the first paragraph after the page's date line:
        0 and 0, or on a web page with a date line in its head, the title line right above that
        line (menu lines above it are no title) and the paragraph below it."""
        line = doc.years.date_line if doc.years is not None else None
        if line is None:
            return 0, 0
        for i, para in enumerate(doc.paragraphs):
            if para.start <= line[0] < max(para.end, para.start + 1):
                above = doc.paragraphs[i - 1] if i > 0 else None
                titled = above is not None and PeriodStage._is_title(doc.view[above.start : above.end])
                return (i - 1 if titled else 0), i + 1
        return 0, 0

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
        first_end = next((s.end for s in doc.sentences if s.start >= start), end)
        for m in self.cues.finditer(view, start, end):
            kind = self._kind(doc, m, doc.years.review if doc.years is not None else None, frame=True)
            before = view[start : m.start()].rstrip(" \u3000")
            if self.cue_prefix is not None:
                before = self.cue_prefix.sub("", before).rstrip(" \u3000")  # 今年1-9月份 opens as 1-9月份 does
            opens = not before or before[-1] in "，,。；;：:！!？?"
            timed = kind == "part" and before.endswith(self.time_prepositions)  # 县红十字会在春节期间开展…
            if kind == "span" and opens and not (self.history_after is not None and self.history_after.match(view, m.end())):
                return kind, (m.start(), m.end())  # (not 从2012年开始，已连续6年开展“A”: the programme's history)
            if kind == "part" and (opens or timed) and (not annual or m.group(0) in self.named_parts) and m.start() < first_end:
                return kind, (m.start(), m.end())  # 本报讯 近日，…获悉，今年1-9月份，… : the lead's window
        opening = self._opening(doc, start, end)
        return opening if opening is not None and opening[0] == "part" and not annual else None

    def _opening(self, doc: Document, start: int, end: int, year: int | None = None) -> tuple[str, Offs] | None:
        """A cue that opens the paragraph: at the start of its first sentence, or of the second
        where the first is a short lead (2.稳抓经济发展。今年1-11月，…)."""
        starts_all = doc.state.get("period.starts")
        if starts_all is None:
            starts_all = doc.state["period.starts"] = [s.start for s in doc.sentences]
        k = bisect.bisect_left(starts_all, start)
        starts = [x for x in starts_all[k : k + self.cfg.lead_sentences + 1] if x < end]
        for i in range(1, len(starts)):
            if starts[i] - starts[i - 1] > self.cfg.short_lead:
                starts = starts[:i]  # only short lead sentences (a heading sentence, 一是…工作。) are passed over
                break
        for first in starts:
            reach = min(end, first + self.cfg.opening_reach + 24)
            for m in self.cues.finditer(doc.view, first, reach):
                if m.start() - first > self.cfg.opening_reach:
                    break  # the cue must begin within the reach; it may run past it
                kind = self._kind(doc, m, year, frame=True)
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
        cumulative = self._cumulative(doc, draft)
        if cumulative is not None:
            draft.period, draft.period_cue = "span", cumulative
            return
        found = self._sentence_cue(doc, draft)
        own = found is not None  # the fact's own sentence or ；-list names its window
        if found is None and self.single_year is not None and self.single_year.search(doc.view, draft.near, draft.q.start):
            return  # 2015年，… : a figure of one named year, whatever window frames its paragraph
        if found is None:
            p = draft.sentence.paragraph
            if p not in openings:
                para = doc.paragraphs[p]
                openings[p] = self._opening(doc, para.start, para.end, draft.year)
                title_end = doc.state.get(self.name + ".title_end")
                if openings[p] is not None and title_end is not None and openings[p][1][1] <= title_end:
                    openings[p] = None  # 县文旅局2023年第一季度工作总结一、…: the year is the title's
            found = openings[p] or sections[p]
            if found is not None and found[0] != "year" and self._year_since(doc, draft, found[1]):
                return  # a sentence that opens with one year after the frame: that year's
        if found is None:
            found = title
        if found is None:
            return
        kind, cue = found
        if self._entity_count(doc, draft):
            return  # 6家企业实现零售额9亿元: the count of whom a figure is about
        if kind == "span" and self._one_year_change(doc, draft):
            return  # 比上年增长 … : a change over one year, whatever window frames its paragraph
        if kind == "span" and doc.view[cue[0] : cue[1]] not in self.rate_span and self._is_level(doc, draft):
            return  # a level reached within a window of years: the year's
        if kind == "part" and self.point is not None and self.point.match(doc.view, cue[0], cue[1]) and self._is_level(doc, draft):
            return  # a level at a point of the year (截至3月末…到位率达92%): the year's
        if kind == "part" and self._now_level(doc, draft):
            return  # 上半年…目前，人均补助水平从91元提高到110元: a level at the time of the report, the year's
        if kind == "part" and draft.change is None and self._size(doc, draft):
            return  # 1-9月…其中，总投资20亿元的光伏项目: the project's size is no flow of the window
        if kind == "part" and draft.status == "target" and (
            not own or self.plan_scope.search(doc.view, draft.clause[0], draft.q.start) is not None
        ):
            return  # 上半年…确保完成征收100万元; 为全年任务740万元的…: a plan figure for the year
        if kind == "part" and self._point_level(doc, draft):
            return  # 一季度…城镇登记失业率为3.03%，同比下降0.06个百分点: a rate at a point, the year's
        if kind == "part" and not (own and cue[0] >= draft.sentence.start) and draft.change is None and self._part_stock(doc, draft):
            return  # 上半年…全乡现有五保户390人: a stock at the time of the report is the year's
            # (not 从今年一月到九月共有…件: a window of the sentence's own makes 共有 a total of it)
        draft.period, draft.period_cue = kind, cue

    def _now_level(self, doc: Document, draft: Draft) -> bool:
        """Whether a level (``_is_level``) stands in a sentence that dates it at the time of the report
        (period.toml ``now_words``: 目前, 当前) before the figure."""
        if not self.cfg.now_words or draft.change is not None:
            return False
        before = doc.view[draft.sentence.start : draft.q.start]
        return any(w in before for w in self.cfg.now_words) and self._is_level(doc, draft)

    def _point_level(self, doc: Document, draft: Draft) -> bool:
        """Whether the figure measures a level taken at a point of time (period.toml
        ``point_indicators``, ``point_metric_words``: the unemployment rate) or a change of one."""
        if self._names_point_level(doc, draft):
            return True
        if draft.change is None:
            return False
        # a change right after the rate in its sentence (失业率为5.1%，比上月下降0.1个百分点) is one of it
        before = doc.draft_before(draft)
        return before is not None and before.index == draft.index and before.change is None and self._names_point_level(doc, before)

    def _names_point_level(self, doc: Document, draft: Draft) -> bool:
        if draft.indicator is not None and draft.indicator in self.point_indicators:
            return True
        metric = doc.view[draft.metric[0] : draft.metric[1]] if draft.metric is not None else ""
        return any(w in metric for w in self.point_metric_words)

    def _size(self, doc: Document, draft: Draft) -> bool:
        """Whether a sum is the size of the thing named after it with 的 (总投资20亿元的光伏项目)."""
        view = doc.view
        return (
            self.size_before is not None and view.startswith("的", draft.q.end)
            and self.size_before.search(view, max(draft.clause[0], draft.q.start - 8), draft.q.start) is not None
        )

    def _part_stock(self, doc: Document, draft: Draft) -> bool:
        """Whether a stock word (period.toml ``part_stock_words``) stands before the figure in its
        sentence or an earlier item of its ；-list (共有低保户873户；城市低保户21户)."""
        if not self.part_stock_words:
            return False
        own = doc.view[draft.sentence.start : draft.q.start]
        if any(w in own for w in self.part_stock_words):
            return True
        if any(w in own for w in self.flow_item_words):
            return False  # …生猪存栏19万头；牛出栏4327头: an item of its own flow, not the stock's
        start = min(self._chain_start(doc, draft), draft.sentence.start)
        window = doc.view[start : draft.q.start]
        return any(w in window for w in self.part_stock_words)

    def _entity_count(self, doc: Document, draft: Draft) -> bool:
        """A count of units (家, 支) whose clause goes on to state another figure about them."""
        if draft.q.unit not in self.entity_units or draft.change is not None:
            return False
        view, end = doc.view, draft.q.end
        while end < len(view) and end - draft.q.end < 40 and view[end] not in self.cfg.entity_stops:
            end += 1
        starts = doc.quantity_starts()
        k = bisect.bisect_right(starts, draft.q.end)
        return k < len(starts) and starts[k] < end

    def _one_year_change(self, doc: Document, draft: Draft) -> bool:
        if draft.change is None:
            return False
        if self.one_year_base is not None and self.one_year_base.search(doc.view, draft.clause[0], draft.q.start):
            return True
        if self.base is None or draft.year is None:
            return False
        return any(
            int(parse_number(m.group("y"))) == draft.year - 1 for m in self.base.finditer(doc.view, draft.clause[0], draft.q.start)
        )

    def _cumulative(self, doc: Document, draft: Draft) -> Offs | None:
        """A running total up to a year's end (截至2024年，累计为…): a sum over several years. A
        bare 累计 in a year's report may sum the year only, and is left to the frames."""
        if self.cumulative is None or draft.q.unit in self.level_units:
            return None
        m = self.cumulative.search(doc.view, draft.near, draft.q.start)
        if m is None:
            return self._cumulative_against_year(doc, draft)
        if self.against_year is not None and self.against_year.search(doc.view, m.end(), draft.q.start):
            return None  # 截至2020年底累计筹资…，2021年筹资161.5万元: the year's own figure after the total
        if any(w in doc.view[m.start() : min(draft.sentence.end, draft.q.end + 4)] for w in self.stock_words):
            return None
        if m.groupdict().get("beside_new") and (
            any(ch in self.clause_breaks for ch in doc.view[m.end() : draft.q.start]) or self._is_level(doc, draft)
        ):
            return None  # 新增…，累计…: only a flow in 累计's own clause, not a level it reaches
        return (m.start(), m.end())

    def _cumulative_against_year(self, doc: Document, draft: Draft) -> Offs | None:
        """A bare 累计 total that its sentence sets against the year's own figure (今年又增加5家，累计50家;
        共募集善款3536.1万元，累计募集善款5.53亿元): a sum over several years (period.toml
        ``cumulative_bare_pattern``)."""
        if self.bare_cumulative is None or self.against_year is None:
            return None
        view = doc.view
        found = list(self.bare_cumulative.finditer(view, draft.near, draft.q.start))
        if not found:
            return None
        m = found[-1]
        window = self._sentence_cue(doc, draft)
        if window is not None and window[0] == "part":
            return None  # 截止10月，…累计采样…: the window's running total
        if (
            self.against_year.search(view, m.end(), draft.q.start) or self._is_level(doc, draft)
            or any(w in view[m.start() : draft.q.start] for w in self.cfg.cumulative_level_words)
        ):
            return None  # 累计…150万元，2014年度发放…: the year's own figure; 累计达到46个: a level
        if any(w in view[m.start() : min(draft.sentence.end, draft.q.end + 4)] for w in self.stock_words):
            return None
        starts = doc.quantity_starts()
        # the sentence as far as the stages read it (a megabyte line without stops is read near the fact)
        lo, hi = draft.near, min(draft.sentence.end, draft.q.end + WINDOW)
        own = self._clause_at(view, m.start(), lo, hi)
        if self.against_year.search(view, own[0], m.start()):
            return None  # 全年累计…, 今年全县累计…: the year's own total
        # another clause of the sentence that names the year's own figure (a marker, then a figure in that clause)
        for a in self.against_year.finditer(view, lo, hi):
            clause = self._clause_at(view, a.start(), lo, hi)
            if clause == own or clause[0] <= draft.q.start < clause[1]:
                continue
            k = bisect.bisect_left(starts, a.end())
            if k < len(starts) and starts[k] < clause[1]:
                return (m.start(), m.end())
        verb = m.group("verb")
        by_start: dict[int, Draft] | None = doc.state.get("period.by_start")
        if by_start is None:  # (built once per document: read for every running total)
            by_start = doc.state["period.by_start"] = {d.q.start: d for d in doc.drafts}
        first = bisect.bisect_left(starts, m.end())
        total = by_start.get(starts[first]) if first < len(starts) else None
        total_unit = total.q.unit if total is not None else None  # the unit of the total's own figure
        if total is not None and total is not draft and view.startswith("的", total.q.end):
            return None  # 累计完成投资3.23亿元的…工程新接入…: the total names a project's size, not the sentence's window
        if verb:
            # the paragraph before the total, as far back as the stages read
            para_start = max(doc.paragraphs[draft.sentence.paragraph].start, m.start() - WINDOW)
            at = view.find(verb, para_start, m.start())
            while at >= 0:
                if self.bare_cumulative.search(view, max(para_start, at - 4), at) is not None:
                    at = view.find(verb, at + 1, m.start())
                    continue  # another running total, not the year's figure
                k = bisect.bisect_left(starts, at + len(verb))
                clause = self._clause_at(view, at, para_start, m.start())
                earlier_draft = by_start.get(starts[k]) if k < len(starts) else None
                earlier = earlier_draft.q.unit if earlier_draft is not None else None
                if earlier is not None and earlier == total_unit and starts[k] < clause[1] and starts[k] < m.start():
                    return (m.start(), m.end())  # 共募集善款3536.1万元，累计募集善款…: the same flow, run over the years
                at = view.find(verb, at + 1, m.start())
        return None

    def _clause_at(self, view: str, at: int, start: int, end: int) -> Offs:
        """The clause (between clause marks) that holds ``at``, within start and end."""
        a = at
        while a > start and view[a - 1] not in self.clause_breaks:
            a -= 1
        b = at
        while b < end and view[b] not in self.clause_breaks:
            b += 1
        return (a, b)

    def _year_since(self, doc: Document, draft: Draft, cue: Offs) -> bool:
        """Whether an earlier item of the fact's ；-list (2007年，举办…25期；安排80名…) opens with one
        year after the frame's cue: that year's, not the frame's."""
        if self.single_year is None:
            return False
        view, k = doc.view, draft.index
        while k > 0:
            prev = doc.sentences[k - 1]
            if prev.paragraph != draft.sentence.paragraph or prev.start < cue[1] or view[prev.end - 1 : prev.end] not in ("；", ";"):
                return False
            k -= 1
            m = self.single_year.match(view, prev.start, min(prev.end, prev.start + self.cfg.opening_reach + 6))
            if m is not None:
                return True
        return False

    def _is_level(self, doc: Document, draft: Draft) -> bool:
        if draft.change is not None:
            return False
        view = doc.view
        reached = self.level_pattern.search(view, max(draft.near, draft.q.start - 24), draft.q.start) if self.level_pattern else None
        if reached is not None and not (
            reached.group("cop") and self.preposition_after is not None and self.preposition_after.match(view, draft.q.end)
        ):
            return True  # a value reached, or the start of a from-to pair (not 为 of whom a flow served: 为5200名妇女体检)
        before_clause = view[draft.clause[0] : draft.q.start]
        if any(w in before_clause for w in self.share_words):
            return False  # a share of the window's flow (占计划130%) takes the window
        share = self.plan_share.search(
            view, min(draft.clause[0], self._clause_at(view, draft.q.start, draft.near, draft.q.end)[0]), draft.q.start
        ) if self.plan_share is not None else None  # (the whole clause: a list of shares, 的45%、52%和60%)
        if share is not None:
            prior = doc.draft_before(draft)
            if (
                not share.group(0).startswith(self.cfg.plan_period_words)  # (五年计划期间的11%: a plan's period, no share)
                and prior is not None and prior.index == draft.index and prior.change is None and prior.q.end <= draft.clause[0]
                and any(w in view[max(prior.near, prior.q.start - 4) : prior.q.start] for w in self.level_before if len(w) > 1)
            ):
                return True  # 覆盖人数达到32.67万人，实现全年目标数106.42%: the share of a level reached, a level too
            return False  # 截至6月底…为全年任务的56.6%: a share of the plan, done within the window
        if draft.q.unit in self.level_units:
            return True
        if draft.q.unit_kind == "measure" and draft.metric is not None and draft.metric[0] >= draft.q.end:
            return True  # a size before its noun (700万吨露天矿, 日产500吨熟料生产线) describes a thing
        if self._size(doc, draft):
            return True  # 总投资20亿元的光伏项目: the project's size, not a flow of the window
        if draft.metric is not None and any(w in view[draft.metric[0] : draft.metric[1]] for w in self.per_capita):
            return True  # a per-capita value is a level
        before = view[max(draft.clause[0], draft.q.start - 4) : draft.q.start].rstrip()
        if any(w in before for w in self.level_before):
            return True
        return any(w in view[draft.near : draft.q.start] for w in self.stock_words)

    def _base_years_back(self, doc: Document, draft: Draft) -> Offs | None:
        """A change against a base year two or more years before the fact's year."""
        if draft.change is None and draft.q.unit != "倍":
            return None
        start = draft.clause[0]
        if self.one_year_base is not None and self.one_year_base.search(doc.view, start, draft.q.start) is None:
            start = self._chain_start(doc, draft)  # a base stated once covers the changes listed after it
            for cut in self.one_year_base.finditer(doc.view, draft.near, draft.q.start):
                start = cut.end()  # … up to a base of one year (比上年, 同比) or a single year
            if self.single_year is not None:
                bases = [(m.start(), m.end()) for m in self.base.finditer(doc.view, start, draft.q.start)] if self.base else []
                for cut in self.single_year.finditer(doc.view, start, draft.q.start):
                    if not any(a <= cut.start() < b for a, b in bases):
                        start = cut.end()
        if self.level_pattern is not None and self.level_pattern.search(doc.view, max(draft.near, draft.q.start - 24), draft.q.start):
            return None  # a value reached (由…的28.8%上升为42.3%) is a level
        if self.base_period is not None:
            m = self.base_period.search(doc.view, start, draft.q.start)
            if m:
                return (m.start(), m.end())
        if self.base is None or draft.year is None:
            return None
        for m in self.base.finditer(doc.view, start, draft.q.start):
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
                if kind is None:
                    continue
                if m.group(0) in self.rate_span and m.end() < draft.clause[0]:
                    return None  # 年均 reaches its own clause only
                if kind == "span" and self._cut(doc, m.end(), draft.q.start):
                    return None  # 在1979到1983年平均每年递增7.9%的基础上，比上年增长14.2%
                return kind, (m.start(), m.end())
        return self._list_cue(doc, draft)

    @staticmethod
    def _chain_start(doc: Document, draft: Draft) -> int:
        """The start of the ；-list that holds the fact's sentence (its first item's start)."""
        view, k, start = doc.view, draft.index, draft.near
        while k > 0:
            prev = doc.sentences[k - 1]
            if prev.paragraph != draft.sentence.paragraph or view[prev.end - 1 : prev.end] not in ("；", ";"):
                break
            k -= 1
            start = max(prev.start, draft.q.start - WINDOW)
        return start

    def _list_cue(self, doc: Document, draft: Draft) -> tuple[str, Offs] | None:
        """A window cue (五年新增…, 截至11月中旬…) of an earlier item of the fact's ；-list reaches the later items."""
        view, k = doc.view, draft.index
        while k > 0:
            prev = doc.sentences[k - 1]
            if view[prev.end - 1 : prev.end] not in ("；", ";") or (
                prev.paragraph != doc.sentences[k].paragraph and prev.paragraph + 1 != doc.sentences[k].paragraph
            ):
                return None  # (a line ending on ； goes on with the list on the next line)
            k -= 1
            for m in reversed(list(self.cues.finditer(view, prev.start, prev.end))):
                kind = self._kind(doc, m, draft.year, frame=True)
                if kind is None:
                    continue
                if kind not in self.list_kinds or kind == "span" and self._cut(doc, m.end(), draft.q.start):
                    return None
                if kind == "part" and (
                    m.start() - prev.start > self.cfg.opening_reach and not self._heads_figures(doc, prev.start, m.start(), m.end())
                    or self.single_year is not None and self.single_year.search(view, m.end(), draft.q.start)
                ):
                    return None  # a part window reaches on only from the head of its item (截至11月中旬，…；…)
                return kind, (m.start(), m.end())
        return None

    def _heads_figures(self, doc: Document, start: int, at: int, end: int) -> bool:
        """Whether a cue at ``at`` (ending at ``end``) opens a clause of the ；-item starting at ``start`` and
        heads the item's figures: it stands as a clause of its own with no figure of the item before it
        (镇域经济发展迅猛，截止10月底，实现…；…), or a figure follows in the cue's own clause (落实…四项重点工作…，
        1-11月份实现财政总收入199万元…；…). Not 违法犯罪，上半年该县知晓率居全省第九；… (no figure in its clause)."""
        view = doc.view
        if at <= start or view[at - 1] not in "，,：:":
            return False
        starts = doc.quantity_starts()
        k = bisect.bisect_left(starts, start)
        if not (k < len(starts) and starts[k] < at) and view[end : end + 1] in ("，", ","):
            return True
        k = bisect.bisect_left(starts, at)
        return k < len(starts) and not any(ch in self.clause_breaks for ch in view[at : starts[k]])

    def _cut(self, doc: Document, start: int, end: int) -> bool:
        """A one-year base (比上年) or a single year between a window cue and the figure."""
        if self.one_year_base is not None and self.one_year_base.search(doc.view, start, end):
            return True
        return self.single_year is not None and self.single_year.search(doc.view, start, end) is not None

    def _last_cue(self, doc: Document, start: int, end: int, year: int | None) -> tuple[str, Offs] | None:
        for m in reversed(list(self.cues.finditer(doc.view, start, end))):
            kind = self._kind(doc, m, year, frame=True)
            if kind is not None:
                return kind, (m.start(), m.end())
        return None

    def _kind(self, doc: Document, m: Any, year: int | None, frame: bool = False) -> str | None:
        """The kind of a cue match, or None where it is none. ``frame``: the cue would frame a
        paragraph, section or document, which an average over the years (年均) never does."""
        text = m.group(0)
        if frame and self.sentence_only is not None and self.sentence_only.fullmatch(text):
            return None  # 春节前: a festival's time holds for its own sentence, frames nothing
        if text in self.rate_span and (frame or m.start() > 0 and doc.view[m.start() - 1] in self.rate_not_after):
            return None  # 年均 frames nothing; 1952年平均降低 is a year and 平均, not 年平均
        if text in self.rate_span and self.rate_level is not None and self.rate_level.match(doc.view, m.end()):
            return None  # 年平均优良率82%: the year's average of a level, not an average over the years
        groups = m.groupdict()
        if groups.get("scope"):
            return None  # 完成全年计划的32.5%: the plan's scope, not the figure's period
        if groups.get("found"):
            review = doc.years.review if doc.years is not None else None
            return "span" if review is None or int(groups["y"]) < review else None  # founded in the year reviewed: no window
        if groups.get("yr"):
            if (
                self.year_to_date is not None and (written := self._written_on(doc)) is not None
                and written.month < self.cfg.part_before_month
                and self.year_to_date.match(doc.view, m.start())
            ):
                return "part"  # 今年…累计 in a report written before the year's end: the year to date
            return "year"
        if groups.get("part"):
            years = [int(y) for y in self.years_in.findall(text)]
            if len(years) == 2 and years[1] - years[0] > 1:
                return "span"  # 2011—2015年度: several years
            if self.to_date is not None and self.to_date.fullmatch(text) and self._whole_year_to_date(doc):
                return None  # 从7月份开始 in a summary written at the year's end: the year's rest, the year's figures
            return "part"
        if groups.get("span"):
            since = self.since.search(text) if self.since is not None else None
            ref = max([y for y in (year, doc.years.review if doc.years is not None else None) if y is not None], default=None)
            if since and ref is not None and int(since.group("y")) >= ref:
                if doc.date is not None and doc.date.year > int(since.group("y")):
                    return None  # 2015年来 in an item dated 2016: the whole of that year
                if self._written_on(doc) is None and self.undated_since is not None and self.undated_since.fullmatch(text):
                    return "year"  # 2022年以来 in an undated text: not known to be written before the year's end, the year
                return "part"  # 2024年以来 in a review of 2024: within the year
            return "span"
        kind = self.kinds.get(text)
        if text in self.cfg.to_date_cues and self._whole_year_to_date(doc):
            return None  # written at the year's end (or an annual summary with no date): the whole year
        return kind

    def _whole_year_to_date(self, doc: Document) -> bool:
        """Whether a window up to the time of writing (今年以来, 从7月起) runs to the year's end: the text
        is written from part_before_month on, or has no date and is an annual summary."""
        written = self._written_on(doc)
        return written.month >= self.cfg.part_before_month if written is not None else self._annual(doc)


@register("period")
def _period(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return PeriodStage(patterns)
