"""Feed discovery's pure part: the feeds a page advertises, and the usual paths of its site."""

from __future__ import annotations

from monitor.discover import FeedLink, feed_links, usual_paths


def test_feed_links_in_page_order_made_absolute_each_once() -> None:
    page = b"""<html><head>
    <link rel="stylesheet" href="/s.css">
    <link rel="alternate" type="application/rss+xml" title="All news" href="/rss">
    <LINK REL="Alternate" TYPE="application/atom+xml" HREF="atom.xml">
    <link rel="alternate" type="application/feed+json; charset=utf-8" href="https://cdn.example.org/feed.json" />
    <link rel="alternate" type="text/html" hreflang="de" href="/de/">
    <link rel="alternate" type="application/rss+xml" href="/rss#again">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head></html>"""
    assert feed_links(page, "https://example.org/section/page.html") == [
        FeedLink("https://example.org/rss", "application/rss+xml", "All news"),
        FeedLink("https://example.org/section/atom.xml", "application/atom+xml", None),
        FeedLink("https://cdn.example.org/feed.json", "application/feed+json", None),
    ]


def test_base_href_is_honoured_and_a_page_without_links_has_none() -> None:
    page = b'<head><base href="https://other.example/x/"><link rel="alternate" type="application/rss+xml" href="f"></head>'
    assert [link.url for link in feed_links(page, "https://example.org/")] == ["https://other.example/x/f"]
    assert feed_links(b"<html><body>no feeds</body></html>", "https://example.org/") == []


def test_usual_paths_are_on_the_pages_site() -> None:
    assert usual_paths("https://example.org:8443/a/b?c=d") == [
        "https://example.org:8443/feed", "https://example.org:8443/rss", "https://example.org:8443/rss.xml",
        "https://example.org:8443/atom.xml", "https://example.org:8443/feed.xml", "https://example.org:8443/index.xml"]
