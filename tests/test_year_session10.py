"""Year rules of session 10 (patterns/years.toml; examples in years.examples.toml), on made-up texts."""

from __future__ import annotations

from datetime import date

from zhreport_extract import Extractor


def _years(extractor: Extractor, text: str, when: date | None = None) -> dict[str, int | None]:
    return {f.quantity.text: f.year for f in extractor.extract(text, date=when).facts}


def test_a_year_opening_a_later_clause_frames_the_later_semicolon_parts(extractor: Extractor) -> None:
    text = "区妇联工作简报\n二是关爱儿童。开展助学活动，2018年全区共资助学生90人；在6个社区建成儿童之家6个。"
    years = _years(extractor, text, date(2019, 3, 1))
    assert years["90人"] == 2018 and years["6个"] == 2018


def test_a_year_with_a_month_or_modifying_a_noun_frames_no_later_part(extractor: Extractor) -> None:
    event = "区妇联工作简报\n二是关爱儿童。开展助学活动，2018年5月启动助学计划；在6个社区建成儿童之家6个。"
    assert _years(extractor, event, date(2019, 3, 1))["6个"] == 2019
    noun = "区妇联工作简报\n二是关爱儿童。走访2018年建档立卡户30户；在6个社区建成儿童之家6个。"
    assert _years(extractor, noun, date(2019, 3, 1))["6个"] == 2019


def test_a_summary_formula_naming_another_year_than_the_title_decides(extractor: Extractor) -> None:
    text = "某乡2021年工作总结和2022年工作计划\n现将2022年全年工作情况总结如下：\n一、产业发展\n新种果树800亩。"
    result = extractor.extract(text)
    assert result.year == 2022 and result.year_source is not None and result.year_source.rule == "summary_formula"
    assert [f.year for f in result.facts if f.quantity.text == "800亩"] == [2022]


def test_a_summary_formula_naming_the_title_year_leaves_the_title_rule(extractor: Extractor) -> None:
    text = "某乡2022年工作总结和2023年工作计划\n现将2022年工作情况总结如下：\n一、产业发展\n新种果树800亩。"
    result = extractor.extract(text)
    assert result.year == 2022 and result.year_source is not None and result.year_source.rule == "title_summary_and_plan"
