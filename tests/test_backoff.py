"""monitor.backoff (pure state policy), and how the pipeline and the scheduler honour its next fetch time."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from monitor import backoff
from monitor.backoff import GONE_RECHECK, JITTER, after_fetch, backoff_delay, is_due
from monitor.config import load
from monitor.models import Outcome, RawDocument, ResponseInfo, Source, SourceState
from monitor.pipeline import Context, ingest_source
from storage import open_store

NOW = datetime(2022, 1, 15, 12, 0, tzinfo=timezone.utc)
SOURCE = Source(name="desk", kind="feed", location="https://example.org/feed", interval=600.0)
MAX_BACKOFF = 6 * 3600.0
FAILED = SourceState(name="desk", etag='"old"', last_modified="Mon, 10 Jan 2022 09:00:00 GMT", body_hash="h0",
                     consecutive_failures=3, last_outcome="error", last_error="fetch: boom",
                     last_success_at=NOW - timedelta(days=2), next_fetch_at=NOW - timedelta(minutes=1),
                     gone_at=NOW - timedelta(days=3))


def _doc(**changes: object) -> RawDocument:
    base = RawDocument(source="desk", kind="feed", location=SOURCE.location, body=b"<rss/>", fetched_at=NOW,
                       final_url=SOURCE.location, status=200, body_hash="h1")
    return replace(base, **changes)


def _expected_delay(interval: float, failures: int, cap: float, seed: int) -> float:
    base = min(cap, interval * 2 ** (failures - 1))
    return min(cap, base * (1 + JITTER * (2 * random.Random(seed).random() - 1)))


# --- after_fetch, outcome by outcome -------------------------------------------------------------

@pytest.mark.parametrize("outcome", [Outcome.OK, Outcome.NOT_MODIFIED, Outcome.UNCHANGED])
def test_success_resets_failures_and_schedules_one_interval_later(outcome: Outcome) -> None:
    new = after_fetch(FAILED, SOURCE, outcome, NOW, max_backoff=MAX_BACKOFF)
    assert new.consecutive_failures == 0
    assert new.last_outcome == outcome.value and new.last_error is None
    assert new.last_success_at == NOW
    assert new.next_fetch_at == NOW + timedelta(seconds=600)
    assert new.gone_at is None  # a gone source that answers again is no longer gone
    assert (new.etag, new.last_modified, new.body_hash) == (FAILED.etag, FAILED.last_modified, "h0")


def test_ok_takes_validators_hash_and_permanent_url_from_the_document() -> None:
    doc = _doc(etag='"new"', last_modified="Tue, 11 Jan 2022 09:00:00 GMT", body_hash="h2",
               permanent_url="https://example.org/moved")
    new = after_fetch(FAILED, SOURCE, Outcome.OK, NOW, max_backoff=MAX_BACKOFF, response=ResponseInfo.of(doc))
    assert (new.etag, new.last_modified, new.body_hash) == ('"new"', "Tue, 11 Jan 2022 09:00:00 GMT", "h2")
    assert new.effective_url == "https://example.org/moved"


def test_ok_without_validators_forgets_the_old_ones() -> None:
    new = after_fetch(FAILED, SOURCE, Outcome.OK, NOW, max_backoff=MAX_BACKOFF, response=ResponseInfo.of(_doc()))
    assert (new.etag, new.last_modified, new.body_hash) == (None, None, "h1")
    assert new.effective_url is None  # a temporary redirect or none: nothing moved


def test_not_modified_keeps_validators_and_hash() -> None:
    doc = _doc(body=b"", status=304, not_modified=True, body_hash="")
    new = after_fetch(FAILED, SOURCE, Outcome.NOT_MODIFIED, NOW, max_backoff=MAX_BACKOFF, response=ResponseInfo.of(doc))
    assert (new.etag, new.last_modified, new.body_hash) == (FAILED.etag, FAILED.last_modified, "h0")


def test_rate_limited_waits_as_asked_without_counting_a_failure() -> None:
    new = after_fetch(FAILED, SOURCE, Outcome.RATE_LIMITED, NOW, max_backoff=MAX_BACKOFF,
                      error="fetch: HTTP 429", retry_after=120.0)
    assert new.next_fetch_at == NOW + timedelta(seconds=120)
    assert new.consecutive_failures == 3  # neither incremented nor reset
    assert (new.last_outcome, new.last_error) == ("rate_limited", "fetch: HTTP 429")
    assert new.last_success_at == FAILED.last_success_at


def test_rate_limited_without_retry_after_waits_one_interval() -> None:
    new = after_fetch(SourceState(name="desk"), SOURCE, Outcome.RATE_LIMITED, NOW, max_backoff=MAX_BACKOFF)
    assert new.next_fetch_at == NOW + timedelta(seconds=600)
    assert new.consecutive_failures == 0


def test_rate_limited_waits_at_least_a_second() -> None:
    new = after_fetch(SourceState(name="desk"), SOURCE, Outcome.RATE_LIMITED, NOW, max_backoff=MAX_BACKOFF,
                      retry_after=0.2)
    assert new.next_fetch_at == NOW + timedelta(seconds=1)


def test_gone_is_marked_and_rechecked_daily_keeping_the_first_date() -> None:
    first = after_fetch(SourceState(name="desk"), SOURCE, Outcome.GONE, NOW, max_backoff=MAX_BACKOFF,
                        error="fetch: HTTP 410 Gone")
    assert first.gone_at == NOW and first.next_fetch_at == NOW + GONE_RECHECK == NOW + timedelta(days=1)
    assert first.consecutive_failures == 0 and first.last_outcome == "gone"
    later = NOW + timedelta(days=1)
    second = after_fetch(first, SOURCE, Outcome.GONE, later, max_backoff=MAX_BACKOFF)
    assert second.gone_at == NOW and second.next_fetch_at == later + timedelta(days=1)
    back = after_fetch(second, SOURCE, Outcome.OK, later + timedelta(days=1), max_backoff=MAX_BACKOFF)
    assert back.gone_at is None


@pytest.mark.parametrize("outcome", [Outcome.ERROR, Outcome.REFUSED])
def test_failure_backs_off_exponentially_with_seeded_jitter(outcome: Outcome) -> None:
    state = SourceState(name="desk")
    for failures in range(1, 6):
        state = after_fetch(state, SOURCE, outcome, NOW, max_backoff=MAX_BACKOFF, error="fetch: boom",
                            rng=random.Random(failures))
        assert state.consecutive_failures == failures
        assert (state.last_outcome, state.last_error) == (outcome.value, "fetch: boom")
        expected = _expected_delay(600.0, failures, MAX_BACKOFF, failures)
        assert state.next_fetch_at == NOW + timedelta(seconds=expected)
    assert state.last_success_at is None and state.etag is None


def test_failure_keeps_validators_and_success_time() -> None:
    new = after_fetch(FAILED, SOURCE, Outcome.ERROR, NOW, max_backoff=MAX_BACKOFF, rng=random.Random(1))
    assert new.consecutive_failures == 4
    assert (new.etag, new.last_modified, new.body_hash) == (FAILED.etag, FAILED.last_modified, "h0")
    assert new.last_success_at == FAILED.last_success_at


# --- backoff_delay: jitter bounds and the cap ----------------------------------------------------

def test_jitter_stays_within_twenty_percent_and_varies() -> None:
    seen = set()
    for seed in range(300):
        for failures in range(1, 7):
            base = min(MAX_BACKOFF, 600.0 * 2 ** (failures - 1))
            delay = backoff_delay(600.0, failures, MAX_BACKOFF, random.Random(seed))
            assert base * (1 - JITTER) <= delay <= min(MAX_BACKOFF, base * (1 + JITTER))
            if failures == 1:
                seen.add(round(delay, 6))
    assert len(seen) > 250  # spread, not one fixed value
    assert min(seen) < 600 * 0.85 and max(seen) > 600 * 1.15


def test_same_seed_same_delay() -> None:
    assert backoff_delay(600, 3, MAX_BACKOFF, random.Random(7)) == backoff_delay(600, 3, MAX_BACKOFF, random.Random(7))


def test_zero_failures_means_about_one_interval() -> None:
    assert 480 <= backoff_delay(600, 0, MAX_BACKOFF, random.Random(3)) <= 720


@pytest.mark.parametrize("failures", [7, 10, 30, 200, 1000])
def test_delay_is_capped_at_max_backoff(failures: int) -> None:
    for seed in range(50):
        delay = backoff_delay(600.0, failures, 3600.0, random.Random(seed))
        assert 3600.0 * (1 - JITTER) <= delay <= 3600.0


def test_after_fetch_caps_at_max_backoff() -> None:
    state = SourceState(name="desk", consecutive_failures=40)
    for seed in range(30):
        new = after_fetch(state, SOURCE, Outcome.ERROR, NOW, max_backoff=3600.0, rng=random.Random(seed))
        assert NOW < new.next_fetch_at <= NOW + timedelta(seconds=3600)


def test_interval_longer_than_max_backoff_is_the_cap() -> None:
    daily = replace(SOURCE, interval=86_400.0)
    for seed in range(30):
        new = after_fetch(SourceState(name="desk", consecutive_failures=5), daily, Outcome.ERROR, NOW,
                          max_backoff=MAX_BACKOFF, rng=random.Random(seed))
        assert NOW + timedelta(days=0.8) <= new.next_fetch_at <= NOW + timedelta(days=1)


# From 1,025 consecutive failures on (255 days of a dead source at a 6 h cap), interval × 2^(n−1)
# no longer fits a float: the delay must still come out capped, not as an OverflowError.
@pytest.mark.parametrize("failures", [1025, 5000])
def test_delay_is_capped_even_after_very_many_failures(failures: int) -> None:
    delay = backoff_delay(900.0, failures, MAX_BACKOFF, random.Random(1))
    assert MAX_BACKOFF * (1 - JITTER) <= delay <= MAX_BACKOFF


# --- is_due -------------------------------------------------------------------------------------

def test_never_fetched_is_due() -> None:
    assert is_due(SourceState(name="desk"), NOW, 600)


@pytest.mark.parametrize("offset, interval, due", [
    (-3600, 600, True),   # overdue
    (0, 600, True),
    (30, 600, True),      # within the slack of 10% of the interval
    (60, 600, True),
    (61, 600, False),
    (90, 600, False),
    (5, 30, False),       # slack is 10% of a 30 s interval: 3 s
    (2, 30, True),
    (120, 86_400, False), # slack is at most 60 s however long the interval
    (59, 86_400, True),
])
def test_is_due_with_slack(offset: float, interval: float, due: bool) -> None:
    state = SourceState(name="desk", next_fetch_at=NOW + timedelta(seconds=offset))
    assert is_due(state, NOW, interval) is due


# --- the pipeline and the scheduler honour next_fetch_at ------------------------------------------

FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Talks in Geneva</title><link>https://news.example.org/geneva</link>"
        "<description>Diplomats met in Geneva.</description></item></channel></rss>")


def _setup(make_config, sources: list[dict]) -> tuple[object, Context, object]:
    config = load(make_config(sources, timeout="1s", deadline="3s"))
    return config, Context.build(config), open_store(config.settings.database)


def test_scheduled_run_of_a_source_in_backoff_makes_no_request(make_config, feed_server) -> None:
    url = feed_server.add("/down.xml", status=500)
    config, ctx, db = _setup(make_config, [{"name": "down", "kind": "feed", "url": url, "interval": "10m",
                                            "allow_private": True}])
    try:
        source = config.sources[0]
        first = ingest_source(db, source, ctx, scheduled=True)  # never fetched: due
        assert first is not None and first.outcome is Outcome.ERROR
        assert feed_server.hits("/down.xml") == 1
        stored = db.source_state("down")
        assert stored.consecutive_failures == 1 and stored.next_fetch_at > datetime.now(timezone.utc)
        feed_server.add("/down.xml", FEED, content_type="application/rss+xml")  # back up, but not due yet
        assert ingest_source(db, source, ctx, scheduled=True) is None
        assert feed_server.hits("/down.xml") == 1
        assert db.execute("SELECT count(*) FROM fetches").fetchone()[0] == 1
        assert db.source_state("down") == stored  # nothing about the source changed
        # A manual run always fetches; a scheduled run fetches again once the time has come.
        manual = ingest_source(db, source, ctx)
        assert manual.outcome is Outcome.OK and feed_server.hits("/down.xml") == 2
        db.execute("UPDATE sources SET next_fetch_at = '2000-01-01T00:00:00Z' WHERE name = 'down'")
        feed_server.add("/down.xml", FEED.replace("Geneva.", "Geneva on Monday."),
                        content_type="application/rss+xml")
        again = ingest_source(db, source, ctx, scheduled=True)
        assert again is not None and again.outcome is Outcome.OK and feed_server.hits("/down.xml") == 3
    finally:
        ctx.close()
        db.close()


def test_scheduled_run_of_a_gone_source_waits_a_day(make_config, feed_server) -> None:
    url = feed_server.add("/gone.xml", status=410)
    config, ctx, db = _setup(make_config, [{"name": "gone", "kind": "feed", "url": url, "interval": "1m",
                                            "allow_private": True}])
    try:
        assert ingest_source(db, config.sources[0], ctx, scheduled=True).outcome is Outcome.GONE
        assert ingest_source(db, config.sources[0], ctx, scheduled=True) is None
        assert feed_server.hits("/gone.xml") == 1
    finally:
        ctx.close()
        db.close()


def test_pipeline_survives_a_very_long_failure_streak(make_config, feed_server) -> None:
    url = feed_server.add("/dead.xml", status=500)
    config, ctx, db = _setup(make_config, [{"name": "dead", "kind": "feed", "url": url, "interval": "15m",
                                            "allow_private": True}])
    try:
        source = config.sources[0]
        db.ensure_source(source, NOW)
        db.execute("UPDATE sources SET consecutive_failures = 1024 WHERE name = 'dead'")
        record = ingest_source(db, source, ctx)
        assert record is not None and record.outcome is Outcome.ERROR
        stored = db.source_state("dead")
        assert stored.consecutive_failures == 1025
        assert stored.next_fetch_at <= datetime.now(timezone.utc) + timedelta(hours=6, seconds=1)
    finally:
        ctx.close()
        db.close()


def test_first_run_after_restart_respects_the_stored_next_fetch_time(make_config, feed_server,
                                                                      tmp_path: Path) -> None:
    from jobs.scheduler import build_scheduler
    from monitor import daemon

    down = feed_server.add("/down.xml", status=500)
    fine = feed_server.add("/fine.xml", FEED, content_type="application/rss+xml")
    sources = [
        {"name": "down", "kind": "feed", "url": down, "interval": "10m", "allow_private": True},
        {"name": "fresh", "kind": "feed", "url": fine, "interval": "10m", "allow_private": True},
        {"name": "overdue", "kind": "feed", "url": fine, "interval": "10m", "allow_private": True},
        {"name": "off", "kind": "feed", "url": fine, "interval": "10m", "allow_private": True, "enabled": False},
    ]
    config, ctx, db = _setup(make_config, sources)
    try:
        ingest_source(db, config.source("down"), ctx)  # backs off: next fetch ~10 min from now
        db.ensure_source(config.source("overdue"), NOW)
        db.execute("UPDATE sources SET next_fetch_at = '2000-01-01T00:00:00Z' WHERE name = 'overdue'")
        stored = db.source_state("down").next_fetch_at
    finally:
        db.close()
        ctx.close()
    hits = feed_server.hits("/down.xml") + feed_server.hits("/fine.xml")

    # "Restart": a new context, the daemon's own preparation, then the scheduler (never started).
    ctx = Context.build(config)
    try:
        first_runs = daemon.prepare(config, ctx)
        assert first_runs["down"] == stored and "fresh" not in first_runs
        before = datetime.now(timezone.utc)
        scheduler = build_scheduler(config, ctx.clock(), first_runs)
        after = datetime.now(timezone.utc)
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert {"down", "fresh", "overdue"} <= set(jobs) and "off" not in jobs  # one job per enabled source
        assert stored > after + timedelta(minutes=7)
        assert stored <= jobs["down"].next_run_time <= stored + timedelta(seconds=1)
        assert before - timedelta(seconds=1) <= jobs["fresh"].next_run_time <= after + timedelta(seconds=1)
        assert before - timedelta(seconds=1) <= jobs["overdue"].next_run_time <= after + timedelta(seconds=1)
        # Later runs follow the interval from the stored time.
        later = jobs["down"].trigger.get_next_fire_time(jobs["down"].next_run_time, jobs["down"].next_run_time)
        assert later - jobs["down"].next_run_time <= timedelta(minutes=10, seconds=1)
        assert feed_server.hits("/down.xml") + feed_server.hits("/fine.xml") == hits  # nothing ran
    finally:
        ctx.close()


def test_backoff_module_is_pure() -> None:
    state = SourceState(name="desk")
    after_fetch(state, SOURCE, Outcome.ERROR, NOW, max_backoff=MAX_BACKOFF, rng=random.Random(1))
    assert state == SourceState(name="desk")
    assert not hasattr(backoff, "Database")


def test_a_success_is_due_one_interval_after_its_run_began_not_after_it_ended() -> None:
    began = NOW - timedelta(seconds=40)  # a slow run: 40 s from its tick to its commit
    new = after_fetch(FAILED, SOURCE, Outcome.OK, NOW, max_backoff=MAX_BACKOFF, started=began)
    assert new.next_fetch_at == began + timedelta(seconds=SOURCE.interval)
    assert new.last_success_at == NOW
    # the next tick, one interval after this one, finds it due
    assert is_due(new, began + timedelta(seconds=SOURCE.interval), SOURCE.interval)
