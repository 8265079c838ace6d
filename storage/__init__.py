"""The store: the `Store` protocol (storage.store) and its backends; the only package that knows a
database driver. `open_store` picks the backend from the configured database: a SQLite file, or a
PostgreSQL server's URL (storage.postgres, with the `postgres` extra installed)."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils, keeping it from importing numpy when nothing has yet.

    sqlite-utils imports numpy if it can, only to map numpy scalar types to column types when it
    creates a table from Python values, which the store never does (its schema is SQL, its values
    Python's own). numpy costs 60-80 ms, a quarter of a read-only command's time (`monitor alerts`).
    A process that has numpy already (the daemon, whose story signatures use it) is left alone.
    """
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError meanwhile
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_import_sqlite_utils_without_numpy()

from monitor.errors import StoreError, one_line  # noqa: E402
from monitor.models import Config, Settings, is_postgres  # noqa: E402
from storage import db as _db  # noqa: E402
from storage.sqlite import SQLiteStore  # noqa: E402
from storage.store import Store  # noqa: E402
from storage.tables import TableStore  # noqa: E402

if TYPE_CHECKING:
    from monitor.fetch import HostGates

__all__ = ["Checkpoints", "Store", "SQLiteStore", "TableStore", "checkpointing", "host_gates", "is_postgres_url", "open_store"]

log = logging.getLogger(__name__)


def is_postgres_url(database: object) -> bool:
    """Whether a configured `database` names a PostgreSQL server (a postgresql:// URL), not a SQLite file."""
    return isinstance(database, str) and is_postgres(database)


def host_gates(settings: Settings) -> HostGates | None:
    """The politeness gate the configured store keeps among processes: PostgreSQL's (storage.postgres.hosts)
    for a PostgreSQL store; None for SQLite, whose single daemon keeps the fetcher's in-process one."""
    database: object = settings.database
    if not is_postgres_url(database):
        return None
    from storage.postgres.hosts import PostgresHostGates

    return PostgresHostGates(str(database), settings.host_delay, hold=settings.deadline)


def open_store(target: Config | Settings | str | Path, *, migrate: bool = True, writer: bool = False) -> Store:
    """The store a config (or a database path or URL) names, created and migrated if needed. A
    `writer` is the connection a process commits its ingest through: SQLite gives it a larger page
    cache (storage.db.WRITER_CACHE_KIB); PostgreSQL, whose server keeps the cache, nothing more."""
    if isinstance(target, Config):
        target = target.settings
    if isinstance(target, Settings):
        target = target.database
    if isinstance(target, str) and is_postgres(target):
        try:
            from storage.postgres.store import PostgresStore
        except ImportError as exc:
            raise StoreError(f"a PostgreSQL store needs psycopg: pip install 'media-monitor[postgres]' ({exc})") from None
        return PostgresStore(target, migrate=migrate)
    return SQLiteStore(target, migrate=migrate, writer=writer)


class Checkpoints:
    """What `checkpointing` yields: a way to end its checkpoints with a last one that copies the
    whole write-ahead log back."""

    def __init__(self) -> None:
        self._stopped = threading.Event()
        self._copy_back = False

    def copy_back(self) -> None:
        """End the periodic checkpoints now with one that copies every frame of the write-ahead log
        back into the database file, without resetting the log file (`Store.maintain(reset_log=False)`:
        it waits for no reader). Returns at once: the checkpoint runs on the checkpoint thread, after
        the one it may be in the middle of, and the block's end waits for it.

        Without it, the last connection to close copies the log back first (0.7 s after a cold
        `run --once` of 5,000 items), and the block's end would wait for a checkpoint in progress
        before the caller's next work could start (up to 0.3 s of the same run's end)."""
        self._copy_back = True
        self._stopped.set()


@contextlib.contextmanager
def checkpointing(config: Config) -> Iterator[Checkpoints]:
    """The daemon's periodic checkpoint (Store.maintain every storage.db.CHECKPOINT_EVERY_SECONDS), on
    a thread and a connection of its own, for a command that writes without the daemon's scheduler
    (`run --once`, `ingest`, `prune`), until the block ends (or `Checkpoints.copy_back`). Nothing to
    do on PostgreSQL.

    Without it, all such a command wrote stayed in the write-ahead log until its end, and each
    commit adds every page it touched: the LSH band index's 64 rows per item land on nearly all of
    its pages, so the log grew with the square of the items (476 MB for a cold `run --once` of 5,000
    items into a 57 MB store)."""
    handle = Checkpoints()
    if is_postgres_url(config.settings.database):
        yield handle
        return

    def checkpoints() -> None:
        store: Store | None = None
        try:
            while not handle._stopped.wait(_db.CHECKPOINT_EVERY_SECONDS):
                try:
                    store = store or open_store(config, migrate=False)
                    store.maintain()
                except Exception as exc:  # the next one tries again; the command's end copies it all back
                    log.error("checkpoint failed error=%s", exc)
            if handle._copy_back:
                try:
                    store = store or open_store(config, migrate=False)
                    store.maintain(reset_log=False)
                except Exception as exc:  # the command's final maintain() copies it back all the same
                    log.warning("wal copy-back failed error=%s", one_line(f"{type(exc).__name__}: {exc}", 300))
        finally:
            if store is not None:
                store.close()

    thread = threading.Thread(target=checkpoints, name="wal-checkpoint", daemon=True)
    thread.start()
    try:
        yield handle
    finally:
        handle._stopped.set()
        thread.join()
