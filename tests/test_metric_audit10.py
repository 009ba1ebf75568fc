"""Metric classes found on unseen bureau, town, statistical and news pages (session 8, metric10): a size
word before a value and 的, a level word after a place noun inside the noun after a count, an aspect
mark after the last verb, and modifiers before a 、 that share the noun after it. Made-up text."""

from __future__ import annotations

from collections.abc import Callable

MetricsOf = Callable[[str], dict[str, str | None]]  # the `metrics` fixture (conftest.py)


def test_size_word_before_value_and_de_is_the_metric(metrics: MetricsOf) -> None:
    got = metrics("镇里将闲置的占地22亩的旧厂房改作仓库，其中占比37.6%的食品加工业增长4.1%。")
    assert got["22亩"] == "占地"
    assert got["37.6%"] == "占比"


def test_size_word_without_de_leaves_the_noun_after_the_value(metrics: MetricsOf) -> None:
    assert metrics("新建占地15亩养殖场。")["15亩"] == "养殖场"


def test_level_word_after_place_noun_stays_inside_the_phrase(metrics: MetricsOf) -> None:
    got = metrics("住建局承担了19个区本级政府性投资项目，新创建2个自治区级农业示范区。")
    assert got["19个"] == "区本级政府性投资项目"
    assert got["2个"] == "自治区级农业示范区"


def test_level_word_needs_a_noun_after_it(metrics: MetricsOf) -> None:
    assert metrics("全市共有省级以上示范区6个。")["6个"] == "省级以上示范区"


def test_aspect_mark_after_the_verb_is_no_part_of_the_object(metrics: MetricsOf) -> None:
    got = metrics("园区已安排了就业人员1600多人，县财政清付了学校基建欠款260万元。")
    assert got["1600多人"] == "就业人员"
    assert got["260万元"] == "学校基建欠款"


def test_modifiers_before_a_mark_share_the_noun_after_it(metrics: MetricsOf) -> None:
    got = metrics("团县委为80名特别困难、单亲家庭的青少年送去学习用品，组织2400余名高、初中毕业生参加职业指导。")
    assert got["80名"] == "特别困难、单亲家庭的青少年"
    assert got["2400余名"] == "高、初中毕业生"


def test_a_noun_before_the_mark_keeps_the_list_of_values(metrics: MetricsOf) -> None:
    got = metrics("慰问困难职工25户、困难党员10户。")
    assert got["25户"] == "困难职工"
    assert got["10户"] == "困难党员"


def test_later_item_opening_with_one_character_place_word(metrics: MetricsOf) -> None:
    assert metrics("全镇新建312个村级、村小组活动场所。")["312个"] == "村级、村小组活动场所"


def test_verb_inside_a_quoted_name_keeps_the_name(metrics: MetricsOf) -> None:
    assert metrics("镇妇联为35户困难家庭发放“暖心送万家”爱心箱共35个。")["35个"] == "“暖心送万家”爱心箱"


def test_cut_phrase_never_opens_on_a_joiner(metrics: MetricsOf) -> None:
    got = metrics("全年举办妇女保健讲座和“健康知识进万家”课堂1.6万期。")
    assert got["1.6万期"] == "“健康知识进万家”课堂"


def test_event_verb_keeps_its_short_object_and_drops_what_stands_before(metrics: MetricsOf) -> None:
    got = metrics("依托园区科普平台开展研学40余场，深入各社区及村组开展宣讲90余场次。")
    assert got["40余场"] == "开展研学"
    assert got["90余场次"] == "开展宣讲"


def test_event_verb_with_a_long_object_leaves_the_object(metrics: MetricsOf) -> None:
    assert metrics("全年开展法律讲座26期。")["26期"] == "法律讲座"


def test_relative_clause_with_de_before_a_count_counts_the_noun_after(metrics: MetricsOf) -> None:
    assert metrics("今年镇政府向群众承诺的9件为民实事已全部完成。")["9件"] == "为民实事"


def test_relative_clause_with_de_before_a_percentage_is_unchanged(metrics: MetricsOf) -> None:
    assert metrics("全县粮食产量的90%以上来自平原。")["90%"] == "粮食产量"


def test_body_inside_the_phrase_before_its_verb_goes(metrics: MetricsOf) -> None:
    assert metrics("某镇团委下辖团支部21个，其中村级团支部11个。")["21个"] == "下辖团支部"
    assert metrics("县妇联工作人员走访困难家庭，区总工会下辖分会46个。")["46个"] == "下辖分会"


def test_word_ending_like_a_body_or_a_bodys_own_figure_stays(metrics: MetricsOf) -> None:
    assert metrics("孕产妇住院分娩率达100%。")["100%"] == "孕产妇住院分娩率"
    assert metrics("能源集团收入突破1000亿元。")["1000亿元"] == "能源集团收入"


def test_adverb_tagged_noun_ends_the_noun_after_a_count(metrics: MetricsOf) -> None:
    assert metrics("全市142个“两重”项目全部开工建设。")["142个"] == "“两重”项目"
    assert metrics("全市21.5万台农业机械全部完成检修。")["21.5万台"] == "农业机械"


def test_adverb_word_opening_a_noun_stays(metrics: MetricsOf) -> None:
    got = metrics("全面落实12类45项基本公共卫生服务。")
    assert got["45项"] == "基本公共卫生服务"
    assert got["12类"] == "基本公共卫生服务"


def test_adverb_word_after_a_noun_ends_it_but_not_an_adjective_or_a_quote(metrics: MetricsOf) -> None:
    assert metrics("全省38个贫困县全部摘帽。")["38个"] == "贫困县"
    assert metrics("全省40个县区启动农村居民基本医疗保险试点。")["40个"] == "县区启动农村居民基本医疗保险试点"
    assert metrics("全市实施120项“一年基本恢复”项目。")["120项"] == "“一年基本恢复”项目"
