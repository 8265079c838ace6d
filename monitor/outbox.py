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
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from monitor.collect import Context
from monitor.errors import one_line
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


class Sender:
    """Sends queued messages on worker threads, one batch per target at a time; the outcomes are
    recorded by the thread that owns the store (`record`), as soon as it looks.

    A target that is slow or down keeps only its own worker busy: passes go on for the others. After
    a failed send the rest of that target's due messages wait for the same retry time, so a target
    that is down costs one attempt per retry, not one per message.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.urls = {target.name: target.urls for target in ctx.config.targets}
        self.pool = ThreadPoolExecutor(max_workers=MAX_SENDER_THREADS, thread_name_prefix="notify")
        self.busy: set[str] = set()
        self.outcomes: queue.Queue[tuple[str, OutboxMessage | None, str | None]] = queue.Queue()

    def dispatch(self, store: Store, limit: int = 1000) -> int:
        """Hand the due messages of every idle target to a worker; returns how many were handed over."""
        by_target: dict[str, list[OutboxMessage]] = defaultdict(list)
        for message in store.due_messages(self.ctx.clock(), limit):
            if message.target not in self.busy:
                by_target[message.target].append(message)
        for target, messages in by_target.items():
            self.busy.add(target)
            self.pool.submit(self._send_batch, target, messages)
        return sum(map(len, by_target.values()))

    def _send_batch(self, target: str, messages: list[OutboxMessage]) -> None:
        from monitor import deliver

        try:
            for message in messages:
                if self.ctx.stop.is_set():
                    break
                urls = self.urls.get(target)
                error = deliver.send(urls, message.title, message.body, key=message.key) if urls \
                    else "no such target in the config"
                self.outcomes.put((target, message, error))
                OUTBOX_CHANGED.set()
                if error is not None:
                    break  # the rest wait for this one's retry time (see record)
        except Exception as exc:  # a bug in a send must not leave the target marked busy for ever
            log.exception("notification sender failed target=%s", target)
            self.outcomes.put((target, None, one_line(exc)))
        finally:
            self.outcomes.put((target, None, None))
            OUTBOX_CHANGED.set()

    def record(self, store: Store) -> int:
        """Record the outcomes the workers reported so far; returns how many messages were delivered."""
        sent = 0
        while True:
            try:
                target, message, error = self.outcomes.get_nowait()
            except queue.Empty:
                return sent
            if message is None:
                if error is None:
                    self.busy.discard(target)
                continue
            now = self.ctx.clock()
            if error is None:
                store.mark_sent(message.id, now)
                sent += 1
                continue
            wait = retry_delay(message.attempts + 1)
            store.mark_send_failed(message.id, error, now + timedelta(seconds=wait))
            store.postpone_messages(target, now + timedelta(seconds=wait))
            log.warning("notification failed %s", fields(target=target, message=message.id, kind=message.kind,
                                                          attempts=message.attempts + 1, retry_in=int(wait), error=error))

    def close(self, store: Store) -> int:
        """Wait for the workers (they stop early when the context is stopping) and record what they did."""
        self.pool.shutdown(wait=True)
        return self.record(store)


def send_due(store: Store, ctx: Context, limit: int = 1000) -> int:
    """Send the queued messages that are due, and wait for them; returns how many were delivered."""
    sender = Sender(ctx)
    sender.dispatch(store, limit)
    return sender.close(store)


def deliver_pending(store: Store, ctx: Context, limit: int = 1000) -> int:
    """Plan what is due, then send what is due and wait; returns how many messages were delivered."""
    plan_due(store, ctx)
    return send_due(store, ctx, limit)


def work_outbox(store: Store, ctx: Context, run_for: float, poll: float = 1.0) -> int:
    """Deliver for up to `run_for` seconds, waking on OUTBOX_CHANGED (a commit, a send finished) or
    when something comes due; returns messages delivered. Stops early when the context is stopping."""
    sender = Sender(ctx)
    sent = 0
    until = time.monotonic() + run_for
    try:
        while not ctx.stop.is_set():
            OUTBOX_CHANGED.clear()  # before looking: a commit after this wakes the wait below
            sent += sender.record(store)
            plan_due(store, ctx)
            sender.dispatch(store)
            left = until - time.monotonic()
            if left <= 0:
                break
            wait = min(poll, left)
            upcoming = store.next_outbox_time()
            if upcoming is not None and upcoming > ctx.clock():  # due ones are with a busy worker
                wait = min(wait, (upcoming - ctx.clock()).total_seconds())
            OUTBOX_CHANGED.wait(wait)
    finally:
        sent += sender.close(store)
    return sent
