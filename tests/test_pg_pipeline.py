"""The same pipeline on PostgreSQL: `monitor run --once` with `database = "postgresql://…"` stores
what it stores on SQLite (items, stories, alerts), searches the same, and `monitor store copy` moves
a store between the two, checked. Real subprocesses, a real HTTP server, a real PostgreSQL server.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import FeedServer, run_monitor
from storage import open_store

# Three outlets and the same few stories, told in each one's words where they differ (facts from
# the seed document and the crisis's coverage; the sentences are this project's own).
WITHDRAWAL = ("Around ten thousand Russian soldiers are said to be leaving field exercises near the "
              "Ukrainian border and heading back to their permanent bases, according to statements of "
              "the Russian military relayed by the Interfax agency on Saturday, after weeks of worry "
              "in Kyiv and in Western capitals about a large build-up of forces along the frontier.")
NATO_TALKS = ("Diplomats from NATO member states are preparing for talks with Moscow in January, as "
              "the alliance weighs Russian demands for security guarantees and rejects any veto over "
              "which countries may join it, officials in Brussels said on Friday evening.")
DONBAS = ("Monitors reported fresh ceasefire violations along the contact line in the Donbas region "
          "overnight, with shelling near several villages and damage to a school building, local "
          "authorities said, adding that nobody was hurt in the latest exchange of fire.")
CRIMEA = ("Ukraine's foreign ministry said it would keep raising the question of Crimea at every "
          "international meeting, seven years after the peninsula was annexed, and called on partners "
          "to extend the sanctions that were imposed at the time.")
STORIES = {"withdrawal": WITHDRAWAL, "nato": NATO_TALKS, "donbas": DONBAS, "crimea": CRIMEA}


def _rss(outlet: str, stories: list[str], edit: str = "") -> str:
    entries = "".join(
        f"<item><title>{name.title()} report from {outlet}</title><link>https://{outlet}.example/{name}</link>"
        f"<guid>https://{outlet}.example/{name}</guid><pubDate>Sat, 25 Dec 2021 1{i}:00:00 GMT</pubDate>"
        f"<description>{STORIES[name]}{edit}</description></item>"
        for i, name in enumerate(stories))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>{entries}</channel></rss>'


def _config(folder: Path, database: str, feed_server: FeedServer) -> Path:
    sources = [("wire", ["withdrawal", "nato", "donbas"], ""),
               ("daily", ["withdrawal", "crimea"], " Our correspondent contributed."),
               ("radio", ["nato", "donbas", "crimea"], "")]
    lines = ["[settings]", f'database = "{database}"', f'alert_log = "{folder / "alerts.jsonl"}"',
             'host_delay = "0s"', 'alert_delay = "0s"']
    for name, stories, edit in sources:
        url = feed_server.add(f"/{name}.xml", _rss(name, stories, edit), content_type="application/rss+xml")
        lines += ["", "[[sources]]", f'name = "{name}"', 'kind = "feed"', f'url = "{url}"', "allow_private = true"]
    lines += ["", "[[rules]]", 'name = "Troops"', 'query = "troops OR soldiers OR forces"',
              "", "[[rules]]", 'name = "NATO"', 'terms = ["NATO"]',
              "", "[[rules]]", 'name = "Donbas"', 'terms = ["Donbas"]',
              "", "[[rules]]", 'name = "Crimea"', 'terms = ["Crimea"]']
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _outcome(database: str) -> dict[str, Any]:
    """What a run stored, in terms that do not depend on ids: items, stories as sets of URLs,
    alerts as (rule, story's URLs)."""
    store = open_store(database, migrate=False)
    try:
        execute = store.execute  # type: ignore[attr-defined]
        urls = {row[0]: row[1] for row in execute("SELECT id, url FROM items")}
        stories: dict[int, set[str]] = {}
        for item_id, story_id in execute("SELECT id, story_id FROM items"):
            stories.setdefault(story_id, set()).add(urls[item_id])
        alerts = sorted((rule, sorted(stories[story_id])) for rule, story_id in execute("SELECT rule, story_id FROM alerts"))
        sightings = execute("SELECT count(*) FROM item_sightings").fetchone()[0]
        return {"items": sorted(urls.values()), "stories": sorted(sorted(s) for s in stories.values()),
                "alerts": alerts, "sightings": sightings}
    finally:
        store.close()


def test_run_once_on_postgresql_stores_what_sqlite_stores(tmp_path: Path, feed_server: FeedServer,
                                                          postgres_url: str) -> None:
    on_sqlite = tmp_path / "sqlite"
    on_postgres = tmp_path / "postgres"
    for folder, database in ((on_sqlite, str(on_sqlite / "monitor.db")), (on_postgres, postgres_url)):
        folder.mkdir()
        config = _config(folder, database, feed_server)
        done = run_monitor("run", "--once", "--config", str(config))
        assert done.code == 0, done.stderr
    sqlite_outcome, postgres_outcome = _outcome(str(on_sqlite / "monitor.db")), _outcome(postgres_url)
    assert postgres_outcome == sqlite_outcome
    assert len(postgres_outcome["items"]) == 8
    # copies of one story are one story, whichever outlet told it
    assert ["https://daily.example/withdrawal", "https://wire.example/withdrawal"] in postgres_outcome["stories"]
    assert ("NATO", ["https://radio.example/nato", "https://wire.example/nato"]) in postgres_outcome["alerts"]
    # the alert log and the CLI read the PostgreSQL store
    logged = [json.loads(line) for line in (on_postgres / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(a["rule"] for a in logged) == sorted(rule for rule, _ in postgres_outcome["alerts"])
    config = str(on_postgres / "config.toml")
    found = run_monitor("search", "--config", config, "--json", "Interfax")
    assert found.code == 0, found.stderr
    assert {hit["url"] for hit in json.loads(found.stdout)} == {"https://wire.example/withdrawal",
                                                                "https://daily.example/withdrawal"}
    listed = run_monitor("alerts", "--config", config, "--json", "--rule", "Crimea")
    assert listed.code == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 1
    backtests = []
    for folder in (on_sqlite, on_postgres):
        done = run_monitor("backtest", "Troops", "--config", str(folder / "config.toml"), "--json")
        assert done.code == 0, done.stderr
        backtests.append(json.loads(done.stdout))
    assert backtests[0]["fts_prefilter"] == '("troops" OR "soldiers" OR "forces")'
    assert backtests[1]["fts_prefilter"] == "('troops' | 'soldiers' | 'forces')"
    for key in ("items", "stories", "candidates_scanned"):
        assert backtests[1][key] == backtests[0][key], key
    assert backtests[1]["items"] == 2
    health = run_monitor("health", "--config", config, "--no-daemon")
    assert health.code == 0, health.stdout + health.stderr
    again = run_monitor("run", "--once", "--config", config)  # nothing new: nothing doubled
    assert again.code == 0, again.stderr
    assert _outcome(postgres_url)["items"] == postgres_outcome["items"]
    assert _outcome(postgres_url)["alerts"] == postgres_outcome["alerts"]


def test_two_writers_committing_copies_of_one_story_at_once_make_one_story_and_one_alert(
        tmp_path: Path, postgres_url: str) -> None:
    """Eight threads, each with its own connection, store a copy of one story at the same moment."""
    from dataclasses import replace

    from monitor.config import load
    from monitor.pipeline import Context, store_item
    from monitor.models import Item
    from datetime import datetime, timezone

    config_path = tmp_path / "config.toml"
    config_path.write_text(f'[settings]\ndatabase = "{postgres_url}"\n\n' + "".join(
        f'[[sources]]\nname = "outlet{n}"\nkind = "feed"\nurl = "https://outlet{n}.example/rss"\n\n' for n in range(8))
        + '[[rules]]\nname = "Troops"\nterms = ["soldiers"]\n', encoding="utf-8")
    config = load(config_path)
    setup = open_store(config)
    setup.sync_sources(config.sources, datetime(2021, 12, 25, tzinfo=timezone.utc))
    setup.close()
    ctx = Context.build(config)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        store = open_store(config, migrate=False)
        try:
            item = Item(source=f"outlet{n}", url=f"https://outlet{n}.example/withdrawal", guid=None,
                        title=f"Troops pull back, outlet {n} reports", author=None, publisher=None,
                        published_at=None, published_raw=None, date_suspect=None,
                        fetched_at=datetime(2021, 12, 25, 12, tzinfo=timezone.utc),
                        summary="", body=WITHDRAWAL + f" Filed by desk {n}.", content_hash="")
            from monitor.dedupe import rehash
            barrier.wait()
            store_item(store, replace(rehash(item)), ctx)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ctx.close()
    assert errors == []
    outcome = _outcome(postgres_url)
    assert len(outcome["items"]) == 8
    assert len(outcome["stories"]) == 1, outcome["stories"]
    assert [rule for rule, _ in outcome["alerts"]] == ["Troops"]


def test_store_copy_moves_a_store_to_postgresql_and_back(tmp_path: Path, feed_server: FeedServer,
                                                         postgres_url: str) -> None:
    config = _config(tmp_path, str(tmp_path / "monitor.db"), feed_server)
    assert run_monitor("run", "--once", "--config", str(config)).code == 0
    before = _outcome(str(tmp_path / "monitor.db"))

    done = run_monitor("store", "copy", str(tmp_path / "monitor.db"), postgres_url)
    assert done.code == 0, done.stderr
    assert "8 items" in done.stdout and "checked" in done.stdout
    assert _outcome(postgres_url) == before

    # the copy is a working store: a new item gets a new id, search finds the old ones
    moved = open_store(postgres_url)
    try:
        assert {h.url for h in moved.search("Crimea")} >= {"https://daily.example/crimea", "https://radio.example/crimea"}
        next_id = moved.execute("SELECT max(id) FROM items").fetchone()[0]  # type: ignore[attr-defined]
        from monitor.models import Item
        from datetime import datetime, timezone
        new = moved.insert_item(Item(source="wire", url="https://wire.example/new", guid=None, title="New",
                                     author=None, publisher=None, published_at=None, published_raw=None,
                                     date_suspect=None, fetched_at=datetime(2022, 1, 1, tzinfo=timezone.utc),
                                     summary="", body="", content_hash="0" * 16),
                                datetime(2022, 1, 1, tzinfo=timezone.utc))
        assert new > next_id
    finally:
        moved.close()

    refused = run_monitor("store", "copy", str(tmp_path / "monitor.db"), postgres_url)
    assert refused.code == 1
    assert "not empty" in refused.stderr and refused.stderr.count("\n") == 1

    back = tmp_path / "back.db"
    done = run_monitor("store", "copy", postgres_url, str(back))
    assert done.code == 0, done.stderr
    outcome = _outcome(str(back))
    assert outcome["items"] == sorted(before["items"] + ["https://wire.example/new"])
    assert outcome["alerts"] == before["alerts"]


def test_backup_of_a_postgresql_store_is_one_sqlite_file(tmp_path: Path, feed_server: FeedServer,
                                                         postgres_url: str) -> None:
    config = _config(tmp_path, postgres_url, feed_server)
    assert run_monitor("run", "--once", "--config", str(config)).code == 0
    done = run_monitor("backup", "--config", str(config), str(tmp_path / "copy.db"))
    assert done.code == 0, done.stderr
    assert _outcome(str(tmp_path / "copy.db")) == _outcome(postgres_url)
    assert not list(tmp_path.glob("*.partial*"))


@pytest.mark.parametrize("database", ["postgresql://", "postgres:/nohost/db", "postgresql://host"])
def test_a_bad_postgresql_url_is_a_configuration_error(tmp_path: Path, database: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\ndatabase = "{database}"\n', encoding="utf-8")
    done = run_monitor("sources", "--config", str(config))
    assert done.code == 2
    assert "settings.database: expected postgresql://" in done.stderr


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\ndatabase = "postgresql://monitor:secret@/monitor?host={tmp_path}"\n',
                      encoding="utf-8")
    done = run_monitor("sources", "--config", str(config))
    assert done.code == 1
    assert done.stderr.count("\n") == 1 and "cannot connect" in done.stderr and "secret" not in done.stderr


def test_search_on_postgresql_folds_case_and_accents_as_fts5_does(postgres_url: str) -> None:
    from datetime import datetime, timezone

    from monitor.dedupe import rehash
    from monitor.models import Item, Source

    store = open_store(postgres_url)
    try:
        now = datetime(2022, 1, 10, tzinfo=timezone.utc)
        store.sync_sources([Source("wire", "feed", "https://wire.example/rss")], now)
        for n, (title, body) in enumerate((("Zelenskýy in Kyiv", "Talks on the Donbas went on."),
                                          ("ДОНБАССЁ", "Обстрелы продолжились ночью."))):
            store.insert_item(rehash(Item(source="wire", url=f"https://wire.example/{n}", guid=None, title=title,
                                          author=None, publisher=None, published_at=None, published_raw=None,
                                          date_suspect=None, fetched_at=now, summary="", body=body,
                                          content_hash="")), now)
        assert [h.title for h in store.search("zelenskyy")] == ["Zelenskýy in Kyiv"]
        assert [h.title for h in store.search("ZELENSKÝY")] == ["Zelenskýy in Kyiv"]
        assert [h.title for h in store.search("донбассе")] == ["ДОНБАССЁ"]
        assert [h.title for h in store.search("zelensk*", raw=True)] == ["Zelenskýy in Kyiv"]
    finally:
        store.close()


def test_the_canned_queries_answer_the_same_on_both_backends(tmp_path: Path, feed_server: FeedServer,
                                                             postgres_url: str) -> None:
    """Every query `monitor serve` offers, run on a PostgreSQL copy of a SQLite store: the same rows."""
    import re

    from monitor.web.queries import ACK_SQL, QUERIES

    config = _config(tmp_path, str(tmp_path / "monitor.db"), feed_server)
    assert run_monitor("run", "--once", "--config", str(config)).code == 0
    assert run_monitor("store", "copy", str(tmp_path / "monitor.db"), postgres_url).code == 0
    stores = [open_store(str(tmp_path / "monitor.db")), open_store(postgres_url)]
    try:
        story = stores[0].execute("SELECT story_id FROM alerts WHERE rule = 'NATO'").fetchone()[0]  # type: ignore[attr-defined]
        values = {"rule": "", "days": "3650", "story_id": story, "ids": ""}
        for name, query in QUERIES.items():
            if query.get("write"):
                continue
            params = {p: values[p] for p in re.findall(r"(?<![:\w]):([A-Za-z_]\w*)", query["sql"])}
            answers = [[tuple(row) for row in store.execute(query["sql"], params).fetchall()]  # type: ignore[attr-defined]
                       for store in stores]
            if name == "stories_by_sources":  # group_concat's order is the engine's
                answers = [[row[:4] + (sorted(row[4].split(",")),) + row[5:] for row in rows] for rows in answers]
            # ties in ORDER BY may come in either order
            assert sorted(answers[0], key=repr) == sorted(answers[1], key=repr), name
            assert answers[0] or name in ("failing_sources", "notification_status", "latest_spikes"), name
        for store in stores:
            with store.transaction():
                store.execute(ACK_SQL, {"ids": "1,2"})  # type: ignore[attr-defined]
        acked = [sorted(r[0] for r in store.execute("SELECT id FROM alerts WHERE acked_at IS NOT NULL"))  # type: ignore[attr-defined]
                 for store in stores]
        assert acked == [[1, 2], [1, 2]]
        times = [store.execute("SELECT acked_at FROM alerts WHERE id = 1").fetchone()[0] for store in stores]  # type: ignore[attr-defined]
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t) for t in times), times
    finally:
        for store in stores:
            store.close()


def test_the_daemons_alert_log_flush_on_postgresql_uses_one_connection(tmp_path: Path, feed_server: FeedServer,
                                                                       postgres_url: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # The writing connection's turn (jobs.ingest.with_writer) keeps SQLite's page cache warm; the
    # server keeps PostgreSQL's, so the flush reads and marks on one connection of its own.
    import jobs.ingest
    import jobs.maintenance

    path = _config(tmp_path, postgres_url, feed_server)
    opened: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        opened.append(args)
        return open_store(*args, **kwargs)

    open_store(postgres_url).close()  # created and migrated, as the daemon's start does
    try:
        jobs.ingest.run_source(str(path), "wire", scheduled=False)  # its alerts, not yet in the log
        monkeypatch.setattr(jobs.maintenance, "open_store", counted)
        monkeypatch.setattr(jobs.ingest, "open_store", counted)
        jobs.maintenance.flush_alerts(str(path))
        assert len(opened) == 1
        logged = [json.loads(line)["rule"] for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
        assert sorted(logged) == ["Donbas", "NATO", "Troops"]
        jobs.maintenance.flush_alerts(str(path))  # all marked: nothing written twice
        assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == len(logged)
    finally:
        jobs.ingest.close_contexts()
