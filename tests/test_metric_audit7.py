"""Metric classes found on unseen real pages (session 6, metric7): a per phrase before a value,
one-character adverbs before a value verb, and 分别 lists of things of their own. Made-up text."""

from __future__ import annotations

from collections.abc import Callable

from zhreport_extract.pipeline import Extractor

MetricsOf = Callable[[str], dict[str, str | None]]  # the `metrics` fixture (conftest.py)


def test_per_phrase_is_not_the_metric(metrics: MetricsOf) -> None:
    got = metrics("将低保标准提高到每人每月520元和每人每年4800元。")
    assert got["520元"] == "将低保标准"
    assert got["4800元"] == "将低保标准"


def test_per_phrase_keeps_the_per(extractor: Extractor) -> None:
    fact = next(f for f in extractor.extract("发放慰问金，人均300元。", doc_id="t").facts if f.quantity.text == "300元")
    assert fact.metric is not None and fact.metric.text == "慰问金"
    assert fact.per == "人"


def test_per_alone_clause_takes_the_clause_before(metrics: MetricsOf) -> None:
    got = metrics("为120名困难职工送去米面油，同时发放节日慰问金，户均500元。")
    assert got["500元"] == "节日慰问金"


def test_adverbs_before_value_verb(metrics: MetricsOf) -> None:
    got = metrics("全村外出务工的就有260人，仅务工收入就达130万元。")
    assert got["260人"] == "外出务工"
    assert got["130万元"] == "务工收入"


def test_adverb_inside_a_word_stays(metrics: MetricsOf) -> None:
    assert metrics("全年引进人才48名。")["48名"] == "引进人才"


def test_respective_list_of_own_items(metrics: MetricsOf) -> None:
    got = metrics("生猪、牛、羊分别出栏3.2万头、860头、1.1万只，分别增长4.1%、2.2%、6.3%。")
    assert [got[q] for q in ("3.2万头", "860头", "1.1万只")] == ["生猪", "牛", "羊"]
    assert [got[q] for q in ("4.1%", "2.2%", "6.3%")] == ["生猪", "牛", "羊"]


def test_respective_shared_head_before_change(metrics: MetricsOf) -> None:
    got = metrics("原油、天然气产量分别增长2%、9%。")
    assert got["2%"] == got["9%"] == "天然气产量分别增长"


def test_thing_count_takes_closing_phrase(metrics: MetricsOf) -> None:
    got = metrics("在车站布设45套应急救护一体机，发放2万只出行便携急救包。")
    assert got["45套"] == "应急救护一体机"
    assert got["2万只"] == "出行便携急救包"


def test_thing_count_stops_before_a_verb_phrase(metrics: MetricsOf) -> None:
    assert metrics("购置3台设备开展检测。")["3台"] == "设备"


def test_thing_count_after_a_verb_with_a_place_before(metrics: MetricsOf) -> None:
    assert metrics("在各村发放了600只防汛应急包。")["600只"] == "防汛应急包"


def test_thing_count_before_an_adverb_predicate(metrics: MetricsOf) -> None:
    # what closes the clause opens with an adverb: a predicate, never the counted phrase
    assert metrics("政协委员提案95件全部办复。")["95件"] != "全部办复"


def test_have_alone_before_value_takes_what_they_did(metrics: MetricsOf) -> None:
    got = metrics("开展了读书会、朗诵会等活动，共有420人次参与了活动。")
    assert got["420人次"] == "参与了活动"


def test_have_alone_with_noun_after(metrics: MetricsOf) -> None:
    assert metrics("目前，共有8个服务站。")["8个"] == "服务站"


def test_list_closed_by_deng_and_total_adverb(metrics: MetricsOf) -> None:
    assert metrics("为各村援建书屋、文化墙、健身广场等共计45处。")["45处"] == "书屋、文化墙、健身广场"
