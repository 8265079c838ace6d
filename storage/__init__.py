"""The store: the `Store` protocol (storage.store) and its backends; the only package that knows a
database driver. `open_store` picks the backend from the configured database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from monitor.models import Config, Settings
from storage.sqlite import SQLiteStore
from storage.store import Store

if TYPE_CHECKING:
    from monitor.fetch import HostGates

__all__ = ["Store", "SQLiteStore", "host_gates", "is_postgres_url", "open_store"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(database: object) -> bool:
    """Whether a configured `database` names a PostgreSQL server (a postgresql:// URL), not a SQLite file."""
    return isinstance(database, str) and database.startswith(POSTGRES_SCHEMES)


def host_gates(settings: Settings) -> HostGates | None:
    """The politeness gate the configured store keeps among processes: PostgreSQL's (storage.postgres.hosts)
    for a PostgreSQL store; None for SQLite, whose single daemon keeps the fetcher's in-process one."""
    database: object = settings.database
    if not is_postgres_url(database):
        return None
    from storage.postgres.hosts import PostgresHostGates

    return PostgresHostGates(str(database), settings.host_delay, hold=settings.deadline)


def open_store(target: Config | Settings | str | Path, *, migrate: bool = True) -> SQLiteStore:
    """The store a config (or a database path) names, created and migrated if needed."""
    if isinstance(target, Config):
        target = target.settings
    if isinstance(target, Settings):
        target = target.database
    return SQLiteStore(target, migrate=migrate)
