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
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

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
    """jieba words with POS tags from a tokenizer this object owns (never jieba's global one).

    The dictionary loads on first use, so building an extractor stays cheap.
    """

    def __init__(self, user_dict: Path | None = None) -> None:
        self._user_dict = user_dict
        self._tagger: object | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, int, str], ...]] = {}

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
                    self._tagger = pos_tokenizer_class()(tokenizer)
        return self._tagger

    def words(self, text: str, start: int = 0) -> list[tuple[int, int, str]]:
        """``(start, end, pos)`` of each word of ``text``, offsets shifted by ``start``."""
        cached = self._cache.get(text)
        if cached is None:
            tagger = self._get()
            found: list[tuple[int, int, str]] = []
            pos = 0
            for pair in tagger.cut(text, HMM=True):  # type: ignore[attr-defined]
                found.append((pos, pos + len(pair.word), pair.flag))
                pos += len(pair.word)
            cached = tuple(found)
            if len(self._cache) >= WORD_CACHE_SIZE:
                self._cache.clear()  # a crude bound; the clauses of one corpus repeat within a stretch
            self._cache[text] = cached
        if start == 0:
            return list(cached)
        return [(s + start, e + start, flag) for s, e, flag in cached]

    @property
    def tokenizer(self) -> object:
        """The owned ``jieba.Tokenizer`` (for the spaCy pipeline)."""
        return self._get().tokenizer  # type: ignore[attr-defined]


# --- jieba's part-of-speech HMM, the same answers faster ----------------------------

WORD_CACHE_SIZE = 20_000  # texts whose words WordSegmenter remembers
ROUTE_CACHE_SIZE = 50_000  # unknown-word runs whose POS route the tagger remembers
_MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi's score of an unseen emission


def viterbi_pos(
    obs: str, states: Mapping[str, Sequence[Any]], start_p: Mapping[Any, float],
    trans_p: Mapping[Any, Mapping[Any, float]], emit_p: Mapping[Any, Mapping[str, float]],
) -> tuple[float, list[Any]]:
    """``jieba.posseg.viterbi`` with the same answer, scores and ties included.

    jieba tries every previous state against every next one (256 x 256 for a character
    its table does not know); this follows only the transitions the model has, about 20
    per state. Every state jieba keeps at a step has such a transition, so the best
    score of each state and the tie-break (the larger previous state) are unchanged, and
    each score is summed in jieba's order (previous + transition + emission).

    >>> import jieba.posseg as p
    >>> args = (p.char_state_tab_P, p.start_P, p.trans_P, p.emit_P)
    >>> viterbi_pos("亘富美凯龙", *args) == p.viterbi("亘富美凯龙", *args)
    True
    """
    all_states = trans_p.keys()
    first = obs[0]
    score = {y: start_p[y] + emit_p[y].get(first, _MIN_FLOAT) for y in states.get(first, all_states)}
    back: list[dict[Any, Any]] = [dict.fromkeys(score, "")]
    for t in range(1, len(obs)):
        ch = obs[t]
        prev = [(y0, score[y0], trans_p[y0]) for y0 in back[-1] if trans_p[y0]]
        expected: set[Any] = set()
        for _, _, nxt in prev:
            expected.update(nxt)
        allowed = set(states.get(ch, all_states)) & expected or expected or set(all_states)
        emit: dict[Any, float] = {}
        best: dict[Any, float] = {}
        came: dict[Any, Any] = {}
        for y0, v0, nxt in prev:
            for y, tr in nxt.items():
                if y not in allowed:
                    continue
                e = emit.get(y)
                if e is None:
                    e = emit[y] = emit_p[y].get(ch, _MIN_FLOAT)
                v = v0 + tr + e
                b = best.get(y)
                if b is None or v > b or (v == b and y0 > came[y]):
                    best[y] = v
                    came[y] = y0
        if not came:
            raise ValueError(f"no state path through {obs!r} at {t}")  # where jieba's max() fails too
        score = best
        back.append(came)
    prob, state = max((score[y], y) for y in back[-1])
    route: list[Any] = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = back[i][state]
    return prob, route


@functools.cache
def pos_tokenizer_class() -> type:
    """``jieba.posseg.POSTokenizer`` with :func:`viterbi_pos` for the unknown words."""
    import jieba.posseg as posseg

    class POSTokenizer(posseg.POSTokenizer):  # type: ignore[misc]
        _routes: dict[str, list[Any]] = {}  # unknown-word run -> its Viterbi route (the model is global)

        def _POSTokenizer__cut(self, sentence: str) -> Iterator[Any]:
            # jieba.posseg.POSTokenizer.__cut, with the faster Viterbi and its answers remembered
            pos_list = self._routes.get(sentence)
            if pos_list is None:
                _, pos_list = viterbi_pos(
                    sentence, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P
                )
                if len(self._routes) >= ROUTE_CACHE_SIZE:
                    self._routes.clear()
                self._routes[sentence] = pos_list
            begin, nexti = 0, 0
            for i, char in enumerate(sentence):
                pos = pos_list[i][0]
                if pos == "B":
                    begin = i
                elif pos == "E":
                    yield posseg.pair(sentence[begin : i + 1], pos_list[i][1])
                    nexti = i + 1
                elif pos == "S":
                    yield posseg.pair(char, pos_list[i][1])
                    nexti = i + 1
            if nexti < len(sentence):
                yield posseg.pair(sentence[nexti:], pos_list[nexti][1])

    return POSTokenizer
