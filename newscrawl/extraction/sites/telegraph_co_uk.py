"""The Telegraph: field readers for its article pages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.structured import article_nodes
from newscrawl.extraction.text import clean_authors

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("telegraph_co_uk")
class TelegraphCoUkParser(SiteParser):
    site_key = "telegraph_co_uk"

    class V1(SiteParser):
        """Microdata pages: the JSON-LD node has no dates or authors."""

        valid_until: ClassVar[date | None] = date(2024, 9, 9)

        # The standfirst, then each body block's paragraphs and headings; lists
        # (product round-ups, "read more" boxes), figures and embeds stay out.
        _body_selector = etree.XPath(
            "//p[contains(@class, 'e-standfirst')]"
            " | //div[contains(@class, 'articleBodyText')]/div/*[self::p or self::h2 or self::h3]"
        )
        _summary_selector = etree.XPath("//p[contains(@class, 'e-standfirst')]")
        _published_selector = etree.XPath(
            "//time[contains(@class, 'e-published-date')]/@datetime"
        )
        # The article's own byline, not the bylines of the story cards around it.
        _authors_selector = etree.XPath(
            "//div[contains(@class, 'tpl-article__byline-date')]"
            "//span[contains(@class, 'e-byline__author')]"
        )

        # The "More from <section>" story list under the article.
        _related_links_selector = etree.XPath(
            "//section[contains(@class, 'article-list')]"
            "//a[contains(@class, 'list-headline__link')][@href]"
        )
        _headline_text_selector = etree.XPath(
            ".//text()[not(ancestor::*[contains(@class, 'label-')])]"
        )

        @field
        def headline(self) -> str | None:
            # The JSON-LD headline is the SEO title; og:title is the one shown in <h1>.
            return self.doc.meta_first("og:title", "twitter:title") or self.ld_text(
                "headline"
            )

        @field
        def published(self) -> str | None:
            found = self._published_selector(self.doc.tree)
            return self.date(str(found[0])) if found else None

        @field
        def authors(self) -> list[str]:
            return clean_authors(self.texts(self._authors_selector)) or clean_authors(
                self.doc.meta.get("DCSext.author", [])
            )

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def tags(self) -> list[str]:
            raw = self.doc.meta_first("keywords") or ""
            return [
                tag
                for tag in (" ".join(value.split()) for value in raw.split(","))
                if tag
            ]

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(
                self._related_links_selector, self._headline_text_selector
            )

    class V1_1(V1):
        """The JSON-LD node carries the dates and the authors."""

        valid_until = None

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return any(node.get("datePublished") for node in article_nodes(doc))

        @field
        def published(self) -> str | None:
            return self.date(self.ld_text("datePublished")) or super().published()

        @field
        def modified(self) -> str | None:
            return self.date(self.ld_text("dateModified"))

        @field
        def authors(self) -> list[str]:
            return self.ld_authors() or super().authors()
