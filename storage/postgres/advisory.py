"""Once-only DDL among processes that start together: a PostgreSQL advisory lock around "create it
unless it is there" (jobs.queue applies procrastinate's schema this way)."""

from __future__ import annotations

from typing import Any

import psycopg

from monitor.errors import StoreError

SCHEMA_LOCK = 0x6D6F6E71  # 'monq': the advisory-lock key of schema set-up by this program


def apply_once(url: str, probe_table: str, ddl: str, *, lock_key: int = SCHEMA_LOCK) -> bool:
    """Run `ddl` (several statements, in one transaction) unless `probe_table` exists; whether it ran.

    The check and the DDL happen under an advisory lock, so of several processes
    starting at once one creates the schema and the others wait for it, then find it there."""
    try:
        with psycopg.connect(url, autocommit=True, application_name="monitor schema") as connection:
            if _exists(connection, probe_table):
                return False
            # A session lock, and the check in a transaction of its own after it: a transaction that
            # began before another's DDL committed may still read the catalog as it was.
            connection.execute("SELECT pg_advisory_lock(%s)", [lock_key])
            try:
                if _exists(connection, probe_table):
                    return False
                with connection.transaction():
                    connection.execute(ddl.encode("utf-8"))
                return True
            finally:
                connection.execute("SELECT pg_advisory_unlock(%s)", [lock_key])
    except psycopg.Error as exc:
        raise StoreError(f"cannot set up the database schema: {' '.join(str(exc).split())}") from None


def _exists(connection: psycopg.Connection[Any], table: str) -> bool:
    row = connection.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()
    return bool(row and row[0])
