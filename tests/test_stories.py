"""Stories end to end: copies join one story with one alert, updates keep revisions and alert once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from conftest import ROOT, run_monitor
from monitor.config import load
from monitor.models import Outcome, iso
from monitor.pipeline import ingest_source

WIRE_BODY = [
    "Ukraine's president said on Tuesday that talks with Moscow over the Donbas region would resume "
    "next month, after envoys met for several hours in Minsk without agreeing on a new ceasefire line.",
    "Officials from both sides described the meeting as difficult but said the working groups would keep "
    "meeting weekly. Western diplomats who followed the session said the tone had improved since December.",
    "The separatist leaders in the east, who joined by video link, repeated their demand for direct "
    "negotiations with Kyiv, which the Ukrainian government has so far refused.",
    "Monitors from the OSCE reported fewer ceasefire violations along the contact line over the weekend "
    "than in any week since the autumn, although shelling near Donetsk continued overnight.",
]


def _feed(title: str, link: str, guid: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{guid}</title>
<item><title>{title}</title><link>{link}</link><guid isPermaLink="false">{guid}</guid>
<pubDate>Tue, 18 Jan 2022 10:00:00 +0000</pubDate><description><![CDATA[{body}]]></description></item>
</channel></rss>"""


def _five_outlets(feed_server) -> list[dict]:
    """The same wire story as five outlets print it: own headlines, links, bylines, trims, boilerplate."""
    versions = [
        ("Talks on Donbas to resume next month, Kyiv says", WIRE_BODY),
        ("WIRE: Talks on Donbas to resume next month", WIRE_BODY + ["This story was provided by Eastern Europe Wire."]),
        ("Kyiv: Donbas talks will resume in February", ["KYIV (EEW) - " + WIRE_BODY[0]] + WIRE_BODY[1:]),
        ("Donbas talks to resume next month - Kyiv Ledger", WIRE_BODY[:3] + ["Follow our live coverage."]),
        ("Ukraine says Donbas talks resume next month", [WIRE_BODY[1], WIRE_BODY[0]] + WIRE_BODY[2:]),
    ]
    sources = []
    for index, (title, paragraphs) in enumerate(versions):
        url = feed_server.add(f"/outlet{index}.xml", _feed(title, f"https://outlet{index}.example.org/2022/01/talks",
                                                           f"outlet{index}-1", paragraphs),
                              content_type="application/rss+xml")
        sources.append({"name": f"outlet{index}", "kind": "feed", "url": url, "interval": "1h",
                        "allow_private": True})
    return sources


def test_wire_story_from_five_sources_in_one_daemon_run(make_config, feed_server, tmp_path: Path) -> None:
    config = make_config(_five_outlets(feed_server), workers=2, alert_delay="3s")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    daemon = subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log_path = tmp_path / "alerts.jsonl"
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and not (log_path.exists() and log_path.read_text().strip()):
            time.sleep(0.2)
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, stderr
    db = sqlite3.connect(tmp_path / "monitor.db")
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 5
    assert db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0] == 1
    assert db.execute("SELECT rule FROM alerts").fetchall() == [("Donbas",)]
    lines = log_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    alert = json.loads(lines[0])
    assert alert["copies"] == 5
    assert sorted(alert["copy_sources"]) == [f"outlet{i}" for i in range(5)]
    listed = json.loads(run_monitor("alerts", "--json", "--config", str(config)).stdout)
    assert [a["copies"] for a in listed] == [5]
    story = run_monitor("story", str(alert["story_id"]), "--config", str(config))
    assert story.code == 0 and "5 item(s), 5 copy(ies) from 5 source(s)" in story.stdout
    assert story.stdout.count("near_duplicate") + story.stdout.count("title") >= 4


def test_update_keeps_the_revision_and_alerts_only_for_new_rules(make_config, feed_server, open_monitor) -> None:
    paragraphs = WIRE_BODY[1:]  # no Donbas in these
    url = feed_server.add("/desk.xml", _feed("Envoys meet in Minsk", "https://desk.example.org/minsk", "d-1",
                                             paragraphs + ["NATO allies were briefed."]),
                          content_type="application/rss+xml")
    monitor = open_monitor(make_config([{"name": "desk", "kind": "feed", "url": url, "allow_private": True}]))
    config, ctx, db = monitor.config, monitor.ctx, monitor.db
    first = ingest_source(db, config.sources[0], ctx)
    assert (first.items_new, first.alerts) == (1, 1)
    unchanged = ingest_source(db, config.sources[0], ctx)
    assert unchanged.outcome is Outcome.UNCHANGED and unchanged.alerts == 0
    feed_server.add("/desk.xml", _feed("Envoys meet in Minsk over Donbas", "https://desk.example.org/minsk", "d-1",
                                       paragraphs + ["NATO allies were briefed again."]),
                    content_type="application/rss+xml")
    second = ingest_source(db, config.sources[0], ctx)
    assert (second.items_new, second.items_updated, second.alerts) == (0, 1, 1)
    rows = db.execute("SELECT rule, from_update, earlier_alerts FROM alerts ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("NATO", 0), ("Donbas", 1)]
    first_alert_id = db.execute("SELECT id FROM alerts WHERE rule = 'NATO'").fetchone()[0]
    assert json.loads(rows[1][2]) == [first_alert_id]
    revisions = db.execute("SELECT title, summary FROM item_revisions").fetchall()  # a feed gives a summary
    assert len(revisions) == 1 and revisions[0][0] == "Envoys meet in Minsk" and "briefed." in revisions[0][1]
    assert db.execute("SELECT title FROM items").fetchone()[0] == "Envoys meet in Minsk over Donbas"
    # The full-text index follows the new text (and only text changes re-index an item).
    assert db.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'Donbas'").fetchone()[0] == 1
    log = [json.loads(line) for line in Path(config.settings.alert_log).read_text().splitlines()]
    assert [(a["rule"], a["from_update"]) for a in log] == [("NATO", False), ("Donbas", True)]


def test_a_copy_of_an_updated_item_finds_it_by_what_it_says_now(make_config, feed_server, open_monitor) -> None:
    # The desk's feed gave a teaser first, then the whole article under the same GUID; another
    # outlet's copy of the article, under its own headline, is in the desk's item's story: the item
    # is found by its current text, not by the teaser it was first stored with.
    teaser = [WIRE_BODY[0].split(",")[0] + "."]
    desk = feed_server.add("/desk.xml", _feed("Donbas talks to resume", "https://desk.example.org/talks", "d-1", teaser),
                           content_type="application/rss+xml")
    other = feed_server.add("/other.xml", _feed("Kyiv: Donbas talks will resume in February", "https://other.example.org/1",
                                                "o-1", ["KYIV (EEW) - " + WIRE_BODY[0]] + WIRE_BODY[1:]),
                            content_type="application/rss+xml")
    config = load(make_config([{"name": "desk", "kind": "feed", "url": desk, "allow_private": True},
                               {"name": "other", "kind": "feed", "url": other, "allow_private": True}]))
    monitor = open_monitor(config.path)
    ctx, db = monitor.ctx, monitor.db
    assert ingest_source(db, config.sources[0], ctx).items_new == 1
    feed_server.add("/desk.xml", _feed("Donbas talks to resume", "https://desk.example.org/talks", "d-1", WIRE_BODY),
                    content_type="application/rss+xml")
    assert ingest_source(db, config.sources[0], ctx).items_updated == 1
    assert ingest_source(db, config.sources[1], ctx).items_new == 1
    assert db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0] == 1
    assert db.execute("SELECT story_reason FROM items WHERE url = 'https://other.example.org/1'").fetchone()[0] \
        == "near_duplicate"


def _a_day_apart(make_config, feed_server, open_monitor, path: str, first: str, second: str) -> Any:
    """The store after one source served `first` at `path`, then, a day later, `second` there; each run
    stored one new item."""
    url = feed_server.add(path, first, content_type="application/rss+xml")
    config = load(make_config([{"name": "daily", "kind": "feed", "url": url, "allow_private": True}]))
    monitor = open_monitor(config.path)
    ctx, db = monitor.ctx, monitor.db
    assert ingest_source(db, config.sources[0], ctx).items_new == 1
    with db.transaction():  # first seen a day ago
        db.execute("UPDATE items SET first_seen_at = ?", [iso(datetime.now(timezone.utc) - timedelta(days=1))])
    feed_server.add(path, second, content_type="application/rss+xml")
    assert ingest_source(db, config.sources[0], ctx).items_new == 1
    return db


def test_a_recurring_headline_over_a_short_teaser_a_day_later_is_a_new_story(make_config, feed_server,
                                                                               open_monitor) -> None:
    title = "Russia-Ukraine tensions: Live updates"
    db = _a_day_apart(make_config, feed_server, open_monitor, "/live.xml",
                      _feed(title, "https://live.example.org/2021/12/7/live", "l-7",
                            ["Biden and Putin hold a video call as troops mass near the border."]),
                      _feed(title, "https://live.example.org/2021/12/8/live", "l-8",
                            ["Biden says sending US troops to Ukraine is not on the table."]))
    assert db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0] == 2


def _daily_report(day: int, shelled: int, village: str, wounded: int, weapon: str) -> list[str]:
    return [f"Over the past day, December {day}, the occupiers violated the ceasefire {shelled} times near the "
            f"village of {village}, the press centre of the Joint Forces Operation said in its morning report.",
            f"They used {weapon} against the positions of the Ukrainian forces; {wounded} servicemen were wounded.",
            "The Ukrainian side reported the violations to the Joint Centre for Control and Coordination.",
            "The Ukrainian forces answered the fire to stop the enemy's activity, the press centre added.",
            "The situation along the whole line of contact remains under control, the report said."]


def test_a_daily_report_on_its_template_is_a_new_story_each_day(make_config, feed_server, open_monitor) -> None:
    # Each day's text scores about 0.5 against the day before's (the figures and places differ, the
    # sentences do not): it is the day's story, with its own alerts for the Donbas rule.
    title = "Occupiers violated the ceasefire in Donbas"
    db = _a_day_apart(make_config, feed_server, open_monitor, "/jfo.xml",
                      _feed(title, "https://jfo.example.org/2021/12/5", "j-5",
                            _daily_report(5, 7, "Shyrokyne", 1, "grenade launchers")),
                      _feed(title, "https://jfo.example.org/2021/12/6", "j-6", _daily_report(6, 12, "Pisky", 2, "mortars")))
    assert db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM alerts WHERE rule = 'Donbas'").fetchone()[0] == 2


def test_independent_reports_of_one_event_stay_apart(make_config, feed_server, open_monitor) -> None:
    own_words = ["Negotiators representing Kyiv and the rebel-held areas spent a long day in the Belarusian "
                 "capital, and came away with only a promise to talk again in a few weeks about Donbas.",
                 "People in the room described raised voices over the line where fighting should stop, and "
                 "said the mood among European observers was cautious rather than hopeful.",
                 "Rebel representatives again insisted on talking to the Ukrainian government face to face."]
    a = feed_server.add("/a.xml", _feed("Talks on Donbas to resume next month, Kyiv says", "https://a.example.org/1",
                                        "a-1", WIRE_BODY), content_type="application/rss+xml")
    b = feed_server.add("/b.xml", _feed("Minsk round ends with promise of more talks on Donbas",
                                        "https://b.example.org/1", "b-1", own_words), content_type="application/rss+xml")
    config = load(make_config([{"name": "a", "kind": "feed", "url": a, "allow_private": True},
                               {"name": "b", "kind": "feed", "url": b, "allow_private": True}]))
    monitor = open_monitor(config.path)
    ctx, db = monitor.ctx, monitor.db
    for source in config.sources:
        ingest_source(db, source, ctx)
    assert db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM alerts WHERE rule = 'Donbas'").fetchone()[0] == 2


def test_explain_and_backtest_as_subprocesses(make_config, feed_server, tmp_path: Path) -> None:
    config = make_config(_five_outlets(feed_server)[:2], rules="""
[[rules]]
name = "Donbas"
terms = ["Donbas", "Donbass"]

[[rules]]
name = "Crimea"
terms = ["Crimea"]

[[rules]]
name = "Talks not Minsk"
query = "talks -Minsk"
""")
    assert run_monitor("run", "--once", "--config", str(config)).code == 0
    explained = run_monitor("explain", "1", "--config", str(config))
    assert explained.code == 0, explained.stderr
    assert "MATCH  Donbas: matched" in explained.stdout and "'Donbas' in title at" in explained.stdout
    assert "no     Crimea: no rule term found" in explained.stdout
    assert "no     Talks not Minsk: query not satisfied" in explained.stdout
    as_json = json.loads(run_monitor("explain", "https://outlet0.example.org/2022/01/talks", "--rule", "Donbas",
                                     "--json", "--config", str(config)).stdout)
    assert as_json == [{"rule": "Donbas", "matched": True, "why": as_json[0]["why"]}]
    missing = run_monitor("explain", "999", "--config", str(config))
    assert missing.code == 1 and "no such item: 999" in missing.stderr
    report = json.loads(run_monitor("backtest", "Donbas", "--json", "--config", str(config)).stdout)
    assert (report["items"], report["stories"]) == (2, 1)
    assert report["per_day"] == [{"day": "2022-01-18", "items": 2, "stories": 1}]
    assert report["samples"][0]["terms"] == ["Donbas"]
    assert json.loads(run_monitor("backtest", "--query", "{DONBAS}", "--json", "--config", str(config)).stdout)["items"] == 0
    text = run_monitor("backtest", "Donbas", "--since", "2022-02-01", "--config", str(config))
    assert text.code == 0 and text.stdout.startswith("rule Donbas: 0 item(s) in 0 story(ies)")
    bad = run_monitor("backtest", "--query", "Donbas AND (", "--config", str(config))
    assert bad.code == 2 and "position" in bad.stderr and "Traceback" not in bad.stderr
    assert run_monitor("backtest", "Nope", "--config", str(config)).code == 2
    # Backtest writes nothing.
    db = sqlite3.connect(tmp_path / "monitor.db")
    assert db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1


def test_a_trimmed_copy_is_contained_and_a_shared_quote_is_not() -> None:
    from monitor.stories import same_story, signature

    paragraphs = [f"Paragraph {n} of the wire report says that officials in city number {n} met envoys from "
                  f"the capital for talks on supplies, roads, shelters and the winter schedule of trains {n}."
                  for n in range(8)]
    original = signature(" ".join(paragraphs))
    trimmed = signature("LOCAL INTRO: our reporter adds a line of her own here. " + " ".join(paragraphs[:3]))
    quote = ("The mission recorded more than one thousand ceasefire violations in the past week, including "
             "hundreds of explosions near the contact line, and calls on all sides to exercise restraint.")
    report_a = signature("Our own report opens with a long description of the scene at the checkpoint where "
                         "families waited for hours in the cold before crossing. " + quote +
                         " Residents told us the shelling had grown worse since the start of the month and "
                         "that schools had closed in three nearby villages for the rest of the week.")
    report_b = signature("A different outlet wrote its own account from the capital, focusing on the "
                         "diplomatic calendar and on what the ministers would say on Thursday. " + quote +
                         " Analysts in the capital said the figures matched what satellite pictures showed "
                         "and expected the debate at the council to be sharp and long.")
    joined, score, how = same_story(original, trimmed)
    assert joined and how == "contained" and score >= 0.5
    assert original.similarity(trimmed) < 0.5  # the similarity alone would have split them
    assert same_story(report_a, report_b)[0] is False


def test_chinese_copies_of_one_story_are_one_story_and_another_story_is_not() -> None:
    # Chinese has no spaces: signatures shingle its characters, as its words are not to be found.
    from monitor.stories import same_story, signature

    wire = ("俄罗斯总统普京周一在莫斯科表示，与美国的安全保障谈判将在日内瓦继续进行。他说，北约东扩问题是会谈的核心。"
            "乌克兰外交部长当天呼吁各方保持克制，并表示基辅愿意参加任何有助于缓和局势的对话。"
            "据报道，边境附近的军事集结仍在继续，多国外交官对局势表示关切，并敦促通过外交途径解决分歧。")
    edited = ("【本报讯】" + wire.replace("周一", "本周一").replace("多国外交官", "多位西方外交官")
              + "编辑：王芳")
    other = ("中国国家统计局周二公布的数据显示，十一月份全国居民消费价格同比上涨百分之二点三，涨幅比上月扩大。"
             "其中，食品价格上涨明显，猪肉价格连续第三个月回升。分析人士认为，年底前物价仍将保持温和上涨态势。"
             "统计局表示，工业生产者出厂价格涨幅有所回落，国内市场供需总体平衡。")
    a, b, c = signature(wire), signature(edited), signature(other)
    assert a is not None and b is not None and c is not None
    assert same_story(a, b)[0] is True
    assert same_story(a, c)[0] is False
    from monitor.stories import title_key
    assert title_key("普京发表讲话") == "普 京 发 表 讲 话"  # a headline of six words, not one
