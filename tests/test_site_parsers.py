"""Every per-site parser against the fixture pages we wrote for it, field by field.

Cases live in ``tests/fixtures/sites/<site_key>/<case>/``: ``page.html`` (or
``page.html.gz``), ``meta.json`` (url, fetched_at, version) and ``expected.json``.
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest

from newscrawl.extraction import extract_article, parser_for_url, registered
from newscrawl.extraction.document import Document
from newscrawl.extraction.site import SiteParser

FIXTURES = Path(__file__).parent / "fixtures" / "sites"
CASES = sorted(
    f"{case.parent.name}/{case.name}"
    for case in FIXTURES.glob("*/*")
    if (case / "expected.json").is_file()
)
REQUIRED = ("headline", "body", "published")


def load(case: str) -> tuple[bytes, dict[str, str], dict[str, object]]:
    folder = FIXTURES / case
    page = folder / "page.html"
    html = (
        page.read_bytes()
        if page.is_file()
        else gzip.decompress((folder / "page.html.gz").read_bytes())
    )
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return html, meta, expected


def site_parsers() -> dict[str, type[SiteParser]]:
    return {
        parser.site_key: parser
        for parser in registered().values()
        if issubclass(parser, SiteParser)
    }


@pytest.mark.parametrize("case", CASES)
def test_fields(case):
    html, meta, expected = load(case)
    article = extract_article(
        html, meta["url"], fetched_at=datetime.fromisoformat(meta["fetched_at"])
    )
    for name, value in expected.items():
        assert getattr(article, name) == value, name


@pytest.mark.parametrize("case", CASES)
def test_case_is_complete_and_tidy(case):
    html, meta, expected = load(case)
    assert list(expected) == sorted(expected), "keep expected.json keys sorted"
    for name in REQUIRED:
        assert expected.get(name), f"a case must be a complete article: {name}"
    parser = parser_for_url(meta["url"])
    assert issubclass(parser, SiteParser), f"no site parser for {meta['url']}"
    assert case.split("/")[0] == parser.site_key
    version = parser.select_version(Document.parse(html, meta["url"]))
    assert version.__name__ == meta["version"], "the page picks the wrong version"


@pytest.mark.parametrize("site", sorted(site_parsers()))
def test_every_parser_version_has_a_case(site):
    parser = site_parsers()[site]
    versions = {version.__name__ for version in parser.versions()} or {parser.__name__}
    covered = {
        json.loads((case / "meta.json").read_text(encoding="utf-8"))["version"]
        for case in (FIXTURES / site).glob("*")
        if (case / "meta.json").is_file()
    }
    assert versions <= covered, f"versions without a fixture case: {versions - covered}"


@pytest.mark.parametrize("site", sorted(site_parsers()))
def test_site_parser_reads_its_own_fields(site):
    # A parser that declares no field of its own is the generic extractor in disguise.
    parser = site_parsers()[site]
    for version in parser.versions() or [parser]:
        assert issubclass(version, SiteParser)
        assert version.site_field_names() >= {"headline", "published", "body"}, version
