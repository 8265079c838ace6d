"""One bad item never costs a feed: hostile entries, broken bytes and a failing item at each stage.

Each item that fails anywhere in collect or commit is skipped with one line naming the item and the
stage; its neighbours are stored. Real feeds over a real HTTP server on 127.0.0.1, a real store.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from monitor.analysis import analyse, prepare
from monitor.models import Item, Outcome, RawDocument
from monitor.pipeline import store_items
from monitor.dedupe import rehash

RULES = """
[[rules]]
name = "Donbas"
terms = ["Donbas", "Донбас", "Донбасс"]
"""


def rss(*items: str, encoding: str = "utf-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>Desk</title>'
            + "".join(items) + "</channel></rss>")


def entry(n: int, title: str, text: str, link: str | None = None) -> str:
    return (f"<item><title>{title}</title><link>{link or f'https://news.example.org/{n}'}</link>"
            f'<guid isPermaLink="false">g-{n}</guid>' f"<description>{text}</description></item>")


def test_surrogate_pair_references_are_one_character_and_the_feed_is_kept(make_config, feed_server,
                                                                           open_monitor) -> None:
    url = feed_server.add("/feed.xml", rss(
        entry(1, "First on Donbas", "One about Donbas."),
        entry(2, "Emoji &#55357;&#56832; on Donbas", "Smile &#xD83D;&#xDE00; and a lone &#55357; about Donbas."),
        entry(3, "Third on Donbas", "Three about Donbas.")), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}],
                                       rules=RULES))
    record = monitor.ingest()
    assert (record.outcome, record.items_new, record.alerts) == (Outcome.OK, 3, 3), record.error
    title, summary = monitor.db.execute("SELECT title, summary FROM items WHERE guid = 'g-2'").fetchone()
    assert title == "Emoji \U0001F600 on Donbas"
    assert summary == "Smile \U0001F600 and a lone \ufffd about Donbas."


def test_a_stray_byte_in_a_utf8_feed_keeps_the_feed_utf8(make_config, feed_server, open_monitor) -> None:
    body = rss(entry(1, "Войска у Донбасса", "Россия отвела часть войск от границы, сообщили у стадиона Донбасс-Арена."),
               entry(2, "Обстрелы в Донбассе", "Жители сообщили об обстрелах ночью; Донбасс снова без света."))
    data = body.encode("utf-8").replace("отвела".encode("utf-8"), "отвела".encode("utf-8") + b"\xff", 1)
    url = feed_server.add("/feed.xml", data, content_type="application/rss+xml; charset=utf-8")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}],
                                       rules=RULES))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 2)
    titles = sorted(r[0] for r in monitor.db.execute("SELECT title FROM items"))
    assert titles == ["Войска у Донбасса", "Обстрелы в Донбассе"]
    summary = monitor.db.execute("SELECT summary FROM items WHERE guid = 'g-1'").fetchone()[0]
    assert summary.startswith("Россия отвела\ufffd часть")
    assert record.alerts == 2


def test_a_full_text_link_the_idna_codec_rejects_costs_only_its_page(make_config, feed_server,
                                                                     open_monitor) -> None:
    page = feed_server.add("/good", "<html><body><article><p>" + "The whole article about Donbas. " * 20 +
                           "</p></article></body></html>", content_type="text/html")
    url = feed_server.add("/feed.xml", rss(entry(1, "Good one", "Teaser about Donbas.", page),
                                           entry(2, "Odd host", "Teaser two about Donbas.", "http://xn--a.test/x")),
                          content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True,
                                         "full_text": True}], rules=RULES))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 2), record.error
    assert "xn--a.test" in record.warning
    bodies = dict(monitor.db.execute("SELECT guid, body || summary FROM items"))
    assert "The whole article" in bodies["g-1"] and "Teaser two" in bodies["g-2"]


def _item(n: int, title: str, body: str) -> Item:
    now = datetime(2022, 1, 15, tzinfo=timezone.utc)
    return rehash(Item(source="desk", url=f"https://news.example.org/{n}", guid=f"g-{n}", title=title, author=None,
                       publisher=None, published_at=None, published_raw=None, date_suspect=None, fetched_at=now,
                       summary="", body=body, content_hash="", location=f"https://news.example.org/{n}"))


LONE = "\udc00"  # no character at all: what a broken decoder or escape can hand over


def test_a_failing_item_at_the_normalize_stage_is_skipped_with_its_link(tmp_path: Path) -> None:
    # A page whose JSON-LD names a URL with an escaped lone surrogate: canonicalizing it fails.
    ld = json.dumps({"@type": "NewsArticle", "headline": "Talks on Donbas", "url": "https://x.example.org/\\udc00",
                     "articleBody": "Talks on Donbas went on. " * 10}).replace("\\\\udc00", "\\udc00")
    html = f'<html><head><script type="application/ld+json">{ld}</script></head><body><p>x</p></body></html>'
    doc = RawDocument(source="desk", kind="page", location="https://x.example.org/a", body=html.encode(),
                      fetched_at=datetime(2022, 1, 15, tzinfo=timezone.utc))
    prepared = prepare(doc, 30 * 86400.0)
    assert prepared.items == () and len(prepared.skipped) == 1
    assert prepared.skipped[0].startswith("item https://x.example.org/") and ": normalize: " in prepared.skipped[0]
    assert "\n" not in prepared.skipped[0]


def test_a_failing_item_at_the_commit_stage_is_skipped_and_its_neighbours_are_stored(make_config,
                                                                                      open_monitor) -> None:
    monitor = open_monitor(make_config([], rules=RULES))
    from monitor.models import Source

    monitor.db.ensure_source(Source(name="desk", kind="feed", location="https://news.example.org/feed"),
                             monitor.ctx.clock())
    items = [_item(1, "One on Donbas", "Donbas " * 40), _item(2, "Two", "Two " * 40), _item(3, "Three", "3 " * 40)]
    analysed = [analyse(i, monitor.ctx.compiled) for i in items]
    analysed[1] = replace(analysed[1], item=replace(analysed[1].item, title="Two " + LONE))  # SQLite cannot store it
    skipped: list[str] = []
    stored = store_items(monitor.db, analysed, monitor.ctx, skipped=skipped)
    assert [s.item.title for s, _ in stored] == ["One on Donbas", "Three"]
    assert len(skipped) == 1 and skipped[0].startswith("item https://news.example.org/2: commit: ")
    assert monitor.db.execute("SELECT count(*) FROM items").fetchone()[0] == 2
    assert monitor.db.execute("SELECT count(*) FROM item_sightings").fetchone()[0] == 2  # nothing half-stored


def test_a_document_with_too_many_entries_is_read_up_to_max_items(make_config, feed_server, open_monitor) -> None:
    url = feed_server.add("/feed.xml", rss(*(entry(n, f"Story {n}", f"Text {n}.") for n in range(12))),
                          content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}],
                                       rules=RULES, max_items=5))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 5)
    assert "12 entries, only the first 5 are read (max_items)" in record.warning


def test_a_stop_during_full_text_pages_ends_the_run_within_a_page(make_config, feed_server, open_monitor) -> None:
    pages = 30
    items = []
    for n in range(pages):
        items.append(entry(n, f"Story {n}", "Teaser.", feed_server.add(
            f"/page/{n}", "<html><body><article><p>" + f"Page {n} text. " * 30 + "</p></article></body></html>",
            content_type="text/html")))
    url = feed_server.add("/feed.xml", rss(*items), content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True,
                                         "full_text": True}], rules=RULES))
    # The stop arrives (as a SIGTERM handler would set it) while the first page is being served.
    first_page = feed_server.routes["/page/0"]

    def serve_and_stop(handler) -> None:
        monitor.ctx.stop.set()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(first_page.body)))
        handler.end_headers()
        handler.wfile.write(first_page.body)

    feed_server.routes["/page/0"] = replace(first_page, handler=serve_and_stop)
    record = monitor.ingest()
    feed_server.routes["/page/0"] = first_page
    assert record.outcome is Outcome.SKIPPED and record.items_new == 0
    assert sum(feed_server.hits(f"/page/{n}") for n in range(pages)) == 1
    assert monitor.db.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    state = monitor.db.source_state("desk")
    assert state.body_hash is None  # the feed is due again, as if never read
    # The next run (no stop) reads the whole document: the first page again, and every other one.
    monitor.ctx.stop = threading.Event()
    again = monitor.ingest()
    assert (again.outcome, again.items_new) == (Outcome.OK, pages)


def test_a_term_repeated_400k_times_stores_a_bounded_alert_with_the_true_count(make_config, tmp_path: Path,
                                                                                open_monitor) -> None:
    from monitor.rules import MAX_HITS_PER_FIELD

    article = tmp_path / "flood.txt"
    article.write_text("Donbas flood\n\n" + "Donbas " * 400_000 + "\n", encoding="utf-8")
    monitor = open_monitor(make_config([{"name": "flood", "kind": "text", "path": str(article)}], rules=RULES))
    record = monitor.ingest()
    assert (record.outcome, record.alerts) == (Outcome.OK, 1)
    count, hits = monitor.db.execute("SELECT match_count, hits FROM alerts").fetchone()
    assert count == 400_001  # the headline's and every one in the body
    stored = json.loads(hits)
    assert len([h for h in stored if h["field"] == "body"]) == MAX_HITS_PER_FIELD
    assert len(hits) < 20_000  # bytes, not the 35 MB row of every hit


def test_copies_of_one_text_share_one_set_of_index_rows(make_config, tmp_path: Path, open_monitor) -> None:
    # N copies once put N rows behind each band key, and each copy was compared with all earlier
    # ones: quadratic under the write lock. bench/bench_copies.py measures the time.
    body = " ".join(f"Paragraph {n}: negotiators in Geneva discussed troop movements near the border." for n in range(8))
    feed = tmp_path / "copies.xml"
    feed.write_text(rss(*(entry(n, f"Copy {n}: talks run long", body) for n in range(300))), encoding="utf-8")
    monitor = open_monitor(make_config([{"name": "copies", "kind": "feed", "path": str(feed)}], rules=RULES))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 300)
    assert monitor.db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0] == 1
    assert monitor.db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == 64
    assert monitor.db.execute("SELECT count(*) FROM item_signatures").fetchone()[0] == 300


def test_raw_gzip_bytes_inflate_no_further_than_max_bytes(make_config, feed_server, open_monitor) -> None:
    import gzip

    big = rss(*(entry(n, f"Story {n}", "Padding text about the border. " * 30) for n in range(3000)))
    packed = gzip.compress(big.encode("utf-8"))
    assert len(packed) < 200_000 < 1_000_000 < len(big)
    url = feed_server.add("/feed.xml", packed, content_type="application/rss+xml")  # no Content-Encoding
    capped = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True,
                                        "max_bytes": 1_000_000}], rules=RULES))
    record = capped.ingest()
    assert record.outcome is Outcome.ERROR and "over the 1000000-byte limit" in record.error
    assert capped.db.execute("SELECT count(*) FROM items").fetchone()[0] == 0


def test_a_warning_repeated_by_many_entries_is_counted_once_and_later_warnings_stay(make_config, feed_server,
                                                                                  open_monitor) -> None:
    # Forty empty entries used to fill the fetch record's warning (a line of 1,000 characters) with
    # the same words, and the max_items warning after them was cut off.
    empty = "<item><title></title><description></description></item>"
    url = feed_server.add("/feed.xml", rss(*([empty] * 40), *(entry(n, f"Story {n}", f"Text {n}.") for n in range(60))),
                          content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}],
                                       rules=RULES, max_items=90))
    record = monitor.ingest()
    assert (record.outcome, record.items_new) == (Outcome.OK, 50)
    assert record.warning.count("an entry with no title and no text") == 1
    assert "an entry with no title and no text (×40)" in record.warning
    assert "100 entries, only the first 90 are read (max_items)" in record.warning


def test_warnings_line_counts_repeats_in_the_order_first_met() -> None:
    from monitor.errors import warnings_line

    assert warnings_line([]) is None
    assert warnings_line(["b", "a", "b", "b", "c"]) == "b (×3); a; c"
    assert len(warnings_line([f"warning {n}" for n in range(500)]) or "") == 1000
