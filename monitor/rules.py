"""Find rule terms in items: compile every rule once, then one Aho-Corasick pass per field.

Matching is whole-word, case-insensitive unless a term is braced ({NATO}), and folds typography
(curly apostrophes, dashes, odd spaces) without changing text length, so that a hit's offsets are
offsets into the stored text. A `terms` list is the query `t1 OR t2 OR …`; a rule may have both.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

import ahocorasick

from monitor.models import Hit, Item, Match, Rule
from monitor.query import TEXT_FIELDS, And, Node, Not, Or, Term, parse_query, terms_of

# Characters that read the same to a person: folded one-for-one so offsets survive.
_TYPOGRAPHY = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\n": " ", "\r": " ",
    "\u2009": " ", "\u200a": " ", "\u3000": " ",
})


_TYPOGRAPHY_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TYPOGRAPHY) + "]")


def _typography(text: str) -> str:
    # Cost in proportion to the odd characters present, not to the text's length.
    return _TYPOGRAPHY_RE.sub(lambda found: _TYPOGRAPHY[ord(found.group())], text)


def fold(text: str) -> str:
    """Lower-case and typography-fold text, keeping its length (so offsets stay valid)."""
    text = _typography(text)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. "İ") lower-case to two; keep those as they are.
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(frozen=True, slots=True)
class _Leaf:
    """A distinct term, as the automaton and the boundary check see it."""

    key: str  # folded text the automaton finds
    text: str  # as written in the rule
    case_sensitive: bool
    prefix: bool
    original: str = ""  # typography-folded (not lower-cased) text, for case-sensitive checks


@dataclass(slots=True)
class _CompiledRule:
    rule: Rule
    tree: Node | None
    exclude: tuple[Term, ...]
    fires_without_hits: bool = False
    flat: tuple[Term, ...] | None = None  # the tree is a term or an OR of terms: no recursion needed


@dataclass(slots=True)
class CompiledRules:
    """Every rule compiled once; `match` is then cheap per item whatever the number of terms."""

    rules: list[_CompiledRule]
    automaton: ahocorasick.Automaton | None
    leaves_by_key: dict[str, list[_Leaf]]
    rules_by_key: dict[str, list[int]]
    always: list[int] = field(default_factory=list)  # rules that can fire with no positive hit
    snippet_chars: int = 240


def _leaf(term: Term) -> _Leaf:
    folded = fold(term.text)
    return _Leaf(key=folded, text=term.text, case_sensitive=term.case_sensitive, prefix=term.prefix,
                 original=term.text.translate(_TYPOGRAPHY))


def rule_tree(rule: Rule) -> Node:
    """The query a rule stands for: its terms OR-ed, AND-ed with its query when it has both."""
    parts: list[Node] = []
    if rule.terms:
        terms = tuple(_term_from_list(t) for t in rule.terms)
        parts.append(terms[0] if len(terms) == 1 else Or(terms))
    if rule.query:
        parts.append(parse_query(rule.query))
    return parts[0] if len(parts) == 1 else And(tuple(parts))


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
    for index, rule in enumerate(rules):
        tree = rule_tree(rule)
        exclude = tuple(_term_from_list(t) for t in rule.exclude_terms)
        entry = _CompiledRule(rule, tree, exclude)
        entry.fires_without_hits = _evaluate(tree, {}, None)[0]
        if isinstance(tree, Term):
            entry.flat = (tree,)
        elif isinstance(tree, Or) and all(isinstance(part, Term) for part in tree.parts):
            entry.flat = tree.parts  # type: ignore[assignment]
        compiled.append(entry)
        for term in terms_of(tree) + list(exclude):
            leaf = _leaf(term)
            # One leaf per (key, case, prefix): spellings that fold alike share their hits, and a
            # case-sensitive term's exact spelling is checked when the tree is evaluated.
            if not any((known.case_sensitive, known.prefix) == (leaf.case_sensitive, leaf.prefix)
                       for known in leaves_by_key[leaf.key]):
                leaves_by_key[leaf.key].append(leaf)
            if index not in rules_by_key[leaf.key]:
                rules_by_key[leaf.key].append(index)
    automaton = None
    if leaves_by_key:
        automaton = ahocorasick.Automaton()
        for key in leaves_by_key:
            automaton.add_word(key, key)
        automaton.make_automaton()
    always = [i for i, c in enumerate(compiled) if c.fires_without_hits]
    return CompiledRules(compiled, automaton, dict(leaves_by_key), dict(rules_by_key), always,
                         snippet_chars)


# (leaf key, case_sensitive, prefix) → hits in one field
_HitIndex = dict[tuple[str, bool, bool], list[Hit]]

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

    def extra(self, hits: list[Hit]) -> int:
        """How many more hits than `hits` the same terms had in the same fields."""
        if not self.dropped:
            return 0
        return sum(self.dropped.get((h.field, h.start, h.end), 0) for h in hits)


def _scan(compiled: CompiledRules, field_name: str, text: str, found: dict[str, _HitIndex],
          overflow: _Overflow) -> None:
    if not text or compiled.automaton is None:
        return
    folded = fold(text)
    hits: _HitIndex = defaultdict(list)
    length = len(folded)
    for end_index, key in compiled.automaton.iter(folded):
        start = end_index - len(key) + 1
        if start > 0 and _is_word_char(folded[start - 1]) and _is_word_char(key[0]):
            continue
        whole = end_index + 1 >= length or not _is_word_char(folded[end_index + 1]) \
            or not _is_word_char(key[-1])
        for leaf in compiled.leaves_by_key[key]:
            if not leaf.prefix and not whole:
                continue
            end = end_index + 1
            if leaf.prefix:  # a prefix hit covers the rest of its word
                while end < length and _is_word_char(folded[end]):
                    end += 1
            index_key = (leaf.key, leaf.case_sensitive, leaf.prefix)
            kept = hits[index_key]
            if len(kept) >= MAX_SCAN_HITS:
                first = (field_name, kept[0].start, kept[0].end)
                overflow.dropped[first] = overflow.dropped.get(first, 0) + 1
                continue
            kept.append(Hit(term=leaf.text, field=field_name, start=start, end=end, text=text[start:end]))
    found[field_name] = hits


_EMPTY: _HitIndex = {}


@functools.lru_cache(maxsize=None)
def _term_key(term: Term) -> tuple[tuple[str, bool, bool], str]:
    """A term's hit-index key and its typography-folded spelling, worked out once per term."""
    return (fold(term.text), term.case_sensitive, term.prefix), _typography(term.text)


def _term_hits(node: Term, found: dict[str, _HitIndex]) -> list[Hit]:
    """A term's hits in its fields, named as the rule writes the term."""
    key, original = _term_key(node)
    return [h if h.term == node.text else replace(h, term=node.text)
            for f in node.fields for h in found.get(f, _EMPTY).get(key, ())
            if not node.case_sensitive or _typography(h.text[:len(original)]) == original]


def _evaluate(node: Node, found: dict[str, _HitIndex], words: _WordIndex | None) -> tuple[bool, list[Hit]]:
    """Whether a query tree is true for the scanned fields, and the hits that make it so."""
    if isinstance(node, Term):
        term_hits = _term_hits(node, found)
        return bool(term_hits), term_hits
    if isinstance(node, Or):
        results = [_evaluate(p, found, words) for p in node.parts]
        return any(ok for ok, _ in results), [h for ok, hs in results if ok for h in hs]
    if isinstance(node, And):
        hits: list[Hit] = []
        for part in node.parts:
            ok, part_hits = _evaluate(part, found, words)
            if not ok:
                return False, []
            hits.extend(part_hits)
        return True, hits
    if isinstance(node, Not):
        ok, _ = _evaluate(node.part, found, words)
        return not ok, []
    # NEAR: pairs of hits in the same field no more than `distance` words apart.
    _, left = _evaluate(node.left, found, words)
    _, right = _evaluate(node.right, found, words)
    if not left or not right or words is None:
        return False, []
    kept: dict[Hit, None] = {}
    for a in left:
        for b in right:
            if a.field != b.field or (a.start < b.end and b.start < a.end):
                continue  # one hit inside the other is not two things near each other
            first, second = (a, b) if a.start <= b.start else (b, a)
            # Words strictly between the end of the earlier hit and the start of the later one,
            # so a phrase counts the same on either side.
            if words.before(a.field, second.start) - words.before(a.field, first.end) <= node.distance:
                kept[a] = None
                kept[b] = None
    return bool(kept), list(kept)


_WORD = re.compile(r"\w+(?:['\u2019\u02bc]\w+)*")  # "NATO's" is one word, not two


class _WordIndex:
    """Word numbers for character offsets, built lazily per field (only NEAR needs them)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.starts: dict[str, list[int]] = {}

    def before(self, field_name: str, offset: int) -> int:
        """How many words of the field start before this character offset."""
        if field_name not in self.starts:
            self.starts[field_name] = [m.start() for m in _WORD.finditer(self.texts.get(field_name, ""))]
        return bisect.bisect_left(self.starts[field_name], offset)


def _fields(item: Item) -> dict[str, str]:
    return {"title": item.title, "summary": item.summary, "body": item.body,
            "author": item.author or "", "source": item.source}


def match(compiled: CompiledRules, item: Item) -> list[Match]:
    """Every rule that fires on an item, each with all its hits and a snippet."""
    texts = _fields(item)
    found: dict[str, _HitIndex] = {}
    overflow = _Overflow()
    for name, text in texts.items():
        _scan(compiled, name, text, found, overflow)
    candidates = set(compiled.always)
    for per_field in found.values():
        for key, _, _ in per_field:
            candidates.update(compiled.rules_by_key.get(key, ()))
    words = _WordIndex(texts)
    matches: list[Match] = []
    for index in sorted(candidates):
        entry = compiled.rules[index]
        rule = entry.rule
        if rule.sources and item.source not in rule.sources:
            continue
        if item.source in rule.exclude_sources:
            continue
        if any(_evaluate(term, found, words)[0] for term in entry.exclude):
            continue
        if entry.flat is not None:
            hits = [h for term in entry.flat for h in _term_hits(term, found)]
            ok = bool(hits)
        else:
            ok, hits = _evaluate(entry.tree, found, words) if entry.tree is not None else (False, [])
        if not ok:
            continue
        ordered = sorted(dict.fromkeys(h for h in hits if h.field in TEXT_FIELDS or h.field in texts),
                         key=lambda h: (_FIELD_ORDER.get(h.field, 9), h.start))
        total = len(ordered) + overflow.extra(ordered)
        kept = _first_per_field(ordered)
        matches.append(Match(rule=rule.name, hits=tuple(kept), snippet=snippet(texts, kept, compiled.snippet_chars),
                             total=None if total == len(kept) else total))
    return matches


def _first_per_field(hits: list[Hit]) -> list[Hit]:
    counts: dict[str, int] = defaultdict(int)
    kept = []
    for hit in hits:
        counts[hit.field] += 1
        if counts[hit.field] <= MAX_HITS_PER_FIELD:
            kept.append(hit)
    return kept


_FIELD_ORDER = {"title": 0, "summary": 1, "body": 2, "author": 3, "source": 4}
_SNIPPET_PREFERENCE = ("body", "summary", "title", "author", "source")


def snippet(texts: dict[str, str], hits: list[Hit], width: int = 240) -> str:
    """The passage around the first hit, preferring the body (the passage) over the headline."""
    if not hits:
        return " ".join(texts.get("title", "").split())[:width]
    first = min(hits, key=lambda h: (_SNIPPET_PREFERENCE.index(h.field), h.start))
    text = texts[first.field]
    half = max(20, (width - (first.end - first.start)) // 2)
    start, end = max(0, first.start - half), min(len(text), first.end + half)
    if start > 0:  # cut at a word boundary, never inside one
        space = text.find(" ", start, first.start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first.end, end)
        end = space if space != -1 else end
    passage = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + passage + ("…" if end < len(text) else "")


def explain(compiled: CompiledRules, item: Item) -> list[tuple[str, bool, str]]:
    """For each rule: (name, fired, why) in words a person can check against the text."""
    matches = {m.rule: m for m in match(compiled, item)}
    texts = _fields(item)
    found: dict[str, _HitIndex] = {}
    for name, text in texts.items():
        _scan(compiled, name, text, found, _Overflow())
    words = _WordIndex(texts)
    lines: list[tuple[str, bool, str]] = []
    for entry in compiled.rules:
        rule = entry.rule
        if rule.name in matches:
            m = matches[rule.name]
            where = "; ".join(f"{h.text!r} in {h.field} at {h.start}-{h.end}: {snippet(texts, [h], 100)}"
                              for h in m.hits)
            lines.append((rule.name, True, f"matched {m.count} time(s): {where}"))
            continue
        if rule.sources and item.source not in rule.sources:
            lines.append((rule.name, False, f"source {item.source!r} is not among {list(rule.sources)}"))
        elif item.source in rule.exclude_sources:
            lines.append((rule.name, False, f"source {item.source!r} is excluded"))
        elif vetoes := [t.text for t in entry.exclude if _evaluate(t, found, words)[0]]:
            lines.append((rule.name, False, f"vetoed by excluded term(s) {vetoes}"))
        else:
            present = sorted({h.text for f in found.values() for k, hs in f.items() for h in hs
                              if k[0] in {fold(t.text) for t in terms_of(entry.tree)}}) if entry.tree else []
            why = f"query not satisfied (terms present: {present})" if present else "no rule term found"
            lines.append((rule.name, False, why))
    return lines
