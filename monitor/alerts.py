"""The alert log: a JSON Lines file, one object per alert, appended under an exclusive lock.

The alerts table is the outbox: rows are written to the log after their transaction committed and
are then marked as logged, so a crash can delay a line but never log an alert that does not exist.
The lock keeps a daemon and a `monitor ingest` from writing the same alert twice.
"""

from __future__ import annotations

import contextlib
import fcntl
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
