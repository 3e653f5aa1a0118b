"""``scrapy crawl`` with an honest exit status.

Scrapy's own command exits with 1 only when the crawl could not start. This one also
exits with 1 when :class:`~newscrawl.extensions.outcome.JobOutcome` judged the finished
crawl a failure (a pipeline or callback raised, the store failed, the crawl was
stopped early), so scrapyd, cron and CI see the truth. It replaces the built-in
command because ``COMMANDS_MODULE`` commands take precedence over Scrapy's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands import crawl

from newscrawl.extensions.outcome import job_failed

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
        if self.exitcode == 0 and any(
            crawler.stats is not None and job_failed(crawler.stats.get_stats())
            for crawler in self._crawlers
        ):
            self.exitcode = 1
