"""Euronews (EN): where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.euronews_com import EuronewsComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class EuronewsComSpider(NewsSpider):
    name = "euronews_com"
    # The host, not the registrable domain: fr.euronews.com is its own spider.
    allowed_domains = ("www.euronews.com",)
    sources = (
        sitemap("https://www.euronews.com/sitemaps/en/latest-news.xml"),
        sitemap("https://www.euronews.com/sitemaps/en/articles.xml"),
    )
    # Articles are dated slugs, optionally under a section: /2024/04/30/<slug>,
    # /my-europe/2026/01/04/<slug>. Video pages share that shape under /video/.
    article_url_allow = (
        r"^https?://[^/]+/(?:[a-z-]+/){0,2}\d{4}/\d{2}/\d{2}/[^/?#]+$",
    )
    article_url_deny = (r"^https?://[^/]+/video/",)
    timezone = "Europe/Brussels"
    parser = EuronewsComParser
