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
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import ahocorasick

from monitor.forms import WordForms, word_forms
from monitor.models import Hit, Item, Match, Rule
from monitor.query import (TEXT_FIELDS, And, ItemFact, Lang, Node, Not, Or, Site, Tag, Term, item_facts,
                           parse_query, takes_forms, terms_of, with_forms, with_tag_sources)

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
    for index, rule in enumerate(rules):
        tree = rule_tree(rule)
        exclude = rule_excludes(rule)
        entry = _CompiledRule(rule, tree, exclude)
        entry.fires_without_hits = _can_fire_without_hits(tree)
        if isinstance(tree, Term):
            entry.flat = (tree,)
        elif isinstance(tree, Or) and all(isinstance(part, Term) for part in tree.parts):
            entry.flat = tree.parts  # type: ignore[assignment]
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
    if leaves_by_key:
        automaton = ahocorasick.Automaton()
        for key in leaves_by_key:
            automaton.add_word(key, key)
        automaton.make_automaton()
    always = [i for i, c in enumerate(compiled) if c.fires_without_hits]
    return CompiledRules(compiled, automaton, dict(leaves_by_key), dict(rules_by_key), always,
                         snippet_chars, forms_by_key, forms_leaves)


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


def _can_fire_without_hits(tree: Node) -> bool:
    """Whether some item with no hit at all fires the tree (NOT x; site:…): such rules are checked
    on every item. site:/lang: are tried both ways (all combinations, up to a few of them)."""
    facts = list(dict.fromkeys(item_facts(tree)))
    if not facts:
        return _evaluate(tree, {}, None)[0]
    if len(facts) > 8:
        return True
    return any(_evaluate(tree, {}, _Assumed({fact: bool(bits >> i & 1) for i, fact in enumerate(facts)}))[0]
               for bits in range(2 ** len(facts)))


# (leaf key, case_sensitive, prefix, forms languages) → hits in one field
_IndexKey = tuple[str, bool, bool, tuple[str, ...]]
_HitIndex = dict[_IndexKey, list[Hit]]

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
          overflow: _Overflow, language: str | None = None) -> None:
    if not text or compiled.automaton is None:
        return
    folded = fold(text)
    hits: _HitIndex = defaultdict(list)
    length = len(folded)
    forms_by_key = compiled.forms_by_key or None
    checked: set[tuple[int, int]] = set() if forms_by_key is not None else _NOTHING  # (forms leaf, start) seen
    for end_index, key in compiled.automaton.iter(folded):
        start = end_index - len(key) + 1
        if start > 0 and _is_word_char(folded[start - 1]) and _is_word_char(key[0]):
            continue
        if forms_by_key is not None and key in forms_by_key:
            for forms_leaf in forms_by_key[key]:
                if (id(forms_leaf), start) not in checked:
                    checked.add((id(forms_leaf), start))
                    _scan_forms(forms_leaf, field_name, text, folded, start, language, hits, overflow)
        whole = end_index + 1 >= length or not _is_word_char(folded[end_index + 1]) \
            or not _is_word_char(key[-1])
        for leaf in compiled.leaves_by_key[key]:
            if not leaf.prefix and not whole:
                continue
            end = end_index + 1
            if leaf.prefix:  # a prefix hit covers the rest of its word
                while end < length and _is_word_char(folded[end]):
                    end += 1
            kept = hits[leaf.index]
            if len(kept) >= MAX_SCAN_HITS:
                first = (field_name, kept[0].start, kept[0].end)
                overflow.dropped[first] = overflow.dropped.get(first, 0) + 1
                continue
            kept.append(Hit(term=leaf.text, field=field_name, start=start, end=end, text=text[start:end]))
    found[field_name] = hits


_NOTHING: set[tuple[int, int]] = set()  # never written: rule sets without forms allocate nothing per field


def _word_end(folded: str, position: int) -> int:
    while position < len(folded) and _is_word_char(folded[position]):
        position += 1
    return position


def _scan_forms(leaf: _FormsLeaf, field_name: str, text: str, folded: str, start: int,
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
    kept = hits[leaf.index]
    if len(kept) >= MAX_SCAN_HITS:
        first = (field_name, kept[0].start, kept[0].end)
        overflow.dropped[first] = overflow.dropped.get(first, 0) + 1
        return
    kept.append(Hit(term=leaf.text, field=field_name, start=start, end=end, text=text[start:end]))


_EMPTY: _HitIndex = {}


@functools.lru_cache(maxsize=None)
def _term_key(term: Term) -> tuple[_IndexKey, str]:
    """A term's hit-index key and its typography-folded spelling, worked out once per term."""
    return (fold(term.text), term.case_sensitive, term.prefix, term.forms), _typography(term.text)


def _term_hits(node: Term, found: dict[str, _HitIndex]) -> list[Hit]:
    """A term's hits in its fields, named as the rule writes the term."""
    key, original = _term_key(node)
    return [h if h.term == node.text else replace(h, term=node.text)
            for f in node.fields for h in found.get(f, _EMPTY).get(key, ())
            if not node.case_sensitive or _typography(h.text[:len(original)]) == original]


def _evaluate(node: Node, found: dict[str, _HitIndex], words: _ItemView | _Assumed | None
              ) -> tuple[bool, list[Hit]]:
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
    if isinstance(node, (Site, Lang, Tag)):
        return words is not None and words.holds(node), []
    # NEAR: pairs of hits in the same field no more than `distance` words apart (ONEAR: the right
    # one after the left one).
    _, left = _evaluate(node.left, found, words)
    _, right = _evaluate(node.right, found, words)
    if not left or not right or not isinstance(words, _ItemView):
        return False, []
    kept: dict[Hit, None] = {}
    for a in left:
        for b in right:
            if a.field != b.field or (a.start < b.end and b.start < a.end):
                continue  # one hit inside the other is not two things near each other
            if node.ordered and b.start < a.start:
                continue
            first, second = (a, b) if a.start <= b.start else (b, a)
            # Words strictly between the end of the earlier hit and the start of the later one,
            # so a phrase counts the same on either side.
            if words.before(a.field, second.start) - words.before(a.field, first.end) <= node.distance:
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


def match(compiled: CompiledRules, item: Item) -> list[Match]:
    """Every rule that fires on an item, each with all its hits and a snippet."""
    texts = _fields(item)
    found: dict[str, _HitIndex] = {}
    overflow = _Overflow()
    for name, text in texts.items():
        _scan(compiled, name, text, found, overflow, item.language)
    candidates = set(compiled.always)
    for per_field in found.values():
        for key in per_field:
            candidates.update(compiled.rules_by_key.get(key[0], ()))
    words = _ItemView(texts, item.url, item.language, item.source)
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
        elif vetoes := [t.text for t in entry.exclude if _evaluate(t, found, words)[0]]:
            lines.append((rule.name, False, f"vetoed by excluded term(s) {vetoes}"))
        else:
            present = sorted({h.text for f in found.values() for k, hs in f.items() for h in hs
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
