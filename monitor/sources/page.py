"""One HTML article page → one Entry, with the page's own metadata and its main text."""

from __future__ import annotations

import html
import re

from monitor.charset import decode
from monitor.dates import site_country
from monitor.errors import ParseError
from monitor.extract import extract
from monitor.models import Entry, Parsed, RawDocument, is_web_url
from monitor.sources.binary import looks_binary, not_a_page
from monitor.urls import absolute, page_address


# A page that only sends the reader on: <meta http-equiv="refresh" content="0; url=…">, as some
# link shorteners and redirecting services answer (with a script beside it for browsers). Read as the
# article, it gave a title-only item or an empty text. Within the page's head: a tag of its own.
_REFRESH = re.compile(rb"""<meta\b[^<>]*\bhttp-equiv\s*=\s*["']?refresh\b[^<>]*>""", re.IGNORECASE)
_CONTENT = re.compile(rb"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_DELAY_AND_ADDRESS = re.compile(r"\s*(\d{1,4})(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?['\"]?([^'\"\s]+)", re.IGNORECASE)
REFRESH_MAX_DELAY = 5  # seconds: a page that reloads itself every few minutes is read as it is


def refresh_target(doc: RawDocument) -> str | None:
    """The address a page sends its reader on to at once with a meta refresh, when it is another
    page's; None for any other page (one that reloads itself, or later)."""
    head = doc.body[:8192]
    if b"efresh" not in head and b"EFRESH" not in head:
        return None
    tag = _REFRESH.search(head)
    content = _CONTENT.search(tag.group()) if tag is not None else None
    if content is None:
        return None
    value = (content.group(1) or content.group(2) or b"").decode("utf-8", "replace")
    found = _DELAY_AND_ADDRESS.match(html.unescape(value))
    if found is None or int(found.group(1)) > REFRESH_MAX_DELAY:
        return None
    here = doc.final_url or doc.location
    target = absolute(found.group(2), here)
    if not is_web_url(target) or page_address(target) == page_address(here):
        return None
    return target


# Where a page saved as a file came from: the browser's mark ("<!-- saved from url=(0071)https://… -->")
# or the page's <base href>. Without it, a dropped page had no address: no link to follow, no site's
# country to date it by, no match with the same article from a feed.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,5}\)(https?://[^\s>]+?)\s*-->|<base\s[^>]*?href\s*=\s*[\"']?"
                         r"(https?://[^\"'\s>]+)", re.IGNORECASE)
_SAVED_FROM_CHARS = 4096


def _saved_from(markup: str) -> str | None:
    found = _SAVED_FROM.search(markup, 0, _SAVED_FROM_CHARS)
    return (found.group(1) or found.group(2)) if found is not None else None


def parse(doc: RawDocument) -> Parsed:
    """The article a page carries."""
    if (instead := not_a_page(doc)) is not None:
        raise ParseError("page", doc.location, f"the address serves {instead}, not an HTML page")
    markup = decode(doc.body, doc.charset, site_country(doc.base_url))
    if not markup.strip():
        raise ParseError("page", doc.location, "the page is empty")
    if looks_binary(markup):
        raise ParseError("page", doc.location, "the address serves binary data, not an HTML page")
    address = doc.base_url or (_saved_from(markup) if doc.path is not None else None)
    article = extract(markup, address, doc.fetched_at)
    if not article.title and not article.text:
        raise ParseError("page", doc.location, "no title and no article text found")
    return Parsed(entries=(Entry(
        title=article.title,
        url=article.url or address,
        author=article.author,
        publisher=article.publisher,
        published=article.published,
        summary=article.description,
        body=article.text,
        language=article.language or doc.language,
        guid=doc.file_guid,
    ),), title=article.title)
