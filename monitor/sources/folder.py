"""A drop folder: every new or changed .txt, .html or .xml file in it is a document to ingest once.

Files still being written are left for the next run: a file modified in the last few seconds, or
named like a temporary or hidden file, is not touched. What was ingested is remembered by the
store as (path, size, modification time).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SETTLE_SECONDS = 2.0
_TEMPORARY_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".swp", "~")


@dataclass(frozen=True, slots=True)
class DroppedFile:
    """A file in a drop folder that is due for ingestion."""

    path: Path
    kind: str
    size: int
    mtime_ns: int


def new_files(folder: Path, known: dict[str, tuple[int, int]], kind_for_path: Callable[[Path], str | None],
              settle: float = SETTLE_SECONDS) -> list[DroppedFile]:
    """Files not yet ingested (or changed since), oldest first; `known` maps path → (size, mtime_ns),
    `kind_for_path` says which kind of document a file is (None: not one we ingest)."""
    found: list[DroppedFile] = []
    now = time.time()
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith((".", "~")) or name.endswith(_TEMPORARY_SUFFIXES):
            continue
        kind = kind_for_path(path)
        if kind is None:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue  # vanished between the listing and now
        if not path.is_file() or now - stat.st_mtime < settle:
            continue
        if known.get(str(path)) == (stat.st_size, stat.st_mtime_ns):
            continue
        found.append(DroppedFile(path, kind, stat.st_size, stat.st_mtime_ns))
    found.sort(key=lambda f: (f.mtime_ns, str(f.path)))
    return found
