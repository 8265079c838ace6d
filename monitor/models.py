"""The values passed between stages: RawDocument → Entry → Item → StoredItem → Match → Alert.

Every type is a frozen dataclass with aware UTC datetimes. Library objects (feedparser results,
HTML trees, HTTP responses) never leave the module that made them; these types cross instead.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


def iso(value: datetime | None) -> str | None:
    """ISO 8601 text for an aware datetime, with seconds precision and a Z suffix."""
    if value is None:
        return None
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Source:
    """A configured source (config → everything)."""

    name: str
    kind: str  # feed | page | text | folder
    location: str  # an http(s) URL or an absolute path
    interval: float = 900.0  # seconds
    enabled: bool = True
    full_text: bool = False
    allow_private: bool = False
    max_bytes: int | None = None

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Rule:
    """A keyword rule (config → rules): any term matches, unless the query says otherwise."""

    name: str
    terms: tuple[str, ...] = ()
    query: str | None = None
    sources: tuple[str, ...] = ()
    exclude_terms: tuple[str, ...] = ()
    exclude_sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """Process-wide settings from `[settings]`, with defaults from config.SETTINGS."""

    database: Path
    alert_log: Path
    user_agent: str
    contact: str
    timeout: float
    deadline: float
    max_bytes: int
    max_redirects: int
    host_delay: float
    max_backoff: float
    suspect_age: float
    snippet_chars: int
    story_window: float
    alert_delay: float
    story_threshold: float
    story_containment: float
    workers: int
    parse_processes: int
    log_level: str


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration file (config.load → everything)."""

    path: Path
    settings: Settings
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class Validators:
    """What we remember of a location's last response, to ask for it conditionally."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


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
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    permanent_url: str | None = None  # set when a 301/308 chain moved the location
    body_hash: str = ""

    @property
    def base_url(self) -> str | None:
        """The URL relative links in this document resolve against."""
        return self.final_url or (self.location if self.location.startswith("http") else None)


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


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a rule term in one field."""

    term: str
    field: str
    start: int
    end: int
    text: str  # as it stands in the field


@dataclass(frozen=True, slots=True)
class Match:
    """A rule that fired on an item, with every hit that made it fire (rules → alerts)."""

    rule: str
    hits: tuple[Hit, ...]
    snippet: str

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.term for hit in self.hits))

    @property
    def count(self) -> int:
        return len(self.hits)


@dataclass(frozen=True, slots=True)
class AnalysedItem:
    """An item with what can be worked out before storing it: its rule matches and its story
    signature (pipeline.prepare → pipeline.store_items). Computed in the parse workers."""

    item: Item
    matches: tuple[Match, ...]
    signature: bytes | None  # MinHash values for the story index, or None for short texts
    shingles: int = 0  # how many word 5-grams the signature was made from


@dataclass(frozen=True, slots=True)
class Alert:
    """A stored alert (alerts → storage.alerts and the JSON Lines log)."""

    id: int
    created_at: datetime
    rule: str
    terms: tuple[str, ...]
    count: int
    item_id: int
    title: str
    url: str | None
    source: str
    published_at: datetime | None
    snippet: str
    hits: tuple[Hit, ...] = ()
    story_id: int | None = None
    copies: int = 1
    copy_sources: tuple[str, ...] = ()
    from_update: bool = False
    earlier_alerts: tuple[int, ...] = ()
    acked_at: datetime | None = None

    def to_json(self) -> str:
        """One alert-log line: JSON with every line-breaking character escaped."""
        record = {
            "id": self.id,
            "created_at": iso(self.created_at),
            "rule": self.rule,
            "terms": list(self.terms),
            "count": self.count,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published_at": iso(self.published_at),
            "snippet": self.snippet,
            "item_id": self.item_id,
            "story_id": self.story_id,
            "copies": self.copies,
            "copy_sources": list(self.copy_sources),
            "from_update": self.from_update,
            "earlier_alerts": list(self.earlier_alerts),
        }
        return escape_line_breaks(json.dumps(record, ensure_ascii=False))


# str.splitlines() breaks on these besides \n and \r; JSON leaves them raw when ensure_ascii=False.
_LINE_BREAKERS = {c: f"\\u{ord(c):04x}" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def escape_line_breaks(text: str) -> str:
    """Escape the characters a line reader could split on, inside a JSON document."""
    return text.translate(str.maketrans(_LINE_BREAKERS))


class Outcome(str, enum.Enum):
    OK = "ok"
    NOT_MODIFIED = "not_modified"
    UNCHANGED = "unchanged"  # 200 with the same body as last time
    ERROR = "error"
    REFUSED = "refused"
    RATE_LIMITED = "rate_limited"
    GONE = "gone"
    SKIPPED = "skipped"  # not due yet (back-off, Retry-After)


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What one run of one source did (pipeline → storage.fetches, CLI, logs)."""

    source: str
    location: str
    started_at: datetime
    duration_ms: int
    outcome: Outcome
    http_status: int | None = None
    items_seen: int = 0
    items_new: int = 0
    items_updated: int = 0
    items_duplicate: int = 0
    alerts: int = 0
    error: str | None = None
    warning: str | None = None
    refusals: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a kind's parser found in one document (sources → pipeline)."""

    entries: tuple[Entry, ...]
    warning: str | None = None  # a problem the parser survived (feedparser's bozo with entries)
    title: str | None = None  # the feed's or page's own title


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the store remembers of a source between runs (storage.sources → pipeline, scheduler)."""

    name: str
    effective_url: str | None = None  # after a permanent redirect
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    consecutive_failures: int = 0
    last_outcome: str | None = None
    last_error: str | None = None
    last_success_at: datetime | None = None
    next_fetch_at: datetime | None = None
    gone_at: datetime | None = None

    @property
    def validators(self) -> Validators:
        return Validators(etag=self.etag, last_modified=self.last_modified, body_hash=self.body_hash)
