"""Tagesschau: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.tagesschau_de import TagesschauDeParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed


class TagesschauDeSpider(NewsSpider):
    name = "tagesschau_de"
    allowed_domains = ("tagesschau.de",)
    sources = (feed("https://www.tagesschau.de/xml/rss2/"),)
    # Stories end in a numbered page name: /inland/innenpolitik/<slug>-100.html.
    article_url_allow = r"/[a-z0-9-]+/(?:[a-z0-9-]+/)*[a-z0-9-]+-\d+\.html(?:[?#]|$)"
    # Video and audio pages and the programme pages use the same naming.
    article_url_deny = (
        r"/multimedia/|/(?:video|audio|sendung)[a-z]*-\d+\.html(?:[?#]|$)"
    )
    timezone = "Europe/Berlin"
    parser = TagesschauDeParser
