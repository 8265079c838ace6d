"""Which story a new item joins, as a pure function: stories.choose(signature, candidates) → Placement."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from monitor.models import StoryCandidate
from monitor.stories import RECENT_WINDOW, choose, signature, title_key

WIRE = ("Russia said on Tuesday that some of its troops were returning to their bases after exercises near "
        "the Ukrainian border, while Western officials said they had yet to see evidence of a pullback and "
        "urged Moscow to prove it with verifiable steps on the ground in the coming days, as talks continued.")
OTHER = ("Farmers in the south of the country began the harvest early this year after a dry and warm summer "
         "left the fields ready weeks before the usual time, and cooperatives said prices would hold steady.")


def sig(text: str):
    found = signature(text)
    assert found is not None
    return found


def test_no_candidates_is_a_new_story() -> None:
    placement = choose(sig(WIRE), [])
    assert (placement.story_id, placement.reason) == (None, "first")


def test_a_near_duplicate_joins_its_story_and_the_best_candidate_wins() -> None:
    edited = WIRE.replace("Tuesday", "Wednesday")
    candidates = [StoryCandidate(1, 10, sig(OTHER), "band"), StoryCandidate(2, 20, sig(edited), "band"),
                  StoryCandidate(3, 30, sig(WIRE), "band")]
    placement = choose(sig(WIRE), candidates)
    assert (placement.story_id, placement.reason, placement.matched_item) == (30, "near_duplicate", 3)
    assert placement.similarity == 1.0


def test_a_dissimilar_band_candidate_is_not_joined() -> None:
    placement = choose(sig(WIRE), [StoryCandidate(1, 10, sig(OTHER), "band")])
    assert placement.story_id is None


def test_a_trimmed_copy_joins_by_containment() -> None:
    long_text = WIRE + " " + " ".join(f"Paragraph {n} adds detail about the talks in Geneva and Brussels."
                                      for n in range(12))
    placement = choose(sig(WIRE), [StoryCandidate(1, 10, sig(long_text), "band")], threshold=0.9)
    assert (placement.story_id, placement.reason) == (10, "contained")


def test_the_same_headline_needs_loosely_similar_text() -> None:
    title_only = [StoryCandidate(5, 50, sig(OTHER), "title")]
    assert choose(sig(WIRE), title_only).story_id is None  # a recycled headline over another text
    assert choose(sig(WIRE), [StoryCandidate(5, 50, sig(WIRE), "title")]).reason == "title"


def test_short_texts_rely_on_the_headline_alone() -> None:
    placement = choose(None, [StoryCandidate(5, 50, None, "title")])
    assert (placement.story_id, placement.reason, placement.similarity) == (50, "title", None)


def test_a_headline_alone_joins_an_item_of_the_last_hours_only() -> None:
    # A recurring headline ("Russia-Ukraine tensions: Live updates") over a one-line teaser: the
    # next day's page is the next day's story; a copy within the hours is the same one.
    now = datetime(2021, 12, 8, 9, tzinfo=timezone.utc)
    yesterday = StoryCandidate(5, 50, None, "title", now - timedelta(hours=23))
    this_morning = StoryCandidate(6, 60, None, "title", now - timedelta(hours=2))
    recent_since = now - RECENT_WINDOW
    assert choose(None, [yesterday], recent_since=recent_since).story_id is None
    assert choose(None, [yesterday, this_morning], recent_since=recent_since).story_id == 60
    # With the texts loosely similar, the headline joins across the window.
    old_copy = StoryCandidate(7, 70, sig(WIRE), "title", now - timedelta(days=3))
    assert choose(sig(WIRE), [old_copy], recent_since=recent_since).story_id == 70


def test_a_short_summary_inside_the_article_under_its_headline_joins_it() -> None:
    # A feed's summary, the lede's first sentence (too few 5-grams for the text layer's containment),
    # under the article's own headline: the article's story. Another short text under it is not.
    article = WIRE + " " + " ".join(f"Paragraph {n} adds detail about the talks in Geneva and Brussels."
                                    for n in range(12))
    lede = WIRE.split(",")[0] + "."
    assert signature(lede) is not None and choose(sig(lede), [StoryCandidate(1, 10, sig(article), "band")]).story_id is None
    assert choose(sig(lede), [StoryCandidate(1, 10, sig(article), "title")]).story_id == 10
    other = OTHER.split(",")[0] + ", farmers said on Monday in the capital."
    assert choose(sig(other), [StoryCandidate(1, 10, sig(article), "title")]).story_id is None


def _daily_report(day: int, shelled: int, village: str, wounded: int, weapon: str) -> str:
    return (f"Over the past day, December {day}, the occupiers violated the ceasefire {shelled} times near the "
            f"village of {village}, the press centre of the Joint Forces Operation said in its morning report. "
            f"They used {weapon} against the positions of the Ukrainian forces; {wounded} servicemen were wounded. "
            "The Ukrainian side reported the violations to the Joint Centre for Control and Coordination. "
            "The Ukrainian forces answered the fire to stop the enemy's activity, the press centre added. "
            "The situation along the whole line of contact remains under control, the report said.")


def test_a_text_only_loosely_alike_joins_an_item_of_the_last_hours_only() -> None:
    # A daily report written to a template, its figures and places the day's: the day before's is
    # another story. A copy of the same text, or one trimmed to mostly its original, joins across days.
    now = datetime(2021, 12, 7, 9, tzinfo=timezone.utc)
    today, yesterday = _daily_report(6, 12, "Pisky", 2, "mortars"), _daily_report(5, 7, "Shyrokyne", 1, "grenade launchers")
    assert sig(today).similarity(sig(yesterday)) < 0.7
    recent_since = now - RECENT_WINDOW
    day_before = StoryCandidate(5, 50, sig(yesterday), "band", now - timedelta(hours=24))
    assert choose(sig(today), [day_before]).story_id == 50  # alike enough without the time's word
    assert choose(sig(today), [day_before], recent_since=recent_since).story_id is None
    this_morning = StoryCandidate(6, 60, sig(yesterday), "band", now - timedelta(hours=3))
    assert choose(sig(today), [day_before, this_morning], recent_since=recent_since).story_id == 60
    under_its_headline = StoryCandidate(7, 70, sig(yesterday), "title", now - timedelta(hours=24))
    assert choose(sig(today), [under_its_headline], recent_since=recent_since).story_id is None
    old_copy = StoryCandidate(8, 80, sig(today), "band", now - timedelta(days=2))
    assert choose(sig(today), [old_copy], recent_since=recent_since).story_id == 80
    long_text = WIRE + " " + " ".join(f"Paragraph {n} adds detail about the talks in Geneva and Brussels."
                                      for n in range(12))
    trimmed_copy_of = StoryCandidate(9, 90, sig(long_text), "band", now - timedelta(days=2))
    assert choose(sig(WIRE), [trimmed_copy_of], recent_since=recent_since).story_id == 90


BACKGROUND = ("On Tuesday the two leaders held a video call that lasted more than two hours and focused on the situation "
              "around Ukraine and on security guarantees. Moscow proposed to fix in law that the alliance will not expand "
              "further east, while the American president threatened sanctions in case of escalation.")


def test_two_stories_of_a_day_that_share_their_background_stay_apart() -> None:
    # A spokesman's two statements of one morning, the wire's same two sentences of background under
    # each: texts of about one length, whose containment estimate is the Dice coefficient (0.59 here).
    guarantees = ("The Kremlin expects Washington to give a concrete answer on security guarantees within days, the "
                  "spokesman told reporters on Wednesday. We are waiting for a substantive reply and talk about talks "
                  "does not suit us, he said after the briefing.\n\n" + BACKGROUND)
    meeting = ("There is no subject yet for a meeting between the two presidents, the spokesman said on Wednesday, "
               "because Kyiv keeps avoiding its obligations under the Minsk agreements, he added in the same "
               "briefing.\n\n" + BACKGROUND)
    score = sig(meeting).similarity(sig(guarantees))
    assert 0.5 < sig(meeting).containment(sig(guarantees), score) < 0.6
    candidates = [StoryCandidate(1, 10, sig(guarantees), "band")]
    assert choose(sig(meeting), candidates).story_id is None
    assert choose(sig(meeting), candidates, containment=0.5).story_id == 10  # the old default joined them


def test_the_same_text_decided_by_identity_comes_first() -> None:
    candidates = [StoryCandidate(3, 30, sig(WIRE), "band"), StoryCandidate(4, 40, None, "text")]
    placement = choose(sig(WIRE), candidates)
    assert (placement.story_id, placement.reason, placement.similarity) == (40, "near_duplicate", 1.0)


@pytest.mark.parametrize("marked", [
    "⚡️ Срочно: Путин заявил о выводе войск из Крыма", "Срочно! Путин заявил о выводе войск из Крыма",
    "МОЛНИЯ — Путин заявил о выводе войск из Крыма", "Путин заявил о выводе войск из Крыма (ВИДЕО)",
    "Путин заявил о выводе войск из Крыма [фото]", "Эксклюзив: Путин заявил о выводе войск из Крыма",
])
def test_an_outlets_urgency_or_media_mark_is_no_part_of_a_title_key(marked: str) -> None:
    assert title_key(marked) == title_key("Путин заявил о выводе войск из Крыма") is not None


@pytest.mark.parametrize("title", ["Фото дня. Путин заявил о выводе войск из Крыма",
                                   "Важно знать, как Путин заявил о выводе войск из Крыма"])
def test_a_headline_that_only_opens_with_such_a_word_keeps_it(title: str) -> None:
    assert title_key(title) != title_key("Путин заявил о выводе войск из Крыма")
