"""One automaton pass over each folded field of an item: each key found at a word's edges (or after
an Arabic or Hebrew word's proclitics, or before Korean's particles: monitor.scripts) becomes a hit
of its terms (a prefix term's hit runs to its word's end), and a word a forms term starts with is
checked against the term's inflected forms.
"""

from __future__ import annotations

import re

import ahocorasick

from monitor.rules.anchors import anchored_text
from monitor.rules.compiled import CompiledRules
from monitor.rules.folding import fold
from monitor.rules.hits import MAX_SCAN_HITS, FormsLeaf, HitIndex, Overflow
from monitor.scripts import (HANGUL_FIRST, HANGUL_LAST, PROCLITIC_FIRST, PROCLITIC_LAST, after_proclitics, is_mark,
                             is_spaceless, is_word_char)


def scan_field(compiled: CompiledRules, field_name: str, text: str, found: dict[str, HitIndex],
               overflow: Overflow, language: str | None = None) -> None:
    """One field's hits, filed under `found[field_name]` by term: one automaton pass over its folded text."""
    if not text or compiled.automaton is None:
        return
    folded = fold(text)
    hits: HitIndex = {}
    length = len(folded)
    checked: set[tuple[int, int]] | None = None  # (forms leaf, start) seen; rule sets without forms never make one
    automaton, scanned, shift = _automaton_pass(compiled, folded)
    # The word-character tests are written out (not is_word_char) in this loop: it runs once per
    # automaton output, and outputs grow with the number of terms. is_mark is called only for a
    # character past U+02FF next to the key, is_spaceless and after_proclitics only for a word's.
    for end_index, keys in automaton.iter(scanned):
        end = end_index + shift
        for key, key_length, compare, word_first, word_last, leaves, forms in keys:
            start = end - key_length
            if (word_first and start > 0
                    and ((ch := folded[start - 1]).isalnum() or ch == "_" or (ch > "\u02ff" and is_mark(ch)))
                    and not is_spaceless(ch)
                    and not (PROCLITIC_FIRST <= ch <= PROCLITIC_LAST and after_proclitics(folded, start))):
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
            whole = (not word_last or end >= length
                     or not ((ch := folded[end]).isalnum() or ch == "_" or (ch > "\u02ff" and is_mark(ch)))
                     or is_spaceless(ch) or HANGUL_FIRST <= ch <= HANGUL_LAST)
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
    if compiled.anchored is not None and (anchored := anchored_text(folded, compiled.keyed_signs)) is not None:
        return compiled.anchored, anchored, 0  # one character ahead, and the end is inclusive
    assert compiled.automaton is not None
    return compiled.automaton, folded, 1


_WORD_CHARS = re.compile(r"\w*")  # \w is is_word_char but for combining marks: str.isalnum() or "_"


def _word_end(folded: str, position: int) -> int:
    found = _WORD_CHARS.match(folded, position)
    end = found.end() if found is not None else position
    while end < len(folded) and is_mark(folded[end]):  # \w stops at a combining mark, the word does not
        found = _WORD_CHARS.match(folded, end + 1)
        end = found.end() if found is not None else end + 1
    return end


def _scan_forms(leaf: FormsLeaf, field_name: str, folded: str, start: int,
                language: str | None, hits: HitIndex, overflow: Overflow) -> None:
    """A hit when the words from `start` are forms of the term's words (one space or more apart)."""
    languages = leaf.languages_for(language)
    end = _word_end(folded, start)
    if leaf.words[0].reason(folded[start:end], languages) is None:
        return
    for word in leaf.words[1:]:
        position = end
        while position < len(folded) and folded[position] == " ":
            position += 1
        if position == end or position == len(folded) or not is_word_char(folded[position]):
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
