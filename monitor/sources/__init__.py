"""The registry of source kinds: kind name → the module that parses that kind's documents.

Each kind module exposes `parse(doc: RawDocument) -> Parsed`. Folder sources produce documents of
the other kinds, chosen by file suffix (`kind_for_path`).
"""

from __future__ import annotations

from pathlib import Path

from monitor.models import Parsed, RawDocument
from monitor.sources import feed, page, text

PARSERS = {"feed": feed.parse, "page": page.parse, "text": text.parse}
SUFFIX_KINDS = {".txt": "text", ".text": "text", ".html": "page", ".htm": "page",
                ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed"}


def parse(doc: RawDocument) -> Parsed:
    """Entries of a document, by the parser of its kind."""
    return PARSERS[doc.kind](doc)


def kind_for_path(path: Path | str) -> str | None:
    """The source kind a file's suffix calls for, or None when we do not ingest it."""
    return SUFFIX_KINDS.get(Path(path).suffix.lower())


def guess_kind(target: str) -> str:
    """The kind for a `monitor ingest` target: by suffix, else a URL is a page, a file is text."""
    kind = kind_for_path(target.split("?")[0])
    if kind:
        return kind
    return "page" if target.startswith(("http://", "https://")) else "text"
