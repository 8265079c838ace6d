"""Media monitor: ingest news sources into SQLite, recognise duplicates, raise keyword alerts."""

__version__ = "0.1.0"
