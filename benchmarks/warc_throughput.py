"""Pages per second of the ``warc`` spider, against extraction alone in the same run.

Writes a WARC file of generated article pages (``generated_site.Article``: 300-800
words each, every 50th a near copy of the one before), then

1. times ``extract_article`` over every page in this process: the baseline, the
   work no way of reading the archive can skip;
2. runs ``scrapy crawl warc`` on the file into a fresh SQLite store, all pipelines
   on, and times it from start to exit (start-up included);
3. runs it again into another fresh store on the same file given by URL, served
   from 127.0.0.1, so read as it downloads.

Prints the rates, their ratios to the first (the cost of the crawl machinery,
pipelines and store around the extraction; the cost of reading over HTTP), the rows
stored and the crawls' peak resident memory.
The machines are shared: compare the ratio, not the rates, between runs.

``python benchmarks/warc_throughput.py --pages 3000``
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from generated_site import Article
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.extraction import extract_article

if TYPE_CHECKING:
    from collections.abc import Iterator

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


def crawl(archive: Path | str, store: Path) -> tuple[float, int]:
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
        with serving_folder(Path(folder)) as base:
            http_seconds, http_rows = crawl(
                f"{base}/{archive.name}", Path(folder) / "by-url.sqlite"
            )
    rate, http_rate = args.pages / seconds, args.pages / http_seconds
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"extract_article alone:       {baseline:7.1f} pages/s")
    print(f"scrapy crawl warc (all on):  {rate:7.1f} pages/s ({seconds:.1f} s)")
    print(f"crawl / extraction:          {rate / baseline:7.2f}")
    print(
        f"the same file by URL:        {http_rate:7.1f} pages/s ({http_seconds:.1f} s)"
    )
    print(f"by URL / local file:         {http_rate / rate:7.2f}")
    print(f"rows stored: {rows}, {http_rows} by URL; crawls' peak RSS {peak_mb:.0f} MB")
    return 0 if rows == http_rows == args.pages else 1


@contextlib.contextmanager
def serving_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yield the base URL."""
    handler = functools.partial(QuietFileHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietFileHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


if __name__ == "__main__":
    sys.exit(main())
