"""Metric classes found on the session-10 read pages (metric12). Made-up text."""

from __future__ import annotations

from collections.abc import Callable

MetricsOf = Callable[[str], dict[str, str | None]]  # the `metrics` fixture (conftest.py)


def test_place_word_opening_the_noun_after_a_count(metrics: MetricsOf) -> None:
    got = metrics("招商会现场吸引了31家本地龙头企业，签约了120户当地种植大户。")
    assert got["31家"] == "本地龙头企业"
    assert got["120户"] == "当地种植大户"


def test_verb_with_an_attribute_suffix_opens_the_noun(metrics: MetricsOf) -> None:
    assert metrics("特别是应对四轮输入性突发疫情，")["四轮"] == "输入性突发疫情"
    assert metrics("新建5个引领型产业园。")["5个"] == "引领型产业园"


def test_bracketed_note_after_the_counted_noun_ends_it(metrics: MetricsOf) -> None:
    assert metrics("医疗队到3个社区（每天一个社区）开展健康咨询。")["3个"] == "社区"
    assert metrics("全区12个镇（街道）开展义诊。")["12个"] == "镇（街道）"


def test_long_note_with_marks_between_noun_and_value_is_cut(metrics: MetricsOf) -> None:
    got = metrics("志愿服务时长（指志愿者通过扫码签到、签退后平台记录的时长）超过46万小时，增长12%。")
    assert got["46万小时"] == "志愿服务时长"


def test_quoted_series_name_before_the_counted_noun_is_set_aside(metrics: MetricsOf) -> None:
    assert metrics("镇妇联开办6期“幸福乡村女子课堂”讲座。")["6期"] == "讲座"
    assert metrics("在公园设立“爱心小屋”休息点15个。")["15个"] == "休息点"


def test_quoted_title_or_programme_word_after_the_name_stays(metrics: MetricsOf) -> None:
    assert metrics("新增“小巨人”企业7家。")["7家"] == "“小巨人”企业"
    assert metrics("建成4个“邻里驿站”项目。")["4个"] == "“邻里驿站”项目"


def test_level_verb_after_respective_leaves_the_shared_phrase(metrics: MetricsOf) -> None:
    got = metrics("城镇、农村居民人均可支配收入分别达到41200元、21800元，分别增长4.5%、6.8%。")
    assert got["41200元"] == "农村居民人均可支配收入"
    assert got["21800元"] == "农村居民人均可支配收入"


def test_people_sent_to_a_course_are_what_a_count_of_people_counts(metrics: MetricsOf) -> None:
    assert metrics("组织巾帼致富带头人参加市农业技术学校培训40人，")["40人"] == "巾帼致富带头人"
    assert metrics("县残联将听障儿童送往省康复中心语训班5名。")["5名"] == "听障儿童"


def test_a_count_of_visits_after_a_course_is_left_as_it_was(metrics: MetricsOf) -> None:
    assert metrics("组织巾帼致富带头人参加市农业技术学校培训400人次。")["400人次"] != "巾帼致富带头人"


def test_a_verb_right_before_the_verb_of_attending_names_no_people(metrics: MetricsOf) -> None:
    assert "260余人" in metrics("今年共组织参加群众260余人。")
