"""Time of ``extract_article`` on hostile pages of about 5 MB, one per mutation kind.

``python benchmarks/hostile_pages.py [--size-mb 5] [--runs 3] [--timeout 30] [kind ...]``
prints, per kind, the median wall and CPU time of a few runs, the ratio of the CPU time to
that of a plain page of the same size (normal paragraphs, measured in the same run) and the
peak resident memory. Every kind runs in a child process of its own, so a page that hangs
the extractor is reported as a timeout instead of stopping the benchmark, and each peak
RSS is that kind's alone. The pages come from ``tests/hostile.py``, the same kinds the tests bound.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

# The page builders live with the tests; this script runs as a file, not a package module.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscrawl.extraction import extract_article
from tests.hostile import FIVE_MB, MB, URL

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

BASELINE = "paragraphs"
KINDS = FIVE_MB


def _measure(kind: str, size: int, runs: int, out: Connection) -> None:
    page = KINDS[kind](size)
    length = len(
        page if isinstance(page, bytes) else page.encode("utf-8", "surrogatepass")
    )
    extract_article("<p>warm-up: imports and lazy tables</p>", URL)
    times: list[tuple[float, float]] = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        extract_article(page, URL)
        times.append((time.perf_counter() - start, time.thread_time() - start_cpu))
        # Partial results survive a timeout of a later run.
        out.send((length, times, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    out.close()


def run_kind(
    kind: str, size: int, runs: int, timeout: float
) -> tuple[int, list[tuple[float, float]], int, bool]:
    """Return (page bytes, (wall, CPU) time of each run, peak RSS in KiB, timed out)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_measure, args=(kind, size, runs, sender))
    child.start()
    sender.close()
    result: tuple[int, list[tuple[float, float]], int] = (0, [], 0)
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        if receiver.poll(left):
            try:
                result = receiver.recv()
            except EOFError:
                break
            if len(result[1]) == runs:
                break
    if child.is_alive():
        child.kill()
    child.join()
    return (*result, timed_out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "kinds", nargs="*", help=f"kinds to run (default: all); {', '.join(KINDS)}"
    )
    parser.add_argument("--size-mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds per kind, all runs"
    )
    args = parser.parse_args(argv)
    size = int(args.size_mb * MB)
    kinds = [BASELINE, *(k for k in (args.kinds or KINDS) if k != BASELINE)]
    print(
        f"extract_article on ~{args.size_mb:g} MB pages, median of {args.runs} runs, timeout {args.timeout:g} s per kind"
    )
    # CPU time is what the page costs; wall time adds whatever else the machine is doing.
    print(
        f"{'kind':22} {'size MB':>8} {'wall ms':>8} {'CPU ms':>8} {'x plain':>8} "
        f"{'peak RSS MB':>12}"
    )
    baseline = None
    for kind in kinds:
        length, times, rss, timed_out = run_kind(kind, size, args.runs, args.timeout)
        if not times:
            over = "> " + format(args.timeout * 1000, ".0f")
            print(f"{kind:22} {'':>8} {over:>8} {'':>8} {'':>8} {'':>12}  timeout")
            continue
        wall = statistics.median(t[0] for t in times)
        median = statistics.median(t[1] for t in times)
        baseline = baseline or median
        partial = (
            f"  ({len(times)} of {args.runs} runs before timeout)" if timed_out else ""
        )
        print(
            f"{kind:22} {length / MB:8.2f} {wall * 1000:8.0f} {median * 1000:8.0f} "
            f"{median / baseline:8.2f} "
            f"{rss / 1024:12.0f}{partial}",
            flush=True,
        )


if __name__ == "__main__":
    main()
