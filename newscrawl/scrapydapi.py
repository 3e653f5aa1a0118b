"""A small client of scrapyd's HTTP API, for ``newscrawl-schedule`` and ``newscrawl-jobs``.

The standard library's HTTP client: the commands run from cron on machines that have
newscrawl installed, and need no more than a few JSON calls and a log's last lines.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping, Sequence


def add_scrapyd_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options every command that talks to scrapyd takes."""
    parser.add_argument("--url", default="http://127.0.0.1:6800/", help="scrapyd URL")
    parser.add_argument("--project", default="newscrawl")
    parser.add_argument("--timeout", type=float, default=30.0)


class ScrapydError(Exception):
    """scrapyd could not be reached or answered with an error."""


class Scrapyd:
    """The few scrapyd endpoints the newscrawl commands call, with HTTP basic auth."""

    def __init__(
        self,
        url: str,
        *,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.timeout = timeout
        self._headers = {}
        if username:
            token = base64.b64encode(f"{username}:{password or ''}".encode()).decode()
            self._headers["Authorization"] = f"Basic {token}"

    @classmethod
    def from_options(cls, options: argparse.Namespace) -> Scrapyd:
        """Return a client for the options of :func:`add_scrapyd_arguments`.

        Credentials come from ``SCRAPYD_USERNAME`` and ``SCRAPYD_PASSWORD``, never from
        the command line, where other users could read them in the process list.
        """
        return cls(
            options.url,
            username=os.environ.get("SCRAPYD_USERNAME"),
            password=os.environ.get("SCRAPYD_PASSWORD"),
            timeout=options.timeout,
        )

    def spiders(self, project: str) -> list[str]:
        answer = self._call("listspiders.json", {"project": project})
        return [str(name) for name in answer["spiders"]]

    def busy_jobs(self, project: str) -> dict[str, str]:
        """``{spider: job id}`` of every pending or running job of ``project``."""
        jobs = self.jobs(project)
        busy: dict[str, str] = {}
        for state in ("running", "pending"):
            for job in jobs[state]:
                busy.setdefault(str(job["spider"]), str(job["id"]))
        return busy

    def schedule(
        self,
        project: str,
        spider: str,
        arguments: Mapping[str, str],
        settings: Sequence[str],
    ) -> str:
        form: list[tuple[str, str]] = [("project", project), ("spider", spider)]
        form += [("setting", setting) for setting in settings]
        form += list(arguments.items())
        return str(self._call("schedule.json", form, post=True)["jobid"])

    def jobs(self, project: str) -> dict[str, list[dict[str, Any]]]:
        """``listjobs.json``: the pending, running and finished jobs of ``project``."""
        answer = self._call("listjobs.json", {"project": project})
        return {
            state: list(answer.get(state, []))
            for state in ("pending", "running", "finished")
        }

    def log_tail(self, log_url: str, size: int) -> str:
        """Return at most the last ``size`` bytes of a job log, as text.

        A long crawl's log is not downloaded to read its end: its length comes from a
        HEAD request, then the end is asked for by an explicit first-byte range.
        (scrapyd's file server, Twisted's static.File, answers a suffix range longer
        than the file, ``bytes=-N``, with an error 500.) A server that ignores the
        range sends the whole log, of which the end is kept.
        """
        url = urllib.parse.urljoin(self.url, log_url)
        with self._open(log_url, url, method="HEAD") as response:
            length = int(response.headers.get("Content-Length") or 0)
        headers = {}
        if length > size:
            headers["Range"] = f"bytes={length - size}-"
        with self._open(log_url, url, headers=headers) as response:
            body: bytes = response.read()
        return body[-size:].decode("utf-8", "replace")

    def _open(
        self,
        name: str,
        url: str,
        *,
        method: str | None = None,
        headers: Mapping[str, str] | None = None,
        data: bytes | None = None,
    ) -> Any:
        request = urllib.request.Request(  # noqa: S310 - the URL is scrapyd's, given by the operator
            url, data=data, headers={**self._headers, **(headers or {})}, method=method
        )
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310
        except urllib.error.HTTPError as error:
            error.close()
            raise ScrapydError(f"{name}: HTTP {error.code} {error.reason}") from error
        except (urllib.error.URLError, OSError) as error:
            raise ScrapydError(f"{name}: {error}") from error

    def _call(
        self,
        endpoint: str,
        params: Mapping[str, str] | Sequence[tuple[str, str]],
        *,
        post: bool = False,
    ) -> dict[str, Any]:
        query = urllib.parse.urlencode(params)
        url = urllib.parse.urljoin(self.url, endpoint)
        if post:
            response = self._open(endpoint, url, data=query.encode())
        else:
            response = self._open(endpoint, f"{url}?{query}")
        with response:
            try:
                answer: dict[str, Any] = json.load(response)
            except (OSError, ValueError) as error:
                raise ScrapydError(f"{endpoint}: {error}") from error
        if answer.get("status") != "ok":
            raise ScrapydError(f"{endpoint}: {answer.get('message', answer)}")
        return answer
