"""The store: the `Store` protocol (storage.store) and its backends; the only package that knows a
database driver. `open_store` picks the backend from the configured database: a SQLite file, or a
PostgreSQL server's URL (storage.postgres, with the `postgres` extra installed)."""

from __future__ import annotations

from pathlib import Path

from monitor.errors import StoreError
from monitor.models import Config, Settings, is_postgres
from storage.sqlite import SQLiteStore
from storage.store import Store
from storage.tables import TableStore

__all__ = ["Store", "SQLiteStore", "TableStore", "open_store"]


def open_store(target: Config | Settings | str | Path, *, migrate: bool = True) -> Store:
    """The store a config (or a database path or URL) names, created and migrated if needed."""
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
    return SQLiteStore(target, migrate=migrate)
