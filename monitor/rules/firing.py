"""The rules an item's hits fire, each as a Match: its hits in order (a title that repeats the
text's opening counted once), how many there were, and the passage around the first.
"""

from __future__ import annotations

import dataclasses
import operator
from collections import defaultdict
from typing import Callable, Sequence

from monitor.models import Hit, Item, Match
from monitor.rules.compiled import CompiledRules
from monitor.rules.evaluation import ItemView, evaluate, vetoed
from monitor.rules.hits import FIELD_ORDER, MAX_HITS_PER_FIELD, Found, HitIndex, Overflow, Reached, spelled
from monitor.rules.scanning import scan_field


def item_fields(item: Item) -> dict[str, str]:
    """An item's matched fields by name (title, summary, body, author, source)."""
    return {"title": item.title, "summary": item.summary, "body": item.body,
            "author": item.author or "", "source": item.source}


def match(compiled: CompiledRules, item: Item) -> list[Match]:
    """Every rule that fires on an item, each with all its hits and a snippet."""
    texts = item_fields(item)
    found: dict[str, HitIndex] = {}
    overflow = Overflow()
    for name, text in texts.items():
        scan_field(compiled, name, text, found, overflow, item.language)
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


def _without_echoes(ordered: list[Found], echoed: str) -> list[Found]:
    """A rule's hits without those in the title that are the same term at the same place of the
    field the title repeats (_echoed_field). Title hits come first: they are sorted by field."""
    again = {(found[1], found[5]) for found in ordered if found[3] == echoed}
    if not again:
        return ordered
    return [found for found in ordered if found[0] != 0 or (found[1], found[5]) not in again]


def _fire(compiled: CompiledRules, item: Item, texts: dict[str, str], found: dict[str, HitIndex],
          overflow: Overflow) -> list[Match]:
    """The rules an item's scanned hits fire, as Matches."""
    # Only the rules the item's hits lead to are looked at: flat rules through the hits of their own
    # terms (the per-key lists are built once), others through a hit of one of their trigger keys
    # (_trigger_keys), and those that can fire without a hit.
    reached: dict[int, list[Reached]] = {}
    candidates = set(compiled.always)
    flat_users, tree_rules = compiled.flat_users, compiled.tree_rules_by_key
    for field_name, per_key in found.items():
        order = FIELD_ORDER.get(field_name, 9)
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
    words: ItemView | None = None
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
            if entry.exclude and vetoed(entry.exclude, found, texts):
                continue
        if entry.flat is not None:
            ordered = _flat_hits(reached.get(index, ()), texts, entry.repeats_text)
        else:
            if words is None:
                words = ItemView(texts, item.url, item.language, item.source)
            ok, hits = evaluate(entry.tree, found, texts, words) if entry.tree is not None else (False, [])
            if not ok:
                continue
            ordered = sorted(dict.fromkeys(hits), key=_FIELD_THEN_START)
        if not ordered and entry.flat is not None:
            continue  # its terms' hits were all of another letter case
        if echoed is not None and ordered and ordered[0][0] == 0:
            ordered = _without_echoes(ordered, echoed)
        matches.append(_matched(rule.name, ordered, texts, overflow, compiled.snippet_chars, snippets))
    return matches


_FIELD_THEN_START = operator.itemgetter(0, 1)  # stable: hits at one place keep the tree's order


def _flat_hits(uses: Sequence[Reached], texts: dict[str, str], repeats_text: bool) -> list[Found]:
    """A flat rule's hits, in Match order: by field, then start, then the order of the rule's terms."""
    ordered: list[Found] = []
    for order, field_name, spans, place, term_text, original in uses:
        if original is not None:
            text = texts[field_name]
            ordered.extend((order, start, place, field_name, end, term_text) for start, end in spans
                           if spelled(text[start:end], original))
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


def _matched(name: str, ordered: list[Found], texts: dict[str, str], overflow: Overflow, width: int,
             snippets: dict[tuple[str, int, int], str]) -> Match:
    """The Match of a rule that fired: its first hits per field as Hits, how many there were, and the
    passage around the first one (the body's first, else the summary's…)."""
    kept = ordered if len(ordered) <= MAX_HITS_PER_FIELD else _first_per_field(ordered)
    total = len(ordered)
    if overflow.dropped:
        total += overflow.extra(ordered)
    first: Found | None = None
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
        raise TypeError(f"{cls.__name__}'s fields are not {names}: update rules.firing._hit/_match")
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


def _first_per_field(hits: list[Found]) -> list[Found]:
    counts: dict[str, int] = defaultdict(int)
    kept = []
    for hit in hits:
        counts[hit[3]] += 1
        if counts[hit[3]] <= MAX_HITS_PER_FIELD:
            kept.append(hit)
    return kept
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
