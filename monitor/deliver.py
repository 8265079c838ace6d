"""Send one notification through Apprise: the only module that knows the library.

Apprise reports a failed send by returning False and logging why; the log lines are captured so
the failure can be stored as one line on the delivery.
"""

from __future__ import annotations

import apprise

from monitor.errors import one_line


def is_valid_url(url: str) -> bool:
    """Whether Apprise knows how to send to this URL."""
    return bool(apprise.Apprise().add(url))


def send(urls: tuple[str, ...], title: str, body: str) -> str | None:
    """Send a Markdown message to every URL; None when all took it, else why not (one line)."""
    sender = apprise.Apprise()
    for url in urls:
        sender.add(url)
    with apprise.LogCapture(level=apprise.logging.WARNING) as captured:
        ok = sender.notify(title=title, body=body, body_format=apprise.NotifyFormat.MARKDOWN)
    if ok:
        return None
    return one_line(captured.getvalue() or "the service did not accept the message", 300)
