"""A process commits its ingest through one SQLite connection (jobs.ingest), which keeps a larger
page cache and its statement journals in memory (storage.db.connect(writer=True))."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import jobs.ingest
import storage.db
from monitor import daemon
from monitor.collect import Context
from monitor.config import load
from monitor.models import Config, Outcome
from storage import SQLiteStore
from storage.db import WRITER_CACHE_KIB

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk {n}</title>
<item><title>Report {n} from the border</title><link>https://news{n}.example.org/a</link>
<pubDate>Mon, 10 Jan 2022 09:00:00 +0000</pubDate><description>Desk {n} reports troop movements near
the border and talks planned in Geneva, where the delegations meet on Monday.</description></item>
</channel></rss>"""


def test_a_writer_connection_keeps_a_larger_page_cache_and_its_statement_journals_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    with SQLiteStore(path) as plain, SQLiteStore(path, migrate=False, writer=True) as writer:
        assert writer.execute("PRAGMA cache_size").fetchone()[0] == -WRITER_CACHE_KIB
        assert writer.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert plain.execute("PRAGMA cache_size").fetchone()[0] != -WRITER_CACHE_KIB
        assert plain.execute("PRAGMA temp_store").fetchone()[0] == 0  # SQLite's default


def _run_eight_desks(make_config, feed_server, monkeypatch: pytest.MonkeyPatch, *, workers: int,
                     before_commit: Callable[[object, Config], None]) -> Config:
    """run_once over eight one-item feeds, before_commit(store, config) called ahead of each run's
    commit; every run ends ok, and their eight items are stored."""
    sources = [{"name": f"desk{n}", "kind": "feed", "allow_private": True,
                "url": feed_server.add(f"/f{n}.xml", FEED.format(n=n), content_type="application/rss+xml")}
               for n in range(8)]
    config = load(make_config(sources, workers=workers, parse_processes=1))
    real_commit = jobs.ingest.commit

    def hooked_commit(store, collected, ctx):
        before_commit(store, config)
        return real_commit(store, collected, ctx)

    monkeypatch.setattr(jobs.ingest, "commit", hooked_commit)
    ctx = Context.build(config)
    try:
        records = daemon.run_once(config, ctx)
    finally:
        ctx.close()
    assert [record.outcome for record in records] == [Outcome.OK] * 8
    with sqlite3.connect(config.settings.database) as db:
        assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 8
        assert db.execute("SELECT count(*) FROM fetches WHERE outcome = 'ok'").fetchone()[0] == 8
    return config


def test_every_commit_of_a_run_goes_through_one_connection_closed_after_the_run(
        make_config, feed_server, monkeypatch: pytest.MonkeyPatch) -> None:
    committed: list[tuple[object, int]] = []

    def record(store: object, _config: Config) -> None:
        committed.append((store, threading.get_ident()))
        time.sleep(0.05)  # long enough for the other runs' commits to reach their own threads

    _run_eight_desks(make_config, feed_server, monkeypatch, workers=4, before_commit=record)
    assert len({thread for _, thread in committed}) >= 2, "the commits all ran on one thread: nothing shown"
    stores = {id(store) for store, _ in committed}
    assert len(stores) == 1
    writer = committed[0][0]
    with pytest.raises(Exception, match="closed"):  # the run is over: its connections are closed
        writer.execute("SELECT 1")  # type: ignore[attr-defined]


def test_a_run_once_checkpoints_its_write_ahead_log_while_it_runs(
        make_config, feed_server, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without checkpoints during the run, everything it wrote stayed in the write-ahead log until its
    # end: the database file was not written from the first commit to the last, and the log grew
    # with the square of the run's items (the band index's pages, written again by every commit).
    monkeypatch.setattr(storage.db, "CHECKPOINT_EVERY_SECONDS", 0.02)
    file_writes: list[int] = []  # the database file's modification time at each commit

    def record(_store: object, config: Config) -> None:
        file_writes.append(Path(config.settings.database).stat().st_mtime_ns)
        time.sleep(0.1)  # several checkpoint periods between two commits

    _run_eight_desks(make_config, feed_server, monkeypatch, workers=1, before_commit=record)
    assert len(file_writes) == 8
    assert file_writes[-1] > file_writes[0], "nothing was copied back into the database file during the run"
    assert not [t for t in threading.enumerate() if t.name == "wal-checkpoint"]  # stopped with the run


def test_a_run_once_closes_its_connections_on_a_reset_write_ahead_log(
        make_config, feed_server, monkeypatch: pytest.MonkeyPatch) -> None:
    # On ext4, the first descriptor closed on a file that was truncated to nothing and then written
    # again starts the writing out of all of it (auto_da_alloc): 0.15 s of waiting at the end of a
    # cold run of 5,000 items, for a log about to be reset. The run's connections close after it is.
    monkeypatch.setattr(storage.db, "WAL_LIMIT_BYTES", 0)  # every maintain() resets the log
    databases: set[str] = set()
    log_at_close: list[int] = []
    real_close_stores = jobs.ingest.close_stores

    def close_stores() -> None:
        (database,) = databases
        log_at_close.append(Path(database + "-wal").stat().st_size)
        real_close_stores()

    monkeypatch.setattr(jobs.ingest, "close_stores", close_stores)
    _run_eight_desks(make_config, feed_server, monkeypatch, workers=2,
                     before_commit=lambda _store, config: databases.add(str(config.settings.database)))
    assert log_at_close == [0]


def test_planning_a_run_of_an_unchanged_source_does_not_wait_for_the_writer(tmp_path: Path) -> None:
    # Every run first makes sure its source's row mirrors the config. Nearly always it does: that is
    # a read, which goes on while another connection holds the write lock (a long commit).
    from datetime import datetime, timezone

    from monitor.models import Source

    now = datetime(2022, 1, 10, tzinfo=timezone.utc)
    wire = Source("wire", "feed", "https://wire.example/feed.xml")
    path = tmp_path / "monitor.db"
    with SQLiteStore(path) as store:
        store.sync_sources([wire], now)
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another connection's commit in progress
        ensured = threading.Thread(target=store.ensure_source, args=(wire, now), daemon=True)
        try:
            ensured.start()
            ensured.join(2.0)
            assert not ensured.is_alive(), "ensure_source waited for the other connection's write lock"
        finally:
            writer.execute("ROLLBACK")
            writer.close()
            ensured.join(60)
        moved = Source("wire", "feed", "https://wire.example/rss")  # a changed config is still written
        store.ensure_source(moved, now)
        assert store.source_overview()[0].location == "https://wire.example/rss"


def test_the_alert_log_flush_marks_its_lines_through_the_writing_connection(make_config, feed_server) -> None:
    # The flush runs every 2 s while runs find new items; on a connection of its own, each of its
    # commits would empty the writing connection's page cache, and the next run's commit would read
    # its index pages back.
    from jobs.maintenance import flush_alerts

    url = feed_server.add("/desk.xml", FEED.format(n=1).replace("troop movements", "NATO troop movements"),
                          content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}], workers=2)
    config = load(path)
    SQLiteStore(config.settings.database).close()  # created and migrated, as the daemon's start does
    try:
        jobs.ingest.run_source(str(path), "desk", scheduled=False)  # a run on a store of its own: an alert, unlogged
        writer = jobs.ingest.with_writer(jobs.ingest.context_for(str(path)), lambda store: store)
        statements: list[str] = []
        writer.db.conn.set_trace_callback(statements.append)  # type: ignore[attr-defined]
        flush_alerts(str(path))
        assert any(s.startswith("UPDATE alerts SET logged_at") for s in statements), statements
        logged = config.settings.alert_log.read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["rule"] for line in logged] == ["NATO"]
        with sqlite3.connect(config.settings.database) as db:
            assert db.execute("SELECT count(*) FROM alerts WHERE logged_at IS NULL").fetchone()[0] == 0
        flush_alerts(str(path))  # nothing more to write: no line twice
        assert config.settings.alert_log.read_text(encoding="utf-8").splitlines() == logged
    finally:
        jobs.ingest.close_contexts()


def test_a_commit_does_not_wait_while_the_flush_waits_for_the_alert_log(make_config, feed_server) -> None:
    # The flush takes the writer's turn for its store calls alone: the alert log's lock (held here as
    # another process's flush would hold it) and its fsync come between them.
    from jobs.maintenance import flush_alerts
    from monitor import alerts as alert_log

    url = feed_server.add("/desk.xml", FEED.format(n=2).replace("troop movements", "NATO troop movements"),
                          content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}], workers=2)
    config = load(path)
    SQLiteStore(config.settings.database).close()
    ctx = jobs.ingest.context_for(str(path))
    try:
        jobs.ingest.run_source(str(path), "desk", scheduled=False)
        flushing = threading.Thread(target=flush_alerts, args=(str(path),), daemon=True)
        with alert_log.log_lock(config.settings.alert_log):
            flushing.start()
            time.sleep(0.3)  # the flush is now waiting for the alert log
            assert flushing.is_alive()
            committed = threading.Thread(target=jobs.ingest.with_writer,
                                         args=(ctx, lambda store: store.execute("SELECT count(*) FROM items")),
                                         daemon=True)
            committed.start()
            committed.join(5.0)
            assert not committed.is_alive(), "a step on the writing connection waited for the alert log"
        flushing.join(30)
        assert not flushing.is_alive()
        logged = config.settings.alert_log.read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["rule"] for line in logged] == ["NATO"]
    finally:
        jobs.ingest.close_contexts()


def test_ingest_of_many_targets_checkpoints_its_write_ahead_log_while_it_runs(
        make_config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `monitor ingest` writes target after target without the scheduler, as run --once does.
    import monitor.pipeline
    from monitor.cli import cli

    config = load(make_config([]))
    files = []
    for n in range(6):
        path = tmp_path / f"report{n}.txt"
        path.write_text(f"Report {n} from the border\n\nDesk {n} reports troop movements near the border "
                        "and talks planned in Geneva, where the delegations meet on Monday.", encoding="utf-8")
        files.append(str(path))
    monkeypatch.setattr(storage.db, "CHECKPOINT_EVERY_SECONDS", 0.02)
    file_writes: list[int] = []
    real_ingest = monitor.pipeline.ingest_target

    def recording_ingest(*args, **kwargs):  # type: ignore[no-untyped-def]
        file_writes.append(Path(config.settings.database).stat().st_mtime_ns)
        time.sleep(0.1)  # several checkpoint periods between two targets
        return real_ingest(*args, **kwargs)

    monkeypatch.setattr(monitor.pipeline, "ingest_target", recording_ingest)
    with pytest.raises(SystemExit) as ended:
        cli.main(["ingest", *files, "--config", str(config.path)])
    assert ended.value.code == 0
    assert len(file_writes) == 6
    assert file_writes[-1] > file_writes[1], "nothing was copied back into the database file during the run"
    assert not [t for t in threading.enumerate() if t.name == "wal-checkpoint"]
    with sqlite3.connect(config.settings.database) as db:
        assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 6


def test_prune_checkpoints_its_write_ahead_log_while_it_runs(make_config, monkeypatch: pytest.MonkeyPatch) -> None:
    # A first prune of a large store deletes in small transactions for minutes, without the daemon.
    from monitor.cli import cli

    config = load(make_config([]))
    checkpointing_during_prune: list[bool] = []
    real_prune = SQLiteStore.prune

    def recording_prune(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        checkpointing_during_prune.append(any(t.name == "wal-checkpoint" for t in threading.enumerate()))
        return real_prune(self, *args, **kwargs)

    monkeypatch.setattr(SQLiteStore, "prune", recording_prune)
    with pytest.raises(SystemExit) as ended:
        cli.main(["prune", "--config", str(config.path)])
    assert ended.value.code in (0, None)
    assert checkpointing_during_prune == [True]
    assert not [t for t in threading.enumerate() if t.name == "wal-checkpoint"]
