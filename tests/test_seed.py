"""The seed article end to end, through the real CLI, with the bundled default rules."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import SEED, run_monitor

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside the project")


def test_seed_is_stored_once_with_its_alerts(make_config, tmp_path: Path) -> None:
    config = make_config()
    first = run_monitor("ingest", str(SEED), "--config", str(config))
    assert first.code == 0, first.stderr
    db = sqlite3.connect(tmp_path / "monitor.db")
    rows = db.execute("SELECT id, title, publisher, body, published_at FROM items").fetchall()
    assert len(rows) == 1
    item_id, title, publisher, body, published_at = rows[0]
    assert title == "Some Russian troops reportedly withdraw from Ukraine border area"
    assert publisher == "NPR"
    assert published_at is None  # the seed gives no date; none is invented
    assert "Copyright" not in body and not body.startswith(title)
    assert body.startswith("Ten thousand Russian military servicemen")
    alerts = {rule: (count, json.loads(hits)) for rule, count, hits in
              db.execute("SELECT rule, match_count, hits FROM alerts WHERE item_id = ?", [item_id])}
    assert alerts["Donbas"][0] == 2
    assert {"NATO", "Crimea", "Donbas"} <= set(alerts)
    for hit in alerts["Donbas"][1]:
        assert body[hit["start"]:hit["end"]] == "Donbas"
    log_lines = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(log_lines) == len(alerts)
    db.close()

    again = run_monitor("ingest", str(SEED), "--config", str(config))
    assert again.code == 0, again.stderr
    db = sqlite3.connect(tmp_path / "monitor.db")
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM alerts").fetchone()[0] == len(alerts)
    assert len((tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()) == len(alerts)
    assert "duplicate" in again.stdout.splitlines()[0] and " 1 " in again.stdout.splitlines()[1]
