"""Sources in other languages through the real ingest path: feeds and pages served on 127.0.0.1
declare their language, write their dates in it, and the store keeps each item's language and its
date in UTC; `monitor search --lang` finds items in one language."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import run_monitor
from monitor.dates import UNREADABLE
from monitor.models import Outcome
from test_language import TEXTS

# (language, how its feeds write a date, headline, that date in UTC, the date_suspect expected)
def no_zone(zone: str) -> str:
    return f"no time zone given; read as {zone} time, its language's"


CASES = [
    ("pt", "Seg, 24 Set 2018 10:00:00 -0300", "Conversas em Genebra terminam sem acordo",
     "2018-09-24T13:00:00Z", None),
    ("de", "Di, 21 Dez 2021 09:30:00 +0100", "Gespräche in Genf enden ohne Einigung", "2021-12-21T08:30:00Z", None),
    ("fr", "mar., 21 déc. 2021 09:30:00 +0100", "Les pourparlers de Genève s'achèvent sans accord",
     "2021-12-21T08:30:00Z", None),
    # A date without a zone is read in the zone its language's press writes from, and flagged.
    ("ru", "21 декабря 2021, 14:05", "Переговоры в Женеве завершились без соглашения", "2021-12-21T11:05:00Z",
     no_zone("Europe/Moscow")),
    ("uk", "21 грудня 2021, 14:05", "Переговори в Женеві завершилися без угоди", "2021-12-21T12:05:00Z",
     no_zone("Europe/Kyiv")),
    ("pl", "21 grudnia 2021 14:05", "Rozmowy w Genewie zakończyły się bez porozumienia", "2021-12-21T13:05:00Z",
     no_zone("Europe/Warsaw")),
]
SPOKESPERSON = "Lindqvist"  # a name every language writes the same, to search for


def rss(items: list[tuple[str, str, str, str]], language: str | None = None) -> str:
    """An RSS 2.0 feed of (headline, link, pubDate, text) items, with <language> when given."""
    declared = f"<language>{language}</language>" if language else ""
    body = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link><pubDate>{escape(date)}</pubDate>"
        f"<description>{escape(text)}</description></item>" for title, link, date, text in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
            f"{declared}{body}</channel></rss>")


def _stored(db: object) -> dict[str, tuple]:
    rows = db.execute(  # type: ignore[attr-defined]
        "SELECT url, language, published_at, published_raw, date_suspect FROM items").fetchall()
    return {row[0]: row[1:] for row in rows}


@pytest.fixture
def feeds_in_six_languages(feed_server) -> list[dict[str, object]]:
    """One feed per language, each declaring it (as the outlet writes it) and dating in it."""
    sources = []
    for language, date, headline, _, _ in CASES:
        declared = {"pt": "pt-BR", "de": "de-DE", "fr": "fr", "ru": "ru-RU", "uk": "uk", "pl": "pl-PL"}[language]
        text = f"{TEXTS[language]} {SPOKESPERSON}."
        url = feed_server.add(f"/{language}.xml", rss([(headline, f"https://{language}.example.org/geneva", date,
                                                        text)], declared),
                              content_type="application/rss+xml; charset=utf-8")
        sources.append({"name": f"desk-{language}", "kind": "feed", "url": url, "allow_private": True})
    return sources


@pytest.mark.parametrize(("language", "date", "headline", "utc", "suspect"), CASES, ids=[c[0] for c in CASES])
def test_a_feed_dating_in_its_own_language_stores_utc_and_its_language(
        feeds_in_six_languages, make_config, open_monitor, language, date, headline, utc, suspect) -> None:
    soon_after = datetime.fromisoformat(utc) + timedelta(hours=2)  # read while the news is fresh
    monitor = open_monitor(make_config(feeds_in_six_languages), clock=lambda: soon_after)
    record = monitor.ingest(f"desk-{language}")
    assert (record.outcome, record.items_new) == (Outcome.OK, 1)
    assert _stored(monitor.db)[f"https://{language}.example.org/geneva"] == (language, utc, date, suspect)


def test_a_date_nothing_can_read_stays_null_and_says_why(feed_server, make_config, open_monitor) -> None:
    url = feed_server.add("/odd.xml", rss([(
        "Conversas em Genebra terminam sem acordo", "https://pt.example.org/odd", "Seg, 32 Xyz 2018 10:00",
        TEXTS["pt"])], "pt"), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "odd", "kind": "feed", "url": url, "allow_private": True}]))
    monitor.ingest()
    assert _stored(monitor.db)["https://pt.example.org/odd"] == ("pt", None, "Seg, 32 Xyz 2018 10:00", UNREADABLE)


def test_a_wrong_declaration_gives_way_to_the_text_and_its_dates(feed_server, make_config, open_monitor) -> None:
    # A template that says en-US over every item: the Russian article and its Russian date are read as such.
    url = feed_server.add("/template.xml", rss([
        ("Переговоры в Женеве завершились без соглашения", "https://ru.example.org/long", "21 декабря 2021, 14:05",
         TEXTS["ru"]),
        ("Переговоры в Женеве", "https://ru.example.org/short", "Tue, 21 Dec 2021 11:05:00 GMT", ""),
    ], "en-US"), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "template", "kind": "feed", "url": url, "allow_private": True}]))
    monitor.ingest()
    stored = _stored(monitor.db)
    assert stored["https://ru.example.org/long"][:2] == ("ru", "2021-12-21T11:05:00Z")  # Moscow's time
    # A headline alone overrules the declaration where its script does: no Latin letter under en-US.
    assert stored["https://ru.example.org/short"][:2] == ("ru", "2021-12-21T11:05:00Z")


def test_content_language_header_and_entry_xml_lang(feed_server, make_config, open_monitor) -> None:
    plain = feed_server.add("/plain.xml", rss([("Gespräche in Genf enden ohne Einigung", "https://de.example.org/a",
                                                "Di, 21 Dez 2021 09:30:00 +0100", "Kurz.")]),
                            content_type="application/rss+xml", headers={"Content-Language": "de-AT, en"})
    atom = feed_server.add("/mixed.atom", """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk"><title>Desk</title><id>urn:desk</id>
<updated>2021-12-21T12:05:00Z</updated>
<entry xml:lang="ru"><title>Новости</title><id>urn:desk:1</id><link href="https://ua.example.org/ru/1"/>
<updated>2021-12-21T12:05:00Z</updated><summary>Коротко.</summary></entry>
<entry><title>Новини</title><id>urn:desk:2</id><link href="https://ua.example.org/uk/2"/>
<updated>2021-12-21T12:05:00Z</updated><summary>Коротко.</summary></entry>
</feed>""", content_type="application/atom+xml")
    monitor = open_monitor(make_config([
        {"name": "plain", "kind": "feed", "url": plain, "allow_private": True},
        {"name": "mixed", "kind": "feed", "url": atom, "allow_private": True}]))
    monitor.ingest("plain")
    monitor.ingest("mixed")
    stored = _stored(monitor.db)
    assert stored["https://de.example.org/a"][:2] == ("de", "2021-12-21T08:30:00Z")
    assert stored["https://ua.example.org/ru/1"][0] == "ru"  # the entry's own xml:lang
    assert stored["https://ua.example.org/uk/2"][0] == "uk"  # the feed's


def _page(body: str, html_lang: str | None = None, head: str = "") -> str:
    lang = f' lang="{html_lang}"' if html_lang else ""
    return (f'<!DOCTYPE html><html{lang}><head><meta charset="utf-8"><title>Desk</title>{head}</head>'
            f"<body><article><h1>Desk</h1><p>{escape(body)}</p></article></body></html>")


def test_pages_declare_their_language_in_markup_or_headers(feed_server, make_config, open_monitor) -> None:
    pages = {
        "html-lang": (_page(TEXTS["uk"], "uk-UA"), {}),
        "og-locale": (_page(TEXTS["pt"], head='<meta property="og:locale" content="pt_BR">'), {}),
        "header": (_page(TEXTS["pl"]), {"Content-Language": "pl"}),
        "undeclared": (_page(TEXTS["fr"]), {}),
        "json-ld": (_page(TEXTS["de"], "en", head='<script type="application/ld+json">{"@type": "NewsArticle", '
                                                   '"headline": "Genf", "inLanguage": "de-CH"}</script>'), {}),
    }
    sources = []
    for name, (html, headers) in pages.items():
        url = feed_server.add(f"/{name}", html, content_type="text/html; charset=utf-8", headers=headers)
        sources.append({"name": name, "kind": "page", "url": url, "allow_private": True})
    monitor = open_monitor(make_config(sources))
    for name in pages:
        assert monitor.ingest(name).items_new == 1, name
    languages = dict(monitor.db.execute("SELECT source, language FROM items").fetchall())
    assert languages == {"html-lang": "uk", "og-locale": "pt", "header": "pl", "undeclared": "fr", "json-ld": "de"}


def test_full_text_tells_the_language_a_short_teaser_could_not(feed_server, make_config, open_monitor) -> None:
    article = feed_server.add("/artikel", _page(TEXTS["de"], "de"), content_type="text/html; charset=utf-8")
    url = feed_server.add("/teasers.xml", rss([("NATO", article, "Di, 21 Dez 2021 09:30:00 +0100", "NATO")]),
                          content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "teasers", "kind": "feed", "url": url, "allow_private": True,
                                         "full_text": True}]))
    monitor.ingest()
    ((language, published),) = monitor.db.execute("SELECT language, published_at FROM items").fetchall()
    assert language == "de"
    # The date was read from the feed, before the page said "de": with no language known, in the
    # product's languages, German among them.
    assert published == "2021-12-21T08:30:00Z"


def test_search_by_language(feeds_in_six_languages, make_config, tmp_path: Path) -> None:
    config = make_config(feeds_in_six_languages)
    assert run_monitor("run", "--once", "--config", str(config)).code == 0
    everything = json.loads(run_monitor("search", SPOKESPERSON, "--json", "--config", str(config)).stdout)
    assert sorted(hit["language"] for hit in everything) == sorted(case[0] for case in CASES)
    ukrainian = json.loads(run_monitor("search", SPOKESPERSON, "--lang", "uk", "--json",
                                       "--config", str(config)).stdout)
    assert [(hit["language"], hit["url"]) for hit in ukrainian] == [("uk", "https://uk.example.org/geneva")]
    brazilian = run_monitor("search", SPOKESPERSON, "--lang", "pt-BR", "--config", str(config))
    assert brazilian.code == 0 and "https://pt.example.org/geneva" in brazilian.stdout and "[pt]" in brazilian.stdout
    assert "https://de.example.org/geneva" not in brazilian.stdout
    none = run_monitor("search", SPOKESPERSON, "--lang", "it", "--config", str(config))
    assert (none.code, none.stdout.strip()) == (0, "no matches")
    bad = run_monitor("search", SPOKESPERSON, "--lang", "klingon", "--config", str(config))
    assert bad.code == 2 and "expected a language code" in bad.stderr
    db = sqlite3.connect(tmp_path / "monitor.db")
    assert "USING INDEX items_language" in db.execute(
        "EXPLAIN QUERY PLAN SELECT title FROM items WHERE language = 'uk'").fetchall()[0][3]


def test_an_older_store_gains_the_column_and_keeps_its_items(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from storage import open_store
    from storage.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="0009_item_language")
    old.execute("INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at) "
                "VALUES ('desk', 'feed', 'https://example.org/feed', 900, '2021-12-21T00:00:00Z', "
                "'2021-12-21T00:00:00Z')")
    old.execute("INSERT INTO items (source, title, first_seen_at, updated_at, content_hash) "
                "VALUES ('desk', 'Stored before languages', '2021-12-21T00:00:00Z', '2021-12-21T00:00:00Z', 'h')")
    old.conn.commit()
    old.close()
    store = open_store(path)
    try:
        assert store.execute("SELECT title, language FROM items").fetchall() == [("Stored before languages", None)]
        assert store.item(1).language is None
    finally:
        store.close()
