from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from zhreport_extract.records import DocumentResult, ExtractionError, Fact, Offsets, Paragraph, Sentence, Span, json_schema


def test_span_of_and_check() -> None:
    doc = "参与群众4000多人。"
    span = Span.of(doc, 4, 10)
    assert span.text == "4000多人"
    span.check(doc)
    with pytest.raises(ValueError, match="holds"):
        Span(start=0, end=6, text="4000多人").check(doc)


def test_span_refuses_inconsistent_length_and_order() -> None:
    with pytest.raises(ValidationError):
        Span(start=3, end=1, text="")
    with pytest.raises(ValidationError):
        Span(start=0, end=2, text="abc")


def test_records_are_frozen_and_refuse_unknown_fields() -> None:
    span = Span(start=0, end=1, text="5")
    with pytest.raises(ValidationError):
        span.start = 2  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Span(start=0, end=1, text="5", colour="red")  # type: ignore[call-arg]


def test_fact_keeps_exact_decimal_and_serialises_ints_exactly() -> None:
    fact = Fact(
        quantity=Span(start=0, end=7, text="22.12万次"), count=Decimal("221200"), unit="次",
        sentence=Offsets(start=0, end=7), rule="number_unit",
    )
    assert fact.count == Decimal("221200")
    dumped = fact.model_dump(mode="json")
    assert dumped["count"] == 221200 and isinstance(dumped["count"], int)
    half = fact.model_copy(update={"count": Decimal("0.5")})
    assert half.model_dump(mode="json")["count"] == 0.5


def test_document_result_check_and_rows() -> None:
    doc = "建成1个示范区"
    fact = Fact(quantity=Span.of(doc, 2, 4), count=Decimal(1), unit="个", metric=Span.of(doc, 4, 7),
                sentence=Offsets(start=0, end=7), rule="number_unit")
    result = DocumentResult(doc_id="d", length=len(doc), facts=(fact,))
    result.check(doc)
    rows = result.to_records()
    assert rows == [{
        "doc_id": "d", "quantity": "1个", "start": 2, "end": 4, "count": 1, "count_exact": "1", "unit": "个",
        "qualifier": None, "count_max": None, "count_max_exact": None, "per": None, "metric": "示范区",
        "metric_start": 4, "metric_end": 7, "initiative": None, "initiative_cue": None, "year": None, "change": None, "change_cue": None,
        "status": "actual", "status_cue": None, "indicator": None, "indicator_cue": None, "period": "year",
        "period_cue": None, "actor": None, "sentence_start": 0, "sentence_end": 7, "rule": "number_unit", "error": None,
    }]
    with pytest.raises(ValueError):
        result.check(doc + "。")


def test_json_schema_names_the_records() -> None:
    schema = json_schema()
    assert schema["title"] == "DocumentResult"
    assert {"Fact", "Span", "Offsets"} <= set(schema["$defs"])
    assert schema["$defs"]["Fact"]["additionalProperties"] is False


def test_results_cross_processes_as_plain_values_and_come_back_equal() -> None:
    """records.to_wire / from_wire, which batch workers use: lossless on real results."""
    import pickle

    from conftest import shared_path

    from zhreport_extract import Extractor
    from zhreport_extract.records import WIRE_RECORDS, from_wire, to_wire

    ex = Extractor()
    folder = shared_path("corpus", "reports")
    results = [ex.extract(p.read_text(encoding="utf-8"), doc_id=p.name) for p in sorted(folder.glob("*.txt"))[::20]]
    results.append(ex.extract("开展培训3场。", disabled_rules=["bare_number"]))
    results.append(DocumentResult(doc_id=None, length=3, errors=(ExtractionError(kind="TypeError", message="m"),)))
    wire = pickle.loads(pickle.dumps([to_wire(r) for r in results]))
    assert all(isinstance(w, list) for w in wire)  # plain values only
    back = [from_wire(w) for w in wire]
    assert back == results
    assert [b.to_json_dict() for b in back] == [r.to_json_dict() for r in results]
    assert [b.model_fields_set for b in back] == [r.model_fields_set for r in results]  # defaults stay unset
    assert {type(f) for b in back for f in b.facts} == {Fact} and Fact in WIRE_RECORDS
    # named tuples cross as plain tuples (which compare equal to them) and come back typed
    assert {type(s) for b in back for s in b.sentences} == {Sentence}
    assert {type(p) for b in back for p in b.paragraphs} == {Paragraph}
    assert {type(f.sentence) for b in back for f in b.facts} == {Offsets}
    assert all(type(s) is tuple for w in wire for s in w[4])  # DocumentResult's sentences field, sent plain
    back[0].check(folder.joinpath(back[0].doc_id or "").read_text(encoding="utf-8"))  # spans still grounded


def test_sentences_and_paragraphs_are_named_tuples_that_round_trip_through_json() -> None:
    from zhreport_extract import Extractor

    doc = "一、工作回顾\n建成1个示范区。培训3场"
    result = Extractor(entities=False).extract(doc)
    assert result.paragraphs == (Paragraph(0, 6, True), Paragraph(start=7, end=19, heading=False))
    assert result.sentences == (Sentence(0, 6, 0), Sentence(7, 15, 1), Sentence(15, 19, 1))
    assert [doc[s.start : s.end] for s in result.sentences] == ["一、工作回顾", "建成1个示范区。", "培训3场"]
    assert result.facts[0].sentence == Offsets(7, 15) and result.facts[0].sentence.end == 15
    dumped = json.loads(result.model_dump_json())
    assert dumped["sentences"][1] == [7, 15, 1] and dumped["paragraphs"][0] == [0, 6, True]
    assert dumped["facts"][0]["sentence"] == [7, 15]
    back = DocumentResult.model_validate_json(result.model_dump_json())
    assert back == result and type(back.sentences[0]) is Sentence and type(back.facts[0].sentence) is Offsets
    with pytest.raises(ValidationError):
        DocumentResult(length=1, sentences=((0, "x", 0),))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        DocumentResult(length=1, paragraphs=(Paragraph(-1, 2),))  # offsets are checked where a record holds them
