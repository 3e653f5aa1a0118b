"""Sets of URLs held as their 64-bit hashes: about 8 bytes a URL.

No Scrapy here. The sets a crawl keeps of URLs grow with the store (the known articles)
or with every page of a run (the articles requested), and a Python set of the strings
costs about 185 bytes a URL, of 16-byte digests about 90. These keep Python's str hash
of each URL in a sorted numpy array, looked up by binary search (about a microsecond).

Two URLs share a hash with odds of 2**-64: among ten million, a new URL would be taken
for a held one about once in 10**12 lookups. Python's str hash is salted per process,
which suits a set built and read in one process; it is never stored.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable

# New hashes wait in a plain set (about 60 bytes each) until this many, then are merged
# into the sorted array, which costs a copy of the array: at ten million URLs, 80 MB
# copied per 65,536 added, about a kilobyte per URL.
BUFFER = 1 << 16


class UrlHashes:
    """URLs held as sorted 64-bit hashes, with room to add more."""

    def __init__(
        self, hashes: array[int] | None = None, *, buffer: int = BUFFER
    ) -> None:
        """Hold the URLs whose ``hash()`` values are ``hashes`` (none: no URL)."""
        self._sorted = _sorted_unique(array("q") if hashes is None else hashes)
        self._recent: set[int] = set()
        self._buffer = buffer

    @classmethod
    def of(cls, urls: Iterable[str], *, buffer: int = BUFFER) -> UrlHashes:
        return cls(array("q", map(hash, urls)), buffer=buffer)

    def add(self, url: str) -> None:
        # Not looked up first: a caller asks `in` before adding, and a hash already in
        # the sorted array is dropped when the waiting ones are merged.
        self._recent.add(hash(url))
        if len(self._recent) >= self._buffer:
            self._fold()

    def __contains__(self, url: str) -> bool:
        key = hash(url)
        return key in self._recent or _has(self._sorted, key)

    def __len__(self) -> int:
        return len(self._sorted) + len(self._waiting()[0])

    @property
    def nbytes(self) -> int:
        """About the memory held, for benchmarks/memory_probe.py."""
        return int(self._sorted.nbytes) + 60 * len(self._recent)

    def _waiting(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the waiting hashes not in the sorted array, sorted, and where they go."""
        new = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
        new.sort()
        at = self._sorted.searchsorted(new)
        held = np.zeros(len(new), dtype=bool)
        inside = at < len(self._sorted)
        held[inside] = self._sorted[at[inside]] == new[inside]
        return new[~held], at[~held]

    def _fold(self) -> None:
        """Merge the waiting hashes into the sorted array."""
        new, at = self._waiting()
        self._sorted = np.insert(self._sorted, at, new)
        self._recent.clear()


def _has(ordered: np.ndarray, key: int) -> bool:
    if not len(ordered):  # a run's first 65,536 URLs: no numpy call per lookup
        return False
    at = int(ordered.searchsorted(key))
    return at < len(ordered) and int(ordered[at]) == key


def _sorted_unique(hashes: array[int]) -> np.ndarray:
    # Sorted by hand: np.unique hashes first, several times slower on millions.
    ordered = np.sort(np.frombuffer(hashes, dtype=np.int64))
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
