"""Entities: organisations (ORG), places (LOC) and titles (WORK, 《…》) by token rules.

The rules in ``patterns/entities.toml`` are spaCy SpanRuler patterns (token patterns and
phrases) over jieba words whose ``TAG`` is jieba's part-of-speech flag. Two engines run
them with the same answers:

* ``TokenMatcher`` (the default): the patterns compiled to plain predicates over the
  words the extractor has already cut (:class:`~zhreport_extract.segment.WordSegmenter`,
  cached), with spaCy's Matcher semantics (every span each pattern matches) and the
  SpanRuler's filter (the longest span wins, then the earliest). It needs neither spaCy's
  import (a second) nor its vocabulary, which grows with every new word of a long batch.
* ``engine="spacy"``: ``spacy.blank("zh")`` whose tokenizer gives the same words and tags,
  and a SpanRuler holding the same patterns — for spaCy users, and as the reference the
  tests hold the default engine to on the shared reports.

:meth:`EntityFinder.find` reads only the sentences it is given (the extractor passes the
sentences that hold a fact).

>>> from zhreport_extract.patterns import Patterns
>>> from zhreport_extract.segment import WordSegmenter
>>> patterns = Patterns()
>>> finder = EntityFinder(patterns, WordSegmenter(patterns.user_dict))
>>> text = "贵港市妇联在《贵港日报》刊登信息127条。"
>>> [(e.label, e.span.text) for e in finder.find(text, [(0, len(text))])]
[('ORG', '贵港市妇联'), ('WORK', '《贵港日报》')]
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import regex

from .patterns import REGEX_TIMEOUT, EntitiesFile, EntityRule, PatternError, Patterns, alternation, default_patterns_dir
from .records import Entity, Fact, Span
from .segment import WordSegmenter, split_clauses

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Engine = Literal["rules", "spacy"]
Token = tuple[str, str]  # word, jieba flag
Predicate = Callable[[str, str], bool]
Match = tuple[int, int, int]  # start token, end token, rule index
_MAX_CACHE = 100_000  # distinct (word, flag) tokens whose element bits are remembered
TOKEN_REGEX_TIMEOUT = REGEX_TIMEOUT / 10  # seconds for one REGEX predicate on one word


# --- the default engine -----------------------------------------------------------

def _attribute(name: str) -> Callable[[str, str], Any]:
    """The value of a token attribute for a word and its flag, as spaCy computes it."""
    getters: dict[str, Callable[[str, str], Any]] = {
        "ORTH": lambda w, t: w, "TEXT": lambda w, t: w, "NORM": lambda w, t: w.lower(),
        "LOWER": lambda w, t: w.lower(), "TAG": lambda w, t: t, "LENGTH": lambda w, t: len(w),
        "IS_DIGIT": lambda w, t: w.isdigit(), "IS_SPACE": lambda w, t: w.isspace(),
        "IS_ASCII": lambda w, t: w.isascii(),
        "IS_PUNCT": lambda w, t: bool(w) and all(unicodedata.category(c).startswith("P") for c in w),
    }
    return getters[name]


class TimedRegex:
    """A REGEX token predicate, a pattern from the user's entities.toml, searched (as spaCy
    does) under the regex module's timeout. One that overruns on a word is switched off: it
    matches nothing from then on, and a RuntimeWarning names the rule. (A word is short; a
    sound pattern takes microseconds on it.) ``guarded=False`` (the shipped patterns, tested):
    no timeout, whose mere asking costs the regex module five times the search of a word."""

    def __init__(self, pattern: str, rule: str, guarded: bool = True) -> None:
        self.rx = regex.compile(pattern)  # the regex module's V0 reads re's syntax alike
        self.rule = rule
        self.off = False
        self.guarded = guarded

    def __call__(self, value: Any) -> bool:
        if not self.guarded:
            return self.rx.search(value) is not None
        if self.off:
            return False
        try:
            return self.rx.search(value, timeout=TOKEN_REGEX_TIMEOUT) is not None
        except TimeoutError:
            self.off = True
            warnings.warn(
                f"entities.toml rule {self.rule!r}: a REGEX ran over {TOKEN_REGEX_TIMEOUT:g} s on one word "
                f"({value[:40]!r}…) and is switched off", RuntimeWarning, stacklevel=2,
            )
            return False


def _predicate(name: str, value: Any, rule: str = "?", guarded: bool = True) -> Predicate:
    get = _attribute(name)
    if not isinstance(value, dict):
        return lambda w, t: bool(get(w, t) == value)
    tests: list[Callable[[Any], bool]] = []
    for op, arg in value.items():
        if op == "REGEX":
            tests.append(TimedRegex(arg, rule, guarded))  # spaCy searches too
        elif op == "IN":
            tests.append(frozenset(arg).__contains__)
        elif op == "NOT_IN":
            tests.append(_not_in(frozenset(arg)))
        else:
            tests.append(_COMPARE[op](arg))

    def holds(w: str, t: str) -> bool:  # a plain loop: a generator per call costs more than the tests
        value = get(w, t)
        for test in tests:
            if not test(value):
                return False
        return True

    return holds


def _not_in(values: frozenset[Any]) -> Callable[[Any], bool]:
    return lambda v: v not in values


def _all_of(tests: list[Predicate], negate: bool) -> Predicate:
    """A token element: all of its attribute tests hold (none of them, for OP "!")."""

    def test(w: str, t: str) -> bool:
        for p in tests:
            if not p(w, t):
                return negate
        return not negate

    return test


_COMPARE: dict[str, Callable[[Any], Callable[[Any], bool]]] = {
    "==": lambda a: lambda v: bool(v == a), "!=": lambda a: lambda v: bool(v != a),
    ">=": lambda a: lambda v: bool(v >= a), "<=": lambda a: lambda v: bool(v <= a),
    ">": lambda a: lambda v: bool(v > a), "<": lambda a: lambda v: bool(v < a),
}


def _repeat(op: str | None) -> tuple[int, float]:
    """How many tokens an element takes: spaCy's OP as (fewest, most)."""
    fixed: dict[str | None, tuple[int, float]] = {
        None: (1, 1), "!": (1, 1), "?": (0, 1), "*": (0, float("inf")), "+": (1, float("inf")),
    }
    if op in fixed:
        return fixed[op]
    low, comma, high = str(op).strip("{}").partition(",")
    if not comma:
        return int(low), int(low)
    return int(low or 0), float(high) if high else float("inf")


class TokenMatcher:
    """spaCy's Matcher over ``(word, flag)`` tokens: every ``(start, end, rule)`` a rule matches.

    >>> from zhreport_extract.patterns import EntitiesFile
    >>> rules = EntitiesFile.model_validate({"rule": [
    ...     {"id": "a", "label": "ORG", "tokens": [{"TAG": "ns", "OP": "+"}, {"TEXT": "妇联"}]}]})
    >>> TokenMatcher(rules, lambda phrase: []).matches([("广西", "ns"), ("贵港", "ns"), ("妇联", "j")])
    [(0, 3, 0), (1, 3, 0)]
    """

    def __init__(self, file: EntitiesFile, cut: Callable[[str], list[str]], guarded: bool = True) -> None:
        """``guarded``: the REGEX predicates run under a timeout (:class:`TimedRegex`); False
        for the shipped patterns only."""
        self.rules: list[EntityRule] = list(file.rule)
        self._tests: list[Predicate] = []  # one per element of every token rule; element k is bit 1 << k
        self._elements: list[list[tuple[int, int, float]] | None] = []  # (bit, fewest, most)
        self._needs: list[int] = []  # bits every match of the rule has somewhere: elements taken at least once
        self._firsts: list[int] = []  # bits a match can begin with
        self._phrases: list[tuple[str, ...] | None] = []
        self._masks: dict[Token, int] = {}
        self.anchors: list[re.Pattern[str] | None] = [
            _alternation(file.anchors(rule)) if rule.phrase is not None or rule.anchors else None for rule in self.rules
        ]
        # a clause none of whose anchors occurs needs no words, unless some rule has no anchor
        self.any_anchor = None if None in self.anchors else _alternation([w for r in self.rules for w in file.anchors(r)])
        for rule in self.rules:
            if rule.phrase is not None:
                self._phrases.append(tuple(cut(rule.phrase)))
                self._elements.append(None)
                self._needs.append(0)
                self._firsts.append(0)
                continue
            elements: list[tuple[int, int, float]] = []
            needs = firsts = 0
            opening = True
            for token in file.token_pattern(rule):
                op = token.get("OP")
                tests = [_predicate(k, v, rule.id, guarded) for k, v in token.items() if k != "OP"]
                self._tests.append(_all_of(tests, negate=op == "!"))
                bit = 1 << (len(self._tests) - 1)
                low, high = _repeat(op)
                elements.append((bit, low, high))
                if low:
                    needs |= bit
                if opening:
                    firsts |= bit
                    opening = low == 0
            self._elements.append(elements)
            self._needs.append(needs)
            self._firsts.append(firsts)
            self._phrases.append(None)

    def mask(self, token: Token) -> int:
        """The elements ``token`` satisfies, as bits; remembered, since words repeat."""
        found = self._masks.get(token)
        if found is None:
            found = 0
            for k, test in enumerate(self._tests):
                if test(*token):
                    found |= 1 << k
            if len(self._masks) >= _MAX_CACHE:
                self._masks.clear()
            self._masks[token] = found
        return found

    def active(self, text: str, start: int = 0, end: int | None = None) -> list[int]:
        """The rules worth trying on ``text[start:end]``: those with an anchor in it or with none."""
        end = len(text) if end is None else end
        if self.any_anchor is not None and not self.any_anchor.search(text, start, end):
            return []
        return [r for r, a in enumerate(self.anchors) if a is None or a.search(text, start, end)]

    def matches(self, tokens: Sequence[Token], rules: Iterable[int] | None = None) -> list[Match]:
        """Every match of the rules (all of them, or those numbered in ``rules``)."""
        out: list[Match] = []
        n = len(tokens)
        masks = [self.mask(token) for token in tokens]
        present = 0
        for m in masks:
            present |= m
        for r in range(len(self.rules)) if rules is None else rules:
            elements, phrase = self._elements[r], self._phrases[r]
            if phrase is not None:
                k = len(phrase)
                if k:
                    out.extend((s, s + k, r) for s in range(n - k + 1)
                               if tokens[s][0] == phrase[0] and tuple(w for w, _ in tokens[s : s + k]) == phrase)
                continue
            assert elements is not None
            if present & self._needs[r] != self._needs[r]:
                continue  # some element the rule cannot do without is nowhere in the text
            firsts = self._firsts[r]
            seen: dict[tuple[int, int], frozenset[int]] = {}
            for s in range(n):
                if masks[s] & firsts:
                    out.extend((s, e, r) for e in sorted(_ends(elements, 0, s, masks, seen)) if e > s)
        return out

    def spans(self, tokens: Sequence[Token], rules: Iterable[int] | None = None) -> list[Match]:
        """The SpanRuler's answer: longest spans first, then the earliest, then the earlier
        rule; a span overlapping one already taken is dropped. In token order."""
        taken: list[Match] = []
        used: set[int] = set()
        for s, e, r in sorted(set(self.matches(tokens, rules)), key=lambda m: (m[0] - m[1], m[0], m[2])):
            if used.isdisjoint(range(s, e)):
                taken.append((s, e, r))
                used.update(range(s, e))
        return sorted(taken)


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """The anchors of the rules as one pattern (the words of entities.toml: never empty)."""
    return re.compile(alternation(sorted(set(words)), "entities.toml", "anchors", longest_first=True))


def _ends(
    elements: list[tuple[int, int, float]], i: int, pos: int, masks: Sequence[int],
    seen: dict[tuple[int, int], frozenset[int]],
) -> frozenset[int]:
    """Where the pattern from element ``i`` on can end when it starts at token ``pos``."""
    if i == len(elements):
        return frozenset((pos,))
    known = seen.get((i, pos))
    if known is not None:
        return known
    bit, low, high = elements[i]
    ends: set[int] = set()
    taken, p = 0, pos
    while True:
        if taken >= low:
            ends |= _ends(elements, i + 1, p, masks, seen)
        if taken >= high or p >= len(masks) or not masks[p] & bit:
            break
        taken, p = taken + 1, p + 1
    result = seen[(i, pos)] = frozenset(ends)
    return result


# --- the spaCy engine -------------------------------------------------------------

class WordsTokenizer:
    """A spaCy tokenizer giving the extractor's words, with jieba's flag as ``token.tag_``."""

    def __init__(self, nlp: Language, words: WordSegmenter) -> None:
        self.vocab = nlp.vocab
        self.words = words

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        cut = self.words.words(text)
        return Doc(
            self.vocab, words=[text[s:e] for s, e, _ in cut], spaces=[False] * len(cut),
            tags=[flag for _, _, flag in cut],
        )


def build_nlp(patterns: Patterns, words: WordSegmenter | None = None) -> Language:
    """The spaCy entity pipeline: the extractor's words and flags, and a SpanRuler with the rules."""
    try:
        import spacy
    except ImportError as exc:
        raise ImportError('the spaCy entity engine needs spaCy: pip install "zhreport_extract[spacy]"') from exc

    nlp = spacy.blank("zh")  # the default character segmenter is replaced at once
    nlp.tokenizer = WordsTokenizer(nlp, words or WordSegmenter(patterns.user_dict))
    ruler = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": None,
            "annotate_ents": True,
            "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "validate": True,
            "phrase_matcher_attr": "ORTH",
        },
    )
    file = patterns.directory / "entities.toml"
    for rule in patterns.entities.rule:
        try:
            with warnings.catch_warnings():  # W012: a phrase's Doc carries tags, which ORTH ignores
                warnings.filterwarnings("ignore", message=r"\[W012\]")
                ruler.add_patterns([spacy_pattern(patterns, rule)])  # type: ignore[attr-defined]
        except ValueError as exc:  # spaCy's own pattern validation
            raise PatternError(file, f"entry {rule.id!r}", str(exc).strip().splitlines()[-1]) from exc
    return nlp


def spacy_pattern(patterns: Patterns, rule: EntityRule) -> dict[str, Any]:
    """The SpanRuler pattern dict of one rule."""
    pattern: str | list[dict[str, Any]] = rule.phrase if rule.phrase is not None else patterns.entities.token_pattern(rule)
    return {"label": rule.label, "pattern": pattern, "id": rule.id}


# --- both -------------------------------------------------------------------------

class EntityFinder:
    """Runs the entity rules over chosen pieces of a text, with either engine."""

    def __init__(self, patterns: Patterns, words: WordSegmenter, engine: Engine = "rules") -> None:
        if engine not in ("rules", "spacy"):
            raise ValueError(f"entity engine must be 'rules' or 'spacy', got {engine!r}")
        self.patterns = patterns
        self.words = words
        self.engine = engine
        self._matcher: TokenMatcher | None = None
        self._nlp: Language | None = None
        self._lock = threading.Lock()
        sets = patterns.entities.sets
        self._numeral_tags = frozenset(sets.get("numeral_tags", ()))
        self._proper_tags = frozenset(sets.get("proper_tags", ()))
        self._bare = frozenset(sets.get("bare_org", ())) | frozenset(sets.get("bare_loc", ()))
        self._verb_starts = frozenset(sets.get("not_name_start", ()))
        self._after_verb_tags = frozenset(sets.get("name_after_verb_tags", ()))

    def name_start(self, label: str, words: Sequence[str], tags: Sequence[str], start: int, end: int) -> int | None:
        """The token an ORG's name starts at: an ORG never starts inside a numeral phrase. After
        a numeral (jieba flag in sets.numeral_tags), the words up to the first proper name
        (sets.proper_tags) belong to the numeral's phrase (世界 500 强 企业 吉利 控股集团 ->
        吉利控股集团); None when only a bare organisation word would be left."""
        if label == "ORG" and words[start] in self._verb_starts:
            # 新建 养老 服务中心: a verb opens the clause, not the name
            first = start + 1
            if first >= end or (first == end - 1 and words[first] in self._bare):
                return None
            return first if tags[first] in self._after_verb_tags else None
        if label != "ORG" or start == 0 or tags[start - 1] not in self._numeral_tags:
            return start
        first = start
        while first < end - 1 and tags[first] not in self._proper_tags:
            first += 1
        if first == end - 1 and first > start and words[first] in self._bare:
            return None
        return first

    @property
    def matcher(self) -> TokenMatcher:
        if self._matcher is None:
            cut = lambda phrase: [phrase[s:e] for s, e, _ in self.words.words(phrase)]  # noqa: E731
            self._matcher = TokenMatcher(self.patterns.entities, cut, guarded=not _shipped(self.patterns))
        return self._matcher

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = build_nlp(self.patterns, self.words)
        return self._nlp

    def find(self, text: str, ranges: Iterable[tuple[int, int]], view: str | None = None) -> list[Entity]:
        """Entities inside each ``text[start:end]`` of ``ranges``, in text order.

        The rules read ``view`` (the normalised text, same length) where given; spans are
        cut from ``text``.
        """
        source = text if view is None else view
        pieces = [(s, e) for s, e in sorted(set(ranges)) if e > s]
        out: list[Entity] = []
        if self.engine == "spacy":
            for (start, _), doc in zip(pieces, self.nlp.pipe(source[s:e] for s, e in pieces)):
                tags = [t.tag_ for t in doc]
                for ent in doc.ents:
                    first = self.name_start(ent.label_, [t.text for t in doc], tags, ent.start, ent.end)
                    if first is None:
                        continue
                    s, e = start + doc[first].idx, start + ent.end_char
                    out.append(Entity(label=ent.label_, span=Span.of(text, s, e), rule=ent.ent_id_ or ent.label_))
            return out
        matcher = self.matcher
        for start, end in pieces:
            for c_start, c_end in split_clauses(source, start, end):
                rules = matcher.active(source, c_start, c_end)
                if not rules:
                    continue  # no words needed: the costly part is cutting them
                cut = self.words.words(source[c_start:c_end], c_start)
                tokens = [(source[s:e], flag) for s, e, flag in cut]
                words, tags = [w for w, _ in tokens], [t for _, t in tokens]
                for s, e, r in matcher.spans(tokens, rules):
                    rule = matcher.rules[r]
                    first = self.name_start(rule.label, words, tags, s, e)
                    if first is None:
                        continue
                    out.append(Entity(label=rule.label, span=Span.of(text, cut[first][0], cut[e - 1][1]), rule=rule.id))
        return out


def _shipped(patterns: Patterns) -> bool:
    """Whether ``patterns`` are the shipped ones (tested: their REGEX predicates need no timeout)."""
    try:
        return patterns.directory.resolve() == default_patterns_dir().resolve()
    except PatternError:  # a patterns directory of one's own, and none shipped
        return False


def with_actors(facts: Sequence[Fact], entities: Sequence[Entity]) -> list[Fact]:
    """Each fact with ``actor``: the nearest ORG that ends before its quantity in its sentence.

    >>> from decimal import Decimal
    >>> from zhreport_extract.records import Offsets
    >>> text = "市妇联举办培训3场。"
    >>> fact = Fact(quantity=Span.of(text, 7, 9), count=Decimal(3), unit="场", sentence=Offsets(start=0, end=10), rule="r")
    >>> org = Entity(label="ORG", span=Span.of(text, 0, 3), rule="org_word")
    >>> with_actors([fact], [org])[0].actor
    '市妇联'
    """
    orgs = sorted((e.span.end, e.span.start, e.span.text) for e in entities if e.label == "ORG")
    ends = [o[0] for o in orgs]
    out: list[Fact] = []
    for fact in facts:
        k = bisect.bisect_right(ends, fact.quantity.start) - 1
        actor = orgs[k][2] if k >= 0 and orgs[k][1] >= fact.sentence.start else None
        out.append(fact if actor == fact.actor else fact.model_copy(update={"actor": actor}))
    return out
