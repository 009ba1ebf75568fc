"""zhreport_extract: facts (initiative, metric, count, unit, year) from Chinese summary reports.

>>> from zhreport_extract import extract
>>> fact = extract("参与群众4000多人。").facts[0]
>>> (fact.quantity.text, int(fact.count), fact.unit, fact.qualifier, fact.metric.text)
('4000多人', 4000, '人', 'over', '参与群众')
"""

from __future__ import annotations

import threading
from datetime import date as Date

from .patterns import PatternError, Patterns
from .pipeline import Extractor
from .records import DocumentResult, Entity, ExtractionError, Fact, Span, YearSource

__all__ = [
    "DocumentResult", "Entity", "ExtractionError", "Extractor", "Fact", "PatternError",
    "Patterns", "Span", "YearSource", "extract",
]
__version__ = "0.1.0"

_default: Extractor | None = None
_lock = threading.Lock()


def extract(text: str, doc_id: str | None = None, date: Date | str | None = None) -> DocumentResult:
    """Extract with one shared :class:`Extractor`, built on first use."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Extractor()
    return _default.extract(text, doc_id=doc_id, date=date)
