"""THE ingestion path: one source (or one ad-hoc target) from bytes to stored items and alerts.

The scheduler's job, `monitor run --once` and `monitor ingest` all call `ingest_source`. Each item is
saved with its alerts in one transaction; the alert log is written after commit from the outbox
(alerts rows not yet logged). Whatever goes wrong with one source is recorded on its FetchRecord
and in the log: this function returns normally for any input.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from sqlite_utils import Database

from monitor import alerts as alert_log
from monitor import sources as kinds
from monitor.dates import utc_now
from monitor.errors import FetchError, MonitorError, ParseError, one_line
from monitor.fetch import Fetcher
from monitor.logs import fields
from monitor.models import (Config, FetchRecord, Item, ItemStatus, Outcome, RawDocument, Source,
                            StoredItem)
from monitor.normalize import normalize
from monitor.rules import CompiledRules, compile_rules, match
from monitor.sources.folder import new_files
from storage import alerts as alert_rows
from storage import fetches, items
from storage import sources as source_rows

log = logging.getLogger(__name__)

MANUAL_SOURCE = "manual"


@dataclass
class Context:
    """What every pipeline run shares: config, compiled rules, the fetcher, the clock, a stop flag."""

    config: Config
    compiled: CompiledRules
    fetcher: Fetcher
    clock: Callable[[], datetime] = utc_now
    stop: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def build(cls, config: Config, clock: Callable[[], datetime] = utc_now) -> Context:
        return cls(config=config,
                   compiled=compile_rules(config.rules, config.settings.snippet_chars),
                   fetcher=Fetcher(config.settings, clock=clock), clock=clock)

    def close(self) -> None:
        self.fetcher.close()


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


def ingest_source(db: Database, source: Source, ctx: Context) -> FetchRecord:
    """Fetch, parse, normalize, store, match and record one source; never raises for bad input."""
    started_at = ctx.clock()
    began = time.monotonic()
    tally = _Tally()
    outcome, status, error = Outcome.OK, None, None
    try:
        source_rows.ensure(db, source, started_at, in_config=source.name != MANUAL_SOURCE)
        if source.kind == "folder":
            _ingest_folder(db, source, ctx, tally)
        else:
            doc = ctx.fetcher.fetch(source.location, source=source.name, kind=source.kind,
                                    allow_private=source.allow_private, max_bytes=source.max_bytes)
            status = doc.status
            _ingest_document(db, doc, ctx, tally)
    except MonitorError as exc:
        outcome = Outcome(getattr(exc, "outcome", "error"))
        status = getattr(exc, "http_status", None) or status
        error = str(exc)
    except Exception as exc:  # a bug, not bad input: keep the traceback, keep the daemon alive
        log.exception("unexpected failure source=%s", source.name)
        outcome, error = Outcome.ERROR, one_line(f"internal error: {type(exc).__name__}: {exc}")
    record = FetchRecord(
        source=source.name, location=source.location, started_at=started_at,
        duration_ms=int((time.monotonic() - began) * 1000), outcome=outcome, http_status=status,
        items_seen=tally.seen, items_new=tally.new, items_updated=tally.updated,
        items_duplicate=tally.duplicate, alerts=tally.alerts, error=error,
        warning="; ".join(tally.warnings)[:1000] or None,
    )
    _finish(db, record, ctx)
    return record


def ingest_target(db: Database, target: str, ctx: Context, kind: str | None = None) -> FetchRecord:
    """Ingest one file or URL now, filed under the `manual` source."""
    location = target if target.startswith(("http://", "https://")) else str(Path(target).resolve())
    kind = kind or kinds.guess_kind(target)
    source = Source(name=MANUAL_SOURCE, kind=kind, location=location, interval=0, enabled=False,
                    allow_private=True)
    return ingest_source(db, source, ctx)


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
            _ingest_document(db, doc, ctx, tally)
        except MonitorError as exc:
            outcome = "error"
            tally.warnings.append(str(exc))
            log.warning("dropped file failed %s", fields(source=source.name, file=dropped.path.name, error=exc))
        source_rows.record_folder_file(db, source.name, str(dropped.path), dropped.size, dropped.mtime_ns,
                                       outcome, ctx.clock())


def _ingest_document(db: Database, doc: RawDocument, ctx: Context, tally: _Tally) -> None:
    parsed = kinds.parse(doc)
    if parsed.warning:
        tally.warnings.append(parsed.warning)
    suspect_age = timedelta(seconds=ctx.config.settings.suspect_age)
    for entry in parsed.entries:
        if ctx.stop.is_set():
            break
        try:
            item = normalize(entry, doc, suspect_age)
        except ParseError as exc:
            tally.warnings.append(str(exc))
            continue
        stored, alerts = store_item(db, item, ctx)
        tally.add(stored, alerts)


def store_item(db: Database, item: Item, ctx: Context) -> tuple[StoredItem, int]:
    """Save one item and its alerts in one transaction; returns what happened and the new alerts."""
    now = ctx.clock()
    with db.atomic():
        stored, _previous = items.save(db, item, now)
        if stored.status is ItemStatus.DUPLICATE:
            return stored, 0
        matched = match(ctx.compiled, replace(stored.item, source=item.source))
        added = sum(1 for m in matched if alert_rows.add(db, stored.id, m, now) is not None)
    return stored, added


def _finish(db: Database, record: FetchRecord, ctx: Context) -> None:
    """Record the fetch, write pending alerts to the log, and say what happened in one line."""
    try:
        fetches.record(db, record)
        flush_alert_log(db, ctx)
    except Exception as exc:
        log.error("recording the fetch failed %s", fields(source=record.source, error=one_line(exc)))
    line = fields(source=record.source, outcome=record.outcome.value, status=record.http_status,
                  new=record.items_new, updated=record.items_updated, duplicate=record.items_duplicate,
                  alerts=record.alerts, ms=record.duration_ms, error=record.error, warning=record.warning)
    if record.outcome in (Outcome.ERROR, Outcome.REFUSED, Outcome.GONE):
        log.warning("fetch %s", line)
    else:
        log.info("fetch %s", line)


def flush_alert_log(db: Database, ctx: Context) -> int:
    """Append alerts not yet logged to the alert log; returns how many lines were written."""
    path = ctx.config.settings.alert_log
    with alert_log.log_lock(path):
        pending = alert_rows.unlogged(db)
        if not pending:
            return 0
        alert_log.append_log(path, pending)
        alert_rows.mark_logged(db, [a.id for a in pending], ctx.clock())
    return len(pending)
