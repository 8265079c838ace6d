"""A query's text parsed into a tree of nodes (parse_query): tokens, then a recursive descent with
the language's precedence, each error naming its position and what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.errors import QuerySyntaxError  # raised here; defined with the other errors
from monitor.query.nodes import FIELDS, TEXT_FIELDS, And, Lang, Near, Node, Not, Or, Site, Tag, Term
from monitor.query.trees import with_fields
from monitor.query.words import check_word, term_text


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
            check_word(text, position + 1)
        if kind == "braced":
            check_word(text[1:-1], position + 2)
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
            return with_fields(inner, fields) if fields else inner
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
    text = term_text(text)
    if not any(ch.isalnum() for ch in text):
        raise QuerySyntaxError(token.position, "a term with a letter or digit", repr(token.text))
    return Term(text, fields, case_sensitive, prefix)


def _is_term_group(node: Node) -> bool:
    return isinstance(node, Term) or (isinstance(node, Or) and all(isinstance(p, Term) for p in node.parts))


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
