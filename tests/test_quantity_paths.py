"""The quantity finder's speed paths give what the plain ones give: candidates searched in
batches, the exclusion rules looked up by number text, numerals read once per finder."""

from __future__ import annotations

import pytest

from zhreport_extract import Extractor, quantities
from zhreport_extract.patterns import Patterns
from zhreport_extract.quantities import QuantityFinder

# made-up sentences of the reports' kind: units, bare numbers, Chinese numerals, ranges, signs
SENTENCES = [
    "全年举办培训班三五百场，参训人员1,200人次，同比减少-5%。",
    "他在比赛中获得第3名，连续3年获评先进。",
    "这是一个好办法，进一步统一了思想。",
    "2019年全市新增就业5万人，发放贷款4.4亿元。",
    "余额为-3亿元，气温-5℃，增长十五六万元。",
    "分别提高3.8和3.6个百分点，约有百分之三十到四十的家庭受益。",
]


def _quantities(finder: QuantityFinder, text: str) -> list[tuple[int, int, str, str | None, str, str, bool]]:
    return [
        (q.start, q.end, str(q.count), None if q.count_max is None else str(q.count_max), q.unit, q.rule, q.signed)
        for q in finder.find(text)
    ]


def test_the_sentences_hold_the_cases_the_paths_handle() -> None:
    found = _quantities(QuantityFinder(Patterns()), "".join(SENTENCES))
    rules = {rule for *_, rule, _ in found}
    assert {"juxtaposed_range", "shared_unit", "number_unit"} <= rules
    assert any(signed for *_, signed in found)
    assert ("1200", None, "人次") in {(c, m, u) for _, _, c, m, u, _, _ in found}


@pytest.mark.parametrize("batch", [1, 3, 256])
def test_candidate_batches_change_nothing(monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    text = "".join(SENTENCES) * 60  # more candidates than one batch holds
    expected = _quantities(QuantityFinder(Patterns()), text)
    assert len(expected) > 300
    monkeypatch.setattr(quantities, "CANDIDATE_BATCH", batch)
    assert _quantities(QuantityFinder(Patterns()), text) == expected


@pytest.mark.parametrize("batch", [1, 3, 256])
@pytest.mark.parametrize("text", ["".join(SENTENCES) * 60, "全年产量4 9 2 5 0万吨，培训2 000人次。" * 40, ""])
def test_batched_scanners_find_what_one_search_at_a_time_finds(
    monkeypatch: pytest.MonkeyPatch, batch: int, text: str
) -> None:
    """Each batch of candidates is read by one timed scanner: the matches are those of the
    candidate regex searched again from the end of each match (the plain loop)."""
    monkeypatch.setattr(quantities, "CANDIDATE_BATCH", batch)
    finder = QuantityFinder(Patterns())
    searched = quantities.LONG_RUN.sub(lambda m: quantities.MASK * len(m.group()), text)
    rx = finder.regex_spaced if quantities._spaces_digits(searched) else finder.regex
    plain, pos = [], 0
    while (m := rx.search(searched, pos)) is not None:
        plain.append((m.span(), m.groups()))
        pos = m.end() if m.end() > m.start() else m.end() + 1
    assert [(m.span(), m.groups()) for m in finder._candidates(text)] == plain
    assert len(plain) > 300 or not text.startswith(SENTENCES[0])


def test_numerals_and_rules_read_in_any_order_give_the_same() -> None:
    """One finder reading every sentence (its tables filled by the earlier ones) finds what a
    fresh finder finds in each."""
    shared = QuantityFinder(Patterns())
    for text in [*SENTENCES, *reversed(SENTENCES)]:
        assert _quantities(shared, text) == _quantities(QuantityFinder(Patterns()), text), text


def test_the_tables_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quantities, "NUMBER_CACHE", 3)
    finder = QuantityFinder(Patterns())
    fresh = [_quantities(QuantityFinder(Patterns()), text) for text in SENTENCES]
    assert [_quantities(finder, text) for text in SENTENCES] == fresh
    assert len(finder._values) <= 3 and len(finder._by_number) <= 3


def test_a_disabled_rule_after_its_number_was_looked_up() -> None:
    ex = Extractor(entities=False)
    text = "他在比赛中获得第3名。"
    assert ex.extract(text).facts == ()  # ordinal (and rank_top) refuse it; the table now holds 3名
    facts = ex.extract(text, disabled_rules=["ordinal", "rank_top"]).facts
    assert [(f.quantity.text, int(f.count), f.unit) for f in facts] == [("3名", 3, "名")]
    assert ex.extract(text).facts == ()
