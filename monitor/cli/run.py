"""`monitor run`: the daemon, or every source once."""

from __future__ import annotations

import sys
import threading

import click

from monitor.cli.base import (config_option, pipeline_context, handle_errors, load_config, print_table, cli,
                              progress_bar)
from monitor.models import FetchRecord, Outcome

# What the summary counts as errors and what makes the exit status 1: one list, so the two agree.
FAILED = frozenset({Outcome.ERROR, Outcome.REFUSED, Outcome.GONE})


@cli.command()
@config_option
@click.option("--once", is_flag=True,
              help="Run every enabled source once, print a summary, exit (a progress bar on a terminal).")
@click.pass_context
@handle_errors
def run(ctx: click.Context, config_path: str | None, once: bool) -> None:
    """Run the daemon: every enabled source on its interval, until SIGTERM or SIGINT."""
    from monitor.memory import lasting_objects

    with lasting_objects():  # the pipeline's imports and the config, as for the CLI's (monitor/__main__.py)
        from monitor import daemon

        config = load_config(ctx, config_path)
    # Before this process's first thread: a first run's parse workers are forked now, with the
    # pipeline imported already (parse_pool.start_method).
    pool = daemon.batch_parse_pool(config) if once else None
    try:
        pipeline_ctx = pipeline_context(config, pool)
    except BaseException:
        if pool is not None:
            pool.shutdown()
        raise
    try:
        if once:
            enabled = sum(1 for source in config.sources if source.enabled)
            with progress_bar("run --once", total=enabled, unit="source(s)") as bar:
                lock, finished = threading.Lock(), [0]

                def ended(_record: FetchRecord | None) -> None:
                    with lock:  # sources run on a thread pool
                        finished[0] += 1
                        bar.advance()
                        if finished[0] >= enabled:
                            bar.describe("checks and notifications")

                records = daemon.run_once(config, pipeline_ctx, on_record=ended)
            _print_records(records)
            sys.exit(1 if any(r.outcome in FAILED for r in records) else 0)
        sys.exit(daemon.run(config, pipeline_ctx))
    finally:
        pipeline_ctx.close()


def _print_records(records: list[FetchRecord]) -> None:
    rows = [["source", "outcome", "new", "updated", "duplicate", "alerts", "error"]]
    for r in records:
        rows.append([r.source, r.outcome.value, str(r.items_new), str(r.items_updated),
                     str(r.items_duplicate), str(r.alerts), r.error or r.warning or ""])
    print_table(rows)
    total_errors = sum(1 for r in records if r.outcome in FAILED)
    click.echo(f"{len(records)} source(s): {sum(r.items_new for r in records)} new, "
               f"{sum(r.items_updated for r in records)} updated, "
               f"{sum(r.items_duplicate for r in records)} duplicate, "
               f"{sum(r.alerts for r in records)} alert(s), {total_errors} error(s)")


@cli.command("reload")
@config_option
@click.pass_context
@handle_errors
def reload_daemon(ctx: click.Context, config_path: str | None) -> None:
    """Make the running daemon re-read its config (the same as sending it SIGHUP)."""
    import os
    import signal

    from monitor.daemon import pid_path

    config = load_config(ctx, config_path)  # a broken config is refused here, before the daemon sees it
    path = pid_path(config)
    try:
        pid = int(path.read_text(encoding="ascii").strip())
        os.kill(pid, signal.SIGHUP)
    except (OSError, ValueError):
        raise click.ClickException(f"no daemon running for {config.path.name} (no live process in {path})") from None
    click.echo(f"asked the daemon (pid {pid}) to reload {config.path.name}")
