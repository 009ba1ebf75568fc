"""Batches: many documents, in input order, in one process or several.

:func:`extract_batch` is what :meth:`Extractor.extract_batch` runs. Documents are
strings, ``(doc_id, text)`` pairs or dicts (``doc_id``/``id``, ``text``, ``date``).
The input is streamed: at most ``max_in_flight`` batches are read ahead of the
results handed out, so an endless input runs in bounded memory.

With ``n_process > 1`` the documents go to worker processes. On Linux, when the
calling process runs one thread, the workers are forked from it and
use its extractor as it stands, its dictionary loaded once beforehand and shared
between them page for page (no start-up cost, less memory); otherwise (threads, other
platforms, or ``start_method="spawn"``) each worker starts afresh and builds its own
:class:`~zhreport_extract.pipeline.Extractor` once, from the patterns directory.
A bad document gives a :class:`DocumentResult` with its error and the batch goes
on. A worker that dies (a crash, the OOM killer, SIGKILL) is logged on the
``zhreport_extract.batch`` logger and replaced; the documents it held are tried
again one by one, and a document that kills its worker a second time comes back
with a ``WorkerDied`` error. No document is ever lost or reordered.

>>> from zhreport_extract import Extractor
>>> results = list(Extractor().extract_batch(["参与群众4000多人。", None, ("b", "推送信息657条。")]))
>>> [(r.doc_id, len(r.facts), [e.kind for e in r.errors]) for r in results]
[('0', 1, []), ('1', 0, ['TypeError']), ('b', 1, [])]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .records import DocumentResult
from .documents import DocInput, Item, error_result, extract_item, prepare
from .pipeline import Extractor
from .pool import DEFAULT_BATCH_CHARS, DEFAULT_BATCH_SIZE, RETRIES, WorkerError, _Batch, _Pool, default_start_method, run_batch

__all__ = [
    "DEFAULT_BATCH_CHARS", "DEFAULT_BATCH_SIZE", "DocInput", "Item", "RETRIES", "WorkerError", "_Batch", "_Pool",
    "default_start_method", "error_result", "extract_batch", "extract_item", "prepare",
]


def extract_batch(
    docs: Iterable[DocInput],
    *,
    extractor: Extractor | None = None,
    patterns_dir: Path | str | None = None,
    n_process: int = 1,
    **options: Any,
) -> Iterator[DocumentResult]:
    """One result per document of ``docs``, in input order: :meth:`Extractor.extract_batch`
    without building an Extractor first (``patterns_dir``: the patterns it is built from).
    See :func:`zhreport_extract.pool.run_batch` for the options."""
    return run_batch(docs, extractor, patterns_dir=patterns_dir, n_process=n_process, **options)
