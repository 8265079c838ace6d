"""What the table modules (items, stories, alerts, …) ask of a database connection: the part of
sqlite-utils' `Database` they use, which the PostgreSQL backend's connection also offers
(storage.postgres.connection). The SQL in those modules is written once, in the dialect both
engines take: `?` and `:name` placeholders, `ON CONFLICT`, `RETURNING`, `coalesce`."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Protocol


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    @property
    def in_transaction(self) -> bool: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...


class Db(Protocol):
    @property
    def conn(self) -> Connection: ...

    def execute(self, sql: str, parameters: Any = None, /) -> Cursor: ...

    def query(self, sql: str, params: Any = None, /) -> Iterator[dict[str, Any]]: ...
