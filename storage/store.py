"""The store boundary: what the pipeline, the jobs and the CLI may ask of a store.

A backend implements this protocol, taking and returning the dataclasses of monitor.models and
raising StoreError subclasses, never a driver's exception. It answers questions (which stored items
could this one be, which items may carry the same story) and writes what it is told; the decisions
are monitor.dedupe's and monitor.stories'. tests/test_store_contract.py is the suite every backend
passes.

Writes happen inside `transaction()`: a write method called outside one runs in a transaction of
its own. Times are aware UTC datetimes.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Iterator, Protocol

from monitor.models import (Alert, Delivery, FetchRecord, FolderFile, Item, Known, Match, Placement, PruneReport,
                            Refusal, Retention, SearchHit,
                            Signature, Source, SourceOverview, SourceState, StoredHistoryItem, StoryAlert,
                            StoryCandidate, StoryInfo, StoryMember, TargetStatus, OutboxMessage, PlannedMessage,
                            SilenceAlert, SpikeAlert, SpikeStory, TargetPlan, Attention)
from monitor.query import Node


class AlertOutbox(Protocol):
    """What writing the alert log asks of a store (monitor.pipeline.flush_alert_log): a Store is
    one; the daemon's flush passes one that takes the process's writing connection per call."""

    def unlogged_alerts(self, created_before: datetime | None = None) -> list[Alert]:
        """Alerts not yet written to the alert log, oldest first."""

    def mark_logged(self, ids: list[int], now: datetime) -> None:
        """Record that these alerts are in the alert log."""


class Store(Protocol):
    """Operations on the monitor's store; see the module docstring."""

    # --- lifecycle ---
    def close(self) -> None:
        """Release the connection."""

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside happen together or not at all; writers queue for their turn."""

    def maintain(self, thorough: bool = False, *, reset_log: bool = True) -> None:
        """Housekeeping between runs (SQLite: a WAL checkpoint; `thorough` at shutdown). Without
        `reset_log`, SQLite only copies the log back: it waits for no other connection, and
        leaves the log file for a later checkpoint to reset."""

    def prune(self, policy: Retention, story_window: float, now: datetime, *, dry_run: bool = False,
              batch: int = 500) -> PruneReport:
        """Delete what retention lets go (storage.retention: old items leave tombstones, LSH bands of
        items older than the story window, old fetches and revisions), `batch` rows per write
        transaction; with `dry_run`, count it and change nothing."""

    def trim_bands(self, story_window: float, now: datetime, items: int = 64) -> int:
        """Delete the LSH bands of those of the `items` oldest banded items that left the story
        window, in one short write transaction (none when nothing left: a read of two index probes);
        how many band rows went. Ingest calls it after each document, so the near-duplicate index
        stays the window's size between the daily prunes."""

    def compact(self, pages: int = 1000) -> int:
        """Optimise the full-text index and return free pages to the file system, `pages` per
        transaction; how many pages were returned."""

    def schema_version(self) -> list[str]:
        """The names of the migrations applied, in order."""

    # --- operating it ---
    def backup(self, target: str | Path, *, force: bool = False) -> int:
        """Copy the whole store, as of one moment, to the file `target` (atomically: a temporary file
        renamed into place); its size in bytes. An existing target is refused unless `force`."""

    def probe_write(self) -> None:
        """Take the write lock and release it without writing: raises StoreError when it cannot."""

    def failing_sources(self, names: list[str], before: datetime) -> list[tuple[str, datetime]]:
        """Of the named sources, those failing now with no success since before `before`, and since when."""

    def stuck_messages(self, before: datetime) -> tuple[int, datetime | None]:
        """Undelivered notification messages due or first tried before `before`: count, oldest queue time."""

    # --- sources and their fetch state ---
    def sync_sources(self, sources: tuple[Source, ...] | list[Source], now: datetime) -> None:
        """Mirror the configured sources; sources no longer configured are kept, marked."""

    def ensure_source(self, source: Source, now: datetime, in_config: bool = True) -> None:
        """Make sure a source's row exists and mirrors its configuration."""

    def source_state(self, name: str) -> SourceState:
        """What is remembered of a source between runs (defaults for one never fetched)."""

    def save_source_state(self, state: SourceState, attempted_at: datetime) -> None:
        """Write a source's state after an attempt."""

    def forget_validators(self, name: str) -> None:
        """Drop a source's effective URL and validators: its next fetch is unconditional."""

    def next_fetch_times(self) -> dict[str, datetime]:
        """Source name → stored next fetch time."""

    def source_overview(self) -> list[SourceOverview]:
        """Every source with its state, last fetch and item count."""

    def folder_files(self, source: str) -> dict[str, tuple[int, int]]:
        """Path → (size, mtime_ns) of the files a folder source has read."""

    def record_folder_file(self, file: FolderFile, now: datetime) -> None:
        """Remember that a dropped file was read (with its outcome)."""

    def record_refusal(self, source: str, refusal: Refusal, now: datetime) -> None:
        """Remember a link policy refused to fetch."""

    def record_fetch(self, record: FetchRecord) -> int:
        """Store what one run of one source did; returns its id."""

    def recent_links(self, source: str, since: datetime) -> frozenset[str]:
        """Canonical URLs and GUIDs a source delivered since a time."""

    # --- items ---
    def known(self, item: Item) -> Known:
        """Every stored item an incoming one could be, by each identity key."""

    def insert_item(self, item: Item, now: datetime) -> int:
        """Store a new item; returns its id."""

    def update_item(self, item_id: int, item: Item, now: datetime) -> None:
        """Replace a stored item's fields with a new version."""

    def add_sighting(self, item_id: int, item: Item, now: datetime) -> None:
        """Record that the item's source delivered it now (as its GUID, URL and content)."""

    def add_revision(self, item_id: int, source: str, previous: Item, now: datetime) -> None:
        """Keep the version of an item its source has just replaced."""

    def item(self, item_id: int) -> Item | None:
        """A stored item, or None."""

    def item_id_for_url(self, url: str) -> int | None:
        """The item stored or seen under a canonical URL."""

    def revisions(self, item_id: int) -> list[Item]:
        """Earlier versions of an item, oldest first (`fetched_at`: when each was replaced)."""

    def search(self, text: str, limit: int = 20, raw: bool = False,
               language: str | None = None) -> list[SearchHit]:
        """Full-text search, best first; `raw` takes the backend's own query syntax, and a query it
        cannot run raises BadSearchQuery; `language` (ISO 639-1) keeps items in that language."""

    def history(self, tree: Node | None,
                since: datetime | None = None) -> tuple[int, str | None, Iterator[StoredHistoryItem]]:
        """(how many, the backend's prefilter, the items) that a rule's query tree could match,
        oldest first: a superset, narrowed by the full-text index (for backtests)."""

    # --- stories ---
    def story_candidates(self, item_id: int, signature: Signature | None, title_key: str | None,
                         since: datetime) -> list[StoryCandidate]:
        """Items first seen since a time sharing an LSH band or the title key with an item."""

    def place_in_story(self, item_id: int, title: str, placement: Placement, title_key: str | None,
                       signature: Signature | None, now: datetime, index_bands: bool = True) -> int:
        """Put an item in a story (a new one when the placement names none), keep its signature and,
        unless told not to (a near-exact copy of a member), index its LSH bands; returns the story id."""

    def reindex_in_story(self, item_id: int, title_key: str | None, signature: Signature | None) -> None:
        """Keep a stored item's title key and signature (and its LSH bands) for its current title and
        text, after an update: later copies find it by what it says now. Its story stays its own."""

    def story_of(self, item_id: int) -> int | None:
        """The story an item belongs to."""

    def story(self, story_id: int) -> StoryInfo | None:
        """A story, or None."""

    def story_members(self, story_id: int) -> list[StoryMember]:
        """A story's items, first seen first."""

    def story_copies(self, story_id: int) -> tuple[int, tuple[str, ...]]:
        """(deliveries of the story, the sources that delivered it, first first)."""

    def story_alerts(self, story_id: int) -> list[StoryAlert]:
        """A story's alerts, oldest first."""

    # --- alerts and the alert-log outbox ---
    def add_alert(self, item_id: int, story_id: int, match: Match, now: datetime,
                  from_update: bool = False) -> int | None:
        """Store an alert unless this rule already alerted on this story; the new id or None."""

    def unlogged_alerts(self, created_before: datetime | None = None) -> list[Alert]:
        """Alerts not yet written to the alert log, oldest first."""

    def mark_logged(self, ids: list[int], now: datetime) -> None:
        """Record that these alerts are in the alert log."""

    def alerts(self, *, rules: tuple[str, ...] = (), since: datetime | None = None,
               unreviewed: bool = False, limit: int = 50, sources: tuple[str, ...] = (),
               stories: tuple[int, ...] = (), text: str | None = None) -> list[Alert]:
        """Alerts newest first, filtered by rule, creation time, review state, source (one that
        delivered any item of the alert's story: its copy_sources), story, and text (every word in
        the alerted item's title, summary or body, as `search` without `raw`; a query the index cannot
        run raises BadSearchQuery). Filters combine with AND; the values of one filter with OR."""

    def ack_alerts(self, ids: list[int], now: datetime) -> tuple[list[int], list[int]]:
        """Mark alerts reviewed: (ids acknowledged now or before, ids that do not exist)."""

    def unack_alerts(self, ids: list[int]) -> tuple[list[int], list[int]]:
        """Mark alerts not reviewed: (ids unacknowledged now or never acknowledged, ids that do not exist)."""

    # --- notifications: the delivery outbox ---
    def add_deliveries(self, alert_id: int, targets: tuple[str, ...] | list[str], now: datetime) -> None:
        """Queue an alert for these notification targets (in the alert's transaction)."""

    def unsent_deliveries(self, target: str, now: datetime | None, limit: int = 10_000) -> list[Delivery]:
        """A target's deliveries not yet in a message: those due by `now`, or all when None."""

    def targets_with_unsent(self, now: datetime) -> list[str]:
        """Targets with deliveries due to be planned into messages."""

    def recent_messages(self, target: str, since: datetime) -> dict[str, datetime]:
        """Per rule, when the target's latest instant message for it was queued (since a time)."""

    def last_digest(self, target: str) -> datetime | None:
        """When the target's latest digest was queued."""

    def queue_plan(self, plan: TargetPlan, now: datetime) -> list[int]:
        """In one transaction: queue the plan's messages, hold and drop its deliveries; the message ids."""

    def due_messages(self, now: datetime, limit: int = 1000,
                     exclude: frozenset[str] = frozenset()) -> list[OutboxMessage]:
        """Queued messages whose next attempt is due (but for the `exclude` targets'), oldest first."""

    def next_outbox_time(self) -> datetime | None:
        """When the next queued message or held delivery comes due."""

    def mark_sent(self, message_id: int, now: datetime) -> None:
        """Record that a message was delivered (and the alerts it carried)."""

    def mark_send_failed(self, message_id: int, error: str, next_attempt_at: datetime) -> None:
        """Record a failed attempt and when to try again."""

    def postpone_messages(self, target: str, until: datetime) -> None:
        """Make a target's undelivered messages due no sooner than `until` (it just failed a send)."""

    def delivery_status(self) -> list[TargetStatus]:
        """Each target's queued, failing and held messages, last error and last delivery."""

    # --- spike and silence alerts ---
    def rule_hourly(self, rule: str, since: datetime) -> dict[datetime, int]:
        """Stories the rule alerted on per UTC hour, since a time."""

    def watched_since(self, published: bool = False) -> datetime | None:
        """When the store's history begins: its first item's first-seen (or, with `published`, earliest
        published or first-seen) time."""

    def spike_stories(self, rule: str, start: datetime, end: datetime, limit: int = 5) -> tuple[SpikeStory, ...]:
        """The rule's stories matched in [start, end), most copies first."""

    def last_spike(self, rule: str) -> datetime | None:
        """The hour of the rule's latest spike."""

    def add_spike(self, spike: SpikeAlert, messages: list[PlannedMessage], now: datetime) -> int | None:
        """Store a spike with its messages (once per rule and hour); the new id or None."""

    def spikes(self, rule: str | None = None, limit: int = 50) -> list[SpikeAlert]:
        """Stored spikes, newest first."""

    def source_item_times(self, source: str, since: datetime) -> list[datetime]:
        """When the source first delivered each of its items, since a time."""

    def latest_arrival(self, source: str) -> datetime | None:
        """When the source first delivered its newest item (whatever its age), if ever."""

    def failing_since(self, source: str) -> datetime | None:
        """The first of the source's current run of unsuccessful fetches, if any."""

    def open_silences(self) -> dict[str, SilenceAlert]:
        """Silences not yet cleared, by source."""

    def silences(self, limit: int = 50) -> list[SilenceAlert]:
        """Silences, latest first."""

    def raise_silence(self, silence: SilenceAlert, messages: list[PlannedMessage], now: datetime) -> int | None:
        """Store a silence with its messages unless the source has one open; the new id or None."""

    def clear_silence(self, silence_id: int, messages: list[PlannedMessage], now: datetime) -> bool:
        """Clear a silence and queue its messages; False when already cleared."""

    # --- the dashboard and the report ---
    def attention(self, rules: list[str], since: datetime, until: datetime, hourly: bool,
                  per_rule: int = 5) -> Attention:
        """Stories per rule per day (or hour) with spikes, each rule's top stories, and source health."""
