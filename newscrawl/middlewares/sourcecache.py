"""Conditional requests for feeds and sitemaps: an unchanged source costs a 304.

Every run reads its sources again (the store, not the last run, says what is done:
see "Re-runs and crashes" in the README), so a crawl every hour downloads the same
feeds and sitemaps every hour. This is Scrapy's HTTP cache middleware with a policy
of our own: only feed and sitemap responses that carry a validator (``ETag`` or
``Last-Modified``) are kept, and a kept one is never used without asking the server
(``If-None-Match`` / ``If-Modified-Since``). A 304 hands the spider the stored copy,
which it reads as if it had just been downloaded: the same entries, so articles not
yet stored are still requested, whatever happened to the run that stored the copy.

Anything else goes on as if there were no cache: article pages, HTML pages of any
kind and robots.txt are never kept; a server error or a timeout is a failed source
as before (Scrapy's policy would serve the stale copy instead, hiding the failure
from the retry middleware and the stats); ``Cache-Control: max-age`` does not spare
the request (a stale sitemap means missed articles, and the question costs a few
hundred bytes).

Scrapy's filesystem storage writes an entry as seven files one after another; a
crawl killed between them can leave the new ``ETag`` beside the old body, and the
next 304 would then serve a copy older than the server's. So each entry here is one
file, written whole to a temporary name and renamed over the old one.
"""

from __future__ import annotations

import gzip
import logging
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Headers, HtmlResponse
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings
from scrapy.utils.project import data_path

from newscrawl import defaults
from newscrawl.store.sqlite import MEMORY
from newscrawl.store.target import is_postgres_url, store_target

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# Request meta ``newscrawl_source`` values whose responses may be kept: a listing
# request too, because the generic spider's start URLs are requested as listings and
# many are feeds; an HTML page is never kept.
CACHED_SOURCES = frozenset({"feed", "sitemap", "listing"})
_VALIDATORS = (b"ETag", b"Last-Modified")
_CONDITIONS = (b"If-None-Match", b"If-Modified-Since")
_OK = 200
_NOT_MODIFIED = 304
# What the answer to a conditional request says; errors and redirects say neither.
_OUTCOMES = {_NOT_MODIFIED: "not_modified", _OK: "changed"}
_DAY = 86400.0


def cache_dir(settings: BaseSettings) -> str:
    """Where the copies are kept: ``NEWSCRAWL_SOURCE_CACHE_DIR``, else beside the store.

    Beside a SQLite store (``data/articles.sqlite`` -> ``data/articles-sources``),
    so that a crawl into another store, a test's for one, keeps its own copies;
    with PostgreSQL or an in-memory store, in Scrapy's project data folder
    (``.scrapy``).
    """
    configured = settings.get("NEWSCRAWL_SOURCE_CACHE_DIR")
    if configured:
        return str(configured)
    target = store_target(settings)
    if target and target != MEMORY and not is_postgres_url(target):
        store = Path(target)
        return str(store.with_name(f"{store.stem}-sources"))
    try:
        return data_path("newscrawl-sources", createdir=True)
    except NotConfigured:
        # A project module without a scrapy.cfg above the working folder (scrapyd).
        return str(Path(".scrapy", "newscrawl-sources"))


class RevalidatingSourcePolicy(RFC2616Policy):
    """Keep feeds and sitemaps that can be revalidated; revalidate every time."""

    def should_cache_request(self, request: Request) -> bool:
        return request.meta.get(
            "newscrawl_source"
        ) in CACHED_SOURCES and super().should_cache_request(request)

    def should_cache_response(self, response: Response, request: Request) -> bool:
        return (
            response.status == _OK
            and not isinstance(response, HtmlResponse)
            and any(name in response.headers for name in _VALIDATORS)
            and b"no-store" not in self._parse_cachecontrol(response)
        )

    def is_cached_response_fresh(
        self, cachedresponse: Response, request: Request
    ) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == _NOT_MODIFIED


class AtomicFileCacheStorage:
    """One gzip'd file per entry, replaced whole; entries unused for a while pruned.

    An entry is a pickle of the status, URL and headers, then the body as it came:
    asking the server needs only the headers, so :meth:`retrieve_response` reads no
    further, and the body (a sitemap may hold 50 MiB) is read by
    :meth:`retrieve_whole` only once a 304 has said the copy is good; it is not
    unpacked for a source that changed, nor held in memory while the answer comes.
    Pickle, as Scrapy's own storages use: the files are written by this crawler into
    its own data folder and read by nothing else.
    """

    def __init__(self, settings: BaseSettings) -> None:
        self.root = Path(settings["HTTPCACHE_DIR"])
        self.keep_seconds = (
            settings.getfloat(
                "NEWSCRAWL_SOURCE_CACHE_DAYS", defaults.NEWSCRAWL_SOURCE_CACHE_DAYS
            )
            * _DAY
        )

    def open_spider(self, spider: Spider) -> None:
        self.folder = self.root / spider.name
        self.folder.mkdir(parents=True, exist_ok=True)
        self._fingerprinter = spider.crawler.request_fingerprinter
        self._stats = spider.crawler.stats
        logger.debug("Feeds and sitemaps kept for revalidation in %s", self.folder)

    def close_spider(self, spider: Spider) -> None:
        """Remove the copies of sources no run has read for ``keep_seconds``.

        Temporary files a killed crawl left behind go the same way.
        """
        if self.keep_seconds <= 0:
            return
        oldest = time.time() - self.keep_seconds
        for entry in self.folder.glob("*/*"):
            try:
                if entry.stat().st_mtime < oldest:
                    entry.unlink()
            except FileNotFoundError:
                pass  # another crawl of the same spider pruned it first

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        """Return the kept copy's status and headers, with an empty body."""
        return self._read(request, whole=False)

    def retrieve_whole(self, request: Request) -> Response | None:
        """Return the kept copy, body included; None when it is gone or unreadable."""
        try:
            response = self._read(request, whole=True)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, KeyError):
            logger.warning(
                "Cannot read the kept copy of %s", request.url, exc_info=True
            )
            return None
        if response is not None:
            response.flags.append("cached")
        return response

    def _read(self, request: Request, *, whole: bool) -> Response | None:
        try:
            with gzip.open(self._path(request), "rb") as stored:
                data: dict[str, Any] = pickle.load(stored)  # noqa: S301
                # Entries written before the body followed the pickle carry it inside.
                if "body" not in data:
                    data["body"] = stored.read() if whole else b""
        except FileNotFoundError:
            return None
        headers = Headers(data["headers"])
        response_class = responsetypes.from_args(
            headers=headers, url=data["url"], body=data["body"]
        )
        return response_class(
            url=data["url"],
            status=data["status"],
            headers=headers,
            body=data["body"],
        )

    def store_response(
        self, spider: Spider, request: Request, response: Response
    ) -> None:
        path = self._path(request)
        data = {
            "url": response.url,
            "status": response.status,
            "headers": {key: list(values) for key, values in response.headers.items()},
        }
        try:
            self._write(path, data, response.body)
        except OSError as error:
            # A full disk or a read-only folder must not cost the source: it was
            # downloaded and is read now; next run just downloads it again in full.
            self._stats.inc_value("newscrawl/sources/cache/write_failed")
            logger.warning("Cannot keep a copy of %s: %s", response.url, error)

    @staticmethod
    def _write(path: Path, data: dict[str, Any], body: bytes) -> None:
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as raw, gzip.open(raw, "wb") as stored:
                pickle.dump(data, stored, protocol=pickle.HIGHEST_PROTOCOL)
                stored.write(body)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _path(self, request: Request) -> Path:
        key = self._fingerprinter.fingerprint(request).hex()
        return self.folder / key[:2] / f"{key}.pickle.gz"


class SourceCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's HTTP cache middleware for feeds and sitemaps only (see module doc)."""

    def __init__(self, settings: Settings, stats: StatsCollector) -> None:
        if not settings.getbool(
            "NEWSCRAWL_SOURCE_CACHE_ENABLED", defaults.NEWSCRAWL_SOURCE_CACHE_ENABLED
        ):
            raise NotConfigured
        # The crawl's settings are frozen by now; Scrapy's HTTPCACHE_* stay the
        # developer's for Scrapy's own cache.
        own = Settings(settings.copy_to_dict())
        own.setdict(
            {
                "HTTPCACHE_ENABLED": True,
                "HTTPCACHE_POLICY": RevalidatingSourcePolicy,
                "HTTPCACHE_STORAGE": AtomicFileCacheStorage,
                "HTTPCACHE_DIR": cache_dir(settings),
                "HTTPCACHE_IGNORE_MISSING": False,
            },
            priority="cmdline",
        )
        super().__init__(own, stats)

    def process_request(  # type: ignore[override]
        self, request: Request
    ) -> Request | Response | None:
        if self.policy.should_cache_request(request):
            # A redirect copies the headers of the request it follows: validators of
            # another URL's copy, which must not be sent for this one.
            for name in _CONDITIONS:
                request.headers.pop(name, None)
        return super().process_request(request)

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        asked = request.meta.get("cached_response") is not None
        if asked and response.status == _NOT_MODIFIED:
            # The copy is good: read it whole now, before Scrapy freshens its headers
            # and writes it back. Gone since the request went out (pruned by another
            # crawl), the 304 itself goes on, a failed source.
            whole = self.storage.retrieve_whole(request)
            if whole is None:
                request.meta.pop("cached_response")
            else:
                request.meta["cached_response"] = whole
        result = super().process_response(request, response)
        outcome = _OUTCOMES.get(response.status) if asked else None
        if outcome is not None:
            kind = request.meta.get("newscrawl_source", "source")
            self.stats.inc_value(f"newscrawl/sources/{kind}/{outcome}")
        return result

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> None:
        # No stale copy in place of a failure: the retry middleware and the stats see it.
        request.meta.pop("cached_response", None)
