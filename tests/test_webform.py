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


# --- pinyin glosses ------------------------------------------------------------------------

READINGS = {"鎮": "zhèn", "聯": "lián", "實": "shí", "動": "dòng", "業": "yè", "舉": "jǔ", "訓": "xùn",
            "婦": "fù", "總": "zǒng", "結": "jié", "會": "huì ", "資": "zī", "員": "yuán"}


def glossed(text: str) -> str:
    """``text`` with a pinyin gloss after each character of READINGS, as some sites print it."""
    return "".join(ch + (f"({READINGS[ch]})" if ch in READINGS else "") for ch in text)


def without_glosses(text: str) -> str:
    import regex

    return regex.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)", "", text)


def readings(extractor: Extractor, text: str) -> list[tuple[Decimal, str, str | None, str | None, int | None, str]]:
    result = extractor.extract(text)
    return [
        (f.count, f.unit, without_glosses(f.metric.text) if f.metric else None, f.initiative, f.year, f.status)
        for f in result.facts
    ]


PLAIN = (
    "2023年鎮婦聯工作總結\n"
    "一年來，鎮婦聯深入實施“巾幗創業行動”，全年舉辦婦女技能培訓班12期，培訓婦女860人次，"
    "發放創業貸款資金1500萬元。\n"
    "鎮總工會慰問困難職工126戶，會員人數增長5.2%。"
)


def test_a_glossed_page_reads_as_its_plain_twin(extractor: Extractor) -> None:
    page = glossed(PLAIN)
    assert page != PLAIN and "(zhèn)" in page
    assert readings(extractor, page) == readings(extractor, PLAIN)
    assert readings(extractor, page)[0] == (Decimal(12), "期", "婦女技能培訓班", "巾幗創業行動", 2023, "actual")
    assert [r[2] for r in readings(extractor, page)] == ["婦女技能培訓班", "培訓婦女", "創業貸款資金", "困難職工", "會員人數增長"]


def test_glossed_spans_are_cut_from_the_page_as_written(extractor: Extractor) -> None:
    page = glossed(PLAIN)
    result = extractor.extract(page)
    assert result.length == len(page)
    for fact in result.facts:
        assert page[fact.quantity.start : fact.quantity.end] == fact.quantity.text
        assert fact.metric is not None and page[fact.metric.start : fact.metric.end] == fact.metric.text
    metrics = [f.metric.text for f in result.facts if f.metric is not None]
    assert "培(péi)訓(xùn)婦(fù)女" not in metrics  # the reading of 培 is not in READINGS
    assert "培訓(xùn)婦(fù)女" in metrics  # a gloss inside a span stays: the span is the page's text
    assert result.year == 2023 and result.year_source is not None
    assert result.year_source.span is not None and result.year_source.span.text == "2023年鎮(zhèn)婦(fù)聯(lián)工作總(zǒng)結"
    # (a span ends at its last character: the gloss after it is not part of it)


def test_parentheses_that_are_no_gloss_are_left_alone(extractor: Extractor) -> None:
    text = "全县地区生产总值(GDP)增长6.5%，发放慰问品(大米)价值约4.6万元，社区康复协调员(cbr)12人。"
    result = extractor.extract(text)
    assert [(f.quantity.text, f.count) for f in result.facts] == [
        ("6.5%", Decimal("6.5")), ("4.6万元", Decimal(46000)), ("12人", Decimal(12)),
    ]
    assert extractor.glosses.compact(text) is None


def test_a_glossed_and_letter_spaced_page(extractor: Extractor) -> None:
    page = "鎮(zhèn)婦(fù)聯(lián)工作總(zǒng)結(jié)\n全 年 舉(jǔ) 辦 培 訓(xùn) 班 1 6 期 。"
    result = extractor.extract(page)
    assert [(f.quantity.text, f.count, f.unit) for f in result.facts] == [("1 6 期", Decimal(16), "期")]
    fact = result.facts[0]
    assert page[fact.quantity.start : fact.quantity.end] == "1 6 期"


# --- template placeholders -------------------------------------------------------------------


def test_a_masked_year_gives_no_year_and_masked_numbers_no_fact(extractor: Extractor) -> None:
    page = (
        "20XX年度××镇妇联工作总结\n"
        "20XX年，××镇妇联共举办培训班**期，培训妇女***人次，发放资金X万元。\n"
        "全年走访慰问困难妇女56户，201X年以前的档案整理完毕。"
    )
    result = extractor.extract(page)
    assert result.year is None
    assert result.year_source is not None and result.year_source.rule == "masked_year"
    assert result.year_source.span is not None and result.year_source.span.text == "20XX年"
    assert [(f.quantity.text, f.count, f.year) for f in result.facts] == [("56户", Decimal(56), None)]


def test_a_masked_template_is_not_dated_by_its_posting_date(extractor: Extractor) -> None:
    page = "乡镇团委工作总结范文\n时间：2022-02-03 16:12:45\n====年，镇团委今年共发展团员15名。"
    result = extractor.extract(page)
    assert result.year is None and [f.year for f in result.facts] == [None]
    assert result.year_source is not None and result.year_source.rule == "masked_year"
    assert result.year_source.date is None  # the posting date dated nothing


def test_placeholder_forms_do_not_crash_or_make_years(extractor: Extractor) -> None:
    for masked in ("20xx", "20XX", "xxxx", "××××", "****", "====", "20__", "二〇XX", "201X"):
        result = extractor.extract(f"{masked}年工作总结\n{masked}年，XX镇新建妇女之家**个，慰问困难家庭23户。")
        assert result.year is None, masked
        assert [(f.count, f.year) for f in result.facts] == [(Decimal(23), None)], masked


# --- the page's own date line ----------------------------------------------------------------


def test_a_publication_line_dates_the_page_and_shows_in_year_source(extractor: Extractor) -> None:
    page = "县总工会开展送温暖活动\n日期：2021年3月5日  浏览次数：365  字号：大 中 小\n去年，县总工会共慰问困难职工420户。"
    result = extractor.extract(page)
    assert result.year == 2020  # an item of March 2021 about 去年
    source = result.year_source
    assert source is not None and source.rule == "dated_last_year_word"
    assert source.date is not None and source.date.text == "2021年3月5"
    assert [(f.quantity.text, f.year) for f in result.facts] == [("420户", 2020)]


def test_a_given_date_is_no_page_date(extractor: Extractor) -> None:
    page = "县总工会开展送温暖活动\n发布时间：2021-03-05\n去年，县总工会共慰问困难职工420户。"
    result = extractor.extract(page, date="2022-02-01")
    assert result.year == 2021
    assert result.year_source is not None and result.year_source.date is None


def test_a_date_inside_a_sentence_is_an_event_not_the_page_date(extractor: Extractor) -> None:
    page = "县妇联举办“巾帼心向党”主题活动\n活动时间：2023-03-05，今年共组织参加群众300余人。"
    result = extractor.extract(page)
    assert result.year is None and result.year_source is None
    assert [(f.quantity.text, f.year) for f in result.facts] == [("300余人", None)]


def test_a_posting_date_does_not_override_the_year_a_title_names(extractor: Extractor) -> None:
    page = (
        "2022年某镇政府工作报告\n上传时间:2023-04-08 格式:DOCX 页数:12\n"
        "各位代表：过去一年，全镇新建村道12公里。今年，全镇计划新建村道15公里。"
    )
    result = extractor.extract(page)
    assert result.year == 2021
    assert result.year_source is not None and result.year_source.rule == "title_work_report"
    assert result.year_source.date is not None and result.year_source.date.text == "2023-04-08"
    assert [(f.quantity.text, f.year) for f in result.facts] == [("12公里", 2021), ("15公里", 2022)]


def test_reader_counters_and_article_length_are_furniture(extractor: Extractor) -> None:
    page = (
        "县妇联举办亲子阅读活动\n本文共计1280字，预计阅读时长3分钟\n"
        "活动吸引亲子家庭86户参加，微信直播累计1.5万人观看。\n"
        "阅读 3512 | 评论 8\n已有 2,045 人阅读\n共有6条评论"
    )
    assert facts(extractor, page) == [("86户", Decimal(86), "户"), ("1.5万人", Decimal(15000), "人")]


def test_site_menus_do_not_push_the_title_out(extractor: Extractor) -> None:
    page = (
        "网站首页\n组织机构\n工作动态\n通知公告\n政策法规\n当前位置：首页 > 工作动态\n"
        "某区残联2021年工作总结\n发布日期：2022-01-12  点击量：86\n"
        "今年以来，区残联为残疾人适配辅助器具320件，去年同期为260件。"
    )
    result = extractor.extract(page)
    assert result.year == 2021
    assert result.year_source is not None and result.year_source.rule == "title_review"
    assert result.year_source.date is not None and result.year_source.date.text == "2022-01-12"
    assert [(f.quantity.text, f.year) for f in result.facts] == [("320件", 2021), ("260件", 2020)]


def test_furniture_lines_are_read_as_absent(extractor: Extractor) -> None:
    body = "县妇联召开执委会\n会议总结了全年工作，全县举办培训班12期。\n会议号召各级妇联组织再接再厉。"
    page = (
        "当前位置：首页 > 工作动态\n" + body.replace("\n会议号召", "\n打印本页 | 关闭窗口\n会议号召")
        + "\n已有 2,045 人阅读\n责任编辑：王某\n版权所有 © 某县妇联"
    )
    plain, read = extractor.extract(body), extractor.extract(page)
    assert [(f.quantity.text, f.metric.text if f.metric else None) for f in read.facts] == [("12期", "举办培训班")]
    assert len(read.paragraphs) == len(plain.paragraphs) == 3
    assert [page[p.start : p.end] for p in read.paragraphs] == [body[p.start : p.end] for p in plain.paragraphs]
    assert read.length == len(page)


def test_an_interview_line_is_no_credit_line(extractor: Extractor) -> None:
    text = "牧民领到补偿金3万元。\n记者：准备用这些钱做什么？\n牧民：再买20只羊。"
    assert extractor.furniture.compact(text) is None
    assert facts(extractor, text) == [("3万元", Decimal(30000), "元"), ("20只", Decimal(20), "只")]


def test_the_page_date_line_is_no_lead_and_menus_no_title(extractor: Extractor) -> None:
    body = "某县妇联工作综述\n五年来，全县各级妇联共举办培训班320期，培训妇女2.1万人次。\n今年新建妇女之家12个。"
    title, rest = body.split("\n", 1)
    page = "首页\n机构概况\n工作动态\n通知公告\n" + title + "\n发布时间：2021-03-05 10:21  来源：本站\n" + rest

    def meaning(text: str) -> list[tuple[str, str, int | None]]:
        return [(f.quantity.text, f.period, f.year) for f in extractor.extract(text, date="2021-03-05").facts]

    assert meaning(page) == meaning(body) == [("320期", "span", 2021), ("2.1万人次", "span", 2021), ("12个", "year", 2021)]


def test_picture_and_body_labels_do_not_end_a_headline_programme(extractor: Extractor) -> None:
    # a headline naming a programme governs the body; the page's label lines between them are furniture,
    # not captions that would end its scope
    page = "某县妇联开展“春风行动”\n（资料图片）\n正文\n2月10日，县妇联举办招聘会12场，提供岗位3000个。"
    plain = page.replace("\n（资料图片）\n正文", "")
    got = [(f.quantity.text, f.initiative) for f in extractor.extract(page).facts]
    assert got == [(f.quantity.text, f.initiative) for f in extractor.extract(plain).facts]
    assert got == [("12场", "春风行动"), ("3000个", "春风行动")]
    # a sentence that mentions pictures is no label line
    text = "县妇联开展“春风行动”\n图片展出作品120幅。"
    assert [(f.quantity.text, f.metric.text if f.metric else None) for f in extractor.extract(text).facts] == [("120幅", "图片展出作品")]


# --- straight quote marks ------------------------------------------------------------------
# Many pages are typed with ASCII quotes ("…"): they read as “…”, in turn along a line.

CURLY_PAGE = (
    "2021年，县妇联深入实施“巾帼家美”行动，评选“文明家庭”12户，"
    "举办“母亲讲堂”家教讲座8场。\n"
    "全年争取“春蕾计划”助学金6.5万元，“爱心妈妈”结对留守儿童40名。"
)


def described(extractor: Extractor, text: str) -> list[tuple[str, str | None, str | None, int | None]]:
    return [
        (f.quantity.text, f.metric.text.replace('"', "").replace("“", "").replace("”", "") if f.metric else None,
         f.initiative, f.year)
        for f in extractor.extract(text).facts
    ]


def test_straight_quotes_read_as_curly_ones(extractor: Extractor) -> None:
    straight = CURLY_PAGE.replace("“", '"').replace("”", '"')
    curly = described(extractor, CURLY_PAGE)
    assert [(q, i, y) for q, _, i, y in curly] == [
        ("12户", "巾帼家美", 2021), ("8场", "母亲讲堂", 2021), ("6.5万元", "春蕾计划", 2021), ("40名", "春蕾计划", 2021),
    ]
    assert curly[0][1] == "文明家庭"
    assert described(extractor, straight) == curly


def test_straight_quotes_keep_honour_counts_and_plan_periods(extractor: Extractor) -> None:
    # with the quotes unpaired, the first honour's count was lost and the 十三五 base lost its metric
    honours = '2018年，我县荣获"全国五好家庭"2户、"全国最美家庭"3户，评选"文明家庭"12户。'
    assert [f.quantity.text for f in extractor.extract(honours).facts] == ["2户", "3户", "12户"]
    base = '全县生产总值达到120亿元，较"十三五"末的90亿元增加30亿元。'
    assert [(f.quantity.text, f.metric.text if f.metric else None, f.indicator, f.period, f.year)
            for f in extractor.extract(base).facts] == [
        ("120亿元", "生产总值", "地区生产总值", "year", None),
        ("90亿元", "生产总值", "地区生产总值", "year", 2020),
        ("30亿元", "增加", "地区生产总值", "span", None),
    ]


def test_a_lone_straight_quote_changes_nothing_around_it(extractor: Extractor) -> None:
    from zhreport_extract.normalise import normalise

    assert normalise('显示屏55"，共采购12台。') == '显示屏55"，共采购12台。'
    assert normalise('开展"护苗"行动，开展"净网"行动') == "开展“护苗”行动，开展“净网”行动"


# --- lines wrapped at a fixed width (PDF text) -----------------------------------------------
# A break inside a word is read without it: the metric, the indicator and the unit read whole,
# and the spans are cut from the text as written, the break inside them.

WRAPPED = (
    "一、经济运行情况\n"
    "今年以来，全县经济运行总体平稳，稳中有进，全年实现地区生产总值98.6亿元，同比增长\n"
    "6.2%；实现社会消费品零售额29.02亿元，同比增长14.1%；全县新增造林面积共计3.5平方\n"
    "公里，完成农村公路建设120公里，改造农村危房860户，建成文化广场45个，旅游总收\n"
    "入12.5亿元，各项社会事业全面进步。\n"
)


def test_a_wrapped_page_reads_as_its_unwrapped_text(extractor: Extractor) -> None:
    def read(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(f.quantity.text.replace("\n", ""), f.metric.text.replace("\n", "") if f.metric else None, f.indicator)
                for f in extractor.extract(text).facts]

    unwrapped = WRAPPED.replace("增长\n6", "增长6").replace("平方\n公里", "平方公里").replace("总收\n入", "总收入")
    assert read(WRAPPED) == read(unwrapped)
    facts = extractor.extract(WRAPPED).facts
    income = next(f for f in facts if f.quantity.text == "12.5亿元")
    assert income.metric is not None and income.metric.text == "旅游总收\n入"
    area = next(f for f in facts if f.quantity.text.startswith("3.5"))
    assert (area.quantity.text, area.unit) == ("3.5平方\n公里", "平方公里")


# --- spaces around numbers ------------------------------------------------------------------


def test_spaces_around_numbers_keep_times_ages_and_metrics(extractor: Extractor) -> None:
    spaced = "7 月以来，全镇排查返乡人员1200余人；65 岁以上老人接种率达89.2%；补发1-5 月取暖补贴38.6万元。"
    tight = spaced.replace(" ", "")

    def read(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(f.quantity.text.replace(" ", ""), f.metric.text.replace(" ", "") if f.metric else None, f.period)
                for f in extractor.extract(text).facts]

    assert read(spaced) == read(tight)
    assert [(f.metric.text if f.metric else None, f.period) for f in extractor.extract(spaced).facts] == [
        ("排查返乡人员", "part"), ("65 岁以上老人接种率", "part"), ("取暖补贴", "part"),
    ]


WRAPPED_ITEM = (
    "一、2023年工作成效\n"
    "2.稳步抓好经济发展。今年1-10月，全镇实现财政总收入12.46亿元\n"
    "，同比增长18.5%；一般公共预算收入6.08亿元，同比增长15.2%；新\n"
    "引进企业36家，新签约重点项目9个，组织线上线下招聘会6场，提供\n"
    "就业岗位1800余个。\n"
    "3.扎实推进社区治理。\n"
)


def test_a_wrapped_numbered_item_goes_on_past_its_first_line(extractor: Extractor) -> None:
    # the numbered line fills the page's width: its body runs on (its 今年1-10月 frames the rest)
    def read(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(f.quantity.text.replace("\n", ""), f.period, f.indicator) for f in extractor.extract(text).facts]

    unwrapped = WRAPPED_ITEM.replace("亿元\n，", "亿元，").replace("；新\n引进", "；新引进").replace("提供\n就业", "提供就业")
    assert read(WRAPPED_ITEM) == read(unwrapped)
    assert [p for _, p, _ in read(WRAPPED_ITEM)] == ["part"] * 8


# --- ASCII full stops ------------------------------------------------------------------------


def test_ascii_full_stops_end_sentences(extractor: Extractor) -> None:
    # typed in half-width mode: . ends the sentence, so 预计 and the year stop at it
    typed = "二.主要工作\n预计全年新增就业1200人.2022年,全镇举办招聘会8场,提供岗位960个.增长12.5%."
    full = "二.主要工作\n预计全年新增就业1200人。2022年,全镇举办招聘会8场,提供岗位960个。增长12.5%。"
    def read(text: str) -> list[tuple[str, str, int | None]]:
        return [(f.quantity.text, f.status, f.year) for f in extractor.extract(text, date="2022-12-20").facts]
    assert read(typed) == read(full)
    assert [s for _, s, _ in read(typed)] == ["estimate", "actual", "actual", "actual"]


def test_a_stop_wrapped_onto_a_line_of_its_own_ends_the_line_before() -> None:
    from zhreport_extract.segment import continued_lines

    text = "新华社播发通讯《一份实实在在的成绩单》\n。\n全年查处问题3083起。"
    assert continued_lines(text) == [text.index("\n")]


# --- paragraphs glued into one line ----------------------------------------------------------
# Document sites and search snippets serve a report with a space where each paragraph broke.

GLUED = (
    "某县妇联2023年工作总结及2024年工作计划 2023年，县妇联在县委的坚强领导下，团结带领全县广大妇女，围绕中心、服务大局，"
    "各项工作取得了新的成效，主要做了以下工作： 一、实施“巾帼建功”行动 全年举办技能培训班12期，培训妇女860人次，帮助320名妇女实现就业。"
    "组织开展“巾帼文明岗”创建活动，新创建县级文明岗15个。 二、2024年工作计划 计划新建妇女儿童之家5个，开展家庭教育讲座30场，"
    "培训农村妇女1000人次。"
)


def test_a_glued_report_reads_as_its_paragraphs(extractor: Extractor) -> None:
    def read(text: str) -> list[tuple[str, int | None, str, str | None]]:
        return [(f.quantity.text, f.year, f.status, f.initiative) for f in extractor.extract(text).facts]

    assert read(GLUED) == read(GLUED.replace(" ", "\n"))
    assert [(y, s, i) for _, y, s, i in read(GLUED)][-3:] == [(2024, "target", None)] * 3
    # the offsets are the page's: the spaces stay spaces in every span and sentence
    result = extractor.extract(GLUED)
    assert all("\n" not in GLUED[s.start : s.end] for s in result.sentences)


def test_a_report_with_its_line_breaks_is_not_read_as_glued(extractor: Extractor) -> None:
    # laid out in paragraphs, with a space after a stop inside one: the space stays a space
    text = GLUED.replace(" ", "\n").replace("实现就业。组织开展", "实现就业。 组织开展")
    view = extractor.document(text).view
    assert view.count("\n") == text.count("\n") == 5 and "。 组织开展" in view
    assert extractor.document(GLUED).view.count("\n") == 5


def test_a_glued_report_with_a_few_line_breaks_is_read_by_its_inline_headings(extractor: Extractor) -> None:
    # a document site's pages: long lines, each with headings after a stop and a space
    page = GLUED.replace("主要做了以下工作： 一、", "主要做了以下工作。 一、").replace("15个。 二、", "15个。\n二、")
    assert page.count("\n") == 1
    view = extractor.document(page).view
    assert view.count("\n") == 5
    assert "总结.docx" in extractor.document("工作总结.docx 全年举办培训班12期. 培训妇女860人次.").view


GLUED_UNNUMBERED = (
    "某县妇联2023年工作总结 2023年，县妇联在县委的坚强领导下，团结带领全县广大妇女，围绕中心、服务大局，"
    "凝聚巾帼力量，展现巾帼作为，各项工作取得了新的成效。 “巾帼家美”暖民心 县妇联深入开展“巾帼家美积分”活动，"
    "以积分兑换激励农村妇女参与人居环境整治，全年评选示范户230户，发放积分奖品1.2万元。 关爱儿童健康成长 "
    "县妇联联合教育、民政等部门，全年走访留守儿童460名，新建“儿童之家”8个，开展家庭教育讲座26场。"
)


def test_a_glued_reports_unnumbered_heading_is_its_own_line(extractor: Extractor) -> None:
    # a heading with no numbering between a stop and its paragraph (…成效。 标题 正文…) is its own line, and ends
    # the programme above it, as its line breaks did
    view = extractor.document(GLUED_UNNUMBERED).view
    assert "\n关爱儿童健康成长\n县妇联联合" in view and "\n“巾帼家美”暖民心\n县妇联深入" in view
    read = [(f.quantity.text, f.initiative) for f in extractor.extract(GLUED_UNNUMBERED).facts]
    assert read == [
        ("230户", "巾帼家美积分"), ("1.2万元", "巾帼家美积分"), ("460名", None), ("8个", None), ("26场", None),
    ]
    laid_out = GLUED_UNNUMBERED.replace("。 ", "。\n").replace("心 ", "心\n").replace("长 ", "长\n").replace("结 ", "结\n")
    assert read == [(f.quantity.text, f.initiative) for f in extractor.extract(laid_out).facts]
    # a space inside a sentence after a stop's (…成效。 全县教育投入 8316万元) is no heading's
    assert "。 全县教育投入 8316万元" in extractor.document(GLUED_UNNUMBERED + " 全县教育投入 8316万元。").view.replace("\n", " ")
    assert "\n全县教育投入 8316万元" in extractor.document(GLUED_UNNUMBERED + " 全县教育投入 8316万元。").view


def test_a_page_number_line_inside_a_wrapped_paragraph_is_furniture(extractor: Extractor) -> None:
    # a PDF's page break falls inside a paragraph: its page number line is read as absent
    lines = WRAPPED.split("\n")
    for mark in ("— 2 —", "- 2 -", "第 2 页"):
        paged = "\n".join([*lines[:3], mark, *lines[3:]])

        def read(text: str, cut: str) -> list[tuple[str, str | None, int | None, str | None]]:
            return [
                (f.quantity.text.replace("\n" + cut, "").replace("\n", ""),
                 f.metric.text.replace("\n" + cut, "").replace("\n", "") if f.metric else None,
                 f.year, f.indicator)
                for f in extractor.extract(text).facts
            ]

        assert read(paged, mark) == read(WRAPPED, mark), mark


def test_a_running_header_repeated_on_every_page_is_furniture() -> None:
    from zhreport_extract.segment import RunningHeaders

    lines = WRAPPED.split("\n")[1:5]
    header = "某县人民政府工作报告"
    text = "\n".join([header, *lines[:2], "— 2 —", header, *lines[2:], "— 3 —", header, "二、社会事业", header])
    short, places = RunningHeaders().compact(text)
    assert short.count(header) == 1 and short.startswith(header)  # the title at the top stays once
    assert [text[p] for p in places] == list(short)
    # a caption that recurs, on a page not wrapped, stays
    assert RunningHeaders().compact("主要做法\n开展培训。\n主要做法\n开展宣传。\n主要做法\n开展慰问。\n结束。") is None
