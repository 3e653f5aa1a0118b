"""Content fingerprints: one hash for every copy of the same article text."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

# Unicode categories folded away: punctuation, symbols, separators, controls and format
# marks, so quotes, dashes, bullets and spacing differences between copies do not matter.
_folded_categories = frozenset("PSZC")


# Cached: the dedup pipeline fingerprints a body and the near-duplicate sketch shingles
# the same body object right after; the per-character fold is the costly part.
@lru_cache(maxsize=64)
def normalize_for_fingerprint(text: str) -> str:
    """Casefold ``text`` and reduce it to its words separated by single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    chars = [
        " " if unicodedata.category(c)[0] in _folded_categories else c for c in folded
    ]
    return " ".join("".join(chars).split())


def content_fingerprint(body: str | None) -> str | None:
    """Hex digest of the normalized body, or None when it holds no words at all."""
    normalized = normalize_for_fingerprint(body or "")
    if not normalized:
        return None
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=20).hexdigest()
