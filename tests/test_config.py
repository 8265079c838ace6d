"""config.load: valid files resolve; every malformed one is a one-line error naming the key (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_monitor
from monitor.config import load
from monitor.errors import ConfigError


def test_bundled_default_config_loads_and_resolves_paths() -> None:
    config = load(ROOT / "config.toml")
    assert config.settings.database == ROOT / "data" / "monitor.db"
    enabled = [s for s in config.sources if s.enabled]
    assert {s.kind for s in enabled} == {"text", "feed", "page", "folder"}
    assert all(Path(s.location).is_absolute() and Path(s.location).exists() for s in enabled)
    assert all(s.location.startswith("https://") for s in config.sources if not s.enabled)
    assert {r.name for r in config.rules} == {"Donbas", "NATO", "Crimea", "Zelenskyy", "Putin"}
    assert config.settings.user_agent_header.endswith(f"(+{config.settings.contact})")


def test_durations_and_defaults(make_config, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody text.")
    config = load(make_config([{"name": "a", "kind": "text", "path": "a.txt", "interval": "2h"}],
                              timeout="5s"))
    assert config.sources[0].interval == 7200
    assert config.sources[0].location == str(tmp_path / "a.txt")
    assert config.settings.timeout == 5
    assert config.settings.max_bytes == 10_000_000
    assert (config.sources[0].ignore_robots, config.sources[0].sitemap_window) == (False, 2 * 86400)


def test_a_sitemap_source_and_its_keys(make_config) -> None:
    config = load(make_config([{"name": "courier", "kind": "sitemap", "url": "https://courier.example.org/news.xml",
                                "sitemap_window": "6h", "ignore_robots": True}]))
    source = config.sources[0]
    assert (source.kind, source.sitemap_window, source.ignore_robots) == ("sitemap", 21600, True)
    assert source.timezone is None


def test_a_sources_timezone(make_config) -> None:
    config = load(make_config([{"name": "ria", "kind": "page", "url": "https://ria.example/a", "timezone": "Europe/Moscow"}]))
    assert config.sources[0].timezone == "Europe/Moscow"


BAD = [
    ("[settings\n", "not valid TOML"),
    ("[settings]\ndatabse = 'x.db'\n", "settings.databse: unknown key"),
    ("[settings]\ntimeout = 'soon'\n", 'settings.timeout: expected a duration such as "15m"'),
    ("[settings]\nmax_bytes = '10MB'\n", "settings.max_bytes: expected a whole number, got a string"),
    # Out-of-range values are errors, never silently raised to the minimum.
    ("[settings]\nsnippet_chars = 10\n", "settings.snippet_chars: must be at least 40, got 10"),
    ("[settings]\nworkers = 0\n", "settings.workers: must be at least 1, got 0"),
    ("[[sources]]\nname = 'x'\nkind = 'podcast'\nurl = 'https://example.org/'\n",
     "sources[0] (x).kind: unknown kind 'podcast'"),
    ("[[sources]]\nname = 'x'\nkind = 'text'\npath = 'missing.txt'\n", "sources[0] (x).path: no such file"),
    ("[[sources]]\nname = 'x'\nkind = 'feed'\nurl = 'ftp://example.org/feed'\n",
     "sources[0] (x).url: expected an http:// or https:// URL"),
    ("[[sources]]\nname = 'x'\nkind = 'feed'\nurl = 'https://example.org/'\nenabled = 'yes'\n",
     "sources[0] (x).enabled: expected true or false"),
    ("[[sources]]\nkind = 'feed'\nurl = 'https://example.org/'\n", "sources[0].name: missing"),
    ("[[sources]]\nname = 'x'\nkind = 'feed'\nurl = 'https://example.org/'\ncolour = 'red'\n",
     "sources[0] (x).colour: unknown key"),
    ("[[sources]]\nname = 'x'\nkind = 'sitemap'\nurl = 'https://example.org/s.xml'\nsitemap_window = 'recent'\n",
     'sources[0] (x).sitemap_window: expected a duration such as "15m"'),
    ("[[sources]]\nname = 'x'\nkind = 'page'\nurl = 'https://example.org/a'\nignore_robots = 1\n",
     "sources[0] (x).ignore_robots: expected true or false"),
    ("[[sources]]\nname = 'x'\nkind = 'feed'\nurl = 'https://example.org/f'\ntimezone = 'Europe/Atlantis'\n",
     "sources[0] (x).timezone: unknown time zone 'Europe/Atlantis'"),
    ("[[rules]]\nname = 'r'\nterms = 'NATO'\n", "rules[0] (r).terms: expected a list of non-empty strings"),
    ("[[rules]]\nname = 'r'\n", "rules[0] (r): needs terms or a query"),
    ("[[rules]]\nname = 'r'\nquery = 'nato AND (crimea'\n", "rules[0] (r).query: position 17: expected ')'"),
    ("[extras]\n", "extras: unknown section"),
    ("[settings]\ntimeout = '0s'\n", "settings.timeout: must be at least 0.1s, got '0s'"),
    ("[settings]\ndeadline = '0s'\n", "settings.deadline: must be at least 0.1s, got '0s'"),
    ("[settings]\nmax_bytes = 0\n", "settings.max_bytes: must be at least 1, got 0"),
    ("[[rules]]\nname = 'r'\nterms = ['NATO']\nsources = ['nowhere']\n", "rules[0] (r).sources: no source named 'nowhere'"),
    ("[[rules]]\nname = 'r'\nterms = ['NATO']\nexclude_sources = ['x']\n", "rules[0] (r).exclude_sources: no source named 'x'"),
    ("[[rules]]\nname = 'r'\nquery = 'headline:NATO'\n",
     "rules[0] (r).query: position 1: expected a field prefix (title, summary, body, author, source), found 'headline:'"),
    ("[[rules]]\nname = 'r'\nquery = '" + "(" * 198 + "a" + ")" * 198 + "'\n",
     "rules[0] (r).query: position 51: expected at most 50 nested groups or NOTs"),
    ("[[rules]]\nname = 'r'\nquery = 'NATO~'\n", "rules[0] (r).query: position 5: expected a letter, a digit or a "
                                               "trailing *, found '~'"),
    ("[[rules]]\nname = 'r'\nquery = 'NATO W/3 Russia'\n", "rules[0] (r).query: position 6: expected an operator"),
    ("[[rules]]\nname = 'r'\nquery = 'site:https://bbc.co.uk/'\n",
     "rules[0] (r).query: position 6: expected a host name such as bbc.co.uk"),
    ("[[rules]]\nname = 'r'\nquery = \"\"\"\nDonbas\n  AND Ukrain?\"\"\"\n",
     "rules[0] (r).query: line 2, column 13: expected a letter, a digit or a trailing *, found '?'"),
    ("[[rules]]\nname = 'r'\nterms = ['NATO', 'Ukrain?']\n", "rules[0] (r).terms[1]: position 7: expected a letter"),
    ("[[rules]]\nname = 'r'\nterms = ['NATO']\nexclude_terms = ['drill~']\n",
     "rules[0] (r).exclude_terms[0]: position 6: expected a letter"),
    ("[[rules]]\nname = 'r'\nterms = ['NATO']\nforms = ['russian']\n",
     "rules[0] (r).forms: no inflected forms for 'russian' (known: ar, bg, bs,"),
    ("[[rules]]\nname = 'r'\nterms = ['NATO']\nforms = 'ru'\n", "rules[0] (r).forms: expected a list"),
]


@pytest.mark.parametrize("text, message", BAD, ids=[m for _, m in BAD])
def test_malformed_config_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cli_reports_config_error_in_one_line_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[[sources]]\nname = 'x'\nkind = 'feed'\nurl = 'https://example.org/'\ninterval = 'soon'\n")
    for args in (["run", "--once"], ["sources"], ["alerts"], ["ingest", "x.txt"], ["search", "x"]):
        done = run_monitor(*args, "--config", str(path))
        assert done.code == 2, (args, done.stderr)
        assert done.stderr.strip().splitlines() == [
            "broken.toml: sources[0] (x).interval: expected a duration such as \"15m\", \"2h\" or 90, got 'soon'"]
        assert "Traceback" not in done.stderr


def test_cli_names_the_rule_query_and_column_of_unknown_syntax(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[rules]]\nname = "NATO and Russia"\nquery = "NATO ONEAR/3 Russia OR NATO~"\n')
    done = run_monitor("sources", "--config", str(path))
    assert done.code == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "config.toml: rules[0] (NATO and Russia).query: position 28: expected a letter, a digit or a trailing *, "
        "found '~' (fuzzy or proximity: use NEAR/n, or the rule's forms key for inflected forms; quote the text "
        "to look for it)"]
    path.write_text('[[rules]]\nname = "NATO and Russia"\nquery = "NATO ONEAR/3 Russia lang:ru site:tass.ru"\n')
    assert run_monitor("sources", "--config", str(path)).code == 0


def test_missing_config_file(tmp_path: Path) -> None:
    done = run_monitor("run", "--once", "--config", str(tmp_path / "nope.toml"))
    assert done.code == 2
    assert "nope.toml: no such file" in done.stderr


def test_tags_in_rules_and_targets_name_the_tagged_sources(tmp_path) -> None:
    from monitor.config import load

    path = tmp_path / "config.toml"
    path.write_text('''
[[sources]]
name = "kyiv"
kind = "feed"
url = "https://kyiv.example/rss"
tags = ["ukraine", "news/regional"]

[[sources]]
name = "lviv"
kind = "feed"
url = "https://lviv.example/rss"
tags = ["ukraine"]

[[sources]]
name = "wire"
kind = "feed"
url = "https://wire.example/rss"

[[rules]]
name = "Donbas"
terms = ["Donbas"]
sources = ["wire"]
tags = ["ukraine"]

[[notify]]
name = "desk"
urls = ["json://127.0.0.1:9/hook"]
tags = ["news/regional"]
''', encoding="utf-8")
    config = load(path)
    assert config.rules[0].sources == ("wire", "kyiv", "lviv")
    assert config.targets[0].sources == ("kyiv",)
    path.write_text(path.read_text(encoding="utf-8").replace('tags = ["news/regional"]\n', 'tags = ["sport"]\n'),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"notify\[0\] \(desk\)\.tags: no source is tagged 'sport'"):
        load(path)


def test_tag_in_a_query_names_the_tagged_sources_and_an_unknown_tag_is_refused(tmp_path) -> None:
    from monitor.config import load
    from monitor.rules import compile_rules, match
    from tests.test_rules import item

    path = tmp_path / "config.toml"
    sources = ''.join(f'[[sources]]\nname = "{name}"\nkind = "feed"\nurl = "https://{name}.example/rss"\n'
                      f'tags = {tags}\n\n' for name, tags in (("kyiv", '["ukraine"]'), ("wire", "[]")))
    path.write_text(sources + '[[rules]]\nname = "Ukrainian NATO"\nquery = "NATO tag:ukraine"\n', encoding="utf-8")
    config = load(path)
    assert config.rules[0].tag_sources == (("ukraine", ("kyiv",)),)
    compiled = compile_rules(config.rules)
    assert [m.rule for m in match(compiled, item("NATO", source="kyiv"))] == ["Ukrainian NATO"]
    assert match(compiled, item("NATO", source="wire")) == []
    path.write_text(sources + '[[rules]]\nname = "Ukrainian NATO"\nquery = "NATO tag:sport"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules\[0\] \(Ukrainian NATO\)\.query: no source is tagged 'sport' "
                                          r"\(tags in use: ukraine\)"):
        load(path)


def test_a_source_is_found_by_name_in_the_config_it_belongs_to(make_config) -> None:
    import dataclasses
    import pickle

    config = load(make_config([{"name": f"desk{n}", "kind": "feed", "url": f"https://news{n}.example.org/rss"}
                               for n in range(50)]))
    assert config.source("desk37").location == "https://news37.example.org/rss"
    with pytest.raises(KeyError):
        config.source("desk50")
    # A changed copy (a reload, a test's variant) finds its own sources, not the original's.
    moved = dataclasses.replace(config.sources[37], location="https://news37.example.org/atom")
    changed = dataclasses.replace(config, sources=config.sources[:37] + (moved,))
    assert changed.source("desk37").location == "https://news37.example.org/atom"
    with pytest.raises(KeyError):
        changed.source("desk40")
    assert changed != config and dataclasses.replace(config) == config
    assert pickle.loads(pickle.dumps(config)).source("desk49") == config.sources[49]  # as a worker gets it
