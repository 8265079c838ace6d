"""The review surface: `monitor serve` (Datasette with this project's metadata, canned queries and
dashboard plugin) and `monitor report` (one self-contained HTML file with the same charts)."""
