"""A file on an HTTP server, read as a stream that resumes where a dropped connection stopped.

Common Crawl publishes CC-NEWS as files of about a gigabyte on
``https://data.commoncrawl.org/``. Read straight from the server, such a file takes
no disk space, but one connection seldom lasts a gigabyte on a shared line. So when a
read fails (a reset, a timeout, a connection closed before the declared length),
:class:`RemoteFile` asks again with ``Range: bytes=<position>-`` and goes on from
there; only a run of failures at one position gives up. From a server that does not
take ranges (no ``Accept-Ranges: bytes``) a dropped file cannot be resumed, only
started again, so the error is raised at once.

No Scrapy here and no threads of its own: the ``warc`` spider reads it in a worker
thread, so the reactor never waits on the network.
"""

from __future__ import annotations

import http.client
import io
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_PARTIAL = 206
_RANGE_NOT_SATISFIABLE = 416
# Answers worth asking again: the server is busy or briefly broken, not the file gone.
_TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# What a dropped or stalled connection raises while opening or reading.
_TRANSIENT_ERRORS = (OSError, http.client.HTTPException)
_MAX_BACKOFF = 30.0


class RemoteFileError(OSError):
    """The file cannot be read (on): gone, refused, or failing again and again."""


class RemoteFile(io.RawIOBase):
    """Read ``url`` from the start, reconnecting at the position reached on a failure.

    ``attempts`` is how many times in a row one position may fail before
    :class:`RemoteFileError`; any byte read resets the count. The waits between
    attempts double from ``backoff`` seconds. Seekable once the server has said it
    takes ranges: a seek only moves the position, and the next read asks from there.
    """

    def __init__(
        self,
        url: str,
        *,
        user_agent: str,
        timeout: float,
        attempts: int = 4,
        backoff: float = 1.0,
    ) -> None:
        super().__init__()
        self.url = url
        self.name = url
        self._user_agent = user_agent
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._backoff = backoff
        self._response: http.client.HTTPResponse | None = None
        self._position = 0
        self._size: int | None = None
        self._accepts_ranges = False
        self._failures = 0
        # Connections opened again after a failure: a figure for the spider's stats.
        self.reconnects = 0

    # -- io.RawIOBase ----------------------------------------------------------------

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._accepts_ranges

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence == io.SEEK_END:
            if self._size is None:
                raise io.UnsupportedOperation("the file's size is not known yet")
            offset += self._size
        if offset < 0:
            raise ValueError(f"negative position {offset}")
        if offset != self._position:
            self._disconnect()
            self._position = offset
        return self._position

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        view = memoryview(buffer).cast("B")
        while True:
            if self._size is not None and self._position >= self._size:
                return 0
            try:
                response = self._response or self._connect()
                if response is None:
                    return 0
                count = response.readinto(view)
                if count == 0 and self._size is not None:
                    raise http.client.IncompleteRead(b"", self._size - self._position)
            except RemoteFileError:
                raise
            except _TRANSIENT_ERRORS as error:
                self._failed(error)
                continue
            self._position += count
            self._failures = 0
            return count

    def close(self) -> None:
        # Closed first: a read failing in another thread then gives up, not reconnects.
        super().close()
        self._disconnect()

    def read_whole(self, limit: int) -> bytes:
        """Read to the end; :class:`RemoteFileError` when that is over ``limit`` bytes."""
        data = bytearray()
        chunk = bytearray(64 * 1024)
        while count := self.readinto(chunk):
            data += chunk[:count]
            if len(data) > limit:
                raise RemoteFileError(f"{self.url}: larger than {limit} bytes")
        return bytes(data)

    # -- connections -----------------------------------------------------------------

    def _connect(self) -> http.client.HTTPResponse | None:
        """Open a connection at the position; None when the position is the end."""
        headers = {"User-Agent": self._user_agent}
        if self._position:
            headers["Range"] = f"bytes={self._position}-"
        request = urllib.request.Request(self.url, headers=headers)  # noqa: S310 - check_url allows http(s) only
        try:
            response: http.client.HTTPResponse = urllib.request.urlopen(  # noqa: S310
                request, timeout=self._timeout
            )
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == _RANGE_NOT_SATISFIABLE and self._position:
                self._size = self._position
                return None
            if error.code not in _TRANSIENT_STATUSES:
                raise RemoteFileError(
                    f"{self.url}: HTTP {error.code} {error.reason}"
                ) from error
            raise
        if self._position and response.status != _PARTIAL:
            response.close()
            raise RemoteFileError(
                f"{self.url}: the server sent the whole file again instead of"
                f" the rest from byte {self._position}"
            )
        if self._failures:
            self.reconnects += 1
        self._response = response
        self._accepts_ranges = (
            self._accepts_ranges or response.headers.get("Accept-Ranges") == "bytes"
        )
        length = response.headers.get("Content-Length")
        if length is not None and length.isdigit():
            self._size = self._position + int(length)
        return response

    def _failed(self, error: Exception) -> None:
        self._disconnect()
        if self.closed:
            raise RemoteFileError(f"{self.url}: closed while reading") from error
        self._failures += 1
        if self._position and not self._accepts_ranges:
            raise RemoteFileError(
                f"{self.url}: connection lost at byte {self._position}, and the server"
                f" takes no ranges to resume from: {error!r}"
            ) from error
        if self._failures >= self._attempts:
            raise RemoteFileError(
                f"{self.url}: {self._failures} failures in a row at byte"
                f" {self._position}, the last {error!r}"
            ) from error
        time.sleep(min(self._backoff * 2 ** (self._failures - 1), _MAX_BACKOFF))

    def _disconnect(self) -> None:
        response, self._response = self._response, None
        if response is not None:
            response.close()
