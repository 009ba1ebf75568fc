"""The fast paths give exactly what the plain ones give: Viterbi POS routes, clause boundaries, normalisation."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import jieba.posseg as posseg
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zhreport_extract import Extractor
from zhreport_extract.lexicon import StateTables, viterbi_pos
from zhreport_extract.meaning_patterns import CuePattern, first_chars
from zhreport_extract.patterns import compile_fast
from zhreport_extract.records import Span
from zhreport_extract.segment import CLAUSE_END, CLOSERS, MAX_NESTING_SPAN, OPENERS, SENTENCE_END, WordSegmenter, _boundaries

MODEL = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
KNOWN = sorted(posseg.char_state_tab_P)[:400]
# characters the tagger's table lacks (traditional forms, rare ones) take its slowest path
UNKNOWN = [c for c in "臨時建築標準過高浪費經過學校專業衞生幹部選民農田財政亘凯龙" if c not in posseg.char_state_tab_P]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(KNOWN + UNKNOWN), min_size=1, max_size=12))
def test_viterbi_pos_equals_jieba(obs: str) -> None:
    assert viterbi_pos(obs, *MODEL) == posseg.viterbi(obs, *MODEL)


TABLES = StateTables.of(*MODEL)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(KNOWN + UNKNOWN), min_size=1, max_size=12))
def test_viterbi_pos_through_state_tables_equals_jieba(obs: str) -> None:
    assert TABLES is not None
    assert viterbi_pos(obs, *MODEL, None, None, TABLES) == posseg.viterbi(obs, *MODEL)


def test_state_tables_read_runs_of_known_characters_only() -> None:
    assert TABLES is not None
    obs = "".join(KNOWN[:6])
    assert TABLES.viterbi(obs) == posseg.viterbi(obs, *MODEL)
    assert TABLES.viterbi(UNKNOWN[0] + KNOWN[0]) is None  # a character with no states: the other paths read it
    # states that do not sort cannot be numbered: no tables, and viterbi_pos reads runs as before
    assert StateTables.of({"a": [1, "x"]}, {1: 0.0, "x": 0.0}, {1: {"x": -1.0}, "x": {1: -1.0}}, {1: {}, "x": {}}) is None


def test_viterbi_pos_on_unknown_characters() -> None:
    assert UNKNOWN, "the sample needs characters outside jieba's state table"
    obs = "".join(UNKNOWN)
    assert viterbi_pos(obs, *MODEL) == posseg.viterbi(obs, *MODEL)


def test_tagger_equals_jieba_tagger() -> None:
    words = WordSegmenter()
    tokenizer = words.tokenizer
    text = "2018年，临时建築標準過高浪費，亘富美凯龙推送信息657条；惠及310万户家庭。经过学校和老旧小区改造。"
    slow = [(p.word, p.flag) for p in posseg.POSTokenizer(tokenizer).cut(text)]
    assert [(text[s:e], f) for s, e, f in words.words(text)] == slow
    shifted = words.words(text, 100)  # a cached answer, shifted
    assert shifted[0][:2] == (100, 100 + len(slow[0][0]))


def reference_boundaries(text: str, start: int, end: int, stops: frozenset[str]) -> Iterator[tuple[int, int]]:
    """The character-by-character loop that :func:`_boundaries` replaces."""
    stack: list[tuple[str, int]] = []
    piece = start
    for i in range(start, end):
        ch = text[i]
        if stack and i - stack[-1][1] > MAX_NESTING_SPAN:
            stack.clear()
        if ch == "“" and stack and stack[-1][0] == "”":
            stack.pop()  # “A“: the typo closes its quote
        elif ch in OPENERS and not (ch == "‘" and stack and stack[-1][0] == "“"):
            stack.append((OPENERS[ch], i))
        elif stack and ch == stack[-1][0]:
            stack.pop()
        elif ch in CLOSERS:
            stack.clear()
        elif ch in stops and not stack:
            yield piece, i + 1
            piece = i + 1
    if piece < end:
        yield piece, end


MARKS = "".join(OPENERS) + "".join(CLOSERS) + "，、：,:。！？；!?;"
FILLER = "甲乙丙丁戊"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(MARKS), st.text(alphabet=FILLER, min_size=1, max_size=90)), max_size=40),
    st.data(),
)
def test_boundaries_equal_reference(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for stops in (SENTENCE_END, CLAUSE_END):
        assert list(_boundaries(text, start, end, stops)) == list(reference_boundaries(text, start, end, stops))


def test_a_second_opening_quote_closes_the_first() -> None:
    text = "“甲“乙”，丙"
    assert list(_boundaries(text, 0, len(text), CLAUSE_END)) == [(0, 6), (6, 7)]
    assert list(_boundaries(text, 0, len(text), CLAUSE_END)) == list(reference_boundaries(text, 0, len(text), CLAUSE_END))


def test_boundaries_unclosed_quote_released_after_the_limit() -> None:
    text = "“" + "甲" * (MAX_NESTING_SPAN + 5) + "，乙，丙"
    got = list(_boundaries(text, 0, len(text), CLAUSE_END))
    assert got == list(reference_boundaries(text, 0, len(text), CLAUSE_END))
    assert [text[s:e] for s, e in got][-2:] == ["乙，", "丙"]


@functools.cache
def _report_table() -> Any:
    """The extractor's normalisation table: full-width forms and the traditional map."""
    from zhreport_extract.normalise import make_table
    from zhreport_extract.patterns import Patterns

    return make_table(Patterns().traditional.map, library=Patterns().traditional.library)


def _table_text() -> st.SearchStrategy[str]:
    keys = sorted(chr(c) for c in _report_table())
    return st.text(st.one_of(st.sampled_from(keys), st.sampled_from("增长人次万元，。\n 1a"), st.characters()), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_table_text())
def test_normalise_by_pattern_is_str_translate(text: str) -> None:
    from zhreport_extract.normalise import (
        make_table,
        normalise,
        outer_single_quotes,
        pair_straight_quotes,
        read_ascii_stops,
        repair_misclosed_quotes,
    )

    table = _report_table()
    assert table.apply(text) == text.translate(dict(table))
    # normalise is that view with straight quotes paired, outer single quotes and ASCII full stops read as “” and 。,
    # and quotes typed with one mark at both ends repaired where the marks do not balance
    view = outer_single_quotes(pair_straight_quotes(text.translate(dict(table))))
    if view.count("“") != view.count("”"):
        view = repair_misclosed_quotes(view)
    assert normalise(text, table) == read_ascii_stops(view)
    assert normalise(text) == normalise(text, dict(make_table()))  # a plain dict goes through str.translate


def test_normalise_by_pattern_is_str_translate_on_the_reports() -> None:
    from conftest import shared_path

    from zhreport_extract.normalise import normalise

    table = _report_table()
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("corpus", "reports").glob("*.txt"))]
    changed = [t for t in texts if table.apply(t) != t]
    assert changed  # full-width digits and traditional forms occur: the test compares real replacements
    assert [table.apply(t) for t in texts] == [t.translate(dict(table)) for t in texts]
    # normalise is the table's view, with straight quotes paired, quotes typed with one mark at both
    # ends repaired where the marks do not balance, and ASCII full stops read as 。
    from zhreport_extract.normalise import (
        outer_single_quotes,
        pair_straight_quotes,
        read_ascii_stops,
        repair_misclosed_quotes,
    )

    def composed(text: str) -> str:
        view = outer_single_quotes(pair_straight_quotes(text.translate(dict(table))))
        return read_ascii_stops(repair_misclosed_quotes(view) if view.count("“") != view.count("”") else view)

    views = [normalise(t, table) for t in texts]
    assert views == [composed(t) for t in texts]
    assert sum(view != read_ascii_stops(outer_single_quotes(pair_straight_quotes(t.translate(dict(table)))))
               for t, view in zip(texts, views)) >= 1  # some report types a quote with one mark at both ends


def test_normalise_reads_a_text_without_astral_characters_by_the_smaller_class() -> None:
    from zhreport_extract.normalise import Table

    table = _report_table()
    astral = [chr(c) for c in table if c > 0xFFFF]
    assert astral, "the traditional map holds characters above U+FFFF (CJK compatibility supplement)"
    bmp = [chr(c) for c in sorted(table) if c <= 0xFFFF][::50]
    plain = "增长" + "".join(bmp) + "人次，1a"
    mixed = plain + astral[0] + "\U0001f600" + "".join(bmp[:5])  # a table key and a character outside the table
    for text in (plain, mixed, "", "\U0001f600", astral[0]):
        assert table.apply(text) == text.translate(dict(table))
    assert table.apply(mixed) != mixed and table.apply(mixed)[len(plain)] == table[ord(astral[0])]
    # tables of characters on one side of U+FFFF only
    for only in (Table({ord("個"): "个", ord("，"): ","}), Table({ord(astral[0]): "x", 0x1F600: "y"})):
        for text in (plain, mixed, astral[0] + "個\U0001f600，"):
            assert only.apply(text) == text.translate(dict(only))


# --- shipped patterns on Python's re -------------------------------------------------------


def test_compile_fast_takes_re_only_for_trusted_patterns_it_reads() -> None:
    assert isinstance(compile_fast(r"第$"), re.Pattern)
    assert isinstance(compile_fast(r"\p{Han}"), regex.Pattern)  # no \p in re
    assert isinstance(compile_fast(r"(?<=近|超过)\d"), regex.Pattern)  # variable-width look-behind
    assert isinstance(compile_fast(r"[[:alpha:]]"), regex.Pattern)  # a possible nested set: re only warns
    with pytest.warns(FutureWarning):
        re.compile(r"[[:digit:]]")  # in re's cache now, as code elsewhere might have left it
    assert isinstance(compile_fast(r"[[:digit:]]"), regex.Pattern)
    assert isinstance(compile_fast(r"第$", trusted=False), regex.Pattern)  # a user's own: always regex


def _shipped_re_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern of the shipped extractor's stages that runs on re."""
    extractor = Extractor(entities=False)
    seen: list[re.Pattern[str]] = []

    def collect(obj: object, depth: int) -> None:
        if isinstance(obj, re.Pattern):
            seen.append(obj)
        elif isinstance(obj, (list, tuple)):
            for item in obj:
                collect(item, depth)
        elif isinstance(obj, dict):
            for item in obj.values():
                collect(item, depth)
        elif depth > 0 and hasattr(obj, "__dict__") and type(obj).__module__.startswith("zhreport_extract"):
            for item in vars(obj).values():
                collect(item, depth - 1)

    collect(extractor.stages, 3)
    return list({p.pattern: p for p in seen}.values())


SHIPPED_RE = _shipped_re_patterns()
# the words and characters the patterns name, with digits, spaces and marks around them
PATTERN_PIECES = sorted(
    {w for p in SHIPPED_RE for w in re.findall(r"[\u2000-\uffff]+", p.pattern)}
    | {ch for p in SHIPPED_RE for ch in p.pattern if ord(ch) > 0x2000}
    | set("0123456789 .%-")
)


def test_shipped_patterns_run_on_re() -> None:
    assert len(SHIPPED_RE) > 50  # the exclusion rules, the metric's and the meaning stages' patterns


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PATTERN_PIECES), max_size=6).map("".join))
def test_shipped_patterns_mean_the_same_on_re_and_regex(text: str) -> None:
    for p in SHIPPED_RE:
        slow = regex.compile(p.pattern)
        fast_m, slow_m = p.search(text), slow.search(text)
        assert (fast_m and fast_m.span()) == (slow_m and slow_m.span()), (p.pattern, text)
        fast_m, slow_m = p.match(text), slow.match(text)
        assert (fast_m and fast_m.span()) == (slow_m and slow_m.span()), (p.pattern, text)


def _shipped_cue_patterns() -> list[CuePattern]:
    extractor = Extractor(entities=False)
    found = [v for s in extractor.stages for v in vars(s).values() if isinstance(v, CuePattern)]
    return found


SHIPPED_CUES = _shipped_cue_patterns()
CUE_PIECES = sorted(
    {w for c in SHIPPED_CUES for w in re.findall(r"[\u2000-\uffff]+", c.slow.pattern)}
    | {ch for c in SHIPPED_CUES for ch in c.slow.pattern if ord(ch) > 0x2000}
    | set("0123456789 .%-，。；")
)


def test_long_cue_alternations_are_prefiltered() -> None:
    prefiltered = [c for c in SHIPPED_CUES if c.first is not None]
    assert len(SHIPPED_CUES) >= 4 and len(prefiltered) >= 3  # period's and status's cues


def test_first_chars() -> None:
    assert first_chars(r"(?<!比)今年|去年|(?:19|20)\d\d年") == "[今去12]"
    assert first_chars(r"(?P<a>(?<=，)[两二]年)|平均每年|\d+年来") == r"[两二平\d]"
    assert first_chars(r"(?:近|过去)?[0-9]年") == "[近过0-9]"  # an optional opening: what follows may open
    assert first_chars(r"今年|去年") is None  # re scans for the first characters itself
    assert first_chars(r"(?:今)?年?") is None  # may match empty
    assert first_chars(r"(?<!比)[^，]年") is None  # a negated class is not worked out
    assert first_chars(r"(?<!比)(?i:ab)") is None  # nor a flag inside
    assert first_chars(r"(?<!比)(a") is None  # nor a pattern re refuses


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), max_size=12).map("".join), st.integers(0, 3), st.integers(0, 3))
def test_prefiltered_cues_find_what_re_finds(text: str, cut_start: int, cut_end: int) -> None:
    text = "，" + text + "。"
    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    for cue in SHIPPED_CUES:
        assert cue.fast is not None
        want = [(m.span(), m.groupdict()) for m in cue.fast.finditer(text, start, end)]
        got = [(m.span(), m.groupdict()) for m in cue.finditer(text, start, end)]
        assert got == want, (cue.slow.pattern[:80], text)


# --- initiative: one search for any opening quote ------------------------------------------


@functools.cache
def _initiative_finders() -> tuple[Any, Any]:
    """The finder on the shipped patterns (re) and on a patterns directory of one's own (regex)."""
    import shutil
    import tempfile
    from pathlib import Path

    from zhreport_extract.initiative import InitiativeFinder
    from zhreport_extract.patterns import Patterns, default_patterns_dir

    own = Path(tempfile.mkdtemp()) / "patterns"
    shutil.copytree(default_patterns_dir(), own)
    return InitiativeFinder(Patterns()), InitiativeFinder(Patterns(own))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("“”‘’「」『』\"开展活动。，\n a"), max_size=30), st.integers(0, 32), st.integers(0, 32))
def test_any_opener_is_a_find_of_each_opener(text: str, start: int, end: int) -> None:
    for finder in _initiative_finders():
        by_find = any(text.find(opener, start, end) >= 0 for opener in finder.quote_openers)
        assert (finder.any_opener.search(text, start, end) is not None) == by_find


def test_any_opener_engines() -> None:
    shipped, own = _initiative_finders()
    assert isinstance(shipped.any_opener, re.Pattern) and isinstance(own.any_opener, regex.Pattern)
    assert shipped.quote_openers == own.quote_openers and len(shipped.quote_openers) >= 4
    text = "全年开展“春风行动”3次。"
    assert shipped.any_opener.search(text, 0, 4) is None and shipped.any_opener.search(text, 0, 5) is not None
    assert [m.name for m in shipped.mentions(text, 0, len(text), set())] == [m.name for m in own.mentions(text, 0, len(text), set())]


# --- records set without validating again (Span.of, fact_of) --------------------------------


def _same_record(fast: Any, checked: Any) -> None:
    """Two records alike in every way a caller can see: value, JSON (field order), fields set."""
    import pickle

    assert type(fast) is type(checked)
    assert fast == checked and hash(fast) == hash(checked)
    assert list(fast.__dict__) == list(checked.__dict__)
    assert fast.model_dump_json() == checked.model_dump_json() and repr(fast) == repr(checked)
    assert fast.model_fields_set == checked.model_fields_set
    assert fast.__pydantic_extra__ == checked.__pydantic_extra__ and fast.__pydantic_private__ == checked.__pydantic_private__
    assert pickle.loads(pickle.dumps(fast)) == checked
    assert fast.model_copy(update={}) == checked.model_copy(update={})


def _outcome(make: Any) -> Any:
    from pydantic import ValidationError

    try:
        return make()
    except ValidationError as exc:
        return ("refused", [(e["loc"], e["type"]) for e in exc.errors()])


_OFFSET = st.one_of(st.integers(-3, 12), st.booleans(), st.sampled_from([2.0, "3"]))


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("妇联举办3场\U0002f800a"), max_size=9), _OFFSET, _OFFSET)
def test_span_of_is_the_validated_span(document: str, start: Any, end: Any) -> None:
    from zhreport_extract.records import Span

    def checked() -> Any:
        return Span(start=start, end=end, text=document[start:end])

    try:
        document[start:end]
    except TypeError:  # no slice of such offsets: Span.of fails as before
        with pytest.raises(TypeError):
            Span.of(document, start, end)
        return
    fast, slow = _outcome(lambda: Span.of(document, start, end)), _outcome(checked)
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        _same_record(fast, slow)


class _Str(str):
    pass


class _SubSpan(Span):  # a Span of another class (module level: the test pickles it)
    pass


def _fact_values() -> st.SearchStrategy[dict[str, Any]]:
    from decimal import Decimal

    from zhreport_extract.records import Offsets, Span

    span, other = Span(start=0, end=2, text="妇联"), Span(start=3, end=5, text="举办")

    odd = st.sampled_from([True, 3, 2.5, "x", _Str("up"), Decimal("NaN"), (0, 4), _SubSpan(start=0, end=2, text="妇联")])
    choices: dict[str, st.SearchStrategy[Any]] = {
        "quantity": st.sampled_from([span, other]),
        "count": st.sampled_from([Decimal(3), Decimal("-0"), Decimal("1E+3"), Decimal("2.50")]),
        "unit": st.sampled_from(["场", "", "万元"]),
        "qualifier": st.sampled_from([None, "over", "about"]),
        "count_max": st.sampled_from([None, Decimal(5)]),
        "per": st.sampled_from([None, "人"]),
        "metric": st.sampled_from([None, span]),
        "initiative": st.sampled_from([None, "春风行动"]),
        "year": st.sampled_from([None, 2019, 0]),
        "change": st.sampled_from([None, "up", "flat"]),
        "change_cue": st.sampled_from([None, other]),
        "status": st.sampled_from(["actual", "target"]),
        "status_cue": st.sampled_from([None, other]),
        "indicator": st.sampled_from([None, "GDP"]),
        "indicator_cue": st.sampled_from([None, span]),
        "period": st.sampled_from(["year", "part", "span"]),
        "period_cue": st.sampled_from([None, other]),
        "actor": st.sampled_from([None, "市妇联"]),
        "sentence": st.sampled_from([Offsets(start=0, end=10), Offsets(start=2, end=3)]),
        "rule": st.sampled_from(["number_unit", "range"]),
    }

    @st.composite
    def values(draw: st.DrawFn) -> dict[str, Any]:
        out = {name: draw(choice) for name, choice in choices.items() if name != "actor" or draw(st.booleans())}
        for name in draw(st.lists(st.sampled_from(sorted(choices)), max_size=2)):  # a value of another kind
            out[name] = draw(odd)
        if draw(st.integers(0, 9)) == 0:
            out.pop(draw(st.sampled_from(sorted(out))))  # a field left out (a required one is refused)
        if draw(st.integers(0, 19)) == 0:
            out["colour"] = "red"  # an unknown field is refused
        if draw(st.integers(0, 9)) == 0:
            out["sentence"] = Offsets(start=draw(st.sampled_from([-1, True, 4])), end=5)
        if draw(st.integers(0, 9)) == 0:
            out["change"] = "sideways"
        return out

    return values()


@settings(max_examples=600, deadline=None)
@given(_fact_values())
def test_fact_of_is_the_validated_fact(values: dict[str, Any]) -> None:
    from zhreport_extract.records import Fact, fact_of

    fast, slow = _outcome(lambda: fact_of(dict(values))), _outcome(lambda: Fact(**values))
    if isinstance(slow, tuple):
        assert fast == slow
    else:
        _same_record(fast, slow)


def test_fact_of_sets_plain_values_and_validates_the_others() -> None:
    from decimal import Decimal

    from pydantic import ValidationError

    from zhreport_extract.records import Fact, Offsets, Span, _PLAIN_FACT, fact_of

    assert _PLAIN_FACT.types is not None  # every field of Fact is of a plain kind: the fast path is on
    base = {"quantity": Span(start=0, end=2, text="3场"), "count": Decimal(3), "unit": "场",
            "sentence": Offsets(start=0, end=3), "rule": "number_unit"}
    assert _PLAIN_FACT.plain(base) and not _PLAIN_FACT.plain({**base, "year": True})
    assert not _PLAIN_FACT.plain({**base, "count": Decimal("Infinity")}) and not _PLAIN_FACT.plain({**base, "status": "guess"})
    assert fact_of({**base, "year": True}).year == 1 == Fact(**base, year=True).year  # validated: bool -> int, as ever
    with pytest.raises(ValidationError):
        fact_of({**base, "sentence": Offsets(start=-1, end=3)})
    with pytest.raises(ValidationError):
        fact_of({k: v for k, v in base.items() if k != "rule"})


def test_extracted_facts_are_the_validated_facts(extractor: Any) -> None:
    from zhreport_extract.records import Fact

    result = extractor.extract("2019年，市妇联举办“春风行动”培训班12期，培训妇女约3600人次，同比增长15%。预计2020年达到5000人次。")
    assert len(result.facts) >= 3
    for fact in result.facts:
        _same_record(fact, Fact(**{name: getattr(fact, name) for name in fact.model_fields_set}))


# --- exclusion rules: the first (last) character before a search ----------------------------


@functools.cache
def _edge_rules() -> list[tuple[str, Any, Any, Any, Any]]:
    """(rule id, after pattern on re, its EdgeTest, before pattern on re, its EdgeTest) of the shipped rules."""
    from zhreport_extract.quantities import EdgeTest, QuantityFinder

    finder = QuantityFinder(Extractor().patterns)
    out = []
    for rule, rx in finder.exclusions:
        after = EdgeTest.of(rule.after) if isinstance(rx["after"], re.Pattern) else None
        before = EdgeTest.of(rule.before, last=True) if isinstance(rx["before"], re.Pattern) else None
        out.append((rule.id, rx["after"], after, rx["before"], before))
    return out


def _edge_alphabet() -> list[str]:
    """The characters of the shipped exclusion rules' patterns, and some others."""
    from zhreport_extract.patterns import Patterns

    chars = {c for rule in Patterns().exclusions.rule for p in (rule.after, rule.before) if p for c in p}
    return sorted(chars | set("12３٣ \t\n\u3000个人万元，。ab"))


@settings(max_examples=1500, deadline=None)
@given(st.text(st.sampled_from(_edge_alphabet()), max_size=8))
def test_edge_tests_never_skip_a_match(text: str) -> None:
    for _, after_rx, after_edge, before_rx, before_edge in _edge_rules():
        if after_edge is not None and not after_edge[text[:1]]:
            assert after_rx.match(text) is None
        if before_edge is not None and not before_edge[text[-1:]]:
            assert before_rx.search(text) is None


def test_edge_tests_of_the_shipped_rules() -> None:
    from zhreport_extract.quantities import EdgeTest

    rules = {rule_id: (after_edge, before_edge) for rule_id, _, after_edge, _, before_edge in _edge_rules()}
    assert sum(a is not None for a, _ in rules.values()) >= 10 and sum(b is not None for _, b in rules.values()) >= 10
    ordinal = rules["ordinal"][1]
    assert ordinal is not None and ordinal["第"] and not ordinal["个"] and not ordinal[""] and ordinal["\n"]
    assert rules["adverb_yidu"][0] is None  # ^(?!电) matches empty: always searched
    assert rules["in_title"][1] is None  # a negated class: always searched
    # a final line feed: $ matches before it, so the character before the line feed counts
    assert EdgeTest(r"第$", last=True)["\n"] and re.search(r"第$", "第\n")
    assert EdgeTest.of(None) is None and EdgeTest.of("(?i)a") is None and EdgeTest.of("a$", last=True) is not None
    assert EdgeTest.of("a", last=True) is None  # no $ at the end: no last-character test


def test_exclusions_with_and_without_edge_tests(extractor: Any) -> None:
    """The same exclusion, rule by rule, with the shipped rules' tables (number tests by number
    text, edge tests) and with every test of every rule run (the path of rules under a timeout)."""
    from zhreport_extract.quantities import QuantityFinder

    fast = QuantityFinder(extractor.patterns)
    plain = QuantityFinder(extractor.patterns)
    plain.guarded = True  # the general loop; the shipped patterns take no timeout, and need none
    text = ("第3名，数十人，近百家，2019年3月，8:30，上午10时，5：1，1:2，A4纸，“三个一”工程，"
            "连续3年，前10名，第十三届，1.2e5，做好3篇文章，20个以上的，超过5的，两会\n3次，十三五期间。"
            "一两个人，十几家，一一对应，1998至2000年，壹万元，三两天，百余人，一年来，第一产业，上万人，数百家。")
    view = extractor.document(text).view
    seen: dict[str, list[tuple[int, int, str | None]]] = {"fast": [], "plain": []}
    for name, finder in (("fast", fast), ("plain", plain)):
        judge = finder.excluded_by

        def spy(view: str, q: Any, *args: Any, _judge: Any = judge, _seen: Any = seen[name], **kwargs: Any) -> Any:
            rule = _judge(view, q, *args, **kwargs)
            _seen.append((q.start, q.end, rule))
            return rule

        finder.excluded_by = spy  # type: ignore[method-assign]
        finder.find(view)
    assert seen["fast"] == seen["plain"] and len(seen["fast"]) >= 20
    refused = {rule for _, _, rule in seen["fast"] if rule}
    assert {"ordinal", "rank_top", "ratio", "essay_idiom", "quoted_name"} <= refused and len(refused) >= 8, refused


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙。！？!?；，\n", max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_whole_sentence_start_is_the_last_stop_before_the_position(view: str, a: int, b: int) -> None:
    """One search backwards gives what the search for each stop gave (the year stage's
    sentence up to 。！？ before a value)."""
    from zhreport_extract.segment import whole_sentence_start

    paragraph_start, pos = min(a, b, len(view)), min(max(a, b), len(view))
    each = max(paragraph_start, *(view.rfind(ch, paragraph_start, pos) + 1 for ch in "。！？!?"))
    assert whole_sentence_start(view, paragraph_start, pos) == each


def test_whole_sentence_start_examples() -> None:
    from zhreport_extract.segment import whole_sentence_start

    assert whole_sentence_start("去年。今年新增3家；另有5家！其中2家", 0, 19) == 15
    assert whole_sentence_start("去年。今年新增3家；另有5家", 3, 12) == 3
    assert whole_sentence_start("今年新增3家", 0, 5) == 0
