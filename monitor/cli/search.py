"""`monitor search`: full-text search over stored items."""

from __future__ import annotations

import json

import click

from monitor.cli.base import (config_option, handle_errors, load_config, cli)
from monitor.models import iso


def _language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from monitor import language  # (pycld2) only when --lang is given

    found = language.code(value)
    if found is None:
        raise click.BadParameter(f"expected a language code such as en, uk or pt, got {value!r}")
    return found


@cli.command()
@config_option
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="At most this many items.")
@click.option("--raw", is_flag=True, help="Pass QUERY to SQLite FTS5 as is (operators, prefixes).")
@click.option("--lang", "lang", callback=_language_code, metavar="CODE",
              help="Only items in this language (ISO 639-1: en, uk, pt; pt-BR counts as pt).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@click.pass_context
@handle_errors
def search(ctx: click.Context, config_path: str | None, query: str, limit: int, raw: bool, lang: str | None,
           as_json: bool) -> None:
    """Full-text search over stored items (title, summary, body), best matches first."""
    from storage import open_store

    config = load_config(ctx, config_path)
    store = open_store(config)
    try:
        found = store.search(query, limit, raw=raw, language=lang)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([{"id": hit.id, "title": hit.title, "url": hit.url, "source": hit.source,
                                "published_at": iso(hit.published_at), "language": hit.language,
                                "snippet": hit.snippet} for hit in found],
                              indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("no matches")
    for hit in found:
        click.echo(f"#{hit.id}  {hit.title}")
        click.echo(f"    {hit.source}  {hit.url or '-'}  published {iso(hit.published_at) or 'unknown'}"
                   + (f"  [{hit.language}]" if hit.language else ""))
        click.echo(f"    {' '.join(hit.snippet.split())}")
