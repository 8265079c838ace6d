"""A parsed query's nodes: a Term (words in some fields), And, Or, Not, Near (two terms within so many
words), and the facts about an item a query may ask for: its Site, its Lang, a Tag of its source."""

from __future__ import annotations

from dataclasses import dataclass


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
