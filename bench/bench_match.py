"""Matching benchmark: per-item cost of monitor.rules.match with 10,000 rule terms against 10.

How to run (from the repository root):

    .venv/bin/python bench/bench_match.py [--items 2000] [--words 600] [--rounds 5] [--profile]
    .venv/bin/python bench/bench_match.py --callgrind [--items 100] [--words 600]

`--callgrind` counts instructions instead of timing (valgrind must be installed): each rule set in
its own process under `valgrind --tool=callgrind --toggle-collect=functools_reduce`, `match` called
over ITEMS items inside one functools.reduce, so only matching is counted; prints instructions
per item and their ratio. Counts do not move with the machine's load, as times do, but they do not
show cache misses either (the 10,000-term automaton's nodes miss the cache more).

What it does: builds, deterministically (bench/_synthetic.py), 1,000 rules × 10 terms = 10,000
terms (names and their transliteration variants, multi-word phrases, braced case-sensitive
acronyms such as {NBF}, prefix terms such as Kelorle*, topic phrases with an excluded term, and
40 boolean `query` rules with AND / NOT / NEAR/8), and the 5 rules of config.toml with two more
spellings (10 terms); writes ITEMS articles of about WORDS words that mention invented people, places and organisations
(about a third of them covered by the big rule set), topic phrases, and the default rules' names
about as often as crisis coverage does. Both rule sets are compiled once, outside the timing; then
`match(compiled, item)` is timed over the same items, ROUNDS times, alternating the two rule sets
(the best round of each is the headline figure, the median is shown too).

What it prints: the workload (terms, distinct automaton keys, automaton outputs / kept hits /
candidate rules / fired rules per item for each rule set), compile times, per-item µs for 10
terms and for 10,000 terms, their RATIO measured in this run against the target (≤ 2×), and
PASS or MISS; then how much of each figure is fold() of the fields, which both pay, and the same
timing over 500 items of background text with no planted term (the automaton's own scaling,
apart from the per-hit and per-fired-rule work), and over 500 items whose hits are the same for both
(config.toml's names only, the 10,000-term set with config.toml's 10 terms among its own: what
10,000 terms cost on items with hits, apart from the hits they add); then the 10-term set again with `forms = ["ru",
"uk", "de"]` (inflected forms; items of unknown language, so every language is tried). On a miss, or with --profile, it profiles one
pass of the 10,000-term set with cProfile and prints the top entries.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import pstats
import random
import re
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _synthetic import TEN_TERM_RULES, Lexicon, Writer, big_rule_set, count_terms, make_item  # noqa: E402

from monitor.rules import compile_rules, fold, match  # noqa: E402
from monitor.rules.hits import Overflow  # noqa: E402
from monitor.rules.scanning import _automaton_pass, scan_field  # noqa: E402

TARGET = 2.0


def build_items(n: int, words: int, seed: int) -> list:
    lexicon = Lexicon()
    writer = Writer(lexicon, seed=seed)
    rng = random.Random(seed)
    defaults = ["Putin", "NATO", "Crimea", "Donbas", "Donbass", "Zelensky", "Zelenskyy", "Zelenskiy", "Krym",
                "Putin\u2019s", "NATO-led", "North Atlantic Alliance", "nato", "Crimean"]  # "Crimean": no hit
    items = []
    for i in range(n):
        entities = rng.sample(lexicon.entities, rng.randint(3, 10))
        extra = [rng.choice(defaults) for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3, 5]))]
        title, summary, body = writer.article(words, entities, extra)
        items.append(make_item(title, summary, body, i))
    return items


def stats(compiled, items) -> dict[str, float]:
    """Per-item workload figures (outside any timing)."""
    raw = kept = cand = fired = hits = 0
    for item in items:
        fields = {"title": item.title, "summary": item.summary, "body": item.body, "author": "",
                  "source": item.source}
        found: dict = {}
        for name, text in fields.items():
            if text and compiled.automaton is not None:
                automaton, scanned, _ = _automaton_pass(compiled, fold(text))
                raw += sum(1 for _ in automaton.iter(scanned))
            scan_field(compiled, name, text, found, Overflow())
        kept += sum(len(v) for per in found.values() for v in per.values())
        # The rules match() looks at: flat rules through their terms' hits, query rules through their
        # trigger keys, and those that can fire without a hit.
        flat = {use[0] for name, per in found.items() for k in per for use in compiled.flat_users.get(k, {}).get(name, ())}
        tree = {r for per in found.values() for k in per for r in compiled.tree_rules_by_key.get(k[0], ())}
        cand += len(flat | tree | set(compiled.always))
        matches = match(compiled, item)
        fired += len(matches)
        hits += sum(m.count for m in matches)
    n = len(items)
    return {"automaton outputs": raw / n, "kept hits": kept / n, "candidate rules": cand / n,
            "fired rules": fired / n, "hits in fired rules": hits / n}


def one_pass(compiled, items) -> float:
    gc.collect()
    start = time.perf_counter()
    for item in items:
        match(compiled, item)
    return time.perf_counter() - start


def fold_pass(items) -> float:
    """What both rule sets pay whatever the rules: folding the five fields (the automaton pass aside)."""
    gc.collect()
    start = time.perf_counter()
    for item in items:
        for text in (item.title, item.summary, item.body, item.author or "", item.source):
            if text:
                fold(text)
    return time.perf_counter() - start


def callgrind(items: int, words: int, seed: int) -> int:
    """Instructions per item of match with each rule set, each counted in its own valgrind process."""
    counts = {}
    for label in ("small", "big"):
        command = ["valgrind", "--tool=callgrind", "--toggle-collect=functools_reduce", "--callgrind-out-file=/dev/null",
                   sys.executable, __file__, "--count-pass", label, "--items", str(items), "--words", str(words),
                   "--seed", str(seed)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        found = re.search(r"Collected : ([\d,]+)", done.stderr)
        if found is None:
            print(done.stderr[-2000:])
            return 1
        counts[label] = int(found.group(1).replace(",", "")) / items
    print(f"bench_match --callgrind: {items} items, instructions per item of match()")
    print(f"  10 terms:      {counts['small'] / 1000:8.0f}k")
    print(f"  10,000 terms:  {counts['big'] / 1000:8.0f}k")
    ratio = counts["big"] / counts["small"]
    print(f"  RATIO 10,000 / 10 terms: {ratio:.2f}×   target ≤ {TARGET:.0f}×   {'PASS' if ratio <= TARGET else 'MISS'}")
    return 0


def count_pass(label: str, items_n: int, words: int, seed: int) -> int:
    """One rule set's matching inside functools.reduce: what --callgrind's valgrind counts."""
    items = build_items(items_n, words, seed)
    compiled = compile_rules(list(TEN_TERM_RULES) if label == "small" else big_rule_set(Lexicon()))
    for item in items[:10]:
        match(compiled, item)  # warm: caches, the interpreter's specialised instructions
    functools.reduce(lambda fired, item: fired + len(match(compiled, item)), items, 0)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, help="default 2000; 100 with --callgrind")
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--profile", action="store_true", help="profile the 10,000-term pass even on a pass")
    parser.add_argument("--callgrind", action="store_true", help="count instructions under valgrind instead of timing")
    parser.add_argument("--count-pass", choices=("small", "big"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.items = args.items or (100 if args.callgrind else 2000)
    if args.count_pass:
        return count_pass(args.count_pass, args.items, args.words, args.seed)
    if args.callgrind:
        return callgrind(args.items, args.words, args.seed)

    t0 = time.perf_counter()
    items = build_items(args.items, args.words, args.seed)
    big_rules = big_rule_set(Lexicon())
    gen_s = time.perf_counter() - t0
    small_rules = list(TEN_TERM_RULES)

    compile_times = []
    for _ in range(3):
        t = time.perf_counter()
        big = compile_rules(big_rules)
        compile_times.append(time.perf_counter() - t)
    t = time.perf_counter()
    small = compile_rules(small_rules)
    small_compile = time.perf_counter() - t

    words = statistics.mean(len(i.body.split()) for i in items)
    print(f"bench_match: {len(items)} items, body {words:.0f} words on average "
          f"({statistics.mean(len(i.body) for i in items):.0f} chars), generated in {gen_s:.1f} s")
    print(f"  big rule set:   {len(big_rules)} rules, {count_terms(big_rules)} terms, "
          f"{len(big.leaves_by_key)} distinct automaton keys, {sum(1 for r in big_rules if r.query)} query rules")
    print(f"  small rule set: {len(small_rules)} rules (config.toml's, two more spellings), {count_terms(small_rules)} terms")
    print(f"  compile_rules, 10,000 terms: {min(compile_times) * 1000:.1f} ms (best of 3); "
          f"10 terms: {small_compile * 1000:.2f} ms")

    print("\nworkload per item (same items for both):")
    s_small, s_big = stats(small, items), stats(big, items)
    for key in s_small:
        print(f"  {key:<22} 10 terms: {s_small[key]:8.2f}   10,000 terms: {s_big[key]:8.2f}")

    one_pass(small, items[:200])  # warm-up
    one_pass(big, items[:200])
    times: dict[str, list[float]] = {"small": [], "big": []}
    for r in range(args.rounds):
        order = [("small", small), ("big", big)] if r % 2 == 0 else [("big", big), ("small", small)]
        for label, compiled in order:
            times[label].append(one_pass(compiled, items))
    n = len(items)
    best_small, best_big = min(times["small"]) / n * 1e6, min(times["big"]) / n * 1e6
    med_small, med_big = statistics.median(times["small"]) / n * 1e6, statistics.median(times["big"]) / n * 1e6
    ratio, med_ratio = best_big / best_small, med_big / med_small
    print(f"\nmatch() per item, best of {args.rounds} rounds (median in brackets):")
    print(f"  10 terms:      {best_small:8.1f} µs  ({med_small:.1f})")
    print(f"  10,000 terms:  {best_big:8.1f} µs  ({med_big:.1f})")
    verdict = "PASS" if ratio <= TARGET else "MISS"
    print(f"  RATIO 10,000 / 10 terms: {ratio:.2f}×  (median {med_ratio:.2f}×)   target ≤ {TARGET:.0f}×   {verdict}")
    fold_us = min(fold_pass(items) for _ in range(3)) / n * 1e6
    ascii_share = sum(item.body.isascii() for item in items) / n
    print(f"  of which fold() of the fields, paid by both: {fold_us:.1f} µs per item "
          f"({100 * (1 - ascii_share):.0f}% of bodies have a non-ASCII character: curly quotes, dashes)")
    if best_small > fold_us:
        print(f"  ratio of the rest (match minus fold): {(best_big - fold_us) / (best_small - fold_us):.1f}×")
    # The same measurement on background text alone (no name, topic or default term planted):
    # what the automaton pass costs with 10,000 keys when next to nothing is found.
    plain_writer = Writer(Lexicon(), seed=args.seed + 1, topic_rate=0.0)
    plain = [make_item(*plain_writer.article(args.words), 100_000 + i) for i in range(min(500, n))]
    p_small = min(one_pass(small, plain) for _ in range(3)) / len(plain) * 1e6
    p_big = min(one_pass(big, plain) for _ in range(3)) / len(plain) * 1e6
    p_stats = stats(big, plain)
    print(f"  same-length items with no planted term ({len(plain)}; {p_stats['kept hits']:.2f} kept hits, "
          f"{p_stats['fired rules']:.2f} fired rules per item with 10,000 terms): "
          f"10 terms {p_small:.1f} µs, 10,000 terms {p_big:.1f} µs, ratio {p_big / p_small:.2f}×")
    # Items with hits, the same hits for both: only config.toml's names planted (1 to 5 a body), and
    # the 10,000-term set with config.toml's 10 terms among its own. What 10,000 terms cost apart
    # from the hits they find: the headline's items give them 12 times more hits to file and fire.
    rng = random.Random(args.seed + 2)
    same_writer = Writer(Lexicon(), seed=args.seed + 2, topic_rate=0.0)
    defaults = [t for rule in small_rules for t in rule.terms]
    same = [make_item(*same_writer.article(args.words, (), [rng.choice(defaults) for _ in range(rng.randint(1, 5))]),
                      200_000 + i) for i in range(min(500, n))]
    both = compile_rules(big_rules + small_rules)
    one_pass(both, same[:100])
    same_us_small = min(one_pass(small, same) for _ in range(3)) / len(same) * 1e6
    same_us_big = min(one_pass(both, same) for _ in range(3)) / len(same) * 1e6
    same_small, same_big = stats(small, same), stats(both, same)
    print(f"  items with the same hits for both ({len(same)}; config.toml's names only: kept hits "
          f"{same_small['kept hits']:.2f} and {same_big['kept hits']:.2f}, fired rules {same_small['fired rules']:.2f} and "
          f"{same_big['fired rules']:.2f} per item; the 10,000 with the 10 among them): 10 terms {same_us_small:.1f} µs, "
          f"10,010 terms {same_us_big:.1f} µs, ratio {same_us_big / same_us_small:.2f}×")
    print(f"  throughput with 10,000 terms: {1e6 / best_big:,.0f} items/s on one core")
    # What a rule pays for inflected forms: the same 10 terms, every one of them taking forms.
    t = time.perf_counter()
    forms = compile_rules([replace(r, forms=("ru", "uk", "de")) for r in small_rules])
    forms_compile = time.perf_counter() - t
    one_pass(forms, items[:200])
    f_small = min(one_pass(forms, items) for _ in range(3)) / n * 1e6
    without_forms = min(one_pass(small, items) for _ in range(3)) / n * 1e6
    print(f"  10 terms with forms = ru, uk, de: {f_small:.1f} µs (without: {without_forms:.1f} µs, "
          f"{f_small / without_forms:.2f}×); compiled in {forms_compile:.2f} s (the Ukrainian dictionary read once)")

    if args.profile or ratio > TARGET:
        profiler = cProfile.Profile()
        profiler.enable()
        for item in items:
            match(big, item)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print("\ncProfile, one pass with 10,000 terms, top 15 by own time:")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
