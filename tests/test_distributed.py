"""Distributed mode: PostgreSQL as the store and the task queue (jobs.queue, `monitor scheduler`,
`monitor worker`), and politeness kept in PostgreSQL among processes (storage.postgres.hosts).

Real PostgreSQL (the `postgres_url` fixture: a new database per test), real HTTP servers on loopback addresses (127.0.0.2 … 127.0.0.9 are all
the machine's own on Linux), real subprocesses, kill -9. The HTTP servers log when each request
started and ended, and the politeness checks read that log: one request at a time per host, and
`host_delay` between the end of one and the start of the next, as the server saw them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, run_monitor

from monitor import aio

# --- HTTP servers that log each request's start and end ------------------------------------------


@dataclass
class Host:
    """A ThreadingHTTPServer on one loopback address, serving `pages` and logging (path, start, end)."""

    address: str
    pages: dict[str, bytes] = field(default_factory=dict)
    log: list[tuple[str, float, float]] = field(default_factory=list)
    pause: float = 0.0  # how long each answer takes, so that overlapping requests would show
    server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                began = time.monotonic()
                body = host.pages.get(self.path)
                if host.pause:
                    time.sleep(host.pause)
                try:
                    self.send_response(200 if body is not None else 404)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("Content-Length", str(len(body or b"")))
                    self.end_headers()
                    self.wfile.write(body or b"")
                    self.wfile.flush()
                finally:  # a client killed mid-answer is logged too
                    host.log.append((self.path, began, time.monotonic()))

        self.server = ThreadingHTTPServer((self.address, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://{self.address}:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def check_politeness(self, delay: float, slack: float = 0.005) -> None:
        """No two requests overlapped, and each started `delay` (less clock-reading slack) after the
        previous one ended."""
        spans = sorted(self.log, key=lambda entry: entry[1])
        for (path_a, _, end_a), (path_b, start_b, _) in zip(spans, spans[1:]):
            assert start_b >= end_a + delay - slack, (
                f"{self.address}: {path_b} began {start_b - end_a:.4f}s after {path_a} ended (host_delay {delay})")


@pytest.fixture
def hosts() -> Iterator[list[Host]]:
    made = [Host(f"127.0.0.{n}") for n in range(2, 10)]
    for host in made:
        host.start()
    yield made
    for host in made:
        host.stop()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS document of (guid link, title, description) items."""
    body = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><description>{d}</description>"
                   f"<pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate></item>" for link, t, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'.encode()


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    env.pop("MONITOR_CONFIG", None)
    return env


# --- the PostgreSQL host gate ----------------------------------------------------------------------

_GATE_SCRIPT = textwrap.dedent("""
    import sys
    from concurrent.futures import ThreadPoolExecutor
    from monitor.fetch import Fetcher
    from monitor.config import load_text
    from storage.postgres.hosts import PostgresHostGates

    url, delay, base, count, tag = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
    settings = load_text(f"[settings]\\nhost_delay = '{delay}s'", "gate.toml").settings
    with Fetcher(settings, gate=PostgresHostGates(url, delay, hold=settings.deadline)) as fetcher, ThreadPoolExecutor(3) as pool:
        docs = list(pool.map(lambda n: fetcher.fetch_url(f"{base}/{tag}/{n}", source="s", kind="feed",
                                                         allow_private=True), range(count)))
    print(sum(1 for doc in docs if doc.status == 200))
""")


def test_pg_gate_two_processes_take_turns_on_one_host(postgres_url: str) -> None:
    host = Host("127.0.0.2", pause=0.02)
    host.start()
    try:
        for tag in ("a", "b"):
            for n in range(8):
                host.pages[f"/{tag}/{n}"] = b"ok"
        delay = 0.05
        procs = [subprocess.Popen([sys.executable, "-c", _GATE_SCRIPT, postgres_url, str(delay), host.base, "8", tag],
                                  env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for tag in ("a", "b")]
        outputs = [proc.communicate(timeout=60) for proc in procs]
        for proc, (out, err) in zip(procs, outputs):
            assert proc.returncode == 0, err
            assert out.strip() == "8"
        assert len(host.log) == 16
        # Both processes' requests were interleaved, not one process after the other…
        order = [path.split("/")[1] for path, _, _ in sorted(host.log, key=lambda entry: entry[1])]
        assert order != sorted(order)
        # …yet never at the same time, and host_delay apart.
        host.check_politeness(delay)
    finally:
        host.stop()


def test_pg_gate_gives_up_at_the_wait_budget(postgres_url: str) -> None:
    """A turn not had within the timeout is None; a held turn's end lets the next one in."""
    from storage.postgres.hosts import PostgresHostGates

    first, second = PostgresHostGates(postgres_url, 0.0, hold=1.0), PostgresHostGates(postgres_url, 0.0, hold=1.0)
    try:
        turn = aio.run(first.take("http://example.org/a", 1.0))
        assert turn is not None
        began = time.monotonic()
        assert aio.run(second.take("http://example.org/b", 0.2)) is None
        assert 0.15 < time.monotonic() - began < 2.0
        assert aio.run(second.take("http://other.example.org/", 0.2)) is not None  # another host: its own turn
        aio.run(turn.end())
        again = aio.run(second.take("http://example.org/b", 1.0))
        assert again is not None
        aio.run(again.end())
    finally:
        aio.run(first.close())
        aio.run(second.close())


def test_pg_gate_a_dead_holder_keeps_its_host_for_its_deadline(postgres_url: str) -> None:
    """A process killed mid-request frees the lock (its session ends) but its request may still be at
    the server: the next request to the host waits the dead one's deadline (`hold`) and the delay."""
    from storage.postgres.hosts import PostgresHostGates

    script = textwrap.dedent("""
        import sys, time
        from monitor import aio
        from storage.postgres.hosts import PostgresHostGates
        turn = aio.run(PostgresHostGates(sys.argv[1], 0.1, hold=1.5).take("http://example.org/", 5.0))
        print("held", flush=True)
        time.sleep(60)
    """)
    holder = subprocess.Popen([sys.executable, "-c", script, postgres_url], env=_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        gates = PostgresHostGates(postgres_url, 0.1, hold=1.5)
        try:
            began = time.monotonic()
            turn = aio.run(gates.take("http://example.org/", 10.0))
            waited = time.monotonic() - began
            assert turn is not None
            aio.run(turn.end())
            assert 1.2 < waited < 3.0, waited
        finally:
            aio.run(gates.close())
    finally:
        if holder.poll() is None:
            holder.kill()


# --- the queue (jobs.queue), without the store -------------------------------------------------------


def _pg_config(make_config, postgres_url: str, sources: list[dict] | None = None, **settings: object):
    """A loaded config whose database is the PostgreSQL URL."""
    from dataclasses import replace

    from monitor.config import load

    config = load(make_config(sources or [{"name": "a", "kind": "feed", "url": "http://127.0.0.2/a"}],
                              **settings))
    return replace(config, settings=replace(config.settings, database=postgres_url))


def test_queue_schema_once_dedup_and_stalled_recovery(make_config, postgres_url: str) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from jobs import queue

    config = _pg_config(make_config, postgres_url)
    app = queue.build_app(config, stalled_after=1.0)
    with ThreadPoolExecutor(4) as pool:  # processes starting together: one creates the schema
        applied = list(pool.map(lambda _: queue.apply_schema(queue.build_app(config), config), range(4)))
    assert applied.count(True) == 1
    assert queue.apply_schema(app, config) is False

    path = str(config.path)
    with app.open():
        first = queue.defer_fetch(app, path, "a")
        assert first is not None
        assert queue.defer_fetch(app, path, "a") is None  # queued already: AlreadyEnqueued, ignored
        assert queue.waiting_fetches(app) == {"a"}

    async def scenario() -> tuple[list[int], list[int], str, str]:
        async with app.open_async():
            manager = app.job_manager
            dead = await manager.register_worker()  # a worker that takes a job, then never beats again
            job = await manager.fetch_job(queues=["fetch"], worker_id=dead)
            assert job is not None and job.id == first
            assert await queue.recover_stalled_jobs(app, 1.0) == []  # its heartbeat is fresh
            await asyncio.sleep(1.5)
            recovered = await queue.recover_stalled_jobs(app, 1.0)
            status_after_retry = (await manager.get_job_status_async(first)).value
            # Stalled again, while the scheduler queued the source anew: the queued job stays, the
            # stalled one is failed (a retry would collide with the queueing lock).
            job = await manager.fetch_job(queues=["fetch"], worker_id=dead)
            assert job is not None and job.id == first
            second = await app.configure_task(queue.FETCH_TASK, queueing_lock="source:a", lock="source:a").defer_async(
                config_path=path, source_name="a")
            await asyncio.sleep(1.5)
            again = await queue.recover_stalled_jobs(app, 1.0)
            return recovered, again, status_after_retry, (await manager.get_job_status_async(first)).value \
                + "/" + (await manager.get_job_status_async(second)).value

    recovered, again, after_retry, final = asyncio.run(scenario())
    assert recovered == [first]
    assert after_retry == "todo"
    assert again == []
    assert final == "failed/todo"


# --- scheduler and workers as processes ------------------------------------------------------------


def test_scheduler_and_worker_refuse_a_sqlite_database(make_config) -> None:
    config = make_config([{"name": "a", "kind": "feed", "url": "http://127.0.0.2/a"}])
    for command in ("scheduler", "worker"):
        done = run_monitor("--config", str(config), command, timeout=60)
        assert done.code == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "postgresql://" in lines[0], done.stderr


_WORDS = [a + b + c for a in ("br", "ka", "ml", "zo", "te", "vu", "qi", "ps") for b in "aeiouy"
          for c in ("nd", "rk", "lm", "st", "x", "g")]


def _text(rng, count: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(count))


@dataclass
class Cluster:
    """A config over feeds on loopback hosts, and the scheduler and worker processes running it."""

    folder: Path
    config: Path
    url: str
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "ab")
        proc = subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(self.config), *args],
                                cwd=self.folder, env=_env(), stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs[name] = proc
        return proc

    def worker(self, name: str, concurrency: int | None = 4) -> subprocess.Popen:
        """A worker; `concurrency` None leaves --concurrency to its default."""
        jobs = ("--concurrency", str(concurrency)) if concurrency is not None else ()
        return self.start(name, "worker", *jobs, "--heartbeat", "0.5", "--stalled-after", "3")

    def scheduler(self, name: str = "scheduler") -> subprocess.Popen:
        return self.start(name, "scheduler", "--max-sleep", "0.5")

    def query(self, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            return connection.execute(sql).fetchall()

    def fetched(self) -> int:
        """Sources with a successful fetch recorded."""
        import psycopg

        try:
            return int(self.query("SELECT count(DISTINCT source) FROM fetches WHERE outcome = 'ok'")[0][0])
        except psycopg.errors.UndefinedTable:  # the first process has not created the store yet
            return 0

    def wait_fetched(self, count: int, timeout: float) -> None:
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if self.fetched() >= count:
                return
            for name, proc in self.procs.items():
                assert proc.poll() is None or proc.returncode in (0, -9), (name, self.log(name))
            time.sleep(0.2)
        raise AssertionError(f"{self.fetched()} of {count} sources fetched in {timeout}s\n" + self.log("worker-1"))

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _cluster(folder: Path, make_config, url: str, hosts: list[Host], feeds: int, extra_sources: list[dict] = (),
             **settings: object) -> tuple[Cluster, dict]:
    """`feeds` feeds spread over the hosts. Feed i carries two items: its own (a Crimea one for odd i) and
    a copy of story i // 2, which feeds 2k and 2k + 1 (on two hosts) both carry under their own URLs
    (all NATO): two workers committing the two copies at once must still make one item, one alert."""
    import random

    rng = random.Random(7)
    stories = [(_text(rng, 8), _text(rng, 40)) for _ in range((feeds + 1) // 2)]
    sources = []
    # A story's second copy has the same text under another URL: a sighting of the stored item, not an
    # item of its own (monitor.dedupe). Stored items: one per feed, one per story.
    expected = {"items": feeds + len(stories), "nato": len(stories), "crimea": 0}
    for i in range(feeds):
        host = hosts[i % len(hosts)]
        title, body = stories[i // 2]
        own_title, own_body = _text(rng, 8), _text(rng, 40)
        crimea = " Crimea" if i % 2 else ""
        expected["crimea"] += 1 if crimea else 0
        items = [(f"{host.base}/story/{i}", f"NATO {title}", f"NATO {body}"),
                 (f"{host.base}/own/{i}", f"{own_title}{crimea}", f"{own_body}{crimea}")]
        host.pages[f"/feed/{i}.xml"] = rss(f"feed {i}", items)
        sources.append({"name": f"feed-{i:03d}", "kind": "feed", "url": f"{host.base}/feed/{i}.xml",
                        "interval": "1h", "allow_private": True})
    values: dict[str, object] = {"database": url, "host_delay": "0.05s", "alert_delay": "0s", "timeout": "5s",
                                 "deadline": "5s", "parse_processes": 1, "log_level": "INFO"}
    values.update(settings)
    config = make_config(sources + list(extra_sources), **values)
    return Cluster(folder, config, url), expected


def _check_store(cluster: Cluster, expected: dict, hosts: list[Host], delay: float) -> None:
    """Every item stored once, one alert per (rule, story), politeness held as the servers saw it."""
    items = cluster.query("SELECT url, count(*) FROM items GROUP BY url")
    assert len(items) == expected["items"]
    assert all(count == 1 for _, count in items)
    titles = cluster.query("SELECT title, count(*) FROM items GROUP BY title")
    assert all(count == 1 for _, count in titles), [t for t in titles if t[1] > 1][:5]
    alerts = cluster.query("SELECT rule, story_id, count(*) FROM alerts GROUP BY rule, story_id")
    assert all(count == 1 for _, _, count in alerts), [a for a in alerts if a[2] > 1][:5]
    per_rule: dict[str, int] = {}
    for rule, _, _ in alerts:
        per_rule[rule] = per_rule.get(rule, 0) + 1
    assert per_rule == {"NATO": expected["nato"], **({"Crimea": expected["crimea"]} if expected["crimea"] else {})}
    for host in hosts:
        host.check_politeness(delay)


def test_worker_and_scheduler_ingest_local_feeds(tmp_path: Path, make_config, postgres_url: str,
                                                 hosts: list[Host]) -> None:
    """A worker and a scheduler as processes: six feeds stored, alerts in `monitor alerts` and in the
    alert log (the periodic flush), each feed fetched once in its interval, and a failing feed left in
    its back-off (the stored next fetch time), not fetched again at every scheduler pass."""
    import json

    cluster, expected = _cluster(tmp_path, make_config, postgres_url, hosts[:2], 6, extra_sources=[
        {"name": "broken", "kind": "feed", "url": f"{hosts[1].base}/missing.xml", "interval": "1m",
         "allow_private": True}])
    try:
        cluster.worker("worker-1")
        cluster.scheduler()
        cluster.wait_fetched(6, timeout=60)
        began = time.monotonic()
        while time.monotonic() - began < 20 and (
                cluster.query("SELECT count(*) FROM alerts WHERE logged_at IS NULL")[0][0]
                or not cluster.query("SELECT 1 FROM fetches WHERE source = 'broken'")):
            time.sleep(0.2)
        time.sleep(2)  # four scheduler passes (--max-sleep 0.5): the broken feed is not due again
    finally:
        cluster.stop()
    assert cluster.procs["worker-1"].returncode == 0, cluster.log("worker-1")
    assert cluster.procs["scheduler"].returncode == 0, cluster.log("scheduler")
    _check_store(cluster, expected, hosts[:2], 0.05)
    fetched = sorted(path for host in hosts[:2] for path, _, _ in host.log)
    assert fetched == sorted([f"/feed/{i}.xml" for i in range(6)] + ["/missing.xml"])  # each once
    assert cluster.query("SELECT outcome FROM fetches WHERE source = 'broken'") == [("error",)]
    shown = run_monitor("--config", str(cluster.config), "alerts", "--limit", "100", "--json", timeout=60)
    assert shown.code == 0, shown.stderr
    rules = sorted(alert["rule"] for alert in json.loads(shown.stdout))
    assert rules == ["Crimea"] * 3 + ["NATO"] * 3
    logged = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert sorted(line["rule"] for line in logged) == rules


def test_distributed_500_feeds_four_workers_and_kill_9(tmp_path: Path, make_config, postgres_url: str,
                                                       hosts: list[Host]) -> None:
    """THE multi-process test: a scheduler and four workers, 500 feeds on eight loopback hosts; two
    workers are killed with SIGKILL mid-run and started again. Every item is stored once, every
    (rule, story) alerted once, and no host saw two requests at once or closer than host_delay."""
    cluster, expected = _cluster(tmp_path, make_config, postgres_url, hosts, 500)
    began = time.monotonic()
    try:
        for n in range(1, 5):
            cluster.worker(f"worker-{n}", concurrency=4)
        cluster.scheduler()
        cluster.wait_fetched(120, timeout=90)
        first_phase = time.monotonic() - began
        for name in ("worker-1", "worker-2"):
            cluster.procs[name].send_signal(signal.SIGKILL)
            cluster.procs[name].wait(timeout=10)
        killed_at = cluster.fetched()
        cluster.worker("worker-1b", concurrency=4)
        cluster.worker("worker-2b", concurrency=4)
        cluster.wait_fetched(500, timeout=150)  # 29-52 s measured while other suites shared the cores
        took = time.monotonic() - began
    finally:
        cluster.stop()
    assert killed_at < 500
    for name in ("worker-3", "worker-4", "worker-1b", "worker-2b", "scheduler"):
        assert cluster.procs[name].returncode == 0, (name, cluster.log(name))
    _check_store(cluster, expected, hosts, 0.05)
    print(f"500 feeds, 4 workers: {killed_at} fetched at {first_phase:.1f}s, two workers killed and started "
          f"again, all fetched at {took:.1f}s")


def _most_in_flight(hosts: list[Host]) -> int:
    """The most requests the servers were answering at one moment, over all hosts."""
    events = sorted([(start, 1) for host in hosts for _, start, _ in host.log]
                    + [(end, -1) for host in hosts for _, _, end in host.log], key=lambda event: (event[0], event[1]))
    most = current = 0
    for _, step in events:
        current += step
        most = max(most, current)
    return most


def test_default_concurrency_is_the_host_gates_sessions_within_max_fetches(make_config) -> None:
    from jobs.queue import default_concurrency
    from monitor.config import load_text
    from storage.postgres.hosts import MAX_CONNECTIONS

    assert default_concurrency(load_text("", "c.toml").settings) == MAX_CONNECTIONS == 32
    assert default_concurrency(load_text("[settings]\nmax_fetches = 3\nworkers = 8", "c.toml").settings) == 3


def test_a_worker_fetches_from_many_hosts_at_once_by_default(tmp_path: Path, make_config, postgres_url: str,
                                                             hosts: list[Host]) -> None:
    """One worker with its default --concurrency fetches from all eight hosts at once (a fetch waiting on
    its server holds no thread, so `workers`, 4 threads here, does not bound it), one request at a
    time per host."""
    for host in hosts:
        host.pause = 1.0
    cluster, expected = _cluster(tmp_path, make_config, postgres_url, hosts, 16, workers=4)
    try:
        cluster.worker("worker-1", concurrency=None)
        cluster.scheduler()
        cluster.wait_fetched(16, timeout=90)
    finally:
        cluster.stop()
    assert cluster.procs["worker-1"].returncode == 0, cluster.log("worker-1")
    _check_store(cluster, expected, hosts, 0.05)
    assert _most_in_flight(hosts) == len(hosts)
    assert "concurrency=32" in (tmp_path / "worker-1.log").read_text()


def test_scheduler_reload_on_sighup_and_refuses_a_broken_config(tmp_path: Path, make_config, postgres_url: str,
                                                               hosts: list[Host]) -> None:
    """SIGHUP: a source added to the config is fetched; a config that does not load is refused with its
    line in the log and the running one kept."""
    cluster, _ = _cluster(tmp_path, make_config, postgres_url, hosts[:1], 2)
    try:
        cluster.worker("worker-1")
        cluster.scheduler()
        cluster.wait_fetched(2, timeout=60)
        text = cluster.config.read_text()
        cluster.config.write_text(text + "\n[[sources]]\nbroken = 1\n")
        cluster.procs["scheduler"].send_signal(signal.SIGHUP)
        began = time.monotonic()
        while "reload refused" not in cluster.log("scheduler") and time.monotonic() - began < 10:
            time.sleep(0.1)
        assert "reload refused" in cluster.log("scheduler")
        hosts[0].pages["/feed/late.xml"] = rss("late", [(f"{hosts[0].base}/late/1", "A late NATO item", "NATO late")])
        cluster.config.write_text(text + f'\n[[sources]]\nname = "late"\nkind = "feed"\n'
                                         f'url = "{hosts[0].base}/feed/late.xml"\nallow_private = true\n')
        cluster.procs["scheduler"].send_signal(signal.SIGHUP)
        cluster.wait_fetched(3, timeout=60)
    finally:
        cluster.stop()
    assert cluster.procs["scheduler"].returncode == 0, cluster.log("scheduler")
    assert ("A late NATO item",) in cluster.query("SELECT title FROM items")
