"""The Independent: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.independent_co_uk import IndependentCoUkParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class IndependentCoUkSpider(NewsSpider):
    name = "independent_co_uk"
    allowed_domains = ("independent.co.uk",)
    sources = (
        # A sitemap index; its sitemap-articles-* children list the stories.
        sitemap("https://www.independent.co.uk/sitemap.xml"),
        sitemap("https://www.independent.co.uk/sitemaps/googlenews"),
    )
    # Stories end in -b<id>.html; the /tv/ section's video pages do too.
    article_url_allow = (r"-b\d+\.html$",)
    article_url_deny = (r"/tv/",)
    timezone = "Europe/London"
    parser = IndependentCoUkParser
