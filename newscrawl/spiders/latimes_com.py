"""Los Angeles Times: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.latimes_com import LatimesComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class LatimesComSpider(NewsSpider):
    name = "latimes_com"
    allowed_domains = ("latimes.com",)
    sources = (
        sitemap("https://www.latimes.com/news-sitemap.xml"),
        sitemap("https://www.latimes.com/sitemap.xml"),
    )
    # /<section>/story/yyyy-mm-dd/<slug>; galleries and videos use other words.
    article_url_allow = r"/story/\d{4}-\d{2}-\d{2}/[a-z0-9-]+$"
    article_url_deny = r"/(?:video|videos|photography)/"
    timezone = "America/Los_Angeles"
    parser = LatimesComParser
