"""Backends benchmark: per-item ingest cost on SQLite and on PostgreSQL, side by side in one run.

    .venv/bin/python bench/bench_backends.py [--feeds 100] [--items 50] [--repeats 3] [--writers 1,4]

What it does (the feed server and the PostgreSQL server in processes of their own):

1. writes FEEDS × ITEMS full-content RSS items (bench/_feeds.py) and serves them from 127.0.0.1 …
   127.0.0.HOSTS over loopback HTTP (bench_ingest's FeedServer);
2. starts a PostgreSQL server with pgserver in a temporary folder (Unix socket only);
3. **whole pipeline**: REPEATS times, SQLite and PostgreSQL interleaved (the order alternates),
   a fresh store (a new SQLite file, a new database on the server) and
   `monitor.daemon.run_once(config, ctx)` with a parse pool of POOL processes and WORKERS source
   threads: per source plan, collect (fetch, parse, analyse) and commit; timed from the call to its
   return, with bench_ingest's stage timers around `pipeline.store_items` and `pipeline.commit`;
4. **commit alone**: every source collected once (plan + collect, no store writes), then REPEATS
   times per backend, interleaved, a fresh store and `pipeline.commit(store, collected, ctx)` over
   all of them, one after the other in this process: the store's share of the cost per item;
5. the store's size: SQLite's file (+ -wal), PostgreSQL's `pg_database_size`, both less the size
   of an empty migrated store, per 1,000 items;
6. **many writers** (`--writers 1,4`): the collected sources split among N processes that commit
   their share to one store at the same moment (PostgreSQL, then the same on one SQLite file):
   items/s with 1 and with N writers, and on PostgreSQL the time each writer waited for the
   writers' advisory lock (`pg_advisory_xact_lock`, taken first by every write transaction).

Medians of the repeats are printed, with the ratio PostgreSQL / SQLite. Figures from one run on a
shared machine; the PostgreSQL server shares the machine's cores with the pipeline.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import _feeds  # noqa: E402
from bench_ingest import STAGES, FeedServer, cpu_of, write_config  # noqa: E402
from monitor import config as config_module  # noqa: E402
from monitor import daemon, pipeline  # noqa: E402
from storage import open_store  # noqa: E402


# --- PostgreSQL --------------------------------------------------------------------------------

@contextmanager
def postgres_server() -> Iterator[str]:
    """A pgserver PostgreSQL in a folder of its own (as tests/postgres.py does, also as root); its base URL."""
    from tests.postgres import server

    scratch = Path(tempfile.mkdtemp(prefix="bench-backends-pg-"))  # unused as root: server() makes its own
    try:
        with server(scratch) as base:
            yield base
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def new_database(base: str, label: str) -> str:
    import secrets

    import psycopg
    from psycopg import sql

    from tests.postgres import database_url

    name = f"bench_{label}_{secrets.token_hex(4)}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(base, name)


def drop_database(base: str, url: str) -> None:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict

    name = conninfo_to_dict(url)["dbname"]
    assert isinstance(name, str)  # a parsed conninfo's values are strings
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def postmaster_pid(base: str) -> int:
    """The PostgreSQL server's main process (its data folder's postmaster.pid)."""
    import psycopg

    with psycopg.connect(base) as conn:
        row = conn.execute("SHOW data_directory").fetchone()
    return int((Path(row[0]) / "postmaster.pid").read_text().split()[0]) if row else 0


def server_cpu(postmaster: int) -> float:
    """The PostgreSQL server's CPU seconds: the postmaster, its live processes (the pooled
    connections' backends among them) and those that have ended (cutime, cstime)."""
    import psutil

    try:
        process = psutil.Process(postmaster)
        times = process.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in process.children():
            try:
                total += sum(child.cpu_times()[:2])
            except psutil.Error:
                pass
        return total
    except psutil.Error:
        return 0.0


def analyze(database: str) -> None:
    """ANALYZE, as autovacuum does within a minute or so of a table's growth (SQLite: its own ANALYZE)."""
    store = open_store(database, migrate=False)
    try:
        store.execute("ANALYZE")  # type: ignore[attr-defined]
    finally:
        store.close()


def store_bytes(database: str) -> int:
    """The bytes a store takes: pg_database_size, or the SQLite file and its -wal."""
    if database.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(database) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return int(row[0]) if row else 0
    return sum(Path(database + suffix).stat().st_size for suffix in ("", "-wal") if Path(database + suffix).exists())


def count_rows(database: str, table: str) -> int:
    store = open_store(database, migrate=False)
    try:
        return int(store.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[attr-defined]
    finally:
        store.close()


# --- config and stores -------------------------------------------------------------------------

def with_database(config: Any, database: str) -> Any:
    return dataclasses.replace(config, settings=dataclasses.replace(config.settings, database=database))


class Stores:
    """Fresh stores, one per run: a new SQLite file in the work folder or a new database on the server."""

    def __init__(self, work: Path, pg_base: str | None) -> None:
        self.work, self.pg_base, self.n = work, pg_base, 0

    def fresh(self, backend: str) -> str:
        self.n += 1
        if backend == "postgresql":
            assert self.pg_base is not None
            return new_database(self.pg_base, f"r{self.n}")
        folder = self.work / f"sqlite-{self.n}"
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder / "monitor.db")

    def drop(self, database: str) -> None:
        if database.startswith("postgresql://"):
            assert self.pg_base is not None
            drop_database(self.pg_base, database)
        else:
            shutil.rmtree(Path(database).parent, ignore_errors=True)

    def empty_size(self, backend: str) -> int:
        database = self.fresh(backend)
        try:
            open_store(database).close()
            return store_bytes(database)
        finally:
            self.drop(database)


# --- measurements ------------------------------------------------------------------------------

def whole_run(work: Path, stores: Stores, backend: str, server: FeedServer, args: argparse.Namespace,
              empty: int) -> dict[str, float]:
    """One run_once into a fresh store: wall seconds, stage seconds, items stored, bytes per 1,000 items."""
    database = stores.fresh(backend)
    folder = work / f"config-{stores.n}"
    config = config_module.load(write_config(folder, server, args.feeds, args.host_delay, args.workers, database))
    executor = ProcessPoolExecutor(max_workers=args.pool) if args.pool else None
    ctx = pipeline.Context.build(config, pool=executor)
    try:
        server.reset()
        STAGES.reset()
        cpu_before = os.times()
        began = time.perf_counter()
        daemon.run_once(config, ctx)
        wall = time.perf_counter() - began
        cpu_after = os.times()
    finally:
        ctx.close()
    stored = count_rows(database, "items")
    size = store_bytes(database)
    result = {"wall": wall, "commit": STAGES.seconds["commit"], "store": STAGES.seconds["store"],
              "items": stored, "bytes": size, "bytes_per_1000": (size - empty) / max(stored, 1) * 1000,
              "cpu_main": (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)}
    stores.drop(database)
    shutil.rmtree(folder, ignore_errors=True)
    return result


def collect_all(work: Path, server: FeedServer, args: argparse.Namespace) -> tuple[Path, list[Any]]:
    """plan + collect of every source (against a scratch SQLite store, nothing committed); the config."""
    from monitor.collect import collect

    folder = work / "collect"
    database = str(folder / "scratch.db")
    config_path = write_config(folder, server, args.feeds, args.host_delay, args.workers, database)
    config = config_module.load(config_path)
    ctx = pipeline.Context.build(config)
    store = open_store(config)
    server.reset()
    try:
        now = ctx.clock()
        collected = []
        for source in config.sources:
            job = pipeline.plan(store, source, now)
            assert job is not None
            collected.append(collect(job, ctx))
    finally:
        store.close()
        ctx.close()
    return config_path, collected


def items_in(collected: list[Any]) -> int:
    return sum(len(document.items) for c in collected for document in c.documents)


def commit_run(stores: Stores, backend: str, config_path: Path, collected: list[Any], postmaster: int,
               warm: int = 0) -> dict[str, float]:
    """pipeline.commit of the collected sources into a fresh store, in this process; its CPU
    seconds, and the PostgreSQL server's (whatever the backend: the server idles for SQLite).

    `warm` > 0: the first `warm` sources are committed untimed, then ANALYZE, then the rest timed:
    a store whose planner statistics are up to date (PostgreSQL's autovacuum analyzes a table a
    minute or so after it grew; a brand-new store has none, and plans its lookups blind)."""
    database = stores.fresh(backend)
    config = config_module.load(config_path)
    config = with_database(config, database)
    ctx = pipeline.Context.build(config)
    store = open_store(config)
    try:
        store.sync_sources(config.sources, ctx.clock())
        for c in collected[:warm]:
            pipeline.commit(store, c, ctx)
        if warm:
            store.execute("ANALYZE")  # type: ignore[attr-defined]
        timed = collected[warm:]
        STAGES.reset()
        server_before = server_cpu(postmaster)
        cpu = os.times()
        began = time.perf_counter()
        for c in timed:
            pipeline.commit(store, c, ctx)
        wall = time.perf_counter() - began
        cpu_after = os.times()
        server_used = server_cpu(postmaster) - server_before
    finally:
        store.close()
        ctx.close()
    stores.drop(database)
    return {"wall": wall, "store": STAGES.seconds["store"], "items": items_in(timed), "server_cpu": server_used,
            "cpu": (cpu_after.user + cpu_after.system) - (cpu.user + cpu.system)}


# --- many writers ------------------------------------------------------------------------------

class _TimedLock:
    """The psycopg connection of a PostgresStore, with the writers' advisory lock statement timed."""

    def __init__(self, raw: Any) -> None:
        self._raw, self.waited, self.taken = raw, 0.0, 0

    def execute(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query, str) and query.startswith("SELECT pg_advisory_xact_lock("):
            began = time.perf_counter()
            try:
                return self._raw.execute(query, *args, **kwargs)
            finally:
                self.waited += time.perf_counter() - began
                self.taken += 1
        return self._raw.execute(query, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


def writer_main(argv: list[str]) -> int:
    """One writer process: commit share `index` of `count` of the pickled collected sources."""
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("database")
    parser.add_argument("collected")
    parser.add_argument("index", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("start_at", type=float)
    args = parser.parse_args(argv)
    from monitor.logs import configure

    configure("WARNING")
    config = config_module.load(args.config)
    config = with_database(config, args.database)
    collected = pickle.loads(Path(args.collected).read_bytes())[args.index::args.count]
    ctx = pipeline.Context.build(config)
    store = open_store(config, migrate=False)
    timed = None
    if args.database.startswith("postgresql://"):
        timed = _TimedLock(store.db.raw)  # type: ignore[attr-defined]
        store.db.raw = timed  # type: ignore[attr-defined]
    time.sleep(max(0.0, args.start_at - time.time()))
    cpu = os.times()
    began = time.time()
    for c in collected:
        pipeline.commit(store, c, ctx)
    ended = time.time()
    cpu_after = os.times()
    if timed is not None:
        store.db.raw = timed._raw  # type: ignore[attr-defined]  # back to the pool as it came
    store.close()
    ctx.close()
    print(json.dumps({"began": began, "ended": ended, "items": items_in(collected),
                      "cpu": (cpu_after.user + cpu_after.system) - (cpu.user + cpu.system),
                      "lock_wait": timed.waited if timed else None, "locks": timed.taken if timed else None}))
    return 0


def many_writers(stores: Stores, backend: str, config_path: Path, warm: list[Any], pickled: Path,
                 writers: int) -> dict[str, float]:
    """The sources in `warm` committed first (then ANALYZE), then those in `pickled` by `writers`
    processes at once, each its share."""
    database = stores.fresh(backend)
    config = config_module.load(config_path)
    store = open_store(database)
    ctx = pipeline.Context.build(with_database(config, database))
    store.sync_sources(config.sources, ctx.clock())
    for c in warm:
        pipeline.commit(store, c, ctx)
    store.execute("ANALYZE")  # type: ignore[attr-defined]
    store.close()
    ctx.close()
    before = count_rows(database, "items")
    start_at = time.time() + 3.0 + 0.5 * writers  # every writer loaded and connected by then
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    processes = [subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "_writer", str(config_path),
                                   database, str(pickled), str(i), str(writers), str(start_at)],
                                  stdout=subprocess.PIPE, text=True, env=env)
                 for i in range(writers)]
    reports = []
    for process in processes:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"a writer failed (exit {process.returncode})")
        reports.append(json.loads(out.strip().splitlines()[-1]))
    stored = count_rows(database, "items") - before
    stores.drop(database)
    wall = max(r["ended"] for r in reports) - min(r["began"] for r in reports)
    busy = sum(r["ended"] - r["began"] for r in reports)
    lock_wait = sum(r["lock_wait"] for r in reports) if backend == "postgresql" else float("nan")
    return {"wall": wall, "items": stored, "expected": sum(r["items"] for r in reports),
            "items_per_s": stored / wall, "lock_wait_share": lock_wait / busy if busy else float("nan"),
            "lock_wait": lock_wait, "cpu": sum(r["cpu"] for r in reports)}


# --- main --------------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@contextmanager
def work_folder(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="bench-backends-"))
    try:
        yield path
    finally:
        if keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


BACKENDS = ("sqlite", "postgresql")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_writer":
        return writer_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=100, help="number of feeds (default 100)")
    parser.add_argument("--items", type=int, default=50, help="items per feed (default 50)")
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses to serve from (default 8)")
    parser.add_argument("--host-delay", default="0.05s", help='settings.host_delay (default "0.05s")')
    parser.add_argument("--workers", type=int, default=4, help="settings.workers: source threads (default 4)")
    parser.add_argument("--pool", type=int, default=2, help="parse pool processes, 0 for none (default 2)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per backend, interleaved (default 3)")
    parser.add_argument("--writers", default="1,4",
                        help="writer process counts for the many-writers part, comma-separated; '' to skip (default 1,4)")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the whole-pipeline runs")
    parser.add_argument("--seed", type=int, default=20240115)
    parser.add_argument("--anchor", default=None, help="date of the newest items, YYYY-MM-DD (default today UTC)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    from monitor.logs import configure

    configure("WARNING")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    expected = args.feeds * args.items
    print(f"bench_backends: {args.feeds} feeds × {args.items} items = {expected} items per run, {args.hosts} hosts, "
          f"workers {args.workers}, parse pool {args.pool}, {args.repeats} repeats per backend (interleaved); "
          f"{os.cpu_count()} cores; code at {head or '?'}; load average {os.getloadavg()[0]:.1f}")
    STAGES.install()
    with work_folder(args.keep) as work, postgres_server() as pg_base:
        _feeds.write_feeds(work / "feeds", args.feeds, args.items, args.seed, _feeds.anchor_date(args.anchor))
        server = FeedServer(work / "feeds", args.hosts, False)
        try:
            import psycopg

            with psycopg.connect(pg_base) as conn:
                version = conn.execute("SHOW server_version").fetchone()
            print(f"PostgreSQL {version[0] if version else '?'} (pgserver, Unix socket); feed server pid "
                  f"{server.process.pid}")
            stores = Stores(work, pg_base)
            empty = {backend: stores.empty_size(backend) for backend in BACKENDS}
            print("empty migrated store: " + ", ".join(f"{b} {empty[b] / 1e6:.2f} MB" for b in BACKENDS))

            runs: dict[str, list[dict[str, float]]] = {b: [] for b in BACKENDS}
            if not args.no_pipeline:
                print("\n--- whole pipeline: run_once into a fresh store (fetch, parse, analyse, commit) ---")
                for repeat in range(args.repeats):
                    order = BACKENDS if repeat % 2 == 0 else BACKENDS[::-1]
                    for backend in order:
                        r = whole_run(work, stores, backend, server, args, empty[backend])
                        runs[backend].append(r)
                        flag = "" if r["items"] == expected else f"  !! expected {expected}"
                        print(f"  [{repeat + 1}] {backend:10s} {r['wall']:7.2f} s  {r['wall'] / r['items'] * 1000:6.2f} "
                              f"ms/item  commit {r['commit'] / r['items'] * 1000:5.2f} ms/item (store_items "
                              f"{r['store'] / r['items'] * 1000:5.2f})  {r['items']} items  "
                              f"{r['bytes'] / 1e6:6.1f} MB{flag}")

            print("\n--- commit alone: pipeline.commit of pre-collected sources, one thread ---")
            began = time.perf_counter()
            config_path, collected = collect_all(work, server, args)
            collected_items = items_in(collected)
            warm = max(1, len(collected) // 5)
            print(f"  collected {len(collected)} sources, {collected_items} items in {time.perf_counter() - began:.1f} s")
            print(f"  'fresh': every source into an empty store (no planner statistics yet); 'analyzed': the first "
                  f"{warm} sources untimed, ANALYZE, then the other {len(collected) - warm} timed")
            postmaster = postmaster_pid(pg_base)
            commits: dict[tuple[str, str], list[dict[str, float]]] = {}
            for variant, first in (("fresh", 0), ("analyzed", warm)):
                for repeat in range(args.repeats):
                    order = BACKENDS if repeat % 2 == 0 else BACKENDS[::-1]
                    for backend in order:
                        r = commit_run(stores, backend, config_path, collected, postmaster, first)
                        commits.setdefault((backend, variant), []).append(r)
                        print(f"  [{repeat + 1}] {variant:8s} {backend:10s} {r['wall']:7.2f} s  "
                              f"{r['wall'] / r['items'] * 1000:6.3f} ms/item (store_items "
                              f"{r['store'] / r['items'] * 1000:6.3f})  {r['items']} items; CPU per item: this process "
                              f"{r['cpu'] / r['items'] * 1000:.2f} ms, PostgreSQL server "
                              f"{r['server_cpu'] / r['items'] * 1000:.2f} ms")

            writers = [int(w) for w in args.writers.split(",") if w.strip()]
            crowd: dict[tuple[str, int], dict[str, float]] = {}
            if writers:
                print(f"\n--- many writers: the first {warm} sources committed and ANALYZE, then N processes commit "
                      f"shares of the other {len(collected) - warm} to the store at once ---")
                pickled = work / "collected.pickle"
                pickled.write_bytes(pickle.dumps(collected[warm:]))
                for backend in ("postgresql", "sqlite"):
                    for n in writers:
                        r = many_writers(stores, backend, config_path, collected[:warm], pickled, n)
                        crowd[(backend, n)] = r
                        lock = (f", advisory lock wait {r['lock_wait']:.2f} s = {r['lock_wait_share'] * 100:.0f}% "
                                f"of the writers' time" if backend == "postgresql" else "")
                        flag = "" if r["items"] == r["expected"] else f"  !! expected {r['expected']}"
                        print(f"  {backend:10s} {n} writer(s): {r['wall']:6.2f} s, {r['items_per_s']:7.1f} items/s, "
                              f"writers' CPU {r['cpu']:.1f} s{lock}{flag}")

            print("\n=== summary (medians) ===")
            line = {}
            for backend in BACKENDS:
                rs = runs[backend]
                line[backend] = {
                    "whole": median([r["wall"] / r["items"] * 1000 for r in rs]),
                    "commit_in_run": median([r["commit"] / r["items"] * 1000 for r in rs]),
                    "size": median([r["bytes_per_1000"] for r in rs]),
                }
            s, p = line["sqlite"], line["postgresql"]
            if runs["sqlite"]:
                print(f"whole pipeline per item (fresh store): SQLite {s['whole']:.2f} ms, PostgreSQL {p['whole']:.2f} ms, "
                      f"PG/SQLite {p['whole'] / s['whole']:.2f}")
                print(f"pipeline.commit per item within those runs (thread-seconds, waits included): SQLite "
                      f"{s['commit_in_run']:.2f} ms, PostgreSQL {p['commit_in_run']:.2f} ms, "
                      f"PG/SQLite {p['commit_in_run'] / s['commit_in_run']:.2f}")
                print(f"store size per 1,000 items (less the empty store): SQLite {s['size'] / 1e6:.2f} MB, "
                      f"PostgreSQL {p['size'] / 1e6:.2f} MB, PG/SQLite {p['size'] / s['size']:.2f}")
            for variant in ("fresh", "analyzed"):
                per = {b: median([r["wall"] / r["items"] * 1000 for r in commits[(b, variant)]]) for b in BACKENDS}
                cpu = {b: median([r["cpu"] / r["items"] * 1000 for r in commits[(b, variant)]]) for b in BACKENDS}
                in_server = median([r["server_cpu"] / r["items"] * 1000 for r in commits[("postgresql", variant)]])
                print(f"commit alone per item, {variant} store: SQLite {per['sqlite']:.3f} ms, PostgreSQL "
                      f"{per['postgresql']:.3f} ms, PG/SQLite {per['postgresql'] / per['sqlite']:.2f}; CPU per item: "
                      f"SQLite {cpu['sqlite']:.2f} ms; PostgreSQL {cpu['postgresql']:.2f} ms here + {in_server:.2f} ms "
                      f"in the server")
            for backend in ("postgresql", "sqlite"):
                ns = [n for n in writers if (backend, n) in crowd]
                if len(ns) > 1:
                    base = crowd[(backend, ns[0])]["items_per_s"]
                    print(f"{backend} writers: " + ", ".join(
                        f"{n}: {crowd[(backend, n)]['items_per_s']:.0f} items/s ({crowd[(backend, n)]['items_per_s'] / base:.2f}x)"
                        + (f", lock wait {crowd[(backend, n)]['lock_wait_share'] * 100:.0f}%" if backend == "postgresql" else "")
                        for n in ns))
            print(f"load average at the end {os.getloadavg()[0]:.1f}; feed server CPU {cpu_of(server.process.pid):.1f} s")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
