"""The configuration as values: sources, rules, settings with their defaults, notification targets
and retention, checked and made by monitor.config.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor import __version__
from monitor.models.base import is_web_url

if TYPE_CHECKING:
    from monitor.schedule import DigestSchedule, QuietHours


@dataclass(frozen=True, slots=True)
class Source:
    """A configured source (config → everything)."""

    name: str
    kind: str  # feed | page | text | sitemap | folder
    location: str  # an http(s) URL or an absolute path
    interval: float = 900.0  # seconds
    enabled: bool = True
    full_text: bool = False
    allow_private: bool = False
    max_bytes: int | None = None
    ignore_robots: bool = False  # fetch its articles even where robots.txt disallows them
    sitemap_window: float = 2 * 86400.0  # sitemap: how recent (seconds) an article must be to be read
    tags: tuple[str, ...] = ()  # plain labels (OPML folders, "News/World" for nested ones)
    timezone: str | None = None  # IANA zone of the dates it writes without one; None: their language's, flagged

    @property
    def is_url(self) -> bool:
        return is_web_url(self.location)


@dataclass(frozen=True, slots=True)
class Rule:
    """A keyword rule (config → rules): any term matches, unless the query says otherwise."""

    name: str
    terms: tuple[str, ...] = ()
    query: str | None = None
    sources: tuple[str, ...] = ()
    exclude_terms: tuple[str, ...] = ()
    exclude_sources: tuple[str, ...] = ()
    spike_sensitivity: float = 4.0  # standard deviations; 0 turns spike alerts off for the rule
    spike_min_count: int = 5  # stories in the hour, at least
    spike_cooldown: float = 6 * 3600.0  # seconds between two spike alerts of the rule
    forms: tuple[str, ...] = ()  # ISO 639-1 languages whose inflected forms of the terms also match
    # tag → the sources carrying it, for the tag: fields of the query (filled from the config)
    tag_sources: tuple[tuple[str, tuple[str, ...]], ...] = ()


def setting(default: Any, kind: str, help: str, minimum: float | None = None) -> Any:
    """A `[settings]` key: its default as written in TOML, its kind, its one-line help.

    The Settings dataclass below is the one declaration of the settings: monitor.config validates
    against it, and the README reference and tests/test_docs.py read it.
    """
    return field(metadata={"default": default, "kind": kind, "help": help, "minimum": minimum})


@dataclass(frozen=True, slots=True)
class Settings:
    """Process-wide settings from `[settings]` (values already checked and converted)."""

    database: Path | str = setting("data/monitor.db", "database",
                                   "SQLite database file, or a postgresql://user:password@host/db URL")
    alert_log: Path = setting("data/alerts.jsonl", "path", "JSON Lines file every new alert is appended to")
    user_agent: str = setting(f"media-monitor/{__version__}", "str",
                              "User-Agent product token; the contact is appended")
    contact: str | None = setting(None, "str",
                                  "how a site owner reaches you (URL or e-mail), sent in the User-Agent")
    timeout: float = setting("20s", "duration", "connect and read timeout for one request (at least 0.1s)",
                             minimum=0.1)
    deadline: float = setting("60s", "duration",
                              "overall time limit for one fetch, redirects included (at least 0.1s)", minimum=0.1)
    max_bytes: int = setting(10_000_000, "int", "largest body accepted, after decompression (at least 1)", minimum=1)
    max_items: int = setting(5000, "int", "entries read from one document; the rest are dropped with a warning",
                             minimum=1)
    max_redirects: int = setting(5, "int", "redirects followed before a fetch fails")
    host_delay: float = setting("1s", "duration", "pause between two requests to the same host")
    max_backoff: float = setting("6h", "duration", "longest wait after repeated failures")
    suspect_age: float = setting("30d", "duration",
                                 "a published date further than this from first sight is flagged as suspect")
    snippet_chars: int = setting(240, "int", "length of the passage stored with an alert (at least 40)", minimum=40)
    story_window: float = setting("14d", "duration", "how far back near-duplicate stories are looked for")
    story_threshold: float = setting(
        0.5, "fraction", "estimated text similarity (Jaccard of word 5-grams) from which an item joins a story")
    story_containment: float = setting(
        0.6, "fraction", "estimated share of the smaller text inside the larger from which it joins that story")
    alert_delay: float = setting(
        "30s", "duration", "wait before writing an alert to the log, so copies from other sources are counted in it")
    workers: int = setting(
        4, "int", "threads that read, parse and store sources' documents at the same time (at least 1)", minimum=1)
    max_fetches: int = setting(
        256, "int", "HTTP requests in flight at once, across all hosts; waiting ones hold no thread (at least 1)",
        minimum=1)
    parse_processes: int = setting(
        0, "int", "processes that parse and analyse documents; 0: one per core while parsing takes half a core or more, "
        "and in a `run --once` whose parsing still to come would take 2 s or more")
    log_level: str = setting("INFO", "level", "DEBUG, INFO, WARNING or ERROR")
    log_format: str = setting(
        "text", "log_format", "text (one line per event, key=value fields) or json (one JSON object per line)")
    silence_target: str | None = setting(
        None, "str", "the [[notify]] target that hears about silent and failing sources (default: nobody)")
    silence_factor: float = setting(
        4.0, "number", "a source is silent after this many times its usual gap between new items (at least 1)",
        minimum=1)
    silence_minimum: float = setting("1h", "duration", "a source is never silent sooner than this")
    silence_failing_after: float = setting("6h", "duration", "a source failing this long raises a silence alert")
    metrics_address: str | None = setting(
        None, "address", "HOST:PORT where the daemon serves Prometheus metrics, e.g. 127.0.0.1:9464 (default: off)")

    @property
    def user_agent_header(self) -> str:
        """The User-Agent we send: the product token, then how to reach whoever runs us."""
        return self.user_agent + (f" (+{self.contact})" if self.contact else "")

    @property
    def runs_in_flight(self) -> int:
        """How many source runs a process starts at once (the daemon's, `run --once`'s): enough to
        keep `max_fetches` exchanges going while other runs read, parse or store, or wait for
        their host's turn; not every due one (each run started holds a task and its futures)."""
        return max(4 * self.max_fetches, self.workers)


@dataclass(frozen=True, slots=True)
class NotifyTarget:
    """A notification target (config → notify): where alerts are sent, and which ones."""

    name: str
    urls: tuple[str, ...]  # Apprise URLs, environment variables already filled in
    rules: tuple[str, ...] = ()  # only alerts of these rules (default: all)
    sources: tuple[str, ...] = ()  # only alerts whose item came from these sources (default: all)
    min_copies: int = 1  # only stories delivered at least this many times
    mode: str = "instant"  # "instant" | "digest"
    schedule: DigestSchedule | None = None  # digest mode: when digests go out
    timezone: str = "UTC"  # of schedule and quiet_hours
    quiet_hours: QuietHours | None = None  # instant mode: messages wait for its end, folded into one
    cooldown: float = 0.0  # seconds: at most one instant message per rule in this time


@dataclass(frozen=True, slots=True)
class Retention:
    """How long the store keeps what it no longer needs (`[retention]`; seconds, None: keep)."""

    fetches: float | None = 90 * 86400.0  # fetch records older than this go
    items: float | None = None  # items not seen (nor alerted on) for this long go, leaving a tombstone
    revisions: float | None = 180 * 86400.0  # earlier versions replaced this long ago go


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration file (config.load → everything)."""

    path: Path
    settings: Settings
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]
    targets: tuple[NotifyTarget, ...] = ()
    retention: Retention = field(default_factory=Retention)
    # Every run looks its source up by name: with ten thousand sources a scan of the tuple was 2% of
    # the daemon's CPU (py-spy, bench_gdelt.py target1).
    _by_name: dict[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {source.name: source for source in reversed(self.sources)})

    @property
    def files_base(self) -> Path:
        """What the daemon's own files (`.pid`, `.heartbeat`) are named after: the SQLite file, or
        with a PostgreSQL store, the config file."""
        database = self.settings.database
        return self.path if isinstance(database, str) else database

    def source(self, name: str) -> Source:
        """The source of that name (the first, should two share it); KeyError if none."""
        return self._by_name[name]
