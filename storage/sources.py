"""The sources table: mirror the configured sources, and keep each one's fetch state."""

from __future__ import annotations

from datetime import datetime

from storage.sql import Db

from monitor.models import FolderFile, Refusal, Source, SourceOverview, SourceState, from_iso, iso


def sync(db: Db, sources: tuple[Source, ...] | list[Source], now: datetime) -> None:
    """Insert or update a row per configured source; rows no longer configured are kept, marked."""
    names = [s.name for s in sources]
    db.execute(
        f"UPDATE sources SET in_config = 0 WHERE name NOT IN ({','.join('?' * len(names))})"
        if names else "UPDATE sources SET in_config = 0", names)
    for source in sources:
        ensure(db, source, now)


def mirrors(db: Db, source: Source, in_config: bool = True) -> bool:
    """Whether the source has a row that mirrors its configuration (`ensure` would write nothing)."""
    return db.execute(
        """SELECT 1 FROM sources WHERE name = ? AND kind IS NOT DISTINCT FROM ? AND location IS NOT DISTINCT FROM ?
                  AND interval_seconds IS NOT DISTINCT FROM ? AND enabled IS NOT DISTINCT FROM ?
                  AND in_config IS NOT DISTINCT FROM ?""",
        [source.name, source.kind, source.location, source.interval, int(source.enabled), int(in_config)],
    ).fetchone() is not None


def ensure(db: Db, source: Source, now: datetime, in_config: bool = True) -> None:
    """Make sure a row exists for a source and mirrors its configuration."""
    db.execute(
        """INSERT INTO sources (name, kind, location, interval_seconds, enabled, in_config,
                                created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, location = excluded.location,
               interval_seconds = excluded.interval_seconds, enabled = excluded.enabled,
               in_config = excluded.in_config,
               updated_at = CASE WHEN sources.kind IS DISTINCT FROM excluded.kind
                                   OR sources.location IS DISTINCT FROM excluded.location
                                   OR sources.interval_seconds IS DISTINCT FROM excluded.interval_seconds
                                   OR sources.enabled IS DISTINCT FROM excluded.enabled
                                 THEN excluded.updated_at ELSE sources.updated_at END
           -- a row that already mirrors the config is not rewritten: every run ensures its source
           WHERE sources.kind IS DISTINCT FROM excluded.kind
              OR sources.location IS DISTINCT FROM excluded.location
              OR sources.interval_seconds IS DISTINCT FROM excluded.interval_seconds
              OR sources.enabled IS DISTINCT FROM excluded.enabled
              OR sources.in_config IS DISTINCT FROM excluded.in_config""",
        [source.name, source.kind, source.location, source.interval, int(source.enabled),
         int(in_config), iso(now), iso(now)],
    )


def overview(db: Db) -> list[SourceOverview]:
    """One row per source with its last fetch and item counts, for `monitor sources`."""
    return [SourceOverview(
        name=r["name"], kind=r["kind"], location=r["location"], effective_url=r["effective_url"],
        enabled=bool(r["enabled"]), in_config=bool(r["in_config"]), interval=r["interval_seconds"],
        consecutive_failures=r["consecutive_failures"] or 0, next_fetch_at=from_iso(r["next_fetch_at"]),
        last_success_at=from_iso(r["last_success_at"]), gone_at=from_iso(r["gone_at"]),
        last_fetch_at=from_iso(r["last_fetch"]), last_outcome=r["last_outcome"], last_status=r["last_status"],
        last_error=r["last_error"], items=r["items"]) for r in db.query(
        """SELECT s.name, s.kind, s.location, s.effective_url, s.enabled, s.in_config,
                  s.interval_seconds, s.consecutive_failures, s.next_fetch_at, s.last_success_at,
                  s.gone_at, f.started_at AS last_fetch, f.outcome AS last_outcome,
                  f.http_status AS last_status, f.error AS last_error,
                  (SELECT count(DISTINCT item_id) FROM item_sightings WHERE source = s.name) AS items
           FROM sources s
           LEFT JOIN fetches f ON f.id = (SELECT max(id) FROM fetches WHERE source = s.name)
           ORDER BY s.name""")]


def folder_files(db: Db, source: str) -> dict[str, tuple[int, int]]:
    """path → (size, mtime_ns) of the files a folder source has already ingested."""
    return {row[0]: (row[1], row[2]) for row in db.execute(
        "SELECT path, size, mtime_ns FROM folder_files WHERE source = ?", [source])}


def record_folder_file(db: Db, file: FolderFile, now: datetime) -> None:
    """Remember that a dropped file was ingested (or failed: it is not retried until it changes)."""
    db.execute(
        """INSERT INTO folder_files (source, path, size, mtime_ns, ingested_at, outcome)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(source, path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
               ingested_at = excluded.ingested_at, outcome = excluded.outcome""",
        [file.source, file.path, file.size, file.mtime_ns, iso(now), file.outcome])


def state(db: Db, name: str) -> SourceState:
    """The remembered fetch state of a source (defaults for one never fetched)."""
    # Every run reads it: the columns it needs as a tuple, not the whole row as a dict.
    row = db.execute(
        """SELECT effective_url, etag, last_modified, body_hash, consecutive_failures, last_outcome,
                  last_error, last_success_at, next_fetch_at, gone_at
           FROM sources WHERE name = ?""", [name]).fetchone()
    if row is None:
        return SourceState(name=name)
    (effective_url, etag, last_modified, body_hash, failures, last_outcome, last_error, last_success_at,
     next_fetch_at, gone_at) = row
    return SourceState(
        name=name, effective_url=effective_url, etag=etag, last_modified=last_modified, body_hash=body_hash,
        consecutive_failures=failures, last_outcome=last_outcome, last_error=last_error,
        last_success_at=from_iso(last_success_at), next_fetch_at=from_iso(next_fetch_at), gone_at=from_iso(gone_at),
    )


def save_state(db: Db, new: SourceState, attempted_at: datetime) -> None:
    """Write a source's fetch state after an attempt."""
    db.execute(
        """UPDATE sources SET effective_url = ?, etag = ?, last_modified = ?, body_hash = ?,
               consecutive_failures = ?, last_outcome = ?, last_error = ?, last_attempt_at = ?,
               last_success_at = ?, next_fetch_at = ?, gone_at = ?
           WHERE name = ?""",
        [new.effective_url, new.etag, new.last_modified, new.body_hash, new.consecutive_failures,
         new.last_outcome, new.last_error, iso(attempted_at), iso(new.last_success_at),
         iso(new.next_fetch_at), iso(new.gone_at), new.name])


def next_fetch_times(db: Db) -> dict[str, datetime]:
    """name → stored next fetch time, for the scheduler's first runs after a restart."""
    return {row[0]: when for row in db.execute("SELECT name, next_fetch_at FROM sources")
            if (when := from_iso(row[1])) is not None}


def record_refusal(db: Db, source: str, refusal: Refusal, now: datetime) -> None:
    """Remember a link from a feed that policy refused to fetch."""
    db.execute("INSERT INTO refused_links (source, url, reason, refused_at) VALUES (?, ?, ?, ?)",
               [source, refusal.url[:2000], refusal.reason, iso(now)])


def forget_validators(db: Db, name: str) -> None:
    """Drop a source's remembered location and validators, so its next fetch is unconditional."""
    db.execute("UPDATE sources SET effective_url = NULL, etag = NULL, last_modified = NULL, body_hash = NULL "
               "WHERE name = ?", [name])
