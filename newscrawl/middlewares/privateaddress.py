"""No redirect from a public page to an address no public site has, for offsite requests.

Scrapy's offsite filter drops a redirect to a host outside ``allowed_domains``, but a
request let offsite (``allow_offsite``: the articles a feed the user named lists on
other hosts) passes it wherever it is redirected. A public page answering with a
redirect to ``http://169.254.169.254/`` (the cloud metadata service) or to the local
network would then be read as an article. Such a request is dropped here, before the
download; a redirect within internal addresses (a test site, an intranet crawled on
purpose) is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

from newscrawl.spiders.hosts import names_private_address

if TYPE_CHECKING:
    from scrapy import Request


class PrivateAddressMiddleware:
    def process_request(self, request: Request) -> None:
        if not request.meta.get("allow_offsite") or not names_private_address(
            request.url
        ):
            return
        came_from = request.meta.get("redirect_urls") or ()
        if any(not names_private_address(url) for url in came_from):
            msg = f"Redirect to a private address refused: {request.url}"
            raise IgnoreRequest(msg)
