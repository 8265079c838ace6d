"""Shared fixtures: config files in tmp_path, a real HTTP server on 127.0.0.1, the CLI as a subprocess,
a real PostgreSQL server (tests/postgres.py) with an empty database per test."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_630ecd446ba7c556.txt"
DATA = Path(__file__).resolve().parent / "data"

DEFAULT_RULES = """
[[rules]]
name = "Donbas"
terms = ["Donbas", "Donbass"]

[[rules]]
name = "NATO"
terms = ["NATO"]

[[rules]]
name = "Crimea"
terms = ["Crimea"]

[[rules]]
name = "Zelenskyy"
terms = ["Zelenskyy", "Zelensky", "Zelenskiy"]

[[rules]]
name = "Putin"
terms = ["Putin"]
"""


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class ConfigFactory:
    """Writes a config.toml in a temporary folder from Python values."""

    folder: Path

    def __call__(self, sources: list[dict] = (), rules: str | None = None, **settings: object) -> Path:
        values: dict[str, object] = {"database": str(self.folder / "monitor.db"),
                                     "alert_log": str(self.folder / "alerts.jsonl"),
                                     "host_delay": "0s", "alert_delay": "0s"}
        values.update(settings)
        lines = ["[settings]"] + [f"{k} = {toml_value(v)}" for k, v in values.items()]
        for source in sources:
            lines.append("\n[[sources]]")
            lines += [f"{k} = {toml_value(v)}" for k, v in source.items()]
        lines.append(DEFAULT_RULES if rules is None else rules)
        path = self.folder / "config.toml"
        path.write_text("\n".join(lines), encoding="utf-8")
        return path


@pytest.fixture
def make_config(tmp_path: Path) -> ConfigFactory:
    return ConfigFactory(tmp_path)


@dataclass
class Route:
    """What the test server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None  # full control when set


@dataclass
class FeedServer:
    """A real HTTP server on 127.0.0.1 serving scripted routes; records every request."""

    server: ThreadingHTTPServer
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", status: int = 200, content_type: str | None = None,
            **kwargs: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = dict(kwargs.pop("headers", {}) or {})
        if content_type:
            headers["Content-Type"] = content_type
        self.routes[path] = Route(status=status, body=data, headers=headers, **kwargs)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def _handler_class(routes: dict[str, Route], requests: list) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_POST(self) -> None:  # noqa: N802  (webhook receivers: the body is kept with the request)
            length = int(self.headers.get("Content-Length") or 0)
            headers = dict(self.headers)
            headers["body"] = self.rfile.read(length).decode("utf-8", "replace")
            requests.append((self.path, headers))
            route = routes.get(self.path) or Route(status=404, body=b"not found")
            if route.handler is not None:
                route.handler(self)
                return
            self.send_response(route.status)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def do_GET(self) -> None:  # noqa: N802
            requests.append((self.path, dict(self.headers)))
            route = routes.get(self.path)
            if route is None:
                route = Route(status=404, body=b"not found")
            if route.handler is not None:
                route.handler(self)
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.status != 304:
                self.wfile.write(route.body)

    return Handler


@pytest.fixture
def feed_server() -> FeedServer:
    routes: dict[str, Route] = {}
    requests: list = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(routes, requests))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield FeedServer(server, routes, requests)
    server.shutdown()
    server.server_close()


@dataclass
class Completed:
    code: int
    stdout: str
    stderr: str


def run_monitor(*args: str, cwd: Path | None = None, timeout: float = 120,
                env: dict[str, str] | None = None) -> Completed:
    """Run `python -m monitor ARGS` as a real subprocess (`env`: variables to set for it)."""
    extra = env or {}
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    env.pop("MONITOR_CONFIG", None)
    # Tables fit COLUMNS when it is set (pytest-xdist's workers have COLUMNS=80): a test that wants a
    # width says so; the others read full rows.
    env.pop("COLUMNS", None)
    env.update(extra)
    done = subprocess.run([sys.executable, "-m", "monitor", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    return Completed(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def fixed_clock() -> Callable[[], datetime]:
    moment = datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc)
    return lambda: moment


@dataclass
class Monitor:
    """A loaded config, its pipeline context and its store (a real SQLite file), as one process has them."""

    config: object
    ctx: object
    db: object  # storage.SQLiteStore: the Store protocol, plus execute() for looking at the file

    def ingest(self, name: str | None = None, **kwargs: object):
        """Run one configured source (the first one by default) through ingest_source."""
        from monitor.pipeline import ingest_source

        source = self.config.source(name) if name else self.config.sources[0]  # type: ignore[attr-defined]
        return ingest_source(self.db, source, self.ctx, **kwargs)

    def close(self) -> None:
        self.ctx.close()  # type: ignore[attr-defined]
        self.db.close()  # type: ignore[attr-defined]


@pytest.fixture
def open_monitor():
    """Factory: open_monitor(config_path, clock=…) → Monitor; everything opened is closed afterwards."""
    from monitor.config import load
    from monitor.pipeline import Context
    from storage import open_store

    opened: list[Monitor] = []

    def factory(config_path: Path, **context: object) -> Monitor:
        config = load(config_path)
        monitor = Monitor(config, Context.build(config, **context), open_store(config))
        opened.append(monitor)
        return monitor

    yield factory
    for monitor in opened:
        monitor.close()


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a PostgreSQL server: MONITOR_TEST_POSTGRES if set, else one started with pgserver
    for this test process (each pytest-xdist worker has its own) and stopped at the end."""
    import postgres  # tests/postgres.py; imported here so that tests without PostgreSQL need no psycopg

    with postgres.server(tmp_path_factory.mktemp("postgres")) as base:
        yield base


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """URL (postgresql://...) of a new, empty database on postgres_server, dropped after the test."""
    import postgres

    with postgres.fresh_database(postgres_server) as url:
        yield url
