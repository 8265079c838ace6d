"""Backtest benchmark: one rule over 1,000,000 stored items (FTS prefilter + matcher), against 10,000.

How to run (from the repository root; the 1M store is 6.4 GB in DIR and takes ~9 minutes to build):

    .venv/bin/python bench/bench_backtest.py [--items 1000000] [--small 10000] [--words 600]
                                             [--rate 0.01] [--dir /tmp] [--keep] [--profile]

What it does:

1. builds two stores of SMALL and ITEMS items as SQLite files: `storage.open_store` creates the
   real schema (migrations; items_fts is an external-content FTS5 table kept by the triggers
   sqlite-utils' enable_fts created), then `items` rows (every column the backtest reads: url,
   guid, source, title, publisher, published_at, first_seen_at, updated_at, summary, a ~WORDS-word
   body, content_hash, story_id) and their `stories` rows are inserted in bulk with executemany in
   one transaction, the FTS triggers indexing each row as it goes. Texts are news-like sentences
   drawn from a fixed pool of 50,000 generated ones (bench/_synthetic.py), dates spread over a year.
   RATE of the items (1%) get a planted mention of Donbas (Donbas, Donbass, DONBAS, Donbas’s,
   Donbas-based, in the title, the teaser or the body). Of those, a third also say "shelling" or
   "artillery" within 4 words of it ("near") and a fifth say it only 100+ words away ("far"). No
   other text contains these words. Afterwards it checks that items_fts holds a row for every
   item and that an FTS query finds exactly the planted items.
2. runs `monitor.backtest.backtest(store, rule)` on a fresh `storage.open_store` store, twice per store
   (the first run reads the pages into SQLite's cache, the OS cache being warm from the build), for
      Donbas:        terms ["Donbas", "Donbass"]
      Donbas-NEAR:   query (Donbas OR Donbass) NEAR/10 (shelling OR artillery)
   and once more for Donbas with since = the last 30 days.

What it prints: build time and file size; for each rule and store: the FTS prefilter, backtest
time, candidates scanned, items matched, stories, and whether matched == planted (and, for the
NEAR rule, candidates == near + far planted); the 1M / 10k RATIOS of time and of time per candidate;
then where the 1M Donbas backtest's time goes (the FTS count in `storage.items.history`, fetching the
candidate rows, row_to_item, match), measured in separate passes, and history()'s iterator as the
backtest consumes it (fetch + row_to_item + StoredHistoryItem) for comparison. With --profile:
cProfile top entries of it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _synthetic import ANCHOR, Lexicon, Writer, index_bulk_text, remove_databases  # noqa: E402

from monitor.backtest import Report, backtest  # noqa: E402
from monitor.dedupe import content_hash  # noqa: E402
from monitor.models import Rule, iso  # noqa: E402
from monitor.rules import compile_rules, match, rule_tree  # noqa: E402
from storage import items as item_rows  # noqa: E402
from storage import SQLiteStore, open_store  # noqa: E402
from storage.search import fts_prefilter  # noqa: E402

SEED = 777
SPAN = 365 * 86400.0
DONBAS = Rule("Donbas", terms=("Donbas", "Donbass"))
DONBAS_NEAR = Rule("Donbas-NEAR", query="(Donbas OR Donbass) NEAR/10 (shelling OR artillery)")
ITERATOR = "history() iterator (not summed)"  # rows + row_to_item, as backtest() consumes them
FORMS = ["Donbas", "Donbas", "Donbass", "DONBAS", "Donbas\u2019s", "Donbas's", "Donbas-based", "(Donbas)"]


class Texts:
    """Fast deterministic article text: sentences drawn from a fixed generated pool."""

    def __init__(self, seed: int, pool: int = 50_000) -> None:
        writer = Writer(Lexicon(), seed=seed, topic_rate=0.0)
        self.sentences = [writer.sentence() for _ in range(pool)]
        self.short = [s for s in self.sentences if 12 <= s.count(" ") + 1 <= 16][:5000]
        self.vocab = writer.vocab
        self.rng = random.Random(seed)

    def body(self, words: int) -> list[str]:
        return self.rng.choices(self.sentences, k=max(3, words // 21))

    @staticmethod
    def join(sentences: list[str]) -> str:
        return "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))

    def insert(self, sentence: str, mention: str) -> str:
        words = sentence.split(" ")
        words.insert(self.rng.randrange(1, len(words)), mention)
        return " ".join(words)


def build_store(path: Path, n: int, words: int, rate: float) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    open_store(path).close()  # the real schema, migrations, the FTS queue's triggers
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")  # build only; open_store turns WAL back on
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("PRAGMA foreign_keys = OFF")
    texts = Texts(SEED)
    rng = random.Random(SEED + n)
    planted = set(rng.sample(range(n), round(n * rate)))
    kinds = {}
    for pos in sorted(planted):
        r = rng.random()
        kinds[pos] = "near" if r < 1 / 3 else "far" if r < 1 / 3 + 1 / 5 else "plain"

    def rows():
        for pos in range(n):
            item_id = pos + 1
            body = texts.body(words)
            title = rng.choice(texts.short).rstrip(".?")
            summary = rng.choice(texts.short)
            kind = kinds.get(pos)
            if kind is not None:
                where = rng.random()
                mention = rng.choice(FORMS)
                if where < 0.1:
                    title = texts.insert(title, mention)
                elif where < 0.2:
                    summary = texts.insert(summary, mention)
                else:
                    for _ in range(rng.choice([1, 1, 2, 3])):
                        i = rng.randrange(0, max(1, len(body) // 2))
                        body[i] = texts.insert(body[i], rng.choice(FORMS))
                if kind == "near":
                    body[-1] = texts.insert(body[-1], f"{rng.choice(['Donbas', 'Donbass'])} "
                                            f"{' '.join(rng.choices(texts.vocab, k=rng.randint(0, 4)))} "
                                            f"{rng.choice(['shelling', 'artillery'])}".replace("  ", " "))
                elif kind == "far":
                    if where < 0.2:  # the mention is in the title or teaser: put Donbas early in the body too
                        body[0] = texts.insert(body[0], "Donbas")
                    body[-1] = texts.insert(body[-1], rng.choice(["shelling", "artillery"]))
            text = Texts.join(body)
            seen = ANCHOR - timedelta(seconds=SPAN * (1 - pos / n))
            published = seen - timedelta(minutes=rng.randint(5, 600))
            yield (item_id, f"https://news{item_id % 300}.example.org/a/{item_id}", f"g{item_id}",
                   "bench", title, None, f"Outlet {item_id % 300}", iso(published), published.isoformat(),
                   iso(seen), iso(seen), summary, text, content_hash(title, summary, text), item_id, "first")

    conn.execute("BEGIN")
    conn.execute("INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at) "
                  "VALUES ('bench', 'feed', 'https://bench.example/feed.xml', 900, ?, ?)", [iso(ANCHOR), iso(ANCHOR)])
    conn.executemany(
        """INSERT INTO items (id, url, guid, source, title, author, publisher, published_at, published_raw,
                              first_seen_at, updated_at, summary, body, content_hash, story_id, story_reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows())
    conn.execute("""INSERT INTO stories (id, first_item_id, title, created_at, updated_at)
                    SELECT id, id, title, first_seen_at, first_seen_at FROM items""")
    index_bulk_text(conn)
    conn.execute("COMMIT")
    build_s = time.perf_counter() - started
    # The FTS index is there: a row per item, and the planted term found exactly where planted.
    fts_rows = conn.execute("SELECT count(*) FROM items_fts_docsize").fetchone()[0]
    found = conn.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"donbas\" OR \"donbass\"'").fetchone()[0]
    conn.close()
    assert fts_rows == n, f"items_fts has {fts_rows} rows for {n} items"
    assert found == len(planted), f"FTS finds {found} items, {len(planted)} planted"
    size = sum(os.path.getsize(str(path) + x) for x in ("", "-wal") if os.path.exists(str(path) + x))
    return {"seconds": build_s, "bytes": size, "planted": len(planted),
            "near": sum(k == "near" for k in kinds.values()), "far": sum(k == "far" for k in kinds.values())}


def run(path: Path, rule: Rule, since: datetime | None = None) -> tuple[float, Report]:
    store = open_store(path)
    start = time.perf_counter()
    report = backtest(store, rule, since=since)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, report


def breakdown(path: Path, rule: Rule) -> dict[str, float]:
    """The Donbas backtest's parts, each timed in its own pass over the same candidates, and (last,
    not part of the sum) history()'s iterator as backtest() consumes it."""
    store = open_store(path)
    assert isinstance(store, SQLiteStore)  # a database file opens SQLite; its connection is read directly
    db = store.db
    compiled = compile_rules([rule])
    tree = rule_tree(rule)
    out = {}
    t = time.perf_counter()
    total, fts, history_iter = item_rows.history(db, tree, None)
    out["history(): FTS count(*)"] = time.perf_counter() - t
    # The rows themselves, with the query storage.items.history runs for a prefilter and no `since`.
    t = time.perf_counter()
    rows = list(db.query("SELECT items.* FROM items_fts JOIN items ON items.rowid = items_fts.rowid "
                         "WHERE items_fts MATCH ? ORDER BY items.id", [fts]))
    out["fetch the candidate rows"] = time.perf_counter() - t
    assert len(rows) == total, (len(rows), total)
    t = time.perf_counter()
    items = [item_rows.row_to_item(r) for r in rows]
    out["row_to_item (2 from_iso each)"] = time.perf_counter() - t
    t = time.perf_counter()
    for item in items:
        match(compiled, item)
    out["match() on each candidate"] = time.perf_counter() - t
    t = time.perf_counter()
    assert len(list(history_iter)) == total
    out[ITERATOR] = time.perf_counter() - t
    store.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=600, help="body words per item")
    parser.add_argument("--rate", type=float, default=0.01, help="share of items that mention Donbas")
    parser.add_argument("--dir", default="/tmp")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()

    sizes = [args.small, args.items]
    paths = {n: Path(args.dir) / f"bench_backtest_{n}.db" for n in sizes}
    builds = {}
    for n in sizes:
        builds[n] = build_store(paths[n], n, args.words, args.rate)
        b = builds[n]
        print(f"store of {n:>9,} items (~{args.words} body words): built in {b['seconds']:6.1f} s, file "
              f"{b['bytes'] / 1e9:.2f} GB; FTS rows checked; planted Donbas in {b['planted']:,} items "
              f"({b['near']:,} with shelling/artillery near it, {b['far']:,} far from it)", flush=True)

    results: dict[tuple[str, int], tuple[float, float, Report]] = {}
    cases = [(DONBAS, None, "Donbas"), (DONBAS_NEAR, None, "Donbas-NEAR"),
             (DONBAS, ANCHOR - timedelta(days=30), "Donbas, since 30 days")]
    for rule, since, label in cases:
        print(f"\n{label}: FTS prefilter {fts_prefilter(rule_tree(rule))}")
        for n in sizes:
            first, report = run(paths[n], rule, since)
            second, report2 = run(paths[n], rule, since)
            assert (report.scanned, report.items) == (report2.scanned, report2.items)
            b = builds[n]
            if since is not None:
                check = "(planted count not checked with since)"
            elif rule is DONBAS:
                ok = report.items == b["planted"] and report.scanned == b["planted"]
                check = f"matched == planted ({b['planted']:,}): {'yes' if ok else 'NO'}"
            else:
                ok = report.items == b["near"] and report.scanned == b["near"] + b["far"]
                check = (f"matched == near-planted ({b['near']:,}) and candidates == near + far "
                         f"({b['near'] + b['far']:,}): {'yes' if ok else 'NO'}")
            results[(label, n)] = (first, second, report)
            print(f"  {n:>9,} items: {first:7.3f} s first run, {second:7.3f} s second run; "
                  f"candidates scanned {report.scanned:,}, items matched {report.items:,}, "
                  f"stories {len(report.stories):,}; {check}")
        (f_s, s_s, r_s), (f_b, s_b, r_b) = results[(label, args.small)], results[(label, args.items)]
        per_s = s_s / max(1, r_s.scanned) * 1e6
        per_b = s_b / max(1, r_b.scanned) * 1e6
        print(f"  RATIO {args.items:,} / {args.small:,}: time {s_b / s_s:.1f}× (second runs; first runs "
              f"{f_b / f_s:.1f}×) for {r_b.scanned / max(1, r_s.scanned):.0f}× the candidates; per candidate "
              f"{per_b:.0f} µs vs {per_s:.0f} µs = {per_b / per_s:.2f}×")

    print(f"\nwhere the {args.items:,}-item Donbas backtest's time goes (separate passes):")
    parts = breakdown(paths[args.items], DONBAS)
    whole = sum(secs for name, secs in parts.items() if name != ITERATOR)
    for name, secs in parts.items():
        share = "" if name == ITERATOR else f"  {100 * secs / whole:4.0f}%"
        print(f"  {name:<34} {secs:7.3f} s{share}")

    if args.profile:
        store = open_store(paths[args.items])
        profiler = cProfile.Profile()
        profiler.enable()
        backtest(store, DONBAS)
        profiler.disable()
        store.close()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
        print("\ncProfile of the Donbas backtest over the big store, top 12 by own time:")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))

    if not args.keep:
        remove_databases(paths.values())
    print(f"\ntotal run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
