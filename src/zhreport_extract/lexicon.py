"""Lexicon: jieba's dictionary, word tags and part-of-speech model, loaded fast; words with tags.

jieba's own start-up reads its prefix dictionary from a marshal cache (about 1.4 s on the
development machine), and importing ``jieba.posseg`` reads the dictionary a second time for
the tags, once more for jieba's global tokenizer, and builds the HMM tables from Python
source (together about 2 s and 150 MB). The lexicon holds the same data once — the prefix
dictionary with frequencies, each word's tag and the HMM — merged with the project's user
dictionary, and keeps it as one file of marshal data (dicts, tuples, strings and numbers:
nothing in it is run when it is read, unlike a pickle) in the user's cache directory, so
that a later process loads it in a fraction of the time. The answers are jieba's: :meth:`Lexicon.cut`
gives the words and flags of ``jieba.posseg.POSTokenizer(tokenizer).cut(text, HMM=True)``
for a tokenizer with the same user dictionary (``tests/test_lexicon.py`` compares them on
the shared reports).

The cache directory is ``$ZHREPORT_EXTRACT_CACHE`` if set (``off`` keeps no cache), else
the platform's user cache directory (``platformdirs``). It is used only when it is a real
directory (not a symlink) of the current user's that nobody else may write; else the
lexicon is built in memory and a :class:`CacheWarning` says why. A cache file is opened
without following a symlink and without blocking, and read only when it is a regular file
of the user's own that nobody else can write; one that does not load is rebuilt. Files of
older formats and lexicons long unused are removed.

>>> lexicon = load_lexicon(None)
>>> lexicon.cut("妇联举办培训3场")
[(0, 2, 'j'), (2, 4, 'v'), (4, 6, 'vn'), (6, 7, 'm'), (7, 8, 'n')]
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import importlib.util
import io
import logging
import marshal
import os
import pickle
import re
import secrets
import sys
import time
import warnings
from math import log
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from stat import S_ISREG
from typing import Any

from .patterns import read_pattern_file

log_ = logging.getLogger(__name__)

CACHE_FORMAT = 2  # 1 was a pickle; 2 is marshal data (nothing in it can run)
CACHE_SUFFIX = ".marshal"
CACHE_ENV = "ZHREPORT_EXTRACT_CACHE"
ROUTE_CACHE_SIZE = 50_000  # unknown-word runs whose HMM route is remembered

# jieba.posseg's block patterns, kept as they are (they decide where the dictionary is used)
_HAN_INTERNAL = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile(r"[\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")

Word = tuple[int, int, str]  # start, end, flag


class Lexicon:
    """Prefix dictionary (word -> frequency, 0 for a bare prefix), word tags and the HMM."""

    def __init__(
        self, freq: dict[str, int], total: int, tags: dict[str, str], hmm: tuple[Any, Any, Any, Any],
    ) -> None:
        self.freq = freq
        self.total = total
        self.tags = tags
        self.states, self.start_p, self.trans_p, self.emit_p = hmm
        self._log_total = log(total)
        self._routes: dict[str, list[Any]] = {}
        self._state_sets: dict[str, frozenset[Any]] = {}
        self._tables: StateTables | None = None  # built on the first run the HMM reads
        self._tables_built = False
        self._emitters: dict[str, frozenset[Any]] = {}
        self._rare_fast_path = True

    @property
    def rare_fast_path(self) -> bool:
        """The fast path for characters outside the HMM's state table (see :meth:`_cut_hmm`),
        on by default. Off, the words are jieba's on every text, at ~100 times the cost per
        character on runs of such characters."""
        return self._rare_fast_path

    @rare_fast_path.setter
    def rare_fast_path(self, on: bool) -> None:
        if on != self._rare_fast_path:
            self._routes.clear()  # routes found the other way
        self._rare_fast_path = on

    def cut(self, text: str) -> list[Word]:
        """``(start, end, flag)`` of each word of ``text``, as jieba.posseg cuts and tags it."""
        return self.cut_with_restarts(text, None)

    def cut_with_restarts(self, text: str, restarts: list[int] | None) -> list[Word]:
        """:meth:`cut`; ``restarts`` (when given) receives, in order, offsets ``p`` of word starts
        after which the text is cut as it would be on its own: the words of ``text[p:]`` are
        those of ``text`` from ``p`` on, shifted by ``p``. These are the starts of the words
        outside the dictionary blocks (one per character, or a line break), and the places of a
        block that jieba's best route passes through with no run of single characters pending:
        the route from a place depends only on the block from there to its end (it is scored
        backwards), and a run of single characters (read by the HMM as one) opens there."""
        out: list[Word] = []
        pos = 0
        for i, block in enumerate(_HAN_INTERNAL.split(text)):
            if i % 2:  # split() puts the matches at odd places
                self._cut_dag(block, pos, out, restarts)
                pos += len(block)
                continue
            for piece in _SKIP_INTERNAL.split(block):
                if _SKIP_INTERNAL.match(piece):
                    if restarts is not None:
                        restarts.append(pos)
                    out.append((pos, pos + len(piece), "x"))
                    pos += len(piece)
                    continue
                eng = _ENG.match(piece) is not None  # jieba tests the whole piece here
                if restarts is not None and piece:
                    # (a piece read as English, which no place in it but its start begins on its own)
                    restarts.extend([pos] if eng else range(pos, pos + len(piece)))
                for ch in piece:
                    out.append((pos, pos + 1, "m" if _NUM.match(ch) else "eng" if eng else "x"))
                    pos += 1
        return out

    def _cut_dag(self, block: str, pos: int, out: list[Word], restarts: list[int] | None = None) -> None:
        """Dictionary words by jieba's best route; runs of single characters go to the HMM.
        ``restarts``: see :meth:`cut_with_restarts`."""
        freq, tags = self.freq, self.tags
        n = len(block)
        score = [0.0] * (n + 1)  # best route from each position on: its score and first word's end
        upto = [0] * (n + 1)
        log_total = self._log_total
        get = freq.get
        for k in range(n - 1, -1, -1):  # jieba's get_DAG and calc in one backward pass
            best_v: float | None = None
            best_i = k
            i = k
            f = get(block[k])
            while f is not None:  # the words starting at k, shortest first
                if f:
                    v = log(f) - log_total + score[i + 1]
                    if best_v is None or v >= best_v:  # a tie goes to the longer word, as in jieba
                        best_v, best_i = v, i
                i += 1
                if i >= n:
                    break
                f = get(block[k : i + 1])
            if best_v is None:
                best_v = log(get(block[k]) or 1) - log_total + score[k + 1]
            score[k], upto[k] = best_v, best_i
        x = 0
        buf_start = -1
        while x < n:
            if restarts is not None and buf_start < 0:
                restarts.append(pos + x)
            y = upto[x] + 1
            if y - x == 1:
                if buf_start < 0:
                    buf_start = x
            else:
                if buf_start >= 0:
                    self._flush(block, buf_start, x, pos, out)
                    buf_start = -1
                out.append((pos + x, pos + y, tags.get(block[x:y], "x")))
            x = y
        if buf_start >= 0:
            self._flush(block, buf_start, n, pos, out)

    def _flush(self, block: str, start: int, end: int, pos: int, out: list[Word]) -> None:
        buf = block[start:end]
        if len(buf) == 1:
            out.append((pos + start, pos + end, self.tags.get(buf, "x")))
        elif not self.freq.get(buf):
            self._cut_detail(buf, pos + start, out)
        else:
            for j, ch in enumerate(buf):
                out.append((pos + start + j, pos + start + j + 1, self.tags.get(ch, "x")))

    def _cut_detail(self, buf: str, pos: int, out: list[Word]) -> None:
        for i, block in enumerate(_HAN_DETAIL.split(buf)):
            if i % 2:
                self._cut_hmm(block, pos, out)
                pos += len(block)
                continue
            for piece in _SKIP_DETAIL.split(block):
                if piece:
                    flag = "m" if _NUM.match(piece) else "eng" if _ENG.match(piece) else "x"
                    out.append((pos, pos + len(piece), flag))
                    pos += len(piece)

    def emitters(self, ch: str) -> frozenset[Any]:
        """The HMM states that can emit ``ch`` (remembered per character)."""
        found = self._emitters.get(ch)
        if found is None:
            if len(self._emitters) >= ROUTE_CACHE_SIZE:
                self._emitters.clear()
            found = self._emitters[ch] = frozenset(y for y, table in self.emit_p.items() if ch in table)
        return found

    def _cut_hmm(self, run: str, pos: int, out: list[Word]) -> None:
        """The HMM's words of a run of Han characters outside the dictionary's words.

        The fast path for rare characters: a character the HMM knows not at all (in no state's
        table and emitted by no state) scores -3.14e100 in every state; added to that, every
        other score and transition is lost to rounding, so from there on jieba's route is
        decided by its tie-break, not by the model, and each such character costs a step over
        all 256 states and 5,218 transitions (~3 ms, a hundred times a common character). Such
        a character is cut out as a word of its own (flag ``x``) and the HMM reads the pieces
        between; jieba's route differs only in runs that hold one. A character in no state's
        table that some states emit is read by those states alone (the others score -3.14e100
        there and never make the best route), so it costs what a common character does."""
        states = self.states
        if self._rare_fast_path and any(ch not in states for ch in run):
            cut = [i for i, ch in enumerate(run) if ch not in states and not self.emitters(ch)]
            if cut:
                at = 0
                for i in cut:
                    if i > at:
                        self._cut_hmm(run[at:i], pos + at, out)
                    out.append((pos + i, pos + i + 1, self.tags.get(run[i], "x")))
                    at = i + 1
                if at < len(run):
                    self._cut_hmm(run[at:], pos + at, out)
                return
        self._route(run, pos, out)

    def _route(self, run: str, pos: int, out: list[Word]) -> None:
        states = self._routes.get(run)
        if states is None:
            if not self._tables_built:
                self._tables = StateTables.of(self.states, self.start_p, self.trans_p, self.emit_p)
                self._tables_built = True
            _, states = viterbi_pos(
                run, self.states, self.start_p, self.trans_p, self.emit_p, self._state_sets,
                self.emitters if self._rare_fast_path else None, self._tables,
            )
            if len(self._routes) >= ROUTE_CACHE_SIZE:
                self._routes.clear()
            self._routes[run] = states
        begin = nexti = 0
        for i, (bmes, flag) in enumerate(states):
            if bmes == "B":
                begin = i
            elif bmes == "E":
                out.append((pos + begin, pos + i + 1, flag))
                nexti = i + 1
            elif bmes == "S":
                out.append((pos + i, pos + i + 1, flag))
                nexti = i + 1
        if nexti < len(run):
            out.append((pos + nexti, pos + len(run), states[nexti][1]))

    def jieba_tokenizer(self) -> Any:
        """A ``jieba.Tokenizer`` of its own holding this dictionary (never jieba's global one)."""
        import jieba

        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = self.freq, self.total, True
        return tokenizer


_MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi's score of an unseen emission
_FEW_STATES = 24  # a character with fewer states than this looks its transitions up one by one


def viterbi_pos(
    obs: str, states: Mapping[str, Sequence[Any]], start_p: Mapping[Any, float],
    trans_p: Mapping[Any, Mapping[Any, float]], emit_p: Mapping[Any, Mapping[str, float]],
    state_sets: dict[str, frozenset[Any]] | None = None,
    emitters: Callable[[str], frozenset[Any]] | None = None,
    tables: StateTables | None = None,
) -> tuple[float, list[Any]]:
    """``jieba.posseg.viterbi`` with the same answer, scores and ties included.

    jieba scores every state a character may take against every state kept at the step
    before (40 x 40 for a common character, 256 x 256 for one its table does not know).
    Here each kept state follows only the transitions the model has (about 20), keeping
    those that lead to a state the character may take (``state_sets``: the states of each
    character as a set, filled as characters come). Every state jieba keeps at a step has
    such a transition, so the best score of each state and the tie-break (the larger
    previous state) are unchanged, and each score is summed in jieba's order (previous +
    transition + emission).

    ``emitters`` (the states that emit a character) is the fast path for rare characters: a
    character in no state's table is tried in the states that emit it (jieba tries all 256;
    the others score -3.14e100 there and make no best route while one of these does); when
    none of them is reachable, the route starts afresh at it. The answer then differs from
    jieba's only where jieba's best route scores -3.14e100, i.e. is decided by its
    tie-break, not by the model (tests/test_lexicon.py compares them on random text).

    ``tables`` (:class:`StateTables` of the same model): a run of characters that all have
    states of their own is first read through them (each state reached from the kept states
    that lead to it, found as bits of one integer); where some step reaches none of the
    character's states, the run is read as above.

    >>> import jieba.posseg as p
    >>> args = (p.char_state_tab_P, p.start_P, p.trans_P, p.emit_P)
    >>> viterbi_pos("亘富美凯龙", *args) == p.viterbi("亘富美凯龙", *args)
    True
    """
    if tables is not None and tables.states is states:
        found = tables.viterbi(obs)
        if found is not None:
            return found
    if state_sets is None:
        state_sets = {}
    all_states = trans_p.keys()
    first = obs[0]
    first_states: Iterable[Any] | None = states.get(first)
    if first_states is None:
        first_states = (emitters(first) if emitters is not None else None) or all_states
    score = {y: start_p[y] + emit_p[y].get(first, _MIN_FLOAT) for y in first_states}
    back: list[dict[Any, Any]] = [dict.fromkeys(score, "")]
    for t in range(1, len(obs)):
        ch = obs[t]
        allowed = state_sets.get(ch)
        emitted = False  # the states are those that emit ch (it is in no state's table)
        if allowed is None and ch in states:
            allowed = state_sets[ch] = frozenset(states[ch])
        elif allowed is None and emitters is not None:
            allowed = emitters(ch) or None
            emitted = allowed is not None
        best: dict[Any, float] = {}
        came: dict[Any, Any] = {}
        emit: dict[Any, float] = {}
        for attempt in (allowed, None):  # the character's own states; if none is reachable, all
            if attempt is None and emitted:
                # No state that emits ch is reachable: every route scores -3.14e100 from here and
                # jieba's answer is its tie-break. The route starts afresh at ch instead, after
                # the best state so far (a step over these states, not over all 256).
                assert allowed is not None
                prev = max(score, key=lambda y: (score[y], y))
                for y in allowed:
                    best[y] = score[prev] + start_p[y] + emit_p[y].get(ch, _MIN_FLOAT)
                    came[y] = prev
                break
            if attempt is not None and len(attempt) < _FEW_STATES:
                # few states to reach (a rare character): look their transitions up instead of
                # walking every transition of every kept state. The same sums, and the same
                # best and tie-break whatever the order.
                for y in attempt:
                    ey: float = emit_p[y].get(ch, _MIN_FLOAT)
                    for y0, v0 in score.items():
                        tr = trans_p[y0].get(y)
                        if tr is None:
                            continue
                        v = v0 + tr + ey
                        b = best.get(y)
                        if b is None or v > b or (v == b and y0 > came[y]):
                            best[y] = v
                            came[y] = y0
                if came:
                    break
                continue
            for y0, v0 in score.items():
                for y, tr in trans_p[y0].items():
                    if attempt is not None and y not in attempt:
                        continue
                    e = emit.get(y)
                    if e is None:
                        e = emit[y] = emit_p[y].get(ch, _MIN_FLOAT)
                    v = v0 + tr + e
                    b = best.get(y)
                    if b is None or v > b or (v == b and y0 > came[y]):
                        best[y] = v
                        came[y] = y0
            if came or attempt is None:
                break
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


class StateTables:
    """The POS model's states numbered in their order, with, for each state, the states that
    lead to it as the bits of one integer: the fast path of :func:`viterbi_pos`.

    A step scores each state the character may take from the states kept at the step before
    that lead to it: the bits both have, larger states first (a tie keeps the larger previous
    state, as jieba's ``max`` does), with the sums of jieba's order (previous + transition +
    emission). jieba walks every transition of every kept state (about 850 a step), of which
    one in six leads to a state the character may take.
    """

    def __init__(
        self, states: Mapping[str, Sequence[Any]], start_p: Mapping[Any, float],
        trans_p: Mapping[Any, Mapping[Any, float]], emit_p: Mapping[Any, Mapping[str, float]],
    ) -> None:
        self.states = states
        self.order: list[Any] = sorted(trans_p)  # numbered in their order: a larger number, a larger state
        number = {y: i for i, y in enumerate(self.order)}
        self._number = number
        self._sources = [0] * len(self.order)  # the states that lead to each, as bits
        self._into: list[dict[int, float]] = [{} for _ in self.order]  # and the transitions' scores
        for y0, row in trans_p.items():
            i0 = number[y0]
            for y, tr in row.items():
                i = number[y]
                self._sources[i] |= 1 << i0
                self._into[i][i0] = tr
        self._emit = [emit_p[y] for y in self.order]
        self._start = [start_p[y] for y in self.order]
        self._of_char: dict[str, tuple[int, ...] | None] = {}

    @classmethod
    def of(
        cls, states: Mapping[str, Sequence[Any]], start_p: Mapping[Any, float],
        trans_p: Mapping[Any, Mapping[Any, float]], emit_p: Mapping[Any, Mapping[str, float]],
    ) -> StateTables | None:
        """The tables, or None for a model they cannot number (states that do not sort, or a
        state some table lacks): :func:`viterbi_pos` then reads every run its own way."""
        try:
            return cls(states, start_p, trans_p, emit_p)
        except (TypeError, KeyError):
            return None

    def _numbers(self, ch: str) -> tuple[int, ...] | None:
        found = self._of_char.get(ch, ())
        if found == ():
            own = self.states.get(ch)
            number = self._number
            found = None if own is None or any(y not in number for y in own) else tuple(dict.fromkeys(number[y] for y in own))
            if len(self._of_char) >= ROUTE_CACHE_SIZE:
                self._of_char.clear()
            self._of_char[ch] = found
        return found

    def viterbi(self, obs: str) -> tuple[float, list[Any]] | None:
        """:func:`viterbi_pos`'s answer, or None where a character has no states of its own or
        a step reaches none of them (the cases its other paths handle)."""
        first = self._numbers(obs[0])
        if not first:
            return None
        emit, start = self._emit, self._start
        ch = obs[0]
        score = {y: start[y] + emit[y].get(ch, _MIN_FLOAT) for y in first}
        kept = 0
        for y in score:
            kept |= 1 << y
        back: list[dict[int, Any]] = [dict.fromkeys(score, "")]
        sources, into = self._sources, self._into
        for t in range(1, len(obs)):
            ch = obs[t]
            own = self._numbers(ch)
            if own is None:
                return None
            best: dict[int, float] = {}
            came: dict[int, int] = {}
            reached = 0
            for y in own:
                common = kept & sources[y]
                if not common:
                    continue
                ey = emit[y].get(ch, _MIN_FLOAT)
                tr = into[y]
                top = common.bit_length() - 1  # the largest kept state that leads here
                common ^= 1 << top
                bv, by = score[top] + tr[top] + ey, top
                while common:
                    top = common.bit_length() - 1
                    common ^= 1 << top
                    v = score[top] + tr[top] + ey
                    if v > bv:  # a tie keeps the larger state, seen first
                        bv, by = v, top
                best[y] = bv
                came[y] = by
                reached |= 1 << y
            if not came:
                return None
            score, kept = best, reached
            back.append(came)
        prob, state = max((score[y], y) for y in back[-1])
        route: list[Any] = [None] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            route[i] = self.order[state]
            state = back[i][state]
        return prob, route


def load_lexicon(user_dict: Path | None) -> Lexicon:
    """The lexicon for ``user_dict``: from the cache when it holds it, else built (and cached).
    Where the cache directory cannot be trusted (see :func:`open_cache_dir`) the lexicon is
    built in memory, with a :class:`CacheWarning` saying why."""
    key = _cache_key(user_dict)
    directory = cache_dir()
    if directory is None:
        return build_lexicon(user_dict)
    dir_fd = open_cache_dir(directory)
    if dir_fd is None:
        return build_lexicon(user_dict)
    try:
        name = f"lexicon-{key}{CACHE_SUFFIX}"
        lexicon = _read(dir_fd, directory, name)
        if lexicon is not None:
            return lexicon
        lexicon = build_lexicon(user_dict)
        _write(dir_fd, directory, name, lexicon)
        _prune(dir_fd, directory, keep=name)
        return lexicon
    finally:
        if dir_fd >= 0:
            os.close(dir_fd)


def build_lexicon(user_dict: Path | None) -> Lexicon:
    """Read jieba's dictionary and HMM tables and add ``user_dict`` as jieba would."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    home = Path(jieba.__file__).parent
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(home / "dict.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word = sys.intern(parts[0])  # interned: the tag table and the cache share the strings
            n = int(parts[1])
            freq[word] = n
            total += n
            if len(parts) > 2:
                tags[word] = sys.intern(parts[2])
            for i in range(1, len(word)):
                freq.setdefault(sys.intern(word[:i]), 0)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    if user_dict is not None:  # jieba's own rules for frequencies and prefixes; the bytes read as a pattern file
        data = io.BytesIO(read_pattern_file(Path(user_dict)))
        data.name = str(user_dict)  # jieba names the file in its errors
        tokenizer.load_userdict(data)
    tags.update({sys.intern(w): sys.intern(t) for w, t in tokenizer.user_word_tag_tab.items()})
    hmm = []
    for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"):
        with open(home / "posseg" / f"{name}.p", "rb") as f:  # jieba's own tables, as jieba ships them
            hmm.append(pickle.load(f))  # noqa: S301 - a file of the installed jieba package
    return Lexicon(tokenizer.FREQ, tokenizer.total, tags, (hmm[0], hmm[1], hmm[2], hmm[3]))


def cache_dir() -> Path | None:
    """Where lexicons are cached, or None when caching is off: ``$ZHREPORT_EXTRACT_CACHE``
    (``off`` keeps none), else the platform's user cache directory (platformdirs:
    ``$XDG_CACHE_HOME/zhreport_extract`` or ``~/.cache/zhreport_extract`` on Linux,
    ``~/Library/Caches/zhreport_extract`` on macOS, ``%LOCALAPPDATA%\\zhreport_extract\\Cache``
    on Windows)."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("zhreport_extract", appauthor=False))


def _jieba_home() -> Path:
    """Where the installed jieba package lives, found without importing it (0.3 s: it imports
    pkg_resources) when the lexicon comes from the cache."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed: pip install jieba")
    return Path(spec.origin).parent


def _cache_key(user_dict: Path | None) -> str:
    home = _jieba_home()
    try:
        version = importlib.metadata.version("jieba")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(f"{CACHE_FORMAT} {version} {sys.version_info[:2]}".encode())
    for name in ("dict.txt", "posseg/char_state_tab.p", "posseg/prob_start.p", "posseg/prob_trans.p", "posseg/prob_emit.p"):
        stat = (home / name).stat()
        digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}".encode())
    if user_dict is not None:
        digest.update(read_pattern_file(Path(user_dict)))  # a regular file of bounded size only
    return digest.hexdigest()[:20]


class CacheWarning(UserWarning):
    """The lexicon cache was not used (not trusted, or not readable): the lexicon is built in
    memory, which costs a second or two in each process."""


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NON_BLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_DIR_FD = os.open in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")  # POSIX: names are opened inside the directory's fd
MAX_CACHE_BYTES = 200_000_000  # a lexicon file is about 12 MB; anything far larger is not one
KEEP_FILES = 8  # lexicons (one per user dictionary) kept in the cache directory; the oldest go
STALE_SECONDS = 30 * 24 * 3600  # a lexicon file unused this long is removed
STALE_TMP_SECONDS = 3600  # a half-written file left by a killed process


def _untrusted(stat: os.stat_result, what: str) -> str | None:
    """Why a cache directory or file of this ``lstat``/``fstat`` must not be used, or None."""
    getuid = getattr(os, "getuid", None)
    if getuid is not None and stat.st_uid != getuid():
        return f"the {what} belongs to another user (uid {stat.st_uid})"
    if os.name == "posix" and stat.st_mode & 0o022:
        return f"the {what} may be written by others (mode {stat.st_mode & 0o777:o})"
    return None


def open_cache_dir(directory: Path) -> int | None:
    """The cache directory, made if missing (mode 0700) and checked: a real directory (not a
    symlink), the user's own, writable by nobody else. Its file descriptor on POSIX (names
    are then opened inside it, so the directory cannot be swapped between check and use), -1
    elsewhere; None, with a CacheWarning, when it cannot be used."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _DIR_FD:
            fd = os.open(directory, os.O_RDONLY | _DIRECTORY | _NO_FOLLOW | _CLOEXEC)
            try:
                stat = os.fstat(fd)
            except BaseException:
                os.close(fd)
                raise
        else:
            if directory.is_symlink():
                raise NotADirectoryError(f"{directory} is a symbolic link")
            fd, stat = -1, os.lstat(directory)
    except OSError as exc:
        _warn(f"lexicon cache directory {directory} not usable ({type(exc).__name__}: {exc})")
        return None
    reason = _untrusted(stat, "directory")
    if reason is not None:
        if fd >= 0:
            os.close(fd)
        _warn(f"lexicon cache directory {directory} not used: {reason}")
        return None
    return fd


def _warn(message: str) -> None:
    warnings.warn(f"{message}; the lexicon is built in memory", CacheWarning, stacklevel=4)


def _open_at(dir_fd: int, directory: Path, name: str, flags: int, mode: int = 0o600) -> int:
    if dir_fd >= 0:
        return os.open(name, flags | _CLOEXEC | _BINARY, mode, dir_fd=dir_fd)
    return os.open(directory / name, flags | _CLOEXEC | _BINARY, mode)


def _read(dir_fd: int, directory: Path, name: str) -> Lexicon | None:
    """The lexicon in the cache file ``name``, or None. The file is opened without following a
    symlink and without blocking (a FIFO planted there neither hangs nor is read), and read
    only when it is a regular file of the user's own that nobody else may write. It holds
    marshal data: plain dicts, tuples, strings and numbers; nothing in it is run."""
    path = directory / name
    try:
        fd = _open_at(dir_fd, directory, name, os.O_RDONLY | _NO_FOLLOW | _NON_BLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:  # ELOOP: a symlink stands at the name
        warnings.warn(f"lexicon cache {path} not read ({type(exc).__name__}: {exc}); rebuilding it", CacheWarning, stacklevel=3)
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            stat = os.fstat(f.fileno())
            if not S_ISREG(stat.st_mode):
                reason: str | None = "it is not a regular file"
            elif stat.st_size > MAX_CACHE_BYTES:
                reason = f"it is too large ({stat.st_size} bytes)"
            else:
                reason = _untrusted(stat, "file")
            if reason is not None:
                warnings.warn(f"lexicon cache {path} not read: {reason}; rebuilding it", CacheWarning, stacklevel=3)
                return None
            data = f.read(MAX_CACHE_BYTES + 1)
        collecting = gc.isenabled()
        gc.disable()  # a million new strings and ints: the collector would only slow this
        try:
            payload = marshal.loads(data)
        finally:
            if collecting:
                gc.enable()
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log_.warning("lexicon cache %s does not load (%s: %s); rebuilding it", path, type(exc).__name__, exc)
        return None
    if not _well_formed(payload):
        log_.warning("lexicon cache %s holds something else; rebuilding it", path)
        return None
    _, freq, total, tags, hmm = payload
    return Lexicon(freq, total, tags, hmm)


def _well_formed(payload: Any) -> bool:
    """The shape :func:`_write` gives: (format, freq dict, total int, tags dict, 4 HMM dicts)."""
    return (
        isinstance(payload, tuple) and len(payload) == 5 and payload[0] == CACHE_FORMAT
        and isinstance(payload[1], dict) and isinstance(payload[2], int) and isinstance(payload[3], dict)
        and isinstance(payload[4], tuple) and len(payload[4]) == 4 and all(isinstance(t, dict) for t in payload[4])
    )


def _write(dir_fd: int, directory: Path, name: str, lexicon: Lexicon) -> None:
    """Write the cache file: a new file of mode 0600 (never following a link), renamed over
    ``name`` when complete, so a reader sees the old file or the new one, never half of one."""
    # Written as plain (not interned) strings: marshal interns an interned string again when
    # it reads it, which costs half as much time again as the rest of the load. Each word is
    # one object, in both tables (marshal 4 writes a shared object once).
    plain = {w: (w + "\x00")[:-1] for w in lexicon.freq}
    freq = {plain[w]: n for w, n in lexicon.freq.items()}
    tags = {plain.get(w, w): t for w, t in lexicon.tags.items()}
    payload = (CACHE_FORMAT, freq, lexicon.total, tags, (lexicon.states, lexicon.start_p, lexicon.trans_p, lexicon.emit_p))
    tmp = f".lexicon-{os.getpid()}-{secrets.token_hex(6)}.tmp"
    try:
        data = marshal.dumps(payload, 4)
        fd = _open_at(dir_fd, directory, tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            if dir_fd >= 0:
                os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            else:
                os.replace(directory / tmp, directory / name)
        except BaseException:
            _unlink(dir_fd, directory, tmp)
            raise
    except (OSError, ValueError) as exc:  # a read-only or full disk: work on without a cache
        log_.info("lexicon cache not written to %s: %s", directory / name, exc)


def _unlink(dir_fd: int, directory: Path, name: str) -> None:
    try:
        if dir_fd >= 0:
            os.unlink(name, dir_fd=dir_fd)
        else:
            os.unlink(directory / name)
    except OSError:
        pass


def _prune(dir_fd: int, directory: Path, keep: str) -> None:
    """Remove old cache files: those of an older format (``*.pickle``), lexicons unused for
    STALE_SECONDS or beyond the KEEP_FILES newest, and temporary files a killed process left."""
    now = time.time()
    try:
        names = os.listdir(dir_fd if dir_fd >= 0 else directory)
    except OSError:
        return
    lexicons: list[tuple[float, str]] = []
    for name in names:
        if name == keep or not (name.startswith("lexicon-") or name.startswith(".lexicon-")):
            continue
        try:
            if dir_fd >= 0:
                stat = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
            else:
                stat = os.lstat(directory / name)
        except OSError:
            continue
        age = now - stat.st_mtime
        if name.startswith(".lexicon-"):
            if name.endswith(".tmp") and age > STALE_TMP_SECONDS:
                _unlink(dir_fd, directory, name)
        elif not name.endswith(CACHE_SUFFIX) or age > STALE_SECONDS:
            _unlink(dir_fd, directory, name)
        else:
            lexicons.append((stat.st_mtime, name))
    for _, name in sorted(lexicons, reverse=True)[KEEP_FILES - 1 :]:
        _unlink(dir_fd, directory, name)


__all__ = ["CacheWarning", "Lexicon", "StateTables", "build_lexicon", "cache_dir", "load_lexicon", "viterbi_pos"]
