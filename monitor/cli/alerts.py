"""`monitor alerts`, `monitor alerts ack` and `monitor alerts unack`: review alerts."""

from __future__ import annotations

import json
from typing import Any

import click

from monitor.cli.base import (config_option, handle_errors, load_config, cli, parse_since)
from monitor.dates import utc_now
from monitor.models import Alert, iso


@cli.group(invoke_without_command=True)
@config_option
@click.option("--rule", "rules", multiple=True, help="Only alerts of this rule (repeatable).")
@click.option("--since", help="Only alerts created since: 2h, 3d, or a date such as 2021-12-01.")
@click.option("--unreviewed", is_flag=True, help="Only alerts not yet acknowledged.")
@click.option("--source", "sources", multiple=True,
              help="Only alerts whose story this source delivered (any copy; repeatable).")
@click.option("--story", "stories", multiple=True, type=int, help="Only alerts of this story (repeatable).")
@click.option("--text", help="Only alerts whose item has all these words in its title, summary or body.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1), help="At most this many alerts.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@click.pass_context
@handle_errors
def alerts(ctx: click.Context, config_path: str | None, rules: tuple[str, ...], since: str | None,
           unreviewed: bool, sources: tuple[str, ...], stories: tuple[int, ...], text: str | None, limit: int,
           as_json: bool) -> None:
    """Review alerts, newest first; the filters combine. `monitor alerts ack ID…` marks alerts reviewed,
    `monitor alerts unack ID…` marks them not reviewed again."""
    if ctx.invoked_subcommand is not None:
        ctx.obj["alerts_config_path"] = config_path
        return
    from storage import open_store

    config = load_config(ctx, config_path)
    since_at = parse_since(since) if since else None
    store = open_store(config)
    try:
        found = store.alerts(rules=rules, since=since_at, unreviewed=unreviewed, limit=limit, sources=sources,
                             stories=stories, text=text)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([_alert_json(a) for a in found], indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("no alerts")
        return
    for alert in found:
        _print_alert(alert)


def _alert_json(alert: Alert) -> dict[str, Any]:
    record = json.loads(alert.to_json())
    record["hits"] = [{"term": h.term, "field": h.field, "start": h.start, "end": h.end, "text": h.text}
                      for h in alert.hits]
    record["acked_at"] = iso(alert.acked_at)
    return record


def _print_alert(alert: Alert) -> None:
    mark = " " if alert.acked_at is None else "✓"
    copies = f"  [{alert.copies} copies]" if alert.copies > 1 else ""
    update = "  (from an update)" if alert.from_update else ""
    click.echo(f"{mark} #{alert.id}  {iso(alert.created_at)}  {alert.rule}: {', '.join(alert.terms)} "
               f"×{alert.count}{copies}{update}")
    click.echo(f"    {alert.title}")
    click.echo(f"    {alert.source}  {alert.url or '-'}  published {iso(alert.published_at) or 'unknown'}")
    click.echo(f"    {alert.snippet}")
    click.echo()


@alerts.command("ack")
@click.argument("ids", nargs=-1, type=int, required=True)
@config_option
@click.pass_context
@handle_errors
def alerts_ack(ctx: click.Context, ids: tuple[int, ...], config_path: str | None) -> None:
    """Mark alerts as reviewed."""
    _review(ctx, config_path, ids, reviewed=True)


@alerts.command("unack")
@click.argument("ids", nargs=-1, type=int, required=True)
@config_option
@click.pass_context
@handle_errors
def alerts_unack(ctx: click.Context, ids: tuple[int, ...], config_path: str | None) -> None:
    """Mark alerts as not reviewed (the reverse of ack)."""
    _review(ctx, config_path, ids, reviewed=False)


def _review(ctx: click.Context, config_path: str | None, ids: tuple[int, ...], reviewed: bool) -> None:
    """Set the review state of alerts; the ones that exist are set even when others do not (exit 1)."""
    from storage import open_store

    config = load_config(ctx, config_path or ctx.obj.get("alerts_config_path"))
    store = open_store(config)
    try:
        done, missing = store.ack_alerts(list(ids), utc_now()) if reviewed else store.unack_alerts(list(ids))
    finally:
        store.close()
    if done:
        click.echo(f"{'acknowledged' if reviewed else 'unacknowledged'} {len(done)} alert(s): "
                   f"{', '.join(map(str, done))}")
    if missing:
        raise click.ClickException(f"no such alert: {', '.join(map(str, missing))}")
