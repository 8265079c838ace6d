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


# The line a bridge writes over a post forwarded from another channel (RSSHub's "Forwarded From ТАСС",
# rss-bridge's "Forwarded from Суспільне Волинь"), and the same ahead of the title RSSHub makes of it
# ("Forwarded From ТАСС: Песков: …"). The channel it came from is the post's source, not its words.
_FORWARDED_LINE = re.compile(r"(?:Forwarded [Ff]rom|Переслано от|Переслано з)\s+(?P<name>[^\n]{1,80}?)\s*(?:\n+|$)")
_FORWARDED_MARKUP = re.compile(r"(?:Forwarded [Ff]rom|Переслано от|Переслано з)\s*(?:<[^<>]*>\s*)*(?P<name>[^<>\n]{1,80}?)\s*<")
_FORWARDED_TITLE = re.compile(r"(?:Forwarded [Ff]rom|Переслано от|Переслано з)\s+[^:\n]{1,80}:\s+")
# A bridge's title for a post with no words of its own: the kind of its media in brackets ("[Photo]",
# RSSHub's), or the post's only link.
_MEDIA_TITLE = re.compile(r"\[(?:Photo|Video|Audio|Poll|Sticker|Document|File|GIF|Album|Voice)\]|https?://\S+",
                          re.IGNORECASE)


def forwarded_from(text: str, markup: str | None) -> tuple[str, str | None]:
    """A bridged post's text without the line naming the channel it was forwarded from, and that
    channel's name (its link's text in the item's `markup`, where the line runs into the post's
    first: RSSHub's "<b>Forwarded From <a>ТАСС</a></b><br>Песков: …"); the text as it is and None
    where it opens otherwise."""
    if not text.startswith(("Forwarded", "Переслано")):
        return text, None
    if markup and (marked := _FORWARDED_MARKUP.search(markup[:_FORWARDED_MARKUP_CHARS])) is not None:
        label = text[:text.find(" ")]
        rest = text[len(label):].lstrip()
        rest = rest[len("From"):].lstrip() if rest[:4].casefold() == "from" else rest  # (the label's second word)
        if rest.startswith(name := marked.group("name").strip()) and rest[len(name):].strip():
            return rest[len(name):].lstrip(), name
    if (found := _FORWARDED_LINE.match(text)) is None or found.end() == len(text):
        return text, None
    return text[found.end():].lstrip(), found.group("name")


_FORWARDED_MARKUP_CHARS = 600


def bridged_title(title: str) -> str:
    """A bridged post's title without the forwarded line ahead of it; "" for a title that is only a
    media kind's placeholder or a link (the post's first paragraph is its title then)."""
    if _MEDIA_TITLE.fullmatch(title):
        return ""
    return _FORWARDED_TITLE.sub("", title, count=1) if title.startswith(("Forwarded", "Переслано")) else title
