"""The worker processes' side: how they are started (forked or spawned), what each runs as it starts
(quiet_worker: signals ignored, a lower priority, the parent watched, the parsers imported) and first
(first_task), how a parse's result and CPU time come back (timed) and a failure with it
(fit_to_travel), and how a broken pool's workers are killed."""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import Any, TypeVar

from monitor import logs

T = TypeVar("T")


# What the workers run (monitor.analysis.prepare and analyse_items): imported by each worker as it
# starts, so that its imports are over before its first document, not paid under it.
WORKER_MODULE = "monitor.analysis"
# Parsing yields the CPU to the process that owns the pool: that process fetches (on time, one
# request per host at a time) and stores, and a run's last documents wait on its store, not on
# their parse. Alternated runs of `run --once` (5,000 new items, 2 cores): 0.15-0.2 s off 5.8 s.
# Where the scheduler groups processes (a session's autogroup, a service's cgroup: most Linux
# systems), niceness orders those of one group only: next to other programs, the workers keep their share.
WORKER_NICENESS = 5


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


def quiet_worker(parent: int, logging_as: tuple[str, str] | None = None, preload: str | None = None) -> None:
    """A worker's initializer: it lives as long as its parent (`parent`'s pid) and no longer, logs as
    its parent does (`logging_as`), and imports the parsers (`preload`) before its first document."""
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


def kill_workers(broken: Executor) -> None:
    """Kill the workers a broken pool has left. The executor ends them with SIGTERM, which they
    ignore (quiet_worker), then waits for them: one blocked writing its result to a pipe that
    nobody reads any more (the pool broke meanwhile) held that wait, and the process's exit, forever.
    The documents they had are failed already."""
    # ProcessPoolExecutor's own dict of its processes (pid → Process), the only handle it keeps on
    # them; unset elsewhere than CPython's executor, where there is nothing to kill.
    for process in list((getattr(broken, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):  # gone already, or closed
            pass


def first_task() -> None:
    """A worker's first task: done once that worker has started (imports and initializer run)."""


def timed(fn: Callable[..., T], args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[T, float]:
    """In the worker: fn's result and the CPU time it took, which the parent counts as load."""
    began = time.thread_time()
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:
        travelling = fit_to_travel(exc)
        if travelling is exc:
            raise
        raise travelling from exc
    return result, time.thread_time() - began


def fit_to_travel(exc: Exception) -> Exception:
    """`exc`, or a RuntimeError saying the same when `exc` would not come back from the worker.

    An exception is pickled as its class and `args`, and made again by calling the class with
    them: one whose __init__ takes other arguments (a library's, as MonitorError's subclasses did)
    fails in the parent, where it breaks the pool for every document in flight."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
