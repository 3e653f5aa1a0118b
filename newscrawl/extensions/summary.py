"""End-of-crawl summary: what was stored, dropped and skipped, and where the output is.

The text comes from :func:`format_summary`, a pure function over the stats dict and a
few setting values, so it is tested without a crawler. :class:`CrawlSummary` only
gathers those values at ``spider_closed``, logs the block at INFO and prints it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals

from newscrawl import defaults
from newscrawl.extensions.quality import alarm_key, field_quality
from newscrawl.pipelines.dedup import CANONICAL_CONFLICT, DECIDED_WITHOUT_STORE
from newscrawl.store.target import is_postgres_url, redact_password, store_target

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

_SQLITE_PIPELINE = "newscrawl.pipelines.store.StorePipeline"
_LABEL_WIDTH = 16


def _int(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return value if isinstance(value, int) else 0


def counts_under(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """``{rest: value}`` for every integer stat ``<prefix>/<rest>``, sorted by ``rest``."""
    start = prefix.rstrip("/") + "/"
    return {
        key[len(start) :]: value
        for key, value in sorted(stats.items())
        if key.startswith(start) and isinstance(value, int)
    }


def _breakdown(counts: Mapping[str, int]) -> str:
    parts = [f"{name} {count}" for name, count in counts.items() if count]
    return f" ({', '.join(parts)})" if parts else ""


def _line(label: str, value: object, detail: str = "") -> str:
    return f"  {label + ':':<{_LABEL_WIDTH}} {value}{detail}"


def _site_table(stored: Mapping[str, int], updated: Mapping[str, int]) -> list[str]:
    sites = sorted(set(stored) | set(updated))
    if not sites:
        return [_line("stored", 0)]
    width = max(len("total"), *(len(site) for site in sites))
    rows = [f"    {'site':<{width}}  {'stored':>7}  {'updated':>7}"]
    rows += [
        f"    {site:<{width}}  {stored.get(site, 0):>7}  {updated.get(site, 0):>7}"
        for site in sites
    ]
    rows.append(
        f"    {'total':<{width}}  {sum(stored.values()):>7}  {sum(updated.values()):>7}"
    )
    return ["  articles per site:", *rows]


def _sources_line(stats: Mapping[str, Any]) -> str:
    sources = counts_under(stats, "newscrawl/sources")
    ok = {k.rsplit("/", 1)[0]: v for k, v in sources.items() if k.endswith("/ok")}
    failed = {
        k.rsplit("/", 1)[0]: v for k, v in sources.items() if k.endswith("/failed")
    }
    detail = _breakdown(failed)
    if ok:
        read = ", ".join(f"{kind} {count}" for kind, count in ok.items())
        detail += f"; read: {read}"
    unchanged = sum(v for k, v in sources.items() if k.endswith("/not_modified"))
    if unchanged:
        # Read from the copy kept last time (newscrawl.middlewares.sourcecache).
        detail += f"; {unchanged} not modified since the last run"
    return _line("sources failed", sum(failed.values()), detail)


def _quality_lines(stats: Mapping[str, Any]) -> list[str]:
    """One line per site parser: the share of pages where it found each field itself.

    The alarms come from ``QualityAlarms``, which runs first (see ``EXTENSIONS``).
    """
    qualities = field_quality(stats)
    lines = []
    for site in sorted({q.site for q in qualities}):
        fields = [q for q in qualities if q.site == site]
        shares = ", ".join(f"{q.field} {q.share:.0%}" for q in fields)
        low = [q.field for q in fields if stats.get(alarm_key(q))]
        alarm = f"  ALARM: {', '.join(low)}" if low else ""
        pages = max(q.pages for q in fields)
        lines.append(_line(f"parser {site}", f"{pages} pages: {shares}{alarm}"))
    return lines


def format_summary(
    stats: Mapping[str, Any],
    *,
    spider_name: str,
    reason: str | None = None,
    sqlite_path: str | None = None,
    feed_uris: Sequence[str] = (),
) -> str:
    """Render the end-of-crawl summary block.

    ``stats`` is the crawler's stats dict; ``reason`` the finish reason (falls back to
    the ``finish_reason`` stat); ``sqlite_path`` is ``None`` when SQLite storage is off;
    ``feed_uris`` are the FEEDS targets as the user will find them.
    """
    reason = reason or str(stats.get("finish_reason", "unknown"))
    elapsed = stats.get("elapsed_time_seconds")
    took = f", {elapsed:.1f} s" if isinstance(elapsed, int | float) else ""
    dropped = counts_under(stats, "newscrawl/dropped")
    fetch_failed = counts_under(stats, "newscrawl/fetch_failed")
    invalid_dates = counts_under(stats, "newscrawl/dates/invalid")
    skipped = counts_under(stats, "newscrawl/skipped")
    statuses = counts_under(stats, "downloader/response_status_count")
    http_errors = {
        code: n for code, n in statuses.items() if not code.startswith(("2", "3"))
    }
    lines = [
        f"newscrawl summary: spider {spider_name!r} {reason}{took}",
        _line(
            "pages fetched",
            _int(stats, "response_received_count"),
            _breakdown({f"HTTP {code}": n for code, n in http_errors.items()}),
        ),
        _line("fetch failed", sum(fetch_failed.values()), _breakdown(fetch_failed)),
        _line(
            "articles parsed",
            _int(stats, "newscrawl/articles/parsed"),
            _paywalled(_int(stats, "newscrawl/articles/paywalled")),
        ),
        _line("items scraped", _int(stats, "item_scraped_count")),
        *_site_table(
            counts_under(stats, "newscrawl/stored"),
            counts_under(stats, "newscrawl/updated"),
        ),
        _line("dropped", sum(dropped.values()), _breakdown(dropped)),
        _line("duplicates", _duplicates(stats, dropped.get("duplicate_url", 0))),
        _line("invalid dates", sum(invalid_dates.values()), _breakdown(invalid_dates)),
        _line("skipped", sum(skipped.values()), _breakdown(skipped)),
        _line(
            "incremental",
            f"{_int(stats, 'newscrawl/incremental/skipped_known')} stored articles not "
            f"fetched again, {_int(stats, 'newscrawl/incremental/refreshed')} refreshed, "
            f"{_int(stats, 'newscrawl/incremental/skipped_non_article')} pages known to "
            "be no article not fetched",
        ),
        _line("parse errors", _int(stats, "newscrawl/parse/errors")),
        *_quality_lines(stats),
        _sources_line(stats),
        _line("log errors", _int(stats, "log_count/ERROR")),
        _line("finish reason", reason),
        _line("store", sqlite_path or "off"),
        _line("feeds", ", ".join(feed_uris) if feed_uris else "none"),
    ]
    return "\n".join(lines)


def _paywalled(count: int) -> str:
    # Said only when some were: their bodies may be teasers.
    return f" ({count} behind a paywall)" if count else ""


def _duplicates(stats: Mapping[str, Any], same_url: int) -> str:
    text = (
        f"{_int(stats, 'newscrawl/duplicates/content')} same body (kept, duplicate_of"
        f" set), {same_url} same URL (dropped)"
    )
    conflicts = _int(stats, CANONICAL_CONFLICT)
    if conflicts:
        # Said only when it happened: a site whose canonical tags name one page.
        text += f"; {conflicts} named another page's canonical URL (kept as their own)"
    unjudged = _int(stats, DECIDED_WITHOUT_STORE)
    if unjudged:
        # Said only when it happened: those were checked against this run alone.
        text += f"; {unjudged} judged without the store (it could not be read)"
    return text


def feed_locations(uris: Iterable[object], spider_name: str) -> list[str]:
    """Turn FEEDS keys into paths a user can open: ``%(name)s`` filled, local paths absolute.

    ``%(time)s`` and other parameters stay as written; their values are not kept.
    """
    locations = []
    for uri in uris:
        text = str(uri).replace("%(name)s", spider_name)
        locations.append(text if "://" in text else str(Path(text).resolve()))
    return locations


def sqlite_location(settings: BaseSettings) -> str | None:
    """Return the SQLite file the crawl wrote, absolute; ``None`` when SQLite storage is off."""
    pipelines = settings.getwithbase("ITEM_PIPELINES")
    enabled = settings.getbool(
        "NEWSCRAWL_SQLITE_ENABLED", defaults.NEWSCRAWL_SQLITE_ENABLED
    )
    if not enabled or pipelines.get(_SQLITE_PIPELINE) is None:
        return None
    path = store_target(settings)
    if path == ":memory:" or path.startswith("file:"):
        return path
    if is_postgres_url(path):
        # The URL without its password, if it has one.
        return redact_password(path)
    return str(Path(path).resolve())


class CrawlSummary:
    """Log and print :func:`format_summary` when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.to_stdout = crawler.settings.getbool(
            "NEWSCRAWL_SUMMARY_STDOUT", defaults.NEWSCRAWL_SUMMARY_STDOUT
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        settings = self.crawler.settings
        text = format_summary(
            stats,
            spider_name=spider.name,
            reason=reason,
            sqlite_path=sqlite_location(settings),
            feed_uris=feed_locations(settings.getdict("FEEDS"), spider.name),
        )
        logger.info("%s", text, extra={"spider": spider})
        if self.to_stdout:
            # Also on stdout: logs may go to a file (LOG_FILE, scrapyd) or be filtered.
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
