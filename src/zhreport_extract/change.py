"""The ``change`` stage: the direction of a stated change against a base (patterns/change.toml).

>>> from zhreport_extract import Extractor
>>> ex = Extractor(entities=False)
>>> [(f.quantity.text, f.change, f.change_cue.text if f.change_cue else None)
...  for f in ex.extract("地区生产总值57761亿元，比上年增长5.5%，财政支出下降0.1%，粮食增至300万吨。").facts]
[('57761亿元', None, None), ('5.5%', 'up', '增长'), ('0.1%', 'down', '下降'), ('300万吨', None, None)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from .meaning_patterns import ChangeFile, load_meaning, words_pattern
from .patterns import Patterns, alternation, compiler
from .segment import WordSegmenter
from .stage import Document, Draft, Offs, Stage, register


@dataclass
class _State:
    last: tuple[int, int, str | None, Offs | None, bool] = (-1, 0, None, None, False)  # sentence, end, direction, cue, of an object verb


class ChangeStage(Stage):
    name = "change"
    assigns = ("change", "change_cue")

    def __init__(self, patterns: Patterns) -> None:
        fast = compiler(patterns.directory)  # the shipped patterns on re where it reads them
        cfg: ChangeFile = load_meaning(patterns, "change.toml", ChangeFile)
        self.cfg = cfg
        self.direction = {w: "up" for w in cfg.words.up}
        self.direction.update({w: "down" for w in cfg.words.down})
        self.direction.update({w: "flat" for w in cfg.words.flat})
        where = f"{patterns.directory / 'change.toml'}"
        self.words = words_pattern(list(self.direction), where, "words")
        self.object_not_end = tuple(cfg.object_not_end)
        gap = "|".join(map(regex.escape, sorted(cfg.gap, key=len, reverse=True)))
        self.gap = fast(rf"(?:{gap}|\s)*" if gap else r"\s*")
        self.level_after = tuple(cfg.level_after)
        self.rate_words = frozenset(cfg.rate_words)
        self.not_after = tuple(cfg.not_after)
        self.not_before = tuple(cfg.not_before)
        self.multiple = fast(cfg.multiple_before) if cfg.multiple_before else None
        # between two values of a list; a qualifier may end the value before (5.5%左右、6%左右)
        tails = "|".join(map(regex.escape, cfg.value_tails))
        self.joiner = fast(rf"\s*(?:{tails})?\s*[、和及与]\s*" if tails else r"\s*[、和及与]\s*")
        objects = {w: "up" for w in cfg.object_verbs_up} | {w: "down" for w in cfg.object_verbs_down}
        self.object_direction = objects
        self.object_verb = (
            fast(
                "(?:" + "|".join(map(regex.escape, sorted(objects, key=len, reverse=True))) + ")"
                + f"(?P<object>[^，。；,;:：、\\d\\s]{{1,{cfg.max_object}}})$"
            )
            if objects else None
        )
        self.comparative = fast(cfg.comparative_pattern) if cfg.comparative_pattern else None
        self.rate_pair = fast(cfg.rate_pair_pattern) if cfg.rate_pair_pattern else None
        # 增加水稻面积26万亩、蔬菜16万亩: the next object of the same verb
        self.listed_object = fast(
            f"\\s*[、和及与]\\s*(?!{alternation(cfg.object_not_end, where, 'object_not_end')})[^，。；,;:：、\\d\\s]{{1,{cfg.max_object}}}"
        )

    def begin(self, doc: Document) -> None:
        doc.state[self.name] = _State()

    def fill(self, doc: Document, draft: Draft) -> None:
        st: _State = doc.state[self.name]
        view, q = doc.view, draft.q
        start = max(draft.clause[0], q.start - self.cfg.max_distance)
        found = self._word_before(view, start, q.start)
        listed = st.last[0] == draft.index and st.last[2] is not None and (
            self.joiner.fullmatch(view, st.last[1], q.start) is not None
            or st.last[4] and self.listed_object.fullmatch(view, st.last[1], q.start) is not None
        )
        if found is None and listed:
            found = (st.last[2], st.last[3])  # 分别增长4%、8%: the list's later values
        if found is None:
            found = self._object_or_comparison(view, draft.clause[0], q.start)
        if found is None and self.rate_pair is not None:
            m = self.rate_pair.search(view, draft.clause[0], q.start)
            if m is not None:  # 增速由上年的8.2%回落到6.5%: each end is a growth rate
                found = ("up", (m.start(), m.start() + 2))
        if found is None and q.unit in self.cfg.multiple_units and self.multiple is not None:
            m = self.multiple.search(view[max(draft.clause[0], q.start - 20) : q.start])
            if m:
                base = q.start - 20 if q.start - 20 > draft.clause[0] else draft.clause[0]
                found = ("up", (base + m.start(), base + m.end()))
        if q.signed and q.count >= 0:  # the quantities stage read a minus on a change as its magnitude
            found = ("down", found[1] if found else (q.start, q.start + 1))
        if found is not None:
            draft.change, draft.change_cue = found
        of_object = found is not None and found[1] is not None and view[found[1][0] : found[1][1]] in self.object_direction
        st.last = (draft.index, q.end, draft.change, draft.change_cue, of_object)

    def _word_before(self, view: str, start: int, end: int) -> tuple[str | None, Offs | None] | None:
        """The change word that governs the number at ``end``: the last one before it whose
        gap to the number holds only gap words."""
        found = self.words.finditer(view, start, end, overlapped=True)
        for m in sorted(found, key=lambda m: (m.end(), m.end() - m.start()), reverse=True):
            if not self.gap.fullmatch(view, m.end(), end):
                continue
            after = view[m.end() : m.end() + 2]
            if after.startswith(self.not_after) or view.endswith(self.not_before, max(0, m.start() - 2), m.start()):
                return None
            if after.startswith(self.level_after) and m.group(0) not in self.rate_words:
                return None  # 增加到 / 提高至 / 上升为: a value reached (增速为8% is the rate)
            return self.direction[m.group(0)], (m.start(), m.end())
        return None

    def _object_or_comparison(self, view: str, start: int, end: int) -> tuple[str | None, Offs | None] | None:
        """压缩“三公”经费530.2亿元 (a verb, its object, the amount); 比同期增速高0.8个百分点."""
        window_start = max(start, end - self.cfg.max_object - 4)
        if self.object_verb is not None:
            m = self.object_verb.search(view, window_start, end)
            obj = m.group("object") if m is not None else ""
            if (
                m is not None and not self.words.search(obj)
                and not obj.startswith((*self.not_after, *self.level_after))
                and not view.endswith(self.not_before, max(0, m.start() - 2), m.start())  # 新增加会员…: a new flow
                and not obj.endswith(self.object_not_end)
            ):
                verb = m.group(0)[: m.start("object") - m.start()]
                return self.object_direction[verb], (m.start(), m.start("object"))
        if self.comparative is not None:
            m = self.comparative.search(view, max(start, end - 24), end)
            if m is not None:
                key = "up" if m.group("up") else "down"
                return key, m.span(key)
        return None


@register("change")
def _change(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return ChangeStage(patterns)

