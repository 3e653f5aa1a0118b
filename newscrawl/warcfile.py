"""The HTTP responses stored in a WARC file, for extraction without fetching.

News archives are kept as WARC files: Common Crawl's CC-NEWS publishes the news
pages it fetches every day in that form, and ``wget --warc-file`` or a browser
archive writes it too. This module reads one file (plain or gzip'd, WARC or ARC,
through warcio) and yields each ``response`` record as a :class:`WarcPage`; so
does any binary stream (:class:`newscrawl.remotefile.RemoteFile` reads one from a
server). No Scrapy here (the ``warc`` spider turns pages into items).

A body larger than ``max_size`` is not kept in memory: the page comes with
``too_large`` set and an empty body. A file that turns out to be damaged
raises :class:`WarcError` at the record where reading stops, after yielding
every record before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newscrawl.isotime import parse_iso_utc

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime
    from io import RawIOBase
    from pathlib import Path


# Headers that describe the body as it was sent, not as it is read here (decoded).
_DECODED = frozenset({"content-encoding", "transfer-encoding", "content-length"})
# Bytes read after the last record to tell trailing blank lines from unread records.
_TAIL = 4096


class WarcError(Exception):
    """The file is no WARC, or is damaged from some record on."""


@dataclass(frozen=True)
class WarcPage:
    url: str
    fetched_at: datetime | None
    status: int | None
    headers: dict[str, list[str]]
    body: bytes
    too_large: bool = False


def read_warc(path: Path, *, max_size: int) -> Iterator[WarcPage]:
    """Yield the HTTP responses stored in the WARC file at ``path``, in file order."""
    with path.open("rb") as stream:
        yield from read_archive(stream, str(path), max_size=max_size)


def read_archive(
    stream: BinaryIO | RawIOBase, name: str, *, max_size: int
) -> Iterator[WarcPage]:
    """Yield the HTTP responses of the WARC data ``stream`` holds, in stream order.

    warcio stops without a word at many kinds of damage (a file cut short ends
    the iteration early), so each record is read to its end and checked against
    its declared length, and what follows the last record must be blank; that
    last check needs a seekable stream (a local file, a server taking ranges).
    """
    archive = ArchiveIterator(stream)
    records = iter(archive)
    end = 0
    while True:
        try:
            record = next(records)
            page = _page(record, max_size)
            # Asking where the record ends reads the rest of it (a body too large
            # to keep, or a record that is no page), so it can be checked below.
            end = archive.get_record_offset() + archive.get_record_length()
        except StopIteration:
            break
        # A damaged file makes warcio raise almost anything (a half header line
        # gives an AttributeError); each of them means the same here.
        except Exception as error:
            raise WarcError(f"{name}: {error!r}") from error
        if record.rec_type is None:
            # What warcio makes of a gzip member it cannot read.
            raise WarcError(f"{name}: unreadable record before byte {end}")
        if getattr(record.raw_stream, "limit", 0) > 0:
            raise WarcError(f"{name}: the record of {_record_url(record)} is cut short")
        if page is not None:
            yield page
    if stream.seekable():
        try:
            stream.seek(end)
            tail = stream.read(_TAIL) or b""
        except OSError as error:
            raise WarcError(f"{name}: {error!r}") from error
        if tail.strip():
            raise WarcError(f"{name}: unreadable data after byte {end}")


def _record_url(record: Any) -> str:
    """Return the ``WARC-Target-URI`` of a record, or "?" when it has none."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    return str(url).strip("<>") if url else "?"


def _page(record: Any, max_size: int) -> WarcPage | None:
    """Return a response record as a page; None for any other record."""
    http = record.http_headers
    url = _record_url(record)
    if record.rec_type != "response" or http is None or url == "?":
        return None
    warc = record.rec_headers
    headers: dict[str, list[str]] = {}
    for name, value in http.headers:
        if name.lower() not in _DECODED:
            headers.setdefault(name, []).append(value)
    # Decoded from chunked transfer and gzip/deflate content coding, as a browser would.
    body = record.content_stream().read(max_size + 1)
    too_large = len(body) > max_size
    return WarcPage(
        url=url,
        fetched_at=parse_iso_utc(warc.get_header("WARC-Date")),
        status=_status(http.get_statuscode()),
        headers=headers,
        body=b"" if too_large else body,
        too_large=too_large,
    )


def _status(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
