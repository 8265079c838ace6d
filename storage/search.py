"""Full-text queries in SQLite's FTS5 dialect: a user's words quoted, and a rule's query tree
turned into a prefilter that every item the rule can match also matches (site: and lang: are not
in the index: they narrow nothing here)."""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from monitor.forms import GREEK_STRESSED, fold_letters, word_forms
from monitor.query import And, Near, Node, Or, Term
from monitor.scripts import in_hangul, in_spaceless_script, written_with_proclitics

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORDS = re.compile(r"\w+")
_MARKS = re.compile("[\u0300-\u036f]")


def index_words(text: str) -> list[str]:
    """A term's words as the index (unicode61, remove_diacritics 2) holds them: lower case, and a
    Latin letter without its marks ("Zelenskýy" → "zelenskyy"). Only a Latin one: to FTS5, Cyrillic
    "й", "ё", "ї" and Greek accented letters are letters of their own, and ligatures ("ﬁ") and "ß"
    stay as they are. Before, terms were folded as story signatures fold words (every mark off,
    NFKD, ß as ss): "Україна" was "украіна" here, and a backtest of it on SQLite found nothing."""
    lowered = text.replace("İ", "I").lower()  # as the index has it: "i" (lower() adds a combining dot)
    if not lowered.isascii():
        lowered = "".join(_MARKS.sub("", unicodedata.normalize("NFD", ch))
                          if "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff" else ch for ch in lowered)
    return _WORDS.findall(lowered)


def quoted_words(text: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, AND-ed (a
    Greek word in each of its spellings, OR-ed; a Korean word as a prefix, its particles after it).

    Control characters (a NUL ends an FTS5 string) become spaces, and characters that are not text
    at all (a lone surrogate: an undecodable byte of a command line) become U+FFFD.
    """
    text = _CONTROL.sub(" ", text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " AND ".join(_either_stress(w) if _greek(w) else f'"{w}"*' if in_hangul(w) else f'"{w}"' for w in words)


def _either_stress(word: str) -> str:
    """A user's Greek word as each spelling the index may hold (_greek_spellings), as the matcher
    reads them alike: "Ουκρανία" finds the capitals' "ΟΥΚΡΑΝΙΑ" too."""
    spelled = _greek_spellings(word.lower())
    return f'"{word}"' if spelled is None else "(" + " OR ".join(f'"{spelling}"' for spelling in spelled) + ")"


# What the matcher reads alike (rules.fold) and this index holds apart: "е" and "ё", "і" and "ї",
# and the Latin "i" (an English layout's, which the index keeps as "i") for either in a Cyrillic
# word. A word with these letters is looked up in each spelling, up to MOST_SPELLINGS of them;
# past that, by what it starts with before the first such letter.
_EITHER_WAY = {"е": "её", "ё": "её", "і": "іїi", "ї": "іїi", "i": "іїi"}
MOST_SPELLINGS = 16


def spellings(options: list[str]) -> list[str] | None:
    """Every word made of one of each position's letters (`options`, a string of letters for each
    letter of the word), or None when there are more than MOST_SPELLINGS of them. Both stores'
    prefilters spell out so the letters their index holds apart and the matcher reads alike."""
    found = [""]
    for letters in options:
        found = [done + letter for done in found for letter in letters]
        if len(found) > MOST_SPELLINGS:
            return None
    return found


def _either_way(word: str) -> list[bool]:
    """For each letter of a word, whether the index may hold it another way (a Latin "i" only in a
    Cyrillic word)."""
    cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in word)
    return [ch in _EITHER_WAY and (cyrillic or ch != "i") for ch in word]


# Greek's stressed vowels, which the matcher reads as the plain ones (forms.GREEK_STRESSED) and FTS5
# holds apart (its remove_diacritics is for Latin letters). A Greek word has one stress mark at
# most, none in capitals: it is looked up without one and with one on each of its vowels in turn.
_STRESSED = {plain: stressed for stressed, plain in GREEK_STRESSED.items()}


def _greek(word: str) -> bool:
    return any("\u0370" <= ch <= "\u03ff" for ch in word)


def _greek_spellings(word: str) -> list[str] | None:
    """A Greek word's spellings as the index may hold them (_STRESSED), or None when they are more
    than MOST_SPELLINGS."""
    plain = fold_letters(word)
    found = [plain] + [plain[:at] + _STRESSED[ch] + plain[at + 1:] for at, ch in enumerate(plain) if ch in _STRESSED]
    return found if len(found) <= MOST_SPELLINGS else None


def _spelled(word: str, prefix: bool) -> str | None:
    """A word (as index_words gives it) as an FTS5 query for each way the index may hold it, or None
    when it cannot narrow (its spellings too many, and too little before them)."""
    star = "*" if prefix else ""
    if _greek(word):
        greek = _greek_spellings(word)
        return None if greek is None else "(" + " OR ".join(f'"{spelling}"{star}' for spelling in greek) + ")"
    either = _either_way(word)
    if not any(either):
        return f'"{word}"{star}'
    spelled = spellings([_EITHER_WAY[ch] if alike else ch for ch, alike in zip(word, either)])
    if spelled is None:
        start = either.index(True)
        return f'"{word[:start]}"*' if start >= 2 else None
    return "(" + " OR ".join(f'"{spelling}"{star}' for spelling in spelled) + ")"


def _term(term: Term) -> str | None:
    # Both indexes hold a run of Chinese (or Thai…) characters as one word, and an Arabic or Hebrew
    # word with its proclitics ("والناتو"): a term in these scripts is found by the matcher alone.
    if in_spaceless_script(term.text) or written_with_proclitics(term.text):
        return None
    if term.forms:
        return _forms(term)
    tokens = index_words(term.text)
    if not tokens:
        return None
    if in_hangul(term.text):  # a Korean word with its particles is one word to the index: each word as a prefix
        return "(" + " AND ".join(f'"{token}"*' for token in tokens) + ")"
    if not any(_greek(token) or any(_either_way(token)) for token in tokens):
        phrase = '"' + " ".join(tokens) + '"'
        return phrase + "*" if term.prefix else phrase
    # Each word in its spellings, AND-ed: adjacency is the matcher's to check, as for forms.
    spelled = [_spelled(token, term.prefix and at == len(tokens) - 1) for at, token in enumerate(tokens)]
    parts = [part for part in spelled if part is not None]
    if len(parts) != len(spelled):
        return None
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def _forms(term: Term) -> str | None:
    """A term with inflected forms: each of its words as a prefix query on what its forms start with
    (an inflected form is no exact phrase); AND-ed, so word order and adjacency are the matcher's."""
    words = term.text.split()
    found = word_forms(words, term.forms)
    parts = []
    for word in words:
        prefixes = sorted({" ".join(index_words(p)) for p in found[word].prefixes} - {""})
        if not prefixes:
            return None
        spelled = [_spelled(p, True) for p in prefixes]
        alternatives = [a for a in spelled if a is not None]
        if len(alternatives) != len(spelled):
            return None
        parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def narrowing(node: Node, term: Callable[[Term], str | None], any_of: str, all_of: str) -> str | None:
    """A full-text query every item the tree can match also matches, or None when none narrows it.

    One walk for both engines' dialects: `term` writes a term (None: it cannot narrow), `any_of`
    and `all_of` join alternatives and requirements. NOT narrows nothing; NEAR requires both sides;
    site:, lang: and tag: are not in the index."""
    if isinstance(node, Term):
        return term(node) if set(node.fields) <= {"title", "summary", "body"} else None
    if isinstance(node, Or):
        parts = [narrowing(p, term, any_of, all_of) for p in node.parts]
        if any(p is None for p in parts):
            return None
        return "(" + any_of.join(p for p in parts if p is not None) + ")"
    if isinstance(node, (And, Near)):
        children = node.parts if isinstance(node, And) else (node.left, node.right)
        needed = [p for p in (narrowing(c, term, any_of, all_of) for c in children) if p is not None]
        return "(" + all_of.join(needed) + ")" if needed else None
    return None


def fts_prefilter(node: Node) -> str | None:
    """An FTS5 query every item the tree can match also matches, or None when none narrows it."""
    return narrowing(node, _term, " OR ", " AND ")
