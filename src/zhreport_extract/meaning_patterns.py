"""Models of the meaning fields' rule files: change.toml, status.toml, indicators.toml,
period.toml, and their examples files (``<name>.examples.toml``). Loaded by
:class:`~zhreport_extract.patterns.Patterns` with the others, validated field by field.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import Field, field_validator, model_validator

from .patterns import REGEX_TIMEOUT, Patterns, Strict, _check_regex, _check_regexes, alternation, default_patterns_dir, load_file

Words = list[str]


def _words(value: Any) -> Any:
    """A word list: no empty word (an empty list is refused where a rule needs words)."""
    if isinstance(value, list) and any(not isinstance(w, str) or not w for w in value):
        raise ValueError("a word list holds non-empty strings only")
    return value


class ChangeWords(Strict):
    up: Words = Field(min_length=1)
    down: Words = Field(min_length=1)
    flat: Words = []

    _w = field_validator("up", "down", "flat", mode="before")(_words)


class ChangeFile(Strict):
    words: ChangeWords
    gap: Words = []
    level_after: Words = []
    rate_words: Words = []
    value_tails: Words = []
    not_after: Words = []
    not_before: Words = []
    multiple_units: Words = []
    multiple_before: str | None = None
    object_verbs_up: Words = []
    object_verbs_down: Words = []
    max_object: int = Field(default=12, ge=0, le=60)
    object_not_end: Words
    comparative_pattern: str | None = None
    rate_pair_pattern: str | None = None
    max_distance: int = Field(default=24, ge=1, le=200)

    _w = field_validator(
        "gap", "level_after", "rate_words", "value_tails", "not_after", "not_before", "multiple_units", "object_verbs_up", "object_not_end",
        "object_verbs_down", mode="before",
    )(_words)
    _r = field_validator("multiple_before", "comparative_pattern", "rate_pair_pattern")(_check_regex)


class StatusFile(Strict):
    target: Words = Field(min_length=1)
    target_pattern: str | None = None
    weak_target: Words = []
    estimate: Words = Field(min_length=1)
    actual: Words = []
    not_cues: Words = []
    not_cue_pattern: str | None = None
    object_verbs: Words = []
    conditional: dict[str, Words] = {}
    conditional_before: dict[str, Words] = {}
    plan_headings: Words = Field(min_length=1)
    review_headings: Words = []
    plan_word_runs_on: str | None = None
    # a figure in a sentence opening with a breakdown word (其中，…) takes the estimate or target of the
    # figure before it where that sentence's cue stands within this many characters of its start
    breakdown_cue_reach: int = Field(default=0, ge=0)
    plan_openings: Words = []
    plan_opening_pattern: str | None = None
    # regex matched at a paragraph's start: a body announcing the year's list of projects (公布了9件…实事项目)
    # opens a plan that runs on over the paragraphs after it, up to an outer heading
    announced_plan_pattern: str | None = None
    max_heading_length: int = Field(default=40, ge=1)
    headline_verbs: Words = []
    done_markers: Words = []
    done_after_markers: Words = []
    tally_pattern: str | None = None
    measured_window_pattern: str | None = None
    list_item_pattern: str | None = None
    heading_levels: list[str] = []
    outer_levels: int = Field(default=2, ge=0)
    target_year_pattern: str | None = None
    from_before_pattern: str | None = None
    from_after_pattern: str | None = None
    # a ceiling set for a figure: the words right before it and right after it (控制在4.5%以内)
    # a past year's value a bracket gives beside an estimate or a goal (…可达23.92亿元（2020年22.15亿元）):
    # the words of the bracket before the figure (group y: the year) and the bracket's close after it
    bracket_base_pattern: str | None = None
    bracket_close_pattern: str | None = None
    ceiling_before_pattern: str | None = None
    ceiling_after_pattern: str | None = None
    list_reach: list[Literal["target", "estimate", "actual"]] = []
    restatement_openings: Words = []

    _w = field_validator(
        "target", "weak_target", "estimate", "actual", "not_cues", "object_verbs", "plan_headings",
        "review_headings", "plan_openings", "headline_verbs", "done_markers", "done_after_markers", "restatement_openings", mode="before",
    )(_words)
    _r = field_validator("target_pattern", "not_cue_pattern", "target_year_pattern", "from_before_pattern", "from_after_pattern")(_check_regex)
    _r2 = field_validator(
        "list_item_pattern", "tally_pattern", "measured_window_pattern", "plan_opening_pattern", "announced_plan_pattern", "plan_word_runs_on",
    )(_check_regex)
    _r3 = field_validator("ceiling_before_pattern", "ceiling_after_pattern", "bracket_base_pattern", "bracket_close_pattern")(_check_regex)

    _levels = field_validator("heading_levels")(_check_regexes)

    @model_validator(mode="after")
    def _target_year_group(self) -> StatusFile:
        if self.target_year_pattern is not None and "y" not in regex.compile(self.target_year_pattern).groupindex:
            raise ValueError("target_year_pattern needs a group (?P<y>…) for the year")
        return self


class PeriodFile(Strict):
    year: Words = []
    part: Words = Field(min_length=1)
    part_pattern: str | None = None
    span: Words = Field(min_length=1)
    span_pattern: str | None = None
    part_before_month: int = Field(default=12, ge=1, le=13)
    # window cues that cover the whole year when written at its end (or in an undated annual summary)
    to_date_cues: list[str] = []
    # regex: the part cues that run from a month up to the time of writing (从7月份开始): as to_date_cues
    to_date_pattern: str | None = None
    opening_reach: int = Field(default=8, ge=0)
    short_lead: int = Field(default=24, ge=0)
    lead_sentences: int = Field(default=1, ge=1)
    list_kinds: list[Literal["year", "part", "span"]] = ["span"]
    lead_reach: int = Field(default=300, ge=0)
    lead_paragraphs: int = Field(default=2, ge=0)
    rate_span: Words = []
    level_before: Words = []
    level_units: Words = []
    base_pattern: str | None = None
    base_period_pattern: str | None = None
    annual_titles: Words = []
    named_parts: Words = []
    part_title_pattern: str | None = None
    part_title_reach: int = 60
    history_after_pattern: str | None = None
    # a time preposition before a part-year window in the lead (县红十字会在春节期间开展…): the window
    # opens the clause's time phrase as a comma would
    frame_time_prepositions: Words = []
    annual_openings: Words = []
    rate_level_pattern: str | None = None
    frame_line_length: int = Field(default=30, ge=0)
    single_year_pattern: str | None = None
    since_pattern: str | None = None
    founding_pattern: str | None = None
    level_before_pattern: str | None = None
    # regex after a figure: its clause goes on with a noun, so a 为 before it is the preposition (为N名X发放…)
    preposition_after_pattern: str | None = None
    stock_words: Words = []
    # stocks at the time of the report inside a part-year frame (上半年…全乡现有五保户390人): the year's,
    # read back over the fact's ；-list and sentence
    part_stock_words: Words = []
    # words of a flow in a ；-item of its own: a stock word of an earlier item does not reach it
    flow_item_words: list[str] = []
    # regex: the words before a sum that make it the size of the thing named after it with 的 (总投资20亿元的光伏
    # 项目): a size, the year's whatever window frames it
    size_before_pattern: str | None = None
    share_words: Words = []
    # levels measured at a point of time (the unemployment rate): the year's, as are their changes,
    # whatever part-year window frames them; by indicator name or by a word of the metric
    # regex: the end of a plan or task a percentage is a share of (为全年任务的56.6%, 完成年度计划的…的): a
    # share of the window's flow, as after 占
    plan_share_pattern: str | None = None
    point_indicators: Words = []
    point_metric_words: Words = []
    per_capita: Words = []
    point_pattern: str | None = None
    # words that date a level at the time of the report (目前): the year's inside a part-year frame
    now_words: Words = []
    one_year_base_pattern: str | None = None
    cumulative_pattern: str | None = None
    # regex: a bare running total (累计) and the one-year markers (新增, 今年, a single year) of another
    # figure of its sentence that set it against the year's own figure: a sum over several years
    cumulative_bare_pattern: str | None = None
    cumulative_against_pattern: str | None = None
    # words between 累计 and its figure that make it a level reached (累计达到): the year's
    cumulative_level_words: Words = []
    # regex: part cues that hold for their own sentence only and frame no paragraph or document (春节前)
    sentence_only_pattern: str | None = None
    # regex: a window since the year under review that an undated text gives as that whole year (2022年以来)
    undated_since_pattern: str | None = None
    # a plan word starting these is a plan's period (计划期间), not a plan a share is measured against
    plan_period_words: tuple[str, ...] = ()
    year_frame_pattern: str | None = None
    rate_not_after: str = ""
    cue_prefix_pattern: str | None = None
    year_to_date_pattern: str | None = None
    year_digits_pattern: str = r"(?:19|20)\d\d"
    entity_units: Words = []
    entity_stops: str = "，,。；;：:、（("
    year_pattern: str | None = None
    # a whole-year word that names the scope of a plan or task, not the figure's period
    # (完成全年计划的32.5%): read as no cue
    plan_scope_pattern: str | None = None

    _w = field_validator(
        "year", "part", "span", "rate_span", "level_before", "level_units", "annual_titles", "named_parts", "annual_openings", "stock_words",
        "frame_time_prepositions",
        "share_words", "per_capita", "entity_units", "part_stock_words", "cumulative_level_words", "point_indicators", "point_metric_words", mode="before",
    )(_words)
    _r = field_validator(
        "part_pattern", "span_pattern", "base_pattern", "base_period_pattern", "single_year_pattern", "since_pattern",
        "founding_pattern",
        "level_before_pattern", "point_pattern", "one_year_base_pattern", "cumulative_pattern", "year_frame_pattern",
        "cumulative_bare_pattern", "cumulative_against_pattern", "sentence_only_pattern", "undated_since_pattern",
        "cue_prefix_pattern", "year_pattern", "plan_scope_pattern", "year_to_date_pattern", "year_digits_pattern", "rate_level_pattern",
        "part_title_pattern", "history_after_pattern", "size_before_pattern", "plan_share_pattern",
    )(_check_regex)

    @model_validator(mode="after")
    def _base_year_group(self) -> PeriodFile:
        if self.base_pattern is not None and "y" not in regex.compile(self.base_pattern).groupindex:
            raise ValueError("base_pattern needs a group (?P<y>…) for the base year")
        if self.since_pattern is not None and "y" not in regex.compile(self.since_pattern).groupindex:
            raise ValueError("since_pattern needs a group (?P<y>…) for the first year")
        if self.founding_pattern is not None and "y" not in regex.compile(self.founding_pattern).groupindex:
            raise ValueError("founding_pattern needs a group (?P<y>…) for the founding year")
        if self.part_title_pattern is not None and "cue" not in regex.compile(self.part_title_pattern).groupindex:
            raise ValueError("part_title_pattern needs a group (?P<cue>…) for the part of the year it names")
        return self


class Indicator(Strict):
    name: str = Field(min_length=1)
    forms: Words = Field(min_length=1)

    _w = field_validator("forms", mode="before")(_words)


class ListForm(Strict):
    pattern: str = Field(min_length=1)
    names: Words = Field(min_length=2)
    # the one indicator the form names where no 分别 list follows it (城乡居民人均可支配收入达30758元:
    # all residents' income, not a town-country pair); without it the form gives its names in order
    whole: str | None = None

    _r = field_validator("pattern")(_check_regex)


class TopicForm(Strict):
    """A topic named earlier in the sentence and a bare word right before the value that stands
    for its indicator (粮食播种面积…、总产130亿斤: 总产 is 粮食产量)."""

    topic: str = Field(min_length=1)
    words: Words
    name: str = Field(min_length=1)
    reach: int = Field(default=30, ge=1, le=200)
    # words that may open the clause before the word (城镇实现零售额: a region's part still is)
    leads: Words = []
    # whether the topic may stand in an earlier sentence of the same paragraph
    paragraph: bool = False

    _w = field_validator("leads", mode="before")(_words)


class Share(Strict):
    numerator: str = Field(min_length=1)
    denominator: str = Field(min_length=1)
    name: str = Field(min_length=1)


LEVEL_KINDS = frozenset({"money", "count", "measure", "percent"})


class LevelKind(Strict):
    """The kind of unit (units.toml groups: money, count, measure, percent) a level of these indicators is
    stated in: a figure of another kind of unit (第一产业51万人: people) measures something else."""

    kind: str = Field(min_length=1)
    names: Words = Field(min_length=1)

    _w = field_validator("names", mode="before")(_words)


class FormVariant(Strict):
    """Another way of writing a word inside forms (平均每人 for 人均): every form holding
    ``word`` is also matched with each of ``written`` in its place."""

    word: str = Field(min_length=1)
    written: Words = Field(min_length=1)

    _w = field_validator("written", mode="before")(_words)


class IndicatorsFile(Strict):
    indicator: list[Indicator] = Field(min_length=1)
    list_form: list[ListForm] = []
    topic_form: list[TopicForm] = []
    share: list[Share] = []
    variant: list[FormVariant] = []
    level_kind: list[LevelKind] = []
    part_before: Words = []
    partner_before: Words = []
    partner_groups: Words = []
    value_tails: Words = []
    short_forms: Words = []
    short_form_leads: Words = []
    compared_before: Words = []
    anaphors: Words = []
    tail: Words = []
    time_pattern: str | None = None
    # regex: the words before a percentage that make it a share of a plan or task (完成全年任务的35.86%): no indicator
    plan_share_pattern: str | None = None

    _w = field_validator(
        "part_before", "partner_before", "partner_groups", "value_tails", "short_forms", "short_form_leads", "anaphors",
        "tail", "compared_before", mode="before",
    )(_words)
    _r = field_validator("time_pattern", "plan_share_pattern")(_check_regex)

    @model_validator(mode="after")
    def _one_name_per_form(self) -> IndicatorsFile:
        seen: dict[str, str] = {}
        names = {i.name for i in self.indicator}
        for ind in self.indicator:
            for form in ind.forms:
                if seen.get(form, ind.name) != ind.name:
                    raise ValueError(f"form {form!r} names both {seen[form]!r} and {ind.name!r}")
                seen[form] = ind.name
        for tf in self.topic_form:
            if tf.name not in names:
                raise ValueError(f"topic_form {tf.topic!r} names unknown indicator {tf.name!r}")
        for sh in self.share:
            unknown = [n for n in (sh.numerator, sh.denominator, sh.name) if n not in names]
            if unknown:
                raise ValueError(f"share {sh.name!r} names unknown indicators {unknown}")
        for lf in self.list_form:
            unknown = [n for n in lf.names if n not in names]
            if unknown:
                raise ValueError(f"list_form {lf.pattern!r} names unknown indicators {unknown}")
        kinded: dict[str, str] = {}
        for lk in self.level_kind:
            if lk.kind not in LEVEL_KINDS:
                raise ValueError(f"level_kind {lk.kind!r} is none of {sorted(LEVEL_KINDS)}")
            for n in lk.names:
                if n not in names:
                    raise ValueError(f"level_kind {lk.kind!r} names unknown indicator {n!r}")
                if kinded.setdefault(n, lk.kind) != lk.kind:
                    raise ValueError(f"indicator {n!r} is in level_kind {kinded[n]!r} and {lk.kind!r}")
        return self


class MeaningExample(Strict):
    """A phrase, a quantity in it, and the value the field must take (``"null"`` for none)."""

    text: str = Field(min_length=1)
    quantity: str = Field(min_length=1)
    value: str = Field(min_length=1)
    cue: str | None = Field(default=None, description="the text the field's evidence must hold")
    date: str | None = None
    note: str = ""

    @model_validator(mode="after")
    def _quantity_in_text(self) -> MeaningExample:
        if self.quantity not in self.text:
            raise ValueError(f"quantity {self.quantity!r} is not in text {self.text!r}")
        if self.cue is not None and self.cue not in self.text:
            raise ValueError(f"cue {self.cue!r} is not in text {self.text!r}")
        return self

    @property
    def expected(self) -> str | None:
        return None if self.value == "null" else self.value


class MeaningExamplesFile(Strict):
    example: list[MeaningExample] = Field(min_length=1)


MEANING_FILES: dict[str, type[Strict]] = {
    "change.toml": ChangeFile,
    "status.toml": StatusFile,
    "indicators.toml": IndicatorsFile,
    "period.toml": PeriodFile,
}
# the field each examples file shows: <file>.examples.toml -> Fact attribute
MEANING_EXAMPLE_FILES: dict[str, str] = {"change": "change", "status": "status", "indicators": "indicator", "period": "period"}


def words_pattern(words: list[str], file: Path | str, entry: str) -> regex.Pattern[str]:
    """One alternation of ``words``, longest first, by the one alternation helper
    (:func:`zhreport_extract.patterns.alternation`): an empty list is a PatternError naming
    ``file`` and ``entry``."""
    return regex.compile(alternation(words, file, entry, longest_first=True))


def load_meaning(patterns: Patterns, name: str, model: type[Strict]) -> Any:
    """``<patterns dir>/<name>``, validated by ``model`` (a PatternError names what is wrong)."""
    return load_file(patterns.directory / name, model)


def load_meaning_examples(patterns: Patterns) -> dict[str, MeaningExamplesFile]:
    """The meaning fields' examples files present in the patterns directory, validated."""
    out: dict[str, MeaningExamplesFile] = {}
    for stem in MEANING_EXAMPLE_FILES:
        path = patterns.directory / f"{stem}.examples.toml"
        if path.exists():
            out[stem] = load_file(path, MeaningExamplesFile)
    return out


class CuePattern:
    """A stage's cue regex. The shipped patterns directory's (tested, trusted) runs on Python's
    ``re``, about four times faster on these alternations; a user's own runs on the ``regex``
    module under its timeout (a catastrophic pattern is cut off, never hangs a document).

    On ``re``, a pattern whose matches can start only with some characters, where ``re`` does
    not see that itself (:func:`first_chars`), is tried only where such a character stands:
    the same matches, found three times faster on the long cue alternations."""

    def __init__(self, pattern: str, patterns: Patterns) -> None:
        self.timeout = REGEX_TIMEOUT
        self.fast: re.Pattern[str] | None = None
        self.first: re.Pattern[str] | None = None
        self.slow = regex.compile(pattern)
        self.groupindex = self.slow.groupindex
        try:
            trusted = patterns.directory.resolve() == default_patterns_dir().resolve()
        except OSError:
            trusted = False
        if trusted:
            try:
                self.fast = re.compile(pattern)
            except re.error:
                self.fast = None
        if self.fast is not None:
            first = first_chars(pattern)
            self.first = re.compile(first) if first is not None else None

    def finditer(self, text: str, start: int, end: int) -> Any:
        if self.fast is not None:
            if self.first is not None:
                return self._prefiltered(self.fast, self.first, text, start, end)
            return self.fast.finditer(text, start, end)
        return self.slow.finditer(text, start, end, timeout=self.timeout)

    @staticmethod
    def _prefiltered(rx: re.Pattern[str], first: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """``rx.finditer(text, start, end)`` for a pattern that never matches empty and whose
        matches start with a character of ``first``: a match is tried only at such a character
        (a search is a match tried at each position in turn; the others cannot match)."""
        search, match = first.search, rx.match
        pos = start
        while True:
            at = search(text, pos, end)
            if at is None:
                return
            found = match(text, at.start(), end)
            if found is None:
                pos = at.start() + 1
                continue
            yield found
            pos = found.end()


_sre: Any = None
_sre_parse: Any = None
try:  # Python's own regex parser (private): without it no pattern is prefiltered
    _sre = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - every supported Python has them
    _sre = _sre_parse = None

_CATEGORIES: dict[Any, str] = {} if _sre is None else {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
}


class _Unknown(Exception):
    """A construct whose first characters are not worked out here."""


def _parsed(pattern: str) -> Any:
    """``pattern`` as Python's own regex parser reads it, or None where it cannot."""
    if _sre_parse is None:
        return None
    try:
        return _sre_parse.parse(pattern)
    except re.error:
        return None


def first_chars(pattern: str) -> str | None:
    """A character class holding every character a match of ``pattern`` can start with, where
    ``re`` itself does not narrow where it tries (its own prefix scan needs every alternative
    to open with a literal character); None where it does, where the pattern can match empty,
    or where a construct is not understood here (then the pattern runs as it is).

    >>> first_chars(r"(?<!比)今年|去年|(?:19|20)\\d\\d年")
    '[今去12]'
    >>> first_chars("今年|去年") is None  # re scans for 今 and 去 itself
    True
    >>> first_chars("(?:今)?年?") is None  # may match empty
    True
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE) or _scanned_by_re(list(parsed)):
        return None
    try:
        items, empty = _first(list(parsed))
    except _Unknown:
        return None
    if empty or not items:
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"


def edge_chars(pattern: str, last: bool = False) -> str | None:
    r"""A character class holding every character a match of ``pattern`` can start with (for
    ``match`` at the start of a text: ``^`` and look-arounds are zero width), or with ``last``
    end with, for a pattern that ends with ``$`` (a ``$`` also matches before a final line
    feed: a text ending in one must be tried as it is). None where the pattern can match
    empty, or where a construct or a flag is not understood here (a negated class, ``.``,
    IGNORECASE, MULTILINE, VERBOSE, a pattern ``re`` does not read): a test must then run.

    >>> edge_chars(r"^(?:及|或)?(?:以上|以下)的?")
    '[及或以]'
    >>> edge_chars(r"(?:数|几|近百|好)$", last=True)
    '[数几百好]'
    >>> edge_chars(r"[\d.]\s*[：:]\s*$", last=True)
    '[\\s：:]'
    >>> edge_chars(r"(?:^|[^\d])$", last=True) is None  # may match empty (and a negated class)
    True
    >>> edge_chars(r"^(?!电)") is None or edge_chars(r"第", last=True) is None  # empty; no $ at the end
    True
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE):
        return None
    items = list(parsed)
    if last:
        if not items or items[-1] != (_sre.AT, _sre.AT_END):
            return None
        items = items[:-1]
    try:
        found, empty = _first(items, last)
    except _Unknown:
        return None
    if empty or not found:
        return None
    return "[" + "".join(dict.fromkeys(found)) + "]"


def _scanned_by_re(items: list[Any]) -> bool:
    """Whether ``re`` finds the pattern's possible starts itself: it opens with a literal or a
    class, or with alternatives that all open with a literal (re's own prefix scan)."""
    while items and items[0][0] is _sre.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (_sre.LITERAL, _sre.IN):
        return True
    return op is _sre.BRANCH and all(alt and list(alt)[0][0] is _sre.LITERAL for alt in av[1])


def _first(items: list[Any], last: bool = False) -> tuple[list[str], bool]:
    """The class items a sequence can start with (``last``: end with), and whether it can match empty."""
    out: list[str] = []
    for op, av in reversed(items) if last else items:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue  # zero width: the next item consumes the first character
        if op is _sre.LITERAL:
            out.append(re.escape(chr(av)))
            return out, False
        if op is _sre.IN:
            out.extend(_class(av))
            return out, False
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unknown("flags")
            inner, empty = _first(list(av[3]), last)
        elif op is _sre.BRANCH:
            inner, empty = [], False
            for alt in av[1]:
                found, alt_empty = _first(list(alt), last)
                inner.extend(found)
                empty = empty or alt_empty
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            inner, empty = _first(list(av[2]), last)
            empty = empty or av[0] == 0
        elif op is _sre.ATOMIC_GROUP:
            inner, empty = _first(list(av), last)
        else:
            raise _Unknown(str(op))
        out.extend(inner)
        if not empty:
            return out, False
    return out, True


def _class(items: list[Any]) -> list[str]:
    out: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _sre.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise _Unknown(str(op))  # a negated class, for one
    return out
