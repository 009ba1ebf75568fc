"""The ``status`` stage: actual, estimate or target (patterns/status.toml).

A cue word covers its own clause and what the same sentence lists after it; a work-plan
section (a heading such as 二、2025年工作安排, or an opening such as 今年主要预期目标是…)
makes every figure in it a target, until a heading opens a review again.

>>> from zhreport_extract import Extractor
>>> ex = Extractor(entities=False)
>>> [(f.quantity.text, f.status) for f in ex.extract(
...     "预计全年地区生产总值增长5.2%左右，一般公共预算收入增长3.1%。争取资金3000万元。").facts]
[('5.2%', 'estimate'), ('3.1%', 'estimate'), ('3000万元', 'actual')]
"""

from __future__ import annotations

from typing import Any

import regex

from .meaning_patterns import CuePattern, StatusFile, load_meaning
from .numerals import parse_number
from .patterns import Patterns, compiler
from .segment import WordSegmenter, whole_sentence_start
from .stage import WINDOW, Document, Draft, Offs, Stage, register

class StatusStage(Stage):
    name = "status"
    assigns = ("status", "status_cue")

    def __init__(self, patterns: Patterns) -> None:
        fast = compiler(patterns.directory)  # the shipped patterns on re where it reads them
        cfg: StatusFile = load_meaning(patterns, "status.toml", StatusFile)
        self.cfg = cfg
        kinds = {w: "target" for w in cfg.target}
        kinds.update({w: "estimate" for w in cfg.estimate})
        kinds.update({w: "actual" for w in cfg.actual})
        self.kinds = kinds
        alternatives = [regex.escape(w) for w in sorted(kinds, key=len, reverse=True)]
        if cfg.target_pattern:
            alternatives.insert(0, f"(?P<to>{cfg.target_pattern})")
        self.cues = CuePattern("|".join(alternatives), patterns)
        masks = [regex.escape(w) for w in sorted(cfg.not_cues, key=len, reverse=True)]
        if cfg.not_cue_pattern:
            masks.insert(0, cfg.not_cue_pattern)
        self.not_cues = CuePattern("|".join(masks), patterns) if masks else None
        self.object_verbs = tuple(cfg.object_verbs)
        self.conditional = {w: tuple(after) for w, after in cfg.conditional.items()}
        self.conditional_before = {w: tuple(before) for w, before in cfg.conditional_before.items()}
        self.weak = frozenset(cfg.weak_target)
        self.plan_heading = tuple(cfg.plan_headings)
        self.plan_runs_on = fast(cfg.plan_word_runs_on) if cfg.plan_word_runs_on else None
        # 其中，…: a sentence that breaks down the figure before it (years.toml breakdown_openers)
        self.breakdown_openers = tuple(patterns.years.breakdown_openers)
        self.review_heading = tuple(cfg.review_headings)
        self.plan_opening = tuple(cfg.plan_openings)
        self.plan_opening_pattern = regex.compile(cfg.plan_opening_pattern) if cfg.plan_opening_pattern else None
        self.announced_plan = regex.compile(cfg.announced_plan_pattern) if cfg.announced_plan_pattern else None
        self.headline_verbs = tuple(cfg.headline_verbs)
        self.done_markers = tuple(cfg.done_markers)
        self.done_after = tuple(cfg.done_after_markers)
        self.tally = fast(cfg.tally_pattern) if cfg.tally_pattern else None
        self.measured = fast(cfg.measured_window_pattern) if cfg.measured_window_pattern else None
        self.list_item = fast(cfg.list_item_pattern) if cfg.list_item_pattern else None
        self.heading_levels = [fast(p) for p in cfg.heading_levels]
        self.target_year = fast(cfg.target_year_pattern) if cfg.target_year_pattern else None
        self.from_before = fast(cfg.from_before_pattern) if cfg.from_before_pattern else None
        self.from_after = fast(cfg.from_after_pattern) if cfg.from_after_pattern else None
        self.ceiling_before = fast(cfg.ceiling_before_pattern) if cfg.ceiling_before_pattern else None
        self.bracket_base = fast(cfg.bracket_base_pattern) if cfg.bracket_base_pattern else None
        self.bracket_close = fast(cfg.bracket_close_pattern) if cfg.bracket_close_pattern else None
        self.ceiling_after = fast(cfg.ceiling_after_pattern) if cfg.ceiling_after_pattern else None
        self.list_reach = frozenset(cfg.list_reach)
        self.restatement = tuple(cfg.restatement_openings)

    def begin(self, doc: Document) -> None:
        doc.state[self.name] = self._plan_paragraphs(doc)

    def _plan_paragraphs(self, doc: Document) -> list[tuple[Offs | None, bool]]:
        """For each paragraph, the heading or opening that makes it part of a work plan (or
        None), and whether a review heading governs it. A heading's last plan or review word is
        its head noun and decides (重点工作完成情况 reviews, 2025年工作安排 plans); a plan section
        ends at the next heading of its own level or above, or at a review heading. A title
        opens a plan only where it names the plan itself (2020年工作计划), not where a news
        headline reports one (召开全委会 部署2016年重点工作)."""
        out: list[tuple[Offs | None, bool]] = []
        current: Offs | None = None
        level: int | None = None
        review_on = False
        listing: Offs | None = None
        prose_plan = False  # the plan in force was opened by a paragraph's opening words, not a heading
        body_seen = False  # a paragraph of body text has come: the page's title block is over
        view = doc.view
        for n, para in enumerate(doc.paragraphs):
            line = view[para.start : para.end].strip()
            is_heading = para.heading or (
                0 < len(line) <= self.cfg.max_heading_length and line[-1] not in "。！？；!?;，,："
            )
            if is_heading:
                # a run-in heading (1、工会组建工作。到5月底各项任务均已按期完成：…) is its first
                # sentence: the words of the body after it name no section
                head_end = self._run_in_end(view, para.start, para.end) if para.heading else para.end
                # a numbered paragraph that runs on with no full stop (2、全社会固定资产投资…，完成年目标任务
                # 117.4%…) is a list item: only its first max_heading_length characters can be a heading
                head_end = min(head_end, para.start + self.cfg.max_heading_length)
                plan = self._head_plan_word(view, para.start, head_end)
                review = self._last(view, para.start, head_end, self.review_heading)
                this_level = self._level(line)
                if n == 0:
                    headline = self._last(view, para.start, para.end, self.headline_verbs)
                    if plan is not None and review is None and (headline is None or headline[0] > plan[0]):
                        # the title: the whole document is a plan (a numbered first line is a section)
                        current, level = plan, this_level if this_level is not None else -1
                    else:
                        current, level = None, None
                    out.append((current, False))
                    continue
                if plan is not None and review is not None and this_level is None and not body_seen:
                    # the page's title again below its menu lines (镇2019年工作总结和2020年工作计划 above the
                    # body): a title naming both a review and a plan leaves the decision to the sections
                    current, level = None, None
                elif plan is not None and (review is None or review[0] < plan[0]):
                    current, level, review_on = plan, this_level, False
                elif review is not None:
                    current, level, review_on = None, None, True
                elif this_level is not None and (
                    level is None and this_level <= self.cfg.outer_levels or level is not None and 0 <= level and this_level <= level
                ):
                    current, level = None, None  # a sibling heading closes the plan section
                    review_on = review_on and this_level > 0
                out.append((current, review_on))
                continue
            body_seen = body_seen or any(c in line for c in "。！？!?")  # (a page's menu line holds no sentence)
            if prose_plan and (n == 0 or view[doc.paragraphs[n - 1].end - 1 : doc.paragraphs[n - 1].end] in "。！？!?"):
                current, prose_plan = None, False  # a task list opened in prose ends with its paragraph
            opening = self._first(view, para.start, min(para.end, para.start + 30), self.plan_opening)
            if opening is not None and opening[0] - para.start <= 4:
                current, level = opening, None
            elif current is None and self.announced_plan is not None and (m := self.announced_plan.match(view, para.start, para.end)):
                # 县总工会公布了9件2024年服务职工的实事项目…。具体包括：…: the list announced, up to an outer heading
                current, level = (m.start(), m.end()), None
            elif current is None and self.plan_opening_pattern is not None and (
                m := self.plan_opening_pattern.match(view, para.start, para.end)
            ):
                # 2010年…的主要任务是：计划完成…: this paragraph (and the lines a page wrapped it onto)
                current, level, prose_plan = (m.start(), m.end()), None, True
            if current is None and listing is not None and self.list_item is not None and self.list_item.match(line):
                out.append((listing, review_on))  # an item of a plan list a colon opened (一是…，组织竞赛20场)
                continue
            listing = self._plan_list(doc, para.start, para.end, line) if current is None else None
            out.append((current, review_on))
        return out

    @staticmethod
    def _run_in_end(view: str, start: int, end: int) -> int:
        """Where the heading of a paragraph that opens with one ends: at its first 。 where a
        body follows (1、招商引资。今年…), else at the paragraph's end."""
        stop = view.find("。", start, end)
        return stop + 1 if 0 <= stop < end - 1 and view[stop + 1 : end].strip() else end

    def _plan_list(self, doc: Document, start: int, end: int, line: str) -> Offs | None:
        """A paragraph that ends with a colon after a plan cue in its last sentence
        (会议强调，明年要重点抓好以下工作：) opens a list of plan items: the cue."""
        if not line.endswith(("：", ":")):
            return None
        last = max(doc.view.rfind(c, start, end - 1) for c in "。！？；")
        found = self._cue(doc, max(start, last + 1), end)
        return found[1] if found is not None and found[0] == "target" else None

    def _level(self, line: str) -> int | None:
        """The numbering level of a heading line (一、 is 1, （一） 2, 1. 3 …), None if unnumbered."""
        for k, pattern in enumerate(self.heading_levels, 1):
            if pattern.match(line):
                return k
        return None

    def _head_plan_word(self, view: str, start: int, end: int) -> Offs | None:
        """The last plan word of a heading that is its head noun: not one a comma and more words
        follow (（一）奋力冲刺“目标任务”，发展质效持续提升 is a slogan of results, no plan)."""
        best: Offs | None = None
        for w in self.plan_heading:
            i = view.rfind(w, start, end)
            while i >= 0 and self.plan_runs_on is not None and self.plan_runs_on.match(view, i + len(w), end):
                i = view.rfind(w, start, i)
            if i >= 0 and (best is None or i > best[0]):
                best = (i, i + len(w))
        return best

    @staticmethod
    def _last(view: str, start: int, end: int, words: tuple[str, ...]) -> Offs | None:
        best: Offs | None = None
        for w in words:
            i = view.rfind(w, start, end)
            if i >= 0 and (best is None or i > best[0]):
                best = (i, i + len(w))
        return best

    @staticmethod
    def _first(view: str, start: int, end: int, words: tuple[str, ...]) -> Offs | None:
        best: Offs | None = None
        for w in words:
            i = view.find(w, start, end)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(w))
        return best

    def fill(self, doc: Document, draft: Draft) -> None:
        plan, in_review = doc.state[self.name][draft.sentence.paragraph]
        p = draft.sentence.paragraph
        if plan is None and not in_review and doc.plan_paragraphs and doc.plan_paragraphs[p]:
            plan = (doc.paragraphs[p].start, doc.paragraphs[p].start)
        if plan is not None:
            draft.status, draft.status_cue = "target", plan
            return
        cue = self._cue(doc, self._list_start(doc, draft), draft.q.start)
        if cue is None and self.list_reach:
            cue = self._item_cue(doc, draft)
        if cue is None:
            cue = self._ceiling(doc, draft)
        if cue is None:
            cue = self._breakdown_of(doc, draft)
        if cue is not None and cue[0] == "target" and doc.view[cue[1][0] : cue[1][1]] in self.weak:
            cue = self._restated_estimate(doc, draft) or cue
        if cue is not None and cue[0] != "actual" and (
            self._from_value(doc.view, draft) or self._done_in_clause(doc.view, draft, cue)
        ):
            return  # the start value of a from-to change (由2010年的21%提高到…) is a level already reached
        if cue is not None and cue[0] != "actual" and self._bracketed_past(doc, draft):
            return  # 预计…可达23.92亿元（2020年22.15亿元）: the bracket's past year, measured
        if cue is not None and cue[0] == "estimate" and self._measured_window(doc.view, draft, cue[1]):
            return  # 预计全年…，其中1-10月完成41亿元: the months already measured
        if cue is not None and cue[0] == "estimate" and self._still_to_come(doc, draft):
            cue = ("target", cue[1])  # 预计明年…: a forecast of a period still to come
        if cue is not None:
            draft.status, draft.status_cue = cue

    def _breakdown_of(self, doc: Document, draft: Draft) -> tuple[str, Offs] | None:
        """A figure in a sentence that breaks down the one before it (预计全年…总产值33.4亿元。其中，
        农业产值7.6亿元…): the estimate or target of the figure right before it, in the same paragraph,
        carries over (the parts of an estimate are estimates), where that figure's cue opens its own
        sentence (预计…, 今年拟安排…), not where it stands inside a review's account (…确保…发到…手中。其中：…)."""
        if not self.breakdown_openers:
            return None
        before = doc.draft_before(draft)
        if (
            before is None or before.sentence.paragraph != draft.sentence.paragraph
            or before.status == "actual" or before.status_cue is None
        ):
            return None
        view = doc.view
        para_start = doc.paragraphs[draft.sentence.paragraph].start
        opening = view[whole_sentence_start(view, para_start, draft.q.start) : draft.q.start].lstrip(" \t\u3000")
        if not opening.startswith(self.breakdown_openers):
            return None
        cue_start = before.status_cue[0]
        if cue_start - whole_sentence_start(view, para_start, cue_start) > self.cfg.breakdown_cue_reach:
            return None
        return (before.status, before.status_cue)

    def _bracketed_past(self, doc: Document, draft: Draft) -> bool:
        """A figure a bracket gives for a year before the one the document is written in."""
        if self.bracket_base is None or self.bracket_close is None or doc.years is None or doc.years.written is None:
            return False
        view = doc.view
        m = self.bracket_base.search(view, max(draft.clause[0], draft.q.start - 16), draft.q.start)
        return (
            m is not None and int(m.group("y")) < doc.years.written
            and self.bracket_close.match(view, draft.q.end, min(len(view), draft.q.end + 4)) is not None
        )

    def _ceiling(self, doc: Document, draft: Draft) -> tuple[str, Offs] | None:
        """A ceiling set for the figure (失业率控制在4.5%以内): the goal's value, a target."""
        if self.ceiling_before is None or self.ceiling_after is None:
            return None
        view = doc.view
        m = self.ceiling_before.search(view, max(draft.clause[0], draft.q.start - 8), draft.q.start)
        if m is None or not self.ceiling_after.match(view, draft.q.end, min(len(view), draft.q.end + 6)):
            return None
        return "target", (m.start(), m.end())

    def _restated_estimate(self, doc: Document, draft: Draft) -> tuple[str, Offs] | None:
        """The estimate cue of the sentence before, where the figure's sentence restates it (这就是说，
        …将只占29%左右 after 预计…将增加到71%左右): a weak target word (将) keeps that estimate."""
        k, view = draft.index, doc.view
        if not self.restatement or k == 0:
            return None
        sentence, prev = draft.sentence, doc.sentences[k - 1]
        if prev.paragraph != sentence.paragraph or not view.startswith(self.restatement, sentence.start):
            return None
        cue = self._cue(doc, prev.start, prev.end)
        return cue if cue is not None and cue[0] == "estimate" else None

    def _measured_window(self, view: str, draft: Draft, cue: Offs) -> bool:
        """A window of months already past in the figure's own clause, after an estimate cue of an
        earlier clause."""
        if self.measured is None or cue[1] > draft.clause[0]:
            return False
        return self.measured.search(view, draft.clause[0], draft.q.start) is not None

    @staticmethod
    def _still_to_come(doc: Document, draft: Draft) -> bool:
        written = doc.years.written if doc.years is not None else None
        return draft.year is not None and written is not None and draft.year > written

    def _list_start(self, doc: Document, draft: Draft) -> int:
        """Where the cue search starts: the fact's sentence, or, where the sentence is an item of a
        list that a colon opens (以下数字：电力…；原煤…；), the sentence that opens the list."""
        view, k = doc.view, draft.index
        while k > 0:
            prev = doc.sentences[k - 1]
            if prev.paragraph != draft.sentence.paragraph or view[prev.end - 1 : prev.end] not in ("；", ";"):
                break
            k -= 1
            if "：" in view[prev.start : prev.end] or ":" in view[prev.start : prev.end]:
                return max(prev.start, draft.q.start - WINDOW)
        return draft.near

    def _item_cue(self, doc: Document, draft: Draft) -> tuple[str, Offs] | None:
        """A cue of a kind that reaches the whole sentence (预计…；…；…。, 今年将…；打造…3个以上；…。) from
        an earlier ；-item of it; a target's not an item that says it is done."""
        view, k = doc.view, draft.index
        start = draft.near
        while k > 0:
            prev = doc.sentences[k - 1]
            if prev.paragraph != draft.sentence.paragraph or view[prev.end - 1 : prev.end] not in ("；", ";"):
                break
            k -= 1
            start = max(prev.start, draft.q.start - WINDOW)
        if start >= draft.near:
            return None
        cue = self._cue(doc, start, draft.near)
        if cue is not None and cue[0] == "target":
            if view[cue[1][0] : cue[1][1]] not in self.weak:
                return None  # 计划新建书屋60个；全年建成广场45个: a plan word marks its own item only
            item = view[draft.sentence.start : draft.sentence.end]
            if any(w in item for w in (*self.done_markers, *self.done_after)):
                return None  # 今年将…；续建项目3个，已全部达到进度要求: this item reports what was done
        return cue if cue is not None and cue[0] in self.list_reach else None

    def _done_in_clause(self, view: str, draft: Draft, found: tuple[str, Offs]) -> bool:
        """A cue of an earlier clause does not reach a figure whose own clause says it is done
        (计划…，已有43种提前达到; 计划开工6个，目前6个项目已开工), nor one after a clause between
        them that turns from a plan to what was done (计划改造…，实际完成改造56公里，完成投资2100万元;
        an estimate reaches what its sentence lists after it, as ANNOTATION.md says)."""
        kind, cue = found
        if cue[1] > draft.clause[0]:
            return False
        before = view[draft.clause[0] : draft.q.start]
        if any(w in before for w in self.done_markers) or (self.tally is not None and self.tally.search(before) is not None):
            return True
        between = view[_clause_end(view, cue[1], draft.clause[0]) : draft.q.start]
        after = view[draft.q.end : _clause_end(view, draft.q.end, draft.sentence.end)]
        return (kind == "target" and any(w in between for w in self.done_after)) or any(w in after for w in self.done_after)

    def _from_value(self, view: str, draft: Draft) -> bool:
        if self.from_before is None or self.from_after is None:
            return False
        return bool(
            self.from_before.search(view, max(draft.clause[0], draft.q.start - 16), draft.q.start)
            and self.from_after.match(view, draft.q.end, min(len(view), draft.q.end + 12))
        )

    def _cue(self, doc: Document, start: int, end: int) -> tuple[str, Offs] | None:
        """The last cue of the sentence before the number that is really one; a weak target
        word (将) after an estimate cue (预计…将达到) keeps the estimate."""
        view = doc.view
        masked = self._masked(view, start, end)
        found: tuple[str, Offs] | None = None
        for m in reversed(list(self.cues.finditer(view, start, end))):
            if any(a < m.end() and m.start() < b for a, b in masked) or _quoted(view, start, m.start()):
                continue  # a cue inside a quoted name or a title (“春蕾计划”, 《…规划》) is part of the name
            word = m.group(0)
            to_year = "to" in self.cues.groupindex and m.group("to")
            kind = "target" if to_year else self.kinds[word]
            if to_year and self._year_passed(doc, word, m.start(), m.end()):
                continue  # 到2015年底 in a review of 2015 or later: a date reached, not a target
            if word == "将" and self._marks_object(view, m.end(), end):
                continue
            if not self._condition_holds(view, word, m.start(), m.end()):
                continue
            if self._done_before(view, m.end(), end):
                continue
            if found is None:
                found = kind, (m.start(), m.end())
                if not (kind == "target" and word in self.weak):
                    return found
            elif kind == "estimate":
                return kind, (m.start(), m.end())
        return found

    def _done_before(self, view: str, after: int, end: int) -> bool:
        """Whether the cue's own clause, when it ends before the number, reports the plan done."""
        stop = after
        while stop < end and view[stop] not in "，,。；;":
            stop += 1
        if stop >= end:
            return False  # the cue stands in the number's own clause
        clause = view[after:stop]
        return any(w in clause for w in self.done_markers)

    def _condition_holds(self, view: str, word: str, start: int, end: int) -> bool:
        """A conditional cue holds when one of its following words follows it or one of its
        preceding words stands right before it (either suffices where a word has both)."""
        after = self.conditional.get(word)
        before = self.conditional_before.get(word)
        if after is None and before is None:
            return True
        if after is not None and view.startswith(after, end):
            return True
        return before is not None and view.endswith(before, max(0, start - 4), start)

    def _year_passed(self, doc: Document, word: str, start: int, end: int) -> bool:
        if self.target_year is None or doc.years is None or doc.years.review is None:
            return False
        read = doc.years.span
        if read is not None and read[0] < end and start < read[1]:
            return False  # the document's year was read from this very cue
        m = self.target_year.search(word)
        if m is None:
            return False
        try:
            year = int(parse_number(m.group("y")))
        except (ValueError, ArithmeticError):
            return False
        return year <= doc.years.review

    def _masked(self, view: str, start: int, end: int) -> list[Offs]:
        if self.not_cues is None:
            return []
        # read a little past the number: a mask may look ahead at it (计划完成105%: a plan fulfilled)
        reach = min(len(view), end + 16)
        return [(m.start(), m.end()) for m in self.not_cues.finditer(view, start, reach) if m.start() < end]

    def _marks_object(self, view: str, after: int, end: int) -> bool:
        """将 that marks an object (将…纳入): an object verb follows within the clause."""
        stop = after
        while stop < len(view) and stop - after < 16 and view[stop] not in "，,。；;":
            stop += 1
        window = view[after:stop]
        return any(v in window for v in self.object_verbs)


def _quoted(view: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quoted name or a 《title》 opened after ``start``; not inside
    quoted speech (“今年的主要预期目标是：…”), whose words run on over a comma or colon before
    the quote closes.

    >>> _quoted("实施“春蕾计划”", 0, 7), _quoted("“今年的主要预期目标是：增长8%”", 0, 5)
    (True, False)
    """
    before = view[start:pos]
    for opener, closer in (("“", "”"), ("《", "》"), ("「", "」"), ('"', '"')):
        opened = before.count(opener) > before.count(closer) if opener != closer else before.count(opener) % 2 == 1
        if opened:
            close = view.find(closer, pos, pos + QUOTE_REACH)  # a name closes soon; speech may run on
            inside = view[start + before.rfind(opener) + 1 : close if close >= 0 else min(len(view), pos + QUOTE_REACH)]
            return not any(mark in inside for mark in SPEECH_MARKS)
    return False


QUOTE_REACH = 120  # characters after a cue searched for the quote's close (a document may hold no close)
SPEECH_MARKS = "，,：:；;。"  # a name or title holds none of these; quoted speech does


@register("status")
def _status(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return StatusStage(patterns)


def _clause_end(view: str, pos: int, end: int) -> int:
    """The end of the clause holding ``pos`` (its ，；。 or ``end``)."""
    stop = pos
    while stop < end and view[stop] not in "，,。；;":
        stop += 1
    return stop
