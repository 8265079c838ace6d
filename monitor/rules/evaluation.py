"""A rule's query tree evaluated on an item's hits: AND, OR, NOT, NEAR/n, and the facts about the
item (language, site, tag) its terms may name; and the vetoes of excluded terms.
"""

from __future__ import annotations

import bisect
import functools
import re
from urllib.parse import urlsplit

from monitor.query import And, ItemFact, Lang, Node, Not, Or, Site, Tag, Term
from monitor.rules.hits import Found, HitIndex, hits_of_term


def evaluate(node: Node, found: dict[str, HitIndex], texts: dict[str, str],
             words: ItemView | Assumed | None) -> tuple[bool, list[Found]]:
    """Whether a query tree is true for the scanned fields, and the hits that make it so (Hits are
    made only for the rules that fire)."""
    if isinstance(node, Term):
        term_hits = hits_of_term(node, found, texts)
        return bool(term_hits), term_hits
    if isinstance(node, Or):
        results = [evaluate(p, found, texts, words) for p in node.parts]
        return any(ok for ok, _ in results), [h for ok, hs in results if ok for h in hs]
    if isinstance(node, And):
        hits: list[Found] = []
        for part in node.parts:
            ok, part_hits = evaluate(part, found, texts, words)
            if not ok:
                return False, []
            hits.extend(part_hits)
        return True, hits
    if isinstance(node, Not):
        ok, _ = evaluate(node.part, found, texts, words)
        return not ok, []
    if isinstance(node, (Site, Lang, Tag)):
        return words is not None and words.holds(node), []
    # NEAR: pairs of hits in the same field no more than `distance` words apart (ONEAR: the right
    # one after the left one).
    _, left = evaluate(node.left, found, texts, words)
    _, right = evaluate(node.right, found, texts, words)
    if not left or not right or not isinstance(words, ItemView):
        return False, []
    kept: dict[Found, None] = {}
    for a in left:
        for b in right:
            # (Found: [1] start, [3] field, [4] end)
            if a[3] != b[3] or (a[1] < b[4] and b[1] < a[4]):
                continue  # one hit inside the other is not two things near each other
            if node.ordered and b[1] < a[1]:
                continue
            first, second = (a, b) if a[1] <= b[1] else (b, a)
            # Words strictly between the end of the earlier hit and the start of the later one,
            # so a phrase counts the same on either side.
            if words.before(a[3], second[1]) - words.before(a[3], first[4]) <= node.distance:
                kept[a] = None
                kept[b] = None
    return bool(kept), list(kept)


_WORD = re.compile(r"\w+(?:['\u2019\u02bc]\w+)*")  # "NATO's" is one word, not two


class ItemView:
    """What evaluation asks of an item besides hits: word numbers for character offsets (built
    lazily per field: only NEAR needs them), its host, its language and its source (site:, lang:,
    tag:)."""

    def __init__(self, texts: dict[str, str], url: str | None = None, language: str | None = None,
                 source: str | None = None) -> None:
        self.texts = texts
        self.starts: dict[str, list[int]] = {}
        self.url = url
        self.language = language
        self.source = source

    def holds(self, fact: ItemFact) -> bool:
        """Whether the item is on that site (the host or a sub-domain of it), in that language, or
        from a source carrying that tag."""
        if isinstance(fact, Lang):
            return self.language == fact.code
        if isinstance(fact, Tag):
            return fact.sources is not None and self.source in fact.sources
        host = self.host
        return host is not None and (host == fact.host or host.endswith("." + fact.host))

    @functools.cached_property
    def host(self) -> str | None:
        return urlsplit(self.url).hostname if self.url else None  # canonical: lower case, IDNA

    def before(self, field_name: str, offset: int) -> int:
        """How many words of the field start before this character offset."""
        if field_name not in self.starts:
            self.starts[field_name] = [m.start() for m in _WORD.finditer(self.texts.get(field_name, ""))]
        return bisect.bisect_left(self.starts[field_name], offset)


class Assumed:
    """site:/lang:/tag: answers given in advance: whether a tree can fire with no hit at all."""

    def __init__(self, answers: dict[ItemFact, bool]) -> None:
        self.answers = answers

    def holds(self, fact: ItemFact) -> bool:
        return self.answers[fact]


def vetoed(exclude: tuple[Term, ...], found: dict[str, HitIndex], texts: dict[str, str]) -> bool:
    """Whether any of a rule's excluded terms has a hit in the item."""
    for term in exclude:
        if hits_of_term(term, found, texts):
            return True
    return False
