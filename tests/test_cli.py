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
