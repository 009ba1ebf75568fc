"""Command line: ``zhreport-extract extract|evaluate|show|schema``."""

from __future__ import annotations

import argparse
import io
import json
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .fields import SHOWN, show
from .inputs import UNREADABLE, InputError, Scan, iter_inputs, scan
from .outputs import ENDING_SIGNALS, AtomicOutput, write_csv, write_jsonl
from .records import DocumentResult, json_schema

__all__ = ["InputError", "Progress", "UNREADABLE", "extract_inputs", "iter_inputs", "main"]

#: the input fields that are not passed through under ``meta``
CONSUMED = frozenset({"text", "doc_id"})
FORMATS = ("jsonl", "csv", "parquet")


def extract_inputs(
    extractor: Any, docs: Iterable[dict[str, Any]], n_process: int = 1, include_text: bool = False, meta: bool = True
) -> Iterator[DocumentResult]:
    """``extractor.extract_batch`` over ``docs`` (from :func:`iter_inputs`): one result per
    document in order; a stand-in for an unreadable input comes back as an error result
    (kind ``input_error``, its message). ``include_text``: each result carries its text;
    ``meta``: a document's fields other than ``text`` and ``doc_id`` (a JSONL line's url,
    region, date …) are passed through as the result's ``meta``."""
    from .documents import error_result

    pending: deque[tuple[str | None, str | None, dict[str, Any] | None]] = deque()

    def feed() -> Iterator[dict[str, Any]]:
        for doc in docs:
            message = doc.pop(UNREADABLE, None)
            extra = {k: v for k, v in doc.items() if k not in CONSUMED} if meta else {}
            text = doc.get("text") if include_text and isinstance(doc.get("text"), str) else None
            pending.append((message, text, extra or None))
            yield doc

    for result in extractor.extract_batch(feed(), n_process=n_process):
        message, text, extra = pending.popleft()
        if message is not None:
            yield error_result(result.doc_id, "input_error", message).model_copy(update={"meta": extra})
        elif text is not None or extra is not None:
            update: dict[str, Any] = {"meta": extra}
            if text is not None and len(text) == result.length:
                update["text"] = text
            yield result.model_copy(update=update)
        else:
            yield result


def write_results(results: Iterator[DocumentResult], fmt: str, out: IO[str], table: bool) -> tuple[int, int]:
    """Write ``results`` to ``out`` as JSONL, CSV or (``table``) the terminal table."""
    if table:
        docs = failed = 0
        for result in results:
            docs += 1
            failed += bool(result.errors)
            _print_table(result, out)
            out.flush()
        return docs, failed
    return write_csv(results, out) if fmt == "csv" else write_jsonl(results, out)


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


def output_format(args: argparse.Namespace) -> str:
    """--format, else the -o file's suffix (.csv, .parquet, anything else JSONL)."""
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower() if args.output else ""
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, "jsonl")


def _open_inputs(args: argparse.Namespace) -> tuple[Scan, list[str], Iterator[dict[str, Any]]]:
    found = scan(args.inputs)
    for note in found.notes:
        print(f"zhreport-extract: {note}", file=sys.stderr)
    errors: list[str] = []
    docs = iter_inputs(found, errors, args.on_error, encoding=args.encoding, stdin=args.stdin)
    return found, errors, docs


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import Extractor

    fmt = output_format(args)
    if fmt == "parquet" and not args.output:
        raise InputError("parquet output is a file: give -o FILE.parquet")
    found, input_errors, docs = _open_inputs(args)
    sink: AtomicOutput | None = None
    if args.output:
        encoding = "utf-8-sig" if args.excel and fmt == "csv" else "utf-8"
        sink = AtomicOutput(Path(args.output), found, encoding=encoding)
    try:
        extractor = Extractor(args.patterns, max_seconds_per_doc=args.max_seconds)
        results = extract_inputs(extractor, docs, n_process=args.jobs, include_text=args.include_text)
        if not args.quiet and sys.stderr.isatty():
            results = Progress(sys.stderr, total=found.total).wrap(results)
        if sink is not None:
            out: IO[str] = sink.fh
        else:
            out = sys.stdout
            if isinstance(out, io.TextIOWrapper):
                # a lone surrogate as its escape, not a crash; --excel: a BOM first
                out.reconfigure(errors="backslashreplace")
                if args.excel and fmt == "csv":
                    out.write("\ufeff")
        table = sink is None and args.format is None and sys.stdout.isatty()
        if fmt == "parquet":
            from .frames import write_parquet

            assert sink is not None
            n, failed = write_parquet(results, sink.tmp)  # pyarrow writes the temporary file by name
        else:
            n, failed = write_results(results, fmt, out, table)
        if sink is not None:
            sink.commit()
    except BaseException:
        if sink is not None:
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


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import GoldError, TextSource, evaluate, format_problems, format_summary, load_gold
    from .pipeline import Extractor

    if not args.texts and not (args.excerpts and args.reports):
        raise InputError("evaluate needs the gold documents' texts: --texts FOLDER, or --excerpts FILE with --reports FOLDER")
    for option, value in (("--texts", args.texts), ("--reports", args.reports)):
        if value and not Path(value).is_dir():
            raise InputError(
                f"{option} {value}: no such folder (the shared corpus is not part of the repository; "
                "evaluate the seed with --gold corpus/seed.gold.jsonl --texts corpus/texts)"
            )
    for option, value in (("--gold", args.gold), ("--excerpts", args.excerpts), ("--split", args.split)):
        if value and not Path(value).is_file():
            raise InputError(f"{option} {value}: no such file")
    source = TextSource(
        Path(args.texts) if args.texts else None,
        Path(args.excerpts) if args.excerpts else None,
        Path(args.reports) if args.reports else None,
    )
    try:
        gold = load_gold(Path(args.gold), source)
    except GoldError as exc:
        where = " ".join(f"{o} {v}" for o, v in (("--texts", args.texts), ("--excerpts", args.excerpts)) if v)
        raise InputError(f"--gold {args.gold}: {exc} (texts from {where})") from None
    if args.split:
        try:
            held = set(json.loads(Path(args.split).read_text(encoding="utf-8"))["test"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"--split {args.split}: not a split file ({{\"test\": [doc ids]}}): {exc}") from None
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
        print(format_problems(score.rows))
    return 0


def saved_result(doc: dict[str, Any]) -> DocumentResult | None:
    """A document that is itself a saved result (a JSONL line of ``extract --include-text``),
    or None for a document to extract."""
    if "facts" not in doc or "length" not in doc:
        return None
    try:
        return DocumentResult.model_validate({k: v for k, v in doc.items() if k in DocumentResult.model_fields})
    except ValueError as exc:
        raise InputError(f"{doc.get('doc_id')}: looks like a saved result but is not one: {exc}") from None


def cmd_show(args: argparse.Namespace) -> int:
    """One self-contained HTML page with every document's facts highlighted; a JSONL of
    saved results that carry their text (``extract --include-text``) is shown as saved."""
    from .html import render_html
    from .pipeline import Extractor

    found, input_errors, docs_in = _open_inputs(args)
    sink = AtomicOutput(Path(args.output), found) if args.output else None
    try:
        docs = list(docs_in)
        saved = [saved_result(d) for d in docs]
        todo = [d for d, r in zip(docs, saved) if r is None]
        fresh = iter(extract_inputs(Extractor(args.patterns), todo) if todo else ())
        pairs: list[tuple[str, DocumentResult]] = []
        for doc, result in zip(docs, saved):
            if result is None:
                pairs.append((doc["text"], next(fresh)))
            elif result.text is None:
                raise InputError(f"{result.doc_id}: a saved result without its text; save it with extract --include-text")
            else:
                pairs.append((result.text, result))
        page = render_html(pairs, title=args.title)
        if sink is not None:
            sink.fh.write(page)
            sink.commit()
        else:
            sys.stdout.write(page)
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    for message in input_errors:
        print(f"zhreport-extract: skipped {message}", file=sys.stderr)
    return 1 if input_errors or any(r.errors for _, r in pairs) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("zhreport_extract")
    except PackageNotFoundError:
        from . import __version__

        return str(__version__)


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs", nargs="+",
        help="files (.txt .md .docx .html .htm .pdf .jsonl, any case), folders of them, or - for stdin",
    )
    p.add_argument(
        "--on-error", choices=("skip", "fail"), default="skip",
        help="unreadable input (unknown encoding, a broken file, a JSONL line that is not JSON or has no text): skip it "
        "(an error record keeps its place, exit status 1) or fail (stop, write nothing, exit status 2)",
    )
    p.add_argument("--encoding", help="read text and HTML files in this encoding instead of detecting it (e.g. gb18030)")
    p.add_argument(
        "--stdin", choices=("auto", "text", "jsonl"), default="auto",
        help="what - is: one plain-text document, JSONL, or auto (JSONL when it starts with '{')",
    )


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"{value!r}: the budget must be more than 0 seconds")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhreport-extract", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--patterns", help="a patterns directory instead of the built-in one")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract facts from files, folders, JSONL or stdin")
    _add_input_options(p)
    p.add_argument("-o", "--output", help="write here (atomically) instead of stdout; its suffix sets the format")
    p.add_argument(
        "--format", choices=FORMATS, default=None,
        help="default: from the -o suffix (.csv, .parquet), else jsonl; parquet needs -o and pyarrow",
    )
    p.add_argument("--include-text", action="store_true", help="JSONL: each document's text too (offsets refer to it)")
    p.add_argument("--excel", action="store_true", help="CSV for Excel: UTF-8 with a byte-order mark")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (0: one per CPU; default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display on stderr")
    p.add_argument(
        "--max-seconds", type=_positive_seconds, default=None, metavar="S",
        help="time budget per document: one that runs over gives the facts found so far and a time_budget error",
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score against a gold file (docs/ANNOTATION_GUIDE.md)")
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
    _add_input_options(p)
    p.add_argument("-o", "--output", help="the HTML file to write (atomically); default stdout")
    p.add_argument("--title", default="zhreport_extract report", help="the page's title")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("schema", help="print the JSON Schema of the records")
    p.set_defaults(func=cmd_schema)
    return parser


def user_error(exc: BaseException) -> str | None:
    """The one line a user error is reported as, or None for a bug (which keeps its traceback)."""
    from .evaluate import GoldError
    from .patterns import PatternError

    if isinstance(exc, (InputError, PatternError, GoldError)):
        return str(exc)
    if isinstance(exc, ImportError) and "pip install" in str(exc):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Exit status: 0 all well; 1 some documents have errors or inputs were skipped; 2 the
    run failed or could not start (bad usage, a missing file or folder, bad patterns,
    ``--on-error fail``: one line on stderr, no traceback); 130 interrupted (SIGINT), 143
    terminated (SIGTERM), 129 hung up (SIGHUP) - then no output file and no temporary file
    is left behind."""
    args = build_parser().parse_args(argv)
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in ENDING_SIGNALS:
            if sig != signal.SIGINT:
                previous[sig] = signal.signal(sig, _terminated)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("zhreport-extract: interrupted; no output written", file=sys.stderr)
        return 130
    except Exception as exc:
        # a signal that arrived inside a library call can come back wrapped (pydantic's
        # serializer turns a KeyboardInterrupt into a PydanticSerializationError)
        signalled = _signal_behind(exc)
        if isinstance(signalled, KeyboardInterrupt):
            print("zhreport-extract: interrupted; no output written", file=sys.stderr)
            return 130
        if isinstance(signalled, SystemExit):
            return int(signalled.code or 0)
        message = user_error(exc)
        if message is None:
            raise
        print(f"zhreport-extract: {message}", file=sys.stderr)
        return 2
    finally:
        for sink in list(AtomicOutput.live):  # interrupted between making the file and using it
            sink.abort()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _signal_behind(exc: BaseException) -> BaseException | None:
    """The KeyboardInterrupt or SystemExit that caused ``exc``, if one did."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, (KeyboardInterrupt, SystemExit)):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


class Progress:
    """The progress display on stderr (tqdm): documents done of the total when it is known
    (files and folders; not JSONL or stdin), percentage, rate, ETA, characters per second
    and documents failed.

    >>> import io
    >>> out = io.StringIO()
    >>> p = Progress(out, total=2, interval=0)
    >>> results = list(p.wrap(iter([DocumentResult(length=10), DocumentResult(length=5)])))
    >>> "2/2 documents" in out.getvalue() and "100%" in out.getvalue()
    True
    """

    def __init__(self, stream: Any, total: int | None = None, interval: float = 0.2) -> None:
        self.stream = stream
        self.total = total
        self.interval = interval

    def wrap(self, results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
        import time

        from tqdm import tqdm

        class Bar(tqdm):  # type: ignore[misc]
            monitor_interval = 0  # no monitor thread: a thread alive would stop the pool from forking

        bar = Bar(
            total=self.total, file=self.stream, unit=" documents", mininterval=self.interval, dynamic_ncols=True,
            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} documents [{elapsed}<{remaining}, {rate_fmt}{postfix}]"
            if self.total else "{n_fmt} documents [{elapsed}, {rate_fmt}{postfix}]",
        )
        start = time.monotonic()
        chars = failed = 0
        try:
            for result in results:
                chars += result.length
                failed += bool(result.errors)
                elapsed = time.monotonic() - start
                postfix = f"{_si(chars / elapsed if elapsed > 0 else 0.0)} chars/s"
                bar.set_postfix_str(postfix + (f", {failed} failed" if failed else ""), refresh=False)
                bar.update(1)
                yield result
        finally:
            bar.close()


def _si(value: float) -> str:
    for unit, size in (("M", 1e6), ("k", 1e3)):
        if value >= size:
            return f"{value / size:.1f}{unit}"
    return f"{value:.0f}"
