"""The worker pool: documents in batches through worker processes, in input order.

It imports nothing from the pipeline: it is given what it runs (an extractor object, or a
factory ``"module:name"`` that builds one in each worker), so that the pipeline can use it
and the batch API sits above both. See :mod:`zhreport_extract.batch` for the behaviour.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .documents import DocInput, Extracts, Item, error_result, extract_item, prepare
from .gcpause import collector_paused
from .records import WIRE_RECORDS, DocumentResult, ExtractionError, from_wire, to_wire

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

log = logging.getLogger("zhreport_extract.batch")

DEFAULT_BATCH_SIZE = 32
DEFAULT_BATCH_CHARS = 60_000  # a batch closes at this many characters, whatever its size
RETRIES = 1  # how often the documents of a dead worker are tried again
PREFETCH = 2  # batches out at a worker at a time: the next one waits there while it works
DEFAULT_FACTORY = "zhreport_extract.pipeline:Extractor"  # what a worker builds when given no extractor


def run_batch(
    docs: Iterable[DocInput],
    extractor: Extracts | None = None,
    *,
    patterns_dir: Path | str | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    max_in_flight: int | None = None,
    start_method: str | None = None,
    retries: int = RETRIES,
    extractor_factory: str | None = None,
) -> Iterator[DocumentResult]:
    """One result per document of ``docs``, in input order.

    ``n_process=1`` extracts here with ``extractor`` (built from ``patterns_dir`` when
    not given). ``n_process>1`` starts that many workers that build their extractor
    from ``patterns_dir`` (or ``extractor``'s patterns directory); batches close at
    ``batch_size`` documents or ``batch_chars`` characters; at most ``max_in_flight``
    batches (default ``4 * n_process``: two at each worker, and room for batches that are
    done before the one ahead of them) are out at a time. ``n_process<=0`` means one
    worker per CPU. ``extractor_factory`` (``"module:name"``, importable in the workers)
    builds the workers' extractor from the patterns directory instead of :class:`Extractor`,
    e.g. for a subclass.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if n_process <= 0:
        n_process = os.cpu_count() or 1
    if n_process == 1:
        if extractor is None:
            extractor = load_factory(extractor_factory)(patterns_dir)
        assert extractor is not None
        return _serial(extractor, docs)
    if patterns_dir is None and extractor is not None:
        patterns_dir = getattr(getattr(extractor, "patterns", None), "directory", None)
    elif extractor is None and extractor_factory is None:
        from .patterns import Patterns  # (below the pipeline: no cycle)

        Patterns(patterns_dir)  # a PatternError here, not a WorkerError from each worker
    # the workers build their extractor as this one was built (entities or not)
    options = dict(getattr(extractor, "options", {})) if extractor is not None and extractor_factory is None else {}
    method = start_method or default_start_method()
    if method != "fork" and extractor is not None and extractor_factory is None:
        _check_rebuildable(extractor)
    inherited = None
    if method == "fork" and extractor_factory is None:
        inherited = extractor if extractor is not None else load_factory(None)(patterns_dir)
        words = getattr(inherited, "words", None)
        if words is not None:
            words.lexicon  # noqa: B018 - loaded once here, then shared by the forked workers
    pool = _Pool(
        n_process, Path(patterns_dir) if patterns_dir is not None else None,
        multiprocessing.get_context(method), retries, extractor_factory, options, inherited,
    )
    failure: list[BaseException] = []
    results = pool.run(_batches(docs, batch_size, batch_chars, failure), max_in_flight or (PREFETCH + 2) * n_process)
    return _then_raise(results, failure)


def _then_raise(results: Iterator[DocumentResult], failure: list[BaseException]) -> Iterator[DocumentResult]:
    """Every result, then the input's own error, if reading it failed part way."""
    yield from results
    if failure:
        raise failure[0]


def _check_rebuildable(extractor: Extracts) -> None:
    """A worker that is not forked builds its own extractor from the patterns directory and
    options: refuse, with the reason, an extractor that such a rebuild would not reproduce
    (a subclass, stages added or removed by hand) rather than silently use another one."""
    factory = load_factory(None)
    if type(extractor) is not factory:
        raise ValueError(
            f"extract_batch(n_process>1) without fork (from a thread, or start_method='spawn') builds the "
            f"workers' extractor anew, which would not be the {type(extractor).__name__} passed in: pass "
            "extractor_factory='module:name' that builds it, or call from the main thread on Linux"
        )
    if getattr(extractor, "modified", False):
        raise ValueError(
            "extract_batch(n_process>1) without fork rebuilds the extractor in each worker, which would "
            f"lose the stages changed by hand ({list(getattr(extractor, 'stage_names', ()))}): pass "
            "extractor_factory='module:name' that builds it, or call from the main thread on Linux"
        )


def default_start_method() -> str:
    """``fork`` on Linux when this process runs a single thread, else ``spawn`` (forking a
    threaded process can deadlock the child; on macOS system libraries break after fork)."""
    import sys
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _serial(extractor: Extracts, docs: Iterable[Any]) -> Iterator[DocumentResult]:
    for n, doc in enumerate(docs):
        item = prepare(doc, n)
        yield item if isinstance(item, DocumentResult) else extract_item(extractor, item)


def _batches(
    docs: Iterable[Any], size: int, chars: int, failure: list[BaseException] | None = None,
) -> Iterator[list[Item | DocumentResult]]:
    """Prepared documents in batches; bad documents ride along as ready results. An input
    that raises part way ends the batches there (the documents read before it are all
    batched); the exception goes into ``failure``, for the caller to raise after them."""
    batch: list[Item | DocumentResult] = []
    total = 0
    source = iter(docs)
    n = 0
    while True:
        try:
            doc = next(source)
        except StopIteration:
            break
        except Exception as exc:
            if failure is None:
                raise
            failure.append(exc)
            break
        item = prepare(doc, n)
        n += 1
        batch.append(item)
        if not isinstance(item, DocumentResult):
            total += len(item[1])
        if len(batch) >= size or total >= chars:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


# --- the worker side ---------------------------------------------------------------


def load_factory(path: str | None) -> Any:
    """``"package.module:name"`` -> that callable; None -> the pipeline's Extractor."""
    import importlib

    path = path or DEFAULT_FACTORY

    module, _, name = path.partition(":")
    if not name:
        raise ValueError(f"extractor factory must be 'module:name', got {path!r}")
    return getattr(importlib.import_module(module), name)


def _worker_main(
    patterns_dir: str | None, factory: str | None, options: dict[str, Any], conn: Connection,
    inherited: Any = None, siblings: tuple[Connection, ...] = (),
) -> None:
    """A worker: build the extractor once (or take the one it was forked with), then answer
    batches until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    for other in siblings:  # a forked worker holds the parent's ends of the others' pipes: let go
        other.close()
    try:
        extractor = inherited if inherited is not None else load_factory(factory)(patterns_dir, **options)
        words = getattr(extractor, "words", None)
        if words is not None:
            words.lexicon  # noqa: B018 - load the dictionary now, not in the first batch
    except BaseException as exc:  # noqa: BLE001 - tell the parent why, then stop
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    # The parent sends the next batch while this one is being extracted (PREFETCH); a thread
    # reads it at once, so that neither side can block in send while the other does too.
    tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()
    stop = threading.Event()  # set by the reader when the parent closes the pipe or goes away
    threading.Thread(target=_read_tasks, args=(conn, tasks, stop), name="zhreport-extract-reader", daemon=True).start()
    while True:
        task = tasks.get()
        if task is None or stop.is_set():  # a batch still waiting here is not begun
            return
        task_id, items = task
        with collector_paused():  # extraction and its plain-list form make no cycles
            results = [_to_wire(extract_item(extractor, item)) for item in items]
        try:
            conn.send((task_id, results))
        except ConnectionError:  # the parent is gone
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a result that does not pickle
            message = f"result could not be sent back: {type(exc).__name__}: {exc}"
            conn.send((task_id, [_to_wire(error_result(it[2], "TransferError", message, len(it[1]))) for it in items]))


def _read_tasks(conn: Connection, tasks: queue.SimpleQueue[Any], stop: threading.Event) -> None:
    """The worker's reader thread: every message from the parent onto ``tasks``; at the end of
    the pipe (the parent stops the workers by closing it, or died) ``stop`` is set and None
    follows."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # closed by the parent, or the parent is gone
            task = None
        if task is None:
            stop.set()
            tasks.put(None)
            return
        tasks.put(task)


def _to_wire(result: Any) -> Any:
    """Our records travel as plain lists (records.to_wire); anything else a custom extractor
    returns is pickled as it is."""
    return to_wire(result) if type(result) in WIRE_RECORDS else result


# --- the parent side ---------------------------------------------------------------


@dataclass
class _Task:
    id: int
    slot: int  # index of the batch this task fills
    items: list[Item]
    attempt: int = 0


@dataclass
class _Batch:
    """One input batch: ready results and the tasks still out."""

    results: list[DocumentResult | None]
    positions: dict[int, int] = field(default_factory=dict)  # document position -> index in results
    pending: int = 0


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    tasks: deque[_Task] = field(default_factory=deque)  # sent, in order; the first is in hand


class WorkerError(RuntimeError):
    """The worker processes cannot start (e.g. a patterns directory that does not load)."""


class _Pool:
    def __init__(
        self, n: int, patterns_dir: Path | None, ctx: BaseContext, retries: int, factory: str | None,
        options: dict[str, Any] | None = None, inherited: Any = None,
    ) -> None:
        self.n = n
        self.factory = factory
        self.options = options or {}
        self.inherited = inherited  # the extractor forked workers use as they find it
        self.patterns_dir = str(patterns_dir) if patterns_dir is not None else None
        self.ctx = ctx
        self.retries = retries
        self.workers: list[_Worker] = []
        self.queue: deque[_Task] = deque()
        self.next_task = 0
        self.deaths = 0
        self.start_deaths = 0
        self.last_lap = False  # the input is all read
        self.out: dict[int, _Batch] = {}  # batch number -> batch, until handed out

    # workers

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        forked = self.ctx.get_start_method() == "fork"
        args: tuple[Any, ...] = (self.patterns_dir, self.factory, self.options, child)
        if forked:
            args += (self.inherited, (parent, *(w.conn for w in self.workers)))
        process = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=args, name="zhreport-extract-worker", daemon=True
        )
        if forked:
            gc.freeze()  # the child's collector leaves what it inherits alone: shared pages stay shared
            try:
                process.start()
            finally:
                gc.unfreeze()
        else:
            process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def _stop_all(self) -> None:
        """Stop every worker. Closing our end of its pipe tells it to (its reader sees the
        end), and cannot block the way sending into a pipe that nobody reads can."""
        for w in self.workers:
            w.conn.close()
        for w in self.workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=2)
        self.workers.clear()

    # the loop

    def run(self, batches: Iterator[list[Item | DocumentResult]], max_in_flight: int) -> Iterator[DocumentResult]:
        out = self.out
        next_in = next_out = 0
        try:
            for _ in range(self.n):
                self._start()
            while True:
                # read ahead while there is room, and keep the workers busy
                while not self.last_lap and next_in - next_out < max_in_flight:
                    batch = next(batches, None)
                    if batch is None:
                        self.last_lap = True
                        break
                    out[next_in] = self._admit(next_in, batch)
                    next_in += 1
                self._dispatch()
                # hand out what is complete, in order
                progressed = False
                while next_out in out and out[next_out].pending == 0:
                    for r in out.pop(next_out).results:
                        assert r is not None
                        yield r
                    next_out += 1
                    progressed = True
                if self.last_lap and next_out == next_in:
                    return
                if not progressed:
                    self._wait()
        finally:
            self._stop_all()

    def _admit(self, number: int, batch: list[Item | DocumentResult]) -> _Batch:
        entry = _Batch(results=[r if isinstance(r, DocumentResult) else None for r in batch])
        items: list[Item] = []
        for k, item in enumerate(batch):
            if not isinstance(item, DocumentResult):
                entry.positions[item[0]] = k
                items.append(item)
        if items:
            self._queue(number, items, 0)
            entry.pending = 1
        return entry

    def _queue(self, slot: int, items: list[Item], attempt: int, front: bool = False) -> None:
        task = _Task(self.next_task, slot, items, attempt)
        self.next_task += 1
        if front:
            self.queue.appendleft(task)
        else:
            self.queue.append(task)

    def _dispatch(self) -> None:
        """Give every idle worker a batch, then a second one to wait beside the first, to
        the worker with the fewest characters out (the one likely to be free first)."""
        for depth in range(1, PREFETCH + 1):
            waiting = sorted(
                (w for w in self.workers if w.ready and len(w.tasks) < depth),
                key=lambda w: sum(map(_chars, w.tasks)),
            )
            for w in waiting:
                if not self.queue:
                    return
                task = self._next_task()
                w.tasks.append(task)
                try:
                    w.conn.send((task.id, task.items))
                except (OSError, ValueError):
                    pass  # the worker is gone; _wait sees its sentinel

    def _next_task(self) -> _Task:
        """The task at the head of the queue. Once the input is all read, a task is cut down
        to a share of what is left (at least one document), so that the pieces get smaller
        towards the end and the workers finish together, instead of one extracting a last
        whole batch while the other waits (guided scheduling)."""
        task = self.queue.popleft()
        if not self.last_lap or len(task.items) == 1:
            return task
        share = (sum(map(_chars, self.queue)) + _chars(task)) / (2 * self.n)
        taken = chars = 0
        while taken < len(task.items) and chars + len(task.items[taken][1]) <= share:
            chars += len(task.items[taken][1])
            taken += 1
        taken = max(taken, 1)
        if taken == len(task.items):  # the whole task is within the share
            return task
        self.out[task.slot].pending += 1
        self.queue.appendleft(_Task(self.next_task, task.slot, task.items[taken:], task.attempt))
        self.next_task += 1
        task.items = task.items[:taken]
        return task

    def _wait(self) -> None:
        conns = {w.conn: w for w in self.workers}
        sentinels = {w.process.sentinel: w for w in self.workers}
        ready = multiprocessing.connection.wait([*conns, *sentinels])
        dead: list[_Worker] = []
        for obj in ready:
            if obj in conns:
                w = conns[obj]
                try:
                    with collector_paused():  # unpickling a batch of results makes no cycles
                        message = w.conn.recv()
                except (EOFError, OSError):
                    dead.append(w)
                    continue
                self._receive(w, message)
        for obj in ready:
            if obj in sentinels:
                w = sentinels[obj]
                if w in dead:
                    continue
                try:
                    while w.conn.poll():  # what it sent before it died still counts
                        self._receive(w, w.conn.recv())
                except (EOFError, OSError):
                    pass
                dead.append(w)
        for w in dead:
            self._died(w)

    def _receive(self, w: _Worker, message: tuple[Any, Any]) -> None:
        tag, payload = message
        if tag == "ready":
            w.ready = True
            return
        if tag == "failed":
            raise WorkerError(f"worker process could not build its extractor: {payload}")
        assert w.tasks and w.tasks[0].id == tag, "a worker answered a task it was not given"
        task = w.tasks.popleft()  # the worker goes on with the next one while this is unpacked
        entry = self.out[task.slot]
        with collector_paused():  # many new objects, no cycles
            for result, item in zip(payload, task.items, strict=True):
                entry.results[entry.positions[item[0]]] = from_wire(result) if isinstance(result, list) else result
        entry.pending -= 1

    def _died(self, w: _Worker) -> None:
        w.process.join(timeout=1)
        code = w.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        self.workers.remove(w)
        w.conn.close()
        self.deaths += 1
        if not w.ready:
            self.start_deaths += 1
            if self.start_deaths > 2 * self.n:  # not a stray kill: the workers cannot start here
                raise WorkerError(f"worker process {w.process.pid} died while starting ({how}), {self.start_deaths} times")
            log.warning("worker process %s died while starting (%s); starting another", w.process.pid, how)
            self._start()
            return
        for waiting in reversed(list(w.tasks)[1:]):  # sent but not begun: as they were
            self.queue.appendleft(waiting)
        task = w.tasks[0] if w.tasks else None
        if task is None:
            log.warning("worker process %s died (%s) between batches; starting another", w.process.pid, how)
        else:
            ids = [it[2] for it in task.items]
            entry = self.out[task.slot]
            if task.attempt < self.retries:
                log.warning(
                    "worker process %s died (%s) extracting %d document(s) %s; trying them again one by one",
                    w.process.pid, how, len(ids), _ids(ids),
                )
                # one by one: a document that kills its worker again takes no other with it
                entry.pending += len(task.items) - 1
                for item in reversed(task.items):
                    self._queue(task.slot, [item], task.attempt + 1, front=True)
            else:
                log.warning(
                    "worker process %s died (%s) again on document(s) %s; marking them failed",
                    w.process.pid, how, _ids(ids),
                )
                message = (
                    f"worker process {w.process.pid} died ({how}) while extracting this document, "
                    f"{task.attempt + 1} times"
                )
                for item in task.items:
                    entry.results[entry.positions[item[0]]] = error_result(item[2], "WorkerDied", message, len(item[1]))
                entry.pending -= 1
        self._start()


def _chars(task: _Task) -> int:
    return sum(len(it[1]) for it in task.items)


def _ids(ids: list[str | None]) -> str:
    shown = ", ".join(repr(i) for i in ids[:5])
    return shown + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")


# --- progress ----------------------------------------------------------------------
