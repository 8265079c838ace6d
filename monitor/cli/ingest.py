"""`monitor ingest`: files or URLs now."""

from __future__ import annotations

import sys

import click

from monitor.cli.base import (config_option, pipeline_context, handle_errors, load_config, print_table, cli,
                              progress_bar)
from monitor.models import FetchRecord, Outcome
from monitor.sources import DOCUMENT_KINDS


@cli.command()
@config_option
@click.argument("targets", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS), default=None,
              help="Treat every target as this kind (default: by suffix; URLs are pages).")
@click.pass_context
@handle_errors
def ingest(ctx: click.Context, config_path: str | None, targets: tuple[str, ...], kind: str | None) -> None:
    """Ingest files or URLs now, with the configured rules (filed under source `manual`); a progress bar
    on a terminal."""
    from monitor.outbox import deliver_pending
    from monitor.pipeline import flush_alert_log, ingest_target
    from storage import checkpointing, open_store

    config = load_config(ctx, config_path)
    pipeline_ctx = pipeline_context(config)
    store = open_store(config)
    try:
        flush_alert_log(store, pipeline_ctx)
        records = []
        with checkpointing(config) as checkpoints:
            with progress_bar("ingest", total=len(targets), unit="target(s)") as bar:
                for target in targets:
                    bar.describe(f"ingest {_short(target)}")
                    record = ingest_target(store, target, pipeline_ctx, kind)
                    records.append(record if record.location == target else _named(record, target))
                    bar.advance()
            checkpoints.copy_back()  # on the checkpoint thread, beside the alert log's writing (as run --once)
            flush_alert_log(store, pipeline_ctx, settle=0)
            if config.targets:
                deliver_pending(store, pipeline_ctx)
        store.maintain()
    finally:
        store.close()
        pipeline_ctx.close()
    rows = [["target", "outcome", "new", "updated", "duplicate", "alerts", "error"]]
    for r in records:
        rows.append([r.location, r.outcome.value, str(r.items_new), str(r.items_updated),
                     str(r.items_duplicate), str(r.alerts), r.error or r.warning or ""])
    print_table(rows)
    sys.exit(1 if any(r.outcome is not Outcome.OK for r in records) else 0)


def _named(record: FetchRecord, target: str) -> FetchRecord:
    from dataclasses import replace

    return replace(record, location=target)


def _short(target: str, room: int = 40) -> str:
    """A target's end, which tells one file or URL from the next, at most `room` characters."""
    return target if len(target) <= room else "…" + target[-(room - 1):]
