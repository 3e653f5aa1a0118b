"""The Independent: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import clean_authors, normalize_whitespace


@register("independent_co_uk")
class IndependentCoUkParser(SiteParser):
    site_key = "independent_co_uk"

    class V1(SiteParser):
        # Newsletter boxes, ads and related-story cards are divs inside div#main;
        # the story is its direct paragraphs, headings and lists. An all-italic
        # paragraph is an editor's note ("more to follow"), not story text.
        _body_selector = etree.XPath(
            "//div[@id='main']/p[normalize-space(.) != normalize-space(em)]"
            " | //div[@id='main']/*[self::h2 or self::h3]"
            " | //div[@id='main']/*[self::ul or self::ol]/li"
        )

        @field
        def headline(self) -> str | None:
            # og:title is a shorter social title; the JSON-LD headline is the page's own.
            return self.ld_text("headline")

        @field
        def published(self) -> str | None:
            return self.date(
                self.ld_text("datePublished")
                or self.doc.meta_first("article:published_time")
            )

        @field
        def modified(self) -> str | None:
            return self.date(
                self.ld_text("dateModified")
                or self.doc.meta_first("article:modified_time")
            )

        @field
        def authors(self) -> list[str]:
            authors = self.ld_authors()
            if authors:
                return authors
            name = self.doc.meta_first("article:author_name")
            return clean_authors([name]) if name else []

        @field
        def summary(self) -> str | None:
            return self.ld_text("description")

        @field
        def section(self) -> str | None:
            return self.ld_text("articleSection")

        @field
        def tags(self) -> list[str]:
            raw = self.doc.meta_first("keywords") or ""
            return [
                tag for part in raw.split(",") if (tag := normalize_whitespace(part))
            ]

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)
