"""Metric classes found on the session-9 read pages (metric11): a bare head of a flow keeps the verb of
raising or giving before it, a quoted name before a head of money says whose money, not what, and a
bracket between a phrase and its value, or closed inside the phrase, is no part of it. Made-up text."""

from __future__ import annotations

from collections.abc import Callable

MetricsOf = Callable[[str], dict[str, str | None]]  # the `metrics` fixture (conftest.py)


def test_bare_flow_head_keeps_its_verb(metrics: MetricsOf) -> None:
    got = metrics("县慈善总会全年接受社会捐赠款物3.1亿元，其中汛期募集款物9200万元。")
    assert got["3.1亿元"] == "捐赠款物"
    assert got["9200万元"] == "募集款物"


def test_head_of_its_own_kind_or_verb_of_obtaining_drops_the_verb(metrics: MetricsOf) -> None:
    assert metrics("街道发放节日慰问款物35万元。")["35万元"] == "节日慰问款物"
    assert metrics("县妇联争取善款42万元。")["42万元"] == "善款"


def test_quoted_name_before_a_head_of_money_is_whose_money(metrics: MetricsOf) -> None:
    got = metrics("县慈善会今年已收到“邻里互助日”善款126万余元，审核发放“春苗”“暖阳”救助款88万元。")
    assert got["126万余元"] == "善款"
    assert got["88万元"] == "救助款"


def test_quoted_kind_before_a_head_that_is_no_money_stays(metrics: MetricsOf) -> None:
    assert metrics("全县新增“小巨人”企业7家。")["7家"] == "“小巨人”企业"


def test_bracketed_note_before_the_value_is_no_part_of_the_metric(metrics: MetricsOf) -> None:
    assert metrics("其中定向善款（含山区助学）860万元。")["860万元"] == "定向善款"
    assert metrics("全县行政村（社区）92个。")["92个"] == "行政村（社区）"


def test_bracket_closed_inside_the_phrase_is_never_its_start(metrics: MetricsOf) -> None:
    assert metrics("县肢残人协会（以下简称“县肢协”）编制4名。")["4名"] == "编制"


def test_latin_alias_bracket_stays_and_note_before_value_goes(metrics: MetricsOf) -> None:
    assert metrics("全市地区生产总值（GDP）1530亿元。")["1530亿元"] == "地区生产总值"


def test_verb_noun_inside_a_named_place_does_not_cut_it(metrics: MetricsOf) -> None:
    assert metrics("今年新增18个应急救护服务阵地，全区总数达到35个。")["18个"] == "应急救护服务阵地"
    assert metrics("3个园区入选国家级示范基地。")["3个"] == "园区"


def test_teams_and_shops_after_a_count_are_taken_whole(metrics: MetricsOf) -> None:
    got = metrics("年内组建了6支巾帼防疫志愿服务队，全县共建成45家残疾人按摩保健店。")
    assert got["6支"] == "巾帼防疫志愿服务队"
    assert got["45家"] == "残疾人按摩保健店"


def test_taking_part_makes_the_counted_noun_a_subject(metrics: MetricsOf) -> None:
    assert metrics("新增3家企业参加春季招聘会。")["3家"] == "企业"


def test_metric_ending_on_a_glossed_character_keeps_its_gloss(metrics: MetricsOf) -> None:
    got = metrics("全縣(xiàn)工業(yè)實(shí)現(xiàn)增加值12.5億元,增長(zhǎng)3.6%。")
    assert got["3.6%"] == "增長(zhǎng)"
    assert got["12.5億元"] == "工業(yè)實(shí)現(xiàn)增加值"


def test_total_adverb_after_an_activity_leaves_the_verb(metrics: MetricsOf) -> None:
    got = metrics("全年各类助学救助共支出860万元，技能提升行动共计培训1300人。")
    assert got["860万元"] == "支出"
    assert got["1300人"] == "培训"


def test_total_adverb_after_a_noun_keeps_the_noun(metrics: MetricsOf) -> None:
    assert metrics("各项税收共收到82亿元。")["82亿元"] == "各项税收共收到"
    assert metrics("第一针累计接种26万人。")["26万人"] == "第一针累计接种"
