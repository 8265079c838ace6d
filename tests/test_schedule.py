"""monitor.schedule: parsing digest schedules and quiet hours, and their fire/end instants across DST.

The DST dates used: Europe/Kyiv springs forward 2021-03-28 03:00 EET → 04:00 EEST (so 03:00-03:59
does not exist) and falls back 2021-10-31 04:00 EEST → 03:00 EET (03:00-03:59 happens twice);
America/New_York springs forward 2021-03-14 02:00 → 03:00 and falls back 2021-11-07 02:00 → 01:00.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone

import pytest

from monitor.schedule import (
    DigestSchedule,
    QuietHours,
    next_digest_at,
    parse_quiet_hours,
    parse_schedule,
    previous_digest_at,
    quiet_until,
    zone,
)

UTC = timezone.utc
KYIV = "Europe/Kyiv"
NEW_YORK = "America/New_York"
HOUR = timedelta(hours=1)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def local(tz: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0) -> datetime:
    """A local wall-clock time in `tz`; fold=1 picks the second of a repeated time."""
    return datetime(year, month, day, hour, minute, tzinfo=zone(tz), fold=fold)


def fires(schedule: DigestSchedule, tz: str, start: datetime, end: datetime) -> list[datetime]:
    """Every fire time in (start, end], found the way a scheduler would: next after the last."""
    found: list[datetime] = []
    moment = start
    while (moment := next_digest_at(schedule, tz, moment)) <= end:
        found.append(moment)
    return found


# --- parsing ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected", "spelling"),
    [
        ("hourly", DigestSchedule("hourly", time(0, 0)), "hourly"),
        ("hourly :30", DigestSchedule("hourly", time(0, 30)), "hourly :30"),
        ("  HOURLY   :5 ", DigestSchedule("hourly", time(0, 5)), "hourly :05"),
        ("hourly :00", DigestSchedule("hourly", time(0, 0)), "hourly"),
        ("daily 08:00", DigestSchedule("daily", time(8, 0)), "daily 08:00"),
        ("daily 8:00", DigestSchedule("daily", time(8, 0)), "daily 08:00"),
        (" Daily \t 23:59  ", DigestSchedule("daily", time(23, 59)), "daily 23:59"),
        ("weekly mon 08:00", DigestSchedule("weekly", time(8, 0), 0), "weekly mon 08:00"),
        ("weekly Monday 8:00", DigestSchedule("weekly", time(8, 0), 0), "weekly mon 08:00"),
        ("WEEKLY SUN 0:00", DigestSchedule("weekly", time(0, 0), 6), "weekly sun 00:00"),
        ("weekly thursday 17:45", DigestSchedule("weekly", time(17, 45), 3), "weekly thu 17:45"),
    ],
)
def test_schedules_parse_and_print_back(text: str, expected: DigestSchedule, spelling: str) -> None:
    schedule = parse_schedule(text)
    assert schedule == expected
    assert str(schedule) == spelling
    assert parse_schedule(str(schedule)) == schedule


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("dayly 8:00", "unknown schedule 'dayly 8:00'"),
        ("", "unknown schedule ''"),
        ("8:00 daily", "unknown schedule '8:00 daily'"),
        ("daily", "missing time in schedule 'daily'"),
        ("daily 25:00", "bad time '25:00' in schedule 'daily 25:00'"),
        ("daily 8:60", "bad time '8:60'"),
        ("daily 8", "bad time '8'"),
        ("daily 0800", "bad time '0800'"),
        ("daily 08:00 UTC", "unexpected 'UTC' in schedule 'daily 08:00 UTC'"),
        ("weekly", "missing weekday in schedule 'weekly'"),
        ("weekly 08:00", "unknown weekday '08:00'"),
        ("weekly Mun 08:00", "unknown weekday 'Mun' in schedule 'weekly Mun 08:00'"),
        ("weekly mon", "missing time in schedule 'weekly mon'"),
        ("hourly 30", "bad minute '30' in schedule 'hourly 30'"),
        ("hourly :60", "bad minute ':60'"),
        ("hourly :30 daily", "unexpected 'daily'"),
        ("daily 8:00\nweekly", "unexpected 'weekly' in schedule 'daily 8:00\\nweekly'"),
    ],
)
def test_bad_schedules_name_the_fault_on_one_line(text: str, problem: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_schedule(text)
    message = str(raised.value)
    assert problem in message
    assert "expected hourly, hourly :MM, daily HH:MM or weekly DAY HH:MM" in message
    assert "\n" not in message


def test_unknown_schedule_message_in_full() -> None:
    with pytest.raises(ValueError) as raised:
        parse_schedule("dayly 8:00")
    assert str(raised.value) == (
        "unknown schedule 'dayly 8:00' (expected hourly, hourly :MM, daily HH:MM or weekly DAY HH:MM)"
    )


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda: DigestSchedule("monthly", time(8, 0)), "unknown digest frequency 'monthly'"),
        (lambda: DigestSchedule("weekly", time(8, 0)), "weekly digest needs a weekday"),
        (lambda: DigestSchedule("weekly", time(8, 0), 7), "weekly digest needs a weekday"),
        (lambda: DigestSchedule("daily", time(8, 0), 1), "daily digest takes no weekday"),
        (lambda: DigestSchedule("daily", time(8, 0, 30)), "whole minutes"),
        (lambda: DigestSchedule("daily", time(8, 0, tzinfo=UTC)), "naive local time"),
        (lambda: QuietHours(time(22, 0), time(22, 0)), "start and end are both 22:00"),
    ],
)
def test_values_built_in_code_are_checked_too(make: Callable[[], object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        make()


def test_an_hourly_schedule_keeps_only_its_minute() -> None:
    assert DigestSchedule("hourly", time(5, 30)) == parse_schedule("hourly :30")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:00-07:00", QuietHours(time(22, 0), time(7, 0))),
        ("9:00-17:30", QuietHours(time(9, 0), time(17, 30))),
        ("  22:00 - 07:00 ", QuietHours(time(22, 0), time(7, 0))),
    ],
)
def test_quiet_hours_parse(text: str, expected: QuietHours) -> None:
    quiet = parse_quiet_hours(text)
    assert quiet == expected
    assert parse_quiet_hours(str(quiet)) == quiet
    assert str(quiet) == f"{expected.start:%H:%M}-{expected.end:%H:%M}"


@pytest.mark.parametrize("text", ["22:00", "22-07", "22:00-24:00", "22:00-07:00-08:00", "", "22:00–07:00", "late"])
def test_bad_quiet_hours_name_the_text(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_quiet_hours(text)
    assert str(raised.value) == f"bad quiet hours {text!r} (expected HH:MM-HH:MM, e.g. 22:00-07:00)"


def test_quiet_hours_that_start_where_they_end_are_an_error() -> None:
    with pytest.raises(ValueError, match="quiet hours '22:00-22:00' start and end at the same time"):
        parse_quiet_hours("22:00-22:00")


def test_zone_names() -> None:
    assert zone(KYIV).key == KYIV
    assert zone("UTC").key == "UTC"


@pytest.mark.parametrize("name", ["Mars/Base", "", "utc ", "/etc/passwd", "../etc/passwd", "America", "Europe/", "a\0b"])
def test_unknown_zones_are_value_errors(name: str) -> None:
    with pytest.raises(ValueError) as raised:
        zone(name)
    assert str(raised.value) == f"unknown time zone {name!r}"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="after must be a timezone-aware datetime"):
        next_digest_at(parse_schedule("daily 08:00"), KYIV, datetime(2021, 1, 1))
    with pytest.raises(ValueError, match="at must be a timezone-aware datetime"):
        quiet_until(parse_quiet_hours("22:00-07:00"), KYIV, datetime(2021, 1, 1))


# --- next and previous fire times ------------------------------------------------------------------

def test_hourly_fires_at_the_minute_strictly_after() -> None:
    schedule = parse_schedule("hourly :30")
    assert next_digest_at(schedule, "UTC", utc(2021, 6, 1, 10, 15)) == utc(2021, 6, 1, 10, 30)
    assert next_digest_at(schedule, "UTC", utc(2021, 6, 1, 10, 30)) == utc(2021, 6, 1, 11, 30)
    assert next_digest_at(schedule, "UTC", utc(2021, 12, 31, 23, 45)) == utc(2022, 1, 1, 0, 30)
    assert previous_digest_at(schedule, "UTC", utc(2021, 6, 1, 10, 30)) == utc(2021, 6, 1, 10, 30)
    assert previous_digest_at(schedule, "UTC", utc(2021, 6, 1, 10, 29, 59)) == utc(2021, 6, 1, 9, 30)


def test_hourly_follows_the_local_hour_in_a_half_hour_zone() -> None:
    # India is UTC+05:30: the top of each local hour is half past each UTC hour.
    fire = next_digest_at(parse_schedule("hourly"), "Asia/Kolkata", utc(2021, 6, 1, 10, 0))
    assert fire == utc(2021, 6, 1, 10, 30)
    assert fire.astimezone(zone("Asia/Kolkata")).time() == time(16, 0)


def test_daily_fires_at_the_local_time() -> None:
    schedule = parse_schedule("daily 08:00")
    assert next_digest_at(schedule, KYIV, local(KYIV, 2021, 6, 1, 7, 59)) == utc(2021, 6, 1, 5, 0)
    assert next_digest_at(schedule, KYIV, local(KYIV, 2021, 6, 1, 8, 0)) == utc(2021, 6, 2, 5, 0)
    assert previous_digest_at(schedule, KYIV, local(KYIV, 2021, 6, 1, 7, 59)) == utc(2021, 5, 31, 5, 0)
    assert previous_digest_at(schedule, KYIV, utc(2021, 6, 1, 5, 0)) == utc(2021, 6, 1, 5, 0)


def test_weekly_fires_on_the_local_weekday() -> None:
    schedule = parse_schedule("weekly mon 08:00")  # 2021-06-07 and 2021-06-14 are Mondays
    assert next_digest_at(schedule, NEW_YORK, local(NEW_YORK, 2021, 6, 2, 12, 0)) == utc(2021, 6, 7, 12, 0)
    assert next_digest_at(schedule, NEW_YORK, local(NEW_YORK, 2021, 6, 7, 7, 59)) == utc(2021, 6, 7, 12, 0)
    assert next_digest_at(schedule, NEW_YORK, local(NEW_YORK, 2021, 6, 7, 8, 0)) == utc(2021, 6, 14, 12, 0)
    assert previous_digest_at(schedule, NEW_YORK, local(NEW_YORK, 2021, 6, 7, 7, 59)) == utc(2021, 5, 31, 12, 0)
    # Sunday 22:00 in New York is already Monday 02:00 UTC; the weekday is the local one.
    assert next_digest_at(parse_schedule("weekly sun 22:00"), NEW_YORK, utc(2021, 6, 7, 0, 0)) == utc(2021, 6, 7, 2, 0)


def test_weekly_across_a_dst_change_keeps_the_local_time() -> None:
    schedule = parse_schedule("weekly sun 08:00")
    assert fires(schedule, KYIV, utc(2021, 3, 15), utc(2021, 4, 5)) == [
        utc(2021, 3, 21, 6, 0), utc(2021, 3, 28, 5, 0), utc(2021, 4, 4, 5, 0)
    ]


def test_an_after_in_another_zone_means_the_same_instant() -> None:
    schedule = parse_schedule("daily 08:00")
    tokyo = datetime(2021, 6, 1, 13, 59, tzinfo=zone("Asia/Tokyo"))  # = 04:59 UTC = 07:59 in Kyiv
    fire = next_digest_at(schedule, KYIV, tokyo)
    assert fire == utc(2021, 6, 1, 5, 0)
    assert fire.tzinfo is UTC
    fixed = datetime(2021, 6, 1, 8, 0, tzinfo=timezone(timedelta(hours=3)))  # = 05:00 UTC, the fire itself
    assert next_digest_at(schedule, KYIV, fixed) == utc(2021, 6, 2, 5, 0)
    assert previous_digest_at(schedule, KYIV, fixed) == utc(2021, 6, 1, 5, 0)
    assert previous_digest_at(schedule, KYIV, fixed).tzinfo is UTC


# --- daily digests across DST: one fire per local day, 23 h and 25 h apart ------------------------

@pytest.mark.parametrize(
    ("tz", "first_day", "before", "after", "change", "gap"),
    [
        (KYIV, date(2021, 3, 25), utc(2021, 1, 1, 6, 0), utc(2021, 1, 1, 5, 0), date(2021, 3, 28), 23),
        (KYIV, date(2021, 10, 28), utc(2021, 1, 1, 5, 0), utc(2021, 1, 1, 6, 0), date(2021, 10, 31), 25),
        (NEW_YORK, date(2021, 3, 11), utc(2021, 1, 1, 13, 0), utc(2021, 1, 1, 12, 0), date(2021, 3, 14), 23),
        (NEW_YORK, date(2021, 11, 4), utc(2021, 1, 1, 12, 0), utc(2021, 1, 1, 13, 0), date(2021, 11, 7), 25),
    ],
)
def test_daily_across_dst_keeps_the_wall_clock_time(
    tz: str, first_day: date, before: datetime, after: datetime, change: date, gap: int
) -> None:
    schedule = parse_schedule("daily 08:00")
    start = local(tz, first_day.year, first_day.month, first_day.day)
    found = fires(schedule, tz, start, start + timedelta(days=7))
    days = [first_day + timedelta(days=n) for n in range(7)]
    expected = [
        datetime.combine(day, (before if day < change else after).timetz()) for day in days
    ]
    assert found == expected
    assert [fire.astimezone(zone(tz)).date() for fire in found] == days
    assert all(fire.astimezone(zone(tz)).time() == time(8, 0) for fire in found)
    gaps = [(b - a) / HOUR for a, b in zip(found, found[1:])]
    assert gaps == [24, 24, gap, 24, 24, 24]


@pytest.mark.parametrize(
    ("tz", "text", "day", "expected_fire", "wall_clock"),
    [
        # Skipped local times fire once, at the first instant after the gap (the clock's jump).
        (NEW_YORK, "daily 02:30", date(2021, 3, 14), utc(2021, 3, 14, 7, 0), time(3, 0)),
        (KYIV, "daily 03:30", date(2021, 3, 28), utc(2021, 3, 28, 1, 0), time(4, 0)),
        # Repeated local times fire once, at their first occurrence.
        (NEW_YORK, "daily 01:30", date(2021, 11, 7), utc(2021, 11, 7, 5, 30), time(1, 30)),
        (KYIV, "daily 03:30", date(2021, 10, 31), utc(2021, 10, 31, 0, 30), time(3, 30)),
        # Kyiv changes at 03:00, not 02:00: its 02:30 exists and is not special.
        (KYIV, "daily 02:30", date(2021, 3, 28), utc(2021, 3, 28, 0, 30), time(2, 30)),
    ],
)
def test_skipped_and_repeated_times_fire_exactly_once(
    tz: str, text: str, day: date, expected_fire: datetime, wall_clock: time
) -> None:
    schedule = parse_schedule(text)
    start = local(tz, day.year, day.month, day.day) - timedelta(days=3)
    found = fires(schedule, tz, start, start + timedelta(days=7))
    assert len(found) == 7
    that_day = [fire for fire in found if fire.astimezone(zone(tz)).date() == day]
    assert that_day == [expected_fire]
    assert expected_fire.astimezone(zone(tz)).time() == wall_clock
    assert len({fire.astimezone(zone(tz)).date() for fire in found}) == 7


def test_a_skipped_time_never_fires_after_a_later_time_that_day() -> None:
    # "02:30" fires at the jump (03:00 EDT), so still before "03:15" that same morning.
    start = utc(2021, 3, 14, 0, 0)
    assert next_digest_at(parse_schedule("daily 02:30"), NEW_YORK, start) < next_digest_at(
        parse_schedule("daily 03:15"), NEW_YORK, start
    )


# --- hourly digests across DST: every real hour, none skipped or doubled --------------------------

@pytest.mark.parametrize(
    ("tz", "change"),
    [(KYIV, date(2021, 3, 28)), (KYIV, date(2021, 10, 31)), (NEW_YORK, date(2021, 3, 14)), (NEW_YORK, date(2021, 11, 7))],
)
@pytest.mark.parametrize("minute", [0, 30])
def test_hourly_fires_every_real_hour_across_dst(tz: str, change: date, minute: int) -> None:
    schedule = DigestSchedule("hourly", time(0, minute))
    start = utc(change.year, change.month, change.day) - timedelta(days=1)
    tick = timedelta(microseconds=1)
    found = fires(schedule, tz, start - tick, start + timedelta(days=2) - tick)
    assert len(found) == 48
    assert found[0] == start + timedelta(minutes=minute)
    assert all(b - a == HOUR for a, b in zip(found, found[1:]))
    assert all(fire.astimezone(zone(tz)).minute == minute for fire in found)


def test_hourly_repeats_the_repeated_local_hour() -> None:
    found = fires(parse_schedule("hourly :30"), NEW_YORK, utc(2021, 11, 7, 4, 0), utc(2021, 11, 7, 8, 0))
    walls = [(fire.astimezone(zone(NEW_YORK)).strftime("%H:%M %Z")) for fire in found]
    assert walls == ["00:30 EDT", "01:30 EDT", "01:30 EST", "02:30 EST"]


# --- previous and next agree ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("tz", "change"),
    [(KYIV, date(2021, 3, 28)), (KYIV, date(2021, 10, 31)), (NEW_YORK, date(2021, 3, 14)), (NEW_YORK, date(2021, 11, 7))],
)
@pytest.mark.parametrize(
    "text", ["hourly", "hourly :30", "daily 08:00", "daily 02:30", "daily 01:30", "daily 03:30", "weekly sun 03:30"]
)
def test_previous_and_next_agree_around_dst(tz: str, change: date, text: str) -> None:
    schedule = parse_schedule(text)
    moment = utc(change.year, change.month, change.day) - timedelta(days=1)
    for _ in range(48):  # every 50 minutes for 40 hours: all offsets relative to the hour
        moment += timedelta(minutes=50)
        previous = previous_digest_at(schedule, tz, moment)
        following = next_digest_at(schedule, tz, moment)
        assert previous <= moment < following
        assert previous_digest_at(schedule, tz, following) == following
        assert next_digest_at(schedule, tz, previous) == following
        assert previous_digest_at(schedule, tz, following - timedelta(microseconds=1)) == previous


# --- quiet hours ------------------------------------------------------------------------------------

def test_quiet_hours_within_a_day() -> None:
    quiet = parse_quiet_hours("09:00-17:00")
    assert quiet_until(quiet, "UTC", utc(2021, 6, 1, 12, 0)) == utc(2021, 6, 1, 17, 0)
    assert quiet_until(quiet, "UTC", utc(2021, 6, 1, 9, 0)) == utc(2021, 6, 1, 17, 0)  # start inclusive
    assert quiet_until(quiet, "UTC", utc(2021, 6, 1, 16, 59, 59)) == utc(2021, 6, 1, 17, 0)
    assert quiet_until(quiet, "UTC", utc(2021, 6, 1, 17, 0)) is None  # end exclusive
    assert quiet_until(quiet, "UTC", utc(2021, 6, 1, 8, 59, 59)) is None
    assert quiet_until(quiet, "UTC", utc(2021, 6, 1, 23, 0)) is None


def test_quiet_hours_spanning_midnight() -> None:
    quiet = parse_quiet_hours("22:00-07:00")
    ends = utc(2021, 6, 2, 4, 0)  # 07:00 EEST
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 6, 1, 22, 0)) == ends
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 6, 1, 23, 30)) == ends
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 6, 2, 0, 0)) == ends
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 6, 2, 6, 59)) == ends
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 6, 2, 7, 0)) is None
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 6, 1, 21, 59)) is None
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 6, 1, 12, 0)) is None


def test_quiet_hours_take_any_zone_for_at() -> None:
    quiet = parse_quiet_hours("22:00-07:00")
    tokyo = datetime(2021, 6, 2, 5, 0, tzinfo=zone("Asia/Tokyo"))  # 23:00 in Kyiv the day before
    end = quiet_until(quiet, KYIV, tokyo)
    assert end == utc(2021, 6, 2, 4, 0)
    assert end is not None and end.tzinfo is UTC


def test_quiet_hours_across_dst_keep_the_wall_clock_end() -> None:
    quiet = parse_quiet_hours("22:00-07:00")
    # The night Kyiv springs forward is 8 real hours long, the night it falls back 10.
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 3, 27, 23, 0)) == utc(2021, 3, 28, 4, 0)
    assert quiet_until(quiet, KYIV, local(KYIV, 2021, 10, 30, 23, 0)) == utc(2021, 10, 31, 5, 0)
    assert quiet_until(quiet, NEW_YORK, local(NEW_YORK, 2021, 3, 13, 23, 0)) == utc(2021, 3, 14, 11, 0)
    assert quiet_until(quiet, NEW_YORK, local(NEW_YORK, 2021, 11, 6, 23, 0)) == utc(2021, 11, 7, 12, 0)


def test_quiet_hours_ending_in_a_skipped_hour_end_at_the_jump() -> None:
    quiet = parse_quiet_hours("22:00-02:30")
    jump = utc(2021, 3, 14, 7, 0)  # 01:59:59 EST → 03:00 EDT
    assert quiet_until(quiet, NEW_YORK, local(NEW_YORK, 2021, 3, 13, 23, 0)) == jump
    assert quiet_until(quiet, NEW_YORK, jump - timedelta(seconds=1)) == jump
    assert quiet_until(quiet, NEW_YORK, jump) is None
    kyiv = parse_quiet_hours("23:00-03:30")
    assert quiet_until(kyiv, KYIV, local(KYIV, 2021, 3, 28, 2, 45)) == utc(2021, 3, 28, 1, 0)  # 04:00 EEST


def test_quiet_hours_ending_in_a_repeated_hour() -> None:
    quiet = parse_quiet_hours("22:00-01:30")
    # The clock first shows 01:30 at 05:30 UTC (EDT), and the quiet period ends there ...
    assert quiet_until(quiet, NEW_YORK, local(NEW_YORK, 2021, 11, 6, 23, 0)) == utc(2021, 11, 7, 5, 30)
    assert quiet_until(quiet, NEW_YORK, utc(2021, 11, 7, 5, 45)) is None  # 01:45 EDT
    # ... but an hour later the clock shows 01:00-01:29 again (EST), which is quiet by the wall clock
    # until it shows 01:30 a second time.
    assert quiet_until(quiet, NEW_YORK, local(NEW_YORK, 2021, 11, 7, 1, 10, fold=1)) == utc(2021, 11, 7, 6, 30)


def test_quiet_hours_starting_in_a_skipped_hour_begin_at_the_jump() -> None:
    quiet = parse_quiet_hours("02:30-06:00")
    assert quiet_until(quiet, NEW_YORK, utc(2021, 3, 14, 6, 59, 59)) is None  # 01:59:59 EST
    assert quiet_until(quiet, NEW_YORK, utc(2021, 3, 14, 7, 0)) == utc(2021, 3, 14, 10, 0)  # 03:00 EDT
