"""A digest of everything the extractor returns, for behaviour-preserving changes (speed work).

Runs the extractor over every shared report, the dev texts, the genre texts and the seed
text, and writes each document's whole result as JSON (every fact with every field, cues,
year_source, entities, errors), one line per document, then prints the SHA-256 of that file.
Two runs of different code must print the same digest when a change only makes it faster.

    PYTHONPATH=src python benchmarks/outputs_digest.py [--out FILE] [--no-entities] [--no-date]

Only the digest and which documents differ are meant to be looked at, never the outputs of
held-out texts.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
FOLDERS = (SHARED / "reports", SHARED / "dev" / "texts", SHARED / "genre" / "texts", REPO / "corpus" / "texts")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="write the JSON lines here")
    parser.add_argument("--no-entities", action="store_true", help="Extractor(entities=False)")
    parser.add_argument("--no-date", action="store_true", help="extract without a document date (default 2020-06-30)")
    args = parser.parse_args()
    from zhreport_extract import Extractor

    ex = Extractor(entities=not args.no_entities)
    digest = hashlib.sha256()
    lines: list[str] = []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")):
            doc_id = f"{folder.parent.name}/{path.stem}"
            result = ex.extract(path.read_text(encoding="utf-8"), doc_id=doc_id, date=None if args.no_date else "2020-06-30")
            line = result.model_dump_json()
            digest.update(line.encode("utf-8") + b"\n")
            lines.append(line)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents, sha256 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
