"""A drop folder: every new or changed .txt, .html or .xml file in it is a document to ingest once.

Only regular files inside the folder are read: a symbolic link whose target is outside the folder,
or anything that is not a regular file (a FIFO would block the reader for ever, a device is no
document), is refused, and the refusal is recorded like other refusals.

Files still being written are left for the next run: a file modified in the last few seconds, or
named like a temporary or hidden file, is not touched. What was ingested is remembered by the
store as (path, size, modification time).
"""

from __future__ import annotations

import stat as stat_module
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SETTLE_SECONDS = 2.0
_TEMPORARY_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".swp", "~")


@dataclass(frozen=True, slots=True)
class DroppedFile:
    """A file in a drop folder that is due for ingestion (or refused: then `refused` says why)."""

    path: Path  # as listed in the folder
    kind: str
    size: int
    mtime_ns: int
    real_path: Path | None = None  # what to read: the file itself, never a link that could change
    refused: str | None = None


def new_files(folder: Path, known: dict[str, tuple[int, int]], kind_for_path: Callable[[Path], str | None],
              settle: float = SETTLE_SECONDS) -> list[DroppedFile]:
    """Files not yet ingested (or changed since), oldest first; `known` maps path → (size, mtime_ns),
    `kind_for_path` says which kind of document a file is (None: not one we ingest)."""
    found: list[DroppedFile] = []
    now = time.time()
    root = folder.resolve()
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith((".", "~")) or name.endswith(_TEMPORARY_SUFFIXES):
            continue
        kind = kind_for_path(path)
        if kind is None:
            continue
        try:
            real = path.resolve(strict=True)
            info = real.stat()
        except (OSError, RuntimeError):
            continue  # vanished between the listing and now, or a dangling link or a link loop
        if stat_module.S_ISDIR(info.st_mode):
            continue
        if known.get(str(path)) == (info.st_size, info.st_mtime_ns):
            continue
        if not real.is_relative_to(root):
            found.append(DroppedFile(path, kind, info.st_size, info.st_mtime_ns,
                                     refused=f"a link to {real}, outside the folder"))
            continue
        if not stat_module.S_ISREG(info.st_mode):
            found.append(DroppedFile(path, kind, info.st_size, info.st_mtime_ns, refused="not a regular file"))
            continue
        if now - info.st_mtime < settle:
            continue
        found.append(DroppedFile(path, kind, info.st_size, info.st_mtime_ns, real_path=real))
    found.sort(key=lambda f: (f.mtime_ns, str(f.path)))
    return found
