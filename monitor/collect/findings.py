"""What a run gathers besides its items, as it goes: warnings (an entry skipped, a page that failed)
and the links it refused to follow, each also logged."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from monitor.errors import RefusedURL
from monitor.logs import fields
from monitor.models import Refusal, Source

log = logging.getLogger(__name__)


@dataclass
class Findings:
    """What a run gathered besides items, as it goes."""

    warnings: list[str] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)


def skip(line: str, source: Source, found: Findings) -> None:
    """An entry left out, as a warning of the run and in the log."""
    found.warnings.append(line)
    log.warning("item skipped %s", fields(source=source.name, error=line))


def record_refusal(link: str, exc: RefusedURL, source: Source, found: Findings) -> None:
    """A link the run did not follow, and why (kept with the fetch's record), as a warning and in the log."""
    found.refusals.append(Refusal(link, exc.detail))
    found.warnings.append(str(exc))
    log.warning("link refused %s", fields(source=source.name, url=link[:200], error=exc.detail))
