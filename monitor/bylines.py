"""Whose name an author field gives: a person's (or persons'), or no one's, where the site signs
its articles with its own name. Pages (monitor.extract) and feeds (monitor.normalize) decide alike:
an analyst filtering by author wants writers, and the site's name is the item's publisher already.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor.clean.byline import PERSONS_NAME, byline, is_persons_name
from monitor.clean.site_lines import AGENCY_NAMES
from monitor.clean.titles import TITLE_SEPARATOR
from monitor.clean.words import folded_words, spaced, without_top_level_domain

# The separators between a byline's names: punctuation, a spaced dash, "and" in the languages
# news comes in most.
BYLINE_PARTS = re.compile(r"\s*(?:[,;|/]|\s-\s|\s(?:and|und|et|y|e|и|і|та)\s)\s*")


def someones(author: str | None, publisher: str | None, sites: Sequence[str] = ()) -> str | None:
    """The author, or None where it is no one's byline: a placeholder ("admin"), a domain
    ("lefigaro.fr"), the site signing as itself (is_the_sites)."""
    if author is None or byline(author) is None:
        return None
    if (" " in author or "/" in author) and (wires := the_sites_wires(author, publisher, sites)) is not None:
        return wires
    if is_the_sites(author, publisher, sites):
        return None
    return author


# The site signing with the wires its copy is from: Le Monde's "Le Monde avec AFP", "Ouest-France
# avec AFP", "Par Le Figaro avec AFP et Reuters": the wires', as their datelines sign a copy.
_SITE_WITH_THE_WIRES = re.compile(r"(?:(?:par|by|von|por)\s+)?(?P<site>.+?)\s+(?:avec|with|mit|con|com|z)\s+"
                                  r"(?P<wires>[\w.-]+(?:\s*(?:,|et|and|und|y|e)\s*[\w.-]+)*)", re.IGNORECASE)
_WITH_WORD = re.compile(r"\s(?:avec|with|mit|con|com|z)\s", re.IGNORECASE)
_WIRES_APART = re.compile(r"\s*(?:,|\s(?:et|and|und|y|e)\s)\s*", re.IGNORECASE)


# Or beside it after a comma or a bar: Novinky's "Novinky, ČTK", HVG's "MTI / hvg.hu".
_SITE_AND_WIRES_APART = re.compile(r"\s*[,/]\s*")


def the_sites_wires(author: str, publisher: str | None, sites: Sequence[str] = ()) -> str | None:
    """The wires an author names beside the site's own name (_SITE_WITH_THE_WIRES, or after a comma
    or a bar), else None."""
    if _WITH_WORD.search(author) is None:  # (most bylines: one search of a short text, not the whole match)
        if "," not in author and "/" not in author:
            return None
        parts = [part for part in _SITE_AND_WIRES_APART.split(author.strip()) if part]
        wires = [part for part in parts if part.casefold() in AGENCY_NAMES]
        if not wires or len(wires) == len(parts) \
                or not all(part in wires or is_the_sites(part, publisher, sites) for part in parts):
            return None
        return ", ".join(wires)
    found = _SITE_WITH_THE_WIRES.fullmatch(author.strip())
    if found is None:
        return None
    wires = _WIRES_APART.split(found.group("wires"))
    if not all(wire.casefold() in AGENCY_NAMES for wire in wires) or not is_the_sites(found.group("site"), publisher, sites):
        return None
    return ", ".join(wires)


def is_the_sites(author: str, publisher: str | None, sites: Sequence[str] = ()) -> bool:
    """Whether an author is the site signing as itself: its publisher's name (is_the_sites_own), one
    of the site's names or some of it (is_part_of_the_name), or one of its channels with a note after
    its name (_a_channels_note). The site's names are its publisher's, else `sites` (a page's names
    closing its <title>, the site's last). Not a news agency's own name: on its own site it names
    the wire whose copy it is (Ukrinform's JSON-LD author "Ukrinform"), as a wire's dateline does."""
    if author.strip().casefold() in AGENCY_NAMES:
        return False
    if publisher is not None and is_the_sites_own(author, publisher):
        return True
    sites = (publisher,) if publisher else sites
    return (any(is_part_of_the_name(author, site) for site in sites)
            or any(_a_channels_note(author, channel) for channel in sites[:-1]))


def is_the_sites_own(author: str, publisher: str) -> bool:
    """Whether an author's name is the site's, or its company's: every word of the publisher's name
    is in it (BBC's "BBC News" for "BBC News", El País's "Ediciones El País" for "EL PAÍS", DW's
    "Deutsche Welle (www.dw.com)", "Süddeutsche.de GmbH, Munich", "Al Jazeera Staff and AFP"),
    and what else it says is not mostly persons' names: CNN's "Amir Vera, … and Adam Renton, CNN"
    and "Ann Lee, BBC News" are bylines."""
    site = set(folded_words(publisher))
    written = set(folded_words(author))
    if site and not site <= written and "." in publisher and (bare := without_top_level_domain(publisher)) != publisher:
        site = set(folded_words(bare))  # "Le Monde avec AFP" under "Le Monde.fr"
    if not site or not site <= written:
        return False
    # The parts that are not the site's: a byline's when most of them are persons' names (not
    # Radio-Canada's "Zone Justice et faits divers - ICI.Radio-Canada.ca", a section's name).
    others = [part for part in BYLINE_PARTS.split(author) if part and not site & set(folded_words(part))]
    return 2 * sum(1 for part in others if is_persons_name(part.strip())) <= len(others)


def without_the_outlet(author: str, publisher: str) -> str:
    """A byline without the site's own name closing it, after a comma, a bar, a slash or a dash, or in
    brackets: CNN's "Amir Vera, Sara Smart and Adam Renton, CNN", "Ann Lee, BBC News" and "Ann Lee
    (BBC News)" are the writers' names, and so are the Associated Press's in capitals before its
    name (_in_capitals_before). Only where the words are the publisher's, a leading "The"
    aside, with at most a section's two after them ("Ann Lee, CNN Business", "Ann Lee - Kyiv
    Independent" under "The Kyiv Independent"), and what is before them is mostly persons' names:
    "Staff, BBC News" stays (for is_the_sites to judge). One word after a comma went as a place does
    (clean.byline), but not a site's name of several words, nor one after several names. The site's
    name ahead of the names goes too, before a spaced dash or a bar ("العربية.نت - أحمد سالم")."""
    # The Associated Press's signature whoever publishes it (its feed titled "AP News", a paper
    # carrying its story): its name is no writer's.
    if (capitals := _in_capitals_before(author, publisher) or _in_capitals_before(author, "Associated Press")) is not None:
        return capitals
    written = _without_outlet_named(author, publisher)
    # A feed's title may name a section after the site ("EXAMPLE TODAY - News Top Stories", Gannett's)
    if written == author and (cut := TITLE_SEPARATOR.search(publisher)) is not None and cut.start() > 0 \
            and publisher[:cut.start()].casefold() in author.casefold():
        written = _without_outlet_named(author, publisher[:cut.start()])
    if written == author and author.endswith("Associated Press"):  # "MARY CLARE JALONICK, Associated Press"
        written = _without_outlet_named(author, "Associated Press")
    return written


def _without_outlet_named(author: str, publisher: str) -> str:
    if author.endswith(")") and (opening := author.rfind("(")) > 0:
        head, outlet = author[:opening], author[opening + 1:-1]
    else:
        cut, separator = max((author.rfind(separator), separator) for separator in _SEPARATORS)
        if cut <= 0:
            return author
        head, outlet = author[:cut], author[cut + len(separator):]
    head = head.rstrip(" ,;|–—-")
    site = _without_the(folded_words(publisher))
    if (written := _names_beside(head, outlet, site)) is not None:
        return written
    # The outlet ahead of the names, before a spaced dash or a bar ("العربية.نت - أحمد سالم", Al Arabiya's)
    cut, separator = min(((found, separator) for separator in _AHEAD_SEPARATORS
                          if (found := author.find(separator)) > 0), default=(-1, ""))
    if cut > 0 and (written := _names_beside(author[cut + len(separator):].strip(), author[:cut], site)) is not None:
        return written
    return author


_AHEAD_SEPARATORS = ("|", " - ", " – ", " — ")


def _names_beside(names_part: str, outlet: str, site: list[str]) -> str | None:
    """`names_part` where `outlet` is the site's name (with a section's words at most after it) and
    `names_part` mostly persons' names, else None."""
    named = _without_the(folded_words(outlet))
    # (Or its name less its last word, as its writers sign: "Jane Doe, GMA News" under "GMA News Online".)
    shortened = len(site) >= 2 and named == site[:-1]
    if (not names_part or not site or (named[:len(site)] != site and not shortened)
            or len(named) > len(site) + _SECTION_WORDS or set(site) & set(folded_words(names_part))):
        return None
    names = [part for part in BYLINE_PARTS.split(names_part) if part]
    return names_part if 2 * sum(1 for name in names if is_persons_name(name.strip())) > len(names) else None


_SECTION_WORDS = 2  # "CNN Business", "BBC News Northern Ireland": a site's name, then its section's


def _in_capitals_before(author: str, publisher: str) -> str | None:
    """The writers' names where they stand before the publisher's name with no separator, as the
    Associated Press signs ("JANE DOE and JOHN ROE Associated Press"), in capitals or as persons' names
    ("Jane Doe and John Roe Associated Press", as sites that carry its stories write it), else None."""
    name = publisher[4:] if publisher[:4].casefold() == "the " else publisher
    at = len(author) - len(name)
    if at <= 1 or author[at - 1] != " " or author[at:].casefold() != name.casefold():
        return None
    head = author[:at].rstrip()
    names = [name for name in BYLINE_PARTS.split(head) if name]
    return head if head[-1:].isalpha() and names and all(
        (len(name.split()) >= 2 and name.isupper()) or PERSONS_NAME.fullmatch(name) for name in names) else None


def _without_the(words: list[str]) -> list[str]:
    return words[1:] if words[:1] == ["the"] else words


# What a byline's last part follows: a comma, a bar, a slash or a spaced dash. (Found from the end:
# an expression searched from each separator read the rest of a hostile byline from each, seconds.)
_SEPARATORS = (",", "|", "/", " - ", " – ", " — ")


# A broadcaster's name opens with its letters ("CNN TÜRK", "RTL Nieuws", "NHK World"), which no
# person's name does: capitalised words as a person's are, but the site's.
_OPENS_WITH_AN_ACRONYM = re.compile(r"[A-Z]{2,5}(?:\s|$)")


def is_part_of_the_name(author: str, site: str) -> bool:
    """Whether an author is the site's name or some of it, and not a person's name: NetEase signs
    its pages "网易" (its own name) under titles closing with "_网易财经" or "_网易新闻" (NetEase Finance,
    NetEase News); a podcast's feed "Taverncast - Happy Hour in Your Head" its episodes "Taverncast".
    A blog named after its writer is theirs: "Daniel Lemire" under "… – Daniel Lemire's blog", "Jane
    Smith" under "… - Jane Smith", "wearehugh" under "wearehugh's bookmarks", "王文" under "…_王文的博客".
    The name's words run together are the site's too ("ilpost" under "Il Post")."""
    written = author.strip()
    if (PERSONS_NAME.fullmatch(written) and not _OPENS_WITH_AN_ACRONYM.match(written)) or _possessed_by(written, site):
        return False
    words = set(folded_words(spaced(written)))
    # (or the name's words run together, as a login writes it: Il Post's WordPress account "ilpost")
    return bool(words) and (words <= set(folded_words(spaced(site)))
                            or (" " not in written and "".join(words) == "".join(folded_words(site))))


def _a_channels_note(author: str, channel: str) -> bool:
    """Whether an author is a channel of the site (a name of two words or more that a <title> has
    before the site's) with a note after it, and no person's name: Sina's "新浪财经-自媒体综合" (Sina
    Finance, self-media digest) under "…_新浪财经_新浪网". The site's own name with a word after it
    is a byline ("Border Desk staff" under "… | Border Desk"), as the labelled pages have it."""
    return (len(set(folded_words(spaced(channel)))) >= 2 and not PERSONS_NAME.fullmatch(author.strip())
            and is_the_sites_own(author, channel))


def _possessed_by(author: str, site: str) -> bool:
    """Whether the site's name is the author's in the possessive ("wearehugh's bookmarks", Chinese
    "王文的博客": Wang Wen's blog)."""
    folded = site.casefold()
    name = author.casefold()
    return (any(folded.startswith(name + mark) or f" {name}{mark}" in folded for mark in ("'s", "’s"))
            or name + "的" in folded)
