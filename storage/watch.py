"""Spike and silence alerts (SQLite): the spikes and silences tables, and the history they are judged on.

A spike or silence is stored in the same transaction as the messages that announce it, as alerts
are with their deliveries: a crash can delay the news, never lose it or tell it twice.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.sql import Db

from monitor.models import PlannedMessage, SilenceAlert, SpikeAlert, SpikeStory, from_iso, iso
from storage import deliveries

_SUCCEEDED = ("ok", "not_modified", "unchanged")


def _announced(db: Db, inserted: Any, messages: list[PlannedMessage], now: datetime) -> int | None:
    """The id of the row an INSERT … RETURNING id stored, its messages queued with it; None (and
    nothing queued) where the row was there already."""
    if inserted is None:
        return None
    for message in messages:
        deliveries.queue(db, message, now)
    return int(inserted[0])


# --- spikes ---
def rule_hourly(db: Db, rule: str, since: datetime) -> dict[datetime, int]:
    """Stories the rule alerted on (one alert per rule and story) per UTC hour, since a time."""
    return {datetime.fromisoformat(f"{r[0]}:00:00+00:00"): r[1] for r in db.execute(
        "SELECT substr(created_at, 1, 13), count(*) FROM alerts WHERE rule = ? AND created_at >= ? GROUP BY 1",
        [rule, iso(since)])}


def watched_since(db: Db, published: bool = False) -> datetime | None:
    """When the store's history begins (its first item, first seen; or, with `published`, its earliest
    published or first-seen time): hours before it are not counted as quiet hours of any rule."""
    column = "coalesce(published_at, first_seen_at)" if published else "first_seen_at"
    return from_iso(db.execute(f"SELECT min({column}) FROM items").fetchone()[0])


def spike_stories(db: Db, rule: str, start: datetime, end: datetime, limit: int = 5) -> tuple[SpikeStory, ...]:
    """The rule's stories matched in [start, end), most copies first."""
    rows = db.execute(
        """SELECT a.story_id, i.title, i.url,
                  (SELECT count(*) FROM item_sightings s JOIN items c ON c.id = s.item_id
                   WHERE c.story_id = a.story_id) AS copies
           FROM alerts a JOIN items i ON i.id = a.item_id
           WHERE a.rule = ? AND a.created_at >= ? AND a.created_at < ?
           ORDER BY copies DESC, a.id LIMIT ?""", [rule, iso(start), iso(end), limit]).fetchall()
    return tuple(SpikeStory(story_id=r[0], title=r[1], url=r[2], copies=max(1, r[3])) for r in rows)


def last_spike(db: Db, rule: str) -> datetime | None:
    """The hour of the rule's latest spike."""
    return from_iso(db.execute("SELECT max(hour) FROM spikes WHERE rule = ?", [rule]).fetchone()[0])


def add_spike(db: Db, spike: SpikeAlert, messages: list[PlannedMessage], now: datetime) -> int | None:
    """Store a spike and queue its messages, unless that rule's hour is stored already; the new id or None."""
    stories = [{"story_id": s.story_id, "title": s.title, "url": s.url, "copies": s.copies} for s in spike.stories]
    cursor = db.execute(
        "INSERT INTO spikes (rule, hour, count, baseline, p_value, stories, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING RETURNING id",
        [spike.rule, iso(spike.hour), spike.count, spike.baseline, spike.p_value,
         json.dumps(stories, ensure_ascii=False), iso(now)])
    return _announced(db, cursor.fetchone(), messages, now)


def spikes(db: Db, rule: str | None = None, limit: int = 50) -> list[SpikeAlert]:
    """Stored spikes, newest hour first."""
    rows = db.execute(
        "SELECT id, rule, hour, count, baseline, p_value, stories, created_at FROM spikes "
        f"{'WHERE rule = ?' if rule else ''} ORDER BY hour DESC, id DESC LIMIT ?",
        [rule, limit] if rule else [limit]).fetchall()
    return [SpikeAlert(id=r[0], rule=r[1], hour=from_iso(r[2]), count=r[3], baseline=r[4],  # type: ignore[arg-type]
                       p_value=r[5], stories=tuple(SpikeStory(**s) for s in json.loads(r[6])),
                       created_at=from_iso(r[7])) for r in rows]


# --- silences ---
ARRIVALS_LIMIT = 2000  # a cadence needs the recent arrivals, not a busy source's whole month


def source_item_times(db: Db, source: str, since: datetime) -> list[datetime]:
    """When the source first delivered each of its items (copies of other sources' items included),
    since a time: the latest ARRIVALS_LIMIT, oldest first."""
    rows = db.execute("SELECT first_seen_at FROM item_sightings WHERE source = ? AND first_seen_at >= ? "
                      "ORDER BY first_seen_at DESC LIMIT ?", [source, iso(since), ARRIVALS_LIMIT]).fetchall()
    return [from_iso(r[0]) for r in reversed(rows)]  # type: ignore[misc]


def latest_arrival(db: Db, source: str) -> datetime | None:
    """When the source first delivered its newest item (one probe of item_sightings_source_seen)."""
    row = db.execute("SELECT first_seen_at FROM item_sightings WHERE source = ? ORDER BY first_seen_at DESC LIMIT 1",
                     [source]).fetchone()
    return from_iso(row[0]) if row else None


def failing_since(db: Db, source: str) -> datetime | None:
    """The first of the source's current run of unsuccessful fetches (skipped runs aside), if any."""
    ok = ",".join("?" * len(_SUCCEEDED))
    row = db.execute(
        f"""SELECT min(started_at) FROM fetches WHERE source = ? AND outcome != 'skipped' AND started_at > coalesce(
              (SELECT max(started_at) FROM fetches WHERE source = ? AND outcome IN ({ok})), '')""",
        [source, source, *_SUCCEEDED]).fetchone()
    return from_iso(row[0])


def _silence(row: Any) -> SilenceAlert:
    return SilenceAlert(id=row[0], source=row[1], reason=row[2], since=from_iso(row[3]),  # type: ignore[arg-type]
                        detail=row[4], raised_at=from_iso(row[5]), cleared_at=from_iso(row[6]))  # type: ignore[arg-type]


_SILENCE_COLUMNS = "id, source, reason, since, detail, raised_at, cleared_at"


def open_silences(db: Db) -> dict[str, SilenceAlert]:
    """The silences not yet cleared, by source."""
    return {row[1]: _silence(row) for row in db.execute(
        f"SELECT {_SILENCE_COLUMNS} FROM silences WHERE cleared_at IS NULL")}


def silences(db: Db, limit: int = 50) -> list[SilenceAlert]:
    """Silences, latest first."""
    return [_silence(row) for row in db.execute(
        f"SELECT {_SILENCE_COLUMNS} FROM silences ORDER BY raised_at DESC, id DESC LIMIT ?", [limit])]


def raise_silence(db: Db, silence: SilenceAlert, messages: list[PlannedMessage], now: datetime) -> int | None:
    """Store a silence and queue its messages, unless the source has one open; the new id or None."""
    cursor = db.execute(
        "INSERT INTO silences (source, reason, since, detail, raised_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING RETURNING id",
        [silence.source, silence.reason, iso(silence.since), silence.detail, iso(silence.raised_at)])
    return _announced(db, cursor.fetchone(), messages, now)


def clear_silence(db: Db, silence_id: int, messages: list[PlannedMessage], now: datetime) -> bool:
    """Mark a silence cleared and queue its messages; False when it was cleared already."""
    cursor = db.execute("UPDATE silences SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL", [iso(now), silence_id])
    if not cursor.rowcount:
        return False
    for message in messages:
        deliveries.queue(db, message, now)
    return True
