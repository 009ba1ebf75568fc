"""A report typed or laid out another way reads as the report itself (benchmarks/form_twins.py):
the dev texts typed with ASCII punctuation, straight, corner or single quotes, both quote marks of a name
alike (“A“, ”A”), with spaces around numbers,
indented, with Windows line ends, blank lines or full-width digits give the same facts, field
for field, mapped back to the original's offsets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import shared_path

from zhreport_extract import Extractor

REPO = Path(__file__).resolve().parent.parent


def _twins_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("form_twins", REPO / "benchmarks" / "form_twins.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["form_twins"] = module
    spec.loader.exec_module(module)
    return module


TWINS = _twins_module()


@pytest.fixture(scope="module")
def dev_texts() -> dict[str, str]:
    folder = shared_path("corpus", "dev", "texts")
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


@pytest.mark.parametrize("form", ["ascii_all", "straight_quotes", "corner_quotes", "single_quotes", "fullwidth_digits", "indent",
                                  "crlf", "blank_lines", "number_spaces", "misclosed_quotes",
                                  "misopened_quotes"])
def test_a_dev_text_in_another_form_reads_the_same(extractor: Extractor, dev_texts: dict[str, str], form: str) -> None:
    assert dict(TWINS.differences(extractor, dev_texts, form)) == {}


@pytest.mark.parametrize("form", ["wrap72", "pdf72"])
def test_a_wrapped_dev_text_keeps_its_quantities_metrics_and_initiatives(
    extractor: Extractor, dev_texts: dict[str, str], form: str
) -> None:
    counts = TWINS.differences(extractor, dev_texts, form)
    assert (counts["span"], counts["count"], counts["unit"]) == (0, 0, 0)
    assert counts["metric"] <= 5, counts
    # a line wrapped right after a quote's closing mark (举办“春风行动”⏎就业招聘会10多场) goes on: the
    # programme keeps its facts (11 initiatives differed on either form before session 11)
    assert counts["initiative"] == 0, counts


def test_the_twin_maps_each_character_back() -> None:
    text = "全年举办培训12期。"
    other, places = TWINS.twin(text, "number_spaces")
    assert other == "全年举办培训12 期。"
    assert [other[p] for p in places] == list(text)
    wrapped, places = TWINS.twin("一二三四五六", "wrap6")
    assert wrapped == "一二三\n四五六" and [wrapped[p] for p in places] == list("一二三四五六")
