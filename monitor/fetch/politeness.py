"""Politeness: at most one request at a time per host, with a pause between two (`host_delay`). A
fetch takes its host's turn (HostGates.take) before its deadline starts; HostGate is the one
process's gates, and the distributed workers' gates share the same protocol.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Protocol

from monitor.urls import host_key

log = logging.getLogger(__name__)


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
