"""Inflected forms of rule terms, per language: which words of a text are a form of a term's word.

Snowball stemmers (PyStemmer) serve every language Snowball has: a word is a form when it starts
like the term and stems to the term's stem, or to the term itself (Russian "Киева" stems to
"киев", while "Киев" stems to "ки"). Languages Snowball lacks (Ukrainian, Bulgarian, Slovak…) use
simplemma's dictionary: the forms it lists under the term's lemma. Words are compared folded
(lower case), as rules.fold leaves them. Every form starts with one of `WordForms.prefixes`: the
matcher looks for those, and the full-text prefilter asks for them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Iterable

# ISO 639-1 code → Snowball algorithm (PyStemmer's names).
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil",
    "tr": "turkish", "yi": "yiddish",
}
# ISO 639-1 code → simplemma dictionary, for the languages Snowball lacks.
DICTIONARY = {
    "uk": "uk", "bg": "bg", "mk": "mk", "sk": "sk", "sl": "sl", "hr": "hbs", "bs": "hbs", "lv": "lv",
    "he": "he", "is": "is", "ka": "ka", "la": "la", "lb": "lb", "gl": "gl", "cy": "cy", "gd": "gd",
    "gv": "gv", "ml": "ml", "ms": "ms", "se": "se", "sq": "sq", "sw": "sw", "tl": "tl",
}
LANGUAGES = tuple(sorted(SNOWBALL.keys() | DICTIONARY.keys()))

_local = threading.local()  # PyStemmer's stemmers are not thread-safe: one per thread and language


def stem(language: str, word: str) -> str:
    """The Snowball stem of a folded word."""
    stemmers: dict[str, Any] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(language)
    if stemmer is None:
        import Stemmer

        stemmer = stemmers[language] = Stemmer.Stemmer(SNOWBALL[language])
    result: str = stemmer.stemWord(word)
    return result


@dataclass(frozen=True, slots=True)
class WordForms:
    """How to recognise the forms of one word of a term (folded), in the languages it was built for."""

    word: str
    prefixes: tuple[str, ...]  # every form starts with one of these
    stems: tuple[tuple[str, str], ...] = ()  # (language, the word's Snowball stem)
    forms: tuple[tuple[str, str, frozenset[str]], ...] = ()  # (language, lemma, its folded dictionary forms)

    def reason(self, candidate: str, languages: tuple[str, ...]) -> str | None:
        """Why a folded word is a form of this one in one of `languages` ("ru stem "киев""), or
        None when it is not; the word itself is always its own form ("as written")."""
        if candidate == self.word:
            return "as written"
        if not candidate.startswith(self.prefixes):
            return None
        for language, lemma, forms in self.forms:
            if language in languages and candidate in forms:
                return f'{language} form of "{lemma}"'
        for language, term_stem in self.stems:
            if language in languages:
                found = stem(language, candidate)
                if found == term_stem or found == self.word:
                    return f'{language} stem "{found}"'
        return None


def word_forms(words: Iterable[str], languages: tuple[str, ...]) -> dict[str, WordForms]:
    """WordForms for each word (as the rule writes it) in these languages, keyed by the word as given."""
    words = tuple(dict.fromkeys(words))
    by_dictionary = {language: _dictionary_forms(DICTIONARY[language], frozenset(words))
                     for language in languages if language in DICTIONARY}
    built: dict[str, WordForms] = {}
    for word in words:
        folded = _lower(word)
        starts = {folded}
        stems = []
        for language in languages:
            if language in SNOWBALL:
                word_stem = stem(language, folded)
                stems.append((language, word_stem))
                # Snowball strips endings; it may also map letters one for one (ö→o, ё→е), so a
                # form starts with the word's own first len(stem) letters, not with the stem.
                starts.add(folded[:len(word_stem)] or folded)
        forms = []
        for language, found in by_dictionary.items():
            if word in found:
                lemma, listed = found[word]
                folded_forms = frozenset(_lower(form) for form in listed) | {folded}
                forms.append((language, lemma, folded_forms))
                starts.update(folded_forms)
        built[word] = WordForms(word=folded, prefixes=_shortest(starts), stems=tuple(stems), forms=tuple(forms))
    return built


def _lower(word: str) -> str:
    """Lower case that keeps the length, with the same letters folded, as rules.fold does ("İ" is
    "i"; "ё" is "е")."""
    return fold_letters(lower_keeping_length(word))


def lower_keeping_length(text: str) -> str:
    """Lower case, one character for one (a hit's offsets are the text's). Turkish's dotted capital
    "İ" lower-cases to two, "i" and a combining dot: it is "i" ("İstanbul" is "Istanbul" in English
    and "ISTANBUL" in capitals). Any other character that would become two stays as it is."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(low if len(low := ch.lower()) == 1 else "i" if ch == "İ" else ch for ch in text)
    return lowered


# Letters a text may write either way, folded one for one (offsets survive) in matching: Russian
# writes "ё" as "е" more often than not ("Королёв", "Королев"), and a Ukrainian "ї" is often typed
# "і" (it needs a key of its own). Greek capitals drop the stress mark (the tonos): a headline in
# capitals writes "ΟΥΚΡΑΝΙΑ" for "Ουκρανία", so a stressed vowel is the vowel (the diaeresis stays:
# "ϊ" is another letter's sound). Arabic writes an alef with or without its hamza ("أوكرانيا",
# "اوكرانيا"), a final yeh with or without its dots ("ى", "ي") and ta marbuta as heh; Persian sites
# typed on Arabic keyboards write Arabic's yeh and kaf for Persian's ("ي", "ك" for "ی", "ک"). Lower-case
# text in, lower-case text out. The backtests' prefilter looks each such letter up both ways
# (storage.search; a term in Arabic letters narrows nothing there).
GREEK_STRESSED = {"ά": "α", "έ": "ε", "ή": "η", "ί": "ι", "ό": "ο", "ύ": "υ", "ώ": "ω", "ΐ": "ϊ", "ΰ": "ϋ"}
ARABIC_EITHER_WAY = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ی", "ي": "ی", "ك": "ک", "ة": "ه"}
# Romanian's s and t with a comma below, which older encodings had only with a cedilla: sites write
# "Chişinău" and "Chișinău" alike (both indexes read past either mark).
ROMANIAN_COMMA = {"ş": "ș", "ţ": "ț"}
LETTER_FOLDS = (("ё", "е"), ("ї", "і"), *GREEK_STRESSED.items(), *ARABIC_EITHER_WAY.items(), *ROMANIAN_COMMA.items())


def fold_letters(text: str) -> str:
    if text.isascii():  # most English text once rules.fold's typography has made its quotes plain
        return text
    for letter, plain in LETTER_FOLDS:
        if letter in text:
            text = text.replace(letter, plain)
    return text


def _shortest(prefixes: set[str]) -> tuple[str, ...]:
    """The prefixes no other one of the set is a prefix of (a word starting with one is enough)."""
    kept: list[str] = []
    for prefix in sorted(prefixes):
        if not kept or not prefix.startswith(kept[-1]):
            kept.append(prefix)
    return tuple(kept)


_found: dict[tuple[str, str], tuple[str, tuple[str, ...]] | None] = {}  # (dictionary, word) → forms
_found_lock = threading.Lock()


def _dictionary_forms(dictionary: str, words: frozenset[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """word → (its lemma, every word simplemma's dictionary lists under that lemma); words it does
    not know are left out. Kept per process: the dictionary is read only for words not seen yet."""
    with _found_lock:
        missing = frozenset(word for word in words if (dictionary, word) not in _found)
        if missing:
            looked_up = _read_dictionary(dictionary, missing)
            for word in missing:
                _found[(dictionary, word)] = looked_up.get(word)
        return {word: found for word in words if (found := _found[(dictionary, word)]) is not None}


def _read_dictionary(dictionary: str, words: frozenset[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Look words up in simplemma's dictionary, and list the forms of their lemmas.

    A word is looked up capitalised, as written and in lower case: a headword (its own lemma in any
    case) takes the forms of each of its spellings, any other word those of the first lemma found,
    a name's first (Ukrainian "київ" is "Київ", the city, before it is a form of "кий"). One pass
    over the dictionary serves all words; loading it is the cost (about a second for Ukrainian).
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    table = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(dictionary)
    lemmas: dict[str, list[str]] = {}
    for word in words:
        found = [lemma for variant in dict.fromkeys((word[:1].upper() + word[1:].lower(), word, word.lower()))
                 if (lemma := table.get(variant)) is not None]
        # A headword is its own lemma in any letter case ("Рада" the council and "рада" the noun
        # share their forms); a word that is only a form of another ("київ" of "кий") is not.
        own = [lemma for lemma in found if _lower(lemma) == _lower(word)]
        if own or found:
            lemmas[word] = list(dict.fromkeys(own or found[:1]))
    wanted = {lemma for found in lemmas.values() for lemma in found}
    listed: dict[str, list[str]] = {lemma: [lemma] for lemma in wanted}
    if wanted:
        for form, lemma in table.items():
            if lemma in wanted:
                listed[lemma].append(form)
    return {word: (found[0], tuple(form for lemma in found for form in listed[lemma]))
            for word, found in lemmas.items()}
