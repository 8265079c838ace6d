"""Text made clean: text encoded twice put back, NFC, invisible characters and stray controls removed
(but C1 controls, which are windows-1252's punctuation read as Latin-1), spaces folded, paragraphs
kept as blank-line breaks; and the regular expression's alternation the line-label patterns of the
other parts are built with.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from monitor.charset import C1_AS_WINDOWS_1252
from monitor.clean.mojibake import without_mojibake
from monitor.scripts import CAPITALS


# Invisible or control characters that split words for a matcher but show nothing to a reader.
# Not the vertical tab and the form feed: they are spaces (_OTHER_SPACE), and Word's line break
# (Shift+Enter) is a vertical tab, which pasted into a CMS stood between two words ("Путин\vзаявил").
_INVISIBLE = dict.fromkeys(
    [0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E]
    + [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)] + list(range(0x7F, 0xA0)),
)
# str.translate with a dict costs a lookup per character; a character class skips clean text in C.
_INVISIBLE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _INVISIBLE) + "]")
# Spaces fold into one " " in two passes: every other space character becomes " ", then runs of " "
# become one. A single pattern matching runs of any of them stops at every word's " " (most of
# clean_text's time, once); these two match only where there is something to change.
_OTHER_SPACE = re.compile(r"[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r"  +")
_INVISIBLE_OR_OTHER_SPACE = re.compile(_INVISIBLE_RE.pattern[:-1] + _OTHER_SPACE.pattern[1:])
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


# A C1 control in text is windows-1252's punctuation read as Latin-1 by a CMS that converted its text
# to Unicode so ("Ukraine\x92s", "talks go on\x85"), as a browser reads a reference to one
# ("&#146;", "&#133;"): the quote, dash or ellipsis it was, not nothing, nor (U+0085, "next line")
# a line break. The five bytes windows-1252 leaves undefined stay controls, and are removed.
_C1_AS_PUNCTUATION = {chr(byte): char for byte, char in C1_AS_WINDOWS_1252.items()}


def _invisible_or_punctuation(found: re.Match[str]) -> str:
    return _C1_AS_PUNCTUATION.get(found.group(), "")


def without_invisible(text: str) -> str:
    """The text without the invisible characters clean_text removes (a rule's term, to match it)."""
    return _INVISIBLE_RE.sub("", text)


def without_surrogates(text: str) -> str:
    """Surrogate pairs joined into their character, a lone surrogate (no character: nothing can
    encode it) replaced by U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # fails on a surrogate, and on nothing else; in C, unlike a regex scan
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


# A line's end that closes a sentence or a quotation: the lines of a plain text that each end so are
# its paragraphs, one line each.
_SENTENCE_CLOSE = tuple(".!?…:;»\"”’)。！？।॥۔؟።։")
_PARAGRAPH_LINES = 2  # at least, in a text of no blank line


def closes_a_sentence(text: str) -> bool:
    """Whether a text's end closes a sentence or a quotation."""
    return text.rstrip().endswith(_SENTENCE_CLOSE)


def lines_as_paragraphs(text: str) -> str:
    """A plain text with no blank line whose lines each close a sentence, each line a paragraph (a
    Yandex full-text element as PHP's strip_tags leaves it: "Первый абзац.\nВторой абзац."), a few
    short ones among them aside; any other text as it is (a text wrapped at a width keeps its lines
    one paragraph)."""
    if "\n" not in text or "\n\n" in text.replace("\r\n", "\n"):
        return text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < _PARAGRAPH_LINES:
        return text
    # A short line that closes none may stand among them: a subheading, a photo's credit ("Фото: Михаил
    # Метцель / ТАСС"), where a text wrapped at a width has few lines that close a sentence.
    # (A credit's line, "Источник: Минобороны", is one of those: not counted, as a short text has few lines.)
    open_lines = [line for line in lines if not closes_a_sentence(line) and _CREDIT_LINE.fullmatch(line) is None]
    if len(open_lines) * _CLOSING_SHARE > len(lines) or any(len(line) > _OPEN_LINE_CHARS for line in open_lines):
        return text
    return "\n\n".join(lines)


_CLOSING_SHARE = 3  # at most a third of the lines close no sentence
_OPEN_LINE_CHARS = 100


# A line that is a link or a list's item: "►Twitter: https://twitter.com/…", "• Telegram".
_BULLETS = ("►", "▶", "•", "→", "➡", "👉", "▸", "✅", "- ", "* ")


def link_lines_apart(text: str) -> str:
    """A plain text whose lines closing with an address or opening with a bullet are each a paragraph,
    and so are a credit's lines (_CREDIT_LINE) and the line ending with a colon over them, where
    clean_text would run them into the lines around them: a video's description ("For more news go
    to: http://…", "Follow DW on social media:", "►Facebook: https://…"), whose every line the
    site's rules must see alone."""
    if "\n" not in text or ("://" not in text and not any(bullet in text for bullet in _BULLETS[:-2])):
        return text
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = block.split("\n")
        apart = [_is_a_link_line(line) or _CREDIT_LINE.fullmatch(line.strip()) is not None for line in lines]
        if len(lines) < 2 or not any(apart):
            blocks.append(block)
            continue
        paragraphs: list[list[str]] = []
        after_one_alone = False
        for index, line in enumerate(lines):
            alone = apart[index] or (line.rstrip().endswith(":") and index + 1 < len(lines) and apart[index + 1])
            if alone or after_one_alone or not paragraphs:
                paragraphs.append([line])
            else:
                paragraphs[-1].append(line)
            after_one_alone = alone
        blocks.append("\n\n".join("\n".join(paragraph) for paragraph in paragraphs))
    return "\n\n".join(blocks)


# A line of a credit, a short label and a name ("Кореспондентка: Анна Цигима", "Оператор: Ігор Остапчук",
# "Producer: Jane Doe"), a paragraph of its own too: the byline's rules read each alone.
# (The name capitalised: not a style sheet's "display: inline-block;" left in a description.)
_CREDIT_LINE = re.compile(rf"[^\W\d][\w'’-]*(?:\s[^\W\d][\w'’-]*){{0,2}}\s*:\s+[{CAPITALS}][^\n:;]{{1,60}}")


def _is_a_link_line(line: str) -> bool:
    # The address closing the line: one inside a sentence may be in a line of a wrapped paragraph.
    stripped = line.strip()
    return stripped.startswith(_BULLETS) or "://" in stripped.rpartition(" ")[2]


def clean_text(text: str) -> str:
    """Plain text → UTF-8 encoded twice put back, NFC, no invisible characters, one space between
    words, paragraphs by blank lines."""
    # Mojibake first: a curly quote's last character, read as windows-1252, can be a C1 control
    # (U+009D), which is invisible and would be removed before ftfy could read the quote.
    text = without_mojibake(without_surrogates(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text.replace("\u2028", "\n"))
    if "\u3000" in text and "\n" in text:  # a Chinese or Japanese paragraph opens indented with ideographic spaces
        text = _INDENTED_LINE.sub("\n\n", text)
    # Spaces are folded over the whole text at once: no run of them spans a line break. Invisible
    # characters and other spaces are dealt with from the first of either on: one scan finds it
    # (or that there is none, as in most text), where the two passes each scanned all of it.
    odd = _INVISIBLE_OR_OTHER_SPACE.search(text)
    if odd is not None:
        start = odd.start()
        text = text[:start] + _OTHER_SPACE.sub(" ", _INVISIBLE_RE.sub(_invisible_or_punctuation, text[start:]))
    text = _SPACE_RUN.sub(" ", text)
    paragraphs = []
    spaceless: bool | None = None  # whether the text has Chinese or Japanese: looked at once, if a line breaks
    for block in _PARAGRAPH_BREAK.split(text):
        if "\n" in block:
            lines = [line for line in (line.strip() for line in block.split("\n")) if line]
            if spaceless is None:
                spaceless = _spaceless_edge().search(text) is not None
            joined = _joined(lines) if spaceless else " ".join(lines)
        else:
            joined = block.strip()
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


_INDENTED_LINE = re.compile(r"\n[ \t]*\u3000+")


@functools.cache
def _spaceless_edge() -> re.Pattern[str]:
    """Chinese and Japanese characters and their punctuation, written without spaces between words:
    compiled on first use, monitor.scripts imported then (read-only commands import this module)."""
    from monitor.scripts import CJK_FIRST, CJK_LAST

    return re.compile(f"[{CJK_FIRST}-{CJK_LAST}\u3000-\u303f\uff00-\uffef]")


def _joined(lines: list[str]) -> str:
    """A paragraph's lines joined with a space, but for a break between two Chinese or Japanese
    characters: a text wrapped there has no space to keep ("表示，\n边境会谈" is "表示，边境会谈")."""
    if len(lines) < 2:
        return lines[0] if lines else ""
    edge = _spaceless_edge()
    joined = lines[0]
    for line in lines[1:]:
        joined += line if edge.match(joined[-1]) is not None and edge.match(line[0]) is not None else " " + line
    return joined


def alternatives(words: Iterable[str]) -> str:
    """A case-blind regular expression's alternation of `words`, written as a tree of their letters
    (the words that share a beginning share its branch) under lookaheads on groups of first letters.

    re tries an alternation's branches one after another, and at each place it is searched from
    every branch is entered: a plain alternation of the site's lines' openers cost 8.4 µs a text,
    grouped by first letter 3.6 (bench_peer's texts). A search at each paragraph's start still tried
    the 130 first letters' groups of its 1,100 openers one by one, then every word of the letter's
    group: the tree and the lookaheads took that search from 13.7 to 7 µs a text. A longer word is tried before a
    shorter one it begins, as in a plain alternation with the longer words first."""
    groups: dict[str, set[str]] = {}
    for word in words:
        # lower(), not casefold(): the case-blind match compares letter by letter, and casefold()
        # writes some letters as two (German "ß" as "ss", Armenian "և" as "եւ") that the text has as one.
        groups.setdefault(word[0].lower(), set()).add(word[1:].lower())
    firsts = sorted(groups)
    if len(firsts) <= _FIRST_LETTERS_A_LOOKAHEAD:
        return "|".join(re.escape(first) + _letter_tree(groups[first]) for first in firsts)
    branches = []
    for at in range(0, len(firsts), _FIRST_LETTERS_A_LOOKAHEAD):
        letters = firsts[at:at + _FIRST_LETTERS_A_LOOKAHEAD]
        branches.append(f"(?=[{''.join(re.escape(letter) for letter in letters)}])(?:"
                        + "|".join(re.escape(first) + _letter_tree(groups[first]) for first in letters) + ")")
    return "|".join(branches)


_FIRST_LETTERS_A_LOOKAHEAD = 16  # 8 to 24 timed alike


def _letter_tree(rests: set[str]) -> str:
    """An expression that matches any of `rests` (words' ends, "" among them for a word that ends
    here), the longest first: a branch per next letter, optional where a word ends before it."""
    if len(rests) == 1:  # a word's own end, shared with none: its letters as they are (most of them)
        return re.escape(next(iter(rests)))
    following: dict[str, set[str]] = {}
    for rest in rests:
        if rest:
            following.setdefault(rest[0], set()).add(rest[1:])
    if not following:
        return ""
    tree = "|".join(re.escape(letter) + _letter_tree(ends) for letter, ends in sorted(following.items()))
    if "" in rests:
        return f"(?:{tree})?"
    return f"(?:{tree})" if len(following) > 1 else tree
