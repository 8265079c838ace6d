"""Open the SQLite database: WAL, a busy timeout, foreign keys, every pending migration applied;
write transactions that queue instead of failing; checkpoints that keep the write-ahead log bounded.

Setting a database up (switching it to WAL, applying migrations) happens under an exclusive lock on
a file beside it (`monitor.db.migrate.lock`), and what is applied is read again once the lock is
held: processes that start together on a fresh or older database queue, the first one migrates, the
others find nothing left to do. A lock file rather than BEGIN EXCLUSIVE because the journal-mode
switch and a migration registered with `transactional=False` cannot run inside a transaction, and
one lock has to cover "read what is applied, apply the rest"; the kernel releases it if its holder
dies, and each migration still commits together with its bookkeeping row.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from monitor.errors import StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
# How long a process waits for another one to finish setting the database up (migrations of a
# large store can take minutes); the lock is released by the kernel if its holder dies.
SETUP_LOCK_TIMEOUT_SECONDS = 600.0
# A write-ahead log larger than this after the periodic PASSIVE checkpoint is reset (TRUNCATE).
# PASSIVE copies the log back but never resets it, and a writer only restarts it when no
# connection is reading it, which never happens in a busy daemon: the file grew without bound
# (2.6 GB beside a 133 MB database after 90 s of bench_kill.py wal). The peak is about this limit plus
# what is written between two maintenance runs (CHECKPOINT_EVERY_SECONDS).
WAL_LIMIT_BYTES = 32 * 1024 * 1024
# The write-ahead log can outgrow WAL_LIMIT_BYTES by what is written in this time (about 30 MB a
# second under bench_kill.py wal's sustained ingest); a PASSIVE checkpoint and a look at the file's
# size cost a few milliseconds and hold nobody up. The daemon's checkpoint job runs this often, and
# storage.checkpointing for the commands that write without it.
CHECKPOINT_EVERY_SECONDS = 2.0
# How long a TRUNCATE may wait for the writer in progress, then for readers of older snapshots
# (writers wait meanwhile); when it gives up, the next maintenance run tries again. Shorter than
# the maintenance interval, so a run never overlaps the next.
CHECKPOINT_WAIT_MS = 1_000
# The page cache of the connection a process commits its ingest through (connect(writer=True)), in
# KiB; others keep SQLite's default 2,000. A document's commit touches pages all over the item,
# full-text and LSH band indexes: with 2 MB most of them were read back from the write-ahead log in
# every commit (bench/README.md, "One writing connection": 16 MB and temp_store MEMORY took a
# quarter to a third off the store's CPU; 32 and 64 MB no better).
WRITER_CACHE_KIB = 16_000


def connect(path: str | Path, *, migrate: bool = True, writer: bool = False) -> Database:
    """A connection to the database file, created and migrated if needed; a `writer` (the one a
    process commits its ingest through) keeps a larger page cache and its statement journals in memory."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: the daemon opens a connection per job, and a job may finish on a
        # different pool thread than the one it started on; each connection is used by one job only.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        # No sqlite-utils plugins: the store uses none, and looking for them (every installed package's
        # entry points) cost 25 ms of every command's start.
        db = Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if _needs_setup(db, migrate):
            with _setup_lock(path):
                _set_up(db, migrate)  # what is needed is read again under the lock
        db.execute("PRAGMA synchronous = NORMAL")
        # Checkpoints run from checkpoint() between runs, not inside a random writer's COMMIT,
        # where copying scattered pages back made commits slower as the store grew.
        db.execute("PRAGMA wal_autocheckpoint = 0")
        if writer:
            db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            # An insert that fires the full-text trigger keeps a statement journal (the pages it
            # changes, in case it fails halfway): in a temporary file by default, written and
            # read back through system calls. Ingest statements change a few pages each.
            db.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {exc}") from None
    except OSError as exc:
        raise StoreError(f"{path}: {exc}") from None
    return db


def _is_wal(db: Database) -> bool:
    return str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"


def _needs_setup(db: Database, migrate: bool) -> bool:
    """Whether the database still has to be switched to WAL or migrated (read without the lock)."""
    if not _is_wal(db):
        return True
    if not migrate:
        return False
    from storage.migrations import MIGRATIONS

    return bool(MIGRATIONS.pending(db))


def _set_up(db: Database, migrate: bool) -> None:
    """Switch to WAL and apply the pending migrations; the caller holds the setup lock."""
    if not _is_wal(db):
        db.enable_wal()
    # As after set-up (connect): in WAL mode a commit then waits for no fsync of its own, and a
    # power cut can take back the last commits, never corrupt the file; a migration taken back is
    # applied again (each is recorded in its own transaction). 25 fsyncs made a new store's 13
    # migrations take 32-49 ms, 25 ms without.
    db.execute("PRAGMA synchronous = NORMAL")
    if migrate:
        from storage.migrations import MIGRATIONS

        MIGRATIONS.apply(db)  # reads what is applied now, under the lock, and applies the rest


@contextlib.contextmanager
def _setup_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `<database>.migrate.lock`, waited for at most SETUP_LOCK_TIMEOUT_SECONDS."""
    with open(path.with_name(path.name + ".migrate.lock"), "a") as handle:
        deadline = time.monotonic() + SETUP_LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(f"{path}: another process has been migrating the database for "
                                     f"{SETUP_LOCK_TIMEOUT_SECONDS:.0f}s") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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


def wal_size(db: Database) -> int:
    """The size in bytes of the main database's write-ahead log file (0 when there is none)."""
    row = db.execute("PRAGMA database_list").fetchone()
    if row is None or not row[2]:
        return 0  # an in-memory or temporary database
    try:
        return os.path.getsize(row[2] + "-wal")
    except OSError:
        return 0


def checkpoint(db: Database, mode: str = "PASSIVE", *, wal_limit: int | None = None,
               lock: threading.Lock | None = None) -> None:
    """Copy the write-ahead log back into the database file.

    PASSIVE (the periodic one) never waits for anybody; if the log file is still over `wal_limit`
    (WAL_LIMIT_BYTES by default) after it, it becomes TRUNCATE. TRUNCATE and RESTART wait at most
    CHECKPOINT_WAIT_MS for the writer in progress and as long again for readers of older
    snapshots, then reset the log (TRUNCATE also empties the file); one that cannot finish in time
    is logged, and the next call tries again. Pass the writers' `lock` of write_transaction: the
    checkpoint then queues with this process's writers instead of polling, in SQLite's busy
    handler, for a moment when none of them holds the database, which a busy daemon rarely leaves.
    """
    if mode == "PASSIVE":
        db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        size = wal_size(db)
        if size <= (WAL_LIMIT_BYTES if wal_limit is None else wal_limit):
            return
        mode = "TRUNCATE"
    else:
        size = wal_size(db)
    if lock is not None and not lock.acquire(timeout=CHECKPOINT_WAIT_MS / 1000):
        log.warning("wal checkpoint not started, writers busy, tried again later mode=%s wal_bytes=%d", mode, size)
        return
    try:
        with _busy_timeout(db, CHECKPOINT_WAIT_MS):
            busy, frames, copied = db.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
    finally:
        if lock is not None:
            lock.release()
    if busy:
        log.warning("wal checkpoint not finished, tried again later mode=%s wal_bytes=%d frames=%d copied=%d",
                    mode, size, frames, copied)


@contextlib.contextmanager
def _busy_timeout(db: Database, ms: int) -> Iterator[None]:
    db.execute(f"PRAGMA busy_timeout = {int(ms)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
