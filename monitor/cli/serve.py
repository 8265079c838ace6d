"""`monitor serve` (Datasette over the store, with the dashboard) and `monitor report` (a shareable HTML file)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click

from monitor.cli.base import cli, config_option, handle_errors, load_config, parse_since
from monitor.errors import ConfigError
from monitor.models import is_postgres


@cli.command()
@config_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback needs MONITOR_PASSWORD_HASH.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.pass_context
@handle_errors
def serve(ctx: click.Context, config_path: str | None, host: str, port: int) -> None:
    """Browse the store in Datasette: tables, search, canned queries and the dashboard (/-/dashboard)."""
    from monitor.web.serve import check_bind, check_port, serve as run_server
    from storage import open_store

    config = load_config(ctx, config_path)
    if is_postgres(config.settings.database):
        raise ConfigError(config.path.name, "settings.database",
                          "monitor serve browses a SQLite store (Datasette reads SQLite files); "
                          "query a PostgreSQL store with psql or any PostgreSQL client")
    auth = check_bind(host)
    check_port(host, port)
    open_store(config).close()  # create or upgrade the schema first: the server opens the file read-only
    click.echo(f"serving {config.settings.database} at http://{host}:{port}/ (dashboard: /-/dashboard)"
               + ("; password required" if auth else ""), err=True)
    run_server(config, host, port)


@cli.command()
@config_option
@click.option("--since", default="7d", show_default=True, help="Period: a duration back from now (7d, 48h) or a date.")
@click.option("--hourly", is_flag=True, help="Count per hour instead of per day (default for periods up to 48 h).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True, help="HTML file to write.")
@click.pass_context
@handle_errors
def report(ctx: click.Context, config_path: str | None, since: str, hourly: bool, output: Path) -> None:
    """Write one self-contained HTML report: stories per rule over time with spikes, top stories, sources."""
    from monitor.dates import utc_now
    from monitor.web.view import render_report
    from storage import open_store

    config = load_config(ctx, config_path)
    now = utc_now()
    start = parse_since(since, now)
    hourly = hourly or now - start <= timedelta(hours=48)
    store = open_store(config)
    try:
        seen = store.attention([rule.name for rule in config.rules], start, now, hourly)
    finally:
        store.close()
    html = render_report(seen, f"media-monitor report, {start:%Y-%m-%d} to {now:%Y-%m-%d}")
    output.write_text(html, encoding="utf-8")
    click.echo(f"wrote {output} ({len(html) // 1024 + 1} KB): {sum(a.total for a in seen.rules)} stories in "
               f"{len(seen.rules)} rule(s), {len(seen.sources)} source(s)")
