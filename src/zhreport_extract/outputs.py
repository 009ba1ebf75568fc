"""Output files that cannot be lost and replace nothing they should not.

:class:`AtomicOutput` writes to a temporary file beside the target and renames it into place
on success. Before anything is written it refuses a target that is not a regular file (a
device such as ``/dev/null``, a FIFO, a socket, a folder), that is one of the inputs, or
that lies inside an input folder (it could be read as an input next time); a file it
replaces keeps its permission bits.

CSV cells are written so a spreadsheet shows them and runs nothing: a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (and is not a plain
number) gets a leading ``'`` (:func:`neutralise`).

>>> neutralise('=HYPERLINK("http://x","y")'), neutralise("-5"), neutralise("妇联"), neutralise(3)
('\\'=HYPERLINK("http://x","y")', '-5', '妇联', 3)
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import regex

from .fields import COLUMN_NAMES
from .inputs import InputError, Scan
from .records import DocumentResult

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = regex.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
SURROGATE = regex.compile(r"[\ud800-\udfff]")
#: signals that end a run the way Ctrl-C does: no output, no temporary file left
ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def neutralise(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula (text only; numbers stay)."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def escape_surrogates(value: Any) -> Any:
    """A lone surrogate (from a JSON escape in the input) as its ``\\udXXX`` escape, as the
    JSONL and CSV outputs write it; other values unchanged.

    >>> escape_surrogates("a\\ud800b")
    'a\\\\ud800b'
    """
    if isinstance(value, str) and SURROGATE.search(value):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def check_target(target: Path, found: Scan) -> os.stat_result | None:
    """Raise InputError unless ``target`` may be written: a regular file or a new name in an
    existing folder, not an input nor inside an input folder. Returns the existing file's stat."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror})") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode) else \
            "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file"
        raise InputError(f"{target}: is {what}; -o writes only a regular file")
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"{target}: cannot write: the folder {parent} does not exist")
    resolved = target.resolve()
    for source in found.sources:
        if source.path is not None and source.path.exists() and source.path.resolve() == resolved:
            raise InputError(f"{target}: refusing to overwrite an input file")
    for folder in found.folders:
        if resolved.is_relative_to(folder.resolve()):
            raise InputError(f"{target}: is inside the input folder {folder}; write the output elsewhere")
    return st


class AtomicOutput:
    """Write to a temporary file beside the target and rename it into place on success.

    Every temporary file not yet committed or aborted is in ``AtomicOutput.live``; the CLI
    aborts what is left there when the run ends by a signal, so no window between making the
    file and handing it back can leak it."""

    live: set[AtomicOutput] = set()

    def __init__(self, target: Path, found: Scan, encoding: str = "utf-8") -> None:
        existing = check_target(target, found)
        self.target = target
        self.mode = stat.S_IMODE(existing.st_mode) if existing is not None else None
        with signals_held():  # Ctrl-C here must not leave the temporary file behind
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=str(target.parent))
            except OSError as exc:
                raise InputError(f"{target}: cannot write ({exc.strerror})") from None
            self.tmp = Path(tmp)
            # a lone surrogate (from a JSON escape in the input) is written as its \\udXXX escape
            self.fh = os.fdopen(fd, "w", encoding=encoding, newline="", errors="backslashreplace")
            AtomicOutput.live.add(self)

    def commit(self) -> None:
        self.fh.close()
        if self.mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask  # mkstemp makes the file private; the result is an ordinary file
        else:
            mode = self.mode  # a file replaced keeps its permissions
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.target)
        AtomicOutput.live.discard(self)

    def abort(self) -> None:
        with signals_held():  # a second Ctrl-C must not stop the clean-up half way
            try:
                self.fh.close()
            finally:
                self.tmp.unlink(missing_ok=True)
                AtomicOutput.live.discard(self)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block is done (POSIX main thread; else no-op)."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, set(ENDING_SIGNALS))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_csv(results: Iterable[DocumentResult], out: IO[str]) -> tuple[int, int]:
    """The fact table as CSV, a document with errors and no fact as one row (``error``),
    text cells neutralised (:func:`neutralise`). Returns (documents, documents with errors)."""
    docs = failed = 0
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    for result in results:
        docs += 1
        failed += bool(result.errors)
        for row in result.to_table_rows():
            writer.writerow({k: neutralise(v) for k, v in row.items()})
        out.flush()
    return docs, failed


def write_jsonl(results: Iterable[DocumentResult], out: IO[str]) -> tuple[int, int]:
    """One JSON line per document (:meth:`DocumentResult.to_json_dict`)."""
    docs = failed = 0
    for result in results:
        docs += 1
        failed += bool(result.errors)
        out.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
        out.flush()
    return docs, failed
