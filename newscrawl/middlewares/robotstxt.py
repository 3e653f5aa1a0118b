"""Scrapy's robots.txt middleware, with every waiting request getting the parser.

While a host's robots.txt is being fetched, Scrapy keeps a Deferred for it, and each
request to that host awaits it through ``Deferred.asFuture``. ``asFuture`` consumes
the result: the first waiter gets the parser, every later one gets ``None``, which
Scrapy reads as "no robots.txt" and lets the request through. So when a crawl starts
with several URLs on one host (or a page's links are scheduled before robots.txt has
arrived), all but one of those first requests ignore Disallow rules. Found by
tests/test_security.py; the await was introduced in scrapy/scrapy#6802.

Here each waiter gets a Deferred of its own, fed by a callback that passes the result
on, so every one of them sees the parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares import robotstxt
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.robotstxt import RobotParser


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        own: Deferred[RobotParser | None] = Deferred()

        def pass_on(parser: RobotParser | None) -> RobotParser | None:
            own.callback(parser)
            return parser

        pending.addCallback(pass_on)
        return await maybe_deferred_to_future(own)
