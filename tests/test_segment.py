from __future__ import annotations

from zhreport_extract.normalise import normalise
from zhreport_extract.segment import WordSegmenter, is_heading_line, split_clauses, split_paragraphs, split_sentences


def test_normalise_keeps_length_and_maps_fullwidth() -> None:
    text = "增长７．９％，共１２３４人\u3000。"
    view = normalise(text)
    assert len(view) == len(text)
    assert view == "增长7.9%，共1234人 。"


def test_paragraphs_and_headings() -> None:
    text = "一、总体情况\n\n（二）推进乡村振兴\n全年增长5%。\n第三章 附则"
    paras = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paras] == ["一、总体情况", "（二）推进乡村振兴", "全年增长5%。", "第三章 附则"]
    assert [p.heading for p in paras] == [True, True, False, True]


def test_heading_detection() -> None:
    assert is_heading_line("三、2026年重点工作")
    assert is_heading_line("（一）充分挖掘释放有效需求潜力")
    assert not is_heading_line("一批项目建成投产。")
    assert not is_heading_line("全年增长5%。")


def test_sentences_do_not_break_inside_quotes_or_brackets() -> None:
    text = "他说“好。再来！”然后走了。括号（其中；不断）完。最后"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["他说“好。再来！”然后走了。", "括号（其中；不断）完。", "最后"]


def test_sentences_end_at_semicolons_and_line_ends() -> None:
    text = "甲1个；乙2个\n丙3个。"
    assert [text[s:e] for s, e in split_sentences(text)] == ["甲1个；", "乙2个", "丙3个。"]


def test_unclosed_quote_does_not_swallow_text() -> None:
    text = "“" + "字" * 300 + "。后面的句子。"
    pieces = [text[s:e] for s, e in split_sentences(text)]
    assert pieces[-1] == "后面的句子。"


def test_clauses() -> None:
    text = "推送信息657条，阅读量达22.12万次、转发“甲，乙”3次：完"
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == [
        "推送信息657条，", "阅读量达22.12万次、", "转发“甲，乙”3次：", "完",
    ]


def test_word_segmenter_owns_its_tokenizer_and_gives_offsets() -> None:
    import jieba

    seg = WordSegmenter()
    words = seg.words("提供就业岗位", 10)
    assert words[0][0] == 10 and words[-1][1] == 16
    assert seg.tokenizer is not jieba.dt


def test_a_second_opening_quote_where_the_closer_is_due_closes_it() -> None:
    from zhreport_extract.segment import split_sentences

    text = "举办“职工读书讲座进企业“活动，300名职工参加。“送清凉”活动惠及职工1200人。"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "举办“职工读书讲座进企业“活动，300名职工参加。", "“送清凉”活动惠及职工1200人。",
    ]
