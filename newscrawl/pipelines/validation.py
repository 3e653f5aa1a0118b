"""Validation: drop records that lack a required field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl import defaults

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy.crawler import Crawler


def is_missing(value: Any) -> bool:
    """Whether a field value counts as absent: None, blank text or an empty collection."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set):
        return not value
    return False


def first_missing(item: Any, required: Iterable[str]) -> str | None:
    """Name of the first required field ``item`` lacks, or None when it has them all."""
    adapter = ItemAdapter(item)
    return next((name for name in required if is_missing(adapter.get(name))), None)


class RequiredFieldsPipeline:
    """Drop items missing any of ``NEWSCRAWL_REQUIRED_FIELDS`` as ``missing_<field>``."""

    def __init__(self, crawler: Crawler, required: tuple[str, ...]) -> None:
        self.crawler = crawler
        self.required = required

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(
            "NEWSCRAWL_VALIDATION_ENABLED", defaults.NEWSCRAWL_VALIDATION_ENABLED
        ):
            raise NotConfigured("NEWSCRAWL_VALIDATION_ENABLED is off")
        required = settings.getlist(
            "NEWSCRAWL_REQUIRED_FIELDS", list(defaults.NEWSCRAWL_REQUIRED_FIELDS)
        )
        return cls(crawler, tuple(required))

    def process_item(self, item: Any) -> Any:
        missing = first_missing(item, self.required)
        if missing is None:
            return item
        reason = f"missing_{missing}"
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/dropped/{reason}")
        raise DropItem(reason)
