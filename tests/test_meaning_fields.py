"""The meaning fields (change, status, indicator, period): each examples file beside its
rules (patterns/<field>.examples.toml), run through the extractor, and the rule files'
validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError, Patterns
from zhreport_extract.meaning_patterns import MEANING_EXAMPLE_FILES, MeaningExample, load_meaning_examples

EXAMPLES = load_meaning_examples(Patterns())
CASES = [
    pytest.param(stem, ex, id=f"{stem}:{ex.text[:30]}") for stem, f in EXAMPLES.items() for ex in f.example
]


def test_every_meaning_field_has_its_examples() -> None:
    assert sorted(EXAMPLES) == sorted(MEANING_EXAMPLE_FILES)
    for stem, f in EXAMPLES.items():
        values = {ex.value for ex in f.example}
        assert len(f.example) >= 8, stem
        assert "null" in values or stem in ("status", "period"), f"{stem}: no negative example"


@pytest.mark.parametrize(("stem", "ex"), CASES)
def test_example_takes_its_value(extractor: Extractor, stem: str, ex: MeaningExample) -> None:
    field = MEANING_EXAMPLE_FILES[stem]
    facts = [f for f in extractor.extract(ex.text, date=ex.date).facts if f.quantity.text == ex.quantity]
    assert facts, f"{ex.text!r}: no fact {ex.quantity!r}"
    fact = facts[0]
    assert getattr(fact, field) == ex.expected, (ex.text, field, getattr(fact, field))
    if ex.cue is not None:
        cue = getattr(fact, f"{field}_cue")
        assert cue is not None and ex.cue in cue.text, (ex.text, cue)


def test_change_count_is_the_magnitude(extractor: Extractor) -> None:
    facts = extractor.extract("销售额同比-4.5%，余额-120万元。").facts
    assert [(f.quantity.text, float(f.count), f.change) for f in facts] == [("-4.5%", 4.5, "down"), ("-120万元", -1200000.0, None)]


def test_disabled_stage_leaves_defaults() -> None:
    ex = Extractor(entities=False, disable=["change", "status", "indicator", "period"])
    fact = ex.extract("预计地区生产总值上半年增长5%。").facts[0]
    assert (fact.change, fact.status, fact.indicator, fact.period) == (None, "actual", None, "year")
    full = Extractor(entities=False).extract("预计地区生产总值上半年增长5%。").facts[0]
    assert (full.change, full.status, full.indicator, full.period) == ("up", "estimate", "地区生产总值", "part")


def test_a_users_own_indicator(patterns_copy: Path) -> None:
    path = patterns_copy / "indicators.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[indicator]]\nname = "快递业务量"\nforms = ["快递业务量"]\n', encoding="utf-8")
    fact = Extractor(patterns_copy, entities=False).extract("快递业务量增长12%。").facts[0]
    assert fact.indicator == "快递业务量"


@pytest.mark.parametrize(
    ("file", "old", "new", "reason"),
    [
        ("indicators.toml", 'name = "税收收入"\nforms = ["税收收入", "税收", "税收总收入"]', 'name = "税收收入"\nforms = []', "at least 1"),
        ("change.toml", "flat = [\"持平\"]", "flat = [\"\"]", "non-empty"),
        ("status.toml", "target_pattern = '", "target_pattern = '(", "invalid regex"),
        ("period.toml", "base_pattern = '(?:比|较|是|与|同|等于|相当于|从|由)\\s*(?P<y>", "base_pattern = '(?:比|较)\\s*(?P<z>", "group"),
        ("indicators.toml", 'kind = "count"\nnames = ["城镇新增就业"', 'kind = "people"\nnames = ["城镇新增就业"', "level_kind 'people' is none of"),
        ("indicators.toml", 'kind = "measure"\nnames = ["粮食产量"]', 'kind = "measure"\nnames = ["粮食总量"]', "unknown indicator '粮食总量'"),
    ],
)
def test_broken_meaning_rules_name_file_and_entry(patterns_copy: Path, file: str, old: str, new: str, reason: str) -> None:
    path = patterns_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Extractor(patterns_copy, entities=False)
    assert file in str(err.value) and reason in str(err.value)


def test_shipped_cue_patterns_run_fast_and_a_users_own_under_a_timeout(patterns_copy: Path) -> None:
    from zhreport_extract.meaning_patterns import CuePattern

    shipped = CuePattern("上半年|1-9月", Patterns())
    assert shipped.fast is not None and [m.group(0) for m in shipped.finditer("上半年和1-9月", 0, 8)] == ["上半年", "1-9月"]
    own = CuePattern("(?:a|a)+$", Patterns(patterns_copy))
    assert own.fast is None
    with pytest.raises(TimeoutError):
        list(own.finditer("a" * 60 + "b", 0, 61))
    period = patterns_copy / "period.toml"
    period.write_text(period.read_text(encoding="utf-8").replace("part = [", 'part = ["本月内",', 1), encoding="utf-8")
    fact = Extractor(patterns_copy, entities=False).extract("本月内新建学校3所。").facts[0]
    assert fact.period == "part"
