"""CBC News: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.cbc_ca import CbcCaParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed


class CbcCaSpider(NewsSpider):
    name = "cbc_ca"
    allowed_domains = ("cbc.ca",)
    sources = (
        feed("https://www.cbc.ca/webfeed/rss/rss-topstories"),
        feed("https://www.cbc.ca/webfeed/rss/rss-world"),
        feed("https://www.cbc.ca/webfeed/rss/rss-canada"),
    )
    # Stories end in "-<n>.<content id>" (/news/world/<slug>-1.7286529); feed links
    # carry ?cmp=rss. Player pages (/player/play/video/9.6…) are video, not text.
    article_url_allow = (
        r"^https?://[^/]+/(?:[a-z0-9-]+/)+[a-z0-9-]+-\d\.\d{5,}(?:[?#]|$)",
    )
    article_url_deny = (r"^https?://[^/]+/(?:player|listen)/",)
    timezone = "America/Toronto"
    parser = CbcCaParser
