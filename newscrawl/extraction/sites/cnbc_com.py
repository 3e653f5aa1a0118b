"""CNBC: field readers for its article pages."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("cnbc_com")
class CnbcComParser(SiteParser):
    site_key = "cnbc_com"

    class V1(SiteParser):
        """Paragraphs in ``div.group`` blocks of ``div.ArticleBody-articleBody``."""

        # Pull quotes, videos and related boxes sit between the groups: only the
        # groups' own paragraphs and the subheads are article text.
        _body_selector = CSSSelector(
            "div.ArticleBody-articleBody > div.group > p,"
            " div.ArticleBody-articleBody > h2.ArticleBody-subtitle"
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
        def section(self) -> str | None:
            return self.ld_text("articleSection")

        @field
        def tags(self) -> list[str]:
            return [tag for tag in self.doc.meta.get("article:tag", []) if tag]

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
