"""The text kind: headline line, paragraphs, copyright trailer naming the publisher."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from monitor.errors import ParseError
from monitor.models import RawDocument
from monitor.sources import text

NOW = datetime(2022, 1, 1, tzinfo=timezone.utc)


def doc(body: str | bytes) -> RawDocument:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return RawDocument(source="s", kind="text", location="/x.txt", body=data, fetched_at=NOW, path=Path("/x.txt"))


CASES = [
    # (document, title, publisher, first body words, last body words)
    ("Headline here\n\nFirst paragraph.\n\nSecond one.\n\nCopyright 2021 NPR. To see more, visit",
     "Headline here", "NPR", "First paragraph.", "Second one."),
    ("\n\n  Leading blank lines  \nBody on the next line.\n\n© 2022 Eastern Europe Wire Sample. All rights reserved.",
     "Leading blank lines", "Eastern Europe Wire Sample", "Body on the next line.", "Body on the next line."),
    ("Title\r\n\r\nText with CRLF.\r\n\r\n(c) 2020-2022 The Kyiv Ledger", "Title", "The Kyiv Ledger",
     "Text with CRLF.", "Text with CRLF."),
    ("No trailer\n\nJust text. Copyright is discussed here in 2021 terms.", "No trailer", None,
     "Just text.", "2021 terms."),
    # the year after the outlet
    ("Колона біля кордону\n\nТекст статті.\n\n© Агентство Прикордоння, 2021", "Колона біля кордону",
     "Агентство Прикордоння", "Текст статті.", "Текст статті."),
    ("Title\n\nText.\n\n(c) Border Wire 2020-2022", "Title", "Border Wire", "Text.", "Text."),
]


@pytest.mark.parametrize("body, title, publisher, first, last", CASES)
def test_text_articles(body: str, title: str, publisher: str | None, first: str, last: str) -> None:
    entry = text.parse(doc(body)).entries[0]
    assert entry.title == title
    assert entry.publisher == publisher
    assert entry.body.startswith(first)
    assert entry.body.endswith(last)
    assert "Copyright" not in entry.body.splitlines()[-1] or publisher is None


def test_windows_1252_text_is_not_mojibake() -> None:
    entry = text.parse(doc("Kyiv’s reply\n\nThe café said “no”.".encode("cp1252"))).entries[0]
    assert entry.title == "Kyiv’s reply"
    assert entry.body == "The café said “no”."


def test_empty_and_headline_only_documents_are_errors() -> None:
    with pytest.raises(ParseError, match="empty"):
        text.parse(doc("  \n\n "))
    with pytest.raises(ParseError, match="no article text"):
        text.parse(doc("Only a headline\n"))
