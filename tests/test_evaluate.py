"""The scoring of ANNOTATION.md on small hand-made cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhreport_extract.evaluate import GoldError, Score, metric_f1, parse_gold_line, score_document
from zhreport_extract.records import DocumentResult, Fact, Offsets, Span

TEXT = "推送信息657条，阅读量达22.12万次。实施“春风行动”，招聘会10场。"


def gold_line() -> dict:  # type: ignore[type-arg]
    return {"doc_id": "t", "year": 2018, "facts": [
        {"quantity": "657条", "sentence": "推送信息657条", "count": 657, "unit": "条", "qualifier": None,
         "metric": "推送信息", "initiative": None, "year": 2018},
        {"quantity": "22.12万次", "sentence": "阅读量达22.12万次", "count": 221200, "unit": "次", "qualifier": None,
         "metric": "阅读量", "initiative": None, "year": 2018},
        {"quantity": "10场", "sentence": "招聘会10场", "count": 10, "unit": "场", "qualifier": None,
         "metric": "招聘会", "initiative": "“春风行动”", "year": 2018},
    ]}


def fact(start: int, end: int, count: int, unit: str, metric: tuple[int, int] | None, initiative: str | None,
         year: int | None = 2018) -> Fact:
    return Fact(quantity=Span.of(TEXT, start, end), count=Decimal(count), unit=unit,
                metric=Span.of(TEXT, *metric) if metric else None, initiative=initiative, year=year,
                sentence=Offsets(start=0, end=len(TEXT)), rule="test")


def test_resolve_and_score() -> None:
    gold = parse_gold_line(gold_line(), TEXT)
    assert [(g.start, g.end) for g in gold.facts] == [(4, 8), (13, 20), (33, 36)]
    preds = (
        fact(4, 8, 657, "条", (2, 4), None),  # metric 信息 vs 推送信息: char F1 0.67 -> right
        fact(13, 20, 221200, "次", (9, 12), None, year=2017),  # wrong year
        fact(33, 36, 10, "场", (30, 33), "春风行动"),  # initiative equal after stripping quotes
        fact(0, 2, 1, "", None, None),  # spurious
    )
    score = Score()
    score_document(score, DocumentResult(doc_id="t", length=len(TEXT), facts=preds), gold)
    s = score.summary()
    assert s["span_precision"] == pytest.approx(3 / 4)
    assert s["span_recall"] == 1.0
    assert s["year_accuracy"] == pytest.approx(2 / 3)
    assert s["metric_accuracy"] == 1.0
    assert s["initiative_f1"] == 1.0
    assert s["fact_f1"] == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert any(p.startswith("SPURIOUS") for p in score.problems)
    assert any("year: 2017" in p for p in score.problems)


def test_initiative_f1_counts_only_named_answers() -> None:
    gold = parse_gold_line(gold_line(), TEXT)
    preds = (fact(4, 8, 657, "条", (2, 4), None), fact(13, 20, 221200, "次", (9, 12), "乱猜"),
             fact(33, 36, 10, "场", (30, 33), None))
    score = Score()
    score_document(score, DocumentResult(doc_id="t", length=len(TEXT), facts=preds), gold)
    assert score.summary()["initiative_f1"] == 0.0  # null everywhere earns nothing


def test_initiative_precision_and_recall_apart() -> None:
    gold = parse_gold_line(gold_line(), TEXT)
    preds = (fact(4, 8, 657, "条", (2, 4), "春风行动"), fact(13, 20, 221200, "次", (9, 12), None),
             fact(33, 36, 10, "场", (30, 33), "春风行动"))
    score = Score()
    score_document(score, DocumentResult(doc_id="t", length=len(TEXT), facts=preds), gold)
    s = score.summary()
    assert s["initiative_precision"] == pytest.approx(1 / 2)  # one of two named answers is right
    assert s["initiative_recall"] == 1.0  # the one named gold fact is found
    assert s["initiative_f1"] == pytest.approx(2 / 3)


def test_metric_f1() -> None:
    assert metric_f1("就业岗位", "提供就业岗位") == pytest.approx(0.8)
    assert metric_f1(None, "x") == 0.0


def test_gold_errors_name_the_problem() -> None:
    line = gold_line()
    line["facts"][0]["sentence"] = "不在文中"
    with pytest.raises(GoldError, match="not in text"):
        parse_gold_line(line, TEXT)
