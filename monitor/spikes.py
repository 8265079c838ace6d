"""Spike alerts: is this hour's number of stories for a rule improbably high against the rule's own past?

Pure decisions, values in and values out (no store, no clock): the caller counts distinct matching
stories per UTC hour (`hourly_counts`), names the hour to judge, and stores whatever `check` or the
backtest `find_spikes` reports.
The model is Poisson: each hour's count is compared with an expected count λ learned from the same hour
of day on the previous days (news has a daily rhythm), shrunk toward the rule's all-day mean.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

BASELINE_DAYS = 14
# How many days' worth of weight the all-hours mean gets against the same-hour history. Two days: enough
# that one or two quiet days at 03:00 cannot drive λ toward 0, small enough that after two weeks the
# same-hour history dominates (14 of 16 parts), so a busy morning is judged against mornings.
PRIOR_DAYS = 2.0
# λ never drops below this (stories per hour): a rule that has never matched still has a finite,
# small expectation, so that a burst is improbable rather than impossible (p-value 0 for any count).
MIN_BASELINE = 0.1

_HOUR = timedelta(hours=1)
_DAY_HOURS = 24


@dataclass(frozen=True, slots=True)
class SpikeCheck:
    """The verdict on one hour of one rule; `find_spikes` returns the fired ones."""

    hour: datetime  # start of the hour judged (UTC)
    count: int
    baseline: float  # expected count (Poisson mean λ) for that hour; 0.0 when not judged
    p_value: float  # P(X >= count | λ); 1.0 when not judged
    fired: bool
    judged: bool  # False when history is too short to judge (then fired is False)


def hour_of(moment: datetime) -> datetime:
    """The start of the UTC hour that contains `moment` (which must be timezone-aware)."""
    if moment.tzinfo is None:
        raise ValueError(f"spikes: naive datetime {moment.isoformat()}; times must be aware UTC")
    return moment.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)


def hourly_counts(moments: Iterable[datetime]) -> dict[datetime, int]:
    """Bucket moments (one per story) into UTC hours; hours without a story are absent."""
    return dict(Counter(hour_of(moment) for moment in moments))


def poisson_tail(count: int, mean: float) -> float:
    """P(X >= count) for X ~ Poisson(mean), summed exactly in log space (no normal approximation).

    Terms are summed starting from the largest one, always walking away from the mode, so every step
    multiplies by a ratio below 1 and the sum converges without overflow (count up to ~10_000, mean up
    to ~1000). Above the mean the upper tail is summed directly, so tiny p-values keep their precision;
    at or below it, 1 − P(X <= count − 1) is at least ~0.4 and subtracting loses nothing that matters.
    """
    if not (mean >= 0 and math.isfinite(mean)):  # also rejects NaN
        raise ValueError(f"spikes: Poisson mean must be >= 0, got {mean}")
    if count <= 0:
        return 1.0
    if mean == 0:
        return 0.0
    log_mean = math.log(mean)
    if count > mean:
        log_first = -mean + count * log_mean - math.lgamma(count + 1)
        total = term = 1.0
        j = count
        while True:  # term(j+1)/term(j) = mean/(j+1) < 1
            j += 1
            term *= mean / j
            total += term
            if term <= total * 1e-17:
                break
        return min(1.0, math.exp(log_first + math.log(total)))
    top = count - 1  # P(X <= top), summed downward from top, where term(j-1)/term(j) = j/mean <= 1
    log_first = -mean + top * log_mean - math.lgamma(top + 1)
    total = term = 1.0
    for j in range(top, 0, -1):
        term *= j / mean
        total += term
        if term <= total * 1e-17:
            break
    return max(0.0, 1.0 - math.exp(log_first + math.log(total)))


def threshold(sensitivity: float) -> float:
    """The p-value under which an hour is a spike: the one-sided normal tail beyond `sensitivity` σ (3 → 0.00135)."""
    return 0.5 * math.erfc(sensitivity / math.sqrt(2.0))


class _Series:
    """A rule's hourly counts as a dense array, with prefix sums, over just the hours a judgement needs.

    Built once, it answers every hour's baseline in O(1), so a 60-day backtest stays a few milliseconds;
    `baseline`, `check` and `find_spikes` all go through it, so they can never disagree. The array starts
    `days` before the first hour judged (or where watching began, if later), so a rule watched for years
    costs no more to check than one watched for a month.
    """

    __slots__ = ("_same", "_total", "counts", "origin", "watched")

    def __init__(self, hourly: Mapping[datetime, int], watch_start: datetime, first: datetime, last: datetime,
                 days: int) -> None:
        self.origin = max(watch_start, first - days * _DAY_HOURS * _HOUR)
        self.watched = int((self.origin - watch_start) // _HOUR)  # hours watched before the array starts
        size = max(0, self.index(last) + 1)
        self.counts = [0] * size
        for moment, value in hourly.items():
            i = self.index(hour_of(moment))
            if 0 <= i < size:  # before watching began is not history; after `last` is not needed
                self.counts[i] += value
        self._total = [0] * (size + 1)  # _total[i] = sum of counts[:i]
        self._same = [0] * size  # _same[i] = counts[i] + counts[i-24] + counts[i-48] + ...
        for i, value in enumerate(self.counts):
            self._total[i + 1] = self._total[i] + value
            self._same[i] = value + (self._same[i - _DAY_HOURS] if i >= _DAY_HOURS else 0)

    def index(self, hour: datetime) -> int:
        return int((hour - self.origin) // _HOUR)

    def count(self, i: int) -> int:
        return self.counts[i] if 0 <= i < len(self.counts) else 0

    def baseline(self, i: int, days: int) -> float | None:
        """λ for hour index i from the hours before it (see `baseline` for the formula)."""
        if self.watched + i < _DAY_HOURS:  # less than a full day watched before this hour
            return None
        lo = max(0, i - _DAY_HOURS * days)
        all_hours = i - lo
        mean_all = (self._total[i] - self._total[lo]) / all_hours
        same_days = all_hours // _DAY_HOURS  # previous days whose same hour lies inside the window
        below = i - _DAY_HOURS * (same_days + 1)
        same_sum = self._same[i - _DAY_HOURS] - (self._same[below] if below >= 0 else 0)
        return max(MIN_BASELINE, (same_sum + PRIOR_DAYS * mean_all) / (same_days + PRIOR_DAYS))


def _watch_start(hourly: Mapping[datetime, int], history_start: datetime | None) -> datetime | None:
    if history_start is not None:
        return hour_of(history_start)
    return hour_of(min(hourly)) if hourly else None


def baseline(hourly: Mapping[datetime, int], hour: datetime, days: int = BASELINE_DAYS,
             history_start: datetime | None = None) -> float | None:
    """The expected number of stories (Poisson λ) for `hour`, or None with less than 24 h of history.

    Formula: over the window of the `days` days (24·days hours) before `hour`, limited to hours at or
    after the start of watching, let S be the sum of the counts at the same UTC hour of day on the n
    previous days inside the window, and m the mean count over all N hours of the window; then
    λ = max(0.1, (S + 2·m) / (n + 2)). That is the same-hour average with two extra days' worth of weight
    on the all-day mean: a rule judged against its own rhythm (busy mornings are not spikes), but a few
    silent nights do not make λ zero; the 0.1 floor keeps λ > 0 for a rule that has never matched.

    Hours missing from `hourly` count 0, but only from `history_start` (when the rule began being watched;
    default: the earliest key) on; hours before it are unknown, not quiet, and keys before it are ignored.
    """
    if days < 1:
        raise ValueError(f"spikes: days must be at least 1, got {days}")
    origin = _watch_start(hourly, history_start)
    hour = hour_of(hour)
    if origin is None:
        return None
    series = _Series(hourly, origin, hour, hour, days)
    return series.baseline(series.index(hour), days)


def check(hourly: Mapping[datetime, int], hour: datetime, *, sensitivity: float = 4.0, min_count: int = 5,
          days: int = BASELINE_DAYS, history_start: datetime | None = None) -> SpikeCheck:
    """Judge one hour: fired when judged, count >= min_count and p-value < threshold(sensitivity).

    `min_count` is there because for a rule that usually has nothing, even 2 or 3 stories are
    "improbable" — statistically true, editorially not worth a message.
    """
    if days < 1:
        raise ValueError(f"spikes: days must be at least 1, got {days}")
    hour = hour_of(hour)
    origin = _watch_start(hourly, history_start) or hour
    series = _Series(hourly, origin, hour, hour, days)
    i = series.index(hour)
    # An hour before watching began is outside the series; its count is still worth reporting.
    count = series.count(i) if i >= 0 else sum(v for moment, v in hourly.items() if hour_of(moment) == hour)
    lam = series.baseline(i, days)
    if lam is None:
        return SpikeCheck(hour=hour, count=count, baseline=0.0, p_value=1.0, fired=False, judged=False)
    p_value = poisson_tail(count, lam)
    fired = count >= min_count and p_value < threshold(sensitivity)
    return SpikeCheck(hour=hour, count=count, baseline=lam, p_value=p_value, fired=fired, judged=True)


def find_spikes(hourly: Mapping[datetime, int], *, sensitivity: float = 4.0, min_count: int = 5,
                cooldown: timedelta = timedelta(hours=6), days: int = BASELINE_DAYS, start: datetime | None = None,
                end: datetime | None = None, history_start: datetime | None = None) -> list[SpikeCheck]:
    """Backtest: the fired checks for every hour from `start` to `end` inclusive (default: first to last key).

    After a spike, no other spike is reported for `cooldown` from that spike's hour (hours suppressed by
    the cooldown do not extend it): one story breaking over an afternoon is one alert, not six.
    """
    if days < 1:
        raise ValueError(f"spikes: days must be at least 1, got {days}")
    if start is None or end is None:
        if not hourly:
            return []
        hours = [hour_of(moment) for moment in hourly]
        start = start if start is not None else min(hours)
        end = end if end is not None else max(hours)
    first, last = hour_of(start), hour_of(end)
    origin = _watch_start(hourly, history_start) or first
    series = _Series(hourly, origin, first, last, days)
    limit = threshold(sensitivity)
    found: list[SpikeCheck] = []
    quiet_until: datetime | None = None
    hour = first
    while hour <= last:
        i = series.index(hour)
        count = series.count(i) if i >= 0 else 0
        # Cheap tests first: most hours are below min_count or still cooling down, and need no tail sum.
        if count >= min_count and (quiet_until is None or hour >= quiet_until):
            lam = series.baseline(i, days)
            if lam is not None:
                p_value = poisson_tail(count, lam)
                if p_value < limit:
                    found.append(SpikeCheck(hour=hour, count=count, baseline=lam, p_value=p_value, fired=True,
                                            judged=True))
                    quiet_until = hour + cooldown
        hour += _HOUR
    return found
