"""Read and validate config.toml into a Config; every error names the file, the key and the problem.

One declarative table per section (name, type, default, help) drives validation, defaults and the
README reference (tests/test_docs.py checks the README against these tables).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from monitor import __version__
from monitor.durations import parse_duration
from monitor.errors import ConfigError
from monitor.models import Config, Rule, Settings, Source

SOURCE_KINDS = ("feed", "page", "text", "folder")
RESERVED_SOURCE_NAMES = ("manual",)  # the source row that `monitor ingest` files items under


@dataclass(frozen=True)
class Setting:
    """One configuration key: its type, default and one-line help."""

    name: str
    type: str  # path | str | duration | int | bool | list | level
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("database", "path", "data/monitor.db", "SQLite database file"),
    Setting("alert_log", "path", "data/alerts.jsonl", "JSON Lines file every new alert is appended to"),
    Setting("user_agent", "str", f"media-monitor/{__version__}",
            "User-Agent product token; the contact is appended"),
    Setting("contact", "str", None, "how a site owner reaches you (URL or e-mail), sent in the User-Agent"),
    Setting("timeout", "duration", "20s", "connect and read timeout for one request"),
    Setting("deadline", "duration", "60s", "overall time limit for one fetch, redirects included"),
    Setting("max_bytes", "int", 10_000_000, "largest body accepted, after decompression"),
    Setting("max_redirects", "int", 5, "redirects followed before a fetch fails"),
    Setting("host_delay", "duration", "1s", "pause between two requests to the same host"),
    Setting("max_backoff", "duration", "6h", "longest wait after repeated failures"),
    Setting("suspect_age", "duration", "30d",
            "a published date further than this from first sight is flagged as suspect"),
    Setting("snippet_chars", "int", 240, "length of the passage stored with an alert"),
    Setting("story_window", "duration", "14d", "how far back near-duplicate stories are looked for"),
    Setting("story_threshold", "fraction", 0.5,
            "estimated text similarity (Jaccard of word 5-grams) from which an item joins a story"),
    Setting("story_containment", "fraction", 0.5,
            "estimated share of the smaller text inside the larger from which it joins that story"),
    Setting("alert_delay", "duration", "30s",
            "wait before writing an alert to the log, so copies from other sources are counted in it"),
    Setting("workers", "int", 4, "sources fetched at the same time by the daemon"),
    Setting("parse_processes", "int", 0,
            "processes that parse and analyse documents; 0: one per core when 10 or more sources are enabled"),
    Setting("log_level", "level", "INFO", "DEBUG, INFO, WARNING or ERROR"),
)

SOURCE_KEYS: tuple[Setting, ...] = (
    Setting("name", "str", None, "unique name, used in logs, the database and the CLI"),
    Setting("kind", "str", None, "feed, page, text or folder"),
    Setting("url", "str", None, "http(s) URL to fetch (feed, page, text)"),
    Setting("path", "path", None, "local file or folder (relative to the config file)"),
    Setting("interval", "duration", "15m", "time between two runs"),
    Setting("enabled", "bool", True, "false keeps the source configured but never run"),
    Setting("full_text", "bool", False, "feed: fetch each new item's link and extract the article"),
    Setting("allow_private", "bool", False,
            "allow fetches to loopback and private addresses (tests, intranets)"),
    Setting("max_bytes", "int", None, "override settings.max_bytes for this source"),
)

RULE_KEYS: tuple[Setting, ...] = (
    Setting("name", "str", None, "unique name, shown in alerts"),
    Setting("terms", "list", [], "any of these words or phrases matches (spelling variants here)"),
    Setting("query", "str", None, "a boolean query instead of, or as well as, terms"),
    Setting("sources", "list", [], "only these sources (default: all)"),
    Setting("exclude_terms", "list", [], "any of these in an item vetoes the rule"),
    Setting("exclude_sources", "list", [], "items from these sources never match"),
)

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class _Reader:
    """Checks values against a key table, raising ConfigError that names file and key path."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.label = file.name

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(self.label, key, problem)

    def table(self, data: Any, where: str, keys: tuple[Setting, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected a table, got {_kind(data)}")
        known = {k.name: k for k in keys}
        for key in data:
            if key not in known:
                raise self.fail(f"{where}.{key}" if where else key,
                                f"unknown key (known: {', '.join(known)})")
        # Defaults go through the same checks as written values (durations become seconds…).
        return {k.name: self.value(data[k.name] if k.name in data else k.default,
                                   f"{where}.{k.name}" if where else k.name, k)
                if k.name in data or k.default is not None else None for k in keys}

    def value(self, raw: Any, key: str, setting: Setting) -> Any:
        checks: dict[str, Callable[[Any], Any]] = {
            "str": self._str, "path": self._path, "duration": self._duration,
            "int": self._int, "bool": self._bool, "list": self._list, "level": self._level,
            "fraction": self._fraction,
        }
        try:
            return checks[setting.type](raw)
        except _Bad as bad:
            raise self.fail(key, str(bad)) from None

    def _str(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise _Bad(f"expected a string, got {_kind(raw)}")
        if not raw.strip():
            raise _Bad("must not be empty")
        return raw

    def _path(self, raw: Any) -> Path:
        path = Path(self._str(raw)).expanduser()
        return path if path.is_absolute() else (self.file.parent / path).resolve()

    def _duration(self, raw: Any) -> float:
        try:
            seconds = parse_duration(raw)
        except ValueError:
            raise _Bad(f'expected a duration such as "15m", "2h" or 90, got {raw!r}') from None
        return seconds

    def _int(self, raw: Any) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _Bad(f"expected a whole number, got {_kind(raw)}")
        if raw < 0:
            raise _Bad(f"must not be negative, got {raw}")
        return raw

    def _fraction(self, raw: Any) -> float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 < raw <= 1:
            raise _Bad(f"expected a number above 0 and at most 1, got {raw!r}")
        return float(raw)

    def _bool(self, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise _Bad(f"expected true or false, got {_kind(raw)}")
        return raw

    def _list(self, raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(v, str) and v.strip() for v in raw):
            raise _Bad("expected a list of non-empty strings")
        return tuple(v.strip() for v in raw)

    def _level(self, raw: Any) -> str:
        level = self._str(raw).upper()
        if level not in _LEVELS:
            raise _Bad(f"expected one of {', '.join(_LEVELS)}, got {raw!r}")
        return level


class _Bad(Exception):
    pass


def _kind(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def load(path: str | Path) -> Config:
    """Read, validate and resolve a config file; ConfigError on the first problem found."""
    file = Path(path).expanduser().resolve()
    reader = _Reader(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(str(path), "", "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), "", f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(file.name, "", f"not valid TOML: {exc}") from None
    top = {"settings", "sources", "rules"}
    for key in data:
        if key not in top:
            raise reader.fail(key, "unknown section (known: settings, sources, rules)")
    settings = _settings(reader, data.get("settings", {}))
    sources = _sources(reader, data.get("sources", []))
    rules = _rules(reader, data.get("rules", []))
    return Config(path=file, settings=settings, sources=sources, rules=rules)


def _settings(reader: _Reader, data: Any) -> Settings:
    values = reader.table(data, "settings", SETTINGS)
    contact = values["contact"]
    agent = values["user_agent"] + (f" (+{contact})" if contact else "")
    return Settings(
        database=values["database"], alert_log=values["alert_log"], user_agent=agent,
        contact=contact or "", timeout=values["timeout"], deadline=values["deadline"],
        max_bytes=values["max_bytes"], max_redirects=values["max_redirects"],
        host_delay=values["host_delay"], max_backoff=values["max_backoff"],
        suspect_age=values["suspect_age"], snippet_chars=max(40, values["snippet_chars"]),
        story_window=values["story_window"], alert_delay=values["alert_delay"],
        story_threshold=values["story_threshold"], story_containment=values["story_containment"],
        workers=max(1, values["workers"]),
        parse_processes=values["parse_processes"],
        log_level=values["log_level"],
    )


def _entries(reader: _Reader, data: Any, section: str,
             keys: tuple[Setting, ...]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, checked values) for each table of an array such as [[sources]]; `where` names it."""
    if not isinstance(data, list):
        raise reader.fail(section, f"expected an array of tables ([[{section}]]), got {_kind(data)}")
    for index, raw in enumerate(data):
        where = f"{section}[{index}]"
        if isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip():
            where = f"{section}[{index}] ({raw['name']})"
        values = reader.table(raw, where, keys)
        if values["name"] is None:
            raise reader.fail(f"{where}.name", "missing")
        yield where, values


def _sources(reader: _Reader, data: Any) -> tuple[Source, ...]:
    sources: list[Source] = []
    for where, values in _entries(reader, data, "sources", SOURCE_KEYS):
        if values["kind"] is None:
            raise reader.fail(f"{where}.kind", "missing")
        name, kind = values["name"].strip(), values["kind"]
        if kind not in SOURCE_KINDS:
            raise reader.fail(f"{where}.kind", f"unknown kind {kind!r} (known: {', '.join(SOURCE_KINDS)})")
        if name in RESERVED_SOURCE_NAMES:
            raise reader.fail(f"{where}.name", f"{name!r} is reserved for `monitor ingest`")
        if any(s.name == name for s in sources):
            raise reader.fail(f"{where}.name", f"duplicate source name {name!r}")
        location = _location(reader, where, kind, values)
        if values["interval"] < 1:
            raise reader.fail(f"{where}.interval", "must be at least 1s")
        sources.append(Source(
            name=name, kind=kind, location=location, interval=values["interval"],
            enabled=values["enabled"], full_text=values["full_text"],
            allow_private=values["allow_private"], max_bytes=values["max_bytes"],
        ))
    return tuple(sources)


def _location(reader: _Reader, where: str, kind: str, values: dict[str, Any]) -> str:
    url, path = values["url"], values["path"]
    if url is not None and path is not None:
        raise reader.fail(where, "give either url or path, not both")
    if kind == "folder":
        if path is None:
            raise reader.fail(f"{where}.path", "missing (a folder source needs a path)")
        if url is not None:
            raise reader.fail(f"{where}.url", "a folder source takes a path, not a url")
    if url is not None:
        if not url.lower().startswith(("http://", "https://")):
            raise reader.fail(f"{where}.url", f"expected an http:// or https:// URL, got {url!r}")
        return url.strip()
    if path is None:
        raise reader.fail(where, "missing url or path")
    if values["enabled"] and not path.exists():
        raise reader.fail(f"{where}.path", f"no such {'folder' if kind == 'folder' else 'file'}: {path}")
    if kind == "folder" and path.exists() and not path.is_dir():
        raise reader.fail(f"{where}.path", f"not a folder: {path}")
    return str(path)


def _rules(reader: _Reader, data: Any) -> tuple[Rule, ...]:
    from monitor.query import QuerySyntaxError, parse_query  # the rule language's own module

    rules: list[Rule] = []
    for where, values in _entries(reader, data, "rules", RULE_KEYS):
        if not values["terms"] and values["query"] is None:
            raise reader.fail(where, "needs terms or a query")
        if any(r.name == values["name"] for r in rules):
            raise reader.fail(f"{where}.name", f"duplicate rule name {values['name']!r}")
        if values["query"] is not None:
            try:
                parse_query(values["query"])
            except QuerySyntaxError as exc:
                raise reader.fail(f"{where}.query", str(exc)) from None
        rules.append(Rule(
            name=values["name"], terms=tuple(values["terms"]), query=values["query"],
            sources=tuple(values["sources"]), exclude_terms=tuple(values["exclude_terms"]),
            exclude_sources=tuple(values["exclude_sources"]),
        ))
    return tuple(rules)
