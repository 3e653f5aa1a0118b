"""``newscrawl-extract``: one saved page in, its article out as JSON."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.extractcli import main

URL = "https://news.example.org/2024/06/03/harbour-ferry-gets-a-new-timetable"
PAGE = (
    '<html lang="en"><head><title>Harbour ferry gets a new timetable | Example</title>'
    "</head><body><article><h1>Harbour ferry gets a new timetable</h1>"
    '<p class="byline">By Ana Lind · <span class="date">3 hours ago</span></p>'
    + "".join(
        f"<p>The ferry between the two harbours will run every {n} minutes from next "
        "month, the operator said in a short statement to the town council.</p>"
        for n in range(8)
    )
    + "</article></body></html>"
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_prints_the_article_as_json(tmp_path: Path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    status, out, _ = run(
        [str(page), "--url", URL, "--fetched-at", "2024-06-03T15:00:00Z"], capsys
    )
    assert status == 0
    article = json.loads(out)
    assert article["headline"] == "Harbour ferry gets a new timetable"
    # "3 hours ago" counts from --fetched-at.
    assert article["published"] == "2024-06-03T12:00:00+00:00"
    assert article["body"].startswith("The ferry between the two harbours")
    assert article["url"] == URL


def test_reads_gzip_and_standard_input(tmp_path: Path, capsys, monkeypatch) -> None:
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(PAGE.encode()))
    status, out, _ = run([str(packed), "--url", URL], capsys)
    assert status == 0
    assert json.loads(out)["headline"] == "Harbour ferry gets a new timetable"
    stdin = io.TextIOWrapper(io.BytesIO(PAGE.encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, _ = run(["-", "--url", URL, "--indent", "2"], capsys)
    assert status == 0
    assert out.startswith('{\n  "url"')


def test_bad_input_is_a_clear_error(tmp_path: Path, capsys) -> None:
    status, out, err = run([str(tmp_path / "missing.html"), "--url", URL], capsys)
    assert (status, out) == (1, "")
    assert "cannot read" in err
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(PAGE.encode())[:40])
    assert run([str(broken), "--url", URL], capsys)[0] == 1
    for bad in (["--url", "not a url"], ["--url", URL, "--fetched-at", "yesterday"]):
        with pytest.raises(SystemExit) as stop:
            main([str(broken), *bad])
        assert stop.value.code == 2


def test_installed_as_a_command(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    # The console script pyproject.toml declares, beside this Python.
    command = Path(sys.executable).parent / "newscrawl-extract"
    result = subprocess.run(
        [str(command), str(page), "--url", URL],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["headline"] == "Harbour ferry gets a new timetable"
