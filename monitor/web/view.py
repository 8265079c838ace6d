"""What the dashboard and the report show, from an Attention value: charts, top stories, sources.

Pure: the store reads the data (storage.attention), monitor.charts draws, the templates lay out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from monitor.charts import activity_chart
from monitor.models import Attention, RuleActivity, SourceHealth, TopStory

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class RulePanel:
    """One rule on the page: its chart and its top stories."""

    activity: RuleActivity
    chart: Markup
    top: tuple[TopStory, ...]


def when(moment: datetime | None) -> str:
    """A time for a table cell: UTC, to the minute."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "never"


def health(source: SourceHealth) -> str:
    """ok | failing | silent | off: the one word a source's row is coloured by."""
    if not source.enabled:
        return "off"
    if source.consecutive_failures:
        return "failing"
    if source.silence:
        return "silent"
    return "ok"


def context(attention: Attention) -> dict[str, Any]:
    """The template variables shared by the dashboard and the report."""
    panels = [RulePanel(activity=a, chart=Markup(activity_chart(a, attention.hourly)),  # noqa: S704 (our own SVG)
                        top=tuple(t for t in attention.top if t.rule == a.rule))
              for a in sorted(attention.rules, key=lambda a: (-a.total, a.rule))]
    return {"attention": attention, "panels": panels, "when": when, "health": health,
            "period": f"{when(attention.since)} to {when(attention.until)} UTC",
            "unit": "hour" if attention.hourly else "day"}


def render_report(attention: Attention, title: str) -> str:
    """The shareable report: one HTML file, styles and charts inline, nothing fetched from anywhere."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("report.html").render(title=title, **context(attention))
