"""A public Telegram channel's web preview (https://t.me/s/NAME) → one Entry per post with text.

Officials, ministries and newsrooms of the first subject post on Telegram first. The web preview is
the channel's public page of its latest posts (about twenty), plain HTML: each post is a
`tgme_widget_message` element whose `data-post` is "channel/number", with its text, its date and
time as `<time datetime>`, and its link to the post. A post has no headline: the first line of its
text becomes the item's title (normalize), unless the post is a link and a few words: then the linked
page's title, as the post's preview shows it. Posts without text (a photo, a sticker) and service
messages ("channel photo updated") give no entry. The page's `lang` is the reader's interface
language, not the channel's, so a post's language is left to its text. A post forwarded from a
public channel is stored under the original post's address, its author that channel's name. The
preview of the page a post links to (its title and lead) is the item's summary. The channel's
sign-off closing a post (its links to Telegram, handles and name alone) is no part of its text.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from monitor.charset import decode
from monitor.clean.markup import html_to_text, one_line_text, parse_html
from monitor.clean.sign_off import POST_LINK, account_links, without_sign_off
from monitor.errors import ParseError
from monitor.models import Entry, Parsed, RawDocument

_POSTS = lxml.etree.XPath("//div[contains(concat(' ', normalize-space(@class), ' '), ' tgme_widget_message ')]"
                          "[@data-post]")
# The post's own text, not the quote of a message it replies to.
_TEXT = lxml.etree.XPath(".//div[contains(concat(' ', normalize-space(@class), ' '), ' tgme_widget_message_text ')]"
                         "[not(ancestor::*[contains(@class, 'tgme_widget_message_reply')])]")
_TIME = lxml.etree.XPath(".//a[contains(@class, 'tgme_widget_message_date')]//time[@datetime]/@datetime")
_SIGNED = lxml.etree.XPath(".//*[contains(@class, 'tgme_widget_message_from_author')]")
# A post forwarded from another channel: its name, and its link to the original post when that
# channel is public. Not the forward of a message the post replies to.
_FORWARDED = lxml.etree.XPath(".//*[contains(@class, 'tgme_widget_message_forwarded_from_name')]"
                              "[not(ancestor::*[contains(@class, 'tgme_widget_message_reply')])]")
# The preview Telegram shows of the page a post links to: that article's title and lead, what the
# post shares (a post is often the link and a line).
_PREVIEW = lxml.etree.XPath(".//*[contains(@class, 'tgme_widget_message_link_preview')]"
                            "[not(ancestor::*[contains(@class, 'tgme_widget_message_reply')])]"
                            "//*[contains(@class, 'link_preview_title') or contains(@class, 'link_preview_description')]")
# A word that is an address ("desk.example/a/1", "https://…", "www.…"), as a post writes its link.
_ADDRESS_WORD = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-zа-яё]{2,}(?:/\S*)?", re.IGNORECASE)
_FEW_WORDS = 4
_CHANNEL_TITLE = lxml.etree.XPath("//meta[@property='og:title']/@content"
                                  " | //*[contains(@class, 'tgme_channel_info_header_title')]")
POST_ADDRESS = "https://t.me/{post}"


def older_page(page: str, guids: tuple[str, ...]) -> str | None:
    """The preview's page of the posts before the oldest of `guids` ("channel/123"): `?before=123`."""
    numbers = [int(number) for guid in guids if (number := guid.rpartition("/")[2]).isdigit()]
    if not numbers:
        return None
    return f"{page.partition('?')[0].partition('#')[0]}?before={min(numbers)}"


def parse(doc: RawDocument) -> Parsed:
    """The posts with text on a channel's web preview, oldest first as the page lists them."""
    markup = decode(doc.body, doc.charset)
    if not markup.strip():
        raise ParseError("telegram", doc.location, "the page is empty")
    root = parse_html(markup)
    posts = _POSTS(root)
    if not posts:
        raise ParseError("telegram", doc.location, "no posts on this page; a public channel's web preview is "
                                                   "https://t.me/s/NAME")
    channel = _channel_title(root)
    entries = tuple(entry for post in posts if (entry := _entry(post, channel)) is not None)
    return Parsed(entries=entries, title=channel)


def _entry(post: lxml.html.HtmlElement, channel: str | None) -> Entry | None:
    if "service_message" in (post.get("class") or ""):
        return None
    texts = _TEXT(post)
    if not texts:
        return None
    # A post's line break is a paragraph's end: a page's single <br> is a space to the text, and the
    # post's bold first line ran into its text, its list's items into one line.
    markup = lxml.html.tostring(texts[0], encoding="unicode").replace("<br>", "<br><br>")
    body = without_sign_off(html_to_text(markup), account_links(texts[0]), channel)
    if not body:
        return None
    post_id = post.get("data-post", "").strip().strip("/")
    times = _TIME(post)
    signed = _SIGNED(post)
    forwarded = _FORWARDED(post)
    origin = POST_LINK.fullmatch((forwarded[0].get("href") or "").strip()) if forwarded else None
    preview = _PREVIEW(post)
    return Entry(
        title=_title(body, preview),
        # A forward is the original post: under its address, the channels that forward it and the
        # one that wrote it give one item, seen by each. Its own number stays its GUID (paging).
        url=POST_ADDRESS.format(post=f"{origin.group(1)}/{origin.group(2)}") if origin
        else POST_ADDRESS.format(post=post_id),
        guid=post_id,
        author=(one_line_text((forwarded or signed)[0].text_content()) or None) if forwarded or signed else None,
        publisher=channel,
        published=str(times[0]).strip() if times else None,
        summary="\n\n".join(filter(None, (one_line_text(part.text_content()) for part in preview))) or None,
        body=body,
    )


def _title(body: str, preview: list[lxml.html.HtmlElement]) -> str | None:
    """The title of the page a post links to, when the post is that link and a few words ("Читайте
    у нас: site/a/1", "Срочно 👇 https://…"): those words are no headline, the page's is. Else None:
    the post's first line is its title (normalize)."""
    words = body.split()
    said = [word for word in words if not _ADDRESS_WORD.fullmatch(word)]
    if len(said) == len(words) or len(said) > _FEW_WORDS:
        return None
    for part in preview:
        if "link_preview_title" in (part.get("class") or ""):
            return one_line_text(part.text_content()) or None
    return None


def _channel_title(root: lxml.html.HtmlElement) -> str | None:
    for found in _CHANNEL_TITLE(root):
        title = one_line_text(found if isinstance(found, str) else found.text_content())
        if title:
            return title
    return None
