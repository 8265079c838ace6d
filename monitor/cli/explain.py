"""`monitor explain`: why an item did or did not match each rule."""

from __future__ import annotations

import json

import click

from monitor.cli.base import config_option, handle_errors, load_config


@click.command()
@config_option
@click.argument("item")
@click.option("--rule", "rules", multiple=True, help="Only this rule (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handle_errors
def explain(ctx: click.Context, config_path: str | None, item: str, rules: tuple[str, ...], as_json: bool) -> None:
    """Show why ITEM (an item id or its URL) did or did not match each rule."""
    from monitor.rules import compile_rules, explain as explain_rules
    from monitor.urls import canonical_url
    from storage import open_store

    config = load_config(ctx, config_path)
    chosen = [r for r in config.rules if not rules or r.name in rules]
    unknown = set(rules) - {r.name for r in config.rules}
    if unknown:
        raise click.UsageError(f"no rule named {', '.join(sorted(unknown))}")
    store = open_store(config)
    try:
        item_id = int(item) if item.isdigit() else None
        if item_id is None:
            item_id = store.item_id_for_url(canonical_url(item) or item)
        stored = store.item(item_id) if item_id is not None else None
    finally:
        store.close()
    if stored is None:
        raise click.ClickException(f"no such item: {item}")
    lines = explain_rules(compile_rules(chosen, config.settings.snippet_chars), stored)
    if as_json:
        click.echo(json.dumps([{"rule": name, "matched": fired, "why": why} for name, fired, why in lines],
                              indent=2, ensure_ascii=False))
        return
    click.echo(f"#{item_id}  {stored.title}")
    for name, fired, why in lines:
        click.echo(f"  {'MATCH' if fired else 'no   '}  {name}: {why}")
