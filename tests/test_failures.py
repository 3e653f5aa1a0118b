"""Why an article page could not be fetched: the reasons behind newscrawl/fetch_failed/*."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawl.spiders.failures import fetch_failure_reason


def _http_error(status: int) -> HttpError:
    response = Response(
        "http://127.0.0.1/x", status=status, request=Request("http://127.0.0.1/x")
    )
    return HttpError(response, "Ignoring non-200 response")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (_http_error(410), "http_410"),
        (_http_error(503), "http_503"),
        (_http_error(302), "redirect_refused"),
        (IgnoreRequest("max redirections reached"), "redirect_loop"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots"),
        (
            IgnoreRequest(
                "Ignored response because its body is larger than the download max size"
            ),
            "too_large",
        ),
        (
            DownloadCancelledError(
                "Cancelling download of http://x: expected response size (9) larger than "
                "download max size (5)."
            ),
            "too_large",
        ),
        (IgnoreRequest("something else"), "ignored"),
        (DownloadTimeoutError("took too long"), "timeout"),
        (ResponseDataLossError("cut short"), "connection_lost"),
        (CannotResolveHostError("nowhere.invalid"), "dns"),
        (KeyError("odd"), "keyerror"),
        (None, "unknown"),
    ],
)
def test_fetch_failure_reason(error: BaseException | None, reason: str) -> None:
    assert fetch_failure_reason(error) == reason
