"""Retention: `[retention]`, `monitor prune`, the tombstones purged items leave, and the
near-duplicate index kept to the story window (real SQLite files, the real pipeline, real subprocesses)."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import run_monitor
from monitor.config import load
from monitor.dedupe import Verdict, classify
from monitor.models import Item, Known, Retention
from monitor.pipeline import store_item

DAY = 86400.0
T0 = datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc)
WORDS = [f"w{n}" for n in range(3000)]

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>
{items}</channel></rss>"""
ENTRY = """<item><title>{title}</title><link>https://news.example.org/{slug}</link><guid>{slug}</guid>
<description><![CDATA[<p>{body}</p>]]></description></item>"""


def _text(rng: random.Random, words: int = 80) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _item(n: int, rng: random.Random, when: datetime, source: str = "desk") -> Item:
    from monitor.dedupe import hashes

    title, body = f"Story number {n}", _text(rng)
    content, text = hashes(title, "", body)
    return Item(source=source, url=f"https://news.example.org/{n}", guid=f"g-{n}", title=title, author=None,
                publisher=None, published_at=when, published_raw=None, date_suspect=None, fetched_at=when,
                summary="", body=body, content_hash=content, location=None, text_hash=text)


def _counts(db) -> dict[str, int]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'")]
    return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _dump(path: Path) -> list[str]:
    """Every row of the database as SQL text (the file's bytes move with WAL checkpoints)."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_retention_section_defaults_and_zero_keeps(make_config) -> None:
    path = make_config([])
    assert load(path).retention == Retention(fetches=90 * DAY, items=None, revisions=180 * DAY)
    path.write_text(path.read_text() + '\n[retention]\nitems = "30d"\nfetches = "0"\n')
    assert load(path).retention == Retention(fetches=None, items=30 * DAY, revisions=180 * DAY)


def test_classify_a_tombstone_hit_is_a_duplicate_unless_a_front_page() -> None:
    item = _item(1, random.Random(1), T0)
    decision = classify(item, Known(tombstones=frozenset({"url"})))
    assert (decision.verdict, decision.item_id, decision.matched_on) == (Verdict.DUPLICATE, None, "tombstone_url")
    front = Item(**{**{f: getattr(item, f) for f in item.__slots__}, "url": "https://news.example.org/"})  # type: ignore[attr-defined]
    assert classify(front, Known(tombstones=frozenset({"url"}))).verdict is Verdict.NEW
    assert classify(item, Known()).verdict is Verdict.NEW


def test_lsh_bands_stay_within_the_story_window_over_simulated_months(make_config, open_monitor) -> None:
    now = [T0]
    path = make_config([{"name": "desk", "kind": "feed", "url": "https://news.example.org/feed"}],
                       story_window="7d")
    monitor = open_monitor(path, clock=lambda: now[0])
    monitor.db.sync_sources(monitor.config.sources, T0)
    rng = random.Random(7)
    per_day, days = 20, 60
    window_items = []
    for day in range(days):
        for n in range(per_day):
            now[0] = T0 + timedelta(days=day, minutes=n)
            store_item(monitor.db, _item(day * per_day + n, rng, now[0]), monitor.ctx)
        report = monitor.db.prune(monitor.config.retention, monitor.config.settings.story_window, now[0], batch=50)
        assert report.rows["items"] == 0  # items are kept by default
        since = (now[0] - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
        within = monitor.db.execute("SELECT count(*) FROM items WHERE first_seen_at >= ?", [since]).fetchone()[0]
        bands = monitor.db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
        assert bands <= within * 64
        window_items.append(within)
    assert monitor.db.execute("SELECT count(*) FROM items").fetchone()[0] == per_day * days
    assert max(window_items) <= per_day * 8  # flat: the window's items, not the store's
    banded = monitor.db.execute("SELECT count(DISTINCT item_id) FROM lsh_bands").fetchone()[0]
    assert 0 < banded <= per_day * 8


def test_ingest_keeps_lsh_bands_within_the_story_window_without_a_prune(make_config, open_monitor) -> None:
    now = [T0]
    path = make_config([{"name": "desk", "kind": "feed", "url": "https://news.example.org/feed"}],
                       story_window="7d")
    monitor = open_monitor(path, clock=lambda: now[0])
    monitor.db.sync_sources(monitor.config.sources, T0)
    rng = random.Random(11)
    per_day, days = 10, 30
    for day in range(days):
        for n in range(per_day):
            now[0] = T0 + timedelta(days=day, minutes=n)
            store_item(monitor.db, _item(day * per_day + n, rng, now[0]), monitor.ctx)
        since = (now[0] - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
        within = monitor.db.execute("SELECT count(*) FROM items WHERE first_seen_at >= ?", [since]).fetchone()[0]
        oldest = monitor.db.execute("SELECT min(i.first_seen_at) FROM lsh_bands b JOIN items i ON i.id = b.item_id"
                                    ).fetchone()[0]
        assert oldest >= since  # every item that left the window lost its bands as the next ones came
        assert monitor.db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] <= within * 64
    assert monitor.db.execute("SELECT count(*) FROM items").fetchone()[0] == per_day * days


def test_fetches_older_than_90_days_go_and_dry_run_changes_nothing(make_config, feed_server, open_monitor) -> None:
    rng = random.Random(3)
    url = feed_server.add("/feed.xml", FEED.format(items=ENTRY.format(title="A", slug="a", body=_text(rng))),
                          content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}])
    for age in (120, 91, 30, 1):
        monitor = open_monitor(path, clock=lambda age=age: T0 - timedelta(days=age))
        monitor.ingest()
    db = monitor.db
    before = _counts(db)
    dry = db.prune(monitor.config.retention, monitor.config.settings.story_window, T0, dry_run=True)
    assert _counts(db) == before
    assert dry.rows["fetches"] == 2 and dry.rows["items"] == 0
    done = db.prune(monitor.config.retention, monitor.config.settings.story_window, T0)
    assert done.rows == dry.rows
    kept = [r[0] for r in db.execute("SELECT started_at FROM fetches ORDER BY started_at")]
    assert kept == ["2021-12-16T12:00:00Z", "2022-01-14T12:00:00Z"]


def test_a_purged_item_seen_again_is_a_duplicate_and_raises_no_alert(make_config, feed_server, open_monitor) -> None:
    rng = random.Random(5)
    old = ENTRY.format(title="Harvest report", slug="old", body=_text(rng))
    url = feed_server.add("/feed.xml", FEED.format(items=old), content_type="application/rss+xml")
    quiet = '\n[[rules]]\nname = "Nothing"\nterms = ["zzzz"]\n'
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}], rules=quiet)
    first = open_monitor(path, clock=lambda: T0 - timedelta(days=60))
    assert first.ingest().items_new == 1
    path.write_text(path.read_text() + '\n[retention]\nitems = "30d"\n')
    config = load(path)
    dry = first.db.prune(config.retention, config.settings.story_window, T0, dry_run=True)
    report = first.db.prune(config.retention, config.settings.story_window, T0)
    assert report.rows == dry.rows
    assert {k: report.rows[k] for k in ("items", "item_sightings", "item_signatures", "stories")} == \
        {"items": 1, "item_sightings": 1, "item_signatures": 1, "stories": 1}
    assert first.db.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    assert first.db.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'harvest'").fetchone()[0] == 0
    assert {r[0] for r in first.db.execute("SELECT kind FROM tombstones")} == \
        {"guid", "url", "content_hash", "text_hash"}
    # A rule that matches it now; the feed comes back with the old entry and a new one.
    path.write_text(path.read_text().replace('terms = ["zzzz"]', 'terms = ["harvest", "weather"]'))
    feed_server.add("/feed.xml", FEED.format(items=old + ENTRY.format(title="Weather report", slug="new",
                                                                       body=_text(rng))),
                    content_type="application/rss+xml")
    again = open_monitor(path, clock=lambda: T0)
    record = again.ingest()
    assert (record.items_new, record.items_duplicate, record.alerts) == (1, 1, 1)
    assert [r[0] for r in again.db.execute("SELECT title FROM items")] == ["Weather report"]
    assert [r[0] for r in again.db.execute("SELECT rule FROM alerts")] == ["Nothing"]


def test_an_alerted_item_is_kept_with_its_alert(make_config, feed_server, open_monitor) -> None:
    rng = random.Random(9)
    url = feed_server.add("/feed.xml", FEED.format(items=ENTRY.format(title="Putin speaks", slug="p", body=_text(rng))),
                          content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}])
    monitor = open_monitor(path, clock=lambda: T0 - timedelta(days=400))
    assert monitor.ingest().alerts == 1
    report = monitor.db.prune(Retention(items=30 * DAY), 14 * DAY, T0)
    assert report.rows["items"] == 0 and report.rows["lsh_bands"] > 0
    assert monitor.db.execute("SELECT count(*) FROM alerts JOIN items ON items.id = alerts.item_id").fetchone()[0] == 1


def test_monitor_prune_dry_run_then_prune(make_config, feed_server, open_monitor, tmp_path: Path) -> None:
    rng = random.Random(11)
    url = feed_server.add("/feed.xml", FEED.format(items=ENTRY.format(title="Old", slug="o", body=_text(rng))),
                          content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}], rules="")
    path.write_text(path.read_text() + '\n[retention]\nitems = "30d"\n')
    open_monitor(path, clock=lambda: datetime.now(timezone.utc) - timedelta(days=100)).ingest()
    database = tmp_path / "monitor.db"
    before = _dump(database)
    dry = run_monitor("prune", "--dry-run", "--config", str(path))
    assert dry.code == 0, dry.stderr
    assert "items" in dry.stdout and "would delete" in dry.stdout
    assert _dump(database) == before
    done = run_monitor("prune", "--json", "--config", str(path))
    assert done.code == 0, done.stderr
    rows = json.loads(done.stdout)["rows"]
    assert (rows["items"], rows["fetches"]) == (1, 1)


def test_the_daemon_prunes_daily(make_config) -> None:
    from jobs.scheduler import build_scheduler

    scheduler = build_scheduler(load(make_config([])), T0)
    job = scheduler.get_job("prune")
    assert job is not None and job.trigger.interval == timedelta(days=1)


def _old_band_index(db, texts: list[str], banded: int) -> list[tuple[int, int]]:
    """Items with these texts, each its own story, written by SQL into a store migrated before
    lsh_bands lost its item index; the first `banded` get band rows. Their (key, item id) rows."""
    from monitor.stories import signature

    at = "2022-01-15T12:00:00Z"
    db.execute("INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at) "
               "VALUES ('desk', 'feed', 'https://news.example.org/feed', 900, ?, ?)", [at, at])
    rows: list[tuple[int, int]] = []
    for n, text in enumerate(texts, start=1):
        sig = signature(text)
        assert sig is not None
        db.execute("INSERT INTO items (id, source, title, first_seen_at, updated_at, body, content_hash) "
                   "VALUES (?, 'desk', ?, ?, ?, ?, ?)", [n, f"Story {n}", at, at, text, f"{n:064x}"])
        db.execute("INSERT INTO stories (id, first_item_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                   [n, n, f"Story {n}", at, at])
        db.execute("UPDATE items SET story_id = ?, story_reason = 'first' WHERE id = ?", [n, n])
        db.execute("INSERT INTO item_signatures (item_id, minhash, shingles) VALUES (?, ?, ?)",
                   [n, sig.to_bytes(), sig.shingles])
        if n <= banded:
            rows += [(key, n) for key in sig.band_keys()]
    for key, item_id in rows:
        db.execute("INSERT INTO lsh_bands (key, item_id) VALUES (?, ?)", [key, item_id])
    return sorted(rows)


def test_migration_0012_keeps_the_band_rows_without_their_item_index(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from monitor.stories import signature
    from storage import open_store
    from storage.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    rng = random.Random(12)
    texts = [_text(rng) for _ in range(3)]
    old = Database(sqlite3.connect(path))
    old.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(old, stop_before="0012_lsh_bands_by_key_only")
    with old.conn:
        rows = _old_band_index(old, texts, banded=2)
    old.conn.close()

    store = open_store(path)
    try:
        assert sorted(tuple(r) for r in store.db.execute("SELECT key, item_id FROM lsh_bands")) == rows
        assert [r[0] for r in store.db.execute("SELECT item_id FROM lsh_banded ORDER BY item_id")] == [1, 2]
        assert [r[1] for r in store.db.execute("PRAGMA index_list(lsh_bands)")] == ["sqlite_autoindex_lsh_bands_1"]
        assert store.db.execute("PRAGMA foreign_key_list(lsh_bands)").fetchall() == []
        at = datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc)
        found = store.story_candidates(100, signature(texts[1]), None, at - timedelta(days=1))
        assert [c.item_id for c in found] == [2]
        assert store.story_candidates(100, signature(texts[2]), None, at - timedelta(days=1)) == []
        # found again by the keys of the stored signatures
        assert store.trim_bands(14 * DAY, at + timedelta(days=15)) == 128
        assert store.db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM lsh_banded").fetchone()[0] == 0
    finally:
        store.close()
