"""Housekeeping jobs of the daemon: writing settled alerts to the alert log, WAL checkpoints."""

from __future__ import annotations

import logging

from monitor.pipeline import Context, flush_alert_log
from storage.db import checkpoint, open_store

log = logging.getLogger(__name__)

FLUSH_EVERY_SECONDS = 2.0
CHECKPOINT_EVERY_SECONDS = 30.0


def flush_alerts(ctx: Context) -> None:
    """Write alerts whose delay has passed to the alert log; never raises."""
    try:
        db = open_store(ctx.config.settings.database, migrate=False)
        try:
            flush_alert_log(db, ctx)
        finally:
            db.close()
    except Exception as exc:
        log.error("alert log flush failed error=%s", exc)


def checkpoint_store(ctx: Context) -> None:
    """Copy the write-ahead log into the database file, outside any writer; never raises."""
    try:
        db = open_store(ctx.config.settings.database, migrate=False)
        try:
            checkpoint(db)
        finally:
            db.close()
    except Exception as exc:
        log.error("checkpoint failed error=%s", exc)
