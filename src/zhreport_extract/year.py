"""Year: the calendar year each fact reports on.

The document's years (the year it reviews, and the year it was written in, which 今年
counts from) come from the ordered ``[[document]]`` rules of patterns/years.toml: a title
with a summary's and a plan's year (2022年工作总结及2023年工作思路: reviews 2022), a review
heading or phrase (一、2023年工作回顾, 刚刚过去的2023年), a report's title year (a 2025 work
report reviews 2024; a 2012 communiqué reports 2012), a delivery line, the opening of a dated
news item (2015年，… / 去年… in an item of January 2016: reviews 2015), a chronicle of several
years (no single year), a year opening the text. A dated text no rule reads takes its date's
year; an undated text that names no year has none. The rule and the text it read are the
result's ``year_source``. With a date, relative years count from the date's year.

A fact takes an explicit year that frames its clause or sentence, else the year that opens an
earlier sentence of its paragraph or the paragraph itself, else its section's (a plan section
takes the plan's year), else the document's year. A year after a comparison word (比2016年) or
that only modifies a noun does not set the fact's year; a year right before the value
(由2012年的36.5%) does; a framing span (2014年至2019年累计…) gives its last year.
"""

from __future__ import annotations

import bisect
import warnings
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import Any

import regex

from .meaning_patterns import StatusFile, load_meaning
from .numerals import NumeralError, parse_chinese
from .patterns import DATE_RULE, MASKED_RULE, REGEX_TIMEOUT, DocumentYearRule, Patterns, alternation, expand_year_pattern, compiler
from .records import Paragraph, Span, YearSource
from .segment import whole_sentence_start

DIGIT = regex.compile(r"\d")  # a value between a span and the figure: the span is not the figure's
TITLE_SCAN = 2000  # the title lines lie within the first characters (blank lines skipped)
REPOST_YEARS = 2  # a page date line this many years after the year a text was written in dates a re-post


@dataclass(frozen=True)
class DocumentYears:
    review: int | None  # the year the document reports on
    written: int | None  # the year 今年 refers to
    rule: str | None = None  # the document rule (years.toml) that set ``review``, or DATE_RULE
    span: tuple[int, int] | None = None  # the text that rule read
    plan: int | None = None  # the year of the plan a summary also sets out (2022年工作总结及2023年工作思路)
    published: int | None = None  # a summary put out early the next year: the date's year, its plan part's 今年
    date_span: tuple[int, int] | None = None  # the page's own date line that dated the text (no date given)
    page_date: Date | None = None  # the date that line states
    date_line: tuple[int, int] | None = None  # the page's own date line in its head, whether or not it dated the text
    written_stated: bool = False  # ``written`` is a date's or a delivery line's, not inferred from the year reviewed

    def evidence(self, text: str) -> YearSource | None:
        """The result's ``year_source``: the rule that set the document's year and the text it
        read (cut from ``text``, the original of the view the rule read), and the page's own date
        line where it dated the text; None if no rule did."""
        if self.rule is None:
            return None
        return YearSource(
            rule=self.rule, span=Span.of(text, *self.span) if self.span is not None else None,
            date=Span.of(text, *self.date_span) if self.date_span is not None else None,
        )


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int  # after 年
    year: int


@dataclass(frozen=True)
class _Read:
    year: int
    start: int
    end: int
    plan: int | None = None


_YEAR_MARK = regex.compile(r"[ \t]*年?")


def _year_value(m: regex.Match[str]) -> int | None:
    """The year a ``mention`` match names (group y, else c), or None."""
    groups = m.groupdict()
    text = groups.get("y") or groups.get("c")
    return _digits_year(text) if text else None


_ZEROS = str.maketrans("OＯ0０", "〇〇〇〇")


def _digits_year(text: str) -> int | None:
    """2018 -> 2018; 二〇一八 -> 2018, 二O一八 -> 2018 (digit by digit; a zero written as O or 0)."""
    if text.isdigit():
        return int(text)
    try:
        return int("".join(str(int(parse_chinese(ch))) for ch in text.translate(_ZEROS)))
    except (NumeralError, ValueError):
        return None


class YearResolver:
    def __init__(self, patterns: Patterns) -> None:
        fast = compiler(patterns.directory)  # the shipped patterns on re where it reads them
        cfg = patterns.years
        self.cfg = cfg
        self._scans: tuple[str | None, dict[tuple[int, int], tuple[int, list[int], list[int | None]]]] = (None, {})
        self.title_stop = fast(cfg.title_stop)
        self.title_intro = fast(cfg.title_intro)
        self.mention = fast(cfg.mention)
        self.paragraph_opening = fast(cfg.paragraph_opening)
        self.sentence_opening = fast(cfg.sentence_opening)
        self.span_tail = fast(cfg.span_tail)
        self.text_date_pattern = fast(cfg.text_date)
        self.masked_year = fast(cfg.masked_year)
        self.masked_opening = fast(cfg.masked_opening.replace("{M}", f"(?P<m>{cfg.masked_year})"))
        self.cumulative = fast(cfg.cumulative)
        self.as_of = fast(cfg.as_of)
        self.year_of_noun = fast(cfg.year_of_noun)
        self.multiple_of = fast(cfg.multiple_of)
        self.sentence_end = fast(cfg.sentence_end)
        self.start_before = fast(cfg.start_before)
        self.start_after = fast(cfg.start_after)
        self.start_year = fast(cfg.start_year)
        self.span_head = fast(cfg.span_head)
        self.window = fast(cfg.window)
        self.clause_span = fast(cfg.clause_span)
        self.frame_after = tuple(cfg.frame_after)
        self.frame_before = tuple(cfg.frame_before)
        self.breakdown_openers = tuple(cfg.breakdown_openers)
        self.frame_verbs = tuple(cfg.frame_verbs)
        self.frame_month = fast(cfg.frame_month)
        self.frame_colon = fast(cfg.frame_colon)
        self.founding_before = fast(f"(?:{cfg.founding_before})$")
        self.founding_after = fast(cfg.founding_after)
        self.origin_after = fast(cfg.origin_after)
        self.relative_start_value = fast(f"(?:{cfg.relative_start_value})$")
        self.relative_start_after = tuple(cfg.relative_start_after)
        self.frame_reach = max(map(len, self.frame_after + self.frame_verbs))
        self.rules = [(rule, regex.compile(expand_year_pattern(rule.pattern))) for rule in cfg.document]
        # a section heading's numbering level (status.toml heading_levels: 一、 is 1, （一） 2 …)
        status_file = load_meaning(patterns, "status.toml", StatusFile)
        self.heading_levels = [fast(p) for p in status_file.heading_levels]
        # a plan word a comma and more words follow is no heading's head noun (status.toml plan_word_runs_on)
        self.plan_runs_on = fast(status_file.plan_word_runs_on) if status_file.plan_word_runs_on else None
        self.max_heading_length = status_file.max_heading_length
        words = sorted(cfg.relative, key=len, reverse=True)
        file = patterns.directory / "years.toml"
        self.relative = fast(alternation(words, file, "relative", longest_first=True))
        self.base_before = fast(alternation(cfg.base_markers, file, "base_markers") + "$")
        self.relative_base = fast(cfg.relative_base_before)
        self.relative_base_after = fast(cfg.relative_base_after)
        self.relative_since = fast(cfg.relative_since)
        self.relative_no_carry = fast(cfg.relative_no_carry)
        self.relative_carry_opens = fast(cfg.relative_carry_opens)
        self.carry_frame = fast(cfg.year_carry_frame)
        self.meeting_event = fast(cfg.meeting_event)
        self.meeting_attendance = fast(cfg.meeting_attendance)
        self.meeting_year_words = fast(cfg.meeting_year_words)
        self.plan_heading = fast(alternation(cfg.plan_headings, file, "plan_headings"))
        self.review_heading = fast(alternation(cfg.review_headings, file, "review_headings"))
        periods = alternation(cfg.plan_periods, file, "plan_periods", longest_first=True, allow_empty=True)
        self.period_end = fast(rf"[“\"]?(?P<p>{periods})[”\"]?(?:时期|期间)?(?P<edge>末|初)的?$")
        self.plan_mood = fast(alternation(cfg.plan_mood_words, file, "plan_mood_words"))
        self.review_mood = fast(alternation(cfg.review_mood_words, file, "review_mood_words"))
        self.plan_opening = fast(r"\s*" + alternation(cfg.plan_openings, file, "plan_openings"))
        self.year_list = fast(cfg.year_list)
        self.list_year = fast(cfg.list_year)
        self.eras = fast(cfg.eras)
        self.era_end = fast(cfg.era_end)
        spans = alternation(cfg.period_span_words, file, "period_span_words", longest_first=True, allow_empty=True)
        self.period_frame = fast(
            rf"[“\"]?(?P<p>{periods})[”\"]?(?:{spans})" if cfg.plan_periods and cfg.period_span_words else "(?!)"
        )

    def document_years(self, view: str, date: Date | None = None) -> DocumentYears:
        """The year the document reviews and the year it was written in, by the first
        ``[[document]]`` rule of years.toml that applies; a dated text no rule reads takes its
        date's year. The written year is the date's, else a delivery line's, else the rule's; the
        rule's also where the date is the page's own date line (not a date the caller gives:
        ANNOTATION.md resolves relative years against that) and the rule read the title, or the
        rule lists the date's month in ``published_after`` of the next year (2022年工作总结 put on
        the web on 2023-01-12: its 今年 is 2022, and 2023 only in its plan part)."""
        found = self.text_date(view)
        # a web page's title stands right above its date line, whatever menu lines come before it
        head_date = found[1][0] if found is not None and found[1][0] < self.cfg.text_date_head else None
        title_end = self._title_end(view, until=None if head_date is None else view.rfind("\n", 0, head_date) + 1)
        found_line: tuple[int, int] | None = None
        if head_date is not None:
            line_end = view.find("\n", head_date)
            found_line = (view.rfind("\n", 0, head_date) + 1, len(view) if line_end < 0 else line_end)
        review: int | None = None
        written: int | None = None
        rule_id: str | None = None
        span: tuple[int, int] | None = None
        plan: int | None = None
        date_span: tuple[int, int] | None = None
        given = date
        if date is None and found is not None:
            # a web page's own date line (发布时间：2020-01-23, 2020年01月23日 10:21) dates it
            date, date_span = found
        weak = False  # the rule read any year of the text (pick = latest), not one in a review's place
        titled = False  # the rule read the year in the title, which names the year written
        published_late = False  # a page whose own date line puts it out early in the year after it was written
        for rule, pattern in self.rules:
            read = self._read(rule, pattern, view, title_end, date)
            if read is None:
                continue
            rule_id, span, plan, weak = rule.id, (read.start, read.end), read.plan, rule.pick == "latest"
            titled = rule.where == "title" and rule.single_year
            if rule.single_year:
                review, written = read.year + rule.review, read.year + rule.written
                published_late = (
                    date_span is not None and date is not None and date.year == written + 1 and date.month in rule.published_after
                )
            if titled:
                # 镇政府2019年工作总结和2020年工作计划 over 现将2020年全年工作情况总结如下: a template site's
                # title left on another year's text; the text's own formula names the year it sums up
                for other, other_pattern in self.rules:
                    if not other.outranks_title:
                        continue
                    body = self._read(other, other_pattern, view, title_end, date)
                    if body is not None and body.year + other.review != review:
                        rule_id, span, plan, weak, titled = other.id, (body.start, body.end), body.plan, False, False
                        review, written = body.year + other.review, body.year + other.written
                        published_late = (
                            date_span is not None and date is not None and date.year == written + 1
                            and date.month in other.published_after
                        )
                        break
            break
        masked = self.masked(view, title_end)
        if masked is None and given is None and (rule_id is None or weak):
            # no year of the text's own, and a masked one inside it (仅20**年用于…): a template, which the
            # page's date line or a sample's heading year does not date
            inside = self.masked_year.search(view, 0, min(len(view), self.cfg.masked_head))
            masked = (inside.start(), inside.end()) if inside is not None else None
        if masked is not None and (rule_id is None or weak or span is None or masked[0] < span[0]):
            # a template that masks the year it reviews (20xx年工作总结): null, and the page's
            # date line (the day the sample was posted) dates nothing; a given date still counts
            return DocumentYears(
                review=None, written=given.year if given is not None else None, rule=MASKED_RULE, span=masked,
            )
        if rule_id is None and date is not None:
            review, rule_id, span = date.year, DATE_RULE, date_span
        delivered = self._delivered(view, title_end, date)
        published = date.year if date is not None and published_late else None
        # a page's own date line two or more years after the year a rule read as written (时间:2022-10-15
        # over 现将2006年上半年工作总结如下) is the day a site put the text up again: its 今年 is the text's
        reposted = (
            given is None and date_span is not None and date is not None and written is not None
            and rule_id not in (None, DATE_RULE) and date.year - written >= REPOST_YEARS
        )
        stated = False
        if date is not None and not (titled and given is None) and not published_late and not reposted:
            # (a page's own date line, often the day a file was posted, does not override the
            # year a title names: 2022年x镇政府工作报告 posted in 2023 still says 今年 of 2022)
            written, stated = date.year, True
        elif delivered is not None and not published_late:
            written, stated = delivered, True
        return DocumentYears(
            review=review, written=written, rule=rule_id, span=span, plan=plan, date_span=date_span,
            page_date=date if date_span is not None else None, published=published,
            date_line=None if head_date is None else found_line, written_stated=stated,
        )

    def masked(self, view: str, title_end: int) -> tuple[int, int] | None:
        """Where a masked year (years.toml masked_year: 20xx年, ××××年) stands as the year the
        text reviews: in its title lines, or opening a line or sentence of its head."""
        m = self.masked_year.search(view, 0, title_end)
        if m is not None:
            return m.start(), m.end()
        o = self.masked_opening.search(view, 0, min(len(view), self.cfg.masked_head))
        return (o.start("m"), o.end("m")) if o is not None else None

    def text_date(self, view: str) -> tuple[Date, tuple[int, int]] | None:
        """The date a page states for itself in its head or last line (years.toml text_date):
        the date and where it stands; None when it states none (or an impossible one)."""
        head_end = min(len(view), self.cfg.text_date_head)
        tail_start = max(head_end, view.rstrip().rfind("\n") + 1)
        for lo, hi in ((0, head_end), (tail_start, len(view))):
            m = self.text_date_pattern.search(view, lo, hi)
            if m is None:
                continue
            year = _digits_year(m.group("y"))
            try:  # digits, or Chinese numerals (二〇二三年十二月二十八日)
                month, day = (int(t) if t.isdigit() else int(parse_chinese(t)) for t in (m.group("m"), m.group("d")))
                when = Date(year or 0, month, day)
            except (NumeralError, ValueError):
                continue
            # the date as written, year first (2020-01-23) or last (23.01.2020)
            return when, (min(m.start("y"), m.start("d")), max(m.end("y"), m.end("d")))
        return None

    def _title_end(self, view: str, until: int | None = None) -> int:
        """Where the title lines end: the opening lines (at most ``title_lines``) before the
        first that holds a sentence end or is longer than ``title_line_chars``. ``until``: where
        the page's date line begins; the lines above it (menus, a breadcrumb, the title) do not
        count against ``title_lines``."""
        pos, end, lines = 0, 0, 0
        while pos < min(len(view), TITLE_SCAN) and (lines < self.cfg.title_lines or (until is not None and pos < until)):
            nl = view.find("\n", pos)
            stop = len(view) if nl < 0 else nl
            line = view[pos:stop]
            if line.strip():
                if (
                    (self.sentence_end.search(line) and not self.title_intro.match(line))
                    or len(line.strip()) > self.cfg.title_line_chars or self.title_stop.match(line)
                ):
                    break  # (下面是小编为大家整理的…工作总结，供大家参考。 names the text: a title line)
                if len(line.strip()) > self.cfg.title_menu_chars or DIGIT.search(line):
                    lines += 1  # (a site's menu item, 网站首页, counts no title line)
                end = stop
            pos = stop + 1
        return end

    def _read(
        self, rule: DocumentYearRule, pattern: regex.Pattern[str], view: str, title_end: int, date: Date | None
    ) -> _Read | None:
        """What ``rule`` reads in ``view``: the year and where, or None where it does not apply."""
        if (rule.dated is True and date is None) or (rule.dated is False and date is not None):
            return None
        if rule.months and (date is None or date.month not in rule.months):
            return None
        end = title_end if rule.where == "title" else min(len(view), rule.chars)
        found: list[_Read] = []
        try:  # a rule is a user's regex: it runs under the regex module's timeout
            matches = list(pattern.finditer(view, 0, end, timeout=REGEX_TIMEOUT))
        except TimeoutError:
            warnings.warn(
                f"years.toml [[document]] rule {rule.id!r} ran over {REGEX_TIMEOUT:g} s on a document and was skipped",
                RuntimeWarning, stacklevel=4,
            )
            return None
        for m in matches:
            if "y" in pattern.groupindex and m.group("y") is not None:
                year = _digits_year(m.group("y"))
                start = m.start("y")
            elif rule.plan_edge is not None and m.group("pp") in self.cfg.plan_periods:
                # “十三五”收官之年: the plan's last year (开局之年: its first)
                first, last = self.cfg.plan_periods[m.group("pp")]
                year, start = (first if rule.plan_edge == "first" else last), m.start("pp")
            elif date is not None:
                year, start = date.year, m.start()
            else:
                continue
            if year is None or (rule.before_date and (date is None or date.year - year not in rule.before_date)):
                continue
            if rule.pick == "latest" and "y" in pattern.groupindex and m.group("y") is not None and self._began(view, m):
                continue  # 于2009年发起的一项活动, 成立于2008年: when something began, not the year written about
            if date is not None and rule.single_year and year + rule.review > date.year:
                continue  # a dated text reviews no year after its date (从2015年至2020年 in 2015: a plan)
            plan = _digits_year(m.group("p")) if "p" in pattern.groupindex and m.group("p") else None
            found.append(_Read(year, start, m.end(), plan))
            if rule.pick == "first" and rule.min_distinct == 1:
                break
        if not found or len({r.year for r in found}) < rule.min_distinct:
            return None
        if rule.pick == "latest":
            return max(found, key=lambda r: (r.year, -r.start))
        return found[0]

    def _began(self, view: str, m: regex.Match[str]) -> bool:
        """Whether the year read (group y) says when something began: a founding year (成立于2008年,
        2008年成立后) or one in a clause that modifies a noun (于2009年发起的一项活动: origin_after)."""
        mark = _YEAR_MARK.match(view, m.end("y"))
        after = mark.end() if mark is not None else m.end("y")  # past 年
        return self._founding(view, m.start("y"), after) or self.origin_after.match(view, after, min(len(view), after + 24)) is not None

    def _delivered(self, view: str, title_end: int, date: Date | None) -> int | None:
        """The year of a delivery line (a rule with ``delivery``), which is the year written."""
        for rule, pattern in self.rules:
            if rule.delivery:
                read = self._read(rule, pattern, view, title_end, date)
                if read is not None:
                    return read.year + rule.written
        return None

    def section_years(self, view: str, paragraphs: list[Paragraph], doc: DocumentYears) -> list[int | None]:
        """The year in force in each paragraph from sections: a plan section (三、2026年重点工作,
        今年主要预期目标是…, or any heading naming a year after the one reviewed: 三、关于2026年工作)
        takes the plan's year until a heading names another year. A plan
        opening (今年是…之年) right under a review heading (一、2020年工作总结) is that review's lead,
        written as of the year reviewed, and opens no plan."""
        out: list[int | None] = []
        current: int | None = None
        level: int | None = None  # the numbering level of the heading that opened the plan section
        review_lead = False  # the first paragraph under a review heading (一、2020年工作总结)
        for para in paragraphs:
            text = view[para.start : min(para.end, para.start + 60)]
            if para.heading:
                years = self.mentions(view, para.start, min(para.end, para.start + 40))
                review_lead = False
                this_level = self._level(text)
                previous = current
                plan_at = max(
                    (m.end() for m in self.plan_heading.finditer(text, 0, self.max_heading_length)
                     if self.plan_runs_on is None or not self.plan_runs_on.match(text, m.end())),
                    default=-1,
                )  # (a numbered line that runs on is a list item: a plan word far into it heads nothing)
                review_at = max((m.end() for m in self.review_heading.finditer(text)), default=-1)
                if plan_at > review_at:  # the heading's last plan or review word decides (重点工作完成情况 reviews)
                    # 三、明年工作打算: a relative year in the plan's heading names its year (the plan
                    # part of a summary put out early the next year counts from the date's year)
                    rel = self._relative(
                        view, para.start, min(para.end, para.start + 40),
                        doc if doc.published is None else replace(doc, written=doc.published),
                    )
                    current = years[0].year if years else rel if rel is not None else (
                        doc.plan if doc.plan is not None else doc.written
                    )
                elif years or self.review_heading.search(text):
                    review_lead = self.review_heading.search(text) is not None
                    # 三、2026年主要工作, 二、关于2026年工作: a heading naming a year after the one
                    # reviewed opens that year's section (a plan) whatever its words
                    later = not review_lead and years and doc.review is not None and years[0].year > doc.review
                    current = years[0].year if later else None
                else:
                    # 二、对今年政府工作的建议: a relative year after the one reviewed does the same
                    rel = self._relative(view, para.start, min(para.end, para.start + 40), doc)
                    if rel is not None and doc.review is not None and rel > doc.review:
                        current = rel
                    elif current is not None and level is not None and this_level is not None and this_level <= level:
                        current = None  # 三、存在问题 after 二、2024年工作打算: a sibling heading closes the plan
                if current != previous or current is None:
                    level = this_level if current is not None else None
            elif self.plan_opening.match(text) and doc.written is not None and not review_lead:
                # 今年是…之年 opens a plan, but not as the lead of a review section the heading opened
                current = doc.published if doc.published is not None else doc.written
            else:
                review_lead = False
            out.append(current)
        if all(y is None for y in out) and self._reads_as_plan(view, doc):
            return [doc.written] * len(paragraphs)
        return out

    def _level(self, line: str) -> int | None:
        """The numbering level of a heading line (一、 is 1, （一） 2 …), None if unnumbered."""
        for k, pattern in enumerate(self.heading_levels, 1):
            if pattern.match(line):
                return k
        return None

    def _reads_as_plan(self, view: str, doc: DocumentYears) -> bool:
        """A work report's text that is all plan: its plan verbs outnumber review words by far."""
        if doc.written is None or doc.review is None or doc.written == doc.review:
            return False
        body = view[view.find("\n") + 1 :]
        plan = len(self.plan_mood.findall(body))
        review = len(self.review_mood.findall(body))
        return plan >= 20 and plan >= self.cfg.plan_mood_ratio * max(review, 1)

    def mentions(self, view: str, start: int, end: int) -> list[YearMention]:
        """The years named in ``view[start:end]``; not a body's founding year (成立于1956年,
        1956年成立后), which frames no fact."""
        out = []
        for m in self.mention.finditer(view, start, end):
            value = _year_value(m)
            if value is not None and not self._founding(view, m.start(), m.end()):
                out.append(YearMention(m.start(), m.end(), value))
        return out

    def _founding(self, view: str, start: int, end: int) -> bool:
        return (
            self.founding_before.search(view, max(0, start - 8), start) is not None
            or self.founding_after.match(view, end, min(len(view), end + 16)) is not None
        )

    def fact_year(
        self, view: str, pos: int, sentence: tuple[int, int], clause_start: int,
        paragraph_start: int, paragraph_year: int | None, doc: DocumentYears, listed: int = 0,
    ) -> int | None:
        """The year of a fact at ``pos`` in ``sentence``; ``listed``: how many values stand
        between the sentence's last 分别 before ``pos`` and ``pos`` (its place in that list)."""
        s_start, _ = sentence
        # a year right before the value: 由2012年的36.5%, 增加到2007年13786元 (not 是2010年的2.6倍)
        for mention in reversed(self.mentions(view, max(s_start, pos - 12), pos)):
            between = view[mention.end : pos]
            if self.year_of_noun.fullmatch(between) and not self.multiple_of.search(
                view, max(s_start, mention.start - 4), mention.start
            ):
                return mention.year
        # a relative year right before a from-to start value (由上年的52.1%提高到…): that year, counted from
        # the year written where a date or a delivery line states it (ANNOTATION.md), else back from the
        # year in force, which the end value takes (an undated text's year written is only inferred)
        for m in self.relative.finditer(view, max(s_start, pos - 10), pos):
            if self.year_of_noun.fullmatch(view, m.end(), pos) and self.relative_start_value.search(
                view, max(s_start, m.start() - 3), m.start()
            ):
                base = doc.written if doc.written_stated else self._in_force(
                    view, pos, sentence, clause_start, paragraph_start, paragraph_year, doc
                )
                return base + self.cfg.relative[m.group(0)] if base is not None else None
        listed_year = self.respective_year(view, s_start, pos, listed)
        if listed_year is not None:
            return listed_year
        era = self.era_at(view, s_start, pos)
        if era is not None:
            return self.cfg.era_years.get(era.group("e"))  # 新中国成立初，仅有小学12所: 1949, not the document's
        period = self.period_end.search(view, max(s_start, pos - 12), pos)
        if period is not None:
            first, last = self.cfg.plan_periods[period.group("p")]
            return last if period.group("edge") == "末" else first
        span = None
        for m in self.clause_span.finditer(view, max(s_start, clause_start), pos):
            span = m
        if span is not None and not self._is_start(view, pos, s_start) and DIGIT.search(view, span.end(), pos) is None:
            # 在1979到1983年平均每年递增7.9%: a figure over a span of its own clause, the last year
            year = _digits_year(span.group("y"))
            if year is not None:
                return year
        if self._is_start(view, pos, s_start):
            start = self._start_year(view, pos, s_start, paragraph_start)
            if start is not None:
                return start
            n = self._window(view, pos, s_start, paragraph_start)
            if n is not None:
                end = self._in_force(view, pos, sentence, clause_start, paragraph_start, paragraph_year, doc)
                return end - n if end is not None else None
        return self._in_force(view, pos, sentence, clause_start, paragraph_start, paragraph_year, doc)

    def respective_year(self, view: str, s_start: int, pos: int, listed: int) -> int | None:
        """分别 lists of years (2021年、2022年…分别达到a、b): the ``listed``-th year of the list
        before the sentence's last 分别 before ``pos``; None without one or past its end."""
        fen = view.rfind("分别", s_start, pos)
        if fen < 0:
            return None
        found = None
        for m in self.year_list.finditer(view, s_start, fen):
            # the list is the subject of the first 分别 after it (a later 分别 clause refers back)
            first = view.find("分别", m.end(), fen + 2)
            if self.base_before.search(view[max(s_start, m.start() - 3) : m.start()]):
                continue  # 比2021年、2022年分别增长: comparison bases, not the values' years
            if not self.sentence_end.search(view, m.end(), first) and not DIGIT.search(view, m.end(), first):
                found = m
        if found is None:
            return None
        years = [_digits_year(y.group("y")) for y in self.list_year.finditer(view, found.start(), found.end())]
        return years[listed] if listed < len(years) else None

    def era_at(self, view: str, s_start: int, pos: int) -> regex.Match[str] | None:
        """The era (years.toml ``eras``) that dates the value at ``pos``: right before it
        (成立时的448.8万名); as the base of a from-to start (与新中国成立初相比，…由11.9%提高到); or
        framing it (新中国成立初，…), not after a base word, with no year or ``era_end`` word between."""
        era = None
        for m in self.eras.finditer(view, s_start, pos):
            era = m
        if era is None:
            return None
        lead = era.start()
        for mention in self.mentions(view, max(s_start, lead - 8), lead):
            if mention.end == lead:
                lead = mention.start  # 比1949年新中国成立时: the year and its era, one base
        before = view[max(s_start, lead - 4) : lead]
        if self.multiple_of.search(before):
            return None  # 数量是新中国成立时的12倍: a multiple of a base
        if self.year_of_noun.fullmatch(view, era.end(), pos):
            return era
        if self.mentions(view, era.end(), pos):
            return None
        if self.base_before.search(before):
            return era if self._is_start(view, pos, s_start) else None
        return None if self.era_end.search(view, era.end(), pos) else era

    def _is_start(self, view: str, pos: int, s_start: int) -> bool:
        """The start value of a from-to pair (由11.66亿元增加到…) that names no year of its own."""
        return (
            self.start_before.search(view, max(s_start, pos - 16), pos) is not None
            and self.start_after.match(view, pos, min(len(view), pos + 40)) is not None
        )

    def _start_year(self, view: str, pos: int, s_start: int, paragraph_start: int) -> int | None:
        """The base year the text sets for a from-to start: an earlier pair's start year in its
        sentence (up to 。！？, over ；), else the first year of a span framing the sentence."""
        whole = whole_sentence_start(view, paragraph_start, pos)
        lo = min(s_start, whole)
        found = None
        for m in self.start_year.finditer(view, lo, pos):
            found = _digits_year(m.group("y")) or found
        if found is not None:
            return found
        for m in self.span_head.finditer(view, max(0, lo - 1), pos):
            found = _digits_year(m.group("y")) or found
        return found

    def _window(self, view: str, pos: int, s_start: int, paragraph_start: int) -> int | None:
        """The years of a window (十年来, 这是…的五年。) in the value's sentence before it or in the
        opening sentence of its paragraph."""
        whole = whole_sentence_start(view, paragraph_start, pos)
        found = None
        for m in self.window.finditer(view, min(s_start, whole), pos):
            found = m.group("n")
        if found is None:
            first = self.sentence_end.search(view, paragraph_start, pos)
            opening_end = first.end() if first is not None else pos
            for m in self.window.finditer(view, paragraph_start, opening_end):
                found = m.group("n")
        if found is None:
            return None
        try:
            n = int(found) if found.isdigit() else int(parse_chinese(found))
        except (NumeralError, ValueError):
            return None
        return n if 0 < n <= 30 else None

    def _in_force(
        self, view: str, pos: int, sentence: tuple[int, int], clause_start: int,
        paragraph_start: int, paragraph_year: int | None, doc: DocumentYears,
    ) -> int | None:
        """The year in force at ``pos``: a framing year, a relative year, a tally's as-of year,
        a sentence or paragraph opening, the section's, the document's."""
        s_start, _ = sentence
        framing = None
        at = -1
        for mention in self.mentions(view, s_start, pos):
            if self._frames(view, mention, s_start):
                # a span that frames the clause (2014年至2019年累计…) reports on its last year
                span_end = self.span_tail.match(view, mention.end, pos)
                framing = (_digits_year(span_end.group("y")) if span_end else None) or mention.year
                at = mention.start
        for m in self.period_frame.finditer(view, s_start, pos):
            # “十三五”时期，累计建成…: a plan period's figures report on its last year (not 与“十三五”期间相比,
            # 是“十一五”时期的2.7倍: a base; not “十三五”期间的项目: a period that modifies a noun)
            before = view[max(s_start, m.start() - 4) : m.start()]
            opens = m.start() == s_start or view[m.start() - 1 : m.start()].startswith(self.frame_before)
            if m.start() > at and not self.base_before.search(before) and not self.multiple_of.search(before) and (
                view.startswith(self.frame_after, m.end()) or (opens and not view.startswith("的", m.end()))
            ):
                framing, at = self.cfg.plan_periods[m.group("p")][1], m.start()
        if doc.published is not None and paragraph_year is not None and paragraph_year >= doc.published:
            # the plan part of a summary put out early the next year: its 今年 is the date's year
            doc = replace(doc, written=doc.published)
        if framing is not None:
            # a relative year between the framing year and the figure is nearer (2024年1月10日，…发布
            # 数据：去年全县…增长5%: 去年)
            rel = self._relative(view, max(at + 1, s_start, clause_start), pos, doc)
            return rel if rel is not None else framing
        rel = self._relative(view, clause_start, pos, doc)
        if rel is not None:
            return rel
        rel = self._relative(view, s_start, pos, doc)
        if rel is not None:
            return rel
        # the tally word may open the whole sentence whose ；-parts list the figures
        whole = whole_sentence_start(view, paragraph_start, pos)
        if whole < s_start:
            # 今年主要目标是为10万人发放补贴；建设100个康复站: a relative year in an earlier ；-part of the
            # whole sentence frames its later parts, as an explicit opening year does
            rel = self._relative(view, whole, s_start, doc, carried=True)
            if rel is not None:
                return rel
            # 开展助学活动，2016年全市共资助232人；在10个村捐建10所…: a year framing a clause of an earlier
            # ；-part frames the later parts of the same sentence (ANNOTATION.md: a year in the same sentence)
            carried = self._carried_year(view, whole, s_start)
            if carried is not None:
                return carried
        if self.cumulative.search(view, min(s_start, whole), pos):
            as_of = self._last_year_before(view, self.as_of, paragraph_start, s_start)
            if as_of is not None:
                return as_of  # 至2007年，…。1980年，…。…先后…27户: a tally up to 2007
        if (
            doc.written is not None and doc.review is not None and doc.written == doc.review + 1
            and self._attends_meeting(view, pos, whole, sentence[1])
        ):
            # 大会隆重开幕，300多名代表汇聚一堂: those who attend the meeting an item reports, held in the
            # year it was written, not the year the meeting looks back on
            return doc.written
        later = self._last_year_before(view, self.sentence_opening, paragraph_start, s_start)
        if later is not None:
            return later
        if paragraph_year is not None:
            return paragraph_year
        return doc.review

    def _carried_year(self, view: str, whole: int, s_start: int) -> int | None:
        """The year of the last explicit year in ``view[whole:s_start]`` (the earlier ；-parts of a
        whole sentence) that opens a clause and frames it (years.toml relative_carry_opens, year_carry_frame: 2016年，
        / 2016年全市共资助), not one that dates an event (2016年9月) or modifies a noun; a framing span
        gives its last year."""
        found = None
        if view.rfind("；", whole, s_start) < 0:
            return None  # no earlier ；-part (a long sentence cut for its length): nothing to carry
        for mention in self.mentions(view, whole, s_start):
            if not self.relative_carry_opens.search(view, max(whole, mention.start - 3), mention.start) and mention.start != whole:
                continue
            if not self.carry_frame.match(view, mention.end) or self.base_before.search(
                view[max(whole, mention.start - 3) : mention.start]
            ):
                continue
            span_end = self.span_tail.match(view, mention.end, s_start)
            found = (_digits_year(span_end.group("y")) if span_end else None) or mention.year
        return found

    def _attends_meeting(self, view: str, pos: int, start: int, end: int) -> bool:
        """Whether the value at ``pos`` counts those who attend a meeting its sentence reports
        (years.toml meeting_event, meeting_attendance), in a sentence that speaks of no year's work."""
        return (
            self.meeting_attendance.match(view, pos) is not None
            and self.meeting_event.search(view, start, end) is not None
            and self.meeting_year_words.search(view, start, end) is None
        )

    def _last_year_before(self, view: str, pattern: Any, paragraph_start: int, end: int) -> int | None:
        """The year of the last match of ``pattern`` in the paragraph that ends by ``end``. The
        paragraph is read once per text and pattern (the facts of a long paragraph would each
        read it again from its start), its matches kept with the year each names."""
        cache = self._scans
        if cache[0] is not view:
            cache = self._scans = (view, {})
        key = (id(pattern), paragraph_start)
        found = cache[1].get(key)
        if found is None or found[0] < end:
            stop = max(end, paragraph_start + 1)
            nxt = view.find("\n", paragraph_start)
            stop = max(stop, nxt if nxt >= 0 else len(view))
            ends: list[int] = []
            years: list[int | None] = []
            for m in pattern.finditer(view, paragraph_start, stop):
                ends.append(m.end())
                years.append(_digits_year(m.group("y")))
            found = cache[1][key] = (stop, ends, years)
        _, ends, years = found
        k = bisect.bisect_right(ends, end)
        for y in reversed(years[:k]):
            if y is not None:
                return y
        return None

    def _frames(self, view: str, mention: YearMention, s_start: int) -> bool:
        before = view[max(s_start, mention.start - 3) : mention.start]
        if self.base_before.search(before):
            return False
        after = view[mention.end : mention.end + self.frame_reach]
        # 2018年， / 2018年全年 / 2018年我市 frame; 2016年建档立卡 modifies a noun
        if after.startswith(self.frame_after) or (self.frame_verbs and after.removeprefix("度").startswith(self.frame_verbs)):
            return True  # 全县2022年新增…, 我县2022年度共评选…
        if self.frame_month.match(view, mention.end):
            return True  # 全县2022年1-9月完成…, 截至2022年12月底，…
        if self.frame_colon.match(view, mention.end):
            return True  # 提出了2019年主要预期目标：…: the list the colon opens is the year's
        return mention.start == s_start or view[mention.start - 1 : mention.start].startswith(self.frame_before)

    def _relative(self, view: str, start: int, pos: int, doc: DocumentYears, carried: bool = False) -> int | None:
        """The year of the last relative year word between ``start`` and ``pos``; ``carried``: read
        from an earlier ；-part, where only a word that opens its clause (years.toml relative_carry_opens) and
        neither dates an event nor modifies a noun (去年9月26日…会议, 上年结转收入, relative_no_carry) frames the
        later parts."""
        if doc.written is None:
            return None
        found = None
        for m in self.relative.finditer(view, start, pos):
            if carried and (
                self.relative_no_carry.match(view, m.end())
                or (m.start() > start and not self.relative_carry_opens.search(view, max(start, m.start() - 3), m.start()))
            ):
                continue  # only a relative year that opens its clause (…介绍，今年主要目标是…) frames what follows
            before = view[max(0, m.start() - 1) : m.start()]
            if before and self.base_before.search(before) and not view.startswith(self.relative_start_after, m.end()):
                continue  # (从明年开始: a time from which, not a base)
            if self.relative_base.search(view, max(0, m.start() - 4), m.start()) or self.relative_base_after.match(view, m.end()):
                continue  # 增幅高于上年1.2个百分点, 是上年的1.5倍, 和上年相比: a base, not the figure's year
            if self.relative_since.match(view, m.end()):
                found = doc.written  # 自去年以来，共…: a period since last year, running to the time of writing
                continue
            found = doc.written + self.cfg.relative[m.group(0)]
        return found

    def breaks_down(self, view: str, s_start: int) -> bool:
        """Whether the sentence at ``s_start`` opens with a breakdown word (years.toml
        ``breakdown_openers``: 其中)."""
        pos = s_start
        while pos < len(view) and view[pos] in " \t\u3000":
            pos += 1
        return view.startswith(self.breakdown_openers, pos)

    def paragraph_year(self, view: str, p_start: int, p_end: int) -> int | None:
        """The year that opens a paragraph (2018年，…), if any."""
        m = self.paragraph_opening.match(view[p_start : min(p_end, p_start + 36)])
        return _digits_year(m.group("y")) if m else None
