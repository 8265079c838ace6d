"""The labelled evaluation set, scored through the real path: the issue's quality bars hold."""

from __future__ import annotations

import subprocess
import sys

import pytest

import evaluation


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory):
    return evaluation.run(tmp_path_factory.mktemp("eval"))


def test_evaluation_set_is_well_formed() -> None:
    done = subprocess.run([sys.executable, str(evaluation.EVAL / "check_eval.py")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(evaluation.articles()) >= 80


def test_story_clustering_f1(scored) -> None:
    scores, _ = scored
    assert scores.cluster_f1 >= 0.95, scores.errors


def test_alert_precision_and_recall(scored) -> None:
    scores, _ = scored
    assert scores.alert_precision >= 0.98, scores.errors
    assert scores.alert_recall >= 0.98, scores.errors
    assert scores.match_precision >= 0.98 and scores.match_recall >= 0.98, scores.errors


def test_same_event_reports_stay_separate_and_wire_copies_merge(scored) -> None:
    _, story_of = scored
    by_event: dict[str, set[int]] = {}
    labels_of_event: dict[str, set[str]] = {}
    by_label: dict[str, set[int]] = {}
    for article in evaluation.articles():
        if article.get("event"):
            by_event.setdefault(article["event"], set()).add(story_of[article["id"]])
            labels_of_event.setdefault(article["event"], set()).add(article["story"])
        by_label.setdefault(article["story"], set()).add(story_of[article["id"]])
    # Events that two outlets reported each in their own words: one story per report, never merged.
    events_with_two_reports = [event for event, labels in labels_of_event.items() if len(labels) >= 2]
    assert len(events_with_two_reports) >= 3
    for event in events_with_two_reports:
        assert len(by_event[event]) == len(labels_of_event[event]), (event, by_event[event])
    for article_a in evaluation.articles():
        for article_b in evaluation.articles():
            if article_a.get("event") and article_a.get("event") == article_b.get("event") \
                    and article_a["story"] != article_b["story"]:
                assert story_of[article_a["id"]] != story_of[article_b["id"]], (article_a["id"], article_b["id"])
    assert all(len(stories) == 1 for stories in by_label.values()), \
        {label: stories for label, stories in by_label.items() if len(stories) > 1}


def test_each_pages_author_is_the_labelled_one() -> None:
    # The set's HTML articles sign themselves only in their markup (a "byline" span, an author
    # link), as many regional sites do; page.parse finds each, as the label names it.
    from datetime import datetime, timezone

    from monitor.models import RawDocument
    from monitor.normalize import normalize
    from monitor.sources import page

    pages = [a for a in evaluation.articles() if a["kind"] == "html"]
    found = []
    for article in pages:
        doc = RawDocument(source=article["source"], kind="page", location=article["url"],
                          body=article["content"].encode("utf-8"), fetched_at=datetime.now(timezone.utc),
                          final_url=article["url"])
        found.append(normalize(page.parse(doc).entries[0], doc).author)
    assert len(pages) >= 20
    assert found == [article["author"] for article in pages]
