"""Writing systems the text code must tell apart: Chinese and Japanese, written without spaces.

Hiragana, katakana and the CJK ideographs (U+3040-U+9FFF) have no spaces between words. Where the
product counts words (clean.words.has_words), shingles them (clean.words.spaced, for story signatures), finds a
term's edges (rules) or asks a full-text index for a word (storage.search), their characters need
another reading than str.split() and \\w+ give. Here, not in monitor.clean: the matcher and the store,
which read-only commands import, must not import lxml with it.
"""

from __future__ import annotations

import re

SPACELESS_FIRST, SPACELESS_LAST = "\u3040", "\u9fff"
SPACELESS_CHARACTER = re.compile(f"[{SPACELESS_FIRST}-{SPACELESS_LAST}]")
# The languages written in them. A full-text index holds "NATO加盟国" as one word, where the matcher
# finds "NATO": a backtest's prefilter keeps every item in these languages (storage.search).
SPACELESS_LANGUAGES = ("ja", "zh")


def in_spaceless_script(text: str) -> bool:
    """Whether a text has a Chinese or Japanese character."""
    return SPACELESS_CHARACTER.search(text) is not None
