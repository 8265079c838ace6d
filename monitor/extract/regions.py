"""Where an element of an article page sits: in the article, or in what the site puts around it
(other stories' teasers, a nav of bylines, boxes of facts, the footer). Every part of the page
reader asks, so that no headline, byline, date or lead is taken from another story.
"""

from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html


log = logging.getLogger(__name__)


# Where a date is not the article's: today's date in the site's header, a comment's, a related story's.
# Nor a lead: a consent dialog's, set in the page's markup before the article (Onet's "onet-cmp-overlay",
# its "cmp-intro_intro": "Zanim klikniesz „Przejdź do serwisu” …"). (Not "cmp" alone: Adobe's
# components are each named "cmp-…", the article's text among them.)
_NOT_THE_ARTICLES = ("comment", "related", "sidebar", "footer", "menu", "nav", "widget", "teaser", "promo",
                     "consent", "cookie", "gdpr", "cmp-overlay", "cmp-popup", "cmp-modal", "cmp-banner", "cmp-dialog")


# A consent platform's dialog: chrome even where it holds an <h1> of its own (Ringier Axel Springer's
# "cmp-app_gdpr", Onet's: "Twoja prywatność jest dla nas ważna" had been the headline).
CONSENT_NAMES = ("consent", "gdpr", "didomi", "onetrust", "sp_message", "qc-cmp", "cookiebot", "usercentrics", "rodo-",
                 "cmp-app", "cmp-overlay", "cmp-popup", "cmp-modal", "cmp-banner", "cmp-dialog", "cookie-banner",
                 "cookiebanner", "cookie-consent", "cookie-notice", "cookie-wall", "cookie-layer")
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
HOLDS_A_HEADLINE = lxml.etree.XPath(
    "boolean(.//h1[not(.//img) and not(.//a[@href='/']) and not(contains(@class, 'logo'))"
    " and not(contains(@id, 'logo')) and not(contains(@class, 'brand'))])")


def outside_the_article(element: lxml.html.HtmlElement, header_is_the_sites: bool = True) -> bool:
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
        # (Drupal 7 names every article promoted to the front page "node-promoted": no promotion's box.)
        marker = f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower().replace("node-promoted", "node")
        named = any(hint in marker for hint in _NOT_THE_ARTICLES) and not _BLOGGERS_POSTS.issubset(marker.split())
        if named and _ARTICLES_FOOTER.search(marker) is not None \
                and not any(hint in _ARTICLES_FOOTER.sub("", marker) for hint in _NOT_THE_ARTICLES) \
                and _A_BOX_OF_FACTS(ancestor):
            continue
        if (tag == "nav" and not _A_BYLINES_NAV(ancestor)) or (
                (tag in ("footer", "aside") or named) and not HOLDS_A_HEADLINE(ancestor)
                and (named or not _ARTICLES_OWN_BOX(ancestor))):
            return True
        if any(name in marker for name in CONSENT_NAMES) or (named and (ancestor.get("role") in ("dialog", "alertdialog")
                                                                     or ancestor.get("aria-modal") == "true")):
            return True
        if tag in ("article", "main") or "article" in marker:
            in_article = True
        elif tag == "header" or "header" in marker:
            # "story-header", "post-header", "entry-header": the article's own, wherever it sits.
            in_article = in_article or _ARTICLES_HEADER.search(marker) is not None
            chrome = True
    # A <header> is the site's unless it sits in the article (<article><header><h1>, its date).
    return header_is_the_sites and chrome and not in_article
