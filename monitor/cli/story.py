"""`monitor story`: a story's items, where each was seen, and its alerts."""

from __future__ import annotations

import json

import click

from monitor.cli.base import config_option, handle_errors, load_config, print_table


@click.command()
@config_option
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handle_errors
def story(ctx: click.Context, config_path: str | None, story_id: int, as_json: bool) -> None:
    """List the items of story STORY_ID, the sources that delivered them, and its alerts."""
    from storage import alerts as alert_rows
    from storage import stories as story_rows
    from storage.db import open_store

    config = load_config(ctx, config_path)
    db = open_store(config.settings.database)
    try:
        found = story_rows.get(db, story_id)
        members = story_rows.items_of(db, story_id) if found else []
        copies, sources = story_rows.copies(db, story_id) if found else (0, ())
        alerts = alert_rows.of_story(db, story_id) if found else []
    finally:
        db.close()
    if found is None:
        raise click.ClickException(f"no such story: {story_id}")
    if as_json:
        click.echo(json.dumps({"story": found, "copies": copies, "sources": list(sources), "items": members,
                               "alerts": alerts}, indent=2, ensure_ascii=False))
        return
    click.echo(f"story {story_id}: {found['title']}")
    click.echo(f"  first seen {found['created_at']}, {len(members)} item(s), {copies} copy(ies) from "
               f"{len(sources)} source(s): {', '.join(sources)}")
    rows = [["item", "first seen", "sources", "joined by", "similarity", "title / url"]]
    for member in members:
        similarity = f"{member['story_similarity']:.2f}" if member["story_similarity"] is not None else "-"
        rows.append([f"#{member['id']}", member["first_seen_at"], member["sources"] or "-",
                     member["story_reason"] or "-", similarity, f"{member['title']}  {member['url'] or ''}".strip()])
    print_table(rows)
    if alerts:
        click.echo("alerts: " + ", ".join(f"#{a['id']} {a['rule']}" + (" (update)" if a["from_update"] else "")
                                          for a in alerts))
