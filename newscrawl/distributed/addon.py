"""The Scrapy add-on that turns distributed mode on when ``NEWSCRAWL_REDIS_URL`` is set.

Single-machine defaults stay untouched otherwise. With a Redis URL, the scheduler and
its seen-set are scrapy-redis's, kept in Redis under the crawl's keys
(:class:`~newscrawl.distributed.keys.CrawlKeys`) and persisted (``SCHEDULER_PERSIST``),
so one worker finishing never wipes the queue the others are still working on.
:class:`~newscrawl.distributed.frontier.SharedFrontier` decides when the crawl is over.

Seeding needs no separate step: every worker's ``start()`` yields the spider's own
sources, and the shared seen-set lets the first of them through and drops the rest.
The item path (pipelines, store) is the same as on one machine.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.settings import get_settings_priority

from newscrawl.distributed.keys import CrawlKeys, default_crawl_id

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

# "project", not "addon": it replaces values settings.py sets (the no-op
# DUPEFILTER_CLASS), while -s on the command line still wins.
_PRIORITY = "project"

logger = logging.getLogger(__name__)


class DistributedMode:
    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("NEWSCRAWL_REDIS_URL")
        if not url:
            return
        # Imported here: redis comes with the optional "distributed" extra, and this
        # add-on is loaded by every crawl.
        from newscrawl.distributed.connection import redis_params  # noqa: PLC0415

        crawl_id = settings.get("NEWSCRAWL_CRAWL_ID")
        if not crawl_id:
            crawl_id = default_crawl_id()
            # A worker started (or restarted after a crash) past midnight UTC would
            # otherwise land in a new, empty round without a word.
            logger.warning(
                "NEWSCRAWL_CRAWL_ID is not set: this worker joins round %s, the UTC"
                " day; workers started on another day join another round. Set"
                " NEWSCRAWL_CRAWL_ID to the same value on every worker of a crawl.",
                crawl_id,
            )
        # scrapy-redis fills in %(spider)s when the spider opens.
        keys = CrawlKeys.of("%(spider)s", crawl_id)
        settings.setdict(
            {
                "NEWSCRAWL_CRAWL_ID": crawl_id,
                "REDIS_URL": url,
                "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
                "SCHEDULER_PERSIST": True,
                "SCHEDULER_QUEUE_KEY": keys.queue,
                "SCHEDULER_DUPEFILTER_KEY": keys.seen,
                # scrapy-redis's scheduler reads Scrapy's own setting name.
                "DUPEFILTER_CLASS": (
                    "newscrawl.distributed.dupefilter.SweepAwareDupeFilter"
                ),
            },
            priority=_PRIORITY,
        )
        # Merged rather than replaced, at the user's own priority if higher (-s on the
        # command line): their keys win one by one, and the retries stay.
        settings.set(
            "REDIS_PARAMS",
            redis_params(settings),
            priority=max(
                settings.getpriority("REDIS_PARAMS") or 0,
                get_settings_priority(_PRIORITY),
            ),
        )
        settings["EXTENSIONS"] = {
            **settings.getdict("EXTENSIONS"),
            "newscrawl.distributed.frontier.SharedFrontier": 450,
        }
        # Outermost (lowest order): it must see a callback's output as it goes to the
        # scheduler, after every other spider middleware has filtered it.
        settings["SPIDER_MIDDLEWARES"] = {
            **settings.getdict("SPIDER_MIDDLEWARES"),
            "newscrawl.distributed.frontier.SourceSettlement": 10,
        }
