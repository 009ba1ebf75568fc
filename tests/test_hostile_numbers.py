"""Numbers that try to come out wrong: invisible characters inside a number, the caller's
decimal context, exponent forms and fractions beyond the bound (issue 19, "values silently
wrong"). Each reproduction of the issue is a test here; the properties below hold for the
classes behind them."""

from __future__ import annotations

import decimal
import os
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhreport_extract import Extractor
from zhreport_extract.numerals import parse_chinese, parse_number, to_plain
from zhreport_extract.patterns import Patterns

INVISIBLE = ["\u2060", "\u00ad", "\u200b", "\u200d", "\u200f", "\u0301", "\u200c", "\u0000", "\u0007", "\u20dd"]


def facts(extractor: Extractor, text: str) -> list[tuple[str, Decimal, str]]:
    return [(f.quantity.text, f.count, f.unit) for f in extractor.extract(text).facts]


# --- invisible characters inside a number ------------------------------------------------

@pytest.mark.parametrize("ch", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_an_invisible_character_between_digits_is_skipped(extractor: Extractor, ch: str) -> None:
    text = f"投资1{ch}0亿元"
    result = extractor.extract(text)
    assert [(f.quantity.text, f.count, f.unit) for f in result.facts] == [(f"1{ch}0亿元", Decimal(10**9), "元")]
    fact = result.facts[0]
    assert (fact.quantity.start, fact.quantity.end) == (2, len(text))  # the span covers the original characters
    assert fact.metric is not None and fact.metric.text == "投资"


def test_soft_hyphen_inside_a_percentage(extractor: Extractor) -> None:
    assert facts(extractor, "增长1\xad5%") == [("1\xad5%", Decimal(15), "%")]


def test_invisible_inside_chinese_numeral_and_before_magnitude(extractor: Extractor) -> None:
    assert facts(extractor, "投资十\u2060万元") == [("十\u2060万元", Decimal(100000), "元")]
    assert facts(extractor, "投资1.5\u200b亿元") == [("1.5\u200b亿元", Decimal(150000000), "元")]


def test_full_width_digits_with_an_invisible_character(extractor: Extractor) -> None:
    assert facts(extractor, "投资１\u2060０亿元") == [("１\u2060０亿元", Decimal(10**9), "元")]


def test_a_sign_keeps_its_number(extractor: Extractor) -> None:
    assert facts(extractor, "利润为-\u200b12万元") == [("-\u200b12万元", Decimal(-120000), "元")]


def test_an_invisible_character_outside_a_number_is_left_alone(extractor: Extractor) -> None:
    text = "举办\u200b讲座\u20603场，培训\u00ad120人次\u200f。"
    result = extractor.extract(text)
    assert [(f.quantity.text, f.count) for f in result.facts] == [("3场", Decimal(3)), ("120人次", Decimal(120))]
    assert result.facts[1].quantity.start == text.index("120")


def test_a_line_break_is_no_invisible_character(extractor: Extractor) -> None:
    assert facts(extractor, "活动共举办12\n3场") == []  # cut by a line break: refused, not read as 3


def test_skipping_is_a_declared_rule() -> None:
    rule = Patterns().numbers.invisible
    assert set(rule.categories) == {"Cf", "Cc", "Mn", "Me"}
    assert "\n" in rule.keep and "\t" in rule.keep


# --- the caller's decimal context --------------------------------------------------------

def test_a_low_precision_context_does_not_round_counts(extractor: Extractor) -> None:
    with decimal.localcontext() as ctx:
        ctx.prec = 4
        assert facts(extractor, "投资-1234567元") == [("-1234567元", Decimal(-1234567), "元")]
        assert facts(extractor, "共12345678.9万元") == [("12345678.9万元", Decimal(123456789000), "元")]


def test_an_inexact_trap_does_not_raise(extractor: Extractor) -> None:
    with decimal.localcontext() as ctx:
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        assert facts(extractor, "三分之一") == [("三分之一", Decimal("0.3333333333"), "")]
        assert facts(extractor, "占比为百分之三十三点三") == [("百分之三十三点三", Decimal("33.3"), "%")]


def test_numerals_ignore_the_callers_context() -> None:
    with decimal.localcontext() as ctx:
        ctx.prec = 2
        ctx.rounding = decimal.ROUND_DOWN
        assert parse_number("3.6万亿") == Decimal(3600000000000)
        assert parse_chinese("一千二百三十四") == Decimal(1234)
        assert to_plain(Decimal("2.2E+5")) == Decimal(220000)


# --- exponents and fractions ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["1e-308元", "误差1E-6元", "约2.5e+3次", "共1e5元"])
def test_an_exponent_gives_no_fact(extractor: Extractor, text: str) -> None:
    assert facts(extractor, text) == []


def test_a_fraction_beyond_the_bound_gives_no_fact(extractor: Extractor) -> None:
    tiny = "0." + "0" * 29 + "1"
    assert facts(extractor, f"{tiny}分之{'9' * 27}") == []
    assert facts(extractor, "占五分之一") == [("五分之一", Decimal("0.2"), "")]


# --- properties ----------------------------------------------------------------------------

PROPS = settings(
    max_examples=int(os.environ.get("ZHREPORT_FUZZ_EXAMPLES", "0")) or 150, derandomize=not os.environ.get("ZHREPORT_FUZZ_EXAMPLES"), database=None, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NUMBERS = ["1234", "12.5", "-30", "1,234", "三千五百", "4.5万", "二十", "0.75", "百分之十二", "两千"]
UNITS = ["元", "亿元", "%", "人", "个", "万人次", "个百分点", ""]
PREFIXES = ["投资", "增长", "共有", "培训", "下降", ""]
invisible_chars = st.sampled_from(INVISIBLE + ["\u2061", "\u034f", "\u0300", "\u001b", "\ufe0f"])


@st.composite
def phrase_with_insert(draw: st.DrawFn) -> tuple[str, str, int]:
    text = "".join(
        draw(st.sampled_from(PREFIXES)) + draw(st.sampled_from(NUMBERS)) + draw(st.sampled_from(UNITS)) + draw(st.sampled_from(["，", "。", "和", ""]))
        for _ in range(draw(st.integers(1, 3)))
    )
    at = draw(st.integers(0, len(text)))
    return text, draw(invisible_chars), at


@PROPS
@given(phrase_with_insert())
def test_an_inserted_invisible_character_never_changes_a_value(extractor: Extractor, case: tuple[str, str, int]) -> None:
    """Every fact of the text with an invisible character inserted is a fact of the text
    without it, at the same place, with the same count (it may be refused; never changed)."""
    text, ch, at = case
    assert unicodedata.category(ch) in ("Cf", "Cc", "Mn", "Me")
    plain = {(f.quantity.start, f.count, f.count_max) for f in extractor.extract(text).facts}
    spoilt = extractor.extract(text[:at] + ch + text[at:]).facts
    for f in spoilt:
        start = f.quantity.start - (f.quantity.start > at)
        assert (start, f.count, f.count_max) in plain, (text, at, f)


CONTEXTS = st.builds(
    lambda prec, rounding, traps: (prec, rounding, traps),
    st.integers(1, 30),
    st.sampled_from([decimal.ROUND_DOWN, decimal.ROUND_UP, decimal.ROUND_FLOOR, decimal.ROUND_CEILING, decimal.ROUND_HALF_UP, decimal.ROUND_05UP]),
    st.lists(st.sampled_from([decimal.Inexact, decimal.Rounded, decimal.Subnormal, decimal.Underflow, decimal.Clamped]), unique=True),
)
REPORT = "全年投资-1234567元，同比增长12.35%，占全市的三分之一；培训妇女3.6万人次，发放贷款22.12亿元，人均收入由8,765.4元增加到9876.54元。"


@PROPS
@given(CONTEXTS)
def test_any_decimal_context_gives_the_same_counts(extractor: Extractor, ctx: tuple[int, str, list[type[decimal.DecimalException]]]) -> None:
    want = [(f.count, f.count_max) for f in extractor.extract(REPORT).facts]
    assert len(want) >= 6
    prec, rounding, traps = ctx
    with decimal.localcontext() as c:
        c.prec, c.rounding = prec, rounding
        for trap in traps:
            c.traps[trap] = True
        got = [(f.count, f.count_max) for f in extractor.extract(REPORT).facts]
    assert got == want
