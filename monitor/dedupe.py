"""What makes two items the same, written once: `classify` decides what an incoming item is.

The identity rule, in the order the keys are tried:

1. the same GUID from the same source;
2. the same canonical URL (an item's own, or one it was seen under), unless it is a site's front
   page (podcasts and some feeds link every entry there) or this source gave that URL's item
   another GUID (two entries of one feed sharing a link; but where the new GUID is the link itself,
   the source renamed its GUIDs, and the item is its own); for a page, the URL it was read from
   counts too (a feed links to an address, the page names another canonical URL);
3. the same content (title, summary and body, compared by hash), for a text long enough to
   identify an article (at least MIN_TEXT_WORDS words; in a script without spaces between words,
   Chinese or Thai, its characters counted: clean.words.has_words): the same article under another URL.

An item matching none of them, but matching by one of these keys an item purged by retention
(its tombstone), is a DUPLICATE with no stored item (`item_id` None): it was seen and alerted on
before, and stays gone. Otherwise it is NEW, except that the same article text under another headline
is a COPY: its own item (so its headline is matched against the rules too), placed in the story
of the item with that text.

A known item is UPDATED only when the source that delivered it now delivers different content
(the old version is kept as a revision), or when another source's version fills fields it lacks
(a feed teaser, then the full page, or the whole text another feed of the site carries in its
summary); anything else is a DUPLICATE. Another source never
overwrites what an item has: two representations of one article must not flip-flop on every fetch.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, replace
from typing import Any

from monitor.clean.words import has_words, word_bytes
from monitor.models import Item, ItemStatus, Known, KnownItem
from monitor.scripts import in_spaceless_script
from monitor.urls import canonical_url, is_front_page

MIN_TEXT_WORDS = 30  # below this a text is too generic ("Live updates") to identify an article


def _words(text: str) -> bytes:
    """The text's words, case-folded, one space apart, in UTF-8 (what the hashes are taken over)."""
    return b" ".join(word_bytes(text, strip_accents=False))


def _digest(words: bytes) -> str:
    return hashlib.sha256(words).hexdigest()


def hashes(title: str, summary: str, body: str) -> tuple[str, str | None]:
    """(content hash, text hash): the text is tokenized once for both."""
    title_words, summary_words, body_words = _words(title), _words(summary), _words(body)
    content = _digest(b" ".join(part for part in (title_words, summary_words, body_words) if part))
    article = body_words or summary_words
    text = body if body_words else summary
    # Chinese and Japanese words have no spaces between them, and Thai ones (and its neighbours') break
    # at their vowel and tone marks in `article`: there the characters count (clean.words.has_words).
    enough = bool(article) and (has_words(text, MIN_TEXT_WORDS) if not article.isascii() and in_spaceless_script(text)
                                else article.count(b" ") + 1 >= MIN_TEXT_WORDS)
    return content, _digest(article) if enough else None


def content_hash(title: str, summary: str, body: str) -> str:
    """A hash of everything a reader sees; changes with any edit of words (not of spacing or case)."""
    return hashes(title, summary, body)[0]


def text_hash(summary: str, body: str) -> str | None:
    """A hash of the article text alone, or None when it is too short to identify an article."""
    return hashes("", summary, body)[1]


def enrich(known: Item, other: Item) -> Item | None:
    """`known` with the empty fields another representation can fill, or None if it adds nothing."""
    changes: dict[str, Any] = {}
    if not known.body and other.body:
        changes["body"] = other.body
    elif not known.body and other.summary and other.summary != known.summary and _fuller(other.summary, known.summary):
        # One site's two feeds: its section feed's teaser first, the other's whole text in its
        # description. The whole text is the item's (the rules read it); the teaser stays its summary.
        changes["body"] = other.summary
    if not known.summary and other.summary and other.summary != known.body:
        changes["summary"] = other.summary
    for name in ("author", "publisher", "published_at", "published_raw", "url", "guid", "language"):
        if getattr(known, name) is None and getattr(other, name) is not None:
            changes[name] = getattr(other, name)
    if "published_at" in changes:
        changes["date_suspect"] = other.date_suspect
    if not changes:
        return None
    return rehash(replace(known, **changes))


# A text is another's fuller version with this many words more, and at least twice its words: a
# teaser's sentence against the article (a summary rewritten a little longer is no article).
FULLER_TEXT_WORDS = 50


def _fuller(text: str, than: str) -> bool:
    words, fewer = len(text.split()), len(than.split())
    return words >= 2 * fewer and words - fewer >= FULLER_TEXT_WORDS


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
        language=new.language or known.language,
    )
    return rehash(merged)


def rehash(item: Item) -> Item:
    """The item with its content and text hashes computed from its current text."""
    content, text = hashes(item.title, item.summary, item.body)
    return replace(item, content_hash=content, text_hash=text)


class Verdict(str, enum.Enum):
    NEW = "new"
    COPY = "copy"  # a new item carrying the same text as a stored one, under another headline
    DUPLICATE = "duplicate"
    UPDATED = "updated"

    @property
    def status(self) -> ItemStatus:
        """How the fetch record counts it (a copy is a new item)."""
        return {Verdict.NEW: ItemStatus.NEW, Verdict.COPY: ItemStatus.NEW,
                Verdict.DUPLICATE: ItemStatus.DUPLICATE, Verdict.UPDATED: ItemStatus.UPDATED}[self]


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with an incoming item (classify → the pipeline's commit)."""

    verdict: Verdict
    item: Item  # what the store holds afterwards: the new item, the merged version, or as it was
    seen_as: Item  # the incoming item, recorded as a sighting of its source
    item_id: int | None = None  # the stored item it is (duplicate, updated)
    matched_on: str | None = None  # guid | url | content_hash | text_hash
    previous: Item | None = None  # updated by its own source: the version replaced (kept as a revision)
    copy_of: KnownItem | None = None  # copy: the stored item with the same text


def identify(item: Item, known: Known) -> tuple[KnownItem, str] | None:
    """The stored item this one is, and the key that says so (see the module docstring)."""
    if known.by_guid is not None:
        return known.by_guid, "guid"
    if known.by_url is not None and item.url and not is_front_page(item.url) and (
            not known.url_has_other_guid or _guid_is_its_address(item)):
        return known.by_url, "url"
    if known.by_address is not None and item.read_from and not is_front_page(item.read_from):
        return known.by_address, "address"
    if item.text_hash and known.by_content is not None:
        return known.by_content, "content_hash"
    return None


def _guid_is_its_address(item: Item) -> bool:
    """Whether the item's GUID is its own page's address: then the source names the item by its URL,
    and the item it gave another GUID under that URL is this one, its GUID changed (WordPress's
    "?p=312001" become the permalink, a feed re-listed by a new plugin), not a second entry sharing
    the link."""
    return bool(item.guid and item.url) and (item.guid == item.url or canonical_url(item.guid or "") == item.url)


def tombstone_key(item: Item, known: Known) -> str | None:
    """The key by which the incoming item is an item purged by retention, in the identity order, or None."""
    for key in ("guid", "url", "content_hash", "text_hash"):
        if key not in known.tombstones:
            continue
        if key == "url" and (not item.url or is_front_page(item.url)):
            continue
        return key
    return None


def _url_taken(url: str | None, known: Known, item_id: int | None = None) -> bool:
    """Whether another stored item holds this canonical URL as its own (the URL is unique)."""
    holder = known.by_url
    return bool(url) and holder is not None and holder.item.url == url and holder.id != item_id


def classify(item: Item, known: Known) -> Decision:
    """New, copy, duplicate or updated: the identity rule applied to what the store knows."""
    found = identify(item, known)
    if found is None and (tomb := tombstone_key(item, known)) is not None:
        return Decision(Verdict.DUPLICATE, item, item, matched_on=f"tombstone_{tomb}")
    if found is None:
        # A link another item holds (a front page, a link shared by two entries): only the
        # sighting keeps it.
        stored = replace(item, url=None) if _url_taken(item.url, known) else item
        if known.by_text is not None:
            return Decision(Verdict.COPY, stored, item, matched_on="text_hash", copy_of=known.by_text)
        return Decision(Verdict.NEW, stored, item)
    match, key = found
    source_hash = match.source_hash
    if source_hash is None and key == "url" and known.url_has_other_guid:
        # Its own source under the GUID it gives now (_guid_is_its_address): what the store holds is
        # what it delivered under the old one.
        source_hash = match.item.content_hash
    if source_hash is not None:  # its own source again
        if source_hash == item.content_hash:
            return Decision(Verdict.DUPLICATE, match.item, item, match.id, key)
        changed: Item | None = revise(match.item, item)
    else:
        changed = enrich(match.item, item)
    if changed is None or changed.content_hash == match.item.content_hash:
        return Decision(Verdict.DUPLICATE, match.item, item, match.id, key)
    if changed.url != match.item.url and _url_taken(changed.url, known, match.id):
        changed = replace(changed, url=match.item.url)
    return Decision(Verdict.UPDATED, changed, item, match.id, key,
                    previous=match.item if source_hash is not None else None)
