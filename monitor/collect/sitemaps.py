"""A sitemap's run: the sitemaps its index lists, and each new recent article read from its page,
what the sitemap says filling what the page lacks."""

from __future__ import annotations

import logging
from collections import deque
from datetime import timedelta
from typing import Callable

from monitor import aio
from monitor import sources as kinds
from monitor.collect.context import Context
from monitor.collect.documents import analyse_in_pool
from monitor.collect.findings import Findings, record_refusal, skip
from monitor.collect.reading import fetch_article_page, fetch_page
from monitor.errors import Interrupted, MonitorError, ParseError, RefusedURL, item_failure, one_line
from monitor.logs import fields
from monitor.models import CollectedDocument, Entry, FetchJob, Item, Parsed, RawDocument, Source
from monitor.normalize import normalize
from monitor.sources import sitemap

log = logging.getLogger(__name__)


MAX_SITEMAPS = 20  # sitemaps read in one run of a sitemap source: its own and those its indexes list


async def collect_sitemap(doc: RawDocument, source: Source, job: FetchJob, ctx: Context, found: Findings,
                          documents: list[CollectedDocument]) -> bool:
    """Each new article of a sitemap (and of the sitemaps its index lists) that is dated within the
    source's sitemap_window, read as a page, one document each; returns whether it was an index.

    Articles the source stored before are not fetched again. An article whose page cannot be had
    (refused, robots.txt, an error) is stored as the sitemap describes it, when it gives a title.
    """
    listed, index = await _listed_articles(doc, source, ctx, found)
    fresh, undated = sitemap.recent(listed, ctx.clock() - timedelta(seconds=source.sitemap_window))
    if undated:
        found.warnings.append(f"sitemap: {undated} URLs with no date (news:publication_date or lastmod) not read")
    new = [entry for entry in fresh if not sitemap.is_known(entry, job.known_links)]
    limit = ctx.config.settings.max_items
    if len(new) > limit:
        found.warnings.append(f"sitemap: {len(new)} new articles, only the newest {limit} are read (max_items)")
    permit = ctx.robots.permit_for(source)
    for entry in new[:limit]:
        if ctx.stop.is_set():  # the articles read so far are stored; the others come next time
            raise Interrupted(doc.location)
        item = await _sitemap_article(entry, doc, source, ctx, found, permit)
        if item is None:
            continue
        analysed = (await aio.in_thread(analyse_in_pool, (item,), ctx))[0]
        if isinstance(analysed, str):
            skip(analysed, source, found)
        else:
            documents.append(CollectedDocument((analysed,)))
    return index


async def _listed_articles(doc: RawDocument, source: Source, ctx: Context,
                           found: Findings) -> tuple[list[Entry], bool]:
    """The entries of a sitemap and of the sitemaps it lists (at most MAX_SITEMAPS in all), one per URL;
    and whether it was an index. Only the first sitemap's failure fails the run."""
    entries: dict[str, Entry] = {}
    waiting: deque[str] = deque()
    seen = {doc.location, doc.final_url or doc.location}

    def take(parsed: Parsed) -> None:
        if parsed.warning:
            found.warnings.append(parsed.warning)
        for entry in parsed.entries:
            entries.setdefault(entry.url or "", entry)
        waiting.extend(link for link in parsed.links if link not in seen)

    first = await aio.in_thread(kinds.parse, doc)
    take(first)
    permit = ctx.robots.permit_for(source)
    read = 1
    while waiting and not ctx.stop.is_set():
        link = waiting.popleft()
        if link in seen:
            continue
        if read >= MAX_SITEMAPS:
            found.warnings.append(f"sitemap: {len(waiting) + 1} more sitemaps listed; {MAX_SITEMAPS} are read per run")
            break
        seen.add(link)
        read += 1
        try:
            child = await fetch_page(link, "sitemap", source, ctx, permit)
            take(await aio.in_thread(kinds.parse, child))
        except RefusedURL as exc:
            record_refusal(link, exc, source, found)
        except MonitorError as exc:
            found.warnings.append(str(exc))
    return list(entries.values()), bool(first.links)


async def _sitemap_article(entry: Entry, listing: RawDocument, source: Source, ctx: Context, found: Findings,
                           permit: Callable[[str], None] | None) -> Item | None:
    """A sitemap's article read from its page, what the sitemap says filling the gaps; the sitemap's
    own entry when the page cannot be had; None when neither gives an item."""
    assert entry.url is not None
    suspect_age = timedelta(seconds=ctx.config.settings.suspect_age)
    try:
        page = await fetch_article_page(entry.url, source, ctx, permit)
        return await aio.in_thread(_page_item, entry, page, suspect_age, source.timezone)
    except RefusedURL as exc:
        record_refusal(entry.url, exc, source, found)
    except MonitorError as exc:
        found.warnings.append(f"sitemap article: {exc}")
    except Exception as exc:  # a bug on one page (odd markup, an odd host name) costs that page only
        found.warnings.append(item_failure(entry.url, "page", exc))
        log.warning("sitemap article failed %s", fields(source=source.name, url=entry.url[:200], error=one_line(exc)))
    return await aio.in_thread(_listed_item, entry, listing, suspect_age, source, found)


def _page_item(entry: Entry, page: RawDocument, suspect_age: timedelta, zone: str | None) -> Item:
    article = kinds.parse(page).entries[0]
    return normalize(sitemap.with_page(entry, article), page, suspect_age, zone=zone)


def _listed_item(entry: Entry, listing: RawDocument, suspect_age: timedelta, source: Source,
                 found: Findings) -> Item | None:
    """The item a sitemap's own entry gives, when its page could not be had."""
    try:
        return normalize(entry, listing, suspect_age, zone=source.timezone)
    except ParseError:  # no title in the sitemap either: tried again next run
        return None
    except Exception as exc:
        skip(item_failure(entry.url, "normalize", exc), source, found)
        return None
