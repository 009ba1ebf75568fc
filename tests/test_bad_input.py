"""Bad input: each case gives a clear typed error or a plain (often empty) result, and a
batch with poisoned documents loses nothing: every input has its result, in order.

The CLI cases run the CLI as a user does (subprocess) where the exit status or a signal
matters, and its reading functions in-process otherwise.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from zhreport_extract import DocumentResult, Extractor
from zhreport_extract.cli import InputError, extract_inputs, iter_inputs

FILLER = "我们坚持以人民为中心的发展思想，扎实推进各项工作，取得明显成效。"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zhreport_extract", *args], input=stdin, capture_output=True, timeout=600
    )


def grounded(result: DocumentResult, text: str) -> None:
    """Every span points at ``text`` and the facts are in document order."""
    result.check(text)
    starts = [f.quantity.start for f in result.facts]
    assert starts == sorted(starts)


def report_text(n_chars: int, punctuated: bool = True) -> tuple[str, list[str]]:
    """Report-like text of ``n_chars`` characters and the quantity texts it holds, in order."""
    parts: list[str] = []
    expected: list[str] = []
    size = i = 0
    while True:
        k, m, p = i % 997 + 1, i % 89 + 1, i % 9973 + 10
        facts = [f"{k}所", f"{m}.5亿元", f"{p}人次"]
        piece = f"全市新建学校{facts[0]}，投资{facts[1]}，培训干部{facts[2]}。" + FILLER * 5
        if not punctuated:
            piece = piece.replace("，", "").replace("。", "")
        if size + len(piece) > n_chars:
            break
        parts.append(piece + ("\n" if punctuated and i % 10 == 9 else ""))
        expected += facts
        size += len(parts[-1])
        i += 1
    return "".join(parts), expected


# --- the library ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t\r\n", "\u3000\u3000", "\ufeff", "\n \n\u00a0\n"])
def test_empty_or_whitespace_text_gives_an_empty_result(extractor, text) -> None:  # type: ignore[no-untyped-def]
    result = extractor.extract(text)
    assert result.facts == () and result.errors == () and result.sentences == ()
    assert result.length == len(text)


@pytest.mark.parametrize(("doc", "name"), [(None, "NoneType"), (b"\xe5\x85\xa8\xe5\xb9\xb45\xe6\x89\x80", "bytes"), (42, "int"), (4.5, "float"), (["新建学校5所"], "list")])
def test_non_str_document_is_a_type_error_naming_the_type(extractor, doc, name) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match=rf"needs the document as str, got {name}"):
        extractor.extract(doc)


def test_bad_arguments_are_typed_errors_naming_the_problem(extractor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match="doc_id must be str or None, got int"):
        extractor.extract("新建学校5所。", doc_id=5)
    with pytest.raises(TypeError, match="disabled_rules takes a list of rule ids, not the str 'ordinal'"):
        extractor.extract("新建学校5所。", disabled_rules="ordinal")
    with pytest.raises(ValueError, match="unknown exclusion or user rule.*no_such_rule"):
        extractor.extract("新建学校5所。", disabled_rules=["no_such_rule"])
    # a date in a common form is read; one that is no date is reported with the facts still returned
    assert extractor.extract("今年新建学校5所。", date="2018/01/01").facts[0].year == 2018
    odd = extractor.extract("新建学校5所。", date="yesterday")
    assert [e.kind for e in odd.errors] == ["bad_date"] and "'yesterday'" in odd.errors[0].message
    assert [f.quantity.text for f in odd.facts] == ["5所"]


def test_html_laden_text_yields_only_the_facts_of_its_words(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        '<html><head><style>td {width: 100px}</style><script>var n = 100;</script></head><body>'
        '<table width="640"><tr><td>全年新建学校<b>5</b>所&nbsp;投资3亿元</td></tr></table>'
        '<p class="x">参与群众4000多人。</p>&#20840;&#24180;<br/></body></html>'
    )
    result = extractor.extract(text)
    grounded(result, text)
    assert [(f.quantity.text, int(f.count), f.unit) for f in result.facts] == [("3亿元", 300000000, "元"), ("4000多人", 4000, "人")]
    assert result.errors == ()


def test_english_only_text_gives_no_chinese_facts(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "In 2018 the city built 5 schools and invested 300 million yuan.\nSee https://example.org/report-2018.html?id=42"
    result = extractor.extract(text)
    grounded(result, text)
    assert result.facts == () and result.errors == ()


def test_traditional_characters_read_as_simplified_units_as_written(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "全年新建學校5所，投資約3.5億元，參與群眾4000多人。"
    result = extractor.extract(text)
    grounded(result, text)
    got = [(f.quantity.text, int(f.count), f.unit, f.qualifier) for f in result.facts]
    assert got == [("5所", 5, "所", None), ("3.5億元", 350000000, "元", "about"), ("4000多人", 4000, "人", "over")]


def test_astral_characters_before_a_quantity_keep_code_point_offsets(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "😀👩‍👩‍👧𠀀𝟘新建学校5所，投资3亿元。"
    result = extractor.extract(text)
    grounded(result, text)
    quantity = result.facts[0].quantity
    assert (quantity.text, quantity.start, quantity.end) == ("5所", text.index("5"), text.index("5") + 2)
    assert quantity.start == 12  # code points: 😀 is one, 👩‍👩‍👧 is five (three people, two joiners)
    assert len(text[: quantity.start].encode("utf-16-le")) // 2 != quantity.start  # not UTF-16 units


def test_lone_surrogate_in_text_is_read_around(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "全市\ud800新建学校5所\udfff，投资3亿元。"
    result = extractor.extract(text)
    grounded(result, text)
    assert [f.quantity.text for f in result.facts] == ["5所", "3亿元"]


def test_overlong_numbers_are_not_quantities(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "编号" + "9" * 45 + "个，" + "亿" * 5000 + "元，" + "十" * 3000 + "人，新建学校5所。"
    result = extractor.extract(text)
    grounded(result, text)
    assert [f.quantity.text for f in result.facts] == ["5所"] and result.errors == ()


def test_two_megabyte_document(extractor) -> None:  # type: ignore[no-untyped-def]
    """A 2 M character document completes with every fact (benchmarks/large_input.py measures
    time and memory up to 20 M)."""
    text, expected = report_text(2_000_000)
    result = extractor.extract(text, doc_id="big")
    grounded(result, text)
    assert result.errors == ()
    assert [f.quantity.text for f in result.facts] == expected


def test_one_megabyte_line_without_punctuation(extractor) -> None:  # type: ignore[no-untyped-def]
    """One line, one 'sentence' of a million characters: the finders read near each fact."""
    text, expected = report_text(1_000_000, punctuated=False)
    assert "\n" not in text and "，" not in text and len(text) > 990_000
    result = extractor.extract(text)
    grounded(result, text)
    assert result.errors == () and len(result.sentences) == 1
    assert [f.quantity.text for f in result.facts] == expected
    assert all(f.metric is None or len(f.metric.text) <= 24 for f in result.facts)


# --- batches lose nothing --------------------------------------------------------------

POISON: list[tuple[Any, str | None]] = [  # (document, the error kind it must give, or None)
    (None, "TypeError"),
    (b"\xe6\x96\xb0\xe5\xbb\xba5\xe6\x89\x80", "TypeError"),
    (42, "TypeError"),
    ({"id": "no-text"}, "KeyError"),
    ({"id": "text-none", "text": None}, "TypeError"),
    ({"id": "bad-date", "text": "新建学校5所。", "date": "yesterday"}, "bad_date"),
    (("pair", None), "TypeError"),
    ("", None),
    ("  \n\u3000", None),
    ("<p>全年新建学校<b>5</b>所</p>", None),
    ("In 2018 the city built 5 schools.", None),
    ("全年新建學校5所。", None),
    ("😀𠀀新建学校5所。", None),
    ("全市\ud800新建学校5所。", None),
    ("亿" * 20000 + "新建学校5所。", None),
    ("百分之" * 2000, None),
]


def poisoned_batch(n: int = 1000) -> tuple[list[Any], list[str | None]]:
    """``n`` documents; every 7th is poisoned (cycling through POISON); the rest say 新建学校{i}所."""
    docs: list[Any] = []
    kinds: list[str | None] = []
    for i in range(n):
        if i % 7 == 3:
            doc, kind = POISON[(i // 7) % len(POISON)]
            docs.append(dict(doc) if isinstance(doc, dict) else doc)
            kinds.append(kind)
        else:
            docs.append(f"今年新建学校{i}所。")
            kinds.append("ok")
    return docs, kinds


def test_extract_batch_with_poisoned_documents_loses_nothing(extractor) -> None:  # type: ignore[no-untyped-def]
    docs, kinds = poisoned_batch()
    results = list(extractor.extract_batch(docs, n_process=1))
    assert len(results) == 1000
    for i, (doc, kind, result) in enumerate(zip(docs, kinds, results)):
        expected_id = doc.get("id") if isinstance(doc, dict) else ("pair" if isinstance(doc, tuple) else str(i))
        assert result.doc_id == expected_id, i
        if kind == "ok":
            assert result.errors == () and [int(f.count) for f in result.facts] == [i]
        elif kind is None:  # odd but readable: a result without errors
            assert result.errors == ()
            grounded(result, doc)
        elif kind == "bad_date":  # reported, and the facts still read
            assert [e.kind for e in result.errors] == [kind] and [f.quantity.text for f in result.facts] == ["5所"]
        else:
            assert [e.kind for e in result.errors] == [kind] and result.facts == ()


def write_poisoned_jsonl(path: Path, n: int = 1000) -> list[str | None]:
    """A JSONL file of ``n`` lines, every 9th one poisoned; the expected error kind per line."""
    bad_lines: list[tuple[bytes, str | None]] = [
        (b'{"id": "bad-utf8", "text": "\xff\xfe\xe6\x96"}', "input_error"),
        (b'{"id": "not-json", "text": "5\xe6\x89\x80"', "input_error"),
        (b'{"id": "no-text"}', "input_error"),
        (b'{"id": "number-text", "text": 5}', "input_error"),
        (b'["a list", "not an object"]', "input_error"),
        (b'"just a string"', "input_error"),
        (b'{"id": "bad-date", "text": "x", "date": "yesterday"}', "bad_date"),
        (b'{"id": "empty", "text": ""}', None),
        (b'{"id": "surrogate", "text": "\\ud800\\u65b0\\u5efa5\\u6240"}', None),
        (b'{"id": "html", "text": "<p>\xe6\x96\xb0\xe5\xbb\xba<b>5</b></p>"}', None),
    ]
    kinds: list[str | None] = []
    with path.open("wb") as fh:
        for i in range(n):
            if i % 9 == 4:
                line, kind = bad_lines[(i // 9) % len(bad_lines)]
                kinds.append(kind)
            else:
                line = json.dumps({"id": f"d{i}", "text": f"今年新建学校{i}所。"}, ensure_ascii=False).encode()
                kinds.append("ok")
            fh.write(line + b"\n")
            if i == 500:
                fh.write(b"\n   \n")  # blank lines are no documents
    return kinds


def test_cli_with_poisoned_jsonl_loses_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "docs.jsonl"
    kinds = write_poisoned_jsonl(source)
    out = tmp_path / "facts.jsonl"
    proc = run_cli("extract", str(source), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    lines = out.read_bytes().decode("utf-8").splitlines()  # valid UTF-8, one JSON object a line
    records = [json.loads(line) for line in lines]
    assert len(records) == 1000
    unreadable = sum(k == "input_error" for k in kinds)
    stderr = proc.stderr.decode()
    assert f"1000 documents, {sum(k not in ('ok', None) for k in kinds)} with errors ({unreadable} unreadable inputs skipped)" in stderr
    for i, (kind, record) in enumerate(zip(kinds, records)):
        if kind == "ok":
            assert record["doc_id"] == f"d{i}" and [f["count"] for f in record["facts"]] == [i] and record["errors"] == []
        elif kind is None:
            assert record["errors"] == []
        else:
            assert [e["kind"] for e in record["errors"]] == [kind]
            line_no = i + 1 + (2 if i > 500 else 0)
            if kind == "input_error":
                assert record["errors"][0]["message"].startswith(f"{source}:{line_no}: ")
                assert f"skipped {source}:{line_no}: " in stderr
    surrogate = next(r for r in records if r["doc_id"] == "surrogate")
    assert [(f["quantity"]["text"], f["quantity"]["start"]) for f in surrogate["facts"]] == [("5所", 3)]
    bad = records[4]  # the first poisoned line: invalid UTF-8, so its id cannot be read
    assert bad["doc_id"] == f"{source}:5"
    assert bad["errors"][0]["message"] == f"{source}:5: invalid UTF-8 at byte 29 (invalid start byte)"


def test_cli_on_error_fail_stops_and_writes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "docs.jsonl"
    write_poisoned_jsonl(source, n=20)
    out = tmp_path / "facts.jsonl"
    proc = run_cli("extract", str(source), "-o", str(out), "--on-error", "fail")
    assert proc.returncode == 2
    assert f"{source}:5: invalid UTF-8" in proc.stderr.decode()
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["docs.jsonl"]


def test_cli_invalid_utf8_txt_reports_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("新建学校5所。\n", encoding="utf-8")
    (folder / "b.txt").write_bytes("第一行\n第二行\n新建".encode() + b"\xe5\xad" + "校5所。\n".encode())
    (folder / "c.txt").write_text("投资3亿元。\n", encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    proc = run_cli("extract", str(folder), "-o", str(out))
    assert proc.returncode == 1
    stderr = proc.stderr.decode()
    assert f"skipped {folder / 'b.txt'}:3: invalid UTF-8 at byte 7 of the line" in stderr
    assert "3 documents, 1 with errors (1 unreadable inputs skipped)" in stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["doc_id"], [e["kind"] for e in r["errors"]], len(r["facts"])) for r in records] == [
        ("a", [], 1), ("b", ["input_error"], 0), ("c", [], 1)
    ]
    proc = run_cli("extract", str(folder), "-o", str(out), "--on-error", "fail")
    assert proc.returncode == 2 and f"{folder / 'b.txt'}:3: invalid UTF-8" in proc.stderr.decode()


def test_reading_inputs_in_process(tmp_path, extractor) -> None:  # type: ignore[no-untyped-def]
    """iter_inputs + extract_inputs, as the CLI uses them: a BOM, CRLF, bad lines, a missing file."""
    source = tmp_path / "docs.jsonl"
    source.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"id": "bom", "text": "新建学校5所。"}).encode() + b"\r\n"
        + b"{oops\r\n"
        + json.dumps({"text": "投资3亿元。"}).encode() + b"\r\n"
    )
    errors: list[str] = []
    docs = iter_inputs([str(source), str(tmp_path / "missing.txt")], errors, "skip")
    results = list(extract_inputs(extractor, docs))
    assert [(r.doc_id, len(r.facts), [e.kind for e in r.errors]) for r in results] == [
        ("bom", 1, []), (f"{source}:2", 0, ["input_error"]), (f"{source}:3", 1, []),
        (str(tmp_path / "missing.txt"), 0, ["input_error"]),
    ]
    assert errors == [f"{source}:2: not JSON (Expecting property name enclosed in double quotes, column 2)",
                      f"{tmp_path / 'missing.txt'}: no such file or folder"]
    with pytest.raises(InputError, match="docs.jsonl:2: not JSON"):
        list(iter_inputs([str(source)], [], "fail"))


def test_cli_never_overwrites_its_input_nor_writes_into_a_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "新建学校5所。"}) + "\n", encoding="utf-8")
    before = source.read_bytes()
    proc = run_cli("extract", str(source), "-o", str(source))
    assert proc.returncode == 2 and "refusing to overwrite an input file" in proc.stderr.decode()
    assert source.read_bytes() == before
    proc = run_cli("extract", str(source), "-o", str(tmp_path))
    assert proc.returncode == 2 and "is a folder" in proc.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs.jsonl"]


def test_cli_lone_surrogate_on_stdout_is_escaped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("extract", "-", stdin=b'{"id": "s", "text": "\\ud800\\u65b0\\u5efa5\\u6240"}\n')
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout.decode("utf-8"))
    assert record["facts"][0]["quantity"] == {"text": "5所", "start": 3, "end": 5}


# --- interrupted runs leave nothing behind ---------------------------------------------


def big_jsonl(path: Path, docs: int = 400) -> None:
    text, _ = report_text(20_000)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(docs):
            fh.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")


@pytest.mark.parametrize(("sig", "status", "jobs"), [(signal.SIGINT, 130, "1"), (signal.SIGTERM, 143, "1"), (signal.SIGHUP, 129, "1"), (signal.SIGINT, 130, "2")])
def test_signal_mid_run_leaves_no_output_and_no_temporary_file(tmp_path, sig, status, jobs) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in" / "big.jsonl"
    source.parent.mkdir()
    big_jsonl(source)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "facts.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhreport_extract", "extract", str(source), "-o", str(out), "--jobs", jobs],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # as from a terminal: a shell's background job (cmd &) inherits SIGINT ignored, and Python
        # then installs no KeyboardInterrupt handler; the test is of an interrupt that is delivered
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        # wait until results are being written: the temporary file beside the target has data
        deadline = time.monotonic() + 300  # a guard against a hung test, not a performance check
        while proc.poll() is None and time.monotonic() < deadline:
            parts = list(out_dir.glob(".facts.jsonl.*.part"))
            if parts and parts[0].stat().st_size > 0:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        os.kill(proc.pid, sig)
        _, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == status, stderr.decode()
    assert list(out_dir.iterdir()) == []  # neither facts.jsonl nor .facts.jsonl.*.part
    if sig == signal.SIGINT:
        assert "interrupted; no output written" in stderr.decode()
