"""Turn an Entry (what a source said) into an Item (clean text, canonical URL, UTC date, hashes)."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import replace
from datetime import datetime, timedelta

from monitor.clean.byline import (byline, closing_byline, closing_wire_agency, in_name_case, is_a_login,
                                  is_an_agency, is_persons_name, korean_bracketed_byline, korean_signature,
                                  names_between_bars, opening_byline, wire_dateline_agency, wire_lead_writers,
                                  wire_reporters, without_role_line)
from monitor.clean.markup import html_to_text, looks_like_html, one_line_text
from monitor.clean.plugins import without_shortcodes
from monitor.clean.repeated import repeated_paragraphs, without_paragraphs
from monitor.clean.sign_off import POST_LINK, bridged_title, forwarded_from, without_feed_posts_sign_off
from monitor.clean.site_lines import (without_closing_appeal, without_closing_topics, without_dividers,
                                      without_editors_sign, without_endnotes, without_metadata_lines, without_opening_credit,
                                      without_orphan_label, without_photo_captions, without_promotion)
from monitor.clean.teasers import CUT_MARK, without_read_also, without_read_more
from monitor.clean.text import clean_text, closes_a_sentence, lines_as_paragraphs, link_lines_apart
from monitor.clean.titles import without_marks_ahead, without_wires_version
from monitor import language
from monitor.bylines import BYLINE_PARTS, is_the_sites, the_sites_wires, without_the_outlet
from monitor.dates import (MAX_LOCALIZED_CHARS, assumed_zone, country_languages, country_writes_day_first,
                           date_labels_end, is_date_line, labelled, parse_date, read_in_zone,
                           site_country, suspect_reason)
from monitor.dedupe import hashes, rehash
from monitor.errors import ParseError
from monitor.models import Entry, Item, RawDocument
from monitor.urls import canonical_url

UNTITLED = "(untitled)"


def _text(value: str | None, is_html: bool, page: str | None) -> str:
    if not value:
        return ""
    value = without_shortcodes(value)
    if looks_like_html(value):
        text = html_to_text(value, page)
    else:  # (plain text said to be HTML, a video's description often, keeps its lines: no markup says otherwise)
        text = clean_text(link_lines_apart(value if is_html else lines_as_paragraphs(value)))
    text = without_metadata_lines(without_dividers(without_photo_captions(
        without_closing_topics(without_opening_credit(_without_labelled_date_line(_without_orphan_date_labels(text)))))))
    read = without_read_also(text)
    promoted = without_promotion(read)
    if len(promoted) != len(read):  # the wire's name alone over a site's line that went ("(MTI)", then MTI's notice)
        promoted = without_orphan_label(without_metadata_lines(promoted))
    # Each closing line's cleaner looks at the last paragraph: a wire's copy closes with several of
    # different kinds (EFE's editors' initials over its "(END)"), each of which hid the ones over it.
    for _ in range(_CLOSING_PASSES):
        closed = _without_closing_lines(promoted)
        if len(closed) == len(promoted):
            break
        promoted = closed
    return promoted


_CLOSING_PASSES = 4


def _without_closing_lines(promoted: str) -> str:
    text = without_editors_sign(promoted)
    if len(text) != len(promoted):  # the wire's name over the editors' initials that went (PAP's "(PAP)", "kzp/ mal/")
        text = without_metadata_lines(text)
    appealed = without_closing_appeal(text)
    if len(appealed) != len(text):  # the writer's line over the call it closed (the Guardian's for letters)
        appealed = without_editors_sign(appealed)
    return _without_closing_date_line(without_read_more(without_endnotes(appealed)))


def _without_labelled_date_line(text: str) -> str:
    """The text without the labelled date line that opens it, the page's metadata its feed or page
    kept ("Issued on: 08/12/2021 - 17:12", "Publié le 07/12/2021 à 20:15, Mis à jour le …")."""
    first, joint, rest = text.partition("\n\n")
    return rest if joint and rest and _is_labelled_date_line(first) else text


_ORPHAN_LABELS_PARAGRAPHS = 3
_LABEL_COLON_CHARS = 40  # the labels' colons come within so many characters of the paragraph's start
_DATE_AFTER_CHARS = 40  # a date's figures come within so many characters of its label


def _without_orphan_date_labels(text: str) -> str:
    """The text without date labels left with no date after them among its first paragraphs."""
    # (A look at each of the first paragraphs' openings: most texts have no such label.)
    at, starts = 0, list[int]()
    while len(starts) < _ORPHAN_LABELS_PARAGRAPHS and at >= 0:
        starts.append(at)
        at = text.find("\n\n", at)
        at = at + 2 if at >= 0 else -1
    if not any(text.find(":", start, start + _LABEL_COLON_CHARS) >= 0 and date_labels_end(text, start) is not None
               for start in starts):
        return text
    paragraphs = text.split("\n\n", _ORPHAN_LABELS_PARAGRAPHS)
    changed = False
    for at, paragraph in enumerate(paragraphs[:_ORPHAN_LABELS_PARAGRAPHS]):
        # (A date's label whose date went with its element, trafilatura deleting every <time>: France 24's
        # "Issued on:" run into the first paragraph, "Publié le : Modifié le :" under the standfirst.)
        end = date_labels_end(paragraph)
        if end is None or any(c.isdigit() for c in paragraph[end:end + _DATE_AFTER_CHARS]):
            continue  # (a date after it: the labelled date line's, _without_labelled_date_line's)
        paragraphs[at], changed = paragraph[end:], True
    return "\n\n".join(p for p in paragraphs if p) if changed else text


def _without_closing_date_line(text: str) -> str:
    """The text without the labelled date line that closes it, once the site's other closing lines
    went (CBS's "First published on December 7, 2021 / 10:37 AM")."""
    rest, joint, last = text.rpartition("\n\n")
    return rest if joint and rest and _is_labelled_date_line(last) else text


def _is_labelled_date_line(line: str) -> bool:
    # Whether it is a date, not which: either reading of "08/12/2021" is one.
    return len(line) <= MAX_LOCALIZED_CHARS and labelled(line) \
        and (is_date_line(line, day_first=True) or is_date_line(line, day_first=False))


def _summary_apart(summary: str, body: str) -> str:
    """The summary, or "" when the body holds it already: a feed's teaser of its own article, as
    the body begins, its paragraphs run together, or cut off with a mark of the cut (CUT_MARK)."""
    if not body or not summary:
        return summary
    if body.startswith(summary):
        return ""
    teaser = " ".join(CUT_MARK.sub("", summary).split())
    # Whitespace folded in the body's start only: a paragraph break takes the place of one space.
    start = " ".join(body[:len(summary) + 64].split())
    return "" if teaser and start.startswith(teaser) else summary


TITLE_FROM_TEXT_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def _title_from(paragraph: str) -> str:
    """A title for an item without one (a Telegram post, a bare teaser): its first paragraph, or
    the paragraph's first sentence when the paragraph is longer than TITLE_FROM_TEXT_CHARS, or its
    first words then "…"."""
    if len(paragraph) <= TITLE_FROM_TEXT_CHARS:
        return paragraph
    end = _SENTENCE_END.search(paragraph, 20, TITLE_FROM_TEXT_CHARS)
    if end is not None:
        return paragraph[:end.end()]
    cut = paragraph.rfind(" ", 0, TITLE_FROM_TEXT_CHARS - 2)
    return paragraph[:cut if cut > TITLE_FROM_TEXT_CHARS // 2 else TITLE_FROM_TEXT_CHARS - 3].rstrip(" ,;:–—-") + "…"


def _title_made_from(paragraph: str) -> str:
    """_title_from, without the pictographs ahead of it, as a title given is read (a channel's
    "⚡️Путин и Байден начали переговоры"): a post's title one, through a bridge's feed or its page."""
    return without_marks_ahead(_title_from(paragraph))


_TITLE_END = " .!?…"
_LINK_ALONE = re.compile(r"https?://\S+")


def _without_headline(text: str, title: str) -> str:
    """A summary or body without the headline it repeats: as its first paragraph (extractors often
    keep the page's <h1>), or as all of it (news agencies' feeds give many items a description
    that is the title again). The headline is stored apart; twice, rules counted each hit twice."""
    if not title or not text:
        return text
    if text[:1].casefold() != title[:1].casefold():
        # A mark ahead of the headline the title has without it (a Telegram post's "❗️Песков …")
        if text[:1].isalnum() or not title[:1].isalnum():
            return text
        text_start = next((at for at, ch in enumerate(text[:_MARKS_AHEAD + 1]) if ch.isalnum()), None)
        if text_start is None or text[text_start:text_start + 1].casefold() != title[:1].casefold():
            return text
        first, _, rest = text[text_start:].partition("\n\n")
    else:
        first, _, rest = text.partition("\n\n")
    if first.rstrip(_TITLE_END).casefold() != title.rstrip(_TITLE_END).casefold():
        return text
    return rest


_MARKS_AHEAD = 8  # an emoji or two flags (regional indicators in pairs), a variation selector, a space


def normalize(entry: Entry, doc: RawDocument, suspect_age: timedelta = timedelta(days=30),
              first_seen: datetime | None = None, zone: str | None = None) -> Item:
    """A clean, comparable Item; ParseError when the entry has neither a title nor any text.
    `zone` is the IANA time zone its source writes dates without one in (its `timezone`)."""
    url = canonical_url(entry.url, base=doc.base_url)
    summary = _text(entry.summary, entry.summary_is_html, url)
    body = _text(entry.body, entry.body_is_html, url)
    publisher = one_line_text(entry.publisher)
    title = without_marks_ahead(without_wires_version(one_line_text(entry.title)))
    forwarded = None
    if doc.kind == "feed" and url is not None and POST_LINK.fullmatch(url):  # a bridge's feed of a Telegram channel
        # (Then a link to read on that the sign-off stood after: "… Читати далі", then the channel's name.)
        # A forwarded post's channel is named as its author, as the channel's own preview gives it (sources.telegram).
        summary, from_summary = forwarded_from(without_read_more(without_feed_posts_sign_off(summary, entry.summary,
                                                                                            publisher)), entry.summary)
        body, from_body = forwarded_from(without_read_more(without_feed_posts_sign_off(body, entry.body, publisher)),
                                         entry.body)
        # (A post of a photo alone keeps the bridge's "[Photo]": it has nothing else to be told by.)
        title, forwarded = bridged_title(title) if body or summary else title, from_body or from_summary
    summary = _summary_apart(summary, body)
    body = _without_headline(body, title)
    summary = _without_headline(summary, title)
    if not title:  # (not from a link alone: a bridged post of a link has the linked page's title under it)
        paragraphs = (body or summary).split("\n\n")
        title = _title_made_from(next((paragraph for paragraph in paragraphs if not _LINK_ALONE.fullmatch(paragraph)),
                                      paragraphs[0]))
    if not title and not body and not summary:
        raise ParseError(doc.kind, doc.location, "an entry with no title and no text")
    seen = first_seen or doc.fetched_at
    declared = language.code(entry.language)
    site = url or doc.location
    country = site_country(site)
    item_language = language.decide(declared, title, summary, body, country)
    # A date in words is read in the item's language first, then in the one its source declared, then
    # in its site's country's.
    hints = tuple(dict.fromkeys(code for code in (item_language, declared, *country_languages(country)) if code))
    published_at, had_zone = parse_date(entry.published, entry.published_hint, hints,
                                        zoneinfo.ZoneInfo(zone) if zone else None,
                                        country_writes_day_first(country), country)
    assumed = assumed_zone(item_language, site, entry.published, published_at, entry.language) \
        if published_at and not had_zone else None
    if published_at is not None and assumed is not None:
        published_at = read_in_zone(published_at, assumed[0])
    guid = " ".join(entry.guid.split()) if entry.guid and entry.guid.strip() else None
    if body or not summary:
        author, body = _author_and_body(entry, title, summary, body, publisher, item_language)
        author = author or forwarded
        body = _without_opening_date(body, published_at, hints, country_writes_day_first(country))
    else:  # a feed's whole text in its summary: its bylines are read there
        author, summary = _author_and_body(entry, title, summary, summary, publisher, item_language)
        author = author or forwarded
        summary = _without_opening_date(summary, published_at, hints, country_writes_day_first(country))
    content, text = hashes(title, summary, body)
    return Item(
        source=doc.source,
        url=url,
        guid=guid,
        title=title or UNTITLED,
        author=author,
        publisher=publisher or None,
        published_at=published_at,
        published_raw=entry.published.strip() if entry.published else None,
        date_suspect=suspect_reason(published_at, had_zone, seen, suspect_age, entry.published, assumed),
        fetched_at=doc.fetched_at,
        summary=summary,
        body=body,
        content_hash=content,
        text_hash=text,
        # The link as written when it is no http(s) URL, so a refusal to follow it can name it.
        location=url or (entry.url.strip() if entry.url and entry.url.strip() else None)
        or (str(doc.path) if doc.path else doc.location),
        read_from=_page_address(doc, url),
        language=item_language,
    )


def article_text(text: str, item: Item) -> str:
    """A fetched article's text (a full-text feed's page, monitor.extract) as an item's body: with
    the site's lines left out and the headline not repeated, as an entry's body is."""
    return _without_headline(_text(text, False, item.url), item.title)


def with_article(item: Item, body: str, author: str | None = None) -> Item:
    """The item with `body` (article_text) as its body, its summary kept only when the body does
    not hold it (_summary_apart), the page's `author` when the feed named none (its writers, as
    _writers reads them), and its hashes made again."""
    return rehash(replace(item, summary=_summary_apart(item.summary, body), body=body,
                          author=item.author or _writers(author, item.publisher)))


def _writers(author: str | None, publisher: str | None) -> str | None:
    """The writers' names an author field gives (byline), without the site's name after theirs;
    none where it is the site's own name (its publisher's: monitor.bylines)."""
    name = byline(author)
    if name is None or not publisher:
        return name
    if (wires := the_sites_wires(name, publisher)) is not None:
        return wires  # Le Monde's "Le Monde avec AFP"
    name = in_name_case(without_the_outlet(name, publisher))  # AP's "JANE DOE and JOHN ROE Associated Press"
    return None if is_the_sites(name, publisher) else names_between_bars(name)


def _author_and_body(entry: Entry, title: str, summary: str, body: str, publisher: str | None,
                     language: str | None) -> tuple[str | None, str]:
    """The item's writers, and its body without their byline: the entry's author (_writers), else
    the writers a Korean or Chinese wire story's lead or a Korean closing signature names; a byline paragraph opening
    the body, or a Vietnamese story's closing name, goes from the body where it names them, or
    names the only writer there is."""
    author = _writers(entry.author, publisher)
    if author is None or is_a_login(author):  # (a login gives way: People's Daily's "liujuntao" over its lead)
        author = wire_lead_writers(body or summary) or (korean_signature(entry.body) if entry.body and body else None) \
            or author
    if (author is None or is_an_agency(author)) and (reporters := wire_reporters(entry.body or entry.summary)):
        author = reporters  # a wire's copy signed by the wire: the writers its closing credits name
    login = author if author is not None and is_a_login(author) else None
    body, author = _without_opening_byline(body, title, None if login else author, publisher)
    if login and author is None:  # a login gives way to the byline opening the text: ISW's "understandingwar"
        body, author = _names_opening(body)
        author = author or login
    if body.startswith("[") and (opened := korean_bracketed_byline(body))[1] is not None \
            and (author is None or opened[1] == author):
        body, author = opened[0], opened[1]
    if author is not None and not is_an_agency(author):  # the byline's second line, the writer's role
        body = without_role_line(body)
    if author is None:  # a wire's copy its dateline signs ("МОСКВА, 7 декабря. /ТАСС/."), or its closing line ("AFP")
        author = wire_dateline_agency(body) or closing_wire_agency(entry.body or entry.summary)
    signed, writer = closing_byline(body, language)
    if writer is not None:  # the wire's name over the signature that went (PAP's "(PAP)" over "autor: …")
        signed = without_metadata_lines(signed)
    # (An author that the closing signature names beside the writer is the outlet: "—Joanna Reyes/FRJ,
    # GMA News" under an item whose author is "GMA News".)
    if writer is not None and (author is None or writer.casefold() == author.casefold() or is_a_login(author)
                               or is_an_agency(author)  # the wire's sign, over its writer's: PAP's "(PAP)", "autor: …"
                               or author.casefold() in body[len(signed):].casefold()):
        return (author if author is not None and author.casefold() == writer.casefold() else writer), signed
    rest, _, last = body.rpartition("\n\n")
    if rest and any(name and len(last) <= 2 * len(name) and last.strip(" .").casefold() == name.casefold()
                    for name in (author, publisher)):
        # the author's name alone closing the text, the page's signature (Bryansk's "avtor"), or the
        # site's ("Псковская Лента Новостей" under its story)
        body = rest
    elif rest and publisher and len(last) <= len(publisher) + _SIGN_OFF_EXTRA_CHARS and not closes_a_sentence(last) \
            and last.casefold().startswith(publisher.casefold()) \
            and len(last.split()) - len(publisher.split()) <= _SIGN_OFF_EXTRA_WORDS:
        body = rest  # the site's name and its country or desk closing the text (Vanguard's "Vanguard News Nigeria")
    elif rest and author and len(last) <= _BIO_CHARS and len(rest) > len(last) \
            and _BIO_AFTER_NAME.match(last, len(first_name := author.split(",")[0].strip())) is not None \
            and last.startswith(first_name) and len(first_name.split()) >= 2:
        body = rest  # the writer's biography closing the text ("Oleh Marchenko is a Kyiv-based analyst…")
    return author, body


_SIGN_OFF_EXTRA_CHARS = 25
_SIGN_OFF_EXTRA_WORDS = 2
# What follows a writer's name opening their biography: "… is a", "… was", "…, a senior fellow", "… —".
_BIO_AFTER_NAME = re.compile(r" (?:is|was|has been|serves as|є|является|був|был|ist|est|es|jest) |,\s|\s[—–-]\s")
_BIO_CHARS = 300


def _without_opening_date(body: str, published_at: datetime | None, languages: tuple[str, ...],
                          day_first: bool | None) -> str:
    """The body without the item's own day alone opening it (Drupal's date field over ISW's text:
    "December 8, 2021"), where the item's date is that day, a day apart at most for its zone."""
    first, joint, rest = body.partition("\n\n")
    if published_at is None or not joint or len(first) > _DATE_LINE_CHARS or not any(c.isdigit() for c in first):
        return body
    shown = parse_date(first, None, languages, day_first=day_first)[0]
    return rest if shown is not None and abs((shown.date() - published_at.date()).days) <= 1 else body


_DATE_LINE_CHARS = 40
_NAMES_LINE_CHARS = 120
_JOINING_WORD_AHEAD = re.compile(r"^(?:and|und|et|y|e|и|і|та)\s+")


def _names_opening(body: str) -> tuple[str, str | None]:
    """The body without the persons' names alone that open it (Drupal's byline field over ISW's text:
    "George Barros, Frederick W. Kagan, and Mason Clark"), and those names; the body as it is and None
    where it opens otherwise."""
    first, joint, rest = body.partition("\n\n")
    if not joint or len(first) > _NAMES_LINE_CHARS or closes_a_sentence(first):
        return body, None
    names = [_JOINING_WORD_AHEAD.sub("", name) for name in BYLINE_PARTS.split(first) if name]  # (", and Mason Clark")
    if not names or not all(is_persons_name(name) for name in names):
        return body, None
    return rest, ", ".join(names)


def _without_opening_byline(body: str, title: str, author: str | None,
                            publisher: str | None) -> tuple[str, str | None]:
    """The body without a byline that is a paragraph of its own among its first ones (a full-text
    feed's "By Jane Doe" over the story: clean.byline.opening_byline) where it names the item's
    author, or the item has none and then has that one; or without the author's name alone opening
    it. Another name than the author's stays (a group blog's account over a post its writer signs)."""
    rest, named = opening_byline(body, {title})
    if named is not None:
        named = _writers(named, publisher)
        if named is not None and (author is None or named.casefold() == author.casefold()):
            return rest, author or named
        return body, author
    if author and body.find("\n\n") == len(author) and body[:len(author)].casefold() == author.casefold():
        return body[len(author) + 2:], author
    return body, author


def without_repeated_paragraphs(items: list[Item]) -> list[Item]:
    """A document's items without the paragraphs most of them repeat word for word: the site's lines
    (clean.repeated.repeated_paragraphs), in their summaries and bodies alike, their titles and languages
    taken again from what is left. Items that keep all their text are returned as they are."""
    repeated = repeated_paragraphs(f"{item.summary}\n\n{item.body}" if item.summary and item.body
                                   else item.summary or item.body for item in items)
    if not repeated:
        return items
    cleaned = []
    for item in items:
        body = without_paragraphs(item.body, repeated)
        summary = _summary_apart(without_paragraphs(item.summary, repeated), body)
        if (summary, body) == (item.summary, item.body):
            cleaned.append(item)
            continue
        title = item.title
        if title == _title_made_from((item.body or item.summary).split("\n\n", 1)[0]):
            title = _title_made_from((body or summary).split("\n\n", 1)[0])  # it was taken from a repeated line
        content, text = hashes(title, summary, body)
        # The site's lines may have been in another language than the item (an English "follow us"
        # under every Ukrainian post): the language is decided again without them. What was decided
        # stands in for the source's declaration, which the item does not keep: the text confirms
        # it, or overrules it as it would have overruled the declaration (language.decide).
        spoken = language.decide(item.language, title, summary, body)
        cleaned.append(replace(item, title=title, summary=summary, body=body, content_hash=content, text_hash=text,
                               language=spoken))
    return cleaned


def _page_address(doc: RawDocument, url: str | None) -> str | None:
    """Where a page document was read from, when that differs from the URL it calls canonical."""
    if doc.kind != "page" or doc.base_url is None:
        return None
    address = canonical_url(doc.base_url)
    return address if address and address != url else None
