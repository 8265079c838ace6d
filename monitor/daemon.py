"""`monitor run`: own the process lifetime. Migrate, schedule, trap SIGTERM/SIGINT, stop cleanly.

A signal only sets an event; the main thread then shuts the scheduler down and waits for the jobs in
flight. Because the pipeline commits item by item and checks the stop event between items, a stop
leaves complete items only, and the alert log is caught up before the process exits.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from monitor.models import Config, FetchRecord
from monitor.pipeline import Context, flush_alert_log, ingest_source
from storage import sources as source_rows
from storage.db import open_store

log = logging.getLogger(__name__)


def prepare(config: Config, ctx: Context) -> None:
    """Create and migrate the database and mirror the configured sources, in the main thread."""
    db = open_store(config.settings.database)
    try:
        source_rows.sync(db, config.sources, ctx.clock())
        flush_alert_log(db, ctx)  # catch up lines a crash may have left unwritten
    finally:
        db.close()


def run_once(config: Config, ctx: Context) -> list[FetchRecord]:
    """Run every enabled source once, in turn, and return what each did."""
    prepare(config, ctx)
    db = open_store(config.settings.database, migrate=False)
    try:
        return [ingest_source(db, source, ctx) for source in config.sources if source.enabled]
    finally:
        db.close()


def run(config: Config, ctx: Context) -> int:
    """Run the scheduler until SIGTERM or SIGINT; returns the process exit status."""
    from jobs.scheduler import build_scheduler

    prepare(config, ctx)
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("stopping signal=%s", signal.Signals(signum).name)
        stopping.set()
        ctx.stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    scheduler = build_scheduler(ctx)
    enabled = [s.name for s in config.sources if s.enabled]
    scheduler.start()
    log.info("daemon started sources=%d database=%s", len(enabled), config.settings.database)
    try:
        while not stopping.wait(1.0):
            pass
    finally:
        scheduler.shutdown(wait=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    db = open_store(config.settings.database, migrate=False)
    try:
        flush_alert_log(db, ctx)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    log.info("daemon stopped")
    return 0
