"""Politico Europe: field readers for its article pages."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("politico_eu")
class PoliticoEuParser(SiteParser):
    site_key = "politico_eu"

    class V1(SiteParser):
        """The WordPress layout: teaser in the hero, text in ``div.article__content``."""

        # Direct children only: embeds, pull quotes and newsletter boxes are nested blocks.
        _body_selector = CSSSelector(
            "header.article__header p.hero__excerpt,"
            " div.article__content > p,"
            " div.article__content > h2.wp-block-heading,"
            " div.article__content > h3.wp-block-heading"
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
            return self.doc.meta_first("section")

        @field
        def tags(self) -> list[str]:
            keywords = self.doc.meta_first("keywords") or ""
            return [tag.strip() for tag in keywords.split(",") if tag.strip()]

        @field
        def summary(self) -> str | None:
            return self.doc.meta_first("description", "og:description")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
