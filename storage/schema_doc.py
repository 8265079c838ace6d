"""What every table and column of the SQLite store holds, written down once.

The schema itself is storage.migrations (SQL, one migration per change); this module says what it
means: a title, what one row is, a description, and one line per column (units, formats, allowed
values, what NULL means). It is the one source for the README's "Schema" table (whose "one row per"
wording `TableDoc.row` repeats), for Datasette's metadata (`datasette_metadata`), and for the tests
that hold all three to the migrated database (tests/test_schema_doc.py): a column added by a
migration and not described here, or described here and not in the database, fails them.

Conventions in the descriptions: times are ISO 8601 UTC text to the second with a Z suffix
(2022-01-10T17:30:00Z), so they sort and compare as strings; "JSON" columns hold JSON text; flags
are INTEGER 0 or 1. Pure data and small functions: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_TIME = "ISO 8601 UTC, e.g. 2022-01-10T17:30:00Z"


@dataclass(frozen=True, slots=True)
class TableDoc:
    """One table: a short title, what one row is, a description, and every column described."""

    name: str
    title: str  # short human title, e.g. "Alerts"
    row: str  # what one row is: the README schema table's "one row per" cell, word for word
    description: str  # one or two sentences
    columns: dict[str, str]  # every column, in the table's order → one line: units, format, values, NULL


TABLES: tuple[TableDoc, ...] = (
    TableDoc(
        name="sources",
        title="Sources",
        row="configured source (rows of removed sources stay, `in_config = 0`)",
        description="Each configured source (feed, page, text file, sitemap, Telegram channel or drop folder) "
                    "mirrored from the config, "
                    "with the fetch state kept between runs: validators, failures, back-off and next run.",
        columns={
            "name": "Source name from the config (primary key); `manual` files what `monitor ingest` reads.",
            "kind": "Source kind: feed, page, text, sitemap, telegram or folder.",
            "location": "Configured http(s) URL, or absolute path of a file or folder.",
            "interval_seconds": "Time between two scheduled runs, in seconds.",
            "enabled": "1: run on its interval; 0: configured but never run (enabled = false).",
            "in_config": "1: still in the config; 0: removed from it (the row and its history are kept) "
                         "or the `manual` source.",
            "created_at": f"When the row was first written ({_TIME}).",
            "updated_at": f"When kind, location, interval or enabled last changed ({_TIME}).",
            "effective_url": "URL fetched instead of location after a permanent redirect (301/308); "
                             "NULL: location itself.",
            "etag": "ETag of the last successful response, sent back as If-None-Match; NULL: none.",
            "last_modified": "Last-Modified header of the last successful response, as the server wrote it "
                             "(an HTTP date, not ISO 8601), sent back as If-Modified-Since; NULL: none.",
            "body_hash": "SHA-256 (hex) of the last body fetched: the same body again is outcome unchanged; "
                         "NULL: none yet.",
            "consecutive_failures": "Failed attempts (error, refused) since the last success; 0 after one. "
                                    "Rate limits and 410 Gone do not count.",
            "last_outcome": "Outcome of the last attempt (as fetches.outcome; a skipped run leaves it); "
                            "NULL: never fetched.",
            "last_error": "Error of the last attempt, one line; NULL after a success.",
            "last_attempt_at": f"When the last attempt started ({_TIME}); NULL: never fetched.",
            "last_success_at": f"When the last successful fetch (ok, not_modified, unchanged) ended ({_TIME}); "
                               "NULL: none yet.",
            "next_fetch_at": f"When the scheduler runs it next, after interval, back-off or Retry-After ({_TIME}); "
                             "NULL: due at once.",
            "gone_at": f"When it first answered 410 Gone ({_TIME}); re-checked daily; NULL: not gone "
                       "(cleared by a success).",
        },
    ),
    TableDoc(
        name="stories",
        title="Stories",
        row="story (one or more items carrying it)",
        description="Items that carry the same story (URL variants, a feed teaser and its page, wire copies "
                    "reprinted by other outlets) share a story; alerts are raised once per rule and story.",
        columns={
            "id": "Story id (primary key); items.story_id points here.",
            "first_item_id": "The item that started the story (items.id).",
            "title": "Headline of the first item.",
            "created_at": f"When the story was started ({_TIME}).",
            "updated_at": f"When an item last joined it ({_TIME}).",
        },
    ),
    TableDoc(
        name="items",
        title="Items",
        row="article",
        description="One stored article, de-duplicated across sources and URL variants, with its cleaned text "
                    "and its place in a story; every delivery of it is in item_sightings.",
        columns={
            "id": "Item id (primary key; the same as the rowid, which items_fts indexes).",
            "url": "Canonical URL (unique); NULL: the article has none (a text file, a feed entry without a link).",
            "guid": "GUID of the delivery that stored it; NULL: none given.",
            "source": "Source it was first seen from (sources.name).",
            "title": "Headline, cleaned.",
            "author": "Author as the source gave it; NULL: none.",
            "publisher": "Publishing outlet as the source gave it; NULL: none.",
            "published_at": f"Publication time ({_TIME}); NULL: the source gave no date (none is invented).",
            "published_raw": "The date text exactly as the source wrote it; NULL: none.",
            "date_suspect": "Why published_at should not be trusted as is ('no time zone given; read as UTC', "
                            "'no time zone given; read as Europe/Kyiv time, its site's country's' (or "
                            "'its language's'), 'in the future', 'more than N days before first seen'), or why "
                            "it is NULL though "
                            "the source wrote a date ('date not understood; kept only in published_raw'; 'a "
                            "placeholder, no date (1970-01-01, 0001-01-01); kept only in published_raw'); "
                            "NULL: nothing suspect.",
            "first_seen_at": f"When it was first stored ({_TIME}).",
            "updated_at": f"When the stored version last changed: stored, updated or filled in ({_TIME}).",
            "summary": "Summary or teaser, plain text; empty string: none.",
            "body": "Article text, plain text; empty string: none.",
            "content_hash": "SHA-256 (hex) of the case-folded words of title, summary and body: "
                            "changes with any edit of words.",
            "text_hash": "SHA-256 (hex) of the article text alone (body, else summary); "
                         "NULL: under 30 words (Chinese or Japanese characters counted two to a word; "
                         "Thai, Lao, Tibetan, Myanmar or Khmer ones five), "
                         "too short to identify an article.",
            "story_id": "Its story (stories.id).",
            "story_reason": "How it joined its story: first (started it), near_duplicate, contained or title.",
            "story_similarity": "Score that placed it, 0-1: estimated Jaccard similarity (near_duplicate, title) "
                                "or containment (contained); NULL: first, or a title match of texts too short "
                                "to compare.",
            "title_key": "Headline reduced to case-folded words, wire prefixes and outlet suffix removed, "
                         "for same-headline matching (a Chinese or Japanese character is a word); NULL: under 4 words.",
            "language": "ISO 639-1 code of its language ('en', 'uk', 'pt'): the source's declaration checked "
                        "against the text; NULL: unknown (neither says, or stored before languages were kept).",
        },
    ),
    TableDoc(
        name="item_sightings",
        title="Item sightings",
        row="(item, source, GUID) an item was seen under",
        description="Every delivery of an item: which source gave it, under which GUID and URL, and when; "
                    "copies of a story are counted from these rows.",
        columns={
            "id": "Sighting id (primary key).",
            "item_id": "The item seen (items.id).",
            "source": "Source that delivered it (sources.name).",
            "guid": "GUID the source gave it (unique per source); NULL: none.",
            "url": "Canonical URL the source gave it; NULL: none.",
            "location": "Where it was read: the link, or the file path; NULL: unknown.",
            "content_hash": "content_hash of the version this source last delivered (as items.content_hash).",
            "first_seen_at": f"First delivery by this source under this GUID ({_TIME}).",
            "last_seen_at": f"Latest delivery ({_TIME}).",
        },
    ),
    TableDoc(
        name="fetches",
        title="Fetches",
        row="attempt to fetch a source",
        description="Every run of every source, whatever its outcome: what was fetched, how long it took, "
                    "what came of it and how many items it brought.",
        columns={
            "id": "Fetch id (primary key), in the order runs were recorded.",
            "source": "The source (sources.name).",
            "location": "URL or path read: the effective URL after a permanent redirect, else the configured one.",
            "started_at": f"When the run started ({_TIME}).",
            "duration_ms": "Run time in milliseconds: fetching, parsing and storing.",
            "outcome": "ok, not_modified (304), unchanged (same body as last time), error, refused (policy: scheme, "
                       "private address, robots.txt), rate_limited (429/503 with Retry-After), gone (410) or skipped "
                       "(interrupted by a stop; due again at once).",
            "http_status": "HTTP status of the response; NULL: a file, or no response.",
            "items_seen": "Items read in this run (new + updated + duplicate).",
            "items_new": "Items stored for the first time.",
            "items_updated": "Stored items whose text changed (the old version is in item_revisions).",
            "items_duplicate": "Items already stored (unchanged, or another source's copy).",
            "alerts": "Alerts raised by this run.",
            "error": "What went wrong, one line; NULL: nothing.",
            "warning": "Problems the run survived (a malformed feed, a refused link, a skipped item), "
                       "each once, with ' (×N)' after one that came N times, joined with '; ', at most 1000 "
                       "characters; NULL: none.",
        },
    ),
    TableDoc(
        name="item_revisions",
        title="Item revisions",
        row="earlier version of an updated item",
        description="When a source changes an article's text, the version it replaced is kept here; "
                    "the item itself shows the new one.",
        columns={
            "id": "Revision id (primary key), oldest first.",
            "item_id": "The updated item (items.id).",
            "source": "Source whose new version replaced this one.",
            "replaced_at": f"When this version was replaced ({_TIME}).",
            "title": "Headline as it was.",
            "summary": "Summary as it was; empty string: none.",
            "body": "Article text as it was; empty string: none.",
            "content_hash": "content_hash of this version (as items.content_hash).",
        },
    ),
    TableDoc(
        name="item_signatures",
        title="Item signatures",
        row="item with enough text to compare",
        description="The MinHash signature of an item's text (body, else summary), which near-duplicate and "
                    "containment scores are estimated from.",
        columns={
            "item_id": "The item (items.id; primary key).",
            "minhash": "MinHash signature: 128 little-endian uint32 values (512 bytes) over the text's word 5-grams.",
            "shingles": "Number of distinct word 5-grams the signature was made from (for containment); "
                        "NULL: stored before this was kept (read as unknown).",
        },
    ),
    TableDoc(
        name="lsh_bands",
        title="LSH bands",
        row="(band key, item): the near-duplicate index",
        description="Locality-sensitive hashing index of the signatures, 64 bands of 2 rows: items sharing a "
                    "band key are candidates of one story. Near-exact copies (similarity 0.9 or more) are not "
                    "indexed; the item they copied stands for them.",
        columns={
            "key": "Band key: 63-bit hash of the band number and its 2 signature values.",
            "item_id": "An item with this band (items.id). Not indexed: an item's rows are found by the keys "
                       "of its signature (item_signatures).",
        },
    ),
    TableDoc(
        name="lsh_banded",
        title="Banded items",
        row="item with rows in the near-duplicate index",
        description="The items that have LSH band rows (lsh_bands): those first seen within the story window, "
                    "less the near-exact copies.",
        columns={
            "item_id": "The item (items.id; primary key).",
        },
    ),
    TableDoc(
        name="tombstones",
        title="Tombstones",
        row="identity key of an item deleted by retention",
        description="What is left of an item retention deleted: one row per identity key, so that the item, "
                    "delivered again, is a duplicate rather than a new item with new alerts.",
        columns={
            "kind": "Which key: guid, url, content_hash or text_hash (the hashes only of texts long enough "
                    "to identify an article).",
            "key": "The key's value: a canonical URL, a SHA-256 hash, or for a GUID the source name, a newline "
                   "and the GUID (a GUID identifies an item within one source).",
            "item_id": "The deleted item's id (no longer in items).",
            "purged_at": f"When the item was deleted ({_TIME}).",
        },
    ),
    TableDoc(
        name="deliveries",
        title="Deliveries",
        row="(alert, target)",
        description="The notification outbox: each alert for each notification target that takes it, "
                    "written with the alert, then carried by a message, held, or dropped.",
        columns={
            "id": "Delivery id (primary key).",
            "alert_id": "The alert (alerts.id).",
            "target": "Notification target name from the config.",
            "created_at": f"When the alert was queued for the target ({_TIME}).",
            "attempts": "Send attempts of the message carrying it.",
            "last_error": "Error of the last failed send; NULL after a success, or none yet.",
            "next_attempt_at": f"When the planner looks at it again; while held, the end of the hold ({_TIME}).",
            "delivered_at": f"When the message carrying it was delivered ({_TIME}); NULL: not yet.",
            "message_id": "The message that carries it (messages.id); NULL: not yet planned.",
            "held": "Why it waits: 'quiet hours until …', 'cool-down until …', 'digest at …', "
                    "'fewer than N copies', 'no such target in the config'; 'fewer copies than min_copies' "
                    "once dropped; NULL: not held (or carried by a message).",
            "dropped_at": f"When it was given up because its story never reached the target's min_copies "
                          f"within 2 days ({_TIME}); NULL: not dropped.",
        },
    ),
    TableDoc(
        name="messages",
        title="Messages",
        row="message queued for a target",
        description="What is sent to a notification target: one alert, several folded together, a digest, "
                    "a spike, or a silence and its end; written before the send, so a retry repeats this very "
                    "message with its idempotency key.",
        columns={
            "id": "Message id (primary key).",
            "target": "Notification target name from the config.",
            "kind": "alert (one alert), alerts (several folded into one: after quiet hours, in a cool-down, "
                    "a burst), digest, spike, silence or recovered (a silence cleared).",
            "title": "Message title, plain text.",
            "body": "Message body, Markdown.",
            "rules": "JSON list of the rule names it speaks for (their cool-down starts with it); [] for silences.",
            "key": "Idempotency key sent with it: alert-<alert id>-<target> for a single alert, "
                   "else message-<id>.",
            "created_at": f"When it was queued ({_TIME}).",
            "attempts": "Send attempts so far.",
            "last_error": "Error of the last failed attempt; NULL after a success, or none yet.",
            "next_attempt_at": f"When it is due: now, the end of quiet hours, or the next retry ({_TIME}).",
            "delivered_at": f"When it was delivered ({_TIME}); NULL: not yet.",
        },
    ),
    TableDoc(
        name="spikes",
        title="Spikes",
        row="(rule, hour) with a spike",
        description="Hours in which a rule matched improbably many stories against its own past "
                    "(a Poisson model learned from the same hour of day over the previous 14 days).",
        columns={
            "id": "Spike id (primary key).",
            "rule": "Rule name from the config.",
            "hour": "Start of the UTC hour judged (ISO 8601 UTC, e.g. 2022-01-10T17:00:00Z).",
            "count": "Stories the rule alerted on in that hour.",
            "baseline": "Expected number of stories for that hour (the Poisson mean).",
            "p_value": "Probability of at least count stories given the baseline.",
            "stories": "JSON list of up to 5 of the hour's stories, most copies first: "
                       "objects with story_id, title, url, copies.",
            "created_at": f"When the spike was raised ({_TIME}).",
        },
    ),
    TableDoc(
        name="silences",
        title="Silences",
        row="time a source went quiet or kept failing",
        description="A source that stopped delivering new items for longer than its usual cadence, or whose "
                    "every fetch has failed for hours; at most one open per source.",
        columns={
            "id": "Silence id (primary key).",
            "source": "The source (sources.name).",
            "reason": "quiet (no new item for longer than usual) or failing (every fetch failed).",
            "since": f"quiet: its last new item; failing: its first failed fetch of the run ({_TIME}).",
            "detail": "One plain line for the message, e.g. how long and the usual cadence.",
            "raised_at": f"When the silence was raised ({_TIME}).",
            "cleared_at": f"When it came back: a new item (quiet) or a successful fetch (failing) ({_TIME}); "
                          "NULL: still silent.",
        },
    ),
    TableDoc(
        name="alerts",
        title="Alerts",
        row="(rule, story)",
        description="A rule that matched a story, raised by the story's first matching item (or by an update of "
                    "an item), with the words that matched and where.",
        columns={
            "id": "Alert id (primary key).",
            "rule": "Rule name from the config.",
            "item_id": "The item that raised it (items.id).",
            "created_at": f"When it was raised ({_TIME}).",
            "terms": "JSON list of the rule terms that matched, in order of first hit.",
            "match_count": "Number of hits; hits keeps at most 50 per field.",
            "hits": "JSON list of objects term, field (title, summary, body, author, source), start, end, text: "
                    "substr(field, start + 1, end - start) is the matched text.",
            "snippet": "Plain-text passage around the first hit (snippet_chars long), … where cut.",
            "logged_at": f"When it was appended to the alert log (the alert_log JSON Lines file) ({_TIME}); "
                         "NULL: not yet.",
            "acked_at": f"When it was marked reviewed (monitor alerts ack) ({_TIME}); NULL: unreviewed.",
            "story_id": "The story it is about (stories.id).",
            "from_update": "1: raised by an updated version of an item already stored; 0: by a new item.",
            "earlier_alerts": "JSON list of the ids of the item's earlier alerts (when from_update); else [].",
        },
    ),
    TableDoc(
        name="refused_links",
        title="Refused links",
        row="link that policy refused to fetch (scheme, private address, robots.txt)",
        description="Links a source gave (or its own URL) that were not fetched by policy (a scheme other than "
                    "http(s), no host, a private or local address, the site's robots.txt), and dropped files "
                    "a folder source refused.",
        columns={
            "id": "Refusal id (primary key).",
            "source": "The source that gave the link (sources.name).",
            "url": "The refused link, or the dropped file's path; at most 2000 characters.",
            "reason": "Why, one line, e.g. a scheme that is not fetched, a host resolving to a private address, or "
                      "robots.txt disallowing it.",
            "refused_at": f"Start of the fetch that refused it ({_TIME}).",
        },
    ),
    TableDoc(
        name="folder_files",
        title="Folder files",
        row="file a folder source ingested",
        description="Files a folder source has read, so each is read once: a file is read again only when its "
                    "size or modification time changes.",
        columns={
            "source": "The folder source (sources.name); primary key with path.",
            "path": "The file's path: the folder's path joined with the file name (links not resolved).",
            "size": "File size in bytes when read.",
            "mtime_ns": "File modification time when read, nanoseconds since the Unix epoch.",
            "ingested_at": f"When it was read ({_TIME}).",
            "outcome": "ok, error (could not be read or parsed; not retried until it changes) "
                       "or refused (a link outside the folder, not a regular file).",
        },
    ),
    TableDoc(
        name="items_fts",
        title="Items full-text index",
        row="item (FTS5 index)",
        description="SQLite FTS5 index of items' title, summary and body (external content: items, rowid = "
                    "items.id), tokenizer unicode61 without diacritics; kept current by triggers. A new item "
                    "is indexed when its transaction commits: it waits in items_fts_pending (its id) until the "
                    "writer's last statement before COMMIT indexes the lot, one FTS5 segment per transaction "
                    "rather than one per item; an item another program inserts waits there until the store's "
                    "next write or maintenance.",
        columns={
            "title": "Indexed items.title.",
            "summary": "Indexed items.summary.",
            "body": "Indexed items.body.",
        },
    ),
)

_BY_NAME: dict[str, TableDoc] = {doc.name: doc for doc in TABLES}

# Datasette's default order is the primary key; these tables read best newest first.
SORT_DESC: dict[str, str] = {"alerts": "created_at", "fetches": "started_at", "messages": "created_at"}


def table(name: str) -> TableDoc:
    """The documentation of a table; KeyError for a table that is not documented."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no documented table {name!r} (known: {', '.join(_BY_NAME)})") from None


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette 0.65 metadata (`datasette monitor.db --metadata metadata.json`) for the database
    named `database` (the file name without .db): a title, description and column descriptions for
    every table, newest first where SORT_DESC says so.

    items gets `fts_table` and `fts_pk` spelled out, although Datasette finds items_fts by itself
    (it is declared with content="items") and `fts_pk` defaults to rowid, which items.id is: the
    link between the two then does not depend on detection. `searchmode` is left to Datasette's
    default, escaped: a search box takes words, as `monitor search` does, and `?_searchmode=raw`
    gives FTS5 operators where wanted, as `--raw` does; raw by default would turn a stray quote
    or hyphen into an error page.
    """
    tables: dict[str, dict[str, Any]] = {}
    for doc in TABLES:
        entry: dict[str, Any] = {"title": doc.title, "description": doc.description, "columns": dict(doc.columns)}
        if doc.name in SORT_DESC:
            entry["sort_desc"] = SORT_DESC[doc.name]
        if doc.name == "items":
            entry["fts_table"] = "items_fts"
            entry["fts_pk"] = "id"
        tables[doc.name] = entry
    return {"databases": {database: {"tables": tables}}}
