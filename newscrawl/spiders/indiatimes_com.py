"""Times Of India: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.indiatimes_com import IndiatimesComParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class IndiatimesComSpider(NewsSpider):
    name = "indiatimes_com"
    allowed_domains = ("timesofindia.indiatimes.com",)
    sources = (
        sitemap("https://timesofindia.indiatimes.com/sitemap/today"),
        sitemap("https://timesofindia.indiatimes.com/sitemap/yesterday"),
        feed("https://timesofindia.indiatimes.com/rssfeedstopstories.cms"),
        feed("https://timesofindia.indiatimes.com/rssfeedmostrecent.cms"),
    )
    # Text stories are .../articleshow/<id>.cms; videoshow, photostory and liveblog
    # pages use other path words.
    article_url_allow = (r"/articleshow/\d+\.cms(?:[?#]|$)",)
    article_url_deny = ()
    timezone = "Asia/Kolkata"
    parser = IndiatimesComParser
