"""TechCrunch: field readers for its article pages."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import clean_authors

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("techcrunch_com")
class TechcrunchComParser(SiteParser):
    site_key = "techcrunch_com"

    class V1(SiteParser):
        """The classic theme: paragraphs and subheads in ``div.article-content``."""

        valid_until = date(2024, 5, 8)

        _body_selector = CSSSelector(
            "div.article-content > p, div.article-content > h2"
        )
        _site_suffix_pattern = re.compile(r"\s*\|\s*TechCrunch\s*$")

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return bool(cls._body_selector(doc.tree))

        @field
        def headline(self) -> str | None:
            # The JSON-LD headline is HTML-escaped twice; og:title keeps the typed text.
            title = self.doc.meta_first("og:title")
            if title:
                return self._site_suffix_pattern.sub("", title) or None
            return self.ld_text("headline")

        @field
        def published(self) -> str | None:
            return self.date(self.ld_text("datePublished"))

        @field
        def modified(self) -> str | None:
            return self.date(self.ld_text("dateModified"))

        @field
        def authors(self) -> list[str]:
            # The newer theme's JSON-LD author is only an @id reference.
            return self.ld_authors() or clean_authors(
                [name for name in self.doc.meta.get("author", []) if name]
            )

        @field
        def summary(self) -> str | None:
            texts = self.texts(self._summary_selector)
            return texts[0] if texts else None

        _summary_selector = CSSSelector("#speakable-summary")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

    class V1_1(V1):
        """The block theme (from May 2024): ``wp-block-paragraph`` and ``wp-block-heading``."""

        _body_selector = CSSSelector(
            "div.entry-content > p.wp-block-paragraph,"
            " div.entry-content > h2.wp-block-heading"
        )
