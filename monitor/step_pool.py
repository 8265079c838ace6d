"""The threads that run the blocking steps of source runs (reading the store, parsing, committing),
taking queued steps by stage: a run's last step before another run's middle, before a new run's first.

concurrent.futures.ThreadPoolExecutor takes work in the order it came. When a hundred sources start
at once (`monitor run --once`, a daemon's first cycle), a hundred parse steps are queued before the
first commit is: every commit then waits for the last parse, the store's process sits idle while the
parse processes work and the other way round, and each result is held in memory until the end. By
stage, a parsed document is committed as soon as a thread is free; the parsing goes on alongside.
A new run's first step cannot wait for ever: later steps only come from runs already started, and
those are bounded (settings.runs_in_flight), so the queue ahead of it drains.
"""

from __future__ import annotations

import atexit
import itertools
import queue
import threading
import weakref
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

T = TypeVar("T")

# Stages, most urgent first (a lower number is taken first; equal ones in the order they came).
FINISH = 0  # the step that ends a run (its commit): what it holds is freed, its alerts go out
CONTINUE = 1  # a step in the middle of a run (parsing what was fetched)
START = 2  # the first step of a run (reading what the store knows of its source)

_STOP = 1 << 30  # after every step queued before the pool's shutdown


@dataclass(slots=True)
class _Step:
    future: Future[Any]
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def run(self) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # the caller's to see, as ThreadPoolExecutor does
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


class StepPool(Executor):
    """At most `threads` threads (started as work arrives), taking queued work by stage, then in order.

    `submit` queues at CONTINUE; `submit_at` at a given stage. Threads are daemon threads, but work
    queued before the interpreter exits is still done: an exit handler shuts the pool down and waits."""

    def __init__(self, threads: int, name: str = "step") -> None:
        if threads < 1:
            raise ValueError("a step pool needs at least one thread")
        self._limit = threads
        self._name = name
        self._queue: queue.PriorityQueue[tuple[int, int, _Step | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._idle = threading.Semaphore(0)
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._closed = False
        pool = weakref.ref(self)
        atexit.register(_finish_at_exit, pool)

    @property
    def threads(self) -> int:
        """How many threads it may start."""
        return self._limit

    def grow(self, threads: int) -> None:
        """Let it start up to `threads` threads (never fewer than it may already)."""
        with self._lock:
            self._limit = max(self._limit, threads)

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self.submit_at(CONTINUE, fn, *args, **kwargs)

    def submit_at(self, stage: int, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Queue fn(*args, **kwargs) at a stage (FINISH, CONTINUE, START); its future."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new steps after shutdown")
            self._queue.put((stage, next(self._order), _Step(future, fn, args, kwargs)))
            # A thread that finished its step and waits for another counts as idle: it takes this one.
            if not self._idle.acquire(blocking=False) and len(self._threads) < self._limit:
                thread = threading.Thread(target=self._work, name=f"{self._name}_{len(self._threads)}", daemon=True)
                self._threads.append(thread)
                thread.start()
        return future

    def _work(self) -> None:
        while True:
            _, _, step = self._queue.get()
            if step is None:
                return
            step.run()
            del step  # not kept alive (with its result) while this thread waits
            self._idle.release()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """No new steps; the queued ones are still run (or cancelled, with `cancel_futures`); then the
        threads end (waited for, with `wait`)."""
        with self._lock:
            if self._closed:
                threads = list(self._threads)
            else:
                self._closed = True
                if cancel_futures:
                    self._cancel_queued()
                threads = list(self._threads)
                for _ in threads:
                    self._queue.put((_STOP, next(self._order), None))
        if wait:
            for thread in threads:
                if thread is not threading.current_thread():
                    thread.join()

    def _cancel_queued(self) -> None:
        kept: list[tuple[int, int, _Step | None]] = []
        while True:
            try:
                entry = self._queue.get_nowait()
            except queue.Empty:
                break
            if entry[2] is None:
                kept.append(entry)
            else:
                entry[2].future.cancel()
        for entry in kept:
            self._queue.put(entry)


def _finish_at_exit(pool: weakref.ref[StepPool]) -> None:
    alive = pool()
    if alive is not None:
        alive.shutdown(wait=True)
