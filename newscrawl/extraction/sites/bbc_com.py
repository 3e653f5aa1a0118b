"""The BBC: field readers for its article pages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("bbc_com")
class BbcComParser(SiteParser):
    site_key = "bbc_com"

    class V1(SiteParser):
        """Story blocks (``data-component``) hold their paragraphs directly; bold lead."""

        valid_until = date(2026, 2, 3)

        # A list item that is nothing but a link is a "read more" box, not story text.
        _body_selector = etree.XPath(
            "//article/div[@data-component='text-block']/p"
            " | //article/div[@data-component='text-block']/*[self::ul or self::ol]"
            "/li[normalize-space(.) != normalize-space(a)]"
            " | //article/div[@data-component='subheadline-block']/h2"
        )
        _summary_selector = etree.XPath(
            "(//article/div[@data-component='text-block'])[1]"
            "/p[1][normalize-space(.) = normalize-space(b)]"
        )
        _tags_selector = etree.XPath(
            "//article//div[@data-component='tags' or @data-component='tag-list-block']//a"
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
            return self.paragraphs(self._summary_selector)

        @field
        def tags(self) -> list[str]:
            return list(dict.fromkeys(self.texts(self._tags_selector)))

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

    class V2(V1):
        """Blocks wrap their paragraphs in layout divs; no bold lead paragraph."""

        _body_selector = etree.XPath(
            "//article/div[@data-component='text-block']//p"
            " | //article/div[@data-component='text-block']//*[self::ul or self::ol]"
            "/li[normalize-space(.) != normalize-space(a)]"
            " | //article/div[@data-component='subheadline-block']//h2"
        )

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return doc.tree.find(".//main[@id='bbc-main']") is not None

        @field
        def summary(self) -> str | None:
            return self.ld_text("description")
