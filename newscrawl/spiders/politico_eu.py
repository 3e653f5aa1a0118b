"""Politico EU: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.politico_eu import PoliticoEuParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class PoliticoEuSpider(NewsSpider):
    name = "politico_eu"
    allowed_domains = ("politico.eu",)
    sources = (
        feed("https://www.politico.eu/feed/"),
        sitemap("https://www.politico.eu/sitemap.xml"),
        sitemap("https://www.politico.eu/news-sitemap.xml"),
    )
    # Stories live at /article/<slug>/; feeds add utm_* queries.
    article_url_allow = (r"/article/[\w%-]+/?(?:$|[?#])",)
    article_url_deny = (r"/podcast/",)
    timezone = "Europe/Brussels"
    parser = PoliticoEuParser
