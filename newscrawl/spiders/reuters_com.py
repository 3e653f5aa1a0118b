"""Reuters: where its articles are listed (declarations only).

Fundus marks Reuters deprecated since 2024-06 (its site blocks crawlers); the
parser still reads saved pages of both layouts.
"""

from __future__ import annotations

from newscrawl.extraction.sites.reuters_com import ReutersComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class ReutersComSpider(NewsSpider):
    name = "reuters_com"
    allowed_domains = ("reuters.com",)
    sources = (
        sitemap(
            "https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml"
        ),
        sitemap(
            "https://www.reuters.com/arc/outboundfeeds/sitemap-index/?outputType=xml"
        ),
    )
    # /<section>[/<subsection>]/<slug>-<yyyy-mm-dd>/
    article_url_allow = r"^https?://[^/]+/(?:[a-z-]+/)+[a-z0-9-]+-\d{4}-\d{2}-\d{2}/$"
    article_url_deny = r"/(?:video|pictures|graphics|podcasts)/"
    timezone = "UTC"
    parser = ReutersComParser
