"""The stories table and the near-duplicate index: which story a new item joins, or a new story.

The decision of what counts as the same story is monitor.stories'; this module finds candidates
through the LSH band index (one indexed row per band) and the title-key index, both limited to
the story window, so a lookup costs a few index probes whatever the size of the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from monitor.models import Item, iso
from monitor.stories import CONTAINMENT_THRESHOLD, SIMILARITY_THRESHOLD, Signature, same_story, signature, story_text, title_key


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a new item went: its story, why, and how similar it was to the item that decided it."""

    story_id: int
    reason: str  # first | near_duplicate | contained | title
    similarity: float | None = None
    matched_item: int | None = None


def _candidates(db: Database, keys: list[int], since: str) -> list[tuple[int, int, bytes, int]]:
    if not keys:
        return []
    placeholders = ",".join("?" * len(keys))
    return db.execute(
        f"""SELECT DISTINCT i.id, i.story_id, s.minhash, ifnull(s.shingles, 0)
            FROM lsh_bands b JOIN items i ON i.id = b.item_id JOIN item_signatures s ON s.item_id = i.id
            WHERE b.key IN ({placeholders}) AND i.first_seen_at >= ? AND i.story_id IS NOT NULL""",
        [*keys, since]).fetchall()


_UNSET = object()


def place(db: Database, item_id: int, item: Item, now: datetime, window: float,
          threshold: float = SIMILARITY_THRESHOLD, sig: Signature | None | object = _UNSET,
          containment: float = CONTAINMENT_THRESHOLD) -> Placement:
    """Put a newly stored item into a story (an existing one if it is a copy) and index it.

    `sig` is the item's signature when the caller computed it already (outside the write lock).
    """
    since = iso(now - timedelta(seconds=window))
    if sig is _UNSET:
        sig = signature(story_text(item.title, item.summary, item.body))
    assert sig is None or isinstance(sig, Signature)
    key = title_key(item.title)
    placement: Placement | None = None
    band_keys = sig.band_keys() if sig is not None else []
    if sig is not None:
        best: tuple[float, int, int, str] | None = None
        for other_id, story_id, blob, shingles in _candidates(db, band_keys, since):
            if other_id == item_id:
                continue
            same, score, how = same_story(sig, Signature.from_bytes(blob, shingles), threshold, containment)
            if same and (best is None or score > best[0]):
                best = (score, story_id, other_id, how)
        if best is not None:
            placement = Placement(best[1], best[3], best[0], best[2])
    if placement is None and key is not None:
        # The cheap layer: the same headline (wire prefixes and outlet suffixes aside) within the
        # window. Trusted alone only when the texts are too short to compare; otherwise they must
        # also be at least loosely similar, so a recycled headline does not merge two stories.
        for other_id, story_id, blob in db.execute(
                """SELECT i.id, i.story_id, s.minhash FROM items i LEFT JOIN item_signatures s ON s.item_id = i.id
                   WHERE i.title_key = ? AND i.first_seen_at >= ? AND i.id != ? AND i.story_id IS NOT NULL
                   ORDER BY i.id LIMIT 20""", [key, since, item_id]):
            if sig is None or blob is None:
                placement = Placement(story_id, "title", None, other_id)
                break
            score = sig.similarity(Signature.from_bytes(blob))
            if score >= threshold / 2:
                placement = Placement(story_id, "title", score, other_id)
                break
    if placement is None:
        cursor = db.execute(
            "INSERT INTO stories (first_item_id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [item_id, item.title, iso(now), iso(now)])
        placement = Placement(int(cursor.lastrowid), "first")
    else:
        db.execute("UPDATE stories SET updated_at = ? WHERE id = ?", [iso(now), placement.story_id])
    db.execute("UPDATE items SET story_id = ?, story_reason = ?, story_similarity = ?, title_key = ? WHERE id = ?",
               [placement.story_id, placement.reason, placement.similarity, key, item_id])
    if sig is not None:
        db.execute("INSERT OR REPLACE INTO item_signatures (item_id, minhash, shingles) VALUES (?, ?, ?)",
                   [item_id, sig.to_bytes(), sig.shingles])
        db.conn.executemany("INSERT OR IGNORE INTO lsh_bands (key, item_id) VALUES (?, ?)",
                            [(band_key, item_id) for band_key in band_keys])
    return placement


def story_of(db: Database, item_id: int) -> int | None:
    """The story an item belongs to."""
    row = db.execute("SELECT story_id FROM items WHERE id = ?", [item_id]).fetchone()
    return row[0] if row else None


def copies(db: Database, story_id: int) -> tuple[int, tuple[str, ...]]:
    """(how many times the story was delivered: sightings of its items, the distinct sources)."""
    rows = db.execute(
        """SELECT s.source FROM item_sightings s JOIN items i ON i.id = s.item_id
           WHERE i.story_id = ? ORDER BY s.first_seen_at, s.id""", [story_id]).fetchall()
    return len(rows), tuple(dict.fromkeys(r[0] for r in rows))


def items_of(db: Database, story_id: int) -> list[dict[str, Any]]:
    """A story's items with where each was seen, first seen first."""
    return list(db.query(
        """SELECT i.id, i.title, i.url, i.publisher, i.published_at, i.first_seen_at, i.story_reason,
                  i.story_similarity, group_concat(DISTINCT s.source) AS sources
           FROM items i LEFT JOIN item_sightings s ON s.item_id = i.id
           WHERE i.story_id = ? GROUP BY i.id ORDER BY i.first_seen_at, i.id""", [story_id]))


def get(db: Database, story_id: int) -> dict[str, Any] | None:
    """A stories row."""
    rows = list(db.query("SELECT * FROM stories WHERE id = ?", [story_id]))
    return rows[0] if rows else None
