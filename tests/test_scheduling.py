"""``newscrawl-schedule`` without a scrapyd: choosing spiders, usage and connection errors.

Scheduling against a real scrapyd is in tests/test_scrapyd.py.
"""

from __future__ import annotations

import pytest

from newscrawl.scheduling import Decision, choose_spiders, main, plan
from newscrawl.scrapydapi import ScrapydError
from tests.servers import free_port

AVAILABLE = ["bbc_com", "generic", "orf_at", "warc", "zeit_de"]


def test_all_leaves_out_the_spiders_that_need_arguments() -> None:
    chosen = choose_spiders(AVAILABLE, named=[], every=True, excluded=[])
    assert chosen == ["bbc_com", "orf_at", "zeit_de"]


def test_named_spiders_add_to_all_and_exclusions_win() -> None:
    chosen = choose_spiders(
        AVAILABLE, named=["generic", "orf_at"], every=True, excluded=["zeit_de"]
    )
    assert chosen == ["bbc_com", "orf_at", "generic"]


def test_an_unknown_spider_is_an_error() -> None:
    with pytest.raises(ScrapydError, match="no such spider on scrapyd: nytimes_com"):
        choose_spiders(AVAILABLE, named=["nytimes_com"], every=False, excluded=[])


def test_busy_spiders_are_paired_with_their_job() -> None:
    decisions = plan(["bbc_com", "orf_at"], {"orf_at": "j1", "other": "j2"})
    assert decisions == [Decision("bbc_com", None), Decision("orf_at", "j1")]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "name spiders with --spider or take them all with --all"),
        (["--all", "--arg", "nodelimiter"], "expected NAME=VALUE"),
        (["--all", "--arg", "project=other"], "--arg cannot set project"),
    ],
)
def test_bad_usage_exits_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_an_unreachable_scrapyd_exits_1_with_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Nothing listens on a free port.
    port = free_port()
    assert main(["--url", f"http://127.0.0.1:{port}/", "--all", "--timeout", "5"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("newscrawl-schedule: listspiders.json: ")
    assert "Connection refused" in error
