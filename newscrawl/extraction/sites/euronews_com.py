"""Euronews (EN): field readers for its article pages.

The French edition (``fr_euronews_com``) runs on the same CMS; its parser versions subclass these.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser, has_class
from newscrawl.extraction.text import clean_authors

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


@register("euronews_com")
class EuronewsComParser(SiteParser):
    site_key = "euronews_com"

    class V1(SiteParser):
        """Pages with a ``NewsArticle`` JSON-LD node and the teaser as ``p.c-article-summary``."""

        valid_until: ClassVar[date | None] = date(2025, 11, 24)

        # The teaser, then the article's own paragraphs and section headings; widgets
        # (images, related stories, quotes, embeds) are divs and stay out.
        _body_selector = etree.XPath(
            f"//p[{has_class('c-article-summary')}]"
            f" | //h2[{has_class('c-article-summary')}]"
            f" | (//div[{has_class('c-article-content')}])[1]/*[self::p or self::h2]"
        )
        _summary_selector = etree.XPath(
            f"//p[{has_class('c-article-summary')}]"
            f" | //h2[{has_class('c-article-summary')}]"
        )
        # Related stories inside the text and the "you might also like" box under it.
        _related_links_selector = etree.XPath(
            f"//div[{has_class('widget--type-related')}]//a[@href]"
            f" | //a[{has_class('c-article-you-might-also-like__link')}][@href]"
        )

        @field
        def headline(self) -> str | None:
            # og:title is the editors' short title; the <h1> and JSON-LD carry the long one.
            return self.doc.meta_first("og:title", "twitter:title") or self.ld_text(
                "headline"
            )

        @field
        def published(self) -> str | None:
            return self.date(
                self.ld_text("datePublished")
                or self.doc.meta_first("article:published_time", "date.available")
            )

        @field
        def modified(self) -> str | None:
            return self.date(
                self.ld_text("dateModified")
                or self.doc.meta_first("article:modified_time", "date.modified")
            )

        @field
        def authors(self) -> list[str]:
            return self.ld_authors() or clean_authors(
                self.doc.meta.get("article:author", [])
            )

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def tags(self) -> list[str]:
            raw = self.doc.meta.get("article:tag") or (
                self.doc.meta_first("news_keywords", "keywords") or ""
            ).split(",")
            return [tag for tag in (" ".join(value.split()) for value in raw) if tag]

        @field
        def section(self) -> str | None:
            # The breadcrumb's last linked level ("World"), not the CMS code of the meta tag.
            for node in self.doc.jsonld:
                items = node.get("itemListElement")
                if node.get("@type") != "BreadcrumbList" or not isinstance(items, list):
                    continue
                names = [
                    item["name"]
                    for item in items
                    if isinstance(item, dict)
                    and item.get("item")
                    and isinstance(item.get("name"), str)
                ]
                return html.unescape(names[-1]) if len(names) > 1 else None
            return None

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_links_selector)

    class V1_1(V1):
        """Redesign: no article JSON-LD; dates and author only in ``article:*`` meta tags."""

        valid_until = None

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return doc.meta_first("article:published_time") is not None

        @field
        def published(self) -> str | None:
            return self.date(
                self.doc.meta_first("article:published_time", "date.available")
            )

        @field
        def authors(self) -> list[str]:
            return (
                clean_authors(self.doc.meta.get("article:author", []))
                or self.ld_authors()
            )
