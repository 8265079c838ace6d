"""The README is part of the product: every command, config key and table is documented, and the
example SQL runs against a freshly migrated database."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import click
import pytest

from conftest import ROOT
from monitor.cli import cli
from monitor.config import NOTIFY_KEYS, RETENTION_KEYS, RULE_KEYS, SETTINGS, SOURCE_KEYS
from storage import open_store

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "monitor") -> list[str]:
    found = []
    for name, command in group.commands.items():
        found.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix} {name}")
    return found


@pytest.mark.parametrize("command", _commands(cli))
def test_every_command_is_documented(command: str) -> None:
    assert f"`{command}" in README


@pytest.mark.parametrize("key", [s.name for s in SETTINGS + SOURCE_KEYS + RULE_KEYS + NOTIFY_KEYS + RETENTION_KEYS])
def test_every_config_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in README


def test_every_table_is_documented(tmp_path: Path) -> None:
    db = open_store(tmp_path / "m.db")
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'items_fts_%' "
        "AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        assert f"| `{table}` |" in README, table


def test_readme_sql_examples_run(tmp_path: Path) -> None:
    open_store(tmp_path / "m.db").close()
    blocks = re.findall(r"```sql\n(.*?)```", README, re.DOTALL)
    statements = [s.strip() for block in blocks for s in block.split(";") if s.strip()
                  and not all(line.strip().startswith("--") for line in s.strip().splitlines())]
    assert len(statements) >= 5
    db = sqlite3.connect(tmp_path / "m.db")
    for statement in statements:
        db.execute(statement).fetchall()


def test_settings_defaults_in_readme_match_code() -> None:
    for setting in SETTINGS:
        if setting.default is None or setting.name == "user_agent":
            assert f"| `{setting.name}` |" in README and f"| {setting.help} |" in README, setting.name
            continue
        assert f"| `{setting.name}` | `{setting.default}` | {setting.help} |" in README, setting.name


def test_readme_failed_sources_example_lists_what_run_once_counts_as_errors(tmp_path: Path) -> None:
    from monitor.cli.run import FAILED
    from monitor.models import Outcome

    found = re.search(r"-- Sources that failed on their last fetch[^\n]*\n(.*?);", README, re.DOTALL)
    assert found, "the example is gone from the README"
    open_store(tmp_path / "m.db").close()
    db = sqlite3.connect(tmp_path / "m.db")  # foreign keys off: fetches without their sources rows
    # Each source's last fetch has one outcome; an earlier failure of every source is history.
    for number, outcome in enumerate(Outcome):
        for attempt in ("error", outcome.value):
            db.execute("INSERT INTO fetches (source, location, started_at, duration_ms, outcome) "
                       "VALUES (?, 'x', '2022-01-10T09:00:00Z', 1, ?)", [f"s{number}-{outcome.value}", attempt])
    listed = {row[0].split("-", 1)[1] for row in db.execute(found.group(1))}
    assert listed == {outcome.value for outcome in FAILED}
