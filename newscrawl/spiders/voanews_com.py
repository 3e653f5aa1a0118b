"""Voice Of America: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.voanews_com import VoanewsComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class VoanewsComSpider(NewsSpider):
    name = "voanews_com"
    allowed_domains = ("voanews.com",)
    # A sitemap index of monthly sitemap_<date>.xml.gz files.
    sources = (sitemap("https://www.voanews.com/sitemap.xml"),)
    # Stories are /a/<slug>/<id>.html; videos, episodes and sections use other paths.
    article_url_allow = (r"/a/[a-z0-9-]+/\d+\.html$",)
    article_url_deny = ()
    timezone = "America/New_York"
    parser = VoanewsComParser
