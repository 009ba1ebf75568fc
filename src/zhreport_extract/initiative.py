"""Initiative: which named programme is in force at each point of the document.

A quoted name is an initiative when a programme word follows it (行动 工程 计划 …) or an
introducing verb precedes it (实施 开展 …), and no refusing word stands next to it
(政策 机制 称号 …). Scope (ANNOTATION.md): a name in a paragraph's first sentence
governs from its mention on, across paragraphs, until the next such name, a heading
or a closing paragraph; a name inside a sentence governs from its mention to that
sentence's end, over the paragraph's.
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass

import regex

from .patterns import Patterns, alternation
from .records import Paragraph

PHRASE_AFTER = regex.compile(r"[^，。；、：,;:“”\n]{0,8}")


OBJECT_END = set("，。；：、和与及等）)\n") | {""}


@dataclass(frozen=True)
class Mention:
    name: str
    start: int  # offset of the opening quote
    end: int  # offset after the closing quote


@dataclass(frozen=True)
class Scope:
    name: str
    start: int
    end: int
    level: str  # "paragraph" or "sentence"


class InitiativeFinder:
    def __init__(self, patterns: Patterns) -> None:
        cfg = patterns.initiatives
        self.cfg = cfg
        alts: list[str] = []
        for pair in cfg.quote_pairs:
            o, c = regex.escape(pair[0]), regex.escape(pair[1])
            alts.append(rf"{o}(?P<n{len(alts)}>[^{o}{c}\n]{{{cfg.min_name_length},{cfg.max_name_length}}}){c}")
        self.quoted = regex.compile("|".join(alts))
        file = patterns.directory / "initiatives.toml"
        self.suffix = regex.compile("^" + alternation(cfg.suffix_words, file, "suffix_words", longest_first=True))
        refuse = alternation(cfg.not_initiative_after, file, "not_initiative_after", longest_first=True)
        self.refuse_after = regex.compile("^" + refuse)
        self.refuse_name_end = regex.compile(f"{refuse}$")
        self.refuse_inside = regex.compile(refuse)
        suffixes = alternation(cfg.suffix_words, file, "suffix_words")
        self.suffix_inside = regex.compile(suffixes)
        verbs = alternation(cfg.intro_verbs, file, "intro_verbs", longest_first=True)
        # an introducing verb may stand a few characters before the quote: 开展了, 深入开展寻找
        self.verb_at = regex.compile(rf"^{verbs}")
        self.intro = regex.compile(rf"{verbs}[^，。；：、“”\n]{{0,{cfg.max_intro_gap}}}$")
        self.refuse_before = regex.compile(alternation(cfg.not_initiative_before, file, "not_initiative_before") + "$")
        self.name_suffix = regex.compile(f"{suffixes}$")
        self.closing = tuple(cfg.closing_markers)

    def mentions(self, view: str, start: int, end: int, known: set[str]) -> list[Mention]:
        """Initiatives named in ``view[start:end]`` (one sentence)."""
        found: list[Mention] = []
        matches = list(self.quoted.finditer(view, start, end))
        for k, m in enumerate(matches):
            name = next(g for g in m.groups() if g is not None).strip()
            if self._in_list(view, matches, k):
                continue
            if name in known or self._qualifies(view, m, name):
                found.append(Mention(name, m.start(), m.end()))
        return found

    def _in_list(self, view: str, matches: list[regex.Match[str]], k: int) -> bool:
        """Several quoted names side by side (“A”“B”、“C”) name examples, not a programme."""
        m = matches[k]
        for other in (matches[k - 1] if k > 0 else None, matches[k + 1] if k + 1 < len(matches) else None):
            if other is None:
                continue
            gap = view[m.end() : other.start()] if other.start() >= m.end() else view[other.end() : m.start()]
            if len(gap) <= 1 and gap in ("", "、", "和", "与", "及"):
                return True
        return False

    def _qualifies(self, view: str, m: regex.Match[str], name: str) -> bool:
        if name in self.cfg.not_initiative_name:
            return False
        after = view[m.end() : m.end() + 12]
        before = view[max(0, m.start() - 8 - self.cfg.max_intro_gap) : m.start()]
        if self.refuse_after.match(after) or self.refuse_before.search(before):
            return False
        if self.refuse_name_end.search(name):
            return False  # “网上妇女之家”, “最美家庭”: a platform or an honour
        phrase = PHRASE_AFTER.match(after).group(0)
        refusal = self.refuse_inside.search(phrase)
        if refusal and not self.suffix.match(phrase):
            suffix_at = self.suffix_inside.search(phrase)
            if suffix_at is None or suffix_at.start() > refusal.start():
                return False  # “8+4”经济政策体系: the noun after the name is a policy or mechanism
        if self.suffix.match(after) or self.name_suffix.search(name):
            return True
        intro = self.intro.search(before)
        if intro:
            # 开展“善行贵港·巾帼扶贫”白内障复明救助公益活动: the programme word may come later.
            # With words between verb and quote (建设新时代“四力”新贵港), the quote must be the
            # verb's object itself, not a modifier inside a longer object.
            verb = self.verb_at.match(intro.group(0))
            gap = len(intro.group(0)) - (len(verb.group(0)) if verb else 0)
            return gap == 0 or after[:1] in OBJECT_END
        return False

    def scopes(self, view: str, paragraphs: list[Paragraph], sentences: list[tuple[int, int, int]]) -> list[Scope]:
        """Every initiative scope of the document; ``sentences`` are (start, end, paragraph index)."""
        out: list[Scope] = []
        known: set[str] = set()
        current: Scope | None = None  # a paragraph-level initiative still in force
        first_sentence: dict[int, int] = {}
        for s_start, _, p_idx in sentences:
            first_sentence.setdefault(p_idx, s_start)
        for s_start, s_end, p_idx in sentences:
            para = paragraphs[p_idx]
            is_head = first_sentence[p_idx] == s_start
            closing = self._is_closing(view, para) or (p_idx == len(paragraphs) - 1 and p_idx >= 3)
            if is_head and (para.heading or closing):
                if current is not None:
                    out.append(Scope(current.name, current.start, s_start, "paragraph"))
                    current = None
            for mention in self.mentions(view, s_start, s_end, known):
                known.add(mention.name)
                if is_head:
                    if current is not None:
                        out.append(Scope(current.name, current.start, mention.start, "paragraph"))
                    current = Scope(mention.name, mention.start, len(view), "paragraph")
                else:
                    out.append(Scope(mention.name, mention.start, s_end, "sentence"))
        if current is not None:
            out.append(Scope(current.name, current.start, len(view), "paragraph"))
        return out

    def _is_closing(self, view: str, para: Paragraph) -> bool:
        return view[para.start : para.end].lstrip().startswith(self.closing)


class ScopeIndex:
    """:func:`initiative_at` for many positions: the answer is worked out once for each stretch
    between scope boundaries, so a look-up costs log(scopes) rather than a pass over all of
    them (a long document has thousands of scopes and facts).

    >>> scopes = [Scope("甲", 0, 50, "paragraph"), Scope("乙", 10, 20, "sentence"), Scope("丙", 15, 30, "paragraph")]
    >>> index = ScopeIndex(scopes)
    >>> [getattr(index.at(p), "name", None) for p in (0, 12, 16, 25, 40, 60)]
    ['甲', '乙', '乙', '丙', '甲', None]
    >>> all(index.at(p) == initiative_at(scopes, p) for p in range(-1, 61))
    True
    """

    def __init__(self, scopes: list[Scope]) -> None:
        # initiative_at keeps the best by: sentence over paragraph, then the later start, then
        # the earlier in the list; this key is smallest for the best
        def key(i: int) -> tuple[int, int, int]:
            return (0 if scopes[i].level == "sentence" else 1, -scopes[i].start, i)

        order = sorted(range(len(scopes)), key=lambda i: scopes[i].start)
        points = sorted({p for scope in scopes for p in (scope.start, scope.end)})
        self._starts: list[int] = []
        self._best: list[Scope | None] = []
        heap: list[tuple[tuple[int, int, int], int]] = []
        k = 0
        for point in points:
            while k < len(order) and scopes[order[k]].start <= point:
                i = order[k]
                if scopes[i].end > scopes[i].start:
                    heapq.heappush(heap, (key(i), i))
                k += 1
            while heap and scopes[heap[0][1]].end <= point:
                heapq.heappop(heap)  # the best has ended; those below it are checked when they surface
            self._starts.append(point)
            self._best.append(scopes[heap[0][1]] if heap else None)

    def at(self, pos: int) -> Scope | None:
        k = bisect.bisect_right(self._starts, pos) - 1
        return self._best[k] if k >= 0 else None


def initiative_at(scopes: list[Scope], pos: int) -> Scope | None:
    """The most specific initiative in force at ``pos``: a sentence's over a paragraph's."""
    best: Scope | None = None
    for scope in scopes:
        if scope.start <= pos < scope.end:
            if best is None or (scope.level == "sentence" and best.level == "paragraph") or (
                scope.level == best.level and scope.start > best.start
            ):
                best = scope
    return best
