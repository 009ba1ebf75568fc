"""Form twins: does a text typed or laid out another way read as the text itself?

The same report reaches users in many forms: typed with ASCII punctuation, straight or single quotes
or with both quote marks of a name typed alike (“A“, ”A”),
with a space around every number, its paragraphs glued into one line (a space for each break), indented with ideographic spaces, with Windows line ends or
blank lines between paragraphs, with full-width digits, or taken out of a PDF with its lines
wrapped at a fixed width. This script makes each form of every tuning text (dev and the genre
texts outside the held-back split; only counts are printed), extracts both, maps every fact of
the twin back to the original's offsets and counts the fields that differ (span, count, unit,
qualifier, metric, initiative, year, change, status, indicator, period; metric, initiative and
unit compared without spaces, line breaks and quote forms).

    PYTHONPATH=src python benchmarks/form_twins.py [form ...]      # every form when none given

A form whose twin reads exactly as its text prints an empty count. ``wrapNN`` wraps every
paragraph at NN display columns (a wide character counts two), anywhere, inside numbers too;
``pdfNN`` also puts a page number line (— 2 —) after every 20 lines, as a PDF's text has, and
``pdfhNN`` a running header line after each page number.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import regex

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
FIELDS = ("count", "unit", "qualifier", "metric", "initiative", "year", "change", "status", "indicator", "period")
ASCII_MARKS = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"}
BLANKS = regex.compile(r"[\s\u3000\u00a0]+|— \d+ —|某县妇联年度工作总结")
QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "‘": '"', "’": '"', "『": '"', "』": '"'})


def _swap(table: dict[str, str]) -> Callable[[str, int], str]:
    def char(text: str, i: int) -> str:
        c = text[i]
        if c == "，" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            return c  # 1，2 typed as 1,2 would be a thousands separator: no form a page has
        return table.get(c, c)
    return char


def _fullwidth_digit(text: str, i: int) -> str:
    c = text[i]
    return chr(0xFF10 + int(c)) if c.isascii() and c.isdigit() else c


# a form: (what goes before character i, what character i becomes)
Insert = Callable[[str, int], str]
FORMS: dict[str, tuple[Insert | None, Callable[[str, int], str] | None]] = {
    "ascii_marks": (None, _swap(ASCII_MARKS)),
    "ascii_all": (None, _swap({**ASCII_MARKS, "。": ".", "“": '"', "”": '"'})),
    "straight_quotes": (None, _swap({"“": '"', "”": '"'})),
    "corner_quotes": (None, _swap({"“": "「", "”": "」"})),
    "single_quotes": (None, _swap({"“": "‘", "”": "’"})),
    "misclosed_quotes": (None, _swap({"”": "“"})),  # “A“: a closing quote typed as an opener
    "misopened_quotes": (None, _swap({"“": "”"})),  # ”A”: an opening quote typed as a closer
    "fullwidth_digits": (None, _fullwidth_digit),
    "indent": (lambda t, i: "\u3000\u3000" if (i == 0 or t[i - 1] == "\n") and t[i] != "\n" else "", None),
    "crlf": (lambda t, i: "\r" if t[i] == "\n" else "", None),
    "blank_lines": (lambda t, i: "\n" if i and t[i - 1] == "\n" else "", None),
    "glued_paragraphs": (None, _swap({"\n": " "})),
    "number_spaces": (
        lambda t, i: " " if i and t[i - 1].isdigit() and regex.match(r"\p{Han}", t[i]) else "", None,
    ),
}


RUNNING_HEADER = "某县妇联年度工作总结"  # made up: a PDF's running header line


def _wrapped(text: str, width: int, page_lines: int = 0, header: str = "") -> tuple[str, list[int]]:
    """``text`` wrapped at ``width`` columns; with ``page_lines``, a page number line (— 2 —)
    after every so many lines, and the running ``header`` after it, as a PDF's text has."""
    out: list[str] = []
    places: list[int] = []
    column = lines = 0
    length = 0

    def new_line() -> None:
        nonlocal lines, length
        lines += 1
        if page_lines and lines % page_lines == 0:
            mark = f"— {lines // page_lines + 1} —\n" + (header + "\n" if header else "")
            out.append(mark)
            length += len(mark)

    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if c != "\n" and column + w > width:
            out.append("\n")
            length += 1
            column = 0
            new_line()
        places.append(length)
        out.append(c)
        length += 1
        if c == "\n":
            column = 0
            new_line()
        else:
            column += w
    return "".join(out), places


def twin(text: str, form: str) -> tuple[str, list[int]]:
    """The text in ``form`` and, for each character of ``text``, its place in the twin."""
    if form.startswith("wrap"):
        return _wrapped(text, int(form[4:]))
    if form.startswith("pdfh"):
        return _wrapped(text, int(form[4:]), page_lines=20, header=RUNNING_HEADER)
    if form.startswith("pdf"):
        return _wrapped(text, int(form[3:]), page_lines=20)
    insert, change = FORMS[form]
    out: list[str] = []
    places: list[int] = []
    for i, c in enumerate(text):
        if insert is not None:
            out.append(insert(text, i))
        places.append(sum(map(len, out)))
        out.append(change(text, i) if change is not None else c)
    return "".join(out), places


def tuning_texts() -> dict[str, str]:
    """dev and the genre tuning texts (the held-back split is left out), by id."""
    held = set(json.loads((REPO / "corpus" / "genre" / "split.json").read_text(encoding="utf-8"))["test"])
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((SHARED / "dev" / "texts").glob("*.txt"))}
    for p in sorted((SHARED / "genre" / "texts").glob("*.txt")):
        if p.stem not in held:
            texts[p.stem] = p.read_text(encoding="utf-8")
    return texts


def _plain(value: Any, fold: Callable[[str], str]) -> Any:
    return fold(BLANKS.sub("", value)).translate(QUOTES) if isinstance(value, str) else value


def differences(extractor: Any, texts: dict[str, str], form: str) -> Counter[str]:
    """How many facts differ in each field between the texts and their twins in ``form``
    (``span``: a fact found in one only)."""
    from zhreport_extract.normalise import make_table, normalise

    table = make_table(library=True)

    def fold(s: str) -> str:
        return normalise(s, table)

    counts: Counter[str] = Counter()
    for doc_id, text in texts.items():
        other, places = twin(text, form)
        back = {p: i for i, p in enumerate(places)}
        mine = {(f.quantity.start, f.quantity.end): f for f in extractor.extract(text, doc_id=doc_id).facts}
        theirs: dict[tuple[int, int], Any] = {}
        for f in extractor.extract(other, doc_id=doc_id).facts:
            start, end = f.quantity.start, f.quantity.end - 1
            while start not in back and start < len(other):
                start += 1
            while end not in back and end > 0:
                end -= 1
            theirs[(back.get(start, -1), back.get(end, -2) + 1)] = f
        for key in mine.keys() | theirs.keys():
            if key not in mine or key not in theirs:
                counts["span"] += 1
                continue
            a, b = mine[key], theirs[key]
            for name in FIELDS:
                x, y = getattr(a, name), getattr(b, name)
                if name == "metric":
                    x, y = (x.text if x else None), (y.text if y else None)
                if _plain(x, fold) != _plain(y, fold):
                    counts[name] += 1
    return counts


def main() -> int:
    from zhreport_extract import Extractor

    forms = sys.argv[1:] or [*FORMS, "wrap60", "wrap72", "wrap80", "pdf72", "pdfh72"]
    texts = tuning_texts()
    extractor = Extractor()
    facts = sum(len(extractor.extract(t, doc_id=d).facts) for d, t in texts.items())
    print(f"{len(texts)} texts, {facts} facts")
    for form in forms:
        counts = differences(extractor, texts, form)
        print(f"{form:18s} {sum(counts.values()):5d} fields differ  {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
