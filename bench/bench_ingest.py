"""Ingest benchmark: 200 full-content RSS feeds through the whole product path, against a baseline.

    .venv/bin/python bench/bench_ingest.py [--feeds 200] [--items 50] [--workers 4] [--pool 2]
                                           [--matrix] [--profile] [--breakdown] [--gzip]

What it does, in one process (the feed server in a second one):

1. writes FEEDS deterministic RSS 2.0 feeds of ITEMS items, about 5 KB of article HTML each
   (bench/_feeds.py), to a temporary folder;
2. serves them from 127.0.0.1 … 127.0.0.HOSTS (one ThreadingHTTPServer per address, feed k on host
   k mod HOSTS) with ETag / If-None-Match, so the fetcher's per-host politeness (one request at a
   time per host, settings.host_delay between two) is exercised and a second run gets 304s;
3. times, for each configuration (parse pool of POOL processes, or none; WORKERS source threads):
   a. the cold ingest: a fresh database, a config with every feed (allow_private, interval 15m) and
      a few keyword rules, `monitor.daemon.run_once(config, ctx)` with
      `ctx = Context.build(config, pool=ProcessPoolExecutor(POOL))` — per source plan, collect
      (fetch, parse, clean, analyse) and commit (dedupe, store, stories, alerts) — and checks that
      FEEDS × ITEMS items were stored;
   b. a second run_once on that database, where every feed answers 304;
4. times the baseline: `feedparser.parse(body)` with its defaults (sanitizer and relative-URI
   resolution on) over the same bodies, sequentially, in this process;
5. prints the figures, the ratios against their targets, items/s, CPU used, peak RSS and the
   politeness the server saw; --profile then runs one more cold ingest under cProfile and prints
   the top functions (the pipeline's threads, and the parse workers apart).

The script only calls the product's public entry points (config.load, Context.build, run_once) and
wraps a few of its functions with timers (thread-seconds per stage: Fetcher.fetch, prepare as
monitor.collect calls it, or the wait for it when it runs in the pool, pipeline.store_items and
pipeline.commit); it changes nothing on disk outside its temporary folder.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import json
import multiprocessing.util
import os
import pickle
import platform
import pstats
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, cast

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import feedparser  # noqa: E402
import feedparser.api  # noqa: E402

# feedparser's own choice of XML reader, before monitor.sources.feed replaces it with its buffered
# one (monitor/sources/expat_buffered.py): the baseline is feedparser's default parse, reader included.
FEEDPARSER_READERS = list(feedparser.api.PREFERRED_XML_PARSERS)

import _feeds  # noqa: E402
from monitor import config as config_module  # noqa: E402
from monitor import analysis, daemon, pipeline  # noqa: E402
from monitor.collect import documents as collected_documents  # noqa: E402
from monitor.fetch import Fetcher, HostGate  # noqa: E402

COLD_TARGET = 1.0  # cold ingest at least as fast as feedparser's default parse (issue 15, target 2; was 4x)
WARM_TARGET = 0.05  # an all-304 run at most this fraction of the cold run

RULES = """
[[rules]]
name = "NATO"
terms = ["NATO", "North Atlantic alliance"]

[[rules]]
name = "Crimea"
terms = ["Crimea", "Black Sea Fleet"]

[[rules]]
name = "Kremlin sanctions"
query = '(Putin OR Kremlin) AND sanctions'
"""

CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- small helpers ------------------------------------------------------------------------------

def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a live process (Linux /proc), 0 when it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def peak_rss_of(pid: int) -> float:
    """Peak resident set (VmHWM) of a live process in MB, 0 when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- stage timers: thread-seconds spent in the pipeline's stages ---------------------------------

class _TimedPrepare:
    """monitor.analysis.prepare as monitor.collect.documents calls it, timed when called in a source
    thread (no parse pool); pickled as the original function, so a parse pool's workers run
    monitor.analysis.prepare itself."""

    def __init__(self, stages: StageTimes, original: Callable[..., Any]) -> None:
        self.stages, self.original = stages, original
        self.timed = stages.wrap("parse", original)
        self.__wrapped__ = original

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.timed(*args, **kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        return pickle.loads, (pickle.dumps(self.original),)


class StageTimes:
    """Wraps a few product functions with timers; summed over threads (so they can exceed wall time)."""

    NAMES = ("fetch", "http", "politeness", "parse", "store", "commit")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seconds = dict.fromkeys(self.NAMES, 0.0)
        self.calls = dict.fromkeys(self.NAMES, 0)

    def reset(self) -> None:
        with self.lock:
            self.seconds = dict.fromkeys(self.NAMES, 0.0)
            self.calls = dict.fromkeys(self.NAMES, 0)

    def add(self, name: str, spent: float) -> None:
        with self.lock:
            self.seconds[name] += spent
            self.calls[name] += 1

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(function):  # the fetcher's steps: timed from call to result
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                began = time.perf_counter()
                try:
                    return await function(*args, **kwargs)
                finally:
                    self.add(name, time.perf_counter() - began)
            timed_async.__wrapped__ = function  # type: ignore[attr-defined]
            return timed_async

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - began)
        timed.__wrapped__ = function  # type: ignore[attr-defined]
        timed.__name__ = getattr(function, "__name__", name)
        return timed

    def install(self) -> None:
        # The fetcher is asynchronous (issue 15): a fetch, its HTTP exchange and the wait for its
        # host's turn are coroutines on the process's loop, timed from their call to their result.
        Fetcher.fetch = self.wrap("fetch", Fetcher.fetch)  # type: ignore[method-assign]
        Fetcher._exchange = self.wrap("http", Fetcher._exchange)  # type: ignore[method-assign]
        HostGate.take = self.wrap("politeness", HostGate.take)  # type: ignore[method-assign]
        # The parse step as monitor.collect.documents._prepare sees it: prepare() in the step thread
        # without a pool; with one, see watch_pool (collect only submits prepare to the pool).
        collected_documents.prepare = _TimedPrepare(self, collected_documents.prepare)
        pipeline.store_items = self.wrap("store", pipeline.store_items)
        pipeline.commit = self.wrap("commit", pipeline.commit)

    def watch_pool(self, executor: Executor) -> None:
        """Time prepare() submitted to a parse pool, from the submit to its result (what a source
        thread waits for: the queue and the parse in a worker), as the `parse` stage."""
        submit = executor.submit

        def timed_submit(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            future = submit(fn, *args, **kwargs)
            if isinstance(fn, _TimedPrepare) or fn is analysis.prepare:
                future.add_done_callback(lambda _f: self.add("parse", time.perf_counter() - began))
            return future

        executor.submit = timed_submit  # type: ignore[method-assign]

    def line(self) -> str:
        s, c = self.seconds, self.calls
        return (f"Fetcher.fetch {s['fetch']:.2f} (HTTP exchange {s['http']:.2f}, wait for the host's turn "
                f"{s['politeness']:.2f}; {c['fetch']} fetches), prepare (parse, normalize, analyse; or the wait "
                f"for the pool) {s['parse']:.2f} ({c['parse']} docs), store_items (classify, write, stories, "
                f"alerts; one transaction per document) {s['store']:.2f} ({c['store']} docs), pipeline.commit "
                f"{s['commit']:.2f} ({c['commit']} calls; of which recording the fetch and state "
                f"{s['commit'] - s['store']:.2f})")


STAGES = StageTimes()


# --- the feed server ----------------------------------------------------------------------------

class FeedServer:
    """bench/_feeds.py serve, in a subprocess; stopped by closing its stdin."""

    def __init__(self, folder: Path, hosts: int, gzip_bodies: bool) -> None:
        command = [sys.executable, str(BENCH / "_feeds.py"), "serve", str(folder), "--hosts", str(hosts)]
        if gzip_bodies:
            command.append("--gzip")
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line.startswith("READY "):
            self.stop()
            raise SystemExit(f"the feed server did not start: {line!r}")
        info = json.loads(line[len("READY "):])
        self.bases: list[str] = info["bases"]

    def url(self, feed_no: int) -> str:
        return f"{self.bases[feed_no % len(self.bases)]}/feeds/{_feeds.feed_name(feed_no)}.xml"

    def _get(self, path: str) -> dict:
        with urllib.request.urlopen(self.bases[0] + path, timeout=10) as response:
            return json.loads(response.read())

    def reset(self) -> None:
        self._get("/_reset")

    def stats(self) -> dict[str, dict]:
        return self._get("/_stats")

    def cpu(self) -> float:
        return cpu_of(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                if self.process.stdin:
                    self.process.stdin.close()
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                self.process.wait(timeout=10)


def politeness_line(stats: dict[str, dict], host_delay: float) -> str:
    hosts = [s for s in stats.values() if s["requests"]]
    if not hosts:
        return "politeness: no requests"
    gaps = [s["min_interval_ms"] for s in hosts if s["min_interval_ms"] is not None]
    return (f"politeness seen by the server: {len(hosts)} hosts, "
            f"{min(s['requests'] for s in hosts)}–{max(s['requests'] for s in hosts)} requests per host, "
            f"most in flight at once on one host = {max(s['max_in_flight'] for s in hosts)}, "
            f"shortest interval between the starts of two requests to one host = "
            f"{min(gaps) if gaps else float('nan'):.1f} ms (host_delay {host_delay * 1000:g} ms)")


# --- one configuration: cold run, then the all-304 run --------------------------------------------

@dataclass
class RunResult:
    label: str
    pool: int
    workers: int
    cold: float = 0.0
    warm: float = 0.0
    stored: int = 0
    alerts: int = 0
    outcomes_cold: dict[str, int] = field(default_factory=dict)
    outcomes_warm: dict[str, int] = field(default_factory=dict)
    not_modified_served: int = 0
    cpu_main: float = 0.0
    cpu_workers: float = 0.0
    cpu_server: float = 0.0
    worker_rss: float = 0.0
    stages: str = ""
    politeness: str = ""
    politeness_warm: str = ""


def write_config(folder: Path, server: FeedServer, feeds: int, host_delay: str, workers: int,
                 database: str | None = None) -> Path:
    """FOLDER/config.toml over the served feeds; the store FOLDER/monitor.db unless `database` says."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["[settings]",
             f"database = {toml_str(database or str(folder / 'monitor.db'))}",
             f"alert_log = {toml_str(str(folder / 'alerts.jsonl'))}",
             f"host_delay = {toml_str(host_delay)}",
             f"workers = {workers}",
             'log_level = "WARNING"']
    for feed_no in range(feeds):
        lines += ["", "[[sources]]", f"name = {toml_str(_feeds.feed_name(feed_no))}", 'kind = "feed"',
                  f"url = {toml_str(server.url(feed_no))}", 'interval = "15m"', "allow_private = true"]
    lines.append(RULES)
    path = folder / "config.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _count(records: list) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in records:
        counts[record.outcome.value] = counts.get(record.outcome.value, 0) + 1
    return counts


def run_configuration(work: Path, server: FeedServer, args: argparse.Namespace, pool: int, workers: int,
                      label: str) -> RunResult:
    folder = work / f"run-{label}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    config = config_module.load(write_config(folder, server, args.feeds, args.host_delay, workers))
    expected = args.feeds * args.items
    result = RunResult(label=label, pool=pool, workers=workers)
    executor = ProcessPoolExecutor(max_workers=pool) if pool else None
    if executor is not None:
        STAGES.watch_pool(executor)
    ctx = pipeline.Context.build(config, pool=executor)
    try:
        server.reset()
        STAGES.reset()
        cpu_before, server_before = self_cpu(), server.cpu()
        began = time.perf_counter()
        records = daemon.run_once(config, ctx)
        result.cold = time.perf_counter() - began
        result.cpu_main = self_cpu() - cpu_before
        result.cpu_server = server.cpu() - server_before
        if executor is not None:
            pids = list(executor._processes)
            result.cpu_workers = sum(cpu_of(pid) for pid in pids)
            result.worker_rss = max((peak_rss_of(pid) for pid in pids), default=0.0)
        result.stages = STAGES.line()
        result.outcomes_cold = _count(records)
        result.politeness = politeness_line(server.stats(), config.settings.host_delay)
        with sqlite3.connect(config.settings.database) as db:
            result.stored = db.execute("SELECT count(*) FROM items").fetchone()[0]
            result.alerts = db.execute("SELECT count(*) FROM alerts").fetchone()[0]
        if result.stored != expected:
            print(f"!! [{label}] stored {result.stored} items, expected {expected}; outcomes {result.outcomes_cold}",
                  file=sys.stderr)

        server.reset()
        began = time.perf_counter()
        records = daemon.run_once(config, ctx)
        result.warm = time.perf_counter() - began
        result.outcomes_warm = _count(records)
        warm_stats = server.stats()
        result.not_modified_served = sum(s["not_modified"] for s in warm_stats.values())
        result.politeness_warm = politeness_line(warm_stats, config.settings.host_delay)
        if result.outcomes_warm.get("not_modified", 0) != args.feeds:
            print(f"!! [{label}] second run outcomes {result.outcomes_warm}, expected {args.feeds} not_modified",
                  file=sys.stderr)
    finally:
        ctx.close()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return result


# --- baseline and breakdown -----------------------------------------------------------------------

def read_bodies(folder: Path, feeds: int) -> list[bytes]:
    return [(folder / f"{_feeds.feed_name(n)}.xml").read_bytes() for n in range(feeds)]


def baseline(bodies: list[bytes]) -> tuple[float, int, int]:
    """Seconds for feedparser.parse(body) with its defaults over every body; entries; bozo feeds."""
    entries = bozo = 0
    ours, feedparser.api.PREFERRED_XML_PARSERS = feedparser.api.PREFERRED_XML_PARSERS, FEEDPARSER_READERS
    try:
        began = time.perf_counter()
        for body in bodies:
            result = feedparser.parse(body)
            entries += len(result.entries)
            bozo += bool(result.bozo)
        return time.perf_counter() - began, entries, bozo
    finally:
        feedparser.api.PREFERRED_XML_PARSERS = ours


def breakdown(bodies: list[bytes], server: FeedServer, suspect_age: float,
              config: Any = None) -> list[tuple[str, float]]:
    """Sequential in-process timings of the product's CPU steps, for comparison with the baseline;
    with `config` (a loaded bench config: its rules and its store's folder), the store's steps too."""
    from datetime import datetime, timezone

    from monitor.models import RawDocument
    from monitor.sources import feed as feed_kind

    now = datetime.now(timezone.utc)
    docs = [RawDocument(source=_feeds.feed_name(n), kind="feed", location=server.url(n), body=body,
                        fetched_at=now, final_url=server.url(n),
                        content_type="application/rss+xml; charset=utf-8", status=200)
            for n, body in enumerate(bodies)]
    rows = []
    began = time.perf_counter()
    for body in bodies:
        feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    rows.append(("feedparser, sanitizer and URI resolution off (our buffered XML reader)", time.perf_counter() - began))
    began = time.perf_counter()
    for doc in docs:
        feed_kind.parse(doc)
    rows.append(("monitor.sources.feed.parse (feedparser + Entry)", time.perf_counter() - began))
    began = time.perf_counter()
    for doc in docs:
        analysis.prepare(doc, suspect_age)
    rows.append(("monitor.analysis.prepare (parse, normalize, analyse)", time.perf_counter() - began))
    if config is not None:
        rows += store_breakdown(docs, suspect_age, config)
    return rows


def store_breakdown(docs: list[Any], suspect_age: float, config: Any) -> list[tuple[str, float]]:
    """CPU seconds of pipeline.store_items over every document (one transaction each, as commit
    does) into a fresh store, as the product does and without each of its two largest parts: the
    full-text index (its triggers dropped) and the LSH band rows (index_signature told bands=False)."""
    import dataclasses
    from datetime import datetime, timezone

    import storage.stories
    from monitor.models import AnalysedItem
    from monitor.pipeline import store_items
    from storage import SQLiteStore, open_store

    # Without pages_for, prepare() analyses every entry: its items are all AnalysedItem (a plain
    # Item is only an entry left waiting for its article page).
    prepared = [cast("tuple[AnalysedItem, ...]",
                     analysis.prepare(doc, suspect_age, config.rules, config.settings.snippet_chars).items)
                for doc in docs]
    rows: list[tuple[str, float]] = []
    for label in ("as the pipeline does", "without the full-text index", "without LSH band rows"):
        folder = Path(config.settings.database).parent / f"store-breakdown-{len(rows)}"
        folder.mkdir()
        variant = dataclasses.replace(config, settings=dataclasses.replace(
            config.settings, database=str(folder / "monitor.db")))
        ctx = pipeline.Context.build(variant)
        store = open_store(variant, writer=True)  # as jobs.ingest commits: its writing connection
        assert isinstance(store, SQLiteStore)  # variant's database is a file; its triggers are dropped below
        store.sync_sources(variant.sources, datetime.now(timezone.utc))
        original = storage.stories.index_signature
        if label == "without the full-text index":
            for trigger in ("items_ai", "items_ad", "items_au"):
                store.db.execute(f"DROP TRIGGER {trigger}")
        elif label == "without LSH band rows":
            storage.stories.index_signature = lambda db, item_id, sig, bands=True: original(db, item_id, sig, False)
        try:
            began = time.process_time()
            for items in prepared:
                store_items(store, items, ctx)
            rows.append((f"pipeline.store_items of every item into a fresh store, {label} (CPU)",
                         time.process_time() - began))
        finally:
            storage.stories.index_signature = original
            store.close()
            ctx.close()
    return rows


# --- profiling ------------------------------------------------------------------------------------

_WORKER_PROFILE: cProfile.Profile | None = None


def _dump_worker_profile(path: str) -> None:
    if _WORKER_PROFILE is not None:
        _WORKER_PROFILE.disable()
        _WORKER_PROFILE.dump_stats(path)


def _start_worker_profile(folder: str) -> None:
    """ProcessPoolExecutor initializer: profile this worker until it exits."""
    global _WORKER_PROFILE
    _WORKER_PROFILE = cProfile.Profile()
    path = os.path.join(folder, f"worker-{os.getpid()}.prof")
    multiprocessing.util.Finalize(None, _dump_worker_profile, args=(path,), exitpriority=100)
    _WORKER_PROFILE.enable()


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/lib/python3."):
        if marker in filename:
            rest = filename.split(marker, 1)[1]
            return rest.split("/", 1)[1] if marker.startswith("/lib") and "/" in rest else rest
    if filename.startswith(str(ROOT)):
        return filename[len(str(ROOT)) + 1:]
    return filename


def print_top(stats: pstats.Stats, title: str, key: str, count: int) -> None:
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        label = f"{_short(filename)}:{line}({name})" if filename != "~" else name
        rows.append((cumtime if key == "cumulative" else tottime, calls, tottime, cumtime, label))
    rows.sort(reverse=True)
    print(f"\n{title} — top {count} by {'cumulative' if key == 'cumulative' else 'own (tottime)'} time")
    print(f"{'calls':>9} {'tottime':>8} {'cumtime':>8}  function")
    for _sort, calls, tottime, cumtime, label in rows[:count]:
        print(f"{calls:>9} {tottime:>8.2f} {cumtime:>8.2f}  {label}")


def profile_run(work: Path, server: FeedServer, args: argparse.Namespace) -> None:
    import jobs.ingest

    folder = work / "run-profile"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    config = config_module.load(write_config(folder, server, args.feeds, args.host_delay, args.workers))
    prof_dir = folder / "profiles"
    prof_dir.mkdir()
    executor = (ProcessPoolExecutor(max_workers=args.pool, initializer=_start_worker_profile,
                                    initargs=(str(prof_dir),)) if args.pool else None)
    ctx = pipeline.Context.build(config, pool=executor)
    thread_profiles: list[cProfile.Profile] = []
    guard = threading.Lock()
    original = jobs.ingest.run_source

    def profiled_run_source(*a: Any, **k: Any) -> Any:  # cProfile sees one thread: one profile each call
        profile = cProfile.Profile()
        profile.enable()
        try:
            return original(*a, **k)
        finally:
            profile.disable()
            with guard:
                thread_profiles.append(profile)

    jobs.ingest.run_source = profiled_run_source
    main_profile = cProfile.Profile()
    try:
        began = time.perf_counter()
        main_profile.enable()
        daemon.run_once(config, ctx)
        main_profile.disable()
        wall = time.perf_counter() - began
    finally:
        jobs.ingest.run_source = original
        ctx.close()  # the workers exit here and write their profiles
    print(f"\n=== profile: one more cold ingest under cProfile (pool={args.pool or 'none'}, "
          f"workers={args.workers}): {wall:.2f} s wall (profiling overhead included) ===")
    print("Thread profiles are summed over the source threads, so their times add up to more than the wall "
          "time and include waits (SQLite write lock, host gate, the parse pool).")
    stats = pstats.Stats(main_profile)
    for profile in thread_profiles:
        stats.add(profile)
    print_top(stats, "pipeline (main process: run_once and its source threads)", "cumulative", args.top)
    print_top(stats, "pipeline (main process: run_once and its source threads)", "tottime", 15)
    dumps = sorted(prof_dir.glob("worker-*.prof"))
    if dumps:
        worker_stats = pstats.Stats(*map(str, dumps))
        print_top(worker_stats, f"parse workers ({len(dumps)} processes, summed)", "cumulative", args.top)
        print_top(worker_stats, f"parse workers ({len(dumps)} processes, summed)", "tottime", 15)
    elif args.pool:
        print("(no worker profiles were written)")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


# --- main -----------------------------------------------------------------------------------------

@contextmanager
def work_folder(keep: bool) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        yield folder
    finally:
        if keep:
            print(f"\n(kept {folder})")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def print_result(r: RunResult, expected: int, feeds: int) -> None:
    print(f"\n--- parse pool: {f'ProcessPoolExecutor({r.pool})' if r.pool else 'none (parse in the source threads)'}, "
          f"workers (source threads): {r.workers} ---")
    print(f"cold ingest (run_once, fresh database): {r.cold:.2f} s — {r.stored} items stored "
          f"({'OK' if r.stored == expected else f'EXPECTED {expected}'}), {r.alerts} alerts, outcomes {r.outcomes_cold}")
    print(f"  {r.stored / r.cold:,.0f} items/s, {feeds / r.cold:.1f} feeds/s")
    total = r.cpu_main + r.cpu_workers + r.cpu_server
    print(f"  CPU seconds: this process {r.cpu_main:.2f}, parse workers {r.cpu_workers:.2f}, feed server "
          f"{r.cpu_server:.2f} — {total / r.cold:.2f} cores busy on average of {os.cpu_count()}")
    print(f"  thread-seconds: {r.stages}")
    print(f"  {r.politeness}")
    print(f"all-304 run (run_once again): {r.warm:.3f} s — outcomes {r.outcomes_warm}, "
          f"server sent {r.not_modified_served} × 304")
    print(f"  {r.politeness_warm}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=200, help="number of feeds (default 200)")
    parser.add_argument("--items", type=int, default=50, help="items per feed (default 50)")
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses 127.0.0.1…N to serve from (default 8)")
    parser.add_argument("--host-delay", default="0.05s", help='settings.host_delay (default "0.05s")')
    parser.add_argument("--workers", type=int, default=4, help="settings.workers: source threads (default 4)")
    parser.add_argument("--pool", type=int, default=2,
                        help="processes in the parse pool; 0 = no pool (default 2)")
    parser.add_argument("--matrix", action="store_true",
                        help="also run pool 2 / none × workers 4 / 8 (cold + 304 each)")
    parser.add_argument("--profile", action="store_true",
                        help="afterwards, one more cold ingest under cProfile; prints the top functions")
    parser.add_argument("--top", type=int, default=25, help="rows of the profile to print (default 25)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time the product's parse steps alone, sequentially, in this process")
    parser.add_argument("--no-baseline", action="store_true", help="skip the feedparser baseline")
    parser.add_argument("--gzip", action="store_true", help="the server sends gzip bodies (off by default)")
    parser.add_argument("--seed", type=int, default=20240115)
    parser.add_argument("--anchor", default=None, help="date of the newest items, YYYY-MM-DD (default today UTC)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (feeds, databases)")
    args = parser.parse_args(argv)

    from monitor.logs import configure

    configure("WARNING")
    from monitor.durations import parse_duration

    host_delay = parse_duration(args.host_delay)
    expected = args.feeds * args.items
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    print(f"bench_ingest: {args.feeds} feeds × {args.items} items = {expected} items, {args.hosts} hosts, "
          f"host_delay = {args.host_delay} ({host_delay * 1000:g} ms)")
    print(f"machine: {os.cpu_count()} cores (os.cpu_count()), Python {platform.python_version()}, "
          f"feedparser {feedparser.__version__}, code at {head or '?'}{' + uncommitted changes' if dirty else ''}")

    STAGES.install()
    with work_folder(args.keep) as work:
        began = time.perf_counter()
        totals = _feeds.write_feeds(work / "feeds", args.feeds, args.items, args.seed, _feeds.anchor_date(args.anchor))
        print(f"feeds: {totals['bytes'] / 1e6:.1f} MB of RSS, {totals['html_bytes'] / totals['items'] / 1000:.2f} KB "
              f"of HTML per item on average, {totals['scripts']} items with a <script>; generated in "
              f"{time.perf_counter() - began:.1f} s (seed {args.seed})")
        server = FeedServer(work / "feeds", args.hosts, args.gzip)
        try:
            print(f"server: {', '.join(server.bases)}{' (gzip)' if args.gzip else ''}")
            configurations = [(args.pool, args.workers)]
            if args.matrix:
                for combo in ((2, 4), (2, 8), (0, 4), (0, 8)):
                    if combo not in configurations:
                        configurations.append(combo)
            results = []
            for pool, workers in configurations:
                label = f"pool{pool}-w{workers}"
                result = run_configuration(work, server, args, pool, workers, label)
                results.append(result)
                print_result(result, expected, args.feeds)
            rss_ingest = peak_rss_mb()
            rss_workers = max((r.worker_rss for r in results), default=0.0)

            base_time = None
            bodies = read_bodies(work / "feeds", args.feeds)
            if not args.no_baseline:
                base_time, entries, bozo = baseline(bodies)
                print(f"\nbaseline: feedparser.parse(body) with defaults, {args.feeds} bodies sequentially: "
                      f"{base_time:.2f} s ({entries} entries, {bozo} bozo)")
            if args.breakdown:
                probe = config_module.load(write_config(work / "breakdown", server, args.feeds, args.host_delay, 1))
                for name, seconds in breakdown(bodies, server, probe.settings.suspect_age, probe):
                    print(f"  for comparison, {name}: {seconds:.2f} s")
            del bodies

            print("\n=== summary ===")
            print(f"cores: {os.cpu_count()}; host_delay: {args.host_delay}; "
                  f"peak RSS: this process {rss_ingest:.0f} MB during the ingest runs "
                  f"({peak_rss_mb():.0f} MB at the end, baseline included)"
                  + (f", largest parse worker {rss_workers:.0f} MB" if rss_workers else ""))
            for r in results:
                tag = f"[pool {r.pool or 'none'}, workers {r.workers}]"
                if base_time is not None:
                    ratio = base_time / r.cold
                    print(f"{tag} cold ingest vs feedparser default parse: {ratio:.2f}x faster "
                          f"(target ≥ {COLD_TARGET:g}x: {'met' if ratio >= COLD_TARGET else 'MISSED'}) — "
                          f"{base_time:.2f} s / {r.cold:.2f} s"
                          + (f", i.e. {1 / ratio:.1f}x slower" if ratio < 1 else ""))
                share = r.warm / r.cold
                print(f"{tag} all-304 run vs cold run: {share * 100:.1f}% "
                      f"(target ≤ {WARM_TARGET * 100:g}%: {'met' if share <= WARM_TARGET else 'MISSED'}) — "
                      f"{r.warm:.3f} s / {r.cold:.2f} s; floor from politeness ≈ "
                      f"{(-(-args.feeds // args.hosts) - 1) * host_delay:.2f} s (({-(-args.feeds // args.hosts)} feeds per host - 1) × host_delay)")
                print(f"{tag} {r.stored / r.cold:,.0f} items/s")

            if args.profile:
                profile_run(work, server, args)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
