"""The SQLite store: the Store protocol over one sqlite-utils connection.

The operations shared with every backend are storage.tables.TableStore's; this class adds the
connection, transactions with the in-process writer lock, the translation of sqlite3's exceptions
into StoreError (so nothing above storage/ sees the driver), and what only SQLite does: FTS5
search, WAL checkpoints, incremental vacuum and the online backup.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Iterator, TypeVar

from sqlite_utils import Database

from monitor.errors import BadSearchQuery, StoreError
from monitor.models import SearchHit, StoredHistoryItem
from monitor.query import Node
from storage import items, ops
from storage.db import checkpoint, connect, schema_version, write_transaction
from storage.search import quoted_words
from storage.tables import TableStore, _translated

_T = TypeVar("_T")

# Threads of one process queue on one lock per database file rather than in SQLite's busy handler,
# which polls with sleeps and leaves the database idle between writers.
_WRITE_LOCKS: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def _write_lock(path: Path) -> threading.Lock:
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(str(path), threading.Lock())


class SQLiteStore(TableStore):
    """The Store protocol on a SQLite file (WAL, one connection per store object)."""

    driver_errors: ClassVar[tuple[type[Exception], ...]] = (sqlite3.Error,)
    db: Database

    def __init__(self, path: str | Path, *, migrate: bool = True, writer: bool = False) -> None:
        self.path = Path(path)
        self.label = self.path.name
        self.db = connect(self.path, migrate=migrate, writer=writer)
        self._lock = _write_lock(self.path.resolve())
        self._depth = 0
        # A store opened without migrating may predate the queue (migration 0013): see _queues_text.
        self._text_queue = items.has_text_queue(self.db)

    def execute(self, sql: str, params: Any = None) -> sqlite3.Cursor:
        """Raw SQL on the connection: for tests and benchmarks that look at the file, never the core."""
        return self.db.execute(sql, params or [])

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- lifecycle ---
    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self.db.conn.in_transaction:
            with self._savepoint():
                yield
            return
        try:
            with write_transaction(self.db, self._lock):
                yield
                if self._queues_text():
                    items.index_queued_text(self.db)  # the transaction's last statement: see the function
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path.name}: {type(exc).__name__}: {exc}") from exc

    def _queues_text(self) -> bool:
        """Whether new items wait in the full-text index's queue (migration 0013). A store opened
        without migrating before another process applied 0013 learns it here, at a write or a
        maintenance run: its new items are queued by the new trigger from then on, and left
        unindexed until some store's next write if it did not look."""
        if not self._text_queue:
            self._text_queue = items.has_text_queue(self.db)
        return self._text_queue

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        # A nested transaction (one per item in a document's commit) is a savepoint: its failure
        # undoes it alone. Named by depth: no random names to make per item.
        name = f"nested_{self._depth}"
        self._depth += 1
        conn = self.db.conn
        try:
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path.name}: {type(exc).__name__}: {exc}") from exc
        finally:
            self._depth -= 1

    @_translated
    def maintain(self, thorough: bool = False, *, reset_log: bool = True) -> None:
        if self._queues_text() and items.text_queued(self.db):
            with self.transaction():  # items another program inserted since our last write
                pass
        if reset_log:
            checkpoint(self.db, "TRUNCATE" if thorough else "PASSIVE", lock=self._lock)
        else:
            checkpoint(self.db, "PASSIVE", wal_limit=sys.maxsize)  # never escalated to TRUNCATE

    @_translated
    def compact(self, pages: int = 1000) -> int:
        with self.transaction():
            items.merge_text_index(self.db)
        freed = 0
        free = self.db.execute("PRAGMA freelist_count").fetchone()[0]
        while free:
            with self.transaction():
                self.db.execute(f"PRAGMA incremental_vacuum({int(pages)})").fetchall()
            left = self.db.execute("PRAGMA freelist_count").fetchone()[0]
            if left >= free:  # not an incremental-vacuum database: nothing returns
                break
            freed += free - left
            free = left
        return freed

    @_translated
    def schema_version(self) -> list[str]:
        return schema_version(self.db)

    # --- operating it ---
    @_translated
    def backup(self, target: str | Path, *, force: bool = False) -> int:
        return ops.backup(self.db, target, force=force)

    @_translated
    def probe_write(self) -> None:
        with self._lock:
            ops.probe_write(self.db)

    def search(self, text: str, limit: int = 20, raw: bool = False,
               language: str | None = None) -> list[SearchHit]:
        try:
            return items.search(self.db, text, limit, raw, language)
        except (sqlite3.OperationalError, UnicodeEncodeError) as exc:
            raise BadSearchQuery(f"bad query {text!r}: {exc}") from None
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path.name}: {type(exc).__name__}: {exc}") from exc

    def history(self, tree: Node | None,
                since: datetime | None = None) -> tuple[int, str | None, Iterator[StoredHistoryItem]]:
        try:
            total, prefilter, rows = items.history(self.db, tree, since)
        except sqlite3.OperationalError as exc:
            raise BadSearchQuery(f"the full-text index refused the query: {exc}") from None
        return total, prefilter, self._translating(rows)

    def _translating(self, rows: Iterator[_T]) -> Iterator[_T]:
        try:
            yield from rows
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path.name}: {type(exc).__name__}: {exc}") from exc

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        # A deferred transaction's first read fixes its snapshot (WAL: writers go on meanwhile).
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def stream(self, sql: str) -> Iterator[Any]:
        yield from self.db.execute(sql)  # sqlite3 steps through the rows as they are read

    def defer_constraints(self) -> None:
        self.db.execute("PRAGMA defer_foreign_keys = ON")

    def after_copy(self, tables: tuple[str, ...]) -> None:
        # The copied items' text, indexed now rather than at the COMMIT, then merged (see the function).
        if self._queues_text():
            items.index_queued_text(self.db)
        items.merge_text_index(self.db)

    def _text_filter(self, text: str) -> tuple[str, list[Any]] | None:
        query = quoted_words(text)
        return ("a.item_id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", [query]) if query else None

    def _is_text_error(self, exc: Exception) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and "fts5" in str(exc)
