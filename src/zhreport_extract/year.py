"""Year: the calendar year each fact reports on.

The document's years come from its title or opening (a 2025 work report is written in
2025 and reviews 2024; a 2012 communiqué reports 2012) or from its date. A fact takes
an explicit year that frames its clause or sentence, else the year opening its
paragraph, else the document's year. Relative years (今年 去年 上年) count from the year
the text was written. A year after a comparison word (比2016年) or that only modifies a
noun does not set the fact's year; a year right before the value (由2012年的36.5%) does.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date as Date

import regex

from .numerals import NumeralError, parse_chinese
from .patterns import REGEX_TIMEOUT, Patterns, alternation
from .records import Paragraph

PARAGRAPH_YEAR = regex.compile(r"\s*(?:——)?(?P<y>(?:19|20)\d\d)年(?:[，,]|全年|以来|上半年)")

YEAR_OF_NOUN = regex.compile(r"(?:的|底|末|全年)?(?:的)?")

YEAR = regex.compile(r"(?<![\d.])(?P<y>(?:1[89]|20)\d\d)(?=年(?!代|度?以来|来|初以来))|(?P<c>[一二三四五六七八九〇○零]{4})(?=年)")
DELIVERY = regex.compile(
    r"(?P<y>(?:19|20)\d\d|[一二三四五六七八九〇○零]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
    r"(?:[^\n]{0,40}?)(?:会议|大会)上"
)
MULTIPLE_OF = regex.compile(r"(?:是|为|相当于|等于)$")
AS_OF_YEAR_END = regex.compile(r"截至(?P<y>(?:19|20)\d\d)年(?:底|末)")
OPENING_YEAR = regex.compile(r"(?:^|[。\n])(?:——)?(?P<y>(?:19|20)\d\d)年(?:[，,]|全年|我)")
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
        file = patterns.directory / "years.toml"
        self.title = regex.compile(cfg.review_title)  # the user's regex: searched under a timeout
        self.relative = regex.compile(alternation(cfg.relative, file, "relative", longest_first=True))
        self.base_before = regex.compile(alternation(cfg.base_markers, file, "base_markers") + "$")
        self.plan_heading = regex.compile(alternation(cfg.plan_headings, file, "plan_headings"))
        self.review_heading = regex.compile(alternation(cfg.review_headings, file, "review_headings"))
        periods = alternation(cfg.plan_periods, file, "plan_periods", longest_first=True, allow_empty=True)
        self.period_end = regex.compile(rf"[“\"]?(?P<p>{periods})[”\"]?(?:时期|期间)?(?P<edge>末|初)的?$")
        self.plan_mood = regex.compile(alternation(cfg.plan_mood_words, file, "plan_mood_words"))
        self.review_mood = regex.compile(alternation(cfg.review_mood_words, file, "review_mood_words"))
        self.plan_opening = regex.compile(r"\s*" + alternation(cfg.plan_openings, file, "plan_openings"))

    def document_years(self, view: str, date: Date | None = None) -> DocumentYears:
        head = view[:600]
        first_lines = "\n".join(head.split("\n")[:4])
        written: int | None = None
        review: int | None = None
        m, title_year = self._title(first_lines)
        if m is not None and title_year is not None:
            written = title_year
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
                as_of = AS_OF_YEAR_END.search(view[:1500])
                review = self._named_review_year(view) or (int(as_of.group("y")) if as_of else date.year)
        if review is None:
            review = self._named_review_year(view) or self._latest_year(view)
            if review is not None and written is None:
                written = review
        return DocumentYears(review=review, written=written)

    def _title(self, text: str) -> tuple[regex.Match[str] | None, int | None]:
        """The review title (years.toml ``review_title``, a user's regex: searched under the
        regex module's timeout) in ``text`` and the year its ``year`` group holds. A search
        that runs over the timeout is no match, with a RuntimeWarning; a ``year`` group that
        holds no year (it took no part, or holds no number) gives None."""
        try:
            m = self.title.search(text, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            warnings.warn(
                f"years.toml review_title ran over {REGEX_TIMEOUT:g} s on a document's first lines and was skipped",
                RuntimeWarning, stacklevel=3,
            )
            return None, None
        if m is None:
            return None, None
        digits = m.group("year")
        if not digits:
            return m, None
        if digits.isascii() and digits.isdigit():
            return m, int(digits)
        try:
            return m, int(parse_chinese(digits))
        except NumeralError:
            return m, None

    def _named_review_year(self, view: str) -> int | None:
        """A year that opens a sentence near the start (2018年，… / ——…。2007年，…)."""
        m = OPENING_YEAR.search(view[:1500])
        return int(m.group("y")) if m else None

    def _latest_year(self, view: str) -> int | None:
        """The latest year the text names: an undated analysis is written in it."""
        years = [y.year for y in self.mentions(view, 0, min(len(view), 5000))]
        return max(years) if years else None

    def section_years(self, view: str, paragraphs: list[Paragraph], doc: DocumentYears) -> list[int | None]:
        """The year in force in each paragraph from sections: a plan section (三、2026年重点工作,
        今年主要预期目标是…) takes the plan's year until a heading names another year."""
        out: list[int | None] = []
        current: int | None = None
        for para in paragraphs:
            text = view[para.start : min(para.end, para.start + 60)]
            if para.heading:
                years = self.mentions(view, para.start, min(para.end, para.start + 40))
                if self.plan_heading.search(text):
                    current = years[0].year if years else doc.written
                elif years or self.review_heading.search(text):
                    current = None
            elif self.plan_opening.match(text) and doc.written is not None:
                current = doc.written
            out.append(current)
        if all(y is None for y in out) and self._reads_as_plan(view, doc):
            return [doc.written] * len(paragraphs)
        return out

    def _reads_as_plan(self, view: str, doc: DocumentYears) -> bool:
        """A work report's text that is all plan: its plan verbs outnumber review words by far."""
        if doc.written is None or doc.review is None or doc.written == doc.review:
            return False
        body = view[view.find("\n") + 1 :]
        plan = len(self.plan_mood.findall(body))
        review = len(self.review_mood.findall(body))
        return plan >= 20 and plan >= self.cfg.plan_mood_ratio * max(review, 1)

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
        # a year right before the value: 由2012年的36.5%, 增加到2007年13786元 (not 是2010年的2.6倍)
        for mention in reversed(self.mentions(view, max(s_start, pos - 12), pos)):
            between = view[mention.end : pos]
            if YEAR_OF_NOUN.fullmatch(between) and not MULTIPLE_OF.search(
                view, max(s_start, mention.start - 4), mention.start
            ):
                return mention.year
        period = self.period_end.search(view, max(s_start, pos - 12), pos)
        if period is not None:
            first, last = self.cfg.plan_periods[period.group("p")]
            return last if period.group("edge") == "末" else first
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
        m = PARAGRAPH_YEAR.match(view[p_start : min(p_end, p_start + 20)])
        return int(m.group("y")) if m else None
