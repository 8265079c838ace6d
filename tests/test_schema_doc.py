"""storage.schema_doc against the migrated database and the README: every table and column described,
nothing described that does not exist, the README's "one row per" wording the same, and the
Datasette metadata made from it complete."""

from __future__ import annotations

import json
from typing import Iterator

import pytest

from conftest import ROOT
from storage import SQLiteStore, open_store
from storage.schema_doc import SORT_DESC, TABLES, TableDoc, datasette_metadata, table

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    db = open_store(tmp_path_factory.mktemp("schema") / "m.db")
    yield db
    db.close()


def _user_tables(store: SQLiteStore) -> set[str]:
    """Tables people query: not SQLite's own, not bookkeeping (`_sqlite_migrations`), not FTS shadows."""
    names = [r[0] for r in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {n for n in names if not n.startswith(("sqlite_", "_", "items_fts_"))}


def _columns(store: SQLiteStore, name: str) -> list[str]:
    return [r[1] for r in store.execute(f'PRAGMA table_info("{name}")')]


def _readme_schema_tables() -> list[str]:
    """The table names of the README's schema table (the rows after `<!-- tables -->`)."""
    lines = README.split("<!-- tables -->", 1)[1].strip().splitlines()
    rows = []
    for line in lines[2:]:  # after the header and its |---| line
        if not line.startswith("|"):
            break
        rows.append(line.split("`")[1])
    return rows


def test_every_user_table_is_documented(store: SQLiteStore) -> None:
    assert _user_tables(store) == {doc.name for doc in TABLES}


def test_table_names_are_unique_and_found_by_name() -> None:
    assert len({doc.name for doc in TABLES}) == len(TABLES)
    for doc in TABLES:
        assert table(doc.name) is doc
    with pytest.raises(KeyError):
        table("no_such_table")


@pytest.mark.parametrize("doc", TABLES, ids=lambda d: d.name)
def test_every_column_is_described_and_no_other(store: SQLiteStore, doc: TableDoc) -> None:
    actual = _columns(store, doc.name)
    assert actual, f"{doc.name} is not in the database"
    missing = [c for c in actual if c not in doc.columns]
    extra = [c for c in doc.columns if c not in actual]
    assert not missing, f"{doc.name}: columns without a description: {missing}"
    assert not extra, f"{doc.name}: descriptions of columns that do not exist: {extra}"
    assert list(doc.columns) == actual, f"{doc.name}: describe the columns in the table's order"


@pytest.mark.parametrize("doc", TABLES, ids=lambda d: d.name)
def test_descriptions_are_filled_in(doc: TableDoc) -> None:
    for text in (doc.title, doc.row, doc.description, *doc.columns.values()):
        assert text.strip() == text and text, (doc.name, text)
        assert "\n" not in text, (doc.name, text)


@pytest.mark.parametrize("doc", TABLES, ids=lambda d: d.name)
def test_readme_says_what_one_row_is(doc: TableDoc) -> None:
    prefix = f"| `{doc.name}` | {doc.row} |"
    assert any(line.startswith(prefix) for line in README.splitlines()), prefix


def test_readme_documents_no_other_table() -> None:
    assert sorted(_readme_schema_tables()) == sorted(doc.name for doc in TABLES)


def test_datasette_metadata_covers_every_table_and_column(store: SQLiteStore) -> None:
    metadata = datasette_metadata("monitor")
    json.dumps(metadata)  # what `datasette --metadata` reads
    assert list(metadata) == ["databases"] and list(metadata["databases"]) == ["monitor"]
    tables = metadata["databases"]["monitor"]["tables"]
    assert set(tables) == {doc.name for doc in TABLES}
    for doc in TABLES:
        entry = tables[doc.name]
        assert entry["title"] == doc.title and entry["description"] == doc.description
        assert entry["columns"] == doc.columns
        assert set(entry["columns"]) == set(_columns(store, doc.name))
    for name, column in SORT_DESC.items():
        assert tables[name]["sort_desc"] == column and column in _columns(store, name)
    assert {name for name, entry in tables.items() if "sort_desc" in entry} == {"alerts", "fetches", "messages"}
    items = tables["items"]
    assert items["fts_table"] == "items_fts" and items["fts_pk"] in _columns(store, "items")
    assert "searchmode" not in items  # Datasette's escaped default, as `monitor search` without --raw


def test_fts_pk_is_the_rowid_items_fts_indexes(store: SQLiteStore) -> None:
    """fts_pk "id" is right only while items.id is the rowid (INTEGER PRIMARY KEY) and items_fts is
    items' external-content index, which is also how Datasette finds it without metadata."""
    sql = store.execute("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").fetchone()[0]
    assert "USING FTS5" in sql and 'content="items"' in sql
    pk = [(r[1], r[2].upper()) for r in store.execute('PRAGMA table_info("items")') if r[5]]
    assert pk == [("id", "INTEGER")]


def test_metadata_is_a_fresh_copy() -> None:
    first = datasette_metadata("monitor")
    first["databases"]["monitor"]["tables"]["items"]["columns"]["id"] = "changed"
    assert table("items").columns["id"] != "changed"
    assert datasette_metadata("other")["databases"].keys() == {"other"}


def test_a_store_copy_copies_every_documented_table() -> None:
    # storage.copy lists the tables itself (parents first); a table missing there would be left
    # behind by `monitor store copy` and the PostgreSQL backup without a word. The full-text index
    # is each backend's own, built from the items.
    from storage.copy import TABLES as COPIED

    assert sorted(COPIED) == sorted(doc.name for doc in TABLES if doc.name != "items_fts")
