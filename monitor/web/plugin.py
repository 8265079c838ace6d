"""The Datasette plugin of `monitor serve`: the dashboard page and acknowledging alerts from it.

Registered by monitor.web.serve on the Datasette it builds (not through an entry point, so other
Datasette instances in the same environment are left alone). Reads go through Datasette's
read-only connections; the one write, acknowledging alerts, runs queries.ACK_SQL on its write
connection, as the ack_alerts canned query does.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

from datasette import Forbidden, Response, hookimpl
from sqlite_utils import Database

from monitor.dates import utc_now
from storage.attention import attention
from monitor.web.queries import ACK_SQL
from monitor.web.view import context

PLUGIN = "media-monitor"
UNREVIEWED_SHOWN = 20
DEFAULT_DAYS = 14
MAX_DAYS = 366


def _settings(datasette: Any) -> tuple[str, list[str]]:
    config = datasette.plugin_config(PLUGIN) or {}
    name = config.get("database") or next(iter(datasette.databases))
    return name, list(config.get("rules") or [])


async def _allowed(datasette: Any, request: Any) -> None:
    if not await datasette.permission_allowed(request.actor, "view-instance", default=True):
        raise Forbidden("You need to sign in to see the dashboard")


def _period(args: Any) -> tuple[timedelta, bool]:
    """(how far back, hourly?) from ?hours=N or ?days=N (default 14 days), bounded."""
    def number(key: str) -> int | None:
        value = args.get(key)
        return int(value) if value and value.isdigit() and int(value) > 0 else None

    hours, days = number("hours"), number("days")
    if hours is not None and days is None:
        return timedelta(hours=min(hours, 24 * 7)), True
    return timedelta(days=min(days or DEFAULT_DAYS, MAX_DAYS)), False


async def dashboard(datasette: Any, request: Any) -> Any:
    await _allowed(datasette, request)
    name, rules = _settings(datasette)
    db = datasette.get_database(name)
    back, hourly = _period(request.args)
    now = utc_now()
    since = now - back
    seen = await db.execute_fn(lambda conn: attention(Database(conn), rules, since, now, hourly))
    unreviewed = await db.execute(
        "SELECT a.id, a.rule, a.created_at, a.snippet, i.title, i.url FROM alerts a JOIN items i ON i.id = a.item_id "
        "WHERE a.acked_at IS NULL ORDER BY a.id DESC LIMIT ?", [UNREVIEWED_SHOWN])
    total = (await db.execute("SELECT count(*) FROM alerts WHERE acked_at IS NULL")).first()[0]
    page = await datasette.render_template(
        "dashboard.html",
        {**context(seen), "database": name, "unreviewed": [dict(row) for row in unreviewed.rows],
         "unreviewed_total": total},
        request=request)
    return Response.html(page)


async def acknowledge(datasette: Any, request: Any) -> Any:
    """POST id=…&id=…: mark those alerts reviewed, back to the dashboard with a message."""
    if request.method != "POST":
        return Response.text("POST alert ids here", status=405)
    await _allowed(datasette, request)
    name, _ = _settings(datasette)
    form = parse_qs((await request.post_body()).decode("utf-8", "replace"))
    ids = sorted({int(value) for value in form.get("id", []) if value.isdigit()})
    if ids:
        await datasette.get_database(name).execute_write(ACK_SQL, {"ids": ",".join(map(str, ids))})
        datasette.add_message(request, f"Acknowledged {len(ids)} alert(s): {', '.join(f'#{i}' for i in ids)}",
                              datasette.INFO)
    else:
        datasette.add_message(request, "No alert selected", datasette.WARNING)
    return Response.redirect(datasette.urls.path("/-/dashboard"))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/dashboard$", dashboard), (r"^/-/dashboard/ack$", acknowledge)]


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/dashboard"), "label": "Dashboard"}]
