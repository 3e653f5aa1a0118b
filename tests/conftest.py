"""Shared fixtures: the demo sites served from a subprocess on free ports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newscrawl.demo.server import request_counts
from newscrawl.store import known
from tests.servers import PostgresServer

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["request_counts"]

_START_TIMEOUT = 30.0
REPO_ROOT = Path(__file__).resolve().parents[1]
# What scrapyd-deploy needs of a checkout to build the egg.
_PROJECT_FILES = ("newscrawl", "setup.py", "pyproject.toml", "README.md", "scrapy.cfg")


def copy_project(checkout: Path) -> Path:
    """Copy the files of a checkout that scrapyd-deploy reads into ``checkout``."""
    checkout.mkdir(parents=True, exist_ok=True)
    for name in _PROJECT_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, checkout / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, checkout / name)
    return checkout


def _read_first_line(process: subprocess.Popen[str]) -> str:
    # readline() could block forever if the server hangs before printing; read in a
    # thread so a broken server fails the session instead of freezing it.
    stdout = process.stdout
    assert stdout is not None
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.append(stdout.readline()), daemon=True
    )
    reader.start()
    reader.join(_START_TIMEOUT)
    if not lines or not lines[0]:
        msg = f"demo server did not start (exit code {process.poll()})"
        raise RuntimeError(msg)
    return lines[0]


@pytest.fixture(scope="session")
def demo_sites() -> Iterator[dict[str, str]]:
    """Start ``python -m newscrawl.demo.server --port-base 0``; yield ``{site_name: base_url}``.

    Base URLs end with ``/``. Use ``request_counts(base_url)`` to see what a site served.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.demo.server", "--port-base", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    try:
        sites: dict[str, str] = json.loads(_read_first_line(process))["sites"]
        yield sites
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        assert process.stdout is not None
        process.stdout.close()


# --- PostgreSQL -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a throwaway PostgreSQL on 127.0.0.1 for the session."""
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """Create a fresh, empty database on the throwaway server for one test."""
    return postgres_server.create_database()


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store test keeps its articles: a SQLite file or a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "a.sqlite")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def host_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Note each stored URL the known-article load checks against its hosts in Python.

    Rows the database already left out never get there.
    """
    checked: list[str] = []
    on_hosts = known.on_hosts

    def noting_on_hosts(url: str, hosts: Sequence[str]) -> bool:
        checked.append(url)
        return on_hosts(url, hosts)

    monkeypatch.setattr(known, "on_hosts", noting_on_hosts)
    return checked
