"""Tables: facts as a pandas DataFrame or a Parquet file, one row per fact.

The columns are those of the field table (:data:`~zhreport_extract.fields.COLUMNS`, the
CSV's), typed there: offsets and years are nullable integers, ``count`` and ``count_max``
floats with the exact decimal beside them as text (``count_exact``), closed sets such as
``qualifier``, ``change``, ``status`` and ``period`` categoricals, the rest strings. pandas and pyarrow are optional extras::

    pip install "zhreport_extract[pandas]"     # facts_to_pandas
    pip install "zhreport_extract[parquet]"    # write_parquet, --format parquet

>>> from zhreport_extract import extract
>>> df = facts_to_pandas([extract("推送信息657条，阅读量达22.12万次。", doc_id="a")])
>>> df[["doc_id", "quantity", "count", "unit"]].values.tolist()
[['a', '657条', 657.0, '条'], ['a', '22.12万次', 221200.0, '次']]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .fields import COLUMNS
from .records import FACT_COLUMNS, DocumentResult

if TYPE_CHECKING:
    import pandas as pd

ROW_GROUP = 50_000  # rows buffered before a Parquet row group is written


def _need(module: str, extra: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{what} needs {module}, which is not installed: pip install \"zhreport_extract[{extra}]\""
        ) from exc


def _results(results: DocumentResult | Iterable[DocumentResult]) -> Iterable[DocumentResult]:
    return [results] if isinstance(results, DocumentResult) else results


def facts_to_pandas(results: DocumentResult | Iterable[DocumentResult]) -> pd.DataFrame:
    """One row per fact of ``results`` (a result or an iterable of them), in order."""
    pandas = _need("pandas", "pandas", "facts_to_pandas")
    rows = [row for result in _results(results) for row in result.to_records()]
    frame = pandas.DataFrame.from_records(rows, columns=list(FACT_COLUMNS))
    dtypes: dict[str, Any] = {
        c.name: pandas.CategoricalDtype(list(c.values)) if c.dtype == "category" else c.dtype for c in COLUMNS
    }
    typed: pd.DataFrame = frame.astype(dtypes)
    return typed


def documents_to_pandas(results: DocumentResult | Iterable[DocumentResult]) -> pd.DataFrame:
    """One row per document: ``doc_id``, ``length``, ``year``, ``facts`` and ``entities``
    (how many) and ``error`` (its errors as "kind: message" lines, or missing).

    >>> from zhreport_extract import extract
    >>> documents_to_pandas([extract("推送信息657条。", doc_id="a")]).values.tolist()
    [['a', 9, <NA>, 1, 0, <NA>]]
    """
    pandas = _need("pandas", "pandas", "documents_to_pandas")
    rows = [
        {"doc_id": r.doc_id, "length": r.length, "year": r.year, "facts": len(r.facts), "entities": len(r.entities),
         "error": r.error_text()}
        for r in _results(results)
    ]
    frame = pandas.DataFrame.from_records(rows, columns=["doc_id", "length", "year", "facts", "entities", "error"])
    typed: pd.DataFrame = frame.astype(
        {"doc_id": "string", "length": "Int64", "year": "Int64", "facts": "Int64", "entities": "Int64", "error": "string"}
    )
    return typed


def entities_to_pandas(results: DocumentResult | Iterable[DocumentResult]) -> pd.DataFrame:
    """One row per entity: ``doc_id``, ``label`` (categorical), ``text``, ``start``, ``end``, ``rule``.

    >>> from zhreport_extract import extract
    >>> entities_to_pandas([extract("市妇联推送信息657条。", doc_id="a")])[["doc_id", "label", "text"]].values.tolist()
    [['a', 'ORG', '市妇联']]
    """
    pandas = _need("pandas", "pandas", "entities_to_pandas")
    rows = [
        {"doc_id": r.doc_id, "label": e.label, "text": e.span.text, "start": e.span.start, "end": e.span.end,
         "rule": e.rule}
        for r in _results(results) for e in r.entities
    ]
    frame = pandas.DataFrame.from_records(rows, columns=["doc_id", "label", "text", "start", "end", "rule"])
    typed: pd.DataFrame = frame.astype(
        {"doc_id": "string", "label": "category", "text": "string", "start": "Int64", "end": "Int64", "rule": "string"}
    )
    return typed


def parquet_schema() -> Any:
    """The pyarrow schema of the Parquet output."""
    pa = _need("pyarrow", "parquet", "Parquet output")
    types = {
        "Int64": pa.int64(), "float64": pa.float64(), "string": pa.string(),
        "category": pa.dictionary(pa.int32(), pa.string()),
    }
    return pa.schema([(c.name, types[c.dtype]) for c in COLUMNS])


def parquet_row(row: dict[str, Any]) -> dict[str, Any]:
    """A fact-table row as Parquet stores it: floats as floats (a count above 2**53 is a
    float there, exact in ``count_exact``), a lone surrogate as its ``\\udXXX`` escape."""
    from .outputs import escape_surrogates

    return {k: float(v) if k in _FLOATS and v is not None else escape_surrogates(v) for k, v in row.items()}


_FLOATS = frozenset(c.name for c in COLUMNS if c.dtype == "float64")


def write_parquet(results: Iterable[DocumentResult], where: str | Path | IO[bytes]) -> tuple[int, int]:
    """Write one row per fact to a Parquet file (a path or a binary file), streaming:
    a row group is written every :data:`ROW_GROUP` rows. A document with errors and no fact
    is one row with its ``error``. Returns (documents, documents with errors)."""
    pa = _need("pyarrow", "parquet", "Parquet output")
    pq = _need("pyarrow.parquet", "parquet", "Parquet output")
    schema = parquet_schema()
    docs = failed = 0
    rows: list[dict[str, Any]] = []
    sink = str(where) if isinstance(where, Path) else where
    with pq.ParquetWriter(sink, schema) as writer:
        for result in results:
            docs += 1
            failed += bool(result.errors)
            rows.extend(parquet_row(row) for row in result.to_table_rows())
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return docs, failed
