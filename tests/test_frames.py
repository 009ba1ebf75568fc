"""DataFrames and Parquet: facts_to_pandas, write_parquet, ``extract --format parquet``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO

from zhreport_extract import Extractor
from zhreport_extract.cli import main
from zhreport_extract.frames import facts_to_pandas, write_parquet
from zhreport_extract.records import FACT_COLUMNS

pd = pytest.importorskip("pandas", reason="pandas is an optional extra: pip install -e '.[pandas]'")

SEED = REPO / "corpus" / "texts" / "seed-guigang-2018.txt"


@pytest.fixture(scope="module")
def results():  # type: ignore[no-untyped-def]
    ex = Extractor()
    return [
        ex.extract("2018年，市妇联推送信息657条，阅读量达22.12万次。", doc_id="a"),
        ex.extract("没有数字。", doc_id="empty"),
        ex.extract("参与群众4000多人，增长3至5个百分点。", doc_id="b"),
    ]


def test_facts_to_pandas_columns_types_and_values(results) -> None:  # type: ignore[no-untyped-def]
    df = facts_to_pandas(results)
    assert list(df.columns) == list(FACT_COLUMNS)
    assert len(df) == sum(len(r.facts) for r in results) == 4
    assert df["doc_id"].tolist() == ["a", "a", "b", "b"]
    assert df["quantity"].tolist() == ["657条", "22.12万次", "4000多人", "3至5个百分点"]
    assert df["count"].tolist() == [657.0, 221200.0, 4000.0, 3.0]
    assert df["count_max"].isna().tolist() == [True, True, True, False]
    assert df.loc[3, "count_max"] == 5.0
    assert df["qualifier"].tolist()[2] == "over"
    assert df["year"].tolist()[:2] == [2018, 2018]
    assert str(df["start"].dtype) == "Int64" and str(df["count"].dtype) == "float64"
    assert str(df["unit"].dtype) == "string"
    assert df["actor"].tolist()[0] == "市妇联"
    assert df.loc[0, "start"] == 13 and df.loc[0, "end"] == 17


def test_one_result_and_no_facts(results) -> None:  # type: ignore[no-untyped-def]
    assert len(facts_to_pandas(results[0])) == 2
    empty = facts_to_pandas([results[1]])
    assert len(empty) == 0 and list(empty.columns) == list(FACT_COLUMNS)


def test_missing_pandas_says_how_to_install(monkeypatch, results) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install \"zhreport_extract\[pandas\]\""):
        facts_to_pandas(results)


def test_write_parquet_round_trip(tmp_path: Path, results) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pyarrow", reason="pyarrow is an optional extra: pip install -e '.[parquet]'")
    path = tmp_path / "facts.parquet"
    assert write_parquet(results, path) == (3, 0)
    back = pd.read_parquet(path)
    assert list(back.columns) == list(FACT_COLUMNS)
    assert back["quantity"].tolist() == ["657条", "22.12万次", "4000多人", "3至5个百分点"]
    assert back["count"].tolist() == [657.0, 221200.0, 4000.0, 3.0]
    assert back["year"].tolist()[:2] == [2018, 2018]


def test_cli_parquet_is_atomic_and_matches_csv(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="pyarrow is an optional extra: pip install -e '.[parquet]'")
    out = tmp_path / "seed.parquet"
    assert main(["extract", str(SEED), "-o", str(out), "--format", "parquet", "-q"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["seed.parquet"]  # no temporary file left
    csv_out = tmp_path / "seed.csv"
    assert main(["extract", str(SEED), "-o", str(csv_out), "--format", "csv", "-q"]) == 0
    parquet = pd.read_parquet(out)
    csv = pd.read_csv(csv_out)
    assert len(parquet) == len(csv) == 49
    assert parquet["quantity"].tolist() == csv["quantity"].tolist()
    assert parquet["count"].tolist() == csv["count"].astype(float).tolist()


def test_cli_parquet_failure_leaves_no_file(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.parquet"
    assert main(["extract", str(SEED), "--format", "parquet", "-q"]) == 2
    assert "give -o FILE" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert main(["extract", str(SEED), "-o", str(out), "--format", "parquet", "-q"]) == 2
    assert "zhreport_extract[parquet]" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
