"""Mutations of the team's own pages: the hostile-input corpus of ``test_hostile_input.py``.

Seeds are the hand-written fixture pages (``tests/fixtures``) and the demo sites' pages.
Every mutation is deterministic: its random choices come from a ``random.Random`` seeded
with the mutation's and the page's names, so a failing case is rebuilt the same way on
every run and every machine.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from tests.hostile import ABSURD_DATES, REPO_ROOT, Case, jsonld_text, rng_for

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator


@dataclass(frozen=True)
class Seed:
    name: str
    data: bytes


_placeholder_pattern = re.compile(rb"\{\{base(?::[a-z]+)?\}\}")


@cache
def seed_pages() -> tuple[Seed, ...]:
    """Return every fixture page and demo page, with the demo's ``{{base}}`` placeholders filled in."""
    roots = (
        REPO_ROOT / "tests" / "fixtures",
        REPO_ROOT / "newscrawl" / "demo" / "sites",
    )
    paths = [path for root in roots for path in sorted(root.rglob("*.html"))]
    return tuple(
        Seed(
            str(path.relative_to(REPO_ROOT)),
            _placeholder_pattern.sub(b"http://127.0.0.1:8000", path.read_bytes()),
        )
        for path in paths
    )


# --- mutations of a seed page -------------------------------------------------------------


def _point(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def _find(data: bytes, needle: bytes, start: int = 0) -> int | None:
    index = data.find(needle, start)
    return index if index >= 0 else None


def truncations(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Cut the page at random points and at awkward ones.

    Inside a tag, an attribute, a UTF-8 sequence, an entity, a comment and a JSON-LD script.
    """
    data = seed.data
    points: dict[str, int] = {"empty": 0, "one_byte": 1}
    points |= {f"random{i}": _point(rng, data) for i in range(4)}
    anchors = {
        "mid_tag": (b"<", 3),
        "mid_attribute": (b'="', 4),
        "mid_entity": (b"&", 2),
        "mid_comment": (b"<!--", 5),
        "mid_jsonld": (b"ld+json", 60),
        "mid_body_tag": (b"<body", 3),
        "before_html_end": (b"</html", 0),
    }
    for name, (needle, offset) in anchors.items():
        index = _find(data, needle, len(data) // 3 if name == "mid_tag" else 0)
        if index is not None:
            points[name] = min(index + offset, len(data))
    lead = re.search(rb"[\xc2-\xf4]", data)
    if lead is not None:
        points["mid_utf8"] = lead.start() + 1
    for name, point in points.items():
        yield Case(f"truncated/{name}@{point}", data[:point])


def tag_soup(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Unclosed, misnested, shuffled and duplicated tags, and raw-text elements left open."""
    data = seed.data
    closing = re.compile(rb"</[a-zA-Z][a-zA-Z0-9]*\s*>")
    yield Case("soup/no_closing_tags", closing.sub(b"", data))
    tags = closing.findall(data)
    rng.shuffle(tags)
    shuffled = iter(tags)
    yield Case(
        "soup/shuffled_closing_tags", closing.sub(lambda _: next(shuffled), data)
    )
    third = len(data) // 3
    yield Case("soup/early_html_end", data[:third] + b"</body></html>" + data[third:])
    head = re.search(rb"(?is)<head.*?</head>", data)
    body = re.search(rb"(?i)<body[^>]*>", data)
    if head is not None and body is not None:
        twice = data[: body.end()] + head.group() + body.group() + data[body.end() :]
        yield Case("soup/duplicated_head_and_body", twice)
    yield Case(
        "soup/misnested_inline",
        re.sub(rb"(?i)<p>", b"<p><b><i>", data).replace(b"</p>", b"</b></p></i>"),
    )
    yield Case("soup/stray_closers_first", b"</div></span></td></tr>" * 500 + data)
    for opener in (
        b"<script>",
        b"<title>",
        b"<textarea>",
        b"<!--",
        b"<plaintext>",
        b"<xmp>",
    ):
        cut = _point(rng, data)
        yield Case(
            f"soup/unclosed_{opener.strip(b'<>!-').decode() or 'comment'}@{cut}",
            data[:cut] + opener + data[cut:],
        )
    tag = re.compile(rb"<[^>]*>")
    yield Case(
        "soup/tags_dropped",
        tag.sub(lambda m: b"" if rng.random() < 0.2 else m.group(), data),
    )
    yield Case(
        "soup/tags_doubled",
        tag.sub(lambda m: m.group() * 2 if rng.random() < 0.2 else m.group(), data),
    )
    yield Case(
        "soup/unbalanced_quotes",
        data.replace(b'="', b"=\"'", 3).replace(b'">', b">", 3),
    )
    yield Case(
        "soup/xml_declaration", b'<?xml version="1.0" encoding="utf-16"?>' + data
    )


def deep_nesting(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Wrap the page's body in tens of thousands of elements, closed or not."""
    data = seed.data
    body = re.search(rb"(?i)<body[^>]*>", data)
    at = body.end() if body is not None else 0
    for tag in (b"div", b"span", b"table", b"blockquote", b"a", b"b"):
        depth = rng.choice((300, 5_000, 50_000))
        opened = b"<" + tag + b">"
        nest = opened * depth
        yield Case(
            f"nested/{tag.decode()}x{depth}",
            data[:at] + nest + data[at:] + b"</" + tag + b">" * depth,
        )
    yield Case("nested/ul_li_x50000", data[:at] + b"<ul><li>" * 50_000 + data[at:])
    yield Case("nested/unclosed_divs_x50000_at_end", data + b"<div>" * 50_000)


def giant_attributes(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Put large attribute values where the extractor reads attributes, and very many attributes."""
    data = seed.data
    # Megabytes at a time belong to test_ten_megabyte_attribute; here, many positions.
    size = rng.choice((64, 256)) * 1024
    value = b"x" * size
    body = re.search(rb"(?i)<body[^>]*>", data)
    at = body.end() if body is not None else 0
    head = _find(data, b"</head>") or 0
    for attribute in (b"class", b"id", b"style", b"itemprop", b"lang", b"data-x"):
        element = b"<div " + attribute + b'="' + value + b'"><p>x</p></div>'
        yield Case(
            f"attribute/{attribute.decode()}_{size // 1024}KB",
            data[:at] + element + data[at:],
        )
    for element in (
        b'<meta property="og:title" content="' + value + b'">',
        b'<link rel="canonical" href="https://example.com/' + value + b'">',
        b'<meta property="article:published_time" content="2024-' + value + b'">',
    ):
        yield Case(
            f"attribute/head_{element[1:5].decode()}_{size // 1024}KB",
            data[:head] + element + data[head:],
        )
    yield Case(
        "attribute/time_datetime",
        data[:at] + b'<time datetime="' + value + b'">1 June 2024</time>' + data[at:],
    )
    many = b" ".join(b'a%d="v"' % i for i in range(2_000))
    yield Case(
        "attribute/2000_on_one_element",
        data[:at] + b"<div " + many + b"><p>x</p></div>" + data[at:],
    )
    spread = b"".join(
        b'<span class="c%d" id="i%d" data-a="1" data-b="2">w</span>' % (i, i)
        for i in range(5_000)
    )
    yield Case("attribute/5000_elements", data[:at] + spread + data[at:])


def _jsonld_script(text: str | bytes) -> bytes:
    raw = text.encode() if isinstance(text, str) else text
    return b'<script type="application/ld+json">' + raw + b"</script>"


def giant_jsonld(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Huge, odd and invalid JSON-LD blobs next to the page's own (deep nesting: see the findings)."""
    data = seed.data
    head = _find(data, b"</head>") or 0

    def with_script(label: str, text: str | bytes) -> Case:
        return Case(f"jsonld/{label}", data[:head] + _jsonld_script(text) + data[head:])

    big = "y" * rng.choice((64, 256)) * 1024
    yield with_script(
        "huge_headline", json.dumps({"@type": "NewsArticle", "headline": big})
    )
    yield with_script(
        "huge_body", json.dumps({"@type": "NewsArticle", "articleBody": big})
    )
    graph = [{"@type": "Thing", "name": f"n{i}"} for i in range(5_000)]
    yield with_script(
        "graph_5000_nodes",
        json.dumps({"@context": "https://schema.org", "@graph": graph}),
    )
    yield with_script(
        "nested_within_walk_depth",
        json.dumps(
            {
                "@graph": [
                    [
                        [
                            [
                                {
                                    "mainEntity": {
                                        "@graph": [
                                            {"@type": "NewsArticle", "headline": "deep"}
                                        ]
                                    }
                                }
                            ]
                        ]
                    ]
                ]
            }
        ),
    )
    text = jsonld_text()
    yield with_script("truncated", text[: rng.randrange(1, len(text))])
    yield with_script(
        "trailing_commas",
        '{"@type": "NewsArticle", "headline": "h", "author": ["a", "b",],}',
    )
    yield with_script(
        "single_quotes_and_comments",
        "{'@type': 'NewsArticle', /* c */ 'headline': 'h'} // end",
    )
    yield with_script(
        "nan_infinity",
        '{"@type": "NewsArticle", "headline": NaN, "wordCount": Infinity}',
    )
    yield with_script(
        "huge_number", '{"@type": "NewsArticle", "wordCount": ' + "9" * 20_000 + "}"
    )
    yield with_script("many_objects", "\n".join(text for _ in range(200)))
    yield with_script(
        "wrong_types",
        json.dumps(
            {
                "@type": ["NewsArticle", 3, None, {"x": 1}],
                "headline": {"@value": ["a", {"b": 2}]},
                "author": [None, 3, {"name": ["x", 1]}, [["y"]]],
                "datePublished": [1717236000, {"@value": "2024"}],
                "image": {"url": [{"url": None}]},
                "keywords": {"a": 1},
                "publisher": "",
            }
        ),
    )
    yield with_script("not_json_at_all", rng.randbytes(10_000))
    yield with_script("unclosed_brackets_2000", "[{" * 1_000)


def binary_garbage(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Bytes that are not HTML at all, or HTML damaged byte by byte."""
    data = seed.data
    noise = rng.randbytes(64 * 1024)
    yield Case("binary/random", noise)
    yield Case("binary/nul_bytes", b"\x00" * 64 * 1024)
    yield Case("binary/all_byte_values", bytes(range(256)) * 256)
    yield Case("binary/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)
    yield Case("binary/gzip_of_page", gzip.compress(data, mtime=0))
    yield Case("binary/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + noise)
    yield Case("binary/utf16_bom_odd_length", b"\xff\xfe" + noise[:999])
    yield Case("binary/utf32_bom", b"\xff\xfe\x00\x00" + noise)
    flipped = bytearray(data)
    for _ in range(-(-len(data) // 100)):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    yield Case("binary/flipped_bytes", bytes(flipped))
    yield Case(
        "binary/nul_every_100",
        b"\x00".join(data[i : i + 100] for i in range(0, len(data), 100)),
    )
    yield Case("binary/random_prefix", noise[:1024] + data)


def mixed_encodings(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Legacy-encoded segments in a UTF-8 page, declarations that lie, BOMs that disagree."""
    data = seed.data
    text = data.decode("utf-8", "replace")
    cyrillic = "<p>Пристанището отвори нов кей за фериботите.</p>"
    japanese = "<p>港のクレーンが冬の嵐の後に戻った。</p>"
    at = _point(rng, data)
    segments = cyrillic.encode("cp1251") + japanese.encode("shift_jis")
    yield Case("encoding/legacy_segments", data[:at] + segments + data[at:])
    no_meta = re.sub(r"(?i)<meta[^>]*charset[^>]*>", "", text)
    for charset in (
        "windows-1251",
        "shift_jis",
        "utf-16",
        "iso-2022-jp",
        "utf-7",
        "nonsense",
    ):
        declared = f'<meta charset="{charset}">' + no_meta
        yield Case(f"encoding/utf8_declared_{charset}", declared.encode("utf-8"))
    legacy = no_meta.encode("cp1251", "replace")
    yield Case("encoding/cp1251_declared_utf8", b'<meta charset="utf-8">' + legacy)
    yield Case("encoding/cp1251_header_utf8", legacy, "utf-8")
    yield Case("encoding/utf8_header_latin1", data, "latin-1")
    yield Case(
        "encoding/utf8_bom_with_cp1251_meta",
        b"\xef\xbb\xbf" + b'<meta charset="windows-1251">' + legacy,
    )
    yield Case("encoding/utf16_bom_with_utf8_bytes", b"\xfe\xff" + data)
    yield Case("encoding/utf16le_without_bom", no_meta.encode("utf-16-le"))
    yield Case("encoding/utf16be_without_bom", no_meta.encode("utf-16-be"))
    yield Case("encoding/shift_jis_whole_page", no_meta.encode("shift_jis", "replace"))
    # str input with lone surrogates: what a caller gets decoding bytes with surrogateescape.
    yield Case(
        "encoding/str_with_surrogates", legacy.decode("utf-8", "surrogateescape")
    )


_date_pattern = re.compile(rb"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?")


def absurd_dates(seed: Seed, rng: random.Random) -> Iterator[Case]:
    """Impossible, overflowing and oddly written dates wherever the extractor looks for one."""
    data = seed.data
    head = _find(data, b"</head>") or 0
    body = re.search(rb"(?i)<body[^>]*>", data)
    at = body.end() if body is not None else 0
    for value in rng.sample(ABSURD_DATES, 6):
        raw = value.encode()
        yield Case(f"dates/replaced/{value[:24]}", _date_pattern.sub(raw, data))
        places = (
            _jsonld_script(
                json.dumps(
                    {
                        "@type": "NewsArticle",
                        "datePublished": value,
                        "dateModified": value,
                    }
                )
            ),
            b'<meta property="article:published_time" content="' + raw + b'">',
        )
        visible = (
            b'<time datetime="'
            + raw
            + b'">'
            + raw
            + b"</time><p>Updated "
            + raw
            + b"</p>"
        )
        yield Case(
            f"dates/placed/{value[:24]}",
            data[:head] + b"".join(places) + data[head:at] + visible + data[at:],
        )


MUTATIONS: dict[str, Callable[[Seed, random.Random], Iterator[Case]]] = {
    "truncated": truncations,
    "tag_soup": tag_soup,
    "deep_nesting": deep_nesting,
    "giant_attributes": giant_attributes,
    "giant_jsonld": giant_jsonld,
    "binary_garbage": binary_garbage,
    "mixed_encodings": mixed_encodings,
    "absurd_dates": absurd_dates,
}


# Kinds whose cases are large (hundreds of KB each) take every 16th seed, the rest every 8th.
_COSTLY = frozenset({"deep_nesting", "giant_attributes", "giant_jsonld"})


def corpus(kind: str) -> Iterator[tuple[str, Case]]:
    """Yield ``(seed name, case)`` for the ``kind`` mutations of every 8th (or 16th) seed page.

    Each kind starts at another offset, so together the kinds spread over all the seeds.
    """
    every = 16 if kind in _COSTLY else 8
    offset = list(MUTATIONS).index(kind) % every
    for seed in seed_pages()[offset::every]:
        for case in MUTATIONS[kind](seed, rng_for(kind, seed.name)):
            yield seed.name, case
