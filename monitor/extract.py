"""An article page's metadata and main text, without navigation, related stories or footers.

Metadata comes from what the page says about itself, most explicit first: JSON-LD (NewsArticle and
its kin, read leniently, references resolved), OpenGraph, article:* and other vocabularies' meta
tags, <link rel=canonical>, <time datetime>, then <title>; an author only its markup shows, and a
date only its text shows, when it declares none.
The main text is JSON-LD's articleBody when the page gives it, else trafilatura's extraction (made
for exactly this), else the <article>/<main> element with the site chrome removed.
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from monitor.clean import (CUT_MARK, SEPARATOR_AT_END, TITLE_SEPARATOR, clean_text, element_text,
                           folded_words, has_words, html_to_text, is_closing_notice, looks_cut,
                           looks_like_html, one_line_text, parse_html, without_byline_label,
                           without_site_name)
from monitor.bylines import BYLINE_PARTS, PERSONS_NAME, someones
from monitor.dates import date_in, is_date_line, is_update_note, labelled, parse_date, site_writes_day_first, updated_in
from monitor.errors import ParseError
from monitor.language import code, identify
from monitor.logs import fields
from monitor.scripts import SPACELESS_CHARACTER, in_spaceless_script

log = logging.getLogger(__name__)

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "backgroundnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                  "liveblogposting", "webpage", "socialmediaposting", "report", "scholarlyarticle"}
_CHROME = ("nav", "header", "footer", "aside", "form", "figure")
_CHROME_HINTS = ("nav", "menu", "footer", "header", "sidebar", "related", "share", "social", "cookie",
                 "newsletter", "promo", "advert", "comment", "breadcrumb", "subscribe", "banner")


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


def extract(markup: str, url: str | None = None) -> Article:
    """Metadata and main text of an article page."""
    root = parse_html(markup)
    ld = _json_ld(root)
    meta = _meta(root)
    for key in ("og:title", "twitter:title"):
        if _SLUG.fullmatch(meta.get(key, "")):
            del meta[key]  # ADAC's "adac-kindersitztest-herbst-2018"
    title_tag = _title_tag(root)
    h1 = _article_h1(root)
    first_heading = _heading_text(h1, title_tag) if h1 is not None else None
    pages_own = _the_pages_own(first_heading, (title_tag, meta.get("twitter:title")), meta.get("og:title"))
    shown_titles = (first_heading, meta.get("og:title"), meta.get("twitter:title"), title_tag, _s(ld.get("url")),
                    meta.get("og:url"), url)
    title = _untruncated(_first(_ld_headline(_s(ld.get("headline")), _s(ld.get("name")), shown_titles),
                                _s(ld.get("name")), pages_own, meta.get("og:title"), meta.get("twitter:title"), title_tag),
                         first_heading, meta.get("og:title"), meta.get("twitter:title"), title_tag)
    title = _with_shown_quotes(title, meta.get("og:title"), first_heading, title_tag)
    canonical = _first(_canonical_link(root), meta.get("og:url"), _s(ld.get("url")),
                       _s(_get(ld, "mainEntityOfPage", "@id")))
    host = _host(canonical or url)
    # A site's name given as its address (TMZ's og:site_name "http://www.tmz.com") gives way to
    # application-name, else to the address's host.
    publisher = _first(_names(ld.get("publisher")), _not_address(meta.get("og:site_name")),
                       meta.get("application-name"), _host(meta.get("og:site_name")))
    if publisher is not None:
        publisher = _without_tagline(publisher, (meta.get("og:title"), meta.get("twitter:title"), title_tag), host)
    declared = [name for name in (_names(ld.get("author")), *(_not_address(meta.get(key)) for key in _AUTHOR_META))
                if name is not None and not _ACCOUNT.fullmatch(name.strip()) and not _makers_credit(name)]
    sites = (publisher,) if publisher else _titles_sites(title_tag, (first_heading, meta.get("og:title"),
                                                                      meta.get("twitter:title")))
    author = someones(_first(*(name for name in declared if not _HANDLE.fullmatch(name))), publisher, sites)
    if author is None or _only_organizations(ld.get("author")):
        # None declared by name (an address, article:author's profile link, a user name, names no
        # one), or an organization, where the page may sign the article with a person's name.
        author = someones(_shown_author(root) or _labelled_author(root), publisher, sites) or author
    if author is None:  # a user name is better than nothing: "mikecason" is Mike Cason
        author = someones(_first(*declared), publisher, sites)
    time_element, in_the_header = _time_elements(root)
    published = _first_date(_ld_date(ld.get("datePublished")), *(meta.get(key) for key in _PUBLISHED_META),
                            time_element)
    description = _first(_s(ld.get("description")), meta.get("og:description"), meta.get("description"))
    # The article's own declaration first; og:locale is often the site's default.
    language = _first(_s(ld.get("inLanguage")), root.get("lang"), root.get("xml:lang"),
                      meta.get("content-language"), meta.get("og:locale"), meta.get("language"),
                      meta.get("dc.language"))
    shown_date = None
    day_first = site_writes_day_first(url or canonical)  # how the site writes "08/02/2013"
    # A date in words is read in the page's language, else its headline's and description's.
    date_language = language or identify(f"{title or ''}\n{description or ''}")
    if published is None or not parse_date(published)[1]:  # none declared, or without its zone
        shown = itertools.chain(_date_texts(root, date_language, day_first),
                                _labelled_dates(root, date_language, day_first),
                                _date_texts(root, date_language, day_first, _BYLINE_ELEMENTS, search=False, parts=True),
                                _under_the_headline(h1, date_language, day_first))
        # What is declared as data stands unless the page shows more of it.
        shown_date = next((text for text in shown
                           if published is None or _shown_is_finer(text, published.strip(), date_language, day_first)),
                          None)
        # The site's header may hold the article's <time> (a page with no <article>), or the site's
        # clock (Ultima Hora's "jueves, 09 enero 2014 10:21" over a story its byline dates
        # 08/01/2014): a date the page shows comes first, but on the header's day, where the
        # header's time says more.
        if published is None and in_the_header is not None and (
                shown_date is None or _same_day(in_the_header, shown_date, date_language, day_first)):
            published, shown_date = in_the_header, None
    published = _with_vendors_zone(shown_date or published, _vendors_published(meta))
    lead = _shown_lead(root)  # before main_text, whose fallback takes the tree apart
    body = _s(ld.get("articleBody"))
    if body and has_words(body, 30):
        text = _declared_text(body)
        if looks_cut(text):
            text = _longer_of_the_same(text, main_text(markup, root, url))
    else:
        text = main_text(markup, root, url)
    wall = _bot_check(markup, title_tag, text, url)
    if wall is not None:
        raise ParseError("page", url or "page", f"the site answered with a bot check ({wall}), not the article")
    headlines = {one_line_text(title), one_line_text(first_heading), _as_heading(one_line_text(title), root),
                 one_line_text(h1.text_content() if h1 is not None else None)}  # with what _heading_text leaves out
    if shown_date:  # the date line above the article's first paragraph (under its headline): kept as its date
        text = _without_paragraph(text, shown_date, headlines)
    text = _without_numeric_date_line(text, headlines)
    text = _from_the_headline(_without_breadcrumb(text, headlines), headlines)
    languages = tuple(filter(None, [code(date_language)]))
    # The date alone on a line of the text's opening, under its headline, as the page prints it
    # (Mediapart's list under its <h1>: "27 juin 2019", "Par Elba", the blog's name): the page's
    # date where it declares and shows none else, and no text where it is that date's day.
    without_date, opening = _opening_date(text, languages, headlines, day_first)
    if opening is not None and (published is None or _same_day(published, opening, date_language, day_first)):
        text, published = without_date, published or opening
    text = _without_date_lines(text, languages, headlines, day_first)
    text = _without_opening_headline(text, headlines)
    text = _without_furniture(text, author)
    if lead and not _holds(text, lead):
        text = f"{lead}\n\n{text}" if text else lead
        if description and _mostly_within(description, lead):
            description = None  # a shorter telling of the lead the text now opens with
    title_date = _title_date(title_tag, language, text, day_first)
    # A record's creation or last change, declared as data, after any date the page shows: a CMS's
    # dateCreated is when the record was made (the Rhein-Neckar-Zeitung's, 2019, on a story that
    # shows 12.10.2015, the day it was published).
    recorded = _first_date(*(meta.get(key) for key in _CREATED_META), _ld_date(ld.get("dateCreated")),
                           _ld_date(ld.get("dateModified")))
    published = (published or title_date or recorded or _address_date(canonical or url)
                 or _update_date(root, date_language, day_first))
    site = one_line_text(publisher)
    title = _before_date(one_line_text(title), title_date) if title_date else one_line_text(title)
    headline = _not_the_sites_name(_headline(title, root, site, host), site, first_heading, title_tag)
    return Article(title=headline or None, text=text,
                   url=canonical, author=author,
                   publisher=one_line_text(publisher) or None, published=published,
                   description=one_line_text(description) or None, language=language)


# The lead (standfirst) a page shows between its headline and its text, in an element named for it:
# "article__perex" (Czech sites), "article-lead", "b-article__announce", "story-intro",
# "standfirst", "dek", marked itemprop=description, or the <header> that opens an itemprop=articleBody
# (Medical News Today). trafilatura leaves it out when it is no <p>
# (favor_precision), and it is what the story is: its who, what and where. Not a lead photo's box.
_LEAD = lxml.etree.XPath("//body//*[@itemprop='description' or contains(@class, 'perex') or contains(@class, 'lead')"
                         " or contains(@class, 'announce') or contains(@class, 'intro') or contains(@class, 'standfirst')"
                         " or contains(@class, 'dek') or (self::header and parent::*[@itemprop='articleBody'])]")
_LEAD_CLASS = re.compile(r"(?:^|[-_])(?:perex|lead(?:text|in)?|announce|intro|standfirst|dek)(?:$|[-_])"
                         r"(?!-*(?:img|image|photo|media|art|video|figure|pic|gallery))")
# What else a box so named can be: an author's introduction, a promotion's, a related story's.
_NOT_A_LEAD = re.compile(r"author|bio|comment|promo|related|teaser|card|list|item|widget|sidebar|footer|subscri|"
                         r"newsletter|video|gallery|photo|image|media|cookie|banner|advert")
_LEAD_CHARS = (60, 1500)
_LEAD_WORDS = 8
_LEAD_LOOKED_AT = 10


def _shown_lead(root: lxml.html.HtmlElement) -> str | None:
    """The article's lead as its page shows it (_LEAD): the first such element in the article with
    a sentence or more of text."""
    for element in _LEAD(root)[:_LEAD_LOOKED_AT]:
        if not isinstance(element.tag, str) or element.tag in ("meta", "script", "style", "img", "a"):
            continue
        marker = (element.get("class") or "").lower()
        named = any(_LEAD_CLASS.search(token) for token in marker.split()) and not _NOT_A_LEAD.search(marker)
        if not named and element.get("itemprop") != "description" and element.tag != "header":
            continue
        if _outside_the_article(element):
            continue
        text = one_line_text(element.text_content())
        if (_LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] and has_words(text, _LEAD_WORDS)
                and not looks_cut(text)):
            return text
    return None


def _holds(text: str, part: str) -> bool:
    """Whether `text` holds `part`, spacing aside."""
    return " ".join(part.split()) in " ".join(text.split())


_MOSTLY = 0.7


def _mostly_within(shorter: str, longer: str) -> bool:
    """Whether most of `shorter`'s words are among `longer`'s (a description that tells the lead over)."""
    words = folded_words(shorter)
    known = set(folded_words(longer))
    return bool(words) and sum(word in known for word in words) >= _MOSTLY * len(words)


# A bot check served in place of the page, with a 200 ("Just a moment..." from Cloudflare, DDoS-Guard's,
# Yandex's SmartCaptcha, DataDome's, PerimeterX's): its few words stored as the article would be an
# item called "Just a moment...", or a full-text item's body. Told by the page's <title>, or by a
# mark only such pages carry (their challenge's script, their form), and always by having little
# text: a short article on a site behind such a service keeps its own title and text.
_BOT_CHECK_TITLES = frozenset((
    "just a moment...", "just a moment…", "attention required! | cloudflare", "один момент…", "один момент...",
    "ddos-guard", "checking your browser", "checking your browser before accessing", "please wait...",
    "проверка браузера", "проверка браузера...", "вы не робот?", "are you a robot?", "are you not a robot?",
    "security check", "access to this page has been denied.", "captcha", "ой!",
))
_BOT_CHECK_MARKS = ("window._cf_chl_opt", "cf-browser-verification", "captcha-delivery.com", 'id="px-captcha"',
                    "/showcaptcha?", "incapsula incident id", "ddos-guard.net/", "servicepipe.ru/")
BOT_CHECK_MAX_WORDS = 80


def _bot_check(markup: str, title_tag: str | None, text: str, url: str | None) -> str | None:
    """What shows that a page is a bot check (its title, or a mark of one) or a cookie-consent page
    redirected to (consent.google.com, consent.yahoo.com: a host named "consent."), or None."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # an address that is no URL ("http://[::1"): no host to tell by
        host = ""
    if host.startswith("consent."):
        return f"a consent page at {host}"
    if has_words(text, BOT_CHECK_MAX_WORDS + 1):
        return None
    title = one_line_text(title_tag).casefold()
    if title in _BOT_CHECK_TITLES:
        return f"its title is {one_line_text(title_tag)!r}"
    lowered = markup[:100_000].lower()
    for mark in _BOT_CHECK_MARKS:
        if mark in lowered:
            return f"it carries {mark!r}"
    return None


def bot_check(markup: str) -> str | None:
    """What shows that a page served where no article was asked for (a feed's address) is a bot
    check, read from the whole page (its <title>, its text), or None."""
    root = parse_html(markup)
    return _bot_check(markup, _title_tag(root), element_text(root), None)


def _declared_text(body: str) -> str:
    """JSON-LD's articleBody as text. Some sites put markup in it; in plain text, a line break is
    where a paragraph ended (the page's <p> elements joined with "\n"), as in trafilatura's output."""
    text = html_to_text(body) if looks_like_html(body) else clean_text(body.replace("\n", "\n\n"))
    if "[" not in text:
        return text
    return "\n\n".join(part for part in text.split("\n\n") if _MEDIA_PLACEHOLDER.fullmatch(part) is None)


# Where a picture or a video was, as some sites' articleBody writes it: "[Image: caption https://…]"
# (Vox Media's, The Verge's). A caption and an address, not the story's text.
_MEDIA_PLACEHOLDER = re.compile(r"\[(?:image|photo|picture|video|gallery|embed)\s*:.*\]", re.IGNORECASE)


_SAME_START_WORDS = 8


def _longer_of_the_same(declared: str, extracted: str) -> str:
    """The page's own text in place of a declared articleBody that was cut off (a teaser: some
    sites give the first few hundred characters), when it is longer and holds the same opening
    words; else the declared text, which is the page's word on what its article is."""
    opening = " ".join(CUT_MARK.sub("", declared).split()[:_SAME_START_WORDS])
    if len(extracted) > len(declared) and opening and opening in " ".join(extracted.split()):
        return extracted
    return declared


# trafilatura's time grows with the square of the text runs inside the page's paragraphs (libxml2
# merges each <p>'s into its "//p//text()" node set one at a time, looking for duplicates): 24,000
# took 0.3 s, 48,000 3.6 s, 96,000 19 s, and a page of them up to max_bytes (10 MB) would hold a
# thread and the interpreter for about a quarter of an hour. No article has that many, nor that
# many elements (its other passes are linear, about 60 µs and 2 KB an element): such a page (a
# forum's whole thread, a book on one page, a hostile one) is read by our own linear extractor.
MAX_PARAGRAPH_RUNS = 20_000
MAX_ELEMENTS = 50_000


def too_large_for_trafilatura(root: lxml.html.HtmlElement) -> bool:
    """Whether a page has more elements, or more text runs in its paragraphs, than trafilatura
    reads in a second or so (MAX_ELEMENTS, MAX_PARAGRAPH_RUNS)."""
    elements = runs = 0
    for _ in root.iter():
        elements += 1
        if elements > MAX_ELEMENTS:
            return True
    for paragraph in root.iter("p"):
        for _ in paragraph.itertext():
            runs += 1
        if runs > MAX_PARAGRAPH_RUNS:
            return True
    return False


# What trafilatura is told to leave out before it looks for the text: readers' comments under names
# in other languages than English, which it knows ("comentarios": El Mundo's were stored as the end
# of its article), the kicker over a headline ("antetitulo", "Dachzeile", "surtitre"), a dialog box
# the page opens on a click (Yomiuri's "scrap-modal": "メモ入力", "完了しました"), text only a
# screen reader reads (AFPBB's <h2 class="hide-text">このニュースをシェア</h2>, "Share this news" over
# its share buttons; Bootstrap's "sr-only" "(opens in a new window)"), and a photo's box with its
# caption (El Mundo's <div class="foto"><img …><p>Izaskun Lesaka.</p></div>), a short one; never an
# element that holds the headline.
_NOT_TEXT_NAMES = ("comentario", "commentaire", "kommentar", "komentar", "commenti", "kicker", "eyebrow",
                   "antetitulo", "surtitre", "dachzeile", "overline", "modal", "sr-only", "visually-hidden",
                   "visuallyhidden", "screen-reader", "hide-text", "element-invisible",
                   # The writer's box under the article: photo, name and biography (chip.de's
                   # "TestReport__AuthorBox": "… ist Head of Social & Community bei CHIP. Wenn sie …").
                   "authorbox", "author-box", "author_box", "author-bio", "author_bio", "authorbio", "about-author",
                   "about-the-author", "autorbox", "autorenbox", "autor-box")
_PHOTO_BOX_NAMES = ("foto", "photo", "caption", "legende", "légende", "bildunterschrift")
_NOT_TEXT_NAME = re.compile("|".join(_NOT_TEXT_NAMES))
_PHOTO_BOX_NAME = re.compile("|".join(_PHOTO_BOX_NAMES))
_PHOTO_BOX_CHARS = 300
# The class and id values of a page's elements, read as strings: a proxy object for each of a page's
# thousands of elements, to read its names, cost 4 ms, and an XPath expression matching the names
# 5 to 18; these values, joined and searched for each name, about 1 to 2.
_NAME_VALUES = lxml.etree.XPath("//body//@class | //body//@id")  # smart strings: getparent() is the element


def _values_named(values: list[str], names: tuple[str, ...]) -> set[str]:
    """The values (class or id attributes) that hold one of the names, letter case aside."""
    joined = "\0".join(value for value in values if "'" not in value)  # no attribute holds a NUL
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a letter whose lower case is longer: look value by value
        return {value for value in values if "'" not in value and any(name in value.lower() for name in names)}
    found = set()
    for name in names:
        at = lowered.find(name)
        while at >= 0:
            start, end = lowered.rfind("\0", 0, at) + 1, lowered.find("\0", at)
            end = len(lowered) if end < 0 else end
            found.add(joined[start:end])
            at = lowered.find(name, end)
    return found


def _not_text(root: lxml.html.HtmlElement) -> list[str] | None:
    """An XPath expression for trafilatura's prune_xpath naming the elements _NOT_TEXT_NAME and
    _PHOTO_BOX_NAME find, by their exact id or class; None when there are none, as on most pages.
    A photo box's name is left out when any element of that name holds more text, or no image."""
    values = _NAME_VALUES(root)
    named = _values_named(values, _NOT_TEXT_NAMES + _PHOTO_BOX_NAMES)
    if not named:
        return None
    found: set[str] = set()
    kept: set[str] = set()
    elements = {id(element): element for element in (value.getparent() for value in values if value in named)}
    for element in elements.values():
        marker = f"{element.get('id', '')} {element.get('class', '')}".lower()
        comments = _NOT_TEXT_NAME.search(marker) is not None
        if not comments and (element.tag == "img" or _PHOTO_BOX_NAME.search(marker) is None):
            continue
        attribute, value = ("id", element.get("id")) if element.get("id") else ("class", element.get("class"))
        if not value or "'" in value or element.find(".//h1") is not None:
            continue
        name = f"@{attribute}='{value}'"
        if comments:
            found.add(name)
        else:
            short = len(element.text_content()) <= _PHOTO_BOX_CHARS
            # The picture is in the box, or beside the caption, in the element that holds both
            # (NDTV's <p class="ins_instory_dv_caption"> after the <div> of its <img>).
            parent = element.getparent()
            pictured = element.find(".//img") is not None or (parent is not None and parent.find(".//img") is not None)
            (found if short and pictured else kept).add(name)
    found -= kept
    return [f"//body//*[({' or '.join(sorted(found))}) and not(.//h1)]"] if found else None


def main_text(markup: str, root: lxml.html.HtmlElement | None = None, url: str | None = None) -> str:
    """The article's own text: trafilatura first, our own chrome-stripping as the fallback (and in
    its place on a page too large for it: too_large_for_trafilatura)."""
    root = root if root is not None else parse_html(markup)
    if too_large_for_trafilatura(root):
        log.info("page read by the fallback extractor %s", fields(url=(url or "")[:200], reason="too large for trafilatura"))
        return _fallback_text(root)
    # Here, not at the top: a process that reads only feeds never needs it (0.2 s of imports).
    import trafilatura

    # Not trafilatura's deduplicate: it drops each paragraph (and a whole text) it has met more than
    # twice in this process, whatever page it was on. A long-running daemon then stored the third
    # outlet's copy of a wire story, or an updated article, without the paragraphs they share, which
    # are what groups copies into one story; the same page's text depended on what came before it.
    unwrapped, prune = _line_breaks_as_spaces(markup), _not_text(root)
    try:
        extracted = trafilatura.extract(unwrapped, url=url, include_comments=False, include_tables=False,
                                        include_images=False, favor_precision=True, deduplicate=False,
                                        prune_xpath=prune)
        if extracted and ((_mostly_list_items(extracted) and _running_text(extracted) < _LIST_ITEM_TEXT_CHARS)
                          or _opens_with_comments(extracted)):
            # Precision can cost a page its article and leave what is beside it (NetEase's: its
            # readers' comments, "为您推荐" and the hot-news ranking, where the article's <div id="endText">
            # was): where what it kept is mostly a short list, or opens with the comments' notice,
            # trafilatura's balanced reading is asked too, and taken where it holds far more running text.
            broader = trafilatura.extract(unwrapped, url=url, include_comments=False, include_tables=False,
                                          include_images=False, deduplicate=False, prune_xpath=prune)
            if broader and _running_text(broader) > _MORE_RUNNING_TEXT * _running_text(extracted):
                extracted = broader
        elif extracted and (running := _running_lines(extracted)) and all(map(is_closing_notice, running)):
            # Precision can keep nothing of a page but the site's notice and its chrome's short lines
            # when the article is a brief in a box it does not take for the article's (hexun's: one
            # paragraph with a link, in a <div> clipped to a height), while the balanced reading has
            # the brief among the same chrome: its running text is taken, without the chrome.
            broader = trafilatura.extract(unwrapped, url=url, include_comments=False, include_tables=False,
                                          include_images=False, deduplicate=False, prune_xpath=prune)
            if broader and (found := _article_lines(broader)):
                extracted = "\n".join(found)
    except Exception as exc:  # a hostile page must not stop the run; fall back below
        log.debug("trafilatura failed url=%s error=%s", url, exc)
        extracted = None
    if extracted and has_words(extracted, 20):
        return clean_text(extracted.replace("\n", "\n\n"))
    return _fallback_text(root)


_LIST_ITEM = "- "  # how trafilatura writes a list's item
_RUNNING_LINE_CHARS = 20
_LIST_ITEM_TEXT_CHARS = 200  # a list's item this long is running text (guancha.cn sets its article in an <li>)
_MORE_RUNNING_TEXT = 2


def _mostly_list_items(extracted: str) -> bool:
    """Whether most of the lines trafilatura gave are list items."""
    lines = [line.strip() for line in extracted.split("\n") if line.strip()]
    return 2 * sum(line.startswith(_LIST_ITEM) for line in lines) >= len(lines)


def _opens_with_comments(extracted: str) -> bool:
    """Whether trafilatura's text opens, under the headline it may repeat, with the notice over readers'
    comments (_CLOSING_BOX_OPENERS)."""
    return any(line.strip().startswith(_CLOSING_BOX_OPENERS) for line in extracted.lstrip().split("\n", 2)[:2])


def _running_lines(extracted: str) -> list[str]:
    """trafilatura's lines that are running text: no short line, nor a list's item but a long one."""
    return [line for line in (line.strip() for line in extracted.split("\n"))
            if len(line) >= (_LIST_ITEM_TEXT_CHARS if line.startswith(_LIST_ITEM) else _RUNNING_LINE_CHARS)]


def _running_text(extracted: str) -> int:
    """The characters of trafilatura's running text (_running_lines)."""
    return sum(map(len, _running_lines(extracted)))


def _article_lines(extracted: str) -> list[str]:
    """trafilatura's running lines but a site's notice (a disclaimer, a call to pay…)."""
    return [line for line in _running_lines(extracted) if not is_closing_notice(line)]


# A line break in a page's source is a space as the browser shows it, but in a paragraph with a <br>,
# trafilatura's text keeps the source's line breaks after the <br> (2.3), where they became
# paragraphs of their own: Spektrum's closing credit, wrapped at 60 columns, was cut into five. Its
# text is taken from the markup with each line break a space (one for one: trafilatura weighs its
# text against readability's and jusText's by their lengths), but in <pre>, whose lines are its own.
_PRE_TAG = re.compile(r"<(/?)pre\b", re.IGNORECASE)


def _line_breaks_as_spaces(markup: str) -> str:
    if "<pre" not in markup and "<PRE" not in markup:
        return _spaced(markup)
    # The <pre> blocks' opening and closing tags, looked for once each: a page with thousands of
    # unclosed "<pre" costs no more than one with none.
    pieces: list[str] = []
    start, inside = 0, False
    for tag in _PRE_TAG.finditer(markup):
        closing = bool(tag.group(1))
        if closing == inside:
            pieces.append(markup[start:tag.start()] if inside else _spaced(markup[start:tag.start()]))
            start, inside = tag.start(), not inside
    pieces.append(markup[start:] if inside else _spaced(markup[start:]))
    return "".join(pieces)


def _spaced(markup: str) -> str:
    # The line breaks as spaces, and each empty <div> a <br> (_EMPTY_DIV).
    # str.replace, not str.translate: with a character beyond ASCII on the page, translate looks
    # each character up in Python (73 ms for a 1.1 MB page, replace 0.3).
    return _EMPTY_DIV.sub("<br>", markup.replace("\n", " ").replace("\r", " "))


# An empty <div> (a box a script fills: comments, an advertisement) among the lines of a text run
# is a line break as the browser shows it. Left a <div>, trafilatura (2.3) no longer reads the run as
# one block of text: each link in it became a paragraph of its own, the Times of India's
# "…Pakistan PM\n\nImran Khan\n\n, China on Tuesday…". 0.2 ms for a page of 90 KB.
_EMPTY_DIV = re.compile(r"<div\b[^<>]*>\s*</div\s*>", re.IGNORECASE)


def _fallback_text(root: lxml.html.HtmlElement) -> str:
    for element in list(root.iter(*_CHROME)):
        element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}".lower()
        hints = [hint for hint in _CHROME_HINTS if hint in marker]
        if not hints or element.tag in ("article", "main", "body"):
            continue
        # A wrapper named for what is beside the article ("has-sidebar") holds its <h1>; the site's
        # header may hold its logo's.
        if not _HOLDS_A_HEADLINE(element) or any(hint in ("header", "banner") for hint in hints):
            element.drop_tree()
    for path in ("//*[@itemprop='articleBody']", "//article", "//main", "//body"):
        found = root.xpath(path)
        if found:
            text = "\n\n".join(element_text(el) for el in found if isinstance(el.tag, str))
            if text.strip():
                return clean_text(text)
    return element_text(root)


def _s(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _get(data: dict[str, Any], key: str, sub: str) -> Any:
    value = data.get(key)
    return value.get(sub) if isinstance(value, dict) else value


def _names(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.lstrip().startswith(("{", "[")):
        # A JSON object written as a string inside the JSON (the South China Morning Post's author:
        # "{ \"@type\":\"Person\", \"name\":\"Alice Wu\" }").
        try:
            value = json.loads(value)
        except ValueError:
            return None
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _name_of(item) if isinstance(item, dict) else item
        if isinstance(name, str) and "<" in name:
            name = html.unescape(_MARKUP.sub("", name))  # CNN's "By <a href=…>Amir Vera</a>, …"
        if isinstance(name, str) and name.strip() and _not_address(name) and name.strip() not in names:
            names.append(name.strip())
    return ", ".join(names) or None


_MARKUP = re.compile(r"<[^<>]*>")


def _name_of(thing: dict[str, Any]) -> str | None:
    """A JSON-LD Person's or Organization's name: its "name" (a list of them joined), else a
    person's names in parts ("givenName", "additionalName", "familyName")."""
    name = thing.get("name")
    if isinstance(name, dict):  # a Person inside the Person (National Geographic's)
        name = name.get("name")
    if isinstance(name, list):
        name = ", ".join(part.strip() for part in name if isinstance(part, str) and part.strip())
    if isinstance(name, str) and name.strip():
        return name
    parts = [thing.get(key) for key in ("givenName", "additionalName", "familyName")]
    return " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip()) or None


def _only_organizations(value: Any) -> bool:
    """Whether JSON-LD's author names organizations alone (a wire service: "NCA NewsWire")."""
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(isinstance(item, dict) and "organization" in str(item.get("@type", "")).lower()
                               for item in items)


_AUTHOR_META = ("author", "article:author", "og:author", "og:article:author", "parsely-author", "sailthru.author",
                "byl", "dc.creator", "dcterms.creator", "article_author")
# A user name, not a person's ("mikecason", al.com's sailthru.author): a later declaration that
# writes the name ("Mike Cason | mcason@al.com") stands before it.
_HANDLE = re.compile(r"[a-z0-9_.]{3,30}")
# A CMS account's name, with a figure in it ("Wunderweib1", "majainfos_zlfca4v6"): no one's byline,
# not even where nothing else names the writer.
_ACCOUNT = re.compile(r"(?=\S*\d)[A-Za-z0-9_.-]{3,40}")
# A web address after a name ("Arentik d.o.o. - www.arentik.com"): the credit of the agency
# that made the site, written into every page's meta author; or the site's own ("Deutsche Welle
# (www.dw.com)"), as bylines.is_the_sites_own finds too. A writer's byline does not carry an address.
_ADDRESS_AFTER_A_NAME = re.compile(r"\s[-|–—(]?\s{0,3}(?:(?:https?:)?//|www\.)", re.IGNORECASE)  # as _ADDRESS reads one


def _makers_credit(name: str) -> bool:
    """Whether a declared author is a name with a web address after it (see _ADDRESS_AFTER_A_NAME)."""
    found = _ADDRESS_AFTER_A_NAME.search(name)
    return found is not None and any(ch.isalnum() for ch in name[:found.start()])


# The names pages give their publication date under, beyond OpenGraph's: Dublin Core's, Parse.ly's,
# Sailthru's, and what CMS templates invent ("pubdate", "publish-date"). A page's update time is
# not among them.
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "article:published",
                   "og:published_time", "og:pubdate", "datepublished", "parsely-pub-date", "sailthru.date",
                   "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.date", "citation_publication_date",
                   "citation_date", "pubdate", "publishdate", "publish-date", "publish_date", "published_time",
                   "published_at", "publication_date", "date_published", "date")
_CREATED_META = ("datecreated", "dcterms.created", "dc.date.created")
# Where a name is asked for, many pages give an address: article:author as the author's Facebook
# profile (as OpenGraph defines it), JSON-LD's author as the site's home page.
_ADDRESS = re.compile(r"(?:https?:)?//|www\.", re.IGNORECASE)


def _host(address: str | None) -> str | None:
    """The host an address names, without "www." ("http://www.tmz.com" → "tmz.com")."""
    if not address or not _ADDRESS.match(address.strip()):
        return None
    host = urlsplit(address.strip() if "//" in address else f"//{address.strip()}").hostname or ""
    return host.removeprefix("www.") or None


# A site's name with its motto after it ("Aktuálně.cz - Víte, co se právě děje").
_TAGLINE_SEPARATOR = re.compile(r"\s+[-|–—:·]\s+")


def _without_tagline(site: str, titles: Iterable[str | None], host: str | None) -> str:
    """A site's name without the motto a page adds to it: the part before the separator, where the
    page's titles close with that part alone (og:title "… | Aktuálně.cz") or it is the page's host
    written with its accents ("aktualne.cz")."""
    parts = _TAGLINE_SEPARATOR.split(site.strip(), maxsplit=1)
    if len(parts) < 2:
        return site
    name = parts[0]
    if host is not None and (words := folded_words(name)):
        # The host's last labels, or those before its top-level domain ("Aktuálně" of aktualne.cz).
        labels = folded_words(host)
        if words in (labels[-len(words):], labels[-len(words) - 1:-1]):
            return name
    for title in titles:
        if title and (closing := SEPARATOR_AT_END.search(title, 0, len(title) - len(name))) is not None \
                and title[closing.end():].strip().casefold() == name.casefold():
            return name
    return site


def _not_address(value: str | None) -> str | None:
    return None if value is None or _ADDRESS.match(value.strip()) else value


def _ld_date(value: Any) -> str | None:
    """A JSON-LD date: as written, or, given as a number (some script-built pages write a Unix time,
    in seconds or milliseconds), as ISO 8601 in UTC."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 100_000_000_000 else value  # milliseconds: past the year 5138 as seconds
        try:
            return datetime.fromtimestamp(seconds, timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return _s(value)


# Where a page signs its article in its markup when it declares no author as data: HTML's
# rel=author, microdata's itemprop=author, an element named for a byline or an author. Not a
# comment's or a related story's (_outside_the_article), nor the author box's photo, biography or
# list of articles. Our own look rather than trafilatura's author step, which knows more names but
# tests them with Python regular expressions called back for every element of the page: 69 ms on a
# page of 9,200 elements without an author, about a millisecond here (libxml2's contains()).
_SIGNATURE = ("[@rel='author' or contains(@itemprop, 'author') or contains(@class, 'author')"
              " or contains(@class, 'Author') or contains(@class, 'byline') or contains(@id, 'author')"
              " or contains(@class, 'autor') or contains(@class, 'firma') or contains(@class, 'writer')"
              " or self::a[contains(@href, '/author/')]]")
_SIGNED = lxml.etree.XPath("//*" + _SIGNATURE)
_SIGNED_WITHIN = lxml.etree.XPath(".//*" + _SIGNATURE)
# Not a signature: a name in a comment, a picture's credit, an author's box of links… and a share
# box, but for its contributors (National Geographic's "ng-sharekit__contributors--author": "By …").
_NOT_A_SIGNATURE = ("comment", "authoriz", "avatar", "photo", "image", "img", "caption", "credit", "figure", "bio",
                    "about", "more", "social", "share", "subscribe", "follow")
_NAME_WORDS = 8
_NAME_CHARS = 80
_SIGNATURES = 200


def _shown_author(root: lxml.html.HtmlElement) -> str | None:
    """The first name the page's markup signs its article with (_SIGNED), its byline's label and
    other roles' credits left out (clean.without_byline_label); None when none looks like a name
    (at most 8 words and 80 characters, no digits)."""
    # At most _SIGNATURES looked at: Politico's menu carries 51 teasers' bylines before the article's.
    for element in _SIGNED(root)[:_SIGNATURES]:
        if element.tag in ("img", "meta", "link", "script", "style"):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in marker for word in _NOT_A_SIGNATURE if word != "share" or "contributor" not in marker) \
                or _outside_the_article(element, header_is_the_sites=False) or _a_teasers_byline(element):
            continue
        if (listed := _listed_writers(element)) is not None:
            return listed
        # A byline box holding the writers' links: the links, and those beside them (_co_signed).
        element = next(iter(element.xpath(".//*[@rel='author' or contains(@itemprop, 'author')]")), element)
        # The name where the byline box holds more (a photo, the date): its itemprop or class says so.
        names = element.xpath(".//*[@itemprop='name']") or element.xpath(".//*[@class='name' or @class='author-name']")
        name = without_byline_label(one_line_text((names[0] if names else element).text_content()))
        if not names and "," not in name and (link := _the_one_link(element)) is not None:
            name = without_byline_label(one_line_text(link.text_content()))  # not its title beside it
        name = _the_names_part(name.split(" | ")[0])  # "Ángeles Escrivá | Madrid": the byline's place after a bar
        if _looks_like_a_name(name):
            return ", ".join(_co_signed(element, name))
    return None


# A link to a writer's page, as a byline box and a teaser's item hold one.
_WRITERS_LINK = "a[@rel='author' or contains(@href, '/author/')]"
_WRITERS_PAGES = lxml.etree.XPath(f".//{_WRITERS_LINK}[@href]")
_IS_WRITERS_LINK = lxml.etree.XPath(f"boolean(self::{_WRITERS_LINK})")


def _listed_writers(byline_box: lxml.html.HtmlElement) -> str | None:
    """The names of a byline box that links two writers' pages or more, each in its own item
    ("<ul class=authors><li><a href=/author/ann-writer/>Ann Writer</a></li><li>…"), joined with
    commas (its text alone runs them together); None for a box with fewer."""
    pages: dict[str, str] = {}
    for link in _WRITERS_PAGES(byline_box):
        name = without_byline_label(one_line_text(link.text_content()))
        if _looks_like_a_name(name) and link.get("href") not in pages and name not in pages.values():
            pages[link.get("href")] = name
    if len(pages) < 2:
        return None
    return ", ".join(list(pages.values())[:_MOST_CO_SIGNED])


_ITEM_HOLDING = lxml.etree.XPath("ancestor::li[1]")


def _a_teasers_byline(element: lxml.html.HtmlElement) -> bool:
    """Whether a signature is one of a list's teasers, not the article's: an item of a list that
    links to another article, with its headline, beside other items that do so too (Sina's
    columnists, "<li><a href=…/author/lianping/…>连平</a>：<a href=…/zl/bank/…>MLF操作利率下调可期待</a></li>",
    and its blogs, "<li><a href=…/blog_…><span class=author>超级感悟：</span>时间节点跨越 市场强于预期</a></li>",
    under an article of none of them). A list of co-authors links to their pages alone."""
    item = next(iter(_ITEM_HOLDING(element)), None)
    if item is None or not _links_a_headline(item):
        return False
    parent = item.getparent()
    return parent is not None and any(other is not item and _links_a_headline(other) for other in parent.iterchildren("li"))


def _links_a_headline(item: lxml.html.HtmlElement) -> bool:
    """Whether a list item holds a signature and a link, not to a writer's page, with a headline's
    words beside the signature's (two words or more, or six characters of a script without spaces)."""
    signatures = [one_line_text(found.text_content()) for found in _SIGNED_WITHIN(item)]
    if not signatures:
        return False
    for link in item.iter("a"):
        if not link.get("href") or _IS_WRITERS_LINK(link):
            continue
        text = one_line_text(link.text_content())
        for signature in signatures:
            text = text.replace(signature, " ") if signature else text
        text = text.strip(" :：-–—|")
        if not text.startswith("@") and (len(text.split()) >= 2 or (in_spaceless_script(text) and len(text) >= 6)):
            return True
    return False


# A byline's parts apart by a middle dot: its section, its writers, an agency, a reading time
# (Die Zeit's "Politik · Jochen Bittner, Tina Hildebrandt").
_DOT_PARTS = " · "


def _the_names_part(byline_text: str) -> str:
    """The part of a byline with middle dots between its parts that is persons' names only (each
    of BYLINE_PARTS a PERSONS_NAME), where one is; else the byline as it is."""
    if _DOT_PARTS not in byline_text:
        return byline_text
    named = [part for part in byline_text.split(_DOT_PARTS)
             if (names := [name for name in BYLINE_PARTS.split(part.strip()) if name])
             and all(PERSONS_NAME.fullmatch(name) for name in names)]
    return named[0].strip() if len(named) == 1 else byline_text


def _the_one_link(byline: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The byline's one link with text, where the byline says more than it: the writer's name, linked
    to their page, with their title beside it (guancha.cn's "<a>王文</a><span>中国人民大学重阳金融研究院
    执行院长</span>"); None where it holds two or more (co-authors') or says nothing else. A byline whose
    name has co-authors after it ("Martin Untersinger (avec Damien Leloup et Morgane Tual)", one link,
    read as three names) is not asked."""
    links = [link for link in byline.iter("a") if link.text_content().strip()]
    if len(links) != 1 or len(links[0].text_content().strip()) >= len(byline.text_content().strip()):
        return None
    return links[0]


# An author named under a label of its own, in a list of the article's facts (DW's
# "<li><strong>Author</strong> Ben Knight</li>", "<dt>Автор</dt><dd>Олена Петренко</dd>").
_AUTHOR_LABELS = ("author", "authors", "autor", "autorin", "auteur", "автор", "автори", "авторы", "autorzy")
_AUTHOR_LABELLED = lxml.etree.XPath(
    "//body//*[self::strong or self::b or self::dt or self::th or self::span][string-length(normalize-space()) < 12]")


def _labelled_author(root: lxml.html.HtmlElement) -> str | None:
    """The name after an author's label that stands in an element of its own (_AUTHOR_LABELS),
    outside the site's chrome: the rest of the label's parent, or the element after a <dt> or <th>."""
    for label in _AUTHOR_LABELLED(root)[:500]:
        written = one_line_text(label.text_content())
        if written.rstrip(":").casefold() not in _AUTHOR_LABELS or _outside_the_article(label, header_is_the_sites=False):
            continue
        if label.tag in ("dt", "th"):
            following = label.getnext()
            name = one_line_text(following.text_content()) if following is not None else ""
        else:
            parent = label.getparent()
            whole = one_line_text(parent.text_content()) if parent is not None else ""
            name = whole[len(written):].lstrip(" :—–-") if whole.startswith(written) else ""
        if _looks_like_a_name(name):
            return name
    return None


def _looks_like_a_name(name: str) -> bool:
    # Not a box's heading: 021news's author box of other stories, "<div class="author"><a>相关文章</a>".
    return bool(name) and len(name) <= _NAME_CHARS and len(name.split()) <= _NAME_WORDS \
        and not any(c.isdigit() for c in name) and name.strip(_BOX_HEADING_MARKS).casefold() not in _CLOSING_BOXES


_MOST_CO_SIGNED = 6


def _co_signed(element: lxml.html.HtmlElement, name: str) -> list[str]:
    """The name a byline's author link or element gives, and those of the ones beside it in one
    byline (El País: "<a rel=author>María R. Sahuquillo</a> / <a rel=author>Emilio de Benito</a>",
    Le Figaro: two `itemprop=author` spans)."""
    parent = element.getparent()
    if parent is None or not (_signs_as_author(element)):
        return [name]
    names = [name]
    for peer in parent.iterchildren(element.tag):
        if peer is not element and _signs_as_author(peer) and len(names) < _MOST_CO_SIGNED:
            inner = peer.xpath(".//*[@itemprop='name']")
            other = without_byline_label(one_line_text((inner[0] if inner else peer).text_content()))
            if _looks_like_a_name(other) and other not in names:
                names.append(other)
    return names


def _signs_as_author(element: lxml.html.HtmlElement) -> bool:
    return element.get("rel") == "author" or "author" in (element.get("itemprop") or "")


def _titles_sites(title_tag: str | None, headlines: Iterable[str | None]) -> tuple[str, ...]:
    """The names closing the <title> after the headline the page shows elsewhere (`headlines`: its
    <h1>, og:title…), each after the separator the last one has: the site's name and the channels
    before it ("…_网易财经"; Sina's "…|苹果|新品|新iPhone_电信_新浪科技_新浪网": 电信, 新浪科技, 新浪网),
    for a page that names its site nowhere else (og:site_name, JSON-LD's publisher)."""
    if not title_tag:
        return ()
    text = one_line_text(title_tag)
    shown = [len(h) for h in {one_line_text(h) for h in headlines if h} if h and len(h) < len(text) and text.startswith(h)]
    if not shown:
        return ()
    begin = max(shown)
    separators = list(TITLE_SEPARATOR.finditer(text, begin))
    if not separators or separators[0].start() != begin:
        return ()
    mark = separators[-1].group().strip()
    names: list[str] = []
    end = len(text)
    for separator in reversed(separators):
        if separator.group().strip() != mark:
            break
        if name := text[separator.end():end].strip():
            names.append(name)
        end = separator.start()
    return tuple(reversed(names))


def _with_vendors_zone(published: str | None, vendors: str | None) -> str | None:
    """The date found, or the one declared under a name of the site's own making (_vendors_published)
    where none was found, or where that has its zone and the one found has none, a day apart at
    most (SIC Notícias shows "09:19" and declares 08:19 UTC). Less trusted than the names every
    site uses: "Fri Mar 13 21:30:09 EST 2015" on an Australian page is not New York's EST."""
    if vendors is None:
        return published
    declared, zoned = parse_date(vendors)
    if declared is None:
        return published
    if published is None:
        return vendors
    if not zoned:
        return published
    found, found_zoned = parse_date(published)
    if found is None or (not found_zoned and abs(found - declared) <= timedelta(days=1)):
        return vendors
    return published


def _vendors_published(meta: dict[str, str]) -> str | None:
    """A publication date under a name of the site's own making, a known name after its prefix
    (SIC Notícias's "impresa:publishedDate")."""
    for key, value in meta.items():
        if key.rsplit(":", 1)[-1].rsplit(".", 1)[-1] in _PUBLISHED_NAMES and key not in _PUBLISHED_META:
            return value
    return None


_PUBLISHED_NAMES = frozenset(("publisheddate", "published_time", "publishdate", "publish_date", "publish-date",
                              "datepublished", "publicationdate", "publication_date", "pubdate"))


def _first_date(*values: str | None) -> str | None:
    """The first of the values that reads as a date; else the first given (kept as the page wrote it).
    A date written without its zone gives way to a later value that writes the same minute with one
    (Engadget: JSON-LD's "2017-11-03 03:01:00.000000", a meta's "2017-11-03T03:01:00-04:00"), and a
    day alone to a later value with the time on that day (NPR: a meta's "2016-12-15", the article's
    <time datetime="2016-12-15T15:33:00-05:00">)."""
    given = [value.strip() for value in values if value and value.strip()]
    for at, value in enumerate(given):
        when, zoned = parse_date(value)
        if when is None:
            continue
        if not zoned and (minute := _ISO_MINUTE.match(value)) is not None:
            for other in given[at + 1:]:
                if (same := _ISO_MINUTE.match(other)) is not None and same.groups() == minute.groups() \
                        and parse_date(other)[1]:
                    return other
        if _ISO_DAY.fullmatch(value):
            for other in given[at + 1:]:
                if other.startswith(value) and _ISO_MINUTE.match(other) and parse_date(other)[0] is not None:
                    return other
        return value
    return given[0] if given else None


_ISO_MINUTE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def _json_ld(root: lxml.html.HtmlElement) -> dict[str, Any]:
    """The most article-like JSON-LD object on the page (searching @graph and lists), its author
    and publisher given by reference ({"@id": …}, as Yoast's @graph gives them) replaced by the
    objects referred to, wherever on the page they are; its publisher, where it names none, the
    WebSite's name."""
    best: dict[str, Any] = {}
    by_id: dict[str, dict[str, Any]] = {}
    website: str | None = None
    for script in root.xpath("//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for node in _walk_ld(_ld_data(script.text or "")):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                by_id.setdefault(node["@id"], node)
            types = node.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            lowered = {str(t).lower() for t in types}
            if "website" in lowered and website is None:
                website = _s(node.get("name"))
            if lowered & _ARTICLE_TYPES:
                rank = 0 if lowered & {"webpage"} else 1 + ("articleBody" in node)
                if not best or rank > best.get("__rank", 0):
                    best = dict(node, __rank=rank)
            elif not types and not best and _BAIDUS_CONTEXT in str(node.get("@context", "")):
                best = dict(_as_schema_org(node), __rank=-1)  # below any typed article
    for key in ("author", "publisher"):
        if key in best:
            best[key] = _referred(best[key], by_id)
    if website and not best.get("publisher"):
        best["publisher"] = {"name": website}  # the site's name, where no publisher is given (Yoast's @graph)
    return best


# Baidu's own vocabulary for the pages its search takes from Chinese sites ("熊掌号"), with no @type:
# {"@context": "https://zhanzhang.baidu.com/contexts/cambrian.jsonld", "title": …, "pubDate":
# "2019-09-05T11:10:52", "upDate": …}. Gamersky's only declared date was there, and the <time> of a
# list of other stories had dated its page.
_BAIDUS_CONTEXT = "cambrian"
_BAIDUS_NAMES = {"title": "headline", "pubDate": "datePublished", "upDate": "dateModified"}


def _as_schema_org(node: dict[str, Any]) -> dict[str, Any]:
    return {_BAIDUS_NAMES.get(key, key): value for key, value in node.items()}


def _ld_data(text: str) -> Any:
    """A JSON-LD script's data. What JSON does not read is read again with the commas a template left
    out put back (_with_commas_put_back), then as JavaScript, as browsers and search engines are
    lenient with it: a trailing comma after a template's last item, the script
    wrapped in <!-- --> or a CDATA section, two objects one after the other."""
    try:
        return json.loads(text, strict=False)
    except RecursionError:
        return None
    except ValueError:
        pass
    if (repaired := _with_commas_put_back(_unwrapped(text))) is not None:
        return repaired
    import chompjs  # here: most pages' JSON-LD is JSON

    try:
        return list(chompjs.parse_js_objects(text, loader_kwargs={"strict": False}))
    except Exception:  # hostile text costs the page its JSON-LD, never the page
        return None


# A hand-written template's slip: a property left without the comma after it (Folha de S.Paulo's
# `"image": {…}` then `"contentLocation"` on the next line), which JSON and JavaScript both refuse.
# Put back where the parser first asks for one, a few times at most: json-repair reads such text
# too, but took 6 s over 50 KB of hostile brackets; this is json.loads (C) a few times.
_MISSING_COMMAS = 8
_WRAPPERS = (("/*<![CDATA[*/", "/*]]>*/"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>"), ("<!--", "-->"))


def _unwrapped(text: str) -> str:
    text = text.strip()
    for opening, closing in _WRAPPERS:
        if text.startswith(opening):
            text = text[len(opening):].strip()
            return text[:-len(closing)] if text.endswith(closing) else text
    return text


def _with_commas_put_back(text: str) -> Any:
    for _ in range(_MISSING_COMMAS):
        try:
            return json.loads(text, strict=False)
        except RecursionError:
            return None
        except json.JSONDecodeError as error:
            if not error.msg.startswith("Expecting ',' delimiter"):
                return None
            text = f"{text[:error.pos]},{text[error.pos:]}"
    return None


def _referred(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """The value, each reference in it ({"@id": …} without a name) replaced by the object it refers to."""
    if isinstance(value, list):
        return [_referred(item, by_id) for item in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def _walk_ld(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [n for item in data for n in _walk_ld(item, depth + 1)]
    if isinstance(data, dict):
        found = [data]
        if isinstance(data.get("@graph"), list):
            found += _walk_ld(data["@graph"], depth + 1)
        return found
    return []


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    writers: dict[str, list[str]] = {}  # one <meta name="author"> a writer (the Guardian's): all of them
    # An itemprop="author" may be a picture's schema's (CNBC's photographer), ahead of the page's
    # name="author": an author only where no name or property gives one.
    microdata_authors: dict[str, str] = {}
    for element in root.xpath("//meta"):
        named = element.get("property") or element.get("name")
        key = (named or element.get("itemprop") or element.get("http-equiv") or "").lower()
        content = (element.get("content") or "").strip()
        if key in _AUTHOR_META and content and not named:
            microdata_authors.setdefault(key, content)
        elif key and content and key not in found:
            found[key] = content
            if key in _AUTHOR_META:
                writers[key] = [content]
        elif key in writers and content and content not in writers[key]:
            writers[key].append(content)
            found[key] = ", ".join(writers[key])
    for key, content in microdata_authors.items():
        found.setdefault(key, content)
    return found


def _canonical_link(root: lxml.html.HtmlElement) -> str | None:
    for element in root.xpath("//link[@rel]"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            return element.get("href").strip()
    return None


def _same_day(one: str, other: str, language: str | None, day_first: bool | None) -> bool:
    """Whether two dates as a page writes them name the same day, each in its own zone."""
    languages = tuple(filter(None, [code(language)]))
    days: list[date | None] = []
    for written in (one, other):
        try:  # ISO 8601 with its offset: the day where it was written, not UTC's
            days.append(datetime.fromisoformat(written.strip().replace("Z", "+00:00")).date())
        except ValueError:
            read = parse_date(written, None, languages, day_first=day_first)[0]
            days.append(read.date() if read is not None else None)
    return days[0] is not None and days[0] == days[1]


# Not one in a quotation: an embedded post (Instagram's <blockquote class="instagram-media">) carries
# the time of the post it quotes.
_TIME_ELEMENTS = lxml.etree.XPath("//time[@datetime][not(ancestor::blockquote)]")


def _time_elements(root: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    """The article's <time datetime>, not the site's clock in its header, nor a related story's or
    a comment's (_outside_the_article), and not one named for an update when another is there; and
    the first one in the site's header: a page whose article is in no <article> or <main> may have
    its date there, or the header may show the site's clock, so it is taken only when the page
    shows no other date."""
    updates: list[str] = []
    in_a_header: list[str] = []
    for element in _TIME_ELEMENTS(root):
        value = element.get("datetime", "").strip()
        if not value or _outside_the_article(element, header_is_the_sites=False):
            continue
        if _outside_the_article(element):
            in_a_header.append(value)
            continue
        own = f"{element.get('class', '')} {element.get('itemprop', '')}".lower()
        if any(word in own for word in _NOT_PUBLISHED):
            updates.append(value)
            continue
        return value, in_a_header[0] if in_a_header else None
    return (updates[0] if updates else None), (in_a_header[0] if in_a_header else None)


# Elements that may show the page's date as text: those whose class or id names a date
# ("news-date-time", "article__date", "post-date"), a <time> without a datetime attribute, and an
# itemprop=datePublished without content. In document order. Their text must read as a date
# (_date_texts), which a metadata line's other parts ("Von Anna Lehmann | 27.06.2018") do not spoil.
_DATE_ELEMENTS = lxml.etree.XPath(
    "//*[contains(translate(concat(@class, ' ', @id), 'DATE', 'date'), 'date')"
    " or contains(translate(concat(@class, ' ', @id), 'TIME', 'time'), 'time')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' day ')"  # AFPBB's <span class="day">
    # hAtom's published date (WordPress's and SPIP's themes: <abbr class="published" title="2019-06-27T10:21:40Z">)
    " or contains(concat(' ', normalize-space(@class), ' '), ' published ')"
    # the record's creation (Joomla's <dd class="create">, "created-post") or the article's metadata
    " or contains(@class, 'create') or contains(@class, 'meta')]"
    " | //time[not(@datetime)] | //*[@itemprop='datePublished'][not(@content)]")
# A byline, whose line may end with the date ("Patricio Candia | Palma de Mallorca | 08/01/2014"):
# looked at after the elements named for a date and the labelled dates.
_BYLINE_ELEMENTS = lxml.etree.XPath(
    "//body//*[contains(@class, 'byline') or contains(@class, 'autor') or contains(@class, 'author')"
    " or contains(@class, 'Author') or contains(@id, 'author')]")
# Where a date is not the article's: today's date in the site's header, a comment's, a related story's.
_NOT_THE_ARTICLES = ("comment", "related", "sidebar", "footer", "menu", "nav", "widget", "teaser", "promo")
_DATE_TEXT_CHARS = (6, 60)
# A date in a list's item that holds a heading of its own: another story's teaser (gamersky's list
# under the article: "<li><img><h5>…</h5><p><time>2019-09-06</time>…", a day after the article's).
_IN_A_TEASER = lxml.etree.XPath("boolean(ancestor::li[1][.//h1 or .//h2 or .//h3 or .//h4 or .//h5 or .//h6])")
_NOT_PUBLISHED = ("updat", "modif", "edit")  # "date-updated", "modified": a later date than the article's


def _date_texts(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None,
                elements: lxml.etree.XPath = _DATE_ELEMENTS, search: bool = True,
                parts: bool = False) -> Iterator[str]:
    """The dates a page shows as text, where it gives none as data (JSON-LD, meta, <time datetime>)
    or none with its zone: in the elements named for one (_DATE_ELEMENTS; or `elements`) outside
    the site's chrome whose text reads as a date with a day, month and year, in the page's language
    (monitor.dates, which leaves an ambiguous "03/04/2021" unread unless `day_first` gives the
    site's order; `search`: dateparser's search of a line too, see dates.date_in; `parts`: an
    element's children's texts too, where its whole text is no date). Many regional sites (Bitrix,
    older Drupal) show nothing else."""
    languages = tuple(filter(None, [code(language)]))
    parents_read: set[lxml.html.HtmlElement] = set()
    for element in elements(root)[:20]:
        text = one_line_text(element.text_content())
        data = _date_attribute(element)
        if not data and len(text) < _DATE_TEXT_CHARS[0] and (parent := element.getparent()) is not None \
                and parent not in parents_read:
            # A date set out in parts, each in an element of its own (a blog theme's <span
            # class="month">Dec</span><span class="date">28</span><span class="year">2013</span>…):
            # their parent's text is the date.
            parents_read.add(parent)
            element, text = parent, _short_text(parent, _DATE_TEXT_CHARS[1])
        if not data and (not (_DATE_TEXT_CHARS[0] <= len(text) <= _DATE_TEXT_CHARS[1])
                         or not any(c.isdigit() for c in text)):
            continue
        own = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in own for word in _NOT_PUBLISHED) or (
                _outside_the_article(element) and not _in_the_headlines_header(element)) or _IN_A_TEASER(element):
            continue
        if data:
            yield data
        elif (found := date_in(text, languages, day_first, search=search)) is not None:
            yield found
        elif parts:
            # A byline's date in an element of its own beside the name: "von <a>Anna Lehmann</a>
            # <span>am 20.06.2018</span>", whose whole line is more name than date.
            for child in element.iterchildren():
                line = one_line_text(child.text_content())
                if _DATE_TEXT_CHARS[0] <= len(line) <= _DATE_TEXT_CHARS[1] and any(c.isdigit() for c in line) \
                        and (found := date_in(line, languages, day_first, search=search)) is not None:
                    yield found
                    break


_UNDER_THE_HEADLINE = 3  # elements after the <h1> (or after the element around it) whose line may be the date


def _under_the_headline(h1: lxml.html.HtmlElement | None, language: str | None,
                        day_first: bool | None = None) -> Iterator[str]:
    """The date on a short line right under the article's <h1>, in an element named for nothing
    (a blog's "<small>Donnerstag, 15.2.2018, 19:51 > da]v[ax</small>"): among the next elements
    beside the <h1>, or beside the element that holds it alone."""
    if h1 is None:
        return
    languages = tuple(filter(None, [code(language)]))
    beside = list(itertools.islice(h1.itersiblings(), _UNDER_THE_HEADLINE))
    if not beside and (parent := h1.getparent()) is not None and parent.tag not in ("body", "article", "main"):
        beside = list(itertools.islice(parent.itersiblings(), _UNDER_THE_HEADLINE))
    for element in beside:
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript"):
            continue
        line = one_line_text(element.text_content())
        if _DATE_TEXT_CHARS[0] <= len(line) <= _DATE_TEXT_CHARS[1] and any(c.isdigit() for c in line) \
                and (found := date_in(line, languages, day_first)) is not None:
            yield found
            return


def _in_the_headlines_header(element: lxml.html.HtmlElement) -> bool:
    """Whether an element sits in the site's chrome only for an element named for a header that holds
    the headline, neither a <header> nor the page's banner: Xinhua's <div class="header domPC">,
    its <h1>, its time ("2023 11/ 17 20:52:15") and its source, in a page with no <article>."""
    if _outside_the_article(element, header_is_the_sites=False):
        return False
    return any("header" in f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
               and ancestor.tag != "header" and ancestor.get("role") != "banner" and _HOLDS_A_HEADLINE(ancestor)
               for ancestor in element.iterancestors() if isinstance(ancestor.tag, str))


def _short_text(element: lxml.html.HtmlElement, limit: int) -> str:
    """An element's text on one line, or "" when it is longer than `limit` characters (read only as
    far as that: the parent of a date's part may be the whole page)."""
    pieces: list[str] = []
    length = 0
    for piece in element.itertext():
        length += len(piece.strip())
        if length > limit:
            return ""
        pieces.append(piece)
    return one_line_text("".join(pieces))


# An all-numeric date alone, its time beside it: a date line, read as the page's date or not (its
# order unknown: "03/04/2021 10:15" on an English page of a site whose country is not known).
_NUMERIC_DATE_LINE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?")


def _without_numeric_date_line(text: str, headlines: set[str]) -> str:
    """The text without an all-numeric date line where it opens it, or comes after the headline:
    the page's metadata, whether or not it could be read."""
    parts = text.split("\n\n", 2)
    opening = parts[1] if len(parts) > 2 and parts[0] in headlines else parts[0]
    return _without_paragraph(text, opening, headlines) if _NUMERIC_DATE_LINE.fullmatch(opening) else text


def _without_paragraph(text: str, paragraph: str, headlines: set[str]) -> str:
    """The text without `paragraph` where it opens it, or comes second after one of the headlines."""
    parts = text.split("\n\n", 2)
    if parts[0] == paragraph and len(parts) > 1:
        return text.partition("\n\n")[2]
    if len(parts) > 2 and parts[1] == paragraph and parts[0] in headlines:
        return f"{parts[0]}\n\n{parts[2]}"
    return text


# What a page prints around its article and trafilatura can keep as its text: the byline under the
# headline, and the boxes that close the page after the article, their heading a paragraph of its
# own ("You Might Also Like", then slide shows' captions, "Related Videos", "Comments", "Loading
# Comments...": salon.com's; a comment form's "Leave a comment"). (The story's tags line, "Topics:
# uber, …", goes with every text's, in clean.without_promotion.)
_CLOSING_BOXES = frozenset((
    "you might also like", "you may also like", "featured slide shows", "recent slide shows", "related videos",
    "comments", "loading comments", "show comments", "most read", "most popular", "trending", "trending now",
    "recommended for you", "around the web", "from our partners", "from the web", "sponsored content",
    "promoted stories", "more from our network", "комментарии", "коментарі", "kommentare", "commentaires",
    "comentarios", "comentários", "komentarze", "voir les contributions",
    # The heading of the comment form under the article (Ultima Hora's "Comentar", then its rules).
    "comentar", "deja tu comentario", "deja un comentario", "leave a comment", "leave a reply", "post a comment",
    "add a comment", "join the conversation", "kommentieren", "kommentar schreiben", "laisser un commentaire",
    "оставить комментарий", "написать комментарий", "залишити коментар", "написати коментар",
    # Boxes of other stories, closing the page in other languages: not "Lesen Sie auch", "À lire
    # aussi", "Читайте также", which stand inside articles too.
    "related articles", "related posts", "related stories", "more stories", "you may also be interested in",
    "auch interessant", "das könnte dich auch interessieren", "das könnte sie auch interessieren",
    "das thema könnte dich auch interessieren", "ähnliche artikel", "ähnliche beiträge", "verwandte artikel",
    "articles similaires", "sur le même sujet", "vous aimerez aussi", "también te puede interesar",
    "noticias relacionadas", "artículos relacionados", "articoli correlati", "potrebbe interessarti anche",
    "похожие статьи", "похожие новости", "схожі статті", "схожі новини",
    # The writer's box after the article, its heading then the biography (Horizont's "Über den Autor").
    # cnet.de's heading is "AUTOR" alone.
    "about the author", "about the authors", "author", "autor", "autorin", "über den autor", "über die autorin",
    "über die autoren", "zum autor", "zur autorin", "à propos de l'auteur", "sobre el autor", "sobre la autora",
    "об авторе", "про автора", "o autorze",
    # Chinese sites': recommended videos, related reading, related news, recommended reading, hot picks,
    # recommended for you, hot news.
    "精彩视频推荐", "相关阅读", "相关新闻", "相关文章", "推荐阅读", "延伸阅读", "热门推荐", "猜你喜欢", "为您推荐", "热点新闻"))
# Or, wherever it stands, a paragraph that opens so: the notice over a Chinese portal's readers'
# comments ("网友评论仅供其表达个人看法，并不表明网易立场。": "readers' comments are their own views, not
# NetEase's"), which no article says.
_CLOSING_BOX_OPENERS = ("网友评论仅供其表达个人看法",)
_BOX_HEADING_MARKS = " \t-–—•*:.…：【】"
_FURNITURE_AT_THE_TOP = 4  # paragraphs: the headline, the lead, the byline, the tags
_PLACE_CHARS = 40
_IMAGE_FILE = re.compile(r"[^\n]+\.(?:jpe?g|png|gif|webp)", re.IGNORECASE)
_BOXES_AFTER = 0.5  # of the text's characters: a box heading past them closes the article


# What a byline line carries beside the author's name: a section, a credit, the date or an update's
# time (NDTV's, its parts run together: "All IndiaEdited by … (with inputs from Agencies)Updated: …").
_BYLINE_LINE_CHARS = 100


# A box's heading in capitals run into its first sentence, where trafilatura joined the two: cnet.de's
# "AUTOR ist Gründungspartner der Kanzlei …" (the heading "AUTOR", then the writer's biography).
_HEADING_WORDS = 4


def _run_in_box_heading(part: str) -> bool:
    """Whether a paragraph opens with a closing box's heading in capitals (_CLOSING_BOXES) and goes on."""
    words = part.split(" ", _HEADING_WORDS)
    capitals: list[str] = []
    for word in words[:-1]:  # the last one, or what is left: the text after the heading
        if not (word.isalpha() and word.isupper()):
            break
        capitals.append(word)
    return any(" ".join(capitals[:count]).casefold() in _CLOSING_BOXES for count in range(len(capitals), 0, -1))


def _without_furniture(text: str, author: str | None) -> str:
    """The text without the byline (the author's name alone, or with the time) and a note of an
    update among its first paragraphs, a picture's file name set as a paragraph, and from the
    heading of a box that closes the page on, when the heading comes after most of the text."""
    parts = text.split("\n\n")
    if len(parts) < 3:
        return text
    name = without_byline_label(one_line_text(author)).casefold() if author else ""
    total = len(text)
    kept: list[str] = []
    seen = 0
    for index, part in enumerate(parts):
        if index < _FURNITURE_AT_THE_TOP and name and len(part) <= 2 * len(name) + 30 \
                and without_byline_label(part.lstrip(_LIST_MARKS)).split(" | ")[0].casefold() == name:
            continue  # the byline, its place after a bar ("Ángeles Escrivá | Madrid"), or a list's item ("- Par Elba")
        if index < _FURNITURE_AT_THE_TOP and name and len(part) <= len(name) + _BYLINE_LINE_CHARS \
                and name in part.casefold() and (updated_in(part) or date_in(part)):
            continue  # the byline line: the name and the time (NDTV's "All IndiaEdited by … Updated: …")
        if index < _FURNITURE_AT_THE_TOP and part.startswith("| ") and len(part) <= _PLACE_CHARS:
            continue  # a byline's place, left after its bar where the name went (Reuters' "| WASHINGTON")
        if index < _FURNITURE_AT_THE_TOP and is_update_note(part):
            continue  # "Updated on September 19 at 3:15 p.m." under the lead (The Atlantic's)
        if len(part) <= _PLACE_CHARS * 3 and _IMAGE_FILE.fullmatch(part):
            continue  # a picture's file name set as a paragraph (al.com's "… seized cash and cards.jpg")
        if index >= 3 and seen >= _BOXES_AFTER * total and (part.strip(_BOX_HEADING_MARKS).casefold() in _CLOSING_BOXES
                                                            or _run_in_box_heading(part)):
            break
        if index >= 1 and part.startswith(_CLOSING_BOX_OPENERS):
            break  # no article says so: wherever it stands, what follows is the comments'
        kept.append(part)
        seen += len(part) + 2
    return "\n\n".join(kept) if kept else text


# A breadcrumb trail: the site's sections, then the headline ("Accueil > Actualités > Headline").
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[>›»/]\s+")


def _without_breadcrumb(text: str, headlines: set[str]) -> str:
    """The text without a breadcrumb trail that opens it, its last step the headline (SPIP's
    "Accueil > Actualités et humeurs > Décisions de l’AG…")."""
    first, separator, rest = text.partition("\n\n")
    steps = _BREADCRUMB_SEPARATOR.split(first)
    return rest if separator and rest and len(steps) >= 3 and steps[-1] in headlines else text


def _from_the_headline(text: str, headlines: set[str]) -> str:
    """The text from the headline on, where short lines come before it, the page's furniture over
    the headline (CBC's "Business·Updated", a kicker, a breadcrumb): at most _ABOVE_THE_HEADLINE of
    them, each at most _FURNITURE_CHARS long; without the headline where it stands again after a
    paragraph of the story's."""
    parts = text.split("\n\n", _ABOVE_THE_HEADLINE + 1)
    for index, part in enumerate(parts[1:_ABOVE_THE_HEADLINE + 1], start=1):
        if part in headlines and len(parts) > index + 1:
            if all(len(above) <= _FURNITURE_CHARS for above in parts[:index]):
                return text.split("\n\n", index)[index]
            # Under the lead: the headline again, over a picture or a video (CNN's), no text of the story.
            rest = text.split("\n\n", index + 1)
            return "\n\n".join(rest[:index] + rest[index + 1:])
    return text


def _without_opening_headline(text: str, headlines: set[str]) -> str:
    """The text without the headline that opens it. normalize drops a headline that is the item's
    title; this one is the page's other headline, an <h1> worded apart from the og:title taken as the
    title (the Times of India's "…resolve J&K bilaterally" under "Kashmir issue: …Jammu and Kashmir…")."""
    first, separator, rest = text.partition("\n\n")
    return rest if separator and rest and first in headlines else text


_ABOVE_THE_HEADLINE = 3
_FURNITURE_CHARS = 80


def _without_date_lines(text: str, languages: tuple[str, ...], headlines: set[str], day_first: bool | None = None) -> str:
    """The text without the labelled date lines (dates.is_date_line: "Date created : 2015-05-12",
    "Latest update : …") that open it, under its headline or not, or close it, and a date alone
    closing it (the BBC's "- 12 May 2020" under a video's text): the page's metadata."""
    parts = text.split("\n\n")
    opening = 1 if len(parts) > 2 and parts[0] in headlines else 0
    while len(parts) > opening + 1 and is_date_line(parts[opening], languages, day_first):
        del parts[opening]
    while len(parts) > opening + 1 and (is_date_line(parts[-1], languages, day_first)
                                        or _a_date_alone(parts[-1], languages, day_first)):
        del parts[-1]
    return "\n\n".join(parts)


def _opening_date(text: str, languages: tuple[str, ...], headlines: set[str],
                  day_first: bool | None = None) -> tuple[str, str | None]:
    """The text without the date alone on a line among its opening paragraphs (at most
    _FURNITURE_AT_THE_TOP of them, the headline's too), and that date as written; the text as it is
    and None where no opening line is a date alone."""
    parts = text.split("\n\n", _FURNITURE_AT_THE_TOP)
    for index, part in enumerate(parts[:_FURNITURE_AT_THE_TOP]):
        if part in headlines:
            continue
        if len(parts) > index + 1 and _a_date_alone(part, languages, day_first):
            return "\n\n".join(parts[:index] + parts[index + 1:]), part.lstrip(_LIST_MARKS).strip()
    return text, None


_LIST_MARKS = "-–—•*· "


def _a_date_alone(line: str, languages: tuple[str, ...], day_first: bool | None = None) -> bool:
    """Whether a line is a date and nothing else (a list's mark ahead of it aside): a day, month and
    year written in words or figures, at most _DATE_TEXT_CHARS[1] characters. Without dateparser's
    search, which finds a date inside a line, never a line that is one (a millisecond or two for
    each short line with a figure that opens a page's text)."""
    line = line.lstrip(_LIST_MARKS).strip()
    return (_DATE_TEXT_CHARS[0] <= len(line) <= _DATE_TEXT_CHARS[1] and any(c.isdigit() for c in line)
            and date_in(line, languages, day_first, search=False) == line)


# The page's short lines of text, among which a labelled date ("Date created : 2015-05-12" in an
# element named for no date, as France 24's pages had it; a label of four letters alone in its own
# element, DW's "<strong>Date</strong> 10.06.2013", "Дата").
_SHORT_TEXTS = lxml.etree.XPath("//body//text()[string-length(normalize-space()) > 3"
                                " and string-length(normalize-space()) <= 60]")


def _labelled_dates(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None) -> Iterator[str]:
    """The dates lines of the page give after a publication date's label (dates.labelled), in
    elements of no date's name (_date_texts looks at those) outside the site's chrome; a label may
    stand in an element of its own ("<b>Published:</b> 12 March 2021")."""
    languages = tuple(filter(None, [code(language)]))
    for node in _SHORT_TEXTS(root)[:2000]:
        line = one_line_text(str(node))
        if not labelled(line) or not isinstance(element := node.getparent(), lxml.html.HtmlElement):
            continue
        if element.tag in ("script", "style", "noscript", "title") or _outside_the_article(element):
            continue
        for _ in range(2):  # the label alone: the date follows it in the element around both
            if any(c.isdigit() for c in line) or (parent := element.getparent()) is None:
                break
            element, line = parent, one_line_text(parent.text_content())
        if len(line) <= _DATE_TEXT_CHARS[1] and (found := date_in(line, languages, day_first)) is not None:
            yield found


def _update_date(root: lxml.html.HtmlElement, language: str | None, day_first: bool | None = None) -> str | None:
    """The time of the article's last update the page shows (dates.updated_in), outside the site's
    chrome: where it shows no other date, the best there is of when it was published, which was no
    later (the Times of India's byline: "Saibal Dasgupta | TNN | Updated: Oct 9, 2019, 11:05 IST")."""
    languages = tuple(filter(None, [code(language)]))
    for node in _SHORT_TEXTS(root)[:2000]:
        if (found := updated_in(one_line_text(str(node)), languages, day_first)) is None:
            continue
        element = node.getparent()
        if isinstance(element, lxml.html.HtmlElement) and element.tag not in ("script", "style", "noscript", "title") \
                and not _outside_the_article(element):
            return found
    return None


_BARE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_MOST_HOURS_APART = timedelta(hours=14)  # the furthest a zone is from UTC
_QUARTER_HOUR = timedelta(minutes=15)  # what every zone's offset is a multiple of


def _shown_is_finer(shown: str | None, declared: str, language: str | None, day_first: bool | None = None) -> bool:
    """Whether a date the page shows (_date_texts', as written) says more than the one declared as
    data without a zone: a day's date ("2017-03-10", a date-only meta) and the time on that day
    ("2017-03-10 09:58"), or the same time with its zone (CNN's meta "2016-02-01 01:28:49" and
    "February 1, 2016 1:28 AM ET" shown: the shown time is whole quarter-hours from the declared
    one read as UTC, a zone's offset). A declared date that does not read gives way to a shown one."""
    if not shown:
        return False
    languages = tuple(filter(None, [code(language)]))
    when, zoned = parse_date(shown, None, languages, day_first=day_first)
    if when is None:
        return False
    if _BARE_DAY.fullmatch(declared):
        return when.date().isoformat() == declared and (when.hour, when.minute) != (0, 0)
    stated = parse_date(declared, None, languages, day_first=day_first)[0]
    if stated is None:
        return True
    apart = when.replace(second=0, microsecond=0) - stated.replace(second=0, microsecond=0)
    return zoned and abs(apart) <= _MOST_HOURS_APART and apart % _QUARTER_HOUR == timedelta(0)


def _date_attribute(element: lxml.html.HtmlElement) -> str | None:
    """An ISO 8601 date with its offset that a date's element carries as data besides its text
    (`<li class="date-and-time" title="2015-03-13T21:00:00+11:00">March 13, 2015 9:00PM</li>`):
    the same moment, with the zone the text leaves out."""
    for attribute in ("datetime", "content", "title"):
        value = (element.get(attribute) or "").strip()
        if len(value) >= 16 and value[:4].isdigit() and value[4] == "-" and parse_date(value)[1]:
            return value
    return None


# The parts of a <title> after its headline: "Headline - 07.12.2017 - LA NACION", "Headline - РИА
# Новости, 12.11.2021".
_TITLE_PARTS = re.compile(TITLE_SEPARATOR.pattern + r"|,\s+")
_TITLE_DATE_CHARS = (6, 40)


def _title_date(title: str | None, language: str | None, text: str, day_first: bool | None = None) -> str | None:
    """The date a page's <title> gives as one of its parts after the headline, with a day, month
    and year (monitor.dates): the page's date where it gives none elsewhere (La Nación's letters,
    RIA Novosti write it only there), and no part of its headline. Read in the page's language,
    else in its text's ("03/04/2021" is no date in English, nor in no language)."""
    if not title:
        return None
    parts = [part.strip() for part in _TITLE_PARTS.split(one_line_text(title))[1:]]
    parts = [part for part in parts if _TITLE_DATE_CHARS[0] <= len(part) <= _TITLE_DATE_CHARS[1]
             and any(c.isdigit() for c in part)]
    if not parts:
        return None
    languages = tuple(filter(None, [code(language) or identify(text)]))
    return next((part for part in parts if parse_date(part, None, languages, day_first=day_first)[0] is not None), None)


# A day in an article's address, as many news sites write it: ".../2015/03/18/slug", ".../2021-11-12/slug".
_ADDRESS_DAY = re.compile(r"/((?:19|20)\d\d)([/-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")


def _address_date(address: str | None) -> str | None:
    """The day an article's address gives ("2015-03-18"), where the page gives no date at all."""
    if not address:
        return None
    try:
        path = urlsplit(address).path
    except ValueError:
        return None
    found = _ADDRESS_DAY.search(path)
    if found is None:
        return None
    year, _, month, day = found.groups()
    try:
        return datetime(int(year), int(month), int(day)).date().isoformat()
    except ValueError:  # the 31st of a month of 30 days
        return None


def _before_date(title: str, date: str) -> str:
    """A title less the date part _title_date found in it and what follows it (the site's name), or
    the short part the date closes after a comma ("Headline - Site, 12.11.2021")."""
    for separator in _TITLE_PARTS.finditer(title):
        if separator.start() > 0 and title.startswith(date, separator.end()):
            before = title[:separator.start()]
            if separator.group().strip() == "," and (joints := list(TITLE_SEPARATOR.finditer(before))):
                last = joints[-1]
                if (len(before[last.end():].split()) <= _SECTION_WORDS
                        and len(before[:last.start()].split()) > _SECTION_WORDS):
                    before = before[:last.start()]
            return before
    return title


_ARTICLES_HEADER = re.compile(r"(?:story|post|entry)[-_]?header")
# Blogger's column of posts is a widget of its own, "widget Blog" (its sidebar's are "widget
# BlogArchive", "widget PopularPosts"…): it holds the post, its date header and its hAtom date.
_BLOGGERS_POSTS = frozenset(("widget", "blog"))
# An element named for the article's own footer ("article_footer", "post-footer", "entry-footer"), with
# no heading and no link as long as a headline in it, holds the article's facts (its date, its last
# update: transgen.de's "Letzte Aktualisierung: 18.01.2018"), not other stories.
_ARTICLES_FOOTER = re.compile(r"(?:article|story|post|entry)[-_]?footer")
_A_BOX_OF_FACTS = lxml.etree.XPath(
    "not(.//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6])"
    " and not(.//a[string-length(normalize-space()) > 40])")
# An <aside> or <footer> inside the <article> that holds the headline (not a teaser's <article> in a
# list of other stories), with no heading and no link as long as a headline, is the article's own
# box of facts (Spektrum's aside: its section, date, reading time, print and share buttons;
# Politico's footer under the headline: the byline and time), not a box of other stories, whose
# links are their headlines.
_ARTICLES_OWN_BOX = lxml.etree.XPath(
    "boolean(ancestor::article[.//h1]) and not(.//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6])"
    " and not(.//a[string-length(normalize-space()) > 40])")


# A <nav> beside the headline that declares the article's author (microdata's itemprop, rel=author),
# with no heading and no link as long as a headline: the byline under NDTV's headline, its parts set
# as a list (its section, "Edited by …", the time of the update), not the site's menu.
_A_BYLINES_NAV = lxml.etree.XPath(
    "boolean(.//*[contains(@itemprop, 'author') or @rel='author']) and boolean(../h1 | ../*/h1)"
    " and not(.//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6])"
    " and not(.//a[string-length(normalize-space()) > 40])")


# Whether an element holds an <h1> that is a headline, not the site's logo (an image, a link to the
# home page, or named for a logo or brand): a menu bar with the logo in an <h1> is still the chrome.
_HOLDS_A_HEADLINE = lxml.etree.XPath(
    "boolean(.//h1[not(.//img) and not(.//a[@href='/']) and not(contains(@class, 'logo'))"
    " and not(contains(@id, 'logo')) and not(contains(@class, 'brand'))])")


def _outside_the_article(element: lxml.html.HtmlElement, header_is_the_sites: bool = True) -> bool:
    """Whether an element sits in the site's chrome: a nav, a footer, aside or element named for a
    comment, related stories, a sidebar, a menu… (_NOT_THE_ARTICLES) that holds no <h1>, but for an
    aside or footer inside the <article> that is the article's own (_ARTICLES_OWN_BOX), or the
    site's header (the Rhein-Neckar-Zeitung sets its whole article in an <aside>). A named element that holds an <h1> wraps the article: WordPress's and Bootstrap's
    page wrappers are named for what is beside it ("has-sidebar", "no-sidebar", "navbar-fixed",
    "comments-open"), and <body> is named so too; with them, nothing on the page was the article's."""
    in_article = False
    chrome = False
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in ("body", "html"):
            break
        marker = f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
        named = any(hint in marker for hint in _NOT_THE_ARTICLES) and not _BLOGGERS_POSTS.issubset(marker.split())
        if named and _ARTICLES_FOOTER.search(marker) is not None \
                and not any(hint in _ARTICLES_FOOTER.sub("", marker) for hint in _NOT_THE_ARTICLES) \
                and _A_BOX_OF_FACTS(ancestor):
            continue
        if (tag == "nav" and not _A_BYLINES_NAV(ancestor)) or (
                (tag in ("footer", "aside") or named) and not _HOLDS_A_HEADLINE(ancestor)
                and (named or not _ARTICLES_OWN_BOX(ancestor))):
            return True
        if tag in ("article", "main") or "article" in marker:
            in_article = True
        elif tag == "header" or "header" in marker:
            # "story-header", "post-header", "entry-header": the article's own, wherever it sits.
            in_article = in_article or _ARTICLES_HEADER.search(marker) is not None
            chrome = True
    # A <header> is the site's unless it sits in the article (<article><header><h1>, its date).
    return header_is_the_sites and chrome and not in_article


def _the_pages_own(heading: str | None, titles: tuple[str | None, ...], shared: str | None) -> str | None:
    """The <h1>, where the <title> or twitter:title is it, or it with the site's name after a
    separator, and the og:title says something else (half its words or more not in the <h1>): the
    page's own headline, before a title written for sharing (NBC News's og:title "It's been a rough
    few months for Elon Musk's SpaceX" over its "What's the Hold-Up at SpaceX?"). An og:title that
    is the <h1> less a kicker ("Coronavirus: …") is the headline."""
    if not heading or not shared:
        return None
    heading = one_line_text(heading)
    if len(heading) < 10:
        return None
    words = folded_words(shared)
    if 2 * sum(1 for word in words if word in set(folded_words(heading))) >= len(words):
        return None
    for title in titles:
        whole = one_line_text(title)
        if _leads(whole, heading) or whole.endswith(heading) and SEPARATOR_AT_END.search(whole, 0, len(whole) - len(heading)):
            return heading
    return None


def _ld_headline(headline: str | None, name: str | None, shown: tuple[str | None, ...]) -> str | None:
    """JSON-LD's headline, but its name where the page's other titles or its address spell the name
    and none spells the headline: Wikipedia's JSON-LD gives the article's description as its
    headline ("psychological phenomenon in which repetition causes a word…") and its title as its
    name ("Semantic satiation", the <h1>, "Semantic satiation - Wikipedia", /wiki/Semantic_satiation)."""
    if not headline or not name or one_line_text(headline) == one_line_text(name):
        return headline
    if _spells(name, shown) and not _spells(headline, shown):
        return name
    return headline


def _spells(title: str, shown: tuple[str | None, ...]) -> bool:
    """Whether one of a page's titles is the title, or the title and more after a separator, or an
    address's last part has its words ("/wiki/Semantic_satiation")."""
    title = one_line_text(title)
    words = folded_words(title)
    for other in filter(None, shown):
        other = one_line_text(other)
        if _leads(other, title):
            return True
        if "/" in other and words and folded_words(other.rstrip("/").rsplit("/", 1)[-1].replace("_", " ")) == words:
            return True
    return False


def _leads(whole: str, title: str) -> bool:
    """Whether a page's title is `title`, or `title` with more after a separator ("Headline | Site")."""
    return whole == title or whole.startswith(title) and TITLE_SEPARATOR.match(whole, len(title)) is not None


def _untruncated(title: str | None, heading: str | None, *others: str | None) -> str | None:
    """The title, or the first of the page's other titles (its <h1>'s `heading` first) that goes on
    from where it stops: JSON-LD headlines are often cut at 110 characters (Google's old limit),
    mid-word or with "...", where the <h1>, og:title and <title> are whole. Not one that goes on
    with a separator: that is the title with the site's name ("Headline | Site", and after Chinese a
    dash with no spaces, "标题-中国,月球 ——快科技": mydrivers' <title> over its og:title); nor a title the
    <h1> shows as it is, which is whole whatever follows it in the <title> (AFPBB's "Headline　写真1枚
    　国際ニュース：AFPBB News", parts apart by ideographic spaces, as Japanese headlines' own words
    may be too)."""
    if not title:
        return title
    if heading and one_line_text(title) == one_line_text(heading):
        return title
    stem = CUT_MARK.sub("", one_line_text(title))
    for other in (heading, *others):
        whole = one_line_text(other)
        if len(whole) > len(stem) and whole.startswith(stem) and not TITLE_SEPARATOR.match(whole, len(stem)) \
                and not (in_spaceless_script(stem[-1:]) and _DASH_BESIDE_A_HEADING.match(whole, len(stem))):
            return whole
    return title


def _with_shown_quotes(title: str | None, *others: str | None) -> str | None:
    """The title with the quotation marks the page shows, where another of its titles is the same
    but for them and none is the same with them: RIA Novosti's JSON-LD headline writes 'голубая
    Луна' where its og:title and <title> write "голубая Луна" (double quotes spared escaping in JSON)."""
    if not title or not any(mark in title for mark in _QUOTE_MARKS):
        return title
    title = one_line_text(title)
    shown = [text for text in map(one_line_text, others) if text]
    if title in shown:
        return title
    folded = title.translate(_FOLDED_QUOTES)
    return next((text for text in shown if text.translate(_FOLDED_QUOTES) == folded), title)


_QUOTE_MARKS = "'\"«»„“”‘’‚‹›"
_FOLDED_QUOTES = str.maketrans({mark: "'" for mark in _QUOTE_MARKS})


def _article_h1(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The article's <h1>: the first one not in the site's header or chrome (a logo in an <h1>) nor
    named for a picture's caption (Yahoo sets a slide show's captions each in an <h1>, after its
    headline's own <header>); else the first one."""
    headings = root.xpath("//h1")
    for heading in headings:
        if any(name in f"{heading.get('class', '')} {heading.get('id', '')}".lower() for name in _A_CAPTIONS_NAMES):
            continue
        if not _outside_the_article(heading):
            return heading
    return headings[0] if headings else None


def _heading_text(heading: lxml.html.HtmlElement, title: str | None) -> str:
    """A heading's text, without a link in it whose text is a part of the page's title after its
    headline: the site's name or section beside the headline (Ultima Hora's <h1><span>Headline</span>
    <a href="/mallorca.html">Ultima Hora Mallorca</a></h1>, under "Headline » Local » Noticias »
    Ultima Hora Mallorca"), whose text ran on from the headline's."""
    text = heading.text_content()
    if not title or heading.find(".//a") is None:
        return text
    parts = {one_line_text(part) for part in TITLE_SEPARATOR.split(one_line_text(title))[1:]}
    if not parts or one_line_text(text) in parts:
        return text
    named = [link for link in heading.iter("a") if one_line_text(link.text_content()) in parts]
    if not named:
        return text
    heading = copy.deepcopy(heading)
    for link in [link for link in heading.iter("a") if one_line_text(link.text_content()) in parts]:
        link.drop_tree()  # its tail stays
    return heading.text_content()


_A_CAPTIONS_NAMES = ("slide", "caption", "gallery", "carousel")  # a picture's caption set as an <h1>


def _title_tag(root: lxml.html.HtmlElement) -> str | None:
    titles = root.xpath("//title")
    return titles[0].text_content() if titles else None


def _headline(title: str, root: lxml.html.HtmlElement, site: str, host: str | None = None) -> str:
    """The page's title less the site's name, wherever the title came from (<title>, og:title,
    even JSON-LD's headline): the site's name closing it after a separator (og:site_name, the
    publisher), the site's sections after " | " or " :: " (_without_sections), or whatever one of
    the page's <h1> leaves out of it (_as_heading); and a separator that opens it, what is left of a
    blog's empty name (WordPress's "» Headline | Blog")."""
    if not title:
        return title
    headline = _without_the_hosts_name(_as_heading(_without_sections(without_site_name(title, site)), root), host)
    return _without_chinese_sites_name(_SEPARATOR_AHEAD.sub("", headline) or headline)


# Chinese sites close a <title> with their name after an underscore or a dash, with no space around
# it ("…新闻发布会_中国载人航天官方网站", "…交通-新华网", "…调研工作_中山网"), where their pages set the
# headline in no <h1>. The part goes where it names a site, a newspaper or a channel (网, 网站, 官网,
# 日报, 频道…): a headline and a blog's name may hold underscores too ("新竹尖石_美樹營地賞楓 (2) @
# 史蒂文的家_藍天", a Taiwanese blog's).
_CLOSING_PART = re.compile(r"(?:_+|[-－—]{1,2})([^_\-－—]{1,24})$")
_SITES_WORD = re.compile(r"(?:网|網|网站|網站|官网|官網|频道|頻道|在线|[日晚时時早商]报|[日晚時早商]報)$")
_HEADLINE_LEFT = 6  # characters at least


def _without_chinese_sites_name(title: str) -> str:
    """The title less the site's name an underscore or a dash closes it with, on a page in Chinese
    (see _CLOSING_PART)."""
    if not in_spaceless_script(title):
        return title
    while (found := _CLOSING_PART.search(title)) is not None and len(title[:found.start()].strip()) >= _HEADLINE_LEFT \
            and _SITES_WORD.search(found.group(1).strip()) is not None:
        title = title[:found.start()].rstrip()
    return title


def _without_the_hosts_name(title: str, host: str | None) -> str:
    """The title less the site's name its address gives, where no heading said it: from a separator
    whose next word is that name on ("Aldi Beef Maker Test - CHIP" on chip.de, "… - Tagesausblick.de -
    Ihr unabhängiges Analyseportal"), or up to the first separator where what is before it is the name
    ("Internet-Law » Headline" on internet-law.de). A word that only begins with the name
    ("Spiegel-Recherche") is not it; a headline of one word is left whole."""
    name = _hosts_name(host)
    if name is None:
        return title
    separators = list(TITLE_SEPARATOR.finditer(title))
    for separator in separators:
        words = title[separator.end():].split()
        if words and _squeezed(words[0]) == name and len(title[:separator.start()].split()) >= 2:
            return title[:separator.start()]
    if separators and _squeezed(title[:separators[0].start()]) == name \
            and len(title[separators[0].end():].split()) >= 2:
        return title[separators[0].end():]
    return title


def _hosts_name(host: str | None) -> str | None:
    """The name a site's address gives it: the longest label but the last, letters and digits only,
    of four or more ("tagesausblick" of tagesausblick.de, "internetlaw" of www.internet-law.de)."""
    if not host or "." not in host:
        return None
    name = _squeezed(max(host.split(".")[:-1], key=len))
    return name if len(name) >= 4 else None


_TOP_LEVEL = re.compile(r"\.[a-z]{2,6}$")


def _squeezed(word: str) -> str:
    """A word or name as its address writes it: case-folded, without accents (clean.folded_words, as
    _without_tagline reads a host: "Aktuálně.cz" is aktualne.cz), nor a closing top-level domain,
    letters and digits only."""
    return "".join(folded_words(_TOP_LEVEL.sub("", word.casefold())))


# Not a dash: a Russian or Ukrainian headline may open with one, as direct speech does ("— Мы готовы…").
_SEPARATOR_AHEAD = re.compile(r"^(?:[|»›·•]|::)\s+")


# "Headline | Новости Украины | LIGA.net", "Headline :: Новости :: ТСН.ua": a <title> that closes with
# the site's sections and name. Only these separators: a headline holds a dash or a colon often
# ("Байден — Путину: …"), a bar or a double colon hardly ever.
_SECTION_SEPARATOR = re.compile(r"\s+(?:\||::)\s+")
_SECTION_WORDS = 3


def _without_sections(title: str) -> str:
    """The title without the short parts (a section's or the site's name, three words at most)
    that close it after " | " or " :: ", while what is left has more words than that."""
    separators = list(_SECTION_SEPARATOR.finditer(title))
    end = len(title)
    while separators:
        last = separators.pop()
        if len(title[last.end():end].split()) > _SECTION_WORDS or len(title[:last.start()].split()) <= _SECTION_WORDS:
            break
        end = last.start()
    return title[:end]


def _not_the_sites_name(headline: str, site: str, *others: str | None) -> str:
    """The headline, or, when it is only the site's name (an og:title or <title> that every page of
    some sites shares), the first of `others` (the <h1>, <title>) that says more, less the site's name."""
    if not site or headline.casefold() != site.casefold():
        return headline
    for other in others:
        found = without_site_name(one_line_text(other), site)
        if found and found.casefold() != site.casefold():
            return found
    return headline


def _weighted_length(text: str) -> int:
    """A text's length, a Chinese or Japanese character counted as three: about the letters of a
    word it stands for ("港特首梁振英就住宅违建事件道歉 - BBC中文网 - 两岸三地": the headline is
    the longer part)."""
    return len(text) if text.isascii() else len(text) + 2 * len(SPACELESS_CHARACTER.findall(text))


_HEADINGS = lxml.etree.XPath("//h1 | //h2")


def _as_heading(title: str, root: lxml.html.HtmlElement) -> str:
    """The title, less the site's name: when one of the page's <h1> (or <h2>, where a site sets its
    logo in the <h1>: 好奇心日报's "标题_智能_好奇心日报" over its <h2 class="title">) is the title but
    for a separator and a shorter rest ("Headline - Site", "Site | Headline"). The page's own
    heading says which side is the headline; a dash inside a headline, or a logo in an <h1>, leaves
    the rest longer than the heading, and the title whole."""
    for heading in _HEADINGS(root):
        headline = one_line_text(_heading_text(heading, title))
        rest = len(title) - len(headline)
        if not headline or rest <= 0 or _weighted_length(title[:rest] if title.endswith(headline) else title[-rest:]) \
                >= _weighted_length(headline):
            continue
        if title.startswith(headline) and (TITLE_SEPARATOR.match(title, len(headline))
                                           or _DASH_BESIDE_A_HEADING.match(title, len(headline))):
            return headline
        if title.endswith(headline) and SEPARATOR_AT_END.search(title, 0, rest):
            return headline
    return title


# A dash with no spaces around it, where the page's heading ends: a separator (Xinhua's "标题-新华网"),
# as it is not within a headline's words ("Covid-19"), where no heading would end.
_DASH_BESIDE_A_HEADING = re.compile(r"[-–—]+\s*\S")
