"""One psycopg connection that speaks the table modules' dialect (storage.sql.Db): `?` and `:name`
placeholders, `execute` returning a cursor, `query` returning rows as dicts, `conn.executemany`.

The table modules (storage/items.py, stories.py, …) hold the store's SQL once, for both engines;
what differs is rewritten here, once per distinct statement (cached):
- placeholders: `?` becomes `%s`, `:name` becomes `%(name)s`, and a literal `%` is doubled;
- `INDEXED BY index` (SQLite's planner hints, for retention's walks) is dropped: PostgreSQL's
  planner picks its own;
- `temp.table` is `pg_temp.table`.
Text inside quotes is left alone. Numeric results (sum() of integers is NUMERIC here, an INTEGER
in SQLite) come back as int or float, as from SQLite.
"""

from __future__ import annotations

import atexit
import functools
import re
import threading
from decimal import Decimal
from typing import Any, Iterable, Iterator

import psycopg
from psycopg import pq
from psycopg.adapt import Loader
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

_SQL_PARTS = re.compile(
    r"""(?P<quoted>'(?:[^']|'')*')
      | (?P<qmark>\?)
      | (?<![:\w])(?P<named>:[A-Za-z_]\w*)
      | (?P<percent>%)
      | (?P<hint>\bINDEXED\s+BY\s+\w+)
      | (?P<temp>\btemp\.)""",
    re.VERBOSE | re.IGNORECASE,
)


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """A statement of the table modules' dialect in psycopg's (see the module docstring)."""
    def part(match: re.Match[str]) -> str:
        kind = match.lastgroup
        text = match.group()
        if kind == "quoted":
            return text.replace("%", "%%")
        if kind == "qmark":
            return "%s"
        if kind == "named":
            return f"%({text[1:]})s"
        if kind == "percent":
            return "%%"
        if kind == "hint":
            return ""
        return "pg_temp."
    return _SQL_PARTS.sub(part, sql)


class _NumberLoader(Loader):
    """NUMERIC as int when whole, float otherwise: what SQLite's sum() and avg() give."""

    def load(self, data: Any) -> int | float:
        value = Decimal(bytes(data).decode())
        return int(value) if value == value.to_integral_value() else float(value)


class PgConnection:
    """The connection-level part of storage.sql.Db: transaction state and executemany."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        rows = list(parameters)
        if not rows:
            return None
        with self._conn.cursor() as cursor:
            cursor.executemany(translate(sql), rows)
        return None


def _configure(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_loader("numeric", _NumberLoader)


# One pool per database per process. A store is opened per job (a fetch, a delivery run): without
# a pool each would start a PostgreSQL backend process of its own, tens a second at GDELT's pace.
_POOLS: dict[str, ConnectionPool[Any]] = {}
_POOLS_GUARD = threading.Lock()
POOL_SIZE = 32  # connections one process keeps at most; a thread asking for more waits for one


def _pool(conninfo: str) -> ConnectionPool[Any] | None:
    with _POOLS_GUARD:
        return _POOLS.get(conninfo)


MAX_POOLS = 4  # databases one process keeps a pool for (a daemon: one; a test session: many, one after another)


def _new_pool(conninfo: str) -> None:
    with _POOLS_GUARD:
        if conninfo in _POOLS:
            return
        while len(_POOLS) >= MAX_POOLS:  # the oldest first: dict order is creation order
            _POOLS.pop(next(iter(_POOLS))).close(timeout=1.0)
        _POOLS[conninfo] = ConnectionPool(
            conninfo, kwargs={"autocommit": True}, configure=_configure, min_size=0, max_size=POOL_SIZE,
            check=ConnectionPool.check_connection, open=True, name="monitor", num_workers=1)


@atexit.register
def _close_pools() -> None:
    with _POOLS_GUARD:
        for pool in _POOLS.values():
            pool.close(timeout=1.0)
        _POOLS.clear()


class PgDb:
    """storage.sql.Db over one psycopg connection in autocommit mode: a statement outside a
    transaction commits alone (reads hold no snapshot between calls), and the store opens
    transactions explicitly (`raw.transaction()`).

    The connection comes from the process's pool for the database, and goes back on close(). The
    first store of a process connects directly, so that a server that cannot be reached is a
    one-line error at once rather than a pool's wait for it; its connection is then closed, and the
    later ones are pooled."""

    def __init__(self, conninfo: str) -> None:
        self._pool = _pool(conninfo)
        if self._pool is None:
            self.raw: psycopg.Connection[Any] = psycopg.connect(conninfo, autocommit=True)
            _configure(self.raw)
            _new_pool(conninfo)
        else:
            self.raw = self._pool.getconn()
        self.conn = PgConnection(self.raw)

    def execute(self, sql: str, parameters: Any = None, /) -> psycopg.Cursor[Any]:
        return self.raw.execute(translate(sql), parameters)

    def query(self, sql: str, params: Any = None, /) -> Iterator[dict[str, Any]]:
        with self.raw.cursor(row_factory=dict_row) as cursor:
            cursor.execute(translate(sql), params)
            yield from cursor

    def close(self) -> None:
        if self._pool is None:
            self.raw.close()
            return
        if self.raw.info.transaction_status != pq.TransactionStatus.IDLE:
            self.raw.close()  # left inside a transaction (a failure mid-way): not worth cleaning up
        self._pool.putconn(self.raw)
