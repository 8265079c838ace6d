"""Delivery latency: from an alert's commit to its receipt at a real SMTP server and a real webhook.

How to run (from the repository root):

    .venv/bin/python bench/bench_deliver.py                  # 1,000 alerts at 50/s
    .venv/bin/python bench/bench_deliver.py --burst          # then 1,000 more, committed at once
    .venv/bin/python bench/bench_deliver.py --alerts 200 --rate 10 --sender loop   # a quick run

What it does: in this one process, an SMTP server (aiosmtpd) and a webhook receiver
(http.server's ThreadingHTTPServer) on 127.0.0.1 note `time.time()` at each receipt, with the
item number found in the mail's Subject and the webhook's JSON title, and the webhook's
Idempotency-Key header. A config in a temporary folder has one rule (one term) and two instant
targets: `mailto://` to the SMTP server and `json://` to the receiver. A real SQLite store, a
Context, and a sender thread with its own store on the same file run `monitor.outbox.work_outbox`
as the daemon's notify job does (`--sender daemon`: `run_for` 29 s, restarted on a 30 s grid, a
tick skipped while a run is still going; `--sender loop`: one run for the whole phase). The main
thread commits `--alerts` synthetic articles (bench/_synthetic.py; analysed before the clock
starts, as collect does) through `monitor.pipeline.store_items`, `--per-document` items per
document, at `--rate` alerts/s, and notes `time.time()` as each call returns. Each article names
the term once: one alert, two deliveries. Latency = receipt − commit, per (alert, target).

`--burst` adds a second phase on a fresh database: the same number of alerts committed as fast as
possible. Its figures are bounded by how fast each target can take messages (mail: an SMTP
connection per message), not by how soon the sender wakes.

What it prints, per phase: per target and overall, received, duplicates, lost, latency p50 / p95 /
max, the wait before `deliver.send` was called and the send itself (p50 / p95), the rate of
receipts; the ratio p95 / 2 s against the target (instant targets, p95 under 2 s) with met or
MISSED; then where the sender's time went (passes of work_outbox, plan_due, the sender store's
outbox calls, mean `deliver.send` per target, the daemon job's skipped ticks and idle gaps). Lost = a (alert, target) pair with no receipt
`--timeout` seconds after the last commit. It exits 1 when anything is lost or received twice.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import socket
import ssl
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _synthetic import Lexicon, Writer, make_item  # noqa: E402

import monitor.deliver  # noqa: E402
import monitor.outbox  # noqa: E402
from jobs.maintenance import DELIVER_EVERY_SECONDS, DELIVER_RUNS_FOR_SECONDS  # noqa: E402
from monitor.analysis import analyse  # noqa: E402
from monitor.collect import Context  # noqa: E402
from monitor.config import load  # noqa: E402
from monitor.models import AnalysedItem  # noqa: E402
from monitor.outbox import OUTBOX_CHANGED, work_outbox  # noqa: E402
from monitor.pipeline import store_items  # noqa: E402
from storage import SQLiteStore, open_store  # noqa: E402

TARGET_P95 = 2.0
TERM = "Quillfeather"  # one rule, one term no generated word collides with
TARGETS = ("mail", "webhook")
_NUMBER = re.compile(r"Bench alert (\d+)")


# --- the receivers ------------------------------------------------------------------------------

@dataclass
class Receipts:
    """What the two servers received: (time, target, item number or None, idempotency key)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    got: list[tuple[float, str, int | None, str | None]] = field(default_factory=list)

    def add(self, target: str, text: str, key: str | None) -> None:
        """One message: an entry per alert it carries (a folded message lists several)."""
        at = time.time()
        numbers = sorted({int(found) for found in _NUMBER.findall(text)})
        with self.lock:
            for number in numbers or [None]:  # type: ignore[list-item]
                self.got.append((at, target, number, key))

    def snapshot(self) -> list[tuple[float, str, int | None, str | None]]:
        with self.lock:
            return list(self.got)


def free_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def start_smtp(receipts: Receipts) -> tuple[Any, int]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that notes each message's arrival; (controller, port)."""
    from aiosmtpd.controller import Controller

    class Note:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802  (aiosmtpd's name)
            mail = message_from_bytes(envelope.content, policy=policy.default)
            body = mail.get_body(("plain", "html"))
            receipts.add("mail", f"{mail['Subject'] or ''}\n{body.get_content() if body else ''}", None)
            return "250 OK"

    port = free_port()
    controller = Controller(Note(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port


def start_webhook(receipts: Receipts) -> ThreadingHTTPServer:
    """A webhook receiver on 127.0.0.1 (Apprise json:// posts) that notes each post's arrival."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                posted = json.loads(body)
                text = f"{posted.get('title', '')}\n{posted.get('message', '')}"
            except ValueError:
                text = ""
            receipts.add("webhook", text, self.headers.get("Idempotency-Key"))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="webhook").start()
    return server


# --- the sender, timed -------------------------------------------------------------------------

@dataclass
class SenderStats:
    """Timers wrapped around the sender's steps (summed over the phase): plan_due, deliver.send and
    the sender store's calls. Only names every version of monitor.outbox has are wrapped."""

    passes: int = 0  # calls of plan_due: one per pass of work_outbox
    plan_s: float = 0.0
    sends: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # target → durations
    send_started: dict[str, float] = field(default_factory=dict)  # idempotency key → time.time()
    store_calls: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0, 0.0]))
    runs: int = 0
    skipped_ticks: int = 0
    idle_s: float = 0.0  # time with no work_outbox running (between the daemon's job runs)
    lock: threading.Lock = field(default_factory=threading.Lock)


_STORE_CALLS = ("targets_with_unsent", "unsent_deliveries", "queue_plan", "due_messages", "mark_sent",
                "next_outbox_time", "recent_messages")


def instrument(stats: SenderStats, urls_target: dict[str, str]) -> Callable[[], None]:
    """Wrap plan_due and deliver.send with timers; returns the function that unwraps them."""
    plan_due, send = monitor.outbox.plan_due, monitor.deliver.send

    def timed_plan(*args: Any, **kwargs: Any) -> int:
        began = time.perf_counter()
        try:
            return plan_due(*args, **kwargs)
        finally:
            stats.passes += 1
            stats.plan_s += time.perf_counter() - began

    def timed_send(urls: tuple[str, ...], title: str, body: str, key: str | None = None) -> str | None:
        began = time.perf_counter()
        if key:
            stats.send_started.setdefault(key, time.time())
        try:
            return send(urls, title, body, key=key)
        finally:
            with stats.lock:
                stats.sends[urls_target.get(urls[0], "?")].append(time.perf_counter() - began)

    monitor.outbox.plan_due, monitor.deliver.send = timed_plan, timed_send

    def undo() -> None:
        monitor.outbox.plan_due, monitor.deliver.send = plan_due, send
    return undo


def time_store(store: Any, stats: SenderStats) -> None:
    """Time the outbox calls of the sender's own store object (this instance only)."""
    for name in _STORE_CALLS:
        method = getattr(store, name, None)
        if method is None:
            continue

        def timed(*args: Any, _method: Callable[..., Any] = method, _name: str = name, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return _method(*args, **kwargs)
            finally:
                entry = stats.store_calls[_name]
                entry[0] += 1
                entry[1] += time.perf_counter() - began
        setattr(store, name, timed)


def run_sender(ctx: Context, mode: str, stats: SenderStats) -> None:
    """The daemon's notify job (`daemon`: work_outbox for 29 s on a 30 s grid, a tick skipped while
    a run goes on) or one work_outbox for the whole phase (`loop`); each run opens its own store."""
    start = time.monotonic()
    tick = 0  # the grid tick the current run started at
    while not ctx.stop.is_set():
        store = open_store(ctx.config, migrate=False)
        time_store(store, stats)
        try:
            stats.runs += 1
            work_outbox(store, ctx, run_for=DELIVER_RUNS_FOR_SECONDS if mode == "daemon" else 1e9)
        finally:
            store.close()
        ended = time.monotonic()
        following = max(tick + 1, math.ceil((ended - start) / DELIVER_EVERY_SECONDS))
        stats.skipped_ticks += following - tick - 1  # APScheduler: max_instances reached, run skipped
        tick = following
        idle = start + tick * DELIVER_EVERY_SECONDS - ended
        if ctx.stop.wait(idle):
            break
        stats.idle_s += idle


# --- one phase ---------------------------------------------------------------------------------

@dataclass
class Phase:
    name: str
    commits: dict[int, float]  # item number → time.time() after its store_items returned
    alert_ids: dict[int, int]  # item number → alert id
    commit_s: float
    receipts: list[tuple[float, str, int | None, str | None]]
    stats: SenderStats
    pending: list[tuple[str, int, int]]  # (target, messages pending, failing) from the store


def write_config(folder: Path, smtp_port: int, hook_port: int) -> Path:
    path = folder / "config.toml"
    (folder / "bench.txt").write_text("placeholder\n", encoding="utf-8")
    path.write_text(f"""[settings]
database = "{folder / 'monitor.db'}"
alert_log = "{folder / 'alerts.jsonl'}"
alert_delay = "0s"
host_delay = "0s"

[[sources]]
name = "bench"
kind = "text"
path = "{folder / 'bench.txt'}"
enabled = false

[[rules]]
name = "Bench"
terms = ["{TERM}"]

[[notify]]
name = "mail"
urls = ["mailto://127.0.0.1:{smtp_port}?from=monitor@example.org&to=desk@example.org"]

[[notify]]
name = "webhook"
urls = ["json://127.0.0.1:{hook_port}/hook"]
""", encoding="utf-8")
    return path


def articles(count: int, first: int, seed: int, ctx: Context) -> list[AnalysedItem]:
    """`count` distinct articles (about 150 words) naming TERM once, analysed as collect would."""
    writer = Writer(Lexicon(), seed=seed)
    now = ctx.clock()
    done = []
    for n in range(first, first + count):
        title, summary, body = writer.article(150, extra=[TERM])
        item = make_item(f"Bench alert {n:06d}: {title}", summary, body, n, source="bench", when=now)
        done.append(analyse(item, ctx.compiled))
    return done


def run_phase(name: str, folder: Path, smtp_port: int, hook_port: int, receipts: Receipts, args: argparse.Namespace,
              first: int, rate: float | None) -> Phase:
    """Commit `args.alerts` alerts (at `rate` per second, or at once), wait for their receipts."""
    folder.mkdir()
    config = load(write_config(folder, smtp_port, hook_port))
    ctx = Context.build(config)
    store = open_store(config)
    assert isinstance(store, SQLiteStore)  # write_config names a database file; its alerts are read with SQL below
    store.sync_sources(config.sources, ctx.clock())
    batch = articles(args.alerts, first, args.seed + first, ctx)
    documents = [batch[i:i + args.per_document] for i in range(0, len(batch), args.per_document)]
    numbers = [[first + i + j for j in range(len(document))]
               for i, document in zip(range(0, len(batch), args.per_document), documents)]
    stats = SenderStats()
    urls_target = {target.urls[0]: target.name for target in config.targets}
    undo = instrument(stats, urls_target)
    sender = threading.Thread(target=run_sender, args=(ctx, args.sender, stats), name="sender", daemon=True)
    OUTBOX_CHANGED.clear()
    sender.start()
    time.sleep(0.2)  # the sender's first (empty) pass, as a running daemon would have done long ago

    commits: dict[int, float] = {}
    began = time.monotonic()
    for index, document in enumerate(documents):
        if rate:
            due = began + index * len(document) / rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        results = store_items(store, document, ctx)
        at = time.time()
        for number, (_, alerts) in zip(numbers[index], results):
            if alerts:
                commits[number] = at
    commit_s = time.monotonic() - began

    expected = len(commits) * len(TARGETS)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        seen = {(t, n) for _, t, n, _ in receipts.snapshot() if n in commits}
        if len(seen) >= expected:
            break
        time.sleep(0.05)
    time.sleep(0.5)  # a late repeat would still be counted
    ctx.stop.set()
    OUTBOX_CHANGED.set()
    sender.join(timeout=60)
    undo()

    alert_ids = {int(_NUMBER.search(title).group(1)): alert_id  # type: ignore[union-attr]
                 for alert_id, title in store.execute(
                     "SELECT a.id, i.title FROM alerts a JOIN items i ON i.id = a.item_id").fetchall()}
    pending = [(s.target, s.pending, s.failing) for s in store.delivery_status()]
    store.close()
    ctx.close()
    mine = [r for r in receipts.snapshot() if r[2] is not None and first <= r[2] < first + args.alerts]
    return Phase(name, commits, alert_ids, commit_s, mine, stats, pending)


# --- the report --------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def report(phase: Phase, args: argparse.Namespace) -> tuple[int, int, float]:
    """Print a phase's figures; returns (lost, duplicates, overall p95)."""
    n_alerts = len(phase.commits)
    rate = n_alerts / phase.commit_s if phase.commit_s > 0 else float("inf")
    if n_alerts < args.alerts:  # an article placed in another's story adds a copy, not an alert
        print(f"\nwarning: only {n_alerts} of {args.alerts} articles raised an alert")
    print(f"\n{phase.name}: {n_alerts} alerts committed in {phase.commit_s:.2f} s ({rate:,.1f} alerts/s), "
          f"{args.per_document} item(s) per document, 2 instant targets, sender: {args.sender}")
    first: dict[tuple[str, int], float] = {}
    counts: dict[tuple[str, int], int] = defaultdict(int)
    bad_keys = 0
    for at, target, n, key in phase.receipts:
        assert n is not None
        counts[(target, n)] += 1
        first[(target, n)] = min(at, first.get((target, n), at))
        if target == "webhook" and key and key.startswith("alert-") and key != f"alert-{phase.alert_ids.get(n)}-webhook":
            bad_keys += 1
    lost = dups = 0
    overall: list[float] = []
    print(f"  {'target':<9}{'received':>9}{'dup':>5}{'lost':>6}{'p50 s':>9}{'p95 s':>9}{'max s':>9}"
          f"{'wait p50/p95 s':>17}{'send p50/p95 s':>17}{'recv/s':>9}")
    for target in (*TARGETS, "all"):
        names = TARGETS if target == "all" else (target,)
        lat, wait, send = [], [], []
        got = dup = missing = 0
        times = []
        for name in names:
            for n, committed in phase.commits.items():
                c = counts.get((name, n), 0)
                if not c:
                    missing += 1
                    continue
                got += c
                dup += c - 1
                lat.append(first[(name, n)] - committed)
                times.append(first[(name, n)])
                started = phase.stats.send_started.get(f"alert-{phase.alert_ids.get(n)}-{name}")
                if started is not None:
                    wait.append(started - committed)
                    send.append(first[(name, n)] - started)
        span = (max(times) - min(phase.commits.values())) if times else 0.0
        if target == "all":
            lost, dups, overall = missing, dup, lat
        print(f"  {target:<9}{got:>9}{dup:>5}{missing:>6}{pct(lat, .5):>9.3f}{pct(lat, .95):>9.3f}"
              f"{max(lat, default=float('nan')):>9.3f}{pct(wait, .5):>9.3f}/{pct(wait, .95):<7.3f}"
              f"{pct(send, .5):>9.3f}/{pct(send, .95):<7.3f}{(len(times) / span if span else 0):>9.1f}")
    p95 = pct(overall, .95)
    verdict = "met" if p95 < TARGET_P95 else "MISSED"
    per_message: dict[tuple[float, str, str | None], int] = defaultdict(int)
    for at, target, _, key in phase.receipts:
        per_message[(at, target, key)] += 1
    folded = [c for c in per_message.values() if c > 1]
    print(f"  messages received {len(per_message)} ({len(folded)} folded, carrying {sum(folded)} alerts: "
          f"notify.FOLD_AFTER); alerts received {sum(counts.values())}, duplicates {dups}, lost {lost}"
          + (f", webhook keys not matching the alert {bad_keys}" if bad_keys else ""))
    print(f"  p95 / {TARGET_P95:.0f} s target: {p95 / TARGET_P95:.2f} (p95 {p95:.3f} s; target p95 < {TARGET_P95:.0f} s: "
          f"{verdict})")
    s = phase.stats
    means = ", ".join(f"{t} {statistics.mean(v) * 1000:.1f} ms × {len(v)} (≈ {1 / statistics.mean(v):.0f} messages/s "
                      f"on its one thread)" for t, v in sorted(s.sends.items()))
    calls = ", ".join(f"{name} {seconds:.2f} s × {count}" for name, (count, seconds)
                      in sorted(s.store_calls.items(), key=lambda kv: -kv[1][1]))
    print(f"  sender: {s.passes} passes (plan_due calls), plan_due {s.plan_s:.2f} s in all; store calls: {calls}")
    print(f"  deliver.send mean: {means or 'none'}")
    if args.sender == "daemon":
        print(f"  notify job runs {s.runs}, ticks skipped (a run still going) {s.skipped_ticks}, "
              f"sender idle between runs {s.idle_s:.1f} s")
    if lost or any(p for _, p, _ in phase.pending):
        print("  store: " + ", ".join(f"{t} pending {p} failing {f}" for t, p, f in phase.pending))
    return lost, dups, p95


def tls_context_ms() -> float:
    """What one ssl.create_default_context() costs here (Apprise makes one per SMTP connection)."""
    began = time.perf_counter()
    for _ in range(10):
        ssl.create_default_context()
    return (time.perf_counter() - began) / 10 * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alerts", type=int, default=1000, help="alerts per phase (default 1000)")
    parser.add_argument("--rate", type=float, default=50.0, help="alerts committed per second (default 50)")
    parser.add_argument("--per-document", type=int, default=1, help="items per document, one transaction each")
    parser.add_argument("--burst", action="store_true", help="then a phase with every alert committed at once")
    parser.add_argument("--sender", choices=("daemon", "loop"), default="daemon",
                        help="daemon: the notify job's 29 s runs on a 30 s grid; loop: one run per phase")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds after the last commit before "
                                                                    "a missing receipt counts as lost")
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    receipts = Receipts()
    controller, smtp_port = start_smtp(receipts)
    webhook = start_webhook(receipts)
    folder = Path(tempfile.mkdtemp(prefix="bench_deliver_"))
    failed = False
    try:
        print(f"bench_deliver: SMTP 127.0.0.1:{smtp_port} (aiosmtpd), webhook 127.0.0.1:{webhook.server_address[1]}, "
              f"{args.alerts} alerts per phase, one rule, targets mail + webhook (instant)")
        phases = [("steady", args.rate)] + ([("burst", None)] if args.burst else [])
        for index, (name, rate) in enumerate(phases):
            phase = run_phase(name, folder / name, smtp_port, webhook.server_address[1], receipts, args,
                              first=index * 100_000, rate=rate)
            lost, dups, _ = report(phase, args)
            failed = failed or bool(lost or dups)
        print(f"\nnote: ssl.create_default_context() costs {tls_context_ms():.1f} ms here; Apprise's mailto "
              f"opens one per SMTP connection, even without TLS")
    finally:
        controller.stop()
        webhook.shutdown()
        if args.keep:
            print(f"kept {folder}")
        else:
            import shutil
            shutil.rmtree(folder, ignore_errors=True)
    if failed:
        print("FAIL: a message was lost or received twice")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
