"""Housekeeping jobs of the daemon: writing settled alerts to the alert log, store maintenance.

Like the ingest job they take the config file's path and build what they need in their process."""

from __future__ import annotations

import logging

from jobs.ingest import context_for
from monitor.pipeline import flush_alert_log
from storage import open_store

log = logging.getLogger(__name__)

FLUSH_EVERY_SECONDS = 2.0
CHECKPOINT_EVERY_SECONDS = 30.0


def flush_alerts(config_path: str) -> None:
    """Write alerts whose delay has passed to the alert log; never raises."""
    try:
        ctx = context_for(config_path)
        store = open_store(ctx.config, migrate=False)
        try:
            flush_alert_log(store, ctx)
        finally:
            store.close()
    except Exception as exc:
        log.error("alert log flush failed error=%s", exc)


def checkpoint_store(config_path: str) -> None:
    """Store housekeeping between runs (SQLite: copy the write-ahead log back); never raises."""
    try:
        store = open_store(context_for(config_path).config, migrate=False)
        try:
            store.maintain()
        finally:
            store.close()
    except Exception as exc:
        log.error("checkpoint failed error=%s", exc)
