"""The notification outbox (SQLite): deliveries, one row per (alert, target), and messages, what is sent.

An alert's deliveries are written in the alert's transaction. The planner (monitor.notify.plan)
turns due deliveries into messages; a message row is written, and its deliveries point at it,
before anything is sent, so a retry or a restart after a crash sends that same message again
(with its idempotency key), never a recomposed one.
"""

from __future__ import annotations

import json
from datetime import datetime

from storage.sql import Db

from monitor.models import Delivery, OutboxMessage, PlannedMessage, TargetPlan, TargetStatus, from_iso, iso
from storage.alerts import _SELECT, row_to_alert

_UNSENT = "message_id IS NULL AND delivered_at IS NULL AND dropped_at IS NULL"


def add(db: Db, alert_id: int, targets: tuple[str, ...] | list[str], now: datetime) -> None:
    """Queue an alert for these targets (once per target)."""
    db.conn.executemany(
        "INSERT INTO deliveries (alert_id, target, created_at, next_attempt_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [(alert_id, target, iso(now), iso(now)) for target in targets])


def unsent(db: Db, target: str, now: datetime | None, limit: int = 10_000) -> list[Delivery]:
    """A target's deliveries not yet in a message (due by `now`, or all when None), oldest first."""
    rows = db.execute(
        f"SELECT id, target, alert_id, attempts, created_at FROM deliveries WHERE target = ? AND {_UNSENT} "
        f"{'AND next_attempt_at <= ?' if now else ''} ORDER BY id LIMIT ?",
        [target, iso(now), limit] if now else [target, limit]).fetchall()
    if not rows:
        return []
    ids = sorted({row[2] for row in rows})
    alerts = {}
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        chunk = ids[start:start + 500]
        alerts.update({row["id"]: row_to_alert(row) for row in db.query(
            f"{_SELECT} WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)})
    return [Delivery(id=row[0], target=row[1], alert=alerts[row[2]], attempts=row[3], created_at=from_iso(row[4]))
            for row in rows if row[2] in alerts]


def unsent_targets(db: Db, now: datetime) -> list[str]:
    """Targets with deliveries due to be planned."""
    return [row[0] for row in db.execute(
        f"SELECT DISTINCT target FROM deliveries WHERE {_UNSENT} AND next_attempt_at <= ?", [iso(now)])]


def last_messages(db: Db, target: str, since: datetime) -> dict[str, datetime]:
    """Per rule, when the target's latest instant message for it was queued (since a time)."""
    latest: dict[str, datetime] = {}
    for rules, created in db.execute(
            "SELECT rules, created_at FROM messages WHERE target = ? AND kind IN ('alert', 'alerts') "
            "AND created_at >= ? ORDER BY created_at", [target, iso(since)]):
        for rule in json.loads(rules):
            latest[rule] = from_iso(created)  # type: ignore[assignment]
    return latest


def last_digest(db: Db, target: str) -> datetime | None:
    """When the target's latest digest was queued."""
    row = db.execute("SELECT max(created_at) FROM messages WHERE target = ? AND kind = 'digest'", [target]).fetchone()
    return from_iso(row[0])


def queue(db: Db, message: PlannedMessage, now: datetime) -> int:
    """Write a message to the outbox and point its deliveries at it; returns its id."""
    start = max(now, message.not_before) if message.not_before else now
    cursor = db.execute(
        "INSERT INTO messages (target, kind, title, body, rules, key, created_at, next_attempt_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [message.target, message.kind, message.title, message.body, json.dumps(list(message.rules)),
         message.key, iso(now), iso(start)])
    message_id = int(cursor.fetchone()[0])
    if message.key is None:
        db.execute("UPDATE messages SET key = ? WHERE id = ?", [f"message-{message_id}", message_id])
    db.conn.executemany("UPDATE deliveries SET message_id = ?, held = NULL WHERE id = ?",
                        [(message_id, delivery_id) for delivery_id in message.delivery_ids])
    return message_id


def apply(db: Db, plan: TargetPlan, now: datetime) -> list[int]:
    """Queue a plan's messages, record its holds and drops; returns the new message ids."""
    ids = [queue(db, message, now) for message in plan.messages]
    for hold in plan.holds:
        db.conn.executemany("UPDATE deliveries SET next_attempt_at = ?, held = ? WHERE id = ?",
                            [(iso(hold.until), hold.reason, delivery_id) for delivery_id in hold.delivery_ids])
    db.conn.executemany("UPDATE deliveries SET dropped_at = ?, held = 'fewer copies than min_copies' WHERE id = ?",
                        [(iso(now), delivery_id) for delivery_id in plan.dropped])
    return ids


def due_messages(db: Db, now: datetime, limit: int = 1000,
                 exclude: frozenset[str] = frozenset()) -> list[OutboxMessage]:
    """Messages not yet delivered whose next attempt is due (but for `exclude` targets), oldest first."""
    skip = f"AND target NOT IN ({','.join('?' * len(exclude))})" if exclude else ""
    return [OutboxMessage(id=r[0], target=r[1], kind=r[2], title=r[3], body=r[4], key=r[5], attempts=r[6])
            for r in db.execute(
                "SELECT id, target, kind, title, body, key, attempts FROM messages "
                f"WHERE delivered_at IS NULL AND next_attempt_at <= ? {skip} ORDER BY next_attempt_at, id LIMIT ?",
                [iso(now), *sorted(exclude), limit])]


def next_due(db: Db) -> datetime | None:
    """The earliest time a message or a held delivery comes due."""
    row = db.execute(
        f"""SELECT min(t) FROM (
              SELECT min(next_attempt_at) AS t FROM messages WHERE delivered_at IS NULL
              UNION ALL SELECT min(next_attempt_at) FROM deliveries WHERE {_UNSENT})""").fetchone()
    return from_iso(row[0])


def sent(db: Db, message_id: int, now: datetime) -> None:
    """Record that a message was delivered, and with it each alert it carried."""
    db.execute("UPDATE messages SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
               [iso(now), message_id])
    db.execute("UPDATE deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL "
               "WHERE message_id = ?", [iso(now), message_id])


def failed(db: Db, message_id: int, error: str, next_attempt_at: datetime) -> None:
    """Record a failed attempt and when to try again."""
    for table, column in (("messages", "id"), ("deliveries", "message_id")):
        db.execute(f"UPDATE {table} SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                   f"WHERE {column} = ?", [error, iso(next_attempt_at), message_id])


def postpone(db: Db, target: str, until: datetime) -> None:
    """Make a target's undelivered messages due no sooner than `until` (it just failed a send)."""
    db.execute("UPDATE messages SET next_attempt_at = ? WHERE target = ? AND delivered_at IS NULL "
               "AND next_attempt_at < ?", [iso(until), target, iso(until)])


def status(db: Db) -> list[TargetStatus]:
    """Each target's queued and failing messages, held alerts, last error and last delivery."""
    held = dict(db.execute(f"SELECT target, count(*) FROM deliveries WHERE {_UNSENT} GROUP BY target").fetchall())
    found = {r[0]: TargetStatus(target=r[0], pending=r[1], failing=r[2], last_error=r[3],
                                last_delivered_at=from_iso(r[4]), held=held.get(r[0], 0))
             for r in db.execute(
                 """SELECT target,
                           count(*) FILTER (WHERE delivered_at IS NULL),
                           count(*) FILTER (WHERE delivered_at IS NULL AND attempts > 0),
                           (SELECT last_error FROM messages e WHERE e.target = m.target AND e.last_error IS NOT NULL
                            ORDER BY e.id DESC LIMIT 1),
                           max(delivered_at)
                    FROM messages m GROUP BY target""")}
    for target, count in held.items():
        found.setdefault(target, TargetStatus(target=target, pending=0, failing=0, last_error=None,
                                              last_delivered_at=None, held=count))
    return [found[target] for target in sorted(found)]
