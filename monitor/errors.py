"""The ways input can be bad, each a one-line message that starts with its stage."""

from __future__ import annotations


def one_line(text: object, limit: int = 500) -> str:
    """Squash any text (an exception message, a server's reply) onto one bounded line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class MonitorError(Exception):
    """Base class: a problem with input that the monitor reports and survives."""

    stage = "monitor"

    def __init__(self, detail: str) -> None:
        self.detail = one_line(detail)
        super().__init__(f"{self.stage}: {self.detail}")


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

    def __init__(self, location: str, detail: str, *, outcome: str = "error",
                 http_status: int | None = None, retry_after: float | None = None) -> None:
        self.location = location
        self.outcome = outcome
        self.http_status = http_status
        self.retry_after = retry_after
        super().__init__(f"{location}: {detail}")


class RefusedURL(FetchError):
    """A URL that policy forbids us to fetch (scheme, or a private address)."""

    def __init__(self, location: str, detail: str) -> None:
        super().__init__(location, f"refused: {detail}", outcome="refused")


class ParseError(MonitorError):
    """Bytes were fetched but are not what the source kind expects."""

    def __init__(self, stage: str, location: str, detail: str) -> None:
        self.stage = stage
        self.location = location
        super().__init__(f"{location}: {detail}")


class StoreError(MonitorError):
    """The SQLite store refused an operation."""

    stage = "store"
