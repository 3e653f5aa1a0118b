"""Asahi Shimbun: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.asahi_com import AsahiComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class AsahiComSpider(NewsSpider):
    name = "asahi_com"
    allowed_domains = ("asahi.com",)
    # A news sitemap (news:publication_date per article).
    sources = (sitemap("https://www.asahi.com/sitemap.xml"),)
    # /articles/<ID>.html; photo pages (/articles/photo/...) are not articles.
    article_url_allow = (r"/articles/[A-Z0-9]+\.html$",)
    article_url_deny = ()
    timezone = "Asia/Tokyo"
    parser = AsahiComParser
