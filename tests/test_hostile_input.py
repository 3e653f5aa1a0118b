"""Hostile input to the extractor: it never fails, its output stays clean, its time stays bounded.

Three layers:

- a mutation corpus built from the team's own pages (``tests/hostile_mutations.py``): truncated,
  tag soup, deep nesting, giant attributes, giant JSON-LD, binary garbage, mixed
  encodings and absurd dates, each as ``bytes`` and (the smaller ones) as ``str``;
- hypothesis properties over arbitrary text and bytes and over generated HTML pages
  (``tests/hostile_strategies.py``);
- a time bound per mutation kind on pages of about 5 MB (``tests/hostile.py``).

``extract_article`` catches every exception and returns a bare ``Article(url=...)``, so
"never raises" alone would prove little: the corpus and the generated pages go through
``read_page``, which lets errors through, and any error there fails the test (the page
would have been lost). Each finding keeps a minimal reproducer below: a strict xfail
while it is open (it fails as XPASS the moment it is fixed, and the mark goes), a plain
regression test once fixed.
"""

from __future__ import annotations

import faulthandler
import gc
import inspect
import json
import re
import resource
import sys
import time
from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extraction import extract_article, read_page
from newscrawl.items import Article
from tests.hostile import (
    FIVE_MB,
    MB,
    URL,
    Case,
    article_page,
    jsonld,
    rng_for,
    words,
)
from tests.hostile_mutations import MUTATIONS, corpus, seed_pages
from tests.hostile_strategies import any_character, html_pages

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

# The issue asks for 1 s per 5 MB page. This shared 2-core machine is noisy, so the test
# asserts a generous bound on the thread's CPU time (immune to other processes taking the
# CPU) and benchmarks/hostile_pages.py measures the real figures.
BOUND_5MB_S = 5.0
# Small pages get the same rate with a floor. A page nested 50,000 deep takes 0.26-0.58 s
# of CPU here (its body scoring), so a 0.5 s floor failed on a busy machine; a page this
# small taking over a second would still be a finding.
MIN_BOUND_S = 1.0
# A fixed extractor reads the unclosed-brackets reproducer (70 KB) in milliseconds.
REPRODUCER_BOUND_S = 0.25
TRACED_FACTOR = 4.0
# Per test, far above any test's time even on a loaded machine: only a hang gets there.
HANG_S = 300.0
# str inputs are run for the smaller cases only, to keep the module under a minute.
STR_VARIANT_MAX_BYTES = 64 * 1024

_bad_char_pattern = re.compile("[\x00\ud800-\udfff]")
_day_pattern = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- checks -------------------------------------------------------------------------------


def text_values(article: Article) -> list[tuple[str, str]]:
    """Return every string of the record, with the field it sits in."""
    found: list[tuple[str, str]] = []
    for item in fields(Article):
        value = getattr(article, item.name)
        values = value if isinstance(value, list) else [value]
        for one in values:
            strings = one.values() if isinstance(one, dict) else [one]
            found.extend((item.name, s) for s in strings if isinstance(s, str))
    return found


def check_article(article: object) -> None:
    """Assert the output contract that must hold whatever the input."""
    assert isinstance(article, Article)
    assert article.url == URL
    for item in fields(Article):
        value = getattr(article, item.name)
        if item.name in {"authors", "tags"}:
            assert isinstance(value, list), item.name
            assert all(isinstance(v, str) for v in value), item.name
        elif item.name == "related_links":
            assert isinstance(value, list)
            for link in value:
                assert isinstance(link, dict)
                assert all(
                    isinstance(k, str) and isinstance(v, str) for k, v in link.items()
                )
        elif item.name == "paywalled":
            assert value is None or isinstance(value, bool)
        else:
            assert value is None or isinstance(value, str), item.name
    # NULs and lone surrogates break the consumers: SQLite and UTF-8 JSON refuse them.
    for name, text in text_values(article):
        assert not _bad_char_pattern.search(text), f"{name}: {ascii(text)[:120]}"
    for name in ("published", "modified"):
        value = getattr(article, name)
        if value is not None:
            assert _is_iso(value), f"{name}: {value!r}"


def _is_iso(value: str) -> bool:
    if _day_pattern.fullmatch(value):
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def read(data: str | bytes, encoding: str | None = None) -> Article:
    """Extract through ``read_page``; an error there means ``extract_article`` lost the page."""
    try:
        return read_page(data, URL, encoding=encoding).article
    except Exception as error:
        fallback = extract_article(data, URL, encoding=encoding)
        assert isinstance(fallback, Article)
        msg = f"extraction failed inside (extract_article returned a bare record): {error!r}"
        raise AssertionError(msg) from error


def bound_for(size: int) -> float:
    return max(MIN_BOUND_S, BOUND_5MB_S * size / (5 * MB))


def timed(
    data: str | bytes,
    encoding: str | None = None,
    bound: float | None = None,
    *,
    traced: bool = True,
) -> Article:
    """Extract ``data``, and fail when it takes more CPU than ``bound`` (default: by size).

    ``traced=False`` keeps the bound as it is under coverage: for the findings' reproducers,
    whose time is mostly in C and would pass a loosened bound before they are fixed.
    """
    bound = bound or bound_for(size_of(data))
    if traced and sys.gettrace() is not None:
        # Coverage (pytest --cov) or a debugger traces every line: several times slower.
        bound *= TRACED_FACTOR
    start = time.thread_time()
    article = read(data, encoding)
    elapsed = time.thread_time() - start
    assert elapsed <= bound, f"{elapsed:.2f} s of CPU (bound {bound:.2f} s)"
    return article


def size_of(data: str | bytes) -> int:
    return len(
        data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    )


@pytest.fixture(autouse=True)
def _hang_guard() -> Iterator[None]:
    # No pytest-timeout here: a hang kills the run with every thread's traceback on stderr
    # instead of stalling CI.
    faulthandler.dump_traceback_later(HANG_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    # The first call imports the site parsers and date tables; no test should pay for it.
    extract_article(article_page(4096), URL)


# --- the mutation corpus ------------------------------------------------------------------


def test_seed_pages_are_the_teams_own():
    names = [seed.name for seed in seed_pages()]
    assert len(names) >= 100
    assert any(name.startswith("tests/fixtures/generic/") for name in names)
    assert any(name.startswith("tests/fixtures/sites/") for name in names)
    assert any(name.startswith("newscrawl/demo/sites/") for name in names)


def test_mutations_are_deterministic():
    seed = seed_pages()[5]
    for kind, mutate in MUTATIONS.items():
        first = [(c.label, c.data) for c in mutate(seed, rng_for(kind, seed.name))]
        again = [(c.label, c.data) for c in mutate(seed, rng_for(kind, seed.name))]
        assert first == again, kind


@pytest.mark.parametrize("kind", list(MUTATIONS))
def test_mutation_corpus(kind):
    failures: list[str] = []
    cases = 0
    for seed, case in corpus(kind):
        variants = [case]
        if isinstance(case.data, bytes) and len(case.data) <= STR_VARIANT_MAX_BYTES:
            # A caller that decoded the bytes itself, keeping bad ones as lone surrogates.
            text = case.data.decode("utf-8", "surrogateescape")
            variants.append(Case(f"{case.label} (str)", text, case.encoding))
        for variant in variants:
            cases += 1
            try:
                check_article(timed(variant.data, variant.encoding))
            except AssertionError as error:
                failures.append(f"{seed} {variant.label}: {error}")
    assert cases >= 50
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("attribute", ["class", "style", "og_title", "canonical"])
def test_ten_megabyte_attribute(attribute):
    value = "x" * (10 * MB)
    body, head = "", ""
    if attribute in {"class", "style"}:
        body = f'<div {attribute}="{value}"><p>Short text.</p></div>'
    elif attribute == "og_title":
        head = f'<meta property="og:title" content="{value}">'
    else:
        head = f'<link rel="canonical" href="https://example.com/{value}">'
    page = article_page(32 * 1024, head_extra=head, body_extra=body)
    article = timed(page)
    check_article(article)
    assert article.headline


def test_deep_nesting_does_not_recurse_in_python():
    # With the limit just above the current stack, any walk that recurses once per level
    # of a deep tree raises RecursionError (and read() reports it) instead of passing.
    page = article_page(16 * 1024)
    at = page.index("<article>")
    limit = sys.getrecursionlimit()
    depth = len(inspect.stack(0))
    try:
        sys.setrecursionlimit(depth + 150)
        for tag in ("div", "span", "table", "ul><li", "blockquote"):
            nested = page[:at] + f"<{tag}>" * 50_000 + page[at:]
            check_article(read(nested))
    finally:
        sys.setrecursionlimit(limit)


# --- hypothesis properties ----------------------------------------------------------------

_hypothesis = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_hypothesis
@given(st.text(any_character, max_size=3000))
def test_any_text(text):
    check_article(extract_article(text, URL))
    check_article(read(text))


@_hypothesis
@given(
    st.binary(max_size=3000),
    st.sampled_from([None, "utf-8", "latin-1", "utf-16", "nonsense"]),
)
def test_any_bytes(data, encoding):
    check_article(extract_article(data, URL, encoding=encoding))
    check_article(read(data, encoding))


@_hypothesis
@given(html_pages())
def test_generated_pages(page):
    check_article(extract_article(page, URL))
    check_article(read(page))


# --- time bound on pages of about 5 MB ----------------------------------------------------


@pytest.mark.parametrize("kind", list(FIVE_MB))
def test_five_megabyte_page_within_bound(kind):
    page = FIVE_MB[kind](5 * MB)
    assert 4.5 * MB < size_of(page) < 5.5 * MB
    check_article(timed(page, bound=BOUND_5MB_S))
    # ru_maxrss only grows: this also catches a blow-up in any earlier test of the module.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 2048, f"peak RSS {peak_mb:.0f} MB"


# --- findings: minimal reproducers (strict xfail while open, regression tests once fixed) --

# Doubling the input doubles a linear cost and quadruples a quadratic one.
LINEAR_GROWTH_MAX = 3.0


def growth(build: Callable[[int], str], count: int) -> float:
    """Return the CPU time of reading ``build(2 * count)`` over that of ``build(count)``.

    A ratio does not depend on the machine's speed; the best of three runs of each size
    keeps a burst of load on a shared machine out of it, and the garbage collector is
    held off while timing: one full collection landing in a 20 ms run doubled a ratio
    (3.7 where the cost is linear, seen in CI).
    """

    def cost(page: str) -> float:
        runs = []
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                start = time.thread_time()
                read(page)
                runs.append(time.thread_time() - start)
            finally:
                gc.enable()
        return min(runs)

    return cost(build(2 * count)) / cost(build(count))


def nested_jsonld(depth: int = 10_000, *, opener: str = "[", closer: str = "]") -> str:
    """Build a page whose JSON-LD is nested ``depth`` levels: json.loads recurses per level."""
    return article_page(
        8 * 1024,
        head_extra=f"<script type='application/ld+json'>{opener * depth}1{closer * depth}</script>",
    )


# Finding, fixed: RecursionError from json.loads in document._loads_lenient lost the
# whole page (extract_article returned a bare Article).
@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ('{"a":', "}")])
def test_deeply_nested_jsonld_keeps_the_page(opener, closer):
    article = read(nested_jsonld(opener=opener, closer=closer))
    assert article.headline == "Harbour cranes return after the winter storms"


def unclosed_jsonld(count: int = 70_000) -> str:
    """Build a page whose JSON-LD is ``count`` unclosed ``{``: 70 KB of script."""
    return article_page(
        8 * 1024,
        head_extra=f"<script type='application/ld+json'>{'{' * count}</script>",
    )


# Finding, fixed: _loads_lenient retried raw_decode at every '{', each error
# counting the lines before it: quadratic (70 KB: 1.6 s; 5 MB: > 60 s).
def test_unclosed_jsonld_brackets_are_fast():
    page = unclosed_jsonld()
    timed(page, bound=REPRODUCER_BOUND_S, traced=False)


def many_jsonld_articles(count: int = 4_000) -> str:
    """Build a page whose JSON-LD lists ``count`` NewsArticles without publisher (~160 KB)."""
    graph = [{"@type": "NewsArticle", "headline": f"Story {i}"} for i in range(count)]
    return article_page(
        8 * 1024,
        head_extra=f"<script type='application/ld+json'>{json.dumps(graph)}</script>",
    )


# Finding, fixed: metadata._read_source_name rebuilt structured.nodes_by_id(doc)
# for every article node: quadratic (4,000 nodes: 1.0-1.5 s; 100,000 / 5 MB: > 60 s).
# What is left is linear but not cheap (about 50 us a node), hence a growth test.
def test_many_jsonld_article_nodes_grow_linearly():
    ratio = growth(many_jsonld_articles, 2_000)
    assert ratio < LINEAR_GROWTH_MAX, (
        f"doubling the nodes multiplied the time by {ratio:.1f}"
    )


def many_attributes(count: int = 15_000) -> str:
    """Build a page with one element carrying ``count`` attributes (~160 KB)."""
    attributes = " ".join(f'a{i}="v"' for i in range(count))
    return article_page(8 * 1024, body_extra=f"<div {attributes}><p>x</p></div>")


def test_many_attributes_on_one_element_grow_linearly():
    ratio = growth(many_attributes, 10_000)
    assert ratio < LINEAR_GROWTH_MAX, (
        f"doubling the attributes multiplied the time by {ratio:.1f}"
    )


_NON_TEXT_CODECS = words("rot13 base64 hex zlib bz2 uu quopri undefined")


def ascii_page_declaring(charset: str) -> bytes:
    """Build an all-ASCII page whose ``<meta charset>`` names ``charset``."""
    return (
        article_page(4096)
        .encode("ascii", "xmlcharrefreplace")
        .replace(b'<meta charset="utf-8">', f'<meta charset="{charset}">'.encode())
    )


# Finding, fixed: decode_html caught UnicodeDecodeError only: base64, rot13 & co.
# raised LookupError, 'undefined' UnicodeError, and the page was lost.
@pytest.mark.parametrize("where", ["meta", "header"])
@pytest.mark.parametrize("charset", _NON_TEXT_CODECS)
def test_non_text_charset_keeps_the_page(charset, where):
    if where == "meta":
        article = read(ascii_page_declaring(charset))
    else:
        # Scrapy's w3lib passes these labels on from Content-Type as they are.
        article = read(ascii_page_declaring("utf-8"), encoding=charset)
    assert article.headline == "Harbour cranes return after the winter storms"


def jsonld_with_escapes() -> str:
    """Build a page whose JSON-LD strings carry NUL and lone-surrogate escapes (valid JSON)."""
    fields_ = {
        "headline": "Harbour \\u0000 cranes \\ud800 return",
        "description": "Sum\\u0000mary \\udc00",
        "articleSection": "Ci\\u0000ty",
        "keywords": "ports\\u0000, cranes\\udfff",
        "image": "https://example.com/a\\u0000.png",
    }
    node = ", ".join(f'"{k}": "{v}"' for k, v in fields_.items())
    script = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        f'"@type": "NewsArticle", {node}, '
        '"author": {"@type": "Person", "name": "Ana \\u0000Lee\\ud83d"}, '
        '"publisher": {"@type": "Organization", "name": "Test\\u0000 Post \\ud800"}}</script>'
    )
    return article_page(4096, head_extra=script).replace(jsonld(), "")


# Finding, fixed: NUL and lone surrogates from JSON-LD \u escapes reached the text
# fields; SQLite and UTF-8 JSON refuse lone surrogates.
def test_jsonld_escapes_give_clean_text():
    check_article(read(jsonld_with_escapes()))


def text_after_unclosed_divs(count: int = 300) -> str:
    """Build a page with ``count`` unclosed ``<div>`` between the lead and the rest."""
    page = article_page(8 * 1024)
    middle = page.index("</p>", len(page) // 2) + len("</p>")
    return (
        page[:middle]
        + "<div>" * count
        + '<p id="after">The closing paragraph.</p>'
        + page[middle:]
    )


# Finding, fixed: without huge_tree libxml2 stopped 256 elements deep and
# silently dropped the rest of the page.
def test_text_after_deep_nesting_is_kept():
    article = read(text_after_unclosed_divs())
    assert article.body
    assert "The closing paragraph." in article.body


# Finding, fixed: past libxml2's 2,048 levels (huge_tree's limit) the rest of the page
# was dropped all the same; the tags below the limit are now removed and their text kept.
@pytest.mark.parametrize("opener", ["<div>", "<font><span>", "<section><b>"])
def test_text_past_the_parsers_nesting_limit_is_kept(opener: str):
    page = text_after_unclosed_divs(0)
    middle = page.index('<p id="after">')
    article = read(page[:middle] + opener * 3000 + page[middle:])
    assert article.body
    assert "The closing paragraph." in article.body
    # The paragraphs after it stay paragraphs of the body.
    last = page[page.rindex("<p>") + 3 : page.rindex("</p>")]
    assert article.body.endswith(last.split()[-1])
