"""``scrapy crawl`` with an honest exit status.

Scrapy's own command exits with 1 only when the crawl could not start; this one then
logs a ``Job outcome: FAILED (not started)`` line with the error that stopped it. It also
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

from pydantic import ValidationError
from scrapy.commands import crawl
from scrapy.statscollectors import DummyStatsCollector

from newscrawl.extensions.outcome import job_failed
from newscrawl.params import argument_errors

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
        start_error = _StartError()
        logging.getLogger().addHandler(start_error)
        try:
            super().run(args, opts)
        finally:
            logging.getLogger().removeHandler(start_error)
        # A crawl that could not start has exit status 1 already. Its log gets an
        # outcome line naming the error that stopped it; one that failed while the
        # engine opened (the store) already has JobOutcome's "stopped early" line,
        # and this one, last, says why.
        if self.exitcode != 0:
            cause = f": {start_error.message}" if start_error.message else ""
            logger.error("Job outcome: FAILED (not started)%s", cause)
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


class _StartError(logging.Handler):
    """Say in one line why a crawl did not start: the exception that ended it.

    That is the last one logged with its traceback (asyncio reports the crawl task's
    when it ends), preferred to the error lines before it, which may be a multi-line
    report whose first line says little (scrapy-spider-metadata's on bad arguments).
    Without one, the first error line.
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self._first_line: str | None = None
        self._exception: BaseException | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1]:
            self._exception = record.exc_info[1]
        if self._first_line is None:
            lines = record.getMessage().strip().splitlines()
            self._first_line = lines[0] if lines else None

    @property
    def message(self) -> str | None:
        if isinstance(self._exception, ValidationError):
            return argument_errors(self._exception)
        if self._exception is not None:
            lines = str(self._exception).strip().splitlines()
            return lines[0] if lines else type(self._exception).__name__
        return self._first_line
