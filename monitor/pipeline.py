"""THE ingestion path: one source (or one ad-hoc target) from the store's state to stored items and
alerts, in three phases.

1. `plan` reads the store: is the source due, where to fetch it, which validators to send, which
   links a full-text feed or a sitemap already delivered, which dropped files were read. Out: a FetchJob.
2. `collect` (monitor.collect) fetches, parses, fetches full text, normalizes and analyses, with no
   store access. Out: a Collected value. Both values are picklable: collect can run elsewhere.
3. `commit` writes, one transaction per document: the store says what it knows of each item,
   monitor.dedupe.classify decides what the item is and monitor.stories.choose its story, and the
   store writes items, revisions, sightings, stories and alerts; then the fetch record and the
   source's new state.

`ingest_source` chains them for the daemon's jobs, `monitor run --once` and `monitor ingest`.
Alerts leave the process through an outbox: `flush_alert_log` writes the ones not yet logged.
Whatever goes wrong with one source is recorded on its FetchRecord and state and logged; these
functions return normally for any input.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from monitor import alerts as alert_log
from monitor import backoff, metrics
from monitor import sources as kinds
from monitor.analysis import analyse
from monitor.collect import Context, collect
from monitor.dedupe import Decision, Verdict, classify
from monitor.errors import MonitorError, item_failure, one_line, warnings_line
from monitor.logs import fields
from monitor.models import (AnalysedItem, Collected, FetchJob, FetchRecord, FolderFile, Item, ItemStatus, Match,
                            Outcome, Source, SourceState, StoredItem, StoryCandidate)
from monitor.rules import match
from monitor.notify import targets_for
from monitor.outbox import OUTBOX_CHANGED
from monitor.stories import RECENT_WINDOW, choose, needs_own_bands, signature, story_text, title_key
from monitor.urls import has_scheme
from storage.store import AlertOutbox, Store

__all__ = ["Context", "commit", "flush_alert_log", "ingest_source", "ingest_target", "plan", "store_item"]

log = logging.getLogger(__name__)

MANUAL_SOURCE = "manual"
# A full-text feed's links delivered this recently count as stored: their pages are not fetched
# again. Entries still in a feed are seen on every changed fetch, so this only has to outlast the
# time an entry stays in its feed.
KNOWN_LINKS_WINDOW = timedelta(days=30)


def plan(store: Store, source: Source, now: datetime, *, scheduled: bool = False) -> FetchJob | None:
    """What a run of a source needs from the store; None when a scheduled run is not due yet
    (back-off, Retry-After, a gone source's daily re-check). A manual run is always due."""
    store.ensure_source(source, now, in_config=source.name != MANUAL_SOURCE)
    state = store.source_state(source.name)
    if scheduled and not backoff.is_due(state, now, source.interval):
        log.debug("not due %s", fields(source=source.name, next=state.next_fetch_at))
        return None
    kind = kinds.KINDS[source.kind]
    known_links: frozenset[str] = frozenset()
    if source.full_text or kind.reads_pages or kind.older_page is not None:
        # A sitemap's article stays listed while it is in the sitemap_window: remember it that much longer.
        window = KNOWN_LINKS_WINDOW + timedelta(seconds=source.sitemap_window if kind.reads_pages else 0)
        known_links = store.recent_links(source.name, now - window)
    folder_files: tuple[tuple[str, int, int], ...] = ()
    if kind.list_documents is not None:
        folder_files = tuple((path, size, mtime) for path, (size, mtime) in store.folder_files(source.name).items())
    return FetchJob(source=source, location=state.effective_url or source.location, state=state, started_at=now,
                    known_links=known_links, folder_files=folder_files)


def ingest_source(store: Store, source: Source, ctx: Context, *, scheduled: bool = False,
                  flush_log: bool = True) -> FetchRecord | None:
    """Plan, collect and commit one source; never raises for bad input.

    A scheduled run (the daemon's) does nothing and returns None while the source is not due.
    `flush_log=False` leaves the alert log to the caller (the daemon's flush job, the end of a run).
    """
    job = plan(store, source, ctx.clock(), scheduled=scheduled)
    if job is None:
        return None
    record = commit(store, collect(job, ctx), ctx)
    if flush_log:
        try:
            flush_alert_log(store, ctx)
        except Exception as exc:  # the outbox keeps them: the next flush writes them
            log.error("alert log flush failed %s", fields(source=source.name, error=one_line(exc)))
    return record


def ingest_target(store: Store, target: str, ctx: Context, kind: str | None = None) -> FetchRecord:
    """Ingest one file or URL now, filed under the `manual` source."""
    location = target if has_scheme(target) else str(Path(target).resolve())
    source = Source(name=MANUAL_SOURCE, kind=kind or kinds.guess_kind(target), location=location,
                    interval=3600, enabled=False, allow_private=True)
    store.forget_validators(MANUAL_SOURCE)  # each target is new to `manual`
    record = ingest_source(store, source, ctx)
    assert record is not None
    return record


@dataclass
class _Tally:
    seen: int = 0
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    alerts: int = 0
    warnings: list[str] = field(default_factory=list)

    def add(self, stored: StoredItem, alerts: int) -> None:
        self.seen += 1
        self.alerts += alerts
        if stored.status is ItemStatus.NEW:
            self.new += 1
        elif stored.status is ItemStatus.UPDATED:
            self.updated += 1
        else:
            self.duplicate += 1


def commit(store: Store, collected: Collected, ctx: Context) -> FetchRecord:
    """Store what collect found (a transaction per document), then the fetch record and the
    source's new state; returns the record. A store failure is the run's outcome, not a raise."""
    began = time.monotonic()
    job, source = collected.job, collected.job.source
    tally = _Tally(warnings=list(collected.warnings))
    outcome, error = collected.outcome, collected.error
    try:
        for document in collected.documents:
            for stored, alerts in store_items(store, document.items, ctx, folder_file=document.folder_file,
                                              skipped=tally.warnings):
                tally.add(stored, alerts)
    except MonitorError as exc:
        outcome, error = exc.outcome, str(exc)
    except Exception as exc:  # a bug, not bad input: keep the traceback, keep the daemon alive
        log.exception("unexpected failure source=%s", source.name)
        outcome, error = Outcome.ERROR, one_line(f"internal error: {type(exc).__name__}: {exc}")
    record = FetchRecord(
        source=source.name, location=job.location, started_at=job.started_at,
        duration_ms=collected.duration_ms + int((time.monotonic() - began) * 1000), outcome=outcome,
        http_status=collected.http_status,
        items_seen=tally.seen, items_new=tally.new, items_updated=tally.updated,
        items_duplicate=tally.duplicate, alerts=tally.alerts, error=error,
        warning=warnings_line(tally.warnings),
        refusals=tuple(refusal.url for refusal in collected.refusals),
    )
    new_state = backoff.after_fetch(job.state, source, outcome, ctx.clock(), started=job.started_at,
                                    max_backoff=ctx.config.settings.max_backoff,
                                    response=collected.response if outcome is collected.outcome else None,
                                    error=error, retry_after=collected.retry_after)
    try:
        with store.transaction():
            for refusal in collected.refusals:
                store.record_refusal(source.name, refusal, record.started_at)
            store.record_fetch(record)
            store.save_source_state(new_state, record.started_at)
    except Exception as exc:  # the run itself is over; say so and let the next one try again
        log.error("recording the fetch failed %s", fields(source=record.source, error=one_line(exc)))
    _log_record(record, new_state)
    metrics.fetched(record)
    return record


def store_items(store: Store, batch: tuple[AnalysedItem, ...] | list[AnalysedItem], ctx: Context, *,
                folder_file: FolderFile | None = None, skipped: list[str] | None = None) -> list[tuple[StoredItem, int]]:
    """Save one document's items, place them in stories and raise their alerts, in one transaction.

    A folder's document is stored with the record that its file was read, so a stop between the
    two can neither lose nor repeat it. Alerts are per (rule, story): a copy of a story that already
    alerted for a rule adds a copy to that alert, not a new one. An updated item raises only the
    rules it did not match before. Matches and signatures were computed in collect; only a version
    merged with the stored one (an update) is matched here.

    An item that fails is left out, with its item_failure() line appended to `skipped`; the others
    are stored. The document is first written without savepoints (a savepoint per item made every
    write a third slower); only if an item fails is it written again with one per item.
    """
    skipped = [] if skipped is None else skipped
    try:
        results = _store_document(store, batch, ctx, folder_file, None)
    except Exception:
        log.debug("an item failed; storing the document again item by item", exc_info=True)
        results = _store_document(store, batch, ctx, folder_file, skipped)
    if ctx.config.targets and any(alerts for _, alerts in results):
        OUTBOX_CHANGED.set()  # committed: this process's sender need not wait for its next poll
    _trim_bands(store, ctx, len(batch))
    return results


# Items leave the story window about as fast as they arrive: trimming twice a document's items
# keeps the band index at the window's size continuously (and works off a backlog, e.g. after an
# upgrade), so lookups and inserts cost the same in a store of any age, not only after a prune.
TRIM_PER_ITEM = 2
TRIM_AT_LEAST = 16


def _trim_bands(store: Store, ctx: Context, stored: int) -> None:
    try:
        store.trim_bands(ctx.config.settings.story_window, ctx.clock(), max(TRIM_AT_LEAST, TRIM_PER_ITEM * stored))
    except MonitorError as exc:  # the document is committed; the next one, or the daily prune, trims
        log.warning("band trim failed %s", fields(error=one_line(exc)))


def _store_document(store: Store, batch: tuple[AnalysedItem, ...] | list[AnalysedItem], ctx: Context,
                    folder_file: FolderFile | None, skipped: list[str] | None) -> list[tuple[StoredItem, int]]:
    """One transaction; with `skipped` (a list to report to), a savepoint per item."""
    settings = ctx.config.settings
    results: list[tuple[StoredItem, int]] = []
    fired: list[str] = []  # the rule of each alert raised, counted once the transaction is committed
    with store.transaction():
        now = ctx.clock()
        for analysed in batch:
            if skipped is None:
                decision = classify(analysed.item, store.known(analysed.item))
                results.append(_store_one(store, analysed, decision, ctx, now, settings.story_window,
                                          settings.story_threshold, settings.story_containment, fired))
                continue
            item_fired: list[str] = []
            try:
                with store.transaction():  # a savepoint: one item's failure undoes that item only
                    decision = classify(analysed.item, store.known(analysed.item))
                    results.append(_store_one(store, analysed, decision, ctx, now, settings.story_window,
                                              settings.story_threshold, settings.story_containment, item_fired))
                fired += item_fired
            except Exception as exc:
                line = item_failure(analysed.item.url or analysed.item.location, "commit", exc)
                skipped.append(line)
                log.warning("item skipped %s", fields(source=analysed.item.source, error=line))
        if folder_file is not None:
            store.record_folder_file(folder_file, now)
    metrics.alerted(fired)
    return results


def _store_one(store: Store, analysed: AnalysedItem, decision: Decision, ctx: Context, now: datetime,
               window: float, threshold: float, containment: float, fired: list[str]) -> tuple[StoredItem, int]:
    """Store one item as decided; appends the rule of each alert it raised to `fired`."""
    item = analysed.item
    status = decision.verdict.status
    if decision.verdict is Verdict.DUPLICATE:
        if decision.item_id is None:  # an item retention purged: nothing stored to sight; id 0
            return StoredItem(0, decision.item, status, decision.matched_on), 0
        store.add_sighting(decision.item_id, item, now)
        return StoredItem(decision.item_id, decision.item, status, decision.matched_on), 0
    if decision.verdict in (Verdict.NEW, Verdict.COPY):
        item_id = store.insert_item(decision.item, now)
        store.add_sighting(item_id, decision.seen_as, now)
        key = title_key(decision.item.title)
        since = now - timedelta(seconds=window)
        copy = decision.copy_of
        if copy is not None and copy.story_id is not None and copy.first_seen_at >= since:
            candidates = [StoryCandidate(copy.id, copy.story_id, None, "text")]
        else:
            candidates = store.story_candidates(item_id, analysed.signature, None, since)
        recent_since = max(since, now - RECENT_WINDOW)
        placement = choose(analysed.signature, candidates, threshold, containment, recent_since)
        if placement.story_id is None and key is not None:  # the cheap layer, only when the text decided nothing
            placement = choose(analysed.signature, store.story_candidates(item_id, None, key, since),
                               threshold, containment, recent_since)
        story_id = store.place_in_story(item_id, decision.item.title, placement, key, analysed.signature, now,
                                        index_bands=needs_own_bands(placement))
        matches: tuple[Match, ...] = analysed.matches
    else:
        assert decision.item_id is not None
        item_id = decision.item_id
        if decision.previous is not None:  # the source itself changed the article: keep what it said
            store.add_revision(item_id, item.source, decision.previous, now)
        store.update_item(item_id, decision.item, now)
        store.add_sighting(item_id, item, now)
        story_id = store.story_of(item_id) or item_id
        # Later copies are compared with what the item says now (a developing story's latest
        # version, the full article where a teaser or a headline came first), not its first text.
        merged = decision.item
        same_text = (merged.title, merged.summary, merged.body) == (item.title, item.summary, item.body)
        store.reindex_in_story(item_id, title_key(merged.title), analysed.signature if same_text else
                               signature(story_text(merged.title, merged.summary, merged.body)))
        # The merged version is only known here; matching it (tens of µs, for the rare update)
        # costs less than looking every item up twice to do it before the transaction.
        matches = tuple(match(ctx.compiled, replace(decision.item, source=item.source)))
    updated = decision.verdict is Verdict.UPDATED
    added = 0
    for found in matches:
        alert_id = store.add_alert(item_id, story_id, found, now, from_update=updated)
        if alert_id is None:
            continue
        added += 1
        fired.append(found.rule)
        targets = targets_for(ctx.config.targets, found.rule, item.source)
        if targets:  # the outbox row is part of the alert's transaction: never lost, never sent alone
            store.add_deliveries(alert_id, targets, now)
    return StoredItem(item_id, decision.item, status, decision.matched_on, story_id), added


def store_item(store: Store, item: Item, ctx: Context) -> tuple[StoredItem, int]:
    """Analyse and store one item (see store_items)."""
    return store_items(store, [analyse(item, ctx.compiled)], ctx)[0]


def _log_record(record: FetchRecord, state: SourceState) -> None:
    line = fields(source=record.source, outcome=record.outcome.value, status=record.http_status,
                  new=record.items_new, updated=record.items_updated, duplicate=record.items_duplicate,
                  alerts=record.alerts, ms=record.duration_ms, failures=state.consecutive_failures or None,
                  next=state.next_fetch_at.isoformat() if record.outcome is not Outcome.OK and state.next_fetch_at else None,
                  error=record.error, warning=record.warning)
    if record.outcome is Outcome.GONE:
        log.warning("source gone, re-checked daily %s", line)
    elif record.outcome in (Outcome.ERROR, Outcome.REFUSED, Outcome.RATE_LIMITED):
        log.warning("fetch %s", line)
    else:
        log.info("fetch %s", line)


def flush_alert_log(store: AlertOutbox, ctx: Context, settle: float | None = None) -> int:
    """Append alerts not yet logged to the alert log; returns how many lines were written.

    Only alerts older than `settle` seconds (settings.alert_delay by default) are written, so that
    copies of a story arriving from other sources in the meantime are counted in its one line.
    """
    path = ctx.config.settings.alert_log
    delay = ctx.config.settings.alert_delay if settle is None else settle
    with alert_log.log_lock(path):
        pending = store.unlogged_alerts(ctx.clock() - timedelta(seconds=delay) if delay > 0 else None)
        if not pending:
            return 0
        # A crash between an append and its mark left lines the store does not know are written.
        alert_log.repair_tail(path)
        already = alert_log.logged_since(path, min(alert.id for alert in pending))
        if already:
            store.mark_logged(sorted(already & {alert.id for alert in pending}), ctx.clock())
        pending = [alert for alert in pending if alert.id not in already]
        alert_log.append_log(path, pending)
        store.mark_logged([a.id for a in pending], ctx.clock())
    return len(pending)
