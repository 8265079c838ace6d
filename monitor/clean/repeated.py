"""Paragraphs that many items of one document repeat word for word: the site's lines, found with no
list of them, the document's other items being the witness (repeated_paragraphs), and a text
without them (without_paragraphs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


# A paragraph that many of one document's items carry word for word is the site's, not the story's:
# "Подписывайтесь на наш Telegram-канал…", "Follow us on Twitter and Facebook", "Якщо ви помітили
# помилку, виділіть… Ctrl+Enter", "Read full article >>", an image's "Reduced to 50%". In any
# language, with no list to keep: the other items of the document are the witness. It put the
# site's words in every item (rules fire on "Telegram", a site's name or its "Ukraine" hub link),
# and it made short items of one site look alike to the story grouping.
REPEATED_MAX_CHARS = 300  # a line or two; a longer shared paragraph may be a story's background
REPEATED_MIN_ITEMS = 3  # and at least half of the document's items with text: see repeated_paragraphs


def repeated_paragraphs(texts: Iterable[str]) -> frozenset[str]:
    """The paragraphs of at most REPEATED_MAX_CHARS that at least half of the non-empty texts (and
    at least REPEATED_MIN_ITEMS of them) hold, each text counted once. Half: a site's template
    puts its lines in all its items, while a background paragraph that a desk reuses word for word
    ("Russia denies planning an invasion.") is in a few of a topic feed's stories, which keep it."""
    counts: Counter[str] = Counter()
    with_text = 0
    for text in texts:
        if text:
            with_text += 1
            counts.update({p for p in text.split("\n\n") if len(p) <= REPEATED_MAX_CHARS})
    if with_text < REPEATED_MIN_ITEMS:
        return frozenset()
    needed = max(REPEATED_MIN_ITEMS, (with_text + 1) // 2)
    return frozenset(p for p, count in counts.items() if count >= needed)


def without_paragraphs(text: str, paragraphs: frozenset[str]) -> str:
    """`text` without those of its paragraphs that are in `paragraphs`, unless they are all of it."""
    if not paragraphs or not text:
        return text
    parts = text.split("\n\n")
    kept = [p for p in parts if p not in paragraphs]
    return "\n\n".join(kept) if kept and len(kept) != len(parts) else text
