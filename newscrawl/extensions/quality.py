"""Breakage alarms: how often each site parser found each of its fields itself.

Real layouts change without warning, and a parser then stores empty fields, or lets the
generic fallback guess them, without a single error. The spider counts, per site and
field, the pages where the site parser found a value (``newscrawl/quality/<site>/<field>/
found`` and ``…/missed``). At the end of the crawl this extension writes each share to
``newscrawl/quality/<site>/<field>`` and logs an error for every watched field
(``NEWSCRAWL_QUALITY_FIELDS``) whose share is under ``NEWSCRAWL_QUALITY_THRESHOLD``
once it has ``NEWSCRAWL_QUALITY_MIN_PAGES`` pages.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl import defaults

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
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


def alarm_key(quality: FieldQuality) -> str:
    """Return the stats key set to 1 when this site field raised the alarm."""
    return f"{_PREFIX}{quality.site}/{quality.field}/alarm"


def field_quality(stats: Mapping[str, Any]) -> list[FieldQuality]:
    """Per site and field, the pages where the site parser found the field, sorted.

    A field counts only the pages whose parser version declares it, so a crawl that
    mixes an old and a new layout does not dilute a field only one of them reads.
    """
    found: dict[tuple[str, str], int] = {}
    pages: dict[tuple[str, str], int] = {}
    for key, value in stats.items():
        if not key.startswith(_PREFIX) or not isinstance(value, int):
            continue
        parts = key[len(_PREFIX) :].split("/")
        if len(parts) != 3 or parts[2] not in {"found", "missed"}:  # noqa: PLR2004 -- <site>/<field>/<outcome>
            continue
        slot = (parts[0], parts[1])
        pages[slot] = pages.get(slot, 0) + value
        found[slot] = found.get(slot, 0) + (value if parts[2] == "found" else 0)
    return [
        FieldQuality(site, name, found[site, name], pages[site, name])
        for site, name in sorted(pages)
    ]


def alarms(
    qualities: list[FieldQuality],
    *,
    threshold: float,
    min_pages: int,
    fields: Collection[str] = defaults.NEWSCRAWL_QUALITY_FIELDS,
) -> list[FieldQuality]:
    """Return the watched fields whose share fell under ``threshold`` with enough pages.

    Optional fields (related links, tags) are absent from many real pages, so only
    ``fields`` raise the alarm; the others are reported in the summary all the same.
    """
    return [
        q
        for q in qualities
        if q.field in fields and q.pages >= min_pages and q.share < threshold
    ]


class QualityAlarms:
    """Write the shares into the stats and log an error for each alarm."""

    def __init__(
        self,
        crawler: Crawler,
        threshold: float,
        min_pages: int,
        fields: Collection[str] = defaults.NEWSCRAWL_QUALITY_FIELDS,
    ) -> None:
        self.crawler = crawler
        self.threshold = threshold
        self.min_pages = min_pages
        self.fields = frozenset(fields)

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
            settings.getlist(
                "NEWSCRAWL_QUALITY_FIELDS", list(defaults.NEWSCRAWL_QUALITY_FIELDS)
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
            qualities,
            threshold=self.threshold,
            min_pages=self.min_pages,
            fields=self.fields,
        ):
            stats.inc_value("newscrawl/quality/alarms")
            stats.set_value(alarm_key(quality), 1)
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
