"""The fetches table: one row per attempt to fetch a source, whatever its outcome."""

from __future__ import annotations

from storage.sql import Db

from monitor.models import FetchRecord, iso


def record(db: Db, fetch: FetchRecord) -> int:
    """Store a fetch record; returns its id."""
    cursor = db.execute(
        """INSERT INTO fetches (source, location, started_at, duration_ms, outcome, http_status,
                                items_seen, items_new, items_updated, items_duplicate, alerts,
                                error, warning)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        [fetch.source, fetch.location, iso(fetch.started_at), fetch.duration_ms, fetch.outcome.value,
         fetch.http_status, fetch.items_seen, fetch.items_new, fetch.items_updated,
         fetch.items_duplicate, fetch.alerts, fetch.error, fetch.warning],
    )
    return int(cursor.fetchone()[0])
