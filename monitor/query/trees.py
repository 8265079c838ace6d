"""What the rest of the product asks of a parsed query: its terms (terms_of) and item facts
(item_facts), and the tree with something set on every term (its fields, its inflected forms) or tag
(the sources that carry it)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from monitor.query.nodes import And, ItemFact, Lang, Near, Node, Not, Or, Site, Tag, Term


def map_terms(node: Node, change: Callable[[Term], Term]) -> Node:
    if isinstance(node, Term):
        return change(node)
    if isinstance(node, And):
        return And(tuple(map_terms(p, change) for p in node.parts))
    if isinstance(node, Or):
        return Or(tuple(map_terms(p, change) for p in node.parts))
    if isinstance(node, Not):
        return Not(map_terms(node.part, change))
    if isinstance(node, Near):
        return Near(map_terms(node.left, change), map_terms(node.right, change), node.distance, node.ordered)
    return node


def with_tag_sources(node: Node, tagged: dict[str, tuple[str, ...]]) -> Node:
    """The tree with every tag: node knowing the sources that carry its tag (none: not in `tagged`)."""
    if isinstance(node, Tag):
        return Tag(node.name, frozenset(tagged.get(node.name, ())))
    if isinstance(node, (And, Or)):
        return type(node)(tuple(with_tag_sources(p, tagged) for p in node.parts))
    if isinstance(node, Not):
        return Not(with_tag_sources(node.part, tagged))
    return node  # NEAR holds terms only


def with_fields(node: Node, fields: tuple[str, ...]) -> Node:
    return map_terms(node, lambda term: replace(term, fields=fields))


_PLAIN_WORDS = re.compile(r"\w+(?: \w+)*")


def takes_forms(term: Term) -> bool:
    """Whether inflected forms apply to a term: plain words only; braced, prefix and punctuated terms
    (e-mail, NATO's, U.S.) stay as written."""
    return not term.case_sensitive and not term.prefix and bool(_PLAIN_WORDS.fullmatch(term.text))


def with_forms(node: Node, languages: tuple[str, ...]) -> Node:
    """The tree with inflected forms in these languages on every term that takes them."""
    if not languages:
        return node
    return map_terms(node, lambda term: replace(term, forms=languages) if takes_forms(term) else term)


def terms_of(node: Node) -> list[Term]:
    """Every Term leaf in the tree, in order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, (And, Or)):
        return [t for part in node.parts for t in terms_of(part)]
    if isinstance(node, Not):
        return terms_of(node.part)
    if isinstance(node, Near):
        return terms_of(node.left) + terms_of(node.right)
    return []


def item_facts(node: Node) -> list[ItemFact]:
    """Every site:/lang:/tag: node in the tree, in order."""
    if isinstance(node, (Site, Lang, Tag)):
        return [node]
    if isinstance(node, (And, Or)):
        return [f for part in node.parts for f in item_facts(part)]
    if isinstance(node, Not):
        return item_facts(node.part)
    return []
