"""Phase two of a run, `collect`: FetchJob in, Collected out. Network, disk and CPU; never the store.

Fetch (conditionally, with the validators the job carries), skip bytes the source sent last time,
parse and normalize, fetch the article page of a full-text feed's new items or of a sitemap's new
recent articles (robots.txt permitting), and analyse every item (rule matches, story signature).
Whatever the store had to say was read by `plan` and travels in the job, so collect can run in a
worker process or on another machine; both its input and its output are plain picklable values.

It is a coroutine on the process's event loop (`collect_async`; `collect` waits for it from a
thread): every fetch, the pages' included, waits on its server without holding a thread, and the
blocking steps (reading a file, parsing, extracting an article, analysing) run on the loop's step
pool (monitor.aio.in_thread).

Whatever goes wrong is the Collected value's outcome and error: this function returns normally.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections import deque
from collections.abc import Coroutine
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, TypeVar

from monitor import aio, language
from monitor import sources as kinds
from monitor.analysis import PackedRules, analyse_items, is_known, pack_rules, prepare
from monitor.charset import decode
from monitor.dates import utc_now
from monitor.errors import FetchError, Interrupted, MonitorError, ParseError, RefusedURL, item_failure, one_line
from monitor.extract import extract
from monitor.fetch import Fetcher, HostGate, HostGates
from monitor.logs import fields
from monitor.models import (AnalysedItem, Collected, CollectedDocument, Config, Entry, FetchJob, FolderFile, Item,
                            Outcome, Parsed, RawDocument, Refusal, ResponseInfo, Source, is_web_url)
from monitor.normalize import article_text, normalize, with_article
from monitor.parse_pool import ParsePool, parse_pool_for
from monitor.robots import Robots
from monitor.rules import CompiledRules, compile_rules
from monitor.sources import sitemap
from monitor.sources.page import not_a_page
from monitor.urls import check_scheme, has_scheme

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Context:
    """What one process needs to collect: config, compiled rules, the fetcher and the robots.txt
    rules it has read, the clock, a stop flag and, when parsing is spread over processes, the parse
    pool. Built from the config in each process that runs jobs; never sent to another one."""

    config: Config
    compiled: CompiledRules
    fetcher: Fetcher
    clock: Callable[[], datetime] = utc_now
    stop: threading.Event = field(default_factory=threading.Event)
    parse_pool: ParsePool | None = None  # worker processes for the CPU-bound parse step, if any
    robots: Robots = field(init=False)

    def __post_init__(self) -> None:
        self.robots = Robots(self.fetcher, self.clock)

    @functools.cached_property
    def packed_rules(self) -> PackedRules:
        """The config's rules as they travel to the parse workers, pickled once (see PackedRules)."""
        return pack_rules(self.config.rules)

    @classmethod
    def build(cls, config: Config, clock: Callable[[], datetime] = utc_now,
              pool: ParsePool | Executor | None = None, auto_pool: bool = False,
              gate: HostGates | None = None) -> Context:
        """A context for a config. `pool` is where its documents are parsed: a ParsePool made
        already (`monitor run --once` starts its workers before its first thread:
        daemon.batch_parse_pool), or an Executor used for every document (benchmarks, tests);
        without one, `auto_pool` makes the pool settings.parse_processes asks for, and otherwise
        documents are parsed in the calling thread. `gate` keeps politeness per host (default: the
        fetcher's in-process one; see storage.host_gates)."""
        if isinstance(pool, Executor):
            pool = ParsePool.of(pool)
        elif pool is None and auto_pool:
            pool = parse_pool_for(config)
        return cls(config=config,
                   compiled=compile_rules(config.rules, config.settings.snippet_chars),
                   fetcher=Fetcher(config.settings, clock=clock, gate=gate), clock=clock, parse_pool=pool)

    def reconfigured(self, config: Config) -> Context:
        """A context for a re-read config that keeps this one's stop flag, parse pool and clock (and its
        fetcher and robots.txt cache when the settings did not change): the daemon's reload."""
        if config.settings == self.config.settings:
            fetcher = self.fetcher
        else:  # a shared gate (PostgreSQL's) is kept, with the new delay; the in-process one is made anew
            shared: HostGates | None = self.fetcher.gate
            if isinstance(shared, HostGate):
                shared = None
            elif shared is not None:
                shared.delay = config.settings.host_delay
            fetcher = Fetcher(config.settings, clock=self.clock, gate=shared)
        fresh = Context(config=config, compiled=compile_rules(config.rules, config.settings.snippet_chars),
                        fetcher=fetcher, clock=self.clock, stop=self.stop, parse_pool=self.parse_pool)
        if fetcher is self.fetcher:
            fresh.robots = self.robots
        return fresh

    def close(self) -> None:
        self.fetcher.close()
        if self.parse_pool is not None:
            self.parse_pool.shutdown()


@dataclass
class _Findings:
    """What a run gathered besides items, as it goes."""

    warnings: list[str] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)


def collect(job: FetchJob, ctx: Context) -> Collected:
    """Fetch, parse and analyse what a job names; never touches the store, never raises. For a
    thread that waits for it (never the event loop's own): `collect_async` on the process's loop."""
    return aio.run(collect_async(job, ctx))


async def collect_async(job: FetchJob, ctx: Context) -> Collected:
    """`collect` on the event loop (the daemon's jobs): the job's document, the pages a full-text
    feed's new items link to and a sitemap's sitemaps and articles are fetched by the loop, holding
    no thread while they wait on their servers; reading files, parsing, extracting and analysing run
    on the loop's step pool (monitor.aio.in_thread)."""
    began = time.monotonic()
    source = job.source
    found = _Findings()
    documents: list[CollectedDocument] = []
    outcome, response, error, status, retry_after = Outcome.OK, None, None, None, None
    kind = kinds.KINDS[source.kind]
    list_documents = kind.list_documents
    try:
        if list_documents is not None:
            await _collect_folder(job, list_documents, ctx, found, documents)
        else:
            doc = await _fetch(job.location, source, job, ctx)
            response = ResponseInfo.of(doc)
            status = doc.status
            if doc.permanent_url:
                log.info("moved permanently %s", fields(source=source.name, old=job.location, new=doc.permanent_url))
            if doc.not_modified:
                outcome = Outcome.NOT_MODIFIED
            elif (job.state.body_hash and doc.body_hash == job.state.body_hash
                  and job.state.last_outcome != Outcome.ERROR.value):
                outcome = Outcome.UNCHANGED
            elif kind.reads_pages:
                if await _collect_sitemap(doc, source, job, ctx, found, documents):
                    # An index's sitemaps change while it does not: it is fetched whole every time.
                    response = replace(response, etag=None, last_modified=None, body_hash="")
            else:
                items = await _collect_document(doc, source, job, ctx, found)
                documents.append(CollectedDocument(items))
                if ctx.stop.is_set():
                    raise Interrupted(doc.location)
                if kind.older_page is not None and job.known_links:
                    await _catch_up(doc, items, kind.older_page, source, job, ctx, found, documents)
    except MonitorError as exc:
        outcome, error = exc.outcome, str(exc)
        status = exc.http_status or status
        retry_after = exc.retry_after
        if isinstance(exc, RefusedURL):
            found.refusals.append(Refusal(exc.location, exc.detail))
        if isinstance(exc, Interrupted) and list_documents is None and not kind.reads_pages:
            documents = []  # parsed but not stored: the whole document comes again next time
    except Exception as exc:  # a bug, not bad input: keep the traceback, keep the daemon alive
        log.exception("unexpected failure source=%s", source.name)
        outcome, error = Outcome.ERROR, one_line(f"internal error: {type(exc).__name__}: {exc}")
    return Collected(job=job, outcome=outcome, duration_ms=int((time.monotonic() - began) * 1000),
                     documents=tuple(documents), response=response, http_status=status, error=error,
                     retry_after=retry_after, warnings=tuple(found.warnings), refusals=tuple(found.refusals))


MAX_PAGES_BACK = 5  # older pages read in one run, at most


async def _catch_up(page: RawDocument, items: tuple[AnalysedItem, ...],
                    older_page: Callable[[str, tuple[str, ...]], str | None], source: Source, job: FetchJob,
                    ctx: Context, found: _Findings, documents: list[CollectedDocument]) -> None:
    """A source whose document is only the latest page of a list (a Telegram channel's preview, about
    twenty posts): while a page holds nothing the source delivered before, the page before it is read
    too, up to MAX_PAGES_BACK, so that a channel that posted more than a page between two runs loses
    nothing. A source seen for the first time (no known links) reads its latest page only."""
    for _ in range(MAX_PAGES_BACK):
        if not items or any(is_known(entry.item, job.known_links) for entry in items):
            return
        address = older_page(page.final_url or page.location,
                             tuple(entry.item.guid for entry in items if entry.item.guid))
        if address is None:
            return
        try:
            page = await _fetch_page(address, source.kind, source, ctx, None)
            items = await _collect_document(page, source, job, ctx, found)
        except Interrupted:
            raise
        except MonitorError as exc:  # what was read is stored; the pages behind this one are not read
            found.warnings.append(f"{source.kind}: an older page: {exc}")
            return
        documents.append(CollectedDocument(items))
        if ctx.stop.is_set():
            raise Interrupted(page.location)
    if items and not any(is_known(entry.item, job.known_links) for entry in items):
        # The channel posted more than these pages hold since its last run (the daemon was down a
        # day): the posts further back are not read, and the analyst should know there is a gap.
        found.warnings.append(f"{source.kind}: {MAX_PAGES_BACK} older pages read without reaching a post stored "
                              f"before; the posts before {page.final_url or page.location} are not read")


def _fetch_web(location: str, source: Source, job: FetchJob, ctx: Context) -> Coroutine[Any, Any, RawDocument]:
    permit = ctx.robots.permit_for(source) if kinds.KINDS[source.kind].robots else None
    return ctx.fetcher.fetch(location, source=source.name, kind=source.kind, validators=job.state.validators,
                             allow_private=source.allow_private, max_bytes=source.max_bytes, permit=permit)


async def _fetch(location: str, source: Source, job: FetchJob, ctx: Context) -> RawDocument:
    if is_web_url(location):
        return await _fetch_web(location, source, job, ctx)
    if has_scheme(location):  # file:, data:… given to `monitor ingest`: refused, never read
        check_scheme(location)
    return await aio.in_thread(_read_file, Path(location), source.kind, source, ctx)


def _fetch_page(url: str, kind: str, source: Source, ctx: Context,
                permit: Callable[[str], None] | None) -> Coroutine[Any, Any, RawDocument]:
    """A page or a sitemap that a source's document links to."""
    return ctx.fetcher.fetch(url, source=source.name, kind=kind, allow_private=source.allow_private,
                             max_bytes=source.max_bytes, permit=permit)


async def _collect_folder(job: FetchJob, list_documents: Callable[..., list], ctx: Context, found: _Findings,
                         documents: list[CollectedDocument]) -> None:
    source = job.source
    folder = Path(source.location)
    if not folder.is_dir():
        raise FetchError(source.location, "folder does not exist")
    already = {path: (size, mtime) for path, size, mtime in job.folder_files}
    for dropped in await aio.in_thread(list_documents, folder, already):
        if ctx.stop.is_set():
            break
        if dropped.refused is not None:
            found.refusals.append(Refusal(str(dropped.path), dropped.refused))
            found.warnings.append(f"folder: {dropped.path}: refused: {dropped.refused}")
            log.warning("dropped file refused %s", fields(source=source.name, file=dropped.path.name,
                                                           error=dropped.refused))
            documents.append(CollectedDocument((), FolderFile(source.name, str(dropped.path), dropped.size,
                                                              dropped.mtime_ns, "refused")))
            continue
        try:
            doc = await aio.in_thread(_read_file, dropped.real_path or dropped.path, dropped.kind, source, ctx)
            items = await _collect_document(doc, source, job, ctx, found)
            outcome = "ok"
        except Interrupted:
            raise
        except MonitorError as exc:
            items, outcome = (), "error"
            found.warnings.append(str(exc))
            log.warning("dropped file failed %s", fields(source=source.name, file=dropped.path.name, error=exc))
        if ctx.stop.is_set():
            raise Interrupted(str(dropped.path))  # this file was not stored: it is read again next time
        documents.append(CollectedDocument(items, FolderFile(source.name, str(dropped.path), dropped.size,
                                                             dropped.mtime_ns, outcome)))


def _read_file(path: Path, kind: str, source: Source, ctx: Context) -> RawDocument:
    return ctx.fetcher.read_file(path, source=source.name, kind=kind, max_bytes=source.max_bytes)


async def _collect_document(doc: RawDocument, source: Source, job: FetchJob, ctx: Context,
                            found: _Findings) -> tuple[AnalysedItem, ...]:
    """A document's items, analysed; a full-text feed's new items with their article's text."""
    pages_for = job.known_links if source.full_text and doc.kind == "feed" else None
    prepared = await aio.in_thread(_prepare, doc, source, ctx, found, pages_for)
    ready: list[AnalysedItem | Item] = []
    for entry in prepared:
        if isinstance(entry, Item):
            if ctx.stop.is_set():  # between two pages: a stop must not wait for a feed's every page
                raise Interrupted(doc.location)
            ready.append(await _with_full_text(entry, source, ctx, found))
            continue
        item = entry.item
        if (pages_for is not None and not item.url and item.location and has_scheme(item.location)
                and not is_known(item, pages_for)):
            _refuse_if_not_web(item.location, source, found)
        ready.append(entry)
    waiting = tuple(entry for entry in ready if isinstance(entry, Item))
    if not waiting:
        return tuple(entry for entry in ready if isinstance(entry, AnalysedItem))
    analysed = iter(await aio.in_thread(_analyse, waiting, ctx))
    done: list[AnalysedItem] = []
    for entry in ready:
        result = entry if isinstance(entry, AnalysedItem) else next(analysed)
        if isinstance(result, str):
            _skip(result, source, found)
        else:
            done.append(result)
    return tuple(done)


def _prepare(doc: RawDocument, source: Source, ctx: Context, found: _Findings,
             pages_for: frozenset[str] | None) -> tuple[AnalysedItem | Item, ...]:
    """prepare() of a document (see analysis.prepare: with `pages_for`, the items that need their
    page come back unanalysed); its warnings and the entries it skipped go to `found`."""
    settings = ctx.config.settings
    prepared = _parsed(ctx, prepare, doc, settings.suspect_age, snippet_chars=settings.snippet_chars,
                       pages_for=pages_for, max_items=settings.max_items, zone=source.timezone)
    found.warnings.extend(prepared.warnings)
    for line in prepared.skipped:
        _skip(line, source, found)
    return prepared.items


def _analyse(items: tuple[Item, ...], ctx: Context) -> tuple[AnalysedItem | str, ...]:
    return _parsed(ctx, analyse_items, items, snippet_chars=ctx.config.settings.snippet_chars)


def _parsed(ctx: Context, step: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A CPU-bound step (prepare, analyse_items) in this thread or in the parse pool: the rules
    compiled once per process, here the context's, there the worker's (sent packed, see PackedRules)."""
    if ctx.parse_pool is None:
        return step(*args, rules=ctx.config.rules, compiled=ctx.compiled, **kwargs)
    return ctx.parse_pool.run(step, *args, rules=ctx.packed_rules, here={"compiled": ctx.compiled}, **kwargs)


def _skip(line: str, source: Source, found: _Findings) -> None:
    found.warnings.append(line)
    log.warning("item skipped %s", fields(source=source.name, error=line))


async def _with_full_text(item: Item, source: Source, ctx: Context, found: _Findings) -> Item:
    """The item with its page's main text as body; on any failure the feed's text stays."""
    assert item.url is not None
    try:
        page = await _fetch_page(item.url, "page", source, ctx, ctx.robots.permit_for(source))
    except Exception as exc:
        return _without_page(item, exc, source, found)
    return await aio.in_thread(_with_article, item, page, source, found)


def _with_article(item: Item, page: RawDocument, source: Source, found: _Findings) -> Item:
    """The item with the main text of its fetched page as body, when that is longer than the feed's."""
    if (instead := not_a_page(page)) is not None:
        return _without_page(item, ParseError("page", page.location, f"the link serves {instead}, not an article page"),
                             source, found)
    try:
        article = extract(decode(page.body, page.charset), page.final_url)
    except Exception as exc:
        return _without_page(item, exc, source, found)
    body = article_text(article.text, item)
    if len(body) <= len(item.body):
        return item
    # The feed's teaser may have been too short to tell its language; the article is not.
    decided = item.language or language.decide(article.language or page.language, item.title, item.summary, body)
    return with_article(replace(item, language=decided), body, article.author)


def _without_page(item: Item, exc: Exception, source: Source, found: _Findings) -> Item:
    """The item as its feed gave it, its page's failure recorded."""
    assert item.url is not None
    if isinstance(exc, RefusedURL):
        _record_refusal(item.url, exc, source, found)
    elif isinstance(exc, MonitorError):
        found.warnings.append(f"full text: {exc}")
    else:  # a bug on one page (an odd host name, odd markup) keeps the feed's text
        found.warnings.append(item_failure(item.url, "full text", exc))
        log.warning("full text failed %s", fields(source=source.name, url=item.url[:200], error=one_line(exc)))
    return item


def _refuse_if_not_web(link: str, source: Source, found: _Findings) -> None:
    """Record why a feed item's link (one with no usable http(s) URL) is not followed."""
    try:
        check_scheme(link)
    except RefusedURL as exc:
        _record_refusal(link, exc, source, found)


def _record_refusal(link: str, exc: RefusedURL, source: Source, found: _Findings) -> None:
    found.refusals.append(Refusal(link, exc.detail))
    found.warnings.append(str(exc))
    log.warning("link refused %s", fields(source=source.name, url=link[:200], error=exc.detail))


MAX_SITEMAPS = 20  # sitemaps read in one run of a sitemap source: its own and those its indexes list


async def _collect_sitemap(doc: RawDocument, source: Source, job: FetchJob, ctx: Context, found: _Findings,
                     documents: list[CollectedDocument]) -> bool:
    """Each new article of a sitemap (and of the sitemaps its index lists) that is dated within the
    source's sitemap_window, read as a page, one document each; returns whether it was an index.

    Articles the source stored before are not fetched again. An article whose page cannot be had
    (refused, robots.txt, an error) is stored as the sitemap describes it, when it gives a title.
    """
    listed, index = await _listed_articles(doc, source, ctx, found)
    fresh, undated = sitemap.recent(listed, ctx.clock() - timedelta(seconds=source.sitemap_window))
    if undated:
        found.warnings.append(f"sitemap: {undated} URLs with no date (news:publication_date or lastmod) not read")
    new = [entry for entry in fresh if not sitemap.is_known(entry, job.known_links)]
    limit = ctx.config.settings.max_items
    if len(new) > limit:
        found.warnings.append(f"sitemap: {len(new)} new articles, only the newest {limit} are read (max_items)")
    permit = ctx.robots.permit_for(source)
    for entry in new[:limit]:
        if ctx.stop.is_set():  # the articles read so far are stored; the others come next time
            raise Interrupted(doc.location)
        item = await _sitemap_article(entry, doc, source, ctx, found, permit)
        if item is None:
            continue
        analysed = (await aio.in_thread(_analyse, (item,), ctx))[0]
        if isinstance(analysed, str):
            _skip(analysed, source, found)
        else:
            documents.append(CollectedDocument((analysed,)))
    return index


async def _listed_articles(doc: RawDocument, source: Source, ctx: Context,
                           found: _Findings) -> tuple[list[Entry], bool]:
    """The entries of a sitemap and of the sitemaps it lists (at most MAX_SITEMAPS in all), one per URL;
    and whether it was an index. Only the first sitemap's failure fails the run."""
    entries: dict[str, Entry] = {}
    waiting: deque[str] = deque()
    seen = {doc.location, doc.final_url or doc.location}

    def take(parsed: Parsed) -> None:
        if parsed.warning:
            found.warnings.append(parsed.warning)
        for entry in parsed.entries:
            entries.setdefault(entry.url or "", entry)
        waiting.extend(link for link in parsed.links if link not in seen)

    first = await aio.in_thread(kinds.parse, doc)
    take(first)
    permit = ctx.robots.permit_for(source)
    read = 1
    while waiting and not ctx.stop.is_set():
        link = waiting.popleft()
        if link in seen:
            continue
        if read >= MAX_SITEMAPS:
            found.warnings.append(f"sitemap: {len(waiting) + 1} more sitemaps listed; {MAX_SITEMAPS} are read per run")
            break
        seen.add(link)
        read += 1
        try:
            child = await _fetch_page(link, "sitemap", source, ctx, permit)
            take(await aio.in_thread(kinds.parse, child))
        except RefusedURL as exc:
            _record_refusal(link, exc, source, found)
        except MonitorError as exc:
            found.warnings.append(str(exc))
    return list(entries.values()), bool(first.links)


async def _sitemap_article(entry: Entry, listing: RawDocument, source: Source, ctx: Context, found: _Findings,
                           permit: Callable[[str], None] | None) -> Item | None:
    """A sitemap's article read from its page, what the sitemap says filling the gaps; the sitemap's
    own entry when the page cannot be had; None when neither gives an item."""
    assert entry.url is not None
    suspect_age = timedelta(seconds=ctx.config.settings.suspect_age)
    try:
        page = await _fetch_page(entry.url, "page", source, ctx, permit)
        return await aio.in_thread(_page_item, entry, page, suspect_age, source.timezone)
    except RefusedURL as exc:
        _record_refusal(entry.url, exc, source, found)
    except MonitorError as exc:
        found.warnings.append(f"sitemap article: {exc}")
    except Exception as exc:  # a bug on one page (odd markup, an odd host name) costs that page only
        found.warnings.append(item_failure(entry.url, "page", exc))
        log.warning("sitemap article failed %s", fields(source=source.name, url=entry.url[:200], error=one_line(exc)))
    return await aio.in_thread(_listed_item, entry, listing, suspect_age, source, found)


def _page_item(entry: Entry, page: RawDocument, suspect_age: timedelta, zone: str | None) -> Item:
    article = kinds.parse(page).entries[0]
    return normalize(sitemap.with_page(entry, article), page, suspect_age, zone=zone)


def _listed_item(entry: Entry, listing: RawDocument, suspect_age: timedelta, source: Source,
                 found: _Findings) -> Item | None:
    """The item a sitemap's own entry gives, when its page could not be had."""
    try:
        return normalize(entry, listing, suspect_age, zone=source.timezone)
    except ParseError:  # no title in the sitemap either: tried again next run
        return None
    except Exception as exc:
        _skip(item_failure(entry.url, "normalize", exc), source, found)
        return None
