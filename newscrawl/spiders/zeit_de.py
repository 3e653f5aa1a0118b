"""Die Zeit: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.zeit_de import ZeitDeParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class ZeitDeSpider(NewsSpider):
    name = "zeit_de"
    allowed_domains = (
        "newsfeed.zeit.de",
        "zeit.de",
    )
    # Zeit also serves a daily news sitemap at gsitemaps/index.xml?date=<today>&unit=days
    # &period=1. The plain index already lists the daily sitemaps, so that URL is not
    # declared as a dated source as well.
    sources = (
        feed("https://newsfeed.zeit.de/news/index"),
        sitemap("https://www.zeit.de/gsitemaps/index.xml"),
    )
    # Articles sit under a month folder: /news/2026-03/14/<slug>, /politik/2026-03/<slug>,
    # or an issue of the weekly: /2026/11/<slug>.
    article_url_allow = (
        r"/\d{4}-\d{2}/(?:\d{2}/)?[\w-]+/?(?:[?#]|$)",
        r"/\d{4}/\d{2}/[\w-]+/?(?:[?#]|$)",
    )
    article_url_deny = (
        r"/zett/|/angebote/|/kaenguru-comics/|/administratives/|/index(?!.)|/elbvertiefung-[0-9]{2}-[0-9]{2}",
        r"/video/|/podcasts?/",
    )
    timezone = "Europe/Berlin"
    parser = ZeitDeParser
