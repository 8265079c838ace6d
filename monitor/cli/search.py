"""`monitor search`: full-text search over stored items."""

from __future__ import annotations

import json

import click

from monitor.cli.base import (config_option, handle_errors, load_config, cli)


@cli.command()
@config_option
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--raw", is_flag=True, help="Pass QUERY to SQLite FTS5 as is (operators, prefixes).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@click.pass_context
@handle_errors
def search(ctx: click.Context, config_path: str | None, query: str, limit: int, raw: bool, as_json: bool) -> None:
    """Full-text search over stored items (title, summary, body), best matches first."""
    import sqlite3

    from storage import items
    from storage.db import open_store

    config = load_config(ctx, config_path)
    db = open_store(config.settings.database)
    try:
        try:
            found = list(items.search(db, query if raw else items.fts_query(query), limit))
        except sqlite3.OperationalError as exc:
            raise click.ClickException(f"search: bad query {query!r}: {exc}") from None
    finally:
        db.close()
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("no matches")
    for row in found:
        click.echo(f"#{row['id']}  {row['title']}")
        click.echo(f"    {row['source']}  {row['url'] or '-'}  published {row['published_at'] or 'unknown'}")
        click.echo(f"    {' '.join(row['snippet'].split())}")
