"""Form of the page: spaces inside quantities, ASCII punctuation, wrapped lines, minus signs,
traditional units (issue 15, item 1). The phrases are made up for the tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from zhreport_extract import Extractor
from zhreport_extract.normalise import make_table, normalise
from zhreport_extract.patterns import Patterns
from zhreport_extract.quantities import QuantityFinder
from zhreport_extract.segment import continued_lines, join_wrapped_lines, split_clauses, split_sentences, unit_head


def facts(extractor: Extractor, text: str) -> list[tuple[str, Decimal, str]]:
    return [(f.quantity.text, f.count, f.unit) for f in extractor.extract(text).facts]


def test_spaces_inside_a_quantity_are_part_of_its_span(extractor: Extractor) -> None:
    text = "发放贷款4.4 亿元，筹集资金\u00a0213.8\u00a0万元，开展活动 400 余场次，增长2\u3000%。"
    assert facts(extractor, text) == [
        ("4.4 亿元", Decimal("440000000"), "元"),
        ("213.8\u00a0万元", Decimal("2138000"), "元"),
        ("400 余场次", Decimal("400"), "场次"),
        ("2\u3000%", Decimal("2"), "%"),
    ]


def test_a_space_between_two_numbers_does_not_join_them(extractor: Extractor) -> None:
    assert facts(extractor, "两地分别有 12 34 个村。") == [("34 个", Decimal("34"), "个")]
    assert facts(extractor, "2023 年 12 月共有 5 人") == [("5 人", Decimal("5"), "人")]


def test_digits_set_one_by_one_are_read_only_on_a_page_that_sets_them_so(extractor: Extractor) -> None:
    spaced = "粮食产量4 9 2 5 0 万吨，棉花产量4 6 0 万吨，钢产量1 0 7 5 7 万吨。"
    assert [count for _, count, _ in facts(extractor, spaced)] == [Decimal(492500000), Decimal(4600000), Decimal(107570000)]
    table = "项目 2022年 2023年\n示范基地 2 3 个\n培训班 4 5 期"
    assert facts(extractor, table) == [("3 个", Decimal("3"), "个"), ("5 期", Decimal("5"), "期")]


def test_qualifier_words_are_read_across_spaces(extractor: Extractor) -> None:
    [fact] = extractor.extract("惠及群众约 3 万人。").facts
    assert (fact.quantity.text, fact.qualifier) == ("3 万人", "about")


def test_ascii_punctuation_reads_as_full_width() -> None:
    view = normalise("增长5%;共3人!好?(一)比:1,2")
    assert view == "增长5%；共3人！好？（一）比：1，2"
    assert [view[s:e] for s, e in split_sentences(view)] == ["增长5%；", "共3人！", "好？", "（一）比：1，2"]
    other = normalise("甲1个,乙2个:丙")
    assert [other[s:e] for s, e in split_clauses(other, 0, len(other))] == ["甲1个，", "乙2个：", "丙"]


def test_ratios_with_other_colons_are_left_out(extractor: Extractor) -> None:
    assert facts(extractor, "三次产业结构比为8.2︰40.1︰51.7。") == []
    assert facts(extractor, "男女比例为1∶1.05。") == []


def test_a_minus_sign_on_a_change_is_recorded_and_the_count_is_its_magnitude() -> None:
    finder = QuantityFinder(Patterns())
    view = normalise("地区生产总值、财政收入同比分别-6.2%、-19.3%，存款余额-3亿元，气温-5℃")
    found = [(view[q.start : q.end], q.count, q.signed) for q in finder.find(view)]
    assert found == [
        ("-6.2%", Decimal("6.2"), True),
        ("-19.3%", Decimal("19.3"), True),
        ("-3亿元", Decimal("-300000000"), True),
        ("-5℃", Decimal("-5"), True),
    ]
    [plain] = finder.find(normalise("增长6.2%"))
    assert plain.signed is False


def test_units_in_traditional_script_are_given_as_written(extractor: Extractor) -> None:
    assert facts(extractor, "新建示範點26個、路牌58塊。") == [
        ("26個", Decimal("26"), "個"),
        ("58塊", Decimal("58"), "塊"),
    ]


def test_units_in_simplified_script_where_units_toml_asks(patterns_copy: Path) -> None:
    units = patterns_copy / "units.toml"
    units.write_text(units.read_text(encoding="utf-8").replace('script = "written"', 'script = "simplified"', 1), encoding="utf-8")
    simplified = Extractor(patterns_copy, entities=False)
    assert facts(simplified, "新建示範點26個、路牌58塊。") == [
        ("26個", Decimal("26"), "个"),
        ("58塊", Decimal("58"), "块"),
    ]
    assert normalise("個", make_table(Patterns().traditional.map, library=True)) == "个"


WRAPPED = (
    "一、主要工作\n"
    "全县各级妇联组织深入开展巾帼建功活动，全年发放妇女小额担保贷\n"
    "款共计4.4亿元，扶持三千余名城乡妇女创业就业，举办各类技能培训\n"
    "班一百二十期，培训妇女九千余人次，受到基层群众的普遍欢迎和好评\n"
    "二、存在的问题\n"
)


def test_a_wrapped_line_does_not_end_its_sentence(extractor: Extractor) -> None:
    breaks = continued_lines(WRAPPED)
    assert [WRAPPED[i - 2 : i] for i in breaks] == ["保贷", "培训"]
    view = join_wrapped_lines(WRAPPED)
    assert len(view) == len(WRAPPED) and view.count("\n") == len(WRAPPED.split("\n")) - 1 - len(breaks)
    result = extractor.extract(WRAPPED)
    assert len(result.paragraphs) == 3  # heading, the wrapped paragraph, heading
    [loan] = [f for f in result.facts if f.unit == "元"]
    assert loan.metric is not None and "担保贷\n款" in loan.metric.text  # the noun reads across the break
    training = [f for f in result.facts if f.quantity.text == "一百二十期"]
    assert training and training[0].metric is not None and "培训" in training[0].metric.text


def test_short_lines_without_punctuation_stay_lines_of_their_own() -> None:
    text = "全省红十字会募集款物3.2亿元\n2023年，全省红十字会继续开展救护培训。\n“美丽庭院”创建活动\n全年创建示范户1200户。"
    assert continued_lines(text) == []
    assert join_wrapped_lines(text) == text


def test_a_line_ending_in_a_comma_continues() -> None:
    text = "全年新增城镇就业1.2万人，\n农村劳动力转移就业3.4万人。"
    assert continued_lines(text) == [text.index("\n")]


def test_a_line_with_a_clause_mark_running_on_into_a_number_continues(extractor: Extractor) -> None:
    text = "全年举办培训活动42场次，受益群众3800余人次，发放宣传资料\n1.2万份。"
    assert continued_lines(text) == [text.index("\n")]
    [leaflets] = [f for f in extractor.extract(text).facts if f.unit == "份"]
    assert leaflets.metric is not None and leaflets.metric.text == "宣传资料"
    # a title without a clause mark before a line that opens with a number stays a line of its own
    news = "我市举办职工技能大赛\n300余名职工参加比赛。"
    assert continued_lines(news) == []
    # nor does a year or date opening the next line continue it
    assert continued_lines("全年新建站点12个，改造道路\n2023年12月，全部完工。") == []


def test_thousands_set_apart_by_spaces_keep_their_decimals(extractor: Extractor) -> None:
    assert facts(extractor, "全年发放贷款 12 345.6 万元，培训妇女 3 200 人次。") == [
        ("12 345.6 万元", Decimal("123456000"), "元"),
        ("3 200 人次", Decimal("3200"), "人次"),
    ]


def test_a_quote_opened_on_one_line_and_closed_on_the_next_continues(extractor: Extractor) -> None:
    text = "深入开展“巾帼建功\n标兵岗位”创建活动，全年发放贷款4.4亿元。"
    assert continued_lines(text) == [text.index("\n")]
    [loan] = extractor.extract(text).facts
    assert loan.initiative == "巾帼建功标兵岗位"  # the line break is no part of the name
    # a title line whose quote is closed stays a line of its own
    assert continued_lines("“巾帼建功”活动综述\n全年发放贷款4.4亿元。") == []


def test_other_quote_forms_name_a_programme(extractor: Extractor) -> None:
    for text in ("实施＂春苗计划＂，资助学生120名。", "实施〝春苗计划〞，资助学生120名。"):
        [fact] = extractor.extract(text).facts
        assert fact.initiative == "春苗计划", text


def test_a_number_ending_a_wrapped_line_reads_on_into_its_unit(extractor: Extractor) -> None:
    # a paragraph's first line falls short of the page's width by its indent; it ends in a
    # number whose unit opens the next line (a PDF's wrapping): one quantity, the break inside
    lines = [
        "一、经济运行总体平稳",
        "全乡经济稳中有进，截至9月底，完成农业总产值 36",
        "亿元，同比增长3.2%；规模以上工业增加值2.4亿元，同比增长",
        "4.1%；新建高标准农田1.6万亩，全面完成了县下达的目标任务",
        "和年度计划，村集体经济收入全部超过十万元，群众满意度提升",
    ]
    text = "\n".join(lines)
    at = text.index("36\n")
    assert at + 2 in continued_lines(text, unit_head(["亿元", "元", "亩"]))
    [output] = [f for f in extractor.extract(text).facts if f.quantity.start == at]
    assert (output.quantity.text, output.count, output.unit) == ("36\n亿元", Decimal("3600000000"), "元")
    # a line without a clause mark on a page of unwrapped lines stays a line of its own
    assert continued_lines("全县完成招商引资项目12\n项目建设情况见附表", unit_head(["项"])) == []
    # nor does a short line (附件2 / 名词解释), nor a line that ends a sentence
    assert continued_lines("附件2\n名词解释", unit_head(["名"])) == []
    assert continued_lines("全年新增就业岗位共计2万个。\n万众一心推进发展，", unit_head(["个"])) == []
    # a line that ends in a number whose unit opens the next line and is followed at once by a
    # clause mark goes on (no title's line opens so), even on a page without a fixed width
    short = "全镇户籍人口达到2.36万\n人，比上年增加120人。"
    assert continued_lines(short, unit_head(["人"])) == [short.index("\n")]
    assert [f.quantity.text for f in extractor.extract(short).facts] == ["2.36万\n人", "120人"]
    assert continued_lines("我市举办职工技能大赛12\n人获奖。", unit_head(["人"])) == []
    # without the units test (the default) such a line is no continuation
    assert continued_lines("截至9月底，完成农业总产值 36\n亿元，同比增长3.2%。") == []
