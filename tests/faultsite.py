"""A small news site on 127.0.0.1 whose server misbehaves in every way the crawl must survive.

Each article path names its fault. ``GOOD`` lists the articles a patient user can get
(perhaps after a retry, a redirect chain or a wrong charset); ``LOST`` the ones nobody
can, with the stat that must account for each. The sitemap index lists good, malformed,
truncated, oversized, gzip-bombed and entity-laden sitemaps; the feed has dates that do
not parse. ``/__requests__`` returns ``{path: count}``.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

import brotli

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Self

# Small limits so the bombs and the oversized page stay quick to serve; the crawl under
# test runs with DOWNLOAD_MAXSIZE = NEWSCRAWL_SITEMAP_MAXSIZE = MAXSIZE and
# DOWNLOAD_TIMEOUT = TIMEOUT.
MAXSIZE = 2 * 1024 * 1024
TIMEOUT = 2.0
BIG_PAGE = 50 * 1024 * 1024

_WORDS = (
    "harbour", "council", "budget", "ferry", "schedule", "winter", "road", "repair",
    "library", "volunteers", "museum", "orchard", "festival", "tram", "depot", "bridge",
    "tenants", "market", "square", "rainfall", "river", "dam", "school", "canteen",
    "clinic", "nurses", "bakery", "price", "quarry", "dispute", "election", "ballot",
)  # fmt: skip

# Articles a patient user gets, by path, and how they misbehave first.
GOOD = {
    "/2026/11/20/plain": "no fault",
    "/2026/11/20/flaky-500": "500 once, then 200",
    "/2026/11/20/flaky-503": "503 once, then 200",
    "/2026/11/20/reset-once": "connection reset mid-body once, then 200",
    "/2026/11/20/slow-once": "slower than the timeout once, then 200",
    "/2026/11/20/chain-target": "reached through a chain of three redirects",
    "/2026/11/20/octet-stream": "served as application/octet-stream",
    "/2026/11/20/no-type": "served without Content-Type",
    "/2026/11/20/wrong-charset": "windows-1251 bytes declared as UTF-8",
    "/2026/11/20/gzip": "gzip-encoded",
    "/2026/11/20/brotli": "brotli-encoded",
    "/2026/11/20/from-feed": "listed in a feed whose dates do not parse",
    "/2026/11/20/from-sitemap": "listed only in a malformed sitemap",
}
# What nobody can get, and the stat that must say why.
LOST = {
    "/2026/11/20/always-500": "newscrawl/fetch_failed/http_500",
    "/2026/11/20/reset-always": "newscrawl/fetch_failed/connection_lost",
    "/2026/11/20/slow-always": "newscrawl/fetch_failed/timeout",
    "/2026/11/20/gone": "newscrawl/fetch_failed/http_410",
    "/2026/11/20/missing": "newscrawl/fetch_failed/http_404",
    "/2026/11/20/gzip-bomb": "newscrawl/fetch_failed/too_large",
    "/2026/11/20/brotli-bomb": "newscrawl/fetch_failed/too_large",
    "/2026/11/20/huge": "newscrawl/fetch_failed/too_large",
    "/2026/11/20/loop-a": "newscrawl/fetch_failed/redirect_loop",
    "/2026/11/20/to-file": "newscrawl/fetch_failed/redirect_refused",
    "/2026/11/20/to-ftp": "newscrawl/fetch_failed/redirect_refused",
    "/2026/11/20/to-other-host": "offsite/filtered",
    # Every copy is cut short: what is left is a page head, no article.
    "/2026/11/20/truncated-gzip": "newscrawl/skipped/not_article",
}
CYRILLIC_HEADLINE = "Отчёт о ремонте моста"  # noqa: RUF001 - Cyrillic on purpose
# Listed in the sitemap index: one good child, the rest unreadable in their own way.
GOOD_SITEMAP = "/sitemaps/good.xml"
UNREADABLE_SITEMAPS = (
    "/sitemaps/malformed.xml",
    "/sitemaps/truncated.xml.gz",
    "/sitemaps/huge.xml",
    "/sitemaps/bomb.xml.gz",
    "/sitemaps/laughs.xml",
    "/sitemaps/external.xml",
)
SITEMAPS = (GOOD_SITEMAP, *UNREADABLE_SITEMAPS)


def paragraphs(path: str, count: int = 6) -> list[str]:
    """Deterministic filler sentences, different for every path."""
    rng = random.Random(path)  # noqa: S311 - filler text, not secrets
    return [
        " ".join(rng.choice(_WORDS) for _ in range(28)).capitalize() + "."
        for _ in range(count)
    ]


def article_html(
    path: str, *, charset: str = "utf-8", headline: str | None = None
) -> str:
    title = headline or f"Report {path.rsplit('/', 1)[-1]} from the harbour town"
    body = "".join(f"<p>{p}</p>" for p in paragraphs(path))
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": "2026-11-20T08:00:00+00:00",
            "author": {"@type": "Person", "name": "Mira Holm"},
        }
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="{charset}">'
        f"<title>{title}</title>"
        f'<script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def _urlset(base: str, paths: list[str]) -> str:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><lastmod>2026-11-20</lastmod></url>" for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def _gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as sink:
        sink.write(data)
    return buffer.getvalue()


def _gzip_bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1024 * 1024)
    out = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join([*out, compressor.flush()])


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The crawler hangs up on slow, oversized and bomb responses by design.
        pass


class FaultSite:
    """The fault server: ``with FaultSite() as site: site.base``."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        # Bombs are built once: compressing 64 MB takes a moment.
        self.gzip_bomb = _gzip_bomb(64 * 1024 * 1024)
        self.brotli_bomb = brotli.compress(b"\0" * 64 * 1024 * 1024, quality=5)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def hit(self, path: str) -> int:
        """Count a request to ``path``; return how many there were, this one included."""
        with self._lock:
            self.counts[path] += 1
            return self.counts[path]


def _handler_for(site: FaultSite) -> type[BaseHTTPRequestHandler]:
    class Handler(_FaultHandler):
        fault_site = site

    return Handler


class _FaultHandler(BaseHTTPRequestHandler):
    fault_site: ClassVar[FaultSite]
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the
    # client's delayed ACK, 40 ms per keep-alive response.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/__requests__":
            self._send(
                200, json.dumps(self.fault_site.counts).encode(), "application/json"
            )
            return
        nth = self.fault_site.hit(path)
        route = _ROUTES.get(path)
        if route is None:
            self._send(404, b"not here", "text/plain")
            return
        route(self, nth)

    # -- responses -------------------------------------------------------------------

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _article(self, nth: int = 1, *, headline: str | None = None) -> None:
        html = article_html(self.path, headline=headline)
        self._send(200, html.encode(), "text/html; charset=utf-8")

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", "text/html", {"Location": location})

    def _reset(self) -> None:
        # Promise a long body, send part of it, then drop the connection.
        body = article_html(self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) * 4))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(2)

    def _slow(self) -> None:
        time.sleep(TIMEOUT * 2)
        self._article()


def _home(h: _FaultHandler, nth: int) -> None:
    links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in sorted(LINKED))
    h._send(
        200,
        f"<html><body><h1>Harbour News</h1><ul>{links}</ul></body></html>".encode(),
        "text/html; charset=utf-8",
    )


def _robots(h: _FaultHandler, nth: int) -> None:
    h._send(
        200,
        f"User-agent: *\nAllow: /\nSitemap: {h.fault_site.base}/sitemap.xml\n".encode(),
        "text/plain",
    )


def _sitemap_index(h: _FaultHandler, nth: int) -> None:
    base = h.fault_site.base
    items = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in SITEMAPS)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}'
        "</sitemapindex>"
    )
    h._send(200, body.encode(), "application/xml")


def _good_sitemap(h: _FaultHandler, nth: int) -> None:
    h._send(
        200,
        _urlset(h.fault_site.base, ["/2026/11/20/plain"]).encode(),
        "application/xml",
    )


def _malformed_sitemap(h: _FaultHandler, nth: int) -> None:
    # Readable up to the damage: the recovering parser still finds the first entry.
    text = _urlset(h.fault_site.base, ["/2026/11/20/from-sitemap"])
    h._send(200, text.replace("</urlset>", "<url><loc>").encode(), "application/xml")


def _truncated_sitemap(h: _FaultHandler, nth: int) -> None:
    whole = _gzip(_urlset(h.fault_site.base, ["/2026/11/20/plain"]).encode())
    h._send(200, whole[: len(whole) // 2], "application/x-gzip")


def _huge_sitemap(h: _FaultHandler, nth: int) -> None:
    paths = [f"/2026/11/20/plain?copy={i}" for i in range(MAXSIZE // 60)]
    h._send(200, _urlset(h.fault_site.base, paths).encode(), "application/xml")


def _bomb_sitemap(h: _FaultHandler, nth: int) -> None:
    h._send(200, h.fault_site.gzip_bomb, "application/x-gzip")


def _laughs_sitemap(h: _FaultHandler, nth: int) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">'
        for i in range(1, 10)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE urlset [{entities}]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{h.fault_site.base}/news/&lol9;</loc></url></urlset>"
    )
    h._send(200, body.encode(), "application/xml")


def _external_sitemap(h: _FaultHandler, nth: int) -> None:
    body = (
        '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{h.fault_site.base}/leak/&xxe;</loc></url></urlset>"
    )
    h._send(200, body.encode(), "application/xml")


def _feed(h: _FaultHandler, nth: int) -> None:
    base = h.fault_site.base
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Harbour News</title>"
        f"<item><title>From the feed</title><link>{base}/2026/11/20/from-feed</link>"
        "<pubDate>Someday in the 31st of Febtember</pubDate></item>"
        f"<item><title>Plain</title><link>{base}/2026/11/20/plain</link>"
        "<pubDate>Mon, 99 Nov 2026 25:61:00 +9999</pubDate></item>"
        "</channel></rss>"
    )
    h._send(200, body.encode(), "application/rss+xml")


def _fail_first(status: int) -> Callable[[_FaultHandler, int], None]:
    def route(h: _FaultHandler, nth: int) -> None:
        if nth == 1:
            h._send(status, b"try again", "text/plain")
        else:
            h._article()

    return route


def _encoded(h: _FaultHandler, encoding: str, data: bytes) -> None:
    h._send(200, data, "text/html; charset=utf-8", {"Content-Encoding": encoding})


_ROUTES: dict[str, Callable[[_FaultHandler, int], None]] = {
    "/": _home,
    "/robots.txt": _robots,
    "/sitemap.xml": _sitemap_index,
    "/feed.xml": _feed,
    GOOD_SITEMAP: _good_sitemap,
    "/sitemaps/malformed.xml": _malformed_sitemap,
    "/sitemaps/truncated.xml.gz": _truncated_sitemap,
    "/sitemaps/huge.xml": _huge_sitemap,
    "/sitemaps/bomb.xml.gz": _bomb_sitemap,
    "/sitemaps/laughs.xml": _laughs_sitemap,
    "/sitemaps/external.xml": _external_sitemap,
    "/2026/11/20/plain": lambda h, n: h._article(),
    "/2026/11/20/from-feed": lambda h, n: h._article(),
    "/2026/11/20/from-sitemap": lambda h, n: h._article(),
    "/2026/11/20/flaky-500": _fail_first(500),
    "/2026/11/20/flaky-503": _fail_first(503),
    "/2026/11/20/always-500": lambda h, n: h._send(500, b"broken", "text/plain"),
    "/2026/11/20/reset-once": lambda h, n: h._reset() if n == 1 else h._article(),
    "/2026/11/20/reset-always": lambda h, n: h._reset(),
    "/2026/11/20/slow-once": lambda h, n: h._slow() if n == 1 else h._article(),
    "/2026/11/20/slow-always": lambda h, n: h._slow(),
    "/2026/11/20/chain-1": lambda h, n: h._redirect("/2026/11/20/chain-2", 301),
    "/2026/11/20/chain-2": lambda h, n: h._redirect("/2026/11/20/chain-3", 302),
    "/2026/11/20/chain-3": lambda h, n: h._redirect("/2026/11/20/chain-target", 307),
    "/2026/11/20/chain-target": lambda h, n: h._article(),
    "/2026/11/20/loop-a": lambda h, n: h._redirect("/2026/11/20/loop-b"),
    "/2026/11/20/loop-b": lambda h, n: h._redirect("/2026/11/20/loop-a"),
    "/2026/11/20/to-file": lambda h, n: h._redirect("file:///etc/passwd"),
    "/2026/11/20/to-ftp": lambda h, n: h._redirect("ftp://127.0.0.1/news/plain"),
    "/2026/11/20/to-other-host": lambda h, n: h._redirect(
        "http://elsewhere.invalid/news/x"
    ),
    "/2026/11/20/gone": lambda h, n: h._send(410, b"gone", "text/plain"),
    "/2026/11/20/missing": lambda h, n: h._send(404, b"missing", "text/plain"),
    "/2026/11/20/octet-stream": lambda h, n: h._send(
        200, article_html(h.path).encode(), "application/octet-stream"
    ),
    "/2026/11/20/no-type": lambda h, n: h._send(
        200, article_html(h.path).encode(), None
    ),
    "/2026/11/20/wrong-charset": lambda h, n: h._send(
        200,
        article_html(h.path, charset="utf-8", headline=CYRILLIC_HEADLINE).encode(
            "windows-1251"
        ),
        "text/html; charset=utf-8",
    ),
    "/2026/11/20/gzip": lambda h, n: _encoded(
        h, "gzip", _gzip(article_html(h.path).encode())
    ),
    "/2026/11/20/brotli": lambda h, n: _encoded(
        h, "br", brotli.compress(article_html(h.path).encode())
    ),
    "/2026/11/20/truncated-gzip": lambda h, n: _encoded(
        h, "gzip", _gzip(article_html(h.path).encode())[:300]
    ),
    "/2026/11/20/gzip-bomb": lambda h, n: _encoded(h, "gzip", h.fault_site.gzip_bomb),
    "/2026/11/20/brotli-bomb": lambda h, n: _encoded(h, "br", h.fault_site.brotli_bomb),
    "/2026/11/20/huge": lambda h, n: h._send(
        200,
        b"<html><body><p>" + b"filler text " * (BIG_PAGE // 12) + b"</p></body></html>",
        "text/html; charset=utf-8",
    ),
}
# The home page links every article but the feed's and the sitemap's, the chain's
# target under its first hop.
LINKED = (
    (
        set(GOOD)
        - {
            "/2026/11/20/from-feed",
            "/2026/11/20/from-sitemap",
            "/2026/11/20/chain-target",
        }
    )
    | set(LOST)
    | {"/2026/11/20/chain-1"}
)
