"""End-to-end crawls of the bundled demo sites with the real pipelines, FEEDS and SQLite."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import urlopen
from urllib.robotparser import RobotFileParser

import pytest_twisted
from scrapy import signals
from scrapy.crawler import CrawlerRunner
from scrapy.settings import Settings

from newscrawl.demo.server import request_counts
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.sources import feed, listing, sitemap

# Articles each demo site publishes (the cross-site copy on roundup included).
EXPECTED_ARTICLES = {"meridian": 7, "roundup": 7, "vestnik": 6}
NON_ARTICLE_SEGMENTS = {
    "tag", "author", "authors", "topics", "category", "page", "kategoria", "etiket", "avtor",
    "stranica-2", "about", "sitemaps",
}  # fmt: skip
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def crawl_settings(tmp_path: Path, run: str = "run", **overrides) -> Settings:
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.setdict(
        {
            # Politeness delays only slow a local test down.
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "LOG_LEVEL": "INFO",
            "NEWSCRAWL_SQLITE_PATH": str(tmp_path / "articles.sqlite"),
            "FEEDS": {str(tmp_path / f"{run}.jsonl"): {"format": "jsonlines"}},
            **overrides,
        },
        priority="cmdline",
    )
    return settings


async def run_crawl(settings: Settings, spidercls=GenericSpider, **kwargs):
    """Run one crawl in-process; return the crawler and the items that passed the pipelines."""
    runner = CrawlerRunner(settings)
    crawler = runner.create_crawler(spidercls)
    items = []

    def collect(item, **_):
        items.append(item)

    crawler.signals.connect(collect, signal=signals.item_scraped)
    await runner.crawl(crawler, **kwargs)
    return crawler, items


def reset_counts(demo_sites):
    for base in demo_sites.values():
        request_counts(base, reset=True)


def robots_for(base: str) -> RobotFileParser:
    parser = RobotFileParser()
    with urlopen(base + "robots.txt", timeout=10) as response:
        parser.parse(response.read().decode().splitlines())
    # Reading robots.txt here counts as a request: clear it so crawl counts stay exact.
    request_counts(base, reset=True)
    return parser


def site_of(url: str, demo_sites: dict[str, str]) -> str:
    netloc = urlsplit(url).netloc
    return next(
        name for name, base in demo_sites.items() if urlsplit(base).netloc == netloc
    )


def sqlite_rows(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def jsonl_lines(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]


@pytest_twisted.ensureDeferred
async def test_generic_crawl_of_all_demo_sites(demo_sites, tmp_path):
    robots = {name: robots_for(base) for name, base in demo_sites.items()}
    reset_counts(demo_sites)
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), urls=" ".join(demo_sites.values())
    )
    stats = crawler.stats.get_stats()
    assert stats["finish_reason"] == "finished"

    per_site = Counter(site_of(item.url, demo_sites) for item in items)
    assert per_site == EXPECTED_ARTICLES

    for item in items:
        segments = [s for s in urlsplit(item.url).path.split("/") if s]
        assert segments, f"home page produced an item: {item.url}"
        assert not NON_ARTICLE_SEGMENTS & set(segments), item.url
        assert item.headline
        assert item.body
        assert item.crawled_at
        assert "utm_" not in item.url
    assert stats.get("newscrawl/parse/errors", 0) == 0

    # Tracking-parameter variants of a link are one request and one item.
    canonical = [item.canonical_url for item in items]
    assert len(canonical) == len(set(canonical))

    # robots.txt: nothing disallowed for every agent was requested, though pages link to it.
    for name, base in demo_sites.items():
        requested = request_counts(base)
        assert requested, f"nothing fetched from {name}"
        for path in requested:
            assert robots[name].can_fetch("newscrawl", base.rstrip("/") + path), (
                name,
                path,
            )
            assert "utm_" not in path
        # Each article page is fetched once, whatever the number of links to it.
        article_paths = {
            urlsplit(item.url).path
            for item in items
            if site_of(item.url, demo_sites) == name
        }
        assert all(requested[path] == 1 for path in article_paths), requested
        # robots.txt is read once per host: the spider's own request for its Sitemap
        # lines gets the response the robots middleware fetched.
        assert requested["/robots.txt"] == 1, (name, requested["/robots.txt"])
    assert not any(
        path.startswith("/print/") for path in request_counts(demo_sites["meridian"])
    )

    # FEEDS and SQLite hold the same articles.
    lines = jsonl_lines(tmp_path / "run.jsonl")
    assert len(lines) == len(items) == sqlite_rows(tmp_path / "articles.sqlite")
    assert {line["canonical_url"] for line in lines} == set(canonical)

    # The story roundup republished from meridian is kept but points at the original.
    copies = [item for item in items if item.duplicate_of]
    assert len(copies) == 1
    [copy] = copies
    assert "port-authority-raises-berth-fees" in copy.url
    assert copy.duplicate_of in canonical
    assert site_of(copy.duplicate_of, demo_sites) != site_of(copy.url, demo_sites)


@pytest_twisted.ensureDeferred
async def test_second_run_adds_no_rows(demo_sites, tmp_path):
    urls = " ".join(demo_sites.values())
    await run_crawl(crawl_settings(tmp_path, "first"), urls=urls)
    rows = sqlite_rows(tmp_path / "articles.sqlite")
    assert rows == sum(EXPECTED_ARTICLES.values())

    crawler, items = await run_crawl(crawl_settings(tmp_path, "second"), urls=urls)
    assert sqlite_rows(tmp_path / "articles.sqlite") == rows
    assert items == []
    stats = crawler.stats.get_stats()
    assert not any(key.startswith("newscrawl/stored/") for key in stats)
    # Stored articles are not even requested again (tests/test_incremental.py).
    assert stats["newscrawl/incremental/skipped_known"] == rows
    assert "newscrawl/dropped/duplicate_url" not in stats


@pytest_twisted.ensureDeferred
async def test_max_articles_caps_the_crawl(demo_sites, tmp_path):
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), urls=" ".join(demo_sites.values()), max_articles="3"
    )
    assert len(items) == 3
    assert sqlite_rows(tmp_path / "articles.sqlite") == 3
    assert len(jsonl_lines(tmp_path / "run.jsonl")) == 3
    assert crawler.stats.get_value("finish_reason") == "max_articles"


@pytest_twisted.ensureDeferred
async def test_since_skips_older_articles(demo_sites, tmp_path):
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), url=demo_sites["roundup"], since="2024-06-21"
    )
    published = sorted(item.published[:10] for item in items)
    assert published == ["2024-06-21", "2024-06-23", "2024-06-24", "2024-06-25"]
    assert crawler.stats.get_value("newscrawl/skipped/too_old") >= 3


class RoundupSpider(NewsSpider):
    """A per-site spider declared against the site's public name, pointed at the demo copy."""

    name = "roundup_example"
    allowed_domains = ("roundup.example",)
    sources = (
        feed("https://roundup.example/feed/"),
        sitemap("https://roundup.example/robots.txt"),
        listing("https://roundup.example/"),
    )
    article_url_allow = r"/20\d\d/\d\d/\d\d/[\w-]+/$"


@pytest_twisted.ensureDeferred
async def test_site_spider_with_base_url(demo_sites, tmp_path):
    reset_counts(demo_sites)
    crawler, items = await run_crawl(
        crawl_settings(tmp_path), RoundupSpider, base_url=demo_sites["roundup"]
    )
    assert len(items) == EXPECTED_ARTICLES["roundup"]
    assert {item.site for item in items} == {"roundup_example"}
    assert all(item.url.startswith(demo_sites["roundup"]) for item in items)
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/sources/feed/ok"] == 1
    assert stats["newscrawl/sources/sitemap/ok"] >= 2
    assert stats["newscrawl/sources/listing/ok"] >= 1
    # The gallery post matches the article rule but has no text: dropped, with its reason.
    assert stats["newscrawl/dropped/missing_body"] == 1
    assert request_counts(demo_sites["meridian"]) == {}


def test_bad_argument_stops_the_crawl_before_any_request(demo_sites):
    base = demo_sites["vestnik"]
    request_counts(base, reset=True)
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "generic", "-a", f"url={base}",
         "-a", "max_articles=-5", "-s", "LOG_LEVEL=ERROR"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "max_articles" in result.stderr
    assert request_counts(base) == {}


# Importing twisted.internet.reactor installs Twisted's default reactor; a module that
# did so on import (spiders are imported before Scrapy installs its asyncio reactor)
# would stop `scrapy crawl` at start. Checked in a fresh interpreter, as this one has
# its reactor already.
_IMPORT_EVERY_MODULE = """
import importlib, pkgutil, sys
import newscrawl
for module in pkgutil.walk_packages(newscrawl.__path__, "newscrawl."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
        if "twisted.internet.reactor" in sys.modules:
            sys.exit(f"{module.name} imports the reactor")
"""


def test_no_module_imports_the_reactor() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_EVERY_MODULE],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
