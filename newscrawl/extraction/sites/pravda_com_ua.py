"""Ukrainska Pravda: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("pravda_com_ua")
class PravdaComUaParser(SiteParser):
    site_key = "pravda_com_ua"

    class V1(SiteParser):
        _body_selector = etree.XPath(
            "//article//div[contains(@class, 'post_article_text')]"
            "/*[self::p or self::h2 or self::h3 or self::blockquote]"
        )
        _authors_selector = etree.XPath(
            "//article//*[contains(@class, 'post_article_author')]"
            "//*[contains(@class, 'post_author_name')]"
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
        def section(self) -> str | None:
            return self.ld_text("articleSection")

        @field
        def tags(self) -> list[str]:
            return self.ld_texts("keywords")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
