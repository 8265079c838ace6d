"""Which notification targets an alert goes to, what the message says, and when a failed delivery
is tried again. Pure: no network (monitor.deliver sends), no store (the outbox is the store's)."""

from __future__ import annotations

from monitor.backoff import backoff_delay
from monitor.models import Alert, NotifyTarget, iso

RETRY_FIRST = 30.0  # seconds after the first failure
RETRY_MAX = 3600.0  # a target down for hours is tried at least hourly, and gets everything once back


def targets_for(targets: tuple[NotifyTarget, ...], rule: str, source: str) -> list[str]:
    """The names of the targets an alert of this rule, on an item from this source, goes to."""
    return [t.name for t in targets if (not t.rules or rule in t.rules) and (not t.sources or source in t.sources)]


def retry_delay(attempts: int) -> float:
    """Seconds before the next try after `attempts` failed ones (capped exponential, with jitter)."""
    return backoff_delay(RETRY_FIRST, attempts, RETRY_MAX)


def message(alert: Alert) -> tuple[str, str]:
    """(title, Markdown body) of an alert's notification: rule, terms, headline, the passage with
    the match marked, link, source and copies, published time."""
    title = f"{alert.rule}: {alert.title}"
    snippet = alert.snippet
    for term in sorted({hit.text for hit in alert.hits if hit.field in ("summary", "body")}, key=len, reverse=True):
        snippet = snippet.replace(term, f"**{term}**")
    lines = [f"**{alert.rule}** matched {', '.join(alert.terms)} ({alert.count}×)", "", f"### {alert.title}", "",
             f"> {snippet}", ""]
    if alert.url:
        lines.append(f"<{alert.url}>")
    sources = ", ".join(alert.copy_sources) or alert.source
    lines.append(f"Source: {sources}" + (f" — {alert.copies} copies" if alert.copies > 1 else ""))
    lines.append(f"Published: {iso(alert.published_at) or 'unknown'}")
    if alert.from_update:
        lines.append("(raised by an update of an earlier article)")
    return title, "\n".join(lines)
