"""Content fingerprints: one hash for every copy of the same article text."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

# Unicode categories folded away: punctuation, symbols, separators, controls and format
# marks, so quotes, dashes, bullets and spacing differences between copies do not matter.
_folded_categories = frozenset("PSZC")


class _FoldTable(dict[int, str]):
    """``str.translate`` table: a folded category's character to a space, others kept.

    Filled as characters are met, so each costs one category lookup per process and
    the fold runs in C; the same characters as a per-character loop, twice as fast.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = " " if unicodedata.category(char)[0] in _folded_categories else char
        self[code] = folded
        return folded


_fold_table = _FoldTable()


# Cached: the dedup pipeline fingerprints a body and the near-duplicate sketch shingles
# the same body object right after.
@lru_cache(maxsize=64)
def normalize_for_fingerprint(text: str) -> str:
    """Casefold ``text`` and reduce it to its words separated by single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.translate(_fold_table).split())


def content_fingerprint(body: str | None) -> str | None:
    """Hex digest of the normalized body, or None when it holds no words at all."""
    normalized = normalize_for_fingerprint(body or "")
    if not normalized:
        return None
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=20).hexdigest()
