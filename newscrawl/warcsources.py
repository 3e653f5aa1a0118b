"""Which WARC files to read: the files a listing names, and those a ``since`` leaves out.

Common Crawl lists each month of CC-NEWS in a ``warc.paths.gz`` file, one path a line,
relative to the root of the server that holds it
(``crawl-data/CC-NEWS/2024/06/CC-NEWS-20240601004521-01234.warc.gz``). Each file is
named after the time its crawler began writing it, and a crawler writes its files one
after another, so a file holds the captures from its own time up to about the next
file's. A crawl with ``since`` therefore needs only the files from the one under way at
``since`` on; for a daily crawl over a month's listing that is a day's files instead of
a month's. No Scrapy here and no network: the ``warc`` spider fetches the listings.
"""

from __future__ import annotations

import bisect
import gzip
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

_Source = TypeVar("_Source", bound="str | Path")

LISTING_SUFFIXES = (".paths", ".paths.gz")
# Files written side by side by several crawlers overlap in time; a day's margin keeps
# every file that may hold a capture from ``since`` on.
OVERLAP = timedelta(days=1)
_STAMP = re.compile(r"(?<!\d)(\d{14})(?!\d)")


def is_listing(url: str) -> bool:
    """Whether ``url`` names a listing of WARC files rather than a WARC file."""
    return urlsplit(url).path.endswith(LISTING_SUFFIXES)


def listed_urls(data: bytes, listing_url: str) -> list[str]:
    """Return the WARC file URLs a listing names, in its order.

    A relative path is taken from the root of the listing's server, as Common Crawl's
    listings mean it; gzip'd listings are unpacked whatever their name.
    """
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    urls = []
    for line in data.decode("utf-8").splitlines():
        path = line.strip()
        if not path or path.startswith("#"):
            continue
        if urlsplit(path).scheme:
            urls.append(path)
        else:
            urls.append(urljoin(listing_url, "/" + path.lstrip("/")))
    return list(dict.fromkeys(urls))


def capture_start(source: str | Path) -> datetime | None:
    """Return the UTC time stamp in a WARC file's name (``…-20240601004521-…``)."""
    name = str(source).rstrip("/").rsplit("/", 1)[-1]
    match = _STAMP.search(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def files_since(sources: Sequence[_Source], since: datetime | None) -> list[_Source]:
    """Leave out of ``sources`` the files whose captures all end before ``since``.

    A file ends where the next one (by the time stamp in its name) begins; a file
    whose name has no time stamp is always kept, and so is the newest file.
    """
    if since is None:
        return list(sources)
    starts = sorted({start for s in sources if (start := capture_start(s))})
    kept = []
    for source in sources:
        start = capture_start(source)
        if start is not None:
            following = bisect.bisect_right(starts, start)
            if following < len(starts) and starts[following] < since - OVERLAP:
                continue
        kept.append(source)
    return kept
