"""Euronews (FR): where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.fr_euronews_com import FrEuronewsComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.euronews_com import EuronewsComSpider
from newscrawl.spiders.sources import sitemap


class FrEuronewsComSpider(NewsSpider):
    name = "fr_euronews_com"
    allowed_domains = ("fr.euronews.com",)
    sources = (
        sitemap("https://fr.euronews.com/sitemaps/fr/latest-news.xml"),
        sitemap("https://fr.euronews.com/sitemaps/fr/articles.xml"),
    )
    # Same CMS and URL shapes as the English edition.
    article_url_allow = EuronewsComSpider.article_url_allow
    article_url_deny = EuronewsComSpider.article_url_deny
    timezone = "Europe/Paris"
    parser = FrEuronewsComParser
