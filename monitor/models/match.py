"""A rule's hits in an item, the Match they make, and the Alert written for it: the alert log's
line is its public form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from monitor.models.base import escape_line_breaks, iso, pickled_by_fields


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a rule term in one field."""

    term: str
    field: str
    start: int
    end: int
    text: str  # as it stands in the field


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Match:
    """A rule that fired on an item, with the hits that made it fire (rules → alerts).

    `hits` is bounded (the first rules.MAX_HITS_PER_FIELD per field); `total` is how many there were.
    """

    rule: str
    hits: tuple[Hit, ...]
    snippet: str
    total: int | None = None  # None: every hit is in `hits`

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.term for hit in self.hits))

    @property
    def count(self) -> int:
        return len(self.hits) if self.total is None else self.total


@dataclass(frozen=True, slots=True)
class Alert:
    """A stored alert (alerts → storage.alerts and the JSON Lines log)."""

    id: int
    created_at: datetime
    rule: str
    terms: tuple[str, ...]
    count: int
    item_id: int
    title: str
    url: str | None
    source: str
    published_at: datetime | None
    snippet: str
    hits: tuple[Hit, ...] = ()
    story_id: int | None = None
    copies: int = 1
    copy_sources: tuple[str, ...] = ()
    from_update: bool = False
    earlier_alerts: tuple[int, ...] = ()
    acked_at: datetime | None = None

    def to_json(self) -> str:
        """One alert-log line: JSON with every line-breaking character escaped."""
        record = {
            "id": self.id,
            "created_at": iso(self.created_at),
            "rule": self.rule,
            "terms": list(self.terms),
            "count": self.count,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published_at": iso(self.published_at),
            "snippet": self.snippet,
            "item_id": self.item_id,
            "story_id": self.story_id,
            "copies": self.copies,
            "copy_sources": list(self.copy_sources),
            "from_update": self.from_update,
            "earlier_alerts": list(self.earlier_alerts),
        }
        return escape_line_breaks(json.dumps(record, ensure_ascii=False))
