"""When an article page says it was published: declared as data (JSON-LD, meta tags, <time>), else
shown as text (under the headline, in the byline, after a label), else in its <title> or address;
a shown date wins over a declared one only where it says more.
"""

from __future__ import annotations

import itertools
import logging
import re
from datetime import date, datetime, timedelta
from typing import Any, Iterator
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from monitor.clean.markup import one_line_text
from monitor.clean.titles import TITLE_SEPARATOR
from monitor.dates import date_in, labelled, parse_date, updated_in
from monitor.extract.linked_data import ld_date
from monitor.extract.regions import HOLDS_A_HEADLINE, outside_the_article
from monitor.language import code, identify

log = logging.getLogger(__name__)


# The names pages give their publication date under, beyond OpenGraph's: Dublin Core's, Parse.ly's,
# Sailthru's, and what CMS templates invent ("pubdate", "publish-date"). A page's update time is
# not among them.
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "article:published",
                  "og:published_time", "og:pubdate", "datepublished", "parsely-pub-date", "sailthru.date",
                  "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.date", "citation_publication_date",
                  "citation_date", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
                  "published_at", "publication_date", "date_published", "date")
_CREATED_META = ("datecreated", "dcterms.created", "dc.date.created")


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
                              "datepublished", "publicationdate", "publication_date", "pubdate"))


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


# Not one in a quotation: an embedded post (Instagram's <blockquote class="instagram-media">) carries
# the time of the post it quotes.
_TIME_ELEMENTS = lxml.etree.XPath("//time[@datetime][not(ancestor::blockquote)]")


def _time_elements(root: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    """The article's <time datetime>, not the site's clock in its header, nor a related story's or
    a comment's (outside_the_article), and not one named for an update when another is there; and
    the first one in the site's header: a page whose article is in no <article> or <main> may have
    its date there, or the header may show the site's clock, so it is taken only when the page
    shows no other date."""
    updates: list[str] = []
    in_a_header: list[str] = []
    for element in _TIME_ELEMENTS(root):
        value = element.get("datetime", "").strip()
        if not value or outside_the_article(element, header_is_the_sites=False):
            continue
        if outside_the_article(element):
            in_a_header.append(value)
            continue
        own = f"{element.get('class', '')} {element.get('itemprop', '')}".lower()
        if any(word in own for word in _NOT_PUBLISHED):
            updates.append(value)
            continue
        return value, in_a_header[0] if in_a_header else None
    return (updates[0] if updates else None), (in_a_header[0] if in_a_header else None)


# Elements that may show the page's date as text: those whose class or id names a date
# ("news-date-time", "article__date", "post-date"), a <time> without a datetime attribute, and an
# itemprop=datePublished without content. In document order. Their text must read as a date
# (_date_texts), which a metadata line's other parts ("Von Anna Lehmann | 27.06.2018") do not spoil.
_DATE_ELEMENTS = lxml.etree.XPath(
    "//*[contains(translate(concat(@class, ' ', @id), 'DATE', 'date'), 'date')"
    " or contains(translate(concat(@class, ' ', @id), 'TIME', 'time'), 'time')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' day ')"  # AFPBB's <span class="day">
    # hAtom's published date (WordPress's and SPIP's themes: <abbr class="published" title="2019-06-27T10:21:40Z">)
    " or contains(concat(' ', normalize-space(@class), ' '), ' published ')"
    # the record's creation (Joomla's <dd class="create">, "created-post") or the article's metadata
    " or contains(@class, 'create') or contains(@class, 'meta')]"
    " | //time[not(@datetime)] | //*[@itemprop='datePublished'][not(@content)]")
# A byline, whose line may end with the date ("Patricio Candia | Palma de Mallorca | 08/01/2014"):
# looked at after the elements named for a date and the labelled dates.
_BYLINE_ELEMENTS = lxml.etree.XPath(
    "//body//*[contains(@class, 'byline') or contains(@class, 'autor') or contains(@class, 'author')"
    " or contains(@class, 'Author') or contains(@id, 'author')]")
DATE_TEXT_CHARS = (6, 60)
# A date in a list's item that holds a heading of its own: another story's teaser (gamersky's list
# under the article: "<li><img><h5>…</h5><p><time>2019-09-06</time>…", a day after the article's).
_IN_A_TEASER = lxml.etree.XPath("boolean(ancestor::li[1][.//h1 or .//h2 or .//h3 or .//h4 or .//h5 or .//h6])")
_NOT_PUBLISHED = ("updat", "modif", "edit")  # "date-updated", "modified": a later date than the article's


def _date_texts(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None,
               elements: lxml.etree.XPath = _DATE_ELEMENTS, search: bool = True,
               parts: bool = False) -> Iterator[str]:
    """The dates a page shows as text, where it gives none as data (JSON-LD, meta, <time datetime>)
    or none with its zone: in the elements named for one (_DATE_ELEMENTS; or `elements`) outside
    the site's chrome whose text reads as a date with a day, month and year, in the page's language
    (monitor.dates, which leaves an ambiguous "03/04/2021" unread unless `day_first` gives the
    site's order; `search`: dateparser's search of a line too, see dates.date_in; `parts`: an
    element's children's texts too, where its whole text is no date). Many regional sites (Bitrix,
    older Drupal) show nothing else."""
    languages = tuple(filter(None, [code(language)]))
    parents_read: set[lxml.html.HtmlElement] = set()
    for element in elements(root)[:20]:
        text = one_line_text(element.text_content())
        data = _date_attribute(element)
        if not data and len(text) < DATE_TEXT_CHARS[0] and (parent := element.getparent()) is not None \
                and parent not in parents_read:
            # A date set out in parts, each in an element of its own (a blog theme's <span
            # class="month">Dec</span><span class="date">28</span><span class="year">2013</span>…):
            # their parent's text is the date.
            parents_read.add(parent)
            element, text = parent, _short_text(parent, DATE_TEXT_CHARS[1])
        if not data and (not (DATE_TEXT_CHARS[0] <= len(text) <= DATE_TEXT_CHARS[1])
                         or not any(c.isdigit() for c in text)):
            continue
        own = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in own for word in _NOT_PUBLISHED) or (
                outside_the_article(element) and not _in_the_headlines_header(element)) or _IN_A_TEASER(element):
            continue
        if data:
            yield data
        elif (found := date_in(text, languages, day_first, search=search)) is not None:
            yield found
        elif parts:
            # A byline's date in an element of its own beside the name: "von <a>Anna Lehmann</a>
            # <span>am 20.06.2018</span>", whose whole line is more name than date.
            for child in element.iterchildren():
                line = one_line_text(child.text_content())
                if DATE_TEXT_CHARS[0] <= len(line) <= DATE_TEXT_CHARS[1] and any(c.isdigit() for c in line) \
                        and (found := date_in(line, languages, day_first, search=search)) is not None:
                    yield found
                    break


_UNDER_THE_HEADLINE = 3  # elements after the <h1> (or after the element around it) whose line may be the date


def _under_the_headline(h1: lxml.html.HtmlElement | None, language: str | None,
                       day_first: bool | None = None) -> Iterator[str]:
    """The date on a short line right under the article's <h1>, in an element named for nothing
    (a blog's "<small>Donnerstag, 15.2.2018, 19:51 > da]v[ax</small>"): among the next elements
    beside the <h1>, or beside the element that holds it alone."""
    if h1 is None:
        return
    languages = tuple(filter(None, [code(language)]))
    beside = list(itertools.islice(h1.itersiblings(), _UNDER_THE_HEADLINE))
    if not beside and (parent := h1.getparent()) is not None and parent.tag not in ("body", "article", "main"):
        beside = list(itertools.islice(parent.itersiblings(), _UNDER_THE_HEADLINE))
    for element in beside:
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript"):
            continue
        line = one_line_text(element.text_content())
        if DATE_TEXT_CHARS[0] <= len(line) <= DATE_TEXT_CHARS[1] and any(c.isdigit() for c in line) \
                and (found := date_in(line, languages, day_first)) is not None:
            yield found
            return


def _in_the_headlines_header(element: lxml.html.HtmlElement) -> bool:
    """Whether an element sits in the site's chrome only for an element named for a header that holds
    the headline, neither a <header> nor the page's banner: Xinhua's <div class="header domPC">,
    its <h1>, its time ("2023 11/ 17 20:52:15") and its source, in a page with no <article>."""
    if outside_the_article(element, header_is_the_sites=False):
        return False
    return any("header" in f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
               and ancestor.tag != "header" and ancestor.get("role") != "banner" and HOLDS_A_HEADLINE(ancestor)
               for ancestor in element.iterancestors() if isinstance(ancestor.tag, str))


def _short_text(element: lxml.html.HtmlElement, limit: int) -> str:
    """An element's text on one line, or "" when it is longer than `limit` characters (read only as
    far as that: the parent of a date's part may be the whole page)."""
    pieces: list[str] = []
    length = 0
    for piece in element.itertext():
        length += len(piece.strip())
        if length > limit:
            return ""
        pieces.append(piece)
    return one_line_text("".join(pieces))


# The page's short lines of text, among which a labelled date ("Date created : 2015-05-12" in an
# element named for no date, as France 24's pages had it; a label of four letters alone in its own
# element, DW's "<strong>Date</strong> 10.06.2013", "Дата").
_SHORT_TEXTS = lxml.etree.XPath("//body//text()[string-length(normalize-space()) > 3"
                                " and string-length(normalize-space()) <= 60]")


def _labelled_dates(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None) -> Iterator[str]:
    """The dates lines of the page give after a publication date's label (dates.labelled), in
    elements of no date's name (_date_texts looks at those) outside the site's chrome; a label may
    stand in an element of its own ("<b>Published:</b> 12 March 2021")."""
    languages = tuple(filter(None, [code(language)]))
    for node in _SHORT_TEXTS(root)[:2000]:
        line = one_line_text(str(node))
        if not labelled(line) or not isinstance(element := node.getparent(), lxml.html.HtmlElement):
            continue
        if element.tag in ("script", "style", "noscript", "title") or outside_the_article(element):
            continue
        for _ in range(2):  # the label alone: the date follows it in the element around both
            if any(c.isdigit() for c in line) or (parent := element.getparent()) is None:
                break
            element, line = parent, one_line_text(parent.text_content())
        if len(line) <= DATE_TEXT_CHARS[1] and (found := date_in(line, languages, day_first)) is not None:
            yield found


def _update_date(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None) -> str | None:
    """The time of the article's last update the page shows (dates.updated_in), outside the site's
    chrome: where it shows no other date, the best there is of when it was published, which was no
    later (the Times of India's byline: "Saibal Dasgupta | TNN | Updated: Oct 9, 2019, 11:05 IST")."""
    languages = tuple(filter(None, [code(language)]))
    for node in _SHORT_TEXTS(root)[:2000]:
        if (found := updated_in(one_line_text(str(node)), languages, day_first)) is None:
            continue
        element = node.getparent()
        if isinstance(element, lxml.html.HtmlElement) and element.tag not in ("script", "style", "noscript", "title") \
                and not outside_the_article(element):
            return found
    return None


_BARE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_MOST_HOURS_APART = timedelta(hours=14)  # the furthest a zone is from UTC
_QUARTER_HOUR = timedelta(minutes=15)  # what every zone's offset is a multiple of


def _shown_is_finer(shown: str | None, declared: str, language: str | None, day_first: bool | None = None) -> bool:
    """Whether a date the page shows (_date_texts', as written) says more than the one declared as
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
    return zoned and abs(apart) <= _MOST_HOURS_APART and apart % _QUARTER_HOUR == timedelta(0)


def _date_attribute(element: lxml.html.HtmlElement) -> str | None:
    """An ISO 8601 date with its offset that a date's element carries as data besides its text
    (`<li class="date-and-time" title="2015-03-13T21:00:00+11:00">March 13, 2015 9:00PM</li>`):
    the same moment, with the zone the text leaves out."""
    for attribute in ("datetime", "content", "title"):
        value = (element.get(attribute) or "").strip()
        if len(value) >= 16 and value[:4].isdigit() and value[4] == "-" and parse_date(value)[1]:
            return value
    return None


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
_ADDRESS_DAY = re.compile(r"/((?:19|20)\d\d)([/-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


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
                      day_first: bool | None) -> tuple[str | None, str | None]:
    """When an article page says it was published: the date its data declares (JSON-LD, meta tags,
    <time>), or the one it shows as text where none is declared or that says more; with the shown
    date, or None (the text then goes without the line that shows it)."""
    time_element, in_the_header = _time_elements(root)
    published = _first_date(ld_date(ld.get("datePublished")), *(meta.get(key) for key in _PUBLISHED_META),
                            time_element)
    shown_date = None
    if published is None or not parse_date(published)[1]:  # none declared, or without its zone
        shown = itertools.chain(_date_texts(root, language, day_first),
                                _labelled_dates(root, language, day_first),
                                _date_texts(root, language, day_first, _BYLINE_ELEMENTS, search=False, parts=True),
                                _under_the_headline(h1, language, day_first))
        # What is declared as data stands unless the page shows more of it.
        shown_date = next((text for text in shown
                           if published is None or _shown_is_finer(text, published.strip(), language, day_first)),
                          None)
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
                           ld_date(ld.get("dateModified")))
    return recorded or _address_date(address) or _update_date(root, language, day_first)
