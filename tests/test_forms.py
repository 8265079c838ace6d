"""Inflected forms in rules (`forms = [...]`): monitor.forms, matching through monitor.rules, explain,
the full-text prefilter over a real store, and a config through the CLI.

The sentences are written for these tests; the words are the ones rules miss without forms."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import run_monitor
from monitor.config import load
from monitor.errors import ConfigError
from monitor.forms import DICTIONARY, LANGUAGES, SNOWBALL, word_forms
from monitor.models import Item, Match, Rule, Source
from monitor.rules import compile_rules, explain, match, rule_tree
from storage import open_store
from storage.search import fts_prefilter

T0 = datetime(2022, 1, 10, 12, 0, tzinfo=timezone.utc)


def item(body: str, title: str = "", language: str | None = None, url: str | None = None) -> Item:
    return Item(source="wire", url=url, guid=None, title=title, author=None, publisher=None, published_at=T0,
                published_raw=None, date_suspect=None, fetched_at=T0, summary="", body=body,
                content_hash=str(abs(hash((title, body)))), location=url, language=language)


# One rule set for the module: a dictionary language is loaded once per compile.
DONBAS = Rule("Donbas", terms=("Донбас", "Донбасс", "Donbas"), forms=("ru", "uk"))
UKRAINE = Rule("Ukraine", terms=("Україна", "Украина", "Київ", "Киев", "Верховна Рада"), forms=("ru", "uk"))
GERMAN = Rule("Ukrainer", terms=("Ukrainer",), forms=("de",))
POLISH = Rule("Ukraina", terms=("Ukraina",), forms=("pl",))
ROMANCE = Rule("ukrainien", terms=("ukrainien", "ucraniano"), forms=("fr", "pt"))
EXACT = Rule("Donbas exact", terms=("Донбас", "Донбасс"))
MIXED = Rule("mixed", terms=("{НАТО}", "Украин*", "Донбасс"), exclude_terms=("учения",), forms=("ru",))
RULES = (DONBAS, UKRAINE, GERMAN, POLISH, ROMANCE, EXACT, MIXED)


@pytest.fixture(scope="module")
def compiled():
    return compile_rules(RULES)


def hits(compiled, it: Item, name: str) -> list[tuple[str, str]]:
    """(text, term) of each hit of rule `name`."""
    found: list[Match] = [m for m in match(compiled, it) if m.rule == name]
    return [(h.text, h.term) for m in found for h in m.hits]


# --------------------------------------------------------------------------- the words of issue 12

@pytest.mark.parametrize(("body", "language", "expected"), [
    ("Обстрелы в Донбассе продолжались всю ночь.", "ru", [("Донбассе", "Донбасс")]),
    ("Переговоры о Донбассом управляемых районах.", "ru", [("Донбассом", "Донбасс")]),
    ("Обстріли на Донбасі тривали всю ніч.", "uk", [("Донбасі", "Донбас")]),
    ("Обстріли на Донбасі тривали всю ніч.", None, [("Донбасі", "Донбас")]),  # unknown: every language tried
    ("Донбас і Донбасс", "uk", [("Донбас", "Донбас"), ("Донбасс", "Донбасс")]),  # as written: any language
    ("Shelling in Donbas", "en", [("Donbas", "Donbas")]),
])
def test_donbas_in_its_forms(compiled, body, language, expected):
    assert hits(compiled, item(body, language=language), "Donbas") == expected


@pytest.mark.parametrize(("body", "language", "expected"), [
    ("Уряд України звернувся до партнерів.", "uk", [("України", "Україна")]),
    ("Делегація прибула в Україні вчора.", "uk", [("Україні", "Україна")]),
    ("Правительство Украины выступило с заявлением.", "ru", [("Украины", "Украина")]),
    ("Потяг з Києва прибув.", "uk", [("Києва", "Київ")]),
    ("Поезд из Киева прибыл.", "ru", [("Киева", "Киев")]),  # Snowball: "киева" stems to the term itself
    ("Засідання Верховної Ради почалося.", "uk", [("Верховної Ради", "Верховна Рада")]),
])
def test_ukraine_and_kyiv_in_their_forms(compiled, body, language, expected):
    assert hits(compiled, item(body, language=language), "Ukraine") == expected


def test_german_polish_french_portuguese(compiled):
    assert hits(compiled, item("Hilfe für den Ukrainern", language="de"), "Ukrainer") == [("Ukrainern", "Ukrainer")]
    assert hits(compiled, item("Rząd Ukrainy ogłosił", language="pl"), "Ukraina") == [("Ukrainy", "Ukraina")]
    assert hits(compiled, item("Les soldats ukrainiens", language="fr"), "ukrainien") == [("ukrainiens", "ukrainien")]
    assert hits(compiled, item("Os soldados ucranianos", language="pt"), "ukrainien") == [("ucranianos", "ucraniano")]


def test_the_items_language_decides_which_forms_count(compiled):
    # Ukrainian "Донбасі" is no Russian form; an English item gets the terms as written only.
    assert hits(compiled, item("на Донбасі", language="ru"), "Donbas") == []
    assert hits(compiled, item("в Донбассе", language="en"), "Donbas") == []
    assert hits(compiled, item("в Донбассе", language="en"), "mixed") == []
    # A language the rule does not name: only the words as written.
    assert hits(compiled, item("в Донбассе", language="de"), "Donbas") == []


def test_rules_without_forms_are_unchanged(compiled):
    assert hits(compiled, item("в Донбассе и на Донбасі"), "Donbas exact") == []
    assert hits(compiled, item("Донбас, Донбасс"), "Donbas exact") == [("Донбас", "Донбас"), ("Донбасс", "Донбасс")]


def test_braced_and_prefix_terms_stay_as_written_and_vetoes_take_forms(compiled):
    assert hits(compiled, item("генсек НАТО; генсек нато"), "mixed") == [("НАТО", "НАТО")]
    assert hits(compiled, item("украинских войск"), "mixed") == [("украинских", "Украин")]
    assert hits(compiled, item("в Донбассе", language="ru"), "mixed") == [("Донбассе", "Донбасс")]
    assert hits(compiled, item("учений в Донбассе", language="ru"), "mixed") == []  # "учений": a form of the veto


def test_forms_are_whole_words_and_offsets_point_into_the_text(compiled):
    it = item("Донбассовцы и Донбасса, ДОНБАССЕ", language="ru")
    found = [m for m in match(compiled, it) if m.rule == "Donbas"]
    assert [(h.text, h.start, h.end) for m in found for h in m.hits] == [("Донбасса", 14, 22), ("ДОНБАССЕ", 24, 32)]
    assert all(it.body[h.start:h.end] == h.text for m in found for h in m.hits)


def test_explain_names_the_term_and_how_the_form_matched(compiled):
    lines = dict((name, why) for name, _, why in explain(compiled, item("Обстрелы в Донбассе.", language="ru")))
    assert "'Донбассе' ← term 'Донбасс' (ru stem \"донбасс\") in body at 11-19" in lines["Donbas"]
    lines = dict((name, why) for name, _, why in explain(compiled, item("Засідання Верховної Ради.")))
    assert "'Верховної Ради' ← term 'Верховна Рада' (uk form of \"верховний\", uk form of \"Рада\")" in lines["Ukraine"]
    lines = dict((name, why) for name, _, why in explain(compiled, item("Донбас")))
    assert lines["Donbas"].startswith("matched 1 time(s): 'Донбас' in body at 0-6")


# --------------------------------------------------------------------------- the libraries behind it

def test_language_tables_match_the_libraries():
    import Stemmer
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    assert set(SNOWBALL.values()) <= set(Stemmer.algorithms())
    assert set(DICTIONARY.values()) <= set(SUPPORTED_LANGUAGES)
    assert not SNOWBALL.keys() & DICTIONARY.keys(), "a language has one method"
    assert {"ru", "uk", "de", "fr", "pt", "pl"} <= set(LANGUAGES)


def test_word_forms_prefixes_cover_every_form():
    forms = word_forms(["Київ", "Straße"], ("uk", "de"))
    kyiv = forms["Київ"]
    # Folded as rules.fold folds text: "ї" is "і".
    assert {"києва", "києві", "киів"} <= set(kyiv.prefixes) and all(p.startswith("ки") for p in kyiv.prefixes)
    assert kyiv.reason("києві", ("uk",)) == 'uk form of "Київ"'
    assert kyiv.reason("кий", ("uk",)) is None  # "київ" is also a form of "кий": the name comes first
    street = forms["Straße"]
    assert street.reason("straßen", ("de",)) == 'de stem "strass"'
    assert street.reason("straßen", ("uk",)) is None


# --------------------------------------------------------------------------- the full-text prefilter

def test_prefilter_is_a_superset_of_what_forms_match(tmp_path: Path):
    store = open_store(tmp_path / "store.db")
    try:
        store.sync_sources((Source("wire", "feed", "https://wire.example/feed.xml"),), T0)
        texts = ["Обстрелы в Донбассе продолжались.", "Обстріли на Донбасі.", "Уряд України і Києва.",
                 "Правительство Украины.", "Засідання Верховної Ради.", "Погода в Альпах.", "Snow in the Alps."]
        ids = [store.insert_item(item(text, url=f"https://wire.example/{n}"), T0) for n, text in enumerate(texts)]
        for r in (DONBAS, UKRAINE):
            single = compile_rules([r])
            tree = rule_tree(r)
            prefilter = fts_prefilter(tree)
            assert prefilter is not None and '"донбас"*' in fts_prefilter(rule_tree(DONBAS))
            _, _, everything = store.history(None)
            matched = {row.id for row in everything if match(single, row.item)}
            _, _, narrowed = store.history(tree)
            candidates = {row.id for row in narrowed}
            assert matched and matched <= candidates, r.name
            assert ids[5] not in candidates and ids[6] not in candidates, "it still narrows"
    finally:
        store.close()


def test_prefilter_spells_out_only_letters_the_index_holds_apart():
    from monitor.query import parse_query

    # A Latin phrase stays a phrase (its "i" is no Cyrillic letter's stand-in).
    assert fts_prefilter(parse_query('"Joe Biden"')) == '"joe biden"'
    assert fts_prefilter(parse_query('"Королёв"')) == '("королев" OR "королёв")'
    assert fts_prefilter(parse_query("Україна")) == '("украіна" OR "україна" OR "украiна")'


# --------------------------------------------------------------------------- configuration and the CLI

def test_forms_in_config_and_unknown_languages(make_config):
    config = load(make_config(rules='[[rules]]\nname = "Donbas"\nterms = ["Донбас"]\nforms = ["ru", "uk", "ru"]\n'))
    assert config.rules[0].forms == ("ru", "uk")
    with pytest.raises(ConfigError) as caught:
        load(make_config(rules='[[rules]]\nname = "Donbas"\nterms = ["Донбас"]\nforms = ["ua"]\n'))
    assert "rules[0] (Donbas).forms: no inflected forms for 'ua' (known: " in str(caught.value)


def test_explain_command_shows_the_surface_form(make_config, tmp_path: Path):
    article = tmp_path / "donbas.txt"
    article.write_text("Обстрелы в Донбассе\n\nОбстрелы в Донбассе продолжались всю ночь, сообщили местные власти.\n",
                       encoding="utf-8")
    config = make_config(rules='[[rules]]\nname = "Donbas"\nterms = ["Донбас", "Донбасс"]\nforms = ["ru", "uk"]\n')
    assert run_monitor("ingest", str(article), "--config", str(config)).code == 0
    explained = run_monitor("explain", "1", "--config", str(config))
    assert explained.code == 0, explained.stderr
    assert "MATCH  Donbas: matched 2 time(s): 'Донбассе' ← term 'Донбасс' (ru stem \"донбасс\") in title at 11-19" \
        in explained.stdout
