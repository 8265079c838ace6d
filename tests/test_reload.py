"""Reloading the running daemon's config (SIGHUP, `monitor reload`): sources start and stop, a run in
flight is not lost, a broken config is refused and the running one kept. A real daemon subprocess
against a real HTTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, Route, run_monitor
from test_daemon import _count, _wait_for

FEED = (ROOT / "samples/feeds/border-crisis.xml").read_bytes()


def test_reload_starts_and_stops_sources_without_losing_a_run_in_flight(make_config, feed_server,
                                                                          tmp_path: Path) -> None:
    slow_started: list[float] = []

    def slow_feed(handler) -> None:  # B's fetch is in flight when the reload removes B
        slow_started.append(time.monotonic())
        time.sleep(3)
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        handler.send_header("Content-Length", str(len(FEED)))
        handler.end_headers()
        handler.wfile.write(FEED)

    feed_server.add("/a.xml", FEED, content_type="application/rss+xml; charset=utf-8")
    feed_server.routes["/b.xml"] = Route(handler=slow_feed)
    feed_server.add("/c.xml", FEED.replace(b"<title>", b"<title>C: ", 1), content_type="application/rss+xml")
    source = {"kind": "feed", "interval": "1h", "allow_private": True}
    a = {"name": "a", "url": feed_server.url("/a.xml"), **source}
    b = {"name": "b", "url": feed_server.url("/b.xml"), **source}
    c = {"name": "c", "url": feed_server.url("/c.xml"), **source}
    config = make_config([a, b])
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db_path = tmp_path / "monitor.db"
    try:
        assert _wait_for(lambda: bool(slow_started)), "b's fetch should start"
        make_config([a, c])  # b removed, c added, while b's fetch is still being answered
        daemon.send_signal(signal.SIGHUP)
        assert _wait_for(lambda: _count(db_path, "SELECT count(*) FROM fetches WHERE source = 'c'") >= 1), \
            "c should run once the config is reloaded"
        assert _wait_for(lambda: _count(db_path, "SELECT count(*) FROM fetches WHERE source = 'b'") >= 1), \
            "b's run in flight should finish and be recorded"
        config.write_text(config.read_text(encoding="utf-8") + "\n[[sources]]\nname = 'broken'\n", encoding="utf-8")
        refused = run_monitor("reload", "--config", str(config))  # checks the file first: nothing sent
        assert refused.code == 2 and "broken" in refused.stderr
        daemon.send_signal(signal.SIGHUP)  # sent anyway: the daemon refuses it and keeps running
        time.sleep(2)
        make_config([a, c])
        asked = run_monitor("reload", "--config", str(config))
        assert asked.code == 0 and f"pid {daemon.pid}" in asked.stdout, asked.stderr
        time.sleep(2)
        assert daemon.poll() is None, "the daemon should still be running"
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            _, stderr = daemon.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            raise
    assert daemon.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert feed_server.hits("/b.xml") == 1  # never started again after the reload
    assert _count(db_path, "SELECT count(*) FROM fetches WHERE source = 'b' AND outcome = 'ok'") == 1
    assert _count(db_path, "SELECT count(*) FROM item_sightings WHERE source = 'b'") >= 6  # its items were stored
    assert "config reloaded started=c stopped=b" in stderr
    refusals = [line for line in stderr.splitlines() if "reload refused" in line]
    assert len(refusals) == 1 and "broken" in refusals[0]
    assert not (tmp_path / "monitor.db.pid").exists()


def test_reload_without_a_daemon_says_so(make_config, tmp_path: Path) -> None:
    config = make_config([])
    done = run_monitor("reload", "--config", str(config))
    assert done.code == 1 and "no daemon running" in done.stderr
