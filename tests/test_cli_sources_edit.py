"""`monitor sources add|rm|enable|disable|import|export` as real subprocesses, on a real config file
with comments, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_monitor
from monitor.config import load
from monitor.opml import read_opml

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>http://example.org/</link>
<item><title>One</title><link>http://example.org/1</link></item></channel></rss>"""

PAGE = """<!doctype html><html><head><title>Home</title>{head}</head><body><p>News.</p></body></html>"""


@pytest.fixture
def config_with_comments(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"""# The desk's monitor: edited by hand and by `monitor sources`.
[settings]
database = "{tmp_path / 'monitor.db'}"
host_delay = "0s"  # the test server does not mind

# The one source we had before
[[sources]]
name = "existing"   # keep this name
kind = "feed"
url = "https://feeds.example.org/world.rss"

# --- rules ---
[[rules]]
name = "Crimea"
terms = ["Crimea"]  # and its spellings
sources = ["existing"]
""", encoding="utf-8")
    return path


def _comments(path: Path) -> list[str]:
    return [line.split("#", 1)[1] for line in path.read_text(encoding="utf-8").splitlines() if "#" in line]


def _sources(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["sources"]


def test_add_finds_the_feed_a_page_links_to(config_with_comments: Path, feed_server) -> None:
    before = _comments(config_with_comments)
    page = feed_server.add("/", PAGE.format(head='<link rel="alternate" type="application/rss+xml" '
                                                 'title="RSS" href="/news/rss">'), content_type="text/html")
    feed_server.add("/news/rss", RSS.format(title="Example News — World"), content_type="application/rss+xml")
    done = run_monitor("sources", "add", page, "--allow-private", "--interval", "30m",
                       "--config", str(config_with_comments))
    assert done.code == 0, done.stderr
    assert feed_server.url("/news/rss") in done.stdout and "added source example-news-world" in done.stdout
    added = _sources(config_with_comments)[-1]
    assert added == {"name": "example-news-world", "kind": "feed", "url": feed_server.url("/news/rss"),
                     "interval": "30m", "allow_private": True}
    assert _comments(config_with_comments) == before
    assert [s.name for s in load(config_with_comments).sources] == ["existing", "example-news-world"]
    # The comment about the rules still sits right above them.
    text = config_with_comments.read_text(encoding="utf-8")
    assert "# --- rules ---\n[[rules]]" in text


def test_add_a_feed_url_as_is_named_after_its_title(config_with_comments: Path, feed_server) -> None:
    feed = feed_server.add("/atom.xml", RSS.format(title="Existing"), content_type="application/rss+xml")
    done = run_monitor("sources", "add", feed, "--allow-private", "--config", str(config_with_comments))
    assert done.code == 0, done.stderr
    assert "found" not in done.stdout  # nothing to choose from: the URL is a feed
    assert _sources(config_with_comments)[-1]["url"] == feed
    assert _sources(config_with_comments)[-1]["name"] == "existing-2"  # made unique


def test_add_a_telegram_channels_link_adds_its_web_preview(config_with_comments: Path) -> None:
    # Nothing is fetched: the link names the channel.
    done = run_monitor("sources", "add", "https://t.me/Desk_UA/1234", "--config", str(config_with_comments))
    assert done.code == 0, done.stderr
    assert _sources(config_with_comments)[-1] == {"name": "desk-ua", "kind": "telegram",
                                                  "url": "https://t.me/s/Desk_UA"}
    assert [s.kind for s in load(config_with_comments).sources] == ["feed", "telegram"]


def test_add_with_the_time_zone_of_the_sources_dates(config_with_comments: Path) -> None:
    cfg = ["--config", str(config_with_comments)]
    done = run_monitor("sources", "add", "https://t.me/ria_desk", "--timezone", "Europe/Moscow", *cfg)
    assert done.code == 0, done.stderr
    assert load(config_with_comments).sources[-1].timezone == "Europe/Moscow"
    before = config_with_comments.read_bytes()
    done = run_monitor("sources", "add", "https://t.me/other_desk", "--timezone", "Moscow", *cfg)
    assert done.code == 2
    assert done.stderr.strip() == "config.toml: sources[2] (other-desk).timezone: unknown time zone 'Moscow'"
    assert config_with_comments.read_bytes() == before


def test_add_tries_the_usual_paths_and_pick_chooses(config_with_comments: Path, feed_server) -> None:
    page = feed_server.add("/", PAGE.format(head=""), content_type="text/html")
    feed_server.add("/rss.xml", RSS.format(title="First"), content_type="application/rss+xml")
    feed_server.add("/index.xml", RSS.format(title="Second"), content_type="application/rss+xml")
    done = run_monitor("sources", "add", page, "--allow-private", "--pick", "2", "--config", str(config_with_comments))
    assert done.code == 0, done.stderr
    assert "1. " + feed_server.url("/rss.xml") in done.stdout and "2. " + feed_server.url("/index.xml") in done.stdout
    assert _sources(config_with_comments)[-1]["url"] == feed_server.url("/index.xml")
    assert _sources(config_with_comments)[-1]["name"] == "second"


def test_add_a_site_without_a_feed_fails_in_one_line(config_with_comments: Path, feed_server) -> None:
    before = config_with_comments.read_bytes()
    page = feed_server.add("/", PAGE.format(head=""), content_type="text/html")
    done = run_monitor("sources", "add", page, "--allow-private", "--config", str(config_with_comments))
    assert done.code == 1
    assert done.stderr.strip().startswith("Error: no feed found at") and len(done.stderr.strip().splitlines()) == 1
    assert config_with_comments.read_bytes() == before


def test_add_refuses_a_duplicate_name_with_the_loaders_error(config_with_comments: Path, feed_server) -> None:
    before = config_with_comments.read_bytes()
    feed = feed_server.add("/feed", RSS.format(title="Other"), content_type="application/rss+xml")
    done = run_monitor("sources", "add", feed, "--allow-private", "--name", "existing",
                       "--config", str(config_with_comments))
    assert done.code == 2
    assert done.stderr.strip() == "config.toml: sources[1] (existing).name: duplicate source name 'existing'"
    assert config_with_comments.read_bytes() == before
    assert not list(config_with_comments.parent.glob(".config.toml.*"))  # no temporary file left behind


def test_add_refuses_a_bad_interval(config_with_comments: Path, feed_server) -> None:
    before = config_with_comments.read_bytes()
    feed = feed_server.add("/feed", RSS.format(title="Other"), content_type="application/rss+xml")
    done = run_monitor("sources", "add", feed, "--allow-private", "--interval", "soon",
                       "--config", str(config_with_comments))
    assert done.code == 2 and "interval" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert config_with_comments.read_bytes() == before


def test_disable_enable_and_rm(config_with_comments: Path) -> None:
    cfg = ["--config", str(config_with_comments)]
    before = _comments(config_with_comments)
    assert run_monitor("sources", "disable", "existing", *cfg).code == 0
    assert _sources(config_with_comments)[0]["enabled"] is False
    assert load(config_with_comments).sources[0].enabled is False
    again = run_monitor("sources", "disable", "existing", *cfg)
    assert again.code == 0 and "already disabled" in again.stdout
    assert run_monitor("sources", "enable", "existing", *cfg).code == 0
    assert load(config_with_comments).sources[0].enabled is True
    assert _comments(config_with_comments) == before
    # A rule names the source: removing it would break the config, so it is refused.
    before_bytes = config_with_comments.read_bytes()
    refused = run_monitor("sources", "rm", "existing", *cfg)
    assert refused.code == 2 and "no source named 'existing'" in refused.stderr
    assert config_with_comments.read_bytes() == before_bytes
    text = config_with_comments.read_text(encoding="utf-8").replace('sources = ["existing"]\n', "")
    config_with_comments.write_text(text, encoding="utf-8")
    done = run_monitor("sources", "rm", "existing", *cfg)
    assert done.code == 0, done.stderr
    assert "sources" not in tomllib.loads(config_with_comments.read_text(encoding="utf-8"))
    assert "# --- rules ---\n[[rules]]" in config_with_comments.read_text(encoding="utf-8")
    unknown = run_monitor("sources", "rm", "nope", *cfg)
    assert unknown.code == 2 and "no source named 'nope'" in unknown.stderr


def _opml_with_500_feeds(path: Path) -> dict[str, tuple[str, ...]]:
    """500 feeds in folders two deep (plus some at the top), and what their tags should be."""
    expected: dict[str, tuple[str, ...]] = {}
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<opml version="2.0"><head><title>desk</title></head><body>']
    number = 0
    for region in ("Europe", "Asia & Pacific", "Americas", "Africa"):
        lines.append(f'<outline text="{region.replace("&", "&amp;")}">')
        for topic in ("Politics", "Economy", "Culture", "Sport", "War <live>"):
            lines.append(f'<outline text="{topic.replace("<", "&lt;").replace(">", "&gt;")}">')
            for _ in range(24):
                number += 1
                url = f"https://news{number}.example.com/feed?x=1&y={number}"
                lines.append(f'<outline type="rss" text="Outlet {number}" xmlUrl="{url.replace("&", "&amp;")}"/>')
                expected[url] = (f"{region}/{topic}",)
            lines.append("</outline>")
        lines.append("</outline>")
    while number < 500:
        number += 1
        url = f"https://news{number}.example.com/feed?x=1&y={number}"
        lines.append(f'<outline type="rss" text="Outlet {number}" xmlUrl="{url.replace("&", "&amp;")}"/>')
        expected[url] = ()
    # Duplicates: the configured source (tracking parameter added), and a feed already in the file.
    lines.append('<outline type="rss" text="Again" xmlUrl="https://feeds.example.org/world.rss?utm_source=x"/>')
    lines.append('<outline type="rss" text="Again" xmlUrl="HTTPS://NEWS1.example.com/feed?x=1&amp;y=1"/>')
    lines.append("</body></opml>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return expected


def test_opml_import_of_500_feeds_and_export_round_trip(config_with_comments: Path, tmp_path: Path) -> None:
    cfg = ["--config", str(config_with_comments)]
    opml = tmp_path / "desk.opml"
    expected = _opml_with_500_feeds(opml)
    before = _comments(config_with_comments)
    done = run_monitor("sources", "import", str(opml), *cfg)
    assert done.code == 0, done.stderr
    assert "imported 500 sources, skipped 2" in done.stdout
    assert "duplicate of source 'existing'" in done.stdout and "duplicate of source 'outlet-1'" in done.stdout
    config = load(config_with_comments)
    assert len(config.sources) == 501 and len({s.name for s in config.sources}) == 501
    assert {s.location: s.tags for s in config.sources[1:]} == expected
    assert _comments(config_with_comments) == before

    exported = tmp_path / "out.opml"
    done = run_monitor("sources", "export", "-o", str(exported), *cfg)
    assert done.code == 0, done.stderr
    ET.parse(exported)  # well-formed XML
    back = {feed.url: feed.tags for feed in read_opml(exported.read_bytes(), str(exported))}
    assert back == {"https://feeds.example.org/world.rss": (), **expected}

    again = run_monitor("sources", "import", str(exported), *cfg)
    assert again.code == 0 and "imported 0 sources, skipped 501" in again.stdout
    assert len(load(config_with_comments).sources) == 501


def test_export_to_stdout_is_opml_2(config_with_comments: Path) -> None:
    done = run_monitor("sources", "export", "--config", str(config_with_comments))
    assert done.code == 0, done.stderr
    root = ET.fromstring(done.stdout.encode("utf-8"))
    assert root.get("version") == "2.0"
    assert [o.get("xmlUrl") for o in root.iter("outline")] == ["https://feeds.example.org/world.rss"]


def test_import_of_a_file_that_is_no_opml_fails(config_with_comments: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.opml"
    junk.write_text("<html><body>hello</body></html>", encoding="utf-8")
    done = run_monitor("sources", "import", str(junk), "--config", str(config_with_comments))
    assert done.code == 1 and "not an OPML subscription list" in done.stderr
