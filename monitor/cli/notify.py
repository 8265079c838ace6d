"""`monitor notify status|test|digest`: the notification targets and their delivery outbox."""

from __future__ import annotations

import json

import click

from monitor.cli.base import cli, config_option, handle_errors, load_config, pipeline_context, print_table
from monitor.models import Config, NotifyTarget, iso


@cli.group()
def notify() -> None:
    """Notification targets ([[notify]] in the config) and their deliveries."""


@notify.command("status")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@handle_errors
def notify_status(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """Each target: messages pending and failing, alerts held (quiet hours, cool-down, digest, copies),
    the last error and the last delivery."""
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
                     "mode": next((t.mode for t in config.targets if t.name == name), None),
                     "pending": status.pending if status else 0, "failing": status.failing if status else 0,
                     "held": status.held if status else 0,
                     "last_error": status.last_error if status else None,
                     "last_delivered_at": iso(status.last_delivered_at) if status else None})
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no notification targets (add [[notify]] tables to the config)")
        return
    table = [["target", "mode", "pending", "failing", "held", "last delivery", "last error"]]
    table += [[f"{r['target']}{'' if r['configured'] else ' (removed)'}", str(r["mode"] or ""), str(r["pending"]),
               str(r["failing"]), str(r["held"]), str(r["last_delivered_at"] or "never"), str(r["last_error"] or "")]
              for r in rows]
    print_table(table)


@notify.command("digest")
@config_option
@click.argument("name")
@click.option("--dry-run", is_flag=True, help="Print what the next digest would say; queue and send nothing.")
@click.pass_context
@handle_errors
def notify_digest(ctx: click.Context, config_path: str | None, name: str, dry_run: bool) -> None:
    """Print the next digest of target NAME (--dry-run), or send it now instead of at its time."""
    from monitor.models import TargetPlan
    from monitor.notify import digest_message, digest_preview
    from monitor.outbox import send_due
    from storage import open_store

    config = load_config(ctx, config_path)
    target = _target(config, name)
    if target.mode != "digest":
        raise click.UsageError(f"target {name!r} sends each alert as it comes (mode = \"instant\"), not digests")
    pipeline_ctx = pipeline_context(config)
    store = open_store(config)
    try:
        now = pipeline_ctx.clock()
        pending = store.unsent_deliveries(name, None)
        last = store.last_digest(name)
        fire, text = digest_preview(target, pending, last, now)
        when = f"next digest at {iso(fire)}" if fire else "no digest scheduled"
        if text is None:
            click.echo(f"{name}: nothing waiting ({when})")
            return
        if dry_run:
            click.echo(f"{when}\n\n# {text[0]}\n\n{text[1]}")
            return
        message = digest_message(target, pending, last, now)
        store.queue_plan(TargetPlan(messages=(message,)), now)
        sent = send_due(store, pipeline_ctx)
    finally:
        store.close()
        pipeline_ctx.close()
    click.echo(f"{name}: digest of {len(message.delivery_ids)} alert(s) queued; {sent} message(s) sent")


def _target(config: Config, name: str) -> NotifyTarget:
    target = next((t for t in config.targets if t.name == name), None)
    if target is None:
        known = ", ".join(t.name for t in config.targets) or "none configured"
        raise click.UsageError(f"no notification target named {name!r} (known: {known})")
    return target


@notify.command("test")
@config_option
@click.argument("name")
@click.pass_context
@handle_errors
def notify_test(ctx: click.Context, config_path: str | None, name: str) -> None:
    """Send a test message to target NAME now (nothing is stored)."""
    from monitor import deliver

    config = load_config(ctx, config_path)
    target = _target(config, name)
    error = deliver.send(target.urls, "media-monitor: test message",
                         f"A test message for the target **{name}**: alerts that pass its filters arrive here.")
    if error is not None:
        raise click.ClickException(f"notify: {name}: {error}")
    click.echo(f"sent a test message to {name}")
