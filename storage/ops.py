"""Operating the SQLite store: a consistent copy while the daemon writes (the online backup API),
and the questions `monitor health` asks of the store.

The backup reads one snapshot (a read transaction in WAL mode holds nobody up) into a temporary
file beside the target, switches the copy out of WAL so it is one self-contained file, syncs it,
and renames it over the target: a reader of the target sees the old file or the whole new one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from monitor.errors import StoreError
from monitor.models import from_iso, iso
from storage.sql import Db


def backup(db: Database, target: str | Path, *, force: bool = False) -> int:
    """Copy the database to `target` as of one moment; the copy's size in bytes.

    Refuses an existing target unless `force`. The copy is written to a temporary file in the
    target's folder and renamed into place, so a failed backup never leaves a partial target.
    """
    target = Path(target)
    if target.is_dir():
        raise StoreError(f"backup: {target} is a folder; give a file name")
    if target.exists() and not force:
        raise StoreError(f"backup: {target} exists; --force replaces it")
    if not target.parent.is_dir():
        raise StoreError(f"backup: no such folder: {target.parent}")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        copy = sqlite3.connect(str(temporary))
        try:
            # pages=-1: the whole database in one step, from one read snapshot; copied in steps,
            # a write by another connection between two steps would restart the copy.
            db.conn.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode = DELETE").fetchall()  # one file, no -wal beside it
            ok = copy.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise StoreError(f"backup: the copy fails its check: {ok}")
        finally:
            copy.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _sync_folder(target.parent)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"backup: {target}: {exc}") from None
    finally:
        for leftover in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                temporary.with_name(temporary.name + leftover).unlink()
    return target.stat().st_size


def _sync_folder(folder: Path) -> None:
    """Make a rename in the folder durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def probe_write(db: Database) -> None:
    """Take the write lock and let it go again (BEGIN IMMEDIATE, ROLLBACK): nothing is written."""
    db.conn.execute("BEGIN IMMEDIATE")
    db.conn.execute("ROLLBACK")


def failing_sources(db: Db, names: list[str], before: datetime) -> list[tuple[str, datetime]]:
    """Of the named sources, those whose latest fetch failed and that have had no success since
    before `before` (none ever: created before it), with that moment, longest failing first."""
    if not names:
        return []
    marks = ",".join("?" * len(names))
    rows = db.execute(
        f"""SELECT name, coalesce(last_success_at, created_at) AS since FROM sources
            WHERE name IN ({marks}) AND consecutive_failures > 0 AND coalesce(last_success_at, created_at) < ?
            ORDER BY since, name""", [*names, iso(before)]).fetchall()
    return [(row[0], from_iso(row[1])) for row in rows]  # type: ignore[misc]


def stuck_messages(db: Db, before: datetime) -> tuple[int, datetime | None]:
    """Undelivered notification messages that were due (or first tried) before `before`: how many,
    and the oldest one's queue time. A message held for quiet hours and never tried is not stuck."""
    row = db.execute(
        """SELECT count(*), min(created_at) FROM messages
           WHERE delivered_at IS NULL AND created_at < ? AND (attempts > 0 OR next_attempt_at < ?)""",
        [iso(before), iso(before)]).fetchone()
    return int(row[0]), from_iso(row[1])
