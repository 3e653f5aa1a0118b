"""The host a generic start URL redirected to, told to every worker by its requests.

A start URL that lands on another host name (the site's new name, its country edition)
makes that host the site (``GenericSpider.admit_landing_host``), but only in the process
that read it. In a distributed crawl any worker may fetch the requests it makes, and to
the others that host is offsite: Scrapy's offsite filter would drop them, and the links
on their pages would not be followed. So the requests for a landing host carry it
(``LANDING_HOST``) and ``allow_offsite``, and a worker that gets a response of one
takes the host as the site before its callback runs.

A spider middleware, as it sees every request a callback yields and every response
before the callback reads it. Spiders without landing hosts pass through untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlsplit

from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

LANDING_HOST = "newscrawl_landing_host"


@runtime_checkable
class LandsOnHosts(Protocol):
    landing_hosts: frozenset[str]

    def admit_landing_host(self, url: str) -> None: ...


def site_netloc(url: str) -> str:
    """Return the netloc of ``url`` as the generic spider compares it: lower case, no "www."."""
    return urlsplit(url).netloc.lower().removeprefix("www.")


class LandingHostMiddleware(BaseSpiderMiddleware):
    def process_spider_input(self, response: Response) -> None:
        spider = self.crawler.spider
        landing = response.meta.get(LANDING_HOST)
        if landing and isinstance(spider, LandsOnHosts):
            spider.admit_landing_host(landing)

    def get_processed_request(
        self, request: Request, response: Response | None
    ) -> Request | None:
        spider = self.crawler.spider
        if not isinstance(spider, LandsOnHosts) or not spider.landing_hosts:
            return request
        netloc = site_netloc(request.url)
        if netloc in spider.landing_hosts and LANDING_HOST not in request.meta:
            request.meta[LANDING_HOST] = request.url
            request.meta["allow_offsite"] = True
        return request
