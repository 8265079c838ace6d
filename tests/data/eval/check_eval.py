#!/usr/bin/env python3
"""Self-check for the labelled evaluation set in this directory.

Run from the repository root:  python3 tests/data/eval/check_eval.py

Validates articles.jsonl (fields, ids, urls, timestamps, update_of links, HTML
structure, body length), re-derives every item's alerts with a reference
whole-word matcher over title + article body and compares them with the labels,
checks that items sharing a story label are near-duplicates and that items with
different labels are not, and prints counts per category / note.

The "hard:" categories are deliberately close to the story-similarity threshold, so the
near-duplicate / distinct limits above do not fit them. They get their own, structural checks
(see HARD_* below): a trimmed wire copy keeps >= 2 of its original's paragraphs verbatim and adds
at most one of its own; two reports sharing a quote, or a roundup quoting a wire paragraph, share
exactly one verbatim passage of bounded length and (almost) nothing else.
Exits with status 1 if any check fails. Standard library only.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles.jsonl"
RULES = HERE / "rules.toml"

REQUIRED = {"id", "source", "url", "title", "author", "published", "kind", "content",
            "story", "alerts", "note"}
OPTIONAL = {"update_of", "event"}
ITALIAN_NOTE = "italian nato trap (needs case-sensitive NATO)"
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}

# thresholds on 5-word shingles of the article body
COPY_MIN_CONTAINMENT = 0.80   # same story: share of the smaller text found in the other
COPY_MIN_JACCARD = 0.70       # same story, wire copies and url variants (any two copies)
COPY_VS_FIRST_MIN_JACCARD = 0.80  # each copy vs the first-published item of its story
DISTINCT_MAX_JACCARD = 0.10   # different stories must not look like copies
EVENT_MAX_SHARED = 0.08       # same event, independent reports: containment ceiling

# "hard:" categories (note prefix), checked structurally instead of with the limits above
HARD_TRIM = "hard: trimmed wire copy"        # one wire story, copies heavily edited
HARD_QUOTE = "hard: shared quote"            # independent reports quoting one statement verbatim
HARD_ROUNDUP = "hard: roundup quoting wire"  # roundup / live page quoting one full wire paragraph
TRIM_MIN_KEPT_PARAS = 2       # a trimmed copy keeps >= 2 of the original's paragraphs verbatim (dateline aside)
TRIM_MAX_OWN_PARAS = 1        # ... and adds at most one paragraph of its own (intro, rewritten lead, local)
TRIM_MIN_JACCARD = 0.25       # each copy vs the original (2 of 6 paragraphs + own intro is about 0.3)
TRIM_MIN_CONTAINMENT = 0.60   # each copy vs the original: share of the copy found in the original
TRIM_HARD_BELOW = 0.50        # every trimmed story has >= 1 copy under this Jaccard vs its original
QUOTE_WORDS = (50, 90)        # shared quote: one "..." passage of 50-90 words found in both reports
ROUNDUP_QUOTE_WORDS = (40, 60)  # roundup: quotes one full wire paragraph of 40-60 words
ROUNDUP_PARAS = (5, 7)        # ... among 4-6 other paragraphs of its own
HARD_MAX_JACCARD = 0.30       # different stories sharing one passage: Jaccard ceiling
HARD_MAX_OTHER_SHARED = 5     # shared 5-grams outside that passage (incidental phrases) at most

errors: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


# ----------------------------------------------------------------- rules
def load_rules(path: Path) -> list[tuple[str, list[str]]]:
    text = path.read_text(encoding="utf-8")
    try:
        import tomllib  # Python 3.11+
        data = tomllib.loads(text)
    except ModuleNotFoundError:  # minimal fallback for the simple [[rules]] form
        data, cur = {"rules": []}, None
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line == "[[rules]]":
                cur = {}
                data["rules"].append(cur)
            elif "=" in line and cur is not None:
                k, v = (s.strip() for s in line.split("=", 1))
                cur[k] = json.loads(v)
    return [(r["name"], list(r["terms"])) for r in data["rules"]]


def tokens(text: str) -> list[str]:
    """Case-folded word tokens; apostrophes, hyphens and punctuation split words."""
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())


def match(text: str, rules) -> set[str]:
    toks = tokens(text)
    hits = set()
    for name, terms in rules:
        for term in terms:
            tt = tokens(term)
            n = len(tt)
            if n and any(toks[i:i + n] == tt for i in range(len(toks) - n + 1)):
                hits.add(name)
                break
    return hits


# ----------------------------------------------------------------- html
class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags = Counter()
        self.in_article = 0
        self.in_p = 0
        self.skip = 0  # inside <head>/<script>/<style>
        self.article_paras: list[str] = []
        self.chrome: list[str] = []
        self._p: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in ("head", "script", "style"):
            self.skip += 1
        if tag == "article":
            self.in_article += 1
        if tag == "p" and self.in_article:
            self.in_p += 1
            self._p = []

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack[-1] != tag:
                    self.stack.pop()
            else:
                return
        self.stack.pop()
        if tag in ("head", "script", "style"):
            self.skip -= 1
        if tag == "p" and self.in_p:
            self.in_p -= 1
            self.article_paras.append(" ".join("".join(self._p).split()))
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_p:
            self._p.append(data)
        elif not self.in_article:
            self.chrome.append(data)


def parse_html(content: str):
    p = PageParser()
    p.feed(content)
    p.close()
    if p.stack:
        p.problems.append(f"unclosed tags: {p.stack}")
    return p


# ----------------------------------------------------------------- helpers
def normalize_url(url: str) -> str:
    s = urlsplit(url)
    q = [(k, v) for k, v in parse_qsl(s.query, keep_blank_values=True) if not TRACKING.match(k)]
    return urlunsplit(("https", s.netloc.lower(), s.path, urlencode(q), ""))


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    t = tokens(text)
    return {tuple(t[i:i + k]) for i in range(max(0, len(t) - k + 1))}


def jaccard(a, b) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def containment(a, b) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]*(?:, [A-Z][a-z]+)*(?: \d{1,2})?(?: \([^)]*\))? \u2014 ")


def para_key(paragraph: str) -> tuple[str, ...]:
    """A paragraph's words with a wire dateline ("KYIV, Feb 2 (Eastern Europe Wire) — ") removed."""
    return tuple(tokens(_DATELINE.sub("", paragraph)))


def longest_run(a: list[str], b: list[str]) -> tuple[int, int]:
    """Length and start (in a) of the longest common run of words of a and b."""
    best, start, prev = 0, 0, [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, start = cur[j], i - cur[j]
        prev = cur
    return best, start


def one_passage(a: dict, b: dict) -> tuple[int, int]:
    """(words in the longest verbatim passage a and b share, their shared 5-grams outside it)."""
    n, start = longest_run(a["_tok"], b["_tok"])
    run = a["_tok"][start:start + n]
    inside = {tuple(run[i:i + 5]) for i in range(max(0, n - 4))}
    return n, len((a["_sh"] & b["_sh"]) - inside)


def category(note: str) -> str:
    if note == ITALIAN_NOTE:
        return "trap"
    head = note.split(":", 1)[0].strip()
    if head == "hard":  # "hard: <kind>: details" -> "hard: <kind>"
        return "hard: " + note.split(":")[1].strip()
    if head.startswith("follow-up"):
        return "follow-up"
    return head


# ----------------------------------------------------------------- main
def main() -> int:
    rules = load_rules(RULES)
    rule_names = {n for n, _ in rules}
    required_rules = {"donbas", "nato", "crimea", "zelenskyy", "putin", "ukraine"}
    if not required_rules <= rule_names:
        err(f"rules.toml misses rules: {sorted(required_rules - rule_names)}")

    items = []
    for ln, line in enumerate(ARTICLES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            err(f"line {ln}: blank line")
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as e:
            err(f"line {ln}: invalid JSON: {e}")
    by_id = {}
    for it in items:
        iid = it.get("id", "?")
        keys = set(it)
        if REQUIRED - keys:
            err(f"{iid}: missing fields {sorted(REQUIRED - keys)}")
            continue
        if keys - REQUIRED - OPTIONAL:
            err(f"{iid}: unknown fields {sorted(keys - REQUIRED - OPTIONAL)}")
        if iid in by_id:
            err(f"duplicate id {iid}")
        by_id[iid] = it
        for f in ("id", "source", "url", "title", "published", "kind", "content", "story",
                  "note"):
            if not isinstance(it[f], str) or not it[f].strip():
                err(f"{iid}: field {f} must be a non-empty string")
        if it["author"] is not None and not isinstance(it["author"], str):
            err(f"{iid}: author must be string or null")
        if not isinstance(it["alerts"], list) or not all(isinstance(a, str) for a in it["alerts"]):
            err(f"{iid}: alerts must be a list of strings")
        elif set(it["alerts"]) - rule_names:
            err(f"{iid}: unknown rules in alerts {sorted(set(it['alerts']) - rule_names)}")
        elif len(set(it["alerts"])) != len(it["alerts"]):
            err(f"{iid}: duplicate alerts")
        # url
        s = urlsplit(it["url"])
        host = (s.hostname or "").lower()
        if s.scheme not in ("http", "https") or not host or " " in it["url"]:
            err(f"{iid}: invalid url {it['url']}")
        if not re.search(r"(^|\.)example\.(org|com|net)$", host):
            err(f"{iid}: url host {host} not under example.org/.com/.net")
        # timestamp
        try:
            ts = datetime.fromisoformat(it["published"])
            if ts.tzinfo is None:
                err(f"{iid}: published has no time zone")
            it["_ts"] = ts
        except ValueError:
            err(f"{iid}: bad published {it['published']!r}")
            it["_ts"] = None
        # body
        if it["kind"] == "text":
            if re.search(r"<(html|p|article|div)\b", it["content"], re.I):
                err(f"{iid}: text item contains HTML markup")
            paras = [p for p in it["content"].split("\n\n")]
            if any(not p.strip() or p != p.strip() for p in paras):
                err(f"{iid}: empty or untrimmed paragraph in text content")
            it["_body"] = "\n\n".join(paras)
            it["_chrome"] = ""
        elif it["kind"] == "html":
            p = parse_html(it["content"])
            for prob in p.problems:
                err(f"{iid}: html: {prob}")
            for tag in ("html", "body", "nav", "article", "footer", "aside"):
                if p.tags[tag] < 1:
                    err(f"{iid}: html lacks <{tag}>")
            if p.tags["article"] != 1:
                err(f"{iid}: html must have exactly one <article>")
            if not p.article_paras:
                err(f"{iid}: <article> has no <p> paragraphs")
            chrome = " ".join(" ".join(p.chrome).split())
            if "Related stories" not in chrome:
                err(f"{iid}: html lacks a 'Related stories' box")
            it["_body"] = "\n\n".join(p.article_paras)
            it["_chrome"] = chrome
        else:
            err(f"{iid}: kind must be 'text' or 'html'")
            it["_body"], it["_chrome"] = "", ""
        words = len(it["_body"].split())
        if not 120 <= words <= 350:
            err(f"{iid}: article body has {words} words (want 120-350)")
        it["_words"] = words
        # alerts re-derived over title + article body
        got = match(it["title"] + "\n\n" + it["_body"], rules)
        want = set(it["alerts"]) if isinstance(it["alerts"], list) else set()
        if it["note"] == ITALIAN_NOTE:
            if "nato" not in got:
                err(f"{iid}: italian trap text should match case-insensitive NATO")
            got.discard("nato")
        if got != want:
            err(f"{iid}: alerts {sorted(want)} but reference matcher gives {sorted(got)}")
        it["_chrome_only"] = match(it["_chrome"], rules) - got if it["_chrome"] else set()
        it["_sh"] = shingles(it["_body"])
        it["_tok"] = tokens(it["_body"])
        it["_paras"] = [p for p in it["_body"].split("\n\n") if p.strip()]

    if len(items) < 90:
        err(f"only {len(items)} items (want >= 90)")

    # update_of links
    for it in items:
        if "update_of" not in it:
            continue
        orig = by_id.get(it["update_of"])
        if orig is None:
            err(f"{it['id']}: update_of {it['update_of']} does not exist")
            continue
        if orig is it:
            err(f"{it['id']}: update_of points to itself")
        if orig["url"] != it["url"]:
            err(f"{it['id']}: update has a different url from {orig['id']}")
        if orig["story"] != it["story"]:
            err(f"{it['id']}: update has a different story label from {orig['id']}")
        if it["_ts"] and orig["_ts"] and it["_ts"] < orig["_ts"]:
            err(f"{it['id']}: update published before its original {orig['id']}")
        if orig["content"] == it["content"] and orig["title"] == it["title"]:
            err(f"{it['id']}: update identical to original {orig['id']}")

    # url variants must share a story label
    by_norm = defaultdict(list)
    for it in items:
        by_norm[normalize_url(it["url"])].append(it)
    for group in by_norm.values():
        if len({g["story"] for g in group}) > 1:
            err("same normalised url, different stories: " + ", ".join(g["id"] for g in group))

    # stories
    stories = defaultdict(list)
    for it in items:
        stories[it["story"]].append(it)
    print(f"{len(items)} items, {len(stories)} story labels, "
          f"{sum(1 for v in stories.values() if len(v) > 1)} with more than one item\n")
    print("Story labels with more than one item (min Jaccard / min containment of 5-word shingles;"
          " 'hard: trimmed wire copy' stories listed further down):")
    for label, group in sorted(stories.items()):
        if len(group) < 2:
            continue
        is_update = any("update_of" in g for g in group)
        if any(category(g["note"]) == HARD_TRIM for g in group):
            continue  # checked below with the trimmed-copy limits
        pairs = list(combinations(group, 2))
        mj = min(jaccard(a["_sh"], b["_sh"]) for a, b in pairs)
        mc = min(containment(a["_sh"], b["_sh"]) for a, b in pairs)
        kinds = "".join("H" if g["kind"] == "html" else "t" for g in group)
        print(f"  {label:32s} n={len(group)} [{kinds}] jaccard>={mj:.2f} containment>={mc:.2f}"
              f"  ids={','.join(g['id'] for g in group)}")
        if len({g["source"] for g in group}) == 1 and not is_update and \
                len({normalize_url(g['url']) for g in group}) > 1:
            err(f"story {label}: several items from one source at unrelated urls")
        if mc < COPY_MIN_CONTAINMENT:
            err(f"story {label}: copies share too little text (containment {mc:.2f})")
        if not is_update and mj < COPY_MIN_JACCARD:
            err(f"story {label}: copies differ too much (jaccard {mj:.2f})")
        if not is_update:
            first = min(group, key=lambda g: (g["_ts"], g["id"]))
            for g in group:
                j = jaccard(first["_sh"], g["_sh"])
                if g is not first and j < COPY_VS_FIRST_MIN_JACCARD:
                    err(f"story {label}: {g['id']} shares only {j:.2f} with first copy {first['id']}")

    # different labels must not be near-duplicates
    # (except the hard cases built to share one passage: a quote, or a quoted wire paragraph)
    trim_stories = {it["story"] for it in items if category(it["note"]) == HARD_TRIM}

    def passage_pair(a: dict, b: dict) -> bool:
        ca, cb = category(a["note"]), category(b["note"])
        if ca == cb == HARD_QUOTE:
            return a.get("event") is not None and a.get("event") == b.get("event")
        return (ca == HARD_ROUNDUP and b["story"] in trim_stories) or \
            (cb == HARD_ROUNDUP and a["story"] in trim_stories)

    worst = (0.0, None, None)
    worst_plain = (0.0, None, None)
    for a, b in combinations(items, 2):
        if a["story"] == b["story"]:
            continue
        j = jaccard(a["_sh"], b["_sh"])
        if j > worst[0]:
            worst = (j, a["id"], b["id"])
        hard_pair = passage_pair(a, b)
        if not hard_pair and j > worst_plain[0]:
            worst_plain = (j, a["id"], b["id"])
        if j > DISTINCT_MAX_JACCARD and not hard_pair:
            err(f"{a['id']} ({a['story']}) and {b['id']} ({b['story']}) look like copies: {j:.2f}")
        elif j > DISTINCT_MAX_JACCARD:
            n, other = one_passage(a, b)
            if j > HARD_MAX_JACCARD or other > HARD_MAX_OTHER_SHARED:
                err(f"{a['id']} and {b['id']} (hard case, one shared passage): Jaccard {j:.2f}, "
                    f"{other} shared 5-grams outside their common {n}-word passage "
                    f"(limits {HARD_MAX_JACCARD}, {HARD_MAX_OTHER_SHARED})")
    print(f"\nMax Jaccard between items of different stories: {worst[0]:.3f} ({worst[1]}, {worst[2]});"
          f" without the hard shared-passage pairs: {worst_plain[0]:.3f} ({worst_plain[1]}, {worst_plain[2]})")

    # same-event independent reports
    events = defaultdict(list)
    for it in items:
        if "event" in it:
            events[it["event"]].append(it)
    print("\nEvents (independent reports; shared 5-word shingles, containment):")
    for ev, group in sorted(events.items()):
        line = f"  {ev:38s} n={len(group)} stories={len({g['story'] for g in group})}"
        for a, b in combinations(group, 2):
            c = containment(a["_sh"], b["_sh"])
            line += f"  {a['id']}~{b['id']}: {len(a['_sh'] & b['_sh'])} shared, {c:.3f}"
            if a["story"] == b["story"]:
                err(f"event {ev}: independent reports {a['id']}, {b['id']} share a story label")
            if a["source"] == b["source"] and a["_ts"].date() == b["_ts"].date():
                err(f"event {ev}: independent reports should come from different outlets")
            if category(a["note"]) == category(b["note"]) == HARD_QUOTE:
                continue  # one shared quote by design: checked below
            if c > EVENT_MAX_SHARED:
                err(f"event {ev}: {a['id']} and {b['id']} share too much wording ({c:.3f})")
        print(line)

    # ------------------------------------------------------------- hard cases
    quoted = re.compile(r'"([^"]+)"')
    quote_events = defaultdict(list)
    for it in items:
        if category(it["note"]) == HARD_QUOTE:
            if "event" not in it:
                err(f"{it['id']}: shared-quote report without an event")
            else:
                quote_events[it["event"]].append(it)
    print(f"\nHard: shared quote (Jaccard, containment, quote words, other shared 5-grams;"
          f" limits: quote {QUOTE_WORDS[0]}-{QUOTE_WORDS[1]} words, Jaccard <= {HARD_MAX_JACCARD},"
          f" other <= {HARD_MAX_OTHER_SHARED}):")
    quote_ok = 0
    for ev, group in sorted(quote_events.items()):
        if len(group) != 2 or group[0]["source"] == group[1]["source"]:
            err(f"event {ev}: shared quote needs exactly two reports from different outlets")
            continue
        a, b = group
        qa = {tuple(tokens(q)) for q in quoted.findall(a["_body"])}
        common = [q for q in qa if q in {tuple(tokens(q)) for q in quoted.findall(b["_body"])}]
        qn = max((len(q) for q in common), default=0)
        q = max(common, key=len) if common else ()
        inside = {q[i:i + 5] for i in range(max(0, len(q) - 4))}
        other = len((a["_sh"] & b["_sh"]) - inside)
        j, c = jaccard(a["_sh"], b["_sh"]), containment(a["_sh"], b["_sh"])
        print(f"  {ev:38s} {a['id']}~{b['id']}: {j:.3f}, {c:.3f}, quote {qn} words, other {other}")
        ok = True
        if not QUOTE_WORDS[0] <= qn <= QUOTE_WORDS[1]:
            err(f"event {ev}: no common quoted passage of {QUOTE_WORDS[0]}-{QUOTE_WORDS[1]} words ({qn})")
            ok = False
        if other > HARD_MAX_OTHER_SHARED or j > HARD_MAX_JACCARD:
            err(f"event {ev}: {a['id']}, {b['id']} share more than the quote (Jaccard {j:.2f}, other {other})")
            ok = False
        for it in (a, b):
            if not 180 <= it["_words"] <= 300:
                err(f"{it['id']}: shared-quote report should have 180-300 words ({it['_words']})")
                ok = False
        quote_ok += ok

    print(f"\nHard: trimmed wire copies vs the original (Jaccard, containment, paragraphs kept + own;"
          f" limits: kept >= {TRIM_MIN_KEPT_PARAS}, own <= {TRIM_MAX_OWN_PARAS},"
          f" Jaccard >= {TRIM_MIN_JACCARD}, containment >= {TRIM_MIN_CONTAINMENT},"
          f" >= 1 copy under {TRIM_HARD_BELOW}):")
    originals = {}
    trim_ok = 0
    for label in sorted(trim_stories):
        group = stories[label]
        orig = min(group, key=lambda g: (g["_ts"], g["id"]))
        originals[label] = orig
        if "original" not in orig["note"] or not 5 <= len(orig["_paras"]) <= 7:
            err(f"story {label}: first item {orig['id']} should be the 5-7 paragraph original")
        if len({g["source"] for g in group}) != len(group) or not 3 <= len(group) <= 4:
            err(f"story {label}: want 2-3 copies from distinct outlets besides the original")
        keys = [para_key(p) for p in orig["_paras"]]
        low = 1.0
        line = f"  {label:28s} original {orig['id']} ({len(keys)} paragraphs):"
        for g in sorted(group, key=lambda g: g["id"]):
            if g is orig:
                continue
            if category(g["note"]) != HARD_TRIM:
                err(f"{g['id']}: copy in a trimmed-wire story should have a '{HARD_TRIM}' note")
            pos = [keys.index(para_key(p)) if para_key(p) in keys else None for p in g["_paras"]]
            kept = [x for x in pos if x is not None]
            own = len(pos) - len(kept)
            j, c = jaccard(orig["_sh"], g["_sh"]), containment(orig["_sh"], g["_sh"])
            low = min(low, j)
            line += f"  {g['id']} {j:.3f}/{c:.2f} kept {len(kept)} + own {own};"
            if len(kept) < TRIM_MIN_KEPT_PARAS or own > TRIM_MAX_OWN_PARAS or kept != sorted(set(kept)):
                err(f"{g['id']}: trimmed copy should keep >= {TRIM_MIN_KEPT_PARAS} original paragraphs in order"
                    f" and add <= {TRIM_MAX_OWN_PARAS} of its own (kept {kept}, own {own})")
            if j < TRIM_MIN_JACCARD or c < TRIM_MIN_CONTAINMENT:
                err(f"{g['id']}: shares too little with original {orig['id']} ({j:.2f}, {c:.2f})")
        print(line.rstrip(";"))
        if low >= TRIM_HARD_BELOW:
            err(f"story {label}: no copy under {TRIM_HARD_BELOW} Jaccard vs the original: not a hard case")
        else:
            trim_ok += 1

    print(f"\nHard: roundups quoting one wire paragraph (paragraphs, quoted words, Jaccard vs original;"
          f" limits: {ROUNDUP_PARAS[0]}-{ROUNDUP_PARAS[1]} paragraphs, quote {ROUNDUP_QUOTE_WORDS[0]}-"
          f"{ROUNDUP_QUOTE_WORDS[1]} words):")
    roundup_ok = 0
    for it in items:
        if category(it["note"]) != HARD_ROUNDUP:
            continue
        found = []
        for label, orig in originals.items():
            for op in orig["_paras"]:
                k = para_key(op)
                for rp in it["_paras"]:
                    rt = tuple(tokens(rp))
                    if any(rt[i:i + len(k)] == k for i in range(len(rt) - len(k) + 1)):
                        found.append((label, orig, len(k)))
        if len(found) != 1:
            err(f"{it['id']}: roundup should quote exactly one full wire paragraph (found {len(found)})")
            continue
        label, orig, n = found[0]
        j = jaccard(it["_sh"], orig["_sh"])
        print(f"  {it['id']} ({len(it['_paras'])} paragraphs) quotes {n} words of {label} ({orig['id']}): {j:.3f}")
        if it["story"] == label or not ROUNDUP_PARAS[0] <= len(it["_paras"]) <= ROUNDUP_PARAS[1] or \
                not ROUNDUP_QUOTE_WORDS[0] <= n <= ROUNDUP_QUOTE_WORDS[1]:
            err(f"{it['id']}: roundup outside its limits (story {it['story']}, {len(it['_paras'])} paragraphs,"
                f" {n} quoted words)")
        else:
            roundup_ok += 1

    # ------------------------------------------------------------- counts
    cats = Counter(category(it["note"]) for it in items)
    notes = Counter(it["note"] for it in items)
    print("\nItems per category:")
    for k, v in sorted(cats.items()):
        print(f"  {k:20s} {v}")
    print("\nItems per note:")
    for k, v in sorted(notes.items()):
        print(f"  {v:3d}  {k}")

    wire = [g for g in stories.values()
            if any(category(x["note"]) == "wire copy" for x in g)]
    wire_ok = [g for g in wire if 3 <= len(g) <= 5 and len({x["source"] for x in g}) == len(g)]
    url_pairs = [g for g in stories.values()
                 if any(category(x["note"]) == "url variant" for x in g)]
    upd = [it for it in items if "update_of" in it]
    upd_kw = [it for it in upd if set(it["alerts"]) - set(by_id[it["update_of"]]["alerts"])]
    ev_ok = [g for g in events.values()
             if len(g) >= 2 and len({x["source"] for x in g}) >= 2]
    follow = [it for it in items if category(it["note"]) == "follow-up"]
    chrome_traps = [it for it in items if it["kind"] == "html"
                    and it["_chrome_only"] & {"donbas", "nato", "crimea"}]
    html_items = [it for it in items if it["kind"] == "html"]

    def has(pattern, field="both"):
        rx = re.compile(pattern)
        return [it for it in items if rx.search(it["title"] + "\n" + it["_body"])]

    italian = [it for it in items if it["note"] == ITALIAN_NOTE]
    unrelated = [it for it in items if not it["alerts"] and category(it["note"]) == "unrelated"]
    allcaps = [it for it in items if it["title"].isupper() and it["alerts"]]
    checks = [
        ("wire stories with 3-5 copies from distinct outlets", len(wire_ok), 12),
        ("url-variant stories", len(url_pairs), 6),
        ("updates (update_of)", len(upd), 6),
        ("updates where a keyword appears only in the revision", len(upd_kw), 2),
        ("same-event events with >=2 outlets", len(ev_ok), 8),
        ("follow-ups a day later", len(follow), 2),
        ("'senators' trap items without nato", len([i for i in has(r"(?i)\bsenators\b")
                                                    if "nato" not in i["alerts"]]), 1),
        ("'Donato' trap items without nato", len([i for i in has(r"\bDonato\b")
                                                  if "nato" not in i["alerts"]]), 1),
        ("italian nato trap items (exactly 1)", len(italian), 1),
        ("football-team 'Ukraine' items", len([i for i in items if i["source"] == "sports-daily"
                                               and "ukraine" in i["alerts"]]), 1),
        ("html items with Donbas/NATO/Crimea only in chrome", len(chrome_traps), 3),
        ("curly NATO\u2019s", len(has("NATO\u2019s")), 1),
        ("curly Zelenskyy\u2019s (or &rsquo;)", len(has("Zelenskyy\u2019s")), 1),
        ("hyphenated pro-NATO", len(has(r"pro-NATO")), 1),
        ("all-caps headlines with an alert", len(allcaps), 1),
        ("unrelated items without alerts", len(unrelated), 3),
        ("html items", len(html_items), 10),
        ("hard: shared-quote events (2 outlets, one 50-90-word quote)", quote_ok, 5),
        ("hard: trimmed wire stories (a copy under 0.50 vs original)", trim_ok, 4),
        ("hard: roundups quoting one full wire paragraph", roundup_ok, 3),
    ]
    print("\nRequired mix (found / minimum):")
    for label, n, need in checks:
        flag = "ok" if n >= need else "MISSING"
        if label.startswith("italian") and n != 1:
            flag = "WRONG"
        print(f"  {label:55s} {n:3d} / {need:<3d} {flag}")
        if flag != "ok":
            err(f"mix: {label}: found {n}, need {need}")
    if italian and italian[0]["alerts"].count("nato"):
        err("italian trap must not be labelled nato")

    alert_counts = Counter(a for it in items for a in it["alerts"])
    print("\nItems per rule label:", dict(sorted(alert_counts.items())),
          f"| items with no alert: {sum(1 for it in items if not it['alerts'])}")
    print("Chrome-only keyword items:",
          ", ".join(f"{it['id']}({'/'.join(sorted(it['_chrome_only']))})" for it in chrome_traps))
    wc = [it["_words"] for it in items]
    print(f"Body words: min {min(wc)}, max {max(wc)}, mean {sum(wc) / len(wc):.0f}")

    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        return 1
    print("\nAll checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
