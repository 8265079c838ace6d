"""Clustering benchmark: per-item cost of placing a new item in a story, 1,000,000 stored items against 10,000.

How to run (from the repository root; at full size 2.6 GB in DIR and about 10 minutes on 2 shared
cores, most of it writing the items and 64 million band rows; with --days 1400, 1.4 GB and about 3
minutes; --dir /dev/shm keeps the stores in memory):

    .venv/bin/python bench/bench_cluster.py [--items 1000000] [--small 10000] [--new 2000]
                                            [--days 14] [--dir /tmp] [--keep] [--reuse] [--profile]

`--items N` scales the big store down for a quick run (e.g. --items 100000). `--days D` spreads
the big store's items over D days instead of the 14-day window: a store that grew older at the
same ingest rate as the small one (--days 1400: 1,000,000 items, 10,000 of them in the window),
with band rows for the window's items only, as ingest's trimming leaves them. `--keep` leaves the
stores in DIR; `--reuse` measures stores a `--keep` run left instead of building them again (they
then hold that run's placed items too, and their clock starts again at the same time, so no item
leaves the window and the trim costs nothing: for comparing code or settings, not for the figures).
Without `--keep`, a `--reuse` run deletes the stores it measured.

What it does:

1. builds two stores, SMALL and ITEMS items, as SQLite files in DIR: `storage.open_store`
   creates the real schema (migrations, FTS triggers), then the rows are written in bulk with
   executemany in one transaction (journal off during the build only): a `sources` row; `items`
   rows with the columns NOT NULL needs plus story_id / story_reason / title_key (a short
   synthetic headline, indexed by the FTS trigger, and an empty body), first_seen_at spread
   uniformly over the story window (14 days) and increasing with the id as ingest writes them;
   one `stories` row per story; `item_signatures`, `lsh_bands` and `lsh_banded`.
   Signatures: 2,000 "recent" items of each store (in the last fifth of the window) are real
   ~600-word articles whose signatures and band keys are computed with the real
   monitor.stories.signature (a quarter of them are reprints of an earlier one, in its story);
   every other stored item has a RANDOM uint32 signature, its band keys computed by the real
   Signature.band_keys (1M real signatures at ~0.75 ms each would add ~12 min of CPU). The
   lsh_bands rows are inserted in key order. The full-text index is written at the end of the
   transaction and its segments merged into one, as `monitor store copy` leaves a store written in
   one transaction (storage.items.merge_text_index; unmerged, the later commits merged the whole
   index again every few hundred of them, which the whole-ingest mean measured: 1.15× at
   1,000,000 items against 1.01× merged, 2026-12-06).
2. reopens each store with `storage.open_store` (a SQLiteStore: WAL, as the daemon does) and
   places the same NEW items (half near-copies of recent stored articles, reprinted as outlets do;
   half fresh articles), alternating between the two stores item by item so machine noise hits
   both alike. As monitor.pipeline does: the item's signature is computed first, outside the
   transaction (timed: monitor.stories.signature and the bytes round trip, as a parse worker
   hands it over), then one `store.transaction()` (BEGIN IMMEDIATE) does what
   monitor.pipeline._store_one does for a new item, calling the store methods directly so the two
   parts can be timed apart: identity (`monitor.dedupe.classify(item, store.known(item))`,
   `store.insert_item`, `store.add_sighting`), then the timed placement (`title_key`,
   `store.story_candidates`: band keys, LSH and title-key lookups within the window;
   `monitor.stories.choose`: comparison with the candidates; `store.place_in_story`: writes of
   the story, the item's story columns and its index rows). No rule matches, so no alerts. After
   the commit, `store.trim_bands` as monitor.pipeline.store_items calls it after each document:
   the new items' clock moves on one second per item, so the oldest stored items leave the window
   as they would in a store of that age (about 0.8 a second at 1,000,000 per 14 days) and their
   bands are dropped, timed with the transaction.

What it prints: build time, file size and bytes per stored item of each store (and, from SQLite's
dbstat, the bytes per item of its largest tables and indexes), the query plan of the candidate lookup,
placements by reason (near_duplicate / title / first) for each store (they should agree),
candidates per lookup, the signature's ms per item, the placement's ms (mean, median, p95) for
both sizes, the per-item clustering cost (signature + placement) and its RATIO measured in this
run against the target (≤ 1.1×), the placement's own ratio, and the whole transaction (identity +
insert + placement + commit, then the band trim: the per-item ingest cost) per item for both sizes,
with its identity+insert, COMMIT and trim parts, and its ratio against the same target.
On a miss, or with --profile, it profiles 200 more placements into the big store with cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import random
import sqlite3
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import cast

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _synthetic import ANCHOR, CONTENT, FUNCTION, Lexicon, Writer, index_bulk_text, make_item, near_copy, remove_databases  # noqa: E402

from monitor.dedupe import Verdict, classify  # noqa: E402
from monitor.models import BANDS, NUM_PERM, Signature, StoryCandidate, iso  # noqa: E402
from monitor.pipeline import TRIM_AT_LEAST, TRIM_PER_ITEM  # noqa: E402
from monitor.stories import (CONTAINMENT_THRESHOLD, SIMILARITY_THRESHOLD, choose, signature,  # noqa: E402
                             story_text, title_key)
from storage import SQLiteStore, open_store  # noqa: E402
from storage.stories import band_lookup_sql  # noqa: E402

TARGET = 1.1
WINDOW = 14 * 86400.0  # settings.story_window's default
REAL = 2000  # real-text stored items per store
CHUNK = 50_000
SEED = 424242


# --- building a store ----------------------------------------------------------------------------

def _random_signatures(start: int, count: int) -> np.ndarray:
    """Random signatures for stored items start … start+count-1 (deterministic per chunk)."""
    return np.random.default_rng([SEED, start]).integers(0, 2**32, size=(count, NUM_PERM), dtype=np.uint32)


def _band_keys_chunk(start: int, count: int) -> np.ndarray:
    """The real Signature.band_keys of a chunk of random signatures (run in a worker process)."""
    sigs = _random_signatures(start, count)
    return np.array([Signature(row).band_keys() for row in sigs], dtype=np.int64)


@dataclass
class RealArticle:
    title: str
    summary: str
    body: str
    copy_of: int | None  # index of the earlier real article it reprints


def real_articles(writer: Writer, rng: random.Random) -> list[RealArticle]:
    lexicon = writer.lexicon
    out: list[RealArticle] = []
    for k in range(REAL):
        if k > 10 and rng.random() < 0.25:
            j = rng.randrange(k)
            copy_of = out[j].copy_of
            j = copy_of if copy_of is not None else j
            title, summary, body = near_copy(rng, writer, out[j].title, out[j].summary, out[j].body)
            out.append(RealArticle(title, summary, body, j))
        else:
            out.append(RealArticle(*writer.article(600, rng.sample(lexicon.entities, rng.randint(2, 6))), None))
    return out


def open_sqlite(path: Path) -> SQLiteStore:
    """open_store of a database file: a file path (not a postgresql:// URL) always opens SQLite."""
    store = open_store(path)
    assert isinstance(store, SQLiteStore)
    return store


def build_store(path: Path, n: int, real: list[RealArticle], real_sigs: list[Signature],
                pool: ProcessPoolExecutor, span: float = WINDOW) -> dict[str, float]:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    open_store(path).close()  # the real schema, migrations, FTS triggers
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")  # build only; open_store turns WAL back on
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("PRAGMA foreign_keys = OFF")  # items.story_id and stories.first_item_id point at each other
    rng = random.Random(SEED + n)
    now = ANCHOR
    # Timestamps spread over `span` (the window unless --days), increasing with the id (as ingest
    # writes them). Only the window's items have band rows: what trimming leaves in an older store.
    offsets = np.sort(np.random.default_rng([SEED, n]).random(n))[::-1] * (span - 60) + 60
    stamps = [iso(now - timedelta(seconds=float(o))) for o in offsets]
    first_banded = int(np.searchsorted(-offsets, -WINDOW, side="right"))
    step = max(1, int(0.2 * (n - first_banded) / len(real)))
    # position → real article, in article order (a reprint is stored after what it reprints)
    real_at = {n - 1 - (len(real) - 1 - k) * step: k for k in range(len(real))}
    ids = np.arange(1, n + 1)
    real_story: dict[int, int] = {}
    vocab = [w for w in dict.fromkeys(FUNCTION + CONTENT)]

    futures = [pool.submit(_band_keys_chunk, s, min(CHUNK, n - s)) if s + CHUNK > first_banded else None
               for s in range(0, n, CHUNK)]

    conn.execute("BEGIN")
    conn.execute("INSERT INTO sources (name, kind, location, interval_seconds, created_at, updated_at) "
                  "VALUES ('bench', 'feed', 'https://bench.example/feed.xml', 900, ?, ?)", [iso(now), iso(now)])
    # The real articles in position order, so a reprint comes after what it reprints.
    for pos in sorted(real_at):
        k = real_at[pos]
        item_id = pos + 1
        a = real[k]
        real_story[k] = real_story[a.copy_of] if a.copy_of is not None else item_id

    def item_rows_gen():
        for pos in range(n):
            item_id = pos + 1
            k = real_at.get(pos)
            if k is None:
                title = " ".join(rng.choices(vocab, k=8)).capitalize()
                yield (item_id, None, None, "bench", title, stamps[pos], stamps[pos], "", "",
                       f"{item_id:064x}", None, item_id, "first", None, title_key(title))
            else:
                a = real[k]
                story = real_story[k]
                yield (item_id, f"https://wire.example/{k}", f"w-{k}", "bench", a.title, stamps[pos], stamps[pos],
                       a.summary, a.body, make_item(a.title, a.summary, a.body, k).content_hash, None, story,
                       "first" if story == item_id else "near_duplicate", None, title_key(a.title))

    t = time.perf_counter()
    conn.executemany(
        """INSERT INTO items (id, url, guid, source, title, first_seen_at, updated_at, summary, body,
                              content_hash, text_hash, story_id, story_reason, story_similarity, title_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", item_rows_gen())
    conn.execute("""INSERT INTO stories (id, first_item_id, title, created_at, updated_at)
                    SELECT id, id, title, first_seen_at, first_seen_at FROM items WHERE story_id = id""")
    items_s = time.perf_counter() - t

    t = time.perf_counter()
    band_keys = np.empty((n, BANDS), dtype=np.int64)
    blobs_written = 0
    for s, future in zip(range(0, n, CHUNK), futures):
        keys = future.result() if future is not None else np.zeros((min(CHUNK, n - s), BANDS), dtype=np.int64)
        sigs = _random_signatures(s, len(keys))
        rows = []
        for i in range(len(keys)):
            pos = s + i
            real_k = real_at.get(pos)
            if real_k is None:
                rows.append((pos + 1, sigs[i].astype("<u4").tobytes()))
            else:
                rows.append((pos + 1, real_sigs[real_k].to_bytes()))
                keys[i] = real_sigs[real_k].band_keys()
        conn.executemany("INSERT INTO item_signatures (item_id, minhash) VALUES (?, ?)", rows)
        blobs_written += len(rows)
        band_keys[s:s + len(keys)] = keys
    sig_s = time.perf_counter() - t

    t = time.perf_counter()
    flat_keys = band_keys[first_banded:].ravel()
    flat_ids = np.repeat(ids[first_banded:], BANDS)
    order = np.lexsort((flat_ids, flat_keys))
    flat_keys, flat_ids = flat_keys[order], flat_ids[order]
    for s in range(0, len(flat_keys), 1_000_000):
        conn.executemany("INSERT INTO lsh_bands (key, item_id) VALUES (?, ?)",
                         zip(flat_keys[s:s + 1_000_000].tolist(), flat_ids[s:s + 1_000_000].tolist()))
    conn.executemany("INSERT INTO lsh_banded (item_id) VALUES (?)", ((i,) for i in ids[first_banded:].tolist()))
    bands_s = time.perf_counter() - t
    index_bulk_text(conn, merged=True)  # one transaction, as a store copy, which merges the index's segments
    conn.execute("COMMIT")
    fts_rows = conn.execute("SELECT count(*) FROM items_fts_docsize").fetchone()[0]
    conn.close()
    assert fts_rows == n, (fts_rows, n)
    return {"seconds": time.perf_counter() - started, "items_s": items_s, "sig_s": sig_s, "bands_s": bands_s,
            "in_window": n - first_banded,
            "bytes": sum(os.path.getsize(str(path) + x) for x in ("", "-wal") if os.path.exists(str(path) + x))}


# --- measuring -----------------------------------------------------------------------------------

def new_items(writer: Writer, rng: random.Random, real: list[RealArticle], count: int) -> list:
    lexicon = writer.lexicon
    out = []
    sources = rng.sample(range(len(real)), count // 2)
    for i in range(count):
        if i < count // 2:
            a = real[sources[i]]
            title, summary, body = near_copy(rng, writer, a.title, a.summary, a.body)
            kind = "copy"
        else:
            title, summary, body = writer.article(600, rng.sample(lexicon.entities, rng.randint(2, 6)))
            kind = "fresh"
        out.append((kind, make_item(title, summary, body, 10_000_000 + i)))
    rng.shuffle(out)
    return out


def save_new(store: SQLiteStore, item, now):
    """Identity and insert, as monitor.pipeline._store_one does for a new item: (item id, decision)."""
    decision = classify(item, store.known(item))
    if decision.verdict not in (Verdict.NEW, Verdict.COPY):
        raise AssertionError(f"benchmark item is {decision.verdict.value}, not new")
    item_id = store.insert_item(decision.item, now)
    store.add_sighting(item_id, decision.seen_as, now)
    return item_id, decision


def place(store: SQLiteStore, item_id: int, decision, sig, now):
    """Placement, as monitor.pipeline._store_one does: candidates from the store, the choice, the write."""
    key = title_key(decision.item.title)
    since = now - timedelta(seconds=WINDOW)
    candidates = store.story_candidates(item_id, sig, key, since)
    copy = decision.copy_of
    if copy is not None and copy.story_id is not None and copy.first_seen_at >= since:
        candidates.insert(0, StoryCandidate(copy.id, copy.story_id, None, "text"))
    placement = choose(sig, candidates, SIMILARITY_THRESHOLD, CONTAINMENT_THRESHOLD)
    store.place_in_story(item_id, decision.item.title, placement, key, sig, now)
    return placement


def place_one(store: SQLiteStore, item, now, sig) -> tuple[float, float, str, float, float, float]:
    """(placement s, whole transaction s, reason, identity+insert s, commit s, trim s) for one new item.

    As monitor.pipeline.store_items does: the signature was computed before (in the parse
    workers); identity, insert, placement and COMMIT run in one write transaction, then the
    band index is trimmed to the window (a one-item document's share).
    """
    t0 = time.perf_counter()
    with store.transaction():
        item_id, decision = save_new(store, item, now)
        t1 = time.perf_counter()
        placement = place(store, item_id, decision, sig, now)
        t2 = time.perf_counter()
    t3 = time.perf_counter()
    store.trim_bands(WINDOW, now, max(TRIM_AT_LEAST, TRIM_PER_ITEM))
    t4 = time.perf_counter()
    return t2 - t1, t4 - t0, placement.reason, t1 - t0, t3 - t2, t4 - t3


def table_bytes(path: Path, top: int = 6) -> list[tuple[str, int]]:
    """The largest tables and indexes of a store file, bytes (SQLite's dbstat)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?",
                            [top]).fetchall()
    finally:
        conn.close()


def store_bytes(path: Path) -> int:
    return sum(os.path.getsize(str(path) + x) for x in ("", "-wal") if os.path.exists(str(path) + x))


def sign(item) -> Signature | None:
    """What monitor.analysis.analyse computes for the story index (and the bytes round trip)."""
    found = signature(story_text(item.title, item.summary, item.body))
    return Signature.from_bytes(found.to_bytes()) if found is not None else None


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000, help="stored items in the big store")
    parser.add_argument("--small", type=int, default=10_000, help="stored items in the small store")
    parser.add_argument("--new", type=int, default=2000, help="new items placed into each store")
    parser.add_argument("--dir", default="/tmp")
    parser.add_argument("--keep", action="store_true", help="keep the database files")
    parser.add_argument("--reuse", action="store_true", help="measure the stores a --keep run left in DIR")
    parser.add_argument("--days", type=float, default=WINDOW / 86400,
                        help="the big store's items span this many days (default: the 14-day window)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if min(args.small, args.items) < 2 * REAL:
        parser.error(f"stores need at least {2 * REAL} items")
    started = time.perf_counter()

    lexicon = Lexicon()
    writer = Writer(lexicon, seed=SEED)
    rng = random.Random(SEED)
    t = time.perf_counter()
    real = real_articles(writer, rng)
    maybe_sigs = [signature(story_text(a.title, a.summary, a.body)) for a in real]
    assert all(s is not None for s in maybe_sigs)
    real_sigs = cast("list[Signature]", maybe_sigs)  # the assert above: none of them is None
    fresh = new_items(writer, rng, real, args.new)
    tag, seeds = "", (1, 2)
    if args.reuse:  # texts and addresses the earlier run did not store
        tag = str(time.time_ns())
        seeds = (time.time_ns() % 2**31 + 1, time.time_ns() % 2**31 + 2)
        fresh = [(kind, replace(item, url=f"https://new.example/{tag}/{j}", guid=f"new-{tag}-{j}"))
                 for j, (kind, item) in enumerate(new_items(Writer(lexicon, seed=seeds[0] + 2), random.Random(tag),
                                                            real, args.new))]
    print(f"bench_cluster: {REAL} real stored articles and {len(fresh)} new items written and signed in "
          f"{time.perf_counter() - t:.1f} s")

    paths = {size: Path(args.dir) / f"bench_cluster_{size}.db" for size in (args.small, args.items)}
    if args.reuse:
        for size, path in paths.items():
            print(f"  store of {size:>9,} items: reused {path} (file {store_bytes(path) / 1e6:,.0f} MB)")
    else:
        with ProcessPoolExecutor(max(1, min(2, os.cpu_count() or 1))) as pool:
            builds = {size: build_store(paths[size], size, real, real_sigs, pool,
                                        max(WINDOW, args.days * 86400) if size == args.items else WINDOW)
                      for size in (args.small, args.items)}
        for size, b in builds.items():
            print(f"  store of {size:>9,} items: built in {b['seconds']:6.1f} s (items+FTS+stories {b['items_s']:.1f} s, "
                  f"signatures {b['sig_s']:.1f} s, lsh_bands {b['bands_s']:.1f} s), file {b['bytes'] / 1e6:,.0f} MB, "
                  f"{b['bytes'] / size:,.0f} bytes per item, {b['in_window']:,} in the window with band rows "
                  "(random signatures, real band keys; 2,000 real articles)")
            print("    largest, bytes per item: " + ", ".join(
                f"{name} {nbytes / size:,.0f}" for name, nbytes in table_bytes(paths[size])))

    dbs: dict[int, SQLiteStore] = {size: open_sqlite(paths[size]) for size in paths}
    big_db = dbs[args.items]
    probe = [1, 2, 3]
    plan = big_db.execute("EXPLAIN QUERY PLAN " + band_lookup_sql(len(probe)), [*probe, "2000", 500]).fetchall()
    print("  candidate lookup plan (big store): " + " | ".join(row[-1] for row in plan))

    # Warm-up: a few placements into each store of items that are not measured.
    for j, (_, item) in enumerate(new_items(Writer(lexicon, seed=seeds[0]), random.Random(seeds[0]), real, 20)):
        for db in dbs.values():
            place_one(db, replace(item, url=f"https://warmup.example/{tag}{j}", guid=f"wu-{tag}{j}"), ANCHOR, sign(item))

    place_ms: dict[int, list[float]] = {size: [] for size in dbs}
    txn_ms: dict[int, list[float]] = {size: [] for size in dbs}
    save_ms: dict[int, list[float]] = {size: [] for size in dbs}
    commit_ms: dict[int, list[float]] = {size: [] for size in dbs}
    trim_ms: dict[int, list[float]] = {size: [] for size in dbs}
    reasons: dict[int, dict[str, int]] = {size: {} for size in dbs}
    by_kind: dict[int, dict[str, list[float]]] = {size: {"copy": [], "fresh": []} for size in dbs}
    gc.collect()
    order = [args.small, args.items]
    sig_times: list[float] = []
    for i, (kind, item) in enumerate(fresh):
        now = ANCHOR + timedelta(seconds=i + 1)
        t = time.perf_counter()  # computed once, outside the transaction, as ingest does
        sig = sign(item)
        sig_times.append(time.perf_counter() - t)
        for size in (order if i % 2 == 0 else order[::-1]):
            p, total, reason, save, commit, trim = place_one(dbs[size], item, now, sig)
            trim_ms[size].append(trim * 1000)
            save_ms[size].append(save * 1000)
            commit_ms[size].append(commit * 1000)
            place_ms[size].append(p * 1000)
            txn_ms[size].append(total * 1000)
            by_kind[size][kind].append(p * 1000)
            reasons[size][reason] = reasons[size].get(reason, 0) + 1

    # Candidates per lookup, afterwards (a lookup before placing would warm the cache for it).
    since = ANCHOR - timedelta(seconds=WINDOW)
    cands = {}
    for size, db in dbs.items():
        counts = []
        for kind, item in fresh[:300]:
            sig = signature(story_text(item.title, item.summary, item.body))
            counts.append(len(db.story_candidates(0, sig, None, since)) - 1)  # LSH only, minus itself
        cands[size] = statistics.mean(counts)
    sig_ms = statistics.mean(sig_times) * 1000

    print(f"\nplaced {len(fresh)} new items into each store ({sum(k == 'copy' for k, _ in fresh)} near-copies of "
          f"recent stored articles, the rest fresh), alternating stores item by item:")
    for size in dbs:
        print(f"  {size:>9,} stored: reasons {dict(sorted(reasons[size].items()))}, "
              f"{cands[size]:.2f} candidates per lookup")
    print(f"\nsignature (monitor.stories.signature, computed before the transaction as ingest does; the same "
          f"at any size): mean {sig_ms:.3f} ms, median {statistics.median(sig_times) * 1000:.3f} ms per item")
    print("placement inside the write transaction (title_key, store.story_candidates: band keys + LSH and title "
          "lookups in the window; stories.choose: compare; store.place_in_story: story + index writes), ms:")
    for size in dbs:
        v = place_ms[size]
        print(f"  {size:>9,} stored: mean {statistics.mean(v):6.3f}  median {statistics.median(v):6.3f}  "
              f"p95 {pct(v, 0.95):6.3f}  max {max(v):7.3f}   (copies {statistics.mean(by_kind[size]['copy']):.3f}, "
              f"fresh {statistics.mean(by_kind[size]['fresh']):.3f})")
    small_v, big_v = place_ms[args.small], place_ms[args.items]
    per_small = [p + s * 1000 for p, s in zip(small_v, sig_times)]
    per_big = [p + s * 1000 for p, s in zip(big_v, sig_times)]
    ratio = statistics.mean(per_big) / statistics.mean(per_small)
    med_ratio = statistics.median(per_big) / statistics.median(per_small)
    verdict = "PASS" if ratio <= TARGET else "MISS"
    print(f"per-item clustering cost = signature + placement: {statistics.mean(per_small):.3f} ms with {args.small:,} "
          f"stored, {statistics.mean(per_big):.3f} ms with {args.items:,} stored")
    print(f"  RATIO {args.items:,} / {args.small:,} stored: {ratio:.2f}× on the mean, {med_ratio:.2f}× on the median"
          f"   target ≤ {TARGET}×   {verdict}")
    print(f"  placement alone (the part under the write lock): {statistics.mean(big_v) / statistics.mean(small_v):.2f}× "
          f"on the mean, {statistics.median(big_v) / statistics.median(small_v):.2f}× on the median")
    print("\nper-item ingest: the write transaction (known + classify + insert_item + add_sighting, placement, "
          "COMMIT) and the band trim after it, ms:")
    for size in dbs:
        v = txn_ms[size]
        print(f"  {size:>9,} stored: mean {statistics.mean(v):6.3f}  median {statistics.median(v):6.3f}  p95 {pct(v, 0.95):6.3f}"
              f"   (identity+insert mean {statistics.mean(save_ms[size]):.3f}, COMMIT mean {statistics.mean(commit_ms[size]):.3f} "
              f"median {statistics.median(commit_ms[size]):.3f} p95 {pct(commit_ms[size], 0.95):.3f}, "
              f"trim mean {statistics.mean(trim_ms[size]):.3f})")
    txn_ratio = statistics.mean(txn_ms[args.items]) / statistics.mean(txn_ms[args.small])
    print(f"  RATIO: {txn_ratio:.2f}× on the mean, "
          f"{statistics.median(txn_ms[args.items]) / statistics.median(txn_ms[args.small]):.2f}× on the median"
          f"   target ≤ {TARGET}×   {'PASS' if txn_ratio <= TARGET else 'MISS'}")
    print("\nbytes of store per item after the run (file + WAL, checkpointed; items stored and placed):")
    for size, db in dbs.items():
        db.maintain(thorough=True)
        count = db.execute("SELECT count(*) FROM items").fetchone()[0]
        bands = db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
        print(f"  {size:>9,} stored: {store_bytes(paths[size]) / count:,.0f} bytes per item, "
              f"{bands / count:.1f} lsh_bands rows per item")

    if args.profile or ratio > TARGET:
        extra = new_items(Writer(lexicon, seed=seeds[1]), random.Random(seeds[1]), real, 200)
        profiler = cProfile.Profile()
        for j, (_, item) in enumerate(extra):
            item = replace(item, url=f"https://profile.example/{tag}{j}", guid=f"pr-{tag}{j}")
            with big_db.transaction():
                item_id, decision = save_new(big_db, item, ANCHOR + timedelta(hours=1))
                sig = sign(item)
                profiler.enable()
                place(big_db, item_id, decision, sig, ANCHOR + timedelta(hours=1))
                profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
        print(f"\ncProfile, 200 placements (story_candidates + choose + place_in_story) into the {args.items:,} "
              "store, top 12 by own time:")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))

    for db in dbs.values():
        db.close()
    if not args.keep:
        remove_databases(paths.values())
    print(f"\ntotal run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
