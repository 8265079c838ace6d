"""When a source is fetched next, after each kind of outcome. Pure: state in, state out.

- success (ok, not modified, unchanged): failures reset, next run one interval later;
- 429/503 with Retry-After: wait as asked (capped at a day), not counted as a failure;
- 410 Gone: marked gone, re-checked once a day, never silently given up on;
- any other failure: exponential back-off from the interval, with ±20% jitter, capped at
  settings.max_backoff; the first success brings the normal interval back.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from monitor.models import Outcome, ResponseInfo, Source, SourceState

GONE_RECHECK = timedelta(days=1)
JITTER = 0.2

SUCCESSES = (Outcome.OK, Outcome.NOT_MODIFIED, Outcome.UNCHANGED)


def backoff_delay(interval: float, failures: int, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait after `failures` consecutive failures (1 → about one interval)."""
    # The exponent stops growing long before the cap matters; a months-long outage must not overflow.
    base = min(cap, interval * (2 ** min(max(0, failures - 1), 40)))
    jitter = 1 + JITTER * (2 * (rng or random).random() - 1)
    return min(cap, base * jitter)


def after_fetch(state: SourceState, source: Source, outcome: Outcome, now: datetime, *,
                max_backoff: float, response: ResponseInfo | None = None, error: str | None = None,
                retry_after: float | None = None, rng: random.Random | None = None,
                started: datetime | None = None) -> SourceState:
    """The state a source is in after an attempt with this outcome (`started`: when the run began).

    A success is due again one interval after its run began, not after it ended: the scheduler's
    ticks are one interval apart, and a run that ended more than due_slack after its tick pushed its
    next fetch past the next tick, which then found it not due and skipped it (bench_gdelt: half the
    ticks at 1,000 feeds every 9 s)."""
    interval = timedelta(seconds=source.interval)
    if outcome in SUCCESSES:
        new = replace(state, consecutive_failures=0, last_outcome=outcome.value, last_error=None,
                      last_success_at=now, next_fetch_at=(started or now) + interval, gone_at=None)
        if response is not None:
            new = replace(new, etag=response.etag or (state.etag if response.not_modified else None),
                          last_modified=response.last_modified or (
                              state.last_modified if response.not_modified else None))
            if response.body_hash and not response.not_modified:
                new = replace(new, body_hash=response.body_hash)
            if response.permanent_url:
                new = replace(new, effective_url=response.permanent_url)
        return new
    if outcome is Outcome.RATE_LIMITED:
        wait = timedelta(seconds=retry_after) if retry_after else interval
        return replace(state, last_outcome=outcome.value, last_error=error,
                       next_fetch_at=now + max(wait, timedelta(seconds=1)))
    if outcome is Outcome.SKIPPED:  # interrupted by a stop: due again at once, validators untouched
        return replace(state, next_fetch_at=now)
    if outcome is Outcome.GONE:
        return replace(state, last_outcome=outcome.value, last_error=error,
                       gone_at=state.gone_at or now, next_fetch_at=now + GONE_RECHECK)
    failures = state.consecutive_failures + 1
    delay = backoff_delay(source.interval, failures, max(max_backoff, source.interval), rng)
    return replace(state, consecutive_failures=failures, last_outcome=outcome.value, last_error=error,
                   next_fetch_at=now + timedelta(seconds=delay))


def is_due(state: SourceState, now: datetime, interval: float) -> bool:
    """Whether a scheduled run should fetch now (a little early is fine: ticks drift)."""
    return is_due_at(state.next_fetch_at, now, interval)


def is_due_at(next_fetch_at: datetime | None, now: datetime, interval: float) -> bool:
    """is_due for a stored next fetch time alone (store.next_fetch_times(): `monitor scheduler`)."""
    if next_fetch_at is None:
        return True
    return next_fetch_at <= now + due_slack(interval)


def due_slack(interval: float) -> timedelta:
    """How early a run may start: 10 % of the interval, a minute at most."""
    return timedelta(seconds=min(60.0, interval * 0.1))
