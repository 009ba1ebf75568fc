"""Letter-spaced lines and pinyin glosses: text read compacted, offsets mapped back.

Letter-spaced lines: read without the space between every two characters.

Text taken out of a PDF often has a space between every two characters of a line
(``全 年 共 举 办 培 训 班 1 2 期``). No word rule reads it, and its numbers fall apart.
:meth:`LetterSpacing.compact` finds such lines (``[letter_spacing]`` of numbers.toml) and
gives the text without those single spaces, with each kept character's place in the
original; the pipeline reads the shorter text and :meth:`LetterSpacing.restore` puts every
offset of the result back into the original, so that spans are cut from the text as written
(spaces included). A document without a letter-spaced line costs one regex search.

>>> from zhreport_extract.patterns import LetterSpacingRule
>>> spacing = LetterSpacing(LetterSpacingRule(spaces=" ", letters=r"[\\p{Han}]", min_run=4, share=0.6))
>>> short, places = spacing.compact("标题\\n培 训 妇 女 8 6 0 人 次")
>>> short
'标题\\n培训妇女860人次'
>>> places[3:6]
[3, 5, 7]
>>> spacing.compact("培训妇女860人次") is None
True
>>> spacing.compact("序号 1 2 3 4 5 6") is None
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, TypeVar

import regex
from pydantic import BaseModel

from .patterns import LetterSpacingRule, NumberSpacingRule, PageFurnitureRule, PinyinGlossRule
from .records import DocumentResult, Offsets, Span

T = TypeVar("T", bound=tuple[Any, ...])


class LetterSpacing:
    """Finds letter-spaced lines and reads them without their spaces (see the module)."""

    def __init__(self, rule: LetterSpacingRule) -> None:
        spaces = "[" + regex.escape(rule.spaces) + "]"
        self.share = rule.share
        # a letter that stands before one space and another (non-space) character
        self._spaced = regex.compile(f"{rule.letters}{spaces}(?=[^\\s])")
        self._letters = regex.compile(rule.letters)
        self._probe = regex.compile(f"(?:{rule.letters}{spaces}){{{rule.min_run}}}[^\\s]")
        # the cheap first look (``re``, led by the rarer space: some 20 ns a character): min_run
        # characters in a row each followed by one space, whatever the characters
        single = "[" + re.escape(rule.spaces) + "]"
        self._first_look = re.compile(f"{single}(?=(?:[^\\s]{single}){{{rule.min_run - 1}}}[^\\s])")
        # one space between two characters (a run of two or more is a gap between words: kept)
        self._single = regex.compile(f"(?<=[^\\s]){spaces}(?=[^\\s])")

    def lines(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of each letter-spaced line of ``text``."""
        found: list[tuple[int, int]] = []
        at = 0
        while True:
            m = self._first_look.search(text, at)
            if m is None:
                return found
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
            line = text[start:end]
            if self._probe.search(line) is not None:
                spaced = len(self._spaced.findall(line))
                if spaced >= self.share * len(self._letters.findall(line)):
                    found.append((start, end))
            at = end

    def compact(self, text: str) -> tuple[str, list[int]] | None:
        """``(text without the single spaces of its letter-spaced lines, the original place of
        each character kept)``, or None when no line is letter-spaced."""
        runs: list[int] = []
        for start, end in self.lines(text):
            runs.extend(m.start() for m in self._single.finditer(text, start, end))
        return without_spans(text, ((gap, gap + 1) for gap in runs))

    @staticmethod
    def restore(result: DocumentResult, text: str, places: list[int]) -> DocumentResult:
        """``result`` (of the compacted text) with every offset and span put back into ``text``."""

        def where(start: int, end: int) -> tuple[int, int]:
            if start >= end:
                at = places[start] if start < len(places) else len(text)
                return at, at
            return places[start], places[end - 1] + 1

        def span(value: Span) -> Span:
            return Span.of(text, *where(value.start, value.end))

        def offsets(value: T) -> T:
            start, end = where(value[0], value[1])
            return value._replace(start=start, end=end)  # type: ignore[attr-defined,no-any-return]

        def fields(record: BaseModel) -> dict[str, Any]:
            update: dict[str, Any] = {}
            for name in _offset_fields(type(record)):
                value = getattr(record, name)
                if isinstance(value, Span):
                    update[name] = span(value)
                elif isinstance(value, Offsets):
                    update[name] = offsets(value)
            return update

        return result.model_copy(update={
            "length": len(text),
            "paragraphs": tuple(offsets(p) for p in result.paragraphs),
            "sentences": tuple(offsets(s) for s in result.sentences),
            "facts": tuple(f.model_copy(update=fields(f)) for f in result.facts),
            "entities": tuple(e.model_copy(update=fields(e)) for e in result.entities),
            "year_source": None if result.year_source is None else result.year_source.model_copy(
                update=fields(result.year_source)),
        })


@functools.cache
def _offset_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record model that may hold a :class:`Span` or :class:`Offsets` (by their
    annotation), the only ones :meth:`LetterSpacing.restore` has to look at."""
    return tuple(
        name for name, field in model.model_fields.items()
        if any(kind in str(field.annotation) for kind in ("Span", "Offsets"))
    )


class PinyinGlosses:
    """Pinyin glosses that some sites put after characters (鎮(zhèn)婦聯(lián)): read without them.

    :meth:`compact` gives the text without the glosses (``[pinyin_gloss]`` of numbers.toml) and
    each kept character's place in the original; :meth:`restore` (the same as for letter-spaced
    lines) puts every offset of the result back, so that spans are cut from the text as written
    and may hold a gloss inside them. A text without a tone-marked vowel costs one search.

    >>> from zhreport_extract.patterns import PinyinGlossRule
    >>> glosses = PinyinGlosses(PinyinGlossRule(marks="èá", pattern=r"(?<=\\p{Han})\\([a-zèá]+\\)"))
    >>> short, places = glosses.compact("鎮(zhèn)婦聯(lián)")
    >>> short, places
    ('鎮婦聯', [0, 7, 8])
    >>> glosses.compact("GDP(gdp)增长") is None
    True
    """

    def restore(self, result: DocumentResult, text: str, places: list[int]) -> DocumentResult:
        """Every offset put back as for letter-spaced lines; a metric that ends on a glossed
        character ends after its gloss (增長(zhǎng)): the gloss belongs to the character it follows,
        as the annotators cut such metrics (a quantity's span stays at its unit)."""
        restored = LetterSpacing.restore(result, text, places)
        if self._gloss is None:
            return restored
        facts = []
        for fact in restored.facts:
            metric = fact.metric
            gloss = None if metric is None else self._gloss.match(text, metric.end)
            if metric is not None and gloss is not None and gloss.end() > metric.end:
                fact = fact.model_copy(update={"metric": Span.of(text, metric.start, gloss.end())})
            facts.append(fact)
        return restored.model_copy(update={"facts": tuple(facts)})

    def __init__(self, rule: PinyinGlossRule | None) -> None:
        self._first_look = None if rule is None else re.compile("[" + re.escape(rule.marks) + "]")
        self._gloss = None if rule is None else regex.compile(rule.pattern)

    def compact(self, text: str) -> tuple[str, list[int]] | None:
        """``(text without its glosses, the original place of each character kept)``, or None
        when it has none."""
        if self._first_look is None or self._gloss is None or self._first_look.search(text) is None:
            return None
        return _without(text, self._gloss.finditer(text))


class PageFurniture:
    """Whole lines of page furniture (浏览次数：365 | 分享 | 打印, 当前位置：首页 > …, 第1页共2页,
    您是第N位访问者, 责任编辑：…, 版权所有 …): read without them, offsets mapped back.

    Such lines stand between the report's title, its paragraphs and its closing words; left in,
    they become its lead or its last paragraph. :meth:`compact` gives the text without them
    (``[page_furniture]`` of numbers.toml; a line and its line break go) and each kept
    character's place; :meth:`restore` is the letter-spacing one. The page's date line is no
    furniture: it dates the page (years.toml text_date).

    >>> from zhreport_extract.patterns import PageFurnitureRule
    >>> furniture = PageFurniture(PageFurnitureRule(probe="打印", item=["打印", "关闭窗口"]))
    >>> short, places = furniture.compact("举办活动3场。\\n打印 | 关闭窗口\\n慰问12户。")
    >>> short
    '举办活动3场。\\n慰问12户。'
    >>> places[8]  # 慰, after the line that went
    18
    """

    restore = staticmethod(LetterSpacing.restore)

    def __init__(self, rule: PageFurnitureRule | None) -> None:
        if rule is None:
            self._first_look: re.Pattern[str] | None = None
            self._line: regex.Pattern[str] | None = None
            return
        self._first_look = re.compile("[" + re.escape(rule.probe) + "]")
        items = "|".join(f"(?:{item})" for item in rule.item)
        sep = "[" + regex.escape(rule.separators) + "]*"
        self._line = regex.compile(f"(?m)^{sep}(?:{items})(?:{sep}(?:{items}))*{sep}$\n?")

    def compact(self, text: str) -> tuple[str, list[int]] | None:
        """``(text without its furniture lines, the original place of each character kept)``,
        or None when it has none."""
        if self._first_look is None or self._line is None or self._first_look.search(text) is None:
            return None
        return _without(text, self._line.finditer(text))


class NumberSpacing:
    r"""Spaces between a number and the words around it (全县共 12 个, 1-5 月, 60 岁以上, 投入
    累计 8316万元): read without them, offsets mapped back (``[number_spacing]`` of numbers.toml).

    Rules that read a number's unit, a date, an age or the words before a value read them
    whole; spans are cut from the text as written, so a quantity holds its spaces (the
    contract's spaced quantities). A number that opens its line (a list's 1 基本情况) and runs
    of spaces of a table are left alone.

    >>> from zhreport_extract.patterns import NumberSpacingRule
    >>> rule = NumberSpacingRule(probe=r"\d[ ]\S|\S[ ]\d", pattern=r"(?<=\S[ ]?\d[\d.]*)[ ](?=\p{Han})|(?<=\p{Han})[ ](?=\d)")
    >>> NumberSpacing(rule).compact("补发1-5 月差额 501 万元")
    ('补发1-5月差额501万元', [0, 1, 2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 15])
    >>> NumberSpacing(rule).compact("1 基本情况") is None
    True
    """

    restore = staticmethod(LetterSpacing.restore)

    def __init__(self, rule: NumberSpacingRule | None) -> None:
        self._probe = None if rule is None else re.compile(rule.probe)
        self._pattern = None if rule is None else regex.compile(rule.pattern)

    def compact(self, text: str) -> tuple[str, list[int]] | None:
        """``(text without those spaces, the original place of each character kept)``, or None
        when it has none."""
        if self._probe is None or self._pattern is None or self._probe.search(text) is None:
            return None
        return _without(text, self._pattern.finditer(text))


def without_spans(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[int]] | None:
    r"""``text`` without the pieces ``spans`` (``(start, end)`` in order; empty ones and any part
    of one already cut are skipped), and the original place of each character kept; None when
    nothing is cut.

    >>> without_spans("a b\nc", [(1, 2), (3, 4)])
    ('abc', [0, 2, 4])
    >>> without_spans("a(x)b", (m.span() for m in regex.finditer(r"\(x\)", "a(x)b")))
    ('ab', [0, 4])
    >>> without_spans("ab", []) is None
    True
    """
    places: list[int] = []
    pieces: list[str] = []
    at = 0
    cut = False
    for start, end in spans:
        start = max(start, at)
        if end <= start:
            continue
        places.extend(range(at, start))
        pieces.append(text[at:start])
        at, cut = end, True
    if not cut:
        return None
    places.extend(range(at, len(text)))
    pieces.append(text[at:])
    return "".join(pieces), places


def _without(text: str, matches: Iterable[regex.Match[str]]) -> tuple[str, list[int]] | None:
    """``text`` without the ``matches`` (:func:`without_spans`)."""
    return without_spans(text, (m.span() for m in matches))
