"""`monitor run`: the daemon, or every source once."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from typing import Iterator

import click

from monitor.cli.base import (Bar, config_option, pipeline_context, handle_errors, load_config, print_table, cli,
                              progress_bar)
from monitor.models import FetchRecord, Outcome

# The one line monitor.pipeline logs when a source's run ends (its _log_record), as format strings.
_END_OF_RUN = frozenset({"fetch %s", "source gone, re-checked daily %s"})


@cli.command()
@config_option
@click.option("--once", is_flag=True,
              help="Run every enabled source once, print a summary, exit (a progress bar on a terminal).")
@click.pass_context
@handle_errors
def run(ctx: click.Context, config_path: str | None, once: bool) -> None:
    """Run the daemon: every enabled source on its interval, until SIGTERM or SIGINT."""
    from monitor import daemon

    config = load_config(ctx, config_path)
    pipeline_ctx = pipeline_context(config)
    try:
        if once:
            enabled = sum(1 for source in config.sources if source.enabled)
            with progress_bar("run --once", total=enabled, unit="source(s)") as bar, _counting_runs(bar, enabled):
                records = daemon.run_once(config, pipeline_ctx)
            _print_records(records)
            sys.exit(1 if any(r.outcome is Outcome.ERROR for r in records) else 0)
        sys.exit(daemon.run(config, pipeline_ctx))
    finally:
        pipeline_ctx.close()


@contextlib.contextmanager
def _counting_runs(bar: Bar, total: int) -> Iterator[None]:
    """Advance the bar as each source's run ends.

    daemon.run_once reports nothing until every source is done, so the bar counts the line the
    pipeline logs at the end of each source's run. Below INFO (log_level = "WARNING") only failed
    runs are logged and the bar moves only for those.
    """
    if not bar.shown:
        yield
        return
    counter = _RunCounter(bar, total)
    logger = logging.getLogger("monitor.pipeline")
    logger.addFilter(counter)
    try:
        yield
    finally:
        logger.removeFilter(counter)


class _RunCounter(logging.Filter):
    """A filter that lets every record through and counts the ends of source runs."""

    def __init__(self, bar: Bar, total: int) -> None:
        super().__init__()
        self.bar, self.total, self.done = bar, total, 0
        self._lock = threading.Lock()  # sources run on a thread pool

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg in _END_OF_RUN:
            with self._lock:
                self.done += 1
                self.bar.advance()
                if self.done == self.total:
                    self.bar.describe("checks and notifications")
        return True


def _print_records(records: list[FetchRecord]) -> None:
    rows = [["source", "outcome", "new", "updated", "duplicate", "alerts", "error"]]
    for r in records:
        rows.append([r.source, r.outcome.value, str(r.items_new), str(r.items_updated),
                     str(r.items_duplicate), str(r.alerts), r.error or r.warning or ""])
    print_table(rows)
    total_errors = sum(1 for r in records if r.outcome in (Outcome.ERROR, Outcome.REFUSED, Outcome.GONE))
    click.echo(f"{len(records)} source(s): {sum(r.items_new for r in records)} new, "
               f"{sum(r.items_updated for r in records)} updated, "
               f"{sum(r.items_duplicate for r in records)} duplicate, "
               f"{sum(r.alerts for r in records)} alert(s), {total_errors} error(s)")
