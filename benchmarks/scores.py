"""Every score the README states, from the project's own ``evaluate``, one row per set.

    python benchmarks/scores.py            # a Markdown table to stdout
    python benchmarks/scores.py --json     # the figures as JSON

The sets: the seed report, dev (../shared/corpus/dev), the team's extra excerpts, the genre
set's tuning part and its held-back test part (corpus/genre/split.json), the genre texts the
team annotated (corpus/genre_more: held out in session 1, a tuning set from session 2 on), and the 18 the team annotated next as a
further tuning set (corpus/genre_new). A set whose texts are absent is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zhreport_extract.evaluate import TextSource, evaluate, load_gold
from zhreport_extract.pipeline import Extractor

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"


def sets() -> list[tuple[str, Path, TextSource, set[str] | None, bool]]:
    """(name, gold, texts, ids to keep or None, keep = in or out of the ids)."""
    held = set(json.loads((REPO / "corpus" / "genre" / "split.json").read_text(encoding="utf-8"))["test"])
    genre = TextSource(SHARED / "genre" / "texts")
    return [
        ("seed", REPO / "corpus" / "seed.gold.jsonl", TextSource(REPO / "corpus" / "texts"), None, True),
        ("dev", SHARED / "dev" / "gold.jsonl", TextSource(SHARED / "dev" / "texts"), None, True),
        ("extra", REPO / "corpus" / "extra" / "gold.jsonl",
         TextSource(None, REPO / "corpus" / "extra" / "excerpts.json", SHARED / "reports"), None, True),
        ("genre tune (24)", SHARED / "genre" / "gold.jsonl", genre, held, False),
        ("genre held-back test (8)", SHARED / "genre" / "gold.jsonl", genre, held, True),
        ("genre, whole (32)", SHARED / "genre" / "gold.jsonl", genre, None, True),
        ("genre_more (team, 10; tuned on from session 2)", REPO / "corpus" / "genre_more" / "gold.jsonl", genre, None, True),
        ("genre_new (team, 18)", REPO / "corpus" / "genre_new" / "gold.jsonl", genre, None, True),
    ]


COLUMNS = [
    ("facts", "n_gold", "{:.0f}"), ("span F1", "span_f1", "{:.3f}"), ("count", "count_accuracy", "{:.3f}"),
    ("unit", "unit_accuracy", "{:.3f}"), ("year", "year_accuracy", "{:.3f}"), ("metric", "metric_accuracy", "{:.3f}"),
    ("initiative P", "initiative_precision", "{:.3f}"), ("initiative R", "initiative_recall", "{:.3f}"),
    ("initiative F1", "initiative_f1", "{:.3f}"), ("fact F1", "fact_f1", "{:.3f}"),
    ("change F1", "change_f1", "{:.3f}"), ("status F1", "status_f1", "{:.3f}"),
    ("indicator F1", "indicator_f1", "{:.3f}"), ("period F1", "period_f1", "{:.3f}"),
    ("meaning acc. (all-default)", "meaning_accuracy", "{:.3f}"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    extractor = Extractor()
    rows: dict[str, dict[str, float]] = {}
    for name, gold_path, source, ids, keep in sets():
        try:
            gold = load_gold(gold_path, source)
        except (OSError, ValueError) as exc:
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        if ids is not None:
            gold = [g for g in gold if (g.doc_id in ids) == keep]
        score = evaluate((extractor.extract(g.text, doc_id=g.doc_id, date=g.date), g) for g in gold)
        rows[name] = score.summary()
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("| set | " + " | ".join(c for c, _, _ in COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for name, s in rows.items():
        cells = []
        for _, key, fmt in COLUMNS:
            value = s.get(key, float("nan"))
            text = "–" if value != value else fmt.format(value)
            if key == "meaning_accuracy" and value == value:
                text += f" ({s['meaning_default_accuracy']:.3f})"
            cells.append(text)
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
