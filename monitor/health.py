"""Is the monitor healthy? The checks `monitor health` runs, each a named pass or fail with one line.

Checks, in order: the store opens and takes the write lock; the daemon's heartbeat file is fresh
(the daemon touches `<database>.heartbeat` every HEARTBEAT_EVERY_SECONDS); no enabled source has
been failing longer than a limit; the database's folder has room; notifications are not piling up.
A check that cannot run (the store does not open) fails the checks that need it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.durations import format_duration
from monitor.errors import MonitorError
from monitor.models import Config, database_label, is_postgres, iso

if TYPE_CHECKING:
    from storage.store import Store

# How often the daemon touches its heartbeat file (jobs.maintenance.beat); the default --max-age
# leaves room for four missed beats.
HEARTBEAT_EVERY_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Limits:
    """What counts as unhealthy (seconds and bytes); `daemon` False skips the heartbeat check."""

    max_age: float = 120.0
    failing_for: float = 86400.0
    min_free: int = 1_000_000_000
    max_pending_age: float = 3600.0
    daemon: bool = True


@dataclass(frozen=True, slots=True)
class Check:
    """One check's verdict and its one-line detail."""

    name: str
    ok: bool
    detail: str


def heartbeat_path(database: Path) -> Path:
    """The file the daemon touches while it runs: `<database>.heartbeat` beside the database."""
    return database.with_name(database.name + ".heartbeat")


def beat(database: Path) -> None:
    """Touch the heartbeat file (created if missing)."""
    path = heartbeat_path(database)
    path.touch()
    os.utime(path)


def check_all(config: Config, limits: Limits, now: datetime) -> list[Check]:
    """Run every check; never raises for what it finds (a store that fails to open is a failed check)."""
    from storage import open_store

    database = config.files_base
    checks: list[Check] = []
    store: Store | None = None
    if not is_postgres(config.settings.database) and not database.exists():
        checks.append(Check("store", False, f"no database at {database}"))
    else:
        try:
            store = open_store(config, migrate=False)
            store.probe_write()
            checks.append(Check("store", True, f"{database_label(config.settings.database)} opens and takes "
                                               "the write lock"))
        except MonitorError as exc:
            checks.append(Check("store", False, str(exc)))
            if store is not None:
                store.close()
            store = None
    if limits.daemon:
        checks.append(_heartbeat(database, limits.max_age, now))
    try:
        checks.append(_sources(store, config, limits.failing_for, now))
        checks.append(_disk(database.parent, limits.min_free))
        checks.append(_notifications(store, limits.max_pending_age, now))
    finally:
        if store is not None:
            store.close()
    return checks


def _heartbeat(database: Path, max_age: float, now: datetime) -> Check:
    path = heartbeat_path(database)
    try:
        age = now.timestamp() - path.stat().st_mtime
    except OSError:
        return Check("daemon", False, f"no heartbeat at {path}: is `monitor run` running?")
    if age > max_age:
        return Check("daemon", False, f"heartbeat is {format_duration(round(age))} old (limit {format_duration(max_age)})")
    return Check("daemon", True, f"heartbeat {format_duration(max(round(age), 0))} ago")


def _sources(store: Store | None, config: Config, failing_for: float, now: datetime) -> Check:
    if store is None:
        return Check("sources", False, "not checked: the store did not open")
    enabled = [s.name for s in config.sources if s.enabled]
    try:
        failing = store.failing_sources(enabled, now - timedelta(seconds=failing_for))
    except MonitorError as exc:
        return Check("sources", False, str(exc))
    if failing:
        name, since = failing[0]
        more = f" (and {len(failing) - 1} more)" if len(failing) > 1 else ""
        return Check("sources", False, f"{name} failing, no success since {iso(since)}{more}"
                                       f" (limit {format_duration(failing_for)})")
    return Check("sources", True, f"{len(enabled)} enabled, none failing for {format_duration(failing_for)}")


def _disk(folder: Path, min_free: int) -> Check:
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        return Check("disk", False, f"{folder}: {exc.strerror or exc}")
    if free < min_free:
        return Check("disk", False, f"{_size(free)} free in {folder} (limit {_size(min_free)})")
    return Check("disk", True, f"{_size(free)} free in {folder}")


def _notifications(store: Store | None, max_pending_age: float, now: datetime) -> Check:
    if store is None:
        return Check("notifications", False, "not checked: the store did not open")
    try:
        count, oldest = store.stuck_messages(now - timedelta(seconds=max_pending_age))
    except MonitorError as exc:
        return Check("notifications", False, str(exc))
    if count:
        return Check("notifications", False, f"{count} message(s) pending longer than "
                                             f"{format_duration(max_pending_age)}, oldest queued {iso(oldest)}")
    return Check("notifications", True, f"nothing pending longer than {format_duration(max_pending_age)}")


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return ""  # not reached


def parse_size(text: str) -> int:
    """A size such as 1GB, 500MB, 2.5G or 1000000 (bytes) → bytes; raises ValueError."""
    value = text.strip().upper().removesuffix("B").strip()
    factor = 1
    for suffix, multiple in (("K", 10**3), ("M", 10**6), ("G", 10**9), ("T", 10**12)):
        if value.endswith(suffix):
            value, factor = value[:-1].strip(), multiple
            break
    number = float(value)
    if number < 0:
        raise ValueError(text)
    return int(number * factor)
