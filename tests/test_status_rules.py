"""The status stage's rules beyond single examples: plan sections by heading level and head noun,
news headlines, 到 + year against the year reviewed, and the rule file's validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError


def statuses(extractor: Extractor, text: str, date: str | None = None) -> list[tuple[str, str]]:
    return [(f.quantity.text, f.status) for f in extractor.extract(text, date=date).facts]


def test_plan_section_runs_through_its_subheadings_and_ends_at_a_sibling(extractor: Extractor) -> None:
    text = (
        "县妇联2020年工作总结和2021年工作要点\n一、2020年工作回顾\n全年培训妇女2100人次。\n"
        "二、2021年工作要点\n（一）抓好培训。培训妇女2500人次。\n（二）做好维权。办结率达到95%以上。\n"
        "三、其他事项\n全县现有妇女组织130个。"
    )
    assert statuses(extractor, text) == [
        ("2100人次", "actual"), ("2500人次", "target"), ("95%", "target"), ("130个", "actual"),
    ]


def test_a_headline_reporting_a_plan_makes_no_plan(extractor: Extractor) -> None:
    text = "市妇联召开全委会 部署2016年重点工作\n本报讯 会议总结了2015年工作，全年发放创业贷款1.2亿元。"
    assert statuses(extractor, text, "2016-01-20") == [("1.2亿元", "actual")]
    plan = "市妇联2016年重点工作\n全年发放创业贷款1.5亿元。"
    assert statuses(extractor, plan, "2016-01-20") == [("1.5亿元", "target")]


def test_a_review_heading_whose_last_word_reviews(extractor: Extractor) -> None:
    text = "工作汇报\n一、重点工作完成情况\n举办培训班20期。\n二、下一步工作打算\n举办培训班25期。"
    assert statuses(extractor, text) == [("20期", "actual"), ("25期", "target")]


def test_a_run_in_heading_is_only_its_first_sentence(extractor: Extractor) -> None:
    # the words of the body after a run-in heading (1、…。body) name no section: neither a plan
    # word in a review's body nor a review word in a plan's body turns the paragraphs after it
    review = (
        "乡镇上半年工作汇报\n一、上半年工作情况\n1、组织建设。到6月底各项任务均已按期完成：新建基层工会8家。\n"
        "2、宣传工作。举办讲座15场。"
    )
    assert statuses(extractor, review) == [("8家", "actual"), ("15场", "actual")]
    plan = (
        "镇2025年工作安排\n一、2025年工作安排\n（一）稳产保供。对照去年完成情况，新建高标准农田2万亩。\n"
        "（二）民生实事。新建村级养老服务站6个。"
    )
    assert statuses(extractor, plan) == [("2万亩", "target"), ("6个", "target")]


def test_target_year_against_the_year_reviewed(extractor: Extractor) -> None:
    text = "到2019年底，全县共有养老机构32家。到2025年，全县养老机构达到40家。"
    facts = extractor.extract(text, date="2020-01-10").facts
    assert [(f.quantity.text, f.status, f.status_cue.text if f.status_cue else None) for f in facts] == [
        ("32家", "actual", None), ("40家", "target", "到2025年"),
    ]


def test_object_marker_and_future(extractor: Extractor) -> None:
    assert statuses(extractor, "我们将关爱留守儿童工作落到实处，为120名留守儿童发放学习用品。") == [("120名", "actual")]
    assert statuses(extractor, "明年将新建农家书屋60个。") == [("60个", "target")]


def test_an_estimate_cue_reaches_the_semicolon_items_of_its_sentence(extractor: Extractor) -> None:
    text = (
        "预计全县生产总值38.2亿元、增长6.5%；一般公共预算收入2.1亿元、增长4%；城镇居民人均可支配收入31200元。"
        "全年新建农村公路42公里。"
    )
    assert statuses(extractor, text, "2022-01-15") == [
        ("38.2亿元", "estimate"), ("6.5%", "estimate"), ("2.1亿元", "estimate"), ("4%", "estimate"),
        ("31200元", "estimate"), ("42公里", "actual"),
    ]
    assert statuses(extractor, "计划培训妇女2000人次；全年发放贷款1.2亿元。") == [
        ("2000人次", "target"), ("1.2亿元", "actual"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("target_year_pattern = '(?P<y>", "target_year_pattern = '(?P<z>", "group"),
        ("list_item_pattern = '", "list_item_pattern = '(", "invalid regex"),
    ],
)
def test_broken_status_rules_are_named(patterns_copy: Path, old: str, new: str, reason: str) -> None:
    path = patterns_copy / "status.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Extractor(patterns_copy, entities=False)
    assert "status.toml" in str(err.value) and reason in str(err.value)


def test_a_title_block_naming_review_and_plan_opens_no_plan(extractor: Extractor) -> None:
    # a page repeats its title below a menu line: the title names both a review and a plan, so the
    # sections decide (the review's estimate stays an estimate, the plan section's figure a target)
    text = (
        "资料网 > 工作计划 > 年度计划 > 村2022年工作总结和2023年工作计划\n"
        "村2022年工作总结和2023年工作计划\n"
        "预计全年村集体经济收入增长8%左右。全年新修道路3公里。\n"
        "二、2023年工作计划\n新修道路5公里。"
    )
    assert statuses(extractor, text, "2022-12-20") == [
        ("8%", "estimate"), ("3公里", "actual"), ("5公里", "target"),
    ]


def test_a_goal_reached_under_a_long_name_is_no_cue(extractor: Extractor) -> None:
    text = "去年，全市圆满完成本届政府农村危房改造三年攻坚目标，又改造危房1200户。力争今年改造危房800户。"
    assert statuses(extractor, text, "2021-01-20") == [("1200户", "actual"), ("800户", "target")]
