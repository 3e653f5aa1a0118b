"""What a news spider declares, and which URLs those declarations put in scope.

The lowest layer of ``NewsSpider`` (see ``base.py``): the class attributes a site
spider sets, the spider arguments, and the URL questions every callback asks (is it
on the site, is it an article, is it a listing, where is it on ``base_url``). The
answers come from the pure rules in ``hosts.py`` and ``urlrules.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from scrapy_spider_metadata import Args  # type: ignore[attr-defined]

from newscrawl.params import NewsSpiderParams
from newscrawl.spiders import hosts
from newscrawl.spiders.incremental import IncrementalCrawl
from newscrawl.spiders.urlrules import ArticleRules

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newscrawl.extraction import ArticleParser
    from newscrawl.spiders.datedsources import DatedSource
    from newscrawl.spiders.sources import Source


class DeclaredSpider(Args[NewsSpiderParams], IncrementalCrawl):
    """A site's declarations and the URL scope they define; subclasses declare."""

    allowed_domains: Sequence[str] = ()
    sources: ClassVar[Sequence[Source | DatedSource]] = ()
    article_url_allow: ClassVar[str | tuple[str, ...]] = ()
    article_url_deny: ClassVar[str | tuple[str, ...]] = ()
    next_page_xpath: ClassVar[str | None] = None
    next_page_css: ClassVar[str | None] = None
    timezone: ClassVar[str] = "UTC"
    parser: ClassVar[type[ArticleParser] | None] = None
    follow_listings: ClassVar[bool] = True
    # Read the feeds a listing page names in its head (site spiders declare theirs).
    discover_feeds: ClassVar[bool] = False
    # Try /sitemap.xml when a robots.txt read names no sitemap (generic spider).
    guess_sitemap: ClassVar[bool] = False
    # Follow a robots.txt Sitemap line on another host, as sitemaps.org allows (generic
    # spider; site spiders declare their sitemaps and domains).
    cross_host_sitemaps: ClassVar[bool] = False
    max_listing_depth: ClassVar[int] = 2
    max_listing_pages: ClassVar[int] = 10

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:
            self.tz = ZoneInfo(self.timezone)
        except (KeyError, ValueError) as error:
            raise ValueError(f"{type(self).__name__}.timezone: {error}") from error
        self._rules = ArticleRules.compile(
            self.article_url_allow, self.article_url_deny
        )
        self._base = hosts.origin(getattr(self.args, "base_url", ""))
        # Instance copy: a base_url override adds its host without touching the class.
        self.allowed_domains = [*type(self).allowed_domains]
        if self._base:
            self.allowed_domains.append(urlsplit(self._base).hostname or "")

    @property
    def site(self) -> str | None:
        """Site key written into items; ``None`` keeps the extractor's value."""
        return self.name

    def rebase(self, url: str) -> str:
        """Point ``url`` at ``base_url`` when it is on one of the declared domains."""
        return hosts.rebase(url, self._base, type(self).allowed_domains)

    def is_allowed_url(self, url: str) -> bool:
        """Whether ``url`` belongs to the site: its declared domains or the base URL's host."""
        return hosts.in_scope(url, self._base, self.allowed_domains)

    def known_hosts(self) -> Sequence[str]:
        """Name the hosts :meth:`is_allowed_url` lets through: the base URL's, else the domains.

        The declared ones: the generic spider declares none, as its start URLs may
        redirect to a host first met during the run.
        """
        if self._base:
            return (urlsplit(self._base).netloc,)
        return tuple(type(self).allowed_domains)

    def is_article_url(self, url: str, *, listed: bool = False) -> bool:
        """Whether ``url`` is worth fetching as an article.

        ``listed`` is true for feed and sitemap entries: the site itself lists them
        as content, so without a site rule only clearly non-article URLs are dropped.
        """
        return self._rules.is_article(url, listed=listed)

    def is_listing_url(self, url: str) -> bool:
        """Whether a link on a listing page leads to another listing worth reading."""
        return self._rules.is_listing(url)
