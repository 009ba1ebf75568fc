"""Numerals: turn the text of a number into an exact :class:`~decimal.Decimal`.

Pure functions, no state. Arabic digits (with thousands separators and decimals),
Chinese numerals (一千二百三十四, 两千, 二十万零三百, 〇/○/零, financial 壹贰叁),
mixed forms (1.25亿, 3.6万亿) and percent/fraction words are handled.

>>> parse_number("22.12万")
Decimal('221200')
>>> parse_number("一千二百三十四")
Decimal('1234')
>>> parse_number("二十万零三百")
Decimal('200300')
>>> parse_number("3.6万亿")
Decimal('3600000000000')
>>> parse_number("二〇一八")
Decimal('2018')
>>> parse_number("1,234.5")
Decimal('1234.5')
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from decimal import (
    ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext,
)
from typing import ParamSpec, TypeVar

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "俩": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
MAGNITUDES: dict[str, int] = {**SMALL_UNITS, **LARGE_UNITS}
# The alphabet the quantity rules look for numbers in: the common digits and the financial
# ones (壹贰叁 … 拾佰仟, written on cheques and in accounts), but not the colloquial readings
# (洞 幺 俩 Ｏ), which are words far more often than numbers.
COLLOQUIAL = frozenset("洞幺俩Ｏ")
CANDIDATE_DIGITS = "".join(ch for ch in DIGITS if ch not in COLLOQUIAL)
CANDIDATE_SMALL_UNITS = "".join(SMALL_UNITS)
CANDIDATE_LARGE_UNITS = "".join(LARGE_UNITS)
MAX_CHARS = 40  # a longer numeral is a code or noise, not a quantity (and costly to read)
MAX_VALUE = Decimal(10) ** 30  # nothing a report counts is this large
# Enough digits that MAX_CHARS digits times magnitudes never round. Every field is given, so
# nothing comes from decimal.DefaultContext, which a caller may have changed.
_EXACT = Context(
    prec=120, rounding=ROUND_HALF_EVEN, Emin=-999_999, Emax=999_999, capitals=1, clamp=0,
    flags=[], traps=[InvalidOperation, DivisionByZero, Overflow],
)
_P = ParamSpec("_P")
_R = TypeVar("_R")


_INSIDE = threading.local()  # set while a function of this module runs in the exact context


def exact_context() -> Context:
    """A fresh copy of the context all counts are computed in (120 digits, no Inexact trap),
    whatever the caller's ``decimal.getcontext()`` holds."""
    return _EXACT.copy()


def in_exact_context(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """``func`` run in :func:`exact_context`: a caller's precision, rounding or traps never
    reach a count (with ``getcontext().prec = 4``, -1234567 stays -1234567)."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if getattr(_INSIDE, "on", False):  # called from a function already in the context
            return func(*args, **kwargs)
        _INSIDE.on = True
        try:
            with localcontext(_EXACT):
                return func(*args, **kwargs)
        finally:
            _INSIDE.on = False

    return wrapper

CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)
# "·" between digits is a decimal point in older print (８·２８元); the callers only pass it there
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，·", "0123456789.,.")


class NumeralError(ValueError):
    """Raised when a string is not a number this module can read."""


@in_exact_context
def parse_arabic(text: str) -> Decimal:
    """Read Arabic digits with optional thousands separators and decimal point.

    >>> parse_arabic("１，２３４")
    Decimal('1234')
    """
    cleaned = text.translate(FULLWIDTH_DIGITS).replace(",", "").replace(" ", "")
    if len(cleaned) > MAX_CHARS:
        raise NumeralError(f"too long to be a quantity: {text!r:.60}")
    try:
        return bounded(Decimal(cleaned), text)
    except InvalidOperation as exc:
        raise NumeralError(f"not an Arabic number: {text!r}") from exc


@in_exact_context
def bounded(value: Decimal, text: str) -> Decimal:
    """``value``, unless it is no finite number a report could count (refused with NumeralError).

    >>> bounded(Decimal("1E+31"), "1亿亿亿亿")
    Traceback (most recent call last):
    ...
    zhreport_extract.numerals.NumeralError: too large to be a quantity: '1亿亿亿亿'
    """
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise NumeralError(f"too large to be a quantity: {text!r:.60}")
    return value


@in_exact_context
def parse_chinese(text: str) -> Decimal:
    """Read a Chinese numeral: positional (一千二百) or digit-by-digit (二〇一八).

    >>> parse_chinese("十二")
    Decimal('12')
    >>> parse_chinese("两千")
    Decimal('2000')
    >>> parse_chinese("一万亿")
    Decimal('1000000000000')
    >>> parse_chinese("四亿零七百万")
    Decimal('407000000')
    >>> parse_chinese("二六五万")
    Decimal('2650000')
    """
    if not text or any(ch not in DIGITS and ch not in MAGNITUDES for ch in text):
        raise NumeralError(f"not a Chinese numeral: {text!r:.60}")
    if len(text) > MAX_CHARS:
        raise NumeralError(f"too long to be a quantity: {text!r:.60}")
    if all(ch in DIGITS for ch in text):
        # digit by digit: 二〇一八 -> 2018; a single digit is its value. 两 is never a digit of
        # such a string (二两 is 2 两, 一两 one or two), so it is refused there.
        if len(text) > 1 and any(ch in "两俩" for ch in text):
            raise NumeralError(f"两 inside a digit-by-digit numeral: {text!r}")
        return bounded(Decimal("".join(str(DIGITS[ch]) for ch in text)), text)
    head = text.rstrip("万亿萬億")
    if len(head) >= 3 and all(ch in DIGITS and ch not in "两俩" for ch in head):
        # digit by digit before 万/亿 (Taiwan and Hong Kong pages: 二六五萬 = 2650000); three
        # digits at least, as 三五万 is a range (parse_range) and 五万 a plain numeral
        value = Decimal("".join(str(DIGITS[ch]) for ch in head))
        for ch in text[len(head):]:
            value *= LARGE_UNITS[ch]
        return bounded(value, text)
    total = 0  # value of everything closed by 万 or 亿
    section = 0  # value below the next large unit (千 百 十)
    number = 0  # the pending digit
    for i, ch in enumerate(text):
        if ch in DIGITS:
            if i == len(text) - 1 and i > 0 and text[i - 1] in MAGNITUDES and MAGNITUDES[text[i - 1]] >= 100:
                # a last digit right after 百 千 万 亿 counts one place lower: 一百一 = 110, 一万五 = 15000
                number = DIGITS[ch] * MAGNITUDES[text[i - 1]] // 10
                if MAGNITUDES[text[i - 1]] >= 10**4:  # 一万五: 5 thousands sit in the section
                    section, number = section + number, 0
                continue
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (number or 1) * SMALL_UNITS[ch]
            number = 0
        elif LARGE_UNITS[ch] == 10**4:
            chunk = section + number
            total += (chunk or (0 if total else 1)) * 10**4
            section = number = 0
        else:  # 亿 multiplies all that stands before it (万亿 = 10**12)
            chunk = total + section + number
            total = (chunk or 1) * 10**8
            section = number = 0
    return bounded(Decimal(total + section + number), text)


@in_exact_context
def parse_number(text: str) -> Decimal:
    """Read any number form used in reports: Arabic, Chinese or mixed with magnitudes.

    >>> parse_number("8000万")
    Decimal('80000000')
    >>> parse_number("百亿")
    Decimal('10000000000')
    """
    if text.isascii() and text.isdigit() and len(text) <= 28:
        return Decimal(text)  # the common case, plain digits (what the general path gives, faster)
    text = text.translate(FULLWIDTH_DIGITS).strip()
    if not text:
        raise NumeralError("empty number")
    if len(text) > 2 * MAX_CHARS:
        raise NumeralError(f"too long to be a quantity: {text!r:.60}")
    i = 0
    while i < len(text) and (text[i].isdigit() or text[i] in ".," or (text[i] == " " and text[i + 1 : i + 2].isdigit())):
        i += 1
    head, tail = text[:i], text[i:]
    if not head:
        if "点" in tail:  # 四点二 / 三点一万: a Chinese decimal, then magnitudes
            whole, _, rest = tail.partition("点")
            digits = "".join(ch for ch in rest if ch in DIGITS)
            mags = rest[len(digits):]
            with localcontext(_EXACT):
                value = parse_chinese(whole) + Decimal("0." + "".join(str(DIGITS[ch]) for ch in digits))
                for ch in mags:
                    value *= MAGNITUDES.get(ch, 1)
            return to_plain(bounded(value, text))
        return parse_chinese(tail)
    if any(ch not in MAGNITUDES for ch in tail):
        if any(ch.isdigit() for ch in tail):
            return _parse_mixed(text)  # 41万4千, 3亿5千万, 1亿2000万
        raise NumeralError(f"unexpected characters after digits: {text!r:.60}")
    value = parse_arabic(head)
    with localcontext(_EXACT):
        for ch in tail:
            value *= MAGNITUDES[ch]
    return to_plain(bounded(value, text))


_MIXED_PART = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿]*)")


def _parse_mixed(text: str) -> Decimal:
    """Arabic digits with magnitudes in two or more parts, each part smaller than the
    magnitude before it (41万4千 = 410000 + 4000); after 万 the last part may be bare digits
    (6万5268 = 60000 + 5268; the candidate rule asks four of them).

    >>> _parse_mixed("41万4千"), _parse_mixed("3亿5千万"), _parse_mixed("1亿2000万")
    (Decimal('414000'), Decimal('350000000'), Decimal('120000000'))
    >>> _parse_mixed("6万5268")
    Decimal('65268')
    >>> _parse_mixed("4千41万")
    Traceback (most recent call last):
    ...
    zhreport_extract.numerals.NumeralError: the parts of a mixed number must fall in size: '4千41万'
    """
    parts = _MIXED_PART.findall(text)
    if not parts or "".join(a + b for a, b in parts) != text:
        raise NumeralError(f"unexpected characters after digits: {text!r:.60}")
    total = Decimal(0)
    bound: Decimal | None = None
    with localcontext(_EXACT):
        for k, (digits, mags) in enumerate(parts):
            if not mags and (k != len(parts) - 1 or bound != MAGNITUDES["万"] or "." in digits):
                raise NumeralError(f"bare digits may only close a mixed number after 万: {text!r:.60}")
            scale = Decimal(1)
            for ch in mags:
                scale *= MAGNITUDES[ch]
            value = parse_arabic(digits) * scale
            if bound is not None and (scale >= bound or value >= bound):
                raise NumeralError(f"the parts of a mixed number must fall in size: {text!r:.60}")
            bound = scale
            total += value
    return to_plain(bounded(total, text))


NEIGHBOURS = {(d, d + 1) for d in range(1, 9)} | {(3, 5)}


@in_exact_context
def parse_range(text: str) -> tuple[Decimal, Decimal] | None:
    """Two neighbouring digits side by side make a range (三五百 = 300 to 500); else None.

    >>> parse_range("三五百")
    (Decimal('300'), Decimal('500'))
    >>> parse_range("十五六万")
    (Decimal('150000'), Decimal('160000'))
    >>> parse_range("一万六七")
    (Decimal('16000'), Decimal('17000'))
    >>> parse_range("二〇一八") is None
    True
    """
    text = text.strip()
    runs = [i for i in range(len(text) - 1) if text[i] in DIGITS and text[i + 1] in DIGITS]
    if len(runs) != 1 or not all(ch in DIGITS or ch in MAGNITUDES for ch in text):
        return None
    i = runs[0]
    pair = (DIGITS[text[i]], DIGITS[text[i + 1]])
    if pair not in NEIGHBOURS or "零" in text[i : i + 2]:
        return None
    lo = parse_chinese(text[:i] + text[i] + text[i + 2 :])
    hi = parse_chinese(text[:i] + text[i + 1 :])
    return (to_plain(lo), to_plain(hi)) if hi > lo else None


def magnitude_of(text: str) -> int:
    """The product of the magnitude characters in ``text`` (万亿 -> 10**12)."""
    result = 1
    for ch in text:
        result *= MAGNITUDES.get(ch, 1)
    return result


@in_exact_context
def to_plain(value: Decimal) -> Decimal:
    """Strip exponent notation: Decimal('2.2E+5') -> Decimal('220000').

    >>> to_plain(Decimal("2.2E+5"))
    Decimal('220000')
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=_EXACT)
    return value.normalize(context=_EXACT)
