"""The CLI as real subprocesses: run --once, ingest, sources, alerts (filters, --json, ack), search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, run_monitor


@pytest.fixture
def samples_config(make_config) -> Path:
    return make_config([
        {"name": "report", "kind": "text", "path": str(ROOT / "samples/articles/troop-withdrawal-report.txt")},
        {"name": "feed", "kind": "feed", "path": str(ROOT / "samples/feeds/border-crisis.xml")},
        {"name": "page", "kind": "page", "path": str(ROOT / "samples/pages/geneva-talks.html")},
    ])


def test_run_once_prints_a_summary_and_is_idempotent(samples_config: Path, tmp_path: Path) -> None:
    first = run_monitor("run", "--once", "--config", str(samples_config))
    assert first.code == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].split() == ["source", "outcome", "new", "updated", "duplicate", "alerts", "error"]
    feed_row = next(line.split() for line in lines if line.startswith("feed"))
    assert feed_row[:5] == ["feed", "ok", "6", "0", "0"]  # the wire reprint: its own item, same story
    assert lines[-1].startswith("3 source(s): 8 new")
    second = run_monitor("run", "--once", "--config", str(samples_config))
    assert second.code == 0
    # The same bytes as last time are not parsed again.
    assert second.stdout.splitlines()[-1].startswith("3 source(s): 0 new, 0 updated, 0 duplicate, 0 alert(s)")
    assert all(line.split()[1] == "unchanged" for line in second.stdout.splitlines()[1:4])
    assert "source=feed outcome=ok" in first.stderr


def test_alerts_listing_filters_json_and_ack(samples_config: Path) -> None:
    assert run_monitor("run", "--once", "--config", str(samples_config)).code == 0
    listed = run_monitor("alerts", "--json", "--limit", "500", "--config", str(samples_config))
    assert listed.code == 0, listed.stderr
    alerts = json.loads(listed.stdout)
    assert len(alerts) >= 10
    created = [a["created_at"] for a in alerts]
    assert created == sorted(created, reverse=True)
    for alert in alerts:
        assert alert["hits"] and alert["snippet"] and alert["terms"]
    crimea = json.loads(run_monitor("alerts", "--json", "--rule", "Crimea", "--config", str(samples_config)).stdout)
    assert crimea and {a["rule"] for a in crimea} == {"Crimea"}
    assert json.loads(run_monitor("alerts", "--json", "--since", "2099-01-01", "--config", str(samples_config)).stdout) == []
    assert len(json.loads(run_monitor("alerts", "--json", "--since", "1h", "--limit", "500",
                                      "--config", str(samples_config)).stdout)) == len(alerts)
    ids = [str(a["id"]) for a in crimea]
    acked = run_monitor("alerts", "ack", *ids, "--config", str(samples_config))
    assert acked.code == 0 and f"acknowledged {len(ids)}" in acked.stdout
    unreviewed = json.loads(run_monitor("alerts", "--json", "--unreviewed", "--limit", "500",
                                        "--config", str(samples_config)).stdout)
    assert len(unreviewed) == len(alerts) - len(ids)
    missing = run_monitor("alerts", "ack", "99999", "--config", str(samples_config))
    assert missing.code == 1 and "no such alert: 99999" in missing.stderr
    text = run_monitor("alerts", "--rule", "NATO", "--config", str(samples_config))
    assert "NATO: NATO" in text.stdout
    bad = run_monitor("alerts", "--since", "yesterdayish", "--config", str(samples_config))
    assert bad.code == 2 and "expected a duration" in bad.stderr


def test_sources_lists_last_fetch_and_counts(samples_config: Path) -> None:
    run_monitor("run", "--once", "--config", str(samples_config))
    done = run_monitor("sources", "--json", "--config", str(samples_config))
    rows = {r["name"]: r for r in json.loads(done.stdout)}
    assert rows["feed"]["items"] == 6 and rows["feed"]["last_outcome"] == "ok"
    assert rows["report"]["items"] == 1
    table = run_monitor("sources", "--config", str(samples_config)).stdout
    assert table.splitlines()[0].split()[:3] == ["name", "kind", "enabled"]


def test_search_full_text(samples_config: Path) -> None:
    run_monitor("run", "--once", "--config", str(samples_config))
    found = json.loads(run_monitor("search", "Geneva Sherman", "--json", "--config", str(samples_config)).stdout)
    assert found and "Geneva" in found[0]["title"]
    assert run_monitor("search", 'weird "quote (paren', "--config", str(samples_config)).code == 0
    raw = run_monitor("search", "Gen*", "--raw", "--config", str(samples_config))
    assert raw.code == 0 and "#" in raw.stdout
    bad = run_monitor("search", '"unbalanced', "--raw", "--config", str(samples_config))
    assert bad.code == 1 and bad.stderr.startswith("Error: search: bad query")


def test_ingest_reports_failures_with_exit_1(samples_config: Path, tmp_path: Path) -> None:
    done = run_monitor("ingest", str(tmp_path / "missing.txt"), "--config", str(samples_config))
    assert done.code == 1
    assert "no such file" in done.stdout
    assert "Traceback" not in done.stderr
    db = sqlite3.connect(tmp_path / "monitor.db")
    assert db.execute("SELECT outcome FROM fetches").fetchall() == [("error",)]


_RECORDING_INGEST = """
import runpy, sys

import storage
import monitor.pipeline as pipeline

asked, flush = storage.Checkpoints.copy_back, pipeline.flush_alert_log


def copy_back(self):
    print("COPY BACK", file=sys.stderr)
    asked(self)


def flushing(store, ctx, settle=None):
    print(f"FLUSH settle={settle}", file=sys.stderr)
    return flush(store, ctx, settle)


storage.Checkpoints.copy_back, pipeline.flush_alert_log = copy_back, flushing
sys.argv = ["monitor", *sys.argv[1:]]
runpy.run_module("monitor", run_name="__main__")
"""


def test_ingest_ends_its_checkpoints_with_a_copy_back_before_its_alert_log_flush(samples_config: Path,
                                                                               tmp_path: Path) -> None:
    # As run --once: the last checkpoint runs on the checkpoint thread beside the alert log's
    # writing, not after a checkpoint in progress that the end of the block would wait for.
    import os
    import subprocess
    import sys

    driver = tmp_path / "recording_ingest.py"
    driver.write_text(_RECORDING_INGEST, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MONITOR_CONFIG", None)
    done = subprocess.run([sys.executable, str(driver), "ingest", str(ROOT / "samples/feeds/border-crisis.xml"),
                           "--config", str(samples_config)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    steps = [line for line in done.stderr.splitlines() if line.startswith(("COPY BACK", "FLUSH"))]
    assert steps[-2:] == ["COPY BACK", "FLUSH settle=0"] and steps.count("COPY BACK") == 1, steps


def test_alerts_filters_by_source_story_and_text(samples_config: Path) -> None:
    assert run_monitor("run", "--once", "--config", str(samples_config)).code == 0

    def listed(*args: str) -> list[dict]:
        done = run_monitor("alerts", "--json", "--limit", "500", *args, "--config", str(samples_config))
        assert done.code == 0, done.stderr
        return json.loads(done.stdout)

    every = listed()
    ids = lambda alerts: [a["id"] for a in alerts]  # noqa: E731
    # --source: the sources that delivered the alert's story (its copy_sources).
    for source in ("feed", "page", "report"):
        expected = [a["id"] for a in every if source in a["copy_sources"]]
        assert expected and ids(listed("--source", source)) == expected, source
    assert ids(listed("--source", "feed", "--source", "page")) == [
        a["id"] for a in every if {"feed", "page"} & set(a["copy_sources"])]
    assert listed("--source", "nobody") == []
    story_id = every[-1]["story_id"]
    assert ids(listed("--story", str(story_id))) == [a["id"] for a in every if a["story_id"] == story_id]
    # --text: the same words as `monitor search` finds them, on the alerted item.
    found = {hit["id"] for hit in json.loads(run_monitor("search", "Geneva talks", "--json", "--limit", "500",
                                                          "--config", str(samples_config)).stdout)}
    expected = [a["id"] for a in every if a["item_id"] in found]
    assert expected and ids(listed("--text", "Geneva talks")) == expected
    assert listed("--text", "zzyzx-no-such-word") == []
    assert run_monitor("alerts", "--text", 'weird "quote (paren NEAR(', "--config", str(samples_config)).code == 0
    geneva = {hit["id"] for hit in json.loads(run_monitor("search", "Geneva", "--json", "--limit", "500",
                                                           "--config", str(samples_config)).stdout)}
    combined = ids(listed("--text", "Geneva", "--rule", "NATO", "--source", "feed"))
    assert combined == [a["id"] for a in every if a["item_id"] in geneva and a["rule"] == "NATO"
                        and "feed" in a["copy_sources"]]
    assert combined and all(len(combined) < len(listed(*option)) for option in
                            (("--text", "Geneva"), ("--rule", "NATO"), ("--source", "feed")))
    text = run_monitor("alerts", "--story", str(story_id), "--config", str(samples_config))
    assert text.code == 0 and f"#{every[-1]['id']}" in text.stdout
    bad = run_monitor("alerts", "--story", "first", "--config", str(samples_config))
    assert bad.code == 2 and "Traceback" not in bad.stderr
    # A limit below one is refused, not read as SQLite's "no limit" (-1) or as "nothing" (0).
    for command in (("alerts",), ("search", "Geneva")):
        for limit in ("-1", "0"):
            refused = run_monitor(*command, "--limit", limit, "--config", str(samples_config))
            assert refused.code == 2 and "--limit" in refused.stderr and ">=1" in refused.stderr, (command, limit)
            assert "Traceback" not in refused.stderr


def test_alerts_unack_reverses_ack(samples_config: Path) -> None:
    assert run_monitor("run", "--once", "--config", str(samples_config)).code == 0
    every = json.loads(run_monitor("alerts", "--json", "--limit", "500", "--config", str(samples_config)).stdout)
    first, second = str(every[0]["id"]), str(every[1]["id"])
    assert run_monitor("alerts", "ack", first, second, "--config", str(samples_config)).code == 0
    undone = run_monitor("alerts", "unack", first, "--config", str(samples_config))
    assert undone.code == 0 and undone.stdout.strip() == f"unacknowledged 1 alert(s): {first}"
    unreviewed = json.loads(run_monitor("alerts", "--json", "--unreviewed", "--limit", "500",
                                        "--config", str(samples_config)).stdout)
    assert first in {str(a["id"]) for a in unreviewed} and second not in {str(a["id"]) for a in unreviewed}
    assert len(unreviewed) == len(every) - 1
    partly = run_monitor("alerts", "unack", second, "99999", "--config", str(samples_config))
    assert partly.code == 1 and f"unacknowledged 1 alert(s): {second}" in partly.stdout
    assert partly.stderr.strip() == "Error: no such alert: 99999"
    assert len(json.loads(run_monitor("alerts", "--json", "--unreviewed", "--limit", "500",
                                      "--config", str(samples_config)).stdout)) == len(every)
    assert run_monitor("alerts", "unack", "--config", str(samples_config)).code == 2, "an id is required"


FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Ministers meet in Geneva</title><link>https://news.example.org/a1.html</link>
<description>The two ministers met for ninety minutes.</description></item></channel></rss>"""


@pytest.mark.parametrize(("route", "allow_private", "outcome", "errors", "code"), [
    ((410, b"gone for good"), True, "gone", 1, 1),
    ((200, FEED.encode()), False, "refused", 1, 1),  # 127.0.0.1 without allow_private: a private address
    ((500, b"oops"), True, "error", 1, 1),
    ((429, b"slow down"), True, "rate_limited", 0, 0),  # waits, is no failure
    ((200, FEED.encode()), True, "ok", 0, 0),
], ids=["gone-410", "refused-private-address", "error-500", "rate-limited-429", "ok"])
def test_run_once_exit_status_agrees_with_its_summary(route, allow_private, outcome, errors, code, make_config,
                                                      feed_server) -> None:
    status, body = route
    url = feed_server.add("/feed.xml", body, status=status, content_type="application/rss+xml",
                          headers={"Retry-After": "60"} if status == 429 else {})
    config = make_config([
        {"name": "fine", "kind": "feed", "path": str(ROOT / "samples/feeds/border-crisis.xml")},
        {"name": "odd", "kind": "feed", "url": url, "allow_private": allow_private},
    ])
    done = run_monitor("run", "--once", "--config", str(config))
    rows = {line.split()[0]: line.split()[1] for line in done.stdout.splitlines()[1:3]}
    assert rows == {"fine": "ok", "odd": outcome}, done.stdout
    assert done.stdout.splitlines()[-1].endswith(f" {errors} error(s)")
    assert done.code == code, done.stdout + done.stderr
