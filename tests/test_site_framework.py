"""SiteParser fallback and provenance, the host-first registry, breakage alarms, scaffold."""

from __future__ import annotations

import json

import pytest
from lxml.etree import XPath
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.extensions.quality import QualityAlarms, alarms, field_quality
from newscrawl.extensions.summary import format_summary
from newscrawl.extraction import GenericParser, parser_for_url, register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser, has_class
from newscrawl.scaffold import SiteSpec, write_site

PAGE = """<html lang="en"><head><title>Harbour news: Ferry back - Example Post</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry back in service",
"datePublished": "2024-06-24T09:30:00+02:00", "author": {"@type": "Person", "name": "Ada Quill"}}
</script></head><body><article><h1>Ferry back in service</h1>
<div class="story"><p>The ferry sailed again on Monday after three weeks in dry dock.</p>
<p>Its owners said the new engine would cut fuel use by a fifth on every crossing.</p></div>
</article></body></html>"""


class _ExampleParser(SiteParser):
    site_key = "example_test"

    class V1(SiteParser):
        _body_selector = XPath("//div[@class='story']/p")
        _missing_selector = XPath("//div[@class='gone']/p")

        @field
        def headline(self) -> str | None:
            return self.ld_text("headline")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def summary(self) -> str | None:
            # A selector of an old layout: finds nothing on this page.
            return self.paragraphs(self._missing_selector)


def test_site_parser_fields_and_generic_fallback():
    parser = _ExampleParser.V1(PAGE, "https://news.example/ferry")
    article = parser.to_item()
    assert article.headline == "Ferry back in service"
    assert article.body is not None
    assert article.body.split("\n\n")[0].startswith("The ferry sailed again")
    # Not a site field: the generic reader fills it in.
    assert article.published == "2024-06-24T09:30:00+02:00"
    assert article.authors == ["Ada Quill"]
    assert parser.site_field_names() == {"headline", "body", "summary"}
    assert parser.found_by_site == {"headline", "body"}


def test_registry_prefers_the_host_over_the_registrable_domain():
    @register("edition_test", "fr_edition_test")
    class _French(GenericParser):
        pass

    @register("english_edition_test")
    class _English(GenericParser):
        pass

    assert parser_for_url("https://fr.edition.test/a") is _French
    assert parser_for_url("https://www.edition.test/a") is _French
    assert parser_for_url("https://www.english.edition.test/b") is _English
    assert parser_for_url("https://unknown.invalid/") is GenericParser


QUALITY_STATS = {
    "newscrawl/quality/news_example/pages": 10,
    "newscrawl/quality/news_example/headline/found": 10,
    "newscrawl/quality/news_example/body/found": 3,
    "newscrawl/quality/news_example/body/missed": 7,
    "newscrawl/quality/news_example/tags/missed": 10,
    # Only the 4 pages of a newer layout declare the summary field.
    "newscrawl/quality/news_example/summary/found": 4,
    "newscrawl/quality/other_example/pages": 2,
    "newscrawl/quality/other_example/body/missed": 2,
}


def test_field_quality_counts_each_field_on_its_own_pages():
    shares = {
        (q.site, q.field): (q.found, q.pages) for q in field_quality(QUALITY_STATS)
    }
    assert shares == {
        ("news_example", "body"): (3, 10),
        ("news_example", "headline"): (10, 10),
        ("news_example", "summary"): (4, 4),
        ("news_example", "tags"): (0, 10),
        ("other_example", "body"): (0, 2),
    }


def test_alarms_watch_core_fields_with_enough_pages():
    low = alarms(field_quality(QUALITY_STATS), threshold=0.8, min_pages=5)
    # tags are optional (not watched); other_example has too few pages to judge.
    assert [(q.site, q.field) for q in low] == [("news_example", "body")]
    watched = alarms(
        field_quality(QUALITY_STATS), threshold=0.8, min_pages=5, fields={"tags"}
    )
    assert [(q.site, q.field) for q in watched] == [("news_example", "tags")]


def test_quality_extension_records_shares_and_alarms_for_the_summary():
    crawler = get_crawler(settings_dict={"NEWSCRAWL_QUALITY_MIN_PAGES": 5})
    extension = QualityAlarms.from_crawler(crawler)
    crawler.stats.open_spider()
    for key, value in QUALITY_STATS.items():
        crawler.stats.set_value(key, value)
    extension.spider_closed(Spider("news_example"))
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/quality/news_example/body"] == 0.3
    assert stats["newscrawl/quality/news_example/body/alarm"] == 1
    assert stats["newscrawl/quality/alarms"] == 1
    text = format_summary(stats, spider_name="news_example", reason="finished")
    line = next(row for row in text.splitlines() if "parser news_example" in row)
    assert "headline 100%" in line
    assert "body 30%" in line
    assert line.endswith("ALARM: body")


def test_scaffold_writes_skeletons_that_fail_until_filled(tmp_path):
    spec = SiteSpec(
        key="harbour_example",
        home_url="https://www.harbour.example/",
        publisher="Harbour Post",
        timezone="Europe/Oslo",
        feeds=["https://www.harbour.example/rss.xml"],
        article_url_allow=[r"/news/\d+"],
    )
    written = write_site(spec, tmp_path)
    spider = (tmp_path / "newscrawl" / "spiders" / "harbour_example.py").read_text()
    assert 'name = "harbour_example"' in spider
    assert 'feed("https://www.harbour.example/rss.xml")' in spider
    assert r'r"/news/\d+"' in spider
    assert 'timezone = "Europe/Oslo"' in spider
    compile(spider, "spider", "exec")
    parser = (tmp_path / "newscrawl/extraction/sites/harbour_example.py").read_text()
    compile(parser, "parser", "exec")
    expected = tmp_path / "tests/fixtures/sites/harbour_example/example/expected.json"
    assert json.loads(expected.read_text())["headline"] == ""
    assert len(written) == 6
    with pytest.raises(FileExistsError):
        write_site(spec, tmp_path)
    with pytest.raises(ValueError, match="site key"):
        write_site(SiteSpec("Bad Key", "https://x.example/", "X"), tmp_path)


def test_links_are_absolute_distinct_and_labelled():
    page = (
        "<html><body><article><p>Text of the story, long enough to read.</p>"
        "<div class='more'><a href='/a#top'><span>Live</span><h3>First teaser</h3></a>"
        "<a href='/a'><h3>First teaser again</h3></a>"
        "<a href='https://other.example/b'>Second teaser</a>"
        "<a href='mailto:desk@news.example'>Write to us</a>"
        "<a href='/c'></a></div></article></body></html>"
    )
    parser = _ExampleParser.V1(page, "https://news.example/story")
    selector = XPath(f"//div[{has_class('more')}]/a[@href]")
    assert parser.links(selector, XPath(".//h3")) == [
        {"url": "https://news.example/a", "text": "First teaser"},
        {"url": "https://other.example/b", "text": "Second teaser"},
    ]
