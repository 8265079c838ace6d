"""Turn any date a source writes into an aware UTC datetime, or None; never invent one.

Also judge whether a date is suspect: written without a time zone, in the future, or far from
the moment we first saw the item.
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timedelta, timezone

_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_date(raw: str | None, hint: datetime | None = None) -> tuple[datetime | None, bool]:
    """(UTC datetime or None, whether the text named a zone) for a date as a source wrote it.

    `hint` is a parser's own reading (feedparser's, already UTC), used when our readers fail.
    """
    if raw is None or not raw.strip():
        return (hint.astimezone(timezone.utc), True) if hint else (None, False)
    text = " ".join(raw.split())
    parsed = _parse_iso(text) or _parse_rfc822(text)
    if parsed is None:
        if hint is not None:
            return hint.astimezone(timezone.utc), True
        return None, False
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc), False
    try:
        return parsed.astimezone(timezone.utc), True
    except OverflowError:  # year 9999 with an offset: past what datetime can hold
        return (hint.astimezone(timezone.utc), True) if hint else (None, False)


def _parse_iso(text: str) -> datetime | None:
    if not _ISO_LIKE.match(text):
        return None
    candidate = text.replace(" ", "T", 1) if len(text) > 10 and text[10] == " " else text
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _parse_rfc822(text: str) -> datetime | None:
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    # email.utils marks "-0000" (zone unknown) as naive; treat it as no zone.
    return parsed


def suspect_reason(published: datetime | None, had_zone: bool, first_seen: datetime,
                   max_age: timedelta) -> str | None:
    """Why a published date should not be trusted as is, or None."""
    if published is None:
        return None
    if not had_zone:
        return "no time zone given; read as UTC"
    if published > first_seen + timedelta(minutes=15):
        return "in the future"
    if first_seen - published > max_age:
        return f"more than {max_age.days} days before first seen"
    return None


def utc_now() -> datetime:
    """The current time, aware, in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)
