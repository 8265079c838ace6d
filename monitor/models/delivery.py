"""Notifications: a delivery of an alert to a target, planned messages and held ones (digests,
quiet hours), the outbox's rows, and the spike and silence alerts the store's history raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.models.match import Alert


@dataclass(frozen=True, slots=True)
class Delivery:
    """An alert waiting to be sent to one target (the delivery outbox → notify)."""

    id: int
    target: str
    alert: Alert
    attempts: int
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """A message notify.plan composed from pending deliveries (or a spike or silence), to be queued."""

    target: str
    kind: str  # alert | alerts | digest | spike | silence | recovered | test
    title: str
    body: str
    delivery_ids: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()  # the rules it speaks for: their cool-down starts with it
    key: str | None = None  # idempotency key; None: "message-<id>"
    not_before: datetime | None = None  # quiet hours: held until then


@dataclass(frozen=True, slots=True)
class Hold:
    """Deliveries that wait: until when, and why (shown by `monitor notify status`)."""

    delivery_ids: tuple[int, ...]
    until: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class TargetPlan:
    """What one pass of the planner does with a target's due deliveries."""

    messages: tuple[PlannedMessage, ...] = ()
    holds: tuple[Hold, ...] = ()
    dropped: tuple[int, ...] = ()  # never reached the target's min_copies in time


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """A queued message, as the sender reads it."""

    id: int
    target: str
    kind: str
    title: str
    body: str
    key: str
    attempts: int


@dataclass(frozen=True, slots=True)
class SpikeStory:
    """One of the stories behind a spike."""

    story_id: int
    title: str
    url: str | None
    copies: int


@dataclass(frozen=True, slots=True)
class SpikeAlert:
    """An hour in which a rule matched improbably many stories (spikes table)."""

    rule: str
    hour: datetime
    count: int
    baseline: float
    p_value: float
    stories: tuple[SpikeStory, ...] = ()
    id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SilenceAlert:
    """A source that went quiet or keeps failing (silences table); cleared when items come back."""

    source: str
    reason: str  # quiet | failing
    since: datetime
    detail: str
    raised_at: datetime
    id: int | None = None
    cleared_at: datetime | None = None
