"""Local HTTP server for the bundled demo sites, one port per site.

Each folder under ``sites/`` is one site. Text files hold the placeholder
``{{base}}`` (this site's base URL, no trailing slash) or ``{{base:<site>}}``
(another demo site's), substituted at serve time because the ports are only
known then. A site's optional ``site.json`` may name a legacy ``charset`` and
the ``charset_files`` globs served in it; the files themselves stay UTF-8 in
the repository so they are easy to edit, and are transcoded on the way out.

Every site also answers ``GET /__requests__`` with a JSON object
``{path_with_query: count}`` of the requests it received (``?reset=1`` clears
the counts after reading them), so tests can check what a crawl fetched.
Files are served with an ``ETag`` and answer a matching ``If-None-Match`` with
304, as real servers do.

Run ``python -m newscrawl.demo.server --port-base 8701`` (site *i* on port
8701+i, sites in name order) or ``--port-base 0`` (free ports). It prints one
JSON line ``{"sites": {name: base_url}}`` and serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import re
import signal
import sys
import threading
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from fnmatch import fnmatch
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from types import TracebackType
    from typing import Self

SITES_DIR = Path(__file__).parent / "sites"
REQUESTS_PATH = "/__requests__"
DEFAULT_HOST = "127.0.0.1"

_placeholder_pattern = re.compile(r"\{\{base(?::([a-z0-9_]+))?\}\}")
_page_pattern = re.compile(r"^[1-9][0-9]{0,3}$")
_binary_types = {
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
}
_text_types = {
    ".html": "text/html",
    ".php": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".txt": "text/plain",
}


@dataclass
class SiteConfig:
    """One demo site: its files, served encoding and request counts."""

    name: str
    root: Path
    charset: str = "utf-8"
    charset_files: tuple[str, ...] = ()
    # The zone of the local times the site prints without an offset.
    timezone: str = "UTC"
    counts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, root: Path) -> SiteConfig:
        config: dict[str, Any] = {}
        config_path = root / "site.json"
        if config_path.is_file():
            config = json.loads(config_path.read_text(encoding="utf-8"))
        return cls(
            name=root.name,
            root=root,
            charset=str(config.get("charset", "utf-8")),
            charset_files=tuple(config.get("charset_files", ())),
            timezone=str(config.get("timezone", "UTC")),
        )

    def encoding_for(self, relative: str) -> str:
        if any(fnmatch(relative, pattern) for pattern in self.charset_files):
            return self.charset
        return "utf-8"

    def count(self, path: str) -> None:
        with self.lock:
            self.counts[path] += 1

    def snapshot(self, *, reset: bool = False) -> dict[str, int]:
        with self.lock:
            counts = dict(self.counts)
            if reset:
                self.counts.clear()
        return counts


def discover_sites(sites_dir: Path = SITES_DIR) -> list[SiteConfig]:
    """Every site folder under ``sites_dir``, in name order (which fixes the ports)."""
    return [
        SiteConfig.load(path)
        for path in sorted(sites_dir.iterdir())
        if path.is_dir() and not path.name.startswith((".", "_"))
    ]


def resolve_file(root: Path, path: str, query: str) -> Path | None:
    """Map a URL path (and a ``page`` query parameter) to a file under ``root``.

    ``/a/`` serves ``a/index.html`` (or ``index.xml``, for feeds at ``/feed/``),
    ``/a/b`` serves ``a/b`` or ``a/b.html``, and ``/a/?page=2`` serves
    ``a/page-2.html``. Other query parameters (tracking ones included) are
    ignored, as real sites ignore them.
    """
    relative = unquote(path).lstrip("/")
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root.resolve()):
        return None
    pages = parse_qs(query).get("page", [])
    if pages and pages[-1] != "1":
        return _paged_file(candidate, pages[-1])
    if candidate.is_dir():
        indexes = (candidate / "index.html", candidate / "index.xml")
        return next((index for index in indexes if index.is_file()), None)
    if candidate.is_file() and candidate.name != "site.json":
        return candidate
    with_suffix = candidate.with_name(candidate.name + ".html")
    return with_suffix if with_suffix.is_file() else None


def _paged_file(folder: Path, page: str) -> Path | None:
    if not (_page_pattern.match(page) and folder.is_dir()):
        return None
    paged = folder / f"page-{page}.html"
    return paged if paged.is_file() else None


def content_type(file: Path, body: bytes, charset: str) -> str:
    """Content-Type for a served file; XML is told apart as RSS, Atom or plain XML."""
    suffix = file.suffix.lower()
    if suffix in _binary_types:
        return _binary_types[suffix]
    if suffix == ".xml":
        head = body[:400]
        if b"<rss" in head:
            mime = "application/rss+xml"
        elif b"<feed" in head:
            mime = "application/atom+xml"
        else:
            mime = "application/xml"
        return f"{mime}; charset={charset}"
    return f"{_text_types.get(suffix, 'text/plain')}; charset={charset}"


def render(site: SiteConfig, file: Path, bases: Mapping[str, str]) -> tuple[bytes, str]:
    """Body bytes and Content-Type of ``file``, placeholders substituted."""
    if file.suffix.lower() in _binary_types:
        body = file.read_bytes()
        return body, content_type(file, body, "")
    relative = file.relative_to(site.root).as_posix()
    text = file.read_text(encoding="utf-8")
    text = _placeholder_pattern.sub(lambda m: bases[m.group(1) or site.name], text)
    charset = site.encoding_for(relative)
    body = text.encode(charset)
    return body, content_type(file, body, charset)


class _SiteHandler(BaseHTTPRequestHandler):
    site: ClassVar[SiteConfig]
    bases: ClassVar[dict[str, str]]
    server_version = "newscrawl-demo/1.0"
    # Keep-alive, as real servers do; Scrapy reuses connections.
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the
    # client's delayed ACK, 40 ms per keep-alive response.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, *, send_body: bool) -> None:
        parts = urlsplit(self.path)
        if parts.path == REQUESTS_PATH:
            reset = parse_qs(parts.query).get("reset") == ["1"]
            body = json.dumps(self.site.snapshot(reset=reset), sort_keys=True).encode()
            self._send(HTTPStatus.OK, body, "application/json", send_body=send_body)
            return
        self.site.count(self.path)
        file = resolve_file(self.site.root, parts.path, parts.query)
        if file is None:
            body = b"<!doctype html><title>Not found</title><h1>404 Not found</h1>\n"
            self._send(
                HTTPStatus.NOT_FOUND,
                body,
                "text/html; charset=utf-8",
                send_body=send_body,
            )
            return
        if (
            not parts.path.endswith("/")
            and (self.site.root / unquote(parts.path).lstrip("/")).is_dir()
        ):
            # Directory without its slash: redirect like Apache and WordPress do,
            # so relative links on the page resolve against the right folder.
            location = parts.path + "/" + (f"?{parts.query}" if parts.query else "")
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, ctype = render(self.site, file, self.bases)
        etag = f'"{hashlib.sha1(body, usedforsecurity=False).hexdigest()[:16]}"'
        if etag in self.headers.get("If-None-Match", ""):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(HTTPStatus.OK, body, ctype, send_body=send_body, etag=etag)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        ctype: str,
        *,
        send_body: bool,
        etag: str | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the request counter records what was fetched."""


class DemoServer:
    """All demo sites on consecutive ports (or free ones), served from threads.

    Use as a context manager; ``urls`` maps site name to ``http://host:port/``.
    """

    def __init__(
        self,
        port_base: int = 0,
        *,
        host: str = DEFAULT_HOST,
        sites_dir: Path = SITES_DIR,
    ) -> None:
        self.sites = discover_sites(sites_dir)
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        bases: dict[str, str] = {}
        try:
            for offset, site in enumerate(self.sites):
                port = port_base + offset if port_base else 0
                handler = type(
                    f"Handler_{site.name}",
                    (_SiteHandler,),
                    {"site": site, "bases": bases},
                )
                server = ThreadingHTTPServer((host, port), handler)
                server.daemon_threads = True
                self._servers.append(server)
                bases[site.name] = f"http://{host}:{server.server_address[1]}"
        except OSError:
            self._close_sockets()
            raise
        # Filled only after every port is bound, so {{base:<other>}} always resolves.
        self.urls = {name: base + "/" for name, base in bases.items()}

    def start(self) -> Self:
        for server in self._servers:
            thread = threading.Thread(
                target=server.serve_forever, name=f"demo-{server.server_address[1]}"
            )
            thread.daemon = True
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        self._close_sockets()

    def _close_sockets(self) -> None:
        for server in self._servers:
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def request_counts(base_url: str, *, reset: bool = False) -> dict[str, int]:
    """Return the requests a running demo site received, as ``{path_with_query: count}``."""
    if not base_url.startswith(("http://127.0.0.1", "http://localhost")):
        msg = f"not a local demo site: {base_url}"
        raise ValueError(msg)
    url = base_url.rstrip("/") + REQUESTS_PATH + ("?reset=1" if reset else "")
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local URL checked above
        counts: dict[str, int] = json.load(response)
    return counts


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    stop = threading.Event()
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set())
        for sig in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--port-base",
        type=int,
        default=8701,
        help="site i listens on PORT_BASE+i; 0 picks free ports (default: 8701)",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="address to bind (default: 127.0.0.1)"
    )
    args = parser.parse_args(argv)
    with (
        _stop_on_signals() as stop,
        DemoServer(args.port_base, host=args.host) as server,
    ):
        sys.stdout.write(json.dumps({"sites": server.urls}) + "\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
