"""parse_date: any date a source writes as an aware UTC datetime and whether it gave its zone,
trying the cheapest reading first.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from monitor.dates.formats import (as_the_country_means, at_midnight_after, in_the_common_era, parse_east_asian,
                                   parse_iso, parse_rfc822, without_zone_name)
from monitor.dates.jalali import parse_jalali
from monitor.dates.localized import parse_localized


def parse_date(raw: str | None, hint: datetime | None = None, languages: tuple[str, ...] = (),
               zone: tzinfo | None = None, day_first: bool | None = None,
               country: str | None = None, placeholders: bool = False) -> tuple[datetime | None, bool]:
    """(UTC datetime or None, whether its zone is known) for a date as a source wrote it.

    `hint` is a parser's own reading (feedparser's, already UTC), used when our readers fail.
    `languages` (ISO 639-1 codes, most likely first: the item's, its source's) are what a date
    in words is read in when neither can read it; with none, the product's LANGUAGES are tried.
    `zone` is the one a date written without a zone is in (its source's `timezone`, or the one its
    site or language suggests: assumed_zone); without it, such a date is read as UTC and its zone is
    not known. `day_first` is the order in which the site writes an all-numeric date that English
    would read either way ("08/02/2013"; site_writes_day_first); without it, such a date is not read.
    `country` is the site's (site_country): a zone's name it reads its own way ("EST" on an
    Australian site) is read as it means it (formats.COUNTRY_ZONE_NAMES).
    A placeholder (is_placeholder) gives None, but with `placeholders` (a date a person types).
    """
    if hint is not None and not placeholders and is_placeholder(hint):
        hint = None
    if raw is None or not raw.strip():
        return (hint.astimezone(timezone.utc), True) if hint else (None, False)
    read, zoned = _read(raw, hint, languages, zone, day_first, country, placeholders)
    return (None, False) if read is None or (not placeholders and is_placeholder(read)) else (read, zoned)


# Arabic-Indic, Devanagari and Thai digits, as Arabic, Hindi and Thai sites write dates: read as ASCII
# digits (a Thai year in its digits, "๒๕๖๔", is then a Buddhist-era year to read in the common era).
# (Persian's own digits are monitor.dates.jalali's to read.)
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩०१२३४५६७८९๐๑๒๓๔๕๖๗๘๙", "012345678901234567890123456789")
# A numeric date apart by middle dots (Prensa Ibérica's papers: "05·12·21 | 06:00"), read as by full stops.
_DOTTED_BY_MIDDLE_DOTS = re.compile(r"(?<=\d)·(?=\d)")
_NUMBER = re.compile(r"\d+")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d\d)")
_OFFSET = re.compile(r"[+-]\d\d:?\d\d\b|\b(?:GMT|UTC|Z)\b")  # a time that says its zone may be midnight in UTC


def _bears_out(hint: datetime, text: str) -> bool:
    """Whether a parser's own reading of a date that ours could not read is borne out by its figures:
    the day and the year are among them, and a time other than midnight is not read as midnight.
    feedparser read "2021.12.07 18:00" as the 1st of the month, "07-12-2021 15:00" as 2007-12-20,
    "18:00 07.12.2021" as today's date of the year it ran in, a Unix time "1638871200" as 2017:
    where it is not, the date is read in words (dateparser), or not at all."""
    figures = _NUMBER.findall(text)
    if not figures:
        return True  # nothing to check it by
    numbers = {int(number) for number in figures if len(number) <= 4}
    # The day as UTC may be the one before or after the date's own (its offset across midnight).
    days = {(hint + timedelta(days=shift)).day for shift in (-1, 0, 1)}
    if numbers.isdisjoint(days) or not (hint.year in numbers or hint.year % 100 in numbers):
        return False
    if (hint.hour, hint.minute) == (0, 0) and _OFFSET.search(text) is None and (clock := _CLOCK.search(text)) is not None:
        return clock.group(1, 2) in (("00", "00"), ("0", "00"), ("24", "00"))
    return True


def is_placeholder(moment: datetime) -> bool:
    """Whether a moment is what a system writes where it has no date, on the clock it was written in
    or in UTC: the Unix epoch's first second (a zero timestamp: "Thu, 01 Jan 1970 00:00:00 +0000"),
    .NET's least DateTime ("0001-01-01"), SQL Server's zero day ("1900-01-01 00:00:00"). No article
    was published then; read as one, it stood as the item's date, a page's own shown date given up
    for it."""
    if _is_placeholder_clock(moment):
        return True
    if moment.tzinfo is None:
        return False
    try:
        return _is_placeholder_clock(moment.astimezone(timezone.utc))
    except OverflowError:  # year 1 with a positive offset (before what datetime holds in UTC), or year 9999
        return moment.year <= 1


def _is_placeholder_clock(clock: datetime) -> bool:
    return clock.year <= 1 or ((clock.month, clock.day, clock.hour, clock.minute, clock.second) == (1, 1, 0, 0, 0)
                               and clock.year in (1970, 1900))


def _read(raw: str, hint: datetime | None, languages: tuple[str, ...], zone: tzinfo | None,
          day_first: bool | None, country: str | None, placeholders: bool) -> tuple[datetime | None, bool]:
    text = " ".join(raw.split())
    if not text.isascii():
        text = text.translate(_ASCII_DIGITS)
        if "·" in text:
            text = _DOTTED_BY_MIDDLE_DOTS.sub(".", text)
    text = in_the_common_era(as_the_country_means(text, country), languages, country)
    text, named_zone = without_zone_name(text)
    parsed = (parse_iso(text) or parse_rfc822(text) or parse_east_asian(text) or at_midnight_after(text)
              or parse_jalali(text))
    if parsed is None:
        if hint is not None and _bears_out(hint, text):
            if named_zone is None and _OFFSET.search(text) is None and _CLOCK.search(text) is not None:
                # A date and time written without their zone, which feedparser reads as UTC ("7
                # decembrie 2021 14:32"): on the clock of the zone the site or the language gives, as ours are.
                written = hint.astimezone(timezone.utc).replace(tzinfo=None)
                if zone is None:
                    return written.replace(tzinfo=timezone.utc), False
                return written.replace(tzinfo=zone).astimezone(timezone.utc), True
            return hint.astimezone(timezone.utc), True
        parsed = parse_localized(text, languages, day_first)
        if parsed is None:
            return None, False
    # On the clock it was written in, before its zone is applied ("1970-01-01 00:00:00" read in Moscow's).
    if not placeholders and is_placeholder(parsed):
        return (hint.astimezone(timezone.utc), True) if hint else (None, False)
    if parsed.tzinfo is None:
        if named_zone is None and zone is None:
            return parsed.replace(tzinfo=timezone.utc), False
        parsed = parsed.replace(tzinfo=named_zone or zone)
    try:
        return parsed.astimezone(timezone.utc), True
    except OverflowError:  # year 9999 with an offset: past what datetime can hold
        return (hint.astimezone(timezone.utc), True) if hint else (None, False)
