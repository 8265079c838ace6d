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

_NON_WORDS = re.compile(r"\W+")
MIN_TEXT_WORDS = 30  # below this a text is too generic ("Live updates") to identify an article


def _words(text: str) -> str:
    """The text's words, case-folded, one space apart (what the hashes are taken over)."""
    return _NON_WORDS.sub(" ", text.casefold()).strip()


def _digest(words: str) -> str:
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def hashes(title: str, summary: str, body: str) -> tuple[str, str | None]:
    """(content hash, text hash): the text is tokenized once for both."""
    title_words, summary_words, body_words = _words(title), _words(summary), _words(body)
    content = _digest(" ".join(part for part in (title_words, summary_words, body_words) if part))
    article = body_words or summary_words
    enough = bool(article) and article.count(" ") + 1 >= MIN_TEXT_WORDS
    return content, _digest(article) if enough else None


def content_hash(title: str, summary: str, body: str) -> str:
    """A hash of everything a reader sees; changes with any edit of words (not of spacing or case)."""
    return hashes(title, summary, body)[0]


def text_hash(summary: str, body: str) -> str | None:
    """A hash of the article text alone, or None when it is too short to identify an article."""
    return hashes("", summary, body)[1]


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
    content, text = hashes(item.title, item.summary, item.body)
    return replace(item, content_hash=content, text_hash=text)
