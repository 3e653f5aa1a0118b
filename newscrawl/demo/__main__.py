"""``python -m newscrawl.demo``: serve the demo sites locally and crawl them (``make demo``).

The sites listen on fixed ports (8701 and up; ``NEWSCRAWL_DEMO_PORT_BASE`` or
``--port-base`` moves them) because canonical URLs include the port: a second run
against the same ports finds every article already stored and adds no rows.

The crawl runs as ``scrapy crawl generic`` in a subprocess, exactly as a user
would run it. Its stdout (the end-of-crawl summary) passes through; its log goes
in full to ``<data-dir>/crawl.log`` and is shown filtered to progress lines,
warnings and errors (``--verbose`` shows all of it).

JSONL output is appended (``-o``), not overwritten: the dedup pipeline drops
articles the SQLite store already holds unchanged, so each run exports only new or
changed articles, and the JSONL file stays a complete, append-only record of what
the store received. Overwriting it would leave it empty after a second run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from newscrawl.demo.server import DemoServer
from newscrawl.urls import site_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

DEFAULT_PORT_BASE = 8701
PORT_BASE_ENV = "NEWSCRAWL_DEMO_PORT_BASE"

_log_line_pattern = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[(?P<logger>[^\]]+)\] (?P<level>[A-Z]+): "
)
_shown_loggers = ("newscrawl.extensions.progress", "scrapy.core.engine")
_shown_levels = {"WARNING", "ERROR", "CRITICAL"}


def crawl_command(
    urls: Sequence[str], data_dir: Path, timezones: Mapping[str, str] | None = None
) -> list[str]:
    """Build the ``scrapy crawl generic`` command line the demo runs.

    ``timezones`` maps a start URL to the zone of the local times its site prints.
    """
    site_timezones = {site_key(url): zone for url, zone in (timezones or {}).items()}
    return [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "generic",
        "-a",
        f"urls={' '.join(urls)}",
        "-s",
        f"NEWSCRAWL_SQLITE_PATH={data_dir / 'articles.sqlite'}",
        "-o",
        str(data_dir / "articles.jsonl"),
        # The sites are local: no need for politeness delays, and a short crawl
        # needs frequent progress lines to show any.
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "NEWSCRAWL_PROGRESS_INTERVAL=0.5",
        # Dropped items are expected (a rerun drops every stored article); the
        # summary counts them, so keep them out of the warnings shown.
        "-s",
        "DEFAULT_DROPITEM_LOG_LEVEL=INFO",
        "-s",
        f"NEWSCRAWL_TIMEZONES={json.dumps(site_timezones)}",
    ]


def filter_log(lines: Iterable[str]) -> Iterator[str]:
    """Yield the log lines worth showing: progress, engine start/stop, warnings and errors.

    Lines that are not log records (tracebacks, multi-line messages) follow the
    decision made for the record they belong to.
    """
    show = False
    for line in lines:
        match = _log_line_pattern.match(line)
        if match:
            show = (
                match["logger"] in _shown_loggers or match["level"] in _shown_levels
            ) and not match["logger"].startswith("newscrawl.extensions.summary")
        if show:
            yield line


def _relay(stream: IO[str], log_path: Path, *, verbose: bool) -> None:
    with log_path.open("w", encoding="utf-8") as log:

        def tee() -> Iterator[str]:
            for line in stream:
                log.write(line)
                yield line

        for line in tee() if verbose else filter_log(tee()):
            sys.stderr.write(line)
            sys.stderr.flush()


def _port_base(value: str | None) -> int:
    if not value:
        return DEFAULT_PORT_BASE
    try:
        return int(value)
    except ValueError:
        msg = f"{PORT_BASE_ENV} must be a port number, not {value!r}"
        raise SystemExit(msg) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newscrawl.demo",
        description="Serve the bundled demo news sites on 127.0.0.1 and crawl them.",
    )
    parser.add_argument(
        "--port-base",
        type=int,
        default=_port_base(os.environ.get(PORT_BASE_ENV)),
        help=f"first port (default: ${PORT_BASE_ENV} or {DEFAULT_PORT_BASE})",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="where articles.sqlite, articles.jsonl and crawl.log go (default: data)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="show the whole crawl log"
    )
    args = parser.parse_args(argv)
    data_dir: Path = args.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        server = DemoServer(args.port_base)
    except OSError as error:
        sys.stderr.write(
            f"Cannot listen on ports {args.port_base}+: {error}. "
            f"Set {PORT_BASE_ENV} to other free ports.\n"
        )
        return 2
    with server:
        print("Demo sites:")
        for name, url in server.urls.items():
            print(f"  {name:<10} {url}")
        print(f"Crawling them; full log in {data_dir / 'crawl.log'}\n", flush=True)
        env = dict(os.environ, SCRAPY_SETTINGS_MODULE="newscrawl.settings")
        env["PYTHONIOENCODING"] = "utf-8"
        with subprocess.Popen(  # noqa: S603 - our own interpreter and a fixed command
            crawl_command(
                list(server.urls.values()),
                data_dir,
                {server.urls[site.name]: site.timezone for site in server.sites},
            ),
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        ) as crawl:
            assert crawl.stderr is not None  # noqa: S101 - set by stderr=PIPE
            try:
                _relay(crawl.stderr, data_dir / "crawl.log", verbose=args.verbose)
            except KeyboardInterrupt:
                # The crawl got the same Ctrl-C and shuts down cleanly; wait for it.
                crawl.wait()
            code = crawl.wait()
    print(
        f"\nArticles: {data_dir / 'articles.sqlite'} (SQLite), "
        f"{data_dir / 'articles.jsonl'} (JSON lines, appended per run)"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
