"""Feeds, sitemaps and robots.txt of any shape: read, or refused with SourceError.

The crawl counts a refused source and goes on (``sources/<kind>/failed``); any other
exception would be a callback error instead, with the source's entries lost silently.
Hypothesis builds the inputs: raw bytes, nested feed and sitemap elements with odd
attributes, and JSON of any shape, with and without a JSON Feed version, whole or cut
anywhere.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.spiders.sources import parse_feed, parse_sitemap, sitemaps_from_robots
from newscrawl.spiders.xmlbody import SourceError, sniff_kind

_TAGS = (
    "rss",
    "channel",
    "item",
    "link",
    "guid",
    "pubDate",
    "feed",
    "entry",
    "updated",
    "published",
    "urlset",
    "url",
    "loc",
    "lastmod",
    "sitemapindex",
    "sitemap",
    "news:news",
    "news:publication_date",
    "atom:link",
    "origLink",
    "rdf:RDF",
    "dc:date",
)
_ATTRIBUTES = (
    "",
    ' href="x"',
    ' rel="alternate"',
    ' isPermaLink="true"',
    ' xml:base="http://[bad"',
)
_JSON_KEYS = ("version", "items", "url", "id", "date_published", "date_modified", "x")

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_xml = st.recursive(
    _text.map(lambda text: text.replace("<", "&lt;")),
    lambda children: st.builds(
        lambda tag, attributes, content: (
            f"<{tag}{attributes}>{''.join(content)}</{tag}>"
        ),
        st.sampled_from(_TAGS),
        st.sampled_from(_ATTRIBUTES),
        st.lists(children, max_size=4),
    ),
    max_leaves=20,
)
_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), _text),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(_JSON_KEYS), children, max_size=4),
    ),
    max_leaves=20,
)
_whole = st.one_of(
    _xml.map(str.encode),
    _json.map(
        lambda items: json.dumps(
            {"version": "https://jsonfeed.org/version/1.1", "items": items}
        ).encode()
    ),
    _json.map(lambda value: json.dumps(value).encode()),
)
# Cut anywhere, as a dropped connection or a full disk leaves a file.
_cut = _whole.flatmap(
    lambda body: st.integers(0, len(body)).map(lambda end: body[:end])
)
_bodies = st.one_of(st.binary(max_size=500), _whole, _cut)  # fmt: skip


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_bodies)
def test_any_source_is_read_or_refused_with_its_reason(body: bytes) -> None:
    for parse in (parse_feed, parse_sitemap):
        try:
            entries = parse(body, "https://example.com/source")
        except SourceError:
            continue
        listed = entries.entries if hasattr(entries, "entries") else entries
        assert all(isinstance(entry.url, str) for entry in listed)
    assert sniff_kind(body, "", "https://example.com/") in {
        "feed",
        "sitemap",
        "robots",
        "html",
    }
    assert all(
        isinstance(url, str)
        for url in sitemaps_from_robots(body, "https://example.com/robots.txt")
    )
