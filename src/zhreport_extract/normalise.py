"""Normalise: a same-length view of the text in which rules can be simple.

Full-width digits, letters and number punctuation become ASCII one for one;
ASCII and small-form sentence punctuation (, ; : ( ) ! ?) become their full-width
forms, so that a rule written for ，；：（）！？ reads a page typed in ASCII alike;
no-break or ideographic spaces become plain spaces. Every offset into the
normalised text is also an offset into the original. Rules match on the view;
spans are always cut from the original.

>>> view = normalise("增长７．９％")
>>> view
'增长7.9%'
>>> len(view) == len("增长７．９％")
True
>>> normalise("收入47197元,增长4%;(一)比例3︰1")
'收入47197元，增长4%；（一）比例3：1'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH.update({
    "．": ".", "％": "%", "‰": "‰", "＋": "+", "－": "-", "／": "/", "～": "~",
    "\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\ufeff": " ", "\r": "\n",
})
# ASCII, small-form and ratio punctuation: the full-width form the sentence rules read
_FULLWIDTH.update({
    ",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？",
    "\ufe50": "，", "\ufe51": "、", "\ufe54": "；", "\ufe55": "：", "\ufe56": "？", "\ufe57": "！",
    "\ufe59": "（", "\ufe5a": "）", "\ufe30": "：", "\u2236": "：", "\uff64": "、",
    # quote marks of other forms: the full-width ASCII quote, and the CJK double-prime quotes 〝 〞 〟
    "\uff02": '"', "\u301d": "“", "\u301e": "”", "\u301f": "”",
})
# a lone surrogate (from a JSON escape such as "\\ud800") is no character: the view holds U+FFFD
# there, so jieba and spaCy, which encode their input as UTF-8, can read it
_FULLWIDTH.update({chr(c): "\ufffd" for c in range(0xD800, 0xE000)})


class Table(dict[int, str]):
    """A translation table (code point -> one character) that knows its characters.

    Most of a report needs no change. Finding the few characters that do with one
    character-class pattern, and replacing only those, is about ten times faster than
    ``str.translate``, which looks every character of the text up in the table.
    """

    def __init__(self, mapping: Mapping[int, str]) -> None:
        super().__init__(mapping)
        self._pattern: re.Pattern[str] | None = None  # compiled on first use, not at import

    def apply(self, text: str) -> str:
        """``text.translate(self)``, the same string. (The pattern is made at the first call:
        change no entry after that.)"""
        if self._pattern is None:
            self._pattern = re.compile(_char_class(sorted(self)))
        return self._pattern.sub(lambda m: self[ord(m.group())], text)


def _char_class(codes: list[int]) -> str:
    """A character class of the sorted code points ``codes``, runs written as ranges.

    >>> _char_class([0x30, 0x31, 0x32, 0x41])
    '[0-2A]'
    """
    parts: list[str] = []
    k = 0
    while k < len(codes):
        j = k
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = re.escape(chr(codes[k])), re.escape(chr(codes[j]))
        parts.append(first if j == k else first + last if j == k + 1 else f"{first}-{last}")
        k = j + 1
    return "[" + "".join(parts) + "]"


_TABLE = Table(str.maketrans(_FULLWIDTH))


def make_table(extra: dict[str, str] | None = None) -> Table:
    """The translation table: full-width forms, plus one-for-one ``extra`` characters
    (the traditional -> simplified map of ``patterns/traditional.toml``).

    >>> normalise("四點二倍", make_table({"點": "点"}))
    '四点二倍'
    """
    table = dict(_TABLE)
    for src, dst in (extra or {}).items():
        if len(src) != 1 or len(dst) != 1:
            raise ValueError(f"normalisation maps one character to one, not {src!r} -> {dst!r}")
        table[ord(src)] = dst
    return Table(table)


def normalise(text: str, table: Mapping[int, str] | None = None) -> str:
    """Return a view of ``text`` of the same length with ASCII digits and spaces (``table``:
    from :func:`make_table`, or any ``str.translate`` table)."""
    table = _TABLE if table is None else table
    return table.apply(text) if isinstance(table, Table) else text.translate(table)


class Skipper:
    """Skips the invisible characters inside numbers (``patterns/numbers.toml``).

    :meth:`skip` gives the view without them and, for each character kept, its place in the
    view, so that offsets found in the shorter text are offsets into the original again.

    >>> skipper = Skipper(r"(?<=[0-9])[\\p{Cf}]+(?=[0-9])")
    >>> short, places = skipper.skip("投资1\\u20600亿元")
    >>> short, places
    ('投资10亿元', [0, 1, 2, 4, 5, 6])
    >>> skipper.skip("投资10亿元") is None
    True
    """

    def __init__(self, pattern: str) -> None:
        import regex

        self.pattern = regex.compile(pattern)

    def skip(self, view: str) -> tuple[str, list[int]] | None:
        """``(shorter view, places)``, or None when ``view`` has nothing to skip."""
        runs = [m.span() for m in self.pattern.finditer(view)]
        if not runs:
            return None
        places: list[int] = []
        pieces: list[str] = []
        at = 0
        for start, end in runs:
            places.extend(range(at, start))
            pieces.append(view[at:start])
            at = end
        places.extend(range(at, len(view)))
        pieces.append(view[at:])
        return "".join(pieces), places
