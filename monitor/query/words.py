"""What a word of a query may hold: none of the syntax other query languages have (NATO~, Ukrain?,
W/5, boost^2, [a TO b]), each refused with its position and a hint (check_word), in a query and in
a rule's `terms` list alike (check_term)."""

from __future__ import annotations

import re
import unicodedata

from monitor.clean.text import without_invisible
from monitor.errors import QuerySyntaxError  # raised here; defined with the other errors


def term_text(text: str) -> str:
    """A term's text as it is matched: without a prefix's closing "*", one space between its words,
    and without the invisible characters stored text never holds (clean.text): a Persian term typed
    with its zero-width non-joiner ("می‌کنند") is "میکنند", as the items have it; composed (NFC), as
    stored text is: "Chișinău" pasted from a PDF or a Mac's file name writes its accents as marks apart."""
    return " ".join(unicodedata.normalize("NFC", without_invisible(text)).rstrip("*").split())


# Characters that are operators in other query languages (Lucene, Brandwatch, Talkwalker…): here
# they are errors, never silently part of a word. Quotes make them text.
_RESERVED = {
    "~": "fuzzy or proximity: use NEAR/n, or the rule's forms key for inflected forms",
    "?": "not a wildcard: * at the end of a word is a prefix",
    "^": "no boosts", "[": "no ranges", "]": "no ranges", "<": "no comparisons", ">": "no comparisons",
    "=": "no comparisons", "|": "use OR", "\\": "no escapes",
}
_LEADING = {"+": "a b already means both", "!": "use NOT or -"}
_TRAILING = {",": "use OR", ";": "use OR"}
_OPERATOR_LIKE = re.compile(r"[A-Za-z]+/\d+[A-Za-z]*")


def check_word(text: str, position: int) -> None:
    """Refuse a word that holds syntax this language does not have (`position`: its first character)."""
    upper = text.upper()
    if upper in ("NEAR", "ONEAR"):
        raise QuerySyntaxError(position, f"{upper}/n with a distance n (quote the word to look for it)",
                               repr(text))
    if upper.startswith(("NEAR/", "ONEAR/")):
        raise QuerySyntaxError(position, f"{upper.split('/')[0]}/n with a whole number n", repr(text))
    if _OPERATOR_LIKE.fullmatch(text):
        raise QuerySyntaxError(position, "an operator (AND, OR, NOT, NEAR/n, ONEAR/n; quote the text to "
                                         "look for it)", repr(text))
    for index, ch in enumerate(text):
        hint = _RESERVED.get(ch)
        if hint is None and index == 0:
            hint = _LEADING.get(ch)
        if hint is None and index == len(text) - 1 and index > 0:
            hint = _TRAILING.get(ch)
        if hint is None and ch == "*" and index != len(text) - 1:
            hint = "* is a prefix only at the end of a word"
        if hint is not None:
            raise QuerySyntaxError(position + index, "a letter, a digit or a trailing *",
                                   f"{ch!r} ({hint}; quote the text to look for it)")


def check_term(text: str) -> None:
    """Refuse a `terms` entry holding query syntax it cannot have (QuerySyntaxError, 1-based position)."""
    inner, offset = (text[1:-1], 2) if text.startswith("{") and text.endswith("}") else (text, 1)
    for found in re.finditer(r"\S+", inner):
        word = found.group()
        if word.upper() in ("NEAR", "ONEAR") or _OPERATOR_LIKE.fullmatch(word):
            continue  # a phrase may hold these words: the list has no operators to confuse them with
        check_word(word, offset + found.start())
