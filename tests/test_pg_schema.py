"""storage.postgres.migrations on a real PostgreSQL server (conftest's postgres_url): the migrated
schema is the SQLite store's (read live from a fresh SQLite store, FTS5 and SQLite's own tables
aside) table for table, column for column, key for key and index for index; migrations apply once,
also when several processes start together; the full-text column and the SQLite compatibility
functions (group_concat, ifnull) work."""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest

psycopg = pytest.importorskip("psycopg")

from conftest import ROOT  # noqa: E402
from postgres import database_url, url  # noqa: E402
from psycopg import sql  # noqa: E402
from psycopg.conninfo import conninfo_to_dict  # noqa: E402
from storage import open_store  # noqa: E402
from storage.postgres.migrations import MIGRATION_LOCK_KEY, MIGRATIONS, applied, migrate  # noqa: E402
from storage.schema_doc import TABLES  # noqa: E402

NAMES = [name for name, _ in MIGRATIONS]
# SQLite's declared type → the PostgreSQL types that hold the same values.
COMPATIBLE = {"INTEGER": {"bigint", "integer"}, "REAL": {"double precision"}, "TEXT": {"text"}, "BLOB": {"bytea"}}
# What only the PostgreSQL schema has: the migrations' bookkeeping, the full-text column and its index.
PG_ONLY_TABLES = {"_monitor_migrations"}
PG_ONLY_COLUMNS = {("items", "search")}
PG_ONLY_INDEXES = {"items_search"}
# pg_locks covers the whole server (which MONITOR_TEST_POSTGRES may share between workers): this database's only.
ADVISORY = ("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND {} "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    notnull: bool
    default: str | None
    primary: bool


@dataclass(frozen=True)
class Index:
    unique: bool
    columns: tuple[str | None, ...]  # None: an expression
    where: str | None  # a partial index's condition, lower case, without parentheses


def _condition(text: str | None) -> str | None:
    return None if text is None else " ".join(re.sub(r"[()]", " ", text).lower().split())


@dataclass
class Schema:
    columns: dict[str, list[Column]]  # table → its columns, in order
    primary_keys: dict[str, tuple[str, ...]]
    foreign_keys: dict[str, set[tuple[tuple[str, ...], str, tuple[str, ...], str]]]  # (from, table, to, on delete)
    indexes: dict[str, dict[str, Index]]  # table → index name → index (SQLite's automatic ones as "auto:N")


def _sqlite_schema(path: Path) -> Schema:
    open_store(path).close()
    db = sqlite3.connect(path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              if not r[0].startswith(("sqlite_", "_sqlite_migrations", "items_fts"))]
    schema = Schema({}, {}, {}, {})
    for table in tables:
        info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
        schema.columns[table] = [Column(r[1], r[2].upper(), bool(r[3]) or r[5] > 0, r[4], r[5] > 0) for r in info]
        schema.primary_keys[table] = tuple(r[1] for r in sorted(info, key=lambda r: r[5]) if r[5])
        keys: dict[int, list[tuple]] = {}
        for r in db.execute(f'PRAGMA foreign_key_list("{table}")'):
            keys.setdefault(r[0], []).append(r)
        schema.foreign_keys[table] = {
            (tuple(r[3] for r in rows), rows[0][2], tuple(r[4] for r in rows), rows[0][6].upper())
            for rows in keys.values()}
        schema.indexes[table] = {}
        for _, name, unique, origin, partial in db.execute(f'PRAGMA index_list("{table}")'):
            columns = tuple(r[2] for r in db.execute(f'PRAGMA index_xinfo("{name}")') if r[5])
            if origin == "pk" and schema.primary_keys[table] == columns:
                continue  # the primary key, compared as such
            key = f"auto:{columns}" if name.startswith("sqlite_autoindex_") else name
            where = None
            if partial:
                sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]
                where = re.split(r"\bWHERE\b", sql, flags=re.IGNORECASE)[1]
            schema.indexes[table][key] = Index(bool(unique), columns, _condition(where))
    db.close()
    return schema


def _pg_schema(conn: psycopg.Connection) -> Schema:
    schema = Schema({}, {}, {}, {})
    for table, name, type_, nullable, default, identity in conn.execute(
            """SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
               FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"""):
        schema.columns.setdefault(table, []).append(
            Column(name, type_, nullable == "NO", "identity" if identity == "YES" else default, False))
    for table, kind, columns, target, target_columns, on_delete in conn.execute(
            """SELECT c.conrelid::regclass::text, c.contype,
                      ARRAY(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
                      c.confrelid::regclass::text,
                      ARRAY(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
                      c.confdeltype
               FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
               WHERE n.nspname = 'public' AND c.contype IN ('p', 'f')"""):
        if kind == "p":
            schema.primary_keys[table] = tuple(columns)
        else:
            action = {"a": "NO ACTION", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT", "r": "RESTRICT"}[on_delete]
            schema.foreign_keys.setdefault(table, set()).add((tuple(columns), target, tuple(target_columns), action))
    for table, name, unique, primary, where, columns, constraint in conn.execute(
            """SELECT t.relname, i.relname, x.indisunique, x.indisprimary, pg_get_expr(x.indpred, x.indrelid),
                      ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o)
                            LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o),
                      EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
               JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'"""):
        if primary:
            continue
        key = f"auto:{tuple(columns)}" if constraint else name
        schema.indexes.setdefault(table, {})[key] = Index(unique, tuple(columns), _condition(where))
    return schema


@pytest.fixture(scope="module")
def sqlite_schema(tmp_path_factory: pytest.TempPathFactory) -> Schema:
    return _sqlite_schema(tmp_path_factory.mktemp("sqlite") / "m.db")


@pytest.fixture
def conn(postgres_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(postgres_url) as connection:
        yield connection


@pytest.fixture
def migrated(conn: psycopg.Connection) -> psycopg.Connection:
    migrate(conn)
    return conn


def test_postgres_url_is_a_new_empty_database(postgres_url: str, postgres_server: str) -> None:
    assert postgres_url.startswith("postgresql://")
    params = conninfo_to_dict(postgres_url)
    assert re.fullmatch(r"t_[0-9a-f]{16}", params["dbname"])
    assert {k: v for k, v in params.items() if k != "dbname"} == \
        {k: v for k, v in conninfo_to_dict(postgres_server).items() if k != "dbname"}
    with psycopg.connect(postgres_url) as connection:
        assert connection.execute("SELECT current_database()").fetchone() == (params["dbname"],)
        assert connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)


@pytest.mark.parametrize("base, expected", [
    ("postgresql://postgres:@/postgres?host=/tmp/a%20b", "postgresql://postgres@/t_1?host=/tmp/a%20b"),
    ("host=db.example port=5433 user=me password='p@ss:/w' dbname=x sslmode=require",
     "postgresql://me:p%40ss%3A%2Fw@db.example:5433/t_1?sslmode=require"),
    ("postgresql://me@[::1]:6543/x", "postgresql://me@[::1]:6543/t_1"),
])
def test_database_url_names_another_database_on_the_same_server(base: str, expected: str) -> None:
    made = database_url(base, "t_1")
    assert made == expected
    assert conninfo_to_dict(made) == {**conninfo_to_dict(base), "dbname": "t_1"}
    assert url(conninfo_to_dict(made)) == made


def test_migrate_applies_every_migration_once(conn: psycopg.Connection) -> None:
    assert applied(conn) == []
    assert migrate(conn) == NAMES
    assert migrate(conn) == []
    assert applied(conn) == NAMES
    with conn.transaction():
        times = [r[0] for r in conn.execute("SELECT applied_at FROM _monitor_migrations")]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t) for t in times), times
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with conn.transaction():  # the advisory lock is released
        assert conn.execute(ADVISORY.format("true")).fetchone() == (0,)


def test_migrate_on_an_autocommit_connection(postgres_url: str) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert migrate(conn) == NAMES
        assert migrate(conn) == [] and applied(conn) == NAMES


def test_migrate_as_a_role_that_is_not_a_superuser(postgres_url: str) -> None:
    """What a production database user has: CREATE on the schema, no superuser (which, for one,
    may not create aggregates with internal state, as string_agg's)."""
    role, password = f"t_{secrets.token_hex(8)}", secrets.token_hex(16)
    params = conninfo_to_dict(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role), sql.Literal(password)))
        admin.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(sql.Identifier(role)))
        try:
            with psycopg.connect(url({**params, "user": role, "password": password})) as conn:
                assert not conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
                conn.rollback()
                assert migrate(conn) == NAMES
                assert conn.execute("SELECT group_concat(x), group_concat(x, '/') FROM (VALUES ('a'), ('b')) v(x)"
                                    ).fetchone() in (("a,b", "a/b"), ("b,a", "b/a"))
        finally:
            admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_migrate_refuses_a_connection_inside_a_transaction(conn: psycopg.Connection) -> None:
    conn.execute("SELECT 1")  # autocommit off: a transaction is open now
    with pytest.raises(psycopg.ProgrammingError, match="transaction"):
        migrate(conn)
    conn.rollback()
    assert applied(conn) == []


def test_a_failed_migration_is_rolled_back_and_releases_the_lock(conn: psycopg.Connection,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.postgres.migrations as migrations

    monkeypatch.setattr(migrations, "MIGRATIONS",
                        MIGRATIONS + (("9998_half", "CREATE TABLE half (x int); SELECT 1/0"),))
    with pytest.raises(psycopg.errors.DivisionByZero):
        migrate(conn)
    assert applied(conn) == NAMES
    with conn.transaction():
        assert conn.execute("SELECT to_regclass('half')").fetchone() == (None,)
        assert conn.execute(ADVISORY.format("true")).fetchone() == (0,)


def test_every_sqlite_table_and_column_with_a_compatible_type(migrated: psycopg.Connection,
                                                               sqlite_schema: Schema) -> None:
    pg = _pg_schema(migrated)
    assert set(pg.columns) == set(sqlite_schema.columns) | PG_ONLY_TABLES
    for table, columns in sqlite_schema.columns.items():
        theirs = [c for c in pg.columns[table] if (table, c.name) not in PG_ONLY_COLUMNS]
        assert [c.name for c in theirs] == [c.name for c in columns], table
        for lite, post in zip(columns, theirs):
            where = f"{table}.{lite.name}"
            assert post.type in COMPATIBLE[lite.type], (where, lite.type, post.type)
            assert post.notnull == lite.notnull, where
            given = any(lite.name in key[0] for key in sqlite_schema.foreign_keys[table])
            if sqlite_schema.primary_keys[table] == (lite.name,) and lite.type == "INTEGER" and not given:
                # SQLite's rowid alias, numbered by the database (item_signatures.item_id is an item's)
                assert post.default == "identity" and post.type == "bigint", where
            elif lite.default is None:
                assert post.default is None, where
            else:
                assert post.default is not None and re.sub(r"::[a-z ]+$", "", post.default) == lite.default, where


def test_the_search_column_is_generated_tsvector(migrated: psycopg.Connection) -> None:
    row = migrated.execute("""SELECT data_type, is_generated FROM information_schema.columns
                              WHERE table_name = 'items' AND column_name = 'search'""").fetchone()
    assert row == ("tsvector", "ALWAYS")
    definition = migrated.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'items_search'").fetchone()
    assert definition is not None and "USING gin (search)" in definition[0]


def test_same_keys_and_foreign_keys(migrated: psycopg.Connection, sqlite_schema: Schema) -> None:
    pg = _pg_schema(migrated)
    for table in sqlite_schema.columns:
        assert pg.primary_keys.get(table) == sqlite_schema.primary_keys[table], table
        assert pg.foreign_keys.get(table, set()) == sqlite_schema.foreign_keys[table], table


def test_same_indexes(migrated: psycopg.Connection, sqlite_schema: Schema) -> None:
    pg = _pg_schema(migrated)
    for table, indexes in sqlite_schema.indexes.items():
        theirs = {k: v for k, v in pg.indexes.get(table, {}).items() if k not in PG_ONLY_INDEXES}
        assert theirs == indexes, table
    expression = migrated.execute(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'item_sightings_item_source'").fetchone()[0]
    assert "ifnull(guid, ''::text)" in expression  # as SQLite's: ON CONFLICT names it the same on both


def test_every_documented_table_and_column_exists(migrated: psycopg.Connection) -> None:
    pg = _pg_schema(migrated)
    for doc in TABLES:
        if doc.name == "items_fts":  # SQLite's FTS5 index: items.search here
            continue
        assert doc.name in pg.columns, doc.name
        assert set(doc.columns) <= {c.name for c in pg.columns[doc.name]}, doc.name


_WORKER = """
import json, sys
import psycopg
import storage.postgres.migrations as migrations

# Test-only migrations after the real ones: a CREATE TABLE applied twice fails, so each one
# proves that a single process applied it.
migrations.MIGRATIONS = migrations.MIGRATIONS + tuple(
    (f"9{n:03d}_concurrency", f"CREATE TABLE concurrency_{n} (x int); SELECT pg_sleep(0.05)") for n in range(3))
with psycopg.connect(sys.argv[1]) as conn:
    print("ready", flush=True)
    sys.stdin.readline()
    print(json.dumps(migrations.migrate(conn)), flush=True)
"""


def test_processes_migrating_at_once_apply_each_migration_once(postgres_url: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    workers = [subprocess.Popen([sys.executable, "-c", _WORKER, postgres_url], cwd=ROOT, env=env, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for _ in range(4)]
    try:
        for worker in workers:
            assert worker.stdout is not None and worker.stdout.readline() == "ready\n"
        with psycopg.connect(postgres_url, autocommit=True) as holder:
            # Hold the lock until all four wait on it, so that they really contend for it.
            holder.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
            for worker in workers:
                assert worker.stdin is not None
                worker.stdin.write("go\n")
                worker.stdin.flush()
            deadline = time.monotonic() + 30
            while holder.execute(ADVISORY.format("NOT granted")).fetchone() != (4,):
                assert time.monotonic() < deadline, "the workers never waited on the migration lock"
                time.sleep(0.05)
            holder.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_KEY])
        results = []
        for worker in workers:
            out, err = worker.communicate(timeout=60)
            assert worker.returncode == 0, err
            results.append(json.loads(out))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    expected = NAMES + [f"9{n:03d}_concurrency" for n in range(3)]
    assert sorted(map(len, results)) == [0, 0, 0, len(expected)], results
    assert [r for r in results if r] == [expected]
    with psycopg.connect(postgres_url) as conn:
        assert applied(conn) == expected
        assert migrate(conn) == []


def _source(conn: psycopg.Connection) -> None:
    conn.execute("""INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at)
                    VALUES ('wire', 'feed', 'https://example.org/feed', 600, '2022-01-10T17:30:00Z',
                            '2022-01-10T17:30:00Z')""")


def _item(conn: psycopg.Connection, title: str, summary: str = "", body: str = "") -> int:
    row = conn.execute(
        """INSERT INTO items (source, title, summary, body, first_seen_at, updated_at, content_hash)
           VALUES ('wire', %s, %s, %s, '2022-01-10T17:30:00Z', '2022-01-10T17:30:00Z', 'h') RETURNING id""",
        [title, summary, body]).fetchone()
    assert row is not None
    return int(row[0])


def _found(conn: psycopg.Connection, words: str) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT id FROM items WHERE search @@ plainto_tsquery('simple', %s) "
        "ORDER BY ts_rank(search, plainto_tsquery('simple', %s)) DESC, id", [words, words])]


def test_full_text_finds_an_item_by_a_word_of_its_body(migrated: psycopg.Connection) -> None:
    conn = migrated
    _source(conn)
    first = _item(conn, "Grain deal talks", body="Negotiators met in Istanbul on Friday.")
    second = _item(conn, "Istanbul summit", summary="Leaders gather.")
    assert _found(conn, "istanbul") == [second, first]  # a title outweighs a body
    assert _found(conn, "NEGOTIATORS") == [first]
    assert _found(conn, "negotiators friday") == [first]
    assert _found(conn, "negotiators leaders") == []
    conn.execute("UPDATE items SET body = 'Nobody met.' WHERE id = %s", [first])
    assert _found(conn, "negotiators") == []  # generated: follows every update
    conn.execute("SET enable_seqscan = off")  # a table this small is read whole otherwise
    plan = "\n".join(r[0] for r in conn.execute(
        "EXPLAIN SELECT id FROM items WHERE search @@ plainto_tsquery('simple', 'istanbul')"))
    assert "items_search" in plan


def test_group_concat_like_sqlite(migrated: psycopg.Connection) -> None:
    rows = "(VALUES (1, 'b'), (1, 'a'), (1, NULL), (1, 'b'), (2, NULL)) AS v(g, x)"

    def one(expression: str, group: int = 1) -> object:
        row = migrated.execute(f"SELECT {expression} FROM {rows} WHERE g = %s", [group]).fetchone()
        assert row is not None
        return row[0]

    assert sorted(str(one("group_concat(x)")).split(",")) == ["a", "b", "b"]
    assert sorted(str(one("group_concat(DISTINCT x)")).split(",")) == ["a", "b"]
    assert one("group_concat(DISTINCT x ORDER BY x)") == "a,b"
    assert one("group_concat(x, ' | ' ORDER BY x)") == "a | b | b"
    assert one("group_concat(DISTINCT x, chr(31))") in ("a\x1fb", "b\x1fa")
    assert one("group_concat(x, NULL ORDER BY x)") == "abb"
    assert one("group_concat(x)", 2) is None  # only NULLs
    assert one("group_concat(x)", 3) is None  # no rows
    assert migrated.execute(f"SELECT g, group_concat(x ORDER BY x) FROM {rows} GROUP BY g ORDER BY g"
                            ).fetchall() == [(1, "a,b,b"), (2, None)]
    assert one("group_concat(x ORDER BY x)::text || '|' || group_concat(g::text, '-')") == "a,b,b|1-1-1-1"


def test_group_concat_of_a_large_group(migrated: psycopg.Connection) -> None:
    row = migrated.execute(
        """SELECT group_concat(x ORDER BY n) = string_agg(x, ',' ORDER BY n),
                  group_concat(x, ';' ORDER BY n) = string_agg(x, ';' ORDER BY n),
                  length(group_concat(DISTINCT x))
           FROM (SELECT n, md5(n::text) AS x FROM generate_series(1, 5000) AS n) AS v""").fetchone()
    assert row == (True, True, 5000 * 33 - 1)


def test_ifnull_like_sqlite(migrated: psycopg.Connection) -> None:
    _source(migrated)
    item = _item(migrated, "t")
    migrated.execute("INSERT INTO item_signatures (item_id, minhash) VALUES (%s, '\\x00')", [item])
    assert migrated.execute("SELECT ifnull(shingles, 0), ifnull(NULL, 'x'), ifnull('y', 'x'), ifnull(NULL, 1.5) "
                            "FROM item_signatures").fetchone() == (0, "x", "y", 1.5)
    assert migrated.execute("SELECT ifnull(%s::text, '')", [None]).fetchone() == ("",)
    migrated.execute("DROP INDEX item_sightings_source_item")  # leave the planner the one index that fits all three
    plan = "\n".join(r[0] for r in migrated.execute(
        "EXPLAIN SELECT content_hash FROM item_sightings WHERE item_id = 1 AND source = 'wire' "
        "AND ifnull(guid, '') = ''"))
    assert "Index Cond: ((item_id = 1) AND (source = 'wire'::text) AND (COALESCE(guid, ''::text) = ''::text))" \
        in plan, plan  # ifnull inlined: the index's third column answers it


def test_migration_0005_keeps_the_band_rows_without_their_item_index(conn: psycopg.Connection, postgres_url: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.postgres.migrations as migrations
    from monitor.stories import signature

    before = NAMES.index("0005_lsh_bands_by_key_only")
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:before])
    migrate(conn)
    monkeypatch.undo()
    texts = [" ".join(f"w{(n * 7919 + k * 31) % 3000}" for k in range(80)) for n in range(3)]
    at = "2022-01-15T12:00:00Z"
    rows: list[tuple[int, int]] = []
    with conn.transaction():
        conn.execute("INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at) "
                     "VALUES ('desk', 'feed', 'https://news.example.org/feed', 900, %s, %s)", [at, at])
        for n, text in enumerate(texts, start=1):
            sig = signature(text)
            assert sig is not None
            conn.execute("INSERT INTO items (id, source, title, first_seen_at, updated_at, body, content_hash) "
                         "VALUES (%s, 'desk', %s, %s, %s, %s, %s)", [n, f"Story {n}", at, at, text, f"{n:064x}"])
            conn.execute("INSERT INTO stories (id, first_item_id, title, created_at, updated_at) "
                         "VALUES (%s, %s, %s, %s, %s)", [n, n, f"Story {n}", at, at])
            conn.execute("UPDATE items SET story_id = %s, story_reason = 'first' WHERE id = %s", [n, n])
            conn.execute("INSERT INTO item_signatures (item_id, minhash, shingles) VALUES (%s, %s, %s)",
                         [n, sig.to_bytes(), sig.shingles])
            if n <= 2:
                rows += [(key, n) for key in sig.band_keys()]
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO lsh_bands (key, item_id) VALUES (%s, %s)", rows)
    assert migrate(conn) == NAMES[before:]

    with conn.transaction():
        assert sorted(conn.execute("SELECT key, item_id FROM lsh_bands").fetchall()) == sorted(rows)
        assert [r[0] for r in conn.execute("SELECT item_id FROM lsh_banded ORDER BY item_id")] == [1, 2]
        assert [r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'lsh_bands'")] == \
            ["lsh_bands_pkey"]
        assert conn.execute("SELECT count(*) FROM pg_constraint WHERE conrelid = 'lsh_bands'::regclass "
                            "AND contype = 'f'").fetchone() == (0,)
    store = open_store(postgres_url)
    try:
        since = datetime(2022, 1, 14, tzinfo=timezone.utc)
        assert [c.item_id for c in store.story_candidates(100, signature(texts[1]), None, since)] == [2]
        assert store.story_candidates(100, signature(texts[2]), None, since) == []
        # found again by the keys of the stored signatures
        assert store.trim_bands(14 * 86400.0, since + timedelta(days=16)) == 128
        assert store.db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM lsh_banded").fetchone()[0] == 0
    finally:
        store.close()
