"""Log lines: the house text format, and log_format = "json" (one JSON object per line) for
journald and Loki, checked on a real subprocess's stderr."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from conftest import ROOT, run_monitor


def _samples(make_config, **settings: object) -> Path:
    return make_config([
        {"name": "report", "kind": "text", "path": str(ROOT / "samples/articles/troop-withdrawal-report.txt")},
        {"name": "feed", "kind": "feed", "path": str(ROOT / "samples/feeds/border-crisis.xml")},
        # Nothing listens on port 9 (discard) here: the fetch fails at once, with a WARNING line.
        {"name": "broken", "kind": "feed", "url": "http://127.0.0.1:9/feed.xml", "allow_private": True},
    ], **settings)


def test_json_log_format_writes_one_json_object_per_stderr_line(make_config) -> None:
    done = run_monitor("run", "--once", "--config", str(_samples(make_config, log_format="json")))
    lines = done.stderr.splitlines()
    assert lines, done.stderr
    records = [json.loads(line) for line in lines]  # every line parses
    for record in records:
        assert {"time", "level", "logger", "message"} <= record.keys()
        assert record["time"].endswith("Z") and datetime.fromisoformat(record["time"].replace("Z", "+00:00"))
    feed = next(r for r in records if r.get("source") == "feed" and "outcome" in r)
    assert feed["outcome"] == "ok" and feed["level"] == "INFO"
    assert "source=feed" in feed["message"]  # the message stays whole
    broken = next(r for r in records if r.get("source") == "broken" and "outcome" in r)
    assert broken["level"] == "WARNING" and broken["error"]


def test_json_log_format_holds_in_the_daemon_and_its_parse_workers(make_config, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    config = _samples(make_config, log_format="json", parse_processes=2)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "monitor.db.heartbeat").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(3)  # the sources' first runs
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, stderr
    records = [json.loads(line) for line in stderr.splitlines()]
    assert any(r.get("source") == "feed" for r in records)
    assert any(r["message"].startswith("daemon stopped") for r in records)


def test_text_log_format_is_the_default(make_config) -> None:
    done = run_monitor("run", "--once", "--config", str(_samples(make_config)))
    line = next(line for line in done.stderr.splitlines() if "source=feed outcome=ok" in line)
    assert line.split()[1:3] == ["INFO", "monitor.pipeline"] and line[0].isdigit()


def test_an_unknown_log_format_is_a_config_error(make_config) -> None:
    done = run_monitor("run", "--once", "--config", str(_samples(make_config, log_format="xml")))
    assert done.code == 2
    assert "log_format" in done.stderr and "expected one of text, json" in done.stderr
