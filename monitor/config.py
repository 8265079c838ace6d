"""Read and validate config.toml into a Config; every error names the file, the key and the problem.

One declarative table per section (name, type, default, help) drives validation, defaults and the
README reference (tests/test_docs.py checks the README against these tables). The `[settings]`
table is read off the Settings dataclass itself, so a setting is declared in one place; source
kinds come from the monitor.sources registry.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from monitor.deliver import is_valid_url
from monitor.durations import parse_duration
from monitor.errors import ConfigError, QuerySyntaxError
from monitor.models import Config, NotifyTarget, Retention, Rule, Settings, Source, database_label, is_web_url
from monitor.forms import LANGUAGES as FORMS_LANGUAGES
from monitor.query import Tag, check_term, item_facts, parse_query
from monitor.schedule import parse_quiet_hours, parse_schedule, zone
from monitor.sources import KINDS

RESERVED_SOURCE_NAMES = ("manual",)  # the source row that `monitor ingest` files items under


@dataclass(frozen=True)
class Setting:
    """One configuration key: its type, default, one-line help, and smallest value (numbers)."""

    name: str
    type: str  # path | database | str | duration | int | bool | list | level | log_format | fraction | number | address
    default: Any
    help: str
    minimum: float | None = None


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.metadata["kind"], f.metadata["default"], f.metadata["help"], f.metadata["minimum"])
    for f in dataclasses.fields(Settings))

SOURCE_KEYS: tuple[Setting, ...] = (
    Setting("name", "str", None, "unique name, used in logs, the database and the CLI"),
    Setting("kind", "str", None, ", ".join(KINDS)),
    Setting("url", "str", None, "http(s) URL to fetch (feed, page, text, sitemap, telegram)"),
    Setting("path", "path", None, "local file or folder (relative to the config file)"),
    Setting("interval", "duration", "15m", "time between two runs"),
    Setting("enabled", "bool", True, "false keeps the source configured but never run"),
    Setting("full_text", "bool", False, "feed: fetch each new item's link and extract the article"),
    Setting("allow_private", "bool", False,
            "allow fetches to loopback and private addresses (tests, intranets)"),
    Setting("max_bytes", "int", None, "override settings.max_bytes for this source"),
    Setting("ignore_robots", "bool", False,
            "fetch its articles even where robots.txt disallows them (sites you are entitled to read)"),
    Setting("sitemap_window", "duration", "2d",
            "sitemap: read the articles published (news:publication_date, else lastmod) this recently"),
    Setting("tags", "list", [], "labels for the source (OPML folders on import and export)"),
    Setting("timezone", "str", None, "time zone of the dates it writes without one, e.g. Europe/Moscow "
                                     "(default: read in their language's zone, else as UTC, and flagged)"),
)

RULE_KEYS: tuple[Setting, ...] = (
    Setting("name", "str", None, "unique name, shown in alerts"),
    Setting("terms", "list", [], "any of these words or phrases matches (spelling variants here)"),
    Setting("query", "str", None, "a boolean query instead of, or as well as, terms"),
    Setting("sources", "list", [], "only these sources (default: all)"),
    Setting("exclude_terms", "list", [], "any of these in an item vetoes the rule"),
    Setting("exclude_sources", "list", [], "items from these sources never match"),
    Setting("tags", "list", [], "only sources carrying any of these tags (added to `sources`)"),
    Setting("spike_sensitivity", "number", 4.0,
            "spike alerts: how improbable an hour's count must be, in standard deviations (0: no spike alerts)"),
    Setting("spike_min_count", "int", 5, "spike alerts: stories in the hour, at least (at least 1)", minimum=1),
    Setting("spike_cooldown", "duration", "6h", "spike alerts: time between two spikes of the rule"),
    Setting("forms", "list", [], "also match inflected forms of the terms in these languages "
                                 "(ISO 639-1: ru, uk, de…; see Morphology in rules)"),
)

NOTIFY_KEYS: tuple[Setting, ...] = (
    Setting("name", "str", None, "unique name, shown by `monitor notify status`"),
    Setting("urls", "list", [], "Apprise URLs (mailto://, json://, slack://, tgram://…); ${NAME} is read from the "
                                "environment"),
    Setting("rules", "list", [], "only alerts of these rules (default: all)"),
    Setting("sources", "list", [], "only alerts whose item came from these sources (default: all)"),
    Setting("tags", "list", [], "only alerts whose item came from a source carrying any of these tags (added to `sources`)"),
    Setting("min_copies", "int", 1, "only stories delivered at least this many times (by any sources; at least 1)",
            minimum=1),
    Setting("mode", "str", "instant", "instant (a message per alert) or digest (one message per schedule)"),
    Setting("schedule", "str", None, "digest mode: hourly, daily HH:MM or weekly DAY HH:MM"),
    Setting("timezone", "str", "UTC", "time zone of schedule and quiet_hours (e.g. Europe/Kyiv)"),
    Setting("quiet_hours", "str", None, "instant mode: HH:MM-HH:MM; alerts wait for its end, folded into one message"),
    Setting("cooldown", "duration", "0s", "instant mode: at most one message per rule in this time; the rest "
                                         "are folded into the next"),
)

RETENTION_KEYS: tuple[Setting, ...] = (
    Setting("fetches", "duration", "90d", "fetch records older than this are deleted (0: keep)"),
    Setting("items", "duration", None, "items no source has delivered for this long, and no alert names, are "
                                       "deleted, leaving a tombstone (absent or 0: keep)"),
    Setting("revisions", "duration", "180d", "earlier versions of items replaced longer ago are deleted (0: keep)"),
)

_MODES = ("instant", "digest")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_LOG_FORMATS = ("text", "json")
_ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


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
            "str": self._str, "path": self._path, "database": self._database, "duration": self._duration,
            "int": self._int, "bool": self._bool, "list": self._list, "level": self._level,
            "log_format": self._log_format,
            "fraction": self._fraction, "number": self._number, "address": self._address,
        }
        try:
            value = checks[setting.type](raw)
        except _Bad as bad:
            raise self.fail(key, str(bad)) from None
        if setting.minimum is not None and value is not None and value < setting.minimum:
            unit = "s" if setting.type == "duration" else ""
            raise self.fail(key, f"must be at least {setting.minimum:g}{unit}, got {raw!r}")
        return value

    def _str(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise _Bad(f"expected a string, got {_kind(raw)}")
        if not raw.strip():
            raise _Bad("must not be empty")
        return raw

    def _path(self, raw: Any) -> Path:
        path = Path(self._str(raw)).expanduser()
        return path if path.is_absolute() else (self.file.parent / path).resolve()

    def _database(self, raw: Any) -> Path | str:
        """A SQLite file (a path, as other paths) or a PostgreSQL server's URL (kept as written)."""
        text = self._str(raw)
        if text.startswith(("postgresql:", "postgres:")):
            parts = urlsplit(text)
            if not text.startswith(("postgresql://", "postgres://")) or not parts.path.strip("/"):
                raise _Bad(f"expected postgresql://[user[:password]@]host[:port]/database, got {database_label(text)!r}")
            return text
        return self._path(text)

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

    def _number(self, raw: Any) -> float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw < 0:
            raise _Bad(f"expected a number, 0 or more, got {raw!r}")
        return float(raw)

    def _bool(self, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise _Bad(f"expected true or false, got {_kind(raw)}")
        return raw

    def _list(self, raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(v, str) and v.strip() for v in raw):
            raise _Bad("expected a list of non-empty strings")
        return tuple(v.strip() for v in raw)

    def _address(self, raw: Any) -> str:
        host, colon, port = self._str(raw).strip().rpartition(":")
        bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        unbracketed_ipv6 = ":" in host and bare == host
        if not colon or not bare or unbracketed_ipv6 or not port.isascii() or not port.isdigit() \
                or not 1 <= int(port) <= 65535:
            raise _Bad(f'expected HOST:PORT such as "127.0.0.1:9464" or "[::1]:9464", got {raw!r}')
        return f"{host}:{int(port)}"

    def _level(self, raw: Any) -> str:
        level = self._str(raw).upper()
        if level not in _LEVELS:
            raise _Bad(f"expected one of {', '.join(_LEVELS)}, got {raw!r}")
        return level

    def _log_format(self, raw: Any) -> str:
        value = self._str(raw).lower()
        if value not in _LOG_FORMATS:
            raise _Bad(f"expected one of {', '.join(_LOG_FORMATS)}, got {raw!r}")
        return value


class _Bad(Exception):
    pass


def _kind(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def load(path: str | Path) -> Config:
    """Read, validate and resolve a config file; ConfigError on the first problem found."""
    file = Path(path).expanduser().resolve()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), "", "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), "", f"cannot read: {exc}") from None
    return load_text(text, file)


def load_text(text: str, path: str | Path) -> Config:
    """Validate config text as though it were the file at `path` (names, relative paths); ConfigError."""
    file = Path(path).expanduser().resolve()
    reader = _Reader(file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(file.name, "", f"not valid TOML: {exc}") from None
    top = ("settings", "sources", "rules", "notify", "retention")
    for key in data:
        if key not in top:
            raise reader.fail(key, f"unknown section (known: {', '.join(top)})")
    settings = _settings(reader, data.get("settings", {}))
    sources = _sources(reader, data.get("sources", []))
    tags = {source.name: source.tags for source in sources}
    rules = _rules(reader, data.get("rules", []), {source.name for source in sources} | set(RESERVED_SOURCE_NAMES),
                   tags)
    targets = _targets(reader, data.get("notify", []), {s.name for s in sources}, {r.name for r in rules}, tags)
    if settings.silence_target is not None and settings.silence_target not in {t.name for t in targets}:
        raise reader.fail("settings.silence_target", f"no [[notify]] target named {settings.silence_target!r}")
    retention = _retention(reader, data.get("retention", {}))
    return Config(path=file, settings=settings, sources=sources, rules=rules, targets=targets, retention=retention)


def _retention(reader: _Reader, data: Any) -> Retention:
    values = reader.table(data, "retention", RETENTION_KEYS)
    return Retention(**{name: value or None for name, value in values.items()})  # 0 keeps, as absent does


def _settings(reader: _Reader, data: Any) -> Settings:
    return Settings(**reader.table(data, "settings", SETTINGS))


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
        if kind not in KINDS:
            raise reader.fail(f"{where}.kind", f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
        if name in RESERVED_SOURCE_NAMES:
            raise reader.fail(f"{where}.name", f"{name!r} is reserved for `monitor ingest`")
        if any(s.name == name for s in sources):
            raise reader.fail(f"{where}.name", f"duplicate source name {name!r}")
        location = _location(reader, where, kind, values)
        if values["interval"] < 1:
            raise reader.fail(f"{where}.interval", "must be at least 1s")
        if values["timezone"] is not None:
            try:
                zone(values["timezone"])
            except ValueError as exc:
                raise reader.fail(f"{where}.timezone", str(exc)) from None
        sources.append(Source(
            name=name, kind=kind, location=location, interval=values["interval"],
            enabled=values["enabled"], full_text=values["full_text"],
            allow_private=values["allow_private"], max_bytes=values["max_bytes"],
            ignore_robots=values["ignore_robots"], sitemap_window=values["sitemap_window"],
            tags=tuple(dict.fromkeys(values["tags"])), timezone=values["timezone"],
        ))
    return tuple(sources)


def _location(reader: _Reader, where: str, kind: str, values: dict[str, Any]) -> str:
    url, path = values["url"], values["path"]
    if url is not None and path is not None:
        raise reader.fail(where, "give either url or path, not both")
    lists_folder = not KINDS[kind].takes_url
    if lists_folder:
        if path is None:
            raise reader.fail(f"{where}.path", f"missing (a {kind} source needs a path)")
        if url is not None:
            raise reader.fail(f"{where}.url", f"a {kind} source takes a path, not a url")
    if url is not None:
        if not is_web_url(url.strip()):
            raise reader.fail(f"{where}.url", f"expected an http:// or https:// URL, got {url!r}")
        return url.strip()
    if path is None:
        raise reader.fail(where, "missing url or path")
    if values["enabled"] and not path.exists():
        raise reader.fail(f"{where}.path", f"no such {'folder' if lists_folder else 'file'}: {path}")
    if lists_folder and path.exists() and not path.is_dir():
        raise reader.fail(f"{where}.path", f"not a folder: {path}")
    return str(path)


def _tagged(reader: _Reader, key: str, wanted: list[str], tags: dict[str, tuple[str, ...]]) -> list[str]:
    """The sources carrying any of the wanted tags (what `tags = [...]` adds to `sources`)."""
    known = {tag for found in tags.values() for tag in found}
    unknown = [tag for tag in wanted if tag not in known]
    if unknown:
        raise reader.fail(key, f"no source is tagged {', '.join(map(repr, unknown))} "
                               f"(tags in use: {', '.join(sorted(known)) or 'none'})")
    return sorted(name for name, found in tags.items() if set(found) & set(wanted))


def _rules(reader: _Reader, data: Any, source_names: set[str],
           tags: dict[str, tuple[str, ...]] | None = None) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for where, values in _entries(reader, data, "rules", RULE_KEYS):
        if not values["terms"] and values["query"] is None:
            raise reader.fail(where, "needs terms or a query")
        if any(r.name == values["name"] for r in rules):
            raise reader.fail(f"{where}.name", f"duplicate rule name {values['name']!r}")
        for key in ("sources", "exclude_sources"):
            unknown = [name for name in values[key] if name not in source_names]
            if unknown:
                raise reader.fail(f"{where}.{key}", f"no source named {', '.join(map(repr, unknown))} "
                                                    f"(known: {', '.join(sorted(source_names))})")
        tag_sources: dict[str, tuple[str, ...]] = {}
        if values["query"] is not None:
            try:
                tree = parse_query(values["query"])
            except QuerySyntaxError as exc:
                raise reader.fail(f"{where}.query", str(exc)) from None
            for fact in item_facts(tree):
                if isinstance(fact, Tag):
                    tag_sources[fact.name] = tuple(_tagged(reader, f"{where}.query", [fact.name], tags or {}))
        for key in ("terms", "exclude_terms"):
            for number, term in enumerate(values[key]):
                try:
                    check_term(term)
                except QuerySyntaxError as exc:
                    raise reader.fail(f"{where}.{key}[{number}]", str(exc)) from None
        unknown = [code for code in values["forms"] if code not in FORMS_LANGUAGES]
        if unknown:
            raise reader.fail(f"{where}.forms", f"no inflected forms for {', '.join(map(repr, unknown))} "
                                                f"(known: {', '.join(FORMS_LANGUAGES)})")
        tagged = _tagged(reader, f"{where}.tags", values["tags"], tags or {})
        rules.append(Rule(
            name=values["name"], terms=tuple(values["terms"]), query=values["query"],
            sources=tuple(dict.fromkeys([*values["sources"], *tagged])), exclude_terms=tuple(values["exclude_terms"]),
            exclude_sources=tuple(values["exclude_sources"]), spike_sensitivity=values["spike_sensitivity"],
            spike_min_count=values["spike_min_count"], spike_cooldown=values["spike_cooldown"],
            forms=tuple(dict.fromkeys(values["forms"])), tag_sources=tuple(tag_sources.items()),
        ))
    return tuple(rules)


def _targets(reader: _Reader, data: Any, source_names: set[str], rule_names: set[str],
             tags: dict[str, tuple[str, ...]] | None = None) -> tuple[NotifyTarget, ...]:
    targets: list[NotifyTarget] = []
    for where, values in _entries(reader, data, "notify", NOTIFY_KEYS):
        name = values["name"].strip()
        if any(t.name == name for t in targets):
            raise reader.fail(f"{where}.name", f"duplicate target name {name!r}")
        if not values["urls"]:
            raise reader.fail(f"{where}.urls", "missing (at least one Apprise URL)")
        urls = []
        for index, url in enumerate(values["urls"]):
            missing = [m for m in _ENV_REFERENCE.findall(url) if m not in os.environ]
            if missing:
                raise reader.fail(f"{where}.urls[{index}]", f"environment variable {missing[0]} is not set")
            expanded = _ENV_REFERENCE.sub(lambda found: os.environ[found.group(1)], url)
            if not is_valid_url(expanded):
                raise reader.fail(f"{where}.urls[{index}]", f"not a URL Apprise can send to: {url!r}")
            urls.append(expanded)
        for key, known in (("rules", rule_names), ("sources", source_names)):
            unknown = [n for n in values[key] if n not in known]
            if unknown:
                raise reader.fail(f"{where}.{key}", f"no {key[:-1]} named {', '.join(map(repr, unknown))}")
        tagged = _tagged(reader, f"{where}.tags", values["tags"], tags or {})
        targets.append(NotifyTarget(name=name, urls=tuple(urls), rules=tuple(values["rules"]),
                                    sources=tuple(dict.fromkeys([*values["sources"], *tagged])),
                                    min_copies=values["min_copies"],
                                    cooldown=values["cooldown"], **_timing(reader, where, values)))
    return tuple(targets)


def _timing(reader: _Reader, where: str, values: dict[str, Any]) -> dict[str, Any]:
    """A target's mode, digest schedule, time zone and quiet hours, checked together."""
    mode = values["mode"]
    if mode not in _MODES:
        raise reader.fail(f"{where}.mode", f"unknown mode {mode!r} (known: {', '.join(_MODES)})")
    timing: dict[str, Any] = {"mode": mode, "timezone": values["timezone"], "schedule": None, "quiet_hours": None}
    try:
        zone(values["timezone"])
    except ValueError as exc:
        raise reader.fail(f"{where}.timezone", str(exc)) from None
    if mode == "digest":
        if values["schedule"] is None:
            raise reader.fail(f"{where}.schedule", "missing (a digest needs hourly, daily HH:MM or weekly DAY HH:MM)")
        try:
            timing["schedule"] = parse_schedule(values["schedule"])
        except ValueError as exc:
            raise reader.fail(f"{where}.schedule", str(exc)) from None
    elif values["schedule"] is not None:
        raise reader.fail(f"{where}.schedule", 'only a digest has a schedule (set mode = "digest")')
    if values["quiet_hours"] is not None:
        if mode == "digest":
            raise reader.fail(f"{where}.quiet_hours", "a digest goes out on its schedule: quiet hours are for instant mode")
        try:
            timing["quiet_hours"] = parse_quiet_hours(values["quiet_hours"])
        except ValueError as exc:
            raise reader.fail(f"{where}.quiet_hours", str(exc)) from None
    if values["cooldown"] and mode == "digest":
        raise reader.fail(f"{where}.cooldown", "a digest goes out on its schedule: cooldown is for instant mode")
    return timing
