"""Editing [[sources]] through tomlkit: comments, blank lines and order stay where they were."""

from __future__ import annotations

import pytest
import tomlkit

from monitor.config_edit import add_sources, name_for, remove_source, set_enabled, slug, unique_name
from monitor.errors import ConfigError

TEXT = '''# top
[settings]
database = "x.db"  # inline

# first source
[[sources]]
name = "a"   # the a source
kind = "feed"
url = "http://a/"
# enabled = false

# about b
[[sources]]
name = "b"
kind = "feed"
url = "http://b/"

# --- rules below ---
[[rules]]
name = "r"
terms = ["x"]
'''


def test_a_new_source_goes_after_the_last_and_before_the_comment_about_rules() -> None:
    doc = tomlkit.parse(TEXT)
    add_sources(doc, [{"name": "c", "kind": "feed", "url": "http://c/", "tags": ["News/World"]}])
    assert doc.as_string() == TEXT.replace('url = "http://b/"\n', 'url = "http://b/"\n\n[[sources]]\nname = "c"\n'
                                           'kind = "feed"\nurl = "http://c/"\ntags = ["News/World"]\n')


def test_enabled_goes_under_the_last_key_above_comments_that_belong_to_the_table() -> None:
    doc = tomlkit.parse(TEXT)
    assert set_enabled(doc, "a", False, "config.toml") is True
    assert 'url = "http://a/"\nenabled = false\n# enabled = false\n\n# about b' in doc.as_string()
    assert set_enabled(doc, "a", False, "config.toml") is False
    assert set_enabled(doc, "b", True, "config.toml") is False  # enabled by default


def test_removing_keeps_the_comments_about_what_follows() -> None:
    doc = tomlkit.parse(TEXT)
    remove_source(doc, "b", "config.toml")
    assert "# about b\n\n# --- rules below ---\n[[rules]]" in doc.as_string()
    doc = tomlkit.parse(TEXT)
    remove_source(doc, "a", "config.toml")
    assert '# first source\n\n# about b\n[[sources]]\nname = "b"' in doc.as_string()
    with pytest.raises(ConfigError, match="no source named 'z' \\(known: b\\)"):
        remove_source(doc, "z", "config.toml")


def test_names_from_titles_or_hosts_made_unique() -> None:
    assert slug("  Example News — World! ") == "example-news-world"
    assert slug("Українська правда") == "українська-правда"
    taken = {"example-org", "manual"}
    assert name_for(None, "https://www.example.org/feed", taken) == "example-org-2"
    assert name_for("", "https://www.example.org/feed", taken) == "example-org-3"
    assert unique_name("manual", taken) == "manual-2"  # reserved for `monitor ingest`
