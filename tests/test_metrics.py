"""Prometheus metrics: a real daemon subprocess serves /metrics on 127.0.0.1, scraped with urllib;
without metrics_address it listens nowhere."""

from __future__ import annotations

import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from conftest import ROOT
from monitor import __version__
from monitor.config import load
from monitor.errors import ConfigError


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(config: Path, cwd: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stop(daemon: subprocess.Popen[str]) -> str:
    daemon.send_signal(signal.SIGTERM)
    try:
        _, stderr = daemon.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        daemon.communicate()
        raise
    return stderr


def _scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics: (name, sorted labels) → value; empty while nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain")
            text = response.read().decode("utf-8")
    except OSError:
        return {}
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def _value(samples: dict, name: str, **labels: str) -> float | None:
    return samples.get((name, tuple(sorted(labels.items()))))


def _config_with_targets(make_config, feed_server, port: int | None) -> Path:
    feed_url = feed_server.add("/feed.xml", (ROOT / "samples/feeds/border-crisis.xml").read_bytes(),
                               content_type="application/rss+xml; charset=utf-8")
    feed_server.add("/hook", b"ok")
    feed_server.add("/broken", b"down for maintenance", status=500)
    hook = feed_server.base.replace("http://", "json://")
    settings = {"metrics_address": f"127.0.0.1:{port}"} if port else {}
    path = make_config([{"name": "feed", "kind": "feed", "url": feed_url, "interval": "2s", "allow_private": True}],
                       **settings)
    path.write_text(path.read_text(encoding="utf-8")
                    + f'\n[[notify]]\nname = "hook"\nurls = ["{hook}/hook"]\n'
                    + f'\n[[notify]]\nname = "broken"\nurls = ["{hook}/broken"]\n', encoding="utf-8")
    return path


def test_daemon_serves_fetches_items_alerts_deliveries_store_size_and_lag(make_config, feed_server,
                                                                          tmp_path: Path) -> None:
    port = _free_port()
    daemon = _start(_config_with_targets(make_config, feed_server, port), tmp_path)
    try:
        deadline = time.monotonic() + 60
        samples: dict = {}
        # Two fetches of the feed (at start and 2 s later), their lags (observed once each job has
        # returned, just after its fetch is counted), and each target's first send.
        while time.monotonic() < deadline:
            samples = _scrape(port)
            if (_value(samples, "monitor_fetches_total", source="feed", outcome="ok") or 0) \
                    + (_value(samples, "monitor_fetches_total", source="feed", outcome="unchanged") or 0) >= 2 \
                    and (_value(samples, "monitor_schedule_lag_seconds_count") or 0) >= 2 \
                    and _value(samples, "monitor_deliveries_total", target="hook", outcome="sent") \
                    and _value(samples, "monitor_deliveries_total", target="broken", outcome="failed"):
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"the metrics never showed two fetches and both targets' sends: {samples}")
        if Path("/proc/self/fd").exists():  # what the off-by-default test looks at sees this port
            assert _listening_ports(daemon.pid) == {port}
    finally:
        stderr = _stop(daemon)
    assert daemon.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert f"metrics served url=http://127.0.0.1:{port}/metrics" in stderr
    assert "not on loopback" not in stderr

    assert _value(samples, "monitor_fetches_total", source="feed", outcome="ok") == 1  # then unchanged
    assert _value(samples, "monitor_items_total", source="feed", status="new") == 6
    assert _value(samples, "monitor_items_total", source="feed", status="updated") == 0
    assert _value(samples, "monitor_fetch_duration_seconds_count") >= 2
    assert _value(samples, "monitor_fetch_duration_seconds_sum") > 0
    assert _value(samples, "monitor_schedule_lag_seconds_count") >= 2  # one per fetch the scheduler started
    assert _value(samples, "monitor_schedule_lag_seconds_bucket", le="+Inf") >= 2
    assert _value(samples, "monitor_store_size_bytes", file="database") > 0
    assert _value(samples, "monitor_store_size_bytes", file="wal") is not None
    assert _value(samples, "monitor_up") == 1
    assert _value(samples, "monitor_build_info", version=__version__, python=platform.python_version()) == 1
    assert _value(samples, "process_resident_memory_bytes") > 0
    assert not any(name.endswith("_created") for name, _ in samples)

    db = sqlite3.connect(tmp_path / "monitor.db")
    by_rule = dict(db.execute("SELECT rule, count(*) FROM alerts GROUP BY rule").fetchall())
    assert len(by_rule) >= 3  # Putin, Donbas, NATO…: the feed raises several rules
    assert {rule: _value(samples, "monitor_alerts_total", rule=rule) for rule in by_rule} == by_rule
    sent = db.execute("SELECT count(*) FROM messages WHERE target = 'hook' AND delivered_at IS NOT NULL").fetchone()[0]
    assert _value(samples, "monitor_deliveries_total", target="hook", outcome="sent") == sent > 0
    assert _value(samples, "monitor_deliveries_total", target="broken", outcome="sent") is None


def _listening_ports(pid: int) -> set[int]:
    """TCP ports a process listens on: its sockets' inodes matched against /proc/net/tcp{,6} (Linux)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            columns = line.split()
            if columns[3] == "0A" and columns[9] in inodes:  # 0A: LISTEN
                ports.add(int(columns[1].rsplit(":", 1)[1], 16))
    return ports


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc (Linux)")
def test_metrics_are_off_by_default_nothing_listens(make_config, feed_server, tmp_path: Path) -> None:
    config = _config_with_targets(make_config, feed_server, None)
    assert load(config).settings.metrics_address is None
    daemon = _start(config, tmp_path)
    try:
        db_path = tmp_path / "monitor.db"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the daemon is up and working
            if db_path.exists() and sqlite3.connect(db_path).execute(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'fetches'").fetchone()[0] \
                    and sqlite3.connect(db_path).execute("SELECT count(*) FROM fetches").fetchone()[0]:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the daemon never fetched")
        assert _listening_ports(daemon.pid) == set()
    finally:
        stderr = _stop(daemon)
    assert daemon.returncode == 0, stderr
    assert "metrics served" not in stderr


def test_a_taken_port_is_a_config_error_before_any_fetch(make_config, feed_server, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = _config_with_targets(make_config, feed_server, port)
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        done = subprocess.run([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert f"config.toml: settings.metrics_address: cannot listen on 127.0.0.1:{port}" in done.stderr
    assert feed_server.hits("/feed.xml") == 0


@pytest.mark.parametrize("written, kept", [
    ("127.0.0.1:9464", "127.0.0.1:9464"),
    ("localhost:9464", "localhost:9464"),
    ("[::1]:09464", "[::1]:9464"),
    ("0.0.0.0:9464", "0.0.0.0:9464"),  # every interface: allowed when written, with a warning at start
])
def test_metrics_address_is_host_and_port(make_config, written: str, kept: str) -> None:
    assert load(make_config([], metrics_address=written)).settings.metrics_address == kept


@pytest.mark.parametrize("written", ["9464", ":9464", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536",
                                     "::1:9464", "localhost:http", ""])
def test_a_bad_metrics_address_is_a_config_error(make_config, written: str) -> None:
    with pytest.raises(ConfigError, match="settings.metrics_address: "):
        load(make_config([], metrics_address=written))


def test_nothing_is_counted_in_a_process_that_serves_no_metrics(make_config, feed_server, open_monitor) -> None:
    from monitor import metrics

    feed_url = feed_server.add("/feed.xml", (ROOT / "samples/feeds/border-crisis.xml").read_bytes(),
                               content_type="application/rss+xml; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "feed", "kind": "feed", "url": feed_url, "allow_private": True}]))
    record = monitor.ingest()
    assert record.items_new == 6 and record.alerts > 0
    assert not metrics.enabled()
    assert metrics.REGISTRY.get_sample_value("monitor_fetches_total", {"source": "feed", "outcome": "ok"}) is None
    assert metrics.REGISTRY.get_sample_value("monitor_items_total", {"source": "feed", "status": "new"}) is None
    assert metrics.REGISTRY.get_sample_value("monitor_store_size_bytes", {"file": "database"}) is None
