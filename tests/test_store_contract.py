"""The Store contract: what every backend of storage.store.Store must do, tested through the
protocol's methods only (no SQL, no driver, no backend attribute).

Each test runs once per entry of BACKENDS; a new backend (PostgreSQL) is one more entry, and must
pass this file unchanged. Times are fixed aware UTC datetimes with whole seconds.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

import pytest

from monitor.dedupe import rehash
from monitor.errors import BadSearchQuery, StoreError
from monitor.models import (FetchRecord, FolderFile, Hit, Hold, Item, Known, Match, Outcome, Placement, PlannedMessage,
                            Refusal, Retention, SearchHit, SilenceAlert, Source, SourceState, SpikeAlert, SpikeStory, StoryInfo,
                            TargetPlan)
from monitor.query import parse_query
from monitor.stories import signature, title_key
from storage import open_store
from storage.store import Store

BACKENDS: dict[str, Callable[[pytest.FixtureRequest], Store]] = {
    "sqlite": lambda request: open_store(request.getfixturevalue("tmp_path") / "store.db"),
    # a new, empty database on the suite's PostgreSQL server (tests/postgres.py)
    "postgresql": lambda request: open_store(request.getfixturevalue("postgres_url")),
}


@pytest.fixture(params=list(BACKENDS))
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    opened = BACKENDS[backend](request)
    yield opened
    opened.close()


T0 = datetime(2022, 1, 10, 12, 0, tzinfo=timezone.utc)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

SOURCES = (
    Source("wire", "feed", "https://wire.example/feed.xml"),
    Source("daily", "feed", "https://daily.example/rss", interval=600.0),
    Source("folder", "folder", "/srv/drop", enabled=False),
)

# Texts long enough for a text hash (30 words) and a story signature (12 word 5-grams).
DONBAS = ("Shelling continued overnight along the contact line in the Donbas region, local officials said on "
          "Monday, as residents of several frontline villages reported damage to homes, a school and a water "
          "pumping station that serves thousands of people in the area.")
NATO = ("Foreign ministers of NATO member states met in Brussels on Tuesday to discuss the alliance's eastern "
        "flank, with several delegations calling for more air defence systems and a larger rotating presence "
        "of troops in the Baltic states and Poland.")
WEATHER = ("Heavy snow closed mountain passes across the Alps on Wednesday, stranding hundreds of travellers and "
           "forcing authorities to cancel trains between several valleys while avalanche warnings stayed at the "
           "highest level for a second consecutive day.")


@pytest.fixture
def ready(store: Store) -> Store:
    """A store with the three sources configured (items reference their source)."""
    store.sync_sources(SOURCES, T0)
    return store


def make_item(title: str, body: str = "", *, source: str = "wire", url: str | None = None,
              guid: str | None = None, summary: str = "", published_at: datetime | None = T0,
              author: str | None = None, publisher: str | None = None, fetched_at: datetime = T0) -> Item:
    """A valid item: hashes computed from its text, location = its link."""
    return rehash(Item(source=source, url=url, guid=guid, title=title, author=author, publisher=publisher,
                       published_at=published_at, published_raw=None, date_suspect=None, fetched_at=fetched_at,
                       summary=summary, body=body, content_hash="", location=url))


def save(store: Store, item: Item, now: datetime = T0) -> int:
    """Store a new item and its first sighting, as the pipeline does."""
    item_id = store.insert_item(item, now)
    store.add_sighting(item_id, item, now)
    return item_id


def placed(store: Store, item: Item, now: datetime = T0) -> tuple[int, int]:
    """A new item in a new story of its own: (item id, story id)."""
    item_id = save(store, item, now)
    story_id = store.place_in_story(item_id, item.title, Placement(None, "first"), title_key(item.title),
                                    signature(item.body), now)
    return item_id, story_id


def new_alert(store: Store, item_id: int, story_id: int, m: Match, now: datetime, from_update: bool = False) -> int:
    """add_alert for an alert that must be new: its id."""
    alert_id = store.add_alert(item_id, story_id, m, now, from_update=from_update)
    assert isinstance(alert_id, int)
    return alert_id


def match(rule: str, term: str = "Donbas") -> Match:
    return Match(rule, (Hit(term, "body", 10, 10 + len(term), term), Hit(term, "title", 0, len(term), term)),
                 f"… {term} …")


# --- sources ---------------------------------------------------------------------------------------

def test_sync_sources_mirrors_config_and_keeps_dropped_sources(store: Store) -> None:
    store.sync_sources(SOURCES, T0)
    view = {o.name: o for o in store.source_overview()}
    assert set(view) == {"wire", "daily", "folder"}
    assert (view["daily"].kind, view["daily"].location, view["daily"].interval) == ("feed", SOURCES[1].location, 600.0)
    assert view["folder"].enabled is False and view["wire"].enabled is True
    assert all(o.in_config for o in view.values())
    fresh = view["wire"]
    assert (fresh.effective_url, fresh.consecutive_failures, fresh.last_fetch_at, fresh.last_outcome,
            fresh.items) == (None, 0, None, None, 0)

    store.sync_sources([SOURCES[0]], T0 + HOUR)
    view = {o.name: o for o in store.source_overview()}
    assert set(view) == {"wire", "daily", "folder"}, "a source dropped from the config is kept"
    assert {n: o.in_config for n, o in view.items()} == {"wire": True, "daily": False, "folder": False}

    moved = replace(SOURCES[1], location="https://daily.example/new.rss", interval=300.0)
    store.sync_sources([SOURCES[0], moved], T0 + 2 * HOUR)
    daily = {o.name: o for o in store.source_overview()}["daily"]
    assert (daily.in_config, daily.location, daily.interval) == (True, moved.location, 300.0)


def test_ensure_source_creates_updates_and_marks(store: Store) -> None:
    store.ensure_source(SOURCES[0], T0, in_config=False)
    (only,) = store.source_overview()
    assert (only.name, only.in_config) == ("wire", False)
    store.ensure_source(replace(SOURCES[0], enabled=False), T0 + HOUR)
    (only,) = store.source_overview()
    assert (only.in_config, only.enabled) == (True, False)


def test_source_state_defaults(ready: Store) -> None:
    assert ready.source_state("never-configured") == SourceState(name="never-configured")
    assert ready.source_state("wire") == SourceState(name="wire")
    assert ready.next_fetch_times() == {}


def test_save_source_state_round_trip(ready: Store) -> None:
    state = SourceState(name="wire", effective_url="https://wire.example/moved.xml", etag='W/"abc"',
                        last_modified="Mon, 10 Jan 2022 11:00:00 GMT", body_hash="f00d", consecutive_failures=3,
                        last_outcome="error", last_error="HTTP 503", last_success_at=T0 - DAY,
                        next_fetch_at=T0 + HOUR, gone_at=T0 - HOUR)
    ready.save_source_state(state, T0)
    got = ready.source_state("wire")
    assert got == state
    for when in (got.last_success_at, got.next_fetch_at, got.gone_at):
        assert when is not None and when.utcoffset() == timedelta(0)
    assert ready.source_state("daily") == SourceState(name="daily"), "another source is untouched"
    assert ready.next_fetch_times() == {"wire": T0 + HOUR}

    wire = {o.name: o for o in ready.source_overview()}["wire"]
    assert (wire.effective_url, wire.consecutive_failures, wire.next_fetch_at, wire.last_success_at,
            wire.gone_at) == (state.effective_url, 3, T0 + HOUR, T0 - DAY, T0 - HOUR)

    cleared = SourceState(name="wire", consecutive_failures=1, last_outcome="error", next_fetch_at=T0 + 2 * HOUR)
    ready.save_source_state(cleared, T0 + HOUR)
    assert ready.source_state("wire") == cleared, "None fields overwrite what was stored"


def test_forget_validators_keeps_the_rest_of_the_state(ready: Store) -> None:
    state = SourceState(name="wire", effective_url="https://wire.example/moved.xml", etag='"e1"',
                        last_modified="Mon, 10 Jan 2022 11:00:00 GMT", body_hash="f00d", consecutive_failures=2,
                        last_outcome="error", last_error="timeout", last_success_at=T0 - DAY, next_fetch_at=T0 + HOUR)
    ready.save_source_state(state, T0)
    ready.save_source_state(replace(state, name="daily"), T0)
    ready.forget_validators("wire")
    assert ready.source_state("wire") == replace(state, effective_url=None, etag=None, last_modified=None,
                                                 body_hash=None)
    assert ready.source_state("daily") == replace(state, name="daily")
    assert ready.next_fetch_times() == {"wire": T0 + HOUR, "daily": T0 + HOUR}


def test_folder_files_are_remembered_per_source(ready: Store) -> None:
    assert ready.folder_files("folder") == {}
    ready.record_folder_file(FolderFile("folder", "/srv/drop/a.txt", 120, 1_641_816_000_000_000_000, "ok"), T0)
    ready.record_folder_file(FolderFile("folder", "/srv/drop/b.html", 9, 1_641_816_000_000_000_001, "error"), T0)
    ready.record_folder_file(FolderFile("folder", "/srv/drop/a.txt", 150, 1_641_819_600_000_000_000, "ok"),
                             T0 + HOUR)
    assert ready.folder_files("folder") == {"/srv/drop/a.txt": (150, 1_641_819_600_000_000_000),
                                            "/srv/drop/b.html": (9, 1_641_816_000_000_000_001)}
    assert ready.folder_files("wire") == {}


def test_record_fetch_and_refusal_show_in_overview(ready: Store) -> None:
    ready.record_refusal("wire", Refusal("http://10.0.0.1/private", "private address"), T0)
    with ready.transaction():
        ready.record_refusal("wire", Refusal("ftp://wire.example/x", "not http(s)"), T0)
        first = ready.record_fetch(FetchRecord("wire", SOURCES[0].location, T0, 120, Outcome.OK, http_status=200,
                                               items_seen=3, items_new=2, items_duplicate=1))
    second = ready.record_fetch(FetchRecord("wire", SOURCES[0].location, T0 + HOUR, 80, Outcome.ERROR,
                                            http_status=503, error="HTTP 503 Service Unavailable"))
    third = ready.record_fetch(FetchRecord("daily", SOURCES[1].location, T0 + HOUR, 50, Outcome.NOT_MODIFIED,
                                           http_status=304))
    assert first < second < third
    view = {o.name: o for o in ready.source_overview()}
    wire, daily, folder = view["wire"], view["daily"], view["folder"]
    assert (wire.last_fetch_at, wire.last_outcome, wire.last_status, wire.last_error) == (
        T0 + HOUR, "error", 503, "HTTP 503 Service Unavailable")
    assert (daily.last_fetch_at, daily.last_outcome, daily.last_status, daily.last_error) == (
        T0 + HOUR, "not_modified", 304, None)
    assert (folder.last_fetch_at, folder.last_outcome) == (None, None)


# --- items -----------------------------------------------------------------------------------------

def test_insert_item_round_trips_every_field(ready: Store) -> None:
    full = replace(make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1",
                             summary="Overnight shelling damaged homes.", author="Olena K.",
                             publisher="Wire Service", published_at=T0 - HOUR),
                   published_raw="Mon, 10 Jan 2022 11:00:00 GMT", date_suspect="future date")
    assert full.text_hash is not None
    bare = make_item("Live updates", published_at=None)
    full_id = ready.insert_item(full, T0 + HOUR)
    bare_id = ready.insert_item(bare, T0 + 2 * HOUR)
    assert full_id != bare_id
    assert ready.item(full_id) == replace(full, fetched_at=T0 + HOUR), "fetched_at of a stored item: its update time"
    assert ready.item(bare_id) == replace(bare, fetched_at=T0 + 2 * HOUR)
    stored = ready.item(full_id)
    assert stored is not None and stored.published_at is not None
    assert stored.published_at.utcoffset() == timedelta(0) and stored.fetched_at.utcoffset() == timedelta(0)
    assert ready.item(max(full_id, bare_id) + 1000) is None


def test_one_item_per_canonical_url(ready: Store) -> None:
    save(ready, make_item("First", DONBAS, url="https://wire.example/a/1"))
    with pytest.raises(StoreError):
        ready.insert_item(make_item("Second", NATO, source="daily", url="https://wire.example/a/1"), T0 + HOUR)
    total, _, rows = ready.history(None)
    assert total == 1 and [r.item.title for r in rows] == ["First"], "the failed insert left nothing"


def test_known_finds_nothing_for_a_new_item(ready: Store) -> None:
    save(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1"))
    assert ready.known(make_item("NATO ministers meet", NATO, url="https://wire.example/a/2", guid="wire-2")) == Known()


def test_known_by_guid_only_within_the_same_source(ready: Store) -> None:
    stored = make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1")
    item_id = save(ready, stored)
    again = make_item("Shelling in Donbas (updated)", DONBAS + " More follows.", url="https://wire.example/a/1-upd",
                      guid="wire-1")
    known = ready.known(again)
    assert known.by_guid is not None
    assert known.by_guid.id == item_id
    assert known.by_guid.item == ready.item(item_id)
    assert known.by_guid.first_seen_at == T0
    assert known.by_guid.story_id is None
    assert known.by_url is None and known.by_content is None

    elsewhere = replace(again, source="daily")
    assert ready.known(elsewhere).by_guid is None


def test_known_by_url_own_and_sighted(ready: Store) -> None:
    item_id = save(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1"))
    by_own = ready.known(make_item("Other headline", WEATHER, source="daily", url="https://wire.example/a/1"))
    assert by_own.by_url is not None and by_own.by_url.id == item_id
    assert by_own.by_guid is None

    assert ready.known(make_item("x", WEATHER, source="daily", url="https://daily.example/copy")).by_url is None
    ready.add_sighting(item_id, make_item("Shelling in Donbas", DONBAS, source="daily",
                                          url="https://daily.example/copy", guid="daily-7"), T0 + HOUR)
    by_sighting = ready.known(make_item("x", WEATHER, source="folder", url="https://daily.example/copy"))
    assert by_sighting.by_url is not None and by_sighting.by_url.id == item_id
    assert by_sighting.by_url.item.url == "https://wire.example/a/1"

    assert ready.item_id_for_url("https://wire.example/a/1") == item_id
    assert ready.item_id_for_url("https://daily.example/copy") == item_id
    assert ready.item_id_for_url("https://nowhere.example/") is None


def test_known_by_another_way_of_writing_the_url(ready: Store) -> None:
    # A feed links the page over http, without its trailing slash, or on the site's mobile host; the
    # page's canonical is https, with it. One article, however its links write it.
    item_id = save(ready, make_item("Shelling in Donbas", DONBAS, url="https://www.wire.example/a/1/", guid="wire-1"))
    for url in ("http://www.wire.example/a/1/", "https://www.wire.example/a/1", "https://m.wire.example/a/1",
                "http://wire.example/a/1"):
        known = ready.known(make_item("x", WEATHER, source="daily", url=url))
        assert known.by_url is not None and known.by_url.id == item_id, url
    assert ready.known(make_item("x", WEATHER, source="daily", url="https://www.wire.example/a/12")).by_url is None
    # The exact address first, where two items are stored under two ways of writing one.
    other = save(ready, make_item("Other", NATO, url="http://www.wire.example/a/1/", guid="wire-2"))
    assert ready.item_id_for_url("http://www.wire.example/a/1/") == other


def test_known_by_url_a_known_guid_was_resighted_under(ready: Store) -> None:
    item_id = save(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1"))
    # The wire moves the entry to a new link, keeping its GUID.
    ready.add_sighting(item_id, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1-moved",
                                          guid="wire-1"), T0 + HOUR)
    assert ready.item_id_for_url("https://wire.example/a/1-moved") == item_id
    known = ready.known(make_item("x", WEATHER, source="daily", url="https://wire.example/a/1-moved"))
    assert known.by_url is not None and known.by_url.id == item_id


def test_url_has_other_guid(ready: Store) -> None:
    item_id = save(ready, make_item("Podcast episode 1", DONBAS, url="https://wire.example/show", guid="ep-1"))
    sibling = ready.known(make_item("Podcast episode 2", NATO, url="https://wire.example/show", guid="ep-2"))
    assert sibling.by_url is not None and sibling.by_url.id == item_id
    assert sibling.url_has_other_guid is True
    assert ready.known(make_item("Podcast episode 1", DONBAS, url="https://wire.example/show",
                                 guid="ep-1")).url_has_other_guid is False
    assert ready.known(make_item("x", NATO, source="daily", url="https://wire.example/show",
                                 guid="d-1")).url_has_other_guid is False, "another source's GUIDs do not count"
    assert ready.known(make_item("x", NATO, url="https://wire.example/show")).url_has_other_guid is False


def test_known_by_content_only_for_identifying_text(ready: Store) -> None:
    long_id = save(ready, make_item("Shelling in Donbas", DONBAS, summary="Overnight shelling.",
                                    url="https://wire.example/a/1", guid="wire-1"))
    short = make_item("Live updates", "Follow the day here.", url="https://wire.example/live", guid="wire-live")
    assert short.text_hash is None
    save(ready, short)

    copy = make_item("Shelling in Donbas", DONBAS, summary="Overnight shelling.", source="daily",
                     url="https://daily.example/b/9", guid="daily-9")
    known = ready.known(copy)
    assert known.by_content is not None and known.by_content.id == long_id
    assert known.by_text is None, "by_text is for the same text under another headline"

    short_copy = make_item("Live updates", "Follow the day here.", source="daily", url="https://daily.example/live")
    assert ready.known(short_copy) == Known()


def test_known_by_text_under_another_headline(ready: Store) -> None:
    item_id = save(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1"))
    retitled = make_item("Villages hit overnight", DONBAS, source="daily", url="https://daily.example/b/1")
    known = ready.known(retitled)
    assert known.by_content is None
    assert known.by_text is not None and known.by_text.id == item_id


def test_source_hash_is_what_that_source_last_delivered(ready: Store) -> None:
    first = make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1")
    item_id = save(ready, first)
    own = ready.known(first).by_guid
    assert own is not None and own.source_hash == first.content_hash
    other = ready.known(make_item("Shelling in Donbas", DONBAS, source="daily", url="https://wire.example/a/1"))
    assert other.by_url is not None and other.by_url.source_hash is None

    edited = make_item("Shelling in Donbas", DONBAS + " Two people were hurt.", url="https://wire.example/a/1",
                       guid="wire-1")
    ready.add_sighting(item_id, edited, T0 + HOUR)
    by_guid = ready.known(edited).by_guid
    assert by_guid is not None and by_guid.source_hash == edited.content_hash != first.content_hash


def test_update_item_and_revisions_oldest_first(ready: Store) -> None:
    v1 = make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1")
    item_id = save(ready, v1)
    assert ready.revisions(item_id) == []
    v2 = make_item("Shelling in Donbas: two hurt", DONBAS + " Two people were hurt.",
                   url="https://wire.example/a/1", guid="wire-1", author="Olena K.")
    v3 = make_item("Shelling in Donbas: three hurt", DONBAS + " Three people were hurt.",
                   url="https://wire.example/a/1", guid="wire-1", author="Olena K.")
    for previous, new, when in ((v1, v2, T0 + HOUR), (v2, v3, T0 + 2 * HOUR)):
        stored = ready.item(item_id)
        assert stored is not None and stored.content_hash == previous.content_hash
        with ready.transaction():
            ready.add_revision(item_id, "wire", stored, when)
            ready.update_item(item_id, new, when)

    assert ready.item(item_id) == replace(v3, fetched_at=T0 + 2 * HOUR)
    revisions = ready.revisions(item_id)
    assert [(r.title, r.body, r.content_hash, r.source, r.fetched_at) for r in revisions] == [
        (v1.title, v1.body, v1.content_hash, "wire", T0 + HOUR),
        (v2.title, v2.body, v2.content_hash, "wire", T0 + 2 * HOUR)]
    assert ready.revisions(item_id + 1000) == []
    known = ready.known(v3)
    assert known.by_guid is not None and known.by_guid.first_seen_at == T0, "an update keeps the first sighting"
    assert known.by_content is not None and known.by_content.id == item_id, "hashes follow the update"


def test_update_item_reindexes_its_text(ready: Store) -> None:
    item_id = save(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
    assert [h.id for h in ready.search("pumping")] == [item_id]
    ready.update_item(item_id, make_item("Snow in the Alps", WEATHER, url="https://wire.example/a/1"), T0 + HOUR)
    assert ready.search("pumping") == []
    assert [h.id for h in ready.search("avalanche")] == [item_id]


def test_recent_links_are_one_sources_recent_sightings(ready: Store) -> None:
    old = make_item("Old", DONBAS, url="https://wire.example/old", guid="wire-old")
    old_id = save(ready, old, T0)
    save(ready, make_item("No guid", NATO, url="https://wire.example/no-guid"), T0 + 2 * HOUR)
    save(ready, make_item("Daily", WEATHER, source="daily", url="https://daily.example/d", guid="daily-1"),
         T0 + 2 * HOUR)
    assert ready.recent_links("wire", T0 + HOUR) == frozenset({"https://wire.example/no-guid"})
    ready.add_sighting(old_id, old, T0 + 3 * HOUR)
    assert ready.recent_links("wire", T0 + HOUR) == frozenset(
        {"https://wire.example/no-guid", "https://wire.example/old", "wire-old"})
    assert ready.recent_links("daily", T0) == frozenset({"https://daily.example/d", "daily-1"})
    assert ready.recent_links("folder", T0 - DAY) == frozenset()


def test_source_overview_counts_items_per_source(ready: Store) -> None:
    a = save(ready, make_item("A", DONBAS, url="https://wire.example/a"))
    save(ready, make_item("B", NATO, url="https://wire.example/b"))
    ready.add_sighting(a, make_item("A", DONBAS, source="daily", url="https://wire.example/a", guid="d-a"), T0 + HOUR)
    assert {o.name: o.items for o in ready.source_overview()} == {"wire": 2, "daily": 1, "folder": 0}


# --- search ----------------------------------------------------------------------------------------

def _search_corpus(store: Store) -> tuple[int, int, int]:
    once = save(store, make_item("Shelling overnight", DONBAS, url="https://wire.example/s/1"))
    other = save(store, make_item("NATO ministers meet", NATO, url="https://wire.example/s/2"))
    most = save(store, make_item("Donbas: Donbas villages hit", "Donbas shelling. Donbas again.",
                                 source="daily", url="https://daily.example/s/3", published_at=None))
    return once, other, most


def test_search_finds_words_best_first_with_a_snippet(ready: Store) -> None:
    once, other, most = _search_corpus(ready)
    hits = ready.search("donbas")
    assert [h.id for h in hits] == [most, once]
    best = hits[0]
    assert isinstance(best, SearchHit)
    assert (best.title, best.url, best.source, best.published_at) == (
        "Donbas: Donbas villages hit", "https://daily.example/s/3", "daily", None)
    assert hits[1].published_at == T0
    assert all("donbas" in h.snippet.casefold() for h in hits)
    assert [h.id for h in ready.search("Brussels ministers")] == [other], "words are all required"
    assert ready.search("Brussels pumping") == []
    assert len(ready.search("donbas", limit=1)) == 1
    assert ready.search("   ") == []


def test_search_finds_a_greek_word_whatever_its_stress_mark(ready: Store) -> None:
    # Capitals drop the stress mark; the matcher reads both alike, and so does search.
    capitals = save(ready, make_item("ΕΝΤΑΣΗ ΣΤΗΝ ΟΥΚΡΑΝΙΑ", "ΣΥΝΟΜΙΛΙΕΣ ΣΤΗ ΓΕΝΕΥΗ.", url="https://wire.example/g/1"), T0)
    marked = save(ready, make_item("Συνομιλίες", "Η Ουκρανία και η Ρωσία συνομιλούν.", url="https://wire.example/g/2"), T0)
    assert {h.id for h in ready.search("Ουκρανία")} == {capitals, marked}
    assert {h.id for h in ready.search("ουκρανια συνομιλουν")} == {marked}


def test_search_finds_a_korean_word_before_its_particles(ready: Store) -> None:
    wanted = save(ready, make_item("국경 긴장", "우크라이나는 제네바 협상을 원한다.", url="https://wire.example/k/1"), T0)
    save(ready, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/k/2"), T0)
    assert [h.id for h in ready.search("우크라이나")] == [wanted]


def test_items_keep_their_language_and_search_keeps_one(ready: Store) -> None:
    from dataclasses import replace

    english = save(ready, replace(make_item("Shelling overnight", DONBAS, url="https://wire.example/l/1"),
                                  language="en"))
    unknown = save(ready, make_item("Donbas shelling again", DONBAS + " Again.", url="https://wire.example/l/2"))
    assert ready.item(english).language == "en"  # type: ignore[union-attr]
    assert ready.item(unknown).language is None  # type: ignore[union-attr]
    assert {h.id: h.language for h in ready.search("donbas")} == {english: "en", unknown: None}
    assert [h.id for h in ready.search("donbas", language="en")] == [english]
    assert ready.search("donbas", language="uk") == []
    assert [h.id for h in ready.search("donb*", raw=True, language="en")] == [english]


USER_TEXTS = ('"', '""', '"Donbas', 'Donbas"', "-", "*", "don*", "AND", "OR NOT", "NOT Donbas", "(", ")",
              "(Donbas", "NEAR(a b)", "NEAR/3", "title:Donbas", "nosuchcolumn:Donbas", "^Donbas", "{}", "+", "'",
              ";", "Donbas AND", "a\x01b", "\u2028", "Донбас", "🙂")


def test_search_quotes_any_user_text(ready: Store) -> None:
    _search_corpus(ready)
    for text in USER_TEXTS:
        hits = ready.search(text)
        assert isinstance(hits, list) and all(isinstance(h, SearchHit) for h in hits), text
    assert [h.title for h in ready.search('"Donbas')] == ["Donbas: Donbas villages hit", "Shelling overnight"]


@pytest.mark.parametrize("text", [
    pytest.param("Don\x00bas", id="nul"),
    pytest.param("Don\udcffbas", id="lone-surrogate"),
])
def test_search_quotes_control_and_undecodable_text(ready: Store, text: str) -> None:
    _search_corpus(ready)
    assert isinstance(ready.search(text), list)


def test_search_raw_syntax(ready: Store) -> None:
    once, other, most = _search_corpus(ready)
    assert {h.id for h in ready.search("Brussels OR pumping", raw=True)} == {once, other}
    for bad in ("Donbas AND", "(Donbas", '"unterminated'):
        with pytest.raises(BadSearchQuery) as caught:
            ready.search(bad, raw=True)
        assert isinstance(caught.value, StoreError)


# --- history (backtests) ---------------------------------------------------------------------------

def _history_corpus(store: Store) -> tuple[int, int, int]:
    donbas = save(store, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/h/1",
                                   published_at=T0 - 5 * DAY), T0)
    nato = save(store, make_item("Ministers meet", NATO, url="https://wire.example/h/2", published_at=None),
                T0 + HOUR)
    alps = save(store, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/h/3",
                                 published_at=T0 - DAY), T0 + 2 * HOUR)
    return donbas, nato, alps


def test_history_without_a_tree_is_every_item(ready: Store) -> None:
    donbas, nato, alps = _history_corpus(ready)
    story = ready.place_in_story(nato, "Ministers meet", Placement(None, "first"), None, None, T0 + HOUR)
    total, _, rows = ready.history(None)
    found = list(rows)
    assert total == len(found) == 3
    assert [r.id for r in found] == [donbas, nato, alps], "oldest first"
    by_id = {r.id: r for r in found}
    assert by_id[donbas].item == ready.item(donbas)
    assert (by_id[nato].story_id, by_id[donbas].story_id) == (story, None)
    assert {r.id: r.day for r in found} == {donbas: "2022-01-05", nato: "2022-01-10", alps: "2022-01-09"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.day) for r in found)


def test_history_with_a_tree_is_a_superset_of_the_matches(ready: Store) -> None:
    donbas, nato, alps = _history_corpus(ready)
    total, prefilter, rows = ready.history(parse_query("Donbas OR NATO"))
    ids = [r.id for r in rows]
    assert total == len(ids)
    assert {donbas, nato} <= set(ids)
    assert prefilter is None or isinstance(prefilter, str)
    if prefilter is not None:
        assert alps not in ids, "a prefilter narrows"
    total, _, rows = ready.history(parse_query("Crimea"))
    assert total == len(list(rows))


@pytest.mark.parametrize("term", ["Україна", "Київ", "Королёв", "Сергей", "Zelenskýy"])
def test_history_finds_terms_whose_letters_carry_marks(ready: Store, term: str) -> None:
    # "ї", "й", "ё" are letters of their own to SQLite's index, which strips marks from Latin letters only.
    texts = {"Україна": "Україна і Київ вимагають гарантій безпеки від союзників.",
             "Київ": "Україна і Київ вимагають гарантій безпеки від союзників.",
             "Королёв": "Заявил Королёв на брифинге в понедельник утром.",
             "Сергей": "Заявил Сергей Лавров на брифинге в понедельник утром.",
             "Zelenskýy": "President Zelenskyy spoke to reporters in Kyiv on Monday."}
    wanted = save(ready, make_item("Statement", texts[term], url="https://wire.example/h/9"), T0)
    save(ready, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/h/8"), T0)
    total, _, rows = ready.history(parse_query(f'"{term}"'))
    assert [r.id for r in rows] == [wanted] and total == 1


@pytest.mark.parametrize(("query", "text"), [
    # What the matcher reads alike (rules.fold), each index holds apart: the prefilter finds both.
    ('"Королев"', "Заявил Королёв на брифинге в понедельник утром."),
    ('"Королёв"', "Заявил Королев на брифинге в понедельник утром."),
    ("Україна", "Украiна і Київ вимагають гарантій безпеки від союзників."),
    ("Україна", "Украіна і Київ вимагають гарантій безпеки від союзників."),
    ('"Верховна Рада"', "Верховна Рада ухвалила закон у вівторок."),
])
def test_history_finds_letters_written_either_way(ready: Store, query: str, text: str) -> None:
    from monitor.models import Rule
    from monitor.rules import compile_rules, match

    wanted = save(ready, make_item("Statement", text, url="https://wire.example/h/9"), T0)
    save(ready, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/h/8"), T0)
    rule = Rule("r", query=query)
    assert match(compile_rules([rule]), ready.item(wanted)), "the matcher reads them alike"
    total, _, rows = ready.history(parse_query(query))
    assert [r.id for r in rows] == [wanted] and total == 1


def test_history_of_a_greek_term_holds_the_items_that_write_it_in_capitals(ready: Store) -> None:
    # A headline in capitals drops the stress mark: the matcher reads "ΟΥΚΡΑΝΙΑ" as "Ουκρανία", and
    # the prefilter asks the index for each spelling (SQLite's keeps the mark; PostgreSQL's drops it).
    from monitor.models import Rule
    from monitor.rules import compile_rules, match

    capitals = save(ready, make_item("ΕΝΤΑΣΗ ΣΤΗΝ ΟΥΚΡΑΝΙΑ", "ΣΥΝΟΜΙΛΙΕΣ ΣΤΗ ΓΕΝΕΥΗ.", url="https://wire.example/h/9"), T0)
    marked = save(ready, make_item("Συνομιλίες", "Η Ουκρανία και η Ρωσία συνομιλούν.", url="https://wire.example/h/10"), T0)
    save(ready, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/h/8"), T0)
    compiled = compile_rules([Rule("r", terms=("Ουκρανία",))])
    total, prefilter, rows = ready.history(parse_query("Ουκρανία"))
    assert prefilter is not None, "it still narrows"
    found = list(rows)
    assert [r.id for r in found] == [capitals, marked] and total == 2
    assert all(match(compiled, r.item) for r in found)


def test_history_of_a_term_with_turkish_dotted_capital_i_holds_its_items(ready: Store) -> None:
    # "İ" lower-cases to "i" and a combining dot, which had cut the term in two for SQLite's prefilter.
    turkish = save(ready, make_item("Müzakereler", "Müzakereler İstanbul'da sürüyor.", url="https://wire.example/h/9"), T0)
    english = save(ready, make_item("Talks", "The talks in Istanbul went on.", url="https://wire.example/h/10"), T0)
    save(ready, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/h/8"), T0)
    total, prefilter, rows = ready.history(parse_query("İstanbul"))
    assert prefilter is not None
    assert [r.id for r in rows] == [turkish, english] and total == 2


@pytest.mark.parametrize(("title", "body", "term", "narrows", "total"), [
    # Both indexes hold a run of Chinese characters as one word: a Chinese term narrows nothing, and
    # the matcher finds it in the items.
    ("普京发表讲话", "俄罗斯总统普京周一表示，谈判将在日内瓦继续进行。", "普京", False, 2),
    # "والناتو" (and the NATO) is one word to both indexes: an Arabic term narrows nothing either, and
    # the matcher finds "ناتو" after its proclitics.
    ("اجتماع وزراء الخارجية", "ناقش وزراء خارجية روسيا والناتو الأمن في أوروبا.", "ناتو", False, 2),
    # "우크라이나는" (Ukraine, with its topic particle) is one word too: a Korean term is asked for as
    # the start of a word, and the matcher finds it before the particle.
    ("국경 긴장", "우크라이나는 제네바 협상을 원한다고 밝혔다.", "우크라이나", True, 1),
])
def test_history_of_a_term_the_indexes_hold_inside_a_longer_word(ready: Store, title: str, body: str, term: str,
                                                                  narrows: bool, total: int) -> None:
    from monitor.models import Rule
    from monitor.rules import compile_rules, match

    wanted = save(ready, make_item(title, body, url="https://wire.example/h/9"), T0)
    save(ready, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/h/8"), T0)
    compiled = compile_rules([Rule("r", terms=(term,))])
    found, prefilter, rows = ready.history(parse_query(term))
    assert (prefilter is not None) == narrows
    assert [r.id for r in rows if match(compiled, r.item)] == [wanted] and found == total


@pytest.mark.parametrize(("language", "title", "body"), [
    ("ja", "NATO加盟国が会合", "NATO加盟国の外相は月曜日、ブリュッセルで会合を開いた。"),
    ("zh", "北约外长会议", "北约NATO外长周二在布鲁塞尔举行会议，讨论乌克兰局势。"),
    ("ja", "ロシア軍の動き", "Россия の部隊が国境付近に集結していると報じられた。"),
    ("th", "การประชุมนาโต", "รัฐมนตรีต่างประเทศของสมาชิกNATOประชุมที่บรัสเซลส์"),
    ("ko", "나토 회의", "NATO는 브뤼셀에서 외무장관 회의를 열었다."),
])
def test_history_of_a_latin_or_cyrillic_term_holds_items_in_scripts_without_spaces_that_have_it(
        ready: Store, language: str, title: str, body: str) -> None:
    # "NATO加盟国" is one word to both indexes, and to the matcher "NATO" beside a Japanese character
    # is a word of its own: the prefilter still narrows, but keeps every Chinese and Japanese item.
    from monitor.models import Rule
    from monitor.rules import compile_rules, match

    term = "Россия" if "Россия" in body else "NATO"
    wanted = save(ready, replace(make_item(title, body, url="https://wire.example/h/9"), language=language), T0)
    save(ready, make_item("Snow in the Alps", WEATHER, source="daily", url="https://daily.example/h/8"), T0)
    save(ready, replace(make_item("雪", "アルプスで雪が降った。", url="https://wire.example/h/7"), language="ja"), T0)
    compiled = compile_rules([Rule("r", terms=(term,))])
    assert match(compiled, ready.item(wanted)), "the matcher finds it"
    total, prefilter, rows = ready.history(parse_query(term))
    assert prefilter is not None, "a Latin or Cyrillic term still narrows"
    found = list(rows)
    assert total == len(found) == 2, "the Alps item is left out; both Japanese items are kept"
    assert [r.id for r in found if match(compiled, r.item)] == [wanted]


def test_history_since_uses_published_else_first_seen(ready: Store) -> None:
    donbas, nato, alps = _history_corpus(ready)
    total, _, rows = ready.history(None, since=T0 - 2 * DAY)
    assert total == 2 and [r.id for r in rows] == [nato, alps]
    total, _, rows = ready.history(parse_query("Donbas OR NATO"), since=T0 - 2 * DAY)
    assert [r.id for r in rows] == [nato] and total == 1
    total, _, rows = ready.history(None, since=T0 + DAY)
    assert total == 0 and list(rows) == []


# --- stories ---------------------------------------------------------------------------------------

def test_place_first_creates_a_story(ready: Store) -> None:
    item_id = save(ready, make_item("Shelling in Donbas villages overnight", DONBAS, url="https://wire.example/a/1"))
    assert ready.story_of(item_id) is None
    story_id = ready.place_in_story(item_id, "Shelling in Donbas villages overnight", Placement(None, "first"),
                                    title_key("Shelling in Donbas villages overnight"), signature(DONBAS), T0)
    assert ready.story_of(item_id) == story_id
    assert ready.story(story_id) == StoryInfo(id=story_id, first_item_id=item_id,
                                              title="Shelling in Donbas villages overnight", created_at=T0,
                                              updated_at=T0)
    assert ready.story(story_id + 1000) is None
    (member,) = ready.story_members(story_id)
    assert (member.id, member.reason, member.similarity, member.sources) == (item_id, "first", None, ("wire",))
    other_id, other_story = placed(ready, make_item("Ministers meet", NATO, url="https://wire.example/a/2"))
    assert other_story != story_id and ready.story_of(other_id) == other_story


def test_story_candidates_by_band_within_the_window(ready: Store) -> None:
    first_id, story_id = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"), T0)
    unrelated_id, _ = placed(ready, make_item("Snow in the Alps", WEATHER, url="https://wire.example/a/2"), T0)
    copy_id = save(ready, make_item("Villages shelled", DONBAS, source="daily", url="https://daily.example/b/1"),
                   T0 + HOUR)
    sig = signature(DONBAS)
    assert sig is not None
    found = ready.story_candidates(copy_id, sig, None, T0 - DAY)
    assert [(c.item_id, c.story_id, c.via) for c in found] == [(first_id, story_id, "band")]
    assert found[0].signature is not None
    assert list(found[0].signature.values) == list(sig.values)
    assert found[0].signature.shingles == sig.shingles
    assert ready.story_candidates(copy_id, sig, None, T0 + timedelta(minutes=30)) == [], "outside the window"
    assert ready.story_candidates(copy_id, None, None, T0 - DAY) == []

    ready.place_in_story(copy_id, "Villages shelled", Placement(story_id, "near_duplicate", 1.0, first_id), None,
                         sig, T0 + HOUR)
    ids = [c.item_id for c in ready.story_candidates(first_id, sig, None, T0 - DAY)]
    assert copy_id in ids and first_id not in ids, "an item is not its own candidate"
    assert unrelated_id not in ids


def test_story_candidates_by_title_key(ready: Store) -> None:
    title = "Shelling hits Donbas villages overnight"
    key = title_key(title)
    assert key is not None
    first_id, story_id = placed(ready, make_item(title, DONBAS, url="https://wire.example/a/1"), T0)
    placed(ready, make_item("Ministers meet in Brussels today", NATO, url="https://wire.example/a/2"), T0)
    short_id = save(ready, make_item("UPDATE 1-" + title, "Short text.", source="daily",
                                     url="https://daily.example/b/1"), T0 + HOUR)
    assert title_key("UPDATE 1-" + title) == key
    found = ready.story_candidates(short_id, None, key, T0 - DAY)
    assert [(c.item_id, c.story_id, c.via) for c in found] == [(first_id, story_id, "title")]
    sig = signature(DONBAS)
    assert found[0].signature is not None and sig is not None
    assert list(found[0].signature.values) == list(sig.values)
    assert ready.story_candidates(short_id, None, key, T0 + timedelta(minutes=30)) == []
    assert ready.story_candidates(first_id, None, key, T0 - DAY) == [], "an item is not its own candidate"
    assert ready.story_candidates(short_id, None, "some other headline words", T0 - DAY) == []


def test_title_candidates_carry_the_whole_signature(ready: Store) -> None:
    title = "Shelling hits Donbas villages overnight"
    placed(ready, make_item(title, DONBAS, url="https://wire.example/a/1"), T0)
    short_id = save(ready, make_item(title, "Short text.", source="daily", url="https://daily.example/b/1"))
    (found,) = ready.story_candidates(short_id, None, title_key(title), T0 - DAY)
    sig = signature(DONBAS)
    assert found.signature is not None and sig is not None
    assert found.signature.shingles == sig.shingles


def test_joining_a_story_members_and_copies(ready: Store) -> None:
    first = make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1",
                      publisher="Wire Service")
    first_id, story_id = placed(ready, first, T0)
    ready.add_sighting(first_id, replace(first, source="daily", guid="daily-1"), T0 + 2 * HOUR)
    copy = make_item("Villages shelled", DONBAS + " Reprinted.", source="folder", url=None,
                     published_at=None)
    copy_id = save(ready, copy, T0 + HOUR)
    joined = ready.place_in_story(copy_id, copy.title, Placement(story_id, "near_duplicate", 0.875, first_id),
                                  None, signature(copy.body), T0 + HOUR)
    assert joined == story_id and ready.story_of(copy_id) == story_id
    info = ready.story(story_id)
    assert info is not None
    assert (info.first_item_id, info.title, info.created_at, info.updated_at) == (
        first_id, "Shelling in Donbas", T0, T0 + HOUR)

    members = ready.story_members(story_id)
    assert [(m.id, m.reason, m.similarity, m.sources) for m in members] == [
        (first_id, "first", None, ("wire", "daily")),
        (copy_id, "near_duplicate", 0.875, ("folder",))]
    assert [(m.title, m.url, m.publisher, m.published_at, m.first_seen_at) for m in members] == [
        ("Shelling in Donbas", "https://wire.example/a/1", "Wire Service", T0, T0),
        ("Villages shelled", None, None, None, T0 + HOUR)]
    assert ready.story_copies(story_id) == (3, ("wire", "folder", "daily"))


# --- alerts and the outbox -------------------------------------------------------------------------

def _alert_corpus(store: Store) -> tuple[int, int, int, int]:
    """Two stories: (first item, its story, second item, its story)."""
    a, story_a = placed(store, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"), T0)
    b, story_b = placed(store, make_item("NATO ministers meet", NATO, source="daily",
                                         url="https://daily.example/b/1"), T0)
    return a, story_a, b, story_b


def test_add_alert_once_per_rule_and_story(ready: Store) -> None:
    a, story_a, _, _ = _alert_corpus(ready)
    copy_id = save(ready, make_item("Villages shelled", DONBAS, source="daily", url="https://daily.example/c"),
                   T0 + HOUR)
    ready.place_in_story(copy_id, "Villages shelled", Placement(story_a, "near_duplicate", 1.0, a), None, None,
                         T0 + HOUR)
    first = new_alert(ready, a, story_a, match("Donbas"), T0)
    assert ready.add_alert(copy_id, story_a, match("Donbas"), T0 + HOUR) is None, "the story already alerted"
    assert ready.add_alert(a, story_a, match("Donbas"), T0 + HOUR) is None
    other_rule = new_alert(ready, copy_id, story_a, match("Shelling", "shelled"), T0 + HOUR)
    assert other_rule != first
    assert [x.id for x in ready.unlogged_alerts()] == [first, other_rule]


def test_alert_fields_round_trip(ready: Store) -> None:
    a, story_a, _, _ = _alert_corpus(ready)
    m = Match("Donbas", (Hit("Donbas", "title", 12, 18, "Donbas"), Hit("Donbass", "body", 3, 10, "DONBASS"),
                         Hit("Donbas", "body", 40, 46, "donbas")), "… shelling in [Donbas] …")
    alert_id = new_alert(ready, a, story_a, m, T0)
    (alert,) = ready.alerts()
    assert alert.id == alert_id
    assert (alert.created_at, alert.rule, alert.terms, alert.count, alert.item_id, alert.story_id) == (
        T0, "Donbas", ("Donbas", "Donbass"), 3, a, story_a)
    assert (alert.title, alert.url, alert.source, alert.published_at, alert.snippet) == (
        "Shelling in Donbas", "https://wire.example/a/1", "wire", T0, "… shelling in [Donbas] …")
    assert alert.hits == m.hits
    assert (alert.acked_at, alert.from_update, alert.earlier_alerts) == (None, False, ())
    assert ready.unlogged_alerts() == [alert]


def test_unlogged_alerts_outbox(ready: Store) -> None:
    a, story_a, b, story_b = _alert_corpus(ready)
    first = new_alert(ready, a, story_a, match("Donbas"), T0)
    second = new_alert(ready, b, story_b, match("NATO", "NATO"), T0 + HOUR)
    third = new_alert(ready, a, story_a, match("Shelling", "Shelling"), T0 + 2 * HOUR)
    assert [x.id for x in ready.unlogged_alerts()] == [first, second, third]
    assert [x.id for x in ready.unlogged_alerts(created_before=T0 + timedelta(minutes=90))] == [first, second]
    assert ready.unlogged_alerts(created_before=T0 - HOUR) == []
    ready.mark_logged([second], T0 + 3 * HOUR)
    assert [x.id for x in ready.unlogged_alerts()] == [first, third]
    ready.mark_logged([], T0 + 3 * HOUR)
    with ready.transaction():
        ready.mark_logged([first, third], T0 + 3 * HOUR)
    assert ready.unlogged_alerts() == []
    assert len(ready.alerts()) == 3, "logged alerts stay listed"


def test_alerts_listing_filters_newest_first(ready: Store) -> None:
    a, story_a, b, story_b = _alert_corpus(ready)
    first = new_alert(ready, a, story_a, match("Donbas"), T0)
    second = new_alert(ready, b, story_b, match("NATO", "NATO"), T0 + HOUR)
    third = new_alert(ready, a, story_a, match("Shelling", "Shelling"), T0 + 2 * HOUR)
    assert [x.id for x in ready.alerts()] == [third, second, first]
    assert [x.id for x in ready.alerts(limit=2)] == [third, second]
    assert [x.id for x in ready.alerts(rules=("NATO",))] == [second]
    assert [x.id for x in ready.alerts(rules=("NATO", "Donbas"))] == [second, first]
    assert [x.id for x in ready.alerts(rules=("Crimea",))] == []
    assert [x.id for x in ready.alerts(since=T0 + HOUR)] == [third, second]
    ready.ack_alerts([third], T0 + 3 * HOUR)
    assert [x.id for x in ready.alerts(unreviewed=True)] == [second, first]
    assert [x.id for x in ready.alerts(rules=("Donbas", "Shelling"), since=T0 + timedelta(minutes=30),
                                       unreviewed=True)] == []


def test_alert_counts_the_copies_of_its_story(ready: Store) -> None:
    a, story_a, _, _ = _alert_corpus(ready)
    alert_id = new_alert(ready, a, story_a, match("Donbas"), T0)
    (alone,) = ready.unlogged_alerts()
    assert (alone.copies, alone.copy_sources) == (1, ("wire",))

    copy = make_item("Villages shelled", DONBAS, source="daily", url="https://daily.example/c", guid="d-c")
    copy_id = save(ready, copy, T0 + HOUR)
    ready.place_in_story(copy_id, copy.title, Placement(story_a, "near_duplicate", 1.0, a), None, None, T0 + HOUR)
    ready.add_sighting(copy_id, replace(copy, source="folder", guid=None), T0 + 2 * HOUR)
    ready.add_sighting(a, make_item("Shelling in Donbas", DONBAS, source="daily", url="https://wire.example/a/1",
                                    guid="d-a"), T0 + 3 * HOUR)
    (alert,) = ready.unlogged_alerts()
    assert alert.id == alert_id
    assert (alert.copies, alert.copy_sources) == (4, ("wire", "daily", "folder"))
    assert ready.story_copies(story_a) == (alert.copies, alert.copy_sources)


def test_alert_from_an_update_names_earlier_alerts(ready: Store) -> None:
    a, story_a, b, story_b = _alert_corpus(ready)
    first = new_alert(ready, a, story_a, match("Donbas"), T0)
    other_item = new_alert(ready, b, story_b, match("NATO", "NATO"), T0)
    later = new_alert(ready, a, story_a, match("Shelling", "Shelling"), T0 + HOUR, from_update=True)
    by_id = {x.id: x for x in ready.alerts()}
    assert (by_id[later].from_update, by_id[later].earlier_alerts) == (True, (first,))
    assert (by_id[first].from_update, by_id[first].earlier_alerts) == (False, ())
    assert by_id[other_item].earlier_alerts == ()


def test_ack_alerts_is_idempotent(ready: Store) -> None:
    a, story_a, b, story_b = _alert_corpus(ready)
    first = new_alert(ready, a, story_a, match("Donbas"), T0)
    second = new_alert(ready, b, story_b, match("NATO", "NATO"), T0)
    missing = max(first, second) + 1000
    assert ready.ack_alerts([first, missing], T0 + HOUR) == ([first], [missing])
    assert ready.ack_alerts([first], T0 + 2 * HOUR) == ([first], [])
    assert ready.ack_alerts([], T0 + 2 * HOUR) == ([], [])
    by_id = {x.id: x for x in ready.alerts()}
    assert by_id[first].acked_at == T0 + HOUR, "acknowledging again keeps the first time"
    assert by_id[second].acked_at is None


def test_story_alerts_oldest_first(ready: Store) -> None:
    a, story_a, b, story_b = _alert_corpus(ready)
    first = new_alert(ready, a, story_a, match("Donbas"), T0)
    ready.add_alert(b, story_b, match("NATO", "NATO"), T0 + HOUR)
    later = new_alert(ready, a, story_a, match("Shelling", "Shelling"), T0 + 2 * HOUR, from_update=True)
    assert [(x.id, x.rule, x.created_at, x.item_id, x.from_update) for x in ready.story_alerts(story_a)] == [
        (first, "Donbas", T0, a, False), (later, "Shelling", T0 + 2 * HOUR, a, True)]
    assert [x.rule for x in ready.story_alerts(story_b)] == ["NATO"]
    assert ready.story_alerts(max(story_a, story_b) + 1000) == []


# --- transactions and lifecycle --------------------------------------------------------------------

class Boom(Exception):
    pass


def test_a_failed_transaction_leaves_nothing(ready: Store) -> None:
    with pytest.raises(Boom):
        with ready.transaction():
            item_id, story_id = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
            assert ready.item(item_id) is not None, "a transaction sees its own writes"
            ready.add_alert(item_id, story_id, match("Donbas"), T0)
            ready.ensure_source(Source("extra", "feed", "https://extra.example/rss"), T0)
            ready.save_source_state(SourceState(name="wire", consecutive_failures=4, next_fetch_at=T0 + DAY), T0)
            ready.record_fetch(FetchRecord("wire", SOURCES[0].location, T0, 10, Outcome.OK))
            ready.record_folder_file(FolderFile("folder", "/srv/drop/a.txt", 1, 2, "ok"), T0)
            raise Boom()
    assert ready.item(item_id) is None
    assert ready.story(story_id) is None
    assert ready.item_id_for_url("https://wire.example/a/1") is None
    assert ready.unlogged_alerts() == []
    assert ready.history(None)[0] == 0
    assert {o.name for o in ready.source_overview()} == {"wire", "daily", "folder"}
    assert ready.source_state("wire") == SourceState(name="wire")
    assert ready.next_fetch_times() == {}
    assert ready.folder_files("folder") == {}
    assert all(o.last_fetch_at is None for o in ready.source_overview())
    # The store is usable afterwards.
    assert isinstance(save(ready, make_item("After", NATO, url="https://wire.example/a/1")), int)


def test_nested_transactions(ready: Store) -> None:
    with ready.transaction():
        kept = save(ready, make_item("Kept", DONBAS, url="https://wire.example/kept"))
        with pytest.raises(Boom):
            with ready.transaction():
                save(ready, make_item("Dropped", NATO, url="https://wire.example/dropped"))
                raise Boom()
        with ready.transaction():
            inner = save(ready, make_item("Inner", WEATHER, url="https://wire.example/inner"))
    assert ready.item(kept) is not None and ready.item(inner) is not None
    assert ready.item_id_for_url("https://wire.example/dropped") is None
    assert [r.item.title for r in ready.history(None)[2]] == ["Kept", "Inner"]

    with pytest.raises(Boom):
        with ready.transaction():
            with ready.transaction():
                save(ready, make_item("Inner of failed", NATO, url="https://wire.example/x"))
            raise Boom()
    assert ready.item_id_for_url("https://wire.example/x") is None, "an inner block commits with its outer one"


def test_lifecycle(backend: str, request: pytest.FixtureRequest) -> None:
    opened = BACKENDS[backend](request)
    versions = opened.schema_version()
    assert isinstance(versions, list) and versions and all(isinstance(v, str) and v for v in versions)
    opened.sync_sources(SOURCES, T0)
    save(opened, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
    opened.maintain()
    opened.maintain(thorough=True)
    assert opened.history(None)[0] == 1
    opened.close()


# --- the notification outbox -------------------------------------------------------------------------

def test_deliveries_are_queued_once_per_target_and_come_due(ready: Store) -> None:
    item_id, story_id = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
    alert_id = new_alert(ready, item_id, story_id, match("Donbas"), T0)
    with ready.transaction():
        ready.add_deliveries(alert_id, ["mail", "hook"], T0)
        ready.add_deliveries(alert_id, ["mail"], T0)  # once per (alert, target)
    assert sorted(ready.targets_with_unsent(T0)) == ["hook", "mail"]
    [due] = ready.unsent_deliveries("mail", T0)
    assert (due.alert.id, due.alert.rule, due.attempts, due.created_at) == (alert_id, "Donbas", 0, T0)
    assert ready.unsent_deliveries("mail", T0 - timedelta(seconds=1)) == []
    assert ready.targets_with_unsent(T0 - timedelta(seconds=1)) == []


def _queued(store: Store, target: str, now: datetime, **message: object) -> int:
    deliveries = store.unsent_deliveries(target, now)
    planned = PlannedMessage(**{"target": target, "kind": "alert", "title": "t", "body": "b",  # type: ignore[arg-type]
                                "delivery_ids": tuple(d.id for d in deliveries), "rules": ("Donbas",), **message})
    [message_id] = store.queue_plan(TargetPlan(messages=(planned,)), now)
    return message_id


def test_a_failed_message_waits_and_a_delivered_one_is_done(ready: Store) -> None:
    item_id, story_id = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
    alert_id = new_alert(ready, item_id, story_id, match("Donbas"), T0)
    ready.add_deliveries(alert_id, ["mail", "hook"], T0)
    mail = _queued(ready, "mail", T0, key="alert-1-mail")
    hook = _queued(ready, "hook", T0)
    assert ready.unsent_deliveries("mail", T0) == []  # in a message now
    due = {m.target: m for m in ready.due_messages(T0)}
    assert (due["mail"].id, due["mail"].key, due["hook"].key) == (mail, "alert-1-mail", f"message-{hook}")
    ready.mark_send_failed(hook, "HTTP 503", T0 + timedelta(minutes=5))
    ready.mark_sent(mail, T0)
    assert ready.due_messages(T0 + timedelta(minutes=1)) == []
    assert ready.next_outbox_time() == T0 + timedelta(minutes=5)
    [again] = ready.due_messages(T0 + timedelta(minutes=5))
    assert (again.target, again.attempts) == ("hook", 1)
    status = {s.target: s for s in ready.delivery_status()}
    assert (status["hook"].pending, status["hook"].failing, status["hook"].last_error) == (1, 1, "HTTP 503")
    assert (status["mail"].pending, status["mail"].last_delivered_at) == (0, T0)
    assert ready.recent_messages("mail", T0 - timedelta(hours=1)) == {"Donbas": T0}
    assert ready.recent_messages("mail", T0 + timedelta(seconds=1)) == {}


def test_held_deliveries_wait_until_their_time_and_show_in_status(ready: Store) -> None:
    item_id, story_id = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
    alert_id = new_alert(ready, item_id, story_id, match("Donbas"), T0)
    ready.add_deliveries(alert_id, ["digest"], T0)
    [delivery] = ready.unsent_deliveries("digest", T0)
    later = T0 + timedelta(hours=3)
    ready.queue_plan(TargetPlan(holds=(Hold((delivery.id,), later, "digest at later"),)), T0)
    assert ready.unsent_deliveries("digest", T0 + timedelta(hours=1)) == []
    assert [d.id for d in ready.unsent_deliveries("digest", None)] == [delivery.id]
    assert ready.next_outbox_time() == later
    assert {s.target: s.held for s in ready.delivery_status()} == {"digest": 1}
    assert ready.last_digest("digest") is None
    _queued(ready, "digest", later, kind="digest")
    assert ready.last_digest("digest") == later


def test_dropped_deliveries_are_never_planned_again(ready: Store) -> None:
    item_id, story_id = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
    alert_id = new_alert(ready, item_id, story_id, match("Donbas"), T0)
    ready.add_deliveries(alert_id, ["mail"], T0)
    [delivery] = ready.unsent_deliveries("mail", T0)
    ready.queue_plan(TargetPlan(dropped=(delivery.id,)), T0)
    assert ready.unsent_deliveries("mail", None) == [] and ready.next_outbox_time() is None


# --- spike and silence alerts ------------------------------------------------------------------------

def test_rule_hourly_counts_stories_by_the_hour_of_their_alert(ready: Store) -> None:
    for n, minutes in enumerate((5, 50, 70)):
        item_id, story_id = placed(ready, make_item(f"Donbas report {n}", f"{DONBAS} Report number {n} differs.",
                                                    url=f"https://wire.example/a/{n}"))
        new_alert(ready, item_id, story_id, match("Donbas"), T0 + timedelta(minutes=minutes))
    assert ready.rule_hourly("Donbas", T0) == {T0: 2, T0 + timedelta(hours=1): 1}
    assert ready.rule_hourly("Donbas", T0 + timedelta(minutes=30)) == {T0: 1, T0 + timedelta(hours=1): 1}
    assert ready.rule_hourly("NATO", T0) == {}
    stories = ready.spike_stories("Donbas", T0, T0 + timedelta(hours=1))
    assert [s.title for s in stories] == ["Donbas report 0", "Donbas report 1"]


def test_a_spike_is_stored_once_per_rule_and_hour_with_its_messages(ready: Store) -> None:
    spike = SpikeAlert(rule="Donbas", hour=T0, count=9, baseline=0.5, p_value=1e-7,
                       stories=(SpikeStory(story_id=1, title="Shelling", url=None, copies=3),))
    message = PlannedMessage(target="ops", kind="spike", title="Spike", body="b", rules=("Donbas",))
    assert ready.add_spike(spike, [message], T0) is not None
    assert ready.add_spike(spike, [message], T0) is None  # the same hour again: nothing, no second message
    [stored] = ready.spikes("Donbas")
    assert (stored.hour, stored.count, stored.stories) == (T0, 9, spike.stories)
    assert ready.last_spike("Donbas") == T0 and ready.last_spike("NATO") is None
    assert [m.kind for m in ready.due_messages(T0)] == ["spike"]


def test_a_sources_arrivals_are_its_first_sightings(ready: Store) -> None:
    assert ready.latest_arrival("wire") is None and ready.source_item_times("wire", T0 - DAY) == []
    save(ready, make_item("One", DONBAS, url="https://wire.example/1"), T0)
    save(ready, make_item("Two", NATO, url="https://wire.example/2"), T0 + HOUR)
    save(ready, make_item("Snow", WEATHER, source="daily", url="https://daily.example/3"), T0 + 2 * HOUR)
    assert ready.latest_arrival("wire") == T0 + HOUR and ready.latest_arrival("daily") == T0 + 2 * HOUR
    assert ready.source_item_times("wire", T0 - DAY) == [T0, T0 + HOUR]
    assert ready.source_item_times("wire", T0 + HOUR / 2) == [T0 + HOUR]


def test_a_silence_is_open_once_per_source_until_cleared(ready: Store) -> None:
    silence = SilenceAlert(source="wire", reason="quiet", since=T0, detail="no new item for 9 h", raised_at=T0)
    message = PlannedMessage(target="ops", kind="silence", title="quiet", body="b")
    first = ready.raise_silence(silence, [message], T0)
    assert first is not None and ready.raise_silence(silence, [message], T0) is None
    assert list(ready.open_silences()) == ["wire"]
    assert ready.clear_silence(first, [replace(message, kind="recovered")], T0 + timedelta(hours=1))
    assert not ready.clear_silence(first, [], T0 + timedelta(hours=2))
    assert ready.open_silences() == {}
    [stored] = ready.silences()
    assert stored.cleared_at == T0 + timedelta(hours=1)
    assert [m.kind for m in ready.due_messages(T0 + timedelta(hours=1))] == ["silence", "recovered"]
    assert ready.raise_silence(silence, [], T0 + timedelta(hours=3)) is not None  # a new one after it cleared


def test_failing_since_is_the_first_failure_after_the_last_success(ready: Store) -> None:
    def fetch(minutes: int, outcome: Outcome) -> None:
        ready.record_fetch(FetchRecord(source="wire", location="https://wire.example/feed",
                                       started_at=T0 + timedelta(minutes=minutes), duration_ms=5, outcome=outcome))
    fetch(0, Outcome.OK)
    assert ready.failing_since("wire") is None
    fetch(10, Outcome.ERROR)
    fetch(20, Outcome.SKIPPED)
    fetch(30, Outcome.ERROR)
    assert ready.failing_since("wire") == T0 + timedelta(minutes=10)
    fetch(40, Outcome.NOT_MODIFIED)
    assert ready.failing_since("wire") is None


def test_source_item_times_are_its_own_sightings(ready: Store) -> None:
    save(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"))
    times = ready.source_item_times("wire", T0 - timedelta(days=1))
    assert len(times) == 1 and ready.source_item_times("other", T0 - timedelta(days=1)) == []
    assert ready.watched_since() is not None


# --- alert filters and unack (issue 11) ------------------------------------------------------------

def _filter_corpus(store: Store) -> tuple[int, int, int, int, int]:
    """Story A (wire's item, a copy from folder) with alerts Donbas and Shelling, story B (daily) with
    NATO: (story A, story B, the Donbas, NATO and Shelling alert ids)."""
    a, story_a, b, story_b = _alert_corpus(store)
    copy = make_item("Villages shelled", DONBAS + " Reprinted.", source="folder", url="https://folder.example/c",
                     summary="A reprint from the drop folder about the overnight shelling.")
    copy_id = save(store, copy, T0 + HOUR)
    store.place_in_story(copy_id, copy.title, Placement(story_a, "near_duplicate", 0.9, a), None, None, T0 + HOUR)
    donbas = new_alert(store, a, story_a, match("Donbas"), T0)
    nato = new_alert(store, b, story_b, match("NATO", "NATO"), T0 + HOUR)
    shelling = new_alert(store, copy_id, story_a, match("Shelling", "shelled"), T0 + 2 * HOUR)
    return story_a, story_b, donbas, nato, shelling


def test_alerts_filter_by_the_sources_that_delivered_their_story(ready: Store) -> None:
    _, _, donbas, nato, shelling = _filter_corpus(ready)
    assert [x.id for x in ready.alerts(sources=("wire",))] == [shelling, donbas], "any copy of the story"
    assert [x.id for x in ready.alerts(sources=("folder",))] == [shelling, donbas]
    assert [x.id for x in ready.alerts(sources=("daily",))] == [nato]
    assert [x.id for x in ready.alerts(sources=("daily", "folder"))] == [shelling, nato, donbas]
    assert ready.alerts(sources=("nobody",)) == []
    for alert in ready.alerts():
        for source in ("wire", "daily", "folder"):
            assert (alert in ready.alerts(sources=(source,))) == (source in alert.copy_sources), (alert.id, source)


def test_alerts_filter_by_story_and_text(ready: Store) -> None:
    story_a, story_b, donbas, nato, shelling = _filter_corpus(ready)
    assert [x.id for x in ready.alerts(stories=(story_b,))] == [nato]
    assert [x.id for x in ready.alerts(stories=(story_a, story_b))] == [shelling, nato, donbas]
    assert ready.alerts(stories=(max(story_a, story_b) + 1000,)) == []
    assert [x.id for x in ready.alerts(text="Brussels")] == [nato], "the body"
    assert [x.id for x in ready.alerts(text="ministers")] == [nato], "the title"
    assert [x.id for x in ready.alerts(text="drop folder")] == [shelling], "the summary; every word"
    assert [x.id for x in ready.alerts(text="SHELLING overnight")] == [shelling, donbas]
    assert ready.alerts(text="shelling Brussels") == []
    assert ready.alerts(text="   ") == [], "no words, no alerts"
    assert ready.alerts(text='" OR NEAR( * -x') == [], "the words are quoted: nothing is a syntax error"


def test_alert_filters_combine(ready: Store) -> None:
    story_a, _, donbas, nato, shelling = _filter_corpus(ready)
    assert [x.id for x in ready.alerts(sources=("wire",), rules=("Donbas", "NATO"))] == [donbas]
    assert [x.id for x in ready.alerts(stories=(story_a,), text="reprinted")] == [shelling]
    assert [x.id for x in ready.alerts(text="shelling", since=T0 + HOUR)] == [shelling]
    assert [x.id for x in ready.alerts(sources=("folder",), limit=1)] == [shelling]
    ready.ack_alerts([shelling], T0 + 3 * HOUR)
    assert [x.id for x in ready.alerts(sources=("folder",), unreviewed=True)] == [donbas]
    assert [x.id for x in ready.alerts(sources=("daily",), stories=(story_a,))] == []
    assert nato in [x.id for x in ready.alerts(unreviewed=True)]


def test_unack_alerts_reverses_ack(ready: Store) -> None:
    a, story_a, b, story_b = _alert_corpus(ready)
    first = new_alert(ready, a, story_a, match("Donbas"), T0)
    second = new_alert(ready, b, story_b, match("NATO", "NATO"), T0)
    missing = max(first, second) + 1000
    ready.ack_alerts([first, second], T0 + HOUR)
    assert ready.unack_alerts([first, missing]) == ([first], [missing])
    assert [x.id for x in ready.alerts(unreviewed=True)] == [first]
    assert ready.unack_alerts([first]) == ([first], []), "an alert not acknowledged exists all the same"
    assert ready.unack_alerts([]) == ([], [])
    by_id = {x.id: x for x in ready.alerts()}
    assert by_id[first].acked_at is None and by_id[second].acked_at == T0 + HOUR
    ready.ack_alerts([first], T0 + 2 * HOUR)
    assert {x.id: x for x in ready.alerts()}[first].acked_at == T0 + 2 * HOUR, "acknowledged anew, at the new time"


# --- retention -------------------------------------------------------------------------------------

def test_prune_leaves_tombstones_known_by_every_key(ready: Store) -> None:
    old = make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1", guid="wire-1")
    old_id, old_story = placed(ready, old, T0)
    ready.add_sighting(old_id, replace(old, url="https://wire.example/a/1-amp"), T0)
    recent_id, _ = placed(ready, make_item("NATO ministers meet", NATO, url="https://wire.example/a/2",
                                           guid="wire-2"), T0 + 40 * DAY)
    policy = Retention(fetches=None, items=30 * 86400.0, revisions=None)
    dry = ready.prune(policy, 14 * 86400.0, T0 + 45 * DAY, dry_run=True)
    assert ready.item(old_id) is not None and dry.dry_run
    done = ready.prune(policy, 14 * 86400.0, T0 + 45 * DAY, batch=1)
    assert done.rows == dry.rows and done.rows["items"] == 1 and done.rows["stories"] == 1
    assert ready.item(old_id) is None and ready.story(old_story) is None
    assert ready.item(recent_id) is not None
    assert ready.search("Donbas") == []
    assert ready.known(old).tombstones == {"guid", "url", "content_hash", "text_hash"}
    assert ready.known(replace(old, guid=None, url="https://wire.example/a/1-amp")).tombstones >= {"url"}
    assert ready.known(replace(old, source="daily", url=None)).tombstones == {"content_hash", "text_hash"}
    assert ready.known(make_item("Snow in the Alps", WEATHER, url="https://wire.example/a/3")).tombstones == set()


def test_prune_drops_bands_older_than_the_window_only(ready: Store) -> None:
    old_id, _ = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"), T0)
    new_id, _ = placed(ready, make_item("NATO ministers meet", NATO, url="https://wire.example/a/2"), T0 + 20 * DAY)
    now = T0 + 21 * DAY
    old_sig, new_sig = signature(DONBAS), signature(NATO)
    assert ready.story_candidates(new_id + 100, old_sig, None, T0 - DAY)  # indexed before
    report = ready.prune(Retention(fetches=None, items=None, revisions=None), 14 * 86400.0, now)
    assert report.rows["lsh_bands"] == 64 and report.rows["items"] == 0
    assert ready.story_candidates(new_id + 100, old_sig, None, T0 - DAY) == []
    assert [c.item_id for c in ready.story_candidates(old_id + 100, new_sig, None, now - 14 * DAY)] == [new_id]
    assert ready.item(old_id) is not None



def _band_rows(store: Store) -> tuple[int, int]:
    """(lsh_bands rows, lsh_banded rows)."""
    return (store.db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0],
            store.db.execute("SELECT count(*) FROM lsh_banded").fetchone()[0])


def test_purging_an_item_inside_the_window_takes_its_band_rows(ready: Store) -> None:
    # lsh_bands has no index on the item and no cascade: the purge finds the rows by the signature's keys.
    old_id, _ = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"), T0)
    kept_id, _ = placed(ready, make_item("NATO ministers meet", NATO, url="https://wire.example/a/2"), T0 + 5 * DAY)
    assert _band_rows(ready) == (128, 2)
    policy = Retention(fetches=None, items=2 * 86400.0, revisions=None)
    now = T0 + 6 * DAY
    planned = ready.prune(policy, 14 * 86400.0, now, dry_run=True)
    report = ready.prune(policy, 14 * 86400.0, now)
    assert report.rows["items"] == 1 and report.rows["lsh_bands"] == 64 == planned.rows["lsh_bands"]
    assert ready.item(old_id) is None and _band_rows(ready) == (64, 1)
    assert ready.story_candidates(kept_id + 100, signature(DONBAS), None, T0 - DAY) == []
    assert [c.item_id for c in ready.story_candidates(kept_id + 100, signature(NATO), None, T0 - DAY)] == [kept_id]


def test_a_replaced_signature_takes_its_old_band_rows_with_it(ready: Store) -> None:
    item_id, story_id = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"), T0)
    ready.place_in_story(item_id, "Shelling in Donbas", Placement(story_id, "first"), None, signature(NATO), T0)
    assert _band_rows(ready) == (64, 1)
    assert ready.story_candidates(item_id + 100, signature(DONBAS), None, T0 - DAY) == []
    assert [c.item_id for c in ready.story_candidates(item_id + 100, signature(NATO), None, T0 - DAY)] == [item_id]
    assert ready.trim_bands(14 * 86400.0, T0 + 15 * DAY) == 64 and _band_rows(ready) == (0, 0)


def test_trim_bands_drops_the_oldest_items_leaving_the_window_only(ready: Store) -> None:
    old_id, _ = placed(ready, make_item("Shelling in Donbas", DONBAS, url="https://wire.example/a/1"), T0)
    new_id, _ = placed(ready, make_item("NATO ministers meet", NATO, url="https://wire.example/a/2"), T0 + 20 * DAY)
    old_sig, new_sig = signature(DONBAS), signature(NATO)
    window = 14 * 86400.0
    assert ready.trim_bands(window, T0 + 13 * DAY) == 0  # nothing left the window yet
    assert ready.story_candidates(new_id + 100, old_sig, None, T0 - DAY)
    assert ready.trim_bands(window, T0 + 21 * DAY, items=1) == 64
    assert ready.story_candidates(new_id + 100, old_sig, None, T0 - DAY) == []
    assert ready.trim_bands(window, T0 + 21 * DAY) == 0  # the oldest banded item is in the window
    assert [c.item_id for c in ready.story_candidates(old_id + 100, new_sig, None, T0 + 7 * DAY)] == [new_id]
    assert ready.item(old_id) is not None and ready.story_of(old_id) is not None


# --- operating it: backup and health questions ---

def test_backup_copies_the_store_and_refuses_an_existing_file(ready: Store, tmp_path: Path) -> None:
    ready.insert_item(make_item("Talks in Geneva", NATO, url="https://wire.example/geneva"), T0)
    target = tmp_path / "copy.db"
    assert ready.backup(target) > 0
    with pytest.raises(StoreError, match="exists"):
        ready.backup(target)
    ready.insert_item(make_item("Shelling in Donbas", DONBAS, url="https://wire.example/donbas"), T0)
    ready.backup(target, force=True)
    copy = open_store(target)  # SQLite: the copy is a database file (another backend opens its own kind)
    try:
        assert copy.item_id_for_url("https://wire.example/geneva") is not None
        assert copy.item_id_for_url("https://wire.example/donbas") is not None
    finally:
        copy.close()


def test_a_store_copied_into_sqlite_keeps_its_text_index_out_of_later_merges(ready: Store, tmp_path: Path) -> None:
    # A copy indexes all its items' text in its one transaction, which FTS5 writes as several
    # segments on its lowest level, where each later commit's small segment joined them: the whole
    # index merged again every few hundred commits. The copy merges them into one, on a level the
    # small segments reach only after thousands of commits.
    from storage.copy import copy_store

    rng = random.Random(5)
    with ready.transaction():
        for n in range(300):
            body = " ".join(f"w{rng.randrange(30000)}" for _ in range(900))
            save(ready, make_item(f"Report {n}", body, url=f"https://wire.example/r/{n}"), T0)
    target = open_store(tmp_path / "copied.db")
    try:
        copy_store(ready, target)
        copied = {row[0] for row in target.db.execute("SELECT DISTINCT segid FROM items_fts_idx")}
        assert len(copied) == 1
        for n in range(40):
            save(target, make_item(f"Later {n}", DONBAS, url=f"https://wire.example/later/{n}"), T0)
        segments = {row[0] for row in target.db.execute("SELECT DISTINCT segid FROM items_fts_idx")}
        assert copied < segments  # still there, beside the later ones (some of them merged)
        assert sorted(hit.id for hit in target.search("w17")) == sorted(hit.id for hit in ready.search("w17"))
    finally:
        target.close()


def test_probe_write_writes_nothing(ready: Store) -> None:
    before = ready.source_overview()
    ready.probe_write()
    assert ready.source_overview() == before


def test_failing_sources_are_those_without_success_since_the_limit(ready: Store) -> None:
    names = [s.name for s in SOURCES]
    ready.save_source_state(SourceState(name="wire", consecutive_failures=5, last_outcome="error",
                                        last_success_at=T0 - 2 * DAY), T0)
    ready.save_source_state(SourceState(name="daily", consecutive_failures=1, last_outcome="error",
                                        last_success_at=T0 - HOUR), T0)
    assert ready.failing_sources(names, T0 - DAY) == [("wire", T0 - 2 * DAY)]
    assert ready.failing_sources(["daily"], T0 - DAY) == []
    assert ready.failing_sources([], T0) == []
    ready.save_source_state(SourceState(name="wire", last_outcome="ok", last_success_at=T0), T0)
    assert ready.failing_sources(names, T0 - DAY) == []


def test_stuck_messages_count_what_was_due_before_the_limit(ready: Store) -> None:
    assert ready.stuck_messages(T0) == (0, None)
    ready.queue_plan(TargetPlan(messages=(PlannedMessage(target="ops", kind="digest", title="held", body="b",
                                                         not_before=T0 + DAY),)), T0 - 3 * HOUR)
    assert ready.stuck_messages(T0 - HOUR) == (0, None)  # held until tomorrow, never tried
    [message] = ready.queue_plan(TargetPlan(messages=(PlannedMessage(target="ops", kind="alert", title="t",
                                                                     body="b"),)), T0 - 2 * HOUR)
    assert ready.stuck_messages(T0 - HOUR) == (1, T0 - 2 * HOUR)
    ready.mark_sent(message, T0)
    assert ready.stuck_messages(T0 - HOUR) == (0, None)
