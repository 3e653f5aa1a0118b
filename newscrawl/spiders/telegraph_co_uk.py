"""The Telegraph: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.telegraph_co_uk import TelegraphCoUkParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class TelegraphCoUkSpider(NewsSpider):
    name = "telegraph_co_uk"
    allowed_domains = ("telegraph.co.uk",)
    sources = (
        sitemap("https://www.telegraph.co.uk/custom/daily-news/sitemap.xml"),
        sitemap("https://www.telegraph.co.uk/sitemap.xml"),
    )
    # News are dated (/politics/2024/09/16/<slug>/); reviews live under
    # /recommended/<topic>/<slug>/, whose two-level hub pages are not articles.
    article_url_allow = (
        r"^https?://[^/]+/(?:[a-z0-9-]+/)+\d{4}/\d{2}/\d{2}/[^/?#]+/?$",
        r"^https?://[^/]+/recommended/[a-z0-9-]+/[^/?#]+/?$",
    )
    article_url_deny = (r"^https?://[^/]+/(?:tv|puzzles)/",)
    timezone = "Europe/London"
    parser = TelegraphCoUkParser
