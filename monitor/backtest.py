"""Run a rule over the stored history without writing anything: what would it have fired on?

The store's full-text index narrows the candidates (to a superset of what the rule's query tree
can match, with every Chinese and Japanese item, whose words the index cannot split), then the very matcher ingest uses decides, so the report is what ingest would do:
items that match, and stories (alerts are per rule and story) that would have fired.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Iterator

from monitor.models import Match, Rule
from monitor.rules import compile_rules, match, rule_tree
from monitor.spikes import SpikeCheck, find_spikes, hourly_counts
from storage.store import Store

SAMPLE_SIZE = 10


@dataclass(frozen=True, slots=True)
class Sample:
    """One item the rule matched, with why."""

    item_id: int
    story_id: int | None
    title: str
    url: str | None
    day: str
    terms: tuple[str, ...]
    snippet: str


@dataclass
class Report:
    """What a rule would have done over the stored items."""

    rule: str
    query: str | None
    scanned: int = 0
    items: int = 0
    stories: set[int | None] = field(default_factory=set)
    items_per_day: Counter[str] = field(default_factory=Counter)
    stories_per_day: Counter[str] = field(default_factory=Counter)
    samples: list[Sample] = field(default_factory=list)
    fts_query: str | None = None
    # Each story's first matching item's published (else first seen) time, and the earliest time of
    # any item checked: what a spike backtest counts per hour, and from when.
    story_moments: dict[int | None, datetime] = field(default_factory=dict)
    earliest: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "query": self.query, "fts_prefilter": self.fts_query,
            "candidates_scanned": self.scanned, "items": self.items, "stories": len(self.stories),
            "per_day": [{"day": day, "items": self.items_per_day[day], "stories": self.stories_per_day[day]}
                        for day in sorted(self.items_per_day)],
            "samples": [{"item_id": s.item_id, "story_id": s.story_id, "title": s.title, "url": s.url,
                         "day": s.day, "terms": list(s.terms), "snippet": s.snippet} for s in self.samples],
        }


def backtest(store: Store, rule: Rule, *, since: datetime | None = None, snippet_chars: int = 240,
             progress: Callable[[int], Callable[[Iterable[Any]], Iterator[Any]]] | None = None) -> Report:
    """Evaluate one rule over stored items (published or first seen since `since`); writes nothing."""
    compiled = compile_rules([rule], snippet_chars)
    total, prefilter, stored = store.history(rule_tree(rule), since)
    report = Report(rule=rule.name, query=rule.query, fts_query=prefilter)
    for entry in progress(total)(stored) if progress else stored:
        report.scanned += 1
        item = entry.item
        if entry.moment is not None and (report.earliest is None or entry.moment < report.earliest):
            report.earliest = entry.moment
        found: list[Match] = match(compiled, item)
        if not found:
            continue
        day, story = entry.day, entry.story_id
        if entry.moment is not None and (story not in report.story_moments or entry.moment < report.story_moments[story]):
            report.story_moments[story] = entry.moment
        report.items += 1
        report.items_per_day[day] += 1
        if story not in report.stories:
            report.stories.add(story)
            report.stories_per_day[day] += 1
        if len(report.samples) < SAMPLE_SIZE:
            report.samples.append(Sample(entry.id, story, item.title, item.url, day, found[0].terms,
                                         found[0].snippet))
    return report


def spike_backtest(report: Report, rule: Rule, history_start: datetime | None) -> list[SpikeCheck]:
    """The hours in which the rule's spike alert would have fired over the backtested history, with
    its settings (sensitivity, minimum count, cool-down). `history_start`: when the store's history
    begins (by the same published-else-first-seen time), so a rule's first burst is judged as the
    live check judges it, against the quiet days before it."""
    return find_spikes(hourly_counts(report.story_moments.values()), sensitivity=rule.spike_sensitivity or 4.0,
                       min_count=rule.spike_min_count, cooldown=timedelta(seconds=rule.spike_cooldown),
                       history_start=history_start or report.earliest)
