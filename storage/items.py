"""The items table and its sightings: find an item by identity keys, save it, search the full text.

The order of the keys and what counts as an update are monitor.dedupe's; this module applies them
against the unique indexes, inside the caller's transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Iterator

from sqlite_utils import Database

from monitor.dates import parse_date
from monitor.dedupe import enrich, is_front_page, revise
from monitor.models import Item, ItemStatus, StoredItem, iso


def _parse_time(value: str | None) -> datetime | None:
    return parse_date(value)[0] if value else None


def row_to_item(row: dict[str, Any]) -> Item:
    """An Item from an `items` row."""
    return Item(
        source=row["source"], url=row["url"], guid=row["guid"], title=row["title"],
        author=row["author"], publisher=row["publisher"],
        published_at=_parse_time(row["published_at"]), published_raw=row["published_raw"],
        date_suspect=row["date_suspect"], fetched_at=_parse_time(row["updated_at"]),  # type: ignore[arg-type]
        summary=row["summary"], body=row["body"], content_hash=row["content_hash"],
        location=row["url"], text_hash=row["text_hash"],
    )


def revisions(db: Database, item_id: int) -> list[dict[str, Any]]:
    """Earlier versions of an item, oldest first."""
    return list(db.query("SELECT * FROM item_revisions WHERE item_id = ? ORDER BY id", [item_id]))


def get(db: Database, item_id: int) -> Item | None:
    """The item with this id, or None."""
    rows = list(db.query("SELECT * FROM items WHERE id = ?", [item_id]))
    return row_to_item(rows[0]) if rows else None


def id_for_url(db: Database, url: str) -> int | None:
    """The id of the item stored under this canonical URL (its own or one it was seen under)."""
    row = db.execute("SELECT id FROM items WHERE url = ?", [url]).fetchone() or \
        db.execute("SELECT item_id FROM item_sightings WHERE url = ? LIMIT 1", [url]).fetchone()
    return row[0] if row else None


def find(db: Database, item: Item) -> tuple[int, str] | None:
    """(id, key that matched) of the stored item this one is: GUID within its source, URL, content.

    A URL is not an identity when it is a site's front page (podcasts and some feeds link every
    entry there) or when this source already gave that URL to an entry with another GUID.
    """
    if item.guid:
        row = db.execute("SELECT item_id FROM item_sightings WHERE source = ? AND guid = ?",
                         [item.source, item.guid]).fetchone()
        if row:
            return row[0], "guid"
    if item.url and not is_front_page(item.url):
        item_id = id_for_url(db, item.url)
        if item_id is not None and not (item.guid and db.execute(
                "SELECT 1 FROM item_sightings WHERE item_id = ? AND source = ? AND guid IS NOT NULL AND guid != ?",
                [item_id, item.source, item.guid]).fetchone()):
            return item_id, "url"
    # The same headline and text under another URL is the same article; the same text under another
    # headline is a copy (its own item, placed in the same story), so its headline is matched too.
    if item.text_hash:
        row = db.execute("SELECT id FROM items WHERE content_hash = ? AND text_hash IS NOT NULL ORDER BY id LIMIT 1",
                         [item.content_hash]).fetchone()
        if row:
            return row[0], "content_hash"
    return None


def _columns(item: Item) -> dict[str, Any]:
    return {
        "url": item.url, "guid": item.guid, "title": item.title, "author": item.author,
        "publisher": item.publisher, "published_at": iso(item.published_at),
        "published_raw": item.published_raw, "date_suspect": item.date_suspect,
        "summary": item.summary, "body": item.body, "content_hash": item.content_hash,
        "text_hash": item.text_hash,
    }


def _update(db: Database, item_id: int, item: Item, now: datetime) -> None:
    if item.url and db.execute("SELECT 1 FROM items WHERE url = ? AND id != ?", [item.url, item_id]).fetchone():
        item = replace(item, url=get(db, item_id).url)  # type: ignore[union-attr]  # another item's URL
    columns = _columns(item)
    assignments = ", ".join(f"{name} = :{name}" for name in columns)
    db.execute(f"UPDATE items SET {assignments}, updated_at = :now WHERE id = :id",
               {**columns, "now": iso(now), "id": item_id})


def _sight(db: Database, item_id: int, item: Item, now: datetime) -> None:
    db.execute(
        """INSERT INTO item_sightings (item_id, source, guid, url, location, content_hash,
                                       first_seen_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET last_seen_at = excluded.last_seen_at,
               content_hash = excluded.content_hash""",
        [item_id, item.source, item.guid, item.url, item.location, item.content_hash, iso(now), iso(now)],
    )


def save(db: Database, item: Item, now: datetime) -> tuple[StoredItem, Item | None]:
    """Store an item once: (what happened, the previous version when it was changed)."""
    found = find(db, item)
    if found is None:
        seen_as = item
        if item.url and db.execute("SELECT 1 FROM items WHERE url = ?", [item.url]).fetchone():
            item = replace(item, url=None)  # a shared link (see find): only the sighting keeps it
        cursor = db.execute(
            """INSERT INTO items (url, guid, source, title, author, publisher, published_at,
                                  published_raw, date_suspect, first_seen_at, updated_at, summary,
                                  body, content_hash, text_hash)
               VALUES (:url, :guid, :source, :title, :author, :publisher, :published_at,
                       :published_raw, :date_suspect, :now, :now, :summary, :body, :content_hash,
                       :text_hash)""",
            {**_columns(item), "source": item.source, "now": iso(now)},
        )
        item_id = int(cursor.lastrowid)
        _sight(db, item_id, seen_as, now)
        return StoredItem(item_id, item, ItemStatus.NEW), None
    item_id, key = found
    known = get(db, item_id)
    assert known is not None
    sighting = db.execute(
        "SELECT content_hash FROM item_sightings WHERE item_id = ? AND source = ? AND ifnull(guid, '') = ?",
        [item_id, item.source, item.guid or ""]).fetchone()
    if sighting is not None:
        if sighting[0] == item.content_hash:
            _sight(db, item_id, item, now)
            return StoredItem(item_id, known, ItemStatus.DUPLICATE, key), None
        changed = revise(known, item)
    else:
        changed = enrich(known, item)
    _sight(db, item_id, item, now)
    if changed is None or changed.content_hash == known.content_hash:
        return StoredItem(item_id, known, ItemStatus.DUPLICATE, key), None
    if sighting is not None:  # the source itself changed the article: keep what it said before
        db.execute(
            """INSERT INTO item_revisions (item_id, source, replaced_at, title, summary, body, content_hash)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [item_id, item.source, iso(now), known.title, known.summary, known.body, known.content_hash])
    _update(db, item_id, changed, now)
    return StoredItem(item_id, changed, ItemStatus.UPDATED, key), known


def search(db: Database, query: str, limit: int = 20) -> Iterator[dict[str, Any]]:
    """Full-text search over title, summary and body; best matches first."""
    sql = """SELECT items.id, items.title, items.url, items.source, items.published_at,
                    snippet(items_fts, -1, '[', ']', '…', 12) AS snippet
             FROM items_fts JOIN items ON items.rowid = items_fts.rowid
             WHERE items_fts MATCH ? ORDER BY rank LIMIT ?"""
    yield from db.query(sql, [query, limit])


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, AND-ed."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words)


def history(db: Database, fts_query: str | None, since: str | None) -> tuple[int, Iterator[dict[str, Any]]]:
    """(how many, the rows) of stored items for a backtest, narrowed by an FTS query when given."""
    where, params = [], []
    if since:
        where.append("coalesce(items.published_at, items.first_seen_at) >= ?")
        params.append(since)
    if fts_query:
        source = "items_fts JOIN items ON items.rowid = items_fts.rowid"
        where.insert(0, "items_fts MATCH ?")
        params.insert(0, fts_query)
    else:
        source = "items"
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    total = db.execute(f"SELECT count(*) FROM {source}{clause}", params).fetchone()[0]
    return total, db.query(f"SELECT items.* FROM {source}{clause} ORDER BY items.id", params)
