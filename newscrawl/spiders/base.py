"""NewsSpider: the crawl flow shared by every news spider.

A per-site spider only declares where articles are (``sources``), which links are
articles (``article_url_allow`` / ``article_url_deny``), how to page through
listings, its time zone and optionally its parser. NewsSpider turns the sources
into requests, reads feeds, sitemaps and listing pages, and hands each article
page to the parser.

It is built in layers, each using only the ones below it:

- ``declared.py`` ``DeclaredSpider``: the declarations and the URL scope;
- ``articlecrawl.py`` ``ArticleCrawl``: article requests, ``max_articles``, the
  article callback;
- ``sourcecrawl.py`` ``SourceCrawl``: ``start()`` and the feed, sitemap and listing
  callbacks;
- this module: the wiring to the crawler (signals, ``JOBDIR``, the store at open).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.utils.job import job_dir

from newscrawl.spiders.jobdir import begin_run, end_run
from newscrawl.spiders.sourcecrawl import SourceCrawl

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class NewsSpider(SourceCrawl):
    """Base class of the news spiders; subclasses declare, this class crawls."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._jobdir: Path | None = None
        self._jobdir_recovered = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        cap = spider.article_cap
        crawler.signals.connect(cap.accepted, signal=signals.item_scraped)
        crawler.signals.connect(cap.rejected, signal=signals.item_dropped)
        crawler.signals.connect(cap.rejected, signal=signals.item_error)
        crawler.signals.connect(spider._spider_opened, signal=signals.spider_opened)
        spider._recover_jobdir()
        return spider

    def _recover_jobdir(self) -> None:
        # Here, because the scheduler opens the JOBDIR's queue right after the spider exists.
        path = job_dir(self.crawler.settings)
        if path is None:
            return
        jobdir = Path(path)
        if begin_run(jobdir):
            # Counted at spider_opened: the crawler has no stats yet.
            self._jobdir_recovered = True
            self.logger.warning(
                "The last crawl in JOBDIR %s did not stop cleanly: its request queue "
                "is dropped; sources are read again and the store says what is done",
                jobdir,
            )
        self._jobdir = jobdir
        # spider_closed comes after the scheduler has written its queue to disk.
        self.crawler.signals.connect(self._end_job_run, signal=signals.spider_closed)

    def _spider_opened(self, **_: Any) -> None:
        if self._jobdir_recovered:
            self.stat("jobdir/recovered")
        self.load_known()

    def _end_job_run(self, **_: Any) -> None:
        if self._jobdir is not None:
            end_run(self._jobdir)
