"""The schema, as explicit SQL, one migration per change; applied in order by storage.db.connect,
under a lock file beside the database, so processes that start together apply each one once.

Times are ISO 8601 UTC text ("2021-12-24T15:00:00Z"), so they sort and compare as strings.
The README's "Schema" section describes these tables for people who query them.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("monitor")


@MIGRATIONS(name="0001_initial")
def initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE sources (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            location TEXT NOT NULL,
            interval_seconds REAL NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1,
            in_config INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            url TEXT UNIQUE,
            guid TEXT,
            source TEXT NOT NULL REFERENCES sources(name),
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
            text_hash TEXT
        );
        CREATE INDEX items_content_hash ON items(content_hash);
        CREATE INDEX items_text_hash ON items(text_hash) WHERE text_hash IS NOT NULL;
        CREATE INDEX items_published_at ON items(published_at);
        CREATE INDEX items_first_seen_at ON items(first_seen_at);

        CREATE TABLE item_sightings (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            source TEXT NOT NULL REFERENCES sources(name),
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

        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL REFERENCES sources(name),
            location TEXT NOT NULL,
            started_at TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            http_status INTEGER,
            items_seen INTEGER NOT NULL DEFAULT 0,
            items_new INTEGER NOT NULL DEFAULT 0,
            items_updated INTEGER NOT NULL DEFAULT 0,
            items_duplicate INTEGER NOT NULL DEFAULT 0,
            alerts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            warning TEXT
        );
        CREATE INDEX fetches_source_started ON fetches(source, started_at);

        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            rule TEXT NOT NULL,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            terms TEXT NOT NULL,
            match_count INTEGER NOT NULL,
            hits TEXT NOT NULL,
            snippet TEXT NOT NULL,
            logged_at TEXT,
            acked_at TEXT
        );
        CREATE UNIQUE INDEX alerts_rule_item ON alerts(rule, item_id);
        CREATE INDEX alerts_created_at ON alerts(created_at);
        CREATE INDEX alerts_unlogged ON alerts(id) WHERE logged_at IS NULL;

        CREATE TABLE folder_files (
            source TEXT NOT NULL REFERENCES sources(name),
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            PRIMARY KEY (source, path)
        );
        """
    )
    db.table("items").enable_fts(["title", "summary", "body"], create_triggers=True,
                           tokenize="unicode61 remove_diacritics 2")


@MIGRATIONS(name="0002_fetch_state")
def fetch_state(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE sources ADD COLUMN effective_url TEXT;
        ALTER TABLE sources ADD COLUMN etag TEXT;
        ALTER TABLE sources ADD COLUMN last_modified TEXT;
        ALTER TABLE sources ADD COLUMN body_hash TEXT;
        ALTER TABLE sources ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sources ADD COLUMN last_outcome TEXT;
        ALTER TABLE sources ADD COLUMN last_error TEXT;
        ALTER TABLE sources ADD COLUMN last_attempt_at TEXT;
        ALTER TABLE sources ADD COLUMN last_success_at TEXT;
        ALTER TABLE sources ADD COLUMN next_fetch_at TEXT;
        ALTER TABLE sources ADD COLUMN gone_at TEXT;

        CREATE TABLE refused_links (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL REFERENCES sources(name),
            url TEXT NOT NULL,
            reason TEXT NOT NULL,
            refused_at TEXT NOT NULL
        );
        CREATE INDEX refused_links_source ON refused_links(source, refused_at);
        """
    )


@MIGRATIONS(name="0003_stories")
def stories(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            first_item_id INTEGER NOT NULL REFERENCES items(id),
            title TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        ALTER TABLE items ADD COLUMN story_id INTEGER REFERENCES stories(id);
        ALTER TABLE items ADD COLUMN story_reason TEXT;
        ALTER TABLE items ADD COLUMN story_similarity REAL;
        ALTER TABLE items ADD COLUMN title_key TEXT;
        CREATE INDEX items_story ON items(story_id);
        CREATE INDEX items_title_key ON items(title_key, first_seen_at);

        -- MinHash signature of each item's text, and one row per LSH band: the near-duplicate
        -- index lives here so it survives restarts and a lookup costs a few index probes.
        CREATE TABLE item_signatures (
            item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
            minhash BLOB NOT NULL
        );
        CREATE TABLE lsh_bands (
            key INTEGER NOT NULL,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            PRIMARY KEY (key, item_id)
        ) WITHOUT ROWID;

        CREATE TABLE item_revisions (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            replaced_at TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL
        );
        CREATE INDEX item_revisions_item ON item_revisions(item_id);

        ALTER TABLE alerts ADD COLUMN story_id INTEGER REFERENCES stories(id);
        ALTER TABLE alerts ADD COLUMN from_update INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE alerts ADD COLUMN earlier_alerts TEXT NOT NULL DEFAULT '[]';
        CREATE UNIQUE INDEX alerts_rule_story ON alerts(rule, story_id) WHERE story_id IS NOT NULL;
        """
    )
    # Items stored before stories existed become one story each.
    db.execute(
        """INSERT INTO stories (id, first_item_id, title, created_at, updated_at)
           SELECT id, id, title, first_seen_at, first_seen_at FROM items""")
    db.execute("UPDATE items SET story_id = id, story_reason = 'first'")
    db.execute("UPDATE alerts SET story_id = item_id")


@MIGRATIONS(name="0004_fts_update_only_on_text")
def fts_update_only_on_text(db: Database) -> None:
    # The trigger sqlite-utils made re-indexes an item on any update, a story assignment included:
    # that doubled the cost of storing an item. Re-index only when the indexed text changes.
    db.executescript(
        """
        DROP TRIGGER IF EXISTS items_au;
        CREATE TRIGGER items_au AFTER UPDATE OF title, summary, body ON items BEGIN
          INSERT INTO items_fts (items_fts, rowid, title, summary, body)
            VALUES ('delete', old.rowid, old.title, old.summary, old.body);
          INSERT INTO items_fts (rowid, title, summary, body) VALUES (new.rowid, new.title, new.summary, new.body);
        END;
        """
    )


@MIGRATIONS(name="0005_lsh_64_bands")
def lsh_64_bands(db: Database) -> None:
    # 32 bands × 4 rows missed heavily trimmed wire copies (similarity 0.3-0.45): re-band every
    # stored signature as 64 × 2, and keep 5-gram counts so containment can be estimated.
    from monitor.models import Signature

    db.execute("ALTER TABLE item_signatures ADD COLUMN shingles INTEGER")
    db.execute("DELETE FROM lsh_bands")
    for item_id, blob in db.execute("SELECT item_id, minhash FROM item_signatures").fetchall():
        keys = Signature.from_bytes(blob).band_keys()
        db.conn.executemany("INSERT OR IGNORE INTO lsh_bands (key, item_id) VALUES (?, ?)",
                            [(key, item_id) for key in keys])


@MIGRATIONS(name="0006_deliveries")
def deliveries(db: Database) -> None:
    # The notification outbox: a row per (alert, target), written in the alert's own transaction,
    # so a crash can delay a message but never lose one.
    db.executescript(
        """
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_attempt_at TEXT NOT NULL,
            delivered_at TEXT,
            UNIQUE (alert_id, target)
        );
        CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE delivered_at IS NULL;
        """
    )


@MIGRATIONS(name="0007_messages_spikes_silences")
def messages_spikes_silences(db: Database) -> None:
    # Folding (quiet hours, cool-downs, digests) makes one message out of several alerts, so what
    # is sent becomes its own row, written before the send: a crash after it repeats that very
    # message, with its key, never a recomposed one. A delivery row now says which message carried
    # it (message_id), or why it still waits (held). Spikes and silences are stored like alerts.
    db.executescript(
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            target TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            rules TEXT NOT NULL DEFAULT '[]',
            key TEXT,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_attempt_at TEXT NOT NULL,
            delivered_at TEXT
        );
        CREATE INDEX messages_due ON messages(next_attempt_at) WHERE delivered_at IS NULL;
        CREATE INDEX messages_target ON messages(target, kind, created_at);
        ALTER TABLE deliveries ADD COLUMN message_id INTEGER REFERENCES messages(id);
        ALTER TABLE deliveries ADD COLUMN held TEXT;
        ALTER TABLE deliveries ADD COLUMN dropped_at TEXT;
        CREATE INDEX deliveries_unsent ON deliveries(target, next_attempt_at)
            WHERE message_id IS NULL AND delivered_at IS NULL AND dropped_at IS NULL;
        CREATE TABLE spikes (
            id INTEGER PRIMARY KEY,
            rule TEXT NOT NULL,
            hour TEXT NOT NULL,
            count INTEGER NOT NULL,
            baseline REAL NOT NULL,
            p_value REAL NOT NULL,
            stories TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            UNIQUE (rule, hour)
        );
        CREATE TABLE silences (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            since TEXT NOT NULL,
            detail TEXT NOT NULL,
            raised_at TEXT NOT NULL,
            cleared_at TEXT
        );
        CREATE UNIQUE INDEX silences_open ON silences(source) WHERE cleared_at IS NULL;
        -- what the spike and silence checks read every few minutes, per rule and per source
        CREATE INDEX alerts_rule_created ON alerts(rule, created_at);
        CREATE INDEX item_sightings_source_seen ON item_sightings(source, first_seen_at);
        """
    )


@MIGRATIONS(name="0008_browse_indexes")
def browse_indexes(db: Database) -> None:
    # `monitor serve` opens fetches and messages newest first: without these, a table page of a
    # year-old store sorts a million rows per view (1.3 s at 1M fetches).
    db.executescript(
        """
        CREATE INDEX IF NOT EXISTS fetches_started ON fetches(started_at);
        CREATE INDEX IF NOT EXISTS messages_created ON messages(created_at);
        """
    )


@MIGRATIONS(name="0009_item_language")
def item_language(db: Database) -> None:
    # The language of each item (ISO 639-1, decided by monitor.language), for `monitor search
    # --lang` and the rules' `lang:` field. Items stored before this migration keep NULL: unknown.
    db.executescript(
        """
        ALTER TABLE items ADD COLUMN language TEXT;
        CREATE INDEX items_language ON items(language) WHERE language IS NOT NULL;
        """
    )


@MIGRATIONS(name="0010_retention", transactional=False)
def retention(db: Database) -> None:
    # Retention (storage.retention) deletes old items, fetches, revisions and LSH bands. A purged
    # item leaves one tombstone row per identity key (kind, key), so that seen again in a feed it
    # is a duplicate, not a new item and a new alert: one index probe per key, as for items.
    # Deleting items by id has to find their rows in every table that references them: lsh_bands
    # (keyed by band), alerts (keyed by rule) and stories (first_item_id) get an index on the item,
    # or each deleted item would scan them whole (a foreign key check or cascade per row).
    with db.atomic():
        db.executescript(
            """
            CREATE TABLE tombstones (
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                item_id INTEGER NOT NULL,
                purged_at TEXT NOT NULL,
                PRIMARY KEY (kind, key)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS lsh_bands_item ON lsh_bands(item_id);
            CREATE INDEX IF NOT EXISTS alerts_item ON alerts(item_id);
            CREATE INDEX IF NOT EXISTS stories_first_item ON stories(first_item_id);
            """
        )
    # Free pages go back to the file system in small steps (PRAGMA incremental_vacuum between
    # ingest batches, jobs.maintenance); the mode can only change by a VACUUM, outside a
    # transaction, once: the reason this migration is not transactional.
    if db.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        db.execute("VACUUM")


@MIGRATIONS(name="0011_sightings_by_source")
def sightings_by_source(db: Database) -> None:
    # `monitor sources` counts each source's items (distinct item_id of its sightings): through
    # (source, first_seen_at) that read every sighting's row and sorted the ids, 130 ms at 100k items;
    # (source, item_id) answers it from the index, in order (9 ms).
    db.execute("CREATE INDEX IF NOT EXISTS item_sightings_source_item ON item_sightings(source, item_id)")


@MIGRATIONS(name="0012_lsh_bands_by_key_only")
def lsh_bands_by_key_only(db: Database) -> None:
    # With a million items in the story window, lsh_bands holds 64 million rows, and its index on
    # the item (lsh_bands_item, from 0010) as many again: 2.4 KB per item, far more than SQLite's
    # cache holds, for each new item's 64 probes and 64 inserts to read from. Band rows are now
    # found by the keys recomputed from item_signatures (storage.stories.banded_keys); lsh_banded
    # lists which items have them, one small row per item. The foreign key goes with the index
    # (deleting an item would scan the whole table for its rows), so SQLite rebuilds the table,
    # rows in key order (70 s for 64 million rows in memory; the old pages go back to the file
    # system through maintenance's incremental vacuum).
    db.executescript(
        """
        CREATE TABLE lsh_banded (
            item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE
        );
        INSERT INTO lsh_banded (item_id) SELECT DISTINCT item_id FROM lsh_bands ORDER BY item_id;
        CREATE TABLE lsh_bands_new (
            key INTEGER NOT NULL,
            item_id INTEGER NOT NULL,
            PRIMARY KEY (key, item_id)
        ) WITHOUT ROWID;
        INSERT INTO lsh_bands_new (key, item_id) SELECT key, item_id FROM lsh_bands ORDER BY key, item_id;
        DROP TABLE lsh_bands;
        ALTER TABLE lsh_bands_new RENAME TO lsh_bands;
        """
    )


@MIGRATIONS(name="0013_fts_queue")
def fts_queue(db: Database) -> None:
    # FTS5 writes its pending terms out as a new index segment whenever a statement inside the
    # transaction opens a savepoint (its xSavepoint method), and an INSERT that fires a trigger
    # writing to the index opens one: every stored item cost its own segment, and the merges of
    # those, about half of the CPU of storing an item. New items now queue their id, and the store
    # indexes the queue in one statement just before its COMMIT (storage.sqlite), one segment per
    # transaction. An item still queued is not in the index yet: its update or deletion must not
    # touch the index, only the queue.
    db.executescript(
        """
        CREATE TABLE items_fts_pending (
            item_id INTEGER PRIMARY KEY
        );
        DROP TRIGGER IF EXISTS items_ai;
        CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN
          INSERT OR IGNORE INTO items_fts_pending (item_id) VALUES (new.rowid);
        END;
        DROP TRIGGER IF EXISTS items_au;
        CREATE TRIGGER items_au AFTER UPDATE OF title, summary, body ON items
          WHEN NOT EXISTS (SELECT 1 FROM items_fts_pending WHERE item_id = old.rowid) BEGIN
          INSERT INTO items_fts (items_fts, rowid, title, summary, body)
            VALUES ('delete', old.rowid, old.title, old.summary, old.body);
          INSERT INTO items_fts (rowid, title, summary, body) VALUES (new.rowid, new.title, new.summary, new.body);
        END;
        DROP TRIGGER IF EXISTS items_ad;
        CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
          INSERT INTO items_fts (items_fts, rowid, title, summary, body)
            SELECT 'delete', old.rowid, old.title, old.summary, old.body
             WHERE NOT EXISTS (SELECT 1 FROM items_fts_pending WHERE item_id = old.rowid);
          DELETE FROM items_fts_pending WHERE item_id = old.rowid;
        END;
        """
    )


@MIGRATIONS(name="0014_fts_automerge")
def fts_automerge(db: Database) -> None:
    # Every write transaction adds a segment to the full-text index, and FTS5 merges a level's
    # segments, inside the writer's COMMIT, once the level holds `automerge` of them (4 by default):
    # with a million items indexed, the merges that reach the large segments cost 20-30 ms a commit
    # for long runs of commits (bench_cluster.py, --days 1400: the index's share of a commit 0.87 ms
    # against 0.42 with 10,000 items; 0.49 against 0.36 with 16). Merging 16 at a time rewrites each
    # entry fewer times; a query reads a few more small segments between merges (the same search
    # times measured), and the daily prune's 'optimize' (SQLiteStore.compact) still merges them all.
    db.execute("INSERT INTO items_fts (items_fts, rank) VALUES ('automerge', 16)")
