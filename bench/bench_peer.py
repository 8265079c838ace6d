"""Peer benchmark (issue 15, target 2): our ingest, feed2exec and feedparser alone, as whole processes.

    .venv/bin/python bench/bench_peer.py [--feeds 100] [--items 50] [--runs 5] [--keep]
                                         [--hosts 8] [--host-delay 0.05s] [--workers 4]

On the same FEEDS × ITEMS full-content RSS feeds (bench/_feeds.py, as bench_ingest.py writes them),
served by bench_ingest's FeedServer from 127.0.0.1 … 127.0.0.HOSTS, it runs RUNS rounds of three
processes, interleaved (a, b, c, a, b, c, …) so that a change of load on this shared machine hits
all three alike:

a. ours: `python -m monitor run --once --config CONFIG`, the config from bench_ingest.write_config
   (host_delay, workers, three rules; the product's default parse pool) and a fresh store each run;
   checked by counting the store's `items` rows (FEEDS × ITEMS expected);
b. feed2exec (the Python peer): `feed2exec --config INI --database DB fetch --parallel`, every feed
   a section of INI with `output = feed2exec.plugins.null`, a fresh database (its seen-item cache
   and its HTTP cache) and fresh XDG folders each run; checked by its exit status and the rows of
   its seen-item cache (`feedcache`, FEEDS × ITEMS expected);
c. feedparser alone: a `python` process (this script with --parse-files) that reads the feed files
   from disk and calls `feedparser.parse(body)` with its defaults on each; checked by its entry count.

All three run from compiled bytecode: feed2exec and feedparser from what pip compiled into their
venvs, ours and the feedparser-alone child also from the project's __pycache__ folders, compiled
before the first round (PYTHONDONTWRITEBYTECODE is dropped for them), as a checkout after its first
run, or an installed copy, has them.

feed2exec is not a project dependency: it is installed, once, into its own venv in
TMPDIR/bench_peer_feed2exec (with the feedparser version the project uses, so all three parse with
the same library), and that venv is reused by later runs.

It prints each run's wall time, the user + system CPU of the process and its waited-for children
(os.wait4), its item count, the politeness the feed server saw; then the medians and
the ratios: feed2exec wall / ours (target ≥ 3) and ours / feedparser alone (target ≤ 1), of the
medians and within each round.
The machine is shared: quote ratios from one run, never times across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import _feeds  # (stdlib only: cheap enough for the --parse-files child)

if TYPE_CHECKING:  # bench_ingest imports the product: imported at run time by the parent only
    from bench_ingest import FeedServer

FEED2EXEC_VERSION = "0.23.0"
FEED2EXEC_HOME = Path(tempfile.gettempdir()) / "bench_peer_feed2exec"
FEED2EXEC_VENV = FEED2EXEC_HOME / "venv"
PEER_TARGET = 3.0  # feed2exec wall / ours: at least this
BASELINE_TARGET = 1.0  # ours / feedparser alone: at most this
TOOLS = ("ours", "feed2exec", "feedparser")


@dataclass
class Run:
    tool: str
    wall: float
    cpu: float  # user + system of the process and the children it waited for
    status: int
    items: int  # what the tool's own record says it processed
    server_cpu: float
    detail: str = ""


# --- child: feedparser alone ----------------------------------------------------------------------

def parse_files(folder: Path, feeds: int) -> None:
    """bench_ingest.baseline's loop over bench_ingest.read_bodies' files, in a process of its own.
    Not imported from bench_ingest: that module imports the product (~0.4 s), which would be
    charged to the baseline process."""
    import feedparser

    entries = bozo = 0
    for feed_no in range(feeds):
        result = feedparser.parse((folder / f"{_feeds.feed_name(feed_no)}.xml").read_bytes())
        entries += len(result.entries)
        bozo += bool(result.bozo)
    print(json.dumps({"entries": entries, "bozo": bozo, "feedparser": feedparser.__version__}))


# --- helpers --------------------------------------------------------------------------------------

def run_process(command: list[str], folder: Path, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and exit status of one process; its output goes to
    FOLDER/stdout.txt and stderr.txt. os.wait4 gives that process's own rusage (its waited-for
    children included), not mixed with the feed server's, which is also our child. (Its ru_maxrss
    is not shown: Linux folds this parent's RSS at the fork into it.)"""
    with open(folder / "stdout.txt", "wb") as out, open(folder / "stderr.txt", "wb") as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait for it again
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def cached_bytecode() -> dict[str, str]:
    """The environment of our process and of the feedparser-alone child: Python reads and writes
    bytecode beside the sources, as for a checkout after its first run (compile_project makes it
    before the first round) and for feed2exec and feedparser, whose venvs pip compiled.
    PYTHONDONTWRITEBYTECODE in the benchmark's own environment would otherwise make every run of
    ours compile the project's modules from source first (0.30 s a run, median of 6 alternated pairs,
    bench/README.md's thirteenth session), which no user pays. (Not PYTHONPYCACHEPREFIX: every module then looks for its bytecode
    there, the standard library's and the venv's too, all compiled again in a new folder.)"""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def compile_project(env: dict[str, str]) -> None:
    """Compile the project's modules and this benchmark's helper (their __pycache__ folders)."""
    folders = [str(ROOT / name) for name in ("monitor", "jobs", "storage")] + [str(BENCH / "_feeds.py")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def count_rows(database: Path, table: str) -> int:
    """Rows of a table, -1 when the database or the table is missing (the run did nothing)."""
    if not database.exists():
        return -1
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as con:
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return -1


def stderr_note(folder: Path) -> str:
    lines = (folder / "stderr.txt").read_text(errors="replace").splitlines()
    return f"; stderr {len(lines)} lines, last: {lines[-1][:160]!r}" if lines else ""


def ensure_feed2exec(feedparser_version: str) -> Path:
    """FEED2EXEC_VENV/bin/feed2exec, installing it first when missing; a failed install is removed,
    so that a half-made venv is never reused."""
    executable = FEED2EXEC_VENV / "bin" / "feed2exec"
    if executable.exists():
        return executable
    print(f"installing feed2exec {FEED2EXEC_VERSION} (feedparser {feedparser_version}) into {FEED2EXEC_VENV} …",
          flush=True)
    shutil.rmtree(FEED2EXEC_VENV, ignore_errors=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(FEED2EXEC_VENV)], check=True)
        # the project's feedparser version, so that all three parse with the same library
        pip = subprocess.run([str(FEED2EXEC_VENV / "bin" / "python"), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", f"feed2exec=={FEED2EXEC_VERSION}",
                              f"feedparser=={feedparser_version}"], check=False, capture_output=True, text=True)
        if pip.returncode:  # its output only then: pip's index warnings would bury the figures
            raise SystemExit(f"pip could not install feed2exec:\n{pip.stdout}{pip.stderr}")
    except BaseException:
        shutil.rmtree(FEED2EXEC_VENV, ignore_errors=True)
        raise
    return executable


def versions_in(venv: Path) -> str:
    code = ("import importlib.metadata as m; "
            "print(', '.join(f'{p} {m.version(p)}' for p in ('feed2exec', 'feedparser', 'dateparser', 'requests')))")
    return subprocess.run([str(venv / "bin" / "python"), "-c", code], check=False, capture_output=True,
                          text=True).stdout.strip()


# --- the three runs -------------------------------------------------------------------------------

def run_ours(folder: Path, server: FeedServer, args: argparse.Namespace, env: dict[str, str]) -> Run:
    import bench_ingest

    config = bench_ingest.write_config(folder, server, args.feeds, args.host_delay, args.workers)
    cpu_before = server.cpu()
    wall, cpu, status = run_process(
        [sys.executable, "-m", "monitor", "run", "--once", "--config", str(config)], folder, env)
    stored = count_rows(folder / "monitor.db", "items")
    return Run("ours", wall, cpu, status, stored, server.cpu() - cpu_before,
               "store rows" + stderr_note(folder))


def write_feed2exec_config(folder: Path, server: FeedServer, feeds: int) -> Path:
    """feeds.ini as `feed2exec add NAME URL --output null` would write it, for every feed at once
    (feed2exec reads it with configparser: one section per feed)."""
    lines = []
    for feed_no in range(feeds):
        lines += [f"[{_feeds.feed_name(feed_no)}]", f"url = {server.url(feed_no)}",
                  "output = feed2exec.plugins.null", ""]
    path = folder / "feeds.ini"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_feed2exec(folder: Path, server: FeedServer, args: argparse.Namespace, executable: Path) -> Run:
    ini = write_feed2exec_config(folder, server, args.feeds)
    database = folder / "feed2exec.db"
    # Its defaults live under the XDG folders: point them into this run's folder, so nothing from
    # an earlier run (or the user's own feed2exec) is read and every run starts cold.
    env = dict(os.environ, XDG_CONFIG_HOME=str(folder / "xdg-config"), XDG_DATA_HOME=str(folder / "xdg-data"),
               XDG_CACHE_HOME=str(folder / "xdg-cache"))
    cpu_before = server.cpu()
    wall, cpu, status = run_process(
        [str(executable), "--config", str(ini), "--database", str(database), "fetch", "--parallel"], folder, env)
    seen = count_rows(database, "feedcache")
    cached = count_rows(database, "content")
    return Run("feed2exec", wall, cpu, status, seen, server.cpu() - cpu_before,
               f"seen-item cache rows; {cached} HTTP cache rows" + stderr_note(folder))


def run_feedparser(folder: Path, feeds_folder: Path, args: argparse.Namespace, env: dict[str, str]) -> Run:
    wall, cpu, status = run_process(
        [sys.executable, str(Path(__file__).resolve()), "--parse-files", str(feeds_folder), "--feeds", str(args.feeds)],
        folder, env)
    try:
        result = json.loads((folder / "stdout.txt").read_text())
        entries, detail = result["entries"], f"entries, {result['bozo']} bozo"
    except (ValueError, KeyError):
        entries, detail = -1, "no result"
    return Run("feedparser", wall, cpu, status, entries, 0.0, detail + stderr_note(folder))


# --- main -----------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=100, help="number of feeds (default 100)")
    parser.add_argument("--items", type=int, default=50, help="items per feed (default 50)")
    parser.add_argument("--runs", type=int, default=5, help="rounds of the three processes (default 5)")
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses to serve from (default 8)")
    parser.add_argument("--host-delay", default="0.05s", help='our settings.host_delay (default "0.05s", as bench_ingest)')
    parser.add_argument("--workers", type=int, default=4, help="our settings.workers (default 4, as bench_ingest)")
    parser.add_argument("--seed", type=int, default=20240115)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (feeds, stores, outputs)")
    parser.add_argument("--parse-files", type=Path, help=argparse.SUPPRESS)  # the feedparser-alone child
    args = parser.parse_args(argv)
    if args.parse_files:
        parse_files(args.parse_files, args.feeds)
        return 0

    import bench_ingest  # the product and feedparser: only in this parent process
    import feedparser

    from monitor import config as config_module
    from monitor.durations import parse_duration

    host_delay = parse_duration(args.host_delay)
    expected = args.feeds * args.items
    executable = ensure_feed2exec(feedparser.__version__)
    print(f"bench_peer: {args.feeds} feeds × {args.items} items = {expected} items, {args.hosts} hosts, "
          f"{args.runs} rounds of ours / feed2exec / feedparser alone, interleaved")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"feed2exec: {executable} --config RUN/feeds.ini --database RUN/feed2exec.db fetch --parallel "
          f"(XDG_* folders in RUN; {versions_in(FEED2EXEC_VENV)})")
    print(f"  as it ships: fetches in one thread, one feed after another; parses in a multiprocessing.Pool of "
          f"{os.cpu_count()} (--parallel: one per core); its HTTP cache (cachecontrol) on; dateparser registered "
          "as feedparser's first date handler; then, in its main process, for each item: normalize, the null "
          "output plugin, one committed INSERT into its seen-item cache")
    floor = (-(-args.feeds // args.hosts) - 1) * host_delay
    print(f"NOTE: feed2exec has no politeness setting (never two requests at once, but no pause between two to "
          f"one host); ours waits host_delay = {host_delay * 1000:g} ms between two requests to one host, a floor of "
          f"≈ {floor:.2f} s here ((feeds per host − 1) × host_delay). --host-delay 0s removes it from ours.")
    print("NOTE: ours does more per item than the peer's null output: cleaning, rules (three), stories, "
          "alerts, full-text index, in a transactional store")

    runs: list[Run] = []
    with bench_ingest.work_folder(args.keep) as work:
        began = time.perf_counter()
        totals = _feeds.write_feeds(work / "feeds", args.feeds, args.items, args.seed, _feeds.anchor_date(None))
        print(f"feeds: {totals['bytes'] / 1e6:.1f} MB of RSS in {work / 'feeds'}, generated in "
              f"{time.perf_counter() - began:.1f} s (seed {args.seed})")
        env = cached_bytecode()
        compile_project(env)
        server = bench_ingest.FeedServer(work / "feeds", args.hosts, gzip_bodies=False)
        try:
            print(f"server: {', '.join(server.bases)}")
            # the settings our runs get, read back as the product reads them (as bench_ingest --breakdown does)
            settings = config_module.load(bench_ingest.write_config(
                work / "probe", server, 1, args.host_delay, args.workers)).settings
            print(f"ours: python -m monitor run --once --config CONFIG (host_delay {settings.host_delay * 1000:g} ms, "
                  f"workers {settings.workers}, max_fetches {settings.max_fetches}, parse_processes "
                  f"{settings.parse_processes}: the product's default parse pool), feedparser {feedparser.__version__}\n")
            for round_no in range(1, args.runs + 1):
                for tool in TOOLS:
                    folder = work / f"round{round_no}-{tool}"
                    folder.mkdir()
                    server.reset()
                    if tool == "ours":
                        run = run_ours(folder, server, args, env)
                    elif tool == "feed2exec":
                        run = run_feed2exec(folder, server, args, executable)
                    else:
                        run = run_feedparser(folder, work / "feeds", args, env)
                    runs.append(run)
                    ok = run.items == expected and run.status == 0
                    print(f"round {round_no} {tool:<10} wall {run.wall:7.2f} s  CPU {run.cpu:7.2f} s  "
                          f"exit {run.status}  {run.items} {run.detail} "
                          f"({'OK' if ok else f'EXPECTED {expected}, exit 0'})")
                    if tool != "feedparser":
                        print(f"    feed server CPU {run.server_cpu:.2f} s; "
                              f"{bench_ingest.politeness_line(server.stats(), host_delay)}")
                    if not args.keep:
                        shutil.rmtree(folder, ignore_errors=True)
        finally:
            server.stop()

    print(f"\n=== summary: medians of {args.runs} runs (load average now "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}) ===")
    wall = {t: statistics.median(r.wall for r in runs if r.tool == t) for t in TOOLS}
    cpu = {t: statistics.median(r.cpu for r in runs if r.tool == t) for t in TOOLS}
    for tool in TOOLS:
        walls = ", ".join(f"{r.wall:.2f}" for r in runs if r.tool == tool)
        cpus = ", ".join(f"{r.cpu:.2f}" for r in runs if r.tool == tool)
        print(f"{tool:<10} wall median {wall[tool]:7.2f} s ({walls}); CPU median {cpu[tool]:7.2f} s ({cpus}); "
              f"{expected / wall[tool]:,.0f} items/s")
    peer, base = wall["feed2exec"] / wall["ours"], wall["ours"] / wall["feedparser"]
    print(f"feed2exec / ours, wall (how many times faster ours is): {peer:.2f}x (target ≥ {PEER_TARGET:g}x: {verdict(peer >= PEER_TARGET)}); "
          f"CPU: {cpu['feed2exec'] / cpu['ours']:.2f}x")
    print(f"ours / feedparser alone, wall: {base:.2f}x (target ≤ {BASELINE_TARGET:g}x: "
          f"{verdict(base <= BASELINE_TARGET)}); CPU: {cpu['ours'] / cpu['feedparser']:.2f}x")
    # The same ratios within each round, whose three processes ran back to back: a change of the
    # machine's speed between rounds (20-40% here) moves them less than the medians of each tool.
    by_round = [{r.tool: r.wall for r in runs[i:i + len(TOOLS)]} for i in range(0, len(runs), len(TOOLS))]
    peers = [w["feed2exec"] / w["ours"] for w in by_round]
    bases = [w["ours"] / w["feedparser"] for w in by_round]
    print(f"per round, wall: feed2exec / ours {', '.join(f'{x:.2f}x' for x in peers)} (median "
          f"{statistics.median(peers):.2f}x); ours / feedparser {', '.join(f'{x:.2f}x' for x in bases)} "
          f"(median {statistics.median(bases):.2f}x)")
    bad = [r for r in runs if r.items != expected or r.status != 0]
    if bad:
        print(f"INVALID: {len(bad)} run(s) did not process {expected} items or exited non-zero: "
              + ", ".join(f"{r.tool} ({r.items}, exit {r.status})" for r in bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
