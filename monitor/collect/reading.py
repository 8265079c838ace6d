"""A source's bytes, as a RawDocument: fetched from the web (robots.txt permitting, with the
validators the job carries), or read from a file; a page or a sitemap its document links to, and
an article page past a redirecting stub."""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import Any, Callable

from monitor import aio
from monitor import sources as kinds
from monitor.collect.context import Context
from monitor.models import FetchJob, RawDocument, Source, is_web_url
from monitor.sources.page import refresh_target
from monitor.urls import check_scheme, has_scheme


def _fetch_web(location: str, source: Source, job: FetchJob, ctx: Context) -> Coroutine[Any, Any, RawDocument]:
    permit = ctx.robots.permit_for(source) if kinds.KINDS[source.kind].robots else None
    return ctx.fetcher.fetch(location, source=source.name, kind=source.kind, validators=job.state.validators,
                             allow_private=source.allow_private, max_bytes=source.max_bytes, permit=permit)


async def fetch_document(location: str, source: Source, job: FetchJob, ctx: Context) -> RawDocument:
    """The document a job names: fetched from its http(s) URL, else read from its local path (any
    other scheme is refused)."""
    if is_web_url(location):
        return await _fetch_web(location, source, job, ctx)
    if has_scheme(location):  # file:, data:… given to `monitor ingest`: refused, never read
        check_scheme(location)
    return await aio.in_thread(read_file, Path(location), source.kind, source, ctx)


def fetch_page(url: str, kind: str, source: Source, ctx: Context,
               permit: Callable[[str], None] | None) -> Coroutine[Any, Any, RawDocument]:
    """A page or a sitemap that a source's document links to."""
    return ctx.fetcher.fetch(url, source=source.name, kind=kind, allow_private=source.allow_private,
                             max_bytes=source.max_bytes, permit=permit)


async def fetch_article_page(url: str, source: Source, ctx: Context,
                             permit: Callable[[str], None] | None) -> RawDocument:
    """An article page a source's document links to; a page that only sends its reader on at once
    (a meta refresh: sources.page.refresh_target) is followed, once, through the same checks."""
    page = await fetch_page(url, "page", source, ctx, permit)
    if (target := refresh_target(page)) is None:
        return page
    return await fetch_page(target, "page", source, ctx, permit)


def read_file(path: Path, kind: str, source: Source, ctx: Context) -> RawDocument:
    """A local file as a source's document, within its size cap."""
    return ctx.fetcher.read_file(path, source=source.name, kind=kind, max_bytes=source.max_bytes)
