"""Story clustering and alert quality on the labelled evaluation set (tests/data/eval).

    .venv/bin/python bench/bench_eval.py            # scores at the configured threshold + a sweep

Prints: the similarity distributions that the threshold is chosen from (estimated Jaccard of word
5-grams between articles labelled as one story, and between articles of different stories, the
same-event pairs among them); clustering precision/recall/F1 (pairwise) and alert precision/recall
(per rule and story) through the real ingest path; and the same scores over a sweep of thresholds.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import evaluation  # noqa: E402
from monitor.clean.markup import html_to_text
from monitor.extract import extract  # noqa: E402
from monitor.stories import CONTAINMENT_THRESHOLD, SIMILARITY_THRESHOLD, signature, story_text  # noqa: E402


def _text(article: dict) -> str:
    if article["kind"] == "html":
        return extract(article["content"]).text
    return html_to_text(article["content"])


def distributions() -> None:
    articles = evaluation.articles()
    latest = {a["update_of"] for a in articles if a.get("update_of")}
    sigs = {a["id"]: signature(story_text(a["title"], "", _text(a))) for a in articles}
    same, different, same_event, contained_same, contained_different = [], [], [], [], []
    for a, b in itertools.combinations(articles, 2):
        sa, sb = sigs[a["id"]], sigs[b["id"]]
        if sa is None or sb is None or a["id"] in latest and b.get("update_of") == a["id"]:
            continue
        score = sa.similarity(sb)
        inside = sa.containment(sb, score)
        if a["story"] == b["story"]:
            same.append(score)
            contained_same.append(max(score, inside))
        else:
            different.append(score)
            contained_different.append(inside)
            if a.get("event") and a.get("event") == b.get("event"):
                same_event.append(score)
    def describe(name: str, values: list[float]) -> None:
        values = sorted(values)
        q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        print(f"  {name:<34} n={len(values):>5}  min={values[0]:.3f}  p1={q[0]:.3f}  median={statistics.median(values):.3f}"
              f"  p99={q[98]:.3f}  max={values[-1]:.3f}")
    print("Estimated similarity between pairs of articles (MinHash, 128 values, word 5-grams):")
    describe("same story (copies, variants, updates)", same)
    describe("different stories", different)
    describe("  of which same event, other outlet", same_event)
    print(f"  margin: lowest same-story pair {min(same):.3f} vs highest different-story pair {max(different):.3f}")
    print("Estimated containment of the smaller text in the larger (same story: the better of the two scores):")
    describe("same story (copies, variants, updates)", contained_same)
    describe("different stories", contained_different)


def scores(threshold: float | None, containment: float | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        result, _ = evaluation.run(Path(folder), threshold, containment)
        seconds = time.perf_counter() - started
    label = f"{threshold if threshold is not None else SIMILARITY_THRESHOLD:.2f}"
    label += f" / containment {containment if containment is not None else CONTAINMENT_THRESHOLD:.2f}"
    print(f"  similarity {label}:  clustering P={result.cluster_precision:.3f} R={result.cluster_recall:.3f} "
          f"F1={result.cluster_f1:.3f}   alerts P={result.alert_precision:.3f} R={result.alert_recall:.3f}   "
          f"term matches P={result.match_precision:.3f} R={result.match_recall:.3f}   ({seconds:.1f}s)")
    for error in result.errors[:10]:
        print(f"      {error}")


def main() -> None:
    articles = evaluation.articles()
    print(f"evaluation set: {len(articles)} articles, {len({a['story'] for a in articles})} story labels\n")
    distributions()
    print(f"\nScores through the real ingest path (defaults: similarity {SIMILARITY_THRESHOLD}, "
          f"containment {CONTAINMENT_THRESHOLD}):")
    scores(None)
    print("\nSimilarity threshold sweep (containment at its default):")
    for threshold in (0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9):
        scores(threshold)
    print("\nContainment threshold sweep (similarity at its default):")
    for containment in (0.3, 0.4, 0.5, 0.7, 0.8, 0.9, 1.0):
        scores(None, containment)


if __name__ == "__main__":
    main()
