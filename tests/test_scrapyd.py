"""Deploy and schedule newscrawl on a real scrapyd, as a user would.

scrapyd runs from its own virtualenv (``make scrapyd-venv``, which ``make test`` builds)
with the shipped ``deploy/scrapyd.conf`` (paths, port and credentials replaced), on
127.0.0.1 with basic auth. The project is deployed with ``scrapyd-deploy`` from a copy
of the checkout, and the jobs crawl the demo sites served locally.
"""

from __future__ import annotations

import base64
import configparser
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import REPO_ROOT, copy_project
from tests.servers import free_port
from tests.test_crawl import EXPECTED_ARTICLES

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

USERNAME = "crawler"
PASSWORD = "s3cret-for-tests"  # noqa: S105 - a throwaway scrapyd on 127.0.0.1
PROJECT = "newscrawl"
_BIN = Path(sys.executable).parent
_JOB_TIMEOUT = 120.0


def _scrapyd_venv() -> Path:
    venv = Path(os.environ.get("NEWSCRAWL_SCRAPYD_VENV", REPO_ROOT / ".venv-scrapyd"))
    if not venv.is_absolute():
        venv = REPO_ROOT / venv
    if not (venv / "bin" / "scrapyd").exists():
        reason = f"no scrapyd in {venv}: run `make scrapyd-venv` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return venv


@dataclass
class Scrapyd:
    url: str
    home: Path
    output: Path

    def call(
        self,
        endpoint: str,
        params: Mapping[str, str] | Sequence[tuple[str, str]] = (),
        *,
        post: bool = False,
        credentials: tuple[str, str] | None = (USERNAME, PASSWORD),
    ) -> dict[str, Any]:
        query = urllib.parse.urlencode(params)
        url = urllib.parse.urljoin(self.url, endpoint)
        headers = {}
        if credentials:
            token = base64.b64encode(":".join(credentials).encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        request = urllib.request.Request(
            url if post else f"{url}?{query}",
            data=query.encode() if post else None,
            headers=headers,
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer: dict[str, Any] = json.load(response)
        return answer

    def schedule(self, spider: str, **form: str | list[str]) -> str:
        fields: list[tuple[str, str]] = [("project", PROJECT), ("spider", spider)]
        for name, value in form.items():
            values = value if isinstance(value, list) else [value]
            fields += [(name, one) for one in values]
        answer = self.call("schedule.json", fields, post=True)
        assert answer["status"] == "ok", answer
        return str(answer["jobid"])

    def wait(self, job: str, state: str = "finished") -> dict[str, Any]:
        deadline = time.monotonic() + _JOB_TIMEOUT
        while time.monotonic() < deadline:
            jobs = self.call("listjobs.json", {"project": PROJECT})
            for entry in jobs[state]:
                if entry["id"] == job:
                    return dict(entry)
            time.sleep(0.3)
        raise AssertionError(f"job {job} not {state} after {_JOB_TIMEOUT} s: {jobs}")

    def job_log(self, spider: str, job: str) -> str:
        return (self.home / "logs" / PROJECT / spider / f"{job}.log").read_text()

    def wait_for_log(self, spider: str, job: str, text: str) -> None:
        path = self.home / "logs" / PROJECT / spider / f"{job}.log"
        deadline = time.monotonic() + _JOB_TIMEOUT
        while time.monotonic() < deadline:
            if path.exists() and text in path.read_text():
                return
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not in the log of job {job}")

    def daemon_log(self) -> str:
        return self.output.read_text()


def _write_config(home: Path, port: int) -> None:
    """Write the shipped production config with this test's port, paths, credentials."""
    config = configparser.ConfigParser()
    config.read(REPO_ROOT / "deploy" / "scrapyd.conf")
    section = config["scrapyd"]
    section.update(
        {
            "http_port": str(port),
            "username": USERNAME,
            "password": PASSWORD,
            "eggs_dir": str(home / "eggs"),
            "dbs_dir": str(home / "dbs"),
            "logs_dir": str(home / "logs"),
            "items_dir": str(home / "items"),
            "poll_interval": "0.2",
        }
    )
    assert section["bind_address"] == "127.0.0.1"
    assert section["jobstorage"] == "scrapyd.jobstorage.SqliteJobStorage"
    with (home / "scrapyd.conf").open("w") as handle:
        config.write(handle)


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scrapyd]:
    venv = _scrapyd_venv()
    home = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    _write_config(home, port)
    output = home / "scrapyd.out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY")}
    with output.open("w") as sink:
        # scrapyd reads scrapyd.conf from its working directory; its own session so
        # the teardown also stops the crawl processes it started.
        process = subprocess.Popen(
            [str(venv / "bin" / "scrapyd"), "--pidfile="],
            cwd=home,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Scrapyd(f"http://127.0.0.1:{port}/", home, output)
    try:
        _wait_until_up(server, process)
        yield server
    finally:
        _stop(process)


def _wait_until_up(server: Scrapyd, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scrapyd exited: {server.daemon_log()}")
        try:
            if server.call("daemonstatus.json")["status"] == "ok":
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"scrapyd did not start: {server.daemon_log()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def deployed(
    scrapyd: Scrapyd, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """``scrapyd-deploy remote`` from a copy of the checkout; its JSON answer."""
    checkout = copy_project(tmp_path_factory.mktemp("checkout"))
    env = {
        **os.environ,
        "SCRAPYD_URL": scrapyd.url,
        "SCRAPYD_USERNAME": USERNAME,
        "SCRAPYD_PASSWORD": PASSWORD,
    }
    result = subprocess.run(
        [str(_BIN / "scrapyd-deploy"), "remote", "--version", "r1"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def _demo_urls(demo_sites: Mapping[str, str]) -> str:
    return " ".join(demo_sites.values())


def _fast(database: Path) -> list[str]:
    return [
        f"NEWSCRAWL_SQLITE_PATH={database}",
        "DOWNLOAD_DELAY=0",
        "AUTOTHROTTLE_ENABLED=False",
    ]


def _schedule_bad_since(scrapyd: Scrapyd, database: Path) -> str:
    """Run a job whose ``since`` argument is no date, to its end; its id."""
    job = scrapyd.schedule(
        "generic",
        urls="http://127.0.0.1:9/",
        since="yesterdayish",
        setting=_fast(database),
    )
    scrapyd.wait(job)
    return job


def test_requests_without_the_right_credentials_are_refused(scrapyd: Scrapyd) -> None:
    for credentials in (None, (USERNAME, "wrong")):
        with pytest.raises(urllib.error.HTTPError) as refused:
            scrapyd.call("daemonstatus.json", credentials=credentials)
        refused.value.close()
        assert refused.value.code == 401
    assert scrapyd.call("daemonstatus.json")["status"] == "ok"


def test_deploy_answers_ok_with_every_spider(
    scrapyd: Scrapyd, deployed: dict[str, Any]
) -> None:
    assert deployed["status"] == "ok"
    assert deployed["project"] == PROJECT
    spiders = scrapyd.call("listspiders.json", {"project": PROJECT})["spiders"]
    assert {"generic", "warc"} <= set(spiders)
    assert len(spiders) == deployed["spiders"] == 32


def test_scheduled_crawl_stores_the_demo_articles(
    scrapyd: Scrapyd,
    deployed: dict[str, Any],
    demo_sites: dict[str, str],
    tmp_path: Path,
) -> None:
    database = tmp_path / "articles.sqlite"
    job = scrapyd.schedule(
        "generic",
        urls=_demo_urls(demo_sites),
        since="2000-01-01",
        max_articles="0",
        setting=_fast(database),
    )
    scrapyd.wait(job)
    log = scrapyd.job_log("generic", job)
    assert "'finish_reason': 'finished'" in log
    assert "Job outcome: ok (finish reason: finished)" in log
    with sqlite3.connect(database) as connection:
        stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored == sum(EXPECTED_ARTICLES.values())
    # items_dir of the shipped config: a JSON Lines copy of the job's items.
    items = scrapyd.home / "items" / PROJECT / "generic" / f"{job}.jl"
    assert len(items.read_text().splitlines()) == stored
    assert f"Process finished: project='{PROJECT}' spider='generic' job='{job}'" in (
        scrapyd.daemon_log()
    )


def test_a_bad_argument_fails_the_job_with_a_clear_message(
    scrapyd: Scrapyd, deployed: dict[str, Any], tmp_path: Path
) -> None:
    job = _schedule_bad_since(scrapyd, tmp_path / "articles.sqlite")
    assert "since='yesterdayish': expected an ISO date" in scrapyd.job_log(
        "generic", job
    )
    assert _died(scrapyd, job)
    assert not (tmp_path / "articles.sqlite").exists()


def test_a_store_that_cannot_be_opened_fails_the_job(
    scrapyd: Scrapyd, deployed: dict[str, Any], tmp_path: Path
) -> None:
    # A directory where the SQLite file should be.
    blocked = tmp_path / "articles.sqlite"
    blocked.mkdir()
    job = scrapyd.schedule(
        "generic", urls="http://127.0.0.1:9/", setting=_fast(blocked)
    )
    scrapyd.wait(job)
    log = scrapyd.job_log("generic", job)
    assert f"cannot open the article store '{blocked}'" in log
    # The last outcome line says why: what newscrawl-jobs reports.
    outcome = log.rsplit("Job outcome: ", 1)[1].splitlines()[0]
    assert outcome.startswith(
        f"FAILED (not started): cannot open the article store '{blocked}'"
    )
    assert _died(scrapyd, job)


def _died(scrapyd: Scrapyd, job: str) -> bool:
    return any(
        "Process died: exitstatus=1" in line and f"job='{job}'" in line
        for line in scrapyd.daemon_log().splitlines()
    )


def test_recurring_schedule_skips_a_spider_whose_job_is_still_running(
    scrapyd: Scrapyd,
    deployed: dict[str, Any],
    demo_sites: dict[str, str],
    tmp_path: Path,
) -> None:
    # Slow on purpose, so the job is still running when the next round comes.
    command = [
        str(_BIN / "newscrawl-schedule"),
        "--url",
        scrapyd.url,
        "--spider",
        "generic",
        "--arg",
        f"urls={_demo_urls(demo_sites)}",
        "--setting",
        f"NEWSCRAWL_SQLITE_PATH={tmp_path / 'articles.sqlite'}",
        "--setting",
        "DOWNLOAD_DELAY=2",
    ]
    env = {**os.environ, "SCRAPYD_USERNAME": USERNAME, "SCRAPYD_PASSWORD": PASSWORD}
    first = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("scheduled generic: job ")
    job = first.stdout.split()[-1]
    scrapyd.wait(job, "running")
    second = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == f"skipped generic: job {job} still busy"
    # Cancelled once crawling (before, scrapyd's signal just kills the interpreter),
    # the job must not look like a clean finish.
    scrapyd.wait_for_log("generic", job, "Spider opened")
    assert (
        scrapyd.call("cancel.json", {"project": PROJECT, "job": job}, post=True)[
            "status"
        ]
        == "ok"
    )
    scrapyd.wait(job)
    log = scrapyd.job_log("generic", job)
    # "shutdown" once the engine runs; "none" if the cancel came while the spider opened.
    assert re.search(r"Job outcome: FAILED \(finish reason: (shutdown|none)\)", log), (
        log[-800:]
    )
    assert _died(scrapyd, job)
    without_credentials = subprocess.run(
        command,
        env={k: v for k, v in env.items() if not k.startswith("SCRAPYD_")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert without_credentials.returncode == 1
    assert "HTTP 401" in without_credentials.stderr


def test_job_report_tells_failed_jobs_from_good_ones(
    scrapyd: Scrapyd,
    deployed: dict[str, Any],
    demo_sites: dict[str, str],
    tmp_path: Path,
) -> None:
    bad = _schedule_bad_since(scrapyd, tmp_path / "b.sqlite")
    # Scheduled after the bad one ended, so it is the spider's newest job.
    good = scrapyd.schedule(
        "generic", urls=_demo_urls(demo_sites), setting=_fast(tmp_path / "a.sqlite")
    )
    scrapyd.wait(good)
    env = {**os.environ, "SCRAPYD_USERNAME": USERNAME, "SCRAPYD_PASSWORD": PASSWORD}
    command = [
        str(_BIN / "newscrawl-jobs"),
        "--url",
        scrapyd.url,
        "--spider",
        "generic",
    ]
    report = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False
    )
    outcomes = {line.split()[3]: line for line in report.stdout.splitlines()}
    assert outcomes[good].endswith(f"{good}  ok (finish reason: finished)")
    assert outcomes[bad].endswith(
        f"{bad}  FAILED (not started): since='yesterdayish': expected an ISO date"
        " or datetime (2024-05-01, 2024-05-01T08:00:00+02:00) or an age such as"
        " 12h, 2d, 1w"
    )
    assert report.returncode == 1
    latest = subprocess.run(
        [*command, "--latest"], env=env, capture_output=True, text=True, check=False
    )
    assert latest.returncode == 0, latest.stdout
    [line] = latest.stdout.splitlines()
    assert line.endswith(f"{good}  ok (finish reason: finished)")
