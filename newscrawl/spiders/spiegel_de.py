"""Spiegel Online: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.spiegel_de import SpiegelDeParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class SpiegelDeSpider(NewsSpider):
    name = "spiegel_de"
    allowed_domains = ("spiegel.de",)
    sources = (
        feed("https://www.spiegel.de/schlagzeilen/index.rss"),
        sitemap("https://www.spiegel.de/sitemap.xml"),
        sitemap("https://www.spiegel.de/sitemaps/news-de.xml"),
    )
    # /<section>/<slug>-a-<uuid>; older pages end in -a-<number>.html.
    article_url_allow = (
        r"-a-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/?(?:$|[?#])",
        r"-a-\d+\.html(?:$|[?#])",
    )
    article_url_deny = ()
    timezone = "Europe/Berlin"
    parser = SpiegelDeParser
