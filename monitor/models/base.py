"""What the value types share: web addresses told from others, ISO 8601 times in UTC written and
read, pickling by field values, line breaks escaped for one-line logs, the store's label.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, TypeVar

WEB_SCHEMES = ("http://", "https://")


def is_web_url(text: str) -> bool:
    """Whether a location is an http(s) URL (anything else configured is a local path)."""
    return text[:8].lower().startswith(WEB_SCHEMES)


def is_postgres(database: Path | str) -> bool:
    """Whether the configured database is a PostgreSQL server's URL (else a SQLite file)."""
    return isinstance(database, str) and database.startswith(("postgresql://", "postgres://"))


def database_label(database: Path | str) -> str:
    """The database as logs and messages name it: a file's path, or a URL without its password."""
    if not is_postgres(database):
        return str(database)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(database))
    if parts.password is None:
        return str(database)
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def iso(value: datetime | None) -> str | None:
    """ISO 8601 text for an aware datetime, with seconds precision and a Z suffix."""
    global _last_iso
    if value is None:
        return None
    last = _last_iso
    if value is last[0]:
        return last[1]
    text = value.isoformat(timespec="seconds").replace("+00:00", "Z")
    _last_iso = (value, text)
    return text


# The last datetime iso() wrote and its text: storing an item writes the document's one `now` about
# eight times (first seen, sighting, story, alert…), 0.9 µs each, 40 ms of a cold run's 5,000 items
# in the process that stores them. The datetime is held, so no other object can take its address
# and pass `is`; value and text are one tuple, so no thread reads one call's datetime with another's text.
_last_iso: tuple[datetime | None, str] = (None, "")


def from_iso(value: str | None) -> datetime | None:
    """The aware UTC datetime of a text written by iso() (None stays None)."""
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


_Class = TypeVar("_Class", bound=type)


def pickled_by_fields(cls: _Class) -> _Class:
    """Pickle a frozen dataclass as its class and its field values, made again through __init__.

    With slots, dataclasses pickle through a __getstate__ and __setstate__ of their own that call
    fields() and object.__setattr__ field by field, in Python. Parsed documents come back from the
    parse workers as thousands of these (Item, AnalysedItem, Signature, Match, Hit): the 5,000 items
    of 100 documents took 197-210 ms to pickle in the workers and 200-208 ms to unpickle in the
    store's process, 157-159 and 166-171 ms this way (bench/README.md, thirteenth session). For
    classes whose fields are all __init__ arguments, without a __post_init__ (checked here), so
    that __init__ makes the same object again."""
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields) or hasattr(cls, "__post_init__") or len(fields) < 2:
        raise TypeError(f"{cls.__name__} cannot be pickled by its fields")
    values: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*(f.name for f in fields))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls


# str.splitlines() breaks on these besides \n and \r; JSON leaves them raw when ensure_ascii=False.
_LINE_BREAKING = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKERS = str.maketrans({c: f"\\u{ord(c):04x}" for c in _LINE_BREAKING})
_HAS_LINE_BREAKER = re.compile(f"[{_LINE_BREAKING}]")


def escape_line_breaks(text: str) -> str:
    """Escape the characters a line reader could split on, inside a JSON document."""
    # translate() looks every character up in a dict: a search first spares nearly every line that.
    return text.translate(_LINE_BREAKERS) if _HAS_LINE_BREAKER.search(text) else text
