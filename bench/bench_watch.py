"""Silence-check benchmark (issue 15, target 1): the daemon's look at every source for silence, on a
store of many sources with a month of arrivals each.

    .venv/bin/python bench/bench_watch.py [--sources 2000] [--arrivals 700] [--fetches 96] [--rounds 13]
                                         [--new-share 0.1]

The daemon runs `monitor.watch.check_silences` every SILENCES_EVERY_SECONDS (jobs/maintenance.py)
over every enabled source: a source's cadence is learned from its arrivals of the last 30 days
(SILENCE_HISTORY), and whether its fetches keep failing from its fetch history. With ten thousand
sources that check is ten thousand of each.

What it does:

1. builds, in a temporary folder, a store of SOURCES feed sources (the real schema: `storage.open_store`
   with a config.toml of those sources), each with about ARRIVALS arrivals over the 30 days before a
   fixed time (gaps drawn around the source's own cadence, 1-3 items per arrival a few seconds
   apart, one source in 50 quiet for its last four days) and FETCHES fetches 15 minutes apart (one
   source in 100 failing for its last 8 hours); rows go in with executemany in one transaction, no
   item rows behind the sightings (the check reads only sightings, fetches and silences);
2. runs ROUNDS whole checks (`check_silences(store, ctx, now)`, CPU and wall), the first at that
   fixed time on a store with no silence yet (it raises them), each later one SILENCES_EVERY_SECONDS
   after the one before, as the daemon runs them, with NEW_SHARE of the sources given a new arrival
   in between;
3. prints each round, the first round (nothing learned yet: a daemon's first check), the mean of
   the later ones, and what they make of a daemon with 10,000 sources: CPU per check and the share
   of one core.
"""

from __future__ import annotations

import argparse
import logging
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobs.maintenance import SILENCES_EVERY_SECONDS  # noqa: E402
from monitor import config as config_file  # noqa: E402
from monitor.collect import Context  # noqa: E402
from monitor.models import iso  # noqa: E402
from monitor.watch import SILENCE_HISTORY, check_silences  # noqa: E402
from storage import open_store  # noqa: E402

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
SEED = 20211201
TARGET_SOURCES = 10_000


def write_config(folder: Path, sources: int) -> Path:
    lines = ["[settings]", 'database = "monitor.db"', 'alert_log = "alerts.jsonl"', 'log_level = "WARNING"', ""]
    for n in range(sources):
        lines += ["[[sources]]", f'name = "s{n:05d}"', 'kind = "feed"', f'url = "https://s{n:05d}.example.org/feed.xml"',
                  'interval = "15m"', ""]
    path = folder / "config.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build_store(path: Path, names: list[str], arrivals: int, fetches: int) -> tuple[int, int]:
    """The rows of every source; returns (sightings, fetches) written."""
    rng = random.Random(SEED)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")  # sightings without item rows: the check never reads items
    conn.execute("BEGIN")
    sightings: list[tuple[object, ...]] = []
    fetch_rows: list[tuple[object, ...]] = []
    item = 0
    history = SILENCE_HISTORY.total_seconds()
    for k, name in enumerate(names):
        mean_gap = history / max(1, round(arrivals * rng.uniform(0.5, 1.5)))
        end = NOW - timedelta(days=4) if k % 50 == 0 else NOW  # one in 50 has gone quiet
        at = NOW - SILENCE_HISTORY
        while True:
            at += timedelta(seconds=rng.expovariate(1 / mean_gap) + 60)
            if at >= end:
                break
            for extra in range(rng.choice((1, 1, 1, 2, 3))):
                item += 1
                seen = iso(at + timedelta(seconds=3 * extra))
                sightings.append((item, name, f"g{item}", seen, seen))
        failing = k % 100 == 1  # one in 100 has failed for its last 8 hours
        for f in range(fetches):
            started = NOW - timedelta(minutes=15 * (fetches - f))
            bad = failing and NOW - started <= timedelta(hours=8)
            fetch_rows.append((name, f"https://{name}.example.org/feed.xml", iso(started),
                               "error" if bad else "not_modified", None if bad else 304,
                               "connection refused" if bad else None))
        if len(sightings) > 200_000:
            _write(conn, sightings, fetch_rows)
    _write(conn, sightings, fetch_rows)
    conn.execute("COMMIT")
    conn.close()
    return item, len(names) * fetches


def _write(conn: sqlite3.Connection, sightings: list, fetch_rows: list) -> None:
    conn.executemany("INSERT INTO item_sightings (item_id, source, guid, content_hash, first_seen_at, last_seen_at) "
                     "VALUES (?, ?, ?, 'x', ?, ?)", sightings)
    conn.executemany("INSERT INTO fetches (source, location, started_at, duration_ms, outcome, http_status, error) "
                     "VALUES (?, ?, ?, 100, ?, ?, ?)", fetch_rows)
    sightings.clear()
    fetch_rows.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--arrivals", type=int, default=700, help="arrivals per source over 30 days, on average")
    parser.add_argument("--fetches", type=int, default=96, help="fetches per source, 15 minutes apart")
    parser.add_argument("--rounds", type=int, default=13, help="checks, 5 minutes apart (default: an hour of them)")
    parser.add_argument("--new-share", type=float, default=0.1,
                        help="share of the sources with a new arrival between two checks (default 0.1)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # a line per silence raised: the counts are printed instead

    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        folder = Path(tmp)
        config = config_file.load(write_config(folder, args.sources))
        store = open_store(config, migrate=True)
        store.sync_sources(config.sources, NOW - timedelta(days=60))
        store.close()
        started = time.perf_counter()
        rows, fetch_count = build_store(Path(config.settings.database), [s.name for s in config.sources],
                                        args.arrivals, args.fetches)
        print(f"bench_watch: {args.sources} sources, {rows} sightings ({rows / args.sources:.0f} per source), "
              f"{fetch_count} fetches; built in {time.perf_counter() - started:.1f} s")
        now = NOW
        ctx = Context.build(config, clock=lambda: now)
        store = open_store(config, migrate=False)
        rng = random.Random(SEED + 1)
        names = [s.name for s in config.sources]
        cpu_times = []
        try:
            for round_ in range(1, args.rounds + 1):
                if round_ > 1:
                    now += timedelta(seconds=SILENCES_EVERY_SECONDS)
                    fresh = rng.sample(names, round(len(names) * args.new_share))
                    with sqlite3.connect(str(config.settings.database)) as writer:  # as a run would store them
                        writer.executemany(
                            "INSERT INTO item_sightings (item_id, source, guid, content_hash, first_seen_at, "
                            "last_seen_at) VALUES (?, ?, ?, 'x', ?, ?)",
                            [(rows + k + 1, name, f"new-{round_}-{k}", iso(now), iso(now))
                             for k, name in enumerate(fresh)])
                    writer.close()
                    rows += len(fresh)
                wall, cpu = time.perf_counter(), time.process_time()
                raised, cleared = check_silences(store, ctx, now)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                cpu_times.append(cpu)
                print(f"round {round_}: {wall:.2f} s wall, {cpu:.2f} s CPU; {len(raised)} silences raised, "
                      f"{len(cleared)} cleared")
        finally:
            store.close()
            ctx.close()
    first = cpu_times[0] / args.sources
    later = statistics.mean(cpu_times[1:]) / args.sources if len(cpu_times) > 1 else first
    print(f"CPU per source: first check {first * 1000:.3f} ms, later checks (mean) {later * 1000:.3f} ms")
    for label, per_source in (("first check", first), ("later checks", later)):
        print(f"  {TARGET_SOURCES:,} sources, {label}: {per_source * TARGET_SOURCES:.1f} s of CPU per check, "
              f"{per_source * TARGET_SOURCES / SILENCES_EVERY_SECONDS:.1%} of one core at one check every "
              f"{SILENCES_EVERY_SECONDS:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
