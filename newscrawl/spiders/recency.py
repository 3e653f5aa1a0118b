"""How old a link or a page is: the ``since`` window and the fresher-first priority.

Scrapy-free, so the rules are tested without a crawler.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from newscrawl.spiders.sources import is_before, parse_published

if TYPE_CHECKING:
    from datetime import datetime, tzinfo

    from newscrawl.spiders.sources import Entry

# Article pages go before more listings and sitemaps so memory stays bounded, and
# newer articles before older ones so max_articles keeps the freshest.
ARTICLE_PRIORITY = 100
_RECENCY_DAYS = 30


def listed_before(entry: Entry, since: datetime | None, tz: tzinfo = UTC) -> bool:
    """Whether a feed or sitemap dates ``entry`` before ``since``; undated ones pass.

    An entry without a date is dated by its URL, when the path names a day or a month
    (:attr:`~newscrawl.spiders.sources.Entry.url_day`, read as a whole day in ``tz``).
    """
    if since is None:
        return False
    if entry.date is not None:
        return entry.date < since
    return entry.url_day is not None and is_before(entry.url_day, since, tz)


def published_before(published: str | None, since: datetime | None, tz: tzinfo) -> bool:
    """Whether an article's ``published`` value lies before ``since``; undated ones pass.

    A naive time or a bare date is read in the site's time zone ``tz``.
    """
    if since is None:
        return False
    moment = parse_published(published, tz)
    return moment is not None and is_before(moment, since, tz)


def article_priority(listed_date: datetime | None, now: datetime) -> int:
    """Scrapy priority of an article request: up to 30 higher for a fresh listing date."""
    if listed_date is None:
        return ARTICLE_PRIORITY
    age_days = (now - listed_date).days
    return ARTICLE_PRIORITY + _RECENCY_DAYS - min(_RECENCY_DAYS, max(0, age_days))
