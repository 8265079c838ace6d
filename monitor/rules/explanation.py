"""Why each rule fired on an item or did not, in words a person can check against the text.
"""

from __future__ import annotations

from monitor.models import Hit, Item
from monitor.query import Tag, Term, item_facts, terms_of
from monitor.rules.compiled import CompiledRules
from monitor.rules.evaluation import ItemView, evaluate
from monitor.rules.firing import item_fields, match, snippet
from monitor.rules.folding import fold
from monitor.rules.hits import HitIndex, Overflow, term_key
from monitor.rules.scanning import scan_field


def explain(compiled: CompiledRules, item: Item) -> list[tuple[str, bool, str]]:
    """For each rule: (name, fired, why) in words a person can check against the text; a hit on an
    inflected form says which term it is a form of, and how ('Донбассе' ← term 'Донбасс' (ru stem
    "донбасс"))."""
    matches = {m.rule: m for m in match(compiled, item)}
    texts = item_fields(item)
    found: dict[str, HitIndex] = {}
    for name, text in texts.items():
        scan_field(compiled, name, text, found, Overflow(), item.language)
    words = ItemView(texts, item.url, item.language, item.source)
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
        elif vetoes := [t.text for t in entry.exclude if evaluate(t, found, texts, words)[0]]:
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
    leaf = compiled.forms_leaves.get(term_key(term)[0])
    if leaf is None:
        return repr(hit.text)
    languages = leaf.languages_for(language)
    reasons = [word.reason(found, languages) for word, found in zip(leaf.words, fold(hit.text).split())]
    how = ", ".join(r for r in reasons if r and r != "as written")
    return f"{hit.text!r} ← term {term.text!r} ({how})"
