"""The PostgreSQL schema, as explicit SQL, one migration per change; applied in order by `migrate`,
under a PostgreSQL advisory lock, so processes that start together (on one machine or several)
apply each one once.

0001_initial is the SQLite store's schema after all of its migrations (storage.migrations,
0001..0010), table for table, column for column and index for index, so that one documentation
(storage.schema_doc) and the store's shared SQL hold for both. The differences:

- INTEGER PRIMARY KEY is an identity column; other integers are BIGINT (SQLite's INTEGER is 64-bit),
  the 0/1 flags (enabled, in_config, from_update) INTEGER: still 0 or 1, not booleans, so
  `enabled = 1` reads the same on both. REAL is DOUBLE PRECISION, BLOB is BYTEA.
- Times stay ISO 8601 UTC text ("2021-12-24T15:00:00Z"), so they sort and compare as strings, as
  in SQLite.
- Instead of the FTS5 table items_fts (and its triggers), items has a generated column `search`
  (tsvector: title weighted A, summary B, body C) with a GIN index, items_search. The text is
  folded by monitor_fold (storage.postgres.fold: lower case, accents off, as FTS5's
  remove_diacritics) before the 'simple' configuration splits it into words. That parser cuts
  text differently from unicode61: host names, URLs and e-mail addresses are tokens of their own
  (a search for "example" does not find example.org), hyphenated words are indexed both whole and
  in parts.
- Foreign keys are DEFERRABLE (still checked at each statement unless a transaction defers
  them): `monitor store copy` writes items and stories, which name each other, in one transaction.
- Compatibility functions, so SQL written for SQLite runs unchanged: the aggregates
  group_concat(text) and group_concat(text, separator), and ifnull(a, b).

The bookkeeping table is _monitor_migrations (name, applied_at).
"""

from __future__ import annotations

from datetime import datetime, timezone

import psycopg
from psycopg import pq

from monitor.models import iso
from storage.postgres import fold

# The key of the session-level advisory lock held while migrating: any fixed bigint that nothing
# else using the database takes; this one is "monitor" in ASCII (pg_locks shows it split in
# classid and objid).
MIGRATION_LOCK_KEY = 0x6D6F6E69746F72

_INITIAL = """
-- SQLite's ifnull and group_concat, so the store's shared SQL runs on both engines.
-- anycompatible rather than anyelement: ifnull(bigint_column, 0) has a BIGINT and an INTEGER
-- argument, which anyelement refuses and anycompatible resolves to BIGINT (as coalesce would).
-- A one-expression SQL function is inlined by the planner; the item_sightings_item_source index
-- is on ifnull(guid, ''), as in SQLite, so that ON CONFLICT (item_id, source, ifnull(guid, ''))
-- names it on both engines.
CREATE FUNCTION ifnull(value anycompatible, fallback anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS 'SELECT coalesce(value, fallback)';

-- group_concat as SQLite's: NULL values are skipped; NULL when there are none; the separator is
-- written before every value but the first (a NULL separator writes nothing).
-- One argument: the values are gathered by the built-in array_append, which extends its array in
-- place (linear time), and joined at the end.
CREATE FUNCTION _monitor_group_concat_final(parts text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT CASE WHEN cardinality(array_remove(parts, NULL)) > 0 THEN array_to_string(parts, ',') END$$;
CREATE AGGREGATE group_concat(text) (
    SFUNC = array_append, STYPE = text[], FINALFUNC = _monitor_group_concat_final,
    COMBINEFUNC = array_cat, PARALLEL = SAFE);

-- With a separator: no built-in function appends two values to an array, and only a superuser may
-- use string_agg's internal state, so the text is built by a SQL function, which copies it at every
-- row: fine for the groups the store makes (a story's sources), slow past some 10,000 rows a group.
CREATE FUNCTION _monitor_group_concat_step(state text, value text, separator text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT CASE WHEN value IS NULL THEN state
                     WHEN state IS NULL THEN value
                     ELSE state || coalesce(separator, '') || value END$$;
CREATE AGGREGATE group_concat(text, text) (
    SFUNC = _monitor_group_concat_step, STYPE = text, PARALLEL = SAFE);

CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    location TEXT NOT NULL,
    interval_seconds DOUBLE PRECISION NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    in_config INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    effective_url TEXT,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    consecutive_failures BIGINT NOT NULL DEFAULT 0,
    last_outcome TEXT,
    last_error TEXT,
    last_attempt_at TEXT,
    last_success_at TEXT,
    next_fetch_at TEXT,
    gone_at TEXT
);

-- items and stories refer to each other: story_id gets its foreign key once stories exists.
CREATE TABLE items (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    url TEXT UNIQUE,
    guid TEXT,
    source TEXT NOT NULL REFERENCES sources(name) DEFERRABLE,
    title TEXT NOT NULL,
    author TEXT,
    publisher TEXT,
    published_at TEXT,
    published_raw TEXT,
    date_suspect TEXT,
    first_seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL,
    text_hash TEXT,
    story_id BIGINT,
    story_reason TEXT,
    story_similarity DOUBLE PRECISION,
    title_key TEXT,
    language TEXT,
    -- What FTS5's items_fts indexed, kept current by PostgreSQL itself instead of triggers.
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', monitor_fold(coalesce(title, ''))), 'A') ||
        setweight(to_tsvector('simple', monitor_fold(coalesce(summary, ''))), 'B') ||
        setweight(to_tsvector('simple', monitor_fold(coalesce(body, ''))), 'C')) STORED
);
CREATE INDEX items_content_hash ON items(content_hash);
CREATE INDEX items_text_hash ON items(text_hash) WHERE text_hash IS NOT NULL;
CREATE INDEX items_published_at ON items(published_at);
CREATE INDEX items_first_seen_at ON items(first_seen_at);
CREATE INDEX items_story ON items(story_id);
CREATE INDEX items_title_key ON items(title_key, first_seen_at);
CREATE INDEX items_language ON items(language) WHERE language IS NOT NULL;
CREATE INDEX items_search ON items USING GIN (search);

CREATE TABLE stories (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    first_item_id BIGINT NOT NULL REFERENCES items(id) DEFERRABLE,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_first_item ON stories(first_item_id);
ALTER TABLE items ADD CONSTRAINT items_story_id_fkey FOREIGN KEY (story_id) REFERENCES stories(id) DEFERRABLE;

CREATE TABLE item_sightings (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE DEFERRABLE,
    source TEXT NOT NULL REFERENCES sources(name) DEFERRABLE,
    guid TEXT,
    url TEXT,
    location TEXT,
    content_hash TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE UNIQUE INDEX item_sightings_source_guid ON item_sightings(source, guid);
CREATE UNIQUE INDEX item_sightings_item_source ON item_sightings(item_id, source, ifnull(guid, ''));
CREATE INDEX item_sightings_url ON item_sightings(url);
CREATE INDEX item_sightings_source_seen ON item_sightings(source, first_seen_at);

CREATE TABLE fetches (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL REFERENCES sources(name) DEFERRABLE,
    location TEXT NOT NULL,
    started_at TEXT NOT NULL,
    duration_ms BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    http_status BIGINT,
    items_seen BIGINT NOT NULL DEFAULT 0,
    items_new BIGINT NOT NULL DEFAULT 0,
    items_updated BIGINT NOT NULL DEFAULT 0,
    items_duplicate BIGINT NOT NULL DEFAULT 0,
    alerts BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    warning TEXT
);
CREATE INDEX fetches_source_started ON fetches(source, started_at);
CREATE INDEX fetches_started ON fetches(started_at);

CREATE TABLE alerts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    rule TEXT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE DEFERRABLE,
    created_at TEXT NOT NULL,
    terms TEXT NOT NULL,
    match_count BIGINT NOT NULL,
    hits TEXT NOT NULL,
    snippet TEXT NOT NULL,
    logged_at TEXT,
    acked_at TEXT,
    story_id BIGINT REFERENCES stories(id) DEFERRABLE,
    from_update INTEGER NOT NULL DEFAULT 0,
    earlier_alerts TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX alerts_rule_item ON alerts(rule, item_id);
CREATE INDEX alerts_created_at ON alerts(created_at);
CREATE INDEX alerts_unlogged ON alerts(id) WHERE logged_at IS NULL;
CREATE UNIQUE INDEX alerts_rule_story ON alerts(rule, story_id) WHERE story_id IS NOT NULL;
CREATE INDEX alerts_rule_created ON alerts(rule, created_at);
CREATE INDEX alerts_item ON alerts(item_id);

CREATE TABLE folder_files (
    source TEXT NOT NULL REFERENCES sources(name) DEFERRABLE,
    path TEXT NOT NULL,
    size BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL,
    ingested_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (source, path)
);

CREATE TABLE refused_links (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL REFERENCES sources(name) DEFERRABLE,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    refused_at TEXT NOT NULL
);
CREATE INDEX refused_links_source ON refused_links(source, refused_at);

-- MinHash signature of each item's text, and one row per LSH band: the near-duplicate index
-- lives here so it survives restarts and a lookup costs a few index probes.
CREATE TABLE item_signatures (
    item_id BIGINT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE DEFERRABLE,
    minhash BYTEA NOT NULL,
    shingles BIGINT
);
CREATE TABLE lsh_bands (
    key BIGINT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE DEFERRABLE,
    PRIMARY KEY (key, item_id)
);
CREATE INDEX lsh_bands_item ON lsh_bands(item_id);

CREATE TABLE item_revisions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE DEFERRABLE,
    source TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE INDEX item_revisions_item ON item_revisions(item_id);

-- What is sent: one row per message, written before the send, so a crash after it repeats that
-- very message, with its key, never a recomposed one.
CREATE TABLE messages (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    rules TEXT NOT NULL DEFAULT '[]',
    key TEXT,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT
);
CREATE INDEX messages_due ON messages(next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX messages_target ON messages(target, kind, created_at);
CREATE INDEX messages_created ON messages(created_at);

-- The notification outbox: a row per (alert, target), written in the alert's own transaction,
-- so a crash can delay a message but never lose one.
CREATE TABLE deliveries (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    alert_id BIGINT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE DEFERRABLE,
    target TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT,
    message_id BIGINT REFERENCES messages(id) DEFERRABLE,
    held TEXT,
    dropped_at TEXT,
    UNIQUE (alert_id, target)
);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX deliveries_unsent ON deliveries(target, next_attempt_at)
    WHERE message_id IS NULL AND delivered_at IS NULL AND dropped_at IS NULL;

CREATE TABLE spikes (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    rule TEXT NOT NULL,
    hour TEXT NOT NULL,
    count BIGINT NOT NULL,
    baseline DOUBLE PRECISION NOT NULL,
    p_value DOUBLE PRECISION NOT NULL,
    stories TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    UNIQUE (rule, hour)
);

CREATE TABLE silences (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    since TEXT NOT NULL,
    detail TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    cleared_at TEXT
);
CREATE UNIQUE INDEX silences_open ON silences(source) WHERE cleared_at IS NULL;

-- A purged item leaves one row per identity key (kind, key), so that seen again in a feed it is
-- a duplicate, not a new item and a new alert.
CREATE TABLE tombstones (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    purged_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
"""

# The SQLite functions the canned queries (monitor/web/queries.py) and the README's example queries
# use, so they run on a PostgreSQL store as written: strftime with the formats and modifiers they
# use ('now' or an ISO time; '%Y-%m-%dT%H:%M:%SZ' and its parts; '-7 days'), round of a double,
# json_each of a JSON array (its elements' values, as text) and json_extract of a '$.key' path.
_SQLITE_FUNCTIONS = """
CREATE FUNCTION strftime(format text, at text, modifier text) RETURNS text LANGUAGE sql STABLE
    AS $f$SELECT to_char(((CASE WHEN at = 'now' THEN now() ELSE at::timestamptz END)
                          + coalesce(modifier, '0 seconds')::interval) AT TIME ZONE 'UTC',
                         replace(replace(replace(replace(replace(replace(replace(replace(format,
                             'T', '"T"'), 'Z', '"Z"'), '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'), '%H', 'HH24'),
                             '%M', 'MI'), '%S', 'SS'))$f$;
CREATE FUNCTION strftime(format text, at text) RETURNS text LANGUAGE sql STABLE
    AS $f$SELECT strftime(format, at, NULL)$f$;
CREATE FUNCTION round(value double precision, digits integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$SELECT round(value::numeric, digits)::double precision$f$;
CREATE FUNCTION json_each(document text) RETURNS TABLE (value text) LANGUAGE sql IMMUTABLE
    AS $f$SELECT CASE WHEN json_typeof(e) = 'string' THEN e #>> '{}' ELSE e::text END
          FROM json_array_elements(document::json) AS e$f$;
CREATE FUNCTION json_extract(document text, path text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $f$SELECT document::jsonb #>> string_to_array(regexp_replace(path, '^\\$\\.?', ''), '.')$f$;
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", fold.function_sql() + "\n" + _INITIAL),
    # SQLite's 0011: `monitor sources` counts each source's items from this index.
    ("0002_sightings_by_source",
     "CREATE INDEX IF NOT EXISTS item_sightings_source_item ON item_sightings(source, item_id);"),
    # Planner statistics early: a new store's tables grow by thousands of rows a minute, and until
    # their first ANALYZE the story lookup was planned as a merge join reading the whole band index
    # for every new item (bench_backends: 10.4 ms against 0.55 ms after ANALYZE, at 500 items).
    # Autovacuum analyzes after 1,000 changed rows plus 2% of the table, not 50 plus 10%.
    ("0003_analyze_early", "\n".join(
        f"ALTER TABLE {table} SET (autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);"
        for table in ("items", "item_sightings", "item_signatures", "lsh_bands", "stories", "alerts"))),
    ("0004_sqlite_functions", _SQLITE_FUNCTIONS),
    # SQLite's 0012: band rows are found by the keys recomputed from item_signatures, so lsh_bands
    # loses its index on the item (half its size) and with it the foreign key (a cascade would scan
    # the table for each deleted item); lsh_banded lists the items that have band rows.
    ("0005_lsh_bands_by_key_only", """
CREATE TABLE lsh_banded (
    item_id BIGINT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE DEFERRABLE
);
INSERT INTO lsh_banded (item_id) SELECT DISTINCT item_id FROM lsh_bands ORDER BY item_id;
ALTER TABLE lsh_banded SET (autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
DROP INDEX lsh_bands_item;
ALTER TABLE lsh_bands DROP CONSTRAINT lsh_bands_item_id_fkey;
"""),
)

_BOOKKEEPING = """CREATE TABLE IF NOT EXISTS _monitor_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""


def applied(conn: psycopg.Connection) -> list[str]:
    """The names of the migrations applied to the database, in order; [] for a new database."""
    with conn.transaction():
        if conn.execute("SELECT to_regclass('_monitor_migrations')").fetchone() == (None,):
            return []
        return [row[0] for row in conn.execute("SELECT name FROM _monitor_migrations ORDER BY name")]


def migrate(conn: psycopg.Connection) -> list[str]:
    """Apply the migrations the database lacks, each in its own transaction with its bookkeeping
    row; the names of those applied now, in order ([] when it was up to date).

    `conn` must not be inside a transaction: the advisory lock is held across several of them, and
    a migration committed only by the caller's later COMMIT would be invisible to the next process
    to take the lock, which would apply it again.
    """
    if conn.info.transaction_status != pq.TransactionStatus.IDLE:
        raise psycopg.ProgrammingError("migrate() needs a connection that is not inside a transaction")
    # Session-level, not transaction-level: it has to outlive each migration's transaction. Another
    # process blocks here until this one is done, then reads what was applied meanwhile; a process
    # that dies holding it releases it with its connection.
    with conn.transaction():
        conn.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
    try:
        with conn.transaction():
            conn.execute(_BOOKKEEPING)
        done = set(applied(conn))
        now: list[str] = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with conn.transaction():
                conn.execute(sql)
                conn.execute("INSERT INTO _monitor_migrations (name, applied_at) VALUES (%s, %s)",
                             [name, iso(datetime.now(timezone.utc))])
            now.append(name)
        return now
    finally:
        # A broken connection has lost the lock with its session already.
        if not conn.closed and conn.info.transaction_status == pq.TransactionStatus.IDLE:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_KEY])
