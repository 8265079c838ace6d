"""The values passed between stages and across the store boundary.

RawDocument → Entry → Item → AnalysedItem → (store) → Alert, plus what the three phases of a run
hand each other (FetchJob → Collected → FetchRecord) and what the store returns (KnownItem,
StoryCandidate, rows for the CLI). Every type is a frozen dataclass with aware UTC datetimes and is
picklable, so a phase can run in another process. Library objects (feedparser results, HTML
trees, HTTP responses, database rows) never leave the module that made them; these types cross.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import operator
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from monitor import __version__

if TYPE_CHECKING:
    import numpy as np

    from monitor.schedule import DigestSchedule, QuietHours

WEB_SCHEMES = ("http://", "https://")


def is_web_url(text: str) -> bool:
    """Whether a location is an http(s) URL (anything else configured is a local path)."""
    return text[:8].lower().startswith(WEB_SCHEMES)


def is_postgres(database: Path | str) -> bool:
    """Whether the configured database is a PostgreSQL server's URL (else a SQLite file)."""
    return isinstance(database, str) and database.startswith(("postgresql://", "postgres://"))


def database_label(database: Path | str) -> str:
    """The database as logs and messages name it: a file's path, or a URL without its password."""
    if not is_postgres(database):
        return str(database)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(database))
    if parts.password is None:
        return str(database)
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def iso(value: datetime | None) -> str | None:
    """ISO 8601 text for an aware datetime, with seconds precision and a Z suffix."""
    global _last_iso
    if value is None:
        return None
    last = _last_iso
    if value is last[0]:
        return last[1]
    text = value.isoformat(timespec="seconds").replace("+00:00", "Z")
    _last_iso = (value, text)
    return text


# The last datetime iso() wrote and its text: storing an item writes the document's one `now` about
# eight times (first seen, sighting, story, alert…), 0.9 µs each, 40 ms of a cold run's 5,000 items
# in the process that stores them. The datetime is held, so no other object can take its address
# and pass `is`; value and text are one tuple, so no thread reads one call's datetime with another's text.
_last_iso: tuple[datetime | None, str] = (None, "")


def from_iso(value: str | None) -> datetime | None:
    """The aware UTC datetime of a text written by iso() (None stays None)."""
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


_Class = TypeVar("_Class", bound=type)


def pickled_by_fields(cls: _Class) -> _Class:
    """Pickle a frozen dataclass as its class and its field values, made again through __init__.

    With slots, dataclasses pickle through a __getstate__ and __setstate__ of their own that call
    fields() and object.__setattr__ field by field, in Python. Parsed documents come back from the
    parse workers as thousands of these (Item, AnalysedItem, Signature, Match, Hit): the 5,000 items
    of 100 documents took 197-210 ms to pickle in the workers and 200-208 ms to unpickle in the
    store's process, 157-159 and 166-171 ms this way (bench/README.md, thirteenth session). For
    classes whose fields are all __init__ arguments, without a __post_init__ (checked here), so
    that __init__ makes the same object again."""
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields) or hasattr(cls, "__post_init__") or len(fields) < 2:
        raise TypeError(f"{cls.__name__} cannot be pickled by its fields")
    values: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*(f.name for f in fields))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls


@dataclass(frozen=True, slots=True)
class Source:
    """A configured source (config → everything)."""

    name: str
    kind: str  # feed | page | text | sitemap | folder
    location: str  # an http(s) URL or an absolute path
    interval: float = 900.0  # seconds
    enabled: bool = True
    full_text: bool = False
    allow_private: bool = False
    max_bytes: int | None = None
    ignore_robots: bool = False  # fetch its articles even where robots.txt disallows them
    sitemap_window: float = 2 * 86400.0  # sitemap: how recent (seconds) an article must be to be read
    tags: tuple[str, ...] = ()  # plain labels (OPML folders, "News/World" for nested ones)
    timezone: str | None = None  # IANA zone of the dates it writes without one; None: their language's, flagged

    @property
    def is_url(self) -> bool:
        return is_web_url(self.location)


@dataclass(frozen=True, slots=True)
class Rule:
    """A keyword rule (config → rules): any term matches, unless the query says otherwise."""

    name: str
    terms: tuple[str, ...] = ()
    query: str | None = None
    sources: tuple[str, ...] = ()
    exclude_terms: tuple[str, ...] = ()
    exclude_sources: tuple[str, ...] = ()
    spike_sensitivity: float = 4.0  # standard deviations; 0 turns spike alerts off for the rule
    spike_min_count: int = 5  # stories in the hour, at least
    spike_cooldown: float = 6 * 3600.0  # seconds between two spike alerts of the rule
    forms: tuple[str, ...] = ()  # ISO 639-1 languages whose inflected forms of the terms also match
    # tag → the sources carrying it, for the tag: fields of the query (filled from the config)
    tag_sources: tuple[tuple[str, tuple[str, ...]], ...] = ()


def setting(default: Any, kind: str, help: str, minimum: float | None = None) -> Any:
    """A `[settings]` key: its default as written in TOML, its kind, its one-line help.

    The Settings dataclass below is the one declaration of the settings: config.py validates
    against it, and the README reference and tests/test_docs.py read it.
    """
    return field(metadata={"default": default, "kind": kind, "help": help, "minimum": minimum})


@dataclass(frozen=True, slots=True)
class Settings:
    """Process-wide settings from `[settings]` (values already checked and converted)."""

    database: Path | str = setting("data/monitor.db", "database",
                                   "SQLite database file, or a postgresql://user:password@host/db URL")
    alert_log: Path = setting("data/alerts.jsonl", "path", "JSON Lines file every new alert is appended to")
    user_agent: str = setting(f"media-monitor/{__version__}", "str",
                              "User-Agent product token; the contact is appended")
    contact: str | None = setting(None, "str",
                                  "how a site owner reaches you (URL or e-mail), sent in the User-Agent")
    timeout: float = setting("20s", "duration", "connect and read timeout for one request (at least 0.1s)",
                             minimum=0.1)
    deadline: float = setting("60s", "duration",
                              "overall time limit for one fetch, redirects included (at least 0.1s)", minimum=0.1)
    max_bytes: int = setting(10_000_000, "int", "largest body accepted, after decompression (at least 1)", minimum=1)
    max_items: int = setting(5000, "int", "entries read from one document; the rest are dropped with a warning",
                             minimum=1)
    max_redirects: int = setting(5, "int", "redirects followed before a fetch fails")
    host_delay: float = setting("1s", "duration", "pause between two requests to the same host")
    max_backoff: float = setting("6h", "duration", "longest wait after repeated failures")
    suspect_age: float = setting("30d", "duration",
                                 "a published date further than this from first sight is flagged as suspect")
    snippet_chars: int = setting(240, "int", "length of the passage stored with an alert (at least 40)", minimum=40)
    story_window: float = setting("14d", "duration", "how far back near-duplicate stories are looked for")
    story_threshold: float = setting(
        0.5, "fraction", "estimated text similarity (Jaccard of word 5-grams) from which an item joins a story")
    story_containment: float = setting(
        0.5, "fraction", "estimated share of the smaller text inside the larger from which it joins that story")
    alert_delay: float = setting(
        "30s", "duration", "wait before writing an alert to the log, so copies from other sources are counted in it")
    workers: int = setting(
        4, "int", "threads that read, parse and store sources' documents at the same time (at least 1)", minimum=1)
    max_fetches: int = setting(
        256, "int", "HTTP requests in flight at once, across all hosts; waiting ones hold no thread (at least 1)",
        minimum=1)
    parse_processes: int = setting(
        0, "int", "processes that parse and analyse documents; 0: one per core while parsing takes half a core or more, "
        "and in a `run --once` whose parsing still to come would take 2 s or more")
    log_level: str = setting("INFO", "level", "DEBUG, INFO, WARNING or ERROR")
    log_format: str = setting(
        "text", "log_format", "text (one line per event, key=value fields) or json (one JSON object per line)")
    silence_target: str | None = setting(
        None, "str", "the [[notify]] target that hears about silent and failing sources (default: nobody)")
    silence_factor: float = setting(
        4.0, "number", "a source is silent after this many times its usual gap between new items (at least 1)",
        minimum=1)
    silence_minimum: float = setting("1h", "duration", "a source is never silent sooner than this")
    silence_failing_after: float = setting("6h", "duration", "a source failing this long raises a silence alert")
    metrics_address: str | None = setting(
        None, "address", "HOST:PORT where the daemon serves Prometheus metrics, e.g. 127.0.0.1:9464 (default: off)")

    @property
    def user_agent_header(self) -> str:
        """The User-Agent we send: the product token, then how to reach whoever runs us."""
        return self.user_agent + (f" (+{self.contact})" if self.contact else "")

    @property
    def runs_in_flight(self) -> int:
        """How many source runs a process starts at once (the daemon's, `run --once`'s): enough to
        keep `max_fetches` exchanges going while other runs read, parse or store, or wait for
        their host's turn; not every due one (each run started holds a task and its futures)."""
        return max(4 * self.max_fetches, self.workers)


@dataclass(frozen=True, slots=True)
class NotifyTarget:
    """A notification target (config → notify): where alerts are sent, and which ones."""

    name: str
    urls: tuple[str, ...]  # Apprise URLs, environment variables already filled in
    rules: tuple[str, ...] = ()  # only alerts of these rules (default: all)
    sources: tuple[str, ...] = ()  # only alerts whose item came from these sources (default: all)
    min_copies: int = 1  # only stories delivered at least this many times
    mode: str = "instant"  # "instant" | "digest"
    schedule: DigestSchedule | None = None  # digest mode: when digests go out
    timezone: str = "UTC"  # of schedule and quiet_hours
    quiet_hours: QuietHours | None = None  # instant mode: messages wait for its end, folded into one
    cooldown: float = 0.0  # seconds: at most one instant message per rule in this time


@dataclass(frozen=True, slots=True)
class Retention:
    """How long the store keeps what it no longer needs (`[retention]`; seconds, None: keep)."""

    fetches: float | None = 90 * 86400.0  # fetch records older than this go
    items: float | None = None  # items not seen (nor alerted on) for this long go, leaving a tombstone
    revisions: float | None = 180 * 86400.0  # earlier versions replaced this long ago go


@dataclass(frozen=True, slots=True)
class PruneReport:
    """What a prune removed (or, dry, would remove): rows per table, in a fixed order."""

    rows: dict[str, int]
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration file (config.load → everything)."""

    path: Path
    settings: Settings
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]
    targets: tuple[NotifyTarget, ...] = ()
    retention: Retention = field(default_factory=Retention)
    # Every run looks its source up by name: with ten thousand sources a scan of the tuple was 2% of
    # the daemon's CPU (py-spy, bench_gdelt.py target1).
    _by_name: dict[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {source.name: source for source in reversed(self.sources)})

    @property
    def files_base(self) -> Path:
        """What the daemon's own files (`.pid`, `.heartbeat`) are named after: the SQLite file, or
        with a PostgreSQL store, the config file."""
        database = self.settings.database
        return self.path if isinstance(database, str) else database

    def source(self, name: str) -> Source:
        """The source of that name (the first, should two share it); KeyError if none."""
        return self._by_name[name]


@dataclass(frozen=True, slots=True)
class Validators:
    """What we remember of a location's last response, to ask for it conditionally."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


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
class Hit:
    """One occurrence of a rule term in one field."""

    term: str
    field: str
    start: int
    end: int
    text: str  # as it stands in the field


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Match:
    """A rule that fired on an item, with the hits that made it fire (rules → alerts).

    `hits` is bounded (the first rules.MAX_HITS_PER_FIELD per field); `total` is how many there were.
    """

    rule: str
    hits: tuple[Hit, ...]
    snippet: str
    total: int | None = None  # None: every hit is in `hits`

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.term for hit in self.hits))

    @property
    def count(self) -> int:
        return len(self.hits) if self.total is None else self.total


NUM_PERM = 128  # MinHash values per signature
BANDS = 64  # LSH bands of the near-duplicate index
ROWS = NUM_PERM // BANDS
MIN_CONTAINED_SHINGLES = 40  # a smaller text than this is not judged by containment
_BAND_PERSONS = [band.to_bytes(2, "little") + b"lsh" for band in range(BANDS)]  # blake2b's person per band
# One blake2b per band with its person set, copied for each signature: a new object per band parses
# the person again, and that was a third of band_keys' time (73 against 51 µs per signature).
_BAND_HASHERS = [hashlib.blake2b(digest_size=8, person=person) for person in _BAND_PERSONS]


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """An item's MinHash signature and the number of word 5-grams it was made from
    (monitor.stories makes them; the store indexes them by LSH band)."""

    values: np.ndarray  # NUM_PERM uint32
    shingles: int = 0
    # The LSH band keys, worked out once where the signature is made (a parse worker), so the
    # write transaction only looks them up and stores them.
    keys: tuple[int, ...] | None = None

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int = 0) -> Signature:
        import numpy as np  # here, not at the top: every command imports these models, few need numpy (45 ms)

        return cls(np.frombuffer(data, dtype="<u4"), shingles)

    def with_band_keys(self) -> Signature:
        """This signature carrying its band keys."""
        return Signature(self.values, self.shingles, tuple(self.band_keys()))

    def band_keys(self) -> list[int]:
        """One 63-bit key per band: the band number and its rows, hashed."""
        if self.keys is not None:
            return list(self.keys)
        raw = self.values.astype("<u4").tobytes()
        width = ROWS * 4
        keys = []
        for band, band_hasher in enumerate(_BAND_HASHERS):
            hasher = band_hasher.copy()
            hasher.update(raw[band * width:(band + 1) * width])
            keys.append(int.from_bytes(hasher.digest(), "little") >> 1)  # SQLite integers are signed 64-bit
        return keys

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' 5-gram sets."""
        import numpy as np  # (see from_bytes; already loaded when there are signatures to compare)

        return float(np.count_nonzero(self.values == other.values)) / NUM_PERM

    def containment(self, other: Signature, similarity: float | None = None) -> float:
        """Estimated share of the smaller text's 5-grams found in the larger one (0 if unknown).

        From J = |A∩B| / |A∪B| and the set sizes: |A∩B| = J (|A| + |B|) / (1 + J).
        """
        smaller = min(self.shingles, other.shingles)
        if smaller < MIN_CONTAINED_SHINGLES:
            return 0.0
        j = self.similarity(other) if similarity is None else similarity
        return min(1.0, j * (self.shingles + other.shingles) / (1 + j) / smaller)


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
class StoryCandidate:
    """A stored item within the story window that may carry the same story (store → stories.choose)."""

    item_id: int
    story_id: int
    signature: Signature | None
    via: str  # band | title (from the store's indexes) | text (the same text, by identity)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a new item goes: its story (None: a new one), why, and how similar it was to the
    item that decided it (stories.choose → store)."""

    story_id: int | None
    reason: str  # first | near_duplicate | contained | title
    similarity: float | None = None
    matched_item: int | None = None


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
_LINE_BREAKING = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKERS = str.maketrans({c: f"\\u{ord(c):04x}" for c in _LINE_BREAKING})
_HAS_LINE_BREAKER = re.compile(f"[{_LINE_BREAKING}]")


def escape_line_breaks(text: str) -> str:
    """Escape the characters a line reader could split on, inside a JSON document."""
    # translate() looks every character up in a dict: a search first spares nearly every line that.
    return text.translate(_LINE_BREAKERS) if _HAS_LINE_BREAKER.search(text) else text


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
    links: tuple[str, ...] = ()  # documents it lists that are read as part of it (a sitemap index's sitemaps)


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


@dataclass(frozen=True, slots=True)
class ResponseInfo:
    """What the source's state keeps of a response: validators, body hash, a permanent move."""

    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str = ""
    not_modified: bool = False
    permanent_url: str | None = None

    @classmethod
    def of(cls, doc: RawDocument) -> ResponseInfo:
        return cls(status=doc.status, etag=doc.etag, last_modified=doc.last_modified, body_hash=doc.body_hash,
                   not_modified=doc.not_modified, permanent_url=doc.permanent_url)


@dataclass(frozen=True, slots=True)
class FetchJob:
    """What `plan` read from the store for one run of one source (plan → collect); picklable."""

    source: Source
    location: str  # the effective URL after a permanent redirect, else the configured location
    state: SourceState
    started_at: datetime
    # full_text feeds: canonical URLs and GUIDs this source delivered recently; their pages are
    # stored already and are not fetched again.
    known_links: frozenset[str] = frozenset()
    # folder sources: path → (size, mtime_ns) of the files ingested already.
    folder_files: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class FolderFile:
    """A dropped file a folder run read (collect → commit: remembered so it is read once)."""

    source: str
    path: str
    size: int
    mtime_ns: int
    outcome: str  # ok | error


@dataclass(frozen=True, slots=True)
class Refusal:
    """A link policy refused to fetch (collect → commit → refused_links)."""

    url: str
    reason: str


@dataclass(frozen=True, slots=True)
class CollectedDocument:
    """One document's analysed items, stored in one transaction (with its folder file, if any)."""

    items: tuple[AnalysedItem, ...]
    folder_file: FolderFile | None = None


@dataclass(frozen=True, slots=True)
class Collected:
    """What `collect` found for a FetchJob (collect → commit); picklable, with no store access."""

    job: FetchJob
    outcome: Outcome
    duration_ms: int = 0
    documents: tuple[CollectedDocument, ...] = ()
    response: ResponseInfo | None = None
    http_status: int | None = None
    error: str | None = None
    retry_after: float | None = None
    warnings: tuple[str, ...] = ()
    refusals: tuple[Refusal, ...] = ()
    failed_files: tuple[FolderFile, ...] = ()  # dropped files that could not be read or parsed


@dataclass(frozen=True, slots=True)
class SourceOverview:
    """A source's configuration mirror, fetch state and last fetch, for `monitor sources`."""

    name: str
    kind: str
    location: str
    effective_url: str | None
    enabled: bool
    in_config: bool
    interval: float
    consecutive_failures: int
    next_fetch_at: datetime | None
    last_success_at: datetime | None
    gone_at: datetime | None
    last_fetch_at: datetime | None
    last_outcome: str | None
    last_status: int | None
    last_error: str | None
    items: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An item found by full-text search, with a passage around the match."""

    id: int
    title: str
    url: str | None
    source: str
    published_at: datetime | None
    snippet: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """A story: its first item, headline and times."""

    id: int
    first_item_id: int
    title: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class StoryMember:
    """An item of a story, with how it joined and which sources delivered it."""

    id: int
    title: str
    url: str | None
    publisher: str | None
    published_at: datetime | None
    first_seen_at: datetime
    reason: str | None
    similarity: float | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryAlert:
    """An alert of a story, in brief."""

    id: int
    rule: str
    created_at: datetime
    item_id: int
    from_update: bool


@dataclass(frozen=True, slots=True)
class StoredHistoryItem:
    """A stored item for a backtest: the item, its id and story, and the day it counts for."""

    id: int
    story_id: int | None
    item: Item
    day: str  # YYYY-MM-DD of its published (else first seen) time
    moment: datetime | None = None  # its published (else first seen) time


@dataclass(frozen=True, slots=True)
class Delivery:
    """An alert waiting to be sent to one target (the delivery outbox → notify)."""

    id: int
    target: str
    alert: Alert
    attempts: int
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """A message notify.plan composed from pending deliveries (or a spike or silence), to be queued."""

    target: str
    kind: str  # alert | alerts | digest | spike | silence | recovered | test
    title: str
    body: str
    delivery_ids: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()  # the rules it speaks for: their cool-down starts with it
    key: str | None = None  # idempotency key; None: "message-<id>"
    not_before: datetime | None = None  # quiet hours: held until then


@dataclass(frozen=True, slots=True)
class Hold:
    """Deliveries that wait: until when, and why (shown by `monitor notify status`)."""

    delivery_ids: tuple[int, ...]
    until: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class TargetPlan:
    """What one pass of the planner does with a target's due deliveries."""

    messages: tuple[PlannedMessage, ...] = ()
    holds: tuple[Hold, ...] = ()
    dropped: tuple[int, ...] = ()  # never reached the target's min_copies in time


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """A queued message, as the sender reads it."""

    id: int
    target: str
    kind: str
    title: str
    body: str
    key: str
    attempts: int


@dataclass(frozen=True, slots=True)
class SpikeStory:
    """One of the stories behind a spike."""

    story_id: int
    title: str
    url: str | None
    copies: int


@dataclass(frozen=True, slots=True)
class SpikeAlert:
    """An hour in which a rule matched improbably many stories (spikes table)."""

    rule: str
    hour: datetime
    count: int
    baseline: float
    p_value: float
    stories: tuple[SpikeStory, ...] = ()
    id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SilenceAlert:
    """A source that went quiet or keeps failing (silences table); cleared when items come back."""

    source: str
    reason: str  # quiet | failing
    since: datetime
    detail: str
    raised_at: datetime
    id: int | None = None
    cleared_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TargetStatus:
    """A notification target's outbox, for `monitor notify status`."""

    target: str
    pending: int
    failing: int  # queued messages that failed at least once
    last_error: str | None
    last_delivered_at: datetime | None
    held: int = 0  # alerts waiting for quiet hours, a cool-down, a digest or more copies


@dataclass(frozen=True, slots=True)
class RuleActivity:
    """A rule's matching stories per day (or hour) over a period, with the hours of its spikes."""

    rule: str
    counts: tuple[tuple[datetime, int], ...]  # bucket start → stories; every bucket of the period, zeros included
    spikes: tuple[SpikeAlert, ...] = ()

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


@dataclass(frozen=True, slots=True)
class TopStory:
    """One of a rule's most carried stories of a period."""

    rule: str
    story_id: int
    title: str
    url: str | None
    copies: int
    sources: tuple[str, ...]
    first_seen_at: datetime


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """A source at a glance: is it fetching, is it delivering."""

    name: str
    kind: str
    enabled: bool
    last_outcome: str | None
    consecutive_failures: int
    last_error: str | None
    last_success_at: datetime | None
    last_item_at: datetime | None
    items: int
    silence: str | None = None  # "quiet" | "failing" while a silence alert is open


@dataclass(frozen=True, slots=True)
class Attention:
    """What the dashboard and the report show for a period: activity per rule, top stories, sources."""

    since: datetime
    until: datetime
    hourly: bool  # buckets are hours (else days)
    rules: tuple[RuleActivity, ...]
    top: tuple[TopStory, ...]
    sources: tuple[SourceHealth, ...]
