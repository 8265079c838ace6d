"""Articles exported as text from the news databases analysts search, LexisNexis (Nexis Uni) and
Factiva, one document or a search's many in one file. Each lays out its article's fields in its own
way; read here into the fields a text's labelled header gives (monitor.sources.text reads the rest).

A Nexis document, as its text export and a copy of its page give it: the headline, the publication
and its date (one a line), its copyright, "Length: 236 words", "Byline: …", "Dateline: …", a line
"Body", the text, then "Classification" and its index terms, "Load-Date: …" and "End of Document".
A Factiva document in its article format: the headline, "By …", then "412 words", the date, the
time, the publication, its code, the language and the copyright one a line, the text, and the
document's id ("Document EWD0000020211207ehc70005a").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.dates import parse_date


@dataclass(frozen=True, slots=True)
class Export:
    """An exported article: its fields (named as monitor.sources.text's header names them: title,
    publisher, published, author) and its text."""

    fields: dict[str, str]
    text: str


_LENGTH = re.compile(r"length:\s*\d[\d,.]*\s+words", re.IGNORECASE)
# Where a Nexis document's text ends: its pictures' notes, its index terms, its load date, its end.
_AFTER_THE_TEXT = re.compile(r"load-date\s*:.*|classification|graphic|end of document", re.IGNORECASE)
_END_OF_DOCUMENT = re.compile(r"^[ \t]*end of document[ \t]*$", re.IGNORECASE | re.MULTILINE)
_LABELLED = re.compile(r"(?P<label>[a-z][a-z -]{1,20}?)\s*:\s*(?P<value>.*)", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))", re.IGNORECASE)
_HEAD_LINES = 16  # an exported document's lines over its text, at most
# The id a Factiva document closes with, or gives among a header's fields ("Document
# EWD0000020211207ehc70005a"): Factiva's, no word of the article.
_FACTIVA_ID = re.compile(r"document[ \t]+[a-z0-9]{20,}", re.IGNORECASE)
_FACTIVA_ID_LINE = re.compile(rf"^[ \t]*{_FACTIVA_ID.pattern}[ \t]*$", re.IGNORECASE | re.MULTILINE)
_WORDS = re.compile(r"\d[\d,.]*\s+words", re.IGNORECASE)
_TIME = re.compile(r"\d{1,2}:\d{2}(?:\s*(?:GMT|UTC|[AP]M(?:\s*GMT)?))?", re.IGNORECASE)
_BY = re.compile(r"by\s+(?P<name>\S.*)", re.IGNORECASE)


def exported_documents(raw: str) -> list[Export | None]:
    """The documents of a LexisNexis or Factiva export (one file may hold many: a search's results
    downloaded at once), in order, None for a part between two end marks that reads as none; [] for
    any other text (no part of it reads as an exported document)."""
    if _END_OF_DOCUMENT.search(raw):
        documents = [nexis_document(part) for part in _END_OF_DOCUMENT.split(raw) if part.strip()]
    elif _FACTIVA_ID_LINE.search(raw):
        documents = [factiva_document(part) for part in _FACTIVA_ID_LINE.split(raw) if part.strip()]
    else:
        return []
    return documents if any(document is not None for document in documents) else []


def nexis_document(raw: str) -> Export | None:
    """The article a LexisNexis document gives (module docstring): its headline, publication, date
    and byline, and its text between "Body" and its load date or end mark; None for any other text
    (one without a "Length: N words" line over a "Body" line alone)."""
    lines = [line.strip() for line in raw.splitlines()]
    try:
        body_at = lines.index("Body", 0, _HEAD_LINES * 2)
    except ValueError:
        return None
    head = [line for line in lines[:body_at] if line]
    if not head or len(head) > _HEAD_LINES or not any(_LENGTH.fullmatch(line) for line in head):
        return None
    fields = {"title": head[0]}
    for line in head[1:]:
        if _COPYRIGHT.match(line) or _LENGTH.fullmatch(line):
            continue
        if (labelled := _LABELLED.fullmatch(line)) is not None:
            if labelled["label"].casefold() == "byline" and labelled["value"]:
                fields.setdefault("author", labelled["value"])
            continue  # its dateline, section, highlight: the text's own say as much
        _publication_or_date(fields, line)
    end = next((at for at in range(body_at + 1, len(lines)) if _AFTER_THE_TEXT.fullmatch(lines[at])), len(lines))
    text = "\n".join(lines[body_at + 1:end]).strip()
    return Export(fields, text) if text else None


def factiva_document(raw: str) -> Export | None:
    """The article a Factiva document gives in its article format: the headline, a byline ("By …"),
    then a block of its length ("412 words"), date, time, publication, the publication's code,
    language and copyright, one a line, and the text under it; None for any other text."""
    lines = [line.strip() for line in raw.strip().splitlines()]
    words_at = next((at for at, line in enumerate(lines[:_HEAD_LINES]) if _WORDS.fullmatch(line)), None)
    if words_at is None:
        return None
    over = [line for line in lines[:words_at] if line]
    if not over:
        return None
    fields = {"title": over[0]}
    for line in over[1:]:
        if (by := _BY.fullmatch(line)) is not None:
            fields.setdefault("author", by["name"])
    at = words_at + 1
    time = None
    while at < len(lines) and lines[at]:  # the block under the length, up to the first blank line
        line = lines[at]
        at += 1
        if _TIME.fullmatch(line):
            time = line
        elif "published" not in fields and parse_date(line, None, ())[0] is not None:
            fields["published"] = line
        elif not (_COPYRIGHT.match(line) or (line.isupper() and len(line) <= 6) or line.casefold() in _LANGUAGE_NAMES):
            fields.setdefault("publisher", line)  # after the date, as Factiva sets it
    if time is not None and "published" in fields:
        fields["published"] = f"{fields['published']} {time}"
    text = "\n".join(lines[at:]).strip()
    return Export(fields, text) if text else None


# The language a Factiva document names in its header ("English", "Russian"): no publication's name.
_LANGUAGE_NAMES = frozenset(("english", "russian", "ukrainian", "german", "french", "spanish", "italian", "polish",
                             "portuguese", "chinese", "japanese", "arabic", "turkish", "dutch"))


def _publication_or_date(fields: dict[str, str], line: str) -> None:
    """An unlabelled line of an export's header: its date (the first line that reads as one), or its
    publication (the first line before the date that does not)."""
    if "published" in fields:
        return
    if parse_date(line, None, ())[0] is not None:
        fields["published"] = line
    else:
        fields.setdefault("publisher", line)


def is_factiva_id(line: str) -> bool:
    """Whether a line is a Factiva document's id."""
    return _FACTIVA_ID.fullmatch(line.strip()) is not None
