"""Initiative: which named programme is in force at each point of the document.

A quoted name (“ ” ‘ ’ 「 」 or ASCII "…") is an initiative when a programme word follows it
(行动 工程 计划 …, right after the quote or a few words later: “A”主题征文活动), its own last
words name a campaign, or an introducing verb (实施 开展 …) has it as its object; and no refusing
word stands next to it (政策 机制 称号, places and platforms such as 之家 书屋 驿站 …). Names
listed side by side (“A”、“B”, 从“A”到“B”) are examples and name none.

Scope (ANNOTATION.md): the first name in a paragraph's first sentence, or in a caption line
(a short line with no sentence-final mark), governs from its mention on, across paragraphs,
until the next such name, a heading, a caption or a closing paragraph. Any other name governs
from its mention (or a quantity right before it: 启动80余场次“A”活动) to the end of its
sentence (。！？；, their ASCII and small forms), over the paragraph's. Every word list is
data in ``patterns/initiatives.toml``.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from .patterns import Patterns, alternation, compiler
from .records import Paragraph


YEAR = regex.compile(r"\d{4}\s*年")
DIGIT = regex.compile(r"\d")
CLAUSE_MARKS = "，。；：,;:！？!?（）()“”"  # no item of a list of names holds one
CLAUSE_BREAKS = "，；,;"  # between the clauses of a sentence


@dataclass(frozen=True)
class Mention:
    name: str
    start: int  # offset of the opening quote
    end: int  # offset after the closing quote
    listed: bool = False  # a list of names (“A”“B”项目): it names programmes, but governs nothing


@dataclass(frozen=True)
class Scope:
    name: str
    start: int
    end: int
    level: str  # "paragraph" or "sentence"; a name "" holds the place of a list that governs nothing
    phrase: str = ""  # the words right after the quote (“A”职工摄影比赛 -> 职工摄影比赛)
    cue: tuple[int, int] | None = None  # the mention that introduced it, quote marks included


def _alternation(words: list[str]) -> str:
    """A word list's alternation, longest first; an empty list matches nothing (the lists that
    must not be empty are refused by the model in patterns.py)."""
    return alternation(words, "initiatives.toml", "words", longest_first=True, allow_empty=True)


class InitiativeFinder:
    def __init__(self, patterns: Patterns) -> None:
        fast = compiler(patterns.directory)  # the shipped patterns on re where it reads them
        cfg = patterns.initiatives
        self.cfg = cfg
        # a footnote mark closing a quoted name (“百社联百村［10］”行动) is no part of it (metric.toml note_marks)
        self.note_mark_end = regex.compile(f"(?:{patterns.metric.note_marks})$")
        alts: list[str] = []
        n = f"{{{cfg.min_name_length},{cfg.max_name_length}}}"
        for pair in cfg.quote_pairs:
            o, c = regex.escape(pair[0]), regex.escape(pair[1])
            alts.append(rf"{o}(?P<n{len(alts)}>[^{o}{c}\n]{n}){c}")
        suffixes = _alternation(cfg.suffix_words)
        if cfg.misclosed_quotes:
            # “A“活动: the closing quote typed as a second opener, a programme word right after it
            for pair in cfg.quote_pairs:
                if pair[0] != pair[1]:
                    o, c = regex.escape(pair[0]), regex.escape(pair[1])
                    alts.append(rf"{o}(?P<n{len(alts)}>[^{o}{c}\n]{n}){o}(?=(?:{suffixes}))")
        self.quoted = fast("|".join(alts))
        self.quote_openers = tuple(dict.fromkeys(pair[0] for pair in cfg.quote_pairs))
        self.any_opener = fast("|".join(regex.escape(o) for o in self.quote_openers))  # one search, not one find each
        self.suffix = fast(f"^(?:{suffixes})")
        refuse = _alternation(cfg.not_initiative_after)
        self.refuse_after = fast(f"^(?:{refuse})")
        name_end_refusals = [w for w in cfg.not_initiative_after if w not in set(cfg.refuse_after_only)]
        self.refuse_name_end = fast(f"(?:{_alternation(name_end_refusals)})$")
        self.refuse_inside = fast(f"(?:{refuse})")
        self.lift = fast(f"(?:{_alternation(cfg.refusal_lifted_by)})")
        self.suffix_inside = fast(f"(?:{suffixes})")
        self.later_programme = fast(f"(?:{_alternation(cfg.later_programme_words + cfg.later_campaign_events)})")
        self.object_head = fast(f"(?:{_alternation(cfg.object_heads)})")
        stop = regex.escape(cfg.phrase_stop + "\n")
        phrase_stop = regex.escape(cfg.phrase_stop + cfg.phrase_only_stop + "\n")
        self.phrase_after = fast(rf"[^{phrase_stop}]{{0,{cfg.max_phrase_length}}}")
        self.name_refused = fast("|".join(f"(?:{p})" for p in cfg.not_initiative_name_patterns) or "(?!)")
        verbs = _alternation(cfg.intro_verbs)
        # an introducing verb may stand a few characters before the quote: 开展了, 深入开展寻找
        self.verb_any = fast(rf"(?:{verbs})")
        self.intro = fast(rf"(?:{verbs})[^{stop}]{{0,{cfg.max_intro_gap}}}$")
        # 举办…交流会暨“A”: the verb of the first name introduces the second one too
        self.co_name = fast(rf"(?:{verbs})[^{stop}]{{0,30}}(?:{_alternation(cfg.co_name_joiners)})\s*$")
        self.refuse_before = fast(f"(?:{_alternation(cfg.not_initiative_before)})$")
        part_words = _alternation(cfg.take_part_before)
        self.take_part_before = fast(f"(?:{part_words})$")
        openers_class = regex.escape("".join(pair[0] for pair in cfg.quote_pairs))
        self.take_part_quote = fast(f"(?:{part_words})[^{openers_class}，。；\\n]{{0,6}}[{openers_class}]")
        # 贯彻省妇联“A”活动宗旨: a verb of following another body's work, its owner between verb and quote
        self.follow_far = fast(
            rf"(?:{_alternation(cfg.follow_verbs)})(?P<gap>[^{stop}]{{1,{cfg.max_follow_gap}}})$" if cfg.follow_verbs else "(?!)"
        )
        self.name_suffix = fast(f"(?:{suffixes})$")
        self.name_end = fast(f"(?:{_alternation(cfg.name_end_words)})$")
        self.point_marker = fast(cfg.point_markers or "(?!)")
        self.topic_lead = fast(cfg.topic_leads or "(?!)")
        self.run_in_heading = fast(cfg.run_in_heading)
        self.overview_lead = fast(cfg.overview_lead or "(?!)")
        self.bullets = fast(f"[{regex.escape(cfg.line_bullets)}\\s]*")
        self.theme_after = fast(f"^(?:{_alternation(cfg.theme_after)})")
        self.name_end_lift = fast(f"^(?:{_alternation(cfg.name_end_refusal_lifted_by)})")
        self.counted_object_verb = fast(f"(?:{_alternation(cfg.counted_object_verbs)})$")
        self.closing = tuple(cfg.closing_markers)
        self.topic_shift = tuple(cfg.topic_shift_leads)
        self.time_shift = fast(cfg.time_shift_lead)
        clause_stop = regex.escape(cfg.activity_clause_marks + cfg.sentence_final + "“”\"\n")
        self.other_activity = fast(
            rf"\s*(?:{_alternation(cfg.activity_adverbs)})*(?:{verbs})[^{clause_stop}]{{0,{cfg.max_activity_object}}}"
            rf"(?:{_alternation(cfg.activity_heads)})\s*(?=[{clause_stop}]|$)"
            if cfg.activity_heads else "(?!)"
        )
        self.refuse_further_on = fast(_alternation(cfg.refuse_further_on))
        # 股份制改革与“A”改革: an unquoted programme and the quote side by side
        self.unquoted_item_before = fast(
            rf"(?:{_alternation(cfg.activity_heads)})\s*(?:{_alternation(cfg.unquoted_list_joiners)})\s*$"
            if cfg.activity_heads and cfg.unquoted_list_joiners else "(?!)"
        )
        self.rated_before = fast(f"(?:{_alternation(cfg.rated_item_modifiers)})$" if cfg.rated_item_modifiers else "(?!)")
        self.carried_out_after = fast(cfg.carried_out_after)
        self.award_end = fast(f"(?:{_alternation(cfg.award_phrase_ends)})$")
        self.award_phrase = fast(rf"[^{phrase_stop}]{{0,{max(cfg.max_award_reach, cfg.max_phrase_length)}}}")
        self.bare_numeral = fast(cfg.bare_numeral_name)
        self.counted_slogan = fast(cfg.counted_slogan_name)
        self.gap_count = fast(f"\\s*(?:{cfg.intro_gap_count or '(?!)'})\\s*")
        self.series_end = fast(f"(?:{_alternation(cfg.series_name_ends)})$")
        self.sessions_before = fast(f"(?:{cfg.series_session_count})\\s*$")
        self.gap_counted_object = fast(f"\\s*(?:{cfg.counted_object_gap or '(?!)'})\\s*")
        self.gap_transparent = fast(f"(?:{cfg.intro_gap_transparent})*")
        self.heading_levels = [fast(p) for p in cfg.heading_levels]
        self.region_statistic = fast(f"(?:{_alternation(cfg.region_statistics)})")
        self.bare_change = fast(f"\\s*(?:{cfg.bare_change})\\s*")
        self.joiners = frozenset(cfg.list_joiners) | {""}
        joiner_alt = _alternation([j for j in cfg.list_joiners if j])
        self.joiner_modifier = fast(
            rf"(?:{joiner_alt})(?P<mod>\p{{Han}}{{1,{cfg.list_modifier_length}}})" if joiner_alt and cfg.list_modifier_length else "(?!)"
        )
        self.clause_breaks = frozenset(cfg.phrase_stop + cfg.sentence_final + "\n") - frozenset(cfg.item_marks)
        self.subtitle_start = fast(rf"\s*(?:{_alternation(cfg.subtitle_marks)})")
        self.subtitle = fast(rf"\s*(?:{_alternation(cfg.subtitle_marks)})[^{regex.escape(cfg.object_end)}。！？\n]*$")
        self.object_end = frozenset(cfg.object_end) | {""}
        self.final = frozenset(cfg.sentence_final)
        self.openers = frozenset(p[0] for p in cfg.quote_pairs if p[0] != p[1])
        self.closers = frozenset(p[1] for p in cfg.quote_pairs if p[0] != p[1])
        numeral = regex.escape(cfg.numeral_chars)
        self.numeral_after = fast(f"[{numeral}]")
        self.lead_quantity = fast(rf"[{numeral}][{numeral}.]*[^{stop}{numeral}\s]{{0,3}}$")
        self.take_part_lead = fast(
            rf"[{numeral}][{numeral}.]*[^{stop}{numeral}]{{0,{cfg.take_part_lead_reach}}}?(?:{part_words})\s*$"
            if cfg.take_part_lead_reach and cfg.take_part_before else "(?!)"
        )
        # 12万元经费用于筹办“A”: the sum spent on the programme (a verb of at most two characters between)
        self.purpose_lead = fast(
            rf"[{numeral}][{numeral}.]*[^{stop}{numeral}]{{0,{cfg.purpose_lead_reach}}}?"
            rf"(?:{_alternation(cfg.purpose_before)})\p{{Han}}{{0,2}}\s*$"
            if cfg.purpose_before else "(?!)"
        )
        captions = [
            rf"{regex.escape(pair[0])}[^{regex.escape(pair[1])}\n]{{1,{cfg.caption_max_length}}}{regex.escape(pair[1])}"
            for pair in cfg.inline_captions
        ]
        self.inline_caption = fast("^(?:" + "|".join(captions) + ")" if captions else "(?!)")

    def mentions(
        self, view: str, start: int, end: int, known: set[str], own: frozenset[str] = frozenset()
    ) -> list[Mention]:
        """Initiatives named in ``view[start:end]`` (one sentence); ``own``: the names the text
        introduces somewhere as the body's own programmes."""
        found: list[Mention] = []
        if self.any_opener.search(view, start, end) is None:
            return found  # every name starts at an opening quote: most sentences need no search
        matches = list(self.quoted.finditer(view, start, end))
        list_start: int | None = None  # where the list the quote at k belongs to began
        for k, m in enumerate(matches):
            name = next(g for g in m.groups() if g is not None).strip()
            unmarked = self.note_mark_end.sub("", name).strip()
            name = unmarked if unmarked else name
            if self._in_list(view, matches, k):
                if list_start is None:
                    list_start = m.start()
                last = k + 1 == len(matches) or not self._in_list(view, matches, k + 1) or not self._joined(view, m, matches[k + 1])
                if last:
                    # “A”“B”人道救助项目: the list names programmes of the sentence's own (its last
                    # name would qualify), which put the paragraph's aside; a list of honours does not
                    if self._qualifies(view, m, name):
                        found.append(Mention("", list_start, m.end(), listed=True))
                    list_start = None
                continue
            if self._example_in_list(view, m.end(), end) or self._example_ends_list(view, m, start, end):
                continue
            if self.unquoted_item_before.search(view, max(start, m.start() - 12), m.start()) and self._qualifies(view, m, name):
                found.append(Mention("", m.start(), m.end(), listed=True))  # 股份制改革与“A”改革: a list
                continue
            if found and self.subtitle.match(view, found[-1].end, m.start()):
                continue  # 开展“A”——2023年“B”宣传活动: B stands in A's subtitle
            if (name in known and not self._refused_here(view, m)) or self._qualifies(view, m, name) or (
                name in own and self.take_part_before.search(view, max(0, m.start() - 8), m.start()) is not None
            ):
                found.append(Mention(name, m.start(), m.end()))  # (参与“A”: members in the body's own A)
        return found

    def _joined(self, view: str, m: regex.Match[str], other: regex.Match[str]) -> bool:
        """Whether two quotes in a row stand side by side in one list: a joiner between them, or
        a few words of the first item and 、 (“A”志愿服务、“B”赛会服务)."""
        gap = "".join(view[m.end() : other.start()].split())
        return gap in self.joiners or self._joiner_and_modifier(gap) or (
            0 < len(gap) <= self.cfg.list_item_words + 1 and gap.endswith("、")
            and not any(c in gap[:-1] for c in CLAUSE_MARKS) and not DIGIT.search(gap)
        )  # (not “A”项目198个、“B”项目561个: items with figures of their own)

    def _in_list(self, view: str, matches: list[regex.Match[str]], k: int) -> bool:
        """Several quoted names side by side (“A”“B”、“C”, 从“A”到“B”) name examples, not a programme."""
        m = matches[k]
        before = matches[k - 1] if k > 0 else None
        after = matches[k + 1] if k + 1 < len(matches) else None
        return (before is not None and self._joined(view, before, m)) or (after is not None and self._joined(view, m, after))

    def _joiner_and_modifier(self, gap: str) -> bool:
        """A joiner and a short modifier of the next name (从“A”到“B”，再到山西“C”; “A”和全县“B”): still
        a list, unless the words are a verb of carrying out (“A”、开展“B”)."""
        match = self.joiner_modifier.fullmatch(gap)
        return match is not None and self.verb_any.search(match.group("mod")) is None

    def _example_in_list(self, view: str, pos: int, end: int) -> bool:
        """A quote that opens a list of unquoted items closed by 等 (以“A”、B、C等6项内容为重点), also
        with a few words of its own item before the first mark (“A”工程一期、B项目、C项目等): one
        example among several, as a list of quoted names is."""
        stop = min(end, pos + self.cfg.list_item_words + 1)
        mark = pos
        while mark < stop and view[mark] not in self.cfg.item_marks:
            if view[mark] in self.clause_breaks or view[mark] in self.openers or view[mark] in self.closers:
                return False
            mark += 1
        if mark >= stop:
            return False
        return self._list_closes(view, mark + 1, min(end, mark + self.cfg.max_list_reach))

    def _list_closes(self, view: str, start: int, stop: int) -> bool:
        """Whether a word closing a list of examples (等) stands in ``view[start:stop]`` before a
        clause break or another quote."""
        for i in range(start, stop):
            ch = view[i]
            if ch in self.clause_breaks or ch in self.openers:
                return False
            if view.startswith(tuple(self.cfg.example_list_ends), i):
                return True
        return False

    def _example_ends_list(self, view: str, m: regex.Match[str], start: int, end: int) -> bool:
        """A quote standing as a later item of a list of unquoted items closed by 等 (开展科普宣传、
        义诊义治、“A”科技服务活动等400余场次): one example among several (a list of quoted names is
        handled by _in_list)."""
        k = m.start() - 1
        while k >= start and view[k].isspace():
            k -= 1
        if k < start or view[k] not in self.cfg.item_marks:
            return False
        j = k - 1
        while j >= start and view[j].isspace():
            j -= 1
        if j < start or view[j] in self.closers or view[j] == '"':
            return False  # “A”、“B”: a list of quoted names
        return self._list_closes(view, m.end(), min(end, m.end() + self.cfg.max_list_reach))

    def _later_programme(self, phrase: str) -> bool:
        """Whether a programme word stands further on in the phrase after a quote (“A”主题征文活动),
        not one a rating word makes a kind of thing (“A”优秀项目)."""
        return any(
            self.rated_before.search(phrase, 0, hit.start()) is None
            for hit in self.later_programme.finditer(phrase)
        )

    def _refused_here(self, view: str, m: regex.Match[str]) -> bool:
        """Whether the words right around a quote make it no programme here, though the name was
        one before (“A”战略, 学习“A”经验, 以“A”为主题): a name repeated without an introducing
        word still names it, but not where it is used as a policy, model or theme."""
        after = view[m.end() : m.end() + self.cfg.max_phrase_length + 4]
        before = view[max(0, m.start() - 8 - self.cfg.max_intro_gap) : m.start()]
        if self.refuse_before.search(before) or self.theme_after.match(after):
            return True
        if self._award_named(view, m):
            return True  # a known name inside an award's (“A”行动先进个人)
        return self.refuse_after.match(after) is not None and self.suffix.match(after) is None

    def _qualifies(self, view: str, m: regex.Match[str], name: str) -> bool:
        cfg = self.cfg
        if name in cfg.not_initiative_name or self.name_refused.search(name):
            return False
        after = view[m.end() : m.end() + cfg.max_phrase_length + 4]
        before = view[max(0, m.start() - 8 - cfg.max_intro_gap) : m.start()]
        if self.refuse_before.search(before) or self.theme_after.match(after):
            return False  # 学习“A”经验; 以“A”为主题
        if self._follows_other(view, m):
            return False  # 贯彻落实北镇市“A”行动: another body's programme the work follows
        if self.refuse_name_end.search(name) and not self.name_end_lift.match(after):
            return False  # “网上妇女之家”, “最美家庭”: a platform or an honour (not “春风送岗”专项行动)
        phrase_match = self.phrase_after.match(after)
        assert phrase_match is not None  # [^…]{0,n} matches any text
        phrase = phrase_match.group(0)
        if self.bare_numeral.match(name) and not self.suffix.match(after) and not self._later_programme(phrase):
            return False  # 建设突破“双千”: a milestone quoted for stress (not 实施“百千万”留守儿童关爱行动)
        if self.counted_slogan.match(name) and not self.suffix.match(after) and not self._later_programme(phrase):
            return False  # 实现“零次跑动、一日办结”: a service standard, a slogan of counted items
        if self._award_named(view, m):
            return False  # 获全国“A”帮扶行动先进企业奖: an award named after a programme
        if self._counted_series(view, m, name) and not self.refuse_after.match(after):
            # 举办4期“A学堂”培训班: the sessions counted are the series' own (not 播出12期“A课堂”栏目: a column)
            return True
        refusal = self.refuse_inside.search(phrase) or self.refuse_after.match(after)
        if (
            refusal
            and refusal.start() > 0
            and (self.name_suffix.search(name) or self.name_end.search(name))
            and not self.refuse_further_on.fullmatch(refusal.group(0))
        ):
            # “春雨行动”帮扶困难家庭300户: the name is a programme by its own last words; a refusing
            # word further on (家庭, 岗位, 先进) belongs to the words that follow, not to the name;
            # not a list mark or an award (“A计划”青年人才等项目, “A工程”优秀作品奖: refuse_further_on)
            refusal = None
        if (
            refusal
            and refusal.group(0) in cfg.refusal_lifted_before_programme
            and self.suffix.match(phrase[refusal.end() :])
        ):
            refusal = None  # 开展“A”公益事业品牌活动: the brand word modifies the programme word after it
        if refusal and not self.lift.search(phrase, refusal.end()):
            # “8+4”经济政策体系: the noun after the name is a policy or mechanism, unless a
            # programme word comes first (“A”行动平台); “A”示范基地创建 is a campaign
            if refusal.start() == 0 or not self.suffix_inside.search(phrase, 0, refusal.start()):
                return False
        if self.suffix.match(after) or self.name_suffix.search(name) or self.name_end.search(name):
            return True
        if self.carried_out_after.match(after):
            # “A”连续多年开展: the quote is the subject of a verb of carrying out; not a slogan leading
            # its line (——“A”开展…)
            return not self._slogan_lead(view, m)
        # 开展“A”——2023年…宣传活动: a subtitle mark ends the verb's object as a comma does
        object_ends = after[:1] in self.object_end or self.subtitle_start.match(after) is not None
        intro = self.intro.search(before)
        # the gap runs from the last verb (组织开展“A”: no gap)
        gap = len(before) - max(v.end() for v in self.verb_any.finditer(before, intro.start())) if intro else 0
        if gap > 0 and self.gap_transparent.fullmatch(before, len(before) - gap):
            gap = 0  # 开展了“A”, 举办第十届“A”: an aspect mark or an ordinal is no noun the quote modifies
        if gap > 0 and self.gap_count.fullmatch(before, len(before) - gap) and self._later_programme(phrase):
            return not self._slogan_lead(view, m)  # 启动80余场次“A”系列演出活动: the events counted are A's
        if gap > 0 and self.gap_counted_object.fullmatch(before, len(before) - gap) and self.counted_object_verb.search(
            before, 0, len(before) - gap
        ):
            return False  # 新创建8个“A社区”: the things built are counted under A's title, no programme
        if gap > 0:
            # words between verb and quote: the quote must be the verb's object itself, not
            # a modifier inside a longer object (建设新时代“四力”新贵港, 开展培训“大篷车”进村活动)
            return object_ends
        if self._later_programme(phrase):
            # a programme word a little later: 开展“A”白内障复明救助公益活动, “A”主题征文活动;
            # not in a line led by a slogan (——“A”保障重大活动…有实效: the words run on as a sentence)
            return not self._slogan_lead(view, m)
        if intro:
            if self.numeral_after.match(after) and self.counted_object_verb.search(before):
                return False  # 创建“A”1200户: the things built are counted, no programme
            # 开展“A”，…; 开展“A”110余场; 开展“A”工作; 举办“A”技能培训班; not 开展“A”城市设计
            # (the quote modifies another noun)
            return object_ends or bool(self.numeral_after.match(after) or self.object_head.search(phrase))
        wide = view[max(0, m.start() - 40) : m.start()]
        return object_ends and bool(self.co_name.search(wide))

    def _counted_series(self, view: str, m: regex.Match[str], name: str) -> bool:
        """Whether the quote names a series of lectures or classes (its last words: 讲堂, 学堂 …)
        whose sessions are counted right before it (举办4期“A学堂”培训班, …和近50场“A讲堂”讲座), not
        after a verb of taking part (参加3期“A学堂”培训)."""
        if not self.series_end.search(name):
            return False
        count = self.sessions_before.search(view, max(0, m.start() - 12), m.start())
        if count is None:
            return False
        before = view[max(0, count.start() - 8) : count.start()].rstrip().removesuffix("了")
        return self.refuse_before.search(before) is None

    def _award_named(self, view: str, m: regex.Match[str]) -> bool:
        """Whether the words after a quote, up to a clause or list mark, are an award or title named
        after it (获全国“A”帮扶行动先进企业奖, 发布了“A”——全省职工读书活动优秀组织单位、…):
        an honour, no programme the body carries out; the phrase may run past max_phrase_length."""
        for pattern, reach in ((self.phrase_after, self.cfg.max_phrase_length), (self.award_phrase, self.cfg.max_award_reach)):
            # the words read for a programme word, and the longer run an award's end word may close
            words = pattern.match(view, m.end(), min(len(view), m.end() + reach + 2))
            if words is not None and self.award_end.search(words.group(0)) is not None:
                return True
        return False

    def _follows_other(self, view: str, m: regex.Match[str]) -> bool:
        """Whether a verb of following (贯彻, 响应 …) stands a few words before the quote with the
        quote's owner between (贯彻省妇联“A”活动宗旨, 贯彻落实北镇市“A”行动) and no verb of carrying
        out in between (贯彻上级部署开展“A”行动 still names A)."""
        far = self.follow_far.search(view, max(0, m.start() - self.cfg.max_follow_gap - 6), m.start())
        return far is not None and self.verb_any.search(far.group("gap")) is None

    def _led_by_quote(self, view: str, para: Paragraph) -> bool:
        """A paragraph led by a bullet and a quote (——“A”…): a new point, which ends the
        initiative in force like a caption."""
        lead = self.bullets.match(view, para.start, para.end)
        if lead is None or not view[para.start : lead.end()].strip():
            return False  # an indent alone is no bullet
        return view[lead.end() : lead.end() + 1] in self.openers | {'"'}

    def _slogan_lead(self, view: str, m: regex.Match[str]) -> bool:
        """Whether the quote leads its line (after bullets only) and the line is a sentence, not a
        caption: ——“关口前移”保障重大活动食品安全有实效。 (a slogan heading the point made)."""
        line_start = view.rfind("\n", 0, m.start()) + 1
        if not self.bullets.fullmatch(view, line_start, m.start()) or not view[line_start : m.start()].strip():
            return False  # a quote opening its line without a bullet (“A”主题活动…) still names one
        line_end = view.find("\n", m.end())
        line = view[m.end() : len(view) if line_end < 0 else line_end]
        return not self.final.isdisjoint(line)

    def _sentence_end(self, view: str, pos: int, end: int) -> int:
        """Where the sentence holding ``pos`` ends for a scope: the first sentence-final mark
        (。！？；, ASCII and small forms too) after ``pos`` outside quotes, at most ``end``."""
        depth = 0
        for i in range(pos, end):
            ch = view[i]
            if ch in self.openers:
                depth += 1
            elif ch in self.closers:
                depth = max(0, depth - 1)
            elif depth == 0 and ch in self.final:
                return i + 1
        return end

    def _activity_end(self, view: str, pos: int, end: int) -> int:
        """Where a name's sentence scope ends when a later clause of the sentence takes up another
        project or system (…深入推进“A”建设，启动B综合体建设，…全年提供助餐4万人次: the figures after B
        are not A's outcome): at the start of the first such clause, else ``end``."""
        for i in range(pos, end):
            if view[i] in self.cfg.activity_clause_marks:
                other = self.other_activity.match(view, i + 1, end)
                if other is not None and DIGIT.search(other.group(0)) is None:
                    return i + 1  # a clause that counts (实施20个城中村改造项目) lists the programme's own items
        return end

    def _start(self, view: str, mention: Mention, floor: int) -> int:
        """Where a mention's scope starts: at its quote, or at a quantity right before it
        (启动80余场次“A”系列演出活动, 建设15所“A”高职院校)."""
        lead = self.lead_quantity.search(view, max(floor, mention.start - 12), mention.start)
        if lead is None:
            # 全省共1340家会员企业参与“A”行动: those taking part are counted
            lead = self.take_part_lead.search(view, max(floor, mention.start - self.cfg.take_part_lead_reach - 12), mention.start)
        if lead is None:
            # 其中74万元用于开展“A”: the sum spent on the programme is its own
            lead = self.purpose_lead.search(view, max(floor, mention.start - self.cfg.purpose_lead_reach - 16), mention.start)
        return lead.start() if lead else mention.start

    def continues_item_list(self, view: str, end: int, start: int) -> bool:
        """Whether the text between a figure ending at ``end`` and the next starting at ``start``
        joins them as items of one list (…10318亿元、实绩企业达到10329家): an item mark and no
        clause break (，。；) between."""
        gap = view[end:start]
        return any(mark in gap for mark in self.cfg.item_marks) and not any(ch in self.clause_breaks for ch in gap)

    def echoed(self, earlier: Scope, later: Scope, metric: str) -> bool:
        """Whether a figure after two activities named in one sentence (开展“A”摄影比赛和“B”征文
        活动，收到摄影作品68幅、征文作品78篇) measures the earlier one: its metric repeats a word of
        the earlier one's phrase (摄影) and none of the later one's; programme words do not count."""
        def content(phrase: str) -> set[str]:
            pairs = {phrase[i : i + 2] for i in range(len(phrase) - 1)}
            return {p for p in pairs if not self.suffix_inside.search(p)}
        return bool(content(earlier.phrase) & content(metric)) and not content(later.phrase) & content(metric)

    def joined(self, view: str, earlier: Scope, later: Scope) -> bool:
        """Whether two names stand in one clause (no comma or full stop between the first's start and
        the second's: “A”摄影比赛和“B”征文活动), so that they read as one list of activities."""
        quotes = self.openers | self.closers | {'"'}
        between = view[earlier.start : later.start]
        if between.rstrip().endswith(tuple(self.cfg.example_list_ends)):
            return False  # A工程、B工程等“X”建设: the name closing a list of examples is their umbrella
        return (self.clause_breaks - quotes).isdisjoint(between)

    def is_region_statistic(self, view: str, start: int, end: int, metric: tuple[int, int]) -> bool:
        """Whether a fact whose clause runs from ``start`` to its number at ``end`` measures a
        whole region or sector (粮食产量, 全县城镇新增就业人数, 进出口总额), by the clause
        before the number or the metric: no programme's outcome unless its clause names one."""
        return any(self.region_statistic.search(view, s, e) is not None for s, e in ((start, end), metric))

    def is_bare_change(self, view: str, start: int, end: int) -> bool:
        """Whether a change metric ``view[start:end]`` is only a base and a change word
        (比上年增长): the change of the figure stated before it, not a sector's own measure."""
        return self.bare_change.fullmatch(view, start, end) is not None

    def is_caption(self, view: str, para: Paragraph) -> bool:
        """A short line without a sentence-final mark (“美丽庭院”创建活动): it heads the lines below."""
        line = view[para.start : para.end].strip()
        if self.inline_caption.match(line):
            return True  # 【A】 2008年3月，…: a caption standing at the head of its paragraph
        if not 0 < len(line) <= self.cfg.caption_max_length or not self.final.isdisjoint(line):
            return False
        # 新建示范户120户: a line of figures is no caption (a year in 2023年工作总结 does not count)
        return not DIGIT.search(YEAR.sub("", line))

    def scopes(
        self, view: str, paragraphs: list[Paragraph], sentences: list[tuple[int, int, int]], quantities: Sequence[int] = (),
    ) -> list[Scope]:
        """Every initiative scope of the document; ``sentences`` are (start, end, paragraph index),
        ``quantities`` where the document's quantities start (sorted).

        The first initiative named in a paragraph's head (its first sentence) or in a caption
        line governs from its mention on, across paragraphs, until the next such name, a
        heading, a caption or a closing paragraph. Any other governs from its mention (or a
        quantity right before it) to its sentence's end (。！？；), over the paragraph's."""
        out: list[Scope] = []
        known: set[str] = set()
        current: Scope | None = None  # a paragraph-level initiative still in force
        section: int | None = None  # the level of the heading whose section the text is in
        current_level: int | None = None  # the level of the section the initiative in force opened in
        # initiatives of outer sections that one opened in a sub-section has put aside: (scope, level)
        outer: list[tuple[Scope, int]] = []
        point: Scope | None = None  # one named by a point of a list (一是…), in force until the next point
        current_lead = False  # the programme in force was named by a heading or a lead line of its own
        first_sentence: dict[int, int] = {}
        for s_start, _, p_idx in sentences:
            first_sentence.setdefault(p_idx, s_start)
        # the programmes the text introduces as its body's own anywhere (参与“A” before 组织开展“A”)
        # (read only where a word of taking part stands right before a quote somewhere)
        own: frozenset[str] = frozenset()
        if self.take_part_quote.search(view):
            own = frozenset(m.name for s_start, s_end, _ in sentences for m in self.mentions(view, s_start, s_end, set()) if not m.listed)
        items = self._list_items(view, paragraphs)
        for s_start, s_end, p_idx in sentences:
            para = paragraphs[p_idx]
            is_head = first_sentence[p_idx] == s_start
            if p_idx in items:
                # 开展了以下活动：⏎1、…；⏎2、…；: the numbered lines are points of the list the colon
                # opens, not headings: they go on with the programme in force
                para = Paragraph(start=para.start, end=para.end, heading=False)
            is_point = self.point_marker.match(view, s_start, s_end) is not None or (is_head and p_idx in items)
            # a head opening on the year reviewed and announcing the list of work (一年来，…抓了以下工作：)
            # is an overview of the report: its names
            # govern their own sentence only
            overview = is_head and self.overview_lead.match(view, s_start, s_end) is not None
            ends_section = False
            if is_head:
                closing = self._is_closing(view, para) or (
                    p_idx == len(paragraphs) - 1 and p_idx >= 3 and not is_point and self._sums_up(view, s_start, s_end)
                )  # a last paragraph that is a point of a list (一是…) goes on with the list, it sums nothing up
                level = self._heading_level(view, para) if para.heading else None
                # a heading inside the section of a heading that named the initiative (（一） under
                # 二、实施“A”工程) is part of that section and goes on with it; one of the same or an
                # outer level ends it
                sub_heading = level is not None and current_level is not None and level > current_level
                ends_section = (
                    para.heading or closing or self.is_caption(view, para) or self._led_by_quote(view, para)
                    or self.topic_lead.match(view, s_start, s_end) is not None  # 在…方面，: a heading in prose
                    or view[s_start:s_end].lstrip().startswith(self.topic_shift)  # 此外，…: other matters
                )
                # 成效显著。…: a run-in heading (not a point of a list: 一是交通便利有保障。) ends a programme
                # named in body text, as a heading does; not one that a heading, a point or a lead line
                # of its own (深入实施“A”工程，推进乡村振兴。) named: its sub-sections go on with it
                run_in = (
                    not is_point and current is not None and not current_lead
                    and (
                        s_end < para.end and self.run_in_heading.match(view, s_start, para.end) is not None
                        or self.time_shift.match(view, s_start, s_end) is not None  # 2019年，…: another year's work
                    )
                )
                if current is not None and (ends_section or run_in) and not sub_heading:
                    out.append(replace(current, end=s_start))
                    current = None
                    # the heading ends the sub-section; an outer section's initiative whose
                    # section it stays inside holds again (（二） after a programme of （一）)
                    while outer and (level is None or outer[-1][1] >= level):
                        outer.pop()
                    if outer:
                        resumed, current_level = outer.pop()
                        current = replace(resumed, start=s_start, end=len(view), phrase="")
                if para.heading:
                    section = level
            if point is not None and (is_point or ends_section):
                out.append(replace(point, end=s_start))
                point = None  # 二是…: the next point ends the one before; the section's resumes
            found = self.mentions(view, s_start, s_end, known, own)
            if not found:
                continue
            for i, mention in enumerate(found):
                if mention.listed:
                    # a list of the sentence's own programmes: none governs, and the one in force
                    # stands aside for the rest of the sentence; at a paragraph's head, for good
                    if is_head and i == 0 and not overview and current is not None:
                        out.append(replace(current, end=mention.start))
                        current = None
                    out.append(Scope("", mention.start, self._sentence_end(view, mention.end, s_end), "sentence"))
                    continue
                known.add(mention.name)
                start = self._start(view, mention, s_start)
                phrase = self.phrase_after.match(view, mention.end)
                words = phrase.group(0) if phrase else ""
                cue = (mention.start, mention.end)
                if is_point and i == 0:
                    # 一是深入实施“A”行动。…二是…: A governs its point, over the section's
                    point = Scope(mention.name, start, len(view), "paragraph", words, cue)
                elif is_head and i == 0 and not overview and not self._after_figures(view, quantities, s_start, mention.start):
                    if point is not None:
                        out.append(replace(point, end=start))
                        point = None
                    if current is not None:
                        out.append(replace(current, end=start))
                        if current_level is not None and section is not None and section > current_level:
                            outer.append((current, current_level))  # opened in a sub-section
                    current = Scope(mention.name, start, len(view), "paragraph", words, cue)
                    current_lead = (
                        para.heading or self._heading_level(view, para) is not None or self._lead_line(view, para, s_end)
                    )
                    # a heading that names the programme (二、实施“A”工程) makes it its section's,
                    # through the sub-headings; one named in body text ends at any heading
                    current_level = section if para.heading else None
                else:
                    end = self._activity_end(view, mention.end, self._sentence_end(view, mention.end, s_end))
                    out.append(Scope(mention.name, start, end, "sentence", words, cue))
        for open_scope in (current, point):
            if open_scope is not None:
                out.append(replace(open_scope, end=len(view)))
        return out

    @staticmethod
    def _after_figures(view: str, quantities: Sequence[int], start: int, mention: int) -> bool:
        """A head sentence that states a figure in a clause before the one naming the programme
        (农业方面，新建农田3200亩，完成“A”项目1500亩，…): the programme is one item of the
        sentence's list of work, not the paragraph's frame; it governs its own sentence."""
        clause = max((view.rfind(c, start, mention) for c in CLAUSE_BREAKS), default=-1)
        if clause < 0:
            return False
        k = bisect.bisect_left(quantities, start)
        return k < len(quantities) and quantities[k] < clause

    @staticmethod
    def _lead_line(view: str, para: Paragraph, head_end: int) -> bool:
        """A paragraph that is one sentence stating no figure: a section's lead in prose
        (深入实施“A”工程，有力推进乡村全面振兴。), under which run-in headings are sub-sections."""
        rest = view[head_end : para.end].strip(" \t\u3000\r\n")
        # (a year is no figure: 2022年以来，…持续实施“A”，… still leads)
        return not rest and DIGIT.search(YEAR.sub("", view[para.start : para.end])) is None

    def _list_items(self, view: str, paragraphs: list[Paragraph]) -> set[int]:
        """The numbered lines that are items of a list a colon opens (…开展了系列活动：⏎1、开展…；⏎
        2、组织…。): a line numbered as a heading of list_item_min_level or deeper (1、 （1）: Arabic
        numbers; 一、 and （一） number sections) that ends with a sentence-final mark, right after a
        line ending with a colon or after another such item."""
        items: set[int] = set()
        opened = False
        for k, para in enumerate(paragraphs):
            line = view[para.start : para.end].strip()
            if not line:
                continue
            # (by its numbering, whether or not its first sentence is short enough for a heading line:
            # 1.实施…，开设…课程20期，为…提供服务。 is an item of the list as much as a short one)
            level = self._heading_level(view, para)
            if opened and line[-1] in self.final and level is not None and level >= self.cfg.list_item_min_level:
                items.add(k)
                continue
            opened = not para.heading and line[-1] in self.cfg.list_openers
        return items

    def _heading_level(self, view: str, para: Paragraph) -> int | None:
        """The level of a heading by its numbering, outermost 0 (第一部分 0, 一、 1, （一） 2 …)."""
        for level, pattern in enumerate(self.heading_levels):
            if pattern.match(view, para.start, para.end):
                return level
        return None

    def _is_closing(self, view: str, para: Paragraph) -> bool:
        return view[para.start : para.end].lstrip().startswith(self.closing)

    @staticmethod
    def _sums_up(view: str, start: int, end: int) -> bool:
        """Whether a document's last paragraph (of four or more), whose head sentence is
        ``view[start:end]``, sums the report up: its head states no figure (a year aside), a
        general word on the whole work (让越来越多的妇女成长为…). A last paragraph that opens on
        figures (培训家政人员500人。) goes on with the section in force."""
        return DIGIT.search(YEAR.sub("", view[start:end])) is None


class ScopeIndex:
    """:func:`initiative_at` for many positions: the answer is worked out once for each stretch
    between scope boundaries, so a look-up costs log(scopes) rather than a pass over all of
    them (a long document has thousands of scopes and facts).

    >>> scopes = [Scope("甲", 0, 50, "paragraph"), Scope("乙", 10, 20, "sentence"), Scope("丙", 15, 30, "paragraph")]
    >>> index = ScopeIndex(scopes)
    >>> [getattr(index.at(p), "name", None) for p in (0, 12, 16, 25, 40, 60)]
    ['甲', '乙', '乙', '丙', '甲', None]
    >>> all(index.at(p) == initiative_at(scopes, p) for p in range(-1, 61))
    True
    """

    def __init__(self, scopes: list[Scope]) -> None:
        # initiative_at keeps the best by: sentence over paragraph, then the later start, then
        # the earlier in the list; this key is smallest for the best
        def key(i: int) -> tuple[int, int, int]:
            return (0 if scopes[i].level == "sentence" else 1, -scopes[i].start, i)

        order = sorted(range(len(scopes)), key=lambda i: scopes[i].start)
        points = sorted({p for scope in scopes for p in (scope.start, scope.end)})
        self._starts: list[int] = []
        self._best: list[Scope | None] = []
        heap: list[tuple[tuple[int, int, int], int]] = []
        k = 0
        for point in points:
            while k < len(order) and scopes[order[k]].start <= point:
                i = order[k]
                if scopes[i].end > scopes[i].start:
                    heapq.heappush(heap, (key(i), i))
                k += 1
            while heap and scopes[heap[0][1]].end <= point:
                heapq.heappop(heap)  # the best has ended; those below it are checked when they surface
            self._starts.append(point)
            self._best.append(scopes[heap[0][1]] if heap else None)

    def at(self, pos: int) -> Scope | None:
        k = bisect.bisect_right(self._starts, pos) - 1
        return self._best[k] if k >= 0 else None


def initiative_at(scopes: list[Scope], pos: int) -> Scope | None:
    """The most specific initiative in force at ``pos``: a sentence's over a paragraph's."""
    best: Scope | None = None
    for scope in scopes:
        if scope.start <= pos < scope.end:
            if best is None or (scope.level == "sentence" and best.level == "paragraph") or (
                scope.level == best.level and scope.start > best.start
            ):
                best = scope
    return best
