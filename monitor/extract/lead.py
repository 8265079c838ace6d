"""The lead (standfirst) an article page shows between its headline and its text, which trafilatura
leaves out when it is no <p>: its who, what and where, put back at the text's head.
"""

from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html

from monitor.clean.markup import one_line_text
from monitor.clean.teasers import CUT_MARK, looks_cut
from monitor.clean.words import folded_words, has_words
from monitor.extract.regions import outside_the_article
from monitor.scripts import SPACELESS_ABUGIDA_CHARACTER, in_cjk_script

log = logging.getLogger(__name__)


# The lead (standfirst) a page shows between its headline and its text, in an element named for it:
# "article__perex" (Czech sites), "article-lead", "b-article__announce", "story-intro",
# "standfirst", "dek", marked itemprop=description, or the <header> that opens an itemprop=articleBody
# (Medical News Today). trafilatura leaves it out when it is no <p>
# (favor_precision), and it is what the story is: its who, what and where. Not a lead photo's box.
# And in the names other languages' sites give it: Le Monde's "article__desc", French "chapo" and
# "chapeau", El País's subtitle, Spanish "entradilla" and "sumario", Italian "sommario", "subtitle".
# Names in any letter case (FAZ's "atc-IntroText"), and "summary" (Zeit's, NHK's "content--summary").
# And Turkish sites' "spot", Czech "annot" (anotace) and iDNES's "opener", Catalan and Spanish "epigraph",
# Argentine "bajada" and "copete", Brazilian "linha-fina", Romanian "sapou" (șapou), "anons", Polish "lid".
_LEAD_NAMES = ("perex", "lead", "announce", "intro", "standfirst", "dek", "desc", "chapo", "chapeau", "subtitle",
               "entradilla", "sumario", "sommario", "summary", "spot", "annot", "opener", "epigraph", "bajada", "copete",
               "linha-fina", "sapou", "anons", "lid",
               # the Nordic papers' (Schibsted's, Bonnier's, Sanoma's, Alma's), VnExpress's, Thai PBS's
               "ingress", "preamble", "sapo", "description", "abstract")
_LOWER_CLASS = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_LEAD = lxml.etree.XPath("//body//*[@itemprop='description' or "
                         + " or ".join(f"contains({_LOWER_CLASS}, '{name}')" for name in _LEAD_NAMES)
                         + " or (self::header and parent::*[@itemprop='articleBody'])]")
_LEAD_CLASS = re.compile(r"(?:^|[-_])(?:perex|lead(?:text|in)?|announce|intro(?:text)?|standfirst|dek|desc|chapo|chapeau|"
                         r"sub-?title|entradilla|sumario|sommario|summary|spot|annot|opener|epigraph|bajada|copete|"
                         r"linha-fina|sapou|anons|lid|ingressi?|preamble|sapo|description|abstract)(?:$|[-_])"
                         r"(?!-*(?:img|image|photo|media|art|video|figure|pic|gallery))")
# What else a box so named can be: an author's introduction, a promotion's, a related story's.
_NOT_A_LEAD = re.compile(r"author|bio|comment|promo|related|teaser|card|list|item|widget|sidebar|footer|subscri|"
                         r"newsletter|video|gallery|photo|image|img|pic|caption|figure|credit|media|cookie|banner|advert")
_PARAGRAPHS = lxml.etree.XPath("count(descendant::p)")
_LEAD_PARAGRAPHS = 2
_HEADING_OR_LIST = lxml.etree.XPath("boolean(descendant::*[self::h2 or self::h3 or self::h4 or self::ul or self::ol])")
_LEAD_CHARS = (60, 1500)
_CJK_LEAD_CHARS = 20  # a Chinese or Japanese lead's characters say as much as three times as many
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
        if outside_the_article(element) or element.find(".//h1") is not None:
            continue  # (ORF's "story-lead" holds the headline and the lead's own <p>, which is looked at next)
        if _HEADING_OR_LIST(element) or _PARAGRAPHS(element) > _LEAD_PARAGRAPHS:
            # a box of the story's points under its heading (Nation's "article-summary"); the story's
            # text itself (Drupal 7's body field, "field-type-text-with-summary", The Hill's): no lead
            continue
        text = one_line_text(element.text_content())
        if ((_LEAD_CHARS[0] <= len(text) or (_CJK_LEAD_CHARS <= len(text) and in_cjk_script(text)))
                and len(text) <= _LEAD_CHARS[1] and has_words(text, _LEAD_WORDS) and not _cut(text)):
            return text
    return None


def _cut(text: str) -> bool:
    # Thai, Lao, Khmer and Burmese close a sentence with no mark (or with their own, seldom): only a
    # cut's mark tells that such a lead was cut (Thai PBS's "content-abstract").
    if SPACELESS_ABUGIDA_CHARACTER.search(text[-3:]) is not None:
        return CUT_MARK.search(text) is not None
    return looks_cut(text)


def holds(text: str, part: str) -> bool:
    """Whether `text` holds `part`, spacing aside."""
    return " ".join(part.split()) in " ".join(text.split())


def lead_first(text: str, lead: str) -> str:
    """The text with the lead as its first paragraph where it is one of its later ones: trafilatura
    writes a <p> that precedes a <div> of paragraphs after them (NHK's "content--summary")."""
    wanted = " ".join(lead.split())
    paragraphs = text.split("\n\n")
    for index, paragraph in enumerate(paragraphs[1:], start=1):
        if " ".join(paragraph.split()) == wanted:
            return "\n\n".join([paragraph, *paragraphs[:index], *paragraphs[index + 1:]])
    return text


_MOSTLY = 0.7


def mostly_within(shorter: str, longer: str) -> bool:
    """Whether most of `shorter`'s words are among `longer`'s (a description that tells the lead over)."""
    words = folded_words(shorter)
    known = set(folded_words(longer))
    return bool(words) and sum(word in known for word in words) >= _MOSTLY * len(words)


def tells_of_the_site(description: str, headline: str, text: str, site: str) -> bool:
    """Whether a page's description is its site's, not its article's: the site's tagline in every
    page's head ("Latest news from Ukraine and the world, politics, economy, sport - Desk News"),
    whose words the headline and text hardly share. Kept, it was every item's summary, where rules
    found its words ("Ukraine" on a story about the weather). Words are compared by their opening
    letters (_STEM_CHARS), as an article's description inflects the text's words ("переговоров",
    "переговоры"), the site's name (`site`: its name or host) aside; only where the text says enough
    to tell, in a language that spaces its words."""
    named = set(_stems(site))  # the site's own name, which its tagline and its articles' headlines hold
    described = _stems(description)
    stems = [stem for stem in described if stem not in named]
    if len(stems) < _SITE_DESCRIPTION_WORDS or not has_words(text, _TEXT_WORDS_TO_TELL):
        return False
    known = set(_stems(f"{headline}\n{text}"))
    shared = sum(stem in known for stem in stems)
    # Naming the site, a few words in common are chance; not naming it, none at all. A teaser that
    # asks its question in other words ("What does it mean for Europe? Our correspondent explains.")
    # shares one or two.
    return shared == 0 or (shared <= _SHARED_AT_MOST * len(stems) and len(stems) < len(described))


_STEM_CHARS = 5
_SITE_DESCRIPTION_WORDS = 5  # content words, at least: a shorter description is not judged
_TEXT_WORDS_TO_TELL = 60
_SHARED_AT_MOST = 0.2


def _stems(text: str) -> list[str]:
    """The opening letters of the text's words of four letters or more (folded)."""
    return [word[:_STEM_CHARS] for word in folded_words(text) if len(word) >= 4 and not word.isdigit()]
