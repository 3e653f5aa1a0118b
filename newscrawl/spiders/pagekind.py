"""What a fetched page says it is: an article, a list of articles, or neither.

Read from its JSON-LD ``@type`` and ``og:type``. The generic spider weighs the answer
with the text it found; a site spider only asks when its parser did not recognise the
page (see ``ArticleCrawl.is_article_page``).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from newscrawl.extraction.structured import types_of

if TYPE_CHECKING:
    from newscrawl.extraction import PageReading

_ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
        "report", "scholarlyarticle", "techarticle", "liveblogposting",
    }
)  # fmt: skip
_LISTING_TYPES = frozenset(
    {"collectionpage", "itemlist", "profilepage", "searchresultspage"}
)


class PageKind(Enum):
    """The kind a page declares, strongest claim first."""

    ARTICLE = "article"  # an article type in JSON-LD, or og:type "article"
    LISTING = "listing"  # a list or profile type, and no article type
    # og:type "website" and nothing else: section fronts, but also some articles.
    WEBSITE = "website"
    UNDECLARED = "undeclared"


def declared_kind(reading: PageReading) -> PageKind:
    """Return the kind of page ``reading``'s structured data and meta tags declare."""
    types = set().union(*(types_of(node) for node in reading.document.jsonld))
    og_type = (reading.document.meta_first("og:type") or "").strip().lower()
    if types & _ARTICLE_TYPES or og_type == "article":
        return PageKind.ARTICLE
    if types & _LISTING_TYPES or og_type == "profile":
        return PageKind.LISTING
    if og_type == "website":
        return PageKind.WEBSITE
    return PageKind.UNDECLARED
