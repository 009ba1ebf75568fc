"""Dask: extract over a ``dask.bag`` (``pip install zhreport_extract[dask]``).

Each worker process builds one :class:`~zhreport_extract.pipeline.Extractor` per patterns
directory the first time it needs one and keeps it (:func:`cached_extractor`), so a
cluster pays for the rules and the jieba dictionary once per process, not per task.

>>> import dask.bag as db
>>> bag = db.from_sequence(["推送信息657条。", None, ("b", "参与群众4000多人。")], npartitions=2)
>>> [(r.doc_id, [int(f.count) for f in r.facts], [e.kind for e in r.errors])
...  for r in extract_bag(bag).compute(scheduler="sync")]
[('0', [657], []), ('1', [], ['TypeError']), ('b', [4000], [])]
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .documents import extract_item, prepare
from .records import DocumentResult

if TYPE_CHECKING:
    import dask.bag

    from .pipeline import Extractor

_extractors: dict[str | None, Extractor] = {}
_lock = threading.Lock()


def cached_extractor(patterns_dir: Path | str | None = None) -> Extractor:
    """This process's extractor for ``patterns_dir``, built on first use."""
    key = None if patterns_dir is None else str(Path(patterns_dir).resolve())
    extractor = _extractors.get(key)
    if extractor is None:
        with _lock:
            extractor = _extractors.get(key)
            if extractor is None:
                from .pipeline import Extractor

                extractor = _extractors[key] = Extractor(key)
    return extractor


def extract_partition(
    docs: Iterable[Any], patterns_dir: Path | str | None = None, start: int = 0
) -> list[DocumentResult]:
    """The results of one partition, in order: for ``bag.map_partitions(extract_partition)``.

    Documents are what :meth:`Extractor.extract_batch` takes; a bad one gives a result with
    its error. ``start`` is the position of the partition's first document in the whole
    input: a plain string gets that position as its ``doc_id``.
    """
    extractor = cached_extractor(patterns_dir)
    out: list[DocumentResult] = []
    for n, doc in enumerate(docs, start):
        item = prepare(doc, n)
        out.append(item if isinstance(item, DocumentResult) else extract_item(extractor, item))
    return out


def extract_bag(bag: dask.bag.Bag, patterns_dir: Path | str | None = None) -> dask.bag.Bag:
    """A bag of :class:`DocumentResult`, one per document of ``bag``, in the same order.

    The same results as :meth:`Extractor.extract_batch` over the whole input, ``doc_id``
    of plain strings included (their position in the whole bag, not in a partition).
    """
    import dask.bag as db
    from dask.delayed import delayed

    b: Any = bag
    parts = b.map_partitions(list).to_delayed()
    offset: Any = 0
    pieces = []
    for part in parts:
        pieces.append(delayed(extract_partition)(part, patterns_dir, offset))
        offset = delayed(operator.add)(offset, delayed(len)(part))
    result: dask.bag.Bag = db.from_delayed(pieces)  # type: ignore[no-untyped-call]
    return result


def facts_dataframe(results: dask.bag.Bag) -> Any:
    """A ``dask.dataframe`` of the fact table (one row per fact, the columns and dtypes of
    :func:`~zhreport_extract.frames.facts_to_pandas`) from a bag of results, with explicit
    ``meta``: every partition has the same typed columns, so ``to_parquet`` works even where
    a partition's first rows are all null in a column."""
    import dask.dataframe as dd

    from .frames import facts_to_pandas

    meta = facts_to_pandas([])
    b: Any = results
    return dd.from_delayed([_facts_frame(part) for part in b.to_delayed()], meta=meta, verify_meta=False)


def _facts_frame(part: Any) -> Any:
    from dask.delayed import delayed

    from .frames import facts_to_pandas

    return delayed(facts_to_pandas)(part)
