"""Politeness among processes and machines: the host gate a PostgreSQL store keeps.

monitor.fetch keeps one request at a time per host, and `host_delay` between two, with locks in its
process (HostGate). Workers on several machines share the hosts they fetch from, so with a
PostgreSQL store the gate is kept in PostgreSQL instead:

- a request's turn is a session-level advisory lock on the host (`pg_advisory_lock(NAMESPACE,
  hash of host:port)`), taken on a connection that this turn alone uses and waited for with
  `lock_timeout` set to the fetch's remaining wait budget (monitor.fetch.HOST_WAIT_DEADLINES);
  PostgreSQL grants a waited-for lock in the order it was asked for;
- once the lock is held, `host_turns.last_request_end` (seconds since the epoch, by the database
  server's clock, so the machines' clocks do not matter) says when the host's previous request
  ended; the turn sleeps out what is left of `host_delay`;
- taking the turn also writes "busy until now + the fetch deadline" there, and the end of the
  exchange writes the real end time, then unlocks. A process that dies mid-request loses its
  session, and PostgreSQL releases the lock with it; its request may still be in progress at the
  server, so the next request to the host waits until the dead one's deadline has passed, plus
  `host_delay`.

Connections (psycopg's asynchronous ones, on the process's event loop) are kept in a small free
list, one per request in flight at most. A hash collision
between two hosts only makes them share turns: politeness never gets weaker.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from monitor.errors import FetchError, StoreError
from monitor.urls import host_key
from storage.postgres.advisory import apply_once

log = logging.getLogger(__name__)

# Turns held or waited for at once by one process: each is a database session, and a server's
# max_connections (100 by default) is shared by every worker and its store pool.
MAX_CONNECTIONS = 32
NAMESPACE = 0x686F7374  # 'host': the first key of the two-key advisory locks this gate takes
_CREATE = """CREATE TABLE IF NOT EXISTS host_turns (
    host TEXT PRIMARY KEY,
    last_request_end DOUBLE PRECISION NOT NULL
)"""


def host_lock_key(key: str) -> int:
    """The second advisory-lock key of a host key (host:port): 32 bits of its BLAKE2b hash, signed."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest(), "big", signed=True)


class PostgresTurn:
    """A held turn: the connection holding the host's advisory lock."""

    def __init__(self, gates: PostgresHostGates, connection: psycopg.AsyncConnection[Any], key: str) -> None:
        self._gates = gates
        self._connection = connection
        self.key = key

    async def end(self) -> None:
        connection = self._connection
        try:
            await connection.execute(
                "INSERT INTO host_turns (host, last_request_end) VALUES (%s, extract(epoch FROM clock_timestamp())) "
                "ON CONFLICT (host) DO UPDATE SET last_request_end = EXCLUDED.last_request_end", [self.key])
            await connection.execute("SELECT pg_advisory_unlock(%s, %s)", [NAMESPACE, host_lock_key(self.key)])
        except Exception as exc:  # the session ends with the connection, and its lock with it
            log.warning("host turn not released cleanly host=%s error=%s", self.key, exc)
            await connection.close()
        else:
            await self._gates.give_back(connection)
        finally:
            self._gates.released()


class PostgresHostGates:
    """monitor.fetch.HostGates kept in PostgreSQL (see the module docstring).

    Its connections are psycopg's asynchronous ones, used on the process's event loop only: a
    fetch waiting for a host's advisory lock is a task waiting, not a thread."""

    def __init__(self, url: str, delay: float, hold: float = 60.0, connections: int = MAX_CONNECTIONS) -> None:
        """`hold`: how long a request may last (settings.deadline), which a turn whose process died
        keeps its host for; `connections`: turns held or waited for at once (each is a session)."""
        self.url = url
        self.delay = delay
        self.hold = hold
        self._sessions = asyncio.Semaphore(connections)
        self._free: list[psycopg.AsyncConnection[Any]] = []
        self._created = False
        self._closed = False

    async def _connection(self, location: str) -> psycopg.AsyncConnection[Any]:
        if self._free:
            return self._free.pop()
        try:
            if not self._created:
                await asyncio.get_running_loop().run_in_executor(None, apply_once, self.url, "host_turns", _CREATE)
                self._created = True
            return await psycopg.AsyncConnection.connect(self.url, autocommit=True,
                                                         application_name="monitor host gate")
        except StoreError as exc:
            raise FetchError(location, f"host gate: {exc.detail}") from None
        except psycopg.Error as exc:
            raise FetchError(location, f"host gate: cannot use the database: {_one_line(exc)}") from None

    async def give_back(self, connection: psycopg.AsyncConnection[Any]) -> None:
        """A turn's session is free again (the turn ended, or was not granted)."""
        if self._closed:
            await connection.close()
        else:
            self._free.append(connection)

    async def take(self, url: str, timeout: float) -> PostgresTurn | None:
        began = time.monotonic()
        try:
            async with asyncio.timeout(max(0.0, timeout)):
                await self._sessions.acquire()
        except TimeoutError:
            return None
        try:
            turn = await self._take(url, timeout - (time.monotonic() - began))
        except BaseException:
            self._sessions.release()
            raise
        if turn is None:
            self._sessions.release()
        return turn

    async def _take(self, url: str, timeout: float) -> PostgresTurn | None:
        key = host_key(url)
        connection = await self._connection(url)
        try:
            # lock_timeout 0 would mean "wait for ever": a spent budget still waits a millisecond.
            await connection.execute("SELECT set_config('lock_timeout', %s, false)",
                                     [f"{max(1, int(timeout * 1000))}ms"])
            try:
                await connection.execute("SELECT pg_advisory_lock(%s, %s)", [NAMESPACE, host_lock_key(key)])
            except pg_errors.LockNotAvailable:
                await self.give_back(connection)
                return None
            turn = PostgresTurn(self, connection, key)
            # Read the previous end and, in the same statement, mark the host busy for as long as this
            # request may last: if this process dies before `end`, the next request waits that out.
            cursor = await connection.execute(
                "WITH previous AS (SELECT last_request_end FROM host_turns WHERE host = %(host)s), "
                "mark AS (INSERT INTO host_turns (host, last_request_end) "
                "VALUES (%(host)s, extract(epoch FROM clock_timestamp()) + %(hold)s) "
                "ON CONFLICT (host) DO UPDATE SET last_request_end = EXCLUDED.last_request_end) "
                "SELECT extract(epoch FROM clock_timestamp())::float8 - last_request_end FROM previous",
                {"host": key, "hold": self.hold})
            row = await cursor.fetchone()
        except BaseException as exc:
            await connection.close()  # a cancelled wait too: the lock may be granted after we stop waiting
            if isinstance(exc, psycopg.Error):
                raise FetchError(url, f"host gate: cannot use the database: {_one_line(exc)}") from None
            raise
        if row is not None:
            pause = self.delay - float(row[0])
            if pause > 0:
                try:
                    await asyncio.sleep(min(pause, self.delay + self.hold))  # a server clock stepped back must not stall us
                except BaseException:
                    await connection.close()
                    raise
        return turn

    def released(self) -> None:
        """A turn ended: its session may be used by another."""
        self._sessions.release()

    async def close(self) -> None:
        self._closed = True
        free, self._free = self._free, []
        for connection in free:
            await connection.close()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
