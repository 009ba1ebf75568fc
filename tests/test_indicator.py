"""The indicator stage on made-up sentences, one class of reading each: whole sentences, so
that every value of a list, pair or 分别 list is checked together (the examples file checks
one value per phrase)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zhreport_extract import Extractor, PatternError
from zhreport_extract.patterns import default_patterns_dir


def indicators(extractor: Extractor, text: str) -> list[tuple[str, str | None]]:
    return [(f.quantity.text, f.indicator) for f in extractor.extract(text).facts]


def test_clause_subject_without_a_value(extractor: Extractor) -> None:
    text = "全年社会消费品零售总额，比上年增长7.5%；居民消费价格温和上涨，总指数为102.1，同比上涨2.1%。"
    assert indicators(extractor, text) == [
        ("7.5%", "社会消费品零售总额"),
        ("102.1", "居民消费价格"),
        ("2.1%", "居民消费价格"),
    ]


def test_shares_of_the_industries_take_their_numerators(extractor: Extractor) -> None:
    text = (
        "全县地区生产总值（GDP）实现62亿元，比上年增长6.3%。其中，第一产业增加值9亿元，增长3.1%，"
        "占生产总值的比重为14.5%；第三产业增加值27亿元，增长5.2%，占生产总值的比重为43.5%。"
    )
    assert indicators(extractor, text) == [
        ("62亿元", "地区生产总值"), ("6.3%", "地区生产总值"),
        ("9亿元", "第一产业增加值"), ("3.1%", "第一产业增加值"), ("14.5%", "第一产业增加值"),
        ("27亿元", "第三产业增加值"), ("5.2%", "第三产业增加值"), ("43.5%", "第三产业增加值"),
    ]


def test_clause_subject_that_is_a_part_gives_none(extractor: Extractor) -> None:
    text = "地区生产总值增长6%，工业固定资产投资较快增长，比上年增长9%。"
    assert indicators(extractor, text) == [("6%", "地区生产总值"), ("9%", None)]


def test_from_to_pair_needs_change_words_between(extractor: Extractor) -> None:
    pair = "城镇化率从52.1%提高到55.3%。"
    assert indicators(extractor, pair) == [("52.1%", "常住人口城镇化率"), ("55.3%", "常住人口城镇化率")]
    two_subjects = "进出口总额达到310亿元、外贸企业达到540家。"
    assert indicators(extractor, two_subjects) == [("310亿元", "进出口总额"), ("540家", None)]


def test_value_before_its_own_noun_is_not_bare(extractor: Extractor) -> None:
    text = "一般公共预算收入增长4.2%，十二件民生实事全面完成。"
    assert indicators(extractor, text) == [("4.2%", "一般公共预算收入"), ("十二件", None)]


def test_respective_lists(extractor: Extractor) -> None:
    again = "城乡常住居民人均可支配收入分别达到4.6万元、2.3万元，同比分别增长5.2%、7.1%。"
    assert indicators(extractor, again) == [
        ("4.6万元", "城镇居民人均可支配收入"),
        ("2.3万元", "农村居民人均可支配收入"),
        ("5.2%", "城镇居民人均可支配收入"),
        ("7.1%", "农村居民人均可支配收入"),
    ]
    own_subjects = "出口总额增长7%，服务贸易、技术贸易分别增长15%、9%。"
    assert indicators(extractor, own_subjects) == [("7%", "出口总额"), ("15%", None), ("9%", None)]
    one_in_force = "单位地区生产总值能耗下降3.1%，二氧化硫、氨氮排放量首次双降，分别下降2.2%和1.6%。"
    assert indicators(extractor, one_in_force) == [("3.1%", "单位地区生产总值能耗"), ("2.2%", None), ("1.6%", None)]


def test_share_inside_one_clause(extractor: Extractor) -> None:
    text = "研发经费投入占地区生产总值比重达到2.6%，工业投资占固定资产投资比重41%。"
    assert indicators(extractor, text) == [("2.6%", "研发经费投入强度"), ("41%", None)]


@pytest.mark.parametrize(
    "text",
    [
        "开发区亩均工业增加值增长9%。",
        "投资拉动GDP增长1.3个百分点。",
        "完成交通固定资产投资18亿元。",
        "对共建“一带一路”国家进出口增长11%。",
    ],
)
def test_parts_are_not_the_whole(extractor: Extractor, text: str) -> None:
    assert [ind for _, ind in indicators(extractor, text)] == [None]


def test_foreign_trade_is_no_partner(extractor: Extractor) -> None:
    assert indicators(extractor, "全年对外贸易进出口总额640亿元。") == [("640亿元", "进出口总额")]


def test_topic_words(extractor: Extractor) -> None:
    text = "规模以上工业总产值96亿元，增加值同比增长8.8%；外资平稳增长，实际使用金额达到3.4亿美元。"
    assert indicators(extractor, text) == [
        ("96亿元", None),
        ("8.8%", "规模以上工业增加值"),
        ("3.4亿美元", "实际使用外资"),
    ]
    own_subject = "规模以上工业增加值增长8%，建筑业实现增加值45亿元。"
    assert indicators(extractor, own_subject) == [("8%", "规模以上工业增加值"), ("45亿元", None)]


def test_tail_words_between_form_and_value(extractor: Extractor) -> None:
    text = "粮食总产量十年增长1.2倍，农村居民人均纯收入扣除物价因素增长6%，城镇调查失业率平均值为5.2%。"
    assert indicators(extractor, text) == [
        ("1.2倍", "粮食产量"),
        ("6%", "农村居民人均可支配收入"),
        ("5.2%", "城镇调查失业率"),
    ]


def test_a_users_form_variant(tmp_path: Path) -> None:
    target = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), target)
    path = target / "indicators.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[variant]]\nword = "居民"\nwritten = ["市民"]\n', encoding="utf-8"
    )
    fact = Extractor(target, entities=False).extract("城镇市民人均可支配收入5.1万元。").facts[0]
    assert fact.indicator == "城镇居民人均可支配收入"


def test_a_variant_needs_its_spellings(tmp_path: Path) -> None:
    target = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), target)
    path = target / "indicators.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[variant]]\nword = "居民"\nwritten = []\n', encoding="utf-8")
    with pytest.raises(PatternError):
        Extractor(target, entities=False)


def test_breakdown_by_region_later_in_the_paragraph(extractor: Extractor) -> None:
    text = (
        "社会消费品零售总额520亿元，同比增长4.6%。分规模看，限额以上单位实现零售额150亿元，增长2.1%。"
        "分地域看，城镇实现零售额450亿元，增长4.4%；乡村实现零售额70亿元，增长5.9%。"
        "分行业看，住宿和餐饮业实现零售额61亿元，增长9%。\n城镇实现零售额12亿元。"
    )
    assert indicators(extractor, text) == [
        ("520亿元", "社会消费品零售总额"),
        ("4.6%", "社会消费品零售总额"),
        ("150亿元", None),
        ("2.1%", None),
        ("450亿元", "社会消费品零售总额"),
        ("4.4%", "社会消费品零售总额"),
        ("70亿元", "社会消费品零售总额"),
        ("5.9%", "社会消费品零售总额"),
        ("61亿元", None),
        ("9%", None),
        ("12亿元", None),  # a new paragraph names no topic
    ]


def test_subjects_listed_before_a_respective_list(extractor: Extractor) -> None:
    text = "接待游客人次、旅游总花费、接待入境游客人次分别增长8.1%、9.6%、40%。"
    assert indicators(extractor, text) == [("8.1%", "接待游客"), ("9.6%", "旅游总收入"), ("40%", None)]
    pair = "单位地区生产总值能耗和二氧化碳排放分别降低3.2%、4%。"
    assert indicators(extractor, pair) == [("3.2%", "单位地区生产总值能耗"), ("4%", None)]
    parts = "电子产品、纺织服装出口分别增长21%、6%。"
    assert indicators(extractor, parts) == [("21%", None), ("6%", None)]


def test_short_forms_need_a_lead_of_the_whole(extractor: Extractor) -> None:
    text = "全年出口增长7%，机电产品出口增长11%，各项税收完成80亿元，企业税收增长4%。"
    assert indicators(extractor, text) == [("7%", "出口总额"), ("11%", None), ("80亿元", "税收收入"), ("4%", None)]


def test_milestones_and_steps(extractor: Extractor) -> None:
    # 千亿台阶 is a step, no quantity: the name stays in force over the clause after it;
    # an adverb of a milestone (历史性) may stand between the name and the value; the count of steps (两个) is
    # no level of 地区生产总值, which is money (indicators.toml level_kind; dev's 突破万亿元大关 takes none either)
    text = "五年来，全县地区生产总值连跨两个百亿台阶，2024年达到460亿元、增长6.1%。全市经济总量历史性迈上3000亿元台阶。"
    assert indicators(extractor, text) == [
        ("两个", None), ("460亿元", "地区生产总值"), ("6.1%", "地区生产总值"), ("3000亿元", "地区生产总值"),
    ]


def test_a_form_compared_with_is_not_the_subject(extractor: Extractor) -> None:
    # the near miss: the form is the subject, what it is compared with (全省) names no indicator
    text = "城乡居民收入增速快于经济增速、达到3.6万元。全区经济增速达到6.3%，高于全省0.8个百分点。"
    assert indicators(extractor, text)[:2] == [("3.6万元", None), ("6.3%", "地区生产总值")]


def test_shares_of_a_plan_take_no_indicator(extractor: Extractor) -> None:
    text = (
        "一季度，城镇新增就业2.4万人，完成全年任务的31.6%；社会消费品零售总额86亿元，为年度目标的27%，增长5.2%。"
    )
    assert indicators(extractor, text) == [
        ("2.4万人", "城镇新增就业"), ("31.6%", None), ("86亿元", "社会消费品零售总额"), ("27%", None), ("5.2%", "社会消费品零售总额"),
    ]
