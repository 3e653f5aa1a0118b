"""Le Figaro: field readers for its article pages."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin

from lxml.cssselect import CSSSelector

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser
from newscrawl.extraction.structured import node_names
from newscrawl.extraction.text import normalize_whitespace

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def _links(anchors: list[HtmlElement], page_url: str) -> list[dict[str, str]]:
    """``{"url", "text"}`` of each distinct link, absolute and without fragment."""
    links: dict[str, str] = {}
    for anchor in anchors:
        url = urldefrag(urljoin(page_url, anchor.get("href") or ""))[0]
        if url.startswith(("http://", "https://")) and url not in links:
            links[url] = normalize_whitespace(anchor.text_content())
    return [{"url": url, "text": text} for url, text in links.items()]


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
            return _links(self._related_selector(self.doc.tree), self.url)
