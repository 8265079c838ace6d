"""OPML subscription lists in and out: read 1.0/2.0 through listparser, write 2.0 with xml.etree.

A feed's folders become one tag, the folder names joined by "/" ("News/World" for World inside
News); the OPML 2.0 `category` attribute ("/News/World,/Tech") gives tags the same way. On export a
source sits in the folders of its first tag, and all its tags are written in `category`, so an
export read back gives the same URLs and the same tags.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Iterable

import listparser

from monitor.errors import ParseError
from monitor.models import Source


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed of a subscription list: its URL, title and tags (folder paths)."""

    url: str
    title: str | None
    tags: tuple[str, ...]


def read_opml(body: bytes, location: str) -> list[OpmlFeed]:
    """The feeds of an OPML document (bytes: listparser never fetches anything); ParseError when none is one."""
    result = listparser.parse(body)
    if not str(result.get("version", "")).startswith("opml"):
        problem = result.get("bozo_exception")
        raise ParseError("opml", location, f"not an OPML subscription list{f': {problem}' if problem else ''}")
    feeds = []
    for found in result.feeds:
        tags = tuple(dict.fromkeys("/".join(path) for path in found.get("categories", []) if path))
        feeds.append(OpmlFeed(url=found.url, title=(found.get("title") or "").strip() or None, tags=tags))
    return feeds


def write_opml(sources: Iterable[Source], title: str = "monitor sources", now: datetime | None = None) -> bytes:
    """An OPML 2.0 document of the sources, nested in folders by their first tag."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(timezone.utc), usegmt=True)
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}
    for source in sources:
        path = tuple(part for part in source.tags[0].split("/") if part) if source.tags else ()
        parent = _folder(folders, path)
        outline = ET.SubElement(parent, "outline", type="rss", text=source.name, title=source.name,
                                xmlUrl=source.location)
        if len(source.tags) > 1:
            outline.set("category", ",".join("/" + tag for tag in source.tags))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _folder(folders: dict[tuple[str, ...], ET.Element], path: tuple[str, ...]) -> ET.Element:
    if path not in folders:
        parent = _folder(folders, path[:-1])
        folders[path] = ET.SubElement(parent, "outline", text=path[-1], title=path[-1])
    return folders[path]
