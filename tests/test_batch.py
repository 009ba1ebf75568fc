"""Batches: input order, bad documents, worker processes that die, streaming, CLI --jobs."""

from __future__ import annotations

import itertools
import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from zhreport_extract import Extractor
from zhreport_extract.batch import extract_batch
from zhreport_extract.cli import Progress


def numbered(n: int) -> list[str]:
    """Small documents whose facts say which document they are: 开展活动{i}场。"""
    return [f"开展活动{i}场，参与群众{i + 1}人。" for i in range(n)]


def counts(result) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(f.count) for f in result.facts]


def test_serial_order_and_kinds_of_input(extractor: Extractor) -> None:
    docs = ["开展活动3场。", ("a", "推送信息657条。"), {"id": "b", "text": "参与群众4000多人。", "date": "2019-01-01"}]
    results = list(extractor.extract_batch(docs))
    assert [r.doc_id for r in results] == ["0", "a", "b"]
    assert [counts(r) for r in results] == [[3], [657], [4000]]
    assert all(r.ok for r in results)


def test_poisoned_documents_serial(extractor: Extractor) -> None:
    docs = ["开展活动3场。", None, b"\xe5\xbc\x80", 7, {"id": "no-text"}, {"doc_id": "t", "text": None}, "推送信息5条。"]
    results = list(extractor.extract_batch(docs))  # type: ignore[arg-type]
    assert len(results) == len(docs)
    assert [r.doc_id for r in results] == ["0", "1", "2", "3", "no-text", "t", "6"]
    assert [[e.kind for e in r.errors] for r in results] == [[], ["TypeError"], ["TypeError"], ["TypeError"], ["KeyError"], ["TypeError"], []]
    assert counts(results[0]) == [3] and counts(results[6]) == [5]


def test_thousand_documents_two_processes_exact_and_in_order(extractor: Extractor) -> None:
    docs: list[object] = list(numbered(1000))
    poison = {13: None, 200: b"bytes", 517: 42, 998: {"id": "x998"}}
    for k, bad in poison.items():
        docs[k] = bad
    results = list(extractor.extract_batch(docs, n_process=2, batch_size=16))  # type: ignore[arg-type]
    assert len(results) == 1000
    for i, r in enumerate(results):
        if i in poison:
            assert not r.ok and r.facts == (), i
            assert r.doc_id == ("x998" if i == 998 else str(i))
        else:
            assert r.ok, (i, r.errors)
            assert r.doc_id == str(i)
            assert counts(r) == [i, i + 1]
    assert [e.kind for i in sorted(poison) for e in results[i].errors] == ["TypeError", "TypeError", "TypeError", "KeyError"]


def test_two_processes_equal_one(extractor: Extractor) -> None:
    docs = [
        ("p1", "2018年，全市共开展“巾帼家美积分超市”活动120场，惠及310万户家庭。"),
        ("p2", "营业收入同比增长12.5%。推送信息657条，阅读量达22.12万次。"),
        ("p3", "一、总体情况\n全年增长5%。其中“甲，乙”行动完成3项；另有2项。"),
    ] * 7
    one = [r.to_json_dict() for r in extractor.extract_batch(docs)]
    two = [r.to_json_dict() for r in extractor.extract_batch(docs, n_process=2, batch_size=2)]
    assert two == one
    assert [d["doc_id"] for d in two] == ["p1", "p2", "p3"] * 7


def test_workers_are_built_as_the_extractor_was() -> None:
    docs = ["贵港市妇联开展培训3场。", "市民政局走访家庭20户。"]
    with_entities = [r.facts[0].actor for r in Extractor().extract_batch(docs, n_process=2, batch_size=1)]
    without = list(Extractor(entities=False).extract_batch(docs, n_process=2, batch_size=1))
    assert with_entities == ["贵港市妇联", "市民政局"]
    assert [(r.facts[0].actor, r.entities) for r in without] == [(None, ())] * 2


@pytest.mark.parametrize("max_in_flight", [3, None])
def test_input_is_streamed(extractor: Extractor, max_in_flight: int | None) -> None:
    """The workers never hold more than max_in_flight batches (default 4 per worker) ahead of
    what was handed out."""
    taken = itertools.count()
    pulled = 0

    def source() -> Iterator[str]:
        nonlocal pulled
        for i in itertools.count():  # endless
            pulled = next(taken) + 1
            yield f"开展活动{i}场。"

    results = extract_batch(source(), extractor=extractor, n_process=2, batch_size=5, max_in_flight=max_in_flight)
    got = [counts(r) for r in itertools.islice(results, 40)]
    assert got == [[i] for i in range(40)]
    # 40 handed out, at most max_in_flight batches of 5 read ahead (+1 batch being read)
    assert pulled <= 40 + ((max_in_flight or 4 * 2) + 1) * 5
    results.close()  # type: ignore[attr-defined]
    assert multiprocessing.active_children() == []


KILLER = textwrap.dedent(
    """
    import os, signal
    from pathlib import Path
    from zhreport_extract import Extractor

    class Killer(Extractor):
        '''Dies (SIGKILL) on KILLME every time, and on KILLONCE the first time only.'''

        def extract(self, text, doc_id=None, date=None, **kw):
            if "KILLME" in text:
                os.kill(os.getpid(), signal.SIGKILL)
            if "KILLONCE" in text:
                flag = Path(os.environ["KILLER_FLAGS"]) / doc_id
                if not flag.exists():
                    flag.touch()
                    os.kill(os.getpid(), signal.SIGKILL)
            return super().extract(text, doc_id=doc_id, date=date, **kw)
    """
)


@pytest.fixture
def killer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A module the (spawned) workers can import, with an extractor that kills its process."""
    (tmp_path / "killer_ext.py").write_text(KILLER, encoding="utf-8")
    flags = tmp_path / "flags"
    flags.mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))  # spawned workers start with the parent's sys.path
    monkeypatch.setenv("KILLER_FLAGS", str(flags))
    return "killer_ext:Killer"


def test_killed_worker_is_retried(killer: str, caplog: pytest.LogCaptureFixture) -> None:
    docs = numbered(200)  # more than the read-ahead: the batches stay whole (no last lap yet)
    docs[25] = "开展活动25场，参与群众26人。KILLONCE"
    with caplog.at_level(logging.WARNING, logger="zhreport_extract.batch"):
        results = list(extract_batch(docs, n_process=2, batch_size=8, extractor_factory=killer))
    assert len(results) == 200
    assert all(r.ok for r in results), [r.errors for r in results if not r.ok]
    assert [counts(r) for r in results] == [[i, i + 1] for i in range(200)]
    died = [r.getMessage() for r in caplog.records if "died" in r.getMessage()]
    assert len(died) == 1 and "signal SIGKILL" in died[0] and "trying them again" in died[0]
    # only the batch the worker was extracting (documents 24..31) is blamed, not the one
    # that waited beside it
    assert "8 document(s) '24', '25', '26', '27', '28' and 3 more" in died[0]


def test_big_documents_and_big_results_do_not_block_the_pipes(extractor: Extractor) -> None:
    """A worker gets its next batch while it works (prefetch). Batches and results bigger
    than a pipe's buffer must not leave parent and worker each waiting for the other to read."""
    facts = "".join(f"开展活动{k}场，参与群众{k + 1}人。" for k in range(1500))
    docs = [f"{i}" + "x" * 300_000 + "\n" + facts for i in range(6)]  # ~360 kB in, ~540 kB out

    class Stuck(RuntimeError):  # not an OSError: nothing on the way may take it for a broken pipe
        pass

    def stuck(signum: int, frame: object) -> None:
        raise Stuck("extract_batch blocked on its pipes")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    try:
        results = list(extractor.extract_batch(docs, n_process=2, batch_size=1))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [r.doc_id for r in results] == [str(i) for i in range(6)]
    assert [len(r.facts) for r in results] == [3000] * 6
    assert all(r.facts[-1].count == 1500 for r in results)


def test_worker_that_dies_twice_fails_its_document_only(killer: str, caplog: pytest.LogCaptureFixture) -> None:
    docs = numbered(30)
    docs[9] = "KILLME 开展活动9场。"
    with caplog.at_level(logging.WARNING, logger="zhreport_extract.batch"):
        results = list(extract_batch(docs, n_process=2, batch_size=4, extractor_factory=killer))
    assert len(results) == 30
    assert [r.doc_id for r in results] == [str(i) for i in range(30)]
    bad = results[9]
    assert [e.kind for e in bad.errors] == ["WorkerDied"]
    assert "SIGKILL" in bad.errors[0].message and bad.length == len(docs[9])
    # the batch-mates of the killer were tried again one by one and came through
    assert all(r.ok and counts(r) == [i, i + 1] for i, r in enumerate(results) if i != 9)
    messages = [r.getMessage() for r in caplog.records]
    assert sum("trying them again" in m for m in messages) == 1
    assert sum("marking them failed" in m for m in messages) == 1


def test_worker_killed_from_outside(extractor: Extractor, caplog: pytest.LogCaptureFixture) -> None:
    """SIGKILL to a busy worker: reported, and no document lost or out of order."""
    docs = ["。".join(f"开展活动{i}场，参与群众{k}人" for k in range(60)) + "。" for i in range(120)]
    with caplog.at_level(logging.WARNING, logger="zhreport_extract.batch"):
        results = []
        for r in extractor.extract_batch(docs, n_process=2, batch_size=2):
            results.append(r)
            if len(results) == 1:
                victim = multiprocessing.active_children()[0]
                os.kill(victim.pid, signal.SIGKILL)  # type: ignore[arg-type]
    assert len(results) == 120
    assert all(r.ok for r in results)
    assert [counts(r)[0] for r in results] == list(range(120))
    assert any("died (signal SIGKILL)" in r.getMessage() for r in caplog.records)


def test_bad_patterns_dir_is_an_error(tmp_path: Path) -> None:
    from zhreport_extract.patterns import PatternError

    with pytest.raises(PatternError):
        list(extract_batch(["开展活动3场。"], patterns_dir=tmp_path, n_process=2))


def test_progress_counts_documents_and_chars() -> None:
    import io

    from zhreport_extract.records import DocumentResult

    out = io.StringIO()
    wrapped = list(Progress(out, total=3, interval=0).wrap(iter([DocumentResult(length=n) for n in (10, 20, 30)])))
    assert [r.length for r in wrapped] == [10, 20, 30]
    last = out.getvalue().rstrip("\n").split("\r")[-1]
    assert "3/3 documents" in last and "chars/s" in last


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhreport_extract", "extract", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=300,
    )


def test_cli_jobs_two_equals_jobs_one(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    for i, text in enumerate(numbered(12)):
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(numbered(30))]
    lines.insert(5, "{not json")
    (tmp_path / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = run_cli("--jobs", "1", "texts", "more.jsonl", cwd=tmp_path)
    two = run_cli("--jobs", "2", "texts", "more.jsonl", cwd=tmp_path)
    assert one.returncode == two.returncode == 1  # the line that is not JSON was skipped
    assert two.stdout == one.stdout
    rows = [json.loads(line) for line in two.stdout.splitlines()]
    # the skipped line keeps its place as an input_error record (named by file and line)
    bad = rows.pop(12 + 5)
    assert bad["doc_id"] == "more.jsonl:6" and [e["kind"] for e in bad["errors"]] == ["input_error"]
    assert [r["doc_id"] for r in rows] == [f"doc{i:02d}" for i in range(12)] + [f"j{i}" for i in range(30)]
    assert [[f["count"] for f in r["facts"]] for r in rows[12:]] == [[i, i + 1] for i in range(30)]
    assert "more.jsonl:6: not JSON" in two.stderr
    assert "\r" not in two.stderr  # no progress display when stderr is not a terminal


def test_cli_jobs_exit_zero_when_all_well(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("推送信息657条。", encoding="utf-8")
    done = run_cli("--jobs", "2", "--quiet", "a.txt", "-o", "out.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    row = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert row["doc_id"] == "a" and [f["count"] for f in row["facts"]] == [657]


def test_worker_that_cannot_start_is_an_error() -> None:
    from zhreport_extract.batch import WorkerError

    with pytest.raises(WorkerError, match="No module named 'no_such_module'"):
        list(extract_batch(["开展活动3场。"], n_process=2, extractor_factory="no_such_module:Extractor"))
    assert multiprocessing.active_children() == []


CRASHER = textwrap.dedent(
    """
    import os
    from zhreport_extract import Extractor

    def Crasher(patterns_dir=None):
        os._exit(3)  # dies before it can say why
    """
)


def test_workers_that_always_die_starting_are_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zhreport_extract.batch import WorkerError

    (tmp_path / "crasher_ext.py").write_text(CRASHER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(WorkerError, match=r"died while starting \(exit code 3\), 5 times"):
        list(extract_batch(["开展活动3场。"], n_process=2, extractor_factory="crasher_ext:Crasher"))
    assert multiprocessing.active_children() == []


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="the platform has no fork")
def test_forked_workers_use_the_callers_extractor_and_spawned_ones_their_own() -> None:
    ex = Extractor()
    real = ex.extract

    def marked(text: str, doc_id: str | None = None, **kw: object) -> object:
        return real(text, doc_id=f"caller's:{doc_id}", **kw)  # type: ignore[arg-type]

    ex.extract = marked  # type: ignore[method-assign]  # on this instance only
    docs = ["开展活动3场。"] * 4
    forked = [r.doc_id for r in ex.extract_batch(docs, n_process=2, batch_size=1, start_method="fork")]
    spawned = [r.doc_id for r in ex.extract_batch(docs, n_process=2, batch_size=1, start_method="spawn")]
    assert forked == ["caller's:0", "caller's:1", "caller's:2", "caller's:3"]
    assert spawned == ["0", "1", "2", "3"]
    assert ex.words._lexicon is not None  # loaded in the caller before the fork, shared since


def test_fork_only_from_a_single_thread() -> None:
    from zhreport_extract.batch import default_start_method

    if not sys.platform.startswith("linux"):
        assert default_start_method() == "spawn"
        return
    assert default_start_method() == "fork"
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert default_start_method() == "spawn"  # forking a threaded process can deadlock the child
    finally:
        release.set()
        thread.join()


def test_last_lap_cuts_what_is_left_into_shrinking_pieces() -> None:
    """Once the input is all read, each task handed out is at most a share of what is left
    (guided scheduling), so both workers finish together; before that, batches go whole."""
    from zhreport_extract.batch import _Batch, _Pool

    pool = _Pool(2, None, multiprocessing.get_context("spawn"), retries=1, factory=None)
    items = [(i, "字" * 100, str(i), None) for i in range(16)]
    pool.out[0] = _Batch(results=[None] * 16, positions={i: i for i in range(16)}, pending=1)
    pool._queue(0, list(items), 0)
    assert len(pool._next_task().items) == 16 and pool.out[0].pending == 1  # input not all read: whole
    pool._queue(0, list(items), 0)
    pool.last_lap = True
    sizes = []
    while pool.queue:
        sizes.append(len(pool._next_task().items))
    assert sizes == [4, 3, 2, 1, 1, 1, 1, 1, 1, 1]  # a quarter (2 workers x 2) of what is left each time
    assert pool.out[0].pending == 1 + 9  # one task became ten
    pool._queue(0, list(items[:2]), 0)
    pool._queue(0, list(items), 0)
    assert len(pool._next_task().items) == 2  # within its share of what is left: goes whole


def test_an_input_that_fails_part_way_loses_no_document_read_before() -> None:
    def docs():  # type: ignore[no-untyped-def]
        for i in range(100):
            yield (f"d{i}", f"举办培训{i + 1}场。")
        raise OSError("the source went away")

    for n_process in (1, 2):
        got = []
        with pytest.raises(OSError, match="went away"):
            for result in Extractor(entities=False).extract_batch(docs(), n_process=n_process, batch_size=7):
                got.append(result)
        assert [r.doc_id for r in got] == [f"d{i}" for i in range(100)], n_process
        assert [int(r.facts[0].count) for r in got] == list(range(1, 101))


def test_spawned_workers_refuse_an_extractor_they_cannot_rebuild() -> None:
    class Mine(Extractor):
        pass

    with pytest.raises(ValueError, match="would not be the Mine"):
        list(Mine(entities=False).extract_batch(["举办培训3场。"] * 4, n_process=2, start_method="spawn"))
    changed = Extractor(entities=False)
    changed.remove_stage("initiative")
    with pytest.raises(ValueError, match="stages changed by hand"):
        list(changed.extract_batch(["举办培训3场。"] * 4, n_process=2, start_method="spawn"))
    # forked workers use the very extractor passed in, changed stages and all
    fork = list(changed.extract_batch(["实施“春风行动”，举办培训3场。"] * 4, n_process=2, start_method="fork"))
    assert [r.facts[0].initiative for r in fork] == [None] * 4


def test_progress_display_leaves_no_thread_behind() -> None:
    """tqdm's monitor thread would make the pool spawn instead of fork afterwards."""
    import io
    import threading

    from zhreport_extract.records import DocumentResult

    before = threading.active_count()
    list(Progress(io.StringIO(), total=2, interval=0).wrap(iter([DocumentResult(length=1)] * 2)))
    assert threading.active_count() == before
