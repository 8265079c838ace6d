"""`monitor scheduler` and `monitor worker`: distributed mode, PostgreSQL as the store and the task
queue (jobs.queue). Both refuse, with one line and exit status 2, a `database` that is not a
postgresql:// URL."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

from monitor.cli.base import cli, config_option, handle_errors, load_config


@cli.command()
@config_option
@click.option("--max-sleep", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="Look at the sources' due times at least this often (seconds).")
@click.pass_context
@handle_errors
def scheduler(ctx: click.Context, config_path: str | None, max_sleep: float) -> None:
    """Queue a fetch job for each source when it is due, until SIGTERM or SIGINT (distributed mode).

    Any number may run: a source is never queued twice. SIGHUP re-reads the config's sources."""
    from jobs import queue

    config = load_config(ctx, config_path)
    queue.database_url(config)  # a SQLite store is refused before anything is opened
    stop, reload = threading.Event(), threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    def on_hangup(_signum: int, _frame: FrameType | None) -> None:
        reload.set()  # read at the next pass, within --max-sleep

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, on_hangup)
    try:
        queue.run_scheduler(config, stop, max_sleep=max_sleep, reload=reload)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@cli.command()
@config_option
@click.option("--concurrency", type=click.IntRange(min=1), default=None,
              help="Jobs run at the same time (default: settings.max_fetches, at most 32: the host gate's "
                   "sessions).")
@click.option("--heartbeat", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds between two heartbeats of this worker in the database.")
@click.option("--stalled-after", type=click.FloatRange(min=0.5), default=30.0, show_default=True,
              help="A worker whose heartbeat is this old is dead: its jobs are queued again.")
@click.pass_context
@handle_errors
def worker(ctx: click.Context, config_path: str | None, concurrency: int | None, heartbeat: float,
           stalled_after: float) -> None:
    """Run fetch jobs and the periodic work (alert log, notifications, checks, prune), until SIGTERM or
    SIGINT; the jobs in flight finish first (distributed mode)."""
    from jobs import queue
    from jobs.ingest import close_contexts

    config = load_config(ctx, config_path)
    queue.database_url(config)
    if stalled_after <= heartbeat:
        raise click.BadParameter("must be longer than --heartbeat", param_hint="--stalled-after")
    try:
        queue.run_worker(config, concurrency=concurrency, heartbeat=heartbeat,
                         stalled_after=stalled_after)
    finally:
        close_contexts()
