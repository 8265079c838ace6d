"""The items table, its sightings and revisions (SQLite): look items up by every identity key, write
what the pipeline decided, search the full-text index.

Which key wins, and what counts as an update, is monitor.dedupe's decision: `known` returns every
stored item the incoming one could be, and the writers below store what they are told.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterator

from storage.sql import Db

from monitor.models import Item, Known, KnownItem, SearchHit, StoredHistoryItem, from_iso, iso
from monitor.query import Node
from monitor.scripts import RUN_ON_LANGUAGES
from monitor.urls import url_variants
from storage.search import fts_prefilter, quoted_words

_COLUMNS = ("url", "guid", "title", "author", "publisher", "published_at", "published_raw", "date_suspect",
            "summary", "body", "content_hash", "text_hash", "language")


def row_to_item(row: dict[str, Any]) -> Item:
    """An Item from an `items` row."""
    return Item(
        source=row["source"], url=row["url"], guid=row["guid"], title=row["title"],
        author=row["author"], publisher=row["publisher"],
        published_at=from_iso(row["published_at"]), published_raw=row["published_raw"],
        date_suspect=row["date_suspect"], fetched_at=from_iso(row["updated_at"]),  # type: ignore[arg-type]
        summary=row["summary"], body=row["body"], content_hash=row["content_hash"],
        location=row["url"], text_hash=row["text_hash"], language=row["language"],
    )


def _row(db: Db, item_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM items WHERE id = ?", [item_id]))
    return rows[0] if rows else None


def get(db: Db, item_id: int) -> Item | None:
    """The item with this id, or None."""
    row = _row(db, item_id)
    return row_to_item(row) if row else None


def id_for_url(db: Db, url: str) -> int | None:
    """The id of the item stored under this canonical URL (its own or one it was seen under), else
    under another way of writing it (monitor.urls.url_variants: a feed's "http://" link to the page
    whose canonical is "https://", its trailing "/", its mobile or AMP host)."""
    row = db.execute("SELECT id FROM items WHERE url = ?", [url]).fetchone() or \
        db.execute("SELECT item_id FROM item_sightings WHERE url = ? LIMIT 1", [url]).fetchone()
    if row is None and (variants := url_variants(url)):
        marks = ", ".join("?" for _ in variants)
        # (One statement; no ORDER BY, which had the planner walk a table in its ids' order.)
        row = db.execute(f"SELECT id FROM items WHERE url IN ({marks}) UNION ALL "
                         f"SELECT item_id FROM item_sightings WHERE url IN ({marks}) LIMIT 1", variants + variants).fetchone()
    return row[0] if row else None


def _known_item(db: Db, item_id: int, incoming: Item, cache: dict[int, KnownItem]) -> KnownItem:
    if item_id not in cache:
        row = _row(db, item_id)
        assert row is not None, item_id
        sighting = db.execute(
            "SELECT content_hash FROM item_sightings WHERE item_id = ? AND source = ? AND ifnull(guid, '') = ?",
            [item_id, incoming.source, incoming.guid or ""]).fetchone()
        cache[item_id] = KnownItem(item_id, row_to_item(row), row["story_id"],
                                   from_iso(row["first_seen_at"]),  # type: ignore[arg-type]
                                   sighting[0] if sighting else None)
    return cache[item_id]


def known(db: Db, item: Item) -> Known:
    """Every stored item this one could be, by each identity key (no decision taken here)."""
    cache: dict[int, KnownItem] = {}
    by_guid = by_url = by_content = by_text = None
    other_guid = False
    if item.guid:
        row = db.execute("SELECT item_id FROM item_sightings WHERE source = ? AND guid = ?",
                         [item.source, item.guid]).fetchone()
        if row:
            by_guid = _known_item(db, row[0], item, cache)
    if item.url:
        url_id = id_for_url(db, item.url)
        if url_id is not None:
            by_url = _known_item(db, url_id, item, cache)
            other_guid = bool(item.guid) and db.execute(
                "SELECT 1 FROM item_sightings WHERE item_id = ? AND source = ? AND guid IS NOT NULL AND guid != ?",
                [url_id, item.source, item.guid]).fetchone() is not None
    by_address = None
    if item.read_from:
        address_id = id_for_url(db, item.read_from)
        if address_id is not None:
            by_address = _known_item(db, address_id, item, cache)
    if item.text_hash:
        row = db.execute("SELECT id FROM items WHERE content_hash = ? AND text_hash IS NOT NULL ORDER BY id LIMIT 1",
                         [item.content_hash]).fetchone()
        if row:
            by_content = _known_item(db, row[0], item, cache)
        else:
            row = db.execute("SELECT id FROM items WHERE text_hash = ? ORDER BY id LIMIT 1",
                             [item.text_hash]).fetchone()
            if row:
                by_text = _known_item(db, row[0], item, cache)
    return Known(by_guid=by_guid, by_url=by_url, url_has_other_guid=other_guid, by_address=by_address,
                 by_content=by_content, by_text=by_text, tombstones=_tombstones(db, item))


def _tombstones(db: Db, item: Item) -> frozenset[str]:
    """The identity keys under which an item purged by retention left a tombstone (storage.retention)."""
    wanted = [("guid", f"{item.source}\n{item.guid}" if item.guid else None), ("url", item.url),
              ("content_hash", item.content_hash if item.text_hash else None), ("text_hash", item.text_hash)]
    pairs = [(kind, key) for kind, key in wanted if key is not None]
    if not pairs:
        return frozenset()
    clause = " OR ".join("(kind = ? AND key = ?)" for _ in pairs)
    return frozenset(row[0] for row in db.execute(f"SELECT kind FROM tombstones WHERE {clause}",
                                                  [value for pair in pairs for value in pair]))


def _columns(item: Item) -> dict[str, Any]:
    return {
        "url": item.url, "guid": item.guid, "title": item.title, "author": item.author,
        "publisher": item.publisher, "published_at": iso(item.published_at),
        "published_raw": item.published_raw, "date_suspect": item.date_suspect,
        "summary": item.summary, "body": item.body, "content_hash": item.content_hash,
        "text_hash": item.text_hash, "language": item.language,
    }


def insert(db: Db, item: Item, now: datetime) -> int:
    """Store a new item; returns its id."""
    cursor = db.execute(
        f"""INSERT INTO items (source, first_seen_at, updated_at, {', '.join(_COLUMNS)})
            VALUES (:source, :now, :now, {', '.join(':' + c for c in _COLUMNS)}) RETURNING id""",
        {**_columns(item), "source": item.source, "now": iso(now)},
    )
    return int(cursor.fetchone()[0])


def has_text_queue(db: Db) -> bool:
    """Whether this SQLite store queues new items for its full-text index (migration 0013 on)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'items_fts_pending'").fetchone()
    return found is not None


def text_queued(db: Db) -> bool:
    """Whether items wait in the queue of the SQLite full-text index."""
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM items_fts_pending)").fetchone()[0])


def index_queued_text(db: Db) -> None:
    """Index the queued items' text (SQLite), as the last statement of a write transaction.

    FTS5 writes a new index segment whenever a statement of the transaction opens a savepoint
    after the index was written to; after this statement none does before the COMMIT, so the
    transaction's items make one segment. Called from SQLiteStore.transaction."""
    if not text_queued(db):
        return
    db.execute("""INSERT INTO items_fts (rowid, title, summary, body)
                  SELECT i.id, i.title, i.summary, i.body FROM items_fts_pending p JOIN items i ON i.id = p.item_id""")
    db.execute("DELETE FROM items_fts_pending")


def merge_text_index(db: Db) -> None:
    """Merge the SQLite full-text index's segments into one (FTS5's 'optimize').

    Besides the daily compaction, after a transaction that indexed many items at once (a store
    copy): FTS5 writes such a transaction's text as several segments on its lowest level, and its
    automerge then merged them with each new writer's small segments, again and again: a merge of
    the whole index every 256 commits (an FTS5 table of 1,000,000 titles written in one
    transaction: single commits of 50-370 ms; bench_cluster.py's 1,000,000-item store: a mean
    COMMIT of 1.93 ms against 1.51-1.59 ms once merged). The one merged segment lies on a level the
    small ones reach only after thousands of commits."""
    db.execute("INSERT INTO items_fts (items_fts) VALUES ('optimize')")


def update(db: Db, item_id: int, item: Item, now: datetime) -> None:
    """Replace a stored item's fields with this version's."""
    columns = _columns(item)
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    db.execute(f"UPDATE items SET {assignments}, updated_at = :now WHERE id = :id",
               {**columns, "now": iso(now), "id": item_id})


def sight(db: Db, item_id: int, item: Item, now: datetime) -> None:
    """Record that a source delivered this item (as this GUID, URL and content) now."""
    db.execute(
        """INSERT INTO item_sightings (item_id, source, guid, url, location, content_hash,
                                       first_seen_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (item_id, source, ifnull(guid, '')) DO UPDATE SET last_seen_at = excluded.last_seen_at,
               content_hash = excluded.content_hash, url = coalesce(excluded.url, item_sightings.url),
               location = coalesce(excluded.location, item_sightings.location)""",
        [item_id, item.source, item.guid, item.url, item.location, item.content_hash, iso(now), iso(now)],
    )


def add_revision(db: Db, item_id: int, source: str, previous: Item, now: datetime) -> None:
    """Keep the version of an item that its source has just replaced."""
    db.execute(
        """INSERT INTO item_revisions (item_id, source, replaced_at, title, summary, body, content_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [item_id, source, iso(now), previous.title, previous.summary, previous.body, previous.content_hash])


def revisions(db: Db, item_id: int) -> list[Item]:
    """Earlier versions of an item, oldest first (title and text as they were, the source that
    replaced them, and when: `fetched_at` is the time of the replacement)."""
    current = get(db, item_id)
    if current is None:
        return []
    found = []
    for row in db.query("SELECT * FROM item_revisions WHERE item_id = ? ORDER BY id", [item_id]):
        found.append(Item(
            source=row["source"], url=current.url, guid=current.guid, title=row["title"], author=current.author,
            publisher=current.publisher, published_at=current.published_at, published_raw=current.published_raw,
            date_suspect=current.date_suspect, fetched_at=from_iso(row["replaced_at"]),  # type: ignore[arg-type]
            summary=row["summary"], body=row["body"], content_hash=row["content_hash"], location=current.url))
    return found


def recent_links(db: Db, source: str, since: datetime) -> frozenset[str]:
    """Canonical URLs and GUIDs a source delivered since a time."""
    links: set[str] = set()
    for guid, url in db.execute("SELECT guid, url FROM item_sightings WHERE source = ? AND last_seen_at >= ?",
                                [source, iso(since)]):
        links.update(value for value in (guid, url) if value)
    return frozenset(links)


def search(db: Db, text: str, limit: int = 20, raw: bool = False,
           language: str | None = None) -> list[SearchHit]:
    """Full-text search over title, summary and body; best matches first; with `language`, only
    items in that language (an ISO 639-1 code).

    Without `raw` the words are quoted, so no input is a syntax error; with it the text is an
    FTS5 query (operators, prefixes), and a bad one raises sqlite3.OperationalError.
    """
    in_language = " AND items.language = ?" if language else ""
    sql = f"""SELECT items.id, items.title, items.url, items.source, items.published_at, items.language,
                     snippet(items_fts, -1, '[', ']', '…', 12) AS snippet
              FROM items_fts JOIN items ON items.rowid = items_fts.rowid
              WHERE items_fts MATCH ?{in_language} ORDER BY rank LIMIT ?"""
    query = text if raw else quoted_words(text)
    if not query:
        return []
    params: list[Any] = [query, language, limit] if language else [query, limit]
    return [SearchHit(id=r["id"], title=r["title"], url=r["url"], source=r["source"],
                      published_at=from_iso(r["published_at"]), snippet=r["snippet"], language=r["language"])
            for r in db.query(sql, params)]


def history(db: Db, tree: Node | None,
            since: datetime | None) -> tuple[int, str | None, Iterator[StoredHistoryItem]]:
    """(how many, the FTS5 query that narrowed them, the items) stored since a time, narrowed by
    the full-text index to the items a rule's query tree could match (a superset: the caller's
    matcher decides)."""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("coalesce(items.published_at, items.first_seen_at) >= ?")
        params.append(iso(since))
    fts = fts_prefilter(tree) if tree is not None else None
    if fts:
        # The index holds a Latin word written beside Chinese characters or before Korean particles as part of theirs.
        run_on = ", ".join(f"'{language}'" for language in RUN_ON_LANGUAGES)
        where.insert(0, "(items.rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)"
                        f" OR items.language IN ({run_on}))")
        params.insert(0, fts)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    total = db.execute(f"SELECT count(*) FROM items{clause}", params).fetchone()[0]
    rows = db.query(f"SELECT items.* FROM items{clause} ORDER BY items.id", params)
    return total, fts, (StoredHistoryItem(id=row["id"], story_id=row["story_id"], item=row_to_item(row),
                                     day=(row["published_at"] or row["first_seen_at"])[:10],
                                     moment=from_iso(row["published_at"] or row["first_seen_at"])) for row in rows)
