"""Crawl every per-site spider against our own small copy of its site.

``tests/sites/<site_key>/`` holds a few hand-written files in the shapes the real site
serves at the spider's declared source paths (its feed, sitemap index, news sitemap)
plus the article pages they list, and ``expected.json`` with the article paths the crawl
must yield. The spider runs with ``base_url`` pointing at the local server, so its
declared https URLs land on 127.0.0.1.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import pytest_twisted
from scrapy import signals
from scrapy.crawler import CrawlerRunner
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from newscrawl.demo.server import DemoServer
from newscrawl.spiders.base import NewsSpider

SITES = Path(__file__).parent / "sites"


def site_spiders() -> dict[str, type[NewsSpider]]:
    settings = Settings()
    settings.setmodule("newscrawl.settings")
    loader = SpiderLoader.from_settings(settings)
    return {
        name: spider
        for name in loader.list()
        if issubclass(spider := loader.load(name), NewsSpider)
        and spider.parser is not None
    }


SPIDERS = site_spiders()


@pytest.fixture(scope="module")
def site_copies():
    with DemoServer(0, sites_dir=SITES) as server:
        yield server.urls


def test_every_site_spider_has_a_site_copy():
    missing = sorted(
        name for name in SPIDERS if not (SITES / name / "expected.json").is_file()
    )
    assert not missing


async def crawl_copy(name, base_url, store):
    """Run the site spider ``name`` on its copy at ``base_url``; its crawler and items."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.setdict(
        {
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "NEWSCRAWL_SQLITE_PATH": str(store),
            "NEWSCRAWL_QUALITY_MIN_PAGES": 1,
        },
        priority="cmdline",
    )
    runner = CrawlerRunner(settings)
    crawler = runner.create_crawler(SPIDERS[name])
    items = []

    # A named local, not a lambda: the dispatcher holds receivers by weak reference.
    def collect(item, **_):
        items.append(item)

    crawler.signals.connect(collect, signal=signals.item_scraped)
    await runner.crawl(crawler, base_url=base_url)
    return crawler, items


@pytest.mark.parametrize("name", sorted(SPIDERS))
@pytest_twisted.ensureDeferred
async def test_spider_crawls_its_site_copy(name, site_copies, tmp_path):
    expected = json.loads((SITES / name / "expected.json").read_text(encoding="utf-8"))
    crawler, items = await crawl_copy(
        name, site_copies[name], tmp_path / "articles.sqlite"
    )

    assert sorted(urlsplit(item.url).path for item in items) == sorted(
        expected["articles"]
    )
    assert all(item.site == name and item.headline and item.body for item in items)
    stats = crawler.stats.get_stats()
    # The parser found its own fields on our pages: no breakage alarm.
    assert not stats.get("newscrawl/quality/alarms"), {
        key: value
        for key, value in stats.items()
        if key.startswith("newscrawl/quality/")
    }


@pytest_twisted.ensureDeferred
async def test_a_site_spider_reads_only_its_own_articles_from_a_shared_store(
    site_copies, tmp_path
):
    store = tmp_path / "articles.sqlite"
    own, other = "bbc_com", "theguardian_com"
    for name in (own, other):
        await crawl_copy(name, site_copies[name], store)
    with sqlite3.connect(store) as connection:
        rows = connection.execute("SELECT canonical_url, url FROM articles").fetchall()
    own_urls = {
        url for row in rows if row[1].startswith(site_copies[own]) for url in row
    }
    assert own_urls
    assert len(own_urls) < len({url for row in rows for url in row})

    crawler, items = await crawl_copy(own, site_copies[own], store)

    assert items == []
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/incremental/known"] == len(own_urls)
    expected = json.loads((SITES / own / "expected.json").read_text(encoding="utf-8"))
    assert stats["newscrawl/incremental/skipped_known"] == len(expected["articles"])
