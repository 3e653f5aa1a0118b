"""Whether the page says its article is behind a paywall.

A paywalled page usually serves the first paragraphs only, so its body is a teaser;
``paywalled`` lets users tell. Read from what publishers declare for search engines:
schema.org ``isAccessibleForFree`` on the article (or on a ``hasPart`` element, the
markup search engines ask paywalled sites for) and the ``article:content_tier`` meta tag
("locked" or "free"; "metered" pages are free up to a count of views, so they stay
undecided). Nothing declared: ``None``, not a guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newscrawl.extraction import structured

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document

_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})
_TIERS = {"locked": True, "free": False}


def read_paywalled(doc: Document) -> bool | None:
    """Return True when the page declares its article not free to read, False if free."""
    nodes = structured.article_nodes(doc)
    for node in nodes:
        free = _flag(node.get("isAccessibleForFree"))
        if free is not None:
            return not free
    for node in nodes:
        parts = node.get("hasPart")
        for part in parts if isinstance(parts, list) else [parts]:
            if (
                isinstance(part, dict)
                and _flag(part.get("isAccessibleForFree")) is False
            ):
                return True
    tier = (doc.meta_first("article:content_tier") or "").strip().lower()
    return _TIERS.get(tier)


def _flag(value: Any) -> bool | None:
    """Read a schema.org Boolean, which pages write as JSON true/false or as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower().removeprefix("https://schema.org/")
        text = text.removeprefix("http://schema.org/")
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return None
