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
