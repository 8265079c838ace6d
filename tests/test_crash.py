"""Crashes and concurrency with real processes and real files: processes that start together on a
fresh database, a write-ahead log kept bounded under constant readers, parse workers that end with
a daemon killed by SIGKILL, and a daemon killed over and over that still stores, alerts and logs
everything exactly once (bench/bench_kill.py, run small)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, run_monitor

# --- 1. migrations: N first starts at once ----------------------------------------------------


def test_first_starts_at_once_on_a_fresh_database_all_succeed(make_config, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    # Long enough (30 words) to be recognised by its text: the starts may each read it before any
    # of them stored it, and a short text without a URL has nothing else to be recognised by.
    article.write_text("Headline\n\nA report from the border about NATO. " + "Officials met again today. " * 8 + "\n",
                       encoding="utf-8")
    config = make_config([{"name": "a", "kind": "text", "path": str(article), "interval": "1h"}])
    starts = 6
    with ThreadPoolExecutor(max_workers=starts) as pool:
        done = list(pool.map(lambda _: run_monitor("--config", str(config), "run", "--once", cwd=tmp_path,
                                                   timeout=120), range(starts)))
    for result in done:
        assert result.code == 0, result.stderr
        assert "Error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    db = sqlite3.connect(tmp_path / "monitor.db")
    names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    from storage.migrations import MIGRATIONS

    assert names == [m.name for m in MIGRATIONS.pending(_empty_db())], "each migration applied once, in order"
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len((tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_new_stores_migrations_run_in_wal_mode_without_an_fsync_per_commit(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # synchronous = NORMAL, as every connection has it once set up: in WAL mode a power cut can take
    # back the last commits (a migration taken back is applied again), never corrupt the file.
    from storage import db as db_module
    from storage.migrations import MIGRATIONS

    seen: list[tuple[str, int]] = []
    apply = MIGRATIONS.apply

    def watched(db, **kwargs):
        seen.append((db.execute("PRAGMA journal_mode").fetchone()[0], db.execute("PRAGMA synchronous").fetchone()[0]))
        return apply(db, **kwargs)

    monkeypatch.setattr(MIGRATIONS, "apply", watched)
    db = db_module.connect(tmp_path / "new.db")
    assert seen == [("wal", 1)]  # 1: NORMAL (2, FULL, is SQLite's default)
    assert [m.name for m in MIGRATIONS.applied(db)] == [m.name for m in MIGRATIONS.pending(_empty_db())]


def _empty_db():  # a database with nothing applied, to list every migration through the public API
    from sqlite_utils import Database

    return Database(memory=True)


# --- 2. the write-ahead log stays bounded while readers never stop ----------------------------


def test_maintenance_keeps_the_wal_bounded_while_readers_never_stop(make_config, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.db
    from jobs.ingest import context_for, uninstall
    from jobs.maintenance import checkpoint_store

    limit = 512 * 1024
    monkeypatch.setattr(storage.db, "WAL_LIMIT_BYTES", limit)
    config = str(make_config([]))
    db_path = tmp_path / "monitor.db"
    writer = storage.db.connect(db_path)
    writer.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
    stop = threading.Event()
    reads = [0]

    def read() -> None:  # the daemon's jobs: short read transactions, one after another, all the time
        reader = sqlite3.connect(db_path, isolation_level=None)
        deadline = time.monotonic() + 60
        while not stop.is_set() and time.monotonic() < deadline:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM filler").fetchone()
            time.sleep(0.002)
            reader.execute("COMMIT")
            reads[0] += 1
        reader.close()

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    batch = 64 * 1024
    after_checkpoints: list[int] = []
    peak = 0
    try:
        for round_ in range(60):  # 60 × 64 KB written: 7.5 times the limit
            with storage.db.write_transaction(writer):
                writer.execute("INSERT INTO filler (data) VALUES (randomblob(?))", [batch])
            peak = max(peak, storage.db.wal_size(writer))
            if round_ % 4 == 3:
                checkpoint_store(config)  # the daemon's maintenance job
                after_checkpoints.append(storage.db.wal_size(writer))
    finally:
        stop.set()
        thread.join(timeout=10)
        uninstall(context_for(config))
        writer.close()
    assert reads[0] > 10, "the reader thread ran alongside"
    assert max(after_checkpoints) <= limit, after_checkpoints
    assert peak <= limit + 5 * (batch + 64 * 1024), (peak, after_checkpoints)
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM filler").fetchone()[0] == 60


def test_a_copy_back_beside_a_reader_leaves_the_log_file_for_later(tmp_path: Path) -> None:
    """maintain(reset_log=False), what `run --once` does beside its alert log's writing: the log's
    frames are in the database file afterwards, while another connection reads; the log file is
    reset by the next full maintain()."""
    import shutil

    from monitor.config import load
    from storage import open_store

    config_path = tmp_path / "config.toml"
    config_path.write_text(f'[settings]\ndatabase = "{tmp_path / "monitor.db"}"\n', encoding="utf-8")
    config = load(config_path)
    writer = open_store(config)
    reader = open_store(config, migrate=False)
    aside = open_store(config, migrate=False)
    try:
        with writer.transaction():
            writer.db.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
            for _ in range(200):
                writer.db.execute("INSERT INTO filler (data) VALUES (randomblob(4000))")
        wal = tmp_path / "monitor.db-wal"
        before = wal.stat().st_size
        with reader.transaction():  # a reader in the middle of its work does not stop it
            assert reader.db.execute("SELECT count(*) FROM filler").fetchone()[0] == 200
            aside.maintain(reset_log=False)
        assert wal.stat().st_size == before > 800_000
        shutil.copy(tmp_path / "monitor.db", tmp_path / "file-only.db")  # the database file without its log
        copied = sqlite3.connect(tmp_path / "file-only.db")
        assert copied.execute("SELECT count(*) FROM filler").fetchone()[0] == 200
        copied.close()
        aside.maintain()
    finally:
        for store in (writer, reader, aside):
            store.close()


def test_checkpointing_ends_with_the_whole_log_copied_back_when_asked(tmp_path: Path) -> None:
    """`run --once` asks the checkpoint thread for a last checkpoint as its run ends: everything the
    block wrote is in the database file when the block is over, sooner than the next period; the log
    file is left for the next full maintain()."""
    import shutil

    from monitor.config import load
    from storage import checkpointing, open_store

    config_path = tmp_path / "config.toml"
    config_path.write_text(f'[settings]\ndatabase = "{tmp_path / "monitor.db"}"\n', encoding="utf-8")
    config = load(config_path)
    writer = open_store(config)
    try:
        for asked, name in ((False, "kept"), (True, "copied")):
            with checkpointing(config) as checkpoints:  # a block far shorter than its period (2 s)
                with writer.transaction():
                    writer.db.execute(f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, data BLOB)")
                    for _ in range(100):
                        writer.db.execute(f"INSERT INTO {name} (data) VALUES (randomblob(4000))")
                if asked:
                    checkpoints.copy_back()
            shutil.copy(tmp_path / "monitor.db", tmp_path / f"{name}.db")  # the database file without its log
            copied = sqlite3.connect(tmp_path / f"{name}.db")
            tables = {row[0] for row in copied.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if asked:
                assert copied.execute("SELECT count(*) FROM copied").fetchone()[0] == 100
            else:
                assert "kept" not in tables  # still in the log alone: nothing was asked
            copied.close()
        assert (tmp_path / "monitor.db-wal").stat().st_size > 400_000  # not reset by the copy-back
    finally:
        writer.close()


def test_a_checkpoint_queues_with_the_writers_of_its_process(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Writers that hand the database to each other without a gap: a TRUNCATE that took its turn
    on their lock still resets the log each time, within its bounded wait."""
    import storage.db

    db_path = tmp_path / "busy.db"
    setup = storage.db.connect(db_path, migrate=False)
    setup.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
    setup.close()
    lock = threading.Lock()
    stop = threading.Event()
    written = [0, 0]

    def write(index: int) -> None:
        db = storage.db.connect(db_path, migrate=False)
        deadline = time.monotonic() + 60
        while not stop.is_set() and time.monotonic() < deadline and written[index] < 20_000:
            with storage.db.write_transaction(db, lock):
                for _ in range(20):
                    db.execute("INSERT INTO filler (data) VALUES (randomblob(4000))")
                db.execute("SELECT count(*) FROM filler").fetchone()
            written[index] += 1
        db.close()

    writers = [threading.Thread(target=write, args=(i,), daemon=True) for i in range(2)]
    for thread in writers:
        thread.start()
    checkpointer = storage.db.connect(db_path, migrate=False)
    caplog.set_level("WARNING", logger="storage.db")
    try:
        for _ in range(5):
            time.sleep(0.3)
            storage.db.checkpoint(checkpointer, wal_limit=0, lock=lock)
    finally:
        stop.set()
        for thread in writers:
            thread.join(timeout=30)
        checkpointer.close()
    assert all(written), written
    assert not [r.getMessage() for r in caplog.records if "checkpoint" in r.getMessage()]


# --- 3. parse workers end with their daemon ---------------------------------------------------


def _marked(marker: str) -> dict[int, str]:
    """Live processes whose environment carries the marker (the daemon and its children): pid → command line."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environ = handle.read()
            with open(f"/proc/{entry}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker.encode() in environ and state != b"Z":
            found[int(entry)] = command
    return found


def _workers(marker: str) -> list[int]:
    """The parse pool's worker processes (the resource tracker is started with the pool, workers later)."""
    return [pid for pid, command in _marked(marker).items() if "spawn_main" in command]


# Seconds after the daemon's start, or after its first parse worker appeared: a worker spends its
# first seconds importing (the daemon's modules, then its own) before its initializer runs.
@pytest.mark.parametrize("moment", [0.2, 0.5, 1.0, 2.0, "worker+0", "worker+0.5", "worker+1.5"])
def test_parse_workers_exit_soon_after_the_daemon_is_killed(moment: float | str, make_config,
                                                            feed_server, tmp_path: Path) -> None:
    body = (ROOT / "samples/feeds/border-crisis.xml").read_bytes()
    sources = [{"name": f"feed{i}", "kind": "feed", "url": feed_server.add(f"/feed{i}.xml", body,
                                                                          content_type="application/rss+xml"),
                "interval": "1h", "allow_private": True} for i in range(10)]
    config = make_config(sources, parse_processes=2)
    marker = uuid.uuid4().hex
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1", MONITOR_CRASH_TEST=marker)
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=tmp_path,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if isinstance(moment, str):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not _workers(marker):
                time.sleep(0.01)
            assert _workers(marker), "the daemon started a parse worker within 30 s"
            time.sleep(float(moment.split("+")[1]))
        else:
            time.sleep(moment)
        at_kill = _marked(marker)
    finally:
        daemon.kill()
        daemon.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _marked(marker):
        time.sleep(0.1)
    survivors = _marked(marker)
    for pid in survivors:  # do not leave them behind for the next tests
        os.kill(pid, signal.SIGKILL)
    assert not survivors, f"{len(survivors)} of the daemon's processes outlived it by 10 s: " \
                          f"{sorted(survivors.values())} ({len(at_kill) - 1} children at the kill)"



# --- 4. killed over and over, everything still exactly once -----------------------------------


def test_a_daemon_killed_five_times_stores_alerts_and_logs_everything_exactly_once(tmp_path: Path) -> None:
    """bench/bench_kill.py, small: 5 SIGKILLs (one while starting, most while jobs commit and the
    alert log is flushed), then `run --once` to completion; about 30 s."""
    out = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_kill.py"), "--kills", "5", "--seconds", "40",
                           "--seed", "11", "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.exists(), done.stdout + done.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    report = done.stdout
    assert figures["kills"] == 5, report
    assert figures["final_run_exit"] == 0, figures.get("final_run_stderr", report)
    assert figures["orphan_processes"] == 0, report
    assert figures["integrity_check"] == "ok", report
    # Every published entry is one sighting, every article one item, every story one story.
    assert figures["sightings_stored"] == figures["entries_published"], report
    assert figures["items_stored"] == figures["articles_published"], report
    for key in ("entries_missing", "entries_extra", "articles_split", "items_merged", "stories_split",
                "stories_merged"):
        assert figures[key] == 0, f"{key}: {report}"
    # One alert per (rule, story), each on exactly one line of the alert log.
    assert figures["alerts_stored"] == figures["alerts_expected"] > 0, report
    for key in ("alerts_missing", "alerts_extra", "alerts_duplicated", "alerts_unlogged", "log_ids_missing",
                "log_ids_unknown"):
        assert figures[key] == 0, f"{key}: {report}"
    assert figures["log_ids_duplicated"] == 0, f"alert ids logged twice: {report}"
    assert figures["log_lines"] == figures["alerts_stored"], report
    assert figures["ok"] and done.returncode == 0, report
