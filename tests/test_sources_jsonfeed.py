"""JSON Feed 1.0 and 1.1 served over HTTP are read into the same items as an RSS feed's; a JSON body
that is broken, or no JSON Feed, is one line naming the source."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from conftest import run_monitor
from monitor.models import Outcome, RawDocument
from monitor.sources import feed, jsonfeed

BODY = ("<p>The ferry company said on Thursday that the winter timetable would start a week early, "
        "because two of its four boats need new engines before the storms of December.</p>"
        "<p>Passengers with tickets for cancelled crossings can change them free of charge at the harbour "
        "office or on the company's website until the end of the month.</p>")
PLAIN = ("Island councillors asked the regional government for an emergency grant to keep the school bus "
         "running while the ferry timetable is cut.\n\nThe request will be discussed at next week's session.")

FEED_11 = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Harbour Gazette",
    "home_page_url": "https://gazette.example.org/",
    "feed_url": "https://gazette.example.org/feed.json",
    "language": "en",
    "authors": [{"name": "Gazette newsroom"}],
    "items": [
        {"id": "gazette-101", "url": "https://gazette.example.org/2022/01/ferry-timetable",
         "title": "Ferry winter timetable starts early", "summary": "Two boats need new engines.",
         "content_html": BODY, "content_text": "plain text that the HTML wins over",
         "date_published": "2022-01-13T08:30:00+01:00", "date_modified": "2022-01-13T10:00:00+01:00",
         "authors": [{"name": "Ana Mariner"}, {"name": "Ben Quay", "url": "https://gazette.example.org/ben"}],
         "language": "en-GB"},
        {"id": 102, "external_url": "https://council.example.org/minutes/12", "title": "Council asks for bus grant",
         "content_text": PLAIN, "date_modified": "2022-01-14T16:00:00Z"},
        "not an item",
    ],
}

FEED_10 = {
    "version": "https://jsonfeed.org/version/1",
    "title": "Island Notes",
    "author": {"name": "Mara Quay"},
    "items": [
        {"id": "notes-1", "url": "/notes/lighthouse", "title": "Lighthouse keeper retires",
         "content_text": "After thirty-one years the keeper of the north light hands over the keys on Friday.",
         "date_published": "2022-01-12T12:00:00Z", "author": {"name": "Cara Beacon"}},
        {"id": "notes-2", "url": "/notes/harbour-wall", "title": "Harbour wall repaired",
         "content_html": "<p>Masons finished the <b>harbour wall</b> a day ahead of the spring tides.</p>"},
    ],
}


def _rows(db, source: str) -> dict[str, dict]:
    cursor = db.execute("SELECT i.*, s.guid AS sighting_guid FROM items i JOIN item_sightings s ON s.item_id = i.id "
                        "WHERE s.source = ?", [source])
    names = [d[0] for d in cursor.description]
    return {row["title"]: row for row in (dict(zip(names, r)) for r in cursor.fetchall())}


def test_json_feeds_1_1_and_1_0_are_stored_like_rss_items(make_config, feed_server, open_monitor) -> None:
    url_11 = feed_server.add("/feed.json", json.dumps(FEED_11), content_type="application/feed+json")
    url_10 = feed_server.add("/notes/feed.json", json.dumps(FEED_10), content_type="application/json; charset=utf-8")
    monitor = open_monitor(make_config([
        {"name": "gazette", "kind": "feed", "url": url_11, "allow_private": True},
        {"name": "notes", "kind": "feed", "url": url_10, "allow_private": True},
    ]))
    first = monitor.ingest("gazette")
    assert (first.outcome, first.items_new, first.error) == (Outcome.OK, 2, None)
    assert first.warning and "1 of its items are not JSON objects" in first.warning
    gazette = _rows(monitor.db, "gazette")
    ferry = gazette["Ferry winter timetable starts early"]
    assert ferry["url"] == "https://gazette.example.org/2022/01/ferry-timetable"
    assert ferry["sighting_guid"] == "gazette-101"
    assert ferry["author"] == "Ana Mariner, Ben Quay"
    assert ferry["publisher"] == "Harbour Gazette"
    assert ferry["published_at"] == "2022-01-13T07:30:00Z" and ferry["published_raw"] == "2022-01-13T08:30:00+01:00"
    assert ferry["summary"] == "Two boats need new engines."
    assert ferry["body"].startswith("The ferry company said on Thursday") and "<p>" not in ferry["body"]
    assert "plain text that the HTML wins over" not in ferry["body"]
    council = gazette["Council asks for bus grant"]
    assert council["url"] == "https://council.example.org/minutes/12"  # external_url when there is no url
    assert council["sighting_guid"] == "102"
    assert council["author"] == "Gazette newsroom"  # the feed's authors stand for the item's
    assert council["published_at"] == "2022-01-14T16:00:00Z"  # date_modified when not published
    assert council["body"] == PLAIN

    second = monitor.ingest("notes")
    assert (second.outcome, second.items_new, second.error, second.warning) == (Outcome.OK, 2, None, None)
    notes = _rows(monitor.db, "notes")
    lighthouse = notes["Lighthouse keeper retires"]
    assert lighthouse["url"] == feed_server.url("/notes/lighthouse")  # relative: against the feed's address
    assert (lighthouse["author"], lighthouse["sighting_guid"]) == ("Cara Beacon", "notes-1")
    assert lighthouse["published_at"] == "2022-01-12T12:00:00Z"
    wall = notes["Harbour wall repaired"]
    assert wall["author"] == "Mara Quay" and wall["published_at"] is None  # the feed's author
    assert wall["body"] == "Masons finished the harbour wall a day ahead of the spring tides."
    # Fetched again, the same bytes are not read again: as for any feed.
    assert monitor.ingest("notes").outcome is Outcome.UNCHANGED


def _doc(body: bytes, content_type: str | None = "application/feed+json") -> RawDocument:
    return RawDocument(source="s", kind="feed", location="https://gazette.example.org/feed.json", body=body,
                       fetched_at=datetime(2022, 1, 15, tzinfo=timezone.utc), content_type=content_type,
                       final_url="https://gazette.example.org/feed.json")


def test_entries_carry_language_and_the_feed_title() -> None:
    parsed = feed.parse(_doc(json.dumps(FEED_11).encode()))
    assert parsed.title == "Harbour Gazette"
    assert [entry.language for entry in parsed.entries] == ["en-GB", "en"]  # the item's, else the feed's
    assert [entry.body_is_html for entry in parsed.entries] == [True, False]


@pytest.mark.parametrize("body, content_type, expected", [
    (b'\xef\xbb\xbf {"version": 1}', None, True),
    (b'\n  {"a": 1}', "text/plain", True),
    (b"[]", "application/json", True),
    (b"<?xml version='1.0'?><rss/>", "application/json", False),
    (b"<rss/>", "application/rss+xml", False),
])
def test_json_is_told_by_its_first_character_or_its_type(body: bytes, content_type: str | None,
                                                         expected: bool) -> None:
    assert jsonfeed.is_json(body, content_type) is expected


@pytest.mark.parametrize("body, problem", [
    ('{"version": "https://jsonfeed.org/version/1.1", "title": "Cut", "items": [{"id": "1", "title": "Half',
     "JSON that does not parse: Unterminated string"),
    ('{"hello": "world"}', "JSON, not a JSON Feed"),
    ('{"version": "https://jsonfeed.org/version/1.1", "items": {"id": "1"}}', "a JSON Feed without an items list"),
    ('[1, 2, 3]', "JSON, not a JSON Feed"),
])
def test_a_broken_json_feed_is_a_one_line_error_on_its_source(body: str, problem: str, make_config, feed_server,
                                                              open_monitor) -> None:
    url = feed_server.add("/broken.json", body, content_type="application/feed+json")
    monitor = open_monitor(make_config([{"name": "gazette", "kind": "feed", "url": url, "allow_private": True}]))
    record = monitor.ingest()
    assert (record.source, record.outcome, record.items_seen) == ("gazette", Outcome.ERROR, 0)
    assert record.error is not None and "\n" not in record.error
    assert record.error.startswith(f"feed: {url}: {problem}"), record.error


def test_run_once_names_the_source_of_a_broken_json_feed(make_config, feed_server) -> None:
    url = feed_server.add("/broken.json", '{"version": "https://jsonfeed.org/version/1", "items": [',
                          content_type="application/json")
    config = make_config([{"name": "gazette-json", "kind": "feed", "url": url, "allow_private": True}])
    done = run_monitor("run", "--once", "--config", str(config), env={"COLUMNS": "400"})
    assert done.code == 1
    [line] = [line for line in done.stdout.splitlines() if line.startswith("gazette-json")]
    assert "error" in line and "JSON that does not parse" in line
    [logged] = [line for line in done.stderr.splitlines() if "source=gazette-json" in line]
    assert "outcome=error" in logged and "JSON that does not parse" in logged


def test_an_authors_name_written_where_its_object_belongs_is_the_name() -> None:
    items = [{"id": "1", "url": "https://gazette.example.org/a", "title": "Ferry resumes", "content_text": "x",
              "author": "Ana Mariner"},
             {"id": "2", "url": "https://gazette.example.org/b", "title": "Pier closed", "content_text": "x",
              "authors": ["Ben Quay", {"name": "Cara Beacon"}, 7]}]
    parsed = feed.parse(_doc(json.dumps({"version": "https://jsonfeed.org/version/1", "title": "Gazette",
                                         "items": items}).encode()))
    assert [entry.author for entry in parsed.entries] == ["Ana Mariner", "Ben Quay, Cara Beacon"]
