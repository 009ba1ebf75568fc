"""Leftover metric classes (issue 15): footnote and caption marks, adverbs of repeated events, units
that begin a word, abbreviations the word tagger splits. Made-up sentences of the genre."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhreport_extract import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(entities=False)


def facts(extractor: Extractor, text: str) -> list[tuple[str, Decimal, str, str | None]]:
    return [
        (f.quantity.text, f.count, f.unit, f.metric.text if f.metric else None) for f in extractor.extract(text).facts
    ]


# --- 1. footnote and caption marks ------------------------------------------------------------


def test_a_footnote_number_inside_a_metric_cuts_it(extractor: Extractor) -> None:
    assert facts(extractor, "三大主导产业［5］增加值占比提高3个百分点。") == [
        ("3个百分点", Decimal(3), "百分点", "增加值占比提高"),
    ]


def test_a_footnote_mark_before_a_change_word_leaves_the_subject(extractor: Extractor) -> None:
    assert facts(extractor, "全区社会消费品零售总额[3]增长5.2%。") == [
        ("5.2%", Decimal("5.2"), "%", "社会消费品零售总额"),
    ]


def test_circled_list_numbers_and_bracketed_notes_open_or_end_no_metric(extractor: Extractor) -> None:
    got = facts(extractor, "①税收收入完成12.3亿元，增长4%；②非税收入（注1）达到3.1亿元。")
    assert [(q, m) for q, _, _, m in got] == [("12.3亿元", "税收收入"), ("4%", "增长"), ("3.1亿元", "非税收入")]


def test_a_caption_is_the_metric_only_when_it_is_the_only_noun(extractor: Extractor) -> None:
    assert facts(extractor, "【成就巡礼】投资8亿元 湿地修复见成效") == [("8亿元", Decimal(800000000), "元", "投资")]
    assert facts(extractor, "【巾帼创业】 26场") == [("26场", Decimal(26), "场", "巾帼创业")]
    assert facts(extractor, "【巾帼创业】 全年举办创业沙龙26场。") == [("26场", Decimal(26), "场", "创业沙龙")]


def test_a_footnote_line_counts_the_noun_after_its_number(extractor: Extractor) -> None:
    got = facts(extractor, "［12］两个基地：指育种基地和加工基地。")
    assert got == [("两个", Decimal(2), "个", "基地")]


# --- 3. a unit that begins a word; abbreviations the tagger splits -------------------------------


def test_a_unit_that_begins_a_word_is_no_unit(extractor: Extractor) -> None:
    assert facts(extractor, "老旧小区改造惠及1500多万家庭。") == [("1500多万", Decimal(15000000), "", "家庭")]
    assert facts(extractor, "集中供热使近6万市民直接受益。") == [("6万", Decimal(60000), "", "市民")]
    assert facts(extractor, "挖掘二十四节气等非遗价值。") == []


def test_two_kinds_of_place_and_new_measure_words(extractor: Extractor) -> None:
    assert facts(extractor, "北川、平武2县区完成验收。")[0][:3] == ("2县区", Decimal(2), "县区")
    assert facts(extractor, "民政、财政等5部门联合发文。")[0][:3] == ("5部门", Decimal(5), "部门")
    got = facts(extractor, "候鸟种群恢复到12群300只。")
    assert [(q, u) for q, _, u, _ in got] == [("12群", "群"), ("300只", "只")]


def test_a_word_after_a_unit_that_is_no_word_start_keeps_the_unit(extractor: Extractor) -> None:
    assert facts(extractor, "牵头组建12家长江流域创新联合体。")[0][:3] == ("12家", Decimal(12), "家")
    assert facts(extractor, "全县20支部队官兵参与救援。")[0][:3] == ("20支", Decimal(20), "支")


def test_an_abbreviation_is_not_cut_by_the_tagger(extractor: Extractor) -> None:
    assert facts(extractor, "全年完成52万平方米棚改任务。") == [("52万平方米", Decimal(520000), "平方米", "棚改任务")]


# --- 2. adverbs of repeated events: never the metric ------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity", "metric"),
    [
        ("先后有1200多人通过多种渠道实现了再就业。", "1200多人", "实现了再就业"),
        ("今年以来，先后5次在全县范围内通报典型问题。", "5次", "通报典型问题"),
        ("市消防支队先后7次。", "7次", "市消防支队"),
        ("全市相继出台促进就业政策12条。", "12条", "出台促进就业政策"),
        ("该县陆续投入1.2亿元。", "1.2亿元", "投入"),
        ("近年来，该站先后6次荣获省级先进集体称号。", "6次", "荣获省级先进集体称号"),
    ],
)
def test_an_adverb_of_repeated_events_is_never_the_metric(extractor: Extractor, text: str, quantity: str, metric: str) -> None:
    got = {q: m for q, _, _, m in facts(extractor, text)}
    assert got[quantity] == metric
    assert metric not in ("先后", "相继", "陆续")


# --- 4. 分别 lists whose items carry values of their own ----------------------------------------


def test_respective_values_take_the_items_listed_with_values(extractor: Extractor) -> None:
    got = facts(extractor, "车船税3.2亿元、耕地占用税1.1亿元，同比分别增长6.5%、2.4%，土地增值税2.6亿元、契税0.9亿元，同比分别下降5.1%、7%。")
    assert [(q, m) for q, _, _, m in got] == [
        ("3.2亿元", "车船税"), ("1.1亿元", "耕地占用税"), ("6.5%", "车船税"), ("2.4%", "耕地占用税"),
        ("2.6亿元", "土地增值税"), ("0.9亿元", "契税"), ("5.1%", "土地增值税"), ("7%", "契税"),
    ]


def test_respective_values_after_a_base_year(extractor: Extractor) -> None:
    got = facts(extractor, "主要企业化学需氧量排放量与氨氮排放量比2020年分别降低3.5%和6.1%。")
    assert [(q, m) for q, _, _, m in got] == [("3.5%", "主要企业化学需氧量排放量"), ("6.1%", "氨氮排放量")]


# --- 4. number before noun: the noun right after the value ------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity", "metric"),
    [
        ("全面落实促进民营经济发展22条政策。", "22条", "政策"),
        ("华电300万吨煤制油项目开工。", "300万吨", "煤制油项目"),
        ("全市产业园区新建成8个标准厂房。", "8个", "标准厂房"),
        ("今年，林业总产值突破千亿元大关。", "千亿元", "林业总产值"),
        ("今年总投资600万元新建排水管网1200米。", "600万元", "总投资"),
        ("投资2.5亿元实施城区道路改造。", "2.5亿元", "投资"),
        ("全市社会消费品零售总额增长5.5%。", "5.5%", "社会消费品零售总额增长"),
    ],
)
def test_a_noun_right_after_a_value_is_what_it_counts(extractor: Extractor, text: str, quantity: str, metric: str) -> None:
    got = {q: m for q, _, _, m in facts(extractor, text)}
    assert got[quantity] == metric


def test_a_value_reached_counts_the_subject(extractor: Extractor) -> None:
    got = facts(extractor, "城乡居民收入比缩小到1.9，全县村级集体经济组织数量从2020年的120个，增加到2024年的186个。")
    assert [(q, m) for q, _, _, m in got] == [
        ("1.9", "城乡居民收入比"), ("120个", "村级集体经济组织数量"), ("186个", "村级集体经济组织数量"),
    ]


def test_two_nouns_joined_before_one_head_after_a_number(extractor: Extractor) -> None:
    got = facts(extractor, "全年为320名妇女和儿童开展义诊，建成5所学校和3个卫生院。")
    assert [(q, m) for q, _, _, m in got] == [("320名", "妇女和儿童"), ("5所", "学校"), ("3个", "卫生院")]


def test_a_value_after_the_noun_of_the_value_before_counts_its_predicate(extractor: Extractor) -> None:
    got = facts(extractor, "今年完成20个贫困村5600人脱贫退出。")
    assert [(q, m) for q, _, _, m in got] == [("20个", "贫困村"), ("5600人", "脱贫退出")]


def test_a_measure_word_counts_the_one_word_that_ends_its_clause(extractor: Extractor) -> None:
    got = facts(extractor, "志愿者共发起2000多笔捐款，全县出台18条举措，营收保持12%增长。")
    assert [(q, m) for q, _, _, m in got] == [("2000多笔", "捐款"), ("18条", "举措"), ("12%", "营收保持")]
