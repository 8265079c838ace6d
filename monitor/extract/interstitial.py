"""A bot check or a consent page served in the article's place, with a 200 (Cloudflare's "Just a
moment...", DDoS-Guard's, DataDome's): told by its title or a mark such pages carry, and always
by having little text.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from monitor.clean.markup import element_text, one_line_text, parse_html
from monitor.clean.titles import TITLE_SEPARATOR
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
# A cookie-consent wall served in the article's place at its own address: the words of the IAB's
# consent framework, which every such wall carries, in a text too short to hold an article besides.
_CONSENT_WORDS = ("we and our partners store and/or access information on a device", "we value your privacy",
                  "wir und unsere partner speichern und/oder greifen auf informationen",
                  "nous et nos partenaires stockons et/ou accédons à des informations",
                  "nosotros y nuestros socios almacenamos o accedemos a información",
                  "мы и наши партнеры храним и/или получаем доступ к информации",
                  # German sites' pay-or-consent walls (ZEIT's, Spiegel's, heise's, t-online's, 2021): read with
                  # advertising and tracking, or pay for the site without
                  "pur-abo", "ohne werbetracking", "mit werbung und tracking", "contentpass",
                  "willigen sie in diese verarbeitung ein")
CONSENT_MAX_WORDS = 200


def _consent_words(text: str) -> str | None:
    lowered = text.casefold()
    return next((words for words in _CONSENT_WORDS if words in lowered), None)


def bot_check_reason(markup: str, title_tag: str | None, text: str, url: str | None) -> str | None:
    """What shows that a page is a bot check (its title, or a mark of one) or a cookie-consent page
    redirected to (consent.google.com, consent.yahoo.com: a host named "consent.") or served in the
    article's place (_CONSENT_WORDS), or None."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # an address that is no URL ("http://[::1"): no host to tell by
        host = ""
    if host.startswith("consent."):
        return f"a consent page at {host}"
    if not has_words(text, CONSENT_MAX_WORDS + 1) and (consent := _consent_words(text)) is not None:
        return f"a consent page: it says {consent!r}"
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


# A page that says the article is not there, served with a 200 where the story was (a "soft 404", a
# story taken down): its few words stored as the article would be an item called "Page not found".
# Told by its <title> or its heading, one of these whole or a part of it between the title's separators
# ("Page not found | The Independent", "404 - Сторінку не знайдено | ZAXID.NET"), and by having little text.
_NOT_FOUND = frozenset((
    "404", "error 404", "404 error", "404 not found", "not found", "page not found", "article not found",
    "story not found", "content not found", "page unavailable", "this page is unavailable", "content removed",
    "this article has been removed", "this story has been removed", "sorry, we can't find that page",
    "sorry, we can't find the page you were looking for", "the page you requested could not be found",
    "страница не найдена", "страница не существует", "материал удален", "материал удалён", "новость не найдена",
    "статья не найдена", "ошибка 404", "сторінку не знайдено", "сторінка не знайдена", "матеріал видалено",
    "новину не знайдено", "помилка 404", "старонка не знойдзена",
    "seite nicht gefunden", "artikel nicht gefunden", "page introuvable", "page non trouvée", "erreur 404",
    "página no encontrada", "página não encontrada", "pagina non trovata", "nie znaleziono strony",
    "strona nie istnieje", "stránka nenalezena", "sayfa bulunamadı", "pagina niet gevonden",
))


def not_found_reason(title_tag: str | None, heading: str | None, text: str) -> str | None:
    """What shows that a page says the article is not there (its title or heading: _NOT_FOUND) where
    its text is too short to be one, or None."""
    if has_words(text, BOT_CHECK_MAX_WORDS + 1):
        return None
    for shown in (title_tag, heading):
        written = one_line_text(shown)
        if any(part.strip(" .!").casefold() in _NOT_FOUND for part in TITLE_SEPARATOR.split(written)):
            return f"it says {written!r}"
    return None


def bot_check(markup: str) -> str | None:
    """What shows that a page served where no article was asked for (a feed's address) is a bot
    check, read from the whole page (its <title>, its text), or None."""
    root = parse_html(markup)
    return bot_check_reason(markup, title_text(root), element_text(root), None)
