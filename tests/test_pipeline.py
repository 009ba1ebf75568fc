"""The pipeline end to end: scores on the seed and dev set, spans over every shared report."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, shared_path

from zhreport_extract.evaluate import TextSource, evaluate, load_gold


def score(extractor, gold: Path, source: TextSource) -> dict[str, float]:  # type: ignore[no-untyped-def]
    docs = load_gold(gold, source)
    return evaluate((extractor.extract(g.text, doc_id=g.doc_id, date=g.date), g) for g in docs).summary()


def test_seed_report_scores(extractor) -> None:  # type: ignore[no-untyped-def]
    s = score(extractor, REPO / "corpus" / "seed.gold.jsonl", TextSource(REPO / "corpus" / "texts"))
    assert s["n_gold"] == 49
    assert s["span_f1"] >= 0.95
    assert s["count_accuracy"] >= 0.95
    assert s["unit_accuracy"] >= 0.95
    assert s["metric_accuracy"] >= 0.7
    assert s["year_accuracy"] >= 0.9


def test_dev_set_quantity_scores(extractor) -> None:  # type: ignore[no-untyped-def]
    texts = shared_path("corpus", "dev", "texts")
    s = score(extractor, REPO / "corpus" / "dev" / "gold.jsonl", TextSource(texts))
    assert s["n_gold"] == 910
    assert s["span_f1"] >= 0.97
    assert s["count_accuracy"] >= 0.99
    assert s["unit_accuracy"] >= 0.98
    assert s["qualifier_accuracy"] >= 0.98


def test_every_span_points_at_its_text_in_all_reports(extractor) -> None:  # type: ignore[no-untyped-def]
    reports = sorted(shared_path("corpus", "reports").glob("*.txt"))
    assert len(reports) == 174
    from test_architecture import check_round_trip

    n_facts = 0
    for path in reports:
        text = path.read_text(encoding="utf-8")
        result = extractor.extract(text, doc_id=path.stem)
        result.check(text)  # raises on any span that does not hold its text
        check_round_trip([result])  # its JSONL line: valid under the schema, loads back equal
        starts = [f.quantity.start for f in result.facts]
        assert starts == sorted(starts), path.stem
        n_facts += len(result.facts)
    assert n_facts > 10_000


def test_counts_are_exact_decimals(extractor) -> None:  # type: ignore[no-untyped-def]
    fact = extractor.extract("阅读量达22.12万次。").facts[0]
    assert str(fact.count) == "221200"
    assert fact.model_dump(mode="json")["count"] == 221200


def test_extraction_leaves_no_cyclic_garbage_and_restores_the_collector(extractor) -> None:  # type: ignore[no-untyped-def]
    import gc

    texts = [
        "2018年，全市共开展“巾帼家美积分超市”活动120场，惠及310万户家庭。市妇联举办培训3场。",
        "营业收入同比增长12.5%，由162.4亿元增加到300亿元。其中“甲”5个、乙1个。",
        "一、总体情况\n全年增长5%。十二大以来，1989人参加。",
    ]
    for text in texts:
        extractor.extract(text)  # what is built on first use (dictionary, caches) is built now
    gc.collect()
    assert gc.isenabled()
    gc.disable()
    try:
        for text in texts * 3:
            extractor.extract(text)
        assert not gc.isenabled()  # a caller's choice to keep it off is kept
        assert gc.collect() == 0  # the pause is safe: extraction makes no reference cycles
        with pytest.raises(TypeError):
            extractor.extract(123)  # type: ignore[arg-type]
        assert not gc.isenabled()
    finally:
        gc.enable()
    extractor.extract(texts[0])
    assert gc.isenabled()
    with pytest.raises(TypeError):
        extractor.extract(None)  # type: ignore[arg-type]
    assert gc.isenabled()  # restored after an error too


def test_time_budget_returns_the_facts_finished_so_far() -> None:
    from zhreport_extract import Extractor

    text = "全市举办培训3场，参与群众4000多人。" * 400
    full = Extractor(entities=False).extract(text)
    cut = Extractor(entities=False, max_seconds_per_doc=1e-9).extract(text)
    assert [e.kind for e in cut.errors] == ["time_budget"] and "time budget" in cut.errors[0].message
    assert len(cut.facts) < len(full.facts) and list(cut.facts) == list(full.facts[: len(cut.facts)])
    roomy = Extractor(entities=False, max_seconds_per_doc=600).extract(text)
    assert roomy.facts == full.facts and not roomy.errors
    with pytest.raises(ValueError, match="positive"):
        Extractor(max_seconds_per_doc=0)
