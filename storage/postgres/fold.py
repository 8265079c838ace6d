"""Accent and case folding for PostgreSQL's full-text index, the same on both sides of a match.

SQLite's FTS5 index folds case and removes diacritics (unicode61 remove_diacritics 2); the
PostgreSQL server may have no `unaccent` extension (pgserver's has none), so the store defines its
own: `monitor_fold(text)`, lower() then translate() with the table below, used by the `search`
column and by every query. The table is built from Unicode's decompositions (NFKD, marks dropped)
for the Latin and Cyrillic letters, so "Zelenskyy" finds "Zelenskýy" and "Украина" is "Украина"
whatever its й or ё; queries are folded in Python with the same table, so a query lexeme is
exactly what the index holds for the same word.
"""

from __future__ import annotations

import unicodedata

# Latin-1 Supplement through Latin Extended-B, Cyrillic, and Latin Extended Additional
# (Vietnamese): the letters news in this product's languages carry accents on.
_RANGES = ((0x00C0, 0x0250), (0x0400, 0x0500), (0x1E00, 0x1F00))


def _table() -> tuple[str, str]:
    source, target = [], []
    for start, end in _RANGES:
        for code in range(start, end):
            char = chr(code)
            if char.lower() != char:
                continue  # folding lower-cases first: only lower-case letters are looked up
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            if len(base) == 1 and base != char:
                source.append(char)
                target.append(base)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _table()
_TRANSLATION = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """The text as monitor_fold() writes it in the index: lower case, accents off."""
    return text.lower().translate(_TRANSLATION)


def function_sql() -> str:
    """CREATE FUNCTION monitor_fold: IMMUTABLE (lower and translate are), so a generated column
    and an index may use it; one SQL expression, so the planner inlines it."""
    return ("CREATE OR REPLACE FUNCTION monitor_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
            f"AS $fold$SELECT translate(lower(value), '{FOLD_FROM}', '{FOLD_TO}')$fold$;")
