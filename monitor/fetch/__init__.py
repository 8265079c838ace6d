"""Get bytes and their provenance from an http(s) URL (`Fetcher.fetch`, `fetch_url`) or a local file
(`read_file`); no parsing, no database.

HTTP is done the careful way a daemon that runs for months needs: connect/read timeouts and an
overall deadline, redirects followed by hand (each hop checked against the URL policy, permanent
moves reported, loops refused), conditional GET with the validators we were given, gzip/deflate
inflated by us in bounded steps so a body cap holds even for a compression bomb, Retry-After read
from 429/503, and at most one request at a time per host with a pause between requests.

Each hop's host is resolved once, by `urls.check_address` (through the fetcher's `resolve`), and
the connection goes to exactly the addresses that check allowed (`pinning.PinnedBackend`), so a name
cannot answer a public address to the check and an internal one to the connection (DNS
rebinding). The deadline counts from when a fetch gets its host's turn: waiting behind a slow
neighbour on the same host does not use it up, and is bounded on its own (HOST_WAIT_DEADLINES).

A fetch is a coroutine on the process's event loop (monitor.aio), over httpx's AsyncClient: one
that waits on its server is a task waiting, not a thread, and at its deadline it is cancelled
(the connection closed), which ends the exchange for the server too.

The parts: fetcher (the Fetcher), politeness (a host's turn) and pinning (connections to the
checked addresses only). httpx is imported here first, without its command-line client.
"""

from __future__ import annotations

import sys


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

from monitor.fetch.fetcher import (  # noqa: E402
    HOST_WAIT_DEADLINES, LOOKUP_THREADS, MAX_RETRY_AFTER, PERMANENT_REDIRECTS, TEMPORARY_REDIRECTS, Fetcher,
    retry_after_seconds)
from monitor.fetch.politeness import HostGate, HostGates, HostTurn  # noqa: E402

__all__ = ["HOST_WAIT_DEADLINES", "LOOKUP_THREADS", "MAX_RETRY_AFTER", "PERMANENT_REDIRECTS", "TEMPORARY_REDIRECTS",
           "Fetcher", "HostGate", "HostGates", "HostTurn", "retry_after_seconds"]
