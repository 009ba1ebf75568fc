"""Load and validate the rule data in ``patterns/``.

Every file is read with :mod:`tomllib` and checked by a pydantic model; a broken file
fails with :class:`PatternError` naming the file, the entry and the reason. Regexes are
compiled once here. Pattern files are data only: nothing in them is executed.
"""

from __future__ import annotations

import os
import re
import tomllib
import warnings
from datetime import date as Date
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from stat import S_ISREG
from typing import Annotated, Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

UnitKind = Literal["percent", "money", "measure", "count", "place", "age", "time", "fraction"]
REGEX_TIMEOUT = 0.5  # seconds for one user-supplied rule on one document
MAX_FILE_BYTES = 16 * 1024 * 1024  # a pattern file (or userdict.txt) larger than this is refused unread
MAX_NESTING = 32  # tables and arrays in a pattern file nested deeper than this are refused


class PatternError(ValueError):
    """A pattern file that cannot be used: names the file, the entry and the reason."""

    def __init__(self, file: Path | str, entry: str, reason: str) -> None:
        self.file, self.entry, self.reason = str(file), entry, reason
        super().__init__(f"{file}: {entry}: {reason}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Word = Annotated[str, Field(min_length=1)]  # an entry of a word list: never empty (it would match everywhere)
Words = Annotated[list[Word], Field(min_length=1)]  # a word list that must hold a word


def _check_regex(value: str | None) -> str | None:
    if value is not None:
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"invalid regex {value!r}: {exc}") from exc
        except (RecursionError, OverflowError, MemoryError) as exc:
            raise ValueError(f"regex {value!r:.60} is nested too deeply or too large to compile") from exc
    return value


def _check_regexes(value: list[str]) -> list[str]:
    """Each pattern of a list compiles (heading levels and the like)."""
    for pattern in value:
        _check_regex(pattern)
    return value


def alternation(
    words: Iterable[str], source: Path | str, entry: str, *, longest_first: bool = False, allow_empty: bool = False,
) -> str:
    """The words of a word list as one regex group, ``(?:w1|w2|…)``, each escaped (for the
    ``regex`` module and ``re`` alike); longest first when asked, so that at one place a longer
    word wins over its prefix. An empty list (whose alternation would match everywhere) or an
    empty word is a PatternError naming ``source`` (the file) and ``entry``; with
    ``allow_empty`` an empty list gives a group that matches nothing.

    >>> alternation(["十", "十一"], "x.toml", "words", longest_first=True)
    '(?:十一|十)'
    >>> alternation([], "x.toml", "words", allow_empty=True)
    '(?!)'
    >>> alternation([], "years.toml", "base_markers")
    Traceback (most recent call last):
    ...
    zhreport_extract.patterns.PatternError: years.toml: base_markers: the word list is empty (an empty alternation would match everywhere)
    """
    items = list(words)
    if any(not w for w in items):
        raise PatternError(source, entry, "an empty word in the list (it would match everywhere)")
    if not items:
        if allow_empty:
            return "(?!)"
        raise PatternError(source, entry, "the word list is empty (an empty alternation would match everywhere)")
    if longest_first:
        items = sorted(items, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(w) for w in items) + ")"


class UnitGroup(Strict):
    kind: UnitKind
    units: Words
    whole: bool = False
    after_chinese: bool = True


class UnitsFile(Strict):
    # "written": a traditional page's unit as it stands (26個 -> 個); "simplified": 26個 -> 个
    script: Literal["written", "simplified"] = "written"
    group: list[UnitGroup]
    canonical: dict[Word, Word] = {}
    # words that begin with a unit (家庭, 市民): the number before one has no unit (2万家庭 -> 2万)
    word_starts: list[Word] = []


class QualifierWords(Strict):
    over: list[Word] = []
    under: list[Word] = []
    about: list[Word] = []


class QualifiersFile(Strict):
    before: QualifierWords
    after: QualifierWords
    inside: QualifierWords


class PerFile(Strict):
    before: dict[Word, Word]


class ExclusionRule(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    before: str | None = None
    after: str | None = None
    number: str | None = None
    unit_kind: UnitKind | Literal["none"] | None = None
    unit: str | None = None
    unless_before: str | None = None

    _v = field_validator("before", "after", "number", "unit", "unless_before")(_check_regex)


class ExclusionsFile(Strict):
    rule: list[ExclusionRule]


class InitiativeFile(Strict):
    quote_pairs: list[str] = Field(min_length=1, description="two-character strings: opener+closer")
    intro_verbs: Words
    suffix_words: Words
    not_initiative_after: Words
    # words closing a list of examples (等): a quote opening a 、-list closed by one names an example
    example_list_ends: list[str] = []
    max_list_reach: int = Field(default=40, ge=1, le=200)
    # an unquoted item ending in one of activity_heads and one of these right before a quote
    # (股份制改革与“A”改革): two programmes listed side by side, which govern nothing
    unquoted_list_joiners: list[str] = []
    # words right before a programme word further on in the phrase that make it a rated kind of
    # thing (“A”优秀项目), no programme word
    rated_item_modifiers: list[str] = []
    # regex: words after a quote saying it is carried out (“A”连续多年开展)
    carried_out_after: str = "(?!)"
    # a later clause of a sentence taking up another project or system ends a name's sentence scope
    activity_clause_marks: str = "，,"
    activity_adverbs: list[str] = []
    activity_heads: list[str] = []
    max_activity_object: int = Field(default=25, ge=1, le=60)
    # verbs of following another body's work that refuse a quote a few words later (贯彻省妇联“A”)
    follow_verbs: list[str] = []
    max_follow_gap: int = Field(default=14, ge=1, le=30)
    not_initiative_before: Words
    not_initiative_name: list[Word] = []
    closing_markers: list[Word] = []
    max_name_length: int = Field(default=20, ge=1, le=200)
    max_intro_gap: int = Field(default=8, ge=0, le=20)
    min_name_length: int = Field(default=2, ge=1, le=200)
    # words joining quoted names into a list of examples (“A”、“B”; 从“A”到“B”)
    list_joiners: list[str] = ["、", "和", "与", "及"]
    # how many characters of a modifier may follow a joiner before the next quoted name (再到山西“C”)
    list_modifier_length: int = Field(default=0, ge=0, le=10)
    later_programme_words: list[str] = []
    later_campaign_events: list[str] = []
    not_initiative_name_patterns: list[str] = []
    phrase_only_stop: str = ""
    region_statistics: list[str] = []
    # the opening of a paragraph that names its topic as a heading would (在…方面，): it ends the
    # scope of a paragraph-head initiative
    topic_leads: str | None = None
    run_in_heading: str = "(?!)"
    topic_shift_leads: list[str] = []
    take_part_before: list[str] = []
    # how far before a quote a quantity may stand as the subject of a word of taking part right
    # before the quote (1340家会员企业参与“A”行动): the count of those taking part is the programme's
    take_part_lead_reach: int = Field(default=0, ge=0, le=30)
    # words of spending on a purpose right before the quote's verb (74万元用于开展“A”): the sum spent is
    # the programme's, its scope starts at it; how many characters may stand between sum and word
    purpose_before: list[str] = []
    purpose_lead_reach: int = Field(default=0, ge=0, le=10)
    list_item_words: int = 0
    object_heads: list[str] = []
    # how far after the quote a programme word may stand (“A”主题征文活动)
    max_phrase_length: int = Field(default=8, ge=0, le=30)
    # words after a refused place or honour word that make the phrase a campaign (示范基地创建)
    refusal_lifted_by: list[str] = []
    # programme words right after the quote that lift a refusal by the name's own end
    # (“春风送岗”专项行动: 岗 ends honours, not this campaign)
    name_end_refusal_lifted_by: list[str] = []
    # refusing words that only modify a programme word right after them (“A”公益品牌活动)
    refusal_lifted_before_programme: list[str] = []
    # introducing verbs that make the quoted thing the object counted when a number follows the
    # quote directly (创建“星级文明户”1200户: an honour or place built, not a programme)
    counted_object_verbs: list[str] = []
    # words right after the quote that make it a theme or means (以“A”为主题)
    theme_after: list[str] = []
    # marks ending a line that opens a list: numbered lines after it ending in a full stop are points
    list_openers: str = "：:"
    # the outermost heading level (index into heading_levels) a numbered list item may have
    list_item_min_level: int = Field(default=3, ge=0, le=10)
    # regex: the opening of a point of a list (一是 二是 …); a programme a point names governs it
    point_markers: str = ""
    # regex: a paragraph head announcing the list of work (以下工作) is an overview; its names govern their sentence
    overview_lead: str = ""
    # marks that may stand before a quote leading its line (——“A”…)
    line_bullets: str = ""
    # last words of a quoted name that make it a campaign by themselves (“冬春水利建设”)
    name_end_words: list[str] = []
    # characters after the quote that end the verb's object (开展“A”，…)
    object_end: str = "，。；：、和与及等）),;:"
    # a quote closed by a second opener before a programme word (“A“活动): a typing slip
    misclosed_quotes: bool = False
    # words joining two names of one event (…交流会暨“A”): the verb before the first one
    # introduces the quote too
    co_name_joiners: list[str] = []
    subtitle_marks: list[str] = []
    # a count of events between verb and quote (启动80余场次“A”系列活动), a regex
    intro_gap_count: str = ""
    # a count of things between a verb of building and the quote (新创建8个“A”), a regex
    counted_object_gap: str = ""
    # last words of a quoted name that name a series of lectures or classes (“A讲堂”, “A学堂”): a
    # count of its sessions right before the quote (intro_gap_count: 举办4期“A学堂”培训班) names it
    series_name_ends: list[str] = []
    # a regex: the count of a series' sessions right before its quote (4期, 近50场, 300多场)
    series_session_count: str = "(?!)"
    # marks joining the items of one list of figures (…10318亿元、实绩企业达到10329家)
    item_marks: list[str] = []
    # a caption: a line no longer than this with no sentence-final mark
    caption_max_length: int = Field(default=0, ge=0)
    sentence_final: str = "。！？；!?;"
    # brackets of a caption that opens its paragraph (【A】 2008年3月，…)
    inline_captions: list[str] = []
    # characters that end the phrase after a quote, or the object after a verb's gap
    phrase_stop: str = "，。；、：,;:!?！？“”\""
    # characters a number is written with (a quantity right before a quote belongs to it)
    numeral_chars: str = "0123456789一二三四五六七八九十两百千万"
    # regex: a change metric that is only a base and a change word (比上年增长): the change of the
    # figure before it, which keeps the programme in force
    bare_change: str = "(?!)"
    # regexes: the numbering of heading levels, outermost first; a heading deeper than the section
    # an initiative opened in goes on with it
    heading_levels: list[str] = []

    # refusing words (of not_initiative_after) that refuse only after the quote, never as the
    # name's own last words (“散乱污”整治 names the subject; “两清两改两治理” is a campaign)
    refuse_after_only: list[str] = []
    # refusing words that refuse a name though it ends in a programme word, wherever they stand
    # in the phrase after it: a list of examples, an award (“A工程”优秀作品奖, “A计划”人才等项目)
    refuse_further_on: list[str] = []
    award_phrase_ends: list[str] = []
    # how far after a quote an award phrase may run to its end word (“A”——全国…活动优秀组织单位)
    max_award_reach: int = Field(default=16, ge=0, le=40)
    bare_numeral_name: str = "(?!)"
    # a quoted service standard or slogan of counted items (实现“零次跑动、一日办结”, 实施“进一次门、
    # 查多项事”): no programme unless a programme word follows it
    counted_slogan_name: str = "(?!)"
    # regex: words between an introducing verb and the quote that leave the quote the verb's object
    # (了, 第十届, 新一轮)
    intro_gap_transparent: str = "(?!)"

    # regex: a paragraph that opens on a year of its own (2019年，…) turns to another time: it ends a
    # programme named in body text, as a run-in heading does
    time_shift_lead: str = "(?!)"
    _bare = field_validator(
        "bare_change", "intro_gap_transparent", "topic_leads", "bare_numeral_name", "counted_slogan_name", "run_in_heading",
        "time_shift_lead", "series_session_count",
    )(_check_regex)

    _levels = field_validator("heading_levels")(_check_regexes)

    @model_validator(mode="after")
    def _lengths(self) -> InitiativeFile:
        if self.min_name_length > self.max_name_length:
            raise ValueError(f"min_name_length {self.min_name_length} > max_name_length {self.max_name_length}")
        return self


class MetricFile(Strict):
    year_tail: str
    year_prefix: str
    ordinal_prefix: str = "(?!)"
    # a rate's denominator and its verb of having opening a metric (每千名老人拥有床位35张 -> 床位): stripped
    per_prefix: str = "(?!)"
    respective_tail: str
    beneficiary_marks: str = Field(min_length=1)
    prepositions: str = Field(min_length=1)
    after_qualifiers: Words
    change_words: Words
    signed_change_cues: list[str] = []
    signed_level_names: list[str] = []
    # one-character nouns that may be a whole metric (其中男5200人，女4800人)
    one_char_nouns: str = ""
    reached_after: Words
    list_joiner: str = "[、和及与，]{1,2}"
    action_verbs: list[Word] = []
    object_verbs: list[str] = []
    subject_verbs: list[str] = []
    indicator_heads: list[Word] = []
    value_verbs: Words
    strip_prefixes: Words
    prefix_keeps: list[str] = []
    scope_words: list[str] = []
    level_list_reach: int = Field(default=30, ge=0)
    level_list_joiners: str = "、，,"
    weak_phrases: list[str] = []
    time_phrases: list[str] = []
    right_modifiers: list[str] = []
    passive_marks: list[str] = []
    letter_word: str = "(?!)"
    # words before a quoted place, platform or column that the action goes through (在“A”培训)
    channel_words: list[str] = []
    # words of worth before a value whose noun follows after 的 (价值28.9万元的物资)
    value_of_words: list[str] = []
    # verbs of having right before a value: what follows is the object counted (共有5个示范基地)
    have_verbs: list[str] = []
    # last characters of a place name, and locatives after a place, before a number: where, not what
    place_ends: list[str] = []
    locatives: list[str] = []
    # measure words of people and things a verb acts on (帮助1200名留守儿童)
    object_classifiers: str = ""
    # comparison words of a clause without a number whose subject a later bare value counts (…增速高于经济增速、突破3万元)
    comparison_words: list[str] = []
    rate_tail: str = "(?!)"
    adverb_words: list[Word] = []
    # adverbs of repeated events ending the phrase before a count (中队先后3次荣立…): what follows is counted
    sequence_adverbs: list[Word] = []
    # footnote and caption marks (［7］, [2], ①, （注1）, 【caption】) that no metric starts, ends or holds
    note_marks: str = "(?!)"
    # nouns of a level or threshold after a value (突破万亿元大关): what it reaches, not what it counts
    level_nouns: list[Word] = []
    # words joining two nouns inside the noun phrase after a number (烟酒和药材贸易公司)
    noun_joiners: list[Word] = []
    # marks between the items of a list of nouns after a number (13个镇、街道), and the word that
    # closes such a list before a shared head (…对象、…对象等重点青少年)
    conversion: str = "(?!)"
    conversion_tail: str = "(?!)"  # regex ending in $: a conversion into money at a metric's end, which goes
    noun_list_marks: str = ""
    noun_list_close: list[Word] = []
    noun_list_item_stop: str = "(?!)"
    stop_chars: str
    max_length: int = 24
    # a list of items closed by 等 right before a number that no noun follows (评选五好家庭、最美家庭等50户)
    listed_before: str = "(?!)"
    # where an event took place, ending a short phrase before a count of people (活动现场约1000人参与)
    venue_words: list[Word] = []
    venue_length: int = Field(default=6, ge=1)
    # heads of a named event or place that closes a clause after a count (20场法律知识进社区宣讲活动):
    # the whole phrase is what is counted, verbs inside it included
    event_heads: list[Word] = []
    # measure words of events and places that such a phrase follows (场, 期, 个); not those of people
    event_classifiers: list[Word] = []
    # units of people that end in one of those measure words (人次 ends in 次)
    people_units: list[Word] = []
    # verbs whose subject the counted noun is: no event phrase runs across one (入选, 纳入)
    event_stops: list[Word] = []
    # endings of an organisation's name beside entities.toml's org_suffix (促进会, 总会): a body
    # that acts before a value (市慈善总会捐赠30万元) is its actor, not its metric
    org_suffixes: list[Word] = []
    org_verb_adverbs: list[Word] = []
    # 每 and a measure word of who receives before the verb and value (困难职工每人补助200元): the
    # metric is what follows it; the receiver is the fact's `per`
    per_head: str = "(?!)"
    # who or what a value is per, ending the phrase before it (标准提高到每人每月470元, 人均200元): the
    # fact's `per`, never part of its metric
    per_tail: str = "(?!)"
    # one-character adverbs between a metric and its value verb (外出务工的就有346人, 收入只有500元)
    value_adverbs: list[Word] = []
    # the longest item of a 分别 list of things of their own (生猪、牛、羊、家禽分别出栏…)
    respective_item_length: int = Field(default=0, ge=0)
    # measure words of things handed out or set up, and the longest phrase closing the clause after
    # one that a bare verb's count takes whole (布设200套应急救护一体机)
    thing_classifiers: str = ""
    object_phrase_length: int = Field(default=4, ge=2)
    # heads of a sum of money (资金, 慰问金, 救助款, 经费): after a verb, a sum in 元 followed by a
    # phrase ending in one counts that phrase (投入120万元扶贫资金)
    fund_heads: list[Word] = []
    # bare heads of money or goods raised or paid (款物, 资金): after a verb of giving or raising the
    # verb stays with them (接受社会捐赠款物 -> 捐赠款物; the verb says which flow is counted)
    flow_heads: list[Word] = []
    # the verbs of raising, giving or paying out that stay with a bare flow head (募集款物, not 争取善款)
    flow_verbs: list[Word] = []
    # words opening a bracketed note (（含…）, （包括…）): such a bracket between a noun and its value is no part of it
    bracket_note_openers: list[Word] = []
    # adverbs of a total between any phrase and its verb before a value (各类救助共支出): the verb is counted
    total_adverbs: list[Word] = []
    # what ends a quantity of money (元): the values fund_heads are read after
    money_marks: str = ""
    # words of a total that may stand alone before a value (，合计27万元): the word is the metric
    total_words: list[Word] = []
    # the end of a range read as uneven amounts (300元至800元不等的慰问金): the noun after it is counted
    uneven_tail: str = "(?!)"
    # measure words of people after which a pivot verb phrase says what they did (带动230人实现就业)
    pivot_people: str = ""
    pivot_verbs: list[Word] = []  # verbs of getting people to act, read as verbs before a pivot count
    # words of people the word tagger makes time words (青年 t): nouns inside the phrase after a number
    people_nouns: list[Word] = []
    # verbs of what a sum paid for, read before 的 right after it (捐款50万元援建的希望小学)
    relative_verbs: list[Word] = []
    # where the first item of a list closed by 等 ends (、 和 及 与)
    listed_joiners: str = "、"
    # a pair of groups of people closed by 等 before a count of people (X和Y等60余人), and those units
    listed_pair: str = "(?!)"
    listed_pair_units: str = ""
    # words of kinds that may open the noun phrase after a count (为135名各类残疾人)
    count_determiners: list[Word] = []
    # verbs that send or bring people to a course or event, and the people units they apply to (推荐…参加…培训12人)
    attendance_verbs: list[Word] = []
    attendance_units: str = ""
    # verbs of a level between 分别 and the first value of a shared-head list, left out of the metric
    respective_level_verbs: list[Word] = []
    # the last characters of a quoted series or venue name, set aside before the noun it runs (“A大讲堂”讲座)
    series_name_heads: list[Word] = []
    # programme words that, alone after such a name, make one name with it (“A空间”项目)
    series_programme_words: list[Word] = []
    # one-character suffixes that make a verb right before them an attribute (输入性, 引领型)
    attribute_suffixes: list[Word] = []
    # qualifiers and total words that may stand alone before a count opening its clause (超过3000人观看)
    lead_qualifiers: list[Word] = []
    # what between two values makes them one run (a range, a from-to, a list: 八十斤到九十九斤,
    # 5万亿美元、6万亿美元): the phrase after the second then counts both
    value_run_joiners: str = "(?!)"
    # the end of a phrase before a value that marks whom something was done for (为全市, 对全县)
    beneficiary_tail: str = "(?!)"
    numbered_term_quote: str = "(?!)"
    # a word joining two items ending the phrase before a value (…残疾人和20222名…): the value opens the next item
    item_joiner_end: str = "(?!)"
    # words of a size right before a value and 的 (占地25亩的旧厂房, 占比52.1%的电力供应业): the value
    # measures the size word, not the noun after 的
    size_words: list[Word] = []
    # level words after a place noun inside the noun phrase after a count (32个区本级建设项目,
    # 3个自治区级示范区): the phrase runs on over them to its head
    level_suffixes: list[Word] = []
    # aspect marks after the last verb before a value (安排了就业人员2300人): no part of its object
    aspect_marks: str = ""
    # verbs of holding events: a short object after one (开展研学, 开展宣讲) keeps the verb, and what
    # stands before the verb (where, through what, who) goes
    event_verbs: list[Word] = []
    # words that end a body's name inside the phrase before a count, a verb after it (镇团委下辖团支部)
    inner_bodies: list[Word] = []
    # adverb_words that are also adjectives before a noun (基本医疗保险): inside the noun after a count
    # they end it only before a verb
    adverb_modifiers: list[Word] = []

    _v = field_validator(
        "value_run_joiners", "beneficiary_tail", "numbered_term_quote", "item_joiner_end", "list_joiner", "per_head", "per_tail", "year_tail", "year_prefix", "ordinal_prefix", "per_prefix", "respective_tail", "rate_tail", "letter_word", "note_marks",
        "listed_before", "uneven_tail", "listed_joiners", "listed_pair", "conversion", "conversion_tail",
    )(
        _check_regex
    )

    @field_validator("weak_phrases", "time_phrases")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        for pattern in value:
            _check_regex(pattern)
        return value


DATE_RULE = "date"  # the year_source of a dated text that no [[document]] rule reads: the date's year
MASKED_RULE = "masked_year"  # the year_source of a template that masks the year it reviews (20xx年): null

# a year in a document rule's pattern: {Y} is the year the rule reads (group y), {P} the year of
# the plan the document also sets out (group p), {year} any other year; all take Arabic or
# Chinese digits and spaces before 年 (2023 年)
YEAR_DIGITS = r"(?:(?<![\d.])(?:19|20)\d\d|(?<![一二三四五六七八九〇○零OＯ0０])[一二三四五六七八九〇○零OＯ0０]{4})"  # 二O二三: a zero written as O or 0


# a five-year plan's name in a document rule ({PLAN}, group pp: 十三五, “十四五”), read with years.toml plan_periods
PLAN_NAME = r"[“\"‘]?(?P<pp>十[一二三四五六七八九]?五|[六七八九]五)[”\"’]?"


def expand_year_pattern(pattern: str) -> str:
    """A document rule's pattern with ``{Y}``, ``{P}``, ``{year}`` and ``{PLAN}`` written out."""
    return (
        pattern.replace("{Y}", rf"(?P<y>{YEAR_DIGITS})[ \t]*年")
        .replace("{P}", rf"(?P<p>{YEAR_DIGITS})[ \t]*年")
        .replace("{year}", rf"{YEAR_DIGITS}[ \t]*年")
        .replace("{PLAN}", PLAN_NAME)
    )


class DocumentYearRule(Strict):
    """One rule for the document's years (``[[document]]`` in years.toml), tried in file order;
    the first that applies sets the year the document reviews and, unless a date or a delivery
    line says otherwise, the year it was written in."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    pattern: str = Field(min_length=1, description="regex; {Y} the year read (group y), {year} any other year")
    where: Literal["title", "head"] = Field(description="title: the title lines; head: the first `chars` characters")
    chars: int = Field(default=600, gt=0, le=5000)
    review: int = Field(default=0, description="reviewed year = y + review")
    single_year: bool = Field(default=True, description="false: the text reviews no single year (a chronicle): null")
    pick: Literal["first", "latest"] = Field(default="first", description="which year read: the first match or the latest year")
    written: int = Field(default=0, description="written year = y + written, unless the date or a delivery line gives it")
    dated: bool | None = Field(default=None, description="true: only with a date; false: only without; unset: either")
    months: list[int] = Field(default=[], description="only when the date's month is one of these")
    before_date: list[int] = Field(default=[], description="only when y = the date's year minus one of these")
    min_distinct: int = Field(default=1, ge=1, description="only when the pattern reads this many distinct years")
    delivery: bool = Field(default=False, description="a delivery line: its year is the year written, whatever rule sets the review")
    published_after: list[int] = Field(
        default=[], description="months of the next year in which a dated text still counts as written in y + written "
        "(a year-end summary put on the web in January: its 今年 is the year summed up)",
    )
    outranks_title: bool = Field(
        default=False, description="where a title rule read another year, this rule (of the body) sets the years instead",
    )
    plan_edge: Literal["first", "last"] | None = Field(
        default=None, description="with {PLAN} in the pattern: the year read is that plan's first or last year (开局之年, 收官之年)",
    )

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        _check_regex(expand_year_pattern(value))
        return value

    @model_validator(mode="after")
    def _reads_a_year(self) -> DocumentYearRule:
        has_plan = "(?P<pp>" in expand_year_pattern(self.pattern)
        if has_plan != (self.plan_edge is not None):
            raise ValueError("{PLAN} in the pattern and plan_edge go together")
        has_y = "(?P<y>" in expand_year_pattern(self.pattern) or has_plan
        if not has_y and self.dated is not True:
            raise ValueError("a pattern without {Y} reads the date's year: set dated = true")
        if (self.months or self.before_date) and self.dated is not True:
            raise ValueError("months and before_date need dated = true")
        if any(not 1 <= m <= 12 for m in self.months + self.published_after):
            raise ValueError(f"months must lie in 1..12, got {self.months + self.published_after}")
        if self.min_distinct > 1 and not has_y:
            raise ValueError("min_distinct needs {Y} in the pattern")
        return self


class YearFile(Strict):
    relative: Annotated[dict[Word, int], Field(min_length=1)]
    document: list[DocumentYearRule] = Field(min_length=1)
    title_lines: int = Field(default=3, ge=1, description="at most this many opening lines form the title")
    title_line_chars: int = Field(default=80, gt=0, description="a longer line, or one with 。！？, ends the title")
    title_menu_chars: int = Field(default=0, ge=0, description="a line this short without a digit (a menu item) is no title line")
    title_stop: str = Field(default="(?!)", description="regex: a line it matches (a section heading) ends the title")
    title_intro: str = Field(
        default="(?!)", description="regex: a template site's line introducing the text by its title is a title line, sentence end and all"
    )
    mention: str = Field(description="regex: a year the text names (group y, Arabic; or c, Chinese digits)")
    paragraph_opening: str = Field(description="regex: the year opening a paragraph (group y)")
    sentence_opening: str = Field(description="regex: a later sentence opening with its own year (group y)")
    cumulative: str = Field(default="(?!)", description="regex: words of a tally over the years (先后, 历年)")
    text_date: str = Field(default="(?!)", description="regex: a page's own date line (groups y, m, d)")
    text_date_head: int = Field(default=300, ge=0, description="how far into the text a date line is looked for")
    masked_year: str = Field(default="(?!)", description="regex: a year a template page masks (20xx年, ××××年)")
    masked_opening: str = Field(
        default="(?!)", description="regex: where a masked year stands as the year reviewed ({M}: the masked year)"
    )
    masked_head: int = Field(default=1500, ge=0, description="how far into the text a masked year is looked for")
    as_of: str = Field(default="(?!)", description="regex: a year up to which a paragraph tallies (至2007年，, group y)")
    span_tail: str = Field(description="regex: the end year of a span after a framing year (group y)")
    start_before: str = Field(default="(?!)", description="regex: what ends right before a from-to start value (由, 从…的)")
    start_after: str = Field(default="(?!)", description="regex: what follows a from-to start value in its clause (…增加到)")
    start_year: str = Field(default="(?!)", description="regex: an earlier from-to start with its year (由2002年7703元, group y)")
    span_head: str = Field(default="(?!)", description="regex: a span framing a sentence, its first year (从1978年到1983年，, group y)")
    clause_span: str = Field(default="(?!)", description="regex: a span of years inside a value's clause, its last year (group y)")
    window: str = Field(default="(?!)", description="regex: a window of n years (十年来, 这是…的五年。, group n)")
    year_of_noun: str
    multiple_of: str
    relative_base_before: str = Field(
        default="(?!)", description="regex ending at a relative year that makes it a comparison base (高于上年)"
    )
    relative_base_after: str = Field(
        default="(?!)", description="regex after a relative year that makes it a comparison base (和上年相比)"
    )
    relative_since: str = Field(
        default="(?!)", description="regex after a relative year that makes it the start of a period running to the time of writing (去年以来)"
    )
    relative_no_carry: str = Field(
        default="(?!)", description="regex after a relative year that keeps it from framing the later ；-parts of its sentence (去年9月26日, 上年结转)"
    )
    relative_carry_opens: str = Field(
        default="(?!)", description="regex ending right before a relative year that opens its clause, so it may frame the later ；-parts (…介绍，今年)"
    )
    year_carry_frame: str = Field(
        default="(?!)", description="regex after an explicit year opening a clause that lets it frame the later ；-parts of its sentence (2016年，/ 2016年全市共资助)"
    )
    meeting_event: str = Field(default="(?!)", description="regex: a sentence reporting a meeting held (大会…隆重开幕)")
    meeting_attendance: str = Field(
        default="(?!)", description="regex at a value: a count of those who attend (300多名代表汇聚一堂, 64人参加会议)"
    )
    meeting_year_words: str = Field(default="(?!)", description="regex: words of a year's work that keep a sentence from being only the meeting's (全年, 一年来)")
    year_list: str = Field(default="(?!)", description="regex: a list of years a 分别 list's values follow one by one")
    list_year: str = Field(default="(?!)", description="regex: each year inside a year_list match (group y)")
    eras: str = Field(default="(?!)", description="regex: an era that names no calendar year (新中国成立初)")
    era_end: str = Field(default="(?!)", description="regex: words after which an era no longer frames (目前, 增加到)")
    period_span_words: list[str] = []
    frame_after: list[str] = Field(min_length=1)
    frame_before: list[str] = Field(min_length=1)
    breakdown_openers: list[str] = []
    frame_verbs: list[str] = []
    frame_month: str = Field(default="(?!)", description="regex: a month after a year, which then frames (2022年1-9月)")
    relative_start_after: list[str] = Field(default=[], description="words after 从/由 + a relative year that make it the time from which (从明年开始), not a base")
    frame_colon: str = Field(default="(?!)", description="regex: a noun phrase after a year running to a colon that opens a list, which the year then frames")
    relative_start_value: str = Field(default="(?!)", description="regex, ending right before a relative year: the start of a from-to pair whose start value that year's is (由上年的52.1%)")
    founding_before: str = Field(default="(?!)", description="regex, ending right before a year: the year a body was founded (成立于1956年), no fact's year")
    founding_after: str = Field(default="(?!)", description="regex, right after a year: its founding, the start of the tallies after it (1956年成立后)")
    origin_after: str = Field(
        default="(?!)", description="regex, right after a year: the year something began, in a clause that modifies a noun "
        "(于2009年发起的一项活动, 2008年成立的协会): background, never the year a latest-year rule reads as the document's",
    )
    sentence_end: str

    _t = field_validator(
        "title_stop", "title_intro", "year_of_noun", "multiple_of", "sentence_end", "start_before", "start_after", "year_list", "eras",
        "era_end", "masked_year", "relative_base_before", "relative_base_after", "relative_since", "relative_no_carry", "relative_carry_opens", "year_carry_frame", "meeting_event", "meeting_attendance", "meeting_year_words", "frame_month",
        "frame_colon", "founding_before", "founding_after", "origin_after", "relative_start_value",
    )(_check_regex)

    @field_validator("masked_opening")
    @classmethod
    def _places_a_masked_year(cls, value: str) -> str:
        if value != "(?!)" and "{M}" not in value:
            raise ValueError(f"regex {value!r} has no {{M}} (the masked year)")
        _check_regex(value.replace("{M}", "(?:M)"))
        return value

    @field_validator("window")
    @classmethod
    def _reads_a_count(cls, value: str) -> str:
        _check_regex(value)
        if value != "(?!)" and "(?P<n>" not in value:
            raise ValueError(f"regex {value!r} has no group n (the number of years)")
        return value

    @field_validator("mention", "paragraph_opening", "sentence_opening", "span_tail", "as_of", "start_year", "span_head", "clause_span", "list_year")
    @classmethod
    def _reads_a_year(cls, value: str) -> str:
        _check_regex(value)
        if value != "(?!)" and "(?P<y>" not in value:
            raise ValueError(f"regex {value!r} has no group y (the year)")
        return value
    base_markers: Words
    plan_headings: Words
    review_headings: Words
    plan_openings: Words
    plan_mood_words: Words
    review_mood_words: Words
    plan_mood_ratio: float = Field(gt=0)
    plan_periods: dict[Word, tuple[int, int]] = {}
    era_years: dict[Word, int] = {}

    @field_validator("document")
    @classmethod
    def _unique_ids(cls, value: list[DocumentYearRule]) -> list[DocumentYearRule]:
        seen: set[str] = set()
        for rule in value:
            if rule.id in seen or rule.id in (DATE_RULE, MASKED_RULE):
                raise ValueError(f"duplicate document rule id {rule.id!r}" + (" (reserved)" if rule.id in (DATE_RULE, MASKED_RULE) else ""))
            seen.add(rule.id)
        return value

    @field_validator("plan_periods")
    @classmethod
    def _periods(cls, value: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for name, (first, last) in value.items():
            if first > last:
                raise ValueError(f"plan period {name!r}: first year {first} > last year {last}")
        return value


GeneralCategory = Literal[
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
    "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
]


class InvisibleRule(Strict):
    """Characters skipped inside a number (numbers.toml): those of ``categories`` but not
    ``keep``, in a run that has a character of ``after`` just before it and one of ``before``
    just after it."""

    categories: list[GeneralCategory] = Field(min_length=1)
    keep: list[str] = []
    after: str = Field(min_length=1)
    before: str = Field(min_length=1)

    @field_validator("keep")
    @classmethod
    def _single(cls, value: list[str]) -> list[str]:
        for ch in value:
            if len(ch) != 1:
                raise ValueError(f"keep lists single characters, not {ch!r}")
        return value

    def pattern(self) -> str:
        """The regex (``regex`` module) of a skipped run."""
        cls = "".join(rf"\p{{{c}}}" for c in self.categories)
        keep = "".join(regex.escape(ch) for ch in self.keep)
        run = f"[{cls}]" if not keep else f"[[{cls}]--[{keep}]]"  # a set difference (regex's V1)
        return f"(?V1)(?<=[{regex.escape(self.after)}]){run}+(?=[{regex.escape(self.before)}])"


class LetterSpacingRule(Strict):
    """Letter-spaced lines (numbers.toml ``[letter_spacing]``): a line where at least ``share``
    of the ``letters`` characters stand before one character of ``spaces`` and another
    character, with at least ``min_run`` such in a row somewhere, is read without those spaces
    (spacing.py)."""

    spaces: str = Field(min_length=1)
    letters: str = Field(min_length=1, description="a regex character class (regex module) of the spaced characters")
    min_run: int = Field(ge=2)
    share: float = Field(gt=0, le=1)

    @field_validator("letters")
    @classmethod
    def _class(cls, value: str) -> str:
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"letters is no regex: {exc}") from exc
        return value


def _nonempty_regex(value: str, what: str) -> str:
    """``value`` if it is a regex (regex module) that never matches the empty string."""
    try:
        compiled = regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"pattern is no regex: {exc}") from exc
    if compiled.search("") is not None:
        raise ValueError(f"pattern matches the empty string: it must match {what}")
    return value


class PinyinGlossRule(Strict):
    """Pinyin glosses (numbers.toml ``[pinyin_gloss]``): a ``pattern`` match is a gloss that some
    sites insert after a character (鎮(zhèn)); the text is read without it (spacing.py). ``marks``:
    characters of which a gloss holds at least one (the tone-marked vowels); a text without any
    of them is not searched."""

    marks: str = Field(min_length=1)
    pattern: str = Field(min_length=1, description="regex (regex module) of one gloss, its parentheses included")

    @field_validator("pattern")
    @classmethod
    def _gloss(cls, value: str) -> str:
        return _nonempty_regex(value, "a whole gloss")


class PageFurnitureRule(Strict):
    """Page furniture lines (numbers.toml ``[page_furniture]``): a whole line made of ``item``
    matches (and separators) is a web page's counter, button, breadcrumb, menu or imprint line;
    the text is read without it (spacing.py). ``probe``: characters one of which such a line
    holds; a text without any is not searched."""

    probe: str = Field(min_length=1)
    item: list[str] = Field(min_length=1, description="regexes (regex module), each one furniture item")
    separators: str = Field(default=" \t|｜/·", description="characters that may stand between items")

    @field_validator("item")
    @classmethod
    def _items(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                compiled = regex.compile(pattern)
            except regex.error as exc:
                raise ValueError(f"item {pattern!r} is no regex: {exc}") from exc
            if compiled.fullmatch("") is not None or compiled.fullmatch(" ") is not None:
                raise ValueError(f"item {pattern!r} matches an empty line")
        return value


class NumberSpacingRule(Strict):
    """Spaces between a number and the words around it (numbers.toml ``[number_spacing]``): each
    ``pattern`` match is a run of spaces that the text is read without (spacing.py). ``probe``:
    a cheap regex (``re``) that a text holding any match matches; a text without is not searched."""

    probe: str = Field(min_length=1)
    pattern: str = Field(min_length=1, description="regex (regex module) of one run of spaces to read without")

    @field_validator("pattern")
    @classmethod
    def _spaces(cls, value: str) -> str:
        return _nonempty_regex(value, "the spaces it cuts")


class GluedParagraphsRule(Strict):
    """Paragraphs glued into one line (numbers.toml ``[glued_paragraphs]``): in a text of at least
    ``min_chars`` characters with fewer than one line break per ``chars_per_break``, each
    ``pattern`` match (a run of spaces where a paragraph broke) is read as line breaks (segment.py); so
    is a text with a ``signal`` match."""

    min_chars: int = Field(ge=1)
    chars_per_break: int = Field(ge=1)
    pattern: str = Field(min_length=1, description="regex (regex module) of one run of spaces that stood for a line break")
    signal: str = Field(
        default="(?!)", description="regex (regex module): a text with a match is glued whatever its line breaks (a stop, spaces, a heading's numbering)",
    )

    @field_validator("pattern")
    @classmethod
    def _breaks(cls, value: str) -> str:
        return _nonempty_regex(value, "the spaces read as line breaks")


class NumbersFile(Strict):
    glued_paragraphs: GluedParagraphsRule | None = None
    number_spacing: NumberSpacingRule | None = None
    letter_spacing: LetterSpacingRule = LetterSpacingRule(
        spaces=" \u00a0\u3000", letters=r"[\p{Han}]", min_run=4, share=0.6,
    )
    pinyin_gloss: PinyinGlossRule | None = None
    page_furniture: PageFurnitureRule | None = None
    invisible: InvisibleRule = InvisibleRule(
        categories=["Cf", "Cc", "Mn", "Me"], keep=["\t", "\n", "\v", "\f", "\r"],
        after="0123456789.,零〇○一二两三四五六七八九十百千万亿-−负", before="0123456789.,零〇○一二两三四五六七八九十百千万亿%‰",
    )


# the token attributes both entity engines compute alike (entities.py)
TOKEN_ATTRS = frozenset({
    "ORTH", "TEXT", "NORM", "LOWER", "TAG", "LENGTH", "IS_PUNCT", "IS_DIGIT", "IS_SPACE", "IS_ASCII", "OP",
})
FLAG_ATTRS = frozenset({"IS_PUNCT", "IS_DIGIT", "IS_SPACE", "IS_ASCII"})
TOKEN_OPS = frozenset({"!", "?", "+", "*"})
MAX_OPTIONAL_TOKENS = 8
TOKEN_PREDICATES = frozenset({"REGEX", "IN", "NOT_IN", "==", ">=", "<=", ">", "<", "!="})


class EntityRule(Strict):
    """One spaCy SpanRuler pattern: a ``phrase`` (matched word for word) or ``tokens``
    (a token pattern; a string ``"@name"``, alone or in a list, stands for the words of
    ``sets.name``, and ``@name`` inside a REGEX for the alternation of its words).
    REGEX is Python's ``re``, as in spaCy."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    description: str = ""
    phrase: str | None = Field(default=None, min_length=1)
    tokens: list[dict[str, Any]] | None = Field(default=None, min_length=1)
    # strings one of which every match holds ("@name" for a set's words): the rule is tried only
    # on clauses that hold one. A phrase is its own anchor; a rule without anchors is tried everywhere.
    anchors: list[str] = []

    @model_validator(mode="after")
    def _one_kind(self) -> EntityRule:
        if (self.phrase is None) == (self.tokens is None):
            raise ValueError("give exactly one of 'phrase' or 'tokens'")
        for n, token in enumerate(self.tokens or []):
            for key, value in token.items():
                if key not in TOKEN_ATTRS:
                    raise ValueError(f"token {n}: unknown attribute {key!r}")
                if key == "OP":
                    if value not in TOKEN_OPS and not re.fullmatch(r"\{\d*,?\d*\}", str(value)):
                        raise ValueError(f"token {n}: bad OP {value!r}")
                    low, _, high = str(value).strip("{}").partition(",")
                    if value not in TOKEN_OPS and high and int(low or 0) > int(high):
                        raise ValueError(f"token {n}: OP {value!r}: at least {low} is more than at most {high}")
                    if value not in TOKEN_OPS and high and int(high) - int(low or 0) > MAX_OPTIONAL_TOKENS:
                        raise ValueError(
                            f"token {n}: OP {value!r} allows more than {MAX_OPTIONAL_TOKENS} optional tokens "
                            "(spaCy's matcher slows exponentially); use '+' or '*'"
                        )
                elif isinstance(value, dict):
                    for pred, arg in value.items():
                        if pred not in TOKEN_PREDICATES:
                            raise ValueError(f"token {n}: {key}: unknown predicate {pred!r}")
                        _check_predicate(n, key, pred, arg)
                elif key in FLAG_ATTRS and not isinstance(value, bool):
                    raise ValueError(f"token {n}: {key} takes true or false, got {value!r}")
                elif key == "LENGTH" and not (isinstance(value, int) and not isinstance(value, bool)):
                    raise ValueError(f"token {n}: LENGTH takes a whole number, got {value!r}")
                elif key not in FLAG_ATTRS and key != "LENGTH" and not isinstance(value, str):
                    raise ValueError(f"token {n}: {key} takes a string, got {value!r}")
        return self


def _check_predicate(n: int, key: str, pred: str, arg: Any) -> None:
    """One predicate of a token pattern takes the kind of value the engines expect."""
    if pred in ("IN", "NOT_IN"):
        ok = isinstance(arg, list) or (isinstance(arg, str) and arg.startswith("@"))
        want = "a list of values or an @set"
    elif pred == "REGEX":
        ok, want = isinstance(arg, str) and key not in FLAG_ATTRS and key != "LENGTH", "a string, on a text attribute"
    else:
        ok, want = key == "LENGTH" and isinstance(arg, int) and not isinstance(arg, bool), "a whole number, on LENGTH"
    if not ok:
        raise ValueError(f"token {n}: {key}: {pred} takes {want}, got {arg!r}")


class EntitiesFile(Strict):
    sets: dict[str, list[Word]] = {}
    rule: list[EntityRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _resolvable(self) -> EntitiesFile:
        seen: set[str] = set()
        for rule in self.rule:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
            self.token_pattern(rule)  # raises on an unknown @set or a bad regex
            self.anchors(rule)
        return self

    def anchors(self, rule: EntityRule) -> list[str]:
        """The rule's anchors with ``@set`` references filled in; a phrase's is the phrase."""
        if rule.phrase is not None:
            return [rule.phrase]
        out = [w for a in rule.anchors for w in (self._set(a[1:], rule) if a.startswith("@") else [a])]
        if any(not w for w in out):
            raise ValueError(f"rule {rule.id!r}: an empty anchor would match everywhere")
        return out

    def token_pattern(self, rule: EntityRule) -> list[dict[str, Any]]:
        """The rule's spaCy token pattern with ``@set`` references filled in."""

        def fill(value: Any, where: str) -> Any:
            if isinstance(value, str) and value.startswith("@") and where != "REGEX":
                return list(self._set(value[1:], rule))
            if isinstance(value, list):  # ["@a", "@b", "word"]: the sets' words and the word
                return [w for v in value for w in (self._set(v[1:], rule) if str(v).startswith("@") else [v])]
            if isinstance(value, str) and where == "REGEX":
                out = re.sub(
                    r"@([a-z_][a-z0-9_]*)",
                    lambda m: self._set_alternation(m.group(1), rule),
                    value,
                )
                try:
                    regex.compile(out)
                except regex.error as exc:
                    raise ValueError(f"rule {rule.id!r}: invalid regex {value!r}: {exc}") from exc
                except (RecursionError, OverflowError, MemoryError) as exc:
                    raise ValueError(f"rule {rule.id!r}: regex {value!r:.60} is nested too deeply or too large") from exc
                return out
            if isinstance(value, dict):
                return {k: fill(v, k) for k, v in value.items()}
            return value

        return [{k: fill(v, k) for k, v in token.items()} for token in rule.tokens or []]

    def _set(self, name: str, rule: EntityRule) -> list[str]:
        if name not in self.sets:
            raise ValueError(f"rule {rule.id!r}: no set named {name!r}")
        return self.sets[name]

    def _set_alternation(self, name: str, rule: EntityRule) -> str:
        """``@name`` inside a REGEX: the set's words as one group, longest first."""
        words = self._set(name, rule)
        if not words:
            raise ValueError(f"rule {rule.id!r}: set {name!r} is empty (its alternation would match everywhere)")
        return alternation(words, "entities.toml", f"sets.{name}", longest_first=True)


class UserRule(Strict):
    """A user-supplied quantity rule (``user_rules.toml`` in a patterns directory): a regex
    (the ``regex`` module's syntax) whose match is a quantity. Its number is the match's
    ``number`` group when the pattern has one, else the number the match begins with; ``unit``
    is the fact's unit. Each rule runs under the regex module's timeout (REGEX_TIMEOUT, more for
    a long document): a rule that overruns on a document is skipped there and reported in the
    result's errors (kind ``rule_timeout``). Where a user rule's quantity overlaps a built-in
    one, the user rule wins; between user rules, the earlier in the file wins."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    pattern: str = Field(min_length=1)
    unit: str
    description: str = ""

    @field_validator("pattern")
    @classmethod
    def _usable(cls, value: str) -> str:
        _check_regex(value)
        try:
            empty = regex.fullmatch(value, "", timeout=REGEX_TIMEOUT) is not None
        except TimeoutError as exc:
            raise ValueError(f"pattern {value!r} times out on the empty string") from exc
        if empty:
            raise ValueError(f"pattern {value!r} matches the empty string")
        return value


class UserRulesFile(Strict):
    rule: list[UserRule] = []

    @model_validator(mode="after")
    def _unique(self) -> UserRulesFile:
        seen: set[str] = set()
        for rule in self.rule:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return self


class TraditionalFile(Strict):
    library: bool = True  # fold every traditional-only character by OpenCC's table (normalise.library_fold)
    map: dict[str, str] = {}

    @field_validator("map")
    @classmethod
    def _one_for_one(cls, value: dict[str, str]) -> dict[str, str]:
        for src, dst in value.items():
            if len(src) != 1 or len(dst) != 1:
                raise ValueError(f"{src!r} -> {dst!r}: each entry maps one character to one")
        return value


def _exact(value: Any) -> Any:
    """TOML floats to an exact Decimal by their written digits (0.1 stays 0.1)."""
    if isinstance(value, bool):
        raise ValueError("a count is a number, not a boolean")
    if isinstance(value, (int, float, str)):
        return Decimal(str(value))
    return value


class PositiveExample(Strict):
    """A phrase and the fact it must yield (duckling-style example beside a rule file)."""

    text: str = Field(min_length=1)
    quantity: str = Field(min_length=1, description="the exact quantity text of the fact")
    count: Decimal
    unit: str
    qualifier: Literal["over", "under", "about"] | None = None
    count_max: Decimal | None = None
    per: str | None = None
    rule: str | None = Field(default=None, description="the quantity production that must make the fact")
    note: str = ""

    _c = field_validator("count", "count_max", mode="before")(_exact)

    @model_validator(mode="after")
    def _quantity_in_text(self) -> PositiveExample:
        if self.quantity not in self.text:
            raise ValueError(f"quantity {self.quantity!r} is not in text {self.text!r}")
        if self.count_max is not None and self.count_max <= self.count:
            raise ValueError(f"count_max {self.count_max} is not above count {self.count}")
        return self


class NegativeExample(Strict):
    """A phrase that must yield no fact (or none overlapping ``absent``)."""

    text: str = Field(min_length=1)
    absent: str | None = Field(default=None, description="only this part of text must yield no fact")
    rule: str | None = Field(default=None, description="the exclusion rule (exclusions.toml id) it shows")
    note: str = ""

    @model_validator(mode="after")
    def _absent_in_text(self) -> NegativeExample:
        if self.absent is not None and self.absent not in self.text:
            raise ValueError(f"absent {self.absent!r} is not in text {self.text!r}")
        return self


class ExamplesFile(Strict):
    """``<rules>.examples.toml``: positives with the fact they yield, negatives that yield none."""

    positive: list[PositiveExample] = []
    negative: list[NegativeExample] = []


EXAMPLE_FILES = ("units", "qualifiers", "exclusions", "per", "numbers")


class YearDocumentExample(Strict):
    """A made-up document and the year it reviews (omit ``year`` for null), read by ``rule``
    (a ``[[document]]`` id of years.toml, or ``date``; omitted where no rule reads a year);
    ``read``: the text the rule reads (the result's ``year_source.span``)."""

    text: str = Field(min_length=1)
    date: Date | None = None
    year: int | None = None
    rule: str | None = None
    read: str | None = None
    note: str = ""

    @model_validator(mode="after")
    def _rule_with_year(self) -> YearDocumentExample:
        if self.year is not None and self.rule is None:
            raise ValueError("a document example with a year names the rule that reads it")
        if self.read is not None and self.read not in self.text:
            raise ValueError(f"read {self.read!r} is not in text {self.text!r}")
        if self.rule == DATE_RULE and self.date is None and self.read is None:
            raise ValueError("rule 'date' needs a date, or the page's own date line it reads (read)")
        return self


class YearFactExample(Strict):
    """A made-up document and the year of the fact ``quantity`` in it (omit ``year`` for null)."""

    text: str = Field(min_length=1)
    date: Date | None = None
    quantity: str = Field(min_length=1)
    year: int | None = None
    note: str = ""

    @model_validator(mode="after")
    def _quantity_in_text(self) -> YearFactExample:
        if self.quantity not in self.text:
            raise ValueError(f"quantity {self.quantity!r} is not in text {self.text!r}")
        return self


class YearExamplesFile(Strict):
    """``years.examples.toml``: documents with their year and rule, facts with their year."""

    document: list[YearDocumentExample] = []
    fact: list[YearFactExample] = []


class FieldExample(Strict):
    """A made-up text and the value one field takes for each named quantity ("" for null)."""

    text: str = Field(min_length=1)
    facts: dict[str, str] = Field(min_length=1, description="quantity text -> expected value, \"\" for none")
    note: str = ""

    @model_validator(mode="after")
    def _quantities_in_text(self) -> FieldExample:
        for quantity in self.facts:
            if quantity not in self.text:
                raise ValueError(f"quantity {quantity!r} is not in text {self.text!r}")
        return self


class FieldNegative(Strict):
    """A made-up text none of whose facts may take a value of the field."""

    text: str = Field(min_length=1)
    note: str = ""


class FieldExamplesFile(Strict):
    """``initiatives.examples.toml``: texts with each quantity's expected initiative."""

    example: list[FieldExample] = Field(min_length=1)
    negative: list[FieldNegative] = []


class EntityExample(Strict):
    """A made-up text and the entities (label, text) it must and must not yield."""

    text: str = Field(min_length=1)
    entities: list[tuple[str, str]] = []
    not_entities: list[str] = Field(default=[], description="texts that must not be an entity's span")
    note: str = ""

    @model_validator(mode="after")
    def _in_text(self) -> EntityExample:
        for _, span in self.entities:
            if span not in self.text:
                raise ValueError(f"entity {span!r} is not in text {self.text!r}")
        return self


class EntityExamplesFile(Strict):
    """``entities.examples.toml``."""

    example: list[EntityExample] = Field(min_length=1)


# examples of the field rules (initiative, entities): file stem -> model
FIELD_EXAMPLE_FILES: dict[str, type[Strict]] = {
    "initiatives": FieldExamplesFile,
    "entities": EntityExamplesFile,
}


class MetricExample(Strict):
    """A phrase, one of its quantities and the metric the quantity must get (metric.toml)."""

    text: str = Field(min_length=1)
    quantity: str = Field(min_length=1, description="the exact quantity text of the fact")
    metric: str = Field(description='the exact metric text; "" for none')
    note: str = ""

    @model_validator(mode="after")
    def _in_text(self) -> MetricExample:
        if self.quantity not in self.text:
            raise ValueError(f"quantity {self.quantity!r} is not in text {self.text!r}")
        if self.metric not in self.text:
            raise ValueError(f"metric {self.metric!r} is not in text {self.text!r}")
        return self


class MetricExamplesFile(Strict):
    """``metric.examples.toml``: phrases with the metric of one of their quantities."""

    positive: list[MetricExample] = []


FILES: dict[str, type[Strict]] = {
    "traditional.toml": TraditionalFile,
    "units.toml": UnitsFile,
    "qualifiers.toml": QualifiersFile,
    "per.toml": PerFile,
    "exclusions.toml": ExclusionsFile,
    "initiatives.toml": InitiativeFile,
    "metric.toml": MetricFile,
    "years.toml": YearFile,
    "entities.toml": EntitiesFile,
    "numbers.toml": NumbersFile,
}


def default_patterns_dir() -> Path:
    """The pattern files: inside the installed package, else the source checkout's ``patterns/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parent.parent / "patterns"):
        if (candidate / "units.toml").is_file():
            return candidate
    raise PatternError(here / "patterns", "directory", "no pattern files found (units.toml missing)")


def is_shipped(directory: Path) -> bool:
    """Whether ``directory`` is the shipped patterns directory (tested, trusted)."""
    try:
        return directory.resolve() == default_patterns_dir().resolve()
    except (OSError, PatternError):
        return False


def compile_fast(pattern: str, trusted: bool = True) -> regex.Pattern[str] | re.Pattern[str]:
    """``pattern`` compiled with Python's ``re`` (two to four times faster on these short
    windows and alternations) when it is ``trusted`` (the shipped patterns', or the code's) and
    ``re`` reads it without a doubt: no error, no warning such as a possible nested set. Else,
    and always for a user's own patterns (written for the ``regex`` module), with ``regex``."""
    if trusted:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                # re.UNICODE is a str pattern's default; spelt out, it keys re's cache apart, so
                # a pattern re once compiled elsewhere with its warning shown is parsed again here
                return re.compile(pattern, re.UNICODE)
        except (re.error, Warning):
            pass
    return regex.compile(pattern)


def compiler(directory: Path) -> Callable[[str], regex.Pattern[str] | re.Pattern[str]]:
    """:func:`compile_fast` for the patterns of ``directory`` (``re`` only for the shipped ones)."""
    trusted = is_shipped(directory)
    return lambda pattern: compile_fast(pattern, trusted)


_NON_BLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _NON_BLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_pattern_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file of a patterns directory, read only when it is a regular file (a
    symlink to one will do) of at most ``limit`` bytes. It is opened without blocking and
    checked after opening, so a FIFO, a device (a link to /dev/zero), a socket or a
    directory at its name is refused with a PatternError, never read."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError as exc:
        raise PatternError(path, "file", "missing") from exc
    except OSError as exc:
        raise PatternError(path, "file", f"cannot be opened ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as fh:
        stat = os.fstat(fh.fileno())
        if not S_ISREG(stat.st_mode):
            raise PatternError(path, "file", "not a regular file (a FIFO, device or directory is never read)")
        if stat.st_size > limit:
            raise PatternError(path, "file", f"too large: {stat.st_size} bytes (at most {limit})")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise PatternError(path, "file", f"too large: more than {limit} bytes")
    return data


def _too_deep(data: Any, limit: int = MAX_NESTING) -> str | None:
    """Where ``data`` (parsed TOML) nests tables or arrays deeper than ``limit``, or None."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        node, depth, where = stack.pop()
        if depth > limit:
            return where or "top"
        if isinstance(node, dict):
            stack.extend((v, depth + 1, f"{where}.{k}" if where else str(k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, depth + 1, f"{where}.{i}") for i, v in enumerate(node))
    return None


def load_file(path: Path, model: type[Strict]) -> Any:
    raw = read_pattern_file(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PatternError(path, "file", f"not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise PatternError(path, "file", f"nested too deeply (at most {MAX_NESTING} levels)") from exc
    deep = _too_deep(data)
    if deep is not None:
        raise PatternError(path, f"entry {deep}", f"nested too deeply (at most {MAX_NESTING} levels)")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        entry = _describe(data, loc)
        raise PatternError(path, entry, f"{first['msg']} (at {'.'.join(map(str, loc)) or 'the top level'})") from exc


def _describe(data: Any, loc: tuple[Any, ...]) -> str:
    """Name the entry an error is in: its id when it has one, else its position."""
    node = data
    name = ""
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "id" in node:
            name = f"entry {node['id']!r}"
    return name or ("entry " + ".".join(map(str, loc)) if loc else "entry (the file as a whole)")


class Patterns:
    """All rule data of one patterns directory, validated and compiled."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_patterns_dir()
        if not self.directory.is_dir():
            raise PatternError(self.directory, "directory", "not a directory")
        self.units: UnitsFile = load_file(self.directory / "units.toml", UnitsFile)
        self.qualifiers: QualifiersFile = load_file(self.directory / "qualifiers.toml", QualifiersFile)
        self.per: PerFile = load_file(self.directory / "per.toml", PerFile)
        self.exclusions: ExclusionsFile = load_file(self.directory / "exclusions.toml", ExclusionsFile)
        self.initiatives: InitiativeFile = load_file(self.directory / "initiatives.toml", InitiativeFile)
        self.metric: MetricFile = load_file(self.directory / "metric.toml", MetricFile)
        self.years: YearFile = load_file(self.directory / "years.toml", YearFile)
        self.entities: EntitiesFile = load_file(self.directory / "entities.toml", EntitiesFile)
        self.traditional: TraditionalFile = load_file(self.directory / "traditional.toml", TraditionalFile)
        numbers = self.directory / "numbers.toml"  # optional: a patterns directory older than it reads as shipped
        self.numbers: NumbersFile = load_file(numbers, NumbersFile) if _present(numbers) else NumbersFile()
        user = self.directory / "user_rules.toml"
        self.user_rules: UserRulesFile = load_file(user, UserRulesFile) if _present(user) else UserRulesFile()
        self.user_dict_bytes()  # refused now, not when the lexicon is built, if it is no regular file
        self._check_ids()
        self.examples: dict[str, ExamplesFile] = self._load_examples()
        self.year_examples: YearExamplesFile = self._load_year_examples()
        self.field_examples: dict[str, Any] = {
            name: load_file(self.directory / f"{name}.examples.toml", model)
            for name, model in FIELD_EXAMPLE_FILES.items()
            if (self.directory / f"{name}.examples.toml").exists()
        }
        metric_examples = self.directory / "metric.examples.toml"
        self.metric_examples: MetricExamplesFile = (
            load_file(metric_examples, MetricExamplesFile) if metric_examples.exists() else MetricExamplesFile()
        )

    def _check_ids(self) -> None:
        seen: set[str] = set()
        for rule in self.exclusions.rule:
            if rule.id in seen:
                raise PatternError(self.directory / "exclusions.toml", f"entry {rule.id!r}", "duplicate id")
            seen.add(rule.id)
        for user_rule in self.user_rules.rule:
            if user_rule.id in seen:
                raise PatternError(
                    self.directory / "user_rules.toml", f"entry {user_rule.id!r}", "id already names an exclusion rule"
                )
        for q in [*self.initiatives.quote_pairs, *self.initiatives.inline_captions]:
            if len(q) != 2:
                raise PatternError(self.directory / "initiatives.toml", f"quote pair {q!r}", "needs 2 characters")

    def _load_examples(self) -> dict[str, ExamplesFile]:
        """The ``*.examples.toml`` beside the rules, validated; a negative's rule must exist."""
        ids = {rule.id for rule in self.exclusions.rule}
        out: dict[str, ExamplesFile] = {}
        for name in EXAMPLE_FILES:
            path = self.directory / f"{name}.examples.toml"
            if not _present(path):
                continue
            examples: ExamplesFile = load_file(path, ExamplesFile)
            for i, neg in enumerate(examples.negative):
                if neg.rule is not None and neg.rule not in ids:
                    raise PatternError(path, f"entry negative.{i} ({neg.text!r})", f"unknown exclusion rule {neg.rule!r}")
            out[name] = examples
        return out

    def _load_year_examples(self) -> YearExamplesFile:
        """``years.examples.toml`` beside years.toml, validated; each example's rule must exist
        and set a year (or none, for an example without a year)."""
        path = self.directory / "years.examples.toml"
        if not path.exists():
            return YearExamplesFile()
        examples: YearExamplesFile = load_file(path, YearExamplesFile)
        rules = {rule.id: rule for rule in self.years.document}
        for i, ex in enumerate(examples.document):
            if ex.rule is None or ex.rule == DATE_RULE:
                continue
            if ex.rule == MASKED_RULE:
                if ex.year is not None:
                    raise PatternError(path, f"entry document.{i} ({ex.text[:20]!r})", "a masked year sets no year")
                continue
            if ex.rule not in rules:
                raise PatternError(path, f"entry document.{i} ({ex.text[:20]!r})", f"unknown document rule {ex.rule!r}")
            if (ex.year is None) == rules[ex.rule].single_year:
                raise PatternError(
                    path, f"entry document.{i} ({ex.text[:20]!r})",
                    f"rule {ex.rule!r} {'sets a' if rules[ex.rule].single_year else 'sets no'} year",
                )
        return examples

    @cached_property
    def unit_kinds(self) -> dict[str, UnitGroup]:
        out: dict[str, UnitGroup] = {}
        for group in self.units.group:
            for unit in group.units:
                out.setdefault(unit, group)
        return out

    @property
    def user_dict(self) -> Path | None:
        path = self.directory / "userdict.txt"
        return path if _present(path) else None

    def user_dict_bytes(self) -> bytes | None:
        """The user dictionary's bytes (:func:`read_pattern_file`: a regular file of bounded
        size only), or None when there is none."""
        path = self.user_dict
        return None if path is None else read_pattern_file(path)


def _present(path: Path) -> bool:
    """Something stands at ``path`` (a dangling symlink too: reading it then says what is wrong)."""
    return os.path.lexists(path)
