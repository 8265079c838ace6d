"""The callable APScheduler runs for a source: its own SQLite connection, the pipeline, never a raise."""

from __future__ import annotations

import logging

from monitor.pipeline import Context, ingest_source
from monitor.models import FetchRecord
from storage.db import open_store

log = logging.getLogger(__name__)


def run_source(ctx: Context, source_name: str, scheduled: bool = True) -> FetchRecord | None:
    """Ingest one configured source; a connection per run because jobs run on pool threads.

    Scheduled runs respect the source's stored next fetch time (back-off, Retry-After, gone).
    """
    if ctx.stop.is_set():
        return None
    try:
        source = ctx.config.source(source_name)
        db = open_store(ctx.config.settings.database, migrate=False)
    except Exception as exc:
        log.error("job could not start source=%s error=%s", source_name, exc)
        return None
    try:
        # The alert log is written by the daemon's flush job (or at the end of run --once).
        return ingest_source(db, source, ctx, scheduled=scheduled, flush_log=False)
    finally:
        db.close()
