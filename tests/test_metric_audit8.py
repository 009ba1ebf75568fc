"""Metric classes found on unseen real pages (session 7, metric8): a named event or a fund after a
verb's count, a range of uneven amounts, a total word alone, a breakdown's own predicate and a
pivot count of people. Made-up text."""

from __future__ import annotations

from collections.abc import Callable

MetricsOf = Callable[[str], dict[str, str | None]]  # the `metrics` fixture (conftest.py)


def test_named_event_after_a_verb_phrase(metrics: MetricsOf) -> None:
    assert metrics("市就业局推出6场跨市联合招聘会。")["6场"] == "跨市联合招聘会"
    assert metrics("今年县文化馆推出9场各类文艺演出活动。")["9场"] == "各类文艺演出活动"


def test_count_of_events_without_an_event_head_keeps_the_short_rule(metrics: MetricsOf) -> None:
    # a long phrase that names no event (no event head) is not taken whole after a subject and verb
    got = metrics("县妇联今年组织8场走进乡村开展志愿服务。")
    assert got["8场"] == "县妇联今年组织"


def test_fund_after_a_sum(metrics: MetricsOf) -> None:
    assert metrics("结对单位累计投入85万元帮扶资金并派驻工作队。")["85万元"] == "帮扶资金"
    assert metrics("镇里拿出60万元奖补专项资金。")["60万元"] == "奖补专项资金"


def test_sum_followed_by_a_purpose_keeps_the_verb(metrics: MetricsOf) -> None:
    assert metrics("村里投入40万元用于修建道路。")["40万元"] == "村里投入"


def test_uneven_range(metrics: MetricsOf) -> None:
    got = metrics("区工会分别发放了200元至600元不等的节日慰问金。")
    assert got["200元"] == "节日慰问金"
    assert got["600元"] == "节日慰问金"


def test_total_word_after_values_of_different_things(metrics: MetricsOf) -> None:
    got = metrics("发放助学金3.2万元，发放学习用品价值约0.8万元，合计4万元。")
    assert got["4万元"] == "合计"


def test_total_of_one_thing_reaches_back(metrics: MetricsOf) -> None:
    got = metrics("城区有5所公办幼儿园，乡镇有9所公办幼儿园，共计14所。")
    assert got["14所"] == "公办幼儿园"


def test_total_of_another_kind_takes_the_sum_before(metrics: MetricsOf) -> None:
    got = metrics("全县30名患病妇女获每人1万元的救助金，其中25人获全国救助，5人获省级救助，共计30万元。")
    assert got["30万元"] == "救助金"


def test_total_alone_in_its_sentence_takes_the_clause_before(metrics: MetricsOf) -> None:
    assert metrics("资助困难家庭大学新生，合计420名。")["420名"] != "合计"


def test_breakdown_with_its_own_predicate(metrics: MetricsOf) -> None:
    got = metrics("全镇86名困难职工获得救助，其中50人获市总工会救助，36人获县总工会救助。")
    assert got["50人"] == "获市总工会救助"


def test_breakdown_with_a_noun_keeps_it(metrics: MetricsOf) -> None:
    assert metrics("全镇职工1500人，其中女职工620人。")["620人"] == "女职工"


def test_pivot_count_of_people(metrics: MetricsOf) -> None:
    assert metrics("合作社直接带动了160人实现就业。")["160人"] == "实现就业"
    assert metrics("组织90人参加电商培训。")["90人"] == "参加电商培训"


def test_people_words_tagged_as_time_are_nouns(metrics: MetricsOf) -> None:
    assert metrics("暑期，全区300余名青年参与社区服务。")["300余名"] == "青年"
    assert metrics("全县12支青年突击队投入防汛。")["12支"] == "青年突击队"


def test_people_word_before_a_verb_keeps_a_longer_phrase(metrics: MetricsOf) -> None:
    assert metrics("出台6条青年就业创业扶持措施。")["6条"] != "青年"


def test_openers_and_having_alone_count_the_predicate(metrics: MetricsOf) -> None:
    got = metrics("线上募捐总额突破18万元，推介项目9个，全市共有2100人参与其中。")
    assert got["2100人"] == "参与其中"


def test_verb_noun_acting_on_the_next_value(metrics: MetricsOf) -> None:
    got = metrics("争取中央公益金30万元、省财政资金12万元救助40名困难母亲。")
    assert got["12万元"] == "省财政资金"


def test_masked_year_before_a_value(metrics: MetricsOf) -> None:
    got = metrics("五年来，全镇财政总收入由201x年的1.8亿元增加到202x年的3.2亿元。")
    assert got["1.8亿元"] == "财政总收入"
    assert got["3.2亿元"] == "财政总收入"
    assert metrics("20xx年全镇税收收入1.6亿元。")["1.6亿元"] == "税收收入"


def test_people_with_a_noun_after_keep_the_noun(metrics: MetricsOf) -> None:
    assert metrics("全年帮助800名农民工实现就业。")["800名"] == "农民工"
