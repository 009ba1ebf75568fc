"""Metric: the phrase of the same clause that says what a quantity counts.

Before the number (推送信息657条 -> 推送信息, 阅读量达22.12万次 -> 阅读量), after it
(为163名农村贫困“两癌”患病母亲 -> 农村贫困“两癌”患病母亲) when what stands before is a verb,
preposition, scope, time or manner phrase, a change with its subject (营业收入同比增长12.5%),
the short predicate of a value that opens its clause (600余人参与), the item before a colon
(培训人次：3200人次), the items of a 分别 list, or, for a bare value in a list (5万多起、6万多人),
the metric of the fact before it in the sentence. jieba words are used only on the clause at hand.
The word lists are in patterns/metric.toml, examples in patterns/metric.examples.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from .patterns import Patterns, alternation, compile_fast, is_shipped
from .segment import WordSegmenter

HAN = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")

NOUNISH = ("n", "vn", "nz", "nt", "ns", "nr", "j", "an", "b", "l", "eng", "ng", "zg")
RIGHT_START = regex.compile(r"[\p{Han}“\"]")
CLAUSE_YEAR = regex.compile(r"(?:19|20)\d\d[ \t]*年")  # a year opening a clause is no value of it
NUMBER_CHAR = compile_fast(r"\d|[零〇一二两三四五六七八九十百千万亿]{2,}")  # a value, Arabic or Chinese
VALUE_START = compile_fast(r"[-−]?\d|[一二两三四五六七八九十百千]")
ITEM_NOUNS = ("n", "vn", "nz", "nt", "ns", "nr", "j", "ng", "zg")  # tags a later item of a noun list opens with (村 zg: 村小组)
ITEM_BREAKS = frozenset(("的", "“", "”", "‘", "’", '"', "《", "》"))  # words no item of a noun list holds
LIST_HEAD_LENGTH = 6  # characters of the shared head after a list's closing 等 (…等困难群体)
LIST_ITEMS_REACH = 80  # characters after a number that a list of nouns after it may take
RIGHT_MARGIN = 12  # characters past the noun phrase's limit that the tagger reads, so that its last word is whole
LISTED_REACH = 120  # characters before a number that a list closed by 等 may take
ORG_REACH = 12  # characters before a phrase read for the organisation that closes there
LISTED_TOTAL = 3  # characters between such a list's 等 and the number (等共计)
LIST_LEAD_FLAGS = "pudc"  # word classes (jieba) of a preposition, particle, adverb or conjunction before a list
LAST_STOP = regex.compile(r"(?r)[，。；：！？、,;:!?\n]|等(?=\s*$)")  # searched from the end: the last one
# the values of a list, one each (a year such as 比2012年 is none)
NUMBER_TOKEN = compile_fast(r"(?<![\d.])\d[\d.，,]*(?![\d.，,]| ?年)|[一二两三四五六七八九十百千]+(?!年)")
LIST_ITEM = compile_fast(r"[^、和与及，。；：“”]+")
LIST_JOINER_CHARS = compile_fast(r"[、和与及]")
QUOTED_ONLY = regex.compile(r"(?:[^“”]*”)?(?:“[^“”]*”)*")  # quoted names alone (the first may be cut: A”“B”)
OPENER_OF = {"”": "“", "》": "《", "’": "‘", "）": "（", ")": "("}
TITLE_LENGTH = 30  # a 《title》 before a number is the metric whole up to this length
# a short bracket after a noun that names others of its kind (县（市、区）, 村（社区）), no number in it
BRACKET_ALTERNATIVE = regex.compile(r"[（(][\p{Han}、，,]{1,8}[）)]")
BRACKET_ALIAS = regex.compile(r"[（(][A-Za-z][A-Za-z0-9._\- ]{0,10}[）)]")  # 细颗粒物（PM2.5）: a Latin name of the same thing
BRACKET_CLOSE = regex.compile(r"[\p{Han}、，,]{0,8}[）)]")
NOTE_REACH = 60  # characters of a bracketed note between a noun and its value (服务时长（指…、…的时长）超)
NOTE_BODY = regex.compile(r"[^（()）。；：！？;:!?\n]{0,60}[）)]\s*\S{0,2}\s*$")  # the note closes right before the value verb
LINE_MARKS = compile_fast(r"[，。；：！？、,;:!?]")  # a label line holds none of these
ITEM_MARKER = compile_fast(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*")


def _before_spaces(view: str, start: int, end: int) -> int:
    """``end`` moved back over spaces (达到 4.5 万余人: the page's spaces before a number)."""
    while end > start and view[end - 1] in " \t":
        end -= 1
    return end


def _quoted_spans(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of each “…” pair in ``view[start:end]`` (an unclosed one runs to ``end``)."""
    spans = []
    pos = start
    while (opener := view.find("“", pos, end)) >= 0:
        close = view.find("”", opener + 1, end)
        spans.append((opener, close if close >= 0 else end))
        if close < 0:
            break
        pos = close + 1
    return spans


class Suffixes:
    """Words that may end a piece of text: what ``(?:w1|w2…)$`` finds, by ``str.endswith``.

    >>> Suffixes(["增长", "长"]).search("收入增长", 0, 4)
    (2, 4)
    >>> Suffixes(["增长"]).search("收入增长", 0, 3) is None
    True
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({w for w in words if w}, key=len, reverse=True))

    def search(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The longest word that ``text[start:end]`` ends with, as offsets."""
        if not text.endswith(self.words, start, end):
            return None
        for word in self.words:
            if text.endswith(word, start, end):
                return end - len(word), end
        return None  # pragma: no cover - endswith said one of them does


class MetricFinder:
    def __init__(self, patterns: Patterns, words: WordSegmenter) -> None:
        cfg = patterns.metric
        self.cfg = cfg
        self.words = words
        q = patterns.qualifiers.before
        tail_words = sorted(set(cfg.value_verbs) | set(q.over) | set(q.under) | set(q.about), key=len, reverse=True)
        self.tail = Suffixes(tail_words)
        file = patterns.directory / "metric.toml"
        trusted = is_shipped(patterns.directory)  # the shipped rules run on re where it reads them

        def fast(pattern: str) -> regex.Pattern[str] | re.Pattern[str]:
            return compile_fast(pattern, trusted)

        self.year_tail = fast(cfg.year_tail)  # a year (or period) right before a value: 由2012年的
        self.year_list = fast(patterns.years.year_list)
        if patterns.years.eras != "(?!)":  # or an era (years.toml eras): 由新中国成立初的
            self.year_tail = fast(f"(?:{cfg.year_tail})|(?:由|从)?(?:{patterns.years.eras})的? *$")
        self.year_prefix = fast(cfg.year_prefix)  # a time phrase opening a metric: 2018年, 上半年
        self.ordinal_prefix = fast(cfg.ordinal_prefix)  # 县妇联第八届: a body and its session
        self.per_prefix = fast(cfg.per_prefix)  # 每千名老人拥有: a rate's denominator
        self.respective_tail = fast(cfg.respective_tail)  # between 分别 and its values
        self.respective_levels = frozenset(cfg.respective_level_verbs)
        keeps = alternation(cfg.prefix_keeps, file, "prefix_keeps", longest_first=True, allow_empty=True)
        prefixes = alternation(cfg.strip_prefixes, file, "strip_prefixes", longest_first=True)
        self.head = fast((f"(?!{keeps})" if cfg.prefix_keeps else "") + prefixes)
        scopes = alternation(cfg.scope_words, file, "scope_words", longest_first=True, allow_empty=True)
        self.heads_only = fast(f"(?:{self.head.pattern}" + (f"|{scopes}" if cfg.scope_words else "") + ")+")
        self.level = fast(scopes if cfg.scope_words else "(?!)")
        self.head_tail = fast(f"(?:{prefixes})$")
        actions = alternation(cfg.action_verbs, file, "action_verbs", longest_first=True, allow_empty=True)
        self.action = fast(rf"(?:[\p{{Han}}]{{0,2}}?){actions}(?:了|出|好)?")
        heads = alternation(cfg.indicator_heads, file, "indicator_heads", longest_first=True, allow_empty=True)
        self.indicator_head = fast(f"{heads}$")
        changes = alternation(cfg.change_words, file, "change_words")
        self.from_to = fast(f"{changes}(?:到|至)")
        self.bare_change = fast(f"{changes}(?:到|至|为)?")
        self.change_in = fast(changes)
        self._last_left: tuple[str | None, int, int, tuple[int, int] | None] = (None, -1, -1, None)
        self.change = Suffixes(cfg.change_words)
        self.weak = fast("|".join(cfg.weak_phrases) or "(?!)")
        self.object_verbs = frozenset(cfg.object_verbs)
        self.acting_verbs = frozenset([*cfg.action_verbs, *cfg.object_verbs])
        self.total_word_set = frozenset(w for w in cfg.total_words if len(w) == 2)
        determiners = alternation(cfg.count_determiners, file, "count_determiners", longest_first=True, allow_empty=True)
        self.count_determiner = fast(determiners if cfg.count_determiners else "(?!)")
        self.subject_verbs = frozenset(cfg.subject_verbs)
        self.time_only = fast("|".join(cfg.time_phrases) or "(?!)")
        self.modal = frozenset(cfg.right_modifiers)
        self.attribute_suffixes = frozenset(cfg.attribute_suffixes)
        self.passive = frozenset(cfg.passive_marks)
        self.letter_word = fast(cfg.letter_word)
        self.list_item_stop = fast(cfg.noun_list_item_stop)
        self.conversion = fast(cfg.conversion)
        self.conversion_tail = fast(cfg.conversion_tail)
        self.value_run = fast(cfg.value_run_joiners)
        self.beneficiary_tail = fast(cfg.beneficiary_tail)
        self.item_joiner_end = fast(cfg.item_joiner_end)
        self.listed_before = regex.compile(cfg.listed_before)  # lookbehind of either width: the regex module
        self.list_joiner = fast(cfg.list_joiner)
        self.list_first_joiner = fast(cfg.listed_joiners)
        self.listed_pair = regex.compile(cfg.listed_pair)  # where the first item of such a list ends
        have = alternation(cfg.have_verbs, file, "have_verbs", longest_first=True, allow_empty=True)
        self.have = fast(f"(?:{have})$" if cfg.have_verbs else "(?!)")
        # clause openers then a verb of having, alone before a value (，共有896人次参与了…)
        leads = alternation(cfg.lead_qualifiers, file, "lead_qualifiers", longest_first=True, allow_empty=True)
        # openers and a qualifier alone before a count that opens its clause (超过3000人观看了演出)
        self.lead_only = fast(f"[\\s，,]*(?:{prefixes})*(?:{leads})[\\s]*" if cfg.lead_qualifiers else "(?!)")
        # (a qualifier may stand between the verb and the number: 共有近3000人参加培训)
        self.have_lead = fast(f"(?:{have})[\\s]*(?:{leads})$" if cfg.have_verbs and cfg.lead_qualifiers else "(?!)")
        self.openers = fast(f"[\\s，,]*(?:{prefixes})*(?:{have})[\\s]*(?:(?:{leads})[\\s]*)?" if cfg.have_verbs else "(?!)")
        places = alternation(cfg.place_ends, file, "place_ends", longest_first=True, allow_empty=True)
        self.place_end = fast(f"\\p{{Han}}(?:{places})$" if cfg.place_ends else "(?!)")
        locatives = alternation(cfg.locatives, file, "locatives", longest_first=True, allow_empty=True)
        self.venue = fast(alternation(cfg.venue_words, file, "venue_words", longest_first=True, allow_empty=True) + "$" if cfg.venue_words else "(?!)")
        self.locative = fast(f"\\p{{Han}}{{2}}(?:{locatives})$" if cfg.locatives else "(?!)")
        worth = alternation(cfg.value_of_words, file, "value_of_words", longest_first=True, allow_empty=True)
        self.value_of = fast(f"(?:{worth})$" if cfg.value_of_words else "(?!)")
        channels = alternation(cfg.channel_words, file, "channel_words", longest_first=True, allow_empty=True)
        self.channel = fast(f"(?:{channels})$" if cfg.channel_words else "(?!)")
        self.channel_head = fast(f"(?:{channels})“[^”]{{1,20}}”" if cfg.channel_words else "(?!)")
        comparisons = alternation(cfg.comparison_words, file, "comparison_words", longest_first=True, allow_empty=True)
        self.comparison = fast(comparisons if cfg.comparison_words else "(?!)")
        self.rate_tail = fast(cfg.rate_tail)
        self.adverbs = frozenset(cfg.adverb_words)
        self.sequence_end = Suffixes(cfg.sequence_adverbs)
        self.level_nouns = frozenset(cfg.level_nouns)
        self.noun_joiners = frozenset(cfg.noun_joiners)
        heads = alternation(cfg.event_heads, file, "event_heads", longest_first=True, allow_empty=True)
        doers = alternation(
            [*cfg.action_verbs, *cfg.object_verbs, *cfg.value_verbs, *cfg.event_stops], file, "verbs", longest_first=True, allow_empty=True
        )
        self.event_phrase = fast(f"[\\p{{Han}}“”‘’·]*?(?P<head>{heads})" if cfg.event_heads else "(?!)")
        self.doer = fast(doers)
        self.event_classifiers = frozenset(cfg.event_classifiers)
        self.people_units = tuple(cfg.people_units)
        self.per_head = fast(cfg.per_head)
        self.per_tail = fast(f"(?:{cfg.per_tail})$")
        self.per_alone = fast(f"[ \t]*(?:{cfg.per_tail})[ \t]*$")
        self.value_adverbs = frozenset(cfg.value_adverbs)
        self.pivot_verbs = tuple(cfg.pivot_verbs)
        ent = patterns.entities
        org_words = [*ent.sets.get("org_suffix", []), *cfg.org_suffixes]
        self.org_end = Suffixes(org_words)
        # a clause opening with one of these breaks down an earlier total (years.toml's list, which
        # the year stage reads the same way): 共投入131万元…，其中74万元用于… -> 投入
        self.breakdown_openers = tuple(patterns.years.breakdown_openers)
        orgs = alternation(org_words, file, "org_suffixes", longest_first=True, allow_empty=True)
        self.org_then_verb = fast(f"(?:{orgs})(?:“[^“”]{{1,12}}”)?\\p{{Han}}{{2,6}}$" if org_words else "(?!)")  # the cheap test first
        self.not_org = Suffixes(ent.sets.get("not_org", []))
        sequence = alternation(cfg.sequence_adverbs, file, "sequence_adverbs", longest_first=True, allow_empty=True)
        self.sequence_in = fast(f"(?r){sequence}" if cfg.sequence_adverbs else "(?!)")  # the last one
        self.note = fast(cfg.note_marks)  # ［7］, ①, （注1）, 【caption】: never part of a metric
        funds = alternation(cfg.fund_heads, file, "fund_heads", longest_first=True, allow_empty=True)
        relatives = alternation(cfg.relative_verbs, file, "relative_verbs", longest_first=True, allow_empty=True)
        self.relative_verb = fast(f"(?:{relatives})的" if cfg.relative_verbs else "(?!)")
        self.fund_head = fast(f"(?:{funds})$" if cfg.fund_heads else "(?!)")
        self.fund_words = frozenset(w for w in cfg.fund_heads if len(w) >= 2)
        self.numbered_term = fast(cfg.numbered_term_quote)  # “三公”经费: the kind of money, kept with its head
        self.series_heads = tuple(cfg.series_name_heads)
        self.attendance = fast(alternation(cfg.attendance_verbs, file, "attendance_verbs", longest_first=True, allow_empty=True) if cfg.attendance_verbs else "(?!)")
        self.series_programmes = frozenset(cfg.series_programme_words)
        self.flow_heads = frozenset(cfg.flow_heads)
        self.flow_verbs = frozenset(cfg.flow_verbs)
        self.note_openers = tuple(cfg.bracket_note_openers)
        self.total_adverbs = frozenset(cfg.total_adverbs)
        totals = alternation(cfg.total_words, file, "total_words", longest_first=True, allow_empty=True)
        # a total word alone before a value in its clause (，合计6.8万元): group w is the word
        self.total_alone = fast(f"[\\s，,]*(?P<w>{totals})[\\s为达约]*" if cfg.total_words else "(?!)")
        self.uneven = fast(cfg.uneven_tail)  # 300元至800元不等的慰问金
        self.people_nouns = frozenset(cfg.people_nouns)  # 青年: a noun, whatever its tag
        self.note_end = fast(f"(?:{cfg.note_marks})\\s*$")
        self.event_verbs = frozenset(cfg.event_verbs)
        self.adverb_modifiers = frozenset(cfg.adverb_modifiers)  # 基本: also an adjective before a noun
        self.inner_body = Suffixes(cfg.inner_bodies)  # 镇团委下辖…: a body inside the phrase, then its verb
        # any of those words anywhere: a phrase that holds none has no inner body (no words cut)
        self.any_inner_body = re.compile("|".join(map(re.escape, self.inner_body.words)) or "(?!)")
        self.size_end = Suffixes(cfg.size_words)  # 占地25亩的旧厂房: the value is the size word's
        self.level_suffixes = frozenset(cfg.level_suffixes)  # 区本级, 自治区级 inside a noun phrase

    @staticmethod
    def skip_spaces(view: str, pos: int, end: int) -> int:
        """``pos`` moved on over spaces (the page's spaces between two values)."""
        while pos < end and view[pos] in " \t\u3000":
            pos += 1
        return pos

    def noun_after(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        """The noun phrase right after a value (…208公里建制村连接线, …80公里的硬化路), verb-noun
        compounds too; None when none follows."""
        span = self._right(view, q_end, c_end, after_de=True, loose=True)
        if span is None or NUMBER_CHAR.search(view, *span):
            return None  # …减至887户: a phrase with values of its own is no noun
        return span

    def ends_in_joiner(self, view: str, span: tuple[int, int]) -> bool:
        """Whether a phrase ends in a word joining two items (item_joiner_end: 和, 及, 与, 以及, 、; not
        the 及 of 惠及, 涉及)."""
        return self.item_joiner_end.search(view, span[0], span[1]) is not None

    def continues_list(self, view: str, prev_end: int, q_start: int) -> bool:
        """Whether what stands between two values (、 和 ，) joins them in one 分别 list."""
        return self.list_joiner.fullmatch(view, prev_end, q_start) is not None

    def find(
        self, view: str, q_start: int, q_end: int, clause: tuple[int, int], prev_end: int = 0
    ) -> tuple[int, int] | None:
        """Offsets of the metric of the quantity at ``q_start:q_end`` in ``clause``, or None.
        ``prev_end`` is where the previous quantity ended: a metric never reaches behind it."""
        found = self._find(view, q_start, q_end, clause, prev_end)
        if found is None and self.conversion.fullmatch(view, *(self._left(view, max(clause[0], prev_end), q_start) or (0, 0))):
            return None
        if found is None:
            found = self._caption(view, max(clause[0], prev_end), q_start)
        if found is not None and (tail := self.conversion_tail.search(view, found[0], found[1])) is not None and tail.start() - found[0] >= 2:
            found = (found[0], tail.start())  # 捐物折合人民币12.6万元: what was converted is what is counted
        if found is not None and found[1] - found[0] > 1 and view[found[0]] == "的":
            # …的价值6万元的暖包300套: the phrase after a value reads from its 的, which ties it to
            # the value before; a metric opens on the noun, never on the particle
            found = (found[0] + 1, found[1])
        return found

    def _caption(self, view: str, lo: int, q_start: int) -> tuple[int, int] | None:
        """A 【caption】 right before the number, when nothing else names what it counts
        (【巾帼创业】12场): its words, without the brackets."""
        mark = _before_spaces(view, lo, q_start)
        if mark - lo < 4 or view[mark - 1] != "】":
            return None
        opener = view.rfind("【", lo, mark)
        if opener < 0 or not self.note.fullmatch(view, opener, mark) or len(HAN.findall(view, opener, mark)) < 2:
            return None
        return opener + 1, mark - 1

    def _find(
        self, view: str, q_start: int, q_end: int, clause: tuple[int, int], prev_end: int
    ) -> tuple[int, int] | None:
        c_start, c_end = clause
        lo = max(c_start, prev_end)
        listed = self._listed(view, prev_end, q_start, q_end, c_end)
        if listed is not None:
            return listed
        uneven = self.uneven.match(view, q_end, c_end)
        if uneven is not None:
            # 分别发放了300元至800元不等的慰问金: both ends of the range count the noun after 不等的
            right = self._right(view, uneven.end(), c_end, after_de=True, loose=True)
            end = self._clause_close(view, uneven.end(), c_end)
            if (right is None or right[1] < end) and 2 <= end - uneven.end() <= self.cfg.object_phrase_length and HAN_RUN.fullmatch(view, uneven.end(), end):
                right = uneven.end(), end  # …不等的节日慰问金。: the short phrase closing the clause whole
            if right is not None:
                return right
        size = self.size_end.search(view, lo, _before_spaces(view, lo, q_start))
        if size is not None and view.startswith("的", self.skip_spaces(view, q_end, c_end)):
            return size  # 占地25亩的旧厂房, 占比52.1%的电力供应业: the size word, not the noun it sizes
        total = self.total_alone.fullmatch(view, lo, _before_spaces(view, lo, q_start))
        if total is not None and self._clause_close(view, q_end, c_end) == q_end:
            return total.span("w")  # …，合计6.8万元。: the word of the total is what the value is
        left = self._left(view, lo, q_start)
        if left is not None and self._openers_only(view, lo, q_start) and self.sequence_in.search(view, lo, q_start) is None:
            left = None  # 全市共有3962人参与其中: openers and a verb of having alone, nothing counted before
        if left is not None and self.conversion.fullmatch(view, *left):
            return None  # （按汇率折算为9800美元）: the value before it says what is counted
        if left is not None and self._adverbs_only(view, left):
            # 全面实现150个村委会…: an adverb left before the value verb counts nothing
            right = self._right(view, q_end, c_end, after_de=True, loose=True)
            if right is not None:
                return right
            left = None
        elif left is not None and (adverb := self.sequence_end.search(view, *left)) is not None:
            # 中队先后3次荣立集体二等功: a subject and an adverb of repeated events; what follows the
            # value is counted when something does: a noun, else the event its verb names (先后有
            # 1800人通过培训实现就业 -> 实现就业, 先后3次在全县通报 -> 通报); else the subject before
            # the adverb (中队先后3次。 -> 中队); the adverb alone is never the metric
            right = self._right(view, q_end, c_end, after_de=True, loose=True) or self._event(view, q_end, c_end)
            if right is not None:
                return right
            rest = _before_spaces(view, left[0], adverb[0])
            if rest - left[0] < 2 or self.heads_only.fullmatch(view, left[0], rest):
                return None
            left = (left[0], rest)
        if left is None:
            mark = _before_spaces(view, lo, q_start)
            if mark > lo and (view[mark - 1] in self.cfg.beneficiary_marks or self.have.search(view, lo, mark) or self.have_lead.search(view, lo, mark)):
                # ，为1200余名留守儿童送去关爱: whom something was done for, verb-noun compounds too
                right = self._right(view, q_end, c_end, after_de=True, loose=True)
                if right is not None:
                    return right
            right = self._right(view, q_end, c_end, after_de=view[q_end - 1] == "%")  # 68.3%的村
            if right is None and (self._opens_clause(view, lo, q_start) or self.lead_only.fullmatch(view, lo, q_start)):
                # 600余人参与: what the people did; 1.培训人次：3200人次: the item before the colon
                return self._predicate(view, q_end, c_end) or self._label(view, c_start) or self._line_label(view, q_start, q_end)
            if right is None and self._openers_only(view, lo, q_start):
                # 共有896人次参与了…, 有60%左右过着…: what they did, after a qualifier word
                past = next((q_end + len(w) for w in self.cfg.after_qualifiers if view.startswith(w, q_end)), q_end)
                return self._predicate(view, past, c_end)
            return right
        if self.value_of.search(view, *left) and view.startswith("的", self.skip_spaces(view, q_end, c_end)):
            # 募集到价值28.9万元的抗疫物资: the worth of the noun after 的, which is what is counted
            de = self.skip_spaces(view, q_end, c_end)
            right = self._right(view, de, c_end, after_de=True, loose=True)
            if right is not None:
                return right
            # 下拨的价值6万元的暖包300套: the noun runs up to the count of it, which the words tagger
            # may not read as a noun phrase: a short run of Chinese characters standing alone there
            run = HAN_RUN.match(view, de + 1, c_end)
            if run is not None and run.end() - run.start() <= self.cfg.object_phrase_length and (
                run.end() == c_end or NUMBER_CHAR.match(view, self.skip_spaces(view, run.end(), c_end))
            ):
                return run.start(), run.end()
        # the words after the number (jieba) are read only when the left side may yield to them
        between = view[left[1] : q_start].lstrip(" ")
        beneficiary = (between != "" and between[0] in self.cfg.beneficiary_marks) or (
            between == "" and self.beneficiary_tail.search(view, left[0], left[1]) is not None
        )  # 县残联为全市6万多名残疾人…: the mark ends the phrase before the value
        if (self._yields(view, left, prev_end) or beneficiary) and not self._relative_after_sum(view, left, q_end, c_end):
            # after 为/对/向/给 the number counts whom something was done for: what follows is a
            # noun phrase, verb-noun compounds too (为1.1万外来务工人员)
            # after a bare verb too (帮助1200名留守儿童): the number is its object, not a subject
            loose = beneficiary or bool(self.have.search(view, lo, _before_spaces(view, lo, q_start))) or (
                view[q_end - 1] in self.cfg.object_classifiers and not view.startswith("的", q_end)
                and self._is_bare_verb(view, left)
            )
            right = self._right(view, q_end, c_end, after_de=True, loose=loose)
            if right is not None and not beneficiary and self._acts_on_next(view, left, right):
                right = None  # 、省财政资金16万元救助52名…: the value's noun is before it; 救助 acts on the next
            if right is None or self._counts_things(view, q_end):
                # 布设200套应急救护一体机。: after a bare verb, the short phrase that closes the clause
                # after a measure word of things is what is counted, whatever the word tags say
                right = self._short_object(view, left, q_end, c_end) or right
            fund = self._fund_object(view, left, q_end, c_end)
            if fund is not None and (right is None or (right[0] == fund[0] and right[1] < fund[1])):
                right = fund  # 拿出60万元奖补专项资金: the fund's name whole, whatever the word tags cut
            if right is None:
                right = self._pivot(view, left, q_end, c_end)
            if right is not None:
                return right
        if self._level_item(view, left):
            return left  # 国家级示范社3家、省级12家: the level is what tells the item from the one before
        if view[left[1] - 1] == "的" and left[1] == _before_spaces(view, left[0], q_start) and view[q_end - 1] not in "%‰":
            # 街道面向社会承诺的12件为民实事: a relative clause closed by 的 right before the number
            # modifies the noun after it, which the number counts (number before noun), even one
            # whose first word the tagger makes a verb (为民实事, 共有产权房)
            right = self._right(view, q_end, c_end, loose=True)
            if right is not None and not self._value_follows(view, right) and view[right[0] : right[1]] not in self.level_nouns and not self.change.search(view, *right):
                words = self.words.words(view[right[0] : right[1]], right[0])
                if (
                    not words[0][2].startswith(("d", "p", "c", "u")) and words[-1][2].startswith(NOUNISH)
                    and not any(view[a:b] in self.adverbs for a, b, _ in words)
                ):
                    return right  # not 用于…的7000亿元已全部安排: an adverb and a verb, no noun
        if view[q_end - 1] not in "%‰" and not self.change.search(view, *left) and not self._relative_after_sum(view, left, q_end, c_end):
            # 实施促进民营经济高质量发展20条措施, 大唐700万吨露天矿: a noun right after the number
            # (number before noun) is what it counts, whatever stands before
            strict = self._right(view, q_end, c_end)
            if strict is not None and self._counted_noun(view, strict):
                return strict
        if self.heads_only.fullmatch(view, *left) and view.startswith(self.breakdown_openers, left[0]):
            # 其中20人获省总工会救助: a part of a total that says what it did counts that, when a verb
            # follows; else (其中女职工120人) the total's metric, which the stage reaches back for
            return self._own_predicate(view, q_end, c_end)
        if self.heads_only.fullmatch(view, *left) or self.time_only.search(view[left[0] : left[1]]):
            return None  # 在调整初期由…: an opener or a time alone counts nothing
        if self.venue.search(view, *left) and left[1] - left[0] <= self.cfg.venue_length:
            # 活动现场约1000人参与, 线上3万人次观看: where they were, not what; the noun after the number
            # or, where none, what they did
            after = self._right(view, q_end, c_end, after_de=True, loose=True) or self._predicate(view, q_end, c_end)
            if after is not None:
                return after
        if view[left[1] - 1] == "的":
            left = (left[0], left[1] - 1) if left[1] - 1 - left[0] >= 2 else None
        if left is not None and self.cfg.attendance_units and view[q_end - 1] in self.cfg.attendance_units:
            left = self._attendees(view, lo, left) or left
        return left

    def _attendees(self, view: str, lo: int, left: tuple[int, int]) -> tuple[int, int] | None:
        """People sent or brought to a course or event before a count of people (推荐村干部参加市妇女学校培训
        12人 -> 村干部): the noun phrase before the last verb of attending in the clause, when the phrase after
        that verb up to the value holds no 的; None otherwise."""
        attend = None
        for attend in self.attendance.finditer(view, lo, left[1]):
            pass
        if attend is None or attend.end() >= left[1] or "的" in view[attend.end() : left[1]]:
            return None
        end = _before_spaces(view, lo, attend.start())
        words = self.words.words(view[lo:end], lo)
        # 推荐村干部: who was sent, not the sending (a verb of two characters or more: 听障儿童 is one noun)
        last_verb = max((i for i, w in enumerate(words) if w[2].startswith("v") and w[2] != "vn" and w[1] - w[0] >= 2), default=-1)
        marked = max((i for i, w in enumerate(words[:-1]) if view[w[0] : w[1]] in ("将", "把")), default=-1)
        first = marked + 1 if marked >= 0 else last_verb + 1  # 将听障儿童送往: the object 将 marks, whole
        while first < len(words) - 1 and words[first][2][:1] in ("p", "d", "c"):
            first += 1  # 将听障儿童送往: a preposition or adverb before the people
        if first >= len(words):
            return None  # 共组织参加群众: a verb right before the verb of attending, no people
        start = words[first][0]
        if end - start < 2 or not words or not words[-1][2].startswith(NOUNISH) or not HAN.match(view, end - 1):
            return None
        return start, end  # 6岁以下聋儿送往…3名: an age limit before the people stays with them

    def _listed(self, view: str, prev_end: int, q_start: int, q_end: int, c_end: int) -> tuple[int, int] | None:
        """A list of items closed by 等 right before the number, when no noun follows it: the
        whole list, without the verb that opens its first item (评选五好家庭、最美家庭等50户)."""
        if q_start < 2 or "等" not in view[max(0, _before_spaces(view, 0, q_start) - LISTED_TOTAL) : q_start]:
            return None  # most numbers: no 等 before them (…等50户, …等共160所)
        m = self.listed_before.search(view, max(prev_end, q_start - LISTED_REACH), q_start)
        if m is None and view[q_end - 1] in self.cfg.listed_pair_units:
            m = self.listed_pair.search(view, max(prev_end, q_start - LISTED_REACH), q_start)  # X和Y等60余人
        if m is None:
            return None
        right = self._right(view, q_end, c_end)
        if right is not None and not (m.re is self.listed_pair and self._verbs_only(view, right)):
            return None  # …等300余人参加。: a verb closing the clause is what they did, no noun counted
        start, end = m.span("list")
        first_end = view.find("、", start, end)
        if first_end < 0:  # a pair joined by 和: its first item ends there
            joiner = self.list_first_joiner.search(view, start, end)
            first_end = joiner.start() if joiner is not None else end
        # the first item opens with what is done to the list (全面完成孙家屯、团结村等7个, 将甲肝、
        # 流脑等15种): its last verb, and a particle, preposition or adverb right after it, go
        cut = start
        for w_start, w_end, flag in self.words.words(view[start:first_end], start):
            if first_end - w_end < 2:
                break
            if flag.startswith("v") or (flag[:1] in LIST_LEAD_FLAGS and w_start == cut):
                cut = w_end
        return (cut, end) if end - cut >= 2 else None

    def _verbs_only(self, view: str, span: tuple[int, int]) -> bool:
        """Whether the phrase is verbs alone (参加, 参与活动 is not)."""
        words = self.words.words(view[span[0] : span[1]], span[0])
        return bool(words) and all(flag.startswith("v") for _, _, flag in words)

    def _yields(self, view: str, left: tuple[int, int], prev_end: int) -> bool:
        """Whether the phrase before a number gives way to a noun after it (number before noun,
        ANNOTATION.md): it ends with 的 or a verb or preposition (帮扶64069名困境儿童, 为1000余家企业),
        is a scope, place or time word (全县, 连续两届), holds a preposition (对该县, 妇女通过), is
        the noun of the number before it (38个团组200多名客商) or an item of a list of names
        (北银、裕园2个老旧小区)."""
        if view[left[1] - 1] == "的" or self._is_scope_word(view, left) or self._is_bare_verb(view, left):
            return True
        scope = self.head_tail.search(view, left[0], left[1])
        if scope is not None and scope.start() > left[0] and self._is_bare_verb(view, (left[0], scope.start())):
            return True  # 组织我州30名妇女: a verb and the scope it acts in, then whom
        if self.change.search(view, *left):
            return False
        if self.weak.search(view[left[0] : left[1]]):
            return True
        if left[0] == prev_end or view[left[0] - 1 : left[0]] == "、":
            return True
        words = self.words.words(view[left[0] : left[1]], left[0])
        while len(words) > 1 and words[-1][2] in ("ul", "uz", "ug"):
            words.pop()  # 提供了, 举办过: the verb before the aspect particle
        last = words[-1][2]
        if last.startswith("v") and last != "vn":
            return True
        # a preposition with only a place or scope after it: 对该县, 针对岚县, 妇女通过
        for i in range(len(words) - 1, max(-1, len(words) - 4), -1):
            if words[i][2] == "p":
                return all(flag.startswith(("n", "r", "m", "q", "s", "j")) for _, _, flag in words[i + 1 :])
        return False

    def _level_item(self, view: str, left: tuple[int, int]) -> bool:
        """A level word alone (省级) as a later item of a list of levels whose earlier item named
        its own level before a noun (国家级巾帼文明岗5个、省级11个)."""
        if not self.level.fullmatch(view, *left):
            return False
        mark = _before_spaces(view, max(0, left[0] - 2), left[0])
        if mark == 0 or view[mark - 1] not in self.cfg.level_list_joiners:
            return False
        earlier = self.level.search(view, max(0, mark - self.cfg.level_list_reach), mark - 1)
        return (
            earlier is not None and HAN.match(view, earlier.end()) is not None
            and NUMBER_CHAR.search(view, earlier.end(), mark) is not None
        )

    def _openers_only(self, view: str, start: int, q_start: int) -> bool:
        """Nothing but clause openers and a verb of having before the number (…等活动，共有896人次
        参与): the value opens its clause as a subject, and what it did is counted."""
        return self.openers.fullmatch(view, start, q_start) is not None

    def _opens_clause(self, view: str, start: int, q_start: int) -> bool:
        """Nothing but punctuation and spaces between the clause's start and the number."""
        return not HAN.search(view, start, q_start) and not NUMBER_CHAR.search(view, start, q_start)

    def _counted_noun(self, view: str, span: tuple[int, int]) -> bool:
        """Whether the noun phrase right after a number is what it counts: it opens with no verb
        (投资4亿元实施…油路), is no verb-noun alone (不足百个发展到…), no word of a level
        (突破万亿元大关), and no value follows it (投资1100万元新建污水管线2847米: the noun is the
        next value's)."""
        words = self.words.words(view[span[0] : span[1]], span[0])
        if not words or view[span[0] : span[1]] in self.level_nouns:
            return False
        first = words[0][2]
        if (first.startswith("v") and first != "vn") or first.startswith(("d", "p", "c", "u")):
            return False
        if len(words) == 1 and first == "vn":
            return False
        return not self._value_follows(view, span)

    def _value_follows(self, view: str, span: tuple[int, int]) -> bool:
        """A value right after a noun phrase (…新建排水管网1200米): the noun is that value's."""
        return VALUE_START.match(view, self.skip_spaces(view, span[1], len(view))) is not None

    def _event(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        """The event a count of times or people takes part in, after the count (…3次在全县通报10起
        案例 -> 通报, …1800人通过培训实现了就业 -> 实现了就业): from the first verb to the next
        value or the clause's end, at most ``max_length`` characters; None when no verb follows."""
        number = NUMBER_CHAR.search(view, q_end, c_end)
        stop = number.start() if number else c_end
        words = self.words.words(view[q_end:stop], q_end)
        first = next((i for i, (_, _, flag) in enumerate(words) if flag.startswith("v") and flag != "vn"), None)
        if first is None and words and words[0][2] == "p":
            # 在全省范围内通报: after a place phrase closed by a locative, what is done there
            first = next((i + 1 for i, (a, b, _) in enumerate(words) if view[a:b] in self.cfg.locatives), None)
        if first is None or first >= len(words):
            return None
        start = end = words[first][0]
        for _, w_end, _ in words[first:]:
            if w_end - start > self.cfg.max_length or not HAN.match(view, w_end - 1):
                break
            end = w_end
        while end > start and view[end - 1] in "的地得":
            end -= 1
        return (start, end) if end - start >= 2 else None

    def _label(self, view: str, c_start: int) -> tuple[int, int] | None:
        """The item a colon introduces a value with (a list or a table flattened into lines:
        二、培训人次：3200人次), without its item number."""
        if c_start < 1 or view[c_start - 1] != "：":
            return None
        colon = c_start - 1
        start = max(view.rfind(ch, max(0, colon - 40), colon) for ch in "，。；：\n") + 1
        marker = ITEM_MARKER.match(view, start, colon)
        if marker:
            start = marker.end()
        span = self._left(view, start, colon)
        if span is None or self.heads_only.fullmatch(view, *span):
            return None
        return span

    def _line_label(self, view: str, q_start: int, q_end: int) -> tuple[int, int] | None:
        """A value alone on its line under a short label line (a table flattened into lines:
        受理信访⏎86件): the label, when it holds no number and no sentence mark."""
        line_start = view.rfind("\n", 0, q_start) + 1
        line_end = view.find("\n", q_end)
        rest = view[q_end : len(view) if line_end < 0 else line_end]
        if view[line_start:q_start].strip() or HAN.search(rest) or line_start < 2:
            return None
        prev_start = view.rfind("\n", 0, line_start - 1) + 1
        label = view[prev_start : line_start - 1]
        start = prev_start + len(label) - len(label.lstrip())
        end = prev_start + len(label.rstrip())
        if not 2 <= end - start <= self.cfg.max_length or NUMBER_CHAR.search(view, start, end) or not HAN.match(view, start):
            return None
        if LINE_MARKS.search(view, start, end):
            return None
        if view[start] == "【" and view[end - 1] == "】" and end - start > 3:
            return start + 1, end - 1  # a caption line: its words, without the brackets
        return start, end

    def predicate(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        """The short predicate after a value (…14307人脱贫退出 -> 脱贫退出), or None; a qualifier
        word after the value (200平方米以上) is none."""
        for word in self.cfg.after_qualifiers:
            if view.startswith(word, q_end):
                return None
        return self._predicate(view, q_end, c_end)

    def _predicate(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        """The short predicate after a number that opens its clause (206人受益, 41人获评“最美家政人”)."""
        while q_end < c_end and view[q_end] == " ":
            q_end += 1
        joiner = self.list_joiner.match(view, q_end, c_end)
        if joiner is not None and joiner.end() > q_end and VALUE_START.match(view, joiner.end()):
            return None  # 113%、220%和148%: a joiner and the next value of a list, no predicate
        end = c_end
        while end > q_end and not (HAN.match(view, end - 1) or view[end - 1] in "”’》"):
            end -= 1
        if end - q_end < 1 or end - q_end > self.cfg.max_length or not HAN.match(view, q_end) or view[q_end] == "的":
            return None
        if NUMBER_CHAR.search(view, q_end, end):
            return None  # 由13677户49479人减至887户…: a predicate with values of its own says no what
        return q_end, end

    def _left(self, view: str, start: int, q_start: int) -> tuple[int, int] | None:
        """The phrase before a value (:meth:`_read_left`); the last one read is kept, since
        :meth:`find` asks for it again when nothing was found."""
        last = self._last_left
        if last[0] is view and last[1] == start and last[2] == q_start:
            return last[3]
        found = self._read_left(view, start, q_start)
        self._last_left = (view, start, q_start, found)
        return found

    def _read_left(self, view: str, start: int, q_start: int) -> tuple[int, int] | None:
        end = _before_spaces(view, start, q_start)
        stop = LAST_STOP.search(view, start, end)
        while stop is not None:
            # 县（市、区）国企260家: a mark inside a short bracket closed before the value is no stop
            close = BRACKET_CLOSE.match(view, stop.end(), end)
            opener = max(view.rfind("（", max(start, stop.start() - 8), stop.start()), view.rfind("(", max(start, stop.start() - 8), stop.start()))
            if close is None or opener < 0 or view[stop.start()] not in "、，,":
                note_at = self._note_open(view, start, stop.start(), end)
                if note_at is None:
                    break
                stop = LAST_STOP.search(view, start, note_at)  # 服务时长（指…签到、签退…的时长）超: a long note's marks
                continue
            stop = LAST_STOP.search(view, start, opener)
        if stop is not None:
            start = stop.end()
        bracket = max(view.rfind("（", start, end), view.rfind("(", start, end))
        if bracket >= 0 and view.find("）", bracket, end) < 0 and view.find(")", bracket, end) < 0:
            start = bracket + 1  # 发酵酒（增长87%）: inside an open bracket
        for _ in range(6):
            if self.change.search(view, start, end):
                break  # 营业收入同比增长: the change word belongs to the metric
            tail = self.tail.search(view, start, end)
            if tail is None:
                year = self.year_tail.search(view, start, end) or self.note_end.search(view, start, end)
                year = year or self.per_tail.search(view, start, end)  # 每人每月470元: the `per`
                tail = year.span() if year else self._adverb_tail(view, start, end)
            if tail is None or tail[0] == tail[1]:
                break
            if view.startswith("占", start) and tail[0] - start < 2 < end - start:
                break  # 占计划130%: a share of what, not a bare verb
            end = _before_spaces(view, start, tail[0])
        bracket = max(view.rfind("（", start, end), view.rfind("(", start, end))
        if bracket > start + 1 and view[end - 1] in "）)" and (
            not BRACKET_ALTERNATIVE.fullmatch(view, bracket, end) or view.startswith(self.note_openers, bracket + 1)
        ):
            # 定向捐款（含A地震）1671万元, 专项基金（中央专项彩票公益金）165万元: a note between the noun and
            # its value, not a bracket naming others of the noun's kind (县（市、区）国企260家)
            end = _before_spaces(view, start, bracket)
        for _ in range(6):
            while start < end and view[start] in " 　“”\"—-" + self.cfg.stop_chars:
                start += 1
            ordinal = self.ordinal_prefix.match(view, start, end)
            if ordinal and end - ordinal.end() >= 2:
                start = ordinal.end()  # 县妇联第八届原有执委39人: who and which session, not what
                continue
            per = self.per_prefix.match(view, start, end)
            if per and end - per.end() >= 2:
                start = per.end()  # 每千名老人拥有床位35张: per what, not what is counted
                continue
            item = ITEM_MARKER.match(view, start, end)
            if item and item.end() > start and end - item.end() >= 2 and HAN.match(view, item.end()):
                start = item.end()  # 1.新建职工书屋15家: the item number is no part of it
                continue
            note = self.note.match(view, start, end)
            if note and note.end() > start:
                start = note.end()  # ①税收收入, 【caption】投资: a mark opening the phrase
                continue
            m = self.head.match(view, start, end)
            y = self.year_prefix.match(view, start, end)
            if y and y.end() > start:
                start = y.end()
                continue
            if m and (m.end() < end - 1 or (m.end() == end - 1 and view[m.end()] in self.cfg.one_char_nouns)):
                start = m.end()  # (其中男: 男 alone)
                continue
            break
        adverb = self.sequence_in.search(view, start, end)
        if adverb is not None and end - adverb.end() >= 2:
            start = adverb.end()  # 该厂先后投入: who did it stands before the adverb, what was done after
        inner = None
        for inner in self.note.finditer(view, start, end):
            pass
        if inner is not None:
            # 四大主导产业［7］增加值占比提高: a mark inside cuts the phrase; the side next to the
            # number stands, the side before it when the number's side is too short or only a
            # change word (零售总额[2]增长 -> 零售总额: the subject of the change)
            after = self.skip_spaces(view, inner.end(), end)
            if end - after >= 2 and not (self.is_bare_change(view, after, end) and inner.start() - start >= 2):
                start = after
            else:
                end = _before_spaces(view, start, inner.start())
        if end - start < 2:
            # 其中男5200人，女4800人: a one-character noun of a breakdown is the metric; else too short
            return (start, end) if end - start == 1 and view[start] in self.cfg.one_char_nouns else None
        if end - start > 4 and not self.change.search(view, start, end) and not view.startswith("占", start):
            start = self._after_last_verb(view, start, end)
            y = self.year_prefix.match(view, start, end)
            if y and end - y.end() >= 2:
                start = y.end()  # 补发1-5月差额 -> 差额
        if view[end - 1] == "》":
            opener = view.rfind("《", max(0, end - TITLE_LENGTH), end)
            if opener >= 0 and end - opener > 3:
                return opener + 1, end - 1  # 发放《中暑急救简易读本》1万册: the title, whole
        if end - start > self.cfg.max_length:
            start = self._trim(view, start, end)
        start = self._after_organisation(view, start, end)
        start = self._after_total_adverb(view, start, end)
        if start > 0 and end - start > 3 and view[start - 1 : start + 1] in self.total_word_set:
            start += 1  # 共计生活救助金 cut 共/计生…: the total word's second character is no part of it
        for each in self.per_head.finditer(view, start, end):
            if end - each.end() >= 2:
                start = each.end()  # 困难职工每人补助200元 -> 补助: who per head is the `per`, not the metric
        through = self.channel_head.match(view, start, end)
        if through and end - through.end() > 2:
            start = through.end()  # 依托“妇女之家”开展活动 -> 开展活动
        shut = max(view.rfind("）", start, end), view.rfind(")", start, end))
        if shut >= start and end - shut > 2 and view.find(OPENER_OF[view[shut]], start, shut) < 0:
            opener = max(view.rfind("（", max(0, start - 10), shut), view.rfind("(", max(0, start - 10), shut))
            if opener < 0 or not (BRACKET_ALTERNATIVE.fullmatch(view, opener, shut + 1) or BRACKET_ALIAS.fullmatch(view, opener, shut + 1)):
                start = shut + 1  # （以下简称“A”）编制: never a bracket's tail (贫困残疾人（低保）药费补助 cut inside a short one stays)
        closer = max(view.rfind(ch, start, end) for ch in "”》’")
        if closer >= start and view.find(OPENER_OF[view[closer]], max(0, start - 1), closer) < 0 and end - closer > 2:
            start = closer + 1  # 建设”投资: never the tail of a quoted name cut in half
        elif closer >= start and start > 0 and view[start - 1] == OPENER_OF[view[closer]]:
            # the metric opens with a quoted name: through a channel (在“A”培训) it is what is done
            # there; otherwise the name keeps its opening quote (“A志愿者”队伍)
            if self.channel.search(view, max(0, start - 5), start - 1) and end - closer > 2:
                start = closer + 1
            elif view[closer] == "”" and view.find("“", start, closer) < 0 and not view.startswith("等", closer + 1):
                start -= 1
        close = view.rfind("”", start, end)
        if (
            close > start and view[close + 1 : end] in self.fund_words and QUOTED_ONLY.fullmatch(view, start, close + 1)
            and not self.numbered_term.search(view, start, close + 1)
        ):
            return close + 1, end  # 已收到“A”善款, “A”“B”救助款: the quoted names say whose money, the head what it is
        if self._series_name(view, start, close, end):
            return close + 1, end  # 建设“A空间”哺乳室30个: the series or brand, then what is counted
        return start, end

    def _series_name(self, view: str, start: int, close: int, end: int) -> bool:
        """Whether ``view[start:close + 1]`` ends in one quoted series or venue name (“A大讲堂”, after at most a
        verb before its opening quote) followed by a noun of two characters or more up to ``end``."""
        if close <= start or end - close - 1 < 2 or not HAN.match(view, close + 1) or not self.series_heads:
            return False
        if view[close + 1 : end] in self.series_programmes:
            return False  # “A空间”项目: one programme's name, counted whole
        opener = view.rfind("“", start, close)
        if opener < 0 or view.find("”", start, opener) >= 0 or not view.endswith(self.series_heads, opener, close):
            return False
        return opener == start or all(flag.startswith("v") for _, _, flag in self.words.words(view[start:opener], start))

    @staticmethod
    def _note_open(view: str, start: int, mark: int, end: int) -> int | None:
        """Where the bracket opens that holds the list or comma mark at ``mark`` when it is a note closed
        right before the value (志愿服务时长（指…签到、签退…记录的时长）超890万小时; metric12): a noun
        stands before it, and only a value verb of two characters or fewer after it; None otherwise."""
        if view[mark] not in "、，,":
            return None
        opener = max(view.rfind("（", max(start, mark - NOTE_REACH), mark), view.rfind("(", max(start, mark - NOTE_REACH), mark))
        if opener <= start + 1 or not HAN.match(view, opener - 1) or view.find("）", opener, mark) >= 0 or view.find(")", opener, mark) >= 0:
            return None
        return opener if NOTE_BODY.match(view, mark + 1, end) else None

    def per_alone_before(self, view: str, c_start: int, q_start: int) -> bool:
        """Whether a clause holds nothing before its value but a per phrase (…发放春节慰问金，人均
        200元): what it counts is named in the clause before."""
        return self.per_alone.fullmatch(view, c_start, q_start) is not None

    def breaks_down(self, view: str, start: int, end: int) -> bool:
        """Whether the clause before a value opens with a breakdown word (years.toml
        ``breakdown_openers``: 其中74万元…): the value is a part of an earlier total."""
        pos = self.skip_spaces(view, start, end)
        return view.startswith(self.breakdown_openers, pos, end)

    def _adverb_tail(self, view: str, start: int, end: int) -> tuple[int, int] | None:
        """A one-character adverb that is a word of its own at the end of the phrase before a
        value verb (外出务工的就有346人 -> 外出务工的, 人均收入只有500元 -> 人均收入); a word that
        ends in the same character (人才, 成就) is none."""
        if end - start < 3 or view[end - 1] not in self.value_adverbs:
            return None
        words = self.words.words(view[start:end], start)
        if len(words) < 2 or words[-1][1] - words[-1][0] != 1:
            return None
        return end - 1, end

    def _after_organisation(self, view: str, start: int, end: int) -> int:
        """Where the phrase starts once a body that acts is set aside: an organisation's name and
        one verb (市慈善总会捐赠30万元 -> 捐赠, 县总工会投入 -> 投入). The body is the fact's actor,
        not what is counted; a phrase of anything else stands (爱心企业捐款)."""
        if view.startswith("“", start) and self.org_end.search(view, max(0, start - ORG_REACH), start) is not None:
            # 中国红十字基金会“阳光天使基金”资助 cut to its last characters: the quoted fund of the
            # organisation before it and an acting verb after it -> the verb
            close = view.find("”", start, end)
            if close > start and end - close - 1 >= 2 and view[close + 1 : end] in self.acting_verbs:
                return close + 1
        inner = self._after_inner_body(view, start, end)
        if inner is not None:
            return inner
        if not self.org_then_verb.search(view, start, end):
            return start
        words = self.words.words(view[start:end], start)
        if len(words) < 2:
            return start
        v_start, v_end, flag = words[-1]
        if view[v_start:v_end] in self.acting_verbs or any(
            view.startswith(verb, v_start) and v_end - v_start - len(verb) >= 2 for verb in self.cfg.object_verbs
        ):
            # a verb of the body, or one and its object, whatever the tagger makes of it (市红十字会“博爱基金”资助,
            # 县慈善总会列支, 市关工委筹集资金: a noun or one word to the tagger)
            flag = "v"
        if v_end - v_start < 2 or not flag.startswith("v") or flag == "vn" or self.change.search(view, v_start, v_end):
            return start
        if view[v_start:v_end] in self.cfg.indicator_heads:
            return start  # 能源集团收入突破1000亿元: the body's own figure (收入 may be tagged a verb)
        body_end = v_start
        if len(words) >= 3 and view[words[-2][0] : words[-2][1]] in self.cfg.org_verb_adverbs:
            body_end = words[-2][0]  # 市县妇联共投入: an adverb of the total between body and verb
        if body_end - start > 1 and view[body_end - 1] == "”" and view.rfind("“", start, body_end) > start:
            body_end = view.rfind("“", start, body_end)  # 市红十字会“博爱基金”资助: the body's quoted fund goes with it
        org = self.org_end.search(view, start, body_end)
        if org is None or org[1] != body_end or body_end - start < 3 or self.not_org.search(view, start, body_end):
            return start
        if org[1] - org[0] == 1 and body_end == v_start and words[-2][1] - words[-2][0] < 3:
            return start  # 孕产妇住院分娩: a two-character word ending in 院 or 局 (住院, 布局) is no body
        return v_start

    def _after_total_adverb(self, view: str, start: int, end: int) -> int:
        """Where the phrase starts once what stands before an adverb of the total and its verb is set
        aside (各类慈善救助共支出 -> 支出, 前三年共开垦荒地 -> 开垦荒地): the phrase before 共 is who or
        what did it or when, the verb after it what the value counts, when the verb has an object of its
        own or an activity (a verb-noun) stands before 共; a noun before a bare verb is what is counted
        (各项税收共收到 stays); not a change (产量共增加了), not 累计 (第一针累计接种 is the series' name)."""
        if not self.total_adverbs or end - start < 4:
            return start
        words = self.words.words(view[start:end], start)
        for i in range(len(words) - 2, 0, -1):
            a, b, _ = words[i]
            if view[a:b] not in self.total_adverbs:
                continue
            v_start, _, flag = words[i + 1]
            if not flag.startswith("v") or self.change_in.match(view, v_start, end) or end - v_start > 6 or a - start < 2:
                return start
            if i + 2 >= len(words) and words[i - 1][2] != "vn":
                return start  # 各项税收共收到, 公路共修建: a noun before the bare verb is what is counted
            return v_start
        return start

    def _after_inner_body(self, view: str, start: int, end: int) -> int | None:
        """Where the phrase starts once a body named inside it is set aside, when a verb follows the
        body (XX镇团委下辖团支部 -> 下辖团支部): the body is the actor; its verb and what it governs are
        what is counted. None when the last body word in the phrase is not followed by a verb, or
        there is none. Only the words of inner_bodies (metric.toml) are read as bodies here: the
        generic organisation words (政府, 大学, 中心) also begin terms (政府采购, 大学合作).
        (A body word ends a word inside the phrase, so a phrase that holds no body word anywhere
        has none: it is not cut into words.)"""
        if self.any_inner_body.search(view, start, end) is None:
            return None
        words = self.words.words(view[start:end], start)
        for i in range(len(words) - 2, 0, -1):
            w_start, w_end, _ = words[i]
            org = self.inner_body.search(view, w_start, w_end)
            if org is None:
                continue
            if self.not_org.search(view, w_start, w_end):
                return None
            n_start, n_end, flag = words[i + 1]
            if not flag.startswith("v") or end - n_start < 2 or self.change.search(view, n_start, end):
                return None
            if view[n_start:n_end] in self.cfg.indicator_heads or self.change_in.match(view, n_start, n_end):
                return None  # 能源集团收入: the body's own figure
            return n_start
        return None

    def _after_last_verb(self, view: str, start: int, end: int) -> int:
        """举办“春风行动”就业招聘会 -> “春风行动”就业招聘会: what a verb governs, not the verb."""
        words = self.words.words(view[start:end], start)
        short_tail = False  # the last verb left too short an object: only a verb of handing out may take it
        quoted = _quoted_spans(view, start, end)
        for i in range(len(words) - 2, -1, -1):
            w_start, w_end, flag = words[i]
            if any(o < w_start < c for o, c in quoted):
                continue  # 发放“博爱送万家”家庭箱: a verb inside a quoted name governs nothing outside it
            if view[w_start:w_end] in self.passive:
                return w_start  # 救助被侵害妇女: the noun with its passive verb
            if flag.startswith("v") and flag != "vn" and end - w_end >= 2:
                if self.change.search(view, start, w_end):
                    return start
                verb = view[w_start:w_end]
                if verb in self.modal:
                    continue  # 人均可支配收入: a modal before a verb-noun is part of the noun
                before = view[words[i - 1][0]:words[i - 1][1]] if i > 0 else ""
                if before in self.passive or (before in self.modal and w_end - w_start == 1):
                    return words[i - 1][0]  # 被侵害妇女, 全县能繁母猪: the noun with the verb that modifies it
                if verb in self.subject_verbs:
                    # 餐饮住宿企业实现零售额 -> 企业实现零售额: the subject's head stays with the verb
                    head = words[i - 1] if i > 0 else None
                    if head is not None and head[2].startswith(NOUNISH) and head[1] - head[0] >= 2:
                        return head[0]
                    return w_start if end - w_end < 4 else w_end
                nxt = w_end
                while nxt < end and view[nxt] in self.cfg.prepositions:
                    nxt += 1
                if nxt < end - 2 and view[nxt] in self.cfg.aspect_marks:
                    nxt += 1  # 安排了就业人员: the aspect mark after the verb is no part of its object
                # what remains must be a phrase of its own; after a verb that hands out or
                # raises what is counted (发放助学金, 争取善款) a two-character noun is enough
                least = 2 if verb in self.object_verbs or self.letter_word.fullmatch(view, nxt, end) else 4
                if verb in self.flow_verbs and nxt == w_end and view[nxt:end] in self.flow_heads:
                    return w_start  # 接受社会捐赠款物 -> 捐赠款物: a bare head of a flow keeps the verb that says which
                if end - nxt >= least and (not short_tail or verb in self.object_verbs):
                    return nxt
                if not short_tail and verb in self.event_verbs and w_start > start:
                    return w_start  # 依托乡村少年宫开展研学 -> 开展研学: the event verb and its short object
                if short_tail or not any(
                    view[a:b] in self.object_verbs for a, b, _ in words[:i]
                ):
                    return start
                # 镇工会筹集慰问资金: a short verb-noun compound (慰问资金) after a verb that hands
                # out or raises it (筹集) is that verb's object
                short_tail = True
        return start

    def _trim(self, view: str, start: int, end: int) -> int:
        """Keep the words nearest the number, at most ``max_length`` characters."""
        cut = start
        for w_start, w_end, _ in self.words.words(view[start:end], start):
            if end - w_start <= self.cfg.max_length:
                if view[w_start:w_end] in self.noun_joiners and end - w_end >= 2:
                    return w_end  # …培训班和“健康知识大讲堂”: never open on the joiner of two names
                return w_start
            cut = w_start
        return cut

    @staticmethod
    def _right_possible(view: str, q_end: int, c_end: int) -> bool:
        return q_end < c_end and RIGHT_START.match(view, q_end, q_end + 1) is not None

    def _right(
        self, view: str, q_end: int, c_end: int, after_de: bool = False, loose: bool = False
    ) -> tuple[int, int] | None:
        """The noun phrase right after the number (为163名农村贫困“两癌”患病母亲): modifiers, a
        relative clause with 的 (681名切实需要帮助的困境青少年), quoted names and 《titles》 kept;
        it ends at the first word after its nouns that is no noun. None when no noun follows.
        ``after_de``: the number is the object of a verb before it, and a noun after 的 is what
        it counts (发放5000册的《读本》); else 宽1.8公里的绿色屏障 measures no 屏障."""
        value_end = q_end
        for word in self.cfg.after_qualifiers:
            if view.startswith(word, q_end):
                q_end += len(word)  # 5个以上重大专项: the noun comes after the qualifier
                break
        if after_de and view.startswith("的", q_end) and q_end + 1 < c_end:
            q_end += 1  # 发放5000册的《读本》, 每人1000元的助学金
        if view.startswith("《", q_end):
            close = view.find("》", q_end, c_end)
            if close > q_end + 1:
                after = close + 1  # 《四季养生》知识培训: the title and the short noun after it
                for w_start, w_end, flag in self.words.words(view[close + 1 : c_end], close + 1):
                    if w_end - close - 1 > 4 or not HAN.match(view, w_start) or flag.startswith(("p", "c", "u", "d")):
                        break
                    after = w_end
                return (q_end, after) if after > close + 1 else (q_end + 1, close)
        gap = self.skip_spaces(view, q_end, c_end)
        if gap > q_end and view.startswith(("“", "「"), gap):
            q_end = gap  # 16名 “两癌”农村贫困妇女: a space before a quoted name is no stop
        if not self._right_possible(view, q_end, c_end):
            return None
        lead = self.count_determiner.match(view, q_end, c_end)
        if lead is not None and lead.end() < c_end:
            # 为135名各类残疾人: a word of kinds opens the noun phrase; the tagger makes it a pronoun
            span_end = self._right_words(view, lead.end(), c_end, loose=loose)
            if span_end > lead.end() and HAN.match(view, lead.end()):
                return q_end, span_end
        span_end = self._right_words(view, q_end, c_end, loose=loose)
        shared = self._shared_noun(view, q_end, c_end)
        if shared is not None and shared[1] > span_end:
            return shared  # 百名特别困难、特殊家庭的青少年: modifiers before a 、 share the noun after it
        if span_end - q_end < 1 or not HAN.search(view, q_end, span_end):
            return self._verb_noun_alone(view, q_end, c_end) if HAN.match(view, value_end - 1) else None
        if view.startswith(("“", "「"), q_end):
            close = view.find("”", q_end, span_end)
            if self._series_name(view, q_end, close, span_end):
                q_end = close + 1  # 举办8场“A大讲堂”讲座: the series the events run under, then what is counted
        if view[value_end - 1] not in self.cfg.object_classifiers:
            return q_end, span_end  # 1000万千瓦光伏基地、…: a size measures one thing, no list
        return q_end, self._noun_list_end(view, q_end, span_end, c_end)

    def _shared_noun(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        """Modifiers alone before a 、 and a noun phrase after it that they share (百名特别困难、特殊
        家庭的青少年, 3200余名高、初中毕业生): the number counts the noun of both, so the phrase runs
        over the 、 to it; None when the piece before the mark holds anything but modifiers (adjectives,
        distinguishing words, adverbs) or the piece after it no noun or a value of its own."""
        marks = self.cfg.noun_list_marks
        mark = q_end
        while mark < min(c_end, q_end + 5) and view[mark] not in marks and view[mark] not in self.cfg.stop_chars:
            mark += 1
        if not marks or mark >= len(view) or view[mark] not in marks or mark == q_end:
            return None
        words = self.words.words(view[q_end:mark], q_end)
        if not words or not all(flag[:1] in ("a", "b", "d") for _, _, flag in words) or not any(flag[:1] in ("a", "b") for _, _, flag in words):
            return None
        nxt = mark + 1
        stop = nxt
        while stop < len(view) and view[stop] not in self.cfg.stop_chars:
            stop += 1
        end = self._right_words(view, nxt, stop, loose=True)
        if end <= nxt or NUMBER_CHAR.search(view, nxt, end) or not HAN.match(view, end - 1):
            return None
        return q_end, end

    def _noun_list_end(self, view: str, start: int, end: int, c_end: int) -> int:
        """Where a list of nouns after a number ends (13个镇、街道, 900名社区干部、网格员、志愿者):
        each later item opens with a noun, or ends with the first item's last word (帮扶对象、安置
        对象), holds no value and has no value right after it (5个站点、妇女300人 stops at 站点);
        a closing word and the shared head after it are kept (…、…等困难群体)."""
        marks = self.cfg.noun_list_marks
        if not marks or end >= len(view) or view[end] not in marks:
            return end
        # clauses end at 、: the list runs on to the sentence's next other stop
        c_end = end + 1
        limit = min(len(view), end + LIST_ITEMS_REACH)
        while c_end < limit and (view[c_end] in marks or view[c_end] not in self.cfg.stop_chars):
            c_end += 1
        head = self.words.words(view[start:end], start)[-1]
        head_word = view[head[0] : head[1]]
        first_end = end
        while end < c_end and view[end] in marks:
            item_start = end + 1
            item_end = self._right_words(view, item_start, c_end, loose=True)
            piece_end = item_start
            while piece_end < c_end and view[piece_end] not in marks:
                piece_end += 1
            if item_end <= item_start or NUMBER_CHAR.search(view, item_start, piece_end):
                break  # 5个站点、妇女之家8个: the next piece has a value of its own
            if self.list_item_stop.match(view, item_start):
                break  # 两个阶级、两条道路: the next piece is a value of its own
            words = self.words.words(view[item_start:item_end], item_start)
            shared = view.endswith(head_word, item_start, item_end)  # 帮扶对象、特困供养对象: one head
            for k in range(1, 0 if shared else len(words)):
                if (
                    words[k][2][:1] in ("m", "q") or self.list_item_stop.search(view, words[k][0], words[k][1])
                    or not (words[k][2] in ITEM_NOUNS or words[k][2][:1] in ("a", "b"))
                ):
                    item_end = words[k][0]  # 镇、街道近百名…: the item ends before a number
                    words = words[:k]
                    break
            if not (words[0][2] in ITEM_NOUNS or shared):
                break
            if any(view[a:b] in ITEM_BREAKS for a, b, _ in words):
                break  # 学校、幼儿园的校舍, a quoted name: a phrase of its own, no item
            if not self._item_closed(view, item_end, piece_end):
                break  # 床位数、执业(助理)医师: the item's noun was cut short
            end = item_end
        for word in self.cfg.noun_list_close:
            if end > first_end and view.startswith(word, end):
                tail_start = end + len(word)
                tail = self._right_words(view, tail_start, c_end)
                words = self.words.words(view[tail_start:tail], tail_start)
                if (
                    0 < tail - tail_start <= LIST_HEAD_LENGTH and not NUMBER_CHAR.search(view, tail_start, tail)
                    and all(flag in ITEM_NOUNS or flag[:1] in ("a", "b") for _, _, flag in words)
                    and words[-1][2] != "vn"  # …等项目建设: the head is 项目; 建设 is what is done to it
                    and self._item_closed(view, tail, c_end)
                ):
                    return tail
        return end

    def _item_closed(self, view: str, item_end: int, piece_end: int) -> bool:
        """Whether a list item's noun ends where it should: at its piece's end, or before a verb,
        preposition, adverb, conjunction, number, or the list's closing word."""
        pos = self.skip_spaces(view, item_end, piece_end)
        if pos >= piece_end or any(view.startswith(word, pos) for word in self.cfg.noun_list_close):
            return True
        if self.list_item_stop.match(view, pos):
            return True
        nxt = self.words.words(view[pos:piece_end], pos)
        return bool(nxt) and (
            nxt[0][2][:1] in ("v", "p", "d", "m", "q", "l", "i") or self.list_item_stop.search(view, nxt[0][0], nxt[0][1]) is not None
        )

    def _relative_after_sum(self, view: str, left: tuple[int, int], q_end: int, c_end: int) -> bool:
        """Whether a sum given by the verb before it is followed by a clause of what it paid for
        (``relative_verbs`` then 的: 捐款50万元援建的希望小学, 投入20万元建设的食堂): the sum counts
        what the verb before it gives, not the thing built with it."""
        if not self.cfg.money_marks or view[q_end - 1] not in self.cfg.money_marks:
            return False
        words = self.words.words(view[left[0] : left[1]], left[0])
        if not words or not words[-1][2].startswith("v"):
            return False  # 捐赠 may be tagged a verb-noun: either is a verb of giving here
        return self.relative_verb.match(view, self.skip_spaces(view, q_end, c_end), c_end) is not None

    def _ends_in_verb(self, view: str, left: tuple[int, int]) -> bool:
        """Whether the phrase before a number ends in a verb (在车站布设, 为环卫工人发放)."""
        words = self.words.words(view[left[0] : left[1]], left[0])
        while len(words) > 1 and words[-1][2] in ("ul", "uz", "ug"):
            words.pop()  # 发放了: the verb before the aspect particle
        return bool(words) and words[-1][2].startswith("v") and words[-1][2] != "vn"

    def _counts_things(self, view: str, q_end: int) -> bool:
        """Whether the quantity ending at ``q_end`` ends in a measure word of things handed out or
        set up (``thing_classifiers``: 套, 台, 只, 份 …)."""
        return view[q_end - 1] in self.cfg.thing_classifiers

    def _counts_events(self, view: str, q_end: int) -> bool:
        """Whether the quantity ending at ``q_end`` ends in a measure word of events or places
        (``event_classifiers``: 场, 期, 个), not one of people (人次 ends in 次 too)."""
        return view[q_end - 1] in self.event_classifiers and not view.endswith(self.people_units, 0, q_end)

    def _clause_close(self, view: str, start: int, c_end: int) -> int:
        """The clause's end less the spaces and stop marks closing it, not before ``start``."""
        end = c_end
        while end > start and (view[end - 1] in " \t\u3000" or view[end - 1] in self.cfg.stop_chars):
            end -= 1
        return end

    def _short_object(self, view: str, left: tuple[int, int], q_end: int, c_end: int) -> tuple[int, int] | None:
        """After a bare verb and a measure word, a short word closing the clause is what is counted,
        whatever its tags (设立了3个回收点。 -> 回收点: 回收 is tagged a verb): two to four Han
        characters and nothing else up to the clause's end."""
        thing = self._counts_things(view, q_end)
        if not (thing or self._counts_events(view, q_end)):
            return None
        end = self._clause_close(view, q_end, c_end)
        # 推出12场各类文艺演出活动。: a count of events before a named event closing the clause
        named_at = None if thing else self.event_phrase.fullmatch(view, q_end, end)
        thing = thing or named_at is not None
        if not (self._is_bare_verb(view, left) or (thing and self._ends_in_verb(view, left))):
            return None
        limit = self.cfg.object_phrase_length if thing else 4
        if not 2 <= end - q_end <= limit or not HAN_RUN.fullmatch(view, q_end, end):
            return None
        doer_end = end if named_at is None else named_at.start("head")  # 招聘会 names the event
        if thing and end - q_end > 4 and self._acting_verb(view, q_end, doer_end, named_at is not None):
            return None  # 购置2台设备开展检测: a phrase with a verb of its own is no object
        first = self.words.words(view[q_end:end], q_end)[0]
        if thing and (first[2].startswith(("d", "p", "u")) or view[first[0] : first[1]] in self.adverbs):
            return None  # 提案831件全部办复: an adverb opens a predicate, not a noun
        if any(view.startswith(word, q_end) for word in self.cfg.after_qualifiers):
            return None  # 竣工38个以上: a qualifier, nothing counted
        return q_end, end

    def _acting_verb(self, view: str, start: int, end: int, named: bool) -> bool:
        """Whether a verb of acting stands in ``start:end``; before a named event's head only where
        it is tagged a verb, not a verb-noun (各类特色服务活动: 服务 modifies the event)."""
        if not named:
            return self.doer.search(view, start, end) is not None
        return any(
            self.doer.fullmatch(view, a, b) is not None and flag.startswith("v") and flag != "vn"
            for a, b, flag in self.words.words(view[start:end], start)
        )

    def _fund_object(self, view: str, left: tuple[int, int], q_end: int, c_end: int) -> tuple[int, int] | None:
        """After a verb, a sum of money followed by the phrase naming the fund (投入120万元扶贫资金并…
        -> 扶贫资金): Han words from the value up to the last that ends in one of ``fund_heads``, at
        most ``object_phrase_length`` characters, none a verb of acting or an adverb, preposition or
        particle opening it."""
        if not self.cfg.money_marks or view[q_end - 1] not in self.cfg.money_marks or not self._ends_in_verb(view, left):
            return None
        end = None
        for w_start, w_end, flag in self.words.words(view[q_end:c_end], q_end):
            if w_end - q_end > self.cfg.object_phrase_length or not HAN_RUN.fullmatch(view, w_start, w_end):
                break
            if w_start == q_end and (flag.startswith(("d", "p", "u", "c", "m", "q")) or view.startswith("的", w_start)):
                return None  # 投入50万元用于…, 投入30万元的: no noun follows the sum
            if self.doer.fullmatch(view, w_start, w_end):
                break
            if self.fund_head.search(view, w_start, w_end):
                end = w_end
        if end is None or end - q_end < 2:
            return None
        return q_end, end

    def is_total(self, view: str, start: int, end: int) -> bool:
        """Whether a metric is a word of a total alone (合计, 共计)."""
        return view[start:end] in self.cfg.total_words

    def _acts_on_next(self, view: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
        """Whether the word after a value is a verb-noun alone acting on the next value (…16万元救助
        52名…), while a noun phrase that is no verb stands before the value."""
        words = self.words.words(view[right[0] : right[1]], right[0])
        if len(words) != 1 or words[0][2] != "vn" or not self._value_follows(view, right):
            return False
        return not self._ends_in_verb(view, left) and not self._is_scope_word(view, left)

    def _own_predicate(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        """The short predicate after a value when it opens with a verb (20人获省总工会救助), or None."""
        words = self.words.words(view[q_end:c_end], q_end)
        if not words or not words[0][2].startswith("v") or words[0][2] == "vn":
            return None
        return self.predicate(view, q_end, c_end)

    def _pivot(self, view: str, left: tuple[int, int], q_end: int, c_end: int) -> tuple[int, int] | None:
        """After a bare verb, a count of people with no noun after it, followed by what they did
        (直接带动了230人实现就业 -> 实现就业): the people are the verb's object and the next
        verb's subject; what they did is counted, not the verb before them."""
        if not self.cfg.pivot_people or view[q_end - 1] not in self.cfg.pivot_people:
            return None
        if not (self._ends_in_verb(view, left) or view.endswith(self.pivot_verbs, left[0], left[1])):
            return None
        return self._event(view, q_end, c_end) if self._own_predicate(view, q_end, c_end) is not None else None

    def _event_phrase_end(self, view: str, start: int, q_end: int, c_end: int) -> int | None:
        """Where a named event or place that closes the clause after a count ends (20场法律知识进社区
        宣讲活动, 5场女性就业招聘会): the phrase from ``start`` (the first word after the nouns) to the
        clause's end is Han only, ends in one of ``event_heads`` and holds no verb that acts on a
        value or makes the noun its subject (发放5万元慰问金开展走访活动 stops at 慰问金, 3个园区入选
        国家级示范基地 at 园区). Only after a measure word of events or
        places (``event_classifiers``): 300名群众观看演出 counts people who watch."""
        if not self._counts_events(view, q_end):
            return None
        end = self._clause_close(view, start, c_end)
        phrase = self.event_phrase.fullmatch(view, start, end) if end - q_end <= self.cfg.max_length else None
        if phrase is None or self._acting_verb(view, start, phrase.start("head"), True):
            return None
        return end

    def _verb_noun_alone(self, view: str, q_end: int, c_end: int) -> tuple[int, int] | None:
        """After a measure word, one word of two or more characters that ends the clause is a noun
        whatever its tag (发起5000多笔捐款。 -> 捐款, 出台22条举措。 -> 举措): a measure word is
        followed by what it counts. Not after a percentage (按4%左右安排)."""
        if len(view[q_end:c_end].strip(" \t\u3000" + self.cfg.stop_chars)) > self.cfg.max_length + RIGHT_MARGIN:
            return None  # more than one word is left in the clause (read without the tagger)
        words = self.words.words(view[q_end:c_end], q_end)
        if not words or words[0][1] - words[0][0] < 2 or not words[0][2].startswith("v"):
            return None
        if view[words[0][1] : c_end].strip(" \t\u3000" + self.cfg.stop_chars):
            return None
        return words[0][0], words[0][1]

    def _right_words(self, view: str, q_end: int, c_end: int, title: bool = False, loose: bool = False) -> int:
        """Where the noun phrase starting at ``q_end`` ends (``q_end`` when there is none).
        ``title``: a 《title》 stands before, which counts as a noun. Verbs before the first noun
        belong to it only through 的 (切实需要帮助的困境青少年); without one the number is the
        subject of the verb (301个纳入省重点), and nothing counted follows."""
        span_end = q_end
        seen_noun = title
        pending = False  # verbs of a relative clause, waiting for 的
        after_modal = False
        after_de = False
        quote_open = False
        class_end = q_end  # the end of a class word opening the phrase (三级, 国家级)
        limit = q_end + self.cfg.max_length + 4
        # the words past the limit are never read: the tagger reads a few characters beyond it
        # only, so that a clause without stops is not cut into words to its end for each value
        words = self.words.words(view[q_end : min(c_end, limit + RIGHT_MARGIN)], q_end)
        for i, (w_start, w_end, flag) in enumerate(words):
            word = view[w_start:w_end]
            if w_end > limit:
                break
            if word in self.adverbs and not quote_open and (
                i + 1 == len(words)
                or (words[i + 1][2].startswith(("v", "d", "x", "l")) and words[i + 1][2] != "vn")
                or (seen_noun and word not in self.adverb_modifiers)
            ):
                # 216个“两重”项目全部开工, 贫困县全部摘帽, 611人全部脱贫: an adverb the tagger makes a noun
                # ends the phrase after a noun, or before a verb (not 基本 before a noun: 11类41项基本
                # 公共卫生服务, 城镇居民基本医疗保险; nor one inside a quoted name: “一年基本恢复”项目)
                break
            if word in self.people_nouns and (
                view[q_end - 1] in self.cfg.pivot_people or (i + 1 < len(words) and words[i + 1][2].startswith(NOUNISH))
            ):
                flag = "n"  # 200余名青年参与…, 19支青年突击队: 青年 is tagged a time word
            if word in ("（", "(") and seen_noun and not pending:
                close = BRACKET_ALTERNATIVE.match(view, w_start, c_end)
                if close is None or view.startswith(self.note_openers, w_end):
                    break  # 6个街道（每天一个街道）: a note after the noun, as before a value, is no part of it
                span_end = close.end()  # 57个县（市、区）: the bracket names the same kind and ends it
                break
            modal, after_modal = after_modal, word in self.modal
            if word in ("“", "‘", "《") or (word == '"' and not quote_open):
                quote_open = True  # ASCII "…" too: 投放3台"银证通一体机"
                continue
            if flag == "b" and not seen_noun and not pending and not quote_open:
                # 三级公立综合医院, 国家级非遗传承人: a class word opens the noun, which may be a
                # verb-noun compound after it; alone it is the noun
                class_end, loose = w_end, True
                continue
            if flag == "h" and not seen_noun:
                continue  # 非遗: a prefix
            if (
                word in self.attribute_suffixes and pending and not seen_noun and not quote_open and i > 0
                and words[i - 1][2].startswith("v") and words[i - 1][1] == w_start and words[i - 1][0] == q_end
            ):
                # 两轮输入性突发疫情, 5个引领型项目: verb + 性/型 is an attribute, not a clause, and like a
                # class word it may open a verb-noun compound (突发疫情)
                pending, loose = False, True
                continue
            if word in ("”", "’", "》") or quote_open or flag.startswith(NOUNISH):
                quote_open = quote_open and word not in ("”", "’", "》", '"')
                if pending and loose and not seen_noun and span_end == q_end:
                    pending = False  # 外来务工人员, 留守儿童: a verb-noun compound
                if not pending:
                    seen_noun = True
                    span_end = w_end
                continue
            if word == "的":
                after_de = True
                if pending:
                    pending = False
                    continue
                if seen_noun:
                    continue  # 高温作业的企事业: the noun after 的 is the head
                break
            if seen_noun and not pending and flag.startswith(("a", "b")):
                continue  # 国家先进制造业集群: a modifier inside the compound, kept if a noun follows
            if seen_noun and not pending and word in self.noun_joiners and HAN.match(view, w_end):
                continue  # 6家烟酒和药材贸易公司: two nouns joined before one head, kept if a noun follows
            if (
                seen_noun and not pending and word in self.level_suffixes and i + 1 < len(words) and words[i + 1][2].startswith(NOUNISH)
                and (len(word) == 1 or words[i - 1][1] - words[i - 1][0] == 1)  # 区本级, not 31个省份本级公务接待费
            ):
                continue  # 25个区本级公益性项目, 3个自治区级示范区: a level after a place noun, inside the phrase
            if seen_noun:
                span_end = self._event_phrase_end(view, w_start, q_end, c_end) or span_end
                break
            if flag.startswith(("a", "m", "q", "b")) or after_modal or modal or (flag == "f" and not seen_noun and w_end - w_start >= 2):
                continue  # 老旧小区, 可量化指标, 外来务工人员 (外来 f): modifiers before the noun
            if flag.startswith(("v", "d", "l", "i")):
                pending = pending or not after_de  # …保险的赠送名额: after 的 a verb modifies the noun
                continue
            break
        found = q_end if pending else span_end
        return class_end if found == q_end else found

    def subject(self, view: str, sent_start: int, clause_start: int) -> tuple[int, int] | None:
        """The subject stated once for several numbers: the nearest earlier clause of the
        sentence without a number (城乡居民的平均消费水平，由…元增加到…元)."""
        pos = clause_start
        for _ in range(3):
            if pos <= sent_start:
                return None
            prev = max(view.rfind(ch, sent_start, pos - 1) for ch in "，、：,:") + 1
            prev = max(prev, sent_start)
            if not NUMBER_CHAR.search(view, prev, pos):
                span = self._left(view, prev, pos - 1)
                if span is not None and self.heads_only.fullmatch(view, *span):
                    return None  # 此外，37万余人参与…: an opener or scope word says nothing counted
                if span is not None and self.time_only.search(view[span[0] : span[1]]):
                    pos = prev  # …的比重，在调整初期由…: a time clause; the subject stands before it
                    continue
                if span is not None and span[1] - span[0] <= 16:
                    return span
                return None
            pos = prev
        return None

    def compared_subject(self, view: str, start: int, end: int) -> tuple[int, int] | None:
        """In the clauses from ``start`` to ``end`` (no number among them), the subject of the last
        clause that compares it (全体居民人均可支配收入增速高于经济增速 -> 全体居民人均可支配收入), or None."""
        if start >= end or NUMBER_CHAR.search(view, start, end):
            return None
        clause = max(start, max(view.rfind(ch, start, end - 1) for ch in "，、：,:") + 1)
        m = self.comparison.search(view, clause, end)
        if m is None:
            return None
        stop = m.start()
        tail = self.rate_tail.search(view, clause, stop)
        if tail is not None:
            stop = tail.start()
        while clause < stop and view[clause] in " 　“”\"—-":
            clause += 1
        if stop - clause < 2 or stop - clause > self.cfg.max_length or self.heads_only.fullmatch(view, clause, stop):
            return None
        return clause, stop  # read whole: a verb inside a name (可支配收入) cuts nothing here

    def subject_before(self, view: str, c_start: int, q_start: int) -> tuple[int, int] | None:
        """The noun phrase that opens a clause before its verb and value (地区生产总值 of
        全省地区生产总值连跨4个…), or None when only a verb, scope or time word stands there."""
        span = self._left(view, c_start, q_start)
        if span is None or self.heads_only.fullmatch(view, *span) or self.time_only.search(view[span[0] : span[1]]):
            return None
        if self._is_bare_verb(view, span) or self.change.search(view, *span):
            return None
        words = self.words.words(view[span[0] : span[1]], span[0])
        while words and (words[-1][2].startswith(("v", "d", "u")) and words[-1][2] != "vn"):
            words.pop()  # 连跨, 持续保持: the verb before the value is no part of the subject
        if not words or words[-1][1] - span[0] < 2:
            return None
        end = words[-1][1]
        return (span[0], end) if end > span[0] else None

    def respective(
        self, view: str, sent_start: int, q_start: int, k: int, later: bool = False
    ) -> tuple[int, int] | None:
        """分别 lists: the k-th listed item when the items are whole indicator names
        (进口货值、免签入境游客分别增长20%、30%); None when they only modify a shared head
        (城镇、农村居民人均可支配收入分别增长) or there is no such list. ``later``: the value
        stands in a later 分别 clause (…分别达120万吨、30万吨，分别增长2.1%、3.5%) that refers
        back to the items: it takes its own item, or, after a shared head, its change phrase."""
        fen = view.rfind("分别", sent_start, q_start)
        if fen < 0:
            return None
        return self._respective_at(view, sent_start, fen, q_start, k, later)

    def _respective_at(
        self, view: str, sent_start: int, fen: int, q_start: int, k: int, later: bool
    ) -> tuple[int, int] | None:
        seg_start = max(view.rfind(ch, sent_start, fen) for ch in "，。；：\n") + 1
        seg_start = max(seg_start, sent_start)
        seg_end = fen
        tail = self.respective_tail.search(view, seg_start, seg_end)
        if tail:
            seg_end = tail.start()
        head = self.head.match(view, seg_start, seg_end)
        if head:
            seg_start = head.end()
        years = self.year_list.match(view, seg_start, seg_end)  # 2021年、2022年…分别: years, no items
        items = [(m.start(), m.end()) for m in LIST_ITEM.finditer(view, years.end() if years else seg_start, seg_end)]
        if len(items) < 2 and seg_start - 1 > sent_start:
            # …分别完成…，同比分别增长…: the items were listed before the first 分别
            own = k if later else len(NUMBER_TOKEN.findall(view, fen + 2, q_start))  # its place in its list
            earlier = view.rfind("分别", sent_start, seg_start - 1)
            stop = min((i for i in (view.find(ch, fen, q_start + 200) for ch in "，。；\n") if i >= 0), default=q_start + 200)
            n = len(NUMBER_TOKEN.findall(view, fen + 2, stop))
            if earlier >= 0:
                # …分别完成a、b，同比分别增长…: the items of the earlier list; unless items with
                # values of their own stand between (…分别增长…，企业所得税1.6亿元、房产税1.3亿元，同比分别下降…)
                floor = min((i for i in (view.find(ch, earlier, seg_start) for ch in "，；") if i >= 0), default=seg_start)
                between = self._clause_item(view, floor + 1, seg_start, n, own) if not items else None
                if between is not None:
                    return between
                return self._respective_at(view, sent_start, earlier, seg_start - 1, own, True)
            if items:
                return None  # 城乡居民人均可支配收入分别增长: one subject for all the values
            # 地区生产总值60.3亿元，一般公共预算收入2亿元，同比分别-6.2%、-19.3%: one clause each
            return self._clause_item(view, sent_start, seg_start, n, own)
        if len(items) < 2:
            return None
        first_value = VALUE_START.search(view, fen, q_start + 1)
        # a list of things of their own before a verb of level (…家禽分别出栏), not before a change
        # (黄金、白银、镍产量分别增长: the items modify the shared head of the change)
        own = self._parallel(view, items) and (later or not self.change_in.search(view, fen, first_value.start() if first_value else fen + 2))
        if all(self.indicator_head.search(view, s, e) for s, e in items) or own:
            return items[k] if k < len(items) else None
        if later:
            return None
        # a shared head: the last item with the change phrase (人均可支配收入分别增长)
        end = first_value.start() if first_value else fen + 2
        if view[fen + 2 : end].strip() in self.respective_levels and fen > items[-1][0]:
            end = _before_spaces(view, items[-1][0], fen)  # …人均可支配收入分别达到37820元: a level's verb goes
        return (items[-1][0], end) if end > items[-1][0] else None

    def _parallel(self, view: str, items: list[tuple[int, int]]) -> bool:
        """Whether the items of a 分别 list are things of their own, each a short noun and the last
        no longer than the others (生猪、牛、羊、家禽分别出栏…): no shared head follows the last item,
        as 人均可支配收入 follows 农村居民 in 城镇、农村居民人均可支配收入. ``respective_item_length``
        bounds an item."""
        lengths = [e - s for s, e in items]
        if max(lengths) > self.cfg.respective_item_length:
            return False
        if not all(HAN_RUN.fullmatch(view, s, e) for s, e in items):
            return False
        if any(not LIST_JOINER_CHARS.search(view, items[i][1], items[i + 1][0]) for i in range(len(items) - 1)):
            return False  # “保交楼”“保交房”交付率: quoted names before a shared head, no list of items
        heads = [self.indicator_head.search(view, s, e) is not None for s, e in items]
        if heads[-1] and not all(heads):
            return False  # 肉、奶产量: only the last item holds the head the others share
        return lengths[-1] <= max(lengths[:-1]) + 1

    def _clause_item(self, view: str, sent_start: int, end: int, n: int, k: int) -> tuple[int, int] | None:
        """The metric of the k-th of the ``n`` clauses or list items with a value just before ``end``
        (国内生产总值达到141亿元，人均生产总值达到31228元，分别比2012年增长65%、59.8%; 接待游客
        1.2亿人次、旅游花费980亿元，分别增长…)."""
        if n < 2 or k >= n:
            return None
        found: list[tuple[int, int]] = []  # (clause start, first value) of each clause, last first
        pos = end - 1
        while len(found) < n and pos > sent_start:
            c_start = max(max(view.rfind(ch, sent_start, pos) for ch in "，；、") + 1, sent_start)
            value = NUMBER_CHAR.search(view, c_start, pos)
            while value is not None and (year := CLAUSE_YEAR.match(view, value.start())) is not None:
                value = NUMBER_CHAR.search(view, year.end(), pos)  # 2019年预计…: the year is no value of the clause
            if value is None:
                return None
            found.append((c_start, value.start()))
            pos = c_start - 1
        if len(found) < n:
            return None
        c_start, v_start = found[n - 1 - k]
        return self._left(view, c_start, v_start)

    def one_run(self, view: str, end: int, start: int) -> bool:
        """Whether the text between a value ending at ``end`` and the next starting at ``start``
        joins them into one run (a range, a from-to, a list)."""
        return self.value_run.search(view, end, start) is not None

    def is_from_to(self, view: str, start: int, end: int) -> bool:
        """由162.4亿元增加到300亿元: a change word with 到/至 joins two values of one metric."""
        return self.from_to.search(view, start, end) is not None

    def is_bare_change(self, view: str, start: int, end: int) -> bool:
        """A metric that is only a change word (增加, 提高到): the value of a from-to pair."""
        return self.bare_change.fullmatch(view, start, end) is not None

    def is_change(self, view: str, start: int, end: int) -> bool:
        """Whether a metric phrase ends with a change word (增长 下降 提高 …)."""
        return self.change.search(view, start, end) is not None

    def _adverbs_only(self, view: str, left: tuple[int, int]) -> bool:
        """A phrase of adverbs alone (全面, 进一步, 不断): no noun in it."""
        words = self.words.words(view[left[0] : left[1]], left[0])
        return bool(words) and all(flag in ("d", "ad") or view[a:b] in self.adverbs for a, b, flag in words)

    def _is_scope_word(self, view: str, left: tuple[int, int]) -> bool:
        """A place, pronoun or scope word alone (全市32.8万台农业机械, 全市还, 为全市, 西藏…) is not
        what is counted."""
        if self.heads_only.fullmatch(view, left[0], left[1]):
            return True
        if self.locative.search(view, left[0], left[1]):
            return True  # 西山自然保护区内3家企业: where, not what
        words = self.words.words(view[left[0] : left[1]], left[0])
        if len(words) <= 2 and self.place_end.search(view, left[0], left[1]):
            return True  # 奋斗镇4000平方米保鲜库: a place named before the number
        return len(words) == 1 and words[0][2] in ("ns", "nr", "nt", "r", "j")

    def _is_bare_verb(self, view: str, left: tuple[int, int]) -> bool:
        """A clause that is only a verb before the number (惠及310万户家庭) counts what follows."""
        if self.action.fullmatch(view, left[0], left[1]):
            return True
        words = self.words.words(view[left[0] : left[1]], left[0])
        return (
            words[0][2].startswith("v")
            and all(flag.startswith(("v", "u", "d", "p", "y", "c")) and flag != "vn" for _, _, flag in words)
            and not self.change.search(view, left[0], left[1])
        )
