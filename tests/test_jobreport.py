"""``newscrawl-jobs`` without a scrapyd: reading verdicts from log ends, errors.

Against a real scrapyd, with jobs that end well and badly, in tests/test_scrapyd.py.
"""

from __future__ import annotations

import pytest

from newscrawl.jobreport import Outcome, main, outcome_from_log
from tests.servers import free_port

STATS = "2026-11-28 10:00:05 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n{}\n"


def test_the_last_outcome_line_is_the_verdict() -> None:
    tail = (
        "2026-11-28 10:00:04 [newscrawl.extensions.outcome] INFO:"
        " Job outcome: ok (finish reason: finished)\n" + STATS
    )
    assert outcome_from_log(tail) == Outcome(
        failed=False, text="ok (finish reason: finished)"
    )


def test_a_crawl_that_did_not_start_names_the_error() -> None:
    tail = (
        "2026-11-28 10:00:01 [newscrawl.extensions.outcome] ERROR: Job outcome: FAILED"
        " (finish reason: shutdown): stopped early (shutdown)\n"
        "2026-11-28 10:00:01 [newscrawl.commands.crawl] ERROR: Job outcome: FAILED"
        " (not started): cannot open the article store 'x.sqlite'\n"
    )
    assert outcome_from_log(tail) == Outcome(
        failed=True,
        text="FAILED (not started): cannot open the article store 'x.sqlite'",
    )


def test_a_failed_outcome_keeps_its_reasons() -> None:
    tail = (
        "2026-11-28 10:00:03 [scrapy.core.scraper] ERROR: Error processing item\n"
        "2026-11-28 10:00:04 [newscrawl.extensions.outcome] ERROR: Job outcome: FAILED"
        " (finish reason: finished): 2 items failed in a pipeline\n" + STATS
    )
    outcome = outcome_from_log(tail)
    assert outcome.failed
    assert outcome.text == (
        "FAILED (finish reason: finished): 2 items failed in a pipeline"
    )


KILLED = "2026-11-28 10:00:01 [scrapy.core.engine] INFO: Spider opened\n"
KILLED_AFTER_AN_ERROR = (
    "2026-11-28 10:00:01 [scrapy.core.scraper] ERROR: Spider error processing x\n"
    "2026-11-28 10:00:02 [scrapy.core.engine] INFO: Crawled 7 pages\n"
)
NO_LINE = "FAILED (no outcome line: killed)"


@pytest.mark.parametrize(
    ("tail", "text"),
    [
        (KILLED, NO_LINE),
        (KILLED_AFTER_AN_ERROR, f"{NO_LINE}: Spider error processing x"),
    ],
)
def test_a_log_without_an_outcome_line_is_a_killed_crawl(tail: str, text: str) -> None:
    assert outcome_from_log(tail) == Outcome(failed=True, text=text)


def test_an_unreachable_scrapyd_exits_1_with_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Nothing listens on a free port.
    port = free_port()
    assert main(["--url", f"http://127.0.0.1:{port}/", "--timeout", "5"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("newscrawl-jobs: listjobs.json: ")
    assert "Connection refused" in error
