"""HTML to clean text: lxml parses it (fast and forgiving), BeautifulSoup where lxml refuses the
bytes; scripts, styles and forms dropped, block elements as paragraphs, a feed platform's signature
paragraph, its plugins' blocks (monitor.clean.plugins) and a teaser's closing link to its own item left out.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import lxml.etree
import lxml.html

from monitor.clean.plugins import drop_plugin_blocks, has_plugin_blocks, remove_keeping_tail
from monitor.clean.text import clean_text, without_invisible
from monitor.clean.words import has_words
from monitor.urls import page_address

# Not <embed>/<object>: libxml2 nests the text after an unclosed <embed> inside it.
_DROP = {"script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "button", "select", "input", "textarea", "form", "head", "title", "meta", "link",
         "menu"}  # a toolbar's or a site's links (Yandex Turbo's <menu> in every item's content)
# A picture's caption tells of the picture, not the story, and its credit names an agency rules
# look for ("Министр. Фото: РИА Новости"); a page's text, as trafilatura reads it, has none. Kept
# where the rest is little or nothing (a photo's item: CAPTIONS_KEPT_UNDER_WORDS).
_DROP_AND_CAPTIONS = _DROP | {"figcaption"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "blockquote",
          "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "thead", "tbody", "tfoot",
          "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "hr", "address", "details",
          "summary", "caption", "center", "body", "html"}
_CELL = {"td", "th"}
_STRAY_CLOSERS = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_DOCUMENT = re.compile(r"<(?:!doctype|html|head|body)[\s>]", re.IGNORECASE)
# A feed's signature: the closing paragraph a publishing platform adds to every item, linking to the
# item's own page and naming where it appeared: "The post <a href=ITEM>Title</a> appeared first on
# <a>Site</a>." (WordPress's Yoast SEO, in the site's language), "<a href=ITEM>Title</a> was
# originally published in <a>Publication</a> on Medium, where people are continuing the
# conversation…", Reddit's "submitted by /u/… to /r/… [link] [comments]". Kept, it puts the site's
# name in every item's text, where rules find it (a rule on "Kyiv" fires on every item of a "Kyiv
# Post"), and two sites' copies of one story differ by it. A story's own closing paragraph seldom
# links to the story itself; when it does, it is still kept if it says more than a signature does.
SIGNATURE_MAX_CHARS = 400  # the whole paragraph
SIGNATURE_OWN_CHARS = 200  # its text outside the links to the item (Medium's is the longest, ~170)
# Around the text of a link to the item, while the tree becomes text: Unicode noncharacters, which
# no text a site sends holds.
_OWN_LINK, _OWN_LINK_END = "\ufdd0", "\ufdd1"
_OWN_LINK_TEXT = re.compile(f"{_OWN_LINK}[^{_OWN_LINK_END}]*(?:{_OWN_LINK_END}|$)")
# A teaser's closing link to its item ("… Continue reading →", "[…] Read more »", "Читать далее"):
# after the end of a sentence (Chinese's and Japanese's "。" too), the text's last words, at most an
# arrow or an ellipsis after it. A link within a sentence ("…, the agency reported") does not follow
# a sentence's end, and stays.
_CLOSING_OWN_LINK = re.compile(
    rf"(?:(?<=[.!?…»\"”)。！？」』।])|(?<=…\])|(?<=\.\.\.\]))\s*{_OWN_LINK}[^{_OWN_LINK_END}]{{1,150}}{_OWN_LINK_END}[\s→»›>…]*\Z")
_LINKS_HOLDING = lxml.etree.XPath("descendant-or-self::a[contains(@href, $tail) or contains(@href, $decoded)]")
_LOOKS_LIKE_HTML = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*[\s/>]|!--|!\[CDATA\[)|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def looks_like_html(text: str) -> bool:
    """Whether text carries markup or entities (feeds often do without saying so)."""
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(markup: str, page: str | None = None) -> str:
    """HTML (a fragment or a page, already decoded) → clean text with block elements as paragraphs.

    `page`: the address of the item the HTML is the text of (a feed entry's link). A closing
    paragraph that links to it and says little else, a feed's signature, is left out. Markup
    escaped twice (its text is markup again) is read once more."""
    text = _html_text(markup, page)
    if _ESCAPED_MARKUP.match(text) and "</" in text:
        return _html_text(text, page) or text
    return text


# Markup escaped once too often (a CMS escaping its HTML, then the feed escaping it again, or
# "&lt;p&gt;" inside CDATA): once read, the text starts with an HTML tag (a comment may come
# first: Reddit's "<!-- SC_OFF -->") and holds a closing tag.
# A text that shows a tag ("<br />" in a <code>) has no closing one, or does not start with it.
_ESCAPED_MARKUP = re.compile(r"\s*(?:<!--[^<>]{0,200}-->\s*)?<(?:p|div|br|span|img|a|b|strong|em|i|ul|ol|li|h[1-6]|"
                             r"figure|table|blockquote|section|article)\b[^<>]*>", re.IGNORECASE)


def _html_text(markup: str, page: str | None) -> str:
    if not markup or not markup.strip():
        return ""
    if not looks_like_html(markup):
        return clean_text(markup)
    try:
        root = _text_tree(markup)
    except (lxml.etree.LxmlError, ValueError):
        return _html_to_text_bs4(markup)
    if has_plugin_blocks(markup):
        drop_plugin_blocks(root)
    if "<form" in markup or "#/portal/" in markup:
        _drop_sign_up_boxes(root)
    captioned = "figcaption" in markup or ("wp-caption" in markup and _captions_by_class(root))
    if page is None or not _mark_links_to(root, markup, page):
        return _text_or_captions(root, captioned)
    return _without_signature(_text_or_captions(root, captioned))


# A newsletter's sign-up box set in a post (Ghost's "newsletter-box": its offer, then the form for the
# address), and a button to its sign-up page alone (Ghost's "kg-button-card" to "#/portal/signup"): the
# form goes as markup, the offer and the button's words stayed as the post's.
_SIGN_UP_FORMS = lxml.etree.XPath("//form[.//input[@type='email' or contains(@name, 'mail')]]")
_SIGN_UP_LINKS = lxml.etree.XPath("//a[starts-with(@href, '#/portal/')]")
_SIGN_UP_BOX_CHARS = 200
_BOX_TAGS = frozenset(("div", "section", "aside", "p"))


def _drop_sign_up_boxes(root: lxml.etree._Element) -> None:
    for marker in [*_SIGN_UP_FORMS(root), *_SIGN_UP_LINKS(root)]:
        box = marker.getparent()
        while box is not None and box.tag not in _BOX_TAGS:
            box = box.getparent()
        if box is None or box.getparent() is None:
            continue
        shown, marked = " ".join("".join(box.itertext()).split()), " ".join("".join(marker.itertext()).split())
        paragraphs = sum(1 for element in box.iter("p") if not _inside(element, marker))
        # A form's box: its offer, a paragraph at most, short; a button's: its words alone.
        if (marker.tag == "form" and len(shown) - len(marked) <= _SIGN_UP_BOX_CHARS and paragraphs <= 1) \
                or (marker.tag == "a" and shown == marked):
            remove_keeping_tail(box)


def _inside(element: lxml.etree._Element, ancestor: lxml.etree._Element) -> bool:
    return element is ancestor or any(parent is ancestor for parent in element.iterancestors())


# WordPress's captions before HTML5, as its [caption] shortcode and galleries write them in a post's
# content: <p class="wp-caption-text">, <dd class="wp-caption-dd">. Figcaptions in all but name.
_CAPTION_CLASSES = frozenset({"wp-caption-text", "wp-caption-dd"})
_CLASSED_AS_A_CAPTION = lxml.etree.XPath("descendant::*[contains(@class, 'wp-caption-')]")


def _captions_by_class(root: lxml.etree._Element) -> bool:
    """Make each caption told by its class (_CAPTION_CLASSES) a <figcaption>; whether one was."""
    found = False
    for element in _CLASSED_AS_A_CAPTION(root):
        if not _CAPTION_CLASSES.isdisjoint(element.get("class", "").split()):
            element.tag = "figcaption"
            found = True
    return found


def _text_or_captions(root: lxml.etree._Element, captioned: bool) -> str:
    text = element_text(root)
    # Words are counted in the text's opening only: splitting all of a long text cost 15 µs an item.
    if not captioned or has_words(text[:_WORDS_LOOKED_AT_CHARS], CAPTIONS_KEPT_UNDER_WORDS):
        return text
    return element_text(root, keep_captions=True)  # a photo's item: its captions tell what the rest does not


CAPTIONS_KEPT_UNDER_WORDS = 20  # a text of fewer words keeps its pictures' captions
_WORDS_LOOKED_AT_CHARS = 400


def _mark_links_to(root: lxml.html.HtmlElement, markup: str, page: str) -> bool:
    """Put the text of each link to `page` between _OWN_LINK and _OWN_LINK_END; whether one was."""
    # Most items' HTML has no link to themselves: a search of the markup for the page's path (as
    # sent, or percent-encoded) spares reading every link's address. `page` is a canonical URL, so
    # its path is what follows the third "/", up to a "?".
    path = "/" + page.split("/", 3)[-1].partition("?")[0].rstrip("/") if page.count("/") >= 3 else ""
    decoded = unquote(path) if "%" in path else path
    if len(path) < 2 or (path not in markup and (decoded is path or decoded not in markup)):
        return False
    own = page_address(page)
    # Only the links whose address holds the path's last segment (as sent, or percent-encoded) may
    # be to the page; libxml2 finds them without a Python object for every link.
    tail = path.rsplit("/", 1)[-1]
    marked = False
    for link in _LINKS_HOLDING(root, tail=tail, decoded=decoded.rsplit("/", 1)[-1]):
        href = link.get("href")
        # "#note-1": a place in this text (a footnote), not the item's page as a whole.
        if href.lstrip().startswith("#") or page_address(href, page) != own:
            continue
        link.text = _OWN_LINK + (link.text or "")
        if len(link):
            link[-1].tail = (link[-1].tail or "") + _OWN_LINK_END
        else:
            link.text += _OWN_LINK_END
        marked = True
    return marked


def _without_signature(marked: str) -> str:
    """Text whose links to its item are marked, without its closing paragraph if that is a signature
    (see SIGNATURE_MAX_CHARS) or its closing link (_CLOSING_OWN_LINK), and without the marks."""
    head, _, last = marked.rpartition("\n\n")
    if _is_signature(last) and head.strip(_OWN_LINK + _OWN_LINK_END + " \n") and not _sentence_then_its_link(last):
        marked = head
    marked = _CLOSING_OWN_LINK.sub("", marked, count=1)
    # The marks may have stood alone (a link around an image): clean again what is left.
    return clean_text(marked.replace(_OWN_LINK, "").replace(_OWN_LINK_END, ""))


def _sentence_then_its_link(paragraph: str) -> bool:
    """Whether a paragraph is the story's sentence, then the item's link alone ("Die Versammlung findet
    nun im März statt. Weiterlesen"): its last words, not a signature; the link goes (_CLOSING_OWN_LINK)."""
    closing = _CLOSING_OWN_LINK.search(paragraph)
    return closing is not None and paragraph.count(_OWN_LINK) == 1 and has_words(paragraph[:closing.start()], 4)


def _is_signature(paragraph: str) -> bool:
    if _OWN_LINK not in paragraph:
        return False
    if len(paragraph) - paragraph.count(_OWN_LINK) - paragraph.count(_OWN_LINK_END) > SIGNATURE_MAX_CHARS:
        return False
    return len(_OWN_LINK_TEXT.sub("", paragraph).strip()) <= SIGNATURE_OWN_CHARS


def without_stray_closers(markup: str) -> str:
    """A page's markup without its </body> and </html>: an advertisement's include that prints them
    mid-page (Bloknot's adfox) would end the page there for a parser, and a browser shows what follows."""
    return _STRAY_CLOSERS.sub("", markup)


def parse_html(markup: str) -> lxml.html.HtmlElement:
    """A forgiving lxml tree for a page or a fragment."""
    markup = markup.replace("\x00", "")
    if _DOCUMENT.search(markup[:4096]):
        # Text after a premature </body> or </html> is still part of the page as browsers show it.
        return lxml.html.document_fromstring(without_stray_closers(_strip_xml_declaration(markup)))
    # In a fragment a stray </body> or </html> would make lxml drop everything after it.
    markup = without_stray_closers(markup)
    try:
        return lxml.html.fragment_fromstring(markup, create_parent="div")
    except ValueError:
        # Text ahead of the fragment's first tag is set as a node's text, which lxml refuses with a
        # control character in it (the parser itself reads them): without the invisible characters
        # clean_text removes, its vertical tab and form feed a space as there (Word's line break), once.
        markup = _SPACED_BREAK.sub("", without_invisible(markup)).translate(_NOT_IN_XML)
        return lxml.html.fragment_fromstring(markup, create_parent="div")


_SPACED_BREAK = re.compile("[\x0b\x0c]+(?= )")  # a space follows already
_NOT_IN_XML = {0x0B: " ", 0x0C: " ", 0xFFFE: None, 0xFFFF: None}


# html_to_text reads a plain tree: lxml.html's elements are found their class by a Python method
# for every element the walk touches, an eighth of html_to_text's time on bench_peer's items.
_PLAIN_HTML = lxml.etree.HTMLParser()


def _text_tree(markup: str) -> lxml.etree._Element:
    """The tree parse_html makes, of plain lxml elements: the page, or a fragment under its <body>."""
    markup = markup.replace("\x00", "")
    document = _DOCUMENT.search(markup[:4096]) is not None
    markup = without_stray_closers(_strip_xml_declaration(markup) if document else markup)
    root = lxml.etree.fromstring(markup if document else f"<html><body>{markup}</body></html>", _PLAIN_HTML)
    if root is None:
        raise lxml.etree.ParserError("Document is empty")
    if document:
        return root
    body = root.find("body")
    return body if body is not None else root


def _strip_xml_declaration(markup: str) -> str:
    # lxml refuses str input that declares an encoding; the text is decoded already.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", markup, count=1)


def element_text(root: lxml.html.HtmlElement, keep_captions: bool = False) -> str:
    """Clean text of an lxml element and everything under it (but pictures' captions, unless told)."""
    pieces: list[str] = []
    _walk(root, pieces, _DROP if keep_captions else _DROP_AND_CAPTIONS)
    return clean_text("".join(pieces))


def _walk(element: lxml.html.HtmlElement, pieces: list[str], drop: set[str]) -> None:
    # Each of lxml's .tag, .text and .tail makes a new str when read, so each is read once; the walk
    # visits every element of every item's text (a quarter off its time on bench_peer's items).
    raw = element.tag
    if not isinstance(raw, str):  # comments and processing instructions
        if tail := element.tail:
            pieces.append(tail)
        return
    tag = _TAG_NAMES.get(raw) or _tag_name(raw)
    if tag in drop:
        if tail := element.tail:
            pieces.append(tail)
        return
    block = tag in _BLOCK
    if block:
        pieces.append("\n\n")
    elif tag == "br":
        pieces.append("\n")
    elif tag in _CELL:
        pieces.append(" ")
    if text := element.text:
        pieces.append(text)
    for child in element:
        _walk(child, pieces, drop)
    if block:
        pieces.append("\n\n")
    if tail := element.tail:
        pieces.append(tail)


def _tag_name(raw: str) -> str:
    """An element's name as _walk's sets write it: lower case, an XHTML namespace dropped."""
    return raw.lower().rsplit("}", 1)[-1]


# The names of the elements a text is made of, looked up rather than made (a page's own names,
# unbounded, are made each time).
_TAG_NAMES = {name: name for name in _DROP_AND_CAPTIONS | _BLOCK | _CELL | {
    "br", "a", "span", "b", "i", "em", "strong", "img", "sup", "sub", "small", "u", "s", "time", "abbr", "cite",
    "q", "mark", "font", "picture", "source", "video", "audio", "wbr", "del", "ins", "code", "label"}}


def _html_to_text_bs4(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(list(_DROP)):
        element.decompose()
    for element in soup.find_all("br"):
        element.replace_with("\n")
    for element in soup.find_all(list(_BLOCK)):
        element.insert_before("\n\n")
        element.insert_after("\n\n")
    return clean_text(soup.get_text())


def one_line_text(text: str | None) -> str:
    """A title or name: clean, and on one line."""
    if not text:
        return ""
    cleaned = html_to_text(text) if looks_like_html(text) else clean_text(text)
    return " ".join(cleaned.split())
