"""`monitor sources`: the sources and their fetch state; add, rm, enable, disable, import, export.

The changes edit config.toml in place (monitor.config_edit): the file stays the one source of truth.
"""

from __future__ import annotations

import json

import click

from monitor.cli.base import (config_option, handle_errors, load_config, print_table, print_wrapped, cli)
from monitor.dates import utc_now
from monitor.durations import format_duration
from monitor.models import SourceOverview, iso


@cli.group(invoke_without_command=True)
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@handle_errors
def sources(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """List sources with their last fetch, outcome and item counts; add, remove, import, export them."""
    if config_path:
        ctx.obj = dict(ctx.obj or {}, config_path=config_path)
    if ctx.invoked_subcommand is not None:
        return
    from storage import open_store

    config = load_config(ctx, config_path)
    store = open_store(config)
    try:
        store.sync_sources(config.sources, utc_now())
        rows = store.source_overview()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([_as_json(row) for row in rows], indent=2, ensure_ascii=False))
        return
    table = [["name", "kind", "enabled", "every", "items", "last fetch", "outcome", "failures",
              "next fetch", "effective URL / path"]]
    problems = []
    for row in rows:
        state = "yes" if row.enabled else "no"
        if not row.in_config:
            state = "removed"
        outcome = row.last_outcome or "-"
        if row.gone_at:
            outcome = f"GONE since {row.gone_at.date().isoformat()}"
        table.append([row.name, row.kind, state, format_duration(row.interval),
                      str(row.items), iso(row.last_fetch_at) or "never", outcome,
                      str(row.consecutive_failures), iso(row.next_fetch_at) or "-",
                      (row.effective_url + " (moved)") if row.effective_url else row.location])
        if row.last_error and row.last_outcome not in ("ok", "not_modified", "unchanged"):
            problems.append(f"{row.name}: {row.last_error}")
    print_table(table)
    if problems:
        click.echo()
        for problem in problems:
            print_wrapped(problem)


def _as_json(row: SourceOverview) -> dict[str, object]:
    """The JSON of `monitor sources --json`: the names of the `sources` table's columns."""
    return {"name": row.name, "kind": row.kind, "location": row.location, "effective_url": row.effective_url,
            "enabled": int(row.enabled), "in_config": int(row.in_config), "interval_seconds": row.interval,
            "consecutive_failures": row.consecutive_failures, "next_fetch_at": iso(row.next_fetch_at),
            "last_success_at": iso(row.last_success_at), "gone_at": iso(row.gone_at),
            "last_fetch": iso(row.last_fetch_at), "last_outcome": row.last_outcome,
            "last_status": row.last_status, "last_error": row.last_error, "items": row.items}
