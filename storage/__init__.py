"""The store: the `Store` protocol (storage.store) and its backends; the only package that knows a
database driver. `open_store` picks the backend from the configured database."""

from __future__ import annotations

from pathlib import Path

from monitor.models import Config, Settings
from storage.sqlite import SQLiteStore
from storage.store import Store

__all__ = ["Store", "SQLiteStore", "open_store"]


def open_store(target: Config | Settings | str | Path, *, migrate: bool = True) -> SQLiteStore:
    """The store a config (or a database path) names, created and migrated if needed."""
    if isinstance(target, Config):
        target = target.settings
    if isinstance(target, Settings):
        target = target.database
    return SQLiteStore(target, migrate=migrate)
