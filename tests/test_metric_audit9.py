"""Metric classes found on unseen organisation pages (session 7, metric9): a sum followed by what it
paid for, two groups of people closed by 等, an organisation's quoted fund or a medium before its
verb, and a word of kinds or a spaced quote after a count. Made-up text."""

from __future__ import annotations

from collections.abc import Callable

MetricsOf = Callable[[str], dict[str, str | None]]  # the `metrics` fixture (conftest.py)


def test_sum_then_what_it_paid_for_counts_the_giving(metrics: MetricsOf) -> None:
    got = metrics("由某集团捐款80万元援建的乡村小学完成主体工程，某公司捐款12万元援建的“爱心书屋”在建设中。")
    assert got["80万元"] == "捐款"
    assert got["12万元"] == "捐款"


def test_sum_then_a_purpose_without_de_is_unchanged(metrics: MetricsOf) -> None:
    assert metrics("镇政府投入20万元建设村道。")["20万元"] == "建设村道"


def test_pair_of_groups_before_a_count_of_people(metrics: MetricsOf) -> None:
    assert metrics("各村妇女主任和巾帼志愿者等80余人参加培训。")["80余人"] == "各村妇女主任和巾帼志愿者"


def test_pair_before_a_count_of_things_is_no_list(metrics: MetricsOf) -> None:
    assert metrics("新增电子信息和生物医药等3个产业。")["3个"] == "产业"


def test_quoted_fund_of_an_organisation_acts(metrics: MetricsOf) -> None:
    got = metrics("省慈善总会“助学基金”资助25万元，帮助困难学生。")
    assert got["25万元"] == "资助"


def test_medium_before_its_verb(metrics: MetricsOf) -> None:
    assert metrics("市级各媒体刊播95条。")["95条"] == "刊播"


def test_bare_fund_name_is_no_actor(metrics: MetricsOf) -> None:
    assert metrics("社会保障基金积累4140亿元。")["4140亿元"] == "社会保障基金积累"


def test_word_of_kinds_opens_the_noun_after_a_count(metrics: MetricsOf) -> None:
    assert metrics("走访慰问85户各类困难家庭。")["85户"] == "各类困难家庭"
    assert metrics("区残联共计为60名各类残疾人配发了轮椅。")["60名"] == "各类残疾人"


def test_space_before_a_quoted_name_after_a_count(metrics: MetricsOf) -> None:
    assert metrics("为12名 “春蕾”困难女童发放助学金。")["12名"] == "“春蕾”困难女童"


def test_qualifier_alone_before_a_count_of_people(metrics: MetricsOf) -> None:
    assert metrics("广场舞大赛当天，超过1800人观看了比赛。")["1800人"] == "观看了比赛"
    assert metrics("约400人参加。")["400人"] == "参加"


def test_qualifier_before_a_count_with_its_noun(metrics: MetricsOf) -> None:
    assert metrics("超过1800名群众观看了比赛。")["1800名"] == "群众"


def test_pair_after_de_when_the_clause_holds_a_value(metrics: MetricsOf) -> None:
    got = metrics("来自8个省、市妇联的执委和妇女代表等120余人参加会议。")
    assert got["120余人"] == "执委和妇女代表"


def test_pair_before_a_count_closed_by_a_verb(metrics: MetricsOf) -> None:
    assert metrics("团员和少先队员等260余人参加。")["260余人"] == "团员和少先队员"


def test_total_word_cut_by_the_tagger_leaves_no_character(metrics: MetricsOf) -> None:
    assert metrics("春节期间走访困难职工12户，共计生活补助金3.6万元。")["3.6万元"] == "生活补助金"
