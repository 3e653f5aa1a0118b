"""The BBC: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.bbc_com import BbcComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class BbcComSpider(NewsSpider):
    name = "bbc_com"
    # The sitemaps live on bbc.co.uk and list story pages on both hosts.
    allowed_domains = ("bbc.co.uk", "bbc.com")
    sources = (
        sitemap("https://www.bbc.co.uk/sitemaps/https-index-uk-news.xml"),
        sitemap("https://www.bbc.co.uk/sitemaps/https-index-com-archive.xml"),
    )
    # Stories are /news/articles/<id> or /news/<topic>-<number>; live pages and
    # video clips (/av/, /videos/) have a layout of their own.
    article_url_allow = (
        r"/(?:news|sport)/(?:[a-z0-9-]+/)*(?:articles/[a-z0-9]+|(?:[a-z0-9-]+-)?\d{6,})$",
    )
    article_url_deny = (r"/(?:live|av|videos?)/",)
    timezone = "Europe/London"
    parser = BbcComParser
