"""The entity examples beside the rules (patterns/entities.examples.toml), with both engines:
each text yields its listed entities and none of its refused spans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zhreport_extract import PatternError
from zhreport_extract.entities import EntityFinder
from zhreport_extract.patterns import EntityExample, Patterns, default_patterns_dir
from zhreport_extract.segment import WordSegmenter

PATTERNS = Patterns()
FILE = PATTERNS.field_examples["entities"]
EXAMPLES = [pytest.param(ex, id=ex.text[:30]) for ex in FILE.example]


@pytest.fixture(scope="module", params=["rules", "spacy"])
def finder(request: pytest.FixtureRequest) -> EntityFinder:
    if request.param == "spacy":
        pytest.importorskip("spacy")
    return EntityFinder(PATTERNS, WordSegmenter(PATTERNS.user_dict), engine=request.param)


def test_the_examples_file_is_there() -> None:
    assert len(EXAMPLES) >= 5
    assert any(ex.not_entities for ex in FILE.example) and any(ex.entities for ex in FILE.example)


@pytest.mark.parametrize("ex", EXAMPLES)
def test_each_example_yields_its_entities(finder: EntityFinder, ex: EntityExample) -> None:
    got = [(e.label, e.span.text) for e in finder.find(ex.text, [(0, len(ex.text))])]
    for label, span in ex.entities:
        assert (label, span) in got, (ex.text, got)
    spans = {span for _, span in got}
    assert not spans & set(ex.not_entities), (ex.text, got)


def test_an_entity_not_in_its_text_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), target)
    path = target / "entities.examples.toml"
    path.write_text('[[example]]\ntext = "市妇联举办活动。"\nentities = [["ORG", "县妇联"]]\n', encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Patterns(target)
    assert err.value.file == str(path)
    assert "not in text" in str(err.value)
