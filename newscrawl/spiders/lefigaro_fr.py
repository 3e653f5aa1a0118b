"""Le Figaro: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.lefigaro_fr import LefigaroFrParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class LefigaroFrSpider(NewsSpider):
    name = "lefigaro_fr"
    allowed_domains = (
        "lefigaro.fr",
        "sitemaps.lefigaro.fr",
    )
    sources = (
        feed("https://www.lefigaro.fr/rss/figaro_actualites.xml"),
        feed("https://www.lefigaro.fr/rss/figaro_flash-actu.xml"),
        sitemap("https://sitemaps.lefigaro.fr/lefigaro.fr/articles.xml"),
        sitemap("https://www.lefigaro.fr/sitemap_news.xml"),
    )
    # /<section>/<slug>-20241122; older pages: /<section>/2015/01/02/01016-20150102ARTFIG00012-<slug>.php.
    article_url_allow = (
        r"/[\w-]+-20\d{6}/?(?:$|[?#])",
        r"/\d{4}/\d{2}/\d{2}/\d+-\d{8}ARTFIG\d+-[\w-]+\.php(?:$|[?#])",
    )
    article_url_deny = ()
    timezone = "Europe/Paris"
    parser = LefigaroFrParser
