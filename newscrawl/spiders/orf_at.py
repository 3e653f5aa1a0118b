"""Österreichischer Rundfunk: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.orf_at import OrfAtParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed


class OrfAtSpider(NewsSpider):
    name = "orf_at"
    allowed_domains = (
        "orf.at",
        "rss.orf.at",
    )
    sources = (feed("https://rss.orf.at/news.xml"),)
    # Stories are /stories/<id>/; video (on.orf.at) and other pages have other paths.
    article_url_allow = r"/stories/\d+/?(?:[?#]|$)"
    timezone = "Europe/Vienna"
    parser = OrfAtParser
