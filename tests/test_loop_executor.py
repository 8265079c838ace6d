"""The daemon's executor for source jobs: coroutines on the process's event loop, at most a set
number started at once, the rest run in order as earlier ones end (jobs.scheduler.LoopExecutor),
driven by a real APScheduler BackgroundScheduler."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from jobs.scheduler import LoopExecutor
from monitor.config import load_text


class Runs:
    """What the jobs saw: how many ran at once at most, and in which order they started."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.order: list[str] = []
        self.release = threading.Event()

    async def job(self, name: str) -> str:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
            self.order.append(name)
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        with self.lock:
            self.now -= 1
        if name == "fails":
            raise ValueError("this job fails")
        return name


def _scheduler(executor: LoopExecutor) -> BackgroundScheduler:
    return BackgroundScheduler(executors={"default": executor}, timezone="UTC",
                               job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": 300})


def _wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_no_more_runs_than_the_limit_start_and_the_rest_run_in_order() -> None:
    runs, executor = Runs(), LoopExecutor(limit=3)
    scheduler = _scheduler(executor)
    done: list[str] = []
    errors: list[str] = []

    def heard(event: JobExecutionEvent) -> None:
        (errors if event.exception else done).append(event.job_id)

    scheduler.add_listener(heard, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    now = datetime.now(timezone.utc)
    names = [f"s{i:02d}" for i in range(10)] + ["fails"]
    for offset, name in enumerate(names):
        scheduler.add_job(runs.job, IntervalTrigger(seconds=3600, timezone="UTC"), args=[name], id=name,
                          next_run_time=now + timedelta(milliseconds=offset))
    scheduler.start()
    try:
        # Submitted is not yet started: the loop runs the three coroutines' first steps a moment later.
        _wait_for(lambda: executor.waiting == len(names) - 3 and len(runs.order) == 3)
        assert runs.most == 3 and runs.order == names[:3]
        runs.release.set()
        _wait_for(lambda: len(done) + len(errors) == len(names))
    finally:
        runs.release.set()  # a failed check above must fail the test, not leave shutdown waiting for ever
        scheduler.shutdown(wait=True)
    assert runs.most == 3
    assert runs.order == names  # the waiting ones start in the order they fell due
    assert sorted(done) == names[:-1] and errors == ["fails"]  # a failed run frees its place too
    assert executor.waiting == 0


def test_a_waiting_job_counts_as_running_so_its_next_tick_is_coalesced() -> None:
    runs, executor = Runs(), LoopExecutor(limit=1)
    scheduler = _scheduler(executor)
    missed: list[str] = []
    scheduler.add_listener(lambda event: missed.append(event.job_id), 2 ** 16)  # EVENT_JOB_MAX_INSTANCES
    now = datetime.now(timezone.utc)
    scheduler.add_job(runs.job, IntervalTrigger(seconds=3600, timezone="UTC"), args=["first"], id="first",
                      next_run_time=now)
    scheduler.add_job(runs.job, IntervalTrigger(seconds=0.2, timezone="UTC"), args=["often"], id="often",
                      next_run_time=now + timedelta(milliseconds=5))
    scheduler.start()
    try:
        _wait_for(lambda: "often" in missed)  # ticks while it waited were skipped, not queued again
        assert executor.waiting == 1 and runs.order == ["first"]
    finally:
        runs.release.set()
        scheduler.shutdown(wait=True)


def test_shutdown_waits_for_started_runs_and_drops_the_waiting_ones() -> None:
    runs, executor = Runs(), LoopExecutor(limit=2)
    scheduler = _scheduler(executor)
    now = datetime.now(timezone.utc)
    for i in range(5):
        scheduler.add_job(runs.job, IntervalTrigger(seconds=3600, timezone="UTC"), args=[f"s{i}"], id=f"s{i}",
                          next_run_time=now)
    scheduler.start()
    _wait_for(lambda: executor.waiting == 3)
    threading.Timer(0.3, runs.release.set).start()
    began = time.monotonic()
    scheduler.shutdown(wait=True)
    assert time.monotonic() - began >= 0.25  # it waited for the two started runs to end
    assert runs.now == 0 and len(runs.order) == 2 and executor.waiting == 0


def test_the_limit_follows_max_fetches() -> None:
    settings = load_text("", "config.toml").settings
    assert settings.runs_in_flight == 4 * settings.max_fetches
    assert replace(settings, max_fetches=1, workers=8).runs_in_flight == 8
