"""Story grouping's values: an item's MinHash signature (its bands, for the near-duplicate index), a
stored item that may be of the same story, and the story an item was placed in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from monitor.models.base import pickled_by_fields

if TYPE_CHECKING:
    import numpy as np

NUM_PERM = 128  # MinHash values per signature
BANDS = 64  # LSH bands of the near-duplicate index
ROWS = NUM_PERM // BANDS
MIN_CONTAINED_SHINGLES = 40  # a smaller text than this is not judged by containment
_BAND_PERSONS = [band.to_bytes(2, "little") + b"lsh" for band in range(BANDS)]  # blake2b's person per band
# One blake2b per band with its person set, copied for each signature: a new object per band parses
# the person again, and that was a third of band_keys' time (73 against 51 µs per signature).
_BAND_HASHERS = [hashlib.blake2b(digest_size=8, person=person) for person in _BAND_PERSONS]


@pickled_by_fields
@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """An item's MinHash signature and the number of word 5-grams it was made from
    (monitor.stories makes them; the store indexes them by LSH band)."""

    values: np.ndarray  # NUM_PERM uint32
    shingles: int = 0
    # The LSH band keys, worked out once where the signature is made (a parse worker), so the
    # write transaction only looks them up and stores them.
    keys: tuple[int, ...] | None = None

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int = 0) -> Signature:
        import numpy as np  # here, not at the top: every command imports these models, few need numpy (45 ms)

        return cls(np.frombuffer(data, dtype="<u4"), shingles)

    def with_band_keys(self) -> Signature:
        """This signature carrying its band keys."""
        return Signature(self.values, self.shingles, tuple(self.band_keys()))

    def band_keys(self) -> list[int]:
        """One 63-bit key per band: the band number and its rows, hashed."""
        if self.keys is not None:
            return list(self.keys)
        raw = self.values.astype("<u4").tobytes()
        width = ROWS * 4
        keys = []
        for band, band_hasher in enumerate(_BAND_HASHERS):
            hasher = band_hasher.copy()
            hasher.update(raw[band * width:(band + 1) * width])
            keys.append(int.from_bytes(hasher.digest(), "little") >> 1)  # SQLite integers are signed 64-bit
        return keys

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' 5-gram sets."""
        import numpy as np  # (see from_bytes; already loaded when there are signatures to compare)

        return float(np.count_nonzero(self.values == other.values)) / NUM_PERM

    def containment(self, other: Signature, similarity: float | None = None,
                    least: int = MIN_CONTAINED_SHINGLES) -> float:
        """Estimated share of the smaller text's 5-grams found in the larger one (0 if unknown: the
        smaller has fewer than `least`).

        From J = |A∩B| / |A∪B| and the set sizes: |A∩B| = J (|A| + |B|) / (1 + J).
        """
        smaller = min(self.shingles, other.shingles)
        if smaller < least:
            return 0.0
        j = self.similarity(other) if similarity is None else similarity
        return min(1.0, j * (self.shingles + other.shingles) / (1 + j) / smaller)


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    """A stored item within the story window that may carry the same story (store → stories.choose)."""

    item_id: int
    story_id: int
    signature: Signature | None
    via: str  # band | title (from the store's indexes) | text (the same text, by identity)
    first_seen_at: datetime | None = None  # given with the store's candidates


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a new item goes: its story (None: a new one), why, and how similar it was to the
    item that decided it (stories.choose → store)."""

    story_id: int | None
    reason: str  # first | near_duplicate | contained | title
    similarity: float | None = None
    matched_item: int | None = None
