"""Which targets hear of an alert, when, and in which message: the notification decisions.

Pure: no network (monitor.deliver sends), no store (the outbox is the store's), no clock (`now` is
passed in). `plan` takes a target's due deliveries and returns what to queue now, what waits
(quiet hours, a rule's cool-down, the next digest, more copies) and what is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from monitor import messages
from monitor.backoff import backoff_delay
from monitor.models import (Delivery, Hold, NotifyTarget, PlannedMessage, SilenceAlert, SpikeAlert, TargetPlan,
                            iso)
from monitor.schedule import next_digest_at, quiet_until

RETRY_FIRST = 30.0  # seconds after the first failure
RETRY_MAX = 3600.0  # a target down for hours is tried at least hourly, and gets everything once back
# An alert whose story has fewer copies than a target's min_copies is looked at again this often,
# and dropped for that target when its story has not reached them in MIN_COPIES_WAIT.
MIN_COPIES_RECHECK = timedelta(minutes=5)
MIN_COPIES_WAIT = timedelta(days=2)
# More alerts than this due for one instant target at once (a feed's backlog, or what came in while
# its sender was busy) go as one message: fifty mails in a minute help nobody, and a slow service
# (mail: about 20 messages a second) would fall ever further behind.
FOLD_AFTER = 10


def targets_for(targets: tuple[NotifyTarget, ...], rule: str, source: str) -> list[str]:
    """The names of the targets an alert of this rule, on an item from this source, goes to."""
    return [t.name for t in targets if (not t.rules or rule in t.rules) and (not t.sources or source in t.sources)]


def retry_delay(attempts: int) -> float:
    """Seconds before the next try after `attempts` failed ones (capped exponential, with jitter)."""
    return backoff_delay(RETRY_FIRST, attempts, RETRY_MAX)


def _message(target: NotifyTarget, kind: str, text: tuple[str, str], deliveries: list[Delivery],
             key: str | None = None) -> PlannedMessage:
    return PlannedMessage(target=target.name, kind=kind, title=text[0], body=text[1],
                          delivery_ids=tuple(d.id for d in deliveries),
                          rules=tuple(sorted({d.alert.rule for d in deliveries})), key=key)


def _alerts_message(target: NotifyTarget, deliveries: list[Delivery], why: str) -> PlannedMessage:
    if len(deliveries) == 1:  # the key every try and every restart of this alert's send shares
        alert = deliveries[0].alert
        return _message(target, "alert", messages.alert_message(alert), deliveries, key=f"alert-{alert.id}-{target.name}")
    return _message(target, "alerts", messages.folded_message([d.alert for d in deliveries], why), deliveries)


def _created(delivery: Delivery) -> datetime:
    return delivery.created_at or delivery.alert.created_at


def plan(target: NotifyTarget, due: list[Delivery], last_by_rule: dict[str, datetime],
         last_digest: datetime | None, now: datetime) -> TargetPlan:
    """What to do now with a target's due deliveries.

    `last_by_rule`: when the target's latest instant message for each rule was queued (cool-down);
    `last_digest`: when its latest digest was queued (the next one covers what came since).
    """
    planned: list[PlannedMessage] = []
    holds: list[Hold] = []
    dropped: list[int] = []
    ready: list[Delivery] = []
    waiting: list[Delivery] = []
    for delivery in due:
        if delivery.alert.copies >= target.min_copies:
            ready.append(delivery)
        elif now - _created(delivery) >= MIN_COPIES_WAIT:
            dropped.append(delivery.id)
        else:
            waiting.append(delivery)
    recheck = now + MIN_COPIES_RECHECK

    if target.mode == "digest":
        assert target.schedule is not None
        oldest = min((_created(d) for d in ready), default=now)
        fire = next_digest_at(target.schedule, target.timezone, max(oldest, last_digest) if last_digest else oldest)
        if ready and fire <= now:
            planned.append(digest_message(target, ready, last_digest, now))
            fire = next_digest_at(target.schedule, target.timezone, now)
        elif ready:
            holds.append(Hold(tuple(d.id for d in ready), fire, f"digest at {iso(fire)}"))
        if waiting:  # looked at again by the next digest
            holds.append(Hold(tuple(d.id for d in waiting), fire, f"fewer than {target.min_copies} copies"))
        return TargetPlan(tuple(planned), tuple(holds), tuple(dropped))

    if waiting:
        holds.append(Hold(tuple(d.id for d in waiting), recheck, f"fewer than {target.min_copies} copies"))
    quiet = target.quiet_hours
    if quiet is not None:
        until = quiet_until(quiet, target.timezone, now)
        if until is not None:
            if ready:
                holds.append(Hold(tuple(d.id for d in ready), until, f"quiet hours until {iso(until)}"))
            return TargetPlan((), tuple(holds), tuple(dropped))
        # Alerts that came in during quiet hours go out together, in one message, now they are over.
        hushed = [d for d in ready if quiet_until(quiet, target.timezone, _created(d)) is not None]
        if hushed:
            planned.append(_alerts_message(target, hushed, f"during quiet hours ({quiet})"))
            ready = [d for d in ready if d not in hushed]
            last_by_rule = {**last_by_rule, **{d.alert.rule: now for d in hushed}}

    by_rule: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in ready:
        by_rule[delivery.alert.rule].append(delivery)
    cooldown = timedelta(seconds=target.cooldown)
    if not cooldown and len(ready) > FOLD_AFTER:
        planned.append(_alerts_message(target, ready, "arrived together"))
        return TargetPlan(tuple(planned), tuple(holds), tuple(dropped))
    for rule, group in by_rule.items():
        if not cooldown:
            planned.extend(_alerts_message(target, [d], "") for d in group)
            continue
        last = last_by_rule.get(rule)
        if last is not None and last + cooldown > now:
            holds.append(Hold(tuple(d.id for d in group), last + cooldown, f"cool-down until {iso(last + cooldown)}"))
        else:
            planned.append(_alerts_message(target, group, f"for {rule} during its cool-down"))
    return TargetPlan(tuple(planned), tuple(holds), tuple(dropped))


def digest_message(target: NotifyTarget, pending: list[Delivery], last_digest: datetime | None,
                   now: datetime) -> PlannedMessage:
    """The digest of the pending deliveries whose stories have the target's min_copies."""
    ready = [d for d in pending if d.alert.copies >= target.min_copies]
    text = messages.digest_message(target.name, [d.alert for d in ready], last_digest, now)
    return _message(target, "digest", text, ready)


def digest_preview(target: NotifyTarget, pending: list[Delivery], last_digest: datetime | None,
                   now: datetime) -> tuple[datetime | None, tuple[str, str] | None]:
    """(when the next digest goes out, what it would say) from every delivery the target has waiting."""
    ready = [d.alert for d in pending if d.alert.copies >= target.min_copies]
    fire = None
    if target.schedule is not None:
        oldest = min((_created(d) for d in pending), default=now)
        fire = next_digest_at(target.schedule, target.timezone, max(oldest, last_digest) if last_digest else oldest)
    return fire, (messages.digest_message(target.name, ready, last_digest, max(now, fire or now)) if ready else None)


def spike_messages(targets: tuple[NotifyTarget, ...], spike: SpikeAlert, now: datetime) -> list[PlannedMessage]:
    """A spike goes at once to every target that takes its rule (digest targets too: it is news now);
    quiet hours still hold it."""
    text = messages.spike_message(spike)
    return [PlannedMessage(target=t.name, kind="spike", title=text[0], body=text[1], rules=(spike.rule,),
                           not_before=_quiet_end(t, now))
            for t in targets if not t.rules or spike.rule in t.rules]


def silence_messages(target: NotifyTarget | None, silence: SilenceAlert, now: datetime,
                     cleared: bool = False) -> list[PlannedMessage]:
    """A silence (or its end) for the operations target, if one is set."""
    if target is None:
        return []
    text = messages.recovered_message(silence, now) if cleared else messages.silence_message(silence)
    return [PlannedMessage(target=target.name, kind="recovered" if cleared else "silence", title=text[0],
                           body=text[1], not_before=_quiet_end(target, now))]


def _quiet_end(target: NotifyTarget, now: datetime) -> datetime | None:
    return quiet_until(target.quiet_hours, target.timezone, now) if target.quiet_hours else None

