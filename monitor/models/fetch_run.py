"""What the phases of a run hand each other (FetchJob → Collected → FetchRecord), with a source's
fetch state (validators, back-off) and what a response said.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from monitor.models.configuration import Source
from monitor.models.item import AnalysedItem, RawDocument


@dataclass(frozen=True, slots=True)
class Validators:
    """What we remember of a location's last response, to ask for it conditionally."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


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
