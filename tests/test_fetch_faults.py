"""The fault matrix: every way an HTTP server can misbehave, through ingest_source and a real server.

Each case runs a faulty feed source beside a healthy one in the same config and the same loop, then
checks the FetchRecord, the row in `fetches`, the faulty source's state in `sources`, and that the
healthy source stored its items as if nothing had happened.
"""

from __future__ import annotations

import resource
import socket
import threading
from http.server import ThreadingHTTPServer
import time
import tracemalloc
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Callable, Iterator

import pytest

from conftest import FeedServer, _handler_class, run_monitor
from monitor import sources as kinds
from monitor.config import load
from monitor.models import Outcome
from monitor.pipeline import Context, ingest_source
from storage import open_store

CONTACT = "ops@example.org"
INTERVAL = 600.0  # the faulty source's interval: "10m"
DAY = 86_400.0
LAST_MODIFIED = "Mon, 10 Jan 2022 09:00:00 GMT"
ETAG = '"v1"'


def rss(*items: tuple[str, str], encoding: str | None = "utf-8", extra: str = "") -> str:
    decl = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else '<?xml version="1.0"?>'
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"false\">{link}</guid>"
        f"<pubDate>Mon, 10 Jan 2022 09:00:00 +0000</pubDate>"
        f"<description>Report number {n} from the desk about {title}.</description></item>"
        for n, (title, link) in enumerate(items))
    return f"{decl}<rss version=\"2.0\"><channel><title>Desk</title>{extra}{body}</channel></rss>"


HEALTHY = rss(("Healthy one: talks in Geneva", "https://healthy.example.org/1"),
              ("Healthy two: talks in Vienna", "https://healthy.example.org/2"))
FAULTY = rss(("Faulty one: talks in Brussels", "https://faulty.example.org/1"),
             ("Faulty two: talks in Warsaw", "https://faulty.example.org/2"))
RSS_TYPE = "application/rss+xml"


def _gzip_bomb(megabytes: int = 50) -> bytes:
    """~50 MB of zeros, gzip level 9, compressed in 1 MB steps so building it stays small."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(megabytes)]
    parts.append(packer.flush())
    return b"".join(parts)


GZIP_BOMB = _gzip_bomb()


@dataclass
class Env:
    """What a case's setup and extra check see."""

    server: FeedServer
    release: threading.Event = field(default_factory=threading.Event)  # ends lingering handlers
    parses: Counter = field(default_factory=Counter)
    memory_peak: int = 0
    rss_growth_kb: int = 0


@dataclass
class Round:
    """One pass over both sources."""

    records: dict
    before: dict  # source → time just before its ingest
    after: dict
    next_fetch: dict  # source → stored next_fetch_at after the round
    elapsed: dict  # source → seconds the ingest took


@dataclass
class Case:
    id: str
    setup: Callable[[Env], dict]  # → the faulty source's keys (url, max_bytes …)
    outcome: Outcome
    status: int | None
    error: str | None  # a substring of the error; None: no error
    failures: int = 0
    next_in: tuple[float, float] = (INTERVAL, INTERVAL)  # seconds after the last attempt
    rounds: int = 1
    items: int = 0  # faulty items stored in the end
    items_seen: int = 0  # on the last round
    warning: str | None = None
    effective: str | None = None  # a path on the server, or None
    gone: bool = False
    etag: str | None = None
    last_modified: str | None = None
    check: Callable[[Env, list[Round], object], None] | None = None
    measure_memory: bool = False


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """conftest's feed_server (same handler, same API) with a 50 ms shutdown poll instead of 0.5 s.

    serve_forever's default poll makes each teardown wait ~0.5 s, which across this matrix would
    add about 15 s to the file.
    """
    routes: dict = {}
    requests: list = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(routes, requests))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield FeedServer(server, routes, requests)
    server.shutdown()
    server.server_close()


# --- handlers for the raw cases -----------------------------------------------------------------

def _conditional(env: Env, body: str) -> Callable:
    """A server that honours If-None-Match / If-Modified-Since."""
    data = body.encode("utf-8")

    def handler(h) -> None:
        headers = {k.lower(): v for k, v in h.headers.items()}
        if headers.get("if-none-match") == ETAG or headers.get("if-modified-since") == LAST_MODIFIED:
            h.send_response(304)
            h.send_header("ETag", ETAG)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", RSS_TYPE)
        h.send_header("ETag", ETAG)
        h.send_header("Last-Modified", LAST_MODIFIED)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return handler


def _silent(env: Env) -> Callable:
    """Accepts the connection, reads the request, never answers (until the test ends)."""
    def handler(h) -> None:
        env.release.wait(5)
        h.close_connection = True

    return handler


def _drip_body(env: Env) -> Callable:
    """Headers at once, then one byte every 0.3 s, for well past the deadline."""
    def handler(h) -> None:
        h.close_connection = True
        try:
            h.send_response(200)
            h.send_header("Content-Type", RSS_TYPE)
            h.send_header("Content-Length", "1000")
            h.end_headers()
            h.wfile.flush()
            for _ in range(20):
                if env.release.wait(0.3):
                    return
                h.wfile.write(b" ")
                h.wfile.flush()
        except OSError:
            pass

    return handler


def _drip_headers(env: Env) -> Callable:
    """The status line, then the headers one byte every 0.3 s, for well past the deadline."""
    def handler(h) -> None:
        h.close_connection = True
        try:
            h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Slow: ")
            h.wfile.flush()
            for _ in range(11):  # 3.3 s, past the 2 s deadline
                if env.release.wait(0.3):
                    return
                h.wfile.write(b"a")
                h.wfile.flush()
            data = FAULTY.encode()
            h.wfile.write(b"\r\nContent-Length: " + str(len(data)).encode() + b"\r\n\r\n" + data)
            h.wfile.flush()
        except OSError:
            pass

    return handler


def _truncated(env: Env) -> Callable:
    data = FAULTY.encode()[:200]

    def handler(h) -> None:
        h.close_connection = True
        h.send_response(200)
        h.send_header("Content-Type", RSS_TYPE)
        h.send_header("Content-Length", "5000")
        h.end_headers()
        h.wfile.write(data)
        h.wfile.flush()

    return handler


def _no_length(body: bytes) -> Callable:
    """A body delimited by closing the connection (no Content-Length, no chunking)."""
    def handler(h) -> None:
        h.close_connection = True
        h.send_response(200)
        h.send_header("Content-Type", RSS_TYPE)
        h.send_header("Connection", "close")
        h.end_headers()
        try:
            h.wfile.write(body)
            h.wfile.flush()
        except OSError:
            pass

    return handler


# --- case setups -------------------------------------------------------------------------------

def ok_200(env: Env) -> dict:
    return {"url": env.server.add("/feed.xml", FAULTY, content_type=RSS_TYPE,
                                  headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})}


def check_200(env: Env, rounds: list[Round], db) -> None:
    headers = {k.lower(): v for k, v in env.server.requests[0][1].items()}
    assert env.server.requests[0][0] == "/feed.xml"
    assert "media-monitor" in headers["user-agent"] and CONTACT in headers["user-agent"]
    assert "if-none-match" not in headers and "if-modified-since" not in headers
    assert env.parses["faulty"] == 1


def conditional(env: Env) -> dict:
    return {"url": env.server.add("/cond.xml", handler=_conditional(env, FAULTY))}


def check_conditional(env: Env, rounds: list[Round], db) -> None:
    first, second = rounds[0].records["faulty"], rounds[1].records["faulty"]
    assert (first.outcome, first.items_new) == (Outcome.OK, 2)
    assert (second.outcome, second.items_new, second.http_status) == (Outcome.NOT_MODIFIED, 0, 304)
    sent = [{k.lower(): v for k, v in h.items()} for p, h in env.server.requests if p == "/cond.xml"]
    assert len(sent) == 2
    assert sent[1]["if-none-match"] == ETAG and sent[1]["if-modified-since"] == LAST_MODIFIED
    assert env.parses["faulty"] == 1, "a 304 must not be parsed"


def same_bytes(env: Env) -> dict:
    # A server that ignores the validators and sends the very same bytes again.
    return {"url": env.server.add("/same.xml", FAULTY, content_type=RSS_TYPE, headers={"ETag": ETAG})}


def check_same_bytes(env: Env, rounds: list[Round], db) -> None:
    sent = [{k.lower(): v for k, v in h.items()} for p, h in env.server.requests if p == "/same.xml"]
    assert len(sent) == 2 and sent[1]["if-none-match"] == ETAG
    assert env.parses["faulty"] == 1, "identical bytes must not be parsed again"


def moved(status: int, old: str, new: str) -> Callable[[Env], dict]:
    def setup(env: Env) -> dict:
        env.server.add(new, FAULTY, content_type=RSS_TYPE)
        return {"url": env.server.add(old, status=status, headers={"Location": new})}

    return setup


def check_moved(old: str, new: str, permanent: bool) -> Callable:
    def check(env: Env, rounds: list[Round], db) -> None:
        assert rounds[0].records["faulty"].outcome is Outcome.OK
        assert rounds[0].records["faulty"].items_new == 2
        if permanent:  # the second run goes straight to the new location
            assert (env.server.hits(old), env.server.hits(new)) == (1, 2)
            assert rounds[1].records["faulty"].location == env.server.url(new)
        else:
            assert (env.server.hits(old), env.server.hits(new)) == (2, 2)
            assert rounds[1].records["faulty"].location == env.server.url(old)

    return check


def loop(env: Env) -> dict:
    env.server.add("/loop-b", status=301, headers={"Location": "/loop-a"})
    return {"url": env.server.add("/loop-a", status=301, headers={"Location": "/loop-b"})}


def status(code: int, headers: dict | None = None, body: str = "") -> Callable[[Env], dict]:
    def setup(env: Env) -> dict:
        return {"url": env.server.add(f"/status-{code}", body, status=code, headers=headers or {})}

    return setup


def http_date_in(seconds: float) -> Callable[[Env], dict]:
    def setup(env: Env) -> dict:
        when = datetime.now(timezone.utc) + timedelta(seconds=seconds)
        return {"url": env.server.add("/status-429", status=429,
                                      headers={"Retry-After": format_datetime(when, usegmt=True)})}

    return setup


def check_gone(env: Env, rounds: list[Round], db) -> None:
    config_path = env.server.config_path  # type: ignore[attr-defined]
    done = run_monitor("sources", "--config", str(config_path))
    assert done.code == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("faulty"))
    assert "GONE since" in line
    healthy = next(line for line in done.stdout.splitlines() if line.startswith("healthy"))
    assert "GONE" not in healthy


def check_growing_backoff(env: Env, rounds: list[Round], db) -> None:
    delays = [(r.next_fetch["faulty"] - r.before["faulty"]).total_seconds() for r in rounds]
    for n, delay in enumerate(delays, start=1):
        base = INTERVAL * 2 ** (n - 1)
        assert base * 0.8 - 1 <= delay <= base * 1.2 + 1, (n, delays)
    assert delays[0] < delays[1] < delays[2]
    assert [r.records["faulty"].outcome for r in rounds] == [Outcome.ERROR] * 3


def silent(env: Env) -> dict:
    return {"url": env.server.add("/silent.xml", handler=_silent(env))}


def check_fast(limit: float) -> Callable:
    def check(env: Env, rounds: list[Round], db) -> None:
        assert rounds[-1].elapsed["faulty"] < limit, rounds[-1].elapsed

    return check


def drip_body(env: Env) -> dict:
    return {"url": env.server.add("/drip.xml", handler=_drip_body(env))}


def drip_headers(env: Env) -> dict:
    return {"url": env.server.add("/drip-headers.xml", handler=_drip_headers(env))}


def truncated(env: Env) -> dict:
    return {"url": env.server.add("/truncated.xml", handler=_truncated(env))}


BIG = rss(*((f"Big item {n} about the border", f"https://faulty.example.org/big/{n}") for n in range(60)))


def oversized(env: Env) -> dict:
    assert len(BIG.encode()) > 5000
    return {"url": env.server.add("/big.xml", BIG, content_type=RSS_TYPE), "max_bytes": 2000}


def oversized_no_length(env: Env) -> dict:
    return {"url": env.server.add("/big-stream.xml", handler=_no_length(BIG.encode())), "max_bytes": 2000}


def gzip_bomb(env: Env) -> dict:
    return {"url": env.server.add("/bomb.xml", GZIP_BOMB, content_type=RSS_TYPE,
                                  headers={"Content-Encoding": "gzip"}),
            "max_bytes": 1_000_000}


def check_bomb(env: Env, rounds: list[Round], db) -> None:
    assert env.memory_peak < 16_000_000, f"peak {env.memory_peak} bytes allocated while refusing a bomb"
    assert env.rss_growth_kb < 40_000, f"process grew by {env.rss_growth_kb} kB"


BROKEN_XML = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
    "<item><title>Broken one & unescaped</title><link>https://faulty.example.org/1</link>"
    "<description>Talks in Brussels went on.</description></item>"
    "<item><title>Broken two</title><link>https://faulty.example.org/2</link>"
    "<description>Talks in Warsaw went on.</description></item></channel>")  # no </rss>


def broken_xml(env: Env) -> dict:
    return {"url": env.server.add("/broken.xml", BROKEN_XML, content_type=RSS_TYPE)}


def html_page(env: Env) -> dict:
    page = (f'<!DOCTYPE html><html><head><title>Desk</title>'
            f'<link rel="alternate" type="application/rss+xml" title="RSS" href="{env.server.url("/real.xml")}">'
            f"</head><body><h1>Desk</h1><p>Latest news.</p></body></html>")
    return {"url": env.server.add("/news", page, content_type="text/html; charset=utf-8")}


def check_html(env: Env, rounds: list[Round], db) -> None:
    assert env.server.url("/real.xml") in rounds[0].records["faulty"].error
    assert env.server.hits("/real.xml") == 0


UTF8_TITLE = "Zelenskyy’s visit to Київ"
CYRILLIC_TITLE = "Візит до Києва"


def latin1_header_utf8_body(env: Env) -> dict:
    body = rss((UTF8_TITLE, "https://faulty.example.org/zel"), ("Plain title", "https://faulty.example.org/p"))
    return {"url": env.server.add("/lies-latin1.xml", body.encode("utf-8"),
                                  content_type="application/rss+xml; charset=iso-8859-1")}


def utf8_header_cp1251_body(declared: str | None) -> Callable[[Env], dict]:
    def setup(env: Env) -> dict:
        body = rss((CYRILLIC_TITLE, "https://faulty.example.org/kyiv"),
                   ("Президент прибув до столиці", "https://faulty.example.org/p"), encoding=declared)
        return {"url": env.server.add("/lies-utf8.xml", body.encode("cp1251"),
                                      content_type="application/rss+xml; charset=utf-8")}

    return setup


def check_titles(*expected: str) -> Callable:
    def check(env: Env, rounds: list[Round], db) -> None:
        titles = {r[0] for r in db.execute(
            "SELECT i.title FROM items i JOIN item_sightings s ON s.item_id = i.id WHERE s.source = 'faulty'")}
        for title in expected:
            assert title in titles, titles

    return check


def refused_port(env: Env) -> dict:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return {"url": f"http://127.0.0.1:{port}/feed.xml"}


ONE_BACKOFF = (INTERVAL * 0.8, INTERVAL * 1.2)

CASES = [
    Case("200", ok_200, Outcome.OK, 200, None, items=2, items_seen=2, etag=ETAG,
         last_modified=LAST_MODIFIED, check=check_200),
    Case("304", conditional, Outcome.NOT_MODIFIED, 304, None, rounds=2, items=2, items_seen=0,
         etag=ETAG, last_modified=LAST_MODIFIED, check=check_conditional),
    Case("200-same-bytes", same_bytes, Outcome.UNCHANGED, 200, None, rounds=2, items=2, items_seen=0,
         etag=ETAG, check=check_same_bytes),
    Case("301", moved(301, "/old-301.xml", "/new-301.xml"), Outcome.UNCHANGED, 200, None, rounds=2, items=2,
         effective="/new-301.xml", check=check_moved("/old-301.xml", "/new-301.xml", True)),
    Case("308", moved(308, "/old-308.xml", "/new-308.xml"), Outcome.UNCHANGED, 200, None, rounds=2, items=2,
         effective="/new-308.xml", check=check_moved("/old-308.xml", "/new-308.xml", True)),
    Case("302", moved(302, "/old-302.xml", "/new-302.xml"), Outcome.UNCHANGED, 200, None, rounds=2, items=2,
         effective=None, check=check_moved("/old-302.xml", "/new-302.xml", False)),
    Case("redirect-loop", loop, Outcome.ERROR, None, "redirect loop", failures=1, next_in=ONE_BACKOFF),
    Case("404", status(404), Outcome.ERROR, 404, "HTTP 404 Not Found", failures=1, next_in=ONE_BACKOFF),
    Case("410", status(410), Outcome.GONE, 410, "HTTP 410 Gone", gone=True, next_in=(DAY, DAY),
         check=check_gone),
    Case("429-retry-after-seconds", status(429, {"Retry-After": "120"}), Outcome.RATE_LIMITED, 429,
         "retry after 120s", next_in=(120, 120)),
    Case("429-retry-after-date", http_date_in(300), Outcome.RATE_LIMITED, 429, "retry after",
         next_in=(297, 300)),
    Case("429-retry-after-huge", status(429, {"Retry-After": "99999999"}), Outcome.RATE_LIMITED, 429,
         "retry after 86400s", next_in=(DAY, DAY)),
    Case("429-retry-after-far-date", status(429, {"Retry-After": "Fri, 01 Jan 2100 00:00:00 GMT"}),
         Outcome.RATE_LIMITED, 429, "retry after 86400s", next_in=(DAY, DAY)),
    Case("503-retry-after", status(503, {"Retry-After": "60"}), Outcome.RATE_LIMITED, 503,
         "HTTP 503, retry after 60s", next_in=(60, 60)),
    Case("500-repeated", status(500), Outcome.ERROR, 500, "HTTP 500 Internal Server Error", rounds=3,
         failures=3, next_in=(INTERVAL * 4 * 0.8, INTERVAL * 4 * 1.2), check=check_growing_backoff),
    Case("never-answers", silent, Outcome.ERROR, None, "timed out (ReadTimeout)", failures=1,
         next_in=ONE_BACKOFF, check=check_fast(2.5)),
    Case("slow-drip-body", drip_body, Outcome.ERROR, None, "deadline of 2s passed",
         failures=1, next_in=ONE_BACKOFF, check=check_fast(3.0)),
    Case("truncated-body", truncated, Outcome.ERROR, None, "the server broke the connection", failures=1,
         next_in=ONE_BACKOFF),
    Case("oversized-content-length", oversized, Outcome.ERROR, None,
         f"body of {len(BIG.encode())} bytes is over the 2000-byte limit", failures=1, next_in=ONE_BACKOFF),
    Case("oversized-streamed", oversized_no_length, Outcome.ERROR, None, "body over the 2000-byte limit",
         failures=1, next_in=ONE_BACKOFF),
    Case("gzip-bomb", gzip_bomb, Outcome.ERROR, None,
         "body over the 1000000-byte limit after decompression", failures=1, next_in=ONE_BACKOFF,
         check=check_bomb, measure_memory=True),
    Case("invalid-xml-with-entries", broken_xml, Outcome.OK, 200, None, items=2, items_seen=2,
         warning="feed has problems but was read"),
    Case("html-instead-of-feed", html_page, Outcome.ERROR, 200,
         "this is an HTML page, not a feed; the page advertises a feed at", failures=1, next_in=ONE_BACKOFF,
         check=check_html),
    Case("charset-latin1-header-utf8-body", latin1_header_utf8_body, Outcome.OK, 200, None, items=2,
         items_seen=2, check=check_titles(UTF8_TITLE)),
    Case("charset-utf8-header-cp1251-body-declared", utf8_header_cp1251_body("windows-1251"), Outcome.OK,
         200, None, items=2, items_seen=2, check=check_titles(CYRILLIC_TITLE, "Президент прибув до столиці")),
    Case("charset-utf8-header-cp1251-body-undeclared", utf8_header_cp1251_body(None), Outcome.OK,
         200, None, items=2, items_seen=2, check=check_titles(CYRILLIC_TITLE, "Президент прибув до столиці")),
    Case("connection-refused", refused_port, Outcome.ERROR, None, "cannot connect: connection refused",
         failures=1, next_in=ONE_BACKOFF),
    Case("slow-drip-headers", drip_headers, Outcome.ERROR, None, "deadline", failures=1,
         next_in=ONE_BACKOFF, check=check_fast(3.0)),
]

def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _row(db, table: str, where: str, args: list) -> dict:
    cursor = db.execute(f"SELECT * FROM {table} WHERE {where}", args)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return rows[-1] if rows else {}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault_matrix(case: Case, make_config, feed_server, monkeypatch) -> None:
    env = Env(server=feed_server)
    original_parse = kinds.parse

    def counting_parse(doc):
        env.parses[doc.source] += 1
        return original_parse(doc)

    monkeypatch.setattr(kinds, "parse", counting_parse)
    healthy_url = feed_server.add("/healthy.xml", HEALTHY, content_type=RSS_TYPE)
    ctx = db = None
    try:
        faulty = {"name": "faulty", "kind": "feed", "interval": "10m", "allow_private": True, **case.setup(env)}
        path = make_config([faulty, {"name": "healthy", "kind": "feed", "url": healthy_url, "interval": "10m",
                                     "allow_private": True}],
                           timeout="1s", deadline="2s", contact=CONTACT)
        feed_server.config_path = path  # for checks that run the CLI
        config = load(path)
        ctx = Context.build(config)
        db = open_store(config.settings.database)
        rounds: list[Round] = []
        for _ in range(case.rounds):
            current = Round({}, {}, {}, {}, {})
            for source in config.sources:  # faulty first, then healthy, in one loop
                measure = case.measure_memory and source.name == "faulty"
                if measure:
                    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                    tracemalloc.start()
                current.before[source.name] = datetime.now(timezone.utc)
                began = time.monotonic()
                current.records[source.name] = ingest_source(db, source, ctx)
                current.elapsed[source.name] = time.monotonic() - began
                current.after[source.name] = datetime.now(timezone.utc)
                if measure:
                    env.memory_peak = tracemalloc.get_traced_memory()[1]
                    tracemalloc.stop()
                    env.rss_growth_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
                current.next_fetch[source.name] = _when(
                    _row(db, "sources", "name = ?", [source.name])["next_fetch_at"])
            rounds.append(current)

        last = rounds[-1]
        record = last.records["faulty"]
        # The FetchRecord.
        assert record.outcome is case.outcome, record
        assert record.http_status == case.status
        if case.error is None:
            assert record.error is None
        else:
            assert record.error is not None and case.error in record.error, record.error
            assert "\n" not in record.error and "\r" not in record.error
        assert record.items_seen == case.items_seen
        if case.warning:
            assert record.warning and case.warning in record.warning and "\n" not in record.warning
        # The fetches rows.
        rows = db.execute("SELECT outcome, http_status, items_seen, error, warning FROM fetches "
                          "WHERE source = 'faulty' ORDER BY id").fetchall()
        assert len(rows) == case.rounds
        assert rows[-1] == (case.outcome.value, case.status, case.items_seen, record.error, record.warning)
        if case.warning:
            assert case.warning in rows[-1][4]
        # The source's state.
        state = _row(db, "sources", "name = 'faulty'", [])
        assert state["consecutive_failures"] == case.failures
        assert state["last_outcome"] == case.outcome.value
        assert state["last_error"] == (record.error if case.error else None)
        next_at = _when(state["next_fetch_at"])
        low = last.before["faulty"] + timedelta(seconds=case.next_in[0] - 1.5)
        high = last.after["faulty"] + timedelta(seconds=case.next_in[1] + 1)
        assert low <= next_at <= high, (next_at, low, high)
        assert state["effective_url"] == (feed_server.url(case.effective) if case.effective else None)
        assert (state["gone_at"] is not None) == case.gone
        if case.gone:
            assert last.before["faulty"] - timedelta(seconds=1) <= _when(state["gone_at"]) <= last.after["faulty"]
        if case.etag is not None:
            assert state["etag"] == case.etag
        if case.last_modified is not None:
            assert state["last_modified"] == case.last_modified
        stored = db.execute("SELECT count(*) FROM item_sightings WHERE source = 'faulty'").fetchone()[0]
        assert stored == case.items
        # The healthy source beside it did not notice.
        healthy_records = [r.records["healthy"] for r in rounds]
        assert healthy_records[0].outcome is Outcome.OK and healthy_records[0].items_new == 2
        assert all(r.outcome in (Outcome.OK, Outcome.UNCHANGED) and r.error is None for r in healthy_records)
        healthy = _row(db, "sources", "name = 'healthy'", [])
        assert (healthy["consecutive_failures"], healthy["effective_url"], healthy["gone_at"]) == (0, None, None)
        assert db.execute("SELECT count(*) FROM item_sightings WHERE source = 'healthy'").fetchone()[0] == 2
        if case.check is not None:
            case.check(env, rounds, db)
    finally:
        env.release.set()
        if ctx is not None:
            ctx.close()
        if db is not None:
            db.close()


def test_rate_limit_does_not_count_as_a_failure_after_earlier_failures(make_config, feed_server) -> None:
    """A 429 after two 500s keeps the failure count at two (neither reset nor incremented)."""
    url = feed_server.add("/flaky.xml", status=500)
    path = make_config([{"name": "flaky", "kind": "feed", "url": url, "interval": "10m", "allow_private": True}],
                       timeout="1s", deadline="2s")
    config = load(path)
    ctx = Context.build(config)
    db = open_store(config.settings.database)
    try:
        for _ in range(2):
            ingest_source(db, config.sources[0], ctx)
        feed_server.add("/flaky.xml", status=429, headers={"Retry-After": "30"})
        before = datetime.now(timezone.utc)
        record = ingest_source(db, config.sources[0], ctx)
        assert record.outcome is Outcome.RATE_LIMITED
        failures, next_at = db.execute(
            "SELECT consecutive_failures, next_fetch_at FROM sources WHERE name = 'flaky'").fetchone()
        assert failures == 2
        assert before + timedelta(seconds=28) <= _when(next_at) <= before + timedelta(seconds=32)
        feed_server.add("/flaky.xml", FAULTY, content_type=RSS_TYPE)
        record = ingest_source(db, config.sources[0], ctx)
        assert record.outcome is Outcome.OK
        assert db.execute("SELECT consecutive_failures FROM sources WHERE name = 'flaky'").fetchone()[0] == 0
    finally:
        ctx.close()
        db.close()


# --- one host, a slow source and its neighbours ----------------------------------------------------

def _timed(body: str, arrivals: list[float]) -> Callable:
    """A healthy feed that notes when each request for it arrived."""
    data = body.encode()

    def handler(h) -> None:
        arrivals.append(time.monotonic())
        h.send_response(200)
        h.send_header("Content-Type", RSS_TYPE)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return handler


def _fetch_outcome(fetcher, url: str) -> str:
    try:
        fetcher.fetch_url(url, source="s", kind="feed", allow_private=True)
    except Exception as exc:  # noqa: BLE001 - the message is what the test looks at
        return str(exc)
    return "ok"


def test_a_slow_source_does_not_starve_its_neighbours_on_the_same_host(make_config, feed_server) -> None:
    """A feed that drips past its deadline holds its host; five fetches of a healthy feed on that host,
    started meanwhile, wait their turns without it counting against their deadlines: 5 of 5 succeed,
    one at a time and host_delay apart, and the slow one fails with its own deadline."""
    from concurrent.futures import ThreadPoolExecutor

    from monitor.fetch import Fetcher

    env = Env(server=feed_server)
    arrivals: list[float] = []
    slow_url = feed_server.add("/drip.xml", handler=_drip_body(env))
    healthy_url = feed_server.add("/healthy.xml", handler=_timed(HEALTHY, arrivals))
    settings = load(make_config([], timeout="1s", deadline="1s", host_delay="0.1s")).settings
    try:
        with Fetcher(settings) as fetcher, ThreadPoolExecutor(max_workers=6) as pool:
            began = time.monotonic()
            slow = pool.submit(_fetch_outcome, fetcher, slow_url)
            while feed_server.hits("/drip.xml") == 0 and time.monotonic() - began < 5:
                time.sleep(0.01)  # the slow request holds the host before its neighbours ask
            healthy = [pool.submit(_fetch_outcome, fetcher, healthy_url) for _ in range(5)]
            outcomes = [f.result(timeout=30) for f in healthy]
            slow_outcome = slow.result(timeout=30)
    finally:
        env.release.set()
    assert outcomes == ["ok"] * 5, outcomes
    assert slow_outcome.startswith(f"fetch: {slow_url}: deadline of 1s passed"), slow_outcome
    assert "\n" not in slow_outcome
    # One request at a time: none of the healthy ones went out before the slow one's deadline…
    assert min(arrivals) >= began + 1.0 - 0.05, (began, arrivals)
    # … and host_delay between them.
    ordered = sorted(arrivals)
    assert all(b - a >= 0.1 - 0.02 for a, b in zip(ordered, ordered[1:])), ordered


def test_waiting_for_a_busy_host_is_bounded_and_says_so(make_config, feed_server) -> None:
    """A request that drips its headers is cancelled at its deadline and frees its host then (the
    connection is closed: the exchange is over for the server too). Fetches queued behind such
    requests wait their turns apart from their deadlines, but only so long: the one whose turn
    would come after five deadlines gives up with a message that says it waited, not that it was
    slow itself."""
    from concurrent.futures import ThreadPoolExecutor

    from monitor.fetch import HOST_WAIT_DEADLINES, Fetcher

    env = Env(server=feed_server)
    stuck_url = feed_server.add("/drip-headers.xml", handler=_drip_headers(env))  # would hold the host ~3.3 s
    healthy_url = feed_server.add("/healthy.xml", HEALTHY, content_type=RSS_TYPE)
    # Each stuck turn takes the deadline and the pause after it: 0.5 + 1.0 s. The healthy fetch,
    # fourth in line, would have the host after 3.5 s, past its 2.5 s of waiting.
    settings = load(make_config([], timeout="1s", deadline="0.5s", host_delay="1s")).settings
    assert HOST_WAIT_DEADLINES * 0.5 < 3.0
    try:
        with Fetcher(settings) as fetcher, ThreadPoolExecutor(max_workers=4) as pool:
            began = time.monotonic()
            stuck = [pool.submit(_fetch_outcome, fetcher, stuck_url)]
            while feed_server.hits("/drip-headers.xml") == 0 and time.monotonic() - began < 5:
                time.sleep(0.01)
            for _ in range(2):
                stuck.append(pool.submit(_fetch_outcome, fetcher, stuck_url))
                time.sleep(0.1)  # each queues for the host before the next, the healthy one last
            waiting = pool.submit(_fetch_outcome, fetcher, healthy_url)
            outcome = waiting.result(timeout=30)
            stuck_outcomes = [future.result(timeout=30) for future in stuck]
    finally:
        env.release.set()
    assert outcome == (f"fetch: {healthy_url}: waited {HOST_WAIT_DEADLINES * 0.5:g}s ({HOST_WAIT_DEADLINES} × the "
                       "0.5s deadline) for this host's earlier requests to end; not fetched"), outcome
    assert feed_server.hits("/healthy.xml") == 0
    assert all("deadline of 0.5s passed" in stuck for stuck in stuck_outcomes), stuck_outcomes
    # Each stuck request went out once the one before it was cancelled and the pause was over: had
    # the first held the host while its server dripped (3.3 s), the others would have given up too.
    assert feed_server.hits("/drip-headers.xml") == 3


class _DroppingServer:
    """A raw HTTP/1.1 server on 127.0.0.1 that answers a connection's first request with a feed and
    keeps the connection open, then closes it without an answer when the next request arrives on it
    (a server letting an idle kept-alive connection go just as it is used again); with `answers=0` it
    closes every connection at its first request. Records when each request arrived."""

    def __init__(self, answers: int = 1) -> None:
        self.answers = answers
        self.arrivals: list[float] = []
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen()
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}/feed.xml"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        body = HEALTHY.encode()
        with conn, conn.makefile("rb") as reader:
            answered = 0
            while reader.readline():
                while reader.readline() not in (b"\r\n", b"\n", b""):
                    pass
                self.arrivals.append(time.monotonic())
                if answered >= self.answers:
                    return  # closed, no answer
                answered += 1
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                             b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def close(self) -> None:
        self._sock.close()


def test_a_kept_alive_connection_the_server_closed_as_it_was_used_is_asked_again_on_a_new_one(make_config) -> None:
    from monitor.fetch import Fetcher

    server = _DroppingServer()
    settings = load(make_config([], host_delay="0.2s")).settings
    try:
        with Fetcher(settings) as fetcher:
            outcomes = [_fetch_outcome(fetcher, server.url) for _ in range(3)]
    finally:
        server.close()
    assert outcomes == ["ok"] * 3, outcomes
    # Each later fetch went out on the kept-alive connection, was dropped, and was asked again a
    # host_delay later: five requests for three fetches, and never two closer than the host's pause.
    assert len(server.arrivals) == 5, server.arrivals
    assert all(b - a >= 0.2 - 0.02 for a, b in zip(server.arrivals, server.arrivals[1:])), server.arrivals


def test_a_server_that_drops_every_request_fails_the_fetch_after_one_more_try(make_config) -> None:
    from monitor.fetch import Fetcher

    server = _DroppingServer(answers=0)
    settings = load(make_config([], host_delay="0.1s")).settings
    try:
        with Fetcher(settings) as fetcher:
            outcome = _fetch_outcome(fetcher, server.url)
    finally:
        server.close()
    assert outcome == (f"fetch: {server.url}: the server broke the connection: "
                       "Server disconnected without sending a response."), outcome
    assert len(server.arrivals) == 2, server.arrivals
