"""Deutsche Welle: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.dw_com import DwComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class DwComSpider(NewsSpider):
    name = "dw_com"
    allowed_domains = (
        "dw.com",
        "rss.dw.com",
    )
    sources = (
        feed("https://rss.dw.com/xml/rss-de-all"),
        feed("https://rss.dw.com/xml/rss-en-all"),
        sitemap("https://www.dw.com/de/article-sitemap.xml"),
        sitemap("https://www.dw.com/de/news-sitemap.xml"),
        sitemap("https://www.dw.com/en/article-sitemap.xml"),
        sitemap("https://www.dw.com/en/news-sitemap.xml"),
    )
    # Articles are /<language>/<slug>/a-<id>; videos (video-<id>), audio (audio-<id>),
    # galleries (g-<id>), live tickers (live-<id>) and topic pages (t-<id>) are not.
    article_url_allow = r"/[a-z]{2}(?:-[a-z]{2})?/[^/]+/a-\d+(?:[?#]|$)"
    timezone = "Europe/Berlin"
    parser = DwComParser
