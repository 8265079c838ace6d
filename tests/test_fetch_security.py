"""The fetcher connects to exactly the addresses the URL policy checked: DNS rebinding, every redirect hop,
kept-alive connections, and TLS (SNI and the certificate stay on the host name).

Names are answered by a resolver the test controls (Fetcher(resolve=…)); servers listen on 127.0.0.x.
A name may answer a public address: the `connects` fixture records every outgoing connect and turns
away, on the spot, any that is not to a loopback address, so nothing here ever reaches the internet.
"""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape

import pytest

from conftest import FeedServer, _handler_class
from monitor.config import load
from monitor.errors import FetchError
from monitor.fetch import Fetcher
from monitor.models import Outcome
from monitor.pipeline import Context, ingest_source
from monitor.rules import compile_rules
from storage import open_store

PUBLIC = "93.184.216.34"  # a public address: checked as fine, never actually reached from a test
RSS_TYPE = "application/rss+xml"
FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Talks in Geneva</title><link>https://desk.example.org/1</link>"
        "<description>Talks in Geneva went on.</description></item></channel></rss>")


@dataclass
class Resolver:
    """Answers each name from its list of answers in turn (the last one again once they run out)."""

    answers: dict[str, list[list[str]]]
    asked: list[str] = field(default_factory=list)

    def __call__(self, name: str) -> list[str]:
        self.asked.append(name)
        if name not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        turn = sum(1 for asked in self.asked if asked == name) - 1
        options = self.answers[name]
        return options[min(turn, len(options) - 1)]


@dataclass
class Connects:
    """Every address the process tried to connect to while the fixture was on."""

    attempts: list[tuple[str, int]] = field(default_factory=list)

    def to(self, port: int) -> list[str]:
        return [host for host, p in self.attempts if p == port]


@pytest.fixture
def connects(monkeypatch) -> Connects:
    """Records each socket connect; one to a non-loopback address is refused here and never sent."""
    log = Connects()
    original = socket.socket.connect

    def connect(sock: socket.socket, address) -> None:
        if isinstance(address, tuple):
            host, port = str(address[0]), int(address[1])
            log.attempts.append((host, port))
            if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                raise ConnectionRefusedError(111, "Connection refused (test: not a loopback address)")
        original(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return log


@pytest.fixture
def settings(make_config):
    return load(make_config([], timeout="1s", deadline="3s")).settings


def _port(server: FeedServer) -> int:
    return server.server.server_address[1]


def _hosts_seen(server: FeedServer, path: str) -> list[str]:
    return [headers.get("Host", "") for p, headers in server.requests if p == path]


def _second_server(server: FeedServer, address: str) -> Iterator[FeedServer]:
    """A server on another loopback address with the same port as `server` (Linux: all of 127/8 is local)."""
    routes: dict = {}
    requests: list = []
    try:
        other = ThreadingHTTPServer((address, _port(server)), _handler_class(routes, requests))
    except OSError as exc:
        pytest.skip(f"cannot listen on {address}:{_port(server)}: {exc}")
    other.daemon_threads = True
    thread = threading.Thread(target=other.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield FeedServer(other, routes, requests)
    finally:
        other.shutdown()
        other.server_close()


@pytest.fixture
def server_on_127_0_0_2(feed_server) -> Iterator[FeedServer]:
    yield from _second_server(feed_server, "127.0.0.2")


# --------------------------------------------------------------------------- DNS rebinding

def test_a_rebinding_name_is_connected_at_the_address_that_was_checked(settings, feed_server, connects) -> None:
    """The name answers a public address to the check and 127.0.0.1 after: only the first is ever used."""
    port = _port(feed_server)
    feed_server.add("/internal", "the internal admin page", content_type="text/plain")
    resolve = Resolver({"rebind.test": [[PUBLIC], ["127.0.0.1"]]})
    with Fetcher(settings, resolve=resolve) as fetcher:
        with pytest.raises(FetchError) as info:
            fetcher.fetch_url(f"http://rebind.test:{port}/internal", source="s", kind="page")
    message = str(info.value)
    assert message.startswith(f"fetch: http://rebind.test:{port}/internal: cannot connect") and "\n" not in message
    assert connects.to(port) == [PUBLIC]  # the checked address, and nothing else
    assert resolve.asked == ["rebind.test"]  # resolved once, by the check; the connection did not ask again
    assert feed_server.hits("/internal") == 0


def test_a_rebinding_full_text_link_never_reaches_the_internal_server(make_config, feed_server, connects,
                                                                      tmp_path: Path) -> None:
    """Through ingest_source: a feed's links are policed; the rebinding one fails without reaching
    127.0.0.1, the one that answers 127.0.0.1 outright is recorded as refused, and the item stays."""
    port = _port(feed_server)
    feed_server.add("/internal", "<html><body><p>internal</p></body></html>", content_type="text/html")
    rebinding, loopback = f"http://rebind.test:{port}/internal", f"http://intranet.test:{port}/internal"
    items = "".join(
        f"<item><title>{title}</title><link>{escape(link)}</link><guid isPermaLink=\"false\">{n}</guid>"
        f"<description>Talks on Crimea: {title}.</description></item>"
        for n, (title, link) in enumerate([("Rebinding story", rebinding), ("Intranet story", loopback)]))
    feed_file = tmp_path / "local.xml"
    feed_file.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
                         f"{items}</channel></rss>", encoding="utf-8")
    # ignore_robots: each answer of the resolver is meant for the page fetch itself, not for a
    # robots.txt fetch before it (that one is policed the same way: test_robots.py).
    config = load(make_config([{"name": "local", "kind": "feed", "path": str(feed_file), "full_text": True,
                                "ignore_robots": True}],
                              rules='[[rules]]\nname = "Crimea"\nterms = ["Crimea"]\n', timeout="1s",
                              deadline="2s"))
    resolve = Resolver({"rebind.test": [[PUBLIC], ["127.0.0.1"]], "intranet.test": [["127.0.0.1"]]})
    ctx = Context(config=config, compiled=compile_rules(config.rules, config.settings.snippet_chars),
                  fetcher=Fetcher(config.settings, resolve=resolve))
    db = open_store(config)
    try:
        record = ingest_source(db, config.sources[0], ctx)
        assert (record.outcome, record.items_new, record.error) == (Outcome.OK, 2, None)
        assert feed_server.hits("/internal") == 0
        assert connects.to(port) == [PUBLIC]
        refused = db.execute("SELECT url, reason FROM refused_links").fetchall()
        assert [url for url, _ in refused] == [loopback]
        assert "resolves to loopback address 127.0.0.1" in refused[0][1]
        assert record.warning and f"full text: fetch: {rebinding}: cannot connect" in record.warning
        titles = {row[0] for row in db.execute("SELECT title FROM items")}
        assert titles == {"Rebinding story", "Intranet story"}  # both kept, with the feed's text
        assert db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 2
    finally:
        ctx.close()
        db.close()


def test_the_robots_txt_fetch_is_policed_like_any_fetch(make_config, feed_server, connects) -> None:
    """A page's host answers a public address to the page's check, then loopback to the robots.txt
    fetch made before the page: that fetch is refused, nothing connects, and the page is refused."""
    port = _port(feed_server)
    feed_server.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    feed_server.add("/article", "<html><body><p>internal</p></body></html>", content_type="text/html")
    page = f"http://news.test:{port}/article"
    config = load(make_config([{"name": "page", "kind": "page", "url": page}], timeout="1s", deadline="2s"))
    resolve = Resolver({"news.test": [[PUBLIC], ["127.0.0.1"]]})
    ctx = Context(config=config, compiled=compile_rules(config.rules, config.settings.snippet_chars),
                  fetcher=Fetcher(config.settings, resolve=resolve))
    db = open_store(config)
    try:
        record = ingest_source(db, config.sources[0], ctx)
        assert record.outcome is Outcome.REFUSED
        assert record.error == (f"fetch: http://news.test:{port}/robots.txt: refused: host 'news.test' resolves to "
                                "loopback address 127.0.0.1")
        assert resolve.asked == ["news.test", "news.test"] and connects.to(port) == []
        assert feed_server.requests == []
        assert db.execute("SELECT url FROM refused_links").fetchall() == [(f"http://news.test:{port}/robots.txt",)]
    finally:
        ctx.close()
        db.close()


# --------------------------------------------------------------------------- allow_private, redirects, keep-alive

def test_allow_private_connects_to_the_resolved_address_on_every_redirect_hop(settings, feed_server,
                                                                              connects) -> None:
    """Each hop is resolved once and connected to at that answer; a second lookup would have said
    127.0.0.2, where nothing listens. The Host header stays the hop's name."""
    port = _port(feed_server)
    feed_server.add("/start", status=302, headers={"Location": f"http://moved.test:{port}/feed.xml"})
    feed_server.add("/feed.xml", FEED, content_type=RSS_TYPE)
    resolve = Resolver({"feed.test": [["127.0.0.1"], ["127.0.0.2"]], "moved.test": [["127.0.0.1"], ["127.0.0.2"]]})
    with Fetcher(settings, resolve=resolve) as fetcher:
        doc = fetcher.fetch_url(f"http://feed.test:{port}/start", source="s", kind="feed", allow_private=True)
    assert (doc.status, doc.final_url) == (200, f"http://moved.test:{port}/feed.xml")
    assert resolve.asked == ["feed.test", "moved.test"]
    assert connects.to(port) == ["127.0.0.1", "127.0.0.1"]
    assert _hosts_seen(feed_server, "/start") == [f"feed.test:{port}"]
    assert _hosts_seen(feed_server, "/feed.xml") == [f"moved.test:{port}"]


def test_connect_tries_the_next_checked_address_when_one_refuses(settings, feed_server, connects) -> None:
    port = _port(feed_server)
    feed_server.add("/feed.xml", FEED, content_type=RSS_TYPE)
    resolve = Resolver({"two.test": [["127.0.0.2", "127.0.0.1"]]})
    with Fetcher(settings, resolve=resolve) as fetcher:
        doc = fetcher.fetch_url(f"http://two.test:{port}/feed.xml", source="s", kind="feed", allow_private=True)
    assert doc.status == 200
    assert connects.to(port) == ["127.0.0.2", "127.0.0.1"]


def test_a_kept_alive_connection_serves_the_same_address_and_never_another(settings, feed_server,
                                                                          server_on_127_0_0_2, connects) -> None:
    """Keep-alive still works while a name's answer stays the same; when it changes, the pooled
    connection to the old address is dropped and the new one is connected to."""
    port = _port(feed_server)
    for server, text in ((feed_server, "first"), (server_on_127_0_0_2, "second")):
        server.add("/feed.xml", FEED.replace("Talks in Geneva", text), content_type=RSS_TYPE)
    resolve = Resolver({"moving.test": [["127.0.0.1"], ["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]]})
    bodies = []
    with Fetcher(settings, resolve=resolve) as fetcher:
        for _ in range(4):
            doc = fetcher.fetch_url(f"http://moving.test:{port}/feed.xml", source="s", kind="feed",
                                    allow_private=True)
            bodies.append("first" if b"first" in doc.body else "second")
    assert bodies == ["first", "first", "second", "second"]
    assert connects.to(port) == ["127.0.0.1", "127.0.0.2"]  # one connection per address, each reused once
    assert (feed_server.hits("/feed.xml"), server_on_127_0_0_2.hits("/feed.xml")) == (2, 2)


# --------------------------------------------------------------------------- TLS

@dataclass
class TLSFiles:
    ca: Path
    cert: Path
    key: Path


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory) -> TLSFiles:
    """A throw-away CA and a certificate it signed for news.test (openssl on the PATH, or skip)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)

    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=monitor test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", *ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=news.test")
    (folder / "leaf.ext").write_text("subjectAltName=DNS:news.test\nbasicConstraints=critical,CA:FALSE\n"
                                     "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                                     "authorityKeyIdentifier=keyid,issuer\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext")
    return TLSFiles(folder / "ca.pem", folder / "leaf.pem", folder / "leaf.key")


@pytest.fixture
def tls_server(tls_files) -> Iterator[tuple[FeedServer, list[str | None]]]:
    """An HTTPS server on 127.0.0.1 presenting the news.test certificate; also returns the SNI names it got."""
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_files.cert, tls_files.key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,func-returns-value]
    routes: dict = {}
    requests: list = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(routes, requests))
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield FeedServer(server, routes, requests), names
    server.shutdown()
    server.server_close()


def test_tls_sni_host_header_and_certificate_stay_on_the_host_name(settings, tls_files, tls_server,
                                                                   connects) -> None:
    server, sni = tls_server
    port = _port(server)
    server.add("/feed.xml", FEED, content_type=RSS_TYPE)
    trust = ssl.create_default_context(cafile=str(tls_files.ca))
    resolve = Resolver({"news.test": [["127.0.0.1"]], "other.test": [["127.0.0.1"]]})
    with Fetcher(settings, resolve=resolve, ssl_context=trust) as fetcher:
        doc = fetcher.fetch_url(f"https://news.test:{port}/feed.xml", source="s", kind="feed", allow_private=True)
        assert (doc.status, doc.final_url) == (200, f"https://news.test:{port}/feed.xml")
        assert sni == ["news.test"]  # the name, not the address connected to
        assert _hosts_seen(server, "/feed.xml") == [f"news.test:{port}"]
        # Same address, another name: the certificate is checked against the name, and does not match.
        with pytest.raises(FetchError) as info:
            fetcher.fetch_url(f"https://other.test:{port}/feed.xml", source="s", kind="feed", allow_private=True)
    message = str(info.value)
    assert message.startswith(f"fetch: https://other.test:{port}/feed.xml: cannot connect") and "\n" not in message
    assert "certificate" in message.lower() or "hostname" in message.lower(), message
    assert sni == ["news.test", "other.test"]
    assert server.hits("/feed.xml") == 1
    assert connects.to(port) == ["127.0.0.1", "127.0.0.1"]
