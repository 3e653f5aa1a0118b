"""scrapy-redis's shared seen-set, which also records every request it admits.

A request the seen-set admits is in the shared frontier; one it drops was never
fetched for this purpose. The end-of-crawl sweep (:mod:`newscrawl.distributed.frontier`)
re-queues admitted requests that a killed worker had popped but never finished, so it
keeps, per URL, the callback, errback and newscrawl meta needed to rebuild them. They
are in the seen-set already; ``dont_filter`` would let them through but also past the
offsite filter, so they carry a meta flag instead.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from scrapy_redis.dupefilter import RFPDupeFilter

from newscrawl.urls import requested_url

if TYPE_CHECKING:
    from scrapy import Request

REQUEUED = "newscrawl_requeued"
_META_PREFIX = "newscrawl_"
# Scrapy's own keys a rebuilt request needs: an article of a feed the user named may be
# on another host (see newscrawl.spiders.sourcecrawl.NAMED_SOURCE).
_SCRAPY_META = ("allow_offsite",)


def request_spec(request: Request) -> str:
    """Describe ``request`` for a rebuild: callback and errback names, newscrawl meta."""
    spec: dict[str, Any] = {
        "callback": getattr(request.callback, "__name__", None),
        "errback": getattr(request.errback, "__name__", None),
        "meta": {
            k: v
            for k, v in request.meta.items()
            if k.startswith(_META_PREFIX) or k in _SCRAPY_META
        },
    }
    return json.dumps(spec, sort_keys=True)


class SweepAwareDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    def request_seen(self, request: Request) -> bool:
        if request.meta.get(REQUEUED):
            return False
        if super().request_seen(request):
            return True
        requested = self.key.removesuffix(":seen") + ":requested"
        self.server.hsetnx(requested, requested_url(request), request_spec(request))
        return False
