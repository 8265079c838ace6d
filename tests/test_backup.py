"""`monitor backup PATH`: a consistent copy of the live store, taken by a real subprocess while a
writer thread ingests through the real pipeline; restored, it opens, passes its checks and holds
every item committed before the backup began."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from conftest import Route, run_monitor

ITEMS_PER_ROUND = 25


def _growing_feed(rounds: list[int]):
    """A feed handler whose every answer carries a new round of items (the counter in `rounds`)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        rounds[0] += 1
        k = rounds[0]
        when = format_datetime(datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc))
        entries = "".join(
            f"<item><title>Putin and the border, round {k} story {i}</title>"
            f"<link>http://news.example/{k}/{i}</link><guid>r{k}-s{i}</guid><pubDate>{when}</pubDate>"
            f"<description>Round {k}, story {i}: troops near the border; Putin spoke about talks number {k * 1000 + i}."
            f"</description></item>"
            for i in range(ITEMS_PER_ROUND))
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                f"<link>http://news.example/</link>{entries}</channel></rss>").encode()
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def _item_ids(database: Path) -> set[int]:
    conn = sqlite3.connect(database)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM items")}
    finally:
        conn.close()


def test_a_backup_taken_while_the_pipeline_writes_is_whole_and_restores(make_config, feed_server, open_monitor,
                                                                         tmp_path: Path) -> None:
    rounds = [0]
    feed_server.routes["/wire.xml"] = Route(handler=_growing_feed(rounds))
    config = make_config([{"name": "wire", "kind": "feed", "url": feed_server.url("/wire.xml"),
                           "interval": "1s", "allow_private": True}])
    database = tmp_path / "monitor.db"
    monitor = open_monitor(config)
    stop, errors, committed = threading.Event(), [], [0]

    def write() -> None:
        try:
            while not stop.is_set():
                record = monitor.ingest("wire", flush_log=False)
                assert record is not None and record.outcome.value == "ok", record
                committed[0] += 1
        except BaseException as exc:  # surfaced by the main thread
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        deadline = time.monotonic() + 60
        while committed[0] < 3 and time.monotonic() < deadline and not errors:
            time.sleep(0.05)
        assert committed[0] >= 3 and not errors, errors
        before = _item_ids(database)  # every item whose commit finished before the backup starts
        rounds_before = committed[0]
        done = run_monitor("backup", str(tmp_path / "backup.db"), "--config", str(config))
        assert done.code == 0, done.stderr
        assert "backed up" in done.stdout
        # The writer kept committing while the backup ran (or right after it started).
        deadline = time.monotonic() + 60
        while committed[0] < rounds_before + 2 and time.monotonic() < deadline and not errors:
            time.sleep(0.05)
    finally:
        stop.set()
        writer.join(timeout=120)
    assert not errors, errors
    assert committed[0] >= rounds_before + 2
    assert not list(tmp_path.glob(".backup.db*")), "the temporary file is left behind"
    assert not (tmp_path / "backup.db-wal").exists()

    # Restore as the README says: the backup copied over the database file of a stopped monitor.
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copyfile(tmp_path / "backup.db", restored / "monitor.db")
    conn = sqlite3.connect(restored / "monitor.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        backed_up = {row[0] for row in conn.execute("SELECT id FROM items")}
        assert before <= backed_up, f"{len(before - backed_up)} committed item(s) missing"
        assert len(backed_up) % ITEMS_PER_ROUND == 0  # whole documents only: no half-written commit
        orphans = {
            "alerts without their item": "SELECT count(*) FROM alerts WHERE item_id NOT IN (SELECT id FROM items)",
            "sightings without their item":
                "SELECT count(*) FROM item_sightings WHERE item_id NOT IN (SELECT id FROM items)",
            "items not in the full-text index":
                "SELECT count(*) FROM items WHERE id NOT IN (SELECT rowid FROM items_fts)",
        }
        for what, sql in orphans.items():
            assert conn.execute(sql).fetchone()[0] == 0, what
        # Every stored item matched the rule, and each alert came with its item in one commit.
        assert conn.execute("SELECT count(DISTINCT item_id) FROM alerts").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM item_sightings").fetchone()[0] == len(backed_up)
    finally:
        conn.close()
    restored_config = make_config.__class__(restored)([])
    search = run_monitor("search", "troops", "--json", "--config", str(restored_config))
    assert search.code == 0, search.stderr


def test_backup_refuses_an_existing_file_unless_forced(make_config, tmp_path: Path) -> None:
    config = make_config([])
    assert run_monitor("health", "--no-daemon", "--config", str(config)).code == 1  # no database yet
    missing = run_monitor("backup", str(tmp_path / "b.db"), "--config", str(config))
    assert missing.code == 1 and "no database at" in missing.stderr
    assert run_monitor("sources", "--config", str(config)).code == 0  # creates the database
    target = tmp_path / "b.db"
    target.write_text("keep me")
    refused = run_monitor("backup", str(target), "--config", str(config))
    assert refused.code == 1
    assert refused.stderr.strip().splitlines() == [f"Error: store: backup: {target} exists; --force replaces it"]
    assert target.read_text() == "keep me"
    forced = run_monitor("backup", str(target), "--force", "--config", str(config))
    assert forced.code == 0, forced.stderr
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, nothing beside it
    finally:
        conn.close()
    itself = run_monitor("backup", str(tmp_path / "monitor.db"), "--force", "--config", str(config))
    assert itself.code == 1 and "the database itself" in itself.stderr
