"""Durations as people write them in config and on the command line: "90s", "15m", "2h", "1d"."""

from __future__ import annotations

import re

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)


def parse_duration(value: object) -> float:
    """Seconds for "15m" / "2h" / 30; ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        found = _DURATION.match(str(value))
        if not found:
            raise ValueError(value)
        seconds = float(found.group(1)) * _UNITS[(found.group(2) or "s").lower()]
    if seconds < 0:
        raise ValueError(value)
    return seconds


def format_duration(seconds: float) -> str:
    """The shortest exact spelling of a duration ("15m", "1d", "45s")."""
    for unit in ("w", "d", "h", "m"):
        if seconds >= _UNITS[unit] and seconds % _UNITS[unit] == 0:
            return f"{int(seconds // _UNITS[unit])}{unit}"
    return f"{seconds:g}s"
