"""JSON Feed (jsonfeed.org, versions 1 and 1.1): its items' links and date strings.

Pure functions, no crawler. :func:`newscrawl.spiders.sources.parse_feed` turns what
:func:`json_feed_items` returns into entries, as it does for RSS and Atom; the dates
stay raw strings here (RFC 3339, which the feed date reader reads).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from newscrawl.spiders.xmlbody import SourceError

# Every version's identifier starts so ("https://jsonfeed.org/version/1.1"); version 1
# feeds written before the site moved to https say http.
_VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


@dataclass(frozen=True)
class JsonFeedItem:
    """One item's permalink and its dates as the feed wrote them."""

    url: str
    published: str | None
    modified: str | None


def json_feed_items(body: bytes) -> list[JsonFeedItem]:
    """Return the items of a JSON Feed that name a page, in feed order.

    An item's ``url`` is its permalink; without one, an ``id`` that is an http(s) URL is
    taken (as RSS takes a ``guid``). ``external_url`` is not: it names the page a link
    blog's item is about, on someone else's site.
    """
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (ValueError, RecursionError) as error:  # RecursionError: nesting bombs
        raise SourceError(f"not a feed: unreadable JSON ({error})") from error
    if not isinstance(document, dict) or not str(
        document.get("version", "")
    ).startswith(_VERSION_PREFIXES):
        raise SourceError("not a feed: JSON without a jsonfeed.org version")
    items = document.get("items")
    if not isinstance(items, list):
        raise SourceError("not a feed: a JSON Feed without an items list")
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        url = _string(item.get("url")) or _permalink_id(item.get("id"))
        if url:
            found.append(
                JsonFeedItem(
                    url,
                    _string(item.get("date_published")),
                    _string(item.get("date_modified")),
                )
            )
    return found


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _permalink_id(value: object) -> str | None:
    text = _string(value)
    if text and text.lower().startswith(("http://", "https://")):
        return text
    return None
