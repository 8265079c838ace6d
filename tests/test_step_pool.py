"""The step pool: queued steps are taken by stage (a run's commit before another's parse before a new
run's first read), in order within a stage, by at most its threads; queued work survives shutdown
and the interpreter's exit."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import CancelledError
from pathlib import Path

import pytest

from monitor.step_pool import CONTINUE, FINISH, START, StepPool

ROOT = Path(__file__).resolve().parent.parent


def _blocked(pool: StepPool, threads: int) -> threading.Event:
    """Occupy every thread of the pool until the returned event is set."""
    release, started = threading.Event(), threading.Semaphore(0)

    def hold() -> None:
        started.release()
        release.wait(10)

    for _ in range(threads):
        pool.submit_at(FINISH, hold)
    for _ in range(threads):
        assert started.acquire(timeout=10)
    return release


def test_queued_steps_run_by_stage_then_in_the_order_they_came() -> None:
    pool = StepPool(1)
    try:
        release = _blocked(pool, 1)
        ran: list[str] = []
        futures = [pool.submit_at(stage, ran.append, name) for stage, name in [
            (START, "plan a"), (CONTINUE, "parse a"), (START, "plan b"), (FINISH, "commit a"),
            (CONTINUE, "parse b"), (FINISH, "commit b")]]
        futures.append(pool.submit(ran.append, "parse c"))  # submit: a step in the middle of a run
        release.set()
        for future in futures:
            future.result(timeout=10)
        assert ran == ["commit a", "commit b", "parse a", "parse b", "parse c", "plan a", "plan b"]
    finally:
        pool.shutdown()


def test_at_most_its_threads_run_at_once_until_it_grows() -> None:
    pool = StepPool(2)
    try:
        lock, running, most = threading.Lock(), [0], [0]

        def step() -> None:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.05)
            with lock:
                running[0] -= 1

        for future in [pool.submit(step) for _ in range(8)]:
            future.result(timeout=10)
        assert most[0] == 2 and pool.threads == 2
        pool.grow(4)
        pool.grow(3)  # never shrinks
        most[0] = 0
        for future in [pool.submit(step) for _ in range(12)]:
            future.result(timeout=10)
        assert most[0] == 4 and pool.threads == 4
    finally:
        pool.shutdown()


def test_a_step_that_fails_hands_its_exception_to_its_caller_and_the_thread_goes_on() -> None:
    pool = StepPool(1)
    try:
        with pytest.raises(ZeroDivisionError):
            pool.submit(lambda: 1 / 0).result(timeout=10)
        assert pool.submit(sum, [1, 2]).result(timeout=10) == 3
    finally:
        pool.shutdown()


def test_shutdown_runs_the_queued_steps_or_cancels_them_and_takes_no_new_ones() -> None:
    pool = StepPool(1)
    release = _blocked(pool, 1)
    queued = [pool.submit(lambda n=n: n) for n in range(3)]
    threading.Timer(0.1, release.set).start()
    pool.shutdown(wait=True)
    assert [f.result(timeout=0) for f in queued] == [0, 1, 2]
    with pytest.raises(RuntimeError):
        pool.submit(len, "")

    pool = StepPool(1)
    release = _blocked(pool, 1)
    queued = [pool.submit(lambda n=n: n) for n in range(3)]
    pool.shutdown(wait=False, cancel_futures=True)
    release.set()
    for future in queued:
        with pytest.raises(CancelledError):
            future.result(timeout=10)


def test_steps_queued_when_the_interpreter_exits_are_still_done(tmp_path: Path) -> None:
    done = tmp_path / "done.txt"
    script = ("import sys, time\n"
              "from monitor.step_pool import StepPool\n"
              "pool = StepPool(1)\n"
              "def write(path):\n"
              "    time.sleep(0.2)\n"
              "    with open(path, 'a') as f: f.write('x')\n"
              "for _ in range(3): pool.submit(write, sys.argv[1])\n")  # the script ends: the steps are queued
    subprocess.run([sys.executable, "-c", script, str(done)], check=True, cwd=ROOT, timeout=60)
    assert done.read_text() == "xxx"
