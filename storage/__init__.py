"""The store: the `Store` protocol (storage.store) and its backends; the only package that knows a
database driver. `open_store` picks the backend from the configured database."""

from __future__ import annotations

import sys
from pathlib import Path


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

from monitor.models import Config, Settings  # noqa: E402
from storage.sqlite import SQLiteStore  # noqa: E402
from storage.store import Store  # noqa: E402

__all__ = ["Store", "SQLiteStore", "open_store"]


def open_store(target: Config | Settings | str | Path, *, migrate: bool = True) -> SQLiteStore:
    """The store a config (or a database path) names, created and migrated if needed."""
    if isinstance(target, Config):
        target = target.settings
    if isinstance(target, Settings):
        target = target.database
    return SQLiteStore(target, migrate=migrate)
