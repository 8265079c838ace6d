"""Copy a whole store into an empty one, of either kind: `monitor store copy` (SQLite to PostgreSQL,
or back), and the PostgreSQL store's backup (to one SQLite file).

The source is read as of one moment (a read transaction: a snapshot, while the daemon may go on
writing); the target is written in one transaction, with its foreign keys checked at COMMIT
(items and stories name each other), so an interrupted copy leaves the target empty. Rows keep
their ids, so alerts, stories and the alert log still name the same items. Then the copy is
checked: every table's row count, and a sample of items, stories and alerts read back through
both stores and compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from monitor.errors import StoreError
from storage.tables import TableStore

# Every table of the documented schema, parents first (tests/test_schema_doc.py holds this list to
# the schema). The full-text index is not copied: each backend builds its own from the items.
TABLES = ("sources", "items", "stories", "item_sightings", "item_signatures", "lsh_bands", "lsh_banded",
          "item_revisions", "fetches", "refused_links", "folder_files", "alerts", "messages", "deliveries", "spikes",
          "silences", "tombstones")
BATCH = 2000
SAMPLE = 200  # items (and as many stories and alerts) compared field by field after the copy


@dataclass(frozen=True, slots=True)
class CopyReport:
    rows: dict[str, int]  # table → rows copied (equal in both stores: checked)
    sampled: int  # items, stories and alerts read back through both stores and found equal


def copy_store(source: TableStore, target: TableStore,
               progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy every row of `source` into `target`, which must hold no items, sources or alerts; checked."""
    for table in ("sources", "items", "alerts"):
        if target.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            raise StoreError(f"{target.label}: not empty ({table} has rows); copy into a new database")
    rows: dict[str, int] = {}
    with source.snapshot():
        with target.transaction():
            target.defer_constraints()
            for table in TABLES:
                columns = _shared_columns(source, target, table)
                names = ", ".join(columns)
                insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
                count = 0
                batch: list[tuple[object, ...]] = []
                for row in source.stream(f"SELECT {names} FROM {table}"):
                    batch.append(tuple(row))
                    if len(batch) >= BATCH:
                        target.db.conn.executemany(insert, batch)
                        count += len(batch)
                        batch = []
                        if progress:
                            progress(table, count)
                if batch:
                    target.db.conn.executemany(insert, batch)
                    count += len(batch)
                rows[table] = count
                if progress:
                    progress(table, count)
            target.after_copy(TABLES)
        sampled = _check(source, target, rows)
    return CopyReport(rows, sampled)


def _columns(store: TableStore, table: str) -> list[str]:
    cursor = store.db.execute(f"SELECT * FROM {table} LIMIT 0")
    return [column[0] for column in cursor.description]


def _shared_columns(source: TableStore, target: TableStore, table: str) -> list[str]:
    """The columns both stores have (a backend's own, such as PostgreSQL's generated `search`, stay out)."""
    wanted = set(_columns(target, table)) - target.generated_columns(table)
    columns = [c for c in _columns(source, table) if c in wanted]
    missing = wanted - set(columns)
    if missing:
        raise StoreError(f"{source.label}: table {table} lacks {', '.join(sorted(missing))}; upgrade it first")
    return columns


def _check(source: TableStore, target: TableStore, rows: dict[str, int]) -> int:
    """Row counts per table, then a spread of items, stories and alerts, compared; the number sampled."""
    for table, count in rows.items():
        found = target.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if found != count:
            raise StoreError(f"copy check: {table} has {found} rows in {target.label}, {count} in {source.label}")
    sampled = 0
    for table, read in (("items", "item"), ("stories", "story")):
        for (row_id,) in source.db.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()[::_step(rows[table])]:
            if getattr(source, read)(row_id) != getattr(target, read)(row_id):
                raise StoreError(f"copy check: {table} row {row_id} differs between {source.label} and {target.label}")
            sampled += 1
    theirs, ours = source.alerts(limit=SAMPLE), target.alerts(limit=SAMPLE)
    if theirs != ours:
        raise StoreError(f"copy check: the latest alerts differ between {source.label} and {target.label}")
    return sampled + len(ours)


def _step(count: int) -> int:
    return max(1, count // SAMPLE)
