"""The whole path through `ingest_source`: store once, alert once, survive bad input, log alerts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from monitor.models import Outcome
from monitor.pipeline import ingest_target

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>
<item><title>{title}</title><link>{link}</link><guid isPermaLink="false">{guid}</guid>
<pubDate>Mon, 10 Jan 2022 09:00:00 +0000</pubDate><description><![CDATA[{body}]]></description></item>
</channel></rss>"""

LONG = ("<p>Diplomats met in Geneva on Monday for talks that lasted most of the day. The delegations "
        "discussed troop movements near the border and the demands Moscow set out in December.</p>"
        "<p>Officials said further meetings in Brussels and Vienna would follow later in the week, "
        "with the NATO-Russia Council due to gather on Wednesday.</p>")


def test_reingesting_a_feed_stores_nothing_new(make_config, feed_server, open_monitor) -> None:
    url = feed_server.add("/feed.xml", FEED.format(title="Talks in Geneva", link="https://news.example.org/a?utm_source=rss",
                                                    guid="g-1", body=LONG), content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}])
    monitor = open_monitor(path)
    db = monitor.db
    first = monitor.ingest()
    second = monitor.ingest()
    assert (first.outcome, first.items_new, first.alerts) == (Outcome.OK, 1, 1)
    # Same bytes again: recognised by their hash and not parsed at all.
    assert (second.outcome, second.items_seen, second.alerts) == (Outcome.UNCHANGED, 0, 0)
    assert db.execute("SELECT url FROM items").fetchall() == [("https://news.example.org/a",)]
    assert db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1
    assert [r[0] for r in db.execute("SELECT outcome FROM fetches")] == ["ok", "unchanged"]


TWO_SPELLINGS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Ministers meet in Geneva</title><link>https://news.example.org/articles/a1.html</link>
<description>Short teaser: the ministers met.</description></item>
<item><title>Ministers meet in Geneva</title><link>https://news.example.org/articles/x/../a1.html</link>
<description>Updated teaser: the ministers met for ninety minutes.</description></item>
</channel></rss>"""


def test_a_link_with_dot_segments_is_the_same_item(make_config, feed_server, open_monitor) -> None:
    # "/articles/x/../a1.html" is "/articles/a1.html" (RFC 3986 5.2.4); the teasers are too short to be
    # recognised by their text, so only the canonical URL can tell that this is one article.
    url = feed_server.add("/feed.xml", TWO_SPELLINGS, content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}]))
    record = monitor.ingest()
    assert record.outcome is Outcome.OK and record.items_new == 1
    assert monitor.db.execute("SELECT url FROM items").fetchall() == [("https://news.example.org/articles/a1.html",)]
    assert {r[0] for r in monitor.db.execute("SELECT url FROM item_sightings")} == \
        {"https://news.example.org/articles/a1.html"}


def test_a_sites_signature_is_not_the_storys_text(make_config, feed_server, open_monitor) -> None:
    """WordPress (Yoast SEO) closes every item with "The post TITLE appeared first on SITE.", linking to
    the item: a site named after a place would fire that place's rule on every item it sends."""
    link = "https://crimea-daily.example/2022/01/10/geneva-talks/"
    signature = (f'<p>The post <a rel="nofollow" href="{link}">Talks in Geneva</a> appeared first on '
                 '<a rel="nofollow" href="https://crimea-daily.example">Crimea Daily</a>.</p>')
    url = feed_server.add("/feed.xml", FEED.format(title="Talks in Geneva", link=link, guid="cd-1",
                                                   body=LONG + signature), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}]))
    record = monitor.ingest()
    assert (record.items_new, record.alerts) == (1, 1)
    assert [r[0] for r in monitor.db.execute("SELECT rule FROM alerts")] == ["NATO"]
    summary = monitor.db.execute("SELECT summary FROM items").fetchone()[0]
    assert summary.endswith("due to gather on Wednesday.") and "appeared first" not in summary


def test_a_read_also_line_does_not_fire_its_storys_rules(make_config, feed_server, open_monitor) -> None:
    """"Read also: <another story's headline>" between the paragraphs is a teaser of that story."""
    body = LONG.replace("</p><p>", "</p><p><strong>Read also:</strong> <a href='/b'>Zelenskyy meets his generals</a>"
                                   "</p><p>", 1)
    url = feed_server.add("/feed.xml", FEED.format(title="Talks in Geneva", link="https://news.example.org/a",
                                                   guid="ra-1", body=body), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}]))
    monitor.ingest()
    assert [r[0] for r in monitor.db.execute("SELECT rule FROM alerts")] == ["NATO"]
    assert "Zelenskyy" not in monitor.db.execute("SELECT summary FROM items").fetchone()[0]


SITE_FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Crimea Daily</title>
{items}</channel></rss>"""
SITE_ITEM = """<item><title>{title}</title><link>https://crimea-daily.example/{n}</link><guid>cd-{n}</guid>
<pubDate>Mon, 10 Jan 2022 09:00:00 +0000</pubDate><description><![CDATA[<p>{text}</p>
<p>Follow <a href="https://t.me/crimeadaily">Crimea Daily</a> on Telegram and Facebook.</p>
<p>Found a mistake? Select it and press Ctrl+Enter.</p>]]></description></item>"""


def test_lines_a_site_puts_under_every_item_are_not_the_items_text(make_config, feed_server, open_monitor) -> None:
    """A site's template closes each item with the same lines, here naming the site after a place:
    they would fire that place's rule on every item, and make the items look alike."""
    stories = [("Talks in Geneva", "Diplomats met in Geneva; NATO allies were briefed afterwards."),
               ("Grain exports rise", "Exports through the ports rose by a tenth in December."),
               ("Power lines repaired", "Crews restored power to three villages after the storm.")]
    items = "".join(SITE_ITEM.format(title=title, n=n, text=text) for n, (title, text) in enumerate(stories))
    url = feed_server.add("/feed.xml", SITE_FEED.format(items=items), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "crimea-daily", "kind": "feed", "url": url, "allow_private": True}]))
    record = monitor.ingest()
    assert (record.items_new, record.alerts) == (3, 1)
    assert [r[0] for r in monitor.db.execute("SELECT rule FROM alerts")] == ["NATO"]
    stored = [r[0] for r in monitor.db.execute("SELECT summary FROM items ORDER BY id")]
    assert stored == [text for _, text in stories]


def test_a_feed_that_renames_its_guids_as_its_links_edits_its_items(make_config, feed_server, open_monitor) -> None:
    """A WordPress feed re-listed by a new plugin: its "?p=ID" GUIDs become the permalinks, and one
    story gained a paragraph. The same link from the same source is the same item, edited."""
    link = "https://news.example.org/2021/12/08/talks-in-geneva/"
    url = feed_server.add("/feed.xml", FEED.format(title="Talks in Geneva", link=link,
                                                    guid="https://news.example.org/?p=312001", body=LONG),
                          content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}]))
    assert monitor.ingest().items_new == 1
    feed_server.add("/feed.xml", FEED.format(title="Talks in Geneva", link=link, guid=link,
                                             body=LONG + "<p>Kuleba travels to Brussels next week.</p>"),
                    content_type="application/rss+xml")
    record = monitor.ingest()
    assert (record.items_new, record.items_updated) == (0, 1)
    assert monitor.db.execute("SELECT summary FROM items").fetchone()[0].endswith("Kuleba travels to Brussels next week.")
    assert monitor.db.execute("SELECT count(*) FROM item_revisions").fetchone()[0] == 1


def test_a_google_news_item_and_the_publishers_own_are_one_item(make_config, feed_server, open_monitor) -> None:
    """Google News links through a redirect whose id holds the article's address: the same address
    the publisher's own feed links to, so the two are one item seen twice."""
    from test_sources_feed import GOOGLE_NEWS, google_news_id

    address = "https://www.reuters.com/world/europe/russia-masses-troops-2021-12-06/"
    google = feed_server.add("/google.xml", GOOGLE_NEWS.replace(b"CBMiAbc", google_news_id(address).encode()),
                             content_type="application/rss+xml")
    own = feed_server.add("/reuters.xml", FEED.format(title="Russia masses troops near Ukraine border", link=address,
                                                      guid="r-1", body=LONG), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "google", "kind": "feed", "url": google, "allow_private": True},
                                        {"name": "reuters", "kind": "feed", "url": own, "allow_private": True}]))
    assert (monitor.ingest("google").items_new, monitor.ingest("reuters").items_new) == (1, 0)
    assert monitor.db.execute("SELECT url FROM items").fetchall() == [(address,)]
    assert sorted(r[0] for r in monitor.db.execute("SELECT source FROM item_sightings")) == ["google", "reuters"]


def _feed_linking_a_page_with_another_canonical_url(feed_server) -> str:
    page_html = (ROOT / "samples/pages/geneva-talks.html").read_text(encoding="utf-8")
    page_url = feed_server.add("/2022/01/10/geneva-talks", page_html, content_type="text/html; charset=utf-8")
    feed_server.add("/feed.xml", FEED.format(
        title="U.S. and Russian negotiators end long day in Geneva", link=page_url + "?utm_medium=feed#top",
        guid="geneva-1", body="<p>Teaser: Putin's demands on NATO were on the table.</p>"),
        content_type="application/rss+xml")
    return page_url


def test_feed_item_keeps_its_link_and_alerts_once_per_rule(make_config, feed_server, open_monitor) -> None:
    page_url = _feed_linking_a_page_with_another_canonical_url(feed_server)
    path = make_config([{"name": "desk", "kind": "feed", "url": feed_server.url("/feed.xml"), "allow_private": True}])
    monitor = open_monitor(path)
    record = monitor.ingest()
    assert (record.items_new, record.alerts) == (1, 2)
    assert monitor.db.execute("SELECT url FROM items").fetchall() == [(page_url,)]  # tracking and fragment gone
    assert sorted(r[0] for r in monitor.db.execute("SELECT rule FROM alerts")) == ["NATO", "Putin"]


def test_page_read_from_a_feed_items_link_is_that_item(make_config, feed_server, open_monitor) -> None:
    page_url = _feed_linking_a_page_with_another_canonical_url(feed_server)
    path = make_config([{"name": "desk", "kind": "feed", "url": feed_server.url("/feed.xml"), "allow_private": True}])
    monitor = open_monitor(path)
    monitor.ingest()
    record = ingest_target(monitor.db, page_url, monitor.ctx, kind="page")
    assert record.outcome is Outcome.OK
    assert (record.items_new, record.items_updated) == (0, 1)  # the page fills the teaser's empty fields
    assert monitor.db.execute("SELECT count(*) FROM items").fetchone()[0] == 1
    # NATO and Putin alerted from the feed; the page's full text adds only the rules new to the story.
    alerts = monitor.db.execute("SELECT rule, from_update FROM alerts ORDER BY id").fetchall()
    assert alerts[:2] == [("NATO", 0), ("Putin", 0)] and all(update for _, update in alerts[2:])
    assert len({rule for rule, _ in alerts}) == len(alerts)


def test_same_url_from_feed_then_page_is_stored_once(make_config, feed_server, tmp_path: Path, open_monitor) -> None:
    page = f"""<html><head><title>Talks</title><link rel="canonical" href="{feed_server.url('/story')}"></head>
    <body><nav>NATO Crimea Donbas menu</nav><article><h1>Talks</h1>{LONG}<p>Putin spoke later.</p></article></body></html>"""
    story_url = feed_server.add("/story", page, content_type="text/html")
    feed_url = feed_server.add("/feed.xml", FEED.format(title="Talks", link=story_url + "?fbclid=abc",
                                                        guid="s-1", body="<p>Putin and NATO teaser.</p>"),
                               content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": feed_url, "allow_private": True}])
    monitor = open_monitor(path)
    config, ctx, db = monitor.config, monitor.ctx, monitor.db
    monitor.ingest()
    ingest_target(db, story_url, ctx, kind="page")
    monitor.ingest()
    rows = db.execute("SELECT id, url, body, summary FROM items").fetchall()
    assert len(rows) == 1
    item_id, url, body, summary = rows[0]
    assert url == story_url and "Brussels and Vienna" in body and "teaser" in summary
    rules = [r[0] for r in db.execute("SELECT rule FROM alerts WHERE item_id = ? ORDER BY rule", [item_id])]
    assert rules == ["NATO", "Putin"]  # Crimea/Donbas only in the page's navigation
    lines = Path(config.settings.alert_log).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2


def test_alert_log_lines_survive_newlines_and_quotes(make_config, tmp_path: Path, open_monitor) -> None:
    article = tmp_path / "odd.txt"
    article.write_text('He said "NATO" \\ twice\n\nThe "NATO" line\nwith a break and a \\ backslash about Donbas.\n',
                       encoding="utf-8")
    path = make_config([{"name": "odd", "kind": "text", "path": str(article)}])
    monitor = open_monitor(path)
    config = monitor.config
    record = monitor.ingest()
    assert record.alerts == 2
    raw = Path(config.settings.alert_log).read_bytes()
    lines = raw.decode("utf-8").splitlines()
    assert len(lines) == 2
    for line in lines:
        alert = json.loads(line)
        assert set(alert) >= {"id", "created_at", "rule", "terms", "title", "url", "source", "published_at", "snippet"}
        assert alert["title"] == 'He said "NATO" \\ twice'


def test_alert_json_escapes_every_line_breaking_character() -> None:
    from datetime import datetime, timezone

    from monitor.models import Alert

    nasty = 'a\nb\rc\u2028d\u2029e\x85f\x0bg\x0ch\x1ci"j'
    alert = Alert(id=1, created_at=datetime(2022, 1, 1, tzinfo=timezone.utc), rule="r", terms=("x",),
                  count=1, item_id=1, title=nasty, url=None, source="s", published_at=None, snippet=nasty)
    line = alert.to_json()
    assert line.splitlines() == [line]
    assert json.loads(line)["title"] == nasty


def test_broken_source_is_recorded_and_others_still_run(make_config, feed_server, tmp_path: Path, open_monitor) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Putin speaks\n\nPutin spoke on Friday about the border.\n")
    broken = feed_server.add("/broken.xml", b"<html><body>Not a feed</body></html>", content_type="text/html")
    path = make_config([
        {"name": "broken", "kind": "feed", "url": broken, "allow_private": True},
        {"name": "gone", "kind": "feed", "url": feed_server.url("/missing.xml"), "allow_private": True},
        {"name": "good", "kind": "text", "path": str(good)},
    ])
    monitor = open_monitor(path)
    config, db = monitor.config, monitor.db
    records = [monitor.ingest(s.name) for s in config.sources]
    assert [r.outcome for r in records] == [Outcome.ERROR, Outcome.ERROR, Outcome.OK]
    assert "HTML page, not a feed" in records[0].error
    assert records[1].error.endswith("HTTP 404 Not Found") and records[1].http_status == 404
    assert records[2].items_new == 1
    errors = db.execute("SELECT source, error FROM fetches WHERE outcome = 'error' ORDER BY source").fetchall()
    assert [e[0] for e in errors] == ["broken", "gone"]
    assert all("\n" not in e[1] for e in errors)


def test_updated_text_from_same_source_updates_the_item(make_config, feed_server, open_monitor) -> None:
    url = feed_server.add("/feed.xml", FEED.format(title="Talks", link="https://news.example.org/u", guid="u-1",
                                                    body=LONG), content_type="application/rss+xml")
    path = make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}])
    monitor = open_monitor(path)
    db = monitor.db
    monitor.ingest()
    feed_server.add("/feed.xml", FEED.format(title="Talks on Donbas", link="https://news.example.org/u",
                                             guid="u-1", body=LONG), content_type="application/rss+xml")
    record = monitor.ingest()
    assert (record.items_new, record.items_updated) == (0, 1)
    assert db.execute("SELECT title FROM items").fetchall() == [("Talks on Donbas",)]
    assert sorted(r[0] for r in db.execute("SELECT rule FROM alerts")) == ["Donbas", "NATO"]


ZONELESS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Колонна техники у границы</title><link>https://news.example.org/b1</link>
<description>Жители сообщили о колонне.</description><pubDate>2021-11-12 14:27:00</pubDate></item>
<item><title>Переговоры в Женеве</title><link>https://news.example.org/b2</link>
<description>Делегации встретились.</description><pubDate>Fri, 12 Nov 2021 14:27:00 +0000</pubDate></item>
</channel></rss>"""


@pytest.mark.parametrize(("timezone", "stored"), [
    # The source's zone: its dates without one are read in it, and are not suspect for that.
    ("Europe/Moscow", [("2021-11-12T11:27:00Z", None), ("2021-11-12T14:27:00Z", None)]),
    # None: read in the zone of the item's language (Russian: Moscow's), and flagged as a guess.
    (None, [("2021-11-12T11:27:00Z", "no time zone given; read as Europe/Moscow time, its language's"),
            ("2021-11-12T14:27:00Z", None)]),
])
def test_a_sources_dates_without_a_zone_are_in_its_timezone(make_config, feed_server, open_monitor,
                                                             timezone: str | None, stored: list) -> None:
    url = feed_server.add("/feed.xml", ZONELESS, content_type="application/rss+xml")
    source = {"name": "desk", "kind": "feed", "url": url, "allow_private": True, "timezone": timezone}
    monitor = open_monitor(make_config([{k: v for k, v in source.items() if v is not None}], suspect_age="36500d"))
    assert monitor.ingest().items_new == 2
    assert monitor.db.execute("SELECT published_at, date_suspect FROM items ORDER BY url").fetchall() == stored
