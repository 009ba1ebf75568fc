"""The initiative examples beside the rules (patterns/initiatives.examples.toml): each named
quantity of each made-up text takes its expected initiative, and no fact of a negative takes one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError
from zhreport_extract.patterns import FieldExample, FieldNegative, Patterns, default_patterns_dir

PATTERNS = Patterns()
FILE = PATTERNS.field_examples["initiatives"]
EXAMPLES = [pytest.param(ex, id=ex.text[:40]) for ex in FILE.example]
NEGATIVES = [pytest.param(ex, id=ex.text[:40]) for ex in FILE.negative]


def test_the_examples_file_is_there_and_full() -> None:
    assert len(EXAMPLES) >= 15 and len(NEGATIVES) >= 8


@pytest.mark.parametrize("ex", EXAMPLES)
def test_each_quantity_takes_its_initiative(extractor: Extractor, ex: FieldExample) -> None:
    facts = {f.quantity.text: f for f in extractor.extract(ex.text).facts}
    for quantity, want in ex.facts.items():
        assert quantity in facts, f"{ex.text!r}: no fact {quantity!r}; got {list(facts)}"
        assert (facts[quantity].initiative or "") == want, (quantity, facts[quantity].initiative, want)


@pytest.mark.parametrize("ex", NEGATIVES)
def test_no_fact_of_a_negative_takes_an_initiative(extractor: Extractor, ex: FieldNegative) -> None:
    facts = extractor.extract(ex.text).facts
    assert facts, f"{ex.text!r} yields no fact: the negative shows nothing"
    assert {f.quantity.text: f.initiative for f in facts if f.initiative} == {}


def test_a_quantity_not_in_its_text_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), target)
    path = target / "initiatives.examples.toml"
    path.write_text('[[example]]\ntext = "开展“甲”活动3场。"\nfacts = { "4场" = "甲" }\n', encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Patterns(target)
    assert err.value.file == str(path)
    assert "not in text" in str(err.value)
