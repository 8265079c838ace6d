"""What a document fetched or dropped as text (an article page, a text article) may be instead: a
file of another kind, told by its bytes' first signature whatever the server says, else by the
media type it gives; or binary data with no signature we know, told by its decoded text.
"""

from __future__ import annotations

import re

from monitor.models import RawDocument

# A ministry's statement as a PDF, a photo, a video, an archive. Read as markup, such bytes made a
# one-paragraph article of binary noise, or an error that named lxml's complaint rather than the
# document.
_SIGNATURES = ((b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive or an Office document"),
               (b"\xd0\xcf\x11\xe0", "an Office document"), (b"\x1f\x8b", "a gzip archive"))
_NOT_MARKUP_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                     "application/msword", "application/vnd.", "application/x-rar", "application/x-7z")


def not_a_page(doc: RawDocument) -> str | None:
    """What a document fetched as an article page is instead (a PDF document, an image…), or None."""
    head = doc.body[:8].lstrip()
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    media = (doc.content_type or "").partition(";")[0].strip().lower()
    if media.startswith(_NOT_MARKUP_TYPES):
        return media
    return None


# The control characters no text holds (all of C0 but tab, line feed, vertical tab, form feed and
# carriage return: Word's line break is a vertical tab, and texts exported from it hold one on each
# line), and the replacement character a decoder puts for bytes it cannot read. Text holds a stray
# one at most; binary data read as text, about one character in ten.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
_SAMPLE_CHARS = 4096
BINARY_SHARE = 0.05


def looks_binary(text: str) -> bool:
    """Whether decoded text is binary data: a twentieth of its first characters or more are control
    or replacement characters."""
    sample = text[:_SAMPLE_CHARS]
    if sample.isprintable() or not sample:
        return False
    return len(_NOT_TEXT.findall(sample)) >= BINARY_SHARE * len(sample)
