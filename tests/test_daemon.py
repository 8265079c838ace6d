"""The daemon as a real subprocess: ingests from a real HTTP server, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT


def _wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _count(db_path: Path, sql: str) -> int:
    if not db_path.exists():
        return 0
    try:
        db = sqlite3.connect(db_path, timeout=5)
        try:
            return db.execute(sql).fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0


def test_daemon_ingests_then_exits_0_on_sigterm(make_config, feed_server, tmp_path: Path) -> None:
    feed_url = feed_server.add("/feed.xml", (ROOT / "samples/feeds/border-crisis.xml").read_bytes(),
                               content_type="application/rss+xml; charset=utf-8")
    page_url = feed_server.add("/page.html", (ROOT / "samples/pages/geneva-talks.html").read_bytes(),
                               content_type="text/html; charset=utf-8")
    config = make_config([
        {"name": "feed", "kind": "feed", "url": feed_url, "interval": "2s", "allow_private": True},
        {"name": "page", "kind": "page", "url": page_url, "interval": "1h", "allow_private": True},
        {"name": "off", "kind": "feed", "url": feed_server.url("/never.xml"), "enabled": False},
    ])
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db_path = tmp_path / "monitor.db"
    try:
        assert _wait_for(lambda: _count(db_path, "SELECT count(*) FROM fetches WHERE source = 'feed'") >= 2), \
            "the feed job should run at start and again after its 2s interval"
        assert _wait_for(lambda: _count(db_path, "SELECT count(*) FROM fetches WHERE source = 'page'") >= 1)
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            _, stderr = daemon.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            raise
    assert daemon.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "outcome=ok" in stderr and "source=feed" in stderr and "daemon stopped" in stderr
    assert feed_server.hits("/never.xml") == 0
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 7  # 6 feed items + the page
    # The wire reprint in the feed is its own item, in the same story as the original.
    assert db.execute("SELECT count(*) FROM stories").fetchone()[0] == 6
    alerts = db.execute("SELECT count(*) FROM alerts").fetchone()[0]
    assert alerts > 0
    assert db.execute("SELECT count(*) FROM alerts WHERE logged_at IS NULL").fetchone()[0] == 0
    lines = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == alerts
    outcomes = {r[0] for r in db.execute("SELECT outcome FROM fetches")}
    assert outcomes <= {"ok", "not_modified", "unchanged"}


def test_sigint_also_stops_cleanly(make_config, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nA report from the border about NATO.\n")
    config = make_config([{"name": "a", "kind": "text", "path": str(article), "interval": "1h"}])
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: _count(tmp_path / "monitor.db", "SELECT count(*) FROM items") == 1)
    finally:
        daemon.send_signal(signal.SIGINT)
        _, stderr = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, stderr
    assert "signal=SIGINT" in stderr


def test_daemon_with_a_parse_pool_stops_cleanly_on_sigterm_to_its_group(make_config, feed_server,
                                                                         tmp_path: Path) -> None:
    body = (ROOT / "samples/feeds/border-crisis.xml").read_text(encoding="utf-8")
    sources = []
    for index in range(12):
        feed = body.replace("https://news.example.org/", f"https://site{index}.example.org/") \
                   .replace("https://wire.example.com/", f"https://wire{index}.example.com/") \
                   .replace('isPermaLink="false">', f'isPermaLink="false">{index}-') \
                   .replace("<item>\n      <title>", f"<item>\n      <title>Edition {index}: ")
        url = feed_server.add(f"/feed{index}.xml", feed, content_type="application/rss+xml")
        sources.append({"name": f"feed{index}", "kind": "feed", "url": url, "interval": "1h",
                        "allow_private": True})
    config = make_config(sources, parse_processes=2)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    db_path = tmp_path / "monitor.db"
    try:
        assert _wait_for(lambda: _count(db_path, "SELECT count(DISTINCT source) FROM fetches") == 12, timeout=60)
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)  # as systemd's default KillMode does: every process
        _, stderr = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 12 * 6
    # Twelve editions of the same six articles (own headlines, same text): five stories, since
    # the wire reprint in the sample feed carries its original's story.
    assert db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0] == 5
    assert {r[0] for r in db.execute("SELECT outcome FROM fetches")} == {"ok"}


def test_sigterm_during_slow_full_text_pages_stops_within_seconds(make_config, feed_server, tmp_path: Path) -> None:
    import threading

    from conftest import Route

    first_page = threading.Event()

    def slow_page(handler) -> None:  # each page takes 2 s: 30 of them would take a minute
        first_page.set()
        time.sleep(2.0)
        body = b"<html><body><article><p>" + b"A long article about the talks. " * 30 + b"</p></article></body></html>"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    items = []
    for n in range(30):
        feed_server.routes[f"/page/{n}"] = Route(handler=slow_page)
        items.append(f"<item><title>Story {n}</title><link>{feed_server.url(f'/page/{n}')}</link>"
                     f'<guid isPermaLink="false">s-{n}</guid><description>Teaser {n}.</description></item>')
    feed_url = feed_server.add("/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>S</title>'
                               + "".join(items) + "</channel></rss>", content_type="application/rss+xml")
    config = make_config([{"name": "slow", "kind": "feed", "url": feed_url, "full_text": True, "allow_private": True,
                           "interval": "1h"}])
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert first_page.wait(30), "the daemon should start fetching pages"
        stopped_at = time.monotonic()
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=30)
        took = time.monotonic() - stopped_at
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
    assert daemon.returncode == 0, stderr
    assert took < 10, f"stopped {took:.1f}s after SIGTERM"
    assert sum(feed_server.hits(f"/page/{n}") for n in range(30)) <= 2
    db = sqlite3.connect(tmp_path / "monitor.db")
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 0  # the document is not half stored
    assert db.execute("SELECT outcome FROM fetches WHERE source = 'slow'").fetchall() == [("skipped",)]
    body_hash = db.execute("SELECT body_hash FROM sources WHERE name = 'slow'").fetchone()[0]
    assert body_hash is None  # due again, as if never read
