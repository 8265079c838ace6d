"""What the dashboard and the report read (SQLite): stories per rule per day or hour, the most carried
stories of a period, and each source's health. Read-only."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.sql import Db

from monitor.models import Attention, RuleActivity, SourceHealth, TopStory, from_iso, iso
from storage import watch


def _bucket(moment: datetime, hourly: bool) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0) if hourly else \
        moment.replace(hour=0, minute=0, second=0, microsecond=0)


def buckets(since: datetime, until: datetime, hourly: bool) -> list[datetime]:
    """Every bucket start from since's bucket to until's, inclusive."""
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    current, last, found = _bucket(since, hourly), _bucket(until, hourly), []
    while current <= last:
        found.append(current)
        current += step
    return found


def activity(db: Db, rules: list[str], since: datetime, until: datetime, hourly: bool) -> list[RuleActivity]:
    """Per rule (those given, then any other that alerted in the period): stories per bucket, spikes."""
    width = 13 if hourly else 10
    suffix = ":00:00+00:00" if hourly else "T00:00:00+00:00"
    counts: dict[str, dict[datetime, int]] = {rule: {} for rule in rules}
    for rule, bucket, count in db.execute(
            f"SELECT rule, substr(created_at, 1, {width}), count(*) FROM alerts "
            "WHERE created_at >= ? AND created_at <= ? GROUP BY 1, 2", [iso(since), iso(until)]):
        counts.setdefault(rule, {})[datetime.fromisoformat(bucket + suffix)] = count
    spikes = [s for s in watch.spikes(db, None, limit=10_000) if since - timedelta(hours=1) < s.hour <= until]
    every = buckets(since, until, hourly)
    return [RuleActivity(rule=rule, counts=tuple((b, found.get(b, 0)) for b in every),
                         spikes=tuple(sorted((s for s in spikes if s.rule == rule), key=lambda s: s.hour)))
            for rule, found in counts.items()]


def top_stories(db: Db, since: datetime, until: datetime, per_rule: int = 5) -> list[TopStory]:
    """Each rule's stories alerted in the period, most sources and copies first."""
    rows = db.execute(
        """WITH carried AS (
               SELECT c.story_id, count(*) AS copies, group_concat(DISTINCT s.source) AS sources,
                      count(DISTINCT s.source) AS source_count
               FROM item_sightings s JOIN items c ON c.id = s.item_id
               WHERE c.story_id IN (SELECT story_id FROM alerts WHERE created_at >= ? AND created_at <= ?)
               GROUP BY c.story_id),
           ranked AS (
               SELECT a.rule, a.story_id, i.title, i.url, carried.copies, carried.sources, i.first_seen_at,
                      row_number() OVER (PARTITION BY a.rule
                                         ORDER BY carried.source_count DESC, carried.copies DESC, a.id) AS place
               FROM alerts a JOIN items i ON i.id = a.item_id JOIN carried ON carried.story_id = a.story_id
               WHERE a.created_at >= ? AND a.created_at <= ?)
           SELECT rule, story_id, title, url, copies, sources, first_seen_at FROM ranked
           WHERE place <= ? ORDER BY rule, place""",
        [iso(since), iso(until), iso(since), iso(until), per_rule]).fetchall()
    return [TopStory(rule=r[0], story_id=r[1], title=r[2], url=r[3], copies=r[4],
                     sources=tuple(sorted((r[5] or "").split(","))), first_seen_at=from_iso(r[6]))  # type: ignore[arg-type]
            for r in rows]


def source_health(db: Db) -> list[SourceHealth]:
    """Every configured source: last outcome, failures, last success, last new item, open silence."""
    silent = {s.source: s.reason for s in watch.open_silences(db).values()}
    rows = db.execute(
        """SELECT s.name, s.kind, s.enabled, s.last_outcome, s.consecutive_failures, s.last_error, s.last_success_at,
                  (SELECT max(first_seen_at) FROM item_sightings g WHERE g.source = s.name),
                  (SELECT count(*) FROM item_sightings g WHERE g.source = s.name)
           FROM sources s WHERE s.in_config = 1 ORDER BY s.consecutive_failures DESC, s.name""").fetchall()
    return [SourceHealth(name=r[0], kind=r[1], enabled=bool(r[2]), last_outcome=r[3], consecutive_failures=r[4] or 0,
                         last_error=r[5], last_success_at=from_iso(r[6]), last_item_at=from_iso(r[7]), items=r[8],
                         silence=silent.get(r[0])) for r in rows]


def attention(db: Db, rules: list[str], since: datetime, until: datetime, hourly: bool,
              per_rule: int = 5) -> Attention:
    """The dashboard's and the report's whole view of a period."""
    return Attention(since=since, until=until, hourly=hourly,
                     rules=tuple(activity(db, rules, since, until, hourly)),
                     top=tuple(top_stories(db, since, until, per_rule)), sources=tuple(source_health(db)))
