"""The alerts table: one alert per (rule, item), review state (ack, unack), listing with filters, and
the outbox for the alert log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.sql import Db

from monitor.models import Alert, Hit, Match, from_iso, iso

# copies: every delivery of the alert's story (sightings of all its items); sources: who delivered it.
_SELECT = """SELECT a.*, i.title, i.url, i.source, i.published_at,
                    (SELECT count(*) FROM item_sightings s JOIN items c ON c.id = s.item_id
                     WHERE c.story_id = a.story_id) AS copies,
                    (SELECT group_concat(source, '\x1f') FROM (
                        SELECT s.source FROM item_sightings s JOIN items c ON c.id = s.item_id
                        WHERE c.story_id = a.story_id GROUP BY s.source ORDER BY min(s.id))) AS copy_sources
             FROM alerts a JOIN items i ON i.id = a.item_id"""


def add(db: Db, item_id: int, story_id: int, match: Match, now: datetime,
        from_update: bool = False) -> int | None:
    """Store an alert unless this rule already alerted on this story; returns the new id or None.

    An alert raised by an update names the item's earlier alerts, so a reader can follow the thread.
    """
    hits = [{"term": h.term, "field": h.field, "start": h.start, "end": h.end, "text": h.text}
            for h in match.hits]
    earlier = [r[0] for r in db.execute("SELECT id FROM alerts WHERE item_id = ? ORDER BY id", [item_id])] \
        if from_update else []
    cursor = db.execute(
        """INSERT INTO alerts (rule, item_id, story_id, created_at, terms, match_count, hits, snippet,
                               from_update, earlier_alerts)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""",
        [match.rule, item_id, story_id, iso(now), json.dumps(list(match.terms), ensure_ascii=False),
         match.count, json.dumps(hits, ensure_ascii=False), match.snippet, int(from_update),
         json.dumps(earlier)],
    )
    row = cursor.fetchone()
    return int(row[0]) if row else None


def row_to_alert(row: dict[str, Any]) -> Alert:
    """An Alert from a row of _SELECT."""
    hits = tuple(Hit(**h) for h in json.loads(row["hits"]))
    return Alert(
        id=row["id"], created_at=from_iso(row["created_at"]),  # type: ignore[arg-type]
        rule=row["rule"], terms=tuple(json.loads(row["terms"])), count=row["match_count"],
        item_id=row["item_id"], title=row["title"], url=row["url"], source=row["source"],
        published_at=from_iso(row["published_at"]), snippet=row["snippet"], hits=hits,
        acked_at=from_iso(row["acked_at"]), story_id=row["story_id"], copies=max(1, row["copies"] or 1),
        copy_sources=tuple((row["copy_sources"] or row["source"]).split("\x1f")),
        from_update=bool(row["from_update"]), earlier_alerts=tuple(json.loads(row["earlier_alerts"])),
    )


def unlogged(db: Db, created_before: datetime | None = None) -> list[Alert]:
    """Alerts not yet written to the alert log (created before a time, if given), oldest first."""
    if created_before is None:
        return [row_to_alert(r) for r in db.query(f"{_SELECT} WHERE a.logged_at IS NULL ORDER BY a.id")]
    return [row_to_alert(r) for r in db.query(
        f"{_SELECT} WHERE a.logged_at IS NULL AND a.created_at <= ? ORDER BY a.id", [iso(created_before)])]


def mark_logged(db: Db, ids: list[int], now: datetime) -> None:
    """Record that these alerts are in the log."""
    db.conn.executemany("UPDATE alerts SET logged_at = ? WHERE id = ?", [(iso(now), i) for i in ids])


def listing(db: Db, *, rules: tuple[str, ...] = (), since: datetime | None = None,
            unreviewed: bool = False, limit: int = 50, sources: tuple[str, ...] = (),
            stories: tuple[int, ...] = (), text: tuple[str, list[Any]] | None = None) -> list[Alert]:
    """Alerts newest first, filtered by rule, creation time, review state, the sources that delivered
    their story (any sighting of any of its items: the alert's copy_sources), story, and words in the
    alerted item's title, summary or body (`text`: the backend's full-text condition on
    `a.item_id`, with its parameters).
    """
    where: list[str] = []
    params: list[Any] = []
    if rules:
        where.append(f"a.rule IN ({','.join('?' * len(rules))})")
        params.extend(rules)
    if since is not None:
        where.append("a.created_at >= ?")
        params.append(iso(since))
    if unreviewed:
        where.append("a.acked_at IS NULL")
    if sources:
        marks = ",".join("?" * len(sources))
        # i.source: the item's first source, which copy_sources falls back to when it has no sighting.
        where.append(f"""(i.source IN ({marks}) OR EXISTS (
                             SELECT 1 FROM items c JOIN item_sightings s ON s.item_id = c.id
                             WHERE c.story_id = a.story_id AND s.source IN ({marks})))""")
        params.extend(sources)
        params.extend(sources)
    if stories:
        where.append(f"a.story_id IN ({','.join('?' * len(stories))})")
        params.extend(stories)
    if text is not None:
        condition, values = text
        where.append(condition)
        params.extend(values)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    params.append(limit)
    return [row_to_alert(r) for r in db.query(f"{_SELECT}{clause} ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
                                              params)]


def ack(db: Db, ids: list[int], now: datetime) -> tuple[list[int], list[int]]:
    """Mark alerts reviewed; returns (ids acknowledged now or before, ids that do not exist)."""
    return _set_acked(db, ids, "coalesce(acked_at, ?)", [iso(now)])


def unack(db: Db, ids: list[int]) -> tuple[list[int], list[int]]:
    """Mark alerts not reviewed again; returns (ids unacknowledged now or never acknowledged, ids that
    do not exist)."""
    return _set_acked(db, ids, "NULL", [])


def _set_acked(db: Db, ids: list[int], value: str, params: list[Any]) -> tuple[list[int], list[int]]:
    known: list[int] = []
    missing: list[int] = []
    for alert_id in ids:
        cursor = db.execute(f"UPDATE alerts SET acked_at = {value} WHERE id = ?", [*params, alert_id])
        (known if cursor.rowcount else missing).append(alert_id)
    return known, missing
