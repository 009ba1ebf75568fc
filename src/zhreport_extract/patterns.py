"""Load and validate the rule data in ``patterns/``.

Every file is read with :mod:`tomllib` and checked by a pydantic model; a broken file
fails with :class:`PatternError` naming the file, the entry and the reason. Regexes are
compiled once here. Pattern files are data only: nothing in them is executed.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

UnitKind = Literal["percent", "money", "measure", "count", "place", "age", "time", "fraction"]
REGEX_TIMEOUT = 0.5  # seconds for one user-supplied rule on one document


class PatternError(ValueError):
    """A pattern file that cannot be used: names the file, the entry and the reason."""

    def __init__(self, file: Path | str, entry: str, reason: str) -> None:
        self.file, self.entry, self.reason = str(file), entry, reason
        super().__init__(f"{file}: {entry}: {reason}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(value: str | None) -> str | None:
    if value is not None:
        try:
            regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"invalid regex {value!r}: {exc}") from exc
    return value


class UnitGroup(Strict):
    kind: UnitKind
    units: list[str] = Field(min_length=1)
    whole: bool = False
    after_chinese: bool = True


class UnitsFile(Strict):
    group: list[UnitGroup]
    canonical: dict[str, str] = {}


class QualifierWords(Strict):
    over: list[str] = []
    under: list[str] = []
    about: list[str] = []


class QualifiersFile(Strict):
    before: QualifierWords
    after: QualifierWords
    inside: QualifierWords


class PerFile(Strict):
    before: dict[str, str]


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
    intro_verbs: list[str]
    suffix_words: list[str]
    not_initiative_after: list[str]
    not_initiative_before: list[str]
    not_initiative_name: list[str] = []
    closing_markers: list[str] = []
    max_name_length: int = 20
    max_intro_gap: int = Field(default=8, ge=0, le=20)
    min_name_length: int = 2


class MetricFile(Strict):
    change_words: list[str]
    action_verbs: list[str] = []
    indicator_heads: list[str] = []
    value_verbs: list[str]
    strip_prefixes: list[str]
    stop_chars: str
    max_length: int = 24


class YearFile(Strict):
    relative: dict[str, int]
    review_title: str
    plan_markers: list[str]
    base_markers: list[str]
    plan_headings: list[str] = Field(min_length=1)
    review_headings: list[str] = Field(min_length=1)
    plan_openings: list[str] = Field(min_length=1)
    plan_mood_words: list[str] = Field(min_length=1)
    review_mood_words: list[str] = Field(min_length=1)
    plan_mood_ratio: float = Field(gt=0)
    plan_periods: dict[str, tuple[int, int]] = {}

    _v = field_validator("review_title")(_check_regex)


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
        run = f"[{cls}]" if not keep else f"(?:(?![{keep}])[{cls}])"
        return f"(?<=[{regex.escape(self.after)}]){run}+(?=[{regex.escape(self.before)}])"


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
    sets: dict[str, list[str]] = {}
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
                    lambda m: "(?:" + "|".join(
                        re.escape(w) for w in sorted(self._set(m.group(1), rule), key=len, reverse=True)
                    ) + ")",
                    value,
                )
                try:
                    re.compile(out)
                except re.error as exc:
                    raise ValueError(f"rule {rule.id!r}: invalid regex {value!r}: {exc}") from exc
                return out
            if isinstance(value, dict):
                return {k: fill(v, k) for k, v in value.items()}
            return value

        return [{k: fill(v, k) for k, v in token.items()} for token in rule.tokens or []]

    def _set(self, name: str, rule: EntityRule) -> list[str]:
        if name not in self.sets:
            raise ValueError(f"rule {rule.id!r}: no set named {name!r}")
        return self.sets[name]


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


def load_file(path: Path, model: type[Strict]) -> Any:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise PatternError(path, "file", "missing") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PatternError(path, "file", f"not valid TOML: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        entry = _describe(data, loc)
        raise PatternError(path, entry, f"{first['msg']} (at {'.'.join(map(str, loc))})") from exc


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
    return name or "entry " + ".".join(map(str, loc))


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
        self.numbers: NumbersFile = load_file(numbers, NumbersFile) if numbers.exists() else NumbersFile()
        user = self.directory / "user_rules.toml"
        self.user_rules: UserRulesFile = load_file(user, UserRulesFile) if user.exists() else UserRulesFile()
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
            if not path.exists():
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
        return path if path.exists() else None
