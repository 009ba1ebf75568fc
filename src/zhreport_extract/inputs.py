"""Inputs as users hold them: text in any common encoding, Word, HTML, PDF, JSONL, folders, stdin.

:func:`scan` turns the command line's inputs into a list of :class:`Source` (a folder becomes
its files of a supported type, found case-insensitively, each with the path relative to the
folder, without suffix, as its ``doc_id``); :func:`iter_inputs` reads them one document at a
time. Text is decoded by :func:`decode`: a byte-order mark, else UTF-8, else the encoding
``charset-normalizer`` finds among the ones Chinese text is written in (GB18030 / GBK,
UTF-16, Big5); ``encoding=`` forces one. Word (``.docx``, python-docx), HTML (``.html``,
``.htm``: the text of the page without its markup, scripts, styles and navigation;
selectolax) and PDF (``.pdf``, pypdf) are optional extras; a missing one is named with the
command that installs it.

>>> decode("今年新建学校5所。".encode("gbk"), "a.txt")
'今年新建学校5所。'
>>> decode(b"\\xff\\xfe" + "妇联".encode("utf-16-le"), "b.txt")
'妇联'
>>> decode("妇联".encode("gbk"), "c.txt", encoding="utf-8")
Traceback (most recent call last):
...
zhreport_extract.inputs.InputError: c.txt: cannot be read as utf-8 (invalid start byte at byte 1)
"""

from __future__ import annotations

import codecs
import importlib
import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

Kind = Literal["text", "docx", "html", "pdf", "jsonl", "stdin", "missing"]

#: suffix (lower case) -> how the file is read
SUPPORTED: dict[str, Kind] = {
    ".txt": "text", ".md": "text", ".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf", ".jsonl": "jsonl",
}
#: the encodings detection chooses among, most likely first (a tie goes to the earlier)
DETECTED = ("utf_8", "utf_16", "utf_32", "gb18030", "utf_16_le", "utf_16_be", "big5")
BOMS = ((codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"), (codecs.BOM_UTF8, "utf_8_sig"),
        (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16"))
EXTRAS = {"docx": ("docx", "python-docx", "docx"), "html": ("selectolax.lexbor", "selectolax", "html"),
          "pdf": ("pypdf", "pypdf", "pdf")}

UNREADABLE = "_unreadable"  # key of the stand-in document for an input that could not be read


class InputError(ValueError):
    """An input that cannot be read, or a run that cannot start: names the file and why."""


class MissingExtra(InputError):
    """A file type whose reader is not installed: no file of that type can be read."""


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of ``data`` (read from ``name``): in ``encoding`` if given, else detected."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"--encoding {encoding}: not an encoding Python knows") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: cannot be read as {encoding} ({exc.reason} at byte {exc.start + 1})") from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _decode_as(data, codec, name, "its byte-order mark")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(DETECTED)))
    if not matches:
        line = data[: bad.start].count(b"\n") + 1
        column = bad.start - (data.rfind(b"\n", 0, bad.start) + 1) + 1
        raise InputError(
            f"{name}:{line}: invalid UTF-8 at byte {column} of the line ({bad.reason}), and not GB18030/GBK, "
            "UTF-16 or Big5 either (detection found nothing); give its encoding with --encoding"
        )
    least = min(m.chaos for m in matches)
    best = min((m for m in matches if m.chaos == least), key=lambda m: DETECTED.index(m.encoding))
    return _decode_as(data, best.encoding, name, "detection")


def _decode_as(data: bytes, codec: str, name: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: detected {codec} by {why}, but it does not decode ({exc.reason} at byte {exc.start + 1}); "
            "give its encoding with --encoding"
        ) from None


def need(kind: str) -> Any:
    """The module that reads ``kind`` (docx, html, pdf), or an InputError saying how to install it."""
    module, package, extra = EXTRAS[kind]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(
            f"reading .{kind} files needs {package}, which is not installed: pip install \"zhreport_extract[{extra}]\""
        ) from None


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document, one per line (tables: a row per line, cells by tabs)."""
    docx = need("docx")
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


HTML_DROPPED = "head,script,style,noscript,template,nav,svg,iframe,form,button"
HTML_BLOCKS = (
    "p,div,br,li,tr,h1,h2,h3,h4,h5,h6,table,section,article,blockquote,pre,ul,ol,dl,dd,dt,header,footer,main,aside,hr"
)


def html_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text an HTML page shows: markup, scripts, styles and navigation removed, a line
    per block (paragraph, heading, list item, table row), table cells by tabs."""
    tree = need("html").LexborHTMLParser(decode(data, name, encoding))
    for node in tree.css(HTML_DROPPED):
        node.decompose()
    for node in tree.css(HTML_BLOCKS):
        node.insert_after("\n")
    for node in tree.css("td,th"):
        node.insert_after("\t")
    root = tree.body if tree.body is not None else tree.root
    text = "" if root is None else root.text(separator="")
    lines = (" ".join(line.split()) if "\t" not in line else line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def pdf_text(data: bytes, name: str) -> str:
    """The text of a PDF's pages (pypdf), pages separated by a blank line."""
    pypdf = need("pdf")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        return "\n\n".join((page.extract_text() or "").rstrip("\n") for page in reader.pages)
    except pypdf.errors.PdfReadError as exc:
        raise InputError(f"{name}: not a readable PDF ({exc})") from None


def read_file(path: Path, kind: Kind, encoding: str | None = None) -> str:
    """The text of one file of ``kind``; InputError naming the file when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if kind == "docx":
        try:
            return docx_text(data)
        except MissingExtra:
            raise
        except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a broken file
            raise InputError(f"{path}: not a readable Word document ({type(exc).__name__}: {exc})") from None
    if kind == "html":
        return html_text(data, str(path), encoding)
    if kind == "pdf":
        return pdf_text(data, str(path))
    return decode(data, str(path), encoding)


@dataclass(frozen=True)
class Source:
    """One input to read: a file of a kind, stdin, or a path that does not exist."""

    path: Path | None  # None: stdin
    kind: Kind
    doc_id: str


@dataclass
class Scan:
    """What :func:`scan` found: the sources in order and, per folder, what was skipped and why."""

    sources: list[Source]
    notes: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)  # the folders given as inputs

    @property
    def total(self) -> int | None:
        """How many documents, when known before reading (no JSONL, no stdin)."""
        if any(s.kind in ("jsonl", "stdin") for s in self.sources):
            return None
        return len(self.sources)


def scan(paths: Iterable[str]) -> Scan:
    """The sources behind the command line's inputs; a folder with no file to read is an
    InputError (the run cannot start), and for each folder that had files of other types a
    note says how many were skipped and why."""
    sources: list[Source] = []
    notes: list[str] = []
    folders: list[Path] = []
    for raw in paths:
        if raw == "-":
            sources.append(Source(None, "stdin", "stdin"))
            continue
        path = Path(raw)
        if path.is_dir():
            found, skipped = _folder(path)
            if not found:
                why = f" (only {_summary(skipped)})" if skipped else ""
                raise InputError(f"{path}: the folder has no file to read{why}; supported: {', '.join(SUPPORTED)}")
            sources.extend(found)
            folders.append(path)
            if skipped:
                notes.append(f"{path}: read {len(found)} files, skipped {sum(skipped.values())}: {_summary(skipped)}")
        elif path.is_file():
            sources.append(Source(path, SUPPORTED.get(path.suffix.lower(), "text"), path.stem))
        else:
            sources.append(Source(path, "missing", str(path)))
    return Scan(sources, notes, folders)


def _folder(folder: Path) -> tuple[list[Source], Counter[str]]:
    found: list[Source] = []
    skipped: Counter[str] = Counter()
    for file in sorted(folder.rglob("*")):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            if file.is_file():
                skipped["hidden"] += 1
            continue
        if not file.is_file():
            continue
        kind = SUPPORTED.get(file.suffix.lower())
        if kind is None:
            skipped[file.suffix.lower() or "no suffix"] += 1
            continue
        found.append(Source(file, kind, relative.with_suffix("").as_posix()))
    return found, skipped


def _summary(skipped: Counter[str]) -> str:
    return ", ".join(
        f"{n} hidden" if what == "hidden" else f"{n} {what} (not a supported type)" for what, n in sorted(skipped.items())
    )


def iter_inputs(
    paths: list[str] | Scan,
    errors: list[str],
    on_error: str = "skip",
    encoding: str | None = None,
    stdin: str = "auto",
    stdin_stream: IO[bytes] | None = None,
) -> Iterator[dict[str, Any]]:
    """Documents from :func:`scan`'s sources (or the paths themselves), streamed.

    An input that cannot be read (a file in no encoding found, a broken Word file, a JSONL
    line that is not JSON or has no "text" string, a missing file) is reported in ``errors``
    as "file[:line]: reason"; with ``on_error="fail"`` it raises :class:`InputError`, else it
    yields a stand-in document (empty text, the message under :data:`UNREADABLE`) that keeps
    its place in the output. ``stdin``: ``text`` (all of it one document, doc_id ``stdin``),
    ``jsonl``, or ``auto`` (JSONL when its first character other than white space is ``{``).
    """
    found = paths if isinstance(paths, Scan) else scan(paths)
    for source in found.sources:
        if source.kind == "stdin":
            stream = stdin_stream if stdin_stream is not None else sys.stdin.buffer
            yield from _iter_stdin(stream, errors, on_error, encoding, stdin)
        elif source.kind == "missing":
            yield _unreadable(errors, on_error, source.doc_id, f"{source.path}: no such file or folder")
        elif source.kind == "jsonl":
            assert source.path is not None
            try:
                fh = source.path.open("rb")
            except OSError as exc:
                yield _unreadable(errors, on_error, source.doc_id, f"{source.path}: cannot read ({exc.strerror})")
                continue
            with fh:
                yield from _iter_jsonl(fh, str(source.path), errors, on_error)
        else:
            assert source.path is not None
            try:
                text = read_file(source.path, source.kind, encoding)
            except MissingExtra:
                raise  # the run cannot go on
            except InputError as exc:
                yield _unreadable(errors, on_error, source.doc_id, str(exc))
                continue
            yield {"doc_id": source.doc_id, "text": text}


def _iter_stdin(
    stream: IO[bytes], errors: list[str], on_error: str, encoding: str | None, mode: str
) -> Iterator[dict[str, Any]]:
    if mode == "auto":
        head = stream.peek(4096) if hasattr(stream, "peek") else b""
        if not head and not hasattr(stream, "peek"):
            data = stream.read()
            stream = io.BytesIO(data)
            head = data[:4096]
        mode = "jsonl" if head.lstrip().lstrip(codecs.BOM_UTF8).lstrip().startswith(b"{") else "text"
    if mode == "jsonl":
        yield from _iter_jsonl(stream, "<stdin>", errors, on_error)
        return
    try:
        text = decode(stream.read(), "<stdin>", encoding)
    except InputError as exc:
        yield _unreadable(errors, on_error, "stdin", str(exc))
        return
    yield {"doc_id": "stdin", "text": text}


def _report(errors: list[str], on_error: str, message: str) -> None:
    errors.append(message)
    if on_error == "fail":
        raise InputError(message)


def _unreadable(errors: list[str], on_error: str, doc_id: str, message: str) -> dict[str, Any]:
    """Report an unreadable input; its stand-in document (when the run goes on)."""
    _report(errors, on_error, message)
    return {"doc_id": doc_id, "text": "", UNREADABLE: message}


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
        if isinstance(obj, dict) and "facts" in obj and "length" in obj and not isinstance(obj.get("text"), str):
            named = obj.get("doc_id")
            yield _unreadable(errors, on_error, where if named is None else str(named),
                              f"{where}: a saved result without its text; save it with extract --include-text")
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
