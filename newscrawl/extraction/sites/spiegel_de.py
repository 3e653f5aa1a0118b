"""Spiegel Online: field readers for its article pages."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("spiegel_de")
class SpiegelDeParser(SiteParser):
    site_key = "spiegel_de"

    class V1(SiteParser):
        """Text blocks marked ``data-area="text"`` inside ``data-area="body"``."""

        _body_selector = CSSSelector(
            "header[data-area='intro'] div.RichText,"
            " div[data-area='body'] div[data-area='text'] div.RichText > p,"
            " div[data-area='body'] div[data-area='text'] div.RichText > h3"
        )

        _related_selector = CSSSelector("div[data-area='related_articles'] li a[href]")

        @field
        def headline(self) -> str | None:
            # og:title is the topic-prefixed title the site shows in lists; the JSON-LD
            # headline joins the kicker and the <h1> instead.
            return self.doc.meta_first("og:title", "twitter:title") or self.ld_text(
                "headline"
            )

        @field
        def published(self) -> str | None:
            return self.date(
                self.ld_text("datePublished") or self.doc.meta_first("date")
            )

        @field
        def modified(self) -> str | None:
            return self.date(self.ld_text("dateModified"))

        @field
        def authors(self) -> list[str]:
            return self.ld_authors()

        @field
        def summary(self) -> str | None:
            return self.doc.meta_first("description", "og:description")

        @field
        def tags(self) -> list[str]:
            keywords = self.doc.meta_first("news_keywords") or ""
            return [tag.strip() for tag in keywords.split(",") if tag.strip()]

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_selector)
