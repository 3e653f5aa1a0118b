"""Hostile pages for the extractor's robustness tests and benchmark: shared parts and big pages.

``tests/hostile_mutations.py`` mutates the team's own pages; this module holds what both
it and the tests use (our own article text, a page builder, the absurd dates) and the
builders of one page of about 5 MB per mutation kind. Everything is deterministic: random
choices come from a ``random.Random`` seeded with names, the same on every run and machine.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

REPO_ROOT = Path(__file__).resolve().parents[1]
URL = "https://example.com/news/2024/06/01/harbour-cranes-return"
MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One hostile input, as ``extract_article(data, URL, encoding=encoding)`` gets it."""

    label: str
    data: str | bytes
    encoding: str | None = None


def rng_for(*names: str) -> random.Random:
    # A str seed is hashed with SHA-512, so it is stable across runs and PYTHONHASHSEED.
    return random.Random("/".join(names))  # noqa: S311 -- test data, not secrets


def words(text: str) -> tuple[str, ...]:
    """Split a whitespace-separated word list (shorter than one literal per line)."""
    return tuple(text.split())


# --- our own article text, for pages built to a size --------------------------------------

_VOCABULARY = words(
    "harbour crane council ferry river bridge district school budget report night "
    "bus residents mayor library wetland reeds heat summer port berth fee freight "
    "yard storm power lines repair crews café naïve façade Zürich Ærø \u2013 "
    "\u201cquoted\u201d € 2024 улица пристанище 港 クレーン 天気"
)


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    """Return a paragraph of invented sentences, with some non-ASCII words in it."""
    out = []
    for _ in range(sentences):
        words = [rng.choice(_VOCABULARY) for _ in range(rng.randint(8, 16))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def jsonld_text(**fields: object) -> str:
    """Return a schema.org NewsArticle as JSON text; ``fields`` add to or replace its properties."""
    node = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour cranes return after the winter storms",
        "datePublished": "2024-06-01T10:00:00+02:00",
        "author": {"@type": "Person", "name": "Ana Lee"},
        **fields,
    }
    return json.dumps(node)


def jsonld(**fields: object) -> str:
    return f'<script type="application/ld+json">{jsonld_text(**fields)}</script>'


def article_page(
    size: int,
    *,
    seed: str = "article",
    head_extra: str = "",
    body_extra: str = "",
    paragraph_html: Callable[[random.Random, int], str] | None = None,
) -> str:
    """Build a plain news page of about ``size`` bytes of UTF-8: metadata, heading, paragraphs."""
    rng = rng_for("article_page", seed)
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Harbour cranes return | The Test Post</title>"
        '<meta property="og:title" content="Harbour cranes return">'
        '<meta property="article:published_time" content="2024-06-01T10:00:00+02:00">'
        f"{jsonld()}{head_extra}</head><body>"
        '<nav><a href="/">Home</a> <a href="/city/">City</a></nav>'
        "<article><h1>Harbour cranes return after the winter storms</h1>"
        '<p class="byline">By Ana Lee, 1 June 2024</p>'
        f"{body_extra}"
    )
    tail = "</article><footer>© The Test Post</footer></body></html>"
    parts = [head]
    total = len(head.encode()) + len(tail)
    i = 0
    while total < size:
        block = (
            paragraph_html(rng, i) if paragraph_html else f"<p>{paragraph(rng)}</p>\n"
        )
        parts.append(block)
        total += len(block.encode())
        i += 1
    parts.append(tail)
    return "".join(parts)


ABSURD_DATES = (
    "99999-01-01",
    "0000-00-00",
    "0000-00-00T00:00:00Z",
    "-1",
    "-62135596800",
    "99999999999999999999",
    "1e308",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "2024-02-30",
    "2024-13-45T25:61:61Z",
    "2024-06-01T10:00:00+99:00",
    "2024-06-01T10:00:00.9999999999Z",
    "1717236000",
    "1717236000000",
    "NaN",
    "",
    "null",
    "yesterday",
    "il y a 2 heures",
    "June 31, 2024",
    "31/06/2024",
    "01.06.2024 14:05",
    "Sat, 01 Jun 99999 10:00:00 GMT",
    "2024-W22-6",
    "2024-153",
    "20240601T100000Z",
    "1 June 2024 10:00 CEST",
    "24 юни 2024, 14:05",
    "2024年6月1日",
    "\u0662\u0660\u0662\u0664-\u0660\u0666-\u0660\u0661",  # Arabic-Indic digits
    "2024-06-01T10:00:00+02:00[Europe/Berlin]",
    "9" * 5000,
)

# --- pages of about 5 MB, one per kind, for the time bound and the benchmark --------------


def _text(size: int, seed: str) -> str:
    """Return about ``size`` bytes of UTF-8 prose with no markup."""
    rng = rng_for(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        parts.append(paragraph(rng))
        total += len(parts[-1].encode()) + 1
    return " ".join(parts)


def _paragraphs(size: int) -> str:
    return article_page(size)


def _truncated(size: int) -> bytes:
    data = article_page(size + 4096).encode()
    lead = re.compile(rb"[\xc2-\xf4]").search(data, size)
    return data[: lead.start() + 1] if lead is not None else data[:size]


def _tag_soup(size: int) -> str:
    def soup(rng: random.Random, i: int) -> str:
        closers = "</div></span></td>" if i % 7 == 0 else ""
        return f"<p><b><i>{paragraph(rng)}</b></i>{closers}<body><head>"

    page = article_page(size, paragraph_html=soup)
    third = len(page) // 3
    return page[:third] + "</body></html>" + page[third:]


def _deep_nesting(size: int) -> str:
    return "<div>" * 50_000 + article_page(size - 550_000) + "</div>" * 50_000


def _deep_wrappers(size: int) -> str:
    # Wrappers nested within the libxml2 limit, around the whole article text: measured
    # anew at each level, they cost the text's length a thousand times.
    page = article_page(size - 12_000)
    start = page.index("<article>") + len("<article>")
    end = page.rindex("</article>")
    return (
        page[:start] + "<div>" * 1000 + page[start:end] + "</div>" * 1000 + page[end:]
    )


def _giant_attribute(size: int) -> str:
    return article_page(64 * 1024, body_extra=f'<div class="{"x" * size}"></div>')


def _giant_jsonld(size: int) -> str:
    return article_page(
        16 * 1024, head_extra=jsonld(articleBody=_text(size * 7 // 10, "giant_jsonld"))
    )


def _binary_garbage(size: int) -> bytes:
    return rng_for("binary_garbage").randbytes(size)


def _mixed_encodings(size: int) -> bytes:
    codecs = ("utf-8", "cp1251", "shift_jis")

    def mixed(rng: random.Random, i: int) -> str:
        # Marked so the page can be re-encoded segment by segment below.
        return f"\x01{codecs[i % 3]}\x02<p>{paragraph(rng)}</p>\n"

    page = article_page(size * 11 // 10, paragraph_html=mixed)
    out = []
    for part in page.split("\x01"):
        codec, _, rest = (
            part.partition("\x02") if "\x02" in part else ("utf-8", "", part)
        )
        out.append(rest.encode(codec, "replace"))
    return b"".join(out)


def _absurd_dates(size: int) -> str:
    def dated(rng: random.Random, i: int) -> str:
        value = ABSURD_DATES[i % len(ABSURD_DATES)][:40]
        return f'<p><time datetime="{value}">{value}</time> {paragraph(rng, 2)} {value}</p>\n'

    return article_page(size, paragraph_html=dated)


def _nul_bytes(size: int) -> bytes:
    return article_page(size * 7 // 8).encode().replace(b" ", b" \x00")


def _one_text_node(size: int) -> str:
    return "<html><body>" + _text(size, "one_text_node")


def _many_attributes(size: int) -> str:
    attributes = " ".join(f'a{i}="v"' for i in range(size // 12))
    return article_page(64 * 1024, body_extra=f"<div {attributes}></div>")


def _jsonld_graph(size: int) -> str:
    graph = [{"@type": "Thing", "name": f"n{i}"} for i in range(size // 38)]
    return article_page(16 * 1024, head_extra=jsonld(**{"@graph": graph}))


def _jsonld_article_nodes(size: int) -> str:
    graph = [{"@type": "NewsArticle", "headline": f"n{i}"} for i in range(size // 50)]
    return article_page(
        16 * 1024,
        head_extra=f"<script type='application/ld+json'>{json.dumps(graph)}</script>",
    )


def _jsonld_unclosed(size: int) -> str:
    return article_page(
        16 * 1024,
        head_extra=f"<script type='application/ld+json'>{'{' * size}</script>",
    )


def _short_paragraphs(size: int) -> str:
    # The cost is per element: 50,000 one-line paragraphs.
    line = "<p>" + "word " * 20 + "</p>\n"
    return "<html><body>" + line * (size // len(line))


FIVE_MB: dict[str, Callable[[int], str | bytes]] = {
    "paragraphs": _paragraphs,
    "truncated": _truncated,
    "tag_soup": _tag_soup,
    "deep_nesting": _deep_nesting,
    "deep_wrappers": _deep_wrappers,
    "giant_attribute": _giant_attribute,
    "giant_jsonld": _giant_jsonld,
    "jsonld_unclosed": _jsonld_unclosed,
    "binary_garbage": _binary_garbage,
    "mixed_encodings": _mixed_encodings,
    "absurd_dates": _absurd_dates,
    "nul_bytes": _nul_bytes,
    "one_text_node": _one_text_node,
    "short_paragraphs": _short_paragraphs,
    "jsonld_graph": _jsonld_graph,
    "jsonld_article_nodes": _jsonld_article_nodes,
    "many_attributes": _many_attributes,
}
"""Builders of one page of about ``size`` bytes per kind; ``paragraphs`` is the plain baseline."""
