"""Edit the [[sources]] of config.toml in place: the file stays the one source of truth.

Edits go through tomlkit, so comments, blank lines and the order of everything are kept. The
result is validated by the project's own loader (monitor.config.load_text, as though it were the
file itself) before anything is written, and written atomically (a temporary file in the same
folder, then os.replace): a change the loader refuses leaves the file untouched and raises its
one-line ConfigError.

tomlkit keeps the comments and blank lines that follow a table's last key inside that table; those
separated from the keys by a blank line are about what comes next (the next source, the rules), so
a source added after the last one, or removed, leaves them where they were.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence
from urllib.parse import urlsplit

import tomlkit
from tomlkit.items import AoT, Comment, Item, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from monitor.config import RESERVED_SOURCE_NAMES, load_text
from monitor.errors import ConfigError
from monitor.models import Config


class ConfigFile:
    """One config file, read once; `change` edits it through a function and writes it if valid."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser().resolve()  # a symlink's target is the file edited
        try:
            self.text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(str(path), "", "no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), "", f"cannot read: {exc}") from None

    def change(self, edit: Callable[[TOMLDocument], None]) -> Config:
        """Apply `edit` to the parsed document, validate the result, write it; the new Config."""
        try:
            doc = tomlkit.parse(self.text)
        except Exception as exc:  # tomlkit's parse errors have no common public base
            raise ConfigError(self.path.name, "", f"not valid TOML: {exc}") from None
        if doc.as_string() != self.text:
            raise ConfigError(self.path.name, "sources", "tomlkit cannot rewrite this file without moving parts "
                                                         "of it ([[sources]] split by other sections?); edit it by hand")
        edit(doc)
        text = doc.as_string()
        config = load_text(text, self.path)
        self._write(text)
        self.text = text
        return config

    def _write(self, text: str) -> None:
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, self.path.stat().st_mode & 0o7777)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def source_tables(doc: TOMLDocument) -> AoT | None:
    """The [[sources]] array of tables, or None when there is none; ConfigError for other shapes."""
    found = doc.get("sources")
    if found is None:
        return None
    if not isinstance(found, AoT):
        raise ConfigError("config", "sources", "written as an inline array: only [[sources]] tables can be edited")
    return found


def find_source(doc: TOMLDocument, name: str, file: str) -> Table:
    """The [[sources]] table named `name`; ConfigError naming the ones there are."""
    tables = source_tables(doc)
    names = [str(t.get("name")) for t in tables or []]
    for table in tables or []:
        if str(table.get("name", "")).strip() == name:
            return table
    raise ConfigError(file, "sources", f"no source named {name!r} (known: {', '.join(names) or 'none'})")


def add_sources(doc: TOMLDocument, entries: list[dict[str, Any]]) -> None:
    """Append [[sources]] tables after the last one (keys in the order given)."""
    tables = source_tables(doc)
    for entry in entries:
        table = tomlkit.table()
        for key, value in entry.items():
            table.add(key, value)
        if tables is None:
            tables = tomlkit.aot()
            doc.append("sources", tables)
            tables.append(table)
            continue
        last = tables[-1] if len(tables) else None
        tables.append(table)
        if last is not None:
            trailer = _detach_trailer(last)
            blank = next((item for item in trailer if isinstance(item, Whitespace)), Whitespace("\n"))
            gap: list[Item] = [blank]
            _attach(last, gap)
            _attach(table, trailer if any(isinstance(i, Comment) for i in trailer) else gap)


def remove_source(doc: TOMLDocument, name: str, file: str) -> None:
    """Remove the source's table; comments that follow it (about what comes next) stay in place."""
    tables = source_tables(doc)
    table = find_source(doc, name, file)
    assert tables is not None
    index = next(i for i, t in enumerate(tables) if t is table)
    trailer = _detach_trailer(table)
    del tables[index]
    if index > 0:
        before = tables[index - 1]
        own = _detach_trailer(before)
        _attach(before, _merge_blank_lines(own + trailer))
    elif any(isinstance(item, Comment) for item in trailer):
        # The first source's trailing comments are about the second, which is now first: keep them
        # in the table before [[sources]] when there is one, else above the second source's keys.
        holder = _table_before(doc, tables)
        if holder is not None:
            _attach(holder, _merge_blank_lines(_detach_trailer(holder) + trailer))
        elif len(tables):
            body = tables[0].value.body
            body[0:0] = [(None, item) for item in trailer if isinstance(item, Comment)]
    if not len(tables):
        del doc["sources"]  # an empty array of tables would be written as `sources = []`


def set_enabled(doc: TOMLDocument, name: str, enabled: bool, file: str) -> bool:
    """Set a source's `enabled`; whether anything changed."""
    table = find_source(doc, name, file)
    current = table.get("enabled", True)
    if current is enabled:
        return False
    if "enabled" in table:
        table["enabled"] = enabled
    else:
        trailer = _detach_trailer(table, keep_attached=False)
        table.add("enabled", enabled)
        _attach(table, trailer)
    return True


def _key_positions(table: Table) -> list[int]:
    return [i for i, (key, _) in enumerate(table.value.body) if key is not None]


def _detach_trailer(table: Table, keep_attached: bool = True) -> list[Item]:
    """Remove and return the blank lines and comments after the table's last key.

    keep_attached: comments right under the last key (no blank line between) belong to the table
    and stay.
    """
    body = table.value.body
    keys = _key_positions(table)
    start = keys[-1] + 1 if keys else 0
    if keep_attached:
        while start < len(body) and isinstance(body[start][1], Comment):
            start += 1
    trailer = [item for _, item in body[start:]]
    del body[start:]  # trailing items have no keys, so the container's key index stays right
    return trailer


def _attach(table: Table, items: Sequence[Item]) -> None:
    for item in items:
        table.value.append(None, item)


def _merge_blank_lines(items: list[Item]) -> list[Item]:
    merged: list[Item] = []
    for item in items:
        if isinstance(item, Whitespace) and merged and isinstance(merged[-1], Whitespace):
            continue
        merged.append(item)
    return merged


def _table_before(doc: TOMLDocument, tables: AoT) -> Table | None:
    previous: Any = None
    for _, item in doc.body:
        if item is tables:
            return previous if isinstance(previous, Table) else None
        previous = item
    return None


def slug(text: str) -> str:
    """A source name from a title or a host: lower-case words joined by "-", at most 40 characters."""
    words = re.findall(r"\w+", text.lower().replace("_", " "))
    name = "-".join(words)[:40].strip("-")
    return name


def unique_name(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… the first not in `taken` (which it is added to)."""
    name, number = wanted, 1
    while name in taken or name in RESERVED_SOURCE_NAMES:
        number += 1
        name = f"{wanted}-{number}"
    taken.add(name)
    return name


def name_for(title: str | None, url: str, taken: set[str]) -> str:
    """A unique source name from a feed's title, else its URL's host (without www.)."""
    host = (urlsplit(url).hostname or "source").removeprefix("www.")
    return unique_name(slug(title or "") or slug(host) or "source", taken)
