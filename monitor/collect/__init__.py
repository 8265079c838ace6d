"""Phase two of a run, `collect`: FetchJob in, Collected out. Network, disk and CPU; never the store.

Fetch (conditionally, with the validators the job carries), skip bytes the source sent last time,
parse and normalize, fetch the article page of a full-text feed's new items or of a sitemap's new
recent articles (robots.txt permitting), and analyse every item (rule matches, story signature).
Whatever the store had to say was read by `plan` and travels in the job, so collect can run in a
worker process or on another machine; both its input and its output are plain picklable values.

It is a coroutine on the process's event loop (`collect_async`; `collect` waits for it from a
thread): every fetch, the pages' included, waits on its server without holding a thread, and the
blocking steps (reading a file, parsing, extracting an article, analysing) run on the loop's step
pool (monitor.aio.in_thread).

Whatever goes wrong is the Collected value's outcome and error: this function returns normally.

The parts: context (what a process collects with), reading (a source's bytes, from the web or a
file), documents (one document parsed and analysed), full_text (a feed item's article page),
folder (a drop folder's files) and sitemaps (a sitemap's articles), with findings (the warnings
and refusals a run gathers).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Callable

from monitor import aio
from monitor import sources as kinds
from monitor.analysis import is_known
from monitor.collect.context import Context
from monitor.collect.documents import collect_document
from monitor.collect.findings import Findings
from monitor.collect.folder import collect_folder
from monitor.collect.reading import fetch_document, fetch_page
from monitor.collect.sitemaps import collect_sitemap
from monitor.errors import Interrupted, MonitorError, RefusedURL, one_line
from monitor.logs import fields
from monitor.models import (AnalysedItem, Collected, CollectedDocument, FetchJob, Outcome, RawDocument, Refusal,
                            ResponseInfo, Source)

__all__ = ["Context", "collect", "collect_async"]

log = logging.getLogger(__name__)


def collect(job: FetchJob, ctx: Context) -> Collected:
    """Fetch, parse and analyse what a job names; never touches the store, never raises. For a
    thread that waits for it (never the event loop's own): `collect_async` on the process's loop."""
    return aio.run(collect_async(job, ctx))


async def collect_async(job: FetchJob, ctx: Context) -> Collected:
    """`collect` on the event loop (the daemon's jobs): the job's document, the pages a full-text
    feed's new items link to and a sitemap's sitemaps and articles are fetched by the loop, holding
    no thread while they wait on their servers; reading files, parsing, extracting and analysing run
    on the loop's step pool (monitor.aio.in_thread)."""
    began = time.monotonic()
    source = job.source
    found = Findings()
    documents: list[CollectedDocument] = []
    outcome, response, error, status, retry_after = Outcome.OK, None, None, None, None
    kind = kinds.KINDS[source.kind]
    list_documents = kind.list_documents
    try:
        if list_documents is not None:
            await collect_folder(job, list_documents, ctx, found, documents)
        else:
            doc = await fetch_document(job.location, source, job, ctx)
            response = ResponseInfo.of(doc)
            status = doc.status
            if doc.permanent_url:
                log.info("moved permanently %s", fields(source=source.name, old=job.location, new=doc.permanent_url))
            if doc.not_modified:
                outcome = Outcome.NOT_MODIFIED
            elif (job.state.body_hash and doc.body_hash == job.state.body_hash
                  and job.state.last_outcome != Outcome.ERROR.value):
                outcome = Outcome.UNCHANGED
            elif kind.reads_pages:
                if await collect_sitemap(doc, source, job, ctx, found, documents):
                    # An index's sitemaps change while it does not: it is fetched whole every time.
                    response = replace(response, etag=None, last_modified=None, body_hash="")
            else:
                items = await collect_document(doc, source, job, ctx, found)
                documents.append(CollectedDocument(items))
                if ctx.stop.is_set():
                    raise Interrupted(doc.location)
                if kind.older_page is not None and job.known_links:
                    await _catch_up(doc, items, kind.older_page, source, job, ctx, found, documents)
    except MonitorError as exc:
        outcome, error = exc.outcome, str(exc)
        status = exc.http_status or status
        retry_after = exc.retry_after
        if isinstance(exc, RefusedURL):
            found.refusals.append(Refusal(exc.location, exc.detail))
        if isinstance(exc, Interrupted) and list_documents is None and not kind.reads_pages:
            documents = []  # parsed but not stored: the whole document comes again next time
    except Exception as exc:  # a bug, not bad input: keep the traceback, keep the daemon alive
        log.exception("unexpected failure source=%s", source.name)
        outcome, error = Outcome.ERROR, one_line(f"internal error: {type(exc).__name__}: {exc}")
    return Collected(job=job, outcome=outcome, duration_ms=int((time.monotonic() - began) * 1000),
                     documents=tuple(documents), response=response, http_status=status, error=error,
                     retry_after=retry_after, warnings=tuple(found.warnings), refusals=tuple(found.refusals))


MAX_PAGES_BACK = 5  # older pages read in one run, at most


async def _catch_up(page: RawDocument, items: tuple[AnalysedItem, ...],
                    older_page: Callable[[str, tuple[str, ...]], str | None], source: Source, job: FetchJob,
                    ctx: Context, found: Findings, documents: list[CollectedDocument]) -> None:
    """A source whose document is only the latest page of a list (a Telegram channel's preview, about
    twenty posts): while a page holds nothing the source delivered before, the page before it is read
    too, up to MAX_PAGES_BACK, so that a channel that posted more than a page between two runs loses
    nothing. A source seen for the first time (no known links) reads its latest page only."""
    for _ in range(MAX_PAGES_BACK):
        if not items or any(is_known(entry.item, job.known_links) for entry in items):
            return
        address = older_page(page.final_url or page.location,
                             tuple(entry.item.guid for entry in items if entry.item.guid))
        if address is None:
            return
        try:
            page = await fetch_page(address, source.kind, source, ctx, None)
            items = await collect_document(page, source, job, ctx, found)
        except Interrupted:
            raise
        except MonitorError as exc:  # what was read is stored; the pages behind this one are not read
            found.warnings.append(f"{source.kind}: an older page: {exc}")
            return
        documents.append(CollectedDocument(items))
        if ctx.stop.is_set():
            raise Interrupted(page.location)
    if items and not any(is_known(entry.item, job.known_links) for entry in items):
        # The channel posted more than these pages hold since its last run (the daemon was down a
        # day): the posts further back are not read, and the analyst should know there is a gap.
        found.warnings.append(f"{source.kind}: {MAX_PAGES_BACK} older pages read without reaching a post stored "
                              f"before; the posts before {page.final_url or page.location} are not read")
