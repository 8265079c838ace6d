"""storage.attention through the Store: what the dashboard and the report read, on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from monitor.models import FetchRecord, Outcome, SilenceAlert, SpikeAlert
from storage import open_store
from test_store_contract import DONBAS, NATO, SOURCES, T0, make_item, match, new_alert, placed, save


def test_attention_counts_stories_per_bucket_ranks_top_stories_and_reports_sources(tmp_path: Path) -> None:
    store = open_store(tmp_path / "m.db")
    store.sync_sources(SOURCES, T0)
    donbas_item, donbas_story = placed(store, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/1"))
    nato_item, nato_story = placed(store, make_item("NATO ministers meet", NATO, url="https://wire.example/2"))
    copy = save(store, make_item("Shelling in Donbas (daily)", DONBAS, source="daily", url="https://daily.example/1"),
                T0 + timedelta(hours=1))
    store.execute("UPDATE items SET story_id = ? WHERE id = ?", [donbas_story, copy])
    new_alert(store, donbas_item, donbas_story, match("Donbas"), T0)
    new_alert(store, nato_item, nato_story, match("Donbas"), T0 + timedelta(days=1))
    new_alert(store, nato_item, nato_story, match("NATO", "NATO"), T0 + timedelta(days=1, hours=2))
    store.add_spike(SpikeAlert(rule="Donbas", hour=T0, count=1, baseline=0.1, p_value=1e-6), [], T0)
    store.record_fetch(FetchRecord(source="daily", location="https://daily.example/rss", started_at=T0,
                                   duration_ms=3, outcome=Outcome.ERROR, error="HTTP 503"))
    store.execute("UPDATE sources SET consecutive_failures = 2, last_outcome = 'error', last_error = 'HTTP 503' "
                  "WHERE name = 'daily'")
    store.raise_silence(SilenceAlert(source="wire", reason="quiet", since=T0, detail="quiet", raised_at=T0), [], T0)

    seen = store.attention(["Donbas", "NATO", "Crimea"], T0 - timedelta(days=1), T0 + timedelta(days=2), hourly=False)
    by_rule = {a.rule: a for a in seen.rules}
    assert list(by_rule) == ["Donbas", "NATO", "Crimea"]  # configured rules, even those with nothing
    assert [c for _, c in by_rule["Donbas"].counts] == [0, 1, 1, 0] and by_rule["Crimea"].total == 0
    assert [s.hour for s in by_rule["Donbas"].spikes] == [T0] and by_rule["NATO"].spikes == ()
    donbas_top = [t for t in seen.top if t.rule == "Donbas"]
    assert [t.story_id for t in donbas_top] == [donbas_story, nato_story]  # two sources before one
    assert donbas_top[0].sources == ("daily", "wire") and donbas_top[0].copies == 2
    health = {s.name: s for s in seen.sources}
    assert set(health) == {"wire", "daily", "folder"}
    assert (health["daily"].consecutive_failures, health["daily"].last_error) == (2, "HTTP 503")
    assert health["wire"].silence == "quiet" and health["wire"].items == 2
    assert health["folder"].enabled is False

    hourly = store.attention([], T0, T0 + timedelta(hours=5), hourly=True)
    assert len(hourly.rules[0].counts) == 6 and hourly.rules[0].counts[0] == (T0, 1)
    store.close()
