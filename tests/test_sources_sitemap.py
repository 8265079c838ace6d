"""The `sitemap` kind: a Google News sitemap (or an index of sitemaps) served over HTTP; its recent new
articles are read as pages, the sitemap filling what a page lacks; older or already stored ones are
not fetched; robots.txt is asked for each article. usp parses bytes we fetched ourselves."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone

import pytest

from monitor.errors import ParseError
from monitor.models import Outcome, RawDocument
from monitor.sources import sitemap

NOW = datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc)

PARAGRAPHS = (
    "The valley council voted by nine to four on Friday evening to replace the old stone bridge over the "
    "river with a wider steel span, after two years of consultation with the villages on both banks.",
    "Work is due to start in the spring, and a temporary footbridge will carry pedestrians while the road "
    "crossing is closed for about eight months, the council's engineer told the meeting.",
    "Opponents said the new design ignores the bridge's place in local history and asked for a review of "
    "the costs, which have risen by a third since the first estimate was published.",
)
FLOOD = (
    "The environment agency lifted its flood warning for the lower valley on Friday afternoon as the "
    "river fell back below the level of the meadows for the first time in a week.",
    "Residents of the riverside streets were told they could move furniture back downstairs, though the "
    "agency asked them to keep sandbags in place until the end of the month.",
)


def bridge_page() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<title>Council votes for a steel bridge | Valley Courier</title>"
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"headline": "Council votes for a steel bridge", "datePublished": "2022-01-15T08:45:00Z", '
            '"author": {"@type": "Person", "name": "Dora Span"}}</script></head>'
            f"<body><article><h1>Council votes for a steel bridge</h1>{body}</article></body></html>")


def untitled_page(paragraphs: tuple[str, ...] = FLOOD) -> str:
    """An article page with no title, headline or date of its own."""
    return "<!DOCTYPE html><html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + \
        "</article></body></html>"


def news_sitemap(base: str, order: tuple[int, ...] = (0, 1, 2)) -> str:
    urls = [
        f"""<url><loc>{base}/2022/01/15/bridge-vote</loc><news:news><news:publication>
<news:name>Valley Courier</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2022-01-15T09:00:00+00:00</news:publication_date>
<news:title>Bridge vote: council backs steel span</news:title></news:news></url>""",
        f"""<url><loc>{base}/2022/01/14/flood-warning</loc><news:news><news:publication>
<news:name>Valley Courier</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2022-01-14T18:30:00Z</news:publication_date>
<news:title>River flood warning lifted</news:title></news:news></url>""",
        f"""<url><loc>{base}/2022/01/10/market-day</loc><news:news><news:publication>
<news:name>Valley Courier</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2022-01-10T07:00:00Z</news:publication_date>
<news:title>Market day moves to Saturday</news:title></news:news></url>""",
    ]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
            + "\n".join(urls[i] for i in order) + "\n</urlset>")


def sitemap_index(*children: str) -> str:
    listed = "".join(f"<sitemap><loc>{child}</loc><lastmod>2022-01-15T09:00:00Z</lastmod></sitemap>"
                     for child in children)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</sitemapindex>')


ARTICLES = ("/2022/01/15/bridge-vote", "/2022/01/14/flood-warning", "/2022/01/10/market-day")


def _serve_articles(feed_server) -> None:
    feed_server.add(ARTICLES[0], bridge_page(), content_type="text/html; charset=utf-8")
    feed_server.add(ARTICLES[1], untitled_page(), content_type="text/html; charset=utf-8")
    feed_server.add(ARTICLES[2], untitled_page(PARAGRAPHS), content_type="text/html; charset=utf-8")


def _items(db) -> dict[str, dict]:
    cursor = db.execute("SELECT i.*, s.guid AS sighting_guid FROM items i JOIN item_sightings s ON s.item_id = i.id")
    names = [d[0] for d in cursor.description]
    return {row["url"]: row for row in (dict(zip(names, r)) for r in cursor.fetchall())}


@pytest.mark.parametrize("through_index", [False, True], ids=["news-sitemap", "sitemap-index"])
def test_recent_new_articles_are_read_as_pages_once(through_index: bool, make_config, feed_server,
                                                    open_monitor) -> None:
    _serve_articles(feed_server)
    news_url = feed_server.add("/news-sitemap.xml", news_sitemap(feed_server.base), content_type="application/xml")
    url = news_url
    if through_index:
        url = feed_server.add("/sitemap-index.xml", sitemap_index(news_url, feed_server.url("/gone-sitemap.xml")),
                              content_type="application/xml")
    monitor = open_monitor(make_config([{"name": "courier", "kind": "sitemap", "url": url, "allow_private": True}]),
                           clock=lambda: NOW)
    record = monitor.ingest()
    assert (record.outcome, record.items_new, record.error) == (Outcome.OK, 2, None)
    assert [feed_server.hits(path) for path in ARTICLES] == [1, 1, 0]  # the third is older than 2 days
    assert feed_server.hits("/robots.txt") == 1
    if through_index:
        assert record.warning and "gone-sitemap.xml: HTTP 404" in record.warning  # one bad sitemap costs itself
    items = _items(monitor.db)
    bridge = items[feed_server.url(ARTICLES[0])]
    # The page's own metadata wins where it has some …
    assert (bridge["title"], bridge["author"]) == ("Council votes for a steel bridge", "Dora Span")
    assert bridge["published_at"] == "2022-01-15T08:45:00Z"
    assert bridge["body"].startswith(PARAGRAPHS[0][:60]) and PARAGRAPHS[2][:60] in bridge["body"]
    assert bridge["sighting_guid"] == feed_server.url(ARTICLES[0])
    # … and the sitemap's news:title, date and publication fill in where it has none.
    flood = items[feed_server.url(ARTICLES[1])]
    assert flood["title"] == "River flood warning lifted"
    assert flood["published_at"] == "2022-01-14T18:30:00Z" and flood["date_suspect"] is None
    assert flood["publisher"] == "Valley Courier"
    assert FLOOD[1][:60] in flood["body"]

    # The next run: the same sitemap again, then the same articles listed in another order.
    again = monitor.ingest()
    assert (again.outcome, again.items_new) == ((Outcome.OK if through_index else Outcome.UNCHANGED), 0)
    feed_server.add("/news-sitemap.xml", news_sitemap(feed_server.base, order=(2, 1, 0)),
                    content_type="application/xml")
    third = monitor.ingest()
    assert (third.outcome, third.items_new, third.items_seen) == (Outcome.OK, 0, 0)
    assert [feed_server.hits(path) for path in ARTICLES] == [1, 1, 0]  # stored articles are not fetched again
    assert feed_server.hits("/news-sitemap.xml") == 3
    assert feed_server.hits("/robots.txt") == 1


def test_sitemap_window_and_robots_txt_decide_which_articles_are_fetched(make_config, feed_server,
                                                                         open_monitor) -> None:
    _serve_articles(feed_server)
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /2022/01/14/\n", content_type="text/plain")
    url = feed_server.add("/news-sitemap.xml.gz", gzip.compress(news_sitemap(feed_server.base).encode()),
                          content_type="application/x-gzip")
    monitor = open_monitor(make_config([{"name": "courier", "kind": "sitemap", "url": url, "allow_private": True,
                                         "sitemap_window": "7d"}]), clock=lambda: NOW)
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 3)  # a week: the market-day story too
    assert [feed_server.hits(path) for path in ARTICLES] == [1, 0, 1]
    refused = monitor.db.execute("SELECT url, reason FROM refused_links").fetchall()
    flood_url = feed_server.url(ARTICLES[1])
    assert refused == [(flood_url, f"{flood_url}: refused: robots.txt of {feed_server.base} disallows it for "
                                   "media-monitor")]
    # The disallowed article is stored as the sitemap describes it, and so never asked for again.
    flood = _items(monitor.db)[feed_server.url(ARTICLES[1])]
    assert (flood["title"], flood["published_at"], flood["body"]) == (
        "River flood warning lifted", "2022-01-14T18:30:00Z", "")
    feed_server.add("/news-sitemap.xml.gz", gzip.compress(news_sitemap(feed_server.base, (1, 0, 2)).encode()),
                    content_type="application/x-gzip")
    assert monitor.ingest().items_new == 0
    assert monitor.db.execute("SELECT count(*) FROM refused_links").fetchone()[0] == 1


def test_a_configured_sitemap_is_fetched_even_where_robots_txt_disallows_it(make_config, feed_server,
                                                                             open_monitor) -> None:
    _serve_articles(feed_server)
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /sitemaps/\n", content_type="text/plain")
    url = feed_server.add("/sitemaps/news.xml", news_sitemap(feed_server.base), content_type="text/xml")
    monitor = open_monitor(make_config([{"name": "courier", "kind": "sitemap", "url": url, "allow_private": True}]),
                           clock=lambda: NOW)
    assert monitor.ingest().items_new == 2


# --------------------------------------------------------------------------- the parser, on our own bytes

def _doc(body: bytes, location: str = "https://courier.example.org/news-sitemap.xml") -> RawDocument:
    return RawDocument(source="courier", kind="sitemap", location=location, body=body, fetched_at=NOW,
                       final_url=location, max_bytes=1_000_000)


def test_usp_reads_the_news_fields_from_bytes_we_fetched() -> None:
    parsed = sitemap.parse(_doc(gzip.compress(news_sitemap("https://courier.example.org").encode())))
    assert parsed.links == () and parsed.warning is None
    first = parsed.entries[0]
    assert (first.url, first.guid, first.title, first.publisher, first.language) == (
        "https://courier.example.org/2022/01/15/bridge-vote", "https://courier.example.org/2022/01/15/bridge-vote",
        "Bridge vote: council backs steel span", "Valley Courier", "en")
    assert first.published_hint == datetime(2022, 1, 15, 9, 0, tzinfo=timezone.utc)
    fresh, undated = sitemap.recent(parsed.entries, NOW - timedelta(days=2))
    assert [entry.title for entry in fresh] == ["Bridge vote: council backs steel span", "River flood warning lifted"]
    assert undated == 0


def test_an_index_gives_the_sitemaps_it_lists_and_fetches_nothing() -> None:
    parsed = sitemap.parse(_doc(sitemap_index("https://courier.example.org/a.xml",
                                              "https://courier.example.org/b.xml").encode()))
    assert parsed.entries == ()
    assert parsed.links == ("https://courier.example.org/a.xml", "https://courier.example.org/b.xml")


def test_an_indexs_sitemaps_come_newest_first_the_undated_after_them() -> None:
    # Yoast lists a site's post sitemaps oldest first: read in that order, a run's MAX_SITEMAPS never
    # reached a large site's new posts.
    listed = [("post-sitemap.xml", "2019-03-01T10:00:00+00:00"), ("post-sitemap2.xml", "2021-12-07T09:00:00+02:00"),
              ("page-sitemap.xml", ""), ("post-sitemap3.xml", "2021-12-07T08:30:00Z"), ("category-sitemap.xml", "2021-11-30")]
    body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<sitemap><loc>https://desk.example/{name}</loc>" + (f"<lastmod>{when}</lastmod>" if when else "")
                      + "</sitemap>" for name, when in listed) + "</sitemapindex>")
    parsed = sitemap.parse(_doc(body.encode()))
    assert [link.rsplit("/", 1)[1] for link in parsed.links] == [
        "post-sitemap3.xml", "post-sitemap2.xml", "category-sitemap.xml", "post-sitemap.xml", "page-sitemap.xml"]


def test_lastmod_dates_the_urls_of_a_plain_sitemap() -> None:
    body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<url><loc>https://courier.example.org/a</loc><lastmod>2022-01-15</lastmod></url>"
            "<url><loc>https://courier.example.org/b</loc><lastmod>2021-12-01T10:00:00+01:00</lastmod></url>"
            "<url><loc>https://courier.example.org/c</loc></url></urlset>").encode()
    parsed = sitemap.parse(_doc(body))
    fresh, undated = sitemap.recent(parsed.entries, NOW - timedelta(days=2))
    assert [entry.url for entry in fresh] == ["https://courier.example.org/a"]  # a date without a zone: UTC
    assert undated == 1


def test_a_sitemap_cut_short_keeps_what_was_read_and_says_so() -> None:
    body = news_sitemap("https://courier.example.org").encode()
    cut = body[: body.index(b"<url><loc>https://courier.example.org/2022/01/10")]
    parsed = sitemap.parse(_doc(cut))
    assert len(parsed.entries) == 2
    assert parsed.warning and parsed.warning.startswith("sitemap has problems but was read: no element found")


@pytest.mark.parametrize("body, message", [
    (b"<!DOCTYPE html><html><body><p>Not here</p></body></html>", "not a sitemap"),
    (b"<html><body><p>Not here</p></body></html>", "not a sitemap (its root element is <html>)"),
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
     b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&lol2;</loc></url>'
     b"</urlset>", "a DTD or entity declaration"),
    (b"", "the sitemap is empty"),
    (b"\x1f\x8bnot really gzip", "gzip-compressed bytes that do not inflate"),
])
def test_what_is_no_sitemap_is_a_one_line_parse_error(body: bytes, message: str) -> None:
    with pytest.raises(ParseError) as info:
        sitemap.parse(_doc(body))
    text = str(info.value)
    assert text.startswith("sitemap: https://courier.example.org/news-sitemap.xml: ") and message in text, text
    assert "\n" not in text


def test_a_page_that_gives_only_the_day_takes_the_sitemaps_time_on_it() -> None:
    from monitor.models import Entry
    from monitor.sources.sitemap import with_page

    listed = Entry(title="Flood warning lifted", url="https://courier.example/2022/01/14/flood", guid="g",
                   published="2022-01-14T18:30:00+00:00")
    assert with_page(listed, Entry(title="Flood", url=listed.url, published="2022-01-14")).published == listed.published
    # Another day, or a time of its own: the page's word stands.
    assert with_page(listed, Entry(title="Flood", url=listed.url, published="2022-01-13")).published == "2022-01-13"
    own = "2022-01-14T18:45:00+00:00"
    assert with_page(listed, Entry(title="Flood", url=listed.url, published=own)).published == own
