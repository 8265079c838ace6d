"""Writing systems the text code must tell apart: those written without spaces between words, and
those that write short words onto the next (Arabic's and Hebrew's proclitics) or the one before
(Korean's particles).

Chinese and Japanese (hiragana, katakana and the CJK ideographs, U+3040-U+9FFF) put no spaces
between words, nor do Thai, Lao, Tibetan, Myanmar (U+0E00-U+109F) and Khmer (U+1780-U+17FF), which
put them between phrases. Where the product counts words (clean.words.has_words), finds a term's
edges (rules) or asks a full-text index for a word (storage.search), their characters need another
reading than str.split() and \\w+ give. Chinese and Japanese characters each say about what a word
of two Latin letters does: they are shingled one by one for story signatures (clean.words.spaced)
and weigh more where a text's length is judged (a headline, a social link's line). The other five
write a word with several letters and marks, and are left as they are there. Here, not in
monitor.clean: the matcher and the store, which read-only commands import, must not import lxml
with it.
"""

from __future__ import annotations

import re
import unicodedata

CJK_FIRST, CJK_LAST = "\u3040", "\u9fff"
CJK_CHARACTER = re.compile(f"[{CJK_FIRST}-{CJK_LAST}]")
# Thai, Lao, Tibetan, Myanmar and Khmer letters and marks: about five of them make a word.
SPACELESS_ABUGIDA_CHARACTER = re.compile("[\u0e00-\u109f\u1780-\u17ff]")
SPACELESS_CHARACTER = re.compile(f"[\u0e00-\u109f\u1780-\u17ff{CJK_FIRST}-{CJK_LAST}]")
# Korean writes its particles onto the word before them ("우크라이나는", "러시아의", "NATO가"): a term
# ends where a Hangul syllable follows as where a space does (rules.scanning), and a term in Hangul
# matches a word it starts (rules.folding.bounded_after), particles and all.
HANGUL_FIRST, HANGUL_LAST = "\uac00", "\ud7a3"
HANGUL_SYLLABLE = re.compile(f"[{HANGUL_FIRST}-{HANGUL_LAST}]")
# The languages written in these scripts. A full-text index holds "NATO加盟国" or "NATO는" as one
# word, where the matcher finds "NATO": a backtest's prefilter keeps every item in these languages
# (storage.search).
RUN_ON_LANGUAGES = ("ja", "zh", "th", "lo", "bo", "my", "km", "ko")


def _as_ranges(codes: list[int]) -> str:
    runs: list[tuple[int, int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return "".join(chr(first) if first == last else f"{chr(first)}-{chr(last)}" for first, last in runs)


# The capital letters of the Latin (Č, Š, Ł, Ő, Ș, İ, Vietnamese's Đ and Ả…), Greek and Cyrillic (Ђ, Ј,
# Ў…) alphabets, as a regular expression's class body: a name's word opens with one. Latin-1's and
# Russian's alone had left "Jurgita Čeponytė" no person's name.
CAPITALS = _as_ranges([code for code in (*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00))
                       if chr(code).isupper()])


# Arabic and Hebrew write a few short words as the first letters of the next one: "and", "so",
# "in", "as", "to", "from", "that" and the article ("والناتو": and the NATO; "באוקראינה": in
# Ukraine). A term is found after them as after a space (rules.scanning: `after_proclitics`), and
# a full-text index, which holds the whole word, cannot narrow a search for a term in these scripts
# (storage.search). The sequences a word can open with: Arabic's conjunction, then a preposition,
# then the article (ل with ال is written لل); Hebrew's conjunction, then "that", then a preposition
# or the article. Kaf either way, as rules.fold writes it ("ک": forms.ARABIC_EITHER_WAY).
PROCLITIC_FIRST, PROCLITIC_LAST = "\u0590", "\u06ff"  # Hebrew, Arabic
PROCLITIC_CHARACTER = re.compile(f"[{PROCLITIC_FIRST}-{PROCLITIC_LAST}]")
PROCLITICS = frozenset(
    {conjunction + ("لل" if (preposition, article) == ("ل", "ال") else preposition + article)
     for conjunction in ("", "و", "ف") for preposition in ("", "ب", "ك", "ک", "ل") for article in ("", "ال")}
    | {conjunction + that + preposition
       for conjunction in ("", "ו") for that in ("", "ש", "כש") for preposition in ("", "ב", "כ", "ל", "מ", "ה", "מה")}
) - {""}
_LONGEST_PROCLITICS = max(map(len, PROCLITICS))


def after_proclitics(text: str, start: int) -> bool:
    """Whether the letters of its word before `start` are Arabic or Hebrew proclitics (PROCLITICS)."""
    for length in range(1, min(start, _LONGEST_PROCLITICS) + 1):
        first = start - length
        if text[first:start] in PROCLITICS and (first == 0 or not is_word_char(text[first - 1])):
            return True
    return False


def is_word_char(ch: str) -> bool:
    """Whether a character is a word's: str.isalnum() or "_", a regular expression's word character,
    or a combining mark (is_mark)."""
    return ch.isalnum() or ch == "_" or is_mark(ch)


def is_mark(ch: str) -> bool:
    """Whether a character is a combining mark: Hindi's and Bengali's vowel signs and virama, Arabic's
    short vowels. They are inside a word, not its edge: "रूस" (Russia) is no word of "रूसी" (Russian)."""
    return ch > "\u02ff" and unicodedata.category(ch)[0] == "M"


def written_with_proclitics(text: str) -> bool:
    """Whether a text has a Hebrew or Arabic letter (a word of it may open with proclitics)."""
    return PROCLITIC_CHARACTER.search(text) is not None


def is_spaceless(ch: str) -> bool:
    """Whether a character is of a script written without spaces between words (one of them, or
    none, in the rules' scan: compared, not looked up with a regular expression)."""
    return CJK_FIRST <= ch <= CJK_LAST or "\u0e00" <= ch <= "\u109f" or "\u1780" <= ch <= "\u17ff"


def in_spaceless_script(text: str) -> bool:
    """Whether a text has a character of a script written without spaces between words."""
    return SPACELESS_CHARACTER.search(text) is not None


def in_hangul(text: str) -> bool:
    """Whether a text has a Hangul syllable."""
    return HANGUL_SYLLABLE.search(text) is not None


def in_cjk_script(text: str) -> bool:
    """Whether a text has a Chinese or Japanese character."""
    return CJK_CHARACTER.search(text) is not None


# A Ukrainian word typed with the Latin "i" or "ï" for its "і" or "ї" (an English keyboard layout
# gives them: "Украiна", "Киïв") reads the same: it did not match the term "Україна" (rules.folding,
# where "ї" is "і" too), and a copy typed so shared no word with its original (clean.words, the
# story signatures' words). Folded to "і" where a neighbour is Cyrillic. A text without Cyrillic is
# told by a look for four of its commonest letters (a C search each); in one with Cyrillic, only its
# Latin "i"s are visited.
_LATIN_FOR_CYRILLIC = (("i", "і"), ("ï", "і"))


def cyrillic_i(text: str) -> str:
    """Lower-case text with a Latin "i" or "ï" next to a Cyrillic letter as Ukrainian's "і", its
    length kept: the matcher's words (rules.folding) and the story signatures' (clean.words)."""
    if not ("о" in text or "а" in text or "е" in text or "і" in text) or not ("i" in text or "ï" in text):
        return text
    chars: list[str] | None = None
    last = len(text) - 1
    for latin, cyrillic in _LATIN_FOR_CYRILLIC:
        at = text.find(latin)
        while at != -1:
            if (at > 0 and "\u0400" <= text[at - 1] <= "\u04ff") or (at < last and "\u0400" <= text[at + 1] <= "\u04ff"):
                if chars is None:
                    chars = list(text)
                chars[at] = cyrillic
            at = text.find(latin, at + 1)
    return "".join(chars) if chars is not None else text
