"""A Telegram channel's sign-off closing its posts: a paragraph of nothing but links to Telegram
accounts (the channel's own, its bot's, its backup channel's), handles and the channel's name
("Подписаться | Прислать новость", "Desk UA | Подписаться", "@desk_ua"), the same under every
post. Read off a channel's web preview (sources.telegram) and off a feed of its posts, as bridges
such as RSSHub make them, whose items link to the posts (normalize).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.etree

from monitor.clean.markup import looks_like_html, one_line_text, parse_html

# A post's address: https://t.me/NAME/123 (or the preview's https://t.me/s/NAME/123).
POST_LINK = re.compile(r"https://t\.me/(?:s/)?([A-Za-z0-9_]{4,})/(\d+)")
# Links to a Telegram channel, bot or invitation in a post's text (the channel's own, its bot's, its
# backup channel's), not to a post ("https://t.me/mod_russia/123": what the post quotes).
_LINKS = lxml.etree.XPath(".//a[@href]")
_TELEGRAM_ACCOUNT = re.compile(r"https?://(?:t|telegram)\.me/(?:\+|joinchat/)?[\w-]+/?(?:\?\S*)?")
_HANDLE = re.compile(r"@[A-Za-z0-9_]{4,}")
# What a bridge adds to the channel's name in its feed's title ("Desk UA - Telegram Channel").
_BRIDGE_SUFFIX = re.compile(r"\s+[-–—|]\s+Telegram\b.*$", re.IGNORECASE)


def account_links(element: lxml.etree._Element) -> list[str]:
    """The texts of the links to Telegram accounts (not to posts) in a post's element."""
    return [said for link in _LINKS(element)
            if _TELEGRAM_ACCOUNT.fullmatch(link.get("href", "").strip()) and (said := one_line_text(link.text_content()))]


def without_sign_off(body: str, links: Iterable[str], channel: str | None) -> str:
    """The post's text without its closing paragraph where that is nothing but the texts of `links`
    (account_links), handles and the channel's name; the text as it is when nothing else is left."""
    head, joint, last = body.rpartition("\n\n")
    if not joint or not head.strip():
        return body
    rest = _HANDLE.sub(" ", last)
    for said in links:
        rest = rest.replace(said, " ")
    if channel:
        rest = rest.replace(channel, " ")
    return head if not any(c.isalnum() for c in rest) else body


def without_feed_posts_sign_off(text: str, markup: str | None, channel: str | None) -> str:
    """A feed item's text (of a Telegram post: its link is POST_LINK) without the channel's
    sign-off, read with the links of the item's `markup`."""
    if not text or "\n\n" not in text:
        return text
    links = account_links(parse_html(markup)) if markup and looks_like_html(markup) else []
    return without_sign_off(text, links, _BRIDGE_SUFFIX.sub("", channel) if channel else None)
