"""Anadolu Ajansı: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.aa_com_tr import AaComTrParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed


class AaComTrSpider(NewsSpider):
    name = "aa_com_tr"
    allowed_domains = ("aa.com.tr",)
    sources = (feed("https://www.aa.com.tr/tr/rss/default?cat=guncel"),)
    # /<lang>/<section>/<slug>/<id>
    article_url_allow = (r"/[a-z]{2}/[a-z0-9-]+/[a-z0-9-]+/\d+/?$",)
    # Photo and video galleries, static pages and searches share that shape.
    article_url_deny = (r"/[a-z]{2}/(?:pgc|vgc|cvg|p|search)/", r"-galeri/")
    timezone = "Europe/Istanbul"
    parser = AaComTrParser
