"""Forms of web pages as users copy them (issue 15: "real reports … as users have them"):
page furniture (view counters, page counters), the page's own date line, template
placeholders (20xx年, ××镇, **名) and pinyin glosses after characters. The pages are made up
for the tests, in the forms such sites use."""

from __future__ import annotations

from decimal import Decimal

from zhreport_extract import Extractor


def facts(extractor: Extractor, text: str) -> list[tuple[str, Decimal, str]]:
    return [(f.quantity.text, f.count, f.unit) for f in extractor.extract(text).facts]


# --- page furniture ------------------------------------------------------------------------


def test_a_page_header_line_gives_no_fact(extractor: Extractor) -> None:
    page = (
        "某县妇联举办家庭教育讲座\n"
        "发布时间：2022-04-02  浏览次数：1288  字号：大 中 小\n"
        "县妇联今年共举办家庭教育讲座15场，受益家长2300余人次。\n"
        "第1页共2页\n"
        "您是第:5521033 位访问者"
    )
    assert facts(extractor, page) == [
        ("15场", Decimal(15), "场"),
        ("2300余人次", Decimal(2300), "人次"),
    ]


def test_popularity_and_document_site_counters_are_furniture(extractor: Extractor) -> None:
    page = "时间:06-18人气:35作者:小编\n- 3页 |\n镇团委全年发展团员42名。"
    assert facts(extractor, page) == [("42名", Decimal(42), "名")]


def test_a_view_count_stated_in_the_report_stays_a_fact(extractor: Extractor) -> None:
    text = "全年推送信息320条，公众号阅读量达5.6万次。"
    assert facts(extractor, text) == [
        ("320条", Decimal(320), "条"),
        ("5.6万次", Decimal(56000), "次"),
    ]
