"""Segment: paragraphs, headings, sentences and clauses with exact offsets; jieba words on demand.

>>> text = "一、总体情况\\n全年增长5%。其中“甲，乙”行动完成3项；另有2项。"
>>> [text[p.start:p.end] for p in split_paragraphs(text)]
['一、总体情况', '全年增长5%。其中“甲，乙”行动完成3项；另有2项。']
>>> [p.heading for p in split_paragraphs(text)]
[True, False]
>>> [text[s:e] for s, e in split_sentences(text, 7, len(text))]
['全年增长5%。', '其中“甲，乙”行动完成3项；', '另有2项。']
>>> [text[s:e] for s, e in split_clauses(text, 14, 28)]
['其中“甲，乙”行动完成3项；']
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

from .lexicon import Lexicon, load_lexicon
from .normalise import normalise
from .patterns import GluedParagraphsRule
from .records import Paragraph
from .spacing import LetterSpacing, without_spans

SENTENCE_END = frozenset("。！？；!?;")
CLAUSE_END = frozenset("，、：,:")
OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕", "［": "］"}
CLOSERS = {v: k for k, v in OPENERS.items()}
QUOTE_CLOSERS = frozenset("”’」』\"")  # a closing quote ends a name, not a sentence
ITEM_END = frozenset("；;")  # the end of a list item, inside its sentence
MAX_NESTING_SPAN = 200  # an unclosed bracket stops protecting after this many characters
# wrapped pages (continued_lines): lines of at least WRAP_MIN_WIDTH columns, WRAP_MIN_LINES of
# them and WRAP_SHARE of all ending within WRAP_SLACK columns of one width
WRAP_MIN_WIDTH = 20
WRAP_MIN_LINES = 3
WRAP_SHARE = 0.4
WRAP_SLACK = 4
WRAP_MIN_CHARS = 10
# a paragraph's first line is set in by two full-width characters on most pages (four columns):
# a line that breaks a quantity between its number and its unit may fall short of the width by that
WRAP_INDENT = 4
# a number at the end of a line (digits, a decimal point or thousands commas, spaces, then its
# magnitude and 多/余): the next line may go on with its unit (23⏎亿元, 1.09万⏎人)
UNIT_THEN_MARK = frozenset("，、。；,;")  # a line that opens with a unit and then one of these is no title's
LINE_OPENS_NEVER = frozenset("。，、；：！？）」』”’》〕】")  # marks no line of a text opens with
NUMBER_TAIL = regex.compile(r"\d(?:[.,]?\d)*[ \t]*[十百千万亿]*[多余]?$")

HEADING = regex.compile(
    r"""^\s*(?:
        [一二三四五六七八九十]{1,3}[、．.]             # 一、
      | [（(][一二三四五六七八九十]{1,3}[）)]          # （二）
      | 第[一二三四五六七八九十百零〇\d]{1,4}[章节部分篇编]  # 第三章
      | \d{1,2}[、．.](?!\d)                          # 1、
      | [（(]\d{1,2}[）)]                              # (1)
    )""",
    regex.VERBOSE,
)
# a line that opens with a number and its unit (1.2万份。…), not a year or date nor a numbered item
OPENS_WITH_QUANTITY = regex.compile(r"^[ \t\u3000]*\d[\d.,]*[ \t\u3000]*(?![年月日号时点])[\p{Han}%]")
INLINE_HEADING = regex.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]")
FULL_STOP = regex.compile(r"[。！？；]")  # where a numbered line's first sentence ends
HAN_OR_LATIN = regex.compile(r"[\p{Han}A-Za-z]")


def is_heading_line(line: str) -> bool:
    """A line that is a section heading: numbered, or short and without a full stop.

    >>> is_heading_line("（二）推进乡村振兴")
    True
    >>> is_heading_line("全年增长5%。")
    False
    """
    stripped = line.strip()
    if not stripped:
        return False
    if HEADING.match(stripped):
        # a numbered line is a heading when its first sentence is short (一、2018年工作回顾)
        first = FULL_STOP.split(stripped, maxsplit=1)[0]
        return len(first) <= 40 or "。" not in stripped
    return False


# runs of the East Asian wide and full-width blocks (CJK, kana, hangul, full-width forms): two
# columns a character (a run at a time: a Chinese line is a few runs, and a match each
# character costs ten times more)
WIDE = regex.compile(r"[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]+")


def _width(line: str) -> int:
    """Display width: a wide (Chinese, full-width) character counts two columns.

    >>> _width("ab中文"), _width("１２")
    (6, 4)
    """
    return len(line) + sum(map(len, WIDE.findall(line)))


def _wrap_width(widths: list[int]) -> int | None:
    """The width a page wraps its lines at, when it does: a good share of its lines end within
    a few columns of one width (a PDF's or a fixed-width page's lines); None for a text with a
    paragraph per line, whose line lengths scatter."""
    long_lines = sorted(w for w in widths if w >= WRAP_MIN_WIDTH)
    if len(long_lines) < WRAP_MIN_LINES:
        return None
    best, best_n = 0, 0
    lo = 0
    for hi, w in enumerate(long_lines):  # the most populated window [w - WRAP_SLACK, w]
        while long_lines[lo] < w - WRAP_SLACK:
            lo += 1
        if hi - lo + 1 >= best_n:
            best, best_n = w, hi - lo + 1
    if best_n >= WRAP_MIN_LINES and best_n >= WRAP_SHARE * len(long_lines):
        return best
    return None


def continued_lines(text: str, units: re.Pattern[str] | None = None, layout: str | None = None) -> list[int]:
    """Offsets of the line breaks inside a sentence: the page wrapped a line that goes on.

    A break continues the sentence when the line before it ends without a sentence stop or
    colon, neither line is a heading or starts a numbered item, and either the line ends with
    a clause mark (，、) or the page wraps its lines at a fixed width and this line reaches it.
    Titles, headings and caption lines without punctuation are short of the width and stay
    lines of their own.

    >>> para = ("全县各级妇联组织深入开展巾帼建功活动，全年发放妇女小额担保贷款共计4.4亿元，扶持"
    ...         "三千余名城乡妇女创业就业，举办各类技能培训班一百二十期，培训妇女九千余人次。")
    >>> text = chr(10).join(["一、主要工作", *[para[i : i + 24] for i in range(0, len(para), 24)], "二、存在的问题"])
    >>> [text[i - 2 : i] for i in continued_lines(text)]
    ['放妇', '乡妇', '训妇']

    A line that fills the width and ends on a quote's closing mark or on a ；-item goes on too
    (a name or an item ends there, not the sentence):

    >>> lines = ["全县妇联开展“巾帼建功”活动成效明显，各级妇联组织举办“春风行动”", "就业招聘会十多场，提供就业岗位两千多个，同比增长百分之十二；",
    ...          "发放贷款一亿元，同比增长百分之九；扶持三千余名城乡妇女创业，", "举办各类技能培训班一百二十期，培训妇女九千余人次，效果良好。"]
    >>> text = chr(10).join(["一、主要工作", *lines, "二、存在的问题"])
    >>> [text[i - 2 : i] for i in continued_lines(text)]
    ['动”', '二；', '业，']
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return []
    stripped = [line.rstrip(" \t\u3000\r") for line in lines]
    # the widths as the page showed them (``layout``: the text before normalising, same length,
    # where a full-width digit is two columns wide)
    shown = stripped if layout is None else [line.rstrip(" \t\u3000\r") for line in layout.split("\n")]
    widths = [_width(line) for line in shown]
    wrap = _wrap_width(widths)
    out: list[int] = []
    pos = 0
    for k, (a, b, raw) in enumerate(zip(stripped, stripped[1:], lines)):
        pos += len(raw)
        if a.strip() and b.strip() and _continues(a, b, wrap, units, widths[k]):
            out.append(pos)
        pos += 1
    return out


def _open_quote(line: str) -> bool:
    """Whether the line ends inside a quote (“ opened and not closed)."""
    return line.rfind("“") > line.rfind("”")


def _continues(line: str, nxt: str, wrap: int | None, units: re.Pattern[str] | None, width: int) -> bool:
    """Whether the break after ``line`` (``width`` columns as the page showed it) goes on into
    ``nxt`` (:func:`continued_lines`)."""
    if nxt.lstrip(" \t\u3000")[:1] in LINE_OPENS_NEVER:
        return True  # a line never opens with a stop, a clause mark or a closing mark: the wrap split it off
    last = line[-1]
    fills = wrap is not None and len(line) >= WRAP_MIN_CHARS and width >= wrap - WRAP_SLACK
    if last in QUOTE_CLOSERS and fills:
        return True  # 各级妇联举办“春风行动” / 就业招聘会10多场: a quote closing a line that fills the wrap width
    if last in ITEM_END and fills and not HEADING.match(nxt) and not is_heading_line(line) and not HEADING.match(line):
        # …外贸出口2.6亿元、增长9.5%； / 实际利用外资5000万元…: a ；-item ending a line that fills the
        # wrap width is no paragraph's end (its sentence runs on to the 。), unless a heading follows
        return True
    if last in SENTENCE_END or last in "：:" or last in CLOSERS or last in "…":
        return False
    if HEADING.match(nxt) or nxt.lstrip()[:1] in "【〔［[":
        return False
    if is_heading_line(line) or HEADING.match(line):
        # a numbered line goes on only where it fills the page's wrap width: a run-in heading and
        # its body wrapped (2.抓好经济发展。今年1-11月，财政总收入18. / 35亿元，…)
        return fills
    if last in "，、,":
        return True
    if _open_quote(line) and "”" in nxt and nxt.find("”") < (nxt.find("“") if "“" in nxt else len(nxt)):
        return True  # 开展“巾帼建功 / 标兵岗位”创建活动: a quote opened on the line closes on the next
    if HAN_OR_LATIN.match(last) and ("，" in line or "," in line) and OPENS_WITH_QUANTITY.match(nxt):
        # 受益群众3800余人次，发放宣传资料 / 1.2万份。: a line that holds a clause mark (no title
        # does) and runs on into a number and its unit goes on
        return True
    head = units.match(nxt) if units is not None and len(line) >= WRAP_MIN_CHARS and NUMBER_TAIL.search(line) else None
    if head is not None and (
        "，" in line or "," in line
        or (wrap is not None and width >= wrap - WRAP_SLACK - WRAP_INDENT)
        or nxt[head.end() :].lstrip(" \t")[:1] in UNIT_THEN_MARK
    ):
        # 实现工业总产值 23 / 亿元，同比增长: a line that ends in a number, with no stop, runs on
        # into its unit or magnitude (units.toml) on the next, and either holds a clause mark
        # (no title does), reaches the page's wrap width short of a paragraph's indent, or the
        # next line's unit is followed at once by a clause or sentence mark (…达到1.09万 / 人，…)
        return True
    return fills


def unit_head(units: Iterable[str]) -> re.Pattern[str]:
    """The test of a line that opens with a unit or a magnitude (of ``units``, units.toml's):
    the rest of a quantity whose number ended the line before.

    >>> bool(unit_head(["亿元", "人"]).match("亿元，同比增长")), bool(unit_head(["人"]).match("人民"))
    (True, True)
    """
    alt = "|".join(re.escape(u) for u in sorted(set(units), key=len, reverse=True) if u)
    # the units first (longest first), so that a unit that a magnitude begins (万元) is read whole
    return re.compile(rf"^[ \t]*(?:{alt}|[多余](?:[万亿]|{alt})|[十百千万亿]|%|‰)" if alt else r"^[ \t]*(?:[十百千万亿]|%|‰)")


class WrappedLines:
    """Line breaks inside a sentence (:func:`continued_lines`: a PDF's or a fixed-width page's
    wrapping) read without them, offsets mapped back (a compactor, as in spacing.py).

    A break made a space (:func:`join_wrapped_lines`) still cuts the word it falls in: a
    metric (社会消 / 费品零售额), a lexicon's indicator, a unit (平方 / 公里) or a quoted name
    no longer reads whole. :meth:`compact` gives the text without those breaks, and each kept
    character's place in the original; the pipeline reads the shorter text and
    :meth:`restore` puts every offset back, so that spans are cut from the text as written,
    the break inside them. A break between two Latin letters stays (it parts two words).

    >>> from zhreport_extract.normalise import make_table
    >>> para = ("全县各级妇联组织深入开展巾帼建功活动，全年实现社会消费品零售额4.4亿元，扶持三千余名城乡"
    ...         "妇女创业就业，举办各类技能培训班一百二十期，培训妇女九千余人次。")
    >>> text = chr(10).join(["一、主要工作", *[para[i : i + 24] for i in range(0, len(para), 24)]])
    >>> short, places = WrappedLines(make_table()).compact(text)
    >>> short == "一、主要工作" + chr(10) + para
    True
    >>> WrappedLines(make_table()).compact("一、主要工作" + chr(10) + para) is None
    True
    """

    def __init__(self, table: Any, units: re.Pattern[str] | None = None) -> None:
        self.table = table
        self.units = units
        self._last = threading.local()  # this thread's last text read without a cut: (text, view, breaks)

    def compact(self, text: str) -> tuple[str, list[int]] | None:
        """``(text without its wrapped line breaks, the original place of each character
        kept)``, or None when it has none."""
        self._last.read = None
        if "\n" not in text:
            return None
        view = normalise(text, self.table)
        breaks = continued_lines(view, self.units, layout=text)
        cut = without_spans(
            text, ((i, i + 1) for i in breaks if not (_latin(view[i - 1 : i]) and _latin(view[i + 1 : i + 2])))
        )
        if cut is None:
            self._last.read = (text, view, breaks)
        return cut

    def view_of(self, text: str) -> tuple[str, list[int]] | None:
        """The normalised view of ``text`` and its line breaks inside sentences, where this
        thread's last :meth:`compact` read that very text and cut nothing (the pipeline then
        reads them once, not twice)."""
        last = getattr(self._last, "read", None)
        return (last[1], last[2]) if last is not None and last[0] is text else None

    restore = staticmethod(LetterSpacing.restore)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


class RunningHeaders:
    """A PDF's running header or footer (the report's or the unit's name, printed on every page):
    on a page wrapped at a fixed width (:func:`continued_lines`' measure), a short line without a
    stop or clause mark that stands verbatim three times or more is read as absent (but for its
    first time where that is the title, in the text's first lines), its line break with it (a
    compactor: offsets map back), so that the paragraphs it splits join again. A heading or
    caption that recurs (主要做法 under each section) is not on a wrapped page's every page; a
    text that is not wrapped is left alone.

    >>> body = "全县各级妇联组织深入开展巾帼建功活动，全年发放妇女小额担保贷款共计四亿元，扶持"
    >>> head = "某县妇联工作总结"
    >>> text = chr(10).join([head, body, body, head, body, body, head, body, body, head, body + "。"])
    >>> short, places = RunningHeaders().compact(text)
    >>> short.count("某县妇联工作总结"), len(places) == len(short)
    (1, True)
    """

    MIN_REPEATS = 3
    TITLE_LINES = 3  # lines at the top where a repeated line is the title
    MAX_CHARS = 40
    MIN_CHARS = 4
    STOPS = frozenset("。！？；，,;：:")

    def compact(self, text: str) -> tuple[str, list[int]] | None:
        """``(text without the repeats of its running header lines, the original place of each
        character kept)``, or None when it has none."""
        if text.count("\n") < 2 * self.MIN_REPEATS:
            return None
        lines = text.split("\n")
        counts: dict[str, int] = {}
        for line in lines:
            key = line.strip()
            if self.MIN_CHARS <= len(key) <= self.MAX_CHARS and not self.STOPS.intersection(key):
                counts[key] = counts.get(key, 0) + 1
        repeated = {key for key, n in counts.items() if n >= self.MIN_REPEATS}
        if not repeated or _wrap_width([_width(line.rstrip()) for line in lines]) is None:
            return None
        # a title at the text's top that the pages repeat stays once, as the title
        titles = {line.strip() for line in lines[: self.TITLE_LINES]}
        cuts: list[tuple[int, int]] = []
        seen: set[str] = set()
        at = 0
        for line in lines:
            key = line.strip()
            if key in repeated:
                if key in seen or key not in titles:
                    # the line and its line break (the last line: the break before it)
                    end = at + len(line)
                    cuts.append((at, end + 1) if end < len(text) else (at - 1, end))
                seen.add(key)
            at += len(line) + 1
        return without_spans(text, cuts)

    restore = staticmethod(LetterSpacing.restore)


class GluedParagraphs:
    r"""A text whose paragraphs were glued into one line, a space where each broke (as document
    sites and search snippets serve them: ``…工作总结 我镇妇联在…如下。 一、加强学习教育 一年来，…``):
    the view reads those spaces as line breaks (same length, same offsets), so that headings,
    paragraph heads and their frames read as in the text the page was made from
    (``[glued_paragraphs]`` of numbers.toml). A text with its line breaks is left alone.

    >>> from zhreport_extract.patterns import GluedParagraphsRule
    >>> rule = GluedParagraphsRule(min_chars=20, chars_per_break=400, pattern=r"(?<=[。：])[ ]+(?=\S)|[ ]+(?=[一二三]、)")
    >>> GluedParagraphs(rule).read("全年主要做了以下工作： 一、加强学习。举办培训班3期。 二、维护权益。")
    '全年主要做了以下工作：\n一、加强学习。举办培训班3期。\n二、维护权益。'
    """

    def __init__(self, rule: GluedParagraphsRule | None) -> None:
        self.rule = rule
        self._pattern = None if rule is None else regex.compile(rule.pattern)
        self._signal = None if rule is None else regex.compile(rule.signal)

    def read(self, view: str) -> str:
        """``view`` with the spaces that stood for its lost line breaks made line breaks."""
        rule = self.rule
        if rule is None or self._pattern is None or self._signal is None or len(view) < rule.min_chars:
            return view
        if view.count("\n") * rule.chars_per_break > len(view) and self._signal.search(view) is None:
            return view
        return str(self._pattern.sub(lambda m: "\n" * len(m.group()), view))


def join_wrapped_lines(view: str, units: re.Pattern[str] | None = None) -> str:
    """``view`` with each line break inside a sentence (:func:`continued_lines`) made a space,
    so that sentences, clauses and quantities read across it (same length, same offsets).
    ``units``: :func:`unit_head`, to read a number that ends a line on into its unit."""
    return join_at(view, continued_lines(view, units) if "\n" in view else [])


def join_at(view: str, breaks: list[int]) -> str:
    """``view`` with a space at each of ``breaks`` (line breaks inside a sentence)."""
    if not breaks:
        return view
    chars = list(view)
    for i in breaks:
        chars[i] = " "
    return "".join(chars)


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per line (empty lines skipped), offsets into ``text``."""
    paragraphs: list[Paragraph] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            paragraphs.append(Paragraph(start=start, end=end, heading=is_heading_line(line)))
        start = end + 1
    return paragraphs


@functools.cache
def _marks(stops: frozenset[str]) -> re.Pattern[str]:
    """The characters :func:`_boundaries` acts on; it skips every other one."""
    return re.compile("[" + "".join(map(re.escape, sorted(set(OPENERS) | set(CLOSERS) | stops))) + "]")


def _boundaries(text: str, start: int, end: int, stops: frozenset[str]) -> Iterator[tuple[int, int]]:
    stack: list[tuple[str, int]] = []
    piece = start
    for mark in _marks(stops).finditer(text, start, end):
        # characters in between change nothing; the nesting limit is checked at the next mark,
        # which clears the same stack it would have cleared earlier
        i = mark.start()
        ch = text[i]
        if stack and i - stack[-1][1] > MAX_NESTING_SPAN:
            stack.clear()  # an unclosed quote must not swallow the paragraph
        if ch == "“" and stack and stack[-1][0] == "”":
            stack.pop()  # “A“: a second opening double quote where its closer is due closes it (a typo)
        elif ch in OPENERS and not (ch == "‘" and stack and stack[-1][0] == "“"):
            stack.append((OPENERS[ch], i))
        elif stack and ch == stack[-1][0]:
            stack.pop()
        elif ch in CLOSERS:
            stack.clear()
        elif ch in stops and not stack:
            yield piece, i + 1
            piece = i + 1
    if piece < end:
        yield piece, end


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``: they end at 。！？； and at line ends, never inside quotes."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text, start, end):
        for s, e in _boundaries(text, line_start, line_end, SENTENCE_END):
            if text[s:e].strip():
                out.append((s, e))
    return out


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of one sentence: they end at ，、： outside quotes and brackets."""
    return list(_boundaries(text, start, end, CLAUSE_END))


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            yield pos, end
            return
        yield pos, nl
        pos = nl + 1


class WordSegmenter:
    """jieba words with POS tags, from a :class:`~zhreport_extract.lexicon.Lexicon` this object
    owns (never jieba's global tokenizer).

    The lexicon loads on first use, so building an extractor stays cheap.
    """

    def __init__(self, user_dict: Path | None = None) -> None:
        self._user_dict = user_dict
        self._lexicon: Lexicon | None = None
        self._tokenizer: object | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, int, str], ...]] = {}
        # the texts cut last, with their words and restarts (Lexicon.cut_with_restarts): a text that
        # ends one of them, from a restart, takes its words from there (the metric cuts a phrase,
        # then the end of it from a word it chose)
        self._recent: list[tuple[str, tuple[tuple[int, int, str], ...], tuple[int, ...]]] = []
        # the last words shifted by a start: (start, the cached words, shifted)
        self._last_shifted: tuple[int, tuple[tuple[int, int, str], ...], tuple[tuple[int, int, str], ...]] = (-1, (), ())

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = load_lexicon(self._user_dict)
        return self._lexicon

    def words(self, text: str, start: int = 0) -> list[tuple[int, int, str]]:
        """``(start, end, pos)`` of each word of ``text``, offsets shifted by ``start``."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cut(text)
            if len(self._cache) >= WORD_CACHE_SIZE:
                self._cache.clear()  # a crude bound; the clauses of one corpus repeat within a stretch
            self._cache[text] = cached
        if start == 0:
            return list(cached)
        if self._last_shifted[0] == start and self._last_shifted[1] is cached:
            return list(self._last_shifted[2])  # the same words asked again (the metric reads a phrase thrice)
        shifted = [(s + start, e + start, flag) for s, e, flag in cached]
        self._last_shifted = (start, cached, tuple(shifted))
        return shifted

    def _cut(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """The words of ``text``: those of a text cut last that ends with it from a restart, else
        the lexicon's cut (kept with its restarts)."""
        n = len(text)
        for earlier, words, restarts in self._recent:
            skip = len(earlier) - n
            if skip > 0 and earlier.endswith(text):
                k = bisect.bisect_left(restarts, skip)
                if k < len(restarts) and restarts[k] == skip:
                    first = bisect.bisect_left(words, (skip,))
                    return tuple([(s - skip, e - skip, flag) for s, e, flag in words[first:]])
        found: list[int] = []
        cut = tuple(self.lexicon.cut_with_restarts(text, found))
        if len(self._recent) >= RECENT_CUTS:
            del self._recent[0]
        self._recent.append((text, cut, tuple(found)))
        return cut

    @property
    def tokenizer(self) -> object:
        """A ``jieba.Tokenizer`` of its own on the same dictionary, for code that wants jieba's API
        (the extractor itself cuts with :attr:`lexicon`)."""
        if self._tokenizer is None:
            self._tokenizer = self.lexicon.jieba_tokenizer()
        return self._tokenizer


WHOLE_STOP = regex.compile(r"(?r)[。！？!?]")  # what ends a whole sentence, searched backwards
# a whole sentence is read back at most this far (a page without stops is no sentence: the
# stages read near each fact, not back to the start of a megabyte line)
WHOLE_SENTENCE_REACH = 4000


def whole_sentence_start(view: str, paragraph_start: int, pos: int) -> int:
    """Where the whole sentence (up to 。！？, over ；) that holds ``pos`` starts, within its
    paragraph: after the last stop before ``pos``, found by one search backwards from ``pos``
    (a search for each stop would read the paragraph back to its start for every stop it lacks).

    >>> whole_sentence_start("甲。乙；丙", 0, 4)
    2
    >>> whole_sentence_start("甲。乙；丙", 2, 2)
    2
    """
    lo = max(paragraph_start, pos - WHOLE_SENTENCE_REACH)
    stop = WHOLE_STOP.search(view, lo, pos)
    return stop.end() if stop is not None else lo


WORD_CACHE_SIZE = 20_000  # texts whose words WordSegmenter remembers
RECENT_CUTS = 4  # texts cut last whose ends WordSegmenter reads without cutting them again
