"""Every rule compiled once: its query's tree, its distinct terms as automaton keys (plain and
anchored), and the indexes from a hit's key to the rules it may fire, so that matching an item
costs what its hits cost, whatever the number of rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

import ahocorasick

from monitor.forms import word_forms
from monitor.models import Rule
from monitor.query import (TEXT_FIELDS, And, Near, Node, Or, Term, item_facts, parse_query, takes_forms, term_text,
                           terms_of, with_forms, with_tag_sources)
from monitor.rules.anchors import ANCHOR_FROM_KEYS, anchored_key
from monitor.rules.evaluation import Assumed, evaluate
from monitor.rules.folding import TYPOGRAPHY, bounded, bounded_after, fold
from monitor.rules.hits import FlatUse, FormsLeaf, IndexKey, Leaf, term_key
from monitor.scripts import is_word_char


@dataclass(slots=True)
class _CompiledRule:
    rule: Rule
    tree: Node | None
    exclude: tuple[Term, ...]
    fires_without_hits: bool = False
    flat: tuple[Term, ...] | None = None  # the tree is a term or an OR of terms: no recursion needed
    # Two of its flat terms written alike can find the same hit: only then are its hits de-duplicated.
    repeats_text: bool = False
    gated: bool = False  # it names sources, excluded sources or excluded terms: checked before it fires


@dataclass(slots=True)
class CompiledRules:
    """Every rule compiled once; `match` is then cheap per item whatever the number of terms."""

    rules: list[_CompiledRule]
    automaton: ahocorasick.Automaton | None
    leaves_by_key: dict[str, list[Leaf]]
    rules_by_key: dict[str, list[int]]
    always: list[int] = field(default_factory=list)  # rules that can fire with no positive hit
    snippet_chars: int = 240
    forms_by_key: dict[str, list[FormsLeaf]] = field(default_factory=dict)  # automaton key → forms terms
    forms_leaves: dict[IndexKey, FormsLeaf] = field(default_factory=dict)
    # A hit's index key → field → the flat rules whose terms it is a hit of there: an item's hits
    # reach the rules they fire without a look at any other rule or term, so 10,000 terms cost what
    # their hits cost.
    flat_users: dict[IndexKey, dict[str, tuple[FlatUse, ...]]] = field(default_factory=dict)
    # Folded key → the rules with a tree (not flat) that a hit of it may fire: see _trigger_keys.
    tree_rules_by_key: dict[str, list[int]] = field(default_factory=dict)
    # The same keys anchored at word starts, for texts whose words are Latin-1 (see anchored_text);
    # None: fewer than ANCHOR_FROM_KEYS keys can occur in such a text.
    anchored: ahocorasick.Automaton | None = None
    # Characters beyond Latin-1 other than a word's that some key holds ("€" in "5 €"): a text with one
    # of them is scanned by the plain automaton, which has those keys (see anchored_text).
    keyed_signs: frozenset[str] = frozenset()


def _leaf(term: Term) -> Leaf:
    folded = fold(term.text)
    return Leaf(key=folded, text=term.text, case_sensitive=term.case_sensitive, prefix=term.prefix,
                original=term.text.translate(TYPOGRAPHY), index=(folded, term.case_sensitive, term.prefix, ()))


def rule_tree(rule: Rule) -> Node:
    """The query a rule stands for: its terms OR-ed, AND-ed with its query when it has both, with
    the rule's `forms` languages on every term that takes inflected forms."""
    parts: list[Node] = []
    if rule.terms:
        terms = tuple(_term_from_list(t) for t in rule.terms)
        parts.append(terms[0] if len(terms) == 1 else Or(terms))
    if rule.query:
        parts.append(with_tag_sources(parse_query(rule.query), dict(rule.tag_sources)))
    return with_forms(parts[0] if len(parts) == 1 else And(tuple(parts)), rule.forms)


def rule_excludes(rule: Rule) -> tuple[Term, ...]:
    """A rule's `exclude_terms` as terms (with its forms, as its other terms)."""
    terms = tuple(_term_from_list(t) for t in rule.exclude_terms)
    return tuple(replace(t, forms=rule.forms) if rule.forms and takes_forms(t) else t for t in terms)


def _term_from_list(text: str) -> Term:
    """A `terms` entry: plain text, or braced for case-sensitive, or ending in * for a prefix."""
    case_sensitive = text.startswith("{") and text.endswith("}")
    if case_sensitive:
        text = text[1:-1]
    prefix = text.endswith("*")
    return Term(term_text(text), TEXT_FIELDS, case_sensitive, prefix)


def compile_rules(rules: tuple[Rule, ...] | list[Rule], snippet_chars: int = 240) -> CompiledRules:
    """Build the automaton over every distinct term of every rule (and its exclusions)."""
    compiled: list[_CompiledRule] = []
    leaves_by_key: dict[str, list[Leaf]] = defaultdict(list)
    rules_by_key: dict[str, list[int]] = defaultdict(list)
    forms_terms: dict[tuple[str, ...], list[Term]] = defaultdict(list)
    flat_users: dict[IndexKey, dict[str, list[FlatUse]]] = defaultdict(lambda: defaultdict(list))
    for index, rule in enumerate(rules):
        tree = rule_tree(rule)
        exclude = rule_excludes(rule)
        entry = _CompiledRule(rule, tree, exclude)
        entry.fires_without_hits = _can_fire_without_hits(tree)
        entry.gated = bool(rule.sources or rule.exclude_sources or exclude)
        if isinstance(tree, Term):
            entry.flat = (tree,)
        elif isinstance(tree, Or) and all(isinstance(part, Term) for part in tree.parts):
            entry.flat = tree.parts  # type: ignore[assignment]
        if entry.flat is not None:
            entry.repeats_text = len({t.text for t in entry.flat}) < len(entry.flat)
            for position, term in enumerate(entry.flat):
                term_index, original = term_key(term)
                use = (index, position, term.text, original if term.case_sensitive else None)
                for field_name in term.fields:
                    flat_users[term_index][field_name].append(use)
        compiled.append(entry)
        for term in terms_of(tree) + list(exclude):
            if term.forms:
                forms_terms[term.forms].append(term)
                if index not in rules_by_key[fold(term.text)]:
                    rules_by_key[fold(term.text)].append(index)
                continue
            leaf = _leaf(term)
            # One leaf per (key, case, prefix): spellings that fold alike share their hits, and a
            # case-sensitive term's exact spelling is checked when the tree is evaluated.
            if not any((known.case_sensitive, known.prefix) == (leaf.case_sensitive, leaf.prefix)
                       for known in leaves_by_key[leaf.key]):
                leaves_by_key[leaf.key].append(leaf)
            if index not in rules_by_key[leaf.key]:
                rules_by_key[leaf.key].append(index)
    forms_by_key, forms_leaves = _forms_leaves(forms_terms)
    for key in forms_by_key:
        leaves_by_key[key]  # noqa: B018 - a key only forms look for has no exact leaf: an empty list
    automaton = None
    anchored_keys: dict[str, list[_Key]] = defaultdict(list)
    if leaves_by_key:
        automaton = ahocorasick.Automaton()
        for key in leaves_by_key:
            # What the scan needs per found key, in one value: no dict look-up per automaton output.
            found = (key, len(key), False, bounded(key[:1]), bounded_after(key[-1:]),
                     tuple(leaves_by_key[key]), tuple(forms_by_key.get(key, ())))
            automaton.add_word(key, (found,))
            if max(key) <= "\xff":  # any other key cannot occur in a Latin-1 text
                # Its word start is checked by the anchor; a key with a character other than a word's
                # stands for every key written alike but for those characters: compared when found.
                anchored_keys[anchored_key(key)].append(
                    (key, len(key), not all(map(is_word_char, key)), False, *found[4:]))
        automaton.make_automaton()
    anchored = None
    if len(anchored_keys) >= ANCHOR_FROM_KEYS:
        anchored = ahocorasick.Automaton()
        for anchor, keys in anchored_keys.items():
            anchored.add_word(anchor, tuple(keys))
        anchored.make_automaton()
    always = [i for i, c in enumerate(compiled) if c.fires_without_hits]
    tree_rules_by_key: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(compiled):
        if entry.flat is None and entry.tree is not None and not entry.fires_without_hits:
            trigger = _trigger_keys(entry.tree)
            for key in sorted(trigger if trigger is not None else {fold(t.text) for t in terms_of(entry.tree)}):
                tree_rules_by_key[key].append(index)
    keyed_signs = frozenset(ch for key in leaves_by_key for ch in key if ch > "\xff" and not is_word_char(ch))
    return CompiledRules(compiled, automaton, dict(leaves_by_key), dict(rules_by_key), always,
                         snippet_chars, forms_by_key, forms_leaves,
                         {key: {f: tuple(uses) for f, uses in by_field.items()} for key, by_field in flat_users.items()},
                         dict(tree_rules_by_key),
                         anchored, keyed_signs)


# A found key, as the scan needs it: (key, its length, whether the text there must be compared with
# it, whether a word must not go on before it, after it, its exact leaves, its forms leaves).
_Key = tuple[str, int, bool, bool, bool, tuple[Leaf, ...], tuple["FormsLeaf", ...]]


def _forms_leaves(terms: dict[tuple[str, ...], list[Term]]
                  ) -> tuple[dict[str, list[FormsLeaf]], dict[IndexKey, FormsLeaf]]:
    """One leaf per distinct (folded term, languages), filed under the words its forms start with."""
    by_key: dict[str, list[FormsLeaf]] = defaultdict(list)
    leaves: dict[IndexKey, FormsLeaf] = {}
    for languages, group in terms.items():
        words = word_forms((w for term in group for w in term.text.split()), languages)
        for term in group:
            leaf = FormsLeaf(key=fold(term.text), text=term.text, languages=languages,
                             words=tuple(words[w] for w in term.text.split()))
            if leaf.index in leaves:
                continue
            leaves[leaf.index] = leaf
            for prefix in leaf.words[0].prefixes:
                by_key[prefix].append(leaf)
    return dict(by_key), leaves


def _trigger_keys(node: Node) -> frozenset[str] | None:
    """Keys one of which an item must have a hit of for the tree to be true; None when it can be true
    without one (NOT, site:, lang:, tag:). An AND needs all its parts, so the keys of one part will
    do: the part with the fewest, so that a hit of an excluded or of another part's term does not
    make the rule a candidate (its evaluation is the costliest step of a rule that does not fire)."""
    if isinstance(node, Term):
        return frozenset((fold(node.text),))
    if isinstance(node, Or):
        keys: set[str] = set()
        for part in node.parts:
            if (part_keys := _trigger_keys(part)) is None:
                return None
            keys |= part_keys
        return frozenset(keys)
    if isinstance(node, (And, Near)):
        parts = node.parts if isinstance(node, And) else (node.left, node.right)
        options = [part_keys for part in parts if (part_keys := _trigger_keys(part)) is not None]
        return min(options, key=len) if options else None
    return None


def _can_fire_without_hits(tree: Node) -> bool:
    """Whether some item with no hit at all fires the tree (NOT x; site:…): such rules are checked
    on every item. site:/lang: are tried both ways (all combinations, up to a few of them)."""
    facts = list(dict.fromkeys(item_facts(tree)))
    if not facts:
        return evaluate(tree, {}, {}, None)[0]
    if len(facts) > 8:
        return True
    return any(evaluate(tree, {}, {}, Assumed({fact: bool(bits >> i & 1) for i, fact in enumerate(facts)}))[0]
               for bits in range(2 ** len(facts)))
