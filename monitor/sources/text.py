"""A plain-text article: headline on the first non-empty line, paragraphs, maybe a copyright trailer.

A trailing "Copyright 2021 NPR. To see more, visit …" (or "© 2021 Outlet", "(c) 2021 Outlet") names the
publisher and is dropped from the body: it is the outlet's boilerplate, not the story. The byline and
the date on the lines under the headline ("By Jane Doe", "December 7, 2021") are the article's author
and date, not its text; and a block of labelled fields ahead of it all ("Title: …", "Date: …",
"Author: …", "Source: …", "URL: …"), as exports and wire dumps write one, gives them too.
"""

from __future__ import annotations

import re

from monitor.charset import decode
from monitor.clean.byline import byline_line
from monitor.clean.site_lines import is_reading_time, is_site_labels
from monitor.clean.text import clean_text, closes_a_sentence
from monitor.clean.words import has_words
from monitor.dates import date_in, parse_date, site_country, updated_in
from monitor.errors import ParseError
from monitor.language import code, identify
from monitor.models import Entry, Parsed, RawDocument
from monitor.scripts import in_cjk_script
from monitor.sources.binary import looks_binary, not_a_page
from monitor.sources.exports import exported_documents, is_factiva_id

# The sign that opens the line, and the years it gives ("2021", "2020-2022").
_COPYRIGHT_SIGN = r"^\s*(?:copyright|\(c\)|©)\s*(?:©|\(c\))?\s*"
_YEARS = r"(?P<year>(?:19|20)\d{2})(?:\s*[-–]\s*(?:19|20)?\d{2,4})?"
_COPYRIGHT = re.compile(
    _COPYRIGHT_SIGN + _YEARS + r"[,.]?\s+(?P<outlet>[^.\n]*?[^\s.])\s*(?:\.(?:\s|$).*)?$",
    re.IGNORECASE,
)
# The year after the outlet: "© РИА Новости, 2021", "(c) ТАСС 2021", "© Reuters 2021".
_COPYRIGHT_YEAR_AFTER = re.compile(
    _COPYRIGHT_SIGN + r"(?P<outlet>[^\d\s.,][^\n]*?)[,\s]\s*" + _YEARS + r"\.?\s*$",
    re.IGNORECASE,
)
# Or the sign and a short name alone: "(c) ТАСС" (not the word: "Copyright law was not discussed.").
_COPYRIGHT_NAME_ALONE = re.compile(r"^\s*(?:\(c\)|©)\s*(?P<outlet>[^\d\s.,][^\n]{1,40}?)\.?\s*$", re.IGNORECASE)


def split_copyright(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """(paragraphs without a trailing copyright line, the outlet it names or None)."""
    if paragraphs and len(paragraphs[-1]) < 300:
        found = (_COPYRIGHT.match(paragraphs[-1]) or _COPYRIGHT_YEAR_AFTER.match(paragraphs[-1])
                 or _COPYRIGHT_NAME_ALONE.match(paragraphs[-1]))
        if found:
            outlet = found.group("outlet").strip(" ,;:")
            outlet = re.sub(r"(?i)\s*,?\s*all rights reserved$", "", outlet).strip()
            return paragraphs[:-1], outlet or None
    return paragraphs, None


def parse(doc: RawDocument) -> Parsed:
    """The article of a text document; or each of a news database's export (monitor.sources.exports),
    which may hold many, each under its file's GUID and its place in it ("…/nexis.txt#2")."""
    if (instead := not_a_page(doc)) is not None:
        raise ParseError("text", doc.location, f"the document is {instead}, not text")
    raw = decode(doc.body, doc.charset, site_country(doc.base_url))
    if looks_binary(raw):
        raise ParseError("text", doc.location, "the document is binary data, not text")
    # A file saved on Windows ends its lines with "\r\n": one line's end had read as a blank line
    # between two (a header of one field a block, a mail's From and Sent lines in the text).
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    exported = exported_documents(raw)
    if not exported:
        fields, raw = _header_fields(raw)
        entry = _article(doc, fields, raw, doc.file_guid)
        return Parsed(entries=(entry,), title=entry.title)
    entries: list[Entry] = []
    skipped: list[str] = []
    for number, export in enumerate(exported, 1):
        guid = f"{doc.file_guid}#{number}" if doc.file_guid and number > 1 else doc.file_guid
        if export is None:
            skipped.append(f"document {number}: no headline, length and text as an exported document has them")
            continue
        try:
            entries.append(_article(doc, dict(export.fields), export.text, guid))
        except ParseError as exc:  # one document of the export without text: its neighbours go on
            skipped.append(f"document {number}: {exc}")
    if not entries:
        raise ParseError("text", doc.location, f"an export of {len(exported)} documents, none with text")
    warning = (f"{doc.location}: {len(skipped)} of {len(exported)} exported documents left out ({skipped[0]})"
               if skipped else None)
    return Parsed(entries=tuple(entries), title=entries[0].title, warning=warning)


def _article(doc: RawDocument, fields: dict[str, str], raw: str, guid: str | None) -> Entry:
    """The article a text gives, under its header's `fields` (_header_fields, or an export's)."""
    raw = _short_lines_apart(raw)
    text = clean_text(raw)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        raise ParseError("text", doc.location, "the document is empty")
    raw_lines = _first_lines(raw, 1 + _HEAD_LINES + _LABELS_OVER_THE_HEADLINE)  # the headline's and those under it
    if not fields.get("title"):
        while len(raw_lines) > 2 and paragraphs[0].startswith(raw_lines[0]) \
                and (_a_label_over_the_headline(raw_lines[0], raw_lines[1])
                     # or over another label over it (Reuters' section and region: "World", "Europe")
                     or (_a_label(raw_lines[0]) and _a_label_over_the_headline(raw_lines[1], raw_lines[2]))):
            text = "\n\n".join(paragraphs)[len(raw_lines[0]):].lstrip()
            if not text.startswith(f"{raw_lines[1]}\n\n"):
                break  # the line under it runs on into a paragraph: a short headline over its text
            paragraphs, raw_lines = [p for p in text.split("\n\n") if p.strip()], raw_lines[1:]
    headline: str | None
    if fields.get("title"):
        headline, rest, head = fields["title"], paragraphs, raw_lines
    elif raw_lines and _a_paragraph_of_text(raw_lines[0]):
        # A text that opens with its story, no headline over it: its title is made of its first
        # paragraph (normalize), which stays the text's.
        headline, rest, head = None, paragraphs, []
    else:
        # The headline is the first line; clean_text joined it with following lines of the same block.
        first = paragraphs[0]
        headline = raw_lines[0] if raw_lines else first
        rest = paragraphs[1:] if first == headline else [first[len(headline):].strip()] + paragraphs[1:]
        head = raw_lines[1:]
    language = code(fields.get("language")) or identify(f"{headline or ''}\n" + "\n".join(rest[:3]))
    rest, author, published = _byline_and_date(rest, head, (language,) if language else ())
    body_paragraphs, publisher = split_copyright([p for p in rest if p and not is_factiva_id(p)])
    if not body_paragraphs:
        raise ParseError("text", doc.location, "a headline but no article text under it")
    url = fields.get("url")
    return Entry(
        title=headline,
        url=url if url and url.lower().startswith(("https://", "http://")) else doc.final_url,
        author=fields.get("author") or author,
        publisher=fields.get("publisher") or publisher,
        published=fields.get("published") or published,
        body="\n\n".join(body_paragraphs),
        language=fields.get("language"),
        guid=guid,
    )


_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


# A page copied as text puts each of its elements on a line of its own: "Share", "Advertisement",
# "By Marek Zielinski", "December 7, 2021", one under the other with no blank line between. Joined as a
# text wrapped at a width is, they were one paragraph ("Share Advertisement") that no cleaner knew, and
# the byline took the date into the writer's name. A block of two lines or more, each short, is
# lines apart; a text wrapped at a width has longer lines (Chinese and Japanese, whose lines are
# short in characters, aside).
_SHORT_LINE_CHARS = 40
_BLOCKS_APART = re.compile(r"\n[ \t]*\n")


def _short_lines_apart(raw: str) -> str:
    blocks = _BLOCKS_APART.split(raw)
    changed = False
    for index, block in enumerate(blocks):
        lines = [line.strip() for line in _LINE_BREAK.split(block.strip())]
        # (The last line may be long: a caption under its labels, "Image source, Getty Images", "Image
        # caption,", then the caption; a text wrapped at a width has its long lines before its last.)
        if len(lines) >= 2 and all(0 < len(line) <= _SHORT_LINE_CHARS for line in lines[:-1]) and lines[-1] \
                and not in_cjk_script(block):
            apart: list[str] = []
            for line in lines:  # a line that ends with a comma goes on in the next ("Image caption,")
                if apart and apart[-1].endswith(","):
                    apart[-1] = f"{apart[-1]} {line}"
                else:
                    apart.append(line)
            blocks[index], changed = "\n\n".join(apart), True
    return "\n\n".join(blocks) if changed else raw


def _first_lines(raw: str, count: int) -> list[str]:
    """The first `count` lines of a text that are not blank, each as clean_text writes it (the rest
    of a long document is not read line by line)."""
    lines: list[str] = []
    start = 0
    while len(lines) < count and start <= len(raw):
        found = _LINE_BREAK.search(raw, start)
        end = found.start() if found is not None else len(raw)
        if cleaned := clean_text(raw[start:end]):
            lines.append(cleaned)
        start = found.end() if found is not None else len(raw) + 1
    return lines


# A header of labelled fields, one a line, ahead of the article ("Title: Troops pull back", "Date:
# 2021-12-07", "Автор: Иван Петров"): the label's name, in the languages news comes in, and what it
# gives. Two fields or more, all known, then a blank line.
_HEADER_FIELD = re.compile(r"\s*([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)\s*:\s*(\S.*?)\s*")
_HEADER_NAMES = {
    **dict.fromkeys(("title", "headline", "subject", "заголовок", "назва", "titel", "titre", "título", "titolo", "tytuł"),
                    "title"),
    **dict.fromkeys(("date", "published", "publication date", "pubdate", "дата", "опубликовано", "опубліковано",
                     "datum", "fecha", "data", "publié"), "published"),
    **dict.fromkeys(("author", "authors", "by", "byline", "writer", "автор", "авторы", "автори", "autor", "autoren",
                     "auteur", "autore"), "author"),
    **dict.fromkeys(("source", "publisher", "outlet", "publication", "источник", "издание", "джерело", "видання",
                     "quelle", "source name", "fuente", "fonte", "źródło"), "publisher"),
    **dict.fromkeys(("url", "link", "address", "ссылка", "посилання", "adresse"), "url"),
    **dict.fromkeys(("language", "lang", "язык", "мова", "sprache", "langue", "idioma", "lingua", "język"), "language"),
    "betreff": "title", "objet": "title", "asunto": "title", "тема": "title",  # an e-mail's subject
}
# And fields that say nothing of the article, read past: an e-mail's sender, its time and
# addressees (Outlook's From/Sent/To, German's Von/Gesendet/An), an export's section and length
# (Factiva's "Section:", "Words:").
_HEADER_PASSED = frozenset(("from", "sent", "to", "cc", "bcc", "reply to", "von", "gesendet", "an", "de", "envoyé",
                            "à", "enviado", "para", "от", "отправлено", "кому", "section", "words", "length",
                            "page", "pages", "edition"))
# What an e-mail's subject opens with when it was forwarded or answered ("FW: ", "AW: ", "Re: ").
_FORWARDED = re.compile(r"(?:(?:fw|fwd|re|aw|wg|tr|rv|ответ|пересл)\s*:\s*)+", re.IGNORECASE)
_HEADER_LINES = 12


def _header_fields(raw: str) -> tuple[dict[str, str], str]:
    """The labelled fields a header block ahead of the article gives (_HEADER_NAMES), and the text
    after it; none, and the whole text, where it opens with no such block."""
    stripped = raw.lstrip("\ufeff \t\r\n")
    blank = _BLANK_LINE.search(stripped)
    if blank is None:
        return {}, raw
    lines = _LINE_BREAK.split(stripped[:blank.start()])
    if not 2 <= len(lines) <= _HEADER_LINES:
        return {}, raw
    fields: dict[str, str] = {}
    for line in lines:
        found = _HEADER_FIELD.fullmatch(line)
        label = found.group(1).casefold() if found is not None else ""
        if (found is not None and label in _HEADER_PASSED and label not in _HEADER_NAMES) or is_factiva_id(line):
            continue
        name = _HEADER_NAMES.get(label)
        if found is None or name is None or name in fields:
            return {}, raw
        fields[name] = clean_text(found.group(2))
    if not fields:
        return {}, raw  # (the passed fields alone: no header of an article's)
    if "title" in fields and (forwarded := _FORWARDED.match(fields["title"])) is not None:
        fields["title"] = fields["title"][forwarded.end():]
    return fields, stripped[blank.end():]


_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # where a header block ends
_HEAD_LINES = 4  # under the headline, at most: a byline, a date, a place, a section
_DATE_LINE_CHARS = 100  # Le Monde's "Publié le 07 décembre 2021 à 14h43 - Mis à jour le …"


# What a page pasted as text shows over its headline: its section ("World", "Політика"), a
# breadcrumb ("Головна > Новини > Політика"), a button ("Share this article"). The first line that is
# a few words and no sentence, over a line that reads as a headline, is no headline itself.
_LABELS_OVER_THE_HEADLINE = 2
_LABEL_WORDS = 3
_BREADCRUMB = re.compile(r"\s[>›»/|]\s")
_HEADLINE_CHARS = 200
_SENTENCE_GOES_ON = re.compile(r"[.!?]\s+\S")


_PARAGRAPH_WORDS = 25


def _a_paragraph_of_text(line: str) -> bool:
    """Whether a text's first line is a paragraph of its story rather than a headline: sentences, of
    a paragraph's length (a headline, however long, is none)."""
    return has_words(line, _PARAGRAPH_WORDS) and _SENTENCE_GOES_ON.search(line) is not None and closes_a_sentence(line)


def _a_label_over_the_headline(line: str, next_line: str) -> bool:
    if not has_words(next_line, 4) or len(next_line) > _HEADLINE_CHARS or next_line.endswith(".") \
            or _SENTENCE_GOES_ON.search(next_line) is not None:
        return False  # the line under it is a sentence, or more: the text's, under its short headline
    return _a_label(line)


def _a_label(line: str) -> bool:
    """Whether a line is a breadcrumb, a few words and no sentence, or a button's or player's label,
    however long ("Listen to this article")."""
    return _BREADCRUMB.search(line) is not None or (len(line.split()) <= _LABEL_WORDS and not closes_a_sentence(line)) \
        or is_site_labels(line)


# A date's label on a line of its own over the date (the BBC's "Published", pasted).
_DATE_LABELS_ALONE = frozenset(("published", "updated", "posted", "опубликовано", "опубліковано", "veröffentlicht",
                                "publié", "publicado"))


# A date's year run into its time where a page's spans were pasted together (NPR's "December 7,
# 20216:43 AM ET").
_YEAR_THEN_TIME = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{1,2}:\d{2})")


def _byline_and_date(rest: list[str], head: list[str], languages: tuple[str, ...]) -> tuple[list[str], str | None, str | None]:
    """The text without the byline and date lines that open it under the headline (`head`: the
    text's lines from there, as clean_text writes each), the byline's name and the date as written."""
    author = published = None
    text = "\n\n".join(rest)
    for line in head[:_HEAD_LINES]:
        if is_reading_time(line) or line.casefold().rstrip(":") in _DATE_LABELS_ALONE:
            pass  # "4 minute read", a "Published" label over its date: read past, and no text
        elif author is None and (name := byline_line(line)) is not None:
            author = name
        elif published is None and len(line) <= _DATE_LINE_CHARS and any(c.isdigit() for c in line) \
                and (written := date_in(dated := _YEAR_THEN_TIME.sub(r"\1 \2", line), languages)
                     or updated_in(dated, languages)) is not None \
                and parse_date(written, None, languages)[0] is not None:
            published = written  # (or the update's, where the line gives no other: CNN's "Updated 8:35 AM ET, …")
        else:
            break
        if not text.startswith(line):
            break
        text = text[len(line):].lstrip()
    paragraphs = [p for p in text.split("\n\n") if p]
    if published is None:
        paragraphs, published = _date_line_below(paragraphs, head[1:_HEAD_LINES], languages)
    return paragraphs, author, published


def _date_line_below(paragraphs: list[str], lines: list[str], languages: tuple[str, ...]) -> tuple[list[str], str | None]:
    """The paragraphs without a line under the headline's first that is all a date, below a standfirst
    or a byline without a label (the Guardian's "US president tells his Russian counterpart…",
    "Daniel Boyce in Washington", then "Tue 7 Dec 2021 14.05 GMT", pasted), and that date; the
    paragraphs as they are, and None, where no such line is."""
    for line in lines:
        if not (_DATE_ALONE_CHARS[0] <= len(line) <= _DATE_ALONE_CHARS[1] and any(c.isdigit() for c in line)) \
                or date_in(line, languages, search=False) != line or parse_date(line, None, languages)[0] is None:
            continue
        for at, paragraph in enumerate(paragraphs[:_HEAD_LINES]):
            if paragraph == line:
                return paragraphs[:at] + paragraphs[at + 1:], line
            if paragraph.endswith(f" {line}"):  # the byline's line and the date's, run into one paragraph
                return paragraphs[:at] + [paragraph[:-len(line)].rstrip()] + paragraphs[at + 1:], line
        return paragraphs, None
    return paragraphs, None


_DATE_ALONE_CHARS = (8, 60)
