"""CNBC: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.cnbc_com import CnbcComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class CnbcComSpider(NewsSpider):
    name = "cnbc_com"
    allowed_domains = ("cnbc.com",)
    sources = (
        sitemap("https://www.cnbc.com/sitemap_news.xml"),
        sitemap("https://www.cnbc.com/sitemapAll.xml"),
    )
    # /yyyy/mm/dd/<slug>.html at the root; videos live under /video/yyyy/...
    article_url_allow = r"^https?://[^/]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+\.html$"
    article_url_deny = ()
    timezone = "America/New_York"
    parser = CnbcComParser
