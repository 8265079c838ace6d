"""RSS 0.9x/1.0/2.0 and Atom bytes → Entries, through feedparser (JSON Feed: monitor.sources.jsonfeed).

feedparser's sanitizer and relative-URI pass are switched off: we turn HTML into text ourselves
(monitor.clean) and resolve links in normalize, so that work would be thrown away. A "bozo" feed
that still yielded entries keeps them and reports the warning; one that yielded nothing is an error,
and an HTML page served where a feed was expected says so and names the feed the page advertises.
"""

from __future__ import annotations

import calendar
import copy
import functools
import html
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import feedparser
import feedparser.api
import feedparser.mixin
import feedparser.urls
import feedparser.util

from monitor.charset import decode
from monitor.clean.markup import one_line_text
from monitor.clean.titles import without_page_number, without_site_name
from monitor.dates import site_country
from monitor.errors import ParseError, one_line
from monitor.extract.interstitial import bot_check
from monitor.extract.linked_data import host_of
from monitor.models import Entry, Parsed, RawDocument, is_web_url
from monitor.sources import expat_buffered, jsonfeed
from monitor.sources.xml_bytes import (GZIP_MAGIC, as_utf8, as_xml, gunzip, with_windows_1252_references,
                                      without_surrogate_references)
from monitor.urls import absolute, is_front_page, is_google_news_article, names_a_www_host, redirect_target

# feedparser asks xml.sax for the libxml2 driver first, and Python retries a failed import on every
# call: with it absent (it is no dependency of ours) that was a search of sys.path per feed, ~1.6 ms.
# The standard library's expat reader, what every parse here used anyway, is asked for directly,
# with its character data buffered (see expat_buffered).
feedparser.api.PREFERRED_XML_PARSERS = [expat_buffered.__name__]

# At every element's start feedparser joins its base URI with the element's xml:base, or with itself
# when there is none (nearly always), through urllib.parse: 49,737 joins for 100 feeds of 50 items,
# about a tenth of parsing them. The join is a function of its two strings alone, and a feed has a
# base or two: kept, the same strings are looked up. The cache is bounded, so a hostile feed with a
# new xml:base on every element costs no more memory than that.
feedparser.mixin.make_safe_absolute_uri = functools.lru_cache(maxsize=512)(feedparser.urls.make_safe_absolute_uri)

_feedparsers_resolve_uri = feedparser.mixin._FeedParserMixin.resolve_uri


def _resolve_uri(parser: Any, uri: str) -> str:
    """feedparser's join of a link with the feed's base, but for a link that begins with a host's
    "www." name and no scheme (some CMS templates write their items' links so): that host's page,
    where feedparser would make it a path under the feed's address; and for an RSS item's link
    written relative to its site (_site_of_the_channel)."""
    if names_a_www_host(uri):
        return absolute(uri, parser.baseuri or None)
    if getattr(parser, _IN_AN_ITEMS_LINK, False) and not uri.startswith(("http://", "https://", "//")) \
            and (site := _site_of_the_channel(parser)) is not None:
        return absolute(uri, site)
    return str(_feedparsers_resolve_uri(parser, uri))


# RSS defines no base for a relative link (it has no xml:base); sites that serve their feed from a
# host of its own (News24's feeds.news24.com, Les Echos' services.lesechos.fr) write their items'
# links relative to the site, which the channel's <link> names: against the feed's address, the link
# led to no page. Only an item's <link>, in RSS, where the channel's link is on another host; its
# GUID stays as feedparser reads it, the item's identity.
_IN_AN_ITEMS_LINK = "_monitor_in_an_items_link"
_feedparsers_end_link = feedparser.mixin._FeedParserMixin._end_link


def _end_link(parser: Any) -> None:
    setattr(parser, _IN_AN_ITEMS_LINK, bool(parser.inentry))
    try:
        _feedparsers_end_link(parser)
    finally:
        setattr(parser, _IN_AN_ITEMS_LINK, False)


def _site_of_the_channel(parser: Any) -> str | None:
    if not str(parser.version or "").startswith("rss"):
        return None
    site = parser.feeddata.get("link")
    if not isinstance(site, str) or not is_web_url(site) or parser.baseuri == site:
        return None
    try:
        return site if urlsplit(site).hostname != urlsplit(parser.baseuri or "").hostname else None
    except ValueError:
        return None


feedparser.mixin._FeedParserMixin.resolve_uri = _resolve_uri
feedparser.mixin._FeedParserMixin._end_link = _end_link

# An RSS <guid> without isPermaLink is a permalink by the standard's default, and feedparser takes it
# for the item's link where the item has none. Many feeds' GUIDs are identifiers ("a-60230011",
# "61b07a2b9a79472c3f1b4e1a"), which it joined to the feed's address: an address that was never a
# page ("https://rss.dw.com/xml/a-60230011"), stored as the item's link and fetched for its text. A
# GUID written as no address (no scheme, no path) is no link. (The GUID itself is kept as feedparser
# gives it: the identity of the items stored under it.)
_feedparsers_end_guid = feedparser.namespaces._base.Namespace._end_guid
_LINK_WRITTEN = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:|/|www\.)", re.IGNORECASE)
_GUID_NO_ADDRESS = "guid_is_no_address"  # (set on the entry where its GUID was written as none)


def _end_guid(parser: Any) -> None:
    written = "".join(parser.elementstack[-1][2]) if parser.elementstack else ""
    _feedparsers_end_guid(parser)
    context = parser._get_context()
    if written.strip() and not _LINK_WRITTEN.match(written):
        context[_GUID_NO_ADDRESS] = True
        if context.get("guidislink"):
            context["guidislink"] = False
            if context.get("link") == context.get("id"):
                del context["link"]


feedparser.namespaces._base.Namespace._end_guid = _end_guid
feedparser.namespaces._base.Namespace._end_id = _end_guid

# feedparser looks for an e-mail address in an <author> (or dc:creator, managingEditor…) with an
# expression that backtracks quadratically over a long run of letters, dots and dashes with no
# address in it (kurtmckee/feedparser#562, unfixed in 6.0.14): one hostile entry's author of 16,000
# characters cost 1.4 s, and ten times as many 2 minutes. No byline is that long: the author is cut
# to MAX_AUTHOR_CHARS before the look.
MAX_AUTHOR_CHARS = 1000
_feedparsers_sync_author_detail = feedparser.mixin._FeedParserMixin._sync_author_detail


def _sync_author_detail(parser: Any, key: str = "author") -> None:
    context = parser._get_context()
    author = context.get(key)
    if isinstance(author, str) and len(author) > MAX_AUTHOR_CHARS:
        context[key] = author[:MAX_AUTHOR_CHARS]
    _feedparsers_sync_author_detail(parser, key)


feedparser.mixin._FeedParserMixin._sync_author_detail = _sync_author_detail


# A picture's caption: Media RSS's <media:description> inside an image's <media:content> (Le
# Monde's feeds: "Le ministre à Genève, le 6 décembre." with its credit, under every item's picture).
# feedparser reads every <media:description> as the item's <description>: a caption was the item's
# summary, or its body where the item had a description already (a second description is
# content). Set aside as `media_caption`, it is the item's text only where it has none besides (a
# photo's item). A video's or a group's (YouTube's <media:group>) is the item's description still.
_feedparsers_start_media_content = feedparser.mixin._FeedParserMixin._start_media_content
_feedparsers_start_media_description = feedparser.mixin._FeedParserMixin._start_media_description
_feedparsers_end_media_description = feedparser.mixin._FeedParserMixin._end_media_description
_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)


def _start_media_content(parser: Any, attrs_d: dict[str, str]) -> None:
    _feedparsers_start_media_content(parser, attrs_d)
    medium, kind = attrs_d.get("medium") or "", attrs_d.get("type") or ""
    parser.in_picture = medium == "image" or kind.startswith("image/") or (
        not medium and not kind and _PICTURE_FILE.search(attrs_d.get("url") or "") is not None)


def _end_media_content(parser: Any) -> None:
    parser.in_picture = False


def _start_media_description(parser: Any, attrs_d: dict[str, str]) -> None:
    if getattr(parser, "in_picture", False):
        parser.push("media_caption", 1)  # popped, feedparser keeps it as the entry's "media_caption"
    else:
        _feedparsers_start_media_description(parser, attrs_d)


def _end_media_description(parser: Any) -> None:
    if getattr(parser, "in_picture", False):
        parser.pop("media_caption")
    else:
        _feedparsers_end_media_description(parser)


feedparser.mixin._FeedParserMixin._start_media_content = _start_media_content
feedparser.mixin._FeedParserMixin._end_media_content = _end_media_content
feedparser.mixin._FeedParserMixin._start_media_description = _start_media_description
feedparser.mixin._FeedParserMixin._end_media_description = _end_media_description


class _ContentParamsCopy:
    """What feedparser.mixin knows as `copy`: the copy module, with a deepcopy that copies a dict of
    strings, numbers and None by copying the dict.

    Each element with content (an entry's title, summary, content) gets its own copy of the content
    parameters (type, language, base): feedparser makes it with copy.deepcopy, which takes
    copyreg's generic path for a dict subclass, 2.8 copies an item, about 4% of `prepare`'s CPU on
    full-content feeds (bench/README.md, thirteenth session). Such a dict's deep copy is a copy of the dict; anything else (and anything
    feedparser may ask of the module besides) goes to the copy module itself. The result is the same
    on every corpus feed (tests/test_sources_feed.py)."""

    def deepcopy(self, value: Any, memo: dict[int, Any] | None = None) -> Any:
        if type(value) is feedparser.util.FeedParserDict and all(
                v is None or type(v) is str or type(v) is int for v in value.values()):
            return feedparser.util.FeedParserDict(value)  # its keys are mapped already (__setitem__)
        return copy.deepcopy(value, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


feedparser.mixin.copy = _ContentParamsCopy()


# feedparser reads its own FeedParserDicts (content parameters, entries, the element stack's
# contexts) 106 times an item on full-content feeds, each read through a chain of five key
# comparisons, the old-name keymap, and for .get() a KeyError raised and caught when the key is
# absent: about 6% of `prepare`'s CPU (bench/README.md, seventeenth session). A key that is neither
# one of those five nor an old name is an ordinary dict key, so it is read as one; every other key
# takes feedparser's own path. The five are those of feedparser 6.0's __getitem__: another
# version keeps its own lookups.
_FEEDPARSER_DICT = feedparser.util.FeedParserDict
_OWN_LOOKUP_KEYS = frozenset(("category", "enclosures", "license", "updated", "updated_parsed")) | frozenset(
    _FEEDPARSER_DICT.keymap)
_stock_getitem = _FEEDPARSER_DICT.__getitem__
_stock_get = _FEEDPARSER_DICT.get
_stock_contains = _FEEDPARSER_DICT.__contains__


def _getitem(self: dict[str, Any], key: str) -> Any:
    if key in _OWN_LOOKUP_KEYS:
        return _stock_getitem(self, key)
    return dict.__getitem__(self, key)


def _get(self: dict[str, Any], key: str, default: Any = None) -> Any:
    if key in _OWN_LOOKUP_KEYS:
        return _stock_get(self, key, default)
    return dict.get(self, key, default)


def _contains(self: dict[str, Any], key: object) -> bool:
    if key in _OWN_LOOKUP_KEYS:
        return bool(_stock_contains(self, key))
    return dict.__contains__(self, key)


if feedparser.__version__.split(".")[:2] == ["6", "0"]:
    _FEEDPARSER_DICT.__getitem__ = _getitem
    _FEEDPARSER_DICT.get = _get
    _FEEDPARSER_DICT.__contains__ = _contains

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
# An item's whole text in an aggregator's element, where a feed has no <content:encoded>: Russian
# and Ukrainian news sites write one for Yandex News (<yandex:full-text>, plain text or escaped
# HTML), Yandex Turbo pages (<turbo:content>, HTML) or Rambler (<rambler:fulltext>). feedparser
# names an element of a namespace it does not know by the document's own prefix: the local name
# is what is compared ("ya:full-text" is the same element). ukr.net's feeds write it without a
# prefix (<full-text>, Suspilne's rss/ukrnet.rss). A prefix may hold "_" itself (RBC's
# <rbc_news:full-text>, read as "rbc_news_full-text"): the local name is what follows the last.
_FULL_TEXT_NAMES = ("full-text", "fulltext")
_FULL_TEXT_PREFIXED = ("turbo_content",)
# Within one tag ("[^<>]", not "[^>]"): from each "<link" of a page with no ">" after it, the look had
# read the rest of the page (a hostile 200 KB of "<link ": 13 s).
_ALTERNATE = re.compile(
    rb"""<link\b[^<>]*\brel=["']?alternate["']?[^<>]*>""", re.IGNORECASE)
_FEED_TYPE = re.compile(rb"""type=["']?application/(?:rss|atom|rdf)\+xml""", re.IGNORECASE)
_HREF = re.compile(rb"""href=["']([^"']+)["']""", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


def parse(doc: RawDocument) -> Parsed:
    """Entries of a feed document."""
    body = gunzip(doc.body, doc.location, doc.max_bytes) if doc.body[:2] == GZIP_MAGIC else doc.body
    if jsonfeed.is_json(body, doc.content_type):
        return jsonfeed.parse(doc, body)
    headers = {}
    media_type = (doc.content_type or "application/xml").split(";")[0].strip() or "application/xml"
    headers["content-type"] = f"{media_type}; charset=utf-8"
    if doc.base_url:
        headers["content-location"] = doc.base_url
    utf8 = as_utf8(body, doc.charset, site_country(doc.base_url))
    data = with_windows_1252_references(without_surrogate_references(utf8))
    result = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    if result.get("bozo") and (mended := as_xml(data)) != data:
        # A feed that is no XML for its ampersands or control characters alone is XML once they are
        # mended; otherwise feedparser's forgiving reader still reads them better mended ("AT&T",
        # not "AT&T;").
        again = feedparser.parse(mended, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
        if len(again.entries) >= len(result.entries):
            result = again
    base = doc.base_url or _feed_base(result.feed)
    # The feed's <language> (or dc:language, or its root's xml:lang), else the server's
    # Content-Language; an entry's own xml:lang says more (see _language).
    language = result.feed.get("language") or doc.language
    atom = result.get("version") == "atom10"  # (Atom 0.3's types were MIME types, and its feeds marked up text so)
    entries = tuple(_entry(raw, result.feed, base, language, atom) for raw in result.entries)
    problem = result.get("bozo_exception") if result.get("bozo") else None
    if isinstance(problem, feedparser.NonXMLContentType):
        problem = None  # a local file or a careless server's Content-Type; the bytes are fine
    if not entries:
        if _is_html_page(doc.body, result):
            if (wall := bot_check(decode(body, doc.charset))) is not None:
                raise ParseError("feed", doc.location, f"the site answered with a bot check ({wall}), not the feed")
            advertised = advertised_feed(doc.body)
            hint = f"; the page advertises a feed at {advertised}" if advertised else ""
            raise ParseError("feed", doc.location, f"this is an HTML page, not a feed{hint}")
        if problem is not None and not result.feed.get("title"):
            raise ParseError("feed", doc.location, f"not a readable feed: {_describe(problem)}")
        # CDF channels have no version but a feed's fields (a title, a date, an abstract); an XML
        # export whose elements carry attributes leaves feedparser's feed those attributes alone, under
        # its elements' names, and was read as an empty feed.
        if not result.get("version") and not any(key in result.feed for key in _FEED_FIELDS):
            root = _ROOT_ELEMENT.search(body[:4096])
            named = f" (its root element is <{root.group(1).decode('ascii', 'replace')}>)" if root else ""
            raise ParseError("feed", doc.location, f"XML that is not an RSS or Atom feed{named}")
    warning = f"feed has problems but was read: {_describe(problem)}" if problem is not None and entries else None
    return Parsed(entries=entries, warning=warning, title=result.feed.get("title"))


_FEED_FIELDS = ("title", "link", "links", "updated", "published", "subtitle", "description", "summary", "id",
                "author", "language", "image", "generator", "rights", "tags")


def _describe(problem: Any) -> str:
    name = type(problem).__name__
    return one_line(f"{name}: {problem}" if str(problem) else name, 300)


def _without_closing_name(title: str, name: str) -> str:
    head, bar, closing = title.rpartition(" | ")
    return head.rstrip() if bar and head.strip() and closing.strip().casefold() == name.casefold() else title


def _is_html_page(body: bytes, result: Any) -> bool:
    if _LOOKS_HTML.match(body[:2048]):
        return True
    version = result.get("version") or ""
    return not version and b"<html" in body[:4096].lower()


def advertised_feed(body: bytes) -> str | None:
    """The first feed URL an HTML page advertises with <link rel="alternate" type="…rss/atom…">."""
    for tag in _ALTERNATE.findall(body[:200_000]):
        if _FEED_TYPE.search(tag):
            href = _HREF.search(tag)
            if href:
                return href.group(1).decode("utf-8", "replace")
    return None


def _atom_text(value: str | None, detail: Any, paragraphs: bool = True) -> str | None:
    """An Atom text construct of type "text" that holds "<", as markup that reads back as the text
    (its blank-line breaks paragraphs); any other value as it is."""
    if not value or "<" not in value or not detail or (detail.get("type") or "").lower() != "text/plain":
        return value
    if not paragraphs:
        return html.escape(value, quote=False)
    return "".join(f"<p>{html.escape(part, quote=False)}</p>" for part in value.split("\n\n"))


def _text_of(detail: Any) -> tuple[str | None, bool]:
    if not detail:
        return None, False
    value = detail.get("value")
    kind = (detail.get("type") or "").lower()
    return value, any(t in kind for t in _HTML_TYPES)


def _struct_to_utc(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError, OSError):
        return None


_ROOT_ELEMENT = re.compile(rb"<([A-Za-z_][\w:.-]*)[\s>/]")


def _feed_base(feed: Any) -> str | None:
    """Where a feed says it lives (its self link, else its site link): relative entry links resolve here."""
    for link in feed.get("links") or []:
        if link.get("rel") == "self" and is_web_url(str(link.get("href", ""))):
            return link["href"]
    link = feed.get("link")
    return link if isinstance(link, str) and is_web_url(link) else None


def _language(raw: Any, best: Any, feed_language: str | None) -> str | None:
    """The language an entry declares: the xml:lang in force on its content, summary or title
    (feedparser passes it down from the feed's root), else the feed's."""
    for detail in (best, raw.get("summary_detail"), raw.get("title_detail")):
        if detail and detail.get("language"):
            return str(detail["language"])
    return feed_language


def _entry(raw: Any, feed: Any, base: str | None, language: str | None = None, atom: bool = False) -> Entry:
    # feedparser's own `title` keeps the entry's title; title_detail can be a nested element's.
    title = raw.get("title")
    summary, summary_html = _text_of(raw.get("summary_detail"))
    if summary is None and raw.get("summary"):
        summary, summary_html = raw.get("summary"), True
    body, body_html, best = None, False, None
    contents = raw.get("content") or []
    if contents:
        # Prefer an HTML alternative when several are given; it carries the most text.
        best = max(contents, key=lambda c: (any(t in (c.get("type") or "") for t in _HTML_TYPES),
                                            len(c.get("value") or "")))
        body, body_html = best.get("value"), any(t in (best.get("type") or "") for t in _HTML_TYPES)
    if not contents:
        body = _full_text(raw)  # whether it is HTML is told by what it holds (normalize.looks_like_html)
    if body and summary and body.strip() == summary.strip():
        summary = None
    if atom:
        # Atom's type="text" is text, whatever it holds: "Fix <Button> focus ring" had been read as
        # markup (normalize tells markup by what a text holds), and lost all after "Fix".
        title = _atom_text(title, raw.get("title_detail"), paragraphs=False)
        if summary is not None and not summary_html and (marked := _atom_text(summary, raw.get("summary_detail"))) != summary:
            summary, summary_html = marked, True
        if body is not None and not body_html and (marked := _atom_text(body, best)) != body:
            body, body_html = marked, True
    if not body and not summary and (caption := dict.get(raw, "media_caption")):
        summary, summary_html = caption, False  # a photo's item: its picture's caption is all it says
    # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
    published_raw = dict.get(raw, "published") or dict.get(raw, "updated") or dict.get(raw, "created")
    hint = _struct_to_utc(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")
                          or dict.get(raw, "created_parsed"))
    source = raw.get("source") or {}
    publisher = source.get("title") or feed.get("title")
    if title and source.get("title"):
        # An aggregator's item (Google News: "Headline - Reuters", <source>Reuters</source>). Only
        # then: a feed's own title may be a topic ("Ukraine") that ends a headline as a word.
        title = without_site_name(one_line_text(title), one_line_text(source["title"]))
        # the page's <title> it took may close with the story's page marker ("… Halaman all")
        title = without_page_number(title)
    author = _author(raw)
    if title and author and " | " in title and (channel := feed.get("title")) and author.strip() == channel.strip():
        # A channel's feed, its every entry by the channel (YouTube's): its name after a bar closes the
        # headline as the site's ("… | DW News"). A bar, never a dash: a topic may end a headline after one.
        title = _without_closing_name(one_line_text(title), one_line_text(channel))
    link = _link(raw)
    if link:
        link = absolute(link, base)
    if is_google_news_article(link):
        # A Google News item: its description is Google's listing of headlines (this one's with
        # its publisher's name, then other outlets' stories of its cluster, whose words rules
        # would take for this one's).
        summary, summary_html = None, False
    # A redirect (Google News, Google Alerts, Bing News) to the article's own address: the address
    # the publisher's feed links to as well, and the page a full-text source fetches.
    link = redirect_target(link) or link
    return Entry(
        title=title,
        url=link,
        guid=(raw.get("id") or raw.get("guid") or None),
        author=author,
        publisher=publisher,
        published=published_raw,
        published_hint=hint,
        summary=summary,
        summary_is_html=summary_html,
        body=body,
        body_is_html=body_html,
        language=_language(raw, best, language),
    )


def _full_text(raw: Any) -> str | None:
    """The longest text of an entry's aggregator full-text elements (see _FULL_TEXT_NAMES), if any."""
    found = [value for key, value in raw.items()
             if isinstance(value, str) and value.strip()
             and (key in _FULL_TEXT_NAMES or key.rpartition("_")[2] in _FULL_TEXT_NAMES
                  or key in _FULL_TEXT_PREFIXED)]
    return max(found, key=len) if found else None


# RSS's <author> is an email address, the name in brackets after it ("editor@example.org (Jane
# Doe)"), or before it in angle brackets. feedparser's author_detail has the name apart, but its
# address pattern ends at a 4-letter top-level domain: "ivanov@desk.online (Иван Иванов)" became the
# name "ine (Иван Иванов". Read here first; feedparser's name only when it is whole.
_ADDRESS_THEN_NAME = re.compile(r"\s*[^\s@()<>]+@[^\s()<>]+\s*\(([^()]+)\)\s*")
_NAME_THEN_ADDRESS = re.compile(r"([^<>@]+?)\s*<[^\s@<>]+@[^\s<>]+>\s*")
_LONGEST_ADDRESS_AND_NAME = 320


def _author(raw: Any) -> str | None:
    # Several authors (Atom's <author> elements, RSS's <dc:creator>s): all of them, as JSON-LD's
    # are; feedparser's `author` is the last one alone. Not two forms of one name, as a feed's
    # <author> and <dc:creator> often are ("Desk", "Desk: www.desk.example").
    distinct: list[str] = []
    for person in raw.get("authors") or ():
        name = person.get("name") if isinstance(person, dict) else None
        if not isinstance(name, str) or not name.strip() or name.count("(") != name.count(")"):
            continue
        folded = name.strip().casefold()
        if not any(folded in other.casefold() or other.casefold() in folded for other in distinct):
            distinct.append(name.strip())
    if len(distinct) > 1:
        return ", ".join(distinct)
    written = raw.get("author")
    # Bounded: the patterns' cost grows with the square of a hostile feed's run of spaces.
    if written and "@" in written and len(written) <= _LONGEST_ADDRESS_AND_NAME:
        found = _ADDRESS_THEN_NAME.fullmatch(written) or _NAME_THEN_ADDRESS.fullmatch(written)
        if found:
            return str(found.group(1))
    detail = raw.get("author_detail") or {}
    name = detail.get("name")
    # A cut address leaves its rest in the name: "ine (Иван Иванов" (its bracket unclosed), or "ne".
    if name and name.count("(") == name.count(")") and not _address_cut(detail.get("email"), written):
        return str(name)
    return written or ((raw.get("authors") or [{}])[0] or {}).get("name")


def _address_cut(address: str | None, written: str | None) -> bool:
    """Whether feedparser's address is the start of a longer one in the text it read it from."""
    if not address or not written or address not in written:
        return False
    after = written.find(address) + len(address)
    return after < len(written) and (written[after].isalnum() or written[after] in ".-")


def _link(raw: Any) -> str | None:
    # A feed served through FeedBurner or Pheedo links each item through its click counter
    # (feedproxy.google.com/~r/…, long gone); the article's own address is kept beside it.
    for proxied in ("feedburner_origlink", "pheedo_origlink"):
        original = dict.get(raw, proxied)
        if isinstance(original, str) and is_web_url(original.strip()):
            return original.strip()
    guid = raw.get("id") or ""
    links = raw.get("links") or []
    for link in links:
        if link.get("rel", "alternate") == "alternate" and "html" in (link.get("type") or "text/html"):
            if link.get("href"):
                return _behind_a_click_counter(_article_over_home_page(link["href"], guid), raw)
    if raw.get("link"):
        return _behind_a_click_counter(_article_over_home_page(raw["link"], guid), raw)
    if not dict.get(raw, _GUID_NO_ADDRESS) and (raw.get("guidislink") or is_web_url(guid)):
        return guid or None
    return None


# A click counter's address in place of the article's, no original given beside it (FeedBlitz's
# "https://feeds.feedblitz.com/~/676498877/0/warontherocks~…/"): the article is the one the item's
# own signature links to, WordPress's "The post <a href=…>Title</a> appeared first on …".
_CLICK_COUNTERS = re.compile(r"https?://(?:feeds\.feedblitz\.com|feedproxy\.google\.com|feeds\.feedburner\.com)/~")
_SIGNED_ARTICLE = re.compile(r"""<a\b[^<>]*?\bhref=["'](?P<href>https?://[^"'<>\s]+)["'][^<>]*>[^<]{1,300}</a>\s*"""
                             r"(?:appeared first on|erschien zuerst auf|est apparu en premier sur|apareció primero en|"
                             r"появилась сначала на|з'явилася спочатку на)", re.IGNORECASE)


def _behind_a_click_counter(link: str, raw: Any) -> str:
    if not _CLICK_COUNTERS.match(link):
        return link
    for key in ("content", "summary"):
        values = raw.get(key)
        texts = [value.get("value") for value in values] if isinstance(values, list) else [values]
        for text in texts:
            if isinstance(text, str) and (signed := _SIGNED_ARTICLE.search(text)) is not None:
                return signed.group("href")
    return link


def _article_over_home_page(link: str, guid: str) -> str:
    """The item's GUID where its link is its site's home page and the GUID an article's address on
    that site: some CMS templates link every item to the home page and name the article in
    <guid isPermaLink="true"> only. Linked so, every item of the feed had one address."""
    if not is_front_page(link) or not is_web_url(guid.strip()):
        return link  # an article's own link, as nearly every item has
    try:
        path = urlsplit(guid.strip()).path
        same_site = host_of(link) is not None and host_of(link) == host_of(guid)
    except ValueError:  # an address that is no URL ("http://[::1"): the link as it is
        return link
    if not same_site or not path.strip("/"):
        return link
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if "." in last and last.rsplit(".", 1)[1].lower() not in _PAGE_SUFFIXES:
        return link  # a podcast's episode file as its GUID ("…/show-62.mp3"): no article's page
    return guid.strip()


_PAGE_SUFFIXES = frozenset(("html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cfm"))
