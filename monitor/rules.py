"""Find rule terms in items: compile every rule once, then one Aho-Corasick pass per field.

Matching is whole-word, case-insensitive unless a term is braced ({NATO}), and folds typography
(curly apostrophes, dashes, odd spaces) without changing text length, so that a hit's offsets are
offsets into the stored text. A `terms` list is the query `t1 OR t2 OR …`; a rule may have both.
A rule with `forms` also finds its plain terms' inflected forms (monitor.forms): the automaton looks
for the words they start with, and each such word is then checked in the item's language, or in
each of the rule's languages when the item's is unknown. Rules without `forms` never pay for it.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import functools
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence
from urllib.parse import urlsplit

import ahocorasick

from monitor.forms import WordForms, fold_letters, word_forms
from monitor.models import Hit, Item, Match, Rule
from monitor.query import (TEXT_FIELDS, And, ItemFact, Lang, Near, Node, Not, Or, Site, Tag, Term, item_facts,
                           parse_query, takes_forms, terms_of, with_forms, with_tag_sources)
from monitor.scripts import SPACELESS_FIRST, SPACELESS_LAST

# Characters that read the same to a person: folded one-for-one so offsets survive.
_TYPOGRAPHY = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
    "\u2009": " ", "\u200a": " ", "\u3000": " ",
})


_TYPOGRAPHY_PAIRS = tuple((chr(odd), plain) for odd, plain in _TYPOGRAPHY.items())


def _typography(text: str) -> str:
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
    text = _typography(text)
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters (e.g. "İ") lower-case to two; keep those as they are.
        lowered = "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)
    return _cyrillic_i(fold_letters(lowered))


# A Ukrainian word typed with the Latin "i" or "ï" for its "і" or "ї" (an English keyboard layout
# gives them: "Украiна", "Киïв") reads the same, and did not match the term "Україна". Folded to
# "і" (as "ї" is, fold_letters) where a neighbour is Cyrillic. A text without Cyrillic is told by a
# look for four of its commonest letters (a C search each); in one with Cyrillic, only its Latin
# "i"s are visited.
_LATIN_FOR_CYRILLIC = (("i", "і"), ("ï", "і"))


def _cyrillic_i(text: str) -> str:
    if not ("о" in text or "а" in text or "е" in text or "і" in text) or not ("i" in text or "ï" in text):
        return text
    chars: list[str] | None = None
    last = len(text) - 1
    for latin, cyrillic in _LATIN_FOR_CYRILLIC:
        at = text.find(latin)
        while at != -1:
            if (at > 0 and "\u0400" <= text[at - 1] <= "\u04ff") or (at < last and "\u0400" <= text[at + 1] <= "\u04ff"):
                if chars is None:
                    chars = list(text)
                chars[at] = cyrillic
            at = text.find(latin, at + 1)
    return "".join(chars) if chars is not None else text


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# Chinese and Japanese are written without spaces between words (monitor.scripts): next to one of
# their characters a word has no edge to find, so "普京" is found in "俄罗斯总统普京表示",
# and "NATO" in "北约NATO成员国".
def _bounded(ch: str) -> bool:
    """Whether a term that starts or ends with this character must do so at a word's edge."""
    return _is_word_char(ch) and not SPACELESS_FIRST <= ch <= SPACELESS_LAST


@dataclass(frozen=True, slots=True)
class _Leaf:
    """A distinct term, as the automaton and the boundary check see it."""

    key: str  # folded text the automaton finds
    text: str  # as written in the rule
    case_sensitive: bool
    prefix: bool
    original: str = ""  # typography-folded (not lower-cased) text, for case-sensitive checks
    index: _IndexKey = ("", False, False, ())  # its hits' key: (key, case_sensitive, prefix, ())


@dataclass(frozen=True, slots=True)
class _FormsLeaf:
    """A distinct term with inflected forms: the automaton finds the words its forms start with."""

    key: str  # folded term text (its hits are filed under it)
    text: str  # as written in the rule
    languages: tuple[str, ...]
    words: tuple[WordForms, ...]  # one per word of the term

    @property
    def index(self) -> _IndexKey:
        return (self.key, False, False, self.languages)

    def languages_for(self, language: str | None) -> tuple[str, ...]:
        """The item's language if the rule names it, every language the rule names if the item's is
        unknown, none (the term as written only) otherwise."""
        if language is None:
            return self.languages
        return (language,) if language in self.languages else ()


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
    leaves_by_key: dict[str, list[_Leaf]]
    rules_by_key: dict[str, list[int]]
    always: list[int] = field(default_factory=list)  # rules that can fire with no positive hit
    snippet_chars: int = 240
    forms_by_key: dict[str, list[_FormsLeaf]] = field(default_factory=dict)  # automaton key → forms terms
    forms_leaves: dict[_IndexKey, _FormsLeaf] = field(default_factory=dict)
    # A hit's index key → field → the flat rules whose terms it is a hit of there: an item's hits
    # reach the rules they fire without a look at any other rule or term, so 10,000 terms cost what
    # their hits cost.
    flat_users: dict[_IndexKey, dict[str, tuple[_FlatUse, ...]]] = field(default_factory=dict)
    # Folded key → the rules with a tree (not flat) that a hit of it may fire: see _trigger_keys.
    tree_rules_by_key: dict[str, list[int]] = field(default_factory=dict)
    # The same keys anchored at word starts, for texts whose words are Latin-1 (see _anchored_text);
    # None: fewer than ANCHOR_FROM_KEYS keys can occur in such a text.
    anchored: ahocorasick.Automaton | None = None
    # Characters beyond Latin-1 other than a word's that some key holds ("€" in "5 €"): a text with one
    # of them is scanned by the plain automaton, which has those keys (see _anchored_text).
    keyed_signs: frozenset[str] = frozenset()


def _leaf(term: Term) -> _Leaf:
    folded = fold(term.text)
    return _Leaf(key=folded, text=term.text, case_sensitive=term.case_sensitive, prefix=term.prefix,
                 original=term.text.translate(_TYPOGRAPHY), index=(folded, term.case_sensitive, term.prefix, ()))


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
    return Term(" ".join(text.rstrip("*").split()), TEXT_FIELDS, case_sensitive, prefix)


def compile_rules(rules: tuple[Rule, ...] | list[Rule], snippet_chars: int = 240) -> CompiledRules:
    """Build the automaton over every distinct term of every rule (and its exclusions)."""
    compiled: list[_CompiledRule] = []
    leaves_by_key: dict[str, list[_Leaf]] = defaultdict(list)
    rules_by_key: dict[str, list[int]] = defaultdict(list)
    forms_terms: dict[tuple[str, ...], list[Term]] = defaultdict(list)
    flat_users: dict[_IndexKey, dict[str, list[_FlatUse]]] = defaultdict(lambda: defaultdict(list))
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
                term_index, original = _term_key(term)
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
            found = (key, len(key), False, _bounded(key[:1]), _bounded(key[-1:]),
                     tuple(leaves_by_key[key]), tuple(forms_by_key.get(key, ())))
            automaton.add_word(key, (found,))
            if max(key) <= "\xff":  # any other key cannot occur in a Latin-1 text
                # Its word start is checked by the anchor; a key with a character other than a word's
                # stands for every key written alike but for those characters: compared when found.
                anchored_keys[_anchor(key)].append(
                    (key, len(key), not all(map(_is_word_char, key)), False, *found[4:]))
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
    keyed_signs = frozenset(ch for key in leaves_by_key for ch in key if ch > "\xff" and not _is_word_char(ch))
    return CompiledRules(compiled, automaton, dict(leaves_by_key), dict(rules_by_key), always,
                         snippet_chars, forms_by_key, forms_leaves,
                         {key: {f: tuple(uses) for f, uses in by_field.items()} for key, by_field in flat_users.items()},
                         dict(tree_rules_by_key),
                         anchored, keyed_signs)


# The anchored automaton costs a copy of each text (3.4 µs for a 600-word item, 2026-12-02), and pays
# for it once the plain automaton has keys enough to follow inside words: bench_match's 10 terms
# (10 keys) scanned in 18.6 µs plain and 20.2 anchored; 28 keys 25.8 and 23.6; 9,555 keys 51.9 and 35.7.
ANCHOR_FROM_KEYS = 20


# A found key, as the scan needs it: (key, its length, whether the text there must be compared with
# it, whether a word must not go on before it, after it, its exact leaves, its forms leaves).
_Key = tuple[str, int, bool, bool, bool, tuple[_Leaf, ...], tuple["_FormsLeaf", ...]]

# Latin-1 characters that are not word characters (str.isalnum() or "_") become spaces: in such a
# copy of a text, a key anchored with a space ahead of it is found only where a word starts.
_ANCHOR_BYTES = bytes(c if _is_word_char(chr(c)) else 0x20 for c in range(256))


def _anchor(key: str) -> str:
    """The anchored automaton's key for a folded key (Latin-1 only): a space where a character other
    than a word's is, and one ahead of a key that starts with a word character."""
    anchored = key.encode("latin-1").translate(_ANCHOR_BYTES).decode("latin-1")
    return " " + anchored if _is_word_char(key[0]) else anchored


def _anchored_text(folded: str, keyed_signs: frozenset[str] = frozenset()) -> str | None:
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
    if any(ch.isalnum() or ch == "_" for ch in run):
        raise _WordBeyondLatin1
    return " " * len(run), error.end


_SIGNS_AS_SPACES = "monitor.rules.signs_as_spaces"
codecs.register_error(_SIGNS_AS_SPACES, _signs_as_spaces)


def _forms_leaves(terms: dict[tuple[str, ...], list[Term]]
                  ) -> tuple[dict[str, list[_FormsLeaf]], dict[_IndexKey, _FormsLeaf]]:
    """One leaf per distinct (folded term, languages), filed under the words its forms start with."""
    by_key: dict[str, list[_FormsLeaf]] = defaultdict(list)
    leaves: dict[_IndexKey, _FormsLeaf] = {}
    for languages, group in terms.items():
        words = word_forms((w for term in group for w in term.text.split()), languages)
        for term in group:
            leaf = _FormsLeaf(key=fold(term.text), text=term.text, languages=languages,
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
        return _evaluate(tree, {}, {}, None)[0]
    if len(facts) > 8:
        return True
    return any(_evaluate(tree, {}, {}, _Assumed({fact: bool(bits >> i & 1) for i, fact in enumerate(facts)}))[0]
               for bits in range(2 ** len(facts)))


# (leaf key, case_sensitive, prefix, forms languages) → (start, end) of its hits in one field: Hit
# objects are made only for the rules that fire.
_IndexKey = tuple[str, bool, bool, tuple[str, ...]]
_HitIndex = dict[_IndexKey, list[tuple[int, int]]]
# A flat rule's use of a term: (rule index, the term's place among the rule's terms, the term as the
# rule writes it, its typography-folded spelling for the case-sensitive check or None: any case).
_FlatUse = tuple[int, int, str, "str | None"]
# A flat rule's reached use: (field order, field, the hits' spans there, the term's place, its text,
# its spelling to check or None).
_Reached = tuple[int, str, list[tuple[int, int]], int, str, "str | None"]

# One hostile item can repeat a term hundreds of thousands of times: keep the first hits of each
# term per field for evaluation (NEAR pairs them up), the first few per field for the alert, and
# count the rest.
MAX_SCAN_HITS = 500
MAX_HITS_PER_FIELD = 50


class _Overflow:
    """Hits seen beyond MAX_SCAN_HITS of one term in one field: how many, and where the term's
    first kept hit is (a match that uses the term's hits has that one)."""

    def __init__(self) -> None:
        self.dropped: dict[tuple[str, int, int], int] = {}  # first kept hit (field, start, end) → dropped

    def extra(self, hits: list[_Found]) -> int:
        """How many more hits than `hits` the same terms had in the same fields."""
        if not self.dropped:
            return 0
        return sum(self.dropped.get((h[3], h[1], h[4]), 0) for h in hits)


def _scan(compiled: CompiledRules, field_name: str, text: str, found: dict[str, _HitIndex],
          overflow: _Overflow, language: str | None = None) -> None:
    if not text or compiled.automaton is None:
        return
    folded = fold(text)
    hits: _HitIndex = {}
    length = len(folded)
    checked: set[tuple[int, int]] | None = None  # (forms leaf, start) seen; rule sets without forms never make one
    automaton, scanned, shift = _automaton_pass(compiled, folded)
    # The word-character tests are written out (not _is_word_char) in this loop: it runs once per
    # automaton output, and outputs grow with the number of terms.
    for end_index, keys in automaton.iter(scanned):
        end = end_index + shift
        for key, key_length, compare, word_first, word_last, leaves, forms in keys:
            start = end - key_length
            if (word_first and start > 0 and ((ch := folded[start - 1]).isalnum() or ch == "_")
                    and not SPACELESS_FIRST <= ch <= SPACELESS_LAST):
                continue
            if compare and not folded.startswith(key, start):
                continue
            if forms:
                if checked is None:
                    checked = set()
                for forms_leaf in forms:
                    if (id(forms_leaf), start) not in checked:
                        checked.add((id(forms_leaf), start))
                        _scan_forms(forms_leaf, field_name, folded, start, language, hits, overflow)
            whole = (not word_last or end >= length or not ((ch := folded[end]).isalnum() or ch == "_")
                     or SPACELESS_FIRST <= ch <= SPACELESS_LAST)
            for leaf in leaves:
                if leaf.prefix:  # a prefix hit covers the rest of its word
                    hit_end = _word_end(folded, end)
                elif whole:
                    hit_end = end
                else:
                    continue
                kept = hits.get(leaf.index)
                if kept is None:
                    hits[leaf.index] = [(start, hit_end)]
                elif len(kept) < MAX_SCAN_HITS:
                    kept.append((start, hit_end))
                else:
                    first = (field_name, kept[0][0], kept[0][1])
                    overflow.dropped[first] = overflow.dropped.get(first, 0) + 1
    found[field_name] = hits


def _automaton_pass(compiled: CompiledRules, folded: str) -> tuple[ahocorasick.Automaton, str, int]:
    """The automaton a folded text is scanned with, the text it reads, and what to add to the
    automaton's end offsets to get the end of a key in the folded text."""
    if compiled.anchored is not None and (anchored := _anchored_text(folded, compiled.keyed_signs)) is not None:
        return compiled.anchored, anchored, 0  # one character ahead, and the end is inclusive
    assert compiled.automaton is not None
    return compiled.automaton, folded, 1


_WORD_CHARS = re.compile(r"\w*")  # \w is exactly _is_word_char: str.isalnum() or "_"


def _word_end(folded: str, position: int) -> int:
    found = _WORD_CHARS.match(folded, position)
    return found.end() if found is not None else position


def _scan_forms(leaf: _FormsLeaf, field_name: str, folded: str, start: int,
                language: str | None, hits: _HitIndex, overflow: _Overflow) -> None:
    """A hit when the words from `start` are forms of the term's words (one space or more apart)."""
    languages = leaf.languages_for(language)
    end = _word_end(folded, start)
    if leaf.words[0].reason(folded[start:end], languages) is None:
        return
    for word in leaf.words[1:]:
        position = end
        while position < len(folded) and folded[position] == " ":
            position += 1
        if position == end or position == len(folded) or not _is_word_char(folded[position]):
            return
        end = _word_end(folded, position)
        if word.reason(folded[position:end], languages) is None:
            return
    kept = hits.setdefault(leaf.index, [])
    if len(kept) >= MAX_SCAN_HITS:
        first = (field_name, kept[0][0], kept[0][1])
        overflow.dropped[first] = overflow.dropped.get(first, 0) + 1
        return
    kept.append((start, end))


_EMPTY: _HitIndex = {}


@functools.lru_cache(maxsize=None)
def _term_key(term: Term) -> tuple[_IndexKey, str]:
    """A term's hit-index key and its typography-folded spelling, worked out once per term."""
    return (fold(term.text), term.case_sensitive, term.prefix, term.forms), _typography(term.text)


def _spelled(passage: str, original: str) -> bool:
    """Whether a hit of a case-sensitive term is written as the term is (typography aside)."""
    return _typography(passage[:len(original)]) == original


def _term_hits(node: Term, found: dict[str, _HitIndex], texts: dict[str, str]) -> list[_Found]:
    """A term's hits in its fields, named as the rule writes the term."""
    key, original = _term_key(node)
    hits: list[_Found] = []
    for f in node.fields:
        spans = found.get(f, _EMPTY).get(key)
        if spans:
            order = _FIELD_ORDER.get(f, 9)
            if node.case_sensitive:
                text = texts[f]
                hits.extend((order, start, 0, f, end, node.text) for start, end in spans
                            if _spelled(text[start:end], original))
            else:
                hits.extend([(order, start, 0, f, end, node.text) for start, end in spans])
    return hits


def _evaluate(node: Node, found: dict[str, _HitIndex], texts: dict[str, str],
              words: _ItemView | _Assumed | None) -> tuple[bool, list[_Found]]:
    """Whether a query tree is true for the scanned fields, and the hits that make it so (Hits are
    made only for the rules that fire)."""
    if isinstance(node, Term):
        term_hits = _term_hits(node, found, texts)
        return bool(term_hits), term_hits
    if isinstance(node, Or):
        results = [_evaluate(p, found, texts, words) for p in node.parts]
        return any(ok for ok, _ in results), [h for ok, hs in results if ok for h in hs]
    if isinstance(node, And):
        hits: list[_Found] = []
        for part in node.parts:
            ok, part_hits = _evaluate(part, found, texts, words)
            if not ok:
                return False, []
            hits.extend(part_hits)
        return True, hits
    if isinstance(node, Not):
        ok, _ = _evaluate(node.part, found, texts, words)
        return not ok, []
    if isinstance(node, (Site, Lang, Tag)):
        return words is not None and words.holds(node), []
    # NEAR: pairs of hits in the same field no more than `distance` words apart (ONEAR: the right
    # one after the left one).
    _, left = _evaluate(node.left, found, texts, words)
    _, right = _evaluate(node.right, found, texts, words)
    if not left or not right or not isinstance(words, _ItemView):
        return False, []
    kept: dict[_Found, None] = {}
    for a in left:
        for b in right:
            # (_Found: [1] start, [3] field, [4] end)
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


class _ItemView:
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


class _Assumed:
    """site:/lang:/tag: answers given in advance: whether a tree can fire with no hit at all."""

    def __init__(self, answers: dict[ItemFact, bool]) -> None:
        self.answers = answers

    def holds(self, fact: ItemFact) -> bool:
        return self.answers[fact]


def _fields(item: Item) -> dict[str, str]:
    return {"title": item.title, "summary": item.summary, "body": item.body,
            "author": item.author or "", "source": item.source}


# A hit of a rule that may fire, before it is made a Hit: (field order, start, the term's place in
# the rule, field, end, the term as the rule writes it). Sorted, they are in the order of Match.hits.
_Found = tuple[int, int, int, str, int, str]


def match(compiled: CompiledRules, item: Item) -> list[Match]:
    """Every rule that fires on an item, each with all its hits and a snippet."""
    texts = _fields(item)
    found: dict[str, _HitIndex] = {}
    overflow = _Overflow()
    for name, text in texts.items():
        _scan(compiled, name, text, found, overflow, item.language)
    return _fire(compiled, item, texts, found, overflow)


def _echoed_field(texts: dict[str, str]) -> str | None:
    """The field whose opening words the title is (the body, else the summary), or None.

    An item without a headline (a Telegram post, a bare teaser) is titled with its first line
    (normalize); a teaser feed titles items with their lead cut short. Either way one mention is in
    two fields: counted twice, "matched 2 times" was one word of the post."""
    title = texts["title"]
    stem = title.removesuffix("…").removesuffix("...").rstrip()
    cut = len(stem) != len(title)
    if not stem:
        return None
    for name in ("body", "summary"):
        text = texts[name]
        if not text.startswith(stem):
            continue
        # The title is the text's whole first paragraph, its first sentence, or its opening cut off
        # with a mark. A headline that the lead's first words happen to repeat ("Shelling in
        # Donbas" over "Shelling in Donbas went on all night") is one more mention.
        rest = text[len(stem):len(stem) + 2]
        if cut or rest in ("", "\n\n") or (stem[-1] in _SENTENCE_END and rest[:1].isspace()):
            return name
    return None


_SENTENCE_END = ".!?…"


def _without_echoes(ordered: list[_Found], echoed: str) -> list[_Found]:
    """A rule's hits without those in the title that are the same term at the same place of the
    field the title repeats (_echoed_field). Title hits come first: they are sorted by field."""
    again = {(found[1], found[5]) for found in ordered if found[3] == echoed}
    if not again:
        return ordered
    return [found for found in ordered if found[0] != 0 or (found[1], found[5]) not in again]


def _fire(compiled: CompiledRules, item: Item, texts: dict[str, str], found: dict[str, _HitIndex],
          overflow: _Overflow) -> list[Match]:
    """The rules an item's scanned hits fire, as Matches."""
    # Only the rules the item's hits lead to are looked at: flat rules through the hits of their own
    # terms (the per-key lists are built once), others through a hit of one of their trigger keys
    # (_trigger_keys), and those that can fire without a hit.
    reached: dict[int, list[_Reached]] = {}
    candidates = set(compiled.always)
    flat_users, tree_rules = compiled.flat_users, compiled.tree_rules_by_key
    for field_name, per_key in found.items():
        order = _FIELD_ORDER.get(field_name, 9)
        for key, spans in per_key.items():
            if (by_field := flat_users.get(key)) is not None:
                for rule_index, place, term_text, original in by_field.get(field_name, ()):
                    use = (order, field_name, spans, place, term_text, original)
                    if (uses := reached.get(rule_index)) is None:
                        reached[rule_index] = [use]
                    else:
                        uses.append(use)
            if key[0] in tree_rules:
                candidates.update(tree_rules[key[0]])
    if not reached and not candidates:
        return []
    candidates.update(reached)
    words: _ItemView | None = None
    snippets: dict[tuple[str, int, int], str] = {}  # rules whose first hit is the same share its passage
    matches: list[Match] = []
    echoed = _echoed_field(texts) if found.get("title") else None
    for index in sorted(candidates):
        entry = compiled.rules[index]
        rule = entry.rule
        if entry.gated:
            if rule.sources and item.source not in rule.sources:
                continue
            if item.source in rule.exclude_sources:
                continue
            if entry.exclude and _vetoed(entry.exclude, found, texts):
                continue
        if entry.flat is not None:
            ordered = _flat_hits(reached.get(index, ()), texts, entry.repeats_text)
        else:
            if words is None:
                words = _ItemView(texts, item.url, item.language, item.source)
            ok, hits = _evaluate(entry.tree, found, texts, words) if entry.tree is not None else (False, [])
            if not ok:
                continue
            ordered = sorted(dict.fromkeys(hits), key=_FIELD_THEN_START)
        if not ordered and entry.flat is not None:
            continue  # its terms' hits were all of another letter case
        if echoed is not None and ordered and ordered[0][0] == 0:
            ordered = _without_echoes(ordered, echoed)
        matches.append(_matched(rule.name, ordered, texts, overflow, compiled.snippet_chars, snippets))
    return matches


def _vetoed(exclude: tuple[Term, ...], found: dict[str, _HitIndex], texts: dict[str, str]) -> bool:
    for term in exclude:
        if _term_hits(term, found, texts):
            return True
    return False


_FIELD_THEN_START = operator.itemgetter(0, 1)  # stable: hits at one place keep the tree's order


def _flat_hits(uses: Sequence[_Reached], texts: dict[str, str], repeats_text: bool) -> list[_Found]:
    """A flat rule's hits, in Match order: by field, then start, then the order of the rule's terms."""
    ordered: list[_Found] = []
    for order, field_name, spans, place, term_text, original in uses:
        if original is not None:
            text = texts[field_name]
            ordered.extend((order, start, place, field_name, end, term_text) for start, end in spans
                           if _spelled(text[start:end], original))
        else:
            ordered.extend([(order, start, place, field_name, end, term_text) for start, end in spans])
    if len(ordered) > 1:
        ordered.sort()
    if repeats_text:  # one hit twice, through two terms written alike: keep the first term's
        seen: set[tuple[int, str, int, str]] = set()
        unique = []
        for found in ordered:
            if (key := (found[1], found[3], found[4], found[5])) not in seen:
                seen.add(key)
                unique.append(found)
        ordered = unique
    return ordered


def _matched(name: str, ordered: list[_Found], texts: dict[str, str], overflow: _Overflow, width: int,
             snippets: dict[tuple[str, int, int], str]) -> Match:
    """The Match of a rule that fired: its first hits per field as Hits, how many there were, and the
    passage around the first one (the body's first, else the summary's…)."""
    kept = ordered if len(ordered) <= MAX_HITS_PER_FIELD else _first_per_field(ordered)
    total = len(ordered)
    if overflow.dropped:
        total += overflow.extra(ordered)
    first: _Found | None = None
    if kept and kept[0][0] == kept[-1][0]:
        first = kept[0]  # all in one field (sorted by field, then start): the first is the snippet's
    else:
        for found in kept:
            if first is None or _SNIPPET_RANK[found[3]] < _SNIPPET_RANK[first[3]]:
                first = found
    if first is None:
        passage = snippet(texts, [], width)
    elif (where := (first[3], first[1], first[4])) in snippets:
        passage = snippets[where]
    else:
        passage = snippets[where] = _passage(texts[first[3]], first[1], first[4], width)
    hits = tuple([_hit(term, field_name, start, end, texts[field_name][start:end])
                  for _, start, _, field_name, end, term in kept])
    return _match(name, hits, passage, None if total == len(kept) else total)


# Hit and Match are frozen dataclasses: their generated __init__ stores each field through
# object.__setattr__ (a look-up on the type and a wrapper call per field), which made building Hits
# the largest cost per fired rule. Their slots' own setters store the same values without that
# detour; the field lists are checked against the classes here, so a new field fails at import.
_new = object.__new__


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[object, object], None], ...]:
    fields = dataclasses.fields(cls)
    if (tuple(f.name for f in fields) != names or not all(f.init for f in fields)
            or hasattr(cls, "__post_init__") or getattr(cls, "__slots__", None) != names):
        raise TypeError(f"{cls.__name__}'s fields are not {names}: update rules._hit/_match")
    return tuple(cls.__dict__[name].__set__ for name in names)


_set_term, _set_field, _set_start, _set_end, _set_text = _slot_setters(Hit, ("term", "field", "start", "end", "text"))
_set_rule, _set_hits, _set_snippet, _set_total = _slot_setters(Match, ("rule", "hits", "snippet", "total"))


def _hit(term: str, field_name: str, start: int, end: int, text: str) -> Hit:
    """Hit(term, field_name, start, end, text), the same object made faster."""
    hit = _new(Hit)
    _set_term(hit, term)
    _set_field(hit, field_name)
    _set_start(hit, start)
    _set_end(hit, end)
    _set_text(hit, text)
    return hit


def _match(rule: str, hits: tuple[Hit, ...], passage: str, total: int | None) -> Match:
    """Match(rule, hits, passage, total), the same object made faster."""
    found = _new(Match)
    _set_rule(found, rule)
    _set_hits(found, hits)
    _set_snippet(found, passage)
    _set_total(found, total)
    return found


def _first_per_field(hits: list[_Found]) -> list[_Found]:
    counts: dict[str, int] = defaultdict(int)
    kept = []
    for hit in hits:
        counts[hit[3]] += 1
        if counts[hit[3]] <= MAX_HITS_PER_FIELD:
            kept.append(hit)
    return kept


_FIELD_ORDER = {"title": 0, "summary": 1, "body": 2, "author": 3, "source": 4}
_SNIPPET_PREFERENCE = ("body", "summary", "title", "author", "source")
_SNIPPET_RANK = {name: rank for rank, name in enumerate(_SNIPPET_PREFERENCE)}


def snippet(texts: dict[str, str], hits: list[Hit], width: int = 240) -> str:
    """The passage around the first hit, preferring the body (the passage) over the headline."""
    if not hits:
        return " ".join(texts.get("title", "").split())[:width]
    first = min(hits, key=lambda h: (_SNIPPET_PREFERENCE.index(h.field), h.start))
    return _passage(texts[first.field], first.start, first.end, width)


def _passage(text: str, hit_start: int, hit_end: int, width: int) -> str:
    half = max(20, (width - (hit_end - hit_start)) // 2)
    start, end = max(0, hit_start - half), min(len(text), hit_end + half)
    if start > 0:  # cut at a word boundary, never inside one
        space = text.find(" ", start, hit_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", hit_end, end)
        end = space if space != -1 else end
    passage = text[start:end]
    # Most passages hold single spaces only (the one printable white space): nothing to collapse.
    passage = passage.strip(" ") if passage.isprintable() and "  " not in passage else " ".join(passage.split())
    return ("…" if start > 0 else "") + passage + ("…" if end < len(text) else "")


def explain(compiled: CompiledRules, item: Item) -> list[tuple[str, bool, str]]:
    """For each rule: (name, fired, why) in words a person can check against the text; a hit on an
    inflected form says which term it is a form of, and how ('Донбассе' ← term 'Донбасс' (ru stem
    "донбасс"))."""
    matches = {m.rule: m for m in match(compiled, item)}
    texts = _fields(item)
    found: dict[str, _HitIndex] = {}
    for name, text in texts.items():
        _scan(compiled, name, text, found, _Overflow(), item.language)
    words = _ItemView(texts, item.url, item.language, item.source)
    lines: list[tuple[str, bool, str]] = []
    for entry in compiled.rules:
        rule = entry.rule
        if rule.name in matches:
            m = matches[rule.name]
            forms = {t.text: t for t in terms_of(entry.tree) if t.forms} if entry.tree is not None else {}
            where = "; ".join(f"{_hit_origin(compiled, forms.get(h.term), h, item.language)} in {h.field} "
                              f"at {h.start}-{h.end}: {snippet(texts, [h], 100)}" for h in m.hits)
            lines.append((rule.name, True, f"matched {m.count} time(s): {where}"))
            continue
        if rule.sources and item.source not in rule.sources:
            lines.append((rule.name, False, f"source {item.source!r} is not among {list(rule.sources)}"))
        elif item.source in rule.exclude_sources:
            lines.append((rule.name, False, f"source {item.source!r} is excluded"))
        elif vetoes := [t.text for t in entry.exclude if _evaluate(t, found, texts, words)[0]]:
            lines.append((rule.name, False, f"vetoed by excluded term(s) {vetoes}"))
        else:
            present = sorted({texts[f][start:end] for f, per_key in found.items() for k, spans in per_key.items()
                              for start, end in spans
                              if k[0] in {fold(t.text) for t in terms_of(entry.tree)}}) if entry.tree else []
            why = f"query not satisfied (terms present: {present})" if present else "no rule term found"
            facts = item_facts(entry.tree) if entry.tree is not None else []
            if facts:
                why += f"; the item's site is {words.host or 'unknown'}, its language {item.language or 'unknown'}"
                tags = sorted({f.name for f in facts if isinstance(f, Tag) and f.sources and item.source in f.sources})
                if any(isinstance(f, Tag) for f in facts):
                    why += f", its source {item.source} tagged {', '.join(tags) if tags else 'with none of the rule'}"
            lines.append((rule.name, False, why))
    return lines


def _hit_origin(compiled: CompiledRules, term: Term | None, hit: Hit, language: str | None) -> str:
    """`'text'`, or `'text' ← term 'T' (how)` when the hit is an inflected form of a forms term."""
    if term is None or fold(hit.text) == fold(term.text):
        return repr(hit.text)
    leaf = compiled.forms_leaves.get(_term_key(term)[0])
    if leaf is None:
        return repr(hit.text)
    languages = leaf.languages_for(language)
    reasons = [word.reason(found, languages) for word, found in zip(leaf.words, fold(hit.text).split())]
    how = ", ".join(r for r in reasons if r and r != "as written")
    return f"{hit.text!r} ← term {term.text!r} ({how})"
