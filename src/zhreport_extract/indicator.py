"""The ``indicator`` stage: the standard indicator a number measures (patterns/indicators.toml).

The longest form wins where forms nest; a form right after a part word (工业固定资产投资,
对东盟进出口, 亩均税收, 拉动GDP增长) is a part, not the whole; a bare change word or anaphor
(增长, 总量, 占全国份额) takes the indicator in force in its sentence, which a value's own
form sets and so does the subject of a clause without a value (全年社会消费品零售总额，比上年
增长…); a form standing for several indicators (城乡居民人均可支配收入分别增长…) gives each
value of the list its own; a 分别 list takes the values listed before it, never the one
indicator in force; a topic's bare word (…增加值, 实现零售额) takes the topic's indicator.

>>> from zhreport_extract import Extractor
>>> ex = Extractor(entities=False)
>>> [(f.quantity.text, f.indicator) for f in ex.extract(
...     "全市生产总值57761亿元、增长5.5%，工业固定资产投资增长3%，城乡居民人均可支配收入分别增长4.3%、6.1%。").facts]
... # doctest: +NORMALIZE_WHITESPACE
[('57761亿元', '地区生产总值'), ('5.5%', '地区生产总值'), ('3%', None),
 ('4.3%', '城镇居民人均可支配收入'), ('6.1%', '农村居民人均可支配收入')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from .meaning_patterns import CuePattern, IndicatorsFile, load_meaning, words_pattern
from .patterns import Patterns, alternation, compiler
from .segment import WordSegmenter
from .stage import Document, Draft, Offs, Stage, register

CLAUSE_END = regex.compile(r"[，,；;。：:]")
LIST_JOINERS = ("、", "和", "与", "及")  # values listed together after a town-country form are its pair
# one subject of a list before 分别 (接待游客、旅游总花费分别…)
SUBJECT = regex.compile(r"[^、和及与，,；;。：:\s]+")
# a form opening its clause after at most this many characters (全市, 一季度城市) is its subject
SUBJECT_LEAD = 4
HAN = regex.compile(r"\p{Han}")
PUNCT = regex.compile(r"[\s，,、：:；;（）()“”\"]+")
LIST_JOINER = regex.compile(r"\s*[、和及与]\s*")
# between the two ends of a from-to pair: 从1.07%提高到2007年的1.49% (what stands before 到
# must be change words only: 、实绩企业达到 is a new subject, not the pair's far end)
FROM_TO = regex.compile(r"(?P<verb>[^\d，。；,;:：、]{0,8}?)(?:到|至)\s*(?:(?:19|20)\d\d\s*年的?)?\s*")


@dataclass
class _State:
    sentence: int = -1
    in_force: tuple[str, Offs] | None = None
    list_form: tuple[Offs, int] | None = None  # the list form at hand and the values given so far
    last: tuple[int, tuple[str, Offs] | None] = (-1, None)  # where the value before ended, and its indicator
    levels: list[tuple[str, Offs] | None] = field(default_factory=list)  # the sentence's values before a 分别 list
    respective: int = -1  # the place in the 分别 list at hand, -1 outside one
    respective_bare: bool = False  # the 分别 list at hand names no subjects of its own (…，分别增长c、d)
    subjects: list[tuple[str, Offs] | None] = field(default_factory=list)  # 甲、乙分别…: what each names
    subject_seen: int = -1  # how far the sentence has been read for subjects of clauses without a value


class IndicatorStage(Stage):
    name = "indicator"
    assigns = ("indicator", "indicator_cue")

    def __init__(self, patterns: Patterns) -> None:
        fast = compiler(patterns.directory)  # the shipped patterns on re where it reads them
        cfg: IndicatorsFile = load_meaning(patterns, "indicators.toml", IndicatorsFile)
        where = str(patterns.directory / "indicators.toml")
        self.name_of = {form: ind.name for ind in cfg.indicator for form in ind.forms}
        for variant in cfg.variant:  # 平均每人 written for 人均
            for form, name in list(self.name_of.items()):
                if variant.word in form:
                    for written in variant.written:
                        self.name_of.setdefault(form.replace(variant.word, written), name)
        self.forms = CuePattern(words_pattern(list(self.name_of), where, "forms").pattern, patterns)
        self.lists = [(fast(lf.pattern), lf.names, lf.whole) for lf in cfg.list_form]
        self.shares = {(sh.numerator, sh.denominator): sh.name for sh in cfg.share}
        self.level_kind = {name: lk.kind for lk in cfg.level_kind for name in lk.names}
        self.plan_share = fast(cfg.plan_share_pattern) if cfg.plan_share_pattern else None
        self.topics = [
            (
                tf.topic, fast(alternation(tf.words, where, "topic_form.words", longest_first=True)), tf.name,
                tf.reach, frozenset(tf.leads), tf.paragraph,
            )
            for tf in cfg.topic_form
        ]
        self.part_before = tuple(cfg.part_before)
        self.short_forms = frozenset(cfg.short_forms)
        self.short_form_leads = tuple(cfg.short_form_leads)
        self.compared_before = tuple(cfg.compared_before)
        # between two values of a list; a qualifier may end the value before (5.5%左右、6%左右)
        tails = "|".join(map(regex.escape, cfg.value_tails))
        self.joiner = fast(rf"\s*(?:{tails})?\s*[、和及与]\s*" if tails else LIST_JOINER.pattern)
        partners = "|".join(map(regex.escape, cfg.partner_before))
        self.partner = fast(rf"(?:{partners})(?!外)\p{{Han}}{{1,4}}$") if partners else None
        groups = "|".join(map(regex.escape, cfg.partner_groups))
        self.partner_group = (
            fast(rf"(?:{partners})(?!外)[^，。；,;:：\d\s]{{1,14}}(?:{groups})$") if partners and groups else None
        )
        words = [regex.escape(w) for w in sorted(set(cfg.tail) | set(cfg.anaphors), key=len, reverse=True)]
        if cfg.time_pattern:
            words.insert(0, cfg.time_pattern)
        alternatives = "|".join([*words, r"\s"])
        self.tail = fast(f"(?:{alternatives}|[，,、])*")
        self.anaphor = fast(f"(?:{alternatives})+")

    def begin(self, doc: Document) -> None:
        doc.state[self.name] = _State()

    def fill(self, doc: Document, draft: Draft) -> None:
        st: _State = doc.state[self.name]
        if st.sentence != draft.index:
            st.sentence, st.in_force, st.list_form, st.last = draft.index, None, None, (-1, None)
            st.levels, st.respective, st.subject_seen = [], -1, -1
        view, q = doc.view, draft.q
        listed = st.last[0] >= 0 and self.joiner.fullmatch(view, st.last[0], q.start) is not None
        opens_list = "分别" in view[max(st.last[0], draft.clause[0], draft.near) : q.start]
        if opens_list:  # whether the list names subjects of its own is read at its first value
            st.respective, st.respective_bare = 0, self._bare(view, draft, respective=True)
            st.subjects = self._subjects(view, draft, st)
        else:
            st.respective = st.respective + 1 if listed and st.respective >= 0 else -1
        self._clause_subject(view, draft, st)
        found = self._from_list(view, draft, st, restart=opens_list)
        if found is None and 0 <= st.respective < len(st.subjects):
            # 接待游客、旅游总花费分别增长a、b: the n-th value is what the n-th subject names (or none)
            found = self._fitting(draft, st.subjects[st.respective])
            st.last = (q.end, found)
            if found is not None:
                draft.indicator, draft.indicator_cue = found
            return
        if found is None and st.respective >= 0 and len(st.levels) >= 2 and st.respective_bare:
            # 甲达到a、乙达到b，分别增长c、d: the n-th value of the list is the n-th value's before it
            if st.respective < len(st.levels):
                found = self._fitting(draft, st.levels[st.respective])
                st.last = (q.end, found)
                if found is not None:
                    draft.indicator, draft.indicator_cue = found
                return
        if found is None and draft.metric is not None:
            # a form may begin before the metric (人均|地区生产总值…): read from the clause start
            m0, m1 = draft.metric
            found = self._form_in(view, min(m0, draft.clause[0]), m1, m1, min_end=m0 + 1)
        if found is None:
            found = self._form_in(view, draft.clause[0], q.start, q.start)
        if found is None:
            found = self._share(view, draft, st)
        if found is None:
            found = self._topic(view, draft)
        if found is None and st.last[0] >= 0 and self._from_to(view, st.last[0], q.start):
            found = st.last[1]  # the far end of a from-to pair is what the near end is
        elif found is None and listed:
            found = st.last[1]  # a later value of a list (甲、乙分别增长a、b) is what the value before it is
        elif found is None and st.in_force is not None and st.respective < 0 and self._bare(view, draft):
            # a 分别 list needs several subjects: one indicator in force is not what it lists
            found = st.in_force
        if self._plan_share(view, draft):
            # 城镇新增就业3.23万人，完成全年任务的35.86%: a share of the plan, no indicator; the one in force
            # goes on to the clause after it (…，占年度计划的96%，同比增长8.4%)
            st.last = (q.end, None)
            return
        fitting = self._fitting(draft, found)
        if fitting is not None:
            draft.indicator, draft.indicator_cue = fitting
        if found is not None:
            # (also a value that is no level of the form's indicator, 跨上两个千亿元台阶，年均增长5.7%: it takes none,
            # the form stays in force for the bare changes after it)
            st.in_force = found
        elif not self._bare(view, draft):
            st.in_force = None  # a subject of its own that names no indicator ends the one in force
        found = fitting
        st.last = (q.end, found)
        if st.respective < 0:
            st.levels.append(found)

    def _fitting(self, draft: Draft, found: tuple[str, Offs] | None) -> tuple[str, Offs] | None:
        """``found``, unless the figure's unit is of a kind no level of that indicator is stated in
        (indicators.toml ``level_kind``: 第一产业51万人 counts people, 第一产业增加值 is money); a
        percentage, a multiple or a bare number fits every indicator (a change, a share, an index)."""
        if found is None:
            return None
        kind = self.level_kind.get(found[0])
        unit_kind = draft.q.unit_kind
        if kind is None or unit_kind in (None, "none", "percent") or not draft.q.unit or unit_kind == kind:
            return found
        return None

    def _subjects(self, view: str, draft: Draft, st: _State) -> list[tuple[str, Offs] | None]:
        """The subjects a 分别 list names before 分别 in its clause (甲、乙分别增长…), each with the
        form it ends in, or None; fewer than two subjects give none."""
        at = view.rfind("分别", max(st.last[0], draft.near), draft.q.start)
        if at < 0:
            return []
        start = max((m.end() for m in CLAUSE_END.finditer(view, max(st.last[0], draft.near, 0), at)), default=max(st.last[0], draft.near, 0))
        pieces = [(m.start(), m.end()) for m in SUBJECT.finditer(view, start, at)]
        if len(pieces) < 2:
            return []
        found: list[tuple[str, Offs] | None] = []
        for a, b in pieces:
            hit = None
            for m in self.forms.finditer(view, a, b):
                if self.tail.fullmatch(view, m.end(), b):
                    hit = None if self._is_part(view, m.start(), m.group(0)) else (self.name_of[m.group(0)], (m.start(), m.end()))
            found.append(hit)
        return found

    def _from_to(self, view: str, start: int, end: int) -> bool:
        """Between two values, the words of a from-to pair (提高到, 回落到2007年的)."""
        m = FROM_TO.fullmatch(view, start, end)
        if m is None:
            return False
        verb = PUNCT.sub("", m.group("verb"))
        return not verb or bool(self.anaphor.fullmatch(verb))

    def _clause_subject(self, view: str, draft: Draft, st: _State) -> None:
        """A form that is the subject of a clause without a value of its own, before this
        value's clause (全年社会消费品零售总额，比上年增长…; 居民消费价格小幅下降，总指数为…):
        the indicator in force from there on."""
        start = max(st.last[0], st.subject_seen, draft.near)
        end = draft.clause[0]
        st.subject_seen = max(st.subject_seen, end)
        if end <= start:
            return
        seen, last = False, None
        for m in self.forms.finditer(view, start, end):
            if self._compared(view, m.start()):
                continue  # …增速高于经济增速: the object compared with is no subject
            if view[m.start() - 1 : m.start()] == "占" or self._is_part(view, m.start(), m.group(0)):
                seen, last = True, None  # 工业固定资产投资较快增长，…: a part is the subject from there on
                continue
            stop = CLAUSE_END.search(view, m.end(), end)
            opens = max((b.end() for b in CLAUSE_END.finditer(view, start, m.start())), default=start)
            lead = PUNCT.sub("", view[opens : m.start()])
            if not (
                self.tail.fullmatch(view, m.end(), stop.start() if stop else end)
                or len(lead) <= SUBJECT_LEAD or self.anaphor.fullmatch(lead)
            ):
                continue  # not its clause's subject (…提供的税收利润，1977年为…: the form only modifies a noun)
            seen = True
            last = (self.name_of[m.group(0)], (m.start(), m.end()))
        if seen:
            st.in_force = last

    def _from_list(self, view: str, draft: Draft, st: _State, restart: bool = False) -> tuple[str, Offs] | None:
        """A list form before the number in its sentence (城乡居民人均可支配收入分别增长a、b); a
        new 分别 list after it starts again at its first name (分别完成a、b，分别增长c、d)."""
        for rx, names, whole in self.lists:
            m = None
            for m in rx.finditer(view, draft.near, draft.q.start):
                pass
            if m is None:
                continue
            offs = (m.start(), m.end())
            if whole is not None and "分别" not in view[m.end() : draft.q.start]:
                # 城乡居民人均可支配收入达30758元: one value, all residents' (达a、b and a和b分别…: a pair)
                after = view[draft.q.end : draft.clause[1]]
                listed = after[:1] in LIST_JOINERS or view[max(0, draft.q.start - 1) : draft.q.start] in LIST_JOINERS
                if listed or "分别" in after:
                    pass
                elif CLAUSE_END.search(view, m.end(), draft.q.start):
                    return None  # the form belongs to an earlier clause of the sentence
                else:
                    return whole, offs
            n = st.list_form[1] + 1 if st.list_form is not None and st.list_form[0] == offs and not restart else 0
            st.list_form = (offs, n)
            if n < len(names):
                return names[n], offs
            return None
        return None

    def _form_in(self, view: str, start: int, end: int, tail_to: int, min_end: int = 0) -> tuple[str, Offs] | None:
        """The form in ``view[start:end]`` that names the indicator: the first whose words
        up to ``tail_to`` are only tail words (or 占…, a share of it), and that no part word precedes."""
        for m in self.forms.finditer(view, start, end):
            if m.end() < min_end or self._compared(view, m.start()):
                continue  # 收入增速高于经济增速、突破3万元: the form compared with is not what the value measures
            if view[m.start() - 1 : m.start()] == "占":
                return None  # 占固定资产投资比重: a share takes its numerator's indicator, found before it or none
            rest_end = tail_to
            if not (self.tail.fullmatch(view, m.end(), rest_end) or view.startswith("占", m.end())):
                continue
            if self._is_part(view, m.start(), m.group(0)):
                return None
            name = self.name_of[m.group(0)]
            if view.startswith("占", m.end()):  # R&D经费支出占GDP比重: the share's own name, where one is listed
                d = next(iter(self.forms.finditer(view, m.end() + 1, m.end() + 16)), None)
                share = self.shares.get((name, self.name_of[d.group(0)])) if d is not None and d.start() == m.end() + 1 else None
                if share is not None and d is not None:
                    return share, (m.start(), d.end())
            return name, (m.start(), m.end())
        return None

    def _topic(self, view: str, draft: Draft) -> tuple[str, Offs] | None:
        """粮食…总产130亿斤: a bare word for a topic's indicator right before the value, with the
        topic named earlier in the sentence within its reach."""
        for topic, words, name, reach, leads, paragraph in self.topics:
            for m in words.finditer(view, draft.clause[0], draft.q.start):
                if not self.tail.fullmatch(view, m.end(), draft.q.start):
                    continue  # the word must stand right before the value, with only tail words between
                lead = PUNCT.sub("", view[draft.clause[0] : m.start()])
                for word in leads:
                    if lead.startswith(word):
                        lead = lead[len(word) :]
                        break
                if lead and not self.anaphor.fullmatch(lead):
                    break  # …and open its clause (实现增加值…), not follow a subject of its own
                at = m.start()
                floor = view.rfind("\n", 0, at) + 1 if paragraph else draft.near
                if view.rfind(topic, max(floor, at - reach), at) >= 0:
                    return name, (at, m.end())
                break
        return None

    def _share(self, view: str, draft: Draft, st: _State) -> tuple[str, Offs] | None:
        """占<denominator>比重 after a numerator in force: the share's own indicator, where one is
        named; else, where 占<denominator>比重 opens the value's clause (第一产业增加值…，增长0.7%，占
        生产总值的比重为2.8%), the numerator's (a share of an indicator takes it)."""
        if st.in_force is None:
            return None
        for m in self.forms.finditer(view, draft.clause[0], draft.q.start):
            if view[m.start() - 1 : m.start()] == "占":
                name = self.shares.get((st.in_force[0], self.name_of[m.group(0)]))
                if name is not None:
                    return name, (m.start() - 1, m.end())
                lead = PUNCT.sub("", view[draft.clause[0] : m.start() - 1])
                if (not lead or self.anaphor.fullmatch(lead)) and self.tail.fullmatch(view, m.end(), draft.q.start):
                    return st.in_force
                return None
        return None

    def _compared(self, view: str, start: int) -> bool:
        """A form right after a word of comparison (高于经济增速) is the object compared with."""
        return bool(self.compared_before) and view[max(0, start - 4) : start].endswith(self.compared_before)

    def _is_part(self, view: str, start: int, form: str = "") -> bool:
        before = view[max(0, start - 8) : start]
        if before.endswith(self.part_before):
            return True
        if form in self.short_forms and before and HAN.fullmatch(before[-1]) and not before.endswith(self.short_form_leads):
            return True  # 纺织服装出口: a short form right after a noun of its own is that noun's part
        if self.partner_group is not None and self.partner_group.search(view, max(0, start - 20), start):
            return True
        return bool(self.partner and self.partner.search(before))

    def _plan_share(self, view: str, draft: Draft) -> bool:
        """Whether a percentage is a share of a plan or task (indicators.toml ``plan_share_pattern``)."""
        return (
            self.plan_share is not None and draft.q.unit in ("%", "％")
            and self.plan_share.search(view, draft.clause[0], draft.q.start) is not None
        )

    def _bare(self, view: str, draft: Draft, respective: bool = False) -> bool:
        """Nothing but change words, anaphors and punctuation between the clause start (or the
        value before) and the number: 、增长5.5% / ，总量达到…"""
        start = draft.clause[0]
        if draft.metric is not None and draft.metric[0] >= draft.q.end and not self.tail.fullmatch(view, *draft.metric):
            return False  # 十方面民生实事: a value before its own noun (突破2万亿元大关 is no noun of its own)
        if draft.metric is not None and draft.metric[1] <= draft.q.start:
            start = max(start, min(draft.metric[0], draft.q.start))
        text = PUNCT.sub("", view[start : draft.q.start])
        if respective:
            text = text.replace("分别", "")
        return not text or bool(self.anaphor.fullmatch(text))


@register("indicator")
def _indicator(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return IndicatorStage(patterns)
