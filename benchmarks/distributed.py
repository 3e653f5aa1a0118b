"""Pages per second with one worker and with two on one scrapy-redis frontier.

``make bench-distributed`` runs it. It prints figures; it is not a test.

A generated site (benchmarks/generated_site.py), a redis-server and a PostgreSQL are
started on 127.0.0.1; the generic spider crawls the site once with one worker and once
with two (fresh crawl ids and databases), all pipelines on, the same settings for both. Figures:
articles stored, wall time from the first worker's start to the last one's exit, and
the storing rate between the first and the last stored article (which leaves out the
start-up and the idle wait at the end). The machine has 2 cores, shared with whatever
else runs, so read the ratio, not the absolute rates.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
# The servers the tests start, started the same way here.
sys.path.insert(0, str(PROJECT))
from tests.servers import PostgresServer, RedisServer


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


def _run(
    workers: int, site: str, redis_url: str, db: str, home: Path
) -> tuple[int, float, float]:
    """Crawl with ``workers`` processes; return (stored, wall seconds, storing rate)."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"url={site}",
        "-s", f"NEWSCRAWL_REDIS_URL={redis_url}",
        "-s", f"NEWSCRAWL_CRAWL_ID=bench-{workers}",
        "-s", f"NEWSCRAWL_DATABASE_URL={db}",
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
    with psycopg.connect(db) as connection:
        row = connection.execute(
            "SELECT count(*), min(first_seen), max(first_seen) FROM articles"
        ).fetchone()
    if row is None:
        raise RuntimeError("no articles table")
    stored, first, last = row
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
        redis = RedisServer(home)
        postgres = PostgresServer()
        postgres.start()
        try:
            results = {
                n: _run(n, site_url, redis.url, postgres.create_database(), home)
                for n in (1, 2)
            }
        finally:
            site.terminate()
            site.wait()
            redis.stop()
            postgres.remove()
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
