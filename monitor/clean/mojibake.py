"""Text encoded twice, put back: UTF-8 that a site once read as windows-1252, Latin-1 or
windows-1251 and stored that way ("Ukraineâ€™s", "Ð£ÐºÑ€Ð°Ñ—Ð½Ð°", "РЈРєСЂР°С—РЅР°"), and windows-1251
read as Latin-1 ("Ïåñêîâ").

Such a site serves valid bytes under the right charset, so decoding (monitor.charset) has nothing
to mend: the text itself is wrong, and a reader, a rule's term and the story signature all miss it.
ftfy is made for this and is careful not to "fix" text that only looks odd ("SÃO PAULO", "ESPAÑA").
It is asked only about texts with a sign of it: its own check reads every character (0.6 ms for a
3.5 KB text), and almost no text has one.
"""

from __future__ import annotations

import re

# Read as windows-1251, "Рѕ" and "Рµ" are Russian's and Ukrainian's "о" and "е", and "вЂ" begins
# the quotes and dashes; read as windows-1252, "â€" begins them, and read as Latin-1, "â\x80". No
# language writes these. Each is looked for only in a text with its rarer character: a
# one-character search runs at memory speed, a two-character one about forty times slower.
_SEQUENCES = (("€", "â€"), ("\x80", "â\x80"), ("ѕ", "Рѕ"), ("µ", "Рµ"), ("Ђ", "вЂ"))
# Read as windows-1252, a two-byte letter is its lead byte's letter ("Ã" for accented Latin
# letters, "Â" for signs, "Ä" and "Å" for Central European letters, "Ð" and "Ñ" for Cyrillic) then a
# continuation byte's character (0x80-0xBF): punctuation, a sign or a non-breaking space where
# languages that write these letters put another letter ("NÃO", "ESPAÑA").
_LEADS = ("Ã", "Â", "Ä", "Å", "Ð", "Ñ")
_CONTINUATION = ("\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
                 "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178")
_LEAD_THEN_CONTINUATION = re.compile(f"[{''.join(_LEADS)}][{_CONTINUATION}]")


def without_mojibake(text: str) -> str:
    """The text with any UTF-8 read in a single-byte code page read as UTF-8 again, and windows-1251
    read as Latin-1 read as windows-1251 again."""
    if text.isascii():
        return text
    if "î" in text and "å" in text and "à" in text:
        text = _cyrillic_read_as_latin(text)
    if not _has_sign(text):
        return text
    import ftfy  # here: 60 ms of imports that only a text with a sign of mojibake needs

    return ftfy.fix_encoding(text)


# Windows-1251 read as Latin-1 or windows-1252 ("Ïåñêîâ íàçâàë" for "Песков назвал"): every Cyrillic
# letter one of À-ÿ, which ftfy does not mend (the bytes were no UTF-8). Told by words of those letters
# alone, four or more, which no language written in Latin letters has many of ("été", "Ça" are short).
_LATIN_RUN = re.compile("[\u00c0-\u00ff]{4,}")
_LATIN_RUNS_NEEDED = 3  # in the text's first 4,000 characters
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _cyrillic_read_as_latin(text: str) -> str:
    if len(_LATIN_RUN.findall(text, 0, 4000)) < _LATIN_RUNS_NEEDED:
        return text
    try:
        mended = text.encode("cp1252").decode("cp1251")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    # Not where the text has Cyrillic of its own (mojibake of another kind, or none)
    return text if _CYRILLIC.search(text) is not None else mended


def _has_sign(text: str) -> bool:
    # Substring tests first (in C, at memory speed), then the regular expression, which reads a
    # character class at every character, only for a text with one of the lead letters.
    for rare, sequence in _SEQUENCES:
        if rare in text and sequence in text:
            return True
    for lead in _LEADS:
        if lead in text:
            return _LEAD_THEN_CONTINUATION.search(text) is not None
    return False
