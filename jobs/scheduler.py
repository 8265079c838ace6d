"""Decide when each source runs: one APScheduler interval job per enabled source.

The scheduler is only the clock; the first run of each job is at start (or at the source's stored
next-fetch time when that is later), then every `interval`. One instance of a job at a time; runs
missed while the previous one was still going are coalesced into one.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections import deque
from datetime import datetime, timedelta
from typing import Any

from apscheduler.executors.base import BaseExecutor, run_coroutine_job
from apscheduler.events import (EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED,
                                JobExecutionEvent)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from jobs.ingest import run_source_async
from jobs.maintenance import (DELIVER_EVERY_SECONDS, FLUSH_EVERY_SECONDS, PARSE_POOL_EVERY_SECONDS,
                              PRUNE_EVERY_SECONDS, PRUNE_FIRST_AFTER_SECONDS,
                              RELEASE_MEMORY_EVERY_SECONDS, SILENCES_EVERY_SECONDS, SPIKES_EVERY_SECONDS,
                              checkpoint_store, deliver_notifications, flush_alerts, heartbeat, prune_store,
                              release_memory, stop_idle_parse_workers, watch_sources, watch_spikes)
from monitor import aio, metrics
from monitor.health import HEARTBEAT_EVERY_SECONDS
from monitor.models import Config, FetchRecord, Source
from storage.db import CHECKPOINT_EVERY_SECONDS

log = logging.getLogger(__name__)

MISFIRE_GRACE_SECONDS = 300
# Store maintenance runs on its own thread, so busy source jobs cannot hold the checkpoint back.
MAINTENANCE_EXECUTOR = "maintenance"
NOTIFY_EXECUTOR = "notify"
SOURCE_EXECUTOR = "sources"


class LoopExecutor(BaseExecutor):
    """Runs coroutine jobs on the process's event loop (monitor.aio): a source's run that waits on
    the network is a task, not a thread. What blocks in a run goes to the loop's thread pool,
    `workers` threads (monitor.aio.reserve_threads).

    At most `limit` runs are started at once; the jobs due beyond it wait here, in order, as a
    (job, run times) pair each. Started all at once, ten thousand due runs (a daemon's first minute,
    or sources that fell due together) each held a task, a future and a place in the thread pool's
    queue: ~100 MB at the peak, which the allocator then kept, and every run's next step queued
    behind every other's first. A job waiting here still counts as running for APScheduler, so its
    next tick coalesces with it as it would with a run in flight.

    APScheduler's own AsyncIOExecutor needs an AsyncIOScheduler, whose loop is the caller's; the
    daemon's scheduler is a BackgroundScheduler, and its shutdown has to wait for the runs in
    flight, which AsyncIOExecutor cancels instead.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = max(1, limit)
        self._pending: set[concurrent.futures.Future[Any]] = set()
        self._waiting: deque[tuple[Any, list[datetime]]] = deque()
        self._started = 0  # runs started and not yet done (their futures may not be in _pending yet)
        self._closed = False
        self._guard = threading.Lock()

    @property
    def waiting(self) -> int:
        """Due runs not started yet (over the limit)."""
        with self._guard:
            return len(self._waiting)

    def shutdown(self, wait: bool = True) -> None:
        with self._guard:
            self._closed = True
            self._waiting.clear()  # never started: each source's stored next fetch time still says it is due
            pending = list(self._pending)
        if wait:
            concurrent.futures.wait(pending)

    def _do_submit_job(self, job: Any, run_times: list[datetime]) -> None:
        with self._guard:
            if self._closed:
                return
            if self._started >= self._limit:
                self._waiting.append((job, run_times))
                return
            self._started += 1
        self._start(job, run_times)

    def _start(self, job: Any, run_times: list[datetime]) -> None:
        future = aio.submit(run_coroutine_job(job, job._jobstore_alias, run_times, self._logger.name))
        with self._guard:
            self._pending.add(future)
        future.add_done_callback(lambda finished: self._done(job, finished))

    def _done(self, job: Any, finished: concurrent.futures.Future[Any]) -> None:
        with self._guard:
            self._pending.discard(finished)
            following = self._waiting.popleft() if self._waiting and not self._closed else None
            if following is None:
                self._started -= 1  # else the slot passes to the following run
        try:
            events = finished.result()
        except BaseException as exc:  # cancelled with the loop: APScheduler logs it as the job's error
            self._run_job_error(job.id, exc, exc.__traceback__)
        else:
            self._run_job_success(job.id, events)
        if following is not None:
            self._start(*following)


def _listener(event: JobExecutionEvent) -> None:
    if event.code == EVENT_JOB_EXECUTED:
        # A source job that fetched returns its record; its start against the run time the
        # scheduler meant is the lag (runs waiting for a free worker, a busy scheduler).
        if isinstance(event.retval, FetchRecord):
            metrics.started_late(event.scheduled_run_time, event.retval.started_at)
    elif event.code == EVENT_JOB_ERROR:
        log.error("job failed source=%s error=%r", event.job_id, event.exception)
    elif event.code == EVENT_JOB_MISSED:
        log.warning("job run missed source=%s scheduled=%s", event.job_id, event.scheduled_run_time)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("job still running, run skipped source=%s", event.job_id)


def build_scheduler(config: Config, now: datetime,
                    first_runs: dict[str, datetime] | None = None) -> BackgroundScheduler:
    """A scheduler (not started) with one job per enabled source of the config.

    Jobs get plain arguments (the config file's path, the source name): see jobs.ingest.
    """
    path = str(config.path)
    aio.reserve_threads(config.settings.workers)
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=config.settings.workers),
                   SOURCE_EXECUTOR: LoopExecutor(config.settings.runs_in_flight),
                   MAINTENANCE_EXECUTOR: ThreadPoolExecutor(max_workers=1),
                   NOTIFY_EXECUTOR: ThreadPoolExecutor(max_workers=1)},
        job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
        timezone="UTC",
    )
    scheduler.add_listener(_listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    for source in config.sources:
        if source.enabled:
            _add_source(scheduler, path, source, now, (first_runs or {}).get(source.name, now))
    scheduler.add_job(flush_alerts, IntervalTrigger(seconds=FLUSH_EVERY_SECONDS, timezone="UTC"), args=[path],
                      id="alert-log", name="alert-log", next_run_time=now, replace_existing=True)
    # Its own executor: sends to a slow target must not wait behind fetches, nor hold them up.
    scheduler.add_job(deliver_notifications, IntervalTrigger(seconds=DELIVER_EVERY_SECONDS, timezone="UTC"),
                      args=[path], id="notify", name="notify", executor=NOTIFY_EXECUTOR, next_run_time=now,
                      replace_existing=True)
    for job, every in ((watch_spikes, SPIKES_EVERY_SECONDS), (watch_sources, SILENCES_EVERY_SECONDS),
                       (stop_idle_parse_workers, PARSE_POOL_EVERY_SECONDS),
                       (release_memory, RELEASE_MEMORY_EVERY_SECONDS)):
        scheduler.add_job(job, IntervalTrigger(seconds=every, timezone="UTC"), args=[path], id=job.__name__,
                          name=job.__name__, executor=MAINTENANCE_EXECUTOR,
                          next_run_time=now + timedelta(seconds=every), replace_existing=True)
    scheduler.add_job(checkpoint_store, IntervalTrigger(seconds=CHECKPOINT_EVERY_SECONDS, timezone="UTC"),
                      args=[path], id="checkpoint", name="checkpoint", executor=MAINTENANCE_EXECUTOR,
                      replace_existing=True)
    # The default pool, not the maintenance thread: a long prune must not hold the checkpoint back.
    scheduler.add_job(prune_store, IntervalTrigger(seconds=PRUNE_EVERY_SECONDS, timezone="UTC"), args=[path],
                      id="prune", name="prune", next_run_time=now + timedelta(seconds=PRUNE_FIRST_AFTER_SECONDS),
                      replace_existing=True)
    # Read by `monitor health`: the first beat at start, then every HEARTBEAT_EVERY_SECONDS.
    scheduler.add_job(heartbeat, IntervalTrigger(seconds=HEARTBEAT_EVERY_SECONDS, timezone="UTC"), args=[path],
                      id="heartbeat", name="heartbeat", executor=MAINTENANCE_EXECUTOR, next_run_time=now,
                      replace_existing=True)
    return scheduler


def _add_source(scheduler: BackgroundScheduler, path: str, source: Source, now: datetime, first: datetime) -> None:
    first = max(now, first)
    scheduler.add_job(
        run_source_async, IntervalTrigger(seconds=source.interval, start_date=first, timezone="UTC"),
        args=[path, source.name], id=source.name, name=source.name, executor=SOURCE_EXECUTOR,
        next_run_time=first + timedelta(milliseconds=1) if first > now else first,
        replace_existing=True,
    )


def sync_sources(scheduler: BackgroundScheduler, old: Config, new: Config, now: datetime) -> tuple[list[str], ...]:
    """Make the scheduler's source jobs those of a re-read config: (started, stopped, rescheduled).

    A removed job's run in flight finishes (APScheduler never interrupts one); a new source runs now.
    """
    before = {s.name: s for s in old.sources if s.enabled}
    after = {s.name: s for s in new.sources if s.enabled}
    path = str(new.path)
    stopped = sorted(set(before) - set(after))
    started = sorted(set(after) - set(before))
    for name in stopped:
        if scheduler.get_job(name) is not None:
            scheduler.remove_job(name)
    for name in started:
        _add_source(scheduler, path, after[name], now, now)
    changed = sorted(name for name in set(before) & set(after) if before[name] != after[name])
    for name in changed:
        if before[name].interval != after[name].interval:
            scheduler.reschedule_job(name, trigger=IntervalTrigger(seconds=after[name].interval, timezone="UTC"))
    return started, stopped, changed
