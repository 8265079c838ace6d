"""Get bytes and their provenance from an http(s) URL (`fetch_url`) or a local file (`read_file`);
no parsing, no database.

HTTP is done the careful way a daemon that runs for months needs: connect/read timeouts and an
overall deadline, redirects followed by hand (each hop checked against the URL policy, permanent
moves reported, loops refused), conditional GET with the validators we were given, gzip/deflate
inflated by us in bounded steps so a body cap holds even for a compression bomb, Retry-After read
from 429/503, and at most one request at a time per host with a pause between requests.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import logging
import threading
import time
import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

import httpx

from monitor.charset import charset_from_content_type
from monitor.errors import FetchError, Gone, RateLimited
from monitor.models import RawDocument, Settings, Validators
from monitor.sources import accept
from monitor.urls import check_address, check_scheme, host_key

log = logging.getLogger(__name__)

PERMANENT_REDIRECTS = (301, 308)
TEMPORARY_REDIRECTS = (302, 303, 307)
MAX_RETRY_AFTER = 86_400.0


@dataclass(slots=True)
class _HostSlot:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0


class HostGate:
    """One request at a time per host, and `delay` seconds between two requests to one host."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._slots: dict[str, _HostSlot] = {}
        self._guard = threading.Lock()

    def slot(self, url: str) -> _HostSlot:
        key = host_key(url)
        with self._guard:
            return self._slots.setdefault(key, _HostSlot())

    def wait_turn(self, slot: _HostSlot) -> None:
        """Sleep until the host's pause since its last request is over (caller holds slot.lock)."""
        pause = slot.last + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)


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
    """Fetches locations for many sources, sharing one connection pool and the per-host gate."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] | None = None) -> None:
        self.settings = settings
        self.gate = HostGate(settings.host_delay)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        timeout = httpx.Timeout(settings.timeout, connect=settings.timeout, pool=settings.deadline)
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False,
            headers={"User-Agent": settings.user_agent_header, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )
        self._workers = concurrent.futures.ThreadPoolExecutor(max_workers=64, thread_name_prefix="fetch")

    def close(self) -> None:
        self._workers.shutdown(wait=False, cancel_futures=True)
        self.client.close()

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
                           body_hash=hashlib.sha256(body).hexdigest())

    def fetch_url(self, url: str, *, source: str, kind: str, validators: Validators | None = None,
                  allow_private: bool = False, max_bytes: int | None = None) -> RawDocument:
        """The document at a URL; FetchError (RefusedURL, RateLimited, Gone) when it cannot be had.

        Only http and https are fetched: any other scheme (file:, data:, javascript:) is refused.
        """
        cap = max_bytes or self.settings.max_bytes
        validators = validators or Validators()
        deadline = time.monotonic() + self.settings.deadline
        seen = [url]
        current = url
        permanent: str | None = None
        all_permanent = True
        for _ in range(self.settings.max_redirects + 1):
            check_scheme(current)
            check_address(current, allow_private=allow_private)
            response_doc, redirect = self._one_request(
                current, original=url, source=source, kind=kind, validators=validators, cap=cap,
                deadline=deadline)
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

    def _one_request(self, url: str, *, original: str, source: str, kind: str, validators: Validators,
                     cap: int, deadline: float) -> tuple[RawDocument | None, tuple[int, str] | None]:
        headers = {"Accept": accept(kind)}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        slot = self.gate.slot(url)
        if not slot.lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise FetchError(original, f"deadline of {self.settings.deadline:g}s passed waiting for "
                                       "this host's previous request to end")
        # The exchange runs on a worker so the deadline holds even while a server drips its
        # headers (httpx's timeouts are per read). A request abandoned at the deadline keeps its
        # host's slot until it ends, so a hostile host ties up at most one thread.
        try:
            future = self._workers.submit(self._exchange_in_slot, slot, url, original, headers, source, kind,
                                          cap, deadline)
        except BaseException:
            slot.lock.release()
            raise
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except concurrent.futures.TimeoutError:
            raise FetchError(original, f"deadline of {self.settings.deadline:g}s passed") from None

    def _exchange_in_slot(self, slot: _HostSlot, url: str, original: str, headers: dict[str, str], source: str,
                          kind: str, cap: int, deadline: float) -> tuple[RawDocument | None, tuple[int, str] | None]:
        try:
            self.gate.wait_turn(slot)
            return self._exchange(url, original, headers, source, kind, cap, deadline)
        finally:
            slot.last = time.monotonic()
            slot.lock.release()

    def _exchange(self, url: str, original: str, headers: dict[str, str], source: str, kind: str,
                  cap: int, deadline: float) -> tuple[RawDocument | None, tuple[int, str] | None]:
        if time.monotonic() > deadline:
            raise FetchError(original, f"deadline of {self.settings.deadline:g}s passed")
        fetched_at = self.clock()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
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
                body = _read_capped(response, cap, deadline, original, self.settings.deadline)
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
            status=status, etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            body_hash=hashlib.sha256(body).hexdigest(),
        ), None


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    return text or type(exc).__name__


def _read_capped(response: httpx.Response, cap: int, deadline: float, url: str, limit: float) -> bytes:
    """The body, inflated here in bounded steps; FetchError past `cap` bytes or the deadline."""
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
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchError(url, f"deadline of {limit:g}s passed while reading the body")
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
