"""Deterministic synthetic news text, rule sets and items for bench_match, bench_cluster, bench_backtest.

Not a benchmark itself. Everything here is a pure function of its seed: the same arguments give the
same texts, rules and items on every machine and every run.

* `Lexicon(seed)` invents the named things articles talk about (people with spelling variants,
  places, organisations with acronyms, companies) and topic phrases ("grain exports"), none of
  which collide with the background vocabulary.
* `Writer(lexicon, seed)` writes news-like articles: ~600 words in paragraphs of sentences built
  from a Zipf-weighted vocabulary, with punctuation, quotes, curly apostrophes and dashes, and
  the entity mentions it is asked for (full name first, then surname or a variant, as a reporter
  does).
* `big_rule_set(lexicon)` builds 1,000 rules × 10 terms (names, variants, multi-word phrases,
  braced case-sensitive acronyms, prefix terms, and a few boolean `query` rules with AND/NOT/NEAR).
* `DEFAULT_RULES` are the 5 rules of config.toml (10 terms).
* `near_copy(...)` rewrites an article the way an outlet reprints a wire story.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Sequence, cast

import sqlite_utils

from monitor.dedupe import content_hash, text_hash
from monitor.models import Item, Rule
from storage.items import index_queued_text, merge_text_index

# --- background vocabulary (no rule term is drawn from these words) ------------------------------

FUNCTION = """the the the the the of of of of and and and to to to in in in a a a that for on said
with was as by at from its is it has have be are were an this which after but their not they had
will would also more than who been about into over other two one could should may might there
these those such any each both all no only very so if when where while because since until""".split()

CONTENT = """year officials government minister president talks forces troops military security
country city people week month report reports told statement according spokesman ministry
foreign defence defense alliance economic energy prices market markets bank central rates budget
parliament vote election party leader leaders opposition court ruling law police protest
protesters crowd thousands hundreds dozens residents villages hospital doctors health vaccine
cases winter heating supplies ports shipping sea northern southern eastern western capital
summit meeting negotiations diplomats envoy agreement observers mission monitoring international
united nations european union commission analysts experts warned warning risk threat crisis
tensions dialogue diplomacy pressure response measures package systems support training
instructors partners allies members countries denied claims accused allegations evidence
investigation journalists media television newspaper interview conference briefing
spokesperson announced confirmed expected planned scheduled postponed cancelled delayed reached
signed rejected approved proposed insisted stressed added noted described called urged asked
agreed refused promised vowed however meanwhile although despite across between against under
within without toward around nearly almost roughly some many most several few little much large
small major minor key main senior junior former current latest early late recent previous next
first second third last new old public private national regional local political social
financial legal official formal informal direct indirect possible likely unlikely clear unclear
strong weak high low long short full partial total annual monthly weekly daily overnight
morning evening afternoon night today yesterday tomorrow monday tuesday wednesday thursday
friday saturday sunday percent million billion dollars euros tonnes kilometres miles hours
minutes days weeks months years decade century history future plan plans policy policies
decision decisions issue issues question questions answer problem problems situation position
process progress result results effect effects impact change changes level levels number
numbers amount group groups team teams company companies industry industries sector workers
jobs wages families children schools students teachers universities farmers farms food water
power electricity fuel oil coal cars trains roads homes houses buildings streets areas region
regions district districts province provinces state states office offices board committee
council agency agencies service services network networks program programme project projects
system data information source sources document documents letter letters call calls visit
visits trip trips meeting meetings event events ceremony speech speeches remarks comments view
views opinion concern concerns fear fears hope hopes effort efforts attempt attempts move moves
step steps deal deals offer offers demand request requests proposal proposals plan talks round
session sessions hearing hearings trial trials case charge charges arrest arrests prison sentence
""".split()

_SYLLABLES = """ka ko va vo len ro mi dar pet ri lo se na ta bo du ze mar tel vin gor sla bre dan lu
mo ne pa sto chi ber gan fel hor jur kas lev mir nov ost pol rad sor tur vel yar zor ash bel cor
del fen gal hal ism jor kel lam mer nor orl pen ram sal tam ulm ven wil""".split()
_SURNAME_ENDS = ["enko", "chuk", "ov", "ova", "ski", "sky", "in", "ich", "uk", "ets", "son", "berg",
                 "man", "ez", "elli", "ard", "ani", "escu", "ides", "oglu"]
_PLACE_ENDS = ["ivka", "grad", "sk", "burg", "polis", "ovo", "ino", "iv", "ets", "ora", "ville", "stadt"]
_FIRST = """Olena Dmytro Anna Pavlo Iryna Oleksandr Maria Andriy Natalia Serhiy Kateryna Viktor
Yulia Mykola Sofia Taras Ivan Elena Sergei Olga Alexei Tatiana Mikhail Svetlana Nikolai James Mary
Robert Linda Michael Susan David Karen Thomas Sarah Daniel Emma Jean Claire Pierre Sophie Hans Greta
Klaus Anja Marco Giulia Luca Chiara Jan Ewa Piotr Agnieszka Tomas Jana Ahmed Fatima Omar Leila
Mehmet Ayse Hiroshi Yuki Wei Mei Carlos Lucia Pedro Ana Joao Rita Lars Ingrid Erik Astrid""".split()
_ROLES = ["President", "Minister", "General", "Governor", "Mayor", "Senator", "Ambassador", "Chancellor"]
_ORG_KINDS = ["Council", "Agency", "Institute", "Foundation", "Union", "Committee", "Bureau", "Authority",
              "Party", "Movement", "Front", "Commission"]
_ORG_ADJ = ["National", "Democratic", "Federal", "Central", "Eastern", "United", "Free", "Independent",
            "People's", "Civic", "Atlantic", "Northern", "Southern", "Baltic", "Black Sea", "Caspian"]
_COMPANY_KINDS = ["Holdings", "Group", "Energy", "Bank", "Steel", "Airlines", "Telecom", "Capital",
                  "Logistics", "Pharma", "Motors", "Media"]
_TOPIC_NOUNS = """exports imports pipeline pipelines sanctions tariffs inflation refugees ceasefire
shelling artillery drones mobilisation conscription blackout outage cyberattack hackers
disinformation propaganda corruption bribery embezzlement smuggling grain wheat fertiliser
uranium reactor enrichment vaccine outbreak floods wildfire drought heatwave earthquake
landslide strike walkout lockout bailout default devaluation recession stimulus subsidies
privatisation nationalisation referendum impeachment coup curfew martial evacuation shelter
blockade embargo quota visa asylum deportation extradition espionage treason""".split()
_TOPIC_ADJ = """natural liquefied nuclear cyber grain gas oil coal wheat food energy fuel arms
interest exchange border naval air missile chemical military migrant""".split()

# Words a rule of config.toml stands for, kept out of the generated vocabulary and names.
DEFAULT_TERMS = ("Donbas", "Donbass", "NATO", "Crimea", "Krym", "Zelenskyy", "Zelensky", "Zelenskiy", "Putin")

DEFAULT_RULES = (
    Rule("Donbas", terms=("Donbas", "Donbass")),
    Rule("NATO", terms=("NATO",)),
    Rule("Crimea", terms=("Crimea",)),
    Rule("Zelenskyy", terms=("Zelenskyy", "Zelensky", "Zelenskiy")),
    Rule("Putin", terms=("Putin",)),
)

# The same five rules with two more spellings: the "10 terms" baseline of bench_match.
TEN_TERM_RULES = (
    Rule("Donbas", terms=("Donbas", "Donbass")),
    Rule("NATO", terms=("NATO", "North Atlantic Alliance")),
    Rule("Crimea", terms=("Crimea", "Krym")),
    Rule("Zelenskyy", terms=("Zelenskyy", "Zelensky", "Zelenskiy")),
    Rule("Putin", terms=("Putin",)),
)

ANCHOR = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def _variants(name: str) -> list[str]:
    """Transliteration variants of a name (Zelenskyy / Zelensky / Zelenskiy)."""
    swaps = [("sky", "ski"), ("sky", "skyy"), ("ski", "sky"), ("y", "i"), ("i", "y"), ("v", "w"),
             ("ch", "tch"), ("k", "kh"), ("ts", "tz"), ("o", "a"), ("e", "ie"), ("ov", "off"), ("uk", "ouk")]
    out: list[str] = []
    for old, new in swaps:
        if old in name[1:]:
            candidate = name[0] + name[1:].replace(old, new, 1)
            if candidate != name and candidate not in out:
                out.append(candidate)
    return out


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing: how articles write it, and the aliases a rule may list for it."""

    kind: str  # person | place | org | company
    full: str  # first mention ("Olena Kovalenko", "National Civic Council")
    short: str  # later mentions ("Kovalenko", "NCC")
    variants: tuple[str, ...]  # other spellings reporters use
    aliases: tuple[str, ...]  # >= 10 rule terms for it (plain, phrase, {BRACED}, prefix*)


class Lexicon:
    """The invented named things and topic phrases of one seed."""

    def __init__(self, seed: int = 7, entities: int = 3000, topics: int = 1200) -> None:
        rng = random.Random(seed)
        taken = {w.lower() for w in FUNCTION + CONTENT} | {t.lower() for t in DEFAULT_TERMS}
        self.entities: list[Entity] = []
        acronyms: set[str] = set()

        def fresh(make) -> str:
            while True:
                word = make()
                if word.lower() not in taken and len(word) >= 5:
                    taken.add(word.lower())
                    return word

        def acronym(words: list[str]) -> str:
            base = "".join(w[0] for w in words if w[0].isalpha()).upper()
            while base in acronyms or base.lower() in taken or len(base) < 3:
                base += chr(ord("A") + rng.randrange(26))
            acronyms.add(base)
            taken.add(base.lower())
            return base

        vocab = sorted({w.lower() for w in FUNCTION + CONTENT})

        def prefix(stem: str) -> str:
            """A prefix term, unless it would also catch ordinary words (Poli* → police)."""
            low = stem.lower()
            return f"{stem}*" if not any(w.startswith(low) for w in vocab) else f"{stem} staff"

        kinds = itertools.cycle(["person", "person", "person", "place", "place", "org", "company"])
        while len(self.entities) < entities:
            kind = next(kinds)
            if kind == "person":
                sur = fresh(lambda: ("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 2)))
                                     + rng.choice(_SURNAME_ENDS)).capitalize())
                first = rng.choice(_FIRST)
                vs = _variants(sur)[:4]
                role = rng.choice(_ROLES)
                aliases = [f"{first} {sur}", sur, *vs, prefix(sur[:max(4, len(sur) - 2)]), f"{role} {sur}",
                           f"{first[0]}. {sur}", f"{first} {vs[0] if vs else sur}", f"{sur}'s office",
                           f"{sur} administration", f"{sur} family", f"{sur} aides", f"{sur} spokesman"]
                self.entities.append(Entity(kind, f"{first} {sur}", sur, tuple(vs), tuple(aliases)))
            elif kind == "place":
                name = fresh(lambda: ("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 2)))
                                      + rng.choice(_PLACE_ENDS)).capitalize())
                vs = _variants(name)[:3]
                aliases = [name, *vs, f"{name} region", f"{name} Oblast", prefix(name[:max(4, len(name) - 2)]),
                           f"mayor of {name}", f"{name} airport", f"{name} front", f"outskirts of {name}",
                           f"{{{name.upper()}}}", f"{name} governor", f"shelling of {name}"]
                self.entities.append(Entity(kind, name, name, tuple(vs), tuple(aliases)))
            elif kind == "org":
                core = fresh(lambda: "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize())
                words = [rng.choice(_ORG_ADJ), core, rng.choice(_ORG_KINDS)]
                full = " ".join(words)
                acr = acronym(words)
                aliases = [full, f"{{{acr}}}", f"{core} {words[2]}", f"{words[0]} {core}", prefix(core),
                           f"{{{acr}}}-led", f"head of the {full}", f"{core} faction", f"{core} bloc",
                           f"{core} group"]
                self.entities.append(Entity(kind, full, acr, (f"{core} {words[2]}",), tuple(aliases)))
            else:
                core = fresh(lambda: "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize())
                full = f"{core} {rng.choice(_COMPANY_KINDS)}"
                acr = acronym([core, full.split()[1]])
                aliases = [full, core, f"{{{acr}}}", prefix(core), f"{core} shares", f"{core} chief executive",
                           f"{core} subsidiary", f"{core}'s board", f"{full} plc", f"{{{core.upper()}}}"]
                self.entities.append(Entity(kind, full, core, (), tuple(aliases)))
        pairs = [f"{a} {n}" for a in _TOPIC_ADJ for n in _TOPIC_NOUNS]
        rng.shuffle(pairs)
        self.topics: list[str] = pairs[:topics]
        self.topic_words: list[str] = list(_TOPIC_NOUNS)


class Writer:
    """News-like article text from a Lexicon, deterministic for a seed."""

    def __init__(self, lexicon: Lexicon, seed: int = 11, topic_rate: float = 0.06) -> None:
        self.lexicon = lexicon
        self.topic_rate = topic_rate  # chance a sentence carries a topic phrase ("grain exports")
        self.rng = random.Random(seed)
        vocab = list(dict.fromkeys(FUNCTION + CONTENT))
        # Zipf-ish weights: frequent function words ("the" ~7%), a long tail of content words.
        self.vocab = vocab
        self.weights = list(itertools.accumulate(1.0 / (1 + i) ** 0.8 for i in range(len(vocab))))

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.weights, k=n)

    def sentence(self, mentions: Sequence[str] = (), length: int | None = None) -> str:
        rng = self.rng
        ws = self.words(length or rng.randint(12, 28))
        for mention in mentions:
            ws.insert(rng.randrange(1, len(ws)), mention)
        if rng.random() < self.topic_rate:
            ws.insert(rng.randrange(2, len(ws)), rng.choice(self.lexicon.topics))
        if rng.random() < 0.3:
            ws[rng.randrange(2, len(ws) - 1)] += ","
        if rng.random() < 0.08:
            ws[rng.randrange(2, len(ws) - 1)] += " \u2014"
        text = " ".join(ws)
        text = text[0].upper() + text[1:]
        if rng.random() < 0.15:
            return f"\u201c{text},\u201d {rng.choice(['an official', 'a spokesman', 'she', 'he'])} said."
        return text + rng.choice(".......?")

    def article(self, words: int = 600, entities: Sequence[Entity] = (), extra: Sequence[str] = (),
                title_mentions: Sequence[str] = ()) -> tuple[str, str, str]:
        """(title, summary, body): about `words` words of body mentioning each entity 1-4 times."""
        rng = self.rng
        mentions: list[str] = []
        for ent in entities:
            times = rng.choice([1, 1, 2, 2, 3, 4])
            forms = [ent.full] + [rng.choice([ent.short, ent.short, *ent.variants]) for _ in range(times - 1)]
            mentions.extend(forms)
        mentions.extend(extra)
        sentences: list[str] = []
        count = 0
        slots: dict[int, list[str]] = {}
        estimated = max(1, words // 20)
        for i, mention in enumerate(mentions):
            # first mention early, later ones spread over the article, order kept per entity
            slots.setdefault(min(estimated - 1, int(i * estimated / max(1, len(mentions)))), []).append(mention)
        index = 0
        while count < words:
            s = self.sentence(slots.get(index, []))
            index += 1
            count += s.count(" ") + 1
            sentences.append(s)
        paragraphs, i = [], 0
        while i < len(sentences):
            step = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[i:i + step]))
            i += step
        body = "\n\n".join(paragraphs)
        title_words = self.words(rng.randint(6, 11)) + list(title_mentions)
        if entities and rng.random() < 0.6:
            title_words.insert(rng.randrange(len(title_words)), rng.choice(entities).short)
        rng.shuffle(title_words)
        title = " ".join(title_words)
        title = title[0].upper() + title[1:]
        summary = " ".join(sentences[:2])
        return title, summary, body


def big_rule_set(lexicon: Lexicon, rules: int = 1000, terms_per_rule: int = 10, query_rules: int = 40,
                 seed: int = 3) -> list[Rule]:
    """`rules` rules of exactly `terms_per_rule` terms each (leaves of terms + query + exclusions)."""
    rng = random.Random(seed)
    entities = lexicon.entities[:]
    rng.shuffle(entities)
    topics = lexicon.topics[:]
    out: list[Rule] = []
    ent_iter = iter(entities)
    topic_iter = iter(topics)

    def phrase_term(text: str) -> str:
        return f'"{text}"' if " " in text or "'" in text else text

    for n in range(rules):
        if n < query_rules:
            a, b = next(ent_iter), next(ent_iter)
            t = [next(topic_iter) for _ in range(5)]
            if n % 2 == 0:  # (names) NEAR/8 (topics) AND (...) NOT (...)
                q = (f"({' OR '.join(phrase_term(x) for x in a.aliases[:3])}) NEAR/8 "
                     f"({phrase_term(t[0])} OR {phrase_term(t[1])} OR {phrase_term(t[2])}) "
                     f"AND ({phrase_term(b.aliases[0])} OR {phrase_term(b.aliases[1])}) "
                     f"NOT {phrase_term(t[3])} -{phrase_term(t[4])}")
            else:  # names AND topics, with an exclusion list
                q = (f"({' OR '.join(phrase_term(x) for x in a.aliases[:4])}) AND "
                     f"({phrase_term(t[0])} OR {phrase_term(t[1])} OR {phrase_term(t[2])} OR {phrase_term(t[3])})"
                     f" AND NOT ({phrase_term(b.aliases[0])} OR {phrase_term(t[4])})")
            out.append(Rule(f"q{n:04d}", query=q))
        elif n % 10 == 9:  # topic rules: multi-word phrases and prefixes over common subjects
            t = [next(topic_iter) for _ in range(8)]
            terms = t + [f"{t[0][:-2]}*"]  # a phrase prefix: "wheat exp*"
            out.append(Rule(f"t{n:04d}", terms=tuple(terms), exclude_terms=(t[0].split()[0] + " sector",)))
        else:
            ent = next(ent_iter)
            out.append(Rule(f"e{n:04d}", terms=tuple(ent.aliases[:terms_per_rule])))
    return out


def count_terms(rules: list[Rule]) -> int:
    """Term leaves over all rules: terms, query terms and excluded terms, as compile_rules sees them."""
    from monitor.query import terms_of
    from monitor.rules import rule_tree

    return sum(len(terms_of(rule_tree(r))) + len(r.exclude_terms) for r in rules)


def make_item(title: str, summary: str, body: str, n: int, source: str = "bench",
              when: datetime = ANCHOR) -> Item:
    """An Item as normalize would hand it over."""
    return Item(source=source, url=f"https://news{n % 50}.example.org/2026/11/article-{n}", guid=f"g-{n}",
                title=title, author=None, publisher=f"Outlet {n % 50}", published_at=when,
                published_raw=when.isoformat(), date_suspect=None, fetched_at=when, summary=summary,
                body=body, content_hash=content_hash(title, summary, body), location=None,
                text_hash=text_hash(summary, body))


def near_copy(rng: random.Random, writer: Writer, title: str, summary: str, body: str) -> tuple[str, str, str]:
    """An outlet's reprint: headline tweak, byline, a trimmed or reordered paragraph, a few edits, boilerplate."""
    paragraphs = body.split("\n\n")
    if len(paragraphs) > 4 and rng.random() < 0.6:
        del paragraphs[rng.randrange(1, len(paragraphs))]  # trimmed
    if len(paragraphs) > 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]  # reordered
    words = " ".join(paragraphs).split(" ")
    for _ in range(rng.randint(3, 8)):  # copy-editing
        words[rng.randrange(len(words))] = writer.words(1)[0]
    body2 = f"By {rng.choice(_FIRST)} Staff Writer\n\n" + " ".join(words)
    body2 += "\n\n" + writer.sentence() + " Subscribe to our newsletter for more."
    title2 = rng.choice(["UPDATE 1-", "WIRE: ", "", ""]) + title + rng.choice(["", " | Outlet", " - Daily"])
    return title2, summary, body2


def time_spread(n: int, end: datetime, seconds: float, rng: random.Random) -> list[str]:
    """n ISO timestamps spread uniformly over (end - seconds, end], sorted (insertion order)."""
    from monitor.models import iso

    offsets = sorted((rng.random() * seconds for _ in range(n)), reverse=True)
    # iso() returns None only for None, and every value here is a datetime.
    return [cast(str, iso(end - timedelta(seconds=o))) for o in offsets]


def remove_databases(paths) -> None:
    """Delete benchmark database files with their WAL and shared-memory companions (and the lock
    file storage.db takes while migrating)."""
    from pathlib import Path

    for path in paths:
        for suffix in ("", "-wal", "-shm", ".migrate.lock"):
            Path(str(path) + suffix).unlink(missing_ok=True)


def index_bulk_text(conn: sqlite3.Connection, *, merged: bool = False) -> None:
    """Index the text of items inserted in bulk, as the last statement of their transaction: new
    items wait in items_fts_pending until the store's transaction indexes them (migration 0013),
    and a benchmark that inserts rows itself must do the same. `merged`: then merge the index's
    segments into one, as a store copy leaves them (storage.items.merge_text_index)."""
    db = sqlite_utils.Database(conn)
    index_queued_text(db)
    if merged:
        merge_text_index(db)
