"""Spike and silence alerts: look at the store's history, ask the pure judges, store what they find.

Spikes: for each rule, the current hour (so far) and the one before are judged against the rule's
own baseline (monitor.spikes); a spike is stored with its top stories and queued for the targets
that take the rule. Silences: each enabled source's arrivals and failures are judged
(monitor.silence); a new silence is stored and queued for `settings.silence_target`, and cleared
(with a message) once the source delivers again.
"""

from __future__ import annotations

import logging
import threading
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor import silence, spikes
from monitor.collect import Context
from monitor.logs import fields
from monitor.models import Rule, SilenceAlert, SpikeAlert
from monitor.notify import silence_messages, spike_messages
from monitor.outbox import OUTBOX_CHANGED
from storage.store import Store

log = logging.getLogger(__name__)

SILENCE_HISTORY = timedelta(days=30)  # the arrivals a source's cadence is learned from
# How long a source's rhythm, learned from its arrivals, is kept while it delivers nothing new:
# between half and one and a half times this, spread by source name so that the sources learned
# together at a daemon's start are not all learned again at the same check.
RHYTHM_KEPT = timedelta(hours=1)
# Only a rhythm learned from this many arrivals or more is kept: fewer cost less to read again
# (a tenth of a millisecond) than to keep (~350 bytes a source).
RHYTHM_KEPT_FROM = 100


def rule_hours(store: Store, rule: str, now: datetime, days: int = spikes.BASELINE_DAYS) -> dict[datetime, int]:
    """Stories the rule matched per hour, over the baseline's days and the current hour."""
    since = spikes.hour_of(now) - timedelta(days=days + 1)
    return store.rule_hourly(rule, since)


def check_spikes(store: Store, ctx: Context, now: datetime | None = None) -> list[SpikeAlert]:
    """Judge each rule's current and previous hour; store and queue the spikes found."""
    now = now or ctx.clock()
    started = store.watched_since()
    found: list[SpikeAlert] = []
    for rule in ctx.config.rules:
        if rule.spike_sensitivity <= 0:
            continue
        spike = _rule_spike(store, ctx, rule, now, started)
        if spike is not None:
            found.append(spike)
    if found:
        OUTBOX_CHANGED.set()
    return found


def _rule_spike(store: Store, ctx: Context, rule: Rule, now: datetime, started: datetime | None) -> SpikeAlert | None:
    last = store.last_spike(rule.name)
    current = spikes.hour_of(now)
    hours = rule_hours(store, rule.name, now)
    for hour in (current - timedelta(hours=1), current):
        if last is not None and hour - last < timedelta(seconds=rule.spike_cooldown):
            continue
        judged = spikes.check(hours, hour, sensitivity=rule.spike_sensitivity, min_count=rule.spike_min_count,
                              history_start=started)
        if not judged.fired:
            continue
        spike = SpikeAlert(rule=rule.name, hour=hour, count=judged.count, baseline=judged.baseline,
                           p_value=judged.p_value,
                           stories=store.spike_stories(rule.name, hour, hour + timedelta(hours=1)))
        if store.add_spike(spike, spike_messages(ctx.config.targets, spike, now), now) is None:
            continue  # that hour is stored already: the current one may still be news
        log.warning("spike %s", fields(rule=rule.name, hour=hour.isoformat(), count=judged.count,
                                       baseline=round(judged.baseline, 2), p=f"{judged.p_value:.1e}"))
        return spike
    return None


def check_silences(store: Store, ctx: Context, now: datetime | None = None) -> tuple[list[str], list[str]]:
    """Judge every enabled source; returns (sources newly silent, sources that came back)."""
    now = now or ctx.clock()
    settings = ctx.config.settings
    target = next((t for t in ctx.config.targets if t.name == settings.silence_target), None)
    open_ = store.open_silences()
    raised: list[str] = []
    cleared: list[str] = []
    rhythms = _RHYTHMS.of(str(settings.database))
    for source in ctx.config.sources:
        if not source.enabled:
            continue
        pace = rhythms.of(store, source.name, now)
        failing = store.failing_since(source.name)
        verdict = silence.judge_rhythm(pace, now, factor=settings.silence_factor,
                                       minimum=timedelta(seconds=settings.silence_minimum), failing_since=failing,
                                       failing_after=timedelta(seconds=settings.silence_failing_after))
        known = open_.get(source.name)
        if verdict is None and known is not None and known.id is not None:
            # Cleared on evidence only: judge() also says None when too little history is left to
            # judge (a source dead for a month), and that is not a source that came back.
            back = failing is None if known.reason == "failing" else pace.last is not None and pace.last > known.since
            if back and store.clear_silence(known.id, silence_messages(target, known, now, cleared=True), now):
                cleared.append(source.name)
                log.info("source back %s", fields(source=source.name, reason=known.reason))
        elif verdict is not None and known is None:
            alert = SilenceAlert(source=source.name, reason=verdict.reason, since=verdict.since,
                                 detail=verdict.detail, raised_at=now)
            if store.raise_silence(alert, silence_messages(target, alert, now), now) is not None:
                raised.append(source.name)
                log.warning("source silent %s", fields(source=source.name, reason=verdict.reason, detail=verdict.detail))
    if raised or cleared:
        OUTBOX_CHANGED.set()
    return raised, cleared


@dataclass(frozen=True, slots=True)
class _Learned:
    pace: silence.Rhythm  # its `last` is the source's newest arrival then: kept ones have 100 in the month
    at: datetime
    until: datetime


class _SourceRhythms:
    """Each source's rhythm (its last arrival and cadence), learned from its month of arrivals and
    kept between checks while its newest arrival stays the same, for about RHYTHM_KEPT (when
    learned from RHYTHM_KEPT_FROM arrivals or more).

    Learning a rhythm reads and sorts up to ARRIVALS_LIMIT arrival times (about 2 ms for a thousand);
    a daemon with ten thousand sources checks every one every five minutes, most of them with
    nothing new since the last check: one index probe for the newest arrival tells. What a kept
    rhythm misses is the month's window sliding meanwhile (arrivals older than 30 days leaving it):
    an hour of a month."""

    def __init__(self) -> None:
        self._learned: dict[str, _Learned] = {}
        self._lock = threading.Lock()

    def of(self, store: Store, source: str, now: datetime) -> silence.Rhythm:
        with self._lock:
            learned = self._learned.get(source)
        # Probed only when there is a rhythm to keep: a first check, or a source with little
        # history, reads its arrivals anyway.
        if learned is not None and learned.at <= now < learned.until \
                and store.latest_arrival(source) == learned.pace.last:
            return learned.pace
        times = store.source_item_times(source, now - SILENCE_HISTORY)
        pace = silence.rhythm(times)
        spread = zlib.crc32(source.encode()) / 2**32  # 0 to 1, the same for a source every time
        with self._lock:
            if len(times) >= RHYTHM_KEPT_FROM:
                self._learned[source] = _Learned(pace, now, now + RHYTHM_KEPT * (0.5 + spread))
            else:
                self._learned.pop(source, None)
        return pace


class _Rhythms:
    """The _SourceRhythms of each database this process checks (the daemon: one)."""

    def __init__(self) -> None:
        self._by_database: dict[str, _SourceRhythms] = {}
        self._lock = threading.Lock()

    def of(self, database: str) -> _SourceRhythms:
        with self._lock:
            return self._by_database.setdefault(database, _SourceRhythms())


_RHYTHMS = _Rhythms()
