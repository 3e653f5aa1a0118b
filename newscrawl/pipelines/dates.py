"""Date normalization: every ``published``/``modified`` in UTC ISO 8601, or a bare day."""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateparser.date import DateDataParser
from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from newscrawl import defaults

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

DATE_FIELDS: tuple[str, ...] = ("published", "modified")

_day_pattern = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# dateparser periods finer than a day carry a time of day worth converting to UTC.
_time_periods = frozenset({"time", "hour", "minute", "second"})


def _resolve_zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        logger.warning("Unknown time zone %r, using UTC", name)
        return ZoneInfo("UTC")


def _from_iso(value: str, zone: ZoneInfo) -> datetime | date | None:
    text = value.strip()
    try:
        if _day_pattern.match(text):
            return date.fromisoformat(text)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    # A naive value is the page's local time, so the site's zone says where it was.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def _dateparser_locales(
    language: str | None,
) -> list[tuple[list[str] | None, list[str] | None]]:
    """(languages, locales) pairs to try, most specific first."""
    if not language:
        return [(None, None)]
    primary = language.split("-")[0].split("_")[0].lower()
    # "en-GB" orders days before months where plain "en" does not; try the full tag first.
    attempts: list[tuple[list[str] | None, list[str] | None]] = []
    if primary != language:
        attempts.append((None, [language.replace("_", "-")]))
    return [*attempts, ([primary], None), (None, None)]


def _from_raw(
    raw: str, language: str | None, zone: ZoneInfo, now: datetime
) -> datetime | date | None:
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": now.astimezone(zone).replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": True,
        "RETURN_TIME_AS_PERIOD": True,
        "TIMEZONE": zone.key,
    }
    for languages, locales in _dateparser_locales(language):
        try:
            parser = DateDataParser(
                languages=languages, locales=locales, settings=settings
            )
            data = parser.get_date_data(raw)
        except (ValueError, TypeError, OverflowError, KeyError) as exc:
            logger.debug(
                "dateparser failed on %r (%s): %s", raw, languages or locales, exc
            )
            continue
        if data.date_obj is not None:
            parsed: datetime = data.date_obj
            return parsed if data.period in _time_periods else parsed.date()
    return None


def _is_plausible(
    value: datetime | date, now: datetime, tolerance: timedelta, min_year: int
) -> bool:
    if value.year < min_year:
        return False
    moment = (
        value
        if isinstance(value, datetime)
        else datetime.combine(value, datetime.min.time(), UTC)
    )
    return moment <= now + tolerance


def normalize_date(  # noqa: PLR0913  (the spec's five inputs plus the two limits)
    value: str | None,
    raw: str | None = None,
    language: str | None = None,
    tz: str | None = "UTC",
    now: datetime | None = None,
    *,
    future_tolerance: timedelta = timedelta(
        hours=defaults.NEWSCRAWL_DATES_FUTURE_TOLERANCE_HOURS
    ),
    min_year: int = defaults.NEWSCRAWL_DATES_MIN_YEAR,
) -> str | None:
    """Return ``value`` (or, when empty, ``raw`` parsed by dateparser) as UTC ISO 8601.

    Naive times are read in the IANA zone ``tz``; a bare day stays a bare day. Returns None
    when nothing parses or the date is impossible (too far in the future, before ``min_year``).
    """
    zone = _resolve_zone(tz)
    now = now or datetime.now(UTC)
    parsed: datetime | date | None = None
    if value and value.strip():
        # Anything but ISO from the extractor is unexpected; give it the raw-string treatment.
        parsed = _from_iso(value, zone) or _from_raw(value, language, zone, now)
    elif raw and raw.strip():
        parsed = _from_raw(raw.strip(), language, zone, now)
    if parsed is None or not _is_plausible(parsed, now, future_tolerance, min_year):
        return None
    if isinstance(parsed, datetime):
        return parsed.astimezone(UTC).replace(microsecond=0).isoformat()
    return parsed.isoformat()


class NormalizeDatesPipeline:
    """Normalize ``published`` and ``modified``; impossible dates become null."""

    def __init__(
        self,
        crawler: Crawler,
        future_tolerance: timedelta,
        min_year: int,
        site_timezones: dict[str, str] | None = None,
    ) -> None:
        self.crawler = crawler
        self.future_tolerance = future_tolerance
        self.min_year = min_year
        self.timezone = "UTC"
        self.site_timezones = {
            site: _resolve_zone(name).key
            for site, name in (site_timezones or {}).items()
        }

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(
            "NEWSCRAWL_DATES_ENABLED", defaults.NEWSCRAWL_DATES_ENABLED
        ):
            raise NotConfigured("NEWSCRAWL_DATES_ENABLED is off")
        hours = settings.getfloat(
            "NEWSCRAWL_DATES_FUTURE_TOLERANCE_HOURS",
            defaults.NEWSCRAWL_DATES_FUTURE_TOLERANCE_HOURS,
        )
        min_year = settings.getint(
            "NEWSCRAWL_DATES_MIN_YEAR", defaults.NEWSCRAWL_DATES_MIN_YEAR
        )
        site_timezones = settings.getdict(
            "NEWSCRAWL_TIMEZONES", dict(defaults.NEWSCRAWL_TIMEZONES)
        )
        return cls(crawler, timedelta(hours=hours), min_year, site_timezones)

    def open_spider(self) -> None:
        # The spider only exists once the crawl starts, not when the pipeline is built.
        name = getattr(self.crawler.spider, "timezone", None) or "UTC"
        self.timezone = _resolve_zone(name).key

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        now = datetime.now(UTC)
        # A spider that crawls many sites (generic) has no single zone of its own.
        zone = self.site_timezones.get(adapter.get("site") or "", self.timezone)
        for name in DATE_FIELDS:
            value = adapter.get(name)
            raw = adapter.get("published_raw") if name == "published" else None
            if not value and not raw:
                continue
            normalized = normalize_date(
                value,
                raw,
                adapter.get("language"),
                zone,
                now,
                future_tolerance=self.future_tolerance,
                min_year=self.min_year,
            )
            if normalized is None:
                self._count_invalid(adapter, name, str(value or raw))
            adapter[name] = normalized
        return item

    def _count_invalid(self, adapter: ItemAdapter, name: str, value: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/dates/invalid/{name}")
        logger.info(
            "Invalid %s date %r on %s set to null", name, value, adapter.get("url")
        )
        # Keep what the page said, so a null date can still be checked by hand.
        if (
            name == "published"
            and not adapter.get("published_raw")
            and "published_raw" in adapter
        ):
            adapter["published_raw"] = value
