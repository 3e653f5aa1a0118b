"""Österreichischer Rundfunk: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser, has_class


@register("orf_at")
class OrfAtParser(SiteParser):
    site_key = "orf_at"

    class V1(SiteParser):
        """Story pages: ``NewsArticle`` JSON-LD, ``p.story-lead-text``, ``div.story-story``."""

        # Link cards between paragraphs are <aside> elements: direct children only.
        _body_selector = etree.XPath(
            f"//div[{has_class('story-lead')}]/p[{has_class('story-lead-text')}]"
            f" | //div[{has_class('story-story')}]/*[self::p or self::h2]"
        )
        _summary_selector = etree.XPath(
            f"//div[{has_class('story-lead')}]/p[{has_class('story-lead-text')}]"
        )

        @field
        def headline(self) -> str | None:
            # The JSON-LD headline keeps the kicker the <h1> leaves out.
            return self.ld_text("headline") or self.doc.meta_first("og:title")

        @field
        def published(self) -> str | None:
            return self.date(self.ld_text("datePublished"))

        @field
        def authors(self) -> list[str]:
            return self.ld_authors()

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
