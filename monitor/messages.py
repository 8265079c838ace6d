"""What notifications say: one alert, several folded into one message, a digest, a spike, a silence.

Pure text: (title, Markdown body) pairs. Apprise sends the Markdown as HTML to services that take
HTML (mail, Teams) and as text to the rest.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from monitor.models import Alert, SilenceAlert, SpikeAlert, iso

DIGEST_STORIES_PER_RULE = 10  # a digest lists this many stories per rule, then "and N more"


def _marked(alert: Alert) -> str:
    """The alert's snippet with each matched term in bold."""
    snippet = " ".join(alert.snippet.split())
    for term in sorted({hit.text for hit in alert.hits if hit.field in ("summary", "body")}, key=len, reverse=True):
        snippet = snippet.replace(term, f"**{term}**")
    return snippet


def _sources(alert: Alert) -> str:
    sources = ", ".join(alert.copy_sources) or alert.source
    return sources + (f" — {alert.copies} copies" if alert.copies > 1 else "")


def alert_message(alert: Alert) -> tuple[str, str]:
    """One alert: rule, terms, headline, the passage with the match marked, link, sources and copies,
    published time."""
    lines = [f"**{alert.rule}** matched {', '.join(alert.terms)} ({alert.count}×)", "", f"### {alert.title}", "",
             f"> {_marked(alert)}", ""]
    if alert.url:
        lines.append(f"<{alert.url}>")
    lines.append(f"Source: {_sources(alert)}")
    lines.append(f"Published: {iso(alert.published_at) or 'unknown'}")
    if alert.from_update:
        lines.append("(raised by an update of an earlier article)")
    return f"{alert.rule}: {alert.title}", "\n".join(lines)


def _story_line(alert: Alert) -> list[str]:
    link = f"[{alert.title}]({alert.url})" if alert.url else alert.title
    return [f"- **{link}**", f"  {_sources(alert)}; published {iso(alert.published_at) or 'unknown'}; "
                             f"matched {', '.join(alert.terms)}", f"  > {_marked(alert)}"]


def _ranked(alerts: list[Alert]) -> list[Alert]:
    """One alert per story, most copies and sources first (then earliest)."""
    by_story: dict[int, Alert] = {}
    for alert in alerts:
        by_story.setdefault(alert.story_id if alert.story_id is not None else -alert.id, alert)
    return sorted(by_story.values(), key=lambda a: (-a.copies, -len(a.copy_sources), a.id))


def _by_rule(alerts: list[Alert], per_rule: int | None) -> list[str]:
    grouped: dict[str, list[Alert]] = defaultdict(list)
    for alert in alerts:
        grouped[alert.rule].append(alert)
    lines: list[str] = []
    for rule in sorted(grouped, key=lambda r: (-len(grouped[r]), r)):
        stories = _ranked(grouped[rule])
        lines += [f"## {rule} — {len(stories)} {'story' if len(stories) == 1 else 'stories'}", ""]
        shown = stories if per_rule is None else stories[:per_rule]
        for alert in shown:
            lines += _story_line(alert)
        if len(stories) > len(shown):
            lines.append(f"- and {len(stories) - len(shown)} more")
        lines.append("")
    return lines


def folded_message(alerts: list[Alert], why: str) -> tuple[str, str]:
    """Several alerts in one message (after quiet hours or a cool-down): by rule, then story."""
    if len(alerts) == 1:
        return alert_message(alerts[0])
    rules = sorted({a.rule for a in alerts})
    title = f"{len(alerts)} alerts ({', '.join(rules)})"
    return title, "\n".join([f"{len(alerts)} alerts {why}.", "", *_by_rule(alerts, None)]).rstrip()


def digest_message(target: str, alerts: list[Alert], start: datetime | None, end: datetime) -> tuple[str, str]:
    """A digest: by rule, then story ranked by copies and sources, with "and N more"."""
    stories = len({(a.rule, a.story_id) for a in alerts})
    period = f"{iso(start)} to {iso(end)}" if start else f"until {iso(end)}"
    title = f"Digest {target}: {stories} {'story' if stories == 1 else 'stories'} " \
            f"for {len({a.rule for a in alerts})} {'rule' if len({a.rule for a in alerts}) == 1 else 'rules'}"
    return title, "\n".join([f"Alerts {period}.", "", *_by_rule(alerts, DIGEST_STORIES_PER_RULE)]).rstrip()


def spike_message(spike: SpikeAlert) -> tuple[str, str]:
    """A spike: the rule, the hour, the count against its baseline, the top stories."""
    hour = spike.hour.strftime("%Y-%m-%d %H:00 UTC")
    title = f"Spike: {spike.rule} — {spike.count} stories in the hour from {hour}"
    lines = [f"**{spike.rule}** matched {spike.count} stories in the hour from {hour}; "
             f"it usually matches {spike.baseline:.1f} (chance of this many or more: {spike.p_value:.1e}).", ""]
    for story in spike.stories:
        link = f"[{story.title}]({story.url})" if story.url else story.title
        lines.append(f"- {link}" + (f" — {story.copies} copies" if story.copies > 1 else ""))
    return title, "\n".join(lines).rstrip()


def silence_message(silence: SilenceAlert) -> tuple[str, str]:
    """A source gone quiet, or failing."""
    what = "is failing" if silence.reason == "failing" else "has gone quiet"
    return (f"Source {silence.source} {what}",
            f"**{silence.source}** {what} since {iso(silence.since)}: {silence.detail}")


def recovered_message(silence: SilenceAlert, now: datetime) -> tuple[str, str]:
    """A silent source is back."""
    return (f"Source {silence.source} is back",
            f"**{silence.source}** delivers again ({silence.reason} since {iso(silence.since)}, "
            f"cleared {iso(now)}).")
