"""Breakage alarms: how often each site parser found each of its fields itself.

Real layouts change without warning, and a parser then stores empty fields, or lets the
generic fallback guess them, without a single error. The spider counts, per site and
field, the pages where the site parser found a value (``newscrawl/quality/<site>/<field>/
found`` and ``…/missed``). At the end of the crawl this extension writes each share to
``newscrawl/quality/<site>/<field>`` and logs an error for every share under
``NEWSCRAWL_QUALITY_THRESHOLD`` once a site has ``NEWSCRAWL_QUALITY_MIN_PAGES`` pages.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl import defaults

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_PREFIX = "newscrawl/quality/"


@dataclass(frozen=True)
class FieldQuality:
    site: str
    field: str
    found: int
    pages: int

    @property
    def share(self) -> float:
        return self.found / self.pages if self.pages else 0.0


def field_quality(stats: Mapping[str, Any]) -> list[FieldQuality]:
    """Per site and field, the pages where the site parser found the field, sorted."""
    pages: dict[str, int] = {}
    found: dict[tuple[str, str], int] = {}
    for key, value in stats.items():
        if not key.startswith(_PREFIX) or not isinstance(value, int):
            continue
        parts = key[len(_PREFIX) :].split("/")
        if len(parts) == 2 and parts[1] == "pages":  # noqa: PLR2004 -- <site>/pages
            pages[parts[0]] = value
        elif len(parts) == 3 and parts[2] in {"found", "missed"}:  # noqa: PLR2004 -- <site>/<field>/<outcome>
            slot = (parts[0], parts[1])
            found[slot] = found.get(slot, 0) + (value if parts[2] == "found" else 0)
    return [
        FieldQuality(site, name, count, pages.get(site, 0))
        for (site, name), count in sorted(found.items())
    ]


def alarms(
    qualities: list[FieldQuality], *, threshold: float, min_pages: int
) -> list[FieldQuality]:
    """Return the fields whose share fell under ``threshold`` on a site with enough pages."""
    return [q for q in qualities if q.pages >= min_pages and q.share < threshold]


class QualityAlarms:
    """Write the shares into the stats and log an error for each alarm."""

    def __init__(self, crawler: Crawler, threshold: float, min_pages: int) -> None:
        self.crawler = crawler
        self.threshold = threshold
        self.min_pages = min_pages

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(
            "NEWSCRAWL_QUALITY_ENABLED", defaults.NEWSCRAWL_QUALITY_ENABLED
        ):
            raise NotConfigured("NEWSCRAWL_QUALITY_ENABLED is off")
        extension = cls(
            crawler,
            settings.getfloat(
                "NEWSCRAWL_QUALITY_THRESHOLD", defaults.NEWSCRAWL_QUALITY_THRESHOLD
            ),
            settings.getint(
                "NEWSCRAWL_QUALITY_MIN_PAGES", defaults.NEWSCRAWL_QUALITY_MIN_PAGES
            ),
        )
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider) -> None:
        stats = self.crawler.stats
        if stats is None:
            return
        qualities = field_quality(stats.get_stats())
        for quality in qualities:
            stats.set_value(
                f"{_PREFIX}{quality.site}/{quality.field}", round(quality.share, 3)
            )
        for quality in alarms(
            qualities, threshold=self.threshold, min_pages=self.min_pages
        ):
            stats.inc_value("newscrawl/quality/alarms")
            logger.error(
                "Site parser %s found %s on only %d of %d pages (%.0f%% < %.0f%%): "
                "has the layout changed?",
                quality.site,
                quality.field,
                quality.found,
                quality.pages,
                100 * quality.share,
                100 * self.threshold,
                extra={"spider": spider},
            )
