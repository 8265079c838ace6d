"""A plain-text article: headline on the first non-empty line, paragraphs, maybe a copyright trailer.

A trailing "Copyright 2021 NPR. To see more, visit …" (or "© 2021 Outlet", "(c) 2021 Outlet") names the
publisher and is dropped from the body: it is the outlet's boilerplate, not the story.
"""

from __future__ import annotations

import re

from monitor.charset import decode
from monitor.clean.text import clean_text
from monitor.errors import ParseError
from monitor.models import Entry, Parsed, RawDocument

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


def split_copyright(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """(paragraphs without a trailing copyright line, the outlet it names or None)."""
    if paragraphs and len(paragraphs[-1]) < 300:
        found = _COPYRIGHT.match(paragraphs[-1]) or _COPYRIGHT_YEAR_AFTER.match(paragraphs[-1])
        if found:
            outlet = found.group("outlet").strip(" ,;:")
            outlet = re.sub(r"(?i)\s*,?\s*all rights reserved$", "", outlet).strip()
            return paragraphs[:-1], outlet or None
    return paragraphs, None


def parse(doc: RawDocument) -> Parsed:
    """One article from a text document."""
    raw = decode(doc.body, doc.charset)
    text = clean_text(raw)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        raise ParseError("text", doc.location, "the document is empty")
    first = paragraphs[0]
    # The headline is the first line; clean_text joined it with following lines of the same block.
    raw_lines = [cleaned for line in re.split(r"\r\n|[\r\n\u2028\u2029]", raw)
                 if (cleaned := clean_text(line))]
    headline = raw_lines[0] if raw_lines else first
    rest = paragraphs[1:] if first == headline else [first[len(headline):].strip()] + paragraphs[1:]
    body_paragraphs, publisher = split_copyright([p for p in rest if p])
    if not body_paragraphs:
        raise ParseError("text", doc.location, "a headline but no article text under it")
    return Parsed(entries=(Entry(
        title=headline,
        url=doc.final_url,
        publisher=publisher,
        body="\n\n".join(body_paragraphs),
    ),), title=headline)
