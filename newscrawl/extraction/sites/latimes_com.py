"""Los Angeles Times: field readers for its article pages."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser


@register("latimes_com")
class LatimesComParser(SiteParser):
    site_key = "latimes_com"

    class V1(SiteParser):
        """Brightspot pages: a story body, or a "story stack" of titled sections."""

        # Captions and ads are ``div.enhancement`` siblings of the paragraphs; the body
        # div is marked by its data-element, on plain stories and on story stacks
        # (``story-body`` and ``story-stack-story-body``).
        _body_selector = CSSSelector(
            "div[data-element$='story-body'] > p,"
            " div[data-element$='story-body'] > h2.subhead,"
            " div.story-stack-story > h3.story-stack-story-title"
        )

        @field
        def headline(self) -> str | None:
            # <title> carries an SEO variant; og:title is the headline shown.
            return self.doc.meta_first("og:title") or self.ld_text("headline")

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
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
