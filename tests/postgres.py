"""PostgreSQL servers and databases for the tests (the fixtures are in conftest.py).

One real server per test process (a pytest-xdist worker is a process), started with pgserver in a
temporary folder and stopped at the end, or the server MONITOR_TEST_POSTGRES names; one new, empty
database on it per test, dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, cast
from urllib.parse import quote, urlencode

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

ENV = "MONITOR_TEST_POSTGRES"


@contextmanager
def server(scratch: Path) -> Iterator[str]:
    """The base URL of a server for this process: MONITOR_TEST_POSTGRES when set, otherwise a new
    pgserver one with its data in `scratch` (pytest's), stopped on leaving."""
    given = os.environ.get(ENV)
    if given:
        yield given
        return
    import pgserver

    # Run as root, pgserver runs PostgreSQL as its own user, which must be able to reach the data
    # folder; but every pytest session that starts (another suite, another checkout) sets
    # /tmp/pytest-of-root back to mode 0700, and the server then dies at its next checkpoint
    # ("could not open file .../global/pg_control: Permission denied"). So root's servers keep
    # their data in a folder of their own.
    as_root = getattr(os, "geteuid", lambda: -1)() == 0
    home = Path(tempfile.mkdtemp(prefix="monitor-test-postgres-")) if as_root else scratch
    # cleanup_mode="stop": stopped once this process lets go of it. pgserver listens on a Unix
    # socket in the data folder only, no TCP port: the servers of several workers cannot collide.
    started = pgserver.get_server(home / "data", cleanup_mode="stop")
    try:
        yield started.get_uri()
    finally:
        started.cleanup()
        if as_root:
            shutil.rmtree(home, ignore_errors=True)


def url(params: dict[str, str]) -> str:
    """A postgresql:// URL of libpq connection parameters (conninfo_to_dict's): user, password,
    host and port in the authority where a URL can hold them, everything else (a socket folder as
    host, several hosts, options) in the query string."""
    params = dict(params)
    authority = ""
    user, password = params.pop("user", None), params.pop("password", None)
    if user is not None:
        authority = quote(user, safe="")
        if password:
            authority += ":" + quote(password, safe="")
        authority += "@"
    host = params.get("host")
    if host and not host.startswith("/") and "," not in host:
        params.pop("host")
        authority += f"[{host}]" if ":" in host else quote(host, safe="")
        if "port" in params and "," not in params["port"]:
            authority += ":" + params.pop("port")
    dbname = quote(params.pop("dbname", ""), safe="")
    query = urlencode(params, quote_via=quote, safe="/")
    return f"postgresql://{authority}/{dbname}" + (f"?{query}" if query else "")


def database_url(base: str, dbname: str) -> str:
    """The URL of database `dbname` on the server that `base` (a URL or a key=value conninfo) names."""
    # conninfo_to_dict without keyword arguments holds only libpq's parsed option values: decoded
    # strings, never None (left out) or int (only keyword arguments can be), as its ConnDict allows.
    return url({**cast("dict[str, str]", conninfo_to_dict(base)), "dbname": dbname})


@contextmanager
def fresh_database(base: str) -> Iterator[str]:
    """A new, empty database on the server of `base`, as a URL; dropped (connections and all) on leaving."""
    name = f"t_{secrets.token_hex(8)}"
    # CREATE/DROP DATABASE cannot run inside a transaction block.
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(base, name)
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
