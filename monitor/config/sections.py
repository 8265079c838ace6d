"""Each section of the config file made into its values: sources (their kind, location and
schedule), rules (terms, query, forms, tags), notification targets (their timing and secrets read
from the environment), settings and retention.
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterator

from monitor.config.reader import Reader, kind_of
from monitor.config.tables import (NOTIFY_KEYS, RESERVED_SOURCE_NAMES, RETENTION_KEYS, RULE_KEYS, SETTINGS, SOURCE_KEYS,
                                   Setting)
from monitor.deliver import is_valid_url
from monitor.errors import QuerySyntaxError
from monitor.forms import LANGUAGES as FORMS_LANGUAGES
from monitor.models import NotifyTarget, Retention, Rule, Settings, Source, is_web_url
from monitor.query import Tag, check_term, item_facts, parse_query
from monitor.schedule import parse_quiet_hours, parse_schedule, zone
from monitor.sources import KINDS

_MODES = ("instant", "digest")
_ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def read_retention(reader: Reader, data: Any) -> Retention:
    values = reader.table(data, "retention", RETENTION_KEYS)
    return Retention(**{name: value or None for name, value in values.items()})  # 0 keeps, as absent does


def read_settings(reader: Reader, data: Any) -> Settings:
    return Settings(**reader.table(data, "settings", SETTINGS))


def _entries(reader: Reader, data: Any, section: str,
             keys: tuple[Setting, ...]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, checked values) for each table of an array such as [[sources]]; `where` names it."""
    if not isinstance(data, list):
        raise reader.fail(section, f"expected an array of tables ([[{section}]]), got {kind_of(data)}")
    for index, raw in enumerate(data):
        where = f"{section}[{index}]"
        if isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip():
            where = f"{section}[{index}] ({raw['name']})"
        values = reader.table(raw, where, keys)
        if values["name"] is None:
            raise reader.fail(f"{where}.name", "missing")
        yield where, values


def read_sources(reader: Reader, data: Any) -> tuple[Source, ...]:
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


def _location(reader: Reader, where: str, kind: str, values: dict[str, Any]) -> str:
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


def _tagged(reader: Reader, key: str, wanted: list[str], tags: dict[str, tuple[str, ...]]) -> list[str]:
    """The sources carrying any of the wanted tags (what `tags = [...]` adds to `sources`)."""
    known = {tag for found in tags.values() for tag in found}
    unknown = [tag for tag in wanted if tag not in known]
    if unknown:
        raise reader.fail(key, f"no source is tagged {', '.join(map(repr, unknown))} "
                               f"(tags in use: {', '.join(sorted(known)) or 'none'})")
    return sorted(name for name, found in tags.items() if set(found) & set(wanted))


def read_rules(reader: Reader, data: Any, source_names: set[str],
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


def read_targets(reader: Reader, data: Any, source_names: set[str], rule_names: set[str],
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


def _timing(reader: Reader, where: str, values: dict[str, Any]) -> dict[str, Any]:
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
