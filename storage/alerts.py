"""The alerts table: one alert per (rule, item), review state, and the outbox for the alert log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from monitor.dates import parse_date
from monitor.models import Alert, Hit, Match, iso
from storage.db import write_transaction

_SELECT = """SELECT a.*, i.title, i.url, i.source, i.published_at
             FROM alerts a JOIN items i ON i.id = a.item_id"""


def add(db: Database, item_id: int, match: Match, now: datetime) -> int | None:
    """Store an alert unless this rule already alerted on this item; returns the new id or None."""
    hits = [{"term": h.term, "field": h.field, "start": h.start, "end": h.end, "text": h.text}
            for h in match.hits]
    cursor = db.execute(
        """INSERT INTO alerts (rule, item_id, created_at, terms, match_count, hits, snippet)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        [match.rule, item_id, iso(now), json.dumps(list(match.terms), ensure_ascii=False),
         match.count, json.dumps(hits, ensure_ascii=False), match.snippet],
    )
    return int(cursor.lastrowid) if cursor.rowcount else None


def _time(value: str | None) -> datetime | None:
    return parse_date(value)[0] if value else None


def row_to_alert(row: dict[str, Any]) -> Alert:
    """An Alert from a row of _SELECT."""
    hits = tuple(Hit(**h) for h in json.loads(row["hits"]))
    return Alert(
        id=row["id"], created_at=_time(row["created_at"]),  # type: ignore[arg-type]
        rule=row["rule"], terms=tuple(json.loads(row["terms"])), count=row["match_count"],
        item_id=row["item_id"], title=row["title"], url=row["url"], source=row["source"],
        published_at=_time(row["published_at"]), snippet=row["snippet"], hits=hits,
        acked_at=_time(row["acked_at"]),
    )


def unlogged(db: Database) -> list[Alert]:
    """Alerts not yet written to the alert log, oldest first."""
    return [row_to_alert(r) for r in db.query(f"{_SELECT} WHERE a.logged_at IS NULL ORDER BY a.id")]


def mark_logged(db: Database, ids: list[int], now: datetime) -> None:
    """Record that these alerts are in the log."""
    with write_transaction(db):
        db.conn.executemany("UPDATE alerts SET logged_at = ? WHERE id = ?", [(iso(now), i) for i in ids])


def listing(db: Database, *, rules: tuple[str, ...] = (), since: datetime | None = None,
            unreviewed: bool = False, limit: int = 50) -> list[Alert]:
    """Alerts newest first, filtered by rule, creation time and review state."""
    where, params = [], []
    if rules:
        where.append(f"a.rule IN ({','.join('?' * len(rules))})")
        params.extend(rules)
    if since is not None:
        where.append("a.created_at >= ?")
        params.append(iso(since))
    if unreviewed:
        where.append("a.acked_at IS NULL")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    params.append(limit)
    return [row_to_alert(r) for r in db.query(f"{_SELECT}{clause} ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
                                              params)]


def ack(db: Database, ids: list[int], now: datetime) -> tuple[list[int], list[int]]:
    """Mark alerts reviewed; returns (ids acknowledged now or before, ids that do not exist)."""
    known, missing = [], []
    with write_transaction(db):
        for alert_id in ids:
            cursor = db.execute("UPDATE alerts SET acked_at = coalesce(acked_at, ?) WHERE id = ?",
                                [iso(now), alert_id])
            (known if cursor.rowcount else missing).append(alert_id)
    return known, missing
