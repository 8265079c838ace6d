"""What a site's address or an item's language says about its dates: the zone a date without one
was most likely written in, and whether the site writes a numeric date's day or month first.
"""

from __future__ import annotations

import functools
from datetime import datetime
from urllib.parse import urlsplit

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
    "sr": "Europe/Belgrade", "hr": "Europe/Zagreb", "bs": "Europe/Sarajevo", "sl": "Europe/Ljubljana",
    "mk": "Europe/Skopje", "sq": "Europe/Tirane", "is": "Atlantic/Reykjavik", "az": "Asia/Baku",
    "uz": "Asia/Tashkent", "tg": "Asia/Dushanbe", "ky": "Asia/Bishkek", "tk": "Asia/Ashgabat",
    "hi": "Asia/Kolkata", "ne": "Asia/Kathmandu", "si": "Asia/Colombo", "th": "Asia/Bangkok",
    "lo": "Asia/Vientiane", "km": "Asia/Phnom_Penh", "my": "Asia/Yangon", "vi": "Asia/Ho_Chi_Minh",
    # Norwegian's written forms, and languages whose news comes mostly from one zone: Portuguese
    # from Brazil's most populous (Portugal's sites are .pt, whose zone their country gives), Indonesian
    # from Jakarta's (WIB), Kazakh, Persian, Pashto, Urdu, Bengali, Malay, Filipino, Swahili, Amharic,
    # Mongolian.
    "nb": "Europe/Oslo", "nn": "Europe/Oslo", "pt": "America/Sao_Paulo", "id": "Asia/Jakarta", "kk": "Asia/Almaty",
    "fa": "Asia/Tehran", "ps": "Asia/Kabul", "ur": "Asia/Karachi", "bn": "Asia/Dhaka", "ms": "Asia/Kuala_Lumpur",
    "tl": "Asia/Manila", "sw": "Africa/Nairobi", "am": "Africa/Addis_Ababa", "mn": "Asia/Ulaanbaatar",
    # India's other languages, each of one zone (Tamil's news comes mostly from India, Sri Lanka's
    # sites are .lk), and Nigeria's (Hausa, Yoruba, Igbo).
    "ta": "Asia/Kolkata", "te": "Asia/Kolkata", "mr": "Asia/Kolkata", "kn": "Asia/Kolkata", "ml": "Asia/Kolkata",
    "gu": "Asia/Kolkata", "pa": "Asia/Kolkata", "or": "Asia/Kolkata", "as": "Asia/Kolkata",
    "ha": "Africa/Lagos", "yo": "Africa/Lagos", "ig": "Africa/Lagos",
    # Catalan: Catalonia's, Valencia's, the Balearics', Andorra's and Roussillon's, one zone; Galician's
    # and Basque's
    "ca": "Europe/Madrid", "gl": "Europe/Madrid", "eu": "Europe/Madrid",
}


def assumed_zone(language: str | None, url: str | None, raw: str | None, read: datetime,
                 declared: str | None = None) -> tuple[str, str] | None:
    """The zone a date written without one (`raw`, `read` as UTC) is read in, and whose it is: the
    country's that the item's address names (site_zone), else its language's (LANGUAGE_ZONES); None
    where neither says, and for a day without a time ("2017-03-10", "2017-03-10T00:00:00"), which is
    that day whatever the zone. A time is one however written ("14:27", French "14h30", German "14.30
    Uhr", Swedish "kl. 14.30"): read as another than midnight. The country first: Ukrainian sites that write in Russian date their
    stories in Kyiv's time, not Moscow's, Radio-Canada's French is Montreal's, and English, Spanish
    or Arabic are written across many zones that the country narrows to one. Then the country of the
    language's region its source declared (`declared`, "pt-PT": Lisbon's, not Brazil's; "es-MX"), but
    English's, which templates declare "en-US" wherever they are."""
    if not raw or (read.hour, read.minute, read.second) == (0, 0, 0):
        return None
    if (zone := site_zone(url)) is not None:
        return zone, "its site's country's"
    if language and language != "en" and (zone := _region_zone(declared, language)) is not None \
            and zone != LANGUAGE_ZONES.get(language):  # "zh-CN" said no more than "zh"
        return zone, "its declared region's"
    if language and (zone := LANGUAGE_ZONES.get(language)) is not None:
        return zone, "its language's"
    return None


def _region_zone(declared: str | None, language: str) -> str | None:
    """The zone of the country a language tag's region names ("pt-PT", "es_MX"), where the tag is of
    `language`; None for a tag without a region, or with a region of figures ("es-419")."""
    if not declared:
        return None
    parts = declared.replace("_", "-").split("-")
    if len(parts) < 2 or parts[0].casefold() != language or len(parts[1]) != 2 or not parts[1].isalpha():
        return None
    country = parts[1].casefold()
    return _COUNTRY_ZONES.get(country) or _zone_tab().get(country)


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
    if len(parts) >= 2 and (country := _SITES_ON_GENERIC_DOMAINS.get(f"{parts[-2]}.{parts[-1]}")):
        return country
    if len(parts) >= 2 and (community := _COMMUNITY_DOMAINS.get(parts[-1])) is not None:
        return community
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
    return country_writes_day_first(site_country(url))


def country_writes_day_first(country: str | None) -> bool | None:
    """site_writes_day_first for a country known already (site_country's code)."""
    if country is None or country in _BOTH_ORDERS:
        return None
    return country not in _MONTH_FIRST


@functools.lru_cache(maxsize=256)
def country_languages(country: str | None) -> tuple[str, ...]:
    """The official languages of a country (site_country's code) as ISO 639-1 codes, as the Unicode
    CLDR lists them (babel's data): those a site there may write its feed's dates in, whatever its
    items' language ("mar, 07 dic 2021 11:00:00 -0300" on an Argentine site's English item)."""
    if not country:
        return ()
    from babel.languages import get_official_languages  # 11 ms, the first time a feed names a country

    codes = (code.split("_", 1)[0] for code in get_official_languages(country.upper()))
    return tuple(dict.fromkeys(code for code in codes if len(code) == 2))


_DOMAIN_COUNTRIES = {"uk": "gb", "su": "ru"}  # domains that are no ISO 3166 code
# The domains of a language's community within one country: Catalonia's, Galicia's, the Basque Country's.
_COMMUNITY_DOMAINS = {"cat": "es", "gal": "es", "eus": "es"}
# The country of major news sites whose address is a generic domain, where their language does not
# say it: Spanish, Arabic and English are written across many zones (Clarín's "07/12/2021 15:32" is
# Buenos Aires's time, three hours behind UTC, and was read as UTC), and Ukraine's sites that write in
# Russian date their stories in Kyiv's time, not Moscow's, an hour apart. The sites of one country,
# not the agencies and networks that write from many (EFE, CNN, Reuters, Al Jazeera's English site);
# a site under its country's domain ("eluniversal.com.mx", "pravda.com.ua") needs none.
_SITES_ON_GENERIC_DOMAINS = {
    # Argentina, Chile, Colombia, Ecuador, Venezuela, Mexico
    **dict.fromkeys(("clarin.com", "infobae.com", "perfil.com", "ambito.com", "cronista.com", "minutouno.com"), "ar"),
    **dict.fromkeys(("latercera.com", "emol.com"), "cl"),
    **dict.fromkeys(("eltiempo.com", "elespectador.com", "semana.com", "elcolombiano.com", "portafolio.co", "pulzo.com",
                     "rcnradio.com", "bluradio.com", "lasillavacia.com", "elheraldo.co"), "co"),
    **dict.fromkeys(("elcomercio.com", "eluniverso.com"), "ec"),
    **dict.fromkeys(("elnacional.com", "eluniversal.com", "efectococuyo.com", "talcualdigital.com", "elpitazo.net"), "ve"),
    **dict.fromkeys(("milenio.com", "animalpolitico.com", "sdpnoticias.com", "reforma.com", "elheraldodemexico.com",
                     "aristeguinoticias.com"), "mx"),
    # Central America and the Caribbean, Paraguay, Bolivia
    **dict.fromkeys(("elsalvador.com", "laprensagrafica.com"), "sv"), "prensalibre.com": "gt",
    **dict.fromkeys(("nacion.com", "crhoy.com"), "cr"), "prensa.com": "pa", "14ymedio.com": "cu",
    **dict.fromkeys(("listindiario.com", "diariolibre.com"), "do"), "ultimahora.com": "py", "la-razon.com": "bo",
    # Spain
    **dict.fromkeys(("elpais.com", "lavanguardia.com", "elconfidencial.com", "elespanol.com", "elperiodico.com"), "es"),
    # Arabic: Egypt, Qatar, the Emirates, Lebanon, Jordan
    **dict.fromkeys(("youm7.com", "masrawy.com", "almasryalyoum.com", "shorouknews.com", "elwatannews.com"), "eg"),
    "aljazeera.net": "qa", **dict.fromkeys(("alarabiya.net", "skynewsarabia.com"), "ae"),
    **dict.fromkeys(("annahar.com", "aljadeed.tv", "lorientlejour.com", "almayadeen.net"), "lb"),
    **dict.fromkeys(("alghad.com", "royanews.tv"), "jo"), "hespress.com": "ma", "libyaobserver.ly": "ly",
    **dict.fromkeys(("alriyadh.com", "aawsat.com"), "sa"),
    # Ukraine's and Russia's sites in Russian or English
    **dict.fromkeys(("censor.net", "korrespondent.net", "liga.net", "obozrevatel.com", "ukranews.com", "unian.net",
                     "unian.info", "ukrinform.net", "kyivindependent.com", "kyivpost.com", "euromaidanpress.com",
                     "strana.news", "dumskaya.net", "timer-odessa.net", "ostro.org", "gordonua.com", "nikvesti.com",
                     "izmail.tv"), "ua"),
    "themoscowtimes.com": "ru",
    # English: Israel, the Gulf, South Asia, East and Southeast Asia, Turkey, Africa
    **dict.fromkeys(("timesofisrael.com", "jpost.com"), "il"), "arabnews.com": "sa",
    **dict.fromkeys(("gulfnews.com", "khaleejtimes.com", "thenationalnews.com"), "ae"), "dawn.com": "pk",
    **dict.fromkeys(("thedailystar.net", "prothomalo.com", "bdnews24.com", "dhakatribune.com"), "bd"),
    **dict.fromkeys(("geo.tv", "thenews.com.pk"), "pk"), "kathmandupost.com": "np", "kyodonews.net": "jp",
    **dict.fromkeys(("thehindu.com", "hindustantimes.com", "indianexpress.com", "ndtv.com", "indiatimes.com",
                     "livemint.com", "news18.com"), "in"),
    "scmp.com": "hk", **dict.fromkeys(("straitstimes.com", "channelnewsasia.com"), "sg"), "koreaherald.com": "kr",
    "bangkokpost.com": "th", **dict.fromkeys(("inquirer.net", "rappler.com", "philstar.com"), "ph"),
    **dict.fromkeys(("dailysabah.com", "hurriyetdailynews.com"), "tr"),
    **dict.fromkeys(("premiumtimesng.com", "punchng.com", "vanguardngr.com"), "ng"), "news24.com": "za",
    "ghanaweb.com": "gh", "nation.africa": "ke",
    **dict.fromkeys(("malaysiakini.com", "freemalaysiatoday.com", "astroawani.com"), "my"),
    **dict.fromkeys(("gmanetwork.com", "abs-cbn.com"), "ph"), "vnexpress.net": "vn",
    # French-speaking Africa, whose zones are not Paris's that the language would say
    **dict.fromkeys(("seneweb.com", "dakaractu.com"), "sn"), "abidjan.net": "ci", "jeuneafrique.com": "fr",
    "journaldumali.com": "ml", "kapitalis.com": "tn", "tsa-algerie.com": "dz", "addisstandard.com": "et",
    # China's international broadcaster, on Beijing's clock
    "cgtn.com": "cn",
}
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
