"""Where documents are parsed: in the calling thread, or in worker processes when parsing needs
more than the one core the threads share.

Worker processes cost memory whether they work or not (each imports the parsers: ~50 MB resident),
and a daemon watching thousands of feeds that mostly answer 304 parses a document every few
seconds. So the automatic pool (`parse_processes = 0`) starts its processes only while parsing
takes a large share of a core (a cold start, a burst of new items: half a core over the last ten
seconds; in a batch, `monitor run --once`, as soon as its parsing still to come, extrapolated from
its runs so far, would take two seconds or more, and at its start when enough of its sources were never
fetched, each a first parse of a whole feed to come: see `batch`), and stops them once it
no longer does (under a twentieth of a core over a minute); a configured number of processes (2 or
more) is kept for the process's life.

Starting the processes costs each a second or so of imports, all at once so that they overlap,
unless they are forked from a process that has them already (start_method: `monitor run --once`
starts them with start_for once the pipeline is imported, before its first thread).
Until the first of them is up, one document at a time is parsed in a calling thread, and the others
are queued for the workers: several parsed here at once share this process's one core for the
interpreter, each taking as long as all of them together (a quarter more CPU in all, from switching
between them), and the workers, once up, sat idle while the threads that would feed them finished.

The parts: load (when processes are worth it), workers (the processes' own side) and pool (the
ParsePool that runs a parse here or there).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import TYPE_CHECKING

from monitor import logs
from monitor.parse_pool.load import (BATCH_WORTH_SECONDS, FIRST_PARSE_SECONDS, MIN_RUN_SECONDS, START_SHARE,
                                     STOP_SHARE, batch_to_come, wants_processes)
from monitor.parse_pool.pool import ParsePool
from monitor.parse_pool.workers import WORKER_MODULE, WORKER_NICENESS, quiet_worker, start_method

if TYPE_CHECKING:
    from monitor.models import Config

__all__ = ["BATCH_WORTH_SECONDS", "FIRST_PARSE_SECONDS", "MIN_RUN_SECONDS", "START_SHARE", "STOP_SHARE",
           "WORKER_NICENESS", "ParsePool", "batch_to_come", "parse_pool_for", "start_method", "wants_processes"]


def parse_pool_for(config: Config) -> ParsePool | None:
    """Where documents are parsed, as settings.parse_processes says: 0, worker processes (one per
    core) while parsing needs them (the module's docstring); 1, always in the calling thread (None);
    N, N processes for the process's life (started as start_method() says when they start)."""
    wanted = config.settings.parse_processes
    adaptive = wanted == 0
    if adaptive:
        wanted = os.cpu_count() or 1
    if wanted <= 1:
        return None
    owner = os.getpid()

    def make() -> Executor:
        return ProcessPoolExecutor(max_workers=wanted, mp_context=multiprocessing.get_context(start_method()),
                                   initializer=quiet_worker, initargs=(owner, logs.configured(), WORKER_MODULE))

    return ParsePool(make, adaptive=adaptive, processes=wanted)
