"""Associated Press News: field readers for its article pages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("apnews_com")
class ApnewsComParser(SiteParser):
    site_key = "apnews_com"

    class V1(SiteParser):
        """The React layout (until mid-2023): paragraphs straight under ``div.Article``."""

        valid_until = date(2023, 7, 10)

        _body_selector = CSSSelector("div.Article > p")

        @field
        def headline(self) -> str | None:
            # The JSON-LD headline is the edited one; <h1> and og:title can lag behind it.
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
            return self.doc.meta_first("article:section")

        @field
        def tags(self) -> list[str]:
            return [tag for tag in self.doc.meta.get("article:tag", []) if tag]

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

    class V1_1(V1):
        """The Brightspot layout: paragraphs and subheads in ``div.RichTextStoryBody``."""

        _body_selector = CSSSelector(
            "div.RichTextStoryBody > p, div.RichTextStoryBody > h2"
        )

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return bool(cls._body_selector(doc.tree))

        @field
        def body(self) -> str | None:
            parts: list[str] = []
            for element in self._body_selector(self.doc.tree):
                text = normalize_whitespace(element.text_content())
                # A rule of underscores opens the reporting credits, not article text.
                if text and not text.strip("_"):
                    break
                if text:
                    parts.append(text)
            return "\n\n".join(parts) or None
