"""El País: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.elpais_com import ElpaisComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, listing


class ElpaisComSpider(NewsSpider):
    name = "elpais_com"
    allowed_domains = (
        "elpais.com",
        "feeds.elpais.com",
    )
    # Fundus also walks one generated sitemap per month
    # (/sitemaps/<YYYY>/<MM>/sitemap_0.xml, back to 1976); a fixed declaration cannot
    # follow the month, so the site's own "latest news" page stands in for it.
    sources = (
        feed("https://feeds.elpais.com/mrss-s/pages/ep/site/elpais.com/portada"),
        listing("https://elpais.com/ultimas-noticias/"),
    )
    # /<section>[/<subsection>]/<YYYY-MM-DD>/<slug>.html
    article_url_allow = (r"/\d{4}-\d{2}-\d{2}/[a-z0-9-]+\.html$",)
    # Live blogs and the shopping-guide section are not articles of the paper.
    article_url_deny = (r"-en-directo\.html$", r"/escaparate/")
    timezone = "Europe/Madrid"
    parser = ElpaisComParser
