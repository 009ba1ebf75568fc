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

import threading
from collections.abc import Iterator
from pathlib import Path

import regex

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


def _boundaries(text: str, start: int, end: int, stops: frozenset[str]) -> Iterator[tuple[int, int]]:
    stack: list[tuple[str, int]] = []
    piece = start
    for i in range(start, end):
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
    """jieba words with POS tags from a tokenizer this object owns (never jieba's global one).

    The dictionary loads on first use, so building an extractor stays cheap.
    """

    def __init__(self, user_dict: Path | None = None) -> None:
        self._user_dict = user_dict
        self._tagger: object | None = None
        self._lock = threading.Lock()

    def _get(self) -> object:
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    import logging

                    import jieba
                    import jieba.posseg

                    jieba.setLogLevel(logging.WARNING)
                    tokenizer = jieba.Tokenizer()
                    if self._user_dict is not None:
                        tokenizer.load_userdict(str(self._user_dict))
                    self._tagger = jieba.posseg.POSTokenizer(tokenizer)
        return self._tagger

    def words(self, text: str, start: int = 0) -> list[tuple[int, int, str]]:
        """``(start, end, pos)`` of each word of ``text``, offsets shifted by ``start``."""
        tagger = self._get()
        out: list[tuple[int, int, str]] = []
        pos = start
        for pair in tagger.cut(text, HMM=True):  # type: ignore[attr-defined]
            word, flag = pair.word, pair.flag
            out.append((pos, pos + len(word), flag))
            pos += len(word)
        return out

    @property
    def tokenizer(self) -> object:
        """The owned ``jieba.Tokenizer`` (for the spaCy pipeline)."""
        return self._get().tokenizer  # type: ignore[attr-defined]
