"""Le Monde: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.lemonde_fr import LemondeFrParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class LemondeFrSpider(NewsSpider):
    name = "lemonde_fr"
    allowed_domains = ("lemonde.fr",)
    sources = (
        sitemap("https://www.lemonde.fr/sitemap_index.xml"),
        sitemap("https://www.lemonde.fr/sitemap_news.xml"),
    )
    # /<section>/article/2023/08/30/<slug>_<id>_<section id>.html; live blogs use /live/.
    article_url_allow = (r"/article/\d{4}/\d{2}/\d{2}/[\w-]+_\d+_\d+\.html(?:$|[?#])",)
    article_url_deny = ()
    timezone = "Europe/Paris"
    parser = LemondeFrParser
