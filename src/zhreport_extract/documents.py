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
Item = tuple[int, str, str | None, Date | str | None]  # a date that does not parse is kept, and reported by extract


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


def unpack(doc: DocInput, n: int) -> tuple[str, str | None, Date | str | None]:
    if isinstance(doc, str):
        return doc, str(n), None
    if isinstance(doc, tuple) and len(doc) == 2:
        return doc[1], str(doc[0]), None
    if isinstance(doc, dict):
        doc_id = doc.get("doc_id", doc.get("id", str(n)))
        if "text" not in doc:
            raise KeyError(f"document {doc_id!r} has no 'text'")
        date = doc.get("date")
        try:
            date = parse_date(date)
        except ValueError:
            pass  # Extractor.extract reports it on the result, with the facts
        return doc["text"], str(doc_id), date
    raise TypeError(f"document {n} must be str, (doc_id, text) or a dict, got {type(doc).__name__}")


DATE_FORMS = (
    regex.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?(?:[T\s].*)?"),
    regex.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)


def parse_date(value: Date | str | None) -> Date | None:
    """A document's date: a ``date``, or a string in a common form (ISO ``2024-01-05``,
    ``2024/01/05``, ``2024.1.5``, ``2024年1月5日``, ``20240105``; a time after it is ignored).

    >>> [parse_date(s) for s in ("2024-01-05", "2024/1/5", "2024.01.05", "2024年1月5日", "20240105")] == [Date(2024, 1, 5)] * 5
    True
    >>> parse_date("5 Jan")
    Traceback (most recent call last):
    ...
    ValueError: date '5 Jan' is not a date of a known form (2024-01-05, 2024/01/05, 2024.1.5, 2024年1月5日, 20240105)
    """
    if value is None or isinstance(value, Date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for form in DATE_FORMS:
            m = form.fullmatch(text)
            if m:
                try:
                    return Date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError as exc:
                    raise ValueError(f"date {value!r} is not a calendar date: {exc}") from None
    raise ValueError(
        f"date {value!r} is not a date of a known form (2024-01-05, 2024/01/05, 2024.1.5, 2024年1月5日, 20240105)"
    )
