"""Decode bytes to text: BOM, then the declared charset, then the document's own declaration, then sniffing.

Charset labels are read as browsers read them, by the WHATWG Encoding Standard (through
webencodings): "iso-8859-1", "latin1" and "us-ascii" all mean windows-1252, so the curly quotes and
dashes that sites serve under those labels (bytes 0x91-0x97) are punctuation, not C1 controls.
A declaration that lies is common on the web: bytes that are valid UTF-8 with non-ASCII in them but
declared as a single-byte code page (Latin-1, windows-1252, windows-1251, KOI8-R…: a site moved to
UTF-8, its template still says what it used to) are read as UTF-8 (the other way round cannot be
valid UTF-8 by accident: in such a code page a letter is one byte of 0xC0-0xFF, and two letters in a
row are no UTF-8 sequence), and a declared charset that cannot decode the bytes is replaced by what
charset_normalizer finds. So is a Latin-1 or windows-1252 label (which every byte decodes under) on
a text in another script (Cyrillic, Greek, Hebrew, Thai, Chinese…: _beyond_latin), unless the
document's own declaration names its code page. Text that is UTF-8 but for a few stray bytes (a truncated character, one
0xFF) is UTF-8 with those bytes replaced: a legacy code page would turn every other non-ASCII
character into mojibake. Sniffing tries the code pages of the site's country first, where its
address names one (_COUNTRY_CODE_PAGES): the bytes alone cannot tell Latvian in windows-1257 from
windows-1252, nor Polish in ISO 8859-2 from ISO 8859-14.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import webencodings

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Python's own names for Latin-1 and ASCII ("latin-1", "iso_8859_1", "646"…) are no WHATWG labels;
# they are read as the labels that are, as windows-1252.
_AS_WINDOWS_1252 = {"latin-1", "iso8859-1", "ascii"}


# GBK as browsers read it (the WHATWG's "GBK", which the gb2312 and gbk labels name): GB18030's
# decoder, and the byte 0x80 alone the euro sign, as Windows' code page 936 writes it. Python's gbk
# has no 0x80: a Chinese page with one euro sign failed to decode under its label and was sniffed as
# windows-1252, every character mojibake ("Å·ÖÞÑëÐÐ" for "欧洲央行").
WEB_GBK = "web-gbk"
_GBK_LABELS = {"gbk", "gb2312"}


def _euro_or(mode: str) -> Callable[[UnicodeError], tuple[str | bytes, int]]:
    def handle(error: UnicodeError) -> tuple[str | bytes, int]:
        if isinstance(error, UnicodeDecodeError) and error.object[error.start:error.start + 1] == b"\x80":
            return "€", error.start + 1
        return codecs.lookup_error(mode)(error)
    return handle


for _mode in ("strict", "replace", "ignore"):
    codecs.register_error(f"{WEB_GBK}-{_mode}", _euro_or(_mode))


def _decode_web_gbk(data: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
    raw = bytes(data)
    return raw.decode("gb18030", f"{WEB_GBK}-{errors}"), len(raw)


def _web_gbk(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != WEB_GBK:
        return None
    return codecs.CodecInfo(codecs.lookup("gb18030").encode, _decode_web_gbk, name=WEB_GBK)


codecs.register(_web_gbk)


def _codec(label: str | None) -> str | None:
    """The Python codec a charset label names: the WHATWG label first, then Python's aliases."""
    if not label:
        return None
    label = label.strip().strip("\"'")
    web = webencodings.lookup(label)
    # "replacement" (ISO-2022-KR, HZ…) is the standard's guard against script injection in a browser;
    # a text we only read is better read by Python's codec of that label, when it has one.
    names = [web.codec_info.name] if web is not None and web.name != "replacement" else []
    names.append(label)
    for name in names:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        return "cp1252" if codec in _AS_WINDOWS_1252 else WEB_GBK if codec in _GBK_LABELS else codec
    return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if it names a known codec."""
    if not content_type:
        return None
    found = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.IGNORECASE)
    return _codec(found.group(1)) if found else None


def declared_in_document(body: bytes) -> str | None:
    """The encoding a document declares for itself (XML declaration or HTML meta)."""
    head = body[:2048]
    found = _XML_DECL.match(head) or _META.search(head)
    return _codec(found.group(1).decode("ascii", "replace")) if found else None


_C1_BYTES = re.compile(rb"[\x80-\x9f]")
# Greek's two code pages put Ά apart: 0xA2 in windows-1253 (ISO 8859-7's closing quote "’"), 0xB6 in
# ISO 8859-7 (windows-1253's "¶"). Ahead of a word's lower-case letters, neither quote nor pilcrow
# stands: the byte is the capital.
_WINDOWS_GREEK_CAPITAL = re.compile(rb"(?:^|[\s>\"'(\xab])\xa2[\xdc-\xfe]")
_ISO_GREEK_CAPITAL = re.compile(rb"(?:^|[\s>\"'(\xab])\xb6[\xdc-\xfe]")


# windows-1251 and KOI8 put Cyrillic's capitals and small letters in each other's places (0xC0-0xDF,
# 0xE0-0xFF): a feed in the one labelled as the other reads mostly in capitals, a name's first letter
# small ("рЕУЛПЧ ОБЪЧБМ" for "Песков назвал"). Every byte decodes in both, so the label had stood. A text
# in capitals of its own ("ПЕСКОВ: КРЕМЛЬ…") has no word that opens small and goes on in capitals.
_CASE_SWAPPED = {"cp1251": "koi8-u", "koi8-r": "cp1251", "koi8-u": "cp1251"}  # KOI8-U: KOI8-R's and Ukrainian's letters
_CYRILLIC_SMALL = re.compile("[а-яё]")
_CYRILLIC_CAPITAL = re.compile("[А-ЯЁ]")
_CASE_SAMPLE_BYTES = 8_000
_SMALL_THEN_CAPITALS = re.compile(r"\b[а-яё][А-ЯЁ]{2,}")
_CAPITAL_THEN_SMALL = re.compile(r"\b[А-ЯЁ][а-яё]{2,}")


def _in_swapped_case(body: bytes, codec: str) -> bool:
    """Whether Cyrillic read in `codec` is mostly capitals, as text in the other page is (_CASE_SWAPPED)."""
    if body.isascii():
        return False
    text = body[:_CASE_SAMPLE_BYTES].decode(codec, errors="replace")
    capitals = len(_CYRILLIC_CAPITAL.findall(text))
    if capitals <= 20 or capitals <= 2 * len(_CYRILLIC_SMALL.findall(text)):
        return False
    return len(_SMALL_THEN_CAPITALS.findall(text)) > max(1, len(_CAPITAL_THEN_SMALL.findall(text)))


def _windows_greek(body: bytes) -> bool:
    """Whether Greek bytes are windows-1253's: its letters and marks in 0x80-0x9F, or its Ά."""
    return _C1_BYTES.search(body) is not None or _WINDOWS_GREEK_CAPITAL.search(body) is not None


# XML 1.0 appendix F: how "<?" (or "<") looks in UTF-16/32 without a byte order mark.
_WIDE_XML = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
             (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
             (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"))


def detect(body: bytes, declared: str | None = None, country: str | None = None) -> str:
    """The codec to read `body` with (see the module docstring for the order); `country`: the one
    the site's address names (ISO 3166, lower case), whose code pages sniffing tries first."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            if name == "utf-8-sig" and not _utf8_after_bom(body):
                # A stray UTF-8 BOM: a script's include file saved with one, printed ahead of the
                # windows-1251 page or feed the script writes. What follows it decides.
                return detect(body[len(bom):], declared, country)
            return name
    start = body[:4]  # wide encodings put NULs around an ASCII "<"
    for pattern, name in _WIDE_XML:
        if start.startswith(pattern):
            return name
    candidates = [c for c in (_codec(declared), declared_in_document(body)) if c]
    if len(candidates) == 2 and _two_code_pages_that_read_it(body, *candidates):
        candidates = [_the_one_that_reads_better(body, candidates)]
    for candidate in candidates:
        if _is_single_byte(candidate) and _is_utf8_with_non_ascii(body):
            return "utf-8"
        if candidate == "iso8859-2" and _C1_BYTES.search(body) is not None:
            # Bytes 0x80-0x9F, controls in ISO 8859-2, are windows-1250's letters (ś, ź, š, ž, Ś…):
            # Polish and Czech sites label their windows-1250 so, and "śnieżycą" was "œnieżycš".
            return "cp1250"
        if candidate == "iso8859-7" and _windows_greek(body):
            return "cp1253"  # Greek sites label their windows-1253 so too: "Άνοιξαν" was "’νοιξαν"
        if candidate in _CASE_SWAPPED and _in_swapped_case(body, candidate):
            return _CASE_SWAPPED[candidate]
        if candidate == "cp1252" and _beyond_latin(body):
            continue  # a Latin-1 label on another script's text: the next declaration, or sniffing
        if candidate == "cp1252" or _decodes(body, candidate):  # windows-1252 reads every byte
            return candidate
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if is_mostly_utf8(body):
        return "utf-8"
    from charset_normalizer import from_bytes

    if (pages := _COUNTRY_CODE_PAGES.get(country or "")) is not None:
        best = from_bytes(body[:200_000], cp_isolation=list(pages)).best()
        if best is not None and (in_country := _codec(best.encoding)) is not None:
            if in_country == "cp1253" and not _windows_greek(body) and _ISO_GREEK_CAPITAL.search(body) is not None:
                return "iso8859-7"  # "¶νοιξαν": ISO 8859-7's Ά read as windows-1253's pilcrow
            return in_country
    best = from_bytes(body[:200_000]).best()
    found = (_codec(best.encoding) if best is not None else None) or "cp1252"
    web = _WINDOWS_OVER_MAC.get(found)
    if web is not None and _decodes(body, web):
        return web
    if found in ("cp949", "euc_kr") and _decodes(body, "cp932") and not _korean_syllables(body[:_SAMPLE_BYTES]):
        return "cp932"
    return found


# The code pages a country's sites wrote before UTF-8, for text that declares none: charset_normalizer
# alone read Latvian and Estonian in windows-1257 as windows-1252 ("Ārlietu" as "Ârlietu"), Polish in
# ISO 8859-2 as ISO 8859-14 ("będą" as "bêdħ"). Names as charset_normalizer knows them.
_CENTRAL_EUROPEAN = ("cp1250", "iso8859_2")
_BALTIC = ("cp1257", "iso8859_13", "iso8859_4")
_CYRILLIC = ("cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5")
_COUNTRY_CODE_PAGES = {
    **dict.fromkeys(("pl", "cz", "sk", "hu", "si", "hr", "ba", "rs", "me", "al"), _CENTRAL_EUROPEAN),
    "ro": ("cp1250", "iso8859_16", "iso8859_2"), "lv": _BALTIC, "lt": _BALTIC, "ee": ("cp1257", "iso8859_15"),
    **dict.fromkeys(("ru", "ua", "by", "bg", "mk", "kz", "kg"), _CYRILLIC),
    "tr": ("cp1254", "iso8859_9"), "gr": ("cp1253", "iso8859_7"), "cy": ("cp1253", "iso8859_7"),
    "il": ("cp1255", "iso8859_8"), "th": ("tis_620", "cp874"), "vn": ("cp1258",),
    **dict.fromkeys(("sa", "ae", "eg", "iq", "jo", "lb", "sy", "qa", "kw", "bh", "om", "ye", "ly", "dz", "ma", "tn", "ps",
                     "ir", "pk", "af"), ("cp1256", "iso8859_6")),
    "jp": ("shift_jis", "cp932", "euc_jp", "iso2022_jp"), "kr": ("cp949", "euc_kr"),
    "cn": ("gb18030", WEB_GBK), "tw": ("big5", "cp950"), "hk": ("big5hkscs", "big5", "cp950"),
}


def _two_code_pages_that_read_it(body: bytes, one: str, other: str) -> bool:
    """Whether the server's label and the document's own name two single-byte code pages, neither
    windows-1252 (read apart: _beyond_latin), that both read a text beyond ASCII: a KOI8-R feed that
    says so, served under a windows-1251 header, read by the header as "рЕТЕЗПЧПТЩ"."""
    return (one != other and "cp1252" not in (one, other) and not body.isascii() and _is_single_byte(one)
            and _is_single_byte(other) and not _is_utf8_with_non_ascii(body) and _decodes(body, one)
            and _decodes(body, other))


def _the_one_that_reads_better(body: bytes, candidates: list[str]) -> str:
    """Of two code pages that both read the bytes, the one charset_normalizer finds the text in (the
    server's, the first, where it cannot tell)."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000], cp_isolation=candidates).best()
    found = _codec(best.encoding) if best is not None else None
    return found if found in candidates else candidates[0]


def _korean_syllables(body: bytes) -> bool:
    """Whether the Hangul syllables `body` gives in cp949 are a Korean text's: mostly of the 2,350
    common ones (KS X 1001's, two bytes from 0xB0 0xA1 on). Japanese in Shift_JIS read so gives
    syllables of cp949's extension only ("둖뼮묈륿궼" for "外務大臣は"): charset_normalizer had preferred
    cp949 for an undeclared Shift_JIS page, its text as nothing but those."""
    common = rare = 0
    for syllable in _HANGUL_SYLLABLE.findall(body.decode("cp949", "replace")):
        encoded = syllable.encode("cp949")
        if 0xB0 <= encoded[0] <= 0xC8 and encoded[1] >= 0xA1:
            common += 1
        else:
            rare += 1
    return common >= rare


_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")


# charset_normalizer can prefer a Mac code page to the Windows one of the same script, whose letters
# it shares but for some: a Russian page in windows-1251 was read as Mac Cyrillic, its capitals as
# signs ("ѕутин" for "Путин"). The web has next to no pages in Mac code pages, and many in Windows ones.
_WINDOWS_OVER_MAC = {"mac-cyrillic": "cp1251", "mac-greek": "cp1253", "mac-latin2": "cp1250", "mac-roman": "cp1252",
                     "mac-turkish": "cp1254", "mac-iceland": "cp1252", "mac-croatian": "cp1250", "mac-romanian": "cp1250"}


# A word in a single-byte code page: ASCII letters and bytes beyond ASCII (Cyrillic code pages have
# letters below 0xC0 too: "і" and "ї" are 0xB3 and 0xBF in windows-1251).
_LATIN_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")
_SAMPLE_BYTES = 32_000  # thousands of words: enough to tell, in about 2 ms at most
_MIN_FOREIGN_WORDS = 5


def _beyond_latin(body: bytes) -> bool:
    """Whether bytes under a Latin-1 or windows-1252 label are text in another script's code page
    (windows-1251, KOI8-R, ISO 8859-7, windows-1255, TIS-620, GBK, EUC-KR: a server's or template's
    default charset left on). Read as windows-1252, most of such a text's words are made of
    accented letters alone ("Ïóòèí" for "Путин"); a Latin language's words mix them with ASCII
    letters ("président", "Größe", "ação"), and hardly ever have three in a row without one."""
    if body.isascii():
        return False
    foreign = mixed = 0
    for word in _LATIN_WORD.findall(body[:_SAMPLE_BYTES]):
        if word.isascii():
            continue
        accented = sum(1 for byte in word if byte >= 0xC0)
        if _ASCII_LETTER.search(word) is not None:
            mixed += accented > 0
        elif len(word) >= 3 and accented >= 2:
            foreign += 1
    return foreign >= _MIN_FOREIGN_WORDS and foreign > 2 * mixed


# Invalid sequences allowed per valid multi-byte character: a UTF-8 document with a few damaged bytes
# keeps well over 20 good characters per bad one, while legacy 8-bit text is almost all invalid.
_GOOD_PER_BAD = 20


def is_mostly_utf8(body: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 all the same, but for a few stray bytes."""
    if body.isascii():
        return False
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.count(b"\xef\xbf\xbd")
    good = sum(1 for char in text if char > "\x7f") - text.count("\ufffd")
    return good >= _GOOD_PER_BAD * max(1, bad)


def _utf8_after_bom(body: bytes) -> bool:
    rest = body[len(codecs.BOM_UTF8):]
    try:
        rest.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return is_mostly_utf8(rest)


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


_EVERY_BYTE = bytes(range(256))


@functools.lru_cache(maxsize=64)
def _is_single_byte(codec: str) -> bool:
    """Whether a codec gives one character for each of the 256 bytes: the single-byte code pages
    (windows-125x, ISO 8859, KOI8, cp866…) do, the multi-byte ones (Shift_JIS, GBK, Big5, UTF-16),
    whose text may hold UTF-8-like byte pairs, do not. UTF-8 and 7-bit ISO-2022 labels count as
    single-byte here (each high byte alone is one error): bytes that are valid UTF-8 under them are
    UTF-8 all the same."""
    return len(_EVERY_BYTE.decode(codec, errors="replace")) == 256


def _is_utf8_with_non_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# windows-1252 as the WHATWG standard defines it: Latin-1 with 0x80-0x9F remapped, and the five bytes
# Python's cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) kept as the C1 controls of that number.
# C1_AS_WINDOWS_1252 holds the 27 others: what a C1 control in text (clean.text) or a reference to one
# in a feed (sources.xml_bytes) stands for.
C1_AS_WINDOWS_1252 = {byte: char for byte in range(0x80, 0xA0)
                      if (char := bytes([byte]).decode("cp1252", errors="ignore"))}
_WINDOWS_1252 = {byte: C1_AS_WINDOWS_1252.get(byte, chr(byte)) for byte in range(0x80, 0xA0)}


def decode_as(body: bytes, codec: str) -> str:
    """Bytes → text with a codec `detect` chose; undecodable bytes become U+FFFD, never an error."""
    if body.startswith(codecs.BOM_UTF8) and codec != "utf-8-sig":
        body = body[len(codecs.BOM_UTF8):]  # a stray one (detect), or a BOM ahead of UTF-8 read as "utf-8"
    if codec == "cp1252":
        return body.decode("latin-1").translate(_WINDOWS_1252)
    return body.decode(codec, errors="replace")


def decode(body: bytes, declared: str | None = None, country: str | None = None) -> str:
    """Bytes → text with the detected codec (`country`: the site's, see detect); undecodable bytes
    become U+FFFD, never an error."""
    return decode_as(body, detect(body, declared, country))
