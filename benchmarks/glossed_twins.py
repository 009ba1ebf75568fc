"""Glossed twins: does a page with pinyin glosses read as its plain twin?

Some sites print a character's reading after it (鎮(zhèn)婦聯(lián)). This script gives every
k-th Han character of each tuning text (by code point: ``ord(ch) % k == 0``; k = 1 glosses
every character) a made-up gloss, extracts both texts and counts the facts whose fields differ
(count, unit, qualifier, metric and quantity without glosses, initiative, year, change, status,
indicator, period), and checks that every quantity span of the twin is cut from the twin.
The held-back genre split (corpus/genre/split.json) is left out; only counts are printed.

    PYTHONPATH=src python benchmarks/glossed_twins.py [k ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import regex

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
HAN = regex.compile(r"\p{Han}")
GLOSS = regex.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)")


def glossed(text: str, k: int) -> str:
    return "".join(ch + ("(zhèn)" if HAN.match(ch) and ord(ch) % k == 0 else "") for ch in text)


def reading(fact: Any) -> tuple[Any, ...]:
    metric = GLOSS.sub("", fact.metric.text) if fact.metric else None
    return (
        fact.count, fact.unit, fact.qualifier, metric, fact.initiative, fact.year, fact.change, fact.status,
        fact.indicator, fact.period, GLOSS.sub("", fact.quantity.text),
    )


def main() -> int:
    from zhreport_extract import Extractor

    held = set(json.loads((REPO / "corpus" / "genre" / "split.json").read_text(encoding="utf-8"))["test"])
    paths = [p for p in sorted((SHARED / "genre" / "texts").glob("*.txt")) if p.stem not in held]
    paths += sorted((SHARED / "dev" / "texts").glob("*.txt"))
    ex = Extractor(entities=False)
    for k in [int(a) for a in sys.argv[1:]] or [1, 3]:
        facts = differ = bad_spans = 0
        for path in paths:
            text = path.read_text(encoding="utf-8")
            twin = glossed(text, k)
            plain = [reading(f) for f in ex.extract(text).facts]
            result = ex.extract(twin)
            bad_spans += sum(twin[f.quantity.start : f.quantity.end] != f.quantity.text for f in result.facts)
            other = [reading(f) for f in result.facts]
            facts += len(plain)
            differ += sum(a != b for a, b in zip(plain, other)) + abs(len(plain) - len(other))
        print(f"k={k}: {len(paths)} texts, {facts} facts, {differ} read differently on the glossed twin, {bad_spans} spans off")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
