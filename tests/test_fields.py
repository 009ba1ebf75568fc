"""Metric, initiative and year rules on short texts written for these tests."""

from __future__ import annotations

from decimal import Decimal


def facts(extractor, text: str, date: str | None = None):  # type: ignore[no-untyped-def]
    return {f.quantity.text: f for f in extractor.extract(text, date=date).facts}


# --- metric shapes --------------------------------------------------------------


def test_metric_before_number_and_across_value_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "推送信息657条，阅读量达22.12万次，处理率达100%。")
    assert f["657条"].metric.text == "推送信息"
    assert f["22.12万次"].metric.text == "阅读量"
    assert f["100%"].metric.text == "处理率"


def test_metric_after_number(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "为163名农村困难母亲争取救助金。")
    assert f["163名"].metric.text.endswith("母亲")


def test_metric_across_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "举办讲座10期，参与群众4000多人。")
    assert f["10期"].metric.text.endswith("讲座")
    assert "群众" in f["4000多人"].metric.text


def test_metric_of_a_change_keeps_the_change_word(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "营业收入同比增长12.5%，实现利润3亿元，比上年增长7%。")
    assert f["12.5%"].metric.text == "营业收入同比增长"
    assert f["7%"].metric.text == "比上年增长"


def test_metric_in_lists_with_qizhong(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "培育示范基地6个，其中科技示范基地5个、就业示范基地1个。")
    assert f["5个"].metric.text == "科技示范基地"
    assert f["1个"].metric.text == "就业示范基地"


def test_value_without_its_own_metric_takes_the_one_before(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "查处违规问题5万多起、6万多人。")
    assert f["6万多人"].metric.text == f["5万多起"].metric.text


def test_from_to_pair_shares_the_subject(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "地区生产总值由2010年的162.4亿元增加到2015年的300亿元。")
    assert f["162.4亿元"].metric.text == "地区生产总值"
    assert f["300亿元"].metric.text == "地区生产总值"
    assert (f["162.4亿元"].year, f["300亿元"].year) == (2010, 2015)


# --- initiative scope -------------------------------------------------------------

SCOPED = (
    "一、工作成效\n"
    "实施“春苗行动”，带动发展。培训学员20期，覆盖学员300人。\n"
    "各地加强就业，新增就业岗位50个。举办“暖心行动”招聘会12场，提供岗位900个。另建成站点8个。\n"
    "二、其他工作\n"
    "新建服务站5个。\n"
)


def test_paragraph_head_initiative_governs_following_paragraphs(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, SCOPED)
    assert f["20期"].initiative == "春苗行动"
    assert f["300人"].initiative == "春苗行动"
    assert f["8个"].initiative == "春苗行动"  # the next paragraph, outside the sentence that names 暖心行动
    assert f["50个"].initiative == "春苗行动"  # a head sentence that states a figure is no run-in heading


def test_run_in_heading_ends_a_programme_named_in_body_text(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "实施“春苗行动”，带动发展。培训学员20期。\n各地加强就业。另建成站点8个。\n"
    assert facts(extractor, text)["8个"].initiative is None  # 各地加强就业。 heads a section in prose


def test_sentence_initiative_wins_inside_its_sentence(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, SCOPED)
    assert f["12场"].initiative == "暖心行动"
    assert f["900个"].initiative == "暖心行动"


def test_heading_ends_the_section(extractor) -> None:  # type: ignore[no-untyped-def]
    assert facts(extractor, SCOPED)["5个"].initiative is None


def test_closing_paragraph_ends_the_section(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "实施“春苗行动”，带动发展。培训学员20期。\n其他段落建成站点3个。\n总之，全年获表彰集体7个。\n"
    f = facts(extractor, text)
    assert f["3个"].initiative == "春苗行动"
    assert f["7个"].initiative is None


def test_honours_platforms_policies_and_lists_are_not_initiatives(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "荣获“全国最美家庭”2户。打造“网上妇女之家”，推送信息6条。落实“四稳”政策，减税3亿元。开展“书香”“百湖”等活动9场。"
    assert all(f.initiative is None for f in facts(extractor, text).values())


# --- year -------------------------------------------------------------------------


def test_explicit_year_frames_its_sentence(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "2025年市政府工作报告\n2024年，培育基地6个。全年新增岗位900个。")
    assert f["6个"].year == 2024
    assert f["900个"].year == 2024  # the document's year: a 2025 report reviews 2024


def test_year_that_modifies_a_noun_or_is_a_base_does_not_set_the_year(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "2019年市政府工作报告\n帮扶2016年建档立卡贫困家庭300户，比2016年高0.3个百分点。")
    assert f["300户"].year == 2018
    assert f["0.3个百分点"].year == 2018


def test_relative_years_follow_the_date(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "去年新建学校5所，今年计划新建8所。", date="2024-03-05")
    assert f["5所"].year == 2023
    assert f["8所"].year == 2024


def test_plan_section_takes_the_plan_year(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "2026年省政府工作报告\n一、2025年工作回顾\n全年新增就业60万人。\n二、2026年重点工作\n新增就业50万人以上。\n"
    f = facts(extractor, text)
    assert f["60万人"].year == 2025
    assert f["50万人"].year == 2026


def test_per_and_range(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "人均可支配收入30788元，年均增长12.1%，每人补助1万元，预期增长5%—5.5%。")
    assert f["30788元"].per == "人"
    assert f["12.1%"].per == "年"
    assert f["1万元"].per == "人"
    r = f["5%—5.5%"]
    assert (r.count, r.count_max, r.unit) == (5, 5.5, "%")


def test_heading_that_names_an_initiative_governs_its_section(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "（一）实施“春苗行动”\n培训学员20期。\n（二）其他工作\n新建服务站5个。\n"
    f = facts(extractor, text)
    assert f["20期"].initiative == "春苗行动"
    assert f["5个"].initiative is None


def test_bare_value_shares_the_unit_of_the_next(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "城乡居民收入分别提高3.8和3.6个百分点。第1和2项不算。")
    assert (f["3.8"].count, f["3.8"].unit) == (Decimal("3.8"), "百分点")
    assert f["3.6个百分点"].unit == "百分点"
    assert "1" not in f


def test_quote_inside_a_longer_object_is_not_introduced_by_the_verb(extractor) -> None:  # type: ignore[no-untyped-def]
    f = facts(extractor, "全市为建设新时代“四力”新城市贡献力量，培训学员300人。")
    assert f["300人"].initiative is None
    g = facts(extractor, "打造新时代更高水平“丰收粮仓”，新建高标准农田5万亩。")
    assert g["5万亩"].initiative == "丰收粮仓"
