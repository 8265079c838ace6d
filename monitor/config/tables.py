"""The config file's sections as declarative tables: each key's name, type, default and help. They
drive validation and defaults, and the README's reference is checked against them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from monitor.models import Settings
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
