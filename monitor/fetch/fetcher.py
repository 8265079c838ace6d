"""The Fetcher: an http(s) URL's bytes and their provenance with timeouts and an overall deadline,
redirects followed by hand (each hop checked), conditional GET, bodies inflated in bounded steps
under a byte cap, Retry-After read; or a local file's bytes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import logging
import ssl
import time
import zlib
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

import httpx

from monitor import aio
from monitor.charset import charset_from_content_type
from monitor.errors import FetchError, Gone, RateLimited
from monitor.fetch.pinning import PinnedBackend, PinnedTransport
from monitor.fetch.politeness import HostGate, HostGates, HostTurn
from monitor.models import RawDocument, Settings, Validators
from monitor.sources import accept
from monitor.urls import Resolver, check_address, check_scheme, names_an_address, resolve_host

log = logging.getLogger(__name__)

PERMANENT_REDIRECTS = (301, 308)
TEMPORARY_REDIRECTS = (302, 303, 307)
MAX_RETRY_AFTER = 86_400.0
HOST_WAIT_DEADLINES = 5  # a fetch waits at most this many deadlines, in all, for its hosts' turns
LOOKUP_THREADS = 16  # name resolutions (and, apart, robots.txt checks) at once


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
        self._backend = PinnedBackend()
        timeout = httpx.Timeout(settings.timeout, connect=settings.timeout, pool=settings.deadline)
        limits = httpx.Limits(max_connections=settings.max_fetches,
                              max_keepalive_connections=min(settings.max_fetches, 256))
        transport = PinnedTransport(self._backend, limits, ssl_context or httpx.create_ssl_context(trust_env=False))
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
                        try:
                            return await self._exchange(url, addresses, original, headers, source, kind, cap,
                                                        budget.deadline)
                        except _Unanswered:
                            # A connection the server closed as the request went out (one kept alive
                            # from an earlier exchange, which the server had let go idle): the GET
                            # is asked once more, on a new connection, the host's pause after the
                            # first (RFC 9110 9.2.2: an idempotent request may be retried).
                            await asyncio.sleep(self.settings.host_delay)
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
        answered = False
        try:
            with self._backend.pinned(target, addresses):
                async with self.client.stream("GET", target, headers=headers) as response:
                    answered = True
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
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            detail = f"the server broke the connection: {str(exc) or type(exc).__name__}"
            raise (FetchError(original, detail) if answered else _Unanswered(original, detail)) from None
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


class _Unanswered(FetchError):
    """The connection broke before the server's answer began: the request may not have reached it."""


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
