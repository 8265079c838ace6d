"""`monitor run`: own the process lifetime. Migrate, schedule, trap SIGTERM/SIGINT, stop cleanly.

A signal only sets an event; the main thread then shuts the scheduler down and waits for the jobs in
flight. Because the pipeline commits item by item and checks the stop event between items, a stop
leaves complete items only, and the alert log is caught up before the process exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any, Callable

from monitor import config as config_module
from monitor import aio, metrics
from monitor.collect import Context
from monitor.errors import ConfigError
from monitor.memory import DAEMON_ARENAS, limit_arenas
from monitor.models import Config, FetchRecord, Source, database_label, is_postgres
from monitor.outbox import deliver_pending
from monitor.parse_pool import ParsePool, parse_pool_for
from monitor.pipeline import flush_alert_log
from monitor.watch import check_silences, check_spikes
from storage import checkpointing, open_store

log = logging.getLogger(__name__)


def prepare(config: Config, ctx: Context) -> dict[str, datetime]:
    """Create and migrate the database and mirror the configured sources, in the main thread.

    Returns each source's stored next fetch time, so a restart keeps back-offs and spreads runs.
    """
    store = open_store(config)
    try:
        store.sync_sources(config.sources, ctx.clock())
        flush_alert_log(store, ctx)  # catch up lines a crash may have left unwritten
        return store.next_fetch_times()
    finally:
        store.close()


def run_once(config: Config, ctx: Context,
             on_record: Callable[[FetchRecord | None], None] | None = None) -> list[FetchRecord]:
    """Run every enabled source once now and return what each did, in order.

    As in the daemon, sources run as tasks on the process's event loop, `settings.runs_in_flight`
    at once: fetches wait on their servers together (`max_fetches` at once), and `workers` threads
    read, parse and store.
    `on_record` is called as each source's run ends (None for a run that recorded nothing): the
    CLI's progress bar."""
    from jobs.ingest import install, run_source_async, uninstall

    fetched_before = prepare(config, ctx)
    enabled = [source for source in config.sources if source.enabled]
    unseen = _never_fetched(enabled, fetched_before)
    path = str(config.path)
    aio.reserve_threads(config.settings.workers)

    async def one(source: Source) -> FetchRecord | None:
        record = await run_source_async(path, source.name, scheduled=False)
        if ctx.parse_pool is not None:
            ctx.parse_pool.finished_run()
        if on_record is not None:
            on_record(record)
        return record

    async def every() -> list[FetchRecord | None]:
        # As many runs at once as the daemon would start, each taking the next source as it ends:
        # not ten thousand tasks, futures and queued thread-pool work items at once.
        records: list[FetchRecord | None] = [None] * len(enabled)
        todo = iter(enumerate(enabled))  # shared by the runners: they all run on the loop's thread

        async def runner() -> None:
            for index, source in todo:
                records[index] = await one(source)

        await asyncio.gather(*(runner() for _ in range(min(len(enabled), config.settings.runs_in_flight))))
        return records

    store = None
    install(ctx)
    try:
        with checkpointing(config) as checkpoints:
            # A batch: the parse workers start early when its parsing still to come is worth it (monitor.parse_pool).
            with (ctx.parse_pool.batch(len(enabled), unseen) if ctx.parse_pool is not None
                  else contextlib.nullcontext()):
                records = aio.run(every())
            store = open_store(config, migrate=False)
            checkpoints.copy_back()  # on the checkpoint thread, beside the alert log's writing
            flush_alert_log(store, ctx, settle=0)  # the run is over: every copy it will see has been seen
            check_spikes(store, ctx)  # a run from cron watches as the daemon does
            check_silences(store, ctx)
            if config.targets:
                deliver_pending(store, ctx)
        store.maintain()  # what the alert log's writes added, and the log file reset
    finally:
        # The run's connections close last, after maintain() has reset a large log: on ext4, the
        # first descriptor closed on a file truncated to nothing (by the run's checkpoints) and
        # written again starts writing all of it out (auto_da_alloc), 0.15 s of waiting after a
        # cold run of 5,000 items. The last connection to close copies back what is left in the log.
        uninstall(ctx)
        if store is not None:
            store.close()
    return [r for r in records if r is not None]


def batch_parse_pool(config: Config) -> ParsePool | None:
    """The parse pool of a run of every source (run_once), its workers started already when the
    run's parsing is worth them (ParsePool.start_for: its sources never fetched, as the run's batch
    will count them). `monitor run --once` calls it before its first thread, so that they are forked
    (parse_pool.start_method); the store is closed again first: a forked child must not inherit an
    open connection."""
    pool = parse_pool_for(config)
    if pool is None:
        return None
    store = open_store(config)  # created or migrated here rather than by the run, which opens it next
    try:
        fetched_before = store.next_fetch_times()
    finally:
        store.close()
    enabled = [source for source in config.sources if source.enabled]
    pool.start_for(len(enabled), _never_fetched(enabled, fetched_before))
    return pool


def _never_fetched(sources: list[Source], fetched_before: dict[str, datetime]) -> int:
    return sum(source.name not in fetched_before for source in sources)


def run(config: Config, ctx: Context) -> int:
    """Run the scheduler until SIGTERM or SIGINT; returns the process exit status."""
    from jobs.ingest import install, uninstall
    from jobs.scheduler import build_scheduler

    # Before any of its threads: they share two of glibc's heaps, not one each (monitor/memory.py).
    limit_arenas(DAEMON_ARENAS)
    first_runs = prepare(config, ctx)
    endpoint = _serve_metrics(config)
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("stopping signal=%s", signal.Signals(signum).name)
        stopping.set()
        ctx.stop.set()

    reloading = threading.Event()

    def on_hangup(_signum: int, _frame: FrameType | None) -> None:
        reloading.set()  # the main loop reloads: a signal handler must not take locks

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, on_hangup)
    install(ctx)  # the jobs of this process share its stop flag and parse pool
    scheduler = build_scheduler(config, ctx.clock(), first_runs)
    enabled = [s.name for s in config.sources if s.enabled]
    scheduler.start()
    log.info("daemon started sources=%d database=%s", len(enabled), database_label(config.settings.database))
    running = ctx
    pid_file = pid_path(config)
    pid_file.write_text(f"{os.getpid()}\n", encoding="ascii")
    try:
        while not stopping.wait(1.0):
            if reloading.is_set():
                reloading.clear()
                running = reload(running, scheduler)
    finally:
        scheduler.shutdown(wait=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        uninstall(running)
        pid_file.unlink(missing_ok=True)
        if endpoint is not None:
            endpoint.close()
    store = open_store(config, migrate=False)
    try:
        flush_alert_log(store, ctx, settle=0)
        store.maintain(thorough=True)
    finally:
        store.close()
    log.info("daemon stopped")
    return 0


def pid_path(config: Config) -> Path:
    """Where the daemon of this config's store writes its process id (`monitor reload` reads it)."""
    return Path(f"{config.files_base}.pid")


def reload(ctx: Context, scheduler: Any) -> Context:
    """Re-read the config file (SIGHUP): start added sources, stop removed ones after any run in
    flight, apply changed intervals, rules, targets and settings; returns the context now running.
    A config that does not load is refused with its one line, and the running one is kept."""
    from jobs.ingest import install
    from jobs.scheduler import sync_sources

    try:
        new = config_module.load(ctx.config.path)
    except ConfigError as exc:
        log.error("reload refused, the running config stays error=%s", exc)
        return ctx
    fresh = ctx.reconfigured(new)
    store = open_store(new, migrate=False)
    try:
        store.sync_sources(new.sources, ctx.clock())
    finally:
        store.close()
    install(fresh)  # jobs started from now on use it; runs in flight finish with the old one
    started, stopped, changed = sync_sources(scheduler, ctx.config, new, ctx.clock())
    log.info("config reloaded started=%s stopped=%s changed=%s rules=%d targets=%d", ",".join(started) or "-",
             ",".join(stopped) or "-", ",".join(changed) or "-", len(new.rules), len(new.targets))
    return fresh


def _serve_metrics(config: Config) -> metrics.Endpoint | None:
    """Start the /metrics endpoint when settings.metrics_address is set; a port that cannot be had
    is a configuration error, before any job runs."""
    address = config.settings.metrics_address
    if address is None:
        return None
    try:
        return metrics.serve(address, None if is_postgres(config.settings.database) else config.files_base)
    except OSError as exc:
        raise ConfigError(config.path.name, "settings.metrics_address",
                          f"cannot listen on {address}: {exc.strerror or exc}") from None
