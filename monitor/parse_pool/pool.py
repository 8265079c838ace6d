"""ParsePool: a parse function run in the calling thread or in worker processes, which it starts
while parsing needs them and stops once it no longer does (the package's docstring)."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import BrokenExecutor, Executor, Future
from contextlib import contextmanager
from typing import Any, TypeVar

from monitor.parse_pool.load import MIN_RUN_SECONDS, START_WINDOW_SECONDS, WINDOW_SECONDS, Batch, wants_processes
from monitor.parse_pool.workers import first_task, kill_workers, timed

T = TypeVar("T")
log = logging.getLogger(__name__)


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
        self._batch: Batch | None = None
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
            self._batch = Batch(sources, unseen)
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
            ongoing, self._batch = self._batch, Batch(sources, unseen)
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
            result, cpu = executor.submit(timed, fn, args, kwargs).result()
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
        kill_workers(broken)
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
        # Each first_task makes the executor spawn one more worker while none is idle: all of them start
        # now, their imports side by side, not the second only once the first is busy.
        self._up = self._executor.submit(first_task)
        for _ in range(self._processes - 1):
            self._executor.submit(first_task)
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
