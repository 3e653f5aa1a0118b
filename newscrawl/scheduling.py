"""``newscrawl-schedule``: one round of recurring crawls on scrapyd.

scrapyd runs the jobs it is given and never repeats one. Run this from cron or a
systemd timer (examples in ``deploy/systemd/``): each run schedules the chosen spiders
through ``schedule.json`` with the same arguments and settings, and skips a spider
whose previous job is still pending or running, so a slow crawl is never doubled.

Credentials come from ``SCRAPYD_USERNAME`` and ``SCRAPYD_PASSWORD`` (the variables
scrapy.cfg's deploy target reads too), never from the command line, where other users
could read them in the process list.

Exit status: 0 when every spider was scheduled or skipped, 1 when a request failed or
scrapyd refused one, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, NamedTuple

from newscrawl.scrapydapi import Scrapyd, ScrapydError, add_scrapyd_arguments

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

# Need start URLs (urls=...) or files (files=...), so --all leaves them out; name
# them with --spider.
_NEEDS_ARGUMENTS = frozenset({"generic", "warc"})


class Decision(NamedTuple):
    spider: str
    busy_job: str | None


def plan(chosen: Iterable[str], busy: Mapping[str, str]) -> list[Decision]:
    """Pair each chosen spider with the job that keeps it busy, if any."""
    return [Decision(spider, busy.get(spider)) for spider in chosen]


def choose_spiders(
    available: Sequence[str],
    *,
    named: Sequence[str],
    every: bool,
    excluded: Sequence[str],
) -> list[str]:
    """Return the spiders to schedule; an unknown name is an error, not a no-op."""
    unknown = sorted(set(named) - set(available))
    if unknown:
        raise ScrapydError(f"no such spider on scrapyd: {', '.join(unknown)}")
    chosen = [s for s in available if s not in _NEEDS_ARGUMENTS] if every else []
    chosen += [s for s in named if s not in chosen]
    return [s for s in chosen if s not in set(excluded)]


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return key, value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl-schedule",
        description="Schedule newscrawl spiders on scrapyd, skipping busy ones.",
    )
    add_scrapyd_arguments(parser)
    which = parser.add_argument_group("which spiders (at least one of)")
    which.add_argument(
        "--all", action="store_true", help="every site spider (not generic or warc)"
    )
    which.add_argument(
        "--spider", action="append", default=[], help="a spider (repeatable)"
    )
    parser.add_argument(
        "--exclude", action="append", default=[], help="leave out (repeatable)"
    )
    parser.add_argument(
        "--arg",
        action="append",
        default=[],
        type=_key_value,
        metavar="NAME=VALUE",
        help="spider argument for every job (repeatable), e.g. since=2d",
    )
    parser.add_argument(
        "--setting",
        action="append",
        default=[],
        type=_key_value,
        metavar="NAME=VALUE",
        help="Scrapy setting for every job (repeatable)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    options = parser.parse_args(argv)
    if not options.all and not options.spider:
        parser.error("name spiders with --spider or take them all with --all")
    reserved = {"project", "spider", "setting", "jobid", "_version"}
    clashing = sorted(reserved & {key for key, _ in options.arg})
    if clashing:
        parser.error(f"--arg cannot set {', '.join(clashing)}")
    scrapyd = Scrapyd.from_options(options)
    settings = [f"{key}={value}" for key, value in options.setting]
    try:
        chosen = choose_spiders(
            scrapyd.spiders(options.project),
            named=options.spider,
            every=options.all,
            excluded=options.exclude,
        )
        decisions = plan(chosen, scrapyd.busy_jobs(options.project))
    except ScrapydError as error:
        print(f"newscrawl-schedule: {error}", file=sys.stderr)
        return 1
    failed = 0
    for decision in decisions:
        if decision.busy_job is not None:
            print(f"skipped {decision.spider}: job {decision.busy_job} still busy")
            continue
        try:
            job = scrapyd.schedule(
                options.project, decision.spider, dict(options.arg), settings
            )
        except ScrapydError as error:
            failed += 1
            print(f"failed {decision.spider}: {error}", file=sys.stderr)
            continue
        print(f"scheduled {decision.spider}: job {job}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
