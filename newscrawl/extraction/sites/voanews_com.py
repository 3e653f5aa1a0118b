"""Voice Of America: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import normalize_whitespace


@register("voanews_com")
class VoanewsComParser(SiteParser):
    site_key = "voanews_com"

    class V1(SiteParser):
        # The dateline is a <span> before the first paragraph and embeds sit in
        # div.wsw__embed: only the text container's own paragraphs and headings count.
        _body_selector = etree.XPath(
            "//div[@id='article-content']/div[contains(concat(' ', @class, ' '), ' wsw ')]"
            "/*[self::p or self::h2 or self::h3 or self::h4]"
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
            return self.ld_text("description")

        @field
        def section(self) -> str | None:
            return self.ld_text("articleSection")

        @field
        def tags(self) -> list[str]:
            raw = self.ld_text("keywords") or ""
            return [
                tag for part in raw.split(",") if (tag := normalize_whitespace(part))
            ]

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
