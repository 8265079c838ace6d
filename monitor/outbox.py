"""Work the notification outbox: plan due deliveries into messages, send due messages, record the outcome.

Two steps, each safe to cut anywhere. Planning writes the messages (and points their deliveries
at them) in one transaction, before anything is sent. Sending reads queued messages, one thread
per target, so a target that is down or slow holds up only its own messages; each outcome is
recorded as soon as it is known, so a crash repeats at most the message each target had in flight,
with the same idempotency key.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from monitor.collect import Context
from monitor.logs import fields
from monitor.models import Hold, OutboxMessage, TargetPlan
from monitor.notify import plan, retry_delay
from storage.store import Store

log = logging.getLogger(__name__)

# Set when a commit queued deliveries: the sender in this process wakes at once instead of at its
# next poll (the latency from an alert's commit to its send is this, not the poll interval).
OUTBOX_CHANGED = threading.Event()
UNKNOWN_TARGET_RECHECK = timedelta(hours=1)
MAX_SENDER_THREADS = 8


def plan_due(store: Store, ctx: Context, now: datetime | None = None) -> int:
    """Turn every target's due deliveries into queued messages (or holds); returns messages queued."""
    now = now or ctx.clock()
    targets = {target.name: target for target in ctx.config.targets}
    queued = 0
    for name in store.targets_with_unsent(now):
        due = store.unsent_deliveries(name, now)
        if not due:
            continue
        target = targets.get(name)
        if target is None:  # removed from the config: kept, in case it comes back
            decided = TargetPlan(holds=(Hold(tuple(d.id for d in due), now + UNKNOWN_TARGET_RECHECK,
                                             "no such target in the config"),))
        else:
            recent = store.recent_messages(name, now - timedelta(seconds=target.cooldown)) if target.cooldown else {}
            decided = plan(target, due, recent, store.last_digest(name) if target.mode == "digest" else None, now)
        queued += len(store.queue_plan(decided, now))
    return queued


def send_due(store: Store, ctx: Context, limit: int = 1000) -> int:
    """Send the queued messages that are due; returns how many were delivered."""
    from monitor import deliver

    due = store.due_messages(ctx.clock(), limit)
    if not due:
        return 0
    urls = {target.name: target.urls for target in ctx.config.targets}
    by_target: dict[str, list[OutboxMessage]] = defaultdict(list)
    for message in due:
        by_target[message.target].append(message)
    outcomes: queue.Queue[tuple[OutboxMessage, str | None] | None] = queue.Queue()

    def send_all(messages: list[OutboxMessage]) -> None:
        try:
            for message in messages:
                if ctx.stop.is_set():
                    break
                target_urls = urls.get(message.target)
                error = deliver.send(target_urls, message.title, message.body, key=message.key) \
                    if target_urls else "no such target in the config"
                outcomes.put((message, error))
        finally:
            outcomes.put(None)

    sent = 0
    with ThreadPoolExecutor(max_workers=min(MAX_SENDER_THREADS, len(by_target)), thread_name_prefix="notify") as pool:
        for messages in by_target.values():
            pool.submit(send_all, messages)
        running = len(by_target)
        while running:
            outcome = outcomes.get()
            if outcome is None:
                running -= 1
                continue
            message, error = outcome
            if error is None:
                store.mark_sent(message.id, ctx.clock())
                sent += 1
                continue
            wait = retry_delay(message.attempts + 1)
            store.mark_send_failed(message.id, error, ctx.clock() + timedelta(seconds=wait))
            log.warning("notification failed %s", fields(target=message.target, message=message.id, kind=message.kind,
                                                          attempts=message.attempts + 1, retry_in=int(wait), error=error))
    return sent


def deliver_pending(store: Store, ctx: Context, limit: int = 1000) -> int:
    """Plan what is due, then send what is due; returns how many messages were delivered."""
    plan_due(store, ctx)
    return send_due(store, ctx, limit)


def work_outbox(store: Store, ctx: Context, run_for: float, poll: float = 1.0) -> int:
    """Deliver for up to `run_for` seconds, waking on OUTBOX_CHANGED or when something comes due;
    returns messages delivered. Stops early when the context's stop flag is set."""
    import time

    sent = 0
    until = time.monotonic() + run_for
    while not ctx.stop.is_set():
        OUTBOX_CHANGED.clear()  # before looking: a commit after this wakes the wait below
        sent += deliver_pending(store, ctx)
        left = until - time.monotonic()
        if left <= 0:
            break
        wait = min(poll, left)
        upcoming = store.next_outbox_time()
        if upcoming is not None:
            wait = max(0.0, min(wait, (upcoming - ctx.clock()).total_seconds()))
        OUTBOX_CHANGED.wait(wait)
    return sent
