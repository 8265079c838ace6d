"""Distributed mode: PostgreSQL as the store AND the task queue, on procrastinate.

`monitor scheduler` defers a `monitor.fetch_source` job for each source that is due; any number of
`monitor worker` processes, on any number of machines, run them. Procrastinate's objects stay in
this package: the CLI calls the functions below.

Fetching a source (`fetch_source`) runs jobs.ingest.run_source_async on the process's event loop
(monitor.aio), as the daemon does: plan, collect (no store writes),
commit (a transaction per document, then the fetch record and the source's new state). Every job
carries `queueing_lock` and `lock` "source:NAME": a source is never queued twice (a second defer
while one waits raises AlreadyEnqueued, which the scheduler ignores) and never fetched by two
workers at once.

A worker that dies mid-job (kill -9, a machine lost) leaves its job in `doing`. Procrastinate 3
workers write a heartbeat every `heartbeat` seconds; `recover_stalled` (a periodic task below)
asks procrastinate for the jobs of workers whose heartbeat is older than `stalled_after`
(JobManager.get_stalled_jobs) and puts them back in the queue (retry_job), for another worker. When
the scheduler has meanwhile queued a new job for that source (queueing-lock conflict), the stalled
one is marked failed instead: the queued one does the work. Nothing is half-written: what the dead
worker committed is complete documents, and the retry finds those items known (a sighting, not a
copy); the source's state was not advanced, so the retry fetches again.

The periodic work that must run once across the cluster (the alert-log flush, the notifications
outbox, spike and silence checks, the retention prune, stalled-job recovery) is procrastinate
periodic tasks, not a leader holding an advisory lock: every worker runs procrastinate's periodic
deferrer, and the database keeps one job per task and tick (procrastinate_periodic_defers), so there
is no leader to elect or to lose, and whichever worker is free runs the tick. Each also has a
queueing lock (ticks do not pile up behind a busy cluster) and a lock (two never run at once), and a
higher priority than fetches, so they do not wait behind a backlog of sources.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import threading
from datetime import datetime, timedelta
from typing import Any, Callable

import procrastinate
from procrastinate import exceptions as queue_errors
from procrastinate.jobs import Status

from jobs.ingest import refresh, run_source_async, stop_contexts
from jobs.maintenance import (DELIVER_EVERY_SECONDS, RELEASE_MEMORY_EVERY_SECONDS, deliver_notifications, flush_alerts,
                              prune_store, release_memory, watch_sources, watch_spikes)
from monitor import aio
from monitor.backoff import due_slack, is_due_at
from monitor.dates import utc_now
from monitor.errors import ConfigError
from monitor.memory import DAEMON_ARENAS, limit_arenas
from monitor.models import Config, Settings
from storage import is_postgres_url, open_store
from storage.postgres.hosts import MAX_CONNECTIONS as GATE_SESSIONS

log = logging.getLogger(__name__)

FETCH_TASK = "monitor.fetch_source"
FETCH_QUEUE = "fetch"
PERIODIC_QUEUE = "periodic"
PERIODIC_PRIORITY = 10  # higher runs first: housekeeping does not wait behind a backlog of fetches
RECOVER_PRIORITY = 20
HEARTBEAT_SECONDS = 10.0  # procrastinate's default
STALLED_AFTER_SECONDS = 30.0  # a worker silent this long is dead: its jobs go back in the queue
# Cron lines: five fields, or six with seconds last.
FLUSH_CRON = "* * * * * */2"  # the daemon's FLUSH_EVERY_SECONDS
DELIVER_CRON = f"*/{int(DELIVER_EVERY_SECONDS // 60)} * * * *"
SPIKES_CRON = "* * * * *"
SILENCES_CRON = "*/5 * * * *"
PRUNE_CRON = "17 3 * * *"  # once a day
RECOVER_CRON = "* * * * * */2"
# The periodic tasks run on a thread each (the default executor): name, schedule, job(config path).
SYNC_PERIODIC: tuple[tuple[str, str, Callable[[str], object]], ...] = (
    ("flush_alerts", FLUSH_CRON, flush_alerts),
    ("deliver_notifications", DELIVER_CRON, deliver_notifications),
    ("watch_spikes", SPIKES_CRON, watch_spikes),
    ("watch_sources", SILENCES_CRON, watch_sources),
    ("prune", PRUNE_CRON, prune_store),
)
SYNC_PERIODIC_TASKS = len(SYNC_PERIODIC)
MAX_SLEEP_SECONDS = 5.0  # the scheduler looks at the stored due times at least this often
MIN_SLEEP_SECONDS = 0.05


def database_url(config: Config) -> str:
    """The configured PostgreSQL URL; ConfigError (exit 2) for anything else, such as a SQLite file."""
    database: object = config.settings.database
    if not is_postgres_url(database):
        raise ConfigError(config.path.name, "settings.database",
                          f"distributed mode (monitor scheduler, monitor worker) needs a postgresql:// URL, "
                          f"not {str(database)!r}")
    return str(database)


def build_app(config: Config, *, stalled_after: float = STALLED_AFTER_SECONDS) -> procrastinate.App:
    """The procrastinate App of a config: its PostgreSQL, the fetch task and the periodic tasks.

    Periodic tasks run the config of the worker that runs them (this config's path); a fetch job
    names the config file the scheduler read, which is the same path on every machine."""
    url = database_url(config)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))
    path = str(config.path)

    @app.task(name=FETCH_TASK, queue=FETCH_QUEUE)
    async def fetch_source(config_path: str, source_name: str) -> None:
        # The scheduler may know sources this worker's config did not have yet.
        await asyncio.get_running_loop().run_in_executor(None, refresh, config_path)
        # The run is a task on the process's own event loop (monitor.aio), where the fetcher's
        # connections live; awaiting it from procrastinate's loop holds no thread.
        await asyncio.wrap_future(aio.submit(run_source_async(config_path, source_name)))

    def periodic(name: str, cron: str, action: Any, priority: int = PERIODIC_PRIORITY) -> None:
        lock = f"periodic:{name}"

        def run(timestamp: int) -> None:
            action(path)

        task = app.task(name=f"monitor.{name}", queue=PERIODIC_QUEUE, priority=priority, lock=lock,
                        queueing_lock=lock)(run)
        app.periodic(cron=cron, periodic_id=name)(task)

    for name, cron, action in SYNC_PERIODIC:
        periodic(name, cron, action)

    @app.periodic(cron=RECOVER_CRON, periodic_id="recover_stalled")
    @app.task(name="monitor.recover_stalled", queue=PERIODIC_QUEUE, priority=RECOVER_PRIORITY,
              lock="periodic:recover_stalled", queueing_lock="periodic:recover_stalled")
    async def recover_stalled(timestamp: int) -> None:
        await recover_stalled_jobs(app, stalled_after)

    return app


async def recover_stalled_jobs(app: procrastinate.App, stalled_after: float) -> list[int]:
    """Put the jobs of workers silent for `stalled_after` seconds back in the queue; their ids.

    A job whose queueing lock is taken meanwhile (the scheduler queued the source again, the next
    tick of a periodic task) is marked failed instead: the waiting job does its work. Every task is
    recovered, this one too: a stalled job keeps its `lock`, which would hold its successors back.
    The job running this is never among them: its worker is alive."""
    manager = app.job_manager
    recovered = []
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after):
        assert job.id is not None
        try:
            await manager.retry_job(job)
            log.warning("stalled job queued again id=%s task=%s args=%s", job.id, job.task_name, job.task_kwargs)
            recovered.append(job.id)
        except queue_errors.UniqueViolation:
            await manager.finish_job(job, status=Status.FAILED, delete_job=False)
            log.warning("stalled job dropped, the same work is queued id=%s task=%s args=%s", job.id,
                        job.task_name, job.task_kwargs)
        except queue_errors.ConnectorException as exc:  # another worker recovered it first
            log.info("stalled job not recovered id=%s error=%s", job.id, exc)
    return recovered


def apply_schema(app: procrastinate.App, config: Config) -> bool:
    """Create procrastinate's tables unless they are there; whether this process did.

    Safe when several processes start together (a PostgreSQL advisory lock; storage.postgres.advisory).
    A schema left by another procrastinate version is not migrated here: see procrastinate's
    migration docs (`procrastinate schema --migrations-path`)."""
    from storage.postgres.advisory import apply_once

    return apply_once(database_url(config), "procrastinate_jobs", app.schema_manager.get_schema())


def defer_fetch(app: procrastinate.App, config_path: str, source_name: str, *, priority: int = 0) -> int | None:
    """Queue a fetch of one source; its job id, or None when one is already waiting (AlreadyEnqueued)."""
    lock = f"source:{source_name}"
    try:
        return app.configure_task(FETCH_TASK, queueing_lock=lock, lock=lock, priority=priority).defer(
            config_path=config_path, source_name=source_name)
    except queue_errors.AlreadyEnqueued:
        return None


def waiting_fetches(app: procrastinate.App) -> set[str]:
    """The sources with a fetch job queued or running."""
    connector = app.connector.get_sync_connector()
    rows = connector.execute_query_all(
        "SELECT DISTINCT args->>'source_name' AS source FROM procrastinate_jobs "
        "WHERE task_name = 'monitor.fetch_source' AND status IN ('todo', 'doing')")
    return {row["source"] for row in rows}


def default_concurrency(settings: Settings) -> int:
    """A worker's jobs at once when `--concurrency` is not given: as many as the host gate holds turns
    for (a session each, storage.postgres.hosts), within `max_fetches`. A fetch job spends most of
    its time waiting on its server, holding no thread, so `workers` (the threads that parse and
    store, as in the daemon) is not its bound: at 4 jobs, one worker fetched about 7 sources a
    second at 0.1-1 s an exchange, against the 11 a second of 10,000 sources every 15 minutes."""
    return max(1, min(settings.max_fetches, GATE_SESSIONS))


def run_worker(config: Config, *, concurrency: int | None = None, heartbeat: float = HEARTBEAT_SECONDS,
               stalled_after: float = STALLED_AFTER_SECONDS, name: str | None = None) -> None:
    """Run a worker for every queue until SIGTERM or SIGINT. A signal sets the stop flag of the jobs
    in flight (a fetch stops between items, the outbox sender between sends, as in the daemon) and
    stops the worker gracefully: procrastinate takes no new job and waits for those in flight.
    Successful jobs are deleted; failed ones stay for inspection. `concurrency`: jobs at once
    (default: default_concurrency)."""
    jobs = concurrency or default_concurrency(config.settings)
    # Before any of its threads (the job pool, the event loops' and their helpers): they share two of
    # glibc's heaps, as the daemon's do (monitor/memory.py).
    limit_arenas(DAEMON_ARENAS)
    app = build_app(config, stalled_after=stalled_after)
    apply_schema(app, config)
    worker_name = name or f"{socket.gethostname()}:{os.getpid()}"
    log.info("worker started name=%s concurrency=%d", worker_name, jobs)
    threads = config.settings.workers
    aio.reserve_threads(threads)  # the store and parse steps of the fetch jobs in flight, as in the daemon

    async def work() -> None:
        from concurrent.futures import ThreadPoolExecutor

        loop = asyncio.get_running_loop()
        # The sync periodic tasks (one of each at a time, by their locks) and the fetch jobs' config
        # check run on the loop's default executor: one thread for each of those, and `workers` more.
        loop.set_default_executor(ThreadPoolExecutor(max_workers=threads + SYNC_PERIODIC_TASKS,
                                                     thread_name_prefix="job"))
        async with app.open_async():
            running = asyncio.create_task(app.run_worker_async(
                concurrency=jobs, name=worker_name, delete_jobs="successful", install_signal_handlers=False,
                update_heartbeat_interval=heartbeat, stalled_worker_timeout=stalled_after))

            def on_signal(signum: signal.Signals) -> None:
                log.info("stopping signal=%s", signum.name)
                stop_contexts()
                running.cancel()  # procrastinate's graceful stop: the jobs in flight finish

            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, on_signal, signum)
            # Per process, not a periodic task (those run once across the cluster): the memory a
            # burst of jobs freed goes back to the system, as in the daemon.
            releasing = asyncio.create_task(every(RELEASE_MEMORY_EVERY_SECONDS, release_memory, str(config.path)))
            try:
                await running
            except asyncio.CancelledError:
                pass
            finally:
                releasing.cancel()

    asyncio.run(work())
    log.info("worker stopped name=%s", worker_name)


async def every(seconds: float, job: Callable[[str], None], config_path: str) -> None:
    """job(config_path) on the loop's default executor every `seconds`, the first after `seconds`,
    until cancelled (a maintenance job: it logs its own failures and never raises)."""
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(seconds)
        await loop.run_in_executor(None, job, config_path)


def run_scheduler(config: Config, stop: threading.Event, *, max_sleep: float = MAX_SLEEP_SECONDS,
                  reload: threading.Event | None = None, clock: Callable[[], datetime] = utc_now) -> None:
    """Queue a fetch of each enabled source whose stored next fetch time has come, until `stop` is set.

    The stored time is the one the workers' runs leave (monitor.backoff: interval, back-off after
    failures, Retry-After, a gone source's daily re-check), compared as the daemon does
    (backoff.is_due_at); a worker's run checks it again (pipeline.plan). A source with a fetch job
    queued or running is left alone, and the queueing lock turns away the defer of a scheduler that
    looked at the same moment, so any number of schedulers can run. Between passes the scheduler
    sleeps until the next source is due, `max_sleep` seconds at most (runs in flight move due times
    it has not seen yet). A pass that fails (the database unreachable) is logged and tried again.
    When `reload` is set (SIGHUP) the config file is read again: its sources from then on; a config
    that does not load is refused with its one line, and the running one is kept."""
    from monitor import config as config_file

    app = build_app(config)
    apply_schema(app, config)
    store = open_store(config)  # creates and migrates the store when this is the first process
    try:
        store.sync_sources(config.sources, clock())
    finally:
        store.close()
    log.info("scheduler started sources=%d", sum(1 for source in config.sources if source.enabled))
    with app.open():
        while not stop.is_set():
            if reload is not None and reload.is_set():
                reload.clear()
                try:
                    config = _reloaded(config_file.load(config.path), clock())
                except ConfigError as exc:
                    log.error("reload refused, the running config stays error=%s", exc)
            try:
                wake = _schedule_pass(app, config, clock(), max_sleep)
            except Exception as exc:  # a store per pass: the next one connects afresh
                log.error("scheduler pass failed error=%s", " ".join(str(exc).split()) or type(exc).__name__)
                wake = clock() + timedelta(seconds=max_sleep)
            stop.wait(max(MIN_SLEEP_SECONDS, min(max_sleep, (wake - clock()).total_seconds())))
    log.info("scheduler stopped")


def _reloaded(config: Config, now: datetime) -> Config:
    store = open_store(config, migrate=False)
    try:
        store.sync_sources(config.sources, now)
    finally:
        store.close()
    log.info("config reloaded sources=%d", sum(1 for source in config.sources if source.enabled))
    return config


def _schedule_pass(app: procrastinate.App, config: Config, now: datetime, max_sleep: float) -> datetime:
    """Defer what is due now; when the next source falls due."""
    store = open_store(config, migrate=False)
    try:
        times = store.next_fetch_times()
    finally:
        store.close()
    busy = waiting_fetches(app)
    path = str(config.path)
    enabled = [source for source in config.sources if source.enabled]
    wake = now + timedelta(seconds=max_sleep)
    deferred = 0
    for source in enabled:
        when = times.get(source.name)
        if is_due_at(when, now, source.interval):
            if source.name not in busy and defer_fetch(app, path, source.name) is not None:
                deferred += 1
        elif when is not None:
            wake = min(wake, when - due_slack(source.interval))
    if deferred:
        log.info("deferred fetches=%d in_flight=%d", deferred, len(busy))
    return wake
