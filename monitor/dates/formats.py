"""The date formats read without dateparser: ISO 8601 (and its basic form), RFC 822 with the zone
names and offsets sites write that email.utils does not know, and Chinese, Japanese and Korean
dates written with their year, month and day signs.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{8}T\d{4}")  # extended, or basic with a time ("20211112T142700Z")
# Zone names that RFC 822 dates in our sources' countries use and email.utils does not know (it
# knows UT, GMT, Z and the North American ones): Moscow, Kyiv (EET/EEST), central and western
# Europe, British summer time. Without them "10:00:00 MSK" was read as 10:00 UTC, three hours off.
# Offsets as the names mean today (Moscow has kept +3 since 2014). IST is India's, whose outlets
# write it after every time they show ("Updated: Oct 9, 2019, 11:05 IST"); Israel's and Irish summer
# time share the letters, and dateparser read them as Israel's, three and a half hours off.
ZONE_HOURS = {"MSK": 3, "MSD": 4, "EET": 2, "EEST": 3, "CET": 1, "CEST": 2, "WET": 0, "WEST": 1, "BST": 1,
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
              "AKST": -9, "AKDT": -8, "HST": -10,
              # Saudi Arabia's, as Al Arabiya writes it ("02:30 م KSA"), and Arabic's "Mecca time".
              "KSA": 3, "بتوقيت مكة المكرمة": 3, "بتوقيت مكة": 3, "توقيت مكة المكرمة": 3,
              # Canada's in French ("14 h 05 HNE", Radio-Canada's): heure normale / avancée de l'Est, du
              # Centre, des Rocheuses, du Pacifique, de l'Atlantique, de Terre-Neuve
              "HNE": -5, "HAE": -4, "HNC": -6, "HAC": -5, "HNR": -7, "HAR": -6, "HNP": -8, "HAP": -7,
              "HNA": -4, "HAA": -3, "HNT": -3.5, "HAT": -2.5}
# The letters that name one zone in North America or India and another where a site's country
# writes them: an Australian site's "10:15am EST" is Sydney's (AEST), fifteen hours from New York's
# that email.utils reads; a Chinese, Taiwanese or Hong Kong site's "CST" is China Standard Time; an
# Israeli site's "IST" and "IDT" are Israel's, an Irish one's "IST" Irish summer time. Each is
# written as the readers understand it.
COUNTRY_ZONE_NAMES = {
    "au": {"EST": "AEST", "EDT": "AEDT", "CST": "ACST", "CDT": "ACDT", "WST": "AWST"},
    "cn": {"CST": "GMT+8"}, "tw": {"CST": "GMT+8"}, "hk": {"CST": "GMT+8"}, "mo": {"CST": "GMT+8"},
    "il": {"IST": "GMT+2", "IDT": "GMT+3"},
    "ie": {"IST": "GMT+1"},
    "bd": {"BST": "GMT+6", "BdST": "GMT+6", "BDST": "GMT+6"},  # Bangladesh Standard Time (bdnews24's "BdST"), not British
}
_COUNTRY_ZONE_WORDS = {country: re.compile(r"(?<![\w+-])(" + "|".join(names) + r")(?![\w+-])")
                       for country, names in COUNTRY_ZONE_NAMES.items()}


def as_the_country_means(text: str, country: str | None) -> str:
    """A date's text with the zone names its site's country reads its own way (COUNTRY_ZONE_NAMES)
    written as that country means them; the text itself for any other country, or none."""
    if not country or (words := _COUNTRY_ZONE_WORDS.get(country)) is None:
        return text
    names = COUNTRY_ZONE_NAMES[country]
    return words.sub(lambda found: names[found.group(1)], text)


# Thailand counts years in the Buddhist era, 543 ahead of the common era's: a Thai page shows
# "7 ธันวาคม 2564" for the 7th of December 2021, and Thai feeds and numeric dates ("07/12/2564") can
# write the same year. Read as written, such an item was dated five centuries ahead. A year of
# 2400-2699 is no common-era year a news item can have.
BUDDHIST_ERA_OFFSET = 543
_BUDDHIST_ERA_YEAR = re.compile(r"(?<!\d)(2[4-6]\d\d)(?!\d)")
_THAI_LETTER = re.compile("[\u0e01-\u0e5b]")
# A year of two figures after a month's abbreviation, the Buddhist era's ("22 ธ.ค. 64": 2564, 2021),
# as Thai sites write their dates under the headline.
_THAI_SHORT_YEAR = re.compile(r"(?<=[\u0e01-\u0e5b]\.)(\s*)(\d\d)(?![\d:.])")


# What a Thai date line says around the date that no reader reads: the era's mark ("พ.ศ. 2564"), the
# day's word and weekday ahead ("วันที่ 7", "วันอังคารที่ 7"), a dash between the day and the time.
_THAI_AROUND_THE_DATE = re.compile(r"[พค]\.ศ\.?\s*|^วัน\S{0,12}ที่\s*|\s-\s")


def in_the_common_era(text: str, languages: tuple[str, ...], country: str | None) -> str:
    """A date's text with its Buddhist-era year written in the common era, where the date is Thai (its
    site's country, its language or its letters), without the words around it no reader reads
    (_THAI_AROUND_THE_DATE); the text itself otherwise."""
    thai_letters = _THAI_LETTER.search(text) is not None
    if thai_letters:
        text = _THAI_AROUND_THE_DATE.sub(" ", text).strip()
        text = _THAI_SHORT_YEAR.sub(lambda found: f"{found[1] or ' '}25{found[2]}", text, count=1)
    if (found := _BUDDHIST_ERA_YEAR.search(text)) is None:
        return text
    if country != "th" and "th" not in languages and not thai_letters:
        return text
    year = int(found.group(1)) - BUDDHIST_ERA_OFFSET
    return f"{text[:found.start()]}{year}{text[found.end():]}"


# Offsets RFC 822 does not allow and sites write anyway: "+03:00" (ISO's colon in a pubDate),
# "GMT+3", "UTC+03:00", "GMT-0500". email.utils leaves them unread, and the time was taken as UTC.
_OFFSET = re.compile(r"(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)


# A zone named by its IANA name after the time ("2021-11-12 14:27:00 Europe/Moscow", as PHP's and
# Java's date formatting can write it), and the zone's name in brackets after its offset in
# JavaScript's Date.toString() ("Fri Nov 12 2021 14:27:00 GMT+0300 (Moscow Standard Time)", feeds that
# Node.js apps write): neither reader reads past them, and the time was taken as UTC.
_IANA_NAME = re.compile(r" ((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)"
                        r"/[A-Za-z_]+(?:/[A-Za-z_]+)?|UTC)$")
_NAME_AFTER_OFFSET = re.compile(r"( GMT[+-]\d{4}) ?\([^()]{1,60}\)$")


# A city's time named after the time: Kyiv's ("14:30 за київським часом", "(Kyiv time)", "по
# киевскому времени"), Moscow's ("14:27 МСК", "14:30 Moscow time", "по московскому времени") and more,
# each its zone with its offset on that day (Kyiv's winter and summer time; Moscow's +4 before
# October 2014).
# Read past as a comment in brackets, or not read at all, the time had been taken as UTC.
_CITY_TIMES = {
    "Europe/Kyiv": ("kyiv time", "kiev time", "за київським часом", "київського часу", "по киевскому времени",
                    "по киеву", "по києву", "за києвом", "київ", "киев", "kyiv"),  # "16:43 (за Києвом)", "(Киев)"
    "Europe/Moscow": ("мск", "msk", "moscow time", "за московським часом", "по москве", "по московскому времени",
                      "москва"),
    "Europe/Minsk": ("minsk time", "по минскому времени", "па мінскім часе"),
    # and the other capitals' or countries' time their press writes after a time ("14h30 (heure de
    # Paris)", "14:30 (czasu polskiego)", "14:30 (ora italiana)"): dates dateparser had left unread
    "Europe/Paris": ("heure de paris", "heure française", "heure de france", "paris time"),
    "Europe/Warsaw": ("czasu polskiego", "czasu warszawskiego", "warsaw time"),
    "Europe/Rome": ("ora italiana", "ora di roma", "rome time"),
    "Europe/Madrid": ("hora de madrid", "hora peninsular", "hora española", "madrid time"),
    "Europe/Berlin": ("berliner zeit", "deutscher zeit", "berlin time"),
    "Europe/London": ("london time", "uk time", "british time"),
    "Europe/Brussels": ("brussels time", "heure de bruxelles"),
    "America/New_York": ("washington time", "new york time", "eastern time"),
    "America/Chicago": ("central time",),
    "America/Denver": ("mountain time",),
    "America/Los_Angeles": ("pacific time",),
}
_CITY_OF_PHRASE = {phrase: zone for zone, phrases in _CITY_TIMES.items() for phrase in phrases}
_CITY_TIME = re.compile(r"(?:[\s,]+\(?|\()(" + "|".join(sorted(_CITY_OF_PHRASE, key=len, reverse=True))
                        + r")\)?\.?$", re.IGNORECASE)
_CITY_TIME_ENDINGS = frozenset(phrase[-3:] for phrase in _CITY_OF_PHRASE)  # a look before the expression
# A zone's name or offset in brackets after the time ("14:30 (CET)", "14:30 (GMT+3)"), which
# email.utils reads past as a comment: without the brackets.
_ZONE_IN_BRACKETS = re.compile(r"\s*\(((?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?|[A-Z]{1,5})\)$")


# North America's zones by the letters that name them in summer and winter alike, as American sites
# write them after a time ("Dec. 7, 2021 9:32 AM ET", "4:15 p.m. PT"): each the zone's own offset on
# its date. Only dateparser read "ET", and only in winter; the others and any summer date were UTC.
_SEASONLESS_ZONES = {" ET": "America/New_York", " CT": "America/Chicago", " MT": "America/Denver",
                     " PT": "America/Los_Angeles"}
_CLOSES_A_TIME = frozenset("0123456789Mm.")  # a time's figure, or its "AM", "p.m."


# An update's time in brackets after the date ("07.12.2021 16:43 (обновлено: 07.12.2021 17:10)"): the
# date is the one before it.
UPDATE_IN_BRACKETS = re.compile(r"\s*\((?:обновлено|оновлено|обновлен|изменено|змінено|updated|mis à jour|aktualisiert)"
                                 r"\b[^()]{0,40}\)$", re.IGNORECASE)


def without_zone_name(text: str) -> tuple[str, tzinfo | None]:
    """The date text without a zone's name that neither reader reads past, and the zone it names
    (None when its offset is written too, or it names no zone); without an update's time in
    brackets after it."""
    if text.endswith(")") and (update := UPDATE_IN_BRACKETS.search(text)) is not None and update.start() > 0:
        text = text[:update.start()]
    if (seasonless := _SEASONLESS_ZONES.get(text[-3:])) is not None and len(text) > 3 and text[-4] in _CLOSES_A_TIME:
        return text[:-3], _zone_named(seasonless)
    if text.rstrip(").")[-3:].casefold() in _CITY_TIME_ENDINGS and (city := _CITY_TIME.search(text)) is not None \
            and city.start() > 0:
        return text[:city.start()], _zone_named(_CITY_OF_PHRASE[city.group(1).casefold()])
    if text.endswith(")"):
        if (bracketed := _ZONE_IN_BRACKETS.search(text)) is not None and bracketed.start() > 0 \
                and _is_a_zone(bracketed.group(1)):
            return f"{text[:bracketed.start()]} {bracketed.group(1)}", None
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


# A time and its offset, closing the text: a "Z" after them adds nothing (parse_iso).
_OFFSET_AFTER_TIME = re.compile(r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?[+-]\d\d:?\d\d$")
# An offset with its hour's zero left out, after a time: the Washington Post's "2018-10-29T10:15-500".
_SHORT_OFFSET = re.compile(r"(?<=\d:\d\d)([+-])(\d)(\d\d)$")


# A date written as digits alone, year first, as some CMS templates declare it ("20211207",
# "20211207143000": a meta "pubdate" or "ptime"): ISO 8601's basic format, the time's "T" left out.
_DIGITS_ONLY = re.compile(r"(?:19|20)\d{6}(?:\d{4}(?:\d{2})?)?")


# Year, month and day apart by slashes ("2021/12/07 14:30:00 +0900", as Japanese and Chinese sites'
# feeds write them): no other order puts the year first. feedparser's reading, which stood for it, was
# the first of the month.
# (A year of the common era: "1400/09/16" is a Solar Hijri date, monitor.dates.jalali.)
_YEAR_FIRST_SLASHES = re.compile(r"((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=$|[ T(])")


def parse_iso(text: str) -> datetime | None:
    """An ISO 8601 date (extended, or basic with a time) as UTC, or None; without a zone, read as UTC."""
    if text[4:5] == "/" and (slashed := _YEAR_FIRST_SLASHES.match(text)) is not None:
        year, month, day = slashed.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}{text[slashed.end():]}"
    if not _ISO_LIKE.match(text):
        if len(text) < 8 or not text[0].isdigit() or not _DIGITS_ONLY.fullmatch(text):
            return None
        text = text[:8] + ("T" + text[8:] if len(text) > 8 else "")
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
        pass
    # A zone's name after the time ("2021-12-07 14:30:00 JST", "… MSK"), which fromisoformat does not
    # read: feedparser's reading, which stood for it, was the day's midnight.
    moment, _, name = candidate.rpartition(" ")
    if not moment or not name.isalpha() or (zone := _named_zone(name)) is None:
        return None
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)  # an offset says more


def _named_zone(name: str) -> timezone | None:
    """The zone of a name RFC 822 knows, or one of ZONE_HOURS; None otherwise."""
    if (hours := _RFC822_ZONE_HOURS.get(name.upper())) is not None:
        return timezone(timedelta(hours=hours))
    return _zone(name)


# The end of a day written as its 24th hour, which ISO 8601 allows and some feeds write ("Thu, 09 Dec
# 2021 24:00:00 +0000", "2021-12-09T24:00:00+03:00"): the next day's midnight. Neither reader takes it.
_HOUR_24 = re.compile(r"(?<=[T ])24:00(?::00)?(?=$|[^\d:])")


def at_midnight_after(text: str) -> datetime | None:
    """A date written with the hour 24:00 as the next day's midnight, or None."""
    if "24:00" not in text or (found := _HOUR_24.search(text)) is None:
        return None
    midnight = text[:found.start()] + "00:00:00" + text[found.end():]
    parsed = parse_iso(midnight) or parse_rfc822(midnight)
    return parsed + timedelta(days=1) if parsed is not None else None


# A date written with the year, month and day signs of Chinese, Japanese ("2021年12月7日 08:15",
# "2021年12月7日（火）午後3時5分") and Korean ("2021년 12월 7일 오후 3:05"): unambiguous whatever the
# language, so read here, where dateparser reads it only when told the language (a page that
# declares none left it unread) and at a millisecond's cost.
EAST_ASIAN_DATE = re.compile(
    r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
    r"(?:\s*[(（][^()（）]{1,4}[)）])?"  # the day of the week: （火）, (星期二), (화)
    r"(?:\s*(?:(上午|午前|오전)|(下午|午後|오후))?"
    r"\s*(\d{1,2})\s*[:：時时点點시]\s*(\d{1,2})\s*[分분]?(?:\s*[:：]?\s*(\d{1,2})\s*[秒초]?)?)?")


# And a date in figures, year first, with the day of the week in brackets or the half of the day in
# those languages' words before the time: "2021/12/07(火) 19:02", "2021-12-07 오후 6:00:00", ASP.NET's
# zh-TW "2021/12/07 下午 06:30:00". Neither reader takes them.
_FIGURES_EAST_ASIAN = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s*[(（][^()（）]{1,4}[)）])?"
    r"\s*(?:(上午|午前|오전)|(下午|午後|오후))?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?")
_EAST_ASIAN_SIGNS = ("年", "년", "上午", "下午", "午前", "午後", "오전", "오후", "(", "（")


# An era's year: Japan's Reiwa and Heisei ("令和3年", "令和元年": its first), Taiwan's Republic ("民國110年",
# or its three figures alone, "110年12月07日"), read in the common era.
# (The Republic's year after its full name too: UDN's "中華民國110年12月1日".)
_ERA_YEAR = re.compile(r"(?:中[華华])?(令和|平成|民[國国])\s*(元|\d{1,3})\s*年|(?<!\d)(1\d\d)(?=\s*年)")
_ERA_START = {"令和": 2018, "平成": 1988, "民國": 1911, "民国": 1911}


def _in_the_common_era(found: re.Match[str]) -> str:
    if found.group(3):
        return str(int(found.group(3)) + _ERA_START["民國"])
    year = 1 if found.group(2) == "元" else int(found.group(2))
    return f"{year + _ERA_START[found.group(1)]}年"


def parse_east_asian(text: str) -> datetime | None:
    """A date written with Chinese, Japanese or Korean year, month and day signs (an era's year in
    the common era's: _ERA_YEAR), or in figures with the half of the day in words or the day of the
    week in brackets; None otherwise."""
    if not any(sign in text for sign in _EAST_ASIAN_SIGNS):
        return None
    if "年" in text:
        text = _ERA_YEAR.sub(_in_the_common_era, text, count=1)
    found = EAST_ASIAN_DATE.fullmatch(text) or _FIGURES_EAST_ASIAN.fullmatch(text)
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
# with no zone ("PM" taken for an unknown zone's name), and so was feedparser's own reading, which
# stood for the date: ASP.NET's "Tue, 07 Dec 2021 2:30:00 PM +0200" was dated 02:30 UTC. The time
# closing the date and the zone after it is written on the 24-hour clock and read; any other date
# with AM or PM is left to dateparser.
_MERIDIEM = re.compile(r"\d\s?[ap]\.?m\b", re.IGNORECASE)
_TIME_AND_MERIDIEM = re.compile(r"(?<![\d:])(\d{1,2})(:\d\d(?::\d\d)?)\s?([AaPp])\.?[Mm]\.?(?= \S+$)")


def _on_the_24_hour_clock(text: str, meridiem: re.Match[str]) -> str | None:
    found = _TIME_AND_MERIDIEM.search(text, max(0, meridiem.start() - 8))
    if found is None or not 1 <= (hour := int(found.group(1))) <= 12:
        return None
    hour = hour % 12 + (12 if found.group(3) in "Pp" else 0)
    return f"{text[:found.start()]}{hour:02d}{found.group(2)}{text[found.end():]}"
_HOURS_ONLY_OFFSET = re.compile(r"(?<=\d) ([+-]\d{1,2})$")
# Java's Date.toString(), which feeds that Java CMSs write carry: "Tue Dec 07 14:30:00 MSK 2021", the
# zone's name between the time and the year, where no reader looks for it (the time was read as UTC).
_JAVA_DATE = re.compile(r"([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{1,2}) (\d\d:\d\d:\d\d) ([A-Z]{2,5}) (\d{4})")


def parse_rfc822(text: str) -> datetime | None:
    """An RFC 822 date, with the zone names and offsets sites write beyond the RFC's, or None."""
    # Imported here: email.utils (socket, random, email.charset: 8 ms) is for feeds' dates, and
    # every command imports this module (--since).
    import email.utils

    if (java := _JAVA_DATE.fullmatch(text)) is not None:
        weekday, month, day, time, zone, year = java.groups()
        text = f"{weekday}, {day} {month} {year} {time} {zone}"
    # email.utils reads an offset of one or two digits ("+03", "-5") as minutes: 14:30 +03 would be
    # 14:27 UTC. Such a site means hours, as ISO 8601 does; the offset is read here instead.
    if (short := _HOURS_ONLY_OFFSET.search(text)) is not None:
        text = text[:short.start()]
    if (meridiem := _MERIDIEM.search(text)) is not None:
        if (on_24_hours := _on_the_24_hour_clock(text, meridiem)) is None:
            return None
        text = on_24_hours
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        zone = _zone(short.group(1) if short is not None else text.rpartition(" ")[2])
        return parsed.replace(tzinfo=zone) if zone is not None else parsed
    return parsed


def _is_a_zone(token: str) -> bool:
    """Whether a token names a zone an RFC 822 date may close with: email.utils's own, ZONE_HOURS's,
    or an offset (_zone)."""
    return token.upper() in _RFC822_ZONES or _zone(token) is not None


_RFC822_ZONE_HOURS = {"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7,
                      "MDT": -6, "PST": -8, "PDT": -7}
_RFC822_ZONES = frozenset(_RFC822_ZONE_HOURS)


def _zone(token: str) -> timezone | None:
    """The zone an RFC 822 date's last word names where email.utils knows none: a zone name of
    ZONE_HOURS, or an offset written as _OFFSET reads it; None otherwise."""
    if (hours := ZONE_HOURS.get(token.upper())) is not None:
        return timezone(timedelta(hours=hours))
    found = _OFFSET.fullmatch(token)
    if found is None:
        return None
    sign, hours_text, minutes_text = found.groups()
    hours, minutes = int(hours_text), int(minutes_text or 0)
    # "-0000" (and "-00:00") is RFC 2822's UTC from a system that does not say its own zone, as
    # Python's email.utils.formatdate() writes every date; email.utils gives it no zone.
    if hours > 14 or minutes > 59:
        return None
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if sign == "-" else offset)
