"""The article a script-built page carries in its state: Next.js's __NEXT_DATA__, for a page whose
markup is an empty shell ("<div id="__next"></div>", a "Loading…" skeleton) that a browser fills in.

No schema is shared between sites: the article is the object in the state that holds the page's
headline, its text the paragraphs under that object (HTML or plain) in their order, its writers
and date the values under the names sites give them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html

from monitor.clean.markup import html_to_text, looks_like_html, one_line_text
from monitor.clean.text import closes_a_sentence
from monitor.clean.words import has_words
from monitor.extract.linked_data import ld_date, ld_names


@dataclass(frozen=True, slots=True)
class StateArticle:
    """What a page's script state says of its article."""

    text: str
    author: str | None
    published: str | None


_NEXT_DATA = lxml.etree.XPath("//script[@id='__NEXT_DATA__']/text()")
# Other frameworks' states, assigned in a script as JSON: "window.__INITIAL_STATE__ = {…};" (Vue's,
# Yandex Zen's), Redux's "__PRELOADED_STATE__", Apollo's "__APOLLO_STATE__". (Nuxt 2's "__NUXT__" is a
# function's call, no JSON: not read.)
# Arc XP's "Fusion.globalContent={…};" (the Washington Post's, Infobae's, Clarín's, El País's): its
# story, its headline one level down ("headlines": {"basic": …}), its paragraphs its "content_elements".
_ASSIGNED_STATES = ("__INITIAL_STATE__", "__PRELOADED_STATE__", "__APOLLO_STATE__", "Fusion.globalContent")
_ASSIGNED_STATE = lxml.etree.XPath("//script[" + " or ".join(f"contains(., '{name}')" for name in _ASSIGNED_STATES)
                                   + "]/text()")
_ASSIGNMENT = re.compile(r"(?:" + "|".join(map(re.escape, _ASSIGNED_STATES)) + r")\s*=\s*(?:JSON\.parse\()?")
_STATE_CHARS = 5_000_000  # a state past this is a site's whole catalogue, not a page's
_DEPTH = 40
_PARAGRAPH_WORDS = 8
_SENTENCE_WORDS = 3  # a short paragraph's, where it closes a sentence
_TEXT_WORDS = 30
# The names under which a state keeps what is not the article's running text: its metadata, the
# headline's other tellings, pictures' words, and other stories beside it.
_NOT_TEXT_KEYS = frozenset((
    "title", "headline", "name", "slug", "url", "link", "href", "canonical", "path", "id", "uuid", "type",
    "description", "summary", "excerpt", "lead", "subtitle", "subheadline", "standfirst", "teaser", "kicker",
    "caption", "alt", "credit", "credits", "copyright", "seo", "meta", "metadata", "og", "social", "share",
    "related", "relatedarticles", "relatedstories", "recommended", "recommendations", "more", "latest",
    "popular", "mostread", "trending", "tags", "categories", "category", "section", "sections", "breadcrumbs",
    "navigation", "nav", "menu", "comments", "ads", "advertising", "tracking", "analytics", "image", "images",
    "photo", "photos", "video", "videos", "media", "thumbnail", "author", "authors", "byline", "bylines",
    "creator", "creators", "writers",
    # Arc XP's story's other parts: its headlines and deks, its promotions' pictures, related stories,
    # taxonomy, labels, and its workflow's records
    "headlines", "subheadlines", "promo_items", "related_content", "taxonomy", "label", "labels", "planning",
    "distributor", "owner", "websites", "additional_properties", "workflow"))
_AUTHOR_KEYS = ("authors", "author", "byline", "bylines", "creators", "creator", "writers")
_DATE_KEYS = ("datePublished", "publishedAt", "published_at", "publishDate", "publishedDate", "publicationDate",
              "published", "firstPublished", "pubDate", "published_dt", "publish_time", "publishTime", "pub_date",
              "display_date", "first_publish_date", "publish_date",  # Arc XP's
              "date", "createdAt", "created")  # (TASS's "published_dt", a Unix time)


def state_article(root: lxml.html.HtmlElement, headlines: set[str]) -> StateArticle | None:
    """The article in the page's Next.js state: the object that holds one of `headlines`, with
    _TEXT_WORDS or more of running text under it; None where the page has no such state."""
    state = _state(root)
    if state is None:
        return None
    wanted = {" ".join(headline.split()).casefold() for headline in headlines if headline}
    found = _holding_headline(state, wanted, 0)
    if found is None:
        return None
    for article in found:  # the object with the headline, else the one that holds it (Arc XP's story)
        paragraphs: list[str] = []
        _collect_text(article, paragraphs, 0)
        text = "\n\n".join(paragraphs)
        if has_words(text, _TEXT_WORDS):
            break
    else:
        return None
    credits = article.get("credits")
    author = next((names for key in _AUTHOR_KEYS if (names := ld_names(article.get(key)))), None) or (
        ld_names(credits.get("by")) if isinstance(credits, dict) else None)  # Arc XP's "credits": {"by": [{name}]}
    published = next((date for key in _DATE_KEYS if (date := ld_date(article.get(key)))), None)
    return StateArticle(text=text, author=one_line_text(author) or None, published=published)


def _state(root: lxml.html.HtmlElement) -> Any:
    """The page's script state: Next.js's __NEXT_DATA__, else a state assigned as JSON (_ASSIGNED_STATES)."""
    found = _NEXT_DATA(root)
    if found and len(found[0]) <= _STATE_CHARS:
        try:
            return json.loads(found[0])
        except ValueError:
            return None
    for script in _ASSIGNED_STATE(root):
        if len(script) > _STATE_CHARS or (assigned := _ASSIGNMENT.search(script)) is None:
            continue
        try:
            state, _ = json.JSONDecoder().raw_decode(script, assigned.end())
        except ValueError:
            continue
        if isinstance(state, str):  # JSON.parse("…"): the state as a string of JSON
            try:
                state = json.loads(state)
            except ValueError:
                continue
        return state
    return None


def _holding_headline(node: Any, wanted: set[str], depth: int) -> list[dict[str, Any]] | None:
    """The first object, breadth first, with a string value that is one of the `wanted` headlines,
    and the object it is in, if any."""
    level: list[tuple[Any, dict[str, Any] | None]] = [(node, None)]
    while level and depth <= _DEPTH:
        below: list[tuple[Any, dict[str, Any] | None]] = []
        for value, holder in level:
            children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
            if isinstance(value, dict) and any(isinstance(child, str) and " ".join(child.split()).casefold() in wanted
                                               for child in children):
                return [value] if holder is None else [value, holder]
            container = value if isinstance(value, dict) else holder
            below.extend((child, container) for child in children if isinstance(child, (dict, list)))
        level, depth = below, depth + 1
    return None


def _collect_text(node: Any, paragraphs: list[str], depth: int) -> None:
    if depth > _DEPTH:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            if not (isinstance(key, str) and key.casefold() in _NOT_TEXT_KEYS):
                _collect_text(value, paragraphs, depth + 1)
    elif isinstance(node, list):
        if node and all(isinstance(value, dict) and _a_teaser(value) for value in node):
            return  # other stories' headlines, whatever the list is called (Il Sole 24 Ore's "correlati")
        for value in node:
            _collect_text(value, paragraphs, depth + 1)
    elif isinstance(node, str) and (looks_like_html(node) or has_words(node, _PARAGRAPH_WORDS)
                                    or (has_words(node, _SENTENCE_WORDS) and closes_a_sentence(node))):
        text = html_to_text(node) if looks_like_html(node) else " ".join(node.split())
        paragraphs.extend(part for part in text.split("\n\n") if part.strip())


def _a_teaser(item: dict[str, Any]) -> bool:
    """Whether an object of a list is another story's teaser: its texts each a line that closes no
    sentence (a headline), one at least, and no sentence under it (a section's heading over its
    paragraphs is the article's)."""
    texts = [value for value in item.values() if isinstance(value, str) and has_words(value, _SENTENCE_WORDS)]
    return bool(texts) and all("\n" not in text and not looks_like_html(text) and not closes_a_sentence(text)
                               for text in texts) and not _holds_a_sentence(item, 0)


def _holds_a_sentence(node: Any, depth: int) -> bool:
    if depth > _DEPTH:
        return False
    if isinstance(node, dict):
        return any(_holds_a_sentence(value, depth + 1) for value in node.values())
    if isinstance(node, list):
        return any(_holds_a_sentence(value, depth + 1) for value in node)
    return isinstance(node, str) and (looks_like_html(node) or (has_words(node, _SENTENCE_WORDS) and closes_a_sentence(node)))
