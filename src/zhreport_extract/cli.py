"""Command line: ``zhreport-extract extract|evaluate|show|schema``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .records import FACT_COLUMNS, DocumentResult, json_schema


class InputError(ValueError):
    """An input that cannot be read: names the file and line."""


def iter_inputs(paths: list[str], errors: list[str], on_error: str = "skip") -> Iterator[dict[str, Any]]:
    """Documents from .txt files, folders of them, JSONL files or stdin ('-'), streamed."""
    for raw in paths:
        if raw == "-":
            yield from _iter_jsonl(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict"), "<stdin>", errors, on_error)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                yield from _iter_txt(file, errors, on_error)
        elif path.suffix == ".jsonl":
            with path.open("rb") as fh:
                yield from _iter_jsonl(io.TextIOWrapper(fh, encoding="utf-8", errors="strict"), str(path), errors, on_error)
        elif path.is_file():
            yield from _iter_txt(path, errors, on_error)
        else:
            _report(errors, on_error, f"{path}: no such file or folder")


def _report(errors: list[str], on_error: str, message: str) -> None:
    errors.append(message)
    if on_error == "fail":
        raise InputError(message)


def _iter_txt(path: Path, errors: list[str], on_error: str) -> Iterator[dict[str, Any]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        _report(errors, on_error, f"{path}:{line}: invalid UTF-8 ({exc.reason})")
        return
    yield {"doc_id": path.stem, "text": text}


def _iter_jsonl(fh: IO[str], name: str, errors: list[str], on_error: str) -> Iterator[dict[str, Any]]:
    n = 0
    while True:
        n += 1
        try:
            line = fh.readline()
        except UnicodeDecodeError as exc:
            _report(errors, on_error, f"{name}:{n}: invalid UTF-8 ({exc.reason})")
            return
        if not line:
            return
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            _report(errors, on_error, f"{name}:{n}: not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            _report(errors, on_error, f"{name}:{n}: needs an object with a \"text\" string")
            continue
        obj.setdefault("doc_id", obj.get("id", f"{name}:{n}"))
        yield obj


class AtomicOutput:
    """Write to a temporary file beside the target and rename it into place on success."""

    def __init__(self, target: Path, inputs: list[str]) -> None:
        resolved = target.resolve()
        for raw in inputs:
            if raw != "-" and Path(raw).exists() and Path(raw).resolve() == resolved:
                raise InputError(f"{target}: refusing to overwrite an input file")
        self.target = target
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=str(target.parent or "."))
        self.tmp = Path(tmp)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.fh.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes the file private; the result is an ordinary file
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.fh.close()
        self.tmp.unlink(missing_ok=True)


def write_results(results: Iterator[DocumentResult], fmt: str, out: IO[str], table: bool) -> tuple[int, int]:
    docs = failed = 0
    writer = None
    if fmt == "csv" and not table:
        writer = csv.DictWriter(out, fieldnames=FACT_COLUMNS)
        writer.writeheader()
    for result in results:
        docs += 1
        failed += bool(result.errors)
        if table:
            _print_table(result, out)
        elif writer is not None:
            for row in result.to_records():
                writer.writerow(row)
        else:
            out.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
        out.flush()
    return docs, failed


def _print_table(result: DocumentResult, out: IO[str]) -> None:
    out.write(f"== {result.doc_id}  ({len(result.facts)} facts, year {result.year})\n")
    for e in result.errors:
        out.write(f"   ERROR {e.kind}: {e.message}\n")
    for f in result.facts:
        metric = f.metric.text if f.metric else "-"
        extra = " ".join(x for x in (f.qualifier or "", f"per {f.per}" if f.per else "") if x)
        count = f"{f.count}" + (f"–{f.count_max}" if f.count_max is not None else "")
        out.write(
            f"{f.quantity.start:>6}  {f.quantity.text:<14} {count:>16} {f.unit or '-':<6} {extra:<10} "
            f"{metric:<20} {f.initiative or '-':<14} {f.year or '-'}\n"
        )


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import Extractor

    extractor = Extractor(args.patterns)
    input_errors: list[str] = []
    docs = iter_inputs(args.inputs, input_errors, args.on_error)
    results = extractor.extract_batch(docs, n_process=args.jobs)
    if not args.quiet and sys.stderr.isatty():
        from .batch import Progress

        results = Progress(sys.stderr, total=_count_documents(args.inputs)).wrap(results)
    table = args.output is None and sys.stdout.isatty() and args.format not in ("csv", "parquet")
    sink: AtomicOutput | None = None
    try:
        if args.output:
            sink = AtomicOutput(Path(args.output), args.inputs)
            out: IO[str] = sink.fh
        else:
            out = sys.stdout
        if args.format == "parquet":
            if sink is None:
                raise InputError("--format parquet writes a file: give -o FILE")
            from .frames import write_parquet

            n, failed = write_parquet(results, sink.tmp)  # pyarrow writes the temporary file by name
        else:
            n, failed = write_results(results, args.format, out, table)
        if sink:
            sink.commit()
    except (InputError, ImportError) as exc:
        if sink:
            sink.abort()
        print(f"zhreport-extract: {exc}", file=sys.stderr)
        return 2
    except BaseException:
        if sink:
            sink.abort()
        raise
    for message in input_errors:
        print(f"zhreport-extract: skipped {message}", file=sys.stderr)
    if input_errors or failed:
        print(f"zhreport-extract: {n} documents, {failed} with errors, {len(input_errors)} inputs skipped", file=sys.stderr)
        return 1
    return 0


def _count_documents(paths: list[str]) -> int | None:
    """How many documents .txt files and folders hold (None when JSONL or stdin is read)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or path.suffix == ".jsonl":
            return None
        total += sum(1 for _ in path.rglob("*.txt")) if path.is_dir() else int(path.is_file())
    return total


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import TextSource, evaluate, format_summary, load_gold
    from .pipeline import Extractor

    source = TextSource(
        Path(args.texts) if args.texts else None,
        Path(args.excerpts) if args.excerpts else None,
        Path(args.reports) if args.reports else None,
    )
    gold = load_gold(Path(args.gold), source)
    extractor = Extractor(args.patterns)
    pairs = [(extractor.extract(g.text, doc_id=g.doc_id, date=g.date), g) for g in gold]
    score = evaluate(pairs)
    summary = score.summary()
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        print(format_summary(summary))
    if args.errors:
        print()
        for line in score.problems:
            print(line)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """One self-contained HTML page with every document's facts highlighted."""
    from .html import render_html
    from .pipeline import Extractor

    extractor = Extractor(args.patterns)
    input_errors: list[str] = []
    sink: AtomicOutput | None = None
    try:
        docs = list(iter_inputs(args.inputs, input_errors, args.on_error))
        results = extractor.extract_batch(docs)
        pairs = [(d["text"], r) for d, r in zip(docs, results)]
        page = render_html(pairs, title=args.title)
        if args.output:
            sink = AtomicOutput(Path(args.output), args.inputs)
            sink.fh.write(page)
            sink.commit()
        else:
            sys.stdout.write(page)
    except InputError as exc:
        if sink:
            sink.abort()
        print(f"zhreport-extract: {exc}", file=sys.stderr)
        return 2
    except BaseException:
        if sink:
            sink.abort()
        raise
    for message in input_errors:
        print(f"zhreport-extract: skipped {message}", file=sys.stderr)
    return 1 if input_errors or any(r.errors for _, r in pairs) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhreport-extract", description=__doc__)
    parser.add_argument("--patterns", help="a patterns directory instead of the built-in one")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract facts from .txt files, folders, JSONL or stdin")
    p.add_argument("inputs", nargs="+", help=".txt file, folder, .jsonl file, or - for JSONL on stdin")
    p.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl", help="parquet needs -o and pyarrow")
    p.add_argument("--on-error", choices=("skip", "fail"), default="skip", help="what to do with unreadable input")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (0: one per CPU; default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display on stderr")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score against a gold file (ANNOTATION.md)")
    p.add_argument("--gold", required=True)
    p.add_argument("--texts", help="folder of <doc_id>.txt")
    p.add_argument("--excerpts", help="excerpts.json defining excerpt texts over --reports")
    p.add_argument("--reports", help="folder of whole reports for --excerpts")
    p.add_argument("--errors", action="store_true", help="list every miss, spurious fact and wrong field")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("show", help="write one HTML page showing the facts of each document in colour")
    p.add_argument("inputs", nargs="+", help=".txt file, folder, .jsonl file, or - for JSONL on stdin")
    p.add_argument("-o", "--output", help="the HTML file to write (atomically); default stdout")
    p.add_argument("--title", default="zhreport_extract report", help="the page's title")
    p.add_argument("--on-error", choices=("skip", "fail"), default="skip", help="what to do with unreadable input")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("schema", help="print the JSON Schema of the records")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
