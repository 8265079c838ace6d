"""What the store answers the CLI and the web pages with: sources' overview and health, search hits,
stories and their members, history, rule activity, targets' status, what needs attention.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.models.delivery import SpikeAlert
from monitor.models.item import Item


@dataclass(frozen=True, slots=True)
class PruneReport:
    """What a prune removed (or, dry, would remove): rows per table, in a fixed order."""

    rows: dict[str, int]
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())


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
