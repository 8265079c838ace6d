"""What makes two items the same: their identity keys, and the rule for new / duplicate / updated.

Keys, in the order the store tries them: canonical URL (an item's own or one it was seen under),
GUID within the source that gave it, then the content hash (title, summary and body: the same
article under another URL), for texts long enough to identify an article (the text hash guards
that). The same text under another headline is not the same item but a copy: monitor.stories puts
it in the same story, and its headline is matched against the rules like any item's.

An item already known is UPDATED only when the same source now gives different content than it
gave before. Another source's version of a known item is a DUPLICATE that may fill fields the
item lacks (a feed teaser then the full page), but never overwrites them: two representations of
one article must not flip-flop on every fetch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from monitor.models import Item

_WORDS = re.compile(r"\w+")
MIN_TEXT_WORDS = 30  # below this a text is too generic ("Live updates") to identify an article


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(_WORDS.findall(text.casefold())).encode("utf-8")).hexdigest()


def content_hash(title: str, summary: str, body: str) -> str:
    """A hash of everything a reader sees; changes with any edit of words (not of spacing or case)."""
    return _digest(f"{title}\n{summary}\n{body}")


def text_hash(summary: str, body: str) -> str | None:
    """A hash of the article text alone, or None when it is too short to identify an article."""
    text = body or summary
    if len(_WORDS.findall(text)) < MIN_TEXT_WORDS:
        return None
    return _digest(text)


def is_front_page(url: str) -> bool:
    """Whether a canonical URL is a site's front page (no path, no query): never one article's."""
    rest = url.split("://", 1)[-1]
    return "/" not in rest.rstrip("/") and "?" not in rest


def enrich(known: Item, other: Item) -> Item | None:
    """`known` with the empty fields another representation can fill, or None if it adds nothing."""
    changes: dict[str, object] = {}
    if not known.body and other.body:
        changes["body"] = other.body
    if not known.summary and other.summary and other.summary != known.body:
        changes["summary"] = other.summary
    for name in ("author", "publisher", "published_at", "published_raw", "url", "guid"):
        if getattr(known, name) is None and getattr(other, name) is not None:
            changes[name] = getattr(other, name)
    if "published_at" in changes:
        changes["date_suspect"] = other.date_suspect
    if not changes:
        return None
    return rehash(replace(known, **changes))


def revise(known: Item, new: Item) -> Item:
    """The item after its own source changed it: new text, keeping what the new version lacks."""
    merged = replace(
        known,
        title=new.title or known.title,
        summary=new.summary or known.summary,
        body=new.body or known.body,
        author=new.author or known.author,
        publisher=new.publisher or known.publisher,
        published_at=new.published_at or known.published_at,
        published_raw=new.published_raw or known.published_raw,
        date_suspect=new.date_suspect if new.published_at else known.date_suspect,
        url=known.url or new.url,
        guid=known.guid or new.guid,
    )
    return rehash(merged)


def rehash(item: Item) -> Item:
    """The item with its content and text hashes computed from its current text."""
    return replace(item, content_hash=content_hash(item.title, item.summary, item.body),
                   text_hash=text_hash(item.summary, item.body))
