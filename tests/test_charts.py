"""monitor.charts and monitor.web.view: the SVG charts and the self-contained report. Pure: no store."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from monitor.charts import activity_chart
from monitor.models import Attention, RuleActivity, SourceHealth, SpikeAlert, TopStory
from monitor.web.view import render_report

DAY = timedelta(days=1)
T0 = datetime(2022, 1, 10, tzinfo=timezone.utc)


def _activity(rule: str = "NATO", counts: tuple[int, ...] = (0, 2, 5, 1), spike_day: int | None = None) -> RuleActivity:
    spikes = () if spike_day is None else (SpikeAlert(rule=rule, hour=T0 + spike_day * DAY + timedelta(hours=14),
                                                      count=9, baseline=0.4, p_value=1e-9),)
    return RuleActivity(rule=rule, counts=tuple((T0 + n * DAY, c) for n, c in enumerate(counts)), spikes=spikes)


def test_a_bar_per_non_empty_bucket_scaled_to_a_round_top() -> None:
    svg = activity_chart(_activity(), hourly=False)
    assert svg.startswith("<svg") and svg.endswith("</svg>") and 'role="img"' in svg
    bars = re.findall(r'<rect class="bar" [^>]*height="([\d.]+)"', svg)
    assert len(bars) == 3  # the empty day draws nothing
    heights = [float(h) for h in bars]
    assert heights[1] == max(heights) and heights[1] / heights[0] == 2.5  # 5 and 2 against one axis
    assert ">5</text>" in svg  # the axis top: the peak rounded to 1, 2 or 5 × 10^n
    assert "NATO: 8 stories, per day" in svg and "2022-01-12: 5 stories" in svg


def test_the_spike_bucket_is_red_and_marked() -> None:
    svg = activity_chart(_activity(spike_day=2), hourly=False)
    assert svg.count('class="bar spike"') == 1 and svg.count('class="spike-marker"') == 1
    assert "1 spike" in svg
    assert 'class="bar spike"' not in activity_chart(_activity(), hourly=False)


def test_hourly_labels_and_an_all_zero_period() -> None:
    hourly = RuleActivity(rule="Crimea", counts=tuple((T0 + timedelta(hours=h), 0) for h in range(48)))
    svg = activity_chart(hourly, hourly=True)
    assert "<rect" not in svg and ">00:00</text>" in svg and "per hour" in svg


def test_rule_names_and_titles_are_escaped() -> None:
    svg = activity_chart(_activity(rule='<script>alert("x")</script>'), hourly=False)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_report_is_one_file_that_needs_nothing_from_the_network() -> None:
    attention = Attention(
        since=T0, until=T0 + 3 * DAY, hourly=False,
        rules=(_activity(spike_day=2), _activity("Donbas", (1, 0, 0, 0))),
        top=(TopStory(rule="NATO", story_id=7, title="Envoys meet <in> Geneva", url="https://news.example/7",
                      copies=4, sources=("wire", "daily"), first_seen_at=T0),),
        sources=(SourceHealth(name="wire", kind="feed", enabled=True, last_outcome="error", consecutive_failures=3,
                              last_error="HTTP 503", last_success_at=None, last_item_at=T0, items=12),))
    html = render_report(attention, "Weekly report")
    assert html.count('class="activity-chart"') == 2
    assert html.index('data-rule="NATO"') < html.index('data-rule="Donbas"')  # busiest rule first
    assert "Envoys meet &lt;in&gt; Geneva" in html and "4 copies" in html and "wire, daily" in html
    assert '<tr class="mm-failing">' in html and "HTTP 503" in html
    assert "<script" not in html and not re.search(r'(src|href)="(?!https://news\.example/)', html)
    assert "@import" not in html and "url(" not in html
