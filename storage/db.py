"""Open the SQLite database: WAL, a busy timeout, foreign keys, every pending migration applied;
write transactions that queue instead of failing."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from monitor.errors import StoreError

BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path, *, migrate: bool = True) -> Database:
    """A connection to the database file, created and migrated if needed."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: the daemon opens a connection per job, and a job may finish on a
        # different pool thread than the one it started on; each connection is used by one job only.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        # Checkpoints run from checkpoint() between runs, not inside a random writer's COMMIT,
        # where copying scattered pages back made commits slower as the store grew.
        db.execute("PRAGMA wal_autocheckpoint = 0")
        if migrate:
            from storage.migrations import MIGRATIONS

            MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {exc}") from None
    except OSError as exc:
        raise StoreError(f"{path}: {exc}") from None
    return db


def schema_version(db: Database) -> list[str]:
    """The names of the migrations applied, in order."""
    from storage.migrations import MIGRATIONS

    return [m.name for m in MIGRATIONS.applied(db)]


@contextlib.contextmanager
def write_transaction(db: Database, lock: threading.Lock | None = None) -> Iterator[Database]:
    """A transaction that takes the write lock at its start (BEGIN IMMEDIATE).

    A deferred transaction that reads first and writes later cannot wait for another writer: SQLite
    answers "database is locked" at once instead of honouring the busy timeout. Taking the lock up
    front lets concurrent jobs queue behind each other. Threads of one process can also pass a
    shared `lock`: they then queue on it, instead of in SQLite's busy handler, which polls with
    sleeps and leaves the database idle between writers. Nested calls become savepoints.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    with lock if lock is not None else contextlib.nullcontext():
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")


def checkpoint(db: Database, mode: str = "PASSIVE") -> None:
    """Copy the write-ahead log back into the database file (PASSIVE: never waits for readers)."""
    db.execute(f"PRAGMA wal_checkpoint({mode})")
