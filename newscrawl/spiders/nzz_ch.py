"""Neue Zürcher Zeitung (NZZ): where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.nzz_ch import NzzChParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class NzzChSpider(NewsSpider):
    name = "nzz_ch"
    allowed_domains = ("nzz.ch",)
    # The index also lists non-article sitemaps; Fundus keeps only the monthly ones
    # (sitemap/<yyyy>/<mm>). Their entries still pass the article rules below.
    sources = (
        sitemap("https://www.nzz.ch/sitemap/news0.xml"),
        sitemap("https://www.nzz.ch/sitemap.xml"),
    )
    # Every document ends in its id: /<section>/<slug>-ld.<id>.
    article_url_allow = r"-ld\.\d+(?:[?#]|$)"
    article_url_deny = r"/(?:video|podcast|audio)/"
    timezone = "Europe/Zurich"
    parser = NzzChParser
