"""Time monitor.dates.parse_date: the fast path (RFC 822 and ISO 8601 dates) and the fallback
for dates written in other languages (dateparser, only when the fast path failed).

    .venv/bin/python bench/bench_dates.py            # 20,000 calls on the fast path
    .venv/bin/python bench/bench_dates.py --n 2000

Prints microseconds per call and what each kind of date was read as. The fast path must cost
the same with the fallback in place: the fallback runs only for text the fast path cannot read.
Every localized date timed is a different text, so no cache flatters the figure.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import sys
import time
from pathlib import Path
from typing import Iterator, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.dates import parse_date  # noqa: E402

FAST = ["Tue, 21 Dec 2021 09:30:00 +0100", "Tue, 21 Dec 2021 08:30:00 GMT", "2021-12-21T09:30:00+01:00",
        "2021-12-21T08:30:00Z", "2021-12-21 09:30:00"]
# (a date as a feed in that language writes it, the language the feed declares)
LOCALIZED = [("Seg, {d} Set 2018 {h}:{m}:00 -0300", "pt"), ("Di, {d} Dez 2021 {h}:{m}:00 +0100", "de"),
             ("{d} декабря 2021, {h}:{m}", "ru"), ("mar., {d} déc. 2021 {h}:{m}:00 +0100", "fr"),
             ("{d} грудня 2021, {h}:{m}", "uk"), ("{d} grudnia 2021 {h}:{m}", "pl")]
HINTED = "languages" in inspect.signature(parse_date).parameters  # False before the fallback existed


def _read(text: str, language: str | None) -> object:
    if HINTED:
        return parse_date(text, None, (language,) if language else ())
    return parse_date(text, None)


def _localized() -> Iterator[tuple[str, str]]:
    for (template, language), day, hour, minute in itertools.product(LOCALIZED, range(10, 29), range(10, 24),
                                                                     range(10, 60, 7)):
        yield template.format(d=day, h=hour, m=minute), language


def _per_call(texts: Sequence[tuple[str, str | None]]) -> float:
    began = time.perf_counter()
    for text, language in texts:
        _read(text, language)
    return (time.perf_counter() - began) / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="calls on the fast path (a tenth as many localized)")
    args = parser.parse_args()
    started = time.perf_counter()
    first = _read("Seg, 24 Set 2018 10:00:00 -0300", "pt")
    print(f"first localized date after start-up: {(time.perf_counter() - started) * 1e3:.1f} ms → {first}")
    for template, language in LOCALIZED:
        text = template.format(d=21, h=9, m=30)
        print(f"  {text!r:42} ({language}) → {_read(text, language)}")
    fast = [(text, None) for text in FAST] * (args.n // len(FAST))
    _per_call(fast[:2000])  # warm-up
    print(f"RFC 822 / ISO 8601 dates: {_per_call(fast):.1f} µs per call ({len(fast)} calls)")
    localized = list(itertools.islice(_localized(), max(1, args.n // 10)))
    print(f"dates in other languages: {_per_call(localized):.1f} µs per call ({len(localized)} different texts)")
    garbage = [(f"updated {i // 60 % 24}h {i % 60}m ago", None) for i in range(max(1, args.n // 10))]
    print(f"unreadable text, no year: {_per_call(garbage):.1f} µs per call ({len(garbage)} different texts)")
    garbage = [(f"sometime in {1000 + i}", None) for i in range(max(1, args.n // 10))]
    print(f"unreadable, with a year:  {_per_call(garbage):.1f} µs per call ({len(garbage)} different texts, "
          "every language tried)")


if __name__ == "__main__":
    main()
