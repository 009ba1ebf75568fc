"""The CLI end to end, as a user runs it (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhreport_extract", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


def test_extract_seed_report_to_jsonl(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "facts.jsonl"
    proc = run("extract", str(REPO / "corpus" / "texts" / "seed-guigang-2018.txt"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert out.stat().st_mode & 0o044, "the output file is readable by others, like any file the user makes"
    assert not list(tmp_path.glob(".*.part")), "no temporary file is left behind"
    doc = json.loads(lines[0])
    assert doc["doc_id"] == "seed-guigang-2018"
    first = doc["facts"][0]
    assert first["quantity"]["text"] == "657条" and first["count"] == 657 and first["unit"] == "条"
    assert set(first) >= {"quantity", "count", "unit", "qualifier", "count_max", "per", "metric", "initiative", "year", "sentence", "rule"}
    assert len(doc["facts"]) >= 45


def test_extract_jsonl_from_stdin_with_date_and_csv() -> None:
    lines = "\n".join(
        json.dumps(d, ensure_ascii=False)
        for d in [{"id": "a", "text": "今年新建学校5所。", "date": "2023-05-01"}, {"doc_id": "b", "text": "无数字。"}]
    )
    proc = run("extract", "-", stdin=lines)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["doc_id"] for d in docs] == ["a", "b"]
    assert docs[0]["facts"][0]["year"] == 2023 and docs[1]["facts"] == []
    proc = run("extract", "--format", "csv", "-", stdin=lines)
    rows = proc.stdout.splitlines()
    assert rows[0].startswith("doc_id,quantity,start,end,count,count_exact,unit")
    assert rows[1].startswith("a,5所,")


def test_evaluate_seed_prints_scores() -> None:
    proc = run("evaluate", "--gold", str(REPO / "corpus" / "seed.gold.jsonl"), "--texts", str(REPO / "corpus" / "texts"), "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["n_gold"] == 49 and summary["span_f1"] >= 0.95


def test_evaluate_errors_lists_problems() -> None:
    proc = run("evaluate", "--gold", str(REPO / "corpus" / "seed.gold.jsonl"), "--texts", str(REPO / "corpus" / "texts"), "--errors")
    assert "span      P" in proc.stdout
    assert "fact F1" in proc.stdout


def test_schema_is_json_schema_of_document_result() -> None:
    proc = run("schema")
    schema = json.loads(proc.stdout)
    assert schema["title"] == "DocumentResult"
    assert "Fact" in schema["$defs"] and "Span" in schema["$defs"]


def test_missing_input_is_reported_with_exit_status() -> None:
    proc = run("extract", "/nonexistent/file.txt")
    assert proc.returncode == 1
    assert "/nonexistent/file.txt" in proc.stderr


def test_max_seconds_gives_the_facts_so_far_and_a_time_budget_error(tmp_path: Path) -> None:
    doc = tmp_path / "long.txt"
    doc.write_text("全市举办培训3场，参与群众4000多人。" * 300, encoding="utf-8")
    proc = run("extract", str(doc), "--max-seconds", "0.000001", "-q")
    assert proc.returncode == 1
    line = json.loads(proc.stdout.splitlines()[0])
    assert [e["kind"] for e in line["errors"]] == ["time_budget"]
    roomy = json.loads(run("extract", str(doc), "--max-seconds", "600", "-q").stdout.splitlines()[0])
    assert roomy["errors"] == [] and len(roomy["facts"]) == 600
    bad = run("extract", str(doc), "--max-seconds", "0")
    assert bad.returncode == 2 and "more than 0 seconds" in bad.stderr and "Traceback" not in bad.stderr
