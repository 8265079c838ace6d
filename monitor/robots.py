"""robots.txt (RFC 9309) for the articles we fetch: page and text sources, a full-text feed's pages,
a sitemap's articles and the sitemaps its index lists. The feeds and sitemaps the user configured
are fetched as configured, and a source with `ignore_robots` skips the check.

One robots.txt per origin (scheme, host, port), fetched through the process's Fetcher, so with the
same client, per-host politeness, User-Agent, size cap and address checks as any other fetch;
parsed by Protego; matched against our product token (settings.user_agent up to its "/"). It is
kept in memory, and what a fetch of it says decides for how long:

- 2xx: its rules, for ROBOTS_TTL (24 h);
- 4xx (none there, forbidden, gone; 429 aside): everything is allowed, for ROBOTS_TTL;
- 5xx, 429, or no answer (network, timeout, too large): everything is disallowed for ERROR_TTL
  (longer if the server's Retry-After asks for it); when an earlier copy was read, that copy is
  kept instead while it is tried again (RFC 9309 2.3.1.4 and 2.4).

One thread reads a host's robots.txt at a time; the others wait for it, so several pages of one
host cost one robots.txt request.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Callable
from urllib.parse import urlsplit

from protego import Protego

from monitor.errors import FetchError, RefusedURL
from monitor.fetch import Fetcher
from monitor.logs import fields
from monitor.models import Source

log = logging.getLogger(__name__)

ROBOTS_TTL = timedelta(hours=24)
ERROR_TTL = timedelta(minutes=10)
MAX_SITES = 5000  # origins kept; past this, expired ones are dropped
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: the User-Agent's first product, without its version."""
    found = _TOKEN.match(user_agent.strip())
    return found.group(0) if found else user_agent.strip()


def origin(url: str) -> str:
    """scheme://host[:port] of a URL: the site one robots.txt speaks for."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    return f"{scheme}://{host}" + (f":{port}" if port and port != _DEFAULT_PORTS.get(scheme) else "")


@dataclass(frozen=True, slots=True)
class _Rules:
    """What we know of one site's robots.txt until `expires`."""

    expires: datetime
    parser: Protego | None = None  # None: no rules (everything allowed), unless `unreadable`
    unreadable: str | None = None  # why it could not be read: everything is disallowed


class Robots:
    """The robots.txt rules of every site this process fetches articles from."""

    def __init__(self, fetcher: Fetcher, clock: Callable[[], datetime] | None = None) -> None:
        self.fetcher = fetcher
        self.token = product_token(fetcher.settings.user_agent)
        self.clock = clock or fetcher.clock
        self._sites: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def permit_for(self, source: Source) -> Callable[[str], None] | None:
        """The check an article fetch of this source makes on each hop (fetch_url's `permit`);
        None when the source ignores robots.txt."""
        if source.ignore_robots:
            return None
        return functools.partial(self.check, source=source.name, allow_private=source.allow_private,
                                 max_bytes=source.max_bytes)

    def check(self, url: str, *, source: str, allow_private: bool = False, max_bytes: int | None = None) -> None:
        """Nothing when robots.txt lets us fetch `url`; RefusedURL, naming robots.txt, when not."""
        site = origin(url)
        rules = self._rules(site, source, allow_private, max_bytes)
        if rules.unreadable is not None:
            raise RefusedURL(url, f"robots.txt of {site} could not be read ({rules.unreadable}); nothing is "
                                  f"fetched from the site until it can be")
        if rules.parser is not None and not rules.parser.can_fetch(url, self.token):
            raise RefusedURL(url, f"robots.txt of {site} disallows it for {self.token}")

    def _rules(self, site: str, source: str, allow_private: bool, max_bytes: int | None) -> _Rules:
        with self._guard:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:
            now = self.clock()
            known = self._sites.get(site)
            if known is not None and now < known.expires:
                return known
            rules = self._read(site, known, now, source, allow_private, max_bytes)
            with self._guard:
                if len(self._sites) >= MAX_SITES:
                    for name in [name for name, old in self._sites.items() if old.expires <= now]:
                        del self._sites[name]
                self._sites[site] = rules
            return rules

    def _read(self, site: str, known: _Rules | None, now: datetime, source: str, allow_private: bool,
              max_bytes: int | None) -> _Rules:
        url = f"{site}/robots.txt"
        try:
            doc = self.fetcher.fetch_url(url, source=source, kind="robots", allow_private=allow_private,
                                         max_bytes=max_bytes)
        except RefusedURL:
            raise  # the site itself is out of bounds; its pages are refused the same way
        except FetchError as exc:
            status = exc.http_status
            if status is not None and 400 <= status < 500 and status != 429:
                log.debug("robots.txt unavailable, all allowed %s", fields(site=site, status=status))
                return _Rules(now + ROBOTS_TTL)
            wait = max(ERROR_TTL, timedelta(seconds=min(exc.retry_after or 0, ROBOTS_TTL.total_seconds())))
            why = exc.detail.removeprefix(f"{url}: ")
            if known is not None and known.parser is not None:
                log.info("robots.txt unreadable, earlier copy kept %s", fields(site=site, error=why))
                return replace(known, expires=now + wait)
            log.info("robots.txt unreadable, site disallowed %s", fields(site=site, error=why, retry=now + wait))
            return _Rules(now + wait, unreadable=why)
        text = doc.body.decode("utf-8", errors="replace").lstrip("\ufeff")
        log.debug("robots.txt read %s", fields(site=site, status=doc.status, bytes=len(doc.body)))
        return _Rules(now + ROBOTS_TTL, parser=Protego.parse(text))
