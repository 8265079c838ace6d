"""The `monitor` command: parse arguments, print results, map errors to exit codes.

ConfigError → its one line on stderr, exit 2. Any other MonitorError → "Error: …", exit 1.
Tracebacks only with --debug.
"""

from __future__ import annotations

import functools
import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import click

from monitor import __version__, config as config_module, logs
from monitor.dates import parse_date, utc_now
from monitor.durations import format_duration, parse_duration
from monitor.errors import ConfigError, MonitorError
from monitor.models import Alert, Config, FetchRecord, Outcome, iso

DEFAULT_CONFIG = "config.toml"


def _config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                        envvar="MONITOR_CONFIG", show_envvar=True,
                        help=f"Config file (default: ./{DEFAULT_CONFIG}).")(func)


def _load(ctx: click.Context, config_path: str | None) -> Config:
    path = config_path or (ctx.obj or {}).get("config_path") or DEFAULT_CONFIG
    config = config_module.load(path)
    logs.configure((ctx.obj or {}).get("log_level") or config.settings.log_level)
    return config


def _errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our exceptions into one-line messages and exit codes at the edge."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = (click.get_current_context().find_root().obj or {}).get("debug")
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            if debug:
                raise
            click.echo(str(exc), err=True)
            sys.exit(2)
        except MonitorError as exc:
            if debug:
                raise
            raise click.ClickException(str(exc)) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="monitor")
@_config_option
@click.option("--debug", is_flag=True, help="Show tracebacks and DEBUG logs.")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, debug: bool) -> None:
    """Watch news sources, store every story once in SQLite, and alert on keywords."""
    ctx.obj = {"config_path": config_path, "debug": debug, "log_level": "DEBUG" if debug else None}


def _context(config: Config) -> Any:
    from monitor.pipeline import Context

    return Context.build(config)


@cli.command()
@_config_option
@click.option("--once", is_flag=True, help="Run every enabled source once, print a summary, exit.")
@click.pass_context
@_errors
def run(ctx: click.Context, config_path: str | None, once: bool) -> None:
    """Run the daemon: every enabled source on its interval, until SIGTERM or SIGINT."""
    from monitor import daemon

    config = _load(ctx, config_path)
    pipeline_ctx = _context(config)
    try:
        if once:
            records = daemon.run_once(config, pipeline_ctx)
            _print_records(records)
            sys.exit(1 if any(r.outcome is Outcome.ERROR for r in records) else 0)
        sys.exit(daemon.run(config, pipeline_ctx))
    finally:
        pipeline_ctx.close()


def _print_records(records: list[FetchRecord]) -> None:
    rows = [["source", "outcome", "new", "updated", "duplicate", "alerts", "error"]]
    for r in records:
        rows.append([r.source, r.outcome.value, str(r.items_new), str(r.items_updated),
                     str(r.items_duplicate), str(r.alerts), r.error or r.warning or ""])
    _table(rows)
    total_errors = sum(1 for r in records if r.outcome in (Outcome.ERROR, Outcome.REFUSED, Outcome.GONE))
    click.echo(f"{len(records)} source(s): {sum(r.items_new for r in records)} new, "
               f"{sum(r.items_updated for r in records)} updated, "
               f"{sum(r.items_duplicate for r in records)} duplicate, "
               f"{sum(r.alerts for r in records)} alert(s), {total_errors} error(s)")


def _table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())


@cli.command()
@_config_option
@click.argument("targets", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["feed", "page", "text"]), default=None,
              help="Treat every target as this kind (default: by suffix; URLs are pages).")
@click.pass_context
@_errors
def ingest(ctx: click.Context, config_path: str | None, targets: tuple[str, ...], kind: str | None) -> None:
    """Ingest files or URLs now, with the configured rules (filed under source `manual`)."""
    from monitor.pipeline import flush_alert_log, ingest_target
    from storage.db import open_store

    config = _load(ctx, config_path)
    pipeline_ctx = _context(config)
    db = open_store(config.settings.database)
    try:
        flush_alert_log(db, pipeline_ctx)
        records = []
        for target in targets:
            record = ingest_target(db, target, pipeline_ctx, kind)
            records.append(record if record.location == target else _named(record, target))
    finally:
        db.close()
        pipeline_ctx.close()
    rows = [["target", "outcome", "new", "updated", "duplicate", "alerts", "error"]]
    for r in records:
        rows.append([r.location, r.outcome.value, str(r.items_new), str(r.items_updated),
                     str(r.items_duplicate), str(r.alerts), r.error or r.warning or ""])
    _table(rows)
    sys.exit(1 if any(r.outcome is not Outcome.OK for r in records) else 0)


def _named(record: FetchRecord, target: str) -> FetchRecord:
    from dataclasses import replace

    return replace(record, location=target)


@cli.command()
@_config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@_errors
def sources(ctx: click.Context, config_path: str | None, as_json: bool) -> None:
    """List sources with their last fetch, outcome and item counts."""
    from storage import sources as source_rows
    from storage.db import open_store

    config = _load(ctx, config_path)
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
    _table(table)
    if problems:
        click.echo()
        for problem in problems:
            click.echo(problem)


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """A --since value: a duration back from now ("2h", "3d") or a date/time ("2021-12-01")."""
    now = now or utc_now()
    try:
        return now - timedelta(seconds=parse_duration(value))
    except ValueError:
        pass
    when, _ = parse_date(value)
    if when is None:
        raise click.BadParameter(f"expected a duration such as 2h or 3d, or a date such as 2021-12-01, got {value!r}")
    return when


@cli.group(invoke_without_command=True)
@_config_option
@click.option("--rule", "rules", multiple=True, help="Only alerts of this rule (repeatable).")
@click.option("--since", help="Only alerts created since: 2h, 3d, or a date such as 2021-12-01.")
@click.option("--unreviewed", is_flag=True, help="Only alerts not yet acknowledged.")
@click.option("--limit", default=50, show_default=True, help="At most this many alerts.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@click.pass_context
@_errors
def alerts(ctx: click.Context, config_path: str | None, rules: tuple[str, ...], since: str | None,
           unreviewed: bool, limit: int, as_json: bool) -> None:
    """Review alerts, newest first. `monitor alerts ack ID…` marks them reviewed."""
    if ctx.invoked_subcommand is not None:
        ctx.obj["alerts_config_path"] = config_path
        return
    from storage import alerts as alert_rows
    from storage.db import open_store

    config = _load(ctx, config_path)
    since_at = parse_since(since) if since else None
    db = open_store(config.settings.database)
    try:
        found = alert_rows.listing(db, rules=rules, since=since_at, unreviewed=unreviewed, limit=limit)
    finally:
        db.close()
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
@_config_option
@click.pass_context
@_errors
def alerts_ack(ctx: click.Context, ids: tuple[int, ...], config_path: str | None) -> None:
    """Mark alerts as reviewed."""
    from storage import alerts as alert_rows
    from storage.db import open_store

    config = _load(ctx, config_path or ctx.obj.get("alerts_config_path"))
    db = open_store(config.settings.database)
    try:
        done, missing = alert_rows.ack(db, list(ids), utc_now())
    finally:
        db.close()
    if done:
        click.echo(f"acknowledged {len(done)} alert(s): {', '.join(map(str, done))}")
    if missing:
        raise click.ClickException(f"no such alert: {', '.join(map(str, missing))}")


@cli.command()
@_config_option
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--raw", is_flag=True, help="Pass QUERY to SQLite FTS5 as is (operators, prefixes).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@click.pass_context
@_errors
def search(ctx: click.Context, config_path: str | None, query: str, limit: int, raw: bool, as_json: bool) -> None:
    """Full-text search over stored items (title, summary, body), best matches first."""
    import sqlite3

    from storage import items
    from storage.db import open_store

    config = _load(ctx, config_path)
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


def main() -> None:  # pragma: no cover - the console script
    cli()
