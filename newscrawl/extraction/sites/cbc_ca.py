"""CBC News: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.text import clean_authors


@register("cbc_ca")
class CbcCaParser(SiteParser):
    site_key = "cbc_ca"

    class V1(SiteParser):
        # The deck, then the story's paragraphs and subheadings; embedded media,
        # "similar" link lists and ads are not direct children of div.story.
        _body_selector = etree.XPath(
            "//h2[contains(@class, 'deck')]"
            " | //div[@class = 'story']/*[self::p or self::h2]"
        )
        _summary_selector = etree.XPath("//h2[contains(@class, 'deck')]")
        _headline_selector = etree.XPath("//h1[contains(@class, 'detailHeadline')]")
        _authors_selector = etree.XPath(
            "//div[contains(@class, 'bylineDetails')]//span[contains(@class, 'authorText')]"
        )
        # "Related Stories" under the text and the "similar" links set inside it.
        _related_links_selector = etree.XPath(
            "//a[contains(@class, 'relatedLink')][@href]"
            " | //a[contains(@class, 'similarLink')][@href]"
        )
        _related_label = etree.XPath("@text")

        @field
        def headline(self) -> str | None:
            # og:title is a social-media variant; JSON-LD and <h1> carry the headline.
            return self.ld_text("headline") or next(
                iter(self.texts(self._headline_selector)), None
            )

        @field
        def published(self) -> str | None:
            return self.date(self.ld_text("datePublished"))

        @field
        def modified(self) -> str | None:
            return self.date(self.ld_text("dateModified"))

        @field
        def authors(self) -> list[str]:
            return self.ld_authors() or clean_authors(
                self.texts(self._authors_selector)
            )

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def section(self) -> str | None:
            return self.ld_text("articleSection")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_links_selector, self._related_label)
