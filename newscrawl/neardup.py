"""Near-duplicate bodies: MinHash signatures, LSH band keys and an in-memory index.

No Scrapy and no SQL here. The store persists what :func:`signature` and
:func:`band_keys` compute; the dedup pipeline asks the store and a :class:`RunIndex`.

A body is reduced to its normalized words (the same normalization as the exact
fingerprint), cut into overlapping word shingles and sketched with datasketch's
MinHash. Locality-sensitive hashing splits the signature into bands: two bodies that
share any band are candidates, and a candidate counts only when the estimated Jaccard
similarity of the two signatures reaches the threshold.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

from newscrawl.fingerprint import normalize_for_fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    Signature = NDArray[np.uint32]

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5
# Below this many words a five-word shingle set is too small to estimate from, so short
# bodies (briefs, captions, tickers) rely on the exact fingerprint alone.
MIN_WORDS = 50
# A body in a script written without spaces (most of its characters Han, kana, Thai,
# Lao, Khmer or Burmese) of at least this many characters is shingled by characters,
# five at a time (two or three words), when it has too few words.
MIN_UNSPACED_CHARS = 100
SHINGLE_CHARS = 5
_unspaced_script_pattern = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]"
)
# The banding is fixed, because it is persisted: changing it means re-indexing the store.
# datasketch picks 32 bands of 4 rows for 0.4: a pair shares a band, 1 - (1 - J**4)**32,
# with probability 0.87 at Jaccard 0.5, 0.988 at 0.6 and 0.9998 at 0.7. So at the
# default threshold of 0.5 a copy right at the threshold is missed one time in eight.
# The benchmark's copies (median Jaccard 0.73 to 1.0 for one edit, 0.58 for a mix of
# edits) are found with recall 0.993 (benchmarks/near_duplicates.py).
LSH_THRESHOLD = 0.4
_SCHEME = "affine32"
# Bits of each value kept in the compact copy of a signature that screens candidates
# (see check_bits): 64 bytes a body, an eighth of the signature, and chance nibble
# matches (1 in 16) stay far below any threshold worth setting.
CHECK_BITS = 4
_CHECK_MASK = (1 << CHECK_BITS) - 1
_NIBBLE_LOW_BITS = int.from_bytes(b"\x11" * (NUM_PERM // 2), "little")

_lsh_shape = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
BAND_RANGES: tuple[tuple[int, int], ...] = tuple(_lsh_shape.hashranges)
# Built once: MinHash would otherwise draw its permutations again for every body.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations


class Sketch(NamedTuple):
    """A body's MinHash signature and its LSH band keys, computed once."""

    values: Signature
    keys: tuple[int, ...]


class Match(NamedTuple):
    """A stored or already-seen body that a new one nearly copies."""

    canonical_url: str
    similarity: float


def shingles(body: str) -> set[bytes]:
    """Overlapping word n-grams of the normalized body, empty when it is short.

    Chinese, Japanese, Thai and the other scripts written without spaces between words
    split only at punctuation: a news brief of theirs has too few "words" and would be
    left to the exact fingerprint. Such a body is shingled by characters instead. Only
    a body that would get no word shingles is, so the signatures already stored stay
    comparable with new ones.
    """
    normalized = normalize_for_fingerprint(body)
    words = normalized.split()
    if len(words) >= MIN_WORDS:
        return {
            " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)
        }
    chars = "".join(words)
    if len(chars) < MIN_UNSPACED_CHARS or 2 * len(
        _unspaced_script_pattern.findall(chars)
    ) < len(chars):
        return set()
    return {
        chars[i : i + SHINGLE_CHARS].encode("utf-8")
        for i in range(len(chars) - SHINGLE_CHARS + 1)
    }


@lru_cache(maxsize=64)
def signature(body: str | None) -> Sketch | None:
    """MinHash sketch of ``body``; None for a body too short to shingle (:func:`shingles`).

    Cached because the dedup pipeline and the store both sketch the same body object.
    """
    grams = shingles(body or "")
    if not grams:
        return None
    sketch = MinHash(
        num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=_SCHEME
    )
    sketch.update_batch(grams)
    values: Signature = sketch.hashvalues.astype(np.uint32)
    values.flags.writeable = False
    return Sketch(values, band_keys(values))


def band_keys(sig: Signature) -> tuple[int, ...]:
    """One signed 32-bit key per LSH band, so SQLite can index them as INTEGER.

    32 bits keep the band rows small; a chance collision only adds a candidate, which
    the similarity check then turns down.
    """
    keys = []
    for band, (start, end) in enumerate(BAND_RANGES):
        digest = hashlib.blake2b(
            sig[start:end].tobytes(), digest_size=4, salt=band.to_bytes(16, "little")
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return tuple(keys)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: Signature) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> Signature:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def check_bits(sig: Signature) -> bytes:
    """Keep the low :data:`CHECK_BITS` bits of every value, two values to a byte.

    Values that are equal are equal in their low bits too, so the share of equal
    nibbles is never below the share of equal values: a candidate whose nibbles fall
    short of a threshold cannot reach it with its full signature either.
    """
    nibbles = (sig & _CHECK_MASK).astype(np.uint8)
    return bytes(nibbles[0::2] | (nibbles[1::2] << CHECK_BITS))


def could_be_similar(
    sig: Signature, checks: Sequence[bytes | None], threshold: float
) -> list[bool]:
    """Tell, for each stored :func:`check_bits`, whether its signature may reach ``threshold``.

    Never False for a signature that does (see :func:`check_bits`); a missing check
    (``None``, a row an older version wrote) is always worth reading. Unrelated
    bodies share a nibble by chance once in 16 values, far below any useful threshold.
    Plain integers: for the handful of candidates of a lookup, numpy's set-up would
    cost more than the comparisons.
    """
    if not checks:
        return []
    mine = int.from_bytes(check_bits(sig), "little")
    verdicts = []
    for check in checks:
        if check is None:
            verdicts.append(True)
            continue
        differ = mine ^ int.from_bytes(check, "little")
        # One bit per value, at its nibble's lowest place: set when any bit differs.
        differ = (differ | differ >> 1 | differ >> 2 | differ >> 3) & _NIBBLE_LOW_BITS
        verdicts.append((len(sig) - differ.bit_count()) / len(sig) >= threshold)
    return verdicts


def best_match(
    sig: Signature,
    candidates: Iterable[tuple[str, Signature]],
    threshold: float,
) -> Match | None:
    """Return the first candidate (in the given order) similar enough to ``sig``."""
    for url, other in candidates:
        score = similarity(sig, other)
        if score >= threshold:
            return Match(url, score)
    return None


class RunIndex:
    """Band keys of the bodies let through in this run, before the store has them."""

    def __init__(self) -> None:
        self._by_key: dict[int, list[int]] = {}
        self._entries: list[tuple[str, Signature]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, canonical_url: str, sketch: Sketch) -> None:
        position = len(self._entries)
        self._entries.append((canonical_url, sketch.values))
        for key in sketch.keys:
            self._by_key.setdefault(key, []).append(position)

    def find(
        self, sketch: Sketch, threshold: float, *, other_than: str
    ) -> Match | None:
        """Return the earliest added body near ``sketch``, not counting ``other_than``."""
        positions = sorted(
            {p for key in sketch.keys for p in self._by_key.get(key, ())}
        )
        candidates = (
            self._entries[p] for p in positions if self._entries[p][0] != other_than
        )
        return best_match(sketch.values, candidates, threshold)
