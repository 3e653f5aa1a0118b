"""Daily Maverick: field readers for its article pages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from lxml.cssselect import CSSSelector
from lxml.etree import XPath

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser

if TYPE_CHECKING:
    from newscrawl.extraction.document import Document


class _Fields(SiteParser):
    """Readers every Daily Maverick layout shares: its JSON-LD and ``<meta>`` tags."""

    _body_selector: ClassVar[CSSSelector]
    _summary_selector: ClassVar[CSSSelector]

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
        return self.doc.meta_first("section", "article:section")

    @field
    def summary(self) -> str | None:
        return next(iter(self.texts(self._summary_selector)), None)

    @field
    def body(self) -> str | None:
        parts: list[str] = []
        for text in self.texts(self._body_selector):
            # "Read more:" lines are links to other stories, not article text.
            if text.startswith("Read more"):
                continue
            parts.append(text)
            # "DM" signs the article off; author notes and reprint credits follow it.
            if text.endswith(" DM"):
                break
        return "\n\n".join(parts) or None


@register("dailymaverick_co_za")
class DailymaverickCoZaParser(SiteParser):
    site_key = "dailymaverick_co_za"

    class V1(_Fields):
        """The WordPress layout: reading-mode tabs, the long read in ``div#long-form``."""

        valid_until = date(2025, 11, 19)

        # Direct children only: captions sit in nested ``div.wp-caption`` boxes.
        _body_selector = CSSSelector(
            "div#long-form div.article-content > h2.first-paragraph,"
            " div#long-form div.article-content > p,"
            " div#long-form div.article-content > h4"
        )
        _summary_selector = CSSSelector("div#long-form h2.first-paragraph")
        _related_selector = XPath(
            "//div[@id='long-form']//div[contains(@class, 'article-content')]"
            "/p[starts-with(normalize-space(.), 'Read more')]//a[@href]"
        )

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_selector)

    # A sibling of V1, not a subclass: the Astro pages carry no "Read more" boxes, and
    # an inherited related_links reader would count as a field missed on every page.
    class V1_1(_Fields):
        """The Astro layout (late 2025): teaser in ``div.top-summary``, text in ``div.article-contents``."""

        _body_selector = CSSSelector(
            "div.top-summary > p,"
            " div.article-contents div.max-w-none > p,"
            " div.article-contents div.max-w-none > h3,"
            " div.article-contents div.max-w-none > ul > li"
        )
        _summary_selector = CSSSelector("div.top-summary > p")
        _layout_selector = CSSSelector("article div.article-contents")

        @classmethod
        def matches(cls, doc: Document) -> bool:
            return bool(cls._layout_selector(doc.tree))
