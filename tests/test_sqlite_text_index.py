"""SQLite's full-text index (items_fts) and its queue (items_fts_pending, migration 0013).

New items queue their id; the store indexes the queue as the last statement of each write
transaction, so a transaction's items make one FTS5 segment instead of one each. These tests hold
the index to what a fresh index of the items' current text would be, whatever happens to an item
while it waits: updated, deleted, or inserted in a savepoint that rolls back, and items another
program inserts.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from monitor.dedupe import rehash
from monitor.models import Item, Source
from storage import SQLiteStore

T0 = datetime(2022, 1, 10, 12, 0, tzinfo=timezone.utc)
TOKENIZE = "unicode61 remove_diacritics 2"


def _item(n: int, words: str) -> Item:
    return rehash(Item(source="wire", url=f"https://wire.example/{n}", guid=None, title=f"Report {n} {words}",
                       author=None, publisher=None, published_at=T0, published_raw=None, date_suspect=None,
                       fetched_at=T0, summary="", body=f"Item {n} says {words} near Kharkiv.", content_hash=""))


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    opened = SQLiteStore(tmp_path / "store.db")
    opened.sync_sources((Source("wire", "feed", "https://wire.example/feed.xml"),), T0)
    return opened


def _instances(conn: sqlite3.Connection, schema: str, table: str) -> Counter[tuple]:
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_{table} USING fts5vocab({schema}, {table}, instance)")
    return Counter(conn.execute(f"SELECT term, doc, col, offset FROM temp.vocab_{table}").fetchall())


def assert_index_matches_items(path: Path) -> None:
    """Every token the index holds, and no other, is one a fresh index of items' text would hold."""
    conn = sqlite3.connect(path)
    try:
        declared = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").fetchone()[0]
        assert TOKENIZE in declared
        conn.execute(f"CREATE VIRTUAL TABLE temp.fresh USING fts5(title, summary, body, tokenize='{TOKENIZE}')")
        conn.execute("INSERT INTO temp.fresh (rowid, title, summary, body) SELECT id, title, summary, body FROM items")
        assert _instances(conn, "main", "items_fts") == _instances(conn, "temp", "fresh")
        assert conn.execute("SELECT count(*) FROM items_fts_pending").fetchone() == (0,)
        # FTS5's own check against the items' text: its row count and sizes too, which tokens alone miss.
        conn.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def _found(store: SQLiteStore, word: str) -> list[int]:
    return sorted(r[0] for r in store.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH ?", [word]))


def test_a_transactions_items_make_one_index_segment(store: SQLiteStore) -> None:
    with store.transaction():
        for n in range(30):
            with store.transaction():  # one savepoint per item, as pipeline.store_items does
                store.insert_item(_item(n, "artillery"), T0)
    segments = store.execute("SELECT count(DISTINCT segid) FROM items_fts_idx").fetchone()[0]
    assert segments == 1
    assert len(_found(store, "artillery")) == 30
    assert_index_matches_items(store.path)


def test_an_item_changed_while_queued_is_indexed_as_it_is_at_the_commit(store: SQLiteStore) -> None:
    with store.transaction():
        updated = store.insert_item(_item(1, "convoy"), T0)
        deleted = store.insert_item(_item(2, "convoy"), T0)
        kept = store.insert_item(_item(3, "convoy"), T0)
        store.update_item(updated, replace(_item(1, "ceasefire"), body="A ceasefire was agreed near Kharkiv."), T0)
        store.execute("DELETE FROM items WHERE id = ?", [deleted])
        with pytest.raises(RuntimeError), store.transaction():
            store.insert_item(_item(4, "convoy"), T0)
            raise RuntimeError("this item's savepoint rolls back")
        assert _found(store, "convoy") == []  # queued: not in the index before the commit
    assert _found(store, "convoy") == [kept]
    assert _found(store, "ceasefire") == [updated]
    assert_index_matches_items(store.path)


def test_an_indexed_item_updated_or_deleted_leaves_the_index_whole(store: SQLiteStore) -> None:
    with store.transaction():
        first = store.insert_item(_item(1, "drones"), T0)
        second = store.insert_item(_item(2, "drones"), T0)
    with store.transaction():
        store.update_item(first, replace(_item(1, "pipeline"), body="The pipeline near Kharkiv was hit."), T0)
        store.execute("DELETE FROM items WHERE id = ?", [second])
        third = store.insert_item(_item(3, "drones"), T0)
    assert _found(store, "drones") == [third]
    assert _found(store, "pipeline") == [first]
    assert_index_matches_items(store.path)


def test_items_another_program_inserts_are_indexed_by_the_next_write_or_maintenance(store: SQLiteStore) -> None:
    other = sqlite3.connect(store.path)
    other.execute("""INSERT INTO items (source, title, first_seen_at, updated_at, body, content_hash)
                     VALUES ('wire', 'Typed in by hand', '2022-01-10T12:00:00Z', '2022-01-10T12:00:00Z',
                             'A hand-entered note about sanctions.', 'x')""")
    other.commit()
    other.close()
    assert _found(store, "sanctions") == []
    store.maintain()
    assert len(_found(store, "sanctions")) == 1
    assert_index_matches_items(store.path)


REBUILD = ("INSERT INTO items_fts (items_fts) VALUES ('rebuild')", "DELETE FROM items_fts_pending")  # as README says


@pytest.mark.parametrize("statements", [REBUILD, REBUILD[:1]], ids=["with the queue emptied", "rebuild alone"])
def test_a_rebuild_by_hand_empties_the_queue_or_queued_items_are_indexed_twice(store: SQLiteStore,
                                                                              statements: tuple[str, ...]) -> None:
    other = sqlite3.connect(store.path)
    other.execute("""INSERT INTO items (source, title, first_seen_at, updated_at, body, content_hash)
                     VALUES ('wire', 'Typed in by hand', '2022-01-10T12:00:00Z', '2022-01-10T12:00:00Z',
                             'A hand-entered note about sanctions.', 'x')""")
    other.commit()
    with other:  # one transaction
        for statement in statements:
            other.execute(statement)
    other.close()
    store.maintain()  # the next write indexes whatever is still queued
    assert len(_found(store, "sanctions")) == 1
    check = sqlite3.connect(store.path)
    try:
        # FTS5's own check of the index against the items' text (rank 1: the content table too).
        integrity = "INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)"
        if statements == REBUILD:
            check.execute(integrity)
        else:
            with pytest.raises(sqlite3.DatabaseError, match="malformed"):
                check.execute(integrity)
    finally:
        check.close()


def test_a_store_indexed_before_the_queue_stays_whole_after_migration_0013(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from storage.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    old.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(old, stop_before="0013_fts_queue")
    with old.conn:  # items indexed by the old insert trigger
        old.execute("INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at) "
                    "VALUES ('wire', 'feed', 'https://wire.example/feed.xml', 900, '2022-01-10T12:00:00Z', "
                    "'2022-01-10T12:00:00Z')")
        for n, word in enumerate(("mobilisation", "mobilisation", "evacuation")):
            old.execute("INSERT INTO items (source, title, first_seen_at, updated_at, body, content_hash) "
                        "VALUES ('wire', ?, '2022-01-10T12:00:00Z', '2022-01-10T12:00:00Z', ?, ?)",
                        [f"Report {n}", f"Officials announced {word} near Kharkiv.", f"h{n}"])
    old.conn.close()

    store = SQLiteStore(path)
    try:
        assert _found(store, "mobilisation") == [1, 2]
        with store.transaction():
            store.update_item(1, replace(_item(1, "curfew"), body="A curfew began near Kharkiv."), T0)
            store.execute("DELETE FROM items WHERE id = 2")
            added = store.insert_item(_item(4, "mobilisation"), T0)
        assert _found(store, "mobilisation") == [added]
        assert _found(store, "curfew") == [1]
        assert _found(store, "evacuation") == [3]
    finally:
        store.close()
    assert_index_matches_items(path)


def test_a_store_opened_before_another_process_applies_migration_0013_indexes_its_new_items(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from storage.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    old.execute("PRAGMA foreign_keys = ON")
    old.enable_wal()
    MIGRATIONS.apply(old, stop_before="0013_fts_queue")
    old.conn.close()

    early = SQLiteStore(path, migrate=False)  # before the queue exists
    try:
        SQLiteStore(path).close()  # another process migrates: new items are queued from now on
        early.sync_sources((Source("wire", "feed", "https://wire.example/feed.xml"),), T0)
        with early.transaction():
            added = early.insert_item(_item(1, "mobilisation"), T0)
        assert _found(early, "mobilisation") == [added], "indexed at the end of the transaction that inserted it"
        assert early.execute("SELECT count(*) FROM items_fts_pending").fetchone() == (0,)
    finally:
        early.close()
    assert_index_matches_items(path)


def test_the_index_merges_its_segments_sixteen_at_a_time_and_the_prune_merges_them_all(store: SQLiteStore) -> None:
    # Migration 0014: FTS5 merges a level's segments in the writer's COMMIT once 16 wait there, not 4.
    assert store.execute("SELECT v FROM items_fts_config WHERE k = 'automerge'").fetchone() == (16,)
    for n in range(12):  # a transaction each, a segment each: none merged yet
        with store.transaction():
            store.insert_item(_item(n, "mobilisation"), T0)
    segments = "SELECT count(DISTINCT segid) FROM items_fts_idx"
    assert store.execute(segments).fetchone()[0] == 12
    assert _found(store, "mobilisation") == list(range(1, 13))
    store.compact()  # the daily prune's: FTS5's 'optimize'
    assert store.execute(segments).fetchone()[0] == 1
    assert _found(store, "mobilisation") == list(range(1, 13))
    assert_index_matches_items(store.path)
