"""Memory and speed over a long crawl: 50,000 generated article pages served locally.

``make bench-memory`` runs it (``--pages 5000`` for a quick check). It prints figures;
it is not a test.

The site (``benchmarks/generated_site.py``) runs in a process of its own, so its memory
does not count, and its speed alone is measured first with a plain keep-alive client.
The crawl is ``scrapy crawl generic`` in a subprocess with the project's settings and
every pipeline on, as a user runs it. Every second the crawl process's resident memory
(``VmRSS``) and CPU time, and the server's count of article pages served, are sampled;
the table shows them at each fifth of the run (every 10k pages at full size). The crawl
log goes to ``crawl.log`` in the work directory (``--keep`` keeps it).

``--probe`` adds ``benchmarks/memory_probe.py`` as a Scrapy add-on, which logs the size
of the crawl's in-run sets and indexes (and, with ``--tracemalloc``, the allocation
sites that grew; slow, ~5 pages/s) every tenth of the run: ``--pages 5000 --probe
--tracemalloc --keep`` answers what grows.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit
from urllib.request import urlopen

from generated_site import article_path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_SERVER_CHECK_PAGES = 2_000
_SERVER_CHECK_CLIENTS = 4
_MB = 1024 * 1024


class Sample(NamedTuple):
    elapsed: float
    pages: int
    rss: int
    peak: int
    crawl_cpu: float
    server_cpu: float
    machine_cpu: float


def proc_memory(pid: int) -> tuple[int, int]:
    """Resident and peak resident bytes of ``pid`` (VmRSS, VmHWM)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            fields[key] = int(value.split()[0]) * 1024
    return fields["VmRSS"], fields["VmHWM"]


def proc_cpu(pid: int) -> float:
    """User plus system CPU seconds of ``pid``."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # Fields after the command name, which may hold spaces, start at "state".
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def machine_cpu() -> float:
    """CPU seconds all processes have used, over every core (from /proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system = (int(value) for value in fields[:3])
    # irq, softirq and steal count as busy; idle and iowait do not.
    busy = user + nice + system + sum(int(value) for value in fields[5:8])
    return busy / _CLOCK_TICKS


def served(base: str) -> dict[str, int]:
    with urlopen(base + "__stats__", timeout=10) as response:  # noqa: S310 - our 127.0.0.1 server
        counts: dict[str, int] = json.load(response)
    return counts


def start_server(pages: int, seed: int) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "generated_site.py"),
            f"--pages={pages}",
            f"--seed={seed}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None  # noqa: S101 - set by stdout=PIPE
    base: str = json.loads(server.stdout.readline())["url"]
    return server, base


def server_speed(base: str, pages: int, seed: int) -> float:
    """Article pages per second the server alone delivers to keep-alive clients."""
    parts = urlsplit(base)

    def fetch(indexes: range) -> None:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port)
        for index in indexes:
            connection.request("GET", article_path(seed, index % pages))
            connection.getresponse().read()
        connection.close()

    threads = [
        threading.Thread(
            target=fetch, args=(range(k, _SERVER_CHECK_PAGES, _SERVER_CHECK_CLIENTS),)
        )
        for k in range(_SERVER_CHECK_CLIENTS)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _SERVER_CHECK_PAGES / (time.perf_counter() - started)


def crawl_command(base: str, work: Path, args: argparse.Namespace) -> list[str]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"url={base}",
        "-s", f"NEWSCRAWL_SQLITE_PATH={work / 'articles.sqlite'}",
        "-s", "DOWNLOAD_DELAY=0",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
        "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
        "-s", "LOG_LEVEL=INFO",
        "-s", f"LOG_FILE={work / 'crawl.log'}",
        "-s", "NEWSCRAWL_PROGRESS_INTERVAL=30",
    ]  # fmt: skip
    if args.probe:
        every = max(1_000, args.pages // 10)
        command += [
            "-s",
            'ADDONS={"memory_probe.MemoryProbe": 0}',
            "-s",
            f"MEMORY_PROBE_EVERY={every}",
        ]
        command += ["-s", f"MEMORY_PROBE_TRACEMALLOC={args.tracemalloc}"]
    return command


def sample_until_done(
    crawl: subprocess.Popen[bytes],
    server: subprocess.Popen[str],
    base: str,
    interval: float,
) -> list[Sample]:
    samples: list[Sample] = []
    started = time.monotonic()
    while crawl.poll() is None:
        try:
            rss, peak = proc_memory(crawl.pid)
            cpu = proc_cpu(crawl.pid)
        except (FileNotFoundError, KeyError, ProcessLookupError):
            break  # it exited between poll() and the read
        pages = served(base)["articles"]
        elapsed = time.monotonic() - started
        server_cpu = proc_cpu(server.pid)
        samples.append(
            Sample(elapsed, pages, rss, peak, cpu, server_cpu, machine_cpu())
        )
        time.sleep(interval)
    crawl.wait()
    return samples


def at(samples: list[Sample], pages: int) -> Sample:
    """Return the first sample that has reached ``pages`` (the last one if none has)."""
    return next((s for s in samples if s.pages >= pages), samples[-1])


_HEADER = (
    f"{'pages':>7} {'time s':>7} {'RSS MB':>7} {'pages/s':>8} {'crawl CPU ms/page':>18} "
    f"{'crawl CPU %':>12} {'server CPU %':>13} {'others CPU %':>13}"
)


def report(samples: list[Sample], pages: int) -> None:
    """Print the table at each fifth of ``pages`` and the growth and speed ratios.

    CPU % is of one core (the machine has ``os.cpu_count()``); "others" is every other
    process on the machine, which says how noisy the window was.
    """
    window = max(1_000, pages // 5)
    marks = [at(samples, n) for n in range(window, pages + 1, window)]
    print(f"\n{_HEADER}")
    previous = samples[0]._replace(elapsed=0.0, pages=0)
    speeds = []
    for mark in marks:
        seconds = max(mark.elapsed - previous.elapsed, 1e-9)
        count = max(mark.pages - previous.pages, 1)
        crawl = mark.crawl_cpu - previous.crawl_cpu
        server = mark.server_cpu - previous.server_cpu
        others = mark.machine_cpu - previous.machine_cpu - crawl - server
        speeds.append(count / seconds)
        print(
            f"{mark.pages:>7} {mark.elapsed:>7.0f} {mark.rss / _MB:>7.1f} "
            f"{count / seconds:>8.1f} {crawl * 1000 / count:>18.2f} "
            f"{crawl * 100 / seconds:>12.0f} {server * 100 / seconds:>13.0f} "
            f"{others * 100 / seconds:>13.0f}"
        )
        previous = mark
    first, last = marks[0], marks[-1]
    growth = last.rss - first.rss
    per_10k = growth / max(last.pages - first.pages, 1) * 10_000
    print(f"\nPeak RSS (VmHWM): {max(s.peak for s in samples) / _MB:.1f} MB")
    print(
        f"RSS growth {first.pages} -> {last.pages} pages: {growth / _MB:+.1f} MB "
        f"(x{last.rss / first.rss:.2f}; {per_10k / _MB:+.1f} MB per 10k pages, "
        f"{per_10k / 10_000 / 1024:+.2f} KB per page)"
    )
    print(
        f"pages/s, last window vs first: {speeds[-1]:.1f} / {speeds[0]:.1f} "
        f"= x{speeds[-1] / speeds[0]:.2f}"
    )


def check_store(work: Path, pages_served: int) -> None:
    with sqlite3.connect(work / "articles.sqlite") as db:
        rows, copies = db.execute(
            "SELECT COUNT(*), COUNT(duplicate_of) FROM articles"
        ).fetchone()
    log = (work / "crawl.log").read_text(encoding="utf-8", errors="replace")
    reason = re.findall(r"'finish_reason': '([^']+)'", log)
    errors = len(re.findall(r"\] (?:ERROR|CRITICAL):", log))
    print(
        f"Stored rows: {rows} ({copies} marked duplicate_of) of {pages_served} article pages "
        f"served ({rows / max(pages_served, 1):.1%}); finish reason: "
        f"{reason[-1] if reason else 'not logged'}; ERROR lines in the log: {errors}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--pages", type=int, default=50_000, help="article pages (default 50000)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--concurrency",
        type=int,
        default=16,
        help="CONCURRENT_REQUESTS (and per domain)",
    )
    parser.add_argument(
        "--interval", type=float, default=1.0, help="seconds between samples"
    )
    parser.add_argument(
        "--probe", action="store_true", help="log the in-run structures' sizes"
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="with --probe: allocation sites too (slow)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work directory (log, SQLite)"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newscrawl-long-"))
    server, base = start_server(args.pages, args.seed)
    try:
        print(f"Site: {base} ({args.pages} articles); work directory {work}")
        print(
            f"Server alone: {server_speed(base, args.pages, args.seed):.0f} article pages/s "
            f"({_SERVER_CHECK_CLIENTS} keep-alive clients)"
        )
        before = served(base)["articles"]
        env = dict(
            os.environ,
            SCRAPY_SETTINGS_MODULE="newscrawl.settings",
            PYTHONPATH=str(HERE),
        )
        started = time.monotonic()
        with (work / "stdout.txt").open("wb") as out:
            crawl = subprocess.Popen(
                crawl_command(base, work, args),
                cwd=PROJECT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            samples = sample_until_done(crawl, server, base, args.interval)
        wall = time.monotonic() - started
        pages_served = served(base)["articles"] - before
        samples = [s._replace(pages=s.pages - before) for s in samples]
        print(
            f"Crawl: {wall:.0f} s wall, exit code {crawl.returncode}, {pages_served / wall:.1f} pages/s overall"
        )
        report(samples, min(args.pages, pages_served))
        check_store(work, pages_served)
    finally:
        server.terminate()
        server.wait()
    if not args.keep:
        for path in sorted(work.iterdir()):
            path.unlink()
        work.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
