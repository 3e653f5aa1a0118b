"""Washington Post: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.washingtonpost_com import WashingtonpostComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class WashingtonpostComSpider(NewsSpider):
    name = "washingtonpost_com"
    allowed_domains = (
        "feeds.washingtonpost.com",
        "washingtonpost.com",
    )
    sources = (
        feed("https://feeds.washingtonpost.com/rss/world"),
        feed("https://feeds.washingtonpost.com/rss/national"),
        sitemap("https://www.washingtonpost.com/sitemaps/sitemap.xml.gz"),
        sitemap("https://www.washingtonpost.com/sitemaps/news-sitemap.xml.gz"),
    )
    # Stories are /<section>/YYYY/MM/DD/<slug>/; videos and podcasts are dated too.
    article_url_allow = (r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/?$",)
    article_url_deny = (r"/(?:video|podcasts)/",)
    timezone = "America/New_York"
    parser = WashingtonpostComParser
