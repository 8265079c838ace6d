"""The SQLite store, through sqlite-utils: the only package that writes SQL."""

from storage.db import open_store

__all__ = ["open_store"]
