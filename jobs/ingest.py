"""The callable APScheduler runs for a source. It takes plain arguments (the config file's path and
a source name), so a job can be persisted or handed to another process: each process builds what it
needs from the config once (`context_for`); a run's plan uses its pool thread's store connection and
its commit the process's writing connection (one per SQLite database; PostgreSQL's commits keep their
thread's), each opened at first use and kept until the runs are over (`uninstall`, `close_contexts`)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TypeVar

from monitor import aio
from monitor import config as config_file
from monitor.collect import Context, collect_async
from monitor.errors import ConfigError
from monitor.models import Collected, FetchJob, FetchRecord, Source
from monitor.pipeline import commit, ingest_source, plan
from monitor.step_pool import FINISH, START
from storage import Store, host_gates, is_postgres_url, open_store

log = logging.getLogger(__name__)
T = TypeVar("T")

_CONTEXTS: dict[str, Context] = {}
_READ: dict[str, tuple[int, int] | None] = {}  # the config file's (mtime, size) when its context was built
_GUARD = threading.Lock()
# Each pool thread's connection to each database, by (thread, database), and the process's writing
# connection to each SQLite database, by (None, database). Opening one per step (a run's plan, then
# its commit) cost a third of the daemon's CPU at 33 runs a second: the connect, its PRAGMAs and
# WAL check, and the close. A thread uses only its own; the writer, one step at a time (its turn).
_STORES: dict[tuple[int | None, str], Store] = {}
# A SQLite database takes one writer at a time whatever the number of connections, so every run's
# commit goes through one connection per database, in turn (its lock): a commit on another
# connection empties a connection's page cache, and with one per thread every commit began cold,
# reading the index pages it changes back from the write-ahead log. PostgreSQL takes writers in
# parallel: its commits keep their thread's connection.
_WRITER_TURNS: dict[str, threading.Lock] = {}


def install(ctx: Context) -> None:
    """Use this context for jobs of its config in this process (the daemon's: its stop flag, its pool)."""
    with _GUARD:
        _CONTEXTS[str(ctx.config.path)] = ctx


def uninstall(ctx: Context) -> None:
    """Forget a context installed by install(), once its runs are over; close the threads' stores."""
    with _GUARD:
        if _CONTEXTS.get(str(ctx.config.path)) is ctx:
            del _CONTEXTS[str(ctx.config.path)]
    close_stores()


def close_stores() -> None:
    """Close the store connections the pool threads kept (no run may be in flight)."""
    with _GUARD:
        stores = list(_STORES.values())
        _STORES.clear()
    for store in stores:
        try:
            store.close()
        except Exception as exc:  # closing is best effort: the process is done with them
            log.warning("store close failed error=%s", exc)


def _with_store(ctx: Context, step: Callable[[Store], T], *, writer: bool = False) -> T:
    """step(this thread's store for the context's database), or with `writer`, step(the process's
    writing store for it), one step at a time (SQLite; PostgreSQL's writers keep their thread's)."""
    database = str(ctx.config.settings.database)
    if not writer or is_postgres_url(database):
        return _step_on((threading.get_ident(), database), ctx, step, writer=False)
    with _GUARD:
        turn = _WRITER_TURNS.setdefault(database, threading.Lock())
    with turn:
        return _step_on((None, database), ctx, step, writer=True)


def with_writer(ctx: Context, step: Callable[[Store], T]) -> T:
    """step(the process's writing store), in its turn, for a short step beside the runs' commits (the
    alert log's read of what to write, and its marks): a commit on another connection would empty
    that connection's page cache, which every commit after it would then read back. PostgreSQL: a
    connection for the step alone (its server keeps the cache; a connection kept per pool thread
    would hold a session each)."""
    if is_postgres_url(str(ctx.config.settings.database)):
        store = open_store(ctx.config, migrate=False)
        try:
            return step(store)
        finally:
            store.close()
    return _with_store(ctx, step, writer=True)


def _step_on(key: tuple[int | None, str], ctx: Context, step: Callable[[Store], T], writer: bool) -> T:
    """step(the store kept under `key`, opened on first use); a store a step failed on is closed
    and forgotten rather than kept in a state nobody knows (a broken PostgreSQL connection)."""
    with _GUARD:
        store = _STORES.get(key)
    if store is None:
        store = open_store(ctx.config, migrate=False, writer=writer)
        with _GUARD:
            _STORES[key] = store
    try:
        return step(store)
    except BaseException:
        with _GUARD:
            _STORES.pop(key, None)
        store.close()
        raise


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
    committing run on the loop's step pool, each with a store connection of its own, a commit
    taken before any parse and a parse before any new run's read (monitor.step_pool)."""
    try:
        # A plain read, not context_for on the loop: a thread loading a config holds _GUARD for
        # seconds, and the loop must not wait on it. Once built, a context costs no thread hop.
        installed = _CONTEXTS.get(config_path)
        ctx = installed if installed is not None else await aio.in_thread(context_for, config_path, stage=START)
        if ctx.stop.is_set():
            return None
        source = ctx.config.source(source_name)
    except Exception as exc:
        log.error("job could not start source=%s error=%s", source_name, exc)
        return None
    job = await aio.in_thread(_plan, ctx, source, scheduled, stage=START)
    if job is None:
        return None
    collected = await collect_async(job, ctx)
    return await aio.in_thread(_commit, ctx, collected, stage=FINISH)


def _plan(ctx: Context, source: Source, scheduled: bool) -> FetchJob | None:
    return _with_store(ctx, lambda store: plan(store, source, ctx.clock(), scheduled=scheduled))


def _commit(ctx: Context, collected: Collected) -> FetchRecord:
    return _with_store(ctx, lambda store: commit(store, collected, ctx), writer=True)


def close_contexts() -> None:
    """Close the contexts this process built (fetchers, their gates' connections, parse pools)."""
    with _GUARD:
        contexts = list(_CONTEXTS.values())
        _CONTEXTS.clear()
    for ctx in contexts:
        ctx.close()
    close_stores()


def stop_contexts() -> None:
    """Set the stop flag of every context of this process: runs in flight stop between items."""
    with _GUARD:
        contexts = list(_CONTEXTS.values())
    for ctx in contexts:
        ctx.stop.set()
