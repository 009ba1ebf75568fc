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
from .patterns import Patterns
from .segment import WordSegmenter
from .stage import Document, Draft, Offs, Stage, register

class StatusStage(Stage):
    name = "status"
    assigns = ("status", "status_cue")

    def __init__(self, patterns: Patterns) -> None:
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
        self.review_heading = tuple(cfg.review_headings)
        self.plan_opening = tuple(cfg.plan_openings)

    def begin(self, doc: Document) -> None:
        doc.state[self.name] = self._plan_paragraphs(doc)

    def _plan_paragraphs(self, doc: Document) -> list[Offs | None]:
        """For each paragraph, the heading or opening that makes it part of a work plan, or None."""
        out: list[Offs | None] = []
        current: Offs | None = None
        view = doc.view
        for n, para in enumerate(doc.paragraphs):
            line = view[para.start : para.end].strip()
            is_heading = para.heading or (
                0 < len(line) <= self.cfg.max_heading_length and line[-1] not in "。！？；!?;，,："
            )
            if is_heading:
                plan = self._first(view, para.start, para.end, self.plan_heading)
                review = self._first(view, para.start, para.end, self.review_heading)
                if plan is not None and (review is None or n > 0 and review[0] > plan[0]):
                    current = plan
                elif plan is not None and review is not None and n == 0:
                    current = None  # a title naming both (2022年工作总结及2023年工作思路): its sections decide
                elif review is not None or para.heading:
                    current = None
                out.append(current)
                continue
            opening = self._first(view, para.start, min(para.end, para.start + 30), self.plan_opening)
            if opening is not None and opening[0] - para.start <= 4:
                current = opening
            out.append(current)
        return out

    @staticmethod
    def _first(view: str, start: int, end: int, words: tuple[str, ...]) -> Offs | None:
        best: Offs | None = None
        for w in words:
            i = view.find(w, start, end)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(w))
        return best

    def fill(self, doc: Document, draft: Draft) -> None:
        plan = doc.state[self.name][draft.sentence.paragraph]
        if plan is None and doc.plan_paragraphs and doc.plan_paragraphs[draft.sentence.paragraph]:
            plan = (doc.paragraphs[draft.sentence.paragraph].start, doc.paragraphs[draft.sentence.paragraph].start)
        if plan is not None:
            draft.status, draft.status_cue = "target", plan
            return
        cue = self._cue(doc.view, draft.near, draft.q.start)
        if cue is not None:
            draft.status, draft.status_cue = cue

    def _cue(self, view: str, start: int, end: int) -> tuple[str, Offs] | None:
        """The last cue of the sentence before the number that is really one; a weak target
        word (将) after an estimate cue (预计…将达到) keeps the estimate."""
        masked = self._masked(view, start, end)
        found: tuple[str, Offs] | None = None
        for m in reversed(list(self.cues.finditer(view, start, end))):
            if any(a < m.end() and m.start() < b for a, b in masked) or _quoted(view, start, m.start()):
                continue  # a cue inside a quoted name or a title (“春蕾计划”, 《…规划》) is part of the name
            word = m.group(0)
            kind = "target" if "to" in self.cues.groupindex and m.group("to") else self.kinds[word]
            if word == "将" and self._marks_object(view, m.end(), end):
                continue
            if word in self.conditional and not view.startswith(self.conditional[word], m.end()):
                continue
            if word in self.conditional_before and not view.endswith(
                self.conditional_before[word], max(0, m.start() - 4), m.start()
            ):
                continue
            if found is None:
                found = kind, (m.start(), m.end())
                if not (kind == "target" and word in self.weak):
                    return found
            elif kind == "estimate":
                return kind, (m.start(), m.end())
        return found

    def _masked(self, view: str, start: int, end: int) -> list[Offs]:
        if self.not_cues is None:
            return []
        return [(m.start(), m.end()) for m in self.not_cues.finditer(view, start, end)]

    def _marks_object(self, view: str, after: int, end: int) -> bool:
        """将 that marks an object (将…纳入): an object verb follows within the clause."""
        stop = after
        while stop < len(view) and stop - after < 16 and view[stop] not in "，,。；;":
            stop += 1
        window = view[after:stop]
        return any(v in window for v in self.object_verbs)


def _quoted(view: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside quote marks or a 《title》 opened after ``start``."""
    before = view[start:pos]
    return (
        before.count("“") > before.count("”") or before.count("《") > before.count("》")
        or before.count("「") > before.count("」") or before.count('"') % 2 == 1
    )


@register("status")
def _status(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return StatusStage(patterns)
