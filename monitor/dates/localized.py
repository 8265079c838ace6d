"""Dates written in words or numbers in other languages, read by dateparser in the languages worth
trying, one reader at a time; a numeric date only where its day and month order is known.
"""

from __future__ import annotations

import functools
import re
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

from monitor.dates.formats import ZONE_HOURS

# The languages the product's sources write in: tried in this order when nothing says which.
LANGUAGES = ("en", "ru", "uk", "de", "fr", "pl", "pt")
MAX_LOCALIZED_CHARS = 100  # a longer "date" is a sentence, not a date: not worth dateparser's time
# Only absolute dates with a day, month and year: nothing relative to the moment we read it
# ("vor 2 Stunden"), no bare number read as a Unix time, no year or day filled in from today.
DATEPARSER_SETTINGS = {"PARSERS": ["custom-formats", "absolute-time"],
                       "REQUIRE_PARTS": ["day", "month", "year"]}
# dateparser keeps module-level state (its settings and language caches) that has not always been
# safe to share between threads; the daemon parses on several. A localized date costs about a
# millisecond and is rare, so one reader at a time costs nothing that shows.
DATEPARSER_LOCK = threading.Lock()
# "03/04/2021": the 3rd of April or March the 4th? English is written both ways (en-GB, en-US), and a
# text with no language known could be either: such a date is read only in a language with one order.
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}\b")
# A date dateparser may complete has a year: four digits, or two at the end of a numeric date. Text
# without one ("Posted 5 minutes ago", "Episode 12") is not worth its millisecond per language.
YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")


# What a page sets around the date it shows, which dateparser does not read past: a label ahead
# ("Опубликовано: 03.12.2021 14:27", "Published: …"). (Moscow time named after it, "14:27 МСК",
# "по московскому времени", is formats.without_zone_name's, as other cities' time is.)
DATE_LABEL = re.compile(r"(?:опубликовано|дата публикации|опубліковано|дата публікації|апублікавана|дата публікацыі|"
                        r"дата|(?:first )?published(?: on)?|publish(?:ed)? date|publication date|date published|"
                        r"posted(?: on)?|date created|created(?: on)?|date|datum|fecha|veröffentlicht(?: am)?|publié le|"
                        # Le Temps's "Publié mercredi 8 décembre 2021 à 18:45", Tamedia's "Publiziert: 08.12.2021"
                        r"publiée? le|publiée?|publiziert(?: am)?|"
                        # France 24's "Issued on:", swissinfo's "Dieser Inhalt wurde am … publiziert"
                        r"issued on|dieser inhalt wurde am|"
                        r"publicado(?: em| el)?|opublikowano|"
                        # Nordic, Dutch, Italian, Romanian, Central European, Baltic, South Slavic, Turkish
                        # and Greek sites' ("Publicerad 7 december 2021 kl. 14.30", "Objavljeno: 7.12.2021.").
                        r"publicerad|publicerat|publisert|publiceret|udgivet|julkaistu|gepubliceerd(?: op)?|"
                        r"pubblicato(?: il)?|publicat(?: pe| la)?|data publicării|publikováno|zveřejněno|publikované|közzétéve|"
                        r"paskelbta|publicēts|avaldatud|objavljeno(?: u)?|објављено|објавено|публикувано(?: на)?|"
                        r"опубликувано(?: на)?|"
                        r"yayınlanma(?: tarihi)?|yayın tarihi|giriş(?: tarihi)?|oluşturulma(?: tarihi)?|"
                        r"δημοσιεύθηκε|δημοσίευση|"
                        # Arabic, Hebrew, Persian, Indonesian, Vietnamese, Thai, Hindi
                        r"تاريخ النشر|نشر في|פורסם|תאריך פרסום|تاریخ انتشار|diterbitkan|dipublikasikan|"
                        r"đăng lúc|đăng ngày|ngày đăng|เผยแพร่|प्रकाशित|"
                        # Korean ("입력 2021.12.07 14:30", Naver's "기사입력", the Hankyoreh's "등록", Yonhap's
                        # "송고시간", written with no space before the date) and Japanese ("公開日", "掲載日")
                        r"기사입력|입력|등록|송고시간|公開日|掲載日|配信日|"
                        # and Chinese ("發佈日期：2021-12-10 10:05", HK01's; "发布时间")
                        r"[发發][布佈表](?:时间|時間|日期))(?!(?![\d])\w)\s*[:：]?\s*", re.IGNORECASE)
# A colon between the year and the time ("February 1, 2016: 1:28 AM ET", CNN's), which dateparser does
# not read past.
_YEAR_COLON_TIME = re.compile(r"(\d{4}):\s+(\d{1,2}:\d{2})")
# A numeric date with a year of two figures, words after it: BNR's "07.12.21 в 09:40", which dateparser
# reads with a year of four ("07.12.2021 в 09:40") and not so. This century's.
_SHORT_YEAR_THEN_WORDS = re.compile(r"(\d{1,2}\.\d{1,2}\.)(\d\d)(?=\s+[^\W\d])")
# Arabic news names a month twice, the Levantine name and then the one Egypt and the Gulf use
# ("04 آب/أغسطس 2013", "كانون الثاني/يناير"); dateparser reads neither pair. The second name stays.
_ARABIC_MONTH_PAIR = re.compile(r"(?:[\u0621-\u064a]+\s+)?[\u0621-\u064a]+\s*/\s*(?=[\u0621-\u064a])")
# Arabic news marks a year's era: "م" (the common era's) after it, and a Hijri date ahead of the
# Gregorian one closes with "هـ" ("الثلاثاء 3 جمادى الأولى 1443 هـ - 07 ديسمبر 2021 م"); dateparser
# reads neither. The Gregorian date is read without them. ("م" after a time is PM: it stays.)
_HIJRI_AHEAD = re.compile(r"^.*?\d{4}\s*هـ\.?\s*[-–—|/،,]?\s*(?:الموافق\s*)?(?=\S)")  # "الموافق": "which is"
# (The mark may be drawn out with a tatweel, "مـ", and a paper's issue number follow it: Asharq
# Al-Awsat's "07 ديسمبر 2021 مـ رقم العدد [ 15716]".)
_COMMON_ERA_MARK = re.compile(r"(?<=\d{4})\s*م\u0640*\.?(?:\s*رقم العدد.*$)?(?![\u0600-\u06ff])")
# The months as the Maghreb names them, from French (Morocco's "دجنبر", "نونبر"; Algeria's and
# Tunisia's "جانفي", "جوان"), which dateparser does not know: written as the Arabic of the Gulf and
# Egypt names them.
_MAGHREB_MONTHS = {"جانفي": "يناير", "فيفري": "فبراير", "أفريل": "أبريل", "افريل": "أبريل", "ماي": "مايو",
                   "جوان": "يونيو", "جويلية": "يوليو", "يوليوز": "يوليو", "غشت": "أغسطس", "أوت": "أغسطس",
                   "شتنبر": "سبتمبر", "نونبر": "نوفمبر", "دجنبر": "ديسمبر"}
# And as the Levant and Iraq name them, alone ("7 كانون الأول 2021", Annahar's; "كانون اول", Al
# Mayadeen's, without the article's hamza), not only before the Egyptian name ("كانون الأول/ديسمبر").
_LEVANTINE_MONTHS = {"كانون الثاني": "يناير", "كانون ثاني": "يناير", "شباط": "فبراير", "آذار": "مارس", "اذار": "مارس",
                     "نيسان": "أبريل", "أيار": "مايو", "ايار": "مايو", "حزيران": "يونيو", "تموز": "يوليو",
                     "آب": "أغسطس", "أيلول": "سبتمبر", "ايلول": "سبتمبر", "تشرين الأول": "أكتوبر",
                     "تشرين اول": "أكتوبر", "تشرين الثاني": "نوفمبر", "تشرين ثاني": "نوفمبر",
                     "كانون الأول": "ديسمبر", "كانون اول": "ديسمبر"}
_ARABIC_REGIONS_MONTHS = {**_MAGHREB_MONTHS, **_LEVANTINE_MONTHS}
_REGIONAL_ARABIC_MONTH = re.compile(r"(?<![\u0621-\u064a])("
                            + "|".join(name.replace(" ", r"\s+") for name in sorted(_ARABIC_REGIONS_MONTHS, key=len, reverse=True))
                            + r")(?![\u0621-\u064a])")
# A time and its zone's offset ahead of the date ("2:30 PM GMT+1, December 7, 2021", as AP shows it):
# dateparser reads the offset after the date only. Written so.
_TIME_AND_OFFSET_AHEAD = re.compile(r"(\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)\s+((?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?)"
                                    r"\s*,\s*(?=\S)", re.IGNORECASE)
# A zone's name of ZONE_HOURS after a time in words, which dateparser reads otherwise or not at all
# ("3:49 pm IST" as Israel's, "6 December 2021 10:15 AEDT" as a time of no zone).
_NAMED_ZONE_AFTER = re.compile(r"[\s,]+\(?(" + "|".join(sorted(ZONE_HOURS, key=len, reverse=True)) + r")\)?$")


# A time written with an "h" between hours and minutes ("14h30", "14h"), as Portuguese and French
# sites write it: dateparser reads it in French only ("07/12/2021 às 14h30", Brazil's, was unread).
# Quebec's press spaces it ("9 h 32", "14 h 05 HNE").
_HOURS_H_MINUTES = re.compile(r"(?<![\w:])([01]?\d|2[0-3])(?:h| h )([0-5]\d)?(?!\w)")
# Latin American Spanish spaces the half of the day ("02:32 p. m."), which dateparser reads unspaced
# only; the time had been read in the morning. Argentine sites close the time with "hs" ("11:00 hs."),
# after which dateparser read nothing; Mexican ones with "hrs" ("14:32 hrs").
_SPACED_MERIDIEM = re.compile(r"(?<=\d)\s*([apAP])\.\s+([mM])\.")
_HOURS_WORD = re.compile(r"(?<=\d)\s*hr?s\.?(?=\s|$)")


def _hours_h_minutes(found: re.Match[str]) -> str:
    return f"{found.group(1)}:{found.group(2) or '00'}"


# The word some languages write between a date and its time, which dateparser reads in some of
# them only: Swedish "kl." ("7 december 2021 kl. 14.30"), Estonian "kell", Slovene "ob", Belarusian
# "а", Serbian "у" after the year's dot (Norwegian's and Danish "kl." it reads). The time had been
# dropped or the date left unread.
_CLOCK_WORD = re.compile(r"(?<=\d)\.?(?:\s*,)?\s+(?:kl\.?|klockan|klokken|kell|ob|а|у)\s+(?=\d{1,2}[.:]\d{2}(?!\d))",
                         re.IGNORECASE)
# Latvian and Lithuanian write the year first ("2021. gada 7. decembrī", "2021 m. gruodžio 7 d."),
# Latvian with the month in the locative; dateparser reads the day first, the month as it names it.
_LATVIAN_YEAR_FIRST = re.compile(r"(\d{4})\.\s*gada\s+(\d{1,2})\.\s*([^\W\d]+)")
_LITHUANIAN_YEAR_FIRST = re.compile(r"(\d{4})\s*m\.\s*([^\W\d]+)\s+(\d{1,2})\s*d\.?")
_LATVIAN_MONTHS = {"janvārī": "janvāris", "februārī": "februāris", "martā": "marts", "aprīlī": "aprīlis",
                   "maijā": "maijs", "jūnijā": "jūnijs", "jūlijā": "jūlijs", "augustā": "augusts",
                   "septembrī": "septembris", "oktobrī": "oktobris", "novembrī": "novembris", "decembrī": "decembris"}


def _latvian_day_first(found: re.Match[str]) -> str:
    month = found.group(3)
    return f"{found.group(2)}. {_LATVIAN_MONTHS.get(month.lower(), month)} {found.group(1)}"


# A weekday's abbreviation ahead of an RFC 822 date in another language ("ti, 07 des 2021 14:30:00
# +0100", a Norwegian feed's): it says nothing the date does not, and dateparser gives up on one it
# does not know.
_WEEKDAY_AHEAD = re.compile(r"[^\W\d]{1,5}\.?,\s*(?=\d{1,2}\b)")
# Norwegian as CLD2 and most sites name it, which dateparser knows as Bokmål.
# Serbian in either script: "decembar", "децембар". Indonesian and Malay each with the other: close kin
# that a language's guess from a few words tells apart no better than by chance, and whose months
# differ ("Desember", "Disember").
_DATEPARSER_CODES = {"no": ("nb",), "sr": ("sr", "sr-Latn"), "id": ("id", "ms"), "ms": ("ms", "id")}


_UPDATE_AFTER_ARROW = re.compile(r"\s*-?>\s*\d{1,2}:\d{2}\s*$")
_ARMENIAN_YEAR_MARK = re.compile(r"(\d{4})\s*թ\.?")
# Monday's name inside a date ("Dec 06 Mon 2021 10:15"), which dateparser reads as a month's
# abbreviation and gives up; the other days' there it reads.
_MONDAY_INSIDE = re.compile(r" Mon(?:day)?,?(?= )")


def parse_localized(text: str, languages: tuple[str, ...], day_first: bool | None = None) -> datetime | None:
    """A date in words of another language, read by dateparser in the languages given (else ours);
    an all-numeric date English writes both ways, in the order `day_first` says (None: not read)."""
    if len(text) > MAX_LOCALIZED_CHARS or not YEAR.search(text):
        return None
    if (label := DATE_LABEL.match(text)) is not None:
        text = text[label.end():]
    text = _YEAR_COLON_TIME.sub(r"\1 \2", text)
    if "." in text and (short := _SHORT_YEAR_THEN_WORDS.match(text)) is not None:
        text = f"{short[1]}20{short[2]}{text[short.end(2):]}"
    if " Mon" in text:
        text = _MONDAY_INSIDE.sub("", text)
    if "/" in text and _ARABIC_MONTH_PAIR.search(text):
        text = _ARABIC_MONTH_PAIR.sub("", text)
    if ". m." in text or ". M." in text:
        text = _SPACED_MERIDIEM.sub(r" \1.\2.", text)
    if "h" in text:
        text = _HOURS_WORD.sub("", text) if "hs" in text or "hrs" in text else text
        text = _HOURS_H_MINUTES.sub(_hours_h_minutes, text)
    if "هـ" in text:
        text = _HIJRI_AHEAD.sub("", text)
    if "م" in text:
        text = _COMMON_ERA_MARK.sub("", text)
    if not text.isascii() and _REGIONAL_ARABIC_MONTH.search(text):
        text = _REGIONAL_ARABIC_MONTH.sub(lambda found: _ARABIC_REGIONS_MONTHS[" ".join(found.group(1).split())], text)
    if ("GMT" in text or "UTC" in text) and (ahead := _TIME_AND_OFFSET_AHEAD.match(text)) is not None:
        text = f"{text[ahead.end():]} {ahead.group(1)} {ahead.group(2)}"
    if (named := _NAMED_ZONE_AFTER.search(text)) is not None and named.start() > 0:
        found = parse_localized(text[:named.start()], languages, day_first)
        zone = timezone(timedelta(hours=ZONE_HOURS[named.group(1)]))
        return found.replace(tzinfo=zone) if found is not None and found.tzinfo is None else found
    if ">" in text:  # the time of an update after an arrow (N1's "07. dec. 2021. 13:15 > 13:40")
        text = _UPDATE_AFTER_ARROW.sub("", text)
    if "թ" in text:  # Armenian's mark of the year ("2021թ.")
        text = _ARMENIAN_YEAR_MARK.sub(r"\1", text)
    if (" k" in text or " ob " in text or " а " in text or " у " in text) and _CLOCK_WORD.search(text):
        text = _CLOCK_WORD.sub(" ", text)
    if "," in text[:7] and (weekday := _WEEKDAY_AHEAD.match(text)) is not None:
        text = text[weekday.end():]
    if "gada" in text:
        text = _LATVIAN_YEAR_FIRST.sub(_latvian_day_first, text)
    if " m." in text or "m. " in text:
        text = _LITHUANIAN_YEAR_FIRST.sub(r"\3 \2 \1", text)
    hinted = tuple(dict.fromkeys(dateparser_code for code in languages
                                 for dateparser_code in _DATEPARSER_CODES.get(code, (code,))
                                 if dateparser_code in _dateparser_languages()))
    if "." in text:
        text = _DOTTED_DATE.sub(_day_first, text)
    ambiguous = _day_or_month_first(text)
    if ambiguous and (hinted or LANGUAGES)[0] == "en":
        if day_first is None or (in_order := _in_iso_order(text, day_first)) is None:
            return None
        text, ambiguous = in_order, False
    found = _read_localized(text, hinted or LANGUAGES)
    if found is None and not ambiguous:
        # The declared language can be wrong (a template's "en-US" over Russian dates): the language
        # the date's letters are of, where one script tells it (Arabic's "ديسمبر" under an English
        # item), and the product's other languages get their turn, only for a date the hint could not read.
        tried = hinted or LANGUAGES
        rest = tuple(code for code in (*_by_its_letters(text), *LANGUAGES) if code not in tried)
        found = _read_localized(text, tuple(dict.fromkeys(rest))) if rest else None
    return found


# The language a script's letters in a date tell, where the script is mostly one language's: a month's
# name in Arabic, Hebrew, Greek, Georgian, Armenian or Thai letters.
_SCRIPT_LANGUAGES = ((re.compile("[\u0621-\u064a]"), "ar"), (re.compile("[\u05d0-\u05ea]"), "he"),
                     (re.compile("[\u03b1-\u03c9]"), "el"), (re.compile("[\u10d0-\u10fa]"), "ka"),
                     (re.compile("[\u0561-\u0587]"), "hy"), (re.compile("[\u0e01-\u0e2e]"), "th"))


def _by_its_letters(text: str) -> tuple[str, ...]:
    if text.isascii():
        return ()
    return tuple(language for letters, language in _SCRIPT_LANGUAGES if letters.search(text))


# A numeric date written with dots and a four-digit year: day, month, year (see _DOTTED_DATE).
DOTTED = r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})"


# A numeric date written with dots and a four-digit year is day first wherever it is written so
# (German, Russian, Ukrainian, Polish, and the English of DW, Ukrinform or TASS: "10.06.2013"); the
# American month-first order is written with slashes. Rewritten in ISO order, it reads in English too.
_DOTTED_DATE = re.compile(DOTTED + r"(?![\d.])")


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
    with DATEPARSER_LOCK:
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
    return DateDataParser(languages=list(languages), settings=DATEPARSER_SETTINGS, use_given_order=True)


@functools.lru_cache(maxsize=1)
def _dateparser_languages() -> frozenset[str]:
    from dateparser.data import language_order

    return frozenset(language_order)
