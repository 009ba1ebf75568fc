"""WeTextProcessing's inverse-normalisation cases (Apache-2.0, ../shared/external/
wetext_zh_normalization_cases/itn): the spoken side read by our extractor (or by
numerals.parse_number when it is a bare numeral) must give the written side's value,
and its unit where it has one.

Which cases are quantities under ANNOTATION.md (the filter, decided case by case):

* kept: bare numerals (一百零一, 三点一四一五九二六, 负一), neighbouring-digit ranges
  (三五百 = 300~500, 十五六 = 15-6), money, measures, percents and fractions, including
  each quantity of a sentence that holds several;
* left out, with the reason printed:
  - ``code``: telephone, ID-card and IP readings (幺 洞 拐, digit strings of 5 or more,
    127.0.0.1): names and codes, not amounts (ANNOTATION.md: 110 is a name);
  - ``time``: durations and times (一年后, 七百三四十秒, 分钟): not facts under the contract;
  - ``address``: 一百零一号 is a house number;
  - ``compound``: one amount in several units (三千三百八十元五角八分, 十二块五毛): the
    contract reads one number per fact, so these are three facts, not one;
  - ``zhao``: 兆 as 10**12 (一兆零三百万): reports use 兆 only as the SI prefix mega- (兆瓦).

A case passes when every quantity of its written side is found, in order, with the same
value (and upper end of a range) and the same unit. The pass rate is printed; below 97%
the test fails and lists the failures.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from conftest import shared_path

from zhreport_extract import Extractor
from zhreport_extract.numerals import DIGITS, MAGNITUDES, NumeralError, parse_number, parse_range

FILES = ("cardinal", "money", "measure", "fraction", "number")
TARGET = 0.97

# written-side unit symbols -> the units our extractor reports (several spellings allowed)
PREFIX_UNITS = {"¥": {"元"}, "CNY": {"人民币"}, "$": {"美元"}, "£": {"英镑"}, "₽": {"卢布"},
                "TWD": {"新台币"}, "€": {"欧元"}, "RM": {"马来西亚令吉", "令吉"}}
SUFFIX_UNITS = {"km/h": ({"公里", "千米"}, "小时"), "kwh": ({"千瓦时"}, None), "kg": ({"千克", "公斤"}, None),
                "mol": ({"摩尔"}, None), "km": ({"公里", "千米"}, None), "g": ({"克"}, None),
                "°": ({"度"}, None), "Wv": ({"伏特"}, None), "%": ({"%"}, None)}
WRITTEN_MAGNITUDE = {"Wv": 10**4}  # WeText writes 三四万伏特 as 3~4Wv
NUMERAL_CHARS = set(DIGITS) | set(MAGNITUDES) | {"点", "负"}
TIME_UNITS = ("年", "秒", "分钟", "小时后", "天")

Item = tuple[Decimal, Decimal | None, set[str] | None, str | None]  # value, max, units, per


def read_cases(folder: Path) -> list[tuple[str, str, str]]:
    out = []
    for name in FILES:
        for line in (folder / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            if "=>" in line:
                spoken, written = (part.strip() for part in line.split("=>", 1))
                out.append((name, spoken, written))
    return out


def left_out(spoken: str, written: str) -> str | None:
    """Why a case is not a quantity under ANNOTATION.md, or None."""
    if re.search(r"[幺洞拐]|[零〇○一二三四五六七八九]{5,}", spoken) or re.search(r"\d\.\d+\.\d", written):
        return "code"
    if any(u in written for u in ("年后", "s", "min")) or spoken.endswith(("秒", "分钟")):
        return "time"
    if "号" in spoken:
        return "address"
    if re.search(r"元.+[角分毛]|块.+毛", spoken):
        return "compound"
    if "兆" in spoken:
        return "zhao"
    return None


def written_number(text: str) -> Decimal:
    """100万1111 -> 1001111, 1亿2300 -> 100002300, -3.14 -> -3.14."""
    sign = -1 if text.startswith("-") else 1
    total = Decimal(0)
    for digits, mag in re.findall(r"(\d+(?:\.\d+)?)([万亿]?)", text):
        total += Decimal(digits) * (MAGNITUDES[mag] if mag else 1)
    return sign * total


def written_items(written: str) -> list[Item]:
    """The quantities of the written side: value, upper end, units, per."""
    items: list[Item] = []
    prefix = "|".join(re.escape(p) for p in sorted(PREFIX_UNITS, key=len, reverse=True))
    suffix = "|".join(re.escape(s) for s in sorted(SUFFIX_UNITS, key=len, reverse=True))
    number = r"-?\d+(?:\.\d+)?(?:[万亿]\d*)*"
    rx = re.compile(
        rf"(?P<pre>{prefix})?(?P<lo>{number})(?:(?P<sep>[~-])(?P<hi>\d+(?:\.\d+)?))?(?P<mag>[万亿]?)"
        rf"(?:/(?P<den>\d+))?(?P<suf>{suffix}|块钱|两|人)?"
    )
    for m in rx.finditer(written):
        mag = MAGNITUDES.get(m.group("mag"), 1) * WRITTEN_MAGNITUDE.get(m.group("suf") or "", 1)
        lo = written_number(m.group("lo"))
        if m.group("den"):
            value = Decimal(format(float(lo / Decimal(m.group("den"))), ".10g"))
            items.append((value, None, {""}, None))
            continue
        hi = None
        if m.group("hi"):
            hi_text = m.group("hi")
            if m.group("sep") == "-" and Decimal(hi_text) < lo:  # 15-6 = 15 to 16, 730-40 = 730 to 740
                base = m.group("lo")
                hi_text = base[: len(base) - len(hi_text)] + hi_text
            hi = Decimal(hi_text) * mag
        units: set[str] | None = None
        per = None
        if m.group("pre"):
            units = PREFIX_UNITS[m.group("pre")]
        elif m.group("suf") in SUFFIX_UNITS:
            units, per = SUFFIX_UNITS[m.group("suf")]
        elif m.group("suf"):
            units = {m.group("suf")}
        items.append((lo * mag, hi, units, per))
    return items


def spoken_items(extractor: Extractor, spoken: str, bare: bool) -> list[Item]:
    if bare:  # a bare numeral: read it whole, as the extractor's numeral reader does
        text = spoken
        sign = Decimal(-1) if text.startswith("负") else Decimal(1)
        text = text.removeprefix("负")
        span = parse_range(text)
        if span is not None:
            return [(span[0], span[1], None, None)]
        return [(sign * parse_number(text), None, None, None)]
    return [(f.count, f.count_max, {f.unit}, f.per) for f in extractor.extract(spoken).facts]


def matches(want: Item, got: Item) -> bool:
    value, hi, units, per = want
    g_value, g_hi, g_units, g_per = got
    if g_value != value or (hi is not None and g_hi != hi) or (hi is None and g_hi is not None):
        return False
    if units is not None and not (g_units or set()) & units:
        return False
    return per is None or g_per == per


def run(extractor: Extractor, folder: Path) -> tuple[int, list[str], dict[str, int]]:
    passed, failures, skipped = 0, [], {}
    cases = read_cases(folder)
    for name, spoken, written in cases:
        reason = left_out(spoken, written)
        if reason:
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        want = written_items(written)
        bare = set(spoken) <= NUMERAL_CHARS
        try:
            got = spoken_items(extractor, spoken, bare)
        except NumeralError as exc:
            got, note = [], str(exc)
        else:
            note = ""
        if len(got) == len(want) and all(matches(w, g) for w, g in zip(want, got)):
            passed += 1
        else:
            failures.append(
                f"{name}: {spoken[:60]} => {written[:60]}\n    want {str(want)[:300]}\n    got  {str(got)[:300]} {note}"
            )
    return passed, failures, skipped


def test_wetext_itn_quantities(extractor: Extractor) -> None:
    folder = shared_path("external", "wetext_zh_normalization_cases", "itn")
    passed, failures, skipped = run(extractor, folder)
    total = passed + len(failures)
    rate = passed / total
    print(f"\nWeText ITN quantities: {passed}/{total} passed ({rate:.1%}); left out {skipped}")
    for failure in failures:
        print("FAIL", failure)
    assert total >= 80
    assert rate >= TARGET, f"pass rate {rate:.1%} below {TARGET:.0%}:\n" + "\n".join(failures)


def test_written_side_reader() -> None:
    assert written_items("30~41%") == [(Decimal(30), Decimal(41), {"%"}, None)]
    assert written_items("45-6万") == [(Decimal(450000), Decimal(460000), None, None)]
    assert written_items("16000-7000") == [(Decimal(16000), Decimal(17000), None, None)]
    assert written_items("1亿2300人")[0][0] == Decimal(100002300)
    assert written_items("¥1.25") == [(Decimal("1.25"), None, {"元"}, None)]
    assert written_items("-7/12")[0][0] == Decimal("-0.5833333333")
