"""The folder kind: each new file is ingested once, as the kind its suffix calls for."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import ROOT
from monitor.models import Outcome
from monitor.pipeline import ingest_source
from monitor.sources import kind_for_path
from monitor.sources.folder import new_files


def _age(path: Path, seconds: float = 10) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_drop_folder_ingests_each_file_once(make_config, tmp_path: Path, open_monitor) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text("Crimea report\n\nTroops were seen in Crimea on Monday.\n")
    (drop / "b.html").write_bytes((ROOT / "samples/pages/geneva-talks.html").read_bytes())
    (drop / "c.xml").write_bytes((ROOT / "samples/feeds/border-crisis.xml").read_bytes())
    (drop / "notes.docx").write_text("ignored")  # (a suffix of no kind of ours)
    (drop / "partial.txt.part").write_text("ignored")
    for p in drop.iterdir():
        _age(p)
    path = make_config([{"name": "drop", "kind": "folder", "path": "drop", "interval": "1m"}])
    monitor = open_monitor(path)
    config, ctx, db = monitor.config, monitor.ctx, monitor.db
    first = ingest_source(db, config.sources[0], ctx)
    assert first.outcome is Outcome.OK
    assert first.items_new == 1 + 1 + 6 and first.items_duplicate == 0
    second = ingest_source(db, config.sources[0], ctx)
    assert (second.items_seen, second.items_new) == (0, 0)
    (drop / "d.txt").write_text("Later\n\nA later report about Donbas.\n")
    _age(drop / "d.txt")
    third = ingest_source(db, config.sources[0], ctx)
    assert third.items_new == 1
    assert db.execute("SELECT count(*) FROM folder_files").fetchone()[0] == 4


def test_fresh_files_wait_until_they_settle(tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text("x\n\ny")
    assert new_files(tmp_path, {}, kind_for_path) == []
    assert [f.path.name for f in new_files(tmp_path, {}, kind_for_path, settle=0)] == ["new.txt"]


def test_a_bad_file_does_not_stop_the_others(make_config, tmp_path: Path, open_monitor) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "bad.xml").write_bytes(b"\x00garbage")
    (drop / "good.txt").write_text("Fine\n\nA fine report.\n")
    for p in drop.iterdir():
        _age(p)
    monitor = open_monitor(make_config([{"name": "drop", "kind": "folder", "path": "drop"}]))
    config, ctx, db = monitor.config, monitor.ctx, monitor.db
    record = ingest_source(db, config.sources[0], ctx)
    assert record.outcome is Outcome.OK and record.items_new == 1
    assert "bad.xml" in record.warning


def test_links_out_of_the_folder_and_special_files_are_refused_and_recorded(make_config, tmp_path: Path,
                                                                            open_monitor) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\n\nInternal notes about Crimea that must never be stored.\n")
    (drop / "escape.txt").symlink_to(secret)
    (drop / "inside.txt").write_text("Inside\n\n" + "A report about Crimea dropped for real, with enough words. " * 4)
    (drop / "alias.txt").symlink_to(drop / "inside.txt")  # a link that stays inside: read like a file
    os.mkfifo(drop / "pipe.txt")  # reading a FIFO would block the run for ever
    for p in (drop / "inside.txt", secret):
        _age(p)
    monitor = open_monitor(make_config([{"name": "drop", "kind": "folder", "path": "drop"}]))
    record = monitor.ingest()
    assert record.outcome is Outcome.OK
    titles = [r[0] for r in monitor.db.execute("SELECT title FROM items")]
    assert titles == ["Inside"]  # alias.txt is the same text: a duplicate, not a second item
    refused = dict(monitor.db.execute("SELECT url, reason FROM refused_links"))
    assert refused == {str(drop / "escape.txt"): f"a link to {secret}, outside the folder",
                       str(drop / "pipe.txt"): "not a regular file"}
    assert "outside the folder" in record.warning
    again = monitor.ingest()  # refused once, not again on every run
    assert again.items_seen == 0
    assert monitor.db.execute("SELECT count(*) FROM refused_links").fetchone()[0] == 2


def test_a_dropped_file_written_again_is_its_articles_update(make_config, tmp_path: Path, open_monitor) -> None:
    # A text file has no address and no GUID of its own: its path is the article's GUID within the
    # folder, so a corrected figure is an update of the item, with its revision kept, not a second item.
    drop = tmp_path / "drop"
    drop.mkdir()
    note = drop / "border.txt"
    note.write_text("Troops at the border\n\nAbout 90,000 troops were seen near the border on Monday, officials said.\n")
    _age(note)
    monitor = open_monitor(make_config([{"name": "drop", "kind": "folder", "path": "drop", "interval": "1m"}]))
    config, ctx, db = monitor.config, monitor.ctx, monitor.db
    assert ingest_source(db, config.sources[0], ctx).items_new == 1
    note.write_text("Troops at the border\n\nAbout 100,000 troops were seen near the border on Monday, officials said.\n")
    _age(note, 60)
    again = ingest_source(db, config.sources[0], ctx)
    assert (again.items_new, again.items_updated) == (0, 1)
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    assert "100,000" in db.execute("SELECT body FROM items").fetchone()[0]
    assert db.execute("SELECT count(*) FROM item_revisions").fetchone()[0] == 1


def test_a_dropped_nexis_export_of_two_documents_is_two_items(make_config, tmp_path: Path, open_monitor) -> None:
    from test_sources_text import NEXIS

    drop = tmp_path / "drop"
    drop.mkdir()
    second = NEXIS.replace("Kremlin dismisses US warnings as 'hysteria'", "Kyiv asks allies for air defence") \
        .replace("described Western warnings of an imminent attack as hysteria", "asked its allies for air defence")
    (drop / "nexis.txt").write_text(f"{NEXIS}\n{second}")
    _age(drop / "nexis.txt")
    monitor = open_monitor(make_config([{"name": "drop", "kind": "folder", "path": "drop", "interval": "1m"}]))
    config, ctx, db = monitor.config, monitor.ctx, monitor.db
    assert ingest_source(db, config.sources[0], ctx).items_new == 2
    rows = db.execute("SELECT title, author, publisher FROM items ORDER BY id").fetchall()
    assert [tuple(row) for row in rows] == [("Kremlin dismisses US warnings as 'hysteria'", "Sergei Volkov", "Interfax Wire Service"),
                                            ("Kyiv asks allies for air defence", "Sergei Volkov", "Interfax Wire Service")]
    # Read again unchanged, it adds nothing.
    assert ingest_source(db, config.sources[0], ctx).items_new == 0


def test_a_dropped_file_is_read_as_what_its_bytes_are_whatever_its_name() -> None:
    # A feed saved as .html, a page saved as .txt: the suffix's parser made one junk article of the
    # feed, and a title "<!DOCTYPE html>" of the page.
    from datetime import datetime, timezone

    from monitor.models import RawDocument
    from monitor.sources import parse

    def read(name: str, body: bytes) -> list[str | None]:
        path = Path("/drop") / name
        doc = RawDocument(source="drop", kind=kind_for_path(path) or "text", location=str(path), body=body,
                          fetched_at=datetime(2021, 12, 7, tzinfo=timezone.utc), path=path)
        return [entry.title for entry in parse(doc).entries]

    feed = (ROOT / "samples/feeds/border-crisis.xml").read_bytes()
    assert len(read("saved.html", feed)) == 6
    page = (ROOT / "samples/pages/geneva-talks.html").read_bytes()
    assert read("saved.txt", page) == read("saved.html", page) and not read("saved.txt", page)[0].startswith("<")


def test_a_saved_pages_address_is_its_items() -> None:
    # The browser's mark on a page saved as a file, or its <base href>: the item's address.
    from datetime import datetime, timezone

    from monitor.models import RawDocument
    from monitor.sources import parse

    page = ("<html lang='en'><head><title>Talks end in Geneva</title></head><body><article><h1>Talks end in Geneva</h1>"
            "<p>American and Russian diplomats met for hours in Geneva but reported no movement on Ukraine, officials "
            "said on Monday evening.</p><p>More talks are planned in Brussels and Vienna later this week.</p>"
            "</article></body></html>").encode()
    for mark in (b"<!-- saved from url=(0044)https://news.example.org/2021/12/07/talks -->\n",
                 b'<base href="https://news.example.org/2021/12/07/talks">'):
        body = mark + page if mark.startswith(b"<!--") else page.replace(b"<head>", b"<head>" + mark, 1)
        path = Path("/drop/talks.html")
        doc = RawDocument(source="drop", kind="page", location=str(path), body=body,
                          fetched_at=datetime(2021, 12, 7, tzinfo=timezone.utc), path=path)
        assert parse(doc).entries[0].url == "https://news.example.org/2021/12/07/talks"
