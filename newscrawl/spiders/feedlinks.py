"""Feeds a page advertises in its head (RSS, Atom and JSON Feed autodiscovery).

Sites name their feeds in ``<link rel="alternate" type="application/rss+xml">`` (or
Atom's type, or JSON Feed's); the generic spider reads them next to the listing's own
links, because a feed dates its entries and lists the newest first, which ``since``
and the refresh window use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from scrapy.utils.response import get_base_url

if TYPE_CHECKING:
    from scrapy.http import TextResponse

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+xml",
        "application/feed+json",
    }
)
# JSON Feed 1.0 was advertised as plain JSON, which WordPress also names for the REST
# API's copy of every page (/wp-json/wp/v2/posts/123): only a feed-named one is a feed.
_JSON = "application/json"
# Blog engines advertise a feed of the comments next to the articles' (WordPress:
# /comments/feed/); its entries link to comments, not to new articles.
_COMMENT_SEGMENTS = frozenset({"comments", "comment", "kommentare"})


def advertised_feeds(response: TextResponse) -> list[str]:
    """Return the absolute URLs of the article feeds ``response`` names, in page order."""
    urls: list[str] = []
    for link in response.xpath("//link[@href]"):
        rels = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rels or kind not in FEED_TYPES | {_JSON}:
            continue
        url = urljoin(get_base_url(response), link.attrib["href"].strip())
        parts = urlsplit(url)
        segments = {segment.lower() for segment in parts.path.split("/")}
        if kind == _JSON and not any("feed" in segment for segment in segments):
            continue
        if parts.scheme in {"http", "https"} and not segments & _COMMENT_SEGMENTS:
            urls.append(url)
    return list(dict.fromkeys(urls))
