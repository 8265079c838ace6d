"""monitor.notify.plan: when a target hears of its alerts and in which message. Pure: no store, no network."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from monitor.models import Alert, Delivery, Hit, NotifyTarget, TargetPlan
from monitor.notify import FOLD_AFTER, MIN_COPIES_WAIT, digest_preview, plan
from monitor.schedule import parse_quiet_hours, parse_schedule

UTC = timezone.utc
T0 = datetime(2021, 11, 30, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def delivery(n: int, rule: str = "Donbas", at: datetime = T0, copies: int = 1, story: int | None = None) -> Delivery:
    alert = Alert(id=n, created_at=at, rule=rule, terms=(rule,), count=1, item_id=n, title=f"Story {n} about {rule}",
                  url=f"https://wire.example/{n}", source="wire", published_at=at,
                  snippet=f"shelling reported in {rule} overnight", hits=(Hit(rule, "body", 21, 21 + len(rule), rule),),
                  story_id=story or n, copies=copies, copy_sources=("wire", "daily")[:min(copies, 2)])
    return Delivery(id=100 + n, target="desk", alert=alert, attempts=0, created_at=at)


INSTANT = NotifyTarget(name="desk", urls=("json://127.0.0.1:9/hook",))


def kinds(decided: TargetPlan) -> list[tuple[str, tuple[int, ...]]]:
    return [(m.kind, m.delivery_ids) for m in decided.messages]


# --- instant ----------------------------------------------------------------------------------------

def test_instant_sends_one_message_per_alert_with_its_own_key() -> None:
    decided = plan(INSTANT, [delivery(1), delivery(2, "NATO")], {}, None, T0)
    assert kinds(decided) == [("alert", (101,)), ("alert", (102,))]
    first = decided.messages[0]
    assert first.key == "alert-1-desk" and first.rules == ("Donbas",)
    assert "**Donbas**" in first.body and "https://wire.example/1" in first.body
    assert decided.holds == () and decided.dropped == ()


def test_a_burst_of_alerts_goes_as_one_message() -> None:
    burst = [delivery(n, "NATO" if n % 2 else "Donbas") for n in range(1, FOLD_AFTER + 2)]
    [message] = plan(INSTANT, burst, {}, None, T0).messages
    assert message.kind == "alerts" and len(message.delivery_ids) == FOLD_AFTER + 1
    assert message.title == f"{FOLD_AFTER + 1} alerts (Donbas, NATO)" and "arrived together" in message.body
    assert len(plan(INSTANT, burst[:FOLD_AFTER], {}, None, T0).messages) == FOLD_AFTER


def test_min_copies_waits_for_copies_then_sends_or_drops() -> None:
    target = replace(INSTANT, min_copies=2)
    waiting = plan(target, [delivery(1, copies=1), delivery(2, copies=3)], {}, None, T0)
    assert kinds(waiting) == [("alert", (102,))]
    [hold] = waiting.holds
    assert hold.delivery_ids == (101,) and hold.until > T0 and "2 copies" in hold.reason
    later = T0 + MIN_COPIES_WAIT
    assert plan(target, [delivery(1, copies=1)], {}, None, later).dropped == (101,)
    assert kinds(plan(target, [delivery(1, copies=2)], {}, None, later)) == [("alert", (101,))]


# --- quiet hours ------------------------------------------------------------------------------------

KYIV_NIGHTS = replace(INSTANT, quiet_hours=parse_quiet_hours("22:00-07:00"), timezone="Europe/Kyiv")


def test_alerts_in_quiet_hours_wait_for_their_end_then_go_as_one_message() -> None:
    night = datetime(2021, 11, 30, 21, 0, tzinfo=UTC)  # 23:00 in Kyiv (UTC+2)
    held = plan(KYIV_NIGHTS, [delivery(1, at=night), delivery(2, "NATO", at=night + 2 * MINUTE)], {}, None,
                night + 3 * MINUTE)
    assert held.messages == ()
    [hold] = held.holds
    assert hold.until == datetime(2021, 12, 1, 5, 0, tzinfo=UTC) and "quiet hours" in hold.reason
    morning = hold.until
    woke = plan(KYIV_NIGHTS, [delivery(1, at=night), delivery(2, "NATO", at=night + 2 * MINUTE),
                              delivery(3, at=morning)], {}, None, morning)
    assert kinds(woke) == [("alerts", (101, 102)), ("alert", (103,))]
    folded = woke.messages[0]
    assert folded.rules == ("Donbas", "NATO") and "during quiet hours (22:00-07:00)" in folded.body
    assert "Story 1 about Donbas" in folded.body and "Story 2 about NATO" in folded.body


def test_quiet_hours_follow_the_local_clock_across_a_dst_change() -> None:
    # Kyiv leaves summer time in the night of 30-31 October 2021: the night is an hour longer in UTC.
    before = datetime(2021, 10, 30, 20, 0, tzinfo=UTC)  # 23:00 EEST
    [hold] = plan(KYIV_NIGHTS, [delivery(1, at=before)], {}, None, before).holds
    assert hold.until == datetime(2021, 10, 31, 5, 0, tzinfo=UTC)  # 07:00 EET: 9 h of wall clock, 10 h real
    assert plan(KYIV_NIGHTS, [delivery(1, at=before)], {}, None, hold.until).messages[0].kind == "alert"


# --- cool-down --------------------------------------------------------------------------------------

def test_cooldown_sends_the_first_alert_of_a_rule_and_folds_the_rest_into_the_next_message() -> None:
    target = replace(INSTANT, cooldown=900.0)
    first = plan(target, [delivery(1)], {}, None, T0)
    assert kinds(first) == [("alert", (101,))]
    sent = {"Donbas": T0}
    during = plan(target, [delivery(2, at=T0 + MINUTE), delivery(3, "NATO", at=T0 + MINUTE)], sent, None,
                  T0 + MINUTE)
    assert kinds(during) == [("alert", (103,))]  # another rule is not cooling down
    [hold] = during.holds
    assert (hold.delivery_ids, hold.until) == ((102,), T0 + 15 * MINUTE)
    later = [delivery(2, at=T0 + MINUTE), delivery(4, at=T0 + 5 * MINUTE)]
    after = plan(target, later, sent, None, T0 + 15 * MINUTE)
    assert kinds(after) == [("alerts", (102, 104))]
    assert after.messages[0].key is None  # a folded message is keyed by its own id once queued


# --- digests ----------------------------------------------------------------------------------------

DAILY_KYIV = replace(INSTANT, mode="digest", schedule=parse_schedule("daily 08:00"), timezone="Europe/Kyiv")


def test_a_digest_holds_alerts_until_its_time_then_sends_one_ranked_message() -> None:
    at = datetime(2021, 11, 30, 9, 0, tzinfo=UTC)
    pending = [delivery(1, at=at), delivery(2, at=at, copies=5), delivery(3, "NATO", at=at, copies=2)]
    [hold] = plan(DAILY_KYIV, pending, {}, None, at).holds
    assert hold.until == datetime(2021, 12, 1, 6, 0, tzinfo=UTC)  # 08:00 in Kyiv, UTC+2
    decided = plan(DAILY_KYIV, pending, {}, None, hold.until)
    assert kinds(decided) == [("digest", (101, 102, 103))]
    body = decided.messages[0].body
    assert body.index("Story 2 about Donbas") < body.index("Story 1 about Donbas")  # most copies first
    assert "## Donbas — 2 stories" in body and "## NATO — 1 story" in body
    assert decided.messages[0].title == "Digest desk: 3 stories for 2 rules"


def test_a_digest_lists_ten_stories_per_rule_and_says_how_many_more() -> None:
    at = datetime(2021, 11, 30, 9, 0, tzinfo=UTC)
    fire = datetime(2021, 12, 1, 6, 0, tzinfo=UTC)
    decided = plan(DAILY_KYIV, [delivery(n, at=at) for n in range(1, 14)], {}, None, fire)
    assert "- and 3 more" in decided.messages[0].body


def test_daily_digests_keep_local_time_across_the_dst_change() -> None:
    # Europe/Kyiv, 31 October 2021: 08:00 EEST is 05:00 UTC on the 30th, 08:00 EET is 06:00 UTC on the 31st.
    last = datetime(2021, 10, 30, 5, 0, tzinfo=UTC)
    arrived = last + timedelta(hours=3)
    [hold] = plan(DAILY_KYIV, [delivery(1, at=arrived)], {}, last, arrived).holds
    assert hold.until == datetime(2021, 10, 31, 6, 0, tzinfo=UTC)  # 25 hours after the last one
    assert plan(DAILY_KYIV, [delivery(1, at=arrived)], {}, last, hold.until - MINUTE).messages == ()
    assert kinds(plan(DAILY_KYIV, [delivery(1, at=arrived)], {}, last, hold.until)) == [("digest", (101,))]


def test_an_alert_after_the_digest_was_made_waits_for_the_next_one() -> None:
    fire = datetime(2021, 12, 1, 6, 0, tzinfo=UTC)
    straggler = delivery(1, at=fire - MINUTE)  # committed just before the time, planned just after the digest
    [hold] = plan(DAILY_KYIV, [straggler], {}, fire + MINUTE, fire + 2 * MINUTE).holds
    assert hold.until == fire + timedelta(days=1)


def test_weekly_digest_and_its_preview() -> None:
    weekly = replace(DAILY_KYIV, schedule=parse_schedule("weekly mon 08:00"), min_copies=2)
    wednesday = datetime(2021, 12, 1, 9, 0, tzinfo=UTC)
    pending = [delivery(1, at=wednesday, copies=2), delivery(2, at=wednesday)]
    fire, text = digest_preview(weekly, pending, None, wednesday)
    assert fire == datetime(2021, 12, 6, 6, 0, tzinfo=UTC)
    assert text is not None and "Story 1" in text[1] and "Story 2" not in text[1]  # below min_copies
    assert digest_preview(weekly, [delivery(2, at=wednesday)], None, wednesday)[1] is None


@pytest.mark.parametrize("mode", ["instant", "digest"])
def test_nothing_due_plans_nothing(mode: str) -> None:
    target = DAILY_KYIV if mode == "digest" else INSTANT
    assert plan(target, [], {}, None, T0) == TargetPlan()
