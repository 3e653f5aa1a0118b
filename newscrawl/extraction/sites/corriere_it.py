"""Corriere della Sera: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("corriere_it")
class CorriereItParser(SiteParser):
    site_key = "corriere_it"

    class V1(SiteParser):
        # The JSON-LD headline is the article's own title; og:title is a shorter
        # social variant, so structured data goes first here on purpose.
        _summary_selector = etree.XPath(
            "//div[@id='content-to-read']//p[contains(@class, 'summary-art')]"
        )
        _body_selector = etree.XPath(
            "//div[@id='content-to-read']//p[contains(@class, 'summary-art')]"
            " | //div[@id='content-to-read']//p[contains(@class, 'chapter-paragraph')]"
            " | //div[@id='content-to-read']//h2[contains(@class, 'title-art')]"
        )
        _authors_selector = etree.XPath(
            "//div[@id='content-to-read']//*[contains(@class, 'author-art')]"
            "//*[@class='writer']"
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
            return self.ld_authors() or self.texts(self._authors_selector)

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def section(self) -> str | None:
            return self.ld_text("articleSection")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
