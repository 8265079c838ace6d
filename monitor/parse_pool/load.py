"""When worker processes are worth their cost: parsing's share of a core over recent windows, or
a batch's parsing still to come (wants_processes, batch_to_come; the module's docstring says why)."""

from __future__ import annotations

from dataclasses import dataclass

START_WINDOW_SECONDS = 10.0  # processes start when parsing took half a core over this much time…
START_SHARE = 0.5
WINDOW_SECONDS = 60.0  # …and stop when it took under a twentieth of a core over this much,
STOP_SHARE = 0.05
MIN_RUN_SECONDS = 300.0  # after running at least this long (starting them costs a second or two)
BATCH_WORTH_SECONDS = 2.0  # a batch's parsing still to come that is worth their start (~1 s each)
# A source never fetched before, before anything is parsed: a news feed's first document, a few dozen
# entries (one of bench_peer's, 50 full articles in 300 KB, takes 0.15-0.3 s on the 2-core benchmark
# machine; a feed of teasers far less): 40 of them start the processes.
FIRST_PARSE_SECONDS = 0.05


def wants_processes(recent_busy: float, recent_window: float, busy: float, window: float, running: bool,
                    running_for: float, min_run: float = MIN_RUN_SECONDS, to_come: float = 0.0) -> bool:
    """Whether parsing should run in worker processes, given the CPU seconds parses took over the last
    `recent_window` seconds (to start them) and the last `window` (to stop them), whether (and
    for how long) the processes have been running, and the CPU seconds a batch in progress is
    still expected to parse (batch_to_come; 0 outside a batch)."""
    if not running:
        return to_come >= BATCH_WORTH_SECONDS or recent_busy / recent_window >= START_SHARE
    return busy / window >= STOP_SHARE or running_for < min_run


def batch_to_come(sources: int, parsed: int, busy: float, finished: int = 0, unseen: int = 0) -> float:
    """The CPU seconds a batch's parsing still needs, extrapolated from its runs so far: `busy` CPU
    seconds for `parsed` documents, while `finished` of its `sources` runs have ended. Runs that
    parsed nothing (a 304, the same bytes again) count once they have ended: in a routine run of
    thousands of sources, most of them unchanged, one document parsed is not thousands to come.
    Before any parse, only the `unseen` sources (never fetched: their whole feed is new) say
    something: FIRST_PARSE_SECONDS each."""
    if parsed == 0:
        return unseen * FIRST_PARSE_SECONDS
    seen = max(parsed, finished)  # more documents than ended runs: runs in flight, or a folder's files
    return max(sources - seen, 0) * busy / seen


@dataclass
class Batch:
    """A batch of runs in progress (`ParsePool.batch`) and what its runs have parsed so far."""

    sources: int
    unseen: int = 0  # sources never fetched before
    parsed: int = 0
    busy: float = 0.0  # CPU seconds of its parses
    finished: int = 0  # runs ended, whether they parsed anything or not

    def to_come(self) -> float:
        return batch_to_come(self.sources, self.parsed, self.busy, self.finished, self.unseen)
