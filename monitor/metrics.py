"""Prometheus metrics of the daemon, through prometheus_client; off unless settings.metrics_address is set.

The pipeline, the outbox and the scheduler report what happened through the small functions below
(`fetched`, `alerted`, `delivered`, `started_late`). Until `serve()` starts the endpoint they return
after one flag check, so `run --once`, `ingest` and a daemon without metrics pay nothing and keep
no series. prometheus_client objects never leave this module.

Labels are bounded by the config: sources, rules and targets by name, outcomes by their enum.
The histograms carry no label, so their series do not grow with the number of sources; each
fetch's own duration is in the `fetches` table.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import platform
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from prometheus_client import (GC_COLLECTOR, PLATFORM_COLLECTOR, PROCESS_COLLECTOR, CollectorRegistry, Counter,
                               Gauge, Histogram, Info, disable_created_metrics, start_http_server)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from monitor import __version__
from monitor.logs import fields
from monitor.models import FetchRecord

__all__ = ["Endpoint", "alerted", "delivered", "enabled", "fetched", "serve", "started_late"]

log = logging.getLogger(__name__)

# The *_created series would double every counter's series for a value nobody graphs.
disable_created_metrics()

REGISTRY = CollectorRegistry()
for _standard in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):  # process_*, python_*
    REGISTRY.register(_standard)

# A fetch is bounded by `deadline` (60 s by default) plus its wait for the host's turn (5 × deadline).
FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
# Runs start on time unless every worker is busy; the scheduler gives up on a run 300 s late.
LAG_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0)

FETCHES = Counter("monitor_fetches", "Fetches of a source, by outcome", ["source", "outcome"], registry=REGISTRY)
FETCH_DURATION = Histogram("monitor_fetch_duration_seconds", "How long a fetch took, from plan to commit",
                           buckets=FETCH_BUCKETS, registry=REGISTRY)
SCHEDULE_LAG = Histogram("monitor_schedule_lag_seconds",
                         "From a source's scheduled run time to the start of its fetch", buckets=LAG_BUCKETS,
                         registry=REGISTRY)
ITEMS = Counter("monitor_items", "Items a source delivered, by status (new, duplicate, updated)",
                ["source", "status"], registry=REGISTRY)
ALERTS = Counter("monitor_alerts", "Keyword alerts raised, by rule", ["rule"], registry=REGISTRY)
DELIVERIES = Counter("monitor_deliveries", "Notification sends, by target and outcome (sent, failed)",
                     ["target", "outcome"], registry=REGISTRY)
UP = Gauge("monitor_up", "1 while the daemon runs", registry=REGISTRY)
BUILD = Info("monitor_build", "Version of media-monitor and of Python", registry=REGISTRY)


class _StoreSize(Collector):
    """monitor_store_size_bytes, read from the file system on each scrape (a stat per file)."""

    def __init__(self) -> None:
        self.database: Path | None = None

    def collect(self) -> Iterator[Metric]:
        if self.database is None:
            return
        family = GaugeMetricFamily("monitor_store_size_bytes", "Size of the store's files (database, wal)",
                                   labels=["file"])
        for label, path in (("database", self.database), ("wal", Path(f"{self.database}-wal"))):
            try:
                size = os.stat(path).st_size
            except OSError:  # no write-ahead log between a TRUNCATE checkpoint and the next write
                size = 0
            family.add_metric([label], size)
        yield family


_STORE_SIZE = _StoreSize()
REGISTRY.register(_STORE_SIZE)

_on = False
_guard = threading.Lock()


def enabled() -> bool:
    """Whether this process reports metrics (its endpoint is serving)."""
    return _on


def fetched(record: FetchRecord) -> None:
    """Count one run of a source: its outcome, its duration, its items by status."""
    if not _on:
        return
    FETCHES.labels(record.source, record.outcome.value).inc()
    FETCH_DURATION.observe(record.duration_ms / 1000)
    for status, count in (("new", record.items_new), ("duplicate", record.items_duplicate),
                          ("updated", record.items_updated)):
        ITEMS.labels(record.source, status).inc(count)


def alerted(rules: Iterable[str]) -> None:
    """Count committed alerts, one rule name per alert."""
    if not _on:
        return
    for rule in rules:
        ALERTS.labels(rule).inc()


def delivered(target: str, ok: bool) -> None:
    """Count one notification send to a target and whether it went out."""
    if _on:
        DELIVERIES.labels(target, "sent" if ok else "failed").inc()


def started_late(scheduled: datetime, started: datetime) -> None:
    """Record how long after its scheduled run time a source's fetch started (early counts as 0)."""
    if _on:
        SCHEDULE_LAG.observe(max(0.0, (started - scheduled).total_seconds()))


class Endpoint:
    """The running /metrics server; close() stops it and turns reporting off."""

    def __init__(self, address: str, database: Path | None) -> None:
        global _on
        host, _, port = address.rpartition(":")
        bare = host.strip("[]")
        # Raises OSError (address in use, no such interface) before anything is switched on.
        self._server, self._thread = start_http_server(int(port), addr=bare, registry=REGISTRY)
        self.port = self._server.server_port
        with _guard:
            _STORE_SIZE.database = database
            BUILD.info({"version": __version__, "python": platform.python_version()})
            UP.set(1)
            _on = True
        if not _is_loopback(bare):
            log.warning("metrics endpoint has no authentication and is not on loopback %s",
                        fields(address=address))
        log.info("metrics served %s", fields(url=f"http://{host}:{self.port}/metrics"))

    def close(self) -> None:
        global _on
        with _guard:
            _on = False
            UP.set(0)
            _STORE_SIZE.database = None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def serve(address: str, database: Path | None) -> Endpoint:
    """Serve /metrics on HOST:PORT (as monitor.config checked it) and start reporting; OSError if it cannot listen.
    `database`: the SQLite file whose size to report (None: a PostgreSQL store, whose server reports its own)."""
    return Endpoint(address, database)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: whatever it resolves to, it was not written as loopback
        return False
