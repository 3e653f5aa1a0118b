"""Tagesschau: field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser, has_class
from newscrawl.extraction.text import clean_authors


@register("tagesschau_de")
class TagesschauDeParser(SiteParser):
    site_key = "tagesschau_de"

    class V1(SiteParser):
        """Pages with a ``NewsArticle`` JSON-LD node and ``p.textabsatz`` paragraphs."""

        # Body paragraphs and subheads; teaser boxes for other stories in between use
        # their own ``teaser-absatz__*`` classes and stay out.
        _body_selector = etree.XPath(
            f"//article//p[{has_class('textabsatz')}]"
            f" | //article//h2[{has_class('meldung__subhead')}]"
        )
        _summary_selector = etree.XPath(
            f"(//article//p[{has_class('textabsatz')}])[1]/strong"
        )

        # Teasers inside the text and the "Mehr zum Thema" list under it. Reading them
        # here also spares the generic body pass that would otherwise look for them.
        _related_selector = etree.XPath(
            f"//a[{has_class('teaser-absatz__link')} or {has_class('teaser-xs__link')}]"
            "[@href][.//h3]"
        )
        _related_label = etree.XPath(".//h3")

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
            return self.ld_authors() or clean_authors(self.doc.meta.get("author", []))

        @field
        def tags(self) -> list[str]:
            return self.ld_texts("keywords")

        @field
        def summary(self) -> str | None:
            # The lead is the first paragraph, set in bold.
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_selector, self._related_label)
