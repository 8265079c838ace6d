"""Many slow sources at once: fetches that wait on their servers hold no thread each.

Forty feeds, each on a host of its own (a port of its own on 127.0.0.1: the politeness gate keys
hosts by host and port), each answering after 1.5 s. With two `workers` threads, the fetches are
still all in flight together, in `monitor run --once` and in the daemon, and the daemon's thread
count stays that of a few threads, not one per fetch.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import psutil
import pytest

from conftest import ROOT, run_monitor

FEEDS = 40
LATENCY = 1.5


class SlowFarm:
    """FEEDS servers on 127.0.0.1, each serving one small RSS feed after LATENCY seconds; counts the
    requests in flight at once, across all of them."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.most = 0
        self.served = 0
        self._lock = threading.Lock()
        self.servers = [ThreadingHTTPServer(("127.0.0.1", 0), self._handler()) for _ in range(FEEDS)]
        for server in self.servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        farm = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                with farm._lock:
                    farm.in_flight += 1
                    farm.most = max(farm.most, farm.in_flight)
                try:
                    time.sleep(LATENCY)
                    port = self.server.server_address[1]
                    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {port}</title>'
                            f"<item><title>Border report from desk {port}</title><link>http://127.0.0.1:{port}/a</link>"
                            f"<guid>desk-{port}</guid><description>Troops near the border, desk {port} says."
                            "</description></item></channel></rss>").encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                finally:
                    with farm._lock:
                        farm.in_flight -= 1
                        farm.served += 1

        return Handler

    def sources(self) -> list[dict]:
        return [{"name": f"desk-{n}", "kind": "feed", "url": f"http://127.0.0.1:{server.server_address[1]}/feed",
                 "interval": "1h", "allow_private": True} for n, server in enumerate(self.servers)]

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def farm() -> Iterator[SlowFarm]:
    slow = SlowFarm()
    try:
        yield slow
    finally:
        slow.close()


def _ok_runs(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM fetches WHERE outcome = 'ok'").fetchone()[0]


def test_run_once_fetches_slow_sources_together_with_two_workers(farm: SlowFarm, make_config, tmp_path: Path) -> None:
    config = make_config(farm.sources(), workers=2)
    done = run_monitor("run", "--once", "--config", str(config), timeout=120)
    assert done.code == 0, done.stderr
    assert _ok_runs(tmp_path / "monitor.db") == FEEDS
    # A fetch holding a worker thread would mean never more than 2 in flight.
    assert farm.most >= FEEDS // 2, farm.most


def test_daemon_waits_on_many_servers_with_few_threads(farm: SlowFarm, make_config, tmp_path: Path) -> None:
    config = make_config(farm.sources(), workers=2)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    env.pop("MONITOR_CONFIG", None)
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        process = psutil.Process(daemon.pid)
        threads_at_peak = 0
        deadline = time.monotonic() + 60
        while farm.served < FEEDS and time.monotonic() < deadline:
            if farm.in_flight >= FEEDS // 2:
                threads_at_peak = max(threads_at_peak, process.num_threads())
            time.sleep(0.05)
        assert farm.served == FEEDS, f"{farm.served} of {FEEDS} feeds were fetched within 60 s"
        assert farm.most >= FEEDS // 2, farm.most
        # The main thread, the scheduler's, the event loop's, its thread pool (workers + 4), the
        # maintenance and notification threads: about a dozen, however many fetches are waiting
        # (an IP literal needs no resolver thread).
        assert 0 < threads_at_peak <= 20, threads_at_peak
        # Forty small feeds are light parsing: no worker process was started for it (monitor.parse_pool).
        assert process.children() == []
        while _ok_runs(tmp_path / "monitor.db") < FEEDS and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _ok_runs(tmp_path / "monitor.db") == FEEDS
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            _, err = daemon.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            raise
    assert daemon.returncode == 0, err


def test_run_once_with_more_sources_than_it_starts_at_once_runs_each_in_order(make_config, feed_server,
                                                                               tmp_path: Path) -> None:
    # max_fetches 1: four runs started at once (Settings.runs_in_flight), the other eleven wait.
    sources = []
    for n in range(15):
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk {n}</title><item>'
                f"<title>Convoy report {n}</title><link>http://example.org/{n}</link><guid>desk-{n}</guid>"
                f"<description>Desk {n} counted trucks near the border.</description></item></channel></rss>")
        url = feed_server.add(f"/desk-{n}.xml", body.encode(), content_type="application/rss+xml")
        sources.append({"name": f"desk-{n:02d}", "kind": "feed", "url": url, "allow_private": True})
    config = make_config(sources, workers=1, max_fetches=1)
    done = run_monitor("run", "--once", "--config", str(config), timeout=120)
    assert done.code == 0, done.stderr
    rows = [line.split()[:3] for line in done.stdout.splitlines()[1:16]]
    assert rows == [[f"desk-{n:02d}", "ok", "1"] for n in range(15)], done.stdout
    assert _ok_runs(tmp_path / "monitor.db") == 15
