"""Copies of one text in one feed: the cost of placing each copy in its story as the story grows.

A hostile (or just repetitive) feed can carry the same article text N times under N headlines.
Each copy is its own item in one story; placing it must not compare it with every earlier copy
(that made N copies cost O(N²) under the write lock: 1,000 copies 58 s, 2,000 copies 239 s).

    .venv/bin/python bench/bench_copies.py [--sizes 250,1000,2000]

For each size it writes a feed of N items (same body, distinct titles, GUIDs and links) to a file,
ingests it once with `monitor.pipeline.ingest_source` into a fresh database, and prints the wall
time, the time per copy, and the per-copy cost at the largest size against the smallest (flat
cost is 1.0×). It also prints the LSH band rows the store holds (bounded: one story's copies share
the rows of the member that represents them).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.config import load  # noqa: E402
from monitor.pipeline import Context, ingest_source  # noqa: E402
from storage import open_store  # noqa: E402

BODY = " ".join(f"Paragraph {n}: negotiators in Geneva discussed troop movements near the border, the"
                f" demands set out in December and the meetings planned in Brussels and Vienna." for n in range(8))


def feed(n: int) -> str:
    items = "".join(f"<item><title>Copy {i}: talks in Geneva run long</title>"
                    f"<link>https://copies.example.org/{i}</link><guid isPermaLink=\"false\">c-{i}</guid>"
                    f"<description>{BODY}</description></item>" for i in range(n))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>C</title>{items}</channel></rss>'


def run(n: int, folder: Path) -> tuple[float, int, int]:
    (folder / "feed.xml").write_text(feed(n), encoding="utf-8")
    (folder / "config.toml").write_text(
        f'[settings]\ndatabase = "{folder / "m.db"}"\nalert_log = "{folder / "a.jsonl"}"\nmax_items = 100000\n'
        f'[[sources]]\nname = "copies"\nkind = "feed"\npath = "{folder / "feed.xml"}"\n'
        '[[rules]]\nname = "Geneva"\nterms = ["Geneva"]\n', encoding="utf-8")
    config = load(folder / "config.toml")
    ctx = Context.build(config)
    store = open_store(config)
    began = time.perf_counter()
    record = ingest_source(store, config.sources[0], ctx)
    seconds = time.perf_counter() - began
    store.close()
    ctx.close()
    assert record is not None and record.items_new == n, record
    db = sqlite3.connect(folder / "m.db")
    bands = db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
    stories = db.execute("SELECT count(DISTINCT story_id) FROM items").fetchone()[0]
    return seconds, bands, stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="250,1000,2000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    per_copy = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            seconds, bands, stories = run(n, Path(tmp))
        per_copy[n] = seconds / n
        print(f"{n:6d} copies: {seconds:7.2f} s, {per_copy[n] * 1000:6.2f} ms per copy, "
              f"{stories} story, {bands} LSH band rows")
    first, last = sizes[0], sizes[-1]
    print(f"per-copy cost at {last} against {first} copies: {per_copy[last] / per_copy[first]:.2f}× (flat: 1.0×)")


if __name__ == "__main__":
    main()
