"""Ukrainska Pravda: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.pravda_com_ua import PravdaComUaParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import sitemap


class PravdaComUaSpider(NewsSpider):
    name = "pravda_com_ua"
    allowed_domains = ("pravda.com.ua",)
    # The site checks TLS fingerprints (Fundus sends it through curl_cffi as Chrome);
    # plain Scrapy requests may be refused there.
    sources = (
        sitemap("https://www.pravda.com.ua/sitemap/sitemap-archive.xml"),
        sitemap("https://www.pravda.com.ua/sitemap/sitemap-news.xml"),
    )
    # /[rus/|eng/]<kind>/<YYYY>/<MM>/<DD>/<id>/ in the three language editions. Fundus's
    # host rule (keep pravda.com.ua, drop epravda.com.ua) is already allowed_domains'.
    article_url_allow = (
        r"/(?:(?:rus|eng)/)?(?:news|articles|columns|interview)/\d{4}/\d{2}/\d{2}/\d+/?$",
    )
    article_url_deny = ()
    timezone = "Europe/Kyiv"
    parser = PravdaComUaParser
