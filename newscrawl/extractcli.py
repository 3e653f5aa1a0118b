"""``newscrawl-extract``: the article of one saved page as JSON, without a crawl.

    newscrawl-extract page.html --url https://www.example.com/2024/06/03/story
    curl -s "$URL" | newscrawl-extract - --url "$URL" --indent 2

Reads the page's bytes (gzip'd ones are unpacked; ``-`` is standard input) and
extracts it as a crawl would: the site parser chosen by the URL's domain, else the
generic extractor. The URL matters (it picks the parser and resolves relative
links), so it is required. Dates come as extracted, in the page's own offset; the
crawl's dates pipeline is what stores them in UTC. Relative dates ("3 hours ago")
count from ``--fetched-at``, by default now.

Exit status: 0 with the JSON printed, 1 when the page cannot be read, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.extraction import extract_article
from newscrawl.isotime import parse_iso_utc
from newscrawl.params import check_url

if TYPE_CHECKING:
    from collections.abc import Sequence


def read_page_bytes(name: str) -> bytes:
    """Return the bytes of the file ``name`` (``-``: standard input), gunzipped."""
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl-extract",
        description="Print the article of a saved page as JSON.",
    )
    parser.add_argument("file", help="the saved page (.html or .html.gz); - for stdin")
    parser.add_argument("--url", required=True, help="the page's URL")
    parser.add_argument(
        "--fetched-at",
        help="when the page was fetched (ISO 8601), for relative dates; default now",
    )
    parser.add_argument(
        "--indent", type=int, help="indent the JSON by this many spaces"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        url = check_url(args.url)
    except ValueError as error:
        parser.error(str(error))
    fetched_at = datetime.now(UTC)
    if args.fetched_at:
        parsed = parse_iso_utc(args.fetched_at)
        if parsed is None:
            parser.error(
                f"--fetched-at {args.fetched_at!r} is no ISO 8601 date or time"
            )
        fetched_at = parsed
    try:
        page = read_page_bytes(args.file)
    except (OSError, EOFError) as error:
        print(f"newscrawl-extract: cannot read {args.file}: {error}", file=sys.stderr)
        return 1
    article = extract_article(page, url, fetched_at=fetched_at)
    json.dump(
        dataclasses.asdict(article), sys.stdout, ensure_ascii=False, indent=args.indent
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
