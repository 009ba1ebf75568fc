"""The built-in stages, one per field, and the order the Extractor runs them in.

>>> from zhreport_extract import Extractor
>>> [s.name for s in Extractor(entities=False).stages]
['quantities', 'metric', 'per', 'initiative', 'year', 'change', 'status', 'indicator', 'period']
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import regex

from . import change, indicator, period, status  # noqa: F401  (their modules register the meaning stages)
from .entities import Engine, EntityFinder, with_actors
from .initiative import InitiativeFinder, Scope, ScopeIndex
from .metric import MetricFinder
from .patterns import Patterns
from .quantities import QuantityFinder, merge_user
from .records import ExtractionError, Fact
from .segment import WordSegmenter, split_clauses
from .stage import CLAUSE_WINDOW, REGISTRY, WINDOW, Document, Draft, Offs, Stage, register
from .year import YearResolver

# the built-in stages in the order they run; a stage reads what the stages before it wrote
DEFAULT_ORDER = ("quantities", "metric", "per", "initiative", "year", "change", "status", "indicator", "period", "actor")


def build_stages(patterns: Patterns, words: WordSegmenter, options: dict[str, Any], names: tuple[str, ...] = DEFAULT_ORDER) -> list[Stage]:
    """The stages named, built in that order (a factory may decline by its options)."""
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; known: {sorted(REGISTRY)}")
    built = (REGISTRY[n](patterns, words, options) for n in names)
    return [s for s in built if s is not None]


# --- quantities: the stage that makes the drafts ---------------------------------------


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def _unit_as_written(text: str, view: str, start: int, end: int, unit: str) -> str:
    """The unit as the page writes it where the view folded its script or brackets (26個 -> 個,
    人(次)); a full-width or canonical form, and any unit the view did not fold, stays as read.

    >>> _unit_as_written("新建26個", "新建26个", 2, 5, "个")
    '個'
    >>> _unit_as_written("新建２６个", "新建26个", 2, 5, "个")
    '个'
    >>> _unit_as_written("长３ｋｍ", "长3km", 1, 4, "km")
    'km'
    >>> _unit_as_written("培训331人(次)", "培训331人（次）", 2, 9, "人（次）")
    '人(次)'
    """
    at = view.rfind(unit, start, end)
    if at < 0:
        return unit
    written = text[at : at + len(unit)]
    if written != unit and all(a == b or _is_han(a) or (a in "()" and b in "（）") for a, b in zip(written, unit)):
        return written  # 26個, 人(次): the script and the brackets as the page writes them
    return unit


class QuantityStage(Stage):
    """Numbers with their units: makes one draft per quantity, located in its sentence and clause."""

    name = "quantities"
    assigns = ("quantity", "count", "unit", "qualifier", "count_max", "sentence", "rule")

    def __init__(self, patterns: Patterns) -> None:
        self.finder = QuantityFinder(patterns)
        self.units_as_written = patterns.units.script == "written"

    def begin(self, doc: Document) -> None:
        view = doc.view
        folded = self.units_as_written and doc.text != view  # a page whose view differs from its text
        slow_rules: dict[str, str] = {}
        found = self.finder.find(view, doc.disabled_rules, slow_rules)  # TimeoutError: the document fails
        user, timed_out = self.finder.find_user(view, doc.disabled_rules)
        doc.errors.extend(
            ExtractionError(kind="rule_timeout", message=msg, rule=rule) for rule, msg in [*slow_rules.items(), *timed_out]
        )
        if user:
            found = merge_user(found, user)
        starts = [s.start for s in doc.sentences]
        clauses: tuple[int, list[Offs], list[int]] = (-1, [], [])  # the sentence at hand: clauses, starts
        for q in found:
            q = self.finder.with_qualifier(view, q)
            k = bisect.bisect_right(starts, q.start) - 1
            if k < 0:
                continue
            sent = doc.sentences[k]
            if clauses[0] != k:
                pieces = split_clauses(view, sent.start, sent.end)
                clauses = (k, pieces, [c[0] for c in pieces])
            clause = clauses[1][bisect.bisect_right(clauses[2], q.start) - 1]
            doc.drafts.append(Draft(
                q=q, index=k, sentence=sent,
                clause=(max(clause[0], q.start - CLAUSE_WINDOW), min(clause[1], q.end + CLAUSE_WINDOW)),
                near=max(sent.start, q.start - WINDOW),
                # the stages read the unit as the view does (个); the fact gives it as written (個)
                written_unit=_unit_as_written(doc.text, view, q.start, q.end, q.unit) if folded and q.unit else None,
            ))


@register("quantities")
def _quantities(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return QuantityStage(patterns)


# --- metric ---------------------------------------------------------------------------


@dataclass
class _MetricState:
    prev_end: int = 0
    last: tuple[int, Offs | None] = (-1, None)  # sentence index, metric of the fact before
    last_draft: Draft | None = None  # the fact before
    respective: tuple[int, int] = (-1, 0)  # sentence index, values seen after 分别
    starts: dict[int, Draft] = field(default_factory=dict)  # each quantity by where it starts
    by_kind: dict[str, Offs] = field(default_factory=dict)  # the sentence's last metric of each unit kind
    prior: Offs | None = None  # the metric of the fact before the one before, in the same sentence


class MetricStage(Stage):
    """What each quantity counts: the phrase of its clause (metric.py), a from-to pair's
    shared subject, a 分别 list's own item, else the metric of the fact before it."""

    name = "metric"
    assigns = ("metric",)

    def __init__(self, patterns: Patterns, words: WordSegmenter) -> None:
        self.finder = MetricFinder(patterns, words)

    def begin(self, doc: Document) -> None:
        doc.state[self.name] = _MetricState(starts={d.q.start: d for d in doc.drafts})

    def fill(self, doc: Document, draft: Draft) -> None:
        st: _MetricState = doc.state[self.name]
        view, q, k, clause = doc.view, draft.q, draft.index, draft.clause
        same_clause = st.prev_end > clause[0]
        metric = self.finder.find(view, q.start, q.end, clause, st.prev_end if same_clause else 0)
        if metric is not None and metric[1] <= q.start and self.finder.ends_in_joiner(view, metric):
            # 200户低保家庭残疾人和20222名重度残疾人: a phrase before the value that ends in a joiner
            # is the item before; the value opens the next item, whose noun follows it
            metric = self.finder.noun_after(view, q.end, clause[1]) or metric
        if metric is not None and metric[0] >= q.end:
            order = doc.quantity_starts()
            k_next = bisect.bisect_right(order, q.start)
            if (
                k_next < len(order) and metric[0] <= order[k_next] < metric[1]
                and not self.finder.one_run(view, q.end, order[k_next])
            ):
                # 解困68户脱困18户: a phrase after the value that runs into the next value is that
                # value's own; read this one's clause only up to where the next value starts
                metric = self.finder.find(view, q.start, q.end, (clause[0], order[k_next]), st.prev_end if same_clause else 0)
        if metric is not None and self.finder.is_total(view, *metric):
            metric = self._total(view, draft, st, metric)
        nxt = st.starts.get(self.finder.skip_spaces(view, q.end, clause[1]))
        if nxt is not None and nxt.index == k and nxt.q.end <= clause[1]:
            # 28条208公里建制村连接线, 11类41项服务: two values before one noun both count it
            shared = self.finder.noun_after(view, nxt.q.end, clause[1])
            if shared is not None:
                metric = shared
        if st.last[0] == k and st.last[1] and (
            (same_clause and metric is None)
            or (metric is not None and self.finder.is_bare_change(view, *metric) and self.finder.is_from_to(view, st.prev_end, q.start))
        ):
            # 由162.4亿元增加到…亿元, and across a comma (数量从1949年的19.5万个，增加到2018年的461万个):
            # both ends count the same thing
            metric = st.last[1]
        last = st.last[1] if st.last[0] == k else None
        if (
            metric is not None and last is not None and st.last_draft is not None
            and st.last_draft.q.end <= last[0] and last[1] <= q.start and metric[0] < last[1] and last[0] < metric[1]
        ):
            # 35个贫困村14307人脱贫退出: the noun after the value before is that value's; when it is
            # all this one's phrase holds, this one counts what its people did (its short predicate)
            if metric[1] - last[1] < 2:
                metric = self.finder.predicate(view, q.end, clause[1]) or metric
        continues_list = st.respective[0] == k and self.finder.continues_list(view, st.prev_end, q.start)
        st.prev_end = q.end
        if metric is not None and "分别" in view[metric[0] : metric[1] + 2] or continues_list:
            if st.respective[0] != k:
                st.respective = (k, 0)
            item = self.finder.respective(view, draft.near, q.start, st.respective[1])
            st.respective = (k, st.respective[1] + 1)
            if item is not None:
                metric = item
        if metric is None and not same_clause and self.finder.per_alone_before(view, clause[0], q.start):
            # 发放春节慰问金，人均200元: a clause of a per phrase alone counts what the clause before names
            metric = self.finder.subject(view, draft.near, clause[0])
        if metric is None and st.last[0] == k:
            metric = self._reach_back(view, draft, st)
        if metric is None:
            metric = self.finder.subject(view, draft.near, clause[0])
        if st.last[0] != k:
            st.by_kind = {}
        if metric is not None:
            st.by_kind[draft.q.unit_kind] = metric
        st.prior = st.last[1] if st.last[0] == k else None
        st.last = (k, metric)
        st.last_draft = draft
        draft.metric = metric


    @staticmethod
    def _total(view: str, draft: Draft, st: _MetricState, word: Offs) -> Offs | None:
        """The metric of a value after a word of a total alone in its clause (，合计6.8万元): the word,
        when the value before it in the sentence is of its kind and the two before count different
        things (慰问金…，慰问品价值…，合计…); when they count one thing (…建设项目，…建设项目，共计7个),
        None (the stage reaches back for it); when the value before is of another kind (…7人获…救助，
        共计44万元), the sentence's last metric of the total's kind, else None."""
        if st.last[0] != draft.index or st.last_draft is None:
            return None
        if st.last_draft.q.unit_kind != draft.q.unit_kind:
            return st.by_kind.get(draft.q.unit_kind)
        last, prior = st.last[1], st.prior
        if last is not None and prior is not None and view[last[0] : last[1]] == view[prior[0] : prior[1]]:
            return None
        return word

    def _reach_back(self, view: str, draft: Draft, st: _MetricState) -> Offs | None:
        """A value whose clause names nothing counts what the fact before it in its sentence
        counts, unless the two measure different kinds (个 then 元): then what it counts is the
        subject of a clause between them without a number (…人均可支配收入增速高于经济增速、
        突破3万元), else the subject of the clause before (地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元:
        the counted noun after 4个 is no subject)."""
        last, prev = st.last[1], st.last_draft
        if prev is None or prev.q.unit_kind == draft.q.unit_kind or "none" in (prev.q.unit_kind, draft.q.unit_kind):
            return last
        same_kind = st.by_kind.get(draft.q.unit_kind)
        if same_kind is not None and self.finder.breaks_down(view, draft.clause[0], draft.q.start):
            return same_kind  # 共投入131万元对3528名妇女…，其中74万元用于…: a part of the sentence's last sum

        between = self.finder.compared_subject(view, max(draft.near, prev.q.end), draft.clause[0])
        if between is not None:
            return between
        if last is not None and last[0] >= prev.q.end:
            subject = self.finder.subject_before(view, prev.clause[0], prev.q.start)
            if subject is not None:
                return subject
        return last


@register("metric")
def _metric(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return MetricStage(patterns, words)


# --- per ------------------------------------------------------------------------------


class PerStage(Stage):
    """The denominator of a rate: from the quantity (万元/人) or 人均 / 年均 / 每人 … in the
    clause before the number or in the metric."""

    name = "per"
    assigns = ("per",)

    def __init__(self, patterns: Patterns) -> None:
        self.before = sorted(patterns.per.before.items(), key=lambda kv: len(kv[0]), reverse=True)
        # any of the words: one search rules out a window that holds none
        self.any_before = regex.compile("|".join(regex.escape(word) for word, _ in self.before) or "(?!)")

    def fill(self, doc: Document, draft: Draft) -> None:
        if draft.q.per:
            draft.per = draft.q.per
            return
        windows = [doc.view[draft.clause[0] : draft.q.start]]
        if draft.metric:
            windows.append(doc.view[draft.metric[0] : draft.metric[1]])
        for window in windows:
            if self.any_before.search(window) is None:
                continue
            for word, per in self.before:
                if word in window:
                    draft.per = per
                    return


@register("per")
def _per(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return PerStage(patterns)


# --- initiative -----------------------------------------------------------------------


class InitiativeStage(Stage):
    """The named programme in force (initiative.py's scopes), unless the fact is a change of a
    whole region or sector (出口增长69.4%) not stated in the clause naming the programme and
    whose own clause does not name it again."""

    name = "initiative"
    assigns = ("initiative", "initiative_cue")

    def __init__(self, patterns: Patterns, metrics: MetricFinder) -> None:
        self.finder = InitiativeFinder(patterns)
        self.metrics = metrics

    def begin(self, doc: Document) -> None:
        sentences = [(s.start, s.end, s.paragraph) for s in doc.sentences]
        scopes = self.finder.scopes(doc.view, doc.paragraphs, sentences, doc.quantity_starts())
        doc.state[self.name] = ScopeIndex(scopes)
        ordered = sorted(scopes, key=lambda sc: sc.start)
        doc.state[self.name + ".scopes"] = (ordered, [sc.start for sc in ordered])

    def fill(self, doc: Document, draft: Draft) -> None:
        before: Draft | None = doc.state.get(self.name + ".before")
        doc.state[self.name + ".before"] = draft
        doc.state.setdefault(self.name + ".facts", []).append(draft.q.start)  # where the facts so far start
        scope = doc.state[self.name].at(draft.q.start)
        if scope is not None and scope.level == "sentence" and draft.metric is not None:
            # two activities named in one sentence: a figure whose metric echoes the earlier one's
            # words and not the later one's (收到摄影作品68幅 after “A”摄影比赛和“B”征文活动) is the earlier's
            metric_text = doc.view[draft.metric[0] : draft.metric[1]]
            ordered, starts = doc.state[self.name + ".scopes"]
            # only the scopes opened in this sentence before this one (their starts, sorted)
            for other in ordered[bisect.bisect_left(starts, draft.sentence.start) : bisect.bisect_left(starts, scope.start)]:
                if other.start < scope.start and other.end >= scope.end and self.finder.echoed(other, scope, metric_text):
                    scope = other
        refused_before = doc.state.get(self.name + ".refused")
        doc.state[self.name + ".refused"] = None
        if scope is None or not scope.name:
            return  # no programme, or a list of names that governs nothing
        if scope.level == "sentence" and draft.q.start > scope.start and self._after_joined_names(doc, scope, draft):
            return  # 开展“A”活动和“B”系列团课，参与团员300万人次: a figure after a list of named activities is none's
        if (
            refused_before is not None and before is not None and refused_before is before
            and scope.start < before.q.start
            and self.finder.continues_item_list(doc.view, before.q.end, draft.q.start)
        ):
            # 进出口总额达到10318亿元、实绩企业达到10329家: an item listed after a region's total
            # (、 between, no clause break) is another of the region's figures
            doc.state[self.name + ".refused"] = draft
            return
        if draft.metric is not None and scope.start < draft.clause[0] and (
            self.metrics.is_change(doc.view, *draft.metric)
            or self.finder.is_region_statistic(doc.view, draft.clause[0], draft.q.start, draft.metric)
        ) and scope.name not in doc.view[draft.clause[0] : draft.q.start]:
            # a whole region's or sector's figure, not stated in the clause naming the programme;
            # a clause that writes the programme's name again (今年送温暖金额增加…) ties it to it;
            # a bare change (实施“A”，培训妇女300人次，比上年增长20%) in the sentence naming the
            # programme is the change of the figure before it, and goes with that figure
            bare = self.finder.is_bare_change(doc.view, *draft.metric) and scope.start >= draft.sentence.start
            if not (bare and before is not None and before.index == draft.index and before.initiative is not None):
                doc.state[self.name + ".refused"] = draft
                return
        draft.initiative = _as_written(doc, scope.name, scope.cue[0] + 1 if scope.cue else scope.start + 1)
        draft.initiative_cue = scope.cue


    def _after_joined_names(self, doc: Document, scope: Scope, draft: Draft) -> bool:
        """Whether the fact follows two or more activities named in one clause of its sentence
        (…实践活动和“B”系列团课) with no figure between them, and its metric echoes none of them
        alone: the figures after them are the list's, not the last name's (ANNOTATION: names in one
        list govern nothing)."""
        ordered, starts = doc.state[self.name + ".scopes"]
        facts: list[int] = doc.state[self.name + ".facts"]
        metric = doc.view[draft.metric[0] : draft.metric[1]] if draft.metric is not None else ""
        for other in ordered[bisect.bisect_left(starts, draft.sentence.start) : bisect.bisect_left(starts, scope.start)]:
            if (
                other.start < scope.start and other.end >= scope.end
                and not self._fact_between(facts, other.start, scope.start)
                and self.finder.joined(doc.view, other, scope)
                and not self.finder.echoed(scope, other, metric)
            ):
                return True
        return False


    @staticmethod
    def _fact_between(facts: list[int], start: int, end: int) -> bool:
        """Whether a fact so far (their starts, in document order) starts in [start, end)."""
        k = bisect.bisect_left(facts, start)
        return k < len(facts) and facts[k] < end


def _as_written(doc: Document, name: str, at: int) -> str:
    """A name read from the normalised view, as the text writes it (四好農村路, not 四好农村路),
    without the line break of a page that wrapped it (“巾帼建功⏎标兵岗位”)."""
    if doc.view.startswith(name, at):
        written = doc.text[at : at + len(name)]
    else:
        found = doc.view.find(name)
        written = doc.text[found : found + len(name)] if found >= 0 else name
    return written.replace("\r", "").replace("\n", "") if "\n" in written else written


@register("initiative")
def _initiative(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return InitiativeStage(patterns, MetricFinder(patterns, words))


# --- year -----------------------------------------------------------------------------


class YearStage(Stage):
    """The year each fact reports on: its clause, its paragraph's opening, its section, the
    document's year (year.py). Also sets the document's own year and where it came from."""

    name = "year"
    assigns = ("year",)

    def __init__(self, patterns: Patterns) -> None:
        self.resolver = YearResolver(patterns)

    def begin(self, doc: Document) -> None:
        years = self.resolver.document_years(doc.view, doc.date)
        doc.years = years
        doc.year_source = years.evidence(doc.text)
        sections = self.resolver.section_years(doc.view, doc.paragraphs, years)
        doc.state[self.name] = (sections, {})
        if years.written is not None and years.written != years.review:
            doc.plan_paragraphs = [y is not None and y == years.written for y in sections]

    def fill(self, doc: Document, draft: Draft) -> None:
        section_years, para_year = doc.state[self.name]
        view, sent = doc.view, draft.sentence
        p = doc.paragraphs[sent.paragraph]
        if sent.paragraph not in para_year:
            opening = self.resolver.paragraph_year(view, p.start, p.end)
            para_year[sent.paragraph] = opening if opening is not None else section_years[sent.paragraph]
        assert doc.years is not None
        listed = 0
        fen = view.rfind("分别", draft.near, draft.q.start)
        if fen >= 0:  # the value's place in the 分别 list: the values between 分别 and it
            starts = doc.quantity_starts()
            listed = bisect.bisect_left(starts, draft.q.start) - bisect.bisect_left(starts, fen)
        near = draft.near
        k = draft.index
        first = k  # the first ；-part of the whole sentence that holds the value (其中，…；…)
        while first > 0 and doc.sentences[first - 1].paragraph == sent.paragraph and _after_semicolon(view, doc.sentences[first].start):
            first -= 1
        if first < k and self.resolver.breaks_down(view, doc.sentences[first].start):
            k = first  # 。其中，助学…；助医5856人次: every ；-part of the breakdown is read in its frame
            near = max(doc.sentences[k].start, draft.q.start - WINDOW)
        while k > 0 and doc.sentences[k - 1].paragraph == sent.paragraph and self.resolver.breaks_down(view, doc.sentences[k].start):
            k -= 1  # 。其中，…: a breakdown of the sentence before is read in that sentence's frame
            near = max(doc.sentences[k].start, draft.q.start - WINDOW)
        draft.year = self.resolver.fact_year(
            view, draft.q.start, (near, sent.end), draft.clause[0], p.start, para_year[sent.paragraph], doc.years,
            listed,
        )


def _after_semicolon(view: str, start: int) -> bool:
    """Whether the sentence at ``start`` follows a ；, as a part of a longer sentence.

    >>> _after_semicolon("甲；乙", 2), _after_semicolon("甲。乙", 2)
    (True, False)
    """
    i = start - 1
    while i >= 0 and view[i] in " \t\u3000":
        i -= 1
    return i >= 0 and view[i] in "；;"


@register("year")
def _year(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage:
    return YearStage(patterns)


# --- actor (entities) -----------------------------------------------------------------


class ActorStage(Stage):
    """Entities (ORG, LOC, WORK) in the sentences that hold a fact, and each fact's actor:
    the nearest ORG before it in its sentence."""

    name = "actor"
    assigns = ("actor",)

    def __init__(self, patterns: Patterns, words: WordSegmenter, engine: Engine) -> None:
        self.finder = EntityFinder(patterns, words, engine)

    def finish(self, doc: Document, facts: list[Fact]) -> list[Fact]:
        if not facts:
            return facts
        doc.entities = self.finder.find(doc.text, [_entity_range(f) for f in facts], doc.view)
        return with_actors(facts, doc.entities)


def _entity_range(fact: Fact) -> Offs:
    """Where to look for a fact's entities: its sentence, or the CLAUSE_WINDOW-long piece of
    a runaway sentence that holds the fact (the entity rules never read a megabyte line)."""
    start, end = fact.sentence.start, fact.sentence.end
    if end - start <= WINDOW:
        return start, end
    piece = start + (fact.quantity.start - start) // CLAUSE_WINDOW * CLAUSE_WINDOW
    return piece, min(end, piece + CLAUSE_WINDOW)


@register("actor")
def _actor(patterns: Patterns, words: WordSegmenter, options: dict[str, Any]) -> Stage | None:
    entities = options.get("entities", True)
    if not entities:
        return None
    return ActorStage(patterns, words, "spacy" if entities == "spacy" else "rules")
