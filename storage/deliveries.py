"""The deliveries table (SQLite): the notification outbox, one row per (alert, target)."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from monitor.models import Delivery, TargetStatus, from_iso, iso
from storage.alerts import _SELECT, row_to_alert


def add(db: Database, alert_id: int, targets: tuple[str, ...] | list[str], now: datetime) -> None:
    """Queue an alert for these targets (once per target)."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO deliveries (alert_id, target, created_at, next_attempt_at) VALUES (?, ?, ?, ?)",
        [(alert_id, target, iso(now), iso(now)) for target in targets])


def due(db: Database, now: datetime, limit: int = 100) -> list[Delivery]:
    """Deliveries not yet made whose next attempt is due, oldest first."""
    rows = db.execute(
        "SELECT id, target, alert_id, attempts FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at <= ? "
        "ORDER BY next_attempt_at, id LIMIT ?", [iso(now), limit]).fetchall()
    if not rows:
        return []
    ids = sorted({row[2] for row in rows})
    alerts = {row["id"]: row_to_alert(row) for row in db.query(
        f"{_SELECT} WHERE a.id IN ({','.join('?' * len(ids))})", ids)}
    return [Delivery(id=row[0], target=row[1], alert=alerts[row[2]], attempts=row[3]) for row in rows
            if row[2] in alerts]


def delivered(db: Database, delivery_id: int, now: datetime) -> None:
    """Record that a delivery was made."""
    db.execute("UPDATE deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
               [iso(now), delivery_id])


def failed(db: Database, delivery_id: int, error: str, next_attempt_at: datetime) -> None:
    """Record a failed attempt and when to try again."""
    db.execute("UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
               [error, iso(next_attempt_at), delivery_id])


def status(db: Database) -> list[TargetStatus]:
    """Each target's pending and failing deliveries, last error and last delivery."""
    return [TargetStatus(target=r[0], pending=r[1], failing=r[2], last_error=r[3], last_delivered_at=from_iso(r[4]))
            for r in db.execute(
                """SELECT target,
                          sum(delivered_at IS NULL),
                          sum(delivered_at IS NULL AND attempts > 0),
                          (SELECT last_error FROM deliveries e WHERE e.target = d.target AND e.last_error IS NOT NULL
                           ORDER BY e.next_attempt_at DESC LIMIT 1),
                          max(delivered_at)
                   FROM deliveries d GROUP BY target ORDER BY target""")]
