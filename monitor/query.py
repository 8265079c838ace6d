"""The rule query language: parse text into a small tree of Term / And / Or / Not / Near nodes.

    donbas OR donbass                 any of them          -crimea, NOT crimea   veto
    putin AND (nato OR "north atlantic alliance")        adjacency means AND too
    "troop withdrawal" NEAR/5 border  within 5 words, either order
    title:zelensk*                    field prefix (title, summary, body, author, source); * prefix
    {NATO}                            case-sensitive (Brandwatch's braces), so Italian "nato" is no hit

Operators are AND, OR, NOT and NEAR/n, in any letter case. Precedence, tightest first:
field prefix, NEAR, NOT, AND, OR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.errors import QuerySyntaxError  # raised here; defined with the other errors

FIELDS = ("title", "summary", "body", "author", "source")
TEXT_FIELDS = ("title", "summary", "body")


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as written, without quotes, braces or the trailing *
    fields: tuple[str, ...] = TEXT_FIELDS
    case_sensitive: bool = False
    prefix: bool = False


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


Node = Term | And | Or | Not | Near

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<phrase>"[^"]*"?)
      | (?P<braced>\{[^}]*\}?)
      | (?P<near>NEAR/\d+\b)
      | (?P<field>(?:title|summary|body|author|source):)
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
        if kind == "word" and text.upper().startswith("NEAR/"):
            raise QuerySyntaxError(position + 1, "NEAR/n with a whole number n", repr(text))
        if kind != "space":
            tokens.append(_Token(kind, text, position + 1))
        position = found.end()
    return tokens


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
            distance = int(token.text.split("/")[1])
            right = self.primary(None)
            for side in (left, right):
                if not _is_term_group(side):
                    raise QuerySyntaxError(token.position, "terms or phrases on both sides of NEAR",
                                           "a group with AND, NOT or NEAR")
            left = Near(left, right, distance)
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


def _with_fields(node: Node, fields: tuple[str, ...]) -> Node:
    if isinstance(node, Term):
        return Term(node.text, fields, node.case_sensitive, node.prefix)
    if isinstance(node, And):
        return And(tuple(_with_fields(p, fields) for p in node.parts))
    if isinstance(node, Or):
        return Or(tuple(_with_fields(p, fields) for p in node.parts))
    if isinstance(node, Not):
        return Not(_with_fields(node.part, fields))
    return Near(_with_fields(node.left, fields), _with_fields(node.right, fields), node.distance)


def parse_query(source: str) -> Node:
    """Parse a rule query; QuerySyntaxError names the position and what was expected."""
    return _Parser(source).parse()


def terms_of(node: Node) -> list[Term]:
    """Every Term leaf in the tree, in order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, (And, Or)):
        return [t for part in node.parts for t in terms_of(part)]
    if isinstance(node, Not):
        return terms_of(node.part)
    return terms_of(node.left) + terms_of(node.right)
