"""Le Figaro: field readers for its article pages."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.structured import node_names
from newscrawl.extraction.text import normalize_whitespace


@register("lefigaro_fr")
class LefigaroFrParser(SiteParser):
    site_key = "lefigaro_fr"

    class V1(SiteParser):
        """Standfirst in ``p.fig-standfirst``, text and subheads in ``div.fig-content-body``."""

        _body_selector = CSSSelector(
            "article p.fig-standfirst,"
            " div.fig-content-body > p.fig-paragraph,"
            " div.fig-content-body > h2.fig-body-heading"
        )

        _related_selector = CSSSelector("div.fig-content-body p.fig-body-link a[href]")

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
            # Kept as the site writes them: "Le Figaro et AFP" is one joint byline.
            names = (normalize_whitespace(n) for n in node_names(self.ld.get("author")))
            return list(dict.fromkeys(name for name in names if name))

        @field
        def section(self) -> str | None:
            return self.doc.meta_first("article:section")

        @field
        def summary(self) -> str | None:
            return self.ld_text("description")

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_selector)
