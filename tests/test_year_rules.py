"""The document-year rules of patterns/years.toml and their examples (patterns/years.examples.toml).

Every document example must get its year from its rule (the result's ``year_source``), every
fact example its year; every rule has an example that it reads. The examples file is validated
by patterns.py like the rule files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError, YearSource
from zhreport_extract.patterns import (
    DATE_RULE, Patterns, YearDocumentExample, YearFactExample, expand_year_pattern,
)
from zhreport_extract.records import Span, from_wire, to_wire

PATTERNS = Patterns()
DOCUMENTS = [pytest.param(ex, id=ex.text[:24]) for ex in PATTERNS.year_examples.document]
FACTS = [pytest.param(ex, id=f"{ex.text[:16]}:{ex.quantity}") for ex in PATTERNS.year_examples.fact]


def test_the_examples_are_there() -> None:
    assert len(DOCUMENTS) >= 30 and len(FACTS) >= 10


@pytest.mark.parametrize("ex", DOCUMENTS)
def test_document_example_gets_its_year_from_its_rule(extractor: Extractor, ex: YearDocumentExample) -> None:
    result = extractor.extract(ex.text, date=ex.date)
    assert result.year == ex.year
    source = result.year_source
    assert (source.rule if source is not None else None) == ex.rule
    if source is not None and source.span is not None:
        source.span.check(ex.text)
    if ex.read is not None:
        assert source is not None and source.span is not None and source.span.text == ex.read
    if ex.rule == DATE_RULE and ex.date is not None:
        assert source is not None and source.span is None
    if ex.date is None and source is not None and source.rule == DATE_RULE:
        # dated by the page's own date line: the rule read it, and it shows as the date
        assert source.span is not None and source.date == source.span


@pytest.mark.parametrize("ex", FACTS)
def test_fact_example_gets_its_year(extractor: Extractor, ex: YearFactExample) -> None:
    facts = [f for f in extractor.extract(ex.text, date=ex.date).facts if f.quantity.text == ex.quantity]
    assert facts, f"no fact {ex.quantity!r} in {ex.text!r}"
    assert facts[0].year == ex.year


@pytest.mark.parametrize("rule", [r.id for r in PATTERNS.years.document])
def test_every_document_rule_has_an_example_it_reads(rule: str) -> None:
    assert any(ex.rule == rule for ex in PATTERNS.year_examples.document), f"no example for {rule!r}"


def test_a_date_example_is_there() -> None:
    assert any(ex.rule == DATE_RULE for ex in PATTERNS.year_examples.document)


# --- the rules' order and conditions ---------------------------------------------------

def test_two_year_title_reviews_the_first_year_and_counts_today_from_it(extractor: Extractor) -> None:
    text = "某镇2016年工作总结暨2017年工作打算\n今年全镇新建桥梁3座，明年计划新建5座。"
    result = extractor.extract(text)
    assert result.year == 2016
    assert [f.year for f in result.facts] == [2016, 2017]


def test_a_date_decides_relative_years(extractor: Extractor) -> None:
    text = "某镇2016年工作总结暨2017年工作打算\n今年全镇新建桥梁3座。"
    result = extractor.extract(text, date="2017-01-20")
    assert result.year == 2016  # the title's reviewed year, not the date's
    assert [f.year for f in result.facts] == [2017]  # 今年 counts from the date (ANNOTATION.md)


def test_the_year_before_is_reviewed_only_early_in_the_year(extractor: Extractor) -> None:
    text = "新春之际，记者从市总工会获悉，经过去年全面整顿，全市新建工会组织120个。"
    assert extractor.extract(text, date="2017-02-10").year == 2016
    assert extractor.extract(text, date="2017-08-10").year == 2017


def test_an_old_opening_year_in_a_dated_item_is_history_not_review(extractor: Extractor) -> None:
    text = "某县志愿服务队十年\n2012年，某县志愿服务队成立。如今队员已有300人。"
    result = extractor.extract(text, date="2022-05-04")
    assert result.year == 2022
    assert result.year_source == YearSource(rule=DATE_RULE)


def test_an_undated_text_without_years_has_no_year_and_no_source(extractor: Extractor) -> None:
    result = extractor.extract("县妇联工作情况\n今年以来，县妇联共开展讲座8场。")
    assert result.year is None and result.year_source is None
    assert [f.year for f in result.facts] == [None]


def test_year_patterns_take_spaces_and_chinese_digits() -> None:
    import regex

    pattern = regex.compile(expand_year_pattern("{Y}工作"))
    assert [m.group("y") for m in pattern.finditer("2023 年工作、二〇二二年工作、2021年工作")] == ["2023", "二〇二二", "2021"]


def test_chinese_digit_years_are_read(extractor: Extractor) -> None:
    result = extractor.extract("二〇一九年工作总结\n全年新建公园2个。")
    assert result.year == 2019
    assert result.year_source is not None and result.year_source.rule == "title_review"


# --- the record -------------------------------------------------------------------------

def test_year_source_travels_and_is_checked(extractor: Extractor) -> None:
    text = "城南街道2021年工作总结及2022年工作思路\n今年以来，街道新建停车场2处。"
    result = extractor.extract(text)
    read = "2021年工作总结及2022年工作思路"
    start = text.index(read)
    assert result.year_source == YearSource(
        rule="title_summary_and_plan", span=Span(start=start, end=start + len(read), text=read)
    )
    assert from_wire(to_wire(result)) == result
    result.check(text)
    with pytest.raises(ValueError):
        result.check(text.replace("2021", "2020"))  # only the year_source span points at 2021


# --- the validator ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('[[document]]\ntext = "2018年，建桥3座。"\nyear = 2018\nrule = "no_such_rule"\n', "unknown document rule"),
        ('[[document]]\ntext = "2018年，建桥3座。"\nyear = 2018\n', "names the rule"),
        ('[[document]]\ntext = "2018年，建桥3座。"\nrule = "opening_year"\n', "sets a year"),
        ('[[document]]\ntext = "2018年，建桥3座。"\nyear = 2018\nrule = "chronicle"\n', "sets no year"),
        ('[[document]]\ntext = "2018年，建桥3座。"\nyear = 2018\nrule = "date"\n', "needs a date"),
        ('[[document]]\ntext = "2018年，建桥3座。"\nyear = 2018\nrule = "opening_year"\nread = "2019年"\n', "not in text"),
        ('[[fact]]\ntext = "2018年，建桥3座。"\nquantity = "4座"\nyear = 2018\n', "not in text"),
        ('[[fact]]\ntext = "2018年，建桥3座。"\nquantity = "3座"\nyear = "soon"\n', "year"),
    ],
)
def test_a_broken_year_examples_file_is_refused_with_its_reason(patterns_copy: Path, body: str, reason: str) -> None:
    path = patterns_copy / "years.examples.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Patterns(patterns_copy)
    assert err.value.file == str(path)
    assert reason in str(err.value)


def test_year_examples_file_is_optional(patterns_copy: Path) -> None:
    (patterns_copy / "years.examples.toml").unlink()
    assert Patterns(patterns_copy).year_examples.document == []


def test_date_examples_parse_toml_dates() -> None:
    assert any(ex.date == date(2016, 1, 20) for ex in PATTERNS.year_examples.document)


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("mention", "'(?P<x>\\d{4})年'", "no group y"),
        ("span_tail", "'(至'", "invalid regex"),
        ("title_stop", "'[一'", "invalid regex"),
    ],
)
def test_a_broken_year_regex_is_refused(patterns_copy: Path, key: str, value: str, reason: str) -> None:
    path = patterns_copy / "years.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(f"{key} = ") for line in lines)
    path.write_text("\n".join(f"{key} = {value}" if line.startswith(f"{key} = ") else line for line in lines) + "\n", encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Patterns(patterns_copy)
    assert err.value.file == str(path) and key in err.value.entry and reason in err.value.reason


def test_a_summary_the_page_dates_early_next_year_keeps_its_own_year(extractor: Extractor) -> None:
    # the page's own date line is when it was put on the web; the title says which year it sums up
    text = "某街道2021年工作总结及2022年工作思路\n发布日期：2022-01-14 09:30 来源：某街道\n今年以来，街道新建停车场2处。\n二、2022年工作思路\n今年计划新建停车场4处。"
    result = extractor.extract(text)
    assert result.year == 2021 and result.year_source is not None and result.year_source.rule == "title_summary_and_plan"
    assert [(f.quantity.text, f.year) for f in result.facts] == [("2处", 2021), ("4处", 2022)]
    # the same text with the date given by the caller: relative years count from it (ANNOTATION.md)
    given = extractor.extract(text.replace("发布日期：2022-01-14 09:30 来源：某街道\n", ""), date="2022-01-14")
    assert [(f.quantity.text, f.year) for f in given.facts] == [("2处", 2022), ("4处", 2022)]
