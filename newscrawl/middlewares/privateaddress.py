"""No internal address for a request a public source sent the crawler offsite to.

Scrapy's offsite filter drops a redirect to a host outside ``allowed_domains``, but a
request let offsite (``allow_offsite``: the articles a feed the user named lists on
other hosts) passes it wherever it goes. A third party's feed listing
``http://169.254.169.254/`` (the cloud metadata service), a host name of the local
network, or a public page redirecting to one, would then have the crawler read an
internal service as an article. So:

- a redirect of such a request from a public address to an internal IP literal is
  dropped before the download;
- the articles a public named source lists (``PUBLIC_SOURCE``, set by the spider) have
  their host name resolved first, with the resolver Scrapy downloads with, and are
  dropped when it gives an internal address; their response is checked too (the
  address the page came from, which also covers IPv6 and a name that changed).

Requests within internal addresses (a test site, an intranet crawled on purpose) and
the user's own start URLs are left alone.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError

from newscrawl.spiders.hosts import names_private_address

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

# Meta key: the request is an article a public named source listed on another host.
PUBLIC_SOURCE = "newscrawl_public_source"


def served_publicly(response: Response) -> bool:
    """Whether ``response`` came from a public address: by its URL, and by its peer's IP."""
    if names_private_address(response.url):
        return False
    return response.ip_address is None or _is_global(response.ip_address)


def _is_global(address: object) -> bool:
    try:
        return ipaddress.ip_address(str(address)).is_global
    except ValueError:
        return True


class PrivateAddressMiddleware:
    async def process_request(self, request: Request) -> None:
        if not request.meta.get("allow_offsite"):
            return
        if names_private_address(request.url):
            came_from = request.meta.get("redirect_urls") or ()
            if request.meta.get(PUBLIC_SOURCE) or any(
                not names_private_address(url) for url in came_from
            ):
                _refuse(request.url, urlsplit(request.url).hostname or "?")
            return
        if request.meta.get(PUBLIC_SOURCE):
            host = urlsplit(request.url).hostname or ""
            # Imported here: importing the reactor with this module (which spiders
            # import) would install Twisted's default one before Scrapy's.
            from twisted.internet import reactor  # noqa: PLC0415

            try:
                # Twisted annotates the name as bytes; its resolvers and Scrapy's take str.
                lookup = reactor.resolve(host)  # type: ignore[arg-type]
                address = await maybe_deferred_to_future(lookup)
            except DNSLookupError:
                return  # the download fails on its own, and says why
            if not _is_global(address):
                _refuse(request.url, address)

    def process_response(self, request: Request, response: Response) -> Response:
        if (
            request.meta.get(PUBLIC_SOURCE)
            and response.ip_address is not None
            and not _is_global(response.ip_address)
        ):
            _refuse(request.url, str(response.ip_address))
        return response


def _refuse(url: str, address: str) -> None:
    msg = f"Request to a private address refused: {url} ({address})"
    raise IgnoreRequest(msg)
