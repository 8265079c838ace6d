"""Get bytes and their provenance from an http(s) URL (`fetch_url`) or a local file (`read_file`);
no parsing, no database.

HTTP is done the careful way a daemon that runs for months needs: connect/read timeouts and an
overall deadline, redirects followed by hand (each hop checked against the URL policy, permanent
moves reported, loops refused), conditional GET with the validators we were given, gzip/deflate
inflated by us in bounded steps so a body cap holds even for a compression bomb, Retry-After read
from 429/503, and at most one request at a time per host with a pause between requests.

Each hop's host is resolved once, by `urls.check_address` (through the fetcher's `resolve`), and
the connection goes to exactly the addresses that check allowed (`_PinnedBackend`), so a name
cannot answer a public address to the check and an internal one to the connection (DNS
rebinding). The deadline counts from when a fetch gets its host's turn: waiting behind a slow
neighbour on the same host does not use it up, and is bounded on its own (HOST_WAIT_DEADLINES).

A fetch is a coroutine on the process's event loop (monitor.aio), over httpx's AsyncClient: one
that waits on its server is a task waiting, not a thread, and at its deadline it is cancelled
(the connection closed), which ends the exchange for the server too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import hashlib
import logging
import ssl
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Callable, NamedTuple, Protocol
from urllib.parse import urljoin


def _import_httpx_without_its_cli() -> None:
    """Import httpx, keeping it from importing its command-line client.

    httpx imports `httpx._main` (rich's progress bars and console, pygments, click) whenever those
    are installed, and ours are (the CLI draws its tables with rich): 30-40 ms of every fetching
    process's start (`monitor run`), and the daemon's memory, for a program we never run. A None in
    sys.modules makes that one import fail meanwhile, which httpx answers with a stub `main`.
    """
    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
    try:
        import httpx  # noqa: F401
    finally:
        del sys.modules["httpx._main"]


_import_httpx_without_its_cli()

import httpcore  # noqa: E402
import httpx  # noqa: E402

from monitor import aio  # noqa: E402
from monitor.charset import charset_from_content_type  # noqa: E402
from monitor.errors import FetchError, Gone, RateLimited  # noqa: E402
from monitor.models import RawDocument, Settings, Validators  # noqa: E402
from monitor.sources import accept  # noqa: E402
from monitor.urls import Resolver, check_address, check_scheme, host_key, names_an_address, resolve_host  # noqa: E402

log = logging.getLogger(__name__)

PERMANENT_REDIRECTS = (301, 308)
TEMPORARY_REDIRECTS = (302, 303, 307)
MAX_RETRY_AFTER = 86_400.0
_DEFAULT_PORTS = {"http": 80, "https": 443}
HOST_WAIT_DEADLINES = 5  # a fetch waits at most this many deadlines, in all, for its hosts' turns
LOOKUP_THREADS = 16  # name resolutions (and, apart, robots.txt checks) at once


class HostTurn(Protocol):
    """One request's hold on its host, from `HostGates.take` until `end`."""

    async def end(self) -> None:
        """The exchange is over (whatever its outcome): note when, and let the host's next request wait out
        the delay from now. Awaited once, on the event loop; never raises."""


class HostGates(Protocol):
    """Politeness: one request at a time per host (urls.host_key: host and port), and `delay` seconds
    between the end of one and the start of the next. `HostGate` keeps it within this process;
    storage.host_gates(settings) gives the one a store coordinates among processes (PostgreSQL).
    Both are used on the process's event loop (monitor.aio): a fetch waiting for its turn is a task
    waiting, not a thread."""

    delay: float

    async def take(self, url: str, timeout: float) -> HostTurn | None:
        """Hold `url`'s host once its previous request has ended and the delay since is over; None when
        that has not happened within `timeout` seconds (then nothing is held)."""

    async def close(self) -> None:
        """Release what the gate holds (connections); turns in flight may still end."""


@dataclass(slots=True)
class _HostSlot:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = 0.0

    async def end(self) -> None:
        self.last = time.monotonic()
        self.lock.release()


class HostGate:
    """The in-process gate (the default, and the one a SQLite store's single daemon needs): a lock
    per host, held from `take` until the request's `end`, and the pause slept out by the task."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._slots: dict[str, _HostSlot] = {}

    async def take(self, url: str, timeout: float) -> _HostSlot | None:
        slot = self._slots.setdefault(host_key(url), _HostSlot())  # only the loop's thread runs this
        try:
            async with asyncio.timeout(max(0.0, timeout)):
                await slot.lock.acquire()
        except TimeoutError:
            return None
        try:
            pause = slot.last + self.delay - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
        except BaseException:
            slot.lock.release()
            raise
        return slot

    async def close(self) -> None:
        pass


class _Pin(NamedTuple):
    host: str  # as httpcore hands it to connect_tcp: the URL's host, lower-case ASCII, IPv6 unbracketed
    port: int
    addresses: tuple[str, ...]  # what urls.check_address resolved and allowed, in the resolver's order


# The request the running task is making: each fetch is its own asyncio task, with its own context.
_PIN: contextvars.ContextVar[_Pin | None] = contextvars.ContextVar("monitor_fetch_pin", default=None)


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to the addresses that were checked for the request this task is making.

    The fetcher resolves and checks a URL's host (urls.check_address), then makes the request
    inside `pinned(...)`. httpcore asks `connect_tcp` for the URL's host name; we connect to the
    checked addresses instead and never resolve the name again, so a DNS answer that changes
    between check and connect (rebinding) is never used. The URL keeps its host name, so the Host
    header, TLS SNI and certificate verification, and the pool's connection key stay on the name.

    A kept-alive connection is reused only if its address is among this request's checked ones:
    to the pool, any other connection to the host looks closed by the server, so it is dropped and
    a new one made; and a connection refuses to send a request that is not pinned to its address.
    The pin is a context variable: every fetch runs as its own task, with its own copy.
    """

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    @contextmanager
    def pinned(self, url: httpx.URL, addresses: Iterable[str]) -> Iterator[None]:
        """Requests made by this task in the block connect to `addresses`, for `url`'s host only."""
        port = url.port or _DEFAULT_PORTS[url.scheme]
        token = _PIN.set(_Pin(url.raw_host.decode("ascii").lower(), port, tuple(addresses)))
        try:
            yield
        finally:
            _PIN.reset(token)

    def may_use(self, host: str, port: int, address: str) -> bool | None:
        """Whether this task's request may go to host:port at `address`; None: it is not for that host."""
        pin = _PIN.get()
        if pin is None or (pin.host, pin.port) != (host, port):
            return None
        return address in pin.addresses

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        pin = _PIN.get()
        host = host.lower()
        if pin is None or (pin.host, pin.port) != (host, port):
            raise httpcore.ConnectError(f"no checked address for {host}:{port}")
        failure: Exception | None = None
        for address in pin.addresses:
            try:
                stream = await self._inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                       socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _PinnedStream(stream, self, host, port, address)
        assert failure is not None  # check_address never pins an empty list
        raise failure

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class _PinnedStream(httpcore.AsyncNetworkStream):
    """A connection that knows the address it went to, and sends only requests pinned to it."""

    def __init__(self, stream: httpcore.AsyncNetworkStream, backend: _PinnedBackend, host: str, port: int,
                 address: str) -> None:
        self._stream, self._backend = stream, backend
        self._host, self._port, self.address = host, port, address

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._stream.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not self._backend.may_use(self._host, self._port, self.address):
            # Not WriteError: httpcore swallows that one and goes on to read a response.
            raise httpcore.ConnectError(f"the kept-alive connection to {self.address} was not checked for this request")
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        tls = await self._stream.start_tls(ssl_context, server_hostname, timeout)
        return _PinnedStream(tls, self._backend, self._host, self._port, self.address)

    def get_extra_info(self, info: str) -> Any:
        # The pool drops an idle connection whose socket is readable (the server closed it): say so
        # of a connection to this host at an address this task's request was not checked against.
        if info == "is_readable" and self._backend.may_use(self._host, self._port, self.address) is False:
            return True
        return self._stream.get_extra_info(info)


class _PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool whose network backend is a _PinnedBackend.

    httpx's transports (0.27 to 0.29) take no network backend, so the pool httpx builds is replaced
    by an httpcore.AsyncConnectionPool (public API: `network_backend=`) with the same settings. `_pool`
    is httpx's own name for it; if a version ever moves it, this fails at start-up, never silently.
    """

    def __init__(self, backend: _PinnedBackend, limits: httpx.Limits, ssl_context: ssl.SSLContext) -> None:
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        if not isinstance(getattr(self, "_pool", None), httpcore.AsyncConnectionPool):
            raise RuntimeError("this httpx version keeps its connection pool elsewhere: pinning cannot be set up")
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend)


@dataclass(slots=True)
class _Budget:
    """The time one fetch has: `deadline` for its requests, which waiting for a host's turn pushes back,
    and `wait_left` seconds, in all, for such waits."""

    deadline: float
    wait_left: float


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks us to wait (delta or HTTP date), capped at a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    delta = (when - (now or datetime.now(timezone.utc))).total_seconds()
    return min(max(delta, 0.0), MAX_RETRY_AFTER)


class Fetcher:
    """Fetches locations for many sources, sharing one connection pool and the per-host gate.

    The fetch itself is a coroutine (`fetch`) on the process's event loop (monitor.aio); `fetch_url`
    is the same for a caller that is a thread and waits. `max_fetches` exchanges are in flight at
    once, the rest wait their turn (a wait that does not use up their deadline).
    """

    def __init__(self, settings: Settings, clock: Callable[[], datetime] | None = None, *,
                 resolve: Resolver | None = None, ssl_context: ssl.SSLContext | None = None,
                 gate: HostGates | None = None) -> None:
        """`resolve` turns a host name into addresses (default: socket.getaddrinfo); `ssl_context`
        says which certificates to trust (default: httpx's, certifi's bundle); `gate` keeps the
        politeness per host (default: this process's HostGate; the fetcher closes it)."""
        self.settings = settings
        self.gate: HostGates = gate if gate is not None else HostGate(settings.host_delay)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.resolve: Resolver = resolve or resolve_host
        self._backend = _PinnedBackend()
        timeout = httpx.Timeout(settings.timeout, connect=settings.timeout, pool=settings.deadline)
        limits = httpx.Limits(max_connections=settings.max_fetches,
                              max_keepalive_connections=min(settings.max_fetches, 256))
        transport = _PinnedTransport(self._backend, limits, ssl_context or httpx.create_ssl_context(trust_env=False))
        self.client = httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, trust_env=False, transport=transport,
            headers={"User-Agent": settings.user_agent_header, "Accept-Encoding": "gzip, deflate"},
        )
        self._slots = asyncio.Semaphore(settings.max_fetches)
        # Blocking steps of a fetch get pools of their own, apart from the loop's: a thread of that
        # pool may be waiting for this very fetch (a full-text page fetched while a feed is parsed),
        # and a robots.txt check waits for a fetch that needs a name resolved. Separate pools, no cycle.
        self._lookups = concurrent.futures.ThreadPoolExecutor(LOOKUP_THREADS, thread_name_prefix="resolve")
        self._permits = concurrent.futures.ThreadPoolExecutor(LOOKUP_THREADS, thread_name_prefix="robots")
        self._closed = False
        self._closing: asyncio.Task[None] | None = None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if aio.on_loop():  # a context closed from a job on the loop: finish closing there
            self._closing = aio.loop().create_task(self._aclose())  # held: the loop keeps tasks weakly
        else:
            aio.run(self._aclose())

    async def _aclose(self) -> None:
        self._lookups.shutdown(wait=False, cancel_futures=True)
        self._permits.shutdown(wait=False, cancel_futures=True)
        try:
            await self.client.aclose()
        finally:
            await self.gate.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_file(self, path: Path, *, source: str, kind: str, max_bytes: int | None = None) -> RawDocument:
        """The bytes of a local file; FetchError when it cannot be read or is over the size cap."""
        cap = max_bytes or self.settings.max_bytes
        try:
            size = path.stat().st_size
            if size > cap:
                raise FetchError(str(path), f"file is {size} bytes, more than the {cap}-byte limit")
            body = path.read_bytes()
        except FileNotFoundError:
            raise FetchError(str(path), "no such file") from None
        except IsADirectoryError:
            raise FetchError(str(path), "is a folder, not a file") from None
        except OSError as exc:
            raise FetchError(str(path), f"cannot read: {exc.strerror or exc}") from None
        return RawDocument(source=source, kind=kind, location=str(path), body=body,
                           fetched_at=self.clock(), path=path,
                           body_hash=hashlib.sha256(body).hexdigest(), max_bytes=cap)

    def fetch_url(self, url: str, *, source: str, kind: str, validators: Validators | None = None,
                  allow_private: bool = False, max_bytes: int | None = None,
                  permit: Callable[[str], None] | None = None) -> RawDocument:
        """`fetch`, for a thread that waits for it (never the event loop's own)."""
        return aio.run(self.fetch(url, source=source, kind=kind, validators=validators, allow_private=allow_private,
                                  max_bytes=max_bytes, permit=permit))

    async def fetch(self, url: str, *, source: str, kind: str, validators: Validators | None = None,
                    allow_private: bool = False, max_bytes: int | None = None,
                    permit: Callable[[str], None] | None = None) -> RawDocument:
        """The document at a URL; FetchError (RefusedURL, RateLimited, Gone) when it cannot be had.

        Only http and https are fetched: any other scheme (file:, data:, javascript:) is refused.
        Each hop of a redirect chain is resolved and checked (urls.check_address) and connected to
        at exactly the addresses checked; `permit` (robots.txt, for article fetches) is then asked
        about the hop and raises RefusedURL to stop the fetch before any request to it. Both block
        (name resolution, reading robots.txt), so they run on threads of the fetcher's. The deadline
        counts time spent on requests, not time spent waiting for a host's turn or a free slot;
        the wait for turns is bounded apart, at HOST_WAIT_DEADLINES deadlines.
        """
        cap = max_bytes or self.settings.max_bytes
        validators = validators or Validators()
        budget = _Budget(deadline=time.monotonic() + self.settings.deadline,
                         wait_left=HOST_WAIT_DEADLINES * self.settings.deadline)
        seen = [url]
        current = url
        permanent: str | None = None
        all_permanent = True
        for _ in range(self.settings.max_redirects + 1):
            check_scheme(current)
            loop = asyncio.get_running_loop()
            if names_an_address(current):  # nothing to resolve: no need to wait for a lookup thread
                addresses = self._checked_addresses(current, allow_private)
            else:
                addresses = await loop.run_in_executor(self._lookups, self._checked_addresses, current,
                                                       allow_private)
            if permit is not None:
                await loop.run_in_executor(self._permits, permit, current)
            response_doc, redirect = await self._one_request(
                current, addresses, original=url, source=source, kind=kind, validators=validators, cap=cap,
                budget=budget)
            if redirect is None:
                assert response_doc is not None
                if permanent is not None:
                    response_doc = replace(response_doc, permanent_url=permanent)
                return response_doc
            status, target = redirect
            target = urljoin(current, target)
            if target in seen:
                raise FetchError(url, f"redirect loop: {' → '.join(seen + [target])}")
            all_permanent = all_permanent and status in PERMANENT_REDIRECTS
            if all_permanent:
                permanent = target
            seen.append(target)
            current = target
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _checked_addresses(self, url: str, allow_private: bool) -> list[str]:
        return check_address(url, allow_private=allow_private, resolve=self.resolve)

    async def _one_request(self, url: str, addresses: list[str], *, original: str, source: str, kind: str,
                           validators: Validators, cap: int,
                           budget: _Budget) -> tuple[RawDocument | None, tuple[int, str] | None]:
        headers = {"Accept": accept(kind)}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        turn = await self._take_turn(url, original, budget)
        try:
            began = time.monotonic()
            async with self._slots:  # our own capacity: waiting for it is not the server's time
                budget.deadline += time.monotonic() - began
                # The whole exchange is under the deadline, so it holds even while a server drips its
                # headers (httpx's timeouts are per read): at the deadline the request is cancelled.
                try:
                    async with asyncio.timeout(max(0.0, budget.deadline - time.monotonic())):
                        return await self._exchange(url, addresses, original, headers, source, kind, cap,
                                                    budget.deadline)
                except TimeoutError:
                    raise FetchError(original, f"deadline of {self.settings.deadline:g}s passed") from None
        finally:
            await turn.end()

    async def _take_turn(self, url: str, original: str, budget: _Budget) -> HostTurn:
        """The host's turn, held, once its previous request has ended and its pause is over.

        The time this takes moves the fetch's deadline back by as much: a fetch waiting behind a
        slow neighbour on its host keeps its whole deadline for itself. The wait has its own
        bound, the budget's `wait_left`; past it the fetch fails saying so.
        """
        began = time.monotonic()
        turn = await self.gate.take(url, max(0.0, budget.wait_left))
        if turn is None:
            limit = HOST_WAIT_DEADLINES * self.settings.deadline
            raise FetchError(original, f"waited {limit:g}s ({HOST_WAIT_DEADLINES} × the {self.settings.deadline:g}s "
                                       "deadline) for this host's earlier requests to end; not fetched")
        waited = time.monotonic() - began
        budget.wait_left -= waited
        budget.deadline += waited
        return turn

    async def _exchange(self, url: str, addresses: list[str], original: str, headers: dict[str, str], source: str,
                        kind: str, cap: int, deadline: float) -> tuple[RawDocument | None, tuple[int, str] | None]:
        if time.monotonic() > deadline:
            raise FetchError(original, f"deadline of {self.settings.deadline:g}s passed")
        fetched_at = self.clock()
        try:
            target = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FetchError(original, f"invalid URL: {exc}") from None
        try:
            with self._backend.pinned(target, addresses):
                async with self.client.stream("GET", target, headers=headers) as response:
                    status = response.status_code
                    if 300 <= status < 400 and status != 304:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(original, f"HTTP {status} redirect without a Location",
                                             http_status=status)
                        return None, (status, location)
                    if status == 304:
                        return RawDocument(
                            source=source, kind=kind, location=original, body=b"", fetched_at=fetched_at,
                            final_url=url, status=304, not_modified=True,
                            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
                        ), None
                    if status in (429, 503):
                        wait = retry_after_seconds(response.headers.get("retry-after"), fetched_at)
                        raise RateLimited(original, f"HTTP {status}" + (f", retry after {wait:g}s" if wait else ""),
                                          http_status=status, retry_after=wait)
                    if status == 410:
                        raise Gone(original, "HTTP 410 Gone", http_status=status)
                    if status >= 400:
                        reason = response.reason_phrase or ""
                        raise FetchError(original, f"HTTP {status} {reason}".strip(), http_status=status)
                    body = await _read_capped(response, cap, original)
        except httpx.TimeoutException as exc:
            raise FetchError(original, f"timed out ({type(exc).__name__})") from None
        except httpx.RemoteProtocolError as exc:
            raise FetchError(original, f"the server broke the connection: {exc}") from None
        except httpx.ConnectError as exc:
            raise FetchError(original, f"cannot connect: {_reason(exc)}") from None
        except httpx.HTTPError as exc:
            raise FetchError(original, f"{type(exc).__name__}: {exc}") from None
        content_type = response.headers.get("content-type")
        return RawDocument(
            source=source, kind=kind, location=original, body=body, fetched_at=fetched_at,
            final_url=url, content_type=content_type, charset=charset_from_content_type(content_type),
            language=response.headers.get("content-language"), status=status, etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            body_hash=hashlib.sha256(body).hexdigest(), max_bytes=cap,
        ), None


def _reason(exc: Exception) -> str:
    """Why a connection failed, from the OS's error under the layers httpx and anyio wrap it in."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror.lower() if cause.errno else cause.strerror
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    return text or type(exc).__name__


async def _read_capped(response: httpx.Response, cap: int, url: str) -> bytes:
    """The body, inflated here in bounded steps; FetchError past `cap` bytes (the caller holds the deadline)."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        inflater = None
    elif encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(wbits=47)  # 47: accept gzip and zlib headers alike
    else:
        raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
    declared = response.headers.get("content-length")
    if inflater is None and declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, f"body of {declared} bytes is over the {cap}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        if inflater is None:
            pieces = [raw]
        else:
            pieces = []
            data = raw
            while data:
                try:
                    piece = inflater.decompress(data, cap - size + 1)
                except zlib.error as exc:
                    raise FetchError(url, f"corrupt {encoding} body: {exc}") from None
                pieces.append(piece)
                size_now = size + sum(len(p) for p in pieces)
                if size_now > cap:
                    break
                data = inflater.unconsumed_tail
                if not piece and not data:
                    break
        for piece in pieces:
            size += len(piece)
            if size > cap:
                raise FetchError(url, f"body over the {cap}-byte limit" +
                                 (" after decompression" if inflater else ""))
            chunks.append(piece)
    if inflater is not None:
        chunks.append(inflater.flush())
    return b"".join(chunks)
