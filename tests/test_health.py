"""`monitor health` as a real subprocess: ok beside a running daemon, and exit 1 with a one-line
reason for each failed check (stale heartbeat, a source failing for days, a notification stuck in
the outbox, too little disk space)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import ROOT, run_monitor
from monitor.dates import utc_now
from monitor.models import PlannedMessage, SourceState, TargetPlan

SAMPLE = str(ROOT / "samples/feeds/border-crisis.xml")


@pytest.fixture
def quiet_config(make_config) -> Path:
    """A config whose one source reads a local sample, with a store already made by `run --once`."""
    config = make_config([{"name": "feed", "kind": "feed", "path": SAMPLE}])
    assert run_monitor("run", "--once", "--config", str(config)).code == 0
    return config


def _health(config: Path, *args: str):
    return run_monitor("health", "--config", str(config), *args)


def test_health_is_ok_beside_a_running_daemon_and_fails_once_its_heartbeat_is_stale(make_config,
                                                                                    tmp_path: Path) -> None:
    config = make_config([{"name": "feed", "kind": "feed", "path": SAMPLE}])
    heartbeat = tmp_path / "monitor.db.heartbeat"
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not heartbeat.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert heartbeat.exists(), "the daemon touches its heartbeat at start"
        done = _health(config)
        assert done.code == 0, done.stdout + done.stderr
        assert done.stdout.startswith("ok: store: ") and len(done.stdout.splitlines()) == 1
        for name in ("daemon: heartbeat", "sources:", "disk:", "notifications:"):
            assert name in done.stdout
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, stderr

    stale = time.time() - 900
    os.utime(heartbeat, (stale, stale))
    done = _health(config)
    assert done.code == 1
    line, = done.stdout.splitlines()
    # 900 s, give or take the rounding of a file time and a clock read apart: "15m" or "14m"/"899s"-like.
    assert re.fullmatch(r"daemon: heartbeat is (1[45]m|8\d\ds|9\d\ds) old \(limit 2m\)", line), line
    assert _health(config, "--max-age", "20m").code == 0
    assert _health(config, "--no-daemon").code == 0  # cron setups: no daemon to beat
    heartbeat.unlink()
    missing = _health(config)
    assert missing.code == 1 and missing.stdout.startswith("daemon: no heartbeat at ")


def test_a_source_failing_for_two_days_fails_the_check(quiet_config: Path, open_monitor) -> None:
    monitor = open_monitor(quiet_config)
    now = utc_now()
    monitor.db.save_source_state(SourceState(name="feed", consecutive_failures=40, last_outcome="error",
                                             last_error="fetch: HTTP 500", last_success_at=now - timedelta(days=2)),
                                 now)
    done = _health(quiet_config, "--no-daemon")
    assert done.code == 1
    line, = done.stdout.splitlines()
    assert line.startswith("sources: feed failing, no success since ") and line.endswith("(limit 1d)")
    assert _health(quiet_config, "--no-daemon", "--failing-for", "3d").code == 0


def test_a_source_failing_since_an_hour_is_still_healthy(quiet_config: Path, open_monitor) -> None:
    monitor = open_monitor(quiet_config)
    now = utc_now()
    monitor.db.save_source_state(SourceState(name="feed", consecutive_failures=2, last_outcome="error",
                                             last_success_at=now - timedelta(hours=1)), now)
    assert _health(quiet_config, "--no-daemon").code == 0


def test_a_notification_pending_longer_than_the_limit_fails_the_check(quiet_config: Path, open_monitor) -> None:
    monitor = open_monitor(quiet_config)
    now = utc_now()
    # Held for quiet hours (never tried, due tomorrow): waiting by design, not piling up.
    monitor.db.queue_plan(TargetPlan(messages=(PlannedMessage(
        target="ops", kind="digest", title="held", body="b", not_before=now + timedelta(hours=20)),)),
        now - timedelta(hours=3))
    assert _health(quiet_config, "--no-daemon").code == 0
    monitor.db.queue_plan(TargetPlan(messages=(PlannedMessage(target="ops", kind="alert", title="t", body="b"),)),
                          now - timedelta(hours=2))
    done = _health(quiet_config, "--no-daemon")
    assert done.code == 1
    line, = done.stdout.splitlines()
    assert line.startswith("notifications: 1 message(s) pending longer than 1h, oldest queued ")
    assert _health(quiet_config, "--no-daemon", "--max-pending-age", "3h").code == 0


def test_too_little_disk_space_fails_and_json_lists_every_check(quiet_config: Path) -> None:
    done = _health(quiet_config, "--no-daemon", "--min-free", "1000000TB")
    assert done.code == 1
    assert done.stdout.startswith("disk: ") and "(limit 1000000.0 TB)" in done.stdout
    report = json.loads(_health(quiet_config, "--min-free", "1000000TB", "--json").stdout)
    assert report["ok"] is False
    assert [(c["name"], c["ok"]) for c in report["checks"]] == [
        ("store", True), ("daemon", False), ("sources", True), ("disk", False), ("notifications", True)]
    assert all(c["detail"] for c in report["checks"])


def test_a_missing_database_and_bad_limits(make_config) -> None:
    config = make_config([])
    done = _health(config, "--no-daemon")
    assert done.code == 1 and done.stdout.startswith("store: no database at ")
    bad = _health(config, "--min-free", "lots")
    assert bad.code == 2 and "expected a size" in bad.stderr
