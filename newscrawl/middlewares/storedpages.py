"""Answer a request with a page read from an archive instead of downloading it.

The ``warc`` spider reads its pages from WARC files. It could yield its articles
straight from ``start()``, but Scrapy (2.19) does not finish closing a spider
while an item from ``start()`` is in the item pipelines (the scraper never looks
again whether it may close: scrapy/scrapy#7029), so ``max_articles`` or a
Ctrl-C would hang the crawl. So each page travels as a request carrying the
stored response, and this middleware, first in line, hands it back: the page
then takes the path of any downloaded page, callbacks, pipelines and closing
included, and nothing goes out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

    from newscrawl.warcfile import WarcPage

# Request meta key holding the WarcPage that answers the request.
STORED_PAGE = "newscrawl_stored_page"
_OK = 200


class StoredPageMiddleware:
    async def process_request(self, request: Request) -> Response | None:
        page: WarcPage | None = request.meta.pop(STORED_PAGE, None)
        if page is None:
            return None
        headers = Headers(page.headers)
        response_class = responsetypes.from_args(
            headers=headers, url=page.url, body=page.body
        )
        return response_class(
            url=page.url,
            status=page.status or _OK,
            headers=headers,
            body=page.body,
            request=request,
        )
