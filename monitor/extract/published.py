"""When an article page says it was published: declared as data (JSON-LD, meta tags, <time>), else
shown as text (under the headline, in the byline, after a label: extract.on_the_page finds those),
else in its <title> or address; a shown date wins over a declared one only where it says more.
"""

from __future__ import annotations

import itertools
import logging
import re
import zoneinfo
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from monitor.clean.markup import one_line_text
from monitor.clean.titles import TITLE_SEPARATOR
from monitor.dates import parse_date
from monitor.extract.linked_data import ld_date
from monitor.extract.on_the_page import (BYLINE_ELEMENTS, date_texts, labelled_dates, time_elements,
                                         under_the_headline, update_date)
from monitor.language import code, identify

log = logging.getLogger(__name__)


# The names pages give their publication date under, beyond OpenGraph's: Dublin Core's, Parse.ly's,
# Sailthru's, cXense's, Yandex's mediator (RT's and many Russian sites': "mediator_published_time"),
# and what CMS templates invent ("pubdate", "publish-date"). A page's update time is not among them.
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "article:published",
                  "og:published_time", "og:pubdate", "datepublished", "parsely-pub-date", "sailthru.date",
                  "mediator_published_time", "cxenseparse:recs:publishtime", "article.published",
                  "article:published_date", "dc.date", "dc.date.issued", "dc.date.publication", "dcterms.issued",
                  "dcterms.date", "citation_publication_date", "citation_date", "originalpublicationdate", "pubdate",
                  "publishdate", "publish-date", "publish_date", "publish_time", "published_time", "published_date",
                  "published-date", "published_at", "publication_date", "date_published", "date")
_CREATED_META = ("datecreated", "dcterms.created", "dc.date.created")
# A page's last change declared in its meta tags (OpenGraph's), as JSON-LD's dateModified: the
# article was published no later.
_MODIFIED_META = ("article:modified_time", "og:updated_time", "article:modified", "dcterms.modified")


def _with_vendors_zone(published: str | None, vendors: str | None) -> str | None:
    """The date found, or the one declared under a name of the site's own making (_vendors_published)
    where none was found, or where that has its zone and the one found has none, a day apart at
    most (SIC Notícias shows "09:19" and declares 08:19 UTC). Less trusted than the names every
    site uses: "Fri Mar 13 21:30:09 EST 2015" on an Australian page is not New York's EST."""
    if vendors is None:
        return published
    declared, zoned = parse_date(vendors)
    if declared is None:
        return published
    if published is None:
        return vendors
    if not zoned:
        return published
    found, found_zoned = parse_date(published)
    if found is None or (not found_zoned and abs(found - declared) <= timedelta(days=1)):
        return vendors
    return published


def _vendors_published(meta: dict[str, str]) -> str | None:
    """A publication date under a name of the site's own making, a known name after its prefix
    (SIC Notícias's "impresa:publishedDate")."""
    for key, value in meta.items():
        if key.rsplit(":", 1)[-1].rsplit(".", 1)[-1] in _PUBLISHED_NAMES and key not in _PUBLISHED_META:
            return value
    return None


_PUBLISHED_NAMES = frozenset(("publisheddate", "published_time", "publishdate", "publish_date", "publish-date",
                              "datepublished", "publicationdate", "publication_date", "pubdate", "published_date",
                              "published-date", "publish_time", "publishtime", "article_published_time"))


def _first_date(*values: str | None) -> str | None:
    """The first of the values that reads as a date; else the first given (kept as the page wrote it).
    A date written without its zone gives way to a later value that writes the same minute with one
    (Engadget: JSON-LD's "2017-11-03 03:01:00.000000", a meta's "2017-11-03T03:01:00-04:00"), and a
    day alone to a later value with the time on that day (NPR: a meta's "2016-12-15", the article's
    <time datetime="2016-12-15T15:33:00-05:00">)."""
    given = [value.strip() for value in values if value and value.strip()]
    for at, value in enumerate(given):
        when, zoned = parse_date(value)
        if when is None:
            continue
        if not zoned and (minute := _ISO_MINUTE.match(value)) is not None:
            for other in given[at + 1:]:
                if (same := _ISO_MINUTE.match(other)) is not None and same.groups() == minute.groups() \
                        and parse_date(other)[1]:
                    return other
        if _ISO_DAY.fullmatch(value):
            for other in given[at + 1:]:
                if other.startswith(value) and _ISO_MINUTE.match(other) and parse_date(other)[0] is not None:
                    return other
        return value
    return given[0] if given else None


_ISO_MINUTE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def same_day(one: str, other: str, language: str | None, day_first: bool | None) -> bool:
    """Whether two dates as a page writes them name the same day, each in its own zone."""
    languages = tuple(filter(None, [code(language)]))
    days: list[date | None] = []
    for written in (one, other):
        try:  # ISO 8601 with its offset: the day where it was written, not UTC's
            days.append(datetime.fromisoformat(written.strip().replace("Z", "+00:00")).date())
        except ValueError:
            read = parse_date(written, None, languages, day_first=day_first)[0]
            days.append(read.date() if read is not None else None)
    return days[0] is not None and days[0] == days[1]


_BARE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_MOST_HOURS_APART = timedelta(hours=14)  # the furthest a zone is from UTC
_QUARTER_HOUR = timedelta(minutes=15)  # what every zone's offset is a multiple of


def _shown_is_finer(shown: str | None, declared: str, language: str | None, day_first: bool | None = None) -> bool:
    """Whether a date the page shows (date_texts', as written) says more than the one declared as
    data without a zone: a day's date ("2017-03-10", a date-only meta) and the time on that day
    ("2017-03-10 09:58"), or the same time with its zone (CNN's meta "2016-02-01 01:28:49" and
    "February 1, 2016 1:28 AM ET" shown: the shown time is whole quarter-hours from the declared
    one read as UTC, a zone's offset). A declared date that does not read gives way to a shown one."""
    if not shown:
        return False
    languages = tuple(filter(None, [code(language)]))
    when, zoned = parse_date(shown, None, languages, day_first=day_first)
    if when is None:
        return False
    if _BARE_DAY.fullmatch(declared):
        return when.date().isoformat() == declared and (when.hour, when.minute) != (0, 0)
    stated = parse_date(declared, None, languages, day_first=day_first)[0]
    if stated is None:
        return True
    apart = when.replace(second=0, microsecond=0) - stated.replace(second=0, microsecond=0)
    if not (abs(apart) <= _MOST_HOURS_APART and apart % _QUARTER_HOUR == timedelta(0)):
        return False
    # Shown without its zone, on the site's clock, and whole hours from the declared one: the declared
    # one is UTC without its "Z" (Index.hr's "2021-12-07T08:14:00" over "07.12.2021. u 09:14"), and read
    # on the site's clock it was an hour off; the shown one is read there.
    return zoned or (apart != timedelta(0) and (when.hour, when.minute) != (0, 0))


# A date declared at UTC ("2021-12-18T10:32:41+00:00", "…Z"), a minute at least.
_AT_UTC = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$")


def _off_the_sites_clock(written: str, declared: datetime, zone: str | None) -> bool:
    """Whether a date declared with an offset (ISO 8601's) has another one than the site's zone had then."""
    if zone is None or (offset := _ISO_OFFSET.search(written.strip())) is None:
        return False
    sign, hours, minutes = offset.groups()
    stated = timedelta(hours=int(hours), minutes=int(minutes)) * (-1 if sign == "-" else 1)
    return declared.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() != stated


_ISO_OFFSET = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?([+-])(\d{2}):?(\d{2})$")


def _same_wall_clock(shown: str, declared: str, language: str | None, day_first: bool | None) -> bool:
    """Whether the page shows, without its zone, the very minute it declares at UTC or at an offset
    its site's clock never has (_off_the_sites_clock): a CMS that writes its local time with "+00:00"
    (Matichon's <time datetime="2021-12-18T10:32:41+00:00"> over "…2564 - 10:32 น.", Bangkok's 10:32). The shown time is then read on the site's clock; on
    a site whose clock is UTC's that reads as the same instant."""
    when, zoned = parse_date(shown, None, tuple(filter(None, [code(language)])), day_first=day_first)
    minute = _ISO_MINUTE.match(declared)
    return (when is not None and not zoned and minute is not None and (when.hour, when.minute) != (0, 0)
            and (when.year, when.month, when.day, when.hour, when.minute) == tuple(map(int, minute.groups())))


def _has_a_time(text: str, language: str | None, day_first: bool | None) -> bool:
    when = parse_date(text, None, tuple(filter(None, [code(language)])), day_first=day_first)[0]
    return when is not None and (when.hour, when.minute) != (0, 0)


_A_DAY = timedelta(days=1)  # the furthest a zone's wrong guess takes a date past the time it was fetched


def _later_than(written: str | None, fetched_at: datetime | None, language: str | None,
                day_first: bool | None) -> bool:
    """Whether a date as a page writes it is later than a day after the page was fetched."""
    if written is None or fetched_at is None:
        return False
    read = parse_date(written, None, tuple(filter(None, [code(language)])), day_first=day_first)[0]
    return read is not None and read > fetched_at + _A_DAY


# The parts of a <title> after its headline: "Headline - 07.12.2017 - LA NACION", "Headline - РИА
# Новости, 12.11.2021".
TITLE_PARTS = re.compile(TITLE_SEPARATOR.pattern + r"|,\s+")
_TITLE_DATE_CHARS = (6, 40)


def date_in_title(title: str | None, language: str | None, text: str, day_first: bool | None = None) -> str | None:
    """The date a page's <title> gives as one of its parts after the headline, with a day, month
    and year (monitor.dates): the page's date where it gives none elsewhere (La Nación's letters,
    RIA Novosti write it only there), and no part of its headline. Read in the page's language,
    else in its text's ("03/04/2021" is no date in English, nor in no language)."""
    if not title:
        return None
    parts = [part.strip() for part in TITLE_PARTS.split(one_line_text(title))[1:]]
    parts = [part for part in parts if _TITLE_DATE_CHARS[0] <= len(part) <= _TITLE_DATE_CHARS[1]
             and any(c.isdigit() for c in part)]
    if not parts:
        return None
    languages = tuple(filter(None, [code(language) or identify(text)]))
    return next((part for part in parts if parse_date(part, None, languages, day_first=day_first)[0] is not None), None)


# A day in an article's address, as many news sites write it: ".../2015/03/18/slug", ".../2021-11-12/slug".
# (A month and a day of one figure where slashes bound them: vz.ru's "/news/2021/12/4/1132001.html".)
_ADDRESS_DAY = re.compile(r"/((?:19|20)\d\d)([/-])(0[1-9]|1[0-2]|(?<=/)[1-9](?=/))\2(0[1-9]|[12]\d|3[01]|(?<=/)[1-9](?=/))"
                          r"(?=[/_.-]|$)")


def _address_date(address: str | None) -> str | None:
    """The day an article's address gives ("2015-03-18"), where the page gives no date at all."""
    if not address:
        return None
    try:
        path = urlsplit(address).path
    except ValueError:
        return None
    found = _ADDRESS_DAY.search(path)
    if found is None:
        return None
    year, _, month, day = found.groups()
    try:
        return datetime(int(year), int(month), int(day)).date().isoformat()
    except ValueError:  # the 31st of a month of 30 days
        return None


def declared_or_shown(root: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None, ld: dict[str, Any],
                      meta: dict[str, str], language: str | None,
                      day_first: bool | None, fetched_at: datetime | None = None,
                      site_zone: str | None = None) -> tuple[str | None, str | None]:
    """When an article page says it was published: the date its data declares (JSON-LD, meta tags,
    <time>), or the one it shows as text where none is declared or that says more, or where the
    declared one is later than a day after the page was fetched (`fetched_at`: a CMS's mistyped
    year, "2031-12-07") and the shown one is not; with the shown date, or None (the text then goes
    without the line that shows it)."""
    time_element, in_the_header = time_elements(root)
    published = _first_date(ld_date(ld.get("datePublished")), *(meta.get(key) for key in _PUBLISHED_META),
                            time_element)
    shown_date = None
    ahead = _later_than(published, fetched_at, language, day_first)
    declared, zoned = parse_date(published) if published is not None else (None, False)
    # A declared offset the site's clock never shows (its template's "+03:00" on a Kyiv site in
    # winter) is as suspect as one at UTC: the page's own minute, shown, settles it.
    suspect_offset = (published is not None and declared is not None and zoned
              and (_AT_UTC.search(published.strip()) is not None or _off_the_sites_clock(published, declared, site_zone)))
    if published is None or ahead or suspect_offset or not zoned:  # none declared, or without its zone
        shown = itertools.chain(date_texts(root, language, day_first),
                                labelled_dates(root, language, day_first),
                                date_texts(root, language, day_first, BYLINE_ELEMENTS, search=False, parts=True),
                                under_the_headline(h1, language, day_first))
        # What is declared as data stands unless the page shows more of it.
        shown_date = next((text for text in shown
                           if published is None
                           or (not _later_than(text, fetched_at, language, day_first) if ahead
                               else _same_wall_clock(text, published.strip(), language, day_first) if suspect_offset
                               else _shown_is_finer(text, published.strip(), language, day_first))),
                          None)
        if shown_date is not None and published is None and not _has_a_time(shown_date, language, day_first):
            # The day alone, its time in an element of its own beside it (Rossiyskaya Gazeta's "date-day"
            # and "date-time" spans): the reading of their parent, or another, on that day with a time.
            shown_date = next((text for text in shown if _has_a_time(text, language, day_first)
                               and same_day(text, shown_date, language, day_first)), shown_date)
        # The site's header may hold the article's <time> (a page with no <article>), or the site's
        # clock (Ultima Hora's "jueves, 09 enero 2014 10:21" over a story its byline dates
        # 08/01/2014): a date the page shows comes first, but on the header's day, where the
        # header's time says more.
        if published is None and in_the_header is not None and (
                shown_date is None or same_day(in_the_header, shown_date, language, day_first)):
            published, shown_date = in_the_header, None
    return _with_vendors_zone(shown_date or published, _vendors_published(meta)), shown_date


def recorded_date(root: lxml.html.HtmlElement, ld: dict[str, Any], meta: dict[str, str], address: str | None,
                  language: str | None, day_first: bool | None) -> str | None:
    """A date for an article page that declares and shows no publication date: its record's creation
    or last change declared as data, after any date the page shows (a CMS's dateCreated is when the
    record was made: the Rhein-Neckar-Zeitung's, 2019, on a story that shows 12.10.2015, the day it
    was published), else the day in its address, else the date it shows as its last update."""
    recorded = _first_date(*(meta.get(key) for key in _CREATED_META), ld_date(ld.get("dateCreated")),
                           ld_date(ld.get("dateModified")), *(meta.get(key) for key in _MODIFIED_META))
    return recorded or _address_date(address) or update_date(root, language, day_first)
