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

import functools
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import regex

from .lexicon import Lexicon, load_lexicon
from .records import Paragraph

SENTENCE_END = frozenset("。！？；!?;")
CLAUSE_END = frozenset("，、：,:")
OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕", "［": "］"}
CLOSERS = {v: k for k, v in OPENERS.items()}
MAX_NESTING_SPAN = 200  # an unclosed bracket stops protecting after this many characters

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
INLINE_HEADING = regex.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]")


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
        first = regex.split(r"[。！？；]", stripped, maxsplit=1)[0]
        return len(first) <= 40 or "。" not in stripped
    return False


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
        if ch in OPENERS and not (ch == "‘" and stack and stack[-1][0] == "“"):
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
            cached = tuple(self.lexicon.cut(text))
            if len(self._cache) >= WORD_CACHE_SIZE:
                self._cache.clear()  # a crude bound; the clauses of one corpus repeat within a stretch
            self._cache[text] = cached
        if start == 0:
            return list(cached)
        return [(s + start, e + start, flag) for s, e, flag in cached]

    @property
    def tokenizer(self) -> object:
        """A ``jieba.Tokenizer`` of its own on the same dictionary, for code that wants jieba's API
        (the extractor itself cuts with :attr:`lexicon`)."""
        if self._tokenizer is None:
            self._tokenizer = self.lexicon.jieba_tokenizer()
        return self._tokenizer


WORD_CACHE_SIZE = 20_000  # texts whose words WordSegmenter remembers
