"""Reading one table of the config file against its declared keys: each value checked for its type
and range, unknown keys refused, every error one line naming the file, the section and the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from monitor.config.tables import Setting
from monitor.durations import parse_duration
from monitor.errors import ConfigError
from monitor.models import database_label

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_LOG_FORMATS = ("text", "json")


class Reader:
    """Checks values against a key table, raising ConfigError that names file and key path."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.label = file.name

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(self.label, key, problem)

    def table(self, data: Any, where: str, keys: tuple[Setting, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected a table, got {kind_of(data)}")
        known = {k.name: k for k in keys}
        for key in data:
            if key not in known:
                raise self.fail(f"{where}.{key}" if where else key,
                                f"unknown key (known: {', '.join(known)})")
        # Defaults go through the same checks as written values (durations become seconds…).
        return {k.name: self.value(data[k.name] if k.name in data else k.default,
                                   f"{where}.{k.name}" if where else k.name, k)
                if k.name in data or k.default is not None else None for k in keys}

    def value(self, raw: Any, key: str, setting: Setting) -> Any:
        checks: dict[str, Callable[[Any], Any]] = {
            "str": self._str, "path": self._path, "database": self._database, "duration": self._duration,
            "int": self._int, "bool": self._bool, "list": self._list, "level": self._level,
            "log_format": self._log_format,
            "fraction": self._fraction, "number": self._number, "address": self._address,
        }
        try:
            value = checks[setting.type](raw)
        except _Bad as bad:
            raise self.fail(key, str(bad)) from None
        if setting.minimum is not None and value is not None and value < setting.minimum:
            unit = "s" if setting.type == "duration" else ""
            raise self.fail(key, f"must be at least {setting.minimum:g}{unit}, got {raw!r}")
        return value

    def _str(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise _Bad(f"expected a string, got {kind_of(raw)}")
        if not raw.strip():
            raise _Bad("must not be empty")
        return raw

    def _path(self, raw: Any) -> Path:
        path = Path(self._str(raw)).expanduser()
        return path if path.is_absolute() else (self.file.parent / path).resolve()

    def _database(self, raw: Any) -> Path | str:
        """A SQLite file (a path, as other paths) or a PostgreSQL server's URL (kept as written)."""
        text = self._str(raw)
        if text.startswith(("postgresql:", "postgres:")):
            parts = urlsplit(text)
            if not text.startswith(("postgresql://", "postgres://")) or not parts.path.strip("/"):
                raise _Bad(f"expected postgresql://[user[:password]@]host[:port]/database, got {database_label(text)!r}")
            return text
        return self._path(text)

    def _duration(self, raw: Any) -> float:
        try:
            seconds = parse_duration(raw)
        except ValueError:
            raise _Bad(f'expected a duration such as "15m", "2h" or 90, got {raw!r}') from None
        return seconds

    def _int(self, raw: Any) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _Bad(f"expected a whole number, got {kind_of(raw)}")
        if raw < 0:
            raise _Bad(f"must not be negative, got {raw}")
        return raw

    def _fraction(self, raw: Any) -> float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 < raw <= 1:
            raise _Bad(f"expected a number above 0 and at most 1, got {raw!r}")
        return float(raw)

    def _number(self, raw: Any) -> float:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw < 0:
            raise _Bad(f"expected a number, 0 or more, got {raw!r}")
        return float(raw)

    def _bool(self, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise _Bad(f"expected true or false, got {kind_of(raw)}")
        return raw

    def _list(self, raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(v, str) and v.strip() for v in raw):
            raise _Bad("expected a list of non-empty strings")
        return tuple(v.strip() for v in raw)

    def _address(self, raw: Any) -> str:
        host, colon, port = self._str(raw).strip().rpartition(":")
        bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
        unbracketed_ipv6 = ":" in host and bare == host
        if not colon or not bare or unbracketed_ipv6 or not port.isascii() or not port.isdigit() \
                or not 1 <= int(port) <= 65535:
            raise _Bad(f'expected HOST:PORT such as "127.0.0.1:9464" or "[::1]:9464", got {raw!r}')
        return f"{host}:{int(port)}"

    def _level(self, raw: Any) -> str:
        level = self._str(raw).upper()
        if level not in _LEVELS:
            raise _Bad(f"expected one of {', '.join(_LEVELS)}, got {raw!r}")
        return level

    def _log_format(self, raw: Any) -> str:
        value = self._str(raw).lower()
        if value not in _LOG_FORMATS:
            raise _Bad(f"expected one of {', '.join(_LOG_FORMATS)}, got {raw!r}")
        return value


class _Bad(Exception):
    pass


def kind_of(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
