"""Leftover form classes: letter-spaced lines, numbers glued to Latin words, modal and passive
verbs inside a metric, 分别 lists of years, eras and plan periods (made-up sentences)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhreport_extract import Extractor
from zhreport_extract.patterns import LetterSpacingRule, Patterns
from zhreport_extract.records import DocumentResult
from zhreport_extract.spacing import LetterSpacing

SPACED = (
    "某 县 妇 联 2 0 2 3 年 工 作 总 结\n"
    "2 0 2 3 年 ， 实 施 “ 春 芽 护 航 ” 行 动 ， 全 年 共 举 办 培 训 班 1 2 期 ， 培 训 妇 女 8 6 0 余 人 次 。"
)
PLAIN = "某县妇联2023年工作总结\n2023年，实施“春芽护航”行动，全年共举办培训班12期，培训妇女860余人次。"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def rows(result: DocumentResult) -> list[tuple[str, Decimal, str, str | None, str | None, int | None]]:
    return [
        (f.quantity.text, f.count, f.unit, f.metric.text if f.metric else None, f.initiative, f.year)
        for f in result.facts
    ]


def every_span_points_at_its_text(result: DocumentResult, text: str) -> None:
    for fact in result.facts:
        for name in type(fact).model_fields:
            value = getattr(fact, name)
            if hasattr(value, "check"):
                value.check(text)
        assert fact.sentence.start <= fact.quantity.start < fact.quantity.end <= fact.sentence.end
    for entity in result.entities:
        entity.span.check(text)
    if result.year_source is not None and result.year_source.span is not None:
        result.year_source.span.check(text)
    assert result.length == len(text)
    assert all(0 <= s.start <= s.end <= len(text) for s in result.sentences)


# --- 1. letter-spaced lines ----------------------------------------------------------------


def test_a_letter_spaced_report_reads_like_the_plain_one(extractor: Extractor) -> None:
    spaced, plain = extractor.extract(SPACED), extractor.extract(PLAIN)
    assert rows(spaced) == [
        ("1 2 期", Decimal(12), "期", "举 办 培 训 班", "春芽护航", 2023),
        ("8 6 0 余 人 次", Decimal(860), "人次", "培 训 妇 女", "春芽护航", 2023),
    ]
    # the same facts but for the spaces the spans keep
    assert [(q.replace(" ", ""), c, u, (m or "").replace(" ", ""), i, y) for q, c, u, m, i, y in rows(spaced)] == [
        (q, c, u, m or "", i, y) for q, c, u, m, i, y in rows(plain)
    ]
    assert [f.qualifier for f in spaced.facts] == [None, "over"]
    assert spaced.year == plain.year == 2023
    every_span_points_at_its_text(spaced, SPACED)


def test_only_the_letter_spaced_line_is_read_without_spaces(extractor: Extractor) -> None:
    text = "全年帮扶困难妇女 320 户。\n全 年 新 建 妇 女 之 家 4 5 个 。"
    result = extractor.extract(text)
    assert [(f.quantity.text, f.count) for f in result.facts] == [("320 户", 320), ("4 5 个", 45)]
    assert result.facts[1].metric is not None and result.facts[1].metric.text == "新 建 妇 女 之 家"
    every_span_points_at_its_text(result, text)


def test_letter_spacing_is_found_cheaply_and_only_where_it_is() -> None:
    spacing = LetterSpacing(Patterns().numbers.letter_spacing)
    assert spacing.compact("全年共举办培训班12期，培训妇女860人次。") is None
    assert spacing.compact("序号 1 2 3 4 5 6 7 8 9") is None  # spaced digits alone
    assert spacing.compact("关于 印发 2024年 工作 要点 的 通知") is None  # spaces between words
    # a line with a few spaced characters among many unspaced ones is no letter-spaced line
    assert spacing.compact("全 年 共 举办了各类技能培训班和创业讲座共计十二期参加培训的妇女超过八百人次") is None
    short, places = spacing.compact("标题\n工 作 总 结  二 〇 二 四 年") or ("", [])
    assert short == "标题\n工作总结  二〇二四年"  # a gap of two spaces is kept
    assert [short[i] for i in range(len(short))] == [("标题\n工 作 总 结  二 〇 二 四 年")[p] for p in places]


def test_the_letter_spacing_rule_is_data(tmp_path: object) -> None:
    strict = LetterSpacing(LetterSpacingRule(spaces=" ", letters=r"[\p{Han}]", min_run=4, share=1.0))
    assert strict.compact("全 年 共 举 办 培训班") is None  # not every letter is spaced
    loose = LetterSpacing(LetterSpacingRule(spaces=" ", letters=r"[\p{Han}]", min_run=4, share=0.5))
    assert loose.compact("全 年 共 举 办 培训班") == ("全年共举办培训班", [0, 2, 4, 6, 8, 10, 11, 12])


# --- 2. a number glued to a Latin word ------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("为全镇村卫生室配备AED120余台。", [("120余台", 120, "台", "over", "AED")]),
    ("县医院新购置DR2台。", [("2台", 2, "台", None, "DR")]),
    ("全县建成5G基站860个。", [("860个", 860, "个", None, "5G基站")]),
    ("安装LED显示屏35块。", [("35块", 35, "块", None, "LED显示屏")]),
    ("乘坐Z8次列车返乡，C919大飞机首飞。", []),
    ("企业通过ISO14001环境管理体系认证，PM10浓度下降。", []),
])
def test_numbers_glued_to_latin_letters(extractor: Extractor, text: str, expected: list[tuple[object, ...]]) -> None:
    got = [
        (f.quantity.text, int(f.count), f.unit, f.qualifier, f.metric.text if f.metric else None)
        for f in extractor.extract(text).facts
    ]
    assert got == expected


# --- 3. modal and passive verbs inside a metric ---------------------------------------------


@pytest.mark.parametrize(("text", "metric"), [
    ("全乡居民人均可支配收入达到19870元。", "居民人均可支配收入"),
    ("年末能繁母猪存栏0.9万头。", "能繁母猪存栏"),
    ("全年救助被侵害儿童42人。", "被侵害儿童"),
    ("全年共有受资助学生310名。", "受资助学生"),
    ("本年可发放贫困学生助学金80万元。", "贫困学生助学金"),  # a modal before a two-character verb is the verb's
])
def test_modal_and_passive_verbs_stay_in_the_metric(extractor: Extractor, text: str, metric: str) -> None:
    facts = extractor.extract(text).facts
    assert len(facts) == 1 and facts[0].metric is not None
    assert facts[0].metric.text == metric


# --- 4. years of 分别 lists, eras and plan periods ------------------------------------------


def years(extractor: Extractor, text: str) -> list[tuple[str, int | None]]:
    return [(f.quantity.text, f.year) for f in extractor.extract(text).facts]


def test_each_value_of_a_respective_list_takes_its_own_year(extractor: Extractor) -> None:
    text = "某区2024年工作总结\n2021年、2022年和2023年全区新增市场主体分别为1200户、1500户、1800户，分别增长4%、25%、20%。"
    assert years(extractor, text) == [
        ("1200户", 2021), ("1500户", 2022), ("1800户", 2023), ("4%", 2021), ("25%", 2022), ("20%", 2023),
    ]
    metrics = {f.metric.text for f in extractor.extract(text).facts[:3] if f.metric}
    assert metrics and not any("年" in m for m in metrics)  # the year list is no part of the metric


def test_a_year_list_that_is_a_base_sets_no_year(extractor: Extractor) -> None:
    text = "某区2024年工作总结\n全区税收收入比2021年、2022年分别增长15%、9%。"
    assert years(extractor, text) == [("15%", 2024), ("9%", 2024)]


def test_eras_give_their_events_year_or_null(extractor: Extractor) -> None:
    text = (
        "某县2024年工作总结\n解放初期，全县仅有工厂2家，如今已有规上企业156家。全县学校由建国初的9所增加到73所。"
        "改革开放初期，全县粮食产量仅3.1万吨。全县工业产值是新中国成立时的300倍。"
    )
    assert years(extractor, text) == [
        ("2家", None), ("156家", 2024), ("9所", 1949), ("73所", 2024), ("3.1万吨", 1978), ("300倍", 2024),
    ]


def test_a_plan_period_framing_a_figure_gives_its_last_year(extractor: Extractor) -> None:
    text = "某县2024年工作总结\n“十三五”期间，全县累计新增城镇就业1.6万人。“十三五”以来，全县累计改造棚户区3200套。全年新增就业3100人。"
    assert years(extractor, text) == [("1.6万人", 2020), ("3200套", 2024), ("3100人", 2024)]
