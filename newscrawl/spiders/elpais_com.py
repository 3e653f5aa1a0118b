"""El País: where its articles are listed (declarations only)."""

from __future__ import annotations

from datetime import date

from newscrawl.extraction.sites.elpais_com import ElpaisComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.datedsources import dated_sitemap
from newscrawl.spiders.sources import feed, listing


class ElpaisComSpider(NewsSpider):
    name = "elpais_com"
    allowed_domains = (
        "elpais.com",
        "feeds.elpais.com",
    )
    # The latest news come from the feed and the "latest news" page; the archive is one
    # sitemap per month back to May 1976, read back to the crawl's ``since``.
    sources = (
        feed("https://feeds.elpais.com/mrss-s/pages/ep/site/elpais.com/portada"),
        listing("https://elpais.com/ultimas-noticias/"),
        dated_sitemap(
            "https://elpais.com/sitemaps/{YYYY}/{MM}/sitemap_0.xml",
            every="month",
            first=date(1976, 5, 1),
        ),
    )
    # /<section>[/<subsection>]/<YYYY-MM-DD>/<slug>.html
    article_url_allow = (r"/\d{4}-\d{2}-\d{2}/[a-z0-9-]+\.html$",)
    # Live blogs and the shopping-guide section are not articles of the paper.
    article_url_deny = (r"-en-directo\.html$", r"/escaparate/")
    timezone = "Europe/Madrid"
    parser = ElpaisComParser
