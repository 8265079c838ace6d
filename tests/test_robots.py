"""robots.txt against a real server on 127.0.0.1: articles (page sources, full-text pages) ask it
first, matched by our product token or `*`; a missing one allows everything, a failing one refuses
the site for a while; one request per site; feeds the user configured are fetched as configured;
`ignore_robots` skips the check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

import pytest

from monitor.models import Outcome
from monitor.robots import ERROR_TTL, origin, product_token

ARTICLE = (
    "Harbour officials in the port city said on Tuesday that the grain terminal would reopen after a week "
    "of repairs to the loading cranes damaged in the storm.",
    "Shipping agents told our correspondent that at least eleven vessels were waiting at anchor outside "
    "the breakwater, some of them since the previous Monday.",
    "The terminal's operator expects to clear the queue within four days if the weather holds, and has "
    "hired extra crews for the night shifts.",
)


def article(headline: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(headline)}</title></head>'
            f"<body><article><h1>{escape(headline)}</h1>{paragraphs}</article></body></html>")


def rss(*items: tuple[str, str]) -> str:
    """An RSS feed of (title, link) items."""
    body = "".join(f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
                   f"<guid isPermaLink=\"false\">{escape(link)}</guid>"
                   f"<description>Teaser {n} about the port.</description></item>"
                   for n, (title, link) in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Port desk</title>'
            f"{body}</channel></rss>")


@dataclass
class MovableClock:
    """Time passed in to the monitor; the test moves it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


def _page_source(url: str, **extra: object) -> dict:
    return {"name": "port-page", "kind": "page", "url": url, "allow_private": True, **extra}


def _refused(db) -> list[tuple[str, str, str]]:
    return db.execute("SELECT source, url, reason FROM refused_links ORDER BY id").fetchall()


def test_an_allowed_page_is_read_and_robots_txt_asked_with_our_user_agent(make_config, feed_server,
                                                                           open_monitor) -> None:
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    url = feed_server.add("/news/cranes", article("Grain terminal to reopen"), content_type="text/html")
    monitor = open_monitor(make_config([_page_source(url)], contact="mailto:desk@example.org"))
    record = monitor.ingest()
    assert (record.outcome, record.items_new, record.error) == (Outcome.OK, 1, None)
    assert [path for path, _ in feed_server.requests] == ["/robots.txt", "/news/cranes"]
    agent = feed_server.requests[0][1]["User-Agent"]
    assert agent.startswith("media-monitor/") and "mailto:desk@example.org" in agent
    assert _refused(monitor.db) == []


@pytest.mark.parametrize("robots, allowed", [
    pytest.param("User-agent: media-monitor\nDisallow: /news/\n\nUser-agent: *\nAllow: /\n", False,
                 id="our-token-disallows"),
    pytest.param("User-agent: *\nDisallow: /news/\n", False, id="star-disallows"),
    pytest.param("User-agent: MEDIA-MONITOR\nDisallow: /\n", False, id="token-case-insensitive"),
    pytest.param("User-agent: *\nDisallow: /\n\nUser-agent: media-monitor\nAllow: /news/\n", True,
                 id="our-group-wins-over-star"),
    pytest.param("User-agent: otherbot\nDisallow: /\n", True, id="another-crawlers-group"),
    pytest.param("User-agent: *\nDisallow: /news/other\n", True, id="another-path"),
])
def test_robots_txt_groups_are_matched_by_our_product_token_or_star(robots: str, allowed: bool, make_config,
                                                                    feed_server, open_monitor) -> None:
    feed_server.add("/robots.txt", robots, content_type="text/plain")
    url = feed_server.add("/news/cranes", article("Grain terminal to reopen"), content_type="text/html")
    monitor = open_monitor(make_config([_page_source(url)]))
    record = monitor.ingest()
    if allowed:
        assert (record.outcome, record.items_new) == (Outcome.OK, 1)
        assert feed_server.hits("/news/cranes") == 1
        return
    assert (record.outcome, record.items_new) == (Outcome.REFUSED, 0)
    assert feed_server.hits("/news/cranes") == 0
    assert record.error and "robots.txt" in record.error and "\n" not in record.error
    [(source, refused_url, reason)] = _refused(monitor.db)
    assert (source, refused_url) == ("port-page", url)
    assert reason == f"{url}: refused: robots.txt of {feed_server.base} disallows it for media-monitor"
    assert record.refusals == (url,)
    last = monitor.db.execute("SELECT outcome FROM fetches").fetchall()
    assert last == [("refused",)]


def test_the_product_token_comes_from_settings_user_agent(make_config, feed_server, open_monitor) -> None:
    feed_server.add("/robots.txt", "User-agent: harbourwatch\nDisallow: /\n", content_type="text/plain")
    url = feed_server.add("/news/cranes", article("Grain terminal to reopen"), content_type="text/html")
    monitor = open_monitor(make_config([_page_source(url)], user_agent="HarbourWatch/2.1"))
    record = monitor.ingest()
    assert record.outcome is Outcome.REFUSED
    assert _refused(monitor.db)[0][2].endswith("disallows it for HarbourWatch")
    assert product_token("media-monitor/0.1.0 (+mailto:desk@example.org)") == "media-monitor"


@pytest.mark.parametrize("status", [404, 403, 410])
def test_a_missing_or_forbidden_robots_txt_allows_everything(status: int, make_config, feed_server,
                                                             open_monitor) -> None:
    if status != 404:  # 404 is what the server says of any path it has no route for
        feed_server.add("/robots.txt", "no", status=status)
    url = feed_server.add("/news/cranes", article("Grain terminal to reopen"), content_type="text/html")
    monitor = open_monitor(make_config([_page_source(url)]))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 1)
    assert feed_server.hits("/robots.txt") == 1


def test_a_failing_robots_txt_refuses_the_site_for_now_and_is_asked_again_later(make_config, feed_server,
                                                                                 open_monitor) -> None:
    feed_server.add("/robots.txt", "oops", status=500)
    url = feed_server.add("/news/cranes", article("Grain terminal to reopen"), content_type="text/html")
    clock = MovableClock(datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc))
    monitor = open_monitor(make_config([_page_source(url)]), clock=clock)
    first = monitor.ingest()
    assert (first.outcome, first.items_new) == (Outcome.REFUSED, 0)
    reason = _refused(monitor.db)[0][2]
    assert "robots.txt" in reason and "could not be read (HTTP 500" in reason
    clock.now += ERROR_TTL - timedelta(seconds=1)
    assert monitor.ingest().outcome is Outcome.REFUSED  # still refused, from memory
    assert (feed_server.hits("/robots.txt"), feed_server.hits("/news/cranes")) == (1, 0)
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    clock.now += timedelta(seconds=2)
    later = monitor.ingest()
    assert (later.outcome, later.items_new) == (Outcome.OK, 1)
    assert (feed_server.hits("/robots.txt"), feed_server.hits("/news/cranes")) == (2, 1)


def test_a_robots_txt_read_once_stays_in_force_while_the_server_fails(make_config, feed_server,
                                                                      open_monitor) -> None:
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    open_url = feed_server.add("/news/cranes", article("Grain terminal to reopen"), content_type="text/html")
    closed_url = feed_server.add("/private/memo", article("Internal memo"), content_type="text/html")
    clock = MovableClock(datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc))
    monitor = open_monitor(make_config([_page_source(open_url), _page_source(closed_url, name="memo")]),
                           clock=clock)
    assert monitor.ingest("port-page").outcome is Outcome.OK
    feed_server.add("/robots.txt", "oops", status=503)
    clock.now += timedelta(hours=25)  # the copy has expired; the server fails to give a new one
    assert monitor.ingest("memo").outcome is Outcome.REFUSED  # the old copy's rule, not "unreadable"
    assert "disallows it" in _refused(monitor.db)[0][2]
    assert monitor.ingest("port-page").outcome is Outcome.UNCHANGED  # fetched: allowed by the old copy
    assert (feed_server.hits("/robots.txt"), feed_server.hits("/news/cranes")) == (2, 2)


def test_one_robots_txt_per_site_for_a_full_text_feed_which_itself_is_fetched_as_configured(
        make_config, feed_server, open_monitor) -> None:
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    links = [feed_server.add(f"/news/{n}", article(f"Port story {n}"), content_type="text/html") for n in range(3)]
    closed = feed_server.add("/private/draft", article("Draft"), content_type="text/html")
    # The feed sits under a disallowed path: a feed the user configured is fetched all the same.
    feed_url = feed_server.add("/private/feed.xml", rss(*[(f"Port story {n}", link) for n, link in enumerate(links)],
                                                        ("Draft story", closed)),
                               content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "port-feed", "kind": "feed", "url": feed_url, "full_text": True,
                                         "allow_private": True}]))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 4)
    assert feed_server.hits("/robots.txt") == 1
    assert [feed_server.hits(f"/news/{n}") for n in range(3)] == [1, 1, 1]
    assert feed_server.hits("/private/draft") == 0
    [(_, refused_url, reason)] = _refused(monitor.db)
    assert refused_url == closed and "robots.txt" in reason
    assert record.refusals == (closed,) and "robots.txt" in (record.warning or "")
    draft = monitor.db.execute("SELECT summary, body FROM items WHERE url = ?", [closed]).fetchone()
    assert "Teaser 3" in draft[0] + draft[1]  # the feed's text stays
    # A later run, new items: robots.txt is remembered.
    more = [feed_server.add(f"/news/more-{n}", article(f"Later story {n}"), content_type="text/html")
            for n in range(2)]
    feed_server.add("/private/feed.xml", rss(*[(f"Later story {n}", link) for n, link in enumerate(more)]),
                    content_type="application/rss+xml")
    assert monitor.ingest().items_new == 2
    assert feed_server.hits("/robots.txt") == 1


def test_each_redirect_hop_asks_its_robots_txt(make_config, feed_server, open_monitor) -> None:
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    target = feed_server.add("/private/cranes", article("Grain terminal to reopen"), content_type="text/html")
    url = feed_server.add("/go/cranes", status=302, headers={"Location": "/private/cranes"})
    monitor = open_monitor(make_config([_page_source(url)]))
    record = monitor.ingest()
    assert record.outcome is Outcome.REFUSED
    assert (feed_server.hits("/go/cranes"), feed_server.hits("/private/cranes")) == (1, 0)
    assert _refused(monitor.db)[0][1] == target


def test_ignore_robots_fetches_what_robots_txt_disallows_without_asking(make_config, feed_server,
                                                                        open_monitor) -> None:
    feed_server.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = feed_server.add("/news/cranes", article("Grain terminal to reopen"), content_type="text/html")
    monitor = open_monitor(make_config([_page_source(url, ignore_robots=True)]))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 1)
    assert feed_server.hits("/robots.txt") == 0


def test_origin_is_scheme_host_and_port() -> None:
    assert origin("HTTP://Example.ORG:80/a/b?c=d") == "http://example.org"
    assert origin("https://example.org:8443/x") == "https://example.org:8443"
    assert origin("http://[2001:db8::1]:8080/x") == "http://[2001:db8::1]:8080"
