"""The store's operations, written once over the table modules (storage/items.py, stories.py, …):
a backend (storage.sqlite, storage.postgres) subclasses TableStore and adds its connection, its
transactions, the translation of its driver's exceptions into StoreError, and what only it can do
(full-text search, maintenance, backup).
"""

from __future__ import annotations

import contextlib
import functools
from abc import ABC, abstractmethod
from datetime import datetime, timedelta
from typing import Any, Callable, ClassVar, Iterator, TypeVar

from monitor.errors import BadSearchQuery, StoreError
from monitor.models import (Alert, Delivery, FetchRecord, FolderFile, Item, Known, Match, Placement, PruneReport,
                            Refusal, Retention,
                            Signature, Source, SourceOverview, SourceState, StoryAlert,
                            StoryCandidate, StoryInfo, StoryMember, TargetStatus, OutboxMessage, PlannedMessage,
                            SilenceAlert, SpikeAlert, SpikeStory, TargetPlan, Attention, iso)
from storage import alerts, attention, deliveries, fetches, items, ops, retention, sources, stories, watch
from storage.sql import Db

_T = TypeVar("_T")


def _translated(method: Callable[..., _T]) -> Callable[..., _T]:
    @functools.wraps(method)
    def wrapper(self: TableStore, *args: Any, **kwargs: Any) -> _T:
        try:
            return method(self, *args, **kwargs)
        except self.driver_errors as exc:
            raise StoreError(f"{self.label}: {type(exc).__name__}: {exc}") from exc
    return wrapper


class TableStore(ABC):
    """The Store protocol's operations that are the same on every backend."""

    # The driver's base exception(s): translated into StoreError at this boundary.
    driver_errors: ClassVar[tuple[type[Exception], ...]] = ()
    db: Db
    label: str  # names the store in error messages (a file name, a database name)

    @abstractmethod
    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """All writes inside happen together or not at all; a nested one is a savepoint."""

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        # Inside the caller's transaction a write needs nothing more (a savepoint per statement
        # cost a few percent of ingest); alone, it gets a transaction of its own.
        if self.db.conn.in_transaction:
            yield
            return
        with self.transaction():
            yield

    # --- what storage.copy asks of a backend ---
    @abstractmethod
    def snapshot(self) -> contextlib.AbstractContextManager[None]:
        """Reads inside see the store as of one moment (a read transaction), whatever is written meanwhile."""

    @abstractmethod
    def stream(self, sql: str) -> Iterator[Any]:
        """The rows of a query (inside snapshot()), fetched a batch at a time rather than all at once."""

    @abstractmethod
    def defer_constraints(self) -> None:
        """Check foreign keys at COMMIT rather than at each statement, for this transaction."""

    def after_copy(self, tables: tuple[str, ...]) -> None:
        """Bring what rows written with their own ids leave behind (id sequences) up to date."""

    def generated_columns(self, table: str) -> set[str]:
        """The table's columns the database computes (never written)."""
        return set()

    def _exclusive(self) -> None:
        """Make the write transaction in progress the only one that decides from what is stored
        (which items an incoming one could be, which stories are near it, what retention lets go)
        until it ends. SQLite's write transactions are all exclusive already."""

    @abstractmethod
    def _text_filter(self, text: str) -> tuple[str, list[Any]] | None:
        """A condition on `a.item_id` keeping items with every word of `text`, with its parameters
        (None: the text has no words); the backend's full-text index answers it."""

    def alerts(self, *, rules: tuple[str, ...] = (), since: datetime | None = None,
               unreviewed: bool = False, limit: int = 50, sources: tuple[str, ...] = (),
               stories: tuple[int, ...] = (), text: str | None = None) -> list[Alert]:
        try:
            text_filter = self._text_filter(text) if text is not None else None
            if text is not None and text_filter is None:
                return []
            return alerts.listing(self.db, rules=rules, since=since, unreviewed=unreviewed, limit=limit,
                                  sources=sources, stories=stories, text=text_filter)
        except self.driver_errors as exc:
            # The words are quoted, so the index should take any; if it refuses them, say it was the text.
            if text is not None and self._is_text_error(exc):
                raise BadSearchQuery(f"bad query {text!r}: {exc}") from None
            raise StoreError(f"{self.label}: {type(exc).__name__}: {exc}") from exc

    def _is_text_error(self, exc: Exception) -> bool:
        """Whether the full-text index refused a query (rather than the database failing)."""
        return False

    @_translated
    def prune(self, policy: Retention, story_window: float, now: datetime, *, dry_run: bool = False,
              batch: int = 500) -> PruneReport:
        cuts = retention.cutoffs(policy, story_window, now)
        if dry_run:
            return PruneReport(retention.dry_run(self.db, cuts), dry_run=True)
        rows = dict.fromkeys(retention.TABLES, 0)
        for name, step in retention.STEPS:
            cut = cuts[name]
            more = cut is not None
            while more:
                assert cut is not None
                with self.transaction():  # one batch per transaction: writers get their turn between
                    self._exclusive()
                    removed, more = step(self.db, cut, batch, now)
                for table, count in removed.items():
                    rows[table] += count
        return PruneReport(rows)

    @_translated
    def trim_bands(self, story_window: float, now: datetime, items: int = 64) -> int:
        cut = iso(now - timedelta(seconds=story_window))
        if cut is None or not retention.leaving_window(self.db, cut):
            return 0
        with self.transaction():
            removed, _ = retention.drop_bands(self.db, cut, items, now)
        return removed.get("lsh_bands", 0)

    @_translated
    def failing_sources(self, names: list[str], before: datetime) -> list[tuple[str, datetime]]:
        return ops.failing_sources(self.db, names, before)

    @_translated
    def stuck_messages(self, before: datetime) -> tuple[int, datetime | None]:
        return ops.stuck_messages(self.db, before)

    # --- sources ---
    @_translated
    def sync_sources(self, configured: tuple[Source, ...] | list[Source], now: datetime) -> None:
        with self._writing():
            sources.sync(self.db, configured, now)

    @_translated
    def ensure_source(self, source: Source, now: datetime, in_config: bool = True) -> None:
        # Every run ensures its source, nearly always unchanged: a read then, not a write
        # transaction (which waits for the writer's turn; a tenth of an all-304 run's CPU).
        if not self.db.conn.in_transaction and sources.mirrors(self.db, source, in_config):
            return
        with self._writing():
            sources.ensure(self.db, source, now, in_config)

    @_translated
    def source_state(self, name: str) -> SourceState:
        return sources.state(self.db, name)

    @_translated
    def save_source_state(self, state: SourceState, attempted_at: datetime) -> None:
        with self._writing():
            sources.save_state(self.db, state, attempted_at)

    @_translated
    def forget_validators(self, name: str) -> None:
        with self._writing():
            sources.forget_validators(self.db, name)

    @_translated
    def next_fetch_times(self) -> dict[str, datetime]:
        return sources.next_fetch_times(self.db)

    @_translated
    def source_overview(self) -> list[SourceOverview]:
        return sources.overview(self.db)

    @_translated
    def folder_files(self, source: str) -> dict[str, tuple[int, int]]:
        return sources.folder_files(self.db, source)

    @_translated
    def record_folder_file(self, file: FolderFile, now: datetime) -> None:
        with self._writing():
            sources.record_folder_file(self.db, file, now)

    @_translated
    def record_refusal(self, source: str, refusal: Refusal, now: datetime) -> None:
        with self._writing():
            sources.record_refusal(self.db, source, refusal, now)

    @_translated
    def record_fetch(self, record: FetchRecord) -> int:
        with self._writing():
            return fetches.record(self.db, record)

    @_translated
    def recent_links(self, source: str, since: datetime) -> frozenset[str]:
        return items.recent_links(self.db, source, since)

    # --- items ---
    @_translated
    def known(self, item: Item) -> Known:
        if self.db.conn.in_transaction:
            self._exclusive()  # what is decided from this answer is written in the same transaction
        return items.known(self.db, item)

    @_translated
    def insert_item(self, item: Item, now: datetime) -> int:
        with self._writing():
            return items.insert(self.db, item, now)

    @_translated
    def update_item(self, item_id: int, item: Item, now: datetime) -> None:
        with self._writing():
            items.update(self.db, item_id, item, now)

    @_translated
    def add_sighting(self, item_id: int, item: Item, now: datetime) -> None:
        with self._writing():
            items.sight(self.db, item_id, item, now)

    @_translated
    def add_revision(self, item_id: int, source: str, previous: Item, now: datetime) -> None:
        with self._writing():
            items.add_revision(self.db, item_id, source, previous, now)

    @_translated
    def item(self, item_id: int) -> Item | None:
        return items.get(self.db, item_id)

    @_translated
    def item_id_for_url(self, url: str) -> int | None:
        return items.id_for_url(self.db, url)

    @_translated
    def revisions(self, item_id: int) -> list[Item]:
        return items.revisions(self.db, item_id)

    # --- stories ---
    @_translated
    def story_candidates(self, item_id: int, signature: Signature | None, title_key: str | None,
                         since: datetime) -> list[StoryCandidate]:
        return stories.candidates(self.db, item_id, signature, title_key, since)

    @_translated
    def place_in_story(self, item_id: int, title: str, placement: Placement, title_key: str | None,
                       signature: Signature | None, now: datetime, index_bands: bool = True) -> int:
        with self._writing():
            return stories.place(self.db, item_id, title, placement, title_key, signature, now, index_bands)

    @_translated
    def reindex_in_story(self, item_id: int, title_key: str | None, signature: Signature | None) -> None:
        with self._writing():
            stories.reindex(self.db, item_id, title_key, signature)

    @_translated
    def story_of(self, item_id: int) -> int | None:
        return stories.story_of(self.db, item_id)

    @_translated
    def story(self, story_id: int) -> StoryInfo | None:
        return stories.get(self.db, story_id)

    @_translated
    def story_members(self, story_id: int) -> list[StoryMember]:
        return stories.members(self.db, story_id)

    @_translated
    def story_copies(self, story_id: int) -> tuple[int, tuple[str, ...]]:
        return stories.copies(self.db, story_id)

    @_translated
    def story_alerts(self, story_id: int) -> list[StoryAlert]:
        return stories.alerts_of(self.db, story_id)

    # --- alerts ---
    @_translated
    def add_alert(self, item_id: int, story_id: int, match: Match, now: datetime,
                  from_update: bool = False) -> int | None:
        with self._writing():
            return alerts.add(self.db, item_id, story_id, match, now, from_update)

    @_translated
    def unlogged_alerts(self, created_before: datetime | None = None) -> list[Alert]:
        return alerts.unlogged(self.db, created_before)

    @_translated
    def mark_logged(self, ids: list[int], now: datetime) -> None:
        with self._writing():
            alerts.mark_logged(self.db, ids, now)

    @_translated
    def ack_alerts(self, ids: list[int], now: datetime) -> tuple[list[int], list[int]]:
        with self._writing():
            return alerts.ack(self.db, ids, now)

    @_translated
    def unack_alerts(self, ids: list[int]) -> tuple[list[int], list[int]]:
        with self._writing():
            return alerts.unack(self.db, ids)

    # --- notifications ---
    @_translated
    def add_deliveries(self, alert_id: int, targets: tuple[str, ...] | list[str], now: datetime) -> None:
        with self._writing():
            deliveries.add(self.db, alert_id, targets, now)

    @_translated
    def unsent_deliveries(self, target: str, now: datetime | None, limit: int = 10_000) -> list[Delivery]:
        return deliveries.unsent(self.db, target, now, limit)

    @_translated
    def targets_with_unsent(self, now: datetime) -> list[str]:
        return deliveries.unsent_targets(self.db, now)

    @_translated
    def recent_messages(self, target: str, since: datetime) -> dict[str, datetime]:
        return deliveries.last_messages(self.db, target, since)

    @_translated
    def last_digest(self, target: str) -> datetime | None:
        return deliveries.last_digest(self.db, target)

    @_translated
    def queue_plan(self, plan: TargetPlan, now: datetime) -> list[int]:
        with self._writing():
            return deliveries.apply(self.db, plan, now)

    @_translated
    def due_messages(self, now: datetime, limit: int = 1000,
                     exclude: frozenset[str] = frozenset()) -> list[OutboxMessage]:
        return deliveries.due_messages(self.db, now, limit, exclude)

    @_translated
    def next_outbox_time(self) -> datetime | None:
        return deliveries.next_due(self.db)

    @_translated
    def mark_sent(self, message_id: int, now: datetime) -> None:
        with self._writing():
            deliveries.sent(self.db, message_id, now)

    @_translated
    def mark_send_failed(self, message_id: int, error: str, next_attempt_at: datetime) -> None:
        with self._writing():
            deliveries.failed(self.db, message_id, error, next_attempt_at)

    @_translated
    def postpone_messages(self, target: str, until: datetime) -> None:
        with self._writing():
            deliveries.postpone(self.db, target, until)

    @_translated
    def delivery_status(self) -> list[TargetStatus]:
        return deliveries.status(self.db)

    # --- spike and silence alerts ---
    @_translated
    def rule_hourly(self, rule: str, since: datetime) -> dict[datetime, int]:
        return watch.rule_hourly(self.db, rule, since)

    @_translated
    def watched_since(self, published: bool = False) -> datetime | None:
        return watch.watched_since(self.db, published)

    @_translated
    def spike_stories(self, rule: str, start: datetime, end: datetime, limit: int = 5) -> tuple[SpikeStory, ...]:
        return watch.spike_stories(self.db, rule, start, end, limit)

    @_translated
    def last_spike(self, rule: str) -> datetime | None:
        return watch.last_spike(self.db, rule)

    @_translated
    def add_spike(self, spike: SpikeAlert, messages: list[PlannedMessage], now: datetime) -> int | None:
        with self._writing():
            return watch.add_spike(self.db, spike, messages, now)

    @_translated
    def spikes(self, rule: str | None = None, limit: int = 50) -> list[SpikeAlert]:
        return watch.spikes(self.db, rule, limit)

    @_translated
    def source_item_times(self, source: str, since: datetime) -> list[datetime]:
        return watch.source_item_times(self.db, source, since)

    @_translated
    def latest_arrival(self, source: str) -> datetime | None:
        return watch.latest_arrival(self.db, source)

    @_translated
    def failing_since(self, source: str) -> datetime | None:
        return watch.failing_since(self.db, source)

    @_translated
    def open_silences(self) -> dict[str, SilenceAlert]:
        return watch.open_silences(self.db)

    @_translated
    def silences(self, limit: int = 50) -> list[SilenceAlert]:
        return watch.silences(self.db, limit)

    @_translated
    def raise_silence(self, silence: SilenceAlert, messages: list[PlannedMessage], now: datetime) -> int | None:
        with self._writing():
            return watch.raise_silence(self.db, silence, messages, now)

    @_translated
    def clear_silence(self, silence_id: int, messages: list[PlannedMessage], now: datetime) -> bool:
        with self._writing():
            return watch.clear_silence(self.db, silence_id, messages, now)

    # --- the dashboard and the report ---
    @_translated
    def attention(self, rules: list[str], since: datetime, until: datetime, hourly: bool,
                  per_rule: int = 5) -> Attention:
        return attention.attention(self.db, rules, since, until, hourly, per_rule)
