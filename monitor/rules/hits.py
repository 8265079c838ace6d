"""How an item's hits are filed between the scan and the rules: by term (its folded key, case,
prefix and forms languages), as spans per field, capped per term (MAX_SCAN_HITS) with the rest
counted; and the hits of one term read back, checked for case where the term is braced.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from monitor.forms import WordForms
from monitor.query import Term
from monitor.rules.folding import fold, typography


@dataclass(frozen=True, slots=True)
class Leaf:
    """A distinct term, as the automaton and the boundary check see it."""

    key: str  # folded text the automaton finds
    text: str  # as written in the rule
    case_sensitive: bool
    prefix: bool
    original: str = ""  # typography-folded (not lower-cased) text, for case-sensitive checks
    index: IndexKey = ("", False, False, ())  # its hits' key: (key, case_sensitive, prefix, ())


@dataclass(frozen=True, slots=True)
class FormsLeaf:
    """A distinct term with inflected forms: the automaton finds the words its forms start with."""

    key: str  # folded term text (its hits are filed under it)
    text: str  # as written in the rule
    languages: tuple[str, ...]
    words: tuple[WordForms, ...]  # one per word of the term

    @property
    def index(self) -> IndexKey:
        return (self.key, False, False, self.languages)

    def languages_for(self, language: str | None) -> tuple[str, ...]:
        """The item's language if the rule names it, every language the rule names if the item's is
        unknown, none (the term as written only) otherwise."""
        if language is None:
            return self.languages
        return (language,) if language in self.languages else ()


# (leaf key, case_sensitive, prefix, forms languages) → (start, end) of its hits in one field: Hit
# objects are made only for the rules that fire.
IndexKey = tuple[str, bool, bool, tuple[str, ...]]
HitIndex = dict[IndexKey, list[tuple[int, int]]]
# A flat rule's use of a term: (rule index, the term's place among the rule's terms, the term as the
# rule writes it, its typography-folded spelling for the case-sensitive check or None: any case).
FlatUse = tuple[int, int, str, "str | None"]
# A flat rule's reached use: (field order, field, the hits' spans there, the term's place, its text,
# its spelling to check or None).
Reached = tuple[int, str, list[tuple[int, int]], int, str, "str | None"]

# One hostile item can repeat a term hundreds of thousands of times: keep the first hits of each
# term per field for evaluation (NEAR pairs them up), the first few per field for the alert, and
# count the rest.
MAX_SCAN_HITS = 500
MAX_HITS_PER_FIELD = 50


class Overflow:
    """Hits seen beyond MAX_SCAN_HITS of one term in one field: how many, and where the term's
    first kept hit is (a match that uses the term's hits has that one)."""

    def __init__(self) -> None:
        self.dropped: dict[tuple[str, int, int], int] = {}  # first kept hit (field, start, end) → dropped

    def extra(self, hits: list[Found]) -> int:
        """How many more hits than `hits` the same terms had in the same fields."""
        if not self.dropped:
            return 0
        return sum(self.dropped.get((h[3], h[1], h[4]), 0) for h in hits)


_EMPTY: HitIndex = {}


@functools.lru_cache(maxsize=None)
def term_key(term: Term) -> tuple[IndexKey, str]:
    """A term's hit-index key and its typography-folded spelling, worked out once per term."""
    return (fold(term.text), term.case_sensitive, term.prefix, term.forms), typography(term.text)


def spelled(passage: str, original: str) -> bool:
    """Whether a hit of a case-sensitive term is written as the term is (typography aside)."""
    return typography(passage[:len(original)]) == original


def hits_of_term(node: Term, found: dict[str, HitIndex], texts: dict[str, str]) -> list[Found]:
    """A term's hits in its fields, named as the rule writes the term."""
    key, original = term_key(node)
    hits: list[Found] = []
    for f in node.fields:
        spans = found.get(f, _EMPTY).get(key)
        if spans:
            order = FIELD_ORDER.get(f, 9)
            if node.case_sensitive:
                text = texts[f]
                hits.extend((order, start, 0, f, end, node.text) for start, end in spans
                            if spelled(text[start:end], original))
            else:
                hits.extend([(order, start, 0, f, end, node.text) for start, end in spans])
    return hits


# A hit of a rule that may fire, before it is made a Hit: (field order, start, the term's place in
# the rule, field, end, the term as the rule writes it). Sorted, they are in the order of Match.hits.
Found = tuple[int, int, int, str, int, str]


FIELD_ORDER = {"title": 0, "summary": 1, "body": 2, "author": 3, "source": 4}
