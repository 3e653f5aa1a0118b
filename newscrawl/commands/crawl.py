"""``scrapy crawl`` with an honest exit status.

Scrapy's own command exits with 1 only when the crawl could not start. This one also
exits with 1 when :class:`~newscrawl.extensions.outcome.JobOutcome` judged the finished
crawl a failure (a pipeline or callback raised, the store failed, the crawl was
stopped early), so scrapyd, cron and CI see the truth. It replaces the built-in
command because ``COMMANDS_MODULE`` commands take precedence over Scrapy's.

A crawl stopped while its spider is still opening (a scrapyd ``cancel.json`` or a
Ctrl-C in the first moments) never closes: Scrapy's ``Crawler.stop_async`` only stops a
running engine, and the reactor is stopped regardless. No spider_closed, no outcome, and
the built-in command exits with 0. Such a crawl is reported here as failed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.commands import crawl
from scrapy.statscollectors import DummyStatsCollector

from newscrawl.extensions.outcome import job_failed

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    import argparse

    from scrapy import Spider
    from scrapy.crawler import Crawler


class Command(crawl.Command):
    def __init__(self) -> None:
        super().__init__()
        self._crawlers: list[Crawler] = []

    # The base class builds the crawler here; keeping it is the only way to read its
    # stats after the reactor stops (the process forgets finished crawlers).
    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        crawler = super()._create_crawler(spidercls)
        self._crawlers.append(crawler)
        return crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        # A crawl that could not start has exit status 1 already, and no stats.
        if self.exitcode != 0:
            return
        for crawler in self._crawlers:
            if crawler.stats is None or isinstance(crawler.stats, DummyStatsCollector):
                continue  # Nothing was recorded, so nothing can be told.
            stats = crawler.stats.get_stats()
            if "finish_reason" not in stats:
                logger.error(
                    "Job outcome: FAILED (finish reason: none): stopped while the"
                    " spider was opening, before the crawl began"
                )
                self.exitcode = 1
            elif job_failed(stats):
                self.exitcode = 1
