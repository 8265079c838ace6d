"""Find rule terms in items: compile every rule once, then one Aho-Corasick pass per field.

Matching is whole-word, case-insensitive unless a term is braced ({NATO}), and folds typography
(curly apostrophes, dashes, odd spaces) without changing text length, so that a hit's offsets are
offsets into the stored text. A `terms` list is the query `t1 OR t2 OR …`; a rule may have both.
A rule with `forms` also finds its plain terms' inflected forms (monitor.forms): the automaton looks
for the words they start with, and each such word is then checked in the item's language, or in
each of the rule's languages when the item's is unknown. Rules without `forms` never pay for it.

Every name the rest of the project uses is imported from here. The parts: compiled (the rule set
compiled once), scanning (an item's fields read by the automaton), firing (the rules an item's hits
fire, as Matches with their passage), evaluation (a query's tree on the hits), hits (how hits are
filed), anchors (the automaton that starts keys at words), folding (text folded for matching) and
explanation (why each rule fired or did not).
"""

from monitor.rules.compiled import CompiledRules, compile_rules, rule_excludes, rule_tree
from monitor.rules.explanation import explain
from monitor.rules.firing import match, snippet
from monitor.rules.folding import fold
from monitor.rules.hits import MAX_HITS_PER_FIELD, MAX_SCAN_HITS

__all__ = ["MAX_HITS_PER_FIELD", "MAX_SCAN_HITS", "CompiledRules", "compile_rules", "explain", "fold", "match",
           "rule_excludes", "rule_tree", "snippet"]
