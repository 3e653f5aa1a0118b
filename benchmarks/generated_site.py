"""A generated news site for long benchmark crawls, served on 127.0.0.1.

Article ``i`` is built on the fly from ``(seed, i)``: headline, date, author and 300-800
words of text drawn from large pools of generated names and places, so bodies differ and
are not near-duplicates of each other. Every 50th article (:data:`NEAR_COPY_EVERY`)
repeats the body of the one before with its first paragraph rewritten, as agencies'
copies do, so the near-duplicate index has work to do.

Articles are found through ``robots.txt`` -> a sitemap index -> child sitemaps of
:data:`SITEMAP_SIZE` URLs, and through section pages (newest first, ``?page=N``).
``GET /__stats__`` answers ``{"articles": n, "other": n}``: the pages served so far.

``python benchmarks/generated_site.py --pages 50000`` prints one JSON line
``{"url": "http://127.0.0.1:PORT/"}`` and serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import threading
from datetime import UTC, datetime, timedelta
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

SITEMAP_SIZE = 1_000
SECTION_PAGE_SIZE = 30
NEAR_COPY_EVERY = 50
STATS_PATH = "/__stats__"
SECTIONS = ("world", "business", "science", "city", "culture", "sport")
# Article i was published i * 7 minutes before this, so all are in the past.
_NEWEST = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
_STEP = timedelta(minutes=7)
# Share of mentions that name one of the article's recurring people.
_CAST_SHARE = 0.6


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _rng(key: str) -> random.Random:
    return random.Random(key)  # noqa: S311 - reproducible text, not security


_SYLLABLES = _words(
    "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne "
    "ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo zo wen dor lin "
    "mar tal ber gan hol sten vik"
)
_FIRST_NAMES = _words(
    "Ada Ben Clara Dmitri Elif Farid Greta Hugo Ines Jonas Kemal Lena Marco Nadia Omar "
    "Petra Quentin Rosa Samir Tilda Umar Vera Walter Xenia Yusuf Zora Anton Bianca Carl "
    "Dana Emil Fiona Goran Hana Ivo Julia Karim Lotte Mateo Nina"
)
_PLACE_ENDINGS = ("ton", "ford", "bridge", "holm", "stad", "berg", "port", "field")
_TOPICS = {
    "world": "ceasefire summit border embassy treaty delegation refugees sanctions",
    "business": "tariffs merger payroll dividend factory exports bond startup",
    "science": "telescope vaccine genome glacier probe reactor fossil satellite",
    "city": "tram library council housing bridge parking school clinic",
    "culture": "festival museum novel orchestra theatre archive gallery film",
    "sport": "derby final transfer stadium season coach relay marathon",
}
_NOUNS = _words(
    "plan budget report survey inquiry deal vote strike project fund study agreement "
    "proposal review scheme contract forecast audit policy trial programme license"
)
_VERBS = _words(
    "approved rejected delayed questioned defended revised announced criticised "
    "welcomed cancelled expanded suspended unveiled challenged backed"
)
_ADJECTIVES = _words(
    "new controversial long-awaited modest ambitious costly regional national "
    "temporary revised joint emergency annual quiet sweeping cautious"
)
_TEMPLATES = (
    "{person} said the {adj} {noun} for {place} would be {verb} by {month}.",
    "In {place}, {count} residents signed a petition against the {topic} {noun}.",
    "{person}, who has led the {topic} office in {place} since {year}, {verb} the {noun}.",
    "The {noun} was {verb} on {weekday} after {count} hours of talks with {person}.",
    "Officials in {place} expect the {topic} {noun} to cost {count} million by {year}.",
    "{person} told reporters in {place} that the {adj} {noun} had been {verb} twice.",
    "Critics, among them {person}, called the {noun} {adj} and asked for a {topic} review.",
    "A spokesperson for {place} said {count} people attended the {topic} meeting.",
    "The {adj} {topic} {noun} follows a {year} {noun} that {person} {verb}.",
    "Figures seen by {person} show {count} cases in {place} and {count} in {place}.",
    "{person} and {person} met in {place} on {weekday} to discuss the {topic}.",
    "Under the {noun}, {place} would receive {count} new {topic} posts by {month}.",
)
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_MONTHS = _words(
    "January February March April May June July August September October November "
    "December"
)
_slug_pattern = re.compile(r"[^a-z0-9]+")


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST_NAMES)} {_word(rng, rng.randint(2, 3))}"


def _place(rng: random.Random) -> str:
    return _word(rng, rng.randint(1, 2)) + rng.choice(_PLACE_ENDINGS)


def _sentence(rng: random.Random, topic: list[str], cast: list[str]) -> str:
    # A few people recur through an article, as in real reporting; places rarely do.
    slots = {
        "person": lambda: (
            rng.choice(cast) if rng.random() < _CAST_SHARE else _person(rng)
        ),
        "place": lambda: _place(rng),
        "noun": lambda: rng.choice(_NOUNS),
        "verb": lambda: rng.choice(_VERBS),
        "adj": lambda: rng.choice(_ADJECTIVES),
        "topic": lambda: rng.choice(topic),
        "count": lambda: str(rng.randint(2, 9999)),
        "year": lambda: str(rng.randint(1990, 2025)),
        "month": lambda: rng.choice(_MONTHS),
        "weekday": lambda: rng.choice(_WEEKDAYS),
    }
    template = rng.choice(_TEMPLATES)
    text = re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)](), template)
    return text[0].upper() + text[1:]


def headline(seed: int, index: int) -> str:
    """Return the headline of article ``index``; cheap, as sitemaps need every URL."""
    rng = _rng(f"{seed}/{index}/headline")
    topic = _TOPICS[SECTIONS[index % len(SECTIONS)]].split()
    return (
        f"{_place(rng)} {rng.choice(topic)} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} "
        f"after {rng.choice(_ADJECTIVES)} {rng.choice(topic)} talks with {_person(rng)}"
    )


def published(index: int) -> datetime:
    return _NEWEST - index * _STEP


def article_path(seed: int, index: int) -> str:
    slug = _slug_pattern.sub("-", headline(seed, index).lower()).strip("-")
    section = SECTIONS[index % len(SECTIONS)]
    return f"/{section}/{published(index):%Y/%m/%d}/{slug}-{index:06d}"


class Article:
    """One generated article; everything follows from ``seed`` and ``index``."""

    def __init__(self, seed: int, index: int) -> None:
        rng = _rng(f"{seed}/{index}/body")
        self.seed = seed
        self.index = index
        self.section = SECTIONS[index % len(SECTIONS)]
        topic = _TOPICS[self.section].split()
        cast = [_person(rng) for _ in range(3)]
        self.author = _person(rng)
        self.published = published(index)
        self.headline = headline(seed, index)
        self.paragraphs: list[str]
        if index % NEAR_COPY_EVERY == NEAR_COPY_EVERY - 1:
            original = Article(seed, index - 1)
            self.paragraphs = [
                " ".join(_sentence(rng, topic, cast) for _ in range(3)),
                *original.paragraphs[1:],
            ]
        else:
            target_words = rng.randint(300, 800)
            self.paragraphs = []
            words = 0
            while words < target_words:
                paragraph = " ".join(
                    _sentence(rng, topic, cast) for _ in range(rng.randint(3, 6))
                )
                self.paragraphs.append(paragraph)
                words += len(paragraph.split())

    @property
    def path(self) -> str:
        return article_path(self.seed, self.index)

    def html(self, base: str) -> str:
        url = base + self.path
        published = self.published.isoformat()
        jsonld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": self.headline,
                "datePublished": published,
                "author": [{"@type": "Person", "name": self.author}],
                "articleSection": self.section.capitalize(),
                "mainEntityOfPage": url,
            }
        )
        body = "\n".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)
        headline = escape(self.headline)
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} - The Generated Gazette</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{headline}">
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{jsonld}</script>
</head><body>
<header><a href="/">The Generated Gazette</a><nav>{_nav()}</nav></header>
<main><article>
<h1>{headline}</h1>
<p class="byline">By <a rel="author" href="/authors/{self.index % 97}">{escape(self.author)}</a>
<time datetime="{published}">{self.published:%d %B %Y, %H:%M}</time></p>
{body}
</article>
<aside class="related"><h2>More from {self.section}</h2><ul>{_related(self.seed, self.index)}</ul></aside>
</main>
<footer><p>Copyright The Generated Gazette. All rights reserved.</p>
<a href="/about">About us</a> <a href="/privacy">Privacy</a></footer>
</body></html>
"""


def _nav() -> str:
    return "".join(f'<a href="/{s}/">{s.capitalize()}</a> ' for s in SECTIONS)


def _related(seed: int, index: int) -> str:
    # Links to older neighbours in the same section, as real sites have.
    return "".join(
        f'<li><a href="{article_path(seed, other)}">{escape(headline(seed, other))}</a></li>'
        for other in (index + len(SECTIONS), index + 2 * len(SECTIONS))
    )


class GeneratedSite:
    """The site's pages: (status, content type, text) for a path and query."""

    def __init__(self, pages: int, seed: int) -> None:
        self.pages = pages
        self.seed = seed
        self.counts = {"articles": 0, "other": 0}
        self._lock = threading.Lock()

    def render(self, base: str, path: str, query: str) -> tuple[int, str, str]:
        if path == STATS_PATH:
            with self._lock:
                return HTTPStatus.OK, "application/json", json.dumps(self.counts)
        index = self._index_of(path)
        if index is not None:
            with self._lock:
                self.counts["articles"] += 1
            return HTTPStatus.OK, "text/html", Article(self.seed, index).html(base)
        with self._lock:
            self.counts["other"] += 1
        page = self._page(base, path, query)
        if page is None:
            return HTTPStatus.NOT_FOUND, "text/html", "<title>Not found</title>"
        return HTTPStatus.OK, *page

    def _page(self, base: str, path: str, query: str) -> tuple[str, str] | None:
        if path == "/robots.txt":
            sitemap = f"{base}/sitemaps/index.xml"
            return (
                "text/plain",
                f"User-agent: *\nDisallow: /search\n\nSitemap: {sitemap}\n",
            )
        if path == "/sitemaps/index.xml":
            return "application/xml", self._sitemap_index(base)
        match = re.fullmatch(r"/sitemaps/articles-(\d+)\.xml", path)
        if match and int(match.group(1)) * SITEMAP_SIZE < self.pages:
            return "application/xml", self._sitemap(base, int(match.group(1)))
        section = path.strip("/")
        if path == "/" or section in SECTIONS:
            page = int((parse_qs(query).get("page") or ["1"])[0])
            sections = (section,) if section else SECTIONS
            return "text/html", self._listing(sections, page - 1, section or "Home")
        return None

    def _index_of(self, path: str) -> int | None:
        match = re.search(r"-(\d{6})$", path)
        if match is None or int(match.group(1)) >= self.pages:
            return None
        index = int(match.group(1))
        return index if article_path(self.seed, index) == path else None

    def _sitemap_index(self, base: str) -> str:
        children = "".join(
            f"<sitemap><loc>{base}/sitemaps/articles-{k}.xml</loc></sitemap>\n"
            for k in range(-(-self.pages // SITEMAP_SIZE))
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{children}</sitemapindex>\n"
        )

    def _sitemap(self, base: str, number: int) -> str:
        first = number * SITEMAP_SIZE
        entries = [
            f"<url><loc>{base}{article_path(self.seed, index)}</loc>"
            f"<lastmod>{published(index).isoformat()}</lastmod></url>\n"
            for index in range(first, min(first + SITEMAP_SIZE, self.pages))
        ]
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{''.join(entries)}</urlset>\n"
        )

    def _listing(self, sections: tuple[str, ...], page: int, title: str) -> str:
        # Section s holds the articles i with i % len(SECTIONS) == s, newest first.
        items = []
        for section in sections:
            offset = SECTIONS.index(section)
            first = offset + page * SECTION_PAGE_SIZE * len(SECTIONS)
            for k in range(SECTION_PAGE_SIZE):
                index = first + k * len(SECTIONS)
                if index < self.pages:
                    items.append(
                        f'<li><a href="{article_path(self.seed, index)}">'
                        f"{escape(headline(self.seed, index))}</a></li>"
                    )
        more = (
            f'<a rel="next" href="/{sections[0]}/?page={page + 2}">Older</a>'
            if len(sections) == 1 and items
            else ""
        )
        return (
            f"<!doctype html><html><head><title>{title} - The Generated Gazette"
            f"</title></head><body><nav>{_nav()}</nav><h1>{title}</h1>"
            f"<ul>{''.join(items)}</ul>{more}</body></html>"
        )


class _Handler(BaseHTTPRequestHandler):
    site: ClassVar[GeneratedSite]
    base: ClassVar[str]
    # Keep-alive, as real servers do; Scrapy reuses connections.
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm the second waits
    # for the client's delayed ACK (40 ms) on every keep-alive response.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        status, ctype, text = self.site.render(self.base, parts.path, parts.query)
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the counters record what was served."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client closing a keep-alive connection is normal; anything else is not.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(pages: int, seed: int, port: int = 0) -> ThreadingHTTPServer:
    """Bind the site on 127.0.0.1 (``port`` 0: a free one); the caller serves it."""

    class Handler(_Handler):
        site = GeneratedSite(pages, seed)

    server = _Server(("127.0.0.1", port), Handler)
    Handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = serve(args.pages, args.seed, args.port)
    # SIGTERM from the benchmark ends serve_forever the way Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sys.stdout.write(
        json.dumps({"url": f"http://127.0.0.1:{server.server_address[1]}/"}) + "\n"
    )
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
