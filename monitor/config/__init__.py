"""Read and validate config.toml into a Config; every error names the file, the key and the problem.

One declarative table per section (name, type, default, help) drives validation, defaults and the
README reference (tests/test_docs.py checks the README against these tables). The `[settings]`
table is read off the Settings dataclass itself, so a setting is declared in one place; source
kinds come from the monitor.sources registry.

The parts: tables (the sections' keys: type, default, help), reader (a section's values read and
checked against its table, each error one line naming the key) and sections (each section of the
file made into its values: sources, rules, notification targets, settings, retention).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from monitor.config.reader import Reader
from monitor.config.sections import read_retention, read_rules, read_settings, read_sources, read_targets
from monitor.config.tables import (NOTIFY_KEYS, RESERVED_SOURCE_NAMES, RETENTION_KEYS, RULE_KEYS, SETTINGS, SOURCE_KEYS,
                                   Setting)
from monitor.errors import ConfigError
from monitor.models import Config


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
    reader = Reader(file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(file.name, "", f"not valid TOML: {exc}") from None
    top = ("settings", "sources", "rules", "notify", "retention")
    for key in data:
        if key not in top:
            raise reader.fail(key, f"unknown section (known: {', '.join(top)})")
    settings = read_settings(reader, data.get("settings", {}))
    sources = read_sources(reader, data.get("sources", []))
    tags = {source.name: source.tags for source in sources}
    rules = read_rules(reader, data.get("rules", []),
                       {source.name for source in sources} | set(RESERVED_SOURCE_NAMES), tags)
    targets = read_targets(reader, data.get("notify", []), {s.name for s in sources}, {r.name for r in rules}, tags)
    if settings.silence_target is not None and settings.silence_target not in {t.name for t in targets}:
        raise reader.fail("settings.silence_target", f"no [[notify]] target named {settings.silence_target!r}")
    retention = read_retention(reader, data.get("retention", {}))
    return Config(path=file, settings=settings, sources=sources, rules=rules, targets=targets, retention=retention)


__all__ = ["NOTIFY_KEYS", "RESERVED_SOURCE_NAMES", "RETENTION_KEYS", "RULE_KEYS", "SETTINGS", "SOURCE_KEYS", "Setting",
           "load", "load_text"]
