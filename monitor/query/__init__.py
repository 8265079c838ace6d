"""The rule query language: parse text into a small tree of Term / And / Or / Not / Near / Site /
Lang / Tag nodes.

    donbas OR donbass                 any of them          -crimea, NOT crimea   veto
    putin AND (nato OR "north atlantic alliance")        adjacency means AND too
    "troop withdrawal" NEAR/5 border  within 5 words, either order; ONEAR/5: border after
    title:zelensk*                    field prefix (title, summary, body, author, source); * prefix
    {NATO}                            case-sensitive (Brandwatch's braces), so Italian "nato" is no hit
    site:bbc.co.uk  lang:ru           the item's host (or a sub-domain of it), the item's language
    tag:ukraine                       the item came from a source carrying that tag (config `tags`)

Operators are AND, OR, NOT, NEAR/n and ONEAR/n, in any letter case. Precedence, tightest first:
field prefix, NEAR, NOT, AND, OR. Nothing else is syntax, and nothing that looks like syntax from
another query language (NATO~, Ukrain?, W/5, boost^2, [a TO b]) is taken as a word: it is an error
naming its position. Inside quotes every character is text, but a final * (a prefix).

The parts: nodes (the tree's), words (what a word may hold), parsing (parse_query) and trees (what
is asked of a tree). Every name the rest of the project uses is imported from here.
"""

from monitor.errors import QuerySyntaxError
from monitor.query.nodes import (FIELDS, ITEM_FIELDS, TEXT_FIELDS, And, ItemFact, Lang, Near, Node, Not, Or, Site, Tag,
                                 Term)
from monitor.query.parsing import MAX_DEPTH, parse_query
from monitor.query.trees import item_facts, takes_forms, terms_of, with_forms, with_tag_sources
from monitor.query.words import check_term, term_text

__all__ = ["FIELDS", "ITEM_FIELDS", "MAX_DEPTH", "TEXT_FIELDS", "And", "ItemFact", "Lang", "Near", "Node", "Not", "Or",
           "QuerySyntaxError", "Site", "Tag", "Term", "check_term", "item_facts", "parse_query", "takes_forms",
           "term_text", "terms_of", "with_forms", "with_tag_sources"]
