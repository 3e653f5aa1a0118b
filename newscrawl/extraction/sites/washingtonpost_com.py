"""Washington Post: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("washingtonpost_com")
class WashingtonpostComParser(SiteParser):
    site_key = "washingtonpost_com"

    class V1(SiteParser):
        _summary_selector = etree.XPath("//h2[@data-qa='subheadline']")
        # Every block of the story is its own div[data-qa=article-body]; ads, images and
        # interstitials are divs inside such blocks, text is a direct <p>, <h3> or list.
        _body_selector = etree.XPath(
            "//h2[@data-qa='subheadline']"
            " | //div[@data-qa='article-body']/*[self::p or self::h2 or self::h3]"
            " | //div[@data-qa='article-body']/*[self::ul or self::ol]/li"
        )

        @field
        def headline(self) -> str | None:
            return self.ld_text("headline")

        @field
        def published(self) -> str | None:
            return self.date(self.ld_text("datePublished"))

        @field
        def modified(self) -> str | None:
            return self.date(self.ld_text("dateModified"))

        @field
        def authors(self) -> list[str]:
            return self.ld_authors()

        @field
        def summary(self) -> str | None:
            texts = self.texts(self._summary_selector)
            return texts[0] if texts else None

        @field
        def section(self) -> str | None:
            return self.doc.meta_first("article:section")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
