"""Send one notification through Apprise: the only module that knows the library.

Apprise reports a failed send by returning False and logging why; the log lines are captured so
the failure can be stored as one line on the delivery.
"""

from __future__ import annotations

from urllib.parse import quote

from monitor.errors import one_line

# apprise is imported where it is used: it costs 0.2 s, and every command and job process loads the
# config (which checks target URLs only when there are targets).


def is_valid_url(url: str) -> bool:
    """Whether Apprise knows how to send to this URL."""
    import apprise

    return bool(apprise.Apprise().add(url))


# Webhook kinds where Apprise sends extra headers written as "+Name=value" URL parameters: the
# message's idempotency key goes there, so a receiver can drop the one repeat a crash can cause.
_HEADER_SCHEMES = ("json://", "jsons://", "form://", "forms://", "xml://", "xmls://")


def with_idempotency_key(url: str, key: str) -> str:
    """The URL with an Idempotency-Key header added, where the service takes headers."""
    if not url.lower().startswith(_HEADER_SCHEMES):
        return url
    return f"{url}{'&' if '?' in url else '?'}{quote('+Idempotency-Key')}={quote(key)}"


def send(urls: tuple[str, ...], title: str, body: str, key: str | None = None) -> str | None:
    """Send a Markdown message to every URL; None when all took it, else why not (one line).

    `key` identifies the message (the same for every try), sent as an Idempotency-Key header to
    webhooks."""
    import apprise

    sender = apprise.Apprise()
    for url in urls:
        sender.add(with_idempotency_key(url, key) if key else url)
    with apprise.LogCapture(level=apprise.logging.WARNING, fmt="%(message)s") as captured:
        ok = sender.notify(title=title, body=body, body_format=apprise.NotifyFormat.MARKDOWN)
    if ok:
        return None
    return one_line(captured.getvalue() or "the service did not accept the message", 300)
