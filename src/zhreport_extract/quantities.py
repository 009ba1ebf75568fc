"""Quantities: find every number + magnitude + unit, read its value, refuse what is not one.

One compiled regex proposes candidates on the normalised view; productions read the
value, unit and qualifier; the exclusion rules of ``patterns/exclusions.toml`` refuse
dates, ordinals, names, thresholds and the rest. Everything runs on plain strings.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple, TypeAlias, cast

import regex

from .normalise import Skipper
from .numerals import CANDIDATE_DIGITS, CANDIDATE_LARGE_UNITS, CANDIDATE_SMALL_UNITS, MAX_CHARS, NumeralError, bounded, in_exact_context, parse_number, parse_range, to_plain
from .meaning_patterns import edge_chars
from .patterns import REGEX_TIMEOUT, compile_fast, ExclusionRule, PatternError, Patterns, UserRule, alternation, default_patterns_dir

# one numeral alphabet with the parser (numerals.py): its digits and magnitudes, financial ones included
CN_DIGIT = CANDIDATE_DIGITS
CN_START = CANDIDATE_DIGITS.replace("零", "").replace("〇", "").replace("○", "") + CANDIDATE_SMALL_UNITS
CN_ALL = CN_DIGIT + CANDIDATE_SMALL_UNITS + CANDIDATE_LARGE_UNITS
# Arabic numbers: thousands separated by commas or spaces; plain digits with a decimal point;
# on a page that sets digits one by one (4 9 2 5 0 万吨, 8 .8 %: SPACED_PAGE) those too
AR_PLAIN = r"(?:\d{1,3}(?:[,，]\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?(?![\d.])|\d+(?:[.·]\d+)?)"
AR = (
    r"(?:\d{1,3}(?:[,，]\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?(?![\d.])"
    r"|\d(?: \d)+(?: ?\.\d(?: \d)*)?(?! ?\d)|\d+ \.\d(?: \d)*(?! ?\d)|\d+(?:[.·]\d+)?)"
)
# a page that spaces its digits: runs of three or more single digits, several times (a table's
# columns of one-digit values, 2 3 个, are not read as one number elsewhere)
# Arabic digits with magnitudes in parts (41万4千人, 3亿5千万元, 1亿2000万): one number; after 万,
# four bare digits close it (6万5268人次 = 65268; 626万70岁 stays two numbers)
AR_MIXED = (
    r"(?:\d+(?:\.\d+)?[万亿](?:\d+(?:[十百千]+万?|万))+(?![\d十百千万亿])"
    r"|\d+万\d{4}(?![\d.,，十百千万亿年月日号]))"
)
# 3个亿, 两个多亿: the measure word spoken between a number and 亿 is no part of the value (3个万人社区
# is 3 个, and 75个亿元以上项目 counts projects: only 亿 not followed by 元 is read so)
SPOKEN_MEASURE = "个"
SPACED_RUN = regex.compile(r"(?<![\d ])\d(?: \d){2,}(?![\d])")
SPACED_PAGE_RUNS = 3
CN = rf"(?:[{CN_START}][{CN_ALL}]*(?:点[{CN_DIGIT}]+(?=[万亿]*[倍%成]|[万亿]))?|(?<=突破|破|近|超过?|逾|达到?|约|过)[万亿]+)"
RANGE_SEP = r"(?:至|到|-|—|–|~|～|－|——)"
SPACES = r"[ \t]{1,3}"  # the view's spaces (NBSP, U+3000 … are plain spaces there) inside a quantity
CONTEXT = 40  # characters of context the exclusion rules see
CLAUSE_STOPS = "，。；：！？\n"  # (in the view ASCII punctuation is full-width) where a change cue stops reaching
# A run of numeral characters too long to be a number (numerals.MAX_CHARS) is hidden from the
# candidate regex: it is no quantity, and the regex would backtrack through it at every start.
LONG_RUN = regex.compile(rf"[{CN_ALL}]{{{MAX_CHARS + 1},}}+")
MASK = "\ufffc"
SCAN_RATE = 1e5  # characters a second the candidate regex is allowed at the least before timing out
NUMBER_CACHE = 4_096  # entries of the exclusion rules' table by number text, at most
CANDIDATE_BATCH = 256  # candidate searches run in a row before their matches are read
USER_SCAN_RATE = 1e6  # the same for one user rule (user_rules.toml) on one document


class Quantity(NamedTuple):
    """A quantity found in the text (offsets into the document). A named tuple: every
    candidate number of a document makes one, and a tuple is made ten times faster than a
    frozen dataclass."""

    start: int
    end: int
    number_start: int  # where the digits begin (after a sign)
    count: Decimal  # type: ignore[assignment]  # the field shadows tuple.count, which no caller uses
    unit: str
    unit_kind: str
    qualifier: str | None
    count_max: Decimal | None
    per: str | None
    rule: str
    signed: bool = False  # a minus sign was written (同比-6.2%: a change's count is its magnitude)


_Rx: TypeAlias = "regex.Pattern[str] | re.Pattern[str] | None"
_Check: TypeAlias = "tuple[str, _Rx, _Rx, _Rx, _Rx, _Rx]"  # an exclusion rule: id and its number, unit, before, after, unless_before
# a shipped exclusion rule past its unit and number tests: id, before, after, unless_before, and
# the edge tests of after and before
_Shipped: TypeAlias = "tuple[str, _Rx, _Rx, _Rx, EdgeTest | None, EdgeTest | None]"


class EdgeTest(dict[str, bool]):
    r"""Whether a rule's after test can match a text that starts with a given character (or its
    before test, which ends with ``$``, one that ends with it), from the class of characters
    its matches start (end) with (:func:`~zhreport_extract.meaning_patterns.edge_chars`);
    remembered per character. The empty text (no character) never matches: the pattern cannot
    match empty. A line feed always passes: ``$`` also matches before a final one.

    >>> test = EdgeTest(r"(?:数|几|好)$", last=True)
    >>> test["几"], test["个"], test[""], test["\n"]
    (True, False, False, True)
    >>> EdgeTest.of(r"^(?!电)") is None  # can match empty: no test
    True
    """

    def __init__(self, pattern: str, last: bool = False) -> None:
        super().__init__()
        chars = edge_chars(pattern, last)
        if chars is None:
            raise ValueError(f"no edge class for {pattern!r}")
        self.chars = re.compile(chars)

    @classmethod
    def of(cls, pattern: str | None, last: bool = False) -> EdgeTest | None:
        """The test of ``pattern``, None where there is none (no pattern, or no edge class)."""
        return None if pattern is None or edge_chars(pattern, last) is None else cls(pattern, last)

    def __missing__(self, char: str) -> bool:
        ok = char == "\n" or (len(char) == 1 and self.chars.fullmatch(char) is not None)
        if len(self) >= EDGE_CACHE:
            self.clear()
        self[char] = ok
        return ok


EDGE_CACHE = 4_096  # characters whose edge test each rule remembers, at most


class Groups(NamedTuple):
    """The candidate regex's named groups, in their order, read from a match at once
    (``m.groups()``): the regex module looks a group up by name several times slower than it
    hands over the whole tuple, and a candidate's productions read a dozen of them."""

    sign: str | None
    range: str | None
    lo: str | None
    lomag: str | None
    lounit: str | None
    hi: str | None
    himag: str | None
    hiunit: str | None
    pct: str | None
    pnum: str | None
    pdec: str | None
    pnum2: str | None
    pdec2: str | None
    frac: str | None
    den: str | None
    nom: str | None
    num: str | None
    mag: str | None
    more: str | None
    mag2: str | None
    unit: str | None
    magb: str | None
    moreb: str | None
    mag2b: str | None
    per: str | None


class QuantityFinder:
    """Finds quantities with the rules of one :class:`Patterns`."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        self.unit_groups = patterns.unit_kinds
        self.canonical = patterns.units.canonical
        # words that a unit begins (家庭, 市民): a unit read before one is no unit
        self.word_starts = tuple(w for w in patterns.units.word_starts if w not in self.unit_groups)
        units = sorted(self.unit_groups, key=len, reverse=True)
        unit_alt = alternation(units, patterns.directory / "units.toml", "units")
        per_alt = rf"[万千百]?(?:{unit_alt}|人口)"
        # a numeral stops before an SI-prefixed unit (一千克 is 1 千克), and reads a Chinese decimal
        # (三百二十四点七五克) only when a unit or magnitude follows
        si = sorted((u for u in units if u[0] in "十百千万亿" and self.unit_groups[u].whole), key=len, reverse=True)
        si_alt = "|".join(regex.escape(u) for u in si) or "(?!)"
        cn = (
            rf"(?:(?!{si_alt})[{CN_START}](?:(?!{si_alt})[{CN_ALL}])*"
            rf"(?:点[{CN_DIGIT}]+(?=[万亿]*(?:[倍%成]|{unit_alt})|[万亿]))?"
            rf"|(?<=突破|破|近|超过?|逾|达到?|约|过)[万亿]+"
            rf"|(?<![\d{CN_ALL}])[百千万亿]+(?=[多余]))"  # 万余场, 百余人: a magnitude alone, with 多/余
        )
        # spaces (a PDF's or a web page's: 4.4 亿元, 400 余场次, 2 %) after Arabic digits, before
        # the magnitude, 多/余 or unit they lead to; the span runs from the number to the unit
        gap = rf"(?:(?<=\d){SPACES}(?=[十百千万亿多余]|{unit_alt}))?"
        gap_in = rf"(?:(?<=\d(?:{SPACES})?[十百千万亿多余]{{1,4}}){SPACES}(?={unit_alt}))?"
        main = (
            rf"(?P<num>{AR_MIXED}|{AR}|{cn}){gap}"
            rf"(?:(?P<mag>(?:个(?=多?亿(?!元)))?[十百千万亿]*?)(?P<more>多|余)?(?P<mag2>[万亿]*?){gap_in}(?P<unit>{unit_alt})(?!(?<=个)多?亿(?!元))"
            rf"|(?P<magb>(?:个(?=多?亿(?!元)))?[十百千万亿]*)(?P<moreb>多|余)?(?P<mag2b>(?<=多|余)[万亿]*)?)"
        )
        pattern = (
            rf"(?P<sign>[-−]|(?<![减胜抱正税担欠辜自肩])负的?)?(?:"
            rf"(?P<range>(?P<lo>{AR}|{cn})(?P<lomag>[十百千万亿]*)(?P<lounit>%|‰)?"
            rf"[ \t]?{RANGE_SEP}[ \t]?(?=[\d{CN_START}])(?P<hi>{AR}|{cn})(?P<himag>[十百千万亿]*?)(?P<hiunit>{unit_alt}))"
            rf"|(?P<pct>百分之?(?P<pnum>{AR}|{cn})(?:点(?P<pdec>[{CN_DIGIT}]+))?"
            rf"(?:{RANGE_SEP}(?:百分之)?(?P<pnum2>{AR}|{cn})(?:点(?P<pdec2>[{CN_DIGIT}]+))?)?)"
            rf"|(?P<frac>(?P<den>{AR}|[{CN_ALL}]+)分之(?P<nom>{AR}|[{CN_ALL}]+))"
            rf"|{main})"
            rf"(?:(?:[/／]|每)(?P<per>{per_alt}))?"
        )
        self.regex_spaced = regex.compile(pattern)  # for pages that space their digits
        self.regex = regex.compile(pattern.replace(AR, AR_PLAIN))
        names = tuple(sorted(self.regex.groupindex, key=self.regex.groupindex.__getitem__))
        if names != Groups._fields or self.regex.groups != len(names):
            raise AssertionError(f"the candidate regex's groups {names} are not those of Groups")
        self.invisible = Skipper(patterns.numbers.invisible.pattern())
        # exclusion rules from any patterns directory but the shipped one run under a timeout
        # each (a catastrophic regex there is skipped for the document, as a user rule is)
        self.guarded = patterns.directory.resolve() != _shipped_patterns()
        self.exclusions = [(rule, self._compile_rule(rule, self.guarded)) for rule in patterns.exclusions.rule]
        self._applicable: dict[tuple[str, str], tuple[_Check, ...]] = {}  # (unit kind, unit) -> rules to try
        # (numeral text, may be a juxtaposed range, signed) -> (count, count_max of a juxtaposed range)
        self._values: dict[tuple[str, bool, bool], tuple[Decimal, Decimal | None]] = {}
        # (unit kind, unit, number text) -> id and before, after, unless_before tests of the rules
        # whose unit and number tests hold (for rules without a timeout)
        self._by_number: dict[tuple[str, str, int], tuple[_Shipped, ...]] = {}
        self._checks: list[_Check] = [
            (rule.id, rx["number"], rx["unit"], rx["before"], rx["after"], rx["unless_before"]) for rule, rx in self.exclusions
        ]
        # the shipped rules: the number tests (one bit each distinct pattern; a number text ->
        # the bits of those it passes), and each rule's id, its before, after, unless_before
        # tests, and for the after and before tests on re the first (last) character classes
        # that tell, without a search, that most of them cannot match (EdgeTest)
        number_rx: dict[str, _Rx] = {}
        for rule, rx in self.exclusions:
            if rule.number and rx["number"] is not None:
                number_rx.setdefault(rule.number, rx["number"])
        numbers = list(number_rx)
        self._number_tests = [(1 << k, rx) for k, rx in enumerate(number_rx.values()) if rx is not None]
        self._number_bits: dict[str, int] = {}
        self._shipped: dict[str, tuple[int, _Shipped]] = {
            rule.id: (
                1 << numbers.index(rule.number) if rule.number and rx["number"] is not None else 0,
                (
                    rule.id, rx["before"], rx["after"], rx["unless_before"],
                    EdgeTest.of(rule.after) if isinstance(rx["after"], re.Pattern) else None,
                    EdgeTest.of(rule.before, last=True) if isinstance(rx["before"], re.Pattern) else None,
                ),
            )
            for rule, rx in self.exclusions if not self.guarded
        }
        self.user_rules = [(rule, regex.compile(rule.pattern)) for rule in patterns.user_rules.rule]
        self.number_head = regex.compile(rf"[-−]?(?:{AR}|[{CN_ALL}]+(?:点[{CN_DIGIT}]+)?)[十百千万亿]*")
        cues = sorted({*patterns.metric.change_words, *patterns.metric.signed_change_cues}, key=len, reverse=True)
        self.reached = tuple(patterns.metric.reached_after)  # 下降至-12万元: a level, its sign stays
        self.level_names = tuple(patterns.metric.signed_level_names)  # 自然增长率为-1.23‰: a level
        self.change_cue = regex.compile(alternation(cues, patterns.directory / "metric.toml", "signed_change_cues", allow_empty=True))
        q = patterns.qualifiers
        self.before_words = _word_table(q.before.model_dump())
        self.after_words = _word_table(q.after.model_dump())
        self._any_before = tuple(word for word, _ in self.before_words)  # one endswith call rules most numbers out
        self._any_after = tuple(word for word, _ in self.after_words)

    @staticmethod
    def _compile_rule(rule: ExclusionRule, guarded: bool = False) -> dict[str, _Rx]:
        """A rule's regexes. The shipped rules (tested, trusted) run on Python's ``re`` where
        it reads them (two to three times faster on these short windows), the others on the
        ``regex`` module; a rule from another patterns directory runs under a timeout."""

        def compiled(pattern: str | None) -> _Rx:
            if not pattern:
                return None
            if guarded:
                return cast(regex.Pattern[str], _Timed(regex.compile(pattern)))
            return compile_fast(pattern)

        return {
            "before": compiled(rule.before),
            "after": compiled(rule.after),
            "number": compiled(rule.number),
            "unit": compiled(rule.unit),
            "unless_before": compiled(rule.unless_before),
        }

    @in_exact_context
    def find(
        self, view: str, disabled: frozenset[str] = frozenset(), timed_out: dict[str, str] | None = None
    ) -> list[Quantity]:
        """All quantities of ``view`` (the normalised text), in order, exclusions applied.
        ``timed_out`` receives ``rule id -> message`` for each exclusion rule that timed out
        (only rules of a patterns directory other than the shipped one have a timeout); such a
        rule is skipped for the rest of the document. Without ``timed_out`` a timeout raises.
        Invisible characters inside a number (numbers.toml) are skipped: the rules read the
        view without them, and the quantities' offsets are the view's."""
        skipped = self.invisible.skip(view)
        if skipped is not None:
            return [_placed(q, skipped[1]) for q in self.find(skipped[0], disabled, timed_out)]
        found: list[Quantity] = []
        pending: Quantity | None = None  # a bare number that may share the next one's unit
        skip = disabled
        for m in self._candidates(view):
            g = Groups._make(m.groups())
            q = self._produce(view, m, g)
            if q is None:
                continue
            if g.sign:
                q = self._signed(view, q)
            refused = self.excluded_by(view, q, m, skip, timed_out, g)
            if timed_out and not skip.issuperset(timed_out):
                skip = disabled | frozenset(timed_out)
            if refused is None:
                if pending is not None and q.unit and pending.end + 1 == q.number_start and q.count_max is None:
                    # 分别提高3.8和3.6个百分点: the first value shares the second's unit
                    found.append(pending._replace(unit=q.unit, unit_kind=q.unit_kind, rule="shared_unit"))
                found.append(q)
                pending = None
            elif refused == "bare_number" and view[q.end : q.end + 1] in ("和", "、", "或"):
                pending = q
            else:
                pending = None
        return found

    def _signed(self, view: str, q: Quantity) -> Quantity:
        """A quantity written with a minus sign. On a change (同比-6.2%, 增速为-2.1%, and the
        rest of a list that a change word heads: 同比分别-6.2%、-19.3%) the count is the
        magnitude; the sign stays on a level (余额-3亿元, 气温-5℃). Either way ``signed``."""
        clause_start = max(view.rfind(ch, max(0, q.start - CONTEXT), q.start) for ch in CLAUSE_STOPS) + 1
        window = INVISIBLE.sub("", view[clause_start : q.start])  # 增\u2060长 is still 增长
        if any(name in window for name in self.level_names):
            return q._replace(signed=True)
        if any(not window.startswith(self.reached, m.end()) for m in self.change_cue.finditer(window)):
            return q._replace(count=abs(q.count), signed=True)
        return q._replace(signed=True)

    def _candidates(self, view: str) -> Iterator[regex.Match[str]]:
        """The candidate regex's matches, as ``finditer`` gives them, CANDIDATE_BATCH at a time:
        each batch is read by one scanner whose timeout is long enough for a linear scan of the
        rest of the text (the regex module's clock also runs while the caller handles a match,
        so a batch is read whole before its matches go out); TimeoutError when one overruns.
        One timeout per batch instead of one per search: a timed search costs ~2 us more."""
        searched = LONG_RUN.sub(lambda m: MASK * len(m.group()), view)
        rx = self.regex_spaced if _spaces_digits(searched) else self.regex
        end = len(searched)
        pos = 0
        while pos <= end:
            scanner = rx.finditer(searched, pos, timeout=max(REGEX_TIMEOUT, (end - pos) / SCAN_RATE))
            batch = list(itertools.islice(scanner, CANDIDATE_BATCH))
            yield from batch
            if len(batch) < CANDIDATE_BATCH:
                return
            last = batch[-1]
            pos = last.end() if last.end() > last.start() else last.end() + 1

    # --- user rules ----------------------------------------------------------------

    @in_exact_context
    def find_user(self, view: str, disabled: frozenset[str] = frozenset()) -> tuple[list[Quantity], list[tuple[str, str]]]:
        """The quantities of the user rules (``user_rules.toml``), each rule's in text order, and
        ``(rule id, message)`` for each rule that timed out on ``view`` (its matches are dropped)."""
        if not self.user_rules:  # (most patterns directories have none: no scan for invisibles)
            return [], []
        skipped = self.invisible.skip(view)
        if skipped is not None:
            found_short, slow = self.find_user(skipped[0], disabled)
            return [_placed(q, skipped[1]) for q in found_short], slow
        found: list[Quantity] = []
        timed_out: list[tuple[str, str]] = []
        budget = max(REGEX_TIMEOUT, len(view) / USER_SCAN_RATE)
        for rule, rx in self.user_rules:
            if rule.id in disabled:
                continue
            try:
                matches = _all_matches(rx, view, budget)
            except TimeoutError:
                timed_out.append((rule.id, f"user rule {rule.id!r} ran over {budget:g} s on this document and was skipped"))
                continue
            found.extend(q for m in matches if (q := self._user_quantity(view, rule, m)) is not None)
        return found, timed_out

    def _user_quantity(self, view: str, rule: UserRule, m: regex.Match[str]) -> Quantity | None:
        if "number" in m.re.groupindex:
            if m.start("number") < 0:
                return None
            n_start, n_end = m.span("number")
        else:
            head = self.number_head.match(view, m.start(), m.end())
            if head is None:
                return None
            n_start, n_end = head.span()
        text = view[n_start:n_end]
        negative = text[:1] in "-−"
        try:
            value = parse_number(text[1:] if negative else text)
        except NumeralError:
            return None
        group = self.unit_groups.get(rule.unit)
        return Quantity(
            m.start(), m.end(), n_start + negative, to_plain(-value if negative else value), rule.unit,
            group.kind if group else "count", None, None, None, rule.id,
        )

    # --- productions ---------------------------------------------------------------

    def _produce(self, view: str, m: regex.Match[str], g: Groups) -> Quantity | None:
        start, end = m.span()
        sign, is_range, pct, frac = g.sign, g.range, g.pct, g.frac
        number_start = m.end("sign") if sign else start
        try:
            if is_range:
                return self._range(g, start, end, number_start)
            if pct:
                assert g.pnum is not None
                value = _percent_words(g.pnum, g.pdec)
                if sign:
                    value = -value
                q = self._make(m, g, start, end, number_start, value, "%", "percent", None, "percent_words")
                if g.pnum2:  # 百分之三十到四十一, 百分之三十一到百分之百
                    high = _percent_words(g.pnum2, g.pdec2)
                    if high <= value:
                        return None
                    q = q._replace(count_max=to_plain(high))
                return q
            if frac:
                assert g.den is not None and g.nom is not None
                den, nom = parse_number(g.den), parse_number(g.nom)
                if den == 0:
                    return None
                if g.den == "千":  # 千分之十三 is 13‰, as 百分之八 is 8%
                    return self._make(m, g, start, end, number_start, nom, "‰", "percent", None, "permille_words")
                value = bounded(Decimal(format(float(nom / den), ".10g")), frac)
                if sign:
                    value = -value
                return self._make(m, g, start, end, number_start, value, "", "fraction", None, "fraction")
            return self._main(m, g, start, end, number_start)
        except NumeralError:
            return None

    def _main(self, m: regex.Match[str], g: Groups, start: int, end: int, number_start: int) -> Quantity | None:
        num, unit, sign, per = g.num, g.unit, g.sign, g.per
        assert num is not None
        num = num.replace(" ", "")  # 4 9 2 5 0, 8 .8: digits set apart on the page
        if unit is not None:
            mag, more, mag2 = cast(str, g.mag).lstrip(SPOKEN_MEASURE), g.more, cast(str, g.mag2)
        else:
            mag, more, mag2 = cast(str, g.magb).lstrip(SPOKEN_MEASURE), g.moreb, g.mag2b or ""
        is_chinese = not num[0].isdigit()
        kind = "none"
        if unit is not None:
            group = self.unit_groups[unit]
            if (is_chinese and not group.after_chinese) or self._begins_word(m.string, m.start("unit"), unit):
                # 三省 is a name, 2900多万家庭 counts 家庭 with no unit: keep the number alone
                # (with its magnitude) and let the rules judge it
                end = m.start("unit")
                unit, kind = None, "none"
            else:
                kind = group.kind
        text = num + mag + mag2
        key = (text, is_chinese and not more, bool(sign))
        read = self._values.get(key)
        if read is None:  # the numeral read once per document set: the same ones come back often
            span = parse_range(text) if is_chinese and not more and not sign else None
            value = span[0] if span is not None else parse_number(text)
            if sign:
                value = -value
            if span is not None:  # 三五百人, 十五六万元: two neighbouring digits side by side are a range
                read = (span[0], span[1])
            else:
                read = (to_plain(value), None)
            if len(self._values) >= NUMBER_CACHE:
                self._values.clear()
            self._values[key] = read
        value, high = read
        rule = "number_unit" if unit else ("number_magnitude" if (mag or mag2) else "bare_number")
        if high is not None:
            rule = "juxtaposed_range"
        unit_text = self.canonical.get(unit, unit) if unit else ""
        per = per if end == m.end() else None  # a dropped unit drops its denominator
        return Quantity(
            start, end, number_start, value, unit_text, kind, "over" if more else None, high, per, rule,
        )

    def _begins_word(self, text: str, at: int, unit: str) -> bool:
        """Whether the unit read at ``at`` is the start of a longer word (家 of 家庭; not 人民币,
        a unit of its own that 人民 begins)."""
        if not self.word_starts or not text.startswith(self.word_starts, at):
            return False
        return any(len(w) > len(unit) and text.startswith(w, at) for w in self.word_starts)

    def _range(self, g: Groups, start: int, end: int, number_start: int) -> Quantity | None:
        hi_unit, hi_mag, lo_text, hi_text = g.hiunit, g.himag, g.lo, g.hi
        assert hi_unit is not None and hi_mag is not None and lo_text is not None and hi_text is not None
        group = self.unit_groups[hi_unit]
        lo_mag = g.lomag or ""
        if not lo_mag and lo_text[0].isdigit():
            lo_mag = hi_mag
        lo = parse_number(lo_text + lo_mag)
        hi = parse_number(hi_text + hi_mag)
        if hi <= lo:
            return None  # 2019-3 and the like are not ranges
        unit = self.canonical.get(hi_unit, hi_unit)
        per = g.per  # 十一到一百千米每小时
        return Quantity(start, end, number_start, lo, unit, group.kind, None, hi, per, "range")

    def _make(
        self, m: regex.Match[str], g: Groups, start: int, end: int, number_start: int,
        value: Decimal, unit: str, kind: str, qualifier: str | None, rule: str,
    ) -> Quantity:
        per = g.per if end == m.end() else None  # a dropped unit drops its denominator
        return Quantity(start, end, number_start, to_plain(value), unit, kind, qualifier, None, per, rule)

    # --- exclusions ----------------------------------------------------------------

    def excluded_by(
        self, view: str, q: Quantity, m: regex.Match[str] | None = None, disabled: frozenset[str] = frozenset(),
        timed_out: dict[str, str] | None = None, groups: Groups | None = None,
    ) -> str | None:
        """The id of the first exclusion rule that refuses ``q``, or None. A rule that times out
        goes into ``timed_out`` (rule id -> message) and refuses nothing; without
        ``timed_out`` the TimeoutError is raised. ``m``: the candidate match ``q`` was read
        from, ``groups`` its groups where already read."""
        # spaces between the number and its neighbours (第 3 名, 30 万吨 级) change no rule
        before = view[max(0, q.number_start - CONTEXT) : q.number_start].rstrip(" \t")
        after = view[q.end : q.end + CONTEXT].lstrip(" \t")
        number = _number_text(view, q, m, groups)
        if not self.guarded:
            return self._shipped_excluded_by(q, number, before, after, disabled)
        for rule_id, number_rx, unit_rx, before_rx, after_rx, unless_rx in self._rules_for(q.unit_kind, q.unit):
            if disabled and rule_id in disabled:
                continue
            try:  # the cheap tests first: all must hold
                if number_rx is not None and not number_rx.fullmatch(number):
                    continue
                if unit_rx is not None and self.guarded and not unit_rx.fullmatch(q.unit):
                    continue  # (for the shipped rules _rules_for has tested the unit)
                if after_rx is not None and not after_rx.match(after):
                    continue
                if before_rx is not None and not before_rx.search(before):
                    continue
                if unless_rx is not None and unless_rx.search(before):
                    continue
            except TimeoutError:
                if timed_out is None:
                    raise
                timed_out[rule_id] = (
                    f"exclusion rule {rule_id!r} ran over {REGEX_TIMEOUT:g} s on one number and was skipped "
                    "for the rest of the document"
                )
                continue
            return rule_id
        return None

    def _shipped_excluded_by(self, q: Quantity, number: str, before: str, after: str, disabled: frozenset[str]) -> str | None:
        """:meth:`excluded_by` for rules without a timeout (the shipped ones): the rules whose unit
        and number tests hold are looked up once per unit kind, unit and the number tests the
        number text passes (those are looked up once per number text)."""
        bits = self._number_bits.get(number)
        if bits is None:
            if len(self._number_bits) >= NUMBER_CACHE:
                self._number_bits.clear()
            bits = self._number_bits[number] = sum(bit for bit, rx in self._number_tests if rx.fullmatch(number))
        key = (q.unit_kind, q.unit, bits)
        rules = self._by_number.get(key)
        if rules is None:
            if len(self._by_number) >= NUMBER_CACHE:
                self._by_number.clear()
            shipped = self._shipped
            rules = self._by_number[key] = tuple(
                entry for bit, entry in (shipped[check[0]] for check in self._rules_for(q.unit_kind, q.unit))
                if not bit or bits & bit
            )
        first, last = after[:1], before[-1:]
        for rule_id, before_rx, after_rx, unless_rx, after_edge, before_edge in rules:
            if disabled and rule_id in disabled:
                continue
            if after_rx is not None and ((after_edge is not None and not after_edge[first]) or not after_rx.match(after)):
                continue
            if before_rx is not None and ((before_edge is not None and not before_edge[last]) or not before_rx.search(before)):
                continue
            if unless_rx is not None and unless_rx.search(before):
                continue
            return rule_id
        return None

    def _rules_for(self, kind: str, unit: str) -> tuple[_Check, ...]:
        """The tests of the exclusion rules (in order) that can refuse a quantity of this unit
        kind and unit; the unit test is left to :meth:`excluded_by` for rules under a timeout."""
        key = (kind, unit)
        found = self._applicable.get(key)
        if found is None:
            found = self._applicable[key] = tuple(
                self._checks[i] for i, (rule, rx) in enumerate(self.exclusions)
                if (rule.unit_kind is None or rule.unit_kind == kind)
                and (self.guarded or rx["unit"] is None or rx["unit"].fullmatch(unit) is not None)
            )
        return found

    def qualifier_of(self, view: str, q: Quantity) -> str | None:
        """Qualifier words just before or after the quantity (约, 超过, 以上, 左右 …)."""
        if q.qualifier is not None:
            return q.qualifier
        before = view[max(0, q.start - 8) : q.start].rstrip(" \t")
        if before.endswith(self._any_before):
            for word, qual in self.before_words:
                if before.endswith(word):
                    return qual
        after = view[q.end : q.end + 6].lstrip(" \t")
        if after.startswith(self._any_after):
            for word, qual in self.after_words:
                if after.startswith(word):
                    return qual
        return None

    def with_qualifier(self, view: str, q: Quantity) -> Quantity:
        qualifier = self.qualifier_of(view, q)
        return q if qualifier == q.qualifier else q._replace(qualifier=qualifier)


def _spaces_digits(view: str) -> bool:
    """Whether the page sets its digits one by one (4 9 2 5 0 万吨) in several places."""
    runs = 0
    for _ in SPACED_RUN.finditer(view):
        runs += 1
        if runs >= SPACED_PAGE_RUNS:
            return True
    return False


def _shipped_patterns() -> Path | None:
    try:
        return default_patterns_dir().resolve()
    except PatternError:  # a patterns directory of one's own, and none shipped
        return None


class _Timed:
    """A compiled regex whose calls all run under the regex module's timeout (REGEX_TIMEOUT)."""

    def __init__(self, rx: regex.Pattern[str]) -> None:
        self.rx = rx

    def search(self, text: str) -> regex.Match[str] | None:
        return self.rx.search(text, timeout=REGEX_TIMEOUT)

    def match(self, text: str) -> regex.Match[str] | None:
        return self.rx.match(text, timeout=REGEX_TIMEOUT)

    def fullmatch(self, text: str) -> regex.Match[str] | None:
        return self.rx.fullmatch(text, timeout=REGEX_TIMEOUT)


# format, control and combining characters (not line breaks or tabs): no part of a word
INVISIBLE = regex.compile(r"(?V1)[[\p{Cf}\p{Cc}\p{Mn}\p{Me}]--[\t\n\v\f\r]]")


def _placed(q: Quantity, places: list[int]) -> Quantity:
    """``q`` found in a view with characters skipped, its offsets put back (``places``: the
    place in the view of each character of the shorter one); the span covers what was skipped."""

    def end(e: int) -> int:
        return places[e - 1] + 1 if e > 0 else 0

    return q._replace(start=places[q.start], end=end(q.end), number_start=places[q.number_start])


def _all_matches(rx: regex.Pattern[str], text: str, budget: float) -> list[regex.Match[str]]:
    """The non-empty matches of ``rx`` in ``text``; TimeoutError after ``budget`` seconds."""
    deadline = time.monotonic() + budget
    out: list[regex.Match[str]] = []
    pos = 0
    while pos <= len(text):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"over {budget} s")
        m = rx.search(text, pos, timeout=left)
        if m is None:
            break
        if m.end() > m.start():
            out.append(m)
            pos = m.end()
        else:
            pos = m.end() + 1
    return out


def merge_user(found: list[Quantity], user: list[Quantity]) -> list[Quantity]:
    """``found`` and the user rules' quantities in text order; a user quantity wins where it
    overlaps a built-in one, and the earlier rule's where two user quantities overlap.

    >>> def q(s, e, rule): return Quantity(s, e, s, Decimal(1), "", "count", None, None, None, rule)
    >>> [(x.start, x.rule) for x in merge_user([q(0, 2, "a"), q(5, 8, "b")], [q(6, 9, "u"), q(7, 10, "v"), q(12, 13, "v")])]
    [(0, 'a'), (6, 'u'), (12, 'v')]
    """
    kept: list[Quantity] = []
    rules: dict[str, list[Quantity]] = {}
    for q in user:
        rules.setdefault(q.rule, []).append(q)
    for quantities in rules.values():
        kept = sorted(kept + _without_overlaps(kept, quantities), key=lambda x: (x.start, x.end))
    return sorted(kept + _without_overlaps(kept, found), key=lambda x: (x.start, x.end))


def _without_overlaps(kept: list[Quantity], others: list[Quantity]) -> list[Quantity]:
    """``others`` (in text order) without those overlapping any of ``kept`` (in text order,
    not overlapping each other)."""
    out: list[Quantity] = []
    i = 0
    for q in others:
        while i < len(kept) and kept[i].end <= q.start:
            i += 1
        if i < len(kept) and kept[i].start < q.end:
            continue
        out.append(q)
    return out


def _number_text(view: str, q: Quantity, m: regex.Match[str] | None, g: Groups | None = None) -> str:
    """The number with its magnitude (no unit, no sign, no 多/余, no spaces) for the exclusion rules."""
    return _number_with_spaces(view, q, m, g).replace(" ", "")


def _number_with_spaces(view: str, q: Quantity, m: regex.Match[str] | None, g: Groups | None = None) -> str:
    if m is None:
        return view[q.number_start : q.end]
    if g is None:
        g = Groups._make(m.groups())
    if g.range:
        return cast(str, g.lo)
    if g.pct or g.frac:
        return cast(str, m.group(0))
    num, mag, mag2, magb, mag2b = g.num, (g.mag or "").lstrip(SPOKEN_MEASURE), g.mag2, (g.magb or "").lstrip(SPOKEN_MEASURE), g.mag2b
    if g.unit is not None and q.unit_kind != "none":
        return cast(str, num) + mag + cast(str, mag2)
    return cast(str, num) + (magb or mag or "") + (mag2b or mag2 or "")  # a dropped unit keeps 万 of 2900多万家庭


def _percent_words(number: str, decimals: str | None) -> Decimal:
    """百分之八 + 点五 -> 8.5."""
    value = parse_number(number)
    if decimals:
        if value != value.to_integral_value():  # 百分之一点一零点一: two decimal points
            raise NumeralError(f"a second decimal point after {number!r}")
        value = Decimal(f"{value}." + "".join(str(parse_number(c)) for c in decimals))
    return value


def _word_table(groups: dict[str, list[str]]) -> list[tuple[str, str]]:
    pairs = [(word, qual) for qual, words in groups.items() for word in words]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)
