"""Reuters: field readers for its article pages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("reuters_com")
class ReutersComParser(SiteParser):
    site_key = "reuters_com"

    class V1(SiteParser):
        """Paragraphs as ``<p data-testid="paragraph-N">`` in the article body."""

        valid_until = date(2024, 1, 1)

        _body_selector = etree.XPath(
            "//div[contains(@class, 'article-body__content')]"
            "/*[starts-with(@data-testid, 'paragraph-') or @data-testid = 'Heading']"
        )
        # Links carry a visually hidden ", opens new tab" for screen readers.
        _visible_text = etree.XPath(
            ".//text()[not(ancestor::span[contains(@style, 'clip')])]"
        )

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return bool(cls._body_selector(doc.tree))

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
            return self.ld_text("articleSection") or self.doc.meta_first(
                "article:section"
            )

        @field
        def body(self) -> str | None:
            parts = (
                normalize_whitespace("".join(self._visible_text(element)))
                for element in self._body_selector(self.doc.tree)
            )
            return "\n\n".join(part for part in parts if part) or None

    class V1_1(V1):
        """The 2024 redesign: paragraphs became ``<div>``s with a paragraph class."""

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return any(
                element.tag == "div"
                for element in cls._body_selector(doc.tree)
                if element.get("data-testid", "").startswith("paragraph-")
            )
