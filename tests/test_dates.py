"""monitor.dates: parse_date and suspect_reason."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT
from monitor import dates
from monitor.dates import UNREADABLE, date_labels_end, is_update_note, parse_date, site_country, suspect_reason, utc_now

UTC = timezone.utc


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --------------------------------------------------------------------------- RFC 822 / 2822

@pytest.mark.parametrize(("raw", "expected"), [
    ("Tue, 10 Jun 2003 04:00:00 GMT", utc(2003, 6, 10, 4, 0)),
    ("Tue, 10 Jun 2003 04:00:00 +0000", utc(2003, 6, 10, 4, 0)),
    ("Tue, 10 Jun 2003 04:00:00 +0200", utc(2003, 6, 10, 2, 0)),
    ("Tue, 10 Jun 2003 04:00:00 -0500", utc(2003, 6, 10, 9, 0)),
    ("Tue, 10 Jun 2003 23:30:00 -0130", utc(2003, 6, 11, 1, 0)),  # crosses midnight
    ("Tue, 10 Jun 2003 04:00:00 EST", utc(2003, 6, 10, 9, 0)),
    ("Tue, 10 Jun 2003 04:00:00 PDT", utc(2003, 6, 10, 11, 0)),
    ("10 Jun 2003 04:00 UT", utc(2003, 6, 10, 4, 0)),
    ("Tue, 10 Jun 03 04:00:00 GMT", utc(2003, 6, 10, 4, 0)),  # two-digit year
])
def test_rfc822_with_zone(raw, expected):
    parsed, had_zone = parse_date(raw)
    assert parsed == expected
    assert parsed.tzinfo == UTC
    assert had_zone is True


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon, 06 Dec 2021 10:00:00 MSK", utc(2021, 12, 6, 7, 0)),  # Moscow
    ("Mon, 06 Dec 2021 10:00:00 EET", utc(2021, 12, 6, 8, 0)),  # Kyiv in winter
    ("Tue, 01 Jun 2021 10:00:00 EEST", utc(2021, 6, 1, 7, 0)),  # Kyiv in summer
    ("Mon, 06 Dec 2021 10:00:00 CET", utc(2021, 12, 6, 9, 0)),
    ("Tue, 01 Jun 2021 10:00:00 cest", utc(2021, 6, 1, 8, 0)),
    ("Tue, 01 Jun 2021 10:00:00 BST", utc(2021, 6, 1, 9, 0)),
    ("Mon, 06 Dec 2021 10:00:00 IST", utc(2021, 12, 6, 4, 30)),  # India's
])
def test_rfc822_with_a_european_or_moscow_zone_name(raw, expected):
    assert parse_date(raw) == (expected, True)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon, 06 Dec 2021 10:00:00 +03:00", utc(2021, 12, 6, 7, 0)),  # ISO's colon in a pubDate
    ("Mon, 06 Dec 2021 10:00 GMT+3", utc(2021, 12, 6, 7, 0)),
    ("Mon, 06 Dec 2021 10:00:00 UTC+03:00", utc(2021, 12, 6, 7, 0)),
    ("Mon, 06 Dec 2021 10:00:00 GMT-0500", utc(2021, 12, 6, 15, 0)),
    ("Mon, 06 Dec 2021 10:00:00 +05:30", utc(2021, 12, 6, 4, 30)),
    ("Mon, 06 Dec 2021 10:00:00 GMT+0000", utc(2021, 12, 6, 10, 0)),
    ("Mon, 06 Dec 2021 10:00:00 +03", utc(2021, 12, 6, 7, 0)),  # hours, not minutes, as ISO 8601 reads it
    ("Mon, 06 Dec 2021 10:00 +3", utc(2021, 12, 6, 7, 0)),
    ("Mon, 06 Dec 2021 10:00:00 -05", utc(2021, 12, 6, 15, 0)),
])
def test_rfc822_with_an_offset_written_as_sites_write_it(raw, expected):
    assert parse_date(raw) == (expected, True)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon Dec 06 10:00:00 MSK 2021", utc(2021, 12, 6, 7, 0)),  # Java's Date.toString(): the zone before the year
    ("Tue Jun 01 10:00:00 EEST 2021", utc(2021, 6, 1, 7, 0)),
    ("Mon Dec 6 10:00:00 GMT 2021", utc(2021, 12, 6, 10, 0)),
])
def test_a_date_as_java_writes_it_keeps_its_zone(raw, expected):
    assert parse_date(raw) == (expected, True)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Thu, 09 Dec 2021 24:00:00 +0000", utc(2021, 12, 10, 0, 0)),  # the end of the day: the next midnight
    ("Fri, 31 Dec 2021 24:00:00 +0100", utc(2021, 12, 31, 23, 0)),
    ("2021-12-09T24:00:00+03:00", utc(2021, 12, 9, 21, 0)),
    ("2021-12-09T10:00:00+03:00Z", utc(2021, 12, 9, 7, 0)),  # a "Z" after the offset adds nothing
    ("2021-12-09T10:00:00.250+0300Z", utc(2021, 12, 9, 7, 0) + timedelta(milliseconds=250)),
])
def test_a_days_24th_hour_and_a_z_after_an_offset_read(raw, expected):
    assert parse_date(raw) == (expected, True)


def test_a_time_past_the_24th_hour_stays_unread():
    assert parse_date("2021-12-09T24:30:00") == (None, False)


@pytest.mark.parametrize("raw", ["Mon, 06 Dec 2021 10:00:00 +25:00", "Mon, 06 Dec 2021 10:00:00 GMT+3:75",
                                 "Mon, 06 Dec 2021 10:00:00 +25"])
def test_rfc822_with_an_impossible_offset_has_no_zone(raw):
    assert parse_date(raw) == (utc(2021, 12, 6, 10, 0), False)


@pytest.mark.parametrize("raw", ["Mon, 06 Dec 2021 10:00:00 -00:00", "Mon, 06 Dec 2021 10:00:00 -00"])
def test_rfc822_with_a_minus_zero_offset_is_utc(raw):
    # As "-0000" (RFC 2822) and ISO's "-00:00" (RFC 3339): the time is UTC, the writer's zone unsaid.
    assert parse_date(raw) == (utc(2021, 12, 6, 10, 0), True)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2021-12-06 10:00:00 Europe/Moscow", utc(2021, 12, 6, 7, 0)),  # PHP's and Java's formats
    ("2021-06-01 10:00:00 Europe/Kiev", utc(2021, 6, 1, 7, 0)),  # the zone's summer offset, on its date
    ("2021-12-06 10:00:00 Europe/Kyiv", utc(2021, 12, 6, 8, 0)),
    ("06.12.2021 10:00 Europe/Moscow", utc(2021, 12, 6, 7, 0)),
    ("2021-12-06T10:00:00+03:00 Europe/Moscow", utc(2021, 12, 6, 7, 0)),  # the offset written too
    ("2021-12-06T10:00+03:00[Europe/Moscow]", utc(2021, 12, 6, 7, 0)),  # Java's ZonedDateTime (RFC 9557)
    ("2021-12-06T10:00[Europe/Moscow]", utc(2021, 12, 6, 7, 0)),
    ("20211206T100000+0300", utc(2021, 12, 6, 7, 0)),  # ISO 8601's basic format
    # JavaScript's Date.toString(), in English or in the browser's language:
    ("Mon Dec 06 2021 10:00:00 GMT+0300 (Moscow Standard Time)", utc(2021, 12, 6, 7, 0)),
    ("Mon Dec 06 2021 10:00:00 GMT+0200 (Восточная Европа, стандартное время)", utc(2021, 12, 6, 8, 0)),
    # Kyiv time in words, its summer offset on its date (it had been read as UTC, or not at all)
    ("6 December 2021, 10:00 (Kyiv time)", utc(2021, 12, 6, 8, 0)), ("Dec 6, 2021 at 10:00 Kyiv time", utc(2021, 12, 6, 8, 0)),
    ("6 грудня 2021, 10:00 за київським часом", utc(2021, 12, 6, 8, 0)),
    ("1 июня 2021, 10:00 по киевскому времени", utc(2021, 6, 1, 7, 0)),
    # a time and its offset ahead of the date, as AP shows it
    ("10:00 AM GMT+1, December 6, 2021", utc(2021, 12, 6, 9, 0)),
    # Moscow time in English and Ukrainian words, its offset on its day (+4 before October 2014)
    ("6 December 2021, 10:00 (Moscow time)", utc(2021, 12, 6, 7, 0)), ("Dec 6, 2021 at 10:00 Moscow time", utc(2021, 12, 6, 7, 0)),
    ("6 грудня 2021, 10:00 за московським часом", utc(2021, 12, 6, 7, 0)),
    ("6 мая 2013, 10:00 по московскому времени", utc(2013, 5, 6, 6, 0)),
    # other capitals' and countries' time, which had left the date unread
    ("6 décembre 2021 à 10h00 (heure de Paris)", utc(2021, 12, 6, 9, 0)), ("06.12.2021 10:00 (czasu polskiego)", utc(2021, 12, 6, 9, 0)),
    ("6 dicembre 2021, 10:00 (ora italiana)", utc(2021, 12, 6, 9, 0)), ("6 July 2021 10:00 am Eastern time", utc(2021, 7, 6, 14, 0)),
    # a zone's name or offset in brackets, which email.utils reads past as a comment
    ("6 December 2021, 10:00 (CET)", utc(2021, 12, 6, 9, 0)), ("6 December 2021 10:00 (GMT+3)", utc(2021, 12, 6, 7, 0)),
    # North America's zones by their seasonless letters, each its offset on its day (summer dates had
    # been UTC, and all but "ET" in winter too)
    ("Dec. 7, 2021 9:32 AM ET", utc(2021, 12, 7, 14, 32)), ("July 7, 2021 9:32 a.m. ET", utc(2021, 7, 7, 13, 32)),
    ("Tue, 07 Dec 2021 09:32:00 ET", utc(2021, 12, 7, 14, 32)), ("Dec 7, 2021, 4:15 PM CT", utc(2021, 12, 7, 22, 15)),
    ("2021-07-07 09:32 MT", utc(2021, 7, 7, 15, 32)), ("July 7, 2021 9:32 AM PT", utc(2021, 7, 7, 16, 32)),
    ("Dec 7, 2021 9:32 pm Pacific time", utc(2021, 12, 8, 5, 32)),
    ("7 décembre 2021 à 14 h 05 HNE", utc(2021, 12, 7, 19, 5)), ("7 juin 2021 à 14 h 05 HAE", utc(2021, 6, 7, 18, 5)),
    # Kyiv's or Moscow's time by the city's name in brackets; an update's time in brackets after the date
    ("вівторок, 7 грудня 2021, 16:43 (за Києвом)", utc(2021, 12, 7, 14, 43)), ("07.12.2021, 16:43 (Киев)", utc(2021, 12, 7, 14, 43)),
    ("07.12.2021, 16:43 (Москва)", utc(2021, 12, 7, 13, 43)),
])
def test_a_zone_named_after_the_time_is_that_zone(raw, expected):
    assert parse_date(raw, None, ("ru", "uk", "en", "fr", "pl", "it")) == (expected, True)


def test_a_date_without_a_zone_is_in_the_zone_its_source_gives():
    from zoneinfo import ZoneInfo

    kyiv = ZoneInfo("Europe/Kyiv")
    assert parse_date("2021-12-06 10:00:00", None, (), kyiv) == (utc(2021, 12, 6, 8, 0), True)
    assert parse_date("06.06.2021 10:00", None, ("uk",), kyiv) == (utc(2021, 6, 6, 7, 0), True)  # summer time
    assert parse_date("2021-12-06T10:00:00+03:00", None, (), kyiv) == (utc(2021, 12, 6, 7, 0), True)  # its own


@pytest.mark.parametrize(("raw", "country", "expected"), [
    # Australia's eastern time, written "EST" as some of its sites do: not New York's, 15 hours off.
    ("Mon, 06 Dec 2021 10:15:00 EST", "au", utc(2021, 12, 6, 0, 15)),
    ("6 December 2021 10:15am EST", "au", utc(2021, 12, 6, 0, 15)),
    ("Mon, 06 Dec 2021 10:15:00 EDT", "au", utc(2021, 12, 5, 23, 15)),
    ("Mon, 06 Dec 2021 10:15:00 CST", "au", utc(2021, 12, 6, 0, 45)),  # Adelaide's, +9:30
    ("Mon, 06 Dec 2021 10:15:00 WST", "au", utc(2021, 12, 6, 2, 15)),  # Perth's
    ("Mon, 06 Dec 2021 10:15:00 AEDT", "au", utc(2021, 12, 5, 23, 15)),  # Australia's own names stay
    ("2021-12-06 10:15:00 CST", "cn", utc(2021, 12, 6, 2, 15)),  # China Standard Time
    ("Mon, 06 Dec 2021 10:15:00 CST", "tw", utc(2021, 12, 6, 2, 15)),
    ("Dec 6, 2021 10:15 IST", "il", utc(2021, 12, 6, 8, 15)),  # Israel's
    ("Jun 6, 2021 10:15 IDT", "il", utc(2021, 6, 6, 7, 15)),
    ("Jun 6, 2021 10:15 IST", "ie", utc(2021, 6, 6, 9, 15)),  # Irish summer time
    ("Tue, 07 Dec 2021 12:00:00 BST", "bd", utc(2021, 12, 7, 6, 0)),  # Bangladesh Standard Time
    ("Tue, 07 Dec 2021 12:00:00 BdST", "bd", utc(2021, 12, 7, 6, 0)),  # bdnews24's letters for it
    # Elsewhere, and where the country is not known, the names are read as before.
    ("Dec 6, 2021 10:15 IST", "in", utc(2021, 12, 6, 4, 45)),
    ("Dec 6, 2021 10:15 IST", None, utc(2021, 12, 6, 4, 45)),
    ("Mon, 06 Dec 2021 10:15:00 EST", "us", utc(2021, 12, 6, 15, 15)),
    ("Mon, 06 Dec 2021 10:15:00 EST", None, utc(2021, 12, 6, 15, 15)),
    ("Mon, 06 Dec 2021 10:15:00 CST", "au", utc(2021, 12, 6, 0, 45)),
])
def test_a_zone_name_a_sites_country_reads_its_own_way_is_read_as_it_means_it(raw, country, expected):
    assert parse_date(raw, None, ("en",), country=country) == (expected, True)


@pytest.mark.parametrize(("raw", "languages", "country", "expected"), [
    # Thailand counts years in the Buddhist era, 543 ahead: a Thai date's year is read in the common era.
    ("7 ธันวาคม 2564", ("th",), None, (datetime(2021, 12, 7, tzinfo=timezone.utc), False)),
    ("29 กุมภาพันธ์ 2563", ("th",), None, (datetime(2020, 2, 29, tzinfo=timezone.utc), False)),  # 2020's leap day
    ("07/12/2564", ("th",), "th", (datetime(2021, 12, 7, tzinfo=timezone.utc), False)),
    ("Tue, 07 Dec 2564 10:00:00 +0700", (), "th", (datetime(2021, 12, 7, 3, tzinfo=timezone.utc), True)),
    ("2564-12-07T10:00:00+07:00", ("th",), None, (datetime(2021, 12, 7, 3, tzinfo=timezone.utc), True)),
    ("7 ธันวาคม 2021", ("th",), None, (datetime(2021, 12, 7, tzinfo=timezone.utc), False)),  # written in the common era
    # in Thai digits; with the era's mark, the day's word or weekday ahead, a dash before the time
    ("๗ ธันวาคม ๒๕๖๔", ("th",), None, (datetime(2021, 12, 7, tzinfo=timezone.utc), False)),
    ("7 ธันวาคม พ.ศ. 2564", ("th",), None, (datetime(2021, 12, 7, tzinfo=timezone.utc), False)),
    ("วันที่ 7 ธันวาคม พ.ศ. 2564 - 14:32 น.", ("th",), None, (datetime(2021, 12, 7, 14, 32, tzinfo=timezone.utc), False)),
    ("วันอังคารที่ 7 ธันวาคม 2564 เวลา 14:32 น.", ("th",), None,
     (datetime(2021, 12, 7, 14, 32, tzinfo=timezone.utc), False)),
    # the era's year in two figures after a month's abbreviation, as Thai sites write under the headline
    ("22 ธ.ค. 64 06:48", ("th",), "th", (datetime(2021, 12, 22, 6, 48, tzinfo=timezone.utc), False)),
    ("7 ธ.ค.64", ("th",), None, (datetime(2021, 12, 7, tzinfo=timezone.utc), False)),
    # Nothing says the date is Thai: read as written (and suspect, five centuries ahead).
    ("Tue, 07 Dec 2564 10:00:00 +0700", ("en",), "gb", (datetime(2564, 12, 7, 3, tzinfo=timezone.utc), True)),
])
def test_a_thai_dates_buddhist_era_year_is_read_in_the_common_era(raw, languages, country, expected):
    assert parse_date(raw, None, languages, country=country, day_first=True) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    # The Iranian (Solar Hijri) calendar, as Persian sites show it: the 16th of Azar 1400 is the 7th of December 2021.
    ("۱۶ آذر ۱۴۰۰", datetime(2021, 12, 7, tzinfo=timezone.utc)),
    ("سه‌شنبه ۱۶ آذر ۱۴۰۰ - ۱۰:۱۵", datetime(2021, 12, 7, 10, 15, tzinfo=timezone.utc)),
    ("سه شنبه 16 آذر 1400 ساعت 10:15", datetime(2021, 12, 7, 10, 15, tzinfo=timezone.utc)),
    ("16 دي 1400", datetime(2022, 1, 6, tzinfo=timezone.utc)),  # an Arabic keyboard's "ي" for "ی"
    ("1400/09/16 - 10:15", datetime(2021, 12, 7, 10, 15, tzinfo=timezone.utc)),
    ("۱۴۰۰/۰۹/۱۶", datetime(2021, 12, 7, tzinfo=timezone.utc)),
    ("30 اسفند 1400", None),  # 1400 is no leap year: Esfand has 29 days
    ("آذر 1400", None),  # no day
])
def test_a_solar_hijri_date_is_read_in_the_gregorian_calendar(raw, expected):
    assert parse_date(raw, None, ("fa",)) == (expected, False)


@pytest.mark.parametrize(("raw", "expected"), [
    # Arabic news marks the era: "م" after the year (the common era's), a Hijri date ahead closed by "هـ".
    ("07 ديسمبر 2021 م", datetime(2021, 12, 7, tzinfo=timezone.utc)),
    ("07 ديسمبر 2021م", datetime(2021, 12, 7, tzinfo=timezone.utc)),
    ("الثلاثاء 3 جمادى الأولى 1443 هـ - 07 ديسمبر 2021 م", datetime(2021, 12, 7, tzinfo=timezone.utc)),
    ("الثلاثاء 3 جمادى الأولى 1443هـ الموافق 07 ديسمبر 2021م", datetime(2021, 12, 7, tzinfo=timezone.utc)),
    ("الثلاثاء 07 ديسمبر 2021 م - 10:15 م", datetime(2021, 12, 7, 22, 15, tzinfo=timezone.utc)),  # "م" after a time: PM
    ("3 جمادى الأولى 1443 هـ", None),  # the Hijri date alone stays unread
    # the mark drawn out with a tatweel, and the paper's issue number after it (Asharq Al-Awsat's)
    ("07 ديسمبر 2021 مـ رقم العدد [ 15716]", datetime(2021, 12, 7, tzinfo=timezone.utc)),
    # the months as the Maghreb names them (Morocco's, Algeria's)
    ("الثلاثاء 7 دجنبر 2021 - 14:32", datetime(2021, 12, 7, 14, 32, tzinfo=timezone.utc)),
    ("12 نونبر 2021 - 09:10", datetime(2021, 11, 12, 9, 10, tzinfo=timezone.utc)),
    ("5 جوان 2021", datetime(2021, 6, 5, tzinfo=timezone.utc)), ("5 غشت 2021", datetime(2021, 8, 5, tzinfo=timezone.utc)),
    # and as the Levant names them, alone (Annahar's; Al Mayadeen's without the article's hamza)
    ("7 كانون الأول 2021 | 14:20", datetime(2021, 12, 7, 14, 20, tzinfo=timezone.utc)),
    ("7 كانون اول 2021 16:02", datetime(2021, 12, 7, 16, 2, tzinfo=timezone.utc)),
    ("3 تشرين الثاني 2021", datetime(2021, 11, 3, tzinfo=timezone.utc)), ("9 شباط 2022", datetime(2022, 2, 9, tzinfo=timezone.utc)),
])
def test_an_arabic_dates_era_marks_are_read_past(raw, expected):
    assert parse_date(raw, None, ("ar",)) == (expected, False)


@pytest.mark.parametrize(("raw", "language", "expected"), [
    # "14h30" and "14h", as Brazilian and French sites write a time: dateparser read them in French only.
    ("07/12/2021 às 14h30", "pt", datetime(2021, 12, 7, 14, 30, tzinfo=timezone.utc)),
    ("7 de dezembro de 2021, 14h", "pt", datetime(2021, 12, 7, 14, tzinfo=timezone.utc)),
    ("7.dez.2021 às 14h30", "pt", datetime(2021, 12, 7, 14, 30, tzinfo=timezone.utc)),
    ("Publié le 7 décembre 2021 à 14h30", "fr", datetime(2021, 12, 7, 14, 30, tzinfo=timezone.utc)),
    ("Publié le 7 décembre 2021 à 9 h 32", "fr", datetime(2021, 12, 7, 9, 32, tzinfo=timezone.utc)),  # Quebec's, spaced
    # Latin American Spanish's spaced half of the day, and Argentina's "hs" after the time
    ("07 de diciembre 2021 , 02:32 p. m.", "es", datetime(2021, 12, 7, 14, 32, tzinfo=timezone.utc)),
    ("7 de diciembre de 2021 - 9:32 a. m.", "es", datetime(2021, 12, 7, 9, 32, tzinfo=timezone.utc)),
    ("martes, 7 de diciembre de 2021 - 11:00 hs", "es", datetime(2021, 12, 7, 11, tzinfo=timezone.utc)),
    ("7 de diciembre de 2021, 11:00 hs.", "es", datetime(2021, 12, 7, 11, tzinfo=timezone.utc)),
    ("7 de diciembre de 2021, 14:32 hrs", "es", datetime(2021, 12, 7, 14, 32, tzinfo=timezone.utc)),  # Mexican sites'
])
def test_a_time_written_with_an_h_is_read(raw, language, expected):
    assert parse_date(raw, None, (language,), day_first=True) == (expected, False)


def test_only_a_zone_names_own_word_is_read_as_the_country_means_it():
    from monitor.dates.formats import as_the_country_means

    assert as_the_country_means("6 Dec 2021 10:15 EST", "au") == "6 Dec 2021 10:15 AEST"
    assert as_the_country_means("6 Dec 2021 10:15 AEST", "au") == "6 Dec 2021 10:15 AEST"
    assert as_the_country_means("WESTERN 6 Dec 2021 10:15 ESTATE", "au") == "WESTERN 6 Dec 2021 10:15 ESTATE"
    assert as_the_country_means("6 Dec 2021 10:15 EST", "fr") == "6 Dec 2021 10:15 EST"
    assert as_the_country_means("6 Dec 2021 10:15 EST", None) == "6 Dec 2021 10:15 EST"


@pytest.mark.parametrize(("raw", "expected"), [
    # RFC 822 knows no AM or PM: email.utils had read these as 02:27, with no zone.
    ("Nov 12, 2021 2:27 PM EST", (utc(2021, 11, 12, 19, 27), True)),
    ("Fri, 12 Nov 2021 2:27 pm", (utc(2021, 11, 12, 14, 27), False)),
    ("November 12, 2021 2:27 a.m.", (utc(2021, 11, 12, 2, 27), False)),
])
def test_a_time_with_am_or_pm_is_read_as_such(raw, expected):
    assert parse_date(raw, None, ("en",)) == expected


@pytest.mark.parametrize(("raw", "feedparsers", "expected"), [
    # What feedparser read (its reading stood for the date where ours failed) and what the date says:
    # ASP.NET's RFC 822 date with AM or PM, and a year-first date with slashes (Japanese feeds').
    ("Tue, 07 Dec 2021 2:30:00 PM +0200", utc(2021, 12, 7, 2, 30), utc(2021, 12, 7, 12, 30)),
    ("Tue, 07 Dec 2021 12:05 AM GMT", utc(2021, 12, 7, 12, 5), utc(2021, 12, 7, 0, 5)),
    ("Tue, 07 Dec 2021 12:05 pm GMT", utc(2021, 12, 7, 12, 5), utc(2021, 12, 7, 12, 5)),
    ("2021/12/07 14:30:00 +0900", utc(2021, 12, 1), utc(2021, 12, 7, 5, 30)),
    ("2021/12/7 14:30:00 JST", utc(2021, 12, 1), utc(2021, 12, 7, 5, 30)),
    # an ISO date with a zone's name after the time: feedparser's was the day's midnight
    ("2021-12-07 14:30:00 JST", utc(2021, 12, 7), utc(2021, 12, 7, 5, 30)),
    ("2021-12-07 14:30 EST", utc(2021, 12, 7), utc(2021, 12, 7, 19, 30)),
    ("2021-12-07T14:30:00+02:00 MSK", utc(2021, 12, 7), utc(2021, 12, 7, 12, 30)),  # the offset stands
])
def test_a_date_feedparser_misreads_is_read_by_ours(raw, feedparsers, expected):
    assert parse_date(raw, feedparsers, ("en",)) == (expected, True)


def test_rfc_2822s_minus_zero_offset_is_utc_not_the_items_zone():
    # "-0000": the time is UTC, the writer's own zone unsaid (Python's email.utils.formatdate()).
    # It had been read as a date with no zone, in the zone of the item's language.
    from zoneinfo import ZoneInfo

    assert parse_date("Tue, 07 Dec 2021 14:30:00 -0000", None, ("ru",), zone=ZoneInfo("Europe/Moscow")) \
        == (utc(2021, 12, 7, 14, 30), True)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Dec 06 Mon 2021 10:15", datetime(2021, 12, 6, 10, 15, tzinfo=timezone.utc)),
    ("Dec 06 Monday, 2021", datetime(2021, 12, 6, tzinfo=timezone.utc)),
    ("Dec 04 Sat 2021 10:15", datetime(2021, 12, 4, 10, 15, tzinfo=timezone.utc)),
])
def test_a_weekday_inside_a_date_is_read_past(raw, expected):
    # dateparser took Monday's "Mon" inside a date for a month's abbreviation and read nothing.
    assert parse_date(raw) == (expected, False)


def test_an_unknown_iana_name_leaves_the_date_unread():
    assert parse_date("2021-12-06 10:00:00 Europe/Atlantis") == (None, False)


def test_rfc822_with_a_zone_name_nobody_knows_has_no_zone():
    assert parse_date("Mon, 06 Dec 2021 10:00:00 XYZT") == (utc(2021, 12, 6, 10, 0), False)


def test_rfc822_minus_zero_is_utc_whose_writers_zone_is_unsaid():
    # RFC 2822, 3.3: "-0000" is Universal Time from a system whose own zone the date does not say.
    parsed, had_zone = parse_date("Tue, 10 Jun 2003 04:00:00 -0000")
    assert parsed == utc(2003, 6, 10, 4, 0)
    assert parsed.tzinfo == UTC
    assert had_zone is True


def test_rfc822_without_zone_is_read_as_utc_without_zone():
    assert parse_date("Tue, 10 Jun 2003 04:00:00") == (utc(2003, 6, 10, 4, 0), False)


def test_rfc822_whitespace_is_folded():
    assert parse_date("  Tue,  10 Jun 2003\n 04:00:00\tGMT ") == (utc(2003, 6, 10, 4, 0), True)


# --------------------------------------------------------------------------- ISO 8601

@pytest.mark.parametrize(("raw", "expected"), [
    ("2003-06-10T04:00:00Z", utc(2003, 6, 10, 4, 0)),
    ("2003-06-10T04:00:00z", utc(2003, 6, 10, 4, 0)),
    ("2003-06-10T04:00:00+00:00", utc(2003, 6, 10, 4, 0)),
    ("2003-06-10T04:00:00+02:00", utc(2003, 6, 10, 2, 0)),
    ("2003-06-10T04:00:00+0200", utc(2003, 6, 10, 2, 0)),
    ("2003-06-10T04:00:00.123-05:30", utc(2003, 6, 10, 9, 30, 0, 123000)),
    ("2003-06-10 04:00:00+02:00", utc(2003, 6, 10, 2, 0)),  # space instead of T
    ("2003-06-10T01:00:00+03:00", utc(2003, 6, 9, 22, 0)),  # previous day in UTC
    ("2003-06-10T04:00-500", utc(2003, 6, 10, 9, 0)),  # the offset's hour without its zero (the Washington Post's)
    ("2003-06-10T04:00:00+300", utc(2003, 6, 10, 1, 0)),
])
def test_iso_with_zone(raw, expected):
    parsed, had_zone = parse_date(raw)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)
    assert had_zone is True


def test_iso_without_zone():
    assert parse_date("2003-06-10T04:00:00") == (utc(2003, 6, 10, 4, 0), False)


def test_date_only_has_no_zone():
    parsed, had_zone = parse_date("2003-06-10")
    assert parsed == utc(2003, 6, 10)
    assert parsed.tzinfo == UTC
    assert had_zone is False


# --------------------------------------------------------------------------- garbage and hints

@pytest.mark.parametrize("raw", [
    "garbage", "yesterday", "2003-13-45", "2024-02-30", "2003-06-10T25:00:00Z",
    "Mon, 32 Jun 2003 04:00:00 GMT", "", "   ", None,
])
def test_garbage_is_none(raw):
    assert parse_date(raw) == (None, False)


HINT = datetime(2020, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))


@pytest.mark.parametrize("raw", ["garbage", None, "", "  "])
def test_hint_used_when_text_unreadable_or_missing(raw):
    parsed, had_zone = parse_date(raw, HINT)
    assert parsed == utc(2020, 1, 1, 9, 0)
    assert parsed.utcoffset() == timedelta(0)
    assert had_zone is True


def test_a_hint_for_a_date_written_without_its_zone_is_read_on_the_sites_clock() -> None:
    # feedparser reads "7 decembrie 2021 14:32" (Romanian, its months' first letters English's) as
    # UTC; the date says no zone, so the site's is applied, or the zone stays unknown
    hint = utc(2021, 12, 7, 14, 32)
    assert parse_date("7 decembrie 2021 14:32", hint) == (hint, False)
    assert parse_date("7 decembrie 2021 14:32", hint, ("ro",), ZoneInfo("Europe/Bucharest")) == (utc(2021, 12, 7, 12, 32), True)
    assert parse_date("7 decembrie 2021 14:32 +0200", hint - timedelta(hours=2)) == (utc(2021, 12, 7, 12, 32), True)


def test_own_reading_preferred_over_hint():
    assert parse_date("2003-06-10T04:00:00Z", HINT) == (utc(2003, 6, 10, 4, 0), True)
    assert parse_date("2003-06-10", HINT) == (utc(2003, 6, 10), False)


@pytest.mark.parametrize("raw", [
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00+01:00",
    "Fri, 31 Dec 9999 23:59:59 -0500",
])
def test_out_of_range_after_conversion_is_none_not_an_error(raw):
    # Converting to UTC would leave datetime's range: no date rather than an OverflowError.
    assert parse_date(raw) == (None, False)
    assert parse_date(raw, HINT) == (utc(2020, 1, 1, 9, 0), True)


@pytest.mark.parametrize("raw", ["Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z", "1970-01-01T03:00:00+03:00",
                                 "0001-01-01T00:00:00", "0001-01-01T00:00:00+01:00", "1900-01-01 00:00:00"])
def test_a_systems_placeholder_for_no_date_is_no_date(raw):
    assert parse_date(raw) == (None, False)
    assert parse_date(raw, HINT) == (utc(2020, 1, 1, 9, 0), True)  # a reader's own reading still counts
    assert parse_date(raw, datetime(1970, 1, 1, tzinfo=timezone.utc)) == (None, False)  # but not a placeholder
    assert parse_date("1970-01-01 00:00:00", None, (), ZoneInfo("Europe/Moscow")) == (None, False)  # on its own clock
    # (The least DateTime east of Greenwich is before any UTC moment: not understood at all.)
    said = dates.UNREADABLE if raw == "0001-01-01T00:00:00+01:00" else dates.PLACEHOLDER
    assert dates.suspect_reason(None, False, utc(2021, 12, 7), timedelta(days=30), raw) == said


@pytest.mark.parametrize("raw", ["Thu, 01 Jan 1970 00:00:01 +0000", "1970-01-02", "1900-01-01 10:00", "2021-01-01T00:00:00Z"])
def test_a_date_beside_a_placeholder_is_a_date(raw):
    assert parse_date(raw)[0] is not None


def test_a_date_a_person_types_may_be_a_placeholders():
    assert parse_date("1970-01-01", placeholders=True) == (utc(1970, 1, 1), False)


@pytest.mark.parametrize(("raw", "expected"), [("20211207", utc(2021, 12, 7)), ("202112071430", utc(2021, 12, 7, 14, 30)),
                                             ("20211207143005", utc(2021, 12, 7, 14, 30, 5))])
def test_a_date_written_as_digits_alone_year_first_is_read(raw, expected):
    # A CMS template's meta "pubdate" or "ptime": ISO 8601's basic format without its "T".
    assert parse_date(raw) == (expected, False)


@pytest.mark.parametrize("raw", ["20211307", "12345678", "2021120", "1638876600", "31122021"])
def test_digits_that_are_no_year_first_date_stay_unread(raw):
    assert parse_date(raw) == (None, False)


def test_edge_of_range_in_utc_is_fine():
    assert parse_date("9999-12-31T23:59:59Z") == (utc(9999, 12, 31, 23, 59, 59), True)


# --------------------------------------------------------------------------- other languages

LOCALIZED = [
    # (as a feed in that language writes it, its language, the moment in UTC, whether it named a zone)
    ("Seg, 24 Set 2018 10:00:00 -0300", "pt", utc(2018, 9, 24, 13, 0), True),
    ("Di, 21 Dez 2021 09:30:00 +0100", "de", utc(2021, 12, 21, 8, 30), True),
    ("mar., 21 déc. 2021 09:30:00 +0100", "fr", utc(2021, 12, 21, 8, 30), True),
    ("21 декабря 2021, 14:05", "ru", utc(2021, 12, 21, 14, 5), False),
    ("21 грудня 2021, 14:05", "uk", utc(2021, 12, 21, 14, 5), False),
    ("21 grudnia 2021 14:05", "pl", utc(2021, 12, 21, 14, 5), False),
    ("Вт, 21 дек 2021 14:05:00 +0300", "ru", utc(2021, 12, 21, 11, 5), True),
    ("Вт, 21 гру 2021 14:05:00 +0200", "uk", utc(2021, 12, 21, 12, 5), True),
    ("wt., 21 gru 2021 14:05:00 +0100", "pl", utc(2021, 12, 21, 13, 5), True),
    ("Dienstag, 21. Dezember 2021, 09:30 Uhr", "de", utc(2021, 12, 21, 9, 30), False),
    ("mardi 21 décembre 2021 à 09h30", "fr", utc(2021, 12, 21, 9, 30), False),
    ("21 декабря 2021, 14:05 MSK", "ru", utc(2021, 12, 21, 11, 5), True),
]


@pytest.mark.parametrize(("raw", "language", "expected", "zone"), LOCALIZED)
def test_dates_in_other_languages_with_their_language(raw, language, expected, zone):
    parsed, had_zone = parse_date(raw, None, (language,))
    assert (parsed, had_zone) == (expected, zone)
    assert parsed.tzinfo == UTC


@pytest.mark.parametrize(("raw", "language", "expected", "zone"), LOCALIZED)
def test_dates_in_other_languages_without_a_hint(raw, language, expected, zone):
    # Nothing says which language: the product's own are tried in turn.
    assert parse_date(raw) == (expected, zone)


@pytest.mark.parametrize(("raw", "expected", "zone"), [
    ("03.12.2021 14:27 МСК", utc(2021, 12, 3, 11, 27), True),
    ("3 декабря 2021, 14:27 (мск)", utc(2021, 12, 3, 11, 27), True),
    ("3 декабря 2021 14:27 по Москве", utc(2021, 12, 3, 11, 27), True),
    ("Дата публикации: 03.12.2021, 14:27 по московскому времени", utc(2021, 12, 3, 11, 27), True),
    ("Опубликовано: 03.12.2021 14:27", utc(2021, 12, 3, 14, 27), False),
])
def test_a_pages_date_with_its_label_or_moscow_time_named(raw, expected, zone):
    assert parse_date(raw, None, ("ru",)) == (expected, zone)


@pytest.mark.parametrize("raw", ["Dec 6, 2021, 11:05 IST", "December 6, 2021 11:05 am IST", "06 December 2021 11:05 AM (IST)"])
def test_ist_after_a_pages_time_is_indias(raw):
    # As Indian outlets write it under their headlines; not Israel's, which dateparser took it for.
    assert parse_date(raw, None, ("en",)) == (utc(2021, 12, 6, 5, 35), True)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon, 06 Dec 2021 10:15:00 AEDT", utc(2021, 12, 5, 23, 15)),  # Sydney in summer
    ("6 December 2021 10:15 AEDT", utc(2021, 12, 5, 23, 15)),  # read as no zone's before
    ("Mon, 06 Dec 2021 10:15:00 HKT", utc(2021, 12, 6, 2, 15)),
    ("December 6, 2021 10:15 am SGT", utc(2021, 12, 6, 2, 15)),
    ("Mon, 06 Dec 2021 10:15:00 JST", utc(2021, 12, 6, 1, 15)),
    ("06 December 2021 10:15 WIB", utc(2021, 12, 6, 3, 15)),
    ("Mon, 06 Dec 2021 10:15:00 YEKT", utc(2021, 12, 6, 5, 15)),  # Yekaterinburg
    ("6 December 2021 10:15 NPT", utc(2021, 12, 6, 4, 30)),  # Nepal's quarter hour
    ("Mon, 06 Dec 2021 10:15:00 SAST", utc(2021, 12, 6, 8, 15)),
    ("Mon, 06 Dec 2021 10:15:00 ART", utc(2021, 12, 6, 13, 15)),
])
def test_a_zone_of_the_worlds_press_named_after_a_time(raw, expected):
    assert parse_date(raw, None, ("en",)) == (expected, True)


@pytest.mark.parametrize("raw", ["نشر في: 06 ديسمبر ,2021: 01:15 م KSA", "6/12/2021 01:15 م (بتوقيت مكة المكرمة)"])
def test_saudi_time_named_after_a_time_in_arabic(raw):
    # Al Arabiya's "KSA" and Al Jazeera's "Mecca time": three hours ahead of UTC, not a time of no zone.
    assert parse_date(raw, None, ("ar",), day_first=True) == (utc(2021, 12, 6, 10, 15), True)


def test_a_town_whose_name_ends_in_msk_is_not_moscow_time():
    assert parse_date("3 декабря 2021, 14:27, Томск", None, ("ru",)) == (None, False)
    assert parse_date("3 декабря 2021, 14:27, МСК", None, ("ru",)) == (utc(2021, 12, 3, 11, 27), True)


def test_published_labels_in_english_are_read_past():
    assert parse_date("Published: December 3, 2021", None, ("en",)) == (utc(2021, 12, 3), False)


def test_a_wrong_hint_still_reads_a_date_in_another_product_language():
    # A feed declaring en-US (a template's default) over Russian dates.
    assert parse_date("21 декабря 2021, 14:05", None, ("en",)) == (utc(2021, 12, 21, 14, 5), False)


def test_the_hint_decides_an_ambiguous_numeric_date():
    assert parse_date("03.04.2021 10:00", None, ("de",)) == (utc(2021, 4, 3, 10, 0), False)
    assert parse_date("03/04/2021 10:00", None, ("fr",)) == (utc(2021, 4, 3, 10, 0), False)


@pytest.mark.parametrize("languages", [(), ("en",), ("ru",), ("en", "de")])
def test_a_dotted_numeric_date_is_day_first_in_any_language(languages):
    # Dots with a four-digit year are the European order, in English too (DW's, Ukrinform's "10.06.2013").
    assert parse_date("10.06.2013", None, languages) == (utc(2013, 6, 10), False)
    assert parse_date("06.12.2021 10:15:00 +0300", None, languages) == (utc(2021, 12, 6, 7, 15), True)
    assert parse_date("03.15.2019", None, languages)[0] in (None, utc(2019, 3, 15))  # no 15th month: not day first
    assert parse_date("Date: 10.06.2013", None, languages) == (utc(2013, 6, 10), False)


@pytest.mark.parametrize("languages", [(), ("en",), ("en", "de")])
def test_a_numeric_date_english_writes_both_ways_is_not_guessed(languages):
    # en-GB reads 08/02/2013 as the 8th of February, en-US as August the 2nd: no date beats a wrong one.
    assert parse_date("08/02/2013 12:00:00", None, languages) == (None, False)
    assert parse_date("08/02/2013 12:00 GMT", None, languages) == (None, False)


@pytest.mark.parametrize("languages", [(), ("en",), ("en", "de")])
def test_a_numeric_date_english_writes_both_ways_is_read_in_its_sites_order(languages):
    # The site's country says: the 8th of February on a British council's feed, August the 2nd on an
    # American site's; a time written with it stays with it, and a zone after it stays its own.
    assert parse_date("08/02/2013 12:00:00", None, languages, day_first=True) == (utc(2013, 2, 8, 12, 0), False)
    assert parse_date("08/02/2013 12:00:00", None, languages, day_first=False) == (utc(2013, 8, 2, 12, 0), False)
    assert parse_date("08-02-2013", None, languages, day_first=True) == (utc(2013, 2, 8), False)
    assert parse_date("Posted 08/02/2013 at 12:00 pm", None, languages, day_first=True) == (utc(2013, 2, 8, 12, 0), False)
    assert parse_date("08/02/2013 12:00 GMT", None, languages, day_first=True) == (utc(2013, 2, 8, 12, 0), True)
    # A two-digit year could be any of the three parts: still not read.
    assert parse_date("08/02/13 12:00", None, languages, day_first=True) == (None, False)
    # What reads only one way is read that way whatever the site's order.
    assert parse_date("21/12/2021 09:30", None, languages, day_first=False) == (utc(2021, 12, 21, 9, 30), False)


def test_a_sites_order_does_not_change_a_language_with_one_order() -> None:
    assert parse_date("03/04/2021 10:00", None, ("fr",), day_first=False) == (utc(2021, 4, 3, 10, 0), False)
    assert parse_date("10.06.2013", None, ("en",), day_first=False) == (utc(2013, 6, 10), False)  # dots: day first


@pytest.mark.parametrize(("url", "day_first"), [
    ("http://www.schools.norfolk.gov.uk/x", True), ("https://www.ndtv.in/x", True), ("https://www.abc.net.au/x", True),
    ("https://www.irishtimes.ie/x", True), ("https://tass.ru/x", True),
    ("https://www.state.nj.us/x", False), ("https://www.rappler.ph/x", False),
    ("https://www.rappler.com/x", False), ("https://www.hindustantimes.com/x", True),  # the country of a generic domain's site
    ("https://www.cbc.ca/x", None),  # English Canada writes both
    ("https://www.nytimes.com/x", None), ("https://meduza.io/x", None), ("http://127.0.0.1/x", None), (None, None),
])
def test_the_order_a_sites_country_writes_numeric_dates_in(url: str | None, day_first: bool | None) -> None:
    assert dates.site_writes_day_first(url) is day_first


@pytest.mark.parametrize("languages", [(), ("en",)])
def test_a_numeric_date_only_one_way_can_read_is_read(languages):
    assert parse_date("21/12/2021 09:30", None, languages) == (utc(2021, 12, 21, 9, 30), False)
    assert parse_date("12/12/2021 09:30", None, languages) == (utc(2021, 12, 12, 9, 30), False)


def test_an_unknown_hint_is_ignored():
    assert parse_date("Di, 21 Dez 2021 09:30:00 +0100", None, ("zz", "")) == (utc(2021, 12, 21, 8, 30), True)


def test_feedparser_reading_comes_before_dateparser(monkeypatch):
    # Where its figures bear it out (the day and the year among the date's): dateparser, a
    # millisecond a date, is not asked.
    import monitor.dates.parsing

    def no_dateparser(*args: object) -> None:
        raise AssertionError("dateparser asked")

    monkeypatch.setattr(monitor.dates.parsing, "parse_localized", no_dateparser)
    feedparsers = datetime(2021, 12, 21, 8, 30, tzinfo=timezone.utc)
    assert parse_date("Di, 21 Dez 2021 09:30:00 +0100", feedparsers, ("de",)) == (feedparsers, True)


@pytest.mark.parametrize(("raw", "feedparsers", "expected"), [
    # feedparser's misreadings, which had stood for the date: the day or the year not the date's, or
    # a time read as midnight; the date is read in words instead, or not at all
    ("2021.12.07 18:00", utc(2021, 12, 1), (utc(2021, 12, 7, 18, 0), False)),
    ("07-12-2021 15:00:00", utc(2007, 12, 20), (utc(2021, 12, 7, 15, 0), False)),
    ("18:00 07.12.2021", utc(2026, 12, 7, 18, 0), (utc(2021, 12, 7, 18, 0), False)),
    ("1638871200", utc(2017, 1, 22), (None, False)),
    ("Di, 21 Dez 2021 09:30:00 +0100", HINT, (utc(2021, 12, 21, 8, 30), True)),
])
def test_a_parsers_reading_its_figures_do_not_bear_out_is_not_the_date(raw, feedparsers, expected):
    assert parse_date(raw, feedparsers, ("ru", "de"), day_first=True) == expected


@pytest.mark.parametrize(("raw", "feedparsers"), [
    ("2021.12.07 01:00 +0900", utc(2021, 12, 6, 16, 0)),  # the day before in UTC, across midnight
    ("2021.12.07 03:00 +0300", utc(2021, 12, 7, 0, 0)),  # midnight in UTC of a time that says its zone
])
def test_a_parsers_reading_its_figures_bear_out_across_midnight_stands(raw, feedparsers):
    assert parse_date(raw, feedparsers, ("ru",)) == (feedparsers, True)


@pytest.mark.parametrize("raw", [
    "vor 2 Stunden", "вчера", "il y a 3 jours",  # relative: never read against today
    "21 декабря", "Di, 21 Dez",  # no year: never filled in from today
    "Dezember 2021", "14:05",  # no day
    "1640000000",  # a bare number is not read as a Unix time
    "32 grudnia 2021", "n/a",
    "21 декабря 2021 " + "и ещё много слов " * 10,  # a sentence, not a date
])
def test_incomplete_relative_or_unreadable_dates_in_other_languages_stay_none(raw):
    assert parse_date(raw, None, ("ru", "de", "pl", "fr")) == (None, False)
    assert parse_date(raw) == (None, False)


def test_the_fast_path_never_loads_dateparser():
    # RFC 822 and ISO 8601 dates cost what they did before the fallback existed: dateparser is not
    # even imported for them. (A fresh interpreter: another test may have imported it here.)
    code = ("import sys; from monitor.dates import parse_date; "
            "assert parse_date('Tue, 21 Dec 2021 09:30:00 +0100')[0] is not None; "
            "assert parse_date('2021-12-21T09:30:00Z')[0] is not None; "
            "assert parse_date('garbage')[0] is None; "
            "assert 'dateparser' not in sys.modules, 'fast path imported dateparser'; "
            "assert parse_date('Di, 21 Dez 2021 09:30:00 +0100', None, ('de',))[0] is not None; "
            "assert 'dateparser' in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- suspect_reason

FIRST_SEEN = utc(2024, 5, 1, 12, 0)
MAX_AGE = timedelta(days=30)


def test_no_date_is_not_suspect():
    assert suspect_reason(None, False, FIRST_SEEN, MAX_AGE) is None
    assert suspect_reason(None, True, FIRST_SEEN, MAX_AGE) is None
    assert suspect_reason(None, False, FIRST_SEEN, MAX_AGE, None) is None
    assert suspect_reason(None, False, FIRST_SEEN, MAX_AGE, "  ") is None


def test_a_date_text_that_gave_no_date_says_so():
    raw = "Sex, 32 Xyz 2018"
    published, had_zone = parse_date(raw, None, ("pt",))
    assert suspect_reason(published, had_zone, FIRST_SEEN, MAX_AGE, raw) == UNREADABLE
    assert UNREADABLE == "date not understood; kept only in published_raw"


def test_no_zone_is_suspect():
    assert suspect_reason(FIRST_SEEN - timedelta(hours=1), False, FIRST_SEEN, MAX_AGE) == \
        "no time zone given; read as UTC"


def test_no_zone_reason_wins_over_future():
    assert suspect_reason(FIRST_SEEN + timedelta(days=2), False, FIRST_SEEN, MAX_AGE) == \
        "no time zone given; read as UTC"


def test_future_is_suspect():
    assert suspect_reason(FIRST_SEEN + timedelta(minutes=16), True, FIRST_SEEN, MAX_AGE) == "in the future"
    assert suspect_reason(FIRST_SEEN + timedelta(days=3), True, FIRST_SEEN, MAX_AGE) == "in the future"


def test_small_clock_skew_into_future_is_fine():
    assert suspect_reason(FIRST_SEEN + timedelta(minutes=15), True, FIRST_SEEN, MAX_AGE) is None
    assert suspect_reason(FIRST_SEEN + timedelta(minutes=5), True, FIRST_SEEN, MAX_AGE) is None


def test_too_old_is_suspect():
    assert suspect_reason(FIRST_SEEN - timedelta(days=30, seconds=1), True, FIRST_SEEN, MAX_AGE) == \
        "more than 30 days before first seen"
    assert suspect_reason(FIRST_SEEN - timedelta(days=400), True, FIRST_SEEN, MAX_AGE) == \
        "more than 30 days before first seen"


def test_too_old_message_uses_max_age_days():
    assert suspect_reason(FIRST_SEEN - timedelta(days=40), True, FIRST_SEEN, timedelta(days=7, hours=12)) == \
        "more than 7 days before first seen"


def test_exactly_max_age_is_fine():
    assert suspect_reason(FIRST_SEEN - MAX_AGE, True, FIRST_SEEN, MAX_AGE) is None


@pytest.mark.parametrize("delta", [timedelta(0), timedelta(hours=-1), timedelta(days=-2), timedelta(days=-29)])
def test_recent_date_with_zone_is_fine(delta):
    assert suspect_reason(FIRST_SEEN + delta, True, FIRST_SEEN, MAX_AGE) is None


def test_parse_then_judge():
    published, had_zone = parse_date("Wed, 01 May 2024 14:00:00 +0200")
    assert published == FIRST_SEEN
    assert suspect_reason(published, had_zone, FIRST_SEEN, MAX_AGE) is None
    published, had_zone = parse_date("2024-05-01")
    assert suspect_reason(published, had_zone, FIRST_SEEN, MAX_AGE) == "no time zone given; read as UTC"


def test_utc_now_is_aware_utc_to_the_second():
    now = utc_now()
    assert now.tzinfo == UTC
    assert now.microsecond == 0
    assert abs(datetime.now(UTC) - now) < timedelta(seconds=5)


def test_iso_text_of_each_datetime_whatever_came_before() -> None:
    # iso() keeps the text of the last datetime it wrote: another datetime, even an equal one in
    # another zone, must not get it.
    from monitor.models import iso

    first, second = utc(2022, 1, 10, 9, 0, 5), utc(2022, 1, 10, 9, 0, 6)
    assert [iso(first), iso(first), iso(second), iso(first)] == [
        "2022-01-10T09:00:05Z", "2022-01-10T09:00:05Z", "2022-01-10T09:00:06Z", "2022-01-10T09:00:05Z"]
    assert iso(first.astimezone(timezone(timedelta(hours=2)))) == "2022-01-10T11:00:05+02:00"
    assert iso(utc(2022, 1, 10, 9, 0, 5)) == "2022-01-10T09:00:05Z"
    assert iso(None) is None


def test_a_date_without_a_zone_is_read_in_its_sites_countrys_or_its_languages_zone_only_with_a_time() -> None:
    from monitor.dates import assumed_zone

    read = datetime(2021, 11, 12, 14, 27, tzinfo=timezone.utc)
    generic = "https://news.example.org/x"
    assert assumed_zone("uk", generic, "2021-11-12 14:27:00", read) == ("Europe/Kyiv", "its language's")
    assert assumed_zone("ru", generic, "12.11.2021 14:27", read) == ("Europe/Moscow", "its language's")
    assert assumed_zone("en", generic, "2021-11-12 14:27:00", read) is None  # written across many zones
    # Languages whose news comes mostly from one zone: Brazil's Portuguese (g1.globo.com is no .br),
    # Indonesian, Kazakh, Norwegian's written forms, Persian
    assert [assumed_zone(language, generic, "2021-11-12 14:27:00", read)[0] for language in ("pt", "id", "kk", "nb", "fa")] \
        == ["America/Sao_Paulo", "Asia/Jakarta", "Asia/Almaty", "Europe/Oslo", "Asia/Tehran"]
    # India's other languages, and Nigeria's
    assert [assumed_zone(language, generic, "2021-11-12 14:27:00", read)[0] for language in ("ta", "mr", "te", "ha", "ca")] \
        == ["Asia/Kolkata", "Asia/Kolkata", "Asia/Kolkata", "Africa/Lagos", "Europe/Madrid"]
    assert assumed_zone(None, None, "2021-11-12 14:27:00", read) is None
    # The country the address names comes first: a Ukrainian site writing in Russian, Radio-Canada's
    # French, an Indian site's English.
    assert assumed_zone("ru", "https://rbc.ua/rus/news/x", "12.11.2021 14:27", read) == \
        ("Europe/Kyiv", "its site's country's")
    assert assumed_zone("fr", "https://ici.radio-canada.ca/x", "2021-11-12 14:27", read)[0] == "America/Toronto"
    assert assumed_zone("en", "https://www.example.co.in/x", "2021-11-12 14:27", read)[0] == "Asia/Kolkata"
    # Then the region of the language its source declares: Portugal's Portuguese, Mexico's Spanish;
    # not English's "en-US", which templates declare everywhere, nor a region of figures
    assert assumed_zone("pt", generic, "2021-11-12 14:27", read, "pt-PT") == ("Europe/Lisbon", "its declared region's")
    assert assumed_zone("es", generic, "2021-11-12 14:27", read, "es_MX")[0] == "America/Mexico_City"
    assert assumed_zone("pt", "https://g1.globo.com.br/x", "2021-11-12 14:27", read, "pt-PT")[0] == "America/Sao_Paulo"
    assert assumed_zone("zh", generic, "2021-11-12 14:27", read, "zh-CN") == ("Asia/Shanghai", "its language's")
    assert assumed_zone("en", generic, "2021-11-12 14:27", read, "en-US") is None
    assert assumed_zone("es", generic, "2021-11-12 14:27", read, "es-419") is None
    assert assumed_zone("es", generic, "2021-11-12 14:27", read, "pt-PT") is None  # a tag of another language
    # A time written without a colon is one too.
    assert assumed_zone("fr", "https://www.liberation.fr/x", "publié le 12 novembre 2021 à 14h27", read)[0] == \
        "Europe/Paris"
    assert assumed_zone("de", generic, "12.11.2021, 14.27 Uhr", read)[0] == "Europe/Berlin"
    assert assumed_zone("sv", generic, "12 november 2021 kl. 14.27", read)[0] == "Europe/Stockholm"
    assert assumed_zone("uk", generic, "20211112142700", read)[0] == "Europe/Kyiv"
    day = datetime(2021, 11, 12, tzinfo=timezone.utc)
    assert assumed_zone("uk", "https://rbc.ua/x", "2021-11-12", day) is None  # a day is that day whatever the zone
    assert assumed_zone("uk", generic, "2021-11-12T00:00:00", day) is None
    assert suspect_reason(read, False, read, MAX_AGE, "2021-11-12 14:27:00", ("Europe/Kyiv", "its language's")) == \
        "no time zone given; read as Europe/Kyiv time, its language's"


@pytest.mark.parametrize(("url", "zone"), [
    ("https://www.bbc.co.uk/news/x", "Europe/London"), ("https://tass.ru/x", "Europe/Moscow"),
    ("https://point.md/ru/x", "Europe/Chisinau"), ("https://g1.globo.com.br/x", "America/Sao_Paulo"),
    ("https://www.abc.net.au/x", "Australia/Sydney"), ("https://www.eltiempo.com.co/x", "America/Bogota"),
    ("https://news.am/eng/x", "Asia/Yerevan"), ("https://bit.ly/x", None),
    # a major news site of Spanish or Arabic, written across many zones, under a generic domain, or
    # one taken for its letters: its country's (Clarín's, El Tiempo's, Portafolio's, Al Jazeera's)
    ("https://www.clarin.com/mundo/x.html", "America/Argentina/Buenos_Aires"),
    ("https://www.eltiempo.com/bogota/x", "America/Bogota"), ("https://www.portafolio.co/x", "America/Bogota"),
    ("https://www.aljazeera.net/news/x", "Asia/Qatar"), ("https://ELPAIS.com/x", "Europe/Madrid"),
    # Ukraine's sites in Russian, in Kyiv's time, not Moscow's; English-language sites of one country
    ("https://censor.net/ru/news/x", "Europe/Kyiv"), ("https://www.timesofisrael.com/x", "Asia/Jerusalem"),
    ("https://newsinfo.inquirer.net/1524567/x", "Asia/Manila"), ("https://timesofindia.indiatimes.com/x", "Asia/Kolkata"),
    # Southeast Asia's and Africa's: Malaysiakini's, GMA's, Nation's; Seneweb's French written in Dakar, not Paris
    ("https://dumskaya.net/news/x", "Europe/Kyiv"),  # Odesa's, in Russian
    ("https://www.malaysiakini.com/news/x", "Asia/Kuala_Lumpur"), ("https://www.gmanetwork.com/news/x", "Asia/Manila"),
    ("https://nation.africa/kenya/x", "Africa/Nairobi"), ("https://www.seneweb.com/news/x", "Africa/Dakar"),
    ("https://www.thedailystar.net/news/x", "Asia/Dhaka"),  # South Asia's English-language papers
    ("https://timer-odessa.net/statji/x.html", "Europe/Kyiv"),  # Odesa's, in Russian
    # the domains of Catalonia's, Galicia's and the Basque Country's communities: Spain's
    ("https://www.ara.cat/x", "Europe/Madrid"), ("https://www.nosdiario.gal/x", "Europe/Madrid"),
    ("https://www.berria.eus/x", "Europe/Madrid"),
    # a generic domain, or one taken for its letters
    ("https://example.com/x", None), ("https://meduza.io/x", None), ("https://t.co/x", None),
    ("https://www.nytimes.com/x", None), ("https://www.efe.com/x", None), ("https://clarin.com.example.org/x", None),
    ("http://fakehost/x", None), ("http://127.0.0.1/x", None), (None, None),
])
def test_the_zone_of_the_country_a_sites_address_names(url: str | None, zone: str | None) -> None:
    assert dates.site_zone(url) == zone


@pytest.mark.parametrize(("raw", "expected"), [
    ("2021年12月7日 08:15", datetime(2021, 12, 7, 8, 15)),
    ("2021年12月07日 08:15:30", datetime(2021, 12, 7, 8, 15, 30)),
    ("2021年12月7日08:15", datetime(2021, 12, 7, 8, 15)),
    ("2021年12月7日 8时15分", datetime(2021, 12, 7, 8, 15)),
    ("2021年12月7日（火）午後3時5分", datetime(2021, 12, 7, 15, 5)),
    ("2021年12月7日 下午3:05", datetime(2021, 12, 7, 15, 5)),
    ("2021년 12월 7일 오후 3:05", datetime(2021, 12, 7, 15, 5)),
    ("2021년 12월 7일 (화) 오전 12:30", datetime(2021, 12, 7, 0, 30)),
    ("2021年12月7日", datetime(2021, 12, 7)),
    # an era's year: Japan's Reiwa (its first year "元"), Taiwan's Republic, named or its three figures alone
    ("令和3年12月7日 14時32分", datetime(2021, 12, 7, 14, 32)), ("令和元年5月1日", datetime(2019, 5, 1)),
    ("民國110年12月07日 14:32", datetime(2021, 12, 7, 14, 32)), ("110年12月07日 14:32", datetime(2021, 12, 7, 14, 32)),
    ("中華民國110年12月1日 16:05", datetime(2021, 12, 1, 16, 5)),  # the Republic's full name (UDN's)
])
def test_a_date_with_chinese_japanese_or_korean_signs_is_read_in_no_language(raw: str, expected: datetime) -> None:
    # Year, month and day are named by their signs: no language needs telling, and none is given.
    assert parse_date(raw) == (expected.replace(tzinfo=timezone.utc), False)
    tokyo = timezone(timedelta(hours=9))
    assert parse_date(raw, zone=tokyo) == (expected.replace(tzinfo=tokyo).astimezone(timezone.utc), True)


@pytest.mark.parametrize("raw", ["2021年2月30日", "2021年12月7日 25:00", "2021年13月7日", "2021年12月7日 来源：新华网"])
def test_an_impossible_or_longer_east_asian_date_is_not_read_as_a_date(raw: str) -> None:
    assert parse_date(raw) == (None, False)


@pytest.mark.parametrize(("line", "written"), [
    ("2021年12月7日 08:15 来源：新华网", "2021年12月7日 08:15"),
    ("发布时间：2021年12月07日 08:15", "2021年12月07日 08:15"),
    ("2021년 12월 7일 오후 3:05 입력", "2021년 12월 7일 오후 3:05"),
    ("时间：2021-12-07 08:15", "2021-12-07 08:15"),
    ("2021-12-07 08:15:32 来源：新华网", "2021-12-07 08:15:32"),
    ("2021/12/07 08:15 配信", "2021/12/07 08:15"),  # year first with slashes or dots (Japanese portals')
    ("2021.12.07 08:15 発信", "2021.12.07 08:15"),
    # a date with dots, day first in any language, and its time
    ("von am 07.12.2021", "07.12.2021"),
    ("Stand: 07.12.2021, 08:15 Uhr", "07.12.2021, 08:15"),
    ("Publiziert am 07.12.2021 14.32", "Publiziert am 07.12.2021 14.32"),  # ORF's time with a dot, its label known
    ("Publiziert: 08.12.2021, 18:45", "Publiziert: 08.12.2021, 18:45"),  # Tamedia's
    ("Publié mercredi 8 décembre 2021 à 18:45", "Publié mercredi 8 décembre 2021 à 18:45"),  # Le Temps's
    # what a label names, up to a comma
    ("Datum: 07.12.2021, Rubrik: Europa", "07.12.2021"),
    ("Published: December 7, 2021, by the desk", "December 7, 2021"),
    # a part of the line between bars that the date is most of
    ("Von Anna Lehmann am 07.12.2021, 08:15 | 0 Meinungen", "07.12.2021, 08:15"),
    # or between spaced dashes: the publication, not the update after it (Le Monde's)
    ("Publié le 07 décembre 2021 à 08h15 - Mis à jour le 07 décembre 2021 à 10h00", "Publié le 07 décembre 2021 à 08h15"),
    # or before an update's label after a comma or nothing (Le Figaro's, Hürriyet's)
    ("Publié le 17/12/2021 à 08:15, Mis à jour le 17/12/2021 à 10:00", "Publié le 17/12/2021 à 08:15"),
    ("Giriş Tarihi: 07.12.2021 08:15 Son Güncellenme: 07.12.2021 10:00", "Giriş Tarihi: 07.12.2021 08:15"),
    ("07.12.2021 08:15 Uhr, aktualisiert am 07.12.2021 10:00 Uhr", "07.12.2021 08:15 Uhr"),
    # the time after a spaced dash, beside a label (Hürriyet's, Sabah's)
    ("Giriş Tarihi: 07.12.2021 - 08:15", "Giriş Tarihi: 07.12.2021 - 08:15"),
    ("Aktuell am 07.12.2021 - 08:15", "07.12.2021 - 08:15"),
    # an update's label inside the part that holds the date's time (VilaWeb's)
    ("07.12.2021 - 12:45 Actualització: 07.12.2021 - 14:20", "07.12.2021 - 12:45"),
    # the section after the date (De Telegraaf's, a blog theme's)
    ("14:12 7 dec. 2021 in BINNENLAND", "14:12 7 dec. 2021"), ("7. Dezember 2021 in Politik", "7. Dezember 2021"),
    ("00:34 08.12.2021 Աշխարհ", "00:34 08.12.2021"),  # the section's name alone after the date (News.am's)
])
def test_a_date_line_gives_the_date_beside_a_label_in_any_language(line: str, written: str) -> None:
    assert dates.date_in(line) == written
    assert dates.date_in(line, search=False) == written  # none of them needs dateparser's search


def test_an_updates_label_run_into_the_time_before_it_is_the_updates() -> None:
    # UOL's time and update in elements with nothing between them, the label in the feminine
    assert dates.date_in("07/12/2021 14h32Atualizada em 07/12/2021 16h05", ("pt",), True) == "07/12/2021 14h32"


@pytest.mark.parametrize(("line", "language", "expected"), [
    # the word between the date and its time: Swedish, Norwegian (CLD2's "no"), Estonian, Slovene,
    # Belarusian, Serbian after the year's dot
    ("7 december 2021 kl. 14.30", "sv", datetime(2021, 12, 7, 14, 30)),
    ("7 dec. 2021 kl. 14:30", "sv", datetime(2021, 12, 7, 14, 30)),
    ("7. desember 2021 kl. 14:30", "no", datetime(2021, 12, 7, 14, 30)),
    ("07.12.2021 kl. 14:30", "no", datetime(2021, 12, 7, 14, 30)),
    ("7. detsember 2021 kell 14:30", "et", datetime(2021, 12, 7, 14, 30)),
    ("7. 12. 2021 ob 14.30", "sl", datetime(2021, 12, 7, 14, 30)),
    ("7 снежня 2021 а 14:30", "be", datetime(2021, 12, 7, 14, 30)),
    ("7. децембар 2021. у 14:30", "sr", datetime(2021, 12, 7, 14, 30)),
    # the year first: Latvian (the month in the locative too), Lithuanian
    ("2021. gada 7. decembrī", "lv", datetime(2021, 12, 7)),
    ("2021. gada 7. decembris 14:30", "lv", datetime(2021, 12, 7, 14, 30)),
    ("2021 m. gruodžio 7 d. 14:30", "lt", datetime(2021, 12, 7, 14, 30)),
    # a publication's label in more languages
    ("Publicerad 7 december 2021 kl. 14.30", "sv", datetime(2021, 12, 7, 14, 30)),
    ("Objavljeno: 7.12.2021. u 14:30", "hr", datetime(2021, 12, 7, 14, 30)),
    ("Објављено: 07. 12. 2021. у 14:30", "sr", datetime(2021, 12, 7, 14, 30)),
    ("Paskelbta: 2021 m. gruodžio 7 d. 14:30", "lt", datetime(2021, 12, 7, 14, 30)),
    ("Publicēts: 2021. gada 7. decembrī, 14:30", "lv", datetime(2021, 12, 7, 14, 30)),
    ("Δημοσίευση: 07 Δεκεμβρίου 2021, 14:30", "el", datetime(2021, 12, 7, 14, 30)),
    ("Yayınlanma: 07.12.2021 14:30", "tr", datetime(2021, 12, 7, 14, 30)),
    ("เผยแพร่: 7 ธ.ค. 2564 14:30 น.", "th", datetime(2021, 12, 7, 14, 30)),  # Thai's label; its Buddhist era
    ("Апублікавана: 7 снежня 2021, 14:30", "be", datetime(2021, 12, 7, 14, 30)),  # Belarusian's
    # Korean sites' labels (Yonhap's with no space before the date), Japanese ones with a full-width colon
    ("입력 2021.12.07 14:30", "ko", datetime(2021, 12, 7, 14, 30)),
    ("기사입력 2021.12.07. 오후 2:30", "ko", datetime(2021, 12, 7, 14, 30)),
    ("송고시간2021-12-07 14:30", "ko", datetime(2021, 12, 7, 14, 30)),
    ("公開日：2021年12月7日 14:30", "ja", datetime(2021, 12, 7, 14, 30)),
    ("Publish Date: Tue, 07 Dec 2021 02:30 PM", "en", datetime(2021, 12, 7, 14, 30)),
    # Bulgarian's label with its "on", the year in two figures (BNR's); Slovenian's, its update after (RTV SLO's)
    ("Публикувано на 07.12.21 в 09:40", "bg", datetime(2021, 12, 7, 9, 40)),
    ("05·12·21 | 06:00", "es", datetime(2021, 12, 5, 6, 0)),  # Prensa Ibérica's, apart by middle dots
    ("6. december 2021 ob 14:33, zadnji poseg: 6. december 2021 ob 15:10", "sl", datetime(2021, 12, 6, 14, 33)),
])
def test_a_date_line_in_nordic_baltic_and_south_slavic_ways_is_read(line: str, language: str,
                                                                    expected: datetime) -> None:
    # Each had been unread, or read without its time (midnight).
    written = dates.date_in(line, (language,), day_first=True)
    assert written is not None
    assert parse_date(written, None, (language,), day_first=True)[0] == expected.replace(tzinfo=timezone.utc)


@pytest.mark.parametrize(("raw", "language"), [("ti, 07 des 2021 14:30:00 +0100", "no"),
                                               ("tir., 07 des. 2021 14:30:00 +0100", "nb")])
def test_a_weekday_dateparser_does_not_know_ahead_of_a_localized_rfc822_date_is_read_past(raw: str,
                                                                                        language: str) -> None:
    assert parse_date(raw, None, (language,)) == (datetime(2021, 12, 7, 13, 30, tzinfo=timezone.utc), True)


@pytest.mark.parametrize("line", ["Uppdaterad 7 december 2021 kl. 15.00", "Oppdatert 07.12.2021 kl. 15:00",
                                  "Päivitetty 7.12.2021 15:00", "Aktualizováno: 7. 12. 2021 15:00",
                                  "Ažurirano: 7.12.2021. u 15:00", "Frissítve: 2021. december 7. 15:00",
                                  "Atnaujinta: 2021-12-07 15:00", "Güncellenme: 07.12.2021 15:00",
                                  "Ενημερώθηκε: 07 Δεκεμβρίου 2021, 15:00", "Actualizat: 7 decembrie 2021, 15:00",
                                  "Güncelleme: 07.12.2021 15:00", "עודכן: 07.12.21, 15:00", "Diperbarui: 7 Desember 2021",
                                  "Cập nhật: 07/12/2021 15:00", "अपडेटेड: 07 दिसंबर 2021", "بهروزرسانی: ۱۶ آذر ۱۴۰۰",
                                  "Aktualisiert am 07.12.2021, 15:00 Uhr", "Son Güncellenme: 07.12.2021 15:00",
                                  "Абноўлена: 7 снежня 2021, 15:00"])
def test_an_updates_label_in_more_languages_is_no_publication_date(line: str) -> None:
    assert dates.date_in(line, day_first=True) is None
    assert dates.updated_in(line, ("sv", "no", "fi", "cs", "hr", "hu", "lt", "tr", "el", "ro", "he", "id", "vi", "hi", "fa", "be"),
                            day_first=True) is not None


@pytest.mark.parametrize("line", ["Updated 2021-12-07", "выдвинут 2021-12-07 в округе номер 5 по спискам партии",
                                  "выдвинут 07.12.2021 в округе номер 5 по спискам партии",
                                  "Updated: 07.12.2021, 08:15", "выдвинут 07.12.2021 в округе по спискам партии"])
def test_a_date_line_of_an_update_or_a_sentence_gives_no_date(line: str) -> None:
    assert dates.date_in(line) is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("04 آب/أغسطس 2013", datetime(2013, 8, 4)),
    ("الثلاثاء 07 كانون الأول/ديسمبر 2021", datetime(2021, 12, 7)),
    ("15 تشرين الثاني/نوفمبر 2021 10:30", datetime(2021, 11, 15, 10, 30)),
    ("الأحد، 04 أغسطس 2013", datetime(2013, 8, 4)),
])
def test_an_arabic_date_naming_its_month_twice_is_read(raw: str, expected: datetime) -> None:
    # The Levantine name, then the one Egypt and the Gulf use: dateparser reads the second alone.
    assert parse_date(raw, None, ("ar",)) == (expected.replace(tzinfo=timezone.utc), False)


def test_an_arabic_date_line_gives_its_date_not_its_update() -> None:
    # "Sunday, 04 August 2013, last updated 12:20 (GMT+0400)": parts between Arabic commas.
    assert dates.date_in("الأحد، 04 آب/اغسطس 2013، آخر تحديث 12:20 (GMT+0400)", ("ar",)) == "04 آب/اغسطس 2013"
    assert dates.date_in("آخر تحديث: 04 أغسطس 2013", ("ar",)) is None


@pytest.mark.parametrize(("line", "note"), [
    ("Updated on September 19 at 3:15 p.m.", True), ("Обновлено: 10:15 06.12.2021", True), ("Updated 12/06/2021", True),
    ("Updated figures show 5% growth.", False),  # no time or date after the label
    ("Update: the talks ended at 10.15 tonight after a long day of talks", False),  # a story's sentence
    # Chinese, Japanese, Korean (guancha.cn's "最后更新: …" under its publication's time).
    ("最后更新: 2019-09-07 15:14:21", True), ("更新时间：2019-09-07 15:14", True), ("最終更新日：2021年12月6日 10:15", True),
    ("수정 2021.12.06 11:00", True), ("发布时间：2019-09-07 15:10", False), ("更新了新的数据 10:15 后", False),
    # Romanian, Dutch, Hungarian, Bulgarian, Latvian, Azerbaijani, Kazakh, Georgian, Armenian
    ("Ultima actualizare: 07.12.2021 16:10", True), ("Gewijzigd op 07-12-2021 16:10", True),
    ("Módosítva: 2021.12.07. 16:10", True), ("Обновена: 07.12.2021 16:10", True), ("Atjaunots: 07.12.2021 16:10", True),
    ("Yenilənib: 07.12.2021 16:10", True), ("Жаңартылды: 07.12.2021 16:10", True), ("განახლდა: 07.12.2021 16:10", True),
    ("Թարմացվել է՝ 07.12.2021 16:10", True), ("Gewijzigde regels gaan in op 1 januari", False),
    # Slovenian, Serbian, Albanian
    ("Posodobljeno: 07.12.2021 16:10", True), ("Izmenjeno: 07.12.2021 16:10", True), ("Përditësuar: 07.12.2021 16:10", True),
    # Poder360's: the day with its month's abbreviation, the time with an "h"
    ("atualizado: 6.dez.2021 (segunda-feira) - 20h02", True), ("Atualizado às 20h02", True),
])
def test_a_note_of_an_update_is_its_label_and_a_time(line: str, note: bool) -> None:
    assert is_update_note(line) is note


@pytest.mark.parametrize(("line", "update"), [
    ("Anna Writer | Desk | Updated: Dec 6, 2021, 11:05 IST", "Dec 6, 2021, 11:05 IST"),
    ("14:27 12.11.2021 (обновлено: 15:01 12.11.2021)", "15:01 12.11.2021"),
    # The day beside the update's label where a time alone follows it: CNN Arabic's "Sunday, …, last updated".
    ("الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)", "04 آب/اغسطس 2013"),
    ("Updated figures show 5% growth", None),  # no date after the label
    ("Published: Dec 6, 2021, 11:05 IST", None),  # a publication's label, not an update's
    # an update's label as a noun
    ("Letzte Aktualisierung: 07.12.2021", "07.12.2021"), ("Dernière mise à jour : 7 décembre 2021", "7 décembre 2021"),
    ("Последнее обновление: 07.12.2021 11:40", "07.12.2021 11:40"), ("Última actualización: 07/12/2021", "07/12/2021"),
    ("最后更新: 2019-09-07 15:14:21", "2019-09-07 15:14:21"), ("更新时间：2019-09-07 15:14", "2019-09-07 15:14"),
    ("最終更新日：2021年12月6日 10:15", "2021年12月6日 10:15"),  # after a full-width colon too
])
def test_the_date_an_updates_label_gives_in_a_line(line: str, update: str | None) -> None:
    assert dates.updated_in(line, ("ru", "en", "ar", "de", "fr", "es", "zh", "ja"), day_first=True) == update
    if update is not None and line.startswith(("Letzte", "Dernière", "Последнее", "Última")):
        assert dates.date_in(line, day_first=True) is None  # an update's date is not the publication's


@pytest.mark.parametrize(("raw", "expected"), [
    # year first in figures, the day of the week in brackets or the half of the day in words
    ("2021/12/07(火) 19:02", utc(2021, 12, 7, 19, 2)), ("2021-12-07 오후 6:00:00", utc(2021, 12, 7, 18, 0)),
    ("2021/12/07 下午 06:30:00", utc(2021, 12, 7, 18, 30)), ("2021-12-07 上午 06:30", utc(2021, 12, 7, 6, 30)),
    # Arabic-Indic and Devanagari digits
    ("٢٠٢١-١٢-٠٧ ١٣:٠٠", utc(2021, 12, 7, 13, 0)), ("२०२१-१२-०७ १३:००", utc(2021, 12, 7, 13, 0)),
])
def test_east_asian_figures_and_other_digits_are_read(raw, expected):
    assert parse_date(raw, utc(2021, 12, 1)) == (expected, False)


def test_a_solar_hijri_year_written_first_with_slashes_is_no_common_era_date():
    assert parse_date("1400/09/16 18:30") == (utc(2021, 12, 7, 18, 30), False)


@pytest.mark.parametrize(("raw", "language", "expected"), [
    ("7. decembar 2021. 13:15", "sr", datetime(2021, 12, 7, 13, 15)),  # Serbian in Latin letters
    ("07. dec. 2021. 13:15 > 13:40", "sr", datetime(2021, 12, 7, 13, 15)),  # the update's time after an arrow
    ("уторак, 07. дец 2021, 14:30 -> 15:02", "sr", datetime(2021, 12, 7, 14, 30)),
    ("7 դեկտեմբերի, 2021թ. 14:30", "hy", datetime(2021, 12, 7, 14, 30)),  # Armenian's mark of the year
])
def test_serbian_in_either_script_and_armenians_year_mark_are_read(raw: str, language: str, expected: datetime) -> None:
    assert parse_date(raw, None, (language,)) == (expected.replace(tzinfo=timezone.utc), False)


@pytest.mark.parametrize(("raw", "language"), [
    ("7 Disember 2021, 2:32 pm", "id"),  # Malay's month, the language guessed Indonesian (Utusan's)
    ("7 Desember 2021, 14:32", "ms"), ("7 Disember 2021, 14:32", "ms"), ("7 Desember 2021, 14:32", "id"),
])
def test_indonesian_and_malay_dates_are_read_in_either_language(raw: str, language: str) -> None:
    assert parse_date(raw, None, (language,)) == (datetime(2021, 12, 7, 14, 32, tzinfo=timezone.utc), False)


@pytest.mark.parametrize(("raw", "languages"), [
    # a month's name in a script one language writes, under an item declared in another
    ("الثلاثاء, 07 ديسمبر 2021 17:00:00 +0300", ("en",)), ("07 ديسمبر 2021 17:00:00 +0300", ()),
    ("7 Δεκεμβρίου 2021 16:00 +0200", ("en",)),
])
def test_a_date_in_a_scripts_words_is_read_in_that_scripts_language(raw: str, languages: tuple[str, ...]) -> None:
    assert parse_date(raw, None, languages) == (datetime(2021, 12, 7, 14, 0, tzinfo=timezone.utc), True)


def test_a_feeds_date_in_its_sites_countrys_language_is_read_under_an_item_in_another() -> None:
    from monitor.dates import country_languages
    from monitor.models import Entry, RawDocument
    from monitor.normalize import normalize

    assert country_languages("ar") == ("es",) and country_languages("rs") == ("sr",) and country_languages(None) == ()
    raw = RawDocument(source="s", kind="feed", location="https://www.desk.com.ar/rss", body=b"",
                      fetched_at=datetime(2021, 12, 7, 15, tzinfo=timezone.utc))
    entry = Entry(title="Officials outline plans for the new bridge", url="https://www.desk.com.ar/n/1",
                  published="mar, 07 dic 2021 11:00:00 -0300", summary="Officials outline plans for the new bridge.")
    assert normalize(entry, raw).published_at == datetime(2021, 12, 7, 14, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("raw", ["07.12.2021 16:43 (обновлено: 07.12.2021 17:10)", "16:43 07.12.2021 (обновлено: 17:10 07.12.2021)",
                                 "07.12.2021 16:43 (Updated: 17:10)"])
def test_an_updates_time_in_brackets_after_the_date_is_not_the_date(raw):
    from zoneinfo import ZoneInfo

    assert parse_date(raw, None, ("ru",), ZoneInfo("Europe/Moscow"), day_first=True) == (utc(2021, 12, 7, 13, 43), True)


@pytest.mark.parametrize(("address", "country"), [
    ("https://www.lorientlejour.com/article/1284", "lb"), ("https://www.royanews.tv/news/2021", "jo"),
    ("https://www.libyaobserver.ly/news/x", "ly"), ("https://www.journaldumali.com/2021/12/07/x/", "ml"),
    ("https://news.cgtn.com/news/2021-12-08/x.html", "cn"),
])
def test_regional_sites_on_generic_or_taken_domains_are_on_their_countrys_clock(address: str, country: str) -> None:
    assert site_country(address) == country


@pytest.mark.parametrize(("text", "end"), [
    ("Issued on: Talks resumed.", 11), ("Publié le : Modifié le : Les pourparlers", 25),  # each label with its colon
    ("Mis à jour le : ", 16), ("Data publicării: Data actualizării: ", 36), ("Опубликовано: 03.12.2021", 14),
    ("Published 7 December 2021", None), ("Publication of the report was delayed.", None),  # no colon, or no label
])
def test_the_labels_of_a_dates_line_end_after_their_colons(text: str, end: int | None) -> None:
    assert date_labels_end(text) == end
