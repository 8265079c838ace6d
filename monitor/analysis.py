"""The CPU-only part of ingestion: parse a document, normalize its entries, and analyse each item
(rule matches, story signature). No database, no network: it runs in the parse pool's worker
processes when there is one, and the pipeline only stores what comes back.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from monitor import sources as kinds
from monitor.errors import ParseError
from monitor.models import AnalysedItem, Config, Item, RawDocument, Rule
from monitor.normalize import normalize
from monitor.rules import CompiledRules, compile_rules, match
from monitor.stories import signature, story_text

AUTO_POOL_SOURCES = 10


def _quiet_worker() -> None:
    # The parent process decides when to stop; a SIGINT or SIGTERM sent to the whole process
    # group (Ctrl-C, systemd's default KillMode) must not kill a worker under a document. A worker
    # whose parent died without stopping it (SIGKILL) ends itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def parse_pool_for(config: Config) -> Executor | None:
    """A process pool for prepare(), or None when parsing in the fetching threads is better."""
    wanted = config.settings.parse_processes
    if wanted == 0:
        enabled = sum(1 for source in config.sources if source.enabled)
        wanted = (os.cpu_count() or 1) if enabled >= AUTO_POOL_SOURCES else 1
    if wanted <= 1:
        return None
    # spawn: the daemon has threads by the time the pool starts its workers, and fork() of a
    # threaded process can copy a held lock. Spawned workers are plain children of this process.
    return ProcessPoolExecutor(max_workers=wanted, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_quiet_worker)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document's entries, parsed, normalized and analysed (picklable: it may come from a worker)."""

    items: tuple[AnalysedItem, ...]
    warnings: tuple[str, ...] = ()


def analyse(item: Item, compiled: CompiledRules) -> AnalysedItem:
    """What an item's text says before it is stored: its rule matches and its story signature."""
    found = signature(story_text(item.title, item.summary, item.body))
    return AnalysedItem(item=item, matches=tuple(match(compiled, item)),
                        signature=found.to_bytes() if found is not None else None,
                        shingles=found.shingles if found is not None else 0)


@functools.lru_cache(maxsize=4)
def _compiled(rules: tuple[Rule, ...], snippet_chars: int) -> CompiledRules:
    return compile_rules(rules, snippet_chars)  # once per worker process and rule set


def prepare(doc: RawDocument, suspect_age: float, rules: tuple[Rule, ...] = (), snippet_chars: int = 240,
            compiled: CompiledRules | None = None) -> Prepared:
    """Parse a document, normalize and analyse its entries: CPU work only, no database, no network."""
    compiled = compiled or _compiled(rules, snippet_chars)
    parsed = kinds.parse(doc)
    warnings = [parsed.warning] if parsed.warning else []
    prepared: list[AnalysedItem] = []
    for entry in parsed.entries:
        try:
            item = normalize(entry, doc, timedelta(seconds=suspect_age))
        except ParseError as exc:
            warnings.append(str(exc))
            continue
        prepared.append(analyse(item, compiled))
    return Prepared(tuple(prepared), tuple(warnings))
