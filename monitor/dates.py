"""Turn any date a source writes into an aware UTC datetime, or None; never invent one.

The order, cheapest first: ISO 8601 and RFC 822 (the stdlib, a few microseconds), then the
feed parser's own reading, then, only for text none of those could read, dateparser for dates
written in other languages ("Seg, 24 Set 2018 10:00:00 -0300", "21 декабря 2021, 14:05"),
told which languages to try so that it does not guess on every date. A date is never completed:
a text without a day, month and year, or a relative one ("yesterday"), stays unread.

Also judge whether a date is suspect: written without a time zone, in the future, far from the
moment we first saw the item, or not understood at all.
"""

from __future__ import annotations

import functools
import re
import threading
import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any
from urllib.parse import urlsplit

_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{8}T\d{4}")  # extended, or basic with a time ("20211112T142700Z")

# The languages the product's sources write in: tried in this order when nothing says which.
LANGUAGES = ("en", "ru", "uk", "de", "fr", "pl", "pt")
MAX_LOCALIZED_CHARS = 100  # a longer "date" is a sentence, not a date: not worth dateparser's time
UNREADABLE = "date not understood; kept only in published_raw"
# Only absolute dates with a day, month and year: nothing relative to the moment we read it
# ("vor 2 Stunden"), no bare number read as a Unix time, no year or day filled in from today.
_DATEPARSER_SETTINGS = {"PARSERS": ["custom-formats", "absolute-time"],
                        "REQUIRE_PARTS": ["day", "month", "year"]}
# dateparser keeps module-level state (its settings and language caches) that has not always been
# safe to share between threads; the daemon parses on several. A localized date costs about a
# millisecond and is rare, so one reader at a time costs nothing that shows.
_DATEPARSER_LOCK = threading.Lock()
# "03/04/2021": the 3rd of April or March the 4th? English is written both ways (en-GB, en-US), and a
# text with no language known could be either: such a date is read only in a language with one order.
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}\b")
# A date dateparser may complete has a year: four digits, or two at the end of a numeric date. Text
# without one ("Posted 5 minutes ago", "Episode 12") is not worth its millisecond per language.
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
# Zone names that RFC 822 dates in our sources' countries use and email.utils does not know (it
# knows UT, GMT, Z and the North American ones): Moscow, Kyiv (EET/EEST), central and western
# Europe, British summer time. Without them "10:00:00 MSK" was read as 10:00 UTC, three hours off.
# Offsets as the names mean today (Moscow has kept +3 since 2014). IST is India's, whose outlets
# write it after every time they show ("Updated: Oct 9, 2019, 11:05 IST"); Israel's and Irish summer
# time share the letters, and dateparser read them as Israel's, three and a half hours off.
_ZONE_HOURS = {"MSK": 3, "MSD": 4, "EET": 2, "EEST": 3, "CET": 1, "CEST": 2, "WET": 0, "WEST": 1, "BST": 1,
               "IST": 5.5,
               # and the other names of one zone each that the world's press writes after its times:
               # Russia's regions, Asia's, Oceania's, Africa's, South America's, Alaska's and Hawaii's
               # ("10:15 AEDT", Australia's; "HKT", "SGT", "JST"). The letters several zones share
               # (CST, AST, GST, AMT) are left to email.utils's American reading or unread.
               "SAMT": 4, "YEKT": 5, "OMST": 6, "KRAT": 7, "IRKT": 8, "YAKT": 9, "VLAT": 10, "MAGT": 11,
               "TRT": 3, "GET": 4, "AZT": 4, "UZT": 5, "PKT": 5, "NPT": 5.75, "ICT": 7, "WIB": 7, "WITA": 8,
               "WIT": 9, "SGT": 8, "MYT": 8, "HKT": 8, "PHT": 8, "JST": 9, "KST": 9,
               "AWST": 8, "ACST": 9.5, "ACDT": 10.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
               "WAT": 1, "CAT": 2, "SAST": 2, "EAT": 3, "ART": -3, "BRT": -3, "CLT": -4, "CLST": -3,
               "AKST": -9, "AKDT": -8, "HST": -10}
# Offsets RFC 822 does not allow and sites write anyway: "+03:00" (ISO's colon in a pubDate),
# "GMT+3", "UTC+03:00", "GMT-0500". email.utils leaves them unread, and the time was taken as UTC.
_OFFSET = re.compile(r"(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)


def parse_date(raw: str | None, hint: datetime | None = None, languages: tuple[str, ...] = (),
               zone: tzinfo | None = None, day_first: bool | None = None) -> tuple[datetime | None, bool]:
    """(UTC datetime or None, whether its zone is known) for a date as a source wrote it.

    `hint` is a parser's own reading (feedparser's, already UTC), used when our readers fail.
    `languages` (ISO 639-1 codes, most likely first: the item's, its source's) are what a date
    in words is read in when neither can read it; with none, the product's LANGUAGES are tried.
    `zone` is the one a date written without a zone is in (its source's `timezone`, or the one its
    site or language suggests: assumed_zone); without it, such a date is read as UTC and its zone is
    not known. `day_first` is the order in which the site writes an all-numeric date that English
    would read either way ("08/02/2013"; site_writes_day_first); without it, such a date is not read.
    """
    if raw is None or not raw.strip():
        return (hint.astimezone(timezone.utc), True) if hint else (None, False)
    text = " ".join(raw.split())
    text, named_zone = _without_zone_name(text)
    parsed = _parse_iso(text) or _parse_rfc822(text) or _parse_east_asian(text) or _at_midnight_after(text)
    if parsed is None:
        if hint is not None:
            return hint.astimezone(timezone.utc), True
        parsed = _parse_localized(text, languages, day_first)
        if parsed is None:
            return None, False
    if parsed.tzinfo is None:
        if named_zone is None and zone is None:
            return parsed.replace(tzinfo=timezone.utc), False
        parsed = parsed.replace(tzinfo=named_zone or zone)
    try:
        return parsed.astimezone(timezone.utc), True
    except OverflowError:  # year 9999 with an offset: past what datetime can hold
        return (hint.astimezone(timezone.utc), True) if hint else (None, False)


# A zone named by its IANA name after the time ("2021-11-12 14:27:00 Europe/Moscow", as PHP's and
# Java's date formatting can write it), and the zone's name in brackets after its offset in
# JavaScript's Date.toString() ("Fri Nov 12 2021 14:27:00 GMT+0300 (Moscow Standard Time)", feeds that
# Node.js apps write): neither reader reads past them, and the time was taken as UTC.
_IANA_NAME = re.compile(r" ((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)"
                        r"/[A-Za-z_]+(?:/[A-Za-z_]+)?|UTC)$")
_NAME_AFTER_OFFSET = re.compile(r"( GMT[+-]\d{4}) ?\([^()]{1,60}\)$")


def _without_zone_name(text: str) -> tuple[str, tzinfo | None]:
    """The date text without a zone's name that neither reader reads past, and the zone it names
    (None when its offset is written too, or it names no zone)."""
    if text.endswith(")"):
        return _NAME_AFTER_OFFSET.sub(r"\1", text), None
    if text.endswith("]") and "[" in text:  # Java's ZonedDateTime, RFC 9557: "2021-11-12T14:27+03:00[Europe/Moscow]"
        text, _, name = text[:-1].rpartition("[")
        return text, _zone_named(name)
    if "/" not in text[-40:] and not text.endswith(" UTC"):
        return text, None
    found = _IANA_NAME.search(text)
    if found is None or (zone := _zone_named(found.group(1))) is None:
        return text, None
    return text[:found.start()], zone


def _zone_named(name: str) -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory's name ("Europe")
        return None


# A time and its offset, closing the text: a "Z" after them adds nothing (_parse_iso).
_OFFSET_AFTER_TIME = re.compile(r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?[+-]\d\d:?\d\d$")
# An offset with its hour's zero left out, after a time: the Washington Post's "2018-10-29T10:15-500".
_SHORT_OFFSET = re.compile(r"(?<=\d:\d\d)([+-])(\d)(\d\d)$")


def _parse_iso(text: str) -> datetime | None:
    if not _ISO_LIKE.match(text):
        return None
    candidate = text.replace(" ", "T", 1) if len(text) > 10 and text[10] == " " else text
    if candidate.endswith(("Z", "z")):
        # A "Z" after an offset ("2021-12-09T10:00:00+03:00Z", a template adding one to a time that
        # has its offset) says nothing more: the offset stands.
        candidate = candidate[:-1] if _OFFSET_AFTER_TIME.search(candidate, 0, len(candidate) - 1) else candidate[:-1] + "+00:00"
    elif candidate[-4:-3] in ("+", "-"):
        candidate = _SHORT_OFFSET.sub(r"\g<1>0\2:\3", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


# The end of a day written as its 24th hour, which ISO 8601 allows and some feeds write ("Thu, 09 Dec
# 2021 24:00:00 +0000", "2021-12-09T24:00:00+03:00"): the next day's midnight. Neither reader takes it.
_HOUR_24 = re.compile(r"(?<=[T ])24:00(?::00)?(?=$|[^\d:])")


def _at_midnight_after(text: str) -> datetime | None:
    if "24:00" not in text or (found := _HOUR_24.search(text)) is None:
        return None
    midnight = text[:found.start()] + "00:00:00" + text[found.end():]
    parsed = _parse_iso(midnight) or _parse_rfc822(midnight)
    return parsed + timedelta(days=1) if parsed is not None else None


# A date written with the year, month and day signs of Chinese, Japanese ("2021年12月7日 08:15",
# "2021年12月7日（火）午後3時5分") and Korean ("2021년 12월 7일 오후 3:05"): unambiguous whatever the
# language, so read here, where dateparser reads it only when told the language (a page that
# declares none left it unread) and at a millisecond's cost.
_EAST_ASIAN_DATE = re.compile(
    r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
    r"(?:\s*[(（][^()（）]{1,4}[)）])?"  # the day of the week: （火）, (星期二), (화)
    r"(?:\s*(?:(上午|午前|오전)|(下午|午後|오후))?"
    r"\s*(\d{1,2})\s*[:：時时点點시]\s*(\d{1,2})\s*[分분]?(?:\s*[:：]?\s*(\d{1,2})\s*[秒초]?)?)?")


def _parse_east_asian(text: str) -> datetime | None:
    if "年" not in text and "년" not in text:
        return None
    found = _EAST_ASIAN_DATE.fullmatch(text)
    if found is None:
        return None
    year, month, day, morning, afternoon, hour, minute, second = found.groups()
    hours = int(hour or 0)
    if afternoon and hours < 12:
        hours += 12
    elif morning and hours == 12:
        hours = 0
    try:
        return datetime(int(year), int(month), int(day), hours, int(minute or 0), int(second or 0))
    except ValueError:  # the 31st of a 30-day month, 25 o'clock
        return None


# RFC 822 has no AM or PM, and email.utils reads past them: "Nov 12, 2021 2:27 PM EST" was 02:27
# with no zone ("PM" taken for an unknown zone's name). Such a date is left to dateparser.
_MERIDIEM = re.compile(r"\d\s?[ap]\.?m\b", re.IGNORECASE)


def _parse_rfc822(text: str) -> datetime | None:
    # Imported here: email.utils (socket, random, email.charset: 8 ms) is for feeds' dates, and
    # every command imports this module (--since).
    import email.utils

    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None or _MERIDIEM.search(text):
        return None
    if parsed.tzinfo is None:
        zone = _zone(text.rpartition(" ")[2])
        return parsed.replace(tzinfo=zone) if zone is not None else parsed
    return parsed


def _zone(token: str) -> timezone | None:
    """The zone an RFC 822 date's last word names where email.utils knows none: a zone name of
    _ZONE_HOURS, or an offset written as _OFFSET reads it; None otherwise."""
    if (hours := _ZONE_HOURS.get(token.upper())) is not None:
        return timezone(timedelta(hours=hours))
    found = _OFFSET.fullmatch(token)
    if found is None:
        return None
    sign, hours_text, minutes_text = found.groups()
    hours, minutes = int(hours_text), int(minutes_text or 0)
    if hours > 14 or minutes > 59 or (sign == "-" and hours == minutes == 0):  # "-00:00": unknown, as "-0000"
        return None
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if sign == "-" else offset)


# What a page sets around the date it shows, which dateparser does not read past: a label ahead
# ("Опубликовано: 03.12.2021 14:27", "Published: …") and Moscow time named after it ("14:27 МСК",
# "(мск)", "по Москве", "по московскому времени"): Moscow has kept +3 since 2014.
_DATE_LABEL = re.compile(r"(?:опубликовано|дата публикации|опубліковано|дата публікації|дата|(?:first )?published(?: on)?|"
                         r"posted(?: on)?|date created|created(?: on)?|date|datum|fecha|veröffentlicht(?: am)?|publié le|"
                         r"publicado(?: em| el)?|opublikowano)\b\s*:?\s*", re.IGNORECASE)
# A colon between the year and the time ("February 1, 2016: 1:28 AM ET", CNN's), which dateparser does
# not read past.
_YEAR_COLON_TIME = re.compile(r"(\d{4}):\s+(\d{1,2}:\d{2})")
# Arabic news names a month twice, the Levantine name and then the one Egypt and the Gulf use
# ("04 آب/أغسطس 2013", "كانون الثاني/يناير"); dateparser reads neither pair. The second name stays.
_ARABIC_MONTH_PAIR = re.compile(r"(?:[\u0621-\u064a]+\s+)?[\u0621-\u064a]+\s*/\s*(?=[\u0621-\u064a])")
_MOSCOW_TIME = re.compile(r"(?:[\s,]+\(?|\()(?:мск|msk|по москве|по московскому времени)\)?\.?$", re.IGNORECASE)
_MOSCOW = timezone(timedelta(hours=3))
# A zone's name of _ZONE_HOURS after a time in words, which dateparser reads otherwise or not at all
# ("3:49 pm IST" as Israel's, "6 December 2021 10:15 AEDT" as a time of no zone).
_NAMED_ZONE_AFTER = re.compile(r"[\s,]+\(?(" + "|".join(sorted(_ZONE_HOURS, key=len, reverse=True)) + r")\)?$")


def labelled(line: str) -> bool:
    """Whether a line opens with the label of a publication date ("Published:", "Опубликовано:",
    "Date created :"), not an update's."""
    return _DATE_LABEL.match(line) is not None


def is_date_line(line: str, languages: tuple[str, ...] = (), day_first: bool | None = None) -> bool:
    """Whether a short line is a date under its label, a publication's or an update's, and nothing
    else ("Date created : 2015-05-12", "Latest update : 2015-05-12", "Опубликовано: 03.12.2021"):
    a page's metadata, where it stands at either end of its text."""
    if len(line) > MAX_LOCALIZED_CHARS:
        return False
    label = _DATE_LABEL.match(line) or _UPDATED.match(line)
    if label is None:
        return False
    rest = line[label.end():].lstrip(" :—–-")
    return bool(rest) and parse_date(rest, None, languages, day_first=day_first)[0] is not None


# Monday's name inside a date ("Dec 06 Mon 2021 10:15"), which dateparser reads as a month's
# abbreviation and gives up; the other days' there it reads.
_MONDAY_INSIDE = re.compile(r" Mon(?:day)?,?(?= )")


def _parse_localized(text: str, languages: tuple[str, ...], day_first: bool | None = None) -> datetime | None:
    """A date in words of another language, read by dateparser in the languages given (else ours);
    an all-numeric date English writes both ways, in the order `day_first` says (None: not read)."""
    if len(text) > MAX_LOCALIZED_CHARS or not _YEAR.search(text):
        return None
    if (label := _DATE_LABEL.match(text)) is not None:
        text = text[label.end():]
    text = _YEAR_COLON_TIME.sub(r"\1 \2", text)
    if " Mon" in text:
        text = _MONDAY_INSIDE.sub("", text)
    if "/" in text and _ARABIC_MONTH_PAIR.search(text):
        text = _ARABIC_MONTH_PAIR.sub("", text)
    if (moscow := _MOSCOW_TIME.search(text)) is not None and moscow.start() > 0:
        found = _parse_localized(text[:moscow.start()], languages, day_first)
        return found.replace(tzinfo=_MOSCOW) if found is not None and found.tzinfo is None else found
    if (named := _NAMED_ZONE_AFTER.search(text)) is not None and named.start() > 0:
        found = _parse_localized(text[:named.start()], languages, day_first)
        zone = timezone(timedelta(hours=_ZONE_HOURS[named.group(1)]))
        return found.replace(tzinfo=zone) if found is not None and found.tzinfo is None else found
    hinted = tuple(dict.fromkeys(code for code in languages if code in _dateparser_languages()))
    if "." in text:
        text = _DOTTED_DATE.sub(_day_first, text)
    ambiguous = _day_or_month_first(text)
    if ambiguous and (hinted or LANGUAGES)[0] == "en":
        if day_first is None or (in_order := _in_iso_order(text, day_first)) is None:
            return None
        text, ambiguous = in_order, False
    found = _read_localized(text, hinted or LANGUAGES)
    if found is None and hinted and not ambiguous:
        # The declared language can be wrong (a template's "en-US" over Russian dates): the
        # product's other languages get their turn, and only for a date the hint could not read.
        rest = tuple(code for code in LANGUAGES if code not in hinted)
        found = _read_localized(text, rest) if rest else None
    return found


# What a page's date line carries beside its date: its section, reading time, views, an update
# ("12 ноября 2021, 14:27 | Политика", "14:27 12.11.2021 (обновлено: 15:01 12.11.2021)").
_DATE_LINE_PARTS = re.compile(r"\s*[|·•()،]\s*")  # "،": Arabic's comma
# A date line, or a part of one, that gives the time of an update, not of publication.
_UPDATED = re.compile(r"\s*(?:обновлено|оновлено|изменено|змінено|(?:последнее |останнє )?(?:обновление|оновлення)|"
                      r"(?:last |latest )?updated?|aktualisiert|(?:letzte |zuletzt )?aktualisierung|mis à jour|"
                      r"(?:dernière )?mise à jour|zaktualizowano|aktualizacja|actualizado|atualizado|"
                      r"(?:última )?(?:actualización|atualização)|(?:ultimo )?aggiornamento|aggiornato|bijgewerkt|"
                      r"آخر تحديث|تم التحديث|"
                      # Chinese and Japanese ("最后更新: 2019-09-07 15:14:21", guancha.cn's), Korean ("수정 2021.12.06").
                      r"(?:最后|最後|最近|最终|最終)?更新(?:时间|時間|日時|日|于|於)?|최종\s*수정|수정)(?!\w)",
                      re.IGNORECASE)


# A time, or a date in figures, after an update's label: what makes "Updated on September 19 at 3:15
# p.m." a note, where "Updated figures show 5% growth" is a sentence.
_TIME_OR_DAY = re.compile(r"\d{1,2}[:.]\d{2}(?!\d)|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
UPDATE_NOTE_CHARS = 60


def is_update_note(line: str) -> bool:
    """Whether a short line is only a note of when the page was updated ("Updated on September 19 at
    3:15 p.m.", "Обновлено: 10:15 06.12.2021"): its label, then a time or a date in figures, in six
    words at most ("Update: the talks ended at 10.15 tonight after…" is a story's)."""
    return (len(line) <= UPDATE_NOTE_CHARS and (label := _UPDATED.match(line)) is not None
            and _TIME_OR_DAY.search(line, label.end()) is not None and len(line[label.end():].split()) <= 6)


def updated_in(line: str, languages: tuple[str, ...] = (), day_first: bool | None = None) -> str | None:
    """The date a part of a page's line gives after an update's label, as written ("Saibal Dasgupta |
    TNN | Updated: Oct 9, 2019, 11:05 IST" gives "Oct 9, 2019, 11:05 IST"), else the date another
    part of that line gives, the day of an update whose label is followed by a time alone (CNN
    Arabic's "Sunday, 04 August 2013, last updated 02:21 (GMT+0400)": date_in); None where none does."""
    if _UPDATED.search(line) is None:
        return None
    for part in _DATE_LINE_PARTS.split(line):
        if (label := _UPDATED.match(part)) is None:
            continue
        rest = part[label.end():].lstrip(" :：—–-")
        if any(c.isdigit() for c in rest) and parse_date(rest, None, languages, day_first=day_first)[0] is not None:
            return rest
    return date_in(line, languages, day_first)


_MOST_OF_THE_LINE = 0.4
_ISO_IN_A_LINE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?![\d:])")
# A numeric date written with dots and a four-digit year: day, month, year (see _DOTTED_DATE).
_DOTTED = r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})"
# A date with dots and a four-digit year, and its time: day first wherever it is written.
_DOTTED_IN_A_LINE = re.compile(_DOTTED + r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?(?![\d.:])")


def _written_in(line: str, reads: Callable[[str], datetime | None]) -> str | None:
    """A date in figures in a line that is most of it (_MOST_OF_THE_LINE), or opens it written with
    年, 月 and 日 (see date_in), as written; None for none."""
    for pattern in (_EAST_ASIAN_DATE, _ISO_IN_A_LINE, _DOTTED_IN_A_LINE):
        if (found := pattern.search(line)) is None:
            continue
        written = found.group().strip()
        after = line[found.start() + len(found.group().rstrip()):][:1]
        opens = pattern is _EAST_ASIAN_DATE and found.start() == 0 and after in ("", " ")
        if (opens or len(written) >= _MOST_OF_THE_LINE * len(line)) and reads(written) is not None:
            return written
    return None


def date_in(line: str, languages: tuple[str, ...] = (), day_first: bool | None = None,
            search: bool = True) -> str | None:
    """The date a page's date line gives, as written there: the whole line when it reads as one
    (parse_date), else its first part between "|", "·", "•" or brackets that does, else the first
    date with a day, month and year dateparser's search finds in it ("12.11.2021 14:27 Просмотров:
    1520"), when it is most of the line and parse_date reads it too (so "12.11.2021" stays the 12th
    of November in Russian).
    None for a line, and no part, that gives the time of an update ("Обновлено: …").
    `day_first`: the order the site writes all-numeric dates in (parse_date's); without `search`,
    no dateparser search (a millisecond or two a line): for lines where a date is seldom."""
    if _UPDATED.match(line):
        return None

    def reads(text: str) -> datetime | None:
        return parse_date(text, None, languages, day_first=day_first)[0]

    if reads(line) is not None:
        return line
    spans = [(0, len(line))]
    for separator in _DATE_LINE_PARTS.finditer(line):
        spans[-1:] = [(spans[-1][0], separator.start()), (separator.end(), len(line))]
    for index, (start, end) in enumerate(spans):
        part = line[start:end]
        if _UPDATED.match(part):
            continue
        if len(part) >= 6 and any(c.isdigit() for c in part) and reads(part) is not None:
            # The time in the part after it ("12.11.2021 | 14:27") belongs to it.
            if index + 1 < len(spans) and ":" in line[spans[index + 1][0]:spans[index + 1][1]]:
                with_time = line[start:spans[index + 1][1]]
                if reads(with_time) not in (None, reads(part)):
                    return with_time
            return part
        if len(spans) > 1 and (written := _written_in(part, reads)) is not None:
            return written  # "Von Christian am 03.05.2013, 11:51 | 0 Meinungen"
    if len(line) > MAX_LOCALIZED_CHARS or not _YEAR.search(line):
        return None
    if (label := _DATE_LABEL.match(line)) is not None and "," in line:
        # What a label names, up to a comma: the longest such run that reads ("Datum: 22.12.2012,
        # Rubrik: USA"; "Published: December 6, 2021, 10:15").
        rest = line[label.end():]
        for cut in reversed([found.start() for found in re.finditer(",", rest)]):
            if len(rest[:cut]) >= 6 and reads(rest[:cut]) is not None:
                return rest[:cut]
    # Dates no language's words are needed for, beside a label dateparser's search does not read
    # past ("时间：2021-12-07 08:15", "2021年12月7日 08:15 来源：新华网"). A date with 年, 月 and 日
    # that opens the line, a space after it, is the line's whatever follows (AFPBB's "2018年6月18日
    # 10:01　発信地：カノ/ナイジェリア [ ナイジェリア アフリカ ]": the dateline and the story's
    # places); one a particle follows opens a sentence ("2018年6月18日に…").
    if (written := _written_in(line, reads)) is not None:
        return written
    if not search:
        return None
    with _DATEPARSER_LOCK:
        try:
            from dateparser.search import search_dates

            found = search_dates(line, languages=list(languages or LANGUAGES), settings=_DATEPARSER_SETTINGS)
        except Exception:  # hostile text must cost the page its date, never the page
            found = None
    for text, _ in found or ():
        # Most of the line: a date with a word or two beside it, not a date inside a sentence
        # ("выдвинут 12.08.2021" in an element whose class, "candidate", holds "date").
        if len(text) >= _MOST_OF_THE_LINE * len(line) and reads(text) is not None:
            return str(text)
    return None


# A numeric date written with dots and a four-digit year is day first wherever it is written so
# (German, Russian, Ukrainian, Polish, and the English of DW, Ukrinform or TASS: "10.06.2013"); the
# American month-first order is written with slashes. Rewritten in ISO order, it reads in English too.
_DOTTED_DATE = re.compile(_DOTTED + r"(?![\d.])")


def _day_first(found: re.Match[str]) -> str:
    day, month, year = int(found.group(1)), int(found.group(2)), found.group(3)
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 and 1 <= month <= 12 else found.group()


# A numeric date with a four-digit year, its parts apart by slashes or hyphens ("08/02/2013").
_SLASHED_DATE = re.compile(r"(?<![\d./-])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?![\d./-])")


def _in_iso_order(text: str, day_first: bool) -> str | None:
    """The text with its numeric date rewritten year first, read in the order given; None when its
    date is not one with a four-digit year, or names no day in that order."""
    found = _SLASHED_DATE.search(text)
    if found is None:
        return None
    first, second = int(found.group(1)), int(found.group(3))
    day, month = (first, second) if day_first else (second, first)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{text[:found.start()]}{found.group(4)}-{month:02d}-{day:02d}{text[found.end():]}"


def _day_or_month_first(text: str) -> bool:
    """Whether a numeric date could be read day first or month first (both numbers 12 or less)."""
    found = _NUMERIC_DATE.search(text)
    if found is None:
        return False
    first, second = int(found.group(1)), int(found.group(2))
    return first != second and first <= 12 and second <= 12


@functools.lru_cache(maxsize=2048)
def _read_localized(text: str, languages: tuple[str, ...]) -> datetime | None:
    # Cached: a feed that writes the same unreadable text ("00.00.0000") on every item pays once.
    with _DATEPARSER_LOCK:
        try:
            found = _date_parser(languages).get_date_data(text).date_obj
        except Exception:  # hostile text must cost the item its date, never the item
            return None
    return found if isinstance(found, datetime) else None


@functools.lru_cache(maxsize=64)
def _date_parser(languages: tuple[str, ...]) -> Any:
    from dateparser.date import DateDataParser  # imported on the first date that needs it: ~0.1 s

    # use_given_order: the item's own language first, so an ambiguous "03.04.2021" is read the
    # way that language writes dates.
    return DateDataParser(languages=list(languages), settings=_DATEPARSER_SETTINGS, use_given_order=True)


@functools.lru_cache(maxsize=1)
def _dateparser_languages() -> frozenset[str]:
    from dateparser.data import language_order

    return frozenset(language_order)


# The zone a date without one is most likely in, by the language of the item that gives it, for the
# languages whose press writes from one offset (or from one capital's, as Russian from Moscow's);
# none for those written across many (English, Spanish, Portuguese, Arabic). A guess, flagged as
# one, where the source has no `timezone`: "2021-11-12 14:27" on a Ukrainian site is Kyiv's time,
# and read as UTC it was two hours late in every list and in the spike hours.
LANGUAGE_ZONES = {
    "uk": "Europe/Kyiv", "ru": "Europe/Moscow", "be": "Europe/Minsk", "pl": "Europe/Warsaw",
    "cs": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia", "lt": "Europe/Vilnius", "lv": "Europe/Riga", "et": "Europe/Tallinn",
    "fi": "Europe/Helsinki", "sv": "Europe/Stockholm", "da": "Europe/Copenhagen", "no": "Europe/Oslo",
    "nl": "Europe/Amsterdam", "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome",
    "el": "Europe/Athens", "tr": "Europe/Istanbul", "ka": "Asia/Tbilisi", "hy": "Asia/Yerevan",
    "he": "Asia/Jerusalem", "zh": "Asia/Shanghai", "ja": "Asia/Tokyo", "ko": "Asia/Seoul",
}


def assumed_zone(language: str | None, url: str | None, raw: str | None, read: datetime) -> tuple[str, str] | None:
    """The zone a date written without one (`raw`, `read` as UTC) is read in, and whose it is: the
    country's that the item's address names (site_zone), else its language's (LANGUAGE_ZONES); None
    where neither says, and for a day without a time ("2017-03-10", "2017-03-10T00:00:00"), which is
    that day whatever the zone. The country first: Ukrainian sites that write in Russian date their
    stories in Kyiv's time, not Moscow's, Radio-Canada's French is Montreal's, and English, Spanish
    or Arabic are written across many zones that the country narrows to one."""
    if not raw or ":" not in raw or (read.hour, read.minute, read.second) == (0, 0, 0):
        return None
    if (zone := site_zone(url)) is not None:
        return zone, "its site's country's"
    if language and (zone := LANGUAGE_ZONES.get(language)) is not None:
        return zone, "its language's"
    return None


def site_zone(url: str | None) -> str | None:
    """The zone of the country a site's address names by its top-level domain ("rbc.ua": Kyiv,
    "bbc.co.uk": London, "ndtv.in": Kolkata), as the tz database's zone.tab lists it, the capital's
    where a country has several (_COUNTRY_ZONES); None for a generic domain (.com, .org), and for a
    country's domain that sites take for its letters (_TAKEN_FOR_THEIR_LETTERS: "x.io", "x.tv"),
    but under its second level ("x.com.co": Colombia)."""
    country = site_country(url)
    if country is None:
        return None
    return _COUNTRY_ZONES.get(country) or _zone_tab().get(country)


def site_country(url: str | None) -> str | None:
    """The country (ISO 3166 code, lower case) a site's address names by its top-level domain:
    "gb" for "bbc.co.uk", "ua" for "rbc.ua"; None for a generic domain and for a country's domain
    that sites take for its letters, but under its second level (see site_zone)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").rstrip(".")
    parts = host.rsplit(".", 2)
    if len(parts) < 2 or len(parts[-1]) != 2 or not parts[-1].isalpha():
        return None
    country = _DOMAIN_COUNTRIES.get(parts[-1], parts[-1])
    if country in _TAKEN_FOR_THEIR_LETTERS and not (len(parts) == 3 and parts[-2] in _SECOND_LEVELS):
        return None
    return country


def site_writes_day_first(url: str | None) -> bool | None:
    """Whether the site an address names writes an all-numeric date day first ("08/02/2013": the
    8th of February), as most of the world does, or month first, as the United States and the
    Philippines do; None where its address names no country, or one that writes both (Canada).
    English is written both ways, and such a date on an English page was left unread: the site's
    country settles it (parse_date's `day_first`)."""
    country = site_country(url)
    if country is None or country in _BOTH_ORDERS:
        return None
    return country not in _MONTH_FIRST


_DOMAIN_COUNTRIES = {"uk": "gb", "su": "ru"}  # domains that are no ISO 3166 code
# Countries whose numeric dates put the month first: the United States and the territories that
# write as it does, the Philippines, and the Pacific states once under US administration.
_MONTH_FIRST = frozenset(("us", "as", "gu", "mp", "pr", "vi", "um", "ph", "fm", "mh", "pw"))
_BOTH_ORDERS = frozenset(("ca",))  # Canada: English month first as often as day first
# The zone of a country of several, where the first zone.tab lists is not where its press writes from.
_COUNTRY_ZONES = {"ca": "America/Toronto", "au": "Australia/Sydney", "br": "America/Sao_Paulo", "ru": "Europe/Moscow",
                  "ua": "Europe/Kyiv", "uz": "Asia/Tashkent"}
# Country domains sites take for their letters (.io, .tv, .fm), link shorteners' (bit.ly, goo.gl, t.co)
# and free ones' (.tk, .ml): not where the site is. Armenia's .am, Montenegro's .me and Palestine's
# .ps are their press's too, but only .am's and .ps's outnumber the others.
_TAKEN_FOR_THEIR_LETTERS = frozenset(("io", "co", "me", "tv", "fm", "ai", "ly", "to", "ws", "cc", "gg", "so", "sh",
                                      "ac", "la", "vc", "nu", "tk", "ml", "ga", "cf", "gq", "bz", "st", "pw", "cx",
                                      "ag", "gd", "vg", "ms", "gl", "aq"))
_SECOND_LEVELS = frozenset(("com", "org", "net", "gov", "edu", "co", "ac", "or", "ne", "go", "info", "news"))


@functools.cache
def _zone_tab() -> dict[str, str]:
    """Country code (lower case) → the first zone the tz database's zone.tab lists for it (from the
    tzdata package, a dependency; without it, an empty table: no date is read in a site's zone)."""
    from importlib.resources import files

    zones: dict[str, str] = {}
    try:
        table = (files("tzdata.zoneinfo") / "zone.tab").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return zones
    for line in table.splitlines():
        if line and not line.startswith("#"):
            country, _, zone = line.split("\t")[:3]
            zones.setdefault(country.lower(), zone)
    return zones


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
        return UNREADABLE if raw and raw.strip() else None
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
