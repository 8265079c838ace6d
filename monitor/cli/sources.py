"""`monitor sources`: the sources and their fetch state."""

from __future__ import annotations

import json

import click

from monitor.cli.base import (config_option, handle_errors, load_config, print_table, cli)
from monitor.dates import utc_now
from monitor.durations import format_duration


@cli.command()
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@handle_errors
def sources(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """List sources with their last fetch, outcome and item counts."""
    from storage import sources as source_rows
    from storage.db import open_store

    config = load_config(ctx, config_path)
    db = open_store(config.settings.database)
    try:
        source_rows.sync(db, config.sources, utc_now())
        rows = source_rows.overview(db)
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = [["name", "kind", "enabled", "every", "items", "last fetch", "outcome", "failures",
              "next fetch", "effective URL / path"]]
    problems = []
    for row in rows:
        state = "yes" if row["enabled"] else "no"
        if not row["in_config"]:
            state = "removed"
        outcome = row["last_outcome"] or "-"
        if row["gone_at"]:
            outcome = f"GONE since {row['gone_at'][:10]}"
        table.append([row["name"], row["kind"], state, format_duration(row["interval_seconds"]),
                      str(row["items"]), row["last_fetch"] or "never", outcome,
                      str(row["consecutive_failures"] or 0), row["next_fetch_at"] or "-",
                      (row["effective_url"] + " (moved)") if row["effective_url"] else row["location"]])
        if row["last_error"] and row["last_outcome"] not in ("ok", "not_modified", "unchanged"):
            problems.append(f"{row['name']}: {row['last_error']}")
    print_table(table)
    if problems:
        click.echo()
        for problem in problems:
            click.echo(problem)
