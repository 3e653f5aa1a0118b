"""``newscrawl-jobs``: the outcome of each crawl job on scrapyd, read from its log.

scrapyd lists every ended job as "finished", whether it stored everything or died at
its first line. Every newscrawl crawl log ends with one ``Job outcome:`` line
(``newscrawl.extensions.outcome``); this command reads the end of each finished job's
log through scrapyd's ``log_url`` and prints that line's verdict, so a cron job or a
monitoring check can tell a failed crawl from a good one:

    newscrawl-jobs --url http://127.0.0.1:6800/ --latest || alert "a crawl failed"

A crawl that could not start (a bad argument, a store that cannot be opened) logs a
``FAILED (not started)`` line naming the error. A log without any outcome line belongs
to a crawl that was killed (``kill -9``, out of memory); it counts as failed, with the
log's last error when there is one.

Exit status: 0 when no listed job failed, 1 when one did or scrapyd could not be read,
2 on bad usage. Credentials as for ``newscrawl-schedule``: ``SCRAPYD_USERNAME`` and
``SCRAPYD_PASSWORD``.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from newscrawl.scrapydapi import Scrapyd, ScrapydError, add_scrapyd_arguments

if TYPE_CHECKING:
    from collections.abc import Sequence

# The outcome line comes before Scrapy's stats dump and the "Spider closed" line; a
# dump of a few hundred stats is tens of kilobytes.
LOG_TAIL_BYTES = 256 * 1024
_OUTCOME_PATTERN = re.compile(r"Job outcome: (?P<verdict>ok|FAILED)\b(?P<rest>.*)")
_ERROR_PATTERN = re.compile(r"\] (?:ERROR|CRITICAL): (?P<message>.+)")


class Outcome(NamedTuple):
    failed: bool
    text: str


class JobLine(NamedTuple):
    ended: str
    spider: str
    job: str
    outcome: Outcome


def outcome_from_log(tail: str) -> Outcome:
    """Read a job's verdict from the end of its log."""
    verdicts = list(_OUTCOME_PATTERN.finditer(tail))
    if verdicts:
        last = verdicts[-1]
        return Outcome(last["verdict"] == "FAILED", f"{last['verdict']}{last['rest']}")
    errors = list(_ERROR_PATTERN.finditer(tail))
    reason = f": {errors[-1]['message'].strip()}" if errors else ""
    return Outcome(True, f"FAILED (no outcome line: killed){reason}")


def finished_jobs(
    scrapyd: Scrapyd, jobs: list[dict[str, Any]], *, latest: bool
) -> list[JobLine]:
    """Judge finished jobs, newest first; with ``latest``, only each spider's newest."""
    ordered = sorted(jobs, key=lambda job: str(job.get("end_time", "")), reverse=True)
    if latest:
        newest: dict[str, dict[str, Any]] = {}
        for job in ordered:
            newest.setdefault(str(job["spider"]), job)
        ordered = list(newest.values())
    lines = []
    for job in ordered:
        log_url = job.get("log_url")
        if not log_url:
            outcome = Outcome(True, "unknown (scrapyd keeps no logs: logs_dir is off)")
        else:
            try:
                outcome = outcome_from_log(scrapyd.log_tail(log_url, LOG_TAIL_BYTES))
            except ScrapydError as error:
                outcome = Outcome(True, f"unknown (cannot read the log: {error})")
        lines.append(
            JobLine(
                _seconds(str(job.get("end_time", ""))),
                str(job["spider"]),
                str(job["id"]),
                outcome,
            )
        )
    return lines


def _seconds(timestamp: str) -> str:
    return timestamp.split(".", 1)[0]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl-jobs",
        description="Print the outcome of newscrawl jobs on scrapyd, from their logs.",
    )
    add_scrapyd_arguments(parser)
    parser.add_argument(
        "--spider", action="append", default=[], help="only this spider (repeatable)"
    )
    parser.add_argument(
        "--latest", action="store_true", help="only each spider's newest finished job"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    scrapyd = Scrapyd.from_options(options)
    wanted = set(options.spider)

    def chosen(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [job for job in jobs if not wanted or job.get("spider") in wanted]

    try:
        jobs = scrapyd.jobs(options.project)
    except ScrapydError as error:
        print(f"newscrawl-jobs: {error}", file=sys.stderr)
        return 1
    # Not judged yet: a running job shows when it started, a pending one no time.
    for state in ("running", "pending"):
        for job in chosen(jobs[state]):
            started = _seconds(str(job.get("start_time", "")))
            print(f"{started:<19}  {job['spider']}  {job['id']}  {state}")
    lines = finished_jobs(scrapyd, chosen(jobs["finished"]), latest=options.latest)
    for line in lines:
        print(f"{line.ended:<19}  {line.spider}  {line.job}  {line.outcome.text}")
    return 1 if any(line.outcome.failed for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
