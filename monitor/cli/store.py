"""`monitor store copy SOURCE TARGET`: move a whole store to another database (a SQLite file to a
PostgreSQL server, or back), checked."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.cli.base import cli, handle_errors
from monitor.errors import StoreError
from monitor.models import database_label, is_postgres


@cli.group()
def store() -> None:
    """Operate on stores directly (no config needed)."""


@store.command("copy")
@click.argument("source")
@click.argument("target")
@handle_errors
def copy(source: str, target: str) -> None:
    """Copy every row of SOURCE into the empty store TARGET, then check the copy.

    Each is a SQLite file or a postgresql://user:password@host/database URL. SOURCE is read as of
    one moment (the daemon may go on writing it; what it writes after is not copied); TARGET is
    created and migrated if needed, written in one transaction, and must hold no sources, items
    or alerts. The copy is checked: every table's rows counted, a sample of items, stories and
    alerts compared.
    """
    from storage import TableStore, open_store
    from storage.copy import copy_store

    if not is_postgres(source) and not Path(source).is_file():
        raise StoreError(f"no database at {source}")

    def progress(table: str, rows: int) -> None:
        click.echo(f"\r{table}: {rows} rows", nl=False, err=True)

    origin = open_store(source, migrate=False)
    try:
        destination = open_store(target)
        try:
            assert isinstance(origin, TableStore) and isinstance(destination, TableStore)
            report = copy_store(origin, destination, progress=progress)
        finally:
            destination.close()
    finally:
        origin.close()
    click.echo("", err=True)
    total = sum(report.rows.values())
    click.echo(f"copied {database_label(source)} to {database_label(target)}: {total} rows in "
               f"{len(report.rows)} tables ({report.rows['items']} items, {report.rows['alerts']} alerts); "
               f"checked: row counts, {report.sampled} items, stories and alerts compared")
