"""El País: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("elpais_com")
class ElpaisComParser(SiteParser):
    site_key = "elpais_com"

    class V1(SiteParser):
        # The standfirst (h2.a_st in the header), then the direct text children of the
        # body region: figures, galleries and boxes are nested deeper and stay out.
        _summary_selector = etree.XPath(
            "//article//header//*[contains(concat(' ', normalize-space(@class), ' '),"
            " ' a_st ')]"
        )
        _body_selector = etree.XPath(
            "//article//header//*[contains(concat(' ', normalize-space(@class), ' '),"
            " ' a_st ')]"
            " | //div[@data-dtm-region='articulo_cuerpo']/*[self::p or self::h2 or self::h3]"
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
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def section(self) -> str | None:
            return self.ld_text("articleSection")

        @field
        def tags(self) -> list[str]:
            return self.ld_texts("keywords")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
