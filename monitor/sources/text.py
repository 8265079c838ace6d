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
from monitor.clean.byline import byline_line, is_persons_name
from monitor.clean.site_lines import is_reading_time, is_site_labels
from monitor.clean.text import clean_text, closes_a_sentence
from monitor.clean.words import has_words
from monitor.dates import date_in, parse_date, site_country, updated_in
from monitor.errors import ParseError
from monitor.language import code, identify
from monitor.models import Entry, Parsed, RawDocument
from monitor.scripts import in_cjk_script
from monitor.sources.binary import looks_binary, not_a_page
from monitor.sources import markdown
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
    if markdown.is_markdown(doc):
        raw = markdown.as_text(raw)
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
    apart = _short_lines_apart(raw)
    text = clean_text(apart)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        raise ParseError("text", doc.location, "the document is empty")
    # (the copyright's line under the wire's trailer: AFP's "© 1994-2021 Agence France-Presse")
    paragraphs, closing_publisher = split_copyright(paragraphs) if len(paragraphs) > 1 else (paragraphs, None)
    paragraphs, stamped = _without_wire_trailer(paragraphs)
    paragraphs, signer = _without_mail_closing(paragraphs)
    raw_lines = _first_lines(apart, 1)  # the headline's
    over: str | None = None
    if not fields.get("title"):
        above, over = _over_the_headline(paragraphs, raw)
        if above:
            paragraphs, raw_lines = paragraphs[above:], [paragraphs[above]]
    headline: str | None
    if fields.get("title"):
        headline, rest = fields["title"], paragraphs
        # A newsletter's subject, its name ahead of the headline the text opens with ("Analizy OSW:
        # Rosyjskie żądania …", then "Rosyjskie żądania …"); an e-mail's greeting over its text.
        if len(rest) > 1 and headline.endswith(f": {rest[0]}"):
            headline, rest = rest[0], rest[1:]
        elif len(rest) > 1 and rest[0] == headline:
            rest = rest[1:]
        if len(rest) > 1 and _OPENING_GREETING.fullmatch(rest[0]):
            rest = rest[1:]
    elif raw_lines and _a_paragraph_of_text(raw_lines[0]):
        # A text that opens with its story, no headline over it: its title is made of its first
        # paragraph (normalize), which stays the text's.
        headline, rest = None, paragraphs
    else:
        # The headline is the first line; clean_text joined it with following lines of the same block.
        first = paragraphs[0]
        headline = raw_lines[0] if raw_lines and first.startswith(raw_lines[0]) else first
        rest = paragraphs[1:] if first == headline else [first[len(headline):].strip()] + paragraphs[1:]
    language = code(fields.get("language")) or identify(f"{headline or ''}\n" + "\n".join(rest[:3]))
    languages = (language,) if language else ()
    rest, author, published = _byline_and_date(rest, languages)
    if published is None and over is not None:
        published = over if (stamp := _wire_stamp(over)) is None else stamp
    body_paragraphs, publisher = split_copyright([p for p in rest if p and not is_factiva_id(p)])
    if not body_paragraphs:
        raise ParseError("text", doc.location, "a headline but no article text under it")
    url = fields.get("url")
    return Entry(
        title=headline,
        url=url if url and url.lower().startswith(("https://", "http://")) else doc.final_url,
        author=fields.get("author") or author or signer,
        publisher=fields.get("publisher") or publisher or closing_publisher,
        published=fields.get("published") or published or stamped,
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
        if len(lines) < 2 or not all(lines) or in_cjk_script(block):
            continue
        # (The last line may be long: a caption under its labels, "Image source, Getty Images", "Image
        # caption,", then the caption; a text wrapped at a width has its long lines before its last.)
        if all(len(line) <= _SHORT_LINE_CHARS for line in lines[:-1]):
            apart: list[str] = []
            for line in lines:  # a line that ends with a comma goes on in the next ("Image caption,")
                if apart and apart[-1].endswith(","):
                    apart[-1] = f"{apart[-1]} {line}"
                else:
                    apart.append(line)
            blocks[index], changed = "\n\n".join(apart), True
        elif broken := _broken_lines(lines) or (
                {len(lines) - 2} if index < _HEAD_PARAGRAPHS and _a_date_alone(lines[-1]) else set()):
            # (or a date alone under the widest, in the text's head only: a masthead's "Eurasia Daily
            # Monitor -- Volume: 18", then its day; not every wrapped paragraph's last line read as a date)
            # (Most of them broken so: a block of lines, each apart, the widest too, a headline's.)
            if 2 * len(broken) >= len(lines) - 1:
                broken = set(range(len(lines) - 1))
            blocks[index] = "".join(line + ("\n\n" if at in broken else "\n") for at, line in enumerate(lines)).rstrip()
            changed = True
    return "\n\n".join(blocks) if changed else raw


def _broken_lines(lines: list[str]) -> set[int]:
    """Which of a block's lines (but its last) end where the writer broke them, not where a width
    did: the next line's first word would have fitted on the line, within the block's widest (a
    wire's slug, headline, note to editors and byline, one a line over the story's wrapped text)."""
    width = max(len(line) for line in lines)
    return {at for at, line in enumerate(lines[:-1]) if len(line) + 1 + len(lines[at + 1].split()[0]) <= width}


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
    # (Outlook's in Polish, Italian, Czech, Portuguese, Dutch)
    "temat": "title", "oggetto": "title", "předmět": "title", "assunto": "title", "onderwerp": "title",
}
# An e-mail's time of sending, the date where the header gives no other ("Gesendet: Mittwoch, 8.
# Dezember 2021 09:17", "Wysłano: czwartek, 16 grudnia 2021 16:02").
_HEADER_SENT = frozenset(("sent", "gesendet", "envoyé", "enviado", "enviada", "отправлено", "надіслано", "wysłano",
                          "inviato", "odesláno", "verzonden"))
# And fields that say nothing of the article, read past: an e-mail's sender, its time and
# addressees (Outlook's From/Sent/To, German's Von/Gesendet/An), an export's section and length
# (Factiva's "Section:", "Words:").
_HEADER_PASSED = frozenset(("from", "to", "cc", "bcc", "reply to", "von", "an", "de", "à", "para", "от", "кому",
                            "od", "do", "dw", "da", "a", "від", "komu", "van", "aan",
                            "section", "words", "length", "page", "pages", "edition")) | _HEADER_SENT
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
    sent: str | None = None
    for line in lines:
        found = _HEADER_FIELD.fullmatch(line)
        label = found.group(1).casefold() if found is not None else ""
        if (found is not None and label in _HEADER_PASSED and label not in _HEADER_NAMES) or is_factiva_id(line):
            if found is not None and label in _HEADER_SENT:
                sent = clean_text(found.group(2))
            continue
        name = _HEADER_NAMES.get(label)
        if found is None or name is None or name in fields:
            return {}, raw
        fields[name] = clean_text(found.group(2))
    if not fields:
        return {}, raw  # (the passed fields alone: no header of an article's)
    if sent and "published" not in fields:
        fields["published"] = sent
    if "title" in fields and (forwarded := _FORWARDED.match(fields["title"])) is not None:
        fields["title"] = fields["title"][forwarded.end():]
    return fields, stripped[blank.end():]


_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # where a header block ends
# Over the headline or under it, at most: a site's name, its sections, a wire's codes and a date over
# it; a standfirst, bylines, dates, a photo's credit and buttons under it.
_HEAD_PARAGRAPHS = 8
_DATE_LINE_CHARS = 100  # Le Monde's "Publié le 07 décembre 2021 à 14h43 - Mis à jour le …"


# What a page pasted as text shows over its headline: its section ("World", "Політика"), a
# breadcrumb ("Головна > Новини > Політика"), a button ("Share this article"), the site's own links
# to skip its menus. A line of a few words and no sentence is no headline.
_LABEL_WORDS = 3
_BREADCRUMB = re.compile(r"\s[>›»/|]\s")
_SKIP_LINKS = re.compile(r"skip to (?:main )?(?:content|navigation)", re.IGNORECASE)
_HEADLINE_CHARS = 200
_CLOSING_QUOTES = "\"'»”’“«"


_PARAGRAPH_WORDS = 25
_SENTENCE_GOES_ON = re.compile(r"[.!?]\s+\S")


def _a_paragraph_of_text(line: str) -> bool:
    """Whether a text's first line is a paragraph of its story rather than a headline: sentences, of
    a paragraph's length (a headline, however long, is none)."""
    return has_words(line, _PARAGRAPH_WORDS) and _SENTENCE_GOES_ON.search(line) is not None and closes_a_sentence(line)


# A headline's sentence goes on after a quotation only ("«Ни прорывов, ни провалов». Что известно …").
_QUOTES_SENTENCE_GOES_ON = re.compile(r"(?<![»\"”])[.!?]\s+\S")


def _a_headline(paragraph: str) -> bool:
    """Whether a paragraph reads as a headline: four words or more on one line's length, no sentence
    closed in it or at its end by a full stop (a question's or an exclamation's mark may close it),
    no wire's codes or site's labels."""
    return has_words(paragraph, 4) and len(paragraph) <= _HEADLINE_CHARS \
        and not paragraph.rstrip(_CLOSING_QUOTES).endswith(".") and _QUOTES_SENTENCE_GOES_ON.search(paragraph) is None \
        and not _a_wire_code(paragraph) and not _SKIP_LINKS.match(paragraph) and not is_site_labels(paragraph) \
        and _BREADCRUMB.search(paragraph) is None


def _a_label(line: str) -> bool:
    """Whether a line is a breadcrumb, a few words and no sentence, or a button's or player's label,
    however long ("Listen to this article")."""
    return _BREADCRUMB.search(line) is not None or (len(line.split()) <= _LABEL_WORDS and not closes_a_sentence(line)) \
        or is_site_labels(line) or _SKIP_LINKS.match(line) is not None \
        or (len(line.split()) <= _LABEL_WORDS and line.startswith("(") and line.endswith(")"))  # "(Zusammenfassung 2100)"


# A wire's codes over its story: AP's service line and slug ("AP-WF-12-07-21 1912GMT",
# "BC-EU--Russia-Ukraine-Tensions, 6th Ld-Writethru"), AFP's ("FRS0412 4 I 0587 FRA /AFP-NX97"), dpa's
# keywords ("Ukraine/Russland/USA/Konflikte/").
_WIRE_SLUG = re.compile(r"(?:AP|BC)-[\w-]+.*|(?:[^\W\d_][\w-]*/){2,}(?:[^\W\d_][\w-]*)?/?")


def _a_wire_code(line: str) -> bool:
    words = line.split()
    return _WIRE_SLUG.fullmatch(line) is not None \
        or (len(words) >= 2 and sum(any(c.isdigit() for c in word) for word in words) * 2 > len(words))


def _a_date_alone(line: str) -> bool:
    """Whether a line is a date and its time and nothing else ("09.12.2021 23:50", "December 9, 2021")."""
    return len(line) <= _DATE_LINE_CHARS and any(c.isdigit() for c in line) and len(line.split()) <= 8 \
        and (date_in(line, (), search=False) == line and parse_date(line)[0] is not None
             or _wire_stamp(line) is not None)


# A masthead's line names its outlet and its part, or its issue: "Первый канал, программа «Время»",
# "Eurasia Daily Monitor -- Volume: 18 Issue: 186" (a headline over its date rarely has these marks).
_MASTHEAD_MARK = re.compile(r",|\s--?\s|\s[—–|]\s|\d")


def _over_the_headline(paragraphs: list[str], raw: str) -> tuple[int, str | None]:
    """How many of a text's first paragraphs stand over its headline (labels, a wire's codes and
    dates; a masthead's line over its date, "Первый канал, программа «Время»", "07.12.2021, 21:00",
    the two a block apart from the headline), and the date among them as written; (0, None) where
    the first is the headline, or where no headline is under such lines."""
    date: str | None = None
    for at, paragraph in enumerate(paragraphs[:_HEAD_PARAGRAPHS]):
        under = paragraphs[at + 1:at + 3]
        masthead = len(under) == 2 and _MASTHEAD_MARK.search(paragraph) is not None \
            and _a_date_alone(under[0]) and _a_headline(under[1]) \
            and _lines_together(raw, paragraph, under[0]) and not _lines_together(raw, under[0], under[1])
        if _a_headline(paragraph) and not masthead:
            return (at, date) if at else (0, None)
        if _a_date_alone(paragraph):
            date = date or paragraph
        elif not (masthead or _a_label(paragraph) or _a_wire_code(paragraph)):
            break
    return 0, None


def _lines_together(raw: str, line: str, next_line: str) -> bool:
    """Whether a text has these two lines one under the other, no blank line between."""
    return re.search(re.escape(line[-12:]) + r"[ \t]*\n[ \t]*" + re.escape(next_line[:12]), raw) is not None


# A wire's time stamp, the day of the month, hours and minutes, then the month and year: AP's over
# its story ("AP-WF-12-07-21 1912GMT"), AFP's and dpa's under it ("AFP 071958 GMT DEC 21",
# "071958 Dez 21"; dpa's at Berlin's time, which the language's zone gives).
_AP_STAMP = re.compile(r"AP-[A-Z]{2}-(?P<month>\d\d)-(?P<day>\d\d)-(?P<year>\d\d)\s+(?P<hour>\d\d)(?P<minute>\d\d)\s*GMT",
                       re.IGNORECASE)
_DAY_TIME_STAMP = re.compile(r"(?:[A-Za-z]{2,5}\s+)?(?P<day>[0-3]\d)(?P<hour>[0-2]\d)(?P<minute>[0-5]\d)\s+"
                             r"(?P<gmt>GMT\s+)?(?P<month>[^\W\d_]{3,5})\.?\s+(?P<year>\d\d)")
_STAMP_MONTHS = {name: number for number, names in enumerate((
    ("jan", "janv", "ene", "gen", "sty", "янв"), ("feb", "févr", "fev", "fév", "lut", "фев"),
    ("mar", "mär", "mars", "mrz", "мар"), ("apr", "avr", "abr", "kwi", "апр"), ("may", "mai", "mag", "maj", "мая", "май"),
    ("jun", "juin", "giu", "cze", "июн"), ("jul", "juil", "lug", "lip", "июл"), ("aug", "août", "ago", "sie", "авг"),
    ("sep", "sept", "set", "wrz", "сен"), ("oct", "okt", "ott", "out", "paź", "окт"), ("nov", "lis", "ноя"),
    ("dec", "dez", "déc", "dic", "dez", "gru", "дек")), 1) for name in names}


def _wire_stamp(line: str) -> str | None:
    """The instant a wire's time stamp gives, written in ISO 8601 (at UTC where it says GMT, or AP's;
    without a zone where it does not); None for any other line."""
    if (stamp := _AP_STAMP.fullmatch(line.strip())) is not None:
        month, zone = int(stamp["month"]), "+00:00"
    elif (stamp := _DAY_TIME_STAMP.fullmatch(line.strip())) is not None \
            and (month := _STAMP_MONTHS.get(stamp["month"].casefold(), 0)):
        zone = "+00:00" if stamp["gmt"] else ""
    else:
        return None
    if not (1 <= int(stamp["day"]) <= 31 and int(stamp["hour"]) <= 23):
        return None
    return f"20{stamp['year']}-{month:02d}-{int(stamp['day']):02d}T{stamp['hour']}:{stamp['minute']}:00{zone}"


# What closes a wire's copy under its story, none of it the story's: its time stamp, its contact's
# and keywords' lines (Reuters' "((jane.doe@thomsonreuters.com; +1 202 …))", "Keywords: …"), an agency's
# name in capitals over its editors' initials (Interfax's "ИНТЕРФАКС ПМ ДК").
_CONTACT_NOTE = re.compile(r"\(\([^()]*\)\)")
_KEYWORDS_LINE = re.compile(r"keywords:\s.*", re.IGNORECASE)
_AGENCY_INITIALS = re.compile(r"(?:ИНТЕРФАКС|INTERFAX|ТАСС|TASS|РИА НОВОСТИ|УКРИНФОРМ|УКРІНФОРМ|UNIAN|УНІАН|УНИАН)"
                              r"(?:\s+[А-ЯЁІЇЄA-Z]{1,3}){1,4}"
                              # dpa's desk line, its editors' initials and codes ("dpa cj/ulm yydd n1 mfs")
                              r"|dpa(?:\s+[a-z\d]{1,5}(?:/[a-z\d]{1,5})*){1,6}")
# And a mark that ends the copy: all under it is for editors (a release's "Notes to editors").
_END_MARK = re.compile(r"-*\s*ENDS?\s*-*|#{3}|-30-|\(END\)")


# What closes an e-mail under its text: the signature under its delimiter ("-- ", RFC 3676), a
# newsletter's footer (why it came, how to unsubscribe, the sender's address), and the closing
# greeting over the sender's name, which signs a memo.
_SIGNATURE_DELIMITER = frozenset(("--", "-- "))
# (A footer's words, not a story's: "Users can unsubscribe from the service" stays.)
_MAIL_FOOTER = re.compile(r"^unsubscribe\b|\bto unsubscribe\b|\bunsubscribe\s*\||you (?:are )?receiv(?:e|ed|ing) this "
                          r"(?:e-?mail|newsletter)|^(?:newsletter )?(?:abmelden|abbestellen)\b|newsletter abbestellen|"
                          r"hier abmelden|(?:pour )?vous désinscrire|(?:pour )?vous désabonner|para darse de baja|"
                          r"отписаться от рассылки|відписатися від розсилки|nie chcesz otrzymywać|wypisz się|"
                          r"odhlásit odběr", re.IGNORECASE)
_CLOSING_GREETING = re.compile(r"(?:mit freundlichen grüßen|mit besten grüßen|viele grüße|beste grüße|best regards|"
                               r"kind regards|regards|best wishes|sincerely|yours sincerely|с уважением|з повагою|"
                               r"z poważaniem|pozdrawiam|cordialement|bien cordialement|saludos cordiales|saludos|"
                               r"atentamente|cordiali saluti|distinti saluti|met vriendelijke groet|s pozdravem)[,.!]?",
                               re.IGNORECASE)
_MAIL_CLOSING_PARAGRAPHS = 6
_ADDRESS_LINE_CHARS = 80


def _without_mail_closing(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """The paragraphs without an e-mail's closing (_SIGNATURE_DELIMITER and all under it, a
    newsletter's footer, _CLOSING_GREETING over a name), and the name the greeting signs, or None."""
    start = max(len(paragraphs) - _MAIL_CLOSING_PARAGRAPHS, 1)
    for at in range(start, len(paragraphs)):
        if paragraphs[at] in _SIGNATURE_DELIMITER or _MAIL_FOOTER.search(paragraphs[at]) and len(paragraphs[at]) <= 400:
            # (and the sender's name and address over a footer, lines of no sentence)
            while at > 1 and paragraphs[at] not in _SIGNATURE_DELIMITER and len(paragraphs[at - 1]) <= _ADDRESS_LINE_CHARS \
                    and not closes_a_sentence(paragraphs[at - 1]) and at > len(paragraphs) - _MAIL_CLOSING_PARAGRAPHS:
                at -= 1
            paragraphs = paragraphs[:at]
            break
    signer = None
    for at in range(max(len(paragraphs) - 3, 1), len(paragraphs)):
        if _CLOSING_GREETING.fullmatch(paragraphs[at]):
            under = paragraphs[at + 1:]
            signer = under[0] if len(under) == 1 and is_persons_name(under[0]) else None
            paragraphs = paragraphs[:at]
            break
    return paragraphs, signer


# An e-mail's greeting over its text ("Liebe Kolleginnen und Kollegen,", "Dear colleagues,").
_OPENING_GREETING = re.compile(r"(?:dear|hi|hello|liebe|lieber|sehr geehrte[rn]?|hallo|уважаемые|уважаемый|дорогие|"
                               r"шановні|шановний|drodzy|szanowni|szanowny|szanowna|chers|chères?|bonjour|estimad[oa]s?|"
                               r"querid[oa]s?|cari|care|gentili|beste|geachte)\b[^\n.!?]{0,60},", re.IGNORECASE)


def _without_wire_trailer(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """The paragraphs without what closes a wire's copy under the story (_CONTACT_NOTE …, _END_MARK
    and all under it), and the instant its time stamp gives, or None."""
    for at in range(max(len(paragraphs) // 2, 2), len(paragraphs)):
        if _END_MARK.fullmatch(paragraphs[at]):
            paragraphs = paragraphs[:at]
            break
    stamped = None
    while len(paragraphs) > 1:
        last = paragraphs[-1]
        if (stamp := _wire_stamp(last)) is not None:
            stamped = stamped or stamp
        elif not (_CONTACT_NOTE.fullmatch(last) or _KEYWORDS_LINE.fullmatch(last) or _AGENCY_INITIALS.fullmatch(last)):
            break
        paragraphs = paragraphs[:-1]
    return paragraphs, stamped


# A place under a byline, its name abbreviated ("Washington, D.C."): a label, its full stop no sentence's.
_A_PLACE_ABBREVIATED = re.compile(r"[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*)?,?\s(?:[A-Z]\.){2,3}")
# A date's label on a line of its own over the date (the BBC's "Published", pasted).
_DATE_LABELS_ALONE = frozenset(("published", "updated", "posted", "опубликовано", "опубліковано", "veröffentlicht",
                                "publié", "publicado"))
# The first publication's date, under the last update's (the Guardian's "First published on …").
_FIRST_PUBLISHED = re.compile(r"first published|erstmals veröffentlicht|publié pour la première fois", re.IGNORECASE)
# A wire's note to editors under its headline (AP's "Eds: UPDATES with …").
_EDITORS_NOTE = re.compile(r"(?:eds|editors?|editor's note)\s*:\s.*", re.IGNORECASE)
# Bylines without a label, each writer with the place they wrote from (the Guardian's "Julian Borger
# in Washington and Andrew Roth in Moscow"): a byline only where a date goes with it.
_WRITERS_IN_PLACES = re.compile(r"(?P<names>[^\W\d_][\w'’.-]+(?: [^\W\d_][\w'’.-]+){1,3} in [^\W\d_][\w'’.-]+"
                                r"(?:(?:,| and) [^\W\d_][\w'’.-]+(?: [^\W\d_][\w'’.-]+){1,3} in [^\W\d_][\w'’.-]+)*)")


# A date's year run into its time where a page's spans were pasted together (NPR's "December 7,
# 20216:43 AM ET").
_YEAR_THEN_TIME = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{1,2}:\d{2})")


def _byline_and_date(rest: list[str], languages: tuple[str, ...]) -> tuple[list[str], str | None, str | None]:
    """The text without the byline, date and label lines that open it under the headline (and
    under its standfirst, which stays), the byline's name and the date as written."""
    author = published = None
    taken: set[int] = set()
    writers_in_places: int | None = None
    for at, line in enumerate(rest[:_HEAD_PARAGRAPHS]):
        if is_reading_time(line) or line.casefold().rstrip(":") in _DATE_LABELS_ALONE or _EDITORS_NOTE.fullmatch(line):
            pass  # "4 minute read", a "Published" label over its date, a note to editors: read past, and no text
        elif author is None and (name := byline_line(line)) is not None:
            author = name
            if published is None and name not in line[-len(name):] and any(c.isdigit() for c in line) \
                    and (written := date_in(line, languages)) is not None and parse_date(written, None, languages)[0]:
                published = written  # the date after the name: "By Jane Doe · December 10, 2021"
        elif len(line) <= _DATE_LINE_CHARS and any(c.isdigit() for c in line) \
                and (written := date_in(dated := _YEAR_THEN_TIME.sub(r"\1 \2", line), languages)
                     or updated_in(dated, languages)) is not None \
                and parse_date(written, None, languages)[0] is not None:
            # (or the update's, where the line gives no other: CNN's "Updated 8:35 AM ET, …")
            if published is None or _FIRST_PUBLISHED.match(line):
                published = written
        elif author is None and writers_in_places is None and _WRITERS_IN_PLACES.fullmatch(line):
            writers_in_places = at  # a byline only where a date goes with it
            continue
        elif (taken or writers_in_places is not None) and (_a_label(line) or _A_PLACE_ABBREVIATED.fullmatch(line)):
            pass  # a photo's credit, a button, the site's name under the byline or the date
        elif at == 0 and len(line) <= 2 * _HEADLINE_CHARS:
            continue  # a standfirst, which stays the text's: its byline and date may be under it
        else:
            break
        taken.add(at)
    if published is not None and author is None and writers_in_places is not None:
        author = rest[writers_in_places]
        taken.add(writers_in_places)
    if not taken:
        return rest, None, None
    last = max(taken)
    return [line for index, line in enumerate(rest[:last + 1]) if index not in taken] + rest[last + 1:], author, published
