"""A process tree's resident memory, threads and CPU, sampled on a thread while a bench runs.

The daemon's own figures are not enough: its parse workers are child processes (spawned, so
their memory is their own, not pages shared with the parent) and can come and go, so every sample
takes the tree as it is at that moment. CPU seconds include the children the daemon has already
reaped (psutil's children_user/children_system), so a worker that exits does not take its CPU
time out of the count.
"""

from __future__ import annotations

import csv
import threading
import time
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import psutil

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Sample:
    """One look at the tree: `at` epoch seconds."""

    at: float
    rss: int  # bytes: the processes and all their live descendants
    own_rss: int  # bytes: the processes alone
    threads: int  # of the top processes themselves (a child's threads are its own business)
    children: int  # live descendants
    cpu: float  # user + system seconds of the whole tree so far, reaped children included


@dataclass(frozen=True, slots=True)
class Memory:
    """Resident memory over a run, and whether it stayed flat."""

    start: int
    peak: int
    end: int
    baseline: int  # the max over the window the end is compared with (the first cycle)
    last_third: int  # the max over the run's last third
    samples: int
    own_peak: int  # the top processes' alone, without their children
    cycle_peaks: tuple[int, ...]  # the max of each whole cycle, in order

    @property
    def growth(self) -> float:
        """The last third's max over the baseline's: 1.0 is flat."""
        return self.last_third / self.baseline if self.baseline else float("nan")

    @property
    def trend(self) -> float:
        """The mean peak of the last third's cycles over the mean peak of as many first cycles (at
        least one each): 1.0 is flat.

        Two windows of the same length, each summed up the same way: `growth` compares the max of
        a third of the run with the max of one cycle, and the max of more bursts is higher whatever
        the trend (twelve 300 s cycles: the last third's four peaks against the first cycle's one).
        A run of less than two whole cycles has no two to compare: `growth` then."""
        if len(self.cycle_peaks) < 2:
            return self.growth
        count = max(1, len(self.cycle_peaks) // 3)
        first, last = self.cycle_peaks[:count], self.cycle_peaks[-count:]
        return (sum(last) / count) / (sum(first) / count)


@dataclass(frozen=True, slots=True)
class Threads:
    start: int
    peak: int
    end: int


def sample(pids: list[int]) -> Sample:
    """The tree under `pids` now; a process that has exited counts as nothing."""
    own = threads = children = 0
    rss = 0
    cpu = 0.0
    for pid in pids:
        try:
            process = psutil.Process(pid)
            with process.oneshot():
                own += process.memory_info().rss
                threads += process.num_threads()
                times = process.cpu_times()
            cpu += times.user + times.system + times.children_user + times.children_system
            descendants = process.children(recursive=True)
        except psutil.Error:
            continue
        for child in descendants:
            try:
                with child.oneshot():
                    rss += child.memory_info().rss
                    times = child.cpu_times()
            except psutil.Error:
                continue  # exited between the listing and the look: its CPU is in the parent's reaped count
            cpu += times.user + times.system
            children += 1
    return Sample(time.time(), own + rss, own, threads, children, cpu)


class Sampler:
    """Samples a process tree every `every` seconds on a daemon thread, from start() to stop()."""

    def __init__(self, pids: list[int], every: float) -> None:
        self.pids, self.every = pids, every
        self.samples: list[Sample] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="sampler", daemon=True)

    def start(self) -> Sampler:
        self.samples.append(sample(self.pids))
        self._thread.start()
        return self

    def stop(self) -> list[Sample]:
        """Stop sampling (one last sample first) and return the samples, oldest first."""
        self._done.set()
        self._thread.join()
        self.samples.append(sample(self.pids))
        return self.samples

    def _loop(self) -> None:
        while not self._done.wait(self.every):
            self.samples.append(sample(self.pids))


def write_samples(path: Path, samples: list[Sample]) -> None:
    """The samples as CSV with a header (the run's folder, for a plot)."""
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(f.name for f in fields(Sample))
        writer.writerows(astuple(s) for s in samples)


def memory(samples: list[Sample], start: float, interval: float) -> Memory:
    """Start, peak and end RSS; the last third's max against the max of the first cycle (from
    `start`, `interval` seconds; the first third when that window holds no sample after the first);
    and each whole cycle's max (the samples before `start` count in the first)."""
    first, last = samples[0].at, samples[-1].at
    baseline_end = start + interval
    baseline = [s.rss for s in samples if s.at <= baseline_end]
    if len(baseline) < 2:
        baseline = [s.rss for s in samples if s.at <= first + (last - first) / 3]
    tail = [s.rss for s in samples if s.at >= last - (last - first) / 3]
    return Memory(start=samples[0].rss, peak=max(s.rss for s in samples), end=samples[-1].rss,
                  baseline=max(baseline), last_third=max(tail), samples=len(samples),
                  own_peak=max(s.own_rss for s in samples), cycle_peaks=cycle_peaks(samples, start, interval))


def cycle_peaks(samples: list[Sample], start: float, interval: float) -> tuple[int, ...]:
    """The max RSS of each whole cycle from `start`. A cycle the samples cover to 95% counts as whole
    (the sampler stops with the daemon, a few seconds either side of the last cycle's end; what it
    saw after that end counts in the last cycle); one they end earlier inside is left out."""
    if interval <= 0:
        return ()
    whole = int((samples[-1].at - start) / interval + 0.05)
    if whole <= 0:
        return ()
    peaks = [0] * whole
    for s in samples:
        cycle = min(max(0, int((s.at - start) // interval)), whole - 1)
        peaks[cycle] = max(peaks[cycle], s.rss)
    return tuple(peaks)


def threads(samples: list[Sample]) -> Threads:
    return Threads(start=samples[0].threads, peak=max(s.threads for s in samples), end=samples[-1].threads)


def cpu_share(samples: list[Sample], begin: float, end: float) -> tuple[float, float]:
    """(CPU as a share of one core, the seconds it was measured over) between the first sample at
    or after `begin` and the last at or before `end`; NaN when fewer than two samples fall there."""
    inside = [s for s in samples if begin <= s.at <= end]
    if len(inside) < 2 or inside[-1].at <= inside[0].at:
        return float("nan"), 0.0
    seconds = inside[-1].at - inside[0].at
    return (inside[-1].cpu - inside[0].cpu) / seconds, seconds
