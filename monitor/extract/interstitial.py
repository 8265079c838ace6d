"""A bot check or a consent page served in the article's place, with a 200 (Cloudflare's "Just a
moment...", DDoS-Guard's, DataDome's): told by its title or a mark such pages carry, and always
by having little text.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from monitor.clean.markup import element_text, one_line_text, parse_html
from monitor.clean.words import has_words
from monitor.extract.headline import title_text

log = logging.getLogger(__name__)


# A bot check served in place of the page, with a 200 ("Just a moment..." from Cloudflare, DDoS-Guard's,
# Yandex's SmartCaptcha, DataDome's, PerimeterX's): its few words stored as the article would be an
# item called "Just a moment...", or a full-text item's body. Told by the page's <title>, or by a
# mark only such pages carry (their challenge's script, their form), and always by having little
# text: a short article on a site behind such a service keeps its own title and text.
_BOT_CHECK_TITLES = frozenset((
    "just a moment...", "just a moment…", "attention required! | cloudflare", "один момент…", "один момент...",
    "ddos-guard", "checking your browser", "checking your browser before accessing", "please wait...",
    "проверка браузера", "проверка браузера...", "вы не робот?", "are you a robot?", "are you not a robot?",
    "security check", "access to this page has been denied.", "captcha", "ой!",
    # a firewall's refusal served with a 200: Akamai's, Sucuri's, Wordfence's
    "access denied", "sucuri website firewall - access denied", "sucuri website firewall - cloudproxy - access denied",
    "one moment, please...",
))
_BOT_CHECK_MARKS = ("window._cf_chl_opt", "cf-browser-verification", "captcha-delivery.com", 'id="px-captcha"',
                    "/showcaptcha?", "incapsula incident id", "ddos-guard.net/", "servicepipe.ru/",
                    # Akamai's refusal names its error server (its dots written as references);
                    # Wordfence's says what it is in its heading
                    "errors&#46;edgesuite&#46;net", "errors.edgesuite.net", "your access to this site has been limited")
BOT_CHECK_MAX_WORDS = 80


def bot_check_reason(markup: str, title_tag: str | None, text: str, url: str | None) -> str | None:
    """What shows that a page is a bot check (its title, or a mark of one) or a cookie-consent page
    redirected to (consent.google.com, consent.yahoo.com: a host named "consent."), or None."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # an address that is no URL ("http://[::1"): no host to tell by
        host = ""
    if host.startswith("consent."):
        return f"a consent page at {host}"
    if has_words(text, BOT_CHECK_MAX_WORDS + 1):
        return None
    title = one_line_text(title_tag).casefold()
    if title in _BOT_CHECK_TITLES:
        return f"its title is {one_line_text(title_tag)!r}"
    lowered = markup[:100_000].lower()
    for mark in _BOT_CHECK_MARKS:
        if mark in lowered:
            return f"it carries {mark!r}"
    return None


def bot_check(markup: str) -> str | None:
    """What shows that a page served where no article was asked for (a feed's address) is a bot
    check, read from the whole page (its <title>, its text), or None."""
    root = parse_html(markup)
    return bot_check_reason(markup, title_text(root), element_text(root), None)
