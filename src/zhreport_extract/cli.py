"""Command line: ``zhreport-extract extract|evaluate|show|schema``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import contextlib
import os
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .fields import SHOWN, show
from .records import FACT_COLUMNS, DocumentResult, json_schema


class InputError(ValueError):
    """An input that cannot be read: names the file and line."""


UNREADABLE = "_unreadable"  # key of the stand-in document for an input that could not be read


def iter_inputs(paths: list[str], errors: list[str], on_error: str = "skip") -> Iterator[dict[str, Any]]:
    """Documents from .txt files, folders of them, JSONL files or stdin ('-'), streamed.

    An input that cannot be read (invalid UTF-8, a JSONL line that is not JSON or has no
    "text" string, a missing file) is reported in ``errors`` as "file:line: reason"; with
    ``on_error="fail"`` it raises :class:`InputError`, else it yields a stand-in document
    (empty text, the message under :data:`UNREADABLE`) that :func:`extract_inputs` turns
    into an error result, so every input keeps its place in the output.
    """
    for raw in paths:
        if raw == "-":
            yield from _iter_jsonl(sys.stdin.buffer, "<stdin>", errors, on_error)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                yield from _iter_txt(file, errors, on_error)
        elif path.suffix == ".jsonl" and path.is_file():
            try:
                fh = path.open("rb")
            except OSError as exc:
                yield _unreadable(errors, on_error, str(path), f"{path}: cannot read ({exc.strerror})")
                continue
            with fh:
                yield from _iter_jsonl(fh, str(path), errors, on_error)
        elif path.is_file():
            yield from _iter_txt(path, errors, on_error)
        else:
            yield _unreadable(errors, on_error, str(path), f"{path}: no such file or folder")


def _report(errors: list[str], on_error: str, message: str) -> None:
    errors.append(message)
    if on_error == "fail":
        raise InputError(message)


def _unreadable(errors: list[str], on_error: str, doc_id: str, message: str) -> dict[str, Any]:
    """Report an unreadable input; its stand-in document (when the run goes on)."""
    _report(errors, on_error, message)
    return {"doc_id": doc_id, "text": "", UNREADABLE: message}


def _iter_txt(path: Path, errors: list[str], on_error: str) -> Iterator[dict[str, Any]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _unreadable(errors, on_error, path.stem, f"{path}: cannot read ({exc.strerror})")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        yield _unreadable(errors, on_error, path.stem, f"{path}:{line}: invalid UTF-8 at byte {column} of the line ({exc.reason})")
        return
    yield {"doc_id": path.stem, "text": text}


def _iter_jsonl(fh: Iterable[bytes], name: str, errors: list[str], on_error: str) -> Iterator[dict[str, Any]]:
    """One document per line; each line is decoded by itself, so a bad line costs only itself."""
    for n, raw in enumerate(fh, 1):
        where = f"{name}:{n}"
        try:
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield _unreadable(errors, on_error, where, f"{where}: invalid UTF-8 at byte {exc.start + 1} ({exc.reason})")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = f"{exc.msg}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield _unreadable(errors, on_error, where, f"{where}: not JSON ({reason})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            named = obj.get("doc_id", obj.get("id")) if isinstance(obj, dict) else None
            yield _unreadable(
                errors, on_error, where if named is None else str(named), f"{where}: needs an object with a \"text\" string"
            )
            continue
        obj.pop(UNREADABLE, None)
        obj.setdefault("doc_id", obj.get("id", where))
        yield obj


def extract_inputs(extractor: Any, docs: Iterable[dict[str, Any]], n_process: int = 1) -> Iterator[DocumentResult]:
    """``extractor.extract_batch`` over ``docs`` (from :func:`iter_inputs`): one result per
    document in order; a stand-in for an unreadable input comes back as an error result
    (kind ``input_error``, its message)."""
    from .documents import error_result

    unreadable: deque[str | None] = deque()

    def feed() -> Iterator[dict[str, Any]]:
        for doc in docs:
            unreadable.append(doc.pop(UNREADABLE, None))
            yield doc

    for result in extractor.extract_batch(feed(), n_process=n_process):
        message = unreadable.popleft()
        yield result if message is None else error_result(result.doc_id, "input_error", message)


class AtomicOutput:
    """Write to a temporary file beside the target and rename it into place on success.

    Every temporary file not yet committed or aborted is in ``AtomicOutput.live``;
    :func:`main` aborts what is left there when the run ends by a signal, so no window
    between making the file and handing it back can leak it."""

    live: set[AtomicOutput] = set()

    def __init__(self, target: Path, inputs: list[str]) -> None:
        resolved = target.resolve()
        for raw in inputs:
            if raw != "-" and Path(raw).exists() and Path(raw).resolve() == resolved:
                raise InputError(f"{target}: refusing to overwrite an input file")
        if target.is_dir():
            raise InputError(f"{target}: is a folder, not a file to write")
        self.target = target
        with _signals_held():  # Ctrl-C here must not leave the temporary file behind
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=str(target.parent or "."))
            self.tmp = Path(tmp)
            # a lone surrogate (from a JSON escape in the input) is written as its \\udXXX escape
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="", errors="backslashreplace")
            AtomicOutput.live.add(self)

    def commit(self) -> None:
        self.fh.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes the file private; the result is an ordinary file
        os.replace(self.tmp, self.target)
        AtomicOutput.live.discard(self)

    def abort(self) -> None:
        with _signals_held():  # a second Ctrl-C must not stop the clean-up half way
            try:
                self.fh.close()
            finally:
                self.tmp.unlink(missing_ok=True)
                AtomicOutput.live.discard(self)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (POSIX main thread; else no-op)."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


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


TABLE_FIELDS = tuple(f for f in SHOWN if f.name not in ("sentence", "rule", "actor"))


def _print_table(result: DocumentResult, out: IO[str]) -> None:
    """The terminal view: one line per fact, the field table's fields that have a value
    (defaults of the meaning fields left out)."""
    out.write(f"== {result.doc_id}  ({len(result.facts)} facts, year {result.year})\n")
    for e in result.errors:
        out.write(f"   ERROR {e.kind}: {e.message}\n")
    for fact in result.facts:
        cells = [f"{fact.quantity.start:>6}"]
        for f in TABLE_FIELDS:
            value = getattr(fact, f.name)
            if f.meaning and value == f.default:
                continue
            text = show(f, value)
            if text and f.name not in ("quantity", "count", "unit", "metric"):
                text = f"{f.name}={text}"
            cells.append(text or "-")
        out.write("  ".join(cells) + "\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import Extractor

    extractor = Extractor(args.patterns)
    input_errors: list[str] = []
    docs = iter_inputs(args.inputs, input_errors, args.on_error)
    results = extract_inputs(extractor, docs, n_process=args.jobs)
    if not args.quiet and sys.stderr.isatty():
        results = Progress(sys.stderr, total=_count_documents(args.inputs)).wrap(results)
    table = args.output is None and sys.stdout.isatty() and args.format not in ("csv", "parquet")
    sink: AtomicOutput | None = None
    try:
        if args.output:
            sink = AtomicOutput(Path(args.output), args.inputs)
            out: IO[str] = sink.fh
        else:
            out = sys.stdout
            if isinstance(out, io.TextIOWrapper):
                out.reconfigure(errors="backslashreplace")  # a lone surrogate as its escape, not a crash
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
        print(
            f"zhreport-extract: {n} documents, {failed} with errors ({len(input_errors)} unreadable inputs skipped)",
            file=sys.stderr,
        )
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
    if args.split:
        held = set(json.loads(Path(args.split).read_text(encoding="utf-8"))["test"])
        gold = [g for g in gold if (g.doc_id in held) == (args.part == "test")]
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
        results = extract_inputs(extractor, docs)
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
    p.add_argument(
        "--on-error", choices=("skip", "fail"), default="skip",
        help="unreadable input (bad UTF-8, a JSONL line that is not JSON or has no text): skip it (an error "
        "record keeps its place, exit status 1) or fail (stop, write nothing, exit status 2)",
    )
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
    p.add_argument("--split", help="a split file ({\"test\": [doc ids]}): score only one part of the gold")
    p.add_argument("--part", choices=("tune", "test"), default="tune", help="with --split: the held-back test ids or the rest")
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
    """Exit status: 0 all well; 1 some documents have errors or inputs were skipped; 2 the
    run failed (``--on-error fail``, bad usage); 130 interrupted (SIGINT), 143 terminated
    (SIGTERM) - then no output file and no temporary file is left behind."""
    args = build_parser().parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("zhreport-extract: interrupted; no output written", file=sys.stderr)
        return 130
    finally:
        for sink in list(AtomicOutput.live):  # interrupted between making the file and using it
            sink.abort()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


class Progress:
    """A one-line progress display (documents, chars/s) rewritten in place on a terminal.

    >>> import io
    >>> out = io.StringIO()
    >>> p = Progress(out, total=2, interval=0)
    >>> results = list(p.wrap(iter([DocumentResult(length=10), DocumentResult(length=5)])))
    >>> "2/2 documents" in out.getvalue() and out.getvalue().endswith("\\n")
    True
    """

    def __init__(self, stream: Any, total: int | None = None, interval: float = 0.2, width: int = 24) -> None:
        self.stream = stream
        self.total = total
        self.interval = interval
        self.width = width
        self.docs = self.chars = self.failed = 0

    def wrap(self, results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
        import time

        start = last = time.monotonic()
        try:
            for result in results:
                self.docs += 1
                self.chars += result.length
                self.failed += bool(result.errors)
                yield result
                now = time.monotonic()
                if now - last >= self.interval:
                    self._show(now - start)
                    last = now
        finally:
            self._show(time.monotonic() - start)
            self.stream.write("\n")
            self.stream.flush()

    def _show(self, elapsed: float) -> None:
        rate = self.chars / elapsed if elapsed > 0 else 0.0
        if self.total:
            done = min(self.docs / self.total, 1.0)
            filled = int(done * self.width)
            bar = f"[{'#' * filled}{'.' * (self.width - filled)}] {self.docs}/{self.total} documents"
        else:
            bar = f"{self.docs} documents"
        failed = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\r{bar}{failed}  {_si(rate)} chars/s  {elapsed:.1f} s ")
        self.stream.flush()


def _si(value: float) -> str:
    for unit, size in (("M", 1e6), ("k", 1e3)):
        if value >= size:
            return f"{value / size:.1f}{unit}"
    return f"{value:.0f}"
