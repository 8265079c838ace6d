"""Retention (SQLite): what is old enough to go, in batches small enough that ingest never waits.

Each step deletes at most `batch` rows (items: `batch` items with everything that hangs off them)
and reports what it removed; the store runs each step in its own write transaction, so the write
lock is released between batches. What goes, and what stays:

- items not seen by any source (nor updated) for `items` seconds, unless an alert names them (an
  alert is the record of what was reported, and keeps its item, story and deliveries). A purged
  item takes its sightings, signature, LSH bands, revisions and full-text row with it and leaves
  a tombstone per identity key (GUID per source, canonical URLs, content and text hash), which
  `items.known` reads; a story left without items goes too, a story that lost its first item
  names its earliest remaining one instead;
- LSH bands of items first seen before the story window: story_candidates never looks further
  back, so they can never be candidates again (the signature stays, for the item's story);
- fetch records older than `fetches`, and revisions replaced longer than `revisions` ago.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from storage.stories import banded_keys, drop_item_bands
from storage.sql import Db

from monitor.models import Retention, iso

# The tables a prune reports on, in the order it reports them.
TABLES = ("items", "item_sightings", "item_signatures", "lsh_bands", "item_revisions", "stories",
          "tombstones", "fetches")

# Each walks an index on its time column, oldest first, and stops at the batch's size: a step that
# finds nothing (most days) reads no more than the rows older than the cut-off, never whole tables.
_ITEMS = """SELECT i.id FROM items i INDEXED BY items_first_seen_at
            WHERE i.updated_at < :cut AND i.first_seen_at < :cut
              AND NOT EXISTS (SELECT 1 FROM item_sightings s WHERE s.item_id = i.id AND s.last_seen_at >= :cut)
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.item_id = i.id)"""
# lsh_banded lists the items with band rows (bounded by the window), in item order.
_BANDED = """SELECT b.item_id FROM lsh_banded b JOIN items i ON i.id = b.item_id WHERE i.first_seen_at < :cut"""
# Ids grow with first_seen_at, so the items leaving the window are among the oldest banded ids:
# looking at those only, a step costs the same whether the window holds a thousand items or a
# million (filtering the whole index by time, as _BANDED does, read all of it under the write lock
# when nothing was old). An item stored under a clock set back lingers there until those before
# it leave; lookups still skip it by its time.
_OLDEST_BANDED = """SELECT i.id FROM items i WHERE i.id IN (
                        SELECT b.item_id FROM lsh_banded b ORDER BY b.item_id LIMIT :limit)
                    AND i.first_seen_at < :cut ORDER BY i.id"""
_FETCHES = "SELECT id FROM fetches INDEXED BY fetches_started WHERE started_at < :cut"
_REVISIONS = "SELECT id FROM item_revisions WHERE replaced_at < :cut"


def cutoffs(retention: Retention, story_window: float, now: datetime) -> dict[str, str | None]:
    """Per step, the time before which rows go (None: that step keeps everything)."""
    def before(age: float | None) -> str | None:
        return iso(now - timedelta(seconds=age)) if age else None
    return {"items": before(retention.items), "lsh_bands": before(story_window),
            "fetches": before(retention.fetches), "item_revisions": before(retention.revisions)}


def _ids(db: Db, sql: str, cut: str, limit: int | None = None) -> list[int]:
    tail = " LIMIT :limit" if limit else ""
    return [row[0] for row in db.execute(sql + tail, {"cut": cut, "limit": limit})]


def _count(db: Db, table: str, column: str, ids: list[int]) -> int:
    total = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        total += db.execute(f"SELECT count(*) FROM {table} WHERE {column} IN ({marks})", chunk).fetchone()[0]
    return total


def _band_rows(db: Db, ids: list[int]) -> int:
    """The band rows these items have (what deleting their bands removes)."""
    return sum(len(keys) for keys in banded_keys(db, ids).values())


def _tombstone_keys(db: Db, ids: list[int]) -> set[tuple[str, str, int]]:
    """(kind, key, item id) of every identity key of these items (as items.known looks them up)."""
    keys: set[tuple[str, str, int]] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for item_id, url, content, text in db.execute(
                f"SELECT id, url, content_hash, text_hash FROM items WHERE id IN ({marks})", chunk):
            if url:
                keys.add(("url", url, item_id))
            if text:  # content hashes identify only texts long enough to have a text hash
                keys.add(("content_hash", content, item_id))
                keys.add(("text_hash", text, item_id))
        for item_id, source, guid, url in db.execute(
                f"SELECT item_id, source, guid, url FROM item_sightings WHERE item_id IN ({marks})", chunk):
            if guid:
                keys.add(("guid", guid_key(source, guid), item_id))
            if url:
                keys.add(("url", url, item_id))
    return keys


def guid_key(source: str, guid: str) -> str:
    """A GUID's tombstone key: GUIDs identify an item within one source."""
    return f"{source}\n{guid}"


def purge_items(db: Db, cut: str, batch: int, now: datetime) -> tuple[dict[str, int], bool]:
    """Delete up to `batch` items older than `cut` (see the module docstring); (rows removed, more left)."""
    ids = _ids(db, _ITEMS, cut, batch)
    if not ids:
        return {}, False
    removed = {"items": len(ids)}
    for table in ("item_sightings", "item_signatures", "item_revisions"):
        removed[table] = _count(db, table, "item_id", ids)
    # Not by cascade: lsh_bands has no index on the item (see storage.stories.banded_keys).
    removed["lsh_bands"] = drop_item_bands(db, ids)
    keys = _tombstone_keys(db, ids)
    db.conn.executemany("INSERT INTO tombstones (kind, key, item_id, purged_at) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (kind, key) DO UPDATE SET item_id = excluded.item_id, purged_at = excluded.purged_at",
                        [(kind, key, item_id, iso(now)) for kind, key, item_id in keys])
    removed["tombstones"] = len(keys)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS purging (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.purging")
    db.conn.executemany("INSERT INTO temp.purging (id) VALUES (?)", [(i,) for i in ids])
    stories = [row[0] for row in db.execute(
        "SELECT DISTINCT story_id FROM items WHERE id IN (SELECT id FROM temp.purging) AND story_id IS NOT NULL")]
    db.execute("""UPDATE stories SET first_item_id = (
                      SELECT min(i.id) FROM items i WHERE i.story_id = stories.id
                        AND i.id NOT IN (SELECT id FROM temp.purging))
                  WHERE first_item_id IN (SELECT id FROM temp.purging)
                    AND EXISTS (SELECT 1 FROM items i WHERE i.story_id = stories.id
                                  AND i.id NOT IN (SELECT id FROM temp.purging))""")
    # A story whose items all go (its first item with them) goes with them, before they do:
    # stories.first_item_id references items; no alert names it (alerted items are kept).
    db.execute("UPDATE items SET story_id = NULL WHERE id IN (SELECT id FROM temp.purging)")
    marks = ",".join("?" * len(stories))
    gone = db.execute(f"""DELETE FROM stories WHERE id IN ({marks})
                          AND NOT EXISTS (SELECT 1 FROM items i WHERE i.story_id = stories.id)
                          AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.story_id = stories.id)""",
                      stories).rowcount if stories else 0
    removed["stories"] = gone
    # The cascade takes sightings, signature and revisions; the items_ad trigger the FTS row.
    db.execute("DELETE FROM items WHERE id IN (SELECT id FROM temp.purging)")
    db.execute("DELETE FROM temp.purging")
    return removed, len(ids) == batch


def drop_bands(db: Db, cut: str, batch: int, now: datetime) -> tuple[dict[str, int], bool]:
    """Delete the LSH bands of those of the `batch` oldest banded items first seen before `cut`."""
    ids = _ids(db, _OLDEST_BANDED, cut, batch)
    if not ids:
        return {}, False
    return {"lsh_bands": drop_item_bands(db, ids)}, len(ids) == batch


def leaving_window(db: Db, cut: str) -> bool:
    """Whether the oldest banded item was first seen before `cut` (two index probes, no lock)."""
    row = db.execute("SELECT i.first_seen_at FROM items i WHERE i.id = (SELECT min(item_id) FROM lsh_banded)").fetchone()
    return row is not None and row[0] < cut


def _by_id(table: str, sql: str) -> Callable[[Db, str, int, datetime], tuple[dict[str, int], bool]]:
    def step(db: Db, cut: str, batch: int, now: datetime) -> tuple[dict[str, int], bool]:
        ids = _ids(db, sql, cut, batch)
        if not ids:
            return {}, False
        marks = ",".join("?" * len(ids))
        db.execute(f"DELETE FROM {table} WHERE id IN ({marks})", ids)
        return {table: len(ids)}, len(ids) == batch
    return step


Step = Callable[[Db, str, int, datetime], "tuple[dict[str, int], bool]"]

# Items first: their bands, revisions and sightings go with them.
STEPS: tuple[tuple[str, Step], ...] = (
    ("items", purge_items),
    ("lsh_bands", drop_bands),
    ("fetches", _by_id("fetches", _FETCHES)),
    ("item_revisions", _by_id("item_revisions", _REVISIONS)),
)


def dry_run(db: Db, cuts: dict[str, str | None]) -> dict[str, int]:
    """What a prune with these cut-offs would remove, per table, changing nothing."""
    rows = dict.fromkeys(TABLES, 0)
    items_cut = cuts["items"]
    gone: set[int] = set()
    if items_cut:
        ids = _ids(db, _ITEMS, items_cut)
        gone = set(ids)
        rows["items"] = len(ids)
        for table in ("item_sightings", "item_signatures", "item_revisions"):
            rows[table] = _count(db, table, "item_id", ids)
        rows["lsh_bands"] = _band_rows(db, ids)
        rows["tombstones"] = len({(kind, key) for kind, key, _ in _tombstone_keys(db, ids)})
        if ids:
            stories = {r[0]: r[1] for r in db.execute(
                "SELECT story_id, count(*) FROM items WHERE story_id IS NOT NULL GROUP BY story_id")}
            lost: dict[int, int] = {}
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                for story_id, n in db.execute(
                        f"SELECT story_id, count(*) FROM items WHERE id IN ({','.join('?' * len(chunk))}) "
                        "AND story_id IS NOT NULL GROUP BY story_id", chunk):
                    lost[story_id] = lost.get(story_id, 0) + n
            rows["stories"] = sum(1 for story_id, n in lost.items() if stories[story_id] == n)
    if cuts["lsh_bands"]:
        banded = [i for i in _ids(db, _BANDED, cuts["lsh_bands"]) if i not in gone]
        rows["lsh_bands"] += _band_rows(db, banded)
    if cuts["fetches"]:
        rows["fetches"] = db.execute(f"SELECT count(*) FROM ({_FETCHES})", {"cut": cuts["fetches"]}).fetchone()[0]
    if cuts["item_revisions"]:
        revisions = db.execute(f"SELECT count(*) FROM ({_REVISIONS})", {"cut": cuts["item_revisions"]}).fetchone()[0]
        if items_cut:  # those of purged items are counted with them
            revisions = db.execute(
                f"SELECT count(*) FROM ({_REVISIONS}) r JOIN item_revisions v ON v.id = r.id "
                f"WHERE v.item_id NOT IN ({_ITEMS.replace(':cut', ':icut')})",
                {"cut": cuts["item_revisions"], "icut": items_cut}).fetchone()[0]
        rows["item_revisions"] += revisions
    return rows
