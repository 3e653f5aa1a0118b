"""Sources a site files by date: one sitemap per day or per month, at a URL made from it.

El País lists its archive in one sitemap per month (``/sitemaps/2024/05/sitemap_0.xml``,
back to 1976), which no fixed declaration can follow. Such sources are read when a
crawl asks for the past (``-a since=``): each period from the current one back to
``since``, newest first, never before the site's first. A crawl of the latest news
reads the site's feeds and listings instead; without ``since`` these give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from newscrawl.spiders.sources import Source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newscrawl.spiders.sources import SourceKind

Period = Literal["day", "month"]
_fields: dict[Period, tuple[str, ...]] = {
    "month": ("{YYYY}", "{MM}"),
    "day": ("{YYYY}", "{MM}", "{DD}"),
}


@dataclass(frozen=True)
class DatedSource:
    """A source per day or month; ``template`` names the period with {YYYY}, {MM}, {DD}."""

    kind: SourceKind
    template: str
    every: Period
    first: date

    def __post_init__(self) -> None:
        missing = [field for field in _fields[self.every] if field not in self.template]
        if missing:
            raise ValueError(
                f"a source per {self.every} needs {', '.join(missing)} in {self.template!r}"
            )

    def sources(self, today: date, since: date | None) -> list[Source]:
        """Return the sources from ``today``'s period back to ``since``'s, newest first."""
        if since is None:
            return []
        oldest = max(since, self.first)
        return [
            Source(self.kind, self._url(day)) for day in self._periods(today, oldest)
        ]

    def _periods(self, today: date, oldest: date) -> Iterator[date]:
        if self.every == "day":
            day = today
            while day >= oldest:
                yield day
                day -= timedelta(days=1)
            return
        month = today.replace(day=1)
        while month >= oldest.replace(day=1):
            yield month
            month = (month - timedelta(days=1)).replace(day=1)

    def _url(self, day: date) -> str:
        return (
            self.template.replace("{YYYY}", f"{day.year:04d}")
            .replace("{MM}", f"{day.month:02d}")
            .replace("{DD}", f"{day.day:02d}")
        )


def dated_sitemap(template: str, *, every: Period, first: date) -> DatedSource:
    """Declare one sitemap per day or month, read back to ``since`` when a crawl gives one."""
    return DatedSource("sitemap", template, every, first)
