"""Silence alerts: has a source gone quiet for longer than it normally does, or have its fetches kept failing?

Pure decisions, values in and values out: the caller passes the times the source's items were first seen,
its failure state and `now`; `judge` answers with a `Silence` or None (None also clears an open silence).
"Quiet" is judged against the source's own rhythm (`cadence`), never against a fixed clock, because a
wire service and a weekly column differ by three orders of magnitude.
"""

from __future__ import annotations

import statistics
from itertools import pairwise
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

MIN_GAPS = 8  # fewer gaps than this: too little history, not judged
# Items seen within this of each other came with one fetch (or one burst of publishing): one arrival.
BATCH = timedelta(seconds=60)
# Which gap length counts as the source's cadence: 9 in 10 of its gaps are shorter. See `cadence`.
CADENCE_QUANTILE = 0.9


@dataclass(frozen=True, slots=True)
class Silence:
    """Why a source is considered silent, for the silences table and the message about it."""

    reason: str  # "quiet" | "failing"
    since: datetime  # last new item (quiet) / first failure of the current run of failures (failing)
    expected: timedelta | None  # quiet: the longest gap tolerated, max(minimum, factor × cadence); failing: None
    detail: str  # one plain line for the message


def _arrival_gaps(item_times: Sequence[datetime]) -> list[timedelta]:
    """Gaps between arrivals: from the last item of one arrival to the first item of the next."""
    times = sorted(item_times)
    gaps: list[timedelta] = []
    for previous, current in pairwise(times):
        # Chained: a batch whose items trickle in a few seconds apart stays one arrival even past 60 s.
        # This is also what hides the first fetch's backlog: all of it was first seen at once.
        if current - previous >= BATCH:
            gaps.append(current - previous)
    return gaps


def cadence(item_times: Sequence[datetime]) -> timedelta | None:
    """The source's usual longest wait for a new item: the 90th percentile of the gaps between arrivals.

    `item_times` are the times items were first seen (or published). Times closer than 60 s are one
    arrival (a fetch brings several items at once, the first fetch the whole backlog), so gaps inside a
    batch do not pretend the source publishes every second. Why the 90th percentile: the median would be
    the daytime rhythm alone, and a source that slows down at night (a gap of 2 h every night among
    half-hour gaps by day, about one gap in ten) would then be flagged every night; the 90th percentile
    lands in those routine lulls, while a single past outage, one gap among dozens, cannot set the bar
    as the maximum would. None when there are fewer than MIN_GAPS gaps.
    """
    gaps = _arrival_gaps(item_times)
    if len(gaps) < MIN_GAPS:
        return None
    seconds = statistics.quantiles([gap.total_seconds() for gap in gaps], n=10, method="inclusive")[8]
    return timedelta(seconds=round(seconds))


def format_gap(delta: timedelta) -> str:
    """A duration for people, to the minute and at most two units: "9 h 12 min", "45 min", "2 d 3 h"."""
    seconds = max(0, int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min"
    return f"{seconds} s"


@dataclass(frozen=True, slots=True)
class Rhythm:
    """What judging a source needs of its arrivals: the last one and its usual longest wait."""

    last: datetime | None  # the latest item time (None: no item)
    cadence: timedelta | None  # see `cadence` (None: too little history to judge)


def rhythm(item_times: Sequence[datetime]) -> Rhythm:
    """A source's Rhythm from the times its items were first seen (or published)."""
    return Rhythm(last=max(item_times) if item_times else None, cadence=cadence(item_times))


def judge(item_times: Sequence[datetime], now: datetime, *, factor: float = 4.0,
          minimum: timedelta = timedelta(hours=1), failing_since: datetime | None = None,
          failing_after: timedelta = timedelta(hours=6)) -> Silence | None:
    """Is the source silent at `now`, given its item times? See judge_rhythm."""
    return judge_rhythm(rhythm(item_times), now, factor=factor, minimum=minimum, failing_since=failing_since,
                        failing_after=failing_after)


def judge_rhythm(pace: Rhythm, now: datetime, *, factor: float = 4.0,
                 minimum: timedelta = timedelta(hours=1), failing_since: datetime | None = None,
                 failing_after: timedelta = timedelta(hours=6)) -> Silence | None:
    """Is the source silent at `now`? "failing" takes precedence over "quiet"; None: not silent (clears one).

    failing: `failing_since` is given (every fetch has failed since then) and has lasted `failing_after`.
    quiet: the cadence is known and the source has been without a new item for longer than
    max(minimum, factor × cadence). While fetches are failing, the quiet clock stops at `failing_since`:
    we cannot see whether a source we cannot fetch is publishing, so a failure is never reported as
    "quiet" — but a source that had already gone quiet before the failures began stays quiet.
    """
    if failing_since is not None and now - failing_since >= failing_after:
        return Silence(reason="failing", since=failing_since, expected=None,
                       detail=f"every fetch has failed for {format_gap(now - failing_since)} "
                              f"(since {failing_since.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC)")
    usual, last = pace.cadence, pace.last
    if usual is None or last is None:
        return None
    tolerated = max(minimum, factor * usual)
    seen_until = now if failing_since is None else min(now, failing_since)
    if seen_until - last <= tolerated:
        return None
    return Silence(reason="quiet", since=last, expected=tolerated,
                   detail=f"no new item for {format_gap(now - last)}; it usually publishes at least every "
                          f"{format_gap(usual)} (silence after {format_gap(tolerated)})")
