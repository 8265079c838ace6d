"""What retention saves: months of synthetic items through the real store, with and without it.

Two stores get the same items (a day at a time, each placed in a story through story_candidates and
place_in_story, as monitor.pipeline does): one never pruned, one pruned at the end of each simulated
day as the daemon's daily job does (Store.prune with `[retention] items`, then Store.compact). Printed
per store: items, lsh_bands rows (and per 100k items), tombstones, file size, and the slowest prune
batch (how long a writer could have waited).

    python bench/bench_retention.py [--days 120] [--per-day 500] [--keep-items 30] [--dir /dev/shm]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.dedupe import Verdict, classify, hashes  # noqa: E402
from monitor.models import Item, Retention, Signature, Source  # noqa: E402
from monitor.stories import choose, signature, story_text, title_key  # noqa: E402
from storage import SQLiteStore, open_store  # noqa: E402
from storage.retention import STEPS, cutoffs  # noqa: E402

WINDOW = 14 * 86400.0  # settings.story_window's default
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
WORDS = [f"w{n}" for n in range(20_000)]


def open_sqlite(path: Path) -> SQLiteStore:
    """open_store of a database file: a file path (not a postgresql:// URL) always opens SQLite, whose
    connection (execute, path) the counts below read."""
    store = open_store(path)
    assert isinstance(store, SQLiteStore)
    return store


def make_items(day: int, per_day: int, rng: random.Random) -> list[tuple[Item, Signature | None]]:
    """One simulated day: distinct articles of ~150 words, with their signatures."""
    found = []
    for n in range(per_day):
        number = day * per_day + n
        when = START + timedelta(days=day, seconds=n * 86400 // per_day)
        title, body = f"Article {number} {rng.choice(WORDS)}", " ".join(rng.choices(WORDS, k=150))
        content, text = hashes(title, "", body)
        item = Item(source="bench", url=f"https://news{number % 50}.example.org/a/{number}", guid=f"g-{number}",
                    title=title, author=None, publisher=None, published_at=when, published_raw=None,
                    date_suspect=None, fetched_at=when, summary="", body=body, content_hash=content,
                    location=None, text_hash=text)
        found.append((item, signature(story_text(title, "", body))))
    return found


def store_day(store: SQLiteStore, day: list[tuple[Item, Signature | None]]) -> None:
    """Identity, insert, sighting and story placement, one transaction per 100 items (a document's
    worth, as the pipeline commits a feed)."""
    for start in range(0, len(day), 100):
        with store.transaction():
            for item, sig in day[start:start + 100]:
                _store_one(store, item, sig)


def _store_one(store: SQLiteStore, item: Item, sig: Signature | None) -> None:
    now = item.fetched_at
    decision = classify(item, store.known(item))
    assert decision.verdict is Verdict.NEW, decision.verdict
    item_id = store.insert_item(decision.item, now)
    store.add_sighting(item_id, item, now)
    candidates = store.story_candidates(item_id, sig, None, now - timedelta(seconds=WINDOW))
    placement = choose(sig, candidates, 0.5, 0.8)
    store.place_in_story(item_id, item.title, placement, title_key(item.title), sig, now)


def slowest_batch(store: SQLiteStore, policy: Retention, now: datetime) -> float:
    """Prune as Store.prune does, timing each batch's transaction; the longest, in seconds."""
    worst = 0.0
    cuts = cutoffs(policy, WINDOW, now)
    for name, step in STEPS:
        cut, more = cuts[name], cuts[name] is not None
        while more:
            assert cut is not None
            started = time.perf_counter()
            with store.transaction():
                _, more = step(store.db, cut, 500, now)
            worst = max(worst, time.perf_counter() - started)
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--per-day", type=int, default=500)
    parser.add_argument("--keep-items", type=float, default=30.0, help="[retention] items, in days")
    parser.add_argument("--dir", default=None, help="where the two stores are made (default: the temp folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench_retention_", dir=args.dir))
    try:
        stores = {"no retention": open_sqlite(folder / "keep.db"), "retention": open_sqlite(folder / "prune.db")}
        for store in stores.values():
            store.sync_sources([Source(name="bench", kind="feed", location="https://example.org/feed")], START)
        policy = Retention(items=args.keep_items * 86400)
        rng = random.Random(13)
        worst_batch = compact_s = 0.0
        started = time.perf_counter()
        for day in range(args.days):
            items = make_items(day, args.per_day, rng)
            for store in stores.values():
                store_day(store, items)
            end_of_day = START + timedelta(days=day + 1)
            pruned = stores["retention"]
            worst_batch = max(worst_batch, slowest_batch(pruned, policy, end_of_day))
            t0 = time.perf_counter()
            pruned.compact()
            compact_s = max(compact_s, time.perf_counter() - t0)
            if (day + 1) % 30 == 0:
                print(f"day {day + 1}: {time.perf_counter() - started:.0f}s", file=sys.stderr)
        total = args.days * args.per_day
        print(f"{args.days} days × {args.per_day} items/day = {total:,} items; story_window 14d; "
              f"[retention] items = {args.keep_items:g}d")
        print(f"{'store':<14} {'items':>9} {'lsh_bands':>11} {'bands/100k items':>17} {'tombstones':>11} {'file MB':>8}")
        for name, store in stores.items():
            store.maintain(thorough=True)
            count = store.execute("SELECT count(*) FROM items").fetchone()[0]
            bands = store.execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
            tombs = store.execute("SELECT count(*) FROM tombstones").fetchone()[0]
            size = (store.path.stat().st_size) / 1e6
            print(f"{name:<14} {count:>9,} {bands:>11,} {bands * 100_000 / total:>17,.0f} {tombs:>11,} {size:>8.1f}")
        print(f"slowest prune batch (write lock held): {worst_batch * 1000:.0f} ms; "
              f"slowest daily compact (optimize + incremental_vacuum): {compact_s * 1000:.0f} ms")
        for store in stores.values():
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
