"""The Guardian: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import normalize_whitespace


@register("theguardian_com")
class TheguardianComParser(SiteParser):
    site_key = "theguardian_com"

    class V1(SiteParser):
        _summary_selector = etree.XPath("//div[@data-gu-name='standfirst']//p")
        # Only the body container's own children: sign-in gates, embeds and rich
        # links are nested <gu-island> or <figure> elements, not direct paragraphs.
        _body_selector = etree.XPath(
            "//div[@data-gu-name='standfirst']//p"
            " | //div[@id='maincontent']/div[contains(@class, 'article-body-commercial-selector')]"
            "/*[self::p or self::h2 or self::h3]"
            " | //div[@id='maincontent']/div[contains(@class, 'article-body-commercial-selector')]"
            "/*[self::ul or self::ol]/li"
        )

        @field
        def headline(self) -> str | None:
            return self.ld_text("headline") or self.doc.meta_first("og:title")

        @field
        def published(self) -> str | None:
            return self.date(
                self.ld_text("datePublished")
                or self.doc.meta_first("article:published_time")
            )

        @field
        def modified(self) -> str | None:
            return self.date(self.doc.meta_first("article:modified_time"))

        @field
        def authors(self) -> list[str]:
            return self.ld_authors()

        @field
        def summary(self) -> str | None:
            return self.paragraphs(self._summary_selector)

        @field
        def section(self) -> str | None:
            return self.doc.meta_first("article:section")

        @field
        def tags(self) -> list[str]:
            raw = self.doc.meta_first("article:tag") or ""
            return [
                tag for part in raw.split(",") if (tag := normalize_whitespace(part))
            ]

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
