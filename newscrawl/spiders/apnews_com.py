"""Associated Press News: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.apnews_com import ApnewsComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class ApnewsComSpider(NewsSpider):
    name = "apnews_com"
    allowed_domains = ("apnews.com",)
    sources = (
        sitemap("https://apnews.com/news-sitemap-content.xml"),
        # An index of monthly sitemaps, hub and video pages among the articles.
        sitemap("https://apnews.com/sitemap.xml"),
    )
    # /article/<slug>-<32 hex id>; older stories have the bare id.
    article_url_allow = r"/article/(?:[a-z0-9-]+-)?[0-9a-f]{32}$"
    article_url_deny = r"/(?:hub|video|live)/"
    timezone = "America/New_York"
    parser = ApnewsComParser
