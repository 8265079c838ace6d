"""THE ingestion path: one source (or one ad-hoc target) from bytes to stored items and alerts.

The scheduler's job, `monitor run --once` and `monitor ingest` all call `ingest_source`:

1. fetch (conditional GET with the source's validators, at its effective URL);
2. skip parsing when the server said 304 or sent the very bytes it sent last time;
3. parse and normalize (CPU work; in a process pool when the context has one);
4. for `full_text` feeds, fetch each new item's page and extract the article;
5. save each item with its alerts in one transaction;
6. record the fetch, update the source's state (validators, failures, next fetch time);
7. write alerts not yet logged to the alert log (the alerts table is the outbox).

Whatever goes wrong with one source is recorded on its FetchRecord and state and logged:
this function returns normally for any input.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from sqlite_utils import Database

from monitor import alerts as alert_log
from monitor import backoff
from monitor import sources as kinds
from monitor.dates import utc_now
from monitor.errors import FetchError, MonitorError, RefusedURL, one_line
from monitor.extract import extract
from monitor.charset import decode
from monitor.fetch import Fetcher
from monitor.urls import check_scheme
from monitor.logs import fields
from monitor.analysis import Prepared, analyse, parse_pool_for, prepare
from monitor.dedupe import rehash
from monitor.models import (AnalysedItem, Config, FetchRecord, Item, ItemStatus, Outcome, RawDocument, Source, SourceState, StoredItem)
from monitor.stories import Signature
from monitor.rules import CompiledRules, compile_rules, match
from monitor.sources.folder import new_files
from storage import alerts as alert_rows
from storage import fetches, items
from storage import sources as source_rows
from storage import stories as story_rows
from storage.db import write_transaction

log = logging.getLogger(__name__)

MANUAL_SOURCE = "manual"


class Interrupted(MonitorError):
    """The process is stopping: a parsed document was not stored, so it must be fetched again."""

    stage = "pipeline"
    outcome = "skipped"

    def __init__(self, location: str) -> None:
        super().__init__(f"{location}: stopped before its items were stored; they will be next time")


@dataclass
class Context:
    """What every pipeline run shares: config, compiled rules, the fetcher, the clock, a stop flag."""

    config: Config
    compiled: CompiledRules
    fetcher: Fetcher
    clock: Callable[[], datetime] = utc_now
    stop: threading.Event = field(default_factory=threading.Event)
    parse_pool: Executor | None = None  # a process pool for the CPU-bound parse step, if any
    write_lock: threading.Lock = field(default_factory=threading.Lock)  # one writer at a time

    @classmethod
    def build(cls, config: Config, clock: Callable[[], datetime] = utc_now,
              parse_pool: Executor | None | str = None) -> Context:
        """A context for a config; parse_pool="auto" makes one as settings.parse_processes says."""
        if parse_pool == "auto":
            parse_pool = parse_pool_for(config)
        return cls(config=config,
                   compiled=compile_rules(config.rules, config.settings.snippet_chars),
                   fetcher=Fetcher(config.settings, clock=clock), clock=clock, parse_pool=parse_pool)

    def close(self) -> None:
        self.fetcher.close()
        if self.parse_pool is not None:
            self.parse_pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Tally:
    seen: int = 0
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    alerts: int = 0
    warnings: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    def add(self, stored: StoredItem, alerts: int) -> None:
        self.seen += 1
        self.alerts += alerts
        if stored.status is ItemStatus.NEW:
            self.new += 1
        elif stored.status is ItemStatus.UPDATED:
            self.updated += 1
        else:
            self.duplicate += 1


def ingest_source(db: Database, source: Source, ctx: Context, *, scheduled: bool = False,
                  flush_log: bool = True) -> FetchRecord | None:
    """Fetch, parse, normalize, store, match and record one source; never raises for bad input.

    A scheduled run (the daemon's) does nothing and returns None while the source is not due
    (back-off, Retry-After, a gone source's daily re-check); a manual run always fetches.
    `flush_log=False` leaves the alert log to the caller (the daemon's flush job, the end of a run).
    """
    started_at = ctx.clock()
    source_rows.ensure(db, source, started_at, in_config=source.name != MANUAL_SOURCE)
    state = source_rows.state(db, source.name)
    if scheduled and not backoff.is_due(state, started_at, source.interval):
        log.debug("not due %s", fields(source=source.name, next=state.next_fetch_at))
        return None
    began = time.monotonic()
    tally = _Tally()
    outcome, status, error, retry_after, doc = Outcome.OK, None, None, None, None
    location = state.effective_url or source.location
    try:
        if source.kind == "folder":
            _ingest_folder(db, source, ctx, tally)
        else:
            doc = ctx.fetcher.fetch(location, source=source.name, kind=source.kind,
                                    validators=state.validators, allow_private=source.allow_private,
                                    max_bytes=source.max_bytes)
            status = doc.status
            if doc.permanent_url:
                log.info("moved permanently %s", fields(source=source.name, old=location, new=doc.permanent_url))
            if doc.not_modified:
                outcome = Outcome.NOT_MODIFIED
            elif state.body_hash and doc.body_hash == state.body_hash and state.last_outcome != Outcome.ERROR.value:
                outcome = Outcome.UNCHANGED
            else:
                _ingest_document(db, doc, source, ctx, tally)
    except MonitorError as exc:
        outcome = Outcome(getattr(exc, "outcome", "error"))
        status = getattr(exc, "http_status", None) or status
        retry_after = getattr(exc, "retry_after", None)
        error = str(exc)
    except Exception as exc:  # a bug, not bad input: keep the traceback, keep the daemon alive
        log.exception("unexpected failure source=%s", source.name)
        outcome, error = Outcome.ERROR, one_line(f"internal error: {type(exc).__name__}: {exc}")
    record = FetchRecord(
        source=source.name, location=location, started_at=started_at,
        duration_ms=int((time.monotonic() - began) * 1000), outcome=outcome, http_status=status,
        items_seen=tally.seen, items_new=tally.new, items_updated=tally.updated,
        items_duplicate=tally.duplicate, alerts=tally.alerts, error=error,
        warning=one_line("; ".join(tally.warnings), 1000) or None, refusals=tuple(tally.refusals),
    )
    new_state = backoff.after_fetch(state, source, outcome, ctx.clock(), max_backoff=ctx.config.settings.max_backoff,
                                    doc=doc, error=error, retry_after=retry_after)
    _finish(db, record, new_state, ctx, flush_log)
    return record


def ingest_target(db: Database, target: str, ctx: Context, kind: str | None = None) -> FetchRecord:
    """Ingest one file or URL now, filed under the `manual` source."""
    location = target if "://" in target else str(Path(target).resolve())
    kind = kind or kinds.guess_kind(target)
    source = Source(name=MANUAL_SOURCE, kind=kind, location=location, interval=3600, enabled=False,
                    allow_private=True)
    source_rows.forget_validators(db, MANUAL_SOURCE)  # each target is new to `manual`
    record = ingest_source(db, source, ctx)
    assert record is not None
    return record


def _ingest_folder(db: Database, source: Source, ctx: Context, tally: _Tally) -> None:
    folder = Path(source.location)
    if not folder.is_dir():
        raise FetchError(source.location, "folder does not exist")
    for dropped in new_files(folder, source_rows.folder_files(db, source.name)):
        if ctx.stop.is_set():
            break
        outcome = "ok"
        try:
            doc = ctx.fetcher.fetch(str(dropped.path), source=source.name, kind=dropped.kind,
                                    max_bytes=source.max_bytes)
            _ingest_document(db, doc, source, ctx, tally)
        except Interrupted:
            raise
        except MonitorError as exc:
            outcome = "error"
            tally.warnings.append(str(exc))
            log.warning("dropped file failed %s", fields(source=source.name, file=dropped.path.name, error=exc))
        source_rows.record_folder_file(db, source.name, str(dropped.path), dropped.size, dropped.mtime_ns,
                                       outcome, ctx.clock())


def _prepare(doc: RawDocument, ctx: Context) -> Prepared:
    settings = ctx.config.settings
    if ctx.parse_pool is None:
        return prepare(doc, settings.suspect_age, compiled=ctx.compiled)
    return ctx.parse_pool.submit(prepare, doc, settings.suspect_age, ctx.config.rules,
                                 settings.snippet_chars).result()


def _ingest_document(db: Database, doc: RawDocument, source: Source, ctx: Context, tally: _Tally) -> None:
    prepared = _prepare(doc, ctx)
    tally.warnings.extend(prepared.warnings)
    guids: dict[str, str] = {}
    ready: list[AnalysedItem] = []
    for analysed in prepared.items:
        item = analysed.item
        if item.guid and guids.setdefault(item.guid, item.content_hash) != item.content_hash:
            # A feed that gives two different entries one GUID: the GUID identifies neither, or
            # each fetch would "update" one into the other and back.
            analysed = replace(analysed, item=replace(item, guid=None))
        if source.full_text and doc.kind == "feed" and items.find(db, analysed.item) is None:
            if analysed.item.url:
                with_text = _with_full_text(db, analysed.item, source, ctx, tally)
                if with_text is not analysed.item:
                    analysed = analyse(with_text, ctx.compiled)
            elif analysed.item.location and _SCHEME.match(analysed.item.location):
                _refuse(db, source, analysed.item.location, ctx, tally)
        ready.append(analysed)
    if ctx.stop.is_set():
        raise Interrupted(doc.location)
    for stored, alerts in store_items(db, ready, ctx):
        tally.add(stored, alerts)


def _with_full_text(db: Database, item: Item, source: Source, ctx: Context, tally: _Tally) -> Item:
    """The item with its page's main text as body; on any failure the feed's text stays."""
    assert item.url is not None
    try:
        page = ctx.fetcher.fetch(item.url, source=source.name, kind="page",
                                 allow_private=source.allow_private, max_bytes=source.max_bytes)
        article = extract(decode(page.body, page.charset), page.final_url)
    except RefusedURL as exc:
        _record_refusal(db, source, item.url, exc, ctx, tally)
        return item
    except MonitorError as exc:
        tally.warnings.append(f"full text: {exc}")
        return item
    if len(article.text) <= len(item.body):
        return item
    return rehash(replace(item, body=article.text, author=item.author or article.author))


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _refuse(db: Database, source: Source, link: str, ctx: Context, tally: _Tally) -> None:
    """Record why a feed item's link (one with no usable http(s) URL) is not followed."""
    try:
        check_scheme(link)
    except RefusedURL as exc:
        _record_refusal(db, source, link, exc, ctx, tally)


def _record_refusal(db: Database, source: Source, link: str, exc: RefusedURL, ctx: Context, tally: _Tally) -> None:
    tally.refusals.append(link)
    tally.warnings.append(str(exc))
    source_rows.record_refusal(db, source.name, link[:2000], exc.detail, ctx.clock())
    log.warning("link refused %s", fields(source=source.name, url=link[:200], error=exc.detail))


def store_items(db: Database, batch: list[AnalysedItem], ctx: Context) -> list[tuple[StoredItem, int]]:
    """Save a document's items, place them in stories and raise their alerts, in one transaction.

    Alerts are per (rule, story): a copy of a story that already alerted for a rule adds a copy to
    that alert, not a new one. An updated item raises only the rules it did not match before.
    Matching and signatures were computed before (in the parse workers): only SQL runs here,
    under the write lock.
    """
    settings = ctx.config.settings
    results: list[tuple[StoredItem, int]] = []
    if not batch:
        return results
    with write_transaction(db, ctx.write_lock):
        now = ctx.clock()
        for analysed in batch:
            stored, _previous = items.save(db, analysed.item, now)
            if stored.status is ItemStatus.DUPLICATE:
                results.append((stored, 0))
                continue
            if stored.status is ItemStatus.NEW:
                sig = Signature.from_bytes(analysed.signature, analysed.shingles) if analysed.signature else None
                story_id = story_rows.place(db, stored.id, stored.item, now, settings.story_window,
                                            settings.story_threshold, sig=sig,
                                            containment=settings.story_containment).story_id
            else:
                story_id = story_rows.story_of(db, stored.id) or stored.id
            stored = replace(stored, story_id=story_id)
            # A new item is stored as it came; an updated one is the merged version: match that.
            matched = analysed.matches if stored.item is analysed.item else \
                match(ctx.compiled, replace(stored.item, source=analysed.item.source))
            updated = stored.status is ItemStatus.UPDATED
            added = sum(1 for m in matched
                        if alert_rows.add(db, stored.id, story_id, m, now, from_update=updated) is not None)
            results.append((stored, added))
    return results


def store_item(db: Database, item: Item, ctx: Context) -> tuple[StoredItem, int]:
    """Analyse and store one item (see store_items)."""
    return store_items(db, [analyse(item, ctx.compiled)], ctx)[0]


def _finish(db: Database, record: FetchRecord, state: SourceState, ctx: Context, flush_log: bool = True) -> None:
    """Record the fetch and the source's new state, write pending alerts, say it in one line."""
    try:
        with write_transaction(db, ctx.write_lock):
            fetches.record(db, record)
            source_rows.save_state(db, state, record.started_at)
        if flush_log:
            flush_alert_log(db, ctx)
    except Exception as exc:
        log.error("recording the fetch failed %s", fields(source=record.source, error=one_line(exc)))
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


def flush_alert_log(db: Database, ctx: Context, settle: float | None = None) -> int:
    """Append alerts not yet logged to the alert log; returns how many lines were written.

    Only alerts older than `settle` seconds (settings.alert_delay by default) are written, so that
    copies of a story arriving from other sources in the meantime are counted in its one line.
    """
    path = ctx.config.settings.alert_log
    delay = ctx.config.settings.alert_delay if settle is None else settle
    with alert_log.log_lock(path):
        pending = alert_rows.unlogged(db, ctx.clock() - timedelta(seconds=delay) if delay > 0 else None)
        if not pending:
            return 0
        alert_log.append_log(path, pending)
        alert_rows.mark_logged(db, [a.id for a in pending], ctx.clock(), ctx.write_lock)
    return len(pending)
