"""When digests fire and when quiet hours end, in a user's local wall-clock time. Pure: no I/O.

Schedules and quiet hours are written in local time ("daily 08:00", "22:00-07:00") because that is
how people think about them; every instant that leaves this module is an aware UTC datetime, because
that is what the store and the scheduler compare. All arithmetic is done in UTC: Python compares and
adds datetimes that share a ZoneInfo by their wall-clock fields, ignoring `fold`, which is wrong
around a DST change.

DST policy, one rule for everything that names a wall-clock time:
- a time that occurs twice (fall back) means its FIRST occurrence (fold=0), so a digest fires once;
- a time that does not occur (spring forward) means the first instant after the gap, i.e. the moment
  the clock jumps (03:00 new time for "02:30" in New York), so a digest fires once, and never after
  a digest set for a later wall-clock time that day (02:30 must not fire after 03:15);
- hourly digests follow real hours: every instant whose local minute is the given one, so across a
  DST change no real hour is skipped or doubled (01:30 fires twice on a fall-back night). In the
  rare zones whose clocks move by 30 minutes (Australia/Lord_Howe) that night has one gap of
  30 or 90 minutes instead.
Quiet hours are wall-clock hours too: when the clock falls back into them, they apply again.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_SECOND = timedelta(seconds=1)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)

_EVERY = ("hourly", "daily", "weekly")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {name: number for number, full in enumerate(_DAY_NAMES) for name in (full, full[:3])}
_SCHEDULE_FORMS = "expected hourly, hourly :MM, daily HH:MM or weekly DAY HH:MM"
_QUIET_FORM = "expected HH:MM-HH:MM, e.g. 22:00-07:00"
_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_MINUTE = re.compile(r":([0-9]{1,2})")
_QUIET = re.compile(r"\s*([0-9]{1,2}:[0-9]{2})\s*-\s*([0-9]{1,2}:[0-9]{2})\s*")


@dataclass(frozen=True, slots=True)
class DigestSchedule:
    """How often a digest is sent: parsed from config by `parse_schedule`, read by `next_digest_at`.

    `at` is a naive local wall-clock time in whole minutes; for hourly schedules only its minute
    counts, and the hour is stored as 0 so equal schedules compare equal. `weekday` (0 = Monday)
    is set for weekly schedules and only for them.
    """

    every: str
    at: time = time(0, 0)
    weekday: int | None = None

    def __post_init__(self) -> None:
        # Checked here too, not only in the parser: code that builds a schedule directly must not
        # get one that `__str__` cannot write back or `next_digest_at` cannot fire.
        if self.every not in _EVERY:
            raise ValueError(f"unknown digest frequency {self.every!r} (expected one of {', '.join(_EVERY)})")
        _check_clock(self.at, "digest time")
        if self.every == "weekly":
            if self.weekday is None or not 0 <= self.weekday <= 6:
                raise ValueError(f"weekly digest needs a weekday 0..6 (Monday = 0), got {self.weekday!r}")
        elif self.weekday is not None:
            raise ValueError(f"{self.every} digest takes no weekday, got {self.weekday!r}")
        if self.every == "hourly" and self.at.hour:
            object.__setattr__(self, "at", self.at.replace(hour=0))

    def __str__(self) -> str:
        """The config spelling, which `parse_schedule` reads back to an equal schedule."""
        if self.every == "hourly":
            return "hourly" if self.at.minute == 0 else f"hourly :{self.at.minute:02d}"
        clock = self.at.strftime("%H:%M")
        if self.every == "weekly":
            assert self.weekday is not None  # enforced by __post_init__
            return f"weekly {_DAY_NAMES[self.weekday][:3]} {clock}"
        return f"daily {clock}"


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily local wall-clock period without notifications; `end` before `start` spans midnight.

    Start is inclusive, end exclusive. Parsed by `parse_quiet_hours`, read by `quiet_until`.
    """

    start: time
    end: time

    def __post_init__(self) -> None:
        _check_clock(self.start, "quiet hours start")
        _check_clock(self.end, "quiet hours end")
        if self.start == self.end:
            # Empty or the whole day? Either reading surprises someone, so neither is allowed.
            raise ValueError(f"quiet hours start and end are both {self.start:%H:%M}")

    def __str__(self) -> str:
        """The config spelling, "22:00-07:00"."""
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def parse_schedule(text: str) -> DigestSchedule:
    """Read "hourly", "hourly :30", "daily 8:00" or "weekly mon 08:00"; ValueError naming the fault."""
    words = text.split()

    def fail(problem: str, hint: str = "") -> ValueError:
        return ValueError(f"{problem} in schedule {text!r} ({_SCHEDULE_FORMS}{hint})")

    if not words or words[0].lower() not in _EVERY:
        raise ValueError(f"unknown schedule {text!r} ({_SCHEDULE_FORMS})")
    every, rest = words[0].lower(), words[1:]
    weekday: int | None = None
    if every == "hourly":
        if not rest:
            return DigestSchedule("hourly", time(0, 0))
        found = _MINUTE.fullmatch(rest[0])
        if not found or int(found.group(1)) > 59:
            raise fail(f"bad minute {rest[0]!r}")
        if len(rest) > 1:
            raise fail(f"unexpected {rest[1]!r}")
        return DigestSchedule("hourly", time(0, int(found.group(1))))
    if every == "weekly":
        if not rest:
            raise fail("missing weekday")
        weekday = _WEEKDAYS.get(rest[0].lower())
        if weekday is None:
            raise fail(f"unknown weekday {rest[0]!r}", "; DAY is mon..sun or monday..sunday")
        rest = rest[1:]
    if not rest:
        raise fail("missing time")
    clock = _parse_clock(rest[0])
    if clock is None:
        raise fail(f"bad time {rest[0]!r}")
    if len(rest) > 1:
        raise fail(f"unexpected {rest[1]!r}")
    return DigestSchedule(every, clock, weekday)


def parse_quiet_hours(text: str) -> QuietHours:
    """Read "22:00-07:00"; ValueError naming the fault for anything else, or for start == end."""
    found = _QUIET.fullmatch(text)
    start = _parse_clock(found.group(1)) if found else None
    end = _parse_clock(found.group(2)) if found else None
    if found is None or start is None or end is None:
        raise ValueError(f"bad quiet hours {text!r} ({_QUIET_FORM})")
    if start == end:
        raise ValueError(f"quiet hours {text!r} start and end at the same time ({_QUIET_FORM})")
    return QuietHours(start, end)


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The IANA time zone called `name` ("Europe/Kyiv"); ValueError with the name if there is none."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: absolute paths, "..", "" and NUL bytes; OSError: a directory such as "America".
        raise ValueError(f"unknown time zone {name!r}") from None


def next_digest_at(schedule: DigestSchedule, tz: str, after: datetime) -> datetime:
    """The first fire time strictly after `after` (aware, any zone), as an aware UTC datetime."""
    where, moment = zone(tz), _as_utc(after, "after")
    if schedule.every == "hourly":
        return _next_hourly(schedule.at.minute, where, moment)
    first = _wall(moment, where).date() - _DAY
    for days in range(10):  # a weekly fire is at most 8 local days after the day before `after`
        fire = _fire_on(schedule, first + days * _DAY, where)
        if fire is not None and fire > moment:
            return fire
    raise AssertionError(f"no fire time for {schedule} in {tz} after {moment}")  # pragma: no cover


def previous_digest_at(schedule: DigestSchedule, tz: str, at: datetime) -> datetime:
    """The last fire time at or before `at` (aware, any zone), as an aware UTC datetime.

    The period a digest covers runs from the previous fire time to the next one, so the pair
    (`previous_digest_at(now)`, `next_digest_at(now)`) names the period that is due.
    """
    where, moment = zone(tz), _as_utc(at, "at")
    if schedule.every == "hourly":
        return _previous_hourly(schedule.at.minute, where, moment)
    last = _wall(moment, where).date() + _DAY
    for days in range(10):
        fire = _fire_on(schedule, last - days * _DAY, where)
        if fire is not None and fire <= moment:
            return fire
    raise AssertionError(f"no fire time for {schedule} in {tz} at {moment}")  # pragma: no cover


def quiet_until(quiet: QuietHours, tz: str, at: datetime) -> datetime | None:
    """When `at` is inside quiet hours (local wall clock), the UTC instant they end; else None.

    The end is the first instant after `at` at which the local clock shows `end`, or jumps past it
    when a DST gap skips it. After a fall-back the clock can re-enter quiet hours; the end is then
    the end time's second occurrence.
    """
    where, moment = zone(tz), _as_utc(at, "at")
    wall = _wall(moment, where)
    now = wall.time()
    if quiet.start < quiet.end:
        inside = quiet.start <= now < quiet.end
    else:
        inside = now >= quiet.start or now < quiet.end
    if not inside:
        return None
    for days in range(3):
        for instant in _instants(wall.date() + days * _DAY, quiet.end, where):
            if instant > moment:
                return instant
    raise AssertionError(f"quiet hours {quiet} in {tz} at {moment} never end")  # pragma: no cover


def _check_clock(value: time, what: str) -> None:
    if value.tzinfo is not None or value.second or value.microsecond:
        raise ValueError(f"{what} must be a naive local time in whole minutes, got {value!r}")


def _parse_clock(text: str) -> time | None:
    found = _CLOCK.fullmatch(text)
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2))
    return time(hour, minute) if hour <= 23 and minute <= 59 else None


def _as_utc(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {value.isoformat()}")
    return value.astimezone(_UTC)


def _wall(instant: datetime, where: zoneinfo.ZoneInfo) -> datetime:
    """The naive local wall-clock reading at a UTC instant."""
    return instant.astimezone(where).replace(tzinfo=None)


def _offset(where: zoneinfo.ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(where).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset at an instant
    return offset


def _seconds(instant: datetime) -> int:
    return (instant - _EPOCH) // _SECOND


def _transition(where: zoneinfo.ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The instant in (low, high] where the offset changes, given that it differs at low and high.

    A binary search over whole seconds: tz database transitions happen on whole seconds.
    """
    before = _offset(where, low)
    lo, hi = _seconds(low), -((_EPOCH - high) // _SECOND)  # floor(low), ceil(high)
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if _offset(where, _EPOCH + middle * _SECOND) == before:
            lo = middle
        else:
            hi = middle
    return _EPOCH + hi * _SECOND


def _instants(day: date, clock: time, where: zoneinfo.ZoneInfo) -> list[datetime]:
    """The UTC instants at which the local clock shows `clock` on `day`, earliest first.

    Two after a fall-back, one normally, and for a time skipped by a gap the instant the clock
    jumps past it.
    """
    naive = datetime.combine(day, clock)
    first = naive.replace(tzinfo=where, fold=0).astimezone(_UTC)
    second = naive.replace(tzinfo=where, fold=1).astimezone(_UTC)
    if _wall(first, where) == naive:
        return [first] if first == second else [first, second]
    # In a gap, fold=0 reads the time with the offset from before the change, which lands after
    # the gap, and fold=1 with the offset from after it, which lands before: the jump is between.
    return [_transition(where, min(first, second), max(first, second))]


def _fire_on(schedule: DigestSchedule, day: date, where: zoneinfo.ZoneInfo) -> datetime | None:
    """A daily or weekly schedule's one fire time for the local date `day`, or None on other weekdays."""
    if schedule.every == "weekly" and day.weekday() != schedule.weekday:
        return None
    return _instants(day, schedule.at, where)[0]


def _next_hourly(minute: int, where: zoneinfo.ZoneInfo, after: datetime) -> datetime:
    """The first instant after `after` (strictly) at which the local clock shows :minute:00."""
    start, strict = after, True
    for _ in range(8):
        offset = _offset(where, start)
        local = (start + offset).replace(tzinfo=None)
        candidate = local.replace(minute=minute, second=0, microsecond=0)
        if candidate < local or (strict and candidate == local):
            candidate += _HOUR
        fire = (candidate - offset).replace(tzinfo=_UTC)
        if _offset(where, fire) == offset:
            return fire
        # The offset changes before that candidate; the new offset may bring an earlier one,
        # possibly the very instant of the change.
        start, strict = _transition(where, start, fire), False
    raise AssertionError(f"no hourly fire time in {where} after {after}")  # pragma: no cover


def _previous_hourly(minute: int, where: zoneinfo.ZoneInfo, at: datetime) -> datetime:
    """The last instant at or before `at` at which the local clock shows :minute:00."""
    end = at
    for _ in range(8):
        offset = _offset(where, end)
        local = (end + offset).replace(tzinfo=None)
        candidate = local.replace(minute=minute, second=0, microsecond=0)
        if candidate > local:
            candidate -= _HOUR
        fire = (candidate - offset).replace(tzinfo=_UTC)
        if _offset(where, fire) == offset:
            return fire
        # The offset changed after that candidate: look for the last fire under the older offset.
        end = _transition(where, fire, end) - timedelta(microseconds=1)
    raise AssertionError(f"no hourly fire time in {where} at {at}")  # pragma: no cover
