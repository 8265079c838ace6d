"""Logging for the process: one line per event on stderr, UTC time, level, logger, key=value fields.

Only entry points (the CLI, the daemon) call `configure`; library modules just log.
"""

from __future__ import annotations

import logging
import sys
import time


class _UTCFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))


def configure(level: str = "INFO") -> None:
    """Send every logger's records to stderr in the house format; APScheduler's at WARNING."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_UTCFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # Apprise's own lines would repeat what the "notification failed" line already says (deliver
    # captures them into it).
    logging.getLogger("apprise").propagate = False
    for noisy in ("httpx", "httpcore", "trafilatura", "charset_normalizer", "htmldate", "courlan"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # usp (sitemaps) logs each parse, and what it finds wrong under a placeholder URL; the sitemap
    # kind reports those problems itself, on the fetch, naming the sitemap.
    logging.getLogger("usp").setLevel(logging.CRITICAL)


def fields(**values: object) -> str:
    """key=value pairs for a log line; values with spaces are quoted, newlines escaped."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        text = str(value).replace("\n", "\\n")
        if not text or any(c in text for c in ' "='):
            text = '"' + text.replace('"', '\\"') + '"'
        parts.append(f"{key}={text}")
    return " ".join(parts)
