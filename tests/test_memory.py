"""monitor.memory: the memory a burst freed goes back to the system."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from monitor.memory import _malloc_trim, _mallopt

# A fresh process (a clean heap): four threads each allocate 20,000 blocks of 2 KB (malloc, not
# Python's small-object allocator), all at the same time, and keep one in ten, as a burst of fetches leaves a few objects
# behind; the rest is freed but pinned inside glibc's heaps. The resident size is printed after the
# burst and after release_free_memory().
BURST = textwrap.dedent("""
    import os
    import threading
    from monitor.memory import release_free_memory

    def resident_mb():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGESIZE") / 2**20

    kept = []
    # All four hold their blocks at once before freeing them, however the threads are scheduled: on
    # a busy machine, one thread finishing before the next began reused the freed blocks, and the
    # burst was a quarter of its size (the test failed now and then in a full parallel run).
    together = threading.Barrier(4)
    def burst():
        blocks = [bytearray(2048) for _ in range(20_000)]
        together.wait()
        kept.extend(blocks[::10])
    threads = [threading.Thread(target=burst) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    before = resident_mb()
    released = release_free_memory()
    print(before, resident_mb(), released, len(kept))
""")


@pytest.mark.skipif(_malloc_trim() is None, reason="needs glibc's malloc_trim")
def test_the_memory_a_burst_freed_goes_back_to_the_system() -> None:
    out = subprocess.run([sys.executable, "-c", BURST], capture_output=True, text=True, check=True).stdout.split()
    before, after, released = float(out[0]), float(out[1]), out[2]
    # 160 MB were allocated, 16 MB of it is still in use.
    assert released == "True"
    assert before - after > 60, (before, after)


def test_the_daemon_releases_memory_every_minute_on_its_maintenance_thread(make_config) -> None:
    from datetime import datetime, timezone

    from jobs.scheduler import MAINTENANCE_EXECUTOR, build_scheduler
    from monitor import config as config_file

    config = config_file.load(make_config())
    job = {job.id: job for job in build_scheduler(config, datetime.now(timezone.utc)).get_jobs()}["release_memory"]
    assert job.executor == MAINTENANCE_EXECUTOR
    assert job.trigger.interval.total_seconds() == 60
    job.func(*job.args)  # runs and never raises


def test_a_worker_runs_a_job_of_its_own_on_a_timer_until_cancelled() -> None:
    # A `monitor worker`'s periodic work runs once across the cluster (procrastinate periodic
    # tasks); releasing memory is per process, so each worker runs it on a timer of its own
    # (jobs.queue.every, started by run_worker).
    import asyncio
    import threading

    from jobs import queue

    calls: list[tuple[str, int]] = []

    def job(config_path: str) -> None:
        calls.append((config_path, threading.get_ident()))

    async def run() -> int:
        task = asyncio.create_task(queue.every(0.3, job, "config.toml"))
        await asyncio.sleep(0.1)
        assert calls == [], "the first call comes after one interval, not at once"
        for _ in range(200):  # three calls, however slow the machine
            if len(calls) >= 3:
                break
            await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        seen = len(calls)
        await asyncio.sleep(0.7)
        return seen

    seen = asyncio.run(run())
    assert seen >= 3 and len(calls) == seen, "no call after the timer is cancelled"
    assert {path for path, _ in calls} == {"config.toml"}
    assert threading.get_ident() not in {thread for _, thread in calls}, "the job ran on the loop's thread"


# A fresh process: eight threads, alive together, each allocating through malloc (blocks above
# Python's small-object size); the arenas glibc then has are counted in malloc_info's report.
ARENAS = textwrap.dedent("""
    import ctypes, re, sys, threading
    from monitor.memory import limit_arenas

    limited = limit_arenas(2) if sys.argv[1] == "limit" else None
    libc = ctypes.CDLL(None)
    libc.open_memstream.restype = ctypes.c_void_p
    together = threading.Barrier(8)
    kept = []

    def work():
        kept.append([bytes(10_000) for _ in range(100)])
        together.wait()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    text, size = ctypes.c_char_p(), ctypes.c_size_t()
    stream = libc.open_memstream(ctypes.byref(text), ctypes.byref(size))
    libc.malloc_info(0, ctypes.c_void_p(stream))
    libc.fclose(ctypes.c_void_p(stream))
    print(limited, len(re.findall(rb"<heap nr=", ctypes.string_at(text, size.value))))
""")


@pytest.mark.skipif(_mallopt() is None, reason="needs glibc's mallopt")
def test_the_arenas_a_process_shares_among_its_threads_can_be_limited() -> None:
    def arenas(mode: str) -> tuple[str, int]:
        out = subprocess.run([sys.executable, "-c", ARENAS, mode], capture_output=True, text=True, check=True)
        limited, count = out.stdout.split()
        return limited, int(count)

    assert arenas("limit") == ("True", 2)
    assert arenas("free")[1] > 4  # glibc's own limit is eight per core


def test_the_daemon_limits_its_arenas_before_its_threads_start(make_config, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from monitor import config as config_file
    from monitor import daemon
    from monitor.memory import DAEMON_ARENAS

    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(daemon, "limit_arenas", lambda count: asked.append((count, threading.active_count())))

    class Stop(Exception):
        pass

    def prepare(*_args: object) -> None:
        raise Stop  # the daemon's first step after the limit: nothing more of it is needed here

    monkeypatch.setattr(daemon, "prepare", prepare)
    with pytest.raises(Stop):
        daemon.run(config_file.load(make_config()), None)  # type: ignore[arg-type]
    assert asked == [(DAEMON_ARENAS, threading.active_count())]


def test_a_distributed_worker_limits_its_arenas_before_its_threads_start(make_config,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from jobs import queue
    from monitor import config as config_file
    from monitor.memory import DAEMON_ARENAS

    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(queue, "limit_arenas", lambda count: asked.append((count, threading.active_count())))

    class Stop(Exception):
        pass

    def build_app(*_args: object, **_kwargs: object) -> None:
        raise Stop  # the worker's first step after the limit: no PostgreSQL is needed to see the order

    monkeypatch.setattr(queue, "build_app", build_app)
    with pytest.raises(Stop):
        queue.run_worker(config_file.load(make_config()))
    assert asked == [(DAEMON_ARENAS, threading.active_count())]
