"""Why a page could not be fetched, in a few words a stats key can carry.

Scrapy reports a failed download as one of many exception types, some of them only
told apart by their message. :func:`fetch_failure_reason` maps them to stable, short
reasons (``timeout``, ``http_410``, ``too_large`` …) so the stats and the summary say
why each page was lost: ``newscrawl/fetch_failed/<reason>``.
"""

from __future__ import annotations

from http import HTTPStatus

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as net
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from twisted.web.client import PartialDownloadError

# Messages of the IgnoreRequest and DownloadCancelledError Scrapy raises, by reason;
# Scrapy gives these cases no exception type of their own.
_MESSAGES = (
    ("robots.txt", "robots"),
    ("max redirections", "redirect_loop"),
    ("offsite", "offsite"),
    ("private address", "private_address"),
    ("max size", "too_large"),
    ("maxsize", "too_large"),
    ("larger than", "too_large"),
    ("DOWNLOAD_MAXSIZE", "too_large"),
)
# Exception types that say it all, in the order they are checked.
_TYPES: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, net.TimeoutError, defer.TimeoutError), "timeout"),
    (
        (
            ResponseDataLossError,
            DownloadFailedError,
            ResponseFailed,
            ResponseNeverReceived,
            PartialDownloadError,
            net.ConnectionLost,
            net.ConnectionDone,
        ),
        "connection_lost",
    ),
    ((CannotResolveHostError, net.DNSLookupError), "dns"),
    (
        (DownloadConnectionRefusedError, net.ConnectionRefusedError),
        "connection_refused",
    ),
)
_REDIRECTS = range(300, 400)
_CLIENT_ERRORS = range(400, 500)


def fetch_failure_reason(error: BaseException | None) -> str:
    """Return a short, stable reason for a failed download of an article page."""
    if error is None:
        return "unknown"
    if isinstance(error, HttpError):
        status = error.response.status
        # A redirect reaching the spider is one the redirect middleware would not
        # follow: a Location with a non-HTTP scheme (file://, ftp://, data:).
        return "redirect_refused" if status in _REDIRECTS else f"http_{status}"
    if isinstance(error, IgnoreRequest | DownloadCancelledError | defer.CancelledError):
        message = str(error).lower()
        return next(
            (reason for needle, reason in _MESSAGES if needle.lower() in message),
            "ignored",
        )
    return next(
        (reason for types, reason in _TYPES if isinstance(error, types)),
        type(error).__name__.lower(),
    )


def says_absent(error: BaseException | None) -> bool:
    """Whether a download failed because the server says the file is not there.

    Any 4xx but 429 (rate limiting), as search engines read a robots.txt answer.
    """
    if not isinstance(error, HttpError):
        return False
    status = error.response.status
    return status in _CLIENT_ERRORS and status != HTTPStatus.TOO_MANY_REQUESTS
