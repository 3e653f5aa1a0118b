"""Asahi Shimbun: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("asahi_com")
class AsahiComParser(SiteParser):
    site_key = "asahi_com"

    class V1(SiteParser):
        # The page's class names are hashed build outputs that change with every
        # deploy, so the body is found by shape: the first block of <main> that holds
        # paragraphs directly (ads, share bars and the paywall box nest theirs deeper).
        _body_selector = etree.XPath("(//main//div[p])[1]/p")

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
            # The JSON-LD author is the newsroom (朝日新聞デジタル); reporters are
            # listed as ``creator`` and the byline keeps the organisation.
            return self.ld_authors()

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
