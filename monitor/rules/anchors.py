"""The anchored automaton: keys with a space ahead, scanned over a copy of a Latin-1 text whose
other signs are spaces, so that a key is only found where a word starts. With thousands of keys it
spares the plain automaton's following of keys inside words.
"""

from __future__ import annotations

import codecs

from monitor.scripts import is_word_char

# The anchored automaton costs a copy of each text (3.4 µs for a 600-word item, 2026-12-02), and pays
# for it once the plain automaton has keys enough to follow inside words: bench_match's 10 terms
# (10 keys) scanned in 18.6 µs plain and 20.2 anchored; 28 keys 25.8 and 23.6; 9,555 keys 51.9 and 35.7.
ANCHOR_FROM_KEYS = 20

# Latin-1 characters that are not word characters (str.isalnum() or "_") become spaces: in such a
# copy of a text, a key anchored with a space ahead of it is found only where a word starts.
_ANCHOR_BYTES = bytes(c if is_word_char(chr(c)) else 0x20 for c in range(256))


def anchored_key(key: str) -> str:
    """The anchored automaton's key for a folded key (Latin-1 only): a space where a character other
    than a word's is, and one ahead of a key that starts with a word character."""
    anchored = key.encode("latin-1").translate(_ANCHOR_BYTES).decode("latin-1")
    return " " + anchored if is_word_char(key[0]) else anchored


def anchored_text(folded: str, keyed_signs: frozenset[str] = frozenset()) -> str | None:
    """A folded text as the anchored automaton reads it: a space ahead, then the text with every
    character other than a word's made a space (so offsets move by one); None for a text whose words
    are not all Latin-1, or that holds a sign beyond Latin-1 that a key holds (`keyed_signs`).

    Most English and western European text is Latin-1 once folded, but for a sign or two ("…", "€",
    "•", "™", an emoji): those become spaces, as any sign does, and only a key holding one of them
    could be missed. The anchored automaton leaves a word as soon as it stops being the start of a
    key, where the plain one follows every substring: with 10,000 terms that was most of the
    automaton's cost per character."""
    try:
        encoded = folded.encode("latin-1", _SIGNS_AS_SPACES)
    except _WordBeyondLatin1:
        return None
    if keyed_signs and any(sign in folded for sign in keyed_signs):
        return None
    return " " + encoded.translate(_ANCHOR_BYTES).decode("latin-1")


class _WordBeyondLatin1(Exception):
    """Raised while encoding a text for the anchored automaton: it has a word beyond Latin-1."""


def _signs_as_spaces(error: UnicodeError) -> tuple[str, int]:
    # str.encode's error handler, called once per run of characters beyond Latin-1 (a sign or two in
    # an English article, the first word of a Russian one): a regular expression looking for them
    # took 25 µs per article, the encode with this handler 7.
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start:error.end]
    if any(map(is_word_char, run)):  # a letter, or a combining mark inside a word ("x\u0301nato")
        raise _WordBeyondLatin1
    return " " * len(run), error.end


_SIGNS_AS_SPACES = "monitor.rules.signs_as_spaces"
codecs.register_error(_SIGNS_AS_SPACES, _signs_as_spaces)
