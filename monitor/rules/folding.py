"""Text folded for matching without changing its length, so that a hit's offsets are the stored
text's: typography (curly quotes, dashes, odd spaces), case, letters written two ways, a Latin "i"
typed in a Cyrillic word.
"""

from __future__ import annotations

from monitor.forms import fold_letters, lower_keeping_length
from monitor.scripts import HANGUL_FIRST, HANGUL_LAST, cyrillic_i, is_spaceless, is_word_char

# Characters that read the same to a person: folded one-for-one so offsets survive.
TYPOGRAPHY = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
    "\u2009": " ", "\u200a": " ", "\u3000": " ",
})


_TYPOGRAPHY_PAIRS = tuple((chr(odd), plain) for odd, plain in TYPOGRAPHY.items())


def typography(text: str) -> str:
    """Text with its curly quotes, dashes and odd spaces folded one-for-one to plain ones (TYPOGRAPHY)."""
    # A look for each odd character and a replace of those present: each a C loop over the text.
    # One regular expression for all of them (and a call per character found) took 40 µs for a
    # 600-word article, this 6; str.translate looks every character up in a dict, slower still.
    for odd, plain in _TYPOGRAPHY_PAIRS:
        if odd in text:
            text = text.replace(odd, plain)
    return text


def fold(text: str) -> str:
    """Lower-case and typography-fold text, keeping its length (so offsets stay valid): letters
    written either way are one (forms.fold_letters), and so is a Latin "i" in a Cyrillic word."""
    return cyrillic_i(fold_letters(lower_keeping_length(typography(text))))


# Chinese, Japanese, Thai and their neighbours are written without spaces between words
# (monitor.scripts): next to one of their characters a word has no edge to find, so "普京" is found
# in "俄罗斯总统普京表示", "ยูเครน" in "ชายแดนยูเครนในช่วง", and "NATO" in "北约NATO成员国".
def bounded(ch: str) -> bool:
    """Whether a term that starts or ends with this character must do so at a word's edge."""
    return is_word_char(ch) and not is_spaceless(ch)


def bounded_after(ch: str) -> bool:
    """Whether a term that ends with this character must be followed by a word's edge: not after a
    Hangul syllable, which Korean's particles follow in the same word ("우크라이나는")."""
    return bounded(ch) and not HANGUL_FIRST <= ch <= HANGUL_LAST
