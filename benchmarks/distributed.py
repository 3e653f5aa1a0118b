"""Pages per second with one worker and with two on one scrapy-redis frontier.

``make bench-distributed`` runs it. It prints figures; it is not a test.

A generated site (benchmarks/generated_site.py) and a redis-server are started on
127.0.0.1; the generic spider crawls the site once with one worker and once with two
(fresh crawl ids and stores), all pipelines on, the same settings for both. Figures:
articles stored, wall time from the first worker's start to the last one's exit, and
the storing rate between the first and the last stored article (which leaves out the
start-up and the idle wait at the end). The machine has 2 cores, shared with whatever
else runs, so read the ratio, not the absolute rates.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_site(pages: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, str(PROJECT / "benchmarks" / "generated_site.py"),
         "--pages", str(pages)],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    if process.stdout is None:
        raise RuntimeError("no pipe to the site server")
    return process, str(json.loads(process.stdout.readline())["url"])


def _start_redis(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(home)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, f"redis://127.0.0.1:{port}/0"


def _run(
    workers: int, site: str, redis_url: str, home: Path
) -> tuple[int, float, float]:
    """Crawl with ``workers`` processes; return (stored, wall seconds, storing rate)."""
    db = home / f"workers-{workers}.sqlite"
    command = [
        sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"url={site}",
        "-s", f"NEWSCRAWL_REDIS_URL={redis_url}",
        "-s", f"NEWSCRAWL_CRAWL_ID=bench-{workers}",
        "-s", f"NEWSCRAWL_SQLITE_PATH={db}",
        # One commit per article, so two workers never wait long for the write lock.
        "-s", "NEWSCRAWL_SQLITE_BATCH_SIZE=1",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=WARNING",
    ]  # fmt: skip
    start = time.perf_counter()
    processes = [
        subprocess.Popen(
            command,
            cwd=PROJECT,
            stdout=subprocess.DEVNULL,
            stderr=(home / f"w{workers}-{n}.log").open("w"),
        )
        for n in range(workers)
    ]
    codes = [p.wait() for p in processes]
    wall = time.perf_counter() - start
    if any(codes):
        print(f"  worker exit codes {codes}; logs in {home}")
    with sqlite3.connect(db) as connection:
        stored, first, last = connection.execute(
            "SELECT count(*), min(first_seen), max(first_seen) FROM articles"
        ).fetchone()
    span = (
        datetime.fromisoformat(last) - datetime.fromisoformat(first)
    ).total_seconds()
    return int(stored), wall, stored / span if span > 0 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        site, site_url = _start_site(args.pages)
        redis, redis_url = _start_redis(home)
        try:
            results = {n: _run(n, site_url, redis_url, home) for n in (1, 2)}
        finally:
            site.terminate()
            redis.terminate()
            site.wait()
            redis.wait()
    for n, (stored, wall, rate) in results.items():
        print(
            f"{n} worker{'s' if n > 1 else ' '}: {stored:,} articles stored, wall "
            f"{wall:.1f} s ({stored / wall:.1f} pages/s), storing rate {rate:.1f}/s"
        )
    (s1, w1, r1), (s2, w2, r2) = results[1], results[2]
    print(
        f"ratio 2 workers / 1: wall pages/s {(s2 / w2) / (s1 / w1):.2f}, "
        f"storing rate {r2 / r1:.2f}"
    )


if __name__ == "__main__":
    main()
