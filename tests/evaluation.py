"""Score the product on the labelled evaluation set (tests/data/eval): story clustering and alerts.

Each article goes through the real path (the page parser for HTML pages, normalize, the store,
stories, the matcher, alerts) into a fresh database, in publication order, with the clock set to
its publication time. Used by tests/test_eval.py (thresholds) and bench/bench_eval.py (figures).
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from monitor.config import load
from monitor.models import Entry, RawDocument, Source
from monitor.normalize import normalize
from monitor.pipeline import Context, store_item
from monitor.sources import page
from storage import open_store

EVAL = Path(__file__).resolve().parent / "data" / "eval"


@dataclass(frozen=True)
class Scores:
    """Pairwise clustering scores and alert scores, item- and story-level."""

    pairs_true: int
    pairs_predicted: int
    pairs_correct: int
    alerts_expected: int
    alerts_raised: int
    alerts_correct: int
    item_matches_expected: int
    item_matches_found: int
    item_matches_correct: int
    errors: tuple[str, ...]

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def cluster_precision(self) -> float:
        return self._ratio(self.pairs_correct, self.pairs_predicted)

    @property
    def cluster_recall(self) -> float:
        return self._ratio(self.pairs_correct, self.pairs_true)

    @property
    def cluster_f1(self) -> float:
        p, r = self.cluster_precision, self.cluster_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def alert_precision(self) -> float:
        return self._ratio(self.alerts_correct, self.alerts_raised)

    @property
    def alert_recall(self) -> float:
        return self._ratio(self.alerts_correct, self.alerts_expected)

    @property
    def match_precision(self) -> float:
        return self._ratio(self.item_matches_correct, self.item_matches_found)

    @property
    def match_recall(self) -> float:
        return self._ratio(self.item_matches_correct, self.item_matches_expected)


def articles() -> list[dict]:
    return [json.loads(line) for line in (EVAL / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def write_config(folder: Path, threshold: float | None = None, containment: float | None = None) -> Path:
    rules = (EVAL / "rules.toml").read_text(encoding="utf-8")
    path = folder / "eval.toml"
    extra = f"story_threshold = {threshold}\n" if threshold is not None else ""
    extra += f"story_containment = {containment}\n" if containment is not None else ""
    path.write_text(f'[settings]\ndatabase = "{folder / "eval.db"}"\nalert_log = "{folder / "eval.jsonl"}"\n'
                    f'alert_delay = "0s"\nstory_window = "120d"\n{extra}\n{rules}', encoding="utf-8")
    return path


def _entry(article: dict, fetched_at: datetime) -> tuple[Entry, RawDocument]:
    if article["kind"] == "html":
        doc = RawDocument(source=article["source"], kind="page", location=article["url"],
                          body=article["content"].encode("utf-8"), fetched_at=fetched_at, final_url=article["url"])
        parsed = page.parse(doc).entries[0]
        entry = Entry(title=parsed.title or article["title"], url=article["url"], author=parsed.author or article["author"],
                      publisher=parsed.publisher, published=article["published"], body=parsed.body)
        return entry, doc
    doc = RawDocument(source=article["source"], kind="text", location=article["url"], body=b"",
                      fetched_at=fetched_at, final_url=article["url"])
    entry = Entry(title=article["title"], url=article["url"], guid=None, author=article["author"],
                  published=article["published"], body=article["content"])
    return entry, doc


def run(folder: Path, threshold: float | None = None,
        containment: float | None = None) -> tuple[Scores, dict[str, int]]:
    """Ingest the evaluation set into `folder` and score it; also returns article id → story id."""
    config = load(write_config(folder, threshold, containment))
    ctx = Context.build(config)
    db = open_store(config.settings.database)
    story_of: dict[str, int] = {}
    item_of: dict[str, int] = {}
    errors: list[str] = []
    try:
        for name in sorted({a["source"] for a in articles()}):
            db.ensure_source(Source(name=name, kind="page", location=f"https://{name}.example.org/"),
                             ctx.clock())
        for article in articles():
            published = datetime.fromisoformat(article["published"])
            ctx.clock = lambda published=published: published
            entry, doc = _entry(article, published)
            item = normalize(entry, doc)
            stored, _ = store_item(db, item, ctx)
            item_of[article["id"]] = stored.id
        for article_id, item_id in item_of.items():
            story_of[article_id] = db.execute("SELECT story_id FROM items WHERE id = ?", [item_id]).fetchone()[0]
        alert_rows = db.execute("SELECT rule, story_id, item_id FROM alerts").fetchall()
        from monitor.rules import match

        found_per_item = {aid: {m.rule for m in match(ctx.compiled, db.item(iid))} for aid, iid in item_of.items()}
    finally:
        db.close()
        ctx.close()
    data = articles()
    label = {a["id"]: a["story"] for a in data}
    # Pairwise clustering over articles (an update is its item's own revision: same item, same story).
    true_pairs = predicted_pairs = correct_pairs = 0
    for a, b in itertools.combinations(list(label), 2):
        same_label = label[a] == label[b]
        same_story = story_of[a] == story_of[b]
        true_pairs += same_label
        predicted_pairs += same_story
        correct_pairs += same_label and same_story
    # Story-level alerts: expected (rule, label) from the labels; raised (rule, label of the story).
    labels_of_story: dict[int, Counter] = defaultdict(Counter)
    for article_id, story in story_of.items():
        labels_of_story[story][label[article_id]] += 1
    expected_alerts = {(rule, a["story"]) for a in data for rule in _final_alerts(a, data)}
    raised = [(rule, labels_of_story[story].most_common(1)[0][0]) for rule, story, _ in alert_rows]
    correct = len(set(raised) & expected_alerts)
    for (rule, story_label), count in Counter(raised).items():
        if count > 1:
            errors.append(f"{count} alerts {rule} for story {story_label} (split into several stories)")
    for rule, story_label in sorted(set(raised) - expected_alerts):
        errors.append(f"unexpected alert {rule} on story {story_label}")
    for rule, story_label in sorted(expected_alerts - set(raised)):
        errors.append(f"missed alert {rule} on story {story_label}")
    # Item-level matching against each article's own labels (its final text).
    expected_item = {(a["id"], r) for a in data for r in a["alerts"]}
    found_item = {(aid, r) for aid, rules in found_per_item.items() for r in rules}
    latest = {a.get("update_of"): a["id"] for a in data if a.get("update_of")}
    # An original that was later revised is now stored with the revision's text: score the revision.
    expected_item = {(aid, r) for aid, r in expected_item if aid not in latest}
    found_item = {(aid, r) for aid, r in found_item if aid not in latest}
    for aid, rule in sorted(found_item - expected_item):
        errors.append(f"item {aid}: unexpected match {rule}")
    for aid, rule in sorted(expected_item - found_item):
        errors.append(f"item {aid}: missed match {rule}")
    scores = Scores(true_pairs, predicted_pairs, correct_pairs, len(expected_alerts), len(raised),
                    correct, len(expected_item), len(found_item),
                    len(expected_item & found_item), tuple(errors))
    return scores, story_of


def _final_alerts(article: dict, data: list[dict]) -> list[str]:
    return article["alerts"]
