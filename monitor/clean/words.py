"""A text's words as the project compares them: counted in any script (the characters of scripts
written without spaces stand in for words), folded without accents or case for story signatures and
near-duplicate detection.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from monitor.scripts import CJK_CHARACTER, SPACELESS_ABUGIDA_CHARACTER, cyrillic_i, in_cjk_script


def has_words(text: str, count: int) -> bool:
    """Whether a text has at least `count` words, in any script: where a script puts no spaces
    between words (monitor.scripts), its characters stand in for the words str.split() does not
    see, Chinese and Japanese ones two to a word, Thai, Lao, Tibetan, Myanmar and Khmer ones five
    (about what a word of each takes: a Thai word's vowels and tones are characters of their own)."""
    spaced = len(text.split())
    if spaced >= count or text.isascii():
        return spaced >= count
    return (spaced + len(CJK_CHARACTER.findall(text)) // 2
            + len(SPACELESS_ABUGIDA_CHARACTER.findall(text)) // 5 >= count)


def spaced(text: str) -> str:
    """A text with each Chinese or Japanese character a word of its own (monitor.scripts): what
    stands for words where there are no spaces to find them by (story signatures shingle
    characters there, as near-duplicate detection for those languages does). Other text as it is:
    Thai's and its neighbours' letters alone say too little (Thai has 44 consonants) for shingles
    of three to tell two stories apart, and their words split at their marks instead (word_bytes)."""
    if text.isascii() or not in_cjk_script(text):
        return text
    return CJK_CHARACTER.sub(r" \g<0> ", text)


_WORD_CHARS = re.compile(r"\w+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


# The top-level domain a site's name may close with ("Le Monde.fr", "Gazeta.Ru", "tagesausblick.de").
_TOP_LEVEL = re.compile(r"\.[a-z]{2,6}$", re.IGNORECASE)


def without_top_level_domain(name: str) -> str:
    """A name without the top-level domain that closes it ("Le Monde.fr": "Le Monde")."""
    return _TOP_LEVEL.sub("", name)


def folded_words(text: str) -> list[str]:
    """The text's words, case-folded and without accents (as the full-text index folds them)."""
    folded = text.casefold()
    if not folded.isascii():
        folded = fold_accents(_cyrillic_apostrophes(cyrillic_i(folded)))
    return _WORD_CHARS.findall(folded)


# Ukrainian's apostrophe inside a word, written three ways: the modifier letter "ʼ" (Suspilne's,
# Ukrinform's), a letter's character as \w reads it, and the typewriter's or typographer's quote
# ("об'єкт", "об’єкт"), which split the word in two. Two outlets' copies of one story had no text hash
# in common, and shared few words. Each is the modifier letter between Cyrillic letters.
_APOSTROPHES = ("'", "\u2019", "`")


def _cyrillic_apostrophes(text: str) -> str:
    # Each apostrophe's neighbours looked at (a text has few): a regular expression with look-arounds
    # read every character of every text that had one, 8 µs an English article.
    chars: list[str] | None = None
    last = len(text) - 1
    for apostrophe in _APOSTROPHES:
        at = text.find(apostrophe)
        while at != -1:
            if 0 < at < last and "\u0400" <= text[at - 1] <= "\u04ff" and "\u0400" <= text[at + 1] <= "\u04ff":
                if chars is None:
                    chars = list(text)
                chars[at] = "\u02bc"
            at = text.find(apostrophe, at + 1)
    return "".join(chars) if chars is not None else text


# word_bytes(): ASCII word characters kept, every other ASCII byte a space, the bytes of non-ASCII
# characters kept (the non-word ones are spaces by then). Not lower-cased: the text is case-folded
# already, and the capitals NFKD makes ("™" → "TM") stay capitals, as in folded_words().
_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 95 or c >= 128 else 32 for c in range(256))
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")
_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")  # a capturing group: re.split keeps the runs


def word_bytes(text: str, strip_accents: bool) -> list[bytes]:
    """The text's words (runs of \\w), case-folded, each as UTF-8 bytes; without accents too when
    `strip_accents` (then the words are folded_words()'). The same split as the regular expression,
    made by bytes.translate and bytes.split, without a str object per word: hashing needs bytes."""
    if text.isascii():
        return text.encode("ascii").lower().translate(_WORD_BYTES).split()
    if _mostly_ascii(text):
        # str.casefold() reads every character of a text that has one beyond ASCII (13 µs for an
        # article of 3 KB with a curly quote): here bytes.lower() folds the ASCII letters (a UTF-8
        # sequence has no byte below 0x80) and the encoder's handler each run of other characters.
        try:
            encoded = text.encode("utf-8").lower().decode("utf-8").encode(
                "ascii", _CASEFOLD_FOLD_RUN if strip_accents else _CASEFOLD_SIGNS_RUN)
        except _CyrillicRun:
            pass  # a Latin "i" or an apostrophe beside it may be Ukrainian's: the whole text's path
        else:
            return encoded.translate(_WORD_BYTES).split()
    folded = _cyrillic_apostrophes(cyrillic_i(text.casefold()))
    if _mostly_ascii(folded):
        encoded = folded.encode("ascii", _FOLD_RUN if strip_accents else _SIGNS_RUN)
    else:
        encoded = (_without_accents_or_signs(folded) if strip_accents
                   else _NON_ASCII_NON_WORD.sub(" ", folded)).encode("utf-8")
    return encoded.translate(_WORD_BYTES).split()


def _without_accents_or_signs(folded: str) -> str:
    # Only the non-ASCII runs can change: NFKD leaves ASCII alone, and an ASCII character ends any
    # run of combining marks that it would reorder. The runs are folded in one call, joined by an
    # ASCII "\x00" (which NFKD and the sign pattern leave alone), not in a call per run: in Cyrillic
    # or Greek text every word is a run, and a call each cost twice as much.
    parts = _NON_ASCII_RUNS.split(folded)
    parts[1::2] = _NON_ASCII_NON_WORD.sub(" ", fold_accents("\x00".join(parts[1::2]))).split("\x00")
    return "".join(parts)


# Text in a Latin alphabet is mostly ASCII with a few runs of other characters (curly quotes, dashes,
# accented letters). Finding those runs with a regular expression scans the whole text in Python's
# regex engine, which cost more than the rest of word_bytes() together. The ASCII encoder finds them
# in C instead, and hands each run to an error handler that returns the run's bytes, folded, in its
# place. A handler call costs about what the regular expression costs over 60 characters, so text
# where non-ASCII characters are more than a tenth of the bytes (Cyrillic, Greek: every word is a
# run) takes the regular-expression path. Both paths give the same words (tests/test_signatures.py).
_FOLD_RUN = "monitor.clean.fold_run"
_SIGNS_RUN = "monitor.clean.signs_run"


def _mostly_ascii(folded: str) -> bool:
    return (len(folded.encode("utf-8")) - len(folded)) * 10 < len(folded)


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start:error.end]
    return _NON_ASCII_NON_WORD.sub(" ", fold_accents(run)).encode("utf-8"), error.end


def _signs_run(error: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(error, UnicodeEncodeError)
    return _NON_ASCII_NON_WORD.sub(" ", error.object[error.start:error.end]).encode("utf-8"), error.end


class _CyrillicRun(Exception):
    """A run of characters that case-folds to Cyrillic letters (cyrillic_i and _cyrillic_apostrophes
    look at their neighbours, which the run's handler does not see)."""


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CASEFOLD_FOLD_RUN = "monitor.clean.casefold_fold_run"
_CASEFOLD_SIGNS_RUN = "monitor.clean.casefold_signs_run"


def _casefolded_run(error: UnicodeError) -> str:
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start:error.end].casefold()
    if _CYRILLIC.search(run) is not None:
        raise _CyrillicRun
    return run


def _casefold_fold_run(error: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(error, UnicodeEncodeError)
    return _NON_ASCII_NON_WORD.sub(" ", fold_accents(_casefolded_run(error))).encode("utf-8"), error.end


def _casefold_signs_run(error: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(error, UnicodeEncodeError)
    return _NON_ASCII_NON_WORD.sub(" ", _casefolded_run(error)).encode("utf-8"), error.end


codecs.register_error(_FOLD_RUN, _fold_run)
codecs.register_error(_SIGNS_RUN, _signs_run)
codecs.register_error(_CASEFOLD_FOLD_RUN, _casefold_fold_run)
codecs.register_error(_CASEFOLD_SIGNS_RUN, _casefold_signs_run)


def fold_accents(text: str) -> str:
    """The text decomposed (NFKD) and without its combining marks: "é" → "e", "ﬁ" → "fi"."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))
