"""Full text on PostgreSQL: `monitor search`, the alerts' text filter and the backtests' prefilter,
through the items.search tsvector column (GIN-indexed, folded by monitor_fold: storage.postgres.fold).

The same behaviour as the SQLite store's FTS5 (storage.items, storage.search): a user's words all
required and never a syntax error; `raw` takes operators, and a query that cannot be parsed is the
caller's error (BadSearchQuery). FTS5's syntax and the rule query language share what people
write at a search box (AND, OR, NOT, "phrases", prefix*, parentheses, title:), so a raw query here
is read by the rule language's parser (monitor.query) and written as a tsquery; a rule's query tree
narrows the history to a superset of what the rule can match, or not at all.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Callable, Iterator

import psycopg

from monitor.forms import word_forms
from monitor.models import SearchHit, StoredHistoryItem, from_iso, iso
from monitor.errors import QuerySyntaxError
from monitor.query import And, Near, Node, Not, Or, Term, parse_query
from monitor.scripts import RUN_ON_LANGUAGES, in_hangul, in_spaceless_script, written_with_proclitics
from storage.items import row_to_item
from storage.postgres.fold import fold
from storage.search import narrowing, spellings
from storage.sql import Db



class UnsearchableQuery(ValueError):
    """A raw query with something the full-text index cannot answer (site:, a term with no word)."""


# A raw query the parser refuses or the index cannot answer; what to_tsquery refuses; what cannot
# be sent at all (a NUL in the text).
QUERY_ERRORS: tuple[type[Exception], ...] = (QuerySyntaxError, UnsearchableQuery, psycopg.errors.SyntaxError,
                                             psycopg.DataError)
# The weights the `search` column gives each field (title A, summary B, body C).
_WEIGHTS = {"title": "A", "summary": "B", "body": "C"}

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A word as PostgreSQL's default parser sees one in plain text: letters and digits. A term made of
# anything else (hyphens, apostrophes, dots) could be split otherwise than we guess; it narrows nothing.
_PLAIN_WORD = re.compile(r"[^\W_]+")
_HEADLINE = "StartSel=[, StopSel=], MaxWords=14, MinWords=6, ShortWord=2, MaxFragments=1, FragmentDelimiter=…"


def _lexeme(word: str) -> str:
    """A tsquery lexeme in quotes (its quotes and backslashes escaped)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _clean(text: str) -> str:
    # A NUL cannot be sent in a text parameter; a lone surrogate (an undecodable byte of a command
    # line) cannot be encoded: as in storage.search.quoted_words.
    return _CONTROL.sub(" ", text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))


def all_words(text: str) -> str | None:
    """A user's words as a tsquery requiring each of them (None: no words)."""
    words = _PLAIN_WORD.findall(fold(_clean(text)))
    # A Korean word as a prefix: its particles follow it in the same lexeme ("우크라이나는"). Folded
    # (NFKD), its syllables are conjoining jamo.
    return " & ".join(_lexeme(w) + (":*" if _JAMO.search(w) else "") for w in words) if words else None


_JAMO = re.compile("[\u1100-\u11ff]")


def text_filter(text: str) -> tuple[str, list[Any]] | None:
    """The alerts' text filter: a condition on a.item_id, or None when the text has no words."""
    query = all_words(text)
    if query is None:
        return None
    return "a.item_id IN (SELECT id FROM items WHERE search @@ to_tsquery('simple', ?))", [query]


def search(db: Db, text: str, limit: int = 20, raw: bool = False,
           language: str | None = None) -> list[SearchHit]:
    """Items with the words, best first (ts_rank: title over summary over body), with a snippet."""
    if raw:
        if not _clean(text).strip():
            return []
        query, parse = exact(parse_query(_clean(text))), "to_tsquery('simple', ?)"
    else:
        found = all_words(text)
        if found is None:
            return []
        query, parse = found, "to_tsquery('simple', ?)"
    in_language = " AND i.language = ?" if language else ""
    sql = f"""SELECT i.id, i.title, i.url, i.source, i.published_at, i.language,
                     ts_headline('simple', concat_ws(' … ', nullif(i.title, ''), nullif(i.summary, ''),
                                                     nullif(i.body, '')), q, '{_HEADLINE}') AS snippet
              FROM items i, {parse} AS q
              WHERE i.search @@ q{in_language}
              ORDER BY ts_rank(i.search, q) DESC, i.id DESC LIMIT ?"""
    params: list[Any] = [query, language, limit] if language else [query, limit]
    return [SearchHit(id=r["id"], title=r["title"], url=r["url"], source=r["source"],
                      published_at=from_iso(r["published_at"]), snippet=r["snippet"], language=r["language"])
            for r in db.query(sql, params)]


def exact(node: Node) -> str:
    """A raw query's tree as a tsquery that finds what it says (NEAR: both sides, anywhere)."""
    if isinstance(node, Term):
        words = _PLAIN_WORD.findall(fold(node.text))
        if not words:
            raise UnsearchableQuery(f"{node.text!r} has no word to look up")
        weights = "".join(_WEIGHTS[f] for f in node.fields if f in _WEIGHTS)
        if len(weights) != len(node.fields):
            raise UnsearchableQuery("the full-text index has title, summary and body only")
        marks = ":" + weights if weights != "ABC" else ""
        lexemes = [_lexeme(w) + marks for w in words]
        if node.prefix:
            lexemes[-1] += "*" if marks else ":*"
        return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"
    if isinstance(node, (And, Or)):
        return "(" + (" & " if isinstance(node, And) else " | ").join(exact(p) for p in node.parts) + ")"
    if isinstance(node, Not):
        return "!" + exact(node.part)
    if isinstance(node, Near):
        return f"({exact(node.left)} & {exact(node.right)})"
    raise UnsearchableQuery("site:, domain:, lang: and tag: are not in the full-text index")


# The index folds "ё" to "е" and "ї" to "і" as the matcher does (its marks off), but keeps the Latin
# "i" an English layout types for "і" in a Cyrillic word ("Украiна"), which the matcher reads as
# "і" (rules.fold): a word with "і" is looked up with each of its "і"s either way (storage.search's
# spellings); past MOST_SPELLINGS, by what it starts with before the first.


def _spelled(word: str, star: str) -> str | None:
    """A folded word as a tsquery of each way the index may hold it, or None when it cannot narrow."""
    if "і" not in word:
        return _lexeme(word) + star
    spelled = spellings(["іi" if ch == "і" else ch for ch in word])
    if spelled is None:
        start = word.index("і")
        return f"{_lexeme(word[:start])}:*" if start >= 2 else None
    return "(" + " | ".join(_lexeme(spelling) + star for spelling in spelled) + ")"


def _term(term: Term) -> str | None:
    words = term.text.split()
    if (not words or not all(_PLAIN_WORD.fullmatch(w) for w in words) or in_spaceless_script(term.text)
            or written_with_proclitics(term.text)):  # as storage.search's
        return None
    if term.forms:
        found = word_forms(words, term.forms)
        parts = []
        for word in words:
            prefixes = sorted({fold(p) for p in found[word].prefixes if _PLAIN_WORD.fullmatch(p)})
            if not prefixes or len(prefixes) != len(found[word].prefixes):
                return None
            spelled = [_spelled(p, ":*") for p in prefixes]
            alternatives = [a for a in spelled if a is not None]
            if len(alternatives) != len(spelled):
                return None
            parts.append("(" + " | ".join(alternatives) + ")")
        return "(" + " & ".join(parts) + ")"  # an inflected form is no exact phrase
    folded = [fold(w) for w in words]
    if in_hangul(term.text):  # a Korean word with its particles is one lexeme: each word as a prefix
        return "(" + " & ".join(_lexeme(w) + ":*" for w in folded) + ")"
    spelled = [_spelled(w, ":*" if term.prefix and at == len(folded) - 1 else "") for at, w in enumerate(folded)]
    lexemes = [lexeme for lexeme in spelled if lexeme is not None]
    if len(lexemes) != len(spelled):
        return None
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def prefilter(node: Node) -> str | None:
    """A tsquery every item the tree can match also matches, or None when none narrows it."""
    return narrowing(node, _term, " | ", " & ")


def history(db: Db, tree: Node | None, since: datetime | None,
            rows_of: Callable[[str, list[Any]], Iterator[dict[str, Any]]] | None = None,
            ) -> tuple[int, str | None, Iterator[StoredHistoryItem]]:
    """(how many, the tsquery that narrowed them, the items) stored since a time that a rule's
    query tree could match (a superset: the caller's matcher decides), oldest first."""
    where: list[str] = []
    params: list[Any] = []
    narrowed = prefilter(tree) if tree is not None else None
    if narrowed:
        # The index holds a Latin word written beside Chinese characters or before Korean particles as part of theirs.
        run_on = ", ".join(f"'{language}'" for language in RUN_ON_LANGUAGES)
        where.append(f"(search @@ to_tsquery('simple', ?) OR language IN ({run_on}))")
        params.append(narrowed)
    if since:
        where.append("coalesce(published_at, first_seen_at) >= ?")
        params.append(iso(since))
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    total = db.execute(f"SELECT count(*) FROM items{clause}", params).fetchone()[0]
    # `rows_of`: a server-side cursor (the store's), so a backtest over a million items holds a
    # batch of them in memory at a time, not all.
    rows = (rows_of or db.query)(f"SELECT * FROM items{clause} ORDER BY id", params)
    return total, narrowed, (StoredHistoryItem(id=row["id"], story_id=row["story_id"], item=row_to_item(row),
                                               day=(row["published_at"] or row["first_seen_at"])[:10],
                                               moment=from_iso(row["published_at"] or row["first_seen_at"]))
                             for row in rows)
