"""JSON Feed 1.0 and 1.1 (jsonfeed.org) → the same Entries an RSS or Atom feed gives.

monitor.sources.feed hands a feed document here when it is JSON: served as application/feed+json
or application/json (and not XML), or starting with "{". It is a JSON Feed when its `version` is a
https://jsonfeed.org/version/… URL. Item fields: title; url (else external_url); id → GUID;
authors (1.1) or author (1.0), else the feed's; date_published (else date_modified);
summary; content_html (else content_text) as the body; language (1.1), else the feed's.
"""

from __future__ import annotations

import json
from typing import Any

from monitor.charset import decode
from monitor.errors import ParseError, one_line
from monitor.models import Entry, Parsed, RawDocument, is_web_url
from monitor.urls import absolute

JSON_TYPES = ("application/feed+json", "application/json")
VERSIONS = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
_SPACE = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"


def is_json(body: bytes, content_type: str | None) -> bool:
    """Whether a feed document is JSON: it starts with "{", or is served as JSON and is not XML."""
    start = body[len(_BOM):] if body.startswith(_BOM) else body
    first = start.lstrip(_SPACE)[:1]
    if first == b"{":
        return True
    media = (content_type or "").split(";")[0].strip().lower()
    return media in JSON_TYPES and first != b"<"


def parse(doc: RawDocument, body: bytes) -> Parsed:
    """Entries of a JSON Feed; ParseError (one line) when the body is not one."""
    try:
        data = json.loads(decode(body, doc.charset).lstrip("\ufeff"))
    except ValueError as exc:  # json.JSONDecodeError
        raise ParseError("feed", doc.location, f"JSON that does not parse: {one_line(exc, 200)}") from None
    except RecursionError:
        raise ParseError("feed", doc.location, "JSON nested too deeply to read") from None
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or not version.startswith(VERSIONS):
        raise ParseError("feed", doc.location,
                         "JSON, not a JSON Feed (its version is not a https://jsonfeed.org/version/ URL)")
    items = data.get("items")
    if not isinstance(items, list):
        raise ParseError("feed", doc.location, "a JSON Feed without an items list")
    base = doc.base_url or _web(data.get("feed_url")) or _web(data.get("home_page_url"))
    title = _text(data.get("title"))
    authors = _authors(data)
    language = _text(data.get("language"))
    entries = tuple(_entry(raw, title, authors, language, base) for raw in items if isinstance(raw, dict))
    skipped = len(items) - len(entries)
    warning = f"JSON Feed read, but {skipped} of its items are not JSON objects and were skipped" if skipped else None
    return Parsed(entries=entries, warning=warning, title=title)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _web(value: Any) -> str | None:
    text = _text(value)
    return text if text and is_web_url(text) else None


def _authors(holder: dict[str, Any]) -> tuple[str, ...]:
    """Author names: 1.1's `authors` list, else 1.0's `author` object; a name written where the
    object belongs (`"author": "Jane Doe"`, as some generators write it) is the name."""
    found = holder.get("authors")
    people = found if isinstance(found, list) else [holder.get("author")]
    names = (_text(person.get("name")) if isinstance(person, dict) else _text(person) if isinstance(person, str)
             else None for person in people)
    return tuple(dict.fromkeys(name for name in names if name))


def _entry(raw: dict[str, Any], publisher: str | None, feed_authors: tuple[str, ...], feed_language: str | None,
           base: str | None) -> Entry:
    link = _text(raw.get("url")) or _text(raw.get("external_url"))
    if link:
        link = absolute(link, base)
    ident = raw.get("id")
    guid = str(ident).strip() or None if isinstance(ident, (str, int)) and not isinstance(ident, bool) else None
    html, plain = _text(raw.get("content_html")), _text(raw.get("content_text"))
    authors = _authors(raw) or feed_authors
    return Entry(
        title=_text(raw.get("title")),
        url=link,
        guid=guid,
        author=", ".join(authors) or None,
        publisher=publisher,
        published=_text(raw.get("date_published")) or _text(raw.get("date_modified")),
        summary=_text(raw.get("summary")),
        body=html or plain,
        body_is_html=html is not None,
        language=_text(raw.get("language")) or feed_language,
    )
