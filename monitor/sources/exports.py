"""Articles exported as text from the news databases analysts search: a LexisNexis (Nexis Uni)
document, and the id a Factiva document closes with. Each lays out its article's fields in its own
way; read here into the fields a text's labelled header gives (monitor.sources.text reads the rest).

A Nexis document, as its text export and a copy of its page give it:

    Kremlin dismisses US warnings as 'hysteria'
    Interfax Wire Service
    December 7, 2021 Tuesday 1:43 PM GMT

    Copyright 2021 Interfax Wire Service All Rights Reserved

    Length: 236 words
    Byline: Sergei Volkov
    Dateline: MOSCOW

    Body

    The Kremlin on Tuesday described …

    Load-Date: December 8, 2021

    End of Document
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
_LABELLED = re.compile(r"(?P<label>[a-z][a-z -]{1,20}?)\s*:\s*(?P<value>.*)", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))", re.IGNORECASE)
_HEAD_LINES = 16  # a Nexis document's lines over its text, at most


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
        if (labelled := _LABELLED.fullmatch(line)) is not None and not any(c.isdigit() for c in labelled["label"]):
            if labelled["label"].casefold() == "byline" and labelled["value"]:
                fields.setdefault("author", labelled["value"])
            continue  # its dateline, section, highlight: the text's own say as much
        if "published" not in fields and parse_date(line, None, ())[0] is not None:
            fields["published"] = line
        elif "published" not in fields:
            fields.setdefault("publisher", line)
    end = next((at for at in range(body_at + 1, len(lines)) if _AFTER_THE_TEXT.fullmatch(lines[at])), len(lines))
    text = "\n".join(lines[body_at + 1:end]).strip()
    return Export(fields, text) if text else None


# The id a Factiva document closes with, or gives among its header's fields ("Document
# EWD0000020211207ehc70005a"): Factiva's, no word of the article.
_FACTIVA_ID = re.compile(r"document\s+[a-z0-9]{20,}", re.IGNORECASE)


def is_factiva_id(line: str) -> bool:
    """Whether a line is a Factiva document's id."""
    return _FACTIVA_ID.fullmatch(line.strip()) is not None
