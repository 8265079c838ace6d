"""The process's event loop: one asyncio loop on a thread of its own, for the network.

Every fetch of the process is a task on this loop (monitor.fetch), so a fetch that waits on a
server holds no thread: ten thousand sources cost ten thousand small tasks, not ten thousand
stacks. The daemon's source jobs are coroutines on it too (jobs.scheduler.LoopExecutor); the
work of theirs that blocks (the store, parsing) goes to the loop's step pool (`in_thread`; a
monitor.step_pool.StepPool, which takes a run's commit before another's parse before a new run's
first read), sized by `reserve_threads` (the fetcher keeps its own threads for name resolution
and robots.txt: see monitor.fetch).

Synchronous callers (the CLI, `monitor run --once`, a full-text page fetched while a feed is being
parsed) use `run`, which waits in the calling thread for a coroutine on the loop. The loop is
made on first use and again in a forked child (a fork copies the loop object but not its thread).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
from collections.abc import Coroutine
from typing import Any, Callable, TypeVar

from monitor.step_pool import CONTINUE, StepPool

T = TypeVar("T")

DEFAULT_THREADS = 4  # in a process that reserved none


class _Loop:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        self.steps = StepPool(DEFAULT_THREADS, name="step")
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), name="network", daemon=True)
        self.thread.start()
        ready.wait()

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(ready.set)
        self.loop.run_forever()


_current: _Loop | None = None
_guard = threading.Lock()


def _get() -> _Loop:
    global _current
    current = _current
    if current is not None and current.pid == os.getpid():
        return current
    with _guard:
        if _current is None or _current.pid != os.getpid():
            _current = _Loop()
        return _current


def loop() -> asyncio.AbstractEventLoop:
    """The process's event loop, running on its own thread."""
    return _get().loop


def on_loop() -> bool:
    """Whether the calling thread is the loop's."""
    current = _current
    return current is not None and current.thread is threading.current_thread()


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on the loop and wait for its result in this thread (never the loop's own)."""
    if on_loop():
        coroutine.close()
        raise RuntimeError("monitor.aio.run called from the event loop's thread: await the coroutine instead")
    return asyncio.run_coroutine_threadsafe(coroutine, loop()).result()


def submit(coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
    """Start a coroutine on the loop; its future, to wait on from any thread but the loop's."""
    return asyncio.run_coroutine_threadsafe(coroutine, loop())


async def in_thread(function: Callable[..., T], *args: Any, stage: int = CONTINUE) -> T:
    """Run a blocking function on the loop's step pool, at a stage of its run (monitor.step_pool's
    FINISH, CONTINUE, START), and await its result."""
    return await asyncio.wrap_future(_get().steps.submit_at(stage, function, *args))


def reserve_threads(count: int) -> None:
    """Let the loop's step pool run at least `count` steps at once (the daemon's `workers`)."""
    _get().steps.grow(count)
