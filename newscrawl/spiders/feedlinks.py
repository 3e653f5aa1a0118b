"""Feeds a page advertises in its head (RSS/Atom autodiscovery).

Sites name their feeds in ``<link rel="alternate" type="application/rss+xml">``; the
generic spider reads them next to the listing's own links, because a feed dates its
entries and lists the newest first, which ``since`` and the refresh window use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from scrapy.http import TextResponse

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+xml"}
)
# Blog engines advertise a feed of the comments next to the articles' (WordPress:
# /comments/feed/); its entries link to comments, not to new articles.
_COMMENT_SEGMENTS = frozenset({"comments", "comment", "kommentare"})


def advertised_feeds(response: TextResponse) -> list[str]:
    """Return the absolute URLs of the article feeds ``response`` names, in page order."""
    urls: list[str] = []
    for link in response.xpath("//link[@href]"):
        rels = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rels or kind not in FEED_TYPES:
            continue
        url = urljoin(response.url, link.attrib["href"].strip())
        parts = urlsplit(url)
        segments = {segment.lower() for segment in parts.path.split("/")}
        if parts.scheme in {"http", "https"} and not segments & _COMMENT_SEGMENTS:
            urls.append(url)
    return list(dict.fromkeys(urls))
