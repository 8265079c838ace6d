"""The PostgreSQL store: the Store protocol over one psycopg connection, for several processes on
several machines writing one store.

The operations are storage.tables.TableStore's, the same SQL as the SQLite store's
(storage.postgres.connection translates its placeholders); this class adds the connection, the
migrations (storage.postgres.migrations), transactions, full-text search through the `search`
tsvector column (storage.postgres.search), and the translation of psycopg's exceptions into
StoreError.

Many writers, one story: a write transaction that decides from what is stored takes one
transaction-level advisory lock (WRITER_LOCK_KEY) before its first look-up (TableStore._exclusive:
a document's commit, at its first `known`; a retention batch), so those transactions take turns
across the cluster, as SQLite's writers do. A document's commit reads what is stored (which items
this one could be, which stories are near it) and then writes what it decided; two workers
committing copies of one story at the same moment must not both decide "new story" from snapshots
that miss each other. The other writes (a fetch record, a source's state, a delivery's outcome,
an acknowledgement) touch rows of their own, decide nothing from others, and go on meanwhile. Serializable transactions would
catch that too, but only by failing one of them at COMMIT, after all its work, to be retried
whole; commits are short (milliseconds: fetching and parsing happen before, outside any
transaction), so waiting for the lock costs less than redoing the work, and needs no retry loop.
Reads take no lock and see what is committed.
"""

from __future__ import annotations

import contextlib
import itertools
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Iterator, TypeVar
from urllib.parse import urlsplit

import psycopg
from psycopg.rows import dict_row

from monitor.errors import BadSearchQuery, StoreError
from monitor.models import SearchHit, StoredHistoryItem
from monitor.query import Node
from storage.postgres import search
from storage.postgres.connection import PgDb, translate
from storage.postgres.migrations import applied, migrate as apply_migrations
from storage.tables import TableStore, _translated

_T = TypeVar("_T")
_CURSORS = itertools.count()  # names of server-side cursors, unique within a connection

# The key of the transaction-level advisory lock taken by transactions that decide from what is
# stored (see the module docstring): "monitorw" in ASCII.
WRITER_LOCK_KEY = 0x6D6F6E69746F7277


def is_postgres_url(target: str) -> bool:
    """Whether a configured database names a PostgreSQL server rather than a SQLite file."""
    return target.startswith(("postgresql://", "postgres://"))


def _label(url: str) -> str:
    """The database's name for error messages: never the password the URL may carry."""
    parts = urlsplit(url)
    return f"postgresql {parts.path.lstrip('/') or 'database'}"


class PostgresStore(TableStore):
    """The Store protocol on a PostgreSQL database (one connection per store object)."""

    driver_errors: ClassVar[tuple[type[Exception], ...]] = (psycopg.Error,)
    db: PgDb

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.label = _label(url)
        self._exclusive_held = False
        try:
            self.db = PgDb(url)
        except psycopg.Error as exc:
            raise StoreError(f"{self.label}: cannot connect: {str(exc).strip().splitlines()[0]}") from None
        try:
            if migrate:
                apply_migrations(self.db.raw)
            elif not applied(self.db.raw):
                raise StoreError(f"{self.label}: the database has no monitor schema; run the daemon or "
                                 "`monitor run --once` once to create it")
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(f"{self.label}: {type(exc).__name__}: {exc}") from None

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def execute(self, sql: str, params: Any = None) -> psycopg.Cursor[Any]:
        """Raw SQL (the table modules' dialect) on the connection: for tests and benchmarks."""
        return self.db.execute(sql, params or [])

    # --- lifecycle ---
    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        outermost = not self.db.conn.in_transaction
        if outermost:
            self._exclusive_held = False
        try:
            # Nested: psycopg makes it a savepoint, whose failure undoes it alone.
            with self.db.raw.transaction():
                yield
        except BaseException as exc:
            self._exclusive_held = False  # a lock taken in a savepoint rolled back may be gone with it
            if isinstance(exc, psycopg.Error):
                raise StoreError(f"{self.label}: {type(exc).__name__}: {exc}") from exc
            raise
        finally:
            if outermost:
                self._exclusive_held = False

    def _exclusive(self) -> None:
        if not self._exclusive_held:
            self.db.raw.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK_KEY])
            self._exclusive_held = True

    @_translated
    def maintain(self, thorough: bool = False, *, reset_log: bool = True) -> None:
        # PostgreSQL's autovacuum keeps tables and the GIN index in shape; at shutdown, fresh
        # planner statistics for the next start.
        if thorough:
            self.db.execute("ANALYZE")

    @_translated
    def compact(self, pages: int = 1000) -> int:
        # VACUUM makes dead rows' space reusable and merges the GIN index's pending list; it
        # returns pages to the file system only at a table's end, and says nothing of how many.
        self.db.execute("VACUUM (ANALYZE) items")
        return 0

    @_translated
    def schema_version(self) -> list[str]:
        return applied(self.db.raw)

    # --- operating it ---
    def backup(self, target: str | Path, *, force: bool = False) -> int:
        """The whole store as of one moment, as one SQLite file (sqlite3, Datasette and `monitor`
        open it; `monitor store copy` puts it back on a server). pg_dump remains PostgreSQL's own way."""
        from storage.copy import copy_store
        from storage.sqlite import SQLiteStore

        target = Path(target)
        if target.exists() and not force:
            raise StoreError(f"backup: {target} exists (--force replaces it)")
        partial = target.with_name(f".{target.name}.partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        copy = SQLiteStore(partial)
        try:
            copy_store(self, copy)
            copy.execute("PRAGMA journal_mode = DELETE").fetchall()  # one file, no -wal beside it
        except BaseException:
            copy.close()
            partial.unlink(missing_ok=True)
            raise
        copy.close()
        partial.replace(target)
        Path(f"{partial}.migrate.lock").unlink(missing_ok=True)  # opening the new file made it
        return target.stat().st_size

    @_translated
    def probe_write(self) -> None:
        with self.db.raw.transaction(force_rollback=True):
            # A transaction id is assigned only where writing is possible (not on a read-only
            # replica, not in a read-only transaction).
            self.db.raw.execute("SELECT txid_current()")

    # --- full text ---
    def search(self, text: str, limit: int = 20, raw: bool = False,
               language: str | None = None) -> list[SearchHit]:
        try:
            return search.search(self.db, text, limit, raw, language)
        except search.QUERY_ERRORS as exc:
            raise BadSearchQuery(f"bad query {text!r}: {str(exc).strip().splitlines()[0]}") from None
        except psycopg.Error as exc:
            raise StoreError(f"{self.label}: {type(exc).__name__}: {exc}") from exc

    def history(self, tree: Node | None,
                since: datetime | None = None) -> tuple[int, str | None, Iterator[StoredHistoryItem]]:
        try:
            total, prefilter, rows = search.history(self.db, tree, since, self._rows)
        except search.QUERY_ERRORS as exc:
            raise BadSearchQuery(f"the full-text index refused the query: {exc}") from None
        except psycopg.Error as exc:
            raise StoreError(f"{self.label}: {type(exc).__name__}: {exc}") from exc
        return total, prefilter, self._translating(rows)

    def _rows(self, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
        """A query's rows through a server-side cursor, a batch at a time (in a read transaction of
        its own, which ends when the rows do or the caller lets go of them)."""
        with self.db.raw.transaction():
            with self.db.raw.cursor(name=f"monitor_rows_{next(_CURSORS)}", row_factory=dict_row) as cursor:
                cursor.itersize = 500
                cursor.execute(translate(sql), params)
                yield from cursor

    def _translating(self, rows: Iterator[_T]) -> Iterator[_T]:
        try:
            yield from rows
        except psycopg.Error as exc:
            raise StoreError(f"{self.label}: {type(exc).__name__}: {exc}") from exc

    # --- what storage.copy asks ---
    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        with self.db.raw.transaction():
            self.db.raw.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def stream(self, sql: str) -> Iterator[Any]:
        # A server-side cursor: a million items arrive a batch at a time, not all in memory.
        with self.db.raw.cursor(name="monitor_stream") as cursor:
            cursor.itersize = 2000
            cursor.execute(translate(sql))
            yield from cursor

    def defer_constraints(self) -> None:
        self.db.execute("SET CONSTRAINTS ALL DEFERRED")

    def after_copy(self, tables: tuple[str, ...]) -> None:
        # Rows written with their ids leave the identity sequences behind: the next insert would
        # take id 1 again.
        for table, column in self.db.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND is_identity = 'YES'").fetchall():
            if table in tables:
                self.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), max({column})) "
                                f"FROM {table} HAVING max({column}) IS NOT NULL")
        # Statistics for the planner now, not at autovacuum's next pass: the copied store is used at once.
        self.db.execute(f"ANALYZE {', '.join(tables)}")

    def generated_columns(self, table: str) -> set[str]:
        return {row[0] for row in self.db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? AND is_generated = 'ALWAYS'", [table])}

    def _text_filter(self, text: str) -> tuple[str, list[Any]] | None:
        return search.text_filter(text)

    def _is_text_error(self, exc: Exception) -> bool:
        return isinstance(exc, search.QUERY_ERRORS)
