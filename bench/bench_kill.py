"""Reliability under SIGKILL, and the write-ahead log under sustained ingest. Prints its figures.

    .venv/bin/python bench/bench_kill.py                          # 50 kills, at most 600 s
    .venv/bin/python bench/bench_kill.py --kills 5 --seconds 30   # a quick run (tests/test_crash.py)
    .venv/bin/python bench/bench_kill.py wal --seconds 90         # peak WAL size and ingest rate
    .venv/bin/python bench/bench_kill.py wal --root /tmp/before   # the same, with another code tree

`kill` (the default). A real HTTP server on 127.0.0.1 serves `--feeds` RSS feeds and keeps
publishing: every `--every` seconds a new story, whose article text (50-70 words, some naming
NATO, Crimea or Donbas) appears in one to three feeds, either as a wire copy (another headline:
its own item in the same story) or as a reprint (the same headline and text under another URL: one
item seen twice). Feeds keep every entry they published and answer 304 to their ETag. The daemon
(`python -m monitor run`, every source each second, alert log flushed at once, the automatic parse
pool) is started, killed with SIGKILL at a random moment and started again (a share `--early` of
the kills comes 0.1-3 s after the process started; the others `--kill-after` seconds, uniform,
after it logged "daemon started", while jobs fetch, commit and flush the alert log), `--kills` times or until `--seconds` have passed. Then publishing stops,
`monitor run --once` runs to completion, and the script checks, against what was published:

- entries: each published (feed, GUID) is one sighting; each article one item; each story one story;
- alerts: each (rule, story) whose text names the rule's term raised exactly once, no other;
- the alert log: each alert's id on exactly one line, none missing, none unknown; none unlogged;
- `PRAGMA integrity_check` is ok, and no process of a killed daemon (parse workers, the resource
  tracker) is still alive 15 s after the last kill.

It exits 1 when any of these fails (`--json PATH` also writes the figures as JSON).

`wal`. The daemon runs for `--seconds` over `--feeds` feeds that answer every request with
`--items` brand-new items of about 4 KB each (sustained ingest, as fast as the daemon goes), then
stops on SIGTERM. Sampled every 0.1 s: the size of the write-ahead log (peak), of the database; at
the end the items stored and their rate. `--root DIR` runs the daemon from another checkout (say
`git archive HEAD | tar -x -C /tmp/before`) with this project's venv: one run each gives the
before/after ratio.

Everything is written under a temporary folder, removed at the end unless `--keep`.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

RULES = {"NATO": "NATO", "Crimea": "Crimea", "Donbas": "Donbas"}  # rule name → the term its stories carry
RULES_TOML = "".join(f'\n[[rules]]\nname = "{name}"\nterms = ["{term}"]\n' for name, term in RULES.items())

_VOCABULARY = """
officials government minister president talks forces border troops military security country region
city people week month report told statement according spokesman ministry foreign defence alliance
sanctions economic energy gas pipeline prices market bank central rates inflation budget parliament
vote election party leader opposition court ruling law police protest crowd residents villages
hospital doctors health winter heating supplies grain exports ports shipping northern southern
eastern western capital summit meeting negotiations diplomats envoy agreement ceasefire artillery
drone satellite images buildup exercises demands guarantees treaty expansion membership withdrawal
deployment tanks convoy railway bridge airport flights refugees humanitarian observers mission
analysts experts warned risk threat escalation crisis tensions dialogue diplomacy pressure response
measures package weapons missiles support training partners allies members denied claims accused
evidence investigation journalists television newspaper interview conference briefing announced
confirmed expected planned postponed delayed reached signed rejected approved proposed insisted
stressed added noted described called urged asked agreed refused promised vowed meanwhile although
despite because since until before during across between against within toward nearly almost
""".split()


# --- a publishing feed server ------------------------------------------------------------------

@dataclass
class Entry:
    feed: int
    guid: str
    url: str
    title: str
    body: str
    published: float


@dataclass
class Story:
    number: int
    rules: tuple[str, ...]
    articles: list[tuple[str, str]] = field(default_factory=list)  # (title, body) of each distinct item
    entries: list[Entry] = field(default_factory=list)


class Publisher:
    """Feeds that keep growing: new stories, their wire copies and reprints, in several feeds."""

    def __init__(self, feeds: int, seed: int) -> None:
        self.feeds = feeds
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.stories: list[Story] = []
        self.entries: list[list[Entry]] = [[] for _ in range(feeds)]
        self.bodies: list[bytes] = [b""] * feeds
        self.etags: list[str] = [""] * feeds
        self.requests = 0
        self.not_modified = 0
        for index in range(feeds):
            self._render(index)

    def _words(self, count: int) -> list[str]:
        return [self.random.choice(_VOCABULARY) for _ in range(count)]

    def publish(self) -> None:
        """One new story: an article in one feed, and up to two more entries of it in other feeds."""
        with self.lock:
            number = len(self.stories)
            rules = tuple(name for name in RULES if self.random.random() < 0.3)
            words = self._words(self.random.randint(50, 70))
            for name in rules:  # the rule's term somewhere in the text
                words.insert(self.random.randrange(len(words)), RULES[name])
            body = f"Story {number}: " + " ".join(words) + "."
            title = f"{number} " + " ".join(self._words(6)).capitalize()
            story = Story(number, rules, [(title, body)])
            feeds = self.random.sample(range(self.feeds), k=self.random.choice((1, 1, 2, 3)))
            for copy, feed in enumerate(feeds):
                if copy and self.random.random() < 0.5:  # a wire copy: own headline, same text
                    entry_title = f"{number}/{copy} " + " ".join(self._words(6)).capitalize()
                    story.articles.append((entry_title, body))
                else:  # the first entry, or a reprint: the same headline and text elsewhere
                    entry_title = title
                entry = Entry(feed, f"feed{feed}-{number}-{copy}",
                              f"https://site{feed}.example.org/news/{number}/{copy}", entry_title, body, time.time())
                story.entries.append(entry)
                self.entries[feed].append(entry)
            self.stories.append(story)
            for feed in set(feeds):
                self._render(feed)

    def _render(self, feed: int) -> None:
        items = []
        for entry in reversed(self.entries[feed]):  # newest first
            items.append(
                f"<item><title>{escape(entry.title)}</title><link>{escape(entry.url)}</link>"
                f'<guid isPermaLink="false">{entry.guid}</guid><pubDate>{formatdate(entry.published)}</pubDate>'
                f"<description>{escape(entry.body)}</description></item>")
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>Feed {feed}</title><link>https://site{feed}.example.org/</link>"
                f"<description>bench feed {feed}</description>{''.join(items)}</channel></rss>").encode()
        self.bodies[feed] = body
        self.etags[feed] = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'

    def answer(self, path: str, headers: Any) -> tuple[int, bytes, dict[str, str]]:
        name = path.lstrip("/").removesuffix(".xml")
        if not name.startswith("feed") or not name[4:].isdigit() or int(name[4:]) >= self.feeds:
            return 404, b"not found", {}
        feed = int(name[4:])
        with self.lock:
            self.requests += 1
            body, etag = self.bodies[feed], self.etags[feed]
            if headers.get("If-None-Match") == etag:
                self.not_modified += 1
                return 304, b"", {"ETag": etag}
        return 200, body, {"ETag": etag, "Content-Type": "application/rss+xml; charset=utf-8"}


class FreshItems:
    """Feeds that answer every request with new items only (the `wal` mode's sustained ingest)."""

    def __init__(self, feeds: int, items: int, seed: int) -> None:
        self.feeds, self.items = feeds, items
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.served = 0
        self.requests = 0
        # Paragraphs drawn once, combined per item: generating 4 KB of words per item would cost
        # the server more CPU than the daemon gets.
        self.paragraphs = [" ".join(self.random.choice(_VOCABULARY) for _ in range(90)) + "." for _ in range(400)]

    def answer(self, path: str, headers: Any) -> tuple[int, bytes, dict[str, str]]:
        name = path.lstrip("/").removesuffix(".xml")
        if not name.startswith("feed"):
            return 404, b"not found", {}
        with self.lock:
            first = self.served
            self.served += self.items
            self.requests += 1
            picks = [self.random.sample(range(len(self.paragraphs)), 6) for _ in range(self.items)]
        items = []
        for offset, chosen in enumerate(picks):
            number = first + offset
            text = f"Item {number}. " + " ".join(self.paragraphs[p] for p in chosen)
            items.append(f"<item><title>Report {number} from {name}</title>"
                         f"<link>https://{name}.example.org/a/{number}</link><guid>{name}-{number}</guid>"
                         f"<pubDate>{formatdate(time.time())}</pubDate>"
                         f"<description>{escape(text)}</description></item>")
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>{name}</title><link>https://{name}.example.org/</link><description>x</description>"
                f"{''.join(items)}</channel></rss>").encode()
        return 200, body, {"Content-Type": "application/rss+xml; charset=utf-8"}


def serve(site: Publisher | FreshItems) -> ThreadingHTTPServer:
    """A ThreadingHTTPServer on 127.0.0.1 (a free port) answering from `site`, in a daemon thread."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            status, body, headers = site.answer(self.path, self.headers)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a daemon killed in the middle of a request: nothing to report

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, name="feeds", daemon=True).start()
    return server


# --- processes --------------------------------------------------------------------------------

def write_config(folder: Path, base: str, feeds: int, **settings: object) -> Path:
    values: dict[str, object] = {"database": str(folder / "monitor.db"), "alert_log": str(folder / "alerts.jsonl"),
                                 "host_delay": "0s", "alert_delay": "0s"}
    values.update(settings)
    lines = ["[settings]"] + [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    for index in range(feeds):
        lines += ["", "[[sources]]", f'name = "feed{index}"', 'kind = "feed"', f'url = "{base}/feed{index}.xml"',
                  'interval = "1s"', "allow_private = true"]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n" + RULES_TOML, encoding="utf-8")
    return path


def monitor_env(root: Path, marker: str) -> dict[str, str]:
    """The daemon's environment: this checkout (or --root) first on the path, and a marker by
    which its processes (parse workers included) are found in /proc."""
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONUNBUFFERED="1", BENCH_KILL_MARKER=marker)
    env.pop("MONITOR_CONFIG", None)
    return env


def marked(marker: str) -> list[int]:
    """Live (not zombie) processes whose environment carries the marker."""
    found = []
    needle = f"BENCH_KILL_MARKER={marker}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environ = handle.read()
            with open(f"/proc/{entry}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if needle in environ and state != b"Z":
            found.append(int(entry))
    return found


def _tail(path: Path, offset: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.read()


def wait_until(predicate: Callable[[], bool], seconds: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# --- kill mode --------------------------------------------------------------------------------

def run_kills(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    site = Publisher(args.feeds, args.seed)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    config = write_config(folder, base, args.feeds)
    marker = uuid.uuid4().hex
    env = monitor_env(Path(args.root), marker)
    chooser = random.Random(args.seed + 1)
    stopping = threading.Event()

    def publish() -> None:
        deadline = time.monotonic() + args.seconds + 60
        while not stopping.wait(args.every) and time.monotonic() < deadline:
            site.publish()

    site.publish()
    publisher = threading.Thread(target=publish, name="publisher", daemon=True)
    publisher.start()
    began = time.monotonic()
    kills, after_commit, early, runs_log = 0, 0, 0, folder / "daemon.log"
    low, high = args.kill_after
    try:
        with open(runs_log, "ab") as log:
            while kills < args.kills and time.monotonic() - began < args.seconds:
                size = runs_log.stat().st_size
                daemon = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config), "run"],
                                          cwd=folder, env=env, stdout=log, stderr=log)
                if chooser.random() < args.early:  # while it starts: migrations, sources, the log catch-up
                    time.sleep(chooser.uniform(0.1, 3.0))
                    early += 1
                else:  # while it runs: jobs fetching, committing, flushing the alert log
                    wait_until(lambda: b"daemon started" in _tail(runs_log, size), 30, 0.02)
                    time.sleep(chooser.uniform(low, high))
                daemon.send_signal(signal.SIGKILL)
                daemon.wait(timeout=30)
                kills += 1
                if b" fetch source=" in _tail(runs_log, size):
                    after_commit += 1
    finally:
        stopping.set()
        publisher.join(timeout=10)
    kill_seconds = time.monotonic() - began
    # Whatever a killed daemon started must end by itself (parse workers, the resource tracker).
    wait_until(lambda: not marked(marker), 15, 0.2)
    orphans = marked(marker)
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    final = subprocess.run([sys.executable, "-m", "monitor", "--config", str(config), "run", "--once"], cwd=folder,
                           env=env, capture_output=True, text=True, timeout=600)
    server.shutdown()
    figures = check(site, folder, kills, after_commit, kill_seconds, len(orphans), final.returncode)
    figures["kills_while_starting"] = early
    if final.returncode != 0:
        figures["final_run_stderr"] = final.stderr[-2000:]
    return figures


def check(site: Publisher, folder: Path, kills: int, after_commit: int, seconds: float, orphans: int,
          final_code: int) -> dict[str, Any]:
    db = sqlite3.connect(folder / "monitor.db")
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    sightings = {(source, guid): (item_id, story_id) for source, guid, item_id, story_id in db.execute(
        "SELECT s.source, s.guid, s.item_id, i.story_id FROM item_sightings s JOIN items i ON i.id = s.item_id")}
    published = {(f"feed{e.feed}", e.guid): (story, e) for story in site.stories for e in story.entries}
    missing_entries = sorted(set(published) - set(sightings))
    extra_entries = sorted(set(sightings) - set(published))
    # Articles: entries with the same (title, text) are one item; stories: one story_id each.
    article_items: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    story_ids: dict[int, set[int]] = collections.defaultdict(set)
    for key, (story, entry) in published.items():
        if key in sightings:
            item_id, story_id = sightings[key]
            article_items[(entry.title, entry.body)].add(item_id)
            story_ids[story.number].add(story_id)
    articles = sum(len(story.articles) for story in site.stories)
    split_articles = sum(1 for ids in article_items.values() if len(ids) > 1)
    merged_items = sum(n - 1 for n in collections.Counter(i for ids in article_items.values() for i in ids).values()
                       if n > 1)
    split_stories = sum(1 for ids in story_ids.values() if len(ids) > 1)
    merged_stories = sum(n - 1 for n in collections.Counter(s for ids in story_ids.values() for s in ids).values()
                         if n > 1)
    items = db.execute("SELECT count(*) FROM items").fetchone()[0]
    # Alerts: one per (rule, story) whose text names the rule's term.
    expected_alerts = {(rule, next(iter(story_ids[story.number])))
                       for story in site.stories if story_ids.get(story.number) for rule in story.rules}
    stored = [(rule, story_id) for rule, story_id in db.execute("SELECT rule, story_id FROM alerts")]
    alert_ids = {row[0] for row in db.execute("SELECT id FROM alerts")}
    unlogged = db.execute("SELECT count(*) FROM alerts WHERE logged_at IS NULL").fetchone()[0]
    db.close()
    log_path = folder / "alerts.jsonl"
    lines = log_path.read_text(encoding="utf-8").splitlines() if log_path.exists() else []
    logged = collections.Counter(json.loads(line)["id"] for line in lines)
    figures: dict[str, Any] = {
        "kills": kills, "kills_after_a_commit": after_commit, "kill_phase_seconds": round(seconds, 1),
        "final_run_exit": final_code, "orphan_processes": orphans,
        "stories_published": len(site.stories), "articles_published": articles,
        "entries_published": len(published), "feed_requests": site.requests, "feed_304s": site.not_modified,
        "items_stored": items, "sightings_stored": len(sightings),
        "entries_missing": len(missing_entries), "entries_extra": len(extra_entries),
        "articles_split": split_articles, "items_merged": merged_items,
        "stories_split": split_stories, "stories_merged": merged_stories,
        "alerts_expected": len(expected_alerts), "alerts_stored": len(stored),
        "alerts_missing": len(expected_alerts - set(stored)), "alerts_extra": len(set(stored) - expected_alerts),
        "alerts_duplicated": len(stored) - len(set(stored)), "alerts_unlogged": unlogged,
        "log_lines": len(lines), "log_ids_duplicated": sum(n - 1 for n in logged.values() if n > 1),
        "log_ids_missing": len(alert_ids - set(logged)), "log_ids_unknown": len(set(logged) - alert_ids),
        "integrity_check": integrity,
    }
    figures["ok"] = (final_code == 0 and orphans == 0 and integrity == "ok" and items == articles
                     and len(sightings) == len(published)
                     and not any(figures[k] for k in ("entries_missing", "entries_extra", "articles_split",
                                                      "items_merged", "stories_split", "stories_merged",
                                                      "alerts_missing", "alerts_extra", "alerts_duplicated",
                                                      "alerts_unlogged", "log_ids_duplicated", "log_ids_missing",
                                                      "log_ids_unknown")))
    return figures


def print_kills(f: dict[str, Any]) -> None:
    print(f"kills: {f['kills']} in {f['kill_phase_seconds']} s ({f['kills_while_starting']} while starting, "
          f"{f['kills_after_a_commit']} after the run's first fetch was committed); processes of killed daemons alive 15 s later: {f['orphan_processes']}; "
          f"final run --once exit {f['final_run_exit']}")
    print(f"published: {f['stories_published']} stories, {f['articles_published']} articles, "
          f"{f['entries_published']} feed entries ({f['feed_requests']} requests, {f['feed_304s']} answered 304)")
    print(f"stored: {f['items_stored']} items (expected {f['articles_published']}), {f['sightings_stored']} sightings "
          f"(expected {f['entries_published']}); entries missing {f['entries_missing']}, extra {f['entries_extra']}; "
          f"articles split {f['articles_split']}, items merged {f['items_merged']}; stories split "
          f"{f['stories_split']}, merged {f['stories_merged']}")
    print(f"alerts: {f['alerts_stored']} stored, {f['alerts_expected']} expected (one per rule and story); "
          f"missing {f['alerts_missing']}, extra {f['alerts_extra']}, duplicated {f['alerts_duplicated']}, "
          f"unlogged {f['alerts_unlogged']}")
    print(f"alert log: {f['log_lines']} lines; ids duplicated {f['log_ids_duplicated']}, missing "
          f"{f['log_ids_missing']}, unknown {f['log_ids_unknown']}")
    print(f"integrity_check: {f['integrity_check']}")
    print("result: " + ("OK, everything exactly once" if f["ok"] else "FAILED"))


# --- wal mode ---------------------------------------------------------------------------------

def run_wal(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    site = FreshItems(args.feeds, args.items, args.seed)
    server = serve(site)
    config = write_config(folder, f"http://127.0.0.1:{server.server_address[1]}", args.feeds)
    db_path = folder / "monitor.db"
    wal_path = Path(str(db_path) + "-wal")
    env = monitor_env(Path(args.root), uuid.uuid4().hex)
    code_path = subprocess.run([sys.executable, "-c", "import storage.db; print(storage.db.__file__)"], env=env,
                               cwd=folder, capture_output=True, text=True, check=True).stdout.strip()
    with open(folder / "daemon.log", "wb") as log:
        daemon = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(config), "run"], cwd=folder,
                                  env=env, stdout=log, stderr=log)
        peak_wal = peak_db = 0
        samples: list[tuple[float, int]] = []
        started = None
        deadline = time.monotonic() + args.seconds + 60
        while time.monotonic() < deadline and daemon.poll() is None:
            wal = wal_path.stat().st_size if wal_path.exists() else 0
            if started is None and wal:
                started = time.monotonic()  # the first write: ingest has begun
                deadline = started + args.seconds
            peak_wal = max(peak_wal, wal)
            peak_db = max(peak_db, db_path.stat().st_size if db_path.exists() else 0)
            if started is not None:
                samples.append((time.monotonic() - started, wal))
            time.sleep(0.1)
        ingest_seconds = time.monotonic() - (started or time.monotonic())
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=120)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
    server.shutdown()
    db = sqlite3.connect(db_path)
    items = db.execute("SELECT count(*) FROM items").fetchone()[0]
    fetched = db.execute("SELECT count(*) FROM fetches").fetchone()[0]
    db.close()
    return {"code": code_path, "seconds": round(ingest_seconds, 1), "items": items, "fetches": fetched,
            "items_per_second": round(items / ingest_seconds, 1) if ingest_seconds else 0.0,
            "items_served": site.served, "peak_wal_mb": round(peak_wal / 1e6, 1),
            "peak_db_mb": round(peak_db / 1e6, 1),
            "final_db_mb": round(db_path.stat().st_size / 1e6, 1),
            "wal_mb_peak_each_5s": [round(max((w for t, w in samples if start <= t < start + 5), default=0) / 1e6, 1)
                                    for start in range(0, int(ingest_seconds), 5)],
            "daemon_exit": daemon.returncode}


def print_wal(f: dict[str, Any]) -> None:
    print(f"code: {f['code']}")
    print(f"ingest: {f['items']} items stored in {f['seconds']} s = {f['items_per_second']} items/s "
          f"({f['fetches']} fetches, {f['items_served']} items served)")
    print(f"write-ahead log: peak {f['peak_wal_mb']} MB; database: peak {f['peak_db_mb']} MB, "
          f"at the end {f['final_db_mb']} MB; daemon exit {f['daemon_exit']}")
    print(f"WAL peak in each 5 s (MB): {f['wal_mb_peak_each_5s']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", choices=("kill", "wal"), default="kill")
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs before the final run (kill; default 50)")
    parser.add_argument("--seconds", type=float, default=None,
                        help="time budget of the kill phase (default 600) or the ingest time (wal; default 90)")
    parser.add_argument("--kill-after", type=float, nargs=2, default=(0.0, 3.0), metavar=("LOW", "HIGH"),
                        help="a kill comes uniformly between LOW and HIGH seconds after the daemon logged "
                             "'daemon started' (default 0 3)")
    parser.add_argument("--early", type=float, default=0.2,
                        help="the share of kills that come instead 0.1-3 s after the process started (default 0.2)")
    parser.add_argument("--feeds", type=int, default=None, help="feeds (default 10 for kill, 16 for wal)")
    parser.add_argument("--every", type=float, default=0.25, help="seconds between two new stories (kill)")
    parser.add_argument("--items", type=int, default=40, help="new items per feed response (wal)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--root", default=str(ROOT), help="the checkout to run the daemon from (default: this one)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    if args.seconds is None:
        args.seconds = 600.0 if args.mode == "kill" else 90.0
    if args.feeds is None:
        args.feeds = 10 if args.mode == "kill" else 16
    folder = Path(tempfile.mkdtemp(prefix=f"bench_{args.mode}_"))
    try:
        figures = run_kills(args, folder) if args.mode == "kill" else run_wal(args, folder)
        (print_kills if args.mode == "kill" else print_wal)(figures)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if args.mode == "wal" or figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
