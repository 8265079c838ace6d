"""`monitor story`: a story's items, where each was seen, and its alerts."""

from __future__ import annotations

import json

import click

from monitor.cli.base import config_option, handle_errors, load_config, print_table, print_wrapped
from monitor.models import iso


@click.command()
@config_option
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handle_errors
def story(ctx: click.Context, config_path: str | None, story_id: int, as_json: bool) -> None:
    """List the items of story STORY_ID, the sources that delivered them, and its alerts."""
    from storage import open_store

    config = load_config(ctx, config_path)
    store = open_store(config)
    try:
        found = store.story(story_id)
        members = store.story_members(story_id) if found else []
        copies, sources = store.story_copies(story_id) if found else (0, ())
        alerts = store.story_alerts(story_id) if found else []
    finally:
        store.close()
    if found is None:
        raise click.ClickException(f"no such story: {story_id}")
    if as_json:
        click.echo(json.dumps({
            "story": {"id": found.id, "first_item_id": found.first_item_id, "title": found.title,
                      "created_at": iso(found.created_at), "updated_at": iso(found.updated_at)},
            "copies": copies, "sources": list(sources),
            "items": [{"id": m.id, "title": m.title, "url": m.url, "publisher": m.publisher,
                       "published_at": iso(m.published_at), "first_seen_at": iso(m.first_seen_at),
                       "story_reason": m.reason, "story_similarity": m.similarity, "sources": ",".join(m.sources)}
                      for m in members],
            "alerts": [{"id": a.id, "rule": a.rule, "created_at": iso(a.created_at), "item_id": a.item_id,
                        "from_update": int(a.from_update)} for a in alerts],
        }, indent=2, ensure_ascii=False))
        return
    print_wrapped(f"story {story_id}: {found.title}")
    print_wrapped(f"  first seen {iso(found.created_at)}, {len(members)} item(s), {copies} copy(ies) from "
                  f"{len(sources)} source(s): {', '.join(sources)}", indent="    ")
    rows = [["item", "first seen", "sources", "joined by", "similarity", "title / url"]]
    for member in members:
        similarity = f"{member.similarity:.2f}" if member.similarity is not None else "-"
        rows.append([f"#{member.id}", iso(member.first_seen_at) or "-", ",".join(member.sources) or "-",
                     member.reason or "-", similarity, f"{member.title}  {member.url or ''}".strip()])
    print_table(rows)
    if alerts:
        print_wrapped("alerts: " + ", ".join(f"#{a.id} {a.rule}" + (" (update)" if a.from_update else "")
                                             for a in alerts))
