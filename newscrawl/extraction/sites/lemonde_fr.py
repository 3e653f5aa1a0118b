"""Le Monde: field readers for its article pages."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import clean_authors


@register("lemonde_fr")
class LemondeFrParser(SiteParser):
    site_key = "lemonde_fr"

    class V1(SiteParser):
        """Teaser in ``p.article__desc``, text and subheads in ``article.article__content``."""

        _body_selector = CSSSelector(
            "header.article__header p.article__desc,"
            " article.article__content > p.article__paragraph,"
            " article.article__content > h2.article__sub-title"
        )

        _related_selector = CSSSelector("section.catcher a.js-article-read-also[href]")

        @field
        def headline(self) -> str | None:
            return self.ld_text("headline") or self.doc.meta_first("og:title")

        @field
        def published(self) -> str | None:
            return self.date(
                self.doc.meta_first("og:article:published_time")
                or self.ld_text("datePublished")
            )

        @field
        def modified(self) -> str | None:
            return self.date(
                self.doc.meta_first("og:article:modified_time")
                or self.ld_text("dateModified")
            )

        @field
        def authors(self) -> list[str]:
            # The byline Le Monde declares for the page ("Le Monde", "Le Monde avec AFP"),
            # not the JSON-LD Person, which names only the reporter.
            byline = self.doc.meta.get("og:article:author", [])
            return clean_authors(byline) or self.ld_authors()

        @field
        def section(self) -> str | None:
            return self.doc.meta_first("og:article:section")

        @field
        def summary(self) -> str | None:
            return self.ld_text("description")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_selector)
