"""`monitor backup PATH`: a consistent copy of the live store, taken while the daemon writes."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.cli.base import cli, config_option, handle_errors, load_config
from monitor.models import database_label, is_postgres
from monitor.errors import StoreError


@cli.command()
@config_option
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.pass_context
@handle_errors
def backup(ctx: click.Context, config_path: str | None, path: Path, force: bool) -> None:
    """Copy the database to PATH as of one moment (SQLite's online backup), safe while the daemon runs."""
    from storage import open_store

    config = load_config(ctx, config_path)
    postgres = is_postgres(config.settings.database)
    if not postgres:
        database = Path(config.settings.database)
        if not database.exists():
            raise StoreError(f"no database at {database}")
        if path.resolve() == database.resolve():
            raise StoreError(f"backup: {path} is the database itself")
    store = open_store(config, migrate=False)
    try:
        size = store.backup(path, force=force)
    finally:
        store.close()
    if postgres:
        click.echo(f"backed up {database_label(config.settings.database)} to {path} with pg_dump ({size} bytes)")
    else:
        click.echo(f"backed up {Path(config.settings.database)} to {path} ({size} bytes)")
