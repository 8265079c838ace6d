"""A sitemap → one Entry per article it lists, through ultimate-sitemap-parser (usp).

usp reads text we hand it (`usp.tree.sitemap_from_str`) and fetches nothing from here: the bytes
were fetched by our own client, and the sitemaps an index lists come back as `Parsed.links` for
monitor.collect to fetch the same way. Google News sitemaps are what this is for: an entry carries
the article's URL (also its GUID within the source) and, from <news:news>, its title, publication
date, language and publication name; a plain <url> has its <lastmod> as its date. The articles'
pages are fetched and read by monitor.collect; what the sitemap says fills what a page lacks.

usp's parser logs and swallows XML errors, so the bytes are first checked here with expat (DTDs
and entity declarations refused, as usp does) to say what is wrong on the fetch record.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import replace
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from monitor.charset import decode
from monitor.errors import ParseError, one_line
from monitor.models import Entry, Parsed, RawDocument
from monitor.sources.xml_bytes import GZIP_MAGIC, gunzip
from monitor.urls import canonical_url

if TYPE_CHECKING:
    from usp.objects.page import SitemapPage

_ROOT_ELEMENT = re.compile(r"<([A-Za-z_][\w:.-]*)[\s>/]")


class _Declined(Exception):
    pass


def _decline(*_: object) -> None:
    raise _Declined("a DTD or entity declaration, which sitemaps have no use for")


def _xml_problem(text: str) -> str | None:
    """What makes a sitemap's XML unreadable (cut short, malformed, a DTD), or None."""
    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _decline
    parser.EntityDeclHandler = _decline
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        return one_line(str(exc), 200)
    except _Declined as exc:
        return str(exc)
    return None


def _lastmods(text: str) -> dict[str, datetime]:
    """Each sitemap an index lists, by its address, with its <lastmod> where it reads (usp keeps none)."""
    found: dict[str, datetime] = {}
    current: dict[str, str] = {}
    inside: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "sitemap":
            current.clear()
        inside.append(local)

    def end(name: str) -> None:
        inside.pop()
        if name.rpartition(":")[2] == "sitemap" and (loc := current.get("loc", "").strip()):
            try:
                when = datetime.fromisoformat(current.get("lastmod", "").strip())
            except ValueError:
                return
            found[loc] = when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)

    def text_of(data: str) -> None:
        if inside and inside[-1] in ("loc", "lastmod"):
            current[inside[-1]] = current.get(inside[-1], "") + data

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text_of
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError:
        return {}
    return found


def _newest_first(links: list[str], lastmods: dict[str, datetime]) -> list[str]:
    """An index's sitemaps, those changed last first, the undated after them as listed: Yoast lists a
    site's post sitemaps oldest first, and a run that reads MAX_SITEMAPS of them in that order never
    reached the new posts of a site with 20,000."""
    dated = sorted((link for link in links if link in lastmods), key=lambda link: lastmods[link], reverse=True)
    return dated + [link for link in links if link not in lastmods]


def _aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return None
    return value.astimezone(timezone.utc)


def parse(doc: RawDocument) -> Parsed:
    """The articles a sitemap lists, or (an index) the sitemaps it lists, as `links`."""
    # usp is imported at the first sitemap: it imports requests and urllib3 (~50 ms), which every
    # process that parses would otherwise pay (a parse worker, the daemon) for feeds that never need it.
    from usp.objects.sitemap import AbstractIndexSitemap, InvalidSitemap
    from usp.tree import sitemap_from_str

    body = gunzip(doc.body, doc.location, doc.max_bytes, "sitemap") if doc.body[:2] == GZIP_MAGIC else doc.body
    text = decode(body, doc.charset).lstrip("\ufeff")
    if not text.strip():
        raise ParseError("sitemap", doc.location, "the sitemap is empty")
    problem = _xml_problem(text) if text.lstrip().startswith("<") else None
    tree = sitemap_from_str(text)
    if isinstance(tree, InvalidSitemap):
        root = _ROOT_ELEMENT.search(text[:4096])
        named = f" (its root element is <{root.group(1)}>)" if root else ""
        raise ParseError("sitemap", doc.location, f"not a sitemap{named}" + (f": {problem}" if problem else ""))
    if isinstance(tree, AbstractIndexSitemap):
        listed = list(dict.fromkeys(child.url for child in tree.sub_sitemaps))
        links = tuple(_newest_first(listed, _lastmods(text) if problem is None else {}))
        entries: tuple[Entry, ...] = ()
    else:
        links = ()
        entries = tuple(_entry(page) for page in tree.all_pages())
    if problem is not None and not entries and not links:
        raise ParseError("sitemap", doc.location, f"not a readable sitemap: {problem}")
    warning = f"sitemap has problems but was read: {problem}" if problem is not None else None
    return Parsed(entries=entries, warning=warning, links=links)


def _entry(page: SitemapPage) -> Entry:
    news = page.news_story
    when = (news.publish_date if news else None) or page.last_modified
    return Entry(
        title=news.title if news else None,
        url=page.url,
        guid=page.url.strip() or None,
        publisher=news.publication_name if news else None,
        published=when.isoformat() if when else None,
        published_hint=_aware(when),
        language=news.publication_language if news else None,
    )


def recent(entries: Iterable[Entry], since: datetime) -> tuple[list[Entry], int]:
    """(the entries dated `since` or later, newest first; how many had no date we could read)."""
    dated: list[tuple[datetime, Entry]] = []
    undated = 0
    for entry in entries:
        when = entry.published_hint
        if when is None and entry.published:
            try:
                when = datetime.fromisoformat(entry.published).replace(tzinfo=timezone.utc)  # no zone: read as UTC
            except ValueError:
                when = None
        if when is None:
            undated += 1
        elif when >= since:
            dated.append((when, entry))
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [entry for _, entry in dated], undated


def is_known(entry: Entry, known_links: frozenset[str]) -> bool:
    """Whether the source stored this article before (by its sitemap URL, as GUID, or its canonical URL)."""
    return bool(entry.guid and entry.guid in known_links) or bool(
        entry.url and canonical_url(entry.url) in known_links)


def with_page(listed: Entry, page: Entry) -> Entry:
    """The page's own entry, with what the sitemap said where the page says nothing; the sitemap URL is its GUID.
    A page that gives only the day (a date-only meta, the day in its address) gives way to the
    sitemap's time on that day."""
    dated = page.published is not None or page.published_hint is not None
    if (dated and page.published_hint is None and listed.published and page.published
            and len(page.published) == 10 and listed.published[:10] == page.published and len(listed.published) > 10):
        dated = False
    return replace(
        page,
        url=page.url or listed.url,
        guid=listed.guid,
        title=page.title or listed.title,
        publisher=page.publisher or listed.publisher,
        published=page.published if dated else listed.published,
        published_hint=page.published_hint if dated else listed.published_hint,
        language=page.language or listed.language,
    )
