"""CLI benchmark: the read-only commands as whole processes on a store of 100,000 items.

How to run (from the repository root):

    .venv/bin/python bench/bench_cli.py [--dir DIR] [--items 100000] [--runs 5] [--rebuild]
                                        [--importtime alerts] [--top 25]

What it does:

1. builds, once, a store of ITEMS items in DIR (default: a `bench_cli` folder in the temporary
   directory), with its config.toml beside it; a later run that finds both, with the same item
   count, reuses them (--rebuild builds anew). `storage.open_store` creates the real schema
   (migrations, FTS triggers), then the rows go in with executemany in one transaction, as in
   bench_backtest.py: 20 feed sources (as configured), ITEMS items of ~120 words (news-like
   sentences from bench/_synthetic.py, a year of first-seen times) spread over the sources and
   grouped into stories of 1 to 4 items, a sighting per item plus a second source's sighting for
   one item in ten, 50 fetches per source (two sources failing), and 300 alerts of 3 rules.
   One item in a hundred mentions "Donbas" (the word `search` looks for).
2. times, as whole subprocesses of this Python (`python -m monitor --config DIR/config.toml …`,
   stdout to a pipe, cwd DIR), each of: `--help`, `alerts`, `sources`, `story N` (a 4-item story
   with an alert), `search Donbas`, and, reported but not held to the target, `search the` (a
   word in nearly every item: FTS5 ranks every match); one untimed warm-up run each, then the
   median of RUNS runs. A command that exits non-zero stops the benchmark with its stderr.
   Bytecode is cached in DIR/pycache (PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE is dropped),
   as an installed copy has it.
3. prints a table (median, min and max wall time, median CPU time, ratio of the median to the
   0.3 s target), the same for a bare `python -c pass` (the interpreter's own start, which no
   change to the project removes), and the top offenders of `python -X importtime -m monitor …
   COMMAND` (cumulative import time of the modules a project module imports directly, and of the
   project's own modules).

It imports the project from the repository it lives in (PYTHONPATH is set for the subprocesses
to the repository root), so it measures a worktree even when the venv's editable install points
elsewhere.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from _synthetic import ANCHOR, index_bulk_text, remove_databases  # noqa: E402
from bench_backtest import Texts  # noqa: E402

from monitor.dedupe import content_hash  # noqa: E402
from monitor.models import iso  # noqa: E402
from storage import open_store  # noqa: E402

TARGET = 0.3  # seconds, whole process (issue 15)
SEED = 1515
SPAN = 365 * 86400.0
SOURCES = [f"src-{n:02d}" for n in range(20)]
FAILING = {"src-03": ("http_error", 503, "HTTP 503 Service Unavailable"),
           "src-11": ("network_error", None, "connection refused")}
RULES = {"Donbas": ["Donbas"], "Grain": ["grain exports"], "Talks": ["peace talks", "ceasefire"]}
WORD = "Donbas"
ALERTS = 300
VERSION = 3  # bump when the store's contents change, so cached stores are rebuilt


def write_config(folder: Path) -> Path:
    lines = ["[settings]", 'database = "monitor.db"', 'alert_log = "alerts.jsonl"', 'log_level = "WARNING"', ""]
    for name in SOURCES:
        lines += ["[[sources]]", f'name = "{name}"', 'kind = "feed"',
                  f'url = "https://{name}.example.org/feed.xml"', 'interval = "15m"', ""]
    for name, terms in RULES.items():
        lines += ["[[rules]]", f'name = "{name}"', f"terms = {json.dumps(terms)}", ""]
    path = folder / "config.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build_store(folder: Path, n: int) -> dict:
    """The store in folder/monitor.db; returns what the commands are run with."""
    path = folder / "monitor.db"
    remove_databases([path])
    started = time.perf_counter()
    open_store(path).close()  # the real schema, migrations, FTS triggers
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")  # build only; open_store turns WAL back on
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("PRAGMA foreign_keys = OFF")
    texts = Texts(SEED, pool=5000)
    rng = random.Random(SEED)

    # Stories of 1-4 consecutive items: story_of[item id] = story id, first[story id] = its first item.
    story_of: dict[int, int] = {}
    first: dict[int, int] = {}
    item_id = 1
    while item_id <= n:
        size = min(rng.choice([1, 1, 1, 2, 2, 3, 4]), n - item_id + 1)
        story_id = len(first) + 1
        first[story_id] = item_id
        for k in range(size):
            story_of[item_id + k] = story_id
        item_id += size
    seen_at = {i: ANCHOR - timedelta(seconds=SPAN * (1 - i / n)) for i in range(1, n + 1)}
    mentions = set(rng.sample(range(1, n + 1), n // 100))

    def items():
        for i in range(1, n + 1):
            body = texts.body(120)
            if i in mentions:
                body[0] = texts.insert(body[0], WORD)
            title = rng.choice(texts.short).rstrip(".?")
            summary = rng.choice(texts.short)
            text = Texts.join(body)
            seen = seen_at[i]
            published = seen - timedelta(minutes=rng.randint(5, 600))
            story_id = story_of[i]
            reason, similarity = ("first", None) if first[story_id] == i else ("band", round(rng.uniform(0.5, 1), 3))
            yield (i, f"https://news{i % 300}.example.org/a/{i}", f"g{i}", SOURCES[i % len(SOURCES)], title,
                   None, f"Outlet {i % 300}", iso(published), published.isoformat(), iso(seen), iso(seen),
                   summary, text, content_hash(title, summary, text), story_id, reason, similarity, "en")

    def sightings():
        for i in range(1, n + 1):
            seen = iso(seen_at[i])
            yield (i, SOURCES[i % len(SOURCES)], f"g{i}", f"https://news{i % 300}.example.org/a/{i}", seen, seen)
            if i % 10 == 0:  # a copy from another source
                other = SOURCES[(i + 7) % len(SOURCES)]
                yield (i, other, f"copy-{i}", f"https://{other}.example.org/c/{i}", seen, seen)

    conn.execute("BEGIN")
    conn.executemany("INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at) "
                     "VALUES (?, 'feed', ?, 900, ?, ?)",
                     [(s, f"https://{s}.example.org/feed.xml", iso(ANCHOR - timedelta(days=366)),
                       iso(ANCHOR - timedelta(days=366))) for s in SOURCES])
    conn.executemany(
        """INSERT INTO items (id, url, guid, source, title, author, publisher, published_at, published_raw,
                              first_seen_at, updated_at, summary, body, content_hash, story_id, story_reason,
                              story_similarity, language)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", items())
    conn.executemany("INSERT INTO stories (id, first_item_id, title, created_at, updated_at) "
                     "SELECT ?, id, title, first_seen_at, first_seen_at FROM items WHERE id = ?",
                     list(first.items()))
    conn.executemany("""INSERT INTO item_sightings (item_id, source, guid, url, content_hash, first_seen_at,
                                                    last_seen_at)
                        VALUES (?, ?, ?, ?, 'x', ?, ?)""", sightings())
    fetches = []
    for s in SOURCES:
        for k in range(50):
            started_at = iso(ANCHOR - timedelta(minutes=15 * (50 - k)))
            outcome, status, error = FAILING[s] if s in FAILING and k >= 45 else ("ok", 200, None)
            fetches.append((s, f"https://{s}.example.org/feed.xml", started_at, 120, outcome, status, error))
    conn.executemany("INSERT INTO fetches (source, location, started_at, duration_ms, outcome, http_status, "
                     "error) VALUES (?, ?, ?, ?, ?, ?, ?)", fetches)
    conn.executemany("UPDATE sources SET consecutive_failures = 5, last_outcome = ?, last_error = ? WHERE name = ?",
                     [(o, e, s) for s, (o, _, e) in FAILING.items()])
    # Alerts: ALERTS of them over the rules, on the first items of distinct stories, the last one on a
    # 4-item story (the one `story N` shows).
    big = [sid for sid in first if sid + 1 in first and first[sid + 1] - first[sid] == 4]
    shown = big[-1]
    alerted = rng.sample(sorted(set(first) - {shown}), ALERTS - 1) + [shown]
    alerts = []
    for k, story_id in enumerate(sorted(alerted)):
        rule = list(RULES)[k % len(RULES)]
        term = RULES[rule][0]
        when = iso(seen_at[first[story_id]] + timedelta(seconds=40))
        hits = [{"term": term, "field": "body", "start": 10, "end": 10 + len(term), "text": term}]
        alerts.append((rule, first[story_id], story_id, when, json.dumps([term]), 1, json.dumps(hits),
                       f"… a passage that names {term} in the body …", when, when if k % 3 == 0 else None))
    conn.executemany("""INSERT INTO alerts (rule, item_id, story_id, created_at, terms, match_count, hits, snippet,
                                            logged_at, acked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", alerts)
    index_bulk_text(conn)
    conn.execute("COMMIT")
    conn.close()
    open_store(path).close()  # back to WAL, as the product leaves it
    meta = {"version": VERSION, "items": n, "story": shown, "build_seconds": round(time.perf_counter() - started, 1)}
    (folder / "bench_cli.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


def cached(folder: Path, n: int) -> dict | None:
    try:
        meta = json.loads((folder / "bench_cli.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("version") != VERSION or meta.get("items") != n or not (folder / "monitor.db").exists():
        return None
    return meta


def environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    # Compiled bytecode is cached (outside the repository, in the benchmark's folder), as for an
    # installed copy or one run before: PYTHONDONTWRITEBYTECODE in the environment would otherwise
    # make every run compile the project's modules from source, which no user's command pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env.pop("COLUMNS", None)
    env["TERM"] = "dumb"
    return env


def run_once(argv: list[str], folder: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=folder, env=environment(folder), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def importtime(argv: list[str], folder: Path, top: int) -> None:
    """The top offenders of -X importtime: modules imported straight from the project's (or from the
    entry point), by cumulative time, and the project's own modules."""
    done = subprocess.run([sys.executable, "-X", "importtime", *argv[1:]], cwd=folder, env=environment(folder),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []  # (depth, name, self µs, cumulative µs)
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3 or not parts[1].strip().isdigit():
            continue  # the header line, or anything else on stderr
        own, cumulative, name = int(parts[0].split(":")[1]), int(parts[1]), parts[2]
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2  # one space, then two a level
        rows.append((depth, name.strip(), own, cumulative))
    # importtime prints a module after its children: walk backwards to find each one's parent.
    parents: dict[int, str] = {}
    direct: dict[str, tuple[int, str]] = {}
    project: dict[str, int] = {}
    for depth, name, _own, cumulative in reversed(rows):
        parents[depth] = name
        parent = parents.get(depth - 1, "<main>") if depth > 0 else "<main>"
        top_level = name.split(".")[0]
        if top_level in ("monitor", "storage"):
            project[name] = cumulative
        elif parent.split(".")[0] in ("monitor", "storage", "<main>") and depth <= 12:
            if name not in direct or direct[name][0] < cumulative:
                direct[name] = (cumulative, parent)
    total = sum(c for d, _, _, c in rows if d == 0)
    print(f"\n`python -X importtime {' '.join(argv[1:])}`: {total / 1000:.0f} ms of imports in all")
    print(f"  third-party and standard modules imported by the project, by cumulative time (top {top}):")
    for name, (cumulative, parent) in sorted(direct.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"    {cumulative / 1000:8.1f} ms  {name:<32} (from {parent})")
    print(f"  the project's modules, by cumulative time (top {min(top, 15)}):")
    for name, cumulative in sorted(project.items(), key=lambda kv: -kv[1])[:min(top, 15)]:
        print(f"    {cumulative / 1000:8.1f} ms  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", help="folder for the store and its config (kept between runs)")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (the median is reported)")
    parser.add_argument("--rebuild", action="store_true", help="build the store even when a cached one fits")
    parser.add_argument("--importtime", default="alerts", metavar="COMMAND",
                        help="the command whose imports are listed (a label of the table: alerts, sources, "
                             "story, search, --help; 'none' to skip)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    folder = Path(args.dir) if args.dir else Path(tempfile.gettempdir()) / "bench_cli"
    folder.mkdir(parents=True, exist_ok=True)
    config = write_config(folder)
    meta = None if args.rebuild else cached(folder, args.items)
    if meta is None:
        meta = build_store(folder, args.items)
        print(f"built a store of {args.items:,} items in {folder} in {meta['build_seconds']} s")
    else:
        print(f"reusing the store of {args.items:,} items in {folder} (built in {meta['build_seconds']} s)")
    size = sum(p.stat().st_size for p in folder.glob("monitor.db*"))
    print(f"  {size / 1e6:.0f} MB; {len(SOURCES)} sources, {ALERTS} alerts; story {meta['story']} has 4 items")

    base = [sys.executable, "-m", "monitor", "--config", str(config)]
    commands = {
        "--help": [*base, "--help"],
        "alerts": [*base, "alerts"],
        "sources": [*base, "sources"],
        "story": [*base, "story", str(meta["story"])],
        "search": [*base, "search", WORD],
        # Not part of the target: a word in nearly every item, which FTS5 ranks all 100,000 of.
        "search the": [*base, "search", "the"],
    }
    rows = []
    for label, argv in [("python -c pass", [sys.executable, "-c", "pass"]), *commands.items()]:
        run_once(argv, folder)  # warm-up: the OS cache, .pyc files
        runs = [run_once(argv, folder) for _ in range(args.runs)]
        times = [wall for wall, _ in runs]
        cpu = statistics.median(c for _, c in runs)
        rows.append((label, statistics.median(times), min(times), max(times), cpu))
        print(f"  {label:<16} {statistics.median(times):.3f} s", flush=True)

    print(f"\nwhole processes, {args.runs} runs each after one warm-up (cwd {folder}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}):")
    print(f"  {'command':<16} {'median':>8} {'min':>8} {'max':>8} {'CPU':>8}   ratio to {TARGET} s")
    for label, median, low, high, cpu in rows:
        verdict = ("" if label.startswith("python -c") else "  (reported)" if label == "search the"
                   else "  met" if median < TARGET else "  MISSED")
        print(f"  {label:<16} {median:7.3f}s {low:7.3f}s {high:7.3f}s {cpu:7.3f}s   {median / TARGET:5.2f}{verdict}")
    print("  (median, fastest and slowest wall time; CPU: median user + system time of the process, which a busy "
          "machine inflates less)")
    print(f"  (`monitor` is `{Path(sys.executable).name} -m monitor --config {config.name}`; "
          f"story {meta['story']}, search {WORD})")

    if args.importtime != "none":
        importtime(commands[args.importtime], folder, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
