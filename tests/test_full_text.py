"""`full_text = true` feeds: each new item's page is fetched and its article text becomes the body;
links that policy forbids are not fetched, are recorded in `refused_links`, and leave the item as the
feed gave it."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.config import load
from monitor.models import Config, Outcome
from monitor.pipeline import Context, ingest_source
from storage import Store, open_store

RULES = """
[[rules]]
name = "Donbas"
terms = ["Donbas"]

[[rules]]
name = "Crimea"
terms = ["Crimea"]

[[rules]]
name = "Kharkiv"
terms = ["Kharkiv"]
"""

TEASER = "Teaser: diplomats met again on Monday."


def rss(*items: tuple[str, str, str]) -> str:
    """An RSS feed of (title, link, description) items."""
    body = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<guid isPermaLink=\"false\">item-{n}</guid><pubDate>Mon, 10 Jan 2022 09:00:00 +0000</pubDate>"
        f"<description>{escape(description)}</description></item>"
        for n, (title, link, description) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>{body}'
            f"</channel></rss>")


ARTICLE = [
    "Diplomats from both delegations met in Geneva on Monday for talks that lasted most of the day, "
    "according to officials who briefed reporters outside the mission afterwards.",
    "The discussions turned repeatedly to Crimea, where naval exercises announced last week have raised "
    "concern among neighbouring governments and shipping companies operating in the region.",
    "Officials said further meetings in Brussels and Vienna would follow later in the week, with both sides "
    "describing the atmosphere as businesslike but noting that no agreement had been reached.",
    "A senior negotiator said the next round would focus on verification measures and on the timetable for "
    "withdrawing equipment from the exercise areas along the coast.",
]


def page(headline: str = "Talks in Geneva run long") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} | Desk</title>
<meta property="og:title" content="{headline}"></head><body>
<header class="site-header"><nav class="main-nav"><a href="/">Home</a> <a href="/donbas">Donbas</a>
<a href="/world">World</a> <a href="/kharkiv">Kharkiv live</a></nav></header>
<main><article><h1>{headline}</h1><p class="byline">By Ann Writer</p>{paragraphs}</article>
<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Shelling reported across Donbas overnight</a></li>
<li><a href="/b">What we know about the fighting near Kharkiv</a></li></ul></aside></main>
<footer class="site-footer"><p>Our Donbas and Kharkiv bureaus. Copyright 2022 Desk.</p></footer>
</body></html>"""


def _run(config_path: Path):
    config = load(config_path)
    return config, Context.build(config), open_store(config)


@contextlib.contextmanager
def _full_text_desk(make_config, feed_url: str) -> Iterator[tuple[Config, Context, Store]]:
    """A config with one full-text feed source, "desk", its context and its store, closed after."""
    path = make_config([{"name": "desk", "kind": "feed", "url": feed_url, "full_text": True,
                         "allow_private": True}], rules=RULES, timeout="1s", deadline="3s")
    config, ctx, db = _run(path)
    try:
        yield config, ctx, db
    finally:
        ctx.close()
        db.close()


def _item(db, url: str | None = None, title: str | None = None) -> dict:
    where, args = ("url = ?", [url]) if url else ("title = ?", [title])
    cursor = db.execute(f"SELECT * FROM items WHERE {where}", args)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    assert len(rows) == 1, rows
    return rows[0]


def test_body_is_the_article_and_page_chrome_raises_no_alert(make_config, feed_server) -> None:
    story = feed_server.add("/2022/01/10/geneva", page(), content_type="text/html; charset=utf-8")
    feed_url = feed_server.add("/feed.xml", rss(("Talks in Geneva run long", story, TEASER)),
                               content_type="application/rss+xml")
    with _full_text_desk(make_config, feed_url) as (config, ctx, db):
        record = ingest_source(db, config.sources[0], ctx)
        assert (record.outcome, record.items_new, record.error, record.refusals) == (Outcome.OK, 1, None, ())
        assert feed_server.hits("/2022/01/10/geneva") == 1
        item = _item(db, url=story)
        body = item["body"]
        for paragraph in ARTICLE:
            assert paragraph in body
        assert TEASER not in body  # the teaser is not the body …
        assert TEASER in item["summary"] or TEASER in item["title"] + item["summary"]  # … it stays the summary
        for chrome in ("Donbas", "Kharkiv", "Related stories", "Copyright", "Home"):
            assert chrome not in body
        rules = [r[0] for r in db.execute("SELECT rule FROM alerts WHERE item_id = ?", [item["id"]])]
        assert rules == ["Crimea"]  # only in the article; Donbas and Kharkiv only in nav/related/footer
        assert record.alerts == 1
        # The next run does not fetch the page of an item already stored.
        feed_server.add("/feed.xml", rss(("Talks in Geneva run long", story, TEASER),
                                         ("Second story", feed_server.url("/missing"), "Second teaser text.")),
                        content_type="application/rss+xml")
        again = ingest_source(db, config.sources[0], ctx)
        assert again.outcome is Outcome.OK and again.items_new == 1
        assert feed_server.hits("/2022/01/10/geneva") == 1


def test_a_link_to_a_page_that_sends_its_reader_on_gives_the_article_it_sends_to(make_config, feed_server) -> None:
    story = feed_server.add("/2022/01/10/geneva", page(), content_type="text/html; charset=utf-8")
    stub = feed_server.add("/go/abc", f'<html><head><meta http-equiv="refresh" content="0; url={story}">'
                                      f'<script>location.replace("{story}")</script></head><body></body></html>',
                           content_type="text/html; charset=utf-8")
    feed_url = feed_server.add("/feed.xml", rss(("Talks in Geneva run long", stub, TEASER)),
                               content_type="application/rss+xml")
    with _full_text_desk(make_config, feed_url) as (config, ctx, db):
        record = ingest_source(db, config.sources[0], ctx)
        assert (record.outcome, record.items_new, record.error) == (Outcome.OK, 1, None)
        assert (feed_server.hits("/go/abc"), feed_server.hits("/2022/01/10/geneva")) == (1, 1)
        body = _item(db, title="Talks in Geneva run long")["body"]
        for paragraph in ARTICLE:
            assert paragraph in body


def test_a_page_that_cannot_be_had_keeps_the_feed_text(make_config, feed_server) -> None:
    missing = feed_server.url("/gone-page")
    feed_url = feed_server.add("/feed.xml", rss(("Talks on Crimea", missing, TEASER)),
                               content_type="application/rss+xml")
    with _full_text_desk(make_config, feed_url) as (config, ctx, db):
        record = ingest_source(db, config.sources[0], ctx)
        assert (record.outcome, record.items_new) == (Outcome.OK, 1)
        assert feed_server.hits("/gone-page") == 1
        assert record.warning and "full text" in record.warning and "404" in record.warning
        item = _item(db, url=missing)
        assert TEASER in item["summary"] + item["body"]
        assert db.execute("SELECT count(*) FROM refused_links").fetchone()[0] == 0  # failed, not refused


NOT_HTTP = ("monitor/normalize.py turns a non-http(s) item link into url=None (canonical_url drops it), and "
            "pipeline._ingest_document only calls _with_full_text when item.url is set, so a feed link with "
            "this scheme is silently dropped: not fetched (good) but never reported as a refusal in "
            "refused_links nor in FetchRecord.refusals/warning")


@pytest.mark.parametrize("link, reason_words", [
    pytest.param("http://127.0.0.1:{port}/x", ("loopback",), id="loopback-without-allow_private"),
    pytest.param("http://169.254.169.254/latest/meta-data/", ("link-local",), id="cloud-metadata"),
    pytest.param("file:///etc/passwd", ("scheme", "file"), id="file"),
    pytest.param("javascript:alert(1)", ("scheme", "javascript"), id="javascript"),
    pytest.param("data:text/html,hi", ("scheme", "data"), id="data"),
])
def test_forbidden_link_is_refused_recorded_and_the_item_kept(link: str, reason_words: tuple[str, ...],
                                                              make_config, feed_server, tmp_path: Path) -> None:
    feed_server.add("/x", page(), content_type="text/html")
    link = link.format(port=feed_server.server.server_address[1])
    title = "Forbidden link story"
    description = "The feed's own text about talks on Crimea, kept as it was."
    feed_file = tmp_path / "local.xml"
    feed_file.write_text(rss((title, link, description)), encoding="utf-8")
    # No allow_private: the feed is a local file (readable), its links are policed.
    path = make_config([{"name": "local", "kind": "feed", "path": str(feed_file), "full_text": True,
                         "interval": "1h"}], rules=RULES, timeout="1s", deadline="2s")
    config, ctx, db = _run(path)
    try:
        record = ingest_source(db, config.sources[0], ctx)
        assert record.outcome is Outcome.OK and record.error is None
        assert feed_server.hits("/x") == 0
        refused = db.execute("SELECT source, url, reason, refused_at FROM refused_links").fetchall()
        assert len(refused) == 1, refused
        source, url, reason, refused_at = refused[0]
        # feedparser writes file:///etc/passwd as file://etc/passwd; the link is recorded as parsed.
        expected = link.replace("file:///", "file://")
        assert (source, url) == ("local", expected) and refused_at
        assert "refused" in reason and all(word in reason for word in reason_words), reason
        assert expected in record.refusals
        stored = _item(db, title=title)
        assert description in stored["summary"] + stored["body"]
        rules = [r[0] for r in db.execute("SELECT rule FROM alerts WHERE item_id = ?", [stored["id"]])]
        assert rules == ["Crimea"]  # the feed's text still alerts
    finally:
        ctx.close()
        db.close()


def test_page_fetches_hold_no_thread_while_they_wait(make_config, feed_server, tmp_path: Path) -> None:
    """Four full-text feeds whose pages answer slowly, and a plain feed that answers once all four
    wait for a page, in one `run --once` (a real subprocess, so its step pool
    has its default four threads): the plain feed's run ends first. Were a full-text run to hold a
    thread while its pages come, the four would hold all four, and the plain feed could not be
    parsed until one of them had every page and was stored."""
    import threading
    import time
    from http.server import ThreadingHTTPServer

    from conftest import Route, _handler_class, run_monitor

    requested: list[float] = []
    four_waiting = threading.Event()

    def slow_page(handler) -> None:
        requested.append(time.monotonic())
        if len(requested) >= 4:
            four_waiting.set()
        time.sleep(0.6)
        body = page().encode("utf-8")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def quick_feed(handler) -> None:
        four_waiting.wait(30)
        body = rss(("Quick wire story", "https://wire.example.org/quick", " ".join(ARTICLE))).encode("utf-8")
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    # Three hosts, each served one request at a time (politeness): the slow feeds, their pages, the
    # quick feed, so that waiting on one of them holds up nothing on the others.
    pages: dict[str, Route] = {"/quick.xml": Route(handler=quick_feed)}
    page_server = ThreadingHTTPServer(("127.0.0.2", 0), _handler_class(pages, []))
    quick_server = ThreadingHTTPServer(("127.0.0.3", 0), _handler_class(pages, []))
    for server in (page_server, quick_server):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sources = []
        for n in range(4):
            links = []
            for k in range(2):
                pages[f"/slow{n}/{k}"] = Route(handler=slow_page)
                links.append((f"Slow story {n}.{k}", f"http://127.0.0.2:{page_server.server_address[1]}/slow{n}/{k}",
                              TEASER))
            sources.append({"name": f"slow{n}", "kind": "feed", "full_text": True, "allow_private": True,
                            "url": feed_server.add(f"/slow{n}.xml", rss(*links), content_type="application/rss+xml")})
        sources.append({"name": "quick", "kind": "feed", "allow_private": True,
                        "url": f"http://127.0.0.3:{quick_server.server_address[1]}/quick.xml"})
        config = make_config(sources, workers=1, parse_processes=1, host_delay="0s")
        done = run_monitor("run", "--once", "--config", str(config), cwd=tmp_path, timeout=120)
    finally:
        for server in (page_server, quick_server):
            server.shutdown()
            server.server_close()
    assert done.code == 0, done.stderr
    assert four_waiting.is_set() and len(requested) == 8
    db = sqlite3.connect(tmp_path / "monitor.db")
    order = [row[0] for row in db.execute("SELECT source FROM fetches ORDER BY id")]
    assert order[0] == "quick", order
    bodies = [row[0] for row in db.execute("SELECT body FROM items WHERE title LIKE 'Slow story%'")]
    assert len(bodies) == 8 and all(ARTICLE[0] in body for body in bodies)  # the pages' text


def test_the_articles_text_loses_the_sites_lines_as_a_feeds_body_does(make_config, feed_server) -> None:
    # A page's "Read also" teaser names Donbas, its photo credit and call to follow are the site's:
    # the body of a full-text item is cleaned as a feed's own body is, so no Donbas alert.
    lines = ("<p>Read also: Shelling reported across Donbas overnight</p><p>Photo: Donbas Press Agency</p>"
             "<p>Follow us on Telegram and Facebook</p>")
    article = page().replace(f"<p>{ARTICLE[1]}</p>", f"<p>{ARTICLE[1]}</p>{lines}").replace(
        "</head>", '<meta name="author" content="By Ann Writer"></head>')
    story = feed_server.add("/2022/01/10/geneva", article, content_type="text/html; charset=utf-8")
    feed_url = feed_server.add("/feed.xml", rss(("Talks in Geneva run long", story, ARTICLE[0])),
                               content_type="application/rss+xml")
    with _full_text_desk(make_config, feed_url) as (config, ctx, db):
        record = ingest_source(db, config.sources[0], ctx)
        assert (record.outcome, record.items_new, record.error) == (Outcome.OK, 1, None)
        item = _item(db, url=story)
        assert item["body"].split("\n\n") == ARTICLE
        assert item["summary"] == ""  # the feed's description was the article's first paragraph
        assert item["author"] == "Ann Writer"  # the page's byline, without its label
        rules = [r[0] for r in db.execute("SELECT rule FROM alerts WHERE item_id = ?", [item["id"]])]
        assert rules == ["Crimea"]


def test_a_bot_check_in_place_of_the_article_leaves_the_feeds_text(make_config, feed_server) -> None:
    # A title-only item (news agencies' feeds) whose page is Cloudflare's "Just a moment...": its few
    # words would otherwise have become the body.
    challenge = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h2>Checking if the "
                 "site connection is secure</h2><p>The site needs to review the security of your connection "
                 "before proceeding.</p><script>window._cf_chl_opt={cType: 'managed'};</script></body></html>")
    story = feed_server.add("/2022/01/10/crimea", challenge, content_type="text/html; charset=utf-8")
    feed_url = feed_server.add("/feed.xml", rss(("Talks on Crimea", story, "")), content_type="application/rss+xml")
    with _full_text_desk(make_config, feed_url) as (config, ctx, db):
        record = ingest_source(db, config.sources[0], ctx)
        assert (record.outcome, record.items_new) == (Outcome.OK, 1)
        assert record.warning and "full text" in record.warning and "bot check" in record.warning
        item = _item(db, url=story)
        assert (item["title"], item["summary"], item["body"]) == ("Talks on Crimea", "", "")


_PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Length 9 >>\n"
        b"stream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream\nendobj\n") * 40


@pytest.mark.parametrize(("body", "content_type", "what"), [
    (_PDF, "application/pdf", "a PDF document"),
    (_PDF, "text/html; charset=utf-8", "a PDF document"),  # the bytes say so, whatever the server says
    (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 8, "image/jpeg", "a JPEG image"),
    (b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8, "video/mp4", "video/mp4"),
    (bytes(range(256)) * 16, "text/html", "binary data"),  # no signature we know: its text is no text
])
def test_a_link_to_a_document_that_is_no_page_keeps_the_feeds_text(make_config, feed_server, body: bytes,
                                                                   content_type: str, what: str) -> None:
    # A ministry's feed links its statements as PDFs; read as markup they were binary noise.
    story = feed_server.add("/statements/2022-01-10.pdf", body, content_type=content_type)
    feed_url = feed_server.add("/feed.xml", rss(("Statement on Crimea", story, "The ministry issued a statement.")),
                               content_type="application/rss+xml")
    with _full_text_desk(make_config, feed_url) as (config, ctx, db):
        record = ingest_source(db, config.sources[0], ctx)
        assert (record.outcome, record.items_new) == (Outcome.OK, 1)
        assert record.warning and f"the link serves {what}, not an article page" in record.warning
        item = _item(db, url=story)
        assert (item["title"], item["summary"], item["body"]) == ("Statement on Crimea",
                                                                  "The ministry issued a statement.", "")


def test_an_articles_text_does_not_depend_on_the_pages_read_before() -> None:
    # trafilatura's deduplicate dropped what it had met more than twice in the process: the third
    # reading of a page (an updated article, a wire story's third outlet) lost its text.
    from monitor.extract import extract

    paragraphs = ["Супутникові знімки показали нову колону військової техніки за сорок кілометрів від кордону, "
                  "повідомили аналітики приватної компанії у вівторок увечері.",
                  "За їхніми даними, на польовому таборі з'явилися десятки танків і самохідних гаубиць, а також "
                  "польові шпиталі, склади пального та понтонні мости.",
                  "У Міністерстві оборони заявили, що стежать за переміщеннями і готові до будь-якого розвитку подій, "
                  "закликавши громадян не поширювати неперевірених чуток."]
    page = ("<html><head><title>Колона біля кордону - Desk</title></head><body><nav><a href='/'>Desk</a></nav>"
            "<div class='content'><h1>Колона біля кордону</h1><div class='news-text'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "<p><b>Читайте також:</b> <a href='/n/1'>Навчання продовжено до кінця місяця</a></p>"
            "</div><div class='tags'>Теги: армія, кордон</div></div><footer>© Desk</footer></body></html>")
    texts = [extract(page).text for _ in range(5)]
    assert all(paragraph in texts[0] for paragraph in paragraphs)
    assert texts == [texts[0]] * 5
