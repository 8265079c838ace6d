"""One document collected: parsed, normalized and analysed (in the parse pool when there is one),
a full-text feed's new items first given their article page's text."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from monitor import aio
from monitor.analysis import analyse_items, is_known, prepare
from monitor.collect.context import Context
from monitor.collect.findings import Findings, skip
from monitor.collect.full_text import refuse_if_not_web, with_full_text
from monitor.errors import Interrupted
from monitor.models import AnalysedItem, FetchJob, Item, RawDocument, Source
from monitor.urls import has_scheme

T = TypeVar("T")


async def collect_document(doc: RawDocument, source: Source, job: FetchJob, ctx: Context,
                           found: Findings) -> tuple[AnalysedItem, ...]:
    """A document's items, analysed; a full-text feed's new items with their article's text."""
    pages_for = job.known_links if source.full_text and doc.kind == "feed" else None
    prepared = await aio.in_thread(_prepare, doc, source, ctx, found, pages_for)
    ready: list[AnalysedItem | Item] = []
    for entry in prepared:
        if isinstance(entry, Item):
            if ctx.stop.is_set():  # between two pages: a stop must not wait for a feed's every page
                raise Interrupted(doc.location)
            ready.append(await with_full_text(entry, source, ctx, found))
            continue
        item = entry.item
        if (pages_for is not None and not item.url and item.location and has_scheme(item.location)
                and not is_known(item, pages_for)):
            refuse_if_not_web(item.location, source, found)
        ready.append(entry)
    waiting = tuple(entry for entry in ready if isinstance(entry, Item))
    if not waiting:
        return tuple(entry for entry in ready if isinstance(entry, AnalysedItem))
    analysed = iter(await aio.in_thread(analyse_in_pool, waiting, ctx))
    done: list[AnalysedItem] = []
    for entry in ready:
        result = entry if isinstance(entry, AnalysedItem) else next(analysed)
        if isinstance(result, str):
            skip(result, source, found)
        else:
            done.append(result)
    return tuple(done)


def _prepare(doc: RawDocument, source: Source, ctx: Context, found: Findings,
             pages_for: frozenset[str] | None) -> tuple[AnalysedItem | Item, ...]:
    """prepare() of a document (see analysis.prepare: with `pages_for`, the items that need their
    page come back unanalysed); its warnings and the entries it skipped go to `found`."""
    settings = ctx.config.settings
    prepared = _parsed(ctx, prepare, doc, settings.suspect_age, snippet_chars=settings.snippet_chars,
                       pages_for=pages_for, max_items=settings.max_items, zone=source.timezone)
    found.warnings.extend(prepared.warnings)
    for line in prepared.skipped:
        skip(line, source, found)
    return prepared.items


def analyse_in_pool(items: tuple[Item, ...], ctx: Context) -> tuple[AnalysedItem | str, ...]:
    """analyse_items() of items that came back unanalysed (their page was to be fetched first), in
    this thread or in the parse pool; an item that failed is its item_failure() line."""
    return _parsed(ctx, analyse_items, items, snippet_chars=ctx.config.settings.snippet_chars)


def _parsed(ctx: Context, step: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A CPU-bound step (prepare, analyse_items) in this thread or in the parse pool: the rules
    compiled once per process, here the context's, there the worker's (sent packed, see PackedRules)."""
    if ctx.parse_pool is None:
        return step(*args, rules=ctx.config.rules, compiled=ctx.compiled, **kwargs)
    return ctx.parse_pool.run(step, *args, rules=ctx.packed_rules, here={"compiled": ctx.compiled}, **kwargs)
