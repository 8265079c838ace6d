"""The dates an article page carries in its markup and text rather than its metadata: its <time
datetime> elements, elements named for a date, a byline's date, a labelled date ("Published: …"),
the line under the headline, an update note. extract.published chooses among them and what the page
declares."""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timezone
from typing import Iterator

import lxml.etree
import lxml.html

from monitor.clean.markup import one_line_text
from monitor.clean.site_lines import without_closing_counts
from monitor.dates import before_update, date_in, labelled, parse_date, updated_in
from monitor.extract.regions import HOLDS_A_HEADLINE, outside_the_article
from monitor.language import code


# Not one in a quotation: an embedded post (Instagram's <blockquote class="instagram-media">) carries
# the time of the post it quotes.
# And an element that gives its time as a Unix timestamp for a script to write out: TASS's
# <dateformat time="1638898800" mode="abs">, a "data-timestamp".
_TIME_ELEMENTS = lxml.etree.XPath("//*[self::time[@datetime] or self::dateformat[@time] or @data-timestamp]"
                                  "[not(ancestor::blockquote)]")
_EPOCH = re.compile(r"1\d{9}(?:\d{3})?")  # seconds (or milliseconds) since 1970, from 2001 to 2286


def _declared_time(element: lxml.html.HtmlElement) -> str:
    """An element's time as it declares it: a <time>'s datetime, a Unix timestamp as UTC's ISO 8601."""
    value = (element.get("datetime") or element.get("time") or element.get("data-timestamp") or "").strip()
    if _EPOCH.fullmatch(value):
        seconds = int(value) // (1000 if len(value) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value if element.tag == "time" else ""


def time_elements(root: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    """The article's <time datetime>, not the site's clock in its header, nor a related story's or
    a comment's (outside_the_article), and not one named for an update when another is there; and
    the first one in the site's header: a page whose article is in no <article> or <main> may have
    its date there, or the header may show the site's clock, so it is taken only when the page
    shows no other date."""
    updates: list[str] = []
    in_a_header: list[str] = []
    for element in _TIME_ELEMENTS(root):
        value = _declared_time(element)
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
# (date_texts), which a metadata line's other parts ("Von Anna Lehmann | 27.06.2018") do not spoil.
_DATE_ELEMENTS = lxml.etree.XPath(
    "//*[contains(translate(concat(@class, ' ', @id), 'DATE', 'date'), 'date')"
    " or contains(translate(concat(@class, ' ', @id), 'TIME', 'time'), 'time')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' day ')"  # AFPBB's <span class="day">
    # hAtom's published date (WordPress's and SPIP's themes: <abbr class="published" title="2019-06-27T10:21:40Z">),
    # and a name that holds the word ("article-published", SME's)
    " or contains(@class, 'published')"
    # the record's creation (Joomla's <dd class="create">, "created-post") or the article's metadata
    " or contains(@class, 'create') or contains(@class, 'meta')"
    # the date in other languages' words: Romanian, Italian, Portuguese and Polish "data" (a class of
    # its own: the English word names anything), German, Dutch, Czech and Hungarian "datum", Spanish
    # "fecha", Turkish "tarih" (HotNews's <div class="data">, Index's <div class="datum">)
    " or contains(concat(' ', normalize-space(@class), ' '), ' data ') or contains(@class, 'datum')"
    " or contains(@class, 'fecha') or contains(@class, 'tarih')]"
    " | //time[not(@datetime)] | //*[@itemprop='datePublished'][not(@content)]")
# A byline, whose line may end with the date ("Patricio Candia | Palma de Mallorca | 08/01/2014"):
# looked at after the elements named for a date and the labelled dates.
BYLINE_ELEMENTS = lxml.etree.XPath(
    "//body//*[contains(@class, 'byline') or contains(@class, 'autor') or contains(@class, 'author')"
    " or contains(@class, 'Author') or contains(@id, 'author')]")
DATE_TEXT_CHARS = (6, 60)
_AFTER_THE_HIJRI_DATE = re.compile(r"\d{4}\s*هـ\.?\s*[-–—|/،,]?\s*")
# A date in a list's item that holds a heading of its own: another story's teaser (gamersky's list
# under the article: "<li><img><h5>…</h5><p><time>2019-09-06</time>…", a day after the article's).
_IN_A_TEASER = lxml.etree.XPath("boolean(ancestor::li[1][.//h1 or .//h2 or .//h3 or .//h4 or .//h5 or .//h6])")
# "date-updated", "modified": a later date than the article's; "date_today", "current-date": the site's
# clock in its top bar (Mediapool's), today's date on every page.
_NOT_PUBLISHED = ("updat", "modif", "edit", "today", "current-date", "currentdate", "heute", "segodnya")


def date_texts(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None,
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
    for element in _innermost_first(elements(root)[:20]):
        text = one_line_text(line_text(element))
        if len(text) > DATE_TEXT_CHARS[1]:  # Le Monde's "Publié le … à 14h30 - Mis à jour le … à 15h01"
            text = before_update(text)
        if len(text) > DATE_TEXT_CHARS[1] and "هـ" in text and (gregorian := _AFTER_THE_HIJRI_DATE.search(text)):
            # An Arabic paper's Hijri date ahead of the Gregorian and its issue's number after it (Asharq
            # Al-Awsat's "الأربعاء - 4 جمادى الأولى 1443 هـ - 08 ديسمبر 2021 مـ رقم العدد [ 15716]")
            text = text[gregorian.end():].strip()
        data = _date_attribute(element)
        if not data and len(text) < DATE_TEXT_CHARS[0] and (parent := element.getparent()) is not None \
                and parent not in parents_read:
            # A date set out in parts, each in an element of its own (a blog theme's <span
            # class="month">Dec</span><span class="date">28</span><span class="year">2013</span>…):
            # their parent's text is the date.
            parents_read.add(parent)
            element, text = parent, _short_text(parent, DATE_TEXT_CHARS[1])
        # (A byline's line longer than a date's is read in its parts: HotNews' 85 characters of names,
        # the date in an element of its own.)
        too_long = len(text) > DATE_TEXT_CHARS[1]
        if not data and not (too_long and parts) and (not (DATE_TEXT_CHARS[0] <= len(text) <= DATE_TEXT_CHARS[1])
                                                      or not any(c.isdigit() for c in text)):
            continue
        own = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in own for word in _NOT_PUBLISHED) or (
                outside_the_article(element) and not _in_the_headlines_header(element)) or _IN_A_TEASER(element):
            continue
        if data:
            yield data
        elif not too_long and (found := date_in(text, languages, day_first, search=search)) is not None:
            yield found
        elif parts and (found := _date_in_a_part(element, languages, day_first, search)) is not None:
            # A byline's date in an element of its own beside the name: "von <a>Anna Lehmann</a>
            # <span>am 20.06.2018</span>", whose whole line is more name than date.
            yield found


def line_text(element: lxml.html.HtmlElement) -> str:
    """An element's text as a line, a line break in it a space: text_content() runs the words on both
    sides of a <br> together (the Straits Times' "Published<br/>Dec 8, 2021, 2:32 AM SGT": "PublishedDec 8")."""
    if element.find(".//br") is None:
        return element.text_content()
    copied = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode", with_tail=False))
    for line_break in copied.iter("br"):
        line_break.tail = " " + (line_break.tail or "")
    return copied.text_content()


_UNDER_THE_HEADLINE = 3  # elements after the <h1> (or after the element around it) whose line may be the date


def under_the_headline(h1: lxml.html.HtmlElement | None, language: str | None,
                       day_first: bool | None = None) -> Iterator[str]:
    """The date on a short line right under the article's <h1>, in an element named for nothing
    (a blog's "<small>Donnerstag, 15.2.2018, 19:51 > da]v[ax</small>"): among the next elements
    beside the <h1>, or beside the element that holds it alone; else the date with its time on the
    line right over it."""
    if h1 is None:
        return
    languages = tuple(filter(None, [code(language)]))
    beside = list(itertools.islice(h1.itersiblings(), _UNDER_THE_HEADLINE))
    if not beside and (parent := h1.getparent()) is not None and parent.tag not in ("body", "article", "main"):
        beside = list(itertools.islice(parent.itersiblings(), _UNDER_THE_HEADLINE))
    for element in beside:
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript"):
            continue
        # Without the counts of readers and comments after the date (a DLE site's "7-12-2021, 14:30
        # Просмотров: 1520 Комментариев: 0": the date was no longer most of the line).
        line = without_closing_counts(before_update(one_line_text(line_text(element))))
        if DATE_TEXT_CHARS[0] <= len(line) <= DATE_TEXT_CHARS[1] and any(c.isdigit() for c in line) \
                and ((found := date_in(line, languages, day_first)) is not None
                     or (found := _date_in_a_part(element, languages, day_first)) is not None):
            yield found
            return
    # Or right over it, with its time: Russian sites' line of the rubric and the date above the
    # headline (vz.ru's <span class="extitle">4 декабря 2021, 15:02</span> before its <h1>).
    above = h1.getprevious()
    if above is not None and isinstance(above.tag, str) and above.tag not in ("script", "style", "noscript"):
        line = one_line_text(above.text_content())
        if DATE_TEXT_CHARS[0] <= len(line) <= DATE_TEXT_CHARS[1] and ":" in line \
                and (found := date_in(line, languages, day_first)) is not None and ":" in found:
            yield found


def _date_in_a_part(element: lxml.html.HtmlElement, languages: tuple[str, ...], day_first: bool | None,
                   search: bool = True) -> str | None:
    """The date of the first of an element's children that gives one (dates.date_in, which reads no
    update's note as one): a line whose writer, date and update each stand in an element of their
    own, their texts run together without a space ("Petr Horák, Novinky, ČTK7. 12. 2021, 8:05",
    Novinky's; SME's "Lucia Hrnčiarová7. dec 2021 o 13:20"), the date inside a word."""
    for child in element.iterchildren():
        if not isinstance(child.tag, str):
            continue
        part = one_line_text(line_text(child))
        if DATE_TEXT_CHARS[0] <= len(part) <= DATE_TEXT_CHARS[1] and any(c.isdigit() for c in part) \
                and (found := date_in(part, languages, day_first, search=search)) is not None:
            return found
    return None


def _in_the_headlines_header(element: lxml.html.HtmlElement) -> bool:
    """Whether an element sits in the site's chrome only for an element named for a header that holds
    the headline, or that the headline follows, neither a <header> nor the page's banner: Xinhua's
    <div class="header domPC">, its <h1>, its time ("2023 11/ 17 20:52:15") and its source, in a page
    with no <article>; VnExpress's <div class="header-content"> of its section's links and its date
    ("Thứ ba, 7/12/2021, 14:32 (GMT+7)") over the <h1>."""
    if outside_the_article(element, header_is_the_sites=False):
        return False
    return any("header" in f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
               and ancestor.tag != "header" and ancestor.get("role") != "banner"
               and (HOLDS_A_HEADLINE(ancestor) or _the_headline_follows(ancestor))
               for ancestor in element.iterancestors() if isinstance(ancestor.tag, str))


def _the_headline_follows(element: lxml.html.HtmlElement) -> bool:
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):  # a comment between
        following = following.getnext()
    return following is not None and following.tag == "h1"


def _innermost_first(elements: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """The elements in document order, but each that holds others of them after those: a metadata
    box ("article_meta") that holds the date and a count of views is read after its date, whose text
    and the count's had run together ("14:321 204") and left the day alone."""
    index = {element: at for at, element in enumerate(elements)}
    last = list(range(len(elements)))  # the place of the last of the elements each holds, or its own
    for at, element in enumerate(elements):
        for ancestor in element.iterancestors():
            if (holder := index.get(ancestor)) is not None:
                last[holder] = max(last[holder], at)
    return [elements[at] for at in sorted(range(len(elements)), key=lambda at: (last[at], -at))]


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


def labelled_dates(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None) -> Iterator[str]:
    """The dates lines of the page give after a publication date's label (dates.labelled), in
    elements of no date's name (date_texts looks at those) outside the site's chrome; a label may
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


def update_date(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None) -> str | None:
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


def _date_attribute(element: lxml.html.HtmlElement) -> str | None:
    """An ISO 8601 date with its offset that a date's element carries as data besides its text
    (`<li class="date-and-time" title="2015-03-13T21:00:00+11:00">March 13, 2015 9:00PM</li>`):
    the same moment, with the zone the text leaves out."""
    for attribute in ("datetime", "content", "title"):
        value = (element.get(attribute) or "").strip()
        if len(value) >= 16 and value[:4].isdigit() and value[4] == "-" and parse_date(value)[1]:
            return value
    return None
