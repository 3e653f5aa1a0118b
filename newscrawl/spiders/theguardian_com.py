"""The Guardian: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.theguardian_com import TheguardianComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class TheguardianComSpider(NewsSpider):
    name = "theguardian_com"
    allowed_domains = ("theguardian.com",)
    sources = (sitemap("https://www.theguardian.com/sitemaps/news.xml"),)
    # Content is /<section>/YYYY/mon/DD/<slug>; live blogs, videos, galleries and
    # audio share that shape but not the article layout.
    article_url_allow = (r"/\d{4}/[a-z]{3}/\d{2}/[a-z0-9-]+$",)
    article_url_deny = (r"/(?:live|video|gallery|audio|picture)/",)
    timezone = "Europe/London"
    parser = TheguardianComParser
