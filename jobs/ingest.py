"""The callable APScheduler runs for a source. It takes plain arguments (the config file's path and
a source name), so a job can be persisted or handed to another process: each process builds what it
needs from the config once (`context_for`) and opens a store per run."""

from __future__ import annotations

import logging
import os
import threading

from monitor import aio
from monitor import config as config_file
from monitor.collect import Context, collect_async
from monitor.errors import ConfigError
from monitor.models import Collected, FetchJob, FetchRecord, Source
from monitor.pipeline import commit, ingest_source, plan
from storage import host_gates, open_store

log = logging.getLogger(__name__)

_CONTEXTS: dict[str, Context] = {}
_READ: dict[str, tuple[int, int] | None] = {}  # the config file's (mtime, size) when its context was built
_GUARD = threading.Lock()


def install(ctx: Context) -> None:
    """Use this context for jobs of its config in this process (the daemon's: its stop flag, its pool)."""
    with _GUARD:
        _CONTEXTS[str(ctx.config.path)] = ctx


def uninstall(ctx: Context) -> None:
    """Forget a context installed by install()."""
    with _GUARD:
        if _CONTEXTS.get(str(ctx.config.path)) is ctx:
            del _CONTEXTS[str(ctx.config.path)]


def context_for(config_path: str) -> Context:
    """This process's context for a config file, built on first use."""
    with _GUARD:
        ctx = _CONTEXTS.get(config_path)
        if ctx is None:
            _READ[config_path] = _stamp(config_path)
            config = config_file.load(config_path)
            ctx = _CONTEXTS[config_path] = Context.build(config, auto_pool=True, gate=host_gates(config.settings))
        return ctx


def refresh(config_path: str) -> None:
    """Re-read a config file that changed since this process built its context (a distributed worker:
    the scheduler was reloaded with new sources). A config that does not load is logged, and the
    running one kept until the file changes again."""
    with _GUARD:
        ctx = _CONTEXTS.get(config_path)
        stamp = _stamp(config_path)
        if ctx is None or stamp == _READ.get(config_path):
            return
        _READ[config_path] = stamp
        try:
            config = config_file.load(config_path)
        except ConfigError as exc:
            log.error("reload refused, the running config stays error=%s", exc)
            return
        _CONTEXTS[config_path] = ctx.reconfigured(config)
    log.info("config reloaded sources=%d", sum(1 for source in config.sources if source.enabled))


def _stamp(config_path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(config_path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def run_source(config_path: str, source_name: str, scheduled: bool = True) -> FetchRecord | None:
    """Ingest one configured source; a store connection per run because jobs run on pool threads.

    Scheduled runs respect the source's stored next fetch time (back-off, Retry-After, gone).
    """
    try:
        ctx = context_for(config_path)
        if ctx.stop.is_set():
            return None
        source = ctx.config.source(source_name)
        store = open_store(ctx.config, migrate=False)
    except Exception as exc:
        log.error("job could not start source=%s error=%s", source_name, exc)
        return None
    try:
        # The alert log is written by the daemon's flush job (or at the end of run --once).
        return ingest_source(store, source, ctx, scheduled=scheduled, flush_log=False)
    finally:
        store.close()


async def run_source_async(config_path: str, source_name: str, scheduled: bool = True) -> FetchRecord | None:
    """`run_source` as a coroutine on the process's event loop (the daemon's jobs): the fetch is a
    task that holds no thread while it waits on the server; reading the store, parsing and
    committing run on the loop's thread pool, each with a store connection of its own."""
    try:
        ctx = await aio.in_thread(context_for, config_path)
        if ctx.stop.is_set():
            return None
        source = ctx.config.source(source_name)
    except Exception as exc:
        log.error("job could not start source=%s error=%s", source_name, exc)
        return None
    job = await aio.in_thread(_plan, ctx, source, scheduled)
    if job is None:
        return None
    collected = await collect_async(job, ctx)
    return await aio.in_thread(_commit, ctx, collected)


def _plan(ctx: Context, source: Source, scheduled: bool) -> FetchJob | None:
    store = open_store(ctx.config, migrate=False)
    try:
        return plan(store, source, ctx.clock(), scheduled=scheduled)
    finally:
        store.close()


def _commit(ctx: Context, collected: Collected) -> FetchRecord:
    store = open_store(ctx.config, migrate=False)
    try:
        return commit(store, collected, ctx)
    finally:
        store.close()


def close_contexts() -> None:
    """Close the contexts this process built (fetchers, their gates' connections, parse pools)."""
    with _GUARD:
        contexts = list(_CONTEXTS.values())
        _CONTEXTS.clear()
    for ctx in contexts:
        ctx.close()


def stop_contexts() -> None:
    """Set the stop flag of every context of this process: runs in flight stop between items."""
    with _GUARD:
        contexts = list(_CONTEXTS.values())
    for ctx in contexts:
        ctx.stop.set()
