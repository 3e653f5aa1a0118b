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

It also answers a spider's own request for a robots.txt it has just fetched (the
generic spider reads its ``Sitemap:`` lines) with that response, so a host sees one
robots.txt request per crawl rather than two.

And it obeys robots.txt for requests let off the spider's domains (Scrapy's
``allow_offsite``, which the generic spider sets on articles of a feed the user named).
Scrapy's offsite filter drops the robots.txt request made for such a host, which carries
no such key, and a robots.txt that cannot be fetched allows everything: the host's
rules went unread. The host joins ``allowed_domains`` first (the filter reads the list
again when it changes), in whichever process fetches the request.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares import robotstxt
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from newscrawl.spiders.hosts import on_domains

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

# Fetched robots.txt responses kept for a spider's own request; a crawl that never asks
# (per-site spiders) must not hold one per host forever.
_KEPT_RESPONSES = 256


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._responses: OrderedDict[str, Response] = OrderedDict()

    # The base only ever returns None; a downloader middleware may answer with a Response.
    async def process_request(self, request: Request) -> Response | None:  # type: ignore[override]
        if request.meta.get("allow_offsite"):
            admit_host(self.crawler.spider, request)
        await super().process_request(request)
        url = urlparse_cached(request)
        if url.path != "/robots.txt" or request.meta.get("dont_obey_robotstxt"):
            return None
        response = self._responses.pop(url.netloc, None)
        if response is None or response.url != request.url:
            return None
        self._stats.inc_value("newscrawl/robotstxt/reused")
        return response.replace(request=request)

    async def _parse_robots(
        self, response: Response, netloc: str, request: Request
    ) -> None:
        self._responses[netloc] = response
        if len(self._responses) > _KEPT_RESPONSES:
            self._responses.popitem(last=False)
        await super()._parse_robots(response, netloc, request)

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


def admit_host(spider: Spider | None, request: Request) -> None:
    """Add the host of ``request`` to the spider's ``allowed_domains``, unless covered.

    A spider without ``allowed_domains`` is not filtered at all and stays so.
    """
    domains = list(getattr(spider, "allowed_domains", None) or ())
    host = urlparse_cached(request).hostname
    if not domains or not host:
        return
    if on_domains(host, domains):
        return
    spider.allowed_domains = [*domains, host]  # type: ignore[union-attr]
