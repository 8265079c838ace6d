"""GDELT-cadence simulation: a farm of slow, mostly unchanged feeds, and the daemon driven against it.

    .venv/bin/python bench/bench_gdelt.py farm --feeds 100000 --out /tmp/farm     # the farm alone
    .venv/bin/python bench/bench_gdelt.py run [--scale 0.01 | --interval S] [--cycles 4]
                                              [--backends sqlite,postgresql] [--distributed N]
    .venv/bin/python bench/bench_gdelt.py target1 [--interval 900] [--cycles 2] [--backends sqlite]

**farm**: one asyncio HTTP server per loopback address (127.0.0.2 … 127.0.0.(HOSTS+1), the same
port on each) serving FEEDS small RSS feeds, feed k on address k mod HOSTS at /f/k.xml. Every
response waits a latency drawn uniformly from LATENCY (default 50–500 ms; an asyncio sleep, so a
thousand requests in flight cost nothing). Feeds change slowly: each starts with INITIAL items and,
in each cycle of INTERVAL seconds from T0, gains one new item with a probability of
RATE × (1 + ½ sin(2π cycle / 12)) (2% on average: more in some cycles than in others), at a moment
drawn within the cycle. Everything is a pure function of (seed, feed, cycle), so the bench
can work out afterwards when each item appeared. Four feeds in five send an ETag and a
Last-Modified and answer 304 to a matching conditional request; the fifth sends neither, and its
unchanged body again. Each new item's title carries the word "Gdeltbench" (the config's one rule)
and its own text (bench/_synthetic.py's Writer), so every new item is its own story and alert.
The farm records every request (arrival time, host, path, status, latency) in OUT/requests.csv,
and writes OUT/config.toml with the FEEDS sources (interval INTERVAL, host_delay 0.1 s,
allow_private) pointing at it.

**run**: the product against the farm, at a scale: SCALE × FEEDS feeds and SCALE × 15 min as the
interval, so the fetch rate asked for (FEEDS / 15 min, 111 per second at 100,000 feeds) and each
host's share of it are the full size's; the output says so. `--interval S` instead configures
all FEEDS feeds at S seconds (unscaled). For each backend (a fresh SQLite file;
a fresh database on a pgserver PostgreSQL started by the bench):

1. `monitor run --once` fills the store (each feed's first fetch, the cold part; on PostgreSQL
   then ANALYZE, as autovacuum would have done in a store that has been running), then
2. `monitor run` (the daemon, as a subprocess) runs CYCLES intervals and is stopped by SIGTERM.

What does not scale with the interval: the farm's latency, the fetch and commit times, and the
product's slack for a tick that comes early (`backoff.is_due`: 10% of the interval, at most 60 s).
A source whose run ends more than that slack after its tick has its next tick skipped (the state's
next fetch time is the end of the run + interval), so it is fetched every other interval; at a
scale of 0.01 the slack is 0.9 s, at full size 60 s.

`--distributed N` then runs the same on PostgreSQL with one `monitor scheduler` and N
`monitor worker` processes in place of the daemon (the lag there from the store's fetch records:
a run's start − (the previous run's start + duration + interval); that mode has no ticks).

Measured over the daemon's run, from the farm's request log: the fetch rate achieved against the
rate asked for; the schedule lag (request arrival − due time, p50/p95/max: the daemon's k-th run of
a source is due at its first run time + k × interval, the first run at the source's stored next
fetch time, which `--once` left); the daemon's CPU seconds per fetch (its process and its parse
workers, psutil) and, on PostgreSQL, the server's; the store's size per 100,000 items; and the
alert latency: from the moment an item appeared on the farm to its alert's `created_at`, for the
items that appeared while the daemon ran (up to one interval before its end), with the number that
never got an alert. Politeness as the farm saw it: the most requests in flight on one host, the
shortest gap between two requests to one host, and the shortest from a response's end to the
host's next request (what host_delay promises). The daemon's process tree (bench/_resources.py)
is sampled every SAMPLE_EVERY seconds from its start to the stop: resident memory (start, peak,
end; the peak of each cycle, and the mean peak of the last third's cycles against as many first
cycles'; the last third's max against the first cycle's), its threads, and its CPU as a share of one
core after the first cycle, when the farm answers 304 or an unchanged body to almost everything
(the samples are written to the run's folder as resources.csv; `--keep` keeps it).

**target1**: `run` with issue 15's target 1 as its defaults (10,000 feeds every 900 s, latency
100–1,000 ms, 2% gaining items, 2 cycles, SQLite), then a PASS/FAIL line per criterion: the farm
as asked and every feed fetched, at least one full cycle (a shorter `--interval` is allowed and
printed as SHORTENED with its rate against the real cadence's), schedule lag p95 < 60 s,
politeness (one request in flight per host, host_delay between), CPU < 25% of one core after the
first cycle, resident memory < 200 MB and flat (the mean peak of the last third's cycles within
5% of as many first cycles'); and the daemon's thread count, for information.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import functools
import hashlib
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any, Iterator

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from _resources import MB, Sample, Sampler, cpu_share, memory, threads, write_samples  # noqa: E402
from monitor.durations import parse_duration  # noqa: E402

# A request as the farm logged it: arrival (epoch s), host, path, status, seconds to the response's end.
LogRow = tuple[float, str, str, int, float]

FULL_INTERVAL = 900.0  # GDELT's 15 minutes
# Issue 15's target 1, "many sources, one machine".
TARGET1_FEEDS = 10_000
TARGET1_LATENCY = (0.1, 1.0)
TARGET1_RATE = 0.02
TARGET1_LAG = 60.0  # seconds, schedule lag p95
TARGET1_CPU = 0.25  # of one core, while answers are 304
TARGET1_RSS = 200 * 1024 * 1024
# The mean of the last third's per-cycle RSS peaks over the mean of as many first cycles' (Memory.trend):
# up to 5% is noise, not growth.
FLAT_GROWTH = 1.05
CLOCK_SLACK = 0.01  # seconds: the farm stamps a response's end just after writing it
RULE_TERM = "Gdeltbench"
CONFIG_RULES = f"""
[[rules]]
name = "GDELT"
terms = ["{RULE_TERM}"]
"""


def toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- the feeds: pure functions of (seed, feed, cycle) ---------------------------------------------

class Schedule:
    """When each feed's items appear, and what they say."""

    def __init__(self, seed: int, t0: float, interval: float, rate: float, initial: int, validators: float) -> None:
        self.seed, self.t0, self.interval, self.rate = seed, t0, interval, rate
        self.initial, self.validators = initial, validators
        from _synthetic import Lexicon, Writer

        self.writer = Writer(Lexicon(seed), seed)

    def _uniform(self, *key: object) -> tuple[float, float]:
        digest = hashlib.blake2b(repr((self.seed, *key)).encode(), digest_size=16).digest()
        return (int.from_bytes(digest[:8], "big") / 2 ** 64, int.from_bytes(digest[8:], "big") / 2 ** 64)

    def probability(self, cycle: int) -> float:
        return self.rate * (1 + 0.5 * math.sin(2 * math.pi * cycle / 12))

    def new_item_at(self, feed: int, cycle: int) -> float | None:
        """The time feed `feed` gains an item in cycle `cycle`, or None."""
        chance, moment = self._uniform("new", feed, cycle)
        if chance >= self.probability(cycle):
            return None
        return self.t0 + (cycle + moment) * self.interval

    def sends_validators(self, feed: int) -> bool:
        return self._uniform("validators", feed)[0] < self.validators

    def items(self, feed: int, now: float, keep: int = 10) -> list[tuple[int, float]]:
        """The newest `keep` items of a feed at `now`: (cycle, appeared), cycle < 0 for the first ones."""
        found: list[tuple[int, float]] = []
        cycle = math.floor((now - self.t0) / self.interval)
        while cycle >= 0 and len(found) < keep and cycle > (now - self.t0) / self.interval - 500:
            at = self.new_item_at(feed, cycle)
            if at is not None and at <= now:
                found.append((cycle, at))
            cycle -= 1
        for i in range(self.initial):
            if len(found) >= keep:
                break
            found.append((-1 - i, self.t0 - 3600.0 * (i + 1)))
        return found

    def appeared_between(self, feeds: int, start: float, end: float) -> Iterator[tuple[str, float]]:
        """(guid, appeared) of every new item that appeared in [start, end)."""
        first = max(0, math.floor((start - self.t0) / self.interval))
        last = math.floor((end - self.t0) / self.interval)
        for feed in range(feeds):
            for cycle in range(first, last + 1):
                at = self.new_item_at(feed, cycle)
                if at is not None and start <= at < end:
                    yield guid(feed, cycle), at

    @functools.lru_cache(maxsize=4096)
    def body(self, feed: int, newest: tuple[tuple[int, float], ...]) -> bytes:
        parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
                 f"<title>Farm feed {feed}</title><link>http://farm.example/{feed}/</link>",
                 f"<description>Synthetic feed {feed}</description>"]
        for cycle, appeared in newest:
            self.writer.rng = random.Random(f"{self.seed}-{feed}-{cycle}")
            title, summary, _body = self.writer.article(words=60)
            if cycle >= 0:
                title = f"{RULE_TERM}: {title}"
            when = format_datetime(datetime.fromtimestamp(appeared, timezone.utc), usegmt=True)
            parts.append(f"<item><title>{_escape(title)}</title>"
                         f"<link>http://farm.example/{feed}/{cycle}.html</link>"
                         f'<guid isPermaLink="false">{guid(feed, cycle)}</guid><pubDate>{when}</pubDate>'
                         f"<description>{_escape(summary)}</description></item>")
        parts.append("</channel></rss>\n")
        return "".join(parts).encode("utf-8")


def guid(feed: int, cycle: int) -> str:
    return f"gdeltbench-{feed}-{cycle}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def host_of(feed: int, hosts: int) -> str:
    return f"127.0.0.{2 + feed % hosts}"


# --- the farm ----------------------------------------------------------------------------------

class Farm:
    def __init__(self, schedule: Schedule, feeds: int, hosts: int, latency: tuple[float, float], log_path: Path) -> None:
        self.schedule, self.feeds, self.hosts, self.latency = schedule, feeds, hosts, latency
        self.log_path = log_path
        self.pending: list[tuple[float, str, str, int, float]] = []
        self.rng = random.Random(schedule.seed)
        self.port = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        arrived = time.time()
        host = writer.get_extra_info("sockname")[0]
        lines = head.decode("latin-1").split("\r\n")
        try:
            _method, path, _version = lines[0].split(" ", 2)
        except ValueError:
            writer.close()
            return
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        await asyncio.sleep(self.rng.uniform(*self.latency))
        status, extra, body = self.respond(path, headers, arrived, host)
        response = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Modified' if status == 304 else 'Not Found'}",
                    "Connection: close", f"Content-Length: {len(body)}"] + extra
        ended = time.time()
        try:
            writer.write(("\r\n".join(response) + "\r\n\r\n").encode("latin-1") + body)
            # The end is when the response went to the socket (a small one goes at once), not when
            # this coroutine resumes after the drain: on a busy machine the event loop can come back
            # tens of ms later, which would shorten the gap to the host's next request on paper.
            ended = time.time()
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()
        self.pending.append((arrived, host, path, status, ended - arrived))

    def respond(self, path: str, headers: dict[str, str], now: float, host: str) -> tuple[int, list[str], bytes]:
        if not (path.startswith("/f/") and path.endswith(".xml")):
            return 404, ["Content-Type: text/plain"], b"not here\n"
        try:
            feed = int(path[3:-4])
        except ValueError:
            return 404, ["Content-Type: text/plain"], b"not here\n"
        if not 0 <= feed < self.feeds or host_of(feed, self.hosts) != host:
            return 404, ["Content-Type: text/plain"], b"not here\n"
        newest = tuple(self.schedule.items(feed, now))
        extra = ["Content-Type: application/rss+xml; charset=utf-8"]
        if self.schedule.sends_validators(feed):
            etag = f'"{feed}-{newest[0][0]}"'
            modified = format_datetime(datetime.fromtimestamp(math.floor(newest[0][1]), timezone.utc), usegmt=True)
            extra += [f"ETag: {etag}", f"Last-Modified: {modified}"]
            if headers.get("if-none-match") == etag:
                return 304, extra[1:], b""
        return 200, extra, self.schedule.body(feed, newest)

    async def flush_forever(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        with self.log_path.open("a", newline="") as out:
            csv.writer(out).writerows((f"{t:.4f}", h, p, s, f"{l:.4f}") for t, h, p, s, l in rows)

    async def start(self, port: int) -> list[asyncio.base_events.Server]:
        servers = []
        addresses = [f"127.0.0.{2 + i}" for i in range(self.hosts)]
        if port == 0:  # a port free on the first address, then the same one everywhere
            probe = socket.socket()
            probe.bind((addresses[0], 0))
            port = probe.getsockname()[1]
            probe.close()
        for address in addresses:
            servers.append(await asyncio.start_server(self.handle, address, port, backlog=1024))
        self.port = port
        return servers


def write_config(out: Path, database: str, feeds: int, hosts: int, port: int, interval: float, workers: int,
                 host_delay: str) -> Path:
    lines = ["[settings]", f"database = {toml_str(database)}",
             f"alert_log = {toml_str(str(out / 'alerts.jsonl'))}",
             f"host_delay = {toml_str(host_delay)}", f"workers = {workers}", 'log_level = "WARNING"']
    for feed in range(feeds):
        lines += ["", "[[sources]]", f'name = "f{feed}"', 'kind = "feed"',
                  f'url = "http://{host_of(feed, hosts)}:{port}/f/{feed}.xml"',
                  f'interval = "{interval:g}s"', "allow_private = true"]
    lines.append(CONFIG_RULES)
    path = out / "config.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def farm_main(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = args.t0 if args.t0 is not None else time.time()
    schedule = Schedule(args.seed, t0, args.interval, args.rate, args.initial, args.validators)
    log_path = out / "requests.csv"
    log_path.write_text("")
    farm = Farm(schedule, args.feeds, args.hosts, (args.latency_min, args.latency_max), log_path)

    async def main() -> None:
        servers = await farm.start(args.port)
        config = write_config(out, str(out / "monitor.db"), args.feeds, args.hosts, farm.port, args.interval,
                              args.workers, args.host_delay)
        print("READY " + json.dumps({"port": farm.port, "hosts": args.hosts, "feeds": args.feeds, "t0": t0,
                                     "interval": args.interval, "config": str(config), "log": str(log_path)}),
              flush=True)
        flusher = asyncio.create_task(farm.flush_forever())
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        # Also stop when stdin closes (the bench's way), unless stdin is a terminal.
        if not sys.stdin.isatty():
            def watch_stdin() -> None:
                while os.read(sys.stdin.fileno(), 65536):
                    pass
                loop.call_soon_threadsafe(stop.set)

            threading.Thread(target=watch_stdin, daemon=True).start()
        await stop.wait()
        flusher.cancel()
        for server in servers:
            server.close()
        farm.flush()

    asyncio.run(main())
    return 0


# --- run: the daemon against the farm -----------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


@dataclass(frozen=True, slots=True)
class Politeness:
    """Per host, as the farm saw it."""

    max_in_flight: int  # the most requests open at once on one host
    min_gap: float  # the shortest time between two arrivals on one host
    min_idle: float  # the shortest time from a response's end to the next arrival on its host


@dataclass(frozen=True, slots=True)
class Quiet:
    """The daemon after its first cycle, when the farm answers 304 or an unchanged body to almost
    every request: its CPU, and what the farm answered meanwhile."""

    begin: float
    end: float
    cpu: float  # share of one core; NaN when the run had no time after its first cycle
    seconds: float  # what the CPU share was measured over (between two samples)
    statuses: dict[int, int]
    new_items: int  # items that appeared on the farm in the window
    new_share: float  # of the feeds, per interval


def quiet_window(rows: list[LogRow], samples: list[Sample], begin: float, end: float, schedule: Schedule,
                 feeds: int) -> Quiet:
    cpu, seconds = cpu_share(samples, begin, end)
    statuses: dict[int, int] = {}
    for t, _h, path, status, _l in rows:
        if begin <= t <= end and path.startswith("/f/"):
            statuses[status] = statuses.get(status, 0) + 1
    new_items = sum(1 for _ in schedule.appeared_between(feeds, begin, end)) if end > begin else 0
    cycles = (end - begin) / schedule.interval
    return Quiet(begin, end, cpu, seconds, dict(sorted(statuses.items())), new_items,
                 new_items / feeds / cycles if cycles > 0 else float("nan"))


def politeness(rows: list[LogRow], start: float, stopped: float) -> Politeness:
    per_host: dict[str, list[tuple[float, float]]] = {}
    for t, h, _p, _s, l in rows:
        if start <= t <= stopped:
            per_host.setdefault(h, []).append((t, t + l))
    gaps: list[float] = []
    idles: list[float] = []
    most = 0
    for spans in per_host.values():
        spans.sort()
        gaps += [b[0] - a[0] for a, b in zip(spans, spans[1:])]
        idles += [b[0] - a[1] for a, b in zip(spans, spans[1:])]
        # Ends before starts at the same instant: a request that arrives as the previous one's
        # response is written is not two in flight.
        events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
        level = 0
        for _, d in events:
            level += d
            most = max(most, level)
    return Politeness(most, min(gaps, default=float("nan")), min(idles, default=float("nan")))


def read_log(path: Path) -> list[LogRow]:
    rows = []
    with path.open(newline="") as source:
        for t, h, p, s, l in csv.reader(source):
            rows.append((float(t), h, p, int(s), float(l)))
    return rows


def run_backend(backend: str, work: Path, args: argparse.Namespace, pg_base: str | None,
                distributed: int = 0) -> dict[str, Any]:
    """One backend against a fresh farm: the daemon, or (`distributed` > 0, PostgreSQL only) one
    `monitor scheduler` and `distributed` `monitor worker` processes."""
    from bench_backends import analyze, drop_database, new_database, postmaster_pid, server_cpu, store_bytes
    from storage import open_store

    feeds, interval = sizing(args)
    label = f"{backend}, distributed {distributed}" if distributed else backend
    out = work / (f"{backend}-distributed-{distributed}" if distributed else backend)
    out.mkdir(parents=True)
    database = new_database(pg_base, "gdelt") if backend == "postgresql" and pg_base else str(out / "monitor.db")
    empty = 0
    if backend == "postgresql":
        open_store(database).close()
        empty = store_bytes(database)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    t0 = time.time()
    farm = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "farm", "--feeds", str(feeds),
                             "--hosts", str(args.hosts), "--interval", str(interval), "--out", str(out),
                             "--t0", str(t0), "--seed", str(args.seed), "--rate", str(args.rate),
                             "--initial", str(args.initial), "--latency-min", str(args.latency_min),
                             "--latency-max", str(args.latency_max), "--workers", str(args.workers),
                             "--host-delay", args.host_delay],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    line = farm.stdout.readline() if farm.stdout else ""
    if not line.startswith("READY "):
        raise SystemExit(f"the farm did not start: {line!r}")
    info = json.loads(line[len("READY "):])
    config = Path(info["config"])
    text = config.read_text(encoding="utf-8").replace(toml_str(str(out / "monitor.db")), toml_str(database), 1)
    config.write_text(text, encoding="utf-8")
    result: dict[str, Any] = {"backend": backend, "label": label, "distributed": distributed, "feeds": feeds,
                              "interval": interval, "host_delay": parse_duration(args.host_delay)}
    try:
        began = time.time()
        seeded = subprocess.run([sys.executable, "-m", "monitor", "run", "--once", "--config", str(config)],
                                env=env, cwd=ROOT, capture_output=True, text=True)
        result["seed_seconds"] = time.time() - began
        if seeded.returncode not in (0, 1):
            raise SystemExit(f"run --once failed: {seeded.stderr[-2000:]}")
        if backend == "postgresql":
            analyze(database)  # as autovacuum would have by now in a store that has run a while
        store = open_store(database, migrate=False)
        try:
            first_due = {name: when.timestamp() for name, when in store.next_fetch_times().items()}
        finally:
            store.close()
        postmaster = postmaster_pid(pg_base) if backend == "postgresql" and pg_base else 0
        daemon_log = (out / "daemon.log").open("w")
        start = time.time()
        if distributed:
            processes = [subprocess.Popen([sys.executable, "-m", "monitor", "scheduler", "--config", str(config),
                                           "--max-sleep", str(min(5.0, interval / 10))],
                                          env=env, cwd=ROOT, stdout=daemon_log, stderr=subprocess.STDOUT)]
            processes += [subprocess.Popen([sys.executable, "-m", "monitor", "worker", "--config", str(config)],
                                           env=env, cwd=ROOT, stdout=daemon_log, stderr=subprocess.STDOUT)
                          for _ in range(distributed)]
            # No .pid file: wait for the first request in the farm's log (flushed every second);
            # the CPU is counted from then on, and the first request stands for the start (below).
            log_path = Path(info["log"])
            seeded_size = log_path.stat().st_size
            while (log_path.stat().st_size == seeded_size and time.time() < start + 120
                   and all(p.poll() is None for p in processes)):
                time.sleep(0.2)
            scheduler_start = time.time()
        else:
            processes = [subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(config)], env=env,
                                          cwd=ROOT, stdout=daemon_log, stderr=subprocess.STDOUT)]
            # The daemon writes its .pid file just after starting its scheduler: the moment every
            # source's first tick is counted from; its CPU and the server's are counted from then on.
            pid_file = Path(f"{database if backend == 'sqlite' else config}.pid")
            while not pid_file.exists() and processes[0].poll() is None and time.time() < start + 120:
                time.sleep(0.02)
            scheduler_start = pid_file.stat().st_mtime if pid_file.exists() else start
        sampler = Sampler([p.pid for p in processes], args.sample_every).start()
        pg_start = server_cpu(postmaster) if postmaster else 0.0
        stop_at = scheduler_start + args.cycles * interval
        while time.time() < stop_at and all(p.poll() is None for p in processes):
            time.sleep(0.5)
        samples = sampler.stop()
        write_samples(out / "resources.csv", samples)
        pg_end = server_cpu(postmaster) if postmaster else 0.0
        stopped = time.time()
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        daemon_log.close()
        result.update(start=start, stopped=stopped, cpu=samples[-1].cpu - samples[0].cpu, pg_cpu=pg_end - pg_start,
                      first_due=first_due, scheduler_start=scheduler_start, samples=samples)
    finally:
        if farm.stdin:
            farm.stdin.close()
        farm.wait(timeout=60)

    # --- figures ---
    rows = read_log(Path(info["log"]))
    start, stopped = result["start"], result["stopped"]
    fetches = [r for r in rows if start <= r[0] <= stopped and r[2].startswith("/f/")]
    result["fetches"] = len(fetches)
    result["statuses"] = {s: sum(1 for r in fetches if r[3] == s) for s in sorted({r[3] for r in fetches})}
    result["other_requests"] = sum(1 for r in rows if start <= r[0] <= stopped and not r[2].startswith("/f/"))
    by_feed: dict[int, list[float]] = {}
    for t, _h, p, _s, _l in fetches:
        by_feed.setdefault(int(p[3:-4]), []).append(t)
    # Every source's first tick is at the scheduler's start or its stored next fetch time, whichever
    # is later; then every interval.
    # The .pid file is written just after the scheduler starts, but the source jobs start at once
    # on 48 threads and the write can come seconds late on a busy machine; the sources whose stored
    # time had passed all run at the start, so the daemon's first request follows it closely (by
    # one plan and one connect). The earlier of the two stands for the start: lags are measured
    # from a start up to that much late, never early.
    pid_start = result["scheduler_start"]
    scheduler_start = min(pid_start, min((r[0] for r in fetches), default=pid_start))
    result["scheduler_start"] = scheduler_start
    result["pid_late"] = pid_start - scheduler_start
    dues = {f: max(scheduler_start, result["first_due"].get(f"f{f}", scheduler_start)) for f in range(feeds)}
    lags = []
    for feed, times in ({} if distributed else by_feed).items():
        due0 = dues[feed]
        for t in times:
            # Against the latest tick at or before the request (a request a hair before a tick, by the
            # rounding of the estimate, counts as that tick's).
            k = max(0, math.floor((t - due0 + 0.05) / interval))
            lags.append(t - (due0 + k * interval))
    result["lags"] = lags
    window = stopped - scheduler_start
    result["window"] = window
    result["rate"] = len(fetches) / window if window > 0 else float("nan")
    result["asked_rate"] = feeds / interval
    result["due_fetches"] = sum(max(0, math.floor((stopped - due) / interval) + 1) for due in dues.values())
    start = scheduler_start
    schedule = Schedule(args.seed, t0, interval, args.rate, args.initial, 0.8)
    result["politeness"] = politeness(rows, start, stopped)
    result["feeds_fetched"] = len(by_feed)
    result["quiet"] = quiet_window(rows, result["samples"], start + interval, stopped, schedule, feeds)

    # store: size, items, alert latency
    store = open_store(database, migrate=False)
    try:
        outcomes: dict[str, int] = {}
        for started, outcome in store.execute(  # type: ignore[attr-defined]
                "SELECT started_at, outcome FROM fetches").fetchall():
            if scheduler_start <= datetime.fromisoformat(started).timestamp() <= stopped:
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        result["outcomes"] = outcomes
        if distributed:
            # No ticks: the scheduler queues a source when its stored next fetch time comes, which a
            # run sets to its end + interval. Lag: a run's start − (the previous run's start +
            # duration + interval), from the store's fetch records; the first run against the time
            # the seeding left, or the start.
            runs: dict[str, list[tuple[float, float]]] = {}
            for name, started, duration in store.execute(  # type: ignore[attr-defined]
                    "SELECT source, started_at, duration_ms FROM fetches ORDER BY id").fetchall():
                runs.setdefault(name, []).append((datetime.fromisoformat(started).timestamp(), duration / 1000))
            for name, records in runs.items():
                previous_end = None
                for began, duration in records:
                    if not scheduler_start <= began <= stopped:
                        pass  # the seeding's runs, and those the workers finished after the stop
                    elif previous_end is not None:
                        lags.append(began - (previous_end + interval))
                    else:
                        lags.append(began - max(scheduler_start, result["first_due"].get(name, scheduler_start)))
                    previous_end = began + duration
            result["lags"] = lags
        items = int(store.execute("SELECT count(*) FROM items").fetchone()[0])  # type: ignore[attr-defined]
        alerts = {g: c for g, c in store.execute(  # type: ignore[attr-defined]
            "SELECT items.guid, alerts.created_at FROM alerts JOIN items ON items.id = alerts.item_id").fetchall()}
    finally:
        store.close()
    size = store_bytes(database)
    result["items"] = items
    result["size"] = size
    result["size_per_100k"] = (size - empty) / max(items, 1) * 100_000
    latencies, missing = [], 0
    for item_guid, appeared in schedule.appeared_between(feeds, start, stopped - interval):
        created = alerts.get(item_guid)
        if created is None:
            missing += 1
            continue
        latencies.append(datetime.fromisoformat(created).timestamp() - appeared)
    result["alert_latencies"] = latencies
    result["alerts_missing"] = missing
    result["alerts"] = len(alerts)
    if backend == "postgresql" and pg_base:
        drop_database(pg_base, database)
    return result


def report(r: dict[str, Any]) -> None:
    lags, lat = r["lags"], r["alert_latencies"]
    print(f"\n[{r['label']}] {r['feeds']} feeds, interval {r['interval']:g} s; `run --once` seeding: "
          f"{r['seed_seconds']:.1f} s")
    statuses = ", ".join(f"{k}: {v}" for k, v in r["statuses"].items())
    if r["distributed"]:
        print(f"  ran {r['window']:.1f} s from the first request ({r['scheduler_start'] - r['start']:.1f} s after the "
              f"processes were started): {r['fetches']} fetches ({statuses}; {r['other_requests']} other requests)")
    else:
        print(f"  daemon ran {r['window']:.1f} s from its scheduler's start ({r['scheduler_start'] - r['start']:.1f} s "
              f"to its first request; its .pid file {r['pid_late']:.2f} s later): {r['fetches']} fetches ({statuses}; "
              f"{r['other_requests']} other requests), {r['fetches'] / max(r['due_fetches'], 1) * 100:.0f}% of the "
              f"{r['due_fetches']} ticks due by then")
    print("  the store's fetch records of the run: " + ", ".join(f"{k}: {v}" for k, v in sorted(r["outcomes"].items())))
    print(f"  fetch rate {r['rate']:.1f}/s against {r['asked_rate']:.1f}/s asked (the full size's rate: "
          f"{r['full_feeds']:,} feeds every {FULL_INTERVAL:g} s, {r['full_feeds'] / FULL_INTERVAL:.1f}/s)"
          + ("" if r["distributed"] else f"; ticks without a fetch: {max(0, r['due_fetches'] - r['fetches'])} "
             "(skipped as not due yet, or still queued at the stop)"))
    what = ("a run's start − its due time (the previous run's end + interval; the store's fetch records)"
            if r["distributed"] else "arrival at the farm − the latest tick due")
    print(f"  schedule lag ({what}): p50 {percentile(lags, 0.5):.2f} s, p95 "
          f"{percentile(lags, 0.95):.2f} s, max {max(lags, default=float('nan')):.2f} s ({len(lags)} fetches)")
    print(f"  CPU per fetch: {'scheduler + workers' if r['distributed'] else 'daemon + parse workers'} {r['cpu'] / max(r['fetches'], 1) * 1000:.1f} ms"
          + (f", PostgreSQL server {r['pg_cpu'] / max(r['fetches'], 1) * 1000:.1f} ms" if r['backend'] == 'postgresql'
             else "") + f" ({r['cpu']:.1f} s of CPU)")
    print(f"  store: {r['items']:,} items, {r['size'] / 1e6:.1f} MB; "
          f"{r['size_per_100k'] / 1e9:.2f} GB per 100,000 items"
          + (" (less the empty database)" if r["backend"] == "postgresql" else ""))
    print(f"  alert latency (item appears on the farm → alert created_at): p50 {percentile(lat, 0.5):.1f} s, "
          f"p95 {percentile(lat, 0.95):.1f} s, max {max(lat, default=float('nan')):.1f} s over {len(lat)} items; "
          f"{r['alerts_missing']} appeared items without an alert")
    polite = r["politeness"]
    print(f"  politeness seen by the farm: at most {polite.max_in_flight} requests in flight on one host, "
          f"shortest gap between two requests to one host {polite.min_gap * 1000:.0f} ms, from a response's end to "
          f"the next request {polite.min_idle * 1000:.0f} ms (host_delay {r['host_delay'] * 1000:.0f} ms)")
    report_resources(r)


def report_resources(r: dict[str, Any]) -> None:
    """The daemon's process tree over its run (the seeding's `run --once` is another process)."""
    samples: list[Sample] = r["samples"]
    mem = memory(samples, r["scheduler_start"], r["interval"])
    count = threads(samples)
    quiet: Quiet = r["quiet"]
    print(f"  resident memory (RSS of the {'processes' if r['distributed'] else 'daemon'} + children, "
          f"{mem.samples} samples): start {mem.start / MB:.0f} MB, peak {mem.peak / MB:.0f} MB, end "
          f"{mem.end / MB:.0f} MB; the last third's max {mem.last_third / MB:.0f} MB against the first cycle's "
          f"{mem.baseline / MB:.0f} MB (×{mem.growth:.2f}); the {'processes' if r['distributed'] else 'daemon'} "
          f"without children peaked at {mem.own_peak / MB:.0f} MB")
    peaks = " / ".join(f"{p / MB:.1f}" for p in mem.cycle_peaks)
    print(f"  RSS peak per cycle: {peaks} MB; the last third's mean against as many first cycles' ×{mem.trend:.3f}")
    print(f"  threads of the {'processes' if r['distributed'] else 'daemon process'}: start {count.start}, peak "
          f"{count.peak}, end {count.end}; child processes at most {max(s.children for s in samples)}")
    statuses = ", ".join(f"{k}: {v}" for k, v in quiet.statuses.items()) or "no requests"
    print(f"  CPU after the first cycle ({quiet.seconds:.0f} s from {quiet.begin - r['scheduler_start']:.0f} s on): "
          f"{quiet.cpu * 100:.1f}% of one core; the farm answered {statuses}; {quiet.new_items} items appeared "
          f"({quiet.new_share * 100:.1f}% of the feeds per interval); the whole run: "
          f"{r['cpu'] / max(r['window'], 1e-9) * 100:.1f}% of one core")


@dataclass(frozen=True, slots=True)
class Verdict:
    criterion: str
    passed: bool
    figure: str


def target1_verdicts(r: dict[str, Any], args: argparse.Namespace) -> list[Verdict]:
    """Issue 15's target 1, criterion by criterion, from one run's figures."""
    feeds, interval = r["feeds"], r["interval"]
    quiet: Quiet = r["quiet"]
    polite: Politeness = r["politeness"]
    mem = memory(r["samples"], r["scheduler_start"], interval)
    lag95 = percentile(r["lags"], 0.95)
    farm_as_asked = (feeds >= TARGET1_FEEDS and (args.latency_min, args.latency_max) == TARGET1_LATENCY
                     and args.rate == TARGET1_RATE)
    cycle = (f"interval {interval:g} s, the real cadence" if interval >= FULL_INTERVAL else
             f"SHORTENED: interval {interval:g} s, {FULL_INTERVAL / interval:.1f}× the real cadence's fetch rate")
    return [
        Verdict(f"{TARGET1_FEEDS:,} feeds, latency 100–1,000 ms, ~2% with new items, fetched by the daemon",
                farm_as_asked and r["feeds_fetched"] == feeds,
                f"{r['feeds_fetched']:,} of {feeds:,} fetched; latency {args.latency_min * 1000:.0f}–"
                f"{args.latency_max * 1000:.0f} ms; {quiet.new_share * 100:.1f}% gained an item per interval after "
                f"the first cycle"),
        Verdict("at least one full cycle", r["window"] >= interval,
                f"{r['window']:.0f} s = {r['window'] / interval:.2f} cycles; {cycle}"),
        Verdict("schedule lag p95 < 60 s", lag95 < TARGET1_LAG, f"p95 {lag95:.1f} s over {len(r['lags']):,} fetches"),
        Verdict("politeness per host (1 in flight, host_delay between)",
                polite.max_in_flight <= 1 and polite.min_idle >= r["host_delay"] - CLOCK_SLACK,
                f"at most {polite.max_in_flight} in flight; shortest end → next request {polite.min_idle * 1000:.0f} "
                f"ms against host_delay {r['host_delay'] * 1000:.0f} ms"),
        Verdict("CPU < 25% of one core while answers are 304", quiet.cpu < TARGET1_CPU,
                f"{quiet.cpu * 100:.1f}% over {quiet.seconds:.0f} s after the first cycle"),
        Verdict("resident memory < 200 MB", mem.peak < TARGET1_RSS,
                f"start {mem.start / MB:.0f}, peak {mem.peak / MB:.0f}, end {mem.end / MB:.0f} MB (the daemon "
                f"process alone: peak {mem.own_peak / MB:.0f} MB)"),
        Verdict("resident memory flat", mem.trend <= FLAT_GROWTH,
                f"the last third's cycles peaked at ×{mem.trend:.3f} the first {max(1, len(mem.cycle_peaks) // 3)}"
                f" cycle(s) on average (flat up to ×{FLAT_GROWTH:g}; the last third's max against the first "
                f"cycle's alone: {mem.last_third / MB:.1f} against {mem.baseline / MB:.1f} MB, ×{mem.growth:.3f})"),
    ]


def report_target1(r: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\n[{r['label']}] issue 15, target 1:")
    for verdict in target1_verdicts(r, args):
        print(f"  {'PASS' if verdict.passed else 'FAIL'}  {verdict.criterion}: {verdict.figure}")
    count = threads(r["samples"])
    print(f"  info  threads of the daemon process: start {count.start}, peak {count.peak}, end {count.end}")


def sizing(args: argparse.Namespace) -> tuple[int, float]:
    """(feeds, interval): all of --feeds at --interval when that is given, else both scaled by --scale."""
    if args.interval is not None:
        return args.feeds, args.interval
    return max(1, round(args.feeds * args.scale)), FULL_INTERVAL * args.scale


def describe_size(args: argparse.Namespace) -> str:
    feeds, interval = sizing(args)
    if args.interval is None:
        return (f"scaled {args.scale:g} × the full size: {feeds:,} feeds (of {args.feeds:,}) with an interval of "
                f"{interval:g} s (of {FULL_INTERVAL:g} s): the same {args.feeds / FULL_INTERVAL:.0f} fetches/s asked for")
    if interval >= FULL_INTERVAL:
        return f"{feeds:,} feeds every {interval:g} s ({feeds / interval:.1f} fetches/s asked for)"
    return (f"{feeds:,} feeds every {interval:g} s: a SHORTENED cycle, {feeds / interval:.1f} fetches/s asked for, "
            f"{FULL_INTERVAL / interval:.1f}× the rate of the real cadence ({feeds:,} every {FULL_INTERVAL:g} s)")


def run_main(args: argparse.Namespace) -> int:
    from contextlib import ExitStack

    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    print(f"bench_gdelt {args.command}: {describe_size(args)}, spread over {args.hosts} hosts; {args.cycles:g} "
          f"intervals per run; latency {args.latency_min * 1000:.0f}–{args.latency_max * 1000:.0f} ms, "
          f"~{args.rate * 100:g}% of feeds gain an item per interval; workers {args.workers}, host_delay "
          f"{args.host_delay}; resources sampled every {args.sample_every:g} s; {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}")
    work = Path(tempfile.mkdtemp(prefix="bench-gdelt-"))
    try:
        with ExitStack() as stack:
            pg_base = None
            if "postgresql" in backends:
                from bench_backends import postgres_server

                pg_base = stack.enter_context(postgres_server())
            runs = [(backend, 0) for backend in backends]
            if args.distributed:
                runs.append(("postgresql", args.distributed))
                if pg_base is None:
                    from bench_backends import postgres_server

                    pg_base = stack.enter_context(postgres_server())
            for backend, distributed in runs:
                result = run_backend(backend, work, args, pg_base, distributed)
                result["full_feeds"] = args.feeds
                report(result)
                if args.command == "target1":
                    report_target1(result, args)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def add_farm_options(sub: argparse.ArgumentParser) -> None:
    """What the farm serves and the config it writes: shared by every command."""
    sub.add_argument("--feeds", type=int, default=100_000,
                     help="feeds (run: at full size, scaled by --scale unless --interval is given; default 100,000)")
    sub.add_argument("--hosts", type=int, default=200, help="loopback addresses 127.0.0.2… (default 200)")
    sub.add_argument("--rate", type=float, default=0.02, help="mean share of feeds gaining an item per interval")
    sub.add_argument("--initial", type=int, default=1, help="items each feed starts with (default 1)")
    sub.add_argument("--latency-min", type=float, default=0.05, help="seconds (default 0.05)")
    sub.add_argument("--latency-max", type=float, default=0.5, help="seconds (default 0.5)")
    sub.add_argument("--workers", type=int, default=4,
                     help="settings.workers in the config (default 4, the product's: fetches wait on the event loop)")
    sub.add_argument("--host-delay", default="0.1s", help='settings.host_delay (default "0.1s")')
    sub.add_argument("--seed", type=int, default=14)


def add_run_options(sub: argparse.ArgumentParser) -> None:
    """How the product is driven against the farm and measured: `run` and `target1`."""
    sub.add_argument("--interval", type=float, default=None,
                     help="seconds: configure all --feeds at this interval (not scaled; replaces --scale)")
    sub.add_argument("--cycles", type=float, default=4, help="intervals the daemon runs (default 4)")
    sub.add_argument("--backends", default="sqlite,postgresql", help="comma-separated (default sqlite,postgresql)")
    sub.add_argument("--sample-every", type=float, default=5.0,
                     help="seconds between samples of the daemon's memory, threads and CPU (default 5)")
    sub.add_argument("--keep", action="store_true", help="keep the work folder (configs, logs, SQLite stores)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    farm = commands.add_parser("farm", help="serve the feeds until stdin closes or SIGINT/SIGTERM")
    run = commands.add_parser("run", help="drive `monitor run` against a farm at a scale, on each backend")
    target1 = commands.add_parser("target1", help="issue 15's target 1: 10,000 feeds, one machine, pass/fail")
    for sub in (farm, run, target1):
        add_farm_options(sub)
    farm.add_argument("--out", required=True, help="folder for config.toml and requests.csv")
    farm.add_argument("--interval", type=float, default=FULL_INTERVAL, help="seconds per cycle (default 900)")
    farm.add_argument("--port", type=int, default=0, help="port on every address (default: a free one)")
    farm.add_argument("--t0", type=float, default=None, help="epoch seconds of cycle 0 (default now)")
    farm.add_argument("--validators", type=float, default=0.8, help="share of feeds sending ETag/Last-Modified")
    for sub in (run, target1):
        add_run_options(sub)
    run.add_argument("--scale", type=float, default=None,
                     help="feeds and interval scaled by this (default 0.01; not with --interval)")
    run.add_argument("--distributed", type=int, default=0, metavar="N",
                     help="then one `monitor scheduler` and N `monitor worker` processes on PostgreSQL")
    # Target 1's farm and run; a shorter --interval is allowed and said so in the output.
    target1.set_defaults(feeds=TARGET1_FEEDS, latency_min=TARGET1_LATENCY[0], latency_max=TARGET1_LATENCY[1],
                         rate=TARGET1_RATE, interval=FULL_INTERVAL, cycles=2, backends="sqlite", distributed=0)
    args = parser.parse_args(argv)
    if args.command == "farm":
        return farm_main(args)
    if args.command == "run":
        if args.scale is not None and args.interval is not None:
            parser.error("run: --scale or --interval, not both")
        args.scale = 0.01 if args.scale is None else args.scale
    return run_main(args)


if __name__ == "__main__":
    sys.exit(main())
