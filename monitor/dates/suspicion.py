"""When a date is not to be trusted as is (no zone, in the future, long before it was first seen,
not understood, a system's placeholder), a time written without a zone read in the zone assumed
for it, and the clock.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta, timezone

from monitor.dates.parsing import is_placeholder, parse_date

UNREADABLE = "date not understood; kept only in published_raw"
PLACEHOLDER = "a placeholder, no date (1970-01-01, 0001-01-01); kept only in published_raw"


def read_in_zone(read: datetime, zone: str) -> datetime:
    """A time written without a zone, as parse_date read it (as UTC), read in `zone` instead: its
    wall-clock time is kept, without parsing the text again (a date in words costs dateparser
    milliseconds)."""
    try:
        return read.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(timezone.utc)
    except OverflowError:  # year 9999 with an offset: past what datetime can hold
        return read


def suspect_reason(published: datetime | None, had_zone: bool, first_seen: datetime,
                   max_age: timedelta, raw: str | None = None, assumed: tuple[str, str] | None = None) -> str | None:
    """Why a published date should not be trusted as is, or None.

    `raw` is the date text as the source wrote it: a text that gave no date is said to be unread.
    `assumed` is the zone a date without one was read in, and whose it is (assumed_zone).
    """
    if published is None:
        if not raw or not raw.strip():
            return None
        written, _ = parse_date(raw, placeholders=True)
        return PLACEHOLDER if written is not None and is_placeholder(written) else UNREADABLE
    if not had_zone:
        return f"no time zone given; read as {assumed[0]} time, {assumed[1]}" if assumed \
            else "no time zone given; read as UTC"
    if published > first_seen + timedelta(minutes=15):
        return "in the future"
    if first_seen - published > max_age:
        return f"more than {max_age.days} days before first seen"
    return None


def utc_now() -> datetime:
    """The current time, aware, in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)
