"""Where documents are parsed: in the calling thread, or in worker processes when parsing needs
more than the one core the threads share.

Worker processes cost memory whether they work or not (each imports the parsers: ~50 MB resident),
and a daemon watching thousands of feeds that mostly answer 304 parses a document every few
seconds. So the automatic pool (`parse_processes = 0`) starts its processes only while parsing
takes a large share of a core (a cold start, a burst of new items: half a core over the last ten
seconds; in a batch, `monitor run --once`, as soon as its parsing still to come, extrapolated from
its runs so far, would take two seconds or more, and at its start when enough of its sources were never
fetched, each a first parse of a whole feed to come: see `batch`), and stops them once it
no longer does (under a twentieth of a core over a minute); a configured number of processes (2 or
more) is kept for the process's life.

Starting the processes costs each a second or so of imports, all at once so that they overlap,
unless they are forked from a process that has them already (start_method: `monitor run --once`
starts them with start_for once the pipeline is imported, before its first thread).
Until the first of them is up, one document at a time is parsed in a calling thread, and the others
are queued for the workers: several parsed here at once share this process's one core for the
interpreter, each taking as long as all of them together (a quarter more CPU in all, from switching
between them), and the workers, once up, sat idle while the threads that would feed them finished.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from monitor import logs

if TYPE_CHECKING:
    from monitor.models import Config

T = TypeVar("T")
log = logging.getLogger(__name__)

START_WINDOW_SECONDS = 10.0  # processes start when parsing took half a core over this much time…
START_SHARE = 0.5
WINDOW_SECONDS = 60.0  # …and stop when it took under a twentieth of a core over this much,
STOP_SHARE = 0.05
MIN_RUN_SECONDS = 300.0  # after running at least this long (starting them costs a second or two)
BATCH_WORTH_SECONDS = 2.0  # a batch's parsing still to come that is worth their start (~1 s each)
# A source never fetched before, before anything is parsed: a news feed's first document, a few dozen
# entries (one of bench_peer's, 50 full articles in 300 KB, takes 0.15-0.3 s on the 2-core benchmark
# machine; a feed of teasers far less): 40 of them start the processes.
FIRST_PARSE_SECONDS = 0.05


def wants_processes(recent_busy: float, recent_window: float, busy: float, window: float, running: bool,
                    running_for: float, min_run: float = MIN_RUN_SECONDS, to_come: float = 0.0) -> bool:
    """Whether parsing should run in worker processes, given the CPU seconds parses took over the last
    `recent_window` seconds (to start them) and the last `window` (to stop them), whether (and
    for how long) the processes have been running, and the CPU seconds a batch in progress is
    still expected to parse (batch_to_come; 0 outside a batch)."""
    if not running:
        return to_come >= BATCH_WORTH_SECONDS or recent_busy / recent_window >= START_SHARE
    return busy / window >= STOP_SHARE or running_for < min_run


def batch_to_come(sources: int, parsed: int, busy: float, finished: int = 0, unseen: int = 0) -> float:
    """The CPU seconds a batch's parsing still needs, extrapolated from its runs so far: `busy` CPU
    seconds for `parsed` documents, while `finished` of its `sources` runs have ended. Runs that
    parsed nothing (a 304, the same bytes again) count once they have ended: in a routine run of
    thousands of sources, most of them unchanged, one document parsed is not thousands to come.
    Before any parse, only the `unseen` sources (never fetched: their whole feed is new) say
    something: FIRST_PARSE_SECONDS each."""
    if parsed == 0:
        return unseen * FIRST_PARSE_SECONDS
    seen = max(parsed, finished)  # more documents than ended runs: runs in flight, or a folder's files
    return max(sources - seen, 0) * busy / seen


@dataclass
class _Batch:
    """A batch of runs in progress (`ParsePool.batch`) and what its runs have parsed so far."""

    sources: int
    unseen: int = 0  # sources never fetched before
    parsed: int = 0
    busy: float = 0.0  # CPU seconds of its parses
    finished: int = 0  # runs ended, whether they parsed anything or not

    def to_come(self) -> float:
        return batch_to_come(self.sources, self.parsed, self.busy, self.finished, self.unseen)


# What the workers run (monitor.analysis.prepare and analyse_items): imported by each worker as it
# starts, so that its imports are over before its first document, not paid under it.
WORKER_MODULE = "monitor.analysis"
# Parsing yields the CPU to the process that owns the pool: that process fetches (on time, one
# request per host at a time) and stores, and a run's last documents wait on its store, not on
# their parse. Alternated runs of `run --once` (5,000 new items, 2 cores): 0.15-0.2 s off 5.8 s.
# Where the scheduler groups processes (a session's autogroup, a service's cgroup: most Linux
# systems), niceness orders those of one group only: next to other programs, the workers keep their share.
WORKER_NICENESS = 5


def parse_pool_for(config: Config) -> ParsePool | None:
    """Where documents are parsed, as settings.parse_processes says: 0, worker processes (one per
    core) while parsing needs them (the module's docstring); 1, always in the calling thread (None);
    N, N processes for the process's life (started as start_method() says when they start)."""
    wanted = config.settings.parse_processes
    adaptive = wanted == 0
    if adaptive:
        wanted = os.cpu_count() or 1
    if wanted <= 1:
        return None
    owner = os.getpid()

    def make() -> Executor:
        return ProcessPoolExecutor(max_workers=wanted, mp_context=multiprocessing.get_context(start_method()),
                                   initializer=_quiet_worker, initargs=(owner, logs.configured(), WORKER_MODULE))

    return ParsePool(make, adaptive=adaptive, processes=wanted)


def start_method() -> str:
    """How workers are started from this process now: forked while it has no other thread, else spawned.

    A forked worker starts with every module its parent imported (`monitor run --once` makes its pool
    once the pipeline is imported, before its first thread: no imports of the workers' own, 0.4 s of
    CPU a run). fork() of a process with threads can copy a lock another thread holds, and the
    daemon has threads by the time its pool starts workers: they are spawned, fresh interpreters
    that import what they need. Spawned or forked, workers are plain children of this process (so
    its pid is their parent's). Threads of C libraries are not counted: numpy's OpenBLAS stops its
    own around a fork, and the workers make no BLAS calls. Only on Linux: on macOS the system's
    libraries are not safe to use in a forked child.
    """
    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def _quiet_worker(parent: int, logging_as: tuple[str, str] | None = None, preload: str | None = None) -> None:
    # The parent process decides when to stop; a SIGINT or SIGTERM sent to the whole process
    # group (Ctrl-C, systemd's default KillMode) must not kill a worker under a document. A worker
    # whose parent died without stopping it (SIGKILL) ends itself: its blocking read of the task
    # queue does not end with the parent (the workers hold that pipe's write end too).
    # `parent` is the pool owner's pid, taken when the pool was made, not os.getppid() here: a
    # spawned worker runs this only after the interpreter's start and this module's imports, and a
    # parent killed in the meantime has already handed it to init (or a subreaper), whose pid
    # getppid() then gives.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    os.nice(WORKER_NICENESS)
    if logging_as is not None:  # a spawned worker starts unconfigured: log as the parent does (json…)
        logs.configure(*logging_as)
    if os.getppid() != parent:
        os._exit(0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.25)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if preload is not None:
        importlib.import_module(preload)


def _kill_workers(broken: Executor) -> None:
    """Kill the workers a broken pool has left. The executor ends them with SIGTERM, which they
    ignore (_quiet_worker), then waits for them: one blocked writing its result to a pipe that
    nobody reads any more (the pool broke meanwhile) held that wait, and the process's exit, forever.
    The documents they had are failed already."""
    # ProcessPoolExecutor's own dict of its processes (pid → Process), the only handle it keeps on
    # them; unset elsewhere than CPython's executor, where there is nothing to kill.
    for process in list((getattr(broken, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):  # gone already, or closed
            pass


def _up() -> None:
    """A worker's first task: done once that worker has started (imports and initializer run)."""


def _timed(fn: Callable[..., T], args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[T, float]:
    # In the worker: the result and the CPU time it took, which the parent counts as load.
    began = time.thread_time()
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:
        travelling = _travelling(exc)
        if travelling is exc:
            raise
        raise travelling from exc
    return result, time.thread_time() - began


def _travelling(exc: Exception) -> Exception:
    """`exc`, or a RuntimeError saying the same when `exc` would not come back from the worker.

    An exception is pickled as its class and `args`, and made again by calling the class with
    them: one whose __init__ takes other arguments (a library's, as MonitorError's subclasses did)
    fails in the parent, where it breaks the pool for every document in flight."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class ParsePool:
    """Runs a parse function in this thread or in worker processes (see the module's docstring).

    `make_executor` makes the process pool when it is wanted, with `processes` workers; `adaptive=False`
    makes it at the first call and keeps it. Thread-safe: the daemon's worker threads share one."""

    def __init__(self, make_executor: Callable[[], Executor], adaptive: bool = True,
                 clock: Callable[[], float] = time.monotonic, window: float = WINDOW_SECONDS,
                 min_run: float = MIN_RUN_SECONDS, processes: int = 1) -> None:
        self._make_executor = make_executor
        self._processes = processes
        self._adaptive = adaptive
        self._clock = clock
        self._window = window
        self._recent_window = min(START_WINDOW_SECONDS, window)
        self._min_run = min_run
        self._lock = threading.Lock()
        self._executor: Executor | None = None
        self._up: Future[None] | None = None  # done once a worker of the executor has started
        self._batch: _Batch | None = None
        self._started_at = 0.0
        self._in_flight = 0
        self._here = 0  # calls parsing in a calling thread now
        self._load: deque[tuple[float, float]] = deque()  # (when a parse ended, its CPU seconds)
        self._busy = 0.0
        self._recent: deque[tuple[float, float]] = deque()  # the same, over the start window
        self._recent_busy = 0.0
        self._closed = False
        self.starts = 0  # how many times the processes were started (for tests and logs)
        self.in_workers = 0  # how many calls ran in a worker process (for tests and benchmarks)

    @classmethod
    def of(cls, executor: Executor) -> ParsePool:
        """A pool that always uses a given executor (benchmarks, tests)."""
        return cls(lambda: executor, adaptive=False)

    @property
    def running(self) -> bool:
        with self._lock:
            return self._executor is not None

    @contextmanager
    def batch(self, sources: int, unseen: int = 0) -> Iterator[None]:
        """Within it, a batch of `sources` runs is in progress (`monitor run --once`), `unseen` of
        them of sources never fetched before: the processes start as soon as its parsing still to
        come would take BATCH_WORTH_SECONDS (batch_to_come), not after half a core over ten seconds: a
        run of a hundred feeds is over in about that. When the unseen sources alone are worth it
        (a first run), they start now, while the first fetches are on their way."""
        with self._lock:
            self._batch = _Batch(sources, unseen)
            stale = None if self._closed else self._steer(self._clock())
        if stale is not None:
            stale.shutdown(wait=False)
        try:
            yield
        finally:
            with self._lock:
                self._batch = None

    def start_for(self, sources: int, unseen: int = 0) -> bool:
        """Start the processes now if a batch of `sources` runs, `unseen` of them never fetched, would
        start them as it began (see batch); whether they run. `monitor run --once` calls it before its
        first thread, so that they are forked (start_method); its batch() then finds them running."""
        with self._lock:
            if self._closed or self._executor is not None:
                return self._executor is not None
            now = self._clock()
            ongoing, self._batch = self._batch, _Batch(sources, unseen)
            try:
                if self._wanted(now):
                    self._start(now)
            finally:
                self._batch = ongoing
            return self._executor is not None

    def finished_run(self) -> None:
        """One run of the batch in progress has ended, whether it parsed anything or not."""
        with self._lock:
            if self._batch is not None:
                self._batch.finished += 1

    def run(self, fn: Callable[..., T], *args: Any, here: Mapping[str, Any] | None = None, **kwargs: Any) -> T:
        """fn(*args, **kwargs) where the load says; `here` are keyword arguments for a run in this
        thread only (what cannot or need not travel to a worker, e.g. rules already compiled)."""
        executor = self._take()
        if executor is None:
            began = time.thread_time()
            try:
                return fn(*args, **(here or {}), **kwargs)
            finally:
                self._note(time.thread_time() - began, here=True)
        try:
            result, cpu = executor.submit(_timed, fn, args, kwargs).result()
        except BrokenExecutor:
            # A worker died (the OOM killer, a crash in a parser's C code): the executor refuses
            # every task from now on. This document fails (it may be what killed the worker, so it
            # is not parsed again here); the next ones get new workers when the load wants them.
            self._discard(executor)
            raise
        finally:
            with self._lock:
                self._in_flight -= 1
        self._note(cpu)
        return result

    def _discard(self, broken: Executor) -> None:
        with self._lock:
            if self._executor is not broken:
                return  # another task that met the same death has already dropped it
            self._executor, self._up = None, None
        log.warning("parse workers lost, new ones start when parsing needs them")
        _kill_workers(broken)
        broken.shutdown(wait=False)

    def _take(self) -> Executor | None:
        """The executor for a new task (counted in flight), started or stopped as the load says."""
        with self._lock:
            if self._closed:
                self._here += 1
                return None
            stale = self._steer(self._clock())
            executor = self._executor
            if executor is not None and self._up is not None and not self._up.done() and self._here == 0:
                executor = None  # its workers are still starting: one document is parsed here meanwhile
            if executor is not None:
                self._in_flight += 1
                self.in_workers += 1
            else:
                self._here += 1
        if stale is not None:
            stale.shutdown(wait=False)  # nothing in flight: its workers exit once they read the stop
        return executor

    def _steer(self, now: float) -> Executor | None:
        # Under the lock: start the processes if the load wants them and they are not running; take
        # them away if it no longer does and nothing is in flight (returned, for shutdown outside it).
        running = self._executor is not None
        wanted = self._wanted(now)
        if wanted and not running:
            self._start(now)
        elif not wanted and running and self._in_flight == 0:
            stale, self._executor = self._executor, None
            return stale
        return None

    def _start(self, now: float) -> None:
        # Under the lock, with no processes running.
        self._executor = self._make_executor()
        # Each _up makes the executor spawn one more worker while none is idle: all of them start
        # now, their imports side by side, not the second only once the first is busy.
        self._up = self._executor.submit(_up)
        for _ in range(self._processes - 1):
            self._executor.submit(_up)
        self._started_at = now
        self.starts += 1

    def tidy(self) -> bool:
        """Stop the processes when the load no longer wants them, as a parse would; for a process
        that parses nothing for a while (a daemon whose sources all answer 304). Whether it did."""
        with self._lock:
            if self._executor is None or self._in_flight or self._wanted(self._clock()):
                return False
            stale, self._executor = self._executor, None
        stale.shutdown(wait=False)
        return True

    def _wanted(self, now: float) -> bool:
        # Under the lock: whether processes are wanted now (wants_processes on this pool's load).
        self._expire(now)
        return not self._adaptive or wants_processes(
            self._recent_busy, self._recent_window, self._busy, self._window, self._executor is not None,
            now - self._started_at, self._min_run, self._batch.to_come() if self._batch is not None else 0.0)

    def _note(self, cpu_seconds: float, here: bool = False) -> None:
        with self._lock:
            if here:
                self._here -= 1
            now = self._clock()
            self._load.append((now, cpu_seconds))
            self._busy += cpu_seconds
            self._recent.append((now, cpu_seconds))
            self._recent_busy += cpu_seconds
            if self._batch is not None:
                self._batch.parsed += 1
                self._batch.busy += cpu_seconds
            self._expire(now)

    def _expire(self, now: float) -> None:
        while self._load and self._load[0][0] < now - self._window:
            self._busy -= self._load.popleft()[1]
        if not self._load:
            self._busy = 0.0  # no drift from the float sums
        while self._recent and self._recent[0][0] < now - self._recent_window:
            self._recent_busy -= self._recent.popleft()[1]
        if not self._recent:
            self._recent_busy = 0.0

    def shutdown(self) -> None:
        """Stop the worker processes (waiting for the tasks in flight); later runs parse in-thread."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
