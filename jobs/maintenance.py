"""Housekeeping jobs of the daemon: writing settled alerts to the alert log, store maintenance, the heartbeat.

Like the ingest job they take the config file's path and build what they need in their process."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from jobs.ingest import context_for, with_writer
from monitor.collect import Context
from monitor.health import beat
from monitor.memory import release_free_memory
from monitor.models import Alert
from monitor.outbox import work_outbox
from monitor.pipeline import flush_alert_log
from monitor.watch import check_silences, check_spikes
from storage import is_postgres_url, open_store
from storage.store import Store

log = logging.getLogger(__name__)

FLUSH_EVERY_SECONDS = 2.0
# The sender is a loop that wakes when a commit queues an alert (monitor.outbox.OUTBOX_CHANGED);
# the job restarts it every DELIVER_EVERY_SECONDS, so a failure in it costs one interval at most.
DELIVER_EVERY_SECONDS = 300.0
DELIVER_RUNS_FOR_SECONDS = DELIVER_EVERY_SECONDS - 1.0
SPIKES_EVERY_SECONDS = 60.0
SILENCES_EVERY_SECONDS = 300.0  # silences are hours long: every 5 minutes is soon enough
# Idle parse workers: their pool stops them at a parse once parsing is quiet; this checks between.
PARSE_POOL_EVERY_SECONDS = 60.0
# The memory a burst of runs freed goes back to the system within a minute (monitor/memory.py).
RELEASE_MEMORY_EVERY_SECONDS = 60.0
# Retention: once a day (the first run an hour after start, not during a start's catch-up).
PRUNE_EVERY_SECONDS = 86400.0
PRUNE_FIRST_AFTER_SECONDS = 3600.0


def _run(config_path: str, what: str, action: Callable[[Store, Context], object]) -> None:
    """Open this process's store for the config, do `action`, close; log a failure, never raise."""
    try:
        ctx = context_for(config_path)
        store = open_store(ctx.config, migrate=False)
        try:
            action(store, ctx)
        finally:
            store.close()
    except Exception as exc:
        log.error("%s failed error=%s", what, exc)


def stop_idle_parse_workers(config_path: str) -> None:
    """Stop the parse worker processes once parsing is quiet (monitor/parse_pool/): a parse makes
    that check too, but a daemon whose sources answer 304 for hours parses nothing, and its workers
    (~50 MB each) would wait for the next one. Never raises."""
    try:
        pool = context_for(config_path).parse_pool
        if pool is not None and pool.tidy():
            log.info("parse workers stopped, parsing is quiet")
    except Exception as exc:
        log.error("parse pool check failed error=%s", exc)


def release_memory(config_path: str) -> None:
    """Hand the memory the last runs freed back to the system (monitor/memory.py); never raises."""
    try:
        release_free_memory()
    except Exception as exc:
        log.error("memory release failed error=%s", exc)


def heartbeat(config_path: str) -> None:
    """Touch the heartbeat file beside the database, which `monitor health` reads; never raises.

    It runs on the maintenance thread, with the checkpoint: a daemon whose maintenance is stuck
    stops beating too."""
    try:
        beat(context_for(config_path).config.files_base)
    except Exception as exc:
        log.error("heartbeat failed error=%s", exc)


def flush_alerts(config_path: str) -> None:
    """Write alerts whose delay has passed to the alert log; never raises.

    Every FLUSH_EVERY_SECONDS while runs find new items. SQLite: it reads and marks through the
    process's writing connection (jobs.ingest.with_writer), whose page cache a commit on a
    connection of its own would empty as often. PostgreSQL keeps its cache in the server: one
    connection for the whole flush."""
    try:
        ctx = context_for(config_path)
        if is_postgres_url(str(ctx.config.settings.database)):
            _run(config_path, "alert log flush", flush_alert_log)
        else:
            flush_alert_log(_WriterOutbox(ctx), ctx)
    except Exception as exc:
        log.error("alert log flush failed error=%s", exc)


class _WriterOutbox:
    """The alert outbox on the process's writing connection, in its turn for each call alone
    (jobs.ingest.with_writer): the alert log's file lock and its fsync come between the calls, and
    no run's commit waits behind them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def unlogged_alerts(self, created_before: datetime | None = None) -> list[Alert]:
        return with_writer(self.ctx, lambda store: store.unlogged_alerts(created_before))

    def mark_logged(self, ids: list[int], now: datetime) -> None:
        with_writer(self.ctx, lambda store: store.mark_logged(ids, now))


def checkpoint_store(config_path: str) -> None:
    """Store housekeeping between runs; never raises.

    SQLite: a PASSIVE checkpoint copies the write-ahead log back without waiting for anybody; when
    the log file is still over its limit, a TRUNCATE checkpoint (waiting a bounded time for the
    writer and readers in progress) resets it, which PASSIVE alone never does while jobs keep
    reading (see storage.db.checkpoint)."""
    _run(config_path, "checkpoint", lambda store, ctx: store.maintain())


def deliver_notifications(config_path: str) -> None:
    """Send the notifications that are due (the delivery outbox); never raises."""
    try:
        targets = context_for(config_path).config.targets
    except Exception as exc:
        log.error("notification delivery failed error=%s", exc)
        return
    if targets:  # no store to open for a config without targets
        _run(config_path, "notification delivery",
             lambda store, ctx: work_outbox(store, ctx, run_for=DELIVER_RUNS_FOR_SECONDS))


def watch_spikes(config_path: str) -> None:
    """Look for spikes, per rule; never raises."""
    _run(config_path, "spike check", lambda store, ctx: check_spikes(store, ctx))


def watch_sources(config_path: str) -> None:
    """Look for silent or failing sources; never raises."""
    _run(config_path, "silence check", lambda store, ctx: check_silences(store, ctx))


def _prune(store: Store, ctx: Context) -> None:
    started = ctx.clock()
    report = store.prune(ctx.config.retention, ctx.config.settings.story_window, started)
    freed = store.compact()
    log.info("prune %s", " ".join(f"{table}={count}" for table, count in report.rows.items())
             + f" pages_freed={freed} ms={int((ctx.clock() - started).total_seconds() * 1000)}")


def prune_store(config_path: str) -> None:
    """Apply the retention policy in small write transactions, optimise the full-text index and
    return free pages to the file system (as `monitor prune`); never raises."""
    _run(config_path, "prune", _prune)
