"""An article page's author as its markup shows it, where its data names no one or only an
organization: a signature, a byline box's writers' links, a labelled "Author:" line; and what names
no author (an account's handle, a web agency's credit, the site's own names read from its <title>).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Iterable

import lxml.etree
import lxml.html

from monitor.bylines import BYLINE_PARTS, someones, without_the_outlet
from monitor.clean.byline import PERSONS_NAME, byline, byline_line, is_persons_name, without_byline_label
from monitor.clean.markup import one_line_text
from monitor.clean.site_lines import agencies_as_source
from monitor.clean.titles import SEPARATOR_AT_END, TITLE_SEPARATOR
from monitor.clean.words import folded_words
from monitor.extract.furniture import BOX_HEADING_MARKS, CLOSING_BOXES
from monitor.extract.headline import is_the_hosts_name
from monitor.extract.linked_data import (AUTHOR_META, first_given, ld_names, not_address, only_organizations,
                                        persons_first)
from monitor.extract.regions import outside_the_article
from monitor.scripts import in_cjk_script

log = logging.getLogger(__name__)


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


# A site's name with its motto after it ("Aktuálně.cz - Víte, co se právě děje").
_TAGLINE_SEPARATOR = re.compile(r"\s+[-|–—:·]\s+")


def without_tagline(site: str, titles: Iterable[str | None], host: str | None) -> str:
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


# The path of a writer's page on a site, in the languages sites name it: "/author/", El País's
# "/autor/", Libération's "/auteur/", la Repubblica's "/autore/"…
_WRITERS_PATHS = ("/author/", "/authors/", "/autor/", "/autores/", "/autori/", "/autore/", "/auteur/", "/auteurs/",
                  "/journalist/", "/journalists/",
                  # Indonesian, Hungarian, Turkish, Polish, Czech writers' pages (Kompas's "/penulis/",
                  # Index.hu's "/szerzo/")
                  "/penulis/", "/szerzo/", "/yazar/", "/yazarlar/", "/autorzy/", "/autori/",
                  "/muhabir/", "/reporter/", "/reporters/",  # Anadolu's "/tr/p/muhabir/tolga-yanik"
                  # the USA TODAY network's ("/staff/2648271001/kaylee-jansen/")
                  "/staff/")
_TO_A_WRITERS_PAGE = " or ".join(f"contains(@href, '{path}')" for path in _WRITERS_PATHS)
# Where a page signs its article in its markup when it declares no author as data: HTML's
# rel=author, microdata's itemprop=author, an element named for a byline or an author (or for who
# created it, Joomla's "createdby"). Not a comment's or a related story's (outside_the_article), nor
# the author box's photo, biography or list of articles. Our own look rather than trafilatura's author step, which knows more names but
# tests them with Python regular expressions called back for every element of the page: 69 ms on a
# page of 9,200 elements without an author, about a millisecond here (libxml2's contains()).
_SIGNATURE = ("[@rel='author' or contains(@itemprop, 'author') or contains(@class, 'author')"
              " or contains(@class, 'Author') or contains(@class, 'byline') or contains(@class, 'Byline')"
              " or contains(@id, 'author')"  # ("Byline": styled components' "Story__Byline-sc-…", Malaysiakini's)
              " or contains(@class, 'autor') or contains(@class, 'firma') or contains(@class, 'writer')"
              " or contains(@class, 'createdby') or contains(@class, 'signature-name')"  # Radio-Canada's
              # the writer's word in other languages, as sites name the element (Tribun's id="penulis",
              # Index.hu's class="szerzo", Turkish sites' "yazar", "avtor" as Russian, Ukrainian and
              # Slovenian sites transliterate it: Bryansk's <font class="avtor">; Turkish "reporter",
              # Anadolu's "detay-bug-muhabir")
              " or contains(@id, 'penulis') or contains(@class, 'penulis') or contains(@class, 'szerzo')"
              " or contains(@class, 'yazar') or contains(@class, 'avtor') or contains(@class, 'muhabir')"
              " or contains(@class, 'reporter') or contains(@class, 'egilea')"  # Maariv's "article-reporter", Berria's "egilea"
              f" or self::a[{_TO_A_WRITERS_PAGE}]]")
_SIGNED = lxml.etree.XPath("//*" + _SIGNATURE)
# A photographer's credit in a picture's caption ("<p class="photo-caption">… <span class="author">Автор:
# …</span>", ERR's): the photo's, not the article's.
_IN_A_CAPTION = lxml.etree.XPath("boolean(ancestor-or-self::figure or ancestor-or-self::figcaption"
                                 " or ancestor-or-self::*[contains(@class, 'caption')])")
_SIGNED_WITHIN = lxml.etree.XPath(".//*" + _SIGNATURE)
# Not a signature: a name in a comment, a picture's credit, an author's box of links… and a share
# box, but for its contributors (National Geographic's "ng-sharekit__contributors--author": "By …").
_NOT_A_SIGNATURE = ("comment", "authoriz", "avatar", "photo", "image", "img", "caption", "credit", "figure", "bio",
                    "about", "more", "social", "share", "subscribe", "follow",
                    # a button to write for the site (Habr's "Как стать автором" in its header's
                    # "become-author-btn"), a blog platform's section signing beside its writer (vc.ru's "subsite")
                    "become", "btn", "button", "subsite")
# Within a box whose own marker says so (the name's element inside Habr's button, vc.ru's section's).
_IN_A_BUTTON_OR_SECTION = lxml.etree.XPath("boolean(ancestor::*[contains(@class, 'become-author') or contains(@class, 'subsite')])")
# The name's element in a byline box that holds more (a photo, a handle, a role): named so, or by a
# block's part (BEM: Habr's "tm-user-card__name", vc.ru's "content-header-author__name").
_NAME_IN_BOX = lxml.etree.XPath(".//*[@class='name' or @class='author-name' "
                                "or contains(concat(' ', normalize-space(@class), ' '), '__name ')]")
_NAME_WORDS = 8
_NAME_CHARS = 80
_SIGNATURES = 200


def _shown_author(root: lxml.html.HtmlElement) -> str | None:
    """The first name the page's markup signs its article with (_SIGNED), its byline's label and
    other roles' credits left out (clean.byline.without_byline_label); None when none looks like a name
    (at most 8 words and 80 characters, no digits)."""
    # At most _SIGNATURES looked at: Politico's menu carries 51 teasers' bylines before the article's.
    for element in _SIGNED(root)[:_SIGNATURES]:
        if element.tag in ("img", "meta", "link", "script", "style"):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in marker for word in _NOT_A_SIGNATURE if word != "share" or "contributor" not in marker) \
                or _IN_A_BUTTON_OR_SECTION(element) \
                or outside_the_article(element, header_is_the_sites=False) or _a_teasers_byline(element) \
                or _IN_A_CAPTION(element):
            continue
        if (listed := _listed_writers(element) or _repeated_signers(element)) is not None:
            return listed
        # A byline box holding the writers' links: the links, and those beside them (_co_signed).
        element = next(iter(element.xpath(".//*[@rel='author' or contains(@itemprop, 'author')]")), element)
        # The name where the byline box holds more (a photo, the date): its itemprop or class says so.
        names = element.xpath(".//*[@itemprop='name']") or _NAME_IN_BOX(element)
        name = without_byline_label(one_line_text(_byline_text(names[0] if names else element)))
        if not names and "," not in name and (link := _the_one_link(element)) is not None:
            name = without_byline_label(one_line_text(link.text_content()))  # not its title beside it
        name = _the_names_part(name.split(" | ")[0])  # "Ángeles Escrivá | Madrid": the byline's place after a bar
        if not _looks_like_a_name(name):  # the names, less the places and dates beside them ("Ann Lee in Kyiv and …")
            name = byline(name) or name
        if _looks_like_a_name(name):
            return ", ".join(_co_signed(element, name))
    return None


# A link to a writer's page, as a byline box and a teaser's item hold one.
_WRITERS_LINK = f"a[@rel='author' or {_TO_A_WRITERS_PAGE}]"
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


def _repeated_signers(byline_box: lxml.html.HtmlElement) -> str | None:
    """The names of a byline box whose children repeat one writer's element, two or more, each with
    the name first and more beside it (Expressen's "byline__author": the name's link and an address;
    NRK's "author": the name and the role), joined with commas; None for a box with fewer. Each is
    read by its name's element (itemprop or a class with "name") or its first link."""
    signers = [child for child in byline_box if isinstance(child.tag, str) and _SIGNATURE_CLASS.search(child.get("class", ""))]
    if len(signers) < 2 or len({(child.tag, child.get("class")) for child in signers}) != 1:
        return None
    names: list[str] = []
    for signer in signers[:_MOST_CO_SIGNED]:
        named = signer.xpath(".//*[@itemprop='name' or contains(@class, 'name')]") or signer.xpath(".//a")
        name = without_byline_label(one_line_text((named[0] if named else signer).text_content()))
        if not _looks_like_a_name(name) or name in names:
            return None
        names.append(name)
    return ", ".join(names)


_SIGNATURE_CLASS = re.compile(r"author|byline", re.IGNORECASE)
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
        if not text.startswith("@") and (len(text.split()) >= 2 or (in_cjk_script(text) and len(text) >= 6)):
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


def _byline_text(byline: lxml.html.HtmlElement) -> str:
    """A byline box's text, its parts apart by a bar where two elements' words touch: the name and
    the writer's title beside it in elements of their own ("<span>Иван Петров</span><span>Журналист
    </span>", one under the other on the page) had read as one word, "Иван ПетровЖурналист"."""
    parts: list[str] = []
    for text in byline.itertext():
        if parts and parts[-1][-1:].isalnum() and text[:1].isalnum():
            parts.append(" | ")
        elif parts and parts[-1][-1:] in (",", ";") and text[:1].isalnum():
            parts.append(" ")  # "<span>By Jane Doe,</span><span>GMA News</span>" (GMA's)
        if text:
            parts.append(text)
    return "".join(parts)


def _the_one_link(byline: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The byline's one link with text, where the byline says more than it: the writer's name, linked
    to their page, with their title beside it (guancha.cn's "<a>王文</a><span>中国人民大学重阳金融研究院
    执行院长</span>"); None where it holds two or more (co-authors') or says nothing else. A byline whose
    name has co-authors after it ("Martin Untersinger (avec Damien Leloup et Morgane Tual)", one link,
    read as three names) is not asked."""
    # Not a link to the writer's handle beside the name ("Jane Doe <a>@janedoe</a>"): the name is the text.
    links = [link for link in byline.iter("a") if (text := link.text_content().strip()) and not text.startswith("@")]
    if len(links) != 1 or len(links[0].text_content().strip()) >= len(byline.text_content().strip()):
        return None
    return links[0]


# An author named under a label of its own, in a list of the article's facts (DW's
# "<li><strong>Author</strong> Ben Knight</li>", "<dt>Автор</dt><dd>Олена Петренко</dd>").
_AUTHOR_LABELS = ("author", "authors", "autor", "autorin", "auteur", "автор", "автори", "авторы", "autorzy", "avtor",
                  "avtorica", "аутор")
_AUTHOR_LABELLED = lxml.etree.XPath(
    "//body//*[self::strong or self::b or self::dt or self::th or self::span][string-length(normalize-space()) < 12]")


def _labelled_author(root: lxml.html.HtmlElement) -> str | None:
    """The name after an author's label that stands in an element of its own (_AUTHOR_LABELS),
    outside the site's chrome: the rest of the label's parent, or the element after a <dt> or <th>."""
    for label in _AUTHOR_LABELLED(root)[:500]:
        written = one_line_text(label.text_content())
        if written.rstrip(":").casefold() not in _AUTHOR_LABELS or outside_the_article(label, header_is_the_sites=False):
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


# The short elements after the article's headline, where a page prints its byline in an element named
# for nothing (g1's "<p class="content-publication-data__from">Por Juliana Ferraz, g1 RS — Porto
# Alegre</p>", RTS's "<div class="storySource">Аутор: Јелена Марковић | Извор: РТС</div>") and its
# text (trafilatura's) left it out. The first few dozen only: a byline sits by the headline.
_SHORT_AFTER = lxml.etree.XPath(
    "following::*[position() <= 120][self::p or self::div or self::span or self::li or self::address or self::small"
    " or self::strong or self::b or self::em][string-length(normalize-space()) <= 120]")


def byline_under_the_headline(heading: lxml.html.HtmlElement, publisher: str | None) -> str | None:
    """The name the first byline line after the article's headline gives (clean.byline.byline_line:
    a byline's label and a name), a part between bars read apart ("Публикувана: 07.12.2021 11:15 |
    Автор: Петър Димитров"); None where none is before the article's text, or it names the site."""
    for element in _SHORT_AFTER(heading):
        # (the name and the writer's role in elements of their own, read apart: the BBC's "Paul Kirby",
        # "BBC News" had read "Paul KirbyBBC News")
        text = one_line_text(_byline_text(element))
        if not text or outside_the_article(element, header_is_the_sites=False) or _IN_A_CAPTION(element):
            continue
        for part in text.split(" | "):
            if (name := byline_line(part)) is not None and _looks_like_a_name(name):
                return someones(name, publisher)
        # Or the source line there, where it names agencies: RTS's "Извор: РТС, Танјуг", the wire
        # its story is from (the outlet beside it is the publisher).
        if len(text) <= _SOURCE_LINE_CHARS and (agencies := agencies_as_source(text)) is not None:
            return agencies
    return None


_SOURCE_LINE_CHARS = 80


def _looks_like_a_name(name: str) -> bool:
    # Not a box's heading: 021news's author box of other stories, "<div class="author"><a>相关文章</a>".
    return bool(name) and len(name) <= _NAME_CHARS and len(name.split()) <= _NAME_WORDS \
        and not any(c.isdigit() for c in name) and name.strip(BOX_HEADING_MARKS).casefold() not in CLOSING_BOXES


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


def page_author(root: lxml.html.HtmlElement, declared_author: Any, meta: dict[str, str], publisher: str | None,
                title_tag: str | None, headlines: tuple[str | None, ...]) -> str | None:
    """An article page's author: the person its data names (JSON-LD's author, meta tags), else the
    byline its markup shows, else a user name it declares; never the site (monitor.bylines), whose
    name is the publisher or, where the page names none, read from its <title> after the headline
    it shows elsewhere (`headlines`: its <h1>, og:title…)."""
    declared = [name for name in (ld_names(persons_first(declared_author)),
                                  *(not_address(meta.get(key)) for key in AUTHOR_META))
                if name is not None and not _ACCOUNT.fullmatch(name.strip()) and not _makers_credit(name)]
    sites = () if publisher else _titles_sites(title_tag, headlines)  # the publisher names the site when given
    author = someones(first_given(*(name for name in declared if not _HANDLE.fullmatch(name))), publisher, sites)
    if author is None or only_organizations(declared_author):
        # None declared by name (an address, article:author's profile link, a user name, names no
        # one), or an organization, where the page may sign the article with a person's name.
        author = someones(_shown_author(root) or _labelled_author(root), publisher, sites) or author
    if author is None:  # a user name is better than nothing: "mikecason" is Mike Cason
        author = someones(first_given(*declared), publisher, sites)
    if author is not None and not publisher:
        # The site's name closing the byline, as its <title> names it ("Сергій Сидоренко — Європейська
        # правда"), or the Associated Press's after its writers: no writer's. (A publisher's name goes
        # where the item is made, monitor.normalize.)
        for site in sites or ("",):
            author = without_the_outlet(author, site)
    return author


def is_the_hosts(author: str, host: str | None) -> bool:
    """Whether a byline is the site as its address names it, an agency it wrote with aside: Le Figaro's
    "Par Le Figaro avec AFP" on lefigaro.fr, where the page names no publisher to tell it by."""
    return is_the_hosts_name(_WITH_AN_AGENCY.sub("", author), host)


_WITH_AN_AGENCY = re.compile(r"\s+(?:avec|with|mit|con|com|and|et|y|und|&)\s+\S.*$", re.IGNORECASE)


# A signature closing the article: its last paragraph a person's name alone, set in bold or to the
# right (Belarusian regional papers' "<p style="text-align: right;"><strong>Наталья Ковальчук</strong></p>").
# In plain type two capitalised words closing a text are as often a slogan's ("Слава Україні").
_SET_APART = lxml.etree.XPath("boolean(self::*[contains(translate(@style, ' ', ''), 'text-align:right')]"
                              " or (count(*) = 1 and (strong or b) and normalize-space(.) = normalize-space(*)))")
_STORY_PARAGRAPHS = 2


def closing_signature(root: lxml.html.HtmlElement) -> str | None:
    """The person's name a page's article closes with as its signature, set apart (_SET_APART);
    None where its last paragraph is none."""
    for last in _LAST_PARAGRAPHS(root):  # (each the last of its siblings: a comment's is one too)
        name = " ".join(last.text_content().split())
        if len(name) > _NAME_CHARS or not _SET_APART(last) or not is_persons_name(name) \
                or sum(1 for p in last.itersiblings("p", preceding=True)) < _STORY_PARAGRAPHS or outside_the_article(last):
            continue
        return name
    return None


_LAST_PARAGRAPHS = lxml.etree.XPath("//body//p[normalize-space()][not(following-sibling::p)]")
