"""The context a process collects in: its config, compiled rules, fetcher, robots.txt rules, clock,
stop flag and parse pool."""

from __future__ import annotations

import functools
import threading
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from monitor.analysis import PackedRules, pack_rules
from monitor.dates import utc_now
from monitor.fetch import Fetcher, HostGate, HostGates
from monitor.models import Config
from monitor.parse_pool import ParsePool, parse_pool_for
from monitor.robots import Robots
from monitor.rules import CompiledRules, compile_rules


@dataclass
class Context:
    """What one process needs to collect: config, compiled rules, the fetcher and the robots.txt
    rules it has read, the clock, a stop flag and, when parsing is spread over processes, the parse
    pool. Built from the config in each process that runs jobs; never sent to another one."""

    config: Config
    compiled: CompiledRules
    fetcher: Fetcher
    clock: Callable[[], datetime] = utc_now
    stop: threading.Event = field(default_factory=threading.Event)
    parse_pool: ParsePool | None = None  # worker processes for the CPU-bound parse step, if any
    robots: Robots = field(init=False)

    def __post_init__(self) -> None:
        self.robots = Robots(self.fetcher, self.clock)

    @functools.cached_property
    def packed_rules(self) -> PackedRules:
        """The config's rules as they travel to the parse workers, pickled once (see PackedRules)."""
        return pack_rules(self.config.rules)

    @classmethod
    def build(cls, config: Config, clock: Callable[[], datetime] = utc_now,
              pool: ParsePool | Executor | None = None, auto_pool: bool = False,
              gate: HostGates | None = None) -> Context:
        """A context for a config. `pool` is where its documents are parsed: a ParsePool made
        already (`monitor run --once` starts its workers before its first thread:
        daemon.batch_parse_pool), or an Executor used for every document (benchmarks, tests);
        without one, `auto_pool` makes the pool settings.parse_processes asks for, and otherwise
        documents are parsed in the calling thread. `gate` keeps politeness per host (default: the
        fetcher's in-process one; see storage.host_gates)."""
        if isinstance(pool, Executor):
            pool = ParsePool.of(pool)
        elif pool is None and auto_pool:
            pool = parse_pool_for(config)
        return cls(config=config,
                   compiled=compile_rules(config.rules, config.settings.snippet_chars),
                   fetcher=Fetcher(config.settings, clock=clock, gate=gate), clock=clock, parse_pool=pool)

    def reconfigured(self, config: Config) -> Context:
        """A context for a re-read config that keeps this one's stop flag, parse pool and clock (and its
        fetcher and robots.txt cache when the settings did not change): the daemon's reload."""
        if config.settings == self.config.settings:
            fetcher = self.fetcher
        else:  # a shared gate (PostgreSQL's) is kept, with the new delay; the in-process one is made anew
            shared: HostGates | None = self.fetcher.gate
            if isinstance(shared, HostGate):
                shared = None
            elif shared is not None:
                shared.delay = config.settings.host_delay
            fetcher = Fetcher(config.settings, clock=self.clock, gate=shared)
        fresh = Context(config=config, compiled=compile_rules(config.rules, config.settings.snippet_chars),
                        fetcher=fetcher, clock=self.clock, stop=self.stop, parse_pool=self.parse_pool)
        if fetcher is self.fetcher:
            fresh.robots = self.robots
        return fresh

    def close(self) -> None:
        self.fetcher.close()
        if self.parse_pool is not None:
            self.parse_pool.shutdown()
