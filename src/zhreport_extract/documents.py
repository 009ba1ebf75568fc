"""Documents as callers give them: text, ``(doc_id, text)`` pairs or dicts with ``doc_id``/``id``,
``text`` and ``date``; how each is unpacked, what a date may look like, and the result of a
document that cannot be read (no facts, one error).

>>> prepare({"id": "a", "text": "推送信息657条。", "date": "2024年1月5日"}, 0)
(0, '推送信息657条。', 'a', datetime.date(2024, 1, 5))
>>> prepare(None, 3).errors[0].kind
'TypeError'
"""

from __future__ import annotations

from datetime import date as Date
from typing import Any, Protocol

import regex

from .records import DocumentResult, ExtractionError

DocInput = str | tuple[str, str] | dict[str, Any]
# One document as it crosses to a worker: (position, text, doc_id, date)
Item = tuple[int, str, str | None, Date | None]


class Extracts(Protocol):
    """Anything with the Extractor's ``extract``."""

    def extract(self, text: str, doc_id: str | None = None, date: Date | str | None = None) -> DocumentResult: ...


def error_result(doc_id: str | None, kind: str, message: str, length: int = 0) -> DocumentResult:
    """The result of a document that could not be read: no facts, one error."""
    return DocumentResult(doc_id=doc_id, length=length, errors=(ExtractionError(kind=kind, message=message),))


def prepare(doc: Any, n: int) -> Item | DocumentResult:
    """Unpack document ``n`` into an :data:`Item`, or the error result of a bad document."""
    doc_id: str | None = None
    try:
        text, doc_id, date = unpack(doc, n)
        if not isinstance(text, str):
            raise TypeError(f"document {doc_id!r}: text must be str, got {type(text).__name__}")
    except Exception as exc:  # noqa: BLE001 - any bad document becomes its own error result
        if doc_id is None and isinstance(doc, dict):
            named = doc.get("doc_id", doc.get("id"))
            doc_id = None if named is None else str(named)
        return error_result(doc_id if doc_id is not None else str(n), type(exc).__name__, str(exc))
    return (n, text, doc_id, date)


def extract_item(extractor: Extracts, item: Item) -> DocumentResult:
    """Extract one prepared document; an exception becomes the document's error."""
    _, text, doc_id, date = item
    try:
        return extractor.extract(text, doc_id=doc_id, date=date)
    except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
        return error_result(doc_id, type(exc).__name__, str(exc), length=len(text))


def unpack(doc: DocInput, n: int) -> tuple[str, str | None, Date | None]:
    if isinstance(doc, str):
        return doc, str(n), None
    if isinstance(doc, tuple) and len(doc) == 2:
        return doc[1], str(doc[0]), None
    if isinstance(doc, dict):
        doc_id = doc.get("doc_id", doc.get("id", str(n)))
        if "text" not in doc:
            raise KeyError(f"document {doc_id!r} has no 'text'")
        return doc["text"], str(doc_id), parse_date(doc.get("date"))
    raise TypeError(f"document {n} must be str, (doc_id, text) or a dict, got {type(doc).__name__}")


def parse_date(value: Date | str | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    if isinstance(value, str) and regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Date.fromisoformat(value)
    raise ValueError(f"date must be ISO YYYY-MM-DD, got {value!r}")
