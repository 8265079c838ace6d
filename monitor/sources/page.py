"""One HTML article page → one Entry, with the page's own metadata and its main text."""

from __future__ import annotations

from monitor.charset import decode
from monitor.errors import ParseError
from monitor.extract import extract
from monitor.models import Entry, Parsed, RawDocument


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


def parse(doc: RawDocument) -> Parsed:
    """The article a page carries."""
    if (instead := not_a_page(doc)) is not None:
        raise ParseError("page", doc.location, f"the address serves {instead}, not an HTML page")
    markup = decode(doc.body, doc.charset)
    if not markup.strip():
        raise ParseError("page", doc.location, "the page is empty")
    article = extract(markup, doc.base_url)
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
