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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from monitor.errors import QuerySyntaxError  # raised here; defined with the other errors

FIELDS = ("title", "summary", "body", "author", "source")
TEXT_FIELDS = ("title", "summary", "body")
ITEM_FIELDS = ("site", "domain", "lang")  # facts about the item rather than words in it


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as written, without quotes, braces or the trailing *
    fields: tuple[str, ...] = TEXT_FIELDS
    case_sensitive: bool = False
    prefix: bool = False
    forms: tuple[str, ...] = ()  # languages whose inflected forms also match (the rule's `forms`)


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: Node


@dataclass(frozen=True, slots=True)
class Near:
    left: Node  # Term or Or of Terms
    right: Node
    distance: int
    ordered: bool = False  # ONEAR: right comes after left


@dataclass(frozen=True, slots=True)
class Site:
    host: str  # lower-case ASCII (IDNA); the item's host is this one or a sub-domain of it


@dataclass(frozen=True, slots=True)
class Lang:
    code: str  # ISO 639-1, lower case; the item's language is this one


@dataclass(frozen=True, slots=True)
class Tag:
    name: str  # a source tag, as written in the config
    # The sources carrying it, filled from the config by rules.rule_tree; None: not known here,
    # and the tag holds for no item.
    sources: frozenset[str] | None = None


Node = Term | And | Or | Not | Near | Site | Lang | Tag
ItemFact = Site | Lang | Tag

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<phrase>"[^"]*"?)
      | (?P<braced>\{[^}]*\}?)
      | (?P<near>O?NEAR/\d+\b)
      | (?P<field>(?:title|summary|body|author|source):)
      | (?P<item>(?:site|domain|lang|tag):)
      | (?P<badfield>[A-Za-z_]+:(?=[^\s/]))
      | (?P<minus>-(?=[^\s-]))
      | (?P<word>[^\s()"{}]+)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    position: int  # 1-based, for people


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        found = _TOKEN.match(source, position)
        if found is None:  # only a stray "}" can get here
            raise QuerySyntaxError(position + 1, "a term", repr(source[position]))
        kind = found.lastgroup or "word"
        text = found.group()
        if kind == "phrase" and (len(text) < 2 or not text.endswith('"')):
            raise QuerySyntaxError(position + 1, 'a closing "', "the end of the query")
        if kind == "braced" and not text.endswith("}"):
            raise QuerySyntaxError(position + 1, "a closing }", "the end of the query")
        if kind == "badfield":
            raise QuerySyntaxError(position + 1, f"a field prefix ({', '.join(FIELDS)})", repr(text))
        if kind == "word" and text.upper() in ("AND", "OR", "NOT"):
            kind = text.upper()
        if kind == "word":
            _check_word(text, position + 1)
        if kind == "braced":
            _check_word(text[1:-1], position + 2)
        if kind != "space":
            tokens.append(_Token(kind, text, position + 1))
        position = found.end()
    return tokens


# Characters that are operators in other query languages (Lucene, Brandwatch, Talkwalker…): here
# they are errors, never silently part of a word. Quotes make them text.
_RESERVED = {
    "~": "fuzzy or proximity: use NEAR/n, or the rule's forms key for inflected forms",
    "?": "not a wildcard: * at the end of a word is a prefix",
    "^": "no boosts", "[": "no ranges", "]": "no ranges", "<": "no comparisons", ">": "no comparisons",
    "=": "no comparisons", "|": "use OR", "\\": "no escapes",
}
_LEADING = {"+": "a b already means both", "!": "use NOT or -"}
_TRAILING = {",": "use OR", ";": "use OR"}
_OPERATOR_LIKE = re.compile(r"[A-Za-z]+/\d+[A-Za-z]*")


def _check_word(text: str, position: int) -> None:
    """Refuse a word that holds syntax this language does not have (`position`: its first character)."""
    upper = text.upper()
    if upper in ("NEAR", "ONEAR"):
        raise QuerySyntaxError(position, f"{upper}/n with a distance n (quote the word to look for it)",
                               repr(text))
    if upper.startswith(("NEAR/", "ONEAR/")):
        raise QuerySyntaxError(position, f"{upper.split('/')[0]}/n with a whole number n", repr(text))
    if _OPERATOR_LIKE.fullmatch(text):
        raise QuerySyntaxError(position, "an operator (AND, OR, NOT, NEAR/n, ONEAR/n; quote the text to "
                                         "look for it)", repr(text))
    for index, ch in enumerate(text):
        hint = _RESERVED.get(ch)
        if hint is None and index == 0:
            hint = _LEADING.get(ch)
        if hint is None and index == len(text) - 1 and index > 0:
            hint = _TRAILING.get(ch)
        if hint is None and ch == "*" and index != len(text) - 1:
            hint = "* is a prefix only at the end of a word"
        if hint is not None:
            raise QuerySyntaxError(position + index, "a letter, a digit or a trailing *",
                                   f"{ch!r} ({hint}; quote the text to look for it)")


def check_term(text: str) -> None:
    """Refuse a `terms` entry holding query syntax it cannot have (QuerySyntaxError, 1-based position)."""
    inner, offset = (text[1:-1], 2) if text.startswith("{") and text.endswith("}") else (text, 1)
    for found in re.finditer(r"\S+", inner):
        word = found.group()
        if word.upper() in ("NEAR", "ONEAR") or _OPERATOR_LIKE.fullmatch(word):
            continue  # a phrase may hold these words: the list has no operators to confuse them with
        _check_word(word, offset + found.start())


MAX_DEPTH = 50  # nested groups and NOTs: far beyond any real rule, well inside Python's recursion limit


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0

    def deeper(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError(token.position, f"at most {MAX_DEPTH} nested groups or NOTs",
                                   "a deeper one")

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def found(self) -> tuple[int, str]:
        token = self.peek()
        if token is None:
            return len(self.source) + 1, "the end of the query"
        return token.position, repr(token.text)

    def parse(self) -> Node:
        if not self.tokens:
            raise QuerySyntaxError(1, "a term", "an empty query")
        node = self.or_expr()
        if self.peek() is not None:
            position, found = self.found()
            raise QuerySyntaxError(position, "an operator or the end of the query", found)
        return node

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self) -> Node:
        parts = [self.not_expr()]
        while (token := self.peek()) is not None and token.kind not in ("OR", "rparen"):
            if token.kind == "AND":
                self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def not_expr(self) -> Node:
        token = self.peek()
        if token is not None and token.kind in ("NOT", "minus"):
            self.take()
            self.deeper(token)
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.near_expr()

    def near_expr(self) -> Node:
        left = self.primary(None)
        while (token := self.peek()) is not None and token.kind == "near":
            self.take()
            operator, distance = token.text.upper().split("/")
            right = self.primary(None)
            for side in (left, right):
                if not _is_term_group(side):
                    found = "a site:, lang: or tag: field" if isinstance(side, (Site, Lang, Tag)) else \
                        "a group with AND, NOT or NEAR"
                    raise QuerySyntaxError(token.position, f"terms or phrases on both sides of {operator}",
                                           found)
            left = Near(left, right, int(distance), ordered=operator == "ONEAR")
        return left

    def primary(self, fields: tuple[str, ...] | None) -> Node:
        token = self.peek()
        if token is None:
            position, found = self.found()
            raise QuerySyntaxError(position, "a term", found)
        if token.kind == "field":
            self.take()
            if fields is not None:
                raise QuerySyntaxError(token.position, "a term", "a second field prefix")
            return self.primary((token.text[:-1].lower(),))
        if token.kind == "item":
            self.take()
            if fields is not None:
                raise QuerySyntaxError(token.position, "a term", f"{token.text!r} after a field prefix")
            return self.item_fact(token)
        if token.kind == "lparen":
            self.take()
            self.deeper(token)
            inner = self.or_expr()
            self.depth -= 1
            closing = self.peek()
            if closing is None or closing.kind != "rparen":
                position, found = self.found()
                raise QuerySyntaxError(position, "')'", found)
            self.take()
            return _with_fields(inner, fields) if fields else inner
        if token.kind in ("phrase", "braced", "word"):
            self.take()
            return _term(token, fields or TEXT_FIELDS)
        raise QuerySyntaxError(token.position, "a term", repr(token.text))

    def item_fact(self, prefix: _Token) -> Node:
        """`site:HOST` / `domain:HOST`, `lang:CODE` or `tag:NAME`: one value, a word or a quoted one."""
        name = prefix.text[:-1].lower()
        token = self.peek()
        wanted = {"lang": "a two-letter language code such as ru",
                  "tag": "a source tag such as ukraine"}.get(name, "a host name such as bbc.co.uk")
        if token is None or token.kind not in ("word", "phrase") or token.position != prefix.position + len(prefix.text):
            position, found = self.found()
            raise QuerySyntaxError(position if token is not None else prefix.position + len(prefix.text),
                                   f"{wanted} right after {prefix.text}", found)
        self.take()
        value = token.text.strip('"').strip()
        if name == "tag":
            if not value:
                raise QuerySyntaxError(token.position, wanted, repr(token.text))
            return Tag(value)
        if name == "lang":
            if not re.fullmatch(r"[A-Za-z]{2}", value):
                raise QuerySyntaxError(token.position, wanted, repr(token.text))
            return Lang(value.lower())
        host = _host(value)
        if host is None:
            raise QuerySyntaxError(token.position, wanted, repr(token.text))
        return Site(host)


_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def _host(value: str) -> str | None:
    """A host name as canonical URLs write it (lower case, IDNA), or None when it is not one."""
    from monitor.urls import canonical_url

    if not value or any(ch in value for ch in "/:@?#") or value.startswith("."):
        return None
    url = canonical_url(f"http://{value.rstrip('.')}/")
    host = url[len("http://"):-1] if url else None
    return host if host and _HOST.fullmatch(host) else None


def _term(token: _Token, fields: tuple[str, ...]) -> Term:
    text, case_sensitive = token.text, False
    if token.kind == "phrase":
        text = text[1:-1]
    elif token.kind == "braced":
        text, case_sensitive = text[1:-1], True
    prefix = text.endswith("*")
    text = " ".join(text.rstrip("*").split())
    if not any(ch.isalnum() for ch in text):
        raise QuerySyntaxError(token.position, "a term with a letter or digit", repr(token.text))
    return Term(text, fields, case_sensitive, prefix)


def _is_term_group(node: Node) -> bool:
    return isinstance(node, Term) or (isinstance(node, Or) and all(isinstance(p, Term) for p in node.parts))


def _map_terms(node: Node, change: Callable[[Term], Term]) -> Node:
    if isinstance(node, Term):
        return change(node)
    if isinstance(node, And):
        return And(tuple(_map_terms(p, change) for p in node.parts))
    if isinstance(node, Or):
        return Or(tuple(_map_terms(p, change) for p in node.parts))
    if isinstance(node, Not):
        return Not(_map_terms(node.part, change))
    if isinstance(node, Near):
        return Near(_map_terms(node.left, change), _map_terms(node.right, change), node.distance, node.ordered)
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


def _with_fields(node: Node, fields: tuple[str, ...]) -> Node:
    return _map_terms(node, lambda term: replace(term, fields=fields))


_PLAIN_WORDS = re.compile(r"\w+(?: \w+)*")


def takes_forms(term: Term) -> bool:
    """Whether inflected forms apply to a term: plain words only; braced, prefix and punctuated terms
    (e-mail, NATO's, U.S.) stay as written."""
    return not term.case_sensitive and not term.prefix and bool(_PLAIN_WORDS.fullmatch(term.text))


def with_forms(node: Node, languages: tuple[str, ...]) -> Node:
    """The tree with inflected forms in these languages on every term that takes them."""
    if not languages:
        return node
    return _map_terms(node, lambda term: replace(term, forms=languages) if takes_forms(term) else term)


def parse_query(source: str) -> Node:
    """Parse a rule query; QuerySyntaxError names the position (line and column when the query has
    several lines) and what was expected."""
    try:
        return _Parser(source).parse()
    except QuerySyntaxError as exc:
        if "\n" not in source:
            raise
        before = source[:exc.position - 1]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1)
        raise QuerySyntaxError(exc.position, exc.expected, exc.found, line=line, column=column) from None


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
