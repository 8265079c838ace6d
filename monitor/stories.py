"""Which story an item carries: near-duplicate detection by MinHash over the article text.

Copies of one story (a wire story reprinted with headline tweaks, bylines, trimmed or reordered
paragraphs and outlet boilerplate; an article and its update under another URL) share most of
their word 5-grams; two outlets' own reports on the same event share few (a quoted statement at
most). The Jaccard similarity of 5-gram sets is estimated from 128-value MinHash signatures; an
LSH index of 64 bands × 2 rows finds the candidates (probability of becoming one: 0.99 from
similarity 0.27, 0.72 at 0.14, 0.15 at 0.05).

Two items carry the same story when their similarity reaches settings.story_threshold (0.5), or
when the smaller text is mostly inside the larger one (containment, estimated from the Jaccard
estimate and both texts' 5-gram counts, reaches CONTAINMENT_THRESHOLD): a heavily trimmed wire
copy is contained in its original although their Jaccard similarity is low, while a report that
quotes the same statement as another is not. Both thresholds were chosen from measurements on the
labelled evaluation set (bench/bench_eval.py): see the README.

Texts under MIN_SHINGLES 5-grams are too short to compare this way; for them only the cheap layer
applies: the same normalized headline within the story window.

The store finds the candidates (LSH band and title-key lookups within the window); `choose`
decides among them.
"""

from __future__ import annotations

import re
import zlib
from datetime import datetime, timedelta

import numpy as np

from monitor.clean.words import folded_words, spaced, word_bytes
from monitor.models import NUM_PERM, Placement, Signature, StoryCandidate

SHINGLE = 5
MIN_SHINGLES = 12
SIMILARITY_THRESHOLD = 0.5
# 0.6, not 0.5: between texts of about the same length the containment estimate is the Dice
# coefficient, 2J / (1 + J), and at 0.5 two different stories of one day that end with the same
# background paragraphs joined (a wire's two statements of one spokesman, 0.51-0.58 in the story
# batteries). No copy of a story in those batteries or the evaluation set falls between the two.
CONTAINMENT_THRESHOLD = 0.6
SEED = 1

# Prefixes and suffixes outlets add to a wire headline: "WIRE:", "UPDATE 2-", "Срочно!", "ТЕРМІНОВО.",
# "… | Outlet", "… - Outlet", "… (ВИДЕО)". An emoji ahead ("⚡️ Срочно: …") is no word, so no part of the key.
_URGENT_WORDS = ("update", "updated", "wire", "breaking", "exclusive", "analysis", "corrected", "live",
                 "срочно", "молния", "важно", "эксклюзив", "обновлено", "видео", "фото", "онлайн",
                 "терміново", "блискавка", "важливо", "ексклюзив", "оновлено", "відео", "наживо")
_TITLE_PREFIX = re.compile(rf"^(?:\W*(?:{'|'.join(_URGENT_WORDS)})\b\s*\d*\s*[:\-–—.!|]\s*)+", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,40}$")
_TITLE_MEDIA_MARK = re.compile(r"\s*[(\[](?:видео|відео|фото|video|photos?|live|онлайн|наживо|обновлено|оновлено|updated)"
                               r"[)\]]$", re.IGNORECASE)


def same_story(a: Signature, b: Signature, threshold: float = SIMILARITY_THRESHOLD,
               containment: float = CONTAINMENT_THRESHOLD) -> tuple[bool, float, str]:
    """(whether two texts carry one story, the score that decided, "near_duplicate" | "contained")."""
    j = a.similarity(b)
    if j >= threshold:
        return True, j, "near_duplicate"
    inside = a.containment(b, j)
    if inside >= containment:
        return True, inside, "contained"
    return False, j, "near_duplicate"


def words(text: str) -> list[str]:
    """Case-folded, accent-stripped words: the unit both signatures and title keys are built from
    (a Chinese or Japanese character is a word of its own: clean.words.spaced)."""
    return folded_words(spaced(text))


_MULTIPLIERS = np.array([0x01000193 ** (SHINGLE - 1 - i) % 2**32 for i in range(SHINGLE)], dtype=np.uint64)


def shingles(text: str) -> np.ndarray:
    """32-bit hashes of the text's distinct word 5-grams.

    Each word is hashed once (CRC-32 of its UTF-8 bytes: stable across processes and restarts,
    unlike hash()), and a 5-gram's hash is a polynomial of its words' hashes, computed for all
    5-grams at once. Hashing every 5-gram's text with SHA-1, datasketch's default, cost more than
    everything else per item.
    """
    tokens = word_bytes(spaced(text), strip_accents=True)  # words(text), as UTF-8
    if len(tokens) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    codes = np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    count = len(codes) - SHINGLE + 1
    grams = codes[:count] * _MULTIPLIERS[0]
    for offset in range(1, SHINGLE):
        grams += codes[offset:offset + count] * _MULTIPLIERS[offset]
    grams &= 0xFFFFFFFF
    grams.sort()  # then distinct values: np.unique() does the same at several times the cost
    return grams[np.concatenate(([True], grams[1:] != grams[:-1]))]




def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    # datasketch's MinHash permutations, scheme "affine32" (h -> a·h + b mod 2**32, a odd), drawn
    # as its _init_permutations draws them. Made here, not by datasketch: importing datasketch
    # imports scipy (for its LSH), ~58 MB resident in the daemon and in each parse worker, for
    # these two rows. tests/test_signatures.py checks they equal datasketch's own.
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


# Applying the permutations to the whole array of 5-gram hashes is what datasketch's update_batch()
# does, minus a Python list and a call per 5-gram; tests/test_signatures.py checks both agree.
_A, _B = _permutations(NUM_PERM, SEED)
_B_COLUMN = _B.reshape(-1, 1)


def _fmix32(values: np.ndarray) -> np.ndarray:
    # MurmurHash3's finalizer, which datasketch applies to each input before permuting it.
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signature(text: str) -> Signature | None:
    """The MinHash signature of a text, or None when it is too short to compare reliably."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    # One row per permutation, its minimum taken along contiguous memory, which numpy vectorizes:
    # a row per 5-gram and the minimum down each column took 15-25% longer (700-1,500 5-grams).
    permuted = np.multiply.outer(_A, _fmix32(grams.astype(np.uint32)))
    permuted += _B_COLUMN  # uint32 arithmetic: wraps modulo 2**32, as datasketch's
    values = permuted.min(axis=1)
    return Signature(values, len(grams)).with_band_keys()


def title_key(title: str) -> str | None:
    """A headline reduced to its words, without wire prefixes or an outlet suffix; None if too short."""
    stripped = _TITLE_SUFFIX.sub("", _TITLE_MEDIA_MARK.sub("", _TITLE_PREFIX.sub("", title.strip())))
    key = " ".join(words(stripped))
    return key if len(key.split()) >= 4 else None


def story_text(title: str, summary: str, body: str) -> str:
    """The text a story is recognised by: the article body, else the summary (never the headline)."""
    return body or summary or title


# A new item this close to the member that placed it adds nothing to the band index: that member
# already finds whatever would find it. Without this, N copies of one text put N rows behind each of
# the same 64 band keys, and placing each copy compared it with all the earlier ones (quadratic).
REPRESENTED_SIMILARITY = 0.9


def needs_own_bands(placement: Placement) -> bool:
    """Whether a newly placed item is indexed for later lookups, or is represented by the member
    it matched (a near-exact copy)."""
    return not (placement.reason == "near_duplicate" and (placement.similarity or 0.0) >= REPRESENTED_SIMILARITY)


# The weak signs of one story join an item first seen this long before at most; copies of one story
# come within hours. A headline alone (a text too short to compare) that comes back a day later
# ("Corona-Liveblog", "Live updates", a daily briefing's) is the next day's story. So are texts only
# loosely alike (below LOOSE_SIMILARITY, and less than LOOSE_CONTAINMENT of the smaller inside the
# other): a daily report written to a template (the day's COVID figures, a central bank's rates, the
# JFO's ceasefire report) repeats its sentences around other figures and places, each day's scored
# 0.36-0.58 against the last, and two weeks of reports had been one story, with one alert per rule.
# A copy republished the next day is most of its original (trimmed: contained), or the same text.
RECENT_WINDOW = timedelta(hours=12)
LOOSE_SIMILARITY = 0.7
LOOSE_CONTAINMENT = 0.8


def _seen_before(candidate: StoryCandidate, recent_since: datetime | None) -> bool:
    """Whether a candidate was first seen before `recent_since` (False where either is unknown)."""
    return recent_since is not None and candidate.first_seen_at is not None and candidate.first_seen_at < recent_since


def _loosely_alike(sig: Signature, other: Signature, similarity: float) -> bool:
    return similarity < LOOSE_SIMILARITY and sig.containment(other, similarity) < LOOSE_CONTAINMENT


def choose(sig: Signature | None, candidates: list[StoryCandidate], threshold: float = SIMILARITY_THRESHOLD,
           containment: float = CONTAINMENT_THRESHOLD, recent_since: datetime | None = None) -> Placement:
    """The story a new item joins among the store's candidates, or a new story (story_id None).

    A candidate with the very same text (via "text": found by identity, see dedupe.classify's COPY)
    decides first. Then near-duplicate text (the best-scoring candidate wins). Then the cheap layer:
    the same headline (wire prefixes and outlet suffixes aside), trusted alone only when the texts
    are too short to compare; otherwise they must also be at least loosely similar, so a recycled
    headline does not merge two stories. A headline alone, and a text only loosely like a
    candidate's (LOOSE_SIMILARITY, LOOSE_CONTAINMENT), join only a candidate first seen since
    `recent_since` (when given and known: RECENT_WINDOW).
    """
    for candidate in candidates:
        if candidate.via == "text":
            return Placement(candidate.story_id, "near_duplicate", 1.0, candidate.item_id)
    best: Placement | None = None
    if sig is not None:
        for candidate in candidates:
            if candidate.via != "band" or candidate.signature is None:
                continue
            same, score, how = same_story(sig, candidate.signature, threshold, containment)
            if same and _seen_before(candidate, recent_since) \
                    and _loosely_alike(sig, candidate.signature, sig.similarity(candidate.signature)):
                continue  # (an old candidate: rare, so its similarity is estimated again here)
            if same and (best is None or score > (best.similarity or 0.0)):
                best = Placement(candidate.story_id, how, score, candidate.item_id)
    if best is not None:
        return best
    for candidate in candidates:
        if candidate.via != "title":
            continue
        if sig is None or candidate.signature is None:
            if not _seen_before(candidate, recent_since):
                return Placement(candidate.story_id, "title", None, candidate.item_id)
            continue
        # Or, under the same headline, a short text (a teaser, a summary of a sentence or two) mostly
        # inside the other: too few of its 5-grams to judge containment alone, as the text layer
        # does not, but with the headline's word for it (a summary inside another story is rare).
        score = sig.similarity(candidate.signature)
        if _seen_before(candidate, recent_since) and _loosely_alike(sig, candidate.signature, score):
            continue  # a daily report's headline, its text on another day's template
        if score >= threshold / 2 or sig.containment(candidate.signature, score, MIN_SHINGLES) >= containment:
            return Placement(candidate.story_id, "title", score, candidate.item_id)
    return Placement(None, "first")
