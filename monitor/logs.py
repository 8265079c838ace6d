"""Logging for the process: one line per event on stderr, UTC time, level, logger, key=value fields.

`log_format = "json"` makes each line one JSON object instead (time, level, logger, message, and the
line's key=value fields as keys of their own) for journald and Loki. Only entry points (the CLI, the
daemon) call `configure`; library modules just log.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any


class _UTCFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))


# One key=value field as `fields` writes it: a bare value, or a quoted one with \" inside.
_FIELD = re.compile(r'(?:^|\s)([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|\S*)')
_RESERVED = frozenset({"time", "level", "logger", "message", "exception"})


class _JSONFormatter(logging.Formatter):
    """One JSON object per record: time (ISO UTC), level, logger, message, the message's key=value
    fields as keys (never overwriting the four), and the traceback, if any, as `exception`."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                    + f".{int(record.msecs):03d}Z",
            "level": record.levelname, "logger": record.name, "message": message,
        }
        for key, value in _FIELD.findall(message):
            if key not in _RESERVED and key not in line:
                if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
                    value = value[1:-1].replace('\\"', '"')
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


_CONFIGURED: tuple[str, str] | None = None


def configured() -> tuple[str, str] | None:
    """The (level, format) this process's logging was configured with, for its spawned workers."""
    return _CONFIGURED


def configure(level: str = "INFO", log_format: str = "text") -> None:
    """Send every logger's records to stderr in the house format (or as JSON lines); APScheduler's at WARNING."""
    global _CONFIGURED
    _CONFIGURED = (level, log_format)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JSONFormatter() if log_format == "json"
                         else _UTCFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
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
