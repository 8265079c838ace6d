"""A fetched document and the items it holds, from parse to store: RawDocument → Entry → Item →
AnalysedItem, and the stored items the store returns to tell what it already has.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from monitor.models.base import is_web_url, pickled_by_fields
from monitor.models.match import Match
from monitor.models.story import Signature


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes and their provenance (fetch / folder → sources)."""

    source: str
    kind: str
    location: str  # what was asked for
    body: bytes
    fetched_at: datetime
    final_url: str | None = None  # after redirects; None for files
    path: Path | None = None
    content_type: str | None = None
    charset: str | None = None  # declared by the server, if any
    language: str | None = None  # the server's Content-Language, if any
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    permanent_url: str | None = None  # set when a 301/308 chain moved the location
    body_hash: str = ""
    # The most bytes this document may become, however they arrive (a parser inflating bytes that
    # are themselves compressed holds to it too); None: the parser's own default.
    max_bytes: int | None = None

    @property
    def base_url(self) -> str | None:
        """The URL relative links in this document resolve against."""
        return self.final_url or (self.location if is_web_url(self.location) else None)

    @property
    def file_guid(self) -> str | None:
        """A local file's path (a drop folder's, a file source's), the GUID of the article it holds:
        the file written again is that article's update, not another; None for a fetched document."""
        return self.location if self.path is not None else None


@dataclass(frozen=True, slots=True)
class Entry:
    """One article as a source kind found it, before any cleaning (sources → normalize)."""

    title: str | None
    url: str | None = None
    guid: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None  # the date text as the source wrote it
    published_hint: datetime | None = None  # a parser's own reading of it, when it has one
    summary: str | None = None
    summary_is_html: bool = False
    body: str | None = None
    body_is_html: bool = False
    language: str | None = None  # as the source declares it (feed <language>, <html lang>): a hint


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Item:
    """A normalized article (normalize → dedupe, storage, rules)."""

    source: str
    url: str | None
    guid: str | None
    title: str
    author: str | None
    publisher: str | None
    published_at: datetime | None
    published_raw: str | None
    date_suspect: str | None
    fetched_at: datetime
    summary: str
    body: str
    content_hash: str
    location: str | None = None  # where we read it: the link, or the file path
    text_hash: str | None = None  # the article text alone, when long enough to identify it
    # A page's own address (canonical form) when it differs from the canonical URL the page names:
    # a feed item linking here is this article.
    read_from: str | None = None
    language: str | None = None  # ISO 639-1 code (declared, checked against the text), None: unknown

    def field_text(self, name: str) -> str:
        return {"title": self.title, "summary": self.summary, "body": self.body,
                "author": self.author or "", "source": self.source}[name]


class ItemStatus(str, enum.Enum):
    NEW = "new"
    DUPLICATE = "duplicate"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class StoredItem:
    """An item as the store holds it after save (storage.items → rules, alerts)."""

    id: int
    item: Item
    status: ItemStatus
    matched_on: str | None = None  # url | guid | content_hash | near_duplicate | None
    story_id: int | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class AnalysedItem:
    """An item with what can be worked out before storing it: its rule matches and its story
    signature (collect → commit). Computed in the parse workers."""

    item: Item
    matches: tuple[Match, ...]
    signature: Signature | None  # for the story index, or None for texts too short to compare


@dataclass(frozen=True, slots=True)
class KnownItem:
    """A stored item that shares an identity key with an incoming one (store → dedupe.classify)."""

    id: int
    item: Item
    story_id: int | None
    first_seen_at: datetime
    # The content hash the incoming item's source last delivered this item with (under the
    # incoming GUID), or None when that source never delivered it.
    source_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Known:
    """Everything the store knows that an incoming item could be (store → dedupe.classify)."""

    by_guid: KnownItem | None = None  # same GUID from the same source
    by_url: KnownItem | None = None  # same canonical URL (its own, or one it was seen under)
    by_address: KnownItem | None = None  # stored under the URL a page was read from
    url_has_other_guid: bool = False  # the incoming source gave by_url another GUID
    by_content: KnownItem | None = None  # same content hash (title, summary and body)
    by_text: KnownItem | None = None  # same article text under another headline
    # Keys (guid, url, content_hash, text_hash) under which a purged item left a tombstone: an item
    # the store no longer holds, which must not come back as new.
    tombstones: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a kind's parser found in one document (sources → pipeline)."""

    entries: tuple[Entry, ...]
    warning: str | None = None  # a problem the parser survived (feedparser's bozo with entries)
    title: str | None = None  # the feed's or page's own title
    links: tuple[str, ...] = ()  # documents it lists that are read as part of it (a sitemap index's sitemaps)
