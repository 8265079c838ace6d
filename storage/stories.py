"""The stories table and the near-duplicate index (SQLite): candidates for a new item's story, and
the placement the pipeline decided.

Candidates come from the LSH band index (one indexed row per band) and the title-key index, both
limited to the story window, so a lookup costs a few index probes whatever the size of the store.
The band index is keyed by band only: lsh_banded lists the items that have band rows, and an item's
rows are found again by its stored signature's keys.
Whether a candidate carries the same story is monitor.stories' decision, not this module's.
"""

from __future__ import annotations

from datetime import datetime

from storage.sql import Db

from monitor.models import Placement, Signature, StoryAlert, StoryCandidate, StoryInfo, StoryMember, from_iso, iso

TITLE_CANDIDATES = 20
# A safety bound on the candidates one lookup returns. Near-exact copies are not indexed (see
# monitor.stories.needs_own_bands), so real candidate lists are short; sorting them by bands shared
# cost a fifth of a millisecond per item for nothing.
BAND_CANDIDATES = 500


def candidates(db: Db, item_id: int, sig: Signature | None, title_key: str | None,
               since: datetime) -> list[StoryCandidate]:
    """Items first seen since a time that share an LSH band or the title key with a new item."""
    found: list[StoryCandidate] = []
    since_text = iso(since)
    keys = sig.band_keys() if sig is not None else []
    if keys:
        for other_id, story_id, blob, shingles, first_seen in db.execute(band_lookup_sql(len(keys)),
                                                                         [*keys, since_text, BAND_CANDIDATES]):
            if other_id != item_id:
                found.append(StoryCandidate(other_id, story_id, Signature.from_bytes(blob, shingles), "band",
                                            from_iso(first_seen)))
    if title_key is not None:
        for other_id, story_id, blob, shingles, first_seen in db.execute(
                """SELECT i.id, i.story_id, s.minhash, coalesce(s.shingles, 0), i.first_seen_at
                   FROM items i LEFT JOIN item_signatures s ON s.item_id = i.id
                   WHERE i.title_key = ? AND i.first_seen_at >= ? AND i.id != ? AND i.story_id IS NOT NULL
                   ORDER BY i.id LIMIT ?""", [title_key, since_text, item_id, TITLE_CANDIDATES]):
            found.append(StoryCandidate(other_id, story_id,
                                        Signature.from_bytes(blob, shingles) if blob is not None else None,
                                        "title", from_iso(first_seen)))
    return found


def band_lookup_sql(keys: int) -> str:
    """The band lookup for this many keys; its parameters: the keys, the window's start, the most
    candidates."""
    return f"""SELECT DISTINCT i.id, i.story_id, s.minhash, coalesce(s.shingles, 0), i.first_seen_at
               FROM lsh_bands b JOIN items i ON i.id = b.item_id JOIN item_signatures s ON s.item_id = i.id
               WHERE b.key IN ({",".join("?" * keys)}) AND i.first_seen_at >= ? AND i.story_id IS NOT NULL
               LIMIT ?"""


def place(db: Db, item_id: int, title: str, placement: Placement, title_key: str | None,
          sig: Signature | None, now: datetime, index_bands: bool = True) -> int:
    """Put an item in its story (a new one when the placement names none), keep its signature and,
    when `index_bands`, its LSH band rows."""
    if placement.story_id is None:
        cursor = db.execute(
            "INSERT INTO stories (first_item_id, title, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
            [item_id, title, iso(now), iso(now)])
        story_id = int(cursor.fetchone()[0])
    else:
        story_id = placement.story_id
        db.execute("UPDATE stories SET updated_at = ? WHERE id = ?", [iso(now), story_id])
    db.execute("UPDATE items SET story_id = ?, story_reason = ?, story_similarity = ?, title_key = ? WHERE id = ?",
               [story_id, placement.reason, placement.similarity, title_key, item_id])
    if sig is not None:
        index_signature(db, item_id, sig, index_bands)
    return story_id


def reindex(db: Db, item_id: int, title_key: str | None, sig: Signature | None) -> None:
    """An item's keys for later copies to find it by, after its title or text changed: its title
    key, its signature and its LSH band rows (none where its text is now too short for one)."""
    db.execute("UPDATE items SET title_key = ? WHERE id = ?", [title_key, item_id])
    if sig is not None:
        index_signature(db, item_id, sig)
        return
    drop_item_bands(db, [item_id])
    db.execute("DELETE FROM item_signatures WHERE item_id = ?", [item_id])


def index_signature(db: Db, item_id: int, sig: Signature, bands: bool = True) -> None:
    """Store an item's signature and (unless `bands` is false) its LSH band rows."""
    # Band rows are found again by the keys of the stored signature (lsh_bands has no index on the
    # item): a signature replaced under existing band rows takes those rows with it first. A new
    # item (every item placed by the pipeline) has neither, which its insert says without a lookup.
    blob = sig.to_bytes()
    if db.execute("INSERT INTO item_signatures (item_id, minhash, shingles) VALUES (?, ?, ?) "
                  "ON CONFLICT (item_id) DO NOTHING", [item_id, blob, sig.shingles]).rowcount != 1:
        drop_item_bands(db, [item_id])
        db.execute("UPDATE item_signatures SET minhash = ?, shingles = ? WHERE item_id = ?",
                   [blob, sig.shingles, item_id])
    if bands:
        db.conn.executemany("INSERT INTO lsh_bands (key, item_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            [(band_key, item_id) for band_key in sig.band_keys()])
        db.execute("INSERT INTO lsh_banded (item_id) VALUES (?) ON CONFLICT DO NOTHING", [item_id])


def banded_keys(db: Db, ids: list[int]) -> dict[int, list[int]]:
    """Item id → its band keys, for those of these items that have band rows.

    The keys are recomputed from the stored signature (Signature.band_keys, as they were made),
    80 µs an item: indexing lsh_bands by item as well doubled its size, which with a million items
    in the window is 64 million more rows for every lookup and insert to share the cache with.
    """
    found: dict[int, list[int]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for item_id, blob in db.execute(
                f"""SELECT b.item_id, s.minhash FROM lsh_banded b JOIN item_signatures s ON s.item_id = b.item_id
                    WHERE b.item_id IN ({marks})""", chunk):
            found[item_id] = Signature.from_bytes(blob).band_keys()
    return found


def drop_item_bands(db: Db, ids: list[int]) -> int:
    """Delete these items' LSH band rows (the item and its signature stay); the rows deleted."""
    count = 0
    banded = banded_keys(db, ids)
    for item_id, keys in banded.items():
        count += db.execute(f"DELETE FROM lsh_bands WHERE key IN ({','.join('?' * len(keys))}) AND item_id = ?",
                            [*keys, item_id]).rowcount
    done = list(banded)
    for start in range(0, len(done), 500):
        chunk = done[start:start + 500]
        db.execute(f"DELETE FROM lsh_banded WHERE item_id IN ({','.join('?' * len(chunk))})", chunk)
    return count


def story_of(db: Db, item_id: int) -> int | None:
    """The story an item belongs to."""
    row = db.execute("SELECT story_id FROM items WHERE id = ?", [item_id]).fetchone()
    return row[0] if row else None


def copies(db: Db, story_id: int) -> tuple[int, tuple[str, ...]]:
    """(how many times the story was delivered: sightings of its items, the distinct sources)."""
    rows = db.execute(
        """SELECT s.source FROM item_sightings s JOIN items i ON i.id = s.item_id
           WHERE i.story_id = ? ORDER BY s.first_seen_at, s.id""", [story_id]).fetchall()
    return len(rows), tuple(dict.fromkeys(r[0] for r in rows))


def members(db: Db, story_id: int) -> list[StoryMember]:
    """A story's items with where each was seen, first seen first."""
    return [StoryMember(id=r["id"], title=r["title"], url=r["url"], publisher=r["publisher"],
                        published_at=from_iso(r["published_at"]),
                        first_seen_at=from_iso(r["first_seen_at"]),  # type: ignore[arg-type]
                        reason=r["story_reason"], similarity=r["story_similarity"],
                        sources=tuple(r["sources"].split("\x1f")) if r["sources"] else ())
            for r in db.query(
                """SELECT i.id, i.title, i.url, i.publisher, i.published_at, i.first_seen_at, i.story_reason,
                          i.story_similarity,
                          (SELECT group_concat(source, '\x1f') FROM (
                              SELECT s.source FROM item_sightings s WHERE s.item_id = i.id
                              GROUP BY s.source ORDER BY min(s.id))) AS sources
                   FROM items i WHERE i.story_id = ? ORDER BY i.first_seen_at, i.id""", [story_id])]


def get(db: Db, story_id: int) -> StoryInfo | None:
    """A story, or None."""
    rows = list(db.query("SELECT * FROM stories WHERE id = ?", [story_id]))
    if not rows:
        return None
    row = rows[0]
    return StoryInfo(id=row["id"], first_item_id=row["first_item_id"], title=row["title"],
                     created_at=from_iso(row["created_at"]),  # type: ignore[arg-type]
                     updated_at=from_iso(row["updated_at"]))  # type: ignore[arg-type]


def alerts_of(db: Db, story_id: int) -> list[StoryAlert]:
    """A story's alerts, oldest first."""
    return [StoryAlert(id=r[0], rule=r[1], created_at=from_iso(r[2]), item_id=r[3],  # type: ignore[arg-type]
                       from_update=bool(r[4]))
            for r in db.execute("SELECT id, rule, created_at, item_id, from_update FROM alerts "
                                "WHERE story_id = ? ORDER BY id", [story_id])]
