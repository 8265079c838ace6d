"""Find the feeds of a site from one of its pages, for `monitor sources add`.

Order: the URL itself when it is a feed; else the feeds the page advertises with
`<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`; else the usual paths on
the page's site (FEED_PATHS). Each candidate is fetched with the project's Fetcher (address checks,
size cap, one request at a time per host) and kept only when it reads as a feed.

`feed_links` is the pure part (page bytes in, links out); `discover` does the fetching.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from monitor.errors import FetchError, MonitorError
from monitor.fetch import Fetcher
from monitor.models import RawDocument, is_web_url
from monitor.sources import parse
from monitor.urls import canonical_url

log = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
FEED_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")
MAX_LINKS = 10  # advertised feeds fetched, at most: a page cannot make us fetch a hundred URLs


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed a page advertises: its absolute URL, media type and the link's title."""

    url: str
    type: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class FoundFeed:
    """A URL that was fetched and reads as a feed, with the feed's own title."""

    url: str
    title: str | None
    how: str  # "the URL itself" | "<link rel=alternate>" | "usual path"


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"].strip()
        elif tag == "link":
            self.links.append(values)

    handle_startendtag = handle_starttag


def feed_links(body: bytes, page_url: str) -> list[FeedLink]:
    """The feeds an HTML page advertises, in page order, made absolute, each once."""
    parser = _LinkParser()
    parser.feed(body[:2_000_000].decode("utf-8", "replace"))
    parser.close()
    base = urljoin(page_url, parser.base) if parser.base else page_url
    found: list[FeedLink] = []
    seen: set[str] = set()
    for link in parser.links:
        rels = link.get("rel", "").lower().split()
        media = link.get("type", "").split(";")[0].strip().lower()
        href = link.get("href", "").strip()
        if "alternate" not in rels or media not in FEED_TYPES or not href:
            continue
        url = urljoin(base, href)
        key = canonical_url(url) or url
        if not is_web_url(url) or key in seen:
            continue
        seen.add(key)
        found.append(FeedLink(url=url, type=media, title=link.get("title", "").strip() or None))
    return found


def usual_paths(page_url: str) -> list[str]:
    """The usual feed URLs of the page's site."""
    parts = urlsplit(page_url)
    return [urlunsplit((parts.scheme, parts.netloc, path, "", "")) for path in FEED_PATHS]


def as_feed(doc: RawDocument) -> tuple[bool, str | None]:
    """Whether the document reads as a feed, and the feed's title."""
    try:
        parsed = parse(replace(doc, kind="feed"))
    except MonitorError:
        return False, None
    return True, (parsed.title or "").strip() or None


def discover(fetcher: Fetcher, url: str, *, allow_private: bool = False) -> list[FoundFeed]:
    """The feeds found for a URL (see the module's order); FetchError when the URL cannot be had."""
    doc = fetcher.fetch_url(url, source="discover", kind="feed", allow_private=allow_private)
    is_feed, title = as_feed(doc)
    if is_feed:
        return [FoundFeed(url, title, "the URL itself")]
    page_url = doc.final_url or url
    links = feed_links(doc.body, page_url)
    found = _fetch_feeds([link.url for link in links[:MAX_LINKS]], fetcher, allow_private, "<link rel=alternate>")
    if not found:
        found = _fetch_feeds(usual_paths(page_url), fetcher, allow_private, "usual path")
    return found


def _fetch_feeds(urls: list[str], fetcher: Fetcher, allow_private: bool, how: str) -> list[FoundFeed]:
    found: list[FoundFeed] = []
    seen: set[str] = set()
    for candidate in urls:
        try:
            doc = fetcher.fetch_url(candidate, source="discover", kind="feed", allow_private=allow_private)
        except FetchError as exc:
            log.debug("no feed %s", exc)
            continue
        key = canonical_url(doc.final_url or candidate) or candidate
        is_feed, title = as_feed(doc)
        if not is_feed or key in seen:
            continue
        seen.add(key)
        found.append(FoundFeed(candidate, title, how))
    return found
