"""What users hold and what they do next (issues 18 and 19): encodings, Word / HTML / PDF,
folders, stdin, user errors as one line with exit 2, outputs that load back and lose nothing,
-o that replaces only what it may."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from zhreport_extract import extract
from zhreport_extract.cli import main
from zhreport_extract.inputs import InputError, decode, docx_text, html_text, pdf_text
from zhreport_extract.records import DocumentResult

# made-up report sentences (not from any corpus)
REPORT = "一、工作开展情况\n今年全市新建学校5所，培训妇女干部1200人次。\n推送信息657条，阅读量达22.12万次。"


def facts(text: str) -> list[tuple[str, str, str | None]]:
    """What a text states: (count, unit, metric) of each fact, by value not position."""
    return [(str(f.count), f.unit, f.metric.text if f.metric else None) for f in extract(text).facts]


EXPECTED = facts(REPORT)


def cli(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.run(
        [sys.executable, "-m", "zhreport_extract", *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=300
    )


def test_expected_facts_are_there() -> None:
    assert [(c, u) for c, u, _ in EXPECTED] == [("5", "所"), ("1200", "人次"), ("657", "条"), ("221200", "次")]


# --- 1. user errors: one line naming what and where, exit 2, no traceback -----------------------


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert "Traceback" not in err and len(lines) == 1, err
    assert lines[0].startswith("zhreport-extract: ")
    return lines[0]


def test_output_in_a_missing_folder(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = cli(capsys, "extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "missing_dir" / "out.jsonl"))
    assert code == 2 and "missing_dir" in one_line(err) and "does not exist" in err


def test_patterns_folder_that_does_not_exist(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = cli(capsys, "--patterns", str(tmp_path / "nope"), "extract", str(tmp_path / "a.txt"))
    assert code == 2 and one_line(err) == f"zhreport-extract: {tmp_path / 'nope'}: directory: not a directory"


def test_bad_user_rules_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    patterns = tmp_path / "patterns"
    shutil.copytree(REPO / "patterns", patterns)
    (patterns / "user_rules.toml").write_text("rule = 5\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    code, _, err = cli(capsys, "--patterns", str(patterns), "extract", str(tmp_path / "a.txt"))
    assert code == 2 and f"{patterns / 'user_rules.toml'}: entry rule:" in one_line(err)


def test_evaluate_user_errors(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(capsys, "evaluate", "--gold", str(tmp_path / "nope.jsonl"), "--texts", str(tmp_path))
    assert code == 2 and one_line(err) == f"zhreport-extract: --gold {tmp_path / 'nope.jsonl'}: no such file"
    code, _, err = cli(capsys, "evaluate", "--gold", str(REPO / "corpus" / "seed.gold.jsonl"))
    assert code == 2 and "evaluate needs the gold documents' texts: --texts FOLDER" in one_line(err)
    code, _, err = cli(capsys, "evaluate", "--gold", str(REPO / "corpus" / "seed.gold.jsonl"), "--texts", str(tmp_path))
    assert code == 2 and "no text for 'seed-guigang-2018'" in one_line(err)


def test_readme_evaluate_example_in_a_fresh_clone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The README's dev-set example, from a copy of the repository with no ../shared beside it."""
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / "corpus").symlink_to(REPO / "corpus")
    proc = run("evaluate", "--gold", "corpus/dev/gold.jsonl", "--texts", "../shared/corpus/dev/texts", cwd=clone)
    assert proc.returncode == 2
    line = one_line(proc.stderr.decode())
    assert "--texts ../shared/corpus/dev/texts: no such folder" in line and "corpus/seed.gold.jsonl" in line


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == "zhreport-extract 0.1.0"


# --- 2. inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig", "utf-16-le"])
def test_encodings_are_detected(encoding: str) -> None:
    assert decode(REPORT.encode(encoding), "r.txt") == REPORT


def test_short_gbk_text_is_not_taken_for_big5() -> None:
    assert decode("市妇联".encode("gbk"), "r.txt") == "市妇联"


def test_forced_encoding_and_its_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    code, out, _ = cli(capsys, "extract", str(path), "--encoding", "gb18030", "--format", "jsonl")
    assert code == 0 and len(json.loads(out)["facts"]) == len(EXPECTED)
    code, out, err = cli(capsys, "extract", str(path), "--encoding", "utf-8", "--format", "jsonl")
    assert code == 1 and f"skipped {path}: cannot be read as utf-8" in err
    with pytest.raises(InputError, match="--encoding klingon: not an encoding Python knows"):
        decode(b"x", "a.txt", "klingon")


def test_undetectable_bytes_name_file_and_what_was_tried() -> None:
    with pytest.raises(InputError, match=r"^b\.txt:2: invalid UTF-8 at byte 7 of the line .*not GB18030/GBK, UTF-16"):
        decode("第一行\n新建".encode() + b"\xe5\xad\xff\x00\x81" + "校5所".encode(), "b.txt")


def test_gbk_file_gives_the_facts_of_its_text(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 18: a GBK file gave an invalid-UTF-8 error, and a CSV with only its header."""
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPORT.encode("gbk"))
    out = tmp_path / "facts.csv"
    code, _, err = cli(capsys, "extract", str(path), "-o", str(out))
    assert code == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["count_exact"], r["unit"], r["metric"] or None) for r in rows] == EXPECTED


def make_docx(path: Path, text: str) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))


def make_pdf(path: Path, text: str) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 11)
    for n, line in enumerate(text.split("\n")):
        page.drawString(50, 780 - 18 * n, line)
    page.save()


def make_html(path: Path, text: str) -> None:
    head, *lines = text.split("\n")
    body = "".join(f"<p>{line[:4]}<b>{line[4:8]}</b>{line[8:]}</p>\n" for line in lines)
    path.write_bytes(
        (
            '<!DOCTYPE html><html><head><meta charset="gb18030"><title>总结</title>'
            "<style>td { width: 100%; } .x { margin: 20px }</style><script>var n = 300;</script></head>"
            f'<body><nav>首页 | 第3页</nav><h1>{head}</h1>\n{body}</body></html>'
        ).encode("gb18030")
    )


def test_word_html_and_pdf_give_the_facts_of_their_text(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    make_docx(tmp_path / "r.docx", REPORT)
    make_html(tmp_path / "r.html", REPORT)
    make_pdf(tmp_path / "r.pdf", REPORT)
    assert docx_text((tmp_path / "r.docx").read_bytes()) == REPORT
    assert html_text((tmp_path / "r.html").read_bytes(), "r.html") == REPORT
    assert pdf_text((tmp_path / "r.pdf").read_bytes(), "r.pdf") == REPORT
    out = tmp_path / "out.jsonl"
    code, _, err = cli(capsys, "extract", str(tmp_path / "r.docx"), str(tmp_path / "r.html"), str(tmp_path / "r.pdf"),
                       "-o", str(out), "--include-text")
    assert code == 0, err
    for line in out.read_text(encoding="utf-8").splitlines():
        result = DocumentResult.model_validate_json(line)
        assert result.text is not None
        result.check(result.text)
        assert [(str(f.count), f.unit, f.metric.text if f.metric else None) for f in result.facts] == EXPECTED


def test_html_markup_is_not_read_as_facts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = b"<html><head><style>td{width:100%}</style></head><body><table><tr><td>\xe5\x9f\xb9\xe8\xae\xad\xe7\x8f\xad</td><td>3\xe6\x9c\x9f</td></tr></table></body></html>"
    text = html_text(page, "t.html")
    assert text == "培训班\t3期" and "width" not in text


def test_broken_docx_is_an_input_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.docx").write_bytes(b"not a zip file")
    code, out, err = cli(capsys, "extract", str(tmp_path / "bad.docx"), "--format", "jsonl")
    assert code == 1 and f"skipped {tmp_path / 'bad.docx'}: not a readable Word document" in err
    assert json.loads(out)["errors"][0]["kind"] == "input_error"


def test_missing_extra_is_named_with_its_install_command(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_docx(tmp_path / "r.docx", REPORT)
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    code, _, err = cli(capsys, "extract", str(tmp_path / "r.docx"))
    assert code == 2
    assert one_line(err) == (
        'zhreport-extract: reading .docx files needs python-docx, which is not installed: pip install "zhreport_extract[docx]"'
    )


def test_folders_take_every_supported_type_and_say_what_they_skip(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    (folder / "x").mkdir(parents=True)
    (folder / "y").mkdir()
    (folder / "x" / "a.txt").write_text("新建学校5所。", encoding="utf-8")
    (folder / "y" / "a.TXT").write_bytes("新建学校6所。".encode("gbk"))
    (folder / "notes.md").write_text("推送信息7条。", encoding="utf-8")
    make_docx(folder / "w.DOCX", "培训干部8人。")
    (folder / "p.png").write_bytes(b"\x89PNG")
    (folder / "t.xlsx").write_bytes(b"PK")
    (folder / ".hidden.txt").write_text("新建学校9所。", encoding="utf-8")
    code, out, err = cli(capsys, "extract", str(folder), "--format", "jsonl")
    assert code == 0, err
    got = [(d["doc_id"], [f["count"] for f in d["facts"]]) for d in map(json.loads, out.splitlines())]
    assert got == [("notes", [7]), ("w", [8]), ("x/a", [5]), ("y/a", [6])]
    assert f"zhreport-extract: {folder}: read 4 files, skipped 3: 1 .png (not a supported type), " \
           "1 .xlsx (not a supported type), 1 hidden" in err


def test_empty_folder_is_an_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(capsys, "extract", str(tmp_path))
    assert code == 2 and one_line(err).startswith(f"zhreport-extract: {tmp_path}: the folder has no file to read")


def test_plain_text_on_stdin() -> None:
    """Issue 18: `cat report.txt | zhreport-extract extract -` gave one "not JSON" error per line."""
    for args in (("-",), ("--stdin", "text", "-")):
        proc = run("extract", *args, stdin=REPORT.encode("gbk"))
        assert proc.returncode == 0, proc.stderr
        records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
        assert len(records) == 1 and records[0]["doc_id"] == "stdin"
        assert [f["count"] for f in records[0]["facts"]] == [5, 1200, 657, 221200]
    proc = run("extract", "--stdin", "jsonl", "-", stdin=REPORT.encode())
    assert proc.returncode == 1 and b"not JSON" in proc.stderr


# --- 3. outputs ------------------------------------------------------------------------------


def jsonl_input(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a", "text": "今年新建学校5所。", "date": "2023年5月1日", "url": "https://example.org/a", "region": "东区"},
        {"id": "b", "text": 5},
        {"doc_id": "=HYPERLINK(\"http://x\",\"y\")", "text": "推送信息@657条，+开展活动3场。"},
    ]
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in lines) + "\n", encoding="utf-8")
    return path


def test_format_follows_the_output_suffix_and_errors_are_rows(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = jsonl_input(tmp_path)
    out = tmp_path / "facts.csv"
    code, _, _ = cli(capsys, "extract", str(source), "-o", str(out))
    assert code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["doc_id"], r["quantity"], r["error"]) for r in rows] == [
        ("a", "5所", ""),
        ("b", "", f'input_error: {source}:2: needs an object with a "text" string'),
        ("'=HYPERLINK(\"http://x\",\"y\")", "657条", ""),
        ("'=HYPERLINK(\"http://x\",\"y\")", "3场", ""),
    ]
    assert rows[0]["year"] == "2023"


def test_csv_neutralises_formula_cells_but_not_numbers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from zhreport_extract.outputs import write_csv

    result = extract("下降-5%，推送信息657条。", doc_id="@cmd|' /C calc'!A0")
    out = io.StringIO()
    write_csv([result], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["doc_id"] for r in rows} == {"'@cmd|' /C calc'!A0"}
    for cell in (c for r in rows for c in r.values()):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            float(cell)  # only plain numbers may start with '-'


def test_excel_csv_has_a_bom(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "facts.csv"
    code, _, _ = cli(capsys, "extract", str(tmp_path / "in"), "-o", str(out), "--excel")
    assert code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdoc_id,") and data.decode("utf-8-sig").count("\n") == 1 + len(EXPECTED)


def test_parquet_keeps_error_rows_exact_counts_and_surrogates(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "big", "text": "算力达到一百亿亿次，峰值10.36百亿亿次/秒。"}, ensure_ascii=False),
        '{"id": "s\\ud800", "text": "\\ud800\\u65b0\\u5efa\\u5b66\\u68215\\u6240"}',
        '{"id": "bad"}',
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "facts.parquet"
    code, _, err = cli(capsys, "extract", str(source), "-o", str(out))
    assert code == 1, err
    table = pq.read_table(out).to_pylist()
    big = [r for r in table if r["doc_id"] == "big"]
    assert [r["count_exact"] for r in big] == ["1000000000000000000", "10360000000000000000"]
    assert big[0]["count"] == 1e18 and big[1]["count"] == 1.036e19
    assert [(r["doc_id"], r["quantity"]) for r in table if r["doc_id"].startswith("s")] == [("s\\ud800", "5所")]
    assert [r["error"] for r in table if r["doc_id"] == "bad"] == [f'input_error: {source}:3: needs an object with a "text" string']


def test_include_text_and_meta_round_trip(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = jsonl_input(tmp_path)
    out = tmp_path / "out.jsonl"
    code, _, _ = cli(capsys, "extract", str(source), "-o", str(out), "--include-text")
    assert code == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["text"] == "今年新建学校5所。"
    assert first["meta"] == {"id": "a", "date": "2023年5月1日", "url": "https://example.org/a", "region": "东区"}
    for line in lines:
        back = DocumentResult.model_validate_json(line)
        assert back.to_json_dict() == json.loads(line)
    jsonschema = pytest.importorskip("jsonschema")
    from zhreport_extract.records import json_schema

    for line in lines:
        jsonschema.validate(json.loads(line), json_schema())
    # without the options, no text and no null fields in the line
    plain = extract("新建学校5所。").to_json_dict()
    assert "text" not in plain and "meta" not in plain


def test_show_renders_a_saved_jsonl(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    saved = tmp_path / "saved.jsonl"
    assert cli(capsys, "extract", str(tmp_path / "in"), "-o", str(saved), "--include-text")[0] == 0
    page = tmp_path / "page.html"
    code, _, err = cli(capsys, "show", str(saved), "-o", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert html.count('class="qty"') + html.count("mark class=\"qty") >= 1 and "22.12万次" in html
    assert "needs an object" not in html
    bare = tmp_path / "bare.jsonl"
    assert cli(capsys, "extract", str(tmp_path / "in"), "-o", str(bare))[0] == 0
    code, _, err = cli(capsys, "show", str(bare))
    assert code == 1 and f"skipped {bare}:1: a saved result without its text; save it with extract --include-text" in err


# --- -o writes only regular files it may replace ------------------------------------------------


def test_output_refuses_devices_fifos_and_inputs(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "fold"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    before = (folder / "a.txt").read_bytes()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target, why in [
        ("/dev/null", "/dev/null: is a device; -o writes only a regular file"),
        (str(fifo), f"{fifo}: is a FIFO; -o writes only a regular file"),
        (str(folder / "a.txt"), f"{folder / 'a.txt'}: refusing to overwrite an input file"),
        (str(folder / "new.jsonl"), f"{folder / 'new.jsonl'}: is inside the input folder {folder}"),
    ]:
        code, _, err = cli(capsys, "extract", str(folder), "-o", target)
        assert code == 2 and why in one_line(err), err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert (folder / "a.txt").read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_output_keeps_the_mode_of_the_file_it_replaces(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "private.jsonl"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    assert cli(capsys, "extract", str(tmp_path / "a.txt"), "-o", str(out))[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text(encoding="utf-8") != "old"


def test_write_error_is_one_line(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import zhreport_extract.outputs as outputs

    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "out.jsonl"))

    monkeypatch.setattr(outputs.os, "replace", full)
    code, _, err = cli(capsys, "extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl"))
    assert code == 2 and one_line(err) == f"zhreport-extract: {tmp_path / 'out.jsonl'}: No space left on device"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_document_result_shows_itself_in_a_notebook() -> None:
    result = extract("推送信息657条，阅读量达22.12万次。", doc_id="<a>")
    page = result._repr_html_()
    assert "<b>&lt;a&gt;</b> · 2 facts" in page and page.count("<tr>") == 3 and "<td>22.12万次</td>" in page
    from zhreport_extract.documents import error_result

    assert '<ul style="color:#b00020"><li>input_error: x.txt: bad</li></ul>' in error_result("x", "input_error", "x.txt: bad")._repr_html_()


# --- 9. the review loop ------------------------------------------------------------------------


def test_show_marks_uncovered_numbers_groups_counts_filters_and_flags_errors() -> None:
    from zhreport_extract.documents import error_result
    from zhreport_extract.html import render_html

    text = "2023年，阅读量达22.12万次，编号A12。"
    result = extract(text, doc_id="a")
    assert [f.quantity.text for f in result.facts] == ["22.12万次"]
    page = render_html([(text, result), ("", error_result("b", "input_error", "b.txt: unreadable"))])
    assert '<mark class="unc" title="a number no fact covers" data-first>2023</mark>' in page
    assert '<mark class="unc" title="a number no fact covers" data-first>12</mark>' in page
    assert '>22.12万次</mark>' in page and 'data-v="221200">221,200</td>' in page
    assert 'count: 221,200' in page  # the hover text too
    assert '<input class="filter" type="search" data-table="t0"' in page and '<table class="facts" id="t0">' in page
    assert 'th.addEventListener("click"' in page and "https://" not in page
    assert '(0 facts) <span class="flag">⚠ 1 error</span>' in page and '<span class="flag">1 with errors</span>' in page


def test_evaluate_reports_a_strict_metric_score_and_a_readable_table(capsys) -> None:  # type: ignore[no-untyped-def]
    args = ("evaluate", "--gold", str(REPO / "corpus" / "seed.gold.jsonl"), "--texts", str(REPO / "corpus" / "texts"))
    code, out, _ = cli(capsys, *args, "--json")
    summary = json.loads(out)
    assert code == 0 and 0 < summary["metric_exact_accuracy"] < summary["metric_accuracy"] <= 1
    code, out, _ = cli(capsys, *args, "--errors")
    assert f"strict, exact text: {summary['metric_exact_accuracy']:.3f}" in out
    table = out.split("\n\n", 1)[1].splitlines()
    assert table[0].split() == ["what", "document", "quantity", "detail"] and set(table[1]) == {"-", " "}
    assert len(table) - 2 == round(summary["n_gold"] * (1 - summary["fact_f1"]))  # one row per wrong fact here
    assert all(row.split()[0] in ("wrong", "missed", "spurious") for row in table[2:])
