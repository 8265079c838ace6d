"""monitor.watch end to end: spike and silence alerts judged from a real SQLite store's history,
stored with their messages, and delivered through the outbox to a real webhook receiver on 127.0.0.1.

History is written straight into the store with controlled times (an alert's `created_at` is the `now`
given to add_alert, a sighting's `first_seen_at` the `now` of add_sighting, fetches via record_fetch);
the clock is passed in, never patched.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import run_monitor
from monitor import spikes
from monitor.dedupe import rehash
from monitor.models import FetchRecord, Hit, Item, Match, Outcome, Placement
from monitor.outbox import deliver_pending
from monitor.silence import cadence
from monitor.stories import title_key
from monitor.watch import check_silences, check_spikes, rule_hours

START = datetime(2024, 3, 1, tzinfo=timezone.utc)  # where every store's history begins
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

SPIKE_RULES = """
[[rules]]
name = "Donbas"
terms = ["Donbas"]

[[rules]]
name = "Muted"
terms = ["Donbas"]
spike_sensitivity = 0
"""


class Clock:
    """The monitor's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _hook(feed_server, path: str) -> str:
    feed_server.add(path, b"ok")
    return feed_server.base.replace("http://", "json://") + path


def _with_targets(path: Path, targets: dict[str, str]) -> Path:
    """Append one [[notify]] target per (name, Apprise URL) to a config file."""
    lines = [f'\n[[notify]]\nname = "{name}"\nurls = ["{url}"]' for name, url in targets.items()]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _posts(feed_server, path: str) -> list[dict]:
    return [json.loads(headers["body"]) for p, headers in feed_server.requests if p == path and "body" in headers]


def _text_source(tmp_path: Path, name: str) -> dict:
    article = tmp_path / f"{name}.txt"
    article.write_text("Headline\n\nBody.\n", encoding="utf-8")
    return {"name": name, "kind": "text", "path": str(article)}


def _item(n: int, source: str, seen: datetime, published: datetime | None = None, topic: str = "Donbas") -> Item:
    title = f"{topic} report {n}"
    body = (f"Report number {n} on {topic}: officials described the situation in the {topic} area on "
            f"the day, and residents told reporters what they had seen.")
    url = f"https://{source}.example/{topic.lower()}/{n}"
    return rehash(Item(source=source, url=url, guid=url, title=title, author=None, publisher=None,
                       published_at=published or seen, published_raw=None, date_suspect=None, fetched_at=seen,
                       summary="", body=body, content_hash="", location=url))


def _story(store, n: int, source: str, seen: datetime, *, published: datetime | None = None,
           alert_rules: tuple[str, ...] = (), topic: str = "Donbas") -> int:
    """A new item in a story of its own, first seen at `seen`, with an alert per rule created at `seen`."""
    item = _item(n, source, seen, published, topic)
    item_id = store.insert_item(item, seen)
    store.add_sighting(item_id, item, seen)
    story_id = store.place_in_story(item_id, item.title, Placement(None, "first"), title_key(item.title), None, seen)
    for rule in alert_rules:
        hit = Hit("Donbas", "title", 0, 6, "Donbas")
        assert store.add_alert(item_id, story_id, Match(rule, (hit,), "… Donbas …"), seen) is not None
    return story_id


def _flat_counts(hours: int, seed: int, low: int, high: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randint(low, high) for _ in range(hours)]


def _spread(rng: random.Random, hour: datetime, count: int) -> list[datetime]:
    """`count` distinct whole-second moments inside the hour, sorted."""
    return sorted(hour + timedelta(seconds=s) for s in rng.sample(range(3600), count))


class Numbering:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _fill_hours(store, number: Numbering, first: datetime, counts: list[int], *, seed: int, source: str = "wire",
                alert_rules: tuple[str, ...] = ("Donbas",)) -> None:
    """counts[i] stories (alerted on by each rule) in the hour first + i h, at seeded moments."""
    rng = random.Random(seed)
    with store.transaction():
        for i, count in enumerate(counts):
            for moment in _spread(rng, first + i * HOUR, count):
                _story(store, number(), source, moment, alert_rules=alert_rules)


# --- spikes ----------------------------------------------------------------------------------------

PLANTED = START + 20 * DAY + 14 * HOUR  # 20 days of flat history before it


def test_a_planted_hour_raises_one_spike_sent_once_then_cools_down(make_config, feed_server, tmp_path: Path,
                                                                   open_monitor) -> None:
    config = _with_targets(make_config([_text_source(tmp_path, "wire")], rules=SPIKE_RULES),
                           {"desk-hook": _hook(feed_server, "/hook")})
    clock = Clock(PLANTED + HOUR + 2 * MINUTE)  # just after the planted hour
    monitor = open_monitor(config, clock=clock)
    store, ctx = monitor.db, monitor.ctx
    store.sync_sources(monitor.config.sources, START)
    number = Numbering()
    both = ("Donbas", "Muted")
    flat = _flat_counts(int((PLANTED - START) / HOUR), seed=1, low=1, high=3)
    _fill_hours(store, number, START, flat, seed=2, alert_rules=both)
    rng = random.Random(3)
    with store.transaction():
        planted_ids = [_story(store, number(), "wire", moment, alert_rules=both)
                       for moment in _spread(rng, PLANTED, 25)]
    assert rule_hours(store, "Donbas", clock.now)[PLANTED] == 25

    found = check_spikes(store, ctx, clock.now)
    assert [(s.rule, s.hour, s.count) for s in found] == [("Donbas", PLANTED, 25)]
    assert store.spikes("Muted") == []  # sensitivity 0: never checked (it would fire on anything if it were)
    [spike] = store.spikes()
    assert (spike.rule, spike.hour, spike.count, spike.created_at) == ("Donbas", PLANTED, 25, clock.now)
    assert 1.5 <= spike.baseline <= 2.5  # the flat history's mean is 2 stories an hour
    assert spike.p_value < spikes.threshold(4.0)
    assert len(spike.stories) == 5 and all(s.story_id in planted_ids for s in spike.stories)
    assert all(s.title.startswith("Donbas report") for s in spike.stories)

    assert deliver_pending(store, ctx) == 1
    [post] = _posts(feed_server, "/hook")
    assert post["title"].startswith("Spike: Donbas") and "25 stories" in post["title"]
    assert "**Donbas** matched 25 stories" in post["message"]
    assert "2024-03-21 14:00 UTC" in post["title"]

    clock.now = PLANTED + 90 * MINUTE  # the same two hours judged again
    assert check_spikes(store, ctx, clock.now) == []

    # The next hour is itself a burst, but within the rule's 6 h cool-down of the spike.
    with store.transaction():
        for moment in _spread(rng, PLANTED + HOUR, 20):
            _story(store, number(), "wire", moment, alert_rules=("Donbas",))
    clock.now = PLANTED + 2 * HOUR + 2 * MINUTE
    assert spikes.check(rule_hours(store, "Donbas", clock.now), PLANTED + HOUR,
                        history_start=store.watched_since()).fired  # what the cool-down holds back
    assert check_spikes(store, ctx, clock.now) == []
    assert len(store.spikes()) == 1
    assert deliver_pending(store, ctx) == 0
    assert len(_posts(feed_server, "/hook")) == 1


def test_once_the_cooldown_is_over_a_new_burst_is_a_new_spike(make_config, feed_server, tmp_path: Path,
                                                              open_monitor) -> None:
    config = _with_targets(make_config([_text_source(tmp_path, "wire")], rules=SPIKE_RULES),
                           {"desk-hook": _hook(feed_server, "/hook")})
    clock = Clock(PLANTED + HOUR + 2 * MINUTE)
    monitor = open_monitor(config, clock=clock)
    store, ctx = monitor.db, monitor.ctx
    store.sync_sources(monitor.config.sources, START)
    number = Numbering()
    _fill_hours(store, number, START, _flat_counts(int((PLANTED - START) / HOUR), seed=4, low=1, high=3), seed=5)
    _fill_hours(store, number, PLANTED, [25], seed=6)
    assert [s.hour for s in check_spikes(store, ctx, clock.now)] == [PLANTED]
    # Flat hours after it, then a second burst 6 h after the first: the cool-down (6 h) has run out.
    _fill_hours(store, number, PLANTED + HOUR, [2, 1, 3, 2, 2, 22], seed=7)
    clock.now = PLANTED + 7 * HOUR + 2 * MINUTE
    assert [(s.hour, s.count) for s in check_spikes(store, ctx, clock.now)] == [(PLANTED + 6 * HOUR, 22)]
    assert [s.hour for s in store.spikes("Donbas")] == [PLANTED + 6 * HOUR, PLANTED]
    assert deliver_pending(store, ctx) == 2
    assert len(_posts(feed_server, "/hook")) == 2


def test_flat_history_raises_no_spike_at_any_hour_of_three_days(make_config, tmp_path: Path, open_monitor) -> None:
    # min_count 1: only the Poisson baseline stands between an ordinary busy hour (4 stories) and an alert.
    rules = '[[rules]]\nname = "Donbas"\nterms = ["Donbas"]\nspike_min_count = 1\n'
    end = START + 20 * DAY
    clock = Clock(end)
    monitor = open_monitor(make_config([_text_source(tmp_path, "wire")], rules=rules), clock=clock)
    store, ctx = monitor.db, monitor.ctx
    store.sync_sources(monitor.config.sources, START)
    counts = _flat_counts(int((end - START) / HOUR), seed=11, low=0, high=4)
    _fill_hours(store, Numbering(), START, counts, seed=12)
    last_days = counts[-72:]
    assert max(last_days) == 4 and sum(last_days) == sum(rule_hours(store, "Donbas", end).get(end - (72 - i) * HOUR, 0)
                                                       for i in range(72))
    for hour in range(72):
        clock.now = end - 72 * HOUR + hour * HOUR + 5 * MINUTE
        assert check_spikes(store, ctx, clock.now) == [], clock.now
    assert store.spikes() == []


def test_with_no_cooldown_a_burst_in_the_current_hour_is_raised_within_it(make_config, tmp_path: Path,
                                                                          open_monitor) -> None:
    rules = '[[rules]]\nname = "Donbas"\nterms = ["Donbas"]\nspike_cooldown = "0s"\n'
    clock = Clock(PLANTED + HOUR + 2 * MINUTE)
    monitor = open_monitor(make_config([_text_source(tmp_path, "wire")], rules=rules), clock=clock)
    store, ctx = monitor.db, monitor.ctx
    store.sync_sources(monitor.config.sources, START)
    number = Numbering()
    _fill_hours(store, number, START, _flat_counts(int((PLANTED - START) / HOUR), seed=4, low=1, high=3), seed=5)
    _fill_hours(store, number, PLANTED, [25], seed=6)
    assert [s.hour for s in check_spikes(store, ctx, clock.now)] == [PLANTED]
    _fill_hours(store, number, PLANTED + HOUR, [30], seed=7)
    clock.now = PLANTED + HOUR + 58 * MINUTE  # the daemon checks every minute: the burst is news now
    assert [(s.hour, s.count) for s in check_spikes(store, ctx, clock.now)] == [(PLANTED + HOUR, 30)]


NEW_TOPIC = START + 10 * DAY + 3 * HOUR


def _new_topic_store(store) -> None:
    """10 days of items the rule does not match (2 an hour), then its first 25 stories ever, in one hour."""
    rng = random.Random(41)
    number = Numbering()
    with store.transaction():
        for hour in range(10 * 24):
            for moment in _spread(rng, START + hour * HOUR, 2):
                _story(store, number(), "wire", moment, topic="Weather")
        for moment in _spread(rng, NEW_TOPIC, 25):
            _story(store, number(), "wire", moment, alert_rules=("Donbas",))


def test_a_rules_first_burst_after_days_of_nothing_is_a_live_spike(make_config, tmp_path: Path,
                                                                    open_monitor) -> None:
    rules = '[[rules]]\nname = "Donbas"\nterms = ["Donbas"]\n'
    clock = Clock(NEW_TOPIC + HOUR + 2 * MINUTE)
    monitor = open_monitor(make_config([_text_source(tmp_path, "wire")], rules=rules), clock=clock)
    monitor.db.sync_sources(monitor.config.sources, START)
    _new_topic_store(monitor.db)
    [spike] = check_spikes(monitor.db, monitor.ctx, clock.now)
    assert (spike.hour, spike.count, spike.baseline) == (NEW_TOPIC, 25, spikes.MIN_BASELINE)


def test_backtest_spikes_finds_a_rules_first_burst_as_the_live_check_does(make_config, tmp_path: Path) -> None:
    from monitor.config import load
    from storage import open_store

    config = make_config([_text_source(tmp_path, "wire")], rules='[[rules]]\nname = "Donbas"\nterms = ["Donbas"]\n')
    store = open_store(load(config))
    try:
        store.sync_sources(load(config).sources, START)
        _new_topic_store(store)
    finally:
        store.close()
    done = run_monitor("backtest", "Donbas", "--spikes", "--json", "--config", str(config))
    assert done.code == 0, done.stderr
    assert [(f["hour"], f["count"]) for f in json.loads(done.stdout)] == [("2024-03-11T03:00:00Z", 25)]


# --- backtest --------------------------------------------------------------------------------------

@pytest.mark.parametrize("planted", [True, False], ids=["planted", "flat"])
def test_backtest_spikes_finds_the_planted_hour_and_nothing_in_flat_history(make_config, tmp_path: Path,
                                                                            planted: bool) -> None:
    from monitor.config import load
    from storage import open_store

    config = make_config([_text_source(tmp_path, "wire")], rules='[[rules]]\nname = "Donbas"\nterms = ["Donbas"]\n')
    burst = START + 8 * DAY + 14 * HOUR
    ingested = START + 10 * DAY  # every item first seen at once: the backtest must bucket by published time
    rng = random.Random(21)
    store = open_store(load(config))
    try:
        store.sync_sources(load(config).sources, START)
        number = Numbering()
        with store.transaction():
            for i, count in enumerate(_flat_counts(10 * 24, seed=22, low=1, high=3)):
                hour = START + i * HOUR
                if planted and hour == burst:
                    count = 25
                for moment in _spread(rng, hour, count):
                    _story(store, number(), "wire", ingested, published=moment)
            # 30 items in one hour that do not match the rule: no spike there.
            for moment in _spread(rng, START + 5 * DAY + 9 * HOUR, 30):
                _story(store, number(), "wire", ingested, published=moment, topic="Weather")
    finally:
        store.close()

    done = run_monitor("backtest", "Donbas", "--spikes", "--json", "--config", str(config))
    assert done.code == 0, done.stderr
    found = json.loads(done.stdout)
    if planted:
        assert [(f["hour"], f["count"]) for f in found] == [("2024-03-09T14:00:00Z", 25)]
        assert 1.5 <= found[0]["baseline"] <= 2.5 and found[0]["p_value"] < spikes.threshold(4.0)
        text = run_monitor("backtest", "Donbas", "--spikes", "--config", str(config))
        assert text.code == 0, text.stderr
        assert "rule Donbas: 1 spike(s)" in text.stdout and "2024-03-09 14:00" in text.stdout
    else:
        assert found == []


# --- silences --------------------------------------------------------------------------------------

def _arrivals(store, number: Numbering, source: str, first: datetime, count: int, seed: int) -> list[datetime]:
    """An item every ~30 min (±8 min, seeded) from `first`; their first-seen times."""
    rng = random.Random(seed)
    times = [first + i * 30 * MINUTE + timedelta(seconds=rng.randint(-480, 480)) for i in range(count)]
    with store.transaction():
        for moment in times:
            _story(store, number(), source, moment, topic="Weather")
    return times


def _silence_setup(make_config, feed_server, tmp_path: Path, open_monitor, *names: str, **settings: object):
    config = make_config([_text_source(tmp_path, name) for name in names], silence_target="ops", **settings)
    config = _with_targets(config, {"ops": _hook(feed_server, "/ops"), "desk": _hook(feed_server, "/desk")})
    clock = Clock(START)
    monitor = open_monitor(config, clock=clock)
    monitor.db.sync_sources(monitor.config.sources, START)
    return monitor, clock


def test_a_source_that_stops_is_silent_once_told_once_and_back_once(make_config, feed_server, tmp_path: Path,
                                                                    open_monitor) -> None:
    monitor, clock = _silence_setup(make_config, feed_server, tmp_path, open_monitor, "wire")
    store, ctx = monitor.db, monitor.ctx
    number = Numbering()
    times = _arrivals(store, number, "wire", START + 30 * MINUTE, 3 * 48, seed=31)
    last = max(times)
    usual = cadence(times)
    assert usual is not None and 30 * MINUTE < usual < 46 * MINUTE
    tolerated = 4 * usual  # silence_factor 4 (the default); well above silence_minimum (1 h)

    def check(at: datetime) -> tuple[list[str], list[str]]:
        clock.now = at
        return check_silences(store, ctx, at)

    assert check(last + HOUR) == ([], [])
    assert check(last + tolerated - 5 * MINUTE) == ([], [])
    raised_at = last + tolerated + 5 * MINUTE
    assert check(raised_at) == (["wire"], [])
    [silence] = store.silences()
    assert (silence.source, silence.reason, silence.since, silence.raised_at, silence.cleared_at) == \
           ("wire", "quiet", last, raised_at, None)
    assert deliver_pending(store, ctx) == 1
    [told] = _posts(feed_server, "/ops")
    assert told["title"] == "Source wire has gone quiet" and "**wire** has gone quiet" in told["message"]

    assert check(last + 10 * HOUR) == ([], [])  # still silent: no second silence, no second message
    assert len(store.silences()) == 1 and deliver_pending(store, ctx) == 0

    back = last + 11 * HOUR
    with store.transaction():
        _story(store, number(), "wire", back, topic="Weather")
    assert check(back + MINUTE) == ([], ["wire"])
    [silence] = store.silences()
    assert silence.cleared_at == back + MINUTE and store.open_silences() == {}
    assert deliver_pending(store, ctx) == 1
    assert check(back + 2 * HOUR) == ([], [])
    assert deliver_pending(store, ctx) == 0
    posts = _posts(feed_server, "/ops")
    assert [p["title"] for p in posts] == ["Source wire has gone quiet", "Source wire is back"]
    assert _posts(feed_server, "/desk") == []  # silences go to settings.silence_target only


def test_a_source_with_three_items_is_never_judged(make_config, feed_server, tmp_path: Path, open_monitor) -> None:
    monitor, clock = _silence_setup(make_config, feed_server, tmp_path, open_monitor, "wire", "sparse")
    store, ctx = monitor.db, monitor.ctx
    number = Numbering()
    last = max(_arrivals(store, number, "wire", START + 30 * MINUTE, 3 * 48, seed=32))
    with store.transaction():
        for hours in (2, 9, 20):
            _story(store, number(), "sparse", START + hours * HOUR, topic="Weather")
    for later in (DAY, 5 * DAY, 20 * DAY):
        clock.now = last + later
        raised, cleared = check_silences(store, ctx, clock.now)
        assert "sparse" not in raised and cleared == []
    assert [(s.source, s.reason) for s in store.silences()] == [("wire", "quiet")]  # the same checks do judge


def test_a_source_failing_for_longer_than_failing_after_is_failing_not_quiet(make_config, feed_server,
                                                                             tmp_path: Path, open_monitor) -> None:
    monitor, clock = _silence_setup(make_config, feed_server, tmp_path, open_monitor, "flaky",
                                    silence_failing_after="6h")
    store, ctx = monitor.db, monitor.ctx
    times = _arrivals(store, Numbering(), "flaky", START + 30 * MINUTE, 3 * 48, seed=33)
    success = max(times)

    def fetch(at: datetime, outcome: Outcome) -> None:
        store.record_fetch(FetchRecord(source="flaky", location="https://flaky.example/feed", started_at=at,
                                       duration_ms=40, outcome=outcome, error=None if outcome is Outcome.OK else
                                       "fetch: https://flaky.example/feed: HTTP 503"))

    fetch(success, Outcome.OK)
    first_failure = success + 30 * MINUTE
    for step in range(11):  # every 30 min: 5 h of failures
        fetch(first_failure + step * 30 * MINUTE, Outcome.ERROR)
    clock.now = first_failure + 5 * HOUR
    # Five hours without an item is far beyond the quiet limit (~2.5 h), but nothing can be seen while
    # fetches fail, and 5 h of failures is under silence_failing_after: nothing to report yet.
    assert check_silences(store, ctx, clock.now) == ([], [])
    for step in range(11, 15):
        fetch(first_failure + step * 30 * MINUTE, Outcome.ERROR)
    clock.now = first_failure + 7 * HOUR
    assert check_silences(store, ctx, clock.now) == (["flaky"], [])
    [silence] = store.silences()
    assert (silence.reason, silence.since, silence.cleared_at) == ("failing", first_failure, None)
    assert "every fetch has failed for 7 h" in silence.detail
    clock.now += HOUR
    assert check_silences(store, ctx, clock.now) == ([], [])
    assert deliver_pending(store, ctx) == 1
    assert [p["title"] for p in _posts(feed_server, "/ops")] == ["Source flaky is failing"]


class _CountingReads:
    """A real store, whose reads of a source's arrival times are counted (by source)."""

    def __init__(self, store) -> None:
        self._store = store
        self.reads: list[str] = []

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def source_item_times(self, source: str, since: datetime) -> list[datetime]:
        self.reads.append(source)
        return self._store.source_item_times(source, since)


def test_a_sources_rhythm_is_learned_again_only_when_it_delivers_or_after_about_an_hour(
        make_config, feed_server, tmp_path: Path, open_monitor) -> None:
    # Ten thousand sources checked every five minutes, most with nothing new: each one's month of
    # arrivals is read again only when it delivered since, or once its rhythm is about an hour old
    # (a source with few arrivals, cheap to read, is read every time: nothing is kept of it).
    from monitor.watch import RHYTHM_KEPT, RHYTHM_KEPT_FROM

    monitor, clock = _silence_setup(make_config, feed_server, tmp_path, open_monitor, "wire", "daily", "sparse")
    number = Numbering()
    last = max(_arrivals(monitor.db, number, "wire", START + 30 * MINUTE, 3 * 48, seed=34))
    _arrivals(monitor.db, number, "daily", START + 40 * MINUTE, 3 * 48, seed=35)
    # …ending when wire's do, half-hourly as theirs
    _arrivals(monitor.db, number, "sparse", START + 50 * MINUTE + (3 * 48 - RHYTHM_KEPT_FROM + 1) * 30 * MINUTE,
              RHYTHM_KEPT_FROM - 1, seed=36)
    store, ctx = _CountingReads(monitor.db), monitor.ctx

    def check(at: datetime) -> tuple[list[str], list[str]]:
        clock.now = at
        store.reads.clear()
        return check_silences(store, ctx, at)  # type: ignore[arg-type]

    at = last + HOUR
    assert check(at) == ([], []) and sorted(store.reads) == ["daily", "sparse", "wire"]
    for _ in range(5):  # nothing new: only the sparse source read again, and the same verdicts
        at += 5 * MINUTE
        assert check(at) == ([], []) and store.reads == ["sparse"]
    with monitor.db.transaction():
        _story(monitor.db, number(), "wire", at, topic="Weather")
    at += 5 * MINUTE
    assert check(at) == ([], []) and store.reads == ["wire", "sparse"]
    at += RHYTHM_KEPT * 1.5
    # Three hours without an item from daily and sparse, one and a half from wire: judged on rhythms
    # learned again.
    assert check(at) == (["daily", "sparse"], []) and sorted(store.reads) == ["daily", "sparse", "wire"]


def test_a_source_dead_for_a_month_stays_silent_and_is_never_reported_back(make_config, feed_server, tmp_path: Path,
                                                                           open_monitor) -> None:
    monitor, clock = _silence_setup(make_config, feed_server, tmp_path, open_monitor, "wire")
    store, ctx = monitor.db, monitor.ctx
    last = max(_arrivals(store, Numbering(), "wire", START + 30 * MINUTE, 3 * 48, seed=31))
    clock.now = last + 10 * HOUR
    assert check_silences(store, ctx, clock.now) == (["wire"], [])
    for day in range(1, 36):  # nothing arrives, ever again
        clock.now = last + day * DAY
        assert check_silences(store, ctx, clock.now) == ([], []), f"day {day}"
    assert list(store.open_silences()) == ["wire"]
    deliver_pending(store, ctx)
    assert [p["title"] for p in _posts(feed_server, "/ops")] == ["Source wire has gone quiet"]


# --- config ----------------------------------------------------------------------------------------

def test_a_silence_target_that_does_not_exist_is_a_config_error(make_config, tmp_path: Path) -> None:
    from monitor.config import load

    sources = [_text_source(tmp_path, "wire")]
    good = _with_targets(make_config(sources, silence_target="ops"), {"ops": "json://127.0.0.1:9/ops"})
    assert load(good).settings.silence_target == "ops"  # the same file naming a real target is fine
    bad = _with_targets(make_config(sources, silence_target="opps"), {"ops": "json://127.0.0.1:9/ops"})
    done = run_monitor("sources", "--config", str(bad))
    assert done.code == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "settings.silence_target" in lines[0] and "'opps'" in lines[0], done.stderr
    assert done.stdout == ""
