"""The alert log: a JSON Lines file, one object per alert, appended under an exclusive lock.

The alerts table is the outbox: rows are written to the log after their transaction committed and
are then marked as logged, so a crash can delay a line but never log an alert that does not exist.
A crash between the append and the mark is repaired by the next writer: `logged_since` reads the
log's tail for the ids it already holds, and a line cut short by the crash is removed
(`repair_tail`), so every alert is in the log exactly once. The lock keeps a daemon and a
`monitor ingest` from writing the same alert twice.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path
from typing import Iterator

from monitor.models import Alert


@contextlib.contextmanager
def log_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the alert log (a sidecar .lock file) for a read-append-mark step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def append_log(path: Path, alerts: list[Alert]) -> None:
    """Append one line per alert and flush it to disk before returning."""
    if not alerts:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(alert.to_json() + "\n" for alert in alerts).encode("utf-8")
    with open(path, "ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


_BLOCK = 65_536
MAX_TAIL_BYTES = 64_000_000  # how far back a repair looks: far more than one flush ever writes


def repair_tail(path: Path) -> None:
    """Cut a last line that a crash left without its newline (it is written again whole)."""
    try:
        handle = open(path, "r+b")
    except FileNotFoundError:
        return
    with handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return
        end = size
        while end > 0:
            start = max(0, end - _BLOCK)
            handle.seek(start)
            block = handle.read(end - start)
            cut = block.rfind(b"\n")
            if cut >= 0:
                handle.truncate(start + cut + 1)
                return
            end = start
        handle.truncate(0)


def logged_since(path: Path, first_id: int) -> set[int]:
    """Ids of alerts from `first_id` on that the log already holds (read from its end backwards)."""
    found: set[int] = set()
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        return found
    with handle:
        end = handle.seek(0, os.SEEK_END)
        rest = b""
        read = 0
        while end > 0 and read < MAX_TAIL_BYTES:
            start = max(0, end - _BLOCK)
            handle.seek(start)
            data = handle.read(end - start) + rest
            read += end - start
            lines = data.split(b"\n")
            rest = lines.pop(0) if start > 0 else b""
            for line in reversed(lines):
                alert_id = _line_id(line)
                if alert_id is None:
                    continue
                if alert_id < first_id:
                    return found
                found.add(alert_id)
            end = start
        if rest:
            alert_id = _line_id(rest)
            if alert_id is not None and alert_id >= first_id:
                found.add(alert_id)
    return found


def _line_id(line: bytes) -> int | None:
    if not line.strip():
        return None
    try:
        value = json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None
