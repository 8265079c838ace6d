"""DNS pinning for httpx: each hop's connection goes to exactly the addresses `urls.check_address`
allowed for its host, so a name cannot answer a public address to the check and an internal one to
the connection (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import ssl
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import httpcore
import httpx

log = logging.getLogger(__name__)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Pin(NamedTuple):
    host: str  # as httpcore hands it to connect_tcp: the URL's host, lower-case ASCII, IPv6 unbracketed
    port: int
    addresses: tuple[str, ...]  # what urls.check_address resolved and allowed, in the resolver's order


# The request the running task is making: each fetch is its own asyncio task, with its own context.
_PIN: contextvars.ContextVar[_Pin | None] = contextvars.ContextVar("monitor_fetch_pin", default=None)


class PinnedBackend(httpcore.AsyncNetworkBackend):
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

    def __init__(self, stream: httpcore.AsyncNetworkStream, backend: PinnedBackend, host: str, port: int,
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


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool whose network backend is a PinnedBackend.

    httpx's transports (0.27 to 0.29) take no network backend, so the pool httpx builds is replaced
    by an httpcore.AsyncConnectionPool (public API: `network_backend=`) with the same settings. `_pool`
    is httpx's own name for it; if a version ever moves it, this fails at start-up, never silently.
    """

    def __init__(self, backend: PinnedBackend, limits: httpx.Limits, ssl_context: ssl.SSLContext) -> None:
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        if not isinstance(getattr(self, "_pool", None), httpcore.AsyncConnectionPool):
            raise RuntimeError("this httpx version keeps its connection pool elsewhere: pinning cannot be set up")
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend)
