"""Daily Maverick: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.dailymaverick_co_za import DailymaverickCoZaParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class DailymaverickCoZaSpider(NewsSpider):
    name = "dailymaverick_co_za"
    allowed_domains = ("dailymaverick.co.za",)
    sources = (
        sitemap("https://www.dailymaverick.co.za/news-sitemap.xml"),
        sitemap("https://www.dailymaverick.co.za/sitemap_index.xml"),
    )
    # Reports and opinion pieces: /article/2026-01-06-<slug>/, /opinionista/2026-01-06-<slug>/.
    article_url_allow = (
        r"/(?:article|opinionista)/\d{4}-\d{2}-\d{2}-[\w-]+/?(?:$|[?#])",
    )
    article_url_deny = ()
    timezone = "Africa/Johannesburg"
    parser = DailymaverickCoZaParser
