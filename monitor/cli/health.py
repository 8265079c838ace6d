"""`monitor health`: exit 0 with "ok: …" or 1 with the first failed check, for cron, systemd timers
and orchestrators; `--json` prints every check."""

from __future__ import annotations

import json
import sys

import click

from monitor.cli.base import cli, config_option, handle_errors, load_config
from monitor.dates import utc_now
from monitor.durations import parse_duration


def _duration(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    try:
        return parse_duration(value)
    except ValueError:
        raise click.BadParameter(f"expected a duration such as 2m, 1h or 1d, got {value!r}") from None


def _size(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    from monitor.health import parse_size

    try:
        return parse_size(value)
    except ValueError:
        raise click.BadParameter(f"expected a size such as 1GB or 500MB, got {value!r}") from None


@cli.command()
@config_option
@click.option("--max-age", default="2m", show_default=True, callback=_duration,
              help="Oldest the daemon's heartbeat may be.")
@click.option("--no-daemon", is_flag=True, help="Skip the heartbeat check (no daemon: `run --once` from cron).")
@click.option("--failing-for", default="1d", show_default=True, callback=_duration,
              help="Longest an enabled source may fail without a success.")
@click.option("--min-free", default="1GB", show_default=True, callback=_size,
              help="Least free space in the database's folder.")
@click.option("--max-pending-age", default="1h", show_default=True, callback=_duration,
              help="Longest a due notification may wait undelivered.")
@click.option("--json", "as_json", is_flag=True, help="Print every check as JSON.")
@click.pass_context
@handle_errors
def health(ctx: click.Context, config_path: str | None, max_age: float, no_daemon: bool, failing_for: float,
           min_free: int, max_pending_age: float, as_json: bool) -> None:
    """Check the store, the daemon's heartbeat, sources, disk space and notifications: exit 0 or 1."""
    from monitor.health import Limits, check_all

    config = load_config(ctx, config_path)
    checks = check_all(config, Limits(max_age=max_age, failing_for=failing_for, min_free=min_free,
                                      max_pending_age=max_pending_age, daemon=not no_daemon), utc_now())
    healthy = all(check.ok for check in checks)
    if as_json:
        click.echo(json.dumps({"ok": healthy, "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail}
                                                          for c in checks]}, indent=2, ensure_ascii=False))
    elif healthy:
        click.echo("ok: " + "; ".join(f"{c.name}: {c.detail}" for c in checks))
    else:
        failed = [c for c in checks if not c.ok]
        more = f" (+{len(failed) - 1} more failed check(s))" if len(failed) > 1 else ""
        click.echo(f"{failed[0].name}: {failed[0].detail}{more}")
    sys.exit(0 if healthy else 1)
