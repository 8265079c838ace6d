"""The process's memory: what a burst of work freed goes back to the system (glibc's malloc_trim).

A daemon fetching ten thousand sources works in bursts: feed bodies, parsed documents and SQLite's
page caches are allocated by several threads at once, then freed. glibc keeps what is freed inside
its heaps (one arena per thread that contended for one), where a few live blocks pin the pages
around them, so the resident size stays at the burst's high-water mark and creeps up from burst to
burst. malloc_trim(0) hands every whole free page of every arena back to the kernel (madvise).
Measured on bench_gdelt.py target1 (10,000 feeds, a 300 s cycle, bursts of runs a few minutes
apart), the daemon's resident size between its bursts: 126 MiB without it, 116 MiB with it called
every minute.

A daemon also shares glibc's heaps among its threads (limit_arenas): left alone, glibc gives each
new thread an arena of its own, up to eight per core, and the free space left in each by a burst
serves only the threads on that arena.

Objects made to last the process (imports, the config) are kept out of the cyclic collector's
passes (lasting_objects).

No library does these calls; ctypes and the C library are what every Python project uses for them.
Elsewhere than glibc (macOS, musl) they do nothing.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import sys
from typing import Callable, Iterator

# ctypes is imported where the C library is called: every command imports this module for
# lasting_objects(), and ctypes costs --help a few milliseconds.


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if sys.platform == "win32":
        return None
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim  # the process's own C library; glibc's alone has it
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


@contextlib.contextmanager
def lasting_objects() -> Iterator[None]:
    """A block that makes objects to last as long as the process (imports, the config): the cyclic
    collector is paused inside it, and what it made is frozen (gc.freeze) when it ends normally.

    The collector's passes over such objects as they pile up find next to nothing to free (577
    objects of 90,000 after everything `run` imports, for 45-60 ms of passes). Frozen, they are
    left out of every later pass, and forked parse workers do not write to the memory they share
    with their parent when they collect (what gc.freeze is documented for)."""
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        gc.enable()


def release_free_memory() -> bool:
    """Return the C heap's free pages to the system; whether any was returned (False where the C
    library cannot)."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


# mallopt's parameter for the most arenas (M_ARENA_MAX in glibc's malloc.h).
_M_ARENA_MAX = -8
# The daemon's and a distributed worker's: two heaps for their threads (a handful of step and
# fetch threads, the scheduler's or the job pool's, the maintenance thread), the main thread's included.
DAEMON_ARENAS = 2


@functools.cache
def _mallopt() -> Callable[[int, int], int] | None:
    if _malloc_trim() is None:  # not glibc: another allocator's mallopt, if any, means other things
        return None
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt


def limit_arenas(count: int) -> bool:
    """Let glibc's malloc share at most `count` arenas among every thread of the process from now
    on (arenas it made already stay); whether it could (False elsewhere than glibc).

    Called before the threads start, as the daemon does. Measured on bench_gdelt.py target1 (four
    300 s cycles): the daemon's threads had 11 arenas, which held 15-26 MB of free space between
    bursts, and glibc's heaps grew from 37.7 to 42.4 MB from the first burst to the second (RSS
    peaks 118 then 124 MB). Limited to two, the heaps were 30-33 MB at the bursts and the peaks per
    cycle 115.9, 115.8, 116.4 and 118.9 MB, for the same CPU (9.3% of a core against 9.2%)
    (bench/README.md, thirteenth session)."""
    mallopt = _mallopt()
    return bool(mallopt(_M_ARENA_MAX, count)) if mallopt is not None else False
