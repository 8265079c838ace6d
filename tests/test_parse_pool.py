"""The parse pool: documents are parsed in the calling thread while parsing is light, in worker
processes (real, spawned) while it takes a large share of a core, and back once it no longer does."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from monitor.analysis import Prepared, _compiled, pack_rules, prepare
from monitor.models import RawDocument, Rule
from monitor.parse_pool import (BATCH_WORTH_SECONDS, FIRST_PARSE_SECONDS, MIN_RUN_SECONDS, START_SHARE, STOP_SHARE,
                                WORKER_NICENESS, ParsePool, batch_to_come, parse_pool_for, start_method,
                                wants_processes)

ROOT = Path(__file__).resolve().parent.parent
RULES = (Rule(name="border", terms=("border", "troops")),)


def _doc() -> RawDocument:
    return RawDocument(source="wire", kind="feed", location="https://news.example.org/feed.xml",
                       body=(ROOT / "samples/feeds/border-crisis.xml").read_bytes(),
                       fetched_at=datetime(2021, 12, 1, tzinfo=timezone.utc), status=200)


def _summary(prepared: Prepared) -> list[tuple[str, tuple[str, ...]]]:
    return [(entry.item.title, tuple(m.rule for m in entry.matches)) for entry in prepared.items]  # type: ignore[union-attr]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Spawner:
    """Makes real process pools (spawned as the daemon's are; one worker unless told) and counts them."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self.made: list[ProcessPoolExecutor] = []

    def __call__(self) -> Executor:
        self.made.append(ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")))
        return self.made[-1]


@pytest.fixture
def adaptive_pool() -> Iterator[ParsePool]:
    """An automatic pool (parse_processes = 0) over real spawned processes, shut down after the test."""
    pool = ParsePool(Spawner())
    try:
        yield pool
    finally:
        pool.shutdown()


@pytest.mark.parametrize(("recent", "busy", "running", "running_for", "wanted"), [
    (0.0, 0.0, False, 0.0, False),
    (START_SHARE * 10 - 0.1, 30.0, False, 0.0, False),  # the start looks at the last 10 s only
    (START_SHARE * 10, START_SHARE * 10, False, 0.0, True),
    (0.0, STOP_SHARE * 60, True, MIN_RUN_SECONDS + 1, True),  # still busy enough over a minute to keep them
    (0.0, STOP_SHARE * 60 - 0.1, True, MIN_RUN_SECONDS + 1, False),  # quiet: stopped
    (0.0, 0.0, True, MIN_RUN_SECONDS - 1, True),  # quiet, but started too recently to stop
])
def test_processes_start_under_load_and_stop_when_quiet(recent: float, busy: float, running: bool,
                                                         running_for: float, wanted: bool) -> None:
    assert wants_processes(recent, 10.0, busy, 60.0, running, running_for) is wanted


def test_light_parsing_stays_in_the_thread_and_starts_no_process() -> None:
    spawner = Spawner()
    pool = ParsePool(spawner)
    expected = _summary(prepare(_doc(), 3600, RULES))
    for _ in range(20):
        assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected
    assert spawner.made == [] and not pool.running and pool.starts == 0


def test_heavy_parsing_moves_to_processes_and_back_when_it_quiets_down() -> None:
    clock, spawner = Clock(), Spawner()
    # A window of a microsecond of the clock: any parse is more than half of it.
    pool = ParsePool(spawner, clock=clock, window=1e-6, min_run=10.0)
    try:
        expected = _summary(prepare(_doc(), 3600, RULES))
        assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected  # in the thread: load noted
        assert not pool.running
        assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected  # the workers start
        assert pool.running and pool.starts == 1
        worker = spawner.made[0]
        clock.now = 5.0  # the window is empty, but the processes ran only 5 s: kept
        pool.run(prepare, _doc(), 3600, rules=RULES)
        assert pool.running
        clock.now = 100.0  # the last parse's load is out of the window: quiet, and past min_run
        assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected
        assert not pool.running and pool.starts == 1
        with pytest.raises(RuntimeError):  # the stopped executor takes no more work
            worker.submit(len, "")
    finally:
        pool.shutdown()


def test_a_fixed_pool_keeps_its_processes_and_a_shut_pool_parses_in_the_thread() -> None:
    spawner = Spawner()
    pool = ParsePool(spawner, adaptive=False)
    expected = _summary(prepare(_doc(), 3600, RULES))
    assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected
    assert pool.running and len(spawner.made) == 1
    pool.shutdown()
    assert not pool.running
    assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected
    assert len(spawner.made) == 1


def test_while_its_workers_start_documents_are_parsed_in_the_thread() -> None:
    spawner = Spawner()
    pool = ParsePool(spawner, adaptive=False)
    try:
        expected = _summary(prepare(_doc(), 3600, RULES))
        # A spawned worker takes a second or more to import: the first parse does not wait for it.
        assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected
        assert pool.running and pool.in_workers == 0
        deadline = time.monotonic() + 60
        while pool.in_workers == 0 and time.monotonic() < deadline:
            assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected
        assert pool.in_workers > 0 and pool.starts == 1
    finally:
        pool.shutdown()


def test_while_its_workers_start_one_document_at_a_time_is_parsed_in_the_thread() -> None:
    # Four source threads at a first run's start: one parses here, the other three are queued for
    # the workers rather than parsed here side by side (sharing the interpreter's one core, every
    # one of them would end only after all four, and the workers would wait for them, idle).
    slow_start = lambda: ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),  # noqa: E731
                                             initializer=time.sleep, initargs=(1.0,))
    pool = ParsePool(slow_start, adaptive=False)
    parsing, release = threading.Event(), threading.Event()

    def first() -> int:
        parsing.set()
        release.wait(60)
        return os.getpid()

    try:
        with ThreadPoolExecutor(4) as threads:
            here = threads.submit(pool.run, first)
            assert parsing.wait(60)
            others = [threads.submit(pool.run, os.getpid) for _ in range(3)]
            wheres = [other.result(timeout=120) for other in others]
            release.set()
            assert here.result(timeout=60) == os.getpid()
        assert os.getpid() not in wheres and pool.in_workers == 3
    finally:
        release.set()
        pool.shutdown()


def test_a_batch_starts_the_processes_once_its_parsing_to_come_is_worth_their_start(adaptive_pool: ParsePool) -> None:
    pool = adaptive_pool
    # A batch of three: the two documents still to come are a few milliseconds of parsing.
    with pool.batch(3):
        for _ in range(3):
            pool.run(prepare, _doc(), 3600, rules=RULES)
    assert not pool.running
    # A batch so large that the same document, extrapolated, is seconds of parsing: the second
    # parse starts the processes (and is itself parsed here while they start).
    with pool.batch(1_000_000):
        pool.run(prepare, _doc(), 3600, rules=RULES)
        assert not pool.running
        pool.run(prepare, _doc(), 3600, rules=RULES)
        assert pool.running and pool.starts == 1


def test_a_first_run_of_many_sources_starts_every_process_at_once() -> None:
    # Forty sources never fetched: forty whole feeds to parse. The processes start as the batch
    # begins, before any document arrives, and both workers are spawned then, not the second
    # only once the first has work.
    unseen = round(BATCH_WORTH_SECONDS / FIRST_PARSE_SECONDS)
    spawner = Spawner(workers=2)
    pool = ParsePool(spawner, processes=2)
    before = set(multiprocessing.active_children())
    try:
        with pool.batch(100, unseen=unseen - 1):
            assert not pool.running
        with pool.batch(100, unseen=unseen):
            assert pool.running and pool.starts == 1
            assert len(set(multiprocessing.active_children()) - before) == 2
            deadline = time.monotonic() + 60
            while pool.in_workers == 0 and time.monotonic() < deadline:
                assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES))
    finally:
        pool.shutdown()


def test_a_batchs_processes_can_start_before_it_begins_and_are_kept_by_it() -> None:
    # `monitor run --once` starts them before its first thread (start_for), on the same count of
    # sources never fetched that its batch would start them on; the batch then finds them running.
    unseen = round(BATCH_WORTH_SECONDS / FIRST_PARSE_SECONDS)
    spawner = Spawner(workers=2)
    pool = ParsePool(spawner, processes=2)
    before = set(multiprocessing.active_children())
    try:
        assert pool.start_for(100, unseen=unseen - 1) is False
        assert not pool.running and not spawner.made
        assert pool.start_for(100, unseen=unseen) is True
        assert pool.running and pool.starts == 1
        assert len(set(multiprocessing.active_children()) - before) == 2
        assert pool.start_for(100, unseen=unseen) is True and pool.starts == 1  # already running
        with pool.batch(100, unseen=unseen):
            deadline = time.monotonic() + 60
            while pool.in_workers == 0 and time.monotonic() < deadline:
                assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES))
        assert pool.starts == 1 and len(spawner.made) == 1 and pool.in_workers >= 1
    finally:
        pool.shutdown()
    assert pool.start_for(100, unseen=unseen) is False  # a shut pool parses in the thread from then on


@pytest.mark.parametrize(("sources", "parsed", "finished", "busy", "to_come"), [
    (100, 0, 0, 0.0, 0.0),  # nothing parsed yet: nothing to extrapolate from
    (100, 0, 50, 0.0, 0.0),  # fifty runs, all 304s: nothing either
    (100, 4, 0, 0.2, 4.8),  # four documents parsed, their runs still storing
    (100, 4, 3, 0.2, 4.8),
    (100, 4, 50, 0.2, 0.2),  # four documents among fifty runs ended: 50 runs to come, 0.004 s each
    (10_000, 2, 9_000, 0.02, 0.02 / 9),
    (20, 10, 10, 0.02, 0.02),
    (5, 7, 1, 1.0, 0.0),  # more documents than sources (a folder): none to come
])
def test_a_batchs_parsing_to_come_is_extrapolated_from_its_runs_so_far(sources: int, parsed: int, finished: int,
                                                                       busy: float, to_come: float) -> None:
    assert batch_to_come(sources, parsed, busy, finished) == pytest.approx(to_come, rel=1e-3)
    wanted = to_come >= BATCH_WORTH_SECONDS
    assert wants_processes(0.0, 10.0, 0.0, 60.0, False, 0.0,
                           to_come=batch_to_come(sources, parsed, busy, finished)) is wanted


@pytest.mark.parametrize(("parsed", "busy", "unseen", "to_come"), [
    (0, 0.0, 40, 40 * FIRST_PARSE_SECONDS),  # a first run: the feeds never fetched, before any parse
    (0, 0.0, 0, 0.0),
    (4, 0.02, 40, 96 * 0.005),  # once documents are parsed, they are what the rest is extrapolated from
])
def test_before_any_parse_a_batch_counts_its_sources_never_fetched(parsed: int, busy: float, unseen: int,
                                                                   to_come: float) -> None:
    assert batch_to_come(100, parsed, busy, 0, unseen) == pytest.approx(to_come, rel=1e-3)


def test_a_batch_of_mostly_unchanged_sources_starts_no_processes(adaptive_pool: ParsePool) -> None:
    # A routine `run --once` of ten thousand sources, nine thousand of which answered 304 so far:
    # the runs that parsed nothing count, so the next documents are not taken for ten thousand.
    pool = adaptive_pool
    with pool.batch(10_000):
        for _ in range(9_000):
            pool.finished_run()
        for _ in range(3):
            pool.run(prepare, _doc(), 3600, rules=RULES)
            pool.finished_run()
        assert not pool.running and pool.starts == 0
    # The same parses in a batch whose runs have not ended yet do start them.
    with pool.batch(10_000):
        for _ in range(3):
            pool.run(prepare, _doc(), 3600, rules=RULES)
        assert pool.running and pool.starts == 1


def test_the_settings_help_says_what_starts_the_pool_in_a_batch() -> None:
    from monitor.config import SETTINGS

    help_text = next(s.help for s in SETTINGS if s.name == "parse_processes")
    assert f"would take {BATCH_WORTH_SECONDS:g} s or more" in help_text


def test_workers_left_idle_are_stopped_between_parses() -> None:
    # A daemon whose sources all answer 304 parses nothing: the periodic check stops the workers
    # (jobs.maintenance.stop_idle_parse_workers) as the next parse would have.
    clock, spawner = Clock(), Spawner()
    pool = ParsePool(spawner, clock=clock, window=1e-6, min_run=10.0)
    try:
        pool.run(prepare, _doc(), 3600, rules=RULES)
        pool.run(prepare, _doc(), 3600, rules=RULES)
        assert pool.running
        clock.now = 5.0  # quiet, but started too recently
        assert pool.tidy() is False and pool.running
        clock.now = 100.0
        assert pool.tidy() is True and not pool.running
        assert pool.tidy() is False  # nothing left to stop
        with pytest.raises(RuntimeError):
            spawner.made[0].submit(len, "")
    finally:
        pool.shutdown()
    fixed = ParsePool(Spawner(), adaptive=False)  # a configured number is kept for the process's life
    try:
        fixed.run(prepare, _doc(), 3600, rules=RULES)
        assert fixed.tidy() is False and fixed.running
    finally:
        fixed.shutdown()


def _in_a_worker(pool: ParsePool, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """Parse until one document has gone to a worker (the first ones are parsed here while it starts)."""
    done = pool.in_workers
    deadline = time.monotonic() + 60
    while pool.in_workers == done and time.monotonic() < deadline:
        assert _summary(pool.run(prepare, _doc(), 3600, rules=RULES)) == expected
    assert pool.in_workers > done


@dataclass
class WorkingPool:
    """A fixed pool over real spawned processes, one document already parsed in a worker."""

    pool: ParsePool
    spawner: Spawner
    expected: list[tuple[str, tuple[str, ...]]]  # _summary of _doc(), prepared

    def parse_in_a_worker(self) -> None:
        _in_a_worker(self.pool, self.expected)


@pytest.fixture
def working_pool() -> Iterator[WorkingPool]:
    spawner = Spawner()
    pool = ParsePool(spawner, adaptive=False)
    working = WorkingPool(pool, spawner, _summary(prepare(_doc(), 3600, RULES)))
    try:
        working.parse_in_a_worker()
        yield working
    finally:
        pool.shutdown()


def test_a_worker_that_dies_costs_its_document_only(working_pool: WorkingPool) -> None:
    # The OOM killer or a crash in a parser's C code: the executor refuses every task after that.
    # The document under way fails; the pool starts new workers for the next ones.
    with pytest.raises(BrokenExecutor):
        working_pool.pool.run(os._exit, 1)
    working_pool.parse_in_a_worker()
    assert working_pool.pool.starts == 2 and len(working_pool.spawner.made) == 2


# A pool that breaks while another worker is finishing a large result: that worker blocks writing
# it (nobody reads the results of a broken pool), and the workers ignore SIGTERM, which is how the
# executor ends them before waiting for them.
BROKEN_WHILE_WRITING = """
import multiprocessing, os, signal, sys, threading, time
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from pathlib import Path
from monitor.parse_pool import ParsePool
from monitor.parse_pool.workers import quiet_worker

def large(flag):
    while not Path(flag).exists():  # until the other worker is about to die
        time.sleep(0.05)
    time.sleep(0.5)
    return b"x" * 5_000_000  # far more than a pipe holds

def die(flag):
    Path(flag).touch()
    os.kill(os.getpid(), signal.SIGKILL)

if __name__ == "__main__":
    owner = os.getpid()
    pool = ParsePool(lambda: ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=quiet_worker, initargs=(owner,)),
                     adaptive=False, processes=2)
    while pool.run(os.getpid) == owner:  # parsed here while the first worker starts
        time.sleep(0.05)
    outcomes = []

    def run(fn):
        try:
            outcomes.append(len(pool.run(fn, sys.argv[1])))
        except BrokenExecutor:
            outcomes.append("broken")

    first = threading.Thread(target=run, args=(large,))
    first.start()
    time.sleep(0.3)
    second = threading.Thread(target=run, args=(die,))
    second.start()
    first.join()
    second.join()
    pool.shutdown()
    print(outcomes)
"""


def test_a_pool_that_breaks_while_a_worker_writes_a_large_result_does_not_hang_the_process(tmp_path: Path) -> None:
    script = tmp_path / "broken.py"
    script.write_text(BROKEN_WHILE_WRITING)
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "flag")], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['broken', 'broken']"
    assert "parse workers lost" in done.stderr


def test_an_error_raised_in_a_worker_comes_back_whole_and_the_workers_stay(working_pool: WorkingPool) -> None:
    # A document that is not a feed: its ParseError is the document's one line, as when it is
    # parsed in the thread. Every MonitorError is built with other arguments than its message, so
    # pickling it as exceptions are (the class called with the message) failed in the parent.
    from monitor.errors import ParseError

    broken = RawDocument(source="wire", kind="feed", location="https://news.example.org/feed.xml",
                         body=b"<html><body>Not a feed</body></html>",
                         fetched_at=datetime(2021, 12, 1, tzinfo=timezone.utc), status=200)
    with pytest.raises(ParseError) as here:
        prepare(broken, 3600, RULES)
    with pytest.raises(ParseError) as there:
        working_pool.pool.run(prepare, broken, 3600, rules=RULES)
    assert str(there.value) == str(here.value)
    assert vars(there.value) == vars(here.value)
    working_pool.parse_in_a_worker()
    assert working_pool.pool.starts == 1 and len(working_pool.spawner.made) == 1, "the same workers"


class _Declined(Exception):
    """An exception class as some libraries write them: built from other arguments than its message."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code}: {reason}")


def _declines() -> None:
    raise _Declined(7, "not today")


def test_an_exception_that_cannot_travel_back_comes_as_one_that_says_the_same(working_pool: WorkingPool) -> None:
    with pytest.raises(RuntimeError, match="^_Declined: 7: not today$"):
        working_pool.pool.run(_declines)
    working_pool.parse_in_a_worker()
    assert working_pool.pool.starts == 1, "the workers stay"


def test_rules_travel_packed_and_are_compiled_once_per_process_and_rule_set() -> None:
    # Each document's task names the rules; as a tuple they were pickled and unpickled with every
    # document. Packed, a worker compiles them once, whatever copy of them a document brings.
    packed = pack_rules(RULES)
    copies = [pickle.loads(pickle.dumps(packed)) for _ in range(3)]
    assert all(_compiled(copy, 240) is _compiled(copies[0], 240) for copy in copies)
    assert _compiled(copies[0], 100) is not _compiled(copies[0], 240)
    other = pack_rules((Rule(name="crimea", terms=("Crimea",)),))
    assert other.digest != packed.digest and _compiled(other, 240) is not _compiled(packed, 240)
    expected = _summary(prepare(_doc(), 3600, rules=RULES))
    assert any(rules for _, rules in expected)  # the sample feed fires the rule
    pool = ParsePool(Spawner(), adaptive=False)
    try:
        deadline = time.monotonic() + 60
        while pool.in_workers < 2 and time.monotonic() < deadline:
            assert _summary(pool.run(prepare, _doc(), 3600, rules=packed)) == expected
        assert pool.in_workers == 2
    finally:
        pool.shutdown()


def test_what_crosses_to_and_from_the_workers_pickles_by_its_fields() -> None:
    # A document goes to a worker and comes back as a Prepared of AnalysedItems (an Item, Matches
    # with Hits, a Signature): pickled as their classes and field values (pickled_by_fields), made
    # again through __init__, field for field the same.
    import dataclasses

    import numpy as np

    from monitor.models import AnalysedItem, pickled_by_fields

    doc = _doc()
    assert pickle.loads(pickle.dumps(doc)) == doc
    prepared = prepare(doc, 3600, RULES)
    back = pickle.loads(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
    assert len(back.items) == len(prepared.items) > 0 and back.warnings == prepared.warnings
    assert any(entry.matches for entry in back.items)  # type: ignore[union-attr]
    for entry, again in zip(prepared.items, back.items):
        assert isinstance(entry, AnalysedItem) and isinstance(again, AnalysedItem)
        assert again.item == entry.item and again.matches == entry.matches
        assert entry.signature is not None and again.signature is not None
        assert np.array_equal(again.signature.values, entry.signature.values)
        assert (again.signature.shingles, again.signature.keys) == (entry.signature.shingles, entry.signature.keys)
    assert type(back.items[0]).__reduce__ is not object.__reduce__

    @dataclasses.dataclass(frozen=True)
    class Derived:  # a field __init__ does not take: __init__ would not make it again
        a: int
        b: int = dataclasses.field(init=False, default=0)

    with pytest.raises(TypeError, match="Derived cannot be pickled by its fields"):
        pickled_by_fields(Derived)


def test_the_pipeline_sends_its_rules_packed_once(make_config) -> None:
    from monitor import config as config_module
    from monitor.collect import Context

    ctx = Context.build(config_module.load(make_config([])))
    try:
        assert ctx.packed_rules is ctx.packed_rules
        assert pickle.loads(ctx.packed_rules.data) == ctx.config.rules
    finally:
        ctx.close()


def test_workers_are_forked_only_from_a_process_without_other_threads() -> None:
    # Forked from a process with threads, a worker could inherit a lock another thread held.
    done = subprocess.run([sys.executable, "-c", "from monitor.parse_pool import start_method; print(start_method())"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ("fork" if sys.platform.startswith("linux") else "spawn")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert start_method() == "spawn"
    finally:
        release.set()
        other.join()


def test_the_workers_run_below_the_process_that_fetches_and_stores(make_config) -> None:
    from monitor import config as config_module

    pool = parse_pool_for(config_module.load(make_config([], parse_processes=2)))
    assert pool is not None and pool.start_for(1)  # a fixed number of processes: they start at once
    try:
        deadline = time.monotonic() + 60
        while pool.in_workers == 0 and time.monotonic() < deadline:
            niceness = pool.run(os.nice, 0)  # here while the workers start, then in one of them
        assert pool.in_workers == 1
        assert niceness == min(os.nice(0) + WORKER_NICENESS, 19)
    finally:
        pool.shutdown()


_RECORDING_RUN = """
if __name__ == "__main__":  # spawned workers import this file again, as __mp_main__
    import concurrent.futures, gc, runpy, sys

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            # How the workers are started, whether the pipeline was imported already, and whether
            # what the workers share with this process was frozen (gc.freeze) before they fork, and
            # whether the cyclic collector, paused over the imports, is on again.
            print("POOL STARTED", kwargs["mp_context"].get_start_method(), "pipeline imported:",
                  "monitor.collect" in sys.modules, "frozen:", gc.get_freeze_count() > 0,
                  "collecting:", gc.isenabled(), file=sys.stderr)
            super().__init__(*args, **kwargs)

    concurrent.futures.ProcessPoolExecutor = Recording
    sys.argv = ["monitor", *sys.argv[1:]]
    runpy.run_module("monitor", run_name="__main__")
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the automatic pool has no processes on one core")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_a_first_run_once_forks_its_workers_with_the_pipeline_imported(make_config, feed_server,
                                                                       tmp_path: Path) -> None:
    # Forty feeds never fetched: `monitor run --once` starts its parse workers before its first
    # thread, forked, so that they import nothing of their own, from a process that froze its
    # objects first (the workers' collections then leave the pages they share alone). A second
    # run, every source fetched before and nothing changed, starts none.
    body = (ROOT / "samples/feeds/border-crisis.xml").read_bytes()
    unseen = round(BATCH_WORTH_SECONDS / FIRST_PARSE_SECONDS)
    sources = [{"name": f"feed-{n}", "kind": "feed", "allow_private": True,
                "url": feed_server.add(f"/feed-{n}.xml", body, content_type="application/rss+xml")}
               for n in range(unseen)]
    config = make_config(sources, parse_processes=0)
    driver = tmp_path / "recording_run.py"
    driver.write_text(_RECORDING_RUN, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MONITOR_CONFIG", None)

    def run_once() -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, str(driver), "run", "--once", "--config", str(config)],
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done

    first = run_once()
    assert first.stderr.count("POOL STARTED") == 1
    assert "POOL STARTED fork pipeline imported: True frozen: True collecting: True" in first.stderr
    assert f"{unseen} source(s):" in first.stdout and "0 error(s)" in first.stdout
    assert " 0 alert(s)" not in first.stdout  # the workers matched the rules they were sent
    second = run_once()
    assert "POOL STARTED" not in second.stderr
    assert "0 new" in second.stdout and "0 error(s)" in second.stdout


def test_documents_that_are_not_feeds_fail_alone_in_a_run_once_with_parse_workers(make_config, feed_server,
                                                                                  tmp_path: Path) -> None:
    # Their ParseError comes back from the worker as their one line; the other sources parsed by
    # the same workers meanwhile are stored, and the run ends (it hung when the pool broke).
    body = (ROOT / "samples/feeds/border-crisis.xml").read_bytes()
    sources = [{"name": f"feed-{n}", "kind": "feed", "allow_private": True,
                "url": feed_server.add(f"/feed-{n}.xml", body, content_type="application/rss+xml")} for n in range(8)]
    sources += [{"name": f"page-{n}", "kind": "feed", "allow_private": True,
                 "url": feed_server.add(f"/page-{n}.xml", b"<html><body><p>Moved.</p></body></html>",
                                        content_type="application/rss+xml")} for n in range(4)]
    config = make_config(sources, parse_processes=2)
    env = dict(os.environ)
    env.pop("MONITOR_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", "monitor", "run", "--once", "--config", str(config)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "12 source(s):" in done.stdout and "4 error(s)" in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "workers lost" not in done.stderr, done.stderr
    failed = [line for line in done.stderr.splitlines() if "outcome=error" in line]
    assert len(failed) == 4 and all("page-" in line and 'error="feed: ' in line for line in failed), failed
