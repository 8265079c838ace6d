"""Work the notification outbox: plan due deliveries into messages, send due messages, record the outcome.

Two steps, each safe to cut anywhere. Planning writes the messages (and points their deliveries
at them) in one transaction, before anything is sent. Sending reads queued messages, one thread
per target, so a target that is down or slow holds up only its own messages; each outcome is
recorded as soon as it is known, so a crash repeats at most the message each target had in flight,
with the same idempotency key.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from monitor import metrics
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
BATCH = 20  # messages a worker takes for one target at a time


def plan_due(store: Store, ctx: Context, now: datetime | None = None, skip: frozenset[str] = frozenset()) -> int:
    """Turn every target's due deliveries into queued messages (or holds); returns messages queued.

    `skip`: targets whose sender is busy. Their alerts wait unplanned until it is free, so that a
    backlog built up meanwhile goes out folded into one message (notify.FOLD_AFTER) rather than
    one message each, behind the ones already queued."""
    now = now or ctx.clock()
    targets = {target.name: target for target in ctx.config.targets}
    queued = 0
    for name in store.targets_with_unsent(now):
        if name in skip:
            continue
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
    """Sends queued messages on worker threads, one batch per target at a time.

    A target that is slow or down keeps only its own worker busy: passes go on for the others. A
    worker records each outcome on its own store connection the moment it is known, so a crash
    repeats at most the message each target had in flight. After a failed send the rest of that
    target's due messages wait for the same retry time, so a target that is down costs one attempt
    per retry, not one per message. A batch stops at the deadline (the end of the sender's run).
    """

    def __init__(self, ctx: Context, deadline: float | None = None) -> None:
        self.ctx = ctx
        self.deadline = deadline  # time.monotonic() after which no new send starts
        self.urls = {target.name: target.urls for target in ctx.config.targets}
        self.pool = ThreadPoolExecutor(max_workers=MAX_SENDER_THREADS, thread_name_prefix="notify")
        self.lock = threading.Lock()
        self.busy: set[str] = set()
        self.sent = 0

    def busy_targets(self) -> frozenset[str]:
        with self.lock:
            return frozenset(self.busy)

    def dispatch(self, store: Store) -> list[Future[None]]:
        """Hand the due messages of every idle target (BATCH each) to a worker; returns the batches."""
        busy = self.busy_targets()
        by_target: dict[str, list[OutboxMessage]] = defaultdict(list)
        for message in store.due_messages(self.ctx.clock(), limit=BATCH * MAX_SENDER_THREADS, exclude=busy):
            if len(by_target[message.target]) < BATCH:
                by_target[message.target].append(message)
        with self.lock:
            self.busy.update(by_target)
        return [self.pool.submit(self._send_batch, target, messages) for target, messages in by_target.items()]

    def _over(self) -> bool:
        return self.ctx.stop.is_set() or (self.deadline is not None and time.monotonic() >= self.deadline)

    def _send_batch(self, target: str, messages: list[OutboxMessage]) -> None:
        from monitor import deliver
        from storage import open_store

        try:
            store = open_store(self.ctx.config, migrate=False)
            try:
                for message in messages:
                    if self._over():
                        break
                    urls = self.urls.get(target)
                    error = deliver.send(urls, message.title, message.body, key=message.key) if urls \
                        else "no such target in the config"
                    metrics.delivered(target, error is None)
                    if error is None:
                        store.mark_sent(message.id, self.ctx.clock())
                        with self.lock:
                            self.sent += 1
                        continue
                    wait = retry_delay(message.attempts + 1)
                    retry_at = self.ctx.clock() + timedelta(seconds=wait)
                    with store.transaction():
                        store.mark_send_failed(message.id, error, retry_at)
                        store.postpone_messages(target, retry_at)
                    log.warning("notification failed %s", fields(
                        target=target, message=message.id, kind=message.kind, attempts=message.attempts + 1,
                        retry_in=int(wait), error=error))
                    break
            finally:
                store.close()
        except Exception as exc:  # a bug or a store failure: logged; the messages stay queued
            log.error("notification sender failed target=%s error=%s", target, one_line(exc))
        finally:
            with self.lock:
                self.busy.discard(target)
            OUTBOX_CHANGED.set()  # the target is free: plan and send what waited for it

    def close(self) -> int:
        """Wait for the workers (they stop early when the context is stopping or the deadline is
        past); returns how many messages were delivered."""
        self.pool.shutdown(wait=True)
        return self.sent


def send_due(store: Store, ctx: Context) -> int:
    """Send the queued messages that are due, and wait for them; returns how many were delivered."""
    sender = Sender(ctx)
    try:
        while not ctx.stop.is_set():
            batches = sender.dispatch(store)
            if not batches:
                break
            wait(batches)  # then what is left, BATCH at a time
    finally:
        sender.close()
    return sender.sent


def deliver_pending(store: Store, ctx: Context) -> int:
    """Plan what is due, then send what is due and wait; returns how many messages were delivered."""
    plan_due(store, ctx)
    return send_due(store, ctx)


def work_outbox(store: Store, ctx: Context, run_for: float, poll: float = 1.0) -> int:
    """Deliver for up to `run_for` seconds, waking on OUTBOX_CHANGED (a commit, a target's worker
    free again) or when something comes due; returns messages delivered. Stops early when the
    context is stopping; a send in flight at the end finishes, no new one starts."""
    until = time.monotonic() + run_for
    sender = Sender(ctx, deadline=until)
    try:
        while not ctx.stop.is_set():
            OUTBOX_CHANGED.clear()  # before looking: a commit after this wakes the wait below
            plan_due(store, ctx, skip=sender.busy_targets())
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
        sender.close()
    return sender.sent
