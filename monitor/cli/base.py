"""The `monitor` command group and what its commands share: config loading, error mapping, tables.

ConfigError → its one line on stderr, exit 2. Any other MonitorError → "Error: …", exit 1.
Tracebacks only with --debug.
"""

from __future__ import annotations

import functools
import sys
from datetime import datetime, timedelta
from typing import Any, Callable

import click

from monitor import __version__, config as config_module, logs
from monitor.dates import parse_date, utc_now
from monitor.durations import parse_duration
from monitor.errors import ConfigError, MonitorError
from monitor.models import Config

DEFAULT_CONFIG = "config.toml"


def config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                        envvar="MONITOR_CONFIG", show_envvar=True,
                        help=f"Config file (default: ./{DEFAULT_CONFIG}).")(func)


def load_config(ctx: click.Context, config_path: str | None) -> Config:
    path = config_path or (ctx.obj or {}).get("config_path") or DEFAULT_CONFIG
    config = config_module.load(path)
    logs.configure((ctx.obj or {}).get("log_level") or config.settings.log_level)
    return config


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
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
@config_option
@click.option("--debug", is_flag=True, help="Show tracebacks and DEBUG logs.")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, debug: bool) -> None:
    """Watch news sources, store every story once in SQLite, and alert on keywords."""
    ctx.obj = {"config_path": config_path, "debug": debug, "log_level": "DEBUG" if debug else None}


def pipeline_context(config: Config) -> Any:
    from monitor.collect import Context

    return Context.build(config, auto_pool=True)


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())


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
