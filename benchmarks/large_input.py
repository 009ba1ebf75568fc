"""One very large document: time and memory as the document grows (default 2, 5, 10, 20 MB).

Each size runs in a fresh process that builds an Extractor, extracts one warm-up sentence,
records its resident set (baseline), then extracts the whole document as ONE string and
records the peak resident set (resource.getrusage) and the wall time. Memory is bounded
when the growth over the baseline is a small, steady multiple of the document's size, and
time is linear when seconds per MB stay flat as the document grows.

Documents, by --kind:

* reports  the shared reports (../shared/corpus/reports/*.txt, read there, never copied)
           concatenated and repeated up to the size: real text, real fact density
* line     the same text with every punctuation mark and line break removed: one line,
           one runaway "sentence" (falls back to synthetic text when ../shared is absent)
* dense    synthetic report sentences, a fact every 15 characters (a worst case)

    python benchmarks/large_input.py [--sizes 2,5,10,20] [--kind reports|line|dense] [--no-entities] [--json]

The table goes to stdout; with --json the figures go to stdout as JSON and the table to stderr.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "reports"
WARM_UP = "2018年，全市共开展“巾帼家美积分超市”活动120场，惠及310万户家庭。推送信息657条，阅读量达22.12万次。"
FILLER = "我们坚持以人民为中心的发展思想，扎实推进各项工作，取得明显成效。"


def synthetic(n_chars: int, punctuated: bool = True, filler: int = 5) -> str:
    """Report-like text: a sentence with three facts, then ``filler`` sentences without any."""
    parts: list[str] = []
    size = i = 0
    while size < n_chars:
        piece = f"全市新建学校{i % 997 + 1}所，投资{i % 89 + 1}.5亿元，培训干部{i % 9973 + 10}人次。" + FILLER * filler
        if not punctuated:
            piece = "".join(ch for ch in piece if ch not in "，。.")
        parts.append(piece + ("\n" if punctuated and i % 10 == 9 else ""))
        size += len(parts[-1])
        i += 1
    return "".join(parts)[:n_chars]


def build(kind: str, n_chars: int) -> str:
    if kind == "dense":
        return synthetic(n_chars, filler=0)
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        return synthetic(n_chars, punctuated=kind != "line")
    base = "\n".join(p.read_text(encoding="utf-8") for p in files)
    if kind == "line":
        import regex

        base = regex.sub(r"[\p{P}\s]+", "", base)
    return (base * (n_chars // len(base) + 1))[:n_chars]


def rss_mb() -> float:
    """Peak resident set of this process so far, MB (ru_maxrss is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child(kind: str, mb: float, entities: bool) -> dict[str, Any]:
    """Run inside the fresh process: one document of ``mb`` MB (characters x 10**6)."""
    from zhreport_extract import Extractor

    text = build(kind, int(mb * 1_000_000))
    ex = Extractor(entities=entities)
    ex.extract(WARM_UP)
    baseline = rss_mb()
    t = time.perf_counter()
    result = ex.extract(text, doc_id="large")
    seconds = time.perf_counter() - t
    peak = rss_mb()
    result.check(text)
    starts = [f.quantity.start for f in result.facts]
    assert starts == sorted(starts), "facts out of document order"
    return {
        "kind": kind, "chars": len(text), "utf8_mb": round(len(text.encode("utf-8")) / 1e6, 1),
        "entities": entities, "seconds": round(seconds, 2), "s_per_mchar": round(seconds / (len(text) / 1e6), 2),
        "facts": len(result.facts), "errors": [e.kind for e in result.errors],
        "baseline_rss_mb": round(baseline, 1), "peak_rss_mb": round(peak, 1),
        "growth_mb": round(peak - baseline, 1), "growth_per_mchar": round((peak - baseline) / (len(text) / 1e6), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2,5,10,20", help="document sizes in millions of characters")
    parser.add_argument("--kind", choices=("reports", "line", "dense"), default="reports")
    parser.add_argument("--no-entities", action="store_true", help="Extractor(entities=False)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, mb, entities = args.child
        print(json.dumps(child(kind, float(mb), entities == "1")))
        return 0
    rows = []
    for mb in (float(x) for x in args.sizes.split(",")):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", args.kind, str(mb), "0" if args.no_entities else "1"],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out = sys.stderr if args.json else sys.stdout
    head = f"{'kind':<8}{'Mchars':>8}{'UTF-8 MB':>10}{'seconds':>9}{'s/Mchar':>9}{'facts':>9}{'base MB':>9}{'peak MB':>9}{'growth':>8}{'MB/Mchar':>10}  errors"
    print(head, file=out)
    for r in rows:
        print(
            f"{r['kind']:<8}{r['chars'] / 1e6:>8.1f}{r['utf8_mb']:>10.1f}{r['seconds']:>9.1f}{r['s_per_mchar']:>9.2f}"
            f"{r['facts']:>9}{r['baseline_rss_mb']:>9.0f}{r['peak_rss_mb']:>9.0f}{r['growth_mb']:>8.0f}"
            f"{r['growth_per_mchar']:>10.1f}  {','.join(r['errors']) or '-'}",
            file=out,
        )
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
