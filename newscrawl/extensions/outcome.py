"""The job's verdict: did this crawl finish cleanly, or must it be reported as failed.

Scrapy ends a crawl with finish reason ``finished`` even when a pipeline raised on
every item, and ``scrapy crawl`` then exits with status 0, so scrapyd's ``listjobs.json``
and its log show a clean job. :class:`JobOutcome` counts what went wrong (a pipeline
raising, a spider callback raising, the store failing to commit, an unhandled error
logged as CRITICAL) and, at the end, logs one ``Job outcome:`` line with the finish
reason and those counts. newscrawl's
``crawl`` command turns a failed outcome into exit status 1, which scrapyd logs as
``Process died: exitstatus=1``.

Pages that could not be fetched or were dropped are not failures: they are counted
and reported by the summary; a crawl of the open web always has some.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, NamedTuple

from scrapy import signals

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

ITEM_ERRORS = "newscrawl/job/item_errors"
SPIDER_ERRORS = "newscrawl/job/spider_errors"
STORAGE_ERRORS = "newscrawl/job/storage_errors"
OUTCOME = "newscrawl/job/outcome"

# Reasons for which the crawl did what it was asked: ran out of work, or reached a limit
# the user set (CLOSESPIDER_* settings, the max_articles argument).
CLEAN_REASONS = frozenset(
    {
        "finished",
        "max_articles",
        "closespider_itemcount",
        "closespider_pagecount",
        "closespider_timeout",
    }
)
# Scrapy's count of CRITICAL log records: Twisted's "Unhandled error in Deferred" and
# the like, where a piece of work (a request being scheduled, say) was dropped.
UNHANDLED_ERRORS = "log_count/CRITICAL"
_COUNTED = (
    (ITEM_ERRORS, "items failed in a pipeline"),
    (SPIDER_ERRORS, "spider callback errors"),
    (STORAGE_ERRORS, "store errors"),
    (UNHANDLED_ERRORS, "unhandled errors (CRITICAL in the log)"),
)


class Verdict(NamedTuple):
    failed: bool
    line: str


def judge(stats: Mapping[str, Any], reason: str) -> Verdict:
    """Decide from the stats and the finish reason; the line says why."""
    problems = [
        f"{stats[key]} {label}" for key, label in _COUNTED if stats.get(key, 0) > 0
    ]
    if reason not in CLEAN_REASONS:
        problems.insert(0, f"stopped early ({reason})")
    verdict = "FAILED" if problems else "ok"
    details = f": {'; '.join(problems)}" if problems else ""
    return Verdict(
        bool(problems), f"Job outcome: {verdict} (finish reason: {reason}){details}"
    )


def job_failed(stats: Mapping[str, Any]) -> bool:
    return stats.get(OUTCOME) == "failed"


class JobOutcome:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_error(self) -> None:
        self._inc(ITEM_ERRORS)

    def spider_error(self) -> None:
        self._inc(SPIDER_ERRORS)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        if stats is None:
            return
        verdict = judge(stats.get_stats(), reason)
        stats.set_value(OUTCOME, "failed" if verdict.failed else "ok")
        logger.log(logging.ERROR if verdict.failed else logging.INFO, verdict.line)

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)
