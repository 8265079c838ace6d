"""An article page's main text: JSON-LD's articleBody when the page declares it whole, else
trafilatura's extraction (made for exactly this) unless it took comments or a list of links for
the article, else the <article>/<main> element with the site chrome removed.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from monitor.clean.markup import element_text, html_to_text, looks_like_html, parse_html, without_stray_closers
from monitor.clean.site_lines import is_closing_notice
from monitor.clean.teasers import CUT_MARK, looks_cut
from monitor.clean.titles import TITLE_SEPARATOR
from monitor.clean.text import clean_text, closes_a_sentence
from monitor.clean.words import has_words
from monitor.extract.furniture import CLOSING_BOX_OPENERS
from monitor.extract.regions import CONSENT_NAMES, HOLDS_A_HEADLINE
from monitor.logs import fields

log = logging.getLogger(__name__)


_CHROME = ("nav", "header", "footer", "aside", "form", "figure")
_CHROME_HINTS = ("nav", "menu", "footer", "header", "sidebar", "related", "share", "social", "cookie",
                 "newsletter", "promo", "advert", "comment", "breadcrumb", "subscribe", "banner")


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
    if len(extracted) > len(declared) and holds_the_opening(extracted, declared):
        return extracted
    return declared


def holds_the_opening(whole: str, part: str) -> bool:
    """Whether `whole` holds the opening words of `part` (its cut mark aside), letter case aside: a
    drop cap's small capitals ("THE KREMLIN has…") open the same text as its state's "The Kremlin"."""
    opening = " ".join(CUT_MARK.sub("", part).split()[:_SAME_START_WORDS]).casefold()
    return bool(opening) and opening in " ".join(whole.split()).casefold()


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
                   "about-the-author", "autorbox", "autorenbox", "autor-box",
                   # The site's appeals and offers set in the article: for donations and support
                   # (Premium Times' "support-box", Novaya Gazeta Europe's "inline-donate"), a newsletter's
                   # boxes, an app's. Not "paywall": Condé Nast's sites name every paragraph of the story
                   # so (<p class="paywall">); nor "telegram": an embedded post the story quotes is
                   # named so, and its words stay, as an embedded tweet's do.
                   "donate", "donation", "support-box", "support-us", "supportus", "newsletter-box",
                   "newsletter-signup", "newsletter_signup", "subscribe-box", "subscription-box",
                   "app-promo", "app-banner",
                   # a comments' section as a block of a component ("news-card__comments"), never a page's wrapper
                   "__comments", "comments-section", "comment-section", "comments-block",
                   # DataLife Engine's notice box where its comments' form would be ("Информация / Посетители,
                   # находящиеся в группе Гости, не могут оставлять комментарии…")
                   "berrors",
                   # A think tank's disclaimer box under the text (Carnegie's "…does not take institutional
                   # positions…"), a pull quote repeating the text's own words beside it, a post's notes
                   # under it (Substack's "footnote" boxes, the marks in the text with them)
                   "disclaimer", "pullquote", "pull-quote", "footnote",
                   # a support box named for the site ("zdg-support", Ziarul de Gardă's); a consent platform's
                   # dialog (Quantcast's "qc-cmp2-container", Didomi's, OneTrust's, Polish "rodo" notices)
                   "-support", *CONSENT_NAMES,
                   # ynet's readers' comments ("talkback"), the Times of Israel's members' appeal ("upsell")
                   "talkback", "upsell")
_PHOTO_BOX_NAMES = ("foto", "photo", "caption", "legende", "légende", "bildunterschrift",
                    "picbox", "pictext",  # DW's "picBox", Xinhua's "pictext"
                    "poza",  # Romanian's picture: HotNews's "poza_articol"
                    "kepalairas", "képaláírás",  # Hungarian's caption (Index's "kepalairas")
                    "chart",  # a chart's box, its source under it (Texty's "chart-source" under its <iframe>)
                    # A video's box set in the text: its player, title and running time (CNN's
                    # "Video__Wrapper", the Independent's "inline-video", MailOnline's "mol-video":
                    # "Biden and Putin begin high-stakes video call 00:42"), a short one.
                    "video", "player",
                    # the commonest names of all, a box's picture and its description (Ahram's "news-img",
                    # Roya's "news_img" with its "img_desc")
                    "img", "image",
                    # and an audio player's, "Listen to this article 03:02" (France 24's, RFI's "m-em-audio")
                    "audio")
# A newsletter's offer in a box of its own name (RND's "Newsletterstyled__Newsletter"): a short one; an
# element so named that holds more is a page's part (a newsletter's own archive).
# And a box of the offer to subscribe or become a member, in the region's words too (Jutarnji's
# "pretplata-box", HVG's "hvg-subscribe", 444's "membership-box") or to register (The Economist's
# "layout-article-regwall": "Subscribe to The Economist today … Enjoy 12 weeks for $12."): short ones only. Not "paywall" even
# so: the part of a story behind it is named so, and a short story's is short (Nation's <div class="paywall">).
_SHORT_BOX_NAMES = ("newsletter", "membership", "subscribe", "pretplat", "predplat", "elofizet", "regwall")
# And the paywall's offer set in a box of its own (Libération's "paywall-cta", Repubblica's and Público's
# "paywall-box", Wyborcza's "article--paywall"), in the region's words too (ABC's "suscripcion-abc",
# "abonnement", "abbonati", Público's "assinatura", "prenumerata", "předplatné"): a box, never a
# paragraph (Condé Nast names each of its story's <p> "paywall"), a short one, that makes the offer
# (_OFFER): the part of a short story behind the wall is in a box so named too (Nation's <div class="paywall">).
_OFFER_BOX_NAMES = ("paywall", "suscrip", "suscrib", "abonn", "abbona", "assinat", "prenumer", "předplat",
                    "apoio", "harpide",  # (Proceso's "suscribete-box", Galician "apoio", Basque "harpidetza")
                    "piano")  # the paywall vendor's box (Rzeczpospolita's, SME's)
_OFFER = re.compile(r"abonn|abbona|subscri|suscri|suscrí|assin|prenumer|předplat|predplat|apoia|harpide|subskryb|\bzł\b|€|\$\s?\d|"
                    r"£\s?\d|log ?in|sign ?in|connecte|accedi|entrar|zaloguj|přihlás", re.IGNORECASE)
# And a short comments' section, its heading and a comment or two (Le Figaro's "fig-comments").
_COMMENTS_BOX_NAMES = ("-comments",)
_CONTAINERS_OF_BOXES = frozenset(("div", "section", "aside"))
_SHORT_BOX_CHARS = 400
_NOT_TEXT_NAME = re.compile("|".join(_NOT_TEXT_NAMES))
_PHOTO_BOX_NAME = re.compile("|".join(_PHOTO_BOX_NAMES))
_SHORT_BOX_NAME = re.compile("|".join(_SHORT_BOX_NAMES))
_OFFER_BOX_NAME = re.compile("|".join(_OFFER_BOX_NAMES))
_COMMENTS_BOX_NAME = re.compile("|".join(_COMMENTS_BOX_NAMES))
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
    """An XPath expression for trafilatura's prune_xpath naming the elements _NOT_TEXT_NAME,
    _PHOTO_BOX_NAME and _SHORT_BOX_NAME find, by their exact id or class; None when there are none,
    as on most pages. A photo box's name is left out when any element of that name holds more text,
    or no image; a short box's when any element of that name holds more text."""
    values = _NAME_VALUES(root)
    named = _values_named(values, _NOT_TEXT_NAMES + _PHOTO_BOX_NAMES + _SHORT_BOX_NAMES + _OFFER_BOX_NAMES
                          + _COMMENTS_BOX_NAMES)
    if not named:
        return None
    found: set[str] = set()
    kept: set[str] = set()
    elements = {id(element): element for element in (value.getparent() for value in values if value in named)}
    for element in elements.values():
        marker = f"{element.get('id', '')} {element.get('class', '')}".lower()
        comments = _NOT_TEXT_NAME.search(marker) is not None
        short_box = not comments and (_SHORT_BOX_NAME.search(marker) is not None or (
            element.tag in _CONTAINERS_OF_BOXES and (_COMMENTS_BOX_NAME.search(marker) is not None or (
                _OFFER_BOX_NAME.search(marker) is not None and _OFFER.search(element.text_content()) is not None))))
        if not comments and not short_box and (element.tag == "img" or _PHOTO_BOX_NAME.search(marker) is None):
            continue
        attribute, value = ("id", element.get("id")) if element.get("id") else ("class", element.get("class"))
        if not value or "'" in value or element.find(".//h1") is not None:
            continue
        name = f"@{attribute}='{value}'"
        if comments:
            found.add(name)
        elif short_box:
            (found if len(element.text_content()) <= _SHORT_BOX_CHARS else kept).add(name)
        else:
            short = len(element.text_content()) <= _PHOTO_BOX_CHARS
            # The picture is in the box, or beside the caption, in the element that holds both
            # (NDTV's <p class="ins_instory_dv_caption"> after the <div> of its <img>).
            parent = element.getparent()
            pictured = (_PICTURE(element) or (parent is not None and _PICTURE(parent))
                        or any(_RUNNING_TIME.match(text.strip()) for text in element.itertext())
                        or _EMPTY_PLAYER(element))
            (found if short and pictured else kept).add(name)
    found -= kept
    return [f"//body//*[({' or '.join(sorted(found))}) and not(.//h1)]"] if found else None


# What a caption's box may show: a picture, or a chart, a video or a map another page draws in it.
_PICTURE = lxml.etree.XPath("boolean(descendant::*[self::img or self::iframe or self::video or self::audio or self::embed "
                            "or self::svg])")
# Or the player's own element, empty, that a script draws it in (Focus Online's, BFMTV's <div class="…player" data-…>).
_EMPTY_PLAYER = lxml.etree.XPath("boolean(descendant-or-self::*[contains(translate(@class, 'PLAYER', 'player'), 'player')"
                                 " and not(normalize-space(.))])")
# A player's running time shown over its still ("02:14", "1:02:45"), where the player itself is drawn by a
# script, alone or ahead of the video's title (Global News' "1:52 Ukrainian community in Winnipeg holds
# rally"); or its button's words ("Click to play video: '…'").
_RUNNING_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:$|\s)|click to (?:play|watch) (?:the )?video\b", re.IGNORECASE)


def main_text(markup: str, root: lxml.html.HtmlElement | None = None, url: str | None = None,
              title: str | None = None) -> str:
    """The article's own text: trafilatura first, our own chrome-stripping as the fallback (and in
    its place on a page too large for it: too_large_for_trafilatura)."""
    root = root if root is not None else parse_html(markup)
    if too_large_for_trafilatura(root):
        log.info("page read by the fallback extractor %s", fields(url=(url or "")[:200], reason="too large for trafilatura"))
        return _fallback_text(root, title)
    # Here, not at the top: a process that reads only feeds never needs it (0.2 s of imports).
    import trafilatura

    # Not trafilatura's deduplicate: it drops each paragraph (and a whole text) it has met more than
    # twice in this process, whatever page it was on. A long-running daemon then stored the third
    # outlet's copy of a wire story, or an updated article, without the paragraphs they share, which
    # are what groups copies into one story; the same page's text depended on what came before it.
    unwrapped = _line_breaks_as_spaces(without_stray_closers(_as_trafilatura_should_read_it(markup, root)))
    prune = _not_text(root)
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
    return _fallback_text(root, title)


# trafilatura's precision (2.3, delete_by_link_density with backtracking) takes a block that closes
# its siblings, holds a link and has under 200 characters of text for the site's box after the
# article ("Follow us on …", a link to the next story) and deletes it, whatever the block says: an
# article's closing paragraph set in a <div> with a link in its sentence went, and a live blog's
# oldest entry with its time's permalink. Such a block that reads as a sentence of its own (its words
# but its links' are eight or more and close a sentence) is given to trafilatura with its links
# read as text, and with a short element of links alone (that time, "Share") left out, as
# trafilatura leaves such a paragraph out of the blocks it keeps.
_SHORT_BLOCK_CHARS = 200  # trafilatura's, with precision
_PROSE_WORDS = 8
_LINKS_ALONE_CHARS = 60


def _as_trafilatura_should_read_it(markup: str, root: lxml.html.HtmlElement) -> str:
    """The page's markup, or where trafilatura would delete text for its form alone (a short closing
    block with a link, a block named with an icon's token), the page with that text in another form."""
    blocks = {block for block in _short_closing_blocks(root) if _reads_as_prose(block)}
    iconic = {element for element in _NAMED_WITH_AN_ICON(root) if _holds_running_text(element)}
    premium = {element for element in _PREMIUM_BY_ID(root) if _holds_running_text(element)}
    followed = set(_blocks_followed_by_text(root))
    opening = set(_containers_opening_with_text(root))
    link_boxes = set(_headed_link_lists(root)) | set(_offer_boxes(root))
    if not blocks and not iconic and not premium and not followed and not opening and not link_boxes:
        return markup
    page = copy.deepcopy(root)
    # The copy's elements in the order of the page's: its blocks are where the page's are (the
    # runs are wrapped after the walk, which a new element would throw out of step).
    runs, openers, dropped = [], [], []
    for element, copied in zip(root.iter(), page.iter()):
        if element in blocks:
            _links_as_text(copied)
        if element in iconic:
            copied.set("class", " ".join(name for name in copied.get("class", "").split() if _ICON not in name))
        if element in premium:
            del copied.attrib["id"]
        if element in followed:
            runs.append(copied)
        if element in opening:
            openers.append(copied)
        if element in link_boxes:
            dropped.append(copied)
    for box in dropped:
        box.drop_tree()  # its tail stays
    for block in runs:
        _wrap_the_text_after(block)
    for container in openers:
        _wrap_the_runs(container)
    return lxml.html.tostring(page, encoding="unicode")


# trafilatura's precision leaves out a run of text that follows a block inside its container: the
# Hankyoreh sets its story as text apart by <br> after a photo's box (<div class="image-area"><img>
# <div class="desc">caption</div></div>first paragraph<br><br>…), and its first paragraph went. A
# browser shows such a run as a block of its own; given to trafilatura so, as a <p>.
_BLOCKS = ("div", "figure", "table", "ul", "ol", "section", "blockquote", "p", "h2", "h3", "h4")
_INLINE = frozenset(("br", "a", "b", "strong", "i", "em", "span", "font", "u", "small", "sup", "sub", "abbr", "cite",
                     "q", "mark", "time"))
_RUN_CHARS = 40


def _blocks_followed_by_text(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for block in root.iter(*_BLOCKS):
        if block.tail and len(block.tail) >= _RUN_CHARS and len(block.tail.strip()) >= _RUN_CHARS \
                and (parent := block.getparent()) is not None and parent.tag not in _INLINE:
            yield block


# And a run that opens a container before its first block: CNN Indonesia (the detik network's
# template) sets its story as text apart by <br> in one <div>, its "Lihat Juga" box and an
# advertisement's between paragraphs, and the paragraphs before the first box went. Each run of
# such a container is given as a <p>: the runs after its blocks too, which trafilatura would
# otherwise read as strays beside the first.
_CONTAINERS = ("div", "section", "article", "td")


def _containers_opening_with_text(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for container in root.iter(*_CONTAINERS):
        run = [container.text or ""]
        for child in container:
            if isinstance(child.tag, str) and child.tag not in _INLINE:
                if child.tag in _BLOCKS and len("".join(run).strip()) >= _RUN_CHARS:
                    yield container
                break
            run.append(child.text_content() if isinstance(child.tag, str) else "")
            run.append(child.tail or "")


def _wrap_the_runs(container: lxml.html.HtmlElement) -> None:
    """Each run of text and inline elements among the container's blocks, as a <p> of its own."""
    kept: list[lxml.html.HtmlElement] = []
    run = lxml.html.Element("p")
    run.text, container.text = container.text, None
    for child in list(container):
        if isinstance(child.tag, str) and child.tag not in _INLINE:
            if run.text_content().strip():
                kept.append(run)
            run = lxml.html.Element("p")
            run.text, child.tail = child.tail, None
            kept.append(child)
        else:
            run.append(child)  # its tail moves with it
    if run.text_content().strip():
        kept.append(run)
    container[:] = kept


def _wrap_the_text_after(block: lxml.html.HtmlElement) -> None:
    run = lxml.html.Element("p")
    run.text, block.tail = block.tail, None
    sibling = block.getnext()
    while sibling is not None and (not isinstance(sibling.tag, str) or sibling.tag in _INLINE):
        following = sibling.getnext()
        run.append(sibling)  # its tail moves with it
        sibling = following
    block.addnext(run)


# A box in the text of a heading over a list of links, each item a link and nothing else: the
# site's other stories on the subject (the New York Times' "Understand the Russia-Ukraine Tensions"
# over its explainers, "Mehr zum Thema", "Read more:"). trafilatura drops the list for its links and
# kept the heading, a line of its own in the story's text. The heading is a line, no sentence.
_LINK_LIST_ITEMS = 2
_LINK_LIST_HEADING_CHARS = 80
_LINK_LIST_OTHER_CHARS = 3  # an item's bullet or separator outside its link
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6", "p", "span", "strong", "b", "div"))


def _headed_link_lists(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for listed in root.iter("ul", "ol"):
        box = listed.getparent()
        items = [item for item in listed if item.tag == "li"]
        if box is None or len(items) < _LINK_LIST_ITEMS or len(items) != len(listed) or box.tag == "body":
            continue
        children = [child for child in box if isinstance(child.tag, str)]
        if len(children) != 2 or children[1] is not listed or children[0].tag not in _HEADINGS \
                or (box.text or "").strip() or any((child.tail or "").strip() for child in children):
            continue
        heading = " ".join(children[0].text_content().split())
        if not heading or len(heading) > _LINK_LIST_HEADING_CHARS or closes_a_sentence(heading) \
                or children[0].find(".//a") is not None:
            continue
        if all(_only_a_link(item) for item in items):
            yield box


# A short box of the site's appeal or offer, whatever its name (hashed: Novaya Gazeta's <div class="Wv0nQ">
# "Поддержите «Новую газету» … Стать соучастником"), told by its link to the site's page for it.
_OFFER_PATHS = ("/donate", "/donation", "/support-us", "/support_us", "/supportus", "/subscribe", "/subscription",
                "/membership", "/podpiska", "/podderzhat", "/pidtrymaty", "/pidtrymka", "/abonnement",
                # a newsletter's sign-up box (Gannett's and Tribune's, linked to the site's "/newsletters/")
                "/newsletter", "/signup", "/sign-up")
_OFFER_LINKS = lxml.etree.XPath("//body//a[" + " or ".join(f"contains(@href, '{path}')" for path in _OFFER_PATHS) + "]")
_OFFER_BOX_CHARS = 300
_OFFER_BOX_TAGS = frozenset(("div", "section", "aside"))


def _offer_boxes(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for link in _OFFER_LINKS(root):
        box = link.getparent()
        while box is not None and box.tag not in _OFFER_BOX_TAGS:
            box = box.getparent()
        if box is not None and box.tag != "body" and box.find(".//h1") is None \
                and _shorter_than(box, _OFFER_BOX_CHARS) and len(box.text_content().strip()) > len(link.text_content().strip()):
            yield box


def _only_a_link(item: lxml.html.HtmlElement) -> bool:
    linked = "".join("".join(link.itertext()) for link in item.iter("a"))
    return bool(linked.strip()) and len("".join(item.itertext()).strip()) - len(linked.strip()) <= _LINK_LIST_OTHER_CHARS


# trafilatura (2.3) deletes every element whose class has "-icon" in it, for an icon's box; Der
# Spiegel names each block of its articles' text "RichText RichText--iconLinks …" (its links carry
# an icon), and its stories were stored as their lead and byline. An element so named that holds
# paragraphs of running text loses the name.
_ICON = "-icon"
_NAMED_WITH_AN_ICON = lxml.etree.XPath(f"//body//*[contains(@class, '{_ICON}')]")
# And an element whose id holds "premium", which trafilatura deletes as a paywall's box: Le Figaro's
# subscribers' part of the story, in the page (its JSON-LD's hasPart names it), is "fig-premium-paywall".
_PREMIUM_BY_ID = lxml.etree.XPath("//body//*[contains(@id, 'premium')]")


def _holds_running_text(element: lxml.html.HtmlElement) -> bool:
    """Whether one of an element's paragraphs reads as a sentence (an icon's box has none)."""
    return any(closes_a_sentence(text := " ".join(paragraph.text_content().split())) and has_words(text, _PROSE_WORDS)
               for paragraph in element.iter("p"))


def _short_closing_blocks(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The <div>s that trafilatura's precision deletes for their links whatever they say: each
    closes its siblings, holds an element and a link, and has under _SHORT_BLOCK_CHARS of text."""
    # Not XPath's following-sibling: it reads each <div>'s siblings after it, the square of a
    # page's count of them (40 ms for 3,000 paragraphs each in a <div>); nor its string-length,
    # which reads the whole of each block that holds the article.
    for div in root.iter("div"):
        if len(div) and _closes_its_siblings(div) and div.find(".//a") is not None and _shorter_than(
                div, _SHORT_BLOCK_CHARS) and not _named_for_chrome(div):
            yield div


def _named_for_chrome(element: lxml.html.HtmlElement) -> bool:
    """Whether an element's class or id names the site's chrome (France 24's "o-self-promo")."""
    marker = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return any(hint in marker for hint in _CHROME_HINTS) or _NOT_TEXT_NAME.search(marker) is not None


def _closes_its_siblings(element: lxml.html.HtmlElement) -> bool:
    return all(not isinstance(sibling.tag, str) for sibling in element.itersiblings())


def _shorter_than(element: lxml.html.HtmlElement, chars: int) -> bool:
    length = 0
    for run in element.itertext():
        length += len(run.strip())
        if length >= chars:
            return False
    return True


def _reads_as_prose(block: lxml.html.HtmlElement) -> bool:
    text = " ".join(block.text_content().split())
    own = " ".join(" ".join(_TEXT_OUTSIDE_LINKS(block)).split())
    return 2 * len(own) >= len(text) and closes_a_sentence(own) and has_words(own, _PROSE_WORDS)


_TEXT_OUTSIDE_LINKS = lxml.etree.XPath(".//text()[not(ancestor::a)]")


def _links_as_text(block: lxml.html.HtmlElement) -> None:
    # An element of links alone, short (a time's permalink, the share buttons' "Facebook Twitter"),
    # goes; the links in a sentence are its words.
    for holder in {link.getparent() for link in block.iter("a")} - {block, None}:
        if len(holder.text_content().strip()) < _LINKS_ALONE_CHARS and not "".join(_TEXT_OUTSIDE_LINKS(holder)).strip():
            holder.drop_tree()
    for link in list(block.iter("a")):
        link.drop_tag()


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
    comments (CLOSING_BOX_OPENERS)."""
    return any(line.strip().startswith(CLOSING_BOX_OPENERS) for line in extracted.lstrip().split("\n", 2)[:2])


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


def _fallback_text(root: lxml.html.HtmlElement, title: str | None = None) -> str:
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
        if not HOLDS_A_HEADLINE(element) or any(hint in ("header", "banner") for hint in hints):
            element.drop_tree()
    for path in ("//*[@itemprop='articleBody']", "//article", "//main"):
        found = root.xpath(path)
        if found:
            text = "\n\n".join(element_text(el) for el in found if isinstance(el.tag, str))
            if text.strip():
                return clean_text(text)
    if (from_the_headline := _from_the_headline(root, title)) is not None:
        return from_the_headline
    for body in root.iter("body"):
        if text := element_text(body).strip():
            return clean_text(text)
    return element_text(root)


# A page with no article, main or articleBody to say where its text is: an old site's table layout,
# its columns of menus, news lists and the weather each in a cell of no telling name (ng.ru's,
# Bryansk's: "Погода в Брянске -3°C … Курсы валют"). The article is in the element around its
# headline that holds text enough, after the headline; not the whole <body>. The headline is the
# <h1>, else the element that shows the title's headline (Bryansk's <font class="zag"><b>…</b>).
_CELL_TEXT_CHARS = 400
_HEADLINE_WORDS = 3


def _from_the_headline(root: lxml.html.HtmlElement, title: str | None) -> str | None:
    headline = next((h1 for h1 in root.iter("h1") if h1.text_content().strip() and h1.find(".//img") is None), None)
    if headline is None and title:
        parts = {" ".join(part.split()) for part in TITLE_SEPARATOR.split(title) if has_words(part, _HEADLINE_WORDS)}
        # (An element's whole text only where it is a headline's length at most: a page of 50,000
        # elements, read by this fallback, would otherwise build each large one's text.)
        longest = max(map(len, parts), default=0)
        headline = next((element for element in root.iter("b", "strong", "font", "span", "div", "td", "p", "h2", "h3")
                         if _shorter_than(element, longest + 1)
                         and " ".join(element.text_content().split()) in parts), None) if parts else None
    if headline is None:
        return None
    heading = " ".join(headline.text_content().split())
    for ancestor in headline.iterancestors():
        if ancestor.tag in ("body", "html"):
            return None
        if _shorter_than(ancestor, len(heading) + _CELL_TEXT_CHARS):
            continue
        text = element_text(ancestor)
        at = text.find(heading)
        return clean_text(text[at + len(heading):] if at >= 0 else text)  # (the headline is stored apart)
    return None


# A live page's entries, each a block of its own in one list (the BBC's "lx-stream-post" <article>s,
# Sky's "ncpost" <div>s): trafilatura took the first entry for the text and the rest for a list under
# the key points, their headings gone. Read here in the page's order, each entry's heading over its
# paragraphs, after the points of the page's box of key points. An entry's heading may be in an
# element named for it (Onet's "liveEntryTitle"); its time stamp (the Guardian's "17.15 GMT17:15"
# line) and its share bar's items (CNN's "Link Copied!", Le Monde's "Copier le lien") are no text,
# and a pinned entry the stream shows again at its time is read there only.
_LIVE_ENTRIES = 2
_LIVE_TEXT = lxml.etree.XPath(".//*[self::h2 or self::h3 or self::h4 or self::p or self::li or self::blockquote"
                              " or contains(@class, 'title') or contains(@class, 'Title') or contains(@class, 'headline')]"
                              "[not(ancestor::footer)]")
_KEY_POINTS_NAMES = ("summary", "key-point", "keypoint", "highlights", "key_points", "takeaways", "key-updates")
# The box of key points told by its heading, in the languages of the product's sources (the Washington
# Post's "Here's what to know", El País's "Resumen", Le Monde's "Ce qu'il faut savoir"); not the
# Guardian's "Key events", links to the entries under their times.
_KEY_POINTS_HEADINGS = ("what to know", "what we know", "what we're covering", "key points", "resumen",
                        "lo que sabemos", "ce qu'il faut savoir", "ce qu’il faut savoir", "l'essentiel", "das wichtigste",
                        "главное", "головне", "najważniejsze", "in breve", "o essencial")
_SHARING = ("share", "Share", "social")
_ENTRY_TIME = re.compile(r"\W*\d{1,2}[:.h]\d{2}\b")
_ENTRY_TIME_CHARS = 40
_KEY_POINTS_BOX_CHILDREN = 3


def live_entries_text(root: lxml.html.HtmlElement) -> str | None:
    """A live page's text (_LIVE_ENTRIES entries or more, each with a paragraph or a list), its key
    points first; None where no list of entries is found."""
    best: list[lxml.html.HtmlElement] = []
    for parent in root.iter("main", "div", "section", "ol", "ul", "article"):
        kinds: dict[tuple[str, str], list[lxml.html.HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str) and (child.find(".//p") is not None or child.find(".//li") is not None) \
                    and child.find(".//h1") is None:
                kinds.setdefault((child.tag, (child.get("class") or "").split(" ")[0]), []).append(child)
        for entries in kinds.values():
            if len(entries) > len(best) and len(entries) >= _LIVE_ENTRIES:
                best = entries
    if not best:
        return None
    parts: list[str] = []
    holding = set(best[0].iterancestors())
    for box in root.iter():
        if box is best[0]:
            break
        if isinstance(box.tag, str) and box not in holding and box.find(".//li") is not None and _a_key_points_box(box):
            # (its points, not its heading: CNN's "What we're covering", the BBC's "Главное к этому часу")
            parts.extend(one_line for element in box.iter("li") if (one_line := " ".join(element.text_content().split())))
            break
    texts = [" ".join(entry.text_content().split()) for entry in best]
    for at, entry in enumerate(best):
        if texts[at] and texts[at] in texts[at + 1:]:
            continue  # a pinned entry, read where the stream shows it again
        if _a_key_points_box(entry) and parts:
            continue  # (the box of key points set as the first entry: read already)
        for element in _LIVE_TEXT(entry):
            if _LIVE_TEXT(element) or _in_a_share_bar(element, entry):
                continue
            line = " ".join(element.text_content().split())
            if not line or (len(line) < _ENTRY_TIME_CHARS
                            and (element.find(".//time") is not None or _ENTRY_TIME.match(line) is not None)):
                continue  # the entry's time stamp
            parts.append(line)
    return clean_text("\n\n".join(parts)) if parts else None


def _a_key_points_box(box: lxml.html.HtmlElement) -> bool:
    named = f"{box.get('class') or ''} {box.get('data-qa') or ''} {box.get('id') or ''}".lower()
    if any(name in named for name in _KEY_POINTS_NAMES):
        return True
    if len(box) > _KEY_POINTS_BOX_CHILDREN or box.find(".//li") is None:
        return False
    heading = next((element for element in box.iter("h2", "h3", "h4", "strong", "p") if element is not box), None)
    text = " ".join(heading.text_content().split()).casefold() if heading is not None else ""
    return any(text.startswith(words) or f" {words}" in text[:40] for words in _KEY_POINTS_HEADINGS)


def _in_a_share_bar(element: lxml.html.HtmlElement, entry: lxml.html.HtmlElement) -> bool:
    for at in element.iterancestors():
        if any(word in (at.get("class") or "") for word in _SHARING):
            return True
        if at is entry:
            break
    return any(word in (element.get("class") or "") for word in _SHARING)


def article_text(markup: str, root: lxml.html.HtmlElement, declared: str | None, url: str | None,
                 title: str | None = None) -> str:
    """An article page's main text: JSON-LD's articleBody where the page declares one of 30 words
    or more (or the extraction, where the declared one is cut short and that has more of it), else
    the extraction (main_text)."""
    if declared and has_words(declared, 30):
        text = _declared_text(declared)
        if looks_cut(text):
            return _longer_of_the_same(text, main_text(markup, root, url, title))
        if not has_words(text, _WHOLE_DECLARED_WORDS) and _continues_the_story(
                extracted := main_text(markup, root, url, title), text):
            return extracted
        return text
    return main_text(markup, root, url, title)


# A short articleBody may be the story's first paragraph alone, with no mark of the cut (the
# Hindustan Times declares one of its six): the page's text is taken where it holds the declared one
# and goes on with paragraphs of the story's prose, not the site's lists.
_WHOLE_DECLARED_WORDS = 150
_MORE_PARAGRAPHS = 2
_PROSE_PARAGRAPH_WORDS = 8


def _continues_the_story(extracted: str, declared: str) -> bool:
    last = " ".join(declared.split()[-_SAME_START_WORDS:])
    flat = " ".join(extracted.split())
    if not holds_the_opening(extracted, declared) or not last or (at := flat.find(last)) < 0:
        return False
    following = flat[at + len(last):]
    after = [paragraph for paragraph in extracted.split("\n\n") if " ".join(paragraph.split()) in following]
    prose = [paragraph for paragraph in after
             if has_words(paragraph, _PROSE_PARAGRAPH_WORDS) and closes_a_sentence(paragraph.strip())]
    return len(prose) >= _MORE_PARAGRAPHS
