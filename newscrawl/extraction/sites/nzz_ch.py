"""Neue Zürcher Zeitung (NZZ): field readers for its article pages."""

from __future__ import annotations

from lxml import etree

from newscrawl.extraction import register
from newscrawl.extraction.base import field
from newscrawl.extraction.site import SiteParser, has_class

_ARTICLE = f"//section[{has_class('container--article')}]"


@register("nzz_ch")
class NzzChParser(SiteParser):
    site_key = "nzz_ch"

    class V1(SiteParser):
        """Pages built of ``.articlecomponent`` blocks under ``section.container--article``."""

        # Lead, then the components that carry text: subtitles, ticker time lines,
        # paragraphs and list items. Figures and the "Mit Agenturmaterial." footnote
        # are components of other kinds.
        _body_selector = etree.XPath(
            f"//p[{has_class('headline__lead')}]"
            f" | {_ARTICLE}/h2[{has_class('subtitle')}]"
            f" | {_ARTICLE}/h5[{has_class('time')}]"
            f" | {_ARTICLE}/p[{has_class('text')}]"
            f" | {_ARTICLE}/div[{has_class('articlecomponent')}]/ul/li"
        )
        _summary_selector = etree.XPath(f"//p[{has_class('headline__lead')}]")

        # The "more on the subject" teasers under the text. Reading them here also spares
        # the generic body pass that would otherwise look for them.
        _related_selector = etree.XPath(
            f"//section[{has_class('pageelement--moretosubject')}]"
            f"//div[{has_class('teaser__content')}]//a[@href][.//h2]"
        )
        _related_label = etree.XPath(".//h2")

        @field
        def headline(self) -> str | None:
            # The <h1> is the day's ticker title; JSON-LD keeps the article's own.
            return self.ld_text("headline") or self.doc.meta_first("title")

        @field
        def published(self) -> str | None:
            return self.date(self.ld_text("datePublished"))

        @field
        def modified(self) -> str | None:
            return self.date(self.ld_text("dateModified"))

        @field
        def authors(self) -> list[str]:
            # clean_authors drops the staff codes in brackets ("Ana Muster (amu)").
            return self.ld_authors()

        @field
        def summary(self) -> str | None:
            return next(iter(self.texts(self._summary_selector)), None)

        @field
        def body(self) -> str | None:
            return self.paragraphs(self._body_selector)

        @field
        def related_links(self) -> list[dict[str, str]]:
            return self.links(self._related_selector, self._related_label)
