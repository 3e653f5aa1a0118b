"""Die Zeit: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser, has_class


@register("zeit_de")
class ZeitDeParser(SiteParser):
    site_key = "zeit_de"

    class V1(SiteParser):
        """``zeit.web`` pages: an ``Article`` JSON-LD node, ``p.paragraph`` body items."""

        # The teaser (empty on agency news, so not a field of its own: it would look
        # like breakage), then the paragraphs and subheadings of every article page; topic
        # boxes and consent notices inside the body are not ``article__item`` paragraphs.
        _body_selector = etree.XPath(
            f"//header//div[{has_class('summary')}]"
            f" | //div[{has_class('article-body')}]//*[{has_class('article__item')}]"
            f"[self::p[{has_class('paragraph')}] or self::h2[{has_class('article__subheading')}]]"
        )

        @field
        def headline(self) -> str | None:
            return self.ld_text("headline") or self.doc.meta_first("og:title")

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
        def tags(self) -> list[str]:
            raw = self.ld_text("keywords") or ""
            return [tag for tag in (part.strip() for part in raw.split(",")) if tag]

        @field
        def body(self) -> str | None:
            # Agency copy ends with a "© dpa-infocom, …" credit line styled as a paragraph.
            found = [
                text
                for text in self.texts(self._body_selector)
                if not text.startswith("©")
            ]
            return "\n\n".join(found) or None
