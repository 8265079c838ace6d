"""Charts as inline SVG text: a rule's stories per day or hour, with its spikes marked.

Server-side SVG, so the dashboard and the shared report render offline, with no script or font
from anywhere; a chart is a few kilobytes of markup that a browser, a mail client that shows HTML,
and a test's DOM query all read. Pure: data in, text out.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from monitor.models import RuleActivity

WIDTH = 640
HEIGHT = 180
_LEFT, _RIGHT, _TOP, _BOTTOM = 36, 8, 14, 26
BAR = "#3b6ea8"
SPIKE = "#c0392b"


def _label(moment: datetime, hourly: bool) -> str:
    return moment.strftime("%H:00") if hourly else moment.strftime("%d %b")


def _nice_top(peak: int) -> int:
    """The y axis's top: the peak rounded up to 1, 2 or 5 times a power of ten."""
    return next(m * 10 ** e for e in range(12) for m in (1, 2, 5) if m * 10 ** e >= peak)


def activity_chart(activity: RuleActivity, hourly: bool, width: int = WIDTH, height: int = HEIGHT) -> str:
    """An SVG bar chart of the rule's stories per bucket; spike buckets in red with a marker above."""
    counts = activity.counts
    spike_hours = {s.hour for s in activity.spikes}
    peak = max((count for _, count in counts), default=0)
    top = _nice_top(max(peak, 1))
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - _BOTTOM
    slot = plot_w / max(len(counts), 1)
    unit = "hour" if hourly else "day"
    title = f"{activity.rule}: {activity.total} stories, per {unit}" + (
        f", {len(activity.spikes)} spike{'s' if len(activity.spikes) != 1 else ''}" if activity.spikes else "")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="activity-chart" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'data-rule="{escape(activity.rule)}" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>",
             '<g font-family="sans-serif" font-size="10" fill="#555">',
             f'<text x="{_LEFT - 4}" y="{_TOP + 4}" text-anchor="end">{top}</text>',
             f'<text x="{_LEFT - 4}" y="{_TOP + plot_h}" text-anchor="end">0</text>',
             "</g>",
             f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{width - _RIGHT}" y2="{_TOP + plot_h}" stroke="#999"/>',
             f'<line x1="{_LEFT}" y1="{_TOP}" x2="{width - _RIGHT}" y2="{_TOP}" stroke="#eee"/>']
    label_every = max(1, len(counts) // 8)
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    for index, (start, count) in enumerate(counts):
        x = _LEFT + index * slot
        bar_h = plot_h * count / top
        in_spike = any(start <= hour < start + step for hour in spike_hours)
        colour = SPIKE if in_spike else BAR
        when = start.strftime("%Y-%m-%d %H:00 UTC" if hourly else "%Y-%m-%d")
        tip = f"{when}: {count} stor{'y' if count == 1 else 'ies'}"
        if count:
            parts.append(f'<rect class="bar{" spike" if in_spike else ""}" x="{x + slot * 0.1:.1f}" '
                         f'y="{_TOP + plot_h - bar_h:.1f}" width="{max(slot * 0.8, 1):.1f}" height="{bar_h:.1f}" '
                         f'fill="{colour}"><title>{escape(tip)}</title></rect>')
        if in_spike:
            cx = x + slot / 2
            parts.append(f'<path class="spike-marker" d="M{cx - 4:.1f},{_TOP - 10} L{cx + 4:.1f},{_TOP - 10} '
                         f'L{cx:.1f},{_TOP - 3} Z" fill="{SPIKE}"><title>spike: {escape(tip)}</title></path>')
        if index % label_every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - 8}" text-anchor="middle" font-family="sans-serif" '
                         f'font-size="10" fill="#555">{escape(_label(start, hourly))}</text>')
    parts.append("</svg>")
    return "".join(parts)
