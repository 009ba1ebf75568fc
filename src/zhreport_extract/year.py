"""Year: the calendar year each fact reports on.

The document's years come from its title or opening (a 2025 work report is written in
2025 and reviews 2024; a 2012 communiqué reports 2012) or from its date. A fact takes
an explicit year that frames its clause or sentence, else the year opening its
paragraph, else the document's year. Relative years (今年 去年 上年) count from the year
the text was written. A year after a comparison word (比2016年) or that only modifies a
noun does not set the fact's year; a year right before the value (由2012年的36.5%) does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

import regex

from .numerals import NumeralError, parse_chinese
from .patterns import Patterns

YEAR = regex.compile(r"(?<![\d.])(?P<y>(?:1[89]|20)\d\d)(?=年(?!代|度?以来|来|初以来))|(?P<c>[一二三四五六七八九〇○零]{4})(?=年)")
DELIVERY = regex.compile(
    r"(?P<y>(?:19|20)\d\d|[一二三四五六七八九〇○零]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
    r"(?:[^\n]{0,40}?)(?:会议|大会)上"
)
REVIEW_OPENING = regex.compile(r"(?:刚刚过去的|过去的|回顾)(?P<y>(?:19|20)\d\d)年")


@dataclass(frozen=True)
class DocumentYears:
    review: int | None  # the year the document reports on
    written: int | None  # the year 今年 refers to


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int  # after 年
    year: int


def _year_value(m: regex.Match[str]) -> int | None:
    if m.group("y"):
        text = m.group("y")
        if text.isdigit():
            return int(text)
        try:
            return int(parse_chinese(text))
        except NumeralError:
            return None
    try:
        return int(parse_chinese(m.group("c")))
    except NumeralError:
        return None


class YearResolver:
    def __init__(self, patterns: Patterns) -> None:
        cfg = patterns.years
        self.cfg = cfg
        self.title = regex.compile(cfg.review_title)
        words = sorted(cfg.relative, key=len, reverse=True)
        self.relative = regex.compile("|".join(map(regex.escape, words)))
        self.base_before = regex.compile("(?:" + "|".join(map(regex.escape, cfg.base_markers)) + ")$")

    def document_years(self, view: str, date: Date | None = None) -> DocumentYears:
        head = view[:600]
        first_lines = "\n".join(head.split("\n")[:4])
        written: int | None = None
        review: int | None = None
        m = self.title.search(first_lines)
        if m:
            written = int(m.group("year"))
            review = written if ("公报" in m.group(0) or "国民经济" in m.group(0)) else written - 1
        else:
            d = DELIVERY.search(head)
            if d:
                written = _year_value(d)
                review = written - 1 if written else None
        if review is None:
            r = REVIEW_OPENING.search(view[:2000])
            if r:
                review = int(r.group("y"))
                written = review + 1
        if date is not None:
            if written is None:
                written = date.year
            if review is None:
                review = self._named_review_year(view) or date.year
        if review is None:
            review = self._named_review_year(view)
            if review is not None and written is None:
                written = review
        return DocumentYears(review=review, written=written)

    def _named_review_year(self, view: str) -> int | None:
        """A year that opens the text's first paragraphs (2018年，…)."""
        for line in view.split("\n")[:4]:
            m = regex.match(r"\s*(?P<y>(?:19|20)\d\d)年[，,]", line)
            if m:
                return int(m.group("y"))
        return None

    def mentions(self, view: str, start: int, end: int) -> list[YearMention]:
        out = []
        for m in YEAR.finditer(view, start, end):
            value = _year_value(m)
            if value is not None:
                out.append(YearMention(m.start(), m.end() + 1, value))
        return out

    def fact_year(
        self, view: str, pos: int, sentence: tuple[int, int], clause_start: int,
        paragraph_start: int, paragraph_year: int | None, doc: DocumentYears,
    ) -> int | None:
        """The year of a fact at ``pos`` in ``sentence``."""
        s_start, _ = sentence
        # a year right before the value: 由2012年的36.5%, 增加到2007年13786元
        for mention in reversed(self.mentions(view, max(s_start, pos - 12), pos)):
            between = view[mention.end : pos]
            if regex.fullmatch(r"(?:的|底|末|全年)?(?:的)?", between):
                return mention.year
        framing = None
        for mention in self.mentions(view, s_start, pos):
            if self._frames(view, mention, s_start):
                framing = mention.year
        if framing is not None:
            return framing
        rel = self._relative(view, clause_start, pos, doc)
        if rel is not None:
            return rel
        rel = self._relative(view, s_start, pos, doc)
        if rel is not None:
            return rel
        if paragraph_year is not None:
            return paragraph_year
        return doc.review

    def _frames(self, view: str, mention: YearMention, s_start: int) -> bool:
        before = view[max(s_start, mention.start - 3) : mention.start]
        if self.base_before.search(before):
            return False
        after = view[mention.end : mention.end + 2]
        # 2018年， / 2018年全年 / 2018年我市 frame; 2016年建档立卡 modifies a noun
        if after[:1] in "，,、" or after.startswith(("全年", "上半年", "以来", "底", "末", "前")):
            return True
        return mention.start == s_start or view[mention.start - 1] in "。；，"

    def _relative(self, view: str, start: int, pos: int, doc: DocumentYears) -> int | None:
        if doc.written is None:
            return None
        found = None
        for m in self.relative.finditer(view, start, pos):
            before = view[max(0, m.start() - 1) : m.start()]
            if before and self.base_before.search(before):
                continue
            found = doc.written + self.cfg.relative[m.group(0)]
        return found

    def paragraph_year(self, view: str, p_start: int, p_end: int) -> int | None:
        """The year that opens a paragraph (2018年，…), if any."""
        m = regex.match(r"\s*(?:——)?(?P<y>(?:19|20)\d\d)年(?:[，,]|全年|以来|上半年)", view[p_start : min(p_end, p_start + 20)])
        return int(m.group("y")) if m else None
