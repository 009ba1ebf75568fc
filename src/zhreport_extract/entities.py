"""Entities: organisations (ORG), places (LOC) and titles (WORK, 《…》) by spaCy rules.

The engine is spaCy: ``spacy.blank("zh")`` with the jieba segmenter, switched to the
extractor's own ``jieba.Tokenizer`` (the project's user dictionary, never jieba's global
one, nothing downloaded), a small component that gives each word jieba's part-of-speech
flag as ``token.tag_``, and a SpanRuler holding the rules of ``patterns/entities.toml``.

The pipeline is built on first use. :meth:`EntityFinder.find` runs it on the sentences it
is given only (the extractor passes the sentences that hold a fact), so entities cost
little beside the facts themselves.

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
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from .patterns import EntityRule, PatternError, Patterns
from .records import Entity, Fact, Span
from .segment import WordSegmenter

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TAGGER_NAME = "zhreport_jieba_tags"
_MAX_CACHE = 50_000


def blank_chinese(tokenizer: Any | None = None) -> Language:
    """``spacy.blank("zh")`` segmenting with jieba; with ``tokenizer`` (a ``jieba.Tokenizer``)
    it cuts with that tokenizer and its dictionary instead of jieba's global one."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    if tokenizer is not None:
        cast(Any, nlp.tokenizer).jieba_seg = tokenizer
    return nlp


class JiebaTags:
    """Sets ``token.tag_`` to jieba's part-of-speech flag (ns, nt, n, v, x …).

    A word in the dictionary gets its flag from there; another word is tagged by jieba's
    tagger (its HMM) alone, and the answer is remembered.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._tagger: Any = None
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def _get(self) -> Any:
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    import jieba
                    import jieba.posseg

                    seg = getattr(self.nlp.tokenizer, "jieba_seg", None)
                    if isinstance(seg, jieba.Tokenizer):
                        self._tagger = jieba.posseg.POSTokenizer(seg)
                    else:
                        self._tagger = jieba.posseg.dt
        return self._tagger

    def flag(self, word: str) -> str:
        tagger = self._get()
        flag = tagger.word_tag_tab.get(word)
        if flag is not None:
            return str(flag)
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if not word.strip():
            return "x"
        pairs = list(tagger.cut(word, HMM=True))
        flag = str(pairs[-1].flag) if pairs else "x"
        if len(self._cache) < _MAX_CACHE:
            self._cache[word] = flag
        return flag

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.tag_ = self.flag(token.text)
        return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(TAGGER_NAME):
        Language.factory(TAGGER_NAME, func=lambda nlp, name: JiebaTags(nlp))


def build_nlp(patterns: Patterns, tokenizer: Any | None = None) -> Language:
    """The entity pipeline: jieba words, their flags, and the SpanRuler with the rules."""
    _register()
    nlp = blank_chinese(tokenizer)
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
            ruler.add_patterns([spacy_pattern(patterns, rule)])  # type: ignore[attr-defined]
        except ValueError as exc:  # spaCy's own pattern validation
            raise PatternError(file, f"entry {rule.id!r}", str(exc).strip().splitlines()[-1]) from exc
    nlp.add_pipe(TAGGER_NAME, before="span_ruler")  # after the phrase patterns, which need words only
    return nlp


def spacy_pattern(patterns: Patterns, rule: EntityRule) -> dict[str, Any]:
    """The SpanRuler pattern dict of one rule."""
    pattern: str | list[dict[str, Any]] = rule.phrase if rule.phrase is not None else patterns.entities.token_pattern(rule)
    return {"label": rule.label, "pattern": pattern, "id": rule.id}


class EntityFinder:
    """Runs the spaCy entity pipeline over chosen pieces of a text."""

    def __init__(self, patterns: Patterns, words: WordSegmenter) -> None:
        self.patterns = patterns
        self.words = words
        self._nlp: Language | None = None
        self._lock = threading.Lock()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = build_nlp(self.patterns, self.words.tokenizer)
        return self._nlp

    def find(self, text: str, ranges: Iterable[tuple[int, int]], view: str | None = None) -> list[Entity]:
        """Entities inside each ``text[start:end]`` of ``ranges``, in text order.

        spaCy reads ``view`` (the normalised text, same length) where given; spans are cut
        from ``text``.
        """
        source = text if view is None else view
        pieces = [(s, e) for s, e in sorted(set(ranges)) if e > s]
        out: list[Entity] = []
        for (start, _), doc in zip(pieces, self.nlp.pipe(source[s:e] for s, e in pieces)):
            for ent in doc.ents:
                s, e = start + ent.start_char, start + ent.end_char
                out.append(Entity(label=ent.label_, span=Span.of(text, s, e), rule=ent.ent_id_ or ent.label_))
        return out


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
