"""numerals.py, value by value: Arabic, Chinese, mixed, ranges, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhreport_extract.numerals import (
    NumeralError, magnitude_of, parse_arabic, parse_chinese, parse_number, parse_range, to_plain,
)

ARABIC = [
    ("0", "0"), ("7", "7"), ("657", "657"), ("1234", "1234"), ("1,234", "1234"), ("1，234", "1234"),
    ("12,345,678", "12345678"), ("1,234.5", "1234.5"), ("12.5", "12.5"), ("0.05", "0.05"),
    ("１２３４", "1234"), ("１，２３４", "1234"), ("７．９", "7.9"), ("2 000", "2000"), ("8·28", "8.28"),
    ("100.00", "100.00"),
]

CHINESE = [
    ("零", 0), ("〇", 0), ("○", 0), ("一", 1), ("二", 2), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20),
    ("二十三", 23), ("一百", 100), ("一百零一", 101), ("一百零五", 105), ("三百〇五", 305), ("三百○五", 305),
    ("一百一十一", 111), ("两百", 200), ("一千", 1000), ("两千", 2000), ("一千零一", 1001),
    ("一千零一十一", 1011), ("一千二百三十四", 1234), ("两千零十", 2010), ("两千零一十二", 2012),
    ("一万", 10000), ("两万", 20000), ("一万零一", 10001), ("一万零一百一十一", 10111),
    ("一万一千一百一十一", 11111), ("十万", 100000), ("十万一千一百一十一", 101111),
    ("二十万零三百", 200300), ("一百万", 1000000), ("一千万", 10000000), ("一亿", 10**8),
    ("四亿零七百万", 407000000), ("一亿两千三百", 100002300), ("一亿零两千三百", 100002300),
    ("一亿七万两千三百", 100072300), ("十亿", 10**9), ("一万亿", 10**12), ("三千五百万", 35000000),
    ("壹仟贰佰", 1200), ("叁拾", 30), ("二〇一八", 2018), ("一九九八", 1998), ("幺幺零", 110),
    # a last digit right after 百 千 万 亿 counts one place lower (spoken style)
    ("一百一", 110), ("两百二", 220), ("一千五百五", 1550), ("三千六百六", 3660), ("九千九百九", 9990),
    ("一万五", 15000), ("三万四", 34000), ("一亿五", 150000000), ("一万零五", 10005),
]

MIXED = [
    ("8000万", "80000000"), ("22.12万", "221200"), ("1.25亿", "125000000"), ("3.6万亿", "3600000000000"),
    ("276.9万", "2769000"), ("12.3千", "12300"), ("1234亿", "123400000000"), ("0.5万", "5000"),
    ("百亿", "10000000000"), ("百", "100"), ("千亿", "100000000000"), ("万", "10000"), ("亿", "100000000"),
    ("５万", "50000"), ("1,234万", "12340000"), ("四点二", "4.2"), ("二十点一万", "201000"),
    ("三点一四一五九二六", "3.1415926"), ("一点二五", "1.25"), ("零点五", "0.5"),
]


@pytest.mark.parametrize(("text", "value"), ARABIC)
def test_arabic(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(("text", "value"), ARABIC[:8])
def test_parse_arabic_alone(text: str, value: str) -> None:
    assert parse_arabic(text) == Decimal(value)


@pytest.mark.parametrize(("text", "value"), CHINESE)
def test_chinese(text: str, value: int) -> None:
    assert parse_chinese(text) == value
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "value"), MIXED)
def test_mixed(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


def test_values_are_exact_and_plain() -> None:
    value = parse_number("22.12万")
    assert str(value) == "221200"
    assert str(parse_number("3.6万亿")) == "3600000000000"
    assert str(parse_number("0.1")) == "0.1"
    assert str(to_plain(Decimal("2.2E+5"))) == "220000"
    assert str(to_plain(Decimal("7.50"))) == "7.5"


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("三五百", 300, 500), ("三五千", 3000, 5000), ("三五万", 30000, 50000), ("三四万", 30000, 40000),
        ("五六十", 50, 60), ("三四十万", 300000, 400000), ("三四十亿", 3 * 10**9, 4 * 10**9),
        ("十五六", 15, 16), ("四十五六", 45, 46), ("四十五六万", 450000, 460000), ("七百三四十", 730, 740),
        ("十七八万", 170000, 180000), ("六十三四万", 630000, 640000), ("一万六七", 16000, 17000),
        ("三万四五", 34000, 35000), ("八九千", 8000, 9000), ("七八", 7, 8), ("两三", 2, 3),
    ],
)
def test_neighbouring_digits_are_a_range(text: str, lo: int, hi: int) -> None:
    assert parse_range(text) == (lo, hi)


@pytest.mark.parametrize("text", ["二〇一八", "一二三四", "十二", "一千二百", "三百零五", "五三", "二零"])
def test_not_a_range(text: str) -> None:
    assert parse_range(text) is None


@pytest.mark.parametrize("text", ["", "abc", "12a", "万元", "一千x", "1.2.3", "--"])
def test_refused(text: str) -> None:
    with pytest.raises(NumeralError):
        parse_number(text)


def test_magnitude_of() -> None:
    assert magnitude_of("万亿") == 10**12
    assert magnitude_of("千") == 1000
    assert magnitude_of("元") == 1


@given(st.text(alphabet="0123456789", min_size=1, max_size=32))
def test_plain_digits_read_as_the_general_path_reads_them(digits: str) -> None:
    """parse_number's shortcut for plain digits answers as the general path does, refusals included."""
    try:
        general = to_plain(parse_arabic(digits))
    except NumeralError:
        with pytest.raises(NumeralError):
            parse_number(digits)
        return
    fast = parse_number(digits)
    assert fast == general
    assert str(fast) == str(general)  # the same digits, no exponent


def test_arabic_digits_with_magnitudes_in_parts_are_one_number() -> None:
    from zhreport_extract import Extractor
    from zhreport_extract.numerals import NumeralError

    assert parse_number("41万4千") == Decimal("414000")
    assert parse_number("3亿5千万") == Decimal("350000000")
    assert parse_number("1亿2000万") == Decimal("120000000")
    for wrong in ("4千41万", "3万5万", "2万12千"):  # parts that do not fall in size are no number
        with pytest.raises(NumeralError):
            parse_number(wrong)
    facts = Extractor().extract("全市工会会员人数达36万5千人，其中女会员15万2千人。").facts
    assert [(f.quantity.text, f.count, f.unit) for f in facts] == [
        ("36万5千人", Decimal("365000"), "人"), ("15万2千人", Decimal("152000"), "人"),
    ]
