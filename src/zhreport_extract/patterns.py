"""Load and validate the rule data in ``patterns/``.

Every file is read with :mod:`tomllib` and checked by a pydantic model; a broken file
fails with :class:`PatternError` naming the file, the entry and the reason. Regexes are
compiled once here. Pattern files are data only: nothing in them is executed.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from stat import S_ISREG
from typing import Annotated, Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

UnitKind = Literal["percent", "money", "measure", "count", "place", "age", "time", "fraction"]
REGEX_TIMEOUT = 0.5  # seconds for one user-supplied rule on one document
MAX_FILE_BYTES = 16 * 1024 * 1024  # a pattern file (or userdict.txt) larger than this is refused unread
MAX_NESTING = 32  # tables and arrays in a pattern file nested deeper than this are refused


class PatternError(ValueError):
    """A pattern file that cannot be used: names the file, the entry and the reason."""

    def __init__(self, file: Path | str, entry: str, reason: str) -> None:
        self.file, self.entry, self.reason = str(file), entry, reason
        super().__init__(f"{file}: {entry}: {reason}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Word = Annotated[str, Field(min_length=1)]  # an entry of a word list: never empty (it would match everywhere)
Words = Annotated[list[Word], Field(min_length=1)]  # a word list that must hold a word


def _check_regex(value: str | None) -> str | None:
    if value is not None:
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"invalid regex {value!r}: {exc}") from exc
        except (RecursionError, OverflowError, MemoryError) as exc:
            raise ValueError(f"regex {value!r:.60} is nested too deeply or too large to compile") from exc
    return value


def alternation(
    words: Iterable[str], source: Path | str, entry: str, *, longest_first: bool = False, allow_empty: bool = False,
) -> str:
    """The words of a word list as one regex group, ``(?:w1|w2|…)``, each escaped (for the
    ``regex`` module and ``re`` alike); longest first when asked, so that at one place a longer
    word wins over its prefix. An empty list (whose alternation would match everywhere) or an
    empty word is a PatternError naming ``source`` (the file) and ``entry``; with
    ``allow_empty`` an empty list gives a group that matches nothing.

    >>> alternation(["十", "十一"], "x.toml", "words", longest_first=True)
    '(?:十一|十)'
    >>> alternation([], "x.toml", "words", allow_empty=True)
    '(?!)'
    >>> alternation([], "years.toml", "plan_markers")
    Traceback (most recent call last):
    ...
    zhreport_extract.patterns.PatternError: years.toml: plan_markers: the word list is empty (an empty alternation would match everywhere)
    """
    items = list(words)
    if any(not w for w in items):
        raise PatternError(source, entry, "an empty word in the list (it would match everywhere)")
    if not items:
        if allow_empty:
            return "(?!)"
        raise PatternError(source, entry, "the word list is empty (an empty alternation would match everywhere)")
    if longest_first:
        items = sorted(items, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(w) for w in items) + ")"


class UnitGroup(Strict):
    kind: UnitKind
    units: Words
    whole: bool = False
    after_chinese: bool = True


class UnitsFile(Strict):
    group: list[UnitGroup]
    canonical: dict[Word, Word] = {}


class QualifierWords(Strict):
    over: list[Word] = []
    under: list[Word] = []
    about: list[Word] = []


class QualifiersFile(Strict):
    before: QualifierWords
    after: QualifierWords
    inside: QualifierWords


class PerFile(Strict):
    before: dict[Word, Word]


class ExclusionRule(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    before: str | None = None
    after: str | None = None
    number: str | None = None
    unit_kind: UnitKind | Literal["none"] | None = None
    unit: str | None = None
    unless_before: str | None = None

    _v = field_validator("before", "after", "number", "unit", "unless_before")(_check_regex)


class ExclusionsFile(Strict):
    rule: list[ExclusionRule]


class InitiativeFile(Strict):
    quote_pairs: list[str] = Field(min_length=1, description="two-character strings: opener+closer")
    intro_verbs: Words
    suffix_words: Words
    not_initiative_after: Words
    not_initiative_before: Words
    not_initiative_name: list[Word] = []
    closing_markers: list[Word] = []
    max_name_length: int = Field(default=20, ge=1, le=200)
    max_intro_gap: int = Field(default=8, ge=0, le=20)
    min_name_length: int = Field(default=2, ge=1, le=200)

    @model_validator(mode="after")
    def _lengths(self) -> InitiativeFile:
        if self.min_name_length > self.max_name_length:
            raise ValueError(f"min_name_length {self.min_name_length} > max_name_length {self.max_name_length}")
        return self


class MetricFile(Strict):
    change_words: Words
    action_verbs: list[Word] = []
    indicator_heads: list[Word] = []
    value_verbs: Words
    strip_prefixes: Words
    stop_chars: str
    max_length: int = 24


class YearFile(Strict):
    relative: Annotated[dict[Word, int], Field(min_length=1)]
    review_title: str = Field(description="regex (regex module) of a title naming the year written; group 'year' holds its digits")
    plan_markers: Words
    base_markers: Words
    plan_headings: Words
    review_headings: Words
    plan_openings: Words
    plan_mood_words: Words
    review_mood_words: Words
    plan_mood_ratio: float = Field(gt=0)
    plan_periods: dict[Word, tuple[int, int]] = {}

    @field_validator("review_title")
    @classmethod
    def _title(cls, value: str) -> str:
        _check_regex(value)
        if "year" not in regex.compile(value).groupindex:
            raise ValueError(f"review_title {value!r} has no group named 'year' ((?P<year>…) around the year's digits)")
        return value

    @field_validator("plan_periods")
    @classmethod
    def _periods(cls, value: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for name, (first, last) in value.items():
            if first > last:
                raise ValueError(f"plan period {name!r}: first year {first} > last year {last}")
        return value


GeneralCategory = Literal[
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
    "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
]


class InvisibleRule(Strict):
    """Characters skipped inside a number (numbers.toml): those of ``categories`` but not
    ``keep``, in a run that has a character of ``after`` just before it and one of ``before``
    just after it."""

    categories: list[GeneralCategory] = Field(min_length=1)
    keep: list[str] = []
    after: str = Field(min_length=1)
    before: str = Field(min_length=1)

    @field_validator("keep")
    @classmethod
    def _single(cls, value: list[str]) -> list[str]:
        for ch in value:
            if len(ch) != 1:
                raise ValueError(f"keep lists single characters, not {ch!r}")
        return value

    def pattern(self) -> str:
        """The regex (``regex`` module) of a skipped run."""
        cls = "".join(rf"\p{{{c}}}" for c in self.categories)
        keep = "".join(regex.escape(ch) for ch in self.keep)
        run = f"[{cls}]" if not keep else f"[[{cls}]--[{keep}]]"  # a set difference (regex's V1)
        return f"(?V1)(?<=[{regex.escape(self.after)}]){run}+(?=[{regex.escape(self.before)}])"


class NumbersFile(Strict):
    invisible: InvisibleRule = InvisibleRule(
        categories=["Cf", "Cc", "Mn", "Me"], keep=["\t", "\n", "\v", "\f", "\r"],
        after="0123456789.,零〇○一二两三四五六七八九十百千万亿-−负", before="0123456789.,零〇○一二两三四五六七八九十百千万亿%‰",
    )


# the token attributes both entity engines compute alike (entities.py)
TOKEN_ATTRS = frozenset({
    "ORTH", "TEXT", "NORM", "LOWER", "TAG", "LENGTH", "IS_PUNCT", "IS_DIGIT", "IS_SPACE", "IS_ASCII", "OP",
})
FLAG_ATTRS = frozenset({"IS_PUNCT", "IS_DIGIT", "IS_SPACE", "IS_ASCII"})
TOKEN_OPS = frozenset({"!", "?", "+", "*"})
MAX_OPTIONAL_TOKENS = 8
TOKEN_PREDICATES = frozenset({"REGEX", "IN", "NOT_IN", "==", ">=", "<=", ">", "<", "!="})


class EntityRule(Strict):
    """One spaCy SpanRuler pattern: a ``phrase`` (matched word for word) or ``tokens``
    (a token pattern; a string ``"@name"``, alone or in a list, stands for the words of
    ``sets.name``, and ``@name`` inside a REGEX for the alternation of its words).
    REGEX is Python's ``re``, as in spaCy."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    description: str = ""
    phrase: str | None = Field(default=None, min_length=1)
    tokens: list[dict[str, Any]] | None = Field(default=None, min_length=1)
    # strings one of which every match holds ("@name" for a set's words): the rule is tried only
    # on clauses that hold one. A phrase is its own anchor; a rule without anchors is tried everywhere.
    anchors: list[str] = []

    @model_validator(mode="after")
    def _one_kind(self) -> EntityRule:
        if (self.phrase is None) == (self.tokens is None):
            raise ValueError("give exactly one of 'phrase' or 'tokens'")
        for n, token in enumerate(self.tokens or []):
            for key, value in token.items():
                if key not in TOKEN_ATTRS:
                    raise ValueError(f"token {n}: unknown attribute {key!r}")
                if key == "OP":
                    if value not in TOKEN_OPS and not re.fullmatch(r"\{\d*,?\d*\}", str(value)):
                        raise ValueError(f"token {n}: bad OP {value!r}")
                    low, _, high = str(value).strip("{}").partition(",")
                    if value not in TOKEN_OPS and high and int(low or 0) > int(high):
                        raise ValueError(f"token {n}: OP {value!r}: at least {low} is more than at most {high}")
                    if value not in TOKEN_OPS and high and int(high) - int(low or 0) > MAX_OPTIONAL_TOKENS:
                        raise ValueError(
                            f"token {n}: OP {value!r} allows more than {MAX_OPTIONAL_TOKENS} optional tokens "
                            "(spaCy's matcher slows exponentially); use '+' or '*'"
                        )
                elif isinstance(value, dict):
                    for pred, arg in value.items():
                        if pred not in TOKEN_PREDICATES:
                            raise ValueError(f"token {n}: {key}: unknown predicate {pred!r}")
                        _check_predicate(n, key, pred, arg)
                elif key in FLAG_ATTRS and not isinstance(value, bool):
                    raise ValueError(f"token {n}: {key} takes true or false, got {value!r}")
                elif key == "LENGTH" and not (isinstance(value, int) and not isinstance(value, bool)):
                    raise ValueError(f"token {n}: LENGTH takes a whole number, got {value!r}")
                elif key not in FLAG_ATTRS and key != "LENGTH" and not isinstance(value, str):
                    raise ValueError(f"token {n}: {key} takes a string, got {value!r}")
        return self


def _check_predicate(n: int, key: str, pred: str, arg: Any) -> None:
    """One predicate of a token pattern takes the kind of value the engines expect."""
    if pred in ("IN", "NOT_IN"):
        ok = isinstance(arg, list) or (isinstance(arg, str) and arg.startswith("@"))
        want = "a list of values or an @set"
    elif pred == "REGEX":
        ok, want = isinstance(arg, str) and key not in FLAG_ATTRS and key != "LENGTH", "a string, on a text attribute"
    else:
        ok, want = key == "LENGTH" and isinstance(arg, int) and not isinstance(arg, bool), "a whole number, on LENGTH"
    if not ok:
        raise ValueError(f"token {n}: {key}: {pred} takes {want}, got {arg!r}")


class EntitiesFile(Strict):
    sets: dict[str, list[Word]] = {}
    rule: list[EntityRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _resolvable(self) -> EntitiesFile:
        seen: set[str] = set()
        for rule in self.rule:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
            self.token_pattern(rule)  # raises on an unknown @set or a bad regex
            self.anchors(rule)
        return self

    def anchors(self, rule: EntityRule) -> list[str]:
        """The rule's anchors with ``@set`` references filled in; a phrase's is the phrase."""
        if rule.phrase is not None:
            return [rule.phrase]
        out = [w for a in rule.anchors for w in (self._set(a[1:], rule) if a.startswith("@") else [a])]
        if any(not w for w in out):
            raise ValueError(f"rule {rule.id!r}: an empty anchor would match everywhere")
        return out

    def token_pattern(self, rule: EntityRule) -> list[dict[str, Any]]:
        """The rule's spaCy token pattern with ``@set`` references filled in."""

        def fill(value: Any, where: str) -> Any:
            if isinstance(value, str) and value.startswith("@") and where != "REGEX":
                return list(self._set(value[1:], rule))
            if isinstance(value, list):  # ["@a", "@b", "word"]: the sets' words and the word
                return [w for v in value for w in (self._set(v[1:], rule) if str(v).startswith("@") else [v])]
            if isinstance(value, str) and where == "REGEX":
                out = re.sub(
                    r"@([a-z_][a-z0-9_]*)",
                    lambda m: self._set_alternation(m.group(1), rule),
                    value,
                )
                try:
                    regex.compile(out)
                except regex.error as exc:
                    raise ValueError(f"rule {rule.id!r}: invalid regex {value!r}: {exc}") from exc
                except (RecursionError, OverflowError, MemoryError) as exc:
                    raise ValueError(f"rule {rule.id!r}: regex {value!r:.60} is nested too deeply or too large") from exc
                return out
            if isinstance(value, dict):
                return {k: fill(v, k) for k, v in value.items()}
            return value

        return [{k: fill(v, k) for k, v in token.items()} for token in rule.tokens or []]

    def _set(self, name: str, rule: EntityRule) -> list[str]:
        if name not in self.sets:
            raise ValueError(f"rule {rule.id!r}: no set named {name!r}")
        return self.sets[name]

    def _set_alternation(self, name: str, rule: EntityRule) -> str:
        """``@name`` inside a REGEX: the set's words as one group, longest first."""
        words = self._set(name, rule)
        if not words:
            raise ValueError(f"rule {rule.id!r}: set {name!r} is empty (its alternation would match everywhere)")
        return alternation(words, "entities.toml", f"sets.{name}", longest_first=True)


class UserRule(Strict):
    """A user-supplied quantity rule (``user_rules.toml`` in a patterns directory): a regex
    (the ``regex`` module's syntax) whose match is a quantity. Its number is the match's
    ``number`` group when the pattern has one, else the number the match begins with; ``unit``
    is the fact's unit. Each rule runs under the regex module's timeout (REGEX_TIMEOUT, more for
    a long document): a rule that overruns on a document is skipped there and reported in the
    result's errors (kind ``rule_timeout``). Where a user rule's quantity overlaps a built-in
    one, the user rule wins; between user rules, the earlier in the file wins."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    pattern: str = Field(min_length=1)
    unit: str
    description: str = ""

    @field_validator("pattern")
    @classmethod
    def _usable(cls, value: str) -> str:
        _check_regex(value)
        try:
            empty = regex.fullmatch(value, "", timeout=REGEX_TIMEOUT) is not None
        except TimeoutError as exc:
            raise ValueError(f"pattern {value!r} times out on the empty string") from exc
        if empty:
            raise ValueError(f"pattern {value!r} matches the empty string")
        return value


class UserRulesFile(Strict):
    rule: list[UserRule] = []

    @model_validator(mode="after")
    def _unique(self) -> UserRulesFile:
        seen: set[str] = set()
        for rule in self.rule:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return self


class TraditionalFile(Strict):
    map: dict[str, str]

    @field_validator("map")
    @classmethod
    def _one_for_one(cls, value: dict[str, str]) -> dict[str, str]:
        for src, dst in value.items():
            if len(src) != 1 or len(dst) != 1:
                raise ValueError(f"{src!r} -> {dst!r}: each entry maps one character to one")
        return value


def _exact(value: Any) -> Any:
    """TOML floats to an exact Decimal by their written digits (0.1 stays 0.1)."""
    if isinstance(value, bool):
        raise ValueError("a count is a number, not a boolean")
    if isinstance(value, (int, float, str)):
        return Decimal(str(value))
    return value


class PositiveExample(Strict):
    """A phrase and the fact it must yield (duckling-style example beside a rule file)."""

    text: str = Field(min_length=1)
    quantity: str = Field(min_length=1, description="the exact quantity text of the fact")
    count: Decimal
    unit: str
    qualifier: Literal["over", "under", "about"] | None = None
    count_max: Decimal | None = None
    per: str | None = None
    note: str = ""

    _c = field_validator("count", "count_max", mode="before")(_exact)

    @model_validator(mode="after")
    def _quantity_in_text(self) -> PositiveExample:
        if self.quantity not in self.text:
            raise ValueError(f"quantity {self.quantity!r} is not in text {self.text!r}")
        if self.count_max is not None and self.count_max <= self.count:
            raise ValueError(f"count_max {self.count_max} is not above count {self.count}")
        return self


class NegativeExample(Strict):
    """A phrase that must yield no fact (or none overlapping ``absent``)."""

    text: str = Field(min_length=1)
    absent: str | None = Field(default=None, description="only this part of text must yield no fact")
    rule: str | None = Field(default=None, description="the exclusion rule (exclusions.toml id) it shows")
    note: str = ""

    @model_validator(mode="after")
    def _absent_in_text(self) -> NegativeExample:
        if self.absent is not None and self.absent not in self.text:
            raise ValueError(f"absent {self.absent!r} is not in text {self.text!r}")
        return self


class ExamplesFile(Strict):
    """``<rules>.examples.toml``: positives with the fact they yield, negatives that yield none."""

    positive: list[PositiveExample] = []
    negative: list[NegativeExample] = []


EXAMPLE_FILES = ("units", "qualifiers", "exclusions", "per", "numbers")


FILES: dict[str, type[Strict]] = {
    "traditional.toml": TraditionalFile,
    "units.toml": UnitsFile,
    "qualifiers.toml": QualifiersFile,
    "per.toml": PerFile,
    "exclusions.toml": ExclusionsFile,
    "initiatives.toml": InitiativeFile,
    "metric.toml": MetricFile,
    "years.toml": YearFile,
    "entities.toml": EntitiesFile,
    "numbers.toml": NumbersFile,
}


def default_patterns_dir() -> Path:
    """The pattern files: inside the installed package, else the source checkout's ``patterns/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parent.parent / "patterns"):
        if (candidate / "units.toml").is_file():
            return candidate
    raise PatternError(here / "patterns", "directory", "no pattern files found (units.toml missing)")


_NON_BLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _NON_BLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_pattern_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file of a patterns directory, read only when it is a regular file (a
    symlink to one will do) of at most ``limit`` bytes. It is opened without blocking and
    checked after opening, so a FIFO, a device (a link to /dev/zero), a socket or a
    directory at its name is refused with a PatternError, never read."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError as exc:
        raise PatternError(path, "file", "missing") from exc
    except OSError as exc:
        raise PatternError(path, "file", f"cannot be opened ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as fh:
        stat = os.fstat(fh.fileno())
        if not S_ISREG(stat.st_mode):
            raise PatternError(path, "file", "not a regular file (a FIFO, device or directory is never read)")
        if stat.st_size > limit:
            raise PatternError(path, "file", f"too large: {stat.st_size} bytes (at most {limit})")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise PatternError(path, "file", f"too large: more than {limit} bytes")
    return data


def _too_deep(data: Any, limit: int = MAX_NESTING) -> str | None:
    """Where ``data`` (parsed TOML) nests tables or arrays deeper than ``limit``, or None."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        node, depth, where = stack.pop()
        if depth > limit:
            return where or "top"
        if isinstance(node, dict):
            stack.extend((v, depth + 1, f"{where}.{k}" if where else str(k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, depth + 1, f"{where}.{i}") for i, v in enumerate(node))
    return None


def load_file(path: Path, model: type[Strict]) -> Any:
    raw = read_pattern_file(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PatternError(path, "file", f"not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise PatternError(path, "file", f"nested too deeply (at most {MAX_NESTING} levels)") from exc
    deep = _too_deep(data)
    if deep is not None:
        raise PatternError(path, f"entry {deep}", f"nested too deeply (at most {MAX_NESTING} levels)")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        entry = _describe(data, loc)
        raise PatternError(path, entry, f"{first['msg']} (at {'.'.join(map(str, loc)) or 'the top level'})") from exc


def _describe(data: Any, loc: tuple[Any, ...]) -> str:
    """Name the entry an error is in: its id when it has one, else its position."""
    node = data
    name = ""
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "id" in node:
            name = f"entry {node['id']!r}"
    return name or ("entry " + ".".join(map(str, loc)) if loc else "entry (the file as a whole)")


class Patterns:
    """All rule data of one patterns directory, validated and compiled."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_patterns_dir()
        if not self.directory.is_dir():
            raise PatternError(self.directory, "directory", "not a directory")
        self.units: UnitsFile = load_file(self.directory / "units.toml", UnitsFile)
        self.qualifiers: QualifiersFile = load_file(self.directory / "qualifiers.toml", QualifiersFile)
        self.per: PerFile = load_file(self.directory / "per.toml", PerFile)
        self.exclusions: ExclusionsFile = load_file(self.directory / "exclusions.toml", ExclusionsFile)
        self.initiatives: InitiativeFile = load_file(self.directory / "initiatives.toml", InitiativeFile)
        self.metric: MetricFile = load_file(self.directory / "metric.toml", MetricFile)
        self.years: YearFile = load_file(self.directory / "years.toml", YearFile)
        self.entities: EntitiesFile = load_file(self.directory / "entities.toml", EntitiesFile)
        self.traditional: TraditionalFile = load_file(self.directory / "traditional.toml", TraditionalFile)
        numbers = self.directory / "numbers.toml"  # optional: a patterns directory older than it reads as shipped
        self.numbers: NumbersFile = load_file(numbers, NumbersFile) if _present(numbers) else NumbersFile()
        user = self.directory / "user_rules.toml"
        self.user_rules: UserRulesFile = load_file(user, UserRulesFile) if _present(user) else UserRulesFile()
        self.user_dict_bytes()  # refused now, not when the lexicon is built, if it is no regular file
        self._check_ids()
        self.examples: dict[str, ExamplesFile] = self._load_examples()

    def _check_ids(self) -> None:
        seen: set[str] = set()
        for rule in self.exclusions.rule:
            if rule.id in seen:
                raise PatternError(self.directory / "exclusions.toml", f"entry {rule.id!r}", "duplicate id")
            seen.add(rule.id)
        for user_rule in self.user_rules.rule:
            if user_rule.id in seen:
                raise PatternError(
                    self.directory / "user_rules.toml", f"entry {user_rule.id!r}", "id already names an exclusion rule"
                )
        for q in self.initiatives.quote_pairs:
            if len(q) != 2:
                raise PatternError(self.directory / "initiatives.toml", f"quote pair {q!r}", "needs 2 characters")

    def _load_examples(self) -> dict[str, ExamplesFile]:
        """The ``*.examples.toml`` beside the rules, validated; a negative's rule must exist."""
        ids = {rule.id for rule in self.exclusions.rule}
        out: dict[str, ExamplesFile] = {}
        for name in EXAMPLE_FILES:
            path = self.directory / f"{name}.examples.toml"
            if not _present(path):
                continue
            examples: ExamplesFile = load_file(path, ExamplesFile)
            for i, neg in enumerate(examples.negative):
                if neg.rule is not None and neg.rule not in ids:
                    raise PatternError(path, f"entry negative.{i} ({neg.text!r})", f"unknown exclusion rule {neg.rule!r}")
            out[name] = examples
        return out

    @cached_property
    def unit_kinds(self) -> dict[str, UnitGroup]:
        out: dict[str, UnitGroup] = {}
        for group in self.units.group:
            for unit in group.units:
                out.setdefault(unit, group)
        return out

    @property
    def user_dict(self) -> Path | None:
        path = self.directory / "userdict.txt"
        return path if _present(path) else None

    def user_dict_bytes(self) -> bytes | None:
        """The user dictionary's bytes (:func:`read_pattern_file`: a regular file of bounded
        size only), or None when there is none."""
        path = self.user_dict
        return None if path is None else read_pattern_file(path)


def _present(path: Path) -> bool:
    """Something stands at ``path`` (a dangling symlink too: reading it then says what is wrong)."""
    return os.path.lexists(path)
