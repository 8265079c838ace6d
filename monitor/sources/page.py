"""One HTML article page → one Entry, with the page's own metadata and its main text."""

from __future__ import annotations

from monitor.charset import decode
from monitor.errors import ParseError
from monitor.extract import extract
from monitor.models import Entry, Parsed, RawDocument


def parse(doc: RawDocument) -> Parsed:
    """The article a page carries."""
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
