"""Run a rule over the stored history without writing anything: what would it have fired on?

The FTS index narrows the candidates (a query built from the rule's positive terms, a superset of
what can match), then the very matcher ingest uses decides, so the report is what ingest would do:
items that match, and stories (alerts are per rule and story) that would have fired.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterator

from sqlite_utils import Database

from monitor.models import Match, Rule, iso
from monitor.query import And, Near, Node, Not, Or, Term
from monitor.rules import compile_rules, match, rule_tree
from monitor.stories import words
from storage import items as item_rows

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
    stories: set[int] = field(default_factory=set)
    items_per_day: Counter[str] = field(default_factory=Counter)
    stories_per_day: Counter[str] = field(default_factory=Counter)
    samples: list[Sample] = field(default_factory=list)
    fts_query: str | None = None

    def as_dict(self) -> dict:
        return {
            "rule": self.rule, "query": self.query, "fts_prefilter": self.fts_query,
            "candidates_scanned": self.scanned, "items": self.items, "stories": len(self.stories),
            "per_day": [{"day": day, "items": self.items_per_day[day], "stories": self.stories_per_day[day]}
                        for day in sorted(self.items_per_day)],
            "samples": [{"item_id": s.item_id, "story_id": s.story_id, "title": s.title, "url": s.url,
                         "day": s.day, "terms": list(s.terms), "snippet": s.snippet} for s in self.samples],
        }


def _fts_term(term: Term) -> str | None:
    tokens = words(term.text)
    if not tokens:
        return None
    phrase = '"' + " ".join(tokens) + '"'
    return phrase + "*" if term.prefix else phrase


def fts_prefilter(node: Node) -> str | None:
    """An FTS5 query every item the tree can match also matches, or None when none narrows it."""
    if isinstance(node, Term):
        if not set(node.fields) <= {"title", "summary", "body"}:
            return None
        return _fts_term(node)
    if isinstance(node, Or):
        parts = [fts_prefilter(p) for p in node.parts]
        return None if any(p is None for p in parts) else "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    if isinstance(node, And):
        parts = [p for p in (fts_prefilter(p) for p in node.parts) if p is not None]
        return "(" + " AND ".join(parts) + ")" if parts else None
    if isinstance(node, Near):
        parts = [p for p in (fts_prefilter(node.left), fts_prefilter(node.right)) if p is not None]
        return "(" + " AND ".join(parts) + ")" if parts else None
    if isinstance(node, Not):
        return None
    return None


def backtest(db: Database, rule: Rule, *, since: datetime | None = None, snippet_chars: int = 240,
             progress: Callable[[int], Iterator] | None = None) -> Report:
    """Evaluate one rule over stored items (published or first seen since `since`); writes nothing."""
    compiled = compile_rules([rule], snippet_chars)
    fts = fts_prefilter(rule_tree(rule))
    report = Report(rule=rule.name, query=rule.query, fts_query=fts)
    total, rows = item_rows.history(db, fts, iso(since) if since else None)
    iterator = progress(total)(rows) if progress else rows  # type: ignore[operator]
    for row in iterator:
        report.scanned += 1
        item = item_rows.row_to_item(row)
        found: list[Match] = match(compiled, item)
        if not found:
            continue
        day = (row["published_at"] or row["first_seen_at"])[:10]
        story = row["story_id"]
        report.items += 1
        report.items_per_day[day] += 1
        if story not in report.stories:
            report.stories.add(story)
            report.stories_per_day[day] += 1
        if len(report.samples) < SAMPLE_SIZE:
            report.samples.append(Sample(row["id"], story, item.title, item.url, day, found[0].terms,
                                         found[0].snippet))
    return report
