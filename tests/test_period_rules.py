"""The period stage's rules beyond single examples: the reach of 年均 and of a window cut by a
one-year base, levels inside a window, ；-lists, and the rule file's validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError


def periods(extractor: Extractor, text: str, date: str | None = None) -> list[tuple[str, str]]:
    return [(f.quantity.text, f.period) for f in extractor.extract(text, date=date).facts]


def test_part_window_after_short_leads_and_across_items(extractor: Extractor) -> None:
    text = (
        "全县卫生健康工作稳步推进，现有卫生机构85家。\n妇幼保健有力。一是孕产妇管理。上半年，住院分娩820人；筛查高危孕妇56人。二是儿童保健。体检儿童1500人次。\n"
        "健康教育持续开展，各村卫生室普遍设立了宣传栏并定期更新内容，群众知晓率不断提高。举办讲座40场。"
    )
    assert periods(extractor, text, "2020-07-28") == [
        ("85家", "year"), ("820人", "part"), ("56人", "part"), ("1500人次", "part"), ("40场", "year"),
    ]


def test_rate_cue_reaches_its_clause_only(extractor: Extractor) -> None:
    text = "全区工业产值年均增长8.5%，规模以上企业达到210家。"
    assert periods(extractor, text, "2021-01-10") == [("8.5%", "span"), ("210家", "year")]


def test_rate_cue_frames_no_document(extractor: Extractor) -> None:
    text = "各位代表：\n——经济稳步增长。全区生产总值比2015年增长40%，年均增长7%。\n关停小煤矿120处，淘汰落后产能300万吨。"
    assert dict(periods(extractor, text, "2021-01-10"))["120处"] == "year"


def test_window_cut_by_a_one_year_base(extractor: Extractor) -> None:
    text = "五年来，全县新建学校16所，去年全县教育投入比上年增长12%。"
    assert periods(extractor, text, "2021-01-10") == [("16所", "span"), ("12%", "year")]


def test_levels_inside_a_window(extractor: Extractor) -> None:
    text = "五年来，全县新建学校16所，全县共有学校210所，城镇居民人均可支配收入达到3.2万元。"
    assert periods(extractor, text, "2021-01-10") == [("16所", "span"), ("210所", "year"), ("3.2万元", "year")]


def test_an_unemployment_rate_is_a_level_at_a_point(extractor: Extractor) -> None:
    # a rate of those out of work, named by the indicator or only by its metric (青年失业率), and
    # its change are the year's inside a part window; the flows beside them keep the window
    text = "1-9月，全市城镇新增就业2.1万人。9月份，城镇调查失业率为5.1%，比上月下降0.1个百分点，青年失业率为13.5%。"
    assert periods(extractor, text, "2023-10-20") == [
        ("2.1万人", "part"), ("5.1%", "year"), ("0.1个百分点", "year"), ("13.5%", "year"),
    ]


def test_a_goal_in_a_part_year_frame_is_the_years(extractor: Extractor) -> None:
    # plan figures under a half-year frame are the year's; a goal with its own part cue keeps it
    text = (
        "镇妇联上半年工作总结\n上半年，举办培训班12期，全年计划培训妇女800人次。\n"
        "下半年，力争新建妇女微家15个。"
    )
    assert periods(extractor, text, "2022-07-05") == [("12期", "part"), ("800人次", "year"), ("15个", "part")]


def test_list_items_carry_their_window(extractor: Extractor) -> None:
    text = "五年新增电力装机300万千瓦；新增公路1200公里；建成客运站8个。"
    assert [p for _, p in periods(extractor, text, "2021-01-10")] == ["span", "span", "span"]


def test_a_section_heading_of_a_window_and_one_year_frames_neither(extractor: Extractor) -> None:
    # a heading naming the window and one year (…和2026年工作安排) does not spread the window over
    # the year's plan; a heading of the window alone (二、“十五五”时期目标任务) still does
    plan = "某市政府工作报告\n各位代表：\n二、“十五五”时期主要任务和2026年工作安排\n全市主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业6万人。"
    assert periods(extractor, plan) == [("5.5%", "year"), ("6万人", "year")]
    window = "某市政府工作报告\n各位代表：\n二、“十五五”时期主要任务\n全市主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业6万人。"
    assert periods(extractor, window) == [("5.5%", "span"), ("6万人", "span")]


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("since_pattern = '(?P<y>", "since_pattern = '(?P<z>", "group"),
        ("one_year_base_pattern = '", "one_year_base_pattern = '(", "invalid regex"),
    ],
)
def test_broken_period_rules_are_named(patterns_copy: Path, old: str, new: str, reason: str) -> None:
    path = patterns_copy / "period.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Extractor(patterns_copy, entities=False)
    assert "period.toml" in str(err.value) and reason in str(err.value)


def test_running_total_set_against_the_years_figure(extractor: Extractor) -> None:
    text = (
        "县慈善会全年募集善款820万元，累计募集善款1.6亿元，受助群众2.1万人次；救助支出610万元，累计救助支出9000万元。\n"
        "县红十字会累计登记志愿捐献者340人，其中2021年新增45人。"
    )
    assert periods(extractor, text, "2021-12-30") == [
        ("820万元", "year"), ("1.6亿元", "span"), ("2.1万人次", "span"), ("610万元", "year"), ("9000万元", "span"),
        ("340人", "span"), ("45人", "year"),
    ]


def test_bare_running_total_alone_is_left_to_the_frames(extractor: Extractor) -> None:
    text = "全县开展志愿服务90场，累计开展培训12期。今年，全县累计发放创业贷款3200万元。全年累计培训农民工2100人次。"
    assert periods(extractor, text, "2021-12-30") == [("90场", "year"), ("12期", "year"), ("3200万元", "year"), ("2100人次", "year")]


def test_a_festivals_time_holds_for_its_sentence_only(extractor: Extractor) -> None:
    text = "县总工会工作总结\n元旦、春节帮困送温暖惠及困难群众900人次，发放慰问金45万元。全年新建职工书屋12个。\n县妇联在春节前夕走访困难妇女160户。"
    assert periods(extractor, text) == [("900人次", "part"), ("45万元", "part"), ("12个", "year"), ("160户", "part")]


def test_womens_and_childrens_days_are_festivals(extractor: Extractor) -> None:
    text = (
        "区妇联工作总结\n“三八”节前夕为困难妇女送去慰问品价值1.5万元。全年举办家长课堂36场。\n"
        "在六一儿童节来临之际，为山区学校捐赠图书2000册。全年新建儿童之家8个。"
    )
    assert periods(extractor, text) == [("1.5万元", "part"), ("36场", "year"), ("2000册", "part"), ("8个", "year")]


def test_plan_shares_under_a_point_window(extractor: Extractor) -> None:
    text = (
        "截至6月底，全市新增城镇就业8200人，完成全年目标数61.2%；医保参保人数达到52万人，实现全年目标数的98%；"
        "各项工程分别完成年度计划任务的45%、52%和60%。"
    )
    assert periods(extractor, text, "2021-07-10") == [
        ("8200人", "part"), ("61.2%", "part"), ("52万人", "year"), ("98%", "year"), ("45%", "part"), ("52%", "part"), ("60%", "part"),
    ]


def test_undated_window_since_the_year_under_review(extractor: Extractor) -> None:
    text = "县残联2021年工作动态\n近年来，县残联不断完善服务体系。\n2021年以来，为残疾人家庭实施无障碍改造45户。"
    assert periods(extractor, text) == [("45户", "year")]
    assert periods(extractor, text, "2021-07-20") == [("45户", "part")]
    assert periods(extractor, "社区2021年工作动态\n2021年5月以来，社区共走访独居老人83人。") == [("83人", "part")]


def test_a_level_at_the_time_of_a_half_year_report(extractor: Extractor) -> None:
    text = (
        "街道2021年上半年工作总结\n目前，辖区居家养老补贴标准从80元提高到95元，覆盖率达到96%。"
        "上半年发放补贴资金42万元，同比增长6%。"
    )
    assert periods(extractor, text) == [("80元", "year"), ("95元", "year"), ("96%", "year"), ("42万元", "part"), ("6%", "part")]


def test_a_window_from_a_season_of_the_facts_own_year(extractor: Extractor) -> None:
    text = "县教体局2021年工作动态\n2021年春季学期以来，全县新建校舍12所，改造操场8个。本年度下达维修资金760万元。"
    assert periods(extractor, text, "2021-06-18") == [("12所", "part"), ("8个", "part"), ("760万元", "year")]
    earlier = "县教体局工作动态\n2018年春季学期以来，全县新建校舍12所。"
    assert periods(extractor, earlier, "2021-06-18") == [("12所", "span")]


def test_an_events_time_and_this_month_hold_for_their_sentence(extractor: Extractor) -> None:
    text = (
        "县科协2022年工作总结\n全国科普日活动期间，组织科普讲座16场，发放资料5000份。全年培训农民3200人次。\n"
        "团县委将在本月开展志愿服务活动40场。截至本月底，全县注册志愿者达到2.1万人。"
    )
    assert periods(extractor, text) == [
        ("16场", "part"), ("5000份", "part"), ("3200人次", "year"), ("40场", "part"), ("2.1万人", "year"),
    ]
