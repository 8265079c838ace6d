"""The registry of source kinds: each kind's name, parser, file suffixes, Accept header, and how
its documents are listed. Config, the CLI, the fetcher and the pipeline all read it: a new kind is
one module and one entry here.

A kind with a parser reads one document per fetch (`parse(doc) -> Parsed`). A kind that lists
documents (the drop folder) yields documents of the other kinds, chosen by file suffix. A kind that
reads pages (the sitemap) lists articles whose pages are fetched and read as `page` documents.
Fetches of the kinds marked `robots` (articles) ask robots.txt first (monitor.robots); feeds and
sitemaps the user configured are fetched as configured.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from monitor.clean.titles import without_shared_site_name, without_site_name
from monitor.models import Parsed, RawDocument, is_web_url
from monitor.sources import folder


@dataclass(frozen=True, slots=True)
class Kind:
    """A source kind."""

    name: str
    help: str
    parse: Callable[[RawDocument], Parsed] | None = None  # None: the kind lists documents instead
    suffixes: tuple[str, ...] = ()  # files with these suffixes are documents of this kind
    accept: str = "*/*"  # the Accept header its fetches send
    # (folder, already read: path → (size, mtime_ns)) → the documents due, for a listing kind
    list_documents: Callable[[Path, dict[str, tuple[int, int]]], list[folder.DroppedFile]] | None = None
    robots: bool = False  # an article: fetching it asks the site's robots.txt first
    reads_pages: bool = False  # its entries are articles whose pages are fetched (a sitemap)
    # Its document is the latest page of a longer list (a Telegram channel's preview): (the page's
    # address, its entries' GUIDs) → the address of the page before it, or None.
    older_page: Callable[[str, tuple[str, ...]], str | None] | None = None

    @property
    def takes_url(self) -> bool:
        """Whether the kind's location may be an http(s) URL (a listing kind reads a local folder)."""
        return self.list_documents is None


def _call(module: str, function: str, *args: Any) -> Any:
    return getattr(importlib.import_module(f"monitor.sources.{module}"), function)(*args)


def _parser(module: str) -> Callable[[RawDocument], Parsed]:
    """monitor.sources.<module>.parse, imported at its first call. Config and the CLI read this registry,
    and the parsers' libraries (feedparser, trafilatura, lxml, ultimate-sitemap-parser) cost about
    0.2 s to import: a command that parses nothing should not pay for them."""
    return functools.partial(_call, module, "parse")


def _folder_documents(path: Path, known: dict[str, tuple[int, int]]) -> list[folder.DroppedFile]:
    return folder.new_files(path, known, kind_for_path)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("feed", "RSS 0.9x/1.0/2.0 and Atom through feedparser, and JSON Feed 1.0/1.1", _parser("feed"),
         (".xml", ".rss", ".atom", ".rdf", ".json"),
         "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
         "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.5"),
    Kind("page", "one article page", _parser("page"), (".html", ".htm"),
         "text/html, application/xhtml+xml;q=0.9, */*;q=0.5", robots=True),
    Kind("text", "a plain-text article (or one written in Markdown)", _parser("text"), (".txt", ".text", ".md", ".markdown"),
         "text/plain, text/markdown;q=0.9, */*;q=0.5", robots=True),
    Kind("sitemap", "a news sitemap or sitemap index: each new recent article it lists is read as a page",
         _parser("sitemap"), (), "application/xml, text/xml;q=0.9, */*;q=0.5", reads_pages=True),
    Kind("telegram", "a public Telegram channel's web preview (https://t.me/s/NAME): each post with text",
         _parser("telegram"), (), "text/html, */*;q=0.5", older_page=functools.partial(_call, "telegram", "older_page")),
    Kind("folder", "a drop folder of documents of the other kinds", list_documents=_folder_documents),
)}

DOCUMENT_KINDS = tuple(name for name, kind in KINDS.items() if kind.parse is not None)
_SUFFIXES = {suffix: kind.name for kind in KINDS.values() for suffix in kind.suffixes}


def parse(doc: RawDocument) -> Parsed:
    """Entries of a document, by the parser of its kind, with the site's name that closes every title
    left out (clean.titles.without_shared_site_name: a feed's "Headline - УНИАН", a sitemap's), or
    closes the only title of a feed or a sitemap (_without_lone_site_name)."""
    if doc.path is not None and doc.kind in ("page", "text") \
            and (sniffed := _kind_of_its_bytes(doc.body)) not in (None, doc.kind):
        doc = replace(doc, kind=sniffed)
    parser = KINDS[doc.kind].parse
    assert parser is not None, f"{doc.kind} documents are listed, not parsed"
    return _without_shared_site_name(parser(doc), lone=doc.kind in ("feed", "sitemap"))


# A local file's name may say another kind than its bytes: a feed saved as .html, a page saved as
# .txt. Read by its suffix's parser, the feed was one junk "article" and its stories were lost, and
# the page's title was "<!DOCTYPE html>". What the bytes open with decides (a file only: a server's
# page is what it says).
_FEED_OPENING = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
                           re.IGNORECASE | re.DOTALL)
_PAGE_OPENING = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


def _kind_of_its_bytes(body: bytes) -> str | None:
    head = body[:2048].lstrip(b"\xef\xbb\xbf")
    if _FEED_OPENING.match(head):
        return "feed"
    return "page" if _PAGE_OPENING.match(head) else None


def _without_shared_site_name(parsed: Parsed, lone: bool = False) -> Parsed:
    """The document's entries with the site's name that closes every title left out, if it does;
    with `lone`, a document's only titled entry is read so too (_without_lone_site_name)."""
    titled = [index for index, entry in enumerate(parsed.entries) if entry.title]
    if len(titled) == 1 and lone:
        return _without_lone_site_name(parsed, titled[0])
    if len(titled) < 2:
        return parsed
    titles = [" ".join((parsed.entries[index].title or "").split()) for index in titled]
    cut = without_shared_site_name(titles, " ".join(parsed.title.split()) if parsed.title else None)
    if cut is titles:
        return parsed
    entries = list(parsed.entries)
    for index, title in zip(titled, cut):
        entries[index] = replace(entries[index], title=title)
    return replace(parsed, entries=tuple(entries))


def _without_lone_site_name(parsed: Parsed, index: int) -> Parsed:
    """The document's entries, the one titled (at `index`) without the feed's name or its publisher's
    closing its title (clean.titles.without_site_name): one title says nothing of what all share."""
    entry = parsed.entries[index]
    title = " ".join((entry.title or "").split())
    for site in (parsed.title, entry.publisher):
        if site and (cut := without_site_name(title, " ".join(site.split()))) != title:
            entries = list(parsed.entries)
            entries[index] = replace(entry, title=cut)
            return replace(parsed, entries=tuple(entries))
    return parsed


def accept(kind: str) -> str:
    """The Accept header for fetching a document of this kind."""
    return KINDS[kind].accept if kind in KINDS else "*/*"


def kind_for_path(path: Path | str) -> str | None:
    """The document kind a file's suffix calls for, or None when we do not ingest it."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def guess_kind(target: str) -> str:
    """The kind for a `monitor ingest` target: by suffix, else a URL is a page, a file is text."""
    kind = kind_for_path(target.split("?")[0])
    if kind:
        return kind
    return "page" if is_web_url(target) else "text"
