"""Where a near-duplicate lookup's time goes as the store grows: one band level at a time.

``python benchmarks/neardup_levels.py [--sizes 10000,100000,1000000]`` fills one store
with generated articles (``near_duplicates.fill``: varied text by default) up to each
size in turn, keeps a copy at each, and then times, on every copy, the lookup query of
:mod:`newscrawl.store.bands` for the same new, unrelated articles: the whole query, and
its probe into each level's table alone, with the rows each level holds. The sizes take
turns in every round, so a busy machine slows them alike. Read-only: the writes and
merges are in ``near_duplicates.py``. A million articles take about 15 minutes to fill.

It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from near_duplicates import copy_store, fill
from news_text import TOPICS, Generator

from newscrawl import neardup
from newscrawl.store import bands
from newscrawl.store.sqlite import ArticleStore

ROUNDS = 3


def build(work: Path, sizes: list[int], *, varied: bool) -> dict[int, Path]:
    """Fill one store up to each size; return a copy per size."""
    gen = Generator(2, varied=varied)
    path = work / "store.sqlite"
    copies = {}
    with ArticleStore(path) as store:
        have = 0
        for size in sizes:
            started = time.perf_counter()
            fill(store, gen, have, size)
            have = size
            copies[size] = work / f"store-{size}.sqlite"
            copy_store(path, copies[size])
            print(
                f"  filled {size:,} articles in {time.perf_counter() - started:.0f} s"
            )
    path.unlink()
    return copies


def new_sketches(count: int, *, varied: bool) -> list[neardup.Sketch]:
    gen = Generator(11, varied=varied)
    topics = list(TOPICS)
    docs = (gen.filler("x", topics[i % len(topics)]) for i in range(count))
    return [s for doc in docs if (s := neardup.signature(doc.body)) is not None]


def timed(
    connection: sqlite3.Connection, sql: str, params: list[tuple[int, ...]]
) -> float:
    """Mean seconds of ``sql`` over ``params``, all rows fetched."""
    started = time.perf_counter()
    for values in params:
        connection.execute(sql, values).fetchall()
    return (time.perf_counter() - started) / len(params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--text", choices=("varied", "templated"), default="varied")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    varied = args.text == "varied"
    sketches = new_sketches(args.probes, varied=varied)
    whole = [bands.candidate_params(s.keys) for s in sketches]
    per_level = [tuple(s.keys) for s in sketches]
    print(f"{args.text} text, {len(sketches)} new articles looked up per size:")
    with tempfile.TemporaryDirectory() as tmp:
        copies = build(Path(tmp), sizes, varied=varied)
        times: dict[int, list[float]] = {size: [] for size in sizes}
        rows: dict[int, list[int]] = {}
        for size, path in copies.items():
            with closing(sqlite3.connect(path)) as connection:
                rows[size] = bands.BandIndex(connection).level_rows()
        for _ in range(ROUNDS):
            for size, path in copies.items():
                with closing(sqlite3.connect(path)) as connection:
                    connection.execute("PRAGMA cache_size=-65536")  # the store's own
                    timed(connection, bands.SELECT_CANDIDATES_SQL, whole[:50])  # warm
                    times[size].append(
                        timed(connection, bands.SELECT_CANDIDATES_SQL, whole)
                    )
                    times[size].extend(
                        timed(connection, sql, per_level)
                        for sql in bands.LEVEL_CANDIDATES_SQL
                    )
    width = 1 + len(bands.LEVEL_CANDIDATES_SQL)
    for size in sizes:
        # The quietest of the rounds, query by query.
        best = [min(times[size][i::width]) * 1e6 for i in range(width)]
        levels = " / ".join(
            f"{count:,} rows {us:.0f} us"
            for count, us in zip(rows[size], best[1:], strict=True)
        )
        print(f"  {size:>9,} articles: whole query {best[0]:.0f} us; levels {levels}")


if __name__ == "__main__":
    main()
