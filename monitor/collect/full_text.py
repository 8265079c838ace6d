"""A full-text feed's new item given its article page's main text, when the page has more to say
than the feed; on any failure the feed's text stays, and the failure is a finding."""

from __future__ import annotations

import logging
from dataclasses import replace

from monitor import aio, language
from monitor.charset import decode
from monitor.collect.context import Context
from monitor.collect.findings import Findings, record_refusal
from monitor.collect.reading import fetch_article_page
from monitor.dates import site_country
from monitor.errors import MonitorError, ParseError, RefusedURL, item_failure, one_line
from monitor.extract import extract
from monitor.logs import fields
from monitor.models import Item, RawDocument, Source
from monitor.normalize import article_text, with_article
from monitor.sources.binary import looks_binary, not_a_page
from monitor.urls import check_scheme

log = logging.getLogger(__name__)


async def with_full_text(item: Item, source: Source, ctx: Context, found: Findings) -> Item:
    """The item with its page's main text as body; on any failure the feed's text stays."""
    assert item.url is not None
    try:
        page = await fetch_article_page(item.url, source, ctx, ctx.robots.permit_for(source))
    except Exception as exc:
        return _without_page(item, exc, source, found)
    return await aio.in_thread(_with_article, item, page, source, found)


def _with_article(item: Item, page: RawDocument, source: Source, found: Findings) -> Item:
    """The item with the main text of its fetched page as body, when that is longer than the feed's."""
    if (instead := not_a_page(page)) is not None:
        return _without_page(item, ParseError("page", page.location, f"the link serves {instead}, not an article page"),
                             source, found)
    markup = decode(page.body, page.charset, site_country(page.base_url))
    if looks_binary(markup):
        return _without_page(item, ParseError("page", page.location, "the link serves binary data, not an article page"),
                             source, found)
    try:
        article = extract(markup, page.final_url, page.fetched_at)
    except Exception as exc:
        return _without_page(item, exc, source, found)
    body = article_text(article.text, item)
    if len(body) <= len(item.body):
        return item
    # The feed's teaser may have been too short to tell its language; the article is not.
    decided = item.language or language.decide(article.language or page.language, item.title, item.summary, body)
    return with_article(replace(item, language=decided), body, article.author)


def _without_page(item: Item, exc: Exception, source: Source, found: Findings) -> Item:
    """The item as its feed gave it, its page's failure recorded."""
    assert item.url is not None
    if isinstance(exc, RefusedURL):
        record_refusal(item.url, exc, source, found)
    elif isinstance(exc, MonitorError):
        found.warnings.append(f"full text: {exc}")
    else:  # a bug on one page (an odd host name, odd markup) keeps the feed's text
        found.warnings.append(item_failure(item.url, "full text", exc))
        log.warning("full text failed %s", fields(source=source.name, url=item.url[:200], error=one_line(exc)))
    return item


def refuse_if_not_web(link: str, source: Source, found: Findings) -> None:
    """Record why a feed item's link (one with no usable http(s) URL) is not followed."""
    try:
        check_scheme(link)
    except RefusedURL as exc:
        record_refusal(link, exc, source, found)
