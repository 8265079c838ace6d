"""The XML reader feedparser parses feeds with: the standard library's expat reader, with expat's
character-data buffering on.

Unbuffered, expat hands over an element's text in pieces: one per line of a CDATA section and one
per entity reference, so an article's HTML in <content:encoded> arrives as ~90 pieces, and each goes
through feedparser's handle_data (a FeedParserDict lookup, an append) before feedparser joins them.
Buffered, consecutive pieces arrive as one. feedparser's result is the same (checked on every file
of the shared feed corpus, ill-formed ones and their bozo exceptions included:
tests/test_sources_feed.py), for about a tenth less of its time on full-content feeds (bench/README.md,
"Buffered expat").

xml.sax.make_parser() takes the names of modules with a create_parser() to try first; feedparser
passes it its PREFERRED_XML_PARSERS, which monitor.sources.feed sets to this module.
"""

from __future__ import annotations

from typing import Any
from xml.sax import expatreader

# Larger than expat's default (8 KB), so an article's HTML is rarely cut into two pieces.
BUFFER_BYTES = 1 << 16


class BufferedExpatParser(expatreader.ExpatParser):
    """expatreader.ExpatParser whose expat parser buffers character data."""

    _parser: Any  # the pyexpat parser; reset() makes a new one for each document (not in typeshed's stub)

    def reset(self) -> None:
        super().reset()
        # xml.sax offers no setting for this: the parser reset() has just made is set directly.
        self._parser.buffer_text = True
        self._parser.buffer_size = BUFFER_BYTES


def create_parser(*args: Any, **kwargs: Any) -> BufferedExpatParser:
    """The hook xml.sax.make_parser() calls."""
    return BufferedExpatParser(*args, **kwargs)
