"""Story signatures and text hashes are stored and compared with those of later items: the same text
must give the same values in every version, or a store's old items stop matching its new ones.

The pinned values were computed by the code of 2026-12-02 (datasketch's MinHash over CRC-32 word
5-gram hashes); a change that moves any of them needs a migration of the stored signatures.
"""

from __future__ import annotations

import hashlib
import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from monitor.clean.words import _cyrillic_apostrophes, _mostly_ascii, folded_words, spaced, word_bytes
from monitor.dedupe import hashes
from monitor.models import NUM_PERM
from monitor.scripts import cyrillic_i
from monitor.stories import SEED, shingles, signature, words

TEXTS = {
    "ascii": "Ukraine's president said on Tuesday that talks with Moscow over the Donbas region would resume "
             "next month, after envoys met for several hours in Minsk without agreeing on a new ceasefire line.",
    "accents": "Le président a déclaré mardi que les négociations reprendraient le mois prochain à Genève, après "
               "une réunion de plusieurs heures à Minsk sans accord sur la ligne de cessez-le-feu.",
    "cyrillic": "Президент Украины заявил во вторник, что переговоры с Москвой по Донбассу возобновятся в "
                "следующем месяце после встречи посланников в Минске без согласия о новой линии прекращения огня.",
    "repeats": " ".join(["the cat sat on the mat"] * 10) + " and then the dog barked at the mailman twice",
}

# name: (5-grams, sha256 of the signature's bytes, sha256 of repr(band keys))
PINNED = {
    "ascii": (29, "21a1ed26dfe02a75c583ea4423f79e5536609ed240879ff77066152a1228e6b6",
              "449e22f3bdcc696c10334db08d8425782a86cf7ee637ae97b9a56a92d871c1a6"),
    "accents": (27, "a7d070b2df068bf226532f0845cfe15535236be438865c487eee3c96baac1afc",
                "17ce93df9c7ad6ddafd03fa4975124ea49c09f9d0145146727d70a64b519f520"),
    "cyrillic": (23, "a13ff87948062c22c876c2856cc8d944be3f79b514017dd5c6fac799551d0aff",
                 "1b56105d138f4b296a81bcbb792501de93b9a4affb8bc5e9227cdba720368607"),
    "repeats": (15, "11e22d2acd62c5238e986b1daa2346b28651bd70f2be3057be799344fb84e961",
                "73fc4a9abe7224968c5255a1c8231571db9d9ec0de49078b2affbf0dd1ba5488"),
}

PINNED_HASHES = {
    "ascii": ("59b0205c2c8be6b6d4fb1013455c5c25eda4591751ef9dd4ba3cf5099cc79d43",
              "2ddeff653d26f33074253f6026e8ae395ec9920d8ef50fc400896d73b79ba7e6"),
    "cyrillic": ("124b39a1163fbe15bd9d485903352fe77274ce068e8705b9c1faf1dda41eb320", None),
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_signature_values_are_pinned(name: str) -> None:
    count, values_digest, keys_digest = PINNED[name]
    sig = signature(TEXTS[name])
    assert sig is not None
    assert sig.shingles == count == len(shingles(TEXTS[name]))
    assert sig.values.dtype == np.uint32 and sig.values.shape == (NUM_PERM,)
    assert hashlib.sha256(sig.to_bytes()).hexdigest() == values_digest
    assert sig.keys is not None
    assert hashlib.sha256(repr(sig.keys).encode()).hexdigest() == keys_digest
    # The keys carried from the worker are the ones a stored signature's bytes give back.
    assert sig.keys == tuple(type(sig).from_bytes(sig.to_bytes()).band_keys())


@pytest.mark.parametrize("name", sorted(PINNED_HASHES))
def test_content_and_text_hashes_are_pinned(name: str) -> None:
    assert hashes("T", "", TEXTS[name]) == PINNED_HASHES[name]


def test_permutations_are_datasketchs() -> None:
    from monitor.stories import _A, _B
    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    assert _A.dtype == _B.dtype == np.uint32
    assert np.array_equal(_A, a) and np.array_equal(_B, b)


def test_the_pipeline_does_not_load_datasketch_or_scipy() -> None:
    """datasketch's package imports scipy (~58 MB resident): the daemon and each parse worker would
    carry it for two rows of permutations."""
    code = ("import sys, monitor.analysis, monitor.daemon, jobs.ingest; "
            "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent).stdout
    assert loaded.strip() == "[]"


def test_signature_is_datasketchs_minhash_of_the_shingles() -> None:
    """The signature equals datasketch's own MinHash (scheme and permutations of seed SEED) fed the
    same 5-gram hashes, on texts of many sizes and alphabets."""
    rng = random.Random(7)
    vocabulary = ["talks", "Minsk", "résumé", "Донбасс", "東京", "ceasefire", "the", "a", "naïve", "ß",
                  "İstanbul", "x2", "_id", "٣٤", "co-op"] + [f"w{n}" for n in range(300)]
    for size in (12, 16, 40, 200, 1500):
        text = " ".join(rng.choice(vocabulary) for _ in range(size))
        grams = shingles(text)
        sig = signature(text)
        if len(grams) < 12:
            assert sig is None
            continue
        reference = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=lambda value: value)
        reference.update_batch(grams.tolist())
        assert sig is not None
        assert np.array_equal(sig.values, reference.hashvalues.astype(np.uint32))


def test_a_ukrainian_copy_typed_with_latin_is_has_its_originals_words() -> None:
    # An English keyboard layout's "i" for "і" ("Резнiков", "Украiна"): the copy had shared no word,
    # 5-gram or text hash with its original, and started a story of its own.
    original = "Резніков назвав найімовірніший час для ескалації з боку Росії, заявив міністр у Києві."
    typed = original.replace("і", "i")
    assert typed != original
    assert words(typed) == words(original)
    assert hashes("", "", typed) == hashes("", "", original)
    assert word_bytes("iPhone і iPad", strip_accents=True) == [b"iphone", b"\xd1\x96", b"ipad"]  # Latin words stay


def test_words_in_bytes_are_the_regular_expressions_words() -> None:
    """word_bytes() (what the 5-gram hashes and the text hashes are taken over) splits the text as
    \\w+ does, in every alphabet: with accents stripped, folded_words(); without, the case-folded
    text's words (an apostrophe between Cyrillic letters the letter "ʼ", as Ukrainian writes it, and
    a Latin "i" next to a Cyrillic letter Ukrainian's "і")."""
    rng = random.Random(11)
    # ASCII, Latin with accents, ligatures, Turkish dotted I, Greek, Cyrillic, Arabic-Indic digits,
    # CJK, combining marks, punctuation (curly quotes, dashes, ellipsis), spaces of all kinds, emoji,
    # what NFKD turns into capitals after the case folding ("™" → "TM"), into jamo (Hangul) or into
    # a letter and a combining mark, and combining marks in runs to reorder; and what folds into
    # ASCII (the Kelvin sign) or into Cyrillic (Old Church Slavonic's rounded "ᲀ", a "в").
    alphabet = (list("aZ9_ -.,;'\"\t\n") + list("éÉßæŒǅﬁİıΣςжЖаіiï٣٤東京ー") + ["e\u0301", "\u0308", "\u200d"]
                + list("“”‘’—–…\u00a0\u2009\u3000") + ["😀", "👍🏽", "\u00ad", "²", "Ⅻ", "™", "㎒", "ℌ"]
                + ["한", "\u212b", "ﾊﾟ", "①", "\u0301\u0327", "ǅ", "Ǆ", "\u212a", "\u1c80", "ẞ"])
    # Mostly ASCII with a rare other character (a Latin alphabet's text) takes the encoder's path,
    # mostly other characters (Cyrillic, Greek, CJK) the regular expression's: both are checked.
    ascii_part = list("abcdefghij XYZ 0123456789 _-.,;'\"\t\n")
    sparse = dense = 0
    for n in range(4000):
        if n % 2:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        else:
            text = "".join(rng.choice(alphabet) if rng.random() < 0.03 else rng.choice(ascii_part)
                           for _ in range(rng.randint(0, 200)))
        folded = text.casefold()
        if not folded.isascii():
            sparse += _mostly_ascii(folded)
            dense += not _mostly_ascii(folded)
        assert word_bytes(text, strip_accents=True) == [word.encode("utf-8") for word in folded_words(text)], repr(text)
        # Signatures and title keys take a Chinese or Japanese character for a word of its own.
        assert words(text) == folded_words(spaced(text)), repr(text)
        assert word_bytes(text, strip_accents=False) == [
            word.encode("utf-8") for word in re.findall(r"\w+", _cyrillic_apostrophes(cyrillic_i(text.casefold())))], \
            repr(text)
    assert sparse > 1000 and dense > 1000
