"""Links that stand for another address: Google News's article links and the redirects of search
engines and aggregators, which carry the article's own address (redirect_target); and a public
Telegram channel's link, whose web preview is what is read (telegram_preview)."""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qsl, urlsplit


# Google News links every item through news.google.com/rss/articles/<id> (until 2022, through
# news.google.com/__i/rss/rd/articles/<id>, in every language's edition). Ids of the years our
# first subject covers (to 2024) are the article's own address, base64url-encoded in a small
# protobuf message (field 1 a number, then the address as a length-prefixed string); newer ids hold
# a key only Google resolves, and are left as they are.
_GOOGLE_NEWS_HOSTS = frozenset({"news.google.com"})
_GOOGLE_NEWS_PATH = re.compile(r"/(?:__i/rss/rd/|rss/)?articles/([A-Za-z0-9_-]{4,})")


def _google_news_id(url: str | None) -> str | None:
    if not url or "news.google.com" not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    found = _GOOGLE_NEWS_PATH.match(parts.path)
    return found.group(1) if found is not None and (parts.hostname or "") in _GOOGLE_NEWS_HOSTS else None


def is_google_news_article(url: str | None) -> bool:
    """Whether a link is Google News's redirect to an article (news.google.com/rss/articles/<id>)."""
    return _google_news_id(url) is not None


def google_news_article(url: str | None) -> str | None:
    """The publisher's address a Google News article link stands for, when its id holds one."""
    encoded = _google_news_id(url)
    if encoded is None:
        return None
    try:
        message = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (ValueError, binascii.Error):
        return None
    return _first_address(message)


# Links that carry the article's address in a query parameter: Google Alerts' feeds
# (www.google.com/url?…&url=…), Bing News's (bing.com/news/apiclick.aspx?…&url=…), Facebook's, and
# Yandex News's (news.yandex.ru/yandsearch?cl4url=ria.ru%2F…), which leaves out the address's scheme.
_QUERY_REDIRECTS = {
    ("www.google.com", "/url"): ("url", "q"), ("google.com", "/url"): ("url", "q"),
    ("www.bing.com", "/news/apiclick.aspx"): ("url",), ("bing.com", "/news/apiclick.aspx"): ("url",),
    ("l.facebook.com", "/l.php"): ("u",), ("lm.facebook.com", "/l.php"): ("u",),
    **{(f"news.yandex.{zone}", "/yandsearch"): ("cl4url",) for zone in ("ru", "ua", "by", "kz", "com")},
}
# An address without its scheme, as Yandex News gives it: a host with a dot, then a path.
_SCHEMELESS = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?/\S*", re.IGNORECASE)


def redirect_target(url: str | None) -> str | None:
    """The article's own address a search engine's or an aggregator's redirect link stands for:
    Google News's (google_news_article) or one that carries it in its query (_QUERY_REDIRECTS)."""
    if not url:
        return None
    if (article := google_news_article(url)) is not None:
        return article
    if "/url?" not in url and "apiclick" not in url and "l.php" not in url and "cl4url" not in url:
        return None  # most links: no urlsplit
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    names = _QUERY_REDIRECTS.get(((parts.hostname or "").lower(), parts.path.lower()))
    if names is None:
        return None
    query = dict(parse_qsl(parts.query))
    for name in names:
        target = query.get(name, "").strip()
        if target.lower().startswith(("https://", "http://")):
            return target
        if name == "cl4url" and _SCHEMELESS.fullmatch(target):
            return f"http://{target}"  # the site sends it on to https where it has it
    return None


def _first_address(message: bytes) -> str | None:
    """The first length-delimited field of a protobuf message that is an http(s) address."""
    position = 0
    for _ in range(4):  # the address is the second field; a few more are looked at, no further
        tag, position = _varint(message, position)
        if tag is None:
            return None
        if tag & 7 == 0:  # a number
            _, position = _varint(message, position)
        elif tag & 7 == 2:  # bytes
            length, position = _varint(message, position)
            if length is None or position + length > len(message):
                return None
            value = message[position:position + length]
            position += length
            if value.startswith((b"https://", b"http://")):
                try:
                    address = value.decode("ascii")
                except UnicodeDecodeError:
                    return None
                return address if not any(c in address for c in " \t\r\n\"<>") else None
        else:
            return None
    return None


def _varint(data: bytes, position: int) -> tuple[int | None, int]:
    value = shift = 0
    while position < len(data) and shift < 64:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
        shift += 7
    return None, position


# t.me/NAME, t.me/s/NAME, t.me/NAME/123 (a post), telegram.me/NAME: a public channel, whose web
# preview is t.me/s/NAME. Not its other paths: invitations (joinchat, +…), sticker sets, share links.
_TELEGRAM = re.compile(r"https?://(?:www\.)?(?:t|telegram)\.me/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})(?:/\d+)?/?"
                       r"(?:[?#].*)?", re.IGNORECASE)
_TELEGRAM_PATHS = frozenset({"joinchat", "addstickers", "addemoji", "share", "proxy", "socks", "iv", "login",
                             "setlanguage", "addtheme", "confirmphone", "bg", "invoice", "boost"})


def telegram_preview(url: str) -> str | None:
    """The web preview (https://t.me/s/NAME) of the public Telegram channel a link names, or None."""
    found = _TELEGRAM.fullmatch(url.strip())
    if found is None or found.group(1).lower() in _TELEGRAM_PATHS:
        return None
    return f"https://t.me/s/{found.group(1)}"
