"""A feed's or a sitemap's bytes made ready for an XML parser: inflated when served as raw gzip
(within a byte cap), re-encoded as UTF-8 by our charset rules and declared so, references to UTF-16
surrogates joined into the characters they stand for, bare ampersands and HTML's entities made
XML's, and the control characters XML forbids dropped.
"""

from __future__ import annotations

import html.entities
import re
import zlib

from monitor.charset import C1_AS_WINDOWS_1252, decode_as, detect
from monitor.errors import ParseError


# Blank lines ahead of the XML declaration (a CMS template or plugin printing them first) are an XML
# error, which every fetch of the feed would record as its warning; they carry nothing.
_SPACE_BEFORE_DECLARATION = re.compile(rb"^\s+(?=<\?xml[\s?])")
_XML_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][A-Za-z0-9._:-]+["']""")


def as_utf8(body: bytes, declared: str | None, country: str | None = None) -> bytes:
    """The feed re-encoded as UTF-8 by our charset rules, its XML declaration saying so.

    feedparser falls back to windows-1252 when a declared charset cannot decode the bytes; our
    detection (BOM, header, declaration, then sniffing) gets Cyrillic served as "utf-8" right
    (`country`: the site's, whose code pages sniffing tries first: charset.detect).
    """
    codec = detect(body, declared, country)
    if not (codec in ("utf-8", "ascii") and _valid_utf8(body)):
        body = decode_as(body, codec).lstrip("\ufeff").encode("utf-8")
    return _XML_ENCODING.sub(rb'\1"utf-8"', _SPACE_BEFORE_DECLARATION.sub(b"", body, count=1), count=1)


# Numeric character references to UTF-16 surrogates ("&#55357;&#56832;": how some generators write an
# emoji) name no character; feedparser turns them into lone surrogates that nothing can encode.
_SURROGATE_HINT = re.compile(rb"&#(?:[xX][dD][89a-fA-F][0-9a-fA-F]{2}|5[5-7]\d{3});")
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));")


def _code(ref: re.Match[bytes]) -> int:
    return int(ref.group(1), 16) if ref.group(1) else int(ref.group(2))


# References to the C1 controls ("&#133;", "&#x92;"): HTML reads them as windows-1252's characters,
# and so do the sites that write them, but XML reads them as the controls. feedparser maps them back,
# but not at the end of a text, which it strips first: U+0085 is a space to Python, and a title that
# ended with "&#133;" lost its ellipsis. Written as the characters' own references, before it reads them.
_C1_REFERENCE = re.compile(rb"&#(?:0*1(?:2[89]|[34]\d|5\d)|[xX]0*[89][0-9a-fA-F]);")
_WINDOWS_1252_REFERENCE = {byte: b"&#%d;" % ord(char) for byte, char in C1_AS_WINDOWS_1252.items()}


def with_windows_1252_references(body: bytes) -> bytes:
    """The body with each reference to a C1 control written as one to the windows-1252 character
    of that byte (the five bytes windows-1252 leaves undefined keep theirs)."""
    if b"&#" not in body or not _C1_REFERENCE.search(body):
        return body
    return _C1_REFERENCE.sub(_as_windows_1252_reference, body)


def _as_windows_1252_reference(ref: re.Match[bytes]) -> bytes:
    number = ref.group()[2:-1]
    code = int(number[1:], 16) if number[:1] in b"xX" else int(number)
    return _WINDOWS_1252_REFERENCE.get(code, ref.group())


def without_surrogate_references(body: bytes) -> bytes:
    """The body with each pair of surrogate references joined into the character they spell, and a
    lone one replaced by U+FFFD."""
    if not _SURROGATE_HINT.search(body):
        return body
    out: list[bytes] = []
    position = 0
    pending: tuple[int, re.Match[bytes]] | None = None  # a high surrogate waiting for its low half
    for ref in _CHAR_REF.finditer(body):
        code = _code(ref)
        if pending is not None:
            high, high_ref = pending
            pending = None
            if 0xDC00 <= code <= 0xDFFF and high_ref.end() == ref.start():
                out.append(body[position:high_ref.start()])
                out.append(b"&#%d;" % (0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)))
                position = ref.end()
                continue
            out.append(body[position:high_ref.start()] + b"&#65533;")
            position = high_ref.end()
        if 0xD800 <= code <= 0xDBFF:
            pending = (code, ref)
        elif 0xDC00 <= code <= 0xDFFF:
            out.append(body[position:ref.start()] + b"&#65533;")
            position = ref.end()
    if pending is not None:
        out.append(body[position:pending[1].start()] + b"&#65533;")
        position = pending[1].end()
    out.append(body[position:])
    return b"".join(out)


# What XML rejects and feeds write anyway: "AT&T", "S&P 500", "?a=1&b=2" with their ampersands bare,
# and HTML's entities ("&nbsp;", "&laquo;", "&mdash;": Russian and Ukrainian sites' titles are full of
# them), which XML does not define. Either makes expat give up on the whole feed; feedparser's
# forgiving reader then takes "&T" for an entity reference ("AT&T;"), and every fetch of the feed
# carries a warning. Outside CDATA sections (whose text is read as it is written), a bare ampersand
# is escaped and an HTML entity becomes the character reference XML knows.
_AMPERSAND = re.compile(rb"&(?:([A-Za-z][A-Za-z0-9]*);|#[0-9]+;|#[xX][0-9A-Fa-f]+;)?")
_CDATA_SECTION = re.compile(rb"<!\[CDATA\[.*?(?:\]\]>|$)", re.DOTALL)
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))


def _as_xml_reference(found: re.Match[bytes]) -> bytes:
    name = found.group(1)
    if found.end() - found.start() > 1 and (name is None or name in _XML_ENTITIES):
        return found.group()  # a character reference, or one of XML's own five
    if name is not None and (text := html.entities.html5.get(name.decode("ascii") + ";")) is not None:
        return b"".join(b"&#%d;" % ord(char) for char in text)
    return b"&amp;" + found.group()[1:]


# Control characters XML 1.0 allows nowhere, not even in CDATA, and copy-pasted text brings along:
# a vertical tab or form feed (Word's line break) becomes a space, the others go.
_CONTROLS_AS_SPACES = bytes.maketrans(b"\x0b\x0c", b"  ")
_CONTROLS_DROPPED = bytes(range(0x09)) + bytes(range(0x0E, 0x20))


def as_xml(body: bytes) -> bytes:
    """The body mended where XML rejects what feeds write anyway: each bare ampersand escaped and
    each HTML entity written as a character reference (outside CDATA sections), control characters
    dropped."""
    body = body.translate(_CONTROLS_AS_SPACES, _CONTROLS_DROPPED)
    pieces: list[bytes] = []
    position = 0
    while (section := _CDATA_SECTION.search(body, position)) is not None:
        pieces.append(_AMPERSAND.sub(_as_xml_reference, body[position:section.start()]))
        nested = _nested_cdata(body, section.start()) if body.find(_CDATA_OPEN, section.start() + 9, section.end()) >= 0 else None
        if nested is not None:
            pieces.append(nested[0])
            position = nested[1]
        else:
            pieces.append(section.group())
            position = section.end()
    pieces.append(_AMPERSAND.sub(_as_xml_reference, body[position:]))
    return b"".join(pieces)


_CDATA_OPEN = b"<![CDATA["
_CDATA_CLOSE = b"]]>"


def _nested_cdata(body: bytes, start: int) -> tuple[bytes, int] | None:
    """The CDATA section opening at `start` with the sections pasted inside it (an embed's markup
    with its own CDATA, Lenta's tweets) unwrapped, and where it ends; None where its sections do not
    close. XML has no nested sections: the inner one's "]]>" closed the outer, whose own "]]>" then
    stood in the element's text, where XML allows none and the forgiving reader kept it as words."""
    depth, at, inner = 0, start, []
    while True:
        opening = body.find(_CDATA_OPEN, at)
        closing = body.find(_CDATA_CLOSE, at)
        if closing < 0:
            return None
        if 0 <= opening < closing:
            inner.append(body[at:opening])
            depth, at = depth + 1, opening + len(_CDATA_OPEN)
            continue
        inner.append(body[at:closing])
        depth, at = depth - 1, closing + len(_CDATA_CLOSE)
        if depth == 0:
            return _CDATA_OPEN + b"".join(inner) + _CDATA_CLOSE, at


def _valid_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


GZIP_MAGIC = b"\x1f\x8b"
MAX_INFLATED = 10_000_000  # settings.max_bytes's default, for documents that do not carry their cap


def gunzip(body: bytes, location: str, cap: int | None, stage: str = "feed") -> bytes:
    """A document stored or served as raw gzip bytes, inflated no further than its byte cap."""
    limit = cap or MAX_INFLATED
    inflater = zlib.decompressobj(wbits=47)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise ParseError(stage, location, f"gzip-compressed bytes that do not inflate: {exc}") from None
    if len(data) > limit or inflater.unconsumed_tail:
        raise ParseError(stage, location, f"gzip-compressed {stage} over the {limit}-byte limit")
    return data
