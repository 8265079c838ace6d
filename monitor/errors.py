"""The ways input can be bad, each a one-line message that starts with its stage.

Each error type carries the `Outcome` a fetch record gets when it ends a run, so the pipeline
reads `exc.outcome` instead of guessing from the exception's attributes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from monitor.models import Outcome


def one_line(text: object, limit: int = 500) -> str:
    """Squash any text (an exception message, a server's reply) onto one bounded line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def warnings_line(warnings: Iterable[str], limit: int = 1000) -> str | None:
    """A run's warnings on one bounded line: each distinct one once, in the order first met, with
    its count when it came more than once ("…: an entry with no title and no text (×9)"). Repeats
    used up the line, and the warnings after them were cut off."""
    counts = Counter(warnings)  # in the order first met
    return one_line("; ".join(text if n == 1 else f"{text} (×{n})" for text, n in counts.items()), limit) or None


def item_failure(link: str | None, stage: str, exc: BaseException) -> str:
    """The one line that says an item was skipped: which item, at which stage, why."""
    what = str(exc) if isinstance(exc, MonitorError) else f"{type(exc).__name__}: {exc}"
    return one_line(f"item {link or '(no link)'}: {stage}: {what}")


class MonitorError(Exception):
    """Base class: a problem with input that the monitor reports and survives."""

    stage = "monitor"
    outcome: Outcome = Outcome.ERROR
    http_status: int | None = None
    retry_after: float | None = None  # seconds the other side asked us to wait

    def __init__(self, detail: str) -> None:
        self.detail = one_line(detail)
        super().__init__(f"{self.stage}: {self.detail}")

    def __reduce__(self) -> tuple[Any, ...]:
        # An error raised in a parse worker travels back pickled. Exception's own pickling calls
        # the class with `args` (the message alone), which no subclass's __init__ takes: the
        # parent failed to read the result, and the process pool broke for every document in flight.
        return _unpickled, (type(self), self.args, dict(self.__dict__))


def _unpickled(cls: type[MonitorError], args: tuple[Any, ...], state: dict[str, Any]) -> MonitorError:
    """A pickled MonitorError made again: its message and attributes, without its __init__."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ConfigError(MonitorError):
    """The configuration file cannot be used; names the file, the key and the problem."""

    stage = "config"

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        where = f"{file}: {key}" if key else file
        MonitorError.__init__(self, f"{where}: {problem}")

    def __str__(self) -> str:
        # The file name already says where we are; "config:" in front reads as noise.
        return self.detail


class FetchError(MonitorError):
    """Bytes could not be had from a location."""

    stage = "fetch"

    def __init__(self, location: str, detail: str, *, http_status: int | None = None) -> None:
        self.location = location
        self.http_status = http_status
        super().__init__(f"{location}: {detail}")


class RateLimited(FetchError):
    """The server asked us to come back later (429, 503); not counted as a failure."""

    outcome = Outcome.RATE_LIMITED

    def __init__(self, location: str, detail: str, *, http_status: int,
                 retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(location, detail, http_status=http_status)


class Gone(FetchError):
    """The server says the location is gone for good (410)."""

    outcome = Outcome.GONE


class RefusedURL(FetchError):
    """A URL that policy forbids us to fetch (scheme, or a private address)."""

    outcome = Outcome.REFUSED

    def __init__(self, location: str, detail: str) -> None:
        self.reason = detail
        super().__init__(location, f"refused: {detail}")


class Interrupted(MonitorError):
    """The process is stopping: a parsed document was not stored, so it must be fetched again."""

    stage = "pipeline"
    outcome = Outcome.SKIPPED

    def __init__(self, location: str) -> None:
        super().__init__(f"{location}: stopped before its items were stored; they will be next time")


class ParseError(MonitorError):
    """Bytes were fetched but are not what the source kind expects."""

    def __init__(self, stage: str, location: str, detail: str) -> None:
        self.stage = stage
        self.location = location
        super().__init__(f"{location}: {detail}")


class QuerySyntaxError(MonitorError):
    """A rule query that does not parse: says where and what was expected."""

    stage = "query"

    def __init__(self, position: int, expected: str, found: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.position = position  # 1-based, in the whole query
        self.expected, self.found = expected, found
        where = f"line {line}, column {column}" if line is not None else f"position {position}"
        super().__init__(f"{where}: expected {expected}, found {found}")

    def __str__(self) -> str:
        # Shown inside a config error or after "--query": the position is the whole story.
        return self.detail


class StoreError(MonitorError):
    """The store refused an operation (the database file is unusable, locked, full…)."""

    stage = "store"


class BadSearchQuery(StoreError):
    """A full-text query the store's index cannot run."""

    stage = "search"
