"""An article page's metadata and main text, without navigation, related stories or footers.

Metadata comes from what the page says about itself, most explicit first: JSON-LD (NewsArticle and
its kin, read leniently, references resolved), OpenGraph, article:* and other vocabularies' meta
tags, <link rel=canonical>, <time datetime>, then <title>; an author only its markup shows, and a
date only its text shows, when it declares none.
The main text is JSON-LD's articleBody when the page gives it, else trafilatura's extraction (made
for exactly this), else the <article>/<main> element with the site chrome removed.

`extract` composes the parts, each a module of this package: linked_data (what the page declares
as data), headline, author, published (its date; on_the_page finds the dates the page shows), body
and lead (its text), page_state (the article a script-built page keeps in its state), furniture
(what the text carries that is no part of the article), regions (the article's part of the page,
which the others ask about) and interstitial (a bot check or consent page served in the article's
place).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import datetime

from monitor.clean.byline import byline, opening_byline
from monitor.clean.markup import one_line_text, parse_html
from monitor.clean.mojibake import without_mojibake
from monitor.clean.titles import without_page_number
from monitor.clean.words import has_words
from monitor.dates import site_writes_day_first, site_zone
from monitor.errors import ParseError
from monitor.extract.author import (byline_under_the_headline, closing_signature, is_the_hosts, page_author,
                                    without_tagline)
from monitor.extract.body import article_text, holds_the_opening, live_entries_text
from monitor.extract.furniture import (from_the_headline, listed_byline, opening_date, without_breadcrumb,
                                       without_date_line, without_date_lines, without_furniture,
                                       without_numeric_date_line, without_opening_headline)
from monitor.extract.headline import (article_h1, as_heading, before_date, declared_title, heading_text, headline_of,
                                      not_the_sites_name, title_text)
from monitor.extract.interstitial import bot_check_reason, not_found_reason
from monitor.extract.lead import holds, lead_first, mostly_within, shown_lead, tells_of_the_site
from monitor.extract.linked_data import (canonical_link, first_given, host_of, json_ld, ld_field, ld_names, ld_text,
                                         meta_tags, not_address)
from monitor.extract.page_state import state_article
from monitor.extract.published import date_in_title, declared_or_shown, recorded_date, same_day
from monitor.language import code, identify

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Article:
    """What a page says about the article it carries."""

    title: str | None
    text: str
    url: str | None
    author: str | None
    publisher: str | None
    published: str | None
    description: str | None
    language: str | None = None  # as the page declares it: <html lang>, inLanguage, og:locale, meta


# An address's slug, lowercase words joined by dashes, where a CMS left it for the og:title.
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){2,}")

# An article's markup kept escaped in a <textarea> that a script copies into the page (Huanqiu's
# "article-content", Global Times Chinese): the page shows it as the article, once a browser ran it.
_TEXTAREA_OF_MARKUP = re.compile(r"<textarea(?P<attributes>[^<>]*)>(?P<markup>[^<]*?&lt;p[\s&][^<]*)</textarea>", re.IGNORECASE)


def _as_division(found: re.Match[str]) -> str:
    return f"<div{found.group('attributes')}>{html.unescape(found.group('markup'))}</div>"


def _the_description_alone(text: str, description: str | None, headlines: set[str | None]) -> bool:
    """Whether a text is the page's description, and maybe its headline over it."""
    told = {" ".join(headline.split()).casefold() for headline in headlines if headline}
    shown = [" ".join(paragraph.split()) for paragraph in text.split("\n\n")]
    shown = [paragraph for paragraph in shown if paragraph and paragraph.casefold() not in told]
    return bool(description and shown) and all(paragraph == " ".join((description or "").split()) for paragraph in shown)


_SHELL_WORDS = 30  # what a page's markup has of running text, at most, when a script builds it
_STATE_FULLER = 1.5  # how much longer than its markup's text a page's state holds its article's, at least, to be taken
_TEASER_WORDS = 150  # a paywall's teaser's, at most: a longer text shown is the article, whatever else a state holds
_STATE_OPENINGS = 3  # the markup's text's first paragraphs, one of which the state's text holds


def extract(markup: str, url: str | None = None, fetched_at: datetime | None = None) -> Article:
    """Metadata and main text of an article page (fetched at `fetched_at`, when known: a date it
    declares past that is no date to trust, extract.published)."""
    # The whole page at once: trafilatura drops the C1 control that ends a curly quote read as
    # windows-1252 ("â€\x9d"), after which the quote can no longer be told from "†".
    markup = without_mojibake(markup)
    if "<textarea" in markup and "&lt;p" in markup:
        markup = _TEXTAREA_OF_MARKUP.sub(_as_division, markup)
    root = parse_html(markup)
    ld = json_ld(root)
    meta = meta_tags(root)
    for key in ("og:title", "twitter:title"):
        if _SLUG.fullmatch(meta.get(key, "")):
            del meta[key]  # ADAC's "adac-kindersitztest-herbst-2018"
    title_tag = title_text(root)
    h1 = article_h1(root)
    first_heading = heading_text(h1, title_tag) if h1 is not None else None
    title = declared_title(ld, meta, title_tag, first_heading, url)
    canonical = first_given(canonical_link(root), meta.get("og:url"), ld_text(ld.get("url")),
                            ld_text(ld_field(ld, "mainEntityOfPage", "@id")))
    host = host_of(canonical or url)
    # A site's name given as its address (TMZ's og:site_name "http://www.tmz.com") gives way to
    # application-name, else to the address's host.
    publisher = first_given(ld_names(ld.get("publisher")), not_address(meta.get("og:site_name")),
                            meta.get("application-name"), host_of(meta.get("og:site_name")))
    if publisher is not None:
        publisher = without_tagline(publisher, (meta.get("og:title"), meta.get("twitter:title"), title_tag), host)
    author = page_author(root, ld.get("author"), meta, publisher, title_tag,
                         (first_heading, meta.get("og:title"), meta.get("twitter:title")))
    description = first_given(ld_text(ld.get("description")), meta.get("og:description"), meta.get("description"))
    # The article's own declaration first; og:locale is often the site's default.
    language = first_given(ld_text(ld.get("inLanguage")), root.get("lang"), root.get("xml:lang"),
                           meta.get("content-language"), meta.get("og:locale"), meta.get("language"),
                           meta.get("dc.language"))
    day_first = site_writes_day_first(url or canonical)  # how the site writes "08/02/2013"
    # A date in words is read in the page's language, else its headline's and description's.
    date_language = language or identify(f"{title or ''}\n{description or ''}")
    published, shown_date = declared_or_shown(root, h1, ld, meta, date_language, day_first, fetched_at,
                                              site_zone(url or canonical))
    lead = shown_lead(root)  # before main_text, whose fallback takes the tree apart
    # A live page's entries in its order, each with its heading (no extraction of its own first)
    live = live_entries_text(root) if "liveblogposting" in str(ld.get("@type", "")).lower() else None
    text = live if live is not None else article_text(markup, root, ld_text(ld.get("articleBody")), url, title)
    # (The state read only where the text shown is short: a teaser's or a shell's.)
    state = state_article(root, {title or "", first_heading or ""}) if not has_words(text, _TEASER_WORDS) else None
    if state is not None and (not has_words(text, _SHELL_WORDS) or (
            len(state.text) >= _STATE_FULLER * len(text)
            and (any(holds_the_opening(state.text, paragraph) for paragraph in text.split("\n\n")[:_STATE_OPENINGS])
                 # or the shell shows the page's description alone under its headline (Infobae's Arc XP shell)
                 or _the_description_alone(text, description, {title, first_heading})))):
        # A script-built page's shell, or a paywall's teaser of the text its state holds whole (The
        # Economist's two paragraphs in its markup, after the headline and the date line that the
        # text still has here): the article is in its state
        text, author, published = state.text, author or state.author, published or state.published
    wall = bot_check_reason(markup, title_tag, text, url)
    if wall is not None:
        raise ParseError("page", url or "page", f"the site answered with a bot check ({wall}), not the article")
    if (missing := not_found_reason(title_tag, first_heading, text)) is not None:
        raise ParseError("page", url or "page", f"the site answered that the article is not there ({missing})")
    title_date = date_in_title(title_tag, language, text, day_first)
    headlines = {one_line_text(title), one_line_text(first_heading), as_heading(one_line_text(title), root),
                 one_line_text(h1.text_content() if h1 is not None else None)}  # with what heading_text leaves out
    if title and ": " in title:  # the headline after its kicker, which the text may have without it (n-tv's)
        headlines.add(one_line_text(title.split(": ", 1)[1]))
    if first_heading and ": " in first_heading:
        headlines.add(one_line_text(first_heading.split(": ", 1)[1]))
    if title_date:  # the title without its date and what follows it (a uCoz site's "Headline - 7 Декабря 2021 - Site")
        headlines.add(before_date(one_line_text(title), title_date))
    if shown_date:  # the date line above the article's first paragraph (under its headline): kept as its date
        text, signed = without_date_line(text, shown_date, headlines)
        author = author or signed
    text = without_numeric_date_line(text, headlines)
    text = from_the_headline(without_breadcrumb(text, headlines), headlines)
    languages = tuple(filter(None, [code(date_language)]))
    # The date alone on a line of the text's opening, under its headline, as the page prints it
    # (Mediapart's list under its <h1>: "27 juin 2019", "Par Elba", the blog's name): the page's
    # date where it declares and shows none else, and no text where it is that date's day.
    without_date, opening = opening_date(text, languages, headlines, day_first)
    if opening is not None and (published is None or same_day(published, opening, date_language, day_first)):
        text, published = without_date, published or opening
    text = without_date_lines(text, languages, headlines, day_first)
    text = without_opening_headline(text, headlines)
    text, listed = listed_byline(text)
    author = author or byline(listed)
    if author is None:  # a byline that is a paragraph of the text's own, in an element named for nothing
        text, author = opening_byline(text, headlines)
    if author is None and h1 is not None:  # or one the text left out
        author = byline_under_the_headline(h1, publisher)
    if author is None:  # or the signature closing the article, set apart
        author = closing_signature(root)
    if author is not None and publisher is None and is_the_hosts(author, host):
        author = None  # the site signing as itself, which only its address names
    text = without_furniture(text, author)
    if lead and not holds(text, lead):
        text = f"{lead}\n\n{text}" if text else lead
        if description and mostly_within(description, lead):
            description = None  # a shorter telling of the lead the text now opens with
    elif lead:
        text = lead_first(text, lead)
    published = published or title_date or recorded_date(root, ld, meta, canonical or url, date_language, day_first)
    site = one_line_text(publisher)
    # (Not where the headline shown ends with that date itself: "European Council conclusions on Russia
    # and Ukraine, 16 December 2021", a briefing's "…, Москва, 9 декабря 2021 года".)
    title = before_date(one_line_text(title), title_date) \
        if title_date and not (first_heading and title_date in first_heading) else one_line_text(title)
    headline = not_the_sites_name(headline_of(title, root, site, host), site, first_heading, title_tag)
    headline = without_page_number(headline) if headline else headline  # where the site's name closed the title, after it
    if description and tells_of_the_site(description, headline or "", text, site or host or ""):
        description = None  # the site's tagline, in every page's head
    return Article(title=headline or None, text=text,
                   url=canonical, author=author,
                   publisher=one_line_text(publisher) or None, published=published,
                   description=one_line_text(description) or None, language=language)
