"""Extraction time as a ratio to ``jieba.lcut`` on the same texts, interleaved report by report.

    python benchmarks/interleaved.py [--rounds 3] [--step 1] [--against OTHER/src] [--disable a,b]

On a shared machine sequential timings drift by more than the changes one wants to see, so
this runs jieba, ``Extractor()`` and ``Extractor(entities=False)`` on each shared report in
turn (the order rotated from report to report), by process time, and prints the ratios per
round and over all rounds. Each round builds fresh extractors and clears their word cache, so
round 1 is the cold figure. ``--against`` adds the extractor of another checkout (its ``src``
folder, imported under its own name) to the same loop, for an old/new ratio. ``--disable``
adds ``Extractor(disable=…)`` (stage names, comma-separated): e.g. the four meaning stages, to
compare the pipeline with code from before they existed.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO.parent / "shared" / "corpus" / "reports"
WARM = "2018年，全市共开展“巾帼家美积分超市”活动120场，惠及310万户家庭。营业收入同比增长12.5%。"


def _load_other(src: Path) -> ModuleType:
    """The package ``zhreport_extract`` of another checkout, under the name ``zhreport_other``."""
    spec = importlib.util.spec_from_file_location(
        "zhreport_other", src / "zhreport_extract" / "__init__.py", submodule_search_locations=[str(src / "zhreport_extract")]
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no zhreport_extract package under {src}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["zhreport_other"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--step", type=int, default=1, help="every n-th report")
    parser.add_argument("--against", type=Path, help="the src folder of another checkout")
    parser.add_argument("--disable", default="", help="stages to leave out of one more extractor, comma-separated")
    args = parser.parse_args()
    if not REPORTS.is_dir():
        print(f"skipped: {REPORTS} is absent", file=sys.stderr)
        return 0
    import jieba

    from zhreport_extract import Extractor

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.lcut(WARM)
    texts = [p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("*.txt"))[:: args.step]]
    other = _load_other(args.against.resolve()) if args.against else None
    totals: dict[str, float] = {}
    load = os.getloadavg()[0]
    for r in range(args.rounds):
        makers: dict[str, Callable[[], Any]] = {
            "extract": lambda: Extractor(), "extract, entities off": lambda: Extractor(entities=False),
        }
        if other is not None:
            makers["other checkout"] = lambda: other.Extractor()
        if args.disable:
            left_out = tuple(n.strip() for n in args.disable.split(",") if n.strip())
            makers[f"without {'/'.join(left_out)}"] = lambda: Extractor(disable=left_out)
        runners: dict[str, Callable[[str], Any]] = {"jieba": tokenizer.lcut}
        for name, make in makers.items():
            extractor = make()
            extractor.extract(WARM)
            extractor.words._cache.clear()
            runners[name] = extractor.extract
        spent = dict.fromkeys(runners, 0.0)
        names = list(runners)
        for i, text in enumerate(texts):
            k = (i + r) % len(names)
            for name in names[k:] + names[:k]:
                start = time.process_time()
                runners[name](text)
                spent[name] += time.process_time() - start
        for name, value in spent.items():
            totals[name] = totals.get(name, 0.0) + value
        print(f"round {r + 1}: " + ", ".join(f"{n} / jieba {spent[n] / spent['jieba']:.3f}" for n in names[1:]), flush=True)
    print(
        f"{len(texts)} reports, {args.rounds} rounds, load {load:.2f} -> {os.getloadavg()[0]:.2f}: "
        + ", ".join(f"{n} / jieba {totals[n] / totals['jieba']:.3f}" for n in totals if n != "jieba")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
