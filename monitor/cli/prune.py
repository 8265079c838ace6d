"""`monitor prune`: apply the `[retention]` policy now (the daemon's daily maintenance does the same)."""

from __future__ import annotations

import contextlib
import json

import click

from monitor.cli.base import cli, config_option, handle_errors, load_config
from monitor.dates import utc_now


@cli.command()
@config_option
@click.option("--dry-run", is_flag=True, help="Count what would be deleted, per table; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as a JSON object.")
@click.pass_context
@handle_errors
def prune(ctx: click.Context, config_path: str | None, dry_run: bool, as_json: bool) -> None:
    """Delete what [retention] lets go: old fetches, revisions and items (leaving tombstones), and the
    near-duplicate index of items older than settings.story_window; then compact the store."""
    from storage import checkpointing, open_store

    config = load_config(ctx, config_path)
    store = open_store(config)
    try:
        # A first prune of a large store writes for minutes; a dry run writes nothing.
        with contextlib.nullcontext() if dry_run else checkpointing(config):
            report = store.prune(config.retention, config.settings.story_window, utc_now(), dry_run=dry_run)
        freed = 0 if dry_run else store.compact()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps({"dry_run": dry_run, "rows": report.rows, "pages_freed": freed}, indent=2))
        return
    verb = "would delete" if dry_run else "deleted"
    for table, count in report.rows.items():
        click.echo(f"{table:<16} {count:>9}  {'tombstones written' if table == 'tombstones' else verb}")
    if not dry_run:
        click.echo(f"{'free pages':<16} {freed:>9}  returned to the file system")
