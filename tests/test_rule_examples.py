"""The duckling-style examples beside the rule files (patterns/*.examples.toml).

Every positive must yield its fact (quantity text, count, unit, qualifier, count_max,
per), every negative no fact; every exclusion rule must have a negative that it alone
refuses, so that switching the rule off makes a fact appear (each rule is necessary).
The example files are validated by patterns.py like the rule files.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError
from zhreport_extract.patterns import EXAMPLE_FILES, NegativeExample, Patterns, PositiveExample

PATTERNS = Patterns()
POSITIVES = [
    pytest.param(ex, id=f"{name}:{ex.text}") for name, f in PATTERNS.examples.items() for ex in f.positive
]
NEGATIVES = [
    pytest.param(ex, id=f"{name}:{ex.text}") for name, f in PATTERNS.examples.items() for ex in f.negative
]
RULES = [rule.id for rule in PATTERNS.exclusions.rule]


def facts_in(extractor: Extractor, ex: NegativeExample, disabled: tuple[str, ...] = ()) -> list[str]:
    """The quantity texts the negative's phrase yields (only those overlapping ``absent``)."""
    facts = extractor.extract(ex.text, disabled_rules=disabled).facts
    if ex.absent is not None:
        i = ex.text.index(ex.absent)
        j = i + len(ex.absent)
        facts = tuple(f for f in facts if f.quantity.start < j and i < f.quantity.end)
    return [f.quantity.text for f in facts]


def same(got: Decimal | None, want: Decimal | None) -> bool:
    if got is None or want is None:
        return got is want
    return abs(got - want) <= Decimal("1e-9") * max(abs(want), Decimal(1))


def test_every_examples_file_is_there_and_full() -> None:
    assert sorted(PATTERNS.examples) == sorted(EXAMPLE_FILES)
    assert len(POSITIVES) >= 90 and len(NEGATIVES) >= 60


@pytest.mark.parametrize("ex", POSITIVES)
def test_positive_example_yields_its_fact(extractor: Extractor, ex: PositiveExample) -> None:
    facts = extractor.extract(ex.text).facts
    hits = [f for f in facts if f.quantity.text == ex.quantity]
    assert hits, f"{ex.text!r}: no fact {ex.quantity!r}; got {[f.quantity.text for f in facts]}"
    fact = hits[0]
    assert same(fact.count, ex.count), (fact.count, ex.count)
    assert fact.unit == ex.unit
    assert fact.qualifier == ex.qualifier
    assert same(fact.count_max, ex.count_max), (fact.count_max, ex.count_max)
    assert fact.per == ex.per


@pytest.mark.parametrize("ex", NEGATIVES)
def test_negative_example_yields_no_fact(extractor: Extractor, ex: NegativeExample) -> None:
    assert facts_in(extractor, ex) == []


@pytest.mark.parametrize("rule", RULES)
def test_each_exclusion_rule_is_necessary(extractor: Extractor, rule: str) -> None:
    negatives = [ex for f in PATTERNS.examples.values() for ex in f.negative if ex.rule == rule]
    assert negatives, f"exclusion rule {rule!r} has no negative example (rule = {rule!r}) in exclusions.examples.toml"
    shown = {ex.text: facts_in(extractor, ex, (rule,)) for ex in negatives}
    assert any(shown.values()), f"switching {rule!r} off lets none of its examples through: {list(shown)}"


def test_disabled_rules_must_exist(extractor: Extractor) -> None:
    with pytest.raises(ValueError, match="no_such_rule"):
        extractor.extract("推送信息657条", disabled_rules=["no_such_rule"])


# --- the validator ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('[[positive]]\ntext = "共3人"\nquantity = "4人"\ncount = 3\nunit = "人"\n', "not in text"),
        ('[[positive]]\ntext = "共3人"\nquantity = "3人"\ncount = 3\n', "unit"),
        ('[[positive]]\ntext = "3至5个"\nquantity = "3至5个"\ncount = 5\ncount_max = 3\nunit = "个"\n', "count_max"),
        ('[[positive]]\ntext = "约3人"\nquantity = "3人"\ncount = 3\nunit = "人"\nqualifier = "maybe"\n', "qualifier"),
        ('[[negative]]\ntext = "一名罪犯"\nrule = "no_such_rule"\n', "unknown exclusion rule"),
        ('[[negative]]\ntext = "一名罪犯"\nabsent = "二"\n', "not in text"),
        ('[[negative]]\ntext = "一名罪犯"\nwhy = "extra key"\n', "why"),
        ('[[negative]]\ntext = "unterminated\n', "not valid TOML"),
    ],
)
def test_a_broken_examples_file_is_refused_with_its_reason(patterns_copy: Path, body: str, reason: str) -> None:
    path = patterns_copy / "units.examples.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Patterns(patterns_copy)
    assert err.value.file == str(path)
    assert reason in str(err.value)


def test_examples_files_are_optional(patterns_copy: Path) -> None:
    for name in EXAMPLE_FILES:
        (patterns_copy / f"{name}.examples.toml").unlink()
    assert Patterns(patterns_copy).examples == {}


NAMED = [pytest.param(ex, id=f"{ex.rule}:{ex.text}") for f in PATTERNS.examples.values() for ex in f.positive if ex.rule]


@pytest.mark.parametrize("ex", NAMED)
def test_named_example_is_made_by_its_production(extractor: Extractor, ex: PositiveExample) -> None:
    facts = [f for f in extractor.extract(ex.text).facts if f.quantity.text == ex.quantity]
    assert facts and facts[0].rule == ex.rule, (ex.text, [(f.quantity.text, f.rule) for f in facts])


def test_every_production_the_extractor_uses_has_a_named_example(extractor: Extractor) -> None:
    """A production (Fact.rule) seen on the seed report and the examples' own phrases must be
    shown by an example that names it: a new production cannot come in without one."""
    named = {ex.rule for ex in (p.values[0] for p in NAMED)}
    seed = (Path(__file__).resolve().parent.parent / "corpus" / "texts" / "seed-guigang-2018.txt").read_text(encoding="utf-8")
    texts = [seed] + [ex.text for f in PATTERNS.examples.values() for ex in f.positive]
    used = {fact.rule for text in texts for fact in extractor.extract(text).facts}
    assert used <= named, f"productions without a named example: {sorted(used - named)}"
    assert len(named) >= 9
