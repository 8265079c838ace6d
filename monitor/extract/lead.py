"""The lead (standfirst) an article page shows between its headline and its text, which trafilatura
leaves out when it is no <p>: its who, what and where, put back at the text's head.
"""

from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html

from monitor.clean.markup import one_line_text
from monitor.clean.teasers import looks_cut
from monitor.clean.words import folded_words, has_words
from monitor.extract.regions import outside_the_article

log = logging.getLogger(__name__)


# The lead (standfirst) a page shows between its headline and its text, in an element named for it:
# "article__perex" (Czech sites), "article-lead", "b-article__announce", "story-intro",
# "standfirst", "dek", marked itemprop=description, or the <header> that opens an itemprop=articleBody
# (Medical News Today). trafilatura leaves it out when it is no <p>
# (favor_precision), and it is what the story is: its who, what and where. Not a lead photo's box.
# And in the names other languages' sites give it: Le Monde's "article__desc", French "chapo" and
# "chapeau", El País's subtitle, Spanish "entradilla" and "sumario", Italian "sommario", "subtitle".
_LEAD_NAMES = ("perex", "lead", "announce", "intro", "standfirst", "dek", "desc", "chapo", "chapeau", "subtitle",
               "entradilla", "sumario", "sommario")
_LEAD = lxml.etree.XPath("//body//*[@itemprop='description' or "
                         + " or ".join(f"contains(@class, '{name}')" for name in _LEAD_NAMES)
                         + " or (self::header and parent::*[@itemprop='articleBody'])]")
_LEAD_CLASS = re.compile(r"(?:^|[-_])(?:perex|lead(?:text|in)?|announce|intro|standfirst|dek|desc|chapo|chapeau|"
                         r"sub-?title|entradilla|sumario|sommario)(?:$|[-_])"
                         r"(?!-*(?:img|image|photo|media|art|video|figure|pic|gallery))")
# What else a box so named can be: an author's introduction, a promotion's, a related story's.
_NOT_A_LEAD = re.compile(r"author|bio|comment|promo|related|teaser|card|list|item|widget|sidebar|footer|subscri|"
                         r"newsletter|video|gallery|photo|image|img|pic|caption|figure|credit|media|cookie|banner|advert")
_LEAD_CHARS = (60, 1500)
_LEAD_WORDS = 8
_LEAD_LOOKED_AT = 10


def shown_lead(root: lxml.html.HtmlElement) -> str | None:
    """The article's lead as its page shows it (_LEAD): the first such element in the article with
    a sentence or more of text."""
    for element in _LEAD(root)[:_LEAD_LOOKED_AT]:
        if not isinstance(element.tag, str) or element.tag in ("meta", "script", "style", "img", "a"):
            continue
        marker = (element.get("class") or "").lower()
        named = any(_LEAD_CLASS.search(token) for token in marker.split()) and not _NOT_A_LEAD.search(marker)
        if not named and element.get("itemprop") != "description" and element.tag != "header":
            continue
        if outside_the_article(element):
            continue
        text = one_line_text(element.text_content())
        if (_LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] and has_words(text, _LEAD_WORDS)
                and not looks_cut(text)):
            return text
    return None


def holds(text: str, part: str) -> bool:
    """Whether `text` holds `part`, spacing aside."""
    return " ".join(part.split()) in " ".join(text.split())


_MOSTLY = 0.7


def mostly_within(shorter: str, longer: str) -> bool:
    """Whether most of `shorter`'s words are among `longer`'s (a description that tells the lead over)."""
    words = folded_words(shorter)
    known = set(folded_words(longer))
    return bool(words) and sum(word in known for word in words) >= _MOSTLY * len(words)
