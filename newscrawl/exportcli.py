"""``newscrawl-export``: the stored articles as JSON Lines, without a crawl.

    newscrawl-export --since 1d -o today.jsonl
    newscrawl-export --since 2026-11-28T06:00 --updated > changes.jsonl
    newscrawl-export --store postgresql://crawler@db/news --site spiegel_de --originals

Crawls add to one store run after run; a feed export (``-O``) holds only what one run
scraped. This reads the store (a SQLite file, by default the crawl's
``data/articles.sqlite``, or a PostgreSQL URL) and writes one JSON object a line, in
the order the articles were first seen: every field, lists decoded, plus
``first_seen`` and ``last_updated``. ``--since`` keeps the articles first seen from
then on (an ISO date or time, or an age such as ``12h`` or ``2d``), so a daily export
takes the day's new articles; with ``--updated``, those new or changed (a body or
``modified`` that changed) since then, in the order of their last change, as a copy
kept elsewhere needs them. ``--originals`` leaves out those marked as copies
(``duplicate_of``). With ``-o`` the file is written under a temporary name and
renamed when whole.

Exit status: 0 when written, 1 when the store cannot be read, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newscrawl import defaults
from newscrawl.params import parse_since
from newscrawl.store.connection import DATABASE_ERRORS
from newscrawl.store.sqlite import ArticleStore
from newscrawl.store.target import is_postgres_url

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from datetime import datetime

# A store that cannot be opened or read, an output that cannot be written.
_FAILURES: tuple[type[Exception], ...] = (*DATABASE_ERRORS, OSError)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl-export",
        description="Write the stored articles as JSON Lines.",
    )
    parser.add_argument(
        "--store",
        default=defaults.NEWSCRAWL_SQLITE_PATH,
        help="the SQLite file or postgresql:// URL (default: %(default)s)",
    )
    parser.add_argument(
        "--since",
        help="only articles first seen from then on: ISO date or time, or 12h, 2d, 1w",
    )
    parser.add_argument(
        "--updated",
        action="store_true",
        help="with --since: also articles first seen before it but changed since",
    )
    parser.add_argument(
        "--site",
        action="append",
        default=[],
        help="only this site (a spider name, or a host for generic crawls); repeatable",
    )
    parser.add_argument(
        "--originals",
        action="store_true",
        help="leave out articles marked as copies of another (duplicate_of)",
    )
    parser.add_argument(
        "-o", "--output", help="write to this file instead of standard output"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        since = parse_since(args.since)
    except ValueError as error:
        parser.error(str(error))
    if not is_postgres_url(args.store) and not Path(args.store).is_file():
        # Opening a missing SQLite file would create an empty store.
        print(f"newscrawl-export: no store at {args.store}", file=sys.stderr)
        return 1
    try:
        count = _export(args, since)
    except _FAILURES as error:
        print(f"newscrawl-export: {error}", file=sys.stderr)
        return 1
    print(f"newscrawl-export: {count} articles", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace, since: datetime | None) -> int:
    store = ArticleStore(args.store)
    try:
        with _output(args.output) as stream:
            return write_lines(
                stream,
                store.articles(
                    since=since,
                    stamp="last_updated" if args.updated else "first_seen",
                    sites=args.site,
                    originals_only=args.originals,
                ),
            )
    finally:
        store.close(commit=False)


def write_lines(stream: TextIO, records: Iterable[dict[str, Any]]) -> int:
    """Write ``records`` to ``stream``, one JSON object a line; count them."""
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


@contextlib.contextmanager
def _output(name: str | None) -> Iterator[TextIO]:
    """Open standard output, or a file that appears under ``name`` only when whole."""
    if name is None:
        yield sys.stdout
        return
    target = Path(name)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yield stream
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
