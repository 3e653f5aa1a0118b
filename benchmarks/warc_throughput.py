"""Pages per second of the ``warc`` spider, against extraction alone in the same run.

Writes a WARC file of generated article pages (``generated_site.Article``: 300-800
words each, every 50th a near copy of the one before), then

1. times ``extract_article`` over every page in this process: the baseline, the
   work no way of reading the archive can skip;
2. runs ``scrapy crawl warc`` on the file into a fresh SQLite store, all pipelines
   on, and times it from start to exit (start-up included).

Prints both rates, their ratio (the cost of the crawl machinery, pipelines and
store around the extraction), the rows stored and the crawl's peak resident memory.
The machines are shared: compare the ratio, not the rates, between runs.

``python benchmarks/warc_throughput.py --pages 3000``
"""

from __future__ import annotations

import argparse
import io
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generated_site import Article
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.extraction import extract_article

BASE = "https://gazette.example.org"
SEED = 7


def write_archive(path: Path, pages: int) -> list[tuple[str, bytes]]:
    """Write ``pages`` generated articles as WARC responses; return (url, body) pairs."""
    stored = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for index in range(pages):
            article = Article(SEED, index)
            url = BASE + article.path
            body = article.html(BASE).encode()
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8")],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
            writer.write_record(record)
            stored.append((url, body))
    return stored


def extraction_rate(pages: list[tuple[str, bytes]]) -> float:
    start = time.perf_counter()
    for url, body in pages:
        extract_article(body, url)
    return len(pages) / (time.perf_counter() - start)


def crawl(archive: Path, store: Path) -> tuple[float, int]:
    """Run the warc spider on ``archive``; return its wall seconds and rows stored."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "warc", "-a", f"files={archive}",
        "-s", f"NEWSCRAWL_SQLITE_PATH={store}", "-s", "LOG_LEVEL=WARNING",
        "-s", "NEWSCRAWL_SUMMARY_STDOUT=False",
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(
        command, check=True, cwd=Path(__file__).resolve().parent.parent, timeout=3600
    )
    seconds = time.perf_counter() - start
    with sqlite3.connect(store) as connection:
        rows = int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    return seconds, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newscrawl-warc-") as folder:
        archive = Path(folder) / "gazette.warc.gz"
        pages = write_archive(archive, args.pages)
        size_mb = archive.stat().st_size / 1e6
        print(f"archive: {args.pages} pages, {size_mb:.1f} MB gzip'd")
        baseline = extraction_rate(pages)
        seconds, rows = crawl(archive, Path(folder) / "articles.sqlite")
    rate = args.pages / seconds
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"extract_article alone:       {baseline:7.1f} pages/s")
    print(f"scrapy crawl warc (all on):  {rate:7.1f} pages/s ({seconds:.1f} s)")
    print(f"crawl / extraction:          {rate / baseline:7.2f}")
    print(f"rows stored: {rows}; crawl peak RSS {peak_mb:.0f} MB")
    return 0 if rows == args.pages else 1


if __name__ == "__main__":
    sys.exit(main())
