"""A drop folder's run: each file new or changed since the last run read and collected as a
document of its own, a refused file recorded as such."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from monitor import aio
from monitor.collect.context import Context
from monitor.collect.documents import collect_document
from monitor.collect.findings import Findings
from monitor.collect.reading import read_file
from monitor.errors import FetchError, Interrupted, MonitorError
from monitor.logs import fields
from monitor.models import CollectedDocument, FetchJob, FolderFile, Refusal

log = logging.getLogger(__name__)


async def collect_folder(job: FetchJob, list_documents: Callable[..., list], ctx: Context, found: Findings,
                         documents: list[CollectedDocument]) -> None:
    """Each file of a drop folder that is new or changed since the job's record of it, collected as
    a document of its own (appended to `documents`, with its FolderFile); a stop ends the run between
    two files, the one in hand read again next time."""
    source = job.source
    folder = Path(source.location)
    if not folder.is_dir():
        raise FetchError(source.location, "folder does not exist")
    already = {path: (size, mtime) for path, size, mtime in job.folder_files}
    for dropped in await aio.in_thread(list_documents, folder, already):
        if ctx.stop.is_set():
            break
        if dropped.refused is not None:
            found.refusals.append(Refusal(str(dropped.path), dropped.refused))
            found.warnings.append(f"folder: {dropped.path}: refused: {dropped.refused}")
            log.warning("dropped file refused %s", fields(source=source.name, file=dropped.path.name,
                                                          error=dropped.refused))
            documents.append(CollectedDocument((), FolderFile(source.name, str(dropped.path), dropped.size,
                                                              dropped.mtime_ns, "refused")))
            continue
        try:
            doc = await aio.in_thread(read_file, dropped.real_path or dropped.path, dropped.kind, source, ctx)
            items = await collect_document(doc, source, job, ctx, found)
            outcome = "ok"
        except Interrupted:
            raise
        except MonitorError as exc:
            items, outcome = (), "error"
            found.warnings.append(str(exc))
            log.warning("dropped file failed %s", fields(source=source.name, file=dropped.path.name, error=exc))
        if ctx.stop.is_set():
            raise Interrupted(str(dropped.path))  # this file was not stored: it is read again next time
        documents.append(CollectedDocument(items, FolderFile(source.name, str(dropped.path), dropped.size,
                                                             dropped.mtime_ns, outcome)))
