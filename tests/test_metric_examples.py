"""The metric examples beside metric.toml (patterns/metric.examples.toml): each phrase must give
its quantity exactly the metric written there."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError
from zhreport_extract.patterns import MetricExample, Patterns

EXAMPLES = [pytest.param(ex, id=f"{ex.text}:{ex.quantity}") for ex in Patterns().metric_examples.positive]


def test_there_are_metric_examples() -> None:
    assert len(EXAMPLES) >= 25


@pytest.mark.parametrize("ex", EXAMPLES)
def test_metric_example(extractor: Extractor, ex: MetricExample) -> None:
    facts = [f for f in extractor.extract(ex.text).facts if f.quantity.text == ex.quantity]
    assert facts, f"{ex.text!r}: no fact {ex.quantity!r}"
    got = facts[0].metric.text if facts[0].metric else ""
    assert got == ex.metric


def test_a_metric_not_in_its_text_is_refused(tmp_path: Path) -> None:
    import shutil

    from zhreport_extract.patterns import default_patterns_dir

    target = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), target)
    (target / "metric.examples.toml").write_text(
        '[[positive]]\ntext = "开展讲座5期"\nquantity = "5期"\nmetric = "培训"\n', encoding="utf-8"
    )
    with pytest.raises(PatternError, match="not in text"):
        Patterns(target)
