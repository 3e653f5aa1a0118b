"""TechCrunch: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.techcrunch_com import TechcrunchComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class TechcrunchComSpider(NewsSpider):
    name = "techcrunch_com"
    allowed_domains = ("techcrunch.com",)
    sources = (
        sitemap("https://techcrunch.com/news-sitemap.xml"),
        # A Yoast index: post-sitemapN.xml hold the articles.
        sitemap("https://techcrunch.com/sitemap_index.xml"),
    )
    # WordPress permalinks /yyyy/mm/dd/<slug>/; videos and events have other paths.
    article_url_allow = r"^https?://[^/]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$"
    article_url_deny = ()
    timezone = "America/Los_Angeles"
    parser = TechcrunchComParser
