"""Recall of quantities on the PKU People's Daily (1998-01) numeral spans.

The spans counted are those of ``numeral_time_spans.jsonl`` whose numeral holds a
digit (Arabic, half- or full-width) and that end in a measure word (tag ``q*`` or ``Qg``)
that is neither a time unit (tag ``qt``) nor part of an ordinal (第…): 1,442 spans.
A span is *recalled* when a predicted quantity overlaps it and has the right unit:
the predicted unit, or unit "/" per, equals the PKU measure word once full-width
characters are made ASCII; where the prediction runs on past the PKU span, the PKU
measure word extended to the prediction's end must read as the predicted unit
(PKU cuts ３个|百分点 and ３分|钱 where ANNOTATION.md has the units 百分点 and 分钱).

Some of these spans are not facts under ANNOTATION.md, and the extractor is right to
leave them out. They are counted in the raw recall and set aside for the *contract*
recall, by rules on the PKU text alone (never on what the extractor did):

* ``duration``   N个 followed by 月/季度/星期/小时 (３个月): 个月 is a time unit
* ``identifier`` N号 (３４号 an address, ９号 a player, ４２５号决议): names with numerals
* ``class``      N级 (６级偏北风, ６．２级地震) and N届 (９５届毕业生): classes and cohorts
* ``threshold``  N<unit>以上/以下 + noun, or 超N<unit>的 (１００万美元以上存款的企业): a threshold
                 that says which items, not how many (ANNOTATION.md "thresholds")

Run: ``python benchmarks/pku_recall.py [--data PATH] [--misses N] [--sample N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "external" / "pku_peoples_daily_199801" / "numeral_time_spans.jsonl"
DIGIT = re.compile(r"\d")  # str \d holds full-width digits too


@dataclass(frozen=True)
class Target:
    sid: str
    text: str
    start: int
    end: int
    surface: str
    unit: str


HAN = "[\u4e00-\u9fff]"
SET_ASIDE: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (name, regex over: 12 characters before + "【" + PKU unit + "】" + 12 after), ASCII view
    ("duration", re.compile(r"【个】(?:月|季度|星期|小时)")),
    ("identifier", re.compile(r"【号】")),
    ("class", re.compile(r"【(?:级|届)】")),
    ("threshold", re.compile(
        r"【[^】]+】(?:以上|以下)的?(?![，。；、和或及等]|降|提高|增|减|上升)" + HAN + r"|超过?[\d.]+[万亿]?【[^】]+】的"
    )),
)


def set_aside(t: Target) -> str | None:
    """The reason ANNOTATION.md gives for this span not being a fact, if any."""
    view = ascii_form(t.text)
    window = f"{view[max(0, t.start - 12):t.end - len(t.unit)]}【{ascii_form(t.unit)}】{view[t.end:t.end + 12]}"
    for name, rx in SET_ASIDE:
        if rx.search(window):
            return name
    return None


@dataclass(frozen=True)
class Miss:
    target: Target
    predicted: tuple[tuple[str, str], ...]  # overlapping (quantity text, unit) pairs

    def __str__(self) -> str:
        t = self.target
        left = t.text[max(0, t.start - 12) : t.start]
        right = t.text[t.end : t.end + 8]
        got = ", ".join(f"{q}→{u!r}" for q, u in self.predicted) or "nothing"
        return f"{t.sid}\t{t.surface}\t[{t.unit}]\t…{left}【{t.surface}】{right}…\tgot: {got}"


def ascii_form(text: str) -> str:
    from zhreport_extract.normalise import normalise

    return normalise(text)


def is_target(span: dict, text: str) -> bool:
    """A digit numeral + a measure word that is not a time unit (qt) and not an ordinal."""
    unit = span.get("unit")
    tags = span.get("tags", [])
    if span.get("type") == "time" or not unit or not tags or tags[-1][:1] not in ("q", "Q"):
        return False
    if "qt" in tags:
        return False
    surface = span["surface"]
    numeral = surface[: len(surface) - len(unit)] if surface.endswith(unit) else surface
    if surface.startswith("第"):
        return False
    return bool(DIGIT.search(numeral))


def load_targets(path: Path) -> list[Target]:
    out: list[Target] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for s in doc["spans"]:
                if is_target(s, doc["text"]):
                    out.append(Target(doc["sid"], doc["text"], s["start"], s["end"], s["surface"], s["unit"]))
    return out


def unit_matches(t: Target, unit: str, per: str | None, end: int, canonical: dict[str, str]) -> bool:
    """Is ``unit`` (a prediction ending at ``end``) the PKU span's measure word?"""
    wanted = {ascii_form(t.unit)}
    if end > t.end:  # ３个|百分点: the PKU word extended to the prediction's end
        raw = ascii_form(t.text[t.end - len(t.unit) : end])
        wanted.add(canonical.get(raw, raw))
    return unit in wanted or (per is not None and f"{unit}/{per}" in wanted)


@dataclass
class Result:
    targets: list[Target]
    misses: list[Miss]

    @property
    def recall(self) -> float:
        return 1 - len(self.misses) / len(self.targets) if self.targets else 1.0

    @property
    def kept(self) -> list[Target]:
        """The spans that are facts under ANNOTATION.md (none of the set-aside reasons)."""
        return [t for t in self.targets if set_aside(t) is None]

    @property
    def kept_misses(self) -> list[Miss]:
        return [m for m in self.misses if set_aside(m.target) is None]

    @property
    def contract_recall(self) -> float:
        kept = self.kept
        return 1 - len(self.kept_misses) / len(kept) if kept else 1.0


def quantity_extractor():  # type: ignore[no-untyped-def]
    """An extractor for quantities: without the entity rules where it has them (they do not
    touch quantities, and cost time)."""
    from zhreport_extract import Extractor

    try:
        return Extractor(entities=False)  # type: ignore[call-arg]
    except TypeError:
        return Extractor()


def measure(targets: list[Target], extractor=None) -> Result:  # type: ignore[no-untyped-def]
    if extractor is None:
        extractor = quantity_extractor()
    canonical = extractor.patterns.units.canonical
    by_text: dict[str, list[Target]] = {}
    for t in targets:
        by_text.setdefault(t.text, []).append(t)
    misses: list[Miss] = []
    for text, ts in by_text.items():
        facts = extractor.extract(text).facts
        for t in ts:
            overlapping = [f for f in facts if f.quantity.start < t.end and t.start < f.quantity.end]
            if not any(unit_matches(t, f.unit, f.per, f.quantity.end, canonical) for f in overlapping):
                misses.append(Miss(t, tuple((f.quantity.text, f.unit) for f in overlapping)))
    return Result(targets, misses)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--misses", type=int, default=10_000, help="list at most this many misses")
    ap.add_argument("--sample", type=int, default=0, help="score a random sample of this many spans")
    ap.add_argument("--target", type=float, default=0.97, help="exit 1 when the contract recall is below this")
    args = ap.parse_args(argv)
    targets = load_targets(args.data)
    if args.sample:
        targets = random.Random(0).sample(targets, min(args.sample, len(targets)))
    t0 = time.perf_counter()
    result = measure(targets)
    took = time.perf_counter() - t0
    for miss in result.misses[: args.misses]:
        print(f"{set_aside(miss.target) or 'MISS'}\t{miss}")
    reasons = Counter(set_aside(m.target) or "missed" for m in result.misses)
    print(f"misses by reason: {dict(reasons.most_common())}")
    print(f"missed by unit: {dict(Counter(m.target.unit for m in result.kept_misses).most_common(20))}")
    n, k = len(targets), len(result.kept)
    print(f"raw:      spans {n}  recalled {n - len(result.misses)}  recall {result.recall:.4f}")
    print(f"contract: spans {k} (set aside {n - k})  recalled {k - len(result.kept_misses)}  "
          f"recall {result.contract_recall:.4f}  ({took:.1f} s)")
    return 0 if result.contract_recall >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
