"""The CPU-only part of ingestion: parse a document, normalize its entries, and analyse each item
(rule matches, story signature). No database, no network: it runs in the parse pool's worker
processes when there is one, and the pipeline only stores what comes back.

An item whose article page is still to be fetched (a `full_text` feed's new item) is left
unanalysed by `prepare` and analysed once, with its page's text, by `analyse_items`.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from dataclasses import dataclass, replace
from datetime import timedelta

from monitor import sources as kinds
from monitor.errors import ParseError, item_failure
from monitor.models import AnalysedItem, Item, RawDocument, Rule, pickled_by_fields
from monitor.normalize import normalize, without_repeated_paragraphs
from monitor.rules import CompiledRules, compile_rules, match
# The parsers, which the registry imports at their first document only (so that the CLI's other
# commands never load feedparser or trafilatura): here, where documents are parsed, they are loaded
# up front, once, rather than by the pool's workers or the source threads racing for the first one
# (trafilatura and usp excepted: monitor.extract imports trafilatura at the first article page, and
# the sitemap parser usp at the first sitemap; feeds never need them).
from monitor.sources import feed, page, sitemap, text  # noqa: F401
from monitor.stories import signature, story_text
from monitor.urls import is_google_news_article

DEFAULT_MAX_ITEMS = 5000


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Prepared:
    """A document's entries, parsed, normalized and analysed (picklable: it may come from a worker);
    an entry still waiting for its article page is a plain Item."""

    items: tuple[AnalysedItem | Item, ...]
    warnings: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # one line per entry that failed (item_failure) and was left out


def analyse(item: Item, compiled: CompiledRules) -> AnalysedItem:
    """What an item's text says before it is stored: its rule matches and its story signature."""
    return AnalysedItem(item=item, matches=tuple(match(compiled, item)),
                        signature=signature(story_text(item.title, item.summary, item.body)))


@dataclass(frozen=True, slots=True)
class PackedRules:
    """A rule set as it travels to a parse worker with each document: pickled once where it is
    configured, unpickled and compiled once per worker (by its digest). As a tuple of Rules it was
    pickled in the sending process and unpickled in the worker for every document: 6 ms of CPU a
    document for 10,000 terms, about as much per item as matching them."""

    digest: str
    data: bytes


def pack_rules(rules: tuple[Rule, ...]) -> PackedRules:
    """The rules, ready to travel (see PackedRules)."""
    data = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    return PackedRules(hashlib.blake2b(data, digest_size=16).hexdigest(), data)


def analyse_items(items: tuple[Item, ...], rules: tuple[Rule, ...] | PackedRules, snippet_chars: int,
                  compiled: CompiledRules | None = None) -> tuple[AnalysedItem | str, ...]:
    """analyse() for a batch, with the rules compiled once per process (a parse pool's entry point);
    an item that fails is its item_failure() line instead."""
    compiled = compiled or _compiled(rules, snippet_chars)
    done: list[AnalysedItem | str] = []
    for item in items:
        try:
            done.append(analyse(item, compiled))
        except Exception as exc:
            done.append(item_failure(item.url or item.location, "analyse", exc))
    return tuple(done)


def is_known(item: Item, known_links: frozenset[str]) -> bool:
    """Whether its source delivered this item before (by canonical URL or GUID)."""
    return bool(item.url and item.url in known_links) or bool(item.guid and item.guid in known_links)


def needs_page(item: Item, known_links: frozenset[str]) -> bool:
    """Whether a full-text feed's item is new to its source and has a page to fetch. Not a Google
    News link whose id holds no address (its newer ids): Google's page sends browsers on with a
    script and holds nothing of the article."""
    return bool(item.url) and not is_known(item, known_links) and not is_google_news_article(item.url)


def _compiled(rules: tuple[Rule, ...] | PackedRules, snippet_chars: int) -> CompiledRules:
    """The rules compiled, once per process and rule set (a worker's: every document names them)."""
    if isinstance(rules, PackedRules):
        return _compiled_packed(rules, snippet_chars)
    return _compiled_rules(rules, snippet_chars)


@functools.lru_cache(maxsize=4)
def _compiled_rules(rules: tuple[Rule, ...], snippet_chars: int) -> CompiledRules:
    return compile_rules(rules, snippet_chars)


_PACKED: dict[tuple[str, int], CompiledRules] = {}  # by digest: each document brings its own copy
_PACKED_LOCK = threading.Lock()


def _compiled_packed(rules: PackedRules, snippet_chars: int) -> CompiledRules:
    key = (rules.digest, snippet_chars)
    with _PACKED_LOCK:
        compiled = _PACKED.get(key)
    if compiled is None:
        compiled = compile_rules(pickle.loads(rules.data), snippet_chars)
        with _PACKED_LOCK:
            while len(_PACKED) >= 4:  # a daemon's reloads leave rule sets no document names any more
                del _PACKED[next(iter(_PACKED))]
            compiled = _PACKED.setdefault(key, compiled)
    return compiled


def prepare(doc: RawDocument, suspect_age: float, rules: tuple[Rule, ...] | PackedRules = (), snippet_chars: int = 240,
            compiled: CompiledRules | None = None, pages_for: frozenset[str] | None = None,
            max_items: int = DEFAULT_MAX_ITEMS, zone: str | None = None) -> Prepared:
    """Parse a document, normalize and analyse its entries: CPU work only, no database, no network.

    With `pages_for` (a full-text feed: the links its source delivered before), items that
    need_page() are returned unanalysed, for analysis once their page is fetched. An entry that
    fails in any way is left out with one line saying which and why: its neighbours go on. At most
    `max_items` entries are read; a warning says how many more were dropped. `zone` is the time
    zone the source writes dates without one in.
    """
    compiled = compiled or _compiled(rules, snippet_chars)
    parsed = kinds.parse(doc)
    warnings = [parsed.warning] if parsed.warning else []
    entries = parsed.entries
    if len(entries) > max_items:
        warnings.append(f"{doc.location}: {len(entries)} entries, only the first {max_items} are read (max_items)")
        entries = entries[:max_items]
    skipped: list[str] = []
    items: list[Item] = []
    for entry in entries:
        try:
            items.append(normalize(entry, doc, timedelta(seconds=suspect_age), zone=zone))
        except ParseError as exc:
            warnings.append(str(exc))
        except Exception as exc:  # one entry's bug must not cost the document
            skipped.append(item_failure(entry.url or entry.guid, "normalize", exc))
    prepared: list[AnalysedItem | Item] = []
    # The site's repeated lines go first: they change the content hash that shared GUIDs compare.
    for item in without_shared_guids(without_repeated_paragraphs(items)):
        if pages_for is not None and needs_page(item, pages_for):
            prepared.append(item)
            continue
        try:
            prepared.append(analyse(item, compiled))
        except Exception as exc:
            skipped.append(item_failure(item.url or item.location, "analyse", exc))
    return Prepared(tuple(prepared), tuple(warnings), tuple(skipped))


def without_shared_guids(items: list[Item]) -> list[Item]:
    """The items, without the GUID of any that shares it with a different entry of the document.

    A feed that gives two different entries one GUID: the GUID identifies neither, or each fetch
    would "update" one into the other and back.
    """
    first: dict[str, str] = {}
    for item in items:
        if item.guid:
            first.setdefault(item.guid, item.content_hash)
    return [replace(item, guid=None) if item.guid and first[item.guid] != item.content_hash else item
            for item in items]
