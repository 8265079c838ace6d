"""One HTML article page → one Entry, with the page's own metadata and its main text."""

from __future__ import annotations

import html
import re

from monitor.charset import decode
from monitor.dates import site_country
from monitor.errors import ParseError
from monitor.extract import extract
from monitor.models import Entry, Parsed, RawDocument, is_web_url
from monitor.urls import absolute, page_address


# What a link to an article may serve instead of one: a ministry's statement as a PDF, a photo, a
# video. Told by the bytes' first signature, whatever the server says, else by the media type it
# gives. Read as markup, such bytes made a one-paragraph article of binary noise, or an error that
# named lxml's complaint rather than the document.
_SIGNATURES = ((b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive or an Office document"),
               (b"\xd0\xcf\x11\xe0", "an Office document"), (b"\x1f\x8b", "a gzip archive"))
_NOT_MARKUP_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                     "application/msword", "application/vnd.", "application/x-rar", "application/x-7z")


def not_a_page(doc: RawDocument) -> str | None:
    """What a document fetched as an article page is instead (a PDF document, an image…), or None."""
    head = doc.body[:8].lstrip()
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    media = (doc.content_type or "").partition(";")[0].strip().lower()
    if media.startswith(_NOT_MARKUP_TYPES):
        return media
    return None


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


def parse(doc: RawDocument) -> Parsed:
    """The article a page carries."""
    if (instead := not_a_page(doc)) is not None:
        raise ParseError("page", doc.location, f"the address serves {instead}, not an HTML page")
    markup = decode(doc.body, doc.charset, site_country(doc.base_url))
    if not markup.strip():
        raise ParseError("page", doc.location, "the page is empty")
    article = extract(markup, doc.base_url, doc.fetched_at)
    if not article.title and not article.text:
        raise ParseError("page", doc.location, "no title and no article text found")
    return Parsed(entries=(Entry(
        title=article.title,
        url=article.url or doc.base_url,
        author=article.author,
        publisher=article.publisher,
        published=article.published,
        summary=article.description,
        body=article.text,
        language=article.language or doc.language,
    ),), title=article.title)
