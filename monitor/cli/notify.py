"""`monitor notify status`: the notification targets and their delivery outbox."""

from __future__ import annotations

import json

import click

from monitor.cli.base import cli, config_option, handle_errors, load_config, print_table
from monitor.models import iso


@cli.group()
def notify() -> None:
    """Notification targets ([[notify]] in the config) and their deliveries."""


@notify.command("status")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@handle_errors
def notify_status(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """Each target: deliveries pending, failing, the last error and the last delivery."""
    from storage import open_store

    config = load_config(ctx, config_path)
    store = open_store(config)
    try:
        found = {status.target: status for status in store.delivery_status()}
    finally:
        store.close()
    names = [t.name for t in config.targets] + sorted(set(found) - {t.name for t in config.targets})
    rows = []
    for name in names:
        status = found.get(name)
        rows.append({"target": name, "configured": any(t.name == name for t in config.targets),
                     "pending": status.pending if status else 0, "failing": status.failing if status else 0,
                     "last_error": status.last_error if status else None,
                     "last_delivered_at": iso(status.last_delivered_at) if status else None})
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no notification targets (add [[notify]] tables to the config)")
        return
    table = [["target", "pending", "failing", "last delivery", "last error"]]
    table += [[f"{r['target']}{'' if r['configured'] else ' (removed)'}", str(r["pending"]), str(r["failing"]),
               str(r["last_delivered_at"] or "never"), str(r["last_error"] or "")] for r in rows]
    print_table(table)


@notify.command("test")
@config_option
@click.argument("name")
@click.pass_context
@handle_errors
def notify_test(ctx: click.Context, config_path: str | None, name: str) -> None:
    """Send a test message to target NAME now (nothing is stored)."""
    from monitor import deliver

    config = load_config(ctx, config_path)
    target = next((t for t in config.targets if t.name == name), None)
    if target is None:
        known = ", ".join(t.name for t in config.targets) or "none configured"
        raise click.UsageError(f"no notification target named {name!r} (known: {known})")
    error = deliver.send(target.urls, "media-monitor: test message",
                         f"A test message for the target **{name}**: alerts that pass its filters arrive here.")
    if error is not None:
        raise click.ClickException(f"notify: {name}: {error}")
    click.echo(f"sent a test message to {name}")
