"""Synthetic RSS 2.0 feeds for the benchmarks, and a static HTTP server for them on several hosts.

Generation is deterministic: the same seed, sizes and anchor date give the same bytes. Each item
carries about 5 KB of newsroom-like HTML (paragraphs, sub-heads, links absolute and relative,
entities, an <img>, a <script> embed in one item of four, sometimes a list or a blockquote), a
unique link and guid, and an RFC 822 pubDate a little older than the previous item's.

Three feeds out of four put the full HTML in <content:encoded> (CDATA) with a short plain teaser in
<description>; the fourth kind puts the full HTML, XML-escaped, in <description> only.

The server (`python bench/_feeds.py serve FOLDER --hosts N`) runs in its own process so that it
does not share the benchmark's GIL. It binds one ThreadingHTTPServer per loopback address
127.0.0.1 … 127.0.0.N (the same port on each when it can), serves FOLDER/*.xml from memory with a
strong ETag and a Last-Modified, answers 304 to a matching If-None-Match, and keeps per-host
counts (requests, 200s, 304s, most requests in flight at once, shortest interval between the
starts of two requests) that GET /_stats returns and GET /_reset clears.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseServer
from typing import cast
from xml.sax.saxutils import escape

# --- text ---------------------------------------------------------------------------------------

_WORDS = """
the of and to in a that for on said with was as by at from its is it has have be are were an this
which after but their not they had will would also more than who been about into over other two
new one year officials government minister president talks forces border troops military security
country region city people week month report reports told statement according spokesman ministry
foreign defence defense alliance sanctions economic energy gas pipeline prices market markets
bank central rates inflation budget parliament vote election party leader leaders opposition
court ruling law police protest protesters crowd thousands hundreds dozens residents villages
hospital doctors health vaccine cases winter heating supplies grain exports ports shipping sea
black baltic northern southern eastern western capital summit meeting negotiations diplomats
envoy agreement ceasefire shelling artillery drone drones satellite images buildup exercises
talks demands guarantees treaty expansion membership withdrawal deployment tanks convoy rail
railway bridge airport flights airline refugees humanitarian aid convoy observers mission
monitoring international united nations european union commission washington moscow kyiv brussels
berlin paris london warsaw vilnius riga tallinn minsk geneva vienna ankara beijing analysts
experts warned warning risk threat escalation crisis tensions dialogue diplomacy pressure response
measures package weapons systems missiles defences support training instructors partners allies
members countries statement denied claims accused allegations evidence investigation journalists
media television newspaper interview conference briefing spokesperson announced confirmed
expected planned scheduled postponed cancelled delayed reached signed rejected approved proposed
insisted stressed added noted described called urged asked agreed refused promised vowed
however meanwhile although while despite because since until before during across between
against under within without toward towards around nearly almost roughly about some many most
several few little much large small major minor key main senior junior former current latest
early late recent previous next last first second third final full partial significant limited
""".split()
# Words the benchmark's rules look for; each appears in a fraction of the items.
_KEYWORDS = ["NATO", "Crimea", "Donbas", "Zelensky", "Putin", "Kremlin", "Black Sea Fleet"]
_NAMES = ["Olena Kovalenko", "James Whitfield", "Marta Nowak", "Dmitri Sokolov", "Anna Schmidt",
          "Lucas Moreau", "Sofia Rossi", "Tomas Berzins", "Kateryna Melnyk", "David Okafor",
          "Ingrid Larsen", "Pavel Horak", "Elena Popescu", "Michael Brennan", "Aylin Demir"]
_SECTIONS = ["world", "europe", "politics", "business", "security", "energy", "analysis"]
_ENTITIES = ["&amp;", "&mdash;", "&ndash;", "&#8217;", "&nbsp;", "&quot;", "&hellip;", "&#8220;",
             "&#8221;", "&eacute;"]
_TZ = [("+0000", 0), ("GMT", 0), ("-0500", -300), ("+0100", 60), ("+0200", 120), ("-0800", -480)]
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _sentence(rng: random.Random, keyword_rate: float) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 26))]
    if rng.random() < keyword_rate:
        words[rng.randrange(len(words))] = rng.choice(_KEYWORDS)
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 980)}")
    if rng.random() < 0.12:
        words.insert(rng.randrange(1, len(words)), rng.choice(_ENTITIES))
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.2:
        cut = text.rfind(" ", 0, len(text) // 2)
        if cut > 0:
            text = text[:cut] + "," + text[cut:]
    return text + rng.choice([".", ".", ".", ".", "?", "!" if rng.random() < 0.2 else "."])


def _title(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 11))]
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = rng.choice(_KEYWORDS)
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _rfc822(when: datetime, rng: random.Random) -> str:
    label, minutes = rng.choice(_TZ)
    local = when + timedelta(minutes=minutes)
    return (f"{_DAYS[local.weekday()]}, {local.day:02d} {_MONTHS[local.month - 1]} {local.year} "
            f"{local.hour:02d}:{local.minute:02d}:{local.second:02d} {label}")


def _item_html(rng: random.Random, site: str, feed_no: int, item_no: int, target: int) -> str:
    """About `target` bytes of article HTML."""
    parts: list[str] = []
    keyword_rate = 0.08 if rng.random() < 0.5 else 0.0
    parts.append(f'<p class="lead"><strong>{_sentence(rng, keyword_rate)}</strong> '
                 f'{_sentence(rng, keyword_rate)}</p>')
    img = rng.randrange(1, 4)
    script = item_no % 4 == 1
    paragraph = 0
    while sum(len(p) for p in parts) < target - 350:
        paragraph += 1
        sentences = [_sentence(rng, keyword_rate) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.45:  # a link inside the paragraph, absolute or relative
            i = rng.randrange(len(sentences))
            words = sentences[i].split(" ")
            j = rng.randrange(1, max(2, len(words) - 3))
            href = (f"/{rng.choice(_SECTIONS)}/{feed_no}-{item_no}-{paragraph}-related"
                    if rng.random() < 0.4 else
                    f"https://www.{rng.choice(['reuters', 'apnews', 'bbc', 'dw', 'euronews'])}"
                    f".example.com/{rng.choice(_SECTIONS)}/{rng.randint(10000, 99999)}")
            words[j:j + 3] = [f'<a href="{href}">' + " ".join(words[j:j + 3]) + "</a>"]
            sentences[i] = " ".join(words)
        if rng.random() < 0.2:
            sentences[0] = f"<em>{sentences[0]}</em>"
        parts.append("<p>" + " ".join(sentences) + "</p>")
        if paragraph == img:
            parts.append(
                f'<figure><img src="{site}/images/{feed_no}/{item_no}.jpg" alt="{_title(rng)}" '
                f'width="{rng.choice([640, 800, 1024])}" height="{rng.choice([360, 450, 576])}" '
                f'loading="lazy"/><figcaption>{_sentence(rng, 0)} Photo: '
                f'{rng.choice(_NAMES)}&nbsp;/ Agency</figcaption></figure>')
        if paragraph == 3 and script:
            parts.append(
                '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">'
                f'{_sentence(rng, keyword_rate)}</p>&mdash; {rng.choice(_NAMES)} '
                f'<a href="https://twitter.example.com/status/{feed_no}{item_no:04d}">'
                f'{rng.choice(_DAYS)} {rng.randint(1, 28)}</a></blockquote>'
                '<script async src="https://platform.twitter.example.com/widgets.js" charset="utf-8"></script>'
                '<script>window.dataLayer=window.dataLayer||[];dataLayer.push({"event":"article",'
                f'"id":"{feed_no}-{item_no}"}});if(a<b&&b>0){{console.log("x")}}</script>')
        if paragraph == 4:
            if rng.random() < 0.5:
                parts.append(f"<h2>{_title(rng)}</h2>")
            else:
                parts.append("<ul>" + "".join(f"<li>{_sentence(rng, keyword_rate)}</li>"
                                              for _ in range(rng.randint(2, 4))) + "</ul>")
    parts.append(f'<p><em>Reporting by {rng.choice(_NAMES)}; editing by {rng.choice(_NAMES)}.</em> '
                 f'<a href="{site}/newsletters?utm_source=rss&amp;utm_medium=feed">Sign up</a> for our '
                 f'daily briefing&hellip;</p>')
    return "\n".join(parts)


# --- feeds --------------------------------------------------------------------------------------

def feed_name(feed_no: int) -> str:
    return f"feed-{feed_no:03d}"


def generate_feed(feed_no: int, items: int, seed: int, anchor: datetime,
                  html_bytes: int = 5000) -> tuple[bytes, dict]:
    """One RSS 2.0 document and a few facts about it (items with a <script>, HTML bytes)."""
    rng = random.Random(f"{seed}:{feed_no}")
    site = f"https://www.publisher{feed_no:03d}.example.com"
    in_description = feed_no % 4 == 3
    channel_title = f"Publisher {feed_no:03d} — {rng.choice(_SECTIONS).title()} news"
    when = anchor - timedelta(minutes=rng.randint(0, 90))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{escape(channel_title)}</title>",
        f"<link>{site}/</link>",
        f"<description>Latest stories from publisher {feed_no:03d}</description>",
        "<language>en-gb</language>",
        f"<lastBuildDate>{_rfc822(when, rng)}</lastBuildDate>",
        f'<atom:link href="{site}/rss.xml" rel="self" type="application/rss+xml"/>',
        "<generator>bench-feeds 1.0</generator>",
        "<ttl>15</ttl>",
    ]
    html_total, scripts = 0, 0
    for item_no in range(items):
        when -= timedelta(minutes=rng.randint(7, 95), seconds=rng.randint(0, 59))
        section = rng.choice(_SECTIONS)
        title = _title(rng)
        slug = "-".join(title.lower().split()[:6])
        link = f"{site}/{section}/{when:%Y/%m/%d}/{slug}-{feed_no}-{item_no}"
        if item_no % 5 == 0:
            link += "?utm_source=rss&utm_medium=feed&utm_campaign=latest"
        html = _item_html(rng, site, feed_no, item_no, html_bytes)
        html_total += len(html.encode("utf-8"))
        scripts += "<script" in html
        teaser = _sentence(rng, 0) + " " + _sentence(rng, 0)
        out.append("<item>")
        out.append(f"<title>{escape(title)}</title>")
        out.append(f"<link>{escape(link)}</link>")
        if item_no % 2:
            out.append(f'<guid isPermaLink="false">urn:publisher{feed_no:03d}:article:{item_no:05d}</guid>')
        else:
            out.append(f'<guid isPermaLink="true">{escape(link)}</guid>')
        out.append(f"<pubDate>{_rfc822(when, rng)}</pubDate>")
        if rng.random() < 0.7:
            out.append(f"<dc:creator>{rng.choice(_NAMES)}</dc:creator>")
        else:
            out.append(f"<author>desk@publisher{feed_no:03d}.example.com ({rng.choice(_NAMES)})</author>")
        for category in rng.sample(_SECTIONS, rng.randint(1, 3)):
            out.append(f"<category>{category}</category>")
        if in_description:
            out.append(f"<description>{escape(html)}</description>")
        else:
            out.append(f"<description>{escape(teaser)}</description>")
            out.append(f"<content:encoded><![CDATA[{html}]]></content:encoded>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    body = "\n".join(out).encode("utf-8")
    return body, {"html_bytes": html_total, "scripts": scripts}


def write_feeds(folder: Path, feeds: int, items: int, seed: int, anchor: datetime) -> dict:
    """FOLDER/feed-NNN.xml for every feed; returns totals."""
    folder.mkdir(parents=True, exist_ok=True)
    totals = {"bytes": 0, "html_bytes": 0, "scripts": 0, "items": feeds * items}
    for feed_no in range(feeds):
        body, facts = generate_feed(feed_no, items, seed, anchor)
        (folder / f"{feed_name(feed_no)}.xml").write_bytes(body)
        totals["bytes"] += len(body)
        totals["html_bytes"] += facts["html_bytes"]
        totals["scripts"] += facts["scripts"]
    return totals


# --- server -------------------------------------------------------------------------------------

class _HostStats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.requests = self.ok = self.not_modified = self.other = self.bytes = 0
        self.in_flight = self.max_in_flight = 0
        self.last_begin: float | None = None
        self.min_interval: float | None = None

    def begin(self) -> None:
        with self.lock:
            now = time.monotonic()
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self.last_begin is not None:
                interval = now - self.last_begin
                self.min_interval = interval if self.min_interval is None else min(self.min_interval, interval)
            self.last_begin = now

    def end(self, status: int, size: int) -> None:
        with self.lock:
            self.in_flight -= 1
            self.bytes += size
            if status == 200:
                self.ok += 1
            elif status == 304:
                self.not_modified += 1
            else:
                self.other += 1

    def as_dict(self) -> dict:
        with self.lock:
            return {"requests": self.requests, "ok": self.ok, "not_modified": self.not_modified,
                    "other": self.other, "bytes": self.bytes, "max_in_flight": self.max_in_flight,
                    "min_interval_ms": None if self.min_interval is None else round(self.min_interval * 1000, 1)}


def _handler(docs: dict[str, tuple[bytes, bytes | None, str]], last_modified: str,
             stats: dict[str, _HostStats]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "bench-feeds/1.0"

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            if self.path.startswith("/_"):
                self._control()
                return
            host = stats[_address(self.server)[0]]
            host.begin()
            status, size = 404, 0
            try:
                found = docs.get(self.path)
                if found is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                body, gzipped, etag = found
                headers = {"ETag": etag, "Last-Modified": last_modified,
                           "Cache-Control": "max-age=300"}
                match = self.headers.get("If-None-Match")
                if match and etag in [m.strip() for m in match.split(",")]:
                    status = 304
                    self._send(304, b"", headers)
                    return
                headers["Content-Type"] = "application/rss+xml; charset=utf-8"
                headers["Vary"] = "Accept-Encoding"
                if gzipped is not None and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                    headers["Content-Encoding"] = "gzip"
                    body = gzipped
                status, size = 200, len(body)
                self._send(200, body, headers)
            finally:
                host.end(status, size)

        def _control(self) -> None:
            if self.path == "/_stats":
                body = json.dumps({h: s.as_dict() for h, s in stats.items()}).encode()
                self._send(200, body, {"Content-Type": "application/json"})
            elif self.path == "/_reset":
                for s in stats.values():
                    with s.lock:
                        s.reset()
                self._send(200, b"{}", {"Content-Type": "application/json"})
            else:
                self._send(404, b"", {})

    return Handler


def _address(server: BaseServer) -> tuple[str, int]:
    """The (host, port) an AF_INET server listens on. Every server here is a ThreadingHTTPServer bound
    to a loopback address given as text, whose server_address is getsockname() of an AF_INET socket:
    always (str, int), where typeshed allows any socket family's address."""
    return cast("tuple[str, int]", server.server_address)


def _bind_all(hosts: list[str], handler: type[BaseHTTPRequestHandler]) -> list[ThreadingHTTPServer]:
    """One server per address, on one common port when one is free everywhere."""
    for _ in range(20):
        servers: list[ThreadingHTTPServer] = []
        try:
            first = ThreadingHTTPServer((hosts[0], 0), handler)
            servers.append(first)
            port = first.server_address[1]
            for host in hosts[1:]:
                servers.append(ThreadingHTTPServer((host, port), handler))
            return servers
        except OSError:
            for server in servers:
                server.server_close()
    return [ThreadingHTTPServer((host, 0), handler) for host in hosts]  # different ports, then


def serve(folder: Path, host_count: int, gzip_bodies: bool) -> None:
    docs: dict[str, tuple[bytes, bytes | None, str]] = {}
    for path in sorted(folder.glob("*.xml")):
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        docs[f"/feeds/{path.name}"] = (body, gzip.compress(body, 6) if gzip_bodies else None, etag)
    hosts = [f"127.0.0.{i}" for i in range(1, host_count + 1)]
    stats = {host: _HostStats() for host in hosts}
    last_modified = format_datetime(datetime(2024, 1, 1, tzinfo=timezone.utc), usegmt=True)
    servers = _bind_all(hosts, _handler(docs, last_modified, stats))
    for server in servers:
        server.daemon_threads = True
        server.request_queue_size = 128
        threading.Thread(target=server.serve_forever, daemon=True).start()
    bases = [f"http://{_address(s)[0]}:{_address(s)[1]}" for s in servers]
    print("READY " + json.dumps({"bases": bases, "documents": len(docs)}), flush=True)
    try:
        sys.stdin.read()  # the parent closes our stdin (or dies): stop
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write FOLDER/feed-NNN.xml")
    gen.add_argument("folder", type=Path)
    gen.add_argument("--feeds", type=int, default=200)
    gen.add_argument("--items", type=int, default=50)
    gen.add_argument("--seed", type=int, default=20240115)
    gen.add_argument("--anchor", default=None, help="YYYY-MM-DD (default: today, UTC)")
    srv = sub.add_parser("serve", help="serve FOLDER/*.xml on 127.0.0.1 … 127.0.0.N until stdin closes")
    srv.add_argument("folder", type=Path)
    srv.add_argument("--hosts", type=int, default=8)
    srv.add_argument("--gzip", action="store_true", help="send gzip bodies to clients that accept them")
    args = parser.parse_args(argv)
    if args.command == "generate":
        print(json.dumps(write_feeds(args.folder, args.feeds, args.items, args.seed, anchor_date(args.anchor))))
    else:
        serve(args.folder, args.hosts, args.gzip)
    return 0


def anchor_date(text: str | None) -> datetime:
    """The newest item's date: midnight UTC of the given day, or of today."""
    if text:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    now = datetime.now(timezone.utc)
    return datetime(now.year, now.month, now.day, tzinfo=timezone.utc)


if __name__ == "__main__":
    sys.exit(main())
