"""monitor.spikes: the Poisson tail, the same-hour baseline, and backtests over synthetic rule histories."""

from __future__ import annotations

import math
import random
import time
from itertools import pairwise
from datetime import datetime, timedelta, timezone

import pytest

from monitor.spikes import (
    BASELINE_DAYS, MIN_BASELINE, baseline, check, find_spikes, hour_of, hourly_counts, poisson_tail, threshold,
)

T0 = datetime(2024, 3, 1, tzinfo=timezone.utc)  # a midnight: hour h of the history is T0 + h hours
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's sampler: multiply uniforms until the product drops below e^-mean (fine for small means)."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _flat(seed: int, days: int = 30, mean: float = 2.0) -> dict[datetime, int]:
    """`days` of hourly Poisson(mean) counts from T0; hours with no story are left out, as a store would."""
    rng = random.Random(seed)
    counts = {T0 + h * HOUR: _poisson(rng, mean) for h in range(days * 24)}
    return {hour: count for hour, count in counts.items() if count}


def _rhythm(days: int = 30) -> dict[datetime, int]:
    """Busy mornings: 8 stories an hour 08:00-10:59 UTC, 1 an hour otherwise."""
    return {T0 + h * HOUR: 8 if 8 <= h % 24 <= 10 else 1 for h in range(days * 24)}


def _tail_reference(count: int, mean: float) -> float:
    """P(X >= count) by brute force: fsum of every term from count to far past the mode."""
    stop = max(count, int(mean + 40 * math.sqrt(mean) + 50))
    return math.fsum(math.exp(-mean + j * math.log(mean) - math.lgamma(j + 1)) for j in range(count, stop))


# --- poisson_tail and threshold ------------------------------------------------------------------

def test_poisson_tail_known_values_for_mean_2() -> None:
    assert poisson_tail(0, 2.0) == 1.0
    assert poisson_tail(-3, 2.0) == 1.0
    assert poisson_tail(1, 2.0) == pytest.approx(1 - math.exp(-2), rel=1e-12)
    assert poisson_tail(5, 2.0) == pytest.approx(1 - 7 * math.exp(-2), rel=1e-12)  # 0.05265
    assert poisson_tail(5, 2.0) == pytest.approx(0.05265, abs=1e-5)


def test_poisson_tail_with_mean_zero_is_certain_only_for_nothing() -> None:
    assert poisson_tail(0, 0.0) == 1.0
    assert poisson_tail(1, 0.0) == 0.0
    with pytest.raises(ValueError):
        poisson_tail(1, -1.0)


@pytest.mark.parametrize(("count", "mean"), [
    (3, 0.1), (25, 2.0), (30, 1.11), (8, 7.2), (12, 30.0), (30, 30.0), (45, 30.0),
    (950, 1000.0), (1000, 1000.0), (1001, 1000.0), (1100, 1000.0), (1200, 1000.0)])
def test_poisson_tail_matches_a_brute_force_sum(count: int, mean: float) -> None:
    assert poisson_tail(count, mean) == pytest.approx(_tail_reference(count, mean), rel=1e-9)


def test_poisson_tail_stays_sane_for_large_counts_and_means() -> None:
    assert poisson_tail(1000, 1000.0) == pytest.approx(0.5, abs=0.02)  # about half above the mean
    assert 0 < poisson_tail(1200, 1000.0) < 1e-9  # 6 σ: tiny but not rounded to zero
    assert poisson_tail(10_000, 1000.0) == 0.0  # beyond double precision: underflows, never NaN or an error
    assert poisson_tail(10_000, 2.0) == 0.0
    assert 0.4 < poisson_tail(10_000, 10_000.0) < 0.6
    assert poisson_tail(1, 1000.0) == 1.0


def test_poisson_tail_falls_with_the_count_and_rises_with_the_mean() -> None:
    by_count = [poisson_tail(k, 500.0) for k in range(0, 1200, 7)]
    assert all(a >= b for a, b in pairwise(by_count))
    by_mean = [poisson_tail(40, m / 4) for m in range(1, 400)]
    assert all(a <= b for a, b in pairwise(by_mean))
    assert all(0.0 <= p <= 1.0 for p in by_count + by_mean)


def test_threshold_is_the_one_sided_normal_tail() -> None:
    assert threshold(3.0) == pytest.approx(0.00135, abs=1e-5)
    assert threshold(0.0) == pytest.approx(0.5)
    assert threshold(2.0) == pytest.approx(0.02275, abs=1e-5)
    assert threshold(4.0) < threshold(3.0)


# --- hour buckets --------------------------------------------------------------------------------

def test_hour_of_and_hourly_counts_bucket_on_the_utc_hour() -> None:
    paris = timezone(timedelta(hours=2))
    assert hour_of(datetime(2024, 3, 1, 14, 59, 59, 999, tzinfo=timezone.utc)) == T0 + 14 * HOUR
    assert hour_of(datetime(2024, 3, 1, 16, 30, tzinfo=paris)) == T0 + 14 * HOUR
    moments = [T0 + 14 * HOUR, T0 + timedelta(hours=14, minutes=59), T0 + timedelta(hours=15, seconds=1)]
    assert hourly_counts(moments) == {T0 + 14 * HOUR: 2, T0 + 15 * HOUR: 1}
    assert hourly_counts([]) == {}
    with pytest.raises(ValueError, match="naive"):
        hour_of(datetime(2024, 3, 1, 14))


# --- baseline ------------------------------------------------------------------------------------

def test_baseline_is_the_same_hour_average_shrunk_toward_the_all_day_mean() -> None:
    rhythm = _rhythm()
    nine = T0 + 20 * DAY + 9 * HOUR
    all_day = (3 * 8 + 21 * 1) / 24
    assert baseline(rhythm, nine) == pytest.approx((BASELINE_DAYS * 8 + 2 * all_day) / (BASELINE_DAYS + 2))
    assert baseline(rhythm, nine + 6 * HOUR) == pytest.approx((BASELINE_DAYS + 2 * all_day) / (BASELINE_DAYS + 2))
    # Day 2: one previous 09:00 inside the window, so the mean still weighs 2 of 3 parts; that mean is
    # over all 33 hours watched so far (day 1, then 00:00-08:59 of day 2: eight 1s and one 8).
    assert baseline(rhythm, T0 + DAY + 9 * HOUR) == pytest.approx((8 + 2 * (45 + 8 + 8) / 33) / 3)


def test_baseline_of_a_rule_that_never_matched_is_the_floor_not_zero() -> None:
    assert baseline({}, T0 + 20 * DAY, history_start=T0) == MIN_BASELINE > 0
    # Quiet at 03:00 every night, busy by day: λ at 03:00 is small but above the floor.
    nights_quiet = {T0 + h * HOUR: 0 if h % 24 == 3 else 4 for h in range(20 * 24)}
    assert MIN_BASELINE < baseline(nights_quiet, T0 + 20 * DAY + 3 * HOUR) < 1.0  # type: ignore[operator]


def test_baseline_needs_a_full_day_of_history() -> None:
    assert baseline({T0: 3}, T0 + 23 * HOUR) is None
    assert baseline({T0: 3}, T0 + 24 * HOUR) is not None
    assert baseline({}, T0 + 30 * DAY) is None  # nothing at all and no watch start: nothing to judge by


def test_baseline_counts_missing_hours_as_zero_only_after_history_start() -> None:
    began = T0 + 10 * DAY
    watched = {began + h * HOUR: 2 for h in range(2 * 24)}
    watched[T0 + 3 * DAY] = 50  # before watching began: not part of the history at all
    noon = began + 2 * DAY + 12 * HOUR  # the last 12 hours before it are missing, so they count as 0
    expected = (2 * 2 + 2 * (48 * 2 / 60)) / (2 + 2)
    assert baseline(watched, noon, history_start=began) == pytest.approx(expected)
    # Earlier history_start: the 10 days before are now known to be quiet, and pull λ down.
    assert baseline(watched, noon, history_start=T0) < expected  # type: ignore[operator]
    # Default: the earliest key (here the stray 50) is where watching began.
    assert baseline(watched, noon) == baseline(watched, noon, history_start=T0 + 3 * DAY)


def test_baseline_of_a_rule_watched_for_years_uses_the_same_window() -> None:
    hourly = _flat(seed=2, days=30)
    noon = T0 + 25 * DAY + 12 * HOUR
    assert baseline(hourly, noon, history_start=T0 - 3 * 365 * DAY) == baseline(hourly, noon, history_start=T0)
    assert check(hourly, noon, history_start=T0 - 3 * 365 * DAY) == check(hourly, noon, history_start=T0)


def test_baseline_looks_back_only_the_given_days() -> None:
    history = {T0 + h * HOUR: (9 if h < 10 * 24 else 1) for h in range(30 * 24)}
    assert baseline(history, T0 + 29 * DAY, days=14) == pytest.approx(1.0)
    assert baseline(history, T0 + 29 * DAY, days=28) > 1.0  # type: ignore[operator]


# --- check ---------------------------------------------------------------------------------------

def test_a_rule_that_usually_has_nothing_and_gets_3_does_not_fire_with_min_count_5() -> None:
    now = T0 + 20 * DAY + 14 * HOUR
    result = check({now: 3}, now, history_start=T0)
    assert result.judged and result.count == 3
    assert result.p_value < threshold(3.0)  # statistically improbable: min_count is what holds it back
    assert not result.fired
    assert check({now: 5}, now, history_start=T0).fired
    assert check({now: 3}, now, history_start=T0, min_count=3, sensitivity=3.0).fired


def test_too_short_history_is_not_judged_and_never_fires() -> None:
    hourly = {T0 + h * HOUR: 1 for h in range(20)}
    hourly[T0 + 20 * HOUR] = 500
    result = check(hourly, T0 + 20 * HOUR)
    assert (result.judged, result.fired, result.count) == (False, False, 500)
    assert check({}, T0).judged is False
    assert find_spikes(hourly) == []


def test_check_reports_the_hour_start_count_baseline_and_p_value() -> None:
    rhythm = _rhythm()
    rhythm[T0 + 20 * DAY + 3 * HOUR] = 30
    result = check(rhythm, T0 + 20 * DAY + timedelta(hours=3, minutes=41))
    assert result.hour == T0 + 20 * DAY + 3 * HOUR
    assert result.count == 30 and result.judged and result.fired
    assert result.baseline == baseline(rhythm, result.hour)
    assert result.p_value == poisson_tail(30, result.baseline)


# --- backtests -----------------------------------------------------------------------------------

def test_a_flat_month_raises_no_spike() -> None:
    # At the default sensitivity (4) a perfectly Poisson month fires falsely about 3 times in 100
    # months; at 3 about once a month (see the next test), which is why the default is 4.
    assert find_spikes(_flat(seed=0)) == []
    assert sum(len(find_spikes(_flat(seed))) for seed in range(200, 210)) <= 1


def test_flat_months_fire_no_more_often_than_the_threshold_says() -> None:
    # 20 months of Poisson(2): the threshold promises at most 0.00135 of the judged hours on average.
    # Counts are whole numbers, so at λ = 2 the real rate is P(X >= 8) = 0.0011, about 16 in 14 400 hours.
    fired = sum(len(find_spikes(_flat(seed), sensitivity=3.0)) for seed in range(100, 120))
    assert fired <= 0.00135 * 20 * 29 * 24 * 1.6
    assert sum(len(find_spikes(_flat(seed), sensitivity=4.5)) for seed in range(100, 120)) == 0


def test_a_planted_spike_is_found_at_exactly_its_hour() -> None:
    hourly = _flat(seed=0)
    planted = T0 + 17 * DAY + 13 * HOUR
    hourly[planted] = 25
    spikes = find_spikes(hourly)
    assert [spike.hour for spike in spikes] == [planted]
    assert spikes[0].count == 25 and spikes[0].fired and spikes[0].judged
    assert 1.5 < spikes[0].baseline < 2.5


def test_busy_mornings_do_not_fire_but_30_stories_at_3_am_do() -> None:
    rhythm = _rhythm()
    assert find_spikes(rhythm) == []
    # What the same-hour baseline is for: against the all-day mean alone (1.875), 8 would be a spike.
    assert poisson_tail(8, 45 / 24) < threshold(3.0)
    three_am = T0 + 20 * DAY + 3 * HOUR
    rhythm[three_am] = 30
    assert [spike.hour for spike in find_spikes(rhythm)] == [three_am]


def test_cooldown_suppresses_a_second_spike_and_allows_one_after_it() -> None:
    hourly = {T0 + h * HOUR: 1 for h in range(5 * 24)}
    first = T0 + 3 * DAY + 10 * HOUR
    for offset in (0, 2, 5, 6):  # +2 h and +5 h are inside the 6 h cooldown; +6 h is when it has passed
        hourly[first + offset * HOUR] = 20
    assert [spike.hour for spike in find_spikes(hourly)] == [first, first + 6 * HOUR]
    # The suppressed spikes did not restart the cooldown, or +6 h would have been silenced by +2 h or +5 h.
    everything = find_spikes(hourly, cooldown=timedelta(0))
    assert [spike.hour for spike in everything] == [first + offset * HOUR for offset in (0, 2, 5, 6)]


def test_find_spikes_honours_start_end_and_history_start() -> None:
    hourly = _rhythm(days=10)
    hourly[T0 + 8 * DAY + 3 * HOUR] = 30
    assert find_spikes(hourly, end=T0 + 8 * DAY + 2 * HOUR) == []
    assert find_spikes(hourly, start=T0 + 8 * DAY + 4 * HOUR) == []
    assert len(find_spikes(hourly, start=T0 + 8 * DAY + 3 * HOUR, end=T0 + 8 * DAY + 3 * HOUR)) == 1
    # Watching began a week later than the data: the first 7 days are not history, day 8 is too early.
    assert find_spikes(hourly, history_start=T0 + 7 * DAY + 12 * HOUR) == []
    assert find_spikes({}) == []


def test_backtest_agrees_with_check_hour_by_hour() -> None:
    hourly = _flat(seed=5, days=12)
    hourly[T0 + 9 * DAY + 5 * HOUR] = 14
    fired = find_spikes(hourly, cooldown=timedelta(0))
    one_by_one = [result for h in range(12 * 24) if (result := check(hourly, T0 + h * HOUR)).fired]
    assert fired == one_by_one
    assert T0 + 9 * DAY + 5 * HOUR in [result.hour for result in fired]


def test_a_60_day_backtest_is_fast() -> None:
    hourly = _flat(seed=1, days=60)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        find_spikes(hourly)
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.05
